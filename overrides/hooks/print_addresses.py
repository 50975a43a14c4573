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

BLOCKS = {"p", "li", "ul", "ol", "div", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"}  # a run of links ends at their edges
SCHEME = re.compile(r"[a-z]+:")


def short_address(href: str) -> str:
    """'https://www.nhs.uk/conditions/baby/' -> 'nhs.uk'."""
    host = urlsplit(href).hostname or href
    return host.removeprefix("www.")


def _external(element) -> bool:
    return element.tag == "a" and (element.get("href") or "").startswith(("http://", "https://"))


def _links_and_edges(element):
    """The page in reading order as the links to other sites and the edges of blocks (None)."""
    block = element.tag in BLOCKS
    if block:
        yield None
    if _external(element):
        yield element
    for child in element:
        yield from _links_and_edges(child)
    if block:
        yield None


def with_print_addresses(root) -> None:
    """Each link to another site prints its site's name, once after a run of links to the same
    site in one block."""
    walk = list(_links_and_edges(root))
    for at, link in enumerate(walk):
        if link is None:
            continue
        following = walk[at + 1] if at + 1 < len(walk) else None
        address = short_address(link.get("href"))
        if following is None or short_address(following.get("href")) != address:
            link.set("data-print-address", address)


def with_page_addresses(root, page, config, files) -> None:
    """Links to our own pages inside a "try these first" box get the page's printed address."""
    boxes = [div for div in root.iter("div") if div.get("class") == "app-try-first"]
    if not boxes:
        return  # most pages have no such box: the site's pages and short links are not worked out
    pages = {f.url: f for f in files.documentation_pages()}
    short = site_model.page_short_links(config, files)
    for box in boxes:
        for link in box.iter("a"):
            href = link.get("href") or ""
            if not href or SCHEME.match(href) or href.startswith(("#", "/")) or "#" in href:
                continue
            target = pages.get(posixpath.normpath(posixpath.join(page.url, href)) + "/")
            if target is not None:
                link.set("data-print-address", site_model.page_print_address(config, short, target))


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


def on_page_tree(root, page, config, files, **kwargs):
    with_print_addresses(root)
    with_page_addresses(root, page, config, files)


def on_page_content(html, page, config, files, **kwargs):
    return handout(html, page, config, files)
