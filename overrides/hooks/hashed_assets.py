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
pages as they left them (built_pages.py): each page is scanned once for what it loads.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

import built_pages


# An attribute that loads a file: src, href, or data-*-src (Listen's script, loaded on use).
LOADS = re.compile(r'(?P<attr>\s(?:src|href|data-[\w-]+-src)=")(?P<url>[^"#?]*?assets/[\w-]+\.(?:js|css))"')
# The same, found from the end: each `assets/<name>.js"` (rare, and a literal a regular expression
# seeks fast, over 15 MB of pages), then the `="` its value starts with just before the last `"`
# before it, a value with no `#` or `?`, and the attribute's name (under 80 characters) before that.
# Three times as fast as seeking every `="`; tests/test_csp.py checks it finds what LOADS finds.
SUFFIX = re.compile(r'assets/[\w-]+\.(?:js|css)"')
ATTRIBUTE_BEFORE = re.compile(r'\s(?:src|href|data-[\w-]+-src)\Z')


def loads(html: str):
    """(start, end, url) of each LOADS match, in order."""
    for m in SUFFIX.finditer(html):
        quote = html.rfind('"', 0, m.start())  # a value holds no '"': this one opens it
        if quote < 1 or html[quote - 1] != "=" or "#" in html[quote + 1:m.start()] or "?" in html[quote + 1:m.start()]:
            continue
        before = ATTRIBUTE_BEFORE.search(html, max(0, quote - 81), quote - 1)
        if before:
            yield before.start(), m.end(), html[quote + 1:m.end() - 1]


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
    pages = built_pages.pages(site, build)  # as page_picture.py left them
    found = {name: list(loads(html)) for name, html in pages.items()}  # each page scanned once
    renamed: dict[str, str] = {}
    for name, urls in found.items():
        for _, _, url in urls:
            path = _resolve(name, url)
            if OWN.match(path) and path not in renamed and (site / path).is_file():
                renamed[path] = hashed_name(path, (site / path).read_bytes())
    if not renamed:
        return
    for name, urls in found.items():
        html = pages[name]
        out, last = [], 0
        for start, end, url in urls:
            new = renamed.get(_resolve(name, url))
            if new is not None:
                out += [html[last:end - 1 - len(posixpath.basename(url))], posixpath.basename(new)]
                last = end - 1
        if out:
            pages[name] = "".join(out) + html[last:]
    for old, new in renamed.items():
        (site / old).rename(site / new)
