"""Load stage: files on disk -> documents whose every value knows its line and column.

YAML is composed to a node tree (never constructed with arbitrary tags) and converted to
plain JSON-like data by hand, so each value keeps its source mark, front matter offsets
included, and hostile YAML (Python tags, alias bombs, impossible dates) becomes a
diagnostic instead of a traceback.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
import sys
import threading
from array import array
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor

from okrsite import sitefs
from okrsite.diagnostics import Diagnostic, Location, quote, shorten
from okrsite.kept import Kept

try:  # the C loader is several times faster on large sites
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

# First characters for which YAML 1.1 may resolve a plain scalar to something other than text
# (bool, int, float, null, timestamp, merge, value). Anything else is text without a regex.
_IMPLICIT_FIRST = frozenset(k for k in _BaseLoader.yaml_implicit_resolvers if k)
_WORD_FIRST = frozenset("yYnNtTfFoO")
_STR = "tag:yaml.org,2002:str"


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader with a faster scalar resolver; same tags as YAML 1.1 plain data."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and implicit[0] and value:
            first = value[0]
            # a word longer than "false" cannot be a bool or null (the only words YAML resolves)
            if first not in _IMPLICIT_FIRST or (first in _WORD_FIRST and len(value) > 5):
                return _STR
        return super().resolve(kind, value, implicit)

    def descend_resolver(self, current_node, current_index):  # no path resolvers are registered
        pass

    def ascend_resolver(self):
        pass

KIND_FOLDERS = {
    "objectives": "objective",
    "milestones": "milestone",
    "tasks": "task",
    "teams": "team",
    "pages": "page",
}
CONTENT_SUFFIXES = (".md", ".yaml", ".yml")
MAX_EXPANDED_NODES = 100_000  # bounds alias expansion ("billion laughs")
MAX_DEPTH = 100  # nesting levels; far below both libyaml's limit (1000) and Python's recursion limit
MAX_FILE_BYTES = 5 * 1024 * 1024

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_SEQ, _MAP, _MERGE = (f"{_TAG}{t}" for t in ("seq", "map", "merge"))
_TIMESTAMP = f"{_TAG}timestamp"
_NUMBER_TAGS = {f"{_TAG}int", f"{_TAG}float"}
# Longer number texts are refused before conversion: int() takes at most 4300 digits, and
# sexagesimal ints (1:2:3...) cost quadratic time. Shorter ones reach the schemas' ranges.
MAX_NUMBER_CHARS = 4000
_TAG_WORDS = {"int": "a whole number", "float": "a number", "bool": "true or false", "timestamp": "a date",
              "null": "null", "str": "text"}
_TAG_EXAMPLES = {"int": "a whole number like 42", "float": "a number like 0.5", "bool": "true or false",
                 "timestamp": "a date like 2026-05-12", "null": "null", "str": "text"}
_INF = float("inf")
# What YAML's reader refuses: C0 controls but tab/LF/CR, DEL, C1 controls but NEL, surrogates, U+FFFE/F.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")

# What a double-quoted escape can make that no output may hold: C0 controls but tab/LF/CR, DEL,
# C1 controls (NEL included), U+FFFE/F.
_ESCAPED_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

Path_ = tuple  # a data path: keys and list indexes from the document root


@dataclass
class SourceMap:
    """Data path -> (line, column, length) of the value, and of the key for mapping entries."""

    file: str
    values: dict[tuple, tuple[int, int, int]] = field(default_factory=dict)
    keys: dict[tuple, tuple[int, int, int]] = field(default_factory=dict)

    def locate(self, path: tuple = (), *, key: bool = False) -> Location:
        """The location of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while True:
            table = self.keys if key and path in self.keys else self.values
            if path in table:
                line, col, length = table[path]
                return Location(self.file, line, col, length)
            if not path:
                return Location(self.file, 1, 1, 1)
            path = path[:-1]


