"""The theme's templates compiled once, not at every build: Jinja's own bytecode cache, in
.cache/templates/ (build_cache.folder). Compiling Material's templates and ours into Python is
about a tenth of a build's CPU; Jinja keeps each template's compiled code under its name and
the checksum of its source, so an edited template is compiled again and never read stale.
Deleting .cache/ is always safe.
"""

from __future__ import annotations

import logging

import jinja2

import build_cache

log = logging.getLogger("mkdocs.hooks.template_cache")


def on_env(env, build, **kwargs):
    folder = build_cache.folder("templates")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a read-only checkout: templates are compiled each build, as without it
        log.debug(f"template_cache.py: {folder} cannot be made ({error}); templates are compiled each build")
        return env
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env
