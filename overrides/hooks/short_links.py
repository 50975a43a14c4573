"""Short links a person can type or read out, such as /tummy-time/, from one list.

`extra.short_links` in mkdocs.yml maps each short name to a page. It is also where an old
address goes when a page is renamed, so links already sent to parents keep working.
Each short link becomes a tiny page that forwards to the real one (it works without
JavaScript), plus a 301 line in site/_redirects for Cloudflare Pages or Netlify, and a 301
rule in site/_nginx-redirects.conf for our own nginx (any case: /Tummy-Time works too).
`<!-- app/short-links -->` on a page lists them all with a QR code each, to print and pin up.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

# MkDocs puts the hooks folder on sys.path while it loads a hook, so siblings can be imported.
from print_qr import qr_svg

NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$")
MARKER = re.compile(r"^<!--\s*app/short-links\s*-->\s*$", re.M)
LINKS: dict[str, object] = {}  # short name: File


def on_files(files, config, **kwargs):
    LINKS.clear()
    pages = {f.src_uri: f for f in files.documentation_pages()}
    taken = {f.url.strip("/") for f in pages.values()} | {f.src_uri.split("/")[0] for f in files}
    problems = []
    for name, target in (config.extra.get("short_links") or {}).items():
        name = str(name).strip("/")
        if not NAME.match(name):
            problems.append(f"'{name}' is not a simple address: use lower-case letters, numbers and hyphens.")
        elif name in taken:
            problems.append(f"'{name}' is already the address of a page or folder; choose another name.")
        elif target not in pages:
            problems.append(f"'{name}' points to '{target}', which is not a page in docs/.")
        else:
            LINKS[name] = pages[target]
    if problems:
        raise PluginError("mkdocs.yml, extra.short_links:\n  " + "\n  ".join(problems))
    return files


def stub(name: str, file, config) -> str:
    target = posixpath.relpath(file.url or ".", name) + "/"
    absolute = config.site_url + file.url
    title = html.escape(getattr(file, "app_meta", {}).get("title", config.site_name))
    return (f'<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{title} - {html.escape(config.site_name)}</title>\n'
            f'<meta name="robots" content="noindex">\n<link rel="canonical" href="{absolute}">\n'
            f'<meta http-equiv="refresh" content="0; url={target}">\n</head>\n'
            f'<body>\n<p>This page has moved to <a href="{target}">{absolute}</a>.</p>\n</body>\n</html>\n')


def on_page_markdown(markdown, page, config, **kwargs):
    if not MARKER.search(markdown):
        return markdown
    rows = ['<table class="app-short-links">', "<thead><tr><th>Type this</th><th>To open</th><th>QR code</th></tr></thead>", "<tbody>"]
    for name, file in sorted(LINKS.items()):
        url = config.site_url + name + "/"
        title = html.escape(file.app_meta["title"])
        rows.append(f'<tr><td><strong>{html.escape(url)}</strong></td><td>{title}</td>'
                    f'<td><span class="app-qr" role="img" aria-label="QR code for {html.escape(url)}">'
                    f'{qr_svg(url, scale=3)}</span></td></tr>')
    rows += ["</tbody>", "</table>"]
    return MARKER.sub(lambda m: "\n".join(rows), markdown)


def on_post_build(config, **kwargs):
    site = Path(config.site_dir)
    lines = []
    for name, file in LINKS.items():
        out = site / name / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(stub(name, file, config), encoding="utf-8")
        lines.append(f"/{name}/ /{file.url} 301")
        lines.append(f"/{name} /{file.url} 301")
    (site / "_redirects").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (site / "_nginx-redirects.conf").write_text(nginx_redirects(LINKS), encoding="utf-8")


def nginx_redirects(links: dict) -> str:
    """nginx locations that answer each short link with a 301, whatever its case, keeping any
    query. Names are letters, numbers, hyphens and slashes (NAME), safe in a pattern as they are."""
    rules = ["# Made by overrides/hooks/short_links.py at build time. Do not edit."]
    for name, file in sorted(links.items()):
        rules.append(f'location ~* "^/{name}/?$" {{ return 301 /{file.url}$is_args$args; }}')
    return "\n".join(rules) + "\n"
