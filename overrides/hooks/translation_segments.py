"""A page's words as segments for a translator, and the page again from their translations.

Not a hook: `make translation-pack` and `make translation-import` (.ci/translation_pack.py) use it.
The file format (gettext PO) is polib's; this module knows only the site's own Markdown: what a
translator translates and what they must leave as it is.

Segments, one each: the title, the description, each heading, paragraph, list item, table cell
and care card title. Left as they are, never sent: front matter's other fields, markers
(<!-- app/... -->), `<div ... markdown>` lines, attribute lists ({: .app-screen-only }), snippet
lines, link definitions, code, and everything from `## Sources` on (English documents, read by
the print steps). A heading keeps its English anchor ({#when-to-ask-for-help}), so links to it
still land. In a segment, what is in round brackets after a link, the [name] of a linked source,
{...}, <...> and `code` are codes the translator keeps: `code_problem` refuses a translation that
changed them, and `provenance.number_problem` one whose numbers differ.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from markdown.extensions.toc import slugify

import front_matter_reader
import provenance

FENCE = re.compile(r"^[ \t]*(```|~~~)")
KEPT_LINE = re.compile(r"^[ \t]*(<!--.*-->|</?[a-zA-Z][^>]*>|\{:.*\}|--8<--.*|\[[^\]]+\]:\s.*|[-*_]{3,})[ \t]*$")
CARD = re.compile(r'^([ \t]*(?:!!!|\?\?\?\+?)[ \t]*[\w-]+[ \t]+")(.*)("[ \t]*)$')
HEADING = re.compile(r"^(#{1,6}[ \t]+)(.*?)([ \t]*\{[^}]*\})?[ \t]*$")
ITEM = re.compile(r"^([ \t]*(?:[-*+]|\d+[.)])[ \t]+)(.*)$")
TABLE = re.compile(r"^[ \t]*\|")
TABLE_RULE = re.compile(r"^[ \t|:-]+$")
SOURCES = re.compile(r"^##[ \t]+Sources\b")
CODES = re.compile(r"\]\([^)\n]*\)|\]\[[^\]\n]*\]|\{[^}\n]*\}|<[^>\n]*>|`[^`\n]*`")


@dataclass
class Segment:
    text: str   # the English, on one line
    kind: str   # what it is, for the translator: heading, paragraph, list item, table cell, care card title...
    line: int   # its line in the English page


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def template(text: str) -> tuple[list, list[Segment]]:
    """(pieces, segments) of a page: the pieces are strings kept as they are and Segments to
    translate, in order; the title and description come first as segments of their own."""
    meta, _ = front_matter_reader.read_front_matter(text)
    block, body = front_matter_reader.split_front_matter(text)
    offset = text[:len(text) - len(body)].count("\n")
    segments = [Segment(" ".join(meta[key].split()), key, front_matter_reader.front_matter_line(text, key) or 1)
                for key in ("title", "description") if meta and isinstance(meta.get(key), str)]
    pieces: list = []
    open_segment: list | None = None  # [prefix, lines, kind, line, indent]

    def close():
        nonlocal open_segment
        if open_segment:
            prefix, lines, kind, number, _ = open_segment
            segment = Segment(" ".join(" ".join(lines).split()), kind, number)
            segments.append(segment)
            pieces.extend([prefix, segment, "\n"])
        open_segment = None

    lines = body.split("\n")
    fenced, number = None, offset
    for index, line in enumerate(lines):
        number += 1
        end = "\n" if index < len(lines) - 1 else ""
        if fenced or FENCE.match(line):
            close()
            if fenced and FENCE.match(line) and line.strip().startswith(fenced):
                fenced = None
            elif not fenced:
                fenced = FENCE.match(line).group(1)
            pieces.append(line + end)
            continue
        if SOURCES.match(line):
            close()
            pieces.append("\n".join(lines[index:]))
            break
        if not line.strip() or KEPT_LINE.match(line):
            close()
            pieces.append(line + end)
            continue
        card, heading, item = CARD.match(line), HEADING.match(line), ITEM.match(line)
        if card:
            close()
            segment = Segment(card.group(2), "care card title", number)
            segments.append(segment)
            pieces.extend([card.group(1), segment, card.group(3) + end])
        elif heading:
            close()
            segment = Segment(heading.group(2).strip(), "heading", number)
            segments.append(segment)
            anchor = heading.group(3) or " {#" + slugify(heading.group(2).strip(), "-") + "}"
            pieces.extend([heading.group(1), segment, anchor + end])
        elif TABLE.match(line):
            close()
            if TABLE_RULE.match(line):
                pieces.append(line + end)
                continue
            cells = line.split("|")
            for position, cell in enumerate(cells):
                if position == 0 or position == len(cells) - 1 or not cell.strip():
                    pieces.append(cell)
                else:
                    segment = Segment(cell.strip(), "table cell", number)
                    segments.append(segment)
                    pieces.extend([" ", segment, " "])
                if position < len(cells) - 1:
                    pieces.append("|")
            pieces.append(end)
        elif item:
            close()
            open_segment = [item.group(1), [item.group(2)], "list item", number, len(item.group(1))]
        elif open_segment and (open_segment[2] != "list item" or _indent(line) >= open_segment[4]):
            open_segment[1].append(line.strip())
        else:
            close()
            open_segment = [line[:_indent(line)], [line.strip()], "paragraph", number, _indent(line)]
    close()
    return pieces, segments


def segments(text: str) -> list[Segment]:
    return template(text)[1]


def render(text: str, translate) -> tuple[str, str, str]:
    """(title, description, body) of the page with each segment's text replaced by
    translate(segment): the body's Markdown as the English page's, but its words."""
    pieces, found = template(text)
    done = {id(s): translate(s) for s in found}
    body = "".join(done[id(p)] if isinstance(p, Segment) else p for p in pieces)
    title = next((done[id(s)] for s in found if s.kind == "title"), "")
    description = next((done[id(s)] for s in found if s.kind == "description"), "")
    return title, description, body


def code_problem(english: str, translation: str) -> str | None:
    """Why a translated segment cannot go back into the page: a link target, source name, {...},
    <...> or `code` changed (they are the site's, not words), or its numbers differ."""
    ours, theirs = Counter(CODES.findall(english)), Counter(CODES.findall(translation))
    if ours != theirs:
        missing, extra = list((ours - theirs).elements()), list((theirs - ours).elements())
        said = ([f"keep {', '.join(missing)} as in the English"] if missing else []) + (
            [f"take out {', '.join(extra)}, which the English does not have"] if extra else [])
        return "; ".join(said)
    if provenance.numbers(english) != provenance.numbers(translation):
        return (f"its numbers ({', '.join(sorted(provenance.numbers(translation))) or 'none'}) are not the English "
                f"ones ({', '.join(sorted(provenance.numbers(english))) or 'none'})")
    return None
