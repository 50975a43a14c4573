"""Activity pages name their ages and skills at the top, and search results say them in words.

Each activity page (site_model.is_activity) gets a line under its title, "Good for: 0 to 6
months / Helps with: Big movements", linked to the groups on the play ideas index. Lists of
activities are made by the `<!-- app/activities ... -->` marker (markers.py).
An activity prints as a one-sheet handout in two columns under its title and tag line
(print_layout.columns_in_tree: the browser balances them; WebKit gets two halves side by side).
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import print_layout
import site_model


def tag_line(page, config) -> str:
    """'Good for: 0 to 6 months / Helps with: ...' linked to the index groups."""
    tags = config.extra["app_tags"]
    index = posixpath.relpath(site_model.ACTIVITY_INDEX, posixpath.dirname(page.file.src_uri))

    def links(prefix):
        return ", ".join(f"[{tags[t]}]({index}#{site_model.tag_anchor(t)})" for t in tags
                         if t.startswith(prefix) and t in page.file.app_meta["tags"])
    return (f'<div class="app-tags" markdown>\n\n**Good for:** {links("age/")}  \n'
            f'**Helps with:** {links("skill/")}\n\n</div>\n\n')


def on_page_markdown(markdown, page, config, **kwargs):
    if not site_model.is_activity(page.file):
        return markdown
    return tag_line(page, config) + markdown


SOURCES = "#sources"  # the anchor of each page's "## Sources" section


def on_page_tree(root, page, md, **kwargs):
    """The sections after the tag line in two printed columns (print_layout.columns_in_tree)."""
    if not site_model.is_activity(page.file):
        return
    tags = next((i for i, e in enumerate(root) if e.tag == "div" and e.get("class") == "app-tags"), None)
    if tags is None:
        print_layout.columns_in_tree(root, 0, len(root), md)
    else:
        print_layout.columns_in_tree(root, tags + 1, len(root), md, take_lead=True)


def on_post_build(config, **kwargs):
    """Search results show a page's tags: in a parent's words ("1 to 2 years"), not the tag
    itself ("age/1-2-years"), as the line at the top of the page says them. Each page's
    Sources section (titles of studies and addresses, for checking, not for finding things) is
    left out of search: a parent searching "walking" gets pages, not reference lists, and the
    index stays small enough to keep for use offline."""
    index = Path(config.site_dir) / "search" / "search_index.json"
    if not index.is_file():
        return
    words = config.extra.get("app_tags", {})
    data = json.loads(index.read_text(encoding="utf-8"))
    data["docs"] = [doc for doc in data.get("docs", []) if not doc.get("location", "").endswith(SOURCES)]
    for doc in data.get("docs", []):
        if doc.get("tags"):
            doc["tags"] = [words.get(tag, tag) for tag in doc["tags"]]
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
