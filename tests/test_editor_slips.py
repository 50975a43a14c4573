"""Slips an editor makes that used to build and publish something wrong, or end in a traceback.

Each rule is called directly, as a function, with the slip and the words the editor must see:
the front matter rules on a page's text, the care-card check on the HTML the site's Markdown
makes, the raw-HTML check on a page's Markdown, the file checks on a name or bytes.
tests/test_broken_input.py builds a broken site a few times to prove the wiring end to end.
"""

from __future__ import annotations

import json
import os
import shutil
from types import SimpleNamespace

import jinja2
import markdown as markdown_lib
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

import build_state
import care_cards
import front_matter
import front_matter_reader
import offline
import page_heading
import raw_html
import site_model
import snippets_exist
import source_files
from conftest import ROOT, copy_project, strict_build_started
from test_broken_input import GOOD


@pytest.fixture(scope="module")
def config():
    return load_config(config_file=str(ROOT / "mkdocs.yml"))


def page(old: str = "", new: str = "", body: str = "") -> str:
    """The good test page with one slip: `old` replaced by `new`, `body` added at the end."""
    assert old in GOOD
    return GOOD.replace(old, new, 1) + body


def problems(text: str, config) -> list[str]:
    return front_matter.page_problems(text, config)[1]


def render(markdown: str, config) -> str:
    """The page's HTML as the site's Markdown extensions make it (snippets aside)."""
    extensions = [e for e in config.markdown_extensions if e != "pymdownx.snippets"]
    return markdown_lib.Markdown(extensions=extensions, extension_configs=config.mdx_configs).convert(markdown)


def card_problems(markdown: str, config) -> list[str]:
    """Each care-card problem as the editor reads it: 'line N: ...' (N counted in `markdown`)."""
    html = render(markdown, config)
    return [f"line {care_cards.line_of(p, html, markdown)}: {p.message}"
            for p in care_cards.problems(html, markdown)]


# --- care cards and callouts -----------------------------------------------------------------

CARD = '!!! care-urgent "Ask for help today if:"\n\n    - your child stops doing things they could do before\n'
CARD_SLIPS = [
    ("unknown type", CARD.replace("care-urgent", "care-urgnt"),
     "line 1: 'care-urgnt' is not a callout this site uses. Did you mean 'care-urgent'?"),
    ("unknown callout", '!!! warnign "Safety"\n\n    Stay with your child.\n',
     "line 1: 'warnign' is not a callout this site uses. Did you mean 'warning'?"),
    ("no title", CARD.replace(' "Ask for help today if:"', ""),
     "line 1: the 'care-urgent' card has no title. Give it a call to action ending in \"if:\""),
    ("empty title", CARD.replace('"Ask for help today if:"', '""'), "line 1: the 'care-urgent' card has no title"),
    ("title not a call to action", CARD.replace("Ask for help today if:", "Get help"),
     "line 1: the 'care-urgent' card's title is 'Get help'. Make it one call to action ending in \"if:\""),
    ("collapsible", CARD.replace("!!!", "???"), "line 1: the 'care-urgent' card is collapsible"),
    ("body not indented", CARD.replace("    - ", "- "),
     'line 1: the \'care-urgent\' card "Ask for help today if:" has no list of signs inside it. The signs below '
     "it are outside the card"),
    ("body re-indented by two spaces", "Intro.\n\n" + CARD.replace("    - ", "  - ") + "  - a second sign\n",
     "line 3: the 'care-urgent' card \"Ask for help today if:\" has no list of signs inside it. The signs below it "
     "are outside the card: indent every line of the card's text by four spaces"),
    ("empty card", CARD.split("\n")[0] + "\n\n## Next section\n",
     'line 1: the \'care-urgent\' card "Ask for help today if:" has no list of signs inside it. The card is empty.'),
    ("no blank line before the list", CARD.replace("\n\n    - ", "\n\n    Call if:\n    - "),
     "has no list of signs inside it. Put the signs under the title as a list"),
    ("body indented too far", CARD.replace("    - ", "        - "),
     "line 1: part of the 'care-urgent' card \"Ask for help today if:\" is indented too far and shows as code"),
    ("second sign falls out", CARD + "  - a second sign\n",
     "line 1: a list comes right after the 'care-urgent' card \"Ask for help today if:\", outside it"),
    ("text after the list falls out", CARD + "\n  Call your GP or NHS 111.\n",
     "line 1: the text 'Call your GP or NHS 111.' right after the 'care-urgent' card"),
    ("empty callout", '!!! note "Every child is different"\n\nChildren learn at their own pace.\n',
     "line 1: the 'note' callout has nothing inside it"),
    ("indented text shows as code", "Some text.\n\n    Indented by mistake.\n",
     "the lines starting 'Indented by mistake.' are indented by four spaces or more, so they show as code"),
]


@pytest.mark.parametrize("slip, markdown, message", CARD_SLIPS, ids=[s[0] for s in CARD_SLIPS])
def test_care_card_slip(config, slip, markdown, message):
    found = card_problems(markdown, config)
    assert found and message in found[0], found


def test_the_components_page_cards_pass(config):
    """The card patterns editors copy are right, and a line's number counts the front matter."""
    text = (ROOT / "docs" / "components.md").read_text(encoding="utf-8")
    assert card_problems(front_matter_reader.split_front_matter(text)[1], config) == []
    slipped = text.replace("\n    - your child stops doing things", "\n  - your child stops doing things", 1)
    html = render(front_matter_reader.split_front_matter(slipped)[1], config)
    first = care_cards.problems(html, slipped)[0]
    line = care_cards.line_of(first, html, slipped)
    assert slipped.splitlines()[line - 1] == '!!! care-urgent "Ask for help today if:"'


# --- YAML traps in front matter --------------------------------------------------------------

