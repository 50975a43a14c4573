"""Give the theme's search dialog a name, so screen readers announce what opened.

Material writes `<div class="md-search" ... role="dialog">` with no label (axe rule
aria-dialog-name). Adding the label here is one attribute, not a copy of the theme's partial.
If the theme changes that markup, the build stops here rather than quietly losing the label.
The label is the theme's own for its search box, in the theme's language ("Search this site" in
English, partials/languages/custom.html; "Szukaj" in a Polish build), read from the same page.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

UNNAMED = '<div class="md-search" data-md-component="search" role="dialog">'
LABEL = "Search this site"  # where the page has no search box of the theme's to read it from
NAMED = UNNAMED[:-1] + f' aria-label="{LABEL}">'
BOX_LABEL = re.compile(r'<input [^>]*class="md-search__input"[^>]*aria-label="([^"]*)"')


def label_search(output: str, where: str) -> str:
    if UNNAMED in output:
        box = BOX_LABEL.search(output)
        return output.replace(UNNAMED, UNNAMED[:-1] + f' aria-label="{box[1] if box else LABEL}">', 1)
    if 'class="md-search"' in output:  # a themed page whose search markup has changed shape
        raise PluginError(f"search_dialog.py: the theme's search markup in {where} is not "
                          f"'{UNNAMED}' any more. Update UNNAMED and NAMED in overrides/hooks/search_dialog.py.")
    return output


def on_post_page(output, page, **kwargs):
    return label_search(output, page.file.src_uri)
