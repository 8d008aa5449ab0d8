"""`okrsite import-csv`: milestone files from a workshop's milestone-candidates.csv (importcsv.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from okrsite import sitefs
from okrsite.commands.common import EXIT_FINDINGS, EXIT_OK, site_arg
from okrsite.diagnostics import MAX_MESSAGE, UsageError, printable, shorten
NAME = "import-csv"

# The command's help; importcsv.py (what it does) is imported when it runs.
HELP = "turn a workshop's milestone-candidates.csv (Milestone, Type, KR, Hypothesis, Cluster, Votes) into milestone files"

DESCRIPTION = """\
Turn the milestone candidates of a harvesting workshop into milestone files:
one content/milestones/<slug-of-title>.md per row: status candidate (an idea, not planned
yet, listed on the backlog by votes), or status planned when the row has sprints.

The CSV is UTF-8 (with or without BOM), separated by ',' or ';' or tabs, with a header row.
Header names ignore case, spaces and underscores:
  Milestone | Title | Name           required  the milestone's title
  Type | Milestone Type             required  Epic, Spike, Enabler or Signal Test
  KR | Key Result | Key Results |   required  build-trust/kr1, several separated by ',' or ';',
    KR link | Link                            or KR3 of Objective "Build trust through match experiences"
  Hypothesis                        optional  build-trust/h1 or the hypothesis's statement
  Cluster | Theme                   optional  the theme label from clustering
  Votes | Dot votes | Priority votes optional  a whole number
  Objective, Team, Owner, Sprints, Id, Notes  optional
Every row is checked before anything is written; one bad row imports nothing unless
--skip-bad-rows. Rows are numbered as lines of the file, the header being row 1.
"""


def register(verbs):
    p = verbs.add_parser("import-csv", help=HELP, description=DESCRIPTION,
                         formatter_class=argparse.RawDescriptionHelpFormatter,
                         epilog="examples:\n"
                                "  okrsite import-csv milestone-candidates.csv --dry-run   what would be written\n"
                                "  okrsite import-csv milestone-candidates.csv\n"
                                "  okrsite import-csv workshop.csv --skip-bad-rows         the good rows only")
    p.add_argument("file", metavar="FILE", help="the CSV file")
    site_arg(p)
    p.add_argument("--skip-bad-rows", action="store_true", help="import the good rows even when some rows are bad")
    p.add_argument("--dry-run", action="store_true", help="report what would be written, write nothing")
    return p


def say(line: str) -> None:
    """Print a line that may hold a cell's text: control characters replaced, as `check` does."""
    print(printable(line))


def run(args) -> int:
    from okrsite.config import find_site
    from okrsite.importcsv import milestone_text, plan_import, read_table
    from okrsite.diagnostics import format_text, summary_line, use_colour
    from okrsite.pipeline import check

    site_dir = find_site(args.site)
    csv_path = Path(args.file)
    if not csv_path.is_file():
        raise UsageError(f"no file {args.file}" + (" (it is a folder)" if csv_path.is_dir() else ""))
    table = read_table(csv_path)
    checked = check(site_dir)
    if checked.site is None:
        raise UsageError("okrsite.yaml has problems, so the rows cannot be resolved against the site; "
                         "run okrsite check and fix them first")
    plan = plan_import(table, checked)
    if plan.ignored_columns:
        say("ignored column" + ("s" if len(plan.ignored_columns) > 1 else "") + ": "
            + ", ".join(f'"{shorten(c)}"' for c in plan.ignored_columns))
    for problem in plan.problems:
        print(problem.format(table.name))
    bad_rows = len({p.row for p in plan.problems})
    header_broken = any(p.row == table.header_row for p in plan.problems)
    if header_broken:
        say(f"nothing imported: the header row of {shorten(table.name)} needs fixing (see okrsite import-csv --help)")
        return EXIT_FINDINGS
    if not plan.rows:
        say(f"{shorten(table.name)} has a header but no rows: nothing to import")
        return EXIT_OK
    if plan.problems and not args.skip_bad_rows:
        print(f"nothing imported: {bad_rows} of {plan.rows} row{'s' if plan.rows != 1 else ''} "
              f"{'have' if bad_rows != 1 else 'has'} problems; fix them and run again, "
              "or import the other rows with --skip-bad-rows")
        return EXIT_FINDINGS
    skipped = f"; skipped {bad_rows} bad row{'s' if bad_rows != 1 else ''}" if bad_rows else ""

    if args.dry_run:
        for candidate in plan.candidates:
            say(f"would write {candidate.path}  ({shorten(candidate.summary(), MAX_MESSAGE)})")
        print(f"dry run: nothing written; {len(plan.candidates)} milestone"
              f"{'s' if len(plan.candidates) != 1 else ''} would be imported{skipped}")
        return EXIT_FINDINGS if plan.problems else EXIT_OK

    linked = sitefs.linked_folder_on_the_way(site_dir, [c.path for c in plan.candidates])
    if linked is not None:
        print(f"nothing imported: {linked} is a symbolic link; okrsite does not write through links in the "
              "site (okrsite check reports it too): replace it with a folder")
        return EXIT_FINDINGS
    written: list[Path] = []
    try:
        for candidate in plan.candidates:
            path = site_dir / candidate.path
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "x", encoding="utf-8", newline="\n") as handle:
                written.append(path)
                handle.write(milestone_text(candidate, table.name))
            say(f"wrote {candidate.path}  ({shorten(candidate.summary(), MAX_MESSAGE)})")
    except OSError as err:
        for path in written:  # all or nothing: take back what this run wrote
            path.unlink(missing_ok=True)
        raise UsageError(f"cannot write {err.filename}: {err.strerror or err}; nothing was imported") from None
    count = len(plan.candidates)
    if not count:
        say(f"nothing imported: every row of {shorten(table.name)} has problems")
        return EXIT_FINDINGS
    print(f"imported {count} milestone{'s' if count != 1 else ''} into content/milestones/{skipped}; "
          "rows without sprints are candidates: when you plan one, set status: planned and sprints:")

    after = check(site_dir)
    new_files = {c.path for c in plan.candidates}
    mine = [d for d in after.diagnostics if d.location.file in new_files]
    if mine:
        print("okrsite check found problems in the imported files:")
        print(format_text(mine, site_dir, use_colour(sys.stdout)), end="")
    print(f"okrsite check: {summary_line(after.diagnostics, after.files)}")
    return EXIT_FINDINGS if plan.problems or any(d.is_error for d in mine) else EXIT_OK
