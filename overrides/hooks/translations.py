"""One language's build: its translated pages in place of the English ones, each with its provenance.

Each language is a site of its own under /<lang>/, built from translations/<lang>/mkdocs.yml, which
inherits the English mkdocs.yml (`INHERIT:`) and sets `extra.app_translation` (see README,
"Translations"). Its pages are translations/<lang>/docs/<the English page's path>: the English
docs/ stays the one tree of pages, so every English page the language lacks is built from the
English, with a line in English saying so, and nothing of a translation reaches the English site.

Every build, the English one included, also finds each language's reviewed pages (`reviewed`:
a named checker, the English's numbers, and checked against the English as it is now), for the
Language box (partials/app-translated-pages.html) and for the server files (languages.py).

- on_config (first of its event): the language: its `lang`, its name and whether it is written right to left, from
  CLDR (language_names.py) for a language of docs/.data/languages.yml; a code of ISO 639's
  private-use range (qaa to qtz, the tests' made-up language) gives its own. The site's address
  gains /<lang>/, the theme's direction is the language's, and the snippet folders are the
  English project's. Where Material has an interface language for the code (its
  partials/languages/<code>.html, by its contributors: ar, bn, fa, pl, ur ...), the theme's own
  words, <html lang> and the search plugin's lang and pipeline are that language's (`interface`);
  elsewhere (gu, pa, so, the tests' qaa) the theme stays English ("custom", en-GB) with `lang` on
  the content. Our partials' English words then carry lang="en-GB" (`app_en`, set by on_env).
- on_files (after front_matter.py read the English pages): each translation is checked
  (provenance.py): its provenance, its numbers against the English, and, in a release build,
  that its English has not changed since it was checked. Its File stays the English page's (a page
  quoting another quotes the English), with the translation's title and description. Its pages
  register the whole site's service worker, one folder up (register-sw.js's WORKER).
- on_page_markdown (first of its event, so every later step reads the translation): a translated
  page's Markdown is the translation's, its front matter the English page's with the translation's
  title and description; page.meta.app_translation is what the templates show
  (partials/app-translation.html, partials/app-translation-provenance.html).
- on_env: `app_translated_pages(page)`, the reviewed translations the Language box links to: on a
  page, the page's own; on the language pages (languages.md, easy-read/languages.md), every one.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from jinja2 import TemplateNotFound
from markupsafe import Markup
from mkdocs.exceptions import PluginError

import front_matter_reader
import language_names
import provenance

# register-sw.js's setting, and what it says in a language's build, served one folder down.
WORKER = ('var WORKER = "sw.js";', 'var WORKER = "../sw.js";')
PRIVATE_USE = re.compile(r"q[a-t][a-z]")  # ISO 639-2's codes reserved for local use: never a real language
RELEASE = "1"
SETTINGS = ("lang", "english", "name", "dir", "untranslated")
FOLDER = "translations"  # translations/<lang>/mkdocs.yml and translations/<lang>/docs/, in the project's folder
# The pages whose Language box lists every reviewed translation, not only the page's own.
EVERY_TRANSLATION = ("languages.md", "easy-read/languages.md")
ENGLISH_INTERFACE = "custom"  # partials/languages/custom.html: the theme's English words, lang="en-GB"
# What our own partials' English parts carry (app_en) where the page's <html lang> is not English.
ENGLISH = Markup(' lang="en-GB" dir="ltr"')


def _language(settings, config) -> dict:
    """The language of this build, from extra.app_translation, checked."""
    where = f"{os.path.basename(config.config_file_path)}, extra.app_translation"
    if not isinstance(settings, dict) or not isinstance(settings.get("lang"), str):
        raise PluginError(f"{where}: give the language's code, like\nextra:\n  app_translation:\n    lang: so")
    unknown = set(settings) - set(SETTINGS)
    if unknown:
        raise PluginError(f"{where}: '{sorted(unknown)[0]}' is not a setting of a translation. The settings are "
                          f"{', '.join(SETTINGS)}.")
    code = settings["lang"].strip()
    if PRIVATE_USE.fullmatch(code):
        if settings.get("dir") not in ("ltr", "rtl") or not str(settings.get("name") or "").strip():
            raise PluginError(f"{where}: '{code}' is a code for private use (the tests' made-up language), which "
                              "CLDR does not know: give its 'name' and its 'dir' (ltr or rtl) too.")
        name, direction, english = settings["name"], settings["dir"], settings.get("english") or settings["name"]
    else:
        known = {language.code: language for language in language_names.load(config)}
        if code not in known:
            raise PluginError(f"{where}: '{code}' is not in docs/.data/languages.yml. Add the language there first "
                              "(its name and direction come from CLDR), then build its translation.")
        language = known[code]
        name, direction, english = language.name, language.dir, language.english_label
    return {"lang": code, "name": name, "dir": direction, "english": english,
            "og_locale": _og_locale(code), "untranslated": settings.get("untranslated")}


def _og_locale(code: str) -> str:
    """Open Graph's locale (language_TERRITORY) from CLDR's likely territory: so_SO, ur_PK."""
    try:
        locale = Locale.parse(get_global("likely_subtags").get(code, code))
    except (UnknownLocaleError, ValueError):
        return code
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def interface(code: str, env) -> dict:
    """The theme's own words for a language's build, and its search settings. Where the theme has
    an interface language for the code (partials/languages/<code>.html: Material's, written by its
    contributors, or one a translator supplied in overrides/), that language, with the search
    language and pipeline Material gives it (its search plugin's `_translate`: the language's
    value, else English's), and its word breaks if it has its own (else mkdocs.yml's stay).
    Elsewhere the English interface ("custom") with English search."""
    english = env.get_template("partials/languages/en.html").module
    words = None
    if code not in ("en", ENGLISH_INTERFACE):
        try:
            words = env.get_template(f"partials/languages/{code}.html").module
        except TemplateNotFound:
            pass

    def t(key):
        return str((words.t(key) if words else "") or english.t(key))

    return {"theme": code if words else ENGLISH_INTERFACE, "search_lang": t("search.config.lang"),
            # as Material's search plugin splits it: " " (no trimmer, stop words or stemmer) stays [" "]
            "search_pipeline": list(filter(len, re.split(r"\s*,\s*", t("search.config.pipeline")))),
            # a script's own word breaks (Chinese: 、。，), where the language has them; else mkdocs.yml's
            "search_separator": str(words.t("search.config.separator")) if words else ""}


def _use_interface(config, code: str) -> bool:
    """Set the theme's language and the search plugin's for the build; whether it is not English."""
    chosen = interface(code, config.theme.get_env())
    config.theme["language"] = chosen["theme"]
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None and search.config.enabled:
        search.config.lang = [chosen["search_lang"]]
        search.config.pipeline = chosen["search_pipeline"]
        search.config.separator = chosen["search_separator"] or search.config.separator
        # The plugin made its index from its settings in its own on_config, which ran first (the
        # hook is after it in the plugins): it makes it again from these, as it would have.
        search.on_config(config)
    return chosen["theme"] != ENGLISH_INTERFACE


def on_config(config, build, **kwargs):
    settings = config.extra.get("app_translation")
    build.translation = None
    if settings is None:
        return config
    language = _language(settings, config)
    folder = Path(config.config_file_path).parent.name
    if folder != language["lang"]:
        raise PluginError(f"{FOLDER}/{folder}/mkdocs.yml: its language is '{language['lang']}', but a language's "
                          f"folder is named by its code: move it to {FOLDER}/{language['lang']}/.")
    language["english_url"] = config.site_url or "/"
    language["tree"] = Path(config.config_file_path).parent / "docs"
    if config.site_url:
        config.site_url = config.site_url.rstrip("/") + f"/{language['lang']}/"
    config.theme["direction"] = language["dir"]
    language["interface"] = _use_interface(config, language["lang"])
    # The English mkdocs.yml's snippet folders are relative to its own folder, the project's, not
    # this file's (snippets_exist.py, next, reads them from the folder of the file being built).
    snippets = config.mdx_configs.get("pymdownx.snippets", {})
    bases = snippets.get("base_path", ["."])
    project = Path(config.docs_dir).parent
    snippets["base_path"] = [str((project / b).resolve()) for b in ([bases] if isinstance(bases, str) else bases)]
    build.translation = language
    return config


def language_configs(project: Path) -> list[Path]:
    """Each language's mkdocs.yml (translations/<lang>/mkdocs.yml), in the order of their codes."""
    return sorted((project / FOLDER).glob("*/mkdocs.yml"))


