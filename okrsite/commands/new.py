"""`okrsite new`: one new file from a template, fitted into the site it is run in."""

from __future__ import annotations

import argparse
import re
import shlex
import sys

from okrsite import sitefs
from okrsite.commands.common import EXIT_FINDINGS, EXIT_OK, site_arg
from okrsite.diagnostics import Diagnostic, UsageError, eprint, format_text, quote, use_colour

NAME = "new"


def register(verbs):
    p = verbs.add_parser(
        "new", help="write a new objective, milestone, task or team file from a template",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""\
Write content/<kind>s/ID.md (a team: content/teams/ID.yaml) from a template fitted into the
site: a new objective is in the current quarter; a milestone serves the first key result no
milestone serves yet and runs in the current and next sprint; a task joins the milestone
running today; with teams_required, a team is filled in. Then the new file is checked.

Exit status: 0 the file was written and has no errors, 1 refused (an invalid or used id, an
existing file) or the file needs editing (a placeholder), 2 no site.""",
        epilog="""\
examples:
  okrsite new objective grow-usage --title "Grow weekly usage in big accounts"
  okrsite new milestone usage-report
  okrsite new task write-the-query
  okrsite new team platform --title "Platform team"
""")
    p.add_argument("kind", choices=("objective", "milestone", "task", "team"), help="what to create")
    p.add_argument("id", metavar="ID", help="the new id: lowercase words joined by '-'")
    p.add_argument("--title", help="title (or name for a team)")
    site_arg(p)
    return p


def run(args) -> int:
    from okrsite.config import find_site
    from okrsite.link import MAX_ID_LENGTH, id_suggestion, is_id
    from okrsite.pipeline import check
    from okrsite.scaffold import BUILDERS, KIND_FOLDER, title_from_id, used_ids, write_new

    site_dir = find_site(args.site)
    kind, new_id = args.kind, args.id
    if not is_id(new_id):
        suggestion = id_suggestion(new_id)
        hint = f"; try: okrsite new {kind} {suggestion}" if suggestion else ""
        # a title only when the id looks like one (not for "m9" plus a stray line break)
        wants_title = suggestion and re.search(r"[^a-z0-9-]", new_id.strip()) and not args.title
        title_hint = f" --title {shlex.quote(new_id)}" if wants_title else ""
        shown = new_id.encode("unicode_escape").decode("ascii")  # a line break shows as \n
        why = (f"is longer than {MAX_ID_LENGTH} characters (an id names a folder of the site)"
               if len(new_id) > MAX_ID_LENGTH else
               "is not a valid id: an id is lowercase letters and digits in words joined by '-', like share-referrals")
        eprint(f"okrsite: {quote(shown)} {why}{hint}{title_hint if hint else ''}")
        return EXIT_FINDINGS
    checked = check(site_dir)
    if checked.site is None:
        raise UsageError("okrsite.yaml has problems, so a new file cannot be fitted into the site; "
                         "run okrsite check and fix them first")
    site = checked.site
    used = used_ids(checked)
    if new_id in used:
        eprint(f"okrsite: the id '{new_id}' is already used by {used[new_id]}; ids are unique across the "
               "whole site, whatever the kind: choose another id")
        return EXIT_FINDINGS
    rel = f"content/{KIND_FOLDER[kind]}/{new_id}{'.yaml' if kind == 'team' else '.md'}"
    path = site_dir / rel
    linked = sitefs.linked_folder_on_the_way(site_dir, [rel])
    if linked is not None:
        eprint(f"okrsite: {linked} is a symbolic link; okrsite does not write through links in the site "
               "(okrsite check reports it too): replace it with a folder; nothing was written")
        return EXIT_FINDINGS
    if path.exists():
        eprint(f"okrsite: {rel} already exists; nothing was written")
        return EXIT_FINDINGS
    title = " ".join((args.title or "").split()) or title_from_id(new_id)
    new = BUILDERS[kind](site, new_id, title)
    if kind == "task":
        milestone = re.search(r"^milestone: ([a-z0-9-]+)", new.text, re.MULTILINE)
        if milestone and f"{milestone[1]}/{new_id}" in site.tasks:
            eprint(f"okrsite: milestone '{milestone[1]}' already has a task '{new_id}'; choose another id")
            return EXIT_FINDINGS
    try:
        if not write_new(path, new.text):
            eprint(f"okrsite: {rel} already exists; nothing was written")
            return EXIT_FINDINGS
    except OSError as err:
        raise UsageError(f"cannot write {rel}: {err.strerror or err}") from None

    print(f"wrote {rel}")
    for note in new.notes:
        print(f"  {note}")
    after = check(site_dir)
    mine = [d for d in after.diagnostics if d.location.file == rel]
    return _report_new_file(after, mine, rel)


def _report_new_file(checked, mine: list[Diagnostic], rel: str) -> int:
    errors = [d for d in mine if d.is_error]
    others = [d for d in checked.diagnostics if d.location.file != rel]
    if not mine:
        print(f"okrsite check: {rel} has no problems")
    else:
        print(f"okrsite check found {len(mine)} problem{'s' if len(mine) != 1 else ''} in {rel}:")
        print(format_text(mine, checked.site_dir, use_colour(sys.stdout)), end="")
        if errors:
            print(f"edit {rel} to fix {'them' if len(errors) > 1 else 'it'}; the check and the build fail until then")
    if others:
        print(f"(the rest of the site has {len(others)} other problem{'s' if len(others) != 1 else ''}: "
              "run okrsite check)")
    return EXIT_FINDINGS if errors else EXIT_OK
