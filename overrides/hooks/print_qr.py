"""A QR code of each page's own address, drawn at build time for the printed page.

Clinic staff hand printouts to families; scanning the code opens the page online, where the
advice is kept up to date. segno draws it as inline SVG: no image request, no network.
partials/app-print-header.html shows `page.meta.app_qr`.
"""

from __future__ import annotations

import site_model


def on_page_markdown(markdown, page, **kwargs):
    if page.canonical_url:
        page.meta["app_qr"] = site_model.qr_svg(page.canonical_url)
    return markdown