@dataclass
class Document:
    """One content file: its kind, its data (JSON-like), where each value came from, its body."""

    kind: str
    path: str  # site-relative, `/` separated
    data: dict | None
    source: SourceMap
    body: str = ""
    body_line: int = 1  # file line on which the Markdown body starts
    problems: list[Diagnostic] = field(default_factory=list)  # found while reading this file
    # (teams_required, schema problems): a document is validated once while it is unchanged,
    # which `serve` relies on when it keeps parsed files across rebuilds.
    validation: tuple | None = field(default=None, compare=False, repr=False)

    @property
    def stem(self) -> str:
        name = self.path.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0]


class _YamlProblem(Exception):
    def __init__(self, message: str, line: int, column: int, code: str = "yaml-syntax"):
        super().__init__(message)
        self.message, self.line, self.column, self.code = message, line, column, code


class _Converter:
    """Node tree -> plain data with positions; rejects tags it does not know."""

    _scalars = SafeConstructor()

    def __init__(self, source: SourceMap, line_offset: int, refuse_controls: bool = False):
        self.source = source
        self.offset = line_offset
        self.refuse_controls = refuse_controls
        self.problems: list[Diagnostic] = []

    def _pos(self, node) -> tuple[int, int, int]:
        start, end = node.start_mark, node.end_mark
        length = end.column - start.column if end.line == start.line else 1
        return (start.line + 1 + self.offset, start.column + 1, length if length > 0 else 1)

    def convert(self, node, path: tuple = ()):
        start, end = node.start_mark, node.end_mark
        length = end.column - start.column if end.line == start.line else 1
        self.source.values[path] = (start.line + 1 + self.offset, start.column + 1, length if length > 0 else 1)
        cls = type(node)
        if cls is yaml.ScalarNode:
            if self.refuse_controls and node.style == '"' and _ESCAPED_CONTROL.search(node.value):
                return self._control(node)
            if node.tag == _STR:  # by far the most common value: no constructor needed
                return node.value
            return self._scalar(node, path)
        if cls is yaml.MappingNode:
            return self._mapping(node, path)
        if cls is yaml.SequenceNode:
            if node.tag != _SEQ:
                raise self._tag_problem(node)
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _control(self, node) -> str:
        """A double-quoted escape (`"\\x01"`, `"\\e"`) made a control character: the only way one
        gets past YAML's reader. okrsite.yaml's strings go into sitemap.xml, the calendar feed and
        every page's <head> as they are (base_url, title, ...), where XML 1.0 forbids it and HTML
        counts it a parse error, so there it is an error; the value goes on without it. (Content
        strings keep theirs: every exporter drops or escapes them.)"""
        bad = _ESCAPED_CONTROL.search(node.value).group()
        line, col, length = self._pos(node)
        self.problems.append(Diagnostic(
            "schema",
            f"the control character U+{ord(bad):04X} (written as an escape) is not allowed in text: it "
            "would break the site's XML, calendar and HTML; delete it",
            Location(self.source.file, line, col, length),
        ))
        return _ESCAPED_CONTROL.sub("", node.value)

    def _tag_problem(self, node) -> _YamlProblem:
        line, col, _ = self._pos(node)
        return _YamlProblem(
            f"the YAML tag {quote(node.tag.replace(_TAG, '!!'))} is not allowed: okrsite reads plain YAML data only; "
            "remove the tag",
            line, col,
        )

    def _mapping(self, node, path: tuple) -> dict:
        if node.tag != _MAP:
            raise self._tag_problem(node)
        result: dict = {}
        key_nodes: dict = {}
        keys, offset = self.source.keys, self.offset
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged = self.convert(value_node, path + ("<<",))
                sources = merged if isinstance(merged, list) else [merged]
                if not all(isinstance(source, dict) for source in sources):
                    line, col, _ = self._pos(value_node)
                    raise _YamlProblem("'<<' merges mappings only: write '<<: *anchor' where the anchor "
                                       "names a mapping (or a list of them)", line, col)
                for source in sources:
                    for k, v in source.items():
                        result.setdefault(k, v)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                line, col, _ = self._pos(key_node)
                raise _YamlProblem("a mapping key must be a plain word, not a list or mapping", line, col)
            key = key_node.value  # source text: `on:` stays "on", `1:` stays "1"
            if key in key_nodes:
                line, col, _ = self._pos(key_node)
                first = self._pos(key_nodes[key])[0]
                self.problems.append(Diagnostic(
                    "yaml-syntax",
                    f"duplicate key {quote(key)} (first set on line {first}); keep one of them",
                    Location(self.source.file, line, col, len(key)),
                ))
            key_nodes[key] = key_node
            start, end = key_node.start_mark, key_node.end_mark
            length = end.column - start.column if end.line == start.line else 1
            child = path + (key,)
            keys[child] = (start.line + 1 + offset, start.column + 1, length if length > 0 else 1)
            result[key] = self.convert(value_node, child)
        return result

    def _scalar(self, node, path: tuple):
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            raise self._tag_problem(node)
        if tag in _NUMBER_TAGS and len(node.value) > min(MAX_NUMBER_CHARS, sys.get_int_max_str_digits() or MAX_NUMBER_CHARS):
            # Python converts at most 4300 digits (PYTHONINTMAXSTRDIGITS may say fewer)
            raise self._number_problem(node, path, f"a number of {len(node.value):,} characters")
        try:
            if tag == _TIMESTAMP:
                try:
                    value = self._scalars.construct_yaml_timestamp(node)
                except (ValueError, OverflowError):
                    return node.value  # an impossible date: the schema's date format reports it
                return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else node.value
            value = SafeConstructor.yaml_constructors[tag](self._scalars, node)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError):
            # only an explicit tag (`!!int abc`) gets here: the implicit ones matched their form
            line, col, _ = self._pos(node)
            short = tag.replace(_TAG, "")
            raise _YamlProblem(
                f"{quote(node.value)} is not {_TAG_WORDS[short]}, as its tag !!{short} says; "
                f"remove the tag, or write {_TAG_EXAMPLES[short]}", line, col) from None
        if isinstance(value, float) and (value != value or value in (_INF, -_INF)):
            if node.value.lstrip("+-").lower() in (".inf", ".nan"):
                return node.value  # .nan and .inf are no numbers JSON knows: the schema reports them as text
            raise self._number_problem(node, path, quote(node.value))  # 1e400: finite text, no finite float
        return value

    def _number_problem(self, node, path: tuple, what: str) -> _YamlProblem:
        line, col, _ = self._pos(node)
        named = [p for p in path if isinstance(p, str)]
        field_name = f"{named[-1]}: " if named else ""
        return _YamlProblem(
            f"{field_name}{what} is beyond the numbers okrsite reads; every number field has a far smaller "
            "range (docs/authoring.md lists them): write the number you mean", line, col, code="schema")


