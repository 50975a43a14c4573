"""A page made of other pages: the print packs, the print set and the posters (print_packs.py)
and the Easy Read booklet (easy_read.py). Each is a page the build adds, never a copy to keep in
step: its Markdown is its parts' Markdown, each part under its own `##` title with its headings a
level down, and its review dates are its parts': the earliest of each, and a draft while any part
is a draft. A plain module; the steps that make such pages call it.
"""

from __future__ import annotations

import copy
import datetime as dt
import re

import yaml
from mkdocs.structure.files import File

import front_matter_reader
import site_model

HEADING = re.compile(r"^(#{2,5}) ", re.M)
# Where a part starts a new sheet on paper (extra.css); print_packs.py also splits a pack's HTML here.
PART_BREAK = '<div class="app-pack__break"></div>'


def body(file) -> str:
    """A page's Markdown after its front matter (closed by `---` or `...`)."""
    return front_matter_reader.split_front_matter(file.content_string)[1].lstrip("\n")


def demoted(markdown: str) -> str:
    """Each heading a level down (## becomes ###), so that a part sits under its own ## title."""
    return HEADING.sub(lambda m: "#" + m.group(1) + " ", markdown)


def part(title: str, markdown: str, break_before: str = PART_BREAK) -> str:
    """One part: what comes before it (a new sheet, or nothing), its ## title, its Markdown."""
    return (f"{break_before}\n\n" if break_before else "") + f"## {title}\n\n{markdown}\n"


def review_fields(metas: list[dict]) -> dict:
    """last_reviewed, next_review and reviewed_by for a page made of pages with these front
    matters: the earliest dates, and a draft while any part is one (else the first part's
    reviewer), so the page is never shown as more up to date than its oldest part."""
    def earliest(key: str) -> dt.date:
        return min(meta[key] for meta in metas if isinstance(meta.get(key), dt.date))

    draft = any(meta.get("reviewed_by") == site_model.DRAFT for meta in metas)
    return {"last_reviewed": earliest("last_reviewed"), "next_review": earliest("next_review"),
            "reviewed_by": site_model.DRAFT if draft else metas[0]["reviewed_by"]}


def page(config, src_uri: str, meta: dict, markdown: str) -> File:
    """The page the build adds, with its front matter; its `app_meta` is read from it, as
    front_matter.py keeps it for a page in docs/."""
    content = "---\n" + yaml.safe_dump(meta, sort_keys=False) + "---\n\n" + markdown
    file = File.generated(config, src_uri, content=content)
    file.app_meta = front_matter_reader.read_front_matter(content)[0]
    return file


# --- each part converted once ----------------------------------------------------------------
# A part's Markdown is its member page's, so Python-Markdown has already parsed it once, on the
# member's own page: the page made of pages reuses that parse instead of converting the Markdown
# again. The member's page keeps its body's elements (`keep`) as Markdown's inline patterns left
# them (before attr_list, abbr, toc and MkDocs' relpath, which then run on the page made of pages
# as on any page); the page made of pages has, in place of each part's Markdown, a paragraph that
# names it (`placeholders`), and gets the kept elements there (`fill`), its headings a level down
# and its links rebased as `demoted` and the part's maker did on the Markdown. The HTML is the
# same as converting the Markdown again. A member not converted in this build (`mkdocs serve
# --dirty`) leaves its part's Markdown in place, converted as before.

BODY_STARTS = "app-composed-body-starts"  # a paragraph of its own, on a member's page, before its body
PART_AT = "app-composed-part-"            # + its number: where a part's elements go
HEADINGS = {"h2": "h3", "h3": "h4", "h4": "h5", "h5": "h6"}
NOT_REBASED = re.compile(r"^(?:\.\./|#|[a-z]+:)")
RAW_HTML = re.compile("\x02wzxhzdk:(\\d+)\x03")
# A marker (markers.py) may make words that depend on the page it is on (an address, a link): a
# part with one is converted again, on the page made of pages.
MARKER = re.compile(r"<!--\s*app/")
# What `demoted` and a part's link rebasing (print_packs.py) treat otherwise on the Markdown than
# `fill` on the elements: a heading inside a card or list (indented) or underlined, a link
# defined on a line of its own, a link written inside `code` or with <angle brackets>. A part
# with one is converted again.
NOT_ALIKE = re.compile(r"^[ \t]+#{1,6}[ \t]|^[ \t]*(?:=+|-+)[ \t]*$|^[ \t]*\[[^\]]+\]:|`[^`\n]*\]\(|\]\(<", re.M)