YAML_SLIPS = [
    ("value cut short by ' #'", page("title: A test page", "title: Tummy time #1 for babies"),
     "line 2: 'title' is cut short at '#', so it would read 'Tummy time'"),
    ("description cut short", page("one fault at a time.", "one fault at a time. #tummytime"),
     "line 3: 'description' is cut short at '#'"),
    ("a field given twice", page("reviewed_by: pending", "reviewed_by: pending\ntitle: Another title"),
     "line 7: the front matter cannot be read: 'title' is given twice (lines 2 and 7). Keep one"),
    ("title as a block", page("title: A test page", "title: |\n  A test page"),
     "line 2: 'title' is written over several lines ('|'), so it keeps its line breaks. Write it on one line"),
    ("description as a block", page("description: A page", "description: |\n  A page\n  more words,"),
     "line 3: 'description' is written over several lines ('|'), so it keeps its line breaks. Use '>-'"),
    ("reviewer as a block", page("reviewed_by: pending", "reviewed_by: |\n  pending"),
     "'reviewed_by' is written over several lines"),
    ("block not closed", page("---\n\n## A section", "\n## A section"),
     "the front matter is not closed before the page's text starts. Put a line with only '---'"),
    ("block never closed", "---\ntitle: A test page\n",
     "the front matter is not closed. Put a line with only '---' after the last field"),
    ("closed with two dashes", page("---\n\n## A section", "--\n\n## A section"),
     "line 10: the front matter is not closed: '--' must be exactly three dashes"),
    ("a second colon", page("title: A test page", "title: Tummy time: the basics"),
     "line 2: the front matter cannot be read: there is a second ':' in the line. Put the value in quotes"),
    ("a quote inside quotes", page("title: A test page", "title: 'Your child's day'"),
     "line 2: the front matter cannot be read: there is text after a closing quote, or a quote inside quotes"),
    ("a quote not closed", page("title: A test page", 'title: "Tummy time'),
     "line 2: the front matter cannot be read: there is a quote that is not closed"),
    ("a tab", page("reviewed_by: pending", "reviewed_by:\tpending\n\tnext: 1"),
     "the front matter cannot be read: there is a tab. Use spaces, not tabs."),
    ("a field indented", page("reviewed_by: pending", "  reviewed_by: pending"),
     "line 6: the front matter cannot be read: there is a field indented by spaces"),
    ("blank lines above", "\n" + GOOD, "the front matter must start on the very first line"),
]


@pytest.mark.parametrize("slip, text, message", YAML_SLIPS, ids=[s[0] for s in YAML_SLIPS])
def test_front_matter_yaml_slip(config, slip, text, message):
    found = problems(text, config)
    assert any(message in p for p in found), found
    assert not any(word in " ".join(found) for word in ("mapping", "scalar", "token", "Traceback"))


def test_a_plain_note_after_other_fields_is_fine(config):
    assert problems(page("next_review: 2027-11-01", "next_review: 2027-11-01  # a year on"), config) == []


# --- data files ----------------------------------------------------------------------------------

MILESTONE_SLIPS = [
    ("band typo", ("band: 0-6-months", "band: 0-6-month"),
     "checklist 1 (2 months): the band '0-6-month' is not one of"),
    ("months as words", ("months: 4", "months: four"), "checklist 2 (4 months): 'months' is 'four'. Write a number"),
    ("months outside the band", ("months: 4", "months: 14"),
     "checklist 2 (4 months): 'months' is 14, which is not in the band '0-6-months'"),
    ("area typo", ("{area: hands, text: \"Open their hands", "{area: hand, text: \"Open their hands"),
     "checklist 1 (2 months): the item 'Open their hands for a short time' has the area 'hand'. Use one of"),
    ("item without area", ("{area: movement, text: \"Move both", "{text: \"Move both"),
     "checklist 1 (2 months): the item"),
    ("a key twice", ("{area: movement, text: \"Move both", "{area: movement, area: hands, text: \"Move both"),
     "docs/.data/milestones.yml, line {line}: this file cannot be read: 'area' is given twice. Keep one"),
    ("a colon in a text", ("text: \"Move both arms and both legs\"", "text: Move: both arms"),
     "docs/.data/milestones.yml, line {line}: this file cannot be read: there is a value that starts with '[' or "
     "'{{' and is not closed, or a ':' or ',' in a value between '{{ }}'. Put the value in double quotes"),
    ("WHO ages as words", ("from: 3.8", "from: about 4"), "WHO row 1 (Sitting without support): 'from' is 'about 4'"),
    ("WHO bands not a list", ("bands: [6-12-months]}", "bands: 6-12-months}"),
     "WHO row 2 (Standing with help): 'bands' is '6-12-months'. Write it as a list in square brackets"),
    ("WHO ages swapped", ("from: 3.8, to: 9.2", "from: 9.2, to: 3.8"),
     "WHO row 1 (Sitting without support): 'from' (9.2) must be less than 'to' (3.8)"),
]


@pytest.mark.parametrize("slip, change, message", MILESTONE_SLIPS, ids=[s[0] for s in MILESTONE_SLIPS])
def test_milestones_slip_names_the_data_file_and_entry(tmp_path, config, slip, change, message):
    for folder in (".data", ".snippets", "play"):  # the milestones name play pages by file name
        shutil.copytree(ROOT / "docs" / folder, tmp_path / "docs" / folder)
    data = tmp_path / "docs" / ".data" / "milestones.yml"
    text = data.read_text(encoding="utf-8")
    assert change[0] in text
    data.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    fake = SimpleNamespace(docs_dir=str(tmp_path / "docs"), config_file_path=str(tmp_path / "mkdocs.yml"),
                           extra=config.extra)
    with pytest.raises(PluginError) as error:
        source_files.on_files([], fake)  # before any page: no page is named
    assert str(error.value).startswith("docs/.data/milestones.yml"), error.value
    line = text[:text.index(change[0])].count("\n") + 1  # the line the slip is on
    assert message.format(line=line) in str(error.value)


