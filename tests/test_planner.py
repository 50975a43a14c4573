"""The planner page, "What can my child do?" (docs/planner.md, docs/assets/planner.js).

The age arithmetic is tested in Chromium through window.AppPlanner, the same code parents run.
The browser tests fill the form and check the band, the milestones (against milestones.yml), the
play ideas (against the activity pages' tags), privacy (no request leaves 127.0.0.1, nothing in
localStorage until "Save on this device" and nothing after "Forget my answers"), accessibility
(axe), the one-sheet A4 print, and the page without JavaScript.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import re
import shutil
import subprocess
from urllib.parse import urlparse

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT, SITE_URL, need

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BANDS = {"0-6-months": (0, 6), "6-12-months": (6, 12), "1-2-years": (12, 24),
         "2-3-years": (24, 36), "3-5-years": (36, 60)}
# An age in days for each band, so the browser tests work whatever the date is today.
AGE_IN_DAYS = {"0-6-months": 60, "6-12-months": 250, "1-2-years": 400, "2-3-years": 900, "3-5-years": 1500}


# ---------------------------------------------------------------------------- helpers

def config_extra() -> dict:
    class Loader(yaml.SafeLoader):
        pass
    # mkdocs.yml uses !ENV and !!python/name tags; only extra is needed here.
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["extra"]


def milestones() -> list[dict]:
    return yaml.safe_load((ROOT / "docs" / ".data" / "milestones.yml").read_text(encoding="utf-8"))["cdc"]


def activity_titles(tag: str) -> list[str]:
    titles = []
    for md in sorted((ROOT / "docs" / "play").glob("*.md")):
        if md.name == "index.md":
            continue
        front = yaml.safe_load(md.read_text(encoding="utf-8").split("---", 2)[1])
        if tag in (front.get("tags") or []):
            titles.append(front["title"])
    return sorted(titles, key=str.casefold)


def page_address() -> str:
    """The planner's own address, as the QR code and the print give it: site_url + planner/."""
    return SITE_URL + "planner/"


def iso(day: dt.date) -> str:
    return day.isoformat()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    yield context
    context.close()


@pytest.fixture
def planner(context, site_url):
    """The planner page, with every request it makes written down."""
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.goto(site_url + "planner/", wait_until="load")
    page.wait_for_function("window.AppPlanner && window.AppPlanner.data")
    return page


@pytest.fixture(scope="module")
def functions(browser, site_url):
    """One planner page for the tests of its pure functions (dates, ages, bands, checks):
    they read nothing from the page, so they need not load it once each."""
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(site_url + "planner/", wait_until="load")
    page.wait_for_function("window.AppPlanner && window.AppPlanner.data")
    yield page
    context.close()


def browser_today(page) -> dt.date:
    return dt.date.fromisoformat(page.evaluate("AppPlanner.toISO(AppPlanner.today())"))


def age(page, born: str, on: str) -> dict:
    return page.evaluate("([a, b]) => AppPlanner.ageBetween(AppPlanner.parseDate(a), AppPlanner.parseDate(b))",
                         [born, on])


def assess(page, values: dict, on: str) -> dict:
    return page.evaluate("([v, on]) => AppPlanner.assess(v, AppPlanner.parseDate(on), AppPlanner.data.bands)",
                         [values, on])


def validate(page, values: dict, on: str) -> list[dict]:
    return page.evaluate("([v, on]) => AppPlanner.validate(v, AppPlanner.parseDate(on))", [values, on])


def fill(page, born: str, early: str = "no", due: str = "", weeks: str = "") -> None:
    page.fill("#planner-dob", born)
    page.check(f"#planner-early-{early}")
    if early == "due":
        page.fill("#planner-due", due)
    if early == "weeks":
        page.fill("#planner-weeks", weeks)
    page.click("#planner-form button[type=submit]")


def axe_violations(page) -> list[str]:
    # Moving the focus scrolls the page, and the theme's "Back to top" button fades in or out
    # a moment later: half-faded, its text fails colour contrast. Let the page settle first.
    page.wait_for_timeout(400)
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                       "resultTypes": ["violations"]})
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]]


