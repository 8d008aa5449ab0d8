"""`okrsite export`: the resolved roadmap as JSON, CSV or iCalendar (exports.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from okrsite.commands.common import report, site_arg
from okrsite.diagnostics import UsageError

NAME = "export"


def register(verbs):
    p = verbs.add_parser(
        "export", help="the resolved roadmap as JSON, CSV or iCalendar",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""\
Check the site, then print the resolved roadmap for other tools (nothing when a check fails:
exit status 1, with the problems):
  json  the whole model: ids, links, computed progress and page URLs (as roadmap.json)
  csv   one row per milestone, for a spreadsheet
  ics   milestones as calendar events (as roadmap.ics)""",
        epilog="""\
examples:
  okrsite export --format csv --out milestones.csv
  okrsite export --format json | jq '.milestones | length'
  okrsite export --format ics --out roadmap.ics""")
    site_arg(p)
    p.add_argument("--format", choices=("json", "csv", "ics"), required=True, help="what to write")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    return p


def run(args) -> int:
    from okrsite.config import find_site
    from okrsite.pipeline import check

    checked = check(find_site(args.site))
    if checked.fails(strict=False):
        report(checked, "text", False, sys.stderr)
        return 1
    from okrsite.exports import EXPORTERS

    text = EXPORTERS[args.format](checked.site)
    if args.out:
        try:
            Path(args.out).write_bytes(text.encode("utf-8"))
        except OSError as err:
            raise UsageError(f"cannot write {args.out}: {err.strerror or err}") from None
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    return 0
