"""The key worker's story (issue 21, item 6): tick three games on Play ideas, print them together,
one sheet each, as each game's own page prints; the print packs are linked from the same page."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml

from conftest import ROOT, SITE_URL, need
from test_accessibility import axe_violations
from test_sharing import print_pdf

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
BANDS = [t.removeprefix("age/") for t in CONFIG["extra"]["app_tags"] if t.startswith("age/")]
GAMES = ["Animal walks", "Balance games", "Obstacle course"]  # the key worker's three, in A to Z order
NAMES = ["animal-walks", "balance-games", "obstacle-course"]
# page.pdf() prints without a dialogue; a real window.print() would wait for one: it is counted instead.
COUNT_PRINTS = "window.appPrints = 0; window.print = () => { window.appPrints += 1; };"


def titles_in_order(pdf_text: str, titles=GAMES) -> list[str]:
    """Which of `titles` are printed as lines of their own (a sheet's title is), in order."""
    return [t for t in re.findall(r"^\s*(\S[^\n]*?)\s*$", pdf_text, re.M) if t in titles]


def test_play_ideas_has_a_tick_box_for_each_idea_in_a_form_for_the_print_set(html_pages, soups):
    soup = soups["play/index.html"]
    form = soup.select_one("form.app-pick")
    assert form.get("method", "get") == "get" and form["action"] == "print/", "without JavaScript the ticks go in the address"
    items = form.select(".app-filter__list > li[data-tags]:not(.app-filter__none)")
    activities = [p for p in html_pages if re.fullmatch(r"play/[\w-]+/index\.html", p) and p != "play/print/index.html"]
    assert len(items) == len(activities) > 20
    for item in items:
        box = item.select_one("input[type=checkbox][name=ideas]")
        title = item.a.get_text(strip=True)
        label = " ".join(box.find_parent("label").get_text(" ").split())
        assert label == f"Print {title}", "each tick box is named after its idea"
        assert (box["value"] + "/") in item.a["href"]
    # A button's type is submit unless it says otherwise (the minified page leaves the default out).
    assert form.select_one("button[type=submit], button:not([type])"), "the ticks are sent by a real button"


def test_play_ideas_links_every_print_pack(soups):
    soup = soups["play/index.html"]
    line = soup.select_one(".app-pick__packs")
    assert line and line.get_text(" ").startswith("Print a pack for an age")
    assert [a["href"] for a in line.find_all("a")] == [f"../packs/{band}/" for band in BANDS]


def test_each_sheet_is_headed_and_ended_as_its_page_prints(soups):
    """A sheet's header (who it is from, its address and code, the draft mark) and its review
    line are its own page's, written by the same partials: a sheet never says more than its page
    (no "Content checked" date for words that were not checked) nor less (the next review)."""
    for sheet in soups["play/print/index.html"].select(".app-sheets > .app-sheet"):
        own = soups[f"play/{sheet['data-idea']}/index.html"]
        assert str(sheet.select_one(".app-print-header")) == str(own.select_one(".app-print-header"))
        foot, own_foot = sheet.select_one(".app-review"), own.select_one("article .app-review")
        assert foot.p and str(foot.p) == str(own_foot.p), sheet["data-idea"]
        assert not foot.select("a"), "no links on a sheet: it is for paper"


def test_print_set_holds_every_idea_with_its_own_address_and_qr_code(soups):
    play = soups["play/index.html"]
    names = [box["value"] for box in play.select("form.app-pick input[name=ideas]")]
    soup = soups["play/print/index.html"]
    sheets = soup.select(".app-sheets > .app-sheet")
    assert [s["data-idea"] for s in sheets] == names, "every idea on Play ideas has its sheet, in the same order"
    for sheet in sheets:
        url = SITE_URL + f"play/{sheet['data-idea']}/"
        short = next((n for n, t in CONFIG["extra"]["short_links"].items() if t == f"play/{sheet['data-idea']}.md"), None)
        if short:  # on paper, a page with a short link has the print channel's address (site_model.print_url)
            url = SITE_URL + f"{CONFIG['extra']['short_link_channels']['print']}/{short}/"
        assert sheet.select_one(".app-print-header__url").get_text() == url
        assert sheet.select_one(".app-print-header__qr")["aria-label"] == f"QR code for {url}"
        assert sheet.select_one(".app-page-picture"), "the idea's picture"
        assert sheet.select_one(".app-columns") and sheet.select_one(".app-review")
        own = soups[f"play/{sheet['data-idea']}/index.html"]
        first = own.select_one(".app-columns li")
        assert " ".join(first.get_text(" ").split()) in " ".join(sheet.get_text(" ").split()), "the same words"


@pytest.fixture()
def page(browser):
    need("pdftotext", "poppler-utils")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COUNT_PRINTS)
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_three_games_ticked_print_on_three_sheets_in_order(page, site_url, tmp_path):
    """Tick three games, press the button: the count said before printing, the print dialogue,
    then three sheets, one per game, each with its title and its own address."""
    page.goto(site_url + "play/")
    page.get_by_role("radio", name="3 to 5 years").check()
    for game in reversed(GAMES):  # ticked in any order, printed in the list's
        page.get_by_role("checkbox", name=f"Print {game}").check()
    button = page.get_by_role("button", name="Print the 3 ideas you ticked")
    assert page.locator(".app-pick__count").inner_text().startswith("3 ideas: 3 sheets of A4")
    button.click()
    page.wait_for_url(f"**/play/print/?ideas={','.join(NAMES)}")
    page.wait_for_function("window.appPrints === 1")
    said = page.locator(".app-sheets__count").inner_text()
    stated = int(re.match(r"(\d+) ideas: (\d+) sheets of A4", said)[2])
    assert said == "3 ideas: 3 sheets of A4: Animal walks, Balance games, Obstacle course."
    pdf = tmp_path / "set.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    sheets = int(re.search(r"^Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                               text=True, check=True).stdout, re.M)[1])
    assert sheets == stated == 3
    for n, (game, name) in enumerate(zip(GAMES, NAMES), start=1):
        text = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert titles_in_order(text)[:1] == [game], f"sheet {n} is {game}"
        assert f"Read this page online: {SITE_URL}play/{name}/" in text
        assert "Keep it safe" in text and "Sources" in text
        assert "Tick the play ideas" not in text and "Print " + game not in text, "screen words stay off paper"
    # Reloading or bookmarking the address does not open the print dialogue again.
    page.reload()
    assert page.evaluate("window.appPrints") == 0 and page.locator(".app-sheet__page:visible").count() == 3