def off_site(page, site_url: str) -> list[str]:
    host = urlparse(site_url).netloc
    return [url for url in page.requests
            if urlparse(url).scheme in ("http", "https", "ws", "wss") and urlparse(url).netloc != host]


# ---------------------------------------------------------------------------- the arithmetic

@pytest.mark.parametrize("born, on, months, days", [
    ("2025-01-31", "2025-02-28", 0, 28),   # no 31 February: not a month yet
    ("2024-01-31", "2024-02-29", 0, 29),   # a leap year: still not a month
    ("2025-01-31", "2025-03-01", 1, 1),    # the month is complete after February's last day
    ("2025-01-31", "2025-03-31", 2, 0),
    ("2025-03-31", "2025-04-30", 0, 30),
    ("2025-03-31", "2025-05-01", 1, 1),
    ("2025-01-15", "2025-01-15", 0, 0),    # born today
    ("2025-01-15", "2026-01-14", 11, 30),
    ("2025-01-15", "2026-01-15", 12, 0),
    ("2025-12-20", "2026-01-05", 0, 16),   # across a new year
])
def test_age_in_months_and_days_at_month_ends(functions, born, on, months, days):
    assert age(functions, born, on) == {"months": months, "days": days}


@pytest.mark.parametrize("on, months, days", [
    ("2024-03-29", 1, 0),
    ("2025-02-28", 11, 30),   # no 29 February in 2025: not 1 year yet
    ("2025-03-01", 12, 1),    # 1 year old on 1 March, as in UK law
    ("2028-02-28", 47, 30),
    ("2028-02-29", 48, 0),    # 4 years old on their own birthday in a leap year
])
def test_age_of_a_child_born_on_29_february(functions, on, months, days):
    assert age(functions, "2024-02-29", on) == {"months": months, "days": days}


def test_dates_that_do_not_exist_are_refused(functions):
    assert functions.evaluate("['2025-02-29', '2024-13-01', '2024-04-31', '', 'soon'].map(AppPlanner.parseDate)") \
        == [None] * 5
    assert functions.evaluate("AppPlanner.parseDate('2024-02-29')") == {"y": 2024, "m": 2, "d": 29}
    assert age(functions, "2025-05-02", "2025-05-01") is None


def test_a_baby_born_10_weeks_early_uses_corrected_age(functions):
    on = "2025-07-01"
    by_weeks = assess(functions, {"dob": "2025-01-01", "early": "weeks", "weeks": "10"}, on)
    assert by_weeks["actual"] == {"months": 6, "days": 0}
    assert by_weeks["corrected"] == {"months": 3, "days": 19}   # counted from the due date, 12 March
    assert by_weeks["used"] == by_weeks["corrected"]
    assert by_weeks["reason"] == "corrected" and by_weeks["weeksEarly"] == 10
    assert by_weeks["band"]["id"] == "0-6-months"                 # from birth it would be 6 to 12 months
    by_due_date = assess(functions, {"dob": "2025-01-01", "early": "due", "due": "2025-03-12"}, on)
    assert by_due_date["corrected"] == by_weeks["corrected"] and by_due_date["daysEarly"] == 70
    # Corrected age is the age from birth minus the weeks born early.
    days_from_birth = functions.evaluate("AppPlanner.daysBetween(AppPlanner.parseDate('2025-01-01'), AppPlanner.parseDate('2025-07-01'))")
    days_from_due = functions.evaluate("AppPlanner.daysBetween(AppPlanner.parseDate('2025-03-12'), AppPlanner.parseDate('2025-07-01'))")
    assert days_from_birth - 10 * 7 == days_from_due


def test_corrected_age_stops_at_2_years_from_birth(functions):
    values = {"dob": "2024-01-01", "early": "weeks", "weeks": "10"}
    before = assess(functions, values, "2025-12-31")
    assert before["actual"] == {"months": 23, "days": 30}
    assert before["reason"] == "corrected" and before["used"] == before["corrected"]
    assert before["band"]["id"] == "1-2-years"
    at_two = assess(functions, values, "2026-01-01")
    assert at_two["actual"] == {"months": 24, "days": 0}
    assert at_two["corrected"] is None and at_two["reason"] == "over-2"
    assert at_two["used"] == at_two["actual"] and at_two["band"]["id"] == "2-3-years"


