"""`okrsite check` as a user runs it: exit status, formats, --strict, and hostile input without tracebacks.

Every test here runs the real command in a subprocess.
"""

from __future__ import annotations

import json
import os
import shutil
import sys

import pytest

from okrsite.commands import VERBS
from helpers import CONFIG, MILESTONE, OBJECTIVE, check_json, fixture, make_site, run_cli

BASE = {"content/objectives/build-trust.md": OBJECTIVE, "content/milestones/feedback-form.md": MILESTONE}


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr


# --- exit status ------------------------------------------------------------------------------------

def test_clean_site_exits_0_with_a_summary():
    result = run_cli("check", "--site", str(fixture("clean")))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "ok: 0 errors, 0 warnings in 7 files\n" and result.stderr == ""


def test_errors_exit_1_and_show_the_source_line_with_a_caret():
    result = run_cli("check", "--site", str(fixture("schema-enum")))
    assert result.returncode == 1
    assert result.stdout.splitlines()[:3] == [
        "content/milestones/feedback-form.md:3:7: error[schema] type: 'epik' is not allowed; use one of epic, "
        "spike, enabler, signal-test; did you mean 'epic'?",
        "  3 | type: epik",
        "    |       ^^^^"]
    assert result.stdout.endswith("failed: 1 error, 0 warnings in 3 files\n")


def test_warnings_alone_exit_0():
    result = run_cli("check", "--site", str(fixture("kr-without-milestone")))
    assert result.returncode == 0 and "warning[kr-without-milestone]" in result.stdout
    assert result.stdout.endswith("ok: 0 errors, 1 warning in 2 files\n")


def test_strict_makes_warnings_fail():
    result = run_cli("check", "--site", str(fixture("kr-without-milestone")), "--strict")
    assert result.returncode == 1 and result.stdout.endswith("failed: 0 errors, 1 warning in 2 files\n")


def test_check_runs_in_the_current_folder_by_default():
    result = run_cli("check", cwd=fixture("clean"))
    assert result.returncode == 0


def test_missing_okrsite_yaml_is_one_line_and_exit_2(tmp_path):
    shutil.copytree(fixture("no-config"), tmp_path / "no-config")  # outside this repository's own site
    result = run_cli("check", cwd=tmp_path / "no-config")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("okrsite: no okrsite.yaml here or in any parent folder")


@pytest.mark.parametrize("verb", ["check", "build", "export --format csv", "new team ops"])
def test_commands_find_okrsite_yaml_in_a_parent_folder(tmp_path, verb):
    site = make_site(tmp_path, BASE)
    deep = site / "content" / "milestones"
    result = run_cli(*verb.split(), cwd=deep)
    assert result.returncode == 0, result.stdout + result.stderr
    if verb == "build":
        assert (site / "public" / "index.html").is_file() and not (deep / "public").exists()
    if verb.startswith("new"):
        assert (site / "content" / "teams" / "ops.yaml").is_file()
        assert result.stdout.startswith("wrote content/teams/ops.yaml")


def test_an_explicit_site_is_not_searched_upwards(tmp_path):
    site = make_site(tmp_path, BASE)
    result = run_cli("check", "--site", str(site / "content"))
    assert result.returncode == 2 and f"no okrsite.yaml in {site / 'content'}" in result.stderr


@pytest.mark.parametrize("typed, meant", [("buld", "build"), ("chek", "check"), ("serv", "serve"),
                                          ("exprot", "export"), ("imprt-csv", "import-csv")])
def test_a_mistyped_command_gets_the_nearest_one(typed, meant):
    result = run_cli(typed)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"okrsite: unknown command '{typed}'; did you mean '{meant}'? (see okrsite --help)"


def test_a_command_nothing_like_any_lists_them_all():
    result = run_cli("frobnicate")
    assert result.returncode == 2
    names = ", ".join(verb.NAME for verb in VERBS)
    assert f"unknown command 'frobnicate'; the commands are {names} (see okrsite --help)" in result.stderr


