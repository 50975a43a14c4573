"""Health visitors share links and clinics print pages: previews, short links, share, print."""

from __future__ import annotations

import re
import statistics
import subprocess
from pathlib import Path

import pytest
import yaml
from PIL import Image

import site_model
from conftest import ROOT, SITE_URL, need, page_paths, refresh_target

PAGES = page_paths()
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
SHORT_LINKS = CONFIG["extra"]["short_links"]
CHANNELS = CONFIG["extra"]["short_link_channels"]
ACTIVITIES = [p for p in PAGES if site_model.is_activity_page(p.removesuffix("/index.html") + ".md")]
AGE_PAGES = [p for p in PAGES if p.startswith("ages/") and p != "ages/index.html"]
BANDS = [t.removeprefix("age/") for t in CONFIG["extra"]["app_tags"] if t.startswith("age/")]


@pytest.mark.parametrize("path", PAGES)
def test_link_preview_tags(soups, site_dir, path):
    soup = soups[path]
    meta = {m.get("property") or m.get("name"): m.get("content") for m in soup.find_all("meta")}
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == SITE_URL + path.removesuffix("index.html")
    assert meta["og:url"] == canonical
    assert meta["og:title"] and meta["og:description"] == meta["description"]
    assert meta["twitter:card"] == "summary_large_image"
    image = meta["og:image"]
    assert image.startswith(SITE_URL) and image == meta["twitter:image"]
    with Image.open(site_dir / image.removeprefix(SITE_URL)) as picture:
        assert picture.size == (1200, 630)


def test_short_links_forward_to_their_pages(site_dir):
    assert len(SHORT_LINKS) >= 8
    redirects = (site_dir / "_redirects").read_text()
    for name, target in SHORT_LINKS.items():
        stub = (site_dir / name / "index.html").read_text()
        forward = refresh_target(stub)
        landing = (site_dir / name / forward / "index.html").resolve()
        expected = site_dir / Path(target).with_suffix("")
        expected = expected.parent if expected.name == "index" else expected
        assert landing == (expected / "index.html").resolve(), name
        assert f"/{name}/ /" in redirects


def test_short_link_names_are_free():
    """A wiring check: short_links.py stops the build on a clash (its rule is tested in test_site_model.py)."""
    page_dirs = {p.split("/")[0] for p in PAGES}
    assert not set(SHORT_LINKS) & page_dirs


@pytest.mark.browser
def test_short_link_opens_the_page_in_chromium(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "tummy-time/")
    page.wait_for_url("**/play/tummy-time/")
    assert page.locator("h1").inner_text() == "Tummy time"
    page.close()


