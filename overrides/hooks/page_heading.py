"""Each page's heading is its front matter `title`; the menu may use a shorter label.

Material writes the menu label as the h1 when a page has none of its own, so this hook
writes the h1 from the title first. A page never starts with `# ` (leftover_markup.py).

The h1 is the first entry of the page's table of contents, with the page's sections inside it
(as when a page's Markdown has its own `# ` heading): the theme's "Skip to content" link goes to
the first entry, so it lands on the page's heading, before anything the page opens with (the
home page's four doors), and the theme's "On this page" list still shows just the sections.
The heading takes focus (tabindex -1), so the next Tab goes on from there in every browser.

"Listen to this page" goes right under the heading: this hook leaves its place there
(site_model.LISTEN_PLACE, which main.html fills), unless the page put it lower with the
`<!-- app/listen -->` marker (the home page: after its four doors).

The theme writes a page's title into the menu, the header, the breadcrumbs and the footer as
it is, unescaped. Once the other hooks have read the plain title (share_cards.py draws it),
the title becomes escaped text (markupsafe.Markup), which every template then writes
escaped, `| e` or not: "Play & learn" is "Play &amp; learn" everywhere in the HTML.
"""

from __future__ import annotations

from xml.etree import ElementTree as etree

from markupsafe import Markup, escape

from site_model import LISTEN_PLACE

HEADING_ID = "app-title"  # "Skip to content" goes here: an id no heading's own slug can take


def on_page_markdown(markdown, page, **kwargs):
    title = page.meta.get("title")
    if isinstance(title, str) and not isinstance(title, Markup):
        page.meta["title"] = escape(title)
    return markdown


def _in_raw_html(md, text: str) -> bool:
    """Whether the page's raw HTML (kept aside by Markdown until the tree is written) holds text."""
    return any(text in str(block) for block in md.htmlStash.rawHtmlBlocks)


def on_page_tree(root, page, md, **kwargs):
    """The h1 first in the page's element tree, then Listen's place; the h1 first in its contents."""
    title = page.meta.get("title")
    if not title or root.find(".//h1") is not None or _in_raw_html(md, "<h1"):
        return
    heading = etree.Element("h1", {"id": HEADING_ID, "tabindex": "-1"})
    # The title escaped as every template writes it ("'" as &#39;): Markdown's serializer leaves
    # an entity as it is, so the h1 is the same bytes as the title everywhere else on the page.
    heading.text = str(escape(title))
    heading.tail = "\n"
    root.insert(0, heading)
    if not _in_raw_html(md, LISTEN_PLACE):
        listen = etree.Comment(LISTEN_PLACE.removeprefix("<!--").removesuffix("-->"))
        listen.tail = "\n"
        root.insert(1, listen)
    # MkDocs makes page.toc from these once Markdown is done: the h1 holds the page's sections.
    if hasattr(md, "toc_tokens"):
        md.toc_tokens[:] = [{"level": 1, "id": HEADING_ID, "name": str(escape(title)), "children": list(md.toc_tokens)}]
