"""Validate stage: JSON Schemas -> positioned diagnostics that name the field and what is allowed."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import OBJECTIVE, fixture, make_site, only, run_check, where
from okrsite.load import parse_yaml
from okrsite.validate import SCHEMA_NAMES, fast_validator, schema, validate_data, validator

FILE = "content/milestones/feedback-form.md"


def validate_yaml(kind: str, yaml_text: str, teams_required: bool = False) -> list[dict]:
    data, source, problems = parse_yaml(yaml_text, "f.yaml")
    assert problems == []
    return [d.as_dict() for d in validate_data(data if data is not None else {}, source, kind, teams_required)]


# --- one fixture site per kind of schema error -------------------------------------------------

def test_unknown_field_points_at_the_key_and_suggests_the_nearest_known_one():
    diagnostic = only(run_check(fixture("schema-unknown-field")))
    assert (diagnostic["code"], *where(diagnostic)) == ("schema", FILE, 5, 1)
    assert diagnostic["message"] == "unknown field 'statuss'; did you mean 'status'?"


def test_missing_field_is_reported_at_the_start_of_the_front_matter():
    diagnostic = only(run_check(fixture("schema-missing-field")))
    assert (diagnostic["code"], *where(diagnostic)) == ("schema", FILE, 2, 1)
    assert diagnostic["message"] == "missing required field 'type'; add type: with one of epic, spike, enabler, signal-test"


def test_value_outside_its_enum_lists_what_is_allowed_and_suggests():
    diagnostic = only(run_check(fixture("schema-enum")))
    assert (diagnostic["code"], *where(diagnostic)) == ("schema", FILE, 3, 7)
    assert "type: 'epik' is not allowed; use one of epic, spike, enabler, signal-test" in diagnostic["message"]
    assert diagnostic["message"].endswith("did you mean 'epic'?")


def test_value_of_the_wrong_type_says_what_it_must_be():
    diagnostic = only(run_check(fixture("schema-wrong-type")))
    assert (diagnostic["code"], *where(diagnostic)) == ("schema", FILE, 5, 8)
    assert diagnostic["message"] == "votes must be a whole number, not the text 'many'"


def test_id_that_tries_to_escape_its_folder_is_a_schema_error_at_the_value():
    diagnostic = only(run_check(fixture("schema-bad-id")))
    assert (diagnostic["code"], *where(diagnostic)) == ("schema", FILE, 2, 5)
    assert "an id is lowercase letters and digits" in diagnostic["message"]


def test_impossible_date_is_bad_dates_at_the_value():
    diagnostic = only(run_check(fixture("bad-dates-impossible")))
    assert (diagnostic["code"], *where(diagnostic)) == ("bad-dates", FILE, 5, 8)
    assert "'2026-02-30' is not a real date" in diagnostic["message"]


# --- messages and positions, field by field -----------------------------------------------------

def test_unknown_field_without_a_near_match_lists_the_allowed_fields():
    diagnostic = only(validate_yaml("team", "name: T\nzzz: 1\n"))
    assert (diagnostic["line"], diagnostic["column"]) == (2, 1)
    assert diagnostic["message"] == "unknown field 'zzz'; allowed fields: id, name, description, lead, members, ignore_rules"


def test_unknown_field_in_a_nested_item_names_the_item():
    diagnostics = validate_yaml("objective", "title: O\nquarter: 2026-Q2\nkey_results:\n  - id: kr1\n    title: K\n    tagret: 5\n")
    diagnostic = only(diagnostics)
    assert (diagnostic["line"], diagnostic["column"]) == (6, 5)
    assert diagnostic["message"] == "unknown field 'tagret' in key_results[0]; did you mean 'target'?"


def test_missing_field_in_a_nested_item_points_at_the_item():
    diagnostic = only(validate_yaml("milestone", "title: M\ntype: epic\nkey_results: [a/kr1]\ntasks:\n  - status: done\n"))
    assert (diagnostic["line"], diagnostic["column"]) == (5, 5)
    assert diagnostic["message"] == "missing required field 'title' in tasks[0]"


def test_empty_required_list_says_it_needs_an_item():
    diagnostic = only(validate_yaml("milestone", "title: M\ntype: epic\nkey_results: []\n"))
    assert (diagnostic["line"], diagnostic["column"]) == (3, 14)
    assert diagnostic["message"] == "key_results needs at least 1 item"


def test_more_than_two_sprints_is_explained_as_a_range():
    diagnostic = only(validate_yaml("milestone", "title: M\ntype: epic\nkey_results: [a/kr1]\nsprints: [s1, s2, s3]\n"))
    assert (diagnostic["line"], diagnostic["column"]) == (4, 10)
    assert "at most 2 items (the first and the last sprint, inclusive)" in diagnostic["message"]


def test_start_without_due_is_reported_at_the_start_key():
    diagnostic = only(validate_yaml("milestone", "title: M\ntype: epic\nkey_results: [a/kr1]\nstart: 2026-04-01\n"))
    assert (diagnostic["line"], diagnostic["column"]) == (4, 1)
    assert diagnostic["message"] == "'start' needs 'due' too"


def test_kr_start_without_target_is_reported_at_the_start_key():
    diagnostic = only(validate_yaml(
        "objective", "title: O\nquarter: 2026-Q2\nkey_results:\n  - id: kr1\n    title: K\n    start: 3\n"))
    assert (diagnostic["line"], diagnostic["column"]) == (6, 5)
    assert diagnostic["message"] == "'start' needs 'target' too in key_results[0]"


def test_sprints_and_dates_together_are_refused_at_sprints():
    diagnostic = only(validate_yaml(
        "milestone", "title: M\ntype: epic\nkey_results: [a/kr1]\nsprints: [s1]\nstart: 2026-04-01\ndue: 2026-04-09\n"))
    assert (diagnostic["line"], diagnostic["column"]) == (4, 1)
    assert diagnostic["message"] == "set either sprints or start and due, not both"


def test_confidence_out_of_range_gives_the_bound():
    diagnostic = only(validate_yaml(
        "objective", "title: O\nquarter: 2026-Q2\nkey_results:\n  - id: kr1\n    title: K\n    confidence: 1.5\n"))
    assert (diagnostic["line"], diagnostic["column"]) == (6, 17)
    assert diagnostic["message"] == "confidence must be at most 1, not 1.5"


def test_negative_votes_give_the_bound():
    diagnostic = only(validate_yaml("milestone", "title: M\ntype: epic\nkey_results: [a/kr1]\nvotes: -1\n"))
    assert diagnostic["message"] == "votes must be at least 0, not -1"


def test_empty_title_is_refused():
    diagnostic = only(validate_yaml("team", "name: ''\n"))
    assert (diagnostic["line"], diagnostic["column"]) == (1, 7)
    assert diagnostic["message"] == "name must not be empty"


def test_null_value_is_called_nothing():
    diagnostic = only(validate_yaml("team", "name:\n"))
    assert diagnostic["message"] == "name must be text, not nothing (null)"


def test_number_where_text_is_expected():
    diagnostic = only(validate_yaml("team", "name: 42\n"))
    assert (diagnostic["line"], diagnostic["column"], diagnostic["message"]) == (1, 7, "name must be text, not the number 42; if it is text, put it in quotes: \"42\"")


def test_nan_is_not_a_number():
    diagnostic = only(validate_yaml(
        "objective", "title: O\nquarter: 2026-Q2\nkey_results:\n  - id: kr1\n    title: K\n    start: 1\n    target: .nan\n"))
    assert (diagnostic["line"], diagnostic["column"]) == (7, 13)
    assert diagnostic["message"] == "target must be a number, not the text '.nan'"


def test_quarter_pattern_says_how_to_write_a_quarter():
    diagnostic = only(validate_yaml("objective", "title: O\nquarter: Q2 2026\nkey_results: [{id: kr1, title: K}]\n"))
    assert (diagnostic["line"], diagnostic["column"]) == (2, 10)
    assert "a quarter is written YYYY-Qn, like 2026-Q2" in diagnostic["message"]


def test_local_id_pattern_is_checked_for_key_results():
    diagnostic = only(validate_yaml("objective", "title: O\nquarter: 2026-Q2\nkey_results: [{id: KR 1, title: K}]\n"))
    assert (diagnostic["line"], diagnostic["column"]) == (3, 20)
    assert "a local id is lowercase" in diagnostic["message"]


def test_reference_pattern_is_checked():
    diagnostic = only(validate_yaml("milestone", "title: M\ntype: epic\nkey_results: [a/b/c]\n"))
    assert (diagnostic["line"], diagnostic["column"]) == (3, 15)
    assert "a reference is an id (share-referrals) or PARENT/LOCAL" in diagnostic["message"]


def test_date_in_an_unusable_year_is_bad_dates():
    diagnostic = only(validate_yaml("milestone", "title: M\ntype: epic\nkey_results: [a/kr1]\nstart: 0001-01-01\ndue: 2026-01-01\n"))
    assert (diagnostic["code"], diagnostic["line"], diagnostic["column"]) == ("bad-dates", 4, 8)
    assert "outside the years 1900 to 2199" in diagnostic["message"]


def test_date_in_another_format_is_reported_once():
    diagnostic = only(validate_yaml("milestone", "title: M\ntype: epic\nkey_results: [a/kr1]\nstart: 12/05/2026\ndue: 2026-06-01\n"))
    assert (diagnostic["code"], diagnostic["line"]) == ("bad-dates", 4)
    assert diagnostic["message"] == ("start: '12/05/2026' could be month/day (2026-12-05) or day/month (2026-05-12); "
                                     "write the one you mean as YYYY-MM-DD")


# --- messages that say what was found and what to write (issue 10) --------------------------

MILESTONE_HEAD = "title: M\ntype: epic\nkey_results: [a/kr1]\n"


@pytest.mark.parametrize("written, advice", [
    ("'03/15/2026'", "is month/day/year; write it as 2026-03-15 (dates are YYYY-MM-DD)"),
    ("15/03/2026", "is day/month/year; write it as 2026-03-15 (dates are YYYY-MM-DD)"),
    ("15.03.2026", "is day.month.year; write it as 2026-03-15 (dates are YYYY-MM-DD)"),
    ("2026/03/15", "is year/month/day; write it as 2026-03-15 (dates are YYYY-MM-DD)"),
    ("2026.3.5", "is year/month/day; write it as 2026-03-05 (dates are YYYY-MM-DD)"),
    ("2026-03-15T09:30:00", "has a time of day; write the date alone: 2026-03-15"),
    ("'2026-03-15 09:30'", "has a time of day; write the date alone: 2026-03-15"),
    ("03/04/2026", "could be month/day (2026-03-04) or day/month (2026-04-03); write the one you mean as YYYY-MM-DD"),
    ("03.04.2026", "is day.month.year; write it as 2026-04-03 (dates are YYYY-MM-DD)"),
    ("March 15, 2026", "is written in words; write it as 2026-03-15 (dates are YYYY-MM-DD)"),
    ("15 Mar 2026", "is written in words; write it as 2026-03-15 (dates are YYYY-MM-DD)"),
    ("2026-02-30", "is not a real date: February 2026 has 28 days; write a real date as YYYY-MM-DD"),
    ("13/13/2026", "is not a real date; write it as YYYY-MM-DD (for example 2026-05-12)"),
    ("soon", "is not a real date; write it as YYYY-MM-DD (for example 2026-05-12)"),
])
def test_a_date_in_another_format_gets_its_yyyy_mm_dd_form(written, advice):
    diagnostic = only(validate_yaml("milestone", MILESTONE_HEAD + f"start: {written}\ndue: 2026-12-01\n"))
    assert (diagnostic["code"], diagnostic["line"], diagnostic["column"]) == ("bad-dates", 4, 8)
    shown = written.strip("'")
    if "T09" in written:  # YAML reads it as a timestamp: okrsite shows it as ISO 8601
        shown = "2026-03-15T09:30:00"
    assert diagnostic["message"] == f"start: '{shown}' {advice}"


@pytest.mark.parametrize("kind, text, message", [
    ("milestone", MILESTONE_HEAD + "votes: 7.5\n", "votes must be a whole number, not the number 7.5; write a whole number, like 7 or 8"),
    ("milestone", MILESTONE_HEAD + "votes: '12'\n",
     "votes must be a whole number, not the text '12'; write 12 without quotes, commas or units (a key result's unit goes in unit:)"),
    ("objective", "title: O\nquarter: 2026-Q2\nkey_results:\n  - {id: kr1, title: K, start: 0, target: '2,400'}\n",
     "target must be a number, not the text '2,400'; write 2400 without quotes, commas or units (a key result's unit goes in unit:)"),
    ("objective", "title: O\nquarter: 2026-Q2\nkey_results:\n  - {id: kr1, title: K, start: 0, target: '1,5'}\n",
     "target must be a number, not the text '1,5'; write 1.5 without quotes, commas or units (a key result's unit goes in unit:)"),
    ("objective", "title: O\nquarter: 2026-Q2\nkey_results:\n  - {id: kr1, title: K, start: 0, target: 40%}\n",
     "target must be a number, not the text '40%'; write 40 without quotes, commas or units (a key result's unit goes in unit:)"),
    ("milestone", MILESTONE_HEAD.replace("[a/kr1]", "a/kr1"),
     "key_results must be a list, not the text 'a/kr1'; write a list, even of one item: [a/kr1]"),
    ("milestone", MILESTONE_HEAD + "sprints: [5, 6]\n", "sprints must be text, not the number 5; a sprint id is text like s5: write s5"),
    ("team", "name: 2026\n", 'name must be text, not the number 2026; if it is text, put it in quotes: "2026"'),
    ("team", "name: true\n", 'name must be text, not true (true/false); if it is text, put it in quotes: "true"'),
    ("milestone", MILESTONE_HEAD + "team: Platform\n",
     "team: an id is lowercase letters and digits in words joined by '-', like share-referrals; did you mean 'platform'?"),
    ("milestone", MILESTONE_HEAD + "depends_on: [Cache Warmup]\n",
     "depends_on: an id is lowercase letters and digits in words joined by '-', like share-referrals; did you mean 'cache-warmup'?"),
    ("milestone", MILESTONE_HEAD.replace("[a/kr1]", "[Build-Trust/KR1]"),
     "key_results: a reference is an id (share-referrals) or PARENT/LOCAL (build-trust/kr1); did you mean 'build-trust/kr1'?"),
    ("team", "id: Data Team\nname: D\n",
     "id: an id is lowercase letters and digits in words joined by '-', like share-referrals; write 'data-team'"),
    ("milestone", MILESTONE_HEAD + "team: ../../etc\n",
     "team: an id is lowercase letters and digits in words joined by '-', like share-referrals"),
    ("milestone", "title: M\nkey_results: [a/kr1]\n", "missing required field 'type'; add type: with one of epic, spike, enabler, signal-test"),
    ("task", "title: T\n", "missing required field 'milestone'"),
    ("objective", "title: O\nquarter: 2026-Q2\nkey_results: [{id: kr1, title: K}]\nhypotheses: [{id: h1, statement: S, status: Validated}]\n",
     "status: 'Validated' is not allowed; use one of untested, validated, invalidated; did you mean 'validated'?"),
])
def test_messages_say_what_was_found_and_what_to_write(kind, text, message):
    diagnostics = validate_yaml(kind, text)
    assert diagnostics and diagnostics[0]["message"] == message, diagnostics


def test_an_id_that_differs_only_in_case_suggests_the_sites_id(tmp_path):
    """`team: Platform` in a site that has the team `platform-team`: the site's id, not a guess."""
    site = make_site(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE,
        "content/teams/platform-team.yaml": "name: Platform\n",
        "content/milestones/m.md": "---\ntitle: M\ntype: epic\nkey_results: [build-trust/kr1]\nteam: Platform Team\n---\n",
    })
    from okrsite.pipeline import check

    [diagnostic] = check(site).diagnostics
    assert diagnostic.message.endswith("; did you mean 'platform-team'?")


