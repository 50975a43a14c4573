"""An age page on paper is a handout for a family, not the whole page (issue 21, item 6).

It prints the key points, the milestones, the ideas to try first with their addresses, the signs
to ask about with the numbers to call, and its sources as numbered notes at the end; the longer
prose stays on screen, and one printed line says what else the page has online, where the
address and QR code at the top of the sheet open it. A plain module (not a hook):
print_addresses.py calls age_handout() for each age page and for the age page at the start of
each print pack. The print style sheet (extra.css, "Age page handouts") does the rest.

- The sections in SCREEN_ONLY are wrapped in <div class="app-screen-only">.
- Each link to another site outside the Sources list is a note: "(NHS)" prints as "[4]", the
  number of the Sources item that holds the same address; a link whose words are part of the
  sentence ("read more from Bliss") keeps its words and prints "[n]" after them. On screen
  nothing changes. A cited address that no Sources item holds stops the build: every source a
  page cites is in its Sources list, as the page's reader expects.
"""

from __future__ import annotations

import re

# BeautifulSoup's names, imported with it by the first handout made in a process (_import_bs4):
# a build whose handouts are all kept (build_cache.py) never pays for importing it.
BeautifulSoup = NavigableString = Tag = None


def _import_bs4() -> None:
    global BeautifulSoup, NavigableString, Tag
    if BeautifulSoup is None:
        from bs4 import BeautifulSoup, NavigableString, Tag


# Sections of an age page (their headings' ids) that stay on screen: longer prose a parent reads
# online. What prints is what a family takes home: milestones, ideas to try, when to ask.
SCREEN_ONLY = {
    "babies-born-early": "babies born early",
    "everyday-skills-to-practise": "everyday skills to practise",
    "common-questions": None,  # links to other pages: nothing to read on paper (extra.css)
}
PACK_BREAK = '<div class="app-pack__break"></div>'


class HandoutError(Exception):
    """Something in the page that the handout cannot print; the message is for the editor, and
    `words` some of the page's own text to find the line by."""

    def __init__(self, message: str, words: str | None = None):
        super().__init__(message)
        self.words = words


def _section(heading: Tag) -> list:
    """The heading and everything after it up to the next heading of the same or a higher level."""
    level = int(heading.name[1])
    out = [heading]
    for sibling in heading.next_siblings:
        if isinstance(sibling, Tag) and re.fullmatch(r"h[1-6]", sibling.name) and int(sibling.name[1]) <= level:
            break
        out.append(sibling)
    return out


def _screen_only(soup, article) -> list[str]:
    """Wrap the SCREEN_ONLY sections; return what the page keeps on screen, in its order, for
    the printed line: those sections, and each `<div class="app-screen-only" data-online="...">`
    the page's Markdown has (the WHO table, the longer prose about play)."""
    for heading in article.find_all("h2"):
        if heading.get("id") not in SCREEN_ONLY:
            continue
        parts = _section(heading)
        box = soup.new_tag("div", attrs={"class": "app-screen-only"})
        if SCREEN_ONLY[heading["id"]]:
            box["data-online"] = SCREEN_ONLY[heading["id"]]
        heading.insert_before(box)
        for part in parts:
            box.append(part.extract())
    return [" ".join(box["data-online"].split()) for box in article.find_all(attrs={"data-online": True})]


def _sources(article) -> tuple[Tag | None, dict[str, int]]:
    """The Sources list and {address: its item's number, from 1}."""
    heading = article.find(lambda t: t.name == "h2" and (t.get("id") or "").startswith("sources"))
    listing = heading.find_next_sibling() if heading else None
    if listing is None or listing.name != "ul":
        return None, {}
    numbers: dict[str, int] = {}
    for number, item in enumerate(listing.find_all("li", recursive=False), start=1):
        for link in item.find_all("a", href=re.compile(r"^https?://")):
            numbers.setdefault(link["href"], number)
    return listing, numbers


def _note(soup, number: int, space: str = "") -> Tag:
    ref = soup.new_tag("span", attrs={"class": "app-note-ref"})
    ref.string = f"{space}[{number}]"  # a space before it goes inside: on screen, where the note is hidden, no space is left
    return ref


def _cite(soup, link: Tag, number: int) -> None:
    """'(<a>NHS</a>)' becomes a screen-only span and a printed '[n]'; other links keep their
    words and are followed by '[n]' on paper."""
    before, after = link.previous_sibling, link.next_sibling
    bracketed = (isinstance(before, NavigableString) and before.endswith("(")
                 and isinstance(after, NavigableString) and after.startswith(")"))
    link.attrs.pop("data-print-address", None)  # the note says where, not the site's name
    if not bracketed:
        link.insert_after(_note(soup, number, " "))
        return
    before.replace_with(NavigableString(before[:-1].rstrip() + " "))
    after.replace_with(NavigableString(after[1:]))
    words = soup.new_tag("span", attrs={"class": "app-cite"})
    link.insert_before(words)
    words.append("(")
    words.append(link.extract())
    words.append(")")
    words.insert_after(_note(soup, number))


def _numbered_notes(soup, article, page_name: str) -> None:
    listing, numbers = _sources(article)
    if listing is None:
        raise HandoutError("has no '## Sources' list at its end: the printed notes are numbered from it.")
    listing["class"] = listing.get("class", []) + ["app-notes"]
    missing = []
    for link in article.find_all("a", href=re.compile(r"^https?://")):
        if link.find_parent("ul", class_="app-notes"):
            continue
        if link["href"] not in numbers:
            missing.append((link.get_text(" ", strip=True), link["href"]))
            continue
        _cite(soup, link, numbers[link["href"]])
    if missing:
        named = ", ".join(dict.fromkeys(f"'{words}' ({href})" for words, href in missing))
        raise HandoutError(f"cites {named}, which its '## Sources' list does not hold. Add each to Sources, "
                           "so the printed handout can number it.", words=f"[{missing[0][0]}]")


def _online_line(soup, listing: Tag, found: list[str], address: str) -> None:
    """One printed line before the Sources: what else this page has online, and where."""
    if not found:
        return
    line = soup.new_tag("p", attrs={"class": "app-print-only app-handout-online"})
    strong = soup.new_tag("strong")
    strong.string = "Also on this page online"
    line.append(strong)
    line.append(" (")
    where = soup.new_tag("span", attrs={"class": "app-address"})
    where.string = address
    line.append(where)
    line.append("): " + "; ".join(found) + ".")
    listing.find_previous_sibling("h2").insert_before(line)


def age_handout(html: str, address: str, page_name: str) -> str:
    """The age page's HTML (or a pack's, whose age page comes before its first activity) with
    its handout marks. `address` is the age page's printed address."""
    _import_bs4()
    head, sep, tail = html.partition(PACK_BREAK)
    soup = BeautifulSoup(head, "html.parser")
    found = _screen_only(soup, soup)
    _numbered_notes(soup, soup, page_name)
    listing, _ = _sources(soup)
    _online_line(soup, listing, found, address)
    return str(soup) + sep + tail
