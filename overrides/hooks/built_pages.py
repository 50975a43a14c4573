"""The built site's pages, read once after the pages are written and handed from step to step.

The post-build steps that change or read finished pages (lean_pages.py, page_picture.py,
hashed_assets.py, security_headers.py, offline.py) work on one map {site-relative path: HTML},
kept on `build.pages`: it is read from site/ the first time a step asks for it (after
short_links.py has written its pages), in the order the pages were always read (sorted as
paths), and each step changes the text in it instead of reading and writing every file again.
`write_back` writes each page whose text a step changed, once, as `Path.write_text` always did:
offline.py calls it before it hashes the files (the worker's hashes are the final files'), and
pipeline.py after the last post-build step (a preview leaves offline.py out).
"""

from __future__ import annotations

from pathlib import Path


def pages(site_dir, build) -> dict[str, str]:
    """{'planner/index.html': its HTML, ...}: every page of site/, read once a build."""
    if build.pages is None:
        site = Path(site_dir)
        build.pages = {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
                       for path in sorted(site.rglob("*.html"))}
        build.pages_as_read = dict(build.pages)
    return build.pages


def write_back(site_dir, build) -> None:
    """Each page a step changed, written to site/ (once: a page written is read as written)."""
    if build.pages is None:
        return
    site = Path(site_dir)
    for name, html in build.pages.items():
        if html != build.pages_as_read.get(name):
            (site / name).write_text(html, encoding="utf-8")
            build.pages_as_read[name] = html
