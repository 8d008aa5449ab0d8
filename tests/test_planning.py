"""The planning model (content format section 12) in the link stage: periods, alignment,
commitment, weights, KR status, grades and milestone candidates, each diagnostic at its
source position."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import CONFIG, MILESTONE, check_json, codes, make_site, only, run_check, where
from okrsite.calendar import Calendar
from okrsite.pipeline import check

COMPANY = """\
---
title: Become the game players recommend to friends
quarter: 2026
commitment: aspirational
key_results:
  - id: kr1
    title: Net promoter score from 31 to 45
    start: 31
    target: 45
    current: 38
---
"""

TEAM = """\
---
title: Make sharing a match effortless
quarter: 2026-Q2
parent: company
key_results:
  - id: kr1
    title: Shares per week from 100 to 300
    start: 100
    target: 300
    current: 200
---
"""

SERVE_ALL = """\
---
title: Serves everything
type: epic
key_results: [company/kr1, social/kr1]
sprints: [s7, s8]
---
"""


def site_with(tmp_path, files: dict, config: str = CONFIG):
    checked = check(make_site(tmp_path, files, config=config))
    return checked.site, [d.as_dict() for d in checked.diagnostics]


def aligned(tmp_path, **extra_files):
    files = {"content/objectives/company.md": COMPANY, "content/objectives/social.md": TEAM,
             "content/milestones/serve-all.md": SERVE_ALL, **extra_files}
    return site_with(tmp_path, files)


# --- periods ---------------------------------------------------------------------------------------

def test_periods_by_fiscal_year():
    calendar = Calendar(fiscal_year_start=4)
    year = calendar.period("2026")
    assert (year.kind, year.start, year.end) == ("year", dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    assert year.quarters == ("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4")
    second_half = calendar.period("2026-H2")
    assert (second_half.kind, second_half.start, second_half.end) == ("half", dt.date(2026, 10, 1), dt.date(2027, 3, 31))
    assert calendar.period("2026-Q2").quarters == ("2026-Q2",)
    assert year.covers(second_half) and not second_half.covers(year)
    assert [calendar.period(p) for p in ("2026-H3", "2026-Q5", "26", "2026-h1", "")] == [None] * 5


def test_a_year_and_a_half_year_objective_are_valid_and_show_on_every_quarter(tmp_path):
    half = TEAM.replace("quarter: 2026-Q2", "quarter: 2027-H1").replace("parent: company\n", "")
    site, found = aligned(tmp_path, **{"content/objectives/social.md": half})
    assert codes(found) == []
    assert site.objectives["company"].quarter == "2026"  # `quarter: 2026` is read as a number
    assert site.objectives["company"].period.kind == "year"
    assert site.objectives["social"].period.kind == "half"
    assert [q.id for q in site.quarters] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"]


@pytest.mark.parametrize("value", ["2026-H3", "2026-Q0", "26", "2026-q2"])
def test_a_malformed_period_is_a_schema_error_at_the_value(tmp_path, value):
    _, found = aligned(tmp_path, **{"content/objectives/company.md": COMPANY.replace("quarter: 2026", f"quarter: {value}")})
    diagnostic = only(found, "schema")
    assert where(diagnostic) == ("content/objectives/company.md", 3, 10)
    assert "quarter" in diagnostic["message"]


# --- alignment -------------------------------------------------------------------------------------

def test_parent_links_both_ways(tmp_path):
    site, found = aligned(tmp_path)
    assert found == []
    assert site.objectives["social"].parent_id == "company"
    assert site.objectives["company"].children == ["social"]


def test_an_unknown_parent_is_unknown_ref_with_a_suggestion(tmp_path):
    _, found = aligned(tmp_path, **{"content/objectives/social.md": TEAM.replace("parent: company", "parent: compnay")})
    diagnostic = only(found, "unknown-ref")
    assert where(diagnostic) == ("content/objectives/social.md", 4, 9)
    assert diagnostic["message"] == "parent: no objective has the id 'compnay'; did you mean 'company'?"


def test_a_milestone_as_parent_is_wrong_kind_ref(tmp_path):
    _, found = aligned(tmp_path, **{"content/objectives/social.md": TEAM.replace("parent: company", "parent: serve-all")})
    diagnostic = only(found, "wrong-kind-ref")
    assert where(diagnostic) == ("content/objectives/social.md", 4, 9)
    assert diagnostic["message"].startswith("parent: 'serve-all' is a milestone, not an objective")


def test_a_key_result_as_parent_suggests_its_objective(tmp_path):
    _, found = aligned(tmp_path, **{"content/objectives/social.md": TEAM.replace("parent: company", "parent: company/kr1")})
    diagnostic = only(found, "wrong-kind-ref")
    assert where(diagnostic) == ("content/objectives/social.md", 4, 9)
    assert diagnostic["message"] == "parent: 'company/kr1' is a key result, not an objective; did you mean 'company'?"


def test_a_parent_loop_is_an_error_with_the_loop_printed_once(tmp_path):
    loop = {f"content/objectives/{name}.md": TEAM.replace("parent: company", f"parent: {parent}").replace(
        "quarter: 2026-Q2", "quarter: 2026") for name, parent in (("alpha", "beta"), ("beta", "gamma"), ("gamma", "alpha"))}
    site, found = aligned(tmp_path, **loop)
    diagnostic = only(found, "parent-cycle")
    assert diagnostic["severity"] == "error"
    assert where(diagnostic) == ("content/objectives/alpha.md", 4, 9)
    assert "alpha -> beta -> gamma -> alpha" in diagnostic["message"]
    assert site.objectives["alpha"].parent_id is None  # the loop is cut, so nothing else walks it forever


def test_an_objective_that_is_its_own_parent(tmp_path):
    _, found = aligned(tmp_path, **{"content/objectives/social.md": TEAM.replace("parent: company", "parent: social")})
    diagnostic = only(found, "parent-cycle")
    assert where(diagnostic) == ("content/objectives/social.md", 4, 9)
    assert "names itself" in diagnostic["message"]


def test_a_long_parent_chain_is_fine(tmp_path):
    files = {f"content/objectives/o{i}.md": TEAM.replace("parent: company", f"parent: o{i + 1}" if i < 599 else "parent: company")
             .replace("quarter: 2026-Q2", "quarter: 2026") for i in range(600)}
    site, found = aligned(tmp_path, **files)
    assert "parent-cycle" not in codes(found)
    assert site.objectives["o0"].parent_id == "o1"


@pytest.mark.parametrize("child, parent, outside", [
    ("2026-Q2", "2026", False), ("2026-Q2", "2026-H1", False), ("2026-H2", "2026", False),
    ("2026-Q3", "2026-H1", True), ("2026", "2026-H1", True), ("2027-Q1", "2026", True), ("2026-Q2", "2026-Q2", False),
])
def test_a_child_outside_its_parents_period_is_a_warning(tmp_path, child, parent, outside):
    files = {"content/objectives/company.md": COMPANY.replace("quarter: 2026", f"quarter: {parent}"),
             "content/objectives/social.md": TEAM.replace("quarter: 2026-Q2", f"quarter: {child}")}
    _, found = aligned(tmp_path, **files)
    if not outside:
        assert "parent-outside-period" not in codes(found)
        return
    diagnostic = only(found, "parent-outside-period")
    assert diagnostic["severity"] == "warning"
    assert where(diagnostic) == ("content/objectives/social.md", 4, 9)
    assert f"set for {child}, which is not inside {parent}" in diagnostic["message"]


def test_a_milestone_of_a_year_objective_is_inside_its_year(tmp_path):
    late = SERVE_ALL.replace("sprints: [s7, s8]", "start: 2026-11-02\ndue: 2026-11-30").replace(", social/kr1", "")
    _, found = aligned(tmp_path, **{"content/milestones/late.md": late})
    assert "outside-quarter" not in codes(found)
    early = late.replace("2026-11-02", "2025-11-02").replace("2026-11-30", "2025-11-30")
    _, found = aligned(tmp_path / "2", **{"content/milestones/late.md": early})
    assert only(found, "outside-quarter")["message"].endswith("wholly outside 2026, the period of its key results' objectives")


# --- commitment, weights, KR status -------------------------------------------------------------------

def test_commitment_defaults_to_committed_or_to_the_site_setting(tmp_path):
    site, _ = aligned(tmp_path)
    assert (site.objectives["company"].commitment, site.objectives["social"].commitment) == ("aspirational", "committed")
    site, found = site_with(tmp_path / "2", {"content/objectives/company.md": COMPANY, "content/objectives/social.md": TEAM,
                                             "content/milestones/serve-all.md": SERVE_ALL},
                            config=CONFIG + "okr:\n  default_commitment: aspirational\n")
    assert found == []
    assert site.objectives["social"].commitment == "aspirational"


def test_an_unknown_commitment_is_a_schema_error_with_the_choices(tmp_path):
    _, found = aligned(tmp_path, **{"content/objectives/company.md": COMPANY.replace("aspirational", "aspirationl")})
    diagnostic = only(found, "schema")
    assert where(diagnostic) == ("content/objectives/company.md", 4, 13)
    assert diagnostic["message"] == ("commitment: 'aspirationl' is not allowed; use one of committed, aspirational; "
                                     "did you mean 'aspirational'?")


WEIGHTED = """\
---
title: Weighted
quarter: 2026-Q2
key_results:
  - id: kr1
    title: Heavy
    start: 0
    target: 10
    current: 10
    weight: 3
  - id: kr2
    title: Light
    start: 0
    target: 10
    current: 0
  - id: kr3
    title: Dropped on the way
    start: 0
    target: 10
    current: 5
    status: dropped
