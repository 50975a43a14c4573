"""WCAG 2.2 AA in real Chromium, on every page, at phone and desktop width."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import page_paths

pytestmark = pytest.mark.browser

PAGES = page_paths()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Theme findings we cannot fix from our side, each with its reason. Keep this empty if you can.
FILTERED: dict[str, str] = {}


def axe_violations(page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                       "resultTypes": ["violations"]})
    found = []
    for violation in results.response["violations"]:
        if violation["id"] in FILTERED:
            continue
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]][:3]
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return found


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_wcag_violation(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = {}
    for path in PAGES:
        page.goto(site_url + path.removesuffix("index.html"))
        found = axe_violations(page)
        if found:
            problems[path] = found
    context.close()
    assert problems == {}


def test_axe_catches_a_real_violation(browser, site_url):
    """The check itself works: a picture with no text alternative is reported."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
    assert any(v.startswith("image-alt") for v in axe_violations(page))
    context.close()


def pages_wider_than(browser, site_url, width: int, prepare: str = "") -> dict[str, int]:
    """{page: scroll width} for every page that scrolls sideways at this window width."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    too_wide = {}
    for path in PAGES:
        page.goto(site_url + path.removesuffix("index.html"))
        if prepare:
            page.evaluate(prepare)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            too_wide[path] = scroll_width
    context.close()
    return too_wide


def test_no_sideways_scrolling_at_320px(browser, site_url):
    assert pages_wider_than(browser, site_url, 320) == {}


def test_text_fits_when_the_font_size_is_doubled(browser, site_url):
    # The theme sets the root font size to 125%; 250% doubles it.
    assert pages_wider_than(browser, site_url, 1280, "document.documentElement.style.fontSize = '250%'") == {}


# What names a control while it has focus (its classes change then): its address and words.
KEY = "(e.getAttribute('href') || '') + '|' + e.textContent.trim().slice(0, 40)"


def test_keyboard_skip_link_and_visible_focus(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "help/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") != ""
    # Every link and button can be reached with Tab, in order, and Tab then leaves the page: no trap.
    # Counted from where the skip link landed: the controls after the start of the content.
    reachable = page.evaluate("""(() => { const start = document.querySelector(location.hash);
        return [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
        .filter((e) => e.tabIndex >= 0 && e.getClientRects().length &&
                       start.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING).length; })()""")
    seen = []
    for _ in range(reachable + 20):  # the theme may add a few controls once a key is pressed
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body || document.activeElement === null"):
            break
        seen.append(page.evaluate(KEY.replace("e.", "document.activeElement.")))
    else:
        pytest.fail(f"Tab never left the page after {len(seen)} presses: a keyboard trap")
    assert len(seen) >= reachable * 0.9, f"Tab reached {len(seen)} of about {reachable} controls"
    last = page.evaluate(KEY.replace("e.", "document.querySelector('.md-footer a[href]')."))
    assert last in seen, "the link at the foot of the page was never reached"
    context.close()


def test_pages_work_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    for path in PAGES:
        page.goto(site_url + path.removesuffix("index.html"))
        assert page.locator("article h1").is_visible(), path
        assert len(page.locator("article").inner_text()) > 100, path
    page.goto(site_url)
    page.locator("label.md-header__button[for='__drawer']").click()
    link = page.locator("nav.md-nav--primary a", has_text="Play ideas").first
    link.wait_for(state="visible")
    link.click()
    page.wait_for_url("**/play/")
    context.close()
