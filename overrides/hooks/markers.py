"""Every `<!-- app/NAME key=value -->` marker in a page, through one table and one function.

A marker stands for content made from the site's own data, never typed twice: the milestone
lists, the WHO table, lists of activities, the planner, the short links, the offline pages.
MARKERS below lists each with what it makes and an example; docs/components.md shows them all.
Markers inside code (``` blocks or `inline`) are left as they are, so they can be shown.
An unknown marker, an unknown setting or a wrong value stops the build, naming the file and line.
"""

from __future__ import annotations

import copy
import html
import json
import posixpath
import re
from urllib.parse import quote

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

import care_signs
import easy_words
import front_matter_reader
import language_names
import qr_codes
import site_model
import text_messages
from milestones import OTHER_AREA, load_milestones

MARKER = re.compile(r"<!--\s*app/([\w-]+)((?:\s+[\w-]+=[^\s>]+)*)\s*-->")
# Fenced code or inline code: shown as written, never expanded.
CODE = re.compile(site_model.FENCE.pattern + r"|`[^`\n]*`", re.S | re.M)
PLANNER_FORM = "partials/app-planner.html"  # in overrides/, found by the theme as its own partials are


SOURCE_LINE = "{: .app-source }"  # a "Source: ..." line, small print on paper like the Sources list


class MarkerError(Exception):
    """A marker that cannot be made; the message is for the editor."""


# --- what each marker makes ----------------------------------------------------------------

def _band(args, context) -> site_model.Band:
    bands = {b.id: b for b in site_model.age_bands(context["config"])}
    if args.get("band") not in bands:
        raise MarkerError(f"names the band '{args.get('band')}'. Use one of: {', '.join(bands)}.")
    return bands[args["band"]]


def whole_months(value: float) -> int:
    return int(value + 0.5)


def milestones(args, context) -> str:
    """The CDC checklists filed under an age band in docs/.data/milestones.yml."""
    band = _band(args, context)
    out = []
    for check in (c for c in context["data"]()["cdc"] if c["band"] == band.id):
        out += [f"### By about {check['age']}", "", "Most children:", ""]
        out += [f"- {item['text']}" for item in check["items"]]
        # Where CDC files a hand or self-care item under another area, the source line says so.
        notes = "".join(f' CDC lists "{i["text"]}" under {OTHER_AREA[i["area"]]}.'
                        for i in check["items"] if i["area"] in OTHER_AREA)
        out += ["", f"Source: [CDC milestones at {check['age']}][{check['link']}].{notes}", SOURCE_LINE, ""]
    if not out:
        raise MarkerError(f"has no checklists for the band '{band.id}' in docs/.data/milestones.yml.")
    return "\n".join(out)


def motor_windows(args, context) -> str:
    """The WHO Motor Development Study windows for an age band, as a table."""
    band = _band(args, context)
    rows = [w for w in context["data"]()["who"] if band.id in w["bands"]]
    if not rows:
        raise MarkerError(f"has no WHO rows for the band '{band.id}' in docs/.data/milestones.yml.")
    out = ["| Skill | Almost all healthy children in the study learned it between |", "| --- | --- |"]
    out += [f"| {w['skill']} | about {whole_months(w['from'])} and {whole_months(w['to'])} months |" for w in rows]
    out += ["", "Source: [WHO Motor Development Study][who-motor-study] "
            "([WHO milestones page][who-motor-milestones]). We rounded its ages to whole months.", SOURCE_LINE]
    if any("rawl" in w["skill"] for w in rows):
        out += ["", "About 4 in every 100 children in the study did not crawl on hands and knees. "
                "They skipped it and moved on to standing and walking."]
    return "\n".join(out) + "\n"


def _relative(target_src: str, page) -> str:
    return posixpath.relpath(target_src, posixpath.dirname(page.file.src_uri) or ".")


def _activity_list(chosen, page) -> list[str]:
    return [f"- [{front_matter_reader.meta_of(f)['title']}]({_relative(f.src_uri, page)}): "
            f"{' '.join(front_matter_reader.meta_of(f)['description'].split())}" for f in chosen]