@pytest.mark.browser
def test_share_copies_the_address_when_the_phone_cannot_share(browser, site_url):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.add_init_script("delete Navigator.prototype.share")
    page.goto(site_url + "help/")
    page.get_by_role("button", name="Share this page").click()
    page.get_by_text("Link copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == SITE_URL + "help/"
    context.close()


@pytest.mark.browser
def test_share_uses_the_phones_share_sheet(browser, site_url):
    page = browser.new_page()
    page.add_init_script("navigator.share = (data) => { window.__shared = data; return Promise.resolve(); }")
    page.goto(site_url + "help/")
    page.get_by_role("button", name="Share this page").click()
    assert page.evaluate("window.__shared.url") == SITE_URL + "help/"
    page.close()


@pytest.mark.browser
def test_without_javascript_the_address_shows_and_buttons_hide(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "help/")
    address = page.locator(".app-share__url")
    assert address.is_visible() and address.inner_text() == SITE_URL + "help/"
    assert not page.get_by_role("button", name="Share this page").is_visible()
    context.close()


def print_pdf(page, url: str, out: Path) -> tuple[int, str]:
    """Print a page to A4 PDF as Chromium does; return the sheet count and the text."""
    page.goto(url)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.pdf(path=str(out), format="A4", print_background=True)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    sheets = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return sheets, text


# A printout that only just fits fails on the next small edit: the last sheet keeps this much free.
LAST_SHEET_FREE = 0.10


def last_sheet_used(pdf: Path) -> float:
    """How far down the last sheet the printing reaches, from 0 (empty) to 1 (the bottom edge)."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    last = boxes[boxes.rindex("<page "):]
    height = float(re.search(r'height="([\d.]+)"', last).group(1))
    bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', last)]
    return max(bottoms, default=0) / height


@pytest.fixture(scope="module")
def printer(browser):
    need("pdftotext", "poppler-utils")
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.browser
def test_printed_page_has_its_header_and_no_screen_furniture(printer, site_url, tmp_path):
    sheets, text = print_pdf(printer, site_url + "help/", tmp_path / "help.pdf")
    flat = " ".join(text.split())
    assert "Leicestershire Partnership NHS Trust" in flat
    # Help has a short link (worried), so on paper it has the print channel's address.
    assert "Read this page online: " + SITE_URL + CHANNELS["print"] + "/worried/" in flat
    # The foot on paper: the review state (the header names the Trust), without the screen's links.
    assert "Draft: awaiting clinical review" in flat or "Page last reviewed" in flat
    assert "Next review due:" in flat and "Tell us about this page" not in flat
    for furniture in ("Skip to content", "Share this page", "Print this page", "Back to top", "Search"):
        assert furniture not in flat
    # Care cards keep their level in words; links to other sites print their address.
    assert "Urgent advice:" in flat and "Non-urgent advice:" in flat
    assert "(111.nhs.uk)" in flat and "https://" not in flat.replace(SITE_URL, "")


def test_a_drafts_print_header_does_not_present_it_as_the_trusts(soups):
    """Content review N3: until the Trust approves the site, paper names the service a page is
    written for and says it is not yet approved, on an age page and on every print-set sheet."""
    page = soups["ages/1-2-years/index.html"]
    sheets = soups["play/print/index.html"].select(".app-sheet .app-print-header")
    headers = [page.select_one(".app-print-header"), *sheets]
    assert len(headers) > 30
    for header in headers:
        flat = " ".join(header.get_text(" ", strip=True).split())
        assert flat.startswith("Early Years Pathway , written for the Children's Occupational Therapy Service, "
                               "Leicestershire Partnership NHS Trust"), flat
        assert "Draft: awaiting clinical review. Not yet approved by the Trust." in flat, flat


# Body text on paper: at least 12 point, the least RNIB's clear print guidance allows (it advises 14
# to reach more readers); headings larger. Small print (the header, sources, review dates) at least 10.
BODY_POINTS, SMALL_PRINT_POINTS = 12, 10
# Liberation Sans (Arial's metrics, the font the tests print with: .ci/fonts.conf): a word's box in
# the PDF is its ascent and descent, 0.905 + 0.212 = 1.117 times the type's size in points.
BOX_PER_POINT = 1.117
# An activity's picture on paper: big enough to show what the game is, not a small mark in a corner.
PICTURE_MM = 30


def printed_points(pdf: Path) -> list[float]:
    """The type size of every printed word, in points, read from the PDF's word boxes."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [(float(b) - float(a)) / BOX_PER_POINT
            for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes)]


def assert_clear_print(pdf: Path, small_print: bool = True) -> None:
    """Most words (the body text) at 12 point or more, none under the small print's 10 (in
    Chromium: Firefox's and WebKit's PDFs measure a word's box a little differently), and
    headings larger than the body."""
    sizes = printed_points(pdf)
    body = statistics.mode(round(size, 1) for size in sizes)
    assert body >= BODY_POINTS - 0.1, f"the body text prints at {body:.1f} point"
    if small_print:
        assert min(sizes) >= SMALL_PRINT_POINTS - 0.1, f"some words print at {min(sizes):.1f} point"
    assert max(sizes) >= body * 1.2, "headings print larger than the body text"


def printed_picture_mm(page, url: str) -> float:
    """The width of the page's own picture as the browser lays the page out for paper, in mm."""
    page.goto(url)
    page.emulate_media(media="print")
    try:
        return page.evaluate("""() => { const p = document.querySelector("article .app-page-picture");
            return p && p.getClientRects().length ? p.getBoundingClientRect().width * 25.4 / 96 : 0; }""")
    finally:
        page.emulate_media(media="null")  # back to no emulation: page.pdf() then prints as a printer does


