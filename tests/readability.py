"""Plain-English scores for built pages, shared by the test suite and editors.

Run it on the built site to see every page's grade:

    .venv/bin/python tests/readability.py site

The score is the Flesch-Kincaid grade (textstat 0.7.8) of a page's paragraphs and list
items in the main content. A page of 60 words or more must score 8 or lower, and the
site's median must be 6 or lower (about a reading age of 11).
"""

from __future__ import annotations

import copy
import re
import statistics
import sys
from pathlib import Path

import textstat
from bs4 import BeautifulSoup

MAX_PAGE_GRADE = 8.0
MAX_MEDIAN_GRADE = 6.0
MIN_WORDS = 60

# Parts of a page that are not prose a parent reads as sentences.
_SKIP = ".app-review, .app-draft, .headerlink, .admonition-title, .app-visually-hidden, .footnote, abbr[title] + sup"


def page_text(page: str | BeautifulSoup) -> str:
    """The paragraphs and list items of the page's article, one sentence-ended line each. `page`
    is the page's HTML, or its parsed tree (the suite's, left as it is: the article is copied)."""
    if isinstance(page, str):
        soup = BeautifulSoup(page, "html.parser")
        article = soup.select_one("article") or soup
    else:
        article = copy.copy(page.select_one("article") or page)
    for node in article.select(_SKIP):
        node.decompose()
    lines = []
    for node in article.find_all(["p", "li"]):
        if node.name == "li" and node.find(["p", "ul", "ol"]):
            continue  # its paragraphs and nested items are read on their own
        text = re.sub(r"\s+", " ", node.get_text(" ")).strip()
        if not re.search(r"[A-Za-z]", text):
            continue
        # A list item without a full stop is still one sentence to a reader.
        if not re.search(r"[.!?:]$", text):
            text += "."
        lines.append(text)
    return "\n".join(lines)


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def word_count(text: str) -> int:
    return int(textstat.lexicon_count(text))


def scores(site_dir: Path, parsed=None) -> dict[str, tuple[int, float]]:
    """{page path: (words, grade)} for every built page with prose. `parsed`: the pages already
    parsed ({path: BeautifulSoup}, the suite's `soups`), so they are not parsed again."""
    result = {}
    for html_file in sorted(site_dir.rglob("*.html")):
        rel = html_file.relative_to(site_dir).as_posix()
        if rel == "404.html":
            continue
        text = page_text(parsed[rel] if parsed is not None else html_file.read_text(encoding="utf-8"))
        words = word_count(text)
        if words:
            result[rel] = (words, grade(text))
    return result


def main(argv: list[str]) -> int:
    site = Path(argv[1] if len(argv) > 1 else "site")
    table = scores(site)
    graded = {p: g for p, (w, g) in table.items() if w >= MIN_WORDS}
    for path, (words, g) in sorted(table.items(), key=lambda kv: -kv[1][1]):
        flag = "  TOO HARD" if words >= MIN_WORDS and g > MAX_PAGE_GRADE else ""
        print(f"{g:5.1f}  {words:5d} words  {path}{flag}")
    if graded:
        print(f"median grade of {len(graded)} pages: {statistics.median(graded.values()):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