def test_corrected_age_only_for_babies_born_before_37_weeks(functions):
    three_weeks = assess(functions, {"dob": "2025-01-01", "early": "weeks", "weeks": "3"}, "2025-07-01")
    assert three_weeks["corrected"] is None and three_weeks["reason"] == "term"   # born at 37 weeks
    four_weeks = assess(functions, {"dob": "2025-01-01", "early": "weeks", "weeks": "4"}, "2025-07-01")
    assert four_weeks["reason"] == "corrected" and four_weeks["corrected"] == {"months": 5, "days": 2}
    before_due = assess(functions, {"dob": "2025-01-01", "early": "weeks", "weeks": "10"}, "2025-02-01")
    assert before_due["reason"] == "before-due-date" and before_due["band"]["id"] == "0-6-months"


def test_a_child_past_5(functions):
    # A child who has just turned 5 still sees the 3 to 5 years list, with the 5-year checklist.
    five = assess(functions, {"dob": "2020-06-15", "early": "no"}, "2025-06-15")
    assert five["used"] == {"months": 60, "days": 0} and five["band"]["id"] == "3-5-years"
    assert five["over5"] is False
    past = assess(functions, {"dob": "2020-06-15", "early": "no"}, "2025-07-15")
    assert past["used"] == {"months": 61, "days": 0} and past["band"] is None and past["over5"] is True
    older = assess(functions, {"dob": "2019-01-01", "early": "no"}, "2026-11-25")
    assert older["band"] is None and older["over5"] is True
    almost = assess(functions, {"dob": "2020-06-15", "early": "no"}, "2025-06-14")
    assert almost["band"]["id"] == "3-5-years" and almost["over5"] is False


@pytest.mark.parametrize("months, band", [(0, "0-6-months"), (5, "0-6-months"), (6, "6-12-months"),
                                          (11, "6-12-months"), (12, "1-2-years"), (23, "1-2-years"),
                                          (24, "2-3-years"), (35, "2-3-years"), (36, "3-5-years"),
                                          (59, "3-5-years"), (60, "3-5-years"), (61, None)])
def test_band_for_an_age(functions, months, band):
    found = functions.evaluate("m => AppPlanner.bandFor(m, AppPlanner.data.bands)", months)
    assert (found and found["id"]) == band


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier, or that month's last day if it is shorter."""
    total = day.year * 12 + day.month - 1 - months
    year, month = total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def shown_checklists(page, result: dict) -> list[dict]:
    """The checklists the functions shows for an assessed age, as checklist() picks them."""
    data = page.evaluate("AppPlanner.data")
    return [c for c in data["checkpoints"] if result["band"] and c["band"] == result["band"]["id"]]


# Each band's first months, where a child has just reached the age of a checklist: 6 to 8, 12 to
# 14, 24 to 29 and 36 to 47 months, and the top edge, 60 months.
EDGE_AGES = {6: ("6-12-months", 6), 8: ("6-12-months", 6), 12: ("1-2-years", 12), 14: ("1-2-years", 12),
             24: ("2-3-years", 24), 29: ("2-3-years", 24), 36: ("3-5-years", 36), 47: ("3-5-years", 36),
             60: ("3-5-years", 60)}


@pytest.mark.parametrize("months", list(EDGE_AGES))
def test_a_child_sees_the_list_for_the_age_they_have_just_reached(functions, months):
    band, reached = EDGE_AGES[months]
    on = dt.date(2026, 6, 15)
    result = assess(functions, {"dob": iso(months_before(on, months)), "early": "no"}, iso(on))
    assert result["used"] == {"months": months, "days": 0} and result["band"]["id"] == band
    shown = shown_checklists(functions, result)
    # The newest checklist at or below the child's age is shown, marked "this age or older".
    assert max(c["months"] for c in shown if c["months"] <= months) == reached
    # One day short of the edge, the child is still in the band below, without that checklist.
    younger = assess(functions, {"dob": iso(months_before(on, months) + dt.timedelta(days=1)), "early": "no"}, iso(on))
    if months in (6, 12, 24, 36):
        assert younger["band"]["id"] != band
        assert reached not in [c["months"] for c in shown_checklists(functions, younger)]


