"""Every file in docs/ before anything is built: its name, its encoding, its size, and the data.

A picture's name has small letters, numbers and hyphens only (the build gives the new name: a
phone photo IMG_2041.JPG is renamed img-2041.jpg, never deleted), and a drawing (SVG) has no
script, event handler or address of another website: every file in docs/ is published on the
site's own address, shown by a page or not.

MkDocs publishes any file in docs/ as it is. A backup (`help.md.bak`, `help.md~`), a copy
saved with the wrong ending (`help.md.txt`, `HELP.MD`) or a Word file would be put online for
anyone to download, so only the kinds of file a page uses may be there. A page not saved as
UTF-8 would stop MkDocs with a traceback; a picture over 200 KB makes pages slow on a phone.
docs/.data/milestones.yml is checked here too, so a mistake in it names that file and the
entry, not the page that reads it. Runs first (pipeline.py): front_matter.py reads the pages.
"""

from __future__ import annotations

import copy
import os
import re
import unicodedata
from pathlib import Path

from mkdocs.exceptions import PluginError

import milestones

PAGE = ".md"
# Every kind of file a page may use; anything else in docs/ is refused, never published.
PUBLISHED = {PAGE, ".css", ".js", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg", ".ico", ".pdf", ".woff2"}
PICTURES = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg"}
MAX_PICTURE_BYTES = 200_000
# Endings that editors' programs give backups and copies, said in words.
BACKUPS = (".bak", ".orig", ".old", ".swp", ".tmp", ".save", "~", ".rej", "#")
TEXT = {PAGE, ".yml", ".yaml", ".css", ".js"}


def picture_name(name: str) -> str:
    """The name a picture file should have: small letters, numbers and hyphens, as 'img-2041.jpg'."""
    stem, suffix = os.path.splitext(name)
    stem = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower())
    return (stem.strip("-") or "picture") + suffix.lower()


def name_problem(path: str) -> str | None:
    """Why a file at `path` (relative to docs/) must not be published, or None."""
    name = path.rsplit("/", 1)[-1]
    suffix = os.path.splitext(name)[1]
    if name.lower().endswith(BACKUPS) or name.startswith("#"):
        return ("this looks like a backup or a copy left by an editing program, and it would be published "
                "as it is, for anyone to download. Delete it, or move it out of docs/.")
    if suffix.lower() in PICTURES and picture_name(name) != name:
        # A space breaks the picture's address, and capitals break it on a server that tells them apart.
        return (f"a picture's file name has only small letters, numbers and hyphens (a space breaks its address, "
                f"and capitals break it on the web server). Rename it to {picture_name(name)}, and write that new "
                "name in the pages that show it.")
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


# What a drawing (SVG) may not have: published files run on the site's own address, so a script in
# one runs as the site, whether or not a page shows it; another host's address leaks who looks.
SVG_RULES = [
    (re.compile(r"<script\b", re.I), "has a script ({found}), which would run as this site"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "has an event handler ({found}), which runs a script"),
    (re.compile(r"<(?:foreignObject|iframe|embed|object)\b", re.I), "embeds a page or program ({found})"),
    (re.compile(r"<!ENTITY\b", re.I), "defines an entity ({found}), which can read other files"),
    (re.compile(r"""(?:\b(?:href|xlink:href|src)\s*=\s*["']?\s*|url\(\s*["']?|@import\s+["']?)"""
                r"""(?:(?:https?:|ftp:)?//|javascript:)[^"')\s>]*""", re.I),
     "refers to another place ({found}), so showing it would ask another website or run a script"),
]


def svg_problems(text: str) -> list[tuple[int, str]]:
    """(line, problem) for each thing a drawing in docs/ may not have."""
    found = []
    for pattern, problem in SVG_RULES:
        for match in pattern.finditer(text):
            shown = match.group(0).strip()[:60]
            found.append((text.count("\n", 0, match.start()) + 1,
                          f"this drawing {problem.format(found=shown)}. Save it again without it (in Inkscape: "
                          "File > Save As > Optimised SVG, or Plain SVG), or ask the site's developer."))
    return sorted(found)


def size_problem(path: str, size: int) -> str | None:
    """Why a picture of `size` bytes is too big to publish, or None."""
    if os.path.splitext(path)[1].lower() in PICTURES and size > MAX_PICTURE_BYTES:
        return (f"this picture is {size // 1000} KB; pictures must be {MAX_PICTURE_BYTES // 1000} KB or smaller, "
                "so pages open quickly on a phone. Make it smaller (for example 1200 pixels wide, saved as "
                "JPEG or WebP) and save it again.")
    return None


def on_files(files, config, build=None, **kwargs):
    docs = Path(config.docs_dir).resolve()
    root = Path(config.config_file_path).parent
    problems = []
    for file in files:
        if not file.abs_src_path or not Path(file.abs_src_path).resolve().is_relative_to(docs):
            continue  # made by a hook, or the theme's own
        if file.inclusion.is_excluded():
            continue  # never published, such as docs/.data/
        name = os.path.relpath(file.abs_src_path, root)
        # Both, when both: a phone photo needs a new name and a smaller size, and is never to be deleted.
        found = [p for p in (name_problem(file.src_uri), size_problem(file.src_uri, os.path.getsize(file.abs_src_path)))
                 if p]
        problems += [f"{name}: {problem}" for problem in found]
        if not found and file.src_uri.lower().endswith(".svg"):
            found = svg_problems(Path(file.abs_src_path).read_text(encoding="utf-8", errors="replace"))
            problems += [f"{name}, line {line}: {text}" for line, text in found[:1]]
    # The pages, and the snippet and data files MkDocs never lists but reads, must be UTF-8.
    for path in sorted(docs.rglob("*")):
        if path.is_file() and path.suffix.lower() in TEXT:
            found = encoding_problem(path.read_bytes())
            if found:
                problems.append(f"{os.path.relpath(path, root)}, line {found[0]}: {found[1]}")
    if problems:
        raise PluginError("Some files in docs/ need fixing:\n  " + "\n  ".join(problems))
    data = milestones.load_milestones(config)
    if build is not None:
        build.milestones = copy.deepcopy(data)  # markers.py reads it from here, not the file again
    milestones.check_milestone_pages(data, config)
    return files
