"""The build, in the order it runs: the one hook in mkdocs.yml.

MkDocs calls the `on_<event>` functions at the bottom of this file; each calls its event's steps
from PIPELINE below, top to bottom. A step is a plain module of this folder with an
`on_<event>(item, ..., build=...)` function for each event it takes part in: it gets what MkDocs
gives the event, and `build`, the one object that carries what a step learns in one event for a
later one (build_state.py), made new at the start of each build. Steps never import each other;
they share code through plain modules, which are not steps: site_model.py (the site's model:
pages, age bands, links, dates, addresses) and, one concern each, front_matter_reader.py,
data_files.py, milestones.py, composed_pages.py (a page made of pages), print_layout.py,
text_messages.py, qr_codes.py, picture_names.py, easy_words.py, care_signs.py, built_pages.py
(the built pages, read once for the post-build steps), page_document.py (a finished page parsed
once, changed on its elements and written out once) and others, each saying at its top what it is.

Python-Markdown runs inside MkDocs' page_markdown -> page_content gap, in its own order (its
preprocessors, blocks, inline patterns, treeprocessors by priority). The "page_tree" steps run
there, on each page's element tree: the pipeline adds one Markdown extension (PageSteps, added to
`markdown_extensions` by on_config) whose treeprocessor calls each step's `on_page_tree(root, page,
..., md=...)` in PIPELINE's order, once Markdown's own treeprocessors (abbr, attr_list, toc) and
MkDocs' (relpath: links made relative) have run, so a step changes elements and attributes
instead of matching strings in finished HTML (after the build, the "post_build" steps change each
page's parsed document, page_document.py). Which page is being converted is read from MkDocs'
own `relpath` treeprocessor, as Material's `material/extensions/preview.py` does.

Read PIPELINE as the build's table of contents. `tests/test_pipeline.py` checks that every
`on_<event>` function of every step is listed here, so none is written and then never run.
"""

from __future__ import annotations

import logging
import os

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from mkdocs.plugins import event_priority

import activities
import build_state
import built_pages
import care_cards
import easy_read
import front_matter
import hashed_assets
import interpreter_cards
import languages
import lean_pages
import leftover_markup
import markers
import minify_pages
import offline
import page_heading
import page_picture
import pictures
import print_addresses
import print_packs
import print_qr
import raw_html
import search_dialog
import security_headers
import share_cards
import shared_definitions
import short_links
import snippets_exist
import source_files
import template_cache
import translations