@pytest.mark.parametrize("months", [6, 8, 12, 14])
def test_the_band_edges_with_corrected_age(functions, months):
    # Born 10 weeks early: the due date is `months` months ago, so the corrected age is `months`.
    band, reached = EDGE_AGES[months]
    on = dt.date(2026, 6, 15)
    due = months_before(on, months)
    result = assess(functions, {"dob": iso(due - dt.timedelta(weeks=10)), "early": "due", "due": iso(due)}, iso(on))
    assert result["reason"] == "corrected" and result["used"] == {"months": months, "days": 0}
    assert result["actual"]["months"] in (months + 2, months + 3)   # from birth it is 2 or 3 months more
    assert result["band"]["id"] == band
    assert max(c["months"] for c in shown_checklists(functions, result) if c["months"] <= months) == reached
    # The day before the corrected edge the child is in the band below, although older from birth.
    if months in (6, 12):
        day_before = assess(functions, {"dob": iso(due - dt.timedelta(weeks=10)), "early": "due", "due": iso(due)},
                            iso(on - dt.timedelta(days=1)))
        assert day_before["used"]["months"] == months - 1 and day_before["band"]["id"] != band


def test_corrected_age_ends_at_2_and_the_2_year_list_shows(functions):
    # Corrected age 22 months, age from birth 24 months: the age from birth is used from 2.
    on = dt.date(2026, 6, 15)
    born = months_before(on, 24)
    result = assess(functions, {"dob": iso(born), "early": "weeks", "weeks": "10"}, iso(on))
    assert result["reason"] == "over-2" and result["used"] == {"months": 24, "days": 0}
    assert 24 in [c["months"] for c in shown_checklists(functions, result)]


def test_a_2_year_old_sees_the_2_year_list_in_the_form(planner):
    fill(planner, iso(months_before(browser_today(planner), 24)))
    planner.locator("#planner-results").wait_for(state="visible")
    assert "We show the list for 2 to 3 years." in planner.locator("#planner-age").inner_text()
    first = planner.locator("#planner-checklist .app-planner-check").first
    assert first.locator("h3").inner_text() == "By about 2 years"
    assert first.locator(".app-planner-check__when").inner_text() == "Your child is this age or older."


def test_a_date_of_birth_in_the_future_is_an_error(planner):
    errors = validate(planner, {"dob": "2026-11-26", "early": "no"}, "2026-11-25")
    assert errors == [{"field": "dob", "message": "The date of birth must be today or in the past."}]
    assert validate(planner, {"dob": "2026-11-25", "early": "no"}, "2026-11-25") == []


@pytest.mark.parametrize("values, field, words", [
    ({"dob": "", "early": "no"}, "dob", "Enter your child's date of birth"),
    ({"dob": "2025-01-01", "early": ""}, "early", "Choose if your baby was born early"),
    ({"dob": "2025-01-01", "early": "due", "due": ""}, "due", "Enter your baby's due date"),
    ({"dob": "2025-01-01", "early": "due", "due": "2024-12-25"}, "due", "must be after the date of birth"),
    ({"dob": "2025-01-01", "early": "due", "due": "2025-05-01"}, "due", "no more than 17 weeks"),
    ({"dob": "2025-01-01", "early": "weeks", "weeks": "0"}, "weeks", "from 1 to 17"),
    ({"dob": "2025-01-01", "early": "weeks", "weeks": "18"}, "weeks", "from 1 to 17"),
    ({"dob": "2025-01-01", "early": "weeks", "weeks": "ten"}, "weeks", "from 1 to 17"),
])
def test_mistakes_are_explained_in_words(planner, values, field, words):
    errors = validate(planner, values, "2025-06-01")
    assert [e["field"] for e in errors] == [field]
    assert words in errors[0]["message"]


