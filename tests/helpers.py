"""Shared helpers for the foundation tests: small sites on disk, the check run, the real CLI.

Fixture sites live in tests/sites/<case>/ (one behaviour each); tests that need bytes a
repository cannot hold nicely (invalid UTF-8, BOM + CRLF, symlinks) write a site into
`tmp_path` with `make_site`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from okrsite.pipeline import check

SITES = Path(__file__).parent / "sites"

CONFIG = """\
title: Test roadmap
today: 2026-05-12
calendar:
  sprints: {start: 2026-01-05, length_days: 14}
"""
# With the config above: s1 = 2026-01-05..01-18, s7 = 03-30..04-12, s8 = 04-13..04-26,
# s9 = 04-27..05-10, s13 = 06-22..07-05; 2026-Q2 = 04-01..06-30.

OBJECTIVE = """\
---
title: Build trust through match experiences
quarter: 2026-Q2
key_results:
  - id: kr1
    title: Double weekly post-match ratings
    start: 1200
    target: 2400
hypotheses:
  - id: h1
    statement: If feedback is easier, more players rate their matches
    key_results: [kr1]
---
Players who trust the matchmaker play more.
"""

MILESTONE = """\
---
title: Email-based match feedback form
type: epic
key_results: [build-trust/kr1]
sprints: [s7, s8]
---
"""


def text(block: str) -> str:
    """An indented triple-quoted block as file text: dedented, without the first newline."""
    return textwrap.dedent(block).lstrip("\n")


def make_site(tmp_path: Path, files: dict[str, str | bytes], config: str | bytes | None = CONFIG) -> Path:
    """Write a site: `files` maps site-relative paths to text (dedented) or exact bytes.

    `config` is okrsite.yaml (None: no okrsite.yaml); a file named okrsite.yaml in `files` wins.
    """
    site = tmp_path / "site"
    site.mkdir(parents=True, exist_ok=True)
    all_files: dict[str, str | bytes] = {}
    if config is not None:
        all_files["okrsite.yaml"] = config
    all_files.update(files)
    for rel, content in all_files.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(text(content), encoding="utf-8", newline="\n")
    return site


def fixture(name: str) -> Path:
    path = SITES / name
    assert path.is_dir(), f"no fixture site tests/sites/{name}/"
    return path


def run_check(site: Path) -> list[dict]:
    """`pipeline.check` on a site: its diagnostics as dicts (code, severity, message, file, line, column)."""
    return [d.as_dict() for d in check(Path(site)).diagnostics]


def only(diagnostics: list[dict], code: str | None = None) -> dict:
    """The one diagnostic (of `code`), failing with the full list when there is not exactly one."""
    chosen = [d for d in diagnostics if code is None or d["code"] == code]
    assert len(chosen) == 1, f"expected one {code or 'diagnostic'}, got:\n" + json.dumps(diagnostics, indent=2)
    return chosen[0]


def codes(diagnostics: list[dict]) -> list[str]:
    return [d["code"] for d in diagnostics]


def where(diagnostic: dict) -> tuple[str, int, int]:
    return diagnostic["file"], diagnostic["line"], diagnostic["column"]


def okrsite_command() -> list[str]:
    """The installed `okrsite` script when on PATH, else the module (same code either way)."""
    script = shutil.which("okrsite")
    return [script] if script else [sys.executable, "-m", "okrsite"]


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess; colour off so output is plain."""
    environment = {**os.environ, "NO_COLOR": "1"}
    environment.pop("FORCE_COLOR", None)
    environment.update(env or {})
    return subprocess.run([*okrsite_command(), *args], cwd=cwd, env=environment, capture_output=True,
                          text=True, timeout=timeout)


def check_json(site: Path, *extra: str) -> tuple[int, dict, str]:
    """`okrsite check --format json` on `site`: (exit status, parsed output, stderr)."""
    result = run_cli("check", "--site", str(site), "--format", "json", *extra)
    payload = json.loads(result.stdout) if result.stdout.strip() else {}
    return result.returncode, payload, result.stderr


def count_parses(monkeypatch, module) -> list[str]:
    """The paths `module.parse_document` is called with from now on (load for the check's
    parses, history.log for the old versions of files), in order."""
    parsed: list[str] = []
    plain = module.parse_document

    def counted(raw, rel, kind):
        parsed.append(rel)
        return plain(raw, rel, kind)

    monkeypatch.setattr(module, "parse_document", counted)
    return parsed
