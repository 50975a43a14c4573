"""`make review-pack [PAGES="docs/help.md ..."]`: one PDF a clinician can read, annotate and sign.

By default the pack holds the pages waiting for a clinician: every draft (`reviewed_by: pending`)
and every signed-off page whose words, or the data it shows, changed after sign-off
(overrides/hooks/sign_off.py). PAGES names pages instead. It opens with a plain list: each page,
its last change (git), its last sign-off (git: the newest commit where the page was signed off),
its next review, and every page of the site due for review in the next 90 days (from
site_model.today(), so TODAY= works). Then, for each page: the page as a parent prints it (the site
built with MkDocs and printed by Debian's Chromium through Playwright, as the tests print), and a
review sheet: its sources with their addresses, its reading grade (tests/readability.py), its
"when to get help" cards together, what changed since its last sign-off in words (a word diff of
the Markdown, and of the milestones or signs it shows, from git), and a sign-off box.

    OUT=review-pack.pdf (default)   where the PDF goes
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import html
import http.server
import os
import re
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
# The fonts the tests print with (.ci/fonts.conf), so the pages print as the print tests measure them.
os.environ["FONTCONFIG_FILE"] = str(ROOT / ".ci" / "fonts.conf")

import yaml  # noqa: E402

import front_matter_reader  # noqa: E402
import readability  # noqa: E402  (tests/readability.py: the grade the tests hold pages to)
import sign_off  # noqa: E402  (plain modules in the hooks folder)
import site_model  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
# The flags tests/conftest.py gives Debian's Chromium, with no network but the local server.
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
CONTEXT = 10  # unchanged words shown on each side of a change
DATA_FILES = {"milestones": "docs/.data/milestones.yml", "signs": "docs/.data/signs.yml"}
SHEET_CSS = """
@page { size: A4; margin: 16mm 16mm 18mm; }
body { font-family: "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; color: #212b32; line-height: 1.35; }
h1 { font-size: 17pt; color: #003087; margin: 0 0 4mm; }
h2 { font-size: 12.5pt; color: #003087; margin: 6mm 0 2mm; border-bottom: 1px solid #d8dde0; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th, td { border: 1px solid #aeb7bd; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
th { background: #f0f4f5; }
td:first-child { width: 38%; }
.url { font-size: 8.5pt; color: #4c6272; word-break: break-all; }
.card { border-left: 3px solid #005eb8; padding: 0 0 0 3mm; margin: 2mm 0; break-inside: avoid; }
.diff p { margin: 1.5mm 0; }
.diff .where { color: #4c6272; font-size: 9pt; margin-top: 3mm; }
del { color: #d5281b; text-decoration: line-through; }
ins { color: #007f3b; text-decoration: underline; font-weight: bold; }
.box { border: 2px solid #003087; padding: 3mm 4mm; margin-top: 6mm; break-inside: avoid; }
.line { border-bottom: 1px solid #212b32; height: 9mm; }
.note { color: #4c6272; font-size: 9pt; }
"""


def git(*args: str) -> str:
    """What git says in the project's repository; "" when it cannot say (no repository, no history)."""
    done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else ""


@dataclass
class SignOff:
    commit: str
    date: str          # the commit's date
    role: str
    reviewed: object   # last_reviewed in that version
    text: str          # the page as signed
    data: dict         # the data files as signed


@dataclass
class Page:
    name: str          # docs/help.md
    text: str
    meta: dict
    last_change: str
    signed: SignOff | None
    changed: bool      # signed off, and its words or data changed since
    html: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        stem = self.name.removeprefix("docs/").removesuffix(".md")
        if stem == "index":
            return ""
        return (stem.removesuffix("/index") if stem.endswith("/index") else stem) + "/"


def last_change(name: str, shows_data: bool = False) -> str:
    """The date of the last commit that changed the file, and whether it has changes not committed;
    for a page that shows milestones or signs, the same for those data files."""
    def said(paths: list[str]) -> str:
        day = git("log", "-1", "--format=%cs", "--", *paths).strip()
        pending = git("status", "--porcelain", "--", *paths).strip()
        if pending and day:
            return f"{day}, and changes not yet committed"
        return day or "not in git yet"
    return said([name]) + (f" (the milestones and signs it shows: {said(list(DATA_FILES.values()))})"
                           if shows_data else "")


def data_at(commit: str) -> dict:
    data = {}
    for key, path in DATA_FILES.items():
        try:
            data[key] = yaml.safe_load(git("show", f"{commit}:{path}")) or {}
        except yaml.YAMLError:
            data[key] = {}
    return data


def last_sign_off(name: str) -> SignOff | None:
    """The newest commit in which the page was signed off (a role in reviewed_by and a signed_hash)."""
    for line in git("log", "--format=%H %cs", "--", name).splitlines():
        commit, day = line.split()
        text = git("show", f"{commit}:{name}")
        meta, problem = front_matter_reader.read_front_matter(text) if text else (None, "gone")
        if not problem and meta.get("reviewed_by") not in (None, site_model.DRAFT) and meta.get("signed_hash"):
            return SignOff(commit, day, str(meta["reviewed_by"]), meta.get("last_reviewed"), text, data_at(commit))
    return None


def read_pages() -> dict[str, Page]:
    pages = {}
    for path in sorted(DOCS.rglob("*.md")):
        rel = path.relative_to(DOCS)
        if any(part.startswith(".") for part in rel.parts):
            continue
        name = f"docs/{rel.as_posix()}"
        text = path.read_text(encoding="utf-8")
        meta, problem = front_matter_reader.read_front_matter(text)
        if problem:
            raise SystemExit(f"{name}: {problem} Fix it (make build says the same), then make the pack again.")
        signed = meta.get("reviewed_by") != site_model.DRAFT
        changed = signed and meta.get("signed_hash") != sign_off.page_hash(text, DOCS)
        pages[name] = Page(name, text, meta, "", None, changed)
    return pages


def chosen(pages: dict[str, Page], names: list[str]) -> list[Page]:
    if names:
        missing = [n for n in names if n not in pages]
        if missing:
            raise SystemExit(f"{missing[0]}: there is no such page. Name pages as docs/<page>.md.")
        return [pages[n] for n in names]
    return [p for p in pages.values() if p.meta.get("reviewed_by") == site_model.DRAFT or p.changed]


# --- the words of the review sheet ------------------------------------------------------------

def date_words(value) -> str:
    return site_model.nhs_date(value) if isinstance(value, dt.date) else (str(value) if value else "")


def paragraphs(markdown: str) -> list[str]:
    """The Markdown's blocks (split at blank lines), each with its spaces and line breaks made one."""
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", markdown) if block.strip()]


def word_diff(old: str, new: str) -> str:
    """Old and new words of one changed block: removed words struck through and marked [- -],
    added words underlined and marked {+ +}, so the change reads in black and white too."""
    a, b, out = old.split(), new.split(), []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            same = a[i1:i2]
            if len(same) > 2 * CONTEXT + 4:  # a long run of unchanged words: its ends show where the change is
                same = same[:CONTEXT if i1 else 0] + ["…"] + same[-CONTEXT if i2 < len(a) else len(same):]
            out.append(html.escape(" ".join(same)))
            continue
        if i2 > i1:
            out.append(f"<del>[-{html.escape(' '.join(a[i1:i2]))}-]</del>")
        if j2 > j1:
            out.append(f"<ins>{{+{html.escape(' '.join(b[j1:j2]))}+}}</ins>")
    return " ".join(out)


def text_changes(old_text: str, new_text: str) -> list[str]:
    """The changed blocks of the page's Markdown, each under the heading it sits in, as HTML."""
    old, new = paragraphs(sign_off.body(old_text)), paragraphs(sign_off.body(new_text))
    out = []

    def heading_before(index: int, blocks: list[str]) -> str:
        for block in reversed(blocks[:index + 1]):
            if block.startswith("#"):
                return block.lstrip("#").strip()
        return "the start of the page"

    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        where = html.escape(heading_before(j1 if j2 > j1 else max(j1 - 1, 0), new))
        out.append(f'<p class="where">Under "{where}":</p>'
                   f"<p>{word_diff(' '.join(old[i1:i2]), ' '.join(new[j1:j2]))}</p>")
    return out


def data_lines(shown: dict) -> list[str]:
    """The data a page shows, one readable line per item."""
    lines = []
    for check in shown.get("cdc", []):
        for item in check.get("items") or []:
            if isinstance(item, dict):
                lines.append(f"Milestone by about {check.get('age')}: {item.get('text')} "
                             f"(Easy Read: {item.get('easy', '')})")
    for row in shown.get("who", []):
        lines.append(f"WHO window: {row.get('skill')}, about {row.get('from')} to {row.get('to')} months")
    for sign in shown.get("signs", []):
        lines.append(f"Sign to ask about ({sign.get('level')}, {', '.join(map(str, sign.get('bands') or []))}): "
                     f"{sign.get('text')} (Easy Read: {sign.get('easy', '')})")
    return lines


def data_changes(page: Page) -> list[str]:
    old = data_lines(sign_off.shown_data(page.signed.text, page.signed.data))
    new = data_lines(sign_off.shown_data(page.text, sign_off.load_data(DOCS)))
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op != "equal":
            out.append(f"<p>{word_diff(' / '.join(old[i1:i2]), ' / '.join(new[j1:j2]))}</p>")
    return out


def sources(soup) -> list[tuple[str, list[str]]]:
    """(the source in words, its addresses) from the page's Sources list; else every link to
    another site in the page."""
    article = soup.select_one("article") or soup
    heading = article.find(["h2", "h3"], id=re.compile(r"^sources"))
    items = heading.find_next_sibling("ul").find_all("li", recursive=False) if heading and \
        heading.find_next_sibling("ul") else []
    found = [(" ".join(li.get_text(" ").split()), [a["href"] for a in li.find_all("a", href=True)]) for li in items]
    if found:
        return found
    seen = {}
    for a in article.find_all("a", href=re.compile(r"^https?://")):
        seen.setdefault(a["href"], " ".join(a.get_text(" ").split()))
    return [(text, [href]) for href, text in seen.items()]


def care_cards(soup) -> list[tuple[str, list[str]]]:
    out = []
    for card in (soup.select_one("article") or soup).select("div.admonition"):
        if not any(c.startswith("care-") for c in card.get("class", [])):
            continue
        title = card.select_one(".admonition-title")
        items = [" ".join(li.get_text(" ").split()) for li in card.find_all("li")]
        out.append((" ".join(title.get_text(" ").split()) if title else "", items))
    return out


def review_sheet(page: Page, roles: list[str]) -> str:
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(page.html, "html.parser")
    meta, e = page.meta, html.escape
    text = readability.page_text(page.html)
    words, grade = readability.word_count(text), readability.grade(text)
    out = [f"<h1>Review sheet: {e(str(meta.get('title')))}</h1>",
           f"<p>{e(page.name)} · online at /{e(page.url)} · "
           + (f"signed off by the {e(page.signed.role)} on {e(date_words(page.signed.reviewed))} "
              f"(commit {page.signed.commit[:10]}, {page.signed.date})" if page.signed else "never signed off")
           + f" · next review due {e(date_words(meta.get('next_review')))}</p>"]

    out.append("<h2>What changed since the last sign-off</h2>")
    if not page.signed:
        out.append("<p>This page has not been signed off before: please review all of it.</p>")
    else:
        changes = text_changes(page.signed.text, page.text)
        data = data_changes(page)
        if not changes and not data:
            out.append("<p>Nothing: the words, and the data the page shows, are the ones signed off.</p>")
        else:
            out.append('<p class="note">Removed words are struck through and marked [- -]; added words are '
                       "underlined and marked {+ +}.</p>")
            if changes:
                out.append('<div class="diff">' + "".join(changes) + "</div>")
            if data:
                out.append("<p><strong>The milestones or signs this page shows</strong> "
                           f"({', '.join(DATA_FILES.values())}):</p><div class=\"diff\">" + "".join(data) + "</div>")

    out.append("<h2>Sources</h2>")
    listed = sources(soup)
    out.append("<ol>" + "".join(f"<li>{e(t)}" + "".join(f'<br><span class="url">{e(u)}</span>' for u in urls)
                                + "</li>" for t, urls in listed) + "</ol>" if listed else
               "<p>The page names no source.</p>")

    out.append("<h2>Reading grade</h2>")
    if words:
        out.append(f"<p>Flesch-Kincaid grade {grade:.1f} (a reading age of about {grade + 5:.0f}) over {words} words "
                   f"of paragraphs and lists. The site asks for grade {readability.MAX_PAGE_GRADE:g} or lower on a "
                   f"page of {readability.MIN_WORDS} words or more (tests/readability.py, textstat).</p>")
    else:
        out.append("<p>The page has no paragraphs to score.</p>")

    out.append("<h2>When to get help: the page's care cards</h2>")
    cards = care_cards(soup)
    out.append("".join(f'<div class="card"><p><strong>{e(t)}</strong></p><ul>'
                       + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul></div>" for t, items in cards)
               if cards else "<p>The page has no care cards.</p>")

    options = "".join(f"<li>&#9744; {e(role)}</li>" for role in roles)
    out.append(f'<div class="box"><h2>Sign-off: {e(str(meta.get("title")))} ({e(page.name)})</h2>'
               "<p>I have reviewed this page and its sources, and it is right for parents and carers.</p>"
               f"<p>Role (tick one; a role, not a name, is shown on the site):</p><ul>{options}</ul>"
               '<p>Date:</p><div class="line"></div><p>Signature:</p><div class="line"></div>'
               '<p>Next review due:</p><div class="line"></div>'
               '<p>Changes needed before sign-off:</p><div class="line"></div><div class="line"></div>'
               "</div>")
    return "\n".join(out)


def front_list(all_pages: dict[str, Page], pages: list[Page], today: dt.date) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(str(p.meta.get('title')))}<br><span class=\"url\">{e(p.name)}</span></td>"
        f"<td>{e(p.last_change)}</td>"
        f"<td>{(e(p.signed.role) + ', ' + e(date_words(p.signed.reviewed))) if p.signed else 'never'}"
        f"{'<br><strong>changed since</strong>' if p.changed else ''}</td>"
        f"<td>{e(date_words(p.meta.get('next_review')))}</td></tr>" for p in pages)
    due = sign_off.due_for_review({n: p.meta for n, p in all_pages.items()}, today)
    due_rows = "".join(f"<tr><td>{e(str(all_pages[n].meta.get('title')))}<br><span class=\"url\">{e(n)}</span></td>"
                       f"<td>{e(date_words(day))}</td></tr>" for n, day in due)
    until = today + dt.timedelta(days=sign_off.DUE_DAYS)
    return (f"<h1>Review pack, {e(date_words(today))}</h1>"
            f"<p>{len(pages)} pages to review. For each: the page as a parent prints it, then its review sheet "
            "(what changed since the last sign-off, sources, reading grade, care cards and a sign-off box). "
            "When signed, record it with: make sign-off PAGES=docs/&lt;page&gt;.md ROLE=\"&lt;role&gt;\"</p>"
            "<h2>The pages in this pack</h2><table><tr><th>Page</th><th>Last change (git)</th>"
            f"<th>Last sign-off</th><th>Next review</th></tr>{rows}</table>"
            f"<h2>Due for review in the next {sign_off.DUE_DAYS} days (by {e(date_words(until))})</h2>"
            + (f"<p>{len(due)} pages of the site.</p><table><tr><th>Page</th><th>Next review</th></tr>{due_rows}</table>"
               if due else "<p>No page of the site is due for review by then.</p>"))


# --- building and printing ----------------------------------------------------------------

def build_site(out: Path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(out))
    build(config)
    return config


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def as_document(body: str) -> str:
    return f'<!doctype html><html lang="en-GB"><meta charset="utf-8"><style>{SHEET_CSS}</style><body>{body}</body></html>'


def make_pack(names: list[str], out: Path) -> tuple[Path, int]:
    if not Path(CHROMIUM).is_file():
        raise SystemExit(f"{CHROMIUM} is missing: run 'make system-packages' (Debian's chromium), then try again.")
    all_pages = read_pages()
    pages = chosen(all_pages, names)
    if not pages:
        raise SystemExit("No page is waiting for review: every page is signed off and unchanged since. "
                         "Name pages to review again with PAGES=\"docs/<page>.md ...\".")
    for page in pages:
        page.last_change = last_change(page.name, sign_off.shows_data(page.text))
        page.signed = last_sign_off(page.name)
    today = site_model.today()
    with tempfile.TemporaryDirectory(prefix="review-pack-") as work:
        work = Path(work)
        config = build_site(work / "site")
        roles = list(config.extra.get("review_roles") or [])
        for page in pages:
            page.html = (work / "site" / page.url / "index.html").read_text(encoding="utf-8")
        handler = functools.partial(_Quiet, directory=str(work / "site"))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        from playwright.sync_api import sync_playwright
        parts = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                tab = browser.new_page()
                def sheet(body: str, path: Path, title: str) -> None:
                    footer = ('<div style="font-size:8px;width:100%;text-align:center;color:#4c6272">'
                              f'Review pack, {html.escape(date_words(today))}: {html.escape(title)}, sheet '
                              '<span class="pageNumber"></span> of <span class="totalPages"></span></div>')
                    tab.set_content(as_document(body), wait_until="load")
                    tab.pdf(path=str(path), format="A4", print_background=True, display_header_footer=True,
                            header_template="<span></span>", footer_template=footer,
                            margin={"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
                    parts.append(path)

                sheet(front_list(all_pages, pages, today), work / "0-front.pdf", "the list of pages")
                for number, page in enumerate(pages, 1):
                    tab.goto(base + page.url, wait_until="load")
                    tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
                    printed = work / f"{number}-page.pdf"
                    tab.pdf(path=str(printed), format="A4", print_background=True)  # the site's own print CSS
                    parts.append(printed)
                    sheet(review_sheet(page, roles), work / f"{number}-review.pdf",
                          f"review sheet for {page.name}")
                browser.close()
        finally:
            server.shutdown()
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdfunite", *map(str, parts), str(out)], check=True)
    return out, len(pages)


def main(names: list[str]) -> None:
    out = Path(os.environ.get("OUT") or "review-pack.pdf")
    made, count = make_pack(names, out)
    print(f"{made}: the review pack, {count} pages to review. Print it or annotate it; "
          "after sign-off, run make sign-off PAGES=... ROLE=\"...\"")


if __name__ == "__main__":
    main(sys.argv[1:])
