"""The steps that change a page on its element tree (PIPELINE["page_tree"] in
overrides/hooks/pipeline.py), each called on a tree Python-Markdown made, as the build calls them
from the pipeline's one treeprocessor, after Markdown's own."""

from __future__ import annotations

import re
from types import SimpleNamespace

import markdown
import pytest
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError
from page_document import Document

import care_cards
import easy_read
import page_heading
import page_picture
import pictures
import pipeline
import print_addresses
import site_model
from site_model import LISTEN_PLACE


def tree_html(text: str, step, extensions=("toc", "attr_list", "md_in_html"), **kwargs) -> str:
    """`text` as HTML, with `step` run on its tree where the pipeline runs it."""
    md = markdown.Markdown(extensions=list(extensions))

    class Step(Treeprocessor):
        def run(self, root):
            step(root, md=md, **kwargs)

    md.treeprocessors.register(Step(md), "test_step", pipeline.PageSteps.PRIORITY)
    tree_html.md = md
    return md.convert(text)


def heading_page(title="Play & learn", src_uri="help.md"):
    return SimpleNamespace(meta={"title": title}, file=SimpleNamespace(src_uri=src_uri))


def test_the_title_becomes_the_h1_with_listen_under_it_and_heads_the_contents():
    page = heading_page()
    page_heading.on_page_markdown("", page=page)
    html = tree_html("Some words.\n\n## First part\n\nMore.", page_heading.on_page_tree, page=page)
    assert html.startswith(f'<h1 id="app-title" tabindex="-1">Play &amp; learn</h1>\n{LISTEN_PLACE}\n<p>Some words.</p>')
    toc = tree_html.md.toc_tokens
    assert [(t["level"], t["id"], t["name"]) for t in toc] == [(1, "app-title", "Play &amp; learn")]
    assert [t["id"] for t in toc[0]["children"]] == ["first-part"]


def test_a_page_that_places_listen_itself_keeps_it_there():
    page = heading_page()
    html = tree_html(f"Doors.\n\n{LISTEN_PLACE}\n\nMore.", page_heading.on_page_tree, page=page)
    assert html.count(LISTEN_PLACE) == 1
    assert html.index("Doors.") < html.index(LISTEN_PLACE)


def test_a_page_with_its_own_h1_gets_no_second():
    page = heading_page()
    assert "app-title" not in tree_html("<h1>Own</h1>\n\nText.", page_heading.on_page_tree, page=page)
    assert "app-title" not in tree_html("# Own\n\nText.", page_heading.on_page_tree, page=page)


def test_easy_read_ideas_are_marked_and_the_page_boxed():
    page = heading_page(src_uri="easy-read/x.md")
    text = "Opening words.\n\n- ![A baby](picture:baby) Your baby lifts their head.\n- Not an idea.\n"
    html = tree_html(text, easy_read.on_page_tree, page=page)
    assert html.startswith('<div class="app-easy-read">\n<p>Opening words.</p>')
    assert html.endswith("</ul>\n</div>")
    assert '<li class="app-idea"><img alt="A baby" src="picture:baby" /> Your baby' in html
    assert "<li>Not an idea.</li>" in html
    other = heading_page(src_uri="help.md")
    assert "app-easy-read" not in tree_html(text, easy_read.on_page_tree, page=other)


# --- print_addresses -------------------------------------------------------------------------

def addresses(text: str) -> list[tuple[str, str | None]]:
    """(link words, printed address) of every link, from the tree print_addresses changed."""
    html = tree_html(text, lambda root, **kwargs: print_addresses.with_print_addresses(root))
    from bs4 import BeautifulSoup
    return [(a.get_text(), a.get("data-print-address")) for a in BeautifulSoup(html, "html.parser").find_all("a")]


def test_a_link_to_another_site_prints_its_short_name():
    assert addresses("[NHS advice](https://www.nhs.uk/baby/) and [us](../help/)") == [
        ("NHS advice", "nhs.uk"), ("us", None)]


def test_links_to_one_site_in_a_row_print_it_once_after_the_last():
    text = "[3 years](https://www.cdc.gov/a), [4 years](https://cdc.gov/b) and [5 years](https://www.cdc.gov/c)"
    assert addresses(text) == [("3 years", None), ("4 years", None), ("5 years", "cdc.gov")]


def test_a_run_ends_at_another_site_and_at_the_edge_of_a_block():
    text = ("- [One](https://www.nhs.uk/1)\n- [Two](https://www.nhs.uk/2)\n\n"
            "[A](https://www.nhs.uk/a) [B](https://bliss.org.uk/b) [C](https://www.nhs.uk/c)")
    assert addresses(text) == [("One", "nhs.uk"), ("Two", "nhs.uk"),
                               ("A", "nhs.uk"), ("B", "bliss.org.uk"), ("C", "nhs.uk")]


