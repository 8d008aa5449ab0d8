"""What several verbs share: the --site argument and the report of a check."""

from __future__ import annotations

import argparse
import os
import sys

from okrsite.config import repo_prefix
from okrsite.diagnostics import (
    format_github, format_json, format_markdown, format_text, summary_line, use_colour,
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
MACHINE_FORMATS = ("json", "github", "sarif")


def site_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", metavar="DIR",
                        help="the site folder (with okrsite.yaml); default: the current folder or the nearest "
                             "parent folder that has okrsite.yaml")


def report(checked, fmt: str, strict: bool, stream=None) -> None:
    """Print a check's diagnostics in `fmt`; the one place any verb reports them."""
    stream = stream or sys.stdout
    diagnostics = checked.diagnostics
    if fmt == "json":
        stream.write(format_json(diagnostics, repo_prefix(checked.site_dir)))
    elif fmt == "sarif":
        from okrsite.sarif import format_sarif

        stream.write(format_sarif(diagnostics, repo_prefix(checked.site_dir)))
    elif fmt == "github":
        prefix = repo_prefix(checked.site_dir)
        stream.write(format_github(diagnostics, prefix))
        step_summary(format_markdown(diagnostics, checked.files, prefix, _blob_link()))
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


def step_summary(markdown: str) -> None:
    """Append to the job summary when run in GitHub Actions ($GITHUB_STEP_SUMMARY names a file).

    Annotations show at most 10 errors and 10 warnings per step; the summary shows them all.
    """
    path = os.environ.get("GITHUB_STEP_SUMMARY", "").strip()
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(markdown + "\n")
    except OSError as err:
        print(f"okrsite: cannot write the job summary {path}: {err.strerror or err}", file=sys.stderr)


def _blob_link() -> str:
    """`https://github.com/OWNER/REPO/blob/SHA/` inside GitHub Actions, else ""."""
    server, repo, sha = (os.environ.get(k, "").strip() for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    if not (server.startswith("https://") and repo.count("/") == 1 and sha.isalnum()):
        return ""
    return f"{server.rstrip('/')}/{repo}/blob/{sha}/"
