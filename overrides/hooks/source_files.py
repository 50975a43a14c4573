"""Every file in docs/ before anything is built: its name, its encoding, its size, and the data.

MkDocs publishes any file in docs/ as it is. A backup (`help.md.bak`, `help.md~`), a copy
saved with the wrong ending (`help.md.txt`, `HELP.MD`) or a Word file would be put online for
anyone to download, so only the kinds of file a page uses may be there. A page not saved as
UTF-8 would stop MkDocs with a traceback; a picture over 200 KB makes pages slow on a phone.
docs/.data/milestones.yml is checked here too, so a mistake in it names that file and the
entry, not the page that reads it. Runs first (pipeline.py): front_matter.py reads the pages.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

import site_model

PAGE = ".md"
# Every kind of file a page may use; anything else in docs/ is refused, never published.
PUBLISHED = {PAGE, ".css", ".js", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg", ".ico", ".pdf", ".woff2"}
PICTURES = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg"}
MAX_PICTURE_BYTES = 200_000
# Endings that editors' programs give backups and copies, said in words.
BACKUPS = (".bak", ".orig", ".old", ".swp", ".tmp", ".save", "~", ".rej", "#")
TEXT = {PAGE, ".yml", ".yaml", ".css", ".js"}


def name_problem(path: str) -> str | None:
    """Why a file at `path` (relative to docs/) must not be published, or None."""
    name = path.rsplit("/", 1)[-1]
    suffix = os.path.splitext(name)[1]
    if name.lower().endswith(BACKUPS) or name.startswith("#"):
        return ("this looks like a backup or a copy left by an editing program, and it would be published "
                "as it is, for anyone to download. Delete it, or move it out of docs/.")
    if suffix.lower() in (PAGE, ".markdown", ".mdown", ".mkd", ".mkdn") and suffix != PAGE:
        return (f"a page's file name must end in '.md' in small letters, or it is published as it is, not as "
                f"a page. Rename it to {name[:-len(suffix)]}.md.")
    if suffix not in PUBLISHED:
        if PAGE + "." in name.lower():
            return (f"this looks like a page saved with the wrong ending ('{suffix}'), and it would be published "
                    f"as it is. Rename it to end in '.md', or delete it if it is a copy.")
        return (f"files ending in '{suffix or name}' are not published on this site. Pages end in '.md'; "
                f"pictures in {', '.join(sorted(PICTURES))}; leaflets in '.pdf'. Delete it, or move it out "
                "of docs/.")
    return None


def encoding_problem(data: bytes) -> tuple[int, str] | None:
    """(line, problem) when the bytes of a text file are not UTF-8, or None."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        start = data.rfind(b"\n", 0, error.start) + 1
        near = data[start:error.end + 20].decode("cp1252", "replace").split("\n")[0].strip()[:60]
        return line, (f"this file is not saved as UTF-8 text, so a character near '{near}' cannot be read "
                      "(Word and Notepad sometimes save another way). Open it in your editor and save it "
                      "with the encoding 'UTF-8'.")
    return None


def size_problem(path: str, size: int) -> str | None:
    """Why a picture of `size` bytes is too big to publish, or None."""
    if os.path.splitext(path)[1].lower() in PICTURES and size > MAX_PICTURE_BYTES:
        return (f"this picture is {size // 1000} KB; pictures must be {MAX_PICTURE_BYTES // 1000} KB or smaller, "
                "so pages open quickly on a phone. Make it smaller (for example 1200 pixels wide, saved as "
                "JPEG or WebP) and save it again.")
    return None


def on_files(files, config, **kwargs):
    docs = Path(config.docs_dir).resolve()
    root = Path(config.config_file_path).parent
    problems = []
    for file in files:
        if not file.abs_src_path or not Path(file.abs_src_path).resolve().is_relative_to(docs):
            continue  # made by a hook, or the theme's own
        if file.inclusion.is_excluded():
            continue  # never published, such as docs/.data/
        name = os.path.relpath(file.abs_src_path, root)
        problem = name_problem(file.src_uri) or size_problem(file.src_uri, os.path.getsize(file.abs_src_path))
        if problem:
            problems.append(f"{name}: {problem}")
    # The pages, and the snippet and data files MkDocs never lists but reads, must be UTF-8.
    for path in sorted(docs.rglob("*")):
        if path.is_file() and path.suffix.lower() in TEXT:
            found = encoding_problem(path.read_bytes())
            if found:
                problems.append(f"{os.path.relpath(path, root)}, line {found[0]}: {found[1]}")
    if problems:
        raise PluginError("Some files in docs/ need fixing:\n  " + "\n  ".join(problems))
    site_model.load_milestones(config)
    return files