# --- files ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, message", [
    ("help.md.bak", "this looks like a backup or a copy left by an editing program, and it would be published"),
    ("help.md~", "this looks like a backup or a copy"),
    ("play/tummy-time.md.orig", "this looks like a backup or a copy"),
    ("#help.md#", "this looks like a backup or a copy"),
    ("x.md.txt", "this looks like a page saved with the wrong ending ('.txt'), and it would be published as it is"),
    ("X.MD", "a page's file name must end in '.md' in small letters, or it is published as it is, not as a page. "
     "Rename it to X.md."),
    ("help.markdown", "a page's file name must end in '.md' in small letters"),
    ("leaflet.docx", "files ending in '.docx' are not published on this site"),
])
def test_files_that_would_be_published_raw_are_refused(name, message):
    assert message in (source_files.name_problem(name) or "")


@pytest.mark.parametrize("name", ["help.md", "play/tummy-time.md", "assets/extra.css", "assets/icons/icon.svg",
                                  "leaflets/move-and-play.pdf"])
def test_files_a_page_uses_are_published(name):
    assert source_files.name_problem(name) is None


def test_a_page_not_saved_as_utf8(config):
    data = page("title: A test page", "title: Caf\u00e9 play").encode("cp1252")
    line, message = source_files.encoding_problem(data)
    assert line == 2
    assert "this file is not saved as UTF-8 text, so a character near 'title: Caf\u00e9 play' cannot be read" in message
    assert source_files.encoding_problem(GOOD.encode("utf-8")) is None


def test_a_template_that_does_not_exist(config):
    found = problems(page("reviewed_by: pending", "reviewed_by: pending\ntemplate: homepage.html"), config)
    assert found == ["line 7: the template 'homepage.html' does not exist. Delete the 'template' line: every page "
                     "uses the site's own layout."]
    assert problems(page("reviewed_by: pending", "reviewed_by: pending\ntemplate: main.html"), config) == []


@pytest.mark.parametrize("name, message", [
    ("../help.md", "the snippet '../help.md' is outside docs/.snippets. Snippets can only come from there"),
    ("../../mkdocs.yml", "is outside docs/.snippets"),
    ("/etc/passwd", "the snippet '/etc/passwd' is outside docs/.snippets"),
    ("https://example.org/a.md", "is a web address. Snippets are files in docs/.snippets"),
    ("no-such-file.md", "the snippet 'no-such-file.md' does not exist"),
])
def test_snippet_paths(name, message):
    bases = [ROOT / "docs" / ".snippets"]
    assert message in (snippets_exist.snippet_problem(name, bases) or "")
    assert snippets_exist.snippet_problem("links.md", bases) is None


# --- review dates and release --------------------------------------------------------------------

def test_next_review_more_than_three_years_on(config):
    found = problems(page("next_review: 2027-11-01", "next_review: 2029-11-02"), config)
    assert ("line 5: 'next_review' (2029-11-02) is more than 3 years after 'last_reviewed' (2026-11-01). Every "
            "page is reviewed at least every 3 years: set 'next_review' to 2029-11-01 or sooner.") in found
    assert problems(page("next_review: 2027-11-01", "next_review: 2029-11-01"), config) == []


@pytest.mark.parametrize("release, site_url, message", [
    ("true", "https://example.nhs.uk/", "RELEASE is 'true'. Write RELEASE=1 for a release build"),
    ("yes", "https://example.nhs.uk/", "RELEASE is 'yes'."),
    ("0", "https://example.nhs.uk/", "RELEASE is '0'."),
    ("1", "http://127.0.0.1:8000/", "a release build needs the site's real https:// address, but site_url is "
     "'http://127.0.0.1:8000/'. Build with SITE_URL=https://<the site's address>/ make build RELEASE=1."),
    ("1", "example.nhs.uk", "needs the site's real https:// address"),
])
def test_release_setting(release, site_url, message):
    found = front_matter.release_problems(release, site_url)
    assert found and message in found[0]


@pytest.mark.parametrize("release, site_url", [(None, "http://127.0.0.1:8000/"), ("", "http://127.0.0.1:8000/"),
                                               ("1", "https://example.nhs.uk/")])
def test_release_settings_that_build(release, site_url):
    assert front_matter.release_problems(release, site_url) == []


# --- raw HTML in pages ---------------------------------------------------------------------------

RAW_SLIPS = [
    ("script", "<script>alert(1)</script>", "has a script (<script>)"),
    ("style", "<style>h2 { color: red }</style>", "has a style block (<style>)"),
    ("on attribute", '<span onmouseover="steal()">Tap here</span>', "has an 'on...=' attribute"),
    ("style attribute", '<span style="color: red">Warning</span>', "has a 'style=' attribute"),
    ("iframe", '<iframe src="https://www.youtube.com/embed/x"></iframe>', "embeds another page or program"),
    ("object", '<object data="leaflet.pdf"></object>', "embeds another page or program"),
    ("form", '<form action="/x"><input name="q"></form>', "has HTML that only the site's templates may use"),
    ("javascript link", "[Tap here](javascript:alert(1))", "has a link that runs a script or hides a file "
     "(javascript:alert(1)"),
    ("javascript href", '<a href="javascript:void(0)">Tap</a>', "has a link that runs a script"),
    ("upper-case script", "<SCRIPT SRC=x.js></SCRIPT>", "has a script (<SCRIPT SRC=x.js>)"),
    ("picture from another host", "![A baby](https://example.org/baby.jpg)",
     "shows a picture from another website (https://example.org/baby.jpg)"),
    ("img from another host", '<img src="//example.org/baby.jpg" width="4" height="3">',
     "shows a picture from another website (//example.org/baby.jpg)"),
    ("inline link", "See [the NHS](https://www.nhs.uk/).", "has a web address written into the page "
     "(https://www.nhs.uk/). Add it once to docs/.snippets/links.md"),
    ("autolink", "See <https://www.nhs.uk/>.", "has a web address written into the page (https://www.nhs.uk/"),
    ("link definition in a page", "[nhs]: https://www.nhs.uk/", "has a web address written into the page"),
    ("bare www", "Go to www.nhs.uk for more.", "has a web address written into the page (www.nhs.uk"),
    ("html link", '<a href="https://www.nhs.uk/">NHS</a>', "has a web address written into the page"),
    ("emoji shortcode", "Well done :smile:", "has the emoji shortcode :smile:, whose picture comes from another "
     "website"),
]


