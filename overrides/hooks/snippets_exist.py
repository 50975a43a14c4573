"""A missing snippet stops the build with the page's name, before Markdown would crash on it.

pymdownx.snippets (check_paths: true) raises its own error with a traceback; this hook finds
`--8<-- "file.md"` lines (and the block form) first and says which page names which file,
and refuses a snippet from outside the snippets folder (`../mkdocs.yml`, `/etc/...`, a web address).
It reads `base_path` as pymdownx.snippets does: on_config makes each folder absolute (from the
folder of mkdocs.yml), so the check and the real loader look in the same place, from any folder.
Like pymdownx.snippets, it also reads snippet lines inside code blocks.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

import build_cache
import site_model
from site_model import where, without_code

INLINE = re.compile(r"^\s*--8<--\s+(['\"])(.+?)\1", re.M)
BLOCK = re.compile(r"^\s*--8<--\s*\n(.*?)^\s*--8<--\s*$", re.S | re.M)


def snippet_names(markdown: str) -> list[str]:
    prose = markdown
    names = [m.group(2) for m in INLINE.finditer(prose)]
    for block in BLOCK.finditer(prose):
        names += [line.strip() for line in block.group(1).splitlines() if line.strip() and not line.strip().startswith(";")]
    # A snippet may name a section or lines ("file.md:name"); the file is the part before.
    return [re.sub(r":[\w,-]+$", "", name) for name in names]


def snippet_bases(config) -> list[Path]:
    bases = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", ["."])
    return [Path(b) for b in ([bases] if isinstance(bases, str) else bases)]


def on_config(config, **kwargs):
    """The snippet folders are read from mkdocs.yml's folder; the files appended to every page
    must exist, or no page can be built."""
    options = config.mdx_configs.setdefault("pymdownx.snippets", {})
    root = Path(config.config_file_path).parent
    options["base_path"] = [str((root / b).resolve()) for b in snippet_bases(config)]
    for name in options.get("auto_append", []):
        if not any((base / name).is_file() for base in snippet_bases(config)):
            raise PluginError(f"mkdocs.yml: pymdownx.snippets appends '{name}' to every page, but it does not "
                              f"exist in {', '.join(str(b) for b in snippet_bases(config))}.")
    return config


def snippet_problem(name: str, bases: list[Path]) -> str | None:
    """Why the snippet `name` cannot be put into a page, or None."""
    folders = ", ".join(f"docs/{b.name}" if b.parent.name == "docs" else str(b) for b in bases)
    if re.match(r"^[a-z][a-z0-9+.-]*://", name, re.I):
        return (f"the snippet '{name}' is a web address. Snippets are files in {folders}: write the file "
                "name, such as --8<-- \"links.md\".")
    if Path(name).is_absolute() or not any((b / name).resolve().is_relative_to(b.resolve()) for b in bases):
        return (f"the snippet '{name}' is outside {folders}. Snippets can only come from there: write just the "
                "file name, such as --8<-- \"links.md\".")
    if not any((base / name).is_file() for base in bases):
        return f"the snippet '{name}' does not exist. Snippets live in {folders}; check the file name."
    return None


def on_page_markdown(markdown, page, config, build=None, **kwargs):
    bases = snippet_bases(config)
    for name in snippet_names(markdown):
        problem = snippet_problem(name, bases)
        if problem:
            raise PluginError(f"{where(page, config, name)}: {problem}")
    if build is None or build.link_names is None:  # links.md read once a build
        known = link_names(config)
        if build is not None:
            build.link_names = known
    known = build.link_names if build is not None else known
    # A page found right once is not read again until it, links.md or the code changes (build_cache.py).
    found = build_cache.problems("snippets_exist links", (build_cache.code(__file__), build_cache.code(site_model.__file__),
                                                          "\n".join(sorted(known)), markdown),
                                 lambda: unknown_links(markdown, known))
    if found:
        raise PluginError(f"{where(page, config, found[0][0])}: {found[0][1]}")
    return markdown


# --- the snippet files appended to every page: links.md and abbr.md ------------------------------
#
# Whatever is in them is added to the foot of every page, so a line that is not a definition
# shows on every page (a '## heading' most of all). Each line is a definition, a comment or blank.

COMMENT = re.compile(r"^\[//\]:[ ]+#(?:[ ]+\(.*\))?[ ]*$")
LINK_LINE = re.compile(r"^\[([\w-]+)\]:[ ]*(\S+)[ ]*$")
ABBR_LINE = re.compile(r"^\*\[([^\]\n]+)\]:[ ]*(\S.*?)[ ]*$")
LINK_EXAMPLE = "[nhs-active]: https://www.nhs.uk/baby/..."
ABBR_EXAMPLE = "*[OT]: Occupational therapy, or an occupational therapist"


def _stray_line(name: str, line: str) -> str:
    """Why a line of a snippet file that is not a definition, a comment or blank is wrong."""
    example = LINK_EXAMPLE if name == "links.md" else ABBR_EXAMPLE
    kind = "a link, '[name]: address'" if name == "links.md" else "an abbreviation, '*[WORD]: what it means'"
    rule = (f"Every line of this file is {kind} such as {example}, a note written [//]: # (your note), or blank. "
            "Whatever else is here shows at the foot of every page.")
    shown = line.strip()[:70]
    if re.match(r"^\s*#{1,6}(\s|$)", line):
        return f"'{shown}' is a heading, and it would show at the foot of every page. Delete it, or make it a " \
               f"note: [//]: # ({line.strip().lstrip('#').strip()}). {rule}"
    if line.startswith((" ", "\t")):
        return f"the line '{shown}' starts with spaces. Take them away. {rule}"
    if line.startswith("[//]:"):
        return (f"the note '{shown}' is not written as a note, so it would show on every page. Write it "
                "[//]: # (your note), with the words inside round brackets and the closing bracket at the end.")
    if name == "links.md" and re.match(r"^\[[^\]]*\]:", line):
        return (f"the link '{shown}' is not one name and one address. Write the name in square brackets "
                "(small letters, digits and hyphens, no spaces), a colon, a space and the address, and "
                f"nothing after it: {LINK_EXAMPLE}")
    if name == "abbr.md" and re.match(r"^\*?\[", line):
        return (f"the abbreviation '{shown}' is not written as one. Write '*', the word in square brackets, a "
                f"colon, a space and what it means: {ABBR_EXAMPLE}")
    return f"the line '{shown}' is not a definition. {rule}"


def snippet_file_problems(name: str, text: str) -> list[tuple[int, str]]:
    """(line, problem) for each line of links.md or abbr.md that would show on every page, and each
    link name or abbreviation defined twice (the second is the one ignored or used: either way, a
    slip). Link names are compared as Markdown does, ignoring capitals."""
    problems, seen = [], {}
    definition = LINK_LINE if name == "links.md" else ABBR_LINE
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip() or COMMENT.match(line):
            continue
        match = definition.match(line)
        if not match:
            problems.append((number, _stray_line(name, line)))
            continue
        key = match.group(1).casefold() if name == "links.md" else match.group(1)
        what = "link name" if name == "links.md" else "abbreviation"
        if key in seen:
            problems.append((number, f"the {what} '{match.group(1)}' is defined twice (lines {seen[key]} and "
                                     f"{number}). Keep one: delete this line, or give it a name of its own."))
        else:
            seen[key] = number
    return problems


def on_files(files, config, **kwargs):
    """links.md and abbr.md, appended to every page, hold only definitions: checked once, here."""
    folder = Path(config.docs_dir) / ".snippets"
    for name in ("links.md", "abbr.md"):
        path = folder / name
        if not path.is_file():
            continue
        found = snippet_file_problems(name, path.read_text(encoding="utf-8"))
        if found:
            line, problem = found[0]
            raise PluginError(f"docs/.snippets/{name}, line {line}: {problem}")
    return files


# --- link names used in a page --------------------------------------------------------------------

# [words][name], [name][] and [name] on its own (a "shortcut"), outside code. A shortcut is only a
# link name when it looks like one (nhs-active, tel-999): [sic] or a task's [ ] is left alone.
FULL_REFERENCE = re.compile(r"(?<![\\!])\[((?:[^\[\]\n]|\[[^\[\]\n]*\])+)\]\[([^\]\n]*)\]")
SHORTCUT = re.compile(r"(?<![\]\\!*\w])\[([a-z0-9]+(?:-[a-z0-9]+)+)\](?![\[(:{])", re.I)
PAGE_DEFINITION = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:", re.M)


def link_names(config) -> set[str]:
    """Every link name links.md defines, as Markdown compares them (ignoring capitals)."""
    path = Path(config.docs_dir) / ".snippets" / "links.md"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return set()
    return {m.group(1).casefold() for m in map(LINK_LINE.match, text.split("\n")) if m}


def unknown_links(markdown: str, known: set[str]) -> list[tuple[str, str]]:
    """(what was written, the problem) for each link name a page uses that is not defined."""
    prose = without_code(markdown)
    defined = known | {m.group(1).casefold() for m in PAGE_DEFINITION.finditer(prose)}
    found = []
    for match in FULL_REFERENCE.finditer(prose):
        name = match.group(2) or match.group(1)
        if name.casefold() not in defined:
            found.append((match.group(0), name))
    for match in SHORTCUT.finditer(FULL_REFERENCE.sub(lambda m: " " * len(m.group(0)), prose)):
        if match.group(1).casefold() not in defined:
            found.append((match.group(0), match.group(1)))
    problems = []
    for written, name in sorted(found, key=lambda f: prose.find(f[0])):
        guess = difflib.get_close_matches(name.casefold(), sorted(known), n=1, cutoff=0.6)
        problems.append((written, f"the link name '{name}' in {written[:80]} is not in docs/.snippets/links.md, "
                                  "so the page would show it in square brackets, not as a link. "
                         + (f"Did you mean '{guess[0]}'? " if guess else "")
                         + "Use a name from links.md, spelt the same way, or add the address there once as "
                           f"[{name}]: https://..."))
    return problems
