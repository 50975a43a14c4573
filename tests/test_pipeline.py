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
NOT_STEPS = {"pipeline", "build_state", "build_cache", "site_model", "easy_words", "care_signs",  # plain modules the steps share
             "front_matter_reader", "data_files", "milestones", "composed_pages", "print_layout", "text_messages",
             "qr_codes", "picture_names"}


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
    assert {name for name, p in priorities.items() if p is not None} == {"_post_page_rendered", "on_post_template"}


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
    config = {"site_name": "x"}
    assert pipeline.on_config(config) is config
    assert pipeline.BUILD is not before and pipeline.BUILD.cards == {}


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
    assert left_out == {"lean_pages", "hashed_assets", "languages", "security_headers", "offline"}
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
