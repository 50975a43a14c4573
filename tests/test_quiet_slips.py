"""Slips that used to build a wrong site without a word (issue 25, part 3), each rule called as a
function with the slip and the words the editor must see, and the harmless edits beside them that
must still build: Markdown that breaks quietly, the milestones data by meaning, the files beside
the pages (drawings, picture names, addresses already published) and the Easy Read rules on every
part of an Easy Read page. One real build per family is in tests/test_editor_slips.py
(FAMILY_BUILDS).
"""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

import data_files
import easy_read
import front_matter_reader
import markdown_slips
import milestones
import published
import source_files
from conftest import ROOT


@pytest.fixture(scope="module")
def config():
    return load_config(config_file=str(ROOT / "mkdocs.yml"))


# --- Markdown that breaks quietly -----------------------------------------------------------------

def site(page: str = "play/x.md", in_menu: bool = True) -> markdown_slips.Site:
    docs = ROOT / "docs"
    pages = {p.relative_to(docs).as_posix(): "" for p in docs.rglob("*.md") if ".snippets" not in p.parts}
    urls = {uri: ("" if uri == "index.md" else uri.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/")
            for uri in pages}
    return markdown_slips.Site(
        page=page, url=urls.get(page, page[:-3] + "/"), files=urls,
        addresses=set(urls.values()) | {"assets/extra.css", "tummy-time/"},
        glossary=markdown_slips.glossary((docs / ".snippets" / "abbr.md").read_text(encoding="utf-8"),
                                         (docs / "glossary.md").read_text(encoding="utf-8")),
        in_menu=in_menu)


MARKDOWN_SLIPS = [
    ("table without separator", "Some words.\n\n| Age | Skill |\n| 6 months | Sits |\n",
     "| Age | Skill |", "the line under its first row is not the separator row, so it shows as one paragraph full of "
     "'|'. Put this line under the first row: | --- | --- |"),
    ("separator with too few columns", "Some words.\n\n| Age | Skill | Play |\n| --- | --- |\n| 6 months | Sits | Rolling |\n",
     "| --- | --- |", "the table's first row has 3 columns but the separator row under it has 2, so it shows as one "
     "paragraph full of '|'. Give the separator row one '---' for each column: | --- | --- | --- |"),
    ("unclosed code fence", "Some words.\n\n```\n<!-- app/signs -->\n\nMore words.\n",
     "```", "the code block opened with ``` here is never closed, so everything after it shows as code. Put ``` "
     "on a line of its own where the code ends"),
    ("raw h1", "Some words.\n\n<h1>Tummy time</h1>\n", "<h1>",
     "has a main heading written in HTML (<h1>). A page has one main heading, made from the front matter 'title'; "
     "use '## ' for a section."),
    ("front matter and no text", "\n\n  \n", "---",
     "this page has front matter but no text, so an empty page would be published."),
    ("only a comment", "<!-- words to come -->\n", "---", "this page has front matter but no text"),
    ("coming soon", "## Rolling\n\nComing soon!\n", "Coming soon",
     "says 'Coming soon', a placeholder, and this page is published and in the menu. Write the words parents need"),
    ("to do on its own", "## Rolling\n\nTo do.\n", "To do.", "says 'To do.', a placeholder"),
    ("TODO", "Lie your baby on their back. TODO: add the picture.\n", "TODO", "says 'TODO', a placeholder"),
    ("raw link to no page", 'Read <a href="../tumy-time/">tummy time</a>.\n', "../tumy-time/",
     "the link href='../tumy-time/' in raw HTML goes to /play/tumy-time/, which is not a page or file of this site. "
     "Did you mean /play/tummy-time/?"),
    ("raw link to a .md file", 'Read <a href="../help.md">help</a>.\n', "../help.md",
     "in raw HTML ends in '.md', which MkDocs changes only in Markdown links: a browser would not find it. Write "
     "the address, ../../help/"),
    ("raw link to a missing .md", '<a href="rolling-over.md">rolling</a>\n', "rolling-over.md",
     "goes to docs/play/rolling-over.md, which does not exist"),
    ("raw picture that is not there", '<img src="../../assets/tummy.jpg" alt="" width="4" height="3">\n',
     "../../assets/tummy.jpg", "goes to /assets/tummy.jpg, which is not a page or file of this site"),
    ("glossary word redefined", "Words.\n\n*[gross motor]: Any movement at all\n", "*[gross motor]",
     "defines 'gross motor' again, which docs/.snippets/abbr.md already explains. Take this line out"),
    ("new abbreviation on a page", "Words.\n\n*[PT]: Physical therapist\n", "*[PT]",
     "defines the abbreviation 'PT' on the page. Glossary words are defined once, in docs/.snippets/abbr.md"),
    ("glossary term explained again", "## Words\n\nfine motor\n:   Writing.\n", "fine motor",
     "explains 'fine motor' again, which docs/.snippets/abbr.md already explains"),
]


@pytest.mark.parametrize("slip, markdown, found, message", MARKDOWN_SLIPS, ids=[s[0] for s in MARKDOWN_SLIPS])
def test_markdown_slip(slip, markdown, found, message):
    problems = markdown_slips.problems(markdown, site())
    assert problems, slip
    assert problems[0][0] == found or found in problems[0][0], problems
    assert message in problems[0][1], problems


def test_a_placeholder_page_out_of_the_menu_is_still_refused_without_saying_menu():
    problems = markdown_slips.problems("Coming soon.\n", site(in_menu=False))
    assert problems[0][1].startswith("says 'Coming soon', a placeholder, and this page is published. Write")


@pytest.mark.parametrize("markdown", [
    "| Age | Skill |\n| --- | --- |\n| 6 months | Sits |\n",
    "| Age | Skill |\n|:---|---:|\n| 6 months | Sits |\n",
    "| Sign | Say \\| or not |\n| --- | --- |\n| a | b |\n",
    "Shown as code:\n\n```markdown\n| a | b |\n| c | d |\n<h1>x</h1>\n*[gross motor]: x\nTODO\n```\n",
    "~~~\ncode\n~~~\n\n````\n```\n````\n",
    "Things to do with your baby: roll a ball. There is lots to do.\n",
    "Write `<h1>` nowhere.\n",
    '<a href="../../help/">help</a>, <a href="/ages/1-2-years/#walking">walking</a>, <a href="#top">top</a>, '
    '<a href="tel:999">999</a>, <a href="/tummy-time/">short</a>, <img src="/assets/extra.css">\n',
    "<!-- app/planner -->\n",
    "A line with a | pipe | in it.\n",
])
def test_markdown_that_is_fine(markdown):
    assert markdown_slips.problems(markdown, site("play/tummy-time.md")) == []


def test_the_glossary_pages_may_explain_their_words():
    text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert markdown_slips.problems(front_matter_reader.split_front_matter(text)[1], site("glossary.md")) == []


def test_the_glossary_knows_both_lists():
    words = site().glossary
    assert words["gross motor"] == "docs/.snippets/abbr.md" and "docs/glossary.md" in words.values()


# --- the milestones data, by meaning --------------------------------------------------------------

MILESTONES = (ROOT / "docs" / ".data" / "milestones.yml").read_text(encoding="utf-8")
CHECKLISTS = MILESTONES.split("\nwho:")[0].split("\n  - age: ")
SIX, NINE = "\n  - age: " + CHECKLISTS[3], "\n  - age: " + CHECKLISTS[4]

MILESTONE_MEANING = [
    ("ages out of order", ("milestones", SIX + NINE, NINE + SIX),
     "docs/.data/milestones.yml, line {moved}, checklist 4 (6 months): 6 months comes after checklist 3 (9 months), "
     "but the checklists go from the youngest age to the oldest"),
    ("the same list twice", ("milestones", NINE, NINE + NINE.replace("age: 9 months", "age: 9 months again")),
     "checklist 5 (9 months again): this is the same age as checklist 4 (9 months), so the list is in the file "
     "twice"),
    ("the same item twice", ("milestones", '"Move both arms and both legs"', '"Lift their head when lying on their tummy"'),
     "checklist 1 (2 months): the item 'Lift their head when lying on their tummy' is in this checklist twice."),
    ("an item in two lists", ("milestones", '"Roll from their tummy onto their back"', '"Swing an arm at toys"'),
     "checklist 3 (6 months): the item 'Swing an arm at toys' is in checklist 2 (4 months) too."),
    ("age and months disagree", ("milestones", "  - age: 4 months\n    months: 4\n", "  - age: 4 months\n    months: 5\n"),
     "checklist 2 (4 months): 'age' says 4 months (4 months), but 'months' is 5. Make them agree"),
    ("decimal comma", ("milestones", "    months: 4\n", "    months: 4,5\n"),
     "docs/.data/milestones.yml, line {line}: 'months' is written 4,5, with a comma. Ages are a number of months "
     "with a full stop for part of a month: write months: 4.5"),
    ("decimal comma in a WHO row", ("milestones", "from: 3.8", "from: 3,8"),
     "docs/.data/milestones.yml, line {line}: 'from' is written 3,8, with a comma."),
    ("anchor", ("milestones", "  - age: 2 months\n", "  - &first\n    age: 2 months\n"),
     "docs/.data/milestones.yml, line {line}: '&first' is a YAML anchor, which copies an entry to another place"),
    ("alias", ("milestones", 'from: 5.2, to: 13.5, bands: [6-12-months, 1-2-years]}\n  - {skill: "Walking with help", '
               "from: 5.9, to: 13.7, bands: [6-12-months, 1-2-years]}",
               'from: 5.2, to: 13.5, bands: &later [6-12-months, 1-2-years]}\n  - {skill: "Walking with help", '
               "from: 5.9, to: 13.7, bands: *later}"),
     "docs/.data/milestones.yml, line {line}: '&later' is a YAML anchor"),
    ("WHO row twice", ("milestones", '{skill: "Standing with help"', '{skill: "Sitting without support"'),
     "WHO row 2 (Sitting without support): the same skill is WHO row 1 too."),
    ("WHO rows out of order", ("milestones", "from: 4.8", "from: 3.0"),
     "WHO row 2 (Standing with help): it starts at 3.0 months, before the row above it"),
    ("a checklist no page shows", ("page", "<!-- app/milestones band=1-2-years -->", "<!-- the list -->"),
     "docs/.data/milestones.yml, line {line12}, checklist 5 (12 months): no page shows this checklist: "
     "docs/ages/1-2-years.md has no <!-- app/milestones band=1-2-years -->. Put the marker back on that page"),
    ("anchor in signs.yml", ("signs", "  - text: \"feels very floppy", "  - &floppy\n    text: \"feels very floppy"),
     "docs/.data/signs.yml, line {line}: '&floppy' is a YAML anchor"),
]


def broken_docs(tmp_path, which: str, old: str, new: str) -> tuple[SimpleNamespace, str]:
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("assets"))
    path = {"milestones": tmp_path / "docs/.data/milestones.yml", "signs": tmp_path / "docs/.data/signs.yml",
            "page": tmp_path / "docs/ages/1-2-years.md"}[which]
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, text