def activities(args, context) -> str:
    """Activities with one tag (tag=age/1-2-years), or all grouped by age or skill (by=age)."""
    tags, page = context["config"].extra["app_tags"], context["page"]
    pages = site_model.activity_files(context["files"])
    if "tag" in args:
        if args["tag"] not in tags:
            raise MarkerError(f"names the tag '{args['tag']}', which is not in extra.app_tags in mkdocs.yml.")
        chosen = [f for f in pages if args["tag"] in front_matter_reader.meta_of(f)["tags"]]
        if not chosen:
            return "No activities for this yet.\n"
        # On paper the whole list would take most of a sheet: one line says where it is online.
        address = site_model.page_print_address(context["config"], site_model.page_short_links(context["config"], context["files"]),
                                                page.file)
        return ('<div class="app-play-list" markdown>\n\n' + "\n".join(_activity_list(chosen, page))
                + f'\n\n</div>\n\n<p class="app-print-only"><strong>More play ideas:</strong> all {len(chosen)} for this '
                f'age, each with its steps, are on this page online at <span class="app-address">{html.escape(address)}</span></p>\n')
    if args.get("by") not in ("age", "skill"):
        raise MarkerError("needs tag=<a tag> or by=age or by=skill.")
    out = []
    for tag, label in tags.items():
        if tag.startswith(args["by"] + "/"):
            chosen = [f for f in pages if tag in front_matter_reader.meta_of(f)["tags"]]
            out += [f"### {label} {{#{site_model.tag_anchor(tag)}}}", ""] + _activity_list(chosen, page) + [""]
    return "\n".join(out)


def play_filter(args, context) -> str:
    """Every activity in one list, with a choice of age and of skill above it that filters the list
    with CSS alone (radio buttons and :has(), docs/assets/extra.css): it works with JavaScript
    off. Where no activity has both an age and a skill, the list says so for that pair.
    Each idea has a tick box "Print <title>"; the list is a form that opens the print set
    (print_packs.py, /play/print/?ideas=...) with the ideas ticked, one sheet each, and
    docs/assets/play-print.js says before printing how many sheets that is. The print packs
    for each age are linked below it."""
    tags, page, config = context["config"].extra["app_tags"], context["page"], context["config"]
    pages = site_model.activity_files(context["files"])
    kinds = {"age": "Age", "skill": "Skill"}
    out = ['<div class="app-filter">', '<form class="app-filter__form" aria-label="Choose play ideas">']
    for kind, legend in kinds.items():
        out.append(f'<fieldset><legend>{legend}</legend>')
        out.append(f'<label><input type="radio" name="{kind}" value="{kind}-any" checked> Any {kind}</label>')
        out += [f'<label><input type="radio" name="{kind}" value="{site_model.tag_anchor(tag)}"> {html.escape(label)}</label>'
                for tag, label in tags.items() if tag.startswith(kind + "/")]
        out.append('</fieldset>')
    print_set = context["files"].get_file_from_path(PRINT_SET)
    action = html.escape(get_relative_url(print_set.url, page.url)) if print_set else ""
    out += ['</form>', f'<form class="app-pick" action="{action}" method="get" aria-label="Tick play ideas to print">',
            '<ul class="app-filter__list">']
    for file in pages:
        meta = front_matter_reader.meta_of(file)
        href = html.escape(get_relative_url(file.url, page.url))
        title = html.escape(meta["title"])
        name = site_model.activity_name(file.src_uri)
        out.append(f'<li data-tags="{" ".join(site_model.tag_anchor(t) for t in meta["tags"])}">'
                   f'<label class="app-pick__tick"><input type="checkbox" name="ideas" value="{name}"> Print'
                   f'<span class="app-visually-hidden"> {title}</span></label> <a href="{href}">'
                   f'{title}</a>: {html.escape(" ".join(meta["description"].split()))}</li>')
    for age in (t for t in tags if t.startswith("age/")):
        for skill in (t for t in tags if t.startswith("skill/")):
            if not any(age in front_matter_reader.meta_of(f)["tags"] and skill in front_matter_reader.meta_of(f)["tags"] for f in pages):
                out.append(f'<li class="app-filter__none" data-tags="{site_model.tag_anchor(age)} {site_model.tag_anchor(skill)}">'
                           f'No play ideas for {html.escape(tags[age])} and {html.escape(tags[skill].split(" (")[0].lower())} '
                           'yet. Choose another age or skill.</li>')
    out += ["</ul>",
            '<p class="app-pick__go"><button type="submit" class="md-button md-button--primary">'
            '<span data-app-pick-label>Print the ideas you ticked</span></button> '
            '<span class="app-pick__count" role="status">Each idea prints on one sheet of A4.</span></p>',
            "</form>"]
    packs = [(b.label, context["files"].get_file_from_path(f"packs/{b.id}.md")) for b in site_model.age_bands(config)]
    links = ", ".join(f'<a href="{html.escape(get_relative_url(f.url, page.url))}">{html.escape(label)}</a>'
                      for label, f in packs if f is not None)
    if links:
        out.append(f'<p class="app-pick__packs">Print a pack for an age (the age page and all its play ideas): {links}.</p>')
    if print_set:
        out.append(f'<script src="{html.escape(get_relative_url("assets/", page.url))}play-print.js" defer></script>')
    return "\n".join(out + ["</div>"]) + "\n"


PRINT_SET = site_model.PRINT_SET


def _json_script(element_id: str, data: dict) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the block or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


TRY_FIRST = re.compile(r'<div class="app-try-first" markdown>(.*?)</div>', re.S)
TRY_FIRST_ITEM = re.compile(r"^- \*\*(?P<who>[^*]+?):?\*\*:?\s*\[[^\]]+\]\((?P<path>[\w./-]+\.md)\)", re.M)


