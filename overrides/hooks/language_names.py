"""Languages named in their own writing (docs/.data/languages.yml), from the Unicode CLDR.

Not a hook: interpreter_cards.py (the Language link at the top of every page, and a card for
each language to show at reception) and markers.py (<!-- app/language-cards -->) use it.

The data file lists only codes and the English names Leicester City Council uses. Each
language's name in its own writing, and whether it is written right to left, come from the
Unicode Common Locale Data Repository through the Babel package (CLDR 47 in Babel 2.18), so
no name is typed by hand or made by a machine translation. CLDR writes some names with a
small first letter (polski); shown alone, as a label, they start with a capital (Polski).
"""

from __future__ import annotations

from dataclasses import dataclass

import babel
from babel import Locale, UnknownLocaleError
from mkdocs.exceptions import PluginError

import build_cache
import data_files

FIELDS = ("code", "english")
EXAMPLE = "  - code: so\n    english: Somali"


@dataclass(frozen=True)
class Language:
    code: str          # the CLDR code, also the page's `lang` attribute: so, pa, zh
    english: str       # as Leicester City Council's list writes it: Farsi
    cldr_name: str     # CLDR's name in the language itself, as CLDR writes it: polski
    cldr_english: str  # CLDR's English name: Persian
    rtl: bool          # written right to left (CLDR's character order)

    @property
    def name(self) -> str:
        """The name in its own writing, as a label: CLDR's, with a capital first letter."""
        return self.cldr_name[:1].upper() + self.cldr_name[1:]

    @property
    def english_label(self) -> str:
        """'Somali'; 'Farsi (Persian)' where CLDR's English name is not the council's."""
        same = self.cldr_english.casefold() == self.english.casefold()
        return self.english if same else f"{self.english} ({self.cldr_english})"

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"


def from_cldr(code: str, english: str) -> Language:
    """One language, its names and direction from CLDR. UnknownLocaleError for a code CLDR lacks.
    Kept between builds by the code, Babel's version (its CLDR) and this file (build_cache.py):
    reading CLDR's data for thirty languages is most of a build's start."""
    def read() -> dict:
        locale = Locale.parse(code)
        return {"cldr_name": locale.get_display_name(code),
                "cldr_english": Locale("en").languages.get(locale.language) or locale.get_display_name("en"),
                "rtl": locale.text_direction == "rtl"}

    names = build_cache.kept("language-names", (build_cache.code(__file__), babel.__version__, code), read)
    return Language(code=code, english=english, **names)


def load(config) -> list[Language]:
    """docs/.data/languages.yml, checked: every problem names that file, the entry and the fix."""
    data, _, name = data_files.read_data_file(config, "languages.yml", "the list of languages")
    if not isinstance(data, dict) or not isinstance(data.get("languages"), list) or not data["languages"]:
        raise PluginError(f"{name}: the file needs a 'languages:' list, each with a code and an English name, "
                          f"like\nlanguages:\n{EXAMPLE}")
    languages, seen = [], set()
    for number, entry in enumerate(data["languages"], 1):
        where = f"{name}, language {number}"
        if not isinstance(entry, dict) or set(entry) != set(FIELDS) or not all(
                isinstance(entry[key], str) and entry[key].strip() for key in FIELDS):
            raise PluginError(f"{where}: each language needs a code and an English name, and nothing else "
                              f"(its own name comes from CLDR), like\n{EXAMPLE}")
        code, english = entry["code"].strip(), " ".join(entry["english"].split())
        where += f" ({english})"
        try:
            language = from_cldr(code, english)
        except (UnknownLocaleError, ValueError):
            raise PluginError(f"{where}: '{code}' is not a language code the Unicode CLDR knows. Use its code "
                              "in CLDR, such as so for Somali or pa for Punjabi.") from None
        if language.cldr_name == code or not language.cldr_name:
            raise PluginError(f"{where}: CLDR has no name for '{code}' in its own writing, so the site cannot "
                              "show it. Choose the code CLDR names, such as fa for Farsi.")
        if code.casefold() in seen:
            raise PluginError(f"{where}: '{code}' is listed twice. Keep one.")
        seen.add(code.casefold())
        languages.append(language)
    return languages
