"""The signs to ask about, age by age (docs/.data/signs.yml): read, checked and written as the
list items of an age page's "When to ask for help" card. Not a hook: markers.py uses it for the
<!-- app/signs band=... level=... --> marker and to check that every age page shows its signs.

One copy of each sign: the age page's card shows it, and the planner, the print packs and every
printout read that card, so they all say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.exceptions import PluginError

import data_files
import easy_words
import site_model

LEVELS = {"non-urgent": "Speak to your health visitor or GP", "urgent": "Ask for help today"}
CORRECTED = ", counted from their due date if they were born early"
FIELDS = {"text", "bands", "level", "source", "link", "corrected", *easy_words.FIELDS}
REQUIRED = ("text", "bands", "level", "source", "link", *easy_words.FIELDS)


@dataclass(frozen=True)
class Sign:
    text: str
    bands: tuple[str, ...]
    level: str
    source: str
    link: str
    corrected: bool
    easy: str = ""          # in Easy Read words, after "Your baby" or "Your child"
    picture: str = ""       # the Easy Read picture (an OpenMoji name) and what it shows
    picture_alt: str = ""


def load(config) -> list[Sign]:
    """docs/.data/signs.yml, checked: every problem names that file, the sign and the fix."""
    data, source, name = data_files.read_data_file(config, "signs.yml", "the signs to ask about")
    anchor = data_files.anchor_problem(source)
    if anchor:
        raise PluginError(f"{name}, line {anchor[0]}: {anchor[1]}")
    if not isinstance(data, dict) or not isinstance(data.get("signs"), list) or not data["signs"]:
        raise PluginError(f"{name}: the file needs a 'signs:' list, each sign with text, bands, level and link.")
    bands = {b.id for b in site_model.age_bands(config)}
    links = site_model.link_addresses(config)
    signs, seen = [], set()
    for number, entry in enumerate(data["signs"], 1):
        where = f"{name}, sign {number}" + (f" ('{entry['text']}')" if isinstance(entry, dict) and entry.get("text") else "")
        if not isinstance(entry, dict):
            raise PluginError(f"{where}: each sign needs text, bands, level, source and link, like\n"
                              '  - text: "is not sitting on their own by 8 months"\n'
                              "    bands: [6-12-months]\n    level: non-urgent\n    source: NICE\n    link: nice-qs162\n"
                              '    easy: "is not sitting on their own by 8 months"\n    picture: baby\n    picture_alt: A baby')
        missing = [key for key in REQUIRED if key not in entry]
        if missing:
            raise PluginError(f"{where}: the sign has no '{missing[0]}'. Each sign needs {', '.join(REQUIRED)}.")
        unknown = sorted(set(entry) - FIELDS)
        if unknown:
            raise PluginError(f"{where}: '{unknown[0]}' is not a field of a sign. Use only: {', '.join(sorted(FIELDS))}.")
        text = entry["text"]
        if not isinstance(text, str) or not text.strip():
            raise PluginError(f"{where}: 'text' is empty. Write what follows \"your child\", such as "
                              '"is not sitting on their own by 8 months".')
        if text.strip()[0].isupper() or text.rstrip().endswith("."):
            raise PluginError(f"{where}: write the text to follow \"your baby\" or \"your child\", with a small first "
                              "letter and no full stop, such as \"is not sitting on their own by 8 months\".")
        if not isinstance(entry["bands"], list) or not entry["bands"]:
            raise PluginError(f"{where}: 'bands' is '{entry['bands']}'. Write a list in square brackets, such as "
                              "bands: [6-12-months].")
        wrong = [b for b in entry["bands"] if b not in bands]
        if wrong:
            raise PluginError(f"{where}: the band '{wrong[0]}' is not one of {', '.join(sorted(bands))}.")
        if entry["level"] not in LEVELS:
            raise PluginError(f"{where}: the level '{entry['level']}' is not one of {', '.join(LEVELS)}. A sign for "
                              "999 belongs in the page's own emergency card, not here.")
        if not isinstance(entry["source"], str) or not entry["source"].strip():
            raise PluginError(f"{where}: 'source' is empty. Write who says it, as the page names them, such as NICE.")
        if entry["link"] not in links:
            raise PluginError(f"{where}: the link '{entry['link']}' is not in docs/.snippets/links.md. "
                              "Add the source's address there first.")
        if not isinstance(entry.get("corrected", False), bool):
            raise PluginError(f"{where}: 'corrected' is '{entry['corrected']}'. Write true or false.")
        _check_easy(entry, where, source, [b for b in site_model.age_bands(config) if b.id in entry["bands"]])
        key = " ".join(text.lower().split())
        if key in seen:
            raise PluginError(f"{where}: the same sign is in the file twice. Keep one, with all its bands.")
        seen.add(key)
        signs.append(Sign(" ".join(text.split()), tuple(entry["bands"]), entry["level"], entry["source"].strip(),
                          entry["link"], entry.get("corrected", False), " ".join(entry["easy"].split()),
                          entry["picture"].strip(), " ".join(entry["picture_alt"].split())))
    return signs


def _check_easy(entry: dict, where: str, source: str, bands) -> None:
    """The sign's Easy Read words: there, plain, a real picture, and each sentence the Easy Read
    cards will show 15 words at most, for every band that shows it."""
    at = source.find(f'"{entry["text"]}"') if isinstance(entry.get("text"), str) else -1
    if at >= 0:
        where = where.replace(", sign", f", line {source.count(chr(10), 0, at) + 1}, sign", 1)
    problem = easy_words.entry_problem(entry, "The Easy Read age pages show the sign in these words.")
    if problem:
        raise PluginError(f"{where}: {problem}")
    sign = Sign(entry["text"], tuple(entry["bands"]), entry["level"], "", "", bool(entry.get("corrected")),
                " ".join(entry["easy"].split()), entry["picture"], entry["picture_alt"])
    for band in bands:
        for sentence, words in easy_words.long_sentences(easy_words.sign_sentence(sign, band.end)):
            raise PluginError(f"{where}: the Easy Read page for {band.id} would say '{sentence}', which has {words} "
                              f"words. Easy Read sentences have {easy_words.MAX_WORDS} words or fewer: shorten "
                              "'easy', or split it into two sentences with a full stop.")


def for_band(signs: list[Sign], band: str, level: str) -> list[Sign]:
    return [s for s in signs if band in s.bands and s.level == level]


def who(band) -> str:
    """'your baby' on the pages for the first year, 'your child' after, as the cards say."""
    return "your baby" if band.end <= 12 else "your child"


def markdown_items(signs: list[Sign], band) -> str:
    """The signs as the card's list items: "- your baby is not sitting ... ([NICE][nice-qs162])"."""
    return "\n".join(f"- {who(band)} {sign.text}{CORRECTED if sign.corrected else ''} ([{sign.source}][{sign.link}])"
                     for sign in signs)
