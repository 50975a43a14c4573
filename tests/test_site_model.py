"""The hooks' shared model and the marker dispatcher, tested as plain functions (no build)."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import composed_pages
import front_matter_reader
import markers
import milestones
import qr_codes
import search_dialog
import site_model
import snippets_exist
import text_messages
from conftest import ROOT, SITE_URL


@pytest.fixture(scope="module")
def config():
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_url=SITE_URL)
    config.plugins._current_plugin = None  # File.generated() notes which plugin made a file
    return config


def page_file(config, src: str, meta: dict | None = None, content: str = "") -> File:
    file = File.generated(config, src, content=content or "---\ntitle: x\n---\n")
    if meta is not None:
        file.app_meta = meta
    return file


# --- dates -----------------------------------------------------------------------------------

def test_today_is_the_day_in_london_not_on_the_machine(monkeypatch):
    monkeypatch.delenv("TODAY")  # conftest sets it for the suite
    # 00:30 UTC on 1 July 2026 is 01:30 in London (British Summer Time): already 1 July there.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.timezone.utc).timestamp())))
    assert site_model.today() == dt.date(2026, 7, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.timezone.utc).timestamp())))
    assert site_model.today() == dt.date(2026, 12, 31)  # GMT in winter: still the 31st


def test_today_can_be_set_for_the_whole_build(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # TODAY wins over it
    monkeypatch.setenv("TODAY", "2028-02-29")
    assert site_model.today() == dt.date(2028, 2, 29)


@pytest.mark.parametrize("typed", ["2027-02-30", "20270228", "28/02/2027", "2027-2-28", "tomorrow"])
def test_a_mistyped_today_says_how_to_write_it(monkeypatch, typed):
    monkeypatch.setenv("TODAY", typed)
    with pytest.raises(PluginError, match=rf"TODAY is '{re.escape(typed)}', which is not a date\. Write it as YYYY-MM-DD"):
        site_model.today()


def test_nhs_dates_have_no_leading_zero():
    assert site_model.nhs_date(dt.date(2027, 5, 1)) == "1 May 2027"
    assert site_model.nhs_date("pending") == "pending"


# --- front matter ----------------------------------------------------------------------------

@pytest.mark.parametrize("closer", ["---", "..."])
def test_front_matter_closes_with_dashes_or_dots(closer):
    text = f"---\ntitle: A\n{closer}\n\nBody text.\n"
    block, body = front_matter_reader.split_front_matter(text)
    assert block == "title: A\n" and body == "\nBody text.\n"
    assert front_matter_reader.read_front_matter(text) == ({"title": "A"}, None)


def test_a_front_matter_block_that_is_not_closed_is_named_so():
    meta, problem = front_matter_reader.read_front_matter("---\ntitle: A\n\nBody text.\n")
    assert meta is None and "not closed" in problem
    meta, problem = front_matter_reader.read_front_matter("Body text only.\n")
    assert meta is None and "has no front matter" in problem


def test_an_impossible_date_is_kept_as_text_to_name_it():
    meta, _ = front_matter_reader.read_front_matter("---\nnext_review: 2027-13-01\n---\n")
    assert meta == {"next_review": "2027-13-01"}


def test_a_part_body_after_a_dotted_front_matter(config):
    file = page_file(config, "ages/x.md", content="---\ntitle: A\n...\n\nFirst line.\n---\nNot front matter.\n")
    assert composed_pages.body(file) == "First line.\n---\nNot front matter.\n"


# --- pages and bands -------------------------------------------------------------------------

def test_age_bands_come_from_the_tags_with_their_months(config):
    bands = site_model.age_bands(config)
    assert [(b.id, b.start, b.end) for b in bands] == [
        ("0-6-months", 0, 6), ("6-12-months", 6, 12), ("1-2-years", 12, 24), ("2-3-years", 24, 36), ("3-5-years", 36, 60)]
    assert bands[2].page == "ages/1-2-years.md" and bands[2].label == "1 to 2 years"


def test_an_age_tag_that_does_not_say_its_ages_stops_the_build():
    fake = SimpleNamespace(extra={"app_tags": {"age/toddlers": "Toddlers"}})
    with pytest.raises(PluginError, match="age/toddlers.*age/1-2-years"):
        site_model.age_bands(fake)


@pytest.mark.parametrize("months, band", [(0, "0-6-months"), (5, "0-6-months"), (6, "6-12-months"), (11, "6-12-months"),
                                          (12, "1-2-years"), (24, "2-3-years"), (36, "3-5-years"), (59, "3-5-years"),
                                          (60, "3-5-years"), (61, None)])
def test_band_for_an_age_in_whole_months(config, months, band):
    found = site_model.band_for(months, site_model.age_bands(config))
    assert (found.id if found else None) == band


def test_activities_are_the_pages_under_play_but_its_index_and_print_set(config):
    """One definition of an activity (front_matter.py refuses one without its tags)."""
    second = page_file(config, "play/b.md", {"title": "B", "tags": ["age/0-6-months"]})
    first = page_file(config, "play/a.md", {"title": "a", "tags": ["age/0-6-months"]})
    index = page_file(config, "play/index.md", {"title": "Play", "tags": ["age/0-6-months"]})
    print_set = page_file(config, "play/print.md", {"title": "Print"})
    elsewhere = page_file(config, "help.md", {"title": "Help", "tags": ["age/0-6-months"]})
    files = Files([second, first, index, print_set, elsewhere])
    assert site_model.activity_files(files) == [first, second]


def test_the_names_milestones_may_give_are_the_activity_pages_by_the_same_definition(config, tmp_path):
    """play_names reads docs/play/ before the build lists its pages: the same pages is_activity
    holds to be activities, by the same names the print set and the planner use."""
    (tmp_path / "play" / "more").mkdir(parents=True)
    for name in ("index.md", "tummy-time.md", "more/rolling.md", "notes.txt"):
        (tmp_path / "play" / name).write_text("---\ntitle: x\n---\n", encoding="utf-8")
    names = site_model.play_names(SimpleNamespace(docs_dir=str(tmp_path)))
    assert names == ["more/rolling", "tummy-time"]
    assert names == sorted(site_model.activity_name(f"play/{n}.md") for n in names)
    assert not site_model.is_activity_page("play/index.md") and not site_model.is_activity_page(site_model.PRINT_SET)
    files = Files([page_file(config, f"play/{n}.md", {"title": n}) for n in ("tummy-time", "more/rolling")])
    assert [site_model.activity_name(f.src_uri) for f in site_model.activity_files(files)] == names


def test_short_links_that_clash_or_point_nowhere_are_problems(config):
    files = Files([page_file(config, "help.md", {"title": "Help"}), page_file(config, "play/a.md", {"title": "A"})])
    fake = SimpleNamespace(extra={"short_links": {"worried": "help.md", "help": "help.md", "Bad Name": "help.md",
                                                  "gone": "nowhere.md", "play": "play/a.md"}})
    links, problems = site_model.short_links(fake, files)
    assert list(links) == ["worried"]
    assert len(problems) == 4
    assert any("'help' is already the address" in p for p in problems)
    assert any("'gone' points to 'nowhere.md'" in p for p in problems)


def test_milestone_data_mistakes_name_the_data_file_and_entry(config, tmp_path):
    docs = tmp_path / "docs"
    (docs / ".data").mkdir(parents=True)
    (docs / ".snippets").mkdir()
    (docs / ".snippets" / "links.md").write_text("[cdc-2-months]: https://example.org/\n")
    (docs / ".data" / "milestones.yml").write_text(
        "cdc:\n  - {age: 2 months, months: 2, band: 0-6-months, link: cdc-2-months, items: [{area: movement, text: A, easy: does A, picture: baby, picture_alt: A baby}]}\n"
        "  - {age: 4 months, months: 4, band: 0-7-months, link: cdc-2-months, items: [{area: movement, text: B}]}\n"
        "who: []\n")
    fake = SimpleNamespace(docs_dir=str(docs), config_file_path=str(tmp_path / "mkdocs.yml"), extra=config.extra)
    with pytest.raises(PluginError, match=r"docs/\.data/milestones\.yml, checklist 2 \(4 months\): the band '0-7-months'"):
        milestones.load_milestones(fake)
    (docs / ".data" / "milestones.yml").write_text("cdc:\n  - {age: 2 months\nwho: []\n")
    with pytest.raises(PluginError, match=r"docs/\.data/milestones\.yml, line \d+: this file cannot be read"):
        milestones.load_milestones(fake)


def test_an_unknown_play_idea_in_the_milestones_names_the_file_the_item_and_the_fix(config, tmp_path):
    docs = tmp_path / "docs"
    (docs / ".data").mkdir(parents=True)
    (docs / ".snippets").mkdir()
    (docs / "play").mkdir()
    for name in ("index", "sitting-play", "floor-play"):
        (docs / "play" / f"{name}.md").write_text("---\ntitle: x\n---\n")
    (docs / ".snippets" / "links.md").write_text("[cdc-9-months]: https://example.org/\n")
    data = docs / ".data" / "milestones.yml"
    fake = SimpleNamespace(docs_dir=str(docs), config_file_path=str(tmp_path / "mkdocs.yml"), extra=config.extra)

    def checklist(play: str) -> None:
        data.write_text("cdc:\n  - {age: 9 months, months: 9, band: 6-12-months, link: cdc-9-months, items: [\n"
                        f"      {{area: movement, text: Sit without support, easy: sits without help, picture: baby, "
                        f"picture_alt: A baby, play: {play}}}]}}\nwho: []\n")

    checklist("[sitting-play, floor-play]")
    assert milestones.load_milestones(fake)["cdc"][0]["items"][0]["play"] == ["sitting-play", "floor-play"]
    checklist("[siting-play]")
    with pytest.raises(PluginError) as error:
        milestones.load_milestones(fake)
    assert str(error.value) == (
        "docs/.data/milestones.yml, checklist 1 (9 months): the item 'Sit without support' names the play idea "
        "'siting-play', but there is no activity page docs/play/siting-play.md. Did you mean 'sitting-play'? Write the file "
        "name of an activity page in docs/play/ without '.md', such as sitting-play.")
    checklist("[index]")     # the Play ideas page is not an activity
    with pytest.raises(PluginError, match=r"names the play idea 'index', but there is no activity page docs/play/index\.md"):
        milestones.load_milestones(fake)
    checklist("sitting-play")
    with pytest.raises(PluginError, match=r"'Sit without support' has 'play: sitting-play'\. Write the play ideas "
                                          r"as a list"):
        milestones.load_milestones(fake)
    checklist("[sitting-play, sitting-play]")
    with pytest.raises(PluginError, match="names the same play idea twice"):
        milestones.load_milestones(fake)


def test_every_milestone_play_idea_is_an_activity_page(config):
    """The site's own data: every name is a real activity, and the 9-month sitting item starts with sitting play."""
    data = milestones.load_milestones(config)
    names = site_model.play_names(config)
    played = [item for check in data["cdc"] for item in check["items"] if item.get("play")]
    assert played and all(name in names for item in played for name in item["play"])
    sitting = next(i for c in data["cdc"] if c["months"] == 9 for i in c["items"] if i["text"] == "Sit without support")
    assert sitting["play"][0] == "sitting-play"


