"""Command line: verbs -> pipeline calls -> exit codes (0 clean, 1 findings, 2 could not run)."""

from __future__ import annotations

import argparse
import sys

from okrsite import __version__
from okrsite.commands import VERBS
from okrsite.commands.common import EXIT_USAGE
from okrsite.diagnostics import UsageError, eprint

RUN = {verb.NAME: verb.run for verb in VERBS}

DESCRIPTION = """\
okrsite turns a folder of OKR files (objectives, key results, hypotheses, milestones,
tasks, teams) into a checked, cross-linked static website with an SVG roadmap.

A site is a folder with okrsite.yaml and content/. Typical use:
  okrsite init my-roadmap      scaffold a working site
  okrsite check                find broken links and mistakes (what CI runs)
  okrsite build                write the website to public/
  okrsite serve                preview while you edit, with live reload
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit 2, as for every usage error
        self.print_usage(sys.stderr)
        eprint(f"okrsite: error: {message} (see {self.prog} --help)")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="okrsite", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"okrsite {__version__}")
    verbs = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for verb in VERBS:
        verb.register(verbs)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return RUN[args.command](args)
    except UsageError as err:
        eprint(f"okrsite: {err}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        eprint("okrsite: interrupted")
        return 130
