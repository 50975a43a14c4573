"""Front matter is each page's contract: check every page before anything is built.

Every page needs `title`, `description`, `last_reviewed`, `next_review` and `reviewed_by`.
All problems in all pages are reported together, each line naming the file and the field's
line, and the build stops. `RELEASE=1` also refuses drafts (`reviewed_by: pending`), pages whose
words or data changed after sign-off (`signed_hash`, sign_off.py), and needs the site's real
https:// address; any other value of RELEASE stops the build, so a typed
`RELEASE=true` cannot publish drafts. Review dates are compared with today in Europe/London
(site_model.today(); SOURCE_DATE_EPOCH fixes it, for repeatable builds).

The parsed front matter is kept on each page's File as `app_meta` for the other hooks, with
`app_checked` and `app_signed` (its words, and data, are the ones checked / signed). Pages due for
review within 90 days get a warning on the error stream that does not stop the build.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import logging
import os
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

import front_matter_reader
import picture_names
import sign_off
import site_model
from front_matter_reader import read_front_matter
from site_model import DRAFT, today

REQUIRED = ("title", "description", "last_reviewed", "next_review", "reviewed_by")
# Material's own page settings that an editor may also use.
OPTIONAL = ("tags", "hide", "search", "template", "picture", "picture_alt", "checked_text", "signed_hash")
CHECKED_TEXT = re.compile(r"[0-9a-f]{12}")  # front_matter_reader.text_fingerprint(), written by `make checked`
HIDE = ("navigation", "toc", "footer", "path", "tags", "feedback")  # what Material's `hide:` can hide
MAX_DESCRIPTION = 200
# A title is read on a phone (the heading, two short lines at 320 pixels wide), in the browser tab
# and in a link preview, where WhatsApp and search results cut at about 60 characters, and
# " - Early Years Pathway" follows it in the tab. The longest title on the site is 40 characters
# ("Easy Read: what happens after a referral"), so 50 leaves room for a few more words.
MAX_TITLE = 50
TEXT_FIELDS = ("title", "description", "reviewed_by")
MAX_REVIEW_YEARS = 3  # a page is reviewed at least this often
log = logging.getLogger("mkdocs.hooks.front_matter")
SHOW_DUE = 10  # pages named in the build's "due for review" warning; make review-pack lists them all
RELEASE = "1"  # the one value of RELEASE that makes a release build (README.md, Makefile)


class Problem(str):
    """A sentence about a page's front matter, knowing the field it is about (for its line)."""
    field: str | None = None


def _problem(field, text: str) -> Problem:
    problem = Problem(text)
    problem.field = None if field is None else str(field)
    return problem


