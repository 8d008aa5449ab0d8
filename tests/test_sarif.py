"""`okrsite check --format sarif`: SARIF 2.1.0 that the official schema accepts, with exact regions.

The schema is OASIS's own (tests/support/schemas/, with its source); two real validators read
it: the jsonschema library in-process and the check-jsonschema command.
"""

from __future__ import annotations

import hashlib
import json
import subprocess

import jsonschema
import pytest

from helpers import MILESTONE, OBJECTIVE, fixture, make_site, run_cli
from okrsite.diagnostics import CODES, RULE_HELP, Diagnostic, Location
from okrsite.sarif import format_sarif
from support import REPO_ROOT, require, venv_tool

SCHEMA_FILE = REPO_ROOT / "tests" / "support" / "schemas" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
BASE = {"content/objectives/build-trust.md": OBJECTIVE, "content/milestones/feedback-form.md": MILESTONE}


def sarif_schema() -> dict:
    data = SCHEMA_FILE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == SCHEMA_SHA256, "the vendored SARIF schema was changed"
    return json.loads(data)


def schema_errors(log: dict) -> list[str]:
    schema = sarif_schema()
    validator = jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]


def test_the_vendored_schema_is_the_official_sarif_2_1_0_schema():
    schema = sarif_schema()
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]


def test_the_validator_rejects_a_broken_log():
    """The validation below can fail: a log without runs, a result with a bad level, are caught."""
    assert schema_errors({"version": "2.1.0"})
    good = json.loads(format_sarif([Diagnostic("schema", "m", Location("a.md", 1, 1))]))
    assert not schema_errors(good)
    good["runs"][0]["results"][0]["level"] = "fatal"
    assert any("fatal" in e for e in schema_errors(good))


def sarif_of(tmp_path, files, *extra):
    (tmp_path / ".git").mkdir(exist_ok=True)
    site = make_site(tmp_path / "roadmap", {**BASE, **files})
    result = run_cli("check", "--site", str(site), "--format", "sarif", *extra)
    return result, json.loads(result.stdout)


def test_findings_validate_and_carry_codes_levels_and_exact_regions(tmp_path):
    result, log = sarif_of(tmp_path, {"content/milestones/feedback-form.md": MILESTONE.replace("type: epic", "type: epik"),
                                      "content/milestones/later.md": MILESTONE.replace("s8]", "s8x]"),
                                      "content/objectives/other.md": OBJECTIVE.replace("Build trust", "Other")})
    assert result.returncode == 1 and result.stderr == ""
    assert schema_errors(log) == []
    run, = log["runs"]
    found = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
              r["locations"][0]["physicalLocation"]["region"]) for r in run["results"]]
    ms = "roadmap/site/content/milestones/feedback-form.md"
    assert found == [
        ("schema", "error", ms, {"startLine": 3, "startColumn": 7, "endLine": 3, "endColumn": 11}),  # epik
        ("unknown-sprint", "error", "roadmap/site/content/milestones/later.md",
         {"startLine": 5, "startColumn": 15, "endLine": 5, "endColumn": 18}),  # s8x
        ("kr-without-milestone", "warning", "roadmap/site/content/objectives/other.md",
         {"startLine": 5, "startColumn": 9, "endLine": 5, "endColumn": 12}),
    ]
    for r in run["results"]:
        assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["message"]["text"] and r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["columnKind"] == "unicodeCodePoints"


def test_every_rule_is_described_with_help_and_default_level(tmp_path):
    _, log = sarif_of(tmp_path, {})
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "okrsite" and driver["version"] == driver["semanticVersion"]
    assert [r["id"] for r in driver["rules"]] == list(CODES)
    for rule in driver["rules"]:
        assert rule["defaultConfiguration"]["level"] == CODES[rule["id"]].value
        assert rule["shortDescription"]["text"] and "`" not in rule["help"]["text"]
        assert rule["help"]["markdown"].startswith("**How to fix:**")
    assert log["runs"][0]["results"] == []


def test_the_rule_help_is_the_authoring_guide_table():
    """Every code has help; a code in the guide's Checks table has exactly that row's text."""
    from okrsite.diagnostics import rule_help
    from okrsite.rules import BY_ID

    guide = (REPO_ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert set(RULE_HELP) <= set(CODES)
    for code in CODES:
        when, fix = rule_help(code)
        assert when and fix, code
        if code in RULE_HELP:
            row = f"| `{code}` | {CODES[code].value} | {when} | {fix} |"
            assert row in guide, f"docs/authoring.md's Checks table must have the row\n{row}"
        else:
            assert code in BY_ID and when == BY_ID[code].summary and f"`{code}`" in guide, code


def test_author_text_is_data_not_markup(tmp_path):
    """A message quoting an author's value stays plain JSON text (escaping is JSON's own)."""
    evil = MILESTONE.replace("s8]", 's8"</script><b>]')
    result, log = sarif_of(tmp_path, {"content/milestones/feedback-form.md": evil})
    assert schema_errors(log) == []
    texts = [r["message"]["text"] for r in log["runs"][0]["results"]]
    assert any('</script><b>' in t for t in texts)


@pytest.mark.validator
def test_check_jsonschema_accepts_the_log(tmp_path):
    tool = require(lambda: venv_tool("check-jsonschema"))
    result, _ = sarif_of(tmp_path, {"content/milestones/feedback-form.md": MILESTONE.replace("epic", "epik")})
    out = tmp_path / "okrsite.sarif"
    out.write_text(result.stdout, encoding="utf-8")
    ok = subprocess.run([tool, "--schemafile", str(SCHEMA_FILE), str(out)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    out.write_text(result.stdout.replace('"2.1.0"', '"2.0.0"'), encoding="utf-8")
    bad = subprocess.run([tool, "--schemafile", str(SCHEMA_FILE), str(out)], capture_output=True, text=True)
    assert bad.returncode == 1


def test_sarif_output_is_deterministic():
    first = run_cli("check", "--site", str(fixture("unknown-ref")), "--format", "sarif").stdout
    assert first == run_cli("check", "--site", str(fixture("unknown-ref")), "--format", "sarif").stdout
