"""Every language's site, built by the English build, and one set of server files for them all.

`make build` (the English mkdocs.yml) builds each language that has a translations/<lang>/mkdocs.yml
into site/<lang>/, after the English pages are final and before the server files are written, so
that those cover the whole site:
- security_headers.py: one Content-Security-Policy, with the hashes each language's own build found
  in its own pages (it alone saw them rendered; it hands them over in security_headers.HANDOVER);
- short_links.py's _redirects and _nginx-redirects.conf: the language's lines (already under
  /<lang>/) added to the English build's, here;
- sitemap.xml: the language's reviewed pages (translations.py's `reviewed`) added, here; its pages
  still in English are the English pages' copies, left out;
- offline.py: one service worker at the root, saving each page's reviewed translations too.
The language's own copies of these files are deleted: nginx serves only the root's (the `_` files
under /<lang>/ would be served, site-locations.conf refuses them at the root only).

Each language is built in a process of its own (`mkdocs build -f translations/<lang>/mkdocs.yml`):
MkDocs loads the pipeline once per process, and a build inside a build would share its state. A
language's build that fails stops this one with the language's own message (the file and the fix).
A preview (`make serve`) builds the English only (pipeline.PREVIEW_LEAVES_OUT).
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.languages")

HANDOVER = "_csp-hashes.json"  # security_headers.HANDOVER: a language's hashes for the one policy
REDIRECTS = ("_redirects", "_nginx-redirects.conf")  # short_links.py's, added to the root's
SITEMAP = "sitemap.xml"
# What a language's build writes that only the whole site's set may have (offline.py writes no sw.js there).
LANGUAGE_ONLY = (HANDOVER, *REDIRECTS, SITEMAP, SITEMAP + ".gz")
URL = re.compile(r"[ \t]*<url>.*?</url>\n?", re.S)
LOC = re.compile(r"<loc>(.*?)</loc>")
LEVEL = re.compile(r"(DEBUG|INFO|WARNING|ERROR)\s+-\s+")


def build_language(config_file: Path, out: Path, config) -> str:
    """One language's site into `out`, as `mkdocs build` makes it; what it warned of."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file), "-d", str(out)]
    if config.strict:
        command.append("--strict")
    env = {**os.environ, **({"SITE_URL": config.site_url} if config.site_url else {}),
           "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}  # the English build showed the theme's notice
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    said = warnings_and_errors(done.stderr + "\n" + done.stdout)
    name = config_file.relative_to(Path(config.config_file_path).parent).as_posix()
    if done.returncode:
        raise PluginError(f"{name}: the language's build stopped:\n{said}")
    return said


def warnings_and_errors(output: str) -> str:
    """What a build said that matters: each warning and error, with its lines, without "ERROR -"."""
    kept, keep = [], False
    for line in output.splitlines():
        level = LEVEL.match(line)
        if level:
            keep = level[1] in ("WARNING", "ERROR")
            line = line[level.end():] if level[1] == "ERROR" else line
        elif line.startswith("Aborted with"):
            keep = False
        if keep and line.strip():
            kept.append(line)
    return "\n".join(kept)


def merge_sitemap(site_dir: Path, lang: str, urls: set[str]) -> None:
    """The language's reviewed pages' <url> entries, from its sitemap, into the root's."""
    entries = [entry for entry in URL.findall((site_dir / lang / SITEMAP).read_text(encoding="utf-8"))
               if LOC.search(entry) and LOC.search(entry)[1] in urls]
    root = site_dir / SITEMAP
    text = root.read_text(encoding="utf-8").replace("</urlset>", "".join(entries) + "</urlset>", 1)
    root.write_text(text, encoding="utf-8")
    packed = site_dir / (SITEMAP + ".gz")
    if packed.is_file():  # as MkDocs writes it, keeping its time stamp
        mtime = int.from_bytes(packed.read_bytes()[4:8], "little")
        packed.write_bytes(gzip.compress(text.encode("utf-8"), mtime=mtime))


def page_url(site_url: str, lang: str, src_uri: str) -> str:
    stem = src_uri[:-3]
    path = "" if stem == "index" else stem[:-5] if stem.endswith("/index") else stem + "/"
    return f"{site_url}{lang}/{path}"


def on_post_build(config, build, **kwargs):
    if build.translation or not build.language_configs:
        return
    site_dir = Path(config.site_dir)
    reviewed = {language["lang"]: language["pages"] for language in build.reviewed}
    for config_file in build.language_configs:
        lang = config_file.parent.name
        out = site_dir / lang
        warned = build_language(config_file, out, config)
        if warned:
            log.warning(f"translations/{lang}/mkdocs.yml, the language's build: {warned}")
        build.languages[lang] = json.loads((out / HANDOVER).read_text(encoding="utf-8"))
        for name in REDIRECTS:
            lines = (out / name).read_text(encoding="utf-8").splitlines(keepends=True)
            with (site_dir / name).open("a", encoding="utf-8") as root:
                root.writelines(line for line in lines if not line.startswith("#"))
        merge_sitemap(site_dir, lang, {page_url(config.site_url or "", lang, src) for src in reviewed.get(lang, {})})
        for name in LANGUAGE_ONLY:
            (out / name).unlink(missing_ok=True)
