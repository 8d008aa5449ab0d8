"""Markdown: one markdown-it parser for the whole site, plus `[[id]]` links.

The link stage reads the token stream to find references (with their lines); the render
stage renders the same tokens with a resolver passed in `env`, so references are resolved
on the model, never by searching rendered HTML.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _wikilink_rule(state, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("[[", pos):
        return False
    end = src.find("]]", pos + 2)
    if end < 0:
        return False
    inner = src[pos + 2:end]
    target, _, text = inner.partition("|")
    if not target.strip() or "\n" in inner or "[" in inner:
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        token.meta = {"target": target.strip(), "text": text.strip()}
        token.content = inner
    state.pos = end + 2
    return True


def _render_wikilink(self, tokens, idx, options, env) -> str:
    meta = tokens[idx].meta
    resolved = env.get("resolve_id", lambda target: None)(meta["target"])
    if resolved is None:
        return f'<span class="broken-link">{escapeHtml(meta["text"] or meta["target"])}</span>'
    href, title = resolved
    return f'<a href="{escapeHtml(href)}">{escapeHtml(meta["text"] or title)}</a>'


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
    unique, n = anchor, 1
    while unique in taken:
        unique = f"{anchor}-{n}"
        n += 1
    taken.add(unique)
    copy = token.copy()
    copy.attrs = {**token.attrs, "id": unique}
    tokens[idx] = copy  # the block list is render()'s own; the cached token stays as it was
    return self.renderToken(tokens, idx, options, env)


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = (
        MarkdownIt("commonmark", {"html": False, "typographer": False})
        .enable(["table", "strikethrough"])
        .use(tasklists_plugin, label=True)
        .use(anchors_plugin, min_level=2, max_level=4, slug_func=slugify)
    )
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    md.add_render_rule("wikilink", _render_wikilink)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("heading_open", _render_heading_open)
    return md


def slugify(text: str) -> str:
    """Heading and task anchors: lowercase words joined by '-', Unicode letters kept."""
    text = re.sub(r"[^\w\s-]", "", text.lower(), flags=re.UNICODE)
    return re.sub(r"[\s_-]+", "-", text).strip("-") or "section"


@lru_cache(maxsize=None)
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


def extract_links(text: str, from_path: str) -> list[LinkRef]:
    """`[[id]]` links and relative `.md` links, with the line and column they are written on."""
    if "[" not in text:
        return []
    return list(_extract_links_cached(text, from_path))


@lru_cache(maxsize=65536)
def _extract_links_cached(text: str, from_path: str) -> tuple[LinkRef, ...]:
    plain = _plain_wikilinks(text)
    return tuple(plain if plain is not None else _extract_links(text, from_path))


_WIKILINK = re.compile(r"\[\[([^\[\]\n]*?)\]\]")
_NOT_PLAIN = re.compile(r"[\[\]`~\\<|&]|\.md|^(?: {4}|\t)", re.MULTILINE)


def _plain_wikilinks(text: str) -> list[LinkRef] | None:
    """The links of a body whose only Markdown links are `[[id]]`, without parsing it.

    Most bodies are prose with a few `[[id]]` links. When nothing else in the text could make
    a link or hide one (no other brackets, code, escapes, HTML, tables, indented code, `.md`),
    markdown-it would find exactly the regular expression's matches; otherwise None, and the
    caller parses. tests/test_markdown.py compares both paths.
    """
    if _NOT_PLAIN.search(_WIKILINK.sub("", text)):
        return None
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        for match in _WIKILINK.finditer(line):
            target = match.group(1).partition("|")[0].strip()
            if not target:
                return None
            found.append(LinkRef("wiki", target, number, match.start() + 1, match.end() - match.start()))
    return found


def _extract_links(text: str, from_path: str) -> list[LinkRef]:
    lines = text.split("\n")
    found: list[LinkRef] = []
    for block in parse(text):
        if block.type != "inline" or not block.children or block.map is None:
            continue
        line = block.map[0]
        for child in block.children:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "wikilink":
                needle = "[[" + child.content
                found.append(_ref("wiki", child.meta["target"], lines, line, needle, len(needle) + 2))
            elif child.type == "link_open":
                href = child.attrGet("href") or ""
                target = relative_md_target(href, from_path)
                if target is not None:
                    found.append(_ref("file", target, lines, line, "(" + href, len(href), 1))
            elif child.type == "text" and "\n" in child.content:
                line += child.content.count("\n")
    return found


def _ref(kind: str, target: str, lines: list[str], line: int, needle: str, length: int, skip: int = 0) -> LinkRef:
    line = min(line, len(lines) - 1)
    for candidate in range(line, len(lines)):
        col = lines[candidate].find(needle)
        if col >= 0:
            return LinkRef(kind, target, candidate + 1, col + 1 + skip, length)
    return LinkRef(kind, target, line + 1, 1, length)
