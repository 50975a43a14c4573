"""Stop the build on HTML in a page that could run code, load another website or leak.

Markdown lets an editor write HTML, and the site publishes it as written. A page may not have
scripts, styles (`<style>` or `style=`), `on...=` attributes, embedded pages (iframe, object, embed), forms,
`javascript:` links, pictures from other hosts or web addresses typed into it (every address
lives once in docs/.snippets/links.md), nor emoji shortcodes such as `:smile:`, whose pictures
come from another website. Markdown inside code (``` blocks and `inline`) is shown, not run.
The page's own Markdown is checked first (pipeline.py), before the other steps add their HTML; the
finished page is checked too, so every picture has a width and a height and none comes from
another host, whatever made it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from mkdocs.exceptions import PluginError
from pymdownx import twemoji_db

import build_cache
import site_model

LINKS = "docs/.snippets/links.md"
SOURCE_RULES = [
    (re.compile(r"<script\b[^>]*>?", re.I), "has a script ({found}). A page cannot run scripts of its own: "
     "take it out, and ask the site's developer if the page needs one."),
    (re.compile(r"<style\b[^>]*>?", re.I), "has a style block ({found}). Styles live in "
     "docs/assets/extra.css: take it out, and ask the site's developer for the style you need."),
    (re.compile(r"<[a-z][^>]*?\son\w+\s*=[^>]*>?", re.I), "has an 'on...=' attribute ({found}), which runs "
     "a script. Take the attribute out."),
    (re.compile(r"<[a-z][^>]*?\sstyle\s*=[^>]*>?", re.I), "has a 'style=' attribute ({found}), which the "
     "site's security settings block. Take it out; styles live in docs/assets/extra.css."),
    (re.compile(r"<(?:iframe|object|embed|frame|frameset|applet|portal)\b[^>]*>?", re.I), "embeds another "
     f"page or program ({{found}}). Take it out and link to it instead, with a name from {LINKS}."),
    (re.compile(r"<(?:form|input|button|select|textarea|base|meta|link)\b[^>]*>?", re.I), "has HTML that only "
     "the site's templates may use ({found}). Take it out."),
    (re.compile(r"(?:\]\(\s*<?|\b(?:href|src)\s*=\s*[\"']?)\s*(?:javascript|vbscript|data):[^)\s>]*", re.I),
     "has a link that runs a script or hides a file ({found}). Link to a page of the site, or to a name "
     f"in {LINKS}."),
    (re.compile(r"(?:!\[[^\]\n]*\]\(\s*<?|<img\b[^>]*?\bsrc\s*=\s*[\"']?)\s*(?:https?:)?//[^)\s\"'>]+", re.I),
     "shows a picture from another website ({found}). Pictures are kept in docs/assets/ and shown from "
     "there: save the picture (with permission) in docs/assets/ and link to that file."),
    (re.compile(r"(?:\b(?:href|src|srcset|action|poster|data)\s*=\s*[\"']?|\]\(\s*<?)\s*//[^)\s\"'>]+", re.I),
     f"has a web address written into the page ({{found}}). Add it once to {LINKS} and link to it as "
     "[words][name]."),
    (re.compile(r"\bhttps?://[^\s)\"'>\]]+", re.I), f"has a web address written into the page ({{found}}). Add "
     f"it once to {LINKS} and link to it as [words][name]."),
    (re.compile(r"\bwww\.[a-z0-9-]+\.[a-z.]{2,}\S*", re.I), f"has a web address written into the page "
     f"({{found}}). Add it once to {LINKS} and link to it as [words][name]."),
]
# An emoji shortcode, such as :smile: (not Material's own icons, :material-...:, which are drawn here).
SHORTCODE = re.compile(r":[a-z0-9_+-]+:")
EMOJI = set(twemoji_db.emoji) | set(twemoji_db.aliases)


ADDRESS_RULES = 3  # the last rules are about addresses, which links.md is for


def check_markdown(markdown: str, addresses: bool = False) -> list[tuple[str, str]]:
    """(what was found, the problem) for the page's own Markdown, outside code; `addresses`:
    web addresses are allowed (links.md)."""
    prose = site_model.without_code(markdown)
    found = []
    for pattern, template in SOURCE_RULES[:-ADDRESS_RULES] if addresses else SOURCE_RULES:
        for match in pattern.finditer(prose):
            text = match.group(0).strip()
            shown = re.sub(r"""^(?:!\[[^\]]*\]\(|\]\(|<img\b[^>]*?\bsrc\s*=|\w+\s*=)\s*["'<]?""", "", text)
            found.append((text, template.format(found=shown[:80])))
    for match in SHORTCODE.finditer(prose):
        if match.group(0) in EMOJI:
            found.append((match.group(0), f"has the emoji shortcode {match.group(0)}, whose picture comes from "
                          "another website. Leave it out, or type the emoji itself (on a phone keyboard)."))
    return sorted(found, key=lambda f: prose.find(f[0]))


