"""Each page's heading is its front matter `title`; the menu may use a shorter label.

Material writes the menu label as the h1 when a page has none of its own, so this hook
writes the h1 from the title first. A page never starts with `# ` (leftover_markup.py).
"""

from __future__ import annotations

import html


def on_page_content(content, page, **kwargs):
    title = page.meta.get("title")
    if not title or "<h1" in content:
        return content
    return f"<h1>{html.escape(title)}</h1>\n{content}"
