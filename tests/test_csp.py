"""The headers the build writes. The Content-Security-Policy allows the project's own inline
scripts and styles, never one that came with a page's content, even if that content got past
every check of the build. site/_headers gives the CDN the same headers and the right caching.
(nginx serving them: test_server.py.)"""

from __future__ import annotations

import base64
import functools
import hashlib
import logging
import re
import threading

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from conftest import ROOT, QuietServer, _QuietHandler, copy_project
from test_server import serve

import build_state
import security_headers  # a hook (conftest puts the hooks folder on sys.path, as MkDocs does)

PWNED = "<script>window.pwned=1</script>"
TITLE = "<script>window.pwnedTitle=1</script>"
STYLE = "<style>body{display:none}</style>"
# Stands for content that got past every check (the Markdown one refuses raw <script>): put
# into the rendered page, as a page's own HTML or its title would be, before the policy is made.
INJECT = f'''
from mkdocs.plugins import event_priority

@event_priority(-50)
def on_post_page(output, page, config, **kwargs):
    if page.file.src_uri == "help.md":
        output = output.replace("</h1>", {TITLE!r} + "</h1>", 1)
        output = output.replace("</article>", {PWNED!r} + {STYLE!r} + "</article>", 1)
    return output
'''


def sha(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def inner(element: str) -> str:
    return re.sub(r"^<[^>]+>|</\w+>$", "", element)


def policy(site) -> str:
    return re.search(r'Content-Security-Policy "([^"]*)"', (site / "_nginx-headers.conf").read_text())[1]


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    """A build of a copy of the project with a script and a style in the help page and its title."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    (project / "inject_for_test.py").write_text(INJECT)
    config_file = project / "mkdocs.yml"
    text = config_file.read_text()
    text, added = re.subn(r"^(  - overrides/hooks/pipeline\.py.*)$", r"\1\n  - inject_for_test.py", text, count=1, flags=re.M)
    assert added == 1
    config_file.write_text(text)
    site = tmp_path_factory.mktemp("injected-site")
    collect = Collect()
    logging.getLogger("mkdocs").addHandler(collect)
    try:
        build(load_config(config_file=str(config_file), site_dir=str(site), strict=False))
    finally:
        logging.getLogger("mkdocs").removeHandler(collect)
    page = (site / "help" / "index.html").read_text()
    assert PWNED in page and TITLE in page and STYLE in page
    return site, collect.messages


def test_theme_templates_give_patterns_for_the_theme_scripts(site_dir):
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    patterns = security_headers.template_patterns(config.theme.dirs)
    page = (site_dir / "ages" / "1-2-years" / "index.html").read_text()
    theme = [b for b in security_headers.INLINE_SCRIPT.findall(page) if b.startswith("__md_scope=")]
    assert theme and all(any(p.fullmatch(b) for p in patterns) for b in theme)
    for body in (inner(PWNED), inner(TITLE), inner(STYLE), "__md_scope=1;window.pwned=1"):
        assert not any(p.fullmatch(body) for p in patterns), body


def test_own_inline_keeps_what_our_steps_emitted_and_the_theme_wrote():
    theme = [re.compile(r"__md_scope=new URL\(\"[^\"]*\",location\)")]
    emitted = {"loader()", ".cut{}"}
    built = {'__md_scope=new URL("..",location)', "window.pwned=1", "body{display:none}", "loader()", ".cut{}",
             "window.pwned = 1"}
    assert security_headers.own_inline(built, emitted, theme) == {
        '__md_scope=new URL("..",location)', "loader()", ".cut{}"}


def built_site(tmp_path, body: str, rendered: set[str]):
    """A one-page site whose page holds the theme's script, one a step of ours emitted, and `body`."""
    theme_script = '__md_scope=new URL("..",location)'
    (tmp_path / "index.html").write_text(f"<html><head><script>{theme_script}</script><script>loader()</script>"
                                         f"</head><body>{body}</body></html>", encoding="utf-8")
    build = build_state.Build()
    build.theme_inline[:] = [re.compile(r"__md_scope=new URL\(\"[^\"]*\",location\)")]
    build.rendered |= {theme_script} | rendered
    build.emitted.add("loader()")  # as lean_pages.py registers what it inlines
    return tmp_path, build, {sha(theme_script), sha("loader()")}


def test_a_script_a_later_step_rewrote_is_not_hashed_and_stops_the_build(tmp_path):
    """The stated rule (security_headers.py): the CSP hashes only the scripts and styles the
    project itself emits, even if a later step rewrites a page. A content script that a step
    after rendering changed (here: spaces taken out, as a minifier would) is new after rendering,
    but no step of ours emitted it: it gets no hash, and the build stops and says why."""
    site, build, own = built_site(tmp_path, "<script>window.pwned=1</script>", rendered={"window.pwned = 1"})
    with pytest.raises(PluginError) as stopped:
        security_headers.inline_hashes(site, security_headers.INLINE_SCRIPT, build)
    message = str(stopped.value)
    assert "site/index.html has an inline <script> that was added or changed after the page was rendered" in message
    assert "'window.pwned=1'" in message and "build.emitted" in message
    # The same page with a <style> a later step added:
    site, build, _ = built_site(tmp_path, "<style>body{display:none}</style>", rendered=set())
    with pytest.raises(PluginError, match=r"an inline <style> that was added or changed after"):
        security_headers.inline_hashes(site, security_headers.INLINE_STYLE, build)


def test_a_script_a_step_puts_into_the_parsed_page_without_saying_so_stops_the_build(tmp_path):
    """The same rule for the post-build steps, which change each page's parsed document
    (page_document.py): an element replaced by a <script> the step does not register in
    build.emitted gets no hash; one it registers is hashed."""
    import built_pages

    site, build, own = built_site(tmp_path, '<link rel="stylesheet" href="x.css"><p>Text</p>', rendered=set())
    page = built_pages.documents(site, build)["index.html"]
    page.replace(next(page.find("link")), "<script>unsaid()</script>")
    with pytest.raises(PluginError, match=r"site/index.html has an inline <script> that was added or changed after"):
        security_headers.inline_hashes(site, security_headers.INLINE_SCRIPT, build)
    build.emitted.add("unsaid()")  # as lean_pages.py registers what it puts in
    assert set(security_headers.inline_hashes(site, security_headers.INLINE_SCRIPT, build)) == own | {sha("unsaid()")}


def test_a_script_that_came_with_the_content_is_not_hashed_and_named(tmp_path, caplog):
    site, build, own = built_site(tmp_path, "<script>window.pwned=1</script>", rendered={"window.pwned=1"})
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.security_headers"):
        assert set(security_headers.inline_hashes(site, security_headers.INLINE_SCRIPT, build)) == own
    assert "site/index.html has an inline <script> that is not the site's own" in caplog.text
    assert sha("window.pwned=1") not in own


def test_policy_hashes_no_script_or_style_from_content(injected, site_dir):
    site, _ = injected
    csp = policy(site)
    for element in (PWNED, TITLE, STYLE):
        assert sha(inner(element)) not in csp, element
    # ...and still every one of the project's own: the same hashes as the clean build's.
    hashes = set(re.findall(r"'sha256-[^']+'", csp))
    assert hashes == set(re.findall(r"'sha256-[^']+'", policy(site_dir)))
    assert "'unsafe-inline'" not in csp


def test_build_warns_about_the_page_with_foreign_script(injected):
    _, messages = injected
    foreign = [m for m in messages if "security_headers.py" in m]
    assert any("site/help/index.html" in m and "<script>" in m and "window.pwned=1" in m for m in foreign), messages
    assert any("site/help/index.html" in m and "<style>" in m for m in foreign), messages
    assert all("site/help/index.html" in m for m in foreign), foreign


HELP_CHECK = """() => ({
    pwned: window.pwned === 1, title: window.pwnedTitle === 1,
    enhanced: document.documentElement.classList.contains("app-js"),
    hidden: getComputedStyle(document.body).display === "none",
    styled: getComputedStyle(document.querySelector(".md-header")).position,
})"""


@pytest.mark.browser
@pytest.mark.system  # nginx
def test_content_script_does_not_run_through_nginx(injected, browser, tmp_path):
    """Chromium through the production nginx: the page's own scripts and styles work, the
    injected ones are refused. Served without the policy, the same page runs them."""
    site, _ = injected
    server = serve(tmp_path, site)
    try:
        context = browser.new_context(ignore_https_errors=True)
        page = context.new_page()
        refused = []
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(server.url + "help/", wait_until="load")
        page.mouse.move(10, 10)  # the first touch loads the theme's script (ENHANCE)
        page.wait_for_timeout(300)
        result = page.evaluate(HELP_CHECK)
        context.close()
    finally:
        server.stop()
    assert result == {"pwned": False, "title": False, "enhanced": True, "hidden": False, "styled": "sticky"}, result
    assert len(refused) >= 3, refused  # two scripts and a style

    # The control: with no policy the injection works, so the test above could fail.
    plain = QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=plain.serve_forever, daemon=True).start()
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{plain.server_address[1]}/help/", wait_until="load")
        control = page.evaluate(HELP_CHECK)
        context.close()
    finally:
        plain.shutdown()
    assert control["pwned"] and control["title"] and control["hidden"]


