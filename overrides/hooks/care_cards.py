""""When to get help" care cards: NHS levels as custom admonitions, checked as built.

`!!! care-non-urgent "Speak to your health visitor or GP if:"` (also care-urgent and
care-emergency). The level is put into the title as text that screen readers say and print
shows, so it is never told by colour alone.

The check reads the built card, not the Markdown, because an indentation slip is only seen
there: a card's signs indented by two spaces instead of four end up in a list *after* an empty
card, and the page still builds. The build stops, naming the file and the card's line, when
a card has an unknown type, no title, a title that is not a call to action ending in "if:", no
list of signs inside it, text indented so far that it shows as code, or a list right after it
(signs that fell out); and when any callout has an unknown type or nothing inside it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from xml.etree import ElementTree as etree

from mkdocs.exceptions import PluginError

import build_cache
import site_model

LEVELS = {
    "care-non-urgent": "Non-urgent advice",
    "care-urgent": "Urgent advice",
    "care-emergency": "Emergency: act now",
}
LEVEL_WORDS = "app-care__level"  # the class of the level's words in a card's title
# The other callouts the components page shows (Material's own types); any other is a slip.
CALLOUTS = ("note", "info", "tip", "warning")
KNOWN = (*LEVELS, *CALLOUTS)
EXAMPLE = '!!! care-urgent "Ask for help today if:"'
# A callout's first line in the Markdown: where the editor goes to fix it.
SOURCE_CALLOUT = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]*([\w-]+)", re.M)
BLOCKS = ("p", "ul", "ol", "pre", "div", "table", "dl")  # what a callout holds, under its title
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Callout:
    kind: str                      # care-urgent, note...
    collapsible: bool              # ??? (a <details>)
    title: str | None = None       # None: no title at all
    items: int = 0                 # list items inside
    blocks: int = 0                # paragraphs, lists and code inside, not counting the title
    code: str | None = None        # the first line of text inside shown as code
    after: str | None = None       # the element right after the callout: ul, ol, pre, p...
    after_text: str = ""     # the start of its text
    words: str = ""                # its title and its text outside the list of signs: what to do


@dataclass
class Problem:
    message: str
    callout: int | None = None     # which callout (0 = the page's first), for its line
    text: str | None = None        # or some text of the page to find the line by


class _Reader(HTMLParser):
    """Every callout of a page, with what is inside it and what comes right after it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.callouts: list[Callout] = []
        self.stray_code: list[str] = []   # text shown as code outside any highlight block
        self._stack: list[tuple[str, Callout | None, str]] = []
        self._closed: Callout | None = None  # the callout just closed, waiting for its next sibling
        self._after_of: Callout | None = None  # the callout whose next sibling's text comes next
        self._title: Callout | None = None
        self._code: list | None = None

    def _inside(self) -> Callout | None:
        return next((c for _, c, _ in reversed(self._stack) if c), None)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if self._closed is not None:
            self._closed.after = tag
            self._after_of, self._closed = self._closed, None
        card = self._inside()
        directly_in_card = card is not None and self._stack[-1][1] is card
        if directly_in_card and tag in BLOCKS and "admonition-title" not in classes:
            card.blocks += 1
        if card and tag == "li":
            card.items += 1
        callout = None
        if tag == "div" and "admonition" in classes:
            callout = Callout(next((c for c in classes if c != "admonition"), ""), False)
        elif tag == "details":
            callout = Callout(classes[0] if classes else "", True)
        if callout:
            self.callouts.append(callout)
        if card and ((tag == "p" and "admonition-title" in classes) or tag == "summary"):
            self._title = card
            card.title = ""
        if tag == "pre" and not any("highlight" in cls for _, _, cls in self._stack):
            self._code = []
        if tag not in VOID:
            self._stack.append((tag, callout, " ".join(classes)))

    def handle_endtag(self, tag):
        if tag in VOID:  # <img ... /> ends nothing: it was never opened on the stack
            return
        while self._stack:
            open_tag, callout, _ = self._stack.pop()
            if open_tag in ("p", "summary") and self._title is not None:
                self._title = None
            if open_tag == "pre" and self._code is not None:
                text = "".join(self._code).strip().split("\n")[0].strip()
                inside = self._inside()
                if inside and inside.code is None:
                    inside.code = text
                elif not inside:
                    self.stray_code.append(text)
                self._code = None
            if callout:
                self._closed = callout
            if open_tag == tag:
                break

    def handle_data(self, data):
        if any(LEVEL_WORDS in classes.split() for _, _, classes in self._stack):
            return  # "Urgent advice: ", which on_page_tree put in the title: not the editor's words
        for tag, callout, _ in reversed(self._stack):  # the card's own words, not its list of signs
            if tag in ("ul", "ol"):
                break
            if callout:
                callout.words += data
                break
        if self._title is not None:
            self._title.title += data
        if self._code is not None:
            self._code.append(data)
        if self._after_of is not None and data.strip():
            self._after_of.after_text, self._after_of = data.strip(), None
        if self._closed is not None and data.strip():
            self._closed.after, self._closed.after_text = "text", data.strip()
            self._closed = None


