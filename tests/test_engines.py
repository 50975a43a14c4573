"""The site in the three engines parents' phones and computers run: Chromium, Firefox and WebKit.

About half of the phones in the UK are iPhones, whose browsers all run Safari's engine, WebKit.
Each engine starts once for this module and gets the same checks, through one small interface
(`open`, `js`, `problems`, `print_pdf`):
  Chromium  Debian's chromium through Playwright (as the rest of the suite);
  Firefox   Debian's firefox-esr over WebDriver BiDi, by puppeteer-core (tests/engines/firefox.mjs);
  WebKit    Debian's WebKitWebDriver (webkit2gtk-driver) under xvfb-run, with a bare WebKitGTK
            window as its browser (tests/engines/webkit_browser.py), which can be 320 px wide
            and prints through WebKit's own print operation.
The site is served with its real security headers (security_headers.py), so a Content-Security-
Policy problem shows up as a console error or warning in the engine that has it.
With CI=true a missing browser fails; elsewhere it skips with the package to install.
Not tested here: iOS touch, the share sheet and the iOS date picker (no iPhone on these machines).
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import CLOCK_SCRIPT, IN_CI, ROOT, SITE_URL, TODAY, QuietServer, copy_project

pytestmark = pytest.mark.browser

HERE = Path(__file__).resolve().parent / "engines"
FIREFOX = Path(os.environ.get("FIREFOX", "/usr/bin/firefox-esr"))
WEBKIT_DRIVER = Path("/usr/bin/WebKitWebDriver")
NODE_MODULES = ROOT / ".ci" / "node" / "node_modules" / "puppeteer-core"
PAGES = ["", "ages/1-2-years/", "play/tummy-time/", "help/", "planner/"]
WIDTHS = [320, 390, 1280]
ACTIVITY = "play/tummy-time/"
# The theme's script, which lean_pages.py loads late: the test server can hold it back.
THEME_SCRIPT = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")

# Resolves to whether the worker's navigation preload is on.
PRELOAD_STATE = ("navigator.serviceWorker.ready.then((r) => r.navigationPreload ? "
                 "r.navigationPreload.getState().then((s) => s.enabled) : false)")
# Resolves to true once a service worker controls the page and is activated (20 s at most).
SW_READY = """(async () => {
  const deadline = Date.now() + 20000;
  const registration = await Promise.race([navigator.serviceWorker.ready,
    new Promise((resolve) => setTimeout(resolve, 20000))]);
  while (registration && Date.now() < deadline) {
    if (registration.active && registration.active.state === "activated" && navigator.serviceWorker.controller)
      return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
})()"""


def require(condition: bool, message: str) -> None:
    """A missing browser fails in CI and skips elsewhere, saying what to install (conftest's
    require() finds one command; an engine needs several things at once)."""
    if not condition:
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the site, served as the CDN serves it ---------------------------------------------------

class Site:
    """The built site on 127.0.0.1 with its security headers. `hold_theme` seconds delay the
    theme's script; `down()` closes the port, as when a phone loses its signal."""

    def __init__(self, folder: Path):
        # The headers the build wrote for every address: site/_headers' first block, "/*".
        first = (folder / "_headers").read_text(encoding="utf-8").split("\n/")[0].splitlines()[1:]
        headers = dict(line.strip().split(": ", 1) for line in first)
        site = self
        self.folder = folder  # may be swapped for a newer build at the same address
        self.hold_theme = 0.0

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(site.folder), **kwargs)

            def log_message(self, *args):
                pass

            def do_GET(self):
                if site.hold_theme and THEME_SCRIPT.search(self.path):
                    time.sleep(site.hold_theme)
                super().do_GET()

            def end_headers(self):
                for name, value in headers.items():
                    if name != "Strict-Transport-Security":
                        self.send_header(name, value)
                self.send_header("Cache-Control", "no-store")
                super().end_headers()

        self.httpd = QuietServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.is_up = True

    def down(self):
        if self.is_up:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.is_up = False


@pytest.fixture(scope="module")
def site(site_dir):
    served = Site(site_dir)
    yield served
    served.down()


# --- the engines -----------------------------------------------------------------------------