def _expanded_size(node, memo: dict) -> int:
    """Node count with aliases expanded, computed in linear time over the shared graph."""
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = MAX_EXPANDED_NODES + 1  # a self-referencing alias expands forever
    if isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(item, memo) for item in node.value)
    else:
        size = 1
    memo[key] = min(size, MAX_EXPANDED_NODES + 1)
    return memo[key]


_BRACKET = re.compile(r"[\[\]{}]")
_DEEP_INDENT = re.compile(r"^ {%d}" % (2 * MAX_DEPTH), re.MULTILINE)
_OPEN = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken, yaml.BlockMappingStartToken,
         yaml.BlockSequenceStartToken)
_CLOSE = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)


def _too_deep(text: str):
    """The mark where nesting first exceeds MAX_DEPTH, or None.

    Our own limit, so the diagnostic does not depend on whether PyYAML has libyaml (which stops
    at 1000 levels) or not (which runs out of Python stack). A linear bracket count rules out
    almost every file; only a suspect one is scanned token by token (pure Python, no recursion).
    """
    depth = deepest = 0
    for match in _BRACKET.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    if deepest <= MAX_DEPTH and not _DEEP_INDENT.search(text):
        return None
    depth = 0
    try:
        scanner = yaml.SafeLoader(text)  # its reader raises on a control character: inside the try
    except yaml.YAMLError:
        return None  # the real parse reports it, with its position
    try:
        while (token := scanner.get_token()) is not None:
            if isinstance(token, _OPEN):
                depth += 1
                if depth > MAX_DEPTH:
                    return token.start_mark
            elif isinstance(token, _CLOSE):
                depth -= 1
    except yaml.YAMLError:
        return None  # the real parse reports it, with its position
    finally:
        scanner.dispose()
    return None


