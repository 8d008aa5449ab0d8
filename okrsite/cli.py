"""Command line: verbs -> pipeline calls -> exit codes (0 clean, 1 findings, 2 could not run)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from okrsite import __version__
from okrsite.config import repo_prefix
from okrsite.diagnostics import (
    UsageError, eprint, format_github, format_json, format_text, summary_line, use_colour,
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

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


def _site_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", metavar="DIR", help="the site folder (with okrsite.yaml); default: the current folder")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="okrsite", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"okrsite {__version__}")
    verbs = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = verbs.add_parser("check", help="validate the content and report problems with file:line:column",
                         description="Validate okrsite.yaml and content/ against the schemas and the linking rules. "
                                     "Exit status: 0 clean, 1 errors (or warnings with --strict), 2 could not run.")
    _site_arg(p)
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="text for people (default), github for workflow annotations, json for tools")

    p = verbs.add_parser("build", help="check, then write the website (default: SITE/public)",
                         description="Check the content, then render every page, the roadmap diagrams and the "
                                     "exports into --out. Nothing is written when a check fails; the previous "
                                     "output stays as it was.")
    _site_arg(p)
    p.add_argument("--out", metavar="DIR", help="output folder; default: SITE/public")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--quiet", action="store_true", help="print only errors")

    p = verbs.add_parser("serve", help="preview the site with rebuild on save and live reload",
                         description="Serve the site on a local address, rebuild what a saved file affects, "
                                     "and reload open browser tabs. Problems are shown in the browser.")
    _site_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--open", action="store_true", help="open the site in a web browser")

    p = verbs.add_parser("init", help="scaffold a working site with example content and CI workflows")
    p.add_argument("dir", nargs="?", default=".", metavar="DIR", help="folder to create the site in (default: here)")

    p = verbs.add_parser("new", help="write a new objective, milestone, task or team file from a template")
    p.add_argument("kind", choices=("objective", "milestone", "task", "team"))
    p.add_argument("id", metavar="ID", help="the new id: lowercase words joined by '-'")
    p.add_argument("--title", help="title (or name for a team)")
    _site_arg(p)

    p = verbs.add_parser("schema", help="write the JSON Schemas for editors (yaml-language-server)")
    p.add_argument("--out", metavar="DIR", help="folder to write the schema files to; default: print them as one JSON object")

    from okrsite.importcsv import DESCRIPTION as CSV_DESCRIPTION, HELP as CSV_HELP

    p = verbs.add_parser("import-csv", help=CSV_HELP, description=CSV_DESCRIPTION,
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", metavar="FILE", help="the CSV file")
    _site_arg(p)
    p.add_argument("--skip-bad-rows", action="store_true", help="import the good rows even when some rows are bad")
    p.add_argument("--dry-run", action="store_true", help="report what would be written, write nothing")

    p = verbs.add_parser("export", help="the resolved roadmap as JSON, CSV or iCalendar")
    _site_arg(p)
    p.add_argument("--format", choices=("json", "csv", "ics"), required=True)
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except UsageError as err:
        eprint(f"okrsite: {err}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        eprint("okrsite: interrupted")
        return 130


def _report(checked, fmt: str, strict: bool, stream=None) -> None:
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


def cmd_check(args) -> int:
    from okrsite.config import find_site
    from okrsite.pipeline import check

    checked = check(find_site(args.site))
    _report(checked, args.format, args.strict)
    return EXIT_FINDINGS if checked.fails(args.strict) else EXIT_OK


def cmd_build(args) -> int:
    from okrsite.build import run_build

    return run_build(args, _report)


def cmd_serve(args) -> int:
    from okrsite.serve import run_serve

    return run_serve(args)


def cmd_init(args) -> int:
    from okrsite.scaffold import run_init

    return run_init(args)


def cmd_new(args) -> int:
    from okrsite.scaffold import run_new

    return run_new(args)


def cmd_schema(args) -> int:
    from okrsite.validate import SCHEMA_NAMES, schema

    if not args.out:
        sys.stdout.write(json.dumps({f"{n}.json": schema(n) for n in SCHEMA_NAMES}, indent=2) + "\n")
        return EXIT_OK
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name in SCHEMA_NAMES:
            (out / f"{name}.json").write_text(json.dumps(schema(name), indent=2) + "\n", encoding="utf-8")
    except OSError as err:
        raise UsageError(f"cannot write to {out}: {err.strerror or err}") from None
    print(f"wrote {len(SCHEMA_NAMES)} schemas to {out}/; point yaml-language-server at them with a first line like\n"
          f"  # yaml-language-server: $schema={out.as_posix()}/milestone.json")
    return EXIT_OK


def cmd_import_csv(args) -> int:
    from okrsite.importcsv import run_import

    return run_import(args)


def cmd_export(args) -> int:
    from okrsite.exports import run_export

    return run_export(args, _report)


COMMANDS = {
    "check": cmd_check, "build": cmd_build, "serve": cmd_serve, "init": cmd_init, "new": cmd_new,
    "schema": cmd_schema, "import-csv": cmd_import_csv, "export": cmd_export,
}
