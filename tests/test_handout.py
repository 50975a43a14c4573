"""An age page on paper is a handout (issue 21, item 6): print_handout.py, called directly on a
small page, and its marks in the built age pages and packs. tests/test_sharing.py prints them."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

import print_handout

PAGE = """<p>Put your baby on their back to sleep (<a data-print-address="nhs.uk" href="https://nhs.uk/sleep">NHS</a>).
Read more from <a href="https://bliss.org.uk/">Bliss</a>.</p>
<h2 id="babies-born-early">Babies born early</h2>
<p>Count from the due date.</p>
<h3 id="more">More</h3><p>Still born early.</p>
<div class="app-screen-only" data-online="the WHO table of ages"><table></table></div>
<h2 id="when-to-ask-for-help">When to ask for help</h2>
<p>Call <a href="tel:111">NHS 111</a>.</p>
<h2 id="sources">Sources</h2>
<ul>
<li>Bliss: <a href="https://bliss.org.uk/">milestones</a></li>
<li>NHS: <a data-print-address="nhs.uk" href="https://nhs.uk/sleep">safe sleep</a></li>
</ul>"""


def handout(html=PAGE):
    return BeautifulSoup(print_handout.age_handout(html, "example.org/0-6-months/", "ages/0-6-months.md"), "html.parser")


def test_a_source_in_brackets_prints_as_its_note_number():
    first = handout().p
    cite = first.select_one(".app-cite")
    assert cite.get_text() == "(NHS)", "on screen the words stay as they were"
    assert cite.find_next_sibling(class_="app-note-ref").get_text() == "[2]", "the NHS is the second source"
    assert not cite.a.has_attr("data-print-address"), "the note says where: no site name in the text"
    assert "back to sleep (NHS)" in " ".join(first.get_text().split())


def test_a_source_named_in_the_sentence_keeps_its_words_and_gets_its_number():
    paragraph = handout().p
    bliss = paragraph.find("a", string="Bliss")
    # The space before the number is inside it: on screen, where the number is hidden, none is left over.
    assert bliss.next_sibling.get("class") == ["app-note-ref"] and bliss.next_sibling.get_text() == " [1]"
    for note in paragraph.select(".app-note-ref"):
        note.decompose()
    assert " ," not in paragraph.get_text() and " ." not in paragraph.get_text()


def test_longer_sections_stay_on_screen_and_one_printed_line_says_what_is_online():
    soup = handout()
    box = soup.find("h2", id="babies-born-early").parent
    assert "app-screen-only" in box["class"] and box.find("h3", id="more"), "the whole section, to the next h2"
    assert soup.find("h2", id="when-to-ask-for-help").parent.name != "div", "when to ask prints"
    line = soup.select_one(".app-handout-online")
    assert "app-print-only" in line["class"] and line.find_next_sibling("h2")["id"] == "sources"
    assert " ".join(line.get_text().split()) == ("Also on this page online (example.org/0-6-months/): "
                                                 "babies born early; the WHO table of ages.")
    assert "app-notes" in soup.find("h2", id="sources").find_next_sibling("ul")["class"]


def test_a_cited_source_missing_from_the_sources_list_stops_the_build():
    page = PAGE.replace('(<a data-print-address="nhs.uk" href="https://nhs.uk/sleep">NHS</a>)',
                        '(<a href="https://www.nice.org.uk/guidance/ng62">NICE</a>)')
    with pytest.raises(print_handout.HandoutError, match=r"cites 'NICE' \(https://www.nice.org.uk/guidance/ng62\), "
                       r"which its '## Sources' list does not hold. Add each to Sources") as stopped:
        handout(page)
    assert stopped.value.words == "[NICE]", "the words print_addresses.py finds the line by"


def test_a_pack_numbers_only_its_age_page():
    activity = '<h2>Rolling</h2><p>Roll (<a href="https://example.com/roll">Devon</a>).</p>'
    soup = BeautifulSoup(print_handout.age_handout(PAGE + print_handout.PACK_BREAK + activity, "a/", "x"),
                         "html.parser")
    rolling = soup.find("h2", string="Rolling").find_next("p")
    assert not rolling.select(".app-note-ref, .app-cite"), "an activity in a pack prints as on its own sheet"


@pytest.mark.parametrize("path", ["ages/0-6-months/index.html", "ages/1-2-years/index.html", "ages/3-5-years/index.html",
                                  "packs/2-3-years/index.html"])
def test_built_age_pages_number_every_source_they_cite(soups, path):
    article = soups[path].select_one("article")
    head = str(article).split(print_handout.PACK_BREAK)[0]
    soup = BeautifulSoup(head, "html.parser")
    notes = soup.select_one("ul.app-notes")
    sources = {a["href"] for a in notes.select("a[href^='http']")}
    cited = [a for a in soup.select("a[href^='http']")
             if not a.find_parent("ul", class_="app-notes") and not a.find_parent(class_="app-share")]  # its own address
    assert cited and all(a["href"] in sources for a in cited)
    assert len(soup.select(".app-note-ref")) == len(cited)
    assert soup.select_one(".app-key-points") and soup.select_one(".app-handout-online")
