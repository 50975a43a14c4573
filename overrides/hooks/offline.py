"""Offline support: a service worker and a web app manifest, written after every build.

site/sw.js (scope: the site's root)
  - its cache is named after a hash of the built files, so each new build gets a new cache and
    the old one is deleted when the new worker takes over;
  - pages are network-first (a parent online always gets the newest advice), then the saved
    copy, then the offline page (docs/offline.md), which says on which day this copy was built;
  - the theme's hashed files (assets/**/name.<hash>.min.js|css) are cache-first; every other
    file of the site is stale-while-revalidate (addresses without a file extension, such as
    the live reload of `mkdocs serve`, are left to the network);
  - on install it saves the home page, the age pages, getting help and the offline page, with
    the styles, scripts and icons those pages load.
site/manifest.webmanifest
  name, colours and icons (docs/assets/icons/) for "Add to home screen".

Every address is relative to the site's root, so the site works under a sub-path.
The offline page writes `<!-- app/offline-date -->` for the day the site was built (from
SOURCE_DATE_EPOCH when set, as front_matter.py does). A page to save that does not exist is a
warning, so a strict build stops.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

log = logging.getLogger("mkdocs.hooks.offline")

OFFLINE_PAGE = "offline.md"
# Saved on the first visit, besides the age pages (one per age/ tag in extra.app_tags).
KEY_PAGES = ["index.md", "ages/index.md", "help.md", OFFLINE_PAGE]
AGE_PAGE = "ages/{band}.md"
DATE_MARKER = re.compile(r"<!--\s*app/offline-date\s*-->")
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
# The service worker and files only servers read are not part of the build's identity.
NOT_HASHED = {"sw.js", "sitemap.xml.gz"}


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).astimezone(ZoneInfo("Europe/London")).date()
    return dt.datetime.now(ZoneInfo("Europe/London")).date()


def nhs_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def key_pages(config) -> list[str]:
    bands = [tag.split("/", 1)[1] for tag in config.extra.get("app_tags", {}) if tag.startswith("age/")]
    return KEY_PAGES[:1] + [AGE_PAGE.format(band=b) for b in bands] + KEY_PAGES[1:]


def on_page_markdown(markdown, page, config, **kwargs):
    if page.file.src_uri == OFFLINE_PAGE:
        markdown = DATE_MARKER.sub(nhs_date(build_date()), markdown)
    return markdown


class _Loads(HTMLParser):
    """The files a page needs: styles, scripts, its icon, images, the search worker, and the
    theme's style sheet and script that lean_pages.py loads on the reader's first touch."""

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


def build_id(site_dir: Path) -> str:
    digest = hashlib.sha256(SERVICE_WORKER.encode())  # a change to the worker is a new build too
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


SERVICE_WORKER = r"""/* Early Years Pathway service worker. Written by overrides/hooks/offline.py at each build. */
"use strict";
const SETTINGS = /* SETTINGS */ {};
const SCOPE = self.registration.scope;  // the site's root, ending in "/"
// One cache per build, named so that two copies of the site on one host keep apart.
const PREFIX = "early-years-pathway:" + new URL(SCOPE).pathname + ":";
const CACHE = PREFIX + SETTINGS.version;
const HASHED = /\/assets\/.+\.[0-9a-f]{8,}\.min\.(?:js|css)$/;
const absolute = (path) => new URL(path, SCOPE).href;
// Pages and unhashed files are checked with the server; hashed files never change.
const fresh = (url) => (HASHED.test(new URL(url).pathname) ? url : new Request(url, { cache: "no-cache" }));

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll([...SETTINGS.pages, ...SETTINGS.assets].map((path) => fresh(absolute(path))));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    // Navigation preload stays off: with it on, Firefox offline shows its own "Unable to connect"
    // instead of the offline page. Turned off here too for a worker that had turned it on.
    if (self.registration.navigationPreload) await self.registration.navigationPreload.disable();
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || request.headers.has("range") || !request.url.startsWith(SCOPE)) return;
  const path = new URL(request.url).pathname;
  if (request.mode === "navigate") event.respondWith(networkFirst(event));
  else if (HASHED.test(path)) event.respondWith(cacheFirst(event));
  // Files only: an address with no extension (such as `mkdocs serve`'s live reload) is left alone.
  else if (/\.[a-z0-9]+$/i.test(path)) event.respondWith(staleWhileRevalidate(event));
});

