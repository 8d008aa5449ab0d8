"""What several verbs share: the --site argument and the report of a check."""

from __future__ import annotations

import argparse
import sys

from okrsite.config import repo_prefix
from okrsite.diagnostics import format_github, format_json, format_text, summary_line, use_colour

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def site_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", metavar="DIR", help="the site folder (with okrsite.yaml); default: the current folder")


def report(checked, fmt: str, strict: bool, stream=None) -> None:
    """Print a check's diagnostics in `fmt`; the one place any verb reports them."""
    stream = stream or sys.stdout
    diagnostics = checked.diagnostics
    if fmt == "json":
        stream.write(format_json(diagnostics))
    elif fmt == "github":
        stream.write(format_github(diagnostics, repo_prefix(checked.site_dir)))
    else:
        colour = use_colour(stream)
        stream.write(format_text(diagnostics, checked.site_dir, colour))
        if diagnostics:
            stream.write("\n")
        line = summary_line(diagnostics, checked.files)
        ok = not checked.fails(strict)
        mark = "\x1b[32m✓\x1b[0m" if colour and ok else ("\x1b[31m✗\x1b[0m" if colour else ("ok:" if ok else "failed:"))
        stream.write(f"{mark} {line}\n")
    stream.flush()
