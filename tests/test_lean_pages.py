"""The light first view (overrides/hooks/lean_pages.py): the theme's style sheet cut and inlined,
the theme's script loaded on the reader's first touch, and nothing lost on the way."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
from types import SimpleNamespace

import pytest

from conftest import ROOT, page_paths
import build_state
import lean_pages  # a hook (conftest puts the hooks folder on sys.path, as MkDocs does)

PAGES = page_paths()
# One page of each kind: home, an age page (table), an activity, help (care cards), the
# components page (code blocks, every callout), the planner (its own form and script).
SAMPLES = ["", "ages/6-12-months/", "play/", "play/tummy-time/", "play/print/?ideas=rolling,tummy-time", "help/",
           "components/", "planner/", "concerns/toe-walking/"]


def used(html: str, words: str = "") -> lean_pages._Tokens:
    tokens = lean_pages._Tokens()
    tokens.feed(html)
    tokens.add_words(words)
    return tokens


# --- the cut, on small inputs ------------------------------------------------------------------

PAGE = '<html dir="ltr" class="no-js"><body><div class="a b" id="top"><p data-x="1">Hi</p><a href="#">x</a></div></body></html>'


@pytest.mark.parametrize("selector, kept", [
    (".a", True), (".a.b p", True), ("#top > p", True), ("[data-x]", True), ("[data-x='1'] a", True),
    (".c", False), (".a .c", False), ("#other", False), ("table", False), ("[dir=rtl] .a", False),
    ("[data-y]", False), ("[data-x='2']", False),
    (".a:not(.c)", True),          # what :not() names need not exist
    (".a:hover::before", True),    # states and pseudo-elements never decide
    (".app-js .a", True),          # the class the loader adds
    (".a ⁂ .b", True),             # syntax the cut does not know: kept, never guessed away
])
def test_a_rule_is_kept_only_if_its_selector_can_match(selector, kept):
    assert lean_pages.can_match(selector, used(PAGE)) is kept


def test_a_word_in_our_scripts_keeps_the_rules_for_what_they_create():
    assert not lean_pages.can_match(".made-by-script", used(PAGE))
    assert lean_pages.can_match(".made-by-script", used(PAGE, 'el.className = "made-by-script";'))


def test_cut_drops_rules_empty_media_and_unread_custom_properties():
    css = (":root{--kept:red;--chain:var(--kept2);--kept2:blue;--unread:green;--only-by-dropped:1px}"
           ".a{color:var(--kept);background:var(--chain)}.c{margin:var(--only-by-dropped)}"
           "@media print{.c{display:none}}@media screen{.a,.c{padding:0}}@keyframes spin{to{opacity:0}}")
    cut = lean_pages.cut_stylesheet(css, used(PAGE), also_reading=".x{border-color:var(--read-by-ours)}")
    assert "--kept:red" in cut and "--kept2:blue" in cut and "--chain:" in cut
    assert "--unread" not in cut and "--only-by-dropped" not in cut
    assert ".c" not in cut and "@media print" not in cut
    assert "@media screen{.a{padding:0}}" in cut
    assert "@keyframes spin" in cut


def test_theme_search_is_hidden_without_javascript_and_shown_once_the_loader_runs():
    css = ".no-js .md-search{display:none}.no-js .md-sidebar{height:auto}"
    page = '<html class="no-js"><div class="md-search md-sidebar"></div></html>'
    cut = lean_pages.cut_stylesheet(css, used(page))
    assert ".no-js:not(.app-js) .md-search{display:none}" in cut
    assert ".no-js .md-sidebar{height:auto}" in cut


def test_our_style_sheet_loses_comments_and_spaces_but_not_its_strings():
    css = ('/* why */\na::after {\n  content: " ( , ; : " attr(href);\n}\n.b ,  .c { margin: calc(1px + 2px) }\n'
           '.d :hover > .e { color: red }\n@media (min-width: 60em) { .f { top: 0 } }')
    assert lean_pages.minify(css) == ('a::after{content:" ( , ; : " attr(href);}.b,.c{margin:calc(1px + 2px)}'
                                      '.d :hover > .e{color:red}@media (min-width:60em){.f{top:0}}')


def test_a_theme_that_writes_its_files_differently_stops_the_build(tmp_path, caplog):
    (tmp_path / "index.html").write_text('<html><link rel="stylesheet" href="assets/theme.css"></html>')
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.lean_pages"):
        lean_pages.on_post_build(SimpleNamespace(site_dir=str(tmp_path), extra_css=[]), build=build_state.Build())
    assert "lean_pages.py: no page links the theme's style sheet" in caplog.text
    assert "Update THEME_CSS" in caplog.text


TRICKY = """<!DOCTYPE html><HTML Lang=en><!-- <div class="in-comment"> --><body data-a='x>y' data-b=plain
  hidden><script>if (a<b) document.write('<p class="in-script">')</script><style>a>b{}</STYLE>