def test_did_you_mean_matches_case_and_spacing_first():
    from okrsite.diagnostics import suggest

    assert suggest("Platform", ["platform", "plat", "platforms"]) == "platform"
    assert suggest("SHARE REFERRALS", ["share-referrals", "share-referral"]) == "share-referrals"
    assert suggest("Title", ["title", "type"]) == "title"
    assert suggest("zzz", ["title"]) is None


def test_impossible_checkin_date_is_bad_dates():
    diagnostic = only(validate_yaml("objective", (
        "title: O\nquarter: 2026-Q2\nkey_results:\n  - id: kr1\n    title: K\n    start: 0\n    target: 1\n"
        "    checkins:\n      - {date: 2026-04-31, value: 1}\n")))
    assert (diagnostic["code"], diagnostic["line"], diagnostic["column"]) == ("bad-dates", 9, 16)


def test_teams_required_makes_team_mandatory_and_says_why():
    diagnostic = only(validate_yaml("milestone", "title: M\ntype: epic\nkey_results: [a/kr1]\n", teams_required=True))
    assert diagnostic["message"] == "missing required field 'team' (teams_required is true in okrsite.yaml)"
    assert validate_yaml("milestone", "title: M\ntype: epic\nkey_results: [a/kr1]\n") == []


def test_every_error_of_a_file_is_reported_at_once():
    diagnostics = validate_yaml("milestone", "title: M\ntype: epik\nkey_results: [a/kr1]\nvotes: x\nowner: ''\n")
    assert [(d["line"], d["code"]) for d in sorted(diagnostics, key=lambda d: d["line"])] == [
        (2, "schema"), (4, "schema"), (5, "schema")]