def try_first(age_page, files, config, short) -> list[dict]:
    """The age page's "Try these first" ideas, with whom each is for, as the printed plan lists them."""
    block = TRY_FIRST.search(age_page.content_string)
    out = []
    for item in TRY_FIRST_ITEM.finditer(block.group(1) if block else ""):
        target = files.get_file_from_path(posixpath.normpath(posixpath.join(posixpath.dirname(age_page.src_uri),
                                                                            item["path"])))
        if target is not None:
            out.append({"for": item["who"].strip(), "title": front_matter_reader.meta_of(target)["title"],
                        "address": site_model.page_print_address(config, short, target)})
    return out


# A care card in an age page's Markdown: its "!!! care-..." line and the indented lines under it.
CARE_CARD = re.compile(r"^!!! care-[\w-]+ .*\n(?:(?:[ \t]*|(?: {4}|\t).*)\n)*", re.M)
INLINE_LINK = re.compile(r"\]\((?!https?:|tel:|mailto:)([^)\s]+)\)")


def age_cards(age_page, page) -> str:
    """The age page's "When to ask for help" care cards, as its Markdown says them, with its own
    links made to work from `page`: the planner shows them by a "Not yet" answer."""
    def relink(match):
        target, _, anchor = match.group(1).partition("#")
        path = posixpath.normpath(posixpath.join(posixpath.dirname(age_page.src_uri), target)) if target else age_page.src_uri
        return f"]({_relative(path, page)}{'#' + anchor if anchor else ''})"
    cards = CARE_CARD.findall(site_model.without_code(age_page.content_string))
    return "\n".join(INLINE_LINK.sub(relink, card.rstrip()) + "\n" for card in cards)


def planner_signs(context) -> str:
    """Each age page's care cards, hidden, for planner.js to copy beside a "Not yet" answer: built
    from the age pages' own words, so they are never typed twice."""
    files, page, out = context["files"], context["page"], []
    for band in site_model.age_bands(context["config"]):
        # The cards' own markers (the NICE signs, <!-- app/signs -->) are made here as on the age page.
        cards = expand(age_cards(files.get_file_from_path(band.page), page), context)
        if not cards:
            raise MarkerError(f"needs the \"When to ask for help\" care cards on docs/{band.page}.")
        out.append(f'<div class="app-planner-signs" data-band="{band.id}" hidden data-search-exclude="" markdown>\n\n'
                   f"{cards}\n</div>")
    return "\n\n".join(out)


def planner_data(context) -> dict:
    """What docs/assets/planner.js reads: the bands (with the ideas their age page says to try
    first), the CDC checklists and the activities."""
    config, page, files = context["config"], context["page"], context["files"]
    addresses = site_model.link_addresses(config)
    short = site_model.page_short_links(config, files)
    bands = []
    for band in site_model.age_bands(config):
        age_page = files.get_file_from_path(band.page)
        if age_page is None:
            raise MarkerError(f"needs an age page docs/{band.page} for the tag '{band.tag}'.")
        bands.append({"id": band.id, "tag": band.tag, "label": band.label, "from": band.start, "to": band.end,
                      "url": get_relative_url(age_page.url, page.url),
                      "address": site_model.page_print_address(config, short, age_page),
                      "first": try_first(age_page, files, config, short)})
    checkpoints = [{
        "age": check["age"], "months": check["months"], "band": check["band"], "source": addresses[check["link"]],
        "items": [{"text": item["text"], "area": item["area"], "play": item.get("play", [])}
                  for item in check["items"]],
    } for check in context["data"]()["cdc"]]
    acts = [{"id": site_model.activity_name(f.src_uri), "title": front_matter_reader.meta_of(f)["title"], "description": " ".join(front_matter_reader.meta_of(f)["description"].split()),
             "url": get_relative_url(f.url, page.url), "tags": list(front_matter_reader.meta_of(f)["tags"]),
             "address": site_model.page_print_address(config, short, f)}
            for f in site_model.activity_files(files)]
    known = {a["id"] for a in acts}
    for check in checkpoints:
        for item in check["items"]:
            missing = [name for name in item["play"] if name not in known]
            if missing:  # milestones.yml names play/index or play/print: pages, but not activities
                raise MarkerError(f"cannot show the play idea '{missing[0]}' for '{item['text']}' in "
                                  "docs/.data/milestones.yml: docs/play/" + missing[0] + ".md is not an activity "
                                  "page. Name an activity from docs/play/ instead.")
    return {"bands": bands, "checkpoints": checkpoints, "activities": acts}


