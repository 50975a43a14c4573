"""Reading a page's front matter: split it from the Markdown, parse its YAML, and say what is
wrong in an editor's words, with the line to fix.

This is the reader, a plain module any step or script may call (print_packs.py and easy_read.py
read the pages they are made of, .ci/checked.py and .ci/sign_off.py read pages outside a build).
The step front_matter.py is something else: it runs in the build, reads every page with this
module, then CHECKS what the fields say (a title, a description, review dates, tags, a picture)
and keeps the result on each page's File as `app_meta`, which `meta_of` gives back.
"""

from __future__ import annotations

import hashlib
import re

import yaml


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML that keeps an impossible date such as 2027-13-01 as text, so we can name it, and
    refuses a field given twice (plain YAML would silently keep the last one)."""


def _timestamp(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


class DuplicateField(yaml.constructor.ConstructorError):
    """A field given twice in one mapping: `first` is where it was given first."""

    def __init__(self, name: str, first, again):
        super().__init__(None, None, f"'{name}' is given twice", again)
        self.name, self.first = name, first


def _mapping(loader, node):
    loader.flatten_mapping(node)
    seen: dict = {}
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            if key_node.value in seen:
                raise DuplicateField(key_node.value, seen[key_node.value], key_node.start_mark)
            seen[key_node.value] = key_node.start_mark
    return loader.construct_mapping(node, deep=True)


Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
Loader.add_constructor("tag:yaml.org,2002:map", _mapping)
# The block MkDocs reads: `---` on the first line, closed by `---` or `...` on a line of its own.
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
# What YAML says, in the words an editor needs: (part of YAML's message, what to do).
YAML_PROBLEMS = [
    ("mapping values are not allowed", "a second ':' in the line. Put the value in quotes, for example "
     'title: "Tummy time: the first weeks"'),
    ("could not find expected ':'", "a line that is not 'field: value'. A value that goes on to the next "
     "line must be indented, and every field needs a ':' after its name"),
    ("cannot start any token", "a value that starts with a sign YAML keeps for itself (such as @, ` or %). "
     "Put the value in quotes"),
    ("alias", "a value that starts with '*' or '&'. Put the value in quotes"),
    ("anchor", "a value that starts with '*' or '&'. Put the value in quotes"),
    ("flow", "a value that starts with '[' or '{' and is not closed, or a ':' or ',' in a value between "
     "'{ }'. Put the value in double quotes"),
    ("sequence entries", "a value that starts with '- '. Put the value in quotes"),
    ("tag", "a value that starts with '!'. Put the value in quotes"),
    ("end of stream", "a quote that is not closed. End the value with the same quote it starts with"),
    ("quoted scalar", "a quote that is not closed, or a quote inside quotes. Use double quotes outside "
     "and single quotes inside"),
    ("expected <block end>", "a line indented differently from the lines around it. Line up the field "
     "names at the left edge and indent list items ('- ') by two spaces"),
    ("did not find expected", "a line indented differently from the lines around it. Line up the field "
     "names at the left edge and indent list items ('- ') by two spaces"),
]


def yaml_problem(error: yaml.YAMLError, first_line: int, source: str = "") -> tuple[int | None, str]:
    """(the line in the file, what is wrong in plain words) for a YAML error in `source`, whose
    first line is line `first_line` of the file."""
    mark = getattr(error, "problem_mark", None)
    if "quoted scalar" in str(getattr(error, "context", "")) and getattr(error, "context_mark", None):
        mark = error.context_mark  # where the quote opens, not where the text ends
    line = mark.line + first_line if mark else None
    if isinstance(error, DuplicateField):
        first = error.first.line + first_line
        return line, (f"'{error.name}' is given twice" + (f" (lines {first} and {line})" if first != line else "")
                      + ". Keep one and delete the other")
    lines = source.split("\n")
    text = lines[mark.line] if mark and mark.line < len(lines) else ""
    if "\t" in text:
        return line, "there is a tab. Use spaces, not tabs"
    said = f"{getattr(error, 'problem', None) or ''} {getattr(error, 'context', None) or ''}"
    if "mapping values" in said and text[:1] in (" ", "\t") and mark.line > 0 and ":" in text:
        return line, ("there is a field indented by spaces. Field names start at the left edge, with no "
                      "spaces before them")
    if "expected key" in said and re.match(r"""^\s*[\w-]+\s*:\s*["']""", text):
        return line, ("there is text after a closing quote, or a quote inside quotes. Use double quotes "
                      "outside and single quotes inside, for example title: \"Your child's first steps\"")
    for words, plain in YAML_PROBLEMS:
        if words in said:
            return line, f"there is {plain}"
    return line, "there is a mistake in the colons, quotes or spaces at the start of the line"


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(the front matter's YAML, the Markdown after it); (None, text) when there is none."""
    match = FRONT_MATTER.match(text)
    return (match.group(1) or "", text[match.end():]) if match else (None, text)


def text_fingerprint(text: str) -> str:
    """12 hex digits that change when a page's words change, and not when only its front matter
    or its line breaks and spaces do: `checked_text` in the front matter holds the fingerprint of
    the words that were checked (README, "When a page is checked")."""
    _, body = split_front_matter(text)
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()[:12]


def front_matter_line(text: str, key: str) -> int | None:
    """The line of the file where the front matter field `key` is written, counted from 1."""
    block, _ = split_front_matter(text)
    for number, line in enumerate((block or "").split("\n"), 2):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return None


def _not_closed(text: str) -> str:
    """Where a front matter block that is never closed should end, in words."""
    lines = text.split("\n")
    for number, line in enumerate(lines[1:], 2):
        if re.fullmatch(r"\s*(-{2,}|\.{2,}|—+|–+)\s*", line):
            return (f"line {number}: the front matter is not closed: '{line.strip()}' must be exactly three "
                    "dashes, '---', on a line of their own.")
    inside = _text_inside("\n".join(lines[1:]))
    if inside:
        return (f"line {inside}: the front matter is not closed before the page's text starts. Put a line with "
                "only '---' after the last field.")
    return ("the front matter is not closed. Put a line with only '---' after the last field "
            "(see README.md).")


def _text_inside(block: str) -> int | None:
    """The line of the page's own text inside a front matter block whose '---' is missing."""
    blank = False
    for number, line in enumerate(block.split("\n"), 2):
        if not line.strip():
            blank = True
        elif blank and not line.startswith((" ", "\t", "-", "#")) and not re.match(r"^[\w-]+\s*:", line):
            return number
        elif line.startswith("#") and re.match(r"^#{1,6} \S", line):
            return number
    return None


def read_front_matter(text: str) -> tuple[dict | None, str | None]:
    """(front matter, problem): the problem is None when the block parses to a mapping.
    A problem on a known line starts "line N: "."""
    block, _ = split_front_matter(text)
    if block is None:
        if text.startswith("---"):
            return None, _not_closed(text)
        if text.lstrip().startswith("---"):
            return None, ("the front matter must start on the very first line. Delete the empty lines "
                          "above the first '---'.")
        return None, "has no front matter. Start the page with a block between two '---' lines (see README.md)."
    for number, line in enumerate(block.split("\n"), 2):
        squashed = re.match(r"^([A-Za-z_]+):([^\s/][^\n]*)$", line)
        if squashed:
            return None, (f"line {number}: put a space after the ':' in '{line.strip()}', like this: "
                          f"{squashed.group(1)}: {squashed.group(2)}")
    try:
        data = yaml.load(block, Loader=Loader) or {}
    except yaml.YAMLError as error:
        inside = _text_inside(block)
        if inside:
            return None, (f"line {inside}: the front matter is not closed before the page's text starts. "
                          "Put a line with only '---' after the last field.")
        line, problem = yaml_problem(error, 2, block)
        return None, (f"line {line}: " if line else "") + f"the front matter cannot be read: {problem}."
    if not isinstance(data, dict):
        return None, "the front matter must be a list of 'field: value' lines."
    return data, None


def meta_of(file) -> dict:
    """The front matter front_matter.py checked and kept on the File (empty before that)."""
    return getattr(file, "app_meta", None) or {}
