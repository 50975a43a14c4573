"""A page's own picture, from its front matter, at the top of the page beside its first words.

`picture: baby` and `picture_alt: A baby` (checked by front_matter.py: every activity and age
page has one, and the name is a real OpenMoji drawing) become `![A baby](picture:baby)` with
the class `app-page-picture` at the top of the page's Markdown; pictures.py then draws it like
any other picture, sized, and the first on the page is never lazy. docs/assets/extra.css shows
it small (64 px) beside the words on screen and on paper (on an activity, inside its "Good for"
box, so that a printed sheet keeps its two columns). `picture_alt: ""` marks a picture
that only decorates.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from mkdocs.plugins import event_priority

import site_model

# The home page's doors: their pictures are drawn inside the page, not fetched, so the first
# view stays one request (each picture would cost a request with its headers, and the first
# view's budget is 30 KB).
DOORS = re.compile(r'<div class="grid cards app-doors">.*?</div>', re.S)
DOOR_IMG = re.compile(r'<img\b[^>]*\bsrc="(?:\./)?(assets/pictures/[^"]+\.svg)"[^>]*>')
ALT = re.compile(r'\balt="([^"]*)"')


def picture_markdown(meta: dict) -> str:
    """The Markdown for a page's picture, or "" if it has none."""
    name = meta.get("picture")
    if not name:
        return ""
    alt = " ".join(str(meta.get("picture_alt") or "").split()).replace("[", "(").replace("]", ")")
    return f"![{alt}](picture:{name}){{ .app-page-picture }}\n\n"


TAG_LINE = '<div class="app-tags" markdown>\n\n'  # activities.py's line, which runs first


def on_page_markdown(markdown, page, **kwargs):
    picture = picture_markdown(site_model.meta_of(page.file))
    if picture and markdown.startswith(TAG_LINE):
        # An activity: the picture goes in its "Good for" box, which spans both printed columns,
        # so on paper it sits beside that box instead of taking a line of its own.
        return TAG_LINE + picture + markdown[len(TAG_LINE):]
    return picture + markdown


def inline_pictures(html: str, site: Path) -> str:
    """The doors' <img> pictures as inline SVG (the slimmed copies pictures.py wrote)."""
    def inline(match: re.Match) -> str:
        svg = (site / match[1]).read_text(encoding="utf-8")
        alt = ALT.search(match[0])
        label = (f'role="img" aria-label="{escape(alt[1], quote=True)}"' if alt and alt[1]
                 else 'aria-hidden="true" focusable="false"')
        return svg.replace("<svg ", f'<svg class="app-picture" width="72" height="72" {label} ', 1)

    return DOORS.sub(lambda door: DOOR_IMG.sub(inline, door[0]), html)


@event_priority(-10)  # after pictures.py (0) has written the drawings; before the CSP and offline hashes
def on_post_build(config, **kwargs):
    site = Path(config.site_dir)
    home = site / "index.html"
    if home.is_file():
        home.write_text(inline_pictures(home.read_text(encoding="utf-8"), site), encoding="utf-8")
