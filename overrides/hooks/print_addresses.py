"""On paper a link cannot be clicked: it prints the short name of the site it goes to.

Each link to another site gets `data-print-address="nhs.uk"` (its host, without "www."), which
the print style sheet shows after the link's words: "NHS advice (nhs.uk)". A raw address takes
two or three printed lines and helps nobody; the page's own address and QR code, printed at the
top, open the page online with every link whole.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

EXTERNAL = re.compile(r'<a (?P<before>[^>]*?)href="(?P<href>https?://[^"]+)"')


def short_address(href: str) -> str:
    """'https://www.nhs.uk/conditions/baby/' -> 'nhs.uk'."""
    host = urlsplit(href).hostname or href
    return host.removeprefix("www.")


def on_page_content(html, page, **kwargs):
    return EXTERNAL.sub(lambda m: f'<a {m["before"]}data-print-address="{short_address(m["href"])}" '
                                  f'href="{m["href"]}"', html)
