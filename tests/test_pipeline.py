"""The build's pipeline (overrides/hooks/pipeline.py): one hook, one written order.

Every `on_<event>` function of a step module is run by the pipeline (a step written and never
listed would silently do nothing), the README's list is the pipeline's, and no step sets its own
event priority: the order is the one list a newcomer reads."""

from __future__ import annotations

import importlib
import inspect
import logging
import re

import yaml

from conftest import ROOT

import pipeline  # conftest puts the hooks folder on sys.path, as MkDocs does for the hook

HOOKS = ROOT / "overrides" / "hooks"
NOT_STEPS = {"pipeline", "build_state", "build_cache", "built_pages", "site_model", "easy_words", "care_signs",  # plain modules the steps share
             "front_matter_reader", "data_files", "milestones", "composed_pages", "print_layout", "text_messages",
             "qr_codes", "picture_names", "page_document"}


def step_modules():
    return {p.stem: importlib.import_module(p.stem) for p in sorted(HOOKS.glob("*.py")) if p.stem not in NOT_STEPS}


def test_mkdocs_lists_one_hook_the_pipeline():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["hooks"] == ["overrides/hooks/pipeline.py"]


def test_every_event_function_of_every_step_is_in_the_pipeline():
    listed = {(event, module.__name__) for event, modules in pipeline.PIPELINE.items() for module in modules}
    listed |= {(event, module.__name__) for event, module in pipeline.APART}
    defined = {(name[3:], module_name) for module_name, module in step_modules().items()
               for name, value in vars(module).items() if name.startswith("on_") and inspect.isfunction(value)}
    assert defined - listed == set(), "a step's event function that the pipeline never runs"
    assert listed - defined == set(), "the pipeline lists a step for an event it has no function for"


def test_shared_modules_are_not_steps():
    for name in NOT_STEPS - {"pipeline"}:
        module = importlib.import_module(name)
        assert not [n for n in vars(module) if n.startswith("on_")], name


def test_no_step_sets_an_event_priority():
    for path in HOOKS.glob("*.py"):
        if path.stem != "pipeline":
            assert "event_priority" not in path.read_text(encoding="utf-8"), path.name
    # The pipeline itself: only the CSP's look at the finished pages runs apart.
    priorities = {name: getattr(value, "mkdocs_priority", None) for name, value in vars(pipeline).items()
                  if callable(value) and name.startswith(("on_", "_post"))}
    assert {name for name, p in priorities.items() if p is not None} == {"on_post_page", "on_post_template"}


def test_readme_lists_the_pipeline_in_its_order():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- pipeline:.*?-->\n(.*?)<!-- /pipeline -->", text, re.S)[1]
    readme = {m[1]: m[2].split(", ") for m in re.finditer(r"^\s*- (\w+): (.+)$", block, re.M)}
    assert readme == {event: [m.__name__ for m in modules] for event, modules in pipeline.PIPELINE.items()}


def test_each_build_starts_with_a_new_build_object(monkeypatch):
    """`mkdocs serve` rebuilds in the same process: nothing a build kept is seen by the next."""
    monkeypatch.setitem(pipeline.PIPELINE, "config", [])  # the steps' own on_config need a real config
    before = pipeline.BUILD
    before.cards["old.png"] = "a page from the last build"
    config = {"site_name": "x", "markdown_extensions": ["toc"]}
    assert pipeline.on_config(config) is config
    assert pipeline.BUILD is not before and pipeline.BUILD.cards == {}
    # The page_tree steps run inside Python-Markdown: one extension, added once however often built.
    pipeline.on_config(config)
    assert config["markdown_extensions"][0] == "toc"
    assert [type(e) for e in config["markdown_extensions"][1:]] == [pipeline.PageSteps]


def test_the_page_tree_steps_run_in_order_on_each_page_markdown_makes(monkeypatch):
    """PIPELINE["markdown_text"] runs in the pipeline's preprocessor and PIPELINE["page_tree"] in its treeprocessor, after Markdown's own and MkDocs'
    relpath (which says which page it is), in the table's order, on the tree before it is HTML."""
    import markdown
    from types import SimpleNamespace
    from xml.etree import ElementTree
    from markdown.treeprocessors import Treeprocessor

    ran = []

    def step(name):
        def on_page_tree(root, page, config, files, md, build):
            ran.append((name, page, [el.tag for el in root]))
            root.append(ElementTree.Element("hr"))
        return SimpleNamespace(on_page_tree=on_page_tree)

    monkeypatch.setitem(pipeline.PIPELINE, "page_tree", [step("first"), step("second")])
    texts = []

    def text_step(name):
        def on_markdown_text(text, page, config, files, md, build):
            texts.append((name, page, text))
            return text.replace("Words.", f"Words {name}.")
        return SimpleNamespace(on_markdown_text=on_markdown_text)

    monkeypatch.setitem(pipeline.PIPELINE, "markdown_text", [text_step("one"), text_step("two")])
    parsed = []

    def on_page_parsed(root, page, config, files, md, build):  # as Markdown parsed it: no toc id yet
        parsed.append((page, [(el.tag, dict(el.attrib)) for el in root]))
    monkeypatch.setitem(pipeline.PIPELINE, "page_parsed", [SimpleNamespace(on_page_parsed=on_page_parsed)])
    blocks = []

    def on_page_blocks(root, page, config, files, md, build):  # blocks read, links not yet made
        blocks.append((page, [(el.tag, el.text) for el in root]))
        md.references["later"] = ("other.md", None)
    monkeypatch.setitem(pipeline.PIPELINE, "page_blocks", [SimpleNamespace(on_page_blocks=on_page_blocks)])
    page = object()
    md = markdown.Markdown(extensions=["toc", pipeline.PageSteps()])
    relpath = Treeprocessor(md)
    relpath.run, relpath.file, relpath.config, relpath.files = (lambda root: None), SimpleNamespace(page=page), {}, []
    md.treeprocessors.register(relpath, "relpath", 0)  # as MkDocs' Page.render does
    assert md.convert("# Title\n\nWords. [A link][later]") == ('<h1 id="title">Title</h1>\n<p>Words one. <a href="other.md">A link</a></p>\n'
                                                           '<hr /><hr />')
    assert texts == [("one", page, "# Title\n\nWords. [A link][later]"), ("two", page, "# Title\n\nWords one. [A link][later]")]
    assert blocks == [(page, [("h1", "Title"), ("p", "Words one. [A link][later]")])]
    assert ran == [("first", page, ["h1", "p"]), ("second", page, ["h1", "p", "hr"])]
    assert parsed == [(page, [("h1", {}), ("p", {})])]
    assert markdown.Markdown(extensions=[pipeline.PageSteps()]).convert("Outside a page.") == "<p>Outside a page.</p>"
    assert len(ran) == 2 and len(texts) == 2 and len(parsed) == 1, "Markdown made outside a page's render is left alone"