@pytest.mark.parametrize("slip, markdown, message", RAW_SLIPS, ids=[s[0] for s in RAW_SLIPS])
def test_raw_html_slip(slip, markdown, message):
    found = raw_html.check_markdown("Some words.\n\n" + markdown + "\n")
    assert found and message in found[0][1], found
    assert found[0][0] in markdown  # what the build searches the page for, to name the line


@pytest.mark.parametrize("markdown", [
    "Shown as code: `<script>` and `https://example.org`.",
    "```html\n<script>alert(1)</script>\n<iframe src=\"https://example.org\"></iframe>\n```",
    "A time: 10:30: then tea. An icon: :material-home:.",
    "[NHS tummy time advice][nhs-active]",
])
def test_what_a_page_may_have(markdown):
    assert raw_html.check_markdown(markdown) == []


def test_the_snippets_on_every_page_are_checked_too(tmp_path):
    shutil.copytree(ROOT / "docs" / ".snippets", tmp_path / ".snippets")
    fake = SimpleNamespace(docs_dir=str(tmp_path))
    assert raw_html.on_files([], fake) == []  # links.md may hold addresses: it is where they live
    abbr = tmp_path / ".snippets" / "abbr.md"
    abbr.write_text(abbr.read_text(encoding="utf-8") + '*[OT]: <img src="x.png" onerror="steal()">\n', encoding="utf-8")
    lines = abbr.read_text(encoding="utf-8").count("\n")
    with pytest.raises(PluginError, match=rf"^docs/\.snippets/abbr\.md, line {lines}: has an 'on\.\.\.=' attribute"):
        raw_html.on_files([], fake)


@pytest.mark.parametrize("address", ["tel:999x", "tel:+44", "tel:99a", "mailto:help@example.org",
                                     "mailto:team@nhs.net?subject=x", "mailto:team@nhs.uk.example.org",
                                     "http://www.nhs.uk/", "sms:999"])
def test_links_md_holds_only_https_addresses_and_phone_numbers(tmp_path, address):
    shutil.copytree(ROOT / "docs" / ".snippets", tmp_path / ".snippets")
    fake = SimpleNamespace(docs_dir=str(tmp_path))
    links = tmp_path / ".snippets" / "links.md"
    links.write_text(links.read_text(encoding="utf-8") + f"[bad-number]: {address}\n", encoding="utf-8")
    lines = links.read_text(encoding="utf-8").count("\n")
    with pytest.raises(PluginError, match=rf"^docs/\.snippets/links\.md, line {lines}: the link 'bad-number' goes to"):
        raw_html.on_files([], fake)


def test_a_phone_number_is_a_link_a_page_may_use():
    assert raw_html.check_link_addresses("[tel-999]: tel:999\n[tel-111]: tel:111\n") == []


def test_an_nhs_email_address_is_a_link_a_page_may_use():
    assert raw_html.check_link_addresses("[team]: mailto:lpt.patient.experience@nhs.net\n"
                                         "[trust]: mailto:someone@leicspart.nhs.uk\n") == []


def test_a_hidden_javascript_link_in_the_built_page_is_refused(config):
    found = raw_html.check_html(render('<a href="&#106;avascript:alert(1)">Tap</a>', config))
    assert found and found[0][1].startswith("has a link that runs a script (javascript:alert(1))")


def test_a_cdn_emoji_in_the_built_page_is_refused(config):
    found = raw_html.check_html(render("Well done :smile:", config))
    assert found and found[0] == (":smile:", "shows a picture from another website (:smile:). Leave the emoji "
                                             "out, or type the emoji itself (on a phone keyboard).")


def test_a_title_with_html_is_refused(config):
    found = problems(page("title: A test page", "title: <script>alert(1)</script> & more"), config)
    assert any(p.startswith("line 2: the title '<script>alert(1)</script> & more' has '<' or '>'") for p in found)


def test_titles_are_escaped_for_every_template():
    """The theme writes `{{ page.meta.title }}` unescaped and ours `| e`: both must escape once."""
    meta = {"title": 'Tom & Jerry\'s "big" game'}
    fake = SimpleNamespace(meta=meta)
    page_heading.on_page_markdown("", page=fake)
    env = jinja2.Environment()
    for template in ("{{ page.meta.title }}", "{{ page.meta.title | e }}"):
        assert env.from_string(template).render(page=fake) == "Tom &amp; Jerry&#39;s &#34;big&#34; game"
    from test_page_tree import tree_html  # the h1 is an element of the page's tree (page_heading.on_page_tree)
    assert tree_html("x", page_heading.on_page_tree, page=fake).startswith(
        '<h1 id="app-title" tabindex="-1">Tom &amp; Jerry&#39;s &#34;big&#34; game</h1>')


# --- size ----------------------------------------------------------------------------------------

def test_pictures_need_a_width_and_height(config):
    found = raw_html.check_html(render("![A baby on their tummy](assets/tummy.png)", config))
    assert found == [("tummy.png", "the picture 'tummy.png' has no width and height, so the page jumps as it "
                      "loads. Add both, in pixels, after the picture's address, for example ![A baby on their "
                      "tummy](...){ width=\"400\" height=\"300\" }.")]
    sized = '![A baby on their tummy](assets/tummy.png){ width="400" height="300" }'
    assert raw_html.check_html(render(sized, config)) == []


