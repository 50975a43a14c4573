"""One printable pack per age band: the age page followed by every activity for that age; and
the print set, /play/print/, every activity on a sheet of its own, printed only if ticked.

Made at build time from the same Markdown files, never a copy: change an activity and every
pack that holds it changes too. Packs live at packs/<band>/, are left out of the menu and
search, and each age page links to its pack for clinic staff to print.

On paper an age page is a handout of two sheets and each activity one, in two columns
(print_layout.columns_in_tree), so a pack prints on 2 sheets plus one for each activity. The pack says
so on screen before it is printed; tests/test_sharing.py prints every pack to check the number.

The print set (play/print.md, made here like the packs) holds every activity, each in a box
with a tick box "Print <title>" and the sheet as the activity's own page prints it: the header
with the activity's own address and QR code, its title, picture and "Good for" box, its words
in two columns, and its review dates. CSS shows a sheet, on screen and on paper, only when its
box is ticked (`:has(:checked)`, extra.css), so the page works with JavaScript off. The ideas
ticked on Play ideas come in the address, /play/print/?ideas=tummy-time,rolling, so a key
worker can bookmark or send a set; docs/assets/play-print.js ticks them, says how many sheets
will print, keeps the address in step with the ticks and opens the print dialogue when asked.
tests/test_play_print.py prints three ideas and counts the sheets.

The posters (posters/<band>/), one per age band for family hubs and clinics, are made here the
same way: each an A4 sheet with the age page's picture and description, a large QR code and the
address to type, both the poster channel's short address (/poster/1-2-years/: the server's log
counts the visits that came from a poster, site_model.channel_url). On paper only the poster
prints (extra.css); tests/test_sharing.py prints each one and counts one sheet.

Each play idea is converted from Markdown once: its own page keeps its body as Python-Markdown
parsed it (on_page_parsed), and the packs and the print set take it in place of their copy of
that Markdown (composed_pages.keep, placeholders, fill), the same HTML. The age page in a pack is
converted again: its markers say the pack's own address there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import NamedTuple
from xml.etree import ElementTree as etree

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

import composed_pages
import front_matter_reader
import print_layout
import qr_codes
import site_model

BREAK = composed_pages.PART_BREAK
AGE_PAGE_SHEETS = 2  # an age page's printed sheets (tests/test_sharing.py holds every age page to it)
PRINT_SET = site_model.PRINT_SET
SET_BREAK = '<div class="app-sheet__break"></div>'
RELATIVE_LINK = re.compile(r"\]\((?!\.\./|#|[a-z]+:)([^)\s]+)\)")


def activity_text(file) -> str:
    """An activity's Markdown in a pack: its headings a level down, its links to pages beside it rebased."""
    text = composed_pages.demoted(composed_pages.body(file))
    return RELATIVE_LINK.sub(lambda m: f"](../play/{m.group(1)})", text)  # links beside the activity


def activity_section(file) -> str:
    return composed_pages.part(file.app_meta["title"], activity_text(file))


def tag_box(file, config) -> str:
    """The activity's picture and "Good for / Helps with" box, as activities.py and page_picture.py
    make it at the top of the activity's own page (the print set is in play/, beside the index)."""
    tags, meta = config.extra["app_tags"], file.app_meta

    def links(prefix):
        return ", ".join(f"[{tags[t]}](index.md#{site_model.tag_anchor(t)})" for t in tags
                         if t.startswith(prefix) and t in meta["tags"])
    alt = " ".join(str(meta.get("picture_alt") or "").split()).replace("[", "(").replace("]", ")")
    picture = f"![{alt}](picture:{meta['picture']}){{ .app-page-picture }}\n\n" if meta.get("picture") else ""
    return (f'<div class="app-tags" markdown>\n\n{picture}**Good for:** {links("age/")}  \n'
            f'**Helps with:** {links("skill/")}\n\n</div>\n\n')


def print_set(activities, config) -> File:
    parts = list(activities)
    meta = {
        "title": "Print the play ideas you choose",
        "description": "Tick play ideas and print them together: each one on its own sheet of A4, as its own page prints.",
        **composed_pages.review_fields([f.app_meta for f in parts]),
        "hide": ["toc"],
        "search": {"exclude": True},
    }
    packs = ", ".join(f"[{b.label}](../packs/{b.id}.md)" for b in site_model.age_bands(config))
    intro = ("Tick the play ideas you want to print. Each one prints on its own sheet of A4, as its own page "
             "prints: the picture, the steps, how to keep your child safe, the sources, and its address with a "
             "QR code. The ideas you tick show below.\n\n"
             f"For a family, you can also print a pack for an age (the age page and all its play ideas): {packs}.\n"
             "{: .app-screen-only }\n\n")
    sections = "".join(composed_pages.part(f.app_meta["title"], tag_box(f, config) + composed_pages.demoted(composed_pages.body(f)),
                                           SET_BREAK) for f in parts)
    return composed_pages.page(config, PRINT_SET, meta, intro + sections)