# A page with none of these has no callout and no code to read: it is not parsed at all.
WORTH_READING = re.compile(r"admonition|<details|<pre", re.I)


def read(html: str) -> _Reader:
    reader = _Reader()
    if not WORTH_READING.search(html):
        return reader
    reader.feed(html)
    reader.close()
    return reader


def _named(card: Callout) -> str:
    return f"the '{card.kind}' card" + (f' "{card.title.strip()}"' if card.title and card.title.strip() else "")


def _indented(text: str, source: str) -> bool:
    """Whether the source line where `text` starts is indented by one to three spaces."""
    at = source.find(text.split("\n")[0][:40])
    start = source.rfind("\n", 0, at) + 1 if at >= 0 else -1
    return at >= 0 and bool(re.match(r"[ ]{1,3}\S", source[start:at + 1]))


def problems(html: str, source: str | None = None, english: bool = True) -> list[Problem]:
    """What is wrong with the callouts in a page's HTML (made from the Markdown `source`), first
    to last. A translation (`english=False`) is held to the cards' shape, not to their English
    words: its English page's cards were checked in the English build, and its numbers (999, 111)
    are checked against them (provenance.py)."""
    reader = read(html)
    found = []
    for number, card in enumerate(reader.callouts):
        def problem(message):
            found.append(Problem(message, callout=number))

        if card.kind not in KNOWN:
            guess = difflib.get_close_matches(card.kind.lower(), KNOWN, n=1, cutoff=0.6)
            problem(f"'{card.kind}' is not a callout this site uses. "
                    + (f"Did you mean '{guess[0]}'? " if guess else "")
                    + f"Use one of: {', '.join(KNOWN)} (see the components page).")
            continue
        empty = card.blocks == 0
        if card.kind not in LEVELS:
            if empty:
                problem(f"the '{card.kind}' callout has nothing inside it. Indent its text by four spaces under "
                        "the '!!!' line, with a blank line between them.")
            continue
        if card.collapsible:
            problem(f"the '{card.kind}' card is collapsible ('???'). Use '!!!' so it is always shown.")
            continue
        title = (card.title or "").strip()
        if english and (not title or title == card.kind.capitalize()):
            problem(f"the '{card.kind}' card has no title. Give it a call to action ending in \"if:\" in quotes "
                    f"after the type, for example: {EXAMPLE}")
        elif english and not title.endswith("if:"):
            problem(f"the '{card.kind}' card's title is '{title}'. Make it one call to action ending in \"if:\", "
                    'for example "Speak to your health visitor or GP if:".')
        outside = card.after in ("ul", "ol", "pre")
        fell_out = card.after == "p" and source is not None and _indented(card.after_text, source)
        if card.items == 0 and card.code is None:
            if outside or fell_out:
                where = ("The signs below it are outside the card: indent every line of the card's text by four "
                         "spaces under the '!!!' line, with a blank line after it.")
            elif empty:
                where = ("The card is empty. Put the signs under the title as a list, one '- ' line each, "
                         "indented by four spaces, after a blank line.")
            else:
                where = ("Put the signs under the title as a list, one '- ' line each, indented by four spaces, "
                         "with a blank line before the list.")
            problem(f"{_named(card)} has no list of signs inside it. {where}")
        elif card.code is not None:
            problem(f"part of {_named(card)} is indented too far and shows as code ('{card.code[:60]}'). Indent "
                    "the card's text by exactly four spaces.")
        elif outside:
            problem(f"a list comes right after {_named(card)}, outside it. If these are signs for the card, indent "
                    "them by four spaces like the lines above. If not, put a sentence or a heading between them.")
        elif fell_out:
            problem(f"the text '{card.after_text[:60]}' right after {_named(card)} is indented by less than four "
                    "spaces, so it is outside the card. Indent it by four spaces to put it in the card, or take "
                    "the spaces away.")
        elif english and title.endswith("if:"):
            meaning = meaning_problem(card)
            if meaning:
                problem(meaning)
    for text in reader.stray_code:
        found.append(Problem(f"the lines starting '{text[:60]}' are indented by four spaces or more, so they show "
                             "as code. Take the spaces away, or, if they belong in a card above, indent them by "
                             "exactly four spaces with a blank line before them.", text=text))
    return found


