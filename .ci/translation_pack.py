"""The translator's pack: pages out to a translation agency as a PO file, and back into Markdown.

    make translation-pack LANG=so PAGES="docs/help.md docs/ages/1-2-years.md"
    make translation-import LANG=so FILE=returned.po TRANSLATED_BY="Professional translator, <agency>"
    make translation-checked LANG=so PAGES="docs/help.md" CHECKED_BY="<role of who checked it>"

Per language, in translations/<lang>/:
  pack.po      what goes to the agency: each segment still to translate (polib writes it), its
               page and line, what it is (heading, list item, care card title...), what to keep
               as it is, and the glossary terms it uses (docs/.snippets/abbr.md);
  memory.po    every segment translated so far: a segment whose English has not changed is
               never sent again (its page and its English are its key);
  to-check/    pages imported, every segment translated, waiting for the checker;
  docs/        pages checked: the language's build (translations.py) publishes these.

Segments and the site's syntax are translation_segments.py's; the file format is polib's. Errors
are plain sentences naming the file and the fix; nothing is written when an import is refused.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from pathlib import Path

import polib
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))

import front_matter_reader  # noqa: E402
import provenance  # noqa: E402  (plain modules in the hooks folder)
import site_model  # noqa: E402
import translation_segments  # noqa: E402

KEEP_HINT = ("Keep as in the English: what is in ( ) right after [ ], the [name] after [ ], anything in { } or "
             "< > or ` `, and every number.")


class PackError(Exception):
    """A problem to tell the person running the command, in plain words."""


def folder(root: Path, lang: str) -> Path:
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", lang or ""):
        raise PackError(f"LANG='{lang}' is not a language code. Give the code of docs/.data/languages.yml, "
                        "such as LANG=so.")
    return root / "translations" / lang


def glossary(root: Path) -> dict[str, str]:
    """The glossary's terms and their explanations (docs/.snippets/abbr.md)."""
    text = (root / "docs" / ".snippets" / "abbr.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\*\[([^\]]+)\]:\s*(.+)$", text, re.M))


def _po(path: Path) -> polib.POFile:
    if not path.is_file():
        return polib.POFile()
    try:
        return polib.pofile(str(path))
    except (OSError, ValueError) as error:
        raise PackError(f"{path}: cannot be read as a PO file ({error}). Ask the agency to send it again as PO.")


def _pages(root: Path, lang: str, names: list[str]) -> list[str]:
    """The pages named (docs/x.md or x.md), or else every page the language has or is checking."""
    if not names:
        base = folder(root, lang)
        names = sorted({p.relative_to(base / sub).as_posix() for sub in ("docs", "to-check")
                        if (base / sub).is_dir() for p in (base / sub).rglob("*.md")})
        if not names:
            raise PackError(f"translations/{lang} has no pages yet: name the pages to send, like "
                            f"make translation-pack LANG={lang} PAGES=\"docs/help.md\"")
    pages = []
    for name in names:
        page = name.removeprefix("docs/")
        if not (root / "docs" / page).is_file():
            raise PackError(f"{name}: there is no such page in docs/. Name pages as docs/<page>.md.")
        pages.append(page)
    return pages


