"""What one build learns in one step and uses in a later one: made once per build, at its first
event, by pipeline.py, and handed to every step as `build=`. Nothing a step keeps between events
lives anywhere else (`mkdocs serve` rebuilds in the same process: a new Build, nothing left over)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Build:
    # pictures.py: the OpenMoji drawings the pages used, copied into the site after the build.
    # translations.py: the language this build is of (its lang, name, dir...), None for the English site.
    translation: dict | None = None
    # translations.py: each language's reviewed pages (for the Language box, the sitemap and the
    # service worker); languages.py: each language it built (its folder under site/) with the CSP
    # hashes that language's own build found in its pages ({"script": [...], "style": [...]}).
    reviewed: list = field(default_factory=list)
    language_configs: list = field(default_factory=list)
    languages: dict[str, dict] = field(default_factory=dict)
    pictures_used: set[str] = field(default_factory=set)
    # print_packs.py: each print pack's sheets (pack src_uri: sheets), and the print set's ideas in order.
    pack_sheets: dict[str, int] = field(default_factory=dict)
    set_ideas: list = field(default_factory=list)
    # share_cards.py: each link-preview picture's path in the site, and the title drawn on it.
    cards: dict[str, str] = field(default_factory=dict)
    # short_links.py: each short name and the page (File) it leads to.
    short_links: dict[str, object] = field(default_factory=dict)
    # short_links.py: each channel's address (text/1-2-years) and the page (File) it leads to.
    channel_links: dict[str, object] = field(default_factory=dict)
    # print_packs.py: this build's files, for each print-set sheet's printed address; each poster's band.
    files: list = field(default_factory=list)
    # pipeline.py: the theme's Jinja environment with the "env" steps run on it, made once the
    # files are known, for steps that render a partial while pages are converted (print_packs.py).
    env: object = None
    posters: dict[str, object] = field(default_factory=dict)
    # security_headers.py: inline script and style bodies as the pages were rendered (before any
    # post-build step), and the theme's own inline scripts and styles as patterns.
    rendered: set[str] = field(default_factory=set)
    theme_inline: list[re.Pattern] = field(default_factory=list)
    # lean_pages.py (and any step that puts an inline script or style into the pages after they
    # were rendered): each body it put in. With the theme's own, the only ones the CSP hashes.
    emitted: set[str] = field(default_factory=set)
    # markers.py (and source_files.py, which checks it first): docs/.data/milestones.yml read and
    # checked once a build, and docs/.data/signs.yml; each page that shows them gets a copy.
    milestones: dict | None = None
    signs: list | None = None
    # built_pages.py: every page of site/ as text, read once after the pages were written, changed
    # in place by the post-build steps and written back once; and each page's text as it was read.
    pages: dict[str, str] | None = None
    pages_as_read: dict[str, str] = field(default_factory=dict)
    # leftover_markup.py: what markdown_slips.py needs to know about the whole site (its pages,
    # addresses and glossary), made at the first page and the same for every page after it.
    slips_site: dict | None = None
    slips_site_key: str | None = None  # and its hash, part of each page's check's key (build_cache.problems)
    # print_packs.py with composed_pages.py (each part of a page made of pages converted once): each
    # page made of pages' parts (src_uri: [(member src_uri, the part's Markdown, link prefix)]); each
    # member's body as Python-Markdown parsed it on its own page (src_uri: (elements, raw HTML));
    # and which parts each page made of pages took from there (src_uri: {number: (member, prefix)}).
    composed_parts: dict[str, list] = field(default_factory=dict)
    composed_kept: dict[str, tuple] = field(default_factory=dict)
    composed_used: dict[str, dict] = field(default_factory=dict)
    # shared_definitions.py: what snippets appends to every page and the definitions in it, read
    # once a build (False: left on the pages); the pages it was taken off.
    shared_definitions: object = None
    shared_taken: set[str] = field(default_factory=set)
    # snippets_exist.py: every link name links.md defines, read once a build.
    link_names: set[str] | None = None
    # page_picture.py: each page's drawings shown inside it (by its path in site/), by the number of
    # the empty <svg data-app-picture="N"> that keeps each one's place.
    inline_pictures: dict[str, dict[str, str]] = field(default_factory=dict)
