"""The site's model: its pages, age bands, links, dates and addresses, and nothing else.

A plain module, not a step: the steps import it, and never each other (pipeline.py). What it
knows, once: which pages there are and of which kind (activities, age pages, the print set, the
planner, the offline page), where a page's file is for an editor's message, "today" and NHS dates
(always in Europe/London), the age bands with their months, the addresses in links.md, and the
addresses a page has (its short links and their channels, its address on paper).

What is not the model has a module of its own: front_matter_reader.py reads front matter,
data_files.py and milestones.py read the data files, composed_pages.py makes a page of pages,
print_layout.py the printed columns, text_messages.py the kit's messages, qr_codes.py QR codes
and picture_names.py finds a picture by its name.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from mkdocs.exceptions import PluginError

import front_matter_reader

LONDON = ZoneInfo("Europe/London")
# Where "Listen to this page" goes in a page's HTML: under the heading (page_heading.py), or where
# the page's <!-- app/listen --> marker puts it (markers.py); main.html puts the button there.
LISTEN_PLACE = "<!-- app-listen-place -->"
DRAFT = "pending"  # `reviewed_by: pending` marks a page as a draft
ACTIVITY_FOLDER = "play/"
ACTIVITY_INDEX = "play/index.md"
PLANNER_PAGE = "planner.md"
PRINT_SET = "play/print.md"  # made by print_packs.py: every activity, each printed on its own sheet when ticked
OFFLINE_PAGE = "offline.md"

# --- where things are --------------------------------------------------------------------

# A fenced code block: the components page shows markers and snippets inside these.
FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.S | re.M)


def docs_path(page, config) -> str:
    """The page's file as an editor finds it, such as docs/play/tummy-time.md (in a language's
    build, its translation's: translations/so/docs/play/tummy-time.md)."""
    translated = translation_source(page)
    if translated:
        return translated[0]
    return f"{Path(config.docs_dir).name}/{page.file.src_uri}"


def translation_source(page) -> tuple[str, str] | None:
    """(name, text) of the translation a page is built from in a language's build (translations.py)."""
    done = getattr(page.file, "app_translation", None)
    return (done["name"], done["text"]) if done else None


def page_source(page) -> str:
    """The text the page is built from: its file's, or in a language's build its translation's."""
    translated = translation_source(page)
    return translated[1] if translated else page.file.content_string


def without_code(markdown: str) -> str:
    """The Markdown with fenced code blocks and inline code removed, for checks on prose."""
    return re.sub(r"`[^`\n]*`", "", FENCE.sub("", markdown))


def line_of(page, text: str) -> int | None:
    """The line of the page's source file where `text` first stands, counted from 1."""
    source = page_source(page)
    at = source.find(text)
    return source.count("\n", 0, at) + 1 if at >= 0 else None


def where(page, config, text: str | None = None) -> str:
    """'docs/help.md' or 'docs/help.md, line 12': the place an editor goes to fix something."""
    line = line_of(page, text) if text else None
    return docs_path(page, config) + (f", line {line}" if line else "")


# --- dates ---------------------------------------------------------------------------------

def today() -> dt.date:
    """Today in Leicester. TODAY=YYYY-MM-DD sets it (the suite runs as if on that day: README,
    "Dates"); SOURCE_DATE_EPOCH (seconds) fixes it too, for a repeatable build."""
    fixed = os.environ.get("TODAY", "").strip()
    if fixed:
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", fixed):  # fromisoformat takes 20270228 too
                raise ValueError(fixed)
            return dt.date.fromisoformat(fixed)
        except ValueError:
            raise PluginError(f"TODAY is '{fixed}', which is not a date. Write it as YYYY-MM-DD, "
                              "for example TODAY=2027-02-28, or leave TODAY out to use today's date.") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return now.astimezone(LONDON).date()


def nhs_date(value) -> str:
    """25 November 2026, as the NHS writes dates."""
    return f"{value.day} {value:%B %Y}" if isinstance(value, dt.date) else str(value)


# --- pages: activities and age bands ---------------------------------------------------------

def is_activity_page(src_uri: str) -> bool:
    """An activity: a page in play/ other than the Play ideas index and the print set. The one
    definition, for a File's src_uri or a file under docs/ (front_matter.py refuses an activity
    without its age and skill tags)."""
    return (src_uri.startswith(ACTIVITY_FOLDER) and src_uri.endswith(".md")
            and src_uri not in (ACTIVITY_INDEX, PRINT_SET))


def is_activity(file) -> bool:
    """Whether a page's File is an activity (is_activity_page)."""
    return is_activity_page(file.src_uri)


def activity_name(src_uri: str) -> str:
    """The name an activity goes by in milestones.yml's `play:` lists, in the planner and in the
    print set's address (?ideas=tummy-time): play/tummy-time.md -> tummy-time."""
    return src_uri.removeprefix(ACTIVITY_FOLDER).removesuffix(".md")


def tag_anchor(tag: str) -> str:
    """A tag's anchor on the play ideas index, and its name in the filter: age/1-2-years -> age-1-2-years."""
    return tag.replace("/", "-")