def test_17_weeks_early_is_allowed(functions):
    assert validate(functions, {"dob": "2025-01-01", "early": "due", "due": "2025-04-30"}, "2025-06-01") == []
    assert validate(functions, {"dob": "2025-01-01", "early": "weeks", "weeks": "17"}, "2025-06-01") == []


# ---------------------------------------------------------------------------- one copy of the data

def test_the_data_comes_from_mkdocs_yml_milestones_and_activity_pages(planner, html_pages):
    data = planner.evaluate("AppPlanner.data")
    labels = {tag.split("/", 1)[1]: label for tag, label in config_extra()["app_tags"].items()
              if tag.startswith("age/")}
    assert {b["id"]: (b["from"], b["to"]) for b in data["bands"]} == BANDS
    assert {b["id"]: b["label"] for b in data["bands"]} == labels
    assert [b["url"] for b in data["bands"]] == [f"../ages/{band}/" for band in BANDS]
    assert [(c["months"], [i["text"] for i in c["items"]]) for c in data["checkpoints"]] \
        == [(c["months"], [i["text"] for i in c["items"]]) for c in milestones()]
    assert all(c["source"].startswith("https://www.cdc.gov/") for c in data["checkpoints"])
    assert sorted(a["title"] for a in data["activities"]) == sorted(
        {t for band in BANDS for t in activity_titles(f"age/{band}")})
    assert all(re.fullmatch(r"\.\./play/[\w-]+/", a["url"]) for a in data["activities"])
    # The JSON block stays valid HTML: nothing in it can close the <script> early.
    block = re.search(r'<script type="application/json" id="app-planner-data">(.*?)</script>',
                      html_pages["planner/index.html"], re.S).group(1)
    assert "</" not in block and "<!--" not in block
    assert json.loads(block) == data


# ---------------------------------------------------------------------------- the page in use

@pytest.mark.parametrize("band", list(AGE_IN_DAYS))
def test_the_form_shows_the_band_milestones_and_play_ideas(planner, site_url, band):
    today = browser_today(planner)
    fill(planner, iso(today - dt.timedelta(days=AGE_IN_DAYS[band])))
    results = planner.locator("#planner-results")
    results.wait_for(state="visible")
    label = dict(config_extra()["app_tags"])[f"age/{band}"]
    assert f"We show the list for {label}." in planner.locator("#planner-age").inner_text()
    assert planner.locator("#planner-age a").get_attribute("href") == f"../ages/{band}/"
    expected = [c for c in milestones() if c["band"] == band]
    assert planner.locator("#planner-checklist h3").all_inner_texts() == [f"By about {c['age']}" for c in expected]
    legends = planner.locator("#planner-checklist legend").all_inner_texts()
    assert legends == [item["text"] for c in expected for item in c["items"]]
    # Each milestone is a group of two radios, "Can do" and "Not yet", with labels.
    assert planner.locator("#planner-checklist fieldset").count() == len(legends)
    assert planner.locator("#planner-checklist input[type=radio]").count() == 2 * len(legends)
    assert planner.get_by_label("Can do").count() == len(legends)
    ideas = planner.locator("#planner-ideas li a").all_inner_texts()
    assert ideas == activity_titles(f"age/{band}") and ideas
    assert planner.evaluate("document.activeElement.id") == "planner-results-title"
    assert off_site(planner, site_url) == [] and planner.errors == []


def test_a_baby_born_10_weeks_early_in_the_form(planner):
    today = browser_today(planner)
    fill(planner, iso(today - dt.timedelta(days=150)), early="weeks", weeks="10")
    text = planner.locator("#planner-age").inner_text()
    assert "born about 10 weeks early" in text and "corrected age is" in text
    assert "We show the list for 0 to 6 months." in text   # 150 days from birth is 4 months or more
    assert "Their age from birth is 4 months" in text


