"""The planner page, "What can my child do?" (docs/planner.md, docs/assets/planner.js).

The age arithmetic is tested in Chromium through window.AppPlanner, the same code parents run.
The browser tests fill the form and check the band, the milestones (against milestones.yml), the
play ideas (against the activity pages' tags), the day, month and year boxes and their GOV.UK
error words, the error summary in view below the sticky header, privacy (no request leaves
127.0.0.1, nothing in localStorage until "Save on this device" and nothing after "Forget my
answers"), twins saved side by side, answers saved by the first planner, accessibility (axe), the
one-sheet A4 print in 12 point type, and the page without JavaScript.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import subprocess
from urllib.parse import urlparse

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT, SITE_URL, need, settled

pytestmark = [pytest.mark.browser, pytest.mark.dates]

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


def fill_date(page, field: str, day) -> None:
    """Types a date into the day, month and year boxes, as a parent does: 15, 3, 2024."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    page.fill(f"#planner-{field}-day", str(day.day))
    page.fill(f"#planner-{field}-month", str(day.month))
    page.fill(f"#planner-{field}-year", str(day.year))


def fill(page, born: str, early: str = "no", due: str = "", weeks: str = "", name: str = "",
         born_at: str = "") -> None:
    page.fill("#planner-name", name)
    fill_date(page, "dob", born)
    page.check(f"#planner-early-{early}")
    if early == "due":
        fill_date(page, "due", due)
    if early == "weeks":
        page.fill("#planner-weeks", weeks)
    if early == "born":
        page.fill("#planner-born", born_at)
    page.click("#planner-form button:not([type=button])")


def boxes(day: dt.date) -> dict:
    return {"day": str(day.day), "month": str(day.month), "year": str(day.year)}


def axe_violations(page) -> list[str]:
    # Moving the focus scrolls the page, and the theme's "Back to top" button fades in or out
    # a moment later: half-faded, its text fails colour contrast. Let the page settle first.
    page.wait_for_timeout(400)
    settled(page)
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


def test_a_date_of_birth_in_the_future_is_an_error(functions):
    errors = validate(functions, {"dob": "2026-11-26", "early": "no"}, "2026-11-25")
    assert errors == [{"field": "dob", "message": "Date of birth must be today or in the past",
                       "boxes": ["day", "month", "year"]}]
    assert validate(functions, {"dob": "2026-11-25", "early": "no"}, "2026-11-25") == []


# The GOV.UK and NHS.UK date input pattern's error words, and the box each error links to first.
@pytest.mark.parametrize("day, month, year, message, wrong", [
    ("", "", "", "Enter your child's date of birth", ["day", "month", "year"]),
    ("15", "", "2024", "Date of birth must include a month", ["month"]),
    ("", "3", "", "Date of birth must include a day and year", ["day", "year"]),
    ("15", "3", "", "Date of birth must include a year", ["year"]),
    ("31", "2", "2024", "Date of birth must be a real date", ["day"]),
    ("29", "2", "2025", "Date of birth must be a real date", ["day"]),
    ("15", "13", "2024", "Date of birth must be a real date", ["month"]),
    ("32", "0", "2024", "Date of birth must be a real date", ["day", "month"]),
    ("1a", "3", "2024", "Date of birth must be a real date", ["day"]),
    ("15", "3", "24", "Year of birth must include 4 numbers", ["year"]),
    ("15", "3", "2026", "Date of birth must be today or in the past", ["day", "month", "year"]),
])
def test_date_of_birth_errors_in_the_gov_uk_words(functions, day, month, year, message, wrong):
    errors = validate(functions, {"dob": {"day": day, "month": month, "year": year}, "early": "no"}, "2025-06-01")
    assert errors == [{"field": "dob", "message": message, "boxes": wrong}]


@pytest.mark.parametrize("day, month, year", [("15", "3", "2024"), ("05", "03", "2024"), (" 15 ", "Mar", "2024"),
                                              ("15", "march", "2024"), ("29", "2", "2024")])
def test_the_boxes_take_what_parents_type(functions, day, month, year):
    read = functions.evaluate("p => AppPlanner.readDate(p, {empty: '', name: 'Date', year: ''})",
                              {"day": day, "month": month, "year": year})
    assert "error" not in read and read["date"]["y"] == 2024 and read["date"]["m"] in (2, 3)


def test_the_due_date_has_its_own_words(functions):
    def due(day, month, year):
        return validate(functions, {"dob": "2025-01-01", "early": "due",
                                    "due": {"day": day, "month": month, "year": year}}, "2025-06-01")
    assert due("", "", "") == [{"field": "due", "message": "Enter your baby's due date", "boxes": ["day", "month", "year"]}]
    assert due("12", "", "2025")[0]["message"] == "Due date must include a month"
    assert due("31", "4", "2025")[0]["message"] == "Due date must be a real date"
    assert due("12", "3", "25")[0]["message"] == "Year of the due date must include 4 numbers"
    assert due("12", "3", "2025") == []


@pytest.mark.parametrize("values, field, words", [
    ({"dob": "", "early": "no"}, "dob", "Enter your child's date of birth"),
    ({"dob": "2025-01-01", "early": "no", "name": ""}, None, None),
    ({"dob": "2025-01-01", "early": "no", "name": "A"}, None, None),
    ({"dob": "2025-01-01", "early": ""}, "early", "Choose if your baby was born early"),
    ({"dob": "2025-01-01", "early": "due", "due": ""}, "due", "Enter your baby's due date"),
    ({"dob": "2025-01-01", "early": "due", "due": "2024-12-25"}, "due", "must be after the date of birth"),
    ({"dob": "2025-01-01", "early": "due", "due": "2025-05-01"}, "due", "no more than 17 weeks"),
    ({"dob": "2025-01-01", "early": "weeks", "weeks": "0"}, "weeks", "from 1 to 17"),
    ({"dob": "2025-01-01", "early": "weeks", "weeks": "18"}, "weeks", "from 1 to 17"),
    ({"dob": "2025-01-01", "early": "weeks", "weeks": "ten"}, "weeks", "from 1 to 17"),
])
def test_mistakes_are_explained_in_words(functions, values, field, words):
    errors = validate(functions, values, "2025-06-01")
    if field is None:  # the name is optional: with or without it, nothing is wrong
        assert errors == []
        return
    assert [e["field"] for e in errors] == [field]
    assert words in errors[0]["message"]


def test_17_weeks_early_is_allowed(functions):
    assert validate(functions, {"dob": "2025-01-01", "early": "due", "due": "2025-04-30"}, "2025-06-01") == []
    assert validate(functions, {"dob": "2025-01-01", "early": "weeks", "weeks": "17"}, "2025-06-01") == []


# ---------------------------------------------------------------------------- one copy of the data

