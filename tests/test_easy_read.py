"""Easy Read: a picture for every idea, short sentences, an easy reading grade, a booklet that prints.

The build enforces the first two (overrides/hooks/easy_read.py); these tests check the rule
functions, that a broken page stops the build with its file and line, and the built pages as a
reader meets them: on screen, read by the grade formula, and printed on A4.
"""

from __future__ import annotations

import copy
import re
import statistics
import subprocess

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, strict_build as build
from readability import grade, page_text
import easy_read  # noqa: E402  (hook modules, loaded as MkDocs loads them)
import picture_names  # noqa: E402
import pictures  # noqa: E402

EASY_PAGES = sorted(f"easy-read/{p.stem}/index.html".replace("index/index.html", "index.html")
                    for p in (ROOT / "docs" / "easy-read").glob("*.md"))
WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")
FRONT = """---
title: "Easy Read: a test page"
description: A page the tests break on purpose.
last_reviewed: 2026-11-01
next_review: 2027-11-01
reviewed_by: pending
---

"""


def ideas(soup):
    """The Easy Read part of a built page, without the editors' Sources section (a copy: the
    suite's parsed page stays whole)."""
    body = copy.copy(soup.select_one(".app-easy-read"))
    sources = body.find("h2", id="sources")
    if sources:
        for node in list(sources.find_all_next()):
            node.decompose()
        sources.decompose()
    return body


# --- the rules, as functions -------------------------------------------------------------------

def test_sentences_are_counted_as_a_reader_sees_them():
    text = "![A baby](picture:baby) Your baby **lifts** their head. See [the ages page](ages.md)."
    assert easy_read.sentences(text) == ["Your baby lifts their head.", "See the ages page."]
    assert easy_read.word_count("Your baby lifts their head.") == 5


def test_rules_find_a_missing_picture_and_a_long_sentence_with_their_lines():
    markdown = FRONT + (
        "- ![A baby](picture:baby) A short idea.\n"
        "- An idea with no picture.\n"
        "\n"
        "- ![A ball](picture:soccer ball) One two three four five six seven eight nine ten\n"
        "  eleven twelve thirteen fourteen fifteen sixteen.\n"
        "\n"
        "## Sources\n\n- A source with no picture, which is fine for editors\n")
    found = easy_read.problems(markdown, "docs/easy-read/x.md")
    assert len(found) == 2, found
    assert found[0].startswith("docs/easy-read/x.md, line 10: this idea has no picture")
    assert found[1].startswith("docs/easy-read/x.md, line 12: this sentence has 16 words")
    assert "split it into two" in found[1]


def test_a_good_page_breaks_no_rule():
    markdown = FRONT + "Short words.\n\n- ![A baby](picture:baby) One idea.\n  A second sentence here.\n"
    assert easy_read.problems(markdown, "x.md") == []


def test_a_picture_is_found_by_its_unicode_name():
    assert picture_names.picture_file("baby").name == "1F476.svg"
    assert picture_names.picture_file("Telephone  Receiver").name == "1F4DE.svg"
    assert picture_names.picture_file("health worker").name == "1F9D1-200D-2695-FE0F.svg"
    with pytest.raises(picture_names.PictureError, match="no picture called 'ball'.*unicodedata"):
        picture_names.picture_file("ball")


def test_pictures_are_slimmed_without_running_numbers_together():
    svg = ('<svg id="emoji" viewBox="0 0 72 72"><g id="hair"/><g id="color">\n'
           '  <path d="m12,28.1224l-.003,31.9694,31.6594-.0054c-.0072-.0488.2538-3.9464Z"/></g></svg>')
    assert picture_names.slim_svg(svg) == ('<svg viewBox="0 0 72 72"><g><path d="m12 28.1l0 32 31.7 0c0 0 .3-3.9Z"/>'
                                      '</g></svg>')
    arc = '<svg><path d="a5 5 0 015 5"/></svg>'  # arc flags may run together: left alone
    assert picture_names.slim_svg(arc) == arc