@pytest.mark.parametrize("slip, change, message", MILESTONE_MEANING, ids=[s[0] for s in MILESTONE_MEANING])
def test_milestones_slip_by_meaning(tmp_path, config, slip, change, message):
    import care_signs
    path, text = broken_docs(tmp_path, *change)
    fake = SimpleNamespace(docs_dir=str(tmp_path / "docs"), config_file_path=str(tmp_path / "mkdocs.yml"),
                           extra=config.extra)
    with pytest.raises(PluginError) as error:
        (care_signs.load if change[0] == "signs" else lambda c: source_files.on_files([], c))(fake)
    line = text[:text.index(change[1])].count("\n") + 1  # the line the slip is on
    new = path.read_text(encoding="utf-8")
    shown = str(error.value)
    assert message.format(line=line, moved=new[:new.find(SIX)].count("\n") + 2,
                          line12=1 + MILESTONES[:MILESTONES.index("  - age: 12 months")].count("\n")) in shown, shown
    assert "Traceback" not in shown


def test_an_alias_alone_is_named_too():
    assert data_files.anchor_problem("a: 1\nb: *x\n")[0] == 2
    assert "'*x' is a YAML alias" in data_files.anchor_problem("a: 1\nb: *x\n")[1]
    assert data_files.anchor_problem("a: '&x and *y'\nb: 5 * 3\n") is None