def planner_form(config) -> str:
    """overrides/partials/app-planner.html, rendered by the theme's own Jinja environment (its
    loader, filters and globals), with autoescape on: anything a later change passes in is escaped,
    while the partial's own words are template text and stay as written (its date boxes come from
    one macro)."""
    return config.theme.get_env().overlay(autoescape=True).get_template(PLANNER_FORM).render().strip()


def planner(args, context) -> str:
    """The planner: its data, links for a browser without JavaScript, the form and results
    (overrides/partials/app-planner.html), a QR code for print, and its style and script."""
    config, page = context["config"], context["page"]
    data = planner_data(context)
    fallback = ['<div class="app-planner-fallback" id="planner-fallback" markdown>', "",
                "Choose your child's age to see what most children can do, with play ideas:", ""]
    fallback += [f"- [{b.label}]({_relative(b.page, page)})" for b in site_model.age_bands(config)]
    address = page.canonical_url or page.url
    svg = qr_codes.qr_svg(address, scale=4, svgclass="app-planner-qr__code", lineclass=None, omitsize=True,
                      title="QR code for this page")
    svg = svg.replace("<svg ", '<svg role="img" aria-label="QR code for this page" ', 1)
    qr = (f'<figure class="app-planner-qr" id="planner-qr">{svg}'
          f'<figcaption>Scan to open this page: {html.escape(address)}</figcaption></figure>')
    assets = get_relative_url("assets/", page.url)
    return "\n\n".join([
        f'<link rel="stylesheet" href="{assets}planner.css">',
        _json_script("app-planner-data", data),
        "\n".join(fallback + ["", "</div>"]),
        qr,
        planner_form(config),
        planner_signs(context),
        f'<script src="{assets}planner.js" defer></script>',
    ]) + "\n"


def short_links(args, context) -> str:
    """Every short link in extra.short_links, with a QR code each, to print and pin up: the
    poster channel's address (site_model.channel_url), so the server's log counts them as posters."""
    config = context["config"]
    links, _ = site_model.short_links(config, context["files"])
    rows = ['<table class="app-short-links">',
            "<thead><tr><th>Type this</th><th>To open</th><th>QR code</th></tr></thead>", "<tbody>"]
    for name, file in links.items():
        url = site_model.channel_url(config, "poster", name)
        rows.append(f'<tr><td><strong>{html.escape(url)}</strong></td><td>{html.escape(front_matter_reader.meta_of(file)["title"])}'
                    f'</td><td><span class="app-qr" role="img" aria-label="QR code for {html.escape(url)}">'
                    f'{qr_codes.qr_svg(url, scale=3)}</span></td></tr>')
    return "\n".join(rows + ["</tbody>", "</table>"])


def _copy_button(text: str, what: str) -> str:
    """A Copy button that docs/assets/share.js shows and runs; without JavaScript it stays hidden
    and the text beside it can be selected as usual."""
    return (f'<button type="button" class="md-button app-copy" data-app-copy="{html.escape(text, quote=True)}" '
            f'aria-label="Copy {html.escape(what, quote=True)}" hidden>Copy</button>')


def hv_kit(args, context) -> str:
    """For health visitors: each age band's short link for text messages (the text channel's
    address, site_model.channel_url) and a ready text message (one SMS, at
    most text_messages.MAX_TEXT_MESSAGE characters with the link), youngest first, then the planner's
    messages (text_messages.KIT_MESSAGES: any age, and babies born early), each with Copy."""
    config, files = context["config"], context["files"]
    names = site_model.page_short_links(config, files)
    rows = ['<table class="app-kit">', "<thead><tr><th>Age</th><th>Short link</th><th>Text message</th></tr></thead>",
            "<tbody>"]
    messages = []
    for band in site_model.age_bands(config):
        if band.page not in names:
            raise MarkerError(f"needs a short link to docs/{band.page} in extra.short_links in mkdocs.yml.")
        url = site_model.channel_url(config, "text", names[band.page])
        messages.append((band.label, url, text_messages.text_message(band.label, url), "text_messages.text_message"))
    # Then the planner, for any age, and for babies born early: its own address is short already.
    for label, src, words in text_messages.KIT_MESSAGES:
        page = files.get_file_from_path(src)
        if page is None:
            raise MarkerError(f"has a message for docs/{src}, but there is no such page.")
        url = site_model.channel_url(config, "text", names.get(page.src_uri) or page.url.strip("/"))
        messages.append((label, url, words + url, "text_messages.KIT_MESSAGES"))
    for label, url, message, where in messages:
        if len(message) > text_messages.MAX_TEXT_MESSAGE:
            raise MarkerError(f"makes a text message of {len(message)} characters for {label}, more than "
                              f"one text ({text_messages.MAX_TEXT_MESSAGE}). The site's address ({config.site_url}) "
                              f"is too long for it: shorten the message in {where}.")
        rows.append(f'<tr><th scope="row">{html.escape(label)}</th>'
                    f'<td><span class="app-kit__link">{html.escape(url)}</span> {_copy_button(url, "the link for " + label)}</td>'
                    f'<td><span class="app-kit__message">{html.escape(message)}</span> '
                    f'{_copy_button(message, "the message for " + label)}</td></tr>')
    rows += ["</tbody>", "</table>", '<p class="app-copy__status" role="status"></p>']
    return "\n".join(rows) + "\n"


