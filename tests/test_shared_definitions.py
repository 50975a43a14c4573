"""links.md and abbr.md parsed once a build (overrides/hooks/shared_definitions.py): every page's
HTML is the same as when Markdown reads the text pymdownx.snippets appends to it, and the step
really takes that text off (else these tests would compare a page with itself)."""

from __future__ import annotations

from types import SimpleNamespace

import markdown
import pytest
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from mkdocs.config import load_config

import build_state
import pipeline
import shared_definitions
from conftest import ROOT


@pytest.fixture(scope="module")
def settings():
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    extensions = [e for e in config["markdown_extensions"] if not isinstance(e, pipeline.PageSteps)]
    return {"markdown_extensions": extensions, "mdx_configs": config["mdx_configs"]}


class _Step(Extension):
    """shared_definitions' two functions where pipeline.PageSteps runs their stages."""

    def __init__(self, settings, build, name):
        super().__init__()
        self.args = {"page": SimpleNamespace(file=SimpleNamespace(src_uri=name)), "config": settings, "build": build}

    def extendMarkdown(self, md):
        args = self.args

        class Text(Preprocessor):
            def run(self, lines):
                return shared_definitions.on_markdown_text("\n".join(lines), md=md, **args).split("\n")

        class Blocks(Treeprocessor):
            def run(self, root):
                shared_definitions.on_page_blocks(root, md=md, **args)

        md.preprocessors.register(Text(md), "test_text", pipeline.PageSteps.TEXT_PRIORITY)
        md.treeprocessors.register(Blocks(md), "test_blocks", pipeline.PageSteps.BLOCKS_PRIORITY)


def both(text: str, settings, name="page.md", build=None):
    """(the HTML as Markdown makes it with the appended text, the HTML through the step, the build)."""
    plain = markdown.Markdown(extensions=settings["markdown_extensions"], extension_configs=settings["mdx_configs"])
    build = build or build_state.Build()
    stepped = markdown.Markdown(extensions=[*settings["markdown_extensions"], _Step(settings, build, name)],
                                extension_configs=settings["mdx_configs"])
    return plain.convert(text), stepped.convert(text), build


PAGES = sorted(p for p in (ROOT / "docs").rglob("*.md") if ".snippets" not in p.parts)


def test_every_page_is_the_same_html_with_the_definitions_read_once(settings, monkeypatch):
    monkeypatch.chdir(ROOT)  # pymdownx.snippets reads base_path from the working folder, as in the build
    build = build_state.Build()
    for path in PAGES:
        name = path.relative_to(ROOT / "docs").as_posix()
        plain, stepped, _ = both(path.read_text(encoding="utf-8"), settings, name, build)
        assert stepped == plain, name
    assert build.shared_taken == {p.relative_to(ROOT / "docs").as_posix() for p in PAGES}
    # The definitions really were in the appended text: the links and glossary words are made.
    assert len(build.shared_definitions.references) > 100 and len(build.shared_definitions.abbreviations) > 10


@pytest.mark.parametrize("text", [
    "Call [NHS 111][tel-111] or read about gross motor skills.",
    # A page's own definition of a shared name: the shared one wins, as when it was appended last.
    "See [the page][tel-111].\n\n[tel-111]: other.md",
    "*[gross motor]: Something else\n\nLearning gross motor skills.",
    "!!! note \"Help\"\n\n    Call [NHS 111][tel-111].",
    "- a list\n- that ends the page with [NHS 111][tel-111]",
    "Words.\n\n    indented code at the end",
    "```\nan open fence [NHS 111][tel-111]",
    "Words.\n\n<div markdown>\n\nIn a box: [NHS 111][tel-111].\n\n</div>",
])
def test_a_page_is_the_same_html_however_it_ends(text, settings, monkeypatch):
    monkeypatch.chdir(ROOT)
    plain, stepped, build = both(text, settings)
    assert stepped == plain
    assert build.shared_taken == {"page.md"}


def test_a_shared_file_with_words_in_it_is_left_on_the_page(settings, tmp_path, monkeypatch):
    """A line that is not a definition shows on every page: the step then leaves the appended text
    to Markdown, so the page shows it as before."""
    (tmp_path / "links.md").write_text("[tel-111]: tel:111\n\nA line of words.\n", encoding="utf-8")
    configs = dict(settings["mdx_configs"], **{"pymdownx.snippets": {"base_path": [str(tmp_path)], "auto_append": ["links.md"]}})
    own = dict(settings, mdx_configs=configs)
    plain, stepped, build = both("Call [NHS 111][tel-111].", own)
    assert stepped == plain and "A line of words." in plain and 'href="tel:111"' in plain
    assert build.shared_definitions is False and build.shared_taken == set()


def test_no_appended_text_changes_nothing(settings):
    configs = dict(settings["mdx_configs"], **{"pymdownx.snippets": {"auto_append": []}})
    plain, stepped, build = both("Call [NHS 111][tel-111].", dict(settings, mdx_configs=configs))
    assert stepped == plain == "<p>Call [NHS 111][tel-111].</p>"
    assert build.shared_taken == set()
