"""`okrsite diff` on real git repositories: a sequence of committed edits, compared in every
format (spec section 15), the JSON checked against its shipped schema."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from git_helpers import GitSite
from helpers import CONFIG, run_cli
from support import REPO_ROOT, ToolMissing, require

from okrsite.calendar import Calendar, Sprint
from okrsite.history.compare import compare, sprint_shift
from okrsite.history.records import Record, Schedule
from okrsite.history.report import format_markdown, markdown_failure, md, summary

SCHEMA = json.loads((Path(__file__).parent.parent / "okrsite" / "schemas" / "roadmap-diff.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())

GROWTH = """\
    ---
    title: Grow the player base
    quarter: 2026-Q2
    key_results:
      - id: kr1
        title: Weekly signups
        start: 0
        target: 15
      - id: kr2
        title: Ship the referral programme
    hypotheses:
      - id: h1
        statement: Referrals bring players
        key_results: [kr1]
    ---
    """
TRUST = """\
    ---
    title: Build trust
    quarter: 2026-Q2
    key_results:
      - {id: kr1, title: Ratings per week, start: 100, target: 200, confidence: 0.5}
    ---
    """


def milestone(title: str, when: str = "sprints: [s7, s8]", krs: str = "[growth/kr1, growth/kr2]",
              extra: str = "") -> str:
    return f"---\ntitle: {title}\ntype: epic\nkey_results: {krs}\n{when}\n{extra}---\n"


FIRST = {
    "content/objectives/growth.md": GROWTH,
    "content/objectives/trust.md": TRUST,
    "content/milestones/ms-a.md": milestone("Invite friends"),
    "content/milestones/ms-b.md": milestone("Share links"),
    "content/milestones/ms-c.md": milestone("Referral rewards"),
    "content/milestones/ms-d.md": milestone("Rating form", "start: 2026-04-01\ndue: 2026-04-20", "[trust/kr1]"),
    "content/teams/growth-team.yaml": "name: Growth\n",
    "content/pages/how.md": "---\ntitle: How we work\n---\nText.\n",
    "content/tasks/design.md": "---\ntitle: Design the invite\nmilestone: ms-a\n---\n",
}


@pytest.fixture
def history(tmp_path) -> tuple[GitSite, str, str]:
    """A site committed twice: a plan, then a week of edits of every kind."""
    repo = GitSite(tmp_path)
    repo.write(FIRST)
    base = repo.commit("plan the quarter", "2026-03-20")
    for name in ("ms-a", "ms-b", "ms-c"):
        repo.edit(f"content/milestones/{name}.md", "[s7, s8]", "[s8, s9]")
    repo.edit("content/objectives/growth.md", "target: 15", "target: 12\n    checkins:\n"
              "      - {date: 2026-04-10, value: 5, confidence: 0.7}")
    repo.edit("content/objectives/growth.md", "key_results: [kr1]", "key_results: [kr1, kr2]")
    repo.edit("content/objectives/trust.md", "title: Build trust", "title: Build trust in matches")
    repo.edit("content/objectives/trust.md", "quarter: 2026-Q2", "quarter: 2026-Q3")
    repo.edit("content/milestones/ms-d.md", "type: epic", "type: spike\nstatus: in-progress")
    repo.edit("content/milestones/ms-d.md", "due: 2026-04-20", "due: 2026-04-27")
    repo.move("content/milestones/ms-b.md", "content/milestones/2026-q2/share-links.md")
    repo.edit("content/milestones/2026-q2/share-links.md", "title:", "id: ms-b\ntitle:")
    repo.remove("content/pages/how.md")
    repo.write({"content/milestones/ms-e.md": milestone("Leaderboard", "sprints: [s9]")})
    repo.edit("content/tasks/design.md", "title: Design the invite", "title: Design the invite\nstatus: done")
    head = repo.commit("first week", "2026-04-14")
    return repo, base, head


EXPECTED = [
    {"entity": "growth/h1", "kind": "hypothesis", "change": "relinked",
     "from": {"key_results": ["growth/kr1"]}, "to": {"key_results": ["growth/kr1", "growth/kr2"]}},
    {"entity": "growth/kr1", "kind": "key-result", "change": "confidence", "from": None, "to": 0.7},
    {"entity": "growth/kr1", "kind": "key-result", "change": "current", "from": 0, "to": 5},
    {"entity": "growth/kr1", "kind": "key-result", "change": "target", "from": 15, "to": 12},
    *[{"entity": name, "kind": "milestone", "change": "rescheduled",
       "from": {"start": "2026-03-30", "due": "2026-04-26", "sprints": ["s7", "s8"]},
       "to": {"start": "2026-04-13", "due": "2026-05-10", "sprints": ["s8", "s9"]}, "days": 14, "sprints": 1}
      for name in ("ms-a", "ms-b", "ms-c")],
    {"entity": "ms-a/design", "kind": "task", "change": "status", "from": "todo", "to": "done"},
    {"entity": "ms-d", "kind": "milestone", "change": "rescheduled",
     "from": {"start": "2026-04-01", "due": "2026-04-20"}, "to": {"start": "2026-04-01", "due": "2026-04-27"},
     "days": 7, "sprints": 1},
    {"entity": "ms-d", "kind": "milestone", "change": "retyped", "from": "epic", "to": "spike"},
    {"entity": "ms-d", "kind": "milestone", "change": "status", "from": "planned", "to": "in-progress"},
    {"entity": "ms-e", "kind": "milestone", "change": "added", "to": "Leaderboard"},
    {"entity": "trust", "kind": "objective", "change": "requarter", "from": "2026-Q2", "to": "2026-Q3"},
    {"entity": "trust", "kind": "objective", "change": "retitled", "from": "Build trust", "to": "Build trust in matches"},
    {"entity": "how", "kind": "page", "change": "removed", "from": "How we work"},
]
EXPECTED.sort(key=lambda c: (c["entity"], c["change"]))


def test_the_diff_schema_is_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["format"] == {"const": "okrsite-diff"}


def diff_json(repo: GitSite, capsys, *args: str) -> dict:
    result = repo.run(capsys, "diff", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert list(VALIDATOR.iter_errors(payload)) == []
    return payload


def test_json_lists_every_change_of_a_week_of_edits(history, capsys):
    repo, base, head = history
    payload = diff_json(repo, capsys, base, head)
    assert payload["format"] == "okrsite-diff" and payload["version"] == 1
    assert (payload["base"], payload["head"]) == (base, head)
    assert payload["changes"] == EXPECTED


@pytest.mark.validator
def test_json_output_passes_ajv_strict_and_check_jsonschema(history, capsys, tmp_path):
    repo, base, head = history
    ok = tmp_path / "diff.json"
    ok.write_text(json.dumps(diff_json(repo, capsys, base, head)), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**json.loads(ok.read_text()), "head": "not a commit"}), encoding="utf-8")
    schema = REPO_ROOT / "okrsite" / "schemas" / "roadmap-diff.json"

    def ajv() -> Path:
        path = REPO_ROOT / "node_modules" / ".bin" / "ajv"
        if not path.is_file():
            raise ToolMissing("ajv is not installed: run `npm ci` at the repository root")
        return path

    command = [str(require(ajv)), "validate", "--spec=draft2020", "--strict=true", "-c", "ajv-formats", "-s", str(schema)]
    assert subprocess.run([*command, "-d", str(ok)], capture_output=True, cwd=REPO_ROOT).returncode == 0
    assert subprocess.run([*command, "-d", str(bad)], capture_output=True, cwd=REPO_ROOT).returncode != 0
    check = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema)]
    assert subprocess.run([*check, str(ok)], capture_output=True).returncode == 0
    assert subprocess.run([*check, str(bad)], capture_output=True).returncode != 0


def test_head_defaults_to_the_work_tree_uncommitted_edits_included(history, capsys):
    repo, base, head = history
    payload = diff_json(repo, capsys, base)
    assert payload["head"] == "worktree" and payload["changes"] == EXPECTED
    repo.edit("content/milestones/ms-e.md", "[s9]", "[s9, s10]")
    later = diff_json(repo, capsys, head)
    assert later["changes"] == [{
        "entity": "ms-e", "kind": "milestone", "change": "rescheduled",
        "from": {"start": "2026-04-27", "due": "2026-05-10", "sprints": ["s9"]},
        "to": {"start": "2026-04-27", "due": "2026-05-24", "sprints": ["s9", "s10"]}, "days": 14, "sprints": 1}]


def test_a_renamed_or_moved_file_with_its_id_kept_is_no_change(tmp_path, capsys):
    repo = GitSite(tmp_path)
    repo.write(FIRST)
    base = repo.commit("plan", "2026-03-20")
    repo.move("content/milestones/ms-a.md", "content/milestones/deep/folder/invite-friends.md")
    repo.edit("content/milestones/deep/folder/invite-friends.md", "title:", "id: ms-a\ntitle:")
    repo.move("content/objectives/trust.md", "content/objectives/2026-q2/trust.md")
    repo.move("content/tasks/design.md", "content/tasks/ms-a/design.md")
    head = repo.commit("reorganise folders", "2026-03-21")
    for args in ((base, head), (base,)):
        payload = diff_json(repo, capsys, *args)
        assert payload["changes"] == []
        assert payload["summary"] == "no changes to the roadmap"
    text = repo.run(capsys, "diff", base)
    assert text.returncode == 0 and "no changes to the roadmap" in text.stdout


def test_markdown_is_a_summary_line_then_a_table_per_kind(history, capsys):
    repo, base, head = history
    result = repo.run(capsys, "diff", base, head, "--format", "markdown")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "## Roadmap changes"
    assert lines[2].startswith("4 milestones slip by one sprint; KR growth/kr1 target lowered 15 -&gt; 12")
    assert "1 milestone added; 1 page removed; 1 milestone now in-progress" in lines[2]
    assert lines[2].endswith("and 5 more kinds of change")  # the rest is in the tables
    headings = [line for line in lines if line.startswith("### ")]
    assert headings == ["### Objectives (2)", "### Key results (3)", "### Hypotheses (1)", "### Milestones (7)",
                        "### Tasks (1)", "### Pages (1)"]
    table = lines[lines.index("### Milestones (7)") + 2:]
    assert table[0] == "| Milestone | Change | Before | After |" and table[1] == "| --- | --- | --- | --- |"
    assert ("| `ms-a` Invite friends | rescheduled | s7–s8 (Mar 30 – Apr 26, 2026) | "
            "s8–s9 (Apr 13 – May 10, 2026) — **slips 14 days (1 sprint)** |") in table
    assert "| `ms-d` Rating form | rescheduled | Apr 1 – Apr 20, 2026 | Apr 1 – Apr 27, 2026 — " \
           "**slips 7 days (1 sprint); start unchanged** |" in table
    assert "| `ms-e` Leaderboard | added |  |  |" in table


def test_text_groups_changes_by_entity(history, capsys):
    repo, base, head = history
    result = repo.run(capsys, "diff", base, head)
    assert result.returncode == 0
    out = result.stdout
    assert out.splitlines()[0] == f"okrsite diff {base[:10]}..{head[:10]}: " + summary_of(repo, capsys, base, head)
    assert "milestone ms-d: Rating form\n  rescheduled Apr 1 – Apr 20, 2026 -> Apr 1 – Apr 27, 2026, " \
           "slips 7 days (1 sprint); start unchanged\n  retyped epic -> spike\n  status planned -> in-progress\n" in out
    assert "key-result growth/kr1: Weekly signups\n  confidence none -> 0.7\n  current 0 -> 5\n  target 15 -> 12\n" in out
    assert "page how: How we work\n  removed\n" in out


def summary_of(repo, capsys, base, head) -> str:
    return diff_json(repo, capsys, base, head)["summary"]


def test_hostile_titles_are_escaped_in_every_format(tmp_path, capsys):
    repo = GitSite(tmp_path)
    repo.write(FIRST)
    base = repo.commit("plan", "2026-03-20")
    hostile = '"<script>alert(1)</script> | *x* [a](javascript:x) @team \\e[31mred"'
    repo.edit("content/milestones/ms-a.md", "title: Invite friends", f"title: {hostile}")
    repo.commit("retitle", "2026-03-21")
    md_out = repo.run(capsys, "diff", base, "HEAD", "--format", "markdown").stdout
    row = next(line for line in md_out.splitlines() if line.startswith("| `ms-a`"))
    assert "<script>" not in md_out and "&lt;script&gt;" in row
    assert row.count(" | ") == 3  # four cells: the title's | cannot add one, it is escaped as \|
    assert "\\*x\\*" in row and "\\[a\\]" in row and "&#64;team" in row
    assert "\x1b" not in md_out and "\\\\x1b\\[31mred" in row
    text_out = repo.run(capsys, "diff", base, "HEAD").stdout
    assert "\x1b" not in text_out and "\\x1b[31mred" in text_out
    payload = diff_json(repo, capsys, base, "HEAD")
    assert payload["changes"][0]["to"] == "<script>alert(1)</script> | *x* [a](javascript:x) @team \x1b[31mred"


def test_sprints_are_counted_by_an_irregular_calendar(tmp_path, capsys):
    config = ("title: Irregular\ntoday: 2026-05-12\ncalendar:\n  sprints:\n"
              "    - {id: a, start: 2026-04-01, end: 2026-04-10}\n"
              "    - {id: b, start: 2026-04-13, end: 2026-04-30}\n"
              "    - {id: c, start: 2026-05-04, end: 2026-05-08}\n")
    repo = GitSite(tmp_path, config=config)
    repo.write({"content/objectives/growth.md": GROWTH,
                "content/milestones/ms-a.md": milestone("Invite", "sprints: [a]"),
                "content/milestones/ms-b.md": milestone("Share", "start: 2026-04-02\ndue: 2026-04-05")})
    base = repo.commit("plan", "2026-03-20")
    repo.edit("content/milestones/ms-a.md", "[a]", "[c]")                   # 28 days, two sprints later
    repo.edit("content/milestones/ms-b.md", "due: 2026-04-05", "due: 2026-04-11")  # a gap: no sprint start crossed
    repo.commit("move", "2026-03-21")
    changes = {c["entity"]: c for c in diff_json(repo, capsys, base, "HEAD")["changes"]}
    assert (changes["ms-a"]["days"], changes["ms-a"]["sprints"]) == (28, 2)
    assert (changes["ms-b"]["days"], changes["ms-b"]["sprints"]) == (6, 0)


def test_a_site_in_a_sub_folder_and_a_base_without_the_site(tmp_path, capsys):
    repo = GitSite(tmp_path, config=None, sub="roadmap")
    repo.write({"README.md": "not the site\n"})
    empty = repo.commit("start the repository", "2026-03-01")
    repo.write({"okrsite.yaml": CONFIG, "content/objectives/growth.md": GROWTH,
                "content/milestones/ms-a.md": milestone("Invite friends")})
    repo.commit("add the roadmap", "2026-03-02")
    result = repo.run(capsys, "diff", empty, "HEAD", "--format", "json")
    assert result.returncode == 0
    added = json.loads(result.stdout)["changes"]
    assert {c["entity"] for c in added} == {"growth", "growth/kr1", "growth/kr2", "growth/h1", "ms-a"}
    assert {c["change"] for c in added} == {"added"}
    assert "has no roadmap/okrsite.yaml" in result.stderr
    # run from inside the sub-folder, without --site
    inside = run_cli("diff", empty, cwd=repo.site)
    assert inside.returncode == 0 and "5 " not in inside.stdout.splitlines()[0][:3]
    assert "1 objective added" in inside.stdout and "1 milestone added" in inside.stdout


def test_a_file_with_errors_is_neither_added_nor_removed(tmp_path, capsys):
    repo = GitSite(tmp_path)
    repo.write(FIRST)
    base = repo.commit("plan", "2026-03-20")
    repo.write({"content/milestones/ms-c.md": "---\ntitle: [unclosed\n---\n"})
    repo.edit("content/milestones/ms-a.md", "type: epic", "type: spike")
    result = repo.run(capsys, "diff", base, "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["changes"] == [
        {"entity": "ms-a", "kind": "milestone", "change": "retyped", "from": "epic", "to": "spike"}]
    assert result.stderr.strip() == ("okrsite: note: HEAD (the work tree) has 1 error; what is in files with "
                                     "errors is left out (okrsite check shows them)")


def test_bad_revisions_and_no_git_exit_2_with_one_line(tmp_path, history, capsys):
    repo, base, head = history
    for args in (("no-such-branch",), (base, "nope~3"), ("--", base)):
        result = repo.run(capsys, "diff", *args)
        assert result.returncode == 2, result
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) in (1, 2)  # argparse adds a usage line to its own errors
    result = repo.run(capsys, "diff", "no-such-branch")
    assert result.stderr.strip().splitlines() == [
        f"okrsite: BASE 'no-such-branch' is not a commit in the repository at {repo.root}; "
        "give a branch, tag or commit id (git log --oneline lists them)"]
    as_json = repo.run(capsys, "diff", base, "no-such", "--format", "json")
    assert as_json.returncode == 2
    payload = json.loads(as_json.stdout)
    assert payload["error"].startswith("HEAD 'no-such' is not a commit") and list(VALIDATOR.iter_errors(payload)) == []
    as_markdown = repo.run(capsys, "diff", base, "no-such", "--format", "markdown")  # for a job summary
    assert as_markdown.returncode == 2
    reason = f"HEAD 'no-such' is not a commit in the repository at {repo.root}; give a branch, tag or commit id " \
             "(git log --oneline lists them)"
    assert as_markdown.stdout == f"## Roadmap changes\n\nNo comparison: {md(reason)}\n"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "okrsite.yaml").write_text(CONFIG, encoding="utf-8")
    result = run_cli("diff", "HEAD", "--site", str(outside), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"okrsite: {outside} is not inside a git repository: okrsite diff compares git revisions of a site; "
        "run it in a git checkout (or pass --site DIR)"]


def test_diff_never_touches_the_work_tree_or_index(history, capsys):
    repo, base, head = history
    repo.edit("content/milestones/ms-e.md", "[s9]", "[s10]")  # uncommitted
    repo.git("add", "content/milestones/ms-e.md")
    before = (repo.git("status", "--porcelain=v2", "--branch"), repo.git("diff", "--cached"),
              sorted(p.name for p in repo.site.rglob("*")))
    assert repo.run(capsys, "diff", base, head).returncode == 0
    assert repo.run(capsys, "diff", base).returncode == 0
    after = (repo.git("status", "--porcelain=v2", "--branch"), repo.git("diff", "--cached"),
             sorted(p.name for p in repo.site.rglob("*")))
    assert before == after


# --- the comparison itself ---------------------------------------------------------------------

def test_grades_and_kr_status_are_compared_when_present():
    calendar = Calendar()
    old = {"o/kr1": Record("o/kr1", "key-result", "KR", grade=None, status=None)}
    new = {"o/kr1": Record("o/kr1", "key-result", "KR", grade=0.7, status="done")}
    changes = compare(old, new, calendar)
    assert [(c.change, c.before, c.after) for c in changes] == [("grade", None, 0.7), ("status", None, "done")]
    assert summary(changes) == "KR o/kr1 graded 0.7; 1 key result now done"


def test_sprint_shift_counts_sprint_starts_crossed():
    regular = Calendar(1, dt.date(2026, 1, 5), 14)
    day = dt.date(2026, 4, 26)  # last day of s8
    assert sprint_shift(regular, day, day + dt.timedelta(days=14)) == 1
    assert sprint_shift(regular, day, day + dt.timedelta(days=1)) == 1   # into the next sprint
    assert sprint_shift(regular, day - dt.timedelta(days=5), day) == 0  # within s8
    assert sprint_shift(regular, day, day - dt.timedelta(days=28)) == -2
    assert sprint_shift(regular, dt.date(2025, 12, 1), dt.date(2025, 12, 15)) == 1  # before s1: same cadence
    assert sprint_shift(Calendar(), day, day + dt.timedelta(days=30)) is None


def test_unscheduling_and_scheduling_have_no_shift():
    calendar = Calendar(1, dt.date(2026, 1, 5), 14)
    planned = Schedule(dt.date(2026, 4, 13), dt.date(2026, 4, 26), ("s8", "s8"))
    old = {"m": Record("m", "milestone", "M", schedule=planned)}
    new = {"m": Record("m", "milestone", "M", schedule=None)}
    (change,) = compare(old, new, calendar)
    assert change.as_json() == {"entity": "m", "kind": "milestone", "change": "rescheduled",
                                "from": {"start": "2026-04-13", "due": "2026-04-26", "sprints": ["s8"]},
                                "to": None}
    assert summary([change]) == "1 milestone unscheduled"
    assert summary(compare(new, old, calendar)) == "1 milestone scheduled"


def test_summary_groups_slips_and_caps_its_length():
    calendar = Calendar(1, dt.date(2026, 1, 5), 14)
    s = lambda a, b: Schedule(dt.date(2026, 4, a), dt.date(2026, 4, b))  # noqa: E731
    old = {f"m{i}": Record(f"m{i}", "milestone", "M", schedule=s(13, 26)) for i in range(5)}
    new = dict(old)
    new["m0"] = Record("m0", "milestone", "M", schedule=s(13, 28))   # crosses into s9
    new["m1"] = Record("m1", "milestone", "M", schedule=s(13, 28))
    new["m2"] = Record("m2", "milestone", "M", schedule=s(1, 12))    # one sprint earlier
    new["m3"] = Record("m3", "milestone", "M", schedule=s(13, 24))   # two days earlier, same sprint
    assert summary(compare(old, new, calendar)) == (
        "2 milestones slip by one sprint; 1 milestone moves earlier by one sprint; 1 milestone moves 2 days earlier")
    many = {f"x{i}": Record(f"x{i}", kind, "T") for i, kind in enumerate(("objective", "milestone", "task", "team", "page"))}
    statuses = {f"y{i}": Record(f"y{i}", "milestone", "T", status=st) for i, st in enumerate(("a", "b", "c", "d", "e"))}
    before = {k: Record(k, "milestone", "T", status="planned") for k in statuses}
    line = summary(compare(before, {**many, **statuses}, calendar))
    assert line.count(";") == 7 and line.endswith("and 3 more kinds of change")


def test_markdown_cells_escape_everything_that_formats():
    assert md("a|b") == "a\\|b"
    assert md("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert md("two\nlines") == "two lines"
    assert md("`code` *em* _u_ [l](x) ~s~ \\") == "\\`code\\` \\*em\\* \\_u\\_ \\[l\\](x) \\~s\\~ \\\\"


def test_markdown_stays_under_the_job_summary_limit():
    """A bulk import adds thousands of entities: the tables stop before GitHub's 1 MiB limit and
    say how many changes are left out; below the limit nothing is cut."""
    calendar = Calendar(1, dt.date(2026, 1, 5), 14)
    new = {f"m{i:05d}": Record(f"m{i:05d}", "milestone", "A milestone with a long title " * 4) for i in range(20000)}
    new.update({f"t{i:05d}": Record(f"t{i:05d}", "task", "T") for i in range(10)})
    changes = compare({}, new, calendar)
    text = format_markdown(changes, "a" * 40, "b" * 40)
    assert 900_000 < len(text.encode()) < 1_000_000
    rows = [line for line in text.splitlines() if line.startswith("| `m")]
    lines = text.splitlines()
    assert lines[2] == "20000 milestones added; 10 tasks added"
    note = f"{20010 - len(rows):,} more changes not shown (a job summary is limited to 1 MiB); " \
           "run `okrsite diff aaaaaaaaaa bbbbbbbbbb` for all of them."
    assert lines[-3:] == [note, "", "<sub>okrsite diff `aaaaaaaaaa`..`bbbbbbbbbb`</sub>"]
    assert "### Tasks" not in text  # the kinds after the cut are counted in the note, not half shown
    small = format_markdown(changes[:50], "a" * 40, "worktree")
    assert "more changes not shown" not in small and small.count("| `m") == 50
    assert format_markdown(changes, "a" * 40, "worktree", limit=3000).count("run `okrsite diff aaaaaaaaaa` for all")


def test_markdown_failure_says_why_as_text():
    assert markdown_failure("BASE 'x<b>|' is not a commit") == \
        "## Roadmap changes\n\nNo comparison: BASE 'x&lt;b&gt;\\|' is not a commit\n"


def test_grades_kr_status_and_parent_from_the_planning_model(tmp_path, capsys):
    repo = GitSite(tmp_path)
    company = ("---\ntitle: Become the game players recommend\nquarter: 2026\nkey_results:\n"
               "  - {id: kr1, title: NPS from 31 to 45, start: 31, target: 45}\n---\n")
    repo.write({**FIRST, "content/objectives/company.md": company,
                "content/milestones/ms-f.md": milestone("NPS survey", krs="[company/kr1]")})
    base = repo.commit("plan", "2026-03-20")
    repo.edit("content/objectives/growth.md", "    target: 15", "    target: 15\n    grade: 0.6\n    status: done")
    repo.edit("content/objectives/growth.md", "quarter: 2026-Q2", "quarter: 2026-Q2\nparent: company")
    repo.commit("close the quarter", "2026-07-02")
    changes = [c for c in diff_json(repo, capsys, base, "HEAD")["changes"] if c["entity"].startswith("growth")]
    assert changes == [
        {"entity": "growth", "kind": "objective", "change": "relinked", "from": {"parent": None},
         "to": {"parent": "company"}},
        {"entity": "growth/kr1", "kind": "key-result", "change": "grade", "from": None, "to": 0.6},
        {"entity": "growth/kr1", "kind": "key-result", "change": "status", "from": None, "to": "done"},
    ]
    text = repo.run(capsys, "diff", base, "HEAD").stdout
    assert "KR growth/kr1 graded 0.6" in text.splitlines()[0]
    assert "objective growth: Grow the player base\n  relinked parent: none -> parent: company\n" in text
