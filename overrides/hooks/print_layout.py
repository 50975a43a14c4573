"""Print layout: on paper an age page, an activity and each part of a print pack flow in two
columns, split at the heading where their printed lines balance best. A plain module:
activities.py and print_packs.py call print_columns on the HTML of the pages they lay out.
"""

from __future__ import annotations

import re

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


def print_columns(html: str, heading: str = "h2") -> str:
    """The sections of `html` in two <div class="app-column">, split at the heading that balances
    their printed lines best. Chromium and Firefox flow them as CSS columns; WebKit, which prints
    CSS columns as one long column, sets the two halves side by side (extra.css)."""
    parts = re.split(rf"(?=<{heading}[\s>])", html)
    if len(parts) < 3:
        return f'<div class="app-columns"><div class="app-column">{html}</div></div>'
    weights = [printed_lines(part) for part in parts]
    total = sum(weights)
    split = min(range(1, len(parts)), key=lambda k: abs(2 * sum(weights[:k]) - total))
    return ('<div class="app-columns"><div class="app-column">' + "".join(parts[:split])
            + '</div><div class="app-column">' + "".join(parts[split:]) + "</div></div>")
