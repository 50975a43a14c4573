"""Health visitors share links and clinics print pages: previews, short links, share, print."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from conftest import ROOT, SITE_URL, need, page_paths

PAGES = page_paths()
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
SHORT_LINKS = CONFIG["extra"]["short_links"]
ACTIVITIES = [p for p in PAGES if p.startswith("play/") and p != "play/index.html"]
AGE_PAGES = [p for p in PAGES if p.startswith("ages/") and p != "ages/index.html"]


@pytest.mark.parametrize("path", PAGES)
def test_link_preview_tags(html_pages, site_dir, path):
    soup = BeautifulSoup(html_pages[path], "html.parser")
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
        forward = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', stub).group(1)
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
    assert "Read this page online: " + SITE_URL + "help/" in flat
    assert "Draft, awaiting clinical review" in flat or "Page last reviewed" in flat
    for furniture in ("Skip to content", "Share this page", "Print this page", "Back to top", "Search"):
        assert furniture not in flat
    # Care cards keep their level in words; links to other sites print their address.
    assert "Urgent advice:" in flat and "Non-urgent advice:" in flat
    assert "(111.nhs.uk)" in flat and "https://" not in flat.replace(SITE_URL, "")


@pytest.mark.browser
@pytest.mark.parametrize("path", ACTIVITIES)
def test_activity_prints_on_one_sheet(printer, site_url, tmp_path, path):
    sheets, text = print_pdf(printer, site_url + path.removesuffix("index.html"), tmp_path / "a.pdf")
    assert sheets == 1
    assert last_sheet_used(tmp_path / "a.pdf") <= 1 - LAST_SHEET_FREE, "the sheet is too full to take the next edit"


@pytest.mark.browser
@pytest.mark.parametrize("path", AGE_PAGES)
def test_age_page_prints_on_three_sheets_at_most(printer, site_url, tmp_path, path):
    sheets, _ = print_pdf(printer, site_url + path.removesuffix("index.html"), tmp_path / "a.pdf")
    assert sheets < 3 or (sheets == 3 and last_sheet_used(tmp_path / "a.pdf") <= 1 - LAST_SHEET_FREE)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["index.html", "play/tummy-time/index.html", "ages/1-2-years/index.html"])
def test_printed_qr_code_opens_the_page(printer, site_url, tmp_path, path):
    need("zbarimg", "zbar-tools")
    printer.goto(site_url + path.removesuffix("index.html"))
    printer.emulate_media(media="print")
    printer.locator(".app-print-header__qr").screenshot(path=str(tmp_path / "qr.png"))
    printer.emulate_media(media="screen")
    decoded = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "qr.png")],
                             capture_output=True, text=True).stdout.strip()
    assert decoded == SITE_URL + path.removesuffix("index.html")


@pytest.mark.parametrize("band", [t.removeprefix("age/") for t in CONFIG["extra"]["app_tags"] if t.startswith("age/")])
def test_print_pack_holds_the_age_page_and_its_activities(html_pages, band):
    pack = BeautifulSoup(html_pages[f"packs/{band}/index.html"], "html.parser").select_one("article")
    age = BeautifulSoup(html_pages[f"ages/{band}/index.html"], "html.parser").select_one("article")
    pack_text = " ".join(pack.get_text(" ").split())
    for heading in age.find_all("h2"):
        assert heading.get_text(strip=True).rstrip("¶") in pack_text
    activities = [a["href"] for a in age.select("a[href^='../../play/']") if a["href"].count("/") == 4]
    assert activities, "the age page lists no activities"
    titles = {h.get_text(strip=True).rstrip("¶") for h in pack.find_all("h2")}
    for href in set(activities):
        activity = BeautifulSoup(html_pages[href.removeprefix("../../") + "index.html"], "html.parser")
        assert activity.h1.get_text(strip=True) in titles
        first_step = activity.select_one("article ol li").get_text(" ", strip=True)
        assert " ".join(first_step.split()) in pack_text  # the same words, from the same file
    assert age.find("a", href=f"../../packs/{band}/")


def test_professionals_page_lists_every_short_link_with_a_qr_code(html_pages):
    soup = BeautifulSoup(html_pages["professionals/index.html"], "html.parser")
    rows = {row.td.get_text(strip=True): row for row in soup.select("article table.app-short-links tbody tr")}
    assert set(rows) == {SITE_URL + name + "/" for name in SHORT_LINKS}
    for row in rows.values():
        assert row.select_one(".app-qr svg path")


@pytest.mark.browser
def test_short_link_qr_code_on_the_professionals_page_decodes(printer, site_url, tmp_path):
    need("zbarimg", "zbar-tools")
    printer.goto(site_url + "professionals/")
    row = printer.locator("article table tbody tr", has_text=SITE_URL + "tummy-time/")
    row.locator(".app-qr").screenshot(path=str(tmp_path / "qr.png"))
    decoded = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "qr.png")],
                             capture_output=True, text=True).stdout.strip()
    assert decoded == SITE_URL + "tummy-time/"


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