def test_a_picture_over_the_budget_is_refused():
    assert source_files.size_problem("assets/baby.jpg", 340_000).startswith(
        "this picture is 340 KB; pictures must be 200 KB or smaller")
    assert source_files.size_problem("assets/baby.jpg", 150_000) is None
    assert source_files.size_problem("leaflets/pack.pdf", 900_000) is None


def test_the_service_worker_never_precaches_a_large_file(tmp_path):
    """offline.py refuses to list a file over 200 KB that a saved page loads."""
    site = tmp_path / "site"
    (site / "assets" / "icons").mkdir(parents=True)
    (site / "assets" / "sw.js").write_text(f"const SETTINGS = {offline.PLACEHOLDER};\n", encoding="utf-8")
    for icon in offline.ICONS:
        (site / icon["src"]).write_bytes(b"icon")
    (site / "assets" / "big.png").write_bytes(os.urandom(offline.MAX_PRECACHE_BYTES + 1))  # does not compress
    fake = SimpleNamespace(site_dir=str(site), extra={}, use_directory_urls=True, site_name="Test",
                           site_description="")
    for src in site_model.offline_pages(fake):
        url = offline._built_url(src, fake)
        out = site / url / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        big = os.path.relpath(site / "assets" / "big.png", out.parent)
        out.write_text(f'<img src="{big}">' if src == "index.md" else "<p>page</p>", encoding="utf-8")
    with pytest.raises(PluginError, match=r"offline\.py: assets/big\.png is over 200 KB"):
        offline.on_post_build(fake, build=build_state.Build())
    (site / "assets" / "big.png").write_bytes(b"0" * 1000)
    (site / "assets" / "sw.js").write_text(f"const SETTINGS = {offline.PLACEHOLDER};\n", encoding="utf-8")
    offline.on_post_build(fake, build=build_state.Build())
    settings = offline.read_settings((site / "sw.js").read_text(encoding="utf-8"))
    assert "assets/big.png" in settings["assets"]
    assert json.dumps(settings)


# --- the snippet files on every page, and the link names pages use (issue 25) --------------------

LINKS = (ROOT / "docs" / ".snippets" / "links.md").read_text(encoding="utf-8")
ABBR = (ROOT / "docs" / ".snippets" / "abbr.md").read_text(encoding="utf-8")

SNIPPET_SLIPS = [
    ("a heading", "links.md", "## More links\n",
     "'## More links' is a heading, and it would show at the foot of every page. Delete it, or make it a note: "
     "[//]: # (More links)."),
    ("a sentence", "links.md", "These are the links.\n",
     "the line 'These are the links.' is not a definition. Every line of this file is a link, '[name]: address'"),
    ("a note not closed", "links.md", "[//]: # (Links for the new page\n",
     "the note '[//]: # (Links for the new page' is not written as a note, so it would show on every page."),
    ("a note without brackets", "abbr.md", "[//]: # more words\n", "is not written as a note"),
    ("words after the address", "links.md", "[nhs-new]: https://www.nhs.uk/ the NHS\n",
     "the link '[nhs-new]: https://www.nhs.uk/ the NHS' is not one name and one address."),
    ("no address", "links.md", "[nhs-new]:\n", "the link '[nhs-new]:' is not one name and one address."),
    ("indented", "links.md", "    [nhs-new]: https://www.nhs.uk/\n", "starts with spaces. Take them away."),
    ("a link defined twice", "links.md", "[nhs-active]: https://www.nhs.uk/other/\n",
     "the link name 'nhs-active' is defined twice (lines {first} and {line}). Keep one"),
    ("a link defined twice, other capitals", "links.md", "[NHS-Active]: https://www.nhs.uk/other/\n",
     "the link name 'NHS-Active' is defined twice"),
    ("an abbreviation defined twice", "abbr.md", "*[OT]: Occupational therapist\n",
     "the abbreviation 'OT' is defined twice (lines {first} and {line})."),
    ("an abbreviation without its colon", "abbr.md", "*[SENCO] Special educational needs coordinator\n",
     "the abbreviation '*[SENCO] Special educational needs coordinator' is not written as one."),
    ("an abbreviation without a meaning", "abbr.md", "*[SENCO]:\n", "is not written as one"),
]


@pytest.mark.parametrize("slip, name, line, message", SNIPPET_SLIPS, ids=[s[0] for s in SNIPPET_SLIPS])
def test_snippet_file_slip(tmp_path, slip, name, line, message):
    """Each slip added at the end of the real file, then the hook run as the build runs it."""
    text = LINKS if name == "links.md" else ABBR
    shutil.copytree(ROOT / "docs" / ".snippets", tmp_path / ".snippets")
    (tmp_path / ".snippets" / name).write_text(text + line, encoding="utf-8")
    number = text.count("\n") + 1
    first = next((i for i, old in enumerate(text.split("\n"), 1)
                  if old and old.split("]")[0].casefold() == line.split("]")[0].casefold()), None)
    with pytest.raises(PluginError) as error:
        snippets_exist.on_files([], SimpleNamespace(docs_dir=str(tmp_path)))
    assert str(error.value).startswith(f"docs/.snippets/{name}, line {number}: "), error.value
    assert message.format(first=first, line=number) in str(error.value)


def test_the_snippet_files_as_they_are_pass(tmp_path):
    assert snippets_exist.snippet_file_problems("links.md", LINKS) == []
    assert snippets_exist.snippet_file_problems("abbr.md", ABBR) == []


