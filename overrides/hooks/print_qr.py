"""A QR code of each page's own address, drawn at build time for the printed page.

Clinic staff hand printouts to families; scanning the code opens the page online, where the
advice is kept up to date. segno draws it as inline SVG: no image request, no network.
"""

from __future__ import annotations

import segno


def qr_svg(url: str, scale: int = 3) -> str:
    # A quiet zone of four modules, as the QR standard asks, so every phone reads it.
    return segno.make(url, error="m").svg_inline(scale=scale, border=4, dark="#000000", light="#ffffff")


def on_page_markdown(markdown, page, **kwargs):
    if page.canonical_url:
        page.meta["app_qr"] = qr_svg(page.canonical_url)
    return markdown
