"""Languages named in their own writing, and a card for each to show at reception.

1. The Language link at the top and foot of every page (partials/app-language.html) names each
   language of docs/.data/languages.yml in its own writing, with its `lang` and, where it is
   written right to left, `dir="rtl"`. The names come from the Unicode CLDR through
   language_names.py (not a hook), read once per build: the template's `app_languages`.
2. interpreter/<code>.md, one page per language, made here from that list: a card that says in
   English "I need a free interpreter. My language is:" with the language's own name in large
   type and its English name, for a parent to show at reception, on the phone's screen (the
   card fills it: links to it end in #card) or printed on one sheet of A5 (the page's template,
   interpreter-card.html, adds docs/assets/interpreter-card-print.css for print). Its review dates
   are the language page's, whose words it carries. The cards are left out of the menu and of
   search: search finds the language page, which lists them (<!-- app/language-cards -->).
"""

from __future__ import annotations

from html import escape

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

import front_matter_reader
import language_names

LANGUAGE_PAGE = "languages.md"
EASY_LANGUAGE_PAGE = "easy-read/languages.md"
FOLDER = "interpreter/"
CARD_ANCHOR = "card"  # the card's id: a link to interpreter/so.md#card opens the page at the card
TEMPLATE = "interpreter-card.html"
ASK = ("I need a free interpreter.", "My language is:")

_languages: list[language_names.Language] = []


def card_uri(language) -> str:
    return f"{FOLDER}{language.code}.md"


def card_markdown(language, source_meta: dict) -> str:
    """One card's page: the card, then (on screen only) where to go next, and its sources."""
    meta = {
        "title": f"Interpreter card: {language.english}",
        "description": f"Show this card at reception: I need a free interpreter. My language is {language.english}.",
        "last_reviewed": source_meta["last_reviewed"],
        "next_review": source_meta["next_review"],
        "reviewed_by": source_meta["reviewed_by"],
        "template": TEMPLATE,
        "hide": ["toc"],
        "search": {"exclude": True},
    }
    direction = ' dir="rtl"' if language.rtl else ""
    return ("---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n"
            f'<div class="app-interpreter-card" id="{CARD_ANCHOR}" markdown>\n\n'
            f"{ASK[0]}<br>\n{ASK[1]}\n{{: .app-interpreter-card__ask }}\n\n"
            f'<p class="app-interpreter-card__name" lang="{language.code}"{direction}>{escape(language.name)}</p>\n\n'
            f"{escape(language.english_label)}\n{{: .app-interpreter-card__english }}\n\n"
            "For staff: NHS England's guidance says interpreting is free for patients, and patients should "
            "not be asked to bring their own interpreter ([NHS England, 2018][nhse-interpreting-guidance]).\n"
            "{: .app-interpreter-card__staff }\n\n"
            "</div>\n\n"
            '<div class="app-screen-only" markdown>\n\n'
            f"- [Help in your language, with pictures](../{EASY_LANGUAGE_PAGE})\n"
            f"- [Cards for other languages](../{LANGUAGE_PAGE}#interpreter-cards)\n\n"
            "## Sources\n\n"
            f'- The name <span lang="{language.code}"{direction}>{escape(language.name)}</span> is how the '
            "[Unicode Common Locale Data Repository][cldr] (CLDR) "
            f"writes {escape(language.english)} in its own writing.\n"
            "- NHS England: [guidance for commissioners: interpreting and translation services in primary "
            "care][nhse-interpreting-guidance] (2018), principle 1\n\n"
            "</div>\n")


def on_config(config, **kwargs):
    _languages[:] = language_names.load(config)  # a wrong code stops the build here, naming the file
    return config


def on_env(env, config, files, **kwargs):
    env.globals["app_languages"] = list(_languages)
    return env


def on_files(files, config, **kwargs):  # after front_matter.py has read every page
    source = files.get_file_from_path(LANGUAGE_PAGE)
    if source is None or not getattr(source, "app_meta", None):
        raise PluginError(f"interpreter_cards.py: the interpreter cards carry the words of docs/{LANGUAGE_PAGE}, "
                          "which is missing. Put the page back.")
    for language in _languages:
        content = card_markdown(language, source.app_meta)
        card = File.generated(config, card_uri(language), content=content)
        card.app_meta = front_matter_reader.read_front_matter(content)[0]
        card.app_checked = getattr(source, "app_checked", False)  # its words are the language page's
        files.append(card)
    return files
