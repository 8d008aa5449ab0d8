"""Markdown: one markdown-it parser for the whole site, plus `[[id]]` links.

The link stage reads the token stream to find references (with their lines); the render
stage renders the same tokens with a resolver passed in `env`, so references are resolved
on the model, never by searching rendered HTML.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from okrsite.bidi import isolate
from okrsite.kept import Kept

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


# `[[` up to the first `]]`, with no `[` or line end between: the scan from one `[[` stops at
# the next `[`, so a body of many `[[` is read once, not once per `[[` (issue 9, item 13).
_WIKILINK_AT = re.compile(r"\[\[([^\[\n]*?)\]\]")

# `|` inside `[[id|text]]` on its way through the block parser: a GFM table splits its rows on
# `|` before any inline rule runs, so `| [[id|text]] |` would become two cells. The core rule
# below swaps such pipes for NUL before the block rules and swaps them back in every block
# token right after; NUL can stand in because `normalize` has already replaced every NUL of
# the text (with U+FFFD), and the swap keeps every offset. `\|` (GitHub's escape for a pipe
# in a table) is left alone: the table unescapes it, and the wikilink rule takes it as `|`.
_PIPE_STAND_IN = "\0"
_WIKILINK_IN_SOURCE = re.compile(r"\[\[[^\[\n]*?\]\]")
_BARE_PIPE = re.compile(r"(?<!\\)\|")


def _protect_wikilink_pipes(state) -> None:
    if "[[" not in state.src or "|" not in state.src:
        return
    state.src = _WIKILINK_IN_SOURCE.sub(lambda m: _BARE_PIPE.sub(_PIPE_STAND_IN, m.group(0)), state.src)


def _restore_wikilink_pipes(state) -> None:
    if _PIPE_STAND_IN not in state.src:
        return
    state.src = state.src.replace(_PIPE_STAND_IN, "|")
    for token in state.tokens:
        if _PIPE_STAND_IN in token.content:
            token.content = token.content.replace(_PIPE_STAND_IN, "|")
        if _PIPE_STAND_IN in token.info:
            token.info = token.info.replace(_PIPE_STAND_IN, "|")


def _target_and_text(inner: str) -> tuple[str, str]:
    """`id|text` -> (id, text); `id\\|text` too: the pipe escaped as GitHub wants it in a table."""
    target, bar, text = inner.partition("|")
    if bar and target.endswith("\\"):
        target = target[:-1]
    return target.strip(), text.strip()


def _wikilink_rule(state, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("[[", pos):
        return False
    match = _WIKILINK_AT.match(src, pos, state.posMax)
    if match is None:
        return False
    inner = match[1]
    target, text = _target_and_text(inner)
    if not target:
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        token.meta = {"target": target, "text": text, "pos": pos}
        token.content = inner
    state.pos = match.end()
    return True


def _closes_later(state) -> bool:
    """Whether a `]` follows: without one no link or image can start here, and markdown-it
    would look for it from every `[` (found once per inline text, not once per `[`)."""
    last = getattr(state, "_okrsite_last_close", None)
    if last is None:
        last = state._okrsite_last_close = state.src.rfind("]")
    return state.pos < last


def _image(image_rule, state, silent: bool) -> bool:
    return _closes_later(state) and image_rule(state, silent)


def _positioned_link(link_rule, state, silent: bool) -> bool:
    """markdown-it's link rule, noting where the link's destination starts in the inline text
    (`meta["pos"]`, `meta["length"]`), so the link stage never searches the text for it."""
    start, count = state.pos, len(state.tokens)
    if not _closes_later(state) or not link_rule(state, silent):
        return False
    if not silent:
        for index in range(count, len(state.tokens)):
            token = state.tokens[index]
            if token.type == "link_open":
                token.meta["pos"], token.meta["length"] = _destination(state, start)
                break
    return True


def _destination(state, start: int) -> tuple[int, int]:
    """Offset and length of an inline link's destination as written; a reference link
    (`[text][label]`, no destination of its own) gives the whole link."""
    src, end = state.src, state.posMax
    label_end = state.md.helpers.parseLinkLabel(state, start, True)  # cached by skipToken: cheap
    pos = label_end + 1
    if label_end < 0 or pos >= end or src[pos] != "(":
        return start, max(1, state.pos - start)
    pos += 1
    while pos < end and src[pos] in " \t\n":
        pos += 1
    result = state.md.helpers.parseLinkDestination(src, pos, end)
    if not result.ok or result.pos <= pos:
        return start, max(1, state.pos - start)
    if src[pos] == "<":  # <a b.md>: the path inside the brackets
        return pos + 1, max(1, result.pos - pos - 2)
    return pos, result.pos - pos


def _render_wikilink(self, tokens, idx, options, env) -> str:
    from markdown_it.common.utils import escapeHtml  # loaded with the parser (see parser())

    meta = tokens[idx].meta
    resolved = env.get("resolve_id", lambda target: None)(meta["target"])
    if resolved is None:
        return f'<span class="broken-link">{escapeHtml(meta["text"] or meta["target"])}</span>'
    href, title = resolved
    # The linked entity's title, written by another author: isolated from the prose around it.
    return f'<a href="{escapeHtml(href)}">{escapeHtml(meta["text"] or isolate(title))}</a>'


def _render_link_open(self, tokens, idx, options, env) -> str:
    # Tokens are cached and shared by every page that renders the same text (and by the link
    # stage), so the rewritten href goes on a copy, never on the cached token.
    token = tokens[idx].copy()
    token.attrs = dict(token.attrs)
    href = token.attrGet("href") or ""
    rewrite = env.get("resolve_href")
    if rewrite is not None:
        new_href = rewrite(href)
        if new_href is not None:
            token.attrSet("href", new_href)
    if _SCHEME.match(token.attrGet("href") or "") and not (token.attrGet("href") or "").startswith("mailto:"):
        token.attrSet("rel", "noopener")
    return self.renderToken([token], 0, options, env)  # inline: renderToken reads no neighbour


def _render_heading_open(self, tokens, idx, options, env) -> str:
    """Heading anchors unique on the whole page: `env["ids"]` (a set shared by every Markdown
    block of one page, seeded with the template's own ids) is consulted and extended, so a body
    heading "Tasks" never repeats the page's `id="tasks"`. Cached tokens are never modified."""
    token = tokens[idx]
    taken = env.get("ids")
    anchor = token.attrGet("id")
    if taken is None or not anchor:
        return self.renderToken(tokens, idx, options, env)
    unique = _unique(anchor, taken, env.get("id_counters", env.setdefault("_id_counters", {})))
    copy = token.copy()
    copy.attrs = {**token.attrs, "id": unique}
    tokens[idx] = copy  # the block list is render()'s own; the cached token stays as it was
    return self.renderToken(tokens, idx, options, env)


def _render_table_open(self, tokens, idx, options, env) -> str:
    """A Markdown table scrolls inside its own box, so a wide one never widens the page (a
    focusable box: keyboard users can scroll it too)."""
    return '<div class="table-scroll md-table" tabindex="0">\n' + self.renderToken(tokens, idx, options, env)


def _render_table_close(self, tokens, idx, options, env) -> str:
    return self.renderToken(tokens, idx, options, env) + "</div>\n"


def _unique(slug: str, taken: set, next_number: dict) -> str:
    """`slug`, or `slug-1`, `slug-2`, ... the first not in `taken` (which it joins). Each slug
    remembers where it got to, so n headings "Notes" cost n look-ups, not n^2/2."""
    if slug not in taken:
        taken.add(slug)
        return slug
    n = next_number.get(slug, 1)
    while f"{slug}-{n}" in taken:
        n += 1
    next_number[slug] = n + 1
    unique = f"{slug}-{n}"
    taken.add(unique)
    return unique


def _anchors(state) -> None:
    """`id` anchors on headings of levels 2-4, unique in the text (as mdit-py-plugins' anchors
    plugin makes them, whose search from `-1` for every repeated heading is quadratic)."""
    tokens = state.tokens
    taken = {str(t.attrGet("id")) for t in tokens if t.type == "heading_open" and t.attrGet("id")}
    next_number: dict = {}
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or not 2 <= int(token.tag[1]) <= 4 or token.attrGet("id"):
            continue
        children = tokens[index + 1].children or []
        title = "".join(child.content for child in children if child.type in ("text", "code_inline"))
        token.attrSet("id", _unique(slugify(title), taken, next_number))


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    # imported here: a check whose bodies are all read without parsing (_plain_wikilinks,
    # _table_links, _blank_fences) never loads markdown-it, a twentieth of a cold check
    from functools import partial

    from markdown_it import MarkdownIt
    from markdown_it.rules_inline.image import image
    from markdown_it.rules_inline.link import link
    from mdit_py_plugins.tasklists import tasklists_plugin

    md = (
        MarkdownIt("commonmark", {"html": False, "typographer": False})
        .enable(["table", "strikethrough"])
        .use(tasklists_plugin, label=True)
    )
    md.core.ruler.after("normalize", "wikilink_pipes", _protect_wikilink_pipes)
    md.core.ruler.after("block", "wikilink_pipes_back", _restore_wikilink_pipes)
    md.core.ruler.push("anchors", _anchors)
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    md.inline.ruler.at("link", partial(_positioned_link, link))
    md.inline.ruler.at("image", partial(_image, image))
    md.add_render_rule("wikilink", _render_wikilink)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("heading_open", _render_heading_open)
    md.add_render_rule("table_open", _render_table_open)
    md.add_render_rule("table_close", _render_table_close)
    return md


def slugify(text: str) -> str:
    """Heading and task anchors: lowercase words joined by '-', Unicode letters kept."""
    text = re.sub(r"[^\w\s-]", "", text.lower(), flags=re.UNICODE)
    return re.sub(r"[\s_-]+", "-", text).strip("-") or "section"


# Every body of a build stays parsed from the search records to the page that renders it (a
# 50,000-entity site has about 60,000 texts); `serve` parses each saved version of a body again,
# so an unbounded cache would grow for as long as it runs.
@lru_cache(maxsize=1 << 17)
def _parse_cached(text: str) -> tuple:
    return tuple(parser().parse(text))


def parse(text: str) -> list:
    return list(_parse_cached(text))


def render(text: str, env: dict) -> str:
    """Markdown -> HTML. `env` carries `resolve_id` and `resolve_href` from the render stage,
    and optionally `ids`, the set of element ids already used on the page."""
    if not text.strip():
        return ""
    md = parser()
    return md.renderer.render(parse(text), md.options, dict(env))  # parse(): a fresh list, cached tokens


# Rendered bodies kept by the build cache: each body's HTML on each page, with what its links
# were resolved to and the anchors its headings took, and each body's search text, so a build
# after a one-file change parses and renders only the bodies whose text or links changed.
RENDERINGS = Kept()


def _kept_key(kind: str, *parts: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        encoded = part.encode("utf-8", "surrogatepass")
        digest.update(b"%d\0" % len(encoded) + encoded)
    return kind + digest.hexdigest()


def _answer(value):
    """A resolver's answer as JSON has it (a tuple becomes a list)."""
    return list(value) if isinstance(value, tuple) else value


def render_kept(text: str, env: dict, where: str) -> str:
    """render(text, env), or the HTML an earlier build rendered from the same text at the same
    `where` (the page and the body's file) when every link resolves as it did then and no
    heading anchor it took is taken on this page yet."""
    if not RENDERINGS.on or not text.strip():
        return render(text, env)
    key = _kept_key("m", where, text)
    data = RENDERINGS.get(key)
    taken = env.get("ids")
    if data is not None:
        try:
            kept = json.loads(data)
            html, ids, hrefs, anchors = kept["html"], kept["ids"], kept["hrefs"], kept["anchors"]
            resolve_id, resolve_href = env.get("resolve_id"), env.get("resolve_href")
            same = (all(resolve_id is not None and _answer(resolve_id(target)) == answer for target, answer in ids)
                    and all(resolve_href is not None and _answer(resolve_href(href)) == answer for href, answer in hrefs)
                    and (taken is None or taken.isdisjoint(anchors)) and isinstance(html, str))
        except (ValueError, KeyError, TypeError):
            same = False
        if same:
            if taken is not None:
                taken.update(anchors)
            RENDERINGS.note(key, data)
            return html
    ids_asked: dict[str, object] = {}
    hrefs_asked: dict[str, object] = {}
    recording = dict(env)
    if env.get("resolve_id") is not None:
        recording["resolve_id"] = lambda target: ids_asked.setdefault(target, env["resolve_id"](target))
    if env.get("resolve_href") is not None:
        recording["resolve_href"] = lambda href: hrefs_asked.setdefault(href, env["resolve_href"](href))
    before = set(taken) if taken is not None else set()
    html = render(text, recording)
    anchors = [str(t.attrGet("id")) for t in _parse_cached(text) if t.type == "heading_open" and t.attrGet("id")]
    if taken is None or (taken - before == set(anchors) and len(set(anchors)) == len(anchors)):
        # (a heading that had to take another anchor on this page is not kept)
        RENDERINGS.note(key, json.dumps({
            "html": html, "anchors": anchors,
            "ids": [[target, _answer(answer)] for target, answer in ids_asked.items()],
            "hrefs": [[href, _answer(answer)] for href, answer in hrefs_asked.items()],
        }, ensure_ascii=False).encode("utf-8"))
    return html


def kept_plain(text: str, make) -> str:
    """make(text) (a pure function of the text: search.records.plain_text), or what an earlier
    build made of the same text."""
    if not RENDERINGS.on or not text.strip():
        return make(text)
    return RENDERINGS.get_or_make(_kept_key("t", text), lambda: make(text).encode("utf-8", "surrogatepass")).decode(
        "utf-8", "surrogatepass")


@dataclass(frozen=True)
class LinkRef:
    kind: str      # "wiki" or "file"
    target: str    # an id, or a site-relative path of a content file
    line: int      # 1-based, relative to the text's first line
    column: int
    length: int


def relative_md_target(href: str, from_path: str) -> str | None:
    """A relative link to a `.md` file -> the linked file's site-relative path, else None."""
    if not href or href.startswith(("#", "/")) or _SCHEME.match(href):
        return None
    path = unquote(urlsplit(href).path)
    if not path.endswith(".md"):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), path))
    return joined