def reviewed(project: Path, docs_dir: Path, english: dict[str, str], config) -> list[dict]:
    """Each language that has reviewed pages, with them: {lang, name, dir, english, pages: {src_uri:
    its title}}. A page is reviewed when a checker is named, its numbers are the English's and it
    was checked against the English as it is now. Anything else is left out here: the language's own
    build refuses it (or, in a preview, marks it out of date), naming the file."""
    found = []
    for path in language_configs(project):
        try:
            settings = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("extra", {}).get("app_translation")
            language = _language(settings, config)
        except (yaml.YAMLError, AttributeError, PluginError):
            continue  # the language's own build says what is wrong with its mkdocs.yml
        pages = {}
        for page in sorted((path.parent / "docs").rglob("*.md")):
            src_uri = page.relative_to(path.parent / "docs").as_posix()
            text = page.read_text(encoding="utf-8")
            meta, problem = front_matter_reader.read_front_matter(text)
            if src_uri not in english or problem or provenance.provenance_problems(page.name, meta):
                continue
            if provenance.number_problem(page.name, english[src_uri], text) is None and provenance.is_current(
                    meta, english[src_uri], docs_dir):
                pages[src_uri] = meta["title"]
        if pages:
            found.append({**{key: language[key] for key in ("lang", "name", "dir", "english")}, "pages": pages})
    return found


