"""Helpers the hooks share (not a hook itself): where a page lives, and its code blocks.

MkDocs puts this folder on sys.path while it loads each hook, so a hook can import this.
"""

from __future__ import annotations

import re
from pathlib import Path

# A fenced code block: the components page shows markers and snippets inside these.
FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.S | re.M)


def docs_path(page, config) -> str:
    """The page's file as an editor finds it, such as docs/play/tummy-time.md."""
    return f"{Path(config.docs_dir).name}/{page.file.src_uri}"


def outside_code(pattern, replace, markdown: str) -> str:
    """pattern.sub(replace, ...) on the Markdown outside fenced code blocks."""
    out, last = [], 0
    for fence in FENCE.finditer(markdown):
        out += [pattern.sub(replace, markdown[last:fence.start()]), fence.group(0)]
        last = fence.end()
    return "".join(out + [pattern.sub(replace, markdown[last:])])


def without_code(markdown: str) -> str:
    """The Markdown with fenced code blocks and inline code removed, for checks on prose."""
    return re.sub(r"`[^`\n]*`", "", FENCE.sub("", markdown))
