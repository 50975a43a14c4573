"""Offline support: the service worker and the web app manifest, written after every build.

site/sw.js (scope: the site's root) is docs/assets/sw.js with this build's settings put in
place of `self.__APP_SETTINGS__` (the shape of Workbox's injectManifest):
  - `version`: a hash of every built file, so each new build gets a new cache and the old one
    is deleted when the new worker takes over;
  - `pages`: the pages saved on a first visit (site_model.offline_pages: home, the age pages,
    getting help and the offline page, which lists the same pages with a marker), and
    `assets`: the styles, scripts and icons those pages load;
  - `offline`: the page shown for a page that is not saved (docs/offline.md);
  - `bytes`: what the pages and files weigh, so the worker saves nothing where they cannot fit.
site/manifest.webmanifest: name, colours and icons (docs/assets/icons/) for "Add to home screen".

Every address is relative to the site's root, so the site works under a sub-path.
This is the last step after the build (pipeline.py): the pages are final by then.

One worker for the whole site, languages included: a language's build (translations/<lang>/)
writes no worker of its own (its pages register the root's: translations.py), and the English
build, which builds the languages first (languages.py), lists each language's reviewed
translations of those pages (`languages`: qaa/ages/1-2-years/, with what they load). The worker
saves a language's list only for a reader of it (a page of that language open as it installs):
an English reader does not download every language's copy.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError

import build_cache
import built_pages
import site_model

SHORT_NAME = "Early Years"  # under the icon on a home screen: 12 characters at most
THEME_COLOUR = "#005eb8"
BACKGROUND = "#ffffff"
ICONS = [
    {"src": "assets/icons/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
    {"src": "assets/icons/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
    {"src": "assets/icons/maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
    {"src": "assets/icons/icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
]
SEARCH_INDEX = "search/search_index.json"
WORKER_SOURCE = "assets/sw.js"  # docs/assets/sw.js, moved to the site's root
PLACEHOLDER = "self.__APP_SETTINGS__"
# The service worker and files only servers read are not part of the build's identity.
NOT_HASHED = {"sw.js", "sitemap.xml.gz"}
# The largest file the worker saves on a first visit, as sent (compressed): a parent's data allowance matters.
MAX_PRECACHE_BYTES = 200_000


class _Loads(HTMLParser):
    """The files a page needs: styles, scripts, its icon, images, the search worker, the theme's
    style sheet and script that lean_pages.py loads on the reader's first touch, and Listen's."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._config = False
        self._theme = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rel = (a.get("rel") or "").split()
        if tag == "link" and ({"stylesheet", "icon"} & set(rel)):
            self.urls.append(a.get("href") or "")
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"])
        if a.get("data-app-listen-src"):  # Listen's script, loaded on the first press: it works offline too
            self.urls.append(a["data-app-listen-src"])
        self._config = tag == "script" and a.get("id") == "__config"
        self._theme = tag == "script" and a.get("id") == "app-theme"

    def handle_data(self, data):
        if self._theme:
            try:
                self.urls += [v for v in json.loads(data).values() if isinstance(v, str)]
            except ValueError:
                pass
            self._theme = False
        if self._config:
            try:
                search = json.loads(data).get("search")
            except ValueError:
                search = None
            if search:
                self.urls.append(search)
            self._config = False


def page_loads(html: str, page_url: str) -> list[str]:
    """Site-relative paths of what a page at `page_url` (site-relative, e.g. 'ages/x/') loads."""
    parser = _Loads()
    parser.feed(html)
    found = []
    for url in parser.urls:
        if not url or re.match(r"^[a-z][a-z0-9+.-]*:|^//|^#", url, re.I):
            continue  # another host, a data: address or nothing
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), url.split("#")[0].split("?")[0]))
        if not path.startswith(("..", "/")) and path != ".":
            found.append(path)
    return found


def build_id(site_dir: Path, worker: str) -> str:
    digest = hashlib.sha256(worker.encode())  # a change to the worker is a new build too
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if rel in NOT_HASHED:
            continue
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def manifest(config) -> dict:
    return {
        "name": config.site_name,
        "short_name": SHORT_NAME,
        "description": " ".join((config.site_description or "").split()),
        "lang": "en-GB",
        "dir": "ltr",
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND,
        "icons": ICONS,
    }


def read_settings(worker: str) -> dict:
    """The settings a built sw.js carries (for the tests and `make bench`)."""
    match = re.search(r"^const SETTINGS = (\{.*?\n\});$", worker, re.S | re.M)
    if not match:
        raise ValueError("sw.js carries no settings")
    return json.loads(match.group(1))


