"""Every one of the leaflet's 13 points is said somewhere on the site (content-brief.md).

Each point is a set of phrases that must all appear in one built page's text. The words are
ours, not the leaflet's; if a page is reworded, update the phrases here with it.
"""

from __future__ import annotations

import re

import pytest

POINTS = {
    1: [r"occupational therap", r"physiotherap", r"disabilit"],
    2: [r"gross motor", r"fine motor", r"visual perception", r"feeding", r"dressing"],
    3: [r"muscles", r"sit, walk and run|sitting, walking and running"],
    4: [r"control of their big\s+movements for their hand skills"],
    5: [r"grasp", r"let go", r"buttons", r"drawing|draw", r"fork|cutlery"],
    6: [r"tummy time", r"floor play|on the floor", r"positions"],
    7: [r"suit their age", r"explore"],
    8: [r"soft play", r"playground", r"swimming", r"outdoor|outside"],
    9: [r"balance", r"core", r"shoulders?|arms", r"writing"],
    10: [r"feeding", r"dressing", r"messy", r"school"],
    11: [r"has fun|have fun", r"enjoys"],
    12: [r"health visitor or GP", r"refer"],
    13: [r"Move and play", r"Let me try"],
}


@pytest.fixture(scope="module")
def page_texts(soups):
    return {path: soups.article_text(path) for path in soups
            if soups[path].select_one("article") and not path.startswith(("packs/", "components/"))}


@pytest.mark.parametrize("point", sorted(POINTS))
def test_leaflet_point_is_on_the_site(page_texts, point):
    pages = [path for path, text in page_texts.items()
             if all(re.search(phrase, text, re.I) for phrase in POINTS[point])]
    assert pages, f"no page says leaflet point {point}"
