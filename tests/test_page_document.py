"""A finished page parsed once and changed by the post-build steps (overrides/hooks/page_document.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import lean_pages
import minify_pages
from page_document import KEPT, KEPT_IF_ATTRIBUTES_HOLD, Document, Inline, parse

TRICKY = """<!DOCTYPE html><html lang=en><head><!-- <script src="assets/in-comment.js"></script> -->
<link rel="stylesheet" href="assets/stylesheets/main.abc123.min.css"><LINK REL=icon HREF='x.svg'>
<script>if (a<b) document.write('<table><abbr title="in script">')</script><style>a>b{}</STYLE >
</head><body><p class="a&amp;b">Ask your <abbr title="health visitor">HV</abbr>,
<a href="/help/">a <abbr title="general practitioner">GP</abbr> link</a> or <button><span><abbr title="x">X</abbr></span></button>.</p>
<table><tr><td><abbr title="inside a table">T</abbr></td></tr></table><table class=app-kit><tr><td>t</td></tr></table>
<pre><span></span><code>code()</code></pre><pre><code class="x">kept()</code></pre><p><code>inline()</code></p>
<svg><path d="M0"/><use href="assets/pictures/ball.svg"/></svg><br/><img src="assets/pictures/cup.svg" alt="">
<button data-listen-src="/assets/listen.js">Listen</button><script src="assets/share.js" defer></script>
<textarea><abbr title="typed">no</abbr></textarea></body></html>"""


def offsets(html: str):
    """What html.parser (the standard library's tokenizer) finds: each start tag of KEPT's kind, or
    whose attributes hold a word of KEPT_IF_ATTRIBUTES_HOLD, with where it starts and its text."""
    lines = [0] + [m.end() for m in re.finditer("\n", html)]

    class Reference(HTMLParser):
        found: list = []

        def handle_starttag(self, tag, attrs):
            text = self.get_starttag_text()
            if tag in KEPT or any(word in text for word in KEPT_IF_ATTRIBUTES_HOLD):
                line, column = self.getpos()
                self.found.append((tag, lines[line - 1] + column, text))

        handle_startendtag = handle_starttag

    reference = Reference(convert_charrefs=False)
    reference.found = []
    reference.feed(html)
    reference.close()
    return reference.found


def test_the_parse_finds_the_elements_html_parser_finds():
    page = Document(TRICKY)
    # (html.parser reads a textarea's text as markup; a browser, and this parse, as text)
    assert [(e.tag, e.start, page.start_tag(e)) for e in page.elements] == [f for f in offsets(TRICKY) if "typed" not in f[2]]
    # ...and nothing inside a comment, a script, a style or a textarea
    assert "in-comment" not in str([e.attrs for e in page.elements])
    assert [e.attr("title") for e in page.find("abbr")] == ["health visitor", "general practitioner", "x", "inside a table"]


def test_each_element_knows_its_end_its_parent_and_whether_a_control_holds_it():
    page = Document(TRICKY)
    script = next(page.find("script"))
    assert page.body(script) == "if (a<b) document.write('<table><abbr title=\"in script\">')"
    style = next(page.find("style"))
    assert page.body(style) == "a>b{}" and TRICKY[style.close_start:style.end] == "</STYLE >"
    table = next(page.find("table"))
    assert TRICKY[table.start:table.end].startswith("<table><tr>") and TRICKY[table.start:table.end].endswith("</tr></table>")
    assert [(e.attr("title"), e.in_control) for e in page.find("abbr")] == [
        ("health visitor", False), ("general practitioner", True), ("x", True), ("inside a table", False)]
    assert [(e.parent, TRICKY[e.parent_open_end:e.start]) for e in page.find("code")] == [
        ("pre", "<span></span>"), ("pre", ""), ("p", "")]
    icon = next(page.find("link", lambda e: e.attr("rel") == "icon"))
    assert icon.attr("href") == "x.svg" and icon.start == icon.start and icon.end == icon.open_end  # void: no end tag
    assert [e.attr("href") or e.attr("src") for e in page.find() if e.tag in ("use", "img")] == [
        "assets/pictures/ball.svg", "assets/pictures/cup.svg"]


@pytest.mark.parametrize("html", [
    "<p>unclosed <script>var a = 1;", "<div><span>no end", "</p>stray end<p>x</p>", "<a href='q'>a <b>b</a></b>",
    "<!-- unclosed comment <script src='assets/x.js'>", "<p>a < b and c<d</p>"])
def test_broken_html_is_read_as_a_browser_reads_it_and_never_stops_the_parse(html):
    assert [(e.tag, e.start) for e in parse(html)] == [(t, s) for t, s, _ in offsets(html)]


def test_changes_are_made_once_in_the_order_they_stand_in_the_page():
    page = Document(TRICKY)
    link = next(page.find("link"))
    page.replace(link, Inline('<style id="app-theme-css">', "body{}", "</style>"))
    page.remove(next(page.find("script", lambda e: not e.attrs)))
    page.wrap(next(page.find("table", lambda e: not e.attrs)), "<div>", "</div>")
    code = next(page.find("code", lambda e: e.parent == "pre"))
    page.add_attribute(code, "tabindex", "0")
    listen = next(page.find("button"))
    page.set_attribute(listen, "data-listen-src", "/assets/listen.1234abcd.js")
    text = page.text
    assert '<style id="app-theme-css">body{}</style><LINK REL=icon' in text
    assert "document.write" not in text
    assert "<div><table><tr>" in text and "</table></div><table class=app-kit>" in text
    assert '<pre><span></span><code tabindex="0">code()</code>' in text
    assert '<button data-listen-src="/assets/listen.1234abcd.js">Listen</button>' in text
    assert page.html == TRICKY  # what was read stays as it was
    # an element replaced or removed is no longer found
    assert next(page.find("link")).attr("rel") == "icon"
    assert [page.body(e) for e in page.find("script")] == [""]


def test_two_changes_to_the_same_part_of_a_page_stop_the_build_with_what_they_were():
    page = Document(TRICKY)
    link = next(page.find("link"))
    page.replace(link, "<style></style>")
    page.set_attribute(link, "href", "other.css")
    with pytest.raises(RuntimeError, match="two steps changed the same part of a page: '<link rel=\"stylesheet\""):
        page.text


def test_a_change_to_an_attribute_the_element_does_not_have_is_an_error():
    page = Document(TRICKY)
    with pytest.raises(KeyError, match="no src attribute"):
        page.set_attribute(next(page.find("link")), "src", "x")
    page = Document('<script defer src=assets/a.js></script>')
    script = next(page.find("script"))
    page.set_attribute(script, "defer", "defer")
    page.set_attribute(script, "src", "assets/a.1.js")
    assert page.text == '<script defer="defer" src=assets/a.1.js></script>'


def test_every_script_and_style_body_can_be_set_aside_and_put_back_byte_for_byte():
    """minify_pages.py: the bodies the page had and those a step put in, each given to set_aside."""
    page = Document(TRICKY)
    page.replace(next(page.find("link")), Inline("<style>", " a  { color : red } ", "</style>"))
    seen = []
    out = page.text_setting_aside(lambda body: seen.append(body) or f"@{len(seen)}@")
    assert seen == [" a  { color : red } ", "if (a<b) document.write('<table><abbr title=\"in script\">')", "a>b{}", ""]
    assert "<style>@1@</style>" in out and "<script>@2@</script>" in out and "<STYLE >" not in out.split("@3@")[0][-8:]
    minified = minify_pages.minified(page)
    assert " a  { color : red } " in minified and "if (a<b) document.write('<table><abbr title=\"in script\">')" in minified


def test_a_page_written_whole_is_final():
    page = Document(TRICKY)
    page.finish("<p>minified</p>")
    assert page.text == "<p>minified</p>" and page.key is None
    with pytest.raises(RuntimeError, match="final"):
        page.remove(next(iter(parse(TRICKY))))
    assert [e.tag for e in page.find()] == []  # read again as it now is: nothing kept in it


def test_the_theme_s_script_s_changes_are_made_on_the_parsed_page():
    """lean_pages.as_theme_leaves_it: Markdown's tables wrapped for scrolling, code blocks and
    glossary terms outside controls reachable with the keyboard; nothing else."""
    page = Document(TRICKY)
    lean_pages.as_theme_leaves_it(page)
    text = page.text
    assert ('<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table><tr><td>'
            '<abbr tabindex="0" title="inside a table">T</abbr></td></tr></table></div></div><table class=app-kit>') in text
    assert 'Ask your <abbr tabindex="0" title="health visitor">HV</abbr>' in text
    assert '<abbr title="general practitioner">' in text and '<abbr title="x">' in text  # inside a link, a button
    assert '<abbr title="in script">' in text and '<abbr title="typed">' in text  # a script's and a textarea's text
    assert '<pre><span></span><code tabindex="0">' in text
    assert '<code class="x">' in text and "<p><code>inline()" in text


def test_every_built_page_parses_as_html_parser_reads_it(html_pages):
    for name, html in html_pages.items():
        assert [(e.tag, e.start, html[e.start:e.open_end]) for e in parse(html)] == offsets(html), name
