"""What the pages say: checklists on the right age page, sourced signs of when to ask, sources lists,
the right names for local services, and plain words (content-review.md, issue 13).

Rules about the Markdown are checked in the Markdown; what a reader meets (generated lists, print
packs, abbreviations) is checked in the built site.
"""

from __future__ import annotations

import functools
import re

import pytest
import yaml

from conftest import ROOT

DOCS = ROOT / "docs"
AGE_PAGES = ["0-6-months", "6-12-months", "1-2-years", "2-3-years", "3-5-years"]
# Pages that give no facts of their own: navigation, the privacy notice, the components sample.
# The accessibility statement follows the legal model statement: its facts are about this site.
NO_FACTS = {"index.md", "play/index.md", "concerns/index.md", "about/privacy.md", "about/accessibility.md", "components.md"}
# Links that are a way to get help, not a source of a fact.
HELP_LINKS = {"nhs-111"}


@functools.cache  # read once a run (read only): collection alone asks for it once per page
def markdown_pages() -> dict[str, str]:
    return {md.relative_to(DOCS).as_posix(): md.read_text(encoding="utf-8")
            for md in sorted(DOCS.rglob("*.md"))
            if not any(part.startswith(".") for part in md.relative_to(DOCS).parts)}


def body_and_sources(markdown: str) -> tuple[str, str]:
    """The page without its front matter, split at its Sources section ("" if it has none)."""
    body = markdown.split("---", 2)[2] if markdown.startswith("---") else markdown
    match = re.search(r"^## (Sources|Where the lists come from \{#sources\}|Where our facts come from)\s*$", body, re.M)
    return (body[:match.start()], body[match.end():]) if match else (body, "")


def link_names() -> set[str]:
    text = (DOCS / ".snippets" / "links.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\[([a-z0-9-]+)\]: https?://", text, re.M))


def references(text: str) -> set[str]:
    """Names of the reference links ([words][name]) in some Markdown."""
    return set(re.findall(r"\]\[([a-z0-9-]+)\]", text))


def card(markdown: str, level: str) -> str:
    """The indented body of the first care card of this level."""
    match = re.search(rf'^!!! care-{level} "[^"]*"\n\n((?:    .*\n|\n)+)', markdown, re.M)
    assert match, f"no care-{level} card"
    return match.group(1)


def bullets(block: str) -> list[str]:
    """Each bullet of an indented list, joined onto one line."""
    items = re.split(r"^    - ", block, flags=re.M)[1:]
    return [" ".join(item.split("\n\n")[0].split()) for item in items]


# ---------------------------------------------------------------------------- checklists and bands

def bands() -> dict[str, tuple[int, int]]:
    """{band: (from, to) in months}, read from the band's name as the planner reads it."""
    out = {}
    for band in AGE_PAGES:
        start, end, unit = re.fullmatch(r"(\d+)-(\d+)-(months|years)", band).groups()
        scale = 1 if unit == "months" else 12
        out[band] = (int(start) * scale, int(end) * scale)
    return out


@functools.cache  # the data file read once a run (read only)
def checkpoints() -> list[dict]:
    return yaml.safe_load((DOCS / ".data" / "milestones.yml").read_text(encoding="utf-8"))["cdc"]


def test_each_checklist_is_in_the_band_that_starts_at_its_age():
    # A child who has just reached 6 months, 1, 2 or 3 years must see that age's list.
    limits = bands()
    last = max(end for _, end in limits.values())
    for check in checkpoints():
        start, end = limits[check["band"]]
        assert start <= check["months"] < end or check["months"] == end == last, \
            f"the {check['age']} checklist is filed under {check['band']} ({start} to {end} months)"
    assert {c["months"]: c["band"] for c in checkpoints() if c["months"] in (6, 12, 24, 36, 60)} == {
        6: "6-12-months", 12: "1-2-years", 24: "2-3-years", 36: "3-5-years", 60: "3-5-years"}


@pytest.mark.parametrize("band", AGE_PAGES)
def test_age_pages_and_print_packs_show_the_same_checklists(soups, band):
    wanted = [f"By about {c['age']}" for c in checkpoints() if c["band"] == band]
    for path in (f"ages/{band}/index.html", f"packs/{band}/index.html"):
        soup = soups[path]
        found = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in soup.select("article h3")
                 if h.get_text().startswith("By about")]
        assert found == wanted, path


