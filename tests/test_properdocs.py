"""Ready for another engine: ProperDocs 1.6.7 (the maintained MkDocs 1.x line) builds this site
from the same mkdocs.yml, and its site is MkDocs' own: the same files, the same words on every
page, the same markup and the same other files, apart from the differences explained below.

ProperDocs is its own package (`properdocs`, command `properdocs`) pinned beside MkDocs in
requirements.lock; run as `properdocs`, it answers the hooks' `mkdocs.*` imports itself.
The suite's own build (conftest's `site_dir`, made with MkDocs) is compared with one ProperDocs
build of the same project, as if on the same day (TODAY), at the same address (SITE_URL)."""

from __future__ import annotations

import difflib
import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SITE_URL, need

# A real build of its own, about a minute on 2 cores: `make test` runs it, `make check` does not.
pytestmark = pytest.mark.slow

# Explained difference 1: the theme names the engine and its version in every page's head
# (`mkdocs-1.6.1` against `mkdocs-ProperDocs 1.6.7`); nothing a reader sees.
GENERATOR = re.compile(r'<meta (?:name="?generator"? content="([^"]*)"|content="([^"]*)" name="?generator"?)>')
# Explained difference 2: the sitemap's <lastmod> is the day each engine built on (MkDocs' own
# build date, not TODAY), so two builds either side of midnight differ there.
LASTMOD = re.compile(r"<lastmod>\d{4}-\d{2}-\d{2}</lastmod>")
# Explained difference 3: the service worker's settings (offline.py) hold a hash of every built
# file (`version`) and what the saved pages weigh (`bytes`): both follow from difference 1.
WORKER_SETTINGS = re.compile(r"const SETTINGS = (\{.*?\n\});", re.S)


@pytest.fixture(scope="module")
def properdocs_dir(tmp_path_factory) -> Path:
    properdocs = need(str(Path(sys.executable).parent / "properdocs"), "properdocs (requirements.lock)")
    out = tmp_path_factory.mktemp("properdocs-site")
    done = subprocess.run(
        [properdocs, "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, f"ProperDocs could not build the site:\n{done.stdout}{done.stderr}"
    return out


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def visible_text(html: str) -> list[str]:
    """The words a reader meets, a line per block, spaces collapsed (scripts and styles left out)."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    lines = (" ".join(line.split()) for line in soup.get_text("\n").splitlines())
    return [line for line in lines if line]


def first_difference(ours: str, theirs: str, around: int = 80) -> str:
    at = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    return (f"MkDocs:     ...{ours[max(0, at - around):at + around]!r}...\n"
            f"ProperDocs: ...{theirs[max(0, at - around):at + around]!r}...")


def pages(site: Path) -> list[str]:
    return sorted(p for p in files(site) if p.endswith(".html"))


def test_properdocs_builds_the_same_files(site_dir, properdocs_dir):
    mkdocs, properdocs = files(site_dir), files(properdocs_dir)
    assert not mkdocs - properdocs, f"only MkDocs built: {sorted(mkdocs - properdocs)}"
    assert not properdocs - mkdocs, f"only ProperDocs built: {sorted(properdocs - mkdocs)}"


def test_properdocs_really_built_it(site_dir, properdocs_dir):
    """Each site names its own engine: the comparison is not of MkDocs with itself."""
    ours, theirs = (next(filter(None, GENERATOR.search((site / "index.html").read_text(encoding="utf-8")).groups()))
                    for site in (site_dir, properdocs_dir))
    assert ours.startswith("mkdocs-1.") and "ProperDocs 1.6.7" in theirs, (ours, theirs)


def test_every_page_has_the_same_words(site_dir, properdocs_dir):
    differ = {}
    for page in pages(site_dir):
        ours = visible_text((site_dir / page).read_text(encoding="utf-8"))
        theirs = visible_text((properdocs_dir / page).read_text(encoding="utf-8"))
        if ours != theirs:
            differ[page] = "\n".join(list(difflib.unified_diff(ours, theirs, "MkDocs", "ProperDocs", n=1, lineterm=""))[:12])
    assert not differ, (f"ProperDocs gives {len(differ)} of the pages other words: {sorted(differ)}\n\n"
                        + "\n\n".join(f"{page}:\n{diff}" for page, diff in list(differ.items())[:3]))


def test_every_page_has_the_same_markup_but_the_generator(site_dir, properdocs_dir):
    """Links, pictures, alternative text, the CSP's hashes: everything but the generator tag."""
    differ = {}
    for page in pages(site_dir):
        ours = GENERATOR.sub("", (site_dir / page).read_text(encoding="utf-8"))
        theirs = GENERATOR.sub("", (properdocs_dir / page).read_text(encoding="utf-8"))
        if ours != theirs:
            differ[page] = first_difference(ours, theirs)
    assert not differ, (f"ProperDocs gives {len(differ)} of the pages other markup: {sorted(differ)}\n\n"
                        + "\n\n".join(f"{page}:\n{where}" for page, where in list(differ.items())[:3]))


def test_the_other_files_are_the_same(site_dir, properdocs_dir):
    differ = []
    for name in sorted(files(site_dir) & files(properdocs_dir)):
        if name.endswith(".html") or name == "sw.js":
            continue  # the pages above; the service worker below
        ours, theirs = (site_dir / name).read_bytes(), (properdocs_dir / name).read_bytes()
        if name == "sitemap.xml.gz":  # its gzip header holds the build time: compare what it holds
            ours, theirs = gzip.decompress(ours), gzip.decompress(theirs)
        if name.startswith("sitemap.xml"):
            ours, theirs = (LASTMOD.sub("", text.decode("utf-8")).encode() for text in (ours, theirs))
        if ours != theirs:
            differ.append(name)
    assert not differ, f"ProperDocs builds these files differently: {differ}"


def test_the_service_worker_differs_only_by_the_pages_it_saves(site_dir, properdocs_dir):
    ours_text, theirs_text = ((site / "sw.js").read_text(encoding="utf-8") for site in (site_dir, properdocs_dir))
    ours, theirs = (json.loads(WORKER_SETTINGS.search(text)[1]) for text in (ours_text, theirs_text))
    assert WORKER_SETTINGS.sub("", ours_text) == WORKER_SETTINGS.sub("", theirs_text), "the worker's code differs"
    assert {k: v for k, v in ours.items() if k not in ("version", "bytes")} == \
        {k: v for k, v in theirs.items() if k not in ("version", "bytes")}
    # The saved pages weigh more or less by exactly their generator tags, and the files not at all.
    grown = sum((properdocs_dir / path).stat().st_size - (site_dir / path).stat().st_size
                for path in (p + "index.html" if p == "" or p.endswith("/") else p for p in ours["pages"]))
    assert theirs["bytes"] - ours["bytes"] == grown
