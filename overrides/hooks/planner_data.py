"""The planner page ("What can my child do?") reads the site's own data, never a second copy.

docs/planner.md has one marker line, `<!-- app/planner-data -->`. This hook replaces it with:

1. `<script type="application/json" id="app-planner-data">`, read by docs/assets/planner.js:
   - `bands`: the `age/...` tags in extra.app_tags (mkdocs.yml), with their labels, the month
     range read from the tag itself (`age/1-2-years` is 12 to 24 months) and the age page's
     address (docs/ages/<band>.md), relative to the planner page;
   - `checkpoints`: the CDC checklists from docs/.data/milestones.yml, loaded the same way as
     milestones.py loads them, with the source address from docs/.snippets/links.md;
   - `activities`: every activity page under play/ (title, description, address, tags), from
     the front matter that front_matter.py keeps on each File as `app_meta`.
2. A list of links to the age pages, shown when JavaScript does not run (planner.js hides it).
   They are Markdown links, so the build checks them like any other.
3. A QR code of the page's own address (site_url + the page's path), drawn at build time with
   segno as inline SVG. Only print shows it, on the one-sheet summary.
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
from pathlib import Path

import segno
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url


# MkDocs puts this folder on sys.path while it loads a hook, so the sibling hooks import as
# the same modules the build runs: one activity list, one milestone loader.
import activities as activity_pages  # noqa: E402  activities(files): the activity pages, by title
import milestones as milestone_data  # noqa: E402  load(config) and OTHER_AREA, as the age pages use them
from page_text import docs_path  # noqa: E402

log = logging.getLogger("mkdocs.hooks.planner_data")

MARKER = re.compile(r"^<!--\s*app/planner-data\s*-->[ \t]*$", re.M)
BAND = re.compile(r"^(\d+)-(\d+)-(months|years)$")
LINK_DEFINITION = re.compile(r"^\[([\w-]+)\]:\s*(\S+)", re.M)


def month_range(band: str) -> tuple[int, int]:
    """'6-12-months' -> (6, 12); '1-2-years' -> (12, 24)."""
    match = BAND.match(band)
    if not match:
        raise PluginError(f"mkdocs.yml: the age tag 'age/{band}' does not say its ages. Write it as "
                          "'age/<from>-<to>-months' or 'age/<from>-<to>-years', for example 'age/1-2-years'.")
    start, end, unit = int(match.group(1)), int(match.group(2)), match.group(3)
    scale = 12 if unit == "years" else 1
    return start * scale, end * scale


def link_addresses(config) -> dict[str, str]:
    """{name: address} from docs/.snippets/links.md, the one place addresses live."""
    path = Path(config.docs_dir) / ".snippets" / "links.md"
    try:
        return dict(LINK_DEFINITION.findall(path.read_text(encoding="utf-8")))
    except OSError as error:
        raise PluginError(f"{path}: cannot read the link list: {error}")


def planner_data(page, config, files) -> dict:
    where = docs_path(page, config)
    data = milestone_data.load(config)
    addresses = link_addresses(config)

    bands = []
    for tag, label in config.extra["app_tags"].items():
        if not tag.startswith("age/"):
            continue
        band = tag.split("/", 1)[1]
        start, end = month_range(band)
        age_page = files.get_file_from_path(f"ages/{band}.md")
        if age_page is None:
            log.warning(f"{where}: there is no age page docs/ages/{band}.md for the tag '{tag}'.")
        bands.append({"id": band, "tag": tag, "label": label, "from": start, "to": end,
                      "url": get_relative_url(age_page.url, page.url) if age_page else None})

    checkpoints = []
    for check in data.get("cdc", []):
        source = addresses.get(check["link"])
        if source is None:
            raise PluginError(f"docs/.data/milestones.yml: the checklist at {check['age']} links to "
                              f"'{check['link']}', which is not in docs/.snippets/links.md.")
        checkpoints.append({
            "age": check["age"], "months": check["months"], "band": check["band"], "source": source,
            "items": [{"text": item["text"], "area": item["area"],
                       "note": milestone_data.OTHER_AREA.get(item["area"])} for item in check["items"]],
        })

    activities = [{"title": f.app_meta["title"], "description": f.app_meta["description"].strip(),
                   "url": get_relative_url(f.url, page.url), "tags": list(f.app_meta["tags"])}
                  for f in activity_pages.activities(files)]
    return {"bands": bands, "checkpoints": checkpoints, "activities": activities}


def json_block(data: dict) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the block or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="app-planner-data">{text}</script>'


def fallback(data: dict, page) -> str:
    """Links to the age pages, for a browser that does not run the planner."""
    lines = ['<div class="app-planner-fallback" id="planner-fallback" markdown>', "",
             "Choose your child's age to see what most children can do, with play ideas:", ""]
    for band in data["bands"]:
        target = posixpath.relpath(f"ages/{band['id']}.md", posixpath.dirname(page.file.src_uri) or ".")
        lines.append(f"- [{band['label']}]({target})")
    return "\n".join(lines + ["", "</div>"])


def qr_code(address: str) -> str:
    svg = segno.make(address, error="m").svg_inline(
        scale=4, svgclass="app-planner-qr__code", lineclass=None, omitsize=True,
        title="QR code for this page")
    svg = svg.replace("<svg ", '<svg role="img" aria-label="QR code for this page" ', 1)
    return (f'<figure class="app-planner-qr" id="planner-qr">{svg}'
            f'<figcaption>Scan to open this page: {address}</figcaption></figure>')


def on_page_markdown(markdown, page, config, files, **kwargs):
    if not MARKER.search(markdown):
        return markdown
    if len(MARKER.findall(markdown)) > 1:
        raise PluginError(f"{docs_path(page, config)}: the marker "
                          "'<!-- app/planner-data -->' may be used once on a page.")
    data = planner_data(page, config, files)
    address = config.site_url.rstrip("/") + "/" + page.url if config.site_url else page.url
    block = "\n\n".join([json_block(data), fallback(data, page), qr_code(address)])
    return MARKER.sub(lambda _: block, markdown)