@pytest.mark.parametrize("name, line", [
    ("links.md", "[//]: # (A note (with brackets) inside it)"),
    ("links.md", "[nhs-new]: https://www.nhs.uk/"),
    ("links.md", "[tel-119]: tel:119"),
    ("abbr.md", "*[SENCO]: Special educational needs coordinator"),
    ("abbr.md", "*[A&E]: Accident and emergency"),
    ("abbr.md", ""),
])
def test_what_a_snippet_file_may_have(config, name, line):
    """Harmless lines build, and show nothing on the page."""
    text = (LINKS if name == "links.md" else ABBR) + line + "\n"
    assert snippets_exist.snippet_file_problems(name, text) == []
    if line:
        assert render(line + "\n", config) == ""


@pytest.mark.parametrize("address, tracking, clean", [
    ("https://www.nhs.uk/baby/?utm_source=facebook&utm_medium=social", "utm_source, utm_medium",
     "https://www.nhs.uk/baby/"),
    ("https://www.nhs.uk/baby/?id=3&fbclid=IwAR0abc", "fbclid", "https://www.nhs.uk/baby/?id=3"),
    ("https://www.nhs.uk/baby/?gclid=Cj0KCQ#sleep", "gclid", "https://www.nhs.uk/baby/#sleep"),
])
def test_links_md_addresses_carry_no_tracking(tmp_path, address, tracking, clean):
    shutil.copytree(ROOT / "docs" / ".snippets", tmp_path / ".snippets")
    (tmp_path / ".snippets" / "links.md").write_text(LINKS + f"[nhs-new]: {address}\n", encoding="utf-8")
    with pytest.raises(PluginError) as error:
        raw_html.on_files([], SimpleNamespace(docs_dir=str(tmp_path)))
    assert str(error.value) == (
        f"docs/.snippets/links.md, line {LINKS.count(chr(10)) + 1}: the address of the link 'nhs-new' has a "
        f"tracking part ({tracking}), which tells another company who clicked. Take it out: write "
        f"[nhs-new]: {clean}")


def test_an_address_with_an_ordinary_query_is_fine():
    assert raw_html.check_link_addresses("[whittington-development]: https://whittington.nhs.uk/?c=46649\n") == []


def fake_markdown_page(text: str):
    return SimpleNamespace(file=SimpleNamespace(src_uri="play/zz-broken.md", content_string=text))


UNKNOWN_LINKS = [
    ("a name misspelt", "See [the NHS advice][nhs-activ].",
     "line 16: the link name 'nhs-activ' in [the NHS advice][nhs-activ] is not in docs/.snippets/links.md, so "
     "the page would show it in square brackets, not as a link. Did you mean 'nhs-active'? Use a name from "
     "links.md, spelt the same way, or add the address there once as [nhs-activ]: https://..."),
    ("a name never added", "Read [the leaflet][lpt-leaflet].", "the link name 'lpt-leaflet' in [the leaflet]"),
    ("a collapsed reference", "See [nhs-activ][].", "the link name 'nhs-activ' in [nhs-activ][]"),
    ("a shortcut", "See [nhs-activ] for more.", "the link name 'nhs-activ' in [nhs-activ] is not in"),
    ("a link in a card title", '!!! care-emergency "Call [999][tel-99] if:"\n\n    - a sign\n',
     "Did you mean 'tel-999'?"),
]


@pytest.mark.parametrize("slip, body, message", UNKNOWN_LINKS, ids=[s[0] for s in UNKNOWN_LINKS])
def test_a_link_name_never_defined(config, slip, body, message):
    text = GOOD + "\n" + body + "\n"
    with pytest.raises(PluginError) as error:
        snippets_exist.on_page_markdown(text, page=fake_markdown_page(text), config=config)
    assert str(error.value).startswith("docs/play/zz-broken.md, line 16: "), error.value
    assert message in str(error.value)


@pytest.mark.parametrize("body", [
    "See [the NHS advice][nhs-active] and [NHS 111][TEL-111].",
    "A [task list]: [ ] and [x], a note [sic], and [a page](../help.md).",
    "Shown as code: `[words][no-such-name]`.\n\n```markdown\n[words][no-such-name]\n```",
    "[a local name][here]\n\n[here]: ../help.md",
    "A picture: ![a baby][not-a-link-name] is not ours to judge, nor \\[escaped-brackets].",
])
def test_link_names_a_page_may_use(config, body):
    text = GOOD + "\n" + body + "\n"
    assert snippets_exist.unknown_links(text, snippets_exist.link_names(config)) == []


def test_every_page_uses_only_defined_link_names(config):
    known = snippets_exist.link_names(config)
    for path in sorted((ROOT / "docs").rglob("*.md")):
        if ".snippets" not in path.parts:
            assert snippets_exist.unknown_links(path.read_text(encoding="utf-8"), known) == [], path


# --- real builds, one per family of issue 25, side by side (marked system: `make test` runs them) ---

