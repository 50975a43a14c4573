"""A page's own picture, from its front matter, at the top of the page beside its first words.

`picture: baby` and `picture_alt: A baby` (checked by front_matter.py: every activity and age
page has one, and the name is a real OpenMoji drawing) become `![A baby](picture:baby)` with
the class `app-page-picture` at the top of the page's Markdown; pictures.py then draws it like
any other picture, sized, and the first on the page is never lazy. docs/assets/extra.css shows
it small (64 px) beside the words on screen and on paper. `picture_alt: ""` marks a picture
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


def on_page_markdown(markdown, page, **kwargs):
    return picture_markdown(site_model.meta_of(page.file)) + markdown