# The links of each body, kept by the build cache by a digest of the text and its file, so a
# cached check or build after a one-file edit reads the links of that file's body only.
LINKS = Kept()
_LINK_KINDS = frozenset({"wiki", "file"})


def extract_links(text: str, from_path: str) -> list[LinkRef]:
    """`[[id]]` links and relative `.md` links, with the line and column they are written on."""
    if "]]" not in text and "](" not in text and "]:" not in text:
        return []  # no `[[id]]`, no inline link, no link reference definition: nothing to parse
    if not LINKS.on:
        return list(_extract_links_cached(text, from_path))
    key = _kept_key("l", from_path, text)
    data = LINKS.get(key)
    found = _decoded_links(data) if data is not None else None
    if found is None:
        found = list(_extract_links_cached(text, from_path))
        data = json.dumps([[link.kind, link.target, link.line, link.column, link.length] for link in found],
                          ensure_ascii=False).encode("utf-8", "surrogatepass")
    LINKS.note(key, data)
    return found


def _decoded_links(data: bytes) -> list[LinkRef] | None:
    """What extract_links kept, or None for anything else (the cache is never trusted)."""
    try:
        rows = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(rows, list):
        return None
    found = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 5 and isinstance(row[0], str) and row[0] in _LINK_KINDS
                and isinstance(row[1], str)
                and all(type(n) is int and n > 0 for n in row[2:])):
            return None
        found.append(LinkRef(*row))
    return found


