"""The built site's pages, read and parsed once after the pages are written, handed from step to step.

The post-build steps that change or read finished pages (lean_pages.py, page_picture.py,
hashed_assets.py, minify_pages.py, security_headers.py, offline.py) work on one map
{site-relative path: Document} kept on `build.pages`: read from site/ the first time a step asks
for it (after short_links.py has written its pages), in the order the pages were always read
(sorted as paths). Each page is parsed once (page_document.py), when a step first asks for its
elements; what the parse found is kept between builds under the page's hash (build_cache.py).
The steps change the documents, not the files, and each page is written out once with every
change (`Document.text`). `write_back` writes each page whose text changed, once: offline.py
calls it before it hashes the files (the worker's hashes are the final files'), and pipeline.py
after the last post-build step (a preview leaves offline.py out).
"""

from __future__ import annotations

from pathlib import Path

import build_cache
import page_document
from page_document import Document, Element, parse


def key(document: Document) -> str:
    """The hash of the page as it was read (build_cache.key), worked out once a build."""
    if document.key is None:
        document.key = build_cache.key(document.html)
    return document.key


def _kept_parse(document: Document) -> list[Element]:
    """What parse() finds in the page, kept between builds under the page's hash."""
    found = build_cache.kept("page-elements", (build_cache.code(page_document.__file__), key(document)),
                             lambda: [element.as_list() for element in parse(document.html)])
    return [Element.from_list(item) for item in found]


def documents(site_dir, build) -> dict[str, Document]:
    """{'planner/index.html': its Document, ...}: every page of site/, read once a build."""
    if build.pages is None:
        site = Path(site_dir)
        build.pages = {path.relative_to(site).as_posix(): Document(path.read_text(encoding="utf-8"), _kept_parse)
                       for path in sorted(site.rglob("*.html"))}
        build.pages_as_read = {name: document.html for name, document in build.pages.items()}
    return build.pages


def pages(site_dir, build) -> dict[str, str]:
    """{'planner/index.html': its HTML with every change so far, ...}: to read, not to change."""
    return {name: document.text for name, document in documents(site_dir, build).items()}


def write_back(site_dir, build) -> None:
    """Each page a step changed, written to site/ (once: a page written is read as written)."""
    if build.pages is None:
        return
    site = Path(site_dir)
    for name, document in build.pages.items():
        html = document.text
        if html != build.pages_as_read.get(name):
            (site / name).write_text(html, encoding="utf-8")
            build.pages_as_read[name] = html
