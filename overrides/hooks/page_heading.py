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

from markupsafe import Markup, escape
from mkdocs.structure.toc import AnchorLink

from site_model import LISTEN_PLACE

HEADING_ID = "app-title"  # "Skip to content" goes here: an id no heading's own slug can take


def on_page_markdown(markdown, page, **kwargs):
    title = page.meta.get("title")
    if isinstance(title, str) and not isinstance(title, Markup):
        page.meta["title"] = escape(title)
    return markdown


def on_page_content(content, page, **kwargs):
    title = page.meta.get("title")
    if not title or "<h1" in content:
        return content
    if getattr(page, "toc", None) is not None:
        heading = AnchorLink(str(title), HEADING_ID, 1)
        heading.children = list(page.toc.items)
        page.toc.items[:] = [heading]
    listen = "" if LISTEN_PLACE in content else LISTEN_PLACE + "\n"
    return f'<h1 id="{HEADING_ID}" tabindex="-1">{escape(title)}</h1>\n{listen}{content}'