# What each level asks a parent to do (issue 25): the card's level and its action agree.
# Checked against every card on the site (39 cards, three titles): a non-urgent card names a health
# visitor or GP and no faster help; an urgent card names a GP or NHS 111 and says today (or 111);
# "In an emergency, call 999" may follow, but its title never asks for 999 or A&E; an emergency card
# names 999 and its title asks for nothing slower. Sources cited in round brackets are not actions.
ACTIONS = {
    "health visitor": re.compile(r"\bhealth visitors?\b", re.I),
    "GP": re.compile(r"\bGPs?\b"),
    "111": re.compile(r"\b111\b"),
    "today": re.compile(r"\btoday\b|\bsame day\b|\bstraight away\b|\bright away\b", re.I),
    "999": re.compile(r"\b999\b"),
    "A&E": re.compile(r"\bA ?& ?E\b|\baccident and emergency\b", re.I),
}
SOURCE = re.compile(r"\([^()]*\)")  # a source in round brackets, "([NHS 111 Wales][nhs-wales-dcd])", is not an action
NON_URGENT_EXAMPLE = '!!! care-non-urgent "Speak to your health visitor or GP if:"'
EMERGENCY_EXAMPLE = '!!! care-emergency "Call [999][tel-999] if:"'


def _says(text: str, *actions: str) -> list[str]:
    return [a for a in actions if ACTIONS[a].search(text)]


