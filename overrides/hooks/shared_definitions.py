"""The shared link list and glossary, docs/.snippets/links.md and abbr.md, parsed once a build.

pymdownx.snippets appends both files to every page (mkdocs.yml, `auto_append`): 17 KB of link and
abbreviation definitions that Python-Markdown would read again on every page, about 5 ms a page,
more than most pages' own words cost. This step takes them off a page's text where snippets put
them (on_markdown_text, first of that stage), and gives the page the same definitions, read once a
build with the site's own Markdown settings, once the page's own blocks are read and before any
link or abbreviation is made (on_page_blocks). As when they were appended last, they win over a
definition of the same name on the page. The HTML is the same, byte for byte
(tests/test_shared_definitions.py).

A page whose text does not end with them as snippets appends them (none today), and a site whose
shared files would show as words on a page (a line that is not a definition), keep the appended
text: Markdown then reads it on that page as before.
"""

from __future__ import annotations

import markdown as python_markdown


class Shared:
    """What snippets appends to every page (`tail`, the text) and the definitions it holds."""

    def __init__(self, tail: str, references: dict, abbreviations: dict):
        self.tail, self.references, self.abbreviations = tail, references, abbreviations


def _shared(config, build) -> Shared | None:
    """Read once a build, with mkdocs.yml's Markdown settings; None if nothing is appended, or if
    what is would show as anything on a page."""
    if build.shared_definitions is None:
        md = python_markdown.Markdown(extensions=config["markdown_extensions"],
                                      extension_configs=config["mdx_configs"] or {})
        snippets = md.preprocessors["snippet"] if "snippet" in md.preprocessors else None
        tail = "\n".join(snippets.run([])) if snippets is not None else ""
        # A page of one word ("x": Markdown does nothing with an empty text): snippets appends the
        # same text, and only definitions leave the word alone on the page.
        shown = md.convert("x")
        abbreviations = md.treeprocessors["abbr"].abbrs if "abbr" in md.treeprocessors else {}
        build.shared_definitions = (Shared(tail, dict(md.references), dict(abbreviations))
                                    if tail.strip() and shown == "<p>x</p>" else False)
    return build.shared_definitions or None


def on_markdown_text(text, page, config, md, build, **kwargs):
    """The appended definitions taken off the page's text; on_page_blocks gives them back."""
    shared = _shared(config, build)
    if shared is None or not text.endswith(shared.tail) or not (text == shared.tail or text.endswith("\n" + shared.tail)):
        return text
    build.shared_taken.add(page.file.src_uri)
    return text[:len(text) - len(shared.tail)]


def on_page_blocks(root, page, md, build, **kwargs):
    """The shared definitions, after the page's own (so theirs win, as when appended last)."""
    if page.file.src_uri not in build.shared_taken:
        return
    shared = build.shared_definitions
    md.references.update(shared.references)
    if "abbr" in md.treeprocessors:
        md.treeprocessors["abbr"].abbrs.update(shared.abbreviations)