def make_pack(root: Path, lang: str, names: list[str]) -> tuple[Path, int]:
    """Write translations/<lang>/pack.po with every segment of the pages still to translate."""
    base = folder(root, lang)
    memory = _po(base / "memory.po")
    done = {(e.msgctxt, e.msgid): e.msgstr for e in memory if e.msgstr and not e.obsolete}
    terms = glossary(root)
    pack = polib.POFile(wrapwidth=0)
    pack.metadata = {"Project-Id-Version": "Early Years Pathway", "Language": lang, "MIME-Version": "1.0",
                     "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit"}
    seen = set()
    for page in _pages(root, lang, names):
        text = (root / "docs" / page).read_text(encoding="utf-8")
        before = [msgid for ctxt, msgid in done if ctxt == page]
        for segment in translation_segments.segments(text):
            key = (page, segment.text)
            if key in done or key in seen:
                continue
            seen.add(key)
            used = [f"{term}: {meaning}" for term, meaning in terms.items()
                    if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", segment.text)]
            notes = [f"A {segment.kind} of the page {page}.", KEEP_HINT] + (
                ["Glossary: " + "; ".join(used)] if used else [])
            entry = polib.POEntry(msgctxt=page, msgid=segment.text, msgstr="",
                                  occurrences=[(f"docs/{page}", str(segment.line))], comment="\n".join(notes))
            close = difflib.get_close_matches(segment.text, before, n=1, cutoff=0.6)
            if close:  # the English of a translated segment changed: show the translator what it was
                entry.previous_msgid = close[0]
                entry.tcomment = f"The English changed. It was translated before as: {done[(page, close[0])]}"
            pack.append(entry)
    base.mkdir(parents=True, exist_ok=True)
    pack.save(str(base / "pack.po"))
    return base / "pack.po", len(pack)


def import_pack(root: Path, lang: str, returned: Path, translated_by: str) -> list[str]:
    """Take a returned pack's translations into memory.po, and write every page whose segments are
    all translated to translations/<lang>/to-check/. Returns what was done, line by line."""
    base = folder(root, lang)
    if not (translated_by or "").strip():
        raise PackError("Say who translated it, as a role or an agency (never a person's name): "
                        "TRANSLATED_BY=\"Professional translator, <agency>\"")
    po = _po(returned)
    problems, taken = [], []
    for entry in po:
        if entry.obsolete or not entry.msgstr.strip() or "fuzzy" in entry.flags:
            continue
        if not entry.msgctxt or not (root / "docs" / entry.msgctxt).is_file():
            problems.append(f"{returned}, line {entry.linenum}: '{entry.msgctxt}' is not a page of docs/. Was the "
                            "file's context changed? Send the pack again.")
            continue
        problem = translation_segments.code_problem(entry.msgid, entry.msgstr)
        if problem:
            problems.append(f"{returned}, line {entry.linenum} ({entry.msgctxt}, '{entry.msgid[:60]}'): {problem}. "
                            "Ask the translator to correct it, then import the file again.")
            continue
        taken.append(entry)
    if problems:
        raise PackError("Nothing was imported. The returned file needs fixing:\n  " + "\n  ".join(problems))
    memory = _po(base / "memory.po")
    memory.wrapwidth = 0
    known = {(e.msgctxt, e.msgid): e for e in memory}
    for entry in taken:
        old = known.get((entry.msgctxt, entry.msgid))
        if old:
            old.msgstr = entry.msgstr
        else:
            memory.append(polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr=entry.msgstr))
            known[(entry.msgctxt, entry.msgid)] = memory[-1]
    base.mkdir(parents=True, exist_ok=True)
    memory.save(str(base / "memory.po"))
    translated = {key: e.msgstr for key, e in known.items() if e.msgstr}
    said = [f"{len(taken)} segments imported into translations/{lang}/memory.po."]
    for page in sorted({e.msgctxt for e in taken}):
        text = (root / "docs" / page).read_text(encoding="utf-8")
        missing = [s for s in translation_segments.segments(text) if (page, s.text) not in translated]
        if missing:
            said.append(f"docs/{page}: {len(missing)} segments are still to translate (the first on line "
                        f"{missing[0].line}); send them with make translation-pack LANG={lang} PAGES=docs/{page}")
            continue
        title, description, body = translation_segments.render(text, lambda s: translated[(page, s.text)])
        meta = {"title": title, "description": description, "translated_by": translated_by.strip(),
                "english_hash": provenance.english_hash(text, root / "docs")}
        out = base / "to-check" / page
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"
                       + body.lstrip("\n"), encoding="utf-8")
        said.append(f"{out.relative_to(root)}: ready for its checker (make translation-checked LANG={lang} "
                    f"PAGES=docs/{page} CHECKED_BY=\"<their role>\").")
    return said


def record_check(root: Path, lang: str, names: list[str], checked_by: str) -> list[str]:
    """After a clinician or trained reviewer who reads the language checked these pages: record
    their role and the day, and move the pages into translations/<lang>/docs/, which is built."""
    base = folder(root, lang)
    if not (checked_by or "").strip() or checked_by.strip().casefold() in provenance.NOBODY:
        raise PackError("Name the role of the person who checked it, a clinician or trained reviewer who reads "
                        "the language: CHECKED_BY=\"Somali-speaking health visitor\"")
    if not names:
        raise PackError(f"Name the checked pages: PAGES=\"docs/help.md\" (from translations/{lang}/to-check/).")
    said = []
    for name in names:
        page = name.removeprefix("docs/")
        waiting = base / "to-check" / page
        if not waiting.is_file():
            raise PackError(f"translations/{lang}/to-check/{page} does not exist: import the translation first "
                            f"(make translation-import LANG={lang} FILE=<returned file>).")
        text = waiting.read_text(encoding="utf-8")
        meta, problem = front_matter_reader.read_front_matter(text)
        if problem:
            raise PackError(f"translations/{lang}/to-check/{page}: {problem}")
        _, body = front_matter_reader.split_front_matter(text)
        meta.update(checked_by=checked_by.strip(), checked_on=site_model.today())
        meta = {key: meta[key] for key in provenance.FIELDS}
        out = base / "docs" / page
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n"
                       + body, encoding="utf-8")
        waiting.unlink()
        said.append(f"{out.relative_to(root)}: checked by {checked_by.strip()} on {meta['checked_on']}; the "
                    f"{lang} build publishes it.")
    return said


def main(argv: list[str]) -> int:
    try:
        if len(argv) < 2 or argv[0] not in ("pack", "import", "checked"):
            raise PackError("Use: make translation-pack LANG=so PAGES=..., make translation-import LANG=so "
                            "FILE=returned.po TRANSLATED_BY=..., or make translation-checked LANG=so PAGES=... "
                            "CHECKED_BY=...")
        command, lang, rest = argv[0], argv[1], argv[2:]
        if command == "pack":
            path, count = make_pack(ROOT, lang, rest)
            print(f"{path.relative_to(ROOT)}: {count} segments to translate. Send it to the translation agency; "
                  f"import what comes back with make translation-import LANG={lang} FILE=<the file>.")
        elif command == "import":
            if not rest:
                raise PackError(f"Name the returned file: make translation-import LANG={lang} FILE=<the file>")
            print("\n".join(import_pack(ROOT, lang, Path(rest[0]), os.environ.get("TRANSLATED_BY", ""))))
        else:
            print("\n".join(record_check(ROOT, lang, rest, os.environ.get("CHECKED_BY", ""))))
    except PackError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
