"""Give the theme's search dialog a name, so screen readers announce what opened.

Material writes `<div class="md-search" ... role="dialog">` with no label (axe rule
aria-dialog-name). Adding the label here is one attribute, not a copy of the theme's partial.
If the theme changes that markup, the build stops here rather than quietly losing the label.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

UNNAMED = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search this site">'


def label_search(output: str, where: str) -> str:
    if UNNAMED in output:
        return output.replace(UNNAMED, NAMED, 1)
    if 'class="md-search"' in output:  # a themed page whose search markup has changed shape
        raise PluginError(f"search_dialog.py: the theme's search markup in {where} is not "
                          f"'{UNNAMED}' any more. Update UNNAMED and NAMED in overrides/hooks/search_dialog.py.")
    return output


def on_post_page(output, page, **kwargs):
    return label_search(output, page.file.src_uri)