<p class="a&amp;b  c" id="x&#38;y">t</p><br/><img src="i.svg" alt=""/><?pi <em class="pi"> ?><svg><path d="M0"/></svg>"""


def test_the_fast_reader_finds_what_htmlparser_finds_on_hand_written_html():
    slow, fast = lean_pages._Tokens(), lean_pages._Tokens()
    slow.feed(TRICKY)
    fast.feed_fast(TRICKY)
    for name in ("tags", "classes", "ids", "attrs", "values"):
        assert getattr(fast, name) == getattr(slow, name), name
    assert "in-comment" not in fast.classes and "in-script" not in fast.classes and "a&b" in fast.classes


# --- the built site -----------------------------------------------------------------------------

def test_the_fast_reader_finds_every_token_htmlparser_finds_on_every_built_page(html_pages):
    """on_post_build reads the pages with feed_fast: it must keep every rule feed() would keep."""
    for path, html in html_pages.items():
        slow, fast = lean_pages._Tokens(), lean_pages._Tokens()
        slow.feed(html)
        fast.feed_fast(html)
        for name in ("tags", "classes", "ids", "attrs", "values"):
            missing = getattr(slow, name) - getattr(fast, name)
            assert not missing, f"{path}: the fast reader misses {name} {sorted(missing)[:5]}"


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_no_theme_file_until_asked(html_pages, soups, site_dir, path):
    html = html_pages[path]
    assert not re.search(r'<link[^>]+assets/stylesheets/main\.', html), "the theme's style sheet still blocks the page"
    assert not re.search(r'<script[^>]+assets/javascripts/bundle\.', html), "the theme's script still loads with the page"
    soup = soups[path]
    assert soup.select_one("style#app-theme-css") is not None
    settings = json.loads(soup.select_one("script#app-theme").string)
    for key in ("css", "js"):
        target = (site_dir / path).parent / settings[key]
        assert target.resolve().is_file(), f"{path}: {settings[key]} does not exist"
    assert "__palette" not in html
    assert soup.select_one("link[rel=icon]")["href"].startswith("data:image/svg+xml,%3Csvg%20")


def test_every_inline_style_and_script_is_allowed_by_the_policy(site_dir, soups):
    policy = next(line for line in (site_dir / "_headers").read_text().splitlines() if "Content-Security-Policy" in line)
    styles = re.search(r"style-src ([^;]*)", policy)[1].split()
    scripts = re.search(r"script-src ([^;]*)", policy)[1].split()
    for path, soup in soups.items():
        for tag, allowed in (("style", styles), ("script", scripts)):
            for element in soup.find_all(tag):
                if element.get("src") or element.get("type") == "application/json":
                    continue
                digest = base64.b64encode(hashlib.sha256((element.string or "").encode()).digest()).decode()
                assert f"'sha256-{digest}'" in allowed, f"{path}: an inline {tag} the policy would block"
    assert "'unsafe-inline'" not in policy


def test_pages_that_are_sent_get_a_cut_of_their_own_section(html_pages, soups):
    def cut(path):
        return soups[path].select_one("style#app-theme-css").string
    assert [lean_pages.section(p) for p in ("index.html", "ages/1-2-years/index.html", "play/tummy-time/index.html",
                                            "help/index.html", "glossary/index.html", "about/privacy/index.html")] == \
        ["index.html", "ages", "play", "help", "other", "other"]
    assert cut("play/tummy-time/index.html") == cut("play/animal-walks/index.html")
    assert cut("glossary/index.html") == cut("professionals/index.html")
    assert len(cut("index.html")) < len(cut("glossary/index.html"))
    assert len({cut(p) for p in html_pages if "app-theme-css" in html_pages[p]}) == len(lean_pages.OWN_CUT) + 1


def test_the_cut_style_sheet_is_much_smaller_than_the_theme(site_dir, soups):
    theme = next((site_dir / "assets" / "stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    cut = soups["index.html"].select_one("style#app-theme-css").string
    assert len(cut) < 0.45 * len(theme)


def test_our_style_sheet_is_cut_to_the_section_but_keeps_what_scripts_create(soups):
    def ours(path: str) -> str:
        styles = soups[path].select("head style:not(#app-theme-css)")
        return "".join(s.string for s in styles)

    whole = lean_pages.minify((ROOT / "docs" / "assets" / "extra.css").read_text(encoding="utf-8"))
    assert ".app-kit" in whole and ".app-easy-read" in whole
    assert ".app-kit" in ours("professionals/index.html") and ".app-kit" not in ours("play/tummy-time/index.html")
    assert ".app-easy-read" in ours("easy-read/ages/index.html") and ".app-easy-read" not in ours("help/index.html")
    assert len(ours("help/index.html")) < 0.8 * len(whole)
    # Made by scripts, not in the page: the highlight of the sentence being read aloud (listen.js)
    # and the theme's tooltips stay.
    assert ".app-listen-reading" in ours("help/index.html") and ".md-tooltip2" in ours("help/index.html")


def test_theme_rules_for_right_to_left_pages_are_cut_from_left_to_right_pages(soups):
    """The language link has words in Urdu and Farsi (dir="rtl"), but the pages are English."""
    soup = soups["help/index.html"]
    assert soup.select_one('.app-language [dir="rtl"]')
    assert "[dir=rtl]" not in soup.select_one("style#app-theme-css").string
    assert "[dir=ltr]" in soup.select_one("style#app-theme-css").string


# --- in Chromium ------------------------------------------------------------------------------

STYLE_OF_EVERY_ELEMENT = """() => {
  const props = ["display", "position", "font-size", "line-height", "font-weight", "color", "background-color",
    "border-top-width", "border-left-color", "visibility", "opacity", "float", "columns", "break-inside",
    "white-space", "overflow-x", "max-width", "box-shadow", "text-transform", "list-style-type", "transform"];
  const out = {};
  let next = document.querySelectorAll("[data-probe]").length;
  document.querySelectorAll("body *").forEach((el) => {
    if (!el.dataset.probe) el.dataset.probe = String(next++);  // the same element, before and after
    if (el.closest(".md-search__output, .md-search__suggest, .md-sidebar__scrollwrap") ||
        el.matches(".md-sidebar, .md-header__button")) return;  // drawn or sized by the theme's script
    const style = getComputedStyle(el);
    const key = `${el.dataset.probe} ${el.tagName}.${el.className}`;
    const box = el.getBoundingClientRect();  // where it is drawn, however the rules got it there
    out[key] = [`box:${Math.round(box.x)},${Math.round(box.y)},${Math.round(box.width)}x${Math.round(box.height)}`]
      .concat(props.map(p => `${p}:${style.getPropertyValue(p)}`)).join(";");
    for (const pseudo of ["::before", "::after"]) {
      const s = getComputedStyle(el, pseudo);
      out[key + pseudo] = `${s.content} ${s.display} ${s.width} ${s.backgroundColor}`;
    }
  });
  return out;
}"""


def changes(before: str, after: str | None) -> str:
    if after is None:
        return "gone"
    pairs = zip(before.split(";"), after.split(";"))
    return "; ".join(f"{a} -> {b.split(':', 1)[-1]}" for a, b in pairs if a != b)


def load_theme(page) -> None:
    """What a first touch does: the loader fetches the theme's style sheet and script."""
    page.keyboard.press("Shift")
    page.wait_for_function("document.documentElement.classList.contains('js') && !document.getElementById('app-theme-css')")
    page.wait_for_timeout(300)


