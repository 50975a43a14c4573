"""A light first view for cheap phones on slow data: no style sheet or theme script to wait for.

After each build, in every page the theme made:
1. The theme's style sheet (137 KB, 23 KB compressed) is cut to the rules whose selectors can
   match an element, class, id or attribute found in the pages of its section (OWN_CUT), and put
   in a <style> in the page's head, followed by extra.css: the first paint needs nothing but
   the page itself.
2. Our small scripts that every page loads (share.js, register-sw.js) are put inline too, and
   so is one that must run where it stands (`data-app-inline`: listen-box.js, under the
   heading), and the favicon, as a data: address.
3. The theme's script (35 KB, and with it its search worker and a 31 KB search index) no longer
   loads with the page. A small inline script (docs/assets/theme-loader.js) loads it, with the theme's full
   style sheet, when the reader first touches, scrolls, points, types or focuses; the full
   sheet then replaces the cut one, so everything the script draws (search results, tooltips,
   back to top) is styled exactly as before. Until then the page works as it does without
   JavaScript, which the tests check: menu, links, collapsible sections and printing.
The search button, hidden by the theme when JavaScript is off, shows once the loader runs.

Each change is made on the page's parsed document (page_document.py: the elements found by its
one parse, changed in place, the page written out once), never by searching its text. A page
without the theme's style sheet or script (a short-link stub) is left alone. If the
theme's file names change shape, the build stops here instead of shipping unstyled pages.
security_headers.py runs after this hook and hashes the inline styles and script for the CSP.
"""

from __future__ import annotations

import html as html_lib
import json
import logging
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import tinycss2
from mkdocs.exceptions import PluginError

import build_cache
import built_pages
from page_document import ATTRIBUTE, Document, Element, Inline

log = logging.getLogger("mkdocs.hooks.lean_pages")

