"""A finished page, parsed once, for the steps that still change pages after the build.

Once the theme has written a page, a few of its elements change: each drawing goes into the
place kept for it (page_picture.py), the search dialog gets its name (search_dialog.py), the
theme's style sheet and script give way to the light first view's and tables, code blocks and
glossary terms are made as the theme's script would leave them (lean_pages.py), our files get
their hashed names (hashed_assets.py). No step searches the page's text for these. built_pages.py parses each page once
(`parse` below; what it found is kept between builds under the page's hash, build_cache.py),
each step finds the elements it changes among what the parse found (`Document.find`) and says
how they change (`replace`, `wrap`, `add_attribute`, `set_attribute`, `remove`), and the page
is written out once with every change (`Document.text`), when a later step reads it.

The parser reads HTML as this site's theme and Markdown write it: comments, declarations and
the text of a script or style (up to its end tag) are passed over as a browser's tokenizer
passes them; start and end tags keep a stack of open elements (void elements and `/>` close
themselves, an end tag closes up to the element it names and is ignored if none is open). Of
the elements, it keeps those a step asks about (KEPT, KEPT_IF_ATTRIBUTES_HOLD), each with where
it starts and ends. Attribute values are kept as written (`&amp;` stays `&amp;`): the steps
compare addresses the theme wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator, NamedTuple

# The elements a post-build step asks about; any other element is kept only if its attributes
# hold one of KEPT_IF_ATTRIBUTES_HOLD: a file in assets/ (hashed_assets.py renames them,
# page_picture.py counts the drawings pages fetch), the place kept for a drawing
# (page_picture.py), the theme's search box (search_dialog.py).
KEPT = {"link", "script", "style", "table", "code", "abbr"}
KEPT_IF_ATTRIBUTES_HOLD = ("assets/", "data-app-picture", "md-search")
# A start tag, or what is not one: a comment (to its end), a declaration, a processing
# instruction, an end tag. Text between them is never looked at.
TOKEN = re.compile(r"""<(?:
      !--.*?(?:-->|\Z)
    | ![^>]*> | \?[^>]*>
    | /(?P<end>[a-zA-Z][^\t\n\r\f />\x00]*)[^>]*>
    | (?P<start>[a-zA-Z][^\t\n\r\f />\x00]*)(?P<attrs>(?:"[^"]*"|'[^']*'|[^'">])*)>
    )""", re.S | re.X)
ATTRIBUTE = re.compile(r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(?:\s*=+\s*(?:'([^']*)'|"([^"]*)"|(?!['"])([^>\s]*)))?""")
# Elements whose text is not markup: it runs to their end tag, whatever it holds.
RAW_TEXT = {name: re.compile(rf"</{name}[\t\n\r\f />]", re.I) for name in ("script", "style", "textarea", "title")}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
# A glossary term inside one of these is reachable already (and may not hold another control).
CONTROLS = {"a", "button", "label", "summary"}


@dataclass
class Element:
    tag: str                       # lower case
    attrs: list[tuple[str, str | None]]  # (name in lower case, value as written or None), in order
    start: int                     # where its start tag begins ("<")
    open_end: int                  # just after its start tag
    close_start: int               # where its end tag begins (open_end if it has none)
    end: int                       # just after its end tag
    parent: str                    # its parent's tag ("" at the top)
    parent_open_end: int           # just after its parent's start tag
    in_control: bool               # inside an a, button, label or summary

    def attr(self, name: str, default=None):
        for key, value in self.attrs:
            if key == name:
                return value
        return default

    def has(self, name: str) -> bool:
        return any(key == name for key, _ in self.attrs)

    def as_list(self) -> list:
        return [self.tag, self.attrs, self.start, self.open_end, self.close_start, self.end,
                self.parent, self.parent_open_end, self.in_control]

    @classmethod
    def from_list(cls, item: list) -> "Element":
        tag, attrs, *rest = item
        return cls(tag, [tuple(a) for a in attrs], *rest)


def _attributes(text: str) -> list[tuple[str, str | None]]:
    return [(m[1].lower(), m[2] if m[2] is not None else m[3] if m[3] is not None else m[4])
            for m in ATTRIBUTE.finditer(text)]


def parse(html: str) -> list[Element]:
    """The elements of `html` a post-build step may change, in the order they start."""
    found: list[Element] = []
    stack: list[list] = []  # [tag, open_end, index in found or -1]
    controls = 0
    at = 0
    while True:
        m = TOKEN.search(html, at)
        if not m:
            break
        at = m.end()
        if m["end"]:
            tag = m["end"].lower()
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == tag:
                    for closed in stack[depth:]:
                        if closed[2] >= 0:
                            found[closed[2]].close_start, found[closed[2]].end = m.start(), m.end()
                        controls -= closed[0] in CONTROLS
                    del stack[depth:]
                    break
            continue
        if not m["start"]:
            continue  # a comment, a declaration
        tag = m["start"].lower()
        attrs_text = m["attrs"]
        index = -1
        if tag in KEPT or any(word in attrs_text for word in KEPT_IF_ATTRIBUTES_HOLD):
            parent = stack[-1] if stack else ("", 0)
            found.append(Element(tag, _attributes(attrs_text), m.start(), m.end(), m.end(), m.end(),
                                 parent[0], parent[1], controls > 0))
            index = len(found) - 1
        if tag in RAW_TEXT:
            close = RAW_TEXT[tag].search(html, at)
            if close:
                end = html.find(">", close.end() - 1) + 1 or len(html)
                if index >= 0:
                    found[index].close_start, found[index].end = close.start(), end
                at = end
            continue
        if tag in VOID or attrs_text.endswith("/"):
            continue
        stack.append([tag, m.end(), index])
        controls += tag in CONTROLS
    return found


