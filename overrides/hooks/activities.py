"""Lists of activities, made from the activity pages' `tags`, so no list is kept by hand.

Markers, each alone on a line:
  `<!-- app/activities tag=age/1-2-years -->`  the activities with that tag
  `<!-- app/activities by=age -->` / `by=skill` every activity, grouped by age band or skill
Each activity page also gets a line at the top naming its ages and skills, linked to the
play ideas index. Works without JavaScript: the lists are plain HTML links.
An activity prints as a one-sheet handout in two columns. CSS columns print as one long column
in WebKit (Safari), so its sections are split here into two halves of about the same length,
which extra.css sets side by side on paper with a grid, as every engine prints it.
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


SECTION = re.compile(r"(?=<h2[\s>])")
BLOCK = re.compile(r"<(?:p|li|h2|h3|div class=\"admonition)[\s>]")
TAG = re.compile(r"<[^>]+>")
PRINTED_LINK = re.compile(r'<a [^>]*href="(https?://[^"]+)"')  # paper shows where links go


def print_columns(html: str) -> str:
    """The sections after the tag line in two <div class="app-column">, split at the <h2> that
    balances their length best (text and printed addresses, plus a line's worth for each
    paragraph, item or heading)."""
    start = html.find('<div class="app-tags"')
    end = html.find("</div>", start) + len("</div>") if start != -1 else 0
    parts = SECTION.split(html[end:])
    if len(parts) < 3:
        return html
    weights = [len(TAG.sub("", part)) + 40 * len(BLOCK.findall(part)) + sum(map(len, PRINTED_LINK.findall(part)))
               for part in parts]
    total = sum(weights)
    split = min(range(1, len(parts)), key=lambda k: abs(2 * sum(weights[:k]) - total))
    return (html[:end] + '<div class="app-columns"><div class="app-column">' + "".join(parts[:split])
            + '</div><div class="app-column">' + "".join(parts[split:]) + "</div></div>")


def on_page_content(html, page, config, files, **kwargs):
    return print_columns(html) if page.file in activities(files) else html


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
