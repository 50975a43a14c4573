"""A QR code of each page's own address, drawn at build time for the printed page.

Clinic staff hand printouts to families; scanning the code opens the page online, where the
advice is kept up to date. segno draws it as inline SVG: no image request, no network.
partials/app-print-header.html shows `page.meta.app_qr`.
"""

from __future__ import annotations

import site_model


def on_page_markdown(markdown, page, **kwargs):
    if page.canonical_url:
        # A viewBox and no fixed size, so the print style sheet scales the whole code to 18 mm.
        page.meta["app_qr"] = site_model.qr_svg(page.canonical_url, omitsize=True)
    return markdown
