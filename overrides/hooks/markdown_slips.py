"""Markdown that builds without an error but publishes something wrong (issue 25), checked on
a page's own Markdown. Not a hook: leftover_markup.py calls `problems` for every page.

- a table without its separator row (it shows as one paragraph full of '|');
- a code block opened with ``` and never closed (the rest of the page shows as code);
- a raw <h1> (the page's one main heading comes from its front matter title);
- front matter and no text (an empty page in search and the menu);
- a placeholder, such as "coming soon" or "TODO", published on the site;
- a link inside raw HTML to a page or file the site does not have (MkDocs checks Markdown
  links, not raw HTML);
- a glossary word (docs/.snippets/abbr.md, docs/glossary.md) defined again on a page.
Each problem is (text to find on the page, to name the line; the problem and its fix in words).
"""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

GLOSSARY_PAGES = ("glossary.md", "easy-read/words.md")  # the pages that explain the words

TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
H1 = re.compile(r"<h1\b[^>]*>", re.I)
COMMENT = re.compile(r"<!--(?!\s*app/).*?-->|^\[//\]: # \(.*\)$", re.S | re.M)
PLACEHOLDER = re.compile(r"\b(?:coming soon|under construction|lorem ipsum|more to follow|to follow soon|"
                         r"(?-i:TODO|TBC|TBD|FIXME|XXX))\b|^[ \t]*(?:[-*][ \t]+)?to ?do\b[ \t]*[.:!]*[ \t]*$", re.I | re.M)
RAW_LINK = re.compile(r"<(?:a|img|source)\b[^>]*?\b(href|src)[ \t]*=[ \t]*([\"'])(.*?)\2", re.I | re.S)
ABBREVIATION = re.compile(r"^\*\[([^\]]+)\]:[ \t]*(.*)$", re.M)
DEFINITION = re.compile(r"^(\S[^\n]*)\n(?:[ \t]*\n)?:[ \t]+", re.M)


@dataclass
class Site:
    """What the checks need to know about the rest of the site."""
    page: str                                   # this page's file, such as play/tummy-time.md
    url: str = ""                               # its address, such as play/tummy-time/
    addresses: set[str] = field(default_factory=set)  # every address the site will have
    files: dict[str, str] = field(default_factory=dict)  # file (a.md) and its address (a/)
    glossary: dict[str, str] = field(default_factory=dict)  # a word in small letters: where it is explained
    in_menu: bool = False


def _code_blocks_closed(markdown: str) -> list[tuple[str, str]]:
    opened = None
    for line in markdown.splitlines():
        fence = FENCE_LINE.match(line)
        if not fence:
            continue
        mark = fence.group(1)
        if opened is None:
            opened = (line, mark)
        elif mark[0] == opened[1][0] and len(mark) >= len(opened[1]) and not line.strip()[len(mark):].strip():
            opened = None
    if opened:
        return [(opened[0].strip(), f"the code block opened with {opened[1]} here is never closed, so everything "
                 f"after it shows as code. Put {opened[1]} on a line of its own where the code ends (or take the "
                 f"{opened[1]} out if it is not meant to be a code block).")]
    return []


def _cells(row: str) -> int:
    """The columns of a table row: its cells between '|' (an escaped \\| is in a cell)."""
    return max(1, re.sub(r"\\\|", "", row).strip().strip("|").count("|") + 1)


def _tables(prose: str) -> list[tuple[str, str]]:
    lines = prose.splitlines()
    found = []
    number = 0
    while number < len(lines):
        if not TABLE_ROW.match(lines[number]) or (number and lines[number - 1].strip()
                                                  and not TABLE_ROW.match(lines[number - 1])):
            number += 1
            continue
        row = lines[number]
        following = lines[number + 1] if number + 1 < len(lines) else ""
        columns = _cells(row)
        if not SEPARATOR.match(following):
            found.append((row.strip(), f"this looks like a table ({row.strip()[:60]}), but the line under its "
                          "first row is not the separator row, so it shows as one paragraph full of '|'. Put "
                          f"this line under the first row: |{' --- |' * columns}"))
        elif _cells(following) != columns:
            found.append((following.strip(), f"the table's first row has {columns} columns but the separator row "
                          f"under it has {_cells(following)}, so it shows as one paragraph full of '|'. Give the "
                          f"separator row one '---' for each column: |{' --- |' * columns}"))
        while number < len(lines) and TABLE_ROW.match(lines[number]):
            number += 1
    return found


