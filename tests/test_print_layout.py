"""The two printed columns (overrides/hooks/print_layout.py), on small pages' element trees."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup
from markdown.treeprocessors import Treeprocessor

import print_layout


def section(heading: str, words: int, tag: str = "h2") -> str:
    return f"{'#' * int(tag[1])} {heading}\n\n{'word ' * words}\n\n"


def laid_out(text: str, heading: str = "h2") -> str:
    """The page's HTML, its children laid out in two columns by columns_in_tree."""
    md = markdown.Markdown()

    class Columns(Treeprocessor):
        def run(self, root):
            print_layout.columns_in_tree(root, 0, len(root), self.md, heading=heading)
    md.treeprocessors.register(Columns(md), "columns", 0)  # after Markdown's own
    return md.convert(text)


def columns(html: str) -> list[list[str]]:
    """The headings in each printed column."""
    soup = BeautifulSoup(html, "html.parser")
    return [[h.get_text() for h in column.find_all(["h2", "h3"])] for column in soup.select(".app-columns > .app-column")]


def test_a_page_with_one_section_is_one_column():
    out = laid_out("Intro\n\n" + section("Only", 30))
    assert out.startswith('<div class="app-columns"><div class="app-column"><p>Intro</p>\n<h2>Only</h2>')
    assert out.count('<div class="app-column">') == 1 and out.endswith("</p></div></div>")


def test_the_split_balances_the_printed_lines():
    # A long first section is a column of its own; the three short ones share the second.
    html = section("Long", 600) + section("A", 100) + section("B", 100) + section("C", 100)
    assert columns(laid_out(html)) == [["Long"], ["A", "B", "C"]]
    html = section("A", 100) + section("B", 100) + section("C", 100) + section("Long", 600)
    assert columns(laid_out(html)) == [["A", "B", "C"], ["Long"]]


def test_the_split_is_only_at_the_heading_asked_for():
    html = section("Title", 5) + section("One", 200, "h3") + section("Two", 200, "h3")
    assert columns(laid_out(html, heading="h3")) == [["Title", "One"], ["Two"]]
    assert columns(laid_out(html)) == [["Title", "One", "Two"]]  # no h2 to split at


def test_printed_lines_count_words_headings_and_the_addresses_paper_shows():
    line = print_layout.PRINT_LINE
    assert print_layout.printed_lines(f"<p>{'x' * line}</p>") == 1.4  # one line, and room after it
    assert print_layout.printed_lines(f"<p>{'x' * (line + 1)}</p>") == 2.4  # a word over wraps
    assert print_layout.printed_lines("<h2>Heading</h2>") == 2.5
    link = '<p><a href="https://www.nhs.uk/conditions/">NHS</a></p>'  # prints "NHS (www.nhs.uk)"
    assert print_layout.printed_lines(link) == print_layout.printed_lines(f"<p>{'x' * (3 + len('www.nhs.uk') + 3)}</p>")


def test_sources_print_as_one_run_on_paragraph():
    items = "".join(f"<li>Source number {n}</li>" for n in range(10))
    sources = f'<h2 id="sources">Sources</h2><ul>{items}</ul>'
    as_list = print_layout.printed_lines(f"<h2>Sources</h2><ul>{items}</ul>")
    assert print_layout.printed_lines(sources) < as_list
