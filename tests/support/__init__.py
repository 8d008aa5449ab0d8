"""Helpers shared by okrsite's tests: a real HTTP server, real validators, a link checker.

    from support import serve_dir, vnu_check, axe_check, link_check, parse_html

The pytest fixtures (``browser``, ``page``, ``console_errors``) live in
``support.fixtures`` and are imported by ``tests/conftest.py``.

``tests/`` is deliberately not a package: pytest puts it on ``sys.path``, which
is what makes ``import support`` work under both ``pytest`` and
``python -m pytest``.
"""

from .env import (
    CHROMIUM_ARGS,
    REPO_ROOT,
    ToolMissing,
    in_ci,
    require,
    skip_or_fail,
    venv_tool,
)
from .htmltree import Document, Element, parse_html, parse_html_text
from .links import link_check
from .server import serve_dir
from .validators import actionlint, axe_check, format_axe, format_vnu, vnu_check

__all__ = [
    "CHROMIUM_ARGS",
    "REPO_ROOT",
    "Document",
    "Element",
    "ToolMissing",
    "actionlint",
    "axe_check",
    "format_axe",
    "format_vnu",
    "in_ci",
    "link_check",
    "parse_html",
    "parse_html_text",
    "require",
    "serve_dir",
    "skip_or_fail",
    "vnu_check",
    "venv_tool",
]
