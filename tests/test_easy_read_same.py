"""Easy Read says the same as the main age pages (issue 20 item 2; the review's S2, S4 and I1).

Both are made from the same data: the CDC checklists in docs/.data/milestones.yml and the NICE
signs in docs/.data/signs.yml, each with its Easy Read words beside it (easy, picture,
picture_alt). The rules are tested as functions (a missing or long Easy Read text, a page that
lost a marker, shows another band, or has no urgent card, each named with the fix); the built
pages are compared band by band; and one real build refuses an Easy Read page that drifted.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

import care_signs
import easy_words
import markers
import milestones
import site_model
from conftest import ROOT, SITE_URL, copy_project, strict_build

BANDS = ["0-6-months", "6-12-months", "1-2-years", "2-3-years", "3-5-years"]
CARD = {"non-urgent": "care-non-urgent", "urgent": "care-urgent"}
BY_ABOUT = re.compile(r"^By about (\d+ (?:and a half )?(?:months|years?)),")


@pytest.fixture(scope="module")
def config():
    return load_config(config_file=str(ROOT / "mkdocs.yml"), site_url=SITE_URL)


def data(name: str):
    return yaml.safe_load((ROOT / "docs" / ".data" / name).read_text(encoding="utf-8"))


def easy_page(band: str) -> str:
    return (ROOT / "docs" / "easy-read" / f"{band}.md").read_text(encoding="utf-8")


def band_of(config, band_id: str):
    return next(b for b in site_model.age_bands(config) if b.id == band_id)


def fake_config(config, tmp_path: Path) -> SimpleNamespace:
    for folder in (".data", ".snippets", "play"):  # milestones name their play ideas, docs/play/*.md
        shutil.copytree(ROOT / "docs" / folder, tmp_path / "docs" / folder, dirs_exist_ok=True)
    return SimpleNamespace(docs_dir=str(tmp_path / "docs"), config_file_path=str(tmp_path / "mkdocs.yml"),
                           extra=config.extra)


# --- the words, as functions ------------------------------------------------------------------

def test_each_idea_says_its_age_and_who():
    item = {"easy": "walks on their own, without holding on to anything"}
    assert easy_words.milestone_sentence("18 months", 24, item) == \
        "By about 18 months, your child walks on their own, without holding on to anything."
    assert easy_words.milestone_sentence("6 months", 12, {"easy": "rolls over"}) == "By about 6 months, your baby rolls over."
    sign = care_signs.Sign("is not sitting on their own by 8 months", ("6-12-months",), "non-urgent", "NICE",
                           "nice-qs162", True, "is not sitting on their own by 8 months", "baby", "A baby")
    assert easy_words.sign_ideas([sign], 12) == ("- ![A baby](picture:baby) Your baby is not sitting on their own "
                                                 "by 8 months. If they were born early, count from their due date.")


def test_every_item_and_sign_has_easy_words_that_keep_the_rules(config):
    """The real data: every CDC item and NICE sign has its Easy Read words, within 15 words."""
    checks = milestones.load_milestones(config)["cdc"]
    assert all(item.get("easy") for check in checks for item in check["items"])
    signs = care_signs.load(config)
    assert signs and all(s.easy and s.picture and s.picture_alt for s in signs)


@pytest.mark.parametrize("change, message", [
    ((', easy: "rolls from their tummy onto their back"', ""),
     r"docs/\.data/milestones\.yml, line \d+, checklist 6 months, item 'Roll from their tummy onto their back': "
     r"it has no 'easy'\. Each needs its Easy Read words beside it"),
    (('easy: "rolls from their tummy onto their back"', 'easy: "Rolls over"'), r"Start it with a small letter"),
    (('easy: "rolls from their tummy onto their back"',
      'easy: "rolls from their tummy onto their back and then back onto their tummy again"'),
     r"line \d+, checklist 6 months, .*would say 'By about 6 months, your baby rolls .*', which has 20 words\. "
     r"Easy Read sentences have 15 words or fewer: shorten 'easy', or split it"),
    (("picture: drum with drumsticks", "picture: drum"), r"item 'Bang two things together': there is no picture called 'drum'"),
])
def test_a_slip_in_a_milestones_easy_text_names_the_file_the_line_and_the_fix(config, tmp_path, change, message):
    fake = fake_config(config, tmp_path)
    path = tmp_path / "docs" / ".data" / "milestones.yml"
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(PluginError, match=message):
        milestones.load_milestones(fake)


@pytest.mark.parametrize("change, message", [
    (('    easy: "is not sitting on their own by 8 months"\n', ""),
     r"docs/\.data/signs\.yml, sign 4 \('is not sitting on their own by 8 months'\): the sign has no 'easy'"),
    (('easy: "is not sitting on their own by 8 months"', 'easy: ""'), r"line \d+, sign 4 .*it has no 'easy'"),
    (('easy: "is not walking on their own by 18 months"',
      'easy: "is not walking on their own by 18 months, holding on to nothing at all"'),
     r"the Easy Read page for 1-2-years would say 'Your child is not walking .*', which has 17 words"),
])
def test_a_slip_in_a_signs_easy_text_names_the_file_the_line_and_the_fix(config, tmp_path, change, message):
    fake = fake_config(config, tmp_path)
    path = tmp_path / "docs" / ".data" / "signs.yml"
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(PluginError, match=message):
        care_signs.load(fake)


@pytest.mark.parametrize("band", BANDS)
def test_each_easy_read_age_page_has_what_the_check_asks_for(config, band):
    assert markers.easy_read_problems(easy_page(band), band_of(config, band), care_signs.load(config)) == []


def test_a_page_that_drifted_is_told_the_fix(config):
    band, signs = band_of(config, "1-2-years"), care_signs.load(config)
    page = easy_page("1-2-years")
    lost = markers.easy_read_problems(page.replace("<!-- app/easy-milestones band=1-2-years -->\n", ""), band, signs)
    assert lost == ["this page does not show the CDC checklists for 1 to 2 years that the main age page shows. Put "
                    "<!-- app/easy-milestones band=1-2-years --> on a line of its own where the list of what most "
                    "children can do goes."]
    [no_signs] = markers.easy_read_problems(
        page.replace("    <!-- app/easy-signs band=1-2-years level=urgent -->\n", ""), band, signs)
    assert no_signs.startswith("docs/.data/signs.yml has urgent signs for 1-2-years, which the main age page shows, "
                               "but this page does not. Put <!-- app/easy-signs band=1-2-years level=urgent -->")
    outside = page.replace("    <!-- app/easy-signs band=1-2-years level=urgent -->\n", "").replace(
        "## Other ages", "<!-- app/easy-signs band=1-2-years level=urgent -->\n\n## Other ages")
    assert markers.easy_read_problems(outside, band, signs) == [
        "<!-- app/easy-signs band=1-2-years level=urgent --> is not inside the page's care-urgent card. Move it into "
        "that card's list, indented by four spaces like the list."]
    [no_999] = markers.easy_read_problems(page.replace("call [999][tel-999]", "call 999"), band, signs)
    assert no_999.startswith("the care-urgent card does not say '[999][tel-999]'")
    no_card = re.sub(r'!!! care-urgent.*?(?=\nRead more)', "", page, flags=re.S)
    problems = markers.easy_read_problems(no_card, band, signs)
    assert any(p.startswith("this page has no card for a child who stops doing things") for p in problems)
    assert '!!! care-urgent "Get help today if:"' in problems[-1] and "[NHS 111][tel-111]" in problems[-1]


def test_a_page_showing_another_bands_list_is_refused_with_its_line(config):
    page = SimpleNamespace(file=SimpleNamespace(src_uri="easy-read/1-2-years.md",
                                                content_string=easy_page("1-2-years").replace(
                                                    "easy-milestones band=1-2-years", "easy-milestones band=6-12-months")))
    with pytest.raises(PluginError, match=r"docs/easy-read/1-2-years\.md, line 15: this page is for 1 to 2 years, but "
                                          r"'<!-- app/easy-milestones band=6-12-months -->' shows the band 6-12-months\. "
                                          r"Write band=1-2-years"):
        markers.check_same_band(page.file.content_string, page, config)
    main = SimpleNamespace(file=SimpleNamespace(src_uri="ages/2-3-years.md", content_string="<!-- app/milestones band=1-2-years -->\n"))
    with pytest.raises(PluginError, match=r"docs/ages/2-3-years\.md, line 1: this page is for 2 to 3 years"):
        markers.check_same_band(main.file.content_string, main, config)


def test_the_easy_signs_marker_writes_ideas_inside_the_card(config):
    page = SimpleNamespace(file=SimpleNamespace(src_uri="easy-read/1-2-years.md"), url="easy-read/1-2-years/")
    context = {"page": page, "config": config, "files": None, "data": lambda: milestones.load_milestones(config),
               "signs": lambda: care_signs.load(config)}
    out = markers.expand('!!! care-urgent "Ask for help today if:"\n\n'
                         "    <!-- app/easy-signs band=1-2-years level=urgent -->\n", context)
    assert out.splitlines()[2] == ("    - ![Footprints](picture:footprints) Your child starts to limp, or walks in a "
                                   "new way. You do not know why.")
    with pytest.raises(markers.MarkerError, match="has no urgent sign for 6-12-months"):
        markers.expand("<!-- app/easy-signs band=6-12-months level=urgent -->\n", context)


# --- the built pages ------------------------------------------------------------------------

def easy_soup(soups, band: str):
    return soups[f"easy-read/{band}/index.html"].select_one(".app-easy-read")


def section_items(soup, heading_start: str) -> list[str]:
    heading = next(h for h in soup.find_all("h2") if h.get_text(strip=True).startswith(heading_start))
    items = []
    for node in heading.find_next_siblings():
        if node.name == "h2":
            break
        items += [li.get_text(" ", strip=True) for li in node.find_all("li")] if node.name in ("ul", "ol") else []
    return items


@pytest.mark.parametrize("band", BANDS)
def test_easy_read_shows_the_same_checklists_as_the_main_page_each_idea_with_its_age(soups, band):
    checks = [c for c in data("milestones.yml")["cdc"] if c["band"] == band]
    items = section_items(easy_soup(soups, band), "What most")
    ages = [BY_ABOUT.match(text)[1] if BY_ABOUT.match(text) else None for text in items]
    assert None not in ages, f"an idea without its age: {items[ages.index(None)]}"
    assert ages == [c["age"] for c in checks for _ in c["items"]]
    main = soups[f"ages/{band}/index.html"]
    main_ages = [h.get_text(strip=True).rstrip("¶").removeprefix("By about ") for h in main.select("article h3")
                 if h.get_text(strip=True).startswith("By about ")]
    assert sorted(set(ages)) == sorted(main_ages)


@pytest.mark.parametrize("band", BANDS)
def test_easy_read_cards_show_the_same_nice_signs_as_the_main_page(soups, band):
    who = "Your baby" if band in ("0-6-months", "6-12-months") else "Your child"
    main = soups[f"ages/{band}/index.html"]
    easy = easy_soup(soups, band)
    for sign in data("signs.yml")["signs"]:
        for level in CARD:
            main_card = main.select_one(f".admonition.{CARD[level]}")
            easy_card = easy.select_one(f".admonition.{CARD[level]}")
            on_main = bool(main_card) and sign["text"] in main_card.get_text(" ", strip=True)
            on_easy = bool(easy_card) and f"{who} {sign['easy']}" in easy_card.get_text(" ", strip=True)
            assert on_main == on_easy == (band in sign["bands"] and level == sign["level"]), (band, level, sign["text"])


@pytest.mark.parametrize("band", BANDS)
def test_every_easy_read_age_page_has_the_loss_of_skills_card_with_its_route(soups, band):
    card = easy_soup(soups, band).select_one(".admonition.care-urgent")
    assert card is not None
    text = card.get_text(" ", strip=True)
    assert "stops doing things they could do before" in text and "today" in text
    assert {a["href"] for a in card.select("a")} >= {"tel:111", "tel:999"}
    for li in card.select("li"):
        assert "app-idea" in li["class"], li.get_text(" ", strip=True)


def test_easy_read_tummy_time_says_awake_watched_and_back_to_sleep(soups):
    soup = soups["easy-read/play/index.html"].select_one(".app-easy-read")
    ideas = [li.get_text(" ", strip=True) for li in soup.select("li.app-idea")]
    tummy = ideas.index(next(i for i in ideas if i.startswith("Tummy time")))
    assert "when they are awake" in ideas[tummy]
    near = ideas[tummy:tummy + 4]
    assert any("Only do tummy time while you are watching your baby" in i for i in near)
    assert any("Always put your baby on their back to sleep" in i for i in near)
    assert "nhs.uk/baby/caring-for-a-newborn/reduce-the-risk-of-sudden-infant-death-syndrome" in str(soup)


def test_the_booklet_has_each_age_pages_cards(soups):
    booklet = soups["easy-read/booklet/index.html"]
    urgent = booklet.select(".app-easy-read .admonition.care-urgent")
    assert len(urgent) >= len(BANDS)
    assert "By about 18 months, your child walks on their own" in booklet.get_text(" ", strip=True)


# --- one real build --------------------------------------------------------------------------

@pytest.mark.slow  # a real build of its own
@pytest.mark.system
def test_a_real_build_refuses_an_easy_read_page_that_lost_its_signs(tmp_path):
    """The whole path, as an editor meets it: the marker deleted from a card, then `mkdocs build`."""
    project = copy_project(tmp_path)
    page = project / "docs" / "easy-read" / "1-2-years.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "    <!-- app/easy-signs band=1-2-years level=urgent -->\n", ""), encoding="utf-8")
    done = strict_build(project)
    output = done.stdout + done.stderr
    assert done.returncode != 0 and "Traceback" not in output
    assert "docs/easy-read/1-2-years.md must say the same as docs/ages/1-2-years.md:" in output
    assert ("docs/easy-read/1-2-years.md: docs/.data/signs.yml has urgent signs for 1-2-years, which the main age "
            "page shows, but this page does not.") in output
