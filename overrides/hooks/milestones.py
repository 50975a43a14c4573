"""The milestones (docs/.data/milestones.yml): the CDC checklists and the WHO windows, read and
checked, so that every slip an editor can make there stops the build naming the file, the entry
and the fix. A plain module: source_files.py checks the file before anything is built, and
markers.py shows the lists on the age pages and in the planner.

Checked by form (each field there and of its kind), then by meaning: each checklist's age in words
agrees with its months, the lists go youngest first, no item is listed twice, every play idea
named is an activity page, every item has Easy Read words and a real picture, and every band's
age page has the marker that shows its lists.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

import data_files
import easy_words
import front_matter_reader
import site_model

# Areas CDC files a hand or self-care item under, said in words next to the item.
OTHER_AREA = {"thinking": "learning and thinking", "social": "social and emotional"}
AREAS = ("movement", "hands", "everyday", *OTHER_AREA)


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
    by_id = {b.id: b for b in site_model.age_bands(config)}
    bands = set(by_id)
    links = site_model.link_addresses(config)
    earlier: list[dict] = []  # the checklists before this one, each checked
    play_names: list[str] | None = None
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
            if play_names is None:
                play_names = site_model.play_names(config)  # docs/play/ read once, for every item
            problem = play_problem(item.get("play", []), play_names)
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
    bands = {b.id: b for b in site_model.age_bands(config)}
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
        text = site_model.without_code(page.read_text(encoding="utf-8"))
        if not re.search(rf"<!--\s*app/milestones\s+band={re.escape(band.id)}\s*-->", text):
            raise PluginError(f"{where}: no page shows this checklist: docs/{band.page} has no {marker}. Put the "
                              "marker back on that page, on a line of its own where the list of what most children "
                              "can do goes.")


def _check_easy(item: dict, check: dict, band: site_model.Band, name: str, source: str) -> None:
    """A CDC item's Easy Read words (easy, picture, picture_alt): there, plain, a real picture,
    and every sentence of the idea the Easy Read age page will show 15 words at most."""
    at = source.find(f'"{item["text"]}"')
    where = f"{name}" + (f", line {source.count(chr(10), 0, at) + 1}" if at >= 0 else "")
    where += f", checklist {check['age']}, item '{item['text']}'"
    problem = easy_words.entry_problem(item, f"The Easy Read page for {band.id} shows this item in these words.")
    if problem:
        raise PluginError(f"{where}: {problem}")
    for sentence, words in easy_words.long_sentences(easy_words.milestone_sentence(check["age"], band.end, item)):
        raise PluginError(f"{where}: the Easy Read page would say '{sentence}', which has {words} words. Easy Read "
                          f"sentences have {easy_words.MAX_WORDS} words or fewer: shorten 'easy', or split it into "
                          "two sentences, as in easy: \"helps you dress them. They push an arm through a sleeve.\"")