def parse_yaml(text: str, file: str, line_offset: int = 0,
               refuse_controls: bool = False) -> tuple[object, SourceMap, list[Diagnostic]]:
    """YAML text -> (data, source map, diagnostics). Data is None when the text does not parse.
    `refuse_controls` reports control characters written as escapes (okrsite.yaml)."""
    source = SourceMap(file)
    deep = _too_deep(text)
    if deep is not None:
        return None, source, [Diagnostic(
            "yaml-syntax", f"YAML nested more than {MAX_DEPTH} levels deep; flatten the data",
            Location(file, deep.line + 1 + line_offset, deep.column + 1))]
    odd = _one_parser_only(text, file, line_offset)
    if odd is not None:
        return None, source, [odd]
    try:
        node = yaml.compose(text, Loader=_Loader)
        if node is None:
            return None, source, []
        if "*" in text and _expanded_size(node, {}) > MAX_EXPANDED_NODES:
            line = node.start_mark.line + 1 + line_offset
            return None, source, [Diagnostic(
                "yaml-syntax",
                f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} values; "
                "write the values out instead of nesting anchors",
                Location(file, line, 1),
            )]
        converter = _Converter(source, line_offset, refuse_controls)
        data = converter.convert(node)
        return data, source, converter.problems
    except _YamlProblem as problem:
        return None, source, [Diagnostic(problem.code, problem.message, Location(file, problem.line, problem.column))]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line_text = _line_text(text, mark.line) if mark else ""
        what, err_context, column_index = _same_words(err.problem, err.context, mark, line_text)
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        column = column_index + 1
        what = what or err_context or "invalid YAML"
        context = f" ({err_context})" if err_context and what != err_context else ""
        start = err.context_mark
        if context and start is not None and mark is not None and start.line != mark.line:
            context = f" ({err_context} that starts on line {start.line + 1 + line_offset}, column {start.column + 1})"
        hint = _yaml_hint(what, line_text)
        return None, source, [Diagnostic("yaml-syntax", f"{what}{context}{hint}", Location(file, line, column))]
    except yaml.YAMLError as err:  # reader errors (control characters) and the like
        bad = _CONTROL.search(text)
        if bad:  # the C reader does not say where; find the character ourselves
            line = text.count("\n", 0, bad.start()) + 1 + line_offset
            column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
            return None, source, [Diagnostic(
                "yaml-syntax",
                f"the control character U+{ord(bad.group()):04X} is not allowed in YAML; delete it",
                Location(file, line, column),
            )]
        mark = getattr(err, "problem_mark", None) or getattr(err, "mark", None)
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        column = (mark.column + 1) if mark else 1
        return None, source, [Diagnostic("yaml-syntax", str(getattr(err, "problem", None) or err).split("\n")[0], Location(file, line, column))]
    except RecursionError:
        return None, source, [Diagnostic("yaml-syntax", "YAML nested too deeply", Location(file, 1 + line_offset, 1))]


