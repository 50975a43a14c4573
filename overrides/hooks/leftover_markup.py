"""Stop the build when Markdown leaks into a page instead of being converted.

Catches what would otherwise publish silently: a '# Heading' (the title comes from front
matter), a reference link with no address, an unconverted callout, a snippet marker or an app
marker no hook knows. Web addresses and raw HTML in a page are raw_html.py's. Markdown that
builds but publishes something wrong (a table without its separator row, an unclosed code block,
a raw <h1>, an empty page, a placeholder, a raw HTML link to nowhere, a glossary word defined
again) is markdown_slips.py's, called from here.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

import build_cache
import markdown_slips
import site_model
from site_model import where, without_code

CODE_HTML = re.compile(r"<(pre|code)\b.*?</\1>", re.S)
SOURCE_CHECKS = [
    (re.compile(r"^# \S.*$", re.M), "starts a line with '# ' ({found}). The page title comes from the "
     "front matter 'title'; use '## ' for sections."),
]
OUTPUT_CHECKS = [
    (re.compile(r"\[[^\]\n]+\]\[[^\]\n]*\]"), "has a link that did not work: {found}. Check the name "
     "after it is in docs/.snippets/links.md, spelt the same way."),
    (re.compile(r"^\s*(?:!!!|\?\?\?).*$", re.M), "has a callout that was not converted ({found}). Write it like "
     "!!! care-urgent \"Ask for help today if:\" (the type, then the title in double quotes), with a blank line "
     "before it and its text indented by four spaces."),
    (re.compile(r"-{1,2}8<-{1,2}"), "has a snippet marker that was not replaced ({found})."),
    (re.compile(r"<!--\s*app/[^>]*-->"), "has a marker no hook knows: {found}. See the components page."),
]


def _fail(page, config, template, found):
    raise PluginError(f"{where(page, config, found.strip())}: " + template.format(found=found.strip()[:80]))


def the_site(config, files) -> dict:
    """What markdown_slips.py needs to know about the rest of the site: the same for every page."""
    docs = Path(config.docs_dir)
    read = lambda path: path.read_text(encoding="utf-8") if path.is_file() else ""  # noqa: E731
    pages = {f.src_uri: f.url.removeprefix("./") for f in files.documentation_pages()} if files else {}
    addresses = {f.url.removeprefix("./") for f in files} if files else set()
    addresses |= {f"{name}/" for name in (config.extra.get("short_links") or {})}
    return {"addresses": addresses, "files": pages,
            "glossary": markdown_slips.glossary(read(docs / ".snippets" / "abbr.md"), read(docs / "glossary.md"))}


def site_for(page, config, files, build=None) -> markdown_slips.Site:
    """What markdown_slips.py needs to know about the rest of the site, for one page (the site's
    part made once a build and kept on `build`: the files do not change once the pages are read)."""
    if build is None or build.slips_site is None:
        site = the_site(config, files)
        if build is not None:
            build.slips_site = site
    else:
        site = build.slips_site
    return markdown_slips.Site(page=page.file.src_uri, url=page.file.url.removeprefix("./"), **site,
                               in_menu=not page.file.inclusion.is_not_in_nav())


def _site_key(site: markdown_slips.Site, build) -> str:
    """The site a page is checked against, as a cache key: its whole-site part hashed once a build."""
    if build is None or build.slips_site_key is None:
        whole = build_cache.key(json.dumps([sorted(site.addresses), site.files, site.glossary], sort_keys=True))
        if build is None:
            return build_cache.key(whole, site.page, site.url, str(site.in_menu))
        build.slips_site_key = whole
    return build_cache.key(build.slips_site_key, site.page, site.url, str(site.in_menu))


def on_page_markdown(markdown, page, config, files=None, build=None, **kwargs):
    prose = without_code(markdown)
    for pattern, template in SOURCE_CHECKS:
        found = pattern.search(prose)
        if found:
            _fail(page, config, template, found.group(0))
    site = site_for(page, config, files, build)
    # A page found right once is not read again until it, the site or the code changes (build_cache.py).
    code = (build_cache.code(__file__), build_cache.code(markdown_slips.__file__), build_cache.code(site_model.__file__))
    found = build_cache.problems("markdown_slips", (*code, _site_key(site, build), markdown),
                                 lambda: markdown_slips.problems(markdown, site))
    if found:
        raise PluginError(f"{where(page, config, found[0][0])}: {found[0][1]}")
    return markdown


def html_problems(html: str) -> list[tuple[str, str]]:
    """(what was found, the problem) for Markdown left unconverted in a page's finished HTML."""
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", CODE_HTML.sub("", html)))
    raw = CODE_HTML.sub("", html)
    for pattern, template in OUTPUT_CHECKS:
        found = pattern.search(raw if "<!--" in pattern.pattern else text)
        if found:
            return [(found.group(0), template)]
    return []


def on_page_content(html, page, config, **kwargs):
    found = build_cache.problems("leftover_markup", (build_cache.code(__file__), html), lambda: html_problems(html))
    if found:
        _fail(page, config, found[0][1], found[0][0])
    return html