class Inline(NamedTuple):
    """A script or style a step puts into a page: its body stays byte for byte (the CSP hashes
    it), whatever a later step does to the markup around it."""
    start_tag: str
    body: str
    end_tag: str


class Document:
    """One page's HTML and the changes the post-build steps make to it, written out once."""

    def __init__(self, html: str, elements: Callable[["Document"], list[Element]] | None = None):
        self.html = html
        self.key: str | None = None  # the hash of the HTML as read, once someone needs it (built_pages.key)
        self._parse = elements or (lambda document: parse(document.html))
        self._final = False  # written whole by a step (finish): read only from then on
        self._elements: list[Element] | None = None
        self._edits: list[tuple[int, int, int, list]] = []  # (start, end, order, parts)
        self._text: str | None = html

    @property
    def elements(self) -> list[Element]:
        if self._elements is None:
            self._elements = self._parse(self)
        return self._elements

    def find(self, tag: str | None = None, where: Callable[[Element], bool] | None = None) -> Iterator[Element]:
        """The elements parsed with this tag (any tag if None) for which `where` holds, but for
        those a step has already replaced or removed."""
        gone = [(start, end) for start, end, _, _ in self._edits if start < end]
        for element in self.elements:
            if (tag is None or element.tag == tag) and (where is None or where(element)) \
                    and not (gone and any(start <= element.start and element.end <= end for start, end in gone)):
                yield element

    def start_tag(self, element: Element) -> str:
        return self.html[element.start:element.open_end]

    def body(self, element: Element) -> str:
        return self.html[element.open_end:element.close_start]

    # --- changes ---------------------------------------------------------------------------

    def _edit(self, start: int, end: int, *parts) -> None:
        if self._final:
            raise RuntimeError("page_document: this page is final (minified); it can no longer change")
        self._edits.append((start, end, len(self._edits), list(parts)))
        self._text = None

    def replace(self, element: Element, *parts) -> None:
        """The whole element (with its end tag and what it holds) replaced by parts."""
        self._edit(element.start, element.end, *parts)

    def remove(self, element: Element) -> None:
        self._edit(element.start, element.end)

    def wrap(self, element: Element, before: str, after: str) -> None:
        self._edit(element.start, element.start, before)
        self._edit(element.end, element.end, after)

    def add_attribute(self, element: Element, name: str, value: str, last: bool = False) -> None:
        """name="value" written first in the element's start tag (or last)."""
        at = element.start + 1 + len(element.tag)
        if last:
            at = element.open_end - (2 if self.html[element.start:element.open_end].endswith("/>") else 1)
        self._edit(at, at, f' {name}="{value}"')

    def set_attribute(self, element: Element, name: str, value: str) -> None:
        """The value of an attribute the start tag has, changed (written with the same quotes)."""
        tag = self.start_tag(element)
        for m in ATTRIBUTE.finditer(tag):
            if m[1].lower() == name:
                group = next((g for g in (2, 3, 4) if m[g] is not None), None)
                if group is None:  # written with no value: one is given
                    self._edit(element.start + m.end(1), element.start + m.end(1), f'="{value}"')
                else:
                    self._edit(element.start + m.start(group), element.start + m.end(group), value)
                return
        raise KeyError(f"page_document: <{element.tag}> at {element.start} has no {name} attribute")

    def finish(self, html: str) -> None:
        """The page as a step wrote it whole (minify_pages.py): final, no element changes after."""
        self.html = self._text = html
        self.key = None
        self._edits = []
        self._elements = None
        self._parse = lambda document: parse(document.html)
        self._final = True

    # --- the page written out ---------------------------------------------------------------

    def _pieces(self, set_aside: Callable[[str], str] | None = None) -> list[str]:
        edits = sorted(self._edits)
        for (first, end, _, _), (start, _, _, _) in zip(edits, edits[1:]):
            if start < end:
                raise RuntimeError("page_document: two steps changed the same part of a page: "
                                   f"{self.html[first:end][:80]!r} and {self.html[start:start + 80]!r}")
        if set_aside is not None:
            changed = [(start, end) for start, end, _, _ in edits]
            bodies = [(e.open_end, e.close_start, len(edits) + i, [Inline("", self.body(e), "")])
                      for i, e in enumerate(self.find(where=lambda e: e.tag in ("script", "style")))
                      if not any(s < e.end and e.start < t or s == t and e.start < s < e.end for s, t in changed)]
            edits = sorted(edits + bodies)
        out, last = [], 0
        for start, end, _, parts in edits:
            out.append(self.html[last:start])
            for part in parts:
                if isinstance(part, Inline):
                    out += [part.start_tag, set_aside(part.body) if set_aside else part.body, part.end_tag]
                else:
                    out.append(part)
            last = end
        out.append(self.html[last:])
        return out

    @property
    def text(self) -> str:
        """The page with every change made: written out once, again only after another change."""
        if self._text is None:
            self._text = "".join(self._pieces())
        return self._text

    def text_setting_aside(self, set_aside: Callable[[str], str]) -> str:
        """The page with every change, each script's and style's body given as set_aside(body)."""
        if self._final:
            raise RuntimeError("page_document: this page is final (minified)")
        return "".join(self._pieces(set_aside))