# The elements this step changes, found among each page's parsed elements (page_document.py):
# the theme's style sheet and script, by the shape of their addresses.
THEME_CSS = re.compile(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css\Z")
THEME_JS = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js\Z")
# Our own small scripts (<script src=".../assets/NAME.js" defer>). One that every page loads is
# put inline, to save a request each.
OWN_JS = re.compile(r"(?:\A|/)assets/(?P<name>[\w-]+\.js)\Z")
# Done by the theme's script as soon as it runs, so done here for the page before it loads:
# tables get their scrolling wrapper (the loader takes it off again for the script to put back).
TABLE_WRAPPER = ('<div class="md-typeset__scrollwrap"><div class="md-typeset__table">', "</div></div>")
# The theme restores a saved colour scheme with an inline script in the header; this site has
# no colour switch, so nothing is ever saved and the script only holds up the first paint.
PALETTE_JS = 'var palette=__md_get("__palette")'
# The pages health visitors send (every short link points at one) get the theme's sheet cut to
# their own section, the smallest that styles them, and so do the Easy Read pages, whose many
# pictures leave the least room in the first view; all other pages share one cut. Each cut is
# one more hash in every response's CSP header, so this list stays short.
OWN_CUT = ("index.html", "ages", "play", "help", "easy-read")
# The loader (a comment at its top is left out of the page).
LOADER = "assets/theme-loader.js"
LEADING_COMMENT = re.compile(r"\A\s*/\*.*?\*/\s*", re.S)
# Inlined scripts lose their comments for the reader's sake (whole-line ones only, so nothing in
# a string is touched) and their indentation; line breaks stay, so the code means the same.
LINE_COMMENT = re.compile(r"^[ \t]*(?:/\*(?:(?!\*/).)*?\*/|//[^\n]*)[ \t]*\n", re.M | re.S)
INDENT = re.compile(r"^[ \t]+", re.M)
# Classes the loader adds before the theme's script runs (its rules must survive the cut).
ADDED_CLASSES = {"app-js"}
# The theme hides search without JavaScript; the loader loads the script when search is used,
# so these two rules wait for .app-js instead of hiding the button for good.
SEARCH_HIDDEN = {".no-js .md-header__button[for=__search]", ".no-js .md-search"}

# The theme's `[dir=rtl] .md-...` rules follow the direction of the whole page, set on <html> or
# <body>. A right-to-left word inside an English page (the language link's اردو) is not a reason
# to keep them.
DOCUMENT_DIRECTION = {"html", "body"}

# --- what the pages use --------------------------------------------------------------------

# What HTMLParser does not read as tags: comments, declarations, processing instructions, and the
# text of a script or style (up to its end tag); the script's or style's own start tag is kept.
NOT_MARKUP = re.compile(r"""<(?: !--.*?(?:-->|\Z) | ![^>]*> | \?[^>]*>
    | ((script|style)\b(?:"[^"]*"|'[^']*'|[^'">])*>) (?:[^<]+|<(?!/\2[\s>]))* )""", re.S | re.I | re.X)
START_TAG = re.compile(r"""<([a-zA-Z][^\t\n\r\f />\x00]*)((?:"[^"]*"|'[^']*'|[^'">])*)>""")


def _keep_start(m: re.Match) -> str:
    return "<" + m[1] if m[1] else ""


def _value(m: re.Match) -> str | None:
    value = m[2] if m[2] is not None else m[3] if m[3] is not None else m[4]
    return html_lib.unescape(value) if value and "&" in value else value


class _Tokens(HTMLParser):
    """Element names, classes, ids and attributes (with their values) in the pages fed to it."""

    check_attributes = True  # False: a rule is never dropped for an attribute (scripts set them)

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.classes: set[str] = set(ADDED_CLASSES)
        self.ids: set[str] = set()
        self.attrs: set[str] = set()
        self.values: set[tuple[str, str]] = set()

    def feed_fast(self, html: str) -> None:
        """As feed(), several times faster: the start tags by regular expression, outside comments
        and the text of scripts and styles, as HTMLParser reads them (tests/test_lean_pages.py
        compares the two on every built page)."""
        for name, attrs in set(START_TAG.findall(NOT_MARKUP.sub(_keep_start, html))):  # each distinct tag once
            self.handle_starttag(name, [(m[1], _value(m)) for m in ATTRIBUTE.finditer(attrs)])

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        self.tags.add(tag)
        for name, value in attrs:
            name = name.lower()
            self.attrs.add(name)
            if name != "dir" or tag in DOCUMENT_DIRECTION:
                self.values.add((name, value or ""))
            if name == "class" and value:
                self.classes.update(value.split())
            elif name == "id" and value:
                self.ids.add(value)

    handle_startendtag = handle_starttag

    NAMES = ("tags", "classes", "ids", "attrs", "values")

    def as_lists(self) -> dict[str, list]:
        """What was found, as JSON can keep it (build_cache.py)."""
        return {name: sorted(getattr(self, name)) for name in self.NAMES}

    def update(self, lists: dict[str, list]) -> None:
        """Add what as_lists() gave, for another page of the same section."""
        for name in self.NAMES:
            getattr(self, name).update(map(tuple, lists[name]) if name == "values" else lists[name])

    def add_words(self, text: str) -> None:
        """Names a script may give to what it creates: every word in it could be a class or id."""
        words = set(re.findall(r"[A-Za-z_][\w-]*", text))
        self.classes |= words
        self.ids |= words
        self.tags |= {w.lower() for w in words}


# --- cutting the theme's style sheet ---------------------------------------------------------

SIMPLE = re.compile(r"""
    \.(?P<cls>-?[_a-zA-Z][\w-]*)
  | \#(?P<id>-?[_a-zA-Z][\w-]*)
  | \[\s*(?P<attr>[\w:-]+)\s*(?:(?P<op>[~|^$*]?=)\s*(?P<val>"[^"]*"|'[^']*'|[^\]\s]+)\s*[is]?\s*)?\]
  | ::?(?P<pseudo>[\w-]+)
  | (?P<tag>[a-zA-Z][\w-]*)
  | (?P<other>[\s>+~*|])
""", re.X)


def _drop_arguments(selector: str) -> str:
    """`:not(.a)`, `:is(...)`, `:nth-child(2n)`: arguments never decide whether a rule is kept."""
    out, depth = [], 0
    for char in selector:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0:
            out.append(char)
    return "".join(out)


def _split(selector_list: str) -> list[str]:
    """Split a selector list at its top-level commas."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(selector_list):
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            parts.append(selector_list[start:i])
            start = i + 1
    return [p.strip() for p in parts + [selector_list[start:]] if p.strip()]


def can_match(selector: str, used: _Tokens) -> bool:
    """False only when the selector needs something no page has. Unknown syntax keeps the rule."""
    text, pos = _drop_arguments(selector), 0
    while pos < len(text):
        m = SIMPLE.match(text, pos)
        if not m or m.end() == pos:
            return True
        pos = m.end()
        if m["cls"] and m["cls"] not in used.classes:
            return False
        if m["id"] and m["id"] not in used.ids:
            return False
        if m["tag"] and m["tag"].lower() not in used.tags:
            return False
        if m["attr"] and used.check_attributes:
            name = m["attr"].lower()
            if name not in used.attrs:
                return False
            if m["op"] == "=" and (name, m["val"].strip("\"'")) not in used.values:
                return False
    return True


def _rules(nodes, used: _Tokens) -> str:
    out = []
    for node in nodes:
        if node.type == "qualified-rule":
            selectors = [s for s in _split(tinycss2.serialize(node.prelude)) if can_match(s, used)]
            selectors = [_wait_for_enhance(s) for s in selectors]
            if selectors:
                out.append(",".join(selectors) + "{" + tinycss2.serialize(node.content) + "}")
        elif node.type == "at-rule" and node.lower_at_keyword in ("media", "supports") and node.content is not None:
            inner = _rules(tinycss2.parse_rule_list(node.content), used)
            if inner:
                out.append("@" + node.at_keyword + tinycss2.serialize(node.prelude).rstrip() + "{" + inner + "}")
        elif node.type == "at-rule" and node.lower_at_keyword == "charset":
            continue  # the page is UTF-8 already; @charset is not allowed in a <style>
        elif node.type in ("at-rule", "qualified-rule"):
            out.append(tinycss2.serialize([node]))
    return "".join(out)


def _gentle(page: _Tokens, scripts: _Tokens) -> _Tokens:
    """What a section's pages use, with every word their scripts could create, attributes ignored."""
    both = _Tokens()
    both.check_attributes = False
    for name in ("tags", "classes", "ids"):
        setattr(both, name, getattr(page, name) | getattr(scripts, name))
    return both


def _wait_for_enhance(selector: str) -> str:
    return selector.replace(".no-js ", ".no-js:not(.app-js) ", 1) if selector in SEARCH_HIDDEN else selector


def cut_stylesheet(css, used: _Tokens, also_reading: str = "") -> str:
    """The rules that can match, then without the custom properties nothing reads any more.

    `css` is the text or tinycss2's parse of it (to parse once and cut several times);
    `also_reading` is other CSS (ours) whose var() references keep the theme's properties."""
    if isinstance(css, str):
        css = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    kept = _rules(css, used)
    return _without_unread_properties(kept, also_reading + "".join(v for n, v in used.values if n == "style"))


def section(page: str) -> str:
    """Which cut a page (its path in the site, such as ages/1-2-years/index.html) gets."""
    first = page.split("/", 1)[0]
    return first if first in OWN_CUT else "other"


VAR = re.compile(r"var\(\s*(--[\w-]+)")
PROPERTY = re.compile(r"(--[\w-]+)\s*:([^;}]*)")


def _without_unread_properties(css: str, elsewhere: str) -> str:
    values: dict[str, list[str]] = {}
    for name, value in PROPERTY.findall(css):
        values.setdefault(name, []).append(value)
    needed = set(VAR.findall(PROPERTY.sub("", css) + elsewhere))
    todo = list(needed)
    while todo:
        for value in values.get(todo.pop(), []):
            for name in VAR.findall(value):
                if name not in needed:
                    needed.add(name)
                    todo.append(name)
    return _drop_properties(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True),
                            set(values) - needed)


