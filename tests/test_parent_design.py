"""Issue 14: a parent service, not a documentation site. Pictures on every activity and age page,
the header's identity in words, no documentation furniture, finding things (search, the play
filter without JavaScript, "try these first"), and the health visitor's kit."""

from __future__ import annotations

import re

import pytest
import yaml

import front_matter
import front_matter_reader
import picture_names
import text_messages
from conftest import ROOT, SITE_URL, settled

CONFIG = yaml.safe_load(re.sub(r"!!python/name:\S+|!ENV \[[^\]]*\]", "x", (ROOT / "mkdocs.yml").read_text()))
TAGS = CONFIG["extra"]["app_tags"]
BANDS = [t[len("age/"):] for t in TAGS if t.startswith("age/")]
AGE_PAGES = [f"ages/{band}/index.html" for band in BANDS]
ACTIVITY_PAGES = sorted(f"play/{p.stem}/index.html" for p in (ROOT / "docs" / "play").glob("*.md")
                        if p.name != "index.md")


def soup(soups, path):
    return soups[path]


# --- pictures ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ACTIVITY_PAGES + AGE_PAGES)
def test_activity_and_age_pages_have_a_sized_picture_with_alt(soups, site_dir, path):
    page = soup(soups, path)
    # Drawn inside the page (overrides/hooks/page_picture.py): no request, nothing to wait for.
    svg = page.select_one("article svg.app-page-picture")
    assert svg is not None, f"{path} has no picture"
    assert svg.get("role") == "img" and svg.get("aria-label", "").strip(), \
        f"{path}: the picture says nothing about what it shows"
    assert svg["width"] == svg["height"] == "72" and svg["viewbox"] == "0 0 72 72"
    assert svg.find(["path", "polygon", "circle", "ellipse", "line", "rect"])
    assert not page.select("article img.app-page-picture")
    assert len(str(svg)) < 12_000


def test_home_doors_are_four_cards_with_a_picture_each_and_the_planner_is_one(soups):
    cards = soup(soups, "index.html").select(".app-doors > ul > li")
    assert len(cards) == 4
    for card in cards:
        # Drawn inside the page (no request each), sized, and hidden from screen readers: the
        # door's words say where it goes.
        picture = card.select_one("svg.app-picture[width][height]")
        assert picture is not None and picture["aria-hidden"] == "true" and picture.find(["path", "circle"])
        assert card.find("img") is None
        assert len(card.select("a")) == 1
    assert any(card.a["href"].startswith("planner/") for card in cards)


GOOD = "---\ntitle: T\ndescription: A page about something useful for parents.\nlast_reviewed: 2026-11-25\n" \
       "next_review: 2027-11-25\nreviewed_by: pending\n{extra}---\n\nText.\n"


def problems(extra: str) -> list[str]:
    from mkdocs.config import load_config
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    return front_matter.page_problems(GOOD.format(extra=extra), config)[1]


def test_a_known_picture_with_alt_passes():
    assert problems("picture: baby\npicture_alt: A baby\n") == []
    assert problems('picture: baby\npicture_alt: ""\n') == []  # decorative


def test_an_unknown_picture_name_stops_the_build_on_its_line():
    found = problems("picture: toddler on a trike\npicture_alt: A toddler\n")
    assert len(found) == 1 and found[0].startswith("line 7: there is no picture called 'toddler on a trike'")
    with pytest.raises(picture_names.PictureError):
        picture_names.picture_file("toddler on a trike")


def test_a_picture_needs_its_alt_text_and_alt_needs_a_picture():
    assert any("has no 'picture_alt'" in p for p in problems("picture: baby\n"))
    assert any("there is no 'picture'" in p for p in problems("picture_alt: A baby\n"))


@pytest.mark.slow  # a real build of its own
def test_an_activity_without_a_picture_stops_the_build(tmp_path, caplog):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort
    from conftest import copy_project
    project = copy_project(tmp_path)
    page = project / "docs" / "play" / "cruising.md"
    page.write_text(re.sub(r"^picture(_alt)?: .*\n", "", page.read_text(), flags=re.M))
    with pytest.raises(Abort):
        build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert "docs/play/cruising.md: an activity needs a picture" in caplog.text


