"""Each page's heading is its front matter `title`; the menu may use a shorter label.

Material writes the menu label as the h1 when a page has none of its own, so this hook
writes the h1 from the title first. A page never starts with `# ` (leftover_markup.py).

The theme writes a page's title into the menu, the header, the breadcrumbs and the footer as
it is, unescaped. Once the other hooks have read the plain title (share_cards.py draws it),
the title becomes escaped text (markupsafe.Markup), which every template then writes
escaped, `| e` or not: "Play & learn" is "Play &amp; learn" everywhere in the HTML.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from mkdocs.plugins import event_priority


@event_priority(-100)  # last: the hooks before this read the title as plain text
def on_page_markdown(markdown, page, **kwargs):
    title = page.meta.get("title")
    if isinstance(title, str) and not isinstance(title, Markup):
        page.meta["title"] = escape(title)
    return markdown


def on_page_content(content, page, **kwargs):
    title = page.meta.get("title")
    if not title or "<h1" in content:
        return content
    return f"<h1>{escape(title)}</h1>\n{content}"
