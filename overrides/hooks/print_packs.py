"""One printable pack per age band: the age page followed by every activity for that age.

Made at build time from the same Markdown files, never a copy: change an activity and every
pack that holds it changes too. Packs live at packs/<band>/, are left out of the menu and
search, and each age page links to its pack for clinic staff to print.
"""

from __future__ import annotations

import re

import yaml
from mkdocs.structure.files import File

from front_matter import DRAFT, read_front_matter

HEADING = re.compile(r"^(#{2,5}) ", re.M)
RELATIVE_LINK = re.compile(r"\]\((?!\.\./|#|[a-z]+:)([^)\s]+)\)")


def body(file) -> str:
    """The Markdown after the front matter."""
    text = file.content_string
    return text[text.index("\n---", 3) + 4:].lstrip("\n") if text.startswith("---") else text


def activity_section(file) -> str:
    text = HEADING.sub(lambda m: "#" + m.group(1) + " ", body(file))
    text = RELATIVE_LINK.sub(lambda m: f"](../play/{m.group(1)})", text)  # links beside the activity
    return f'<div class="app-pack__break"></div>\n\n## {file.app_meta["title"]}\n\n{text}\n'


def on_files(files, config, **kwargs):
    pages = {f.src_uri: f for f in files.documentation_pages()}
    activities = sorted((f for f in pages.values() if f.src_uri.startswith("play/") and f.src_uri != "play/index.md"
                         and getattr(f, "app_meta", {}).get("tags")), key=lambda f: f.app_meta["title"].casefold())
    for tag, label in config.extra["app_tags"].items():
        band = tag.removeprefix("age/")
        age_page = pages.get(f"ages/{band}.md")
        if not tag.startswith("age/") or age_page is None:
            continue
        chosen = [f for f in activities if tag in f.app_meta["tags"]]
        parts = [age_page] + chosen
        meta = {
            "title": f"Print pack: {label}",
            "description": f"The {label} page and its {len(chosen)} play ideas together, to print for a family.",
            "last_reviewed": min(f.app_meta["last_reviewed"] for f in parts),
            "next_review": min(f.app_meta["next_review"] for f in parts),
            "reviewed_by": DRAFT if any(f.app_meta["reviewed_by"] == DRAFT for f in parts) else age_page.app_meta["reviewed_by"],
            "search": {"exclude": True},
        }
        content = ("---\n" + yaml.safe_dump(meta, sort_keys=False) + "---\n\n"
                   + body(age_page) + "\n" + "".join(activity_section(f) for f in chosen))
        pack = File.generated(config, f"packs/{band}.md", content=content)
        pack.app_meta = read_front_matter(content)[0]
        files.append(pack)
    return files


def on_page_markdown(markdown, page, config, **kwargs):
    """Age pages point clinic staff to their pack."""
    match = re.fullmatch(r"ages/([\w-]+)\.md", page.file.src_uri)
    if not match or f"age/{match.group(1)}" not in config.extra["app_tags"]:
        return markdown
    line = (f"Printing for a family? The [print pack for this age](../packs/{match.group(1)}.md) "
            "has this page and all its play ideas.\n\n")
    sources = markdown.find("\n## Sources")
    return markdown + "\n" + line if sources < 0 else markdown[:sources + 1] + line + markdown[sources + 1:]
