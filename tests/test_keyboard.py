"""A reader with a keyboard, at 200% zoom on a laptop (640 CSS px) and at 1280 px, in Chromium.

The walkthrough's grandfather (../shared/reviews/walkthrough.md): 34 invisible Tab stops in the
closed menu, a menu button Tab never reached, "Skip to content" jumping past the home page's
four doors, and a definition Escape did not close. Every Tab stop here is a real key press.
test_engines.py checks the menu and Escape in Firefox and WebKit too.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import settled


pytestmark = pytest.mark.browser

PAGES = ["", "ages/1-2-years/", "play/tummy-time/", "help/", "planner/", "easy-read/"]

# What has focus, and whether a person could see it: on screen, not hidden, not off the side.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const seen = el.checkVisibility({visibilityProperty: true, opacityProperty: false}) && r.width > 0 && r.height > 0
    && r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight && style.visibility !== "hidden";
  return {tag: el.tagName.toLowerCase(), id: el.id, text: (el.innerText || el.getAttribute("aria-label") || "").trim().slice(0, 40),
          seen, inMenu: !!el.closest(".md-sidebar--primary"), menuButton: el.matches("button.app-menu-button")};
}"""


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(viewport={"width": 640, "height": 800})
    page = context.new_page()
    page.base = site_url
    yield page
    context.close()


def tab_stops(page, count: int) -> list[dict]:
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    return stops


@pytest.mark.parametrize("width", [640, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_every_tab_stop_can_be_seen(page, path, width):
    """Tab through the first 60 stops (the header, the menu, the page's start): each one is on
    screen when it has focus. The closed menu's links are not among them."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(page.base + path, wait_until="load")
    stops = [stop for stop in tab_stops(page, 60) if stop]
    assert stops, "Tab reached nothing"
    hidden = [stop for stop in stops if not stop["seen"]]
    assert hidden == [], f"{path or 'home'} at {width} px: focus went somewhere no one can see"
    if width == 640:
        assert not any(stop["inMenu"] for stop in stops), "the closed menu is in the Tab order"
        assert any(stop["menuButton"] for stop in stops), "Tab never reaches the menu button"


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_the_menu_button_opens_and_escape_closes_the_menu(page, key):
    page.goto(page.base + "ages/1-2-years/", wait_until="load")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED)["menuButton"]:
            break
    button = page.locator("button.app-menu-button")
    assert button.get_attribute("aria-label") == "Menu"
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press(key)
    assert page.evaluate("document.getElementById('__drawer').checked"), f"{key!r} did not open the menu"
    assert button.get_attribute("aria-expanded") == "true"
    focused = page.evaluate(FOCUSED)
    assert focused["inMenu"] and focused["tag"] == "a", f"focus did not move into the open menu: {focused}"
    settled(page)  # the menu slides in
    assert page.evaluate(FOCUSED)["seen"]
    links = [stop for stop in tab_stops(page, 5) if stop]
    assert all(stop["inMenu"] and stop["seen"] for stop in links), links
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked"), "Escape did not close the menu"
    assert page.evaluate(FOCUSED)["menuButton"], "focus did not go back to the menu button"
    assert button.get_attribute("aria-expanded") == "false"


# The menu's links as the browser renders them: checkVisibility() is false for what a closed
# ancestor's `content-visibility: hidden` leaves out of style, layout and paint.
MENU_DRAWN = """() => { const links = [...document.querySelectorAll('.md-sidebar--primary .md-nav__link')];
  return {links: links.length, drawn: links.filter(a => a.checkVisibility()).length,
          skipped: getComputedStyle(document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap')).contentVisibility}; }"""


@pytest.mark.parametrize("width", [390, 640])
def test_the_closed_menu_is_not_drawn_until_it_opens(page, width):
    """On a phone the closed menu is a third of an age page's elements: the browser skips them
    (the first view's blocking time, make bench) and draws them the moment the menu opens."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(page.base + "ages/1-2-years/", wait_until="load")
    closed = page.evaluate(MENU_DRAWN)
    assert closed["links"] > 20 and closed["skipped"] == "hidden" and closed["drawn"] == 0, closed
    page.locator("button.app-menu-button").click()
    settled(page)  # the menu slides in
    opened = page.evaluate(MENU_DRAWN)
    assert opened["skipped"] == "visible" and opened["drawn"] > 20, opened
    page.keyboard.press("Escape")
    # Left undrawn once it has slid away (0.25 s): waited for, as a loaded machine may be slow.
    page.wait_for_function(f"({MENU_DRAWN})().drawn === 0", timeout=5000)


def test_the_menu_is_drawn_on_a_wide_screen(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(page.base + "ages/1-2-years/", wait_until="load")
    state = page.evaluate(MENU_DRAWN)
    assert state["skipped"] == "visible" and state["drawn"] > 20, state


@pytest.mark.parametrize("path, first_after", [
    ("", ".app-doors a"),                    # the home page's four doors come first
    ("ages/1-2-years/", ".app-listen button"),  # Listen, right under the heading
])
def test_skip_to_content_lands_on_the_page_heading(page, path, first_after):
    page.goto(page.base + path, wait_until="load")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["text"] == "Skip to content"
    page.keyboard.press("Enter")
    focused = page.evaluate(FOCUSED)
    assert focused["tag"] == "h1" and focused["seen"], focused
    page.keyboard.press("Tab")
    after = page.evaluate("(s) => { const el = document.activeElement; const h1 = document.querySelector('h1');"
                          " return [el.matches(s), !!(h1.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)]; }",
                          first_after)
    assert after == [True, True], f"the Tab after the heading went to {page.evaluate(FOCUSED)}"


def test_skip_link_and_sections_in_the_built_page(html_pages, soups):
    """Every page's skip link goes to its own heading; 'On this page' still lists the sections."""
    for name, html in html_pages.items():
        if name in ("404.html",) or "md-skip" not in html:
            continue
        assert soups[name].select('a.md-skip[href="#app-title"]'), name
        assert soups[name].select("h1#app-title[tabindex='-1']"), name
    age = soups["ages/1-2-years/index.html"]
    assert age.select('a.md-nav__link[href="#what-most-children-do"]')
    assert not age.select('a.md-nav__link[href="#app-title"]')


@pytest.mark.parametrize("width", [390, 1280])
def test_escape_closes_a_definition_which_never_covers_its_line(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(page.base + "ages/1-2-years/", wait_until="load")
    term = page.locator("abbr[tabindex]").first
    term.scroll_into_view_if_needed()
    term.focus()
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for(state="visible", timeout=10000)  # the focus loads the theme, which shows it
    settled(page)  # it slides into place
    tip_box, term_box = tip.bounding_box(), term.bounding_box()
    assert tip_box["y"] + tip_box["height"] <= term_box["y"] + 1, "the definition covers the line being read"
    page.keyboard.press("Escape")
    expect(page.locator(".md-tooltip2--active"), "Escape did not close the definition").to_have_count(0, timeout=5000)
    assert page.evaluate("document.activeElement.tagName") == "ABBR", "Escape moved the focus away"
