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
