"""Security headers for the built site, with a Content-Security-Policy that fits it exactly.

The theme puts a few small scripts inline, and lean_pages.py inlines the style sheets and the
script that loads the theme's. The policy allows those by their hashes and nothing else: no
'unsafe-inline', and no hash for a script or style that came with a page's content.

The rule: the policy hashes only the inline scripts and styles the project itself emits, named
positively, even if a later step rewrites a page (own_inline below). They are
- those the templates write (the theme's base.html and partials/javascripts/*.html, and our
  partials/app-*.html, read from the theme's own folders at build time, so a theme update
  follows), and
- those a step of ours puts into the pages after they were rendered, each registered by that
  step in `build.emitted` (lean_pages.py inlines our own files: the cut style sheets, extra.css,
  share.js, register-sw.js and theme-loader.js).
Being new after rendering is not enough: a step that rewrote a page's content script (a
minifier, a whitespace pass) would otherwise turn it into "ours". Anything else gets no hash and
the browser refuses to run it: a <script> typed into a page or its title (already there when the
theme rendered the page) makes the build warn with the page's name; one that appeared or
changed after rendering without a step registering it stops the build, since a step of the
pipeline put it there (tests/test_csp.py). (`mkdocs serve --dirty` renders only changed pages,
so it cannot tell; the policy is only ever served from a full build, and a preview has none.)
It writes the same headers twice, for the two ways the site is served:
  site/_headers                 Cloudflare Pages or Netlify (the CDN option), with a year's
                                caching for the files whose names carry a hash, and no others
  site/_nginx-headers.conf      our own nginx, read from the release it belongs to
                                (.ci/deploy/nginx.conf, site-locations.conf, deploy.sh)
  site/_nginx-file-headers.conf the same for files that are not pages, with FILE_POLICY
One set for the whole site, languages included: a language's own build (translations/<lang>/)
judges its own pages the same way and only hands its hashes on (HANDOVER); the English build,
which builds the languages (languages.py), puts them into the one policy.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

import built_pages

log = logging.getLogger("mkdocs.hooks.security_headers")

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)
INLINE_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
# What those two find, found faster in the pages (15 MB): each "<script" or "<style" sought by
# str.find, its start tag matched as above, its end by str.find (the style sheets lean_pages.py
# inlines are 50 KB a page, which `.*?` reads a character at a time). tests/test_csp.py checks
# they find the same.
_OPENING = {INLINE_SCRIPT: ("<script", re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>"), "</script>"),
            INLINE_STYLE: ("<style", re.compile(r"<style[^>]*>"), "</style>")}


def inline_bodies(html: str, pattern: re.Pattern) -> list[str]:
    """pattern.findall(html) for INLINE_SCRIPT or INLINE_STYLE: the body of each inline one."""
    prefix, opening, closing = _OPENING[pattern]
    found = []
    at = html.find(prefix)
    while at >= 0:
        tag = opening.match(html, at)
        end = html.find(closing, tag.end()) if tag else -1
        if end >= 0:
            found.append(html[tag.end():end])
            at = html.find(prefix, end + len(closing))
        else:
            at = html.find(prefix, at + 1)
    return found
# Where the theme writes inline scripts and styles, in each of its template folders.
# The theme's templates, and our own partials (overrides/partials/app-*.html: code, never content).
THEME_TEMPLATES = ("base.html", "main.html", "partials/javascripts/*.html", "partials/app-*.html")
JINJA_VALUE = re.compile(r"\{\{.*?\}\}", re.S)
# What a language's build hands to the English build instead of header files: {"script": [...], "style": [...]}.
HANDOVER = "_csp-hashes.json"


def template_patterns(template_dirs) -> list[re.Pattern]:
    """Each literal <script> or <style> in the theme's templates, as a pattern for its output."""
    patterns = []
    for folder in template_dirs:
        for glob in THEME_TEMPLATES:
            for template in sorted(Path(folder).glob(glob)):
                source = template.read_text(encoding="utf-8")
                for body in INLINE_SCRIPT.findall(source) + INLINE_STYLE.findall(source):
                    if "{%" in body or "{#" in body or not body.strip():
                        continue
                    literal = JINJA_VALUE.split(body)
                    # A value stands for a URL inside a string; anywhere else it could stand for code.
                    if not all(a.endswith('"') and b.startswith('"') for a, b in zip(literal, literal[1:])):
                        continue
                    patterns.append(re.compile(r"[^\"'<>\\]*".join(map(re.escape, literal))))
    return patterns


def own_inline(bodies: set[str], emitted: set[str], theme: list[re.Pattern]) -> set[str]:
    """Of the inline bodies in the built site, the project's own: put in by a step of ours after
    the pages were rendered (`emitted`), or written by the theme's templates."""
    return {body for body in bodies if body in emitted or any(p.fullmatch(body) for p in theme)}


