"""A QR code of each page's own address, drawn at build time for the printed page.

Clinic staff hand printouts to families; scanning the code opens the page online, where the
advice is kept up to date. segno draws it as inline SVG: no image request, no network.
On paper the QR code and the address printed beside it are one address: a page with a short
link prints its print channel address (/print/1-2-years/, site_model.print_url), so the
server's log counts the visits that came from paper; any other page prints its own address.
partials/app-print-header.html shows `page.meta.app_qr` and `page.meta.app_print_url`.
"""

from __future__ import annotations

import qr_codes
import site_model


def on_page_markdown(markdown, page, config, files, **kwargs):
    if page.canonical_url:
        url = site_model.print_url(config, site_model.page_short_links(config, files), page.file)
        page.meta["app_print_url"] = url
        # A viewBox and no fixed size, so the print style sheet scales the whole code to 18 mm.
        page.meta["app_qr"] = qr_codes.qr_svg(url, omitsize=True)
    return markdown