# --- markers ---------------------------------------------------------------------------------

def marker_context(config, src="ages/x.md"):
    page = SimpleNamespace(file=page_file(config, src), url=src[:-3] + "/", canonical_url=SITE_URL + src[:-3] + "/")
    return {"page": page, "config": config, "files": Files([]), "data": lambda: milestones.load_milestones(config)}


def test_the_kit_refuses_a_planner_message_longer_than_one_text(config, monkeypatch):
    """A site address that leaves the age messages one text each but not the planner's: the build
    stops, naming the message and where to shorten it."""
    sources = {b.page for b in site_model.age_bands(config)} | set(config.extra["short_links"].values()) | {"planner.md"}
    files = Files([page_file(config, src) for src in sorted(sources)])
    monkeypatch.setattr(config, "site_url", "https://www.example.nhs.uk/services/early-years-pathway/")  # 56 characters
    context = dict(marker_context(config, "professionals.md"), files=files)
    length = len(text_messages.KIT_MESSAGES[0][2] + config.site_url + "text/planner/")  # the text channel's address
    assert length > text_messages.MAX_TEXT_MESSAGE
    with pytest.raises(markers.MarkerError, match=rf"makes a text message of {length} characters for Any age: the planner, "
                                                  r"more than one text \(160\).*shorten the message in "
                                                  r"text_messages\.KIT_MESSAGES"):
        markers.hv_kit({}, context)