PIPELINE = {
    # 1. Check the settings and the sources before anything is built.
    "config": [
        translations,      # a language's own build (translations/<lang>/mkdocs.yml): its lang, dir, address, the English's folders
        front_matter,      # RELEASE=1 needs a site_url (release_problems)
        snippets_exist,    # where pymdownx.snippets looks; the files it appends to every page exist
        interpreter_cards, # the languages (docs/.data/languages.yml, names from CLDR): a bad code fails first
    ],
    "pre_build": [
        security_headers,  # the theme's own inline scripts and styles, read from its templates
    ],
    "files": [
        source_files,      # file names, UTF-8, picture sizes, milestones.yml and signs.yml (front_matter reads every page next)
        front_matter,      # every page's front matter, kept as file.app_meta for every step after it
        translations,      # a language's build: its checked translations replace their English pages
        snippets_exist,    # links.md and abbr.md: each line a definition, nothing defined twice
        print_packs,       # adds packs/<band>.md and posters/<band>.md, one print pack and one poster per age band, and play/print.md
        easy_read,         # adds the Easy Read booklet
        interpreter_cards, # adds a card per language to show at reception (reads languages.md's front matter)
        raw_html,          # the snippet files hold no HTML that could run code
        short_links,       # extra.short_links name real pages (after print_packs: a short link may name a pack)
    ],
    # 2. Make each page's Markdown.
    "page_markdown": [
        translations,      # a translated page keeps its English page's front matter; its provenance: first, every step reads it
        leftover_markup,   # refuses '# ' headings and unconverted Markdown: the editor's text, before steps add theirs
        raw_html,          # refuses scripts, embeds, typed addresses: the editor's text, before the planner's script is added
        front_matter,      # the description escaped once; whether the words were checked
        snippets_exist,    # every [words][name] and *[ABBR] names a definition
        print_packs,       # a pack's "prints on N sheets" line
        activities,        # the "Good for / Helps with" line on each activity
        page_picture,      # the front matter's picture at the top of the page (after activities' line)
        print_qr,          # page.meta.app_qr, the QR code on printed pages
        share_cards,       # page.meta.app_card, the link-preview picture
        page_heading,      # the h1 from the title: last, the steps before read the title as plain text
    ],
    # Then Python-Markdown turns the Markdown into HTML with mkdocs.yml's markdown_extensions, in
    # its own order (abbr, admonition, attr_list, def_list, footnotes, md_in_html, tables, toc,
    # pymdownx.details, emoji, superfences, tasklist, snippets: snippets first, as a preprocessor).
    # Inside Python-Markdown, as its preprocessors (PageSteps below): after pymdownx.snippets (32)
    # has appended links.md and abbr.md, before Markdown's own whitespace pass (30) and its blocks.
    "markdown_text": [
        shared_definitions, # links.md and abbr.md as snippets appended them, taken off: read once a build instead (page_blocks)
        markers,           # every <!-- app/... --> marker, from the site's own data (markers.MARKERS), then their checks
    ],
    # Inside Python-Markdown, as a treeprocessor (PageSteps below): once the page's blocks are read
    # (and footnotes' 50 and tasklist's 25 have run), before its inline patterns (20) make links and words.
    "page_blocks": [
        shared_definitions, # the page gets links.md's and abbr.md's definitions, parsed once a build
    ],
    # Inside Python-Markdown, as a treeprocessor (PageSteps below): once its inline patterns (20)
    # have run, before its prettify (10), attr_list (8), abbr (7) and toc (5), which then run as on any page.
    "page_parsed": [
        print_packs,       # a part of a pack or the print set keeps its parsed body; they take it in place of converting it again
    ],
    # 3. Change each page's element tree: inside Python-Markdown, after its own treeprocessors and
    # MkDocs' relpath (PageSteps below), before the tree is written out as HTML.
    "page_tree": [
        easy_read,         # Easy Read: each idea (a list item that starts with its picture) marked, the page in its box
        pictures,          # ![alt](picture:NAME): OpenMoji drawings, sized, noted for copying
        page_picture,      # each page's own picture, the home doors' and every Easy Read picture inside the page as SVG (after pictures)
        page_heading,      # the h1 (first in the table of contents, where "Skip to content" lands) and Listen under it
        care_cards,        # NHS care-card levels in words, in each card's title
        print_addresses,   # a link to another site prints its short name: (nhs.uk)
        print_packs,       # on paper, an age page and each part of a pack flow in two columns (last: they are measured as printed); the print set's sheets; each poster's QR code
        activities,        # on paper, an activity flows in two columns under its title and tag line
    ],
    # 4. Finish each page's HTML.
    "page_content": [
        care_cards,        # each care card is whole, and its level agrees with its action (reads the page's HTML)
        print_addresses,   # age pages as handouts (print_handout.py): numbered notes, longer prose on screen only
        leftover_markup,   # Markdown left unconverted in the HTML: after every step has made its HTML
        raw_html,          # every picture sized and from this site: after every step has made its HTML
    ],
    "env": [
        template_cache,    # the templates' compiled code kept between builds (Jinja's bytecode cache): first, before any is loaded
        front_matter,      # the templates' app_date filter and app_draft
        interpreter_cards, # app_languages, for the Language box
        translations,      # app_translated_pages, the reviewed translations the Language box lists
    ],
    "page_context": [
        short_links,       # page.meta.app_short_link, shown beside Share (runs after the search plugin's)
    ],
    # security_headers' on_post_page and on_post_template run apart, last of all: see below.
    # 5. After the build (the search plugin has written its index by then).
    "post_build": [
        short_links,       # the short addresses' pages and _nginx-redirects.conf
        activities,        # the search index: tags in a parent's words, no Sources sections (after the search plugin wrote it)
        share_cards,       # link-preview pictures, from their cache
        pictures,          # the drawings the pages used, copied into the site
        page_picture,      # each drawing in the place its page_tree step kept for it (after search read the pages); one inside every page that shows it is no longer copied as a file
        search_dialog,     # a name for the theme's search dialog
        lean_pages,        # cut the theme's CSS and ours to each section's use and inline them; theme script on first touch
        hashed_assets,     # our scripts and styles still loaded as files get their content hash in their names
        minify_pages,      # every page minified (minify-html), inline scripts and styles byte for byte: after every step that edits pages as text
        languages,         # each translations/<lang>/ built into site/<lang>/ (the English pages are final); redirects, sitemap
        security_headers,  # the CSP's hashes of the inline scripts and styles (after lean_pages inlined them)
        offline,           # sw.js with this build's settings, the manifest: last, the pages are final
    ],
}

# `make serve` sets APP_PREVIEW=1: an edit shows in seconds because these steps, which make the
# published site light and safe but change nothing an editor reads, are left out. A preview loads
# the theme's full style sheet and script as files (no cut, nothing inlined), keeps our scripts'
# and styles' plain names, and has no CSP header files, no service worker and no languages' sites
# (translations/<lang>/). Every check of the pages still runs. `make build` and the tests never set it.
PREVIEW_LEAVES_OUT = {
    "post_build": [lean_pages, hashed_assets, minify_pages, languages, security_headers, offline],
}

BUILD = build_state.Build()