# libyaml and PyYAML's pure-Python parser say the same things in different words (and point at
# an escape differently); okrsite reports one wording, whichever PyYAML a machine has.
_EXPECTED_BUT = re.compile(r"expected (.+?), but (?:found|got) .+", re.S)
_SAME_EXPECTED = {"'<document start>'": "<document start>", "the node content": "node content", "URI": "tag URI",
                  "chomping or indentation indicators": "comment or line break"}
_SAME_CONTEXT = {"while scanning a double-quoted scalar": "while parsing a quoted scalar",
                 "while scanning a single-quoted scalar": "while parsing a quoted scalar"}
_ALIAS_NAME = re.compile(r"\*([^\s,\[\]{}]*)")
_TAG_HANDLE = re.compile(r"![0-9A-Za-z-]*!")


def _same_words(problem: str | None, context: str | None, mark, line: str) -> tuple[str | None, str | None, int]:
    """(problem, context, 0-based column) of a YAML error, worded the same for both parsers."""
    column = mark.column if mark else 0
    here = line[column:column + 1]
    context = _SAME_CONTEXT.get(context or "", context)
    if problem is None:
        return problem, context, column
    if here == "\t" and ("cannot start any token" in problem or "tab character" in problem):
        return "found a tab character where YAML expects spaces", None, column
    expected = _EXPECTED_BUT.fullmatch(problem)
    if problem.startswith("expected indentation indicator in the range 1-9"):
        problem = "found an indentation indicator equal to 0"
    elif expected:
        what = expected[1]
        if what == "<block end>" and (context or "").startswith("while parsing a block mapping"):
            what = "key"
        elif what == "<block end>" and (context or "").startswith("while parsing a block collection"):
            what = "'-' indicator"
        problem = f"did not find expected {_SAME_EXPECTED.get(what, what)}"
    elif problem.startswith("found character") and problem.endswith("that cannot start any token"):
        problem = f"found character {quote(here)} that cannot start any token" if here else problem
    elif problem in ("mapping values are not allowed here", "mapping values are not allowed in this context"):
        problem = "mapping values are not allowed in this context"
    elif problem.startswith("found undefined alias"):
        name = _ALIAS_NAME.match(line, column)
        problem = f"found undefined alias {quote(name[1])}" if name else "found undefined alias"
    elif problem.startswith("found unknown escape character"):
        if here != "\\" and line[column - 1:column] == "\\":
            column -= 1  # libyaml points at the backslash, PyYAML at the letter after it
        problem = f"found unknown escape character {quote(line[column:column + 2])}"
    elif problem == "found duplicate YAML directive":
        problem = "found duplicate %YAML directive"
    elif problem.startswith("duplicate tag handle"):
        problem = "found duplicate %TAG directive"
    elif problem.startswith("found incompatible YAML document"):
        problem = "found incompatible YAML document (version 1.* is required)"
    elif problem.startswith("found undefined tag handle"):
        handle = _TAG_HANDLE.match(line, column)
        problem = f"found undefined tag handle {quote(handle[0])}" if handle else "found undefined tag handle"
    return problem, context, column


_UNKNOWN_DIRECTIVE = re.compile(r"^%(?!(?:YAML|TAG)(?:[ \t]|$))", re.MULTILINE)


def _one_parser_only(text: str, file: str, line_offset: int) -> Diagnostic | None:
    """What libyaml refuses and PyYAML's pure-Python parser accepts, refused by okrsite for both:
    a byte order mark inside the text, a directive other than %YAML and %TAG."""
    for found, message in (
            (re.search("\ufeff", text), "the invisible character U+FEFF (a byte order mark) is not allowed "
                                        "inside YAML; delete it"),
            (_UNKNOWN_DIRECTIVE.search(text), "a line that starts with '%' is a YAML directive, and okrsite "
                                              "knows only %YAML and %TAG; delete the line (or indent or quote it)")):
        if found:
            line = text.count("\n", 0, found.start())
            column = found.start() - (text.rfind("\n", 0, found.start()) + 1)
            return Diagnostic("yaml-syntax", message, Location(file, line + 1 + line_offset, column + 1))
    return None


