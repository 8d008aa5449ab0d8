"""`okrsite diff BASE [HEAD]`: what changed on the roadmap between two git revisions.

For people (text), for a pull request's job summary (markdown) and for tools (json, the
format documented in docs/history.md and okrsite/schemas/roadmap-diff.json).
"""

from __future__ import annotations

import argparse
import textwrap

import json
import sys
from pathlib import Path

from okrsite.commands.common import EXIT_OK, site_arg
from okrsite.diagnostics import UsageError, eprint

NAME = "diff"


def register(verbs):
    p = verbs.add_parser(
        "diff", help="what changed on the roadmap between two git revisions",
        description=textwrap.fill("Compare the site at git revision BASE with HEAD (default: the work tree as it is, "
                    "uncommitted edits included). Entities are matched by id, so a renamed file is no change. "
                    "Reports added, removed, retitled, rescheduled (in days and sprints), retyped, status, "
                    "requarter, relinked, target, current, confidence and grade changes. "
                    "Exit status: 0 compared, 2 could not compare (no git, unknown revision).", 92),
        epilog="examples:\n"
               "  okrsite diff main                       your uncommitted and committed work against main\n"
               "  okrsite diff v1.0 v1.1                  between two tags\n"
               "  okrsite diff origin/main HEAD --format markdown >> \"$GITHUB_STEP_SUMMARY\"",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("base", metavar="BASE", help="git revision to compare from: a branch, tag or commit "
                                               "(e.g. main, origin/main, HEAD~3)")
    p.add_argument("head", metavar="HEAD", nargs="?", help="git revision to compare to; default: the work tree")
    site_arg(p)
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                   help="text for people (default), markdown for a pull request's summary, json for tools")
    return p


def run(args) -> int:
    from okrsite.config import find_site
    from okrsite.history import report
    from okrsite.history.diff import diff

    try:
        if args.head is None:
            site_dir = find_site(args.site)
        else:
            site_dir = Path(args.site or ".").resolve()
            if not site_dir.is_dir():
                raise UsageError(f"--site {args.site}: not a folder; pass the site's folder")
        result = diff(site_dir, args.base, args.head)
    except UsageError as err:
        if args.format == "json":  # tools get the failure in the format they asked for
            sys.stdout.write(json.dumps({"format": report.DIFF_FORMAT, "version": report.DIFF_VERSION,
                                         "error": str(err)}, ensure_ascii=False) + "\n")
        elif args.format == "markdown":  # and a job summary says why it has no changes
            sys.stdout.write(report.markdown_failure(str(err)))
        raise
    for note in result.notes:
        eprint(f"okrsite: {note}")
    formatter = {"text": report.format_text, "markdown": report.format_markdown, "json": report.format_json}
    text = formatter[args.format](result.changes, result.base, result.head)
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    return EXIT_OK
