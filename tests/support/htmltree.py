"""A minimal, queryable element tree built with the stdlib ``html.parser``.

Enough for assertions on generated pages, without a third-party parser::

    doc = parse_html(site / "index.html")
    nav = doc.find("nav", attrs={"aria-label": "Breadcrumb"})
    assert [a.get("href") for a in nav.find_all("a")] == ["./", "objectives/"]
    assert doc.find("h1").text == "Roadmap"
    assert doc.by_id("kr-1") is not None

It is deliberately forgiving (like browsers, it never raises on bad markup):
void elements never get children, ``<x/>`` closes itself (SVG), an end tag
closes everything opened after its matching start tag, a stray end tag is
ignored, and the common implied end tags (``li``, ``p``, ``dt``/``dd``,
``option``, ``tr``, ``td``/``th``) are handled.  It does not build implied
``html``/``head``/``body`` elements: the root :class:`Document` holds whatever
the file has at top level.  Attribute names are lower-cased by ``html.parser``
(so SVG's ``viewBox`` is ``viewbox``); values have character references decoded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

VOID_ELEMENTS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
})
# Elements whose text is not page text.
NON_TEXT_ELEMENTS = frozenset({"script", "style", "template"})
# Start tags that close an open <p>.
_P_CLOSERS = frozenset({
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul",
})
# tag -> (tags it implicitly closes, tags that stop the search for them)
_IMPLIED = {
    "li": ({"li"}, {"ul", "ol", "menu"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "option": ({"option"}, {"select", "datalist", "optgroup"}),
    "tr": ({"tr", "td", "th"}, {"table", "thead", "tbody", "tfoot"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "thead": ({"tbody", "tfoot", "tr", "td", "th"}, {"table"}),
    "tbody": ({"thead", "tbody", "tfoot", "tr", "td", "th"}, {"table"}),
    "tfoot": ({"thead", "tbody", "tr", "td", "th"}, {"table"}),
}
_WS = re.compile(r"\s+")


class Element:
    """One element: ``tag``, ``attrs`` (dict), ``children`` (elements and strings), ``parent``, ``line``."""

    __slots__ = ("attrs", "children", "column", "line", "parent", "tag")

    def __init__(self, tag: str, attrs: dict[str, str] | None = None, parent: Element | None = None,
                 line: int = 0, column: int = 0):
        self.tag = tag
        self.attrs: dict[str, str] = attrs or {}
        self.children: list[Element | str] = []
        self.parent = parent
        self.line = line
        self.column = column

    # -- attributes -------------------------------------------------------------
    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    def __getitem__(self, name: str) -> str:
        return self.attrs[name]

    def __contains__(self, name: str) -> bool:
        return name in self.attrs

    @property
    def id(self) -> str | None:
        return self.attrs.get("id")

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    # -- text -------------------------------------------------------------------
    @property
    def raw_text(self) -> str:
        """All descendant text exactly as written (script/style/template text excluded)."""
        parts: list[str] = []
        self._collect_text(parts)
        return "".join(parts)

    def _collect_text(self, parts: list[str]) -> None:
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag not in NON_TEXT_ELEMENTS:
                child._collect_text(parts)

    @property
    def text(self) -> str:
        """Descendant text with whitespace runs collapsed to one space and stripped."""
        return _WS.sub(" ", self.raw_text).strip()

    # -- navigation -------------------------------------------------------------
    @property
    def elements(self) -> list[Element]:
        """Child elements (no text nodes)."""
        return [c for c in self.children if isinstance(c, Element)]

    def iter(self) -> Iterator[Element]:
        """This element's descendants in document order (not the element itself)."""
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def find_all(self, tag: str | tuple[str, ...] | list[str] | set[str] | None = None, *,
                 attrs: dict[str, object] | None = None, class_: str | None = None,
                 text: str | None = None, **kwattrs: object) -> list[Element]:
        """Descendants matching *tag* (a name, several names, or None for any) and attributes.

        Attribute conditions come from *attrs* (for names like ``aria-label``)
        and keyword arguments (``id="x"``, ``href="y"``; a trailing ``_`` is
        dropped so ``for_="x"`` works).  A condition's value may be a string
        (equality), ``True`` (present), ``False`` (absent), a compiled regex
        (search) or a callable taking the value (or None).  *class_* matches
        one class token; *text* matches the element's normalized ``.text``.
        """
        conds: dict[str, object] = {}
        for key, value in kwattrs.items():
            conds[key.rstrip("_")] = value
        if attrs:
            conds.update(attrs)
        if isinstance(tag, str):
            tags: set[str] | None = {tag.lower()}
        elif tag is None:
            tags = None
        else:
            tags = {t.lower() for t in tag}
        out = []
        for el in self.iter():
            if tags is not None and el.tag not in tags:
                continue
            if class_ is not None and class_ not in el.classes:
                continue
            if text is not None and el.text != text:
                continue
            if all(_attr_matches(el.attrs.get(k), v) for k, v in conds.items()):
                out.append(el)
        return out

    def find(self, tag=None, **kwargs) -> Element | None:
        """The first match of :meth:`find_all`, or None."""
        found = self.find_all(tag, **kwargs)
        return found[0] if found else None

    def by_id(self, ident: str) -> Element | None:
        for el in self.iter():
            if el.attrs.get("id") == ident:
                return el
        return None

    def ids(self) -> list[str]:
        """Every ``id`` in the subtree, in document order (duplicates kept)."""
        return [el.attrs["id"] for el in self.iter() if "id" in el.attrs]

    def __iter__(self) -> Iterator[Element]:
        return iter(self.elements)

    def __len__(self) -> int:
        return len(self.children)

    def __bool__(self) -> bool:  # an empty element is still found, so always truthy
        return True

    def __repr__(self) -> str:
        attrs = "".join(f' {k}="{v}"' for k, v in self.attrs.items())
        return f"<{self.tag}{attrs}> (line {self.line})"


