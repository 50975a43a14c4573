"""Numbers a phone can call, and the choking and handling advice (issue 20 item 3, issue 21 item 3).

999 and 111 are links a phone can call wherever a page shows them; the help page says what each
is for. Grapes are cut lengthways into quarters, the pages where children eat point to the NHS
first aid for choking, and every game where you hold a child's hands while they jump, step or climb
warns about pulled elbow: each with its named source, read from the built pages.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

import site_model
from conftest import ROOT
from test_content import body_and_sources, markdown_pages

NUMBER = re.compile(r"(?<![\d.,:/£-])\b(999|111)\b(?![.,:/-]?\d)")
LINKS = dict(re.findall(r"^\[([a-z0-9-]+)\]:\s+(\S+)", (ROOT / "docs/.snippets/links.md").read_text(), re.M))


def article(soup):
    return soup.select_one("article")


def flat(node) -> str:
    return " ".join(node.get_text(" ").split())


def in_sources(node) -> bool:
    heading = node.find_previous(["h2"])
    return heading is not None and heading.get("id", "").startswith("sources")


# ---------------------------------------------------------------------------- numbers a phone can call

def test_no_page_shows_999_or_111_as_plain_text(soups):
    """A number is a tel: link; the only other place it may stand is in the name of a page we link
    to (a source, or NHS 111 online), never as plain text or as a number to dial."""
    found = []
    for path, soup in soups.items():
        main = article(soup)
        if main is None:
            continue
        for text in main.find_all(string=NUMBER):
            if text.find_parent(["code", "pre", "script", "style"]):
                continue
            link = text.find_parent("a")
            href = link.get("href", "") if link else ""
            if href.startswith("tel:"):
                continue
            if href.startswith("https://") and ("online" in link.get_text() or in_sources(link)
                                                or urlparse(href).hostname.startswith("111.")):
                continue  # a page we link to, named after its site (NHS 111 online, NHS 111 Wales)
            found.append(f"{path}: '{' '.join(text.split())[:60]}'")
    assert not found, "999 or 111 shown without a tel: link:\n" + "\n".join(found)


def test_each_tel_link_calls_the_number_it_shows(soups):
    links = 0
    for path, soup in soups.items():
        for link in soup.select("a[href^='tel:']"):
            links += 1
            number = link["href"].removeprefix("tel:")
            assert number.isdigit(), f"{path}: {link}"
            shown = re.sub(r"(?<=\d) (?=\d)", "", link.get_text())  # 0116 295 0818, grouped as people write it
            assert re.search(rf"\b{number}\b", shown), f"{path}: {link} does not show {number}"
    assert links > 20


def test_every_urgent_and_emergency_card_has_a_number_to_tap(soups):
    for path, soup in soups.items():
        main = article(soup)
        for card in main.select(".care-urgent, .care-emergency") if main else []:
            assert card.select("a[href^='tel:']"), f"{path}: '{card.get_text(' ', strip=True)[:60]}'"


def test_help_says_what_each_number_is_for(soups):
    text = soups.article_text("help/index.html")
    assert "999 is for emergencies" in text
    assert "NHS 111 is for when you need medical help fast, but it is not an emergency" in text
    assert "NHS 111 online is for people aged 5 and over. For a child under 5, call 111" in text
    help_links = {a["href"] for a in article(soups["help/index.html"]).select("a[href]")}
    assert {"tel:999", "tel:111", LINKS["nhs-999"], LINKS["hfu5-999-111"], LINKS["nhs-111-online-age"]} <= help_links
    assert "ChatHealth is not for emergencies" in text


def test_a_tel_link_prints_as_its_number_only():
    """The print style sheet writes a link's address after it only for other sites' links
    (data-print-address, https only), so a tel: link prints as the number alone."""
    css = (ROOT / "docs/assets/extra.css").read_text(encoding="utf-8")
    assert not re.search(r"a\[href\]::after|attr\(href\)", css)
    from test_page_tree import addresses
    assert addresses("[999](tel:999), [NHS 111](https://111.nhs.uk/)") == [("999", None), ("NHS 111", "111.nhs.uk")]


# ---------------------------------------------------------------------------- choking

def test_grapes_are_cut_lengthways_into_quarters_with_a_uk_source():
    pages = 0
    for page, markdown in markdown_pages().items():
        body = " ".join(body_and_sources(markdown)[0].split())
        for sentence in re.split(r"(?<=[.!?])\s+", body):
            if re.search(r"\bgrapes?\b", sentence, re.I):
                assert "lengthways into quarters" in sentence, f"{page}: '{sentence}'"
                assert "[capt-choking-food]" in body, page
                pages += 1
        assert not re.search(r"grapes?[^.]{0,60}small pieces", body, re.I), page
    assert pages >= 5  # 6 to 12 months, 1 to 2, 2 to 3, 3 to 5 years, feeding practice


@pytest.mark.parametrize("path", ["ages/6-12-months/index.html", "ages/1-2-years/index.html",
                                  "play/feeding-practice/index.html", "play/drinking-from-an-open-cup/index.html"])
def test_pages_where_children_eat_point_to_nhs_choking_first_aid_and_999(soups, path):
    main = article(soups[path])
    links = {a["href"] for a in main.select("a[href]")}
    assert LINKS["nhs-choking"] in links and "tel:999" in links
    sources = main.find("h2", id=re.compile("^sources")).find_next("ul")
    assert sources.select_one(f"a[href='{LINKS['nhs-choking']}']")


# ---------------------------------------------------------------------------- handling

HOLDS_HANDS = re.compile(r"hold[^.]*\bhands?\b[^.]*\b(jump|climb|step)|\b(jump|climb|step)[^.]*\bhold[^.]*\bhands?\b", re.I)


def games_that_hold_hands() -> list[str]:
    return [page for page, markdown in markdown_pages().items()
            if site_model.is_activity_page(page) and HOLDS_HANDS.search(body_and_sources(markdown)[0])]


def test_the_games_that_hold_hands_are_found():
    assert {"play/jumping-games.md", "play/cruising.md", "play/playground.md", "play/soft-play.md"} <= set(
        games_that_hold_hands())


@pytest.mark.parametrize("page", games_that_hold_hands())
def test_games_that_hold_a_childs_hands_warn_about_pulled_elbow(soups, page):
    path = page.removesuffix(".md") + "/index.html"
    main = article(soups[path])
    warning = next((li for li in main.select("li") if "pulled elbow" in flat(li)), None)
    assert warning is not None, f"{page} has no pulled-elbow warning"
    assert "lift or swing" in flat(warning) and warning.select_one(f"a[href='{LINKS['ncic-pulled-elbow']}']")


# ---------------------------------------------------------------------------- safety boxes

@pytest.mark.parametrize("band", ["1-2-years", "2-3-years", "3-5-years"])
def test_toddler_and_preschool_pages_have_a_sourced_safety_box(soups, band):
    main = article(soups[f"ages/{band}/index.html"])
    box = next(b for b in main.select(".admonition.warning")
               if "Keep your child safe" in b.select_one(".admonition-title").get_text())
    items = box.select("li")
    assert len(items) >= 3
    for item in items:
        assert item.select_one("a[href^='https://']"), f"{band}: '{item.get_text(' ', strip=True)}' has no source"
    assert "lengthways into quarters" in flat(box)
    assert "pulled elbow" in flat(box) or band != "2-3-years"
