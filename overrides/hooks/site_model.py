"""The site model every hook shares (this module is not a hook, and no hook imports a hook).

MkDocs loads each hook file as a module of its own and puts this folder on sys.path while it
does, so `import site_model` gives every hook this one module. What several hooks need lives
here, once: where a page's file is, its front matter, "today" and NHS dates (always in
Europe/London), which pages are activities and age pages, the age bands with their months,
the milestone data, the addresses in links.md, and QR codes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import segno
import yaml
from mkdocs.exceptions import PluginError

LONDON = ZoneInfo("Europe/London")
DRAFT = "pending"  # `reviewed_by: pending` marks a page as a draft
ACTIVITY_INDEX = "play/index.md"

# --- where things are --------------------------------------------------------------------

# A fenced code block: the components page shows markers and snippets inside these.
FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.S | re.M)


def docs_path(page, config) -> str:
    """The page's file as an editor finds it, such as docs/play/tummy-time.md."""
    return f"{Path(config.docs_dir).name}/{page.file.src_uri}"


def outside_code(pattern: re.Pattern, replace, markdown: str) -> str:
    """pattern.sub(replace, ...) on the Markdown outside fenced code blocks."""
    out, last = [], 0
    for fence in FENCE.finditer(markdown):
        out += [pattern.sub(replace, markdown[last:fence.start()]), fence.group(0)]
        last = fence.end()
    return "".join(out + [pattern.sub(replace, markdown[last:])])


def without_code(markdown: str) -> str:
    """The Markdown with fenced code blocks and inline code removed, for checks on prose."""
    return re.sub(r"`[^`\n]*`", "", FENCE.sub("", markdown))


def line_of(page, text: str) -> int | None:
    """The line of the page's source file where `text` first stands, counted from 1."""
    source = page.file.content_string
    at = source.find(text)
    return source.count("\n", 0, at) + 1 if at >= 0 else None


def where(page, config, text: str | None = None) -> str:
    """'docs/help.md' or 'docs/help.md, line 12': the place an editor goes to fix something."""
    line = line_of(page, text) if text else None
    return docs_path(page, config) + (f", line {line}" if line else "")


# --- dates ---------------------------------------------------------------------------------

def today() -> dt.date:
    """Today in Leicester; SOURCE_DATE_EPOCH (seconds) fixes it, for a repeatable build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return now.astimezone(LONDON).date()


def nhs_date(value) -> str:
    """25 November 2026, as the NHS writes dates."""
    return f"{value.day} {value:%B %Y}" if isinstance(value, dt.date) else str(value)


# --- front matter --------------------------------------------------------------------------

class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML that keeps an impossible date such as 2027-13-01 as text, so we can name it."""


