"""Reading the data files (overrides/hooks/data_files.py), on small files of their own."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

import data_files


def project(tmp_path, text: str | None):
    (tmp_path / "docs" / ".data").mkdir(parents=True)
    if text is not None:
        (tmp_path / "docs" / ".data" / "things.yml").write_text(text, encoding="utf-8")
    return SimpleNamespace(docs_dir=str(tmp_path / "docs"), config_file_path=str(tmp_path / "mkdocs.yml"))


def test_a_data_file_is_read_with_its_name_for_messages(tmp_path):
    data, source, name = data_files.read_data_file(project(tmp_path, "things:\n  - a\n"), "things.yml", "the things")
    assert (data, source, name) == ({"things": ["a"]}, "things:\n  - a\n", "docs/.data/things.yml")


def test_a_missing_data_file_names_itself_and_what_it_holds(tmp_path):
    with pytest.raises(PluginError, match=r"^docs/\.data/things\.yml: cannot read the things: No such file"):
        data_files.read_data_file(project(tmp_path, None), "things.yml", "the things")


def test_a_data_file_yaml_cannot_read_names_the_line_in_plain_words(tmp_path):
    with pytest.raises(PluginError, match=r"^docs/\.data/things\.yml, line 2: this file cannot be read: there is a "
                                          r"second ':' in the line\. Put the value in quotes"):
        data_files.read_data_file(project(tmp_path, "things: 1\ntitle: Tummy time: first\n"), "things.yml", "the things")


def test_entries_are_found_by_their_line():
    source = "# a comment\ncdc:\n  - age: 2 months\n    months: 2\n  - age: 4 months\nwho:\n  - skill: Sitting\n"
    assert data_files.entry_lines(source) == {("cdc", 0): 3, ("cdc", 1): 5, ("who", 0): 7}
    assert data_files.entry_lines("cdc: [") == {}


def test_a_decimal_comma_is_named_with_its_line_and_the_fix():
    line, problem = data_files.decimal_comma("who:\n  - {skill: Sitting, from: 3,8, to: 9.2}\n", ("from", "to"))
    assert line == 2 and "write from: 3.8" in problem
    assert data_files.decimal_comma("items: [1,2]\ntext: \"3,8 blocks\"\n", ("from", "to")) is None
