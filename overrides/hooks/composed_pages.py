"""A page made of other pages: the print packs, the print set and the posters (print_packs.py)
and the Easy Read booklet (easy_read.py). Each is a page the build adds, never a copy to keep in
step: its Markdown is its parts' Markdown, each part under its own `##` title with its headings a
level down, and its review dates are its parts': the earliest of each, and a draft while any part
is a draft. A plain module; the steps that make such pages call it.
"""

from __future__ import annotations

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
