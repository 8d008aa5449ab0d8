"""Check every local link in a built site: targets exist, fragments exist."""

from __future__ import annotations

import os.path
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from .htmltree import Document, Element, parse_html

# (tag, attribute) pairs holding one URL.  "*" means any tag.
URL_ATTRS = {
    ("a", "href"), ("area", "href"), ("link", "href"), ("base", "href"),
    ("img", "src"), ("script", "src"), ("iframe", "src"), ("embed", "src"),
    ("source", "src"), ("track", "src"), ("audio", "src"), ("video", "src"),
    ("video", "poster"), ("object", "data"), ("form", "action"), ("input", "src"),
    ("blockquote", "cite"), ("q", "cite"), ("ins", "cite"), ("del", "cite"),
    # SVG (inline or in .svg files); html.parser lower-cases attribute names.
    ("a", "xlink:href"), ("use", "href"), ("use", "xlink:href"), ("image", "href"),
    ("image", "xlink:href"),
}
SRCSET_TAGS = {"img", "source"}
PARSED_SUFFIXES = {".html", ".htm", ".svg"}
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_REFRESH_URL = re.compile(r"^\s*\d*\s*[;,]\s*url\s*=\s*['\"]?([^'\"]*)", re.IGNORECASE)


def _page_urls(doc: Document) -> list[tuple[Element, str]]:
    out = []
    for el in doc.iter():
        for (tag, attr) in URL_ATTRS:
            if el.tag == tag and attr in el.attrs:
                out.append((el, el.attrs[attr]))
        if el.tag in SRCSET_TAGS and el.attrs.get("srcset"):
            for candidate in el.attrs["srcset"].split(","):
                url = candidate.strip().split()[0] if candidate.strip() else ""
                if url:
                    out.append((el, url))
        if el.tag == "meta" and (el.attrs.get("http-equiv") or "").lower() == "refresh":
            m = _REFRESH_URL.match(el.attrs.get("content") or "")
            if m and m.group(1):
                out.append((el, m.group(1)))
    return out


def _anchors(doc: Document) -> set[str]:
    """Fragment targets of a page: every id, and the name of every <a name>."""
    names = set()
    for el in doc.iter():
        if "id" in el.attrs:
            names.add(el.attrs["id"])
        if el.tag == "a" and el.attrs.get("name"):
            names.add(el.attrs["name"])
    return names


def link_check(site_dir: str | Path, *, root_relative: bool = False, base_path: str | None = None,
               exclude: tuple[str, ...] | list[str] = ()) -> list[str]:
    """Check the local links of every ``.html``/``.svg`` file under *site_dir*.

    For each ``href``/``src`` (and ``srcset``, SVG ``href``/``xlink:href``,
    meta refresh, ...) that is not an absolute URL (any ``scheme:`` such as
    http, https, mailto, tel, data; or ``//host``), the target is resolved
    against the file's folder: a folder (``x/`` or ``x``) means its
    ``index.html``; query strings are ignored; a ``#fragment`` must name an
    ``id`` (or ``<a name>``) in the target when that is an HTML or SVG file
    (``#``, ``#top`` and text fragments ``#:~:`` are always fine).

    Root-relative links (``/x``) are reported as problems: a site published
    under a sub-path, as GitHub Pages does for a project, breaks with them.
    Give *base_path*, the URL path the site is published under (e.g.
    ``"/okrsite/"``), to check root-relative links under it against
    *site_dir* instead (a 404 page needs them); other root-relative links
    stay problems.  ``root_relative=True`` means ``base_path="/"``.  Links
    that leave *site_dir* are reported too.

    *exclude* lists glob patterns (``Path.match`` style, relative to
    *site_dir*, e.g. ``"404.html"``) of pages whose own links are not
    checked; they can still be link targets.

    Returns problems as ``"page.html:LINE: message"`` strings (paths relative
    to *site_dir*), sorted; empty when every link works.
    """
    root = Path(site_dir).resolve()
    if not root.is_dir():
        raise NotADirectoryError(f"link_check: not a directory: {root}")
    pages = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in PARSED_SUFFIXES)
    docs: dict[Path, Document] = {}
    anchors: dict[Path, set[str]] = {}

    def doc_for(path: Path) -> Document:
        if path not in docs:
            docs[path] = parse_html(path)
        return docs[path]

    def anchors_of(path: Path) -> set[str]:
        if path not in anchors:
            anchors[path] = _anchors(doc_for(path))
        return anchors[path]

    if root_relative and base_path is None:
        base_path = "/"
    if base_path is not None:
        base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"

    problems: list[str] = []
    for page in pages:
        rel_page = page.relative_to(root).as_posix()
        if any(PurePosixPath(rel_page).match(pattern) for pattern in exclude):
            continue
        doc = doc_for(page)
        base_dir = page.parent
        base = doc.find("base", href=True)
        if base is not None and page.suffix.lower() != ".svg":
            problems.append(f"{rel_page}:{base.line}: <base href> is not supported by link_check")
        for el, raw in _page_urls(doc):
            url = raw.strip()
            where = f"{rel_page}:{el.line}"
            if _SCHEME.match(url) or url.startswith("//"):
                continue
            parts = urlsplit(url)
            path_part = unquote(parts.path)
            fragment = unquote(parts.fragment)
            if path_part.startswith("/"):
                if base_path is None:
                    problems.append(f"{where}: root-relative link {raw!r} (breaks under a sub-path)")
                    continue
                if not (path_part + "/").startswith(base_path):
                    problems.append(f"{where}: root-relative link {raw!r} is outside base path {base_path!r}")
                    continue
                target = root / path_part[len(base_path):]
            elif path_part:
                target = base_dir / PurePosixPath(path_part)
            else:
                target = page  # "#frag" or "" or "?q": the page itself
            target = Path(_normpath(target))
            try:
                target.relative_to(root)
            except ValueError:
                problems.append(f"{where}: link {raw!r} points outside the site")
                continue
            if target.is_dir():
                target = target / "index.html"
            elif path_part.endswith("/"):
                problems.append(f"{where}: broken link {raw!r} (no such folder)")
                continue
            if not target.is_file():
                problems.append(f"{where}: broken link {raw!r} (no such file: "
                                f"{target.relative_to(root).as_posix()})")
                continue
            if not fragment or fragment.lower() == "top" or fragment.startswith(":~:"):
                continue
            if target.suffix.lower() not in PARSED_SUFFIXES:
                continue
            if fragment not in anchors_of(target):
                problems.append(f"{where}: missing fragment {raw!r} (no id {fragment!r} in "
                                f"{target.relative_to(root).as_posix()})")
    return sorted(problems, key=_problem_key)


def _normpath(path: Path) -> str:
    return os.path.normpath(str(path))


def _problem_key(problem: str) -> tuple[str, int, str]:
    page, _, rest = problem.partition(":")
    line, _, msg = rest.partition(":")
    return (page, int(line) if line.isdigit() else 0, msg)