def _append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# name: (how to break a copy of the project, the file and line the message must start with)
FAMILY_BUILDS = {
    "snippet file": (lambda p: _append(p / "docs" / ".snippets" / "links.md", "## More links\n"),
                     "docs/.snippets/links.md, line {links_end}: '## More links' is a heading"),
    "link name": (lambda p: _replace(p / "docs" / "help.md", "[what to expect at each age](ages/index.md)",
                                     "[what to expect at each age][ages-index]"),
                  "docs/help.md, line 23: the link name 'ages-index' in [what to expect at each age][ages-index] "
                  "is not in docs/.snippets/links.md"),
    "care card meaning": (lambda p: _replace(p / "docs" / "help.md", '!!! care-emergency "Call [999][tel-999] if:"',
                                             '!!! care-non-urgent "Call [999][tel-999] if:"'),
                          "docs/help.md, line 32: the 'care-non-urgent' card \"Call 999 if:\" is non-urgent, but it "
                          "says '999'. A non-urgent card sends parents to their health visitor or GP."),
    "title too long": (lambda p: _replace(p / "docs" / "planner.md", "\ntitle: ",
                                          "\ntitle: The checklist for your child, and "),
                       "docs/planner.md, line 2: the title is 55 characters long. Keep it to 50 or fewer"),
    "title twice": (lambda p: _replace(p / "docs" / "help.md", "\ntitle: Worried? Get help\n", "\ntitle: Tummy-time!\n"),
                    "docs/play/tummy-time.md, line 2: the title 'Tummy time' is the same, but for capitals or "
                    "punctuation, as 'Tummy-time!' in docs/help.md."),
    # issue 25, part 3: Markdown that breaks quietly, the milestones by meaning, the files beside the
    # pages, a page's old address, and the Easy Read rules on every part of a page.
    "quiet markdown": (lambda p: _append(p / "docs" / "help.md", "\n<h1>Worried?</h1>\n"),
                       "docs/help.md, line {help_end}: has a main heading written in HTML (<h1>). A page has one main "
                       "heading, made from the front matter 'title'; use '## ' for a section."),
    "milestones by meaning": (lambda p: _replace(p / "docs" / ".data" / "milestones.yml", "    months: 4\n",
                                                 "    months: 4,5\n"),
                              "docs/.data/milestones.yml, line 38: 'months' is written 4,5, with a comma. Ages are a "
                              "number of months with a full stop for part of a month: write months: 4.5"),
    "files beside the pages": (lambda p: (
        (p / "docs" / "assets" / "IMG_2041.JPG").write_bytes(b"\xff\xd8" + b"0" * 250_000),
        (p / "docs" / "assets" / "star.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg">\n<circle r="4" '
                                                        'onmouseover="steal()"/>\n</svg>\n', encoding="utf-8")),
                               ("docs/assets/IMG_2041.JPG: a picture's file name has only small letters, numbers and "
                                "hyphens (a space breaks its address, and capitals break it on the web server). Rename "
                                "it to img-2041.jpg, and write that new name in the pages that show it.",
                                "docs/assets/IMG_2041.JPG: this picture is 250 KB",
                                "docs/assets/star.svg, line 2: this drawing has an event handler (onmouseover=)")),
    "old address kept": (lambda p: (p / "docs" / "concerns" / "w-sitting.md").rename(
                             p / "docs" / "concerns" / "w-sitting-position.md"),
                         ("docs/.data/published.txt, line {w_sitting}: the address /concerns/w-sitting/ was published, "
                          "but no page has it now: was docs/concerns/w-sitting.md (or docs/concerns/w-sitting/index.md) "
                          "renamed, moved or removed?",
                          "under extra.short_links in mkdocs.yml add the line\n      concerns/w-sitting: "
                          "concerns/w-sitting-position.md\n")),
    "easy read everywhere": (lambda p: _replace(p / "docs" / "easy-read" / "when-to-ask.md", "## Reviews\n\n",
                                                "## Reviews\n\nYour health visitor sees your child at set times.\n\n"),
                             "docs/easy-read/when-to-ask.md, line 38: these words are an idea without a picture: "
                             "'Your health visitor sees your child at set times.'"),
}


def _expected(name: str) -> tuple[str, ...]:
    expected = FAMILY_BUILDS[name][1]
    published_list = (ROOT / "docs" / ".data" / "published.txt").read_text(encoding="utf-8").splitlines()
    values = {"links_end": LINKS.count("\n") + 1,
              "help_end": (ROOT / "docs" / "help.md").read_text(encoding="utf-8").count("\n") + 2,
              "w_sitting": published_list.index("/concerns/w-sitting/") + 1}
    return tuple(e.format(**values) for e in (expected if isinstance(expected, tuple) else (expected,)))


@pytest.fixture(scope="module")
def family_builds(tmp_path_factory) -> dict[str, tuple[int, str]]:
    """{name: (exit code, what the build printed)}."""
    running = {}
    for name, (breaks, _) in FAMILY_BUILDS.items():
        project = copy_project(tmp_path_factory.mktemp(name.replace(" ", "-")))
        breaks(project)
        running[name] = strict_build_started(project)
    done = {}
    for name, process in running.items():
        output, _ = process.communicate(timeout=300)
        done[name] = (process.returncode, output)
    return done


@pytest.mark.system
@pytest.mark.parametrize("name", FAMILY_BUILDS)
def test_a_real_build_stops_on_the_slip(family_builds, name):
    code, output = family_builds[name]
    assert code != 0, f"the build passed with the slip:\n{output}"
    assert "Traceback" not in output, output
    for expected in _expected(name):
        assert expected in output, output


# --- care cards by meaning: the level and what it asks parents to do agree (issue 25) ------------

NON_URGENT = ('!!! care-non-urgent "Speak to your health visitor or GP if:"\n\n'
              "    - you are worried about how your child moves\n\n    You do not need to wait.\n")