@pytest.mark.browser
@pytest.mark.parametrize("path", ACTIVITIES)
def test_activity_prints_on_one_sheet_in_clear_print_with_its_picture(printer, site_url, tmp_path, path):
    url = site_url + path.removesuffix("index.html")
    sheets, text = print_pdf(printer, url, tmp_path / "a.pdf")
    assert sheets == 1, "an activity too long for one sheet at 12 point is too long for a parent: shorten its words"
    assert last_sheet_used(tmp_path / "a.pdf") <= 1 - LAST_SHEET_FREE, "the sheet is too full to take the next edit"
    assert_clear_print(tmp_path / "a.pdf")
    assert printed_picture_mm(printer, url) >= PICTURE_MM, f"the picture prints {PICTURE_MM} mm wide or more"


@pytest.mark.browser
@pytest.mark.parametrize("path", AGE_PAGES)
def test_age_page_prints_as_a_two_sheet_handout_in_clear_print(printer, site_url, tmp_path, path):
    """What a family needs from the page, on two sheets at 12 point: the key points, the
    milestones, the ideas to try first with each one's address, when to ask with the numbers to
    call, and the sources as numbered notes at the end, not names in the text. The WHO table, the
    whole list of play ideas and the longer prose stay on screen: one line names them, with the
    page's address (and the QR code at the top)."""
    sheets, text = print_pdf(printer, site_url + path.removesuffix("index.html"), tmp_path / "a.pdf")
    assert sheets <= 2
    assert last_sheet_used(tmp_path / "a.pdf") <= 1 - LAST_SHEET_FREE, "the last sheet is too full to take the next edit"
    assert_clear_print(tmp_path / "a.pdf")
    # Read column by column (not -layout, which runs the two columns' lines together). An address
    # broken at a hyphen comes back without it, so hyphens are left out of the comparison.
    text = subprocess.run(["pdftotext", str(tmp_path / "a.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split()).replace("-", "")
    assert "Key points" in flat and "Most children:" in flat
    assert "Nonurgent advice:" in flat and "Urgent advice:" in flat and "111" in flat and "999" in flat
    short = SITE_URL.split("://")[1]
    band = path.split("/")[1]
    printed = f"{short}{CHANNELS['print']}/"  # on paper, short links are the print channel's (site_model.print_url)
    assert f"({short}play/" in flat or f"({printed}tummytime/)" in flat, "the ideas to try first print their address"
    assert "More play ideas: all " in flat and f"on this page online at {printed}{band}/".replace("-", "") in flat
    assert f"Also on this page online ({printed}{band}/):".replace("-", "") in flat
    body, _, notes = flat.rpartition("Sources")
    assert re.search(r"\[1\]", body) and re.search(r"\[1\]\s*NICE|\[1\]\s*CDC", notes), "numbered notes"
    assert not re.search(r"\((?:[\w]+\.)+(?:uk|org|gov|int|com)\)", body), "no source's name in the text: a number"
    assert "Printing for a family?" not in flat and "Easy Read: what most children do" not in flat
    assert "Everyday skills to practise" not in flat, "the longer prose stays on screen"


@pytest.mark.browser
@pytest.mark.parametrize("band", BANDS)
def test_print_pack_says_how_many_sheets_it_prints_on(printer, site_url, tmp_path, band):
    printer.goto(site_url + f"packs/{band}/")
    said = printer.locator(".app-pack__sheets")
    assert said.is_visible(), "the pack says its sheets at the top, before anyone prints it"
    stated = int(re.search(r"This pack prints on (\d+) sheets of A4", said.inner_text())[1])
    near_button = printer.locator(".app-share__sheets").inner_text()
    assert f"This pack prints on {stated} sheets of A4." in near_button
    sheets, text = print_pdf(printer, site_url + f"packs/{band}/", tmp_path / "pack.pdf")
    assert sheets == stated, (f"packs/{band} prints on {sheets} sheets, not the {stated} it says: an age page must "
                              "print on 2 sheets and each activity on 1 (print_packs.py, AGE_PAGE_SHEETS)")
    assert "This pack prints on" not in text


PRINT_STYLE = """() => {
  const points = (e) => parseFloat(getComputedStyle(e).fontSize) * 72 / 96;
  const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
  const small = ".app-print-header, .app-source, [id^=sources] + ul, .app-review";
  const words = [...document.querySelectorAll("article p, article li, article td")].filter(shown)
    .filter((e) => e.textContent.trim());
  const picture = document.querySelector("article .app-page-picture");
  return {
    body: Math.min(...words.filter((e) => !e.closest(small)).map(points)),
    small: Math.min(...words.map(points)),
    headings: [...document.querySelectorAll("article h1, article h2, article h3")].filter(shown)
      .map((h) => +getComputedStyle(h).fontWeight),
    picture: picture && shown(picture) ? picture.getBoundingClientRect().width * 25.4 / 96 : 0,
    screen_only: [...document.querySelectorAll(".app-share, .app-language-bar, .app-listen, .app-screen-only, .app-play-list, .app-draft")]
      .filter(shown).map((e) => e.className),
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["play/tummy-time/", "ages/1-2-years/", "packs/0-6-months/", "help/"])
def test_printed_type_is_12_point_with_bold_headings_and_the_picture(printer, site_url, path):
    """As the browser lays out the page for print: every paragraph, list item and table cell
    for parents at 12 point or more, small print at 10 or more, headings bold, the page's picture."""
    printer.goto(site_url + path)
    printer.emulate_media(media="print")
    try:
        style = printer.evaluate(PRINT_STYLE)
    finally:
        printer.emulate_media(media="null")  # back to no emulation: page.pdf() then prints as a printer does
    assert style["body"] >= BODY_POINTS - 0.05, style
    assert style["small"] >= SMALL_PRINT_POINTS - 0.05, style
    assert style["headings"] and min(style["headings"]) >= 700, style
    if path.startswith("play/"):
        assert style["picture"] >= PICTURE_MM - 0.1, f"an activity's picture prints {PICTURE_MM} mm wide or more"
    elif path != "help/":
        assert style["picture"] >= 9.9, "the page's picture prints, 10 mm wide or more"
    assert style["screen_only"] == [], "on-screen things left off paper"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["index.html", "play/tummy-time/index.html", "ages/1-2-years/index.html"])
def test_printed_qr_code_opens_the_page(printer, site_url, tmp_path, path):
    need("zbarimg", "zbar-tools")
    printer.goto(site_url + path.removesuffix("index.html"))
    printer.emulate_media(media="print")
    printer.locator(".app-print-header__qr").screenshot(path=str(tmp_path / "qr.png"))
    printer.emulate_media(media="null")  # back to no emulation: page.pdf() then prints as a printer does
    decoded = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "qr.png")],
                             capture_output=True, text=True).stdout.strip()
    short = next((n for n, t in SHORT_LINKS.items() if t == path.replace("/index.html", ".md")), None)
    # A page with a short link prints its print channel's address (site_model.print_url), the same
    # in the code and in words; any other page its own.
    expected = SITE_URL + (f"{CHANNELS['print']}/{short}/" if short else path.removesuffix("index.html"))
    assert decoded == expected
    assert printer.locator(".app-print-header__url").inner_text() == expected