def test_the_2_year_list_is_with_the_2_year_review(soups):
    text = soups.article_text("ages/2-3-years/index.html")
    assert "By about 2 years" in text and "review when your child is 2 to 2 and a half" in text
    assert "By about 2 years" not in soups.article_text("ages/1-2-years/index.html")


def test_milestone_items_agree_with_most_children():
    # "Most children: take a few steps", never "Most children: takes".
    for check in checkpoints():
        for item in check["items"]:
            first = item["text"].split()[0]
            assert not first.endswith("s"), f"{check['age']}: '{item['text']}' should start 'Most children: ...'"


# ---------------------------------------------------------------------------- when to ask

@pytest.mark.parametrize("band", AGE_PAGES)
def test_each_age_page_has_its_own_sourced_signs(band):
    pages = {b: (DOCS / "ages" / f"{b}.md").read_text(encoding="utf-8") for b in AGE_PAGES}
    mine = bullets(card(pages[band], "non-urgent"))
    others = {line for b in AGE_PAGES if b != band for line in bullets(card(pages[b], "non-urgent"))}
    own = [line for line in mine if line not in others]
    assert len(own) >= 1, f"{band}: every sign on the card is also on another age page"
    _, sources = body_and_sources(pages[band])
    for line in own:
        names = references(line)
        assert names, f"{band}: the sign '{line}' has no source"
        for name in names:
            assert f"][{name}]" in sources, f"{band}: '{name}' is cited on the card but not under Sources"
    urgent = bullets(card(pages[band], "urgent"))
    assert any("stops doing things they could do before" in line and references(line) for line in urgent)


@pytest.mark.parametrize("band", AGE_PAGES)
def test_no_age_page_suggests_waiting_for_the_end_of_a_range(band):
    text = " ".join((DOCS / "ages" / f"{band}.md").read_text(encoding="utf-8").split())
    assert "by the end of its range" not in text
    assert "not doing the things most" not in text     # "most" means 3 in 4, not a vague trigger
    if "app/motor-windows" in text:
        assert "almost all" in text.lower() and "Do not wait for the end of a range" in text


# ---------------------------------------------------------------------------- sources

def cites_a_source(page: str) -> bool:
    """The page links to a source in its text, or shows milestone lists (plain attributions
    without a link are checked by the next test)."""
    body = body_and_sources(markdown_pages()[page])[0]
    return bool((references(body) & link_names()) - HELP_LINKS) or "app/milestones" in body


@pytest.mark.parametrize("page", [p for p in markdown_pages() if p not in NO_FACTS and cites_a_source(p)])
def test_a_page_that_gives_facts_lists_its_sources(page):
    markdown = markdown_pages()[page]
    body, sources = body_and_sources(markdown)
    cited = (references(body) & link_names()) - HELP_LINKS
    assert sources.strip(), f"{page} cites {sorted(cited)} but has no Sources list"
    missing = sorted(name for name in cited if f"][{name}]" not in sources)
    assert not missing, f"{page}: {missing} are cited in the page but not in its Sources list"


def test_every_page_that_states_facts_has_sources():
    # Pages in NO_FACTS are the only ones allowed to have no Sources list.
    without = sorted(p for p, md in markdown_pages().items() if not body_and_sources(md)[1].strip())
    assert set(without) <= NO_FACTS, f"pages without a Sources list: {sorted(set(without) - NO_FACTS)}"


def test_safety_advice_names_its_source():
    for page, markdown in markdown_pages().items():
        body, _ = body_and_sources(markdown)
        for line in re.split(r"\n(?=\s*- )", body):
            flat = " ".join(line.split())
            if re.search(r"\bbath\b.*\b(alone|hot)\b|stairs?\b.*\bgate|grapes|metal slides?|whole nuts", flat, re.I):
                assert references(flat) & link_names(), f"{page}: '{flat}' gives safety advice with no source"


def test_leaflet_contents_are_not_claimed(soups):
    for path in soups:
        text = soups.article_text(path)
        assert not re.search(r"(Move and play|Let me try)[^.]{0,60}\bhas more ideas", text), path
        if path.startswith("play/"):
            assert "Move and play" not in text and "Let me try" not in text, path
    leaflets = soups.article_text("leaflets/index.html")
    assert "cannot say what is in them" in leaflets and "ask for a copy" in leaflets.lower()


# ---------------------------------------------------------------------------- names and routes

