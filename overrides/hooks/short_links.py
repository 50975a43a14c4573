"""Short links a person can type or read out, such as /tummy-time/, from one list.

`extra.short_links` in mkdocs.yml maps each short name to a page. It is also where an old
address goes when a page is renamed, so links already sent to parents keep working.
Each short link becomes a tiny page that forwards to the real one (it works without
JavaScript), plus a 301 line in site/_redirects for Cloudflare Pages or Netlify, and a 301
rule in site/_nginx-redirects.conf for our own nginx (any case: /Tummy-Time works too).
The `<!-- app/short-links -->` marker (markers.py) lists them all with a QR code each.
Each short link also has one address per channel (extra.short_link_channels: text message,
print, poster), made the same way: /text/1-2-years/ forwards to the same page as /1-2-years/, so
the server's own log tells the channels apart (`make stats`, .ci/stats.py).
Every address ever published is kept in docs/.data/published.txt (published.py): a page renamed
or moved without a short link from its old address stops the build, saying the line to add.
"""

from __future__ import annotations

import html
import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError

import front_matter_reader
import published
import site_model
import text_messages

def on_files(files, config, build, **kwargs):  # after print_packs.py has added the packs, which a short link may name
    links, problems = site_model.short_links(config, files)
    if problems:
        raise PluginError("mkdocs.yml, extra.short_links:\n  " + "\n  ".join(problems))
    kit = [page for _, page, _ in text_messages.KIT_MESSAGES]  # the pages the kit's messages send
    channels, problems = site_model.channel_links(config, files, kit)
    if problems:
        raise PluginError("mkdocs.yml, extra.short_link_channels:\n  " + "\n  ".join(problems))
    lost = published.check(config, files, {**links, **channels})
    if lost:
        raise PluginError("A published address no longer answers:\n  " + "\n  ".join(lost))
    build.short_links.update(links)
    build.channel_links.update(channels)
    return files


def on_page_context(context, page, config, build, **kwargs):
    """page.meta.app_short_link: the page's own short address, shown beside Share (app-share.html)."""
    for name, file in build.short_links.items():
        if file.src_uri == page.file.src_uri:
            page.meta["app_short_link"] = site_model.short_link_url(config, name)
            break
    return context


def stub(name: str, file, config) -> str:
    target = posixpath.relpath(file.url or ".", name) + "/"
    absolute = config.site_url + file.url
    title = html.escape(front_matter_reader.meta_of(file).get("title", config.site_name))
    return (f'<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{title} - {html.escape(config.site_name)}</title>\n'
            f'<meta name="robots" content="noindex">\n<link rel="canonical" href="{absolute}">\n'
            f'<meta http-equiv="refresh" content="0; url={target}">\n</head>\n'
            f'<body>\n<p>This page has moved to <a href="{target}">{absolute}</a>.</p>\n</body>\n</html>\n')


def on_post_build(config, build, **kwargs):
    site = Path(config.site_dir)
    # A language's build is served under /<lang>/: its lines say so (languages.py adds them to the English build's files).
    prefix = f"/{build.translation['lang']}" if build.translation else ""
    lines = []
    every = {**build.short_links, **build.channel_links}
    for name, file in every.items():
        out = site / name / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(stub(name, file, config), encoding="utf-8")
        lines.append(f"{prefix}/{name}/ {prefix}/{file.url} 301")
        lines.append(f"{prefix}/{name} {prefix}/{file.url} 301")
    (site / "_redirects").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (site / "_nginx-redirects.conf").write_text(nginx_redirects(every, prefix), encoding="utf-8")


def nginx_redirects(links: dict, prefix: str = "") -> str:
    """nginx locations that answer each short link with a 301, whatever its case, keeping any
    query. Names are letters, numbers, hyphens and slashes (site_model.SHORT_NAME), safe in a pattern as they are."""
    rules = ["# Made by overrides/hooks/short_links.py at build time. Do not edit."]
    for name, file in sorted(links.items()):
        rules.append(f'location ~* "^{prefix}/{name}/?$" {{ return 301 {prefix}/{file.url}$is_args$args; }}')
    return "\n".join(rules) + "\n"
