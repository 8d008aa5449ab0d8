"""`okrsite check`: the pipeline stopped before rendering, reported for people or tools."""

from __future__ import annotations

from okrsite.commands.common import EXIT_FINDINGS, EXIT_OK, report, site_arg

NAME = "check"


def register(verbs):
    p = verbs.add_parser("check", help="validate the content and report problems with file:line:column",
                         description="Validate okrsite.yaml and content/ against the schemas and the linking rules. "
                                     "Exit status: 0 clean, 1 errors (or warnings with --strict), 2 could not run.")
    site_arg(p)
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="text for people (default), github for workflow annotations, json for tools")
    return p


def run(args) -> int:
    from okrsite.config import find_site
    from okrsite.pipeline import check

    checked = check(find_site(args.site))
    report(checked, args.format, args.strict)
    return EXIT_FINDINGS if checked.fails(args.strict) else EXIT_OK