@pytest.mark.browser
@pytest.mark.parametrize("width, media", [(390, "screen"), (1280, "screen"), (1280, "print")])
def test_pages_look_the_same_before_and_after_the_theme_loads(browser, site_url, width, media):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    differences = {}
    for path in SAMPLES:
        page.goto(site_url + path)
        page.add_style_tag(content="*, ::before, ::after { transition: none !important; }")  # no halfway values
        page.emulate_media(media=media)
        before = page.evaluate(STYLE_OF_EVERY_ELEMENT)
        page.emulate_media(media="screen")
        load_theme(page)
        page.emulate_media(media=media)
        after = page.evaluate(STYLE_OF_EVERY_ELEMENT)
        page.emulate_media(media="screen")
        # Elements the theme's script adds (tooltips, a new table wrapper) have no "before".
        # The theme puts its own wrapper round each table (checked below).
        changed = [f"{key}: {changes(before[key], after.get(key))}" for key in before
                   if before[key] != after.get(key) and not (after.get(key) is None and "md-typeset__" in key)]
        if changed:
            differences[path] = changed[:3]
    context.close()
    assert differences == {}


@pytest.mark.browser
def test_theme_files_load_on_the_first_touch_not_before(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url + "ages/1-2-years/", wait_until="load")
    page.wait_for_timeout(1500)
    theme = re.compile(r"assets/(stylesheets/main\.|javascripts/bundle\.|javascripts/workers/)|search_index\.json")
    assert [url for url in fetched if theme.search(url)] == []
    assert [url for url in fetched if url.endswith("favicon.svg")] == []  # it is in the page
    # The search button shows before the theme's script is there, and a tap on it loads it.
    page.locator("label.md-header__button[for='__search']").tap()
    page.locator("input.md-search__input").press_sequentially("dressing", delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert len([url for url in fetched if theme.search(url)]) == 4
    # The search results are styled by the theme's full sheet, which replaced the cut one.
    assert page.locator("style#app-theme-css").count() == 0
    # (Results are drawn again as each letter arrives: wait for the list to settle, not one snapshot.)
    page.wait_for_function("""(() => { const link = document.querySelector('.md-search-result__link');
        return link && getComputedStyle(link).display === 'block'; })()""", timeout=10000)
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("key", ["/", "s"])
def test_search_shortcut_works_on_the_first_key_press(browser, site_url, key):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "help/")
    page.keyboard.press(key)
    page.wait_for_function("document.activeElement && document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("tummy")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert page.locator("input.md-search__input").input_value() == "tummy"
    context.close()


@pytest.mark.browser
def test_tables_keep_one_scrolling_wrapper_once_the_theme_loads(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "ages/6-12-months/")
    wrapped = "document.querySelectorAll('.md-typeset__scrollwrap > .md-typeset__table > table').length"
    tables = page.evaluate("document.querySelectorAll('article table:not([class])').length")
    assert tables > 0 and page.evaluate(wrapped) == tables
    load_theme(page)
    assert page.evaluate(wrapped) == tables
    assert page.evaluate("document.querySelectorAll('.md-typeset__scrollwrap .md-typeset__scrollwrap').length") == 0
    context.close()


def test_inlined_scripts_lose_whole_line_comments_and_indentation_but_not_their_code():
    js = ('/* A comment\n   over two lines. */\n(function () {\n  "use strict";\n  // a note\n'
          '  var url = "http://example.org/*not a comment*/"; // stays: not a whole line\n'
          '  /* one line */\n  if (url) { go(url); }\n})();\n')
    assert lean_pages.slim_script(js) == ('(function () {\n"use strict";\n'
                                          'var url = "http://example.org/*not a comment*/"; // stays: not a whole line\n'
                                          'if (url) { go(url); }\n})();')


# --- minify_pages.py: every page minified by minify-html ---------------------------------------

def test_minified_pages_keep_what_shows_and_what_the_csp_hashes():
    import minify_pages

    script, style = 'var s = "a  b";\n  if (s) {  s += 1; }', ".a  { color: rgba(0, 0, 0, 0.5) }\n"
    html = ('<!doctype html>\n<html lang="en-GB">\n<head>\n<style>' + style + '</style>\n</head>\n<body>\n'
            '<!-- a comment -->\n<p title="two  spaces">A\n    b  <em>c</em> d</p>\n\n  <pre><code>x\n    y</code></pre>'
            '<textarea>a\n  b</textarea><script>' + script + '</script>\n</body>\n</html>\n')
    out = minify_pages.minified(html)
    assert out.startswith("<!doctype html><html lang=en-GB><head>"), "the page's language is kept"
    assert "<style>" + style + "</style>" in out and "<script>" + script + "</script>" in out, "byte for byte"
    assert '<p title="two  spaces">A b <em>c</em> d</p>' in out, "spaces between words collapse, not go"
    assert "<pre><code>x\n    y</code></pre>" in out and "<textarea>a\n  b</textarea>" in out
    assert "a comment" not in out and "</body></html>" in out


def test_every_built_page_is_minified(html_pages):
    import minify_pages

    for name, html in html_pages.items():
        assert minify_pages.minified(html) == html, f"{name} is not minified"
    assert '<div class=md-content data-md-component=content>' in html_pages["index.html"]
