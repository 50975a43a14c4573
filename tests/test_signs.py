"""The signs to ask about, age by age (docs/.data/signs.yml, overrides/hooks/care_signs.py):
the motor signs NICE tells health visitors and GPs to act on, in each age page's cards.

The data is checked as a function (each slip names the file, the sign and the fix); the built
pages show every sign for their age in the card of its level, with NICE linked as the source;
and a real build refuses an age page that lost its marker.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

import care_signs
import markers
import site_model
from conftest import ROOT, SITE_URL, copy_project, strict_build

CARD = {"non-urgent": "care-non-urgent", "urgent": "care-urgent"}


@pytest.fixture(scope="module")
def config():
    return load_config(config_file=str(ROOT / "mkdocs.yml"), site_url=SITE_URL)


def signs_data() -> list[dict]:
    return yaml.safe_load((ROOT / "docs" / ".data" / "signs.yml").read_text(encoding="utf-8"))["signs"]


def load_from(config, tmp_path, text: str):
    docs = tmp_path / "docs"
    (docs / ".data").mkdir(parents=True, exist_ok=True)
    (docs / ".snippets").mkdir(exist_ok=True)
    (docs / ".snippets" / "links.md").write_text("[nice-qs162]: https://example.org/\n")
    (docs / ".data" / "signs.yml").write_text(text)
    fake = SimpleNamespace(docs_dir=str(docs), config_file_path=str(tmp_path / "mkdocs.yml"), extra=config.extra)
    return care_signs.load(fake)


GOOD = ('signs:\n  - text: "is not sitting on their own by 8 months"\n    bands: [6-12-months]\n'
        "    level: non-urgent\n    source: NICE\n    link: nice-qs162\n"
        '    easy: "is not sitting on their own by 8 months"\n    picture: baby\n    picture_alt: A baby\n')


def test_the_signs_file_reads(config, tmp_path):
    [sign] = load_from(config, tmp_path, GOOD)
    assert sign.bands == ("6-12-months",) and sign.level == "non-urgent" and sign.source == "NICE"


@pytest.mark.parametrize("change, message", [
    (("6-12-months]", "6-13-months]"), r"sign 1 \('is not sitting on their own by 8 months'\): the band '6-13-months' is not one of"),
    (("non-urgent", "emergency"), "the level 'emergency' is not one of non-urgent, urgent. A sign for 999 belongs"),
    (("nice-qs162", "nice-qs999"), "the link 'nice-qs999' is not in docs/.snippets/links.md"),
    (('"is not', '"Is not'), "with a small first letter and no full stop"),
    (("    source: NICE\n", ""), "the sign has no 'source'"),
    (("bands: [6-12-months]", "bands: 6-12-months"), r"Write a list in square brackets, such as bands: \[6-12-months\]"),
    (("    link:", "    colour: red\n    link:"), "'colour' is not a field of a sign"),
    (("signs:", "sign:"), "the file needs a 'signs:' list"),
    (('months"\n', 'months\n'), r"signs\.yml, line \d+: this file cannot be read"),
])
def test_a_slip_in_the_signs_names_the_file_the_sign_and_the_fix(config, tmp_path, change, message):
    with pytest.raises(PluginError, match=message) as caught:
        load_from(config, tmp_path, GOOD.replace(*change))
    assert str(caught.value).startswith("docs/.data/signs.yml")


def test_the_same_sign_twice_is_refused(config, tmp_path):
    with pytest.raises(PluginError, match="sign 2 .*the same sign is in the file twice"):
        load_from(config, tmp_path, GOOD + GOOD.replace("signs:\n", "").replace("sitting on", "sitting  on"))


def test_the_marker_writes_the_signs_inside_the_card(config):
    page = SimpleNamespace(file=SimpleNamespace(src_uri="ages/6-12-months.md"), url="ages/6-12-months/")
    context = {"page": page, "config": config, "files": None, "data": dict,
               "signs": lambda: care_signs.load(config)}
    text = ('!!! care-non-urgent "Speak to your health visitor or GP if:"\n\n'
            "    <!-- app/signs band=6-12-months level=non-urgent -->\n    - you are worried\n")
    out = markers.expand(text, context)
    lines = out.splitlines()
    assert lines[2] == ("    - your baby feels very floppy or very stiff when you hold them ([NICE][nice-ng62])")
    assert all(line.startswith("    - ") for line in lines[2:]), "a sign fell outside the card"
    assert "    - your baby is not sitting on their own by 8 months, counted from their due date if they were " \
           "born early ([NICE][nice-qs162])" in lines
    with pytest.raises(markers.MarkerError, match="has no urgent sign for 6-12-months"):
        markers.expand("<!-- app/signs band=6-12-months level=urgent -->\n", context)
    with pytest.raises(markers.MarkerError, match="names the level 'soon'"):
        markers.expand("<!-- app/signs band=6-12-months level=soon -->\n", context)


def test_an_age_page_without_its_signs_is_refused(config):
    page = SimpleNamespace(file=SimpleNamespace(src_uri="ages/6-12-months.md"))
    with pytest.raises(PluginError, match=r"docs/ages/6-12-months\.md: docs/\.data/signs\.yml has non-urgent signs "
                                          r"for 6-12-months, but this page does not show them\. Put <!-- app/signs "
                                          r"band=6-12-months level=non-urgent -->"):
        markers.check_age_page_signs("No card here.\n", page, config, lambda: care_signs.load(config))
    markers.check_age_page_signs("    <!-- app/signs band=6-12-months level=non-urgent -->\n", page, config,
                                 lambda: care_signs.load(config))


def card_items(soup, level: str) -> list:
    card = soup.select_one(f".admonition.{CARD[level]}")
    return card.select("li") if card else []


@pytest.mark.parametrize("sign", signs_data(), ids=lambda s: s["text"][:30])
def test_every_age_page_shows_its_signs_with_nice_as_the_source(soups, sign):
    addresses = site_model.link_addresses(load_config(config_file=str(ROOT / "mkdocs.yml"), site_url=SITE_URL))
    for band in sign["bands"]:
        items = card_items(soups[f"ages/{band}/index.html"], sign["level"])
        found = [li for li in items if sign["text"] in li.get_text(" ", strip=True)]
        assert found, f"ages/{band}: the {sign['level']} card does not say '{sign['text']}'"
        link = found[0].find("a", string=sign["source"])
        assert link is not None and link["href"] == addresses[sign["link"]]
        if sign.get("corrected"):
            assert "counted from their due date if they were born early" in found[0].get_text(" ", strip=True)


def test_nice_sitting_sign_is_at_8_months_on_the_6_to_12_months_page(soups):
    """NICE's line is 8 months, though the CDC list puts sitting at 9 (the review's S1)."""
    texts = [li.get_text(" ", strip=True) for li in card_items(soups["ages/6-12-months/index.html"], "non-urgent")]
    assert any("not sitting on their own by 8 months" in t for t in texts)


def test_a_new_limp_is_for_today_with_gp_or_111(soups):
    for band in ("1-2-years", "2-3-years", "3-5-years"):
        soup = soups[f"ages/{band}/index.html"]
        card = soup.select_one(".admonition.care-urgent")
        assert "starts to limp" in card.get_text(" ", strip=True)
        assert "Ask for help today" in card.select_one(".admonition-title").get_text(strip=True)
        assert "111" in card.get_text(" ", strip=True)


@pytest.mark.slow  # a real build of its own
@pytest.mark.system
def test_a_real_build_refuses_an_age_page_that_lost_its_signs(tmp_path):
    """The whole path, as an editor meets it: the marker deleted from a card, then `mkdocs build`."""
    project = copy_project(tmp_path)
    page = project / "docs" / "ages" / "6-12-months.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "    <!-- app/signs band=6-12-months level=non-urgent -->\n", ""), encoding="utf-8")
    done = strict_build(project)
    assert done.returncode != 0 and "Traceback" not in done.stdout + done.stderr
    assert ("docs/ages/6-12-months.md: docs/.data/signs.yml has non-urgent signs for 6-12-months, but this page "
            "does not show them.") in done.stdout + done.stderr


@pytest.mark.parametrize("band", ["0-6-months", "6-12-months", "1-2-years", "2-3-years", "3-5-years"])
def test_each_age_page_opens_with_key_points_from_the_data(soups, band):
    """Before the long lists: what most children do by the band's last checklist (its movement
    and hand items) and when to ask, linked to the page's cards. It opens the printed handout too."""
    data = yaml.safe_load((ROOT / "docs" / ".data" / "milestones.yml").read_text(encoding="utf-8"))["cdc"]
    last = max((c for c in data if c["band"] == band), key=lambda c: c["months"])
    wanted = [i["text"] for i in last["items"] if i["area"] in ("movement", "hands")][:3]
    soup = soups[f"ages/{band}/index.html"]
    box = soup.select_one(".app-key-points")
    assert box is not None and "app-screen-only" not in box["class"]
    lists = soup.select_one("h2#what-most-children-do")
    assert lists is not None and box in lists.find_all_previous("div"), "the key points come after the lists"
    items = [li.get_text(" ", strip=True) for li in box.select("li")]
    assert [i.lower() for i in items] == [w.lower() for w in wanted]
    assert f"By about {last['age']}" in box.get_text(" ", strip=True)
    assert box.select_one('a[href="#when-to-ask-for-help"]') is not None


def test_the_planner_shows_the_same_signs_as_each_age_page(html_pages, soups):
    """The planner copies each age page's cards beside a "Not yet" answer: the NICE signs in them
    are made there too, word for word, never left as a marker."""
    soup = soups["planner/index.html"]
    assert "app/signs" not in html_pages["planner/index.html"]
    for sign in signs_data():
        for band in sign["bands"]:
            cards = soup.select_one(f'.app-planner-signs[data-band="{band}"]')
            assert cards is not None and sign["text"] in cards.get_text(" ", strip=True), (band, sign["text"])