def set_parts(activities) -> list:
    """The print set's parts, for composed_pages.placeholders: each activity's Markdown there (in
    play/, beside the activities: its links as they are)."""
    return [(f.src_uri, composed_pages.demoted(composed_pages.body(f)), "") for f in activities]


POSTER_QR = "<!-- app-poster-qr -->"  # where the poster's QR code and address go (on_page_tree)


def poster(band, age_page, config) -> File:
    """The A4 poster for one age band: the age page's picture and description, and a placeholder
    for the QR code and address, which on_page_tree draws (an address may not be typed into
    a page's Markdown: raw_html.py)."""
    meta = {
        "title": f"{config.site_name}: {band.label}",  # the heading is the poster's own, on paper too
        "description": f"An A4 poster for family hubs and clinics, with a QR code to the {band.label} page.",
        **composed_pages.review_fields([age_page.app_meta]),
        "hide": ["toc"],
        "search": {"exclude": True},
    }
    alt = " ".join(str(age_page.app_meta.get("picture_alt") or "").split()).replace("[", "(").replace("]", ")")
    picture = (f"![{alt}](picture:{age_page.app_meta['picture']}){{ .app-poster__picture }}\n\n"
               if age_page.app_meta.get("picture") else "")
    description = " ".join(str(age_page.app_meta["description"]).split())
    trust = escape(config.extra["trust_name"])
    # Until its age page is signed off, a poster is not presented as the Trust's (content review N3),
    # in the print header's words (partials/app-print-header.html).
    source = (f'<strong>{trust}</strong><br>Children\'s Occupational Therapy Service'
              if getattr(age_page, "app_signed", False) else
              f"<strong>{escape(config.site_name)}</strong><br>Written for the Children's Occupational Therapy "
              f"Service, {trust}")
    markdown = ("Print this poster on one sheet of A4 from your browser's menu, to put up in a family hub, "
                "clinic or nursery. Its QR code and address open the "
                f"[{band.label}](../ages/{band.id}.md) page.\n{{: .app-screen-only }}\n\n"
                '<div class="app-poster" markdown>\n\n'
                f'<p class="app-poster__from">{source}</p>\n\n'
                f"{picture}"
                f'<p class="app-poster__lead">{escape(description)}</p>\n\n'
                f"{POSTER_QR}\n\n</div>\n")
    return composed_pages.page(config, f"posters/{band.id}.md", meta, markdown)


def poster_qr(page, config, build) -> str:
    """The poster's QR code and the address under it: one address, the poster channel's."""
    band = build.posters[page.file.src_uri]
    names = site_model.page_short_links(config, build.files[0])
    name = names.get(band.page) or band.page.removesuffix(".md")
    url = site_model.channel_url(config, "poster", name)
    signed = getattr(build.files[0].get_file_from_path(band.page), "app_signed", False)
    # A draft's mark (content review N3), in the words of a printed page's (paper_words).
    draft = "" if signed else f'<p class="app-poster__draft"><strong>{paper_words(build, config).draft_mark()}</strong></p>'
    return (f'<div class="app-poster__qr" role="img" aria-label="QR code for {escape(url)}">'
            f'{qr_codes.qr_svg(url, omitsize=True)}</div>'
            '<p class="app-poster__scan">Point your phone\'s camera at the code, or type this address:</p>'
            f'<p class="app-poster__url">{escape(site_model.print_address(url))}</p>'
            '<p class="app-poster__note">Free to read. No cookies, no sign-up.</p>' + draft)


def on_files(files, config, build, **kwargs):  # after front_matter.py has read every page
    activities = site_model.activity_files(files)
    build.set_ideas[:] = activities
    build.files[:] = [files]
    if activities and files.get_file_from_path(PRINT_SET) is None:
        files.append(print_set(activities, config))
        build.composed_parts[PRINT_SET] = set_parts(activities)
    for band in site_model.age_bands(config):
        age_page = files.get_file_from_path(band.page)
        if age_page is None or not front_matter_reader.meta_of(age_page):
            continue
        chosen = [f for f in activities if band.tag in f.app_meta["tags"]]
        parts = [age_page] + chosen
        meta = {
            "title": f"Print pack: {band.label}",
            "description": f"The {band.label} page and its {len(chosen)} play ideas together, to print for a family.",
            **composed_pages.review_fields([f.app_meta for f in parts]),
            "picture": age_page.app_meta.get("picture"),
            "picture_alt": age_page.app_meta.get("picture_alt"),
            "search": {"exclude": True},
        }
        markdown = composed_pages.body(age_page) + "\n" + "".join(activity_section(f) for f in chosen)
        pack = composed_pages.page(config, f"packs/{band.id}.md", meta, markdown)
        build.pack_sheets[pack.src_uri] = AGE_PAGE_SHEETS + len(chosen)
        build.composed_parts[pack.src_uri] = [(f.src_uri, activity_text(f), "../play/") for f in chosen]
        files.append(pack)
        if files.get_file_from_path(f"posters/{band.id}.md") is None:
            sheet = poster(band, age_page, config)
            build.posters[sheet.src_uri] = band
            files.append(sheet)
    return files


