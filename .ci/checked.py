"""`make checked PAGES="docs/help.md ..."`: after a person has checked these pages' words against
their sources, record it in each page's front matter: `last_reviewed` becomes today (TODAY= sets
it, as for the build) and `checked_text` the fingerprint of the words checked
(front_matter_reader.text_fingerprint). A later change to the words shows: the page stops showing its
"checked" date, and a release build refuses it until it is checked again. Nothing else in the
file changes; `next_review` is left to the person who checked (the build says if it is wrong).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))

import front_matter_reader  # noqa: E402
import site_model  # noqa: E402  (the site's model, a plain module in the hooks folder)


def record(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    block, _ = front_matter_reader.split_front_matter(text)
    if block is None:
        raise SystemExit(f"{path}: has no front matter to record the check in. Start the page with its "
                         "front matter (README.md), then run this again.")
    today = site_model.today().isoformat()
    fingerprint = front_matter_reader.text_fingerprint(text)
    lines = block.split("\n")
    if not any(re.match(r"^last_reviewed\s*:", line) for line in lines):
        raise SystemExit(f"{path}: the front matter has no 'last_reviewed'. Add it (README.md), then run this again.")
    lines = [f"last_reviewed: {today}" if re.match(r"^last_reviewed\s*:", line) else line
             for line in lines if not re.match(r"^checked_text\s*:", line)]
    at = next(i for i, line in enumerate(lines) if line.startswith("last_reviewed"))
    lines.insert(at + 1, f"checked_text: {fingerprint}")
    start = text.index(block)
    path.write_text(text[:start] + "\n".join(lines) + text[start + len(block):], encoding="utf-8")
    return f"{path}: checked on {today} (words {fingerprint})"


def main(names: list[str]) -> None:
    if not names:
        raise SystemExit('Name the pages you checked: make checked PAGES="docs/help.md docs/ages/1-2-years.md"')
    paths = [Path(name) for name in names]
    missing = [str(p) for p in paths if not (p.is_file() and p.suffix == ".md")]
    if missing:
        raise SystemExit(f"{missing[0]}: there is no such page. Name pages as docs/<page>.md.")
    for path in paths:
        print(record(path))


if __name__ == "__main__":
    main(sys.argv[1:])