def test_the_data_comes_from_mkdocs_yml_milestones_and_activity_pages(planner, html_pages, soups):
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
    block = soups["planner/index.html"].select_one("script#app-planner-data[type='application/json']").string
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
    planner.click("#planner-form button:not([type=button])")
    summary = planner.locator("#planner-error-summary")
    summary.wait_for(state="visible")
    assert planner.evaluate("document.activeElement.id") == "planner-error-summary"
    assert summary.locator("a").all_inner_texts() == ["Enter your child's date of birth",
                                                      "Choose if your baby was born early"]
    assert all(planner.locator(f"#planner-dob-{part}").get_attribute("aria-invalid") == "true"
               for part in ("day", "month", "year"))
    assert "planner-dob-error" in planner.locator("#planner-dob-field").get_attribute("aria-describedby")
    assert planner.locator("#planner-dob-error").text_content() == "Error: Enter your child's date of birth"
    assert "planner-early-error" in planner.locator("#planner-early-field").get_attribute("aria-describedby")
    assert planner.locator("#planner-name").get_attribute("aria-invalid") is None   # never required
    summary.locator("a").first.click()
    assert planner.evaluate("document.activeElement.id") == "planner-dob-day"
    # The name box now sits scrolled under the sticky header, where axe counts it as a target
    # crowded by the header's Menu button (a real button since keyboard.js): check the page with
    # the errors from the top, as a parent scrolling back up would see it.
    planner.evaluate("scrollTo(0, 0)")
    assert axe_violations(planner) == []
    # Half a date: the error names what is missing and links to that box, not to the day.
    planner.fill("#planner-dob-day", "15")
    planner.fill("#planner-dob-year", "2024")
    planner.check("#planner-early-no")
    planner.click("#planner-form button:not([type=button])")
    link = summary.locator("a").first
    assert link.inner_text() == "Date of birth must include a month"
    assert link.get_attribute("href") == "#planner-dob-month"
    assert planner.locator("#planner-dob-month").get_attribute("aria-invalid") == "true"
    assert planner.locator("#planner-dob-day").get_attribute("aria-invalid") is None
    link.click()
    assert planner.evaluate("document.activeElement.id") == "planner-dob-month"
    # A date in the future, then a due date too far from the birth date.
    today = browser_today(planner)
    fill(planner, iso(today + dt.timedelta(days=1)))
    assert summary.inner_text().endswith("Date of birth must be today or in the past")
    fill(planner, iso(today - dt.timedelta(days=18 * 7)), early="due", due=iso(today))
    assert "no more than 17 weeks after the date of birth" in planner.locator("#planner-due-error").inner_text()
    assert planner.locator("#planner-results").is_hidden()
    assert axe_violations(planner) == []