def _line_text(text: str, index: int) -> str:
    lines = text.split("\n", index + 1)
    return lines[index] if index < len(lines) else ""


def _yaml_hint(problem: str, line: str = "") -> str:
    if "found character '\\t'" in problem or "tab" in problem or (
            "cannot start any token" in problem and line[: len(line) - len(line.lstrip())].count("\t")):
        return "; indent YAML with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "; a value containing ': ' must be quoted"
    if "could not find expected ':'" in problem:
        return "; every line of a mapping needs 'key: value'"
    return ""


def decode(raw: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes -> text with `\\n` line ends; invalid UTF-8 is reported where it occurs."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", errors="replace")) + 1
        return None, [Diagnostic(
            "yaml-syntax",
            f"the file is not valid UTF-8 (byte 0x{raw[err.start]:02x}); save it as UTF-8",
            Location(file, line, column),
        )]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def split_front_matter(text: str, file: str) -> tuple[str | None, int, str, int, list[Diagnostic]]:
    """Markdown text -> (front matter YAML or None, its first line, body, body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, 1, text, 1, []
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1:])
            return front, 2, body, index + 2, []
    return None, 1, "", 1, [Diagnostic(
        "yaml-syntax",
        "the front matter opened by '---' on line 1 is never closed; add a '---' line after it",
        Location(file, 1, 1, 3),
    )]


@dataclass(frozen=True)
class NotRead:
    """Why a content file's bytes were not read (not a plain file: a FIFO or device would block
    or never end; too large; unreadable), as the diagnostic that says so."""
    code: str
    message: str


_ONE_READING = threading.local()


@contextmanager
def one_reading():
    """Inside this block, content/ is listed once and each content file read once: the build
    cache's key (cache.content_key) and the loader then see the same files with the same
    bytes, so an edit saved while a build runs is never stored under the key of the content
    before it, and a large site is not read twice. Per thread (`serve` reads files as they
    change, outside any such block); the bytes are let go when the block ends."""
    if getattr(_ONE_READING, "memo", None) is not None:
        yield  # already inside one
        return
    _ONE_READING.memo = {}
    try:
        yield
    finally:
        _ONE_READING.memo = None


def content_bytes(path: Path) -> bytes | NotRead:
    """A content file's bytes, or why they were not read."""
    memo = getattr(_ONE_READING, "memo", None)
    if memo is not None:
        found = memo.get(str(path))
        if found is not None:
            return found
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            found = NotRead("schema", "this is not a regular file; okrsite reads only plain files")
        elif info.st_size > MAX_FILE_BYTES:
            found = NotRead("schema", f"the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MiB; split it")
        else:
            found = path.read_bytes()
    except OSError as err:
        found = NotRead("yaml-syntax", f"cannot read the file: {err.strerror or err}")
    if memo is not None:
        memo[str(path)] = found
    return found


def load_document(site_dir: Path, rel_path: str, kind: str) -> tuple[Document, list[Diagnostic]]:
    """One file -> a Document (data None when unreadable) and the problems found reading it."""
    source = SourceMap(rel_path)
    raw = content_bytes(site_dir / rel_path)
    if isinstance(raw, NotRead):
        return Document(kind, rel_path, None, source), [Diagnostic(raw.code, raw.message, Location(rel_path))]
    if not PARSED.on:
        return parse_document(raw, rel_path, kind)
    key = hashlib.blake2b(f"{kind}\0{rel_path}\0".encode("utf-8", "surrogatepass") + raw, digest_size=16).hexdigest()
    kept = PARSED.get(key)
    parsed = _decoded(kept, rel_path, kind) if kept is not None else None
    if parsed is None:
        parsed = parse_document(raw, rel_path, kind)
        kept = _encoded(*parsed)
    PARSED.note(key, kept)
    return parsed