def test_markers_are_made_after_snippets_and_before_markdown_reads_the_text():
    """markers.py runs as a preprocessor: after pymdownx.snippets (the shared links appended),
    before Markdown's whitespace pass and its blocks."""
    import markdown
    md = markdown.Markdown(extensions=["pymdownx.snippets", pipeline.PageSteps()])
    names = [p.name for p in sorted(md.preprocessors._priority, key=lambda p: -p.priority)]
    assert names.index("snippet") < names.index("app_markdown_text") < names.index("normalize_whitespace")
    assert names.index("app_markdown_text") < names.index("html_block")


def test_a_preview_leaves_out_only_the_publishing_steps(monkeypatch):
    """`make serve` (APP_PREVIEW=1) skips the steps README's "What a preview leaves out" names;
    without it, as in `make build` and the tests, every step runs."""
    ran = []
    for module in pipeline.PIPELINE["post_build"]:
        monkeypatch.setattr(module, "on_post_build", lambda build, module=module, **kwargs: ran.append(module.__name__))
    monkeypatch.delenv("APP_PREVIEW", raising=False)
    pipeline.run("post_build", config=None)
    assert ran == [m.__name__ for m in pipeline.PIPELINE["post_build"]]
    ran.clear()
    monkeypatch.setenv("APP_PREVIEW", "1")
    pipeline.run("post_build", config=None)
    left_out = {m.__name__ for m in pipeline.PREVIEW_LEAVES_OUT["post_build"]}
    assert left_out == {"lean_pages", "hashed_assets", "minify_pages", "languages", "security_headers", "offline"}
    assert ran == [m.__name__ for m in pipeline.PIPELINE["post_build"] if m.__name__ not in left_out]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}.py`" in readme.split("#### What a preview leaves out")[1][:2000] for name in left_out)


def test_a_preview_drops_only_the_dirty_build_warning():
    record = lambda message: logging.LogRecord("mkdocs.commands.build", logging.WARNING, "", 0, message, None, None)
    assert not pipeline._not_the_dirty_warning(record("A 'dirty' build is being performed, this will likely ..."))
    assert pipeline._not_the_dirty_warning(record("Doc file 'x.md' contains a link 'y.md', but the target is not found"))


def test_what_is_kept_between_builds_is_made_again_when_an_input_changes(tmp_path, monkeypatch):
    import build_cache

    monkeypatch.setenv("APP_CACHE", str(tmp_path))
    monkeypatch.setattr(build_cache, "_MEMORY", {})
    made = []

    def make(text):
        made.append(text)
        return {"made from": text}

    assert build_cache.kept("test", ("a",), lambda: make("a")) == {"made from": "a"}
    assert list((tmp_path / "test").glob("*.json")), "kept in APP_CACHE"
    monkeypatch.setattr(build_cache, "_MEMORY", {})  # a new process: read from the folder, not made
    assert build_cache.kept("test", ("a",), lambda: make("a")) == {"made from": "a"}
    assert build_cache.kept("test", ("b",), lambda: make("b")) == {"made from": "b"}
    assert made == ["a", "b"]


def test_a_page_found_right_is_not_checked_again_and_a_wrong_one_always_is(tmp_path, monkeypatch):
    """build_cache.problems: the editor checks' cache. A right page's inputs are remembered; a page
    with a problem is never taken as right, however often it is built, so its message always shows."""
    import build_cache

    monkeypatch.setenv("APP_CACHE", str(tmp_path))
    monkeypatch.setattr(build_cache, "_MEMORY", {})
    checked = []

    def find(text):
        checked.append(text)
        return [("# Title", "starts a line with '# '")] if text.startswith("# ") else []

    assert build_cache.problems("test", ("right",), lambda: find("right")) == []
    assert build_cache.problems("test", ("right",), lambda: find("right")) == []
    assert checked == ["right"], "a right page is read once"
    for _ in range(2):
        assert build_cache.problems("test", ("# wrong",), lambda: find("# wrong")) == [("# Title", "starts a line with '# '")]
    assert build_cache.problems("other check", ("right",), lambda: find("right")) == [], "each check has its own"
    assert checked == ["right", "# wrong", "# wrong", "right"]