def test_a_marker_becomes_its_content_outside_code_only(config):
    text = ("<!-- app/motor-windows band=6-12-months -->\n\n```markdown\n<!-- app/motor-windows band=6-12-months -->\n```\n"
            "Write `<!-- app/offline-date -->` for the date.\n")
    out = markers.expand(text, marker_context(config))
    assert out.startswith("| Skill |")
    assert "```markdown\n<!-- app/motor-windows band=6-12-months -->\n```" in out
    assert "`<!-- app/offline-date -->`" in out


@pytest.mark.parametrize("marker, message", [
    ("<!-- app/milestone band=1-2-years -->", "is not a marker this site knows"),
    ("<!-- app/milestones ages=1-2-years -->", "'ages' is not a setting of this marker"),
    ("<!-- app/milestones band=7-years -->", "names the band '7-years'"),
    ("<!-- app/activities tag=age/7-years -->", "names the tag 'age/7-years'"),
    ("<!-- app/activities by=colour -->", "needs tag=<a tag> or by=age or by=skill"),
])
def test_a_wrong_marker_is_refused_with_the_fix(config, marker, message):
    with pytest.raises(markers.MarkerError, match=message):
        markers.expand(f"Text.\n\n{marker}\n", marker_context(config))


def test_the_planner_form_escapes_what_is_passed_in_and_keeps_its_own_words(config, monkeypatch):
    """The theme's Jinja environment with autoescape: the partial's own words are as written (no
    &#39; for an apostrophe), and anything passed in later is escaped."""
    form = markers.planner_form(config)
    assert '<legend class="app-label">Your child\'s date of birth</legend>' in form and "&#39;" not in form
    env = config.theme.get_env()
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({markers.PLANNER_FORM: "{{ '<b>' }}"}), env.loader])
    monkeypatch.setattr(config.theme, "get_env", lambda: env)
    assert markers.planner_form(config) == "&lt;b&gt;"