def test_ideas_to_try_first_print_the_address_of_their_page(monkeypatch):
    site = SimpleNamespace(url="play/balance-games/", src_uri="play/balance-games.md")
    files = SimpleNamespace(documentation_pages=lambda: [site])
    page = SimpleNamespace(url="1-2-years/")
    monkeypatch.setattr(site_model, "page_short_links", lambda config, files: {})
    monkeypatch.setattr(site_model, "page_print_address", lambda config, short, target: "example.org/" + target.url)
    text = ('<div class="app-try-first" markdown>\n\n[Balance games](../play/balance-games/) and '
            "[a section](../play/balance-games/#why)\n\n</div>\n\n[Outside the box](../play/balance-games/)")
    html = tree_html(text, lambda root, **kwargs: print_addresses.with_page_addresses(root, page, {}, files))
    assert '<a data-print-address="example.org/play/balance-games/" href="../play/balance-games/">Balance games</a>' in html
    assert '<a href="../play/balance-games/#why">a section</a>' in html
    assert '<a href="../play/balance-games/">Outside the box</a>' in html


# --- pictures --------------------------------------------------------------------------------

def drawn(text: str, url="play/x/"):
    page = SimpleNamespace(url=url, file=SimpleNamespace(src_uri="play/x.md", content_string=text), meta={})
    build = SimpleNamespace(pictures_used=set())
    html = tree_html(text, pictures.on_page_tree, page=page, config=SimpleNamespace(docs_dir="docs"), build=build)
    return html, build.pictures_used


def test_a_picture_is_drawn_sized_and_only_the_first_loads_at_once():
    html, used = drawn("![A baby](picture:baby){ .app-page-picture }\n\nText ![](picture:telephone receiver) and more.")
    code = pictures.picture_file("baby").name
    assert (f'<img alt="A baby" class="app-page-picture app-picture" height="72" '
            f'src="../../assets/pictures/{code}" width="72" />') in html
    assert 'alt="" class="app-picture" height="72" loading="lazy"' in html
    assert used == {code, pictures.picture_file("telephone receiver").name}
    assert "picture:" not in html


def test_a_picture_with_a_wrong_name_or_typed_as_html_stops_the_build(monkeypatch):
    monkeypatch.setattr(site_model, "where", lambda page, config, text: f"docs/play/x.md ({text})")
    with pytest.raises(PluginError, match=r"\(picture:no such thing\)"):
        drawn("![A thing](picture:no such thing)")
    with pytest.raises(PluginError, match="the picture 'baby' has no alt text"):
        drawn('A picture <img src="picture:baby"> with no alt text.')
    with pytest.raises(PluginError, match=r"written as HTML, so it is not drawn. Write it as !\[What it shows\]\(picture:baby\)"):
        drawn('<p><img alt="A baby" src="picture:baby"></p>')


def inlined(text: str, src_uri: str) -> str:
    """`text` with its pictures drawn (pictures.py) and then those page_picture.py puts inside the page."""
    page = SimpleNamespace(url=src_uri.removesuffix(".md") + "/", meta={},
                           file=SimpleNamespace(src_uri=src_uri, dest_uri=src_uri.removesuffix(".md") + "/index.html", content_string=text))
    build = SimpleNamespace(pictures_used=set(), inline_pictures={})

    def both(root, md, **kwargs):
        pictures.on_page_tree(root, page=page, config=SimpleNamespace(docs_dir="docs"), build=build, md=md)
        page_picture.on_page_tree(root, page=page, md=md, build=build)
    html = tree_html(text, both)
    # Until the page is rendered, each drawing's place is an empty <svg> (cheap for search to read).
    assert html.count("<svg data-app-picture=") == len(build.inline_pictures.get(page.file.dest_uri, {}))
    document = Document(html)
    page_picture.put_in(document, build.inline_pictures.get(page.file.dest_uri, {}))  # after the build, on the parsed page
    return document.text


def test_a_page_s_own_picture_is_drawn_inside_it_and_other_pictures_are_fetched():
    html = inlined("![A baby & mum](picture:baby){ .app-page-picture }\n\nText ![](picture:telephone receiver) and more.",
                   "play/x.md")
    assert '<p><svg class="app-page-picture app-picture" width="72" height="72" role="img" aria-label="A baby &amp; mum" ' in html
    assert html.count("<svg ") == 1 and "<img " in html and "telephone" not in html.split("<img ")[0][-20:]
    assert 'alt="" class="app-picture" height="72" loading="lazy"' in html, "another picture stays a file"


