"""Translations (issue 22, parts 3, 4 and 6): one build per language, provenance, staleness, numbers.

No machine translation anywhere: the tests' language is made up. Its code, qaa, is the first of
ISO 639-2's codes reserved for local use (qaa to qtz), so it is never a real language; it is valid
as an HTML `lang` (BCP 47 keeps the range for private use), and CLDR, rightly, does not know it.
It is written right to left, so the path is proven for Urdu, Arabic and Farsi. Its "translation"
is the English with every word's letters reversed (`pseudo_translate`), built only in the test
run, in a copy of the project: nothing of it is in docs/ or translations/.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import polib
import pytest
from markdown.extensions.toc import slugify
import yaml
from conftest import ROOT, SITE_URL, TODAY, copy_project, select
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.theme import Theme

import languages
import offline
import provenance
import security_headers
import sign_off
import test_offline
import test_server
import translation_segments
import translations

sys.path.insert(0, str(ROOT / ".ci"))
import translation_pack  # noqa: E402  (make translation-pack, -import, -checked)

LANG = "qaa"
PAGE = "ages/1-2-years.md"  # a real page: care cards, markers (one makes a table), linked sources (links.md snippet)
STALE_PAGE = "concerns/w-sitting.md"  # translated, then its English changed
CHECKED_ON = TODAY - dt.timedelta(days=3)

LANGUAGE_CONFIG = """\
# The tests' made-up language (tests/test_translations.py): never published.
INHERIT: ../../mkdocs.yml
docs_dir: ../../docs
theme:
  custom_dir: ../../overrides
hooks:
  - ../../overrides/hooks/pipeline.py
extra:
  app_translation:
    lang: qaa
    name: Qaa test
    english: Test language
    dir: rtl
