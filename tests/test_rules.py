"""Health rules (content format section 13): ids, settings, ignore_rules, `okrsite rules`."""

from __future__ import annotations

import json

import pytest
import yaml

from helpers import CONFIG, MILESTONE, check_json, codes, make_site, only, run_check, run_cli, where
from okrsite.rules import IDS, RULES, Settings, recommended_yaml
from okrsite.validate import schema

# A site that breaks every rule of section 13 once (and none of section 8).
FAT = """\
---
title: Launch everything at once
quarter: 2026-Q2
team: growth
key_results:
  - id: kr1
    title: Ship the new lobby
  - id: kr2
    title: Weekly players from 10 to 20
    start: 10
    target: 20
    checkins:
      - {date: 2026-04-02, value: 12}
  - id: kr3
    title: Returning players up
---
"""
PAST = """\
---
title: Last quarter
quarter: 2026-Q1
owner: Ann
team: growth
key_results:
  - id: kr1
    title: Churn from 5% to 3%
    start: 5
    target: 3
    current: 4
---
"""
ALIGNED = """\
---
title: Aligned
quarter: 2026-Q2
owner: Bo
team: growth
parent: year
key_results:
  - id: kr1
    title: Something measurable
---
"""
YEAR = """\
---
title: The year
quarter: 2026
owner: Cy
key_results:
  - id: kr1
    title: Players love us
---
"""
SERVES = """\
---
title: Serves all
type: epic
key_results: [fat/kr1, fat/kr2, fat/kr3, past/kr1, aligned/kr1, year/kr1]
sprints: [s7]
---
"""
FILES = {"content/objectives/fat.md": FAT, "content/objectives/past.md": PAST,
         "content/objectives/aligned.md": ALIGNED, "content/objectives/year.md": YEAR,
         "content/milestones/serves.md": SERVES,
         "content/teams/growth.yaml": "name: Growth\n"}
ALL_ON = CONFIG + """\
rules:
  too-many-objectives: {severity: warning, max: 1}
  too-many-key-results: {severity: warning, max: 2}
  objective-without-owner: warning
  stale-checkin: {severity: warning, days: 21}
  ungraded: warning
  unaligned: warning
  output-key-result: warning
  single-sprint-milestone: warning
"""


def diagnostics(tmp_path, config=ALL_ON, **changed):
    return run_check(make_site(tmp_path, {**FILES, **changed}, config=config))


def test_the_rule_table_and_the_schemas_name_the_same_rules():
    config_rules = schema("config")["properties"]["rules"]["properties"]
    assert list(config_rules) == list(IDS)
    for rule in RULES:
        mapping = config_rules[rule.id]["anyOf"][1]["properties"]
        assert list(mapping) == ["severity", *(name for name, _ in rule.params)]
    assert schema("common")["$defs"]["ignoreRules"]["items"]["enum"] == list(IDS)
    assert [r.id for r in RULES if r.default == "warning"] == [
        "kr-without-milestone", "outside-quarter", "starts-before-dependency", "task-outside-milestone",
        "parent-outside-period"]
    assert all(r.default == "off" for r in RULES[5:])


def test_new_rules_are_off_unless_the_site_turns_them_on(tmp_path):
    assert diagnostics(tmp_path, config=CONFIG) == []


def test_every_rule_reports_at_its_place_when_on(tmp_path):
    everything = diagnostics(tmp_path)
    found = {d["code"]: d for d in everything if d["file"] != "content/objectives/past.md" or d["code"] == "ungraded"}
    assert [d["code"] for d in everything if d["file"] == "content/objectives/past.md"] == ["unaligned", "ungraded"]
    assert set(found) == {"too-many-objectives", "too-many-key-results", "objective-without-owner", "stale-checkin",
                          "ungraded", "unaligned", "output-key-result", "single-sprint-milestone"}
    expected = {
        # the second objective of team growth in 2026-Q2 (files in path order), at its quarter
        "too-many-objectives": ("content/objectives/fat.md", 3, 10, "team 'growth' has 2 objectives in 2026-Q2, more than 1"),
        "too-many-key-results": ("content/objectives/fat.md", 14, 9, "objective 'fat' has 3 key results, more than 2"),
        "objective-without-owner": ("content/objectives/fat.md", 2, 1, "objective 'fat' has no owner"),
        "stale-checkin": ("content/objectives/fat.md", 8, 9, "key result 'fat/kr2' has no check-in for 40 days"),
        "ungraded": ("content/objectives/past.md", 7, 9, "key result 'past/kr1' of 2026-Q1, which ended on 2026-03-31"),
        "unaligned": ("content/objectives/fat.md", 2, 1, "objective 'fat' is not aligned"),
        "output-key-result": ("content/objectives/fat.md", 7, 12, "key result 'fat/kr1' starts with 'Ship'"),
        "single-sprint-milestone": ("content/milestones/serves.md", 5, 10, "milestone 'serves' spans one sprint (s7)"),
    }
    for code, (file, line, column, message) in expected.items():
        assert where(found[code]) == (file, line, column), code
        assert found[code]["message"].startswith(message), found[code]["message"]
        assert found[code]["severity"] == "warning"


