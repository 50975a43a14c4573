"""The two printed columns (overrides/hooks/print_layout.py), on small pieces of HTML."""

from __future__ import annotations

from bs4 import BeautifulSoup

import print_layout


def section(heading: str, words: int, tag: str = "h2") -> str:
    return f"<{tag}>{heading}</{tag}><p>{'word ' * words}</p>"


def columns(html: str) -> list[list[str]]:
    """The headings in each printed column."""
    soup = BeautifulSoup(html, "html.parser")
    return [[h.get_text() for h in column.find_all(["h2", "h3"])] for column in soup.select(".app-columns > .app-column")]


def test_a_page_with_one_section_is_one_column():
    html = "<p>Intro</p>" + section("Only", 30)
    out = print_layout.print_columns(html)
    assert out == f'<div class="app-columns"><div class="app-column">{html}</div></div>'


def test_the_split_balances_the_printed_lines():
    # A long first section is a column of its own; the three short ones share the second.
    html = section("Long", 600) + section("A", 100) + section("B", 100) + section("C", 100)
    assert columns(print_layout.print_columns(html)) == [["Long"], ["A", "B", "C"]]
    html = section("A", 100) + section("B", 100) + section("C", 100) + section("Long", 600)
    assert columns(print_layout.print_columns(html)) == [["A", "B", "C"], ["Long"]]


def test_the_split_is_only_at_the_heading_asked_for():
    html = section("Title", 5) + section("One", 200, "h3") + section("Two", 200, "h3")
    assert columns(print_layout.print_columns(html, heading="h3")) == [["Title", "One"], ["Two"]]
    assert columns(print_layout.print_columns(html)) == [["Title", "One", "Two"]]  # no h2 to split at


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