"""

# What is not a word to translate: markers, link targets and names, attribute lists, card types.
KEEP = re.compile(r"<!--.*?-->|\]\([^)\n]*\)|\]\[[^\]\n]*\]|\{[:#.][^}\n]*\}|^[ \t]*(?:!!!|\?\?\?) [\w-]+"
                  r"|<[^>\n]*>|&\w+;", re.S | re.M)


def pseudo_translate(body: str) -> str:
    """The made-up language: every English word of two letters or more, written backwards. The
    Sources section stays as it is: it lists English documents, and the print steps read it."""
    at = body.find("\n## Sources")
    if at >= 0:
        return pseudo_translate(body[:at]) + body[at:]
    # A heading keeps its English anchor, so links to it (#when-to-ask-for-help) still land: the
    # translator's pack will do the same.
    body = re.sub(r"^(#{2,6} )([^{\n]+?)[ \t]*$", lambda m: f"{m.group(1)}{m.group(2)} {{#{slugify(m.group(2), '-')}}}",
                  body, flags=re.M)
    out, last = [], 0
    for match in KEEP.finditer(body):
        out.append(re.sub(r"[A-Za-z]{2,}", lambda m: m.group()[::-1], body[last:match.start()]))
        out.append(match.group())
        last = match.end()
    out.append(re.sub(r"[A-Za-z]{2,}", lambda m: m.group()[::-1], body[last:]))
    return "".join(out)


def translation(english: str, docs_dir: Path, **fields) -> str:
    meta = {"title": "Sraey 2 ot 1", "description": "Tset egaugnal: tahw tsom srelddot od.",
            "translated_by": "Test translation agency", "checked_by": "Test reviewer who reads the language",
            "checked_on": CHECKED_ON, "english_hash": provenance.english_hash(english, docs_dir)}
    meta.update(fields)
    meta = {key: value for key, value in meta.items() if value is not None}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + pseudo_translate(
        sign_off.body(english))


# --- plain functions --------------------------------------------------------------------------

def test_numbers_are_those_a_parent_reads():
    text = ("---\ntitle: x\nlast_reviewed: 2026-11-25\n---\nBy 15 months, or call [999][tel-999] or NHS 111.\n"
            "Ring 0116 295 3060. <!-- app/signs band=1-2-years --> ![A picture](picture:walk-2)\n"
            "[Ages](../ages/3-5-years.md){: .x-9 } `code 42`\n")
    assert provenance.numbers(text) == {"15", "999", "111", "01162953060"}


def test_numbers_in_other_scripts_are_the_same_numbers():
    assert provenance.numbers("اتصل ب ٩٩٩ او ١١١") == {"999", "111"}          # Arabic-Indic digits
    assert provenance.numbers("৯৯৯ নম্বরে ফোন করুন") == {"999"}                # Bengali digits
    assert provenance.number_problem("t.md", "Call 999.", "Wac ૯૯૯.") is None  # Gujarati digits


def test_a_changed_number_is_refused_naming_both():
    problem = provenance.number_problem("translations/so/docs/help.md", "By 15 months. Call 999.",
                                        "By 18 months. Call 999.")
    assert problem.startswith("translations/so/docs/help.md: ")
    assert "the English has 15 and the translation does not" in problem
    assert "the translation has 18 and the English does not" in problem
    assert provenance.number_problem("t.md", "Call 999 or 111.", "Call 999 or 111.") is None


def test_a_translation_with_no_checker_is_refused():
    meta = {"title": "T", "description": "D", "translated_by": "Agency", "checked_by": "pending",
            "checked_on": CHECKED_ON, "english_hash": "0" * sign_off.HASH_LENGTH}
    problems = provenance.provenance_problems("translations/so/docs/help.md", meta, TODAY)
    assert len(problems) == 1 and "nobody is named as having checked" in problems[0]
    assert problems[0].startswith("translations/so/docs/help.md: ")
    del meta["checked_by"]
    assert len(provenance.provenance_problems("x.md", meta, TODAY)) == 1
    meta.update(checked_by="Somali-speaking health visitor", reviewed_by="Early Years physiotherapist",
                checked_on="last week")
    problems = provenance.provenance_problems("x.md", meta, TODAY)
    assert any("'reviewed_by' is not a field of a translation" in p for p in problems)
    assert any("'checked_on' must be the day" in p for p in problems)


def test_the_english_hash_is_the_sign_off_hash():
    """One hash: what a translation matches is what a clinician signs (sign_off.page_hash)."""
    english = (ROOT / "docs" / PAGE).read_text(encoding="utf-8")
    assert provenance.english_hash(english, ROOT / "docs") == sign_off.page_hash(english, ROOT / "docs")


def test_an_english_change_makes_a_translation_stale(tmp_path):
    english = "---\ntitle: A\n---\nCall 999.\n"
    meta = {"checked_on": dt.date(2027, 1, 12), "english_hash": provenance.english_hash(english, tmp_path)}
    assert provenance.stale_problem("t/help.md", "docs/help.md", meta, english, tmp_path) is None
    changed = english + "A new sentence.\n"
    problem = provenance.stale_problem("t/help.md", "docs/help.md", meta, changed, tmp_path)
    assert problem.startswith("t/help.md: docs/help.md changed after this translation was checked on 12 January 2027")
    assert provenance.english_hash(changed, tmp_path) in problem  # the fix names the hash to record


def test_open_graph_locale_comes_from_cldr():
    assert translations._og_locale("so") == "so_SO"
    assert translations._og_locale("ur") == "ur_PK"
    assert translations._og_locale(LANG) == LANG


@pytest.fixture(scope="module")
def theme_env():
    """The theme's templates as a build finds them: overrides/, then Material's."""
    return Theme(name="material", custom_dir=str(ROOT / "overrides")).get_env()


@pytest.mark.parametrize("code", ["pl", "ar", "ur", "bn", "fa"])
def test_a_language_material_speaks_gets_its_words_and_search(code, theme_env):
    """Material's contributors wrote these languages' interface (partials/languages/<code>.html):
    the theme's words and <html lang> are the language's. None of them has a search.config.lang
    (Material has no lunr stemmer for them), so search stays "en", with the pipeline " " Material
    gives them: no English stop words or stemmer run on their words."""
    assert translations.interface(code, theme_env) == {"theme": code, "search_lang": "en", "search_pipeline": [" "],
                                                      "search_separator": ""}
    words = theme_env.get_template(f"partials/languages/{code}.html").module
    assert str(words.t("language")) == code and str(words.t("search.placeholder")) not in ("", "Search")


def test_search_takes_the_language_s_stemmer_and_word_breaks_where_material_has_them(theme_env):
    assert translations.interface("hi", theme_env) == {"theme": "hi", "search_lang": "hi",
                                                      "search_pipeline": ["stopWordFilter"], "search_separator": ""}
    chinese = translations.interface("zh", theme_env)  # written without spaces: Material's breaks
    assert chinese["theme"] == "zh" and "、。，" in chinese["search_separator"]


@pytest.mark.parametrize("code", ["so", "gu", "pa", LANG, "en"])
def test_a_language_material_does_not_speak_keeps_the_english_interface(code, theme_env):
    """No partials/languages/<code>.html: the theme's words stay English (custom.html, en-GB),
    the content carries its language's lang; search is English's, as it is for the English site."""
    assert translations.interface(code, theme_env) == {"theme": "custom", "search_lang": "en",
                                                      "search_pipeline": ["stopWordFilter"], "search_separator": ""}


def test_our_english_words_are_marked_only_under_another_interface():
    """app_en: nothing in the English site and under the English interface (byte for byte as
    before); lang="en-GB" where the theme speaks the language."""
    for translation_, expected in ((None, ""), ({"lang": LANG, "interface": False}, ""),
                                   ({"lang": "pl", "interface": True}, ' lang="en-GB" dir="ltr"')):
        env = SimpleNamespace(globals={})
        translations.on_env(env, None, None, SimpleNamespace(translation=translation_, reviewed=[]))
        assert str(env.globals["app_en"]) == expected


def _files_step(tmp_path, english: str, translated: str, release: bool, monkeypatch):
    """translations.on_files on a one-page project, as the build calls it."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "help.md").write_text(english, encoding="utf-8")
    tree = tmp_path / "translations" / LANG / "docs"
    tree.mkdir(parents=True)
    (tree / "help.md").write_text(translated, encoding="utf-8")
    page = SimpleNamespace(src_uri="help.md", abs_src_path=str(tmp_path / "docs" / "help.md"),
                           content_string=english, app_meta={"title": "Help", "description": "English"})
    register = SimpleNamespace(content_string=f"{translations.WORKER[0]}\n")
    files = SimpleNamespace(documentation_pages=lambda: [page], get_file_from_path=lambda path: register)
    config = SimpleNamespace(config_file_path=str(tmp_path / "translations" / LANG / "mkdocs.yml"),
                             docs_dir=str(tmp_path / "docs"))
    build_state = SimpleNamespace(translation={"lang": LANG, "tree": tree})
    monkeypatch.setenv("RELEASE", "1") if release else monkeypatch.delenv("RELEASE", raising=False)
    translations.on_files(files, config, build_state)
    return page


