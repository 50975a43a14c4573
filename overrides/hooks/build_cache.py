"""What one build makes and the next can take again: kept in .cache/<kind>/ (APP_CACHE=<folder>
puts it elsewhere, as for share_cards.py and qr_codes.qr_svg) under the SHA-256 of everything it
is made from, and in memory for `mkdocs serve`'s next build. A changed input is a new name, so a
kept result is never out of date; the code that makes a result is one of its inputs (pass its
module's file), so a change to the code makes it again too. Deleting .cache/ is always safe.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Callable

log = logging.getLogger("mkdocs.hooks.build_cache")

_MEMORY: dict[str, object] = {}
_CODE: dict[str, str] = {}
# A kind's folder keeps at most this many results: past it, the older half goes (looked at once a
# process, at its first new result), so a folder never grows without end as dates and pages change.
LIMIT = 1000  # the largest kind, lean-pages, is about 100 KB a result: 100 MB at most
_PRUNED: set[Path] = set()


_PROJECT_CACHE = Path(__file__).resolve().parents[2] / ".cache"


def folder(kind: str) -> Path:
    return Path(os.environ.get("APP_CACHE") or _PROJECT_CACHE) / kind


def key(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def code(module_file: str) -> str:
    """A module's source as its hash, read once a process: pass it among a result's inputs."""
    if module_file not in _CODE:
        _CODE[module_file] = key(Path(module_file).read_text(encoding="utf-8"))
    return _CODE[module_file]


def kept(kind: str, parts: tuple[str, ...], make: Callable[[], object]):
    """make()'s result (anything JSON can hold) for these inputs: the kept one if there is one.
    A text (a page, a style sheet) is kept as it is, in a .txt file, which reads several times
    faster than JSON; anything else as JSON."""
    name = f"{kind}/{key(*parts)[:32]}"
    if name in _MEMORY:
        return _MEMORY[name]
    path = folder(kind) / name.split("/")[1]
    try:
        with open(path.with_suffix(".txt"), encoding="utf-8", newline="") as text:
            result = text.read()
    except OSError:
        try:
            result = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        except (OSError, ValueError):  # not made yet, or unreadable: made again
            result = make()
            _prune(path.parent)
            if isinstance(result, str):
                _write(path.with_suffix(".txt"), None, text=result)
            else:
                _write(path.with_suffix(".json"), result)
    _MEMORY[name] = result
    return result


def problems(check: str, parts: tuple[str, ...], find: Callable[[], list]) -> list:
    """find()'s problems with a page; [] at once if the same inputs were found right before (a
    check's inputs are the page's text, what else it reads, and the code of every module it runs:
    `code(module.__file__)`). Only a right page is kept: one with a problem is read again, so
    its message is always made new."""
    name = f"checked-pages/{key(check, *parts)[:32]}"
    if name in _MEMORY:
        return []
    # A right page is an empty file named by its inputs: looking for it is all a next build does.
    path = folder("checked-pages") / f"{name.split('/')[1]}.ok"
    if not path.is_file():
        found = find()
        if found:
            return found
        _prune(path.parent)
        _write(path, None, text="")
    _MEMORY[name] = True
    return []


def _write(path: Path, result, text: str | None = None) -> None:
    """Written whole or not at all: another build reading at the same time never sees half a file.
    `result` as JSON, or `text` as it is."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            if text is None:
                json.dump(result, out)
            else:
                out.write(text)
        os.replace(temporary, path)
    except OSError as error:
        log.debug(f"build_cache.py: {path} is not kept ({error}); the next build makes it again")


def _prune(kind_folder: Path) -> None:
    if kind_folder in _PRUNED:
        return
    _PRUNED.add(kind_folder)
    try:
        kept_files = sorted((p for p in kind_folder.iterdir() if p.suffix in (".json", ".txt", ".ok")), key=lambda p: p.stat().st_mtime)
        for old in kept_files[:len(kept_files) // 2] if len(kept_files) > LIMIT else []:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # another build pruned it at the same time