def on_page_markdown(markdown, page, config, build, **kwargs):
    """Age pages point clinic staff to their pack; a pack says how many sheets it prints on. A
    page that is a part of a pack or the print set marks where its body starts, and a pack or the
    print set has a placeholder for each part already converted (composed_pages.py)."""
    uri = page.file.src_uri
    if uri in build.composed_parts:
        markdown, build.composed_used[uri] = composed_pages.placeholders(markdown, build.composed_parts[uri],
                                                                         build.composed_kept)
    elif any(uri == part[0] for parts in build.composed_parts.values() for part in parts):
        markdown = composed_pages.mark_body(markdown, page.file)
    if page.file.src_uri in build.pack_sheets:
        page.meta["app_print_sheets"] = build.pack_sheets[page.file.src_uri]
        return (f"**This pack prints on {build.pack_sheets[page.file.src_uri]} sheets of A4:** {AGE_PAGE_SHEETS} for the "
                "age page, then one for each play idea.\n{: .app-screen-only .app-pack__sheets }\n\n" + markdown)
    band = next((b for b in site_model.age_bands(config) if b.page == page.file.src_uri), None)
    if band is None:
        return markdown
    line = (f"Printing for a family? The [print pack for this age](../packs/{band.id}.md) "
            "has this page and all its play ideas.\n{: .app-screen-only }\n\n")
    sources = markdown.find("\n## Sources")
    return markdown + "\n" + line if sources < 0 else markdown[:sources + 1] + line + markdown[sources + 1:]


def on_page_parsed(root, page, md, build, **kwargs):
    """A part's page keeps its body as Markdown parsed it; a pack or the print set gets each
    kept body in its placeholder (composed_pages.py)."""
    uri = page.file.src_uri
    if build.composed_used.get(uri):
        composed_pages.fill(root, md, build.composed_used[uri], build.composed_kept)
    elif any(uri == part[0] for parts in build.composed_parts.values() for part in parts):
        kept = composed_pages.keep(root, md)
        if kept is not None:
            build.composed_kept[uri] = kept


def _element(tag: str, attrs: dict | None = None, text: str | None = None, parent=None) -> etree.Element:
    element = etree.Element(tag, attrs or {}) if parent is None else etree.SubElement(parent, tag, attrs or {})
    element.text = text
    return element


class PaperWords(NamedTuple):
    """What partials/app-print-header.html and partials/app-review.html write on paper."""
    header: Callable   # print_header(signed, url, qr): who it is from, its address and code, a draft's mark
    review: Callable   # review(meta, links): the review line
    draft_mark: Callable  # draft_mark(): a draft's mark in words


def paper_words(build, config) -> PaperWords:
    """The macros partials/app-print-header.html and partials/app-review.html head and end every
    page with, from the theme's own Jinja environment with the "env" steps' filters and globals
    (build.env, pipeline.on_files): a print-set sheet is headed and ended as its page on paper, and
    a poster carries a page's draft mark."""
    made = {"config": config, "page": None}
    header = build.env.get_template("partials/app-print-header.html").make_module(made)
    review = build.env.get_template("partials/app-review.html").make_module(made)
    return PaperWords(header.print_header, review.review, header.draft_mark)


