"""Browsers in the tests render with the project's fonts only (.ci/fonts.conf), on any machine."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, need

FONT_DIRS = ("/usr/share/fonts/truetype/liberation2/", "/usr/share/fonts/truetype/noto/",
             "/usr/share/fonts/opentype/noto/")


@pytest.mark.system
def test_fontconfig_sees_only_the_projects_fonts():
    assert os.environ["FONTCONFIG_FILE"] == str(ROOT / ".ci" / "fonts.conf")
    listed = subprocess.run([need("fc-list", "fontconfig"), "--format", "%{file}\n"], capture_output=True,
                            text=True, check=True).stdout.split()
    assert listed, "no font at all: run 'make test' to install fonts-liberation2, fonts-noto-core and fonts-noto-cjk"
    assert [f for f in listed if not f.startswith(FONT_DIRS)] == []
    assert any(Path(f).name == "LiberationSans-Regular.ttf" for f in listed)


@pytest.mark.browser
@pytest.mark.parametrize("selector", ["article h1", "article h2", "article li"])
def test_chromium_draws_text_in_liberation_sans(browser, site_url, selector):
    page = browser.new_page()
    page.goto(site_url + "play/tummy-time/")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    page.close()
    assert [f["familyName"] for f in fonts] == ["Liberation Sans"], fonts