class _Pictures(HTMLParser):
    """Every <img> of a page, and every other element that loads a picture or page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("img", "iframe", "video", "audio", "source", "embed", "object", "image"):
            self.found.append({"tag": tag, **{k: v or "" for k, v in attrs}})
        for name, value in attrs:  # the address as the browser reads it, after &#106; and the like
            if name in ("href", "src", "action") and re.match(r"^\s*(?:javascript|vbscript):", value or "", re.I):
                self.found.append({"tag": "script-link", "src": value})


def check_html(html: str) -> list[tuple[str, str]]:
    """(what to find in the page's Markdown, the problem) for the finished HTML of a page."""
    reader = _Pictures()
    reader.feed(html)
    found = []
    for element in reader.found:
        src = element.get("src") or element.get("data") or element.get("href") or ""
        alt = element.get("alt", "")
        if element["tag"] == "script-link":
            found.append((src.split(":")[0], f"has a link that runs a script ({src[:60]}). Link to a page of the "
                          f"site, or to a name in {LINKS}."))
            continue
        if re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", src, re.I) or element["tag"] in ("iframe", "embed", "object"):
            shortcode = element.get("title", "") if "twemoji" in element.get("class", "") else ""
            found.append((shortcode or src, f"shows a picture from another website ({shortcode or src}). "
                          + ("Leave the emoji out, or type the emoji itself (on a phone keyboard)." if shortcode
                             else "Save it in docs/assets/ and show it from there.")))
        elif element["tag"] == "img" and not (element.get("width") and element.get("height")):
            name = src.rsplit("/", 1)[-1]
            found.append((name, f"the picture '{name}' has no width and height, so the page jumps as it loads. "
                          "Add both, in pixels, after the picture's address, for example "
                          f"![{alt or 'what it shows'}](...){{ width=\"400\" height=\"300\" }}."))
    return found


def _fail(page, config, found: str, problem: str):
    raise PluginError(f"{site_model.where(page, config, found)}: {problem}")


# An address in links.md: a web page over https, a phone number (tel: and digits only, so a
# number a parent taps is one the page shows, such as [999][tel-999]), or an NHS email address
# (mailto: and an address at nhs.net or nhs.uk, with nothing after it: the feedback page adds
# the subject), such as the Trust's Patient Experience team's.
LINK_LINE = re.compile(r"^\[([^\]]+)\]:[ \t]*(\S+)", re.M)
GOOD_ADDRESS = re.compile(r"^(?:https://\S+|tel:\d+|mailto:[a-z0-9._-]+@(?:nhs\.net|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.nhs\.uk))$", re.I)


# The parts of an address that only tell another company where a reader came from: utm_source=...,
# Facebook's fbclid, Google's gclid (and their cousins). They follow parents across the web.
TRACKING = re.compile(r"^(?:utm_\w*|fbclid|gclid|gclsrc|dclid|msclkid|mc_eid|mc_cid|_ga|_gl|igshid|yclid)$", re.I)


def _without_tracking(address: str) -> tuple[list[str], str]:
    """(the tracking parameters in an address, the address without them)."""
    parts = urlsplit(address)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    fragment = parse_qsl(parts.fragment, keep_blank_values=True) if "=" in parts.fragment else []
    tracking = [k for k, _ in pairs + fragment if TRACKING.match(k)]
    if not tracking:
        return [], address
    query = urlencode([(k, v) for k, v in pairs if not TRACKING.match(k)])
    kept = urlencode([(k, v) for k, v in fragment if not TRACKING.match(k)]) if fragment else parts.fragment
    return tracking, urlunsplit(parts._replace(query=query, fragment=kept))


def check_link_addresses(text: str) -> list[tuple[str, str]]:
    """(the address, the problem) for each address in links.md that is neither https nor tel:digits,
    or that carries a tracking part."""
    found = []
    for m in LINK_LINE.finditer(text):
        name, address = m.groups()
        if name == "//":
            continue
        if not GOOD_ADDRESS.match(address):
            found.append((address, f"the link '{name}' goes to '{address}'. An address here starts with "
                          "https://, or is a phone number written tel: and its digits, such as tel:999, or an "
                          "NHS email address written mailto: and the address, such as mailto:team@nhs.net."))
            continue
        tracking, clean = _without_tracking(address)
        if tracking:
            found.append((address, f"the address of the link '{name}' has a tracking part ({', '.join(tracking)}), "
                          "which tells another company who clicked. Take it out: write "
                          f"[{name}]: {clean}"))
    return found


def on_files(files, config, **kwargs):
    """The snippets appended to every page (links.md, abbr.md) are checked once, here."""
    folder = Path(config.docs_dir) / ".snippets"
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        found = check_markdown(text, addresses=path.name == "links.md")
        found += check_link_addresses(text) if path.name == "links.md" else []
        if found:
            at = text.find(found[0][0])
            raise PluginError(f"docs/.snippets/{path.name}, line {text.count(chr(10), 0, at) + 1}: {found[0][1]}")
    return files


def on_page_markdown(markdown, page, config, **kwargs):
    # A page found right once is not read again until it or the code changes (build_cache.py).
    found = build_cache.problems("raw_html markdown", (build_cache.code(__file__), build_cache.code(site_model.__file__),
                                                       markdown), lambda: check_markdown(markdown))
    if found:
        _fail(page, config, *found[0])
    return markdown


def on_page_content(html, page, config, **kwargs):
    # A page found right once is not read again until it or this file changes (build_cache.py).
    found = build_cache.problems("raw_html", (build_cache.code(__file__), html), lambda: check_html(html))
    if found:
        _fail(page, config, *found[0])
    return html