def test_the_milestones_as_they_are_pass(config):
    data = milestones.load_milestones(config)
    assert [c["months"] for c in data["cdc"]] == sorted(c["months"] for c in data["cdc"])


@pytest.mark.parametrize("age, months", [("2 months", 2), ("18 months", 18), ("2 years", 24), ("1 year", 12),
                                         ("2 and a half years", 30), ("about 2 years", None)])
def test_an_age_in_words_in_months(age, months):
    assert milestones.age_in_months(age) == months


# --- the files beside the pages --------------------------------------------------------------------

@pytest.mark.parametrize("name, new", [
    ("IMG_2041.JPG", "img-2041.jpg"), ("My Photo.png", "my-photo.png"), ("Tummy-Time.webp", "tummy-time.webp"),
    ("baby (1).jpeg", "baby-1.jpeg"), ("Bébé.gif", "bebe.gif"), ("icon.SVG", "icon.svg"),
])
def test_a_picture_name_is_refused_with_its_new_name(name, new):
    problem = source_files.name_problem(f"assets/{name}")
    assert problem and f"Rename it to {new}, and write that new name in the pages that show it." in problem
    assert "delete" not in problem.lower()


@pytest.mark.parametrize("name", ["assets/tummy-time.jpg", "assets/icons/icon-192.png", "assets/a-b-2.png"])
def test_picture_names_that_are_fine(name):
    assert source_files.name_problem(name) is None