def meaning_problem(card: Callout) -> str | None:
    """Why a well-formed care card's words do not match its level, or None."""
    title, words = (card.title or "").strip(), " ".join(card.words.split())
    named = _named(card)
    if card.kind == "care-non-urgent":
        faster = _says(SOURCE.sub("", words), "999", "A&E", "111", "today")
        if faster:
            return (f"{named} is non-urgent, but it says '{faster[0]}'. A non-urgent card sends parents to their "
                    "health visitor or GP. If these signs need help today, use a care-urgent card (GP or NHS "
                    "111); if they need 999 or A&E, a care-emergency card. Otherwise take out "
                    f"'{faster[0]}', as in: {NON_URGENT_EXAMPLE}")
        if not _says(words, "health visitor", "GP"):
            return (f"{named} is non-urgent, but does not say who to speak to. Name the health visitor or GP, "
                    f"as in: {NON_URGENT_EXAMPLE}")
    elif card.kind == "care-urgent":
        emergency = _says(title, "999", "A&E")
        if emergency:
            return (f"{named} is urgent, but its title asks for {emergency[0]}. If these signs need {emergency[0]}, "
                    f"use a care-emergency card: {EMERGENCY_EXAMPLE}. An urgent card is for help today from a GP "
                    f"or NHS 111: {EXAMPLE}")
        if not _says(words, "GP", "111"):
            return (f"{named} is urgent, but does not say who to call. Say 'Call your GP or [NHS 111][tel-111].' "
                    "under the list of signs, indented by four spaces.")
        if not _says(words, "today", "111"):
            return (f"{named} is urgent, but does not say the help is needed today. Say so in the title, as in: "
                    f"{EXAMPLE}, or, if it can wait, use a care-non-urgent card.")
    elif card.kind == "care-emergency":
        slower = _says(title, "health visitor", "GP", "111", "today")
        if slower or not _says(words, "999"):
            sent = {"111": "NHS 111", "today": "help today"}.get(slower[0], f"a {slower[0]}") if slower else ""
            why = f"its title sends parents to {sent}" if slower else "it does not name 999"
            return (f"{named} is an emergency card, but {why}. An emergency card says to call 999: "
                    f"{EMERGENCY_EXAMPLE}. If the signs can wait for a GP or NHS 111, use a care-urgent card.")
    return None


def callout_lines(source: str) -> list[tuple[int, str]]:
    """(line, type) of every callout in a page's Markdown outside code blocks, in order."""
    prose = site_model.FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), source)
    return [(prose.count("\n", 0, m.start()) + 1, m.group(1))
            for m in SOURCE_CALLOUT.finditer(prose)]


def line_of(problem: Problem, html: str, source: str) -> int | None:
    """The line of the page's Markdown a problem is about."""
    if problem.text:
        at = source.find(problem.text)
        return source.count("\n", 0, at) + 1 if at >= 0 else None
    kinds = [c.kind for c in read(html).callouts]
    lines = callout_lines(source)
    if len(lines) == len(kinds) and all(k == t for (_, t), k in zip(lines, kinds)):
        return lines[problem.callout][0]
    kind = kinds[problem.callout]
    return next((line for line, t in lines if t == kind), None)


def on_page_content(html, page, config, **kwargs):
    source = site_model.page_source(page)
    english = not (page.meta.get("app_translation") or {}).get("translated")
    # A page found right once is not read again until it or this file changes (build_cache.py).
    found = build_cache.problems("care_cards", (build_cache.code(__file__), html, source, str(english)),
                                 lambda: problems(html, source, english))
    if found:
        where = site_model.docs_path(page, config)
        first = found[0]
        line = line_of(first, html, source)
        raise PluginError(f"{where}" + (f", line {line}" if line else "") + f": {first.message}")

    return html


def on_page_tree(root, page, **kwargs):
    """Each care card says its level in words: a note, its title opening "Urgent advice: "."""
    english = not (page.meta.get("app_translation") or {}).get("translated")
    for card in root.iter("div"):
        classes = (card.get("class") or "").split()
        level = next((c for c in classes if c in LEVELS), None)
        if level is None or classes[0] != "admonition" or len(card.attrib) > 1 or not len(card):
            continue
        title = card[0]
        if title.tag != "p" or title.get("class") != "admonition-title" or (card.text or "").strip():
            continue
        card.set("role", "note")
        card.text = None  # the title straight after the card's start tag, as the site has always written it
        words = etree.Element("span", {"class": LEVEL_WORDS})
        if not english:  # the level's words are English, in a translation too
            words.set("lang", "en-GB")
            words.set("dir", "ltr")
        words.text, words.tail, title.text = f"{LEVELS[level]}: ", title.text, None
        title.insert(0, words)