# --- a parent-first look ------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["index.html", "ages/1-2-years/index.html", "help/index.html"])
def test_header_names_the_service_and_trust_in_words_with_no_logo(soups, path):
    logo = soup(soups, path).select_one(".md-header .md-logo")
    words = " ".join(logo.get_text(" ").split())
    assert words == "Early Years Pathway Leicestershire Partnership NHS Trust"
    assert logo.find(["img", "svg"]) is None


def test_no_back_to_top_button_anywhere(soups):
    assert "navigation.top" not in CONFIG["theme"]["features"]
    assert [p for p in soups if soup(soups, p).select(".md-top, [data-md-component=top]")] == []


def test_home_has_no_contents_column(soups):
    sidebar = soup(soups, "index.html").select_one(".md-sidebar--secondary")
    assert sidebar is None or sidebar.has_attr("hidden") or sidebar.select_one(".md-nav__link") is None


# --- finding things -------------------------------------------------------------------------------

@pytest.mark.parametrize("band", BANDS)
def test_age_page_starts_its_list_with_three_to_five_ideas_for_someone(soups, band):
    page = soup(soups, f"ages/{band}/index.html")
    items = page.select(".app-try-first li")
    assert 3 <= len(items) <= 5
    whole_list = page.find(id="all-play-ideas-for-this-age")
    assert whole_list is not None and page.find(id="try-these-first").find_next(id="all-play-ideas-for-this-age") is whole_list
    for item in items:
        who = item.find("strong")
        assert who and who.get_text().endswith(":"), "each idea says who it is for"
        href = item.a["href"]
        slug = re.match(r"\.\./\.\./play/([\w-]+)/", href)[1]
        meta = front_matter_reader.read_front_matter((ROOT / "docs" / "play" / f"{slug}.md").read_text())[0]
        assert f"age/{band}" in meta["tags"], f"{slug} is not tagged for {band}"


def test_every_tag_has_its_play_filter_rule():
    css = (ROOT / "docs" / "assets" / "extra.css").read_text()
    for tag in TAGS:
        anchor = tag.replace("/", "-")
        assert f'.app-filter:has([value="{anchor}"]:checked) .app-filter__list > li:not([data-tags~="{anchor}"])' in css


# --- the health visitor's kit ---------------------------------------------------------------------

def test_kit_lists_each_age_youngest_first_with_a_one_text_message(soups):
    rows = soup(soups, "professionals/index.html").select("table.app-kit tbody tr")
    assert [r.th.get_text(strip=True) for r in rows] == [TAGS[f"age/{b}"] for b in BANDS] + [
        label for label, _, _ in text_messages.KIT_MESSAGES]
    for row, band in zip(rows, BANDS):
        link = row.select_one(".app-kit__link").get_text(strip=True)
        message = row.select_one(".app-kit__message").get_text(strip=True)
        assert link == f"{SITE_URL}text/{band}/", "the text message channel's address (site_model.channel_url)"
        assert message.endswith(link) and len(message) <= 160
        assert [b["data-app-copy"] for b in row.select("button.app-copy")] == [link, message]


def test_kit_message_fits_one_text_with_a_long_real_address():
    address = "https://www.leicspart.nhs.uk/early-years-pathway/text/"  # with the text channel's folder
    for band in BANDS:
        assert len(text_messages.text_message(TAGS[f"age/{band}"], f"{address}{band}/")) <= 160
    for _, _, words in text_messages.KIT_MESSAGES:
        assert len(words + address + "planner/") <= 160


def test_kit_has_ready_messages_for_the_planner_and_for_babies_born_early(soups):
    """Persona 4: the health visitor can text a family the planner, and a family whose baby was born
    early the planner with the weeks of pregnancy, each in one text with the planner's address."""
    rows = soup(soups, "professionals/index.html").select("table.app-kit tbody tr")[len(BANDS):]
    messages = {r.th.get_text(strip=True): r.select_one(".app-kit__message").get_text(strip=True) for r in rows}
    assert messages == {
        "Any age: the planner": "Early Years Pathway: put in your child's date of birth to see what most "
                                f"children do at their age: {SITE_URL}text/planner/",
        "Babies born early": "Early Years Pathway, baby born early? Type the weeks they were born at for "
                             f"their corrected age: {SITE_URL}text/planner/",
    }
    for row in rows:
        link = row.select_one(".app-kit__link").get_text(strip=True)
        message = row.select_one(".app-kit__message").get_text(strip=True)
        assert link == f"{SITE_URL}text/planner/" and len(message) <= 160
        assert [b["data-app-copy"] for b in row.select("button.app-copy")] == [link, message]