@pytest.mark.parametrize("band", [t.removeprefix("age/") for t in CONFIG["extra"]["app_tags"] if t.startswith("age/")])
def test_print_pack_holds_the_age_page_and_its_activities(soups, band):
    pack = soups[f"packs/{band}/index.html"].select_one("article")
    age = soups[f"ages/{band}/index.html"].select_one("article")
    pack_text = " ".join(pack.get_text(" ").split())
    for heading in age.find_all("h2"):
        assert heading.get_text(strip=True).rstrip("¶") in pack_text
    activities = [a["href"] for a in age.select("a[href^='../../play/']") if a["href"].count("/") == 4]
    assert activities, "the age page lists no activities"
    titles = {h.get_text(strip=True).rstrip("¶") for h in pack.find_all("h2")}
    for href in set(activities):
        activity = soups[href.removeprefix("../../") + "index.html"]
        assert activity.h1.get_text(strip=True) in titles
        first_step = activity.select_one("article ol li").get_text(" ", strip=True)
        assert " ".join(first_step.split()) in pack_text  # the same words, from the same file
    assert age.find("a", href=f"../../packs/{band}/")


def test_professionals_page_lists_every_short_link_with_a_qr_code(soups):
    soup = soups["professionals/index.html"]
    rows = {row.td.get_text(strip=True): row for row in soup.select("article table.app-short-links tbody tr")}
    assert set(rows) == {f"{SITE_URL}{CHANNELS['poster']}/{name}/" for name in SHORT_LINKS}  # pinned up: a poster
    for row in rows.values():
        assert row.select_one(".app-qr svg path")