def test_a_release_refuses_a_stale_translation_and_a_preview_marks_it(tmp_path, monkeypatch):
    english = "---\ntitle: Help\n---\nCall 999.\n"
    old = translation(english, tmp_path / "docs")
    changed = english + "Or 111.\n"
    with pytest.raises(PluginError) as refused:
        _files_step(tmp_path, changed, old.replace("999.", "999. 111."), True, monkeypatch)
    assert f"translations/{LANG}/docs/help.md: docs/help.md changed after this translation was checked" in str(refused.value)
    shutil.rmtree(tmp_path / "docs"), shutil.rmtree(tmp_path / "translations")
    page = _files_step(tmp_path, changed, old.replace("999.", "999. 111."), False, monkeypatch)
    assert page.app_translation["current"] is False
    assert page.app_translation["name"] == f"translations/{LANG}/docs/help.md"
    assert page.app_meta["title"] == "Sraey 2 ot 1"


def test_the_build_refuses_a_changed_number(tmp_path, monkeypatch):
    english = "---\ntitle: Help\n---\nCall 999 or 111.\n"
    wrong = translation(english, tmp_path / "docs").replace("999", "919")
    with pytest.raises(PluginError) as refused:
        _files_step(tmp_path, english, wrong, False, monkeypatch)
    assert (f"translations/{LANG}/docs/help.md: its numbers are not the English page's: the English has 999 and "
            "the translation does not; the translation has 919") in str(refused.value)


