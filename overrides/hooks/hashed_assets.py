"""Our own scripts and style sheets that pages still load as files get a content hash in their name.

After lean_pages.py has put the small ones inside the pages, what is left as a file (planner.js,
planner.css, and listen.js, which a page loads on the first press of Listen) is renamed
`assets/<name>.<8 hex of its SHA-256>.<js|css>` and every page's reference to it follows, as the
theme names its own bundle. Why a name and not a network-first fetch: a page asks for the script
of its own build by name, so no cache (the service worker's, the browser's, a proxy's) can hand a
new page an old script after a deploy, the file can be kept for a year (security_headers.py and
site-locations.conf give a year's caching to every name of this shape), and a page needs no round
trip to the server for it, with or without a signal. The unhashed copy is removed: nothing of
this build asks for it.
Runs after lean_pages.py and page_picture.py and before security_headers.py (the CDN's cache
rules list the hashed files by name) and offline.py (which saves what the pages load), on the
pages as they left them (built_pages.py): the elements whose attributes name a file in assets/
are among what each page's one parse found (page_document.py), and the new name is set on them.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

import built_pages
from page_document import Document


# An attribute that loads a file: src, href, or data-*-src (Listen's script, loaded on use),
# whose value (as written, no `#` or `?`) ends in assets/<name>.js or .css.
LOADER_ATTRIBUTE = re.compile(r"src|href|data-[\w-]+-src")
LOADED = re.compile(r"[^#?]*assets/[\w-]+\.(?:js|css)")


def loads(page: Document):
    """(element, attribute, url) of each file the page loads from assets/, in order."""
    for element in page.find():  # every element whose attribute names a file in assets/ was kept
        for name, value in element.attrs:
            if value and "assets/" in value and LOADER_ATTRIBUTE.fullmatch(name) and LOADED.fullmatch(value):
                yield element, name, value


# Our own top-level files in assets/ (the theme's live in assets/javascripts/ and assets/stylesheets/).
OWN = re.compile(r"^assets/[\w-]+\.(?:js|css)$")


def hashed_name(path: str, content: bytes) -> str:
    """assets/planner.js -> assets/planner.1a2b3c4d.js"""
    stem, ext = path.rsplit(".", 1)
    return f"{stem}.{hashlib.sha256(content).hexdigest()[:8]}.{ext}"


def _resolve(page: str, url: str) -> str:
    """The site-relative path a page at `page` (e.g. planner/index.html) means by `url`."""
    if url.startswith("/"):
        return url.lstrip("/")  # an absolute path (404.html): the site is at the host's root there
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), url))


def on_post_build(config, build, **kwargs):
    site = Path(config.site_dir)
    pages = built_pages.documents(site, build)  # as lean_pages.py left them, parsed once
    found = {name: list(loads(page)) for name, page in pages.items()}
    renamed: dict[str, str] = {}
    for name, urls in found.items():
        for _, _, url in urls:
            path = _resolve(name, url)
            if OWN.match(path) and path not in renamed and (site / path).is_file():
                renamed[path] = hashed_name(path, (site / path).read_bytes())
    for name, urls in found.items():
        for element, attribute, url in urls:
            new = renamed.get(_resolve(name, url))
            if new is not None:
                pages[name].set_attribute(element, attribute, url[:len(url) - len(posixpath.basename(url))] + posixpath.basename(new))
    for old, new in renamed.items():
        (site / old).rename(site / new)
