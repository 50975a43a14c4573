"""Give the theme's search dialog a name, so screen readers announce what opened.

Material writes `<div class="md-search" ... role="dialog">` with no label (axe rule
aria-dialog-name). Adding the label here is one attribute, not a copy of the theme's partial.
"""

from __future__ import annotations

UNNAMED = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search this site">'


def on_post_page(output, page, **kwargs):
    return output.replace(UNNAMED, NAMED, 1)
