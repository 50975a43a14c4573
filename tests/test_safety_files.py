"""The Trust's safety and data files (safety/) point only at tests that exist.

The hazard log names, for each control, the test that shows it works; the data protection note
names its evidence the same way. A test renamed or deleted would leave the log pointing at
evidence that is gone: this fails first, naming the file, the line and the missing test.
"""

from __future__ import annotations

import ast
import functools
import re

import pytest

from conftest import ROOT

SAFETY = ROOT / "safety"
NAMED_TEST = re.compile(r"tests/(test_\w+\.py)::(test_\w+)")
HAZARD = re.compile(r"^## (H\d\d)\. .+$", re.M)


@functools.cache  # each test file read once, however many lines name it
def functions_in(file: str) -> set[str]:
    """The test functions defined in tests/<file> (at module level or in a class)."""
    path = ROOT / "tests" / file
    if not path.is_file():
        return set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_")}


def named_tests(text: str) -> list[tuple[int, str, str]]:
    """(line, file, function) for every `tests/<file>.py::<function>` in a text."""
    return [(text.count("\n", 0, m.start()) + 1, m[1], m[2]) for m in NAMED_TEST.finditer(text)]


def missing_tests(text: str) -> list[str]:
    return [f"line {line}: tests/{file}::{name} does not exist" for line, file, name in named_tests(text)
            if name not in functions_in(file)]


@pytest.mark.parametrize("name", ["hazard-log.md", "data-protection.md"])
def test_every_test_named_in_the_safety_files_exists(name):
    text = (SAFETY / name).read_text(encoding="utf-8")
    assert named_tests(text), f"safety/{name} names no tests"
    assert missing_tests(text) == [], f"safety/{name}: rename the test here too, or name the test that replaced it"


def test_a_missing_test_is_found():
    """The check itself: a made-up name and a made-up file are both reported, a real one is not."""
    text = ("`tests/test_safety.py::test_no_page_shows_999_or_111_as_plain_text`\n"
            "`tests/test_safety.py::test_that_was_never_written`\n`tests/test_gone.py::test_x`\n")
    assert missing_tests(text) == ["line 2: tests/test_safety.py::test_that_was_never_written does not exist",
                                   "line 3: tests/test_gone.py::test_x does not exist"]


def test_every_hazard_has_a_cause_a_control_and_a_test():
    """Each hazard in the DCB0129 shape: hazard, cause, effect, controls, and at least one test."""
    text = (SAFETY / "hazard-log.md").read_text(encoding="utf-8")
    starts = [m.start() for m in HAZARD.finditer(text)]
    assert len(starts) >= 10
    for start, end in zip(starts, starts[1:] + [len(text)]):
        section = text[start:end]
        title = section.splitlines()[0]
        for field in ("| Hazard |", "| Cause |", "| Effect |", "| Controls |", "| Tests that show the controls |",
                      "| Residual risk (proposed) |", "| Status |"):
            assert field in section, f"{title}: no '{field.strip('| ')}' row"
        row = next(line for line in section.splitlines() if line.startswith("| Tests that show the controls |"))
        assert NAMED_TEST.search(row), f"{title}: no test shows its controls"


def test_the_safety_files_are_not_published(site_dir):
    assert not (site_dir / "safety").exists() and not list(site_dir.rglob("hazard-log*"))
