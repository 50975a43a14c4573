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

import site_model


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
