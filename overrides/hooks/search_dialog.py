"""Give the theme's search dialog a name, so screen readers announce what opened.

Material writes `<div class="md-search" ... role="dialog">` with no label (axe rule
aria-dialog-name). Adding the label here is one attribute, not a copy of the theme's partial:
after the build, on each page's parsed document (page_document.py), with every page the theme
wrote (404.html too). If the theme changes that markup, the build stops here rather than quietly
losing the label. The label is the theme's own for its search box, in the theme's language
("Search this site" in English, partials/languages/custom.html; "Szukaj" in a Polish build),
read from the same page.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

import built_pages
from page_document import Document

LABEL = "Search this site"  # where the page has no search box of the theme's to read it from


def _is_dialog(element) -> bool:
    return element.tag == "div" and element.attr("class") == "md-search" and element.attr("data-md-component") == "search"


def label_search(page: Document, where: str) -> None:
    dialog = next(page.find("div", _is_dialog), None)
    if dialog is not None and dialog.attr("role") == "dialog":
        if not dialog.has("aria-label"):
            box = next(page.find("input", lambda e: "md-search__input" in (e.attr("class") or "").split() and e.has("aria-label")), None)
            page.add_attribute(dialog, "aria-label", box.attr("aria-label") if box else LABEL, last=True)
    elif dialog is not None or next(page.find("div", lambda e: e.attr("class") == "md-search"), None) is not None:
        # a themed page whose search markup has changed shape
        raise PluginError(f"search_dialog.py: the theme's search markup in {where} is not "
                          '<div class="md-search" data-md-component="search" role="dialog"> any more. '
                          "Update _is_dialog and label_search in overrides/hooks/search_dialog.py.")


# A page already labelled, as this step writes it: in `make serve`, every page the last build did
# not write again. Such a page, or one with no search box at all, need not be parsed.
LABELLED = 'role="dialog" aria-label="'


def on_post_build(config, build, **kwargs):
    for name, page in built_pages.documents(Path(config.site_dir), build).items():
        if "md-search" in page.html and LABELLED not in page.html:
            label_search(page, f"site/{name}")
