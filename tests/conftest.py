"""The site is built once per test run, through the MkDocs API, and every test reads that build."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
# The site's address in every test build, whatever SITE_URL the shell has (the local default).
SITE_URL = "http://127.0.0.1:8000/"
CHROMIUM = Path("/usr/bin/chromium")
# Flags for Debian's Chromium in a sandbox with no network but the package registries.
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    # The nginx tests serve https with a self-signed certificate made for the test; with only
    # Playwright's ignore_https_errors, Chromium refuses to register the service worker there.
    "--ignore-certificate-errors",
]
IN_CI = os.environ.get("CI", "").lower() == "true"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
# Browsers render with the fonts the project chooses (.ci/fonts.conf: Liberation, metric-compatible
# with Arial, and Noto for other scripts), never with whatever else a machine has: page counts
# and layouts are then the same on every machine.
os.environ["FONTCONFIG_FILE"] = str(ROOT / ".ci" / "fonts.conf")
# Builds of copied projects share the link-preview pictures already drawn (share_cards.py).
os.environ.setdefault("APP_CACHE", str(ROOT / ".cache"))
os.environ.pop("SITE_URL", None)  # the README's publishing command exports it; tests use SITE_URL above
os.environ.pop("RELEASE", None)
# The hooks' shared model and pure functions, tested directly (as MkDocs loads them).
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))

import site_model  # noqa: E402  (a plain module in the hooks folder)


def _today():
    try:
        return site_model.today()
    except Exception as error:  # a mistyped TODAY: say so before any test runs
        raise pytest.UsageError(str(error)) from None


# The day the suite runs as: `TODAY=2027-02-28 make test` runs every test as if on that day.
# The build reads it (site_model.today()), and so does every browser, whose clock the suite
# sets with tests/clock.js; a test that needs "today" uses TODAY, never the machine's date.
TODAY = _today()
os.environ["TODAY"] = TODAY.isoformat()  # builds in this process and in subprocesses
CLOCK_SCRIPT = (ROOT / "tests" / "clock.js").read_text(encoding="utf-8").replace("__TODAY__", TODAY.isoformat())


def need(command: str, package: str) -> str:
    """The path of a tool the test needs. Missing: fails in CI (CI=true), skips elsewhere."""
    found = shutil.which(command) or (command if Path(command).is_file() else None)
    if not found:
        message = f"{command} is missing: run 'make test', which installs {package}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The site, built once for the run. APP_BUILT_SITE=<folder> names a build just made from these
    sources instead: `make check` builds into site/ (strict, the editor's messages as they are) and
    the suite reads that build, so the check makes one build, not two."""
    built = os.environ.get("APP_BUILT_SITE")
    if built:
        folder = Path(built).resolve()
        if not (folder / "index.html").is_file():
            pytest.exit(f"APP_BUILT_SITE={built}: no built site there (run `make build` first)", returncode=4)
        return folder
    out = tmp_path_factory.mktemp("site")
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(out), site_url=SITE_URL)
    build(config)
    return out


@pytest.fixture(scope="session")
def html_pages(site_dir) -> dict[str, str]:
    """{path relative to the site: HTML} for every built page."""
    return {p.relative_to(site_dir).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(site_dir.rglob("*.html"))}


class ParsedPages(Mapping):
    """{path relative to the site: BeautifulSoup} for every built page, each parsed once, when a test
    first asks for it, and shared by every test after it. Read only: a test that removes or changes
    nodes works on a copy (`copy.copy(soup.select_one("article"))`), or the next test reads its
    changes. html.parser, as before: lxml parses all 148 pages about a second faster, but its text
    differs (spaces), and the tests were written against html.parser's."""

    def __init__(self, html_pages: dict[str, str]):
        self._html = html_pages
        self._soups: dict[str, BeautifulSoup] = {}
        self._texts: dict[str, str] = {}
        self._sizes: dict[str, int] = {}

    def __getitem__(self, path: str) -> BeautifulSoup:
        soup = self._soups.get(path)
        if soup is None:
            soup = self._soups[path] = BeautifulSoup(self._html[path], "html.parser")
            self._sizes[path] = _size(soup)
        return soup

    def changed(self) -> list[str]:
        """The pages whose tree a test changed (a node or a string taken out or added)."""
        return [path for path, soup in self._soups.items() if _size(soup) != self._sizes[path]]

    def article_text(self, path: str) -> str:
        """The words of the page's <article>, spaces made single ("" for a page without one)."""
        text = self._texts.get(path)
        if text is None:
            article = self[path].select_one("article")
            text = self._texts[path] = " ".join(article.get_text(" ").split()) if article else ""
        return text

    def __iter__(self):
        return iter(self._html)

    def __len__(self) -> int:
        return len(self._html)


