"""Front matter is each page's contract: check every page before anything is built.

Every page needs `title`, `description`, `last_reviewed`, `next_review` and `reviewed_by`.
All problems in all pages are reported together, each line naming the file, and the build
stops. `RELEASE=1` also refuses drafts (`reviewed_by: pending`). Review dates are compared
with today in Europe/London (site_model.today(); SOURCE_DATE_EPOCH fixes it, for repeatable builds).

The parsed front matter is kept on each page's File as `app_meta` for the other hooks.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import site_model
from site_model import DRAFT, read_front_matter, today

REQUIRED = ("title", "description", "last_reviewed", "next_review", "reviewed_by")
# Material's own page settings that an editor may also use.
OPTIONAL = ("tags", "hide", "search", "template")
MAX_DESCRIPTION = 200


def _date(meta: dict, key: str, problems: list[str]) -> dt.date | None:
    value = meta.get(key)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    problems.append(f"'{key}' is '{value}', which is not a date. "
                    "Write dates as YYYY-MM-DD, for example 2027-05-31.")
    return None


def check(meta: dict, config) -> list[str]:
    """The problems with one page's front matter, as sentences."""
    problems = []
    for key in REQUIRED:
        value = meta.get(key)
        if key not in meta:
            problems.append(f"the front matter has no '{key}'. Every page needs {', '.join(REQUIRED)}.")
        elif value is None or (isinstance(value, str) and not value.strip()):
            problems.append(f"'{key}' is empty. Give it a value.")
    for key in meta:
        if key not in REQUIRED + OPTIONAL:
            problems.append(f"'{key}' is not a front matter field we use. Did you mean one of "
                            f"{', '.join(REQUIRED + OPTIONAL)}?")
    if problems:
        return problems

    for key in ("title", "description", "reviewed_by"):
        if not isinstance(meta[key], str):
            problems.append(f"'{key}' must be text, not '{meta[key]}'.")
    if isinstance(meta["description"], str) and len(meta["description"]) > MAX_DESCRIPTION:
        problems.append(f"'description' is {len(meta['description'])} characters long. Keep it to "
                        f"{MAX_DESCRIPTION} or fewer: link previews and search results cut it short.")

    last, due = _date(meta, "last_reviewed", problems), _date(meta, "next_review", problems)
    if last and due:
        if due <= last:
            problems.append(f"'next_review' ({due}) must be after 'last_reviewed' ({last}).")
        elif due < today():
            problems.append(f"the review was due on {due} and is overdue. Have the page reviewed, then "
                            "update 'last_reviewed' and 'next_review'.")
        if last > today():
            problems.append(f"'last_reviewed' ({last}) is in the future.")

    roles = config.extra.get("review_roles", [])
    reviewer = meta["reviewed_by"]
    if isinstance(reviewer, str) and reviewer != DRAFT and reviewer not in roles:
        problems.append(f"'reviewed_by' is '{reviewer}'. Use '{DRAFT}' for a draft, or the role that "
                        f"signed the page off, one of: {'; '.join(roles)} (extra.review_roles in mkdocs.yml).")
    if reviewer == DRAFT and os.environ.get("RELEASE") == "1":
        problems.append("is a draft (reviewed_by: pending). A release needs every page signed off "
                        "by a clinician.")

    tags = meta.get("tags")
    if tags is not None:
        allowed = config.extra.get("app_tags", {})
        if not isinstance(tags, list) or not tags:
            problems.append("'tags' must be a list, one '- tag' per line.")
        else:
            for tag in tags:
                if tag not in allowed:
                    problems.append(f"the tag '{tag}' is unknown. Use tags from extra.app_tags in "
                                    f"mkdocs.yml: {', '.join(allowed)}.")
    return problems


@event_priority(100)  # first: the other hooks read the checked front matter (file.app_meta)
def on_files(files, config, **kwargs):
    root = Path(config.config_file_path).parent
    problems, titles = [], {}
    for file in files.documentation_pages():
        name = os.path.relpath(file.abs_src_path, root)
        meta, problem = read_front_matter(file.content_string)
        if problem:
            problems.append(f"{name}: {problem}")
            continue
        file.app_meta = meta
        problems += [f"{name}: {p}" for p in check(meta, config)]
        if file.src_uri.startswith("play/") and file.src_uri != site_model.ACTIVITY_INDEX:
            tags = meta.get("tags") if isinstance(meta.get("tags"), list) else []
            for kind in ("age", "skill"):
                if not any(str(t).startswith(kind + "/") for t in tags):
                    problems.append(f"{name}: an activity needs at least one '{kind}/' tag, so parents can "
                                    f"find it by {kind}.")
        title = meta.get("title")
        if isinstance(title, str) and title.strip():
            key = title.strip().casefold()
            if key in titles:
                problems.append(f"{name}: the title '{title}' is already used by {titles[key]}. "
                                "Every page needs its own title.")
            else:
                titles[key] = name
    if problems:
        raise PluginError("Some pages need fixing:\n  " + "\n  ".join(problems))
    return files


def on_page_markdown(markdown, page, **kwargs):
    """The theme writes the description into attributes unescaped: escape it once, here."""
    description = page.meta.get("description")
    if isinstance(description, str):
        page.meta["description"] = html.escape(" ".join(description.split()), quote=True)
    return markdown


def on_env(env, config, files, **kwargs):
    env.filters["app_date"] = site_model.nhs_date
    env.globals["app_draft"] = DRAFT
    return env
