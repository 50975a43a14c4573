"""Plain English, measured: reading grade per page and for the site, and British spelling."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, need
from readability import MAX_MEDIAN_GRADE, MAX_PAGE_GRADE, MIN_WORDS, scores


@pytest.fixture(scope="module")
def grades(site_dir, soups):
    return {path: grade for path, (words, grade) in scores(site_dir, soups).items()
            if words >= MIN_WORDS and not path.startswith("components/")}


def test_enough_pages_are_measured(grades):
    assert len(grades) >= 40


def test_every_page_reads_at_grade_8_or_lower(grades):
    too_hard = {path: round(g, 1) for path, g in grades.items() if g > MAX_PAGE_GRADE}
    assert too_hard == {}, "rewrite these pages with shorter sentences and words"


def test_site_median_is_grade_6_or_lower(grades):
    assert statistics.median(grades.values()) <= MAX_MEDIAN_GRADE


def test_the_score_tells_hard_text_from_easy():
    from readability import grade
    easy = "Put your baby on the floor. Let them kick. Stay close and smile at them."
    hard = ("Occupational therapists facilitate participation in developmentally appropriate "
            "activities, considering proprioceptive, vestibular and bilateral coordination difficulties.")
    assert grade(easy) < 4 < MAX_PAGE_GRADE < grade(hard)


def spelling(site_dir: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    need("aspell", "aspell and aspell-en")
    config = (ROOT / "tests" / "spelling" / "pyspelling.yml").read_text()
    config = config.replace("site/**/*.html", f"{site_dir}/**/*.html")
    config = config.replace(".pytest_cache/spelling.dic", str(tmp_path / "spelling.dic"))
    (tmp_path / "pyspelling.yml").write_text(config)
    return subprocess.run([sys.executable, "-m", "pyspelling", "-c", str(tmp_path / "pyspelling.yml")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ})


@pytest.mark.system
def test_british_spelling(site_dir, tmp_path):
    result = spelling(site_dir, tmp_path)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


@pytest.mark.system
def test_spelling_check_catches_american_spelling(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body><article><p>The color of the organize box.</p></article></body></html>")
    result = spelling(site, tmp_path)
    assert result.returncode != 0 and "color" in result.stdout and "organize" in result.stdout