def key_points(args, context) -> str:
    """A short box at the top of an age page: what most children do by the band's last checklist
    (its movement and hand items, from docs/.data/milestones.yml) and when to ask. It prints too:
    the handout opens with it (print_handout.py)."""
    band = _band(args, context)
    checks = [c for c in context["data"]()["cdc"] if c["band"] == band.id]
    if not checks:
        raise MarkerError(f"has no checklists for the band '{band.id}' in docs/.data/milestones.yml.")
    last = max(checks, key=lambda c: c["months"])
    doing = [i["text"][0].lower() + i["text"][1:] for i in last["items"] if i["area"] in ("movement", "hands")][:3]
    if not doing:
        raise MarkerError(f"finds no movement or hand items in the {last['age']} checklist for '{band.id}'.")
    child = care_signs.who(band)
    most = "most babies" if child == "your baby" else "most children"
    return "\n".join([
        '<div class="app-key-points" markdown>', "",
        "**Key points**", "",
        f"By about {last['age']}, {most} ([CDC][{last['link']}]):", "",
        *(f"- {item}" for item in doing), "",
        "Every child learns at their own pace. You can talk to your health visitor at any time.", "",
        f"Speak to your health visitor or GP if {child} cannot do something on the list for an age they "
        "have reached, or has one of the [signs to ask about](#when-to-ask-for-help).",
        "", "</div>", ""])


def _band_signs(args, context):
    """(the band, its signs of the marker's level) for the two signs markers, main and Easy Read."""
    band = _band(args, context)
    if args.get("level") not in care_signs.LEVELS:
        raise MarkerError(f"names the level '{args.get('level')}'. Use one of: {', '.join(care_signs.LEVELS)}.")
    chosen = care_signs.for_band(context["signs"](), band.id, args["level"])
    if not chosen:
        raise MarkerError(f"shows no sign: docs/.data/signs.yml has no {args['level']} sign for {band.id}. "
                          "Remove the marker, or add the sign there with its source.")
    return band, chosen


def signs(args, context) -> str:
    """The signs to ask about for one age and card level (docs/.data/signs.yml), as list items:
    the marker stands on a line of its own in the card's list, indented like the list."""
    band, chosen = _band_signs(args, context)
    return care_signs.markdown_items(chosen, band)


def easy_milestones(args, context) -> str:
    """The CDC checklists of an age band as Easy Read ideas, one per item, each saying its age:
    the same checklists as the main age page's <!-- app/milestones -->, in the words kept beside
    each item in docs/.data/milestones.yml (easy, picture, picture_alt)."""
    band = _band(args, context)
    checklists = [c for c in context["data"]()["cdc"] if c["band"] == band.id]
    if not checklists:
        raise MarkerError(f"has no checklists for the band '{band.id}' in docs/.data/milestones.yml.")
    return easy_words.milestone_ideas(checklists, band.end)


def easy_signs(args, context) -> str:
    """The signs to ask about for one age and card level as Easy Read ideas: the same signs as the
    main age page's <!-- app/signs -->, in the words kept beside each sign in docs/.data/signs.yml."""
    band, chosen = _band_signs(args, context)
    return easy_words.sign_ideas(chosen, band.end)


def _language_link(language, page) -> str:
    """A link to a language's interpreter card, named in its own writing and in English."""
    direction = ' dir="rtl"' if language.rtl else ""
    target = _relative(f"interpreter/{language.code}.md", page)
    return (f'[<span class="app-language-cards__name" lang="{language.code}"{direction}>{html.escape(language.name)}</span> '
            f'<span class="app-language-cards__english">{html.escape(language.english_label)}</span>]({target}#card)')


def language_cards(args, context) -> str:
    """Each language of docs/.data/languages.yml, named in its own writing (Unicode CLDR) and in
    English, linking to its card to show at reception (interpreter_cards.py makes the cards)."""
    items = "\n".join(f"- {_language_link(lang, context['page'])}" for lang in context["languages"]())
    return f'<div class="app-language-cards" markdown>\n\n{items}\n\n</div>\n'


def easy_language_cards(args, context) -> str:
    """The same links as app/language-cards, as Easy Read ideas, each with a picture of a card."""
    return "\n".join(easy_words.idea("identification card", "A card", _language_link(lang, context["page"]))
                     for lang in context["languages"]()) + "\n"


def listen(args, context) -> str:
    """The place for "Listen to this page", when a page wants it lower than under its heading."""
    return site_model.LISTEN_PLACE + "\n"


