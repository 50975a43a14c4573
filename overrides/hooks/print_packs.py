"""One printable pack per age band: the age page followed by every activity for that age.

Made at build time from the same Markdown files, never a copy: change an activity and every
pack that holds it changes too. Packs live at packs/<band>/, are left out of the menu and
search, and each age page links to its pack for clinic staff to print.
"""

from __future__ import annotations

import re

import yaml
from mkdocs.structure.files import File

import site_model

HEADING = re.compile(r"^(#{2,5}) ", re.M)
RELATIVE_LINK = re.compile(r"\]\((?!\.\./|#|[a-z]+:)([^)\s]+)\)")


def body(file) -> str:
    """The Markdown after the front matter (closed by `---` or `...`)."""
    return site_model.split_front_matter(file.content_string)[1].lstrip("\n")


def activity_section(file) -> str:
    text = HEADING.sub(lambda m: "#" + m.group(1) + " ", body(file))
    text = RELATIVE_LINK.sub(lambda m: f"](../play/{m.group(1)})", text)  # links beside the activity
    return f'<div class="app-pack__break"></div>\n\n## {file.app_meta["title"]}\n\n{text}\n'


def on_files(files, config, **kwargs):  # after front_matter.py (priority 100) has read every page
    activities = site_model.activity_files(files)
    for band in site_model.age_bands(config):
        age_page = files.get_file_from_path(band.page)
        if age_page is None or not site_model.meta_of(age_page):
            continue
        chosen = [f for f in activities if band.tag in f.app_meta["tags"]]
        parts = [age_page] + chosen
        meta = {
            "title": f"Print pack: {band.label}",
            "description": f"The {band.label} page and its {len(chosen)} play ideas together, to print for a family.",
            "last_reviewed": min(f.app_meta["last_reviewed"] for f in parts),
            "next_review": min(f.app_meta["next_review"] for f in parts),
            "reviewed_by": (site_model.DRAFT if any(f.app_meta["reviewed_by"] == site_model.DRAFT for f in parts)
                            else age_page.app_meta["reviewed_by"]),
            "search": {"exclude": True},
        }
        content = ("---\n" + yaml.safe_dump(meta, sort_keys=False) + "---\n\n"
                   + body(age_page) + "\n" + "".join(activity_section(f) for f in chosen))
        pack = File.generated(config, f"packs/{band.id}.md", content=content)
        pack.app_meta = site_model.read_front_matter(content)[0]
        files.append(pack)
    return files


def on_page_markdown(markdown, page, config, **kwargs):
    """Age pages point clinic staff to their pack."""
    band = next((b for b in site_model.age_bands(config) if b.page == page.file.src_uri), None)
    if band is None:
        return markdown
    line = (f"Printing for a family? The [print pack for this age](../packs/{band.id}.md) "
            "has this page and all its play ideas.\n\n")
    sources = markdown.find("\n## Sources")
    return markdown + "\n" + line if sources < 0 else markdown[:sources + 1] + line + markdown[sources + 1:]