def test_a_template_value_stands_only_for_a_string(tmp_path):
    """`{{ value }}` inside quotes is a URL; outside them it could be any code, so no pattern."""
    (tmp_path / "base.html").write_text('<script>go("{{ base_url }}")</script>\n<script>var a={{ settings }}</script>\n'
                                        '<script>{% if x %}y(){% endif %}</script>')
    patterns = security_headers.template_patterns([tmp_path])
    assert len(patterns) == 1
    assert patterns[0].fullmatch('go("../..")') and not patterns[0].fullmatch('go("x"),alert(1),("")')


# --- site/_headers, for Cloudflare Pages or Netlify ------------------------------------------

def cdn_rules(site_dir) -> list[tuple[str, dict[str, str]]]:
    """[(path pattern, {header: value})] as the CDN reads site/_headers."""
    rules = []
    for line in (site_dir / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            rules.append((line.strip(), {}))
        elif line.strip() and not line.lstrip().startswith("#"):
            name, value = line.strip().split(":", 1)
            rules[-1][1][name.strip()] = value.strip()
    return rules


def cdn_headers(rules, path: str) -> dict[str, list[str]]:
    """Headers the CDN sends for a path: every matching rule's, a `*` matching anything."""
    sent: dict[str, list[str]] = {}
    for pattern, values in rules:
        if re.fullmatch(".*".join(map(re.escape, pattern.split("*"))), path):
            for name, value in values.items():
                sent.setdefault(name, []).append(value)
    return sent


def test_cdn_keeps_only_hashed_files_for_a_year(site_dir):
    rules = cdn_rules(site_dir)
    files = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()]
    hashed = [f for f in files if re.search(r"\.[0-9a-f]{8}\.(?:min\.)?(?:js|css)$", f)]
    assert len(hashed) >= 3
    # Our scripts that pages load as files carry their hash too (hashed_assets.py), and only that name.
    for name in ("planner", "listen"):
        assert [f for f in hashed if re.fullmatch(rf"assets/{name}\.[0-9a-f]{{8}}\.js", f)], name
        assert f"assets/{name}.js" not in files
    assert [f for f in hashed if re.fullmatch(r"assets/planner\.[0-9a-f]{8}\.css", f)]
    for name in ("assets/extra.css", "assets/share.js", "assets/favicon.svg", "index.html"):
        assert name in files
    for name in files:
        cache = cdn_headers(rules, "/" + name).get("Cache-Control", [])
        if name in hashed:
            assert cache == ["public, max-age=31536000, immutable"], name
        else:
            assert not any("immutable" in value or "max-age=31536000" in value for value in cache), name