---
"""

SERVES_WEIGHTED = MILESTONE.replace("[build-trust/kr1]", "[weighted/kr1, weighted/kr2]")


def test_objective_progress_is_the_weighted_mean_without_dropped_krs(tmp_path):
    site, found = site_with(tmp_path, {"content/objectives/weighted.md": WEIGHTED,
                                       "content/milestones/feedback-form.md": SERVES_WEIGHTED})
    assert found == []  # the dropped kr3 needs no milestone
    objective = site.objectives["weighted"]
    assert objective.progress == pytest.approx(0.75)  # (3 * 1.0 + 1 * 0.0) / 4
    assert site.key_results["weighted/kr3"].dropped and site.key_results["weighted/kr3"].progress == 0.5


@pytest.mark.parametrize("weight", ["0", "-1", "heavy"])
def test_a_weight_must_be_a_number_above_zero(tmp_path, weight):
    _, found = site_with(tmp_path, {"content/objectives/weighted.md": WEIGHTED.replace("weight: 3", f"weight: {weight}"),
                                    "content/milestones/feedback-form.md": SERVES_WEIGHTED})
    diagnostic = only(found, "schema")
    assert where(diagnostic) == ("content/objectives/weighted.md", 10, 13)
    assert diagnostic["message"].startswith("weight must be")


def test_a_kr_without_milestone_warns_unless_dropped(tmp_path):
    _, found = site_with(tmp_path, {"content/objectives/weighted.md": WEIGHTED,
                                    "content/milestones/feedback-form.md": MILESTONE.replace("[build-trust/kr1]", "[weighted/kr1]")})
    assert [d["message"].split("'")[1] for d in found] == ["weighted/kr2"]


# --- grades ------------------------------------------------------------------------------------------

def test_objective_grade_is_the_weighted_mean_of_graded_krs(tmp_path):
    graded = WEIGHTED.replace("    weight: 3\n", "    weight: 3\n    grade: 0.8\n").replace(
        "    current: 0\n", "    current: 0\n    grade: 0.4\n").replace("    status: dropped\n", "    status: dropped\n    grade: 0.0\n")
    site, found = site_with(tmp_path, {"content/objectives/weighted.md": graded,
                                       "content/milestones/feedback-form.md": SERVES_WEIGHTED})
    assert found == []
    assert site.objectives["weighted"].grade == pytest.approx((3 * 0.8 + 0.4) / 4)  # the dropped grade is not counted


def test_an_objective_without_graded_krs_has_no_grade(tmp_path):
    site, _ = site_with(tmp_path, {"content/objectives/weighted.md": WEIGHTED,
                                   "content/milestones/feedback-form.md": SERVES_WEIGHTED})
    assert site.objectives["weighted"].grade is None
    only_one = WEIGHTED.replace("    current: 0\n", "    current: 0\n    grade: 0.3\n")
    site, _ = site_with(tmp_path / "2", {"content/objectives/weighted.md": only_one,
                                         "content/milestones/feedback-form.md": SERVES_WEIGHTED})
    assert site.objectives["weighted"].grade == pytest.approx(0.3)


@pytest.mark.parametrize("grade", ["1.5", "-0.1", "A"])
def test_a_grade_is_a_number_from_0_to_1(tmp_path, grade):
    _, found = site_with(tmp_path, {"content/objectives/weighted.md": WEIGHTED.replace("weight: 3", f"grade: {grade}"),
                                    "content/milestones/feedback-form.md": SERVES_WEIGHTED})
    diagnostic = only(found, "schema")
    assert where(diagnostic) == ("content/objectives/weighted.md", 10, 12)
    assert diagnostic["message"].startswith("grade must be")


def test_grade_bands_are_configurable_and_must_be_in_order(tmp_path):
    site = make_site(tmp_path, {}, config=CONFIG + "okr:\n  grade_bands: [0.8, 0.5]\n")
    assert check(site).config.grade_bands == (0.8, 0.5)
    site = make_site(tmp_path / "m", {}, config=CONFIG + "okr:\n  grade_bands: {green: 0.9, yellow: 0.6}\n")
    assert check(site).config.grade_bands == (0.9, 0.6)
    site = make_site(tmp_path / "2", {}, config=CONFIG + "okr:\n  grade_bands: [0.4, 0.7]\n")
    diagnostic = only(run_check(site), "schema")
    assert where(diagnostic) == ("okrsite.yaml", 6, 16)
    assert "must not be below" in diagnostic["message"] and "[0.7, 0.4]" in diagnostic["message"]


# --- candidates ------------------------------------------------------------------------------------

OBJECTIVE_H = """\
---
title: Build trust through match experiences
quarter: 2026-Q2
key_results:
  - id: kr1
    title: Double weekly post-match ratings