@lru_cache(maxsize=65536)
def _extract_links_cached(text: str, from_path: str) -> tuple[LinkRef, ...]:
    found = _plain_wikilinks(text, from_path)
    if found is None:
        found = _by_blocks(text, from_path)
    return tuple(found if found is not None else _extract_links(text, from_path))


# What lets one block's Markdown reach past a blank line: indentation (list items, indented
# code), fences (but those _blank_fences takes out), link reference definitions.
_REACHES_ACROSS_BLANK_LINES = re.compile(r"^[ \t]|```|~~~|\]:", re.MULTILINE)


def _by_blocks(text: str, from_path: str) -> list[LinkRef] | None:
    """The links of a body, each run of lines between blank lines looked at on its own: runs
    without `]]` or `](` skipped, plain runs and tables read without parsing (_plain_wikilinks,
    _table_links), only the others parsed. None when a run's Markdown could depend on another's,
    and the caller parses the whole body.

    Without indentation, fences or reference definitions, every empty line ends every block
    (paragraph, table, quote, list item), and inline Markdown never spans blocks, so the runs'
    links are the whole body's. A fenced code block ends the block before it and holds no
    link, so it counts as blank lines. tests/test_markdown.py compares every path with parsing."""
    if "\r" in text:
        return None  # a line end to markdown-it (bodies have none, a YAML escape can write one)
    if "```" in text or "~~~" in text:
        text = _blank_fences(text)
    if text is None or _REACHES_ACROSS_BLANK_LINES.search(text):
        return None
    found: list[LinkRef] = []
    first = 1
    for run in text.split("\n\n"):
        if "]]" in run or "](" in run:  # else no link: `]:` is not in the text
            lines = run.lstrip("\n")  # (after an odd number of blank lines)
            start = first + len(run) - len(lines)
            links = _plain_wikilinks(lines, from_path)
            if links is None:
                links = _table_links(lines, from_path)
            if links is None:
                links = _extract_links(lines, from_path)
            found += [LinkRef(r.kind, r.target, r.line + start - 1, r.column, r.length) for r in links]
        first += run.count("\n") + 2
    return found


