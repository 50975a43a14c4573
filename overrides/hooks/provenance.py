"""A translated page's provenance: who translated it, who checked it and against which English.

Not a hook: translations.py (the build of one language) calls these plain functions, and so can
the translator's pack later. Every problem is a sentence naming the file and the fix.

A translation's front matter is its own title and description and four provenance fields:

    translated_by: Professional translator, <agency>   (a role or an agency, never a person's name)
    checked_by: Somali-speaking health visitor          (a clinician or trained reviewer who reads it)
    checked_on: 2027-01-12
    english_hash: 0123456789abcdef                      (the English page it was checked against)

`english_hash` is sign_off.page_hash() of the English page: the same hash `signed_hash` records
when a clinician signs the English off (its words and the data its markers show), so "the English
it matches" and "the English that was signed" mean one thing. Review dates, sign-off, tags and
picture stay the English page's: they are not repeated in the translation.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import sign_off
import site_model

FIELDS = ("title", "description", "translated_by", "checked_by", "checked_on", "english_hash")
EXAMPLE = ("translated_by: Professional translator, <agency>\nchecked_by: <the role of the person who "
           "checked it, who reads the language>\nchecked_on: 2027-01-12\nenglish_hash: <see below>")
NOBODY = {"", "pending", "none", "nobody", "tbc", "todo", "-"}

# What is not a number a parent reads: markers and comments, link and picture targets, reference
# names, attribute lists, code and snippet lines (their numbers are names, not facts).
NOT_READ = re.compile(r"<!--.*?-->|\]\([^)\n]*\)|\]\[[^\]\n]*\]|^\[[^\]\n]+\]:.*$|\{[:#.][^}\n]*\}"
                      r"|^[ \t]*--8<--.*$|`[^`\n]*`", re.S | re.M)
# A number as written: 999, 12, and a phone number in groups (0116 295 3060) read as one number.
NUMBER = re.compile(r"\d+(?:[ \u00a0]\d{3,})*")


def ascii_digits(text: str) -> str:
    """Every decimal digit as 0-9, whatever its script: Arabic ٩٩٩, Bengali ৯৯৯ and Gujarati
    ૯૯૯ read as 999, so a translation may write numbers in its own digits."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def numbers(markdown: str) -> set[str]:
    """The numbers a parent reads on the page (ages, months, 999, 111, phone numbers), as digits."""
    prose = NOT_READ.sub(" ", ascii_digits(sign_off.body(markdown)))
    return {re.sub(r"\D", "", match.group()) for match in NUMBER.finditer(prose)}


def number_problem(name: str, english: str, translation: str) -> str | None:
    """Why the translation's numbers are not the English page's; None when they are the same."""
    ours, theirs = numbers(english), numbers(translation)
    if ours == theirs:
        return None
    said = []
    if ours - theirs:
        said.append(f"the English has {', '.join(sorted(ours - theirs, key=_order))} and the translation does not")
    if theirs - ours:
        said.append(f"the translation has {', '.join(sorted(theirs - ours, key=_order))} and the English does not")
    return (f"{name}: its numbers are not the English page's: {'; '.join(said)}. A wrong age, month or phone "
            "number can harm a child: ask the translator to correct it, and the checker to check it again.")


def _order(number: str) -> tuple[int, str]:
    return len(number), number


def provenance_problems(name: str, meta: dict, today: dt.date | None = None) -> list[str]:
    """What is missing or wrong in a translation's front matter (not its staleness)."""
    problems = []
    for key in meta:
        if key not in FIELDS:
            problems.append(f"{name}: '{key}' is not a field of a translation. A translation has only "
                            f"{', '.join(FIELDS)}; its review dates and sign-off are the English page's.")
    for key in ("title", "description", "translated_by"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            problems.append(f"{name}: the front matter has no '{key}'. A translation needs its own title and "
                            f"description, and who translated it (a role or an agency):\n{EXAMPLE}")
    checker = meta.get("checked_by")
    if not isinstance(checker, str) or checker.strip().casefold() in NOBODY:
        problems.append(f"{name}: nobody is named as having checked this translation ('checked_by'). A translation "
                        "is published only after a clinician or trained reviewer who reads the language has "
                        "checked it: name their role in 'checked_by', and the day in 'checked_on'.")
    checked_on = meta.get("checked_on")
    if not isinstance(checked_on, dt.date) or isinstance(checked_on, dt.datetime):
        problems.append(f"{name}: 'checked_on' must be the day the translation was checked, written like "
                        "2027-01-12.")
    elif checked_on > (today or site_model.today()):
        problems.append(f"{name}: 'checked_on' ({checked_on}) is in the future.")
    recorded = meta.get("english_hash")
    if not (isinstance(recorded, str) and sign_off.SIGNED_HASH.fullmatch(recorded)):
        problems.append(f"{name}: 'english_hash' is '{recorded}'. It records which English the translation was "
                        f"checked against: {sign_off.HASH_LENGTH} letters and digits, given by the build when the "
                        "English page is ready to send.")
    return problems


def english_hash(english: str, docs_dir: Path) -> str:
    """The hash a translation records: the English page's words and the data its markers show."""
    return sign_off.page_hash(english, docs_dir)


def is_current(meta: dict, english: str, docs_dir: Path) -> bool:
    return meta.get("english_hash") == english_hash(english, docs_dir)


def stale_problem(name: str, english_name: str, meta: dict, english: str, docs_dir: Path) -> str | None:
    """Why a release refuses this translation: its English changed after it was checked."""
    if is_current(meta, english, docs_dir):
        return None
    checked_on = meta.get("checked_on")
    when = f" on {checked_on.day} {checked_on:%B %Y}" if isinstance(checked_on, dt.date) else ""
    return (f"{name}: {english_name} changed after this translation was checked{when}, so it may no longer say "
            "what the English says. Send the changed English to the translator, have the checker check the new "
            f"translation, then set 'checked_on' to that day and 'english_hash' to "
            f"{english_hash(english, docs_dir)} (the English as it is now).")