def sheet(part: list, file, config, short: dict, md, printed: dict, words: PaperWords) -> etree.Element:
    """One activity in the print set, from its part of the page's element tree (its title, its
    "Good for" box, its body): its tick box, then its sheet (shown only when ticked), the body
    in two printed columns, headed and ended as its own page prints (`words`, paper_words). Its
    address on paper is the page's own, or its short link's print channel address (`short` is
    site_model.page_short_links())."""
    url = site_model.print_url(config, short, file)
    name, meta = site_model.activity_name(file.src_uri), file.app_meta
    box = _element("div", {"class": "app-sheet", "data-idea": name})
    label = _element("label", parent=_element("p", {"class": "app-sheet__pick"}, parent=box))
    _element("input", {"type": "checkbox", "class": "app-sheet__tick", "value": name}, parent=label).tail = " Print "
    _element("strong", text=meta["title"], parent=label)
    page = _element("div", {"class": "app-sheet__page"}, parent=box)
    signed = getattr(file, "app_signed", False)  # neither a draft nor changed since sign-off (sign_off.py)
    # Both put back as the partials write them (Markdown's stash), before and after the sheet's parts.
    page.text = md.htmlStash.store(str(words.header(signed, url, qr_codes.qr_svg(url, omitsize=True))))
    title = next((i for i, e in enumerate(part) if e.tag == "h2"), 0)
    lead = title + 1 + (title + 1 < len(part) and part[title + 1].tag == "div"
                        and part[title + 1].get("class") == "app-tags")
    page.extend(part)
    print_layout.columns_in_tree(page, lead, len(page), md, heading="h3", printed=printed)
    page[-1].tail = (page[-1].tail or "") + md.htmlStash.store(str(words.review(
        {**meta, "app_checked": getattr(file, "app_checked", False), "app_signed": signed}, False)))
    return box


def set_in_tree(root, page, config, md, build) -> None:
    """The print set: its words, a line that says what will print, then a sheet for each
    activity, made from the parts of its element tree (each after a SET_BREAK)."""
    children = list(root)
    printed = print_layout.printed_html(root, md)  # each part as it will print, measured once
    bounds = [i for i, e in enumerate(children) if _is_break(e, md, SET_BREAK)] + [len(children)]
    short = site_model.page_short_links(config, build.files[0])
    controls = [_element("p", {"class": "app-sheets__count", "role": "status"},
                         "The ideas you tick show below, and only they print, one sheet each.")]
    buttons = _element("p", {"class": "app-sheets__buttons", "hidden": ""})
    _element("button", {"type": "button", "class": "md-button md-button--primary", "data-app-sheets-print": ""},
             "Print the ideas you ticked", parent=buttons)
    noscript = _element("noscript")
    _element("p", {"class": "app-sheets__noscript"},
             "Your browser is not running scripts here, so ideas ticked on the Play ideas page are not ticked "
             "on this page. Tick them again below, then print this page from your browser's menu.", parent=noscript)
    sheets, words = _element("div", {"class": "app-sheets"}), paper_words(build, config)
    for n, file in enumerate(build.set_ideas):
        sheets.append(sheet(children[bounds[n] + 1:bounds[n + 1]], file, config, short, md, printed, words))
    script = _element("script", {"src": get_relative_url("assets/", page.url) + "play-print.js", "defer": "defer"})
    root[:] = children[:bounds[0]] + controls + [buttons, noscript, sheets, script]


def _is_break(element, md, mark: str = BREAK) -> bool:
    """Whether a child of the page is where a part starts a new sheet (BREAK or SET_BREAK, raw
    HTML: in the tree, a paragraph that holds its place in Markdown's stash)."""
    found = composed_pages.RAW_HTML.fullmatch(element.text or "") if element.tag == "p" and not len(element) else None
    return bool(found) and md.htmlStash.rawHtmlBlocks[int(found[1])].strip() == mark


def on_page_tree(root, page, config, md, build, **kwargs):
    """On paper an age page, and each part of a pack, flows in two columns under its title
    (print_layout.columns_in_tree): the age page from its first section, a part after its title."""
    uri = page.file.src_uri
    if uri == PRINT_SET:
        set_in_tree(root, page, config, md, build)
        return
    if uri in build.posters:
        page.meta["app_qr"] = ""  # the poster is its own header: no page header with a second code
        for place in root.iter("p"):
            if _is_break(place, md, POSTER_QR):  # the comment that keeps its place, in Markdown's stash
                md.htmlStash.rawHtmlBlocks[int(composed_pages.RAW_HTML.fullmatch(place.text)[1])] = poster_qr(page, config, build)
        return
    if uri not in build.pack_sheets and not any(b.page == uri for b in site_model.age_bands(config)):
        return
    children = list(root)
    printed = print_layout.printed_html(root, md)  # each child as it will print, measured once
    bounds = [-1] + [i for i, e in enumerate(children) if _is_break(e, md)] + [len(children)]
    for n in range(len(bounds) - 2, -1, -1):  # the last part first: the earlier ones keep their places
        low, high = bounds[n] + 1, bounds[n + 1]
        title = next((i for i in range(low, high) if children[i].tag == "h2"), None)
        if title is None:
            continue
        if n == 0:  # the age page
            print_layout.columns_in_tree(root, title, high, md, printed=printed)
        else:
            print_layout.columns_in_tree(root, title + 1, high, md, heading="h3", take_lead=True, printed=printed)