def _drop_properties(nodes, unread: set[str]) -> str:
    out = []
    for node in nodes:
        if node.type == "qualified-rule":
            declarations = [d for d in tinycss2.parse_blocks_contents(node.content, skip_whitespace=True, skip_comments=True)
                            if not (d.type == "declaration" and d.name in unread)]
            if any(d.type == "declaration" for d in declarations):
                body = ";".join(tinycss2.serialize([d]) if d.type != "declaration" else
                                f"{d.name}:{tinycss2.serialize(d.value).strip()}{'!important' if d.important else ''}"
                                for d in declarations)
                out.append(tinycss2.serialize(node.prelude).strip() + "{" + body + "}")
        elif node.type == "at-rule" and node.lower_at_keyword in ("media", "supports") and node.content is not None:
            inner = _drop_properties(tinycss2.parse_rule_list(node.content, skip_whitespace=True, skip_comments=True), unread)
            if inner:
                out.append("@" + node.at_keyword + tinycss2.serialize(node.prelude).rstrip() + "{" + inner + "}")
        else:
            out.append(tinycss2.serialize([node]))
    return "".join(out)


def as_theme_leaves_it(page: Document) -> None:
    """The page as the theme's script would leave it: tables wrapped (TABLE_WRAPPER) and code
    blocks, which may scroll sideways, reachable with the keyboard. And glossary terms show
    their meaning on focus as well as on hover: reachable with the keyboard too (not inside a
    link or other control, which is reachable already and may not hold another)."""
    for table in page.find("table", lambda e: not e.attrs):
        page.wrap(table, *TABLE_WRAPPER)
    for code in page.find("code", lambda e: not e.attrs and e.parent == "pre"
                          and page.html[e.parent_open_end:e.start] in ("", "<span></span>")):
        page.add_attribute(code, "tabindex", "0")
    for term in page.find("abbr", lambda e: not e.in_control and e.attrs[:1] == [("title", e.attr("title"))]):
        page.add_attribute(term, "tabindex", "0")