def test_stale_checkin_counts_from_the_period_start_without_checkins(tmp_path):
    config = CONFIG + "rules:\n  stale-checkin: {severity: error, days: 30}\n"
    no_checkins = FAT.replace("    checkins:\n      - {date: 2026-04-02, value: 12}\n", "")
    found = only(diagnostics(tmp_path, config, **{"content/objectives/fat.md": no_checkins}))
    assert (found["code"], found["severity"]) == ("stale-checkin", "error")
    assert "41 days (none since 2026-Q2 started on 2026-04-01)" in found["message"]
    fresh = FAT.replace("2026-04-02", "2026-05-01")
    assert diagnostics(tmp_path / "2", config, **{"content/objectives/fat.md": fresh}) == []


def test_rule_parameters_and_severity(tmp_path):
    config = CONFIG + "rules:\n  too-many-key-results: {max: 3}\n"
    assert diagnostics(tmp_path, config) == []
    config = CONFIG + "rules:\n  too-many-key-results: {max: 2}\n"  # no severity: writing a number asks for it
    assert only(diagnostics(tmp_path / "2", config))["severity"] == "warning"
    dropped = FAT.replace("    title: Returning players up\n", "    title: Returning players up\n    status: dropped\n")
    assert diagnostics(tmp_path / "3", config, **{"content/objectives/fat.md": dropped}) == []  # dropped KRs do not count


def test_the_section_8_warnings_are_rules_with_the_same_codes(tmp_path):
    unserved = {"content/milestones/serves.md": SERVES.replace("fat/kr3, ", "")}
    found = only(diagnostics(tmp_path, CONFIG, **unserved))
    assert (found["code"], found["severity"]) == ("kr-without-milestone", "warning")
    assert diagnostics(tmp_path / "2", CONFIG + "rules:\n  kr-without-milestone: off\n", **unserved) == []
    found = only(diagnostics(tmp_path / "3", CONFIG + "rules:\n  kr-without-milestone: {severity: error}\n", **unserved))
    assert (found["code"], found["severity"]) == ("kr-without-milestone", "error")


def test_strict_fails_on_rule_warnings_and_errors_always_fail(tmp_path):
    site = make_site(tmp_path, FILES, config=CONFIG + "rules:\n  objective-without-owner: warning\n")
    assert check_json(site)[0] == 0
    assert check_json(site, "--strict")[0] == 1
    site = make_site(tmp_path / "2", FILES, config=CONFIG + "rules:\n  objective-without-owner: error\n")
    status, payload, _ = check_json(site)
    assert (status, payload["errors"], payload["warnings"]) == (1, 1, 0)


@pytest.mark.parametrize("where_, text, silenced", [
    ("kr", "  - id: kr1\n    ignore_rules: [output-key-result]\n", {"output-key-result"}),
    ("objective", "team: growth\nignore_rules: [output-key-result, stale-checkin, too-many-key-results]\n",
     {"output-key-result", "stale-checkin", "too-many-key-results"}),
])
def test_ignore_rules_silences_a_rule_for_an_entity_and_what_it_holds(tmp_path, where_, text, silenced):
    original = "  - id: kr1\n" if where_ == "kr" else "team: growth\n"
    found = codes(diagnostics(tmp_path, **{"content/objectives/fat.md": FAT.replace(original, text, 1)}))
    assert not silenced & set(found)
    assert "objective-without-owner" in found  # other rules still apply


def test_ignore_rules_on_milestones_tasks_and_teams(tmp_path):
    config = CONFIG + "rules:\n  single-sprint-milestone: warning\n  too-many-objectives: {max: 1}\n"
    assert {"single-sprint-milestone", "too-many-objectives"} <= set(codes(diagnostics(tmp_path, config)))
    found = diagnostics(tmp_path / "2", config, **{
        "content/milestones/serves.md": SERVES.replace("sprints: [s7]", "sprints: [s7]\nignore_rules: [single-sprint-milestone]"),
        "content/teams/growth.yaml": "name: Growth\nignore_rules: [too-many-objectives]\n"})
    assert found == []
    task = SERVES.replace("sprints: [s7]", "sprints: [s7, s8]\ntasks:\n  - title: Late\n    sprint: s9\n"
                                          "    ignore_rules: [task-outside-milestone]")
    assert diagnostics(tmp_path / "3", CONFIG, **{"content/milestones/serves.md": task}) == []
    assert codes(diagnostics(tmp_path / "4", CONFIG, **{"content/milestones/serves.md": task.replace(
        "\n    ignore_rules: [task-outside-milestone]", "")})) == ["task-outside-milestone"]


def test_an_unknown_rule_id_in_okrsite_yaml_is_a_schema_error_with_a_suggestion(tmp_path):
    found = only(diagnostics(tmp_path, CONFIG + "rules:\n  stale-checkins: warning\n"))
    assert found["code"] == "schema" and where(found) == ("okrsite.yaml", 6, 3)
    assert found["message"] == "unknown field 'stale-checkins' in rules; did you mean 'stale-checkin'?"