def test_a_private_use_code_needs_its_name_and_direction():
    config = SimpleNamespace(config_file_path="mkdocs.yml")
    with pytest.raises(PluginError, match="give its 'name' and its 'dir'"):
        translations._language({"lang": "qaa"}, config)
    assert translations._language({"lang": "qaa", "name": "Q", "dir": "rtl"}, config)["dir"] == "rtl"


# --- the translator's pack ---------------------------------------------------------------------

TRANSLATED_BY = "Test translation agency"
CHECKED_BY = "Test reviewer who reads the language"


def test_segments_leave_the_site_syntax_alone():
    page = ("---\ntitle: Help\ndescription: When to ask.\n---\n\n## When to ask {#ask}\n\n"
            "<!-- app/signs band=1-2-years -->\n\n| Age | What |\n|---|---|\n| 12 months | Walks |\n\n"
            '!!! care-urgent "Ask for help today if:"\n\n    - your child stops\n      walking\n\n'
            "    Call [NHS 111][tel-111].\n\n{: .app-screen-only }\n\n## Sources\n\n- [NHS][nhs]\n")
    found = [(s.kind, s.text) for s in translation_segments.segments(page)]
    assert found == [("title", "Help"), ("description", "When to ask."), ("heading", "When to ask"),
                     ("table cell", "Age"), ("table cell", "What"), ("table cell", "12 months"),
                     ("table cell", "Walks"), ("care card title", "Ask for help today if:"),
                     ("list item", "your child stops walking"), ("paragraph", "Call [NHS 111][tel-111].")]
    _, _, body = translation_segments.render(page, lambda s: s.text.upper())
    assert "## WHEN TO ASK {#ask}" in body and "| 12 MONTHS | WALKS |" in body
    assert '!!! care-urgent "ASK FOR HELP TODAY IF:"' in body and "    - YOUR CHILD STOPS WALKING" in body
    assert "<!-- app/signs band=1-2-years -->" in body and "|---|---|" in body
    assert body.endswith("## Sources\n\n- [NHS][nhs]\n")  # English documents, kept as they are


def test_a_segment_whose_codes_or_numbers_changed_cannot_come_back():
    english = "Call [NHS 111][tel-111] or see [the page](help.md)."
    assert translation_segments.code_problem(english, "Wac [111 SHN][tel-111] ro ees [egap eht](help.md).") is None
    assert "keep ][tel-111]" in translation_segments.code_problem(english, "Wac [111 SHN][tel-999] (help.md).")
    assert "numbers" in translation_segments.code_problem(english, "Wac [119 SHN][tel-111] [egap](help.md).")


def _translate_pack(path: Path) -> None:
    """The made-up language's "agency": every segment of the pack translated, saved back."""
    pack = polib.pofile(str(path))
    for entry in pack:
        entry.msgstr = pseudo_translate(entry.msgid)
    pack.save()


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "docs" / ".snippets").mkdir(parents=True)
    (tmp_path / "docs" / "ages").mkdir()
    shutil.copy(ROOT / "docs" / ".snippets" / "abbr.md", tmp_path / "docs" / ".snippets")
    shutil.copy(ROOT / "docs" / PAGE, tmp_path / "docs" / PAGE)
    return tmp_path