def _timestamp(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
# The block MkDocs reads: `---` on the first line, closed by `---` or `...` on a line of its own.
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(the front matter's YAML, the Markdown after it); (None, text) when there is none."""
    match = FRONT_MATTER.match(text)
    return (match.group(1) or "", text[match.end():]) if match else (None, text)


def read_front_matter(text: str) -> tuple[dict | None, str | None]:
    """(front matter, problem): the problem is None when the block parses to a mapping."""
    block, _ = split_front_matter(text)
    if block is None:
        if text.startswith("---"):
            return None, ("the front matter is not closed. Put a line with only '---' after the last "
                          "field (see README.md).")
        return None, "has no front matter. Start the page with a block between two '---' lines (see README.md)."
    try:
        data = yaml.load(block, Loader=_Loader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" on line {mark.line + 2}" if mark else ""
        problem = getattr(error, "problem", None) or "it cannot be read"
        return None, (f"the front matter cannot be read{at}: {problem}. "
                      "Check the colons, quotes and indentation.")
    if not isinstance(data, dict):
        return None, "the front matter must be a list of 'field: value' lines."
    return data, None


def meta_of(file) -> dict:
    """The front matter front_matter.py checked and kept on the File (empty before that)."""
    return getattr(file, "app_meta", None) or {}


# --- pages: activities and age bands ---------------------------------------------------------

def is_activity(file) -> bool:
    """An activity is a page under play/, other than the index, with tags."""
    return (file.src_uri.startswith("play/") and file.src_uri != ACTIVITY_INDEX
            and file.src_uri.endswith(".md") and bool(meta_of(file).get("tags")))


def activity_files(files) -> list:
    """Every activity page, by title."""
    return sorted((f for f in files.documentation_pages() if is_activity(f)),
                  key=lambda f: meta_of(f)["title"].casefold())


BAND_TAG = re.compile(r"^age/(\d+)-(\d+)-(months|years)$")


@dataclass(frozen=True)
class Band:
    """An age band, such as 1 to 2 years: from 12 months up to (not including) 24."""
    id: str      # 1-2-years
    tag: str     # age/1-2-years
    label: str   # 1 to 2 years
    start: int   # months
    end: int     # months

    @property
    def page(self) -> str:
        return f"ages/{self.id}.md"


def age_bands(config) -> list[Band]:
    """The `age/...` tags of extra.app_tags in mkdocs.yml, youngest first, with their months."""
    bands = []
    for tag, label in (config.extra.get("app_tags") or {}).items():
        if not tag.startswith("age/"):
            continue
        match = BAND_TAG.match(tag)
        if not match:
            raise PluginError(f"mkdocs.yml, extra.app_tags: the age tag '{tag}' does not say its ages. Write it "
                              "as 'age/<from>-<to>-months' or 'age/<from>-<to>-years', for example 'age/1-2-years'.")
        scale = 12 if match.group(3) == "years" else 1
        bands.append(Band(tag[4:], tag, str(label), int(match.group(1)) * scale, int(match.group(2)) * scale))
    return sorted(bands, key=lambda b: b.start)


def band_for(months: int, bands: list[Band]) -> Band | None:
    """The band a child of this many whole months is in: start <= months < end; the last
    band also holds its top age (the site is for children up to 5)."""
    for band in bands:
        if band.start <= months < band.end or (band is bands[-1] and months == band.end):
            return band
    return None


# --- data files ------------------------------------------------------------------------------

# Areas CDC files a hand or self-care item under, said in words next to the item.
OTHER_AREA = {"thinking": "learning and thinking", "social": "social and emotional"}
LINK_DEFINITION = re.compile(r"^\[([\w-]+)\]:\s*(\S+)", re.M)


def link_addresses(config) -> dict[str, str]:
    """{name: address} from docs/.snippets/links.md, the one place addresses live."""
    path = Path(config.docs_dir) / ".snippets" / "links.md"
    try:
        return dict(LINK_DEFINITION.findall(path.read_text(encoding="utf-8")))
    except OSError as error:
        raise PluginError(f"{path}: cannot read the link list: {error}")


def load_milestones(config) -> dict:
    """docs/.data/milestones.yml, checked: every problem names that file and the entry."""
    path = Path(config.docs_dir) / ".data" / "milestones.yml"
    name = os.path.relpath(path, Path(config.config_file_path).parent)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as error:
        raise PluginError(f"{name}: cannot read the milestones: {error.strerror}.")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f", line {mark.line + 1}" if mark else ""
        raise PluginError(f"{name}{at}: this file cannot be read ({getattr(error, 'problem', None) or error}). "
                          "Check the colons, quotes and indentation.")
    if not isinstance(data, dict) or not isinstance(data.get("cdc"), list) or not isinstance(data.get("who"), list):
        raise PluginError(f"{name}: the file needs a 'cdc:' list and a 'who:' list.")
    bands = {b.id for b in age_bands(config)}
    links = link_addresses(config)
    for number, check in enumerate(data["cdc"], 1):
        entry = f"{name}, checklist {number} ({check.get('age', 'no age') if isinstance(check, dict) else check})"
        if not isinstance(check, dict):
            raise PluginError(f"{entry}: each checklist needs age, months, band, link and items.")
        for key in ("age", "months", "band", "link", "items"):
            if key not in check:
                raise PluginError(f"{entry}: the checklist has no '{key}'. Each needs age, months, band, link and items.")
        if check["band"] not in bands:
            raise PluginError(f"{entry}: the band '{check['band']}' is not one of {', '.join(sorted(bands))}.")
        if not isinstance(check["months"], (int, float)):
            raise PluginError(f"{entry}: 'months' is '{check['months']}'. Write a number, such as 12.")
        if check["link"] not in links:
            raise PluginError(f"{entry}: the link '{check['link']}' is not in docs/.snippets/links.md.")
        if not isinstance(check["items"], list) or not check["items"]:
            raise PluginError(f"{entry}: 'items' must be a list with at least one item.")
        for item in check["items"]:
            if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item.get("area"):
                raise PluginError(f"{entry}: the item '{item}' needs an area and a text, "
                                  'like {area: movement, text: "Sits without support"}.')
    for number, row in enumerate(data["who"], 1):
        entry = f"{name}, WHO row {number} ({row.get('skill', 'no skill') if isinstance(row, dict) else row})"
        if not isinstance(row, dict) or not all(k in row for k in ("skill", "from", "to", "bands")):
            raise PluginError(f"{entry}: each row needs skill, from, to and bands.")
        unknown = [b for b in row["bands"] if b not in bands] if isinstance(row["bands"], list) else [row["bands"]]
        if unknown:
            raise PluginError(f"{entry}: the band '{unknown[0]}' is not one of {', '.join(sorted(bands))}.")
    return data


# --- QR codes ------------------------------------------------------------------------------

def qr_svg(url: str, scale: int = 3, **options) -> str:
    """A QR code as inline SVG, with the quiet zone of four modules every phone needs."""
    return segno.make(url, error="m").svg_inline(scale=scale, border=4, dark="#000000", light="#ffffff", **options)


# --- short links and offline pages --------------------------------------------------------------

SHORT_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$")


def short_links(config, files) -> tuple[dict, list[str]]:
    """({short name: File}, problems) from extra.short_links in mkdocs.yml."""
    pages = {f.src_uri: f for f in files.documentation_pages()}
    taken = {f.url.strip("/") for f in pages.values()} | {f.src_uri.split("/")[0] for f in files}
    links, problems = {}, []
    for name, target in (config.extra.get("short_links") or {}).items():
        name = str(name).strip("/")
        if not SHORT_NAME.match(name):
            problems.append(f"'{name}' is not a simple address: use lower-case letters, numbers and hyphens.")
        elif name in taken:
            problems.append(f"'{name}' is already the address of a page or folder; choose another name.")
        elif target not in pages:
            problems.append(f"'{name}' points to '{target}', which is not a page in docs/.")
        else:
            links[name] = pages[target]
    return links, problems


OFFLINE_PAGE = "offline.md"


def offline_pages(config) -> list[str]:
    """The pages saved on a first visit: home, the age pages, getting help and the offline page."""
    return ["index.md", *(b.page for b in age_bands(config)), "ages/index.md", "help.md", OFFLINE_PAGE]
