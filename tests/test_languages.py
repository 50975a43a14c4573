"""Help in other languages: linked from the top of every page with a sign that needs no English,
found by search, and honest about machine translation."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import SITE_URL

LANGUAGE_PAGE = "languages/index.html"
SEARCHES = ["language", "interpreter", "translate", "Gujarati", "Punjabi", "Urdu", "Polish", "Somali",
            "Arabic", "Bengali", "Farsi"]
RIGHT_TO_LEFT = {"ur", "ar", "fa"}


def themed(html_pages):
    """Every page made from a Markdown file (the 404 page has a template of its own)."""
    return {path: html for path, html in html_pages.items() if "md-content" in html and path != "404.html"}


def test_every_page_links_to_the_language_page_at_the_top(html_pages):
    pages = themed(html_pages)
    assert len(pages) > 50
    for path, html in pages.items():
        soup = BeautifulSoup(html, "html.parser")
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


def test_the_page_not_found_links_to_the_language_page_wherever_it_is_served(html_pages):
    """404.html is served at any address, so its links must be absolute."""
    soup = BeautifulSoup(html_pages["404.html"], "html.parser")
    links = soup.select("a.app-language")
    assert len(links) == 2  # at the top and in the footer
    for link in links:
        assert link["href"] == SITE_URL + "languages/"
        assert "Language" in link.get_text(" ", strip=True) and link.select_one("svg")


def test_words_in_other_languages_are_marked_and_sourced(html_pages):
    link = BeautifulSoup(html_pages["index.html"], "html.parser").select_one("a.app-language")
    words = {span["lang"]: span for span in link.select("[lang]")}
    assert len(words) >= 4
    page = BeautifulSoup(html_pages[LANGUAGE_PAGE], "html.parser")
    table = {row.select_one("[lang]")["lang"]: row for row in page.select("article table tr") if row.select_one("[lang]")}
    for lang, span in words.items():
        assert re.fullmatch(r"[a-z]{2,3}", lang)
        assert (span.get("dir") == "rtl") == (lang in RIGHT_TO_LEFT), lang
        # The same word is on the language page, with a link to the NHS or GOV.UK page it is from.
        assert lang in table, f"{lang} has no source on the language page"
        row = table[lang]
        assert row.select_one("[lang]").get_text() == span.get_text()
        source = row.select_one("a[href]")["href"]
        assert re.search(r"\.nhs\.uk/|\.gov\.uk/", source), source


def test_the_language_page_says_what_a_parent_needs(html_pages):
    text = " ".join(BeautifulSoup(html_pages[LANGUAGE_PAGE], "html.parser").select_one("article").get_text(" ").split())
    assert "free" in text and "professional interpreter" in text
    assert "family or friends" in text
    assert "Machine translation can be wrong" in text and "interpreter" in text
    assert "To ask for information in your language" in text and "pdfslide" not in html_pages[LANGUAGE_PAGE]
    hrefs = [a["href"] for a in BeautifulSoup(html_pages[LANGUAGE_PAGE], "html.parser").select("article a[href]")]
    assert any(h.startswith("https://www.england.nhs.uk/") for h in hrefs)


def test_search_index_holds_the_words_parents_type(site_dir):
    import json
    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(d["title"] + " " + d["text"] for d in docs if d["location"].startswith("languages/")).lower()
    for word in SEARCHES:
        assert word.lower() in text, word


@pytest.mark.browser
def test_search_finds_the_language_page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "help/")
    page.keyboard.press("/")  # loads the theme's search and opens it
    page.wait_for_function("document.activeElement && document.activeElement.matches('input.md-search__input')")
    box = page.locator("input.md-search__input")
    missed = []
    for word in SEARCHES:
        box.fill("")
        box.press_sequentially(word, delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=15000)
        page.wait_for_timeout(300)
        links = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(a => a.href)")
        if not any("/languages/" in href for href in links[:5]):
            missed.append((word, links[:5]))
    context.close()
    assert missed == []
