"""Help in other languages: linked from the top of every page with a sign that needs no English,
every language named in its own writing as the Unicode CLDR writes it (through Babel), a card for
each to show at reception (on a phone's screen, or one sheet of A5), an Easy Read form, found by
search in its own writing and in English, and honest about machine translation."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import pytest
from babel import Locale
from babel.core import get_global
from mkdocs.exceptions import PluginError

import interpreter_cards
import language_names
from conftest import ROOT, SITE_URL, need, search_results

LANGUAGE_PAGE = "languages/index.html"
EASY_PAGE = "easy-read/languages/index.html"
SEARCHES = ["language", "interpreter", "translate", "Gujarati", "Punjabi", "Urdu", "Polish", "Somali",
            "Arabic", "Bengali", "Farsi"]
# The issue names these; the rest are the Leicester City Council list on the language page.
NAMED_IN_THE_ISSUE = {"gu", "pa", "ur", "bn", "so", "pl", "ar", "fa"}
LEICESTER = ["Gujarati", "Urdu", "Punjabi", "Bengali", "Somali", "Arabic", "Farsi", "Polish", "Slovak", "Chinese"]
GUIDANCE = ("https://www.england.nhs.uk/wp-content/uploads/2018/09/"
            "guidance-for-commissioners-interpreting-and-translation-services-in-primary-care.pdf")
A5_POINTS = (419.53, 595.28)  # 148 by 210 mm


def _config():
    return SimpleNamespace(docs_dir=str(ROOT / "docs"), config_file_path=str(ROOT / "mkdocs.yml"))


LANGUAGES = language_names.load(_config())
CODES = [language.code for language in LANGUAGES]


def themed(html_pages):
    """Every page made from a Markdown file (the 404 page has a template of its own)."""
    return {path: html for path, html in html_pages.items() if "md-content" in html and path != "404.html"}


def cldr_name(code: str) -> str:
    return Locale.parse(code).get_display_name(code)


def is_cldr_name(shown: str, code: str) -> bool:
    """The name as CLDR writes it in the language itself; a capital first letter is fine."""
    name = cldr_name(code)
    return shown in (name, name[:1].upper() + name[1:])


def foreign_words(soup) -> list:
    """Every element in a language other than English, in the order of the page."""
    return [e for e in soup.select("[lang]") if e.name != "html" and not e["lang"].startswith("en")]


# --- the names, from CLDR ----------------------------------------------------------------------

def test_at_least_ten_languages_all_that_leicester_asks_for_most():
    assert len(LANGUAGES) >= 10
    assert NAMED_IN_THE_ISSUE <= set(CODES)
    assert [language.english for language in LANGUAGES][:10] == LEICESTER


def test_each_name_is_cldrs_through_babel_with_its_direction():
    for language in LANGUAGES:
        assert is_cldr_name(language.name, language.code), language
        assert language.rtl == (Locale.parse(language.code).text_direction == "rtl"), language
    rtl = {language.code for language in LANGUAGES if language.rtl}
    assert rtl == {"ur", "ar", "fa"}


def test_english_names_are_the_councils_with_cldrs_beside_them_where_they_differ():
    labels = {language.code: language.english_label for language in LANGUAGES}
    assert labels["fa"] == "Farsi (Persian)"
    assert labels["so"] == "Somali" and labels["gu"] == "Gujarati"


def test_punjabi_is_in_gurmukhi_the_script_cldr_gives_for_pa():
    """Leicester's list says Punjabi and nothing about the script: CLDR's pa is Gurmukhi, and
    Shahmukhi (pa_Arab) is not added without a source that families here need it."""
    assert get_global("likely_subtags")["pa"].startswith("pa_Guru")
    punjabi = next(language for language in LANGUAGES if language.code == "pa")
    letters = [c for c in punjabi.name if unicodedata.category(c).startswith("L")]
    assert letters and all(unicodedata.name(c).startswith("GURMUKHI") for c in letters)
    assert not any(language.code.startswith("pa_") or language.code.startswith("pa-") for language in LANGUAGES)


def write_languages(tmp_path: Path, text: str) -> SimpleNamespace:
    (tmp_path / "docs" / ".data").mkdir(parents=True)
    (tmp_path / "docs" / ".data" / "languages.yml").write_text(text, encoding="utf-8")
    return SimpleNamespace(docs_dir=str(tmp_path / "docs"), config_file_path=str(tmp_path / "mkdocs.yml"))


@pytest.mark.parametrize("text, message", [
    ("languages:\n  - code: xx\n    english: Madeup\n",
     r"docs/\.data/languages\.yml, language 1 \(Madeup\): 'xx' is not a language code the Unicode CLDR knows"),
    ("languages:\n  - code: so\n    english: Somali\n    name: Soomaali\n",
     r"docs/\.data/languages\.yml, language 1: each language needs a code and an English name, and nothing else "
     r"\(its own name comes from CLDR\)"),
    ("languages:\n  - code: so\n    english: Somali\n  - code: so\n    english: Somali\n",
     r"language 2 \(Somali\): 'so' is listed twice"),
    ("languages: []\n", r"docs/\.data/languages\.yml: the file needs a 'languages:' list"),
])
def test_a_wrong_language_list_stops_the_build_with_the_fix(tmp_path, text, message):
    with pytest.raises(PluginError, match=message):
        language_names.load(write_languages(tmp_path, text))


# --- the Language link at the top of every page ------------------------------------------------

def test_every_page_links_to_the_language_page_at_the_top(html_pages, soups):
    pages = themed(html_pages)
    assert len(pages) > 50
    for path in pages:
        soup = soups[path]
        link = soup.select_one("article .app-language-bar a.app-language")
        assert link is not None, path
        assert urljoin("http://site/" + path, link["href"]) == "http://site/languages/", path
        assert "Language" in link.get_text(" ", strip=True)
        assert link.select_one("svg") is not None  # the language symbol
        # It comes first in the page's content, above the title.
        assert soup.select_one("article").find(["a", "h1"]) is link
        # And again in the footer, after the page.
        foot = soup.select_one("footer .md-copyright .app-language-bar--footer a.app-language")
        assert foot is not None and foot["href"] == link["href"], path


def test_the_page_not_found_links_to_the_language_page_wherever_it_is_served(soups):
    """404.html is served at any address, so its links must be absolute."""
    soup = soups["404.html"]
    links = soup.select("a.app-language")
    assert len(links) == 2  # at the top and in the footer
    for link in links:
        assert link["href"] == SITE_URL + "languages/"
        assert "Language" in link.get_text(" ", strip=True) and link.select_one("svg")
    assert [span["lang"] for span in links[0].select("[lang]")] == CODES  # the names at the top


@pytest.mark.parametrize("path", ["index.html", "play/tummy-time/index.html", "404.html", LANGUAGE_PAGE])
def test_the_language_link_names_every_language_as_cldr_writes_it(soups, path):
    for link in soups[path].select("a.app-language")[:1]:  # at the top
        words = link.select("[lang]")
        assert [w["lang"] for w in words] == CODES
        for word in words:
            assert is_cldr_name(word.get_text(), word["lang"]), word
            assert (word.get("dir") == "rtl") == (Locale.parse(word["lang"]).text_direction == "rtl"), word


# --- the language page and its Easy Read form ------------------------------------------------

@pytest.mark.parametrize("path", [LANGUAGE_PAGE, EASY_PAGE])
def test_the_language_pages_name_each_language_in_its_own_writing_linking_to_its_card(soups, path):
    soup = soups[path]
    article = soup.select_one("article")
    names = [e for e in foreign_words(article) if "app-language-cards__name" in (e.get("class") or [])]
    assert [e["lang"] for e in names] == CODES
    for name, language in zip(names, LANGUAGES):
        assert is_cldr_name(name.get_text(), language.code)
        assert (name.get("dir") == "rtl") == language.rtl
        link = name.find_parent("a")
        assert urljoin("http://site/" + path, link["href"]) == f"http://site/interpreter/{language.code}/#card"
        assert language.english in link.get_text(" ", strip=True)
    # Every word in another language on the page is CLDR's name of a listed language, marked so.
    for word in foreign_words(article):
        assert is_cldr_name(word.get_text(), word["lang"]), word


def test_the_language_page_cites_cldr_and_leicester(soups):
    soup = soups[LANGUAGE_PAGE]
    hrefs = [a["href"] for a in soup.select("article a[href]")]
    assert "https://cldr.unicode.org/" in hrefs
    assert any(h.startswith("https://www.leicester.gov.uk/") for h in hrefs)
    text = " ".join(soup.select_one("article").get_text(" ").split())
    assert "Unicode Common Locale Data Repository" in text
    assert not soup.select("article table [lang]"), "a hand-typed table of names is back"


def test_the_language_page_says_what_a_parent_needs(html_pages, soups):
    text = " ".join(soups[LANGUAGE_PAGE].select_one("article").get_text(" ").split())
    assert "free" in text and "professional interpreter" in text
    assert "family or friends" in text
    assert "Machine translation can be wrong" in text and "interpreter" in text
    assert "To ask for information in your language" in text and "pdfslide" not in html_pages[LANGUAGE_PAGE]
    hrefs = [a["href"] for a in soups[LANGUAGE_PAGE].select("article a[href]")]
    assert any(h.startswith("https://www.england.nhs.uk/") for h in hrefs)


@pytest.mark.parametrize("path", [LANGUAGE_PAGE, EASY_PAGE])
def test_free_interpreting_is_sourced_to_nhs_englands_guidance(soups, path):
    soup = soups[path]
    assert GUIDANCE in [a["href"] for a in soup.select("article a[href]")]
    assert "free" in soup.select_one("article").get_text(" ")


def test_the_easy_read_page_is_in_the_menu_and_linked_from_the_language_page(soups):
    language_page = soups[LANGUAGE_PAGE]
    assert any(urljoin("http://site/languages/", a["href"]) == "http://site/easy-read/languages/"
               for a in language_page.select("article a[href]"))
    nav = [a["href"] for a in language_page.select("nav.md-nav--primary a[href]")]
    assert any(urljoin("http://site/languages/", h) == "http://site/easy-read/languages/" for h in nav)
    easy_index = soups["easy-read/index.html"]
    assert any(a["href"] == "languages/" for a in easy_index.select("article a[href]"))


# --- the cards -------------------------------------------------------------------------------

def card_path(code: str) -> str:
    return f"interpreter/{code}/index.html"


@pytest.mark.parametrize("code", CODES)
def test_a_card_for_each_language_asks_for_a_free_interpreter_in_its_own_writing(soups, code):
    language = next(lang for lang in LANGUAGES if lang.code == code)
    soup = soups[card_path(code)]
    card = soup.select_one("article #card.app-interpreter-card")
    ask = card.select_one(".app-interpreter-card__ask").get_text(" ", strip=True)
    assert " ".join(ask.split()) == "I need a free interpreter. My language is:"
    name = card.select_one(".app-interpreter-card__name")
    assert name["lang"] == code and is_cldr_name(name.get_text(), code)
    assert (name.get("dir") == "rtl") == language.rtl
    assert card.select_one(".app-interpreter-card__english").get_text(strip=True) == language.english_label
    assert GUIDANCE in [a["href"] for a in card.select("a[href]")]
    assert soup.select_one("h1").get_text() == f"Interpreter card: {language.english}"
    # Printed on one sheet of A5: its own print style sheet, which does not hold up the screen.
    sheet = soup.select_one('link[rel=stylesheet][href*="interpreter-card-print."]')
    assert sheet is not None and sheet["media"] == "print"
    # Its sources: CLDR for the name, NHS England for the right.
    assert "https://cldr.unicode.org/" in [a["href"] for a in soup.select("article a[href]")]


def test_cards_are_left_out_of_search_and_the_menu(site_dir, soups):
    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not [d for d in docs if d["location"].startswith("interpreter/")]
    nav = [a["href"] for a in soups["index.html"].select("nav a[href]")]
    assert not [h for h in nav if "interpreter/" in h]


def test_the_cards_words_come_from_the_hook_not_a_copy():
    assert interpreter_cards.ASK == ("I need a free interpreter.", "My language is:")
    meta = {"last_reviewed": "2026-11-25", "next_review": "2027-11-25", "reviewed_by": "pending"}
    somali = next(lang for lang in LANGUAGES if lang.code == "so")
    markdown = interpreter_cards.card_markdown(somali, meta)
    assert 'lang="so"' in markdown and "Soomaali" in markdown and "search:\n  exclude: true" in markdown


# --- search ----------------------------------------------------------------------------------

def test_search_index_holds_the_words_parents_type(site_dir):
    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(d["title"] + " " + d["text"] for d in docs if d["location"].startswith("languages/")).lower()
    for word in SEARCHES + [language.name for language in LANGUAGES] + [language.english for language in LANGUAGES]:
        assert word.lower() in text, word


@pytest.mark.browser
def test_search_finds_the_language_page(browser, site_url):
    """By what a parent types: the words, each language's name in its own writing, and in English."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "help/")
    page.keyboard.press("/")  # loads the theme's search and opens it
    page.wait_for_function("document.activeElement && document.activeElement.matches('input.md-search__input')")
    box = page.locator("input.md-search__input")
    missed = []
    words = SEARCHES + [language.name for language in LANGUAGES] + [language.english for language in LANGUAGES] + ["Persian"]
    for word in dict.fromkeys(words):
        box.fill("")
        box.press_sequentially(word, delay=20)
        # The theme searches on each key up. A phone's keyboard sends one for every letter, in any
        # script; Playwright types a letter it has no key for (ગ, ا, 中) without one: End stands in.
        box.press("End")
        page.locator(".md-search-result__item").first.wait_for(timeout=15000)
        links = search_results(page, word)
        if not any(urlsplit(href).path == "/languages/" for href in links[:5]):
            missed.append((word, links))
    context.close()
    assert missed == []