def test_a_child_past_5_in_the_form(planner):
    today = browser_today(planner)
    fill(planner, iso(today.replace(year=today.year - 6) if not (today.month == 2 and today.day == 29)
                      else today - dt.timedelta(days=6 * 366)))
    text = planner.locator("#planner-age").inner_text()
    assert "6 years" in text
    assert "for children up to 5" in text and "talk to their GP or health visitor" in text
    assert planner.locator("#planner-band").is_hidden()


def test_errors_are_in_words_linked_to_the_fields_and_take_the_focus(planner):
    planner.click("#planner-form button[type=submit]")
    summary = planner.locator("#planner-error-summary")
    summary.wait_for(state="visible")
    assert planner.evaluate("document.activeElement.id") == "planner-error-summary"
    assert summary.locator("a").all_inner_texts() == ["Enter your child's date of birth.",
                                                      "Choose if your baby was born early."]
    dob = planner.locator("#planner-dob")
    assert dob.get_attribute("aria-invalid") == "true"
    assert "planner-dob-error" in dob.get_attribute("aria-describedby")
    assert planner.locator("#planner-dob-error").text_content() == "Error: Enter your child's date of birth."
    assert "planner-early-error" in planner.locator("#planner-early-field").get_attribute("aria-describedby")
    summary.locator("a").first.click()
    assert planner.evaluate("document.activeElement.id") == "planner-dob"
    assert axe_violations(planner) == []
    # A date in the future, then a due date too far from the birth date.
    today = browser_today(planner)
    fill(planner, iso(today + dt.timedelta(days=1)))
    assert summary.inner_text().endswith("The date of birth must be today or in the past.")
    fill(planner, iso(today - dt.timedelta(days=18 * 7)), early="due", due=iso(today))
    assert "no more than 17 weeks after the date of birth" in planner.locator("#planner-due-error").inner_text()
    assert planner.locator("#planner-results").is_hidden()
    assert axe_violations(planner) == []


def test_the_form_works_with_the_keyboard_alone(planner):
    today = browser_today(planner)
    born = today - dt.timedelta(days=400)
    # The browser's language decides the order of day and month: find it out first.
    planner.focus("#planner-dob")
    planner.keyboard.type("01022003")
    day_first = planner.input_value("#planner-dob") == "2003-02-01"
    planner.reload()
    planner.wait_for_function("window.AppPlanner && window.AppPlanner.data")
    planner.focus("#planner-dob")
    planner.keyboard.type(born.strftime("%d%m%Y" if day_first else "%m%d%Y"))
    assert planner.input_value("#planner-dob") == iso(born)
    for _ in range(3):                                    # past the date picker's own button
        planner.keyboard.press("Tab")
        if planner.evaluate("document.activeElement.id") == "planner-early-no":
            break
    planner.keyboard.press("Space")                       # the first radio: "No"
    assert planner.is_checked("#planner-early-no")
    planner.keyboard.press("Tab")
    assert planner.evaluate("document.activeElement.type") == "submit"
    planner.keyboard.press("Enter")
    planner.locator("#planner-results").wait_for(state="visible")
    planner.keyboard.press("Tab")                         # from the results heading into the page
    planner.keyboard.press("Tab")
    planner.keyboard.press("Tab")
    assert planner.evaluate("document.activeElement.name").startswith("planner-m")
    planner.keyboard.press("Space")
    assert planner.evaluate("document.activeElement.checked") is True