@pytest.mark.parametrize("band", BANDS)
def test_age_page_shows_its_short_link_beside_share(soups, band):
    short = soup(soups, f"ages/{band}/index.html").select_one(".app-share .app-share__short-url")
    assert short is not None and short.get_text(strip=True) == f"{SITE_URL}{band}/"


# --- in Chromium ------------------------------------------------------------------------------------

@pytest.mark.browser
def test_search_for_walking_leads_with_the_age_page(browser, site_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url)
    page.click("label[for=__search]")
    page.locator("input.md-search__input").press_sequentially("walking", delay=20)
    first = page.locator(".md-search-result__item > .md-search-result__link").first
    # The results for the whole word (each link marks the query it answers), not for "walk".
    page.wait_for_function("""() => { const a = document.querySelector(
        ".md-search-result__item > .md-search-result__link"); return a && /[?&]h=walking\\b/.test(a.href); }""",
                           timeout=15000)
    href = first.get_attribute("href")
    page.close()
    assert href.startswith(site_url + "ages/1-2-years/"), href


@pytest.mark.browser
def test_play_filter_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "play/")
    # each idea's title is its link (its "Print" tick box comes first)
    shown = lambda: page.evaluate("""[...document.querySelectorAll('.app-filter__list > li')]
      .filter((li) => li.offsetParent !== null)
      .map((li) => (li.querySelector(':scope > a') || li).innerText.split(':')[0])""")
    everything = shown()
    assert len(everything) == len(ACTIVITY_PAGES)
    page.check("input[value=age-0-6-months]")
    babies = shown()
    assert "Tummy time" in babies and "Using scissors" not in babies and len(babies) < len(everything)
    page.check("input[value=skill-fine-motor]")
    assert shown() == ["Floor play", "Reaching and grasping"]
    page.check("input[value=skill-everyday-living]")
    assert shown() == ["No play ideas for 0 to 6 months and everyday skills yet. Choose another age or skill."]
    page.check("input[value=age-any]")
    assert "Using a potty" in shown() and not any(s.startswith("No play ideas") for s in shown())
    context.close()


@pytest.mark.browser
def test_copy_button_copies_the_message_and_says_so(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    page.goto(site_url + "professionals/")
    button = page.locator("table.app-kit button.app-copy").nth(3)  # 6 to 12 months, its message
    button.wait_for(state="visible")
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    status = page.locator(".app-copy__status").inner_text()
    context.close()
    assert copied.startswith("Early Years Pathway") and copied.endswith("/6-12-months/")
    assert status == "Copied: " + copied


@pytest.mark.browser
def test_copy_buttons_stay_hidden_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "professionals/")
    assert page.locator("button.app-copy:visible").count() == 0
    # a ready message for each age, the planner and babies born early (text_messages.KIT_MESSAGES)
    assert page.locator(".app-kit__message:visible").count() == len(BANDS) + 2
    context.close()


@pytest.mark.browser
def test_section_marks_show_only_on_keyboard_focus_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "play/tummy-time/")
    heading = page.locator("article h2").first
    mark = heading.locator(".headerlink")
    assert mark.evaluate("e => getComputedStyle(e).opacity") == "0"
    heading.tap()
    page.wait_for_timeout(300)
    assert mark.evaluate("e => getComputedStyle(e).opacity") == "0"
    mark.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    settled(page)
    assert mark.evaluate("e => getComputedStyle(e).opacity") == "1"
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "ages/1-2-years/", "play/tummy-time/", "professionals/"])
def test_draft_notice_is_one_line_and_nothing_scrolls_sideways_at_320(browser, site_url, path):
    page = browser.new_page(viewport={"width": 320, "height": 700})
    page.goto(site_url + path)
    sideways = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    draft = page.locator(".app-draft p")
    lines = draft.evaluate("e => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight))")
    # The rest of the notice is not shown, but a screen reader still reads it.
    spoken = page.get_by_role("note").first.aria_snapshot()
    page.close()
    assert sideways <= 0
    assert lines == 1
    assert "A therapist has not yet checked this page." in spoken


@pytest.mark.browser
def test_the_whole_home_door_is_the_link(browser, site_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url)
    card = page.locator(".app-doors > ul > li").nth(1)
    box = card.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 8, box["y"] + box["height"] - 8)  # a corner, not the words
    page.wait_for_url(site_url + "planner/")
    page.close()