# --- broken pages stop the build -------------------------------------------------------------

@pytest.mark.parametrize("line, message", [
    ("- This idea has no picture.", "docs/easy-read/zz-broken.md, line 9: this idea has no picture"),
    ("- ![A baby](picture:baby) This sentence is far too long for Easy Read because it has more "
     "than fifteen words in it.", "docs/easy-read/zz-broken.md, line 9: this sentence has 18 words"),
    ("- ![A ball](picture:ball) A ball.", "docs/easy-read/zz-broken.md, line 9: there is no picture called 'ball'"),
    ('A picture <img src="picture:baby"> with no alt text.', "docs/easy-read/zz-broken.md, line 9: the picture 'baby' has no alt text"),
])
@pytest.mark.slow  # a real build of its own
def test_a_broken_easy_read_page_stops_the_build(tmp_path, line, message):
    project = copy_project(tmp_path)
    (project / "docs" / "easy-read" / "zz-broken.md").write_text(FRONT + line + "\n", encoding="utf-8")
    result = build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert message in output


# --- the built pages -------------------------------------------------------------------------

def test_there_are_easy_read_pages_and_a_booklet(html_pages):
    assert len(EASY_PAGES) >= 6
    assert "easy-read/booklet/index.html" in html_pages


@pytest.mark.parametrize("path", EASY_PAGES)
def test_every_idea_has_a_picture_with_alt_text(soups, path):
    body = ideas(soups[path])
    items = body.find_all("li")
    assert items
    for item in items:
        assert "app-idea" in (item.get("class") or []), f"no picture: {item.get_text(' ', strip=True)}"
        # Drawn inside the page (overrides/hooks/page_picture.py), labelled with its alt text.
        picture = item.find("svg", recursive=False)
        assert picture is not None and "app-picture" in picture["class"]
        assert picture.get("role") == "img" and picture.get("aria-label") or picture.get("aria-hidden") == "true"
        assert picture["width"] == picture["height"] == "72"
        assert picture["viewbox"] == "0 0 72 72" and picture.find(["path", "polygon", "line", "circle", "ellipse", "rect"])
    assert not body.find("img"), "a picture left as a separate file: each costs a request in the first view"


@pytest.mark.parametrize("path", EASY_PAGES)
def test_every_sentence_has_15_words_or_fewer(soups, path):
    body = ideas(soups[path])
    long = [sentence for node in body.find_all(["p", "li"])
            for sentence in re.split(r"(?<=[.!?])\s+", node.get_text(" ", strip=True))
            if len(WORD.findall(sentence)) > easy_read.MAX_WORDS]
    assert long == []