def test_whole_documents_that_fail_do_not_reach_the_linker(tmp_path):
    site = make_site(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE,
        "content/milestones/ok.md": "---\ntitle: OK\ntype: epic\nkey_results: [build-trust/kr1]\n---\n",
        "content/milestones/bad.md": "---\ntitle: Bad\ntype: epic\nkey_results: [build-trust/kr1]\nvotes: x\n---\n",
    })
    from okrsite.pipeline import check
    checked = check(site)
    assert set(checked.site.milestones) == {"ok"}
    assert [d.code for d in checked.diagnostics] == ["schema"]


# --- the compiled fast path agrees with jsonschema ------------------------------------------------

VALID = {
    "objective": {"title": "O", "quarter": "2026-Q2", "team": "t", "status": "at-risk",
                  "key_results": [{"id": "kr1", "title": "K", "start": 1, "target": 2, "current": 1.5,
                                   "confidence": 0.5, "checkins": [{"date": "2026-04-01", "value": 1}]},
                                  {"id": "kr2", "title": "L"}],
                  "hypotheses": [{"id": "h1", "statement": "S", "key_results": ["kr1"], "status": "untested"}]},
    "milestone": {"title": "M", "type": "epic", "key_results": ["o/kr1"], "hypothesis": "o/h1", "sprints": ["s1", "s2"],
                  "status": "done", "depends_on": ["x"], "votes": 3, "cluster": "c",
                  "tasks": [{"title": "T", "id": "t", "status": "done", "sprint": "s1", "estimate": 2}]},
    "task": {"title": "T", "milestone": "m", "status": "doing", "estimate": 0.5},
    "team": {"name": "T", "members": ["a", "b"], "lead": "a"},
    "page": {"title": "P", "weight": -1, "description": "d"},
    "config": {"title": "T", "today": "2026-05-12", "language": "de-CH", "base_url": "https://x.org/",
               "calendar": {"fiscal_year_start": 2, "sprints": [{"id": "s1", "start": "2026-01-05", "end": "2026-01-18"}]},
               "markers": [{"date": "2026-05-20", "label": "L"}], "edit_url": "https://e/{path}"},
}
ODD_VALUES = [None, True, False, 0, -1, 1.5, 2.0, "", "x", "epic", "2026-02-30", "2026-05-12", "0001-01-01",
              "s1", "a/kr1", "Q2", [], ["x"], [{}], {}, {"title": "x"}, 10**30, float("inf")]


