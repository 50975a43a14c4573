"""Offline use in real Chromium: the service worker, its caches and the web app manifest.

A parent opens only the home page, loses signal, then opens an age page they never visited: it
comes from the service worker's cache. A page that was not saved shows the offline page, which
says when the copy was made. A new build gets a new cache and the old one is deleted.
Each test serves the site itself (see `serve`), so it can tell that nothing reached the server
while the browser was offline, and can swap in a newer build at the same address.
"""

from __future__ import annotations

import http.server
import json
import re
import struct
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import lean_pages  # noqa: E402  (a hook module, on the path from conftest)

import offline  # the hook's read_settings(): what the build put into sw.js
from conftest import NEWER_PLANNER, NEWER_SENTENCE, QuietServer

pytestmark = pytest.mark.browser

AGE_PAGES = ["ages/0-6-months/", "ages/6-12-months/", "ages/1-2-years/", "ages/2-3-years/", "ages/3-5-years/"]
KEY_PAGES = ["", *AGE_PAGES, "help/", "offline/"]
HASHED = re.compile(r"^assets/.+\.[0-9a-f]{8,}\.min\.(js|css)$")

# Resolves, within 20 seconds, to the cache names once a service worker controls the page and
# has finished installing (its precache is complete before it can become active).
READY = """async () => {
  const deadline = Date.now() + 20000;
  const registration = await Promise.race([
    navigator.serviceWorker.ready, new Promise((resolve) => setTimeout(resolve, 20000))]);
  if (!registration) return null;
  while (Date.now() < deadline) {
    if (registration.active && registration.active.state === "activated" && navigator.serviceWorker.controller)
      return await caches.keys();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}"""
# Resolves to the cache names once they are exactly one ending in the given version (or null).
ONLY_CACHE = """async (version) => {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    const names = await caches.keys();
    if (names.length === 1 && names[0].endsWith(":" + version)) return names;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return await caches.keys();
}"""
CACHED_URLS = """async (name) => (await (await caches.open(name)).keys()).map((request) => request.url)"""


def sw_settings(site: Path) -> dict:
    """The settings the build wrote into sw.js: version, built, offline, pages, assets."""
    return offline.read_settings((site / "sw.js").read_text(encoding="utf-8"))


def h1_of(site: Path, path: str) -> str:
    html = (site / path / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").h1.get_text(" ", strip=True)


class _Server:
    """A static server on 127.0.0.1 whose folder can be swapped, noting the requests it gets."""

    def __init__(self, folder: Path):
        self.folder, self.requests = folder, []
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(server.folder), **kwargs)

            def log_message(self, *args):
                server.requests.append(self.path)

            def end_headers(self):
                # Nothing in the browser's HTTP cache: an offline page can only come from the worker.
                self.send_header("Cache-Control", "no-store")
                super().end_headers()

        self.httpd = QuietServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve():
    servers = []

    def start(folder: Path) -> _Server:
        servers.append(_Server(folder))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  service_workers="allow")
    yield context
    context.close()


def open_home_and_wait(context, server) -> tuple:
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server.url, wait_until="load")
    names = page.evaluate(READY)
    assert names, "the service worker did not become active within 20 seconds"
    assert errors == []
    return page, names


def header_colour(page) -> str:
    return page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")


def test_service_worker_saves_the_key_pages_and_their_files(site_dir):
    settings = sw_settings(site_dir)
    assert settings["pages"][: len(KEY_PAGES) - 2] == ["", *AGE_PAGES]
    assert set(KEY_PAGES) <= set(settings["pages"])
    assert settings["offline"] == "offline/"
    assert re.fullmatch(r"[0-9a-f]{12}", settings["version"])
    # Every style and script the saved pages load is saved with them.
    for path in settings["pages"]:
        soup = BeautifulSoup((site_dir / path / "index.html").read_text(encoding="utf-8"), "html.parser")
        loads = [n["href"] for n in soup.find_all("link", rel="stylesheet")] + \
                [n["src"] for n in soup.find_all("script", src=True)]
        for url in loads:
            resolved = (site_dir / path / url).resolve().relative_to(site_dir.resolve()).as_posix()
            assert resolved in settings["assets"], f"{path or 'home'} loads {url}, which is not saved"
    assert any(HASHED.match(a) for a in settings["assets"])
    for path in settings["pages"] + settings["assets"]:
        assert (site_dir / path).exists(), path
    # Addresses are relative, so the site works under a sub-path.
    text = (site_dir / "sw.js").read_text(encoding="utf-8")
    assert not re.search(r"https?://", text)


