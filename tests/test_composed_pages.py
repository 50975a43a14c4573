"""A page made of pages (overrides/hooks/composed_pages.py): the print packs, the print set, the
posters and the Easy Read booklet are all put together by it."""

from __future__ import annotations

import datetime as dt

from mkdocs.config import load_config

import composed_pages
import site_model
from conftest import ROOT, SITE_URL


def meta(last: str, due: str, by: str = "Clinical lead") -> dict:
    return {"last_reviewed": dt.date.fromisoformat(last), "next_review": dt.date.fromisoformat(due), "reviewed_by": by}


def test_a_page_made_of_pages_is_as_up_to_date_as_its_oldest_part():
    parts = [meta("2026-10-01", "2027-10-01"), meta("2026-06-01", "2027-03-01", "Another lead"), meta("2026-11-01", "2027-11-01")]
    assert composed_pages.review_fields(parts) == {
        "last_reviewed": dt.date(2026, 6, 1), "next_review": dt.date(2027, 3, 1), "reviewed_by": "Clinical lead"}


def test_a_page_made_of_pages_is_a_draft_while_any_part_is():
    parts = [meta("2026-10-01", "2027-10-01"), meta("2026-10-01", "2027-10-01", site_model.DRAFT)]
    assert composed_pages.review_fields(parts)["reviewed_by"] == site_model.DRAFT


def test_each_part_sits_under_its_own_title_with_its_headings_a_level_down():
    markdown = "Words.\n\n## Steps\n\n### Safety\n\n#### Small print\n\n###### Too deep\n\n#hashtag\n"
    assert composed_pages.demoted(markdown) == ("Words.\n\n### Steps\n\n#### Safety\n\n##### Small print\n\n"
                                                "###### Too deep\n\n#hashtag\n")
    assert composed_pages.part("Tummy time", "Words.\n") == (
        f"{composed_pages.PART_BREAK}\n\n## Tummy time\n\nWords.\n\n")
    assert composed_pages.part("Tummy time", "Words.\n", "") == "## Tummy time\n\nWords.\n\n"  # on the same sheet


def test_the_page_the_build_adds_has_its_front_matter_read_back():
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_url=SITE_URL)
    config.plugins._current_plugin = None  # File.generated() notes which plugin made a file
    fields = {"title": "Print pack: 1 to 2 years", **meta("2026-06-01", "2027-03-01")}
    file = composed_pages.page(config, "packs/x.md", fields, "## Part\n\nWords.\n")
    assert file.app_meta == fields
    assert file.content_string.startswith("---\ntitle: 'Print pack: 1 to 2 years'\nlast_reviewed: 2026-06-01\n")
    assert composed_pages.body(file) == "## Part\n\nWords.\n"


# --- each part converted once (composed_pages.keep / placeholders / fill) ---------------------

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables",
              "pymdownx.details", "pymdownx.superfences"]
ACTIVITY = """---
title: Tummy time
---

Lie your baby on their tummy for a few minutes, as in [rolling](rolling.md) and the [age page](../ages/0-6-months.md).

<div class="app-note">Raw <b>HTML</b>, kept as it is.</div>

## Steps {: #steps-here }

1. Put a toy in front. Ask your GP.
2. Praise them.

<div class="app-tags" markdown>
**Words** in a box, with ![a ball](ball.png).
</div>

!!! note "Keep safe"
    Stay with your baby.

## Sources

- [NHS](https://www.nhs.uk/)
"""
SHARED = "\n*[GP]: General practitioner\n"


def _markdown(extra=()):
    import markdown
    return markdown.Markdown(extensions=[*EXTENSIONS, "toc", *extra], extension_configs={"toc": {"permalink": True}})


class _Keep:
    """A Markdown extension that runs `step(root, md)` where the pipeline's page_parsed steps run."""

    def __init__(self, step):
        from markdown.extensions import Extension
        from markdown.treeprocessors import Treeprocessor

        class Run(Treeprocessor):
            def run(self, root):
                step(root, self.md)

        class Ext(Extension):
            def extendMarkdown(self, md):
                md.treeprocessors.register(Run(md), "keep", 12)
        self.extension = Ext()


def test_a_part_is_converted_once_and_the_page_made_of_pages_is_the_same_html():
    """The member page's own HTML is unchanged by keeping its body; the page made of pages that
    takes the kept body (headings a level down, ids made unique, links rebased, raw HTML) is the
    HTML that converting its parts' Markdown again makes."""
    from types import SimpleNamespace
    file = SimpleNamespace(content_string=ACTIVITY)
    body = composed_pages.body(file)
    own = "# Tummy time\n\n" + body  # the page's Markdown; pymdownx.snippets appends the shared links later
    kept = {}
    marked = composed_pages.mark_body(own, file)
    assert marked != own
    member_html = _markdown([_Keep(lambda root, md: kept.update(
        {"play/tummy-time.md": composed_pages.keep(root, md)})).extension]).convert(marked + SHARED)
    assert member_html == _markdown().convert(own + SHARED)
    assert kept["play/tummy-time.md"] is not None

    import print_packs
    text = print_packs.activity_text(file)  # in a pack: headings a level down, links beside it rebased
    whole = ("Intro.\n\n## Sources\n\nFirst.\n\n" + composed_pages.part("Tummy time", text)
             + composed_pages.part("Tummy time again", text) + SHARED)
    parts = [("play/tummy-time.md", text, "../play/"), ("play/tummy-time.md", text, "../play/")]
    placed, used = composed_pages.placeholders(whole, parts, kept)
    assert len(used) == 2 and text not in placed
    filled = _markdown([_Keep(lambda root, md: composed_pages.fill(root, md, used, kept)).extension])
    direct = _markdown()
    assert filled.convert(placed) == direct.convert(whole)
    assert filled.toc_tokens == direct.toc_tokens  # the page's table of contents too
    assert 'id="sources_2"' in direct.convert(whole) and 'href="../play/rolling.md"' in direct.convert(whole)
    assert 'src="../play/ball.png"' in direct.convert(whole) and 'href="../ages/0-6-months.md"' in direct.convert(whole)


def test_a_part_not_kept_or_with_a_marker_is_converted_again():
    from types import SimpleNamespace
    text = "Words.\n"
    assert composed_pages.placeholders("## A\n\nWords.\n", [("a.md", text, "")], {}) == ("## A\n\nWords.\n", {})
    with_marker = SimpleNamespace(content_string="---\ntitle: A\n---\n\n<!-- app/activities tag=age/0-6-months -->\n")
    assert composed_pages.mark_body(composed_pages.body(with_marker), with_marker) == composed_pages.body(with_marker)
    indented = SimpleNamespace(content_string="---\ntitle: A\n---\n\n!!! note\n    ## Inside a card\n")
    assert composed_pages.mark_body(composed_pages.body(indented), indented) == composed_pages.body(indented)