@pytest.mark.parametrize("value, message", [
    ("loud", "stale-checkin: 'loud' is not allowed; use one of error, warning, off"),
    ("{severity: warning, days: 0}", "days must be at least 1, not 0"),
    ("{severity: warning, max: 3}", "unknown field 'max' in rules.stale-checkin"),
])
def test_a_bad_rule_setting_is_a_schema_error(tmp_path, value, message):
    found = only(diagnostics(tmp_path, CONFIG + f"rules:\n  stale-checkin: {value}\n"))
    assert found["code"] == "schema" and found["line"] == 6
    assert found["message"].startswith(message)


def test_an_unknown_rule_id_in_ignore_rules_is_a_schema_error_with_a_suggestion(tmp_path):
    found = only(diagnostics(tmp_path, CONFIG, **{"content/objectives/fat.md": FAT.replace(
        "team: growth\n", "team: growth\nignore_rules: [output-key-results]\n")}))
    assert found["code"] == "schema" and where(found) == ("content/objectives/fat.md", 5, 16)
    assert found["message"].endswith("did you mean 'output-key-result'?")


# --- okrsite rules -----------------------------------------------------------------------------------

def test_okrsite_rules_lists_this_sites_settings_and_the_recommended_ones(tmp_path):
    site = make_site(tmp_path, {}, config=CONFIG + "rules:\n  too-many-key-results: {severity: error, max: 8}\n"
                                                    "  kr-without-milestone: off\n")
    result = run_cli("rules", "--site", str(site))
    assert result.returncode == 0
    lines = {line.split()[0]: line for line in result.stdout.splitlines()[1:]}
    assert list(lines) == list(IDS)
    assert lines["too-many-key-results"].split("  ")[1:3] == ["error, max 8", "warning, max 5"] or \
        " error, max 8 " in lines["too-many-key-results"] and " warning, max 5 " in lines["too-many-key-results"]
    assert "off " in lines["kr-without-milestone"] and "(default)" not in lines["kr-without-milestone"]
    assert "off (default)" in lines["unaligned"]
    payload = json.loads(run_cli("rules", "--site", str(site), "--format", "json").stdout)
    rows = {row["id"]: row for row in payload["rules"]}
    assert rows["too-many-key-results"]["setting"] == {"severity": "error", "max": 8}
    assert rows["too-many-key-results"]["recommended"] == {"severity": "warning", "max": 5}
    assert rows["stale-checkin"] == {
        "id": "stale-checkin", "setting": {"severity": "off", "days": 21}, "configured": False,
        "default": {"severity": "off", "days": 21}, "recommended": {"severity": "warning", "days": 21},
        "when": "a numeric key result of a running period has no check-in for more than N days (N: its days)"}


def test_okrsite_rules_outside_a_site_shows_the_defaults(tmp_path):
    result = run_cli("rules", cwd=tmp_path)
    assert result.returncode == 0 and "no okrsite.yaml here" in result.stdout.splitlines()[0]
    assert run_cli("rules", "--site", str(tmp_path / "nowhere")).returncode == 2


def test_okrsite_rules_reports_a_broken_rules_block(tmp_path):
    site = make_site(tmp_path, {}, config=CONFIG + "rules:\n  unaligned: maybe\n")
    result = run_cli("rules", "--site", str(site))
    assert result.returncode == 1 and "okrsite.yaml:6:14" in result.stderr


def test_the_recommended_block_reads_back_as_the_recommended_settings():
    data = yaml.safe_load(recommended_yaml())
    settings = Settings.from_config(data["rules"])
    for rule in RULES:
        assert settings.setting(rule.id).severity == rule.recommended
        assert settings.setting(rule.id).params == rule.params


def test_init_writes_the_recommended_rules_and_its_example_checks_clean_with_them(tmp_path):
    assert run_cli("init", str(tmp_path / "new")).returncode == 0
    payload = json.loads(run_cli("rules", "--site", str(tmp_path / "new"), "--format", "json").stdout)
    assert [r["id"] for r in payload["rules"]] == list(IDS)
    assert all(r["configured"] and r["setting"] == r["recommended"] for r in payload["rules"])
    status, result, _ = check_json(tmp_path / "new", "--strict")
    assert (status, result["errors"], result["warnings"]) == (0, 0, 0)


def test_every_kind_of_entity_but_a_page_takes_ignore_rules(tmp_path):
    objective = FAT.replace("    title: Returning players up\n", "    title: Returning players up\n"
                            "hypotheses:\n  - id: h1\n    statement: S\n    ignore_rules: [unaligned]\n")
    assert diagnostics(tmp_path, CONFIG, **{"content/objectives/fat.md": objective}) == []
    found = only(diagnostics(tmp_path / "2", CONFIG, **{"content/pages/p.md": "---\ntitle: P\nignore_rules: [unaligned]\n---\n"}))
    assert found["code"] == "schema" and found["message"].startswith("unknown field 'ignore_rules'")
