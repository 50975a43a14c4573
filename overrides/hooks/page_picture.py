"""A page's own picture, from its front matter, at the top of the page beside its first words.

`picture: baby` and `picture_alt: A baby` (checked by front_matter.py: every activity and age
page has one, and the name is a real OpenMoji drawing) become `![A baby](picture:baby)` with
the class `app-page-picture` at the top of the page's Markdown; pictures.py then draws it like
any other picture, sized, and the first on the page is never lazy; after the build it is put
inside the page as inline SVG, labelled with its alt text (see PAGE_PICTURE below). docs/assets/extra.css shows
it small (64 px) beside the words on screen and on paper (on an activity, inside its "Good for"
box, so that a printed sheet keeps its two columns). `picture_alt: ""` marks a picture
that only decorates.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path


import built_pages
import front_matter_reader

# Pictures drawn inside the page, not fetched: each page's own picture, the home page's doors,
# and every picture on an Easy Read page (one beside each idea, up to 17 on a page). Each fetched picture costs a
# request with its headers, and the browser fetches even the lazy ones a screen or two ahead,
# so the first view (30 KB) would not hold; drawn inline they compress together with the page.
# The booklet keeps its <img>s: it is for printing.
DOORS = re.compile(r'<div class="grid cards app-doors">.*?</div>', re.S)
PICTURE_IMG = re.compile(r'<img\b[^>]*\bsrc="(?:\./|\.\./)*(assets/pictures/[^"]+\.svg)"[^>]*>')
PAGE_PICTURE = re.compile(r'<img\b[^>]*\bclass="[^"]*\bapp-page-picture\b[^"]*"[^>]*>')
USED_FILE = re.compile(r'assets/pictures/([^"/]+\.svg)"')
EASY_READ = re.compile(r"easy-read/(?!booklet/).*index\.html")
ALT = re.compile(r'\balt="([^"]*)"')
SIZE = re.compile(r'\b(width|height)="(\d+)"')
CLASS = re.compile(r'\bclass="([^"]*)"')


def picture_markdown(meta: dict) -> str:
    """The Markdown for a page's picture, or "" if it has none."""
    name = meta.get("picture")
    if not name:
        return ""
    alt = " ".join(str(meta.get("picture_alt") or "").split()).replace("[", "(").replace("]", ")")
    return f"![{alt}](picture:{name}){{ .app-page-picture }}\n\n"


TAG_LINE = '<div class="app-tags" markdown>\n\n'  # activities.py's line, which runs first


def on_page_markdown(markdown, page, **kwargs):
    picture = picture_markdown(front_matter_reader.meta_of(page.file))
    if picture and markdown.startswith(TAG_LINE):
        # An activity: the picture goes in its "Good for" box, which spans both printed columns,
        # so on paper it sits beside that box instead of taking a line of its own.
        return TAG_LINE + picture + markdown[len(TAG_LINE):]
    return picture + markdown


def inline_pictures(html: str, site: Path, drawings: dict[str, str] | None = None) -> str:
    """Each picture's <img> as inline SVG (the slimmed copies pictures.py wrote), keeping its
    class, its size and its alt text (as the drawing's label; none marks it decorative).
    `drawings` keeps each drawing's text once read, for the next page that shows it."""
    drawings = {} if drawings is None else drawings

    def inline(match: re.Match) -> str:
        if match[1] not in drawings:
            drawings[match[1]] = (site / match[1]).read_text(encoding="utf-8")
        svg = drawings[match[1]]
        alt = ALT.search(match[0])
        label = (f'role="img" aria-label="{escape(alt[1], quote=True)}"' if alt and alt[1]
                 else 'aria-hidden="true" focusable="false"')
        found = dict(SIZE.findall(match[0]))
        size = f'width="{found.get("width", "72")}" height="{found.get("height", "72")}"'
        classes = CLASS.search(match[0])
        return svg.replace("<svg ", f'<svg class="{classes[1] if classes else "app-picture"}" {size} {label} ', 1)

    return PICTURE_IMG.sub(inline, html)


def on_post_build(config, build, **kwargs):
    site = Path(config.site_dir)
    pages = built_pages.pages(site, build)  # the pages as lean_pages.py left them
    drawings: dict[str, str] = {}
    if "index.html" in pages:
        pages["index.html"] = DOORS.sub(lambda door: inline_pictures(door[0], site, drawings), pages["index.html"])
    fetched: set[str] = set()
    for name, html in pages.items():
        if "assets/pictures/" not in html:
            continue  # no picture to draw or to keep (str's own search, far faster than the patterns')
        if EASY_READ.fullmatch(name):
            drawn = inline_pictures(html, site, drawings)
        elif "app-page-picture" in html:
            drawn = PAGE_PICTURE.sub(lambda m: inline_pictures(m[0], site, drawings), html)
        else:
            drawn = html
        pages[name] = drawn
        fetched.update(USED_FILE.findall(drawn))
    # A drawing now inside every page that showed it is not needed as a file.
    for file in (site / "assets" / "pictures").glob("*.svg"):
        if file.name not in fetched:
            file.unlink()