@pytest.mark.browser
def test_the_address_follows_the_ticks_and_the_printed_sheets_match(page, site_url, tmp_path):
    """A set opened from a bookmark: untick one, tick another; the address and the count follow."""
    page.goto(site_url + "play/print/?ideas=tummy-time,rolling")
    assert page.evaluate("window.appPrints") == 0, "only the button opens the print dialogue"
    page.get_by_role("checkbox", name="Print Rolling").uncheck()
    page.get_by_role("checkbox", name="Print Bubble chasing").check()
    assert page.url.endswith("/play/print/?ideas=bubble-chasing,tummy-time")
    assert page.locator(".app-sheets__count").inner_text().startswith("2 ideas: 2 sheets of A4")
    page.get_by_role("button", name="Print these 2 sheets").click()
    assert page.evaluate("window.appPrints") == 1
    sheets, text = print_pdf(page, page.url, tmp_path / "two.pdf")
    assert sheets == 2 and titles_in_order(text, ["Bubble chasing", "Tummy time"]) == ["Bubble chasing", "Tummy time"]


@pytest.mark.browser
def test_without_javascript_the_ticks_go_to_the_print_set_which_prints_what_is_ticked(browser, site_url, tmp_path):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "play/")
    for game in GAMES:
        page.get_by_role("checkbox", name=f"Print {game}").check()
    page.get_by_role("button", name="Print the ideas you ticked").click()
    page.wait_for_url("**/play/print/?ideas=animal-walks&ideas=balance-games&ideas=obstacle-course")
    assert page.locator(".app-sheets__noscript").is_visible(), "the page says to tick them again here"
    assert page.locator(".app-sheet__page:visible").count() == 0
    for game in GAMES:
        page.get_by_role("checkbox", name=f"Print {game}").check()
    assert page.locator(".app-sheet__page:visible").count() == 3, "the page shows which will print"
    pdf = tmp_path / "nojs.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+3$", info, re.M) and titles_in_order(text) == GAMES
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_nothing_on_play_ideas_and_the_print_set(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = {}
    for path in ("play/", "play/print/?ideas=" + ",".join(NAMES), "play/print/"):
        page.goto(site_url + path)
        if path == "play/":
            page.get_by_role("checkbox", name="Print Rolling").check()
        problems[path] = axe_violations(page)
    context.close()
    assert problems == {p: [] for p in problems}
