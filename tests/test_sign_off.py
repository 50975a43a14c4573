"""Sign-off recorded, shown and enforced (issue 24): the hash of what a clinician signed
(overrides/hooks/sign_off.py), the release build's refusals, every page's foot, `make sign-off`
and `make review-pack`, whose PDF is read back on a test git repository."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import front_matter
import sign_off
import site_model
from conftest import ROOT, TODAY, copy_project, need, page_paths

ROLE = "Early Years physiotherapist"
SERVICE = "Leicestershire Partnership NHS Trust, Children's Occupational Therapy Service"
PAGE = """---
title: A page
description: A page to sign.
last_reviewed: 2026-11-25
next_review: 2027-11-25
reviewed_by: {role}
{extra}---

## Section

Some words.
<!-- app/milestones band=1-2-years -->
"""
DATA = {"milestones": {"cdc": [{"band": "1-2-years", "age": "12 months", "items": [{"text": "Pull up to stand"}]},
                               {"band": "3-5-years", "age": "4 years", "items": [{"text": "Hop"}]}],
                       "who": [{"skill": "Walking alone", "from": 8, "to": 18, "bands": ["6-12-months", "1-2-years"]}]},
        "signs": {"signs": [{"text": "Not walking by 18 months", "bands": ["1-2-years"], "level": "non-urgent"},
                            {"text": "Not sitting by 8 months", "bands": ["6-12-months"], "level": "non-urgent"}]}}


def page(role: str = ROLE, extra: str = "") -> str:
    return PAGE.format(role=role, extra=extra)


def write_data(docs: Path, data: dict) -> None:
    import yaml
    (docs / ".data").mkdir(parents=True, exist_ok=True)
    for name, value in data.items():
        (docs / ".data" / f"{name}.yml").write_text(yaml.safe_dump(value), encoding="utf-8")


# --- the hash --------------------------------------------------------------------------------------

def test_the_hash_follows_the_words_not_the_front_matter_or_the_spaces():
    text = page()
    assert sign_off.content_hash(text) == sign_off.content_hash(
        page(role="pending", extra="signed_hash: 0123456789abcdef\n").replace("Some words.", "Some\n   words."))
    assert sign_off.content_hash(text) != sign_off.content_hash(text.replace("Some words", "Some word"))
    assert sign_off.SIGNED_HASH.fullmatch(sign_off.content_hash(text))


def test_the_hash_covers_the_data_of_the_bands_the_page_shows_and_no_other():
    shown = sign_off.shown_data(page(), DATA)
    assert [c["age"] for c in shown["cdc"]] == ["12 months"]
    assert [w["skill"] for w in shown["who"]] == ["Walking alone"]
    assert [s["text"] for s in shown["signs"]] == ["Not walking by 18 months"]
    signed = sign_off.content_hash(page(), shown)
    other_band = {**DATA, "signs": {"signs": [*DATA["signs"]["signs"][:1], {**DATA["signs"]["signs"][1], "text": "New"}]}}
    assert sign_off.content_hash(page(), sign_off.shown_data(page(), other_band)) == signed
    own_band = {**DATA, "signs": {"signs": [{**DATA["signs"]["signs"][0], "text": "Not walking by 20 months"}]}}
    assert sign_off.content_hash(page(), sign_off.shown_data(page(), own_band)) != signed


def test_markers_in_code_show_no_data_and_the_planner_shows_every_band():
    assert sign_off.shown_data(page().replace("<!-- app/milestones band=1-2-years -->",
                                              "`<!-- app/milestones band=1-2-years -->`"), DATA) == {}
    planner = sign_off.shown_data(page().replace("<!-- app/milestones band=1-2-years -->", "<!-- app/planner -->"), DATA)
    assert len(planner["cdc"]) == 2 and len(planner["signs"]) == 2


def test_the_real_age_pages_show_their_own_band():
    for band in ("0-6-months", "3-5-years"):
        for folder in ("ages", "easy-read"):
            text = (ROOT / "docs" / folder / f"{band}.md").read_text(encoding="utf-8")
            assert sign_off.shown_bands(text) == {band}, f"docs/{folder}/{band}.md"
    assert sign_off.shown_bands((ROOT / "docs" / "planner.md").read_text(encoding="utf-8")) is None
    assert sign_off.shown_bands((ROOT / "docs" / "help.md").read_text(encoding="utf-8")) == set()


# --- what a release refuses, in words -------------------------------------------------------------

def test_release_refuses_a_signed_page_without_its_hash_naming_the_file_and_the_command(tmp_path):
    problem = sign_off.release_problem("docs/x.md", {"reviewed_by": ROLE}, page(), tmp_path, site_model.DRAFT)
    assert problem.startswith(f"docs/x.md: is marked as signed off by the {ROLE}, but has no 'signed_hash'")
    assert 'make sign-off PAGES=docs/x.md ROLE="<their role>"' in problem
    assert "make review-pack PAGES=docs/x.md shows what changed" in problem


def test_release_refuses_a_page_whose_words_or_data_changed_after_sign_off(tmp_path):
    write_data(tmp_path, DATA)
    text = page()
    meta = {"reviewed_by": ROLE, "last_reviewed": dt.date(2026, 11, 25), "signed_hash": sign_off.page_hash(text, tmp_path)}
    assert sign_off.release_problem("docs/x.md", meta, text, tmp_path, site_model.DRAFT) is None
    assert sign_off.release_problem("docs/x.md", {"reviewed_by": "pending"}, text, tmp_path, site_model.DRAFT) is None

    changed = sign_off.release_problem("docs/x.md", meta, text.replace("Some words", "Other words"), tmp_path,
                                       site_model.DRAFT)
    assert changed.startswith("docs/x.md: its words, or the milestones or signs it shows (docs/.data/milestones.yml, "
                              f"docs/.data/signs.yml), changed after the {ROLE} signed it off on 25 November 2026.")
    write_data(tmp_path, {**DATA, "signs": {"signs": [{**DATA["signs"]["signs"][0], "text": "Not walking by 20 months"}]}})
    assert "changed after the" in sign_off.release_problem("docs/x.md", meta, text, tmp_path, site_model.DRAFT)

    words_only = page().replace("<!-- app/milestones band=1-2-years -->", "")
    meta["signed_hash"] = sign_off.page_hash(words_only, tmp_path)
    said = sign_off.release_problem("docs/x.md", meta, words_only + "More.\n", tmp_path, site_model.DRAFT)
    assert said.startswith(f"docs/x.md: its words changed after the {ROLE} signed it off on 25 November 2026. Ask a "
                           "clinician to review it")


class Config:
    extra = {"review_roles": [ROLE], "app_tags": {}}
    theme = type("Theme", (), {"dirs": []})()


@pytest.mark.parametrize("role, signed, expected", [
    ("pending", "0123456789abcdef", "line 7: has a 'signed_hash' but is a draft (reviewed_by: pending). The hash "
                                    "belongs to a sign-off: delete the 'signed_hash' line."),
    (ROLE, "abc", "line 7: 'signed_hash' is 'abc'. It is written by `make sign-off PAGES=<this page> "
                  "ROLE=\"<role>\"` when a clinician signs the page off: never type it."),
])
def test_a_wrong_signed_hash_says_what_to_do(role, signed, expected):
    text = page(role=role, extra=f"signed_hash: {signed}\n").replace("2026-11-25", TODAY.isoformat()).replace(
        "2027-11-25", (TODAY + dt.timedelta(days=300)).isoformat())
    _, problems = front_matter.page_problems(text, Config())
    assert any(p.startswith(expected) for p in problems), problems


def test_pages_due_within_90_days_soonest_first():
    today = dt.date(2027, 2, 28)
    pages = {"a.md": {"next_review": dt.date(2027, 5, 29)}, "b.md": {"next_review": dt.date(2027, 5, 30)},
             "c.md": {"next_review": dt.date(2027, 3, 1)}, "d.md": {}}
    assert sign_off.due_for_review(pages, today) == [("c.md", dt.date(2027, 3, 1)), ("a.md", dt.date(2027, 5, 29))]


# --- every page's foot ------------------------------------------------------------------------------

@pytest.mark.parametrize("path", page_paths())
def test_every_page_foot_shows_the_service_review_state_next_review_and_the_two_links(soups, site_dir, path):
    soup = soups[path]
    foot = soup.select_one("article .app-review")
    text = " ".join(foot.get_text(" ").split())
    if soup.select_one("article .app-draft"):
        assert f"A draft prepared for {SERVICE}." in text and "Written for" not in text
    else:
        assert f"Written for {SERVICE}. Page last reviewed: " in text and ", signed off by: " in text
    assert "Next review due:" in text
    links = {a.get_text(): a["href"] for a in foot.select("a")}
    assert set(links) == {"How we make this information", "Tell us about this page"}
    feedback, _, query = links["Tell us about this page"].partition("?")
    # The page's own path from the site's root, for docs/assets/feedback.js to put into the email.
    assert query == "page=" + path.removesuffix("index.html"), (path, query)
    for target, built in ((links["How we make this information"], "about/how-we-make-it/index.html"),
                          (feedback, "about/feedback/index.html")):
        folder = (site_dir / path).parent
        assert (folder / target / "index.html").resolve() == (site_dir / built).resolve(), (path, target)


# --- the whole path, through real builds -----------------------------------------------------------

def run(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


def with_scripts(project: Path) -> Path:
    """The copied project with the scripts `make sign-off` and `make review-pack` run."""
    (project / ".ci").mkdir(exist_ok=True)
    for name in ("sign_off.py", "review_pack.py", "fonts.conf"):
        shutil.copy(ROOT / ".ci" / name, project / ".ci" / name)
    (project / "tests").mkdir(exist_ok=True)
    shutil.copy(ROOT / "tests" / "readability.py", project / "tests" / "readability.py")
    return project


@pytest.mark.system
def test_sign_off_then_a_data_change_shows_in_the_foot_and_stops_a_release(tmp_path):
    project = with_scripts(copy_project(tmp_path))
    python = sys.executable
    wrong = run(project, python, ".ci/sign_off.py", "docs/help.md", env={"ROLE": "Physio"})
    assert wrong.returncode != 0 and "ROLE is 'Physio'. Give the role" in wrong.stderr
    done = run(project, python, ".ci/sign_off.py", "docs/help.md", "docs/ages/1-2-years.md", env={"ROLE": ROLE})
    assert done.returncode == 0, done.stderr
    text = (project / "docs" / "help.md").read_text(encoding="utf-8")
    assert (f"last_reviewed: {TODAY.isoformat()}\nnext_review: {TODAY.replace(year=TODAY.year + 1).isoformat()}\n"
            f'reviewed_by: {ROLE}\nsigned_hash: "{sign_off.page_hash(text, project / "docs")}"\n') in text

    milestones = project / "docs" / ".data" / "milestones.yml"
    source = milestones.read_text(encoding="utf-8")
    at = source.index('text: "', source.index("band: 1-2-years")) + len('text: "')
    milestones.write_text(source[:at] + "Usually " + source[at:], encoding="utf-8")

    mkdocs = str(Path(python).parent / "mkdocs")
    built = run(project, mkdocs, "build", "--strict", "--site-dir", "site")
    assert built.returncode == 0, built.stdout + built.stderr
    signed = " ".join(BeautifulSoup((project / "site" / "help" / "index.html").read_text(), "html.parser")
                      .select_one(".app-review").get_text(" ").split())
    assert f"Written for {SERVICE}. Page last reviewed: {site_model.nhs_date(TODAY)}, signed off by: {ROLE}." in signed
    changed = " ".join(BeautifulSoup((project / "site" / "ages" / "1-2-years" / "index.html").read_text(),
                                     "html.parser").select_one(".app-review").get_text(" ").split())
    assert f"A draft prepared for {SERVICE}." in changed and "Written for" not in changed
    assert f"Signed off by: {ROLE}, {site_model.nhs_date(TODAY)}, and changed since" in changed

    released = run(project, mkdocs, "build", "--strict", "--site-dir", "site",
                   env={"RELEASE": "1", "SITE_URL": "https://example.nhs.uk/"})
    out = released.stdout + released.stderr
    assert released.returncode != 0 and "Traceback" not in out
    assert ("docs/ages/1-2-years.md: its words, or the milestones or signs it shows (docs/.data/milestones.yml, "
            f"docs/.data/signs.yml), changed after the {ROLE} signed it off") in out
    assert "docs/help.md: its words changed after" not in out, "help.md shows no milestone and its words are the ones signed"


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=project,
                   check=True, capture_output=True)


@pytest.fixture(scope="module")
def signed_repository(tmp_path_factory) -> Path:
    """A test git repository: the project with every page signed off but two drafts in one commit,
    then a later edit to one signed page, not yet committed."""
    project = with_scripts(copy_project(tmp_path_factory.mktemp("review-pack")))
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Drafts")
    pages = sorted(str(p.relative_to(project)) for p in (project / "docs").rglob("*.md")
                   if not any(part.startswith(".") for part in p.relative_to(project / "docs").parts))
    signed = [p for p in pages if p not in ("docs/play/tummy-time.md", "docs/glossary.md")]
    done = run(project, sys.executable, ".ci/sign_off.py", *signed, env={"ROLE": ROLE})
    assert done.returncode == 0, done.stderr
    git(project, "commit", "-q", "-am", "Signed off")
    help_page = project / "docs" / "help.md"
    help_page.write_text(help_page.read_text(encoding="utf-8").replace(
        "you are worried about how your child moves", "you are worried about how your child walks, moves"),
        encoding="utf-8")
    return project


@pytest.mark.browser
def test_review_pack_of_every_draft_and_changed_page_shows_the_change(signed_repository, tmp_path):
    need("/usr/bin/chromium", "chromium")
    need("pdfunite", "poppler-utils")
    out = tmp_path / "pack.pdf"
    made = run(signed_repository, sys.executable, ".ci/review_pack.py", env={"OUT": str(out)})
    assert made.returncode == 0, made.stdout + made.stderr
    assert "the review pack, 3 pages to review" in made.stdout
    text = pdf_text(out)
    flat = " ".join(text.split())
    front = flat[:flat.index("Review sheet")]
    for title, name in (("Tummy time", "docs/play/tummy-time.md"), ("Words we use", "docs/glossary.md"),
                        ("Worried? Get help", "docs/help.md")):
        assert title in front and name in front
        assert f"Review sheet: {title}" in flat
    assert "and changes not yet committed" in front and "changed since" in front
    assert f"Due for review in the next 90 days (by {site_model.nhs_date(TODAY + dt.timedelta(days=90))})" in flat
    help_sheet = flat[flat.index("Review sheet: Worried? Get help"):]
    assert f"signed off by the {ROLE} on {site_model.nhs_date(TODAY)}" in help_sheet
    assert "you are worried about how your child {+walks,+} moves" in help_sheet
    tummy = flat[flat.index("Review sheet: Tummy time"):]
    assert "This page has not been signed off before: please review all of it." in tummy
    assert "Flesch-Kincaid grade" in tummy and "https://www.nhs.uk/" in tummy
    assert "Non-urgent advice" in flat, "the care cards listed together"
    assert flat.count("Signature:") == 3 and ROLE in flat
    # The page as a parent prints it: its header's address is the print channel's short link.
    assert "Read this page online: http://127.0.0.1:8000/print/tummy-time/" in flat, "the page as printed"


@pytest.mark.browser
def test_review_pack_of_named_pages_only(signed_repository, tmp_path):
    need("/usr/bin/chromium", "chromium")
    need("pdfunite", "poppler-utils")
    out = tmp_path / "pack.pdf"
    made = run(signed_repository, sys.executable, ".ci/review_pack.py", "docs/about/index.md", env={"OUT": str(out)})
    assert made.returncode == 0, made.stdout + made.stderr
    flat = " ".join(pdf_text(out).split())
    assert flat.count("Review sheet:") == 1 and "Review sheet: About this site" in flat
    assert "Nothing: the words, and the data the page shows, are the ones signed off." in flat
    missing = run(signed_repository, sys.executable, ".ci/review_pack.py", "docs/nope.md")
    assert missing.returncode != 0 and "docs/nope.md: there is no such page" in missing.stderr


def test_the_build_warns_about_pages_due_within_90_days_without_stopping(capsys, tmp_path, monkeypatch):
    from types import SimpleNamespace
    soon, later = TODAY + dt.timedelta(days=90), TODAY + dt.timedelta(days=91)
    files = SimpleNamespace(documentation_pages=lambda: [
        SimpleNamespace(abs_src_path=str(tmp_path / "docs" / "a.md"), app_meta={"next_review": later}),
        SimpleNamespace(abs_src_path=str(tmp_path / "docs" / "b.md"), app_meta={"next_review": soon})])
    front_matter.warn_due(files, tmp_path)
    said = capsys.readouterr().err
    assert said.startswith("WARNING -  front_matter.py: 1 page is due for review within 90 days")
    assert f"docs/b.md: next review {site_model.nhs_date(soon)}" in said and "a.md" not in said
    files.documentation_pages = lambda: []
    front_matter.warn_due(files, tmp_path)
    assert capsys.readouterr().err == ""
