"""Print layout: on paper an age page, an activity and each part of a print pack flow in two
columns, split at the heading where their printed lines balance best. A plain module:
activities.py and print_packs.py call columns_in_tree on the element tree of the pages they lay
out (their page_tree steps: age pages, packs, activities and the print set's sheets). Chromium
and Firefox flow the two <div class="app-column"> as CSS columns; WebKit, which prints CSS
columns as one long column, sets the two halves side by side (extra.css).
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as etree

# Each paragraph, list item or heading, with its words (tags taken out later).
PRINT_BLOCK = re.compile(r"<(p|li|h2|h3|h4)[\s>](.*?)</\1>", re.S)
PRINT_TAG = re.compile(r"<[^>]+>")
PRINTED_LINK = re.compile(r'<a [^>]*href="https?://([^/"]+)')  # paper shows the site a link goes to
PRINT_LINE = 44  # characters on a line of a printed column at 11 point


def printed_lines(part: str) -> float:
    """About how many lines a part of a page takes in a printed column: each block's words and
    printed addresses, wrapped, plus room for a heading and half a line between blocks. Sources
    print as one run-on paragraph (extra.css)."""
    if re.match(r'<h\d id="sources', part):
        part = "<h2>Sources</h2><p>" + "".join(inner for _, inner in PRINT_BLOCK.findall(part)[1:]) + "</p>"
    lines = 0.0
    for tag, inner in PRINT_BLOCK.findall(part):
        words = len(PRINT_TAG.sub("", inner)) + sum(len(host) + 3 for host in PRINTED_LINK.findall(inner))
        lines += -(-words // PRINT_LINE) + (1.5 if tag.startswith("h") else 0.4)
    return lines


def printed_html(parent, md, start: int = 0, stop: int | None = None) -> dict:
    """{child of parent (start to stop): the HTML it (with its tail) will be in the page}:
    Markdown's serializer, then its postprocessors (raw HTML put back), as Markdown writes the
    page, run once for all of them."""
    children = list(parent)[start:stop]
    tails = [child.tail for child in children]
    for number, child in enumerate(children):
        child.tail = (child.tail or "") + f"\x00{number}\x00"  # where each child's HTML ends
    try:
        html = "".join(md.serializer(child) for child in children)
    finally:
        for child, tail in zip(children, tails):
            child.tail = tail
    for postprocessor in md.postprocessors:
        html = postprocessor.run(html)
    return dict(zip(children, re.split(r"\x00\d+\x00", html)))


def columns_in_tree(parent, start: int, stop: int, md, heading: str = "h2", take_lead: bool = False,
                    printed: dict | None = None) -> None:
    """parent's children start to stop in two <div class="app-column">, split at the `heading`
    among them that balances their printed lines best (printed_lines, read from the HTML they
    will be: `printed` is printed_html(parent, md), made once for a page laid out in several
    places). `take_lead`: the text after the child before
    `start` (a title's tail) goes into the first column too, as when it was written in HTML."""
    children = list(parent)[start:stop]
    if stop >= len(parent) and children and children[-1].tail:
        children[-1].tail = children[-1].tail.rstrip() or None  # the page's end: Markdown writes no space after it
    lead = ""
    if take_lead and start > 0:
        lead, parent[start - 1].tail = parent[start - 1].tail or "", None
    parts: list[list] = [[]]
    for element in children:
        if element.tag == heading:
            parts.append([])
        parts[-1].append(element)
    outer = etree.Element("div", {"class": "app-columns"})
    first = etree.SubElement(outer, "div", {"class": "app-column"})
    first.text = lead or None
    if len(parts) < 3:
        first.extend(children)
    else:
        printed = printed if printed is not None else printed_html(parent, md, start, stop)
        weights = [printed_lines((lead if i == 0 else "") + "".join(printed[e] for e in part)) for i, part in enumerate(parts)]
        total = sum(weights)
        split = min(range(1, len(parts)), key=lambda k: abs(2 * sum(weights[:k]) - total))
        first.extend(e for part in parts[:split] for e in part)
        etree.SubElement(outer, "div", {"class": "app-column"}).extend(e for part in parts[split:] for e in part)
    parent[start:stop] = [outer]