def slim_script(js: str) -> str:
    """One of our small scripts, to put inside a page: no whole-line comments, no indentation."""
    return INDENT.sub("", LINE_COMMENT.sub("", js)).strip()


def minify(css: str) -> str:
    """Our own style sheet without comments and indentation (strings and values untouched)."""
    out = []
    for token in tinycss2.parse_component_value_list(css, skip_comments=True):
        out.append(" " if token.type == "whitespace" else tinycss2.serialize([token]))
    # Outside strings, spaces next to { } ; , and after a colon never matter; others can
    # (descendant selectors, a space before :hover, calc()).
    parts = re.split(r"""("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')""", "".join(out))
    return "".join(part if i % 2 else re.sub(r"\s*([{};,])\s*|(:)\s+", r"\1\2", re.sub(r"\s+", " ", part))
                   for i, part in enumerate(parts)).strip()


# --- the hook --------------------------------------------------------------------------------

def on_post_build(config, build, **kwargs):
    site = Path(config.site_dir)
    pages = built_pages.documents(site, build)  # {"planner/index.html": the page, parsed once}, for every step
    theme_link = {name: next(page.find("link", lambda e: e.attr("rel") == "stylesheet" and THEME_CSS.search(e.attr("href") or "")), None)
                  for name, page in pages.items()}
    themed = {name: page for name, page in pages.items() if theme_link[name]}
    for page in themed.values():
        as_theme_leaves_it(page)

    # Each input hashed once (build_cache.key), and these digests are what the kept results are
    # named by: a page's HTML is hashed once, not again with each result made from it.
    code = build_cache.key(build_cache.code(__file__))
    page_key = {name: built_pages.key(page) for name, page in themed.items()}
    if not themed:
        log.warning("lean_pages.py: no page links the theme's style sheet (assets/stylesheets/main.<hash>.min.css). "
                    "Has the theme changed how it writes it? Update THEME_CSS in overrides/hooks/lean_pages.py.")
        return
    own_scripts = {p.name: p.read_text(encoding="utf-8") for p in site.glob("assets/*.js")}
    script_words: dict[str, _Tokens] = {}
    used: dict[str, _Tokens] = {}
    own_js = {name: {m["name"]: e for e in page.find("script", lambda e: e.has("defer"))
                     for m in [OWN_JS.search(e.attr("src") or "")] if m}
              for name, page in themed.items()}  # each page's own scripts
    sections: dict[str, list[str]] = {}
    for path in themed:
        sections.setdefault(section(path), []).append(path)

    def section_tokens(paths: list[str]) -> dict[str, list]:
        """What a section's pages use: each page's kept between builds by its HTML (build_cache.py)."""
        tokens = _Tokens()
        for path in paths:
            tokens.update(build_cache.kept("lean-tokens", (code, page_key[path]), lambda path=path: _read(themed[path].text)))
        return tokens.as_lists()

    for part, paths in sections.items():
        # A section's whole is kept too, by its pages' HTML: one read instead of one a page.
        used.setdefault(part, _Tokens()).update(
            build_cache.kept("lean-section-tokens", (code, *(page_key[p] for p in paths)), lambda paths=paths: section_tokens(paths)))
    for path in themed:
        tokens = used[section(path)]
        for script in own_js[path].keys() & set(own_scripts):
            if script not in script_words:
                script_words[script] = _Tokens()
                script_words[script].add_words(own_scripts[script])
            tokens.update(script_words[script].as_lists())  # what the page's own scripts may create

    first = next(iter(themed.values()))
    theme_file = site / "assets" / "stylesheets" / theme_link[next(iter(themed))].attr("href").rsplit("/", 1)[-1]
    theme_text = theme_file.read_text(encoding="utf-8")
    extra_text = {path: (site / path).read_text(encoding="utf-8") for path in config.extra_css}
    other_css = "".join(p.read_text(encoding="utf-8") for p in site.glob("assets/*.css")
                        if p.relative_to(site).as_posix() not in extra_text)
    bundles = [p.read_text(encoding="utf-8") for p in sorted(site.glob("assets/javascripts/bundle.*.js"))]
    # The cuts are made from these alone (and this file's code): each section's is kept in
    # .cache/css-cuts/ under their hash and made again only when one of them changes.
    inputs = build_cache.key(build_cache.code(__file__), theme_text, *extra_text, *extra_text.values(), other_css,
                             *sorted(own_scripts), *(own_scripts[n] for n in sorted(own_scripts)), *bundles)
    made: dict = {}

    def make_cuts() -> dict:
        """What every cut needs, made once a build and only if a section's cut is not kept already."""
        if not made:
            extra = {path: minify(css) for path, css in extra_text.items()}
            scripts = _Tokens()
            for script in [*own_scripts.values(), *bundles]:
                scripts.add_words(script)
            made.update(theme=tinycss2.parse_stylesheet(theme_text, skip_comments=True, skip_whitespace=True),
                        extra=extra, ours="".join(extra.values()) + other_css, scripts=scripts)
        return made

    def cut(tokens: _Tokens) -> dict:
        m = make_cuts()
        # Our sheets (extra.css, planner.css) keep the theme's custom properties they read.
        # Our own sheet is cut by section too, but more gently: a rule stays if anything a script of
        # ours or the theme's could create might match it (their words), whatever its attributes.
        return {"theme": cut_stylesheet(m["theme"], tokens, m["ours"]),
                "extra": {path: _rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True),
                                       _gentle(tokens, m["scripts"]))
                          for path, css in m["extra"].items()}}

    def cuts(tokens: _Tokens) -> dict:
        words = (repr(sorted(getattr(tokens, n))) for n in ("tags", "classes", "ids", "attrs", "values"))
        return build_cache.kept("css-cuts", (inputs, *words), lambda: cut(tokens))

    made_cuts = {name: cuts(tokens) for name, tokens in used.items()}
    theme_css = {name: cut["theme"] for name, cut in made_cuts.items()}
    extra_cut = {name: cut["extra"] for name, cut in made_cuts.items()}

    everywhere = set.intersection(*(set(scripts) for scripts in own_js.values()))
    inline_js = {name: slim_script(own_scripts[name]) for name in everywhere & set(own_scripts)}
    inline_js = {name: js for name, js in inline_js.items() if "</script" not in js.lower()}  # would end the tag

    # A script that must run where it stands (data-app-inline: the Listen box's, which shows the box
    # before the rest of the page is laid out) goes inside every page that loads it, at its place.
    pinned = {m["name"] for page in themed.values() for e in page.find("script", _is_pinned)
              for m in [OWN_JS.search(e.attr("src") or "")]}
    for name in sorted(pinned - set(own_scripts)):
        raise PluginError(f"lean_pages.py: a page loads docs/assets/{name} with data-app-inline, to be put inside "
                          "it, and there is no such script.")
    pinned_js = {name: slim_script(own_scripts[name]) for name in pinned}
    for name in sorted(n for n, js in pinned_js.items() if "</script" in js.lower()):
        raise PluginError(f"lean_pages.py: docs/assets/{name} says '</script', which would end the <script> it is "
                          "put inside: write it as '<\\/script'.")

    icon = next(first.find("link", _is_favicon), None)
    icon_file = site / config.theme["favicon"] if icon and config.theme.get("favicon", "").endswith(".svg") else None
    favicon = ("data:image/svg+xml," + quote(" ".join(icon_file.read_text(encoding="utf-8").replace('"', "'").split()), safe="/:=,;'()")
               if icon_file and icon_file.is_file() else None)

    loader_file = site / LOADER
    if not loader_file.is_file():
        raise PluginError(f"lean_pages.py: docs/{LOADER}, which loads the theme on first touch, is missing.")
    loader = slim_script(loader_file.read_text(encoding="utf-8"))
    # What this step puts inside the pages as <style> and <script>: the site's own, for the CSP
    # to hash (security_headers.py hashes nothing else but the theme's own).
    build.emitted.update(theme_css.values(), *(cut.values() for cut in extra_cut.values()),
                         inline_js.values(), pinned_js.values(), [loader])
    for name, page in themed.items():
        script = next(page.find("script", lambda e: THEME_JS.search(e.attr("src") or "")), None)
        if not script:
            log.warning(f"lean_pages.py: site/{name} links the theme's style sheet but not its script "
                        "(assets/javascripts/bundle.<hash>.min.js). Update THEME_JS in overrides/hooks/lean_pages.py.")
            continue
        settings = json.dumps({"css": theme_link[name].attr("href"), "js": script.attr("src")})
        page.replace(theme_link[name], Inline('<style id="app-theme-css">', theme_css[section(name)], "</style>"))
        for css_path, css in extra_cut[section(name)].items():
            link = next(page.find("link", lambda e: e.attr("rel") == "stylesheet" and (e.attr("href") or "").endswith(css_path)), None)
            if link:
                page.replace(link, Inline("<style>", css, "</style>"))
        page.replace(script, Inline('<script id="app-theme" type="application/json">', settings, "</script>"),
                     Inline("<script>", loader, "</script>"))
        for js, element in own_js[name].items():
            if js in inline_js:
                page.replace(element, Inline("<script>", inline_js[js], "</script>"))
        for element in page.find("script", _is_pinned):
            page.replace(element, Inline("<script>", pinned_js[OWN_JS.search(element.attr("src"))["name"]], "</script>"))
        icon = next(page.find("link", _is_favicon), None)
        if favicon and icon:
            page.replace(icon, f'<link rel="icon" href="{favicon}">')
        palette = next(page.find("script", lambda e: not e.attrs and page.body(e).startswith(PALETTE_JS)), None)
        if palette:
            page.remove(palette)


def _is_pinned(script: Element) -> bool:
    """<script src=".../assets/NAME.js" data-app-inline>: one of ours, to be put inside the page where it stands."""
    return script.has("data-app-inline") and bool(OWN_JS.search(script.attr("src") or ""))


def _is_favicon(link: Element) -> bool:
    """The favicon (an SVG of a few hundred bytes) goes inside the page as a data: address: one
    request fewer, and the browser's request for it can no longer compete with the first paint."""
    return link.attr("rel") == "icon" and (link.attr("href") or "").endswith(".svg")


def _read(html: str) -> dict[str, list]:
    tokens = _Tokens()
    tokens.feed_fast(html)
    return tokens.as_lists()