def test_cdn_and_nginx_send_the_same_security_headers(site_dir):
    cdn = cdn_headers(cdn_rules(site_dir), "/help/")
    nginx = dict(re.findall(r'^add_header ([\w-]+) "([^"]*)" always;$',
                            (site_dir / "_nginx-headers.conf").read_text(encoding="utf-8"), re.M))
    assert {name: [value] for name, value in nginx.items()} == {n: v for n, v in cdn.items() if n != "Cache-Control"}
    assert "Content-Security-Policy" in nginx and "Cross-Origin-Resource-Policy" in nginx


# What hashed_assets.py renames, as a regular expression over a page's text would find it: an
# attribute src, href or data-*-src, double-quoted, naming assets/<name>.js or .css.
LOADS = re.compile(r'\s(?:src|href|data-[\w-]+-src)="(?P<url>[^"#?]*?assets/[\w-]+\.(?:js|css))"')


def test_hashed_assets_finds_each_file_a_page_loads():
    """hashed_assets.loads() reads the elements the page's one parse found (page_document.py):
    an attribute that loads a file, not text that looks like one."""
    import hashed_assets
    from page_document import Document

    html = ('<script src="../assets/planner.js" defer></script><link rel="stylesheet" href="assets/planner.css">'
            '<button data-listen-src="/assets/listen.js"></button><a title="assets/no.js" href="x">'
            '<img alt="see assets/no.js"><script src="assets/javascripts/bundle.abc.min.js"></script>'
            '<a href="assets/planner.js?v=1">a</a><div\ndata-x-src="assets/x-y.css"></div>'
            '<!-- <script src="assets/in-comment.js"></script> --><script>var s = \'<script src="assets/in-script.js">\'</script>')
    assert [(e.tag, name, url) for e, name, url in hashed_assets.loads(Document(html))] == [
        ("script", "src", "../assets/planner.js"), ("link", "href", "assets/planner.css"),
        ("button", "data-listen-src", "/assets/listen.js"), ("div", "data-x-src", "assets/x-y.css")]