def test_a_phone_photo_is_told_its_new_name_and_its_size_never_to_delete_it(tmp_path, config):
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "assets" / "IMG_2041.JPG").write_bytes(b"\xff\xd8" + b"0" * 300_000)
    from mkdocs.structure.files import File
    fake = SimpleNamespace(docs_dir=str(docs), config_file_path=str(tmp_path / "mkdocs.yml"), extra=config.extra)
    file = File("assets/IMG_2041.JPG", str(docs), str(tmp_path / "site"), True)
    with pytest.raises(PluginError) as error:
        source_files.on_files([file], fake)
    shown = str(error.value)
    assert "docs/assets/IMG_2041.JPG: a picture's file name" in shown and "Rename it to img-2041.jpg" in shown
    assert "this picture is 300 KB" in shown and "delete" not in shown.lower()


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 8 8">\n{}\n</svg>\n'


@pytest.mark.parametrize("inside, found", [
    ("<script>alert(1)</script>", "has a script (<script)"),
    ('<rect width="8" height="8" onclick="go()"/>', "has an event handler (onclick=)"),
    ('<image href="https://example.org/track.png" width="8" height="8"/>', "refers to another place (href=\"https://example.org/track.png)"),
    ('<use xlink:href="//example.org/a.svg#x"/>', "refers to another place"),
    ('<style>@import "https://example.org/a.css";</style>', "refers to another place"),
    ('<rect style="fill:url(http://example.org/p.svg#g)"/>', "refers to another place"),
    ('<a href="javascript:go()"><rect/></a>', "refers to another place (href=\"javascript:"),
    ("<foreignObject><p>x</p></foreignObject>", "embeds a page or program"),
])
def test_a_drawing_with_a_script_handler_or_another_host_is_refused(inside, found):
    problems = source_files.svg_problems(SVG.format(inside))
    assert problems and problems[0][0] == 2 and found in problems[0][1], problems
    assert "Save it again without it" in problems[0][1]


def test_the_site_drawings_pass():
    drawings = list((ROOT / "docs").rglob("*.svg"))
    assert drawings
    for path in drawings:
        assert source_files.svg_problems(path.read_text(encoding="utf-8")) == [], path
    assert source_files.svg_problems(SVG.format('<use href="#dot"/><rect fill="url(#g)"/>')) == []


def fake_files(pages: list[str]):
    from mkdocs.structure.files import File, Files
    return Files([File(p, "/docs", "/site", True) for p in pages])


LIST = published.HEADER + "/\n/play/rolling/\n/play/tummy-time/\n/tummy-time/\n"


def test_a_renamed_page_without_a_redirect_is_refused_with_the_line_to_add():
    files = fake_files(["index.md", "play/rolling-over.md", "play/tummy-time.md"])
    answering = published.current(files, {"tummy-time": files.get_file_from_path("play/tummy-time.md")})
    found = published.problems(LIST, answering, ["index.md", "play/rolling-over.md", "play/tummy-time.md"],
                               "docs/.data/published.txt")
    assert len(found) == 1
    assert found[0].startswith("docs/.data/published.txt, line 6: the address /play/rolling/ was published, but no "
                               "page has it now: was docs/play/rolling.md (or docs/play/rolling/index.md) renamed, "
                               "moved or removed?")
    assert "under extra.short_links in mkdocs.yml add the line\n      play/rolling: play/rolling-over.md\n" in found[0]


def test_a_redirect_from_the_old_address_keeps_it_answering():
    files = fake_files(["index.md", "play/rolling-over.md", "play/tummy-time.md"])
    links = {"tummy-time": files.get_file_from_path("play/tummy-time.md"),
             "play/rolling": files.get_file_from_path("play/rolling-over.md")}
    assert published.problems(LIST, published.current(files, links), [], "x") == []


def test_a_short_link_taken_away_is_refused():
    files = fake_files(["index.md", "play/rolling.md", "play/tummy-time.md"])
    found = published.problems(LIST, published.current(files, {}), ["play/tummy-time.md"], "x")
    assert len(found) == 1 and "the address /tummy-time/ was published" in found[0]
    assert "tummy-time: play/tummy-time.md" in found[0]