function keep(event, key, response) {
  if (response.ok && response.type === "basic" && !response.redirected) {
    const copy = response.clone();
    event.waitUntil(caches.open(CACHE).then((cache) => cache.put(key, copy)).catch(() => {}));
  }
  return response;
}

// The same page under the addresses a browser may use for it.
function addresses(href) {
  const url = new URL(href);
  const path = url.origin + url.pathname;
  if (path.endsWith("/index.html")) return [path, path.slice(0, -10)];
  if (path.endsWith("/")) return [path, path + "index.html"];
  return /\.[a-z0-9]+$/i.test(path) ? [path] : [path, path + "/"];
}

async function savedPage(href) {
  const cache = await caches.open(CACHE);
  for (const key of addresses(href)) {
    const hit = await cache.match(key, { ignoreSearch: true });
    if (hit) return hit;
  }
  return null;
}

// The offline page, shown at the address asked for: <base> keeps its links and styles working,
// and the theme's settings get the site's root as an absolute address (its search reads them).
async function offlinePage() {
  if (!SETTINGS.offline) return null;
  const target = absolute(SETTINGS.offline);
  const hit = await (await caches.open(CACHE)).match(target);
  if (!hit) return null;
  const html = (await hit.text())
    .replace(/<head([^>]*)>/i, `<head$1><base href="${target}">`)
    .replace(/("base":\s*")[^"]*"/, `$1${SCOPE}"`);
  const headers = new Headers(hit.headers);  // keeps the server's security headers
  for (const name of ["content-length", "content-encoding", "etag", "last-modified"]) headers.delete(name);
  headers.set("cache-control", "no-store");
  return new Response(html, { headers });
}

async function networkFirst(event) {
  const request = event.request;
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    return (await savedPage(request.url)) || (await offlinePage()) || Response.error();
  }
  if (response.status >= 500) return (await savedPage(request.url)) || response;
  return keep(event, new URL(request.url).origin + new URL(request.url).pathname, response);
}

async function cacheFirst(event) {
  const hit = await caches.match(event.request, { cacheName: CACHE });
  return hit || keep(event, event.request, await fetch(event.request));
}

async function staleWhileRevalidate(event) {
  const hit = await caches.match(event.request, { cacheName: CACHE });
  const update = fetch(event.request).then((response) => keep(event, event.request, response));
  if (!hit) return update;
  event.waitUntil(update.catch(() => {}));
  return hit;
}
"""


def on_post_build(config, **kwargs):
    site_dir = Path(config.site_dir)
    (site_dir / "manifest.webmanifest").write_text(json.dumps(manifest(config), indent=2) + "\n", encoding="utf-8")
    for icon in ICONS:
        if not (site_dir / icon["src"]).is_file():
            log.warning(f"offline.py: the app icon docs/{icon['src']} is missing.")

    pages, assets = [], []
    for src in key_pages(config):
        stem = src[:-3]
        if stem == "index" or stem.endswith("/index"):
            url = stem[:-5]
        else:
            url = stem + "/" if config.use_directory_urls else stem + ".html"
        built = site_dir / (url + "index.html" if url == "" or url.endswith("/") else url)
        if not built.is_file():
            log.warning(f"offline.py: docs/{src} is saved for offline use, but it was not built. "
                        "Write the page, or take it out of KEY_PAGES in overrides/hooks/offline.py.")
            continue
        pages.append(url)
        for path in page_loads(built.read_text(encoding="utf-8"), url):
            if path not in assets and (site_dir / path).is_file():
                assets.append(path)
    # Search works offline too: the theme's search worker (found above) reads this index.
    if (site_dir / SEARCH_INDEX).is_file():
        assets.append(SEARCH_INDEX)

    offline = OFFLINE_PAGE[:-3] + ("/" if config.use_directory_urls else ".html")
    settings = {
        "version": build_id(site_dir),
        "built": nhs_date(build_date()),
        "offline": offline if offline in pages else None,
        "pages": pages,
        "assets": assets,
    }
    script = SERVICE_WORKER.replace("/* SETTINGS */ {}", json.dumps(settings, indent=2), 1)
    (site_dir / "sw.js").write_text(script, encoding="utf-8")