def test_a_page_goes_out_as_a_pack_and_comes_back_checked(project):
    path, count = translation_pack.make_pack(project, LANG, [f"docs/{PAGE}"])
    english = (project / "docs" / PAGE).read_text(encoding="utf-8")
    assert count == len({s.text for s in translation_segments.segments(english)}) > 30
    pack = polib.pofile(str(path))
    card = next(e for e in pack if e.msgid == "Ask for help today if:")
    assert card.msgctxt == PAGE and card.occurrences[0][0] == f"docs/{PAGE}"
    assert "A care card title of the page ages/1-2-years.md." in card.comment
    assert any("Glossary: OT: Occupational therapy" in e.comment for e in pack)
    _translate_pack(path)
    said = translation_pack.import_pack(project, LANG, path, TRANSLATED_BY)
    waiting = project / "translations" / LANG / "to-check" / PAGE
    assert waiting.is_file() and f"translations/{LANG}/to-check/{PAGE}: ready for its checker" in said[-1]
    meta, _ = __import__("front_matter_reader").read_front_matter(waiting.read_text(encoding="utf-8"))
    assert "checked_by" not in meta  # nobody has checked it yet: it is not in the built tree
    with pytest.raises(translation_pack.PackError, match="Name the role of the person who checked it"):
        translation_pack.record_check(project, LANG, [f"docs/{PAGE}"], "")
    translation_pack.record_check(project, LANG, [f"docs/{PAGE}"], CHECKED_BY)
    done = (project / "translations" / LANG / "docs" / PAGE).read_text(encoding="utf-8")
    meta, _ = __import__("front_matter_reader").read_front_matter(done)
    assert meta["checked_by"] == CHECKED_BY and meta["translated_by"] == TRANSLATED_BY
    assert meta["title"] == "1 ot 2 sraey" and not waiting.exists()
    name = f"translations/{LANG}/docs/{PAGE}"
    assert provenance.provenance_problems(name, meta) == []
    assert provenance.number_problem(name, english, done) is None
    assert provenance.stale_problem(name, f"docs/{PAGE}", meta, english, project / "docs") is None


def test_only_the_changed_segment_is_sent_again(project):
    path, _ = translation_pack.make_pack(project, LANG, [f"docs/{PAGE}"])
    _translate_pack(path)
    translation_pack.import_pack(project, LANG, path, TRANSLATED_BY)
    translation_pack.record_check(project, LANG, [f"docs/{PAGE}"], CHECKED_BY)
    page = project / "docs" / PAGE
    old = "They use\ntheir hands more, too."
    page.write_text(page.read_text(encoding="utf-8").replace(old, "They use\ntheir hands more and more."),
                    encoding="utf-8")
    path, count = translation_pack.make_pack(project, LANG, [])  # the pages the language has
    assert count == 1
    entry = polib.pofile(str(path))[0]
    assert "their hands more and more." in entry.msgid and "their hands more, too." in entry.previous_msgid
    assert "It was translated before as: " in entry.tcomment


def test_an_import_with_a_changed_number_is_refused_and_writes_nothing(project):
    path, _ = translation_pack.make_pack(project, LANG, [f"docs/{PAGE}"])
    _translate_pack(path)
    pack = polib.pofile(str(path))
    entry = next(e for e in pack if "15 months" in e.msgid)
    entry.msgstr = re.sub(r"\b15 ", "18 ", entry.msgstr)
    pack.save()
    with pytest.raises(translation_pack.PackError) as refused:
        translation_pack.import_pack(project, LANG, path, TRANSLATED_BY)
    assert f"{path}, line {entry.linenum} ({PAGE}, " in str(refused.value) and "numbers" in str(refused.value)
    assert not (project / "translations" / LANG / "memory.po").exists()


# --- the test language's own build ------------------------------------------------------------

@pytest.fixture(scope="module")
def combined_build(tmp_path_factory) -> Path:
    """A copy of the project with translations/qaa/: ages/1-2-years.md translated and current, and
    concerns/w-sitting.md translated before its English changed; built as `make build` builds it,
    from the English mkdocs.yml, which builds the qaa site into qaa/ (languages.py)."""
    project = copy_project(tmp_path_factory.mktemp("translated-project"))
    docs, tree = project / "docs", project / "translations" / LANG / "docs"
    (project / "translations" / LANG).mkdir(parents=True)
    (project / "translations" / LANG / "mkdocs.yml").write_text(LANGUAGE_CONFIG, encoding="utf-8")
    # The page goes out as a pack, comes back translated, is imported and recorded as checked.
    path, _ = translation_pack.make_pack(project, LANG, [f"docs/{PAGE}"])
    _translate_pack(path)
    translation_pack.import_pack(project, LANG, path, TRANSLATED_BY)
    translation_pack.record_check(project, LANG, [f"docs/{PAGE}"], CHECKED_BY)
    (tree / STALE_PAGE).parent.mkdir(parents=True, exist_ok=True)
    (tree / STALE_PAGE).write_text(translation((docs / STALE_PAGE).read_text(encoding="utf-8"), docs,
                                               title="Gnittis W"), encoding="utf-8")
    stale = docs / STALE_PAGE
    stale.write_text(stale.read_text(encoding="utf-8") + "\nA sentence added after the translation was checked.\n",
                     encoding="utf-8")
    out = tmp_path_factory.mktemp("translated-site")
    build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(out), site_url=SITE_URL))
    return out