class Chromium:
    name = "chromium"

    def __init__(self, browser):
        self.context = browser.new_context(service_workers="allow")
        self.found: list[str] = []
        self.page = None
        self.tabs: list = []
        self.reopen()

    def reopen(self):
        if self.page:
            self.tabs.remove(self.page)
            self.page.close()
        self.new_tab()

    def new_tab(self) -> int:
        """Another tab in the same browser, sharing its storage; answers its number for use_tab."""
        self.page = self.context.new_page()
        self.tabs.append(self.page)
        self.page.on("console", lambda m: self.found.append(f"console {m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.found.append(f"script error: {e}"))
        return len(self.tabs) - 1

    def use_tab(self, index: int):
        self.page = self.tabs[index]

    def open(self, url, width=390, height=844):
        self.page.set_viewport_size({"width": width, "height": height})
        try:
            self.page.goto(url, wait_until="load")
        except Exception as error:  # an error page: the test reads what it shows
            return str(error)
        return None

    def js(self, expression):
        return self.page.evaluate(expression)

    def keys(self, text):
        self.page.keyboard.type(text, delay=30)

    def press(self, key):
        self.page.keyboard.press(key)

    def problems(self):
        out, self.found = self.found, []
        return out

    def print_pdf(self, path: Path):
        self.page.pdf(path=str(path), format="A4", print_background=True)

    def close(self):
        self.context.close()


class Firefox:
    name = "firefox"

    def __init__(self):
        self.process = subprocess.Popen(["node", str(HERE / "firefox.mjs")], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True,
                                        env=dict(os.environ, APP_CLOCK_SCRIPT=CLOCK_SCRIPT))

    def call(self, op, **arguments):
        self.process.stdin.write(json.dumps({"op": op, **arguments}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("Firefox's driver stopped (tests/engines/firefox.mjs)")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer.get("ok")

    def reopen(self):
        self.call("reopen")

    def new_tab(self) -> int:
        return self.call("newTab")

    def use_tab(self, index: int):
        self.call("useTab", index=index)

    def open(self, url, width=390, height=844):
        try:
            self.call("open", url=url, width=width, height=height)
        except RuntimeError as error:
            return str(error)
        return None

    def js(self, expression):
        return self.call("eval", js=expression)

    def keys(self, text):
        self.call("keys", text=text)

    def press(self, key):
        self.call("press", key=key)

    def problems(self):
        return self.call("problems")

    def print_pdf(self, path: Path):
        self.call("pdf", path=str(path))

    def close(self):
        try:
            self.process.stdin.write(json.dumps({"op": "quit"}) + "\n")
            self.process.stdin.flush()
            self.process.wait(timeout=20)
        except Exception:
            os.killpg(self.process.pid, signal.SIGKILL)


class WebKit:
    """W3C WebDriver over HTTP to WebKitWebDriver: a handful of commands need no client library."""
    name = "webkit"

    def __init__(self, folder: Path):
        self.folder = folder
        self.log_path = folder / "webkit.log"
        self.log = self.log_path.open("w")
        self.read = 0
        self.printed = 0
        port = free_port()
        env = dict(os.environ, APP_PRINT_DIR=str(folder), APP_CLOCK_SCRIPT=CLOCK_SCRIPT, XDG_DATA_HOME=str(folder / "data"),
                   XDG_CACHE_HOME=str(folder / "cache"), XDG_CONFIG_HOME=str(folder / "config"))
        self.process = subprocess.Popen(
            ["xvfb-run", "-a", "-s", "-screen 0 1400x1000x24", str(WEBKIT_DRIVER), f"--port={port}"],
            stdout=self.log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        self.base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 30
        while True:
            try:
                self.request("GET", "/status")
                break
            except OSError:
                if time.time() > deadline or self.process.poll() is not None:
                    raise RuntimeError("WebKitWebDriver did not start: " + self.log_path.read_text())
                time.sleep(0.2)
        options = {"binary": "/usr/bin/python3", "args": [str(HERE / "webkit_browser.py"), "--automation"]}
        session = self.request("POST", "/session", {"capabilities": {"alwaysMatch": {
            "webkitgtk:browserOptions": options, "timeouts": {"script": 30000, "pageLoad": 30000}}}})
        self.session = f"/session/{session['sessionId']}"

    def request(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read())["value"]
        except urllib.error.HTTPError as error:
            raise RuntimeError(error.read().decode()) from None

    def reopen(self):
        pass

    def open(self, url, width=390, height=844):
        self.request("POST", self.session + "/window/rect", {"width": width, "height": height})
        try:
            self.request("POST", self.session + "/url", {"url": url})
        except RuntimeError as error:
            return str(error)
        return None

    def js(self, expression):
        script = ("const done = arguments[arguments.length - 1];"
                  f"Promise.resolve().then(() => ({expression}))"
                  ".then((value) => done({value}), (error) => done({error: String(error)}));")
        answer = self.request("POST", self.session + "/execute/async", {"script": script, "args": []})
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer.get("value")

    def keys(self, text):
        """Real key presses to the focused element (WebDriver actions)."""
        actions = []
        for char in text:
            actions += [{"type": "keyDown", "value": char}, {"type": "keyUp", "value": char}]
        self.request("POST", self.session + "/actions",
                     {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})

    # WebDriver's code points for the keys the tests press (W3C WebDriver, "Keyboard actions").
    KEYS = {"Tab": "\ue004", "Enter": "\ue007", "Escape": "\ue00c", " ": " "}

    def press(self, key):
        """One real key press to the focused element."""
        value = self.KEYS[key]
        self.request("POST", self.session + "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": [
            {"type": "keyDown", "value": value}, {"type": "keyUp", "value": value}]}]})

    def problems(self):
        """Console errors and warnings, which the window writes to its standard output."""
        self.log.flush()
        text = self.log_path.read_text(errors="replace")
        new, self.read = text[self.read:], len(text)
        return [line for line in new.splitlines() if re.match(r"CONSOLE \w*\s*(ERROR|WARN)", line)]

    def print_pdf(self, path: Path):
        self.printed += 1
        name = self.folder / f"print-{self.printed}"
        name.with_suffix(".done").unlink(missing_ok=True)
        name.with_suffix(".request").touch()
        deadline = time.time() + 30
        while not name.with_suffix(".done").exists():
            assert time.time() < deadline, "WebKit did not print within 30 seconds"
            time.sleep(0.1)
        failure = name.with_suffix(".done").read_text()
        assert not failure, failure
        shutil.move(name.with_suffix(".pdf"), path)

    def close(self):
        try:
            self.request("DELETE", self.session)
        except Exception:
            pass
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except Exception:
            pass
        self.log.close()


@pytest.fixture(scope="module", params=["chromium", "firefox", "webkit"])
def engine(request, tmp_path_factory):
    name = request.param
    if name == "chromium":
        driver = Chromium(request.getfixturevalue("browser"))  # the suite's one Chromium (conftest.py)
    elif name == "firefox":
        require(FIREFOX.exists(), "Firefox is not installed: run 'make test' (Debian package firefox-esr)")
        require(NODE_MODULES.is_dir(), "puppeteer-core is not installed: run 'make test' (npm ci in .ci/node)")
        driver = Firefox()
    else:
        require(WEBKIT_DRIVER.exists() and shutil.which("xvfb-run") is not None,
             "WebKit is not installed: run 'make test' (Debian packages webkit2gtk-driver, xvfb, gir1.2-webkit2-4.1)")
        driver = WebKit(tmp_path_factory.mktemp("webkit"))
    yield driver
    driver.close()


# --- the checks --------------------------------------------------------------------------------

LOAD_THEME = """(async () => {
  window.dispatchEvent(new Event("scroll"));
  const deadline = Date.now() + 10000;
  while (document.documentElement.classList.contains("no-js") && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return !document.documentElement.classList.contains("no-js");
})()"""


def test_pages_fit_phones_and_computers_without_errors(engine, site):
    """Home, an age page, an activity, help and the planner at 320, 390 and 1280 px: nothing
    scrolls sideways, before and after the theme's script loads, and no console error."""
    engine.problems()
    wide = []
    for width in WIDTHS:
        for path in PAGES:
            error = engine.open(site.url + path, width=width, height=800)
            assert error is None, error
            assert engine.js("document.querySelectorAll('h1').length") == 1, path
            for moment in ("first paint", "theme loaded"):
                if moment == "theme loaded":
                    assert engine.js(LOAD_THEME), f"{path}: the theme's script did not load"
                sizes = engine.js("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                if sizes[0] > sizes[1]:
                    wide.append(f"{path or 'home'} at {width} px ({moment}): {sizes[0]} > {sizes[1]}")
    assert wide == []
    assert engine.problems() == []


@pytest.mark.dates
def test_planner_main_flow(engine, site):
    """A parent gives a date of birth and 'not early', sees their child's list, ticks one, saves,
    and finds the answers again on their next visit."""
    engine.open(site.url + "planner/", width=390)
    # Born on the 1st of the month 15 months before TODAY: 15 months and (TODAY.day - 1) days old,
    # whatever day the suite runs as (the engine's clock is TODAY: tests/clock.js).
    months = TODAY.year * 12 + TODAY.month - 1 - 15
    born = dt.date(months // 12, months % 12 + 1, 1)
    days = TODAY.day - 1
    expected = f"1 year, 3 months and {days} day{'s' * (days != 1)}" if days else "1 year and 3 months"
    assert engine.js("AppPlanner.toISO(AppPlanner.today())") == TODAY.isoformat(), "the engine's clock is not TODAY"
    engine.js("""(() => {
      const type = (id, value) => { const box = document.getElementById(id); box.value = value;
        box.dispatchEvent(new Event("input", {bubbles: true})); };
      type("planner-name", "Amira");
      type("planner-dob-day", "%d");
      type("planner-dob-month", "%d");
      type("planner-dob-year", "%d");
      document.getElementById("planner-early-no").click();
      document.querySelector("#planner-form button:not([type=button])").click();
    })()""" % (born.day, born.month, born.year))
    result = engine.js("""[document.getElementById("planner-results").hidden,
      document.getElementById("planner-age").innerText,
      document.querySelectorAll("#planner-checklist fieldset").length,
      document.activeElement && document.activeElement.id]""")
    assert result[0] is False, "the results did not show"
    assert f"Your child is {expected} old" in result[1] and "1 to 2 years" in result[1], (expected, result[1])
    assert result[2] > 0 and result[3] == "planner-results-title"
    assert engine.js("document.getElementById('planner-results-title').innerText") == "Amira's plan"
    engine.js("""(() => { document.querySelector("#planner-checklist input[value=yes]").click();
      document.getElementById("planner-save").click(); })()""")
    engine.open(site.url + "planner/", width=390)
    restored = engine.js("""[document.getElementById("planner-status").innerText,
      document.querySelector("#planner-checklist input[value=yes]").checked]""")
    assert "We found answers you saved" in restored[0] and restored[1] is True
    engine.js("document.getElementById('planner-forget').click()")
    assert engine.problems() == []


# Types a date of birth as a parent does (an input event a box), chooses how early, and submits.
TYPE_BORN = """(([day, month, year, early, bornAt]) => {
  const type = (id, value) => { const box = document.getElementById(id); box.value = value;
    box.dispatchEvent(new Event("input", {bubbles: true})); };
  type("planner-dob-day", String(day));
  type("planner-dob-month", String(month));
  type("planner-dob-year", String(year));
  document.getElementById("planner-early-" + early).click();
  if (bornAt) type("planner-born", bornAt);
  document.querySelector("#planner-form button:not([type=button])").click();
})(%s)"""


def months_before(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 - months
    year, month = total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, 28))


@pytest.mark.dates
def test_planner_not_yet_at_9_months_and_born_at_31_weeks(engine, site):
    """Priya's story: at 9 months her baby is not sitting; "Not yet" shows sitting play first, as a
    link, and when to ask for help, beside the answer. The health visitor's story: born at 31 weeks,
    the page says 9 weeks early and uses the corrected age."""
    engine.open(site.url + "planner/", width=390)
    born = months_before(TODAY, 9) - dt.timedelta(days=5)
    engine.js(TYPE_BORN % json.dumps([born.day, born.month, born.year, "no", ""]))
    shown = engine.js("""(() => {
      const question = [...document.querySelectorAll("#planner-checklist fieldset")]
        .filter((f) => f.querySelector("legend").textContent === "Sit without support")[0];
      question.querySelector("input[value=no]").click();
      const panel = question.nextElementSibling;
      const idea = panel.querySelector(".app-planner-notyet__ideas a");
      return [panel.className, idea.textContent, idea.getAttribute("href"),
              panel.querySelectorAll(".admonition").length, panel.innerText,
              document.querySelector("#planner-ideas li a").textContent,
              document.querySelector("#planner-first li a").textContent]; })()""")
    assert shown[0] == "app-planner-notyet", shown
    assert shown[1:4] == ["Sitting play", "../play/sitting-play/", 2], shown
    assert "health visitor or GP" in shown[4] and "NHS 111" in shown[4], shown[4]
    assert shown[5] == "Sitting play" and shown[6] == "Sitting play", shown
    engine.open(site.url + "planner/", width=390)
    born = months_before(TODAY, 4)
    engine.js(TYPE_BORN % json.dumps([born.day, born.month, born.year, "born", "31"]))
    age = engine.js("document.getElementById('planner-age').innerText")
    assert "Born at 31 weeks: 9 weeks early" in age and "Their corrected age is" in age, age
    assert "We show the list for 0 to 6 months." in age, age
    assert engine.problems() == []


MENU_BUTTON = "button.app-menu-button"


def wait_for(engine, expression: str, seconds: float = 10) -> bool:
    """Whether `expression` comes true in the page within `seconds`."""
    deadline = time.monotonic() + seconds
    while not engine.js(expression):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_the_menu_and_definitions_work_by_keyboard(engine, site):
    """At 200% zoom on a laptop (640 px): Tab reaches the menu button, Enter opens the menu with
    the focus in it, Escape closes it and gives the focus back, and so does Space; Escape closes
    a definition."""
    engine.open(site.url + "ages/1-2-years/", width=640, height=800)
    for _ in range(25):
        engine.press("Tab")
        if engine.js(f"document.activeElement.matches('{MENU_BUTTON}')"):
            break
    else:
        pytest.fail("Tab never reached the menu button")
    # The first key loaded the theme (theme-loader.js), which starts up a moment later: a reader
    # takes that moment to read; the test waits for it, and for each answer to a key below.
    assert wait_for(engine, "typeof window.component$ !== 'undefined'"), "the theme did not load"
    drawer = "document.getElementById('__drawer').checked"
    on_button = f"document.activeElement.matches('{MENU_BUTTON}')"
    engine.press("Enter")
    assert wait_for(engine, drawer, 3), "Enter did not open the menu"
    assert wait_for(engine, "!!document.activeElement.closest('.md-sidebar--primary')", 3), "the focus is not in the menu"
    engine.press("Escape")
    assert wait_for(engine, f"!{drawer}", 3), "Escape did not close the menu"
    assert wait_for(engine, on_button, 3), "the focus did not go back to the button"
    engine.press(" ")  # the space bar, as every engine's driver names it
    assert wait_for(engine, drawer, 3), "Space did not open the menu"
    engine.press("Escape")
    assert wait_for(engine, f"!{drawer}", 3), "Escape did not close the menu"
    engine.js("document.querySelector('abbr[tabindex]').focus()")
    assert wait_for(engine, "!!document.querySelector('.md-tooltip2--active')"), "no definition opened on focus"
    engine.press("Escape")
    assert wait_for(engine, "!document.querySelector('.md-tooltip2--active')", 2), "Escape did not close the definition"
    assert engine.problems() == []


def test_999_and_111_are_links_a_phone_can_call(engine, site):
    """On the help page and an age page, in each engine: 999 and 111 are tel: links that can be
    seen and tapped (the walkthrough found no number that could be called)."""
    for path in ("help/", "ages/1-2-years/"):
        engine.open(site.url + path, width=390)
        links = engine.js("""[...document.querySelectorAll('article a[href^="tel:"]')].map((a) => {
          const r = a.getBoundingClientRect();
          return [a.getAttribute('href'), a.innerText.trim(), r.width > 0 && r.height > 0]; })""")
        numbers = {href for href, _, shown in links if shown}
        assert {"tel:999", "tel:111"} <= numbers, (path, links)
        assert all(text.replace(" ", "").endswith(href[4:]) for href, text, _ in links), links
    assert engine.problems() == []


def test_listen_says_so_when_the_browser_has_no_voice(engine, site):
    """Listen never says "Reading the page aloud" for ever: with no voice in the browser (Firefox
    and WebKitGTK on these machines have none), it says it cannot read, beside the button."""
    engine.open(site.url + "help/", width=390)
    if not engine.js("!!(window.speechSynthesis && window.SpeechSynthesisUtterance)"):
        assert engine.js("document.querySelector('.app-listen').hidden"), "a Listen button that cannot work"
        return
    engine.js("document.querySelector('[data-app-listen]').click()")
    assert wait_for(engine, "document.querySelector('.app-listen__status').innerText.trim() !== ''", 5)
    time.sleep(2.5)  # the 2 seconds Listen waits for a voice to arrive
    voices = engine.js("speechSynthesis.getVoices().length")
    status = engine.js("document.querySelector('.app-listen__status').innerText.trim()")
    if voices:
        assert status in ("Reading the page aloud.", "Finished."), status
    else:
        assert status == "Sorry, this browser has no voice to read the page aloud. Try another browser.", status
    engine.js("window.appListen && window.appListen.stop && window.appListen.stop()")
    engine.problems()


def offline_heading(site_dir: Path) -> str:
    html = (site_dir / "offline" / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").h1.get_text(" ", strip=True)


def test_a_page_not_saved_shows_the_offline_page(engine, site_dir):
    """Offline, a page the service worker did not save shows the site's 'You are offline' page
    (Firefox showed its own 'Unable to connect' while navigation preload was on)."""
    own = Site(site_dir)  # its own address, so no other test's worker is in the way
    try:
        engine.reopen()
        assert engine.open(own.url) is None
        assert engine.js(SW_READY), "the service worker did not take over within 20 seconds"
        preload = engine.js(PRELOAD_STATE)
        own.down()
        engine.open(own.url + ACTIVITY)
        shown = engine.js("document.querySelector('h1') ? document.querySelector('h1').innerText.trim() : "
                          "document.title || document.body.innerText.slice(0, 80)")
        assert shown == offline_heading(site_dir)
        assert preload is False, "navigation preload is on"
    finally:
        own.down()
        engine.reopen()
        engine.problems()


@pytest.fixture(scope="module")
def site_with_preload(tmp_path_factory) -> Path:
    """The site as parents already have it: its service worker turns navigation preload on."""
    project = copy_project(tmp_path_factory.mktemp("preload-project"))
    # The worker's source, docs/assets/sw.js: turned back to what it was.
    sources = [project / "docs" / "assets" / "sw.js"]
    text = sources[0].read_text(encoding="utf-8")
    assert "navigationPreload.disable()" in text, "the worker turns preload off differently now: update this fixture"
    text = text.replace("navigationPreload.disable()", "navigationPreload.enable()").replace(
        "response = await fetch(request);", "response = (await event.preloadResponse) || (await fetch(request));")
    assert "preloadResponse" in text, "the worker fetches pages differently now: update this fixture"
    sources[0].write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("preload-site")
    build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(out), site_url=SITE_URL))
    return out


def worker_version(folder: Path) -> str:
    return re.search(r'"version": "([0-9a-f]+)"', (folder / "sw.js").read_text(encoding="utf-8"))[1]


def test_a_worker_that_had_preload_on_is_updated_and_offline_still_works(engine, site_dir, site_with_preload):
    """Turning preload off reaches parents who already have the worker that turned it on."""
    own = Site(site_with_preload)
    try:
        engine.reopen()
        assert engine.open(own.url) is None
        assert engine.js(SW_READY), "the first worker did not take over within 20 seconds"
        had_preload = engine.js(PRELOAD_STATE)
        own.folder = site_dir  # the fixed release goes live at the same address
        engine.open(own.url)  # a navigation makes the browser look for a new sw.js
        new = worker_version(site_dir)
        assert engine.js("""(async () => {
          const deadline = Date.now() + 20000;
          while (Date.now() < deadline) {
            const names = await caches.keys();
            if (names.length === 1 && names[0].endsWith(":%s") && navigator.serviceWorker.controller) return true;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          return false;
        })()""" % new), "the new worker did not take over"
        preload = engine.js(PRELOAD_STATE)
        own.down()
        engine.open(own.url + ACTIVITY)
        shown = engine.js("document.querySelector('h1') ? document.querySelector('h1').innerText.trim() : ''")
        assert shown == offline_heading(site_dir)
        assert had_preload is True, "the old worker did not turn preload on: this test tries nothing"
        assert preload is False, "the new worker left navigation preload on"
    finally:
        own.down()
        engine.reopen()
        engine.problems()


PLANNER_BUILD = "document.documentElement.getAttribute('data-planner-build')"


def test_offline_worker_runs_the_new_planner_js_on_the_first_visit_after_a_deploy(engine, site_dir, newer_site):
    """A returning parent (the old build's worker installed, the old planner.js in its cache) opens
    the planner once after a deploy that changed planner.js: the new script runs on that visit."""
    own = Site(site_dir)
    try:
        engine.reopen()
        assert engine.open(own.url) is None
        assert engine.js(SW_READY), "the service worker did not take over within 20 seconds"
        assert engine.open(own.url + "planner/") is None
        assert wait_for(engine, "!!document.getElementById('planner-form')")
        time.sleep(0.3)  # the worker keeps its copy of the planner's script
        assert engine.js(PLANNER_BUILD) is None
        own.folder = newer_site  # the new release goes live at the same address
        assert engine.open(own.url + "planner/") is None
        assert wait_for(engine, PLANNER_BUILD + " === 'newer'"), "the first visit after the deploy ran the old planner.js"
    finally:
        own.down()
        engine.reopen()
        engine.problems()


def test_the_worker_turns_navigation_preload_off_for_workers_that_had_it_on(site_dir):
    """A parent who already has a worker that turned preload on gets it turned off on activate."""
    worker = (site_dir / "sw.js").read_text(encoding="utf-8")
    activate = worker[worker.index('addEventListener("activate"'):worker.index('addEventListener("fetch"')]
    assert "navigationPreload.disable()" in activate
    assert "navigationPreload.enable()" not in worker and "preloadResponse" not in worker


def test_search_button_stays_while_the_theme_loads(engine, site_dir):
    """The first touch loads the theme's style sheet and script; until the script has run, the
    page still has 'no-js', and the theme's sheet used to hide search then."""
    site = Site(site_dir)  # a new address: no service worker has saved the theme's script yet
    site.hold_theme = 6.0  # longer than the check below can take, even on a busy machine
    try:
        engine.open(site.url + "help/", width=390)
        seen = engine.js("""(async () => {
          window.dispatchEvent(new Event("pointerdown"));
          const button = document.querySelector(".md-header__button[for='__search']");
          const deadline = Date.now() + 5000;
          let link;
          while (Date.now() < deadline) {
            link = document.querySelector("link[rel=stylesheet][href*='assets/stylesheets/main.']");
            if (link && link.sheet) break;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          return [Boolean(link && link.sheet), document.documentElement.classList.contains("no-js"),
                  getComputedStyle(button).display, button.getBoundingClientRect().width];
        })()""")
        assert seen[0] and seen[1], f"the test did not catch the moment it looks for: {seen}"
        assert seen[2] != "none" and seen[3] > 0, "the search button disappeared while the theme loaded"
    finally:
        site.hold_theme = 0.0
        engine.js(LOAD_THEME)
        site.down()
        engine.problems()


def test_glossary_term_opens_by_keyboard_in_body_size_text(engine, site):
    engine.open(site.url + ACTIVITY, width=390)
    assert engine.js(LOAD_THEME)
    found = engine.js("""(async () => {
      const terms = [...document.querySelectorAll("article abbr[title]")].filter((t) => !t.closest("a"));
      const term = terms[0];
      if (!term || terms.some((t) => t.tabIndex !== 0)) return ["not all focusable", terms.map((t) => t.tabIndex)];
      term.scrollIntoView({ block: "center" });
      term.focus();
      const deadline = Date.now() + 3000;
      let tip;
      while (Date.now() < deadline) {
        tip = document.querySelector("[role=tooltip].md-tooltip2--active .md-tooltip2__inner");
        if (tip) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // The theme's transition, which a busy machine can make last longer: wait for the tooltip
      // to come to rest above the term, 3 seconds at most (then the check below fails).
      const rest = Date.now() + 3000;
      await new Promise((resolve) => setTimeout(resolve, 500));
      while (tip && Date.now() < rest && tip.getBoundingClientRect().bottom > term.getBoundingClientRect().top)
        await new Promise((resolve) => setTimeout(resolve, 100));
      const body = parseFloat(getComputedStyle(document.querySelector("article p")).fontSize);
      return [document.activeElement === term, tip ? parseFloat(getComputedStyle(tip).fontSize) : 0, body,
              tip ? tip.getBoundingClientRect().bottom : null, term.getBoundingClientRect().top];
    })()""")
    assert found[0] is True, found
    assert found[1] >= 0.9 * found[2], f"tooltip text {found[1]} px against body text {found[2]} px"
    assert found[3] <= found[4], f"the tooltip covers the text after the term: {found}"
    engine.problems()


def sheets(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def test_an_activity_prints_on_one_sheet_and_an_age_page_on_two(engine, site, tmp_path):
    """WebKit printed CSS columns as one long column, and prints a pixel a third larger: in each
    engine the sheets are counted and the type measured on them (12 point body, as in Chromium)."""
    from test_sharing import assert_clear_print

    require(shutil.which("pdfinfo") is not None, "pdfinfo is not installed (Debian package poppler-utils)")
    printed = {}
    for path, width in [(ACTIVITY, 390), ("ages/1-2-years/", 1280)]:
        engine.open(site.url + path, width=width)
        engine.js("window.dispatchEvent(new Event('beforeprint'))")
        engine.print_pdf(tmp_path / "printed.pdf")
        printed[path] = sheets(tmp_path / "printed.pdf")
        assert_clear_print(tmp_path / "printed.pdf", small_print=engine.name == "chromium")
    assert printed[ACTIVITY] == 1 and printed["ages/1-2-years/"] <= 2, printed


def test_half_typed_date_asks_for_the_missing_box(engine, site):
    """Day, month and year are three text boxes (the GOV.UK pattern), typed the same in every
    engine: a day and a month with no year asks for the year, and the error leads to that box."""
    engine.open(site.url + "planner/", width=390)
    engine.js("document.getElementById('planner-dob-day').focus()")
    engine.keys("30")
    engine.js("document.getElementById('planner-dob-month').focus()")
    engine.keys("1")
    state = engine.js("""(() => {
      document.getElementById("planner-early-no").click();
      document.querySelector("#planner-form button:not([type=button])").click();
      return [document.getElementById("planner-dob-day").value, document.getElementById("planner-dob-error").innerText,
              document.querySelector("#planner-error-list a").getAttribute("href"),
              document.getElementById("planner-dob-year").getAttribute("aria-invalid")]; })()""")
    assert state[0] == "30", state
    assert "Date of birth must include a year" in state[1], state
    assert state[2] == "#planner-dob-year" and state[3] == "true", state
    engine.problems()


# --- the planner keeps what parents saved (issue 25) ------------------------------------------

# Fills the date of birth's boxes as typing does (an input event each), with the date `days` days
# before the browser's own today, in the digits given (ten characters for 0 to 9), and submits.
FILL_BORN = """(([days, digits, early]) => {
  const d = new Date(); d.setDate(d.getDate() - days);
  const local = (n) => String(n).split("").map((c) => digits[Number(c)]).join("");
  const type = (id, value) => { const box = document.getElementById(id); box.value = value;
    box.dispatchEvent(new Event("input", {bubbles: true})); };
  type("planner-dob-day", local(d.getDate()));
  type("planner-dob-month", local(d.getMonth() + 1));
  type("planner-dob-year", local(d.getFullYear()));
  document.getElementById("planner-early-" + early).click();
  document.querySelector("#planner-form button:not([type=button])").click();
  return [d.getDate(), d.getMonth() + 1, d.getFullYear()];
})(%s)"""
STORED = "localStorage.getItem('app-planner')"
CHILDREN = "document.querySelectorAll('#planner-children-list > li').length"


def fill_born(engine, days: int, digits: str = "0123456789", early: str = "no") -> list[int]:
    return engine.js(FILL_BORN % json.dumps([days, digits, early]))


def click(engine, element_id: str) -> None:
    engine.js(f"document.getElementById({json.dumps(element_id)}).click()")


def open_planner_with(engine, site, raw) -> None:
    """The planner, opened with `raw` (a string, or None for nothing) saved in its storage."""
    engine.open(site.url + "planner/", width=390)
    engine.js("localStorage.clear()" if raw is None else f"localStorage.setItem('app-planner', {json.dumps(raw)})")
    engine.open(site.url + "planner/", width=390)


@pytest.mark.engines("chromium", "firefox")  # the bare WebKitGTK window has one tab
def test_planner_two_tabs_never_overwrite_a_child(engine, site):
    """Tab B forgets Child 1 and saves another baby; tab A, still showing Child 1, saves: both
    babies are kept, and each tab's list follows the other's through the storage event."""
    open_planner_with(engine, site, None)
    first = 0
    fill_born(engine, 300)
    click(engine, "planner-save")
    second = engine.new_tab()
    engine.open(site.url + "planner/", width=390)
    assert engine.js(CHILDREN) == 1
    engine.js("document.querySelector('#planner-children-list button[data-child]:nth-child(2)').click()")
    assert engine.js(STORED) is None
    engine.use_tab(first)
    assert wait_for(engine, f"{CHILDREN} === 0"), "tab A did not hear that Child 1 was forgotten"
    assert "forgotten in another window" in engine.js("document.getElementById('planner-status').innerText")
    engine.use_tab(second)
    fill_born(engine, 500)
    click(engine, "planner-save")
    engine.use_tab(first)
    assert wait_for(engine, f"{CHILDREN} === 1"), "tab A did not hear that a baby was saved"
    click(engine, "planner-save")
    saved = json.loads(engine.js(STORED))["children"]
    assert len(saved) == 2 and len({c["id"] for c in saved}) == 2, saved
    assert len({json.dumps(c["dob"]) for c in saved}) == 2, "the two babies' dates are both kept"
    engine.use_tab(second)
    assert wait_for(engine, f"{CHILDREN} === 2")
    assert engine.problems() == []


NEWER = '{"version":3,"people":[{"id":"p1","born":"2025-03-12","notes":"é 中"}]}'


@pytest.mark.parametrize("raw", [NEWER, "not json {"], ids=["newer format", "not JSON"])
def test_planner_keeps_saved_data_it_cannot_read(engine, site, raw):
    open_planner_with(engine, site, raw)
    assert engine.js("document.getElementById('planner-unknown').hidden") is False
    assert "We cannot open what is saved on this device" in engine.js(
        "document.getElementById('planner-unknown').innerText")
    assert engine.js(STORED) == raw, "changed on load"
    fill_born(engine, 400)
    assert engine.js("document.getElementById('planner-results').hidden") is False
    click(engine, "planner-save")
    assert "We did not save" in engine.js("document.getElementById('planner-saved').innerText")
    assert engine.js(STORED) == raw, "changed on Save"
    engine.open(site.url + "planner/", width=390)
    assert engine.js(STORED) == raw, "changed on a second load"
    engine.js("localStorage.clear()")
    assert engine.problems() == []


def test_planner_forget_all_asks_and_undo_brings_every_child_back(engine, site):
    open_planner_with(engine, site, None)
    for name in ("Amira", "Bilal", "Chen"):
        engine.js(f"(() => {{ document.getElementById('planner-add').click();"
                  f" document.getElementById('planner-name').value = {json.dumps(name)}; }})()")
        fill_born(engine, 400)
        click(engine, "planner-save")
    raw = engine.js(STORED)
    assert len(json.loads(raw)["children"]) == 3
    click(engine, "planner-forget-all")
    assert engine.js("document.getElementById('planner-confirm-title').innerText") == \
        "Forget the answers for all 3 children saved on this device?"
    assert engine.js(STORED) == raw, "removed before the parent said yes"
    click(engine, "planner-confirm-yes")
    assert engine.js(STORED) is None
    click(engine, "planner-undo")
    assert engine.js(STORED) == raw and engine.js(CHILDREN) == 3
    engine.js("localStorage.clear()")
    assert engine.problems() == []


@pytest.mark.parametrize("digits", ["٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９"], ids=["Arabic-Indic", "full-width"])
def test_planner_takes_digits_from_other_keyboards(engine, site, digits):
    open_planner_with(engine, site, None)
    fill_born(engine, 400, digits)
    state = engine.js("""[document.getElementById("planner-results").hidden,
      document.getElementById("planner-age").innerText, document.getElementById("planner-error-summary").hidden]""")
    assert state[0] is False and state[2] is True and "1 to 2 years" in state[1], state
    assert engine.problems() == []


def test_planner_splits_a_date_typed_into_the_day_box(engine, site):
    open_planner_with(engine, site, None)
    born = engine.js("""(() => { const d = new Date(); d.setDate(d.getDate() - 400);
      return [d.getDate(), d.getMonth() + 1, d.getFullYear()]; })()""")
    engine.js("document.getElementById('planner-dob-day').focus()")
    engine.keys(f"{born[0]:02}/{born[1]:02}/{born[2]}")         # real key presses, as typed
    boxes = engine.js("['day', 'month', 'year'].map((p) => document.getElementById('planner-dob-' + p).value)")
    assert [int(b) for b in boxes] == born, boxes
    assert engine.problems() == []
