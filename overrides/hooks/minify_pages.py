"""Every built page minified by minify-html (a maintained HTML minifier), once every step that
reads or rewrites a page's HTML as text has run (lean_pages.py, page_picture.py,
hashed_assets.py) and before security_headers.py hashes the inline scripts and styles.

minify-html collapses the spaces between words and removes them between blocks as the HTML
standard's whitespace rules allow, drops comments and writes attributes without the quotes they
do not need (`class=md-content`): the page reads and works the same. Inline scripts and styles
are left byte for byte, whatever minify-html would do to them: each is set aside before and put
back after, so the CSP's hashes are of exactly what the steps before made (the page's one parse,
page_document.py, knows where each is, and the steps say which they put in). Our style sheets are
not given to its CSS minifier (lightningcss), which writes colours as #rrggbbaa, a form the
browsers of older phones do not read; lean_pages.minify strips only comments and spaces from
them. Closing tags and the <html> and <head> tags are kept.

A page's minified HTML is kept between builds under the hash of its HTML, this file and
minify-html's version (build_cache.py): minifying every page takes a tenth of a build's CPU.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import minify_html

import build_cache
import built_pages
import page_document
from page_document import Document

# The date boxes keep type=text, as the GOV.UK pattern writes them, beside inputmode=numeric.
OPTIONS = {"keep_closing_tags": True, "keep_html_and_head_opening_tags": True, "keep_input_type_text_attr": True,
           "minify_css": False, "minify_js": False}
SET_ASIDE = "app-set-aside-{}-"  # what stands for an inline body while the page is minified
PUT_BACK = re.compile(r"app-set-aside-(\d+)-")


def minified(page: Document | str) -> str:
    """The page minified, each script's and style's body as it was (page_document.py finds them)."""
    if isinstance(page, str):
        page = Document(page)
    bodies: list[str] = []

    def set_aside(body: str) -> str:
        bodies.append(body)
        return SET_ASIDE.format(len(bodies) - 1)
    out = minify_html.minify(page.text_setting_aside(set_aside), **OPTIONS)
    return PUT_BACK.sub(lambda m: bodies[int(m[1])], out) if bodies else out


def on_post_build(config, build, **kwargs):
    pages = built_pages.documents(Path(config.site_dir), build)
    code = build_cache.key(build_cache.code(__file__), build_cache.code(page_document.__file__), version("minify-html"))
    for page in pages.values():
        page.finish(build_cache.kept("minified-pages", (code, build_cache.key(page.text)), lambda page=page: minified(page)))