def test_manifest_makes_the_site_installable(site_dir):
    manifest = json.loads((site_dir / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == "Early Years Pathway"
    assert 0 < len(manifest["short_name"]) <= 12
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == manifest["scope"] == "./"
    assert manifest["theme_color"] == "#005eb8" and manifest["background_color"] == "#ffffff"
    sizes = {}
    for icon in manifest["icons"]:
        assert not re.match(r"^[a-z]+:|^/", icon["src"]), "icons must be relative addresses"
        data = (site_dir / icon["src"]).read_bytes()
        if icon["type"] == "image/png":
            assert data[:8] == b"\x89PNG\r\n\x1a\n"
            width, height = struct.unpack(">II", data[16:24])
            assert f"{width}x{height}" == icon["sizes"], icon["src"]
            sizes.setdefault(icon["purpose"], set()).add(width)
    assert {192, 512} <= sizes["any"] and 512 in sizes["maskable"]
    soup = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("link", rel="manifest")["href"] == "manifest.webmanifest"
    assert soup.find("meta", attrs={"name": "theme-color"})["content"] == "#005eb8"
    # Registered from docs/assets/register-sw.js, put inline by lean_pages.py (its hash is in the
    # Content-Security-Policy: tests/test_lean_pages.py), once the page has loaded.
    source = lean_pages.slim_script((site_dir / "assets" / "register-sw.js").read_text(encoding="utf-8"))
    inline = [s.string for s in soup.find_all("script") if not s.get("src") and s.string]
    assert source in inline and 'addEventListener("load"' in source


def test_an_age_page_never_visited_opens_offline(context, serve, site_dir):
    server = serve(site_dir)
    page, names = open_home_and_wait(context, server)
    settings = sw_settings(site_dir)
    assert names == [f"early-years-pathway:/:{settings['version']}"]
    saved = page.evaluate(CACHED_URLS, names[0])
    for path in settings["pages"] + settings["assets"]:
        assert server.url + path in saved, f"{path} was not saved on the first visit"
    online_colour = header_colour(page)
    assert online_colour not in ("", "rgba(0, 0, 0, 0)")

    context.set_offline(True)
    before, failed = len(server.requests), []
    page.on("requestfailed", lambda request: failed.append(request.url))
    for path in AGE_PAGES + ["help/"]:
        response = page.goto(server.url + path, wait_until="load")
        assert response is not None and response.ok and response.from_service_worker
        assert page.locator("h1").inner_text().strip() == h1_of(site_dir, path), path
        assert header_colour(page) == online_colour, f"{path}: the saved styles were not used"
    page.wait_for_timeout(500)  # the search worker loads its index after the page
    assert failed == [], "something these pages need was not saved"
    assert server.requests[before:] == [], "a request reached the server while the browser was offline"
    assert context.cookies() == []


def test_a_page_not_saved_shows_the_offline_page(context, serve, site_dir):
    server = serve(site_dir)
    settings = sw_settings(site_dir)
    not_saved = sorted(p.parent.relative_to(site_dir).as_posix() + "/"
                       for p in (site_dir / "play").glob("*/index.html"))
    assert not_saved, "no activity page to try"
    path = "play/tummy-time/" if "play/tummy-time/" in not_saved else not_saved[0]
    assert path not in settings["pages"]
    page, _ = open_home_and_wait(context, server)
    online_colour = header_colour(page)

    context.set_offline(True)
    before, failed = len(server.requests), []
    page.on("requestfailed", lambda request: failed.append(request.url))
    response = page.goto(server.url + path, wait_until="load")
    assert response is not None and response.ok and response.from_service_worker
    assert page.url == server.url + path, "the address stays, so reloading later gets the page"
    assert page.locator("h1").inner_text().strip() == h1_of(site_dir, "offline/")
    body = page.locator("article").inner_text()
    assert f"made on {settings['built']}" in body, "the offline page must say when the copy was made"
    assert not page.locator("#app-offline-unavailable").is_visible(), "offline reading works here"
    assert header_colour(page) == online_colour, "the offline page lost its styles at another address"
    page.wait_for_timeout(500)
    assert failed == [], "the offline page asked for files at the wrong address"
    # Its links still lead to the saved pages.
    help_link = page.locator("article a", has_text="Worried? Get help").first
    assert help_link.evaluate("a => a.href") == server.url + "help/"
    help_link.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text().strip() == h1_of(site_dir, "help/")
    assert server.requests[before:] == []


def test_a_new_build_replaces_the_old_cache(context, serve, site_dir, newer_site):
    old, new = sw_settings(site_dir)["version"], sw_settings(newer_site)["version"]
    assert old != new, "a changed page must give a new cache name"
    server = serve(site_dir)
    page, names = open_home_and_wait(context, server)
    assert names == [f"early-years-pathway:/:{old}"]

    server.folder = newer_site  # the new release goes live at the same address
    page.reload(wait_until="load")  # a navigation makes the browser check sw.js for an update
    names = page.evaluate(ONLY_CACHE, new)
    assert names == [f"early-years-pathway:/:{new}"], "the old cache was not replaced"

    context.set_offline(True)
    page.goto(server.url + "play/", wait_until="load")  # not saved: the new offline page
    assert NEWER_SENTENCE in page.locator("article").inner_text()


# --- a deploy never pairs a new page with an old script ---------------------------------------

def planner_script(site: Path) -> str:
    """The address planner/ loads its script from, named with its hash (hashed_assets.py)."""
    soup = BeautifulSoup((site / "planner" / "index.html").read_text(encoding="utf-8"), "html.parser")
    [src] = [s["src"] for s in soup.find_all("script", src=True) if "planner" in s["src"]]
    return src


def test_the_planner_script_is_named_by_its_content(site_dir, newer_site):
    old, new = planner_script(site_dir), planner_script(newer_site)
    assert re.fullmatch(r"\.\./assets/planner\.[0-9a-f]{8}\.js", old), old
    assert old != new, "a changed planner.js must get a new address"
    assert NEWER_PLANNER in (newer_site / "planner" / new).read_text(encoding="utf-8")
    assert not (site_dir / "assets" / "planner.js").exists()


def test_a_deploy_that_changes_planner_js_runs_the_new_script_on_the_first_visit(context, serve, site_dir, newer_site):
    """A returning parent with the old build's worker (and its copy of the old planner.js) opens the
    planner once after a deploy: the new page runs the new script, on that first visit."""
    server = serve(site_dir)
    page, _ = open_home_and_wait(context, server)
    page.goto(server.url + "planner/", wait_until="load")
    page.wait_for_timeout(300)  # the worker keeps its copy of the planner's script
    assert page.evaluate("document.documentElement.dataset.plannerBuild") is None
    cached = page.evaluate(CACHED_URLS, page.evaluate("caches.keys()")[0])
    assert server.url + planner_script(site_dir).removeprefix("../") in cached

    server.folder = newer_site  # the new release goes live at the same address
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + "planner/", wait_until="load")
    assert page.evaluate("document.documentElement.dataset.plannerBuild") == "newer", \
        "the first visit after the deploy ran the old planner.js"
    assert "/" + planner_script(newer_site).removeprefix("../") in server.requests
    assert errors == []


# --- too little room: nothing half-made, and the offline page says so ---------------------------

NOTE = "#app-offline-unavailable"
# Resolves to localStorage's app-offline once the worker has reported a failure (20 s at most);
# a device where all is well keeps nothing there (register-sw.js).
REPORTED = """async () => {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    const said = localStorage.getItem("app-offline");
    if (said) return said;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}"""
OUR_CACHES = "async () => (await caches.keys()).filter((name) => name.startsWith('early-years-pathway:'))"


def limit_storage(page, server, quota: int) -> None:
    """Chromium's own storage quota for the site, made small, as on a nearly full phone."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": server.url.rstrip("/"), "quotaSize": quota})


def note_shown(page) -> bool:
    return page.locator(NOTE).is_visible()


def test_with_too_little_room_nothing_is_left_and_the_offline_page_says_so(context, serve, site_dir):
    """Chromium's real QuotaExceededError: cache.addAll runs out of room half way (its quota made
    small through the DevTools protocol, which navigator.storage.estimate() does not report, so
    the worker's advance check lets the copy start)."""
    server = serve(site_dir)
    page = context.new_page()
    page.goto("about:blank")
    limit_storage(page, server, 300_000)  # the copy is about 1.3 MB
    page.goto(server.url, wait_until="load")
    assert page.evaluate(REPORTED) == "unavailable"
    page.wait_for_timeout(500)
    assert page.evaluate(OUR_CACHES) == [], "a half-made cache was left"
    assert page.evaluate("navigator.serviceWorker.getRegistration().then((r) => !r || !r.active)")
    assert any(r.startswith("/ages/") for r in server.requests), "the copy was not started: this test tries nothing"
    page.goto(server.url + "offline/", wait_until="load")
    assert note_shown(page)
    assert "Offline reading is not available on this device" in page.locator(NOTE).inner_text()


def test_a_copy_bigger_than_the_room_left_is_not_downloaded(context, serve, site_dir, tmp_path):
    """Where the browser's estimate says the copy cannot fit, the worker gives up before
    downloading it (a phone with no room would otherwise fetch it all on every visit)."""
    import shutil
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    worker = (copy / "sw.js").read_text(encoding="utf-8")
    size = f'"bytes": {sw_settings(site_dir)["bytes"]}'
    assert size in worker
    (copy / "sw.js").write_text(worker.replace(size, '"bytes": 100000000000000'), encoding="utf-8")  # 100 TB
    server = serve(copy)
    page = context.new_page()
    page.goto(server.url, wait_until="load")
    assert page.evaluate(REPORTED) == "unavailable"
    page.wait_for_timeout(500)
    assert page.evaluate(OUR_CACHES) == []
    assert not [r for r in server.requests if r.startswith(("/ages/", "/help/"))], "the copy was downloaded"
    page.goto(server.url + "offline/", wait_until="load")
    assert note_shown(page)


def test_with_no_room_for_a_new_copy_the_old_complete_one_is_kept(context, serve, site_dir, newer_site):
    server = serve(site_dir)
    page, names = open_home_and_wait(context, server)
    assert page.evaluate(OUR_CACHES), "no complete copy was saved"
    assert page.evaluate("localStorage.getItem('app-offline')") is None, "a device where all is well stores nothing"
    page.goto(server.url + "offline/", wait_until="load")
    assert not note_shown(page)
    usage = page.evaluate("navigator.storage.estimate().then((e) => e.usage)")
    limit_storage(page, server, usage + 100_000)  # room for a little more, not for a second copy

    server.folder = newer_site
    page.reload(wait_until="load")  # the browser finds the new sw.js, which cannot save its copy
    assert page.evaluate("""async () => {
      const deadline = Date.now() + 20000;
      while (Date.now() < deadline && localStorage.getItem("app-offline") !== "unavailable")
        await new Promise((resolve) => setTimeout(resolve, 100));
      return localStorage.getItem("app-offline");
    }""") == "unavailable"
    page.wait_for_timeout(500)
    assert page.evaluate(OUR_CACHES) == names, "the old complete copy must stay, and nothing else"
    assert note_shown(page)

    context.set_offline(True)  # the old copy still works
    response = page.goto(server.url + "ages/1-2-years/", wait_until="load")
    assert response is not None and response.ok and response.from_service_worker
    assert page.locator("h1").inner_text().strip() == h1_of(site_dir, "ages/1-2-years/")


def test_a_renamed_page_s_old_address_arrives_through_the_service_worker(context, serve, renamed_site):
    """A link sent before a page was renamed (issue 25): with the service worker in charge of the
    page, the old address arrives at the new page, online and then offline (the static host's
    forwarding page; nginx answers 301, tests/test_server.py)."""
    from conftest import RENAMED
    old, new = RENAMED
    server = serve(renamed_site)
    page, names = open_home_and_wait(context, server)
    page.goto(server.url + old + "/", wait_until="load")
    page.wait_for_url(server.url + new + "/", timeout=10_000)
    assert page.locator("h1").inner_text().strip() == h1_of(renamed_site, new)
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    context.set_offline(True)
    page.goto(server.url, wait_until="load")
    response = page.goto(server.url + old + "/", wait_until="load")
    assert response is not None and response.from_service_worker
    page.wait_for_url(server.url + new + "/", timeout=10_000)
    assert page.locator("h1").inner_text().strip() == h1_of(renamed_site, new)