def offline_date(args, context) -> str:
    """The day this copy of the site was made, as the offline page says it."""
    return site_model.nhs_date(site_model.today())


def offline_pages(args, context) -> str:
    """The pages the service worker saves on a first visit: the same list offline.py uses."""
    files, page = context["files"], context["page"]
    out = []
    for src in site_model.offline_pages(context["config"]):
        file = files.get_file_from_path(src)
        if file is None:
            raise MarkerError(f"lists docs/{src} as saved for offline use, but there is no such page.")
        out.append(f"- [{front_matter_reader.meta_of(file).get('title', src)}]({_relative(src, page)})")
    return "\n".join(out) + "\n"


def offline_unavailable(args, context) -> str:
    """The offline page's note for a device where the copy could not be saved (too little room).
    Hidden until register-sw.js shows it: the service worker tells the open pages when it could
    not save its copy, or the browser has no service workers at all."""
    return ('<p class="app-offline-unavailable" id="app-offline-unavailable" role="status" hidden>'
            "<strong>Offline reading is not available on this device.</strong> "
            "There is not enough free space to save these pages, so they will not open without a signal. "
            "Free some space on your phone, then open this site again while you have a signal.</p>\n")


FEEDBACK_EMAIL = "lpt-patient-experience-email"  # the name in links.md of the address feedback goes to
FEEDBACK_SUBJECT = "Feedback on the Early Years Pathway website"
FEEDBACK_BODY = "What do you think of this page? What was helpful, what was hard to understand, or what is missing?\n\n"


def feedback(args, context) -> str:
    """"Tell us about this page": an email to the Trust's Patient Experience team (links.md), with
    a subject that names the site. Every page's foot links here with ?page=<its path>, and
    docs/assets/feedback.js puts that page's address into the subject, the first line and the
    words above the button; without JavaScript the email still opens and asks which page. No
    form, no other website, no cookie: the parent's own email app sends it."""
    config, page = context["config"], context["page"]
    email = site_model.link_addresses(config).get(FEEDBACK_EMAIL)
    if email is None:
        raise MarkerError(f"needs the email address '[{FEEDBACK_EMAIL}]: mailto:...' in docs/.snippets/links.md.")
    body = "Page (its address or title): \n\n" + FEEDBACK_BODY
    href = f"{email}?subject={quote(FEEDBACK_SUBJECT)}&body={quote(body)}"
    root = get_relative_url(".", page.url).rstrip("/") + "/"
    assets = get_relative_url("assets/", page.url)
    return (f'<div class="app-feedback" data-app-feedback data-app-feedback-root="{html.escape(root)}" '
            f'data-app-feedback-subject="{html.escape(FEEDBACK_SUBJECT)}" '
            f'data-app-feedback-body="{html.escape(FEEDBACK_BODY)}">\n'
            '<p class="app-feedback__page" hidden>You are telling us about this page: '
            '<strong class="app-feedback__address"></strong></p>\n'
            f'<p><a class="md-button md-button--primary app-feedback__email" href="{html.escape(href)}">'
            'Email the Patient Experience team</a></p>\n</div>\n'
            f'<script src="{html.escape(assets)}feedback.js" defer></script>\n')


# name: (what it makes, the settings it takes, an example for the components page)
MARKERS = {
    "milestones": (milestones, {"band"}, "<!-- app/milestones band=1-2-years -->"),
    "motor-windows": (motor_windows, {"band"}, "<!-- app/motor-windows band=6-12-months -->"),
    "activities": (activities, {"tag", "by"}, "<!-- app/activities tag=age/1-2-years -->"),
    "play-filter": (play_filter, set(), "<!-- app/play-filter -->"),
    "planner": (planner, set(), "<!-- app/planner -->"),
    "short-links": (short_links, set(), "<!-- app/short-links -->"),
    "hv-kit": (hv_kit, set(), "<!-- app/hv-kit -->"),
    "key-points": (key_points, {"band"}, "<!-- app/key-points band=1-2-years -->"),
    "signs": (signs, {"band", "level"}, "<!-- app/signs band=6-12-months level=non-urgent -->"),
    "easy-milestones": (easy_milestones, {"band"}, "<!-- app/easy-milestones band=1-2-years -->"),
    "easy-signs": (easy_signs, {"band", "level"}, "<!-- app/easy-signs band=1-2-years level=urgent -->"),
    "language-cards": (language_cards, set(), "<!-- app/language-cards -->"),
    "easy-language-cards": (easy_language_cards, set(), "<!-- app/easy-language-cards -->"),
    "listen": (listen, set(), "<!-- app/listen -->"),
    "offline-date": (offline_date, set(), "<!-- app/offline-date -->"),
    "offline-pages": (offline_pages, set(), "<!-- app/offline-pages -->"),
    "offline-unavailable": (offline_unavailable, set(), "<!-- app/offline-unavailable -->"),
    "feedback": (feedback, set(), "<!-- app/feedback -->"),
}