@pytest.fixture(scope="module")
def language_build(combined_build) -> Path:
    """The qaa site, as the combined build made it."""
    return combined_build / LANG


def _page(site: Path, name: str) -> str:
    return (site / Path(name).with_suffix("") / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_translation_is_built_in_its_language_right_to_left(language_build):
    html = _page(language_build, PAGE)
    assert select(html, f"div.app-translation[lang={LANG}][dir=rtl]")
    assert select(html, "body[dir=rtl]")  # the layout follows the language
    assert select(html, "html[lang=en-GB]")  # the theme's own words stay English: Material has no qaa
    assert select(html, "div.app-share:not([lang])")  # our English words need no lang of their own there
    assert "tsom nerdlihc" in html.lower()  # its words, not the English
    assert "neewteB 1 dna 2 sraey" in html and "Between 1 and 2 years" not in html
    assert select(html, ".admonition.care-urgent") and select(html, "table")  # a care card, a marker's table
    assert select(html, 'a[href="tel:999"]')  # the snippet's link definitions reached it
    assert select(html, f'link[rel=canonical][href="{SITE_URL}{LANG}/ages/1-2-years/"]')
    assert select(html, f'meta[property="og:locale"][content="{LANG}"]')


@pytest.mark.slow
def test_the_translation_shows_its_provenance(language_build):
    html = _page(language_build, PAGE)
    assert ("Translated into Test language by: Test translation agency. Checked by: Test reviewer who reads "
            "the language") in html
    assert [a.get_text() for a in select(html, f'a[href="{SITE_URL}ages/1-2-years/"][hreflang=en-GB]')] == ["This page in English"]
    assert "Out of date" not in html


@pytest.mark.slow
def test_a_translation_whose_english_changed_is_out_of_date_in_a_preview(language_build):
    html = _page(language_build, STALE_PAGE)
    assert "app-translation-stale" in html and "The English page changed after this translation was checked" in html


@pytest.mark.slow
def test_an_untranslated_page_falls_back_to_english_saying_so(language_build):
    html = _page(language_build, "help.md")
    assert "This page is not translated into Test language yet. It is shown in English." in html
    assert select(html, "div.app-translation[lang=en-GB][dir=ltr]")
    assert "Translated into" not in html


@pytest.mark.slow
def test_the_language_has_its_own_search_index(language_build):
    index = json.loads((language_build / "search" / "search_index.json").read_text(encoding="utf-8"))
    # Material has no qaa: search as the English site's (translations.interface)
    assert (index["config"]["lang"], index["config"]["pipeline"]) == (["en"], ["stopWordFilter"])
    page = [doc for doc in index["docs"] if doc["location"] == "ages/1-2-years/"]
    assert page and "1 ot 2 sraey" in page[0]["title"]
    assert "nehw" in " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("ages/1-2-years/"))


# --- one `make build` for every language: one set of server files (issue 22, part 3) -----------

ENGLISH_TITLE = "1 to 2 years"  # the English page's title, beside its reviewed translation's


def _inline(html: str, pattern) -> set[str]:
    return {"'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
            for body in pattern.findall(html)}


@pytest.mark.slow
def test_one_policy_covers_the_language_pages_inline_scripts_and_styles(combined_build):
    policy = re.search(r'Content-Security-Policy "([^"]*)"', (combined_build / "_nginx-headers.conf").read_text())[1]
    scripts, styles = (dict(p.split(" ", 1) for p in policy.split("; "))[k].split() for k in ("script-src", "style-src"))
    for name in (PAGE, "help.md"):  # a translated page and one still in English
        html = _page(combined_build / LANG, name)
        assert _inline(html, security_headers.INLINE_SCRIPT) and _inline(html, security_headers.INLINE_STYLE)
        assert _inline(html, security_headers.INLINE_SCRIPT) <= set(scripts), name
        assert _inline(html, security_headers.INLINE_STYLE) <= set(styles), name
    assert f"'sha256-" in (combined_build / "_headers").read_text() and policy in (
        combined_build / "_headers").read_text().replace("  Content-Security-Policy: ", 'Content-Security-Policy "')
    # One set of server files: the language's own are gone (nginx would serve _ files under /qaa/).
    left = {p.name for p in (combined_build / LANG).iterdir() if p.name.startswith("_") or p.name.startswith("sitemap")
            or p.name == "sw.js"}
    assert left == set()


@pytest.mark.slow
def test_the_sitemap_lists_the_language_s_reviewed_pages(combined_build):
    sitemap = (combined_build / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}ages/1-2-years/</loc>" in sitemap  # the English stays
    assert f"<loc>{SITE_URL}{LANG}/ages/1-2-years/</loc>" in sitemap
    assert f"<loc>{SITE_URL}{LANG}/concerns/w-sitting/</loc>" not in sitemap  # out of date
    assert f"<loc>{SITE_URL}{LANG}/help/</loc>" not in sitemap  # still in English: the English page's copy
    with gzip.open(combined_build / "sitemap.xml.gz", "rt", encoding="utf-8") as packed:
        assert packed.read() == sitemap


@pytest.mark.slow
def test_one_service_worker_saves_the_language_s_pages_too(combined_build):
    settings = offline.read_settings((combined_build / "sw.js").read_text(encoding="utf-8"))
    assert "ages/1-2-years/" in settings["pages"] and not [p for p in settings["pages"] if p.startswith(f"{LANG}/")]
    language = settings["languages"][LANG]  # saved for a reader of the language only (docs/assets/sw.js)
    assert language["pages"] == [f"{LANG}/ages/1-2-years/"]  # not help/: still in English, whose copy is saved
    assert f"{LANG}/search/search_index.json" in language["assets"] and language["bytes"] > 0
    assert all(a.startswith(f"{LANG}/") and (combined_build / a).is_file() for a in language["assets"])
    # The language's pages register the root's worker, whose scope is the whole site.
    assert 'var WORKER = "../sw.js";' in _page(combined_build / LANG, PAGE)
    assert 'var WORKER = "sw.js";' in _page(combined_build, PAGE)


@pytest.mark.slow
def test_the_language_s_short_links_are_under_its_folder(combined_build):
    redirects = (combined_build / "_redirects").read_text(encoding="utf-8").splitlines()
    english = [line for line in redirects if not line.startswith(f"/{LANG}/")]
    assert english and all(f"/{LANG}{a} /{LANG}{b} 301" in redirects
                           for a, b, _ in (line.split() for line in english))
    nginx = (combined_build / "_nginx-redirects.conf").read_text(encoding="utf-8")
    assert nginx.count("# Made by") == 1 and f'"^/{LANG}/' in nginx and f"return 301 /{LANG}/" in nginx


def _box(html: str) -> str:
    found = select(html, "ul.app-translated-pages")
    return str(found[0]) if found else ""


@pytest.mark.slow
def test_the_language_box_lists_only_reviewed_pages(combined_build):
    box = _box(_page(combined_build, PAGE))
    assert select(box, f"li[lang={LANG}][dir=rtl]") and "Qaa test" in box
    assert [a.get_text() for a in select(box, f'a[href="../../{LANG}/ages/1-2-years/"][hreflang={LANG}]')] == ["1 ot 2 sraey"]
    assert _box(_page(combined_build, STALE_PAGE)) == ""  # checked, but its English changed since
    assert _box(_page(combined_build, "help.md")) == ""  # not translated: shown as before
    languages = _box(_page(combined_build, "languages.md"))  # the Language link's page: every reviewed page
    assert f'href="../{LANG}/ages/1-2-years/"' in languages and "w-sitting" not in languages
    # In the language's own build the box leaves out its own language (the page says where its English is).
    assert _box(_page(combined_build / LANG, PAGE)) == ""


def test_a_page_not_checked_is_not_reviewed(tmp_path):
    english = "---\ntitle: Help\n---\nCall 999.\n"
    (tmp_path / "docs").mkdir()
    tree = tmp_path / "translations" / LANG / "docs"
    tree.mkdir(parents=True)
    (tree.parent / "mkdocs.yml").write_text(LANGUAGE_CONFIG, encoding="utf-8")
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    find = lambda: translations.reviewed(tmp_path, tmp_path / "docs", {"help.md": english}, config)
    (tree / "help.md").write_text(translation(english, tmp_path / "docs"), encoding="utf-8")
    assert find() == [{"lang": LANG, "name": "Qaa test", "dir": "rtl", "english": "Test language",
                       "pages": {"help.md": "Sraey 2 ot 1"}}]
    (tree / "help.md").write_text(translation(english, tmp_path / "docs", checked_by="pending"), encoding="utf-8")
    assert find() == []  # waiting for its checker
    (tree / "help.md").write_text(translation(english + "More.\n", tmp_path / "docs"), encoding="utf-8")
    assert find() == []  # checked against another English


def test_a_language_build_s_refusal_reaches_the_editor_as_it_said_it():
    """languages.py builds each language in a process of its own and stops with what it said."""
    said = ("INFO    -  Building documentation...\n\x1b[33m │ MkDocs 2.0 notice\x1b[0m\n"
            "WARNING -  A link in a page\nERROR   -  Some translations need fixing:\n"
            f"  translations/{LANG}/docs/help.md: its numbers are not the English page's\n\nAborted with a BuildError!\n")
    assert languages.warnings_and_errors(said) == (
        "WARNING -  A link in a page\nSome translations need fixing:\n"
        f"  translations/{LANG}/docs/help.md: its numbers are not the English page's")


@pytest.fixture(scope="module")
def language_server(combined_build, tmp_path_factory):
    """The combined build through the production nginx configuration (tests/test_server.py)."""
    running = test_server.serve(tmp_path_factory.mktemp("nginx-languages"), combined_build)
    yield running
    running.stop()


@pytest.mark.system
@pytest.mark.browser
def test_a_language_page_s_first_view_stays_within_30_kb(language_server, browser):
    total, received = test_server.first_view(browser, language_server.url, f"{LANG}/ages/1-2-years/")
    assert 0 < total <= 30 * 1024, f"{total / 1024:.1f} KB: {received}"


@pytest.mark.system
@pytest.mark.browser
def test_a_language_page_in_the_browser(language_server, browser):
    """Right to left, in its language, with its provenance and its own search, under the one policy."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, ignore_https_errors=True)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(language_server.url + f"{LANG}/ages/1-2-years/", wait_until="load")
    assert page.evaluate("document.documentElement.lang") == "en-GB"  # the theme's words: Material has no qaa
    assert page.evaluate("document.body.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction") == "rtl"
    content = page.locator(f'.app-translation[lang="{LANG}"][dir="rtl"]')
    assert content.count() == 1 and "nerdlihc" in content.inner_text().lower()
    assert page.locator(".app-translation-provenance").is_visible()
    assert "Checked by: Test reviewer who reads the language" in page.locator(".app-translation-provenance").inner_text()
    page.locator("label.md-header__button[for='__search']").click()
    page.locator("input.md-search__input").press_sequentially("nerdlihc", delay=20)
    result = page.locator(".md-search-result__item").first
    result.wait_for(timeout=15000)
    assert f"/{LANG}/ages/1-2-years/" in result.locator("a").first.get_attribute("href")
    # The whole site's one service worker saved the page for this reader of the language.
    names = page.evaluate(test_offline.READY)
    assert names and language_server.url + f"{LANG}/ages/1-2-years/" in page.evaluate(test_offline.CACHED_URLS, names[0])
    context.close()
    assert errors == []  # nothing refused by the policy
    # An English reader's copy has none of the language's pages.
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    page.goto(language_server.url + "ages/1-2-years/", wait_until="load")
    names = page.evaluate(test_offline.READY)
    saved = page.evaluate(test_offline.CACHED_URLS, names[0])
    context.close()
    assert language_server.url + "ages/1-2-years/" in saved and not [u for u in saved if f"/{LANG}/" in u]