def test_pictures_on_easy_read_pages_are_the_booklets_and_show_what_their_alt_text_says(soups, site_dir):
    """The inline drawing is the same OpenMoji file the booklet prints, with the same words."""
    booklet = soups["easy-read/booklet/index.html"]
    def paths(svg) -> str:
        return svg.find("svg").decode_contents() if svg.name != "svg" else svg.decode_contents()

    drawn: dict[str, list] = {}
    for img in booklet.select(".app-easy-read li.app-idea > img"):
        file = (site_dir / "easy-read" / "booklet" / img["src"]).resolve()
        drawn.setdefault(img["alt"], []).append(paths(BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")))
    page = soups["easy-read/1-2-years/index.html"]
    pictures = page.select(".app-easy-read li.app-idea > svg")
    assert len(pictures) >= 5
    for svg in pictures:
        assert paths(svg) in drawn[svg["aria-label"]]


def test_pictures_used_are_copied_and_no_others(site_dir, html_pages):
    used = {m for html in html_pages.values() for m in re.findall(r"assets/pictures/([0-9A-F-]+\.svg)(?=[\"'\s>])", html)}
    copied = {p.name for p in (site_dir / "assets" / "pictures").glob("*.svg")}
    assert used and used == copied


def test_easy_read_reading_grade_median_is_3_or_lower(soups):
    grades = {path: grade(page_text(soups[path])) for path in EASY_PAGES}
    assert statistics.median(grades.values()) <= 3, grades


def test_the_home_page_and_every_age_page_link_to_easy_read(soups):
    ages = [p for p in soups if p.startswith("ages/")]
    assert len(ages) == 6
    for path in ["index.html", *ages]:
        links = [a["href"] for a in soups[path].select("article a[href]")]
        assert any("easy-read/" in href for href in links), path


def test_every_easy_read_page_is_in_the_booklet_or_left_out_with_a_reason():
    pages = {p.name for p in (ROOT / "docs" / "easy-read").glob("*.md")}
    assert set(easy_read.BOOKLET) | set(easy_read.NOT_IN_BOOKLET) == pages
    assert not set(easy_read.BOOKLET) & set(easy_read.NOT_IN_BOOKLET)


def test_the_booklet_is_made_from_the_easy_read_pages(soups):
    booklet = soups["easy-read/booklet/index.html"].select_one(".app-easy-read")
    text = booklet.get_text(" ", strip=True)
    left_out = {f"easy-read/{name[:-3]}/index.html" for name in easy_read.NOT_IN_BOOKLET}
    for path in EASY_PAGES:
        if path.endswith("booklet/index.html") or path in left_out:
            continue
        for item in ideas(soups[path]).find_all("li"):
            words = item.get_text(" ", strip=True)
            if "booklet" in words:  # the booklet says "You are reading it now" instead
                continue
            if "Listen to this page" in words:  # paper has no Listen button
                assert words not in text, (path, words)
                continue
            links = [a["href"] for a in item.find_all("a")]
            if links and all(h.rstrip("/").rsplit("/", 1)[-1] + ".md" in easy_read.NOT_IN_BOOKLET for h in links) \
                    and words == " ".join(a.get_text(" ", strip=True) for a in item.find_all("a")):
                assert words not in text, (path, words)  # only a link to a page the booklet does not hold
                continue
            if item.find_previous("h2") and item.find_previous("h2").get_text(strip=True).startswith("Other ages"):
                assert words not in text, (path, words)  # links between the age pages stay on screen
                continue
            assert words in text, (path, words)


# --- print -----------------------------------------------------------------------------------

@pytest.mark.browser
def test_the_booklet_prints_on_20_a4_sheets_or_fewer_in_14_point_type(browser, site_url, tmp_path):
    page = browser.new_page()
    page.goto(site_url + "easy-read/booklet/")
    page.emulate_media(media="print")
    sizes = page.evaluate("""[...document.querySelectorAll('.app-easy-read li.app-idea')]
        .map(e => parseFloat(getComputedStyle(e).fontSize))""")
    pictures_on_the_left = page.evaluate("""[...document.querySelectorAll('.app-easy-read li.app-idea')].every(li => {
        const img = li.querySelector(':scope > img').getBoundingClientRect();
        const range = document.createRange(); range.selectNodeContents(li);
        const words = [...range.getClientRects()].filter(r => r.left > img.right - 1);
        return words.length > 0; })""")
    page.pdf(path=str(tmp_path / "booklet.pdf"), format="A4", print_background=True)
    page.close()
    assert len(sizes) > 50
    assert min(sizes) >= 14 * 96 / 72  # 14 point is 18.67 CSS pixels
    assert pictures_on_the_left
    info = subprocess.run(["pdfinfo", str(tmp_path / "booklet.pdf")], capture_output=True, text=True, check=True).stdout
    sheets = int(re.search(r"Pages:\s+(\d+)", info)[1])
    assert 1 < sheets <= 20
    # On the paper itself: a word's box is at least 1.1 times its type size, so 14 point type
    # gives boxes of 15.4 points or more. The middle word of the booklet must reach that.
    boxes = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "booklet.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    heights = sorted(float(b) - float(a) for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes))
    assert statistics.median(heights) >= 14 * 1.1
