"""`make sign-off PAGES="docs/help.md ..." ROLE="Early Years occupational therapist"`: after a clinician
has reviewed these pages (make review-pack) and signed them off, record it in each page's front matter:
`reviewed_by` becomes the role, `last_reviewed` today (TODAY= sets it, as for the build),
`next_review` a year later (NEXT=YYYY-MM-DD sets it) and `signed_hash` the hash of the words and the
data the page shows (overrides/hooks/sign_off.py). A release build refuses the page again as soon
as any of that changes. Nothing else in the file changes. A role, never a person's name.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))

import front_matter_reader  # noqa: E402
import sign_off  # noqa: E402  (plain modules in the hooks folder)
import site_model  # noqa: E402


def review_roles() -> list[str]:
    """extra.review_roles in mkdocs.yml, read as the build reads it."""
    from mkdocs.config import load_config
    return list(load_config(config_file=str(ROOT / "mkdocs.yml")).extra.get("review_roles") or [])


def next_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def record(path: Path, role: str, next_review: dt.date | None = None) -> str:
    text = path.read_text(encoding="utf-8")
    block, _ = front_matter_reader.split_front_matter(text)
    if block is None:
        raise SystemExit(f"{path}: has no front matter to record the sign-off in. Start the page with its "
                         "front matter (README.md), then run this again.")
    today = site_model.today()
    due = next_review or next_year(today)
    signed = sign_off.page_hash(text, ROOT / "docs")
    fields = {"last_reviewed": today.isoformat(), "next_review": due.isoformat(), "reviewed_by": role}
    lines = [line for line in block.split("\n") if not re.match(r"^signed_hash\s*:", line)]
    for key in ("last_reviewed", "next_review", "reviewed_by"):
        if not any(re.match(rf"^{key}\s*:", line) for line in lines):
            raise SystemExit(f"{path}: the front matter has no '{key}'. Add it (README.md), then run this again.")
    value = {"reviewed_by": f'"{role}"' if re.search(r"[:#'\"]", role) else role}
    lines = [f"{key}: {value.get(key, fields[key])}" if (key := line.split(":", 1)[0].strip()) in fields else line
             for line in lines]
    at = next(i for i, line in enumerate(lines) if line.startswith("reviewed_by"))
    lines.insert(at + 1, f'signed_hash: "{signed}"')  # quoted: YAML would read a hash of only digits as a number
    start = text.index(block)
    path.write_text(text[:start] + "\n".join(lines) + text[start + len(block):], encoding="utf-8")
    return f"{path}: signed off by the {role} on {today}, next review {due} (signed {signed})"


def main(names: list[str]) -> None:
    role = os.environ.get("ROLE", "").strip()
    if not names:
        raise SystemExit('Name the pages signed off: make sign-off PAGES="docs/help.md" ROLE="<the role>"')
    roles = review_roles()
    if role not in roles:
        said = f"ROLE is '{role}'" if role else "ROLE is not given"
        raise SystemExit(f"{said}. Give the role of the clinician who signed the pages off, exactly as in "
                         f"extra.review_roles in mkdocs.yml: {'; '.join(roles)}.")
    chosen = os.environ.get("NEXT", "").strip()
    due = None
    if chosen:
        try:
            due = dt.date.fromisoformat(chosen)
        except ValueError:
            raise SystemExit(f"NEXT is '{chosen}', which is not a date. Write it as YYYY-MM-DD, or leave it "
                             "out for a year from today.") from None
    paths = [Path(name) for name in names]
    missing = [str(p) for p in paths if not (p.is_file() and p.suffix == ".md")]
    if missing:
        raise SystemExit(f"{missing[0]}: there is no such page. Name pages as docs/<page>.md.")
    for path in paths:
        print(record(path, role, due))


if __name__ == "__main__":
    main(sys.argv[1:])