def mark_body(markdown: str, file) -> str:
    """A member page's Markdown with BODY_STARTS before its body (the Markdown its parts hold),
    when the steps before it left the body as the file has it, with no marker and nothing
    NOT_ALIKE; else the
    Markdown unchanged (its parts are then converted again)."""
    text = body(file)
    head = markdown[:len(markdown) - len(text)]
    if not text or not markdown.endswith(text) or (head and not head.endswith("\n\n")) or MARKER.search(text) or NOT_ALIKE.search(text):
        return markdown
    return head + BODY_STARTS + "\n\n" + text


def keep(root, md):
    """The member's body as parsed (copies of its elements, and the raw HTML they point to), with
    BODY_STARTS taken out of the member's own page; None if it is not there."""
    children = list(root)
    at = next((i for i, e in enumerate(children) if e.tag == "p" and e.text == BODY_STARTS and not len(e)
               and not e.attrib and not (e.tail or "").strip()), None)
    if at is None:
        return None
    root.remove(children[at])
    elements = [copy.deepcopy(e) for e in children[at + 1:]]
    if any("\x02hzzhzkh:" in (x.text or "") + (x.tail or "") for e in elements for x in e.iter()):
        return None  # a tag placeholder of md_in_html's, numbered in the member's stash: convert again
    return elements, list(md.htmlStash.rawHtmlBlocks)


def placeholders(markdown: str, parts: list, kept: dict) -> tuple[str, dict]:
    """The page's Markdown with each kept part's Markdown (parts: (member src_uri, the part's
    Markdown, the prefix its relative links got)) replaced by a paragraph that names it; and
    {number: part} for `fill`."""
    out, at, used = [], 0, {}
    for number, (uri, text, prefix) in enumerate(parts):
        found = markdown.find(text, at)
        if uri not in kept or not text.endswith("\n") or found < 0 or not markdown[:found].endswith("\n\n"):
            continue
        out.append(markdown[at:found] + f"{PART_AT}{number}\n")
        at = found + len(text)
        used[number] = (uri, prefix)
    return "".join(out) + markdown[at:], used


def fill(root, md, used: dict, kept: dict) -> None:
    """Each part's paragraph replaced by its member's kept elements: headings a level down, relative
    links given the part's prefix, raw HTML stashed again in this page's Markdown."""
    for index in range(len(root) - 1, -1, -1):
        here = root[index]
        number = here.text[len(PART_AT):] if here.tag == "p" and (here.text or "").startswith(PART_AT) else ""
        if not number.isdigit() or int(number) not in used:
            continue
        uri, prefix = used[int(number)]
        elements, blocks = kept[uri]

        def restash(text):
            if not text or "\x02" not in text:
                return text
            new = RAW_HTML.sub(lambda m: md.htmlStash.store(copy.deepcopy(blocks[int(m.group(1))])), text)
            return type(text)(new)

        new = [copy.deepcopy(e) for e in elements]
        for element in new:
            for x in element.iter():
                x.text, x.tail = restash(x.text), restash(x.tail)
                if x.tag in HEADINGS:
                    x.tag = HEADINGS[x.tag]
                if prefix:
                    name = "href" if x.tag == "a" else "src" if x.tag == "img" else None
                    value = x.get(name) if name else None
                    if value and not NOT_REBASED.match(value):
                        x.set(name, prefix + value)
        if new:
            new[-1].tail = here.tail
        root[index:index + 1] = new