# --- the one function ------------------------------------------------------------------------

def expand(markdown: str, context: dict) -> str:
    """Every marker outside code replaced by what it makes; MarkerError names the first bad one."""
    def replace(match):
        name, settings = match.group(1), match.group(2).split()
        if name not in MARKERS:
            raise MarkerError(f"'{match.group(0)}' is not a marker this site knows. Use one of: "
                              f"{', '.join(MARKERS)} (see the components page).", match.group(0))
        make, allowed, example = MARKERS[name]
        args = dict(s.split("=", 1) for s in settings)
        unknown = set(args) - allowed
        if unknown:
            raise MarkerError(f"'{match.group(0)}': '{sorted(unknown)[0]}' is not a setting of this marker. "
                              f"Write it like this: {example}", match.group(0))
        try:
            made = make(args, context)
        except MarkerError as error:
            raise MarkerError(f"the marker '{match.group(0)}' {error.args[0]}", match.group(0)) from None
        # A marker indented inside a block (a card's list) keeps all of its lines inside it.
        line_start = match.string.rfind("\n", 0, match.start()) + 1
        indent = match.string[line_start:match.start()]
        return made.replace("\n", "\n" + indent) if indent and not indent.strip() else made

    out, last = [], 0
    for code in CODE.finditer(markdown):
        out += [MARKER.sub(replace, markdown[last:code.start()]), code.group(0)]
        last = code.end()
    return "".join(out + [MARKER.sub(replace, markdown[last:])])


def _once(build, config) -> dict:
    """The site's data the markers read, each read only by the pages that show it, once a build
    (each page gets a copy)."""
    data: dict = {}

    def milestone_data():
        if not data:
            if build.milestones is None:
                build.milestones = load_milestones(config)
            data.update(copy.deepcopy(build.milestones))
        return data

    signs: list = []

    def sign_data():
        if not signs:
            if build.signs is None:
                build.signs = care_signs.load(config)
            signs.extend(copy.deepcopy(build.signs))
        return signs

    languages: list = []

    def language_data():  # read only by pages that list the languages
        if not languages:
            languages.extend(language_names.load(config))
        return languages

    return {"data": milestone_data, "signs": sign_data, "languages": language_data}


def on_markdown_text(markdown, page, config, files, build, **kwargs):
    """Every marker made, inside Python-Markdown (a preprocessor: pipeline.py's PageSteps), after
    pymdownx.snippets (shared_definitions.py has taken the shared links it appended off again)
    and before Markdown reads any block; then the checks of the markers the page holds."""
    once = _once(build, config)
    context = {"page": page, "config": config, "files": files, **once}
    try:
        expanded = expand(markdown, context)
    except MarkerError as error:
        at = error.args[1] if len(error.args) > 1 else None
        raise PluginError(f"{site_model.where(page, config, at)}: {error.args[0]}") from None
    check_age_page_signs(markdown, page, config, once["signs"])
    check_same_band(markdown, page, config)
    check_easy_read_age_page(markdown, page, config, once["signs"])
    return expanded


def check_age_page_signs(markdown, page, config, sign_data) -> None:
    """Every age page shows the signs docs/.data/signs.yml has for its age, in the card of their
    level: a page that lost its marker would quietly stop showing a sign clinicians act on."""
    band = next((b for b in site_model.age_bands(config) if b.page == page.file.src_uri), None)
    if band is None:
        return
    shown = {dict(setting.split("=", 1) for setting in m.group(2).split()).get("level")
             for m in MARKER.finditer(site_model.without_code(markdown)) if m.group(1) == "signs"}
    for level in care_signs.LEVELS:
        if care_signs.for_band(sign_data(), band.id, level) and level not in shown:
            raise PluginError(
                f"{site_model.docs_path(page, config)}: docs/.data/signs.yml has {level} signs for {band.id}, "
                f"but this page does not show them. Put <!-- app/signs band={band.id} level={level} --> on a line "
                f"of its own in the list of the page's care-{level} card, indented by four spaces like the list.")


# --- Easy Read says the same as the main pages ---------------------------------------------

EASY_FOLDER = "easy-read/"
BAND_MARKERS = ("milestones", "motor-windows", "signs", "easy-milestones", "easy-signs")
CARD_LINE = re.compile(r"^[ \t]*!!![ \t]*([\w-]+)", re.M)
# The urgent card of every Easy Read age page: the main pages' "stops doing things they could do
# before", with its route: the GP or NHS 111 today, 999 in an emergency (tel: links from links.md).
LOSS_OF_SKILLS = "stops doing things they could do before"
ROUTE = ("[NHS 111][tel-111]", "[999][tel-999]")
EASY_URGENT_EXAMPLE = ('!!! care-urgent "Get help today if:"\n\n'
                       "    - ![A warning sign](picture:warning sign) Your child stops doing things they could do before.\n\n"
                       "    Call your GP or [NHS 111][tel-111] today.\n    In an emergency, call [999][tel-999].")


