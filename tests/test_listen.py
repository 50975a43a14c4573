""""Listen to this page": the browser's own voice reads the page, with play, pause and stop.

Chromium in a test machine has no voices, so `speechSynthesis` is replaced by a stub that
records what it is asked to say and ends each sentence when the test says so.
"""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

pytestmark = pytest.mark.browser

STUB = """
(() => {
  const said = [], calls = [];
  let current = null;
  window.__speech = { said, calls,
    end() { const u = current; current = null; if (u && u.onend) u.onend({}); },
    fail(error) { const u = current; current = null; if (u && u.onerror) u.onerror({ error }); } };
  window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ""; };
  Object.defineProperty(window, "speechSynthesis", { configurable: true, value: {
    speak(u) { said.push({ text: u.text, lang: u.lang }); calls.push("speak"); current = u; },
    cancel() { calls.push("cancel"); current = null; },
    pause() { calls.push("pause"); },
    resume() { calls.push("resume"); },
  }});
})();
"""
NO_SPEECH = "delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;"


def start_reading(page, url: str) -> None:
    """Open a page and press Listen; return once the first sentence is being spoken."""
    page.goto(url)
    page.get_by_role("button", name="Listen to this page").click()
    page.wait_for_function("window.__speech.said.length > 0")


def said(page) -> list[str]:
    return [s["text"] for s in page.evaluate("window.__speech.said")]


def end_sentence(page) -> None:
    page.evaluate("window.__speech.end()")


def read_until(page, sentence: str, limit: int = 10) -> None:
    """End sentences until `sentence` is being spoken (past a draft notice, for one)."""
    for _ in range(limit):
        if said(page)[-1] == sentence:
            return
        end_sentence(page)
    assert said(page)[-1] == sentence