def test_private_nothing_sent_nothing_kept_until_save_and_gone_after_forget(planner, site_url):
    def stored():
        return planner.evaluate("Object.assign({}, window.localStorage)")

    assert stored() == {}
    today = browser_today(planner)
    born = iso(today - dt.timedelta(days=400))
    fill(planner, born)
    planner.locator("#planner-checklist input[value=yes]").first.check()
    planner.locator("#planner-checklist input[value=no]").nth(1).check()
    assert stored() == {}, "nothing is kept before the parent presses Save"
    planner.click("#planner-save")
    saved = json.loads(stored()["app-planner"])
    assert list(stored()) == ["app-planner"]
    assert saved["dob"] == born and list(saved["answers"].values()) == ["yes", "no"]
    assert "Saved on this device" in planner.locator("#planner-saved").inner_text()
    # Back on the same device: the answers come back.
    planner.reload()
    planner.locator("#planner-results").wait_for(state="visible")
    assert planner.input_value("#planner-dob") == born
    assert planner.locator("#planner-checklist input[value=yes]").first.is_checked()
    assert planner.locator("#planner-checklist input[value=no]").nth(1).is_checked()
    planner.click("#planner-forget")
    assert stored() == {}
    assert planner.locator("#planner-results").is_hidden()
    assert planner.input_value("#planner-dob") == ""
    assert planner.evaluate("document.activeElement.id") == "planner-status"
    planner.reload()
    assert planner.locator("#planner-results").is_hidden() and stored() == {}
    assert off_site(planner, site_url) == [] and planner.errors == []
    assert planner.context.cookies() == []
    # Nothing the parent typed went into any address the browser asked for.
    assert not any(born in url for url in planner.requests)


def test_axe_before_and_after_filling_the_form(planner):
    assert axe_violations(planner) == []
    today = browser_today(planner)
    fill(planner, iso(today - dt.timedelta(days=150)), early="weeks", weeks="10")
    planner.locator("#planner-checklist input[value=yes]").first.check()
    assert axe_violations(planner) == []
    planner.click("#planner-save")
    planner.click("#planner-forget")
    assert axe_violations(planner) == []


@pytest.mark.parametrize("band", list(AGE_IN_DAYS))
def test_print_is_one_a4_sheet_with_age_ticks_ideas_table_and_qr(planner, site_url, band, tmp_path):
    need("pdfinfo", "poppler-utils")
    need("pdftotext", "poppler-utils")
    today = browser_today(planner)
    fill(planner, iso(today - dt.timedelta(days=AGE_IN_DAYS[band])))
    planner.locator("#planner-checklist input[value=yes]").first.check()
    age_text = planner.locator("#planner-age p").first.inner_text()
    pdf = tmp_path / "planner.pdf"
    planner.pdf(path=str(pdf), format="A4")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    assert re.search(r"^Page size:\s+595\.\d+ x 84[12]\.\d+ pts \(A4\)", info, re.M), info
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert " ".join(age_text.split()) in text
    for title in activity_titles(f"age/{band}"):
        assert title in text
    for words in ("What we tried", "How it went", "Can do", "Not yet", "Scan to open this page"):
        assert words in text
    assert page_address() in text.replace(" ", "")
    assert "Save on this device" not in text and "Your child's date of birth" not in text
    assert planner.locator("#planner-qr svg").count() == 1
    assert off_site(planner, site_url) == []


def test_the_qr_code_is_print_only(planner):
    assert planner.locator("#planner-qr").is_hidden()
    planner.emulate_media(media="print")
    today = browser_today(planner)
    fill(planner, iso(today - dt.timedelta(days=400)))
    assert planner.locator("#planner-qr svg").is_visible()


def test_without_javascript_the_page_lists_the_five_age_pages(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "planner/")
    fallback = page.locator("#planner-fallback")
    assert fallback.is_visible()
    links = fallback.locator("a")
    labels = [label for tag, label in config_extra()["app_tags"].items() if tag.startswith("age/")]
    assert links.all_inner_texts() == labels and len(labels) == 5
    assert [links.nth(i).get_attribute("href") for i in range(5)] == [f"../ages/{b}/" for b in BANDS]
    assert page.locator("#planner").is_hidden() and page.locator("#planner-results").is_hidden()
    assert page.locator("#planner-qr").is_hidden()
    for i in range(5):
        response = page.request.get(site_url + f"ages/{list(BANDS)[i]}/")
        assert response.ok
    context.close()


def test_with_javascript_the_planner_replaces_the_list(planner):
    assert planner.locator("#planner-fallback").is_hidden()
    assert planner.locator("#planner-form").is_visible()
    assert planner.locator("#planner-dob").get_attribute("max") == iso(browser_today(planner))