def test_the_date_boxes_follow_the_gov_uk_pattern(planner):
    for field, legend in (("dob", "Your child's date of birth"), ("due", "Due date")):
        group = planner.locator(f"#planner-{field}").locator("xpath=ancestor::fieldset[1]")
        assert group.locator("legend").first.inner_text() == legend
        hint = group.get_attribute("aria-describedby")
        assert planner.locator(f"#{hint}").inner_text() == "For example, 15 3 2024"
        for part, label, width in (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4)):
            box = planner.locator(f"#planner-{field}-{part}")
            assert box.get_attribute("type") == "text" and box.get_attribute("inputmode") == "numeric"
            assert planner.locator(f"label[for=planner-{field}-{part}]").inner_text() == label
            assert f"app-input--width-{width}" in box.get_attribute("class")
            assert box.get_attribute("autocomplete") == (f"bday-{part}" if field == "dob" else "off")
    assert planner.locator("input[type=date]").count() == 0
    # The boxes are as wide as 2, 2 and 4 numbers: the year box is the widest, and none is wide.
    widths = [planner.locator(f"#planner-dob-{p}").bounding_box()["width"] for p in ("day", "month", "year")]
    assert widths[0] == widths[1] < widths[2] < 120


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 800)])
def test_the_error_summary_is_in_view_below_the_sticky_header(browser, site_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
    page = context.new_page()
    page.goto(site_url + "planner/", wait_until="load")
    page.wait_for_function("window.AppPlanner && window.AppPlanner.data")
    page.locator("#planner-form button:not([type=button])").scroll_into_view_if_needed()
    page.click("#planner-form button:not([type=button])")
    page.wait_for_timeout(300)  # the page scrolls to the summary
    settled(page)  # and "Back to top" has faded in or out
    boxes = page.evaluate("""(() => {
      const box = (e) => e && getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden'
        ? e.getBoundingClientRect().toJSON() : null;
      return {header: box(document.querySelector('body > header')),
              summary: box(document.getElementById('planner-error-summary')),
              top: [...document.querySelectorAll('.md-top, [data-md-component=top]')].map(box).filter(Boolean),
              focus: document.activeElement.id};
    })()""")
    assert boxes["focus"] == "planner-error-summary"
    assert boxes["header"] is not None and boxes["summary"] is not None
    # Its top is below the header's bottom, and the heading is on the screen.
    assert boxes["summary"]["top"] >= boxes["header"]["bottom"], boxes
    assert boxes["summary"]["top"] + 40 <= height
    # No "Back to top" button (or anything like it) lies over the summary.
    for top in boxes["top"]:
        assert top["bottom"] <= boxes["summary"]["top"] or top["top"] >= boxes["summary"]["bottom"], boxes
    middle = (boxes["summary"]["left"] + boxes["summary"]["width"] / 2, boxes["summary"]["top"] + 12)
    assert page.evaluate("([x, y]) => document.getElementById('planner-error-summary').contains("
                         "document.elementFromPoint(x, y))", list(middle))
    context.close()


def test_the_form_works_with_the_keyboard_alone(planner):
    today = browser_today(planner)
    born = today - dt.timedelta(days=400)
    planner.focus("#planner-name")
    planner.keyboard.type("AB")
    planner.keyboard.press("Tab")                         # name -> day -> month -> year
    for value in (str(born.day), str(born.month), str(born.year)):
        planner.keyboard.type(value)
        planner.keyboard.press("Tab")
    assert [planner.input_value(f"#planner-dob-{p}") for p in ("day", "month", "year")] == \
        [str(born.day), str(born.month), str(born.year)]
    assert planner.evaluate("document.activeElement.id") == "planner-early-no"
    planner.keyboard.press("Space")                       # the first radio: "No"
    assert planner.is_checked("#planner-early-no")
    planner.keyboard.press("Tab")
    assert planner.evaluate("document.activeElement.type") == "submit"
    planner.keyboard.press("Enter")
    planner.locator("#planner-results").wait_for(state="visible")
    assert planner.evaluate("document.activeElement.id") == "planner-results-title"
    assert planner.locator("#planner-results-title").inner_text() == "AB's plan"
    planner.keyboard.press("Tab")                         # from the results heading into the page
    planner.keyboard.press("Tab")
    planner.keyboard.press("Tab")
    assert planner.evaluate("document.activeElement.name").startswith("planner-m")
    planner.keyboard.press("Space")
    assert planner.evaluate("document.activeElement.checked") is True
    # Save and forget by keyboard too.
    planner.focus("#planner-save")
    planner.keyboard.press("Enter")
    assert "Saved AB's answers" in planner.locator("#planner-saved").inner_text()
    planner.focus("#planner-forget")
    planner.keyboard.press("Enter")
    assert planner.evaluate("Object.keys(localStorage)") == []


def stored(page) -> dict:
    return page.evaluate("Object.assign({}, window.localStorage)")


def test_private_nothing_sent_nothing_kept_until_save_and_gone_after_forget(planner, site_url):
    assert stored(planner) == {}
    today = browser_today(planner)
    born_day = today - dt.timedelta(days=400)
    born = iso(born_day)
    fill(planner, born, name="Amira")
    planner.locator("#planner-checklist input[value=yes]").first.check()
    planner.locator("#planner-checklist input[value=no]").nth(1).check()
    assert stored(planner) == {}, "nothing is kept before the parent presses Save"
    assert planner.locator("#planner-results-title").inner_text() == "Amira's plan"
    planner.click("#planner-save")
    assert list(stored(planner)) == ["app-planner"]
    saved = json.loads(stored(planner)["app-planner"])
    assert [c["name"] for c in saved["children"]] == ["Amira"]
    assert saved["children"][0]["dob"] == boxes(born_day)
    assert list(saved["children"][0]["answers"].values()) == ["yes", "no"]
    assert "Saved Amira's answers on this device" in planner.locator("#planner-saved").inner_text()
    # Back on the same device: the answers come back.
    planner.reload()
    planner.locator("#planner-results").wait_for(state="visible")
    assert planner.input_value("#planner-name") == "Amira"
    assert planner.input_value("#planner-dob-year") == str(born_day.year)
    assert planner.locator("#planner-checklist input[value=yes]").first.is_checked()
    assert planner.locator("#planner-checklist input[value=no]").nth(1).is_checked()
    planner.click("#planner-forget")
    assert stored(planner) == {}
    assert planner.locator("#planner-results").is_hidden()
    assert planner.input_value("#planner-dob-day") == "" and planner.input_value("#planner-name") == ""
    assert planner.locator("#planner-children").is_hidden()
    assert planner.evaluate("document.activeElement.id") == "planner-status"
    planner.reload()
    assert planner.locator("#planner-results").is_hidden() and stored(planner) == {}
    assert off_site(planner, site_url) == [] and planner.errors == []
    assert planner.context.cookies() == []
    # Nothing the parent typed went into any address the browser asked for.
    assert not any(s in url for url in planner.requests for s in (born, "Amira", str(born_day.year)))


def test_twins_are_saved_side_by_side_and_told_apart(planner, site_url):
    today = browser_today(planner)
    born = today - dt.timedelta(days=400)
    # Two twins without names, then a third child with a name: "Child 1", "Child 2", "Amira".
    fill(planner, iso(born))
    planner.locator("#planner-checklist input[value=yes]").first.check()
    planner.click("#planner-save")
    planner.click("#planner-add")
    assert planner.locator("#planner-results").is_hidden() and planner.input_value("#planner-dob-day") == ""
    assert planner.evaluate("document.activeElement.id") == "planner-name"
    fill(planner, iso(born))
    planner.locator("#planner-checklist input[value=no]").first.check()
    planner.click("#planner-save")
    assert "(2 children saved)" in planner.locator("#planner-saved").inner_text()
    children = planner.locator("#planner-children-list > li")
    labels = [" ".join(t.split()) for t in children.all_inner_texts()]
    assert labels[0].startswith("Child 1, born " + f"{born.day} {born:%B %Y}")
    assert labels[1].startswith("Child 2, born " + f"{born.day} {born:%B %Y}")
    # Typing a name over a saved child's name saves a new child: the first one is kept.
    planner.click("#planner-add")
    fill(planner, iso(born), name="Amira")
    planner.click("#planner-save")
    planner.fill("#planner-name", "Zain")
    planner.click("#planner-form button:not([type=button])")
    planner.click("#planner-save")
    saved = json.loads(stored(planner)["app-planner"])
    assert [(c["n"], c["name"]) for c in saved["children"]] == [(1, ""), (2, ""), (3, "Amira"), (4, "Zain")]
    assert planner.get_by_role("button", name="Open Zain's answers").count() == 1
    # Back on the device with several children: none is opened until the parent chooses one.
    planner.reload()
    assert planner.locator("#planner-results").is_hidden()
    assert "answers for 4 children" in planner.locator("#planner-status").inner_text()
    planner.get_by_role("button", name="Open Child 2's answers").click()
    assert planner.locator("#planner-checklist input[value=no]").first.is_checked()
    assert planner.locator("#planner-results-title").inner_text() == "Your child's plan"
    planner.get_by_role("button", name="Open Child 1's answers").click()
    assert planner.locator("#planner-checklist input[value=yes]").first.is_checked()
    # Forget one child: only that one goes.
    planner.get_by_role("button", name="Forget Child 2's answers").click()
    assert [c["n"] for c in json.loads(stored(planner)["app-planner"])["children"]] == [1, 3, 4]
    assert "Child 2's answers are gone" in planner.locator("#planner-status").inner_text()
    assert axe_violations(planner) == []
    # Forget everything: asked first, then gone.
    planner.click("#planner-forget-all")
    planner.click("#planner-confirm-yes")
    assert stored(planner) == {} and planner.locator("#planner-children").is_hidden()
    assert off_site(planner, site_url) == [] and planner.errors == []


def planner_tab(context, site_url):
    """The planner in a new tab of `context`, its script ready; the page's script errors kept in
    page.errors."""
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(site_url + "planner/", wait_until="load")
    page.wait_for_function("window.AppPlanner && window.AppPlanner.data")
    return page


def seeded_page(context, site_url, raw: str):
    """A planner page opened with `raw` already in its localStorage (once per context: a reload
    keeps what the page did with it)."""
    context.add_init_script(f"if (!sessionStorage.getItem('seeded')) {{ localStorage.setItem('app-planner', "
                            f"{json.dumps(raw)}); sessionStorage.setItem('seeded', '1'); }}")
    return planner_tab(context, site_url)


def test_answers_saved_by_the_first_planner_still_load(context, site_url):
    """The first planner kept one child as {dob: "2025-01-01", ...}: it opens as Child 1, and
    becomes the version 2 format at the next Save (never on load)."""
    old = {"dob": "2025-01-01", "early": "weeks", "due": "", "weeks": "10", "answers": {"3-0": "yes"}}
    page = seeded_page(context, site_url, json.dumps(old))
    page.locator("#planner-results").wait_for(state="visible")
    assert page.input_value("#planner-dob-day") == "01" and page.input_value("#planner-dob-year") == "2025"
    assert page.is_checked("#planner-early-weeks")
    assert page.locator("#planner-children-list li").first.inner_text().startswith("Child 1, born 1 January 2025")
    assert stored(page) == {"app-planner": json.dumps(old)}, "nothing is written on load"
    page.click("#planner-save")
    saved = json.loads(stored(page)["app-planner"])
    assert saved["version"] == 2 and [(c["n"], c["name"]) for c in saved["children"]] == [(1, "")]
    assert saved["children"][0]["answers"] == {"3-0": "yes"}
    assert page.errors == [] and page.locator("#planner-unknown").is_hidden()


# What a newer planner.js might write, then read by this one after a rollback or for the one
# visit the service worker still serves the old script; and what no planner wrote.
NEWER = '{"version":3,"people":[{"id":"p1","born":"2025-03-12","notes":"é 中"}]}'
UNKNOWN = {
    "newer": NEWER,
    "not JSON": "not json {",
    "JSON of another shape": '{"children":"none"}',
    "a list": "[1, 2, 3]",
}


@pytest.mark.parametrize("raw", list(UNKNOWN.values()), ids=list(UNKNOWN))
def test_saved_data_this_page_cannot_read_is_kept_byte_for_byte(context, site_url, raw):
    """Never changed on load, on Save or on a reload; the parent is told in words, can still use
    the planner, and Save says why it did not save."""
    page = seeded_page(context, site_url, raw)
    notice = page.locator("#planner-unknown")
    assert notice.is_visible()
    words = " ".join(notice.inner_text().split())
    assert "We cannot open what is saved on this device" in words
    assert "We have not changed or removed" in words and "Save on this device is turned off" in words
    if raw == NEWER:
        assert "saved on this device by a newer version of this page" in words
    assert stored(page) == {"app-planner": raw}
    assert page.locator("#planner-children").is_hidden() and page.locator("#planner-results").is_hidden()
    fill(page, iso(browser_today(page) - dt.timedelta(days=400)))
    page.locator("#planner-results").wait_for(state="visible")     # the planner still works
    page.click("#planner-save")
    assert "We did not save" in page.locator("#planner-saved").inner_text()
    assert "you can print them" in page.locator("#planner-saved").inner_text()
    assert stored(page) == {"app-planner": raw}
    page.click("#planner-forget")                                  # only the screen is cleared
    assert stored(page) == {"app-planner": raw}
    page.reload()
    page.wait_for_function("window.AppPlanner && window.AppPlanner.data")
    assert stored(page) == {"app-planner": raw} and page.locator("#planner-unknown").is_visible()
    assert page.errors == []


def test_forgetting_what_cannot_be_read_asks_and_can_be_undone(context, site_url):
    page = seeded_page(context, site_url, NEWER)
    page.click("#planner-unknown-forget")
    assert page.locator("#planner-confirm-title").inner_text() == "Forget what is saved on this device?"
    assert stored(page) == {"app-planner": NEWER}
    page.click("#planner-confirm-yes")
    assert stored(page) == {} and page.locator("#planner-unknown").is_hidden()
    page.click("#planner-undo")
    assert stored(page) == {"app-planner": NEWER}, "Undo puts back exactly what was there"
    assert page.locator("#planner-unknown").is_visible() and page.locator("#planner-undo-box").is_hidden()


def many_children(count: int, born: dt.date) -> str:
    children = [{"id": f"c{n}", "n": n, "name": "" if n % 2 else f"Name {n}", "dob": boxes(born), "early": "no",
                 "due": {"day": "", "month": "", "year": ""}, "weeks": "", "answers": {"12-0": "yes"}}
                for n in range(1, count + 1)]
    return json.dumps({"version": 2, "children": children}, separators=(",", ":"))


def test_forget_all_asks_first_and_undo_brings_every_child_back(context, site_url):
    page = seeded_page(context, site_url, "")
    raw = many_children(30, browser_today(page) - dt.timedelta(days=400))
    page.evaluate("raw => localStorage.setItem('app-planner', raw)", raw)
    page.reload()
    assert "answers for 30 children" in page.locator("#planner-status").inner_text()
    page.click("#planner-forget-all")
    confirm = page.locator("#planner-confirm")
    assert confirm.is_visible() and page.evaluate("document.activeElement.id") == "planner-confirm"
    assert " ".join(confirm.inner_text().split()).startswith(
        "Forget the answers for all 30 children saved on this device? You can undo this until you leave this page.")
    assert page.locator("#planner-dialog, dialog").count() == 0
    page.click("#planner-confirm-no")                                # "No" keeps them all
    assert confirm.is_hidden() and stored(page) == {"app-planner": raw}
    assert page.evaluate("document.activeElement.id") == "planner-forget-all"
    page.click("#planner-forget-all")
    page.click("#planner-confirm-yes")
    assert stored(page) == {} and page.locator("#planner-children").is_hidden()
    assert "Your answers are gone from this device." in page.locator("#planner-status").inner_text()
    assert page.locator("#planner-undo-text").inner_text() == "You forgot the answers for 30 children."
    assert axe_violations(page) == []
    page.click("#planner-undo")
    assert stored(page) == {"app-planner": raw}, "every child is back, byte for byte"
    assert page.locator("#planner-children-list > li").count() == 30
    assert "Your answers are back on this device." in page.locator("#planner-status").inner_text()
    assert page.errors == []


def test_undo_after_forgetting_one_child_keeps_a_child_saved_since(planner):
    born = browser_today(planner) - dt.timedelta(days=400)
    fill(planner, iso(born), name="Amira")
    planner.click("#planner-save")
    planner.get_by_role("button", name="Forget Amira's answers").click()
    assert "You forgot Amira's answers." in planner.locator("#planner-undo-box").inner_text()
    fill(planner, iso(born), name="Bilal")
    planner.click("#planner-save")
    planner.get_by_role("button", name="Undo and bring the answers back").click()
    names = [c["name"] for c in json.loads(stored(planner)["app-planner"])["children"]]
    assert sorted(names) == ["Amira", "Bilal"]
    assert planner.locator("#planner-children-list > li").count() == 2


def test_two_tabs_never_overwrite_each_others_children(context, site_url):
    """Issue 25: with unnamed children, tab B forgets Child 1 and saves a new baby; tab A, which
    still shows Child 1, saves. Both babies stay, and each tab's list follows the other's changes."""
    tab_a = planner_tab(context, site_url)
    today = browser_today(tab_a)
    first, second = today - dt.timedelta(days=300), today - dt.timedelta(days=500)
    fill(tab_a, iso(first))
    tab_a.click("#planner-save")
    tab_b = planner_tab(context, site_url)
    assert tab_b.locator("#planner-children-list > li").count() == 1
    tab_b.get_by_role("button", name="Forget Child 1's answers").click()
    # Tab A hears it at once: its list is empty, and it says the child on screen was forgotten.
    tab_a.wait_for_function("document.querySelectorAll('#planner-children-list > li').length === 0")
    assert "forgotten in another window" in tab_a.locator("#planner-status").inner_text()
    fill(tab_b, iso(second))
    tab_b.click("#planner-save")
    tab_a.wait_for_function("document.querySelectorAll('#planner-children-list > li').length === 1")
    assert f"born {second.day} {second:%B %Y}" in tab_a.locator("#planner-children-list").inner_text()
    tab_a.locator("#planner-checklist input[value=yes]").first.check()
    tab_a.click("#planner-save")
    saved = json.loads(stored(tab_a)["app-planner"])["children"]
    assert sorted(c["dob"]["year"] + "-" + c["dob"]["month"] + "-" + c["dob"]["day"] for c in saved) == \
        sorted(f"{d.year}-{d.month}-{d.day}" for d in (first, second)), "neither baby is lost"
    assert len({c["id"] for c in saved}) == 2 and len({c["n"] for c in saved}) == 2
    assert "Saved Child 2's answers" in tab_a.locator("#planner-saved").inner_text()
    tab_b.wait_for_function("document.querySelectorAll('#planner-children-list > li').length === 2")
    # Tab B saves its baby again: it replaces only itself, found by its id, not its number.
    tab_b.click("#planner-save")
    again = json.loads(stored(tab_b)["app-planner"])["children"]
    assert sorted(c["id"] for c in again) == sorted(c["id"] for c in saved)
    assert tab_a.errors == [] and tab_b.errors == []


# ---------------------------------------------------------------------------- saved data, as functions

def read_stored(page, raw):
    return page.evaluate("raw => AppPlanner.readStored(raw)", raw)


def test_what_is_saved_is_read_by_its_format(functions):
    assert read_stored(functions, None)["state"] == "empty"
    for raw in UNKNOWN.values():
        found = read_stored(functions, raw)
        assert found["state"] in ("newer", "unreadable") and found["raw"] == raw and found["children"] == []
    assert read_stored(functions, NEWER)["state"] == "newer"
    assert read_stored(functions, '{"version":"3","children":[]}')["state"] == "unreadable"
    assert read_stored(functions, "null")["state"] == "unreadable"
    first = read_stored(functions, '{"dob":"2025-01-01","early":"no"}')
    assert first["state"] == "ok" and [(c["id"], c["n"]) for c in first["children"]] == [("n1", 1)]
    # A version 2 child without an id gets one from its number, the same in every tab; a child
    # that cannot be read is kept as it was, to be written back untouched.
    raw = json.dumps({"version": 2, "children": [{"n": 2, "dob": "2025-01-01"}, {"name": "no date", "x": 1},
                                                 {"id": "c1", "n": 2, "dob": "2024-05-05"}]})
    found = read_stored(functions, raw)
    assert [(c["id"], c["n"]) for c in found["children"]] == [("n2", 2), ("c1", 3)]
    assert found["unread"] == [{"name": "no date", "x": 1}]
    written = json.loads(functions.evaluate("found => AppPlanner.storedText(found)", found))
    assert written["version"] == 2 and {"name": "no date", "x": 1} in written["children"]
    assert functions.evaluate("AppPlanner.storedText({children: [], unread: []})") is None


def test_undo_merges_children_back_without_replacing_any(functions):
    now = {"children": [{"id": "b", "n": 1, "name": ""}], "unread": []}
    back = [{"id": "a", "n": 1, "name": ""}, {"id": "b", "n": 1, "name": "old copy"}]
    merged = functions.evaluate("([now, back]) => AppPlanner.mergeChildren(now, back)", [now, back])
    assert [(c["id"], c["n"], c["name"]) for c in merged["children"]] == [("b", 1, ""), ("a", 2, "")]


# ---------------------------------------------------------------------------- digits and whole dates

# Each script's digits for 12 and 2025, as its keyboards type them.
DIGITS = {"Arabic-Indic": "٠١٢٣٤٥٦٧٨٩", "Persian and Urdu": "۰۱۲۳۴۵۶۷۸۹", "full-width": "０１２３４５６７８９",
          "Devanagari": "०१२३४५६७८९", "Bengali": "০১২৩৪৫৬৭৮৯", "Gujarati": "૦૧૨૩૪૫૬૭૮૯",
          "Gurmukhi": "੦੧੨੩੪੫੬੭੮੯", "Tamil": "௦௧௨௩௪௫௬௭௮௯", "Thai": "๐๑๒๓๔๕๖๗๘๙"}


def in_script(digits: str, number) -> str:
    return "".join(digits[int(d)] for d in str(number))


@pytest.mark.parametrize("script", list(DIGITS))
def test_digits_from_any_keyboard_are_read(functions, script):
    digits = DIGITS[script]
    assert functions.evaluate("t => AppPlanner.latinDigits(t)", digits) == "0123456789"
    read = functions.evaluate("p => AppPlanner.readDate(p, {empty: '', name: 'Date', year: ''})",
                              {"day": in_script(digits, 12), "month": in_script(digits, 3), "year": in_script(digits, 2025)})
    assert read == {"date": {"y": 2025, "m": 3, "d": 12}}
    assert validate(functions, {"dob": "2025-01-01", "early": "weeks", "weeks": in_script(digits, 10)}, "2025-06-01") == []


def test_every_digit_in_the_table_is_one_unicode_calls_a_digit(functions):
    # The table's runs are real digit runs: \\p{Nd} agrees for each of the ten characters.
    wrong = functions.evaluate(
        "ds => ds.flatMap(d => [...d]).filter(c => !/\\p{Nd}/u.test(c) || AppPlanner.latinDigits(c) === c)",
        list(DIGITS.values()))
    assert wrong == []
    assert functions.evaluate("AppPlanner.latinDigits('a b-/')") == "a b-/"


@pytest.mark.parametrize("text, parts", [
    ("12/03/2025", ("12", "03", "2025")), ("12-03-2025", ("12", "03", "2025")),
    ("12.03.2025", ("12", "03", "2025")), ("2025-03-12", ("12", "03", "2025")),
    (" 1/3/2025 ", ("1", "3", "2025")), ("12 3 2025", ("12", "3", "2025")),
    ("12 March 2025", ("12", "March", "2025")), ("١٢/٠٣/٢٠٢٥", ("12", "03", "2025")),
    ("12/03/25", None), ("12/03", None), ("12", None), ("2025", None), ("12/03/2025/1", None),
])
def test_a_whole_date_is_split_into_its_boxes(functions, text, parts):
    found = functions.evaluate("t => AppPlanner.splitDate(t)", text)
    assert found == (dict(zip(("day", "month", "year"), parts)) if parts else None)
    if parts:   # in the day box alone, it is read as the three boxes
        read = functions.evaluate("t => AppPlanner.readDate({day: t, month: '', year: ''}, "
                                  "{empty: '', name: 'Date', year: ''})", text)
        assert read["date"]["y"] == 2025 and read["date"]["d"] in (1, 12)


@pytest.mark.parametrize("born, on, message", [
    ("1925-03-12", "2026-06-01", "Check the year of birth: did you mean 2025? If 1925 is right, "
                                 "press Show what my child can do again"),
    ("2015-03-12", "2026-06-01", "Check the year of birth: did you mean 2025? If 2015 is right, "
                                 "press Show what my child can do again"),
    ("1900-01-01", "2026-06-01", "Check the year of birth: 1900 is more than 6 years ago. If it is right, "
                                 "press Show what my child can do again"),
    ("1926-12-25", "2026-06-01", "Check the year of birth: 1926 is more than 6 years ago. If it is right, "
                                 "press Show what my child can do again"),   # 2026 is still to come
    ("2019-12-31", "2026-06-01", "Check the year of birth: 2019 is more than 6 years ago. If it is right, "
                                 "press Show what my child can do again"),
])
def test_an_unlikely_year_of_birth_asks_did_you_mean(functions, born, on, message):
    errors = validate(functions, {"dob": born, "early": "no"}, on)
    assert errors == [{"field": "dob", "message": message, "boxes": ["year"], "confirm": born}]
    # Confirmed by pressing again with the same date, it is accepted: a real date is never blocked.
    assert validate(functions, {"dob": born, "early": "no", "confirmed": born}, on) == []


def test_a_likely_year_gets_no_question(functions):
    assert validate(functions, {"dob": "2020-01-01", "early": "no"}, "2026-06-01") == []
    assert validate(functions, {"dob": "2020-06-01", "early": "no"}, "2026-06-01") == []


def test_arabic_indic_and_full_width_digits_in_the_form(planner):
    born = browser_today(planner) - dt.timedelta(days=400)
    for digits in (DIGITS["Arabic-Indic"], DIGITS["full-width"]):
        for part, number in (("day", born.day), ("month", born.month), ("year", born.year)):
            planner.fill(f"#planner-dob-{part}", in_script(digits, number))
        planner.check("#planner-early-no")
        planner.click("#planner-form button:not([type=button])")
        planner.locator("#planner-results").wait_for(state="visible")
        assert "We show the list for 1 to 2 years." in planner.locator("#planner-age").inner_text()
        assert planner.locator("#planner-error-summary").is_hidden()
        planner.click("#planner-forget")


@pytest.mark.parametrize("shape", ["{d:02}/{m:02}/{y}", "{d}-{m}-{y}", "{d:02}.{m:02}.{y}", "{y}-{m:02}-{d:02}"])
def test_a_date_pasted_into_the_day_box_fills_the_three_boxes(planner, shape):
    born = browser_today(planner) - dt.timedelta(days=400)
    planner.focus("#planner-dob-day")
    planner.keyboard.insert_text(shape.format(d=born.day, m=born.month, y=born.year))   # as a paste does
    assert [int(planner.input_value(f"#planner-dob-{p}")) for p in ("day", "month", "year")] == \
        [born.day, born.month, born.year]
    planner.check("#planner-early-no")
    planner.click("#planner-form button:not([type=button])")
    planner.locator("#planner-results").wait_for(state="visible")


def test_an_unlikely_year_in_the_form_asks_once_then_accepts(planner):
    born = browser_today(planner) - dt.timedelta(days=400)
    typed = born.replace(year=born.year - 100) if not (born.month == 2 and born.day == 29) else born.replace(day=28, year=born.year - 100)
    fill(planner, iso(typed))
    summary = planner.locator("#planner-error-summary")
    summary.wait_for(state="visible")
    message = (f"Check the year of birth: did you mean {born.year}? If {typed.year} is right, "
               "press Show what my child can do again")
    assert summary.locator("a").all_inner_texts() == [message]
    assert planner.locator("#planner-dob-year").get_attribute("aria-invalid") == "true"
    assert planner.locator("#planner-dob-day").get_attribute("aria-invalid") is None
    assert planner.locator("#planner-results").is_hidden()
    planner.click("#planner-form button:not([type=button])")       # the parent is sure
    planner.locator("#planner-results").wait_for(state="visible")
    assert "Your child is 101 years" in planner.locator("#planner-age").inner_text()   # 100 years and 400 days
    # A saved child in such a year opens without the question.
    planner.click("#planner-save")
    planner.reload()
    planner.locator("#planner-results").wait_for(state="visible")
    assert planner.locator("#planner-error-summary").is_hidden()


def test_axe_before_and_after_filling_the_form(planner):
    assert axe_violations(planner) == []
    today = browser_today(planner)
    fill(planner, iso(today - dt.timedelta(days=150)), early="weeks", weeks="10", name="Amira")
    planner.locator("#planner-checklist input[value=yes]").first.check()
    assert axe_violations(planner) == []
    planner.click("#planner-save")
    assert axe_violations(planner) == []
    planner.click("#planner-forget")
    assert axe_violations(planner) == []


def when_to_ask_cards(html_pages) -> list[str]:
    """The words of the planner page's own "When to get help" cards, as the page shows them."""
    from bs4 import BeautifulSoup
    page = BeautifulSoup(html_pages["planner/index.html"], "html.parser")
    for link in page.select(".admonition a[data-print-address]"):  # on paper a link shows its site
        link.append(f" ({link['data-print-address']})")
    return [" ".join(card.get_text().split())
            for card in page.select(".md-content__inner > .admonition.care-non-urgent, "
                                    ".md-content__inner > .admonition.care-urgent")]


def printed_address(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url)


def try_first(band: str) -> list[tuple[str, str]]:
    """(who it is for, the activity's page) of each idea in the age page's "Try these first"."""
    text = (ROOT / "docs" / "ages" / f"{band}.md").read_text(encoding="utf-8")
    block = re.search(r'<div class="app-try-first" markdown>(.*?)</div>', text, re.S).group(1)
    return re.findall(r"^- \*\*(.+?):\*\* \[[^\]]+\]\(\.\./(play/[\w-]+)\.md\)", block, re.M)


def short_address(page: str) -> str:
    """The printed address of a page: its short link's print channel address if mkdocs.yml gives it
    a short link (/print/tummy-time/: site_model.print_url), else host + path."""
    links = {target: name for name, target in reversed(list(config_extra()["short_links"].items()))}
    prefix = config_extra()["short_link_channels"]["print"]
    return printed_address(SITE_URL + (f"{prefix}/{links[page + '.md']}" if page + ".md" in links else page) + "/")


@pytest.mark.parametrize("band", list(AGE_IN_DAYS))
def test_print_is_one_a4_sheet_in_12_point_type(planner, site_url, band, tmp_path, html_pages):
    """The plan a parent takes to the health visitor: their child's name, the age, the ticks, the
    ideas to try first with their short addresses, the "what we tried" table, the QR code and the
    page's "When to get help" cards, on one A4 sheet with body text of 12 point or more (RNIB clear print)."""
    need("pdfinfo", "poppler-utils")
    need("pdftotext", "poppler-utils")
    today = browser_today(planner)
    fill(planner, iso(today - dt.timedelta(days=AGE_IN_DAYS[band])), name="Amira")
    planner.locator("#planner-checklist input[value=yes]").first.check()
    age_text = planner.locator("#planner-age p").first.inner_text()
    pdf = tmp_path / "planner.pdf"
    planner.pdf(path=str(pdf), format="A4")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    assert re.search(r"^Page size:\s+595\.\d+ x 84[12]\.\d+ pts \(A4\)", info, re.M), info
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert "Amira's plan" in text
    assert " ".join(age_text.split()) in text
    for words in ("What I noticed", "What we tried", "How it went", "Can do", "Not yet", "Scan to open this page"):
        assert words in text
    # The ideas to try first, each with whom it is for and its short address; then the age page.
    ideas = try_first(band)
    assert 3 <= len(ideas) <= 5
    titles = {a["url"].removeprefix("../").rstrip("/"): a["title"] for a in planner.evaluate("AppPlanner.data.activities")}
    for who, page in ideas:
        assert f"{who}: {titles[page]} {short_address(page)}" in text
    label = dict(config_extra()["app_tags"])[f"age/{band}"]
    assert f"More play ideas for {label}: {short_address('ages/' + band)}" in text
    assert text.replace(" ", "").count("http") == 1  # no raw addresses but the QR code's own
    # The page's own "When to get help" cards, whole: who to ask, and when.
    cards = when_to_ask_cards(html_pages)
    assert len(cards) == 2 and "health visitor or GP" in cards[0]
    for card in cards:  # spaces aside: a line may break between two closing brackets
        assert card.replace(" ", "") in text.replace(" ", "")
    assert page_address() in text.replace(" ", "")
    assert "Save on this device" not in text and "Your child's date of birth" not in text
    assert planner.locator("#planner-qr svg").count() == 1
    assert off_site(planner, site_url) == []
    # 12 point type: every printed paragraph, list item, table cell and milestone is 12 pt or
    # more (16 CSS pixels), and on paper the middle word's box is at least 1.1 times 12 pt.
    planner.emulate_media(media="print")
    sizes = planner.evaluate("""[...document.querySelectorAll(
        '#planner-results p, #planner-results li, #planner-results td, #planner-results th, #planner-results legend,'
        + ' .md-content__inner > .admonition p, .md-content__inner > .admonition li')]
      .filter(e => e.getClientRects().length && e.innerText.trim())
      .map(e => [e.innerText.trim().slice(0, 40), parseFloat(getComputedStyle(e).fontSize)])""")
    assert len(sizes) > 20
    assert [s for s in sizes if s[1] < 12 * 96 / 72 - 0.01] == []
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    heights = sorted(float(b) - float(a) for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes))
    assert heights[len(heights) // 2] >= 12 * 1.1


def test_every_idea_of_the_age_is_on_screen_with_its_address_for_print(planner):
    """On screen the plan lists every idea for the age; each carries its short address too."""
    today = browser_today(planner)
    fill(planner, iso(today - dt.timedelta(days=AGE_IN_DAYS["0-6-months"])))
    addresses = planner.locator("#planner-ideas .app-planner-ideas__address").all_inner_texts()
    assert len(addresses) == len(activity_titles("age/0-6-months"))
    assert short_address("play/tummy-time") in addresses    # a short link from mkdocs.yml
    assert short_address("play/tummy-time") == printed_address(SITE_URL) + "print/tummy-time/"
    assert all(not a.startswith("http") and a.endswith("/") for a in addresses)


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
    assert planner.locator("#planner-children").is_hidden()   # nothing saved yet


# ---------------------------------------------------------------------------- "Not yet" (issue 21 item 1)

def nine_months_old(page) -> dt.date:
    """A date of birth 9 months and 5 days before the browser's today: the 9-month list is reached."""
    return months_before(browser_today(page), 9) - dt.timedelta(days=5)


def question(page, text: str):
    return page.locator("#planner-checklist fieldset.app-planner-item", has_text=text)


def age_page_cards(html_pages, band: str) -> list[str]:
    """The words of an age page's own "When to ask for help" cards, as that page shows them."""
    from bs4 import BeautifulSoup
    page = BeautifulSoup(html_pages[f"ages/{band}/index.html"], "html.parser")
    for note in page.select(".app-note-ref"):  # a source's number, shown on paper only (print_handout.py)
        note.decompose()
    return [" ".join(card.get_text().split())
            for card in page.select(".admonition.care-non-urgent, .admonition.care-urgent, .admonition.care-emergency")]


def test_not_yet_at_9_months_shows_sitting_play_first_and_when_to_ask(planner, html_pages):
    """Priya's story: 9 months, not sitting. "Not yet" answers at once, beside the question: sitting
    play first, as a link, then the 6 to 12 months page's own "When to ask for help" cards."""
    fill(planner, iso(nine_months_old(planner)))
    planner.locator("#planner-results").wait_for(state="visible")
    sitting = question(planner, "Sit without support")
    assert planner.locator("#planner-checklist .app-planner-notyet").count() == 0
    sitting.get_by_label("Not yet").check()
    panel = planner.locator("#planner-checklist .app-planner-notyet")
    assert panel.count() == 1 and panel.is_visible()
    # Right after the question it answers.
    assert planner.evaluate("document.querySelector('[data-key=\"9-1\"]').nextElementSibling.className") \
        == "app-planner-notyet"
    ideas = panel.locator(".app-planner-notyet__ideas a")
    assert ideas.first.inner_text() == "Sitting play"
    assert ideas.first.get_attribute("href") == "../play/sitting-play/"
    sitting_play = next(i for c in milestones() if c["months"] == 9 for i in c["items"]
                        if i["text"] == "Sit without support")["play"]
    assert sitting_play == ["sitting-play", "tummy-time"]
    assert ideas.all_inner_texts() == ["Sitting play", "Tummy time"]
    # The signs and the route, as the age page words them (never typed twice).
    shown = [" ".join(t.split()) for t in panel.locator(".admonition").all_text_contents()]
    assert shown == age_page_cards(html_pages, "6-12-months") and len(shown) == 2
    text = panel.inner_text()
    assert "health visitor or GP" in text and "NHS 111" in text and "999" in text
    assert planner.locator("#planner-notyet-said").inner_text() == \
        "Play ideas for this, and when to ask for help, are below this question."
    # The plan's ideas: sitting play first, saying what it is for; then the rest, A to Z.
    listed = planner.locator("#planner-ideas li a").all_inner_texts()
    assert listed[0] == "Sitting play" and listed[1] == "Tummy time"
    assert planner.locator("#planner-ideas li").first.inner_text().endswith("For \u201cSit without support\u201d.")
    rest = [t for t in activity_titles("age/6-12-months") if t not in ("Sitting play", "Tummy time")]
    assert listed[2:] == rest
    # "Can do" takes it all back: no panel, the ideas A to Z again.
    sitting.get_by_label("Can do").check()
    assert planner.locator("#planner-checklist .app-planner-notyet").count() == 0
    assert planner.locator("#planner-ideas li a").all_inner_texts() == activity_titles("age/6-12-months")
    assert planner.errors == []


def test_not_yet_for_an_age_not_reached_adds_nothing(planner):
    born = months_before(browser_today(planner), 7) - dt.timedelta(days=3)   # 7 months: 9 not reached
    fill(planner, iso(born))
    planner.locator("#planner-results").wait_for(state="visible")
    question(planner, "Sit without support").get_by_label("Not yet").check()
    assert planner.locator("#planner-checklist .app-planner-notyet").count() == 0
    assert planner.locator("#planner-ideas li a").all_inner_texts() == activity_titles("age/6-12-months")
    assert planner.locator("#planner-notyet-said").inner_text() == ""


def test_a_second_not_yet_links_to_the_signs_and_an_item_with_no_idea_says_ask(planner):
    fill(planner, iso(nine_months_old(planner)))
    planner.locator("#planner-results").wait_for(state="visible")
    question(planner, "Sit without support").get_by_label("Not yet").check()
    question(planner, "Bang two things together").get_by_label("Not yet").check()
    panels = planner.locator("#planner-checklist .app-planner-notyet")
    assert panels.count() == 2
    assert panels.nth(0).locator(".admonition").count() == 2
    assert panels.nth(1).locator(".admonition").count() == 0
    link = panels.nth(1).get_by_role("link", name="See when to ask for help")
    assert link.get_attribute("href") == "#planner-m9-1-notyet-ask"
    assert planner.locator("#planner-m9-1-notyet-ask").count() == 1
    assert "Ask your health visitor what you can try." in panels.nth(1).inner_text()
    # A saved "Not yet" opens with its panel.
    planner.click("#planner-save")
    planner.reload()
    planner.locator("#planner-results").wait_for(state="visible")
    assert planner.locator("#planner-checklist .app-planner-notyet").count() == 2
    planner.click("#planner-forget")


def test_every_milestone_maps_to_activities_the_planner_has(planner):
    ids = {a["id"] for a in planner.evaluate("AppPlanner.data.activities")}
    items = [i for c in planner.evaluate("AppPlanner.data.checkpoints") for i in c["items"]]
    assert [i["play"] for i in items] == [i.get("play", []) for c in milestones() for i in c["items"]]
    assert all(name in ids for i in items for name in i["play"])
    assert sum(1 for i in items if i["play"]) >= 40


def test_the_printed_plan_with_not_yet_has_what_i_noticed_and_what_we_tried_on_one_sheet(planner, tmp_path):
    need("pdfinfo", "poppler-utils")
    need("pdftotext", "poppler-utils")
    fill(planner, iso(nine_months_old(planner)), name="Amira")
    planner.locator("#planner-results").wait_for(state="visible")
    for text in ("Sit without support", "Get into a sitting position by themselves", "Bang two things together"):
        question(planner, text).get_by_label("Not yet").check()
    pdf = tmp_path / "plan.pdf"
    planner.pdf(path=str(pdf), format="A4")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "What I noticed" in text and "What we tried" in text
    assert text.index("What I noticed") < text.index("What we tried")
    assert "Not yet at 9 months: Sit without support" in text
    assert "Not yet at 9 months: Bang two things together" in text
    # The ideas for what the child cannot do yet come first on paper, with their short addresses.
    first = planner.locator("#planner-first li").all_inner_texts()
    assert first[0] == "For \u201cGet into a sitting position by themselves\u201d: Sitting play"   # on screen
    assert first[1] == "For \u201cGet into a sitting position by themselves\u201d: Floor play"
    assert first[2] == "For \u201cSit without support\u201d: Tummy time"
    assert (f"For \u201cGet into a sitting position by themselves\u201d: Sitting play "
            f"{short_address('play/sitting-play')}") in text
    # The answers' panels stay on screen: the cards print once, under the plan.
    assert text.count("Ask for help today if") == 1
    # Lines to write on under "What I noticed", drawn, not typed: three, less one for each "Not
    # yet" printed there, and always one at least.
    planner.emulate_media(media="print")
    lines = """[...document.querySelectorAll('.app-planner-lines > div')]
      .map(e => [e.getBoundingClientRect().height, getComputedStyle(e).borderBottomStyle])"""
    assert len(planner.evaluate(lines)) == 1
    question(planner, "Bang two things together").get_by_label("Can do").check()
    assert len(planner.evaluate(lines)) == 1
    question(planner, "Sit without support").get_by_label("Can do").check()
    assert len(planner.evaluate(lines)) == 2
    assert all(h > 20 and style == "solid" for h, style in planner.evaluate(lines))


def test_try_first_ideas_are_links_on_screen(planner):
    """On screen the age page's ideas to try first are links to their pages, without the printed
    addresses; on paper each keeps its short address (test_print_is_one_a4_sheet_in_12_point_type)."""
    fill(planner, iso(nine_months_old(planner)))
    planner.locator("#planner-results").wait_for(state="visible")
    first = planner.locator("#planner-first li")
    assert first.count() == len(try_first("6-12-months"))
    assert first.first.inner_text() == "For a baby who is not sitting steadily yet: Sitting play"
    links = planner.locator("#planner-first li a")
    assert links.count() == first.count()
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == \
        [f"../{page}/" for _, page in try_first("6-12-months")]
    assert planner.locator("#planner-first .app-planner-ideas__address").first.is_hidden()
    assert planner.locator("#planner-first-label").is_visible()
    assert planner.locator("#planner-ideas li a").count() == len(activity_titles("age/6-12-months"))


# ---------------------------------------------------------------------------- born at N weeks (item 2)

def test_born_at_31_weeks_is_9_weeks_early_as_the_due_date_route_says(functions):
    on = "2026-12-05"
    born = "2026-08-05"
    by_week = assess(functions, {"dob": born, "early": "born", "born": "31"}, on)
    by_weeks_early = assess(functions, {"dob": born, "early": "weeks", "weeks": "9"}, on)
    due = iso(dt.date.fromisoformat(born) + dt.timedelta(weeks=9))
    by_due = assess(functions, {"dob": born, "early": "due", "due": due}, on)
    assert by_week["daysEarly"] == 63 and by_week["weeksEarly"] == 9 and by_week["bornAt"] == 31
    assert by_week["reason"] == "corrected"
    assert by_week["corrected"] == by_weeks_early["corrected"] == by_due["corrected"]
    assert by_week["band"]["id"] == by_due["band"]["id"] == "0-6-months"
    # 23 weeks is the most the other routes allow (17 weeks early); 37 weeks or later is not early.
    assert functions.evaluate("AppPlanner.daysEarlyFromBirthWeek(23)") == 17 * 7
    for weeks, reason in [("36", "corrected"), ("37", "term"), ("40", "term"), ("42", "term")]:
        assert assess(functions, {"dob": born, "early": "born", "born": weeks}, on)["reason"] == reason


@pytest.mark.parametrize("typed, words", [
    ("", "Enter how many weeks of pregnancy your baby was born at"),
    ("22", "Weeks of pregnancy at birth must be between 23 and 42"),
    ("43", "Weeks of pregnancy at birth must be between 23 and 42"),
    ("ten", "Weeks of pregnancy at birth must be a number, such as 31"),
    ("31.5", "Weeks of pregnancy at birth must be a whole number, such as 31"),
    ("31+4", "Weeks of pregnancy at birth must be a whole number, such as 31"),
])
def test_weeks_of_pregnancy_errors_in_the_gov_uk_words(functions, typed, words):
    errors = validate(functions, {"dob": "2025-01-01", "early": "born", "born": typed}, "2025-06-01")
    assert [(e["field"], e["message"]) for e in errors] == [("born", words)]


@pytest.mark.parametrize("script", ["Arabic-Indic", "Persian and Urdu", "Devanagari", "full-width"])
def test_weeks_of_pregnancy_in_digits_from_any_keyboard(functions, script):
    typed = in_script(DIGITS[script], 31)
    assert validate(functions, {"dob": "2025-01-01", "early": "born", "born": typed}, "2025-06-01") == []
    assert assess(functions, {"dob": "2025-01-01", "early": "born", "born": typed}, "2025-06-01")["weeksEarly"] == 9


def test_31_typed_as_weeks_early_says_where_it_goes(functions):
    errors = validate(functions, {"dob": "2025-01-01", "early": "weeks", "weeks": "31"}, "2025-06-01")
    assert errors[0]["message"] == ("Enter how many weeks early your baby was born, as a whole number from 1 to 17. "
                                    "If your baby was born at 31 weeks of pregnancy, choose the answer above this one")


def test_born_at_31_weeks_in_the_form(planner):
    """The health visitor's story: a baby born at 31 weeks, 4 months ago. The page does the sum."""
    today = browser_today(planner)
    born = months_before(today, 4)
    fill(planner, iso(born), early="born", born_at="31", name="Baby A")
    planner.locator("#planner-results").wait_for(state="visible")
    text = planner.locator("#planner-age").inner_text()
    expected = assess(planner, {"dob": iso(born), "early": "weeks", "weeks": "9"}, iso(today))
    words = planner.evaluate("r => AppPlanner.describeAge(r)", expected["corrected"])
    assert f"Born at 31 weeks: 9 weeks early (we count 40 weeks as full term). Their corrected age is {words}." in text
    assert "Their age from birth is 4 months" in text
    assert "We show the list for 0 to 6 months." in text
    # Saved and opened again, with the weeks kept.
    planner.click("#planner-save")
    planner.reload()
    planner.locator("#planner-results").wait_for(state="visible")
    assert planner.is_checked("#planner-early-born") and planner.input_value("#planner-born") == "31"
    assert "Born at 31 weeks: 9 weeks early" in planner.locator("#planner-age").inner_text()
    planner.click("#planner-forget")
    # Out of range: the GOV.UK error by the box, linked from the summary.
    fill(planner, iso(born), early="born", born_at="45")
    planner.locator("#planner-error-summary").wait_for(state="visible")
    assert planner.locator("#planner-error-list a").all_inner_texts() == [
        "Weeks of pregnancy at birth must be between 23 and 42"]
    assert planner.locator("#planner-error-list a").get_attribute("href") == "#planner-born"
    assert planner.get_attribute("#planner-born", "aria-invalid") == "true"
    assert "planner-born-error" in planner.get_attribute("#planner-born", "aria-describedby")
    assert planner.errors == []
