"""QR codes as inline SVG, for the printed pages, the print packs, the posters and the planner:
a plain module that print_qr.py, print_packs.py and markers.py call.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

import segno

def qr_svg(url: str, scale: int = 3, **options) -> str:
    """A QR code as inline SVG, with the quiet zone of four modules every phone needs. Making one
    is slow (a tenth of a build's time for 130 codes), so each is kept in .cache/qr/ (or under
    APP_CACHE) by what it is made from, and in memory for `mkdocs serve`'s next build."""
    return _qr_svg(url, scale, tuple(sorted(options.items())))


@functools.lru_cache(maxsize=1024)
def _qr_svg(url: str, scale: int, options: tuple) -> str:
    key = hashlib.sha256(repr((url, scale, options, segno.__version__)).encode()).hexdigest()[:32]
    cache = Path(os.environ.get("APP_CACHE") or Path(__file__).resolve().parents[2] / ".cache") / "qr"
    kept = cache / f"{key}.svg"
    try:
        return kept.read_text(encoding="utf-8")
    except OSError:
        pass
    svg = segno.make(url, error="m").svg_inline(scale=scale, border=4, dark="#000000", light="#ffffff", **dict(options))
    try:
        cache.mkdir(parents=True, exist_ok=True)
        drawing = cache / f"{key}.{os.getpid()}.tmp"
        drawing.write_text(svg, encoding="utf-8")
        os.replace(drawing, kept)  # whole or not at all, even with two builds at once
    except OSError:
        pass  # a read-only checkout builds the same site, only slower
    return svg
