"""Common worries (docs/concerns/): each page has sourced signs in a care card and its sources, is
linked from the section's index, from "Worried? Get help" and from the age pages it belongs to,
is in the menu, and is the first search result for the words parents type, in the real search."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest
import yaml

from conftest import ROOT, search_results

CONCERNS = ROOT / "docs" / "concerns"
PAGES = sorted(p.stem for p in CONCERNS.glob("*.md") if p.stem != "index")

# The words parents type (issue 20), and the page each must find first.
PHRASES = {
    "tiptoes": "toe-walking",
    "walks on toes": "toe-walking",
    "flat feet": "flat-feet",
    "W sitting": "w-sitting",
    "bum shuffling": "late-walking",
    "bendy": "bendy-joints",
    "clumsy": "clumsiness",
    "left handed": "left-handed",
    "picky eater": "fussy-eating",
    "gagging": "fussy-eating",
    "hates messy hands": "sensory-differences",
}

# The age pages that link to each worry: where a parent of a child that age would look.
AGE_LINKS = {
    "0-6-months": {"flat-head", "fussy-eating", "born-early"},
    "6-12-months": {"late-walking", "flat-head", "fussy-eating", "left-handed"},
    "1-2-years": {"late-walking", "toe-walking", "flat-feet", "w-sitting", "fussy-eating"},
    "2-3-years": {"toe-walking", "flat-feet", "bendy-joints", "left-handed", "sensory-differences",
                  "born-early"},
    "3-5-years": {"clumsiness", "bendy-joints", "left-handed", "sensory-differences",
                  "dressing-and-school"},
}


def article(soups, path: str):
    return soups[path].select_one("article")


def linked_concerns(soups, path: str) -> set[str]:
    """The concern pages a built page links to, by name."""
    found = set()
    for a in article(soups, path).select("a[href]"):
        url = urljoin("http://site/" + path, a["href"])
        m = re.fullmatch(r"http://site/concerns/([a-z0-9-]+)/(?:index\.html)?(?:#.*)?", url)
        if m:
            found.add(m.group(1))
    return found


def test_there_are_at_least_12_worries_and_each_phrase_names_one():
    assert len(PAGES) >= 12, PAGES
    assert set(PHRASES.values()) <= set(PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_each_worry_has_a_care_card_with_signs(soups, name):
    cards = article(soups, f"concerns/{name}/index.html").select(
        ".admonition.care-non-urgent, .admonition.care-urgent, .admonition.care-emergency")
    assert cards, f"concerns/{name}.md has no 'when to ask' care card"
    assert any(card.select("li") for card in cards), f"concerns/{name}.md: a card with no signs"


@pytest.mark.parametrize("name", PAGES)
def test_each_worry_lists_its_sources_with_a_link_to_another_site(soups, name):
    page = article(soups, f"concerns/{name}/index.html")
    heading = page.find("h2", id="sources")
    assert heading, f"concerns/{name}.md has no Sources section"
    external = []
    for node in heading.find_next_siblings():
        if node.name == "h2":
            break
        external += [a["href"] for a in node.select("a[href]") if urlparse(a["href"]).scheme == "https"]
    assert external, f"concerns/{name}.md: its Sources list links to no other site"


@pytest.mark.parametrize("name", PAGES)
def test_each_worry_uses_its_cards_to_say_who_to_ask(soups, name):
    text = article(soups, f"concerns/{name}/index.html").get_text(" ")
    assert "health visitor or GP" in text, f"concerns/{name}.md does not name the health visitor or GP"


def test_the_index_help_page_and_menu_reach_every_worry(soups):
    assert linked_concerns(soups, "concerns/index.html") >= set(PAGES)
    assert linked_concerns(soups, "help/index.html") >= set(PAGES)
    nav = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["nav"]
    section = next(v for entry in nav for k, v in entry.items() if k == "Common worries")
    in_menu = {re.sub(r"^concerns/|\.md$", "", next(iter(e.values())) if isinstance(e, dict) else e)
               for e in section}
    assert in_menu >= set(PAGES) | {"index"}


@pytest.mark.parametrize("band", sorted(AGE_LINKS))
def test_each_age_page_links_to_its_worries(soups, band):
    assert linked_concerns(soups, f"ages/{band}/index.html") >= AGE_LINKS[band]


def test_every_worry_is_linked_from_an_age_page():
    assert set().union(*AGE_LINKS.values()) >= set(PAGES)


@pytest.mark.parametrize("phrase, name", sorted(PHRASES.items()))
def test_each_phrase_is_in_its_pages_visible_words(soups, phrase, name):
    """Search must find the page from the words a parent reads on it, never from hidden keywords."""
    text = " ".join(article(soups, f"concerns/{name}/index.html").get_text(" ").split()).lower()
    assert phrase.lower() in text, f"'{phrase}' is not in the text of concerns/{name}.md"


@pytest.mark.parametrize("name", PAGES)
def test_no_worry_page_boosts_search(name):
    front = (CONCERNS / f"{name}.md").read_text(encoding="utf-8").split("---")[1]
    assert "search" not in yaml.safe_load(front), f"concerns/{name}.md: no search settings, please"


@pytest.mark.browser
@pytest.mark.parametrize("phrase, name", sorted(PHRASES.items()))
def test_search_finds_the_worry_first(browser, site_url, phrase, name):
    """The theme's own search (lunr, in its worker), typed as a parent on a phone would."""
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto(site_url)
    page.click("label[for=__search]")
    page.locator("input.md-search__input").press_sequentially(phrase, delay=20)
    href = search_results(page, phrase)[0]
    page.close()
    assert href.startswith(site_url + f"concerns/{name}/"), f"'{phrase}' finds {href} first"


# The worries asked about most, in Easy Read too (issue 20): each with its page, said in Easy Read.
EASY_WORRIES = {"Late to walk": "late-walking", "Walking on tiptoes": "toe-walking",
                "Flat feet and first shoes": "flat-feet", "Falls and bumps": "clumsiness",
                "Eating": "fussy-eating"}


def test_the_most_asked_worries_are_in_easy_read_with_a_picture_for_each_idea(soups):
    page = soups["easy-read/worries/index.html"]
    article = page.select_one("article")
    headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in article.select("h2")]
    assert set(EASY_WORRIES) <= set(headings), headings
    ideas = [li for li in article.select("li") if not li.find_parent(id="sources")
             and li.find_previous("h2") and li.find_previous("h2").get("id") != "sources"]
    assert len(ideas) >= 12 and all(li.select_one("img[alt], svg[role=img][aria-label]") for li in ideas)
    sources = {urlparse(a["href"]).path.rstrip("/").rsplit("/", 1)[-1] for a in article.select("a[href]")}
    assert "concerns" in sources  # the Common worries pages, which carry each statement's source
    # Reached from the Common worries index, and from the Easy Read pages' own menu.
    index = soups["concerns/index.html"].select_one("article")
    assert index.select_one("a[href$='easy-read/worries/']")
    assert soups["easy-read/index.html"].select_one(
        "article a[href$='worries/']")