def _date(meta: dict, key: str, problems: list[str]) -> dt.date | None:
    value = meta.get(key)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    problems.append(_problem(key, f"'{key}' is '{value}', which is not a date. "
                             "Write dates as YYYY-MM-DD, for example 2027-05-31."))
    return None


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def check(meta: dict, config) -> list[Problem]:
    """The problems with one page's front matter, as sentences."""
    problems = []
    for key in REQUIRED:
        value = meta.get(key)
        if key not in meta:
            problems.append(_problem(None, f"the front matter has no '{key}'. Every page needs "
                                           f"{', '.join(REQUIRED)}."))
        elif value is None or (isinstance(value, str) and not value.strip()):
            problems.append(_problem(key, f"'{key}' is empty. Give it a value."))
    for key in meta:
        if key not in REQUIRED + OPTIONAL:
            guess = difflib.get_close_matches(str(key).lower(), REQUIRED + OPTIONAL, n=1, cutoff=0.6)
            problems.append(_problem(key, f"'{key}' is not a front matter field we use. " + (
                f"Did you mean '{guess[0]}'?" if guess else f"The fields are {', '.join(REQUIRED + OPTIONAL)}.")))
    if problems:
        return problems

    for key in TEXT_FIELDS:
        value = meta[key]
        if not isinstance(value, str):
            problems.append(_problem(key, f"'{key}' must be text, not '{value}'. Put it in quotes."))
        elif "\n" in (value.strip() if key == "description" else value):
            problems.append(_problem(key, f"'{key}' is written over several lines ('|'), so it keeps its line "
                                          "breaks. " + ("Use '>-' as in README.md, or write it on one line."
                                                       if key == "description" else
                                                       f"Write it on one line, after '{key}: '.")))
    title = meta["title"]
    if isinstance(title, str) and re.search(r"[<>]", title):
        problems.append(_problem("title", f"the title '{title}' has '<' or '>'. A title is plain words: take "
                                          "them out (write 'under 2', not '<2')."))
    if isinstance(title, str) and len(title.strip()) > MAX_TITLE:
        problems.append(_problem("title", f"the title is {len(title.strip())} characters long. Keep it to "
                                          f"{MAX_TITLE} or fewer, so it can be read on a phone and is not cut short "
                                          "in a link preview: say the rest in the 'description'."))
    if isinstance(meta["description"], str) and len(meta["description"]) > MAX_DESCRIPTION:
        problems.append(_problem("description", f"'description' is {len(meta['description'])} characters long. "
                                 f"Keep it to {MAX_DESCRIPTION} or fewer: link previews and search results cut "
                                 "it short."))

    last, due = _date(meta, "last_reviewed", problems), _date(meta, "next_review", problems)
    if last and due:
        latest = _years_later(last, MAX_REVIEW_YEARS)
        if due <= last:
            problems.append(_problem("next_review", f"'next_review' ({due}) must be after 'last_reviewed' "
                                                    f"({last})."))
        elif due > latest:
            problems.append(_problem("next_review", f"'next_review' ({due}) is more than {MAX_REVIEW_YEARS} years "
                                     f"after 'last_reviewed' ({last}). Every page is reviewed at least every "
                                     f"{MAX_REVIEW_YEARS} years: set 'next_review' to {latest} or sooner."))
        elif due < today():
            problems.append(_problem("next_review", f"the review was due on {due} and is overdue. Have the page "
                                     "reviewed, then update 'last_reviewed' and 'next_review'."))
        if last > today():
            problems.append(_problem("last_reviewed", f"'last_reviewed' ({last}) is in the future."))

    roles = config.extra.get("review_roles", [])
    reviewer = meta["reviewed_by"]
    if isinstance(reviewer, str) and reviewer != DRAFT and reviewer not in roles:
        guess = difflib.get_close_matches(reviewer, roles, n=1, cutoff=0.8)
        if guess:
            problems.append(_problem("reviewed_by", f"'reviewed_by' is '{reviewer}'. Did you mean '{guess[0]}'? "
                                     "Write the role exactly as in extra.review_roles in mkdocs.yml."))
        else:
            problems.append(_problem("reviewed_by", f"'reviewed_by' is '{reviewer}'. Use '{DRAFT}' for a draft, or "
                                     "the role that signed the page off, one of: "
                                     f"{'; '.join(roles)} (extra.review_roles in mkdocs.yml)."))
    if reviewer == DRAFT and os.environ.get("RELEASE") == RELEASE:
        problems.append(_problem("reviewed_by", "is a draft (reviewed_by: pending). A release needs every page "
                                                "signed off by a clinician."))

    checked = meta.get("checked_text")
    if checked is not None and not (isinstance(checked, str) and CHECKED_TEXT.fullmatch(checked)):
        problems.append(_problem("checked_text", f"'checked_text' is '{checked}'. It is written by `make checked "
                                 "PAGES=<this page>` when the page's words have been checked: delete the line, or "
                                 "run that command."))

    signed = meta.get("signed_hash")
    if signed is not None and reviewer == DRAFT:
        problems.append(_problem("signed_hash", "has a 'signed_hash' but is a draft (reviewed_by: pending). The hash "
                                                "belongs to a sign-off: delete the 'signed_hash' line."))
    elif signed is not None and not (isinstance(signed, str) and sign_off.SIGNED_HASH.fullmatch(signed)):
        problems.append(_problem("signed_hash", f"'signed_hash' is '{signed}'. It is written by `make sign-off "
                                 "PAGES=<this page> ROLE=\"<role>\"` when a clinician signs the page off: never type it. "
                                 "Delete the line and run that command."))

    tags = meta.get("tags")
    if tags is not None:
        allowed = config.extra.get("app_tags", {})
        if not isinstance(tags, list) or not tags:
            problems.append(_problem("tags", "'tags' must be a list, one '- tag' per line."))
        else:
            for tag in tags:
                if isinstance(tag, dict):
                    written = ", ".join(f"{k}: {v}" for k, v in tag.items())
                    problems.append(_problem("tags", f"the tag '{written}' has ': ' in it. Write tags with '/', "
                                                     f"for example '- {'/'.join(map(str, next(iter(tag.items()))))}'."))
                elif not isinstance(tag, str) or tag not in allowed:
                    problems.append(_problem("tags", f"the tag '{tag}' is unknown. Use tags from extra.app_tags "
                                                     f"in mkdocs.yml: {', '.join(allowed)}."))

    hide = meta.get("hide")
    if hide is not None and (not isinstance(hide, list) or not set(map(str, hide)) <= set(HIDE)):
        problems.append(_problem("hide", f"'hide' is '{hide}'. Write it as a list of what to hide, one '- ' line "
                                         f"each, from: {', '.join(HIDE)}."))
    search = meta.get("search")
    if search is not None and (not isinstance(search, dict) or set(search) - {"exclude", "boost"}):
        problems.append(_problem("search", "'search' must be written as two lines, 'search:' and then "
                                           "'  exclude: true', to leave the page out of search."))
    problems += picture_problems(meta)
    template = meta.get("template")
    if template is not None:
        dirs = [Path(d) for d in config.theme.dirs]
        if (not isinstance(template, str) or "/" in template or "\\" in template
                or not any((d / template).is_file() for d in dirs)):
            problems.append(_problem("template", f"the template '{template}' does not exist. Delete the "
                                                 "'template' line: every page uses the site's own layout."))
    return problems


