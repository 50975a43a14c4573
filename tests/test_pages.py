"""Cheap invariants on every built page."""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from urllib.parse import urlparse

import pytest
import yaml
from bs4 import Comment

from conftest import ROOT, page_paths

PAGES = page_paths()
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def soup_of(soups, path):
    assert path in soups, f"{path} was not built"
    return soups[path]


def test_every_markdown_page_was_built(html_pages):
    assert len(PAGES) >= 10
    missing = [p for p in PAGES if p not in html_pages]
    assert not missing


@pytest.mark.parametrize("path", PAGES)
def test_page_has_one_h1_and_british_english(soups, path):
    soup = soup_of(soups, path)
    assert len(soup.find_all("h1")) == 1
    assert soup.html["lang"] == "en-GB"


@pytest.mark.parametrize("path", PAGES)
def test_page_has_its_own_description(soups, path):
    meta = soup_of(soups, path).find("meta", attrs={"name": "description"})
    assert meta and len(meta["content"].strip()) >= 20


@pytest.mark.parametrize("path", PAGES)
def test_page_shows_review_dates_or_draft_notice(soups, path):
    soup = soup_of(soups, path)
    review = soup.select_one("article .app-review")
    assert review is not None
    text = review.get_text(" ", strip=True)
    if soup.select_one("article .app-draft"):
        assert text.startswith("A draft prepared for ")
    else:
        assert re.search(r"Page last reviewed: \d{1,2} \w+ \d{4}, signed off by: [^.]+\. Next review due: "
                         r"\d{1,2} \w+ \d{4}", text), text
    assert re.search(r"Next review due: \d{1,2} \w+ \d{4}", text), text


@pytest.mark.parametrize("path", PAGES)
def test_no_markdown_leaks_into_the_page(soups, path):
    article = copy.copy(soup_of(soups, path).select_one("article"))  # a copy: code is taken out
    for code in article.find_all(["pre", "code"]):
        code.decompose()
    text = article.get_text(" ")
    for marker in ("!!!", "???", "--8<--", "*[", "]: http"):
        assert marker not in text
    assert not re.search(r"\[[^\]]+\]\[[^\]]*\]", text), "a reference link did not resolve"
    markers = [c for c in article.find_all(string=lambda s: isinstance(s, Comment)) if "app/" in c]
    assert markers == [], "a marker was left in the page"


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_nothing_from_another_host(soups, path):
    soup = soup_of(soups, path)
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
                      ("source", "src"), ("video", "src"), ("audio", "src"), ("object", "data")):
        for node in soup.find_all(tag):
            url = node.get(attr)
            if not url:
                continue
            parsed = urlparse(url)
            if tag == "link" and node.get("rel") in (["canonical"], ["prev"], ["next"], ["alternate"]):
                continue  # a link to a page, not something the browser loads
            assert not parsed.netloc or parsed.hostname in LOCAL_HOSTS, f"<{tag}> loads {url}"


def test_titles_are_unique(html_pages, soups):
    # Short-link pages only forward to their page, under its title; they are not pages to index.
    titles = Counter(soups[path].title.get_text(strip=True)
                     for path in html_pages if not soups[path].find("meta", attrs={"http-equiv": "refresh"}))
    assert [t for t, n in titles.items() if n > 1] == []


def test_external_links_are_https(soups):
    for path, soup in soups.items():
        for a in soup.select("article a[href]"):
            href = a["href"]
            if href.startswith("http:"):
                assert urlparse(href).hostname in LOCAL_HOSTS, f"{path} links to {href} over http"


def test_every_external_link_comes_from_links_md(soups):
    from conftest import ROOT
    known = set(re.findall(r"^\[[^\]]+\]:\s+(\S+)", (ROOT / "docs/.snippets/links.md").read_text(), re.M))
    assert known
    for path, soup in soups.items():
        for a in soup.select("article a[href^='https:']"):
            if a.find_parent(class_="app-share"):
                continue  # the page's own address
            assert a["href"] in known, f"{path} links to {a['href']}, which is not in links.md"


@pytest.mark.parametrize("path", PAGES[:3])
def test_search_dialog_has_a_name(soups, path):
    dialog = soups[path].select_one(".md-search[role=dialog]")
    assert dialog["aria-label"] == "Search this site"


def test_search_results_name_tags_in_a_parents_words(site_dir):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    words = set(config["extra"]["app_tags"].values())
    tagged = [doc for doc in index["docs"] if doc.get("tags")]
    assert tagged, "no page in the search index has tags"
    for doc in tagged:
        assert set(doc["tags"]) <= words, f"{doc['location']}: {doc['tags']}"