@pytest.mark.browser
def test_short_link_qr_code_on_the_professionals_page_decodes(printer, site_url, tmp_path):
    need("zbarimg", "zbar-tools")
    printer.goto(site_url + "professionals/")
    row = printer.locator("article table tbody tr", has_text=f"{SITE_URL}{CHANNELS['poster']}/tummy-time/")
    row.locator(".app-qr").screenshot(path=str(tmp_path / "qr.png"))
    decoded = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "qr.png")],
                             capture_output=True, text=True).stdout.strip()
    assert decoded == f"{SITE_URL}{CHANNELS['poster']}/tummy-time/"


@pytest.mark.browser
def test_collapsed_sections_print_open(printer, site_url, tmp_path):
    printer.goto(site_url + "help/")
    printer.evaluate("""document.querySelector('article h2').insertAdjacentHTML('afterend',
        '<details class="note"><summary>More</summary><p>Words hidden until opened.</p></details>')""")
    assert not printer.get_by_text("Words hidden until opened.").is_visible()
    printer.pdf(path=str(tmp_path / "c.pdf"), format="A4")  # no beforeprint event: the style sheet alone
    text = subprocess.run(["pdftotext", str(tmp_path / "c.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Words hidden until opened." in text


def test_link_preview_pictures_are_drawn_once_then_taken_from_the_cache(tmp_path, monkeypatch):
    import share_cards

    drawn = []
    real_draw = share_cards.draw_card
    monkeypatch.setattr(share_cards, "draw_card", lambda *args: (drawn.append(args[0]), real_draw(*args)))
    first = share_cards.cached_card("Tummy time", "Early Years Pathway", "Trust", tmp_path)
    again = share_cards.cached_card("Tummy time", "Early Years Pathway", "Trust", tmp_path)
    other = share_cards.cached_card("Feeding", "Early Years Pathway", "Trust", tmp_path)
    assert first == again != other
    assert drawn == ["Tummy time", "Feeding"]
    assert first.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first.name, other.name])  # no half-written file


# --- channels: one short address per way of reaching parents (site_model.channel_links) -------------

def test_each_channel_has_an_address_for_every_short_link_to_the_same_page(site_dir):
    """/text/1-2-years/, /print/1-2-years/ and /poster/1-2-years/ forward where /1-2-years/ does,
    as a stub page (any host), a 301 in _redirects (CDN) and one in _nginx-redirects.conf (our
    nginx), so the server's own log tells the channels apart."""
    assert set(CHANNELS) == {"text", "print", "poster"}
    redirects = (site_dir / "_redirects").read_text()
    nginx = (site_dir / "_nginx-redirects.conf").read_text()
    names = {**SHORT_LINKS, "planner": "planner.md"}  # the kit's messages send the planner by its own path
    for prefix in CHANNELS.values():
        for name, target in names.items():
            stub = (site_dir / prefix / name / "index.html").read_text()
            forward = refresh_target(stub)
            landing = (site_dir / prefix / name / forward / "index.html").resolve()
            expected = site_dir / Path(target).with_suffix("")
            assert landing == ((expected.parent if expected.name == "index" else expected) / "index.html").resolve()
            page = target.removesuffix(".md") + "/"
            assert f"/{prefix}/{name}/ /{page} 301" in redirects
            assert f'location ~* "^/{prefix}/{name}/?$" {{ return 301 /{page}$is_args$args; }}' in nginx


def test_a_channel_name_that_clashes_is_refused():
    from mkdocs.structure.files import Files
    from types import SimpleNamespace
    files = Files([])
    fake = SimpleNamespace(site_url=SITE_URL, extra={"short_links": {}, "short_link_channels": {
        "text": "sms", "print": "sms", "fax": "fax", "poster": "Bad Name"}})
    _, problems = site_model.channel_links(fake, files, [])
    assert any("'fax' is not a channel" in p for p in problems), problems
    assert any("'sms' for print is already" in p for p in problems), problems
    assert any("'Bad Name' for poster is not a simple name" in p for p in problems), problems


@pytest.mark.parametrize("band", BANDS)
def test_a_printed_age_page_shows_the_print_channels_address(soups, band):
    """On paper the QR code and the printed address are one address, the print channel's."""
    soup = soups[f"ages/{band}/index.html"]
    url = f"{SITE_URL}{CHANNELS['print']}/{band}/"
    assert soup.select_one(".app-print-header__url").get_text() == url
    assert soup.select_one(".app-print-header__qr")["aria-label"] == f"QR code for {url}"


# --- posters for family hubs and clinics (print_packs.py) ---------------------------------------------

@pytest.mark.parametrize("band", BANDS)
def test_each_age_has_a_poster_with_the_poster_channels_address(soups, band):
    soup = soups[f"posters/{band}/index.html"]
    poster = soup.select_one("article .app-poster")
    url = f"{SITE_URL}{CHANNELS['poster']}/{band}/"
    assert poster.select_one(".app-poster__qr")["aria-label"] == f"QR code for {url}"
    assert poster.select_one(".app-poster__qr svg path"), "the code is drawn in the page"
    assert poster.select_one(".app-poster__url").get_text() == url.split("://", 1)[1], "the same address, to type"
    age = soups[f"ages/{band}/index.html"]
    assert poster.select_one(".app-poster__lead").get_text() == age.find("meta", attrs={"name": "description"})["content"]
    assert not soup.select_one(".app-print-header"), "the poster is its own header: one code, not two"
    assert "Draft: awaiting clinical review. Not yet approved by the Trust." in poster.get_text(), "a draft poster says so"
    source = " ".join(poster.select_one(".app-poster__from").get_text(" ").split())
    assert source == ("Early Years Pathway Written for the Children's Occupational Therapy Service, "
                      "Leicestershire Partnership NHS Trust"), "a draft is not presented as the Trust's (N3)"
    professionals = soups["professionals/index.html"]
    assert professionals.find("a", href=f"../posters/{band}/"), "For health visitors links every poster"


@pytest.mark.browser
@pytest.mark.parametrize("band", BANDS)
def test_poster_prints_on_one_a4_sheet_and_its_code_opens_the_age_page(printer, site_url, tmp_path, band):
    need("zbarimg", "zbar-tools")
    need("pdftoppm", "poppler-utils")
    sheets, text = print_pdf(printer, site_url + f"posters/{band}/", tmp_path / "poster.pdf")
    assert sheets == 1, f"posters/{band} prints on {sheets} sheets"
    info = subprocess.run(["pdfinfo", str(tmp_path / "poster.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Page size:\s+595\.\d+ x 84[12]\.\d+ pts \(A4\)", info, re.M), info
    flat = " ".join(text.split())
    url = f"{SITE_URL}{CHANNELS['poster']}/{band}/"
    assert url.split("://", 1)[1] in flat and "Leicestershire Partnership NHS Trust" in flat
    assert "Print this poster" not in flat and "checked against its sources" not in flat, "only the poster prints"
    # Read the code back from the printed sheet itself, as a phone would.
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(tmp_path / "poster.pdf"), str(tmp_path / "sheet")],
                   check=True)
    decoded = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "sheet.png")],
                             capture_output=True, text=True).stdout.strip()
    assert decoded == url
