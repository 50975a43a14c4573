"""Easy Read pages (docs/easy-read/) keep the UK Easy Read rules, and print as one booklet.

1. The rules the build can measure stop the build, naming the file, the line and the fix:
   every idea (a list item, or a paragraph after the page's opening words) starts with a
   picture, `- ![What it shows](picture:NAME) Words.`, and says one idea (3 sentences at most,
   none joined with ';'); no sentence has more than 15 words, in headings and card titles as well
   as ideas. A page's `## Sources` section is for editors and is not checked.
2. The booklet, easy-read/booklet.md, is made here from the same files in BOOKLET order: no copy
   to keep in step. Its review dates are the earliest of its pages', and it is a draft while
   any page is. It is left out of search (the pages themselves are found).
3. The pages get the class `app-easy-read` (picture on the left, words on the right, big text),
   styled in docs/assets/extra.css with the rest of the site.
The booklet is put together by composed_pages.py, as the print packs are; pictures.py draws the
pictures.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as etree

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

import composed_pages
import easy_words
import front_matter_reader

FOLDER = "easy-read/"
BOOKLET = ("index.md", "ages.md", "0-6-months.md", "6-12-months.md", "1-2-years.md", "2-3-years.md", "3-5-years.md",
           "play.md", "when-to-ask.md", "after-referral.md", "words.md")
# Easy Read pages left out of the booklet, each with its reason (tests/test_easy_read.py holds
# every page to one list or the other).
# An idea that is only a link to another page: on paper, left out when that page is not in the booklet.
ONLY_A_LINK = re.compile(r"^- !\[[^\]]*\]\(picture:[^)]*\) \[[^\]]*\]\((?P<page>[\w-]+\.md)\)\n", re.M)
NOT_IN_BOOKLET = {
    "languages.md": "help in your language leads to a card to show on a phone or print on A5, and "
                    "the booklet keeps to 20 sheets; the booklet's first page links to it",
    "worries.md": "the common worries are read one at a time, each with the main page on that worry; "
                  "the booklet keeps to 20 sheets, which they would pass; the booklet's first page links to it",
}
# The age pages follow each other on the same sheet, and lose their links to other ages
# (on paper the next age is the next section).
SAME_SHEET = {"6-12-months.md", "1-2-years.md", "2-3-years.md", "3-5-years.md"}
SCREEN_ONLY = re.compile(r"^## Other ages\n.*?(?=^## |\Z)", re.M | re.S)
# On paper the opening idea and the born-early idea are said once, on the first age page; the ages
# that follow on the same sheet leave them out, and the pointer to "when to ask for help" (a
# section of the booklet itself) goes too, so the booklet keeps to 20 sheets with every age's
# lists and cards.
SAID_BEFORE = re.compile(r"\A.*?(?=^## )|^## Born early\?\n.*?(?=^## |\Z)", re.M | re.S)
IN_THE_BOOKLET = re.compile(r"^Read more about \[when to ask for help\]\(when-to-ask\.md\)\.\n", re.M)
# Paper has no Listen button: the idea that says where it is stays on screen, which gives the
# booklet room for the safety ideas on the play page within its 20 sheets.
LISTEN_IDEA = re.compile(r"^- !\[[^\]]*\]\(picture:[^)]*\) You can listen to each page\.\n(?:  .*\n)*", re.M)
BOOKLET_URI = FOLDER + "booklet.md"
MAX_WORDS = easy_words.MAX_WORDS

LIST_ITEM = re.compile(r"^(?P<indent> *)(?:[-*+]|\d+\.) +(?P<text>.*)$")
STARTS_WITH_PICTURE = re.compile(r"^!\[[^\]]*\]\(picture:[^)]+\)")

# The sentence rule lives in easy_words.py (not a hook), shared with the ideas markers.py makes
# from the data, so a page typed by hand and a page made from data are measured the same way.
sentences = easy_words.sentences
word_count = easy_words.word_count


CARD_TITLE = re.compile(r'^[ \t]*(?:!!!|\?\?\?)\+?[ \t]*[\w-]+(?:[ \t]+"(?P<title>[^"]*)")?')
MAX_SENTENCES = 3  # in one idea: more is more than one idea
POINTER = re.compile(r"\[[^\]]+\](?:\([^)]+\)|\[[^\]]+\])")  # a link: the sentence points to another page


def _blocks(markdown: str):
    """(first line number, kind, text) for each heading, card title, paragraph and list item before
    Sources. kind is 'heading', 'card title', 'item', 'paragraph' (not indented) or 'indented' (a
    paragraph inside a card or list item)."""
    lines = markdown.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0) + 1
    block: list[str] = []
    first, kind = 0, "paragraph"
    for number in range(start, len(lines) + 1):
        line = lines[number] if number < len(lines) else ""
        if line.startswith("## Sources"):
            break
        item = LIST_ITEM.match(line)
        card = CARD_TITLE.match(line)
        if block and (not line.strip() or item or line.startswith("#") or card):
            yield first, kind, " ".join(block)
            block = []
        if line.startswith("#"):
            yield number + 1, "heading", line.lstrip("#").strip()
            continue
        if card:
            yield number + 1, "card title", card["title"] or ""
            continue
        # A marker, even indented inside a card, is not words to measure.
        if not line.strip() or line.lstrip().startswith(("<", "[//]")):
            continue
        if not block:
            first = number + 1
            kind = "item" if item else "indented" if line.startswith((" ", "\t")) else "paragraph"
            block.append(item["text"] if item else line.strip())
        else:
            block.append(line.strip())
    if block:
        yield first, kind, " ".join(block)


def problems(markdown: str, name: str) -> list[str]:
    """Every broken Easy Read rule in one page's Markdown, each with its file and line: in
    headings, card titles, paragraphs and list items alike, no sentence over 15 words; each idea
    (a list item, or a paragraph after the page's opening words) starts with its picture and says
    one idea (3 sentences at most, none joined with ';')."""
    found = []
    opening = True  # the page's first words, before any heading or idea, introduce it
    for line, kind, text in _blocks(markdown):
        here = f"{name}, line {line}"
        if kind in ("heading", "card title"):
            opening = False
            words = word_count(" ".join(sentences(text)))
            if words > MAX_WORDS:
                found.append(f"{here}: this {kind} has {words} words: '{text}'. Easy Read {kind}s have "
                             f"{MAX_WORDS} words or fewer: say it in fewer words, and put the rest in an idea below.")
            elif len(sentences(text)) > 1:
                found.append(f"{here}: this {kind} has more than one sentence: '{text}'. Make it one short line, "
                             "and put the rest in an idea below, with its picture.")
            continue
        if kind == "item" and not STARTS_WITH_PICTURE.match(text):
            found.append(f"{here}: this idea has no picture. Start it with one, as in "
                         f"'- ![What the picture shows](picture:baby) {text[:40]}'.")
        if kind == "paragraph" and not opening and not STARTS_WITH_PICTURE.match(text) and not (
                len(sentences(text)) == 1 and POINTER.search(text)):
            found.append(f"{here}: these words are an idea without a picture: '{text[:60]}'. Write it as an idea, "
                         f"'- ![What the picture shows](picture:baby) {text[:40]}'. (A line that only points to "
                         "another page, such as 'Read more about [when to ask for help](when-to-ask.md).', is fine.)")
        if kind in ("item", "paragraph"):
            opening = False
        said = sentences(text)
        if kind != "indented" and len(said) > MAX_SENTENCES:
            found.append(f"{here}: this idea has {len(said)} sentences. An Easy Read idea says one thing in "
                         f"{MAX_SENTENCES} sentences or fewer: split it into two ideas, each with its own picture.")
        for sentence in said:
            words = word_count(sentence)
            if words > MAX_WORDS:
                found.append(f"{here}: this sentence has {words} words: '{sentence}'. Easy Read "
                             f"sentences have {MAX_WORDS} words or fewer: split it into two, or say less.")
            elif ";" in sentence:
                found.append(f"{here}: this sentence joins two ideas with ';': '{sentence}'. Easy Read says one "
                             "idea in each sentence: end the first with a full stop.")
    return found


# --- the booklet -----------------------------------------------------------------------------

def _without_sources(body: str) -> tuple[str, list[str]]:
    at = body.find("\n## Sources")
    if at < 0:
        return body, []
    sources = [line for line in body[at:].splitlines() if line.startswith("- ")]
    return body[:at + 1], sources


def booklet(files: dict[str, File]) -> tuple[dict, str]:
    """The booklet's front matter and Markdown, from the Easy Read pages in BOOKLET order."""
    parts, sources, metas = [], [], []
    for name in BOOKLET:
        file = files.get(FOLDER + name)
        if file is None:
            raise PluginError(f"easy_read.py: the booklet needs docs/{FOLDER}{name}, which is missing. "
                              f"Put the page back, or take it out of BOOKLET in overrides/hooks/easy_read.py.")
        meta, body = front_matter_reader.meta_of(file), composed_pages.body(file)
        metas.append(meta)
        body = SCREEN_ONLY.sub("", body)
        if name in SAME_SHEET:
            body = SAID_BEFORE.sub("", body)
        body = LISTEN_IDEA.sub("", IN_THE_BOOKLET.sub("", body))
        body = ONLY_A_LINK.sub(lambda m: "" if m["page"] in NOT_IN_BOOKLET else m[0], body)  # no such page on paper
        body, page_sources = _without_sources(body)
        sources += [s for s in page_sources if s not in sources]
        heading = "Easy Read" if name == "index.md" else meta["title"].removeprefix("Easy Read: ").capitalize()
        new_sheet = composed_pages.PART_BREAK if parts and name not in SAME_SHEET else ""
        parts.append(composed_pages.part(heading, composed_pages.demoted(body), new_sheet))
    meta = {
        "title": "Easy Read booklet",
        "description": "All the Easy Read pages together, to print on A4 paper in large print.",
        **composed_pages.review_fields(metas),
        "search": {"exclude": True},
    }
    text = "".join(parts).replace("[Print the Easy Read booklet](booklet.md).", "You are reading it now.")
    return meta, text + "\n## Sources\n\n" + "\n".join(sources) + "\n"


# --- the hook --------------------------------------------------------------------------------

def on_files(files, config, **kwargs):
    pages = {f.src_uri: f for f in files.documentation_pages()}
    easy = [f for uri, f in pages.items() if uri.startswith(FOLDER) and uri != BOOKLET_URI]
    if not easy:
        return files
    found = []
    for file in sorted(easy, key=lambda f: f.src_uri):
        found += problems(file.content_string, f"docs/{file.src_uri}")
    if found:
        raise PluginError("Some Easy Read pages break the Easy Read rules:\n  " + "\n  ".join(found))
    files.append(composed_pages.page(config, BOOKLET_URI, *booklet(pages)))
    return files


def _is_idea(item) -> bool:
    """A list item that starts with its picture: `- ![What it shows](picture:NAME) Words.`"""
    return not item.attrib and not (item.text or "").strip() and len(item) > 0 and item[0].tag == "img"


def on_page_tree(root, page, **kwargs):
    """Each idea gets the class app-idea, and the page's content goes in <div class="app-easy-read">
    (page_heading.py puts the page's h1 before it, outside)."""
    if not page.file.src_uri.startswith(FOLDER):
        return
    for item in root.iter("li"):
        if _is_idea(item):
            item.set("class", "app-idea")
    box = etree.Element("div", {"class": "app-easy-read"})
    box.text, box.tail = "\n", None
    box.extend(list(root))
    for child in list(root):
        root.remove(child)
    if len(box):
        box[-1].tail = "\n"  # as the page's HTML, trimmed, inside the box
    root.append(box)