def inline_hashes(site_dir: Path, pattern: re.Pattern, build) -> list[str]:
    """The hashes of the project's own inline scripts or styles in every page, and those each
    language's build found in its own pages (it alone knows how they were rendered)."""
    kind = "script" if pattern is INLINE_SCRIPT else "style"
    hashes = {digest for found in build.languages.values() for digest in found[kind]}
    for name, html in built_pages.pages(site_dir, build).items():  # the pages as served (after every step)
        if name.split("/")[0] in build.languages:
            continue
        found = set(inline_bodies(html, pattern))
        own = own_inline(found, build.emitted, build.theme_inline)
        for body in sorted(found - own - build.rendered):
            raise PluginError(
                f"security_headers.py: site/{name} has an inline <{kind}> that "
                f"was added or changed after the page was rendered, and no step says it put it there. It starts: "
                f"{body.strip()[:60]!r}. The Content-Security-Policy hashes only the site's own scripts and "
                "styles: a step of overrides/hooks/ that writes one into the pages adds its text to "
                "build.emitted (as lean_pages.py does), and a step that rewrites pages leaves every <script> "
                "and <style> exactly as it was.")
        for body in sorted(found - own):
            log.warning(f"security_headers.py: site/{name} has an inline "
                        f"<{kind}> that is not the site's own (it came with the page's content): "
                        f"the Content-Security-Policy will block it. It starts: {body.strip()[:60]!r}")
        for body in own:
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def on_pre_build(config, build, **kwargs):
    build.theme_inline[:] = template_patterns(config.theme.dirs)


def _rendered(output: str, build) -> str:
    build.rendered.update(inline_bodies(output, INLINE_SCRIPT))
    build.rendered.update(inline_bodies(output, INLINE_STYLE))
    return output


def on_post_page(output, page, config, build, **kwargs):  # pipeline.py runs it last, after any plugin
    return _rendered(output, build)


def on_post_template(output_content, template_name, config, build, **kwargs):
    return _rendered(output_content, build)  # 404.html


def script_hashes(site_dir: Path, build) -> list[str]:
    return inline_hashes(site_dir, INLINE_SCRIPT, build)


def headers(site_dir: Path, build) -> dict[str, str]:
    policy = "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(script_hashes(site_dir, build)),
        "style-src " + " ".join(["'self'", *inline_hashes(site_dir, INLINE_STYLE, build)]),
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        # No manifest-src: default-src covers it, and WebKit warns about it on every page.
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])
    # The headers the Mozilla Observatory scores and the OWASP Secure Headers Project
    # recommends. Left out, on purpose:
    # - Cross-Origin-Embedder-Policy: it only buys cross-origin isolation (SharedArrayBuffer,
    #   precise timers), which the site does not use; it protects nothing here and would block
    #   any embed added later (a map, a video).
    # - X-XSS-Protection: the filter it drove is gone from browsers; OWASP advises not sending
    #   it (the CSP above does that job).
    # - Clear-Site-Data: for signing out; the site has no accounts.
    # - HSTS `preload`: a promise for the whole domain that its owner (the Trust) must make.
    # Cross-Origin-Resource-Policy `same-origin` binds browsers only: messaging apps fetch link
    # previews (cards/*.png) from their own servers, where it does not apply.
    return {
        "Content-Security-Policy": policy,
        "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        "X-Permitted-Cross-Domain-Policies": "none",
    }


# Files that are not pages (the manifest, icons and pictures, the search index, the sitemap): nothing
# in them runs or loads anything, so their policy allows nothing, and is a twentieth of the pages'
# length. Each first view fetches the manifest and its icon with the page: with the pages' policy on
# them too, the headers alone would be 3 KB of the 30 KB budget on HTTP/1.1 (nginx only: the CDN's
# `_headers` has no rule by file type, and HTTP/2 compresses repeated headers).
FILE_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'"


def file_headers(values: dict[str, str]) -> dict[str, str]:
    return {**values, "Content-Security-Policy": FILE_POLICY}


# A file whose name carries a hash of its content never changes, so it may be kept for a year:
# the theme's (bundle.<hash>.min.js) and ours (planner.<hash>.js: hashed_assets.py). Nothing else:
# the icons, the link-preview cards and the search index keep their names from build to build,
# so they must be checked for a newer copy (as nginx does).
HASHED = re.compile(r"\.[0-9a-f]{8}\.(?:min\.)?(?:js|css)$")


def cdn_cache_rules(site_dir: Path) -> list[str]:
    """`_headers` rules for the CDN: a year's cache for each hashed file, by its exact path
    (`_headers` has no regular expressions, and `/assets/*` would catch unhashed files too)."""
    rules = []
    for path in sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if HASHED.search(p.name)):
        rules += ["", f"/{path}", "  Cache-Control: public, max-age=31536000, immutable"]
    return rules


def on_post_build(config, build, **kwargs):  # after lean_pages.py has inlined, before offline.py hashes the build
    site_dir = Path(config.site_dir)
    if build.translation:  # a language's build: its hashes, for the English build's one policy
        found = {"script": script_hashes(site_dir, build), "style": inline_hashes(site_dir, INLINE_STYLE, build)}
        (site_dir / HANDOVER).write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
        return
    values = headers(site_dir, build)
    cdn = ["/*"] + [f"  {name}: {value}" for name, value in values.items()]
    cdn += cdn_cache_rules(site_dir)
    (site_dir / "_headers").write_text("\n".join(cdn) + "\n", encoding="utf-8")
    for name, headers_of in (("_nginx-headers.conf", values), ("_nginx-file-headers.conf", file_headers(values))):
        nginx = [f'add_header {header} "{value}" always;' for header, value in headers_of.items()]
        (site_dir / name).write_text(
            "# Made by overrides/hooks/security_headers.py at build time. Do not edit.\n" + "\n".join(nginx) + "\n",
            encoding="utf-8")