# Content files as parse_document read them, kept by the build cache by a digest of their kind,
# path and bytes (pipeline feeds it to a cached check or build): after a one-file edit only that
# file is parsed again. Each document is validated again all the same, so nothing the cache holds
# reaches the model without its schema's check.
PARSED = Kept()


def _encoded(document: "Document", problems: list[Diagnostic]) -> bytes:
    """The parse as JSON: the source map's paths in one list, their (line, column, length) in
    another, flat, so reading it back checks them in C (_decoded)."""
    source = document.source
    return json.dumps({
        "data": document.data, "body": document.body, "body_line": document.body_line,
        "values": [list(path) for path in source.values], "value_at": [n for at in source.values.values() for n in at],
        "keys": [list(path) for path in source.keys], "key_at": [n for at in source.keys.values() for n in at],
        "problems": [d.fields() for d in problems],
    }, separators=(",", ":")).encode("ascii")  # ASCII: a lone surrogate a YAML escape made goes as \ud800


def _positions(paths, flat) -> dict:
    """path -> (line, column, length); TypeError or ValueError for anything but whole numbers
    (array refuses them) or paths that are not lists of hashable parts."""
    at = array("q", flat).tolist()
    if not isinstance(paths, list) or len(at) != 3 * len(paths) or not all(type(p) is list for p in paths):
        raise ValueError("not a source map")
    return dict(zip(map(tuple, paths), zip(at[0::3], at[1::3], at[2::3])))


def _decoded(kept: bytes, rel_path: str, kind: str) -> tuple["Document", list[Diagnostic]] | None:
    """What _encoded wrote, or None for anything else (the cache is never trusted: positions are
    whole numbers, the data is JSON's, and it is validated as every document is)."""
    try:
        found = json.loads(kept)
        data, body, body_line = found["data"], found["body"], found["body_line"]
        if not ((data is None or isinstance(data, dict)) and isinstance(body, str) and type(body_line) is int):
            return None
        source = SourceMap(rel_path, _positions(found["values"], found["value_at"]),
                           _positions(found["keys"], found["key_at"]))
        problems = [Diagnostic.from_fields(fields) for fields in found["problems"]]
    except (ValueError, TypeError, KeyError, OverflowError, UnicodeDecodeError):
        return None
    return Document(kind, rel_path, data, source, body, body_line), problems


def parse_document(raw: bytes, rel_path: str, kind: str) -> tuple[Document, list[Diagnostic]]:
    """A content file's bytes -> a Document and the problems found; no file system involved
    (history reads old versions of files straight from git)."""
    source = SourceMap(rel_path)
    text, problems = decode(raw, rel_path)
    if text is None:
        return Document(kind, rel_path, None, source), problems
    body, body_line = "", 1
    if rel_path.endswith(".md"):
        front, front_line, body, body_line, problems = split_front_matter(text, rel_path)
        if problems:
            return Document(kind, rel_path, None, source), problems
        if front is None:
            return Document(kind, rel_path, None, source, body, body_line), [Diagnostic(
                "schema",
                "this file has no front matter: start it with a '---' line, then its fields "
                "(title: ...), then another '---' line; the Markdown body follows",
                Location(rel_path, 1, 1),
            )]
        data, source, problems = parse_yaml(front, rel_path, line_offset=front_line - 1)
    else:
        data, source, problems = parse_yaml(text, rel_path)
    if data is None and not problems:
        data = {}
    if data is not None and not isinstance(data, dict):
        loc = source.locate(())
        return Document(kind, rel_path, None, source, body, body_line), [Diagnostic(
            "schema",
            f"the {'front matter' if rel_path.endswith('.md') else 'file'} must be a mapping of "
            f"fields (key: value), not {_KIND_WORDS.get(type(data), 'a ' + type(data).__name__)}",
            loc,
        )]
    return Document(kind, rel_path, data, source, body, body_line), problems


_KIND_WORDS = {list: "a list", str: "a line of text", int: "a number", float: "a number", bool: "true/false"}