def activity_files(files) -> list:
    """Every activity page, by title."""
    return sorted((f for f in files.documentation_pages() if is_activity(f)),
                  key=lambda f: front_matter_reader.meta_of(f)["title"].casefold())


def play_names(config) -> list[str]:
    """The names of the activity pages in docs/ (activity_name), which a milestone may name: read
    from the folder, as milestones.py checks the data before the build lists its pages."""
    docs = Path(config.docs_dir)
    pages = (path.relative_to(docs).as_posix() for path in (docs / ACTIVITY_FOLDER).rglob("*.md"))
    return sorted(activity_name(page) for page in pages if is_activity_page(page))


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


# --- links: the addresses in links.md ------------------------------------------------------

LINK_DEFINITION = re.compile(r"^\[([\w-]+)\]:\s*(\S+)", re.M)


def link_addresses(config) -> dict[str, str]:
    """{name: address} from docs/.snippets/links.md, the one place addresses live."""
    path = Path(config.docs_dir) / ".snippets" / "links.md"
    try:
        return dict(LINK_DEFINITION.findall(path.read_text(encoding="utf-8")))
    except OSError as error:
        raise PluginError(f"{path}: cannot read the link list: {error}")


# --- addresses: a page's on paper, and short links ------------------------------------------

def print_address(url: str) -> str:
    """An address as a handout prints it, to type: 'https://www.example.org/3-5-years/' -> 'example.org/3-5-years/'."""
    return re.sub(r"^https?://(www\.)?", "", url)


def page_print_address(config, short: dict[str, str], file) -> str:
    """One of our pages' printed address: its short link's print channel address if it has one
    (`short` is page_short_links()), else the site's host and the page's path."""
    return print_address(print_url(config, short, file))


def print_url(config, short: dict[str, str], file) -> str:
    """The address a page has on paper, in its QR code and its printed address alike: its short
    link's print channel address if it has one (`short` is page_short_links()), else its own."""
    if file.src_uri in short:
        return channel_url(config, "print", short[file.src_uri])
    return urljoin(config.site_url, file.url)  # the home page's url is "./"


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


def short_link_url(config, name: str) -> str:
    return config.site_url + name + "/"


# --- channels: one more address per short link for each way a page reaches parents -------------
# The same page, so the server's own log counts how people came (`make stats`), with no cookie.
CHANNELS = ("text", "print", "poster")  # extra.short_link_channels gives each its folder


def channel_prefixes(config) -> dict[str, str]:
    """{channel: the folder its addresses start with} from extra.short_link_channels."""
    return {str(k): str(v).strip("/") for k, v in (config.extra.get("short_link_channels") or {}).items()}


def channel_url(config, channel: str, name: str) -> str:
    """A short link's address for one channel: channel_url(config, "text", "1-2-years") ->
    https://<site>/text/1-2-years/. A page without a short link (the planner) uses its own path."""
    prefixes = channel_prefixes(config)
    if channel not in prefixes:
        return short_link_url(config, name)
    return config.site_url + prefixes[channel] + "/" + name.strip("/") + "/"


def channel_links(config, files, sent: list[str]) -> tuple[dict, list[str]]:
    """({channel address name: File}, problems): for every channel in extra.short_link_channels,
    one address per short link and one for each page in `sent`, the pages the health visitor's
    kit sends (text_messages.KIT_MESSAGES: the planner, by its own path), all forwarding to the
    same page."""
    links, problems = short_links(config, files)
    targets = dict(links)
    for src in sent:
        file = files.get_file_from_path(src)
        if file is not None and file.url.strip("/"):
            targets.setdefault(file.url.strip("/"), file)
    pages = {f.src_uri: f for f in files.documentation_pages()}
    taken = {f.url.strip("/") for f in pages.values()} | {f.src_uri.split("/")[0] for f in files}
    out: dict = {}
    prefixes = channel_prefixes(config)
    for channel, prefix in prefixes.items():
        if channel not in CHANNELS:
            problems.append(f"short_link_channels: '{channel}' is not a channel this site knows. "
                            f"Use {', '.join(CHANNELS)}.")
        elif not SHORT_NAME.match(prefix) or "/" in prefix:
            problems.append(f"short_link_channels: '{prefix}' for {channel} is not a simple name: use lower-case "
                            "letters, numbers and hyphens.")
        elif prefix in taken or prefix in targets or list(prefixes.values()).count(prefix) > 1:
            problems.append(f"short_link_channels: '{prefix}' for {channel} is already the address of a page, "
                            "a folder, a short link or another channel; choose another name.")
        else:
            out.update({f"{prefix}/{name}": file for name, file in targets.items()})
    return out, problems


def page_short_links(config, files) -> dict[str, str]:
    """{page src_uri: the first short name in extra.short_links that opens it}."""
    links, _ = short_links(config, files)
    first: dict[str, str] = {}
    for name, file in links.items():
        first.setdefault(file.src_uri, name)
    return first


# --- the pages saved for offline use ------------------------------------------------------------

def offline_pages(config) -> list[str]:
    """The pages saved on a first visit: home, the age pages, getting help and the offline page."""
    return ["index.md", *(b.page for b in age_bands(config)), "ages/index.md", "help.md", OFFLINE_PAGE]