class Document(Element):
    """The root of a parsed file (tag ``#document``); ``doctype`` holds the declaration."""

    __slots__ = ("doctype", "path")

    def __init__(self, path: Path | None = None):
        super().__init__("#document")
        self.doctype: str | None = None
        self.path = path


def _attr_matches(value: str | None, cond: object) -> bool:
    if cond is True:
        return value is not None
    if cond is False:
        return value is None
    if isinstance(cond, re.Pattern):
        return value is not None and cond.search(value) is not None
    if callable(cond):
        return bool(cond(value))
    return value == cond


class _TreeBuilder(HTMLParser):
    def __init__(self, doc: Document):
        super().__init__(convert_charrefs=True)
        self.doc = doc
        self.stack: list[Element] = [doc]

    @property
    def current(self) -> Element:
        return self.stack[-1]

    def _close_implied(self, tag: str) -> None:
        if tag in _IMPLIED:
            # Close the outermost open element this tag ends, up to the nearest
            # container (so <tr> after <td> closes both the cell and the row).
            closes, stops = _IMPLIED[tag]
            cut = None
            for i in range(len(self.stack) - 1, 0, -1):
                t = self.stack[i].tag
                if t in stops:
                    break
                if t in closes:
                    cut = i
            if cut is not None:
                del self.stack[cut:]
        elif tag in _P_CLOSERS:
            for i in range(len(self.stack) - 1, 0, -1):
                t = self.stack[i].tag
                if t == "p":
                    del self.stack[i:]
                    return
                if t in _P_CLOSERS or t in ("li", "td", "th", "dd", "dt", "button"):
                    return

    def _new(self, tag: str, attrs: list[tuple[str, str | None]]) -> Element:
        line, col = self.getpos()
        # A valueless attribute (<input disabled>) gets the empty string, as in the DOM.
        adict = {k: ("" if v is None else v) for k, v in attrs}
        el = Element(tag, adict, self.current, line, col)
        self.current.children.append(el)
        return el

    def handle_starttag(self, tag, attrs):
        self._close_implied(tag)
        el = self._new(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.stack.append(el)

    def handle_startendtag(self, tag, attrs):
        self._close_implied(tag)
        self._new(tag, attrs)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
        # stray end tag: ignored, as browsers do

    def handle_data(self, data):
        if data:
            self.current.children.append(data)

    def handle_decl(self, decl):
        if decl.lower().startswith("doctype") and self.doc.doctype is None:
            self.doc.doctype = decl


def parse_html_text(markup: str, path: Path | None = None) -> Document:
    """Parse a string of HTML (or SVG/XML-ish markup) into a :class:`Document`."""
    doc = Document(path)
    builder = _TreeBuilder(doc)
    builder.feed(markup)
    builder.close()
    return doc


def parse_html(path: str | Path) -> Document:
    """Parse a file (read as UTF-8) into a :class:`Document`."""
    path = Path(path)
    return parse_html_text(path.read_text(encoding="utf-8"), path)
