"""Helpers for the render-stage tests: fixture sites, in-memory builds, tree hashes.

    from render_helpers import SITES, make_site, checked_site, build, tree_hash

Fixture sites live in ``tests/sites/<case>/`` (``basic``, ``hostile``, ``theme-override``);
``make_site`` writes a throw-away site from a dict of files for a test that needs one variation.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import helpers
from helpers import run_cli  # noqa: F401 - re-exported: the real command in a child process

from okrsite import cli
from okrsite.pipeline import check
from okrsite.render import Renderer

TESTS = Path(__file__).resolve().parent
SITES = TESTS / "sites"
REPO = TESTS.parent

DEFAULT_CONFIG = helpers.CONFIG  # title, today 2026-05-12, two-week sprints from 2026-01-05


def config_with(extra: str) -> str:
    """The default okrsite.yaml plus more settings (YAML lines)."""
    return DEFAULT_CONFIG + extra.rstrip("\n") + "\n"

MINIMAL_CONTENT = {
    "content/objectives/obj.md": """\
        ---
        title: An objective
        quarter: 2026-Q2
        key_results:
          - {id: kr1, title: A key result, start: 0, target: 10, current: 5}
        ---
        """,
    "content/milestones/ms.md": """\
        ---
        title: A milestone
        type: epic
        key_results: [obj/kr1]
        sprints: [s9, s10]
        ---
        """,
}


def make_site(tmp_path: Path, files: dict[str, str | bytes] | None = None, *, config: str | None = DEFAULT_CONFIG,
              minimal: bool = True) -> Path:
    """`helpers.make_site` with a small valid site underneath: one objective `obj` (KR `obj/kr1`)
    and one milestone `ms`, unless `minimal` is false; `files` are written on top."""
    return helpers.make_site(tmp_path, {**(MINIMAL_CONTENT if minimal else {}), **(files or {})}, config)


def copy_site(name: str, tmp_path: Path) -> Path:
    """A private copy of the fixture site `tests/sites/<name>` (for tests that change it)."""
    target = tmp_path / name
    shutil.copytree(SITES / name, target)
    return target


def checked_site(site_dir: Path):
    """The linked model of a site that must check without errors."""
    checked = check(Path(site_dir))
    errors = [d for d in checked.diagnostics if d.is_error]
    assert not errors, "\n".join(f"{d.location.file}:{d.location.line}: {d.code} {d.message}" for d in errors)
    return checked.site


def render_files(site_dir: Path) -> dict[str, bytes]:
    """Every output file of a site, in memory."""
    site = checked_site(site_dir)
    return Renderer(site.config).render(site)


def build(site_dir: Path, out: Path, *extra: str, history: bool = False) -> int:
    """`okrsite build --site SITE --out OUT --quiet` in this process; the exit status.

    Without history by default: the fixture sites live in okrsite's own repository, whose
    commits must not change what a test sees (tests/test_history.py builds real histories)."""
    return cli.main(["build", "--site", str(site_dir), "--out", str(out), "--quiet",
                     *(() if history else ("--no-history",)), *extra])


def tree_hash(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under `folder` (empty for a missing folder)."""
    folder = Path(folder)
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