def preview() -> bool:
    return os.environ.get("APP_PREVIEW") == "1"


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    """`make serve` rebuilds only the changed pages (--dirty) on purpose; MkDocs warns of it at
    every rebuild, and strict mode would stop on that warning. Every other warning still counts."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def run(event: str, item=None, **kwargs):
    """Each step of the event in order; a step that returns something replaces the item."""
    for step in PIPELINE[event]:
        if preview() and step in PREVIEW_LEAVES_OUT.get(event, ()):
            continue
        handler = getattr(step, "on_" + event)
        result = handler(item, build=BUILD, **kwargs) if item is not None else handler(build=BUILD, **kwargs)
        if result is not None:
            item = result
    return item


def on_config(config, **kwargs):
    global BUILD
    BUILD = build_state.Build()  # a new build (`mkdocs serve` rebuilds in this same process)
    build_log = logging.getLogger("mkdocs.commands.build")
    if preview() and _not_the_dirty_warning not in build_log.filters:
        build_log.addFilter(_not_the_dirty_warning)
    return _with_page_steps(run("config", config, **kwargs))


class PageSteps(Extension):
    """The "markdown_text" steps as one Python-Markdown preprocessor, and the "page_blocks",
    "page_parsed" and "page_tree" steps as a treeprocessor each (Material's extensions and pymdownx change pages the same way)."""

    # After pymdownx.snippets (32), before normalize_whitespace (30): the page's whole text, with
    # the shared links appended (shared_definitions, first, takes them off), and what a step makes
    # is then read as the page's own Markdown.
    TEXT_PRIORITY = 31
    # After the blocks are parsed (and footnotes' 50, tasklist's 25), before the inline patterns
    # (20), which read the link definitions, and abbr (7), which reads the abbreviations.
    BLOCKS_PRIORITY = 21
    # After Markdown's own treeprocessors (inline 20, abbr 7, toc 5, unescape 0) and MkDocs'
    # relpath (0): the steps see the finished tree, and a picture's address is not taken for a
    # link to a page. MkDocs reads page.toc from md.toc_tokens after this.
    PRIORITY = -10
    # After the inline patterns (20) and footnotes' (15), before prettify (10): the "page_parsed"
    # steps see the tree as Markdown parsed it, before ids, abbreviations and links are added.
    PARSED_PRIORITY = 12

    def extendMarkdown(self, md):
        md.preprocessors.register(_PageText(md), "app_markdown_text", self.TEXT_PRIORITY)
        md.treeprocessors.register(_PageStage(md, "page_blocks"), "app_page_blocks", self.BLOCKS_PRIORITY)
        md.treeprocessors.register(_PageStage(md, "page_parsed"), "app_page_parsed", self.PARSED_PRIORITY)
        md.treeprocessors.register(_PageStage(md, "page_tree"), "app_page_tree", self.PRIORITY)


def _page_of(md):
    """(page, config, files) of the page Markdown is making, read from MkDocs' own relpath
    treeprocessor; None for Markdown made outside a page's render."""
    relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None
    return (relpath.file.page, relpath.config, relpath.files) if relpath is not None else None


class _PageText(Preprocessor):
    def run(self, lines):
        made = _page_of(self.md)
        if made is None:
            return lines
        page, config, files = made
        return run("markdown_text", "\n".join(lines), page=page, config=config, files=files, md=self.md).split("\n")


class _PageStage(Treeprocessor):
    """Runs one stage's steps (page_blocks, page_parsed, page_tree) on the page's element tree."""

    def __init__(self, md, stage: str):
        super().__init__(md)
        self.stage = stage

    def run(self, root):
        made = _page_of(self.md)
        if made is not None:
            page, config, files = made
            run(self.stage, root, page=page, config=config, files=files, md=self.md)
        return None


def _with_page_steps(config):
    extensions = config["markdown_extensions"]
    if not any(isinstance(e, PageSteps) for e in extensions):
        extensions.append(PageSteps())
    return config


def on_pre_build(**kwargs):
    run("pre_build", **kwargs)


def on_files(files, config, **kwargs):
    files = run("files", files, config=config, **kwargs)
    # MkDocs runs the "env" steps on its Jinja environment only after every page is converted; a
    # step that converts a page and needs a partial (the print set's sheets, print_packs.py) reads
    # BUILD.env: the theme's environment with the same steps run on it, made once here.
    BUILD.env = run("env", config.theme.get_env(), config=config, files=files)
    return files


def on_page_markdown(markdown, **kwargs):
    return run("page_markdown", markdown, **kwargs)


def on_page_content(html, **kwargs):
    return run("page_content", html, **kwargs)


def on_env(env, **kwargs):
    return run("env", env, **kwargs)


def on_page_context(context, **kwargs):
    return run("page_context", context, **kwargs)


# The one place an event priority is needed: the CSP must see each page as finally rendered,
# after any plugin or hook that changes it (a plugin added later included), so that whatever
# came with a page's content is known not to be the project's own (security_headers.py).
@event_priority(-100)
def on_post_page(output, **kwargs):
    return security_headers.on_post_page(output, build=BUILD, **kwargs)


@event_priority(-100)  # as on_post_page, for the pages made from a template alone (404.html)
def on_post_template(output_content, **kwargs):
    return security_headers.on_post_template(output_content, build=BUILD, **kwargs)


def on_post_build(config, **kwargs):
    run("post_build", config=config, **kwargs)
    built_pages.write_back(config.site_dir, BUILD)  # the pages the steps changed (built_pages.py), if offline.py has not


# Events a step may take part in through PIPELINE (tests/test_pipeline.py holds every step to it).
EVENTS = tuple(PIPELINE)
APART = {("post_page", security_headers), ("post_template", security_headers)}