_FENCE_OPENING = re.compile(r"(`{3,}|~{3,})(.*)")


def _blank_fences(text: str) -> str | None:
    """`text` with every fenced code block's lines emptied (line numbers kept), when each fence
    opens at the start of a line; None when a closing fence may be written in a way this does
    not read exactly as markdown-it does (a tab before or after it). Other backtick or tilde
    runs are left, and send the body to the parser."""
    lines = text.split("\n")
    closing = None  # the pattern that closes the open fence
    for number, line in enumerate(lines):
        if closing is not None:
            lines[number] = ""
            stripped = line.lstrip(" \t")
            if stripped[:1] == marker:
                if "\t" in line:
                    return None
                if closing.match(line):
                    closing = None
            continue
        if line[:3] not in ("```", "~~~"):
            continue
        opening = _FENCE_OPENING.match(line)
        fence, info = opening.groups()
        marker = fence[0]
        if marker == "`" and "`" in info:
            continue  # not a fence: inline code, left for the parser
        closing = re.compile(r" {0,3}%s{%d,} *\Z" % (re.escape(marker), len(fence)))
        lines[number] = ""
    return "\n".join(lines)


# What markdown-it trims from a cell besides spaces and tabs, and what else _table_links
# leaves to it: NUL and CR (normalised first), backslashes (escaped pipes).
_ODD_SPACE = re.compile(r"[\0\r\v\f\\\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_ALIGNMENT = re.compile(r":?-+:?\Z")
_MAX_AUTOCOMPLETED_CELLS = 0x10000  # markdown-it's limit on missing cells, after which a table ends


def _table_links(run: str, from_path: str) -> list[LinkRef] | None:
    """The links of a run of lines that is one GFM table, read as markdown-it's table rule
    reads it (rules_block/table.py) without parsing: the header row, the delimiter row, body
    rows each cut at `|` (but those inside `[[...]]`, as _protect_wikilink_pipes keeps them),
    cells beyond the header's dropped, and each cell's text plain (_plain_wikilinks). None
    for anything else: a row not starting with `|`, escapes, spaces markdown-it trims but
    Python's strip(" \t") does not, a cell with more Markdown."""
    lines = run.rstrip("\n").split("\n")  # (the body's last run ends with its last line's end)
    if len(lines) < 2 or any(line[:1] != "|" for line in lines) or _ODD_SPACE.search(run):
        return None
    delimiter = lines[1]
    if len(delimiter) < 2 or delimiter[1] not in "|-: \t" or delimiter.strip("|-: \t"):
        return None
    pieces = delimiter.split("|")
    columns = 0
    for index, piece in enumerate(pieces):
        piece = piece.strip(" \t")
        if not piece and index in (0, len(pieces) - 1):
            continue
        if not _ALIGNMENT.match(piece):
            return None
        columns += 1
    found: list[LinkRef] = []
    missing = 0
    for number, line in enumerate(lines, 1):
        if number == 2:
            continue
        line = line.rstrip(" \t")
        cells = _cells(line)
        if number == 1 and (not cells or len(cells) != columns):
            return None  # not a table
        missing += columns - len(cells)
        if missing > _MAX_AUTOCOMPLETED_CELLS:
            return None
        for start, end in cells[:columns]:
            cell = line[start:end]
            if "]]" not in cell and "](" not in cell:
                continue
            text = cell.strip(" \t")
            links = _plain_wikilinks(text, from_path)
            if links is None:
                return None
            offset = start + len(cell) - len(cell.lstrip(" \t"))
            found += [LinkRef(r.kind, r.target, number, r.column + offset, r.length) for r in links]
    return found


def _cells(line: str) -> list[tuple[int, int]]:
    """Where a table row's cells are (start, end), cut at every `|` outside `[[...]]`; the
    empty piece before a leading and after a trailing `|` is not a cell."""
    inside = [(m.start(), m.end()) for m in _WIKILINK_IN_SOURCE.finditer(line)] if "[[" in line else []
    cuts, at = [], 0
    for start, end in inside + [(len(line), len(line))]:
        cuts += [i for i in range(at, start) if line[i] == "|"]
        at = end
    bounds = [-1] + cuts + [len(line)]
    cells = [(bounds[i] + 1, bounds[i + 1]) for i in range(len(bounds) - 1)]
    if cells and cells[0][0] == cells[0][1]:
        cells.pop(0)
    if cells and cells[-1][0] == cells[-1][1]:
        cells.pop()
    return cells


_WIKILINK = re.compile(r"\[\[([^\[\]\n]*?)\]\]")
# An inline link `[text](path)` whose text and destination hold nothing Markdown could read
# another way: no brackets, code, escapes, HTML, entities, pipes; a destination of plain path
# characters (no scheme, no space, no `%`, so markdown-it's normalisation leaves it as written).
# Not after `!` (an image) or `]` (`[a][b](c)` is a reference link followed by text).
_INLINE_LINK = re.compile(r"(?<![!\]])\[([^\[\]\n`~\\<>|&]*)\]\(([A-Za-z0-9._~/#?=+-]*)\)")
# What sends a body to the parser: other brackets, code, escapes, HTML, CR (a line end to
# markdown-it; bodies have none, a YAML escape can write one), tables, `.md` outside
# such a link, indented code (four columns: spaces, or up to three and a tab), or a list or
# quote marker followed by more than one space or tab
# (`-     [[a]]` is code inside a list item; parsing is always right, only slower).
_NOT_PLAIN = re.compile(r"[\[\]`~\\<&\r]|\.md|^(?: {4}| {0,3}\t)|^(?:[ \t]*(?:[-+*>]|[0-9]+[.)]))+[ \t]{2,}",
                        re.MULTILINE)
_CODE_SPAN_HOLDS = re.compile(r"[\[\]|\\]")  # what a code span may not hold for _masked_code
# A line that could be a table's delimiter row (`| --- | :-: |`): with one, `|` may cut a line
# into cells, and a row's cells beyond the header's are dropped, links and all.
_DELIMITER_ROW = re.compile(r"^[ \t|:-]*-[ \t|:-]*$", re.MULTILINE)


def _masked_code(text: str) -> str | None:
    """`text` with each code span written over by x's (offsets kept), when every span is one
    backtick each side on one line and holds nothing links or table cells are made of; else
    None. What is inside such a span can never be a link, and nothing outside can pair with it."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if "`" not in line:
            continue
        pieces = line.split("`")
        if "``" in line or len(pieces) % 2 == 0:
            return None  # a longer backtick string, or one that pairs across lines
        for index in range(1, len(pieces), 2):
            if _CODE_SPAN_HOLDS.search(pieces[index]):
                return None
            pieces[index] = "x" * len(pieces[index])
        lines[number] = "x".join(pieces)
    return "\n".join(lines)


def _plain_wikilinks(text: str, from_path: str = "") -> list[LinkRef] | None:
    """The links of a body whose only Markdown links are `[[id]]` and plain inline links
    `[text](path)`, without parsing it.

    Most bodies are prose with a few such links, some with `code`. When nothing
    else in the text could make a link or hide one (no other brackets, code but simple spans,
    escapes but `\\|` inside `[[...]]`, HTML, tables, indented code, `.md`),
    markdown-it would find exactly the regular expressions' matches; otherwise None, and the
    caller parses. tests/test_markdown.py compares both paths.
    """
    written = None  # the lines as written, when code spans were masked
    if "`" in text:
        written = text.split("\n")
        text = _masked_code(text)
        if text is None:
            return None
    if "|" in text and _DELIMITER_ROW.search(text):
        return None  # a table: parsed
    if _NOT_PLAIN.search(_INLINE_LINK.sub("x", _WIKILINK.sub("x", text))):  # a link counts as a word
        return None
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        if "[" not in line:
            continue
        wiki = list(_WIKILINK.finditer(line))
        for match in wiki:
            target = _target_and_text(match.group(1))[0]
            if not target or (written and match.group(0) != written[number - 1][match.start():match.end()]):
                return None  # (or code inside the link: `[[`a`]]`)
            found.append(LinkRef("wiki", target, number, match.start() + 1, match.end() - match.start()))
        if "](" in line:
            # the inline links outside `[[...]]`, as the check above saw them
            rest = _WIKILINK.sub(lambda m: "\0" * len(m.group(0)), line) if wiki else line
            for match in _INLINE_LINK.finditer(rest):
                if written and match.group(0) != written[number - 1][match.start():match.end()]:
                    return None  # code inside the link
                target = relative_md_target(match.group(2), from_path)
                if target is not None:
                    found.append(LinkRef("file", target, number, match.start(2) + 1, len(match.group(2))))
    found.sort(key=lambda ref: (ref.line, ref.column))  # a line's wiki and inline links, in order
    return found


def _extract_links(text: str, from_path: str) -> list[LinkRef]:
    lines = text.split("\n")
    cursors: dict[int, int] = {}  # source line -> where the last table cell on it was found
    found: list[LinkRef] = []
    blocks = parse(text)
    for number, block in enumerate(blocks):
        if block.type != "inline" or not block.children or block.map is None:
            continue
        cell = number > 0 and blocks[number - 1].type in ("th_open", "td_open")
        where = _Positions(block.content, block.map[0], lines, cursors, cell)
        for child in block.children:
            if child.type == "wikilink":
                line, column = where.at(child.meta["pos"])
                length = len(child.content) + 4
                end_line, end_column = where.at(child.meta["pos"] + length)  # `\\|` in a cell is one longer
                if end_line == line and end_column > column:
                    length = end_column - column
                found.append(LinkRef("wiki", child.meta["target"], line, column, length))
            elif child.type == "link_open":
                href = child.attrGet("href") or ""
                target = relative_md_target(href, from_path)
                if target is not None:
                    line, column = where.at(child.meta["pos"])
                    found.append(LinkRef("file", target, line, column, child.meta["length"]))
    return found


def _cell_as_written(text: str, source: str, cursor: int) -> tuple[str, list[int]]:
    """A table cell's text as its source line has it, and the offsets of the `|` that were
    written `\\|`. Outside `[[...]]` every `|` of a cell was escaped; inside, authors may
    write either (markdown.py protects a bare one): of the two forms, the one written first
    after `cursor` (the end of the line's previous cell) is the cell."""
    escaped_all = text.replace("|", "\\|")
    pipes_all = [i for i, c in enumerate(text) if c == "|"]
    if cursor < 0 or not pipes_all or "[[" not in text:
        return escaped_all, pipes_all
    inside = set()
    for match in _WIKILINK_IN_SOURCE.finditer(text):
        inside.update(range(match.start(), match.end()))
    pipes = [i for i in pipes_all if i not in inside]
    if len(pipes) == len(pipes_all):
        return escaped_all, pipes_all
    written = "".join("\\|" if i in pipes else c for i, c in enumerate(text)) if pipes else text
    first = _first_of(source, (escaped_all, written), cursor)
    return (escaped_all, pipes_all) if first == escaped_all else (written, pipes)


def _first_of(source: str, forms: tuple[str, ...], start: int) -> str | None:
    """Which of `forms` occurs first in `source` from `start` (None: none does), in time
    proportional to how far away it is: the window doubles until one is found, so the cells
    of a long row are found in one pass over it, not one pass per cell."""
    window = 64
    while True:
        end = min(len(source), start + window)
        found = [(at, form) for form in forms if (at := source.find(form, start, end + len(form))) >= 0]
        if found:
            return min(found)[1]
        if end >= len(source):
            return None
        window *= 2


class _Positions:
    """Source line and column (from 1) of offsets into one inline token's text.

    The inline text is the block's source lines joined, each without what the block took
    off its start (indentation, `>`, list markers, a table row's other cells, the `\\` of a
    cell's `\\|`): each line of the text is found in its source line once, and offsets are
    asked for in increasing order, so a body of any size is read a constant number of times
    (issue 9, item 14: it used to be searched again from each link to the end of the file).
    """

    def __init__(self, content: str, first_line: int, lines: list[str], cursors: dict[int, int], cell: bool):
        self.content, self.first_line, self.lines, self.cursors = content, first_line, lines, cursors
        self.cell = cell                       # a table cell: one of several texts on its line
        self.start, self.index = 0, 0          # the current text line: its offset and number
        self.scanned = 0                       # no line end between `start` and here
        self.place: tuple[int, list[int]] | None = None  # where the text line starts in its source line
        self.placed = False

    def at(self, offset: int) -> tuple[int, int]:
        if offset < self.start:  # never happens for tokens in order; stay correct if it does
            self.start, self.index, self.scanned, self.placed = 0, 0, 0, False
        while True:
            newline = self.content.find("\n", max(self.start, self.scanned), offset)
            if newline < 0:
                break
            self.start, self.index, self.placed = newline + 1, self.index + 1, False
        self.scanned = max(self.scanned, offset)
        if not self.placed:
            self.place, self.placed = self._place(), True
        line = self.first_line + self.index + 1
        if self.place is None:
            return line, 1
        column, pipes = self.place
        relative = offset - self.start
        return line, column + relative + bisect.bisect_left(pipes, relative) + 1

    def _place(self) -> tuple[int, list[int]] | None:
        """The source column of the text line's first character, and (in a table cell) the
        offsets of its `|`, each written `\\|` in the source."""
        number = self.first_line + self.index
        if number >= len(self.lines):
            return None
        end = self.content.find("\n", self.start)
        text_line = self.content[self.start:end if end >= 0 else len(self.content)]
        source = self.lines[number]
        if not self.cell:
            rest = text_line.lstrip(" \t")
            lead = len(text_line) - len(rest)
            for candidate in (source, source.rstrip(" \t")):
                if candidate.endswith(rest):
                    return len(candidate) - len(rest) - lead, []
            written, pipes = text_line, []
        else:
            written, pipes = _cell_as_written(text_line, source, self.cursors.get(number, 0))
        # A table cell, or a heading with closing #s: look after the previous cell of the line.
        cursor = self.cursors.get(number, 0)
        if cursor < 0:
            return None
        column = source.find(written, cursor)
        self.cursors[number] = column + len(written) if column >= 0 else -1  # -1: stop looking on this line
        return (column, pipes) if column >= 0 else None
