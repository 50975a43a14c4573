"""When a page's words were last checked against their sources (content review W4): the date
shows only while the words are the ones that were checked (`checked_text`, a fingerprint that
`make checked` writes), and a release refuses a page whose words changed after its check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import front_matter
import front_matter_reader
import site_model
from conftest import ROOT, TODAY, copy_project

PAGE = "docs/help.md"


def test_the_fingerprint_follows_the_words_not_the_front_matter_or_the_spaces():
    text = "---\ntitle: A\nlast_reviewed: 2026-11-25\n---\nSome words,\nhere.\n"
    same = "---\ntitle: B\nlast_reviewed: 2027-01-01\nchecked_text: 0123456789ab\n---\n\nSome   words, here.\n\n"
    assert front_matter_reader.text_fingerprint(text) == front_matter_reader.text_fingerprint(same)
    assert front_matter_reader.text_fingerprint(text) != front_matter_reader.text_fingerprint(text.replace("words", "word"))
    assert len(front_matter_reader.text_fingerprint(text)) == 12


def test_a_mistyped_checked_text_says_what_to_do(monkeypatch):
    config = SimpleConfig()
    meta = {"title": "T", "description": "D", "last_reviewed": TODAY, "next_review": TODAY.replace(year=TODAY.year + 1),
            "reviewed_by": "pending", "checked_text": "yes"}
    problems = front_matter.check(meta, config)
    assert any("'checked_text' is 'yes'. It is written by `make checked PAGES=<this page>`" in p for p in problems)


class SimpleConfig:
    extra = {"review_roles": [], "app_tags": {}}


def run(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


@pytest.mark.slow  # a real build of its own
@pytest.mark.system
def test_make_checked_records_the_check_and_a_change_of_words_undoes_it(tmp_path):
    """The whole path: record a check, build (the date shows), change a word, build again (it does
    not), and a release refuses the changed page naming the command that records a new check."""
    project = copy_project(tmp_path)
    python = Path(sys.executable)
    (project / ".ci").mkdir()
    (project / ".ci" / "checked.py").write_text((ROOT / ".ci" / "checked.py").read_text(encoding="utf-8"))
    done = run(project, str(python), ".ci/checked.py", PAGE)
    assert done.returncode == 0, done.stderr
    assert f"{PAGE}: checked on {TODAY.isoformat()}" in done.stdout
    text = (project / PAGE).read_text(encoding="utf-8")
    assert f"last_reviewed: {TODAY.isoformat()}\nchecked_text: {front_matter_reader.text_fingerprint(text)}\n" in text

    mkdocs = str(python.parent / "mkdocs")
    built = run(project, mkdocs, "build", "--strict", "--site-dir", "site")
    assert built.returncode == 0, built.stdout + built.stderr
    html = (project / "site" / "help" / "index.html").read_text(encoding="utf-8")
    assert f"Content checked against its sources: {site_model.nhs_date(TODAY)}" in html
    assert "Content checked against its sources" not in (project / "site" / "about" / "index.html").read_text()

    (project / PAGE).write_text(text + "\nA sentence added after the check.\n", encoding="utf-8")
    built = run(project, mkdocs, "build", "--strict", "--site-dir", "site")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Content checked against its sources" not in (project / "site" / "help" / "index.html").read_text()

    released = run(project, mkdocs, "build", "--strict", "--site-dir", "site",
                   env={"RELEASE": "1", "SITE_URL": "https://example.nhs.uk/"})
    out = released.stdout + released.stderr
    assert released.returncode != 0 and "Traceback" not in out
    assert f"{PAGE}: its words have changed since they were last checked" in out
    assert f"make checked PAGES={PAGE}" in out

    missing = run(project, str(python), ".ci/checked.py", "docs/no-such-page.md")
    assert missing.returncode != 0 and "docs/no-such-page.md: there is no such page" in missing.stderr
