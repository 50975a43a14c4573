"""Every page in real Chromium: nothing from another host, no cookies, no console errors."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import page_paths

pytestmark = pytest.mark.browser

PAGES = page_paths()


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    yield context
    context.close()


def test_every_page_loads_cleanly_in_chromium(context, site_url):
    own_host = urlparse(site_url).netloc
    problems, current = [], {"url": ""}

    def note(problem):
        problems.append(f"{current['url']}: {problem}")

    def on_request(request):
        parsed = urlparse(request.url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.netloc != own_host:
            note(f"request to another host: {request.url}")

    page = context.new_page()
    page.on("request", on_request)
    page.on("console", lambda m: note(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: note(f"script error: {e}"))
    for path in PAGES:
        current["url"] = site_url + path.removesuffix("index.html")
        response = page.goto(current["url"], wait_until="load")
        assert response and response.ok, f"{current['url']} answered {response and response.status}"
        assert page.locator("h1").count() == 1, current["url"]
    page.close()
    assert problems == []
    assert context.cookies() == []


def test_search_finds_a_page_on_a_phone(context, site_url):
    page = context.new_page()
    page.goto(site_url)
    page.locator("label.md-header__button[for='__search']").click()
    page.locator("input.md-search__input").press_sequentially("tummy time", delay=30)
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=15000)
    assert "tummy" in first.inner_text().lower()
    page.close()


def test_phone_menu_opens_and_reaches_a_section(context, site_url):
    page = context.new_page()
    page.goto(site_url)
    page.get_by_role("button", name="Menu").click()  # keyboard.js's button, in place of the theme's label
    link = page.get_by_role("link", name="Worried? Get help").first
    link.wait_for(state="visible")
    link.click()
    page.wait_for_url("**/help/")
    assert page.locator("h1").inner_text() == "Worried? Get help"
    page.close()


def test_home_shows_its_heading_and_four_doors_on_the_first_phone_screen(context, site_url):
    """390 x 844, before any scrolling: the heading, the language link, the draft notice and all
    four doors, whole (the walkthrough: a worried parent finds the way in without scrolling)."""
    page = context.new_page()
    page.goto(site_url)
    boxes = page.evaluate("""() => [document.querySelector('h1'), document.querySelector('.app-language'),
        document.querySelector('.app-draft'), ...document.querySelectorAll('.app-doors li')]
      .map((e) => { const r = e.getBoundingClientRect(); return [e.tagName, e.className, r.top, r.bottom, r.width]; })""")
    assert [b[0] for b in boxes].count("LI") == 4 and any(b[0] == "H1" for b in boxes)
    for tag, name, top, bottom, width in boxes:
        assert width > 1 and 0 <= top and bottom <= 844, f"{tag}.{name} is not whole on the first screen: {top}-{bottom}"
    page.close()
