"""A missing snippet stops the build with the page's name, before Markdown would crash on it.

pymdownx.snippets (check_paths: true) raises its own error with a traceback; this hook finds
`--8<-- "file.md"` lines (and the block form) first and says which page names which file,
and refuses a snippet from outside the snippets folder (`../mkdocs.yml`, `/etc/...`, a web address).
It reads `base_path` as pymdownx.snippets does: on_config makes each folder absolute (from the
folder of mkdocs.yml), so the check and the real loader look in the same place, from any folder.
Like pymdownx.snippets, it also reads snippet lines inside code blocks.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from site_model import where

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


def on_page_markdown(markdown, page, config, **kwargs):
    bases = snippet_bases(config)
    for name in snippet_names(markdown):
        problem = snippet_problem(name, bases)
        if problem:
            raise PluginError(f"{where(page, config, name)}: {problem}")
    return markdown
