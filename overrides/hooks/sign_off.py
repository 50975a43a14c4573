"""Sign-off: the hash of what a clinician signed, and what the build and the review pack say about it.

Not a hook, and it needs nothing from MkDocs: front_matter.py, `make sign-off`, `make review-pack`
and, later, translations' provenance (the hash of the English a translation was made from) call
the same functions, so "the words that were signed" means one thing everywhere.

A page's signed content is its words (the Markdown after the front matter, spaces and line breaks
not counting) and the data its markers show: the milestones and WHO rows of the bands it names
(`band=...`) and the signs to ask about for those bands; the planner shows every band's. Front
matter is not content: signing a page changes it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import yaml

HASH_LENGTH = 16
SIGNED_HASH = re.compile(rf"[0-9a-f]{{{HASH_LENGTH}}}")
DUE_DAYS = 90  # a page whose review falls due this soon is listed by the build and the review pack
# A marker outside code that shows data from docs/.data (markers.py), and its band.
DATA_MARKER = re.compile(r"<!--\s*app/(milestones|motor-windows|key-points|signs|easy-milestones|easy-signs)"
                         r"\b[^>]*?\bband=([\w-]+)[^>]*-->")
ALL_BANDS_MARKER = re.compile(r"<!--\s*app/planner\b[^>]*-->")  # the planner shows every band
CODE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$|`[^`\n]*`", re.S | re.M)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def body(text: str) -> str:
    """A page's Markdown after its front matter."""
    match = FRONT_MATTER.match(text)
    return text[match.end():] if match else text


def words(text: str) -> str:
    """The page's words as signed: the Markdown after the front matter, with every run of spaces
    and line breaks read as one space."""
    return " ".join(body(text).split())


def load_data(docs_dir: Path) -> dict:
    """The raw data files pages show (docs/.data/milestones.yml and signs.yml); a file that is
    missing or unreadable counts as empty here (the build itself reports it, naming the line)."""
    data = {}
    for name in ("milestones", "signs"):
        try:
            data[name] = yaml.safe_load((Path(docs_dir) / ".data" / f"{name}.yml").read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            data[name] = {}
    return data


def shown_bands(text: str) -> set[str] | None:
    """The age bands whose data the page shows; None means every band (the planner)."""
    prose = CODE.sub("", body(text))
    if ALL_BANDS_MARKER.search(prose):
        return None
    return {match.group(2) for match in DATA_MARKER.finditer(prose)}


def shown_data(text: str, data: dict) -> dict:
    """The part of the data files the page shows: {} for a page that shows none."""
    bands = shown_bands(text)
    if bands == set():
        return {}

    def ours(bands_of) -> bool:
        return bands is None or bool(set(bands_of) & bands)

    milestones = data.get("milestones") if isinstance(data.get("milestones"), dict) else {}
    signs = data.get("signs") if isinstance(data.get("signs"), dict) else {}
    return {
        "cdc": [c for c in milestones.get("cdc") or [] if isinstance(c, dict) and ours([c.get("band")])],
        "who": [w for w in milestones.get("who") or [] if isinstance(w, dict) and ours(w.get("bands") or [])],
        "signs": [s for s in signs.get("signs") or [] if isinstance(s, dict) and ours(s.get("bands") or [])],
    }


def content_hash(text: str, data: dict | None = None) -> str:
    """16 hex digits that change when the page's words, or the data given with them, change.
    Translations can record content_hash(english_page) as the text they were made from."""
    digest = hashlib.sha256(words(text).encode("utf-8"))
    if data:
        digest.update(b"\0" + json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
    return digest.hexdigest()[:HASH_LENGTH]


def page_hash(text: str, docs_dir: Path) -> str:
    """The hash `signed_hash:` records: the page's words and the data its markers show."""
    return content_hash(text, shown_data(text, load_data(docs_dir)))


def shows_data(text: str) -> bool:
    return shown_bands(text) != set()


# --- what the build says --------------------------------------------------------------------

def release_problem(name: str, meta: dict, text: str, docs_dir: Path, draft: str) -> str | None:
    """Why a release must refuse this signed-off page, in words that say what to do; None if
    its words and data are the ones signed. Drafts are refused elsewhere (front_matter.py)."""
    role = meta.get("reviewed_by")
    if role == draft:
        return None
    again = (f"Ask a clinician to review it (make review-pack PAGES={name} shows what changed), then record "
             f"their sign-off with: make sign-off PAGES={name} ROLE=\"<their role>\"")
    signed = meta.get("signed_hash")
    if not signed:
        return (f"{name}: is marked as signed off by the {role}, but has no 'signed_hash', so nobody can tell "
                f"whether these are the words that were signed. {again}")
    if signed != page_hash(text, docs_dir):
        what = ("its words, or the milestones or signs it shows (docs/.data/milestones.yml, docs/.data/signs.yml),"
                if shows_data(text) else "its words")
        when = meta.get("last_reviewed")
        when = f" on {when.day} {when:%B %Y}" if isinstance(when, dt.date) else ""
        return f"{name}: {what} changed after the {role} signed it off{when}. {again}"
    return None


def due_for_review(pages: dict[str, dict], today: dt.date, days: int = DUE_DAYS) -> list[tuple[str, dt.date]]:
    """(name, next_review) of the pages due for review within `days` of today, soonest first."""
    until = today + dt.timedelta(days=days)
    due = [(name, meta["next_review"]) for name, meta in pages.items()
           if isinstance(meta.get("next_review"), dt.date) and meta["next_review"] <= until]
    return sorted(due, key=lambda item: (item[1], item[0]))