def test_every_easy_read_picture_is_drawn_inside_the_page_but_the_booklet_s():
    text = "- ![A baby](picture:baby) Your baby lifts their head.\n- ![](picture:soccer ball) Play with a ball."
    html = inlined(text, "easy-read/0-6-months.md")
    assert html.count("<svg ") == 2 and "<img" not in html
    assert 'aria-hidden="true" focusable="false"' in html, "a picture that only decorates is hidden"
    assert "<li><svg " in html and "</svg> Your baby lifts their head.</li>" in html
    assert inlined(text, "easy-read/booklet.md").count("<img ") == 2


# --- care_cards ------------------------------------------------------------------------------

CARD = '!!! care-urgent "Ask for help today if:"\n\n    - your baby is floppy\n\n    Call your GP or NHS 111.\n'


def test_a_care_card_says_its_level_in_words_and_is_a_note():
    page = SimpleNamespace(meta={})
    html = tree_html(CARD, care_cards.on_page_tree, extensions=("admonition",), page=page)
    assert html.startswith('<div class="admonition care-urgent" role="note"><p class="admonition-title">'
                           '<span class="app-care__level">Urgent advice: </span>Ask for help today if:</p>')
    translated = SimpleNamespace(meta={"app_translation": {"translated": True}})
    html = tree_html(CARD, care_cards.on_page_tree, extensions=("admonition",), page=translated)
    assert '<span class="app-care__level" dir="ltr" lang="en-GB">Urgent advice: </span>' in html
    note = tree_html('!!! note "A note"\n\n    Words.\n', care_cards.on_page_tree, extensions=("admonition",), page=page)
    assert "role" not in note and "app-care__level" not in note


def test_the_card_check_reads_the_editors_title_not_the_level_words():
    page = SimpleNamespace(meta={})
    html = tree_html(CARD, care_cards.on_page_tree, extensions=("admonition",), page=page)
    assert care_cards.problems(html, CARD) == []
    assert [c.title for c in care_cards.read(html).callouts] == ["Ask for help today if:"]
    wrong = CARD.replace("today", "soon").replace("NHS 111", "health visitor").replace("GP or ", "")
    html = tree_html(wrong, care_cards.on_page_tree, extensions=("admonition",), page=page)
    assert [p.message.split(",")[0] for p in care_cards.problems(html, wrong)] == [
        "the 'care-urgent' card \"Ask for help soon if:\" is urgent"]


# --- print_layout.columns_in_tree: the print columns, on the tree ------------------------------

def test_print_columns_on_the_tree_split_where_the_printed_lines_balance():
    """The same split as worked out on the HTML the page will be, raw HTML (a marker's table)
    counted as printed: a long raw block moves the split."""
    import print_layout

    long_raw = "<table><tr><td>" + "Printed words in a table. " * 40 + "</td></tr></table>"
    text = ("Intro.\n\n## One\n\nShort.\n\n## Two\n\nShort too.\n\n" + long_raw + "\n\n## Three\n\n"
            + "More words. " * 30 + "\n\n## Four\n\nThe end.")
    plain = markdown.Markdown(extensions=["toc", "attr_list", "md_in_html"]).convert(text)
    first = plain.find("<h2")
    parts = re.split(r"(?=<h2[\s>])", plain[first:])  # the split worked out on the page's HTML, as text
    weights = [print_layout.printed_lines(part) for part in parts]
    split = min(range(1, len(parts)), key=lambda k: abs(2 * sum(weights[:k]) - sum(weights)))
    expected = (plain[:first] + '<div class="app-columns"><div class="app-column">' + "".join(parts[:split])
                + '</div><div class="app-column">' + "".join(parts[split:]) + "</div></div>")
    html = tree_html(text, lambda root, md, **kwargs: print_layout.columns_in_tree(root, 1, len(root), md))
    assert html == expected
    first_column = html.split('<div class="app-column">')[1]
    assert "Printed words in a table." in first_column and 'id="three"' not in first_column


def test_a_part_s_columns_start_after_its_title():
    import print_layout

    html = tree_html("## Title\n\nIntro.\n\n### A\n\nWords.\n\n### B\n\nMore.",
                     lambda root, md, **kwargs: print_layout.columns_in_tree(root, 1, len(root), md, heading="h3", take_lead=True))
    assert html.startswith('<h2 id="title">Title</h2><div class="app-columns"><div class="app-column">\n<p>Intro.</p>')
    assert html.count('<div class="app-column">') == 2