def _mutations(document):
    """Every way of replacing, dropping or adding one value somewhere in `document`."""
    def walk(node, path):
        yield path, node
        if isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, path + (key,))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, path + (index,))
    return list(walk(document, ()))


def _set(document, path, value, drop=False):
    result = copy.deepcopy(document)
    if not path:
        return value
    node = result
    for part in path[:-1]:
        node = node[part]
    if drop:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return result


@pytest.mark.parametrize("name", [n for n in SCHEMA_NAMES if n != "common"])
def test_fast_validator_accepts_the_valid_examples(name):
    assert validator(name).is_valid(VALID[name])
    assert fast_validator(name)(VALID[name])


@pytest.mark.parametrize("name", [n for n in SCHEMA_NAMES if n != "common"])
def test_fast_validator_agrees_with_jsonschema_on_every_single_change(name):
    document = VALID[name]
    slow, fast = validator(name), fast_validator(name)
    for path, _ in _mutations(document):
        candidates = [_set(document, path, value) for value in ODD_VALUES]
        if path:
            candidates.append(_set(document, path, None, drop=True))
        candidates.append(_set(document, path, "x") if not path else {"zzz": 1})
        for candidate in candidates:
            assert fast(candidate) == slow.is_valid(candidate), (path, json.dumps(candidate, default=str))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False, width=32)
    | st.sampled_from(["", "x", "kr1", "a/kr1", "epic", "done", "2026-05-12", "2026-02-30", "s1", "2026-Q2"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "title", "type", "key_results", "start", "target", "due", "sprints", "tasks",
                         "status", "name", "milestone", "quarter", "checkins", "date", "value", "zzz"]),
        children, max_size=5),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(["objective", "milestone", "task", "team", "page", "config"]), value=json_values)