def on_files(files, config, build, **kwargs):
    english = {file.src_uri: file.content_string for file in files.documentation_pages()
               if file.abs_src_path and file.src_uri.endswith(".md")}
    docs_dir = Path(config.docs_dir)
    build.language_configs = language_configs(docs_dir.parent)
    build.reviewed = reviewed(docs_dir.parent, docs_dir, english, config)
    language = build.translation
    if language is None:
        return files
    register = files.get_file_from_path("assets/register-sw.js")
    if register is None or WORKER[0] not in register.content_string:
        raise PluginError(f"translations.py: docs/assets/register-sw.js must say `{WORKER[0]}` for a language's "
                          "pages to register the whole site's service worker.")
    register.content_string = register.content_string.replace(*WORKER, 1)
    # Files are named from the project's folder (the English docs/ is in it), as editors see them.
    tree, docs_dir = language["tree"], Path(config.docs_dir)
    root = docs_dir.parent
    pages = {file.src_uri: file for file in files.documentation_pages()}
    release = os.environ.get("RELEASE") == RELEASE
    problems = []
    for path in sorted(tree.rglob("*.md")) if tree.is_dir() else []:
        name = os.path.relpath(path, root)
        src_uri = path.relative_to(tree).as_posix()
        file = pages.get(src_uri)
        if file is None:
            problems.append(f"{name}: there is no English page docs/{src_uri}. A translation has its English "
                            "page's path: rename it to match, or delete it.")
            continue
        english_name = os.path.relpath(file.abs_src_path, root)
        english, text = file.content_string, path.read_text(encoding="utf-8")
        meta, problem = front_matter_reader.read_front_matter(text)
        if problem:
            problems.append(f"{name}: {problem}")
            continue
        found = provenance.provenance_problems(name, meta) + [
            p for p in [provenance.number_problem(name, english, text)] if p]
        stale = provenance.stale_problem(name, english_name, meta, english, docs_dir)
        if release and stale:
            found.append(stale)
        problems += found
        if found:
            continue
        # The File stays the English page's (a page that quotes another, as the planner quotes the
        # age pages' cards, quotes the English); the page is built from the translation's words.
        file.app_meta = {**file.app_meta, "title": meta["title"], "description": meta["description"]}
        file.app_translation = {key: meta[key] for key in ("translated_by", "checked_by", "checked_on")}
        file.app_translation.update(current=stale is None, name=name, text=text)
    if problems:
        raise PluginError("Some translations need fixing:\n  " + "\n  ".join(problems))
    return files


def on_page_markdown(markdown, page, build, **kwargs):
    language = build.translation
    if language is None:
        return markdown
    done = getattr(page.file, "app_translation", None)
    if done is not None:
        # The English page's front matter (review dates, sign-off, picture) with the translation's
        # title and description; its words are the translation's.
        _, markdown = front_matter_reader.split_front_matter(done["text"])
        page.meta.update({key: page.file.app_meta[key] for key in ("title", "description")})
        page.title = page.meta["title"]  # in the menu and search too, where mkdocs.yml's nav names it in English
        markdown = markdown.lstrip("\n")
    page.meta["app_translation"] = {
        **{key: language[key] for key in ("lang", "name", "dir", "english", "og_locale", "untranslated")},
        "english_url": language["english_url"] + page.url,
        "translated": done is not None,
        **{key: value for key, value in (done or {}).items() if key not in ("name", "text")},
    }
    return markdown


def links(page, reviewed: list[dict], this_language: str | None) -> list[dict]:
    """The reviewed translations the page's Language box links to, by language: the page's own
    translations, or on the language pages every one. Each address is relative to the page, into
    /<lang>/ at the whole site's root (one folder up in a language's build)."""
    every = getattr(page.file, "src_uri", None) in EVERY_TRANSLATION
    up = "../" * (page.url.count("/") + (1 if this_language else 0))
    found = []
    for language in reviewed:
        if language["lang"] == this_language:
            continue
        pages = [(src, title) for src, title in language["pages"].items() if every or src == page.file.src_uri]
        if pages:
            found.append({**language, "pages": [
                {"title": title, "href": up + language["lang"] + "/" + _built_url(src)} for src, title in pages]})
    return found


def _built_url(src_uri: str) -> str:
    """A page's address in its site (directory URLs, as mkdocs.yml has them): ages/1-2-years/."""
    stem = src_uri[:-3]
    return "" if stem == "index" else stem[:-5] if stem.endswith("/index") else stem + "/"


def on_env(env, config, files, build, **kwargs):
    this_language = build.translation["lang"] if build.translation else None
    # Our partials' English words, where the theme's are the language's (<html lang="pl">).
    env.globals["app_en"] = ENGLISH if build.translation and build.translation["interface"] else ""
    env.globals["app_translated_pages"] = lambda page: links(page, build.reviewed, this_language) if page else []
    return env