def test_every_marker_is_shown_on_the_components_page():
    components = (ROOT / "docs" / "components.md").read_text(encoding="utf-8")
    for name, (_, _, example) in markers.MARKERS.items():
        assert example in components, f"docs/components.md does not show the {name} marker"


def test_the_offline_page_lists_what_the_service_worker_saves(config):
    assert site_model.offline_pages(config)[:2] == ["index.md", "ages/0-6-months.md"]
    assert "help.md" in site_model.offline_pages(config)
    assert (ROOT / "docs" / "offline.md").read_text(encoding="utf-8").count("<!-- app/offline-pages -->") == 1


# --- wiring that must fail loudly ----------------------------------------------------------

def test_search_dialog_label_fails_loudly_when_the_theme_changes():
    from page_document import Document

    def labelled(html: str) -> str:
        page = Document(html)
        search_dialog.label_search(page, "site/help/index.html")
        return page.text
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    assert labelled(f"<body>{dialog}</body>") == (
        '<body><div class="md-search" data-md-component="search" role="dialog" aria-label="Search this site"></body>')
    for changed in ('<div class="md-search" data-md-component="search">', '<div class="md-search" role="dialog">'):
        with pytest.raises(PluginError, match="search_dialog.py: the theme's search markup in site/help/index.html"):
            labelled(changed)
    assert labelled("<p>A short-link page</p>") == "<p>A short-link page</p>"
    named = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Named">'
    assert labelled(named) == named
    # The theme's own label for its search box, in the theme's language (a Polish build's "Szukaj").
    box = '<input type="text" class="md-search__input" name="query" aria-label="Szukaj" placeholder="Szukaj">'
    assert 'role="dialog" aria-label="Szukaj">' in labelled(f"{dialog}{box}")


def test_snippet_folders_are_found_from_mkdocs_yml_not_the_working_folder(config, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # pymdownx.snippets reads a relative base_path from here
    snippets_exist.on_config(config)
    bases = config.mdx_configs["pymdownx.snippets"]["base_path"]
    assert bases == [str(ROOT / "docs" / ".snippets")]
    assert all((ROOT / "docs" / ".snippets" / name).is_file() for name in ("links.md", "abbr.md"))


def test_qr_codes_are_kept_and_come_back_the_same(tmp_path, monkeypatch):
    """QR codes are cached on disk by what they are made from: a kept code is the code itself."""
    import segno

    monkeypatch.setenv("APP_CACHE", str(tmp_path))
    qr_codes._qr_svg.cache_clear()
    made = qr_codes.qr_svg("https://example.org/ages/1-2-years/", omitsize=True)
    assert made == segno.make("https://example.org/ages/1-2-years/", error="m").svg_inline(
        scale=3, border=4, dark="#000000", light="#ffffff", omitsize=True)
    kept = list((tmp_path / "qr").glob("*.svg"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == made
    qr_codes._qr_svg.cache_clear()
    kept[0].write_text("<svg>from the cache</svg>", encoding="utf-8")
    assert qr_codes.qr_svg("https://example.org/ages/1-2-years/", omitsize=True) == "<svg>from the cache</svg>"
    assert qr_codes.qr_svg("https://example.org/help/", omitsize=True) != made  # another address, another code
    qr_codes._qr_svg.cache_clear()
