"""The site's data files (docs/.data/*.yml: the milestones, the signs, the languages): read as
YAML, with the slips an editor makes there named in plain words, the file and the line.

A plain module: milestones.py, care_signs.py and language_names.py read their files through it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

import front_matter_reader

# libyaml's loader where PyYAML was built with it (ten times faster over milestones.yml): the same
# data, tokens and line marks as PyYAML's own SafeLoader, which stays for what an error says.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_data_file(config, filename: str, what: str) -> tuple[object, str, str]:
    """docs/.data/<filename>, read as YAML: (its data, its text, its name for messages). A file
    that cannot be read or parsed stops the build with that name, the line and `what` it holds."""
    path = Path(config.docs_dir) / ".data" / filename
    name = os.path.relpath(path, Path(config.config_file_path).parent)
    try:
        source = path.read_text(encoding="utf-8")
        try:
            return yaml.load(source, Loader=FAST_LOADER), source, name
        except yaml.YAMLError:
            return yaml.safe_load(source), source, name  # a slip: PyYAML's own words for it, as always
    except OSError as error:
        raise PluginError(f"{name}: cannot read {what}: {error.strerror}.")
    except yaml.YAMLError as error:
        line, problem = front_matter_reader.yaml_problem(error, 1, source)
        raise PluginError(f"{name}" + (f", line {line}" if line else "") + f": this file cannot be read: {problem}.")


DECIMAL_COMMA = r"(?:^|[{{,\s])({keys}):[ \t]*(\d+),(\d+)\b"


def decimal_comma(source: str, keys) -> tuple[int, str] | None:
    """(line, problem) for a number of months written with a decimal comma, such as 'from: 3,8'."""
    pattern = re.compile(DECIMAL_COMMA.format(keys="|".join(keys)), re.M)
    match = pattern.search(source)
    if not match:
        return None
    key, whole, part = match.groups()
    return (source.count("\n", 0, match.start(1)) + 1,
            f"'{key}' is written {whole},{part}, with a comma. Ages are a number of months with a full stop for "
            f"part of a month: write {key}: {whole}.{part} (or a whole number, such as {key}: {whole}).")


def anchor_problem(source: str) -> tuple[int, str] | None:
    """(line, problem) for a YAML anchor (&name) or alias (*name): they copy an entry from elsewhere
    in the file without showing it, so what a page shows could not be read where it stands."""
    try:
        for token in yaml.scan(source, Loader=FAST_LOADER):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                mark = "&" if isinstance(token, yaml.AnchorToken) else "*"
                return (token.start_mark.line + 1,
                        f"'{mark}{token.value}' is a YAML {'anchor' if mark == '&' else 'alias'}, which copies an "
                        "entry to another place without showing it there. Write each entry out in full where it "
                        "belongs (and take out the '&' and '*' names), so every entry can be read and reviewed "
                        "where it stands.")
    except yaml.YAMLError:
        return None
    return None


def entry_lines(source: str) -> dict[tuple[str, int], int]:
    """{(list name, index): line} for the entries of the top-level lists, such as ('cdc', 0): 36."""
    try:
        root = yaml.compose(source, Loader=FAST_LOADER)
    except yaml.YAMLError:
        return {}
    found = {}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(value, yaml.SequenceNode):
                for index, node in enumerate(value.value):
                    found[(key.value, index)] = node.start_mark.line + 1
    return found