def _size(soup: BeautifulSoup) -> int:
    return sum(1 for _ in soup.descendants)


@pytest.fixture(scope="session")
def soups(html_pages):
    """Every built page parsed once for the whole run (see ParsedPages): `soups[path]`, or
    `soups.items()` for every page. At the end of the run, a page a test changed fails it."""
    pages = ParsedPages(html_pages)
    yield pages
    changed = pages.changed()
    assert not changed, f"a test changed these shared parsed pages: {changed[:5]}; work on a copy (copy.copy)"


def page_paths() -> list[str]:
    """The built path of every Markdown page, known before the build for parametrising."""
    paths = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        rel = md.relative_to(ROOT / "docs")
        if any(part.startswith(".") for part in rel.parts):
            continue
        stem = rel.with_suffix("")
        paths.append("index.html" if stem.as_posix() == "index"
                     else (stem.parent if stem.name == "index" else stem).as_posix() + "/index.html")
    return paths


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that leaves a page drops the requests still running: not an error to print."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def site_url(site_dir):
    """The built site served on 127.0.0.1 (a free port), as a browser would load it."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class ClockedBrowser:
    """Playwright's Browser, whose every new context and page has the suite's clock (TODAY)."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.add_init_script(CLOCK_SCRIPT)
        return context

    def new_page(self, **options):
        page = self._browser.new_page(**options)
        page.add_init_script(CLOCK_SCRIPT)
        return page

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, its clock set to TODAY. Missing Chromium fails in
    CI and skips elsewhere."""
    need(str(CHROMIUM), "chromium")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield ClockedBrowser(chromium)
        chromium.close()


def copy_project(dest: Path) -> Path:
    """A copy of the site's sources to break on purpose."""
    for name in ("mkdocs.yml", "overrides", "docs"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / name)
    return dest


# What only the newer build's planner.js does: the mark a test looks for after a deploy.
NEWER_PLANNER = 'document.documentElement.setAttribute("data-planner-build", "newer");'
NEWER_SENTENCE = "This sentence is new in this build."


# A page renamed as an editor is told to (issue 25): its old address forwards to its new one.
RENAMED = ("concerns/w-sitting", "concerns/w-sitting-position")


@pytest.fixture(scope="session")
def renamed_site(tmp_path_factory) -> Path:
    """The site with docs/concerns/w-sitting.md renamed, every link to it changed, and the line the
    build asks for (extra.short_links: concerns/w-sitting: concerns/w-sitting-position.md) added."""
    project = copy_project(tmp_path_factory.mktemp("renamed-project"))
    old, new = RENAMED
    (project / "docs" / f"{old}.md").rename(project / "docs" / f"{new}.md")
    for path in [project / "mkdocs.yml", *(project / "docs").rglob("*.md")]:
        text = path.read_text(encoding="utf-8")
        if "w-sitting.md" in text:
            path.write_text(text.replace("w-sitting.md", "w-sitting-position.md"), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  short_links:\n", f"  short_links:\n    {old}: {new}.md\n", 1), encoding="utf-8")
    out = tmp_path_factory.mktemp("renamed-site")
    build(load_config(config_file=str(config), site_dir=str(out), site_url=SITE_URL))
    return out


@pytest.fixture(scope="session")
def newer_site(tmp_path_factory) -> Path:
    """A new release of the site: the same sources with one sentence added to the offline page
    and one line to planner.js, built again (one build for every test that deploys it)."""
    project = copy_project(tmp_path_factory.mktemp("newer-project"))
    page = project / "docs" / "offline.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{NEWER_SENTENCE}\n", encoding="utf-8")
    script = project / "docs" / "assets" / "planner.js"
    script.write_text(script.read_text(encoding="utf-8") + NEWER_PLANNER + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("newer-site")
    build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(out), site_url=SITE_URL))
    return out


