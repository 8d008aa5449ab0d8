"""`okrsite check`: the pipeline stopped before rendering, reported for people or tools."""

from __future__ import annotations

import argparse

from okrsite.commands.common import EXIT_FINDINGS, EXIT_OK, report, site_arg

NAME = "check"

EXAMPLES = """\
formats:
  text    for people: file:line:column, the source line and a caret, a summary line
  github  GitHub workflow commands: annotations on the pull request's changed lines; in
          GitHub Actions the complete table also goes to the job summary
  json    one object {"format": "okrsite-check", "version": 1, "errors", "warnings",
          "diagnostics": [...]} for tools (docs/ci.md)
  sarif   SARIF 2.1.0, for code scanning (github/codeql-action/upload-sarif)
When the check cannot run (exit 2), json, github and sarif report that in their own form.

examples:
  okrsite check                          the site here (or in a parent folder)
  okrsite check --strict                 warnings fail too
  okrsite check --site docs/roadmap --format github
  okrsite check --format sarif > okrsite.sarif
"""


def register(verbs):
    p = verbs.add_parser("check", help="validate the content and report problems with file:line:column",
                         description="Validate okrsite.yaml and content/ against the schemas and the linking rules.\n"
                                     "Exit status: 0 clean, 1 errors (or warnings with --strict), 2 could not run.",
                         epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    site_arg(p)
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--format", choices=("text", "github", "json", "sarif"), default="text",
                   help="text for people (default), github for workflow annotations, json for tools, "
                        "sarif for code scanning")
    p.add_argument("--no-cache", dest="cache", action="store_false",
                   help="neither read nor write the build cache (SITE/.okrsite-cache/), which otherwise "
                        "answers a check of unchanged content at once")
    return p


def run(args) -> int:
    from okrsite.config import find_site
    from okrsite.pipeline import cached_check

    checked = cached_check(find_site(args.site), args.cache)
    report(checked, args.format, args.strict)
    return EXIT_FINDINGS if checked.fails(args.strict) else EXIT_OK