def test_a_line_changed_by_hand_is_refused():
    found = published.problems(published.HEADER + "play/rolling\n", {}, [], "x")
    assert found and "x, line 5: 'play/rolling' is not an address" in found[0]


def test_the_build_adds_new_addresses_to_the_list_but_not_in_ci(tmp_path, monkeypatch):
    files = fake_files(["index.md", "play/rolling.md"])
    fake = SimpleNamespace(docs_dir=str(tmp_path / "docs"), config_file_path=str(tmp_path / "mkdocs.yml"))
    monkeypatch.setenv("CI", "true")
    assert published.check(fake, files, {}) == []
    assert not published.path(fake).exists()
    monkeypatch.delenv("CI")
    assert published.check(fake, files, {}) == []
    assert published.read(published.path(fake).read_text(encoding="utf-8")) == [(5, "/"), (6, "/play/rolling/")]


def test_every_address_of_the_built_site_is_in_the_committed_list(site_dir):
    """CI does not write the list: a page added without its line fails here, saying what to do."""
    listed = {a for _, a in published.read((ROOT / "docs" / ".data" / "published.txt").read_text(encoding="utf-8"))}
    built = set()
    for page in site_dir.rglob("index.html"):
        address = "/" + page.parent.relative_to(site_dir).as_posix() + "/"
        built.add("/" if address == "/./" else address)
    missing = sorted(built - listed)
    assert not missing, (f"{missing} are not in docs/.data/published.txt: run `make build` (which adds them) "
                         "and commit the file with the new pages.")


# --- Easy Read rules everywhere on an Easy Read page ---------------------------------------------

FRONT = "---\ntitle: Easy Read test\n---\n\n"
IDEA = "- ![A baby](picture:baby) Your baby lifts their head.\n"
EASY_SLIPS = [
    ("long heading", "## What most babies and young children can usually do when they are six months old or a "
     "little older\n\n" + IDEA, 5, "this heading has 19 words"),
    ("heading of two sentences", "## Ask for help. Do it now\n\n" + IDEA, 5, "this heading has more than one sentence"),
    ("long card title", '!!! care-urgent "Ask for help today from your GP or from NHS 111 if your child has any of '
     'these signs:"\n\n    - ![A warning sign](picture:warning sign) Your child stops doing things.\n', 5,
     "this card title has 19 words"),
    ("paragraph without a picture", IDEA + "\n## More\n\nYour baby likes to play on the floor with you.\n", 9,
     "these words are an idea without a picture: 'Your baby likes to play on the floor with you.'"),
    ("long paragraph", "These pages use easy words and pictures, so that everyone can read them and find help for "
     "their child.\n", 5, "this sentence has 19 words"),
    ("more than one idea", "- ![A baby](picture:baby) Your baby rolls. Your baby sits. Your baby crawls. Your baby "
     "stands.\n", 5, "this idea has 4 sentences. An Easy Read idea says one thing in 3 sentences or fewer"),
    ("two ideas joined with a semicolon", "- ![A baby](picture:baby) Your baby rolls; then they sit up.\n", 5,
     "this sentence joins two ideas with ';'"),
]


@pytest.mark.parametrize("slip, body, line, message", EASY_SLIPS, ids=[s[0] for s in EASY_SLIPS])
def test_easy_read_slip(slip, body, line, message):
    found = easy_read.problems(FRONT + body, "docs/easy-read/x.md")
    assert found and found[0].startswith(f"docs/easy-read/x.md, line {line}: {message}"), found


@pytest.mark.parametrize("body", [
    "These pages use easy words and pictures.\nThere is one idea in each picture and sentence.\n\n" + IDEA,
    IDEA + "\nRead more about [when to ask for help](when-to-ask.md).\n",
    '!!! care-urgent "Ask for help today if:"\n\n    - ![A warning sign](picture:warning sign) Your child stops '
    "doing things.\n\n    Call your GP or [NHS 111][tel-111] today.\n    In an emergency, call [999][tel-999].\n",
    "## Call [999][tel-999] if\n\n" + IDEA,
    IDEA + "\n## Sources\n\nThese pages come from the other pages on this site; and their sources, and more and more "
    "and more words than fifteen.\n",
])
def test_easy_read_that_is_fine(body):
    assert easy_read.problems(FRONT + body, "docs/easy-read/x.md") == []


def test_every_easy_read_page_keeps_the_rules():
    pages = sorted((ROOT / "docs" / "easy-read").glob("*.md"))
    assert len(pages) >= 10
    for path in pages:
        assert easy_read.problems(path.read_text(encoding="utf-8"), path.name) == [], path