def discover(site_dir: Path) -> tuple[list[tuple[str, str]], list[Diagnostic]]:
    """content/ -> sorted (relative path, kind) pairs, and diagnostics for files okrsite can't read.

    Links are judged by `sitefs.walk`: a linked folder (content/ itself included) is reported,
    not followed; a linked file is read only when it stays inside the site. Inside
    `one_reading()`, content/ is listed once.
    """
    memo = getattr(_ONE_READING, "memo", None)
    if memo is None:
        return _discover(site_dir)
    found, problems = memo.get(("discover", str(site_dir))) or memo.setdefault(
        ("discover", str(site_dir)), _discover(site_dir))
    return list(found), list(problems)


def _discover(site_dir: Path) -> tuple[list[tuple[str, str]], list[Diagnostic]]:
    content = site_dir / "content"
    if not content.is_symlink() and not content.is_dir():
        if content.exists():
            return [], [Diagnostic(
                "schema", "'content' must be a folder holding the content files (content/objectives/, ...)",
                Location("content"),
            )]
        return [], []
    files, problems = sitefs.walk(site_dir, "content")
    found: list[tuple[str, str]] = []
    for rel in files:
        parts = rel.split("/")
        name = parts[-1]
        if name.lower() == "readme.md" and not _has_front_matter(site_dir / rel):
            continue  # it explains its folder (on GitHub); a README.md with front matter is content
        kind = _folder_kind(parts)
        if kind is None:
            where = "directly in content/" if len(parts) == 2 else f"in content/{shorten(parts[1])}/"
            problems.append(Diagnostic(
                "schema",
                f"okrsite does not know what a file {where} is; put it under one of "
                + ", ".join(f"content/{f}/" for f in KIND_FOLDERS),
                Location(rel),
            ))
        elif not name.endswith(CONTENT_SUFFIXES):
            problems.append(Diagnostic(
                "schema",
                f"{quote(name)} is not a content file: okrsite reads .md, .yaml and .yml files "
                "(README.md and dotfiles are ignored); move or rename it",
                Location(rel),
            ))
        else:
            found.append((rel, kind))
    return found, problems


def listed_kind(site_dir: Path, rel: str) -> str | None:
    """The kind `discover` lists the file `rel` with, when it is sure to list it with no
    problem: a regular file (no symbolic link on its way), with a content suffix, under a kind's
    folder, in no dot-folder; None otherwise, or when it is a README.md (whether that is content
    depends on its text). `serve` takes a new file in without walking content/ again."""
    parts = rel.split("/")
    name = parts[-1]
    kind = _folder_kind(parts) if parts[0] == "content" else None
    if (kind is None or not name.endswith(CONTENT_SUFFIXES) or name.lower() == "readme.md"
            or any(not part or part.startswith(".") for part in parts)):
        return None
    try:
        if not stat.S_ISREG(os.lstat(site_dir / rel).st_mode) or sitefs.linked_part(site_dir.resolve(), rel):
            return None
    except OSError:
        return None
    return kind


def _folder_kind(parts: list[str]) -> str | None:
    """The kind of a file under content/ (`parts` of its path) by the folder it is in: none directly in content/."""
    return KIND_FOLDERS.get(parts[1]) if len(parts) > 2 else None


def _has_front_matter(path: Path) -> bool:
    """Whether a README.md starts like a content file (a `---` line), which makes it one."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(64)
    except OSError:
        return True  # read it as content, so the problem is reported
    first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].rstrip(b"\r \t")
    return first == b"---"


def read_document(site_dir: Path, rel_path: str, kind: str) -> Document:
    document, problems = load_document(site_dir, rel_path, kind)
    document.problems = problems
    return document


def load_content(site_dir: Path) -> tuple[list[Document], list[Diagnostic]]:
    """Every content file as a Document (each carrying its own problems), plus discovery problems."""
    files, problems = discover(site_dir)
    return [read_document(site_dir, rel, kind) for rel, kind in files], problems
