"""A page's own picture, from its front matter, at the top of the page beside its first words.

`picture: baby` and `picture_alt: A baby` (checked by front_matter.py: every activity and age
page has one, and the name is a real OpenMoji drawing) become `![A baby](picture:baby)` with
the class `app-page-picture` at the top of the page's Markdown; pictures.py then draws it like
any other picture, sized, and the first on the page is never lazy; then (on_page_tree, after
pictures.py, and on_post_build) it is put inside the page as inline SVG, labelled with its alt
text (see inline below). docs/assets/extra.css shows it small (64 px) beside the words on screen
and on paper (on an activity, inside its "Good for" box, so that a printed sheet keeps its two
columns). `picture_alt: ""` marks a picture that only decorates.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path


import built_pages
import front_matter_reader
from page_document import Document
from picture_names import slim_drawing

# Pictures drawn inside the page, not fetched: each page's own picture, the home page's doors,
# and every picture on an Easy Read page (one beside each idea, up to 17 on a page). Each fetched picture costs a
# request with its headers, and the browser fetches even the lazy ones a screen or two ahead,
# so the first view (30 KB) would not hold; drawn inline they compress together with the page.
# The booklet keeps its <img>s: it is for printing.
DOORS = "grid cards app-doors"  # the home page's doors: the class of their box
EASY_READ = re.compile(r"easy-read/(?!booklet\.md$).*\.md")
USED_FILE = re.compile(r"assets/pictures/([^/]+\.svg)\Z")  # an attribute's value: a drawing the page fetches


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


def inline(img) -> str:
    """A picture's <img> (as pictures.py drew it) as inline SVG: the slimmed drawing, with the
    img's class, its size and its alt text (as the drawing's label; none marks it decorative)."""
    svg = slim_drawing(img.get("src").rsplit("/", 1)[-1])
    alt = img.get("alt")
    label = f'role="img" aria-label="{escape(alt, quote=True)}"' if alt else 'aria-hidden="true" focusable="false"'
    size = f'width="{img.get("width", "72")}" height="{img.get("height", "72")}"'
    return svg.replace("<svg ", f'<svg class="{img.get("class") or "app-picture"}" {size} {label} ', 1)


def _drawn(img) -> bool:
    return "app-picture" in (img.get("class") or "").split() and (img.get("src") or "").endswith(".svg")


def on_page_tree(root, page, md, build, **kwargs):
    """The pictures this page shows inside itself, each <img> replaced where it stands by an
    empty <svg> that holds its place (kept aside in Markdown's stash, as raw HTML is); on_post_build
    puts the drawing in. The search plugin reads every page's content in between, and the
    drawings' shapes would only slow it (a third of a build's CPU)."""
    uri = page.file.src_uri
    if EASY_READ.fullmatch(uri):
        chosen = [img for img in root.iter("img") if _drawn(img)]
    else:
        chosen = [img for img in root.iter("img") if _drawn(img) and "app-page-picture" in img.get("class").split()]
        if uri == "index.md":
            doors = [div for div in root.iter("div") if div.get("class") == DOORS]
            chosen += [img for div in doors[:1] for img in div.iter("img") if _drawn(img) and img not in chosen]
    if not chosen:
        return
    parents = {child: parent for parent in root.iter() for child in parent}
    drawings = build.inline_pictures.setdefault(page.file.dest_uri, {})
    drawings.clear()  # `mkdocs serve` converts a page again in the same build object only after a new build
    for number, img in enumerate(chosen):
        parent = parents[img]
        at = list(parent).index(img)
        drawings[str(number)] = inline(img)
        text = md.htmlStash.store(f'<svg data-app-picture="{number}"></svg>') + (img.tail or "")
        if at == 0:
            parent.text = (parent.text or "") + text
        else:
            parent[at - 1].tail = (parent[at - 1].tail or "") + text
        parent.remove(img)


def put_in(page: Document, drawings: dict[str, str]) -> None:
    """Each drawing in the empty <svg data-app-picture="N"> that kept its place."""
    if drawings:
        for place in page.find("svg", lambda e: e.has("data-app-picture")):
            page.replace(place, drawings[place.attr("data-app-picture")])


def on_post_build(config, build, **kwargs):
    """Each drawing put in the place on_page_tree kept for it, on the page's parsed document; then
    a drawing now inside every page that showed it is not needed as a file."""
    site = Path(config.site_dir)
    for name, page in built_pages.documents(site, build).items():
        put_in(page, build.inline_pictures.get(name, {}))
    fetched = {m[1] for page in built_pages.documents(site, build).values()
               if "assets/pictures/" in page.html  # else no drawing to look for: the page need not be parsed
               for element in page.elements for _, value in element.attrs if value for m in USED_FILE.finditer(value)}
    for file in (site / "assets" / "pictures").glob("*.svg"):
        if file.name not in fetched:
            file.unlink()
