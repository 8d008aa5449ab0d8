"""Real validators: the Nu Html Checker (vnu.jar), axe-core and actionlint.

A missing tool skips the calling test locally and fails it under CI
(see :func:`support.env.skip_or_fail`).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlparse

from .env import actionlint_path, axe_script_path, java_path, require, vnu_jar_path

VNU_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html", ".svg": "svg", ".css": "css"}


def _collect(paths_or_dir: str | Path | Iterable[str | Path], kinds: set[str]) -> list[Path]:
    if isinstance(paths_or_dir, (str, Path)):
        items: list[Path] = [Path(paths_or_dir)]
    else:
        items = [Path(p) for p in paths_or_dir]
    files: list[Path] = []
    for item in items:
        if item.is_dir():
            files += sorted(p for p in item.rglob("*")
                            if p.is_file() and VNU_SUFFIXES.get(p.suffix.lower()) in kinds)
        elif item.is_file():
            files.append(item)
        else:
            raise FileNotFoundError(f"vnu_check: no such file or directory: {item}")
    return files


def vnu_check(paths_or_dir: str | Path | Iterable[str | Path], *, svg: bool = True,
              css: bool = False, warnings: bool = False, ignore: Iterable[str | re.Pattern] = (),
              timeout: float = 600) -> list[dict]:
    """Validate HTML (and SVG, and optionally CSS) files with one run of vnu.jar.

    *paths_or_dir* is a file, a directory (searched recursively for ``.html``/
    ``.htm``/``.xhtml``, plus ``.svg`` when *svg* and ``.css`` when *css*), or
    an iterable of files and directories.  Starting the JVM costs a few
    seconds, so pass everything at once rather than calling this per file.

    Returns one dict per message (errors only unless *warnings*)::

        {"type": "error", "file": "/abs/path.html", "url": "file:/abs/path.html",
         "line": 12, "column": 5, "message": "...", "extract": "..."}

    ``file``/``line``/``column`` may be None for messages about a whole file
    (``type == "non-document-error"``, e.g. an unreadable file).  An empty
    list means every file is valid.  *ignore* drops messages whose text
    matches any of its regular expressions (``re.search``), for known
    checker gaps -- vnu's CSS checker, for one, does not know newer
    properties such as ``color-scheme``.
    """
    kinds = {"html"} | ({"svg"} if svg else set()) | ({"css"} if css else set())
    files = _collect(paths_or_dir, kinds)
    if not files:
        raise ValueError(f"vnu_check: no files to check in {paths_or_dir!r}")
    cmd = [require(java_path), "-Xss4m", "-jar", str(require(vnu_jar_path)), "--stdout", "--format", "json",
           "--exit-zero-always"]
    if not warnings:
        cmd.append("--errors-only")
    if any(VNU_SUFFIXES.get(f.suffix.lower()) == "svg" for f in files):
        cmd.append("--also-check-svg")
    if any(VNU_SUFFIXES.get(f.suffix.lower()) == "css" for f in files):
        cmd.append("--also-check-css")
    cmd += [str(f.resolve()) for f in files]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=timeout, check=False,
                          env={**os.environ, "LC_ALL": "C.UTF-8"})
    # The report goes to stdout (--stdout); the JVM's own notes stay on stderr.
    raw = proc.stdout.strip()
    if proc.returncode != 0:
        raise RuntimeError(f"vnu.jar failed (exit {proc.returncode}):\n{(raw + proc.stderr)[:4000]}")
    try:
        report = json.loads(raw)  # a clean run prints {"messages":[]}, never nothing
    except json.JSONDecodeError as exc:
        raise RuntimeError(f"vnu.jar did not print JSON:\n{(raw + proc.stderr)[:4000]}") from exc
    ignored = [re.compile(p) if isinstance(p, str) else p for p in ignore]
    out = []
    for msg in report.get("messages", []):
        if any(rx.search(msg.get("message", "")) for rx in ignored):
            continue
        url = msg.get("url")
        file = unquote(urlparse(url).path) if url and url.startswith("file:") else None
        out.append({
            "type": msg.get("type"),
            "subtype": msg.get("subType"),
            "file": file,
            "url": url,
            "line": msg.get("lastLine", msg.get("firstLine")),
            "column": msg.get("firstColumn", msg.get("lastColumn")),
            "message": msg.get("message", ""),
            "extract": msg.get("extract", ""),
        })
    return out


def format_vnu(messages: list[dict], base: str | Path | None = None) -> str:
    """Messages from :func:`vnu_check` as ``file:line:col: message`` lines (for assert messages)."""
    lines = []
    for m in messages:
        where = m["file"] or m["url"] or "?"
        if base is not None and m["file"]:
            try:
                where = str(Path(m["file"]).relative_to(Path(base).resolve()))
            except ValueError:
                pass
        lines.append(f"{where}:{m['line']}:{m['column']}: {m['type']}: {m['message']}")
    return "\n".join(lines)


_AXE_RUN = """async ([context, options]) => {
    const results = await window.axe.run(context || document, options || {});
    return results.violations.map(v => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        tags: v.tags,
        nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary})),
    }));
}"""


def axe_check(page, *, context: str | None = None, options: dict | None = None,
              disable: Iterable[str] = ()) -> list[dict]:
    """Run axe-core in a loaded Playwright *page* and return its violations.

    Each violation is ``{"id", "impact", "help", "helpUrl", "tags", "nodes":
    [{"target": [css selectors], "html", "failureSummary"}]}``; an empty list
    means axe found nothing.  *context* is a CSS selector to limit the check
    (default: the whole document), *options* is passed to ``axe.run``
    (e.g. ``{"runOnly": ["wcag2a", "wcag2aa"]}``), and *disable* lists rule
    ids to switch off.

    axe is injected by evaluating its source through the DevTools protocol,
    which a page's Content-Security-Policy does not block, so pages with a
    strict CSP can be checked as they are served.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(require(axe_script_path).read_text(encoding="utf-8"))
    opts = dict(options or {})
    disable = list(disable)
    if disable:
        rules = dict(opts.get("rules") or {})
        rules.update({rule: {"enabled": False} for rule in disable})
        opts["rules"] = rules
    return page.evaluate(_AXE_RUN, [context, opts])


def format_axe(violations: list[dict]) -> str:
    """Violations from :func:`axe_check` as readable lines (for assert messages)."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:200]}")
    return "\n".join(lines)


def actionlint(paths: str | Path | Iterable[str | Path], *, shellcheck: bool = False,
               pyflakes: bool = False, cwd: str | Path | None = None, timeout: float = 120) -> tuple[int, str]:
    """Run actionlint on workflow files; return ``(returncode, output)``.

    Returncode 0 means no problems, 1 means problems were found (listed one
    per line in *output*), anything else is a usage or fatal error.  The
    shellcheck/pyflakes integrations are off by default so the result does
    not depend on what else happens to be installed.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files = [str(p) for p in paths]
    if not files:
        raise ValueError("actionlint: no workflow files given")
    cmd = [require(actionlint_path), "-no-color", "-oneline"]
    if not shellcheck:
        cmd.append("-shellcheck=")
    if not pyflakes:
        cmd.append("-pyflakes=")
    cmd += files
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=timeout, check=False,
                          cwd=str(cwd) if cwd is not None else None)
    return proc.returncode, (proc.stdout + proc.stderr).strip()