def test_health_for_under_5s_is_the_website_and_healthy_together_the_service(soups):
    for path, soup in soups.items():
        for a in soup.select("article a[href='https://healthforunder5s.co.uk/']"):
            assert "Health for Under 5s" in a.get_text(), f"{path}: link to healthforunder5s.co.uk says '{a.get_text()}'"
        for sentence in re.split(r"(?<=[.!?])\s+", soups.article_text(path)):
            if "Healthy Together" in sentence and re.search(r"\b(website|site)\b", sentence):
                assert "Health for Under 5s" in sentence, f"{path}: '{sentence}'"
    help_text = soups.article_text("help/index.html")
    assert "health visiting service is called Healthy Together" in help_text
    assert "website for parents is called Health for Under 5s" in help_text


def test_local_services_are_reached_through_their_own_pages_not_a_number_without_a_source(soups):
    """Issue 21, part 3: no Trust or NHS page found for this site gives the Healthy Together phone
    numbers (Leicester City; Leicestershire and Rutland) or the parents' ChatHealth number, so the
    help page links the services' own pages, which give them, and no page shows a number to call
    but 999 and 111. Add a local number only with the Trust or NHS page that gives it, and then
    change this test. The one so far: the Trust's Patient Experience team, on the feedback page
    only, beside the Trust's page that gives it (issue 24)."""
    soup = soups["help/index.html"]
    hrefs = {a["href"] for a in soup.select("article a[href]")}
    assert {"https://healthforunder5s.co.uk/", "https://healthforunder5s.co.uk/sections/preschool/lets-get-physical/"} <= hrefs
    sourced = {"about/feedback/index.html": ("tel:01162950818", "https://leicspart.nhs.uk/?p=43476")}
    for path, page in soups.items():
        numbers = {a["href"] for a in page.select("a[href^='tel:']")}
        number, source = sourced.get(path, (None, None))
        assert numbers <= {"tel:999", "tel:111", number}, f"{path}: {numbers}"
        if number in numbers:
            assert page.select_one(f"article a[href='{source}']"), f"{path}: {number} without the page that gives it"


def test_help_says_how_to_reach_someone_and_about_interpreters(soups):
    soup = soups["help/index.html"]
    text = soups.article_text("help/index.html")
    assert "ChatHealth" in text and "free" in text and "interpreter" in text
    hrefs = [a["href"] for a in soup.select("article a[href]")]
    assert any(h.startswith("https://www.england.nhs.uk/") for h in hrefs)
    assert "nursery or school can also refer" in text


def test_3_to_5_years_names_the_nursery_and_school_routes(soups):
    text = soups.article_text("ages/3-5-years/index.html")
    assert "nursery or school can also refer" in text and "school nursing" in text


def test_professionals_get_the_referral_route_not_a_pointer(soups):
    text = soups.article_text("professionals/index.html")
    assert "see the Trust's pages" not in text
    for words in ("health visitors", "education staff", "6 months", "birth to 16", "Rutland", "developmental delay"):
        assert words in text, words


def test_toileting_sits_beside_feeding_and_dressing():
    markdown = (DOCS / "play" / "potty-training.md").read_text(encoding="utf-8")
    front = yaml.safe_load(markdown.split("---", 2)[1])
    assert "skill/everyday-living" in front["tags"]
    _, sources = body_and_sources(markdown)
    assert "][ccs-toileting]" in sources and "][eric-potty]" in sources


# ---------------------------------------------------------------------------- plain words

AMERICAN = ["pointer finger", "cookie cutter", "diaper", "pacifier", "stroller", "crib", "candy", "mom", "pediatric"]


def test_no_american_words_and_one_spelling_of_dressing_up(soups):
    for path in soups:
        text = soups.article_text(path).lower()
        for word in AMERICAN:
            assert not re.search(rf"\b{word}s?\b", text), f"{path} uses the American '{word}'"
        assert not re.search(r"\bdressing up\b", text), f"{path}: write 'dressing-up'"


def test_cdc_lists_this_under_stays_out_of_the_pages_we_write():
    for page, markdown in markdown_pages().items():
        body, _ = body_and_sources(markdown)
        assert "CDC lists this under" not in body, page


@pytest.mark.parametrize("short, full", [("CDC", "Centers for Disease Control and Prevention"),
                                         ("WHO", "World Health Organization"),
                                         ("UK CMO", "UK Chief Medical Officers")])
def test_short_names_are_spelt_out(soups, short, full):
    for path, soup in soups.items():
        article = soup.select_one("article")
        if not article or short not in article.get_text():
            continue
        explained = full in article.get_text() or any(
            abbr.get_text() == short and full in abbr.get("title", "") for abbr in article.select("abbr"))
        assert explained, f"{path} uses {short} without saying what it is"