@pytest.fixture
def listening(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(STUB)
    page = context.new_page()
    page.fetched = []
    page.on("request", lambda request: page.fetched.append(request.url))
    yield page
    context.close()


def test_listen_reads_the_page_from_its_title_and_loads_only_when_pressed(listening, site_url):
    page = listening
    page.goto(site_url + "help/")
    page.wait_for_timeout(300)
    assert not [url for url in page.fetched if url.endswith("listen.js")]
    button = page.get_by_role("button", name="Listen to this page")
    assert button.is_visible()
    button.click()
    page.wait_for_function("window.__speech.said.length > 0")
    assert [url for url in page.fetched if re.search(r"/assets/listen\.[0-9a-f]{8}\.js$", url)]
    assert said(page) == ["Worried? Get help"]
    assert page.evaluate("window.__speech.said[0].lang") == "en-GB"
    assert page.locator("h1.app-listen-reading").count() == 1
    assert page.locator(".app-listen__status").inner_text() == "Reading the page aloud."
    # Sentence by sentence, in page order, marking the paragraph being read.
    read_until(page, "Every child develops at their own pace.")
    end_sentence(page)
    end_sentence(page)
    assert said(page)[-3:] == ["Every child develops at their own pace.",
                               "Some learn a skill early and some learn it later.",
                               "If something worries you, it is always fine to ask."]
    assert page.locator("p.app-listen-reading").inner_text().startswith("Every child develops")


def test_listen_skips_buttons_and_hidden_text(listening, site_url):
    page = listening
    start_reading(page, site_url + "ages/1-2-years/")
    for _ in range(400):
        if page.evaluate("window.__speech.said.length") and page.locator(".app-listen__status").inner_text() == "Finished.":
            break
        end_sentence(page)
    spoken = " ".join(said(page))
    assert "Between 1 and 2 years, your child goes from first steps" in spoken
    assert "When to ask for help" in spoken
    for never in ["Share this page", "Print this page", "Listen to this page", "Link to this section"]:
        assert never not in spoken
    assert page.locator(".app-listen__status").inner_text() == "Finished."
    assert page.locator(".app-listen-reading").count() == 0


def test_pause_stops_the_voice_and_carry_on_repeats_the_sentence(listening, site_url):
    page = listening
    start_reading(page, site_url + "help/")
    read_until(page, "Every child develops at their own pace.")
    count = len(said(page))
    page.get_by_role("button", name="Pause").click()
    assert page.evaluate("window.__speech.calls").pop() == "cancel"
    assert page.locator(".app-listen__status").inner_text() == "Paused."
    end_sentence(page)  # a cancelled sentence that still reports its end must not move on
    assert len(said(page)) == count
    page.get_by_role("button", name="Carry on listening").click()
    assert said(page)[-1] == "Every child develops at their own pace."
    end_sentence(page)
    assert said(page)[-1] == "Some learn a skill early and some learn it later."


def test_stop_ends_reading_and_the_next_press_starts_again(listening, site_url):
    page = listening
    start_reading(page, site_url + "help/")
    end_sentence(page)
    stop = page.get_by_role("button", name="Stop")
    assert stop.is_visible()
    stop.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.__speech.calls").pop() == "cancel"
    assert not stop.is_visible()
    assert page.locator(".app-listen-reading").count() == 0
    assert page.locator(".app-listen__status").inner_text() == "Stopped."
    # Focus is not lost when the Stop button hides: it goes back to the Listen button.
    assert page.evaluate("document.activeElement.textContent.trim()") == "Listen to this page"
    page.keyboard.press("Enter")
    assert said(page)[-1] == "Worried? Get help"


def test_escape_stops_reading(listening, site_url):
    page = listening
    start_reading(page, site_url + "easy-read/ages/")
    end_sentence(page)
    page.keyboard.press("Escape")
    assert page.locator(".app-listen__status").inner_text() == "Stopped."


def test_listen_reads_easy_read_pages_without_the_picture_names(listening, site_url):
    page = listening
    start_reading(page, site_url + "easy-read/0-6-months/")
    read_until(page, "By about 2 months, your baby lifts their head when lying on their tummy.")
    spoken = said(page)
    assert spoken[0] == "Easy Read: birth to 6 months"
    assert "Every child learns at their own pace." in spoken
    assert "By about 2 months, your baby lifts their head when lying on their tummy." in spoken
    assert not any(s.startswith(("A child", "A calendar", "A baby")) for s in spoken)  # alt text is not read
    assert page.locator("li.app-idea.app-listen-reading").count() == 1


def test_a_voice_that_fails_stops_with_a_message_instead_of_racing_on(listening, site_url):
    page = listening
    start_reading(page, site_url + "help/")
    page.evaluate("window.__speech.fail('synthesis-failed')")
    assert len(said(page)) == 1
    assert page.locator(".app-listen__status").inner_text() == "Sorry, this browser could not read the page aloud."
    assert page.get_by_role("button", name="Listen to this page").is_visible()


@pytest.mark.parametrize("path", ["ages/1-2-years/", "easy-read/1-2-years/", "help/"])
def test_listen_is_under_the_heading_with_a_speaker_and_says_it_reads_english(listening, site_url, path):
    """On the first phone screen, right under the title: the Sorry or Reading status is seen
    beside the button, not 2,000 px away at the foot of the page."""
    page = listening
    page.goto(site_url + path)
    box = page.locator(".app-listen")
    assert page.evaluate("document.querySelector('h1').nextElementSibling.classList.contains('app-listen')")
    assert box.bounding_box()["y"] + box.bounding_box()["height"] < 844
    button = page.get_by_role("button", name="Listen to this page")
    assert button.locator("svg").count() == 1 and button.locator("[aria-hidden=true] svg").count() == 1
    assert "It reads in English." in box.inner_text()


def test_home_has_listen_after_its_four_doors(listening, site_url):
    page = listening
    page.goto(site_url)
    assert page.evaluate("""document.querySelector('.app-doors').compareDocumentPosition(
      document.querySelector('.app-listen')) & Node.DOCUMENT_POSITION_FOLLOWING""")


def test_a_browser_with_no_voice_says_so_beside_the_button(browser, site_url):
    """Firefox on a computer with no voice installed: speech exists, getVoices() stays empty and
    nothing is ever spoken. The page said "Reading the page aloud" for ever."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(STUB + "window.speechSynthesis.getVoices = () => []; "
                                   "window.speechSynthesis.addEventListener = () => {};")
    page = context.new_page()
    page.goto(site_url + "ages/1-2-years/")
    y = page.evaluate("scrollY")
    page.get_by_role("button", name="Listen to this page").click()
    status = page.locator(".app-listen__status")
    page.wait_for_function("document.querySelector('.app-listen__status').innerText.startsWith('Sorry')", timeout=5000)
    assert status.inner_text() == "Sorry, this browser has no voice to read the page aloud. Try another browser."
    assert page.evaluate("window.__speech.said") == [], "it spoke with no voice"
    assert status.is_visible() and status.bounding_box()["y"] < 844, "the message is not beside the button"
    assert page.evaluate("scrollY") == y, "the page jumped"
    assert page.get_by_role("button", name="Listen to this page").is_visible()
    context.close()


def test_the_button_is_absent_where_the_browser_cannot_speak(browser, site_url):
    context = browser.new_context()
    context.add_init_script(NO_SPEECH)
    page = context.new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url + "help/")
    assert page.locator(".app-listen").count() == 1
    assert not page.locator(".app-listen").is_visible()
    assert page.get_by_role("button", name="Listen to this page").count() == 0  # hidden from screen readers too
    page.keyboard.press("Tab")
    assert not [url for url in fetched if url.endswith("listen.js")]
    context.close()


def test_the_button_is_absent_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "help/")
    assert not page.locator(".app-listen").is_visible()
    context.close()


def test_listen_is_on_every_page_and_its_script_is_in_the_policy(html_pages, soups, site_dir):
    headers = (site_dir / "_headers").read_text(encoding="utf-8")
    for path, html in html_pages.items():
        if "md-content" not in html or path == "404.html":
            continue
        soup = soups[path]
        box = soup.select_one(".app-listen[hidden]")
        assert box is not None, path
        assert not soup.select('script[src*="listen.js"]'), path  # loaded on use, never with the page
        assert not soup.select("script[data-app-inline]"), path  # listen-box.js put inside the page (lean_pages.py)
        script = box.find_next("script").string
        assert script and "SpeechSynthesisUtterance" in script and not box.find_next("script").get("src"), path
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in headers
    script = next((site_dir / "assets").glob("listen.*.js"))  # named with its hash: hashed_assets.py
    assert re.search(r"speechSynthesis", script.read_text(encoding="utf-8"))
