"""One printable pack per age band: the age page followed by every activity for that age.

Made at build time from the same Markdown files, never a copy: change an activity and every
pack that holds it changes too. Packs live at packs/<band>/, are left out of the menu and
search, and each age page links to its pack for clinic staff to print.

On paper an age page is a handout of two sheets and each activity one, in two columns
(site_model.print_columns), so a pack prints on 2 sheets plus one for each activity. The pack says
so on screen before it is printed; tests/test_sharing.py prints every pack to check the number.
"""

from __future__ import annotations

import re

import yaml
from mkdocs.structure.files import File

import site_model

HEADING = re.compile(r"^(#{2,5}) ", re.M)
BREAK = '<div class="app-pack__break"></div>'
AGE_PAGE_SHEETS = 2  # an age page's printed sheets (tests/test_sharing.py holds every age page to it)
PACK_SHEETS: dict[str, int] = {}  # pack src_uri: the sheets it prints on
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
    PACK_SHEETS.clear()
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
            "picture": age_page.app_meta.get("picture"),
            "picture_alt": age_page.app_meta.get("picture_alt"),
            "search": {"exclude": True},
        }
        content = ("---\n" + yaml.safe_dump(meta, sort_keys=False) + "---\n\n"
                   + body(age_page) + "\n" + "".join(activity_section(f) for f in chosen))
        pack = File.generated(config, f"packs/{band.id}.md", content=content)
        PACK_SHEETS[pack.src_uri] = AGE_PAGE_SHEETS + len(chosen)
        pack.app_meta = site_model.read_front_matter(content)[0]
        files.append(pack)
    return files


def on_page_markdown(markdown, page, config, **kwargs):
    """Age pages point clinic staff to their pack; a pack says how many sheets it prints on."""
    if page.file.src_uri in PACK_SHEETS:
        page.meta["app_print_sheets"] = PACK_SHEETS[page.file.src_uri]
        return (f"**This pack prints on {PACK_SHEETS[page.file.src_uri]} sheets of A4:** {AGE_PAGE_SHEETS} for the "
                "age page, then one for each play idea.\n{: .app-screen-only .app-pack__sheets }\n\n" + markdown)
    band = next((b for b in site_model.age_bands(config) if b.page == page.file.src_uri), None)
    if band is None:
        return markdown
    line = (f"Printing for a family? The [print pack for this age](../packs/{band.id}.md) "
            "has this page and all its play ideas.\n{: .app-screen-only }\n\n")
    sources = markdown.find("\n## Sources")
    return markdown + "\n" + line if sources < 0 else markdown[:sources + 1] + line + markdown[sources + 1:]


def on_page_content(html, page, config, **kwargs):
    """On paper an age page, and each part of a pack, flows in two columns under its title."""
    if page.file.src_uri not in PACK_SHEETS and not any(b.page == page.file.src_uri for b in site_model.age_bands(config)):
        return html
    age, *activities = html.split(BREAK)
    first = age.find("<h2")
    out = [age[:first] + site_model.print_columns(age[first:]) if first != -1 else age]
    for section in activities:
        title = section.find("</h2>") + len("</h2>")
        out.append(section[:title] + site_model.print_columns(section[title:], heading="h3"))
    return BREAK.join(out)