def test_hashed_assets_finds_what_a_pattern_over_the_text_finds_in_every_built_page(html_pages):
    import hashed_assets
    from page_document import Document

    for name, html in html_pages.items():
        html = re.sub(r"(assets/[\w-]+)\.[0-9a-f]{8}\.(js|css)", r"\1.\2", html)  # the names before hashing
        html = re.sub(r'=(?=[^"\s>]*assets/[\w-]+\.(?:js|css)[\s>])([^"\s>]+)', r'="\1"', html)  # quoted, as before minify-html
        assert [url for _, _, url in hashed_assets.loads(Document(html))] == [m["url"] for m in LOADS.finditer(html)], name


def test_inline_bodies_finds_what_the_patterns_find(html_pages):
    """security_headers.inline_bodies() seeks each tag with str.find, for speed: it finds exactly
    what INLINE_SCRIPT and INLINE_STYLE find, on tricky HTML and on every built page."""
    tricky = ('<script>a()</script><script src="x.js"></script><script type="application/json">{}</script>'
              '<scripts>b</script><script id="c">never closed<style>d{}</style><style media="print">e{}'
              '</style><stylesheet>f</style><script\n>g</script><style>unclosed')
    assert security_headers.INLINE_SCRIPT.findall(tricky) == ["a()", "b", "never closed<style>d{}</style><style media=\"print\">e{}</style><stylesheet>f</style><script\n>g"]
    for pattern in (security_headers.INLINE_SCRIPT, security_headers.INLINE_STYLE):
        assert security_headers.inline_bodies(tricky, pattern) == pattern.findall(tricky)
        for name, html in html_pages.items():
            assert security_headers.inline_bodies(html, pattern) == pattern.findall(html), name