def page_band(page, config):
    """The age band of a main age page (ages/1-2-years.md) or an Easy Read age page
    (easy-read/1-2-years.md), or None."""
    for band in site_model.age_bands(config):
        if page.file.src_uri in (band.page, f"{EASY_FOLDER}{band.id}.md"):
            return band
    return None


def _markers(markdown: str):
    for m in MARKER.finditer(site_model.without_code(markdown)):
        yield m.group(1), dict(s.split("=", 1) for s in m.group(2).split()), m.group(0)


def check_same_band(markdown, page, config) -> None:
    """An age page, or its Easy Read page, shows only its own band's lists and signs: a marker that
    names another band would put a checklist or a sign on the wrong page (the review's I1)."""
    band = page_band(page, config)
    if band is None:
        return
    for name, args, text in _markers(markdown):
        if name in BAND_MARKERS and args.get("band") not in (None, band.id):
            raise PluginError(
                f"{site_model.where(page, config, text)}: this page is for {band.label}, but '{text}' shows the "
                f"band {args['band']}. Write band={band.id}: the main age page and its Easy Read page show the same "
                "band, as docs/.data/milestones.yml and signs.yml file it.")


def _card_of(markdown: str, at: int) -> str | None:
    """The type of the care card a marker at this place in the Markdown stands in, or None."""
    line_start = markdown.rfind("\n", 0, at) + 1
    if not markdown[line_start:at].startswith("    "):
        return None  # not indented: outside any card
    cards = list(CARD_LINE.finditer(markdown, 0, at))
    return cards[-1].group(1) if cards else None


def _card_body(markdown: str, card: re.Match) -> str:
    """A card's Markdown: its first line and the blank or indented lines after it."""
    lines = []
    for line in markdown[card.end():].split("\n")[1:]:
        if line.strip() and not line.startswith((" ", "\t")):
            break
        lines.append(line)
    return "\n".join(lines)


def easy_read_problems(markdown: str, band, signs) -> list[str]:
    """What an Easy Read age page lacks to say the same as its main age page: its band's CDC
    checklists, the signs of its band in the card of their level, and the urgent card for a child
    who stops doing things, with its route. Each problem says the fix in plain words."""
    found = []
    plain = site_model.without_code(markdown)
    names = [(m.group(1), dict(s.split("=", 1) for s in m.group(2).split()), m.start()) for m in MARKER.finditer(plain)]
    if not any(n == "easy-milestones" and a.get("band") == band.id for n, a, _ in names):
        found.append(f"this page does not show the CDC checklists for {band.label} that the main age page shows. "
                     f"Put <!-- app/easy-milestones band={band.id} --> on a line of its own where the list of what "
                     "most children can do goes.")
    for level in care_signs.LEVELS:
        if not care_signs.for_band(signs, band.id, level):
            continue
        places = [at for n, a, at in names if n == "easy-signs" and a.get("band") == band.id and a.get("level") == level]
        if not places:
            found.append(f"docs/.data/signs.yml has {level} signs for {band.id}, which the main age page shows, but "
                         f"this page does not. Put <!-- app/easy-signs band={band.id} level={level} --> on a line "
                         f"of its own in the list of the page's care-{level} card, indented by four spaces like the list.")
        elif not any(_card_of(plain, at) == f"care-{level}" for at in places):
            found.append(f"<!-- app/easy-signs band={band.id} level={level} --> is not inside the page's care-{level} "
                         "card. Move it into that card's list, indented by four spaces like the list.")
    urgent = [m for m in CARD_LINE.finditer(plain) if m.group(1) == "care-urgent"]
    if not urgent:
        found.append("this page has no card for a child who stops doing things they could do before, which every "
                     f"main age page has. Add it, like this:\n{EASY_URGENT_EXAMPLE}")
    else:
        card = " ".join(_card_body(plain, urgent[0]).split())
        missing = [w for w in (LOSS_OF_SKILLS, *ROUTE) if w not in card]
        if missing:
            found.append(f"the care-urgent card does not say '{missing[0]}'. It says that a child who stops doing "
                         "things they could do before needs help today, from the GP or NHS 111, and 999 in an "
                         f"emergency, like this:\n{EASY_URGENT_EXAMPLE}")
    return found


def check_easy_read_age_page(markdown, page, config, sign_data) -> None:
    """Every Easy Read age page says the same as its main age page (see easy_read_problems)."""
    band = page_band(page, config)
    if band is None or not page.file.src_uri.startswith(EASY_FOLDER):
        return
    found = easy_read_problems(markdown, band, sign_data())
    if found:
        path = site_model.docs_path(page, config)
        raise PluginError(f"{path} must say the same as docs/{band.page}:\n  "
                          + "\n  ".join(f"{path}: {p}" for p in found))
