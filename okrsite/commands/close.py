"""`okrsite close PERIOD`: grade a period that has ended, in the content files (grades.py)."""

from __future__ import annotations

import argparse
import textwrap

import sys

from okrsite.commands.common import EXIT_FINDINGS, EXIT_OK, report, site_arg

NAME = "close"


def register(verbs):
    p = verbs.add_parser(
        "close", help="end a period: write each ungraded key result's grade (its progress) into its file",
        description=textwrap.fill("For every key result of the objectives set for PERIOD that has no grade yet, write "
                    "`grade:` (its progress, rounded to 0.1) right after the key result's `id` line, keeping "
                    "every other byte of the file, and print what was written. Dropped key results are left "
                    "out. Files are replaced atomically. Refuses a period that has not ended by `today`, and a "
                    "site with errors. Exit status: 0 done, 1 the site has errors, 2 could not run.", 92),
        epilog="examples:\n"
               "  okrsite close 2026-Q1 --dry-run     what would be written\n"
               "  okrsite close 2026-Q1               grade every ungraded key result of 2026-Q1\n"
               "  okrsite close 2026-H1",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("period", metavar="PERIOD", help="the period to close: a quarter (2026-Q1), half (2026-H1) or year (2026)")
    site_arg(p)
    p.add_argument("--dry-run", action="store_true", help="print what would be written, write nothing")
    return p


def run(args) -> int:
    from okrsite.config import find_site
    from okrsite.diagnostics import UsageError
    from okrsite.grades import plan_close, write_atomically
    from okrsite.pipeline import check

    checked = check(find_site(args.site))
    if checked.config is None or checked.errors:
        report(checked, "text", False, sys.stderr)
        print("okrsite: close writes nothing while the site has errors; fix them first", file=sys.stderr)
        return EXIT_FINDINGS
    config, site = checked.config, checked.site
    period = config.calendar.period(args.period.strip().upper())  # 2026-q1 is 2026-Q1
    if period is None:
        raise UsageError(f"'{args.period}' is not a period: write a quarter (2026-Q1), a half (2026-H1) or a year (2026)")
    if period.end >= config.today:
        raise UsageError(f"{period.id} has not ended: it runs until {period.end} and today is {config.today}; "
                         f"close it from {period.end.fromordinal(period.end.toordinal() + 1)} on "
                         "(or set today: in okrsite.yaml)")
    edits, left_out = plan_close(site, period.id)
    verb = "would write" if args.dry_run else "wrote"
    written = 0
    for edit in edits:
        for problem in edit.problems:
            print(f"okrsite: {problem}", file=sys.stderr)
        if not edit.insertions:
            continue
        if not args.dry_run:
            try:
                write_atomically(config.site_dir / edit.path, edit.after)
            except OSError as err:
                raise UsageError(f"cannot write {edit.path}: {err.strerror or err}") from None
        for insertion in edit.insertions:
            print(f"{edit.path}:{insertion.line}: {verb} grade: {insertion.grade:.1f} for {insertion.kr_id} "
                  f"(progress {round(insertion.progress * 100)}%)")
            written += 1
    for kr_id in left_out:
        print(f"left out {kr_id}: dropped, it needs no grade")
    files = sum(1 for e in edits if e.insertions)
    if not any(o.quarter == period.id for o in site.objectives.values()):
        print(f"no objective is set for {period.id}: nothing to close")
    elif not written and not any(e.problems for e in edits):
        print(f"{period.id} is closed: every key result has a grade")
    else:
        done = "dry run: nothing written; " if args.dry_run else ""
        print(f"{done}{verb} {written} grade{'s' if written != 1 else ''} into {files} file{'s' if files != 1 else ''} "
              f"for {period.id}")
    return EXIT_FINDINGS if any(e.problems for e in edits) else EXIT_OK