hypotheses:
  - id: h1
    statement: If feedback is easier, more players rate their matches
    key_results: [kr1]
---
"""

CANDIDATE = """\
---
title: Voice-chat ratings
type: signal-test
status: candidate
hypothesis: build-trust/h1
votes: 7
cluster: feedback
---
"""


def test_a_candidate_needs_only_a_hypothesis_and_counts_in_no_rollup(tmp_path):
    done = MILESTONE.replace("sprints: [s7, s8]", "sprints: [s7, s8]\nstatus: done")
    candidate_kr = CANDIDATE.replace("hypothesis: build-trust/h1", "key_results: [build-trust/kr1]")
    site, found = site_with(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE_H,
                                       "content/milestones/form.md": done,
                                       "content/milestones/voice.md": CANDIDATE,
                                       "content/milestones/other.md": candidate_kr})
    assert found == []
    assert site.milestones["voice"].candidate and not site.milestones["voice"].scheduled
    assert site.key_results["build-trust/kr1"].progress == 1.0  # the planned one is done; candidates do not count
    assert site.hypotheses["build-trust/h1"].milestone_ids == ["voice"]


def test_a_candidate_serves_its_key_result_for_coverage_but_not_for_progress(tmp_path):
    candidate_kr = CANDIDATE.replace("hypothesis: build-trust/h1", "key_results: [build-trust/kr1]")
    site, found = site_with(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE_H,
                                       "content/milestones/other.md": candidate_kr.replace("status: candidate",
                                                                                           "status: candidate\ntasks:\n  - {title: t, status: done}")})
    assert found == []  # the workshop's import checks clean
    assert site.key_results["build-trust/kr1"].progress == 0.0  # a done task of a candidate counts nowhere
    _, found = site_with(tmp_path / "2", {"content/objectives/build-trust.md": OBJECTIVE_H})
    assert codes(found) == ["kr-without-milestone"]


def test_a_candidate_without_hypothesis_or_key_results_is_an_error_at_its_status(tmp_path):
    bare = CANDIDATE.replace("hypothesis: build-trust/h1\n", "")
    _, found = site_with(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE_H, "content/milestones/voice.md": bare})
    diagnostic = only(found, "schema")
    assert where(diagnostic) == ("content/milestones/voice.md", 4, 9)
    assert "needs a hypothesis or key_results" in diagnostic["message"]


@pytest.mark.parametrize("schedule, line, key", [
    ("sprints: [s7, s8]", 8, "sprints"), ("start: 2026-04-01\ndue: 2026-04-30", 8, "start"),
])
def test_a_scheduled_candidate_is_an_error_at_the_schedule(tmp_path, schedule, line, key):
    scheduled = CANDIDATE.replace("cluster: feedback\n", f"cluster: feedback\n{schedule}\n")
    site, found = site_with(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE_H,
                                       "content/milestones/voice.md": scheduled})
    diagnostic = only(found, "schema")
    assert where(diagnostic) == ("content/milestones/voice.md", line, 1)
    assert diagnostic["message"].startswith(f"{key}: a candidate is not planned yet")
    assert not site.milestones["voice"].scheduled  # so it never becomes a bar


def test_a_planned_milestone_still_needs_key_results(tmp_path):
    bare = MILESTONE.replace("key_results: [build-trust/kr1]\n", "")
    _, found = site_with(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE_H, "content/milestones/m.md": bare})
    diagnostic = only(found, "schema")
    assert (diagnostic["message"], diagnostic["line"]) == ("missing required field 'key_results'", 2)


# --- does the site use part 2? ----------------------------------------------------------------------

@pytest.mark.parametrize("files, config, planning", [
    ({}, CONFIG, False),
    ({}, CONFIG + "okr: {}\n", True),
    ({}, CONFIG + "rules: {}\n", True),
    ({"content/objectives/company.md": COMPANY.replace("commitment: aspirational\n", "")}, CONFIG, True),
    ({"content/objectives/w.md": WEIGHTED}, CONFIG, True),
    ({"content/objectives/build-trust.md": OBJECTIVE_H, "content/milestones/voice.md": CANDIDATE}, CONFIG, True),
])
def test_the_site_uses_the_planning_model_only_when_it_says_so(tmp_path, files, config, planning):
    base = {"content/objectives/build-trust.md": OBJECTIVE_H.replace("hypotheses:", "owner: Carol\nhypotheses:")}
    site, _ = site_with(tmp_path, {**base, **files}, config=config)
    assert site.planning is planning


def test_check_json_of_a_planning_site(tmp_path):
    loop = TEAM.replace("parent: company", "parent: social")
    status, payload, _ = check_json(make_site(tmp_path, {"content/objectives/company.md": COMPANY,
                                                         "content/objectives/social.md": loop}))
    assert status == 1
    assert {(d["code"], d["severity"], d["line"], d["column"]) for d in payload["diagnostics"]} >= {
        ("parent-cycle", "error", 4, 9)}
