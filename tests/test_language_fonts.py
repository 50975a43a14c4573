"""Every language name the site shows in its own writing is drawn with real letters, never as
empty boxes ("tofu", a font's .notdef glyph), in the fonts the tests pin (.ci/fonts.conf).

The site loads no web font: a phone draws these names with its own fonts. The tests stand in
for a phone with Debian's Noto packages, one per script the names need (.ci/debian-packages.sh
asks dpkg for each). The check is Chromium's own drawing: each character of each name is drawn
on a canvas in the font its element has, and compared, pixel by pixel, with a character no font
has (U+0378, unassigned), which every browser draws as the .notdef box. A character drawn the
same as that box has no font. The check is itself checked: in a Chromium whose fontconfig has
only Liberation (no Noto), it must find the boxes in every name not written in Latin letters.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, need
from test_languages import CODES, LANGUAGES

# {lang: [characters drawn as the .notdef box]} for every element of the page in another language.
MISSING_GLYPHS = r"""() => {
  const canvas = document.createElement('canvas');
  canvas.width = 160; canvas.height = 120;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const draw = (font, lang, text) => {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.font = font; ctx.lang = lang; ctx.fillText(text, 30, 80);
    return ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  };
  const same = (a, b) => a.every((value, i) => value === b[i]);
  const found = {};
  for (const el of document.querySelectorAll('[lang]:not(html)')) {
    if (el.lang.startsWith('en')) continue;
    const style = getComputedStyle(el);
    const font = `${style.fontStyle} ${style.fontWeight} 64px ${style.fontFamily}`;
    const box = draw(font, el.lang, '\u0378');
    const missing = [...el.textContent].filter(c => c.trim() && same(draw(font, el.lang, c), box));
    found[el.lang] = [...new Set([...(found[el.lang] || []), ...missing])];
  }
  return found;
}"""
PAGES = ["", "languages/", "easy-read/languages/", *(f"interpreter/{code}/" for code in CODES)]
LATIN = {"so", "pl", "sk"}  # Somali, Polish and Slovak are written in Latin letters: Liberation has them
# The Debian package with the font for each script the names need (docs/.data/languages.yml).
PACKAGES = {"fonts-liberation2": {"so", "pl", "sk"}, "fonts-noto-core": {"gu", "pa", "bn", "ur", "ar", "fa"},
            "fonts-noto-cjk": {"zh"}}


def missing_glyphs(page, site_url: str, paths) -> dict[str, dict[str, list[str]]]:
    found = {}
    for path in paths:
        page.goto(site_url + path)
        seen = page.evaluate(MISSING_GLYPHS)
        assert seen, f"{path or 'home'}: no words in another language to check"
        found[path] = seen
    return found


@pytest.mark.browser
def test_no_language_name_shows_as_empty_boxes(browser, site_url):
    page = browser.new_page()
    found = missing_glyphs(page, site_url, PAGES)
    page.close()
    assert set(found[""]) == set(CODES)  # the Language link names every language
    assert {path: {lang: chars for lang, chars in seen.items() if chars} for path, seen in found.items()} == \
        {path: {} for path in PAGES}


@pytest.mark.browser
def test_the_check_finds_empty_boxes_when_the_noto_fonts_are_missing(browser, site_url, tmp_path):
    """The same check, in a Chromium that has Liberation but no Noto: every name in a script
    other than Latin must come out as boxes, and the Latin names must not."""
    need("fc-list", "fontconfig")
    config = tmp_path / "fonts.conf"
    config.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/liberation2</dir>
  <cachedir>{tmp_path / "cache"}</cachedir>
  <alias><family>sans-serif</family><prefer><family>Liberation Sans</family></prefer></alias>
</fontconfig>
""", encoding="utf-8")
    without_noto = browser.browser_type.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                               env={**os.environ, "FONTCONFIG_FILE": str(config)})
    try:
        page = without_noto.new_page()
        found = missing_glyphs(page, site_url, ["languages/"])["languages/"]
    finally:
        without_noto.close()
    assert {lang for lang, chars in found.items() if chars} == set(CODES) - LATIN
    for language in LANGUAGES:
        if language.code not in LATIN:  # every letter of the name is a box
            letters = {c for c in language.name if c.strip()}
            assert letters <= set(found[language.code]), (language.code, found[language.code])


@pytest.mark.system
def test_each_script_has_its_font_package_installed_as_dpkg_says():
    """A folder can be there without the fonts (fonts-noto-mono makes .../truetype/noto): ask dpkg."""
    need("dpkg-query", "dpkg")
    assert set().union(*PACKAGES.values()) == set(CODES), "a language whose script has no font package here"
    for package in PACKAGES:
        status = subprocess.run(["dpkg-query", "-W", "-f=${db:Status-Status}", package],
                                capture_output=True, text=True).stdout
        assert status == "installed", f"{package} is not installed: run 'make test', which installs it"
    script = (ROOT / ".ci" / "debian-packages.sh").read_text(encoding="utf-8")
    for package in PACKAGES:
        assert f"need {package} installed {package}" in script


@pytest.mark.system
def test_fontconfig_has_a_font_for_each_language_in_the_projects_fonts():
    fc_list = need("fc-list", "fontconfig")
    for code in CODES:
        fonts = subprocess.run([fc_list, f":lang={code}", "file"], capture_output=True, text=True, check=True).stdout
        assert fonts.strip(), f"no font in .ci/fonts.conf for {code}"