def title_key(title: str) -> str:
    """A title as a reader tells it apart: capitals, punctuation and spaces do not count, so
    'Tummy time', 'Tummy-time' and 'tummy time!' are the same title."""
    return " ".join(re.sub(r"[\W_]+", " ", title.casefold()).split())


def picture_problems(meta: dict) -> list[Problem]:
    """`picture:` names an OpenMoji drawing (picture_names.picture_file); `picture_alt:` says what
    it shows, or is "" for a picture that only decorates."""
    problems = []
    name, alt = meta.get("picture"), meta.get("picture_alt")
    if name is None:
        if alt is not None:
            problems.append(_problem("picture_alt", "'picture_alt' is set but there is no 'picture'. Add "
                                                    "'picture: <its name>' or delete 'picture_alt'."))
        return problems
    if not isinstance(name, str) or not name.strip():
        return [_problem("picture", f"'picture' is '{name}'. Write the picture's name, for example 'picture: baby'.")]
    try:
        picture_names.picture_file(name)
    except picture_names.PictureError as error:
        problems.append(_problem("picture", str(error)))
    if alt is None:
        problems.append(_problem("picture", f"the picture '{name}' has no 'picture_alt'. Add a line "
                                            "'picture_alt: <what it shows>', for example 'picture_alt: A baby', "
                                            "or 'picture_alt: \"\"' if it only decorates."))
    elif not isinstance(alt, str) or "\n" in alt or re.search(r"[<>]", alt):
        problems.append(_problem("picture_alt", f"'picture_alt' is '{alt}'. Write what the picture shows in "
                                                "plain words, on one line."))
    return problems


# A plain value cut short by ' #': YAML reads the rest of the line as a note and drops it.
HASH = re.compile(r"(?:^|[ \t])#")


def check_source(text: str) -> list[tuple[int, str]]:
    """(line, problem) for what YAML reads without complaint but not as the editor meant:
    a title, description or reviewer cut short by ' #'."""
    block, _ = front_matter_reader.split_front_matter(text)
    lines = (block or "").split("\n")
    problems = []
    for number, line in enumerate(lines):
        match = re.match(rf"^({'|'.join(TEXT_FIELDS)})\s*:[ \t]*(.*)$", line)
        if not match or match.group(2)[:1] in ("'", '"', "|", ">"):
            continue
        key, value = match.groups()
        hit = HASH.search(value)
        at = number
        while not hit and at + 1 < len(lines) and lines[at + 1][:1] in (" ", "\t") and lines[at + 1].strip():
            at += 1  # a plain value that goes on to the next lines
            hit = HASH.search(lines[at].strip())
        if hit:
            kept = value[:hit.start()].strip() if at == number else None
            whole = " ".join(x.strip() for x in lines[number:at + 1])[len(key) + 1:].strip()
            said = f", so it would read '{kept}'" if kept else ""
            problems.append((at + 2, f"'{key}' is cut short at '#'{said}: everything after ' #' is left out. "
                                     "If it is part of the value, put the whole value in "
                                     f"double quotes, for example {key}: \"{whole}\". If it is a note, "
                                     "delete it."))
    return problems


def release_problems(release: str | None, site_url: str | None) -> list[str]:
    """The problems with a build's RELEASE setting and, for a release, its address."""
    if not release:
        return []
    if release != RELEASE:
        return [f"RELEASE is '{release}'. Write RELEASE={RELEASE} for a release build (make build "
                f"RELEASE={RELEASE}), or leave RELEASE out for a preview."]
    if not (site_url or "").startswith("https://"):
        return [f"a release build needs the site's real https:// address, but site_url is '{site_url}'. "
                f"Build with SITE_URL=https://<the site's address>/ make build RELEASE={RELEASE}."]
    return []


def page_problems(text: str, config) -> tuple[dict | None, list[str]]:
    """(the front matter, its problems) for a page's whole text; a problem on a known line
    starts "line N: "."""
    meta, problem = read_front_matter(text)
    if problem:
        return None, [problem]
    problems = [f"line {line}: {p}" for line, p in check_source(text)]
    for p in check(meta, config):
        line = front_matter_reader.front_matter_line(text, p.field) if p.field else None
        problems.append(f"line {line}: {p}" if line else p)
    return meta, problems


def on_config(config, **kwargs):
    problems = release_problems(os.environ.get("RELEASE"), config.site_url)
    if problems:
        raise PluginError(problems[0])
    return config


