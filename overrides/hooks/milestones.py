"""Milestones come from one file, docs/.data/milestones.yml, never retyped on a page.

A page writes `<!-- app/milestones band=1-2-years -->` for the CDC "most children by" lists of
an age band, or `<!-- app/motor-windows band=6-12-months -->` for the WHO Motor Development
Study table. Both become Markdown before the page is converted, so links are checked.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from page_text import docs_path, outside_code

MARKER = re.compile(r"^<!--\s*app/(milestones|motor-windows)\s+band=([\w-]+)\s*-->\s*$", re.M)
# Areas CDC files a hand or self-care item under, said in words next to the item.
OTHER_AREA = {"thinking": "learning and thinking", "social": "social and emotional"}
DATA: dict = {}


def load(config) -> dict:
    path = Path(config.docs_dir) / ".data" / "milestones.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{path}: cannot read the milestones: {error}")
    bands = {tag.split("/", 1)[1] for tag in config.extra.get("app_tags", {}) if tag.startswith("age/")}
    for check in data.get("cdc", []):
        if check.get("band") not in bands:
            raise PluginError(f"{path}: the checklist at {check.get('age')} has band "
                              f"'{check.get('band')}', which is not one of {', '.join(sorted(bands))}.")
    return data


def on_config(config, **kwargs):
    DATA.clear()
    DATA.update(load(config))
    DATA["bands"] = {tag.split("/", 1)[1]: label for tag, label in config.extra["app_tags"].items()
                     if tag.startswith("age/")}
    return config


def months(value: float) -> int:
    return int(value + 0.5)


def milestones_markdown(band: str) -> str:
    out = []
    for check in (c for c in DATA["cdc"] if c["band"] == band):
        out += [f"### By about {check['age']}", "", "Most children:", ""]
        for item in check["items"]:
            note = OTHER_AREA.get(item["area"])
            out.append(f"- {item['text']}" + (f" *(CDC lists this under {note})*" if note else ""))
        out += ["", f"Source: [CDC milestones at {check['age']}][{check['link']}].", ""]
    return "\n".join(out)


def windows_markdown(band: str) -> str:
    rows = [w for w in DATA["who"] if band in w["bands"]]
    if not rows:
        return ""
    out = ["| Skill | Most healthy children learn it between |", "| --- | --- |"]
    out += [f"| {w['skill']} | about {months(w['from'])} and {months(w['to'])} months |" for w in rows]
    out += ["", "Source: [WHO Motor Development Study][who-motor-study] "
            "([WHO milestones page][who-motor-milestones]). We rounded its ages to whole months."]
    if any("rawl" in w["skill"] for w in rows):
        out += ["", "About 4 in every 100 children in the study did not crawl on hands and knees. "
                "They skipped it and moved on to standing and walking."]
    return "\n".join(out) + "\n"



def on_page_markdown(markdown, page, config, **kwargs):
    where = docs_path(page, config)
    def replace(match):
        kind, band = match.groups()
        if band not in DATA["bands"]:
            raise PluginError(f"{where}: the marker '{match.group(0).strip()}' names the "
                              f"band '{band}'. Use one of: {', '.join(DATA['bands'])}.")
        text = milestones_markdown(band) if kind == "milestones" else windows_markdown(band)
        if not text:
            raise PluginError(f"{where}: there are no {kind} for the band '{band}'.")
        return text
    return outside_code(MARKER, replace, markdown)
