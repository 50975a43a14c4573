"""On paper a link cannot be clicked: it prints the short name of the site it goes to.

Each link to another site gets `data-print-address="nhs.uk"` (its host, without "www."), which
the print style sheet shows after the link's words: "NHS advice (nhs.uk)". Links to the same
site one after another in a paragraph or list item print it once, after the last: "3 years,
4 years and 5 years (cdc.gov)". A raw address takes two or three printed lines and helps nobody;
the page's own address and QR code, printed at the top, open the page online with every link whole.
The play ideas an age page asks a parent to try first print their own address to type, short
where the page has a short link: "Balance games (example.org/play/balance-games/)".
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

import build_cache
import print_handout
import site_model

EXTERNAL = re.compile(r'<a (?P<before>[^>]*?)href="(?P<href>https?://[^"]+)"')
TRY_FIRST = re.compile(r'<div class="app-try-first">.*?</div>', re.S)
INTERNAL = re.compile(r'<a href="(?![a-z]+:|#|/)([^"#]+)"')
BLOCK_EDGE = re.compile(r"</?(?:p|li|ul|ol|div|h\d|td|th)[\s>]")


def short_address(href: str) -> str:
    """'https://www.nhs.uk/conditions/baby/' -> 'nhs.uk'."""
    host = urlsplit(href).hostname or href
    return host.removeprefix("www.")


def with_print_addresses(html: str) -> str:
    links = list(EXTERNAL.finditer(html))
    out, last = [], 0
    for link, following in zip(links, links[1:] + [None]):
        address = short_address(link["href"])
        same_run = (following is not None and short_address(following["href"]) == address
                    and not BLOCK_EDGE.search(html, link.end(), following.start()))
        out.append(html[last:link.start()])
        out.append(f'<a {link["before"]}href="{link["href"]}"' if same_run else
                   f'<a {link["before"]}data-print-address="{address}" href="{link["href"]}"')
        last = link.end()
    return "".join(out) + html[last:]


def with_page_addresses(html: str, page, config, files) -> str:
    """Links to our own pages inside a "try these first" box get the page's printed address."""
    if not TRY_FIRST.search(html):
        return html  # most pages have no such box: the site's pages and short links are not worked out
    pages = {f.url: f for f in files.documentation_pages()}
    short = site_model.page_short_links(config, files)

    def address(link: re.Match) -> str:
        target = pages.get(posixpath.normpath(posixpath.join(page.url, link[1])) + "/")
        if target is None:
            return link[0]
        return f'<a data-print-address="{site_model.page_print_address(config, short, target)}" href="{link[1]}"'

    return TRY_FIRST.sub(lambda box: INTERNAL.sub(address, box[0]), html)


def handout(html: str, page, config, files) -> str:
    """An age page, and the age page at the start of its print pack, as a handout
    (print_handout.py): numbered notes, longer prose on screen only."""
    bands = site_model.age_bands(config)
    band = next((b for b in bands if page.file.src_uri in (b.page, f"packs/{b.id}.md")), None)
    age_page = files.get_file_from_path(band.page) if band else None
    if age_page is None:
        return html
    address = site_model.page_print_address(config, site_model.page_short_links(config, files), age_page)
    try:
        # Kept between builds by what it is made from (BeautifulSoup makes it slowly; ten pages).
        return build_cache.kept("handouts", (build_cache.code(print_handout.__file__), html, address, band.page),
                                lambda: print_handout.age_handout(html, address, band.page))
    except print_handout.HandoutError as error:
        raise PluginError(f"{site_model.where(page, config, error.words)}: {error}") from None


def on_page_content(html, page, config, files, **kwargs):
    return handout(with_page_addresses(with_print_addresses(html), page, config, files), page, config, files)