def _built_url(src: str, config) -> str:
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/" if config.use_directory_urls else stem + ".html"


def _compressed_over(path: Path, limit: int) -> bool:
    """Whether the file is over `limit` bytes gzipped. What cannot shrink grows by under a
    thousandth and 64 bytes (zlib's compressBound and gzip's header), so a file under the limit
    by that much is not compressed to know."""
    size = path.stat().st_size
    if size + size // 1000 + 64 <= limit:
        return False
    return len(gzip.compress(path.read_bytes())) > limit


def saving(site_dir: Path, sources: list[str], config, lang: str = "", pages: dict[str, str] | None = None) -> dict:
    """What the worker saves for these pages: the pages, what they load, their search index (in
    the English site's or the language's folder), and what it all weighs."""
    urls, assets = [], []
    for src in sources:
        url = _built_url(src, config)
        built = site_dir / (url + "index.html" if url == "" or url.endswith("/") else url)
        if not built.is_file():
            raise PluginError(f"offline.py: docs/{src} is saved for offline use, but it was not built. "
                              "Write the page, or take it out of site_model.offline_pages().")
        urls.append(url)
        name = built.relative_to(site_dir).as_posix()
        html = pages[name] if pages is not None and name in pages else built.read_text(encoding="utf-8")
        # What a page loads is kept between builds by its HTML (build_cache.py): HTMLParser is slow.
        loads = build_cache.kept("page-loads", (build_cache.code(__file__), build_cache.key(html), url),
                                 lambda html=html, url=url: page_loads(html, url))
        for path in loads:
            if path not in assets and (site_dir / path).is_file():
                assets.append(path)
    # Search works offline too: the theme's search worker (found above) reads this index.
    index = f"{lang}/{SEARCH_INDEX}" if lang else SEARCH_INDEX
    if urls and (site_dir / index).is_file():
        assets.append(index)
    too_big = [p for p in assets if _compressed_over(site_dir / p, MAX_PRECACHE_BYTES)]
    if too_big:
        raise PluginError(f"offline.py: {too_big[0]} is over {MAX_PRECACHE_BYTES // 1000} KB compressed, too big "
                          "to save on every parent's phone on a first visit. Make it smaller.")
    return {
        "pages": urls,
        "assets": assets,
        # What the copy takes on a phone (as stored, uncompressed): the worker saves nothing
        # where the browser says there is less room than this.
        "bytes": sum((site_dir / (p + "index.html" if p == "" or p.endswith("/") else p)).stat().st_size
                     for p in urls + assets),
    }


def on_post_build(config, build, **kwargs):
    site_dir = Path(config.site_dir)
    built_pages.write_back(site_dir, build)  # the pages are final: the worker's version hashes them as served
    source = site_dir / WORKER_SOURCE
    if not source.is_file():
        raise PluginError(f"offline.py: docs/{WORKER_SOURCE}, the service worker, is missing.")
    worker = source.read_text(encoding="utf-8")
    source.unlink()  # served from the root only, where its scope is the whole site
    if PLACEHOLDER not in worker:
        raise PluginError(f"offline.py: docs/{WORKER_SOURCE} must say `const SETTINGS = {PLACEHOLDER};` "
                          "for the build to put its settings in.")
    (site_dir / "manifest.webmanifest").write_text(json.dumps(manifest(config), indent=2) + "\n", encoding="utf-8")
    for icon in ICONS:
        if not (site_dir / icon["src"]).is_file():
            raise PluginError(f"offline.py: the app icon docs/{icon['src']} is missing.")
    if build.translation:
        return  # a language's build: the English build's worker serves the whole site

    saved = site_model.offline_pages(config)
    pages = built_pages.pages(site_dir, build)  # as served
    settings = {
        "version": build_id(site_dir, worker),
        "built": site_model.nhs_date(site_model.today()),
        "offline": _built_url(site_model.OFFLINE_PAGE, config),
        **saving(site_dir, saved, config, pages=pages),
        # Each language's reviewed translations of those pages, saved only for a reader of the language.
        "languages": {language["lang"]: saving(site_dir, [f"{language['lang']}/{src}" for src in saved
                                                           if src in language["pages"]], config, language["lang"], pages)
                      for language in build.reviewed if language["lang"] in build.languages},
    }
    text = worker.replace(PLACEHOLDER, json.dumps(settings, indent=2), 1)
    (site_dir / "sw.js").write_text(text, encoding="utf-8")
