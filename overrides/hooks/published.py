"""Every address the site has published keeps answering (not a hook: short_links.py calls it).

docs/.data/published.txt lists every address the site has had: each page's, and each short
link's. A leaflet, a QR code or a text message already sent may carry any of them, so a page
renamed, moved or removed must leave its old address forwarding to a page: a line under
`extra.short_links` in mkdocs.yml (short_links.py makes the forwarding page and the nginx 301).
The build refuses an address of the list that no page or short link answers, and saying which
line to add. It adds a new page's address to the list itself, for the editor to commit with the
page; in CI (CI=true) it does not write, and tests/test_quiet_slips.py says the list is behind.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

HEADER = """\
# Every address this site has published, one a line: made and checked by the build
# (overrides/hooks/published.py). Commit it with your pages. Never take a line out: a leaflet,
# a QR code or a text message may carry the address. When a page is renamed, moved or removed,
# the build asks for a line under extra.short_links in mkdocs.yml that forwards its old address.
"""


def path(config) -> Path:
    return Path(config.docs_dir) / ".data" / "published.txt"


def current(files, links: dict) -> dict[str, str]:
    """{address: what answers it} for this build: '/play/tummy-time/': 'docs/play/tummy-time.md'."""
    found = {"/" + f.url.removeprefix("./"): f"docs/{f.src_uri}" for f in files.documentation_pages()}
    for name, file in links.items():
        found.setdefault(f"/{name}/", f"mkdocs.yml, extra.short_links: {name}")
    return found


def read(text: str) -> list[tuple[int, str]]:
    """(line, address) for each address in the list."""
    return [(number, line.strip()) for number, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.lstrip().startswith("#")]


def problems(text: str, answering: dict[str, str], pages: list[str], name: str) -> list[str]:
    """Each listed address nothing answers now, with the line to add to mkdocs.yml."""
    found = []
    for number, address in read(text):
        if not address.startswith("/") or " " in address:
            found.append(f"{name}, line {number}: '{address}' is not an address. Each line is one address of the "
                         "site, starting with '/', such as /play/tummy-time/. Put the line back as the build wrote it.")
            continue
        if address in answering or address.rstrip("/") + "/" in answering:
            continue
        old = address.strip("/")
        near = difflib.get_close_matches(old.rsplit("/", 1)[-1], [p[:-3].rsplit("/", 1)[-1] for p in pages], 1, 0.5)
        target = next((p for p in pages if near and p[:-3].rsplit("/", 1)[-1] == near[0]), "NEW-PAGE.md")
        found.append(f"{name}, line {number}: the address {address} was published, but no page has it now: was "
                     f"docs/{old}.md (or docs/{old}/index.md) renamed, moved or removed? A leaflet, QR code or text "
                     "message may still carry it, so keep it answering: under extra.short_links in mkdocs.yml add "
                     f"the line\n      {old}: {target}\n    with the page that took its place (a removed page points "
                     "to the nearest page). Never take the line out of this list.")
    return found


def check(config, files, links: dict) -> list[str]:
    """Problems with the list; adds this build's new addresses to it (not in CI)."""
    file = path(config)
    name = os.path.relpath(file, Path(config.config_file_path).parent)
    text = file.read_text(encoding="utf-8") if file.is_file() else HEADER
    answering = current(files, links)
    found = problems(text, answering, sorted(f.src_uri for f in files.documentation_pages()), name)
    listed = {address for _, address in read(text)}
    new = [address for address in sorted(answering) if address not in listed]
    if new and not found and os.environ.get("CI") != "true":
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text.rstrip("\n") + "\n" + "\n".join(new) + "\n", encoding="utf-8")
    return found