# Fixtures that make a real build of their own (a copy of the project, broken or changed): every
# test using one is `slow`, so `make check` leaves it to `make test`.
BUILDING_FIXTURES = {"builds", "injected", "family_builds", "renamed_site", "newer_site", "site_with_preload",
                     "properdocs_dir", "language_build", "combined_build"}


@pytest.hookimpl(tryfirst=True)  # before -m chooses the tests by their markers
def pytest_collection_modifyitems(config, items):
    """Tests that use a building fixture are marked slow. A test marked `engines("chromium",
    "firefox")` is not collected for the other engines: not run and not reported as skipped (a
    skip would hide a missing browser)."""
    for item in items:
        if BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    kept, dropped = [], []
    for item in items:
        marker = item.get_closest_marker("engines")
        engine = getattr(getattr(item, "callspec", None), "params", {}).get("engine")
        (dropped if marker and engine and engine not in marker.args else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def refresh_target(html: str) -> str | None:
    """Where a forwarding page (a short link's, a renamed page's) sends the browser: its
    <meta http-equiv="refresh" content="0; url=..."> read as a browser reads it."""
    meta = BeautifulSoup(html, "html.parser").find("meta", attrs={"http-equiv": "refresh"})
    content = meta.get("content", "") if meta else ""
    return content.split("url=", 1)[1] if content.startswith("0; url=") else None


def select(html: str, selector: str) -> list:
    """The elements of `html` a CSS selector finds: how a test asks for markup, whatever quotes
    and attribute order the minified page has (minify_pages.py)."""
    return BeautifulSoup(html, "html.parser").select(selector)


def settled(page) -> None:
    """Once the page's transitions and animations have run (a menu sliding in, a definition
    sliding into place, a mark fading in): how long that takes depends on the machine, so a test
    waits for it instead of a fixed time. Document.getAnimations() brings styles up to date
    first, so a transition a click has just started is counted."""
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')", timeout=10000)


SEARCH_RESULTS = ".md-search-result__item > .md-search-result__link"


def search_results(page, typed: str, top: int = 5) -> list[str]:
    """The addresses of the theme's first `top` search results once it has answered everything
    typed: it answers each key up in turn, so the results are read when the first one marks
    (its ?h=) the last word typed, where it marks words at all, and the list has stayed the same
    for half a second. A slow machine waits longer, up to 15 seconds, instead of a fixed time."""
    last_word = typed.split()[-1].lower()
    last, same = None, 0
    for _ in range(150):
        links = page.eval_on_selector_all(SEARCH_RESULTS, f"els => els.slice(0, {top}).map(a => a.href)")
        marked = parse_qs(urlparse(links[0]).query).get("h", [""])[0].lower().split() if links else []
        answered = links and (last_word in marked or not marked)
        same = same + 1 if answered and links == last else 0
        if same >= 5:
            return links
        last = links
        page.wait_for_timeout(100)
    raise AssertionError(f"no settled search results for '{typed}' (last: {last})")


def _build_command(project: Path) -> list[str]:
    return [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "--site-dir", str(project / "site")]


def strict_build(project: Path, **env) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a copied project (copy_project) into its site/, as an editor
    runs it; what it printed in .stdout and .stderr."""
    return subprocess.run(_build_command(project), cwd=project, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})


def strict_build_started(project: Path, **env) -> subprocess.Popen:
    """The same build started, to run beside others: .communicate() gives what it printed."""
    return subprocess.Popen(_build_command(project), cwd=project, text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