def test_a_mistyped_option_gets_the_nearest_one(tmp_path):
    result = run_cli("check", "--stict", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1  # one line, pointing at --help
    assert result.stderr.splitlines()[-1] == ("okrsite: error: unrecognized arguments: --stict; did you mean --strict? "
                                              "(see okrsite check --help)")


@pytest.mark.parametrize("verb", [verb.NAME for verb in VERBS])
def test_every_command_has_a_description_and_examples(verb):
    result = run_cli(verb, "--help")
    assert result.returncode == 0
    text = result.stdout
    description = text.split("\n\n")[1]  # after the usage
    assert not description.lstrip().startswith(("positional arguments", "options")), text
    assert len(description.split()) >= 12, description
    assert "\nexamples:\n" in text
    for line in text.split("examples:")[-1].splitlines()[1:]:
        if line.strip():
            assert line.strip().startswith(("okrsite ", "cd ")), line


def test_top_level_help_points_at_command_help():
    result = run_cli("--help")
    assert "okrsite COMMAND --help" in result.stdout and "finds it from any folder inside" in result.stdout


def test_site_that_does_not_exist_is_one_line_and_exit_2(tmp_path):
    result = run_cli("check", "--site", str(tmp_path / "nonexistent"))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"okrsite: --site {tmp_path / 'nonexistent'}: does not exist; pass the folder that holds okrsite.yaml\n"


def test_okrsite_yaml_that_is_a_folder_exits_2(tmp_path):
    (tmp_path / "okrsite.yaml").mkdir()
    result = run_cli("check", "--site", str(tmp_path))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert_no_traceback(result)


@pytest.mark.parametrize("args", [
    ["check", "--format", "xml"], ["check", "--bogus"], ["check", "--site"], ["chek"], [],
])
def test_bad_flags_exit_2_without_a_traceback(args):
    result = run_cli(*args, cwd=fixture("clean"))
    assert result.returncode == 2
    assert_no_traceback(result)
    assert "okrsite" in result.stderr + result.stdout


def test_bad_flag_message_points_at_help():
    result = run_cli("check", "--format", "xml", cwd=fixture("clean"))
    assert result.stderr.splitlines()[-1] == (
        "okrsite: error: argument --format: invalid choice: 'xml' (choose from 'text', 'github', 'json', 'sarif') "
        "(see okrsite check --help)")
    near = run_cli("check", "--format", "jsn", cwd=fixture("clean"))
    assert near.stderr.splitlines()[-1].endswith("; did you mean 'json'? (see okrsite check --help)")


def test_help_describes_every_option_and_the_exit_status():
    result = run_cli("check", "--help")
    assert result.returncode == 0
    for text in ("--site DIR", "--strict", "--format {text,github,json,sarif}", "0 clean", "2 could not run"):
        assert text in " ".join(result.stdout.split()), text


def test_top_level_help_and_version():
    assert "check" in run_cli("--help").stdout
    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout.startswith("okrsite ")


def test_unusable_source_date_epoch_exits_2(tmp_path):
    site = make_site(tmp_path, BASE, config="title: T\ncalendar:\n  sprints: {start: 2026-01-05, length_days: 14}\n")
    result = run_cli("check", "--site", str(site), env={"SOURCE_DATE_EPOCH": "tomorrow"})
    assert result.returncode == 2 and "SOURCE_DATE_EPOCH" in result.stderr
    assert_no_traceback(result)


# --- formats -----------------------------------------------------------------------------------------

def test_json_format_is_one_object_with_counts_and_positions():
    status, payload, _ = check_json(fixture("unknown-ref"))
    assert status == 1
    assert payload == {"format": "okrsite-check", "version": 1, "errors": 1, "warnings": 0, "diagnostics": [{
        "code": "unknown-ref", "severity": "error",
        "message": "key_results: no key result has the id 'build-trust/kr9'; did you mean 'build-trust/kr1'?",
        "file": "content/milestones/feedback-form.md", "line": 4, "column": 32,
        # the fixture lies inside this repository: `path` starts at its root, like --format github's file=
        "path": "tests/sites/unknown-ref/content/milestones/feedback-form.md"}]}


def test_json_format_of_a_clean_site():
    status, payload, stderr = check_json(fixture("clean"))
    assert (status, payload, stderr) == (0, {"format": "okrsite-check", "version": 1, "errors": 0, "warnings": 0,
                                             "diagnostics": []}, "")


def test_json_path_is_the_github_file_and_file_stays_site_relative(tmp_path):
    (tmp_path / ".git").mkdir()
    site = make_site(tmp_path / "docs", {**BASE, "content/milestones/feedback-form.md": MILESTONE.replace("s8]", "s8x]")})
    _, payload, _ = check_json(site)
    [d] = payload["diagnostics"]
    assert d["file"] == "content/milestones/feedback-form.md"
    assert d["path"] == "docs/site/content/milestones/feedback-form.md"
    github = run_cli("check", "--site", str(site), "--format", "github").stdout
    assert github.startswith(f"::error file={d['path']},line={d['line']},col={d['column']},title={d['code']}::")


def test_github_format_prints_workflow_commands(tmp_path):
    site = make_site(tmp_path, {**BASE, "content/milestones/feedback-form.md": MILESTONE.replace("s8]", "s8x]")})
    result = run_cli("check", "--site", str(site), "--format", "github")
    assert result.returncode == 1
    assert result.stdout == ("::error file=content/milestones/feedback-form.md,line=5,col=15,title=unknown-sprint::"
                             "the calendar has no sprint 's8x'; did you mean 's8'?\n")


def test_github_format_paths_start_at_the_repository_root(tmp_path):
    (tmp_path / ".git").mkdir()
    site = make_site(tmp_path / "docs", {**BASE, "content/milestones/feedback-form.md": MILESTONE.replace("s8]", "s8x]")})
    result = run_cli("check", "--site", str(site), "--format", "github")
    assert result.stdout.startswith("::error file=docs/site/content/milestones/feedback-form.md,line=5,col=15,")


def test_github_format_with_warnings_under_strict_fails():
    result = run_cli("check", "--site", str(fixture("outside-quarter")), "--format", "github", "--strict")
    assert result.returncode == 1
    # the fixture lies inside this repository: paths start at its root, as GitHub needs
    assert result.stdout.startswith("::warning file=tests/sites/outside-quarter/content/milestones/feedback-form.md,"
                                    "line=5,col=10,title=outside-quarter::")


# --- every fixture site: the documented diagnostic at the right place ----------------------------------

FIXTURES = [
    ("yaml-syntax-front-matter", "yaml-syntax", "content/milestones/feedback-form.md", 5, 12),
    ("yaml-syntax-yaml-file", "yaml-syntax", "content/teams/matchmaking.yaml", 3, 5),
    ("schema-unknown-field", "schema", "content/milestones/feedback-form.md", 5, 1),
    ("schema-missing-field", "schema", "content/milestones/feedback-form.md", 2, 1),
    ("schema-enum", "schema", "content/milestones/feedback-form.md", 3, 7),
    ("schema-wrong-type", "schema", "content/milestones/feedback-form.md", 5, 8),
    ("schema-bad-id", "schema", "content/milestones/feedback-form.md", 2, 5),
    ("duplicate-id", "duplicate-id", "content/milestones/2026-q2/history-cache.md", 1, 1),
    ("unknown-ref", "unknown-ref", "content/milestones/feedback-form.md", 4, 32),
    ("unknown-ref-wikilink", "unknown-ref", "content/milestones/feedback-form.md", 8, 34),
    ("unknown-ref-md-link", "unknown-ref", "content/milestones/feedback-form.md", 7, 17),
    ("wrong-kind-ref", "wrong-kind-ref", "content/milestones/feedback-form.md", 4, 32),
    ("unknown-sprint", "unknown-sprint", "content/milestones/feedback-form.md", 5, 15),
    ("bad-dates-due-before-start", "bad-dates", "content/milestones/feedback-form.md", 6, 6),
    ("bad-dates-reversed-sprints", "bad-dates", "content/milestones/feedback-form.md", 5, 10),
    ("bad-dates-impossible", "bad-dates", "content/milestones/feedback-form.md", 5, 8),
    ("dependency-cycle", "dependency-cycle", "content/milestones/alpha.md", 5, 14),
    ("kr-without-milestone", "kr-without-milestone", "content/objectives/build-trust.md", 5, 9),
    ("outside-quarter", "outside-quarter", "content/milestones/feedback-form.md", 5, 10),
    ("starts-before-dependency", "starts-before-dependency", "content/milestones/feedback-form.md", 6, 14),
    ("task-outside-milestone", "task-outside-milestone", "content/milestones/feedback-form.md", 10, 13),
    ("unknown-file-type", "schema", "content/milestones/notes.txt", 1, 1),
    ("misplaced-file", "schema", "content/drafts/idea.md", 1, 1),
    ("config-error", "schema", "okrsite.yaml", 3, 1),
]


@pytest.mark.parametrize("case, code, file, line, column", FIXTURES, ids=[f[0] for f in FIXTURES])
def test_fixture_site_gives_its_diagnostic_through_the_cli(case, code, file, line, column):
    status, payload, stderr = check_json(fixture(case))
    warning = code in ("kr-without-milestone", "outside-quarter", "starts-before-dependency", "task-outside-milestone")
    assert status == (0 if warning else 1) and stderr == ""
    assert [(d["code"], d["file"], d["line"], d["column"]) for d in payload["diagnostics"]] == [(code, file, line, column)]


# --- hostile input: the documented diagnostic, never a traceback ---------------------------------------

BOMB = "\n".join(["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
                 + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]) + "\n"
MS = "content/milestones/feedback-form.md"
OB = "content/objectives/build-trust.md"

HOSTILE = [
    # name, files added to a clean two-file site, expected (code, file, line, column) or None for clean
    ("invalid-utf8", {MS: MILESTONE.encode().replace(b"form\n", b"form \xff\xfe\n")}, ("yaml-syntax", MS, 2, 40)),
    ("latin-1-file", {MS: MILESTONE.replace("Email", "Émail").encode("latin-1")}, ("yaml-syntax", MS, 2, 8)),
    ("utf-16-file", {"content/teams/t.yaml": "name: T\n".encode("utf-16")}, ("yaml-syntax", "content/teams/t.yaml", 1, 1)),
    ("impossible-date", {MS: MILESTONE.replace("sprints: [s7, s8]", "start: 2026-02-30\ndue: 2026-04-01")},
     ("bad-dates", MS, 5, 8)),
    ("year-one", {MS: MILESTONE.replace("sprints: [s7, s8]", "start: 0001-01-01\ndue: 2026-04-01")},
     ("bad-dates", MS, 5, 8)),
    ("python-tag", {MS: MILESTONE.replace("title: Email-based match feedback form",
                                          "title: !!python/object/apply:os.system ['touch /tmp/okrsite-pwned']")},
     ("yaml-syntax", MS, 2, 8)),
    ("alias-bomb", {"content/teams/bomb.yaml": BOMB}, ("yaml-syntax", "content/teams/bomb.yaml", 1, 1)),
    ("id-escaping-folders", {MS: MILESTONE.replace("---\ntitle", "---\nid: ../../etc\ntitle")}, ("schema", MS, 2, 5)),
    ("file-named-dot-dot-md", {"content/milestones/..md": MILESTONE}, None),
    ("yaml-syntax-error", {MS: MILESTONE.replace("type: epic", "type: [epic")}, ("yaml-syntax", MS, 4, 12)),
    ("unknown-file-type", {"content/milestones/notes.docx": b"PK\x03\x04\x00"},
     ("schema", "content/milestones/notes.docx", 1, 1)),
    ("empty-md-file", {"content/milestones/empty.md": b""}, ("schema", "content/milestones/empty.md", 1, 1)),
    ("empty-yaml-file", {"content/teams/empty.yaml": b""}, ("schema", "content/teams/empty.yaml", 1, 1)),
    ("bom-crlf-clean", {MS: b"\xef\xbb\xbf" + MILESTONE.encode().replace(b"\n", b"\r\n")}, None),
    ("bom-crlf-error", {MS: b"\xef\xbb\xbf" + MILESTONE.replace("epic", "epik").encode().replace(b"\n", b"\r\n")},
     ("schema", MS, 3, 7)),
    ("tab-indented-yaml", {"content/teams/t.yaml": "name: T\nmembers:\n\t- Eve\n"},
     ("yaml-syntax", "content/teams/t.yaml", 3, 1)),
    ("tabs-in-markdown", {MS: MILESTONE + "\tindented code\n- list\n\t- nested\n"}, None),
    ("nul-byte", {MS: MILESTONE.replace("epic", "ep\x00ic")}, ("yaml-syntax", MS, 3, 9)),
    ("deep-nesting", {"content/teams/t.yaml": "name: " + "[" * 5000 + "]" * 5000 + "\n"},
     ("yaml-syntax", "content/teams/t.yaml", 1, 6 + 100)),  # the mapping is level 1
    ("deep-block-nesting", {"content/teams/t.yaml": "".join(" " * i + "a:\n" for i in range(250)) + " " * 250 + "b\n"},
     ("yaml-syntax", "content/teams/t.yaml", 101, 101)),
    ("front-matter-never-closed", {MS: "---\ntitle: M\n"}, ("yaml-syntax", MS, 1, 1)),
    ("huge-sprint-number", {MS: MILESTONE.replace("s8]", "s99999]")}, ("unknown-sprint", MS, 5, 15)),
    ("ancient-quarter", {"content/objectives/build-trust.md": OBJECTIVE.replace("2026-Q2", "0000-Q1")},
     ("schema", "content/objectives/build-trust.md", 3, 10)),
    ("huge-number", {MS: MILESTONE.replace("sprints", "votes: 1" + "0" * 400 + "\nsprints")}, ("schema", MS, 5, 8)),
    ("infinity", {"content/objectives/build-trust.md": OBJECTIVE.replace("target: 2400", "target: .inf")},
     ("schema", "content/objectives/build-trust.md", 8, 13)),
    ("directory-named-like-a-file", {"content/milestones/folder.md/.keep": b""}, None),
    ("content-is-a-file", {"content": "oops"}, ("schema", "content", 1, 1)),
    # ids and patterns: "$" in a JSON Schema pattern is the very end, not also before a final newline
    ("id-trailing-newline", {MS: MILESTONE.replace("---\ntitle", '---\nid: "feedback-form\\n"\ntitle')},
     ("schema", MS, 2, 5)),
    ("quarter-trailing-newline", {OB: OBJECTIVE.replace("2026-Q2", '"2026-Q2\\n"')}, ("schema", OB, 3, 10)),
    ("sprint-trailing-newline", {MS: MILESTONE.replace("s8]", '"s8\\n"]')}, ("unknown-sprint", MS, 5, 15)),
    ("team-id-trailing-newline", {"content/teams/t.yaml": 'id: "t\\n"\nname: T\n'},
     ("schema", "content/teams/t.yaml", 1, 5)),
    ("task-id-trailing-newline",
     {MS: MILESTONE.replace("s8]\n", 's8]\ntasks:\n  - title: T\n    id: "t\\n"\n')}, ("schema", MS, 8, 9)),
    ("page-id-trailing-newline", {"content/pages/p.md": '---\nid: "p\\n"\ntitle: P\n---\n'},
     ("schema", "content/pages/p.md", 2, 5)),
    ("file-stem-trailing-newline", {"content/milestones/other\n.md": MILESTONE.replace("feedback form", "other")},
     ("schema", "content/milestones/other\n.md", 1, 1)),
    ("language-trailing-newline", {"okrsite.yaml": CONFIG + 'language: "en\\n"\n'}, ("schema", "okrsite.yaml", 5, 11)),
    # explicit standard tags with values they do not fit: a yaml-syntax error at the value
    *((f"tag-{name}", {MS: MILESTONE.replace("sprints", f"votes: {value}\nsprints")}, ("yaml-syntax", MS, 5, 8))
      for name, value in [("int", "!!int abc"), ("float", "!!float 1e"), ("bool", "!!bool maybe"),
                          ("timestamp", "!!timestamp notadate"), ("verbatim-int", "!<tag:yaml.org,2002:int> zz"),
                          ("empty-int", '!!int ""'), ("hex-int", "!!int 0x"), ("sexagesimal-int", "!!int '1:'")]),
    ("tag-in-config", {"okrsite.yaml": "title: T\ntoday: !!timestamp notadate\n"}, ("yaml-syntax", "okrsite.yaml", 2, 8)),
    ("tag-bool-in-config", {"okrsite.yaml": CONFIG + "teams_required: !!bool perhaps\n"},
     ("yaml-syntax", "okrsite.yaml", 5, 17)),
    # numbers: each field has a range in the schemas; numbers Python cannot even read are refused at load
    ("ten-thousand-digit-int", {MS: MILESTONE.replace("sprints", "votes: " + "7" * 10_000 + "\nsprints")},
     ("schema", MS, 5, 8)),
    ("four-thousand-digit-target", {OB: OBJECTIVE.replace("target: 2400", "target: " + "9" * 4000)}, ("schema", OB, 8, 13)),
    ("four-thousand-digit-checkin", {OB: OBJECTIVE.replace(
        "target: 2400", "target: 2400\n    checkins:\n      - {date: 2026-04-01, value: " + "9" * 4000 + "}")},
     ("schema", OB, 10, 35)),
    ("four-thousand-digit-estimate",
     {MS: MILESTONE.replace("s8]\n", "s8]\ntasks:\n  - title: T\n    estimate: " + "9" * 4000 + "\n")},
     ("schema", MS, 8, 15)),
    ("float-beyond-double", {OB: OBJECTIVE.replace("target: 2400", "target: 1.0e+400")}, ("schema", OB, 8, 13)),
    ("huge-hex-int", {OB: OBJECTIVE.replace("target: 2400", "target: 0x" + "f" * 3000)}, ("schema", OB, 8, 13)),
    ("ten-thousand-digit-config-int", {"okrsite.yaml": "title: T\ncalendar:\n  fiscal_year_start: " + "1" * 10_000 + "\n"},
     ("schema", "okrsite.yaml", 3, 22)),
    # ids name folders of the published site: at most 100 characters (300 made build fail)
    ("id-300-letters", {MS: MILESTONE.replace("---\ntitle", "---\nid: " + "a" * 300 + "\ntitle")}, ("schema", MS, 2, 5)),
    ("file-stem-200-letters", {"content/milestones/" + "b" * 200 + ".md": MILESTONE.replace("s7, s8", "s9")},
     ("schema", "content/milestones/" + "b" * 200 + ".md", 1, 1)),
    ("kr-id-300-letters", {OB: OBJECTIVE.replace("  - id: kr1", "  - id: " + "k" * 300)}, ("schema", OB, 5, 9)),
    ("calendar-sprint-id-trailing-newline",
     {"okrsite.yaml": 'title: T\ncalendar:\n  sprints:\n    - {id: "s1\\n", start: 2026-01-05, end: 2026-01-18}\n'},
     ("schema", "okrsite.yaml", 4, 12)),
]


@pytest.mark.parametrize("name, files, expected", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input_gives_the_documented_diagnostic_and_no_traceback(tmp_path, name, files, expected):
    base = {} if "content" in files else BASE
    site = make_site(tmp_path, {**base, **files})
    result = run_cli("check", "--site", str(site), "--format", "json", timeout=30)
    assert_no_traceback(result)
    payload = json.loads(result.stdout)
    found = [(d["code"], d["file"], d["line"], d["column"]) for d in payload["diagnostics"]]
    if expected is None:
        assert (result.returncode, found) == (0, [])
    else:
        assert result.returncode == 1 and found == [expected]
    assert not os.path.exists("/tmp/okrsite-pwned")
    text = run_cli("check", "--site", str(site), timeout=30)  # the text format reads the files again
    assert_no_traceback(text)
    assert text.returncode == result.returncode


@pytest.mark.skipif(sys.platform == "win32", reason="needs symbolic links")
def test_symlink_loop_is_reported_not_followed(tmp_path):
    site = make_site(tmp_path, BASE)
    (site / "content" / "milestones" / "loop.md").symlink_to("loop.md")
    (site / "content" / "milestones" / "again").symlink_to(".", target_is_directory=True)
    status, payload, stderr = check_json(site)
    assert status == 1 and "Traceback" not in stderr
    assert [(d["code"], d["file"], d["line"]) for d in payload["diagnostics"]] == [
        ("schema", "content/milestones/again", 1), ("schema", "content/milestones/loop.md", 1)]


@pytest.mark.skipif(sys.platform == "win32", reason="needs symbolic links")
def test_symlink_loop_between_two_files_is_reported_in_the_text_format(tmp_path):
    """The text report reads each file again to show the line: a loop must not crash it."""
    site = make_site(tmp_path, BASE)
    (site / "content" / "milestones" / "a.md").symlink_to("b.md")
    (site / "content" / "milestones" / "b.md").symlink_to("a.md")
    result = run_cli("check", "--site", str(site))
    assert_no_traceback(result)
    assert result.returncode == 1
    assert [line.split(": error")[0] for line in result.stdout.splitlines() if ": error" in line] == [
        "content/milestones/a.md:1:1", "content/milestones/b.md:1:1"]


HUGE = "x" * 400_000  # ten of them stay under the 5 MiB file limit


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_one_megabyte_value_is_shortened_in_every_message(tmp_path, fmt):
    """Values, references, keys and link targets are quoted through diagnostics.quote."""
    milestone = (f"---\ntitle: T\ntype: {HUGE}\nstatus: {HUGE}\nkey_results: [{HUGE}]\n"
                 f"depends_on: [{HUGE}]\nteam: {HUGE}\ndue: {HUGE}\nsprints: [{HUGE}]\n"
                 f"? {HUGE}\n: 1\n---\n[[{HUGE}]] and [a]({HUGE}.md)\n")
    links = (f"---\ntitle: T\ntype: epic\nkey_results: [build-trust/kr1, {HUGE}]\nteam: {HUGE}\n"
             f"sprints: [s7, {HUGE}]\ndepends_on: [{HUGE}]\n---\n[[{HUGE}]] and [a]({HUGE}.md)\n")
    site = make_site(tmp_path, {**BASE, "content/milestones/huge.md": milestone.encode(),
                                "content/milestones/links.md": links.encode()})
    result = run_cli("check", "--site", str(site), "--format", fmt)
    assert_no_traceback(result)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) > 5 and max(map(len, lines)) < 1200, max(map(len, lines))
    assert "400,000 characters" in result.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_does_not_hang_the_check(tmp_path):
    site = make_site(tmp_path, BASE)
    os.mkfifo(site / "content" / "milestones" / "pipe.md")
    status, payload, _ = check_json(site)
    assert status == 1 and payload["diagnostics"][0]["file"] == "content/milestones/pipe.md"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_reported(tmp_path):
    site = make_site(tmp_path, BASE)
    (site / "content" / "milestones" / "feedback-form.md").chmod(0)
    status, payload, _ = check_json(site)
    assert status == 1
    assert payload["diagnostics"][0]["message"].startswith("cannot read the file")


def test_invalid_utf8_in_okrsite_yaml_is_positioned(tmp_path):
    site = make_site(tmp_path, BASE, config=b"title: Caf\xe9\n")
    status, payload, _ = check_json(site)
    assert status == 1
    assert [(d["code"], d["file"], d["line"], d["column"]) for d in payload["diagnostics"]] == [
        ("yaml-syntax", "okrsite.yaml", 1, 11)]


def test_config_that_is_a_list_exits_1_not_a_crash(tmp_path):
    site = make_site(tmp_path, BASE, config="- title: T\n")
    status, payload, stderr = check_json(site)
    assert status == 1 and "Traceback" not in stderr
    assert payload["diagnostics"][0]["file"] == "okrsite.yaml"


@pytest.mark.parametrize("field, old, new", [
    ("target", "target: 2400", "target: " + "9" * 4000),
    ("value", "target: 2400", "target: 2400\n    checkins:\n      - {date: 2026-04-01, value: " + "9" * 4000 + "}"),
    ("start", "start: 1200", "start: -1.5e+300"),
    ("weight", "target: 2400", "target: 2400\n    weight: " + "9" * 4000),
])
def test_build_refuses_numbers_out_of_range_instead_of_crashing(tmp_path, field, old, new):
    """Progress divides floats: a 4,000-digit target used to end the build in OverflowError."""
    site = make_site(tmp_path, {**BASE, OB: OBJECTIVE.replace(old, new)})
    result = run_cli("build", "--site", str(site), timeout=60)
    assert_no_traceback(result)
    assert result.returncode == 1 and not (site / "public").exists()
    assert f"{field} must be " in result.stdout + result.stderr


def test_an_id_of_the_longest_length_builds_and_one_longer_is_refused_before_the_build(tmp_path):
    """The limit is one the file system holds: 100 characters build, 300 used to check clean and
    then fail the build with "File name too long"."""
    longest = "a" * 100
    site = make_site(tmp_path, {**BASE, MS: MILESTONE.replace("---\ntitle", f"---\nid: {longest}\ntitle")})
    result = run_cli("build", "--site", str(site), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "public" / "milestones" / longest / "index.html").is_file()
    site = make_site(tmp_path / "b", {**BASE, MS: MILESTONE.replace("---\ntitle", "---\nid: " + "a" * 300 + "\ntitle")})
    result = run_cli("build", "--site", str(site), timeout=120)
    assert_no_traceback(result)
    assert result.returncode == 1 and "is longer than the 100 characters allowed" in result.stderr
    assert "File name too long" not in result.stdout + result.stderr

# --- machine formats report a failure to run in their own form (exit 2) ------------------------------

FAILURES = {
    "no-okrsite-yaml": (lambda tmp: ["check"], "no okrsite.yaml here or in any parent folder"),
    "bad-flag": (lambda tmp: ["check", "--bogus"], "unrecognized arguments: --bogus"),
    "missing-flag-value": (lambda tmp: ["check", "--site"], "argument --site: expected one argument"),
    "unreadable-site": (lambda tmp: ["check", "--site", str(tmp / "folder-as-config")], "okrsite.yaml in"),
    "site-does-not-exist": (lambda tmp: ["check", "--site", str(tmp / "nowhere")], "does not exist"),
}


@pytest.mark.parametrize("fmt", ["json", "github", "sarif"])
@pytest.mark.parametrize("case", FAILURES)
def test_a_failure_to_run_is_reported_in_the_machine_format(tmp_path, fmt, case):
    from test_sarif import schema_errors

    (tmp_path / "folder-as-config" / "okrsite.yaml").mkdir(parents=True)
    args, needle = FAILURES[case]
    summary = tmp_path / "summary.md"
    result = run_cli(*args(tmp_path), "--format", fmt, cwd=tmp_path, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 2
    assert_no_traceback(result)
    assert needle in result.stderr  # the plain line for people stays on stderr
    if fmt == "json":
        payload = json.loads(result.stdout)
        assert payload["format"] == "okrsite-check" and payload["version"] == 1
        assert needle in payload["failure"]["message"] and payload["failure"]["exit_status"] == 2
        assert "errors" not in payload  # a tool reading counts must not take a failure for a clean site
    elif fmt == "github":
        [line] = result.stdout.splitlines()
        assert line.startswith("::error title=okrsite could not run::") and needle in line
        assert needle in summary.read_text(encoding="utf-8")
    else:
        log = json.loads(result.stdout)
        assert schema_errors(log) == []
        [invocation] = log["runs"][0]["invocations"]
        assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
        assert needle in invocation["toolExecutionNotifications"][0]["message"]["text"]
        assert log["runs"][0]["results"] == []


def test_text_format_failure_stays_plain(tmp_path):
    result = run_cli("check", "--bogus", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""


# --- the job summary: every problem, not only the 10 + 10 annotations GitHub shows --------------------

def test_github_format_writes_the_complete_table_to_the_job_summary(tmp_path):
    files = dict(BASE)
    for n in range(14):  # 14 errors and 12 warnings: more than GitHub shows as annotations
        files[f"content/milestones/m{n:02}.md"] = MILESTONE.replace("s8]", f"s8x{n}]")
    for n in range(12):
        files[f"content/objectives/o{n:02}.md"] = OBJECTIVE.replace("Build trust", f"Other {n}")
    site = make_site(tmp_path, files)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_SERVER_URL": "https://github.com",
           "GITHUB_REPOSITORY": "acme/roadmap", "GITHUB_SHA": "0123abcd" * 5}
    result = run_cli("check", "--site", str(site), "--format", "github", env=env)
    assert result.returncode == 1 and len(result.stdout.splitlines()) == 26
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### okrsite check: 14 errors, 12 warnings in 29 files\n")  # appended
    rows = [line for line in text.splitlines() if line.startswith("| ❌") or line.startswith("| ⚠️")]
    assert len(rows) == 26
    assert rows[0] == ("| ❌ error | [content/milestones/m00\\.md:5:15](https://github.com/acme/roadmap/blob/"
                       + "0123abcd" * 5 + "/content/milestones/m00.md#L5) | `unknown-sprint` | "
                       "the calendar has no sprint 's8x0'; did you mean 's80'? |")


def test_job_summary_is_written_only_in_github_actions(tmp_path):
    site = make_site(tmp_path, BASE)
    result = run_cli("check", "--site", str(site), "--format", "github", env={"GITHUB_STEP_SUMMARY": ""})
    assert result.returncode == 0 and result.stdout == ""
    summary = tmp_path / "s.md"
    run_cli("check", "--site", str(site), "--format", "json", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert not summary.exists()
    run_cli("check", "--site", str(site), "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert summary.read_text(encoding="utf-8") == "### okrsite check: 0 errors, 0 warnings in 3 files\n\nNo problems found.\n\n"


def test_an_unknown_sprint_suggests_the_nearest_by_number(tmp_path):
    """Seen: "the calendar has no sprint 's0'; did you mean 's90'?"."""
    site = make_site(tmp_path, {**BASE, MS: MILESTONE.replace("s7, s8", "s0, S9")})
    status, payload, _ = check_json(site)
    assert status == 1
    assert [d["message"] for d in payload["diagnostics"]] == [
        "the calendar has no sprint 's0'; did you mean 's1'? (sprints are counted from s1)",
        "the calendar has no sprint 'S9'; did you mean 's9'? (sprint ids are s and the sprint's number)"]