def on_files(files, config, **kwargs):
    root = Path(config.config_file_path).parent
    problems, titles = [], {}
    age_pages = {band.page for band in site_model.age_bands(config)}
    for file in files.documentation_pages():
        name = os.path.relpath(file.abs_src_path, root)
        text = file.content_string
        meta, found = page_problems(text, config)
        problems += [f"{name}, {p}" if p.startswith("line ") else f"{name}: {p}" for p in found]
        if meta is None:
            continue
        file.app_meta = meta
        # Were these words checked? Only if the page's text is the text whose fingerprint was kept.
        file.app_checked = meta.get("checked_text") == front_matter_reader.text_fingerprint(text)
        # Signed off, and still the words (and data) that were signed? (sign_off.py)
        file.app_signed = meta.get("reviewed_by") != DRAFT and meta.get("signed_hash") == sign_off.page_hash(
            text, Path(config.docs_dir))
        if os.environ.get("RELEASE") == RELEASE:
            refused = sign_off.release_problem(name, meta, text, Path(config.docs_dir), DRAFT)
            if refused:
                problems.append(refused)
        if os.environ.get("RELEASE") == RELEASE and not file.app_checked:
            problems.append(f"{name}: its words have changed since they were last checked ({meta.get('last_reviewed')}), "
                            "or were never checked. Have the page checked, then run `make checked PAGES=" + name + "`.")
        is_activity = site_model.is_activity(file)
        if (is_activity or file.src_uri in age_pages) and not meta.get("picture"):
            problems.append(f"{name}: an {'activity' if is_activity else 'age page'} needs a picture: add "
                            "'picture: <its name>' and 'picture_alt: <what it shows>' to the front matter.")
        if is_activity:
            tags = meta.get("tags") if isinstance(meta.get("tags"), list) else []
            for kind in ("age", "skill"):
                if not any(str(t).startswith(kind + "/") for t in tags):
                    problems.append(f"{name}: an activity needs at least one '{kind}/' tag, so parents can "
                                    f"find it by {kind}.")
        title = meta.get("title")
        if isinstance(title, str) and title.strip():
            key = title_key(title) or title.strip().casefold()
            if key in titles:
                other, other_title = titles[key]
                same = "is already used by" if other_title.strip().casefold() == title.strip().casefold() else \
                    f"is the same, but for capitals or punctuation, as '{other_title}' in"
                problems.append(f"{name}, line {front_matter_reader.front_matter_line(text, 'title')}: the title "
                                f"'{title}' {same} {other}. Every page needs its own title, so parents can "
                                "tell the pages apart in search results and browser tabs.")
            else:
                titles[key] = (name, title)
    if problems:
        raise PluginError("Some pages need fixing:\n  " + "\n  ".join(problems))
    unchecked = sum(not getattr(f, "app_checked", True) for f in files.documentation_pages())
    warn_due(files, root)
    if unchecked:  # information, not a warning: a preview with drafts is normal (--strict stops on warnings)
        log.info(f"front_matter.py: {unchecked} pages have words not checked since they last changed; a "
                 "release refuses them. After checking a page: make checked PAGES=docs/<page>.md")
    return files


def warn_due(files, root: Path) -> None:
    """A plain warning, never a failure, naming the pages due for review within 90 days. It is
    written straight to the error stream: MkDocs' --strict would stop the build on a logged warning."""
    pages = {os.path.relpath(f.abs_src_path, root): f.app_meta for f in files.documentation_pages()
             if getattr(f, "app_meta", None)}
    due = sign_off.due_for_review(pages, today())
    if due:
        lines = "".join(f"\n  {name}: next review {site_model.nhs_date(day)}" for name, day in due[:SHOW_DUE])
        lines += f"\n  and {len(due) - SHOW_DUE} more" if len(due) > SHOW_DUE else ""
        count = "1 page is" if len(due) == 1 else f"{len(due)} pages are"
        sys.stderr.write(f"WARNING -  front_matter.py: {count} due for review within "
                         f"{sign_off.DUE_DAYS} days (make review-pack lists them):{lines}\n")


def on_page_markdown(markdown, page, **kwargs):
    """The theme writes the description into attributes unescaped: escape it once, here. The
    review line at the foot of the page reads whether its words are the ones that were checked,
    and whether they (and the data they show) are the ones signed off."""
    page.meta["app_checked"] = getattr(page.file, "app_checked", False)
    page.meta["app_signed"] = getattr(page.file, "app_signed", False)
    description = page.meta.get("description")
    if isinstance(description, str):
        page.meta["description"] = html.escape(" ".join(description.split()), quote=True)
    return markdown


def on_env(env, config, files, **kwargs):
    env.filters["app_date"] = site_model.nhs_date
    env.globals["app_draft"] = DRAFT
    return env