def test_fast_validator_agrees_with_jsonschema_on_generated_documents(name, value):
    assert fast_validator(name)(value) == validator(name).is_valid(value)


def test_fast_validator_agrees_when_teams_are_required():
    document = VALID["milestone"]
    assert fast_validator("milestone", True)(document) is False
    assert fast_validator("milestone", True)({**document, "team": "t"}) is True


def test_schemas_are_the_only_list_of_fields_and_all_parse():
    for name in SCHEMA_NAMES:
        loaded = schema(name)
        assert loaded["$schema"].endswith("2020-12/schema")
    assert set(schema("milestone")["properties"]) >= {"title", "type", "key_results", "sprints", "start", "due"}


def test_every_number_field_has_a_documented_range():
    """No number reaches progress arithmetic (floats) or a message unbounded."""
    unbounded = []

    def walk(node, where):
        if isinstance(node, dict):
            types = node.get("type")
            types = types if isinstance(types, list) else [types] if isinstance(types, str) else []
            low = "minimum" in node or "exclusiveMinimum" in node
            high = "maximum" in node or "exclusiveMaximum" in node
            if {"number", "integer"} & set(types) and not (low and high):
                unbounded.append(where)
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    for name in SCHEMA_NAMES:
        walk(schema(name), f"{name}.json#")
    assert unbounded == []
    authoring = (Path(__file__).parents[1] / "docs" / "authoring.md").read_text(encoding="utf-8")
    for bound in ("10^15", "1,000,000"):
        assert bound in authoring


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.dates().map(str), st.text(alphabet="0123456789-\n ٣", max_size=12),
                 st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\n?\Z"), st.integers(), st.none(), st.floats()))