URGENT = CARD + "\n    Call your GP or [NHS 111][tel-111]. In an emergency, call [999][tel-999].\n"
EMERGENCY = '!!! care-emergency "Call [999][tel-999] if:"\n\n    - your child is seriously ill or badly hurt\n'
MEANING_SLIPS = [
    ("non-urgent card asks for 999", NON_URGENT.replace("Speak to your health visitor or GP if:", "Call 999 if:"),
     "line 1: the 'care-non-urgent' card \"Call 999 if:\" is non-urgent, but it says '999'. A non-urgent card "
     "sends parents to their health visitor or GP. If these signs need help today, use a care-urgent card (GP or "
     "NHS 111); if they need 999 or A&E, a care-emergency card."),
    ("non-urgent card says today", NON_URGENT.replace("You do not need to wait.", "Call them today."),
     "is non-urgent, but it says 'today'."),
    ("non-urgent card sends to A&E", NON_URGENT.replace("You do not need to wait.", "Or go to A&E."),
     "is non-urgent, but it says 'A&E'."),
    ("non-urgent card names no one", NON_URGENT.replace("Speak to your health visitor or GP if:", "Ask for advice if:"),
     "line 1: the 'care-non-urgent' card \"Ask for advice if:\" is non-urgent, but does not say who to speak to. "
     "Name the health visitor or GP"),
    ("urgent card asks for 999", URGENT.replace("Ask for help today if:", "Call 999 if:"),
     "line 1: the 'care-urgent' card \"Call 999 if:\" is urgent, but its title asks for 999. If these signs need "
     "999, use a care-emergency card"),
    ("urgent card names no one", CARD, "line 1: the 'care-urgent' card \"Ask for help today if:\" is urgent, but "
     "does not say who to call. Say 'Call your GP or [NHS 111][tel-111].'"),
    ("urgent card with the non-urgent title", URGENT.replace("Ask for help today if:", "Speak to your GP if:")
     .replace("Call your GP or [NHS 111][tel-111]. In an emergency, call [999][tel-999].", "They can help."),
     "is urgent, but does not say the help is needed today."),
    ("emergency card without 999", EMERGENCY.replace("Call [999][tel-999] if:", "Go to A&E if:"),
     "line 1: the 'care-emergency' card \"Go to A&E if:\" is an emergency card, but it does not name 999. An "
     "emergency card says to call 999: !!! care-emergency \"Call [999][tel-999] if:\""),
    ("emergency card sends to the GP", EMERGENCY.replace("Call [999][tel-999] if:", "Call your GP if:")
     + "\n    Or call [999][tel-999].\n",
     "is an emergency card, but its title sends parents to a GP."),
    ("emergency card sends to 111", EMERGENCY.replace("Call [999][tel-999] if:", "Call [NHS 111][tel-111] if:"),
     "is an emergency card, but its title sends parents to NHS 111."),
]


@pytest.mark.parametrize("slip, markdown, message", MEANING_SLIPS, ids=[s[0] for s in MEANING_SLIPS])
def test_care_card_meaning_slip(config, slip, markdown, message):
    found = card_problems(markdown, config)
    assert found and message in found[0], found


@pytest.mark.parametrize("markdown", [
    NON_URGENT, URGENT, EMERGENCY, CARD + "\n    Call your GP or [NHS 111][nhs-111].\n",
    NON_URGENT.replace("You do not need to wait.", "You can also ask at nursery ([NHS 111 Wales][nhs-wales-dcd])."),
    EMERGENCY.replace("Call [999][tel-999] if:", "Call [999][tel-999] or go to A&E if:"),
    NON_URGENT.replace("Speak to your health visitor or GP if:", "Talk to your GP if:"),
])
def test_care_cards_whose_words_match_their_level(config, markdown):
    assert card_problems(markdown, config) == []


def test_every_care_card_on_the_site_matches_its_level(config):
    """The rule is worded so the site's current cards pass: every page with a card, as Markdown."""
    pages = [p for p in sorted((ROOT / "docs").rglob("*.md")) if "care-" in p.read_text(encoding="utf-8")]
    assert len(pages) > 10
    for path in pages:
        body = front_matter_reader.split_front_matter(path.read_text(encoding="utf-8"))[1]
        assert [p for p in card_problems(body, config) if "is urgent" in p or "emergency card" in p
                or "is non-urgent" in p] == [], path


# --- titles: short enough for a phone and a link preview, and not another page's but for punctuation --

def test_a_title_too_long_for_a_phone(config):
    title = "Tummy time for your baby in the first weeks and months after birth"
    found = problems(page("title: A test page", f"title: {title}"), config)
    assert found == [f"line 2: the title is {len(title)} characters long. Keep it to {front_matter.MAX_TITLE} or "
                     "fewer, so it can be read on a phone and is not cut short in a link preview: say the rest in "
                     "the 'description'."]
    assert problems(page("title: A test page", "title: " + "x" * front_matter.MAX_TITLE), config) == []


def test_every_title_on_the_site_fits(config):
    """The limit leaves room above the site's longest title."""
    longest = max(len(str(front_matter_reader.read_front_matter(p.read_text(encoding="utf-8"))[0]["title"]))
                  for p in (ROOT / "docs").rglob("*.md") if ".snippets" not in p.parts)
    assert longest + 5 <= front_matter.MAX_TITLE


@pytest.mark.parametrize("first, second, same", [
    ("Tummy time", "Tummy-time", True),
    ("Tummy time", "tummy time!", True),
    ("Tummy time", "Tummy  Time.", True),
    ("Easy Read: when to ask for help", "Easy read - when to ask for help?", True),
    ("Tummy time", "Tummy time games", False),
    ("When to ask for help", "Easy Read: when to ask for help", False),
])
def test_titles_the_same_but_for_punctuation(first, second, same):
    assert (front_matter.title_key(first) == front_matter.title_key(second)) is same


def test_a_title_the_same_as_another_but_for_punctuation_stops_the_build(tmp_path, config):
    from test_broken_input import pages
    files, fake = pages(tmp_path, config, play__a=GOOD.replace("reviewed_by: pending\n",
                                                                "reviewed_by: pending\npicture: baby\npicture_alt: A baby\n"),
                        play__b=GOOD.replace("title: A test page", "title: A test-page!").replace(
                            "reviewed_by: pending\n", "reviewed_by: pending\npicture: baby\npicture_alt: A baby\n"))
    with pytest.raises(PluginError) as error:
        front_matter.on_files(files, fake)
    assert str(error.value) == ("Some pages need fixing:\n  docs/play/b.md, line 2: the title 'A test-page!' is the "
                                "same, but for capitals or punctuation, as 'A test page' in docs/play/a.md. Every "
                                "page needs its own title, so parents can tell the pages apart in search results "
                                "and browser tabs.")