# --- a card on a phone and on paper ------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(390, 844), (320, 568)])
def test_a_card_fills_a_phones_screen_with_the_name_in_large_type(browser, site_url, tmp_path, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=True)
    page = context.new_page()
    found = {}
    for code in CODES:
        page.goto(site_url + f"interpreter/{code}/#card")
        page.wait_for_timeout(100)
        found[code] = page.evaluate("""() => {
            const card = document.querySelector('#card').getBoundingClientRect();
            const header = document.querySelector('.md-header').getBoundingClientRect();
            const name = document.querySelector('.app-interpreter-card__name');
            const range = document.createRange(); range.selectNodeContents(name);
            const words = range.getBoundingClientRect();
            return {top: card.top - header.bottom, bottom: innerHeight - card.bottom, left: card.left,
                    right: innerWidth - card.right, size: parseFloat(getComputedStyle(name).fontSize),
                    lines: Math.round(words.height / parseFloat(getComputedStyle(name).lineHeight)),
                    inside: words.left >= card.left && words.right <= card.right,
                    wide: document.documentElement.scrollWidth > innerWidth};
        }""")
        if code == "so":
            page.screenshot(path=str(tmp_path / f"card-so-{width}.png"))
    context.close()
    for code, box in found.items():
        assert 0 <= box["top"] <= 20 and box["bottom"] <= 1, (code, box)  # from under the header to the foot
        assert box["size"] >= (40 if width < 390 else 48), (code, box)      # large type: 36 point or more
        assert box["inside"] and box["lines"] == 1 and not box["wide"], (code, box)


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 390, 1280])
@pytest.mark.parametrize("path", [LANGUAGE_PAGE, EASY_PAGE])
def test_each_language_s_name_on_the_language_pages_is_whole_on_one_line(browser, site_url, path, width):
    """The cards to tap on the language pages: each name in its own writing on one line, inside
    its card, and the cards inside the screen ("Slovenči-na" broke inside the word, and the theme's
    list indent pushed the right-hand cards to the screen's edge)."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(site_url + path.replace("index.html", ""))
    names = page.evaluate("""() => [...document.querySelectorAll('.app-language-cards__name')].map(name => {
        const card = name.closest('a').getBoundingClientRect();
        const range = document.createRange(); range.selectNodeContents(name);
        const words = range.getBoundingClientRect();
        return {name: name.textContent, lines: Math.round(words.height / parseFloat(getComputedStyle(name).lineHeight)),
                inside: words.left >= card.left && words.right <= card.right,
                onScreen: card.left >= 0 && card.right <= document.documentElement.clientWidth};
    })""")
    page.close()
    assert len(names) >= 10
    assert [n for n in names if n["lines"] != 1 or not n["inside"]] == [], f"{path} at {width} px"
    assert [n for n in names if not n["onScreen"]] == [], f"{path} at {width} px"


@pytest.mark.browser
def test_each_card_prints_on_one_a5_sheet(browser, site_url, tmp_path):
    need("pdfinfo", "poppler-utils")
    page = browser.new_page()
    sheets = {}
    for code in CODES:
        page.goto(site_url + f"interpreter/{code}/")
        path = tmp_path / f"{code}.pdf"
        page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
        sheets[code] = (int(re.search(r"Pages:\s+(\d+)", info)[1]), float(size[1]), float(size[2]))
        words = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert "I need a free interpreter." in words and "My language is:" in words, code
    page.close()
    # One sheet each, of A5 (Chromium rounds the page to whole CSS pixels: 420 by 595 points).
    for code, (count, width, height) in sheets.items():
        assert count == 1 and abs(width - A5_POINTS[0]) < 1 and abs(height - A5_POINTS[1]) < 1, (code, sheets[code])


@pytest.mark.browser
def test_a_card_and_the_easy_read_page_pass_axe(browser, site_url):
    from test_accessibility import axe_violations
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    problems = {}
    for path in ["interpreter/ur/", "interpreter/zh/", "easy-read/languages/", "languages/"]:
        page.goto(site_url + path)
        found = axe_violations(page)
        if found:
            problems[path] = found
    context.close()
    assert problems == {}
