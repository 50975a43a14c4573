"""Editors' mistakes stop the build with the file's name and the problem, never a traceback.

Each test copies the site, breaks one page on purpose and runs `mkdocs build` as an editor would.
"""

from __future__ import annotations

import re

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project

GOOD = """---
title: A test page
description: A page the tests break on purpose, one fault at a time.
last_reviewed: 2026-11-01
next_review: 2027-11-01
reviewed_by: pending
tags:
  - age/0-6-months
  - skill/gross-motor
---

## A section

Some text.
"""


def build(project: Path, **env) -> subprocess.CompletedProcess:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    return subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(project / "site")],
                          cwd=project, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})


def break_page(tmp_path, text: str, name: str = "play/zz-broken.md", **env) -> str:
    """Build the site with one extra page; return what the build printed. It must fail."""
    project = copy_project(tmp_path)
    (project / "docs" / name).write_text(text, encoding="utf-8")
    result = build(project, **env)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build passed with a broken page:\n{output}"
    assert "Traceback" not in output, output
    return output


def with_front_matter(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


def test_the_good_page_builds(tmp_path):
    project = copy_project(tmp_path)
    (project / "docs" / "play" / "zz-broken.md").write_text(GOOD, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("field", ["title", "description", "last_reviewed", "next_review", "reviewed_by"])
def test_missing_field(tmp_path, field):
    lines = [line for line in GOOD.splitlines() if not line.startswith(field + ":")]
    output = break_page(tmp_path, "\n".join(lines) + "\n")
    assert "docs/play/zz-broken.md" in output
    assert f"the front matter has no '{field}'" in output


def test_empty_field(tmp_path):
    output = break_page(tmp_path, with_front_matter("title: A test page", "title: ''"))
    assert "docs/play/zz-broken.md: 'title' is empty" in output


@pytest.mark.parametrize("bad", ["2027-13-01", "01/11/2027", "next year"])
def test_bad_date(tmp_path, bad):
    output = break_page(tmp_path, with_front_matter("next_review: 2027-11-01", f"next_review: {bad}"))
    assert f"docs/play/zz-broken.md: 'next_review' is '{bad}', which is not a date" in output
    assert "YYYY-MM-DD" in output


def test_next_review_before_last_reviewed(tmp_path):
    output = break_page(tmp_path, with_front_matter("next_review: 2027-11-01", "next_review: 2026-10-01"))
    assert "docs/play/zz-broken.md: 'next_review' (2026-10-01) must be after 'last_reviewed' (2026-11-01)" in output


def test_overdue_review(tmp_path):
    text = with_front_matter("last_reviewed: 2026-11-01", "last_reviewed: 2024-01-01")
    text = text.replace("next_review: 2027-11-01", "next_review: 2025-01-01")
    output = break_page(tmp_path, text)
    assert "docs/play/zz-broken.md: the review was due on 2025-01-01 and is overdue" in output


def test_duplicate_title(tmp_path):
    output = break_page(tmp_path, with_front_matter("title: A test page", "title: Components for editors"))
    assert "docs/play/zz-broken.md: the title 'Components for editors' is already used by docs/components.md" in output


def test_unknown_tag(tmp_path):
    output = break_page(tmp_path, with_front_matter("  - age/0-6-months", "  - age/7-years"))
    assert "docs/play/zz-broken.md: the tag 'age/7-years' is unknown" in output


def test_unknown_field_is_named(tmp_path):
    output = break_page(tmp_path, with_front_matter("reviewed_by: pending", "reviewed_by: pending\nnext_reveiw: 2027-01-01"))
    assert "docs/play/zz-broken.md: 'next_reveiw' is not a front matter field we use" in output


def test_invented_reviewer(tmp_path):
    output = break_page(tmp_path, with_front_matter("reviewed_by: pending", "reviewed_by: Dr Smith"))
    assert "docs/play/zz-broken.md: 'reviewed_by' is 'Dr Smith'" in output


def test_malformed_yaml(tmp_path):
    output = break_page(tmp_path, with_front_matter("title: A test page", "title: A test: page: [oops"))
    assert "docs/play/zz-broken.md: the front matter cannot be read on line" in output


def test_no_front_matter(tmp_path):
    output = break_page(tmp_path, "## A section\n\nSome text.\n")
    assert "docs/play/zz-broken.md: has no front matter" in output


def test_release_refuses_drafts(tmp_path):
    output = break_page(tmp_path, GOOD, RELEASE="1")
    assert "docs/play/zz-broken.md: is a draft (reviewed_by: pending)" in output


def test_missing_snippet(tmp_path):
    output = break_page(tmp_path, GOOD + '\n--8<-- "no-such-file.md"\n')
    assert "docs/play/zz-broken.md: the snippet 'no-such-file.md' does not exist" in output


def test_broken_internal_link(tmp_path):
    output = break_page(tmp_path, GOOD + "\nSee [the page](no-such-page.md).\n")
    assert "'play/zz-broken.md' contains a link 'no-such-page.md'" in output and "is not found" in output


def test_broken_anchor(tmp_path):
    output = break_page(tmp_path, GOOD + "\nSee [help](../help.md#no-such-section).\n")
    assert "play/zz-broken.md" in output and "'#no-such-section'" in output


def test_unknown_link_name(tmp_path):
    output = break_page(tmp_path, GOOD + "\nSee [the leaflet][no-such-link].\n")
    assert "docs/play/zz-broken.md: has a link that did not work: [the leaflet][no-such-link]" in output


def test_bare_web_address(tmp_path):
    output = break_page(tmp_path, GOOD + "\nGo to https://example.org/page now.\n")
    assert "docs/play/zz-broken.md: has a web address written into the page (https://example.org/page" in output


def test_heading_one_in_page(tmp_path):
    output = break_page(tmp_path, GOOD.replace("## A section", "# A section"))
    assert "docs/play/zz-broken.md: starts a line with '# '" in output


@pytest.mark.parametrize("card, message", [
    ('!!! care-urgent "Get help"\n\n    - a sign\n', "card's title is 'Get help'"),
    ('!!! care-soon "Ask if:"\n\n    - a sign\n', "'care-soon' is not a care card"),
    ('??? care-urgent "Ask for help today if:"\n\n    - a sign\n', "is collapsible"),
])
def test_bad_care_card(tmp_path, card, message):
    output = break_page(tmp_path, GOOD + "\n" + card)
    assert "docs/play/zz-broken.md: " in output and message in output


def test_unknown_marker(tmp_path):
    output = break_page(tmp_path, GOOD + "\n<!-- app/milestones band=7-years -->\n")
    assert re.search(r"docs/play/zz-broken\.md, line \d+: the marker", output) and "'7-years'" in output


def test_unconverted_callout(tmp_path):
    output = break_page(tmp_path, GOOD.replace("Some text.", "Some text.\n    !!! note \"Stuck\""))
    assert "docs/play/zz-broken.md: has a callout that was not converted" in output


def test_quotes_in_a_description_stay_inside_the_attribute(tmp_path):
    project = copy_project(tmp_path)
    text = GOOD.replace("description: A page the tests break on purpose, one fault at a time.",
                        'description: \'Read the "Move and play" leaflet & more <here>.\'')
    (project / "docs" / "play" / "zz-broken.md").write_text(text, encoding="utf-8")
    assert build(project).returncode == 0
    html = (project / "site" / "play" / "zz-broken" / "index.html").read_text()
    assert '<meta name="description" content="Read the &quot;Move and play&quot; leaflet &amp; more &lt;here&gt;.">' in html


def test_activity_without_an_age_tag(tmp_path):
    output = break_page(tmp_path, with_front_matter("  - age/0-6-months\n", ""))
    assert "docs/play/zz-broken.md: an activity needs at least one 'age/' tag" in output