def _resolve(href: str, site: Site) -> tuple[str, str] | None:
    """(what the link is, the problem) when a raw HTML link goes nowhere, or None."""
    parts = urlsplit(href.strip())
    if parts.scheme or parts.netloc or not parts.path:
        return None  # another site, a phone number, or only #a-section of this page (raw_html.py checks the rest)
    path = unquote(parts.path)
    base = posixpath.dirname(site.page) if path.endswith(".md") else site.url
    target = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(base, path))
    target = "" if target == "." else target
    if path.endswith(".md"):
        if target in site.files:
            address = posixpath.relpath(site.files[target] or ".", site.url or ".") + "/"
            return href, (f"the link href='{href}' in raw HTML ends in '.md', which MkDocs changes only in Markdown "
                          f"links: a browser would not find it. Write the address, {address!s}, or better, a "
                          f"Markdown link [words]({href}).")
        return href, (f"the link href='{href}' in raw HTML goes to docs/{target}, which does not exist. Check the "
                      "file name, or write a Markdown link [words](page.md): the build checks those.")
    wanted = target.rstrip("/")
    if wanted in site.addresses or wanted + "/" in site.addresses or target in site.addresses:
        return None
    near = difflib.get_close_matches(wanted, [a.rstrip("/") for a in site.addresses if a], 1, 0.8)
    hint = f" Did you mean /{near[0]}{'/' if near[0] + '/' in site.addresses else ''}?" if near else ""
    return href, (f"the link href='{href}' in raw HTML goes to /{wanted}{'/' if path.endswith('/') else ''}, which "
                  f"is not a page or file of this site.{hint} Check the address, or write a Markdown link "
                  "[words](page.md): the build checks those.")


def problems(markdown: str, site: Site) -> list[tuple[str, str]]:
    """(text to find on the page, the problem) for each quiet Markdown slip, in page order."""
    found = _code_blocks_closed(markdown)
    prose = re.sub(r"`[^`\n]*`", "", re.sub(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", "", markdown, flags=re.S | re.M))
    if not found:
        found += _tables(prose)
    for match in H1.finditer(prose):
        found.append((match.group(0), f"has a main heading written in HTML ({match.group(0)}). A page has one main "
                      "heading, made from the front matter 'title'; use '## ' for a section."))
    if not COMMENT.sub("", markdown).strip():
        found.append(("---", "this page has front matter but no text, so an empty page would be published. Write "
                      "the page's text under the closing '---', or, if the page is not ready, leave the file out of "
                      "docs/ (and out of the menu in mkdocs.yml) until it is."))
    for match in PLACEHOLDER.finditer(prose):
        text = match.group(0).strip()
        found.append((text, f"says '{text}', a placeholder, and this page is published"
                      + (" and in the menu" if site.in_menu else "") + ". Write the words parents need, or keep the "
                      "page out of docs/ (and out of the menu in mkdocs.yml) until it is ready."))
    for match in RAW_LINK.finditer(prose):
        problem = _resolve(match.group(3), site)
        if problem:
            found.append(problem)
    if site.page not in GLOSSARY_PAGES:
        for match in ABBREVIATION.finditer(prose):
            word = match.group(1).strip()
            known = site.glossary.get(word.lower())
            found.append((match.group(0), (
                f"defines '{word}' again, which {known} already explains. Take this line out: every page "
                f"uses the glossary's meaning, so it is said the same everywhere (change it there if it is wrong)."
                if known else f"defines the abbreviation '{word}' on the page. Glossary words are defined once, in "
                "docs/.snippets/abbr.md (and explained in docs/glossary.md): move this line there.")))
        for match in DEFINITION.finditer(prose):
            word = match.group(1).strip().strip("*_").strip()
            if word.lower() in site.glossary:
                found.append((match.group(1), f"explains '{word}' again, which {site.glossary[word.lower()]} "
                              "already explains. Take it out and say it in plain words, or change the meaning "
                              "there if it is wrong, so the site says it one way."))
    return sorted(found, key=lambda f: (markdown.find(f[0]) if f[0] in markdown else len(markdown)))


def glossary(abbr_text: str, glossary_text: str) -> dict[str, str]:
    """{word in small letters: the file that explains it} from abbr.md and glossary.md."""
    words = {m.group(1).strip().lower(): "docs/.snippets/abbr.md" for m in ABBREVIATION.finditer(abbr_text)}
    for match in DEFINITION.finditer(glossary_text):
        words.setdefault(match.group(1).strip().lower(), "docs/glossary.md")
    return words