def test_the_fast_checks_date_format_is_jsonschemas(value):
    """validate._Formats answers "date" itself (so a valid site never imports jsonschema), and
    must answer as jsonschema's FormatChecker does: leap days, Unicode digits, a final newline."""
    from jsonschema import FormatChecker

    from okrsite.validate import _Formats

    assert _Formats().conforms(value, "date") == FormatChecker().conforms(value, "date")


def test_checking_a_valid_site_imports_no_jsonschema_and_an_invalid_one_explains(tmp_path):
    """jsonschema (a tenth of a cold check of a 2,000-page site, to import) is needed only to
    explain what fails the compiled check."""
    import subprocess
    import sys

    site = make_site(tmp_path / "site", {"content/objectives/build-trust.md": OBJECTIVE})
    run = [sys.executable, "-c", "import sys; from okrsite import cli; status = cli.main(sys.argv[1:]); "
           "print('jsonschema' in sys.modules); sys.exit(status)", "check", "--no-cache", "--site", str(site)]
    valid = subprocess.run(run, capture_output=True, text=True)
    assert valid.returncode == 0 and valid.stdout.splitlines()[-1] == "False", valid.stdout + valid.stderr
    (site / "content/objectives/build-trust.md").write_text(OBJECTIVE.replace("title:", "titel:", 1))
    invalid = subprocess.run(run, capture_output=True, text=True)
    assert invalid.returncode == 1 and invalid.stdout.splitlines()[-1] == "True"
    assert "titel" in invalid.stdout + invalid.stderr
