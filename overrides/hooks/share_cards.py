"""Link-preview pictures (Open Graph, 1200 x 630) for every page, drawn at build time.

No network and no system font: Pillow's built-in font (Aileron) draws the page title in
white on NHS blue, with the site's and the Trust's names, large enough to read on a phone.
Each page's picture is site/assets/cards/<page path>.png; partials/app-head.html links it.
Drawing takes most of a build's time, so each picture is kept in .cache/share-cards/ under a
hash of its words, this file and Pillow's version, and only drawn again when one changes
(APP_CACHE=<folder> puts the cache elsewhere: `make bench` times a build with an empty one).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import PIL  # its version only: the drawing modules are imported when a card is drawn (not kept)

SIZE = (1200, 630)
BLUE, DARK_BLUE, WHITE = "#005eb8", "#003087", "#ffffff"
MARGIN = 80


def card_path(page) -> str:
    name = page.url.strip("/").replace("/", "-") or "home"
    return f"assets/cards/{name}.png"


def wrap(draw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    return lines + [line]


def draw_card(title: str, site_name: str, trust: str, out: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", SIZE, BLUE)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, SIZE[1] - 120, SIZE[0], SIZE[1]], fill=DARK_BLUE)
    size = 96
    while True:
        font = ImageFont.load_default(size=size)
        lines = wrap(draw, title, font, SIZE[0] - 2 * MARGIN)
        if len(lines) <= 3 or size <= 56:
            break
        size -= 8
    y = 110
    for line in lines[:3]:
        draw.text((MARGIN, y), line, font=font, fill=WHITE)
        y += int(size * 1.2)
    draw.text((MARGIN, SIZE[1] - 98), site_name, font=ImageFont.load_default(size=40), fill=WHITE)
    draw.text((MARGIN, SIZE[1] - 50), trust, font=ImageFont.load_default(size=30), fill=WHITE)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Four colours are all a card has: a palette PNG is small and quick to write.
    image.convert("P", palette=Image.Palette.ADAPTIVE, colors=16).save(out)


def on_page_markdown(markdown, page, config, build, **kwargs):
    page.meta["app_card"] = card_path(page)
    build.cards[page.meta["app_card"]] = config.site_name if page.is_homepage else page.meta.get("title", config.site_name)
    return markdown


def cached_card(title: str, site_name: str, trust: str, cache: Path) -> Path:
    key = hashlib.sha256("\0".join([title, site_name, trust, PIL.__version__]).encode() + Path(__file__).read_bytes())
    kept = cache / f"{key.hexdigest()[:24]}.png"
    if not kept.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        handle, drawing = tempfile.mkstemp(suffix=".png", dir=cache)
        os.close(handle)
        draw_card(title, site_name, trust, Path(drawing))
        os.replace(drawing, kept)  # whole or not at all, even with two builds at once
    return kept


def on_post_build(config, build, **kwargs):
    cache = Path(os.environ.get("APP_CACHE") or Path(config.config_file_path).parent / ".cache") / "share-cards"
    for path, title in build.cards.items():
        out = Path(config.site_dir) / path
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached_card(title, config.site_name, config.extra["trust_name"], cache), out)
