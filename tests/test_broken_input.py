"""Editors' mistakes stop the build with the file's name, the line and the fix, never a traceback.

The rules are called directly, one table row per mistake (tests/test_editor_slips.py has the
rest). A few real `mkdocs build` runs, one per phase of the build (settings, files, a page's
Markdown, a page's HTML, the links), prove the wiring end to end: the message names the file
and line and no traceback is printed. They run at the same time, so they cost one build.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import front_matter
import leftover_markup
import markers
from conftest import ROOT, copy_project, select, strict_build_started

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


@pytest.fixture(scope="module")
def config():
    return load_config(config_file=str(ROOT / "mkdocs.yml"))


def with_front_matter(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


def without(field: str) -> str:
    return "\n".join(line for line in GOOD.splitlines() if not line.startswith(field + ":")) + "\n"


# --- the front matter rules, called directly -------------------------------------------------------

FRONT_MATTER = [
    *[(f"no {field}", without(field), f"the front matter has no '{field}'. Every page needs title, description")
      for field in front_matter.REQUIRED],
    ("empty title", with_front_matter("title: A test page", "title: ''"), "line 2: 'title' is empty. Give it a value."),
    *[(f"date {bad}", with_front_matter("next_review: 2027-11-01", f"next_review: {bad}"),
       f"line 5: 'next_review' is '{bad}', which is not a date. Write dates as YYYY-MM-DD")
      for bad in ("2027-13-01", "01/11/2027", "next year")],
    ("review before", with_front_matter("next_review: 2027-11-01", "next_review: 2026-10-01"),
     "line 5: 'next_review' (2026-10-01) must be after 'last_reviewed' (2026-11-01)."),
    ("overdue", with_front_matter("last_reviewed: 2026-11-01\nnext_review: 2027-11-01",
                                  "last_reviewed: 2024-01-01\nnext_review: 2025-01-01"),
     "line 5: the review was due on 2025-01-01 and is overdue."),
    ("unknown tag", with_front_matter("  - age/0-6-months", "  - age/7-years"),
     "line 7: the tag 'age/7-years' is unknown. Use tags from extra.app_tags"),
    ("unknown field", with_front_matter("reviewed_by: pending", "reviewed_by: pending\nnext_reveiw: 2027-01-01"),
     "line 7: 'next_reveiw' is not a front matter field we use. Did you mean 'next_review'?"),
    ("a tag with ': '", with_front_matter("  - age/0-6-months", "  - age: 0-6-months"),
     "line 7: the tag 'age: 0-6-months' has ': ' in it. Write tags with '/', for example '- age/0-6-months'."),
    ("hide as a word", with_front_matter("reviewed_by: pending", "reviewed_by: pending\nhide: toc"),
     "line 7: 'hide' is 'toc'. Write it as a list of what to hide"),
    ("search as a list", with_front_matter("reviewed_by: pending", "reviewed_by: pending\nsearch: [exclude]"),
     "line 7: 'search' must be written as two lines"),
    ("no space after ':'", with_front_matter("title: A test page", "title:A test page"),
     "line 2: put a space after the ':' in 'title:A test page', like this: title: A test page"),
    ("reviewer nearly right", with_front_matter("reviewed_by: pending", "reviewed_by: Early years occupational therapist"),
     "line 6: 'reviewed_by' is 'Early years occupational therapist'. Did you mean 'Early Years occupational therapist'?"),
    ("invented reviewer", with_front_matter("reviewed_by: pending", "reviewed_by: Dr Smith"),
     "line 6: 'reviewed_by' is 'Dr Smith'. Use 'pending' for a draft, or the role"),
    ("date as text", with_front_matter("title: A test page", "title: 2024"), "line 2: 'title' must be text, not '2024'."),
    ("malformed YAML", with_front_matter("title: A test page", "title: A test: page: [oops"),
     "line 2: the front matter cannot be read: there is"),
    ("no front matter", "## A section\n\nSome text.\n", "has no front matter. Start the page with a block"),
]


@pytest.mark.parametrize("slip, text, message", FRONT_MATTER, ids=[s[0] for s in FRONT_MATTER])
def test_front_matter(config, slip, text, message):
    found = front_matter.page_problems(text, config)[1]
    assert any(p.startswith(message) for p in found), found


def test_the_good_page_passes(config):
    assert front_matter.page_problems(GOOD, config) == (front_matter.read_front_matter(GOOD)[0], [])


def test_release_refuses_drafts(config, monkeypatch):
    monkeypatch.setenv("RELEASE", "1")
    assert "line 6: is a draft (reviewed_by: pending). A release needs every page signed off by a clinician." \
        in front_matter.page_problems(GOOD, config)[1]


def pages(tmp_path, config, **texts) -> tuple[Files, SimpleNamespace]:
    """Real MkDocs files for pages written in tmp_path/docs, and a config that finds them."""
    files = []
    for name, text in texts.items():
        path = tmp_path / "docs" / f"{name.replace('__', '/')}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(File(path.relative_to(tmp_path / "docs").as_posix(), str(tmp_path / "docs"),
                          str(tmp_path / "site"), True))
    fake = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"),
                           extra=config.extra, theme=config.theme)
    return Files(files), fake


def test_duplicate_title_and_an_activity_without_an_age(tmp_path, config):
    files, fake = pages(tmp_path, config, play__a=GOOD, play__b=GOOD.replace("  - age/0-6-months\n", ""))
    with pytest.raises(PluginError) as error:
        front_matter.on_files(files, fake)
    message = str(error.value)
    assert "docs/play/b.md, line 2: the title 'A test page' is already used by docs/play/a.md." in message
    assert "docs/play/b.md: an activity needs at least one 'age/' tag" in message


def test_a_description_is_escaped_once():
    page = SimpleNamespace(meta={"description": 'Read the "Move and play" leaflet\n & more <here>.'},
                           file=SimpleNamespace())
    front_matter.on_page_markdown("", page=page)
    assert page.meta["description"] == "Read the &quot;Move and play&quot; leaflet &amp; more &lt;here&gt;."


# --- the Markdown and marker rules, called directly -----------------------------------------------------

def fake_page(text: str):
    return SimpleNamespace(file=SimpleNamespace(src_uri="play/zz-broken.md", content_string=text))


def test_heading_one_in_page(config):
    text = GOOD.replace("## A section", "# A section")
    with pytest.raises(PluginError, match=r"^docs/play/zz-broken\.md, line 12: starts a line with '# ' \(# A section\)"):
        leftover_markup.on_page_markdown(text, page=fake_page(text), config=config)


@pytest.mark.parametrize("html, message", [
    ("<p>See [the leaflet][no-such-link].</p>", "has a link that did not work: [the leaflet][no-such-link]"),
    ('<p>Some text.\n    !!! note "Stuck"</p>', 'has a callout that was not converted (!!! note "Stuck"). Write it '
     'like !!! care-urgent "Ask for help today if:"'),
    ("<!-- app/milestone band=1-2-years -->", "has a marker no hook knows"),
])
def test_markdown_left_in_the_page(config, html, message):
    with pytest.raises(PluginError, match="^" + re.escape("docs/play/zz-broken.md: " + message)):
        leftover_markup.on_page_content(html, page=fake_page(GOOD), config=config)


def test_unknown_marker(config):
    context = {"page": None, "config": config, "files": None, "data": lambda: {}}
    with pytest.raises(markers.MarkerError, match=r"names the band '7-years'\. Use one of: 0-6-months"):
        markers.expand("Text.\n\n<!-- app/milestones band=7-years -->\n", context)


# --- a few real builds, one per phase, all at once ------------------------------------------------------

CARD = '\n!!! care-urgent "Ask for help today if:"\n\n  - your child stops doing things they could do before\n'
# A broken page in docs/ itself is built second, after the home page, so its build stops soon;
# a good page is an activity, listed on other pages.
FIRST, ACTIVITY = "aa-broken.md", "play/zz-broken.md"
BUILDS = {
    # name: (the page's text or bytes, environment)
    "good": (with_front_matter("title: A test page", "title: Tom & Jerry's \"big\" game").replace(
        "description: A page the tests break on purpose, one fault at a time.",
        "description: 'Read the \"Move and play\" leaflet & more <here>.'"), {}),
    "settings": (GOOD, {"RELEASE": "true"}),
    "files": (with_front_matter("title: A test page", "title: Caf\u00e9 play").encode("cp1252"), {}),
    "markdown": (GOOD + "\n<script>alert(1)</script>\n", {}),
    "html": (GOOD + CARD, {}),
    "links": (GOOD + "\nSee [the page](no-such-page.md) and [help](../help.md#no-such-section).\n", {}),
}


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, tuple[int, str, Path]]:
    """{name: (exit code, what the build printed, the project)}, the builds run side by side."""
    running = {}
    for name, (text, env) in BUILDS.items():
        project = copy_project(tmp_path_factory.mktemp(name))
        page = project / "docs" / (ACTIVITY if name in ("good", "links") else FIRST)
        if name in ("good", "links"):  # an activity has a picture (front_matter.py)
            text = text.replace("reviewed_by: pending\n", "reviewed_by: pending\npicture: baby\npicture_alt: A baby\n", 1)
        page.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        running[name] = (project, strict_build_started(project, **env))
    done = {}
    for name, (project, process) in running.items():
        output, _ = process.communicate(timeout=300)
        done[name] = (process.returncode, output, project)
    return done


def failed(builds, name: str) -> str:
    code, output, _ = builds[name]
    assert code != 0, f"the build passed with a broken page:\n{output}"
    assert "Traceback" not in output, output
    return output


def test_a_good_page_builds_and_its_title_is_escaped_everywhere(builds):
    code, output, project = builds["good"]
    assert code == 0, output
    for path in [project / "site" / "play" / "zz-broken" / "index.html", project / "site" / "play" / "index.html"]:
        html = path.read_text(encoding="utf-8")
        # Read as a browser reads it: the words once, never escaped twice, no tag made of them.
        assert "Tom & Jerry's" in " ".join(select(html, "body")[0].get_text().split()), path
        assert "&amp;amp;" not in html and "&amp;#" not in html
    page = (project / "site" / "play" / "zz-broken" / "index.html").read_text(encoding="utf-8")
    assert [h.get_text() for h in select(page, "h1#app-title[tabindex='-1']")] == ['Tom & Jerry\'s "big" game']
    assert [m["content"] for m in select(page, "meta[name=description]")] == ['Read the "Move and play" leaflet & more <here>.']
    assert not select(page, "here")


def test_settings_phase_release_is_not_the_documented_value(builds):
    assert "RELEASE is 'true'. Write RELEASE=1 for a release build" in failed(builds, "settings")


def test_files_phase_a_page_not_saved_as_utf8(builds):
    assert ("docs/aa-broken.md, line 2: this file is not saved as UTF-8 text"
            in failed(builds, "files"))


def test_markdown_phase_a_script_in_a_page(builds):
    assert "docs/aa-broken.md, line 16: has a script (<script>)" in failed(builds, "markdown")


def test_html_phase_a_care_card_whose_signs_fell_out(builds):
    assert ("docs/aa-broken.md, line 16: the 'care-urgent' card \"Ask for help today if:\" has no list of signs "
            "inside it. The signs below it are outside the card") in failed(builds, "html")


def test_links_a_broken_link_and_anchor(builds):
    output = failed(builds, "links")
    assert "'play/zz-broken.md' contains a link 'no-such-page.md'" in output and "is not found" in output
    assert "'#no-such-section'" in output
