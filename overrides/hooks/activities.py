"""Lists of activities, made from the activity pages' `tags`, so no list is kept by hand.

Markers, each alone on a line:
  `<!-- app/activities tag=age/1-2-years -->`  the activities with that tag
  `<!-- app/activities by=age -->` / `by=skill` every activity, grouped by age band or skill
Each activity page also gets a line at the top naming its ages and skills, linked to the
play ideas index. Works without JavaScript: the lists are plain HTML links.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from page_text import docs_path, outside_code

MARKER = re.compile(r"^<!--\s*app/activities\s+(tag|by)=([\w/-]+)\s*-->\s*$", re.M)
INDEX = "play/index.md"


def anchor(tag: str) -> str:
    return tag.replace("/", "-")


def activities(files) -> list:
    """Activity pages (those under play/ with tags), sorted by title."""
    pages = [f for f in files.documentation_pages()
             if f.src_uri.startswith("play/") and f.src_uri != INDEX and getattr(f, "app_meta", {}).get("tags")]
    return sorted(pages, key=lambda f: f.app_meta["title"].casefold())


def link(file, page) -> str:
    return posixpath.relpath(file.src_uri, posixpath.dirname(page.file.src_uri) or ".")


def bullet_list(files, page) -> list[str]:
    return [f"- [{f.app_meta['title']}]({link(f, page)}): {f.app_meta['description'].strip()}" for f in files]


def listing(kind: str, value: str, page, files, config) -> str:
    tags = config.extra["app_tags"]
    pages = activities(files)
    if kind == "tag":
        if value not in tags:
            raise PluginError(f"{docs_path(page, config)}: the marker names the tag '{value}', which is not in "
                              f"extra.app_tags in mkdocs.yml.")
        chosen = [f for f in pages if value in f.app_meta["tags"]]
        return "\n".join(bullet_list(chosen, page) or ["No activities for this yet."]) + "\n"
    if value not in ("age", "skill"):
        raise PluginError(f"{docs_path(page, config)}: use 'by=age' or 'by=skill', not 'by={value}'.")
    out = []
    for tag, label in tags.items():
        if tag.startswith(value + "/"):
            chosen = [f for f in pages if tag in f.app_meta["tags"]]
            out += [f"### {label} {{#{anchor(tag)}}}", ""] + bullet_list(chosen, page) + [""]
    return "\n".join(out)


def tag_line(page, files, config) -> str:
    """'Good for: 0 to 6 months · Helps with: ...' linked to the index groups."""
    tags = config.extra["app_tags"]
    index = posixpath.relpath(INDEX, posixpath.dirname(page.file.src_uri))
    def links(prefix):
        return ", ".join(f"[{tags[t]}]({index}#{anchor(t)})" for t in tags if t.startswith(prefix)
                         and t in page.file.app_meta["tags"])
    return (f'<div class="app-tags" markdown>\n\n**Good for:** {links("age/")}  \n'
            f'**Helps with:** {links("skill/")}\n\n</div>\n\n')



def on_page_markdown(markdown, page, config, files, **kwargs):
    markdown = outside_code(MARKER, lambda m: listing(*m.groups(), page, files, config), markdown)
    if page.file in activities(files):
        markdown = tag_line(page, files, config) + markdown
    return markdown


def on_post_build(config, **kwargs):
    """Search results show a page's tags: show a parent's words ("1 to 2 years"), not the
    tag itself ("age/1-2-years"), so they read as the tag line at the top of the page."""
    index = Path(config.site_dir) / "search" / "search_index.json"
    if not index.is_file():
        return
    words = config.extra.get("app_tags", {})
    data = json.loads(index.read_text(encoding="utf-8"))
    for doc in data.get("docs", []):
        if doc.get("tags"):
            doc["tags"] = [words.get(tag, tag) for tag in doc["tags"]]
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
