"""Link stage: references, roll-ups, backlinks and the section-8 checks, each at its source position."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from helpers import MILESTONE, OBJECTIVE, codes, fixture, make_site, only, run_check, where
from okrsite.link import RULES, clamp, kr_progress, milestone_completion, slug
from okrsite.model import KeyResult, Milestone, Task
from okrsite.pipeline import check

MS_FILE = "content/milestones/feedback-form.md"
OBJ_FILE = "content/objectives/build-trust.md"


def front(fields: dict, body: str = "") -> str:
    """A Markdown content file from a dict (for tests where positions do not matter)."""
    return "---\n" + yaml.safe_dump(fields, sort_keys=False, default_flow_style=None) + "---\n" + body


def objective(*krs: dict, quarter: str = "2026-Q2", **extra) -> str:
    return front({"title": "Objective", "quarter": quarter, "key_results": list(krs), **extra})


def milestone(*krs: str, **extra) -> str:
    return front({"title": "Milestone", "type": "epic", "key_results": list(krs), **extra})


def linked(tmp_path, files: dict):
    checked = check(make_site(tmp_path, files))
    return checked.site, [d.as_dict() for d in checked.diagnostics]


def test_the_rules_are_a_named_ordered_list():
    names = [name for name, _ in RULES]
    assert names[0] == "entities" and names.index("references") < names.index("body-links")
    assert names.index("schedule") < names.index("rollups") < names.index("coverage")
    assert len(set(names)) == len(names)


# --- a clean site ----------------------------------------------------------------------------------

def test_clean_fixture_has_no_diagnostics_and_a_full_model():
    checked = check(fixture("clean"))
    assert checked.diagnostics == []
    site = checked.site
    assert set(site.objectives) == {"build-trust"}
    assert set(site.milestones) == {"feedback-form", "history-cache"}
    assert set(site.tasks) == {"feedback-form/design-form", "feedback-form/send-the-emails", "feedback-form/write-copy"}
    assert set(site.teams) == {"matchmaking"} and set(site.pages) == {"how-we-work"}
    assert set(site.key_results) == {"build-trust/kr1", "build-trust/kr2"} and set(site.hypotheses) == {"build-trust/h1"}
    assert checked.files == 7  # okrsite.yaml + 6 content files; README.md and the dotfile are ignored


def test_clean_fixture_links_both_ways():
    site = check(fixture("clean")).site
    form, cache = site.milestones["feedback-form"], site.milestones["history-cache"]
    assert form.key_result_ids == ["build-trust/kr1", "build-trust/kr2"] and form.objective_ids == ["build-trust"]
    assert site.key_results["build-trust/kr2"].milestone_ids == ["history-cache", "feedback-form"]  # by start
    assert site.objectives["build-trust"].milestone_ids == ["history-cache", "feedback-form"]
    assert site.hypotheses["build-trust/h1"].milestone_ids == ["feedback-form"]
    assert site.hypotheses["build-trust/h1"].key_result_ids == ["build-trust/kr1"]
    assert site.key_results["build-trust/kr1"].hypothesis_ids == ["build-trust/h1"]
    assert form.depends_on == ["history-cache"] and cache.depended_on_by == ["feedback-form"]
    team = site.teams["matchmaking"]
    assert team.objective_ids == ["build-trust"] and team.milestone_ids == ["feedback-form"]


def test_clean_fixture_is_scheduled_from_sprints_and_dates():
    site = check(fixture("clean")).site
    form, cache = site.milestones["feedback-form"], site.milestones["history-cache"]
    assert (form.sprint_ids, form.start, form.end) == (("s8", "s9"), dt.date(2026, 4, 13), dt.date(2026, 5, 10))
    assert (cache.sprint_ids, cache.start, cache.end) == ((), dt.date(2026, 3, 16), dt.date(2026, 4, 10))
    assert [q.id for q in site.quarters] == ["2026-Q1", "2026-Q2"]
    assert site.current_quarter.id == "2026-Q2"


def test_clean_fixture_backlinks():
    site = check(fixture("clean")).site
    assert site.milestones["feedback-form"].mentioned_in == ["build-trust"]
    assert site.milestones["history-cache"].mentioned_in == ["build-trust", "feedback-form"]  # via the task file
    assert site.objectives["build-trust"].mentioned_in == ["feedback-form", "how-we-work"]


# --- one fixture site per link diagnostic ------------------------------------------------------------

def test_duplicate_id_across_subfolders_names_both_places():
    diagnostic = only(run_check(fixture("duplicate-id")))
    assert (diagnostic["code"], *where(diagnostic)) == ("duplicate-id", "content/milestones/2026-q2/history-cache.md", 1, 1)
    assert "content/milestones/2026-q1/history-cache.md:1" in diagnostic["message"]


def test_unknown_ref_suggests_the_nearest_id():
    diagnostic = only(run_check(fixture("unknown-ref")))
    assert (diagnostic["code"], *where(diagnostic)) == ("unknown-ref", MS_FILE, 4, 32)
    assert diagnostic["message"] == "key_results: no key result has the id 'build-trust/kr9'; did you mean 'build-trust/kr1'?"


def test_unknown_wikilink_is_placed_on_its_body_line():
    diagnostic = only(run_check(fixture("unknown-ref-wikilink")))
    assert (diagnostic["code"], *where(diagnostic)) == ("unknown-ref", MS_FILE, 8, 34)
    assert diagnostic["message"] == "[[feedback-from]] links to nothing; did you mean 'feedback-form'?"


def test_relative_md_link_to_no_file_is_unknown_ref_with_a_suggestion():
    diagnostic = only(run_check(fixture("unknown-ref-md-link")))
    assert (diagnostic["code"], *where(diagnostic)) == ("unknown-ref", MS_FILE, 7, 17)
    assert "'content/milestones/history-cashe.md' does not lead to a content file" in diagnostic["message"]
    assert diagnostic["message"].endswith("did you mean 'content/milestones/history-cache.md'?")


def test_wrong_kind_ref_suggests_a_key_result_of_that_objective():
    diagnostic = only(run_check(fixture("wrong-kind-ref")))
    assert (diagnostic["code"], *where(diagnostic)) == ("wrong-kind-ref", MS_FILE, 4, 32)
    assert diagnostic["message"] == ("key_results: 'build-trust' is an objective, not a key result; "
                                     "did you mean 'build-trust/kr1'?")


def test_unknown_sprint_suggests_the_nearest_sprint():
    diagnostic = only(run_check(fixture("unknown-sprint")))
    assert (diagnostic["code"], *where(diagnostic)) == ("unknown-sprint", MS_FILE, 5, 15)
    assert diagnostic["message"] == "the calendar has no sprint 's8x'; did you mean 's8'?"


def test_due_before_start_is_bad_dates_at_due():
    diagnostic = only(run_check(fixture("bad-dates-due-before-start")))
    assert (diagnostic["code"], *where(diagnostic)) == ("bad-dates", MS_FILE, 6, 6)
    assert diagnostic["message"] == "due (2026-04-30) is before start (2026-05-04)"


def test_reversed_sprint_range_is_bad_dates_at_the_list():
    diagnostic = only(run_check(fixture("bad-dates-reversed-sprints")))
    assert (diagnostic["code"], *where(diagnostic)) == ("bad-dates", MS_FILE, 5, 10)
    assert "runs backwards (s8 to s7); write it as [s7, s8]" in diagnostic["message"]


def test_dependency_cycle_is_printed_once_at_its_smallest_member():
    diagnostic = only(run_check(fixture("dependency-cycle")))
    assert (diagnostic["code"], *where(diagnostic)) == ("dependency-cycle", "content/milestones/alpha.md", 5, 14)
    assert "alpha -> beta -> gamma -> alpha" in diagnostic["message"]


def test_kr_without_milestone_warns_at_the_kr_id():
    diagnostic = only(run_check(fixture("kr-without-milestone")))
    assert (diagnostic["code"], diagnostic["severity"], *where(diagnostic)) == (
        "kr-without-milestone", "warning", OBJ_FILE, 5, 9)
    assert "'build-trust/kr1' has no milestone serving it" in diagnostic["message"]


def test_outside_quarter_warns_at_the_sprints():
    diagnostic = only(run_check(fixture("outside-quarter")))
    assert (diagnostic["code"], diagnostic["severity"], *where(diagnostic)) == (
        "outside-quarter", "warning", MS_FILE, 5, 10)
    assert "runs 2026-01-05 to 2026-02-01, wholly outside 2026-Q2" in diagnostic["message"]


def test_starts_before_dependency_warns_at_the_dependency():
    diagnostic = only(run_check(fixture("starts-before-dependency")))
    assert (diagnostic["code"], diagnostic["severity"], *where(diagnostic)) == (
        "starts-before-dependency", "warning", MS_FILE, 6, 14)
    assert "starts 2026-03-30, before 'history-cache' it depends on is due (2026-05-10)" in diagnostic["message"]


def test_task_outside_milestone_warns_at_the_task_sprint():
    diagnostic = only(run_check(fixture("task-outside-milestone")))
    assert (diagnostic["code"], diagnostic["severity"], *where(diagnostic)) == (
        "task-outside-milestone", "warning", MS_FILE, 10, 13)
    assert "task 'send-the-emails' is in sprint s10, outside its milestone 'feedback-form' (s7-s8)" == diagnostic["message"]


# --- more places each check looks ------------------------------------------------------------------

def test_objective_and_milestone_may_not_share_an_id(tmp_path):
    _, diagnostics = linked(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE,
                                       "content/milestones/m.md": "---\nid: build-trust\ntitle: M\ntype: epic\n"
                                                                  "key_results: [build-trust/kr1]\n---\n"})
    diagnostic = only(diagnostics, "duplicate-id")
    assert where(diagnostic) == ("content/milestones/m.md", 2, 5)
    assert "already used by an objective at content/objectives/build-trust.md:1" in diagnostic["message"]


def test_duplicate_local_kr_id_is_reported_at_the_second(tmp_path):
    _, diagnostics = linked(tmp_path, {"content/objectives/o.md": (
        "---\ntitle: O\nquarter: 2026-Q2\nkey_results:\n  - id: kr1\n    title: A\n  - id: kr1\n    title: B\n---\n")})
    diagnostic = only(diagnostics, "duplicate-id")
    assert where(diagnostic) == ("content/objectives/o.md", 7, 9)


def test_two_tasks_with_the_same_title_need_ids(tmp_path):
    _, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE,
        "content/milestones/m.md": "---\ntitle: M\ntype: epic\nkey_results: [build-trust/kr1]\ntasks:\n"
                                   "  - title: Write docs\n  - title: Write docs\n---\n"})
    diagnostic = only(diagnostics, "duplicate-id")
    assert where(diagnostic) == ("content/milestones/m.md", 7, 12)
    assert "milestone 'm' already has a task 'write-docs' (at content/milestones/m.md:6); give one of them an id:" == diagnostic["message"]


def test_file_name_that_is_not_an_id_suggests_a_rename(tmp_path):
    _, diagnostics = linked(tmp_path, {"content/teams/Match Making.yaml": "name: MM\n"})
    diagnostic = only(diagnostics)
    assert (diagnostic["code"], *where(diagnostic)) == ("schema", "content/teams/Match Making.yaml", 1, 1)
    assert "rename the file to 'match-making.yaml' or set id: match-making" in diagnostic["message"]


def test_hypothesis_ref_of_the_wrong_kind(tmp_path):
    _, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE,
        "content/milestones/m.md": "---\ntitle: M\ntype: epic\nkey_results: [build-trust/kr1]\nhypothesis: build-trust/kr1\n---\n"})
    diagnostic = only(diagnostics)
    assert (diagnostic["code"], *where(diagnostic)) == ("wrong-kind-ref", "content/milestones/m.md", 5, 13)
    assert "'build-trust/kr1' is a key result, not a hypothesis" in diagnostic["message"]


def test_depends_on_an_unknown_milestone(tmp_path):
    _, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE,
        "content/milestones/history-cache.md": MILESTONE,
        "content/milestones/m.md": "---\ntitle: M\ntype: epic\nkey_results: [build-trust/kr1]\ndepends_on: [history-cash]\n---\n"})
    diagnostic = only(diagnostics)
    assert (diagnostic["code"], *where(diagnostic)) == ("unknown-ref", "content/milestones/m.md", 5, 14)
    assert diagnostic["message"] == "depends_on: no milestone has the id 'history-cash'; did you mean 'history-cache'?"


def test_milestone_that_depends_on_itself_is_a_cycle(tmp_path):
    _, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE,
        "content/milestones/m.md": "---\ntitle: M\ntype: epic\nkey_results: [build-trust/kr1]\ndepends_on: [m]\n---\n"})
    diagnostic = only(diagnostics)
    assert (diagnostic["code"], *where(diagnostic)) == ("dependency-cycle", "content/milestones/m.md", 5, 14)


def test_unknown_team_is_an_unknown_ref(tmp_path):
    _, diagnostics = linked(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE.replace(
        "quarter: 2026-Q2\n", "quarter: 2026-Q2\nteam: matchmakers\n"), "content/milestones/m.md": MILESTONE,
        "content/teams/matchmaking.yaml": "name: MM\n"})
    diagnostic = only(diagnostics)
    assert (diagnostic["code"], *where(diagnostic)) == ("unknown-ref", OBJ_FILE, 4, 7)
    assert diagnostic["message"].endswith("did you mean 'matchmaking'?")


def test_hypothesis_local_ref_that_does_not_exist(tmp_path):
    _, diagnostics = linked(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE.replace(
        "key_results: [kr1]", "key_results: [kr1, kr2]"), "content/milestones/m.md": MILESTONE})
    diagnostic = only(diagnostics)
    assert (diagnostic["code"], *where(diagnostic)) == ("unknown-ref", OBJ_FILE, 12, 24)
    assert diagnostic["message"] == "key_results: no key result has the id 'kr2'; did you mean 'kr1'?"


def test_task_sprint_unknown_is_reported_at_the_task(tmp_path):
    _, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE,
        "content/milestones/m.md": "---\ntitle: M\ntype: epic\nkey_results: [build-trust/kr1]\ntasks:\n"
                                   "  - title: A\n    sprint: s7b\n---\n"})
    diagnostic = only(diagnostics)
    assert (diagnostic["code"], *where(diagnostic)) == ("unknown-sprint", "content/milestones/m.md", 7, 13)


def test_sprints_without_a_sprint_calendar_say_how_to_add_one(tmp_path):
    site = make_site(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE, "content/milestones/m.md": MILESTONE},
                     config="title: T\ntoday: 2026-05-12\n")
    diagnostics = run_check(site)
    assert [(d["code"], d["line"], d["column"]) for d in diagnostics] == [("unknown-sprint", 5, 11), ("unknown-sprint", 5, 15)]
    assert "okrsite.yaml defines no sprints" in diagnostics[0]["message"]


def test_outside_quarter_by_dates(tmp_path):
    _, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE,
        "content/milestones/m.md": "---\ntitle: M\ntype: epic\nkey_results: [build-trust/kr1]\nstart: 2026-07-01\ndue: 2026-07-10\n---\n"})
    diagnostic = only(diagnostics)
    assert (diagnostic["code"], *where(diagnostic)) == ("outside-quarter", "content/milestones/m.md", 5, 8)


def test_milestone_touching_the_quarter_by_one_day_is_inside(tmp_path):
    _, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE,
        "content/milestones/m.md": "---\ntitle: M\ntype: epic\nkey_results: [build-trust/kr1]\nstart: 2026-06-30\ndue: 2026-07-10\n---\n"})
    assert diagnostics == []


def test_task_file_sprint_outside_its_milestone(tmp_path):
    _, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE, "content/milestones/m.md": MILESTONE,
        "content/tasks/t.md": "---\ntitle: T\nmilestone: m\nsprint: s12\n---\n"})
    diagnostic = only(diagnostics)
    assert (diagnostic["code"], *where(diagnostic)) == ("task-outside-milestone", "content/tasks/t.md", 4, 9)


def test_kr_served_only_by_dropped_milestones_warns(tmp_path):
    _, diagnostics = linked(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE,
                                       "content/milestones/m.md": MILESTONE.replace("sprints", "status: dropped\nsprints")})
    assert codes(diagnostics) == ["kr-without-milestone"]


def test_dropped_objective_needs_no_milestones(tmp_path):
    _, diagnostics = linked(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE.replace(
        "quarter: 2026-Q2\n", "quarter: 2026-Q2\nstatus: dropped\n")})
    assert diagnostics == []


# --- no cascades from documents with errors ---------------------------------------------------------

def test_refs_to_an_invalid_document_do_not_cascade(tmp_path):
    _, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE.replace("quarter: 2026-Q2", "quarter: Q2"),
        "content/milestones/m.md": MILESTONE + "See [[build-trust]], [[build-trust/kr1]] and [it](../objectives/build-trust.md).\n"})
    assert [(d["code"], d["file"]) for d in diagnostics] == [("schema", OBJ_FILE)]


def test_kr_served_only_by_an_invalid_milestone_gets_no_warning(tmp_path):
    _, diagnostics = linked(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE,
                                       "content/milestones/m.md": MILESTONE.replace("type: epic", "type: epik")})
    assert codes(diagnostics) == ["schema"]


def test_no_coverage_warnings_while_a_milestone_file_does_not_parse(tmp_path):
    _, diagnostics = linked(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE,
                                       "content/milestones/m.md": "---\ntitle: [unclosed\n---\n"})
    assert codes(diagnostics) == ["yaml-syntax"]


def test_coverage_warning_stays_for_krs_the_invalid_milestone_does_not_name(tmp_path):
    _, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE.replace("    target: 2400\n", "    target: 2400\n  - id: kr2\n    title: Other\n"),
        "content/milestones/m.md": MILESTONE.replace("type: epic", "type: epik")})
    assert codes(diagnostics) == ["schema", "kr-without-milestone"]
    assert "build-trust/kr2" in diagnostics[1]["message"]


def test_no_outside_quarter_warning_when_an_objective_of_the_milestone_is_invalid(tmp_path):
    _, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE,
        "content/objectives/broken.md": OBJECTIVE.replace("quarter: 2026-Q2", "quarter: 2026-Q1\nowner: ''"),
        "content/milestones/m.md": MILESTONE.replace("[build-trust/kr1]", "[build-trust/kr1, broken/kr1]").replace(
            "sprints: [s7, s8]", "sprints: [s1, s2]")})
    assert codes(diagnostics) == ["schema"]


def test_suggestions_include_ids_of_invalid_documents(tmp_path):
    _, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE,
        "content/milestones/share-referrals.md": MILESTONE.replace("type: epic", "type: epik"),
        "content/milestones/m.md": MILESTONE.replace("sprints: [s7, s8]", "depends_on: [share-referals]") + "[[share-referals]]\n"})
    unknown = [d for d in diagnostics if d["code"] == "unknown-ref"]
    assert len(unknown) == 2 and all(d["message"].endswith("did you mean 'share-referrals'?") for d in unknown)


def test_id_that_escapes_folders_never_becomes_a_path_or_an_id(tmp_path):
    checked = check(make_site(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE,
                                         "content/milestones/m.md": MILESTONE.replace("---\ntitle", "---\nid: ../../etc\ntitle")}))
    assert [d.code for d in checked.diagnostics] == ["schema"]
    assert checked.site.milestones == {} and not (tmp_path / "etc").exists()


# --- local ids ----------------------------------------------------------------------------------------

def test_local_id_works_alone_in_its_parents_own_body(tmp_path):
    _, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE.replace("Players who", "[[kr1]] and [[h1]]: players who"),
        "content/milestones/m.md": front({"title": "M", "type": "epic", "key_results": ["build-trust/kr1"],
                                          "tasks": [{"title": "Design", "id": "design"}]}, "Start with [[design]].\n")})
    assert diagnostics == []


def test_local_id_alone_in_another_file_is_unknown_and_suggests_the_full_id(tmp_path):
    _, diagnostics = linked(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE,
                                       "content/milestones/m.md": MILESTONE + "Serves [[kr1]].\n"})
    diagnostic = only(diagnostics)
    assert (diagnostic["code"], *where(diagnostic)) == ("unknown-ref", "content/milestones/m.md", 7, 8)
    assert diagnostic["message"] == "[[kr1]] links to nothing; did you mean 'build-trust/kr1'?"


def test_milestone_key_results_need_the_full_id(tmp_path):
    _, diagnostics = linked(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE,
                                       "content/milestones/m.md": MILESTONE.replace("[build-trust/kr1]", "[kr1]")})
    diagnostic = only(diagnostics, "unknown-ref")
    assert diagnostic["message"].endswith("did you mean 'build-trust/kr1'?")


# --- links inside YAML strings -----------------------------------------------------------------------

def test_link_in_a_kr_description_block_is_placed_on_its_own_line(tmp_path):
    _, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE.replace("    target: 2400\n", (
            "    target: 2400\n    description: |\n      Measured weekly.\n      See [[feedback-from]] for how.\n")),
        "content/milestones/feedback-form.md": MILESTONE})
    diagnostic = only(diagnostics)
    assert (diagnostic["code"], *where(diagnostic)) == ("unknown-ref", OBJ_FILE, 11, 11)


def test_many_links_in_a_yaml_description_are_placed_in_one_pass(tmp_path):
    # Each link used to be searched for from the string's first line: 20,000 links, a minute.
    lines = "".join(f"      [[build-trust|link {i}]]\n" for i in range(20_000))
    _, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE.replace("    target: 2400\n", (
            "    target: 2400\n    description: |\n" + lines + "      and [[feedback-from]].\n")),
        "content/milestones/feedback-form.md": MILESTONE})
    diagnostic = only(diagnostics)
    assert (diagnostic["code"], *where(diagnostic)) == ("unknown-ref", OBJ_FILE, 10 + 20_000, 11)


def test_links_in_a_yaml_string_written_with_escapes_are_placed_on_the_string(tmp_path):
    _, diagnostics = linked(tmp_path, {"content/teams/t.yaml": (
        'name: T\ndescription: "Owns \\x5b[gone]] and [[nothing-here]] [[nope]]"\n')})
    # The first link is not written as it reads: every link of the string is placed on the string.
    assert [(d["code"], *where(d)) for d in diagnostics] == [("unknown-ref", "content/teams/t.yaml", 2, 14)] * 3


def test_link_in_a_team_description_is_checked_and_placed(tmp_path):
    _, diagnostics = linked(tmp_path, {"content/teams/t.yaml": "name: T\ndescription: Owns [[nothing-here]].\n"})
    diagnostic = only(diagnostics)
    assert (diagnostic["code"], *where(diagnostic)) == ("unknown-ref", "content/teams/t.yaml", 2, 19)


def test_links_in_hypothesis_and_task_descriptions_are_checked(tmp_path):
    _, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE.replace(
            "    key_results: [kr1]\n", "    key_results: [kr1]\n    description: Based on [[no-such-survey]].\n"),
        "content/milestones/m.md": MILESTONE.replace("sprints: [s7, s8]", (
            "sprints: [s7, s8]\ntasks:\n  - title: A\n    description: \"After [[nope]]\"\n"))})
    assert [(d["code"], *where(d)) for d in diagnostics] == [
        ("unknown-ref", "content/milestones/m.md", 8, 25), ("unknown-ref", OBJ_FILE, 13, 27)]


def test_link_in_a_task_file_body_is_placed_and_credits_the_milestone(tmp_path):
    site, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE, "content/milestones/m.md": MILESTONE,
        "content/tasks/t.md": "---\ntitle: T\nmilestone: m\n---\nSee [[build-trust]]\nand [[missing]].\n"})
    diagnostic = only(diagnostics)
    assert (diagnostic["code"], *where(diagnostic)) == ("unknown-ref", "content/tasks/t.md", 6, 5)
    assert site.objectives["build-trust"].mentioned_in == ["m"]


# --- standalone task files -----------------------------------------------------------------------------

def test_task_file_belongs_to_its_milestone_as_if_nested(tmp_path):
    site, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE,
        "content/milestones/m.md": front({"title": "M", "type": "epic", "key_results": ["build-trust/kr1"],
                                          "tasks": [{"title": "Nested", "status": "done"}]}),
        "content/tasks/2026/write-copy.md": "---\ntitle: Write copy\nmilestone: m\nstatus: doing\nassignee: Eve\n---\nBody text.\n",
        "content/tasks/named.md": "---\nid: custom\ntitle: Named\nmilestone: m\n---\n"})
    assert diagnostics == []
    tasks = site.milestones["m"].tasks
    assert [t.id for t in tasks] == ["m/nested", "m/write-copy", "m/custom"]
    copy = site.tasks["m/write-copy"]
    assert (copy.local_id, copy.milestone_id, copy.status, copy.assignee, copy.path) == (
        "write-copy", "m", "doing", "Eve", "content/tasks/2026/write-copy.md")
    assert copy.description == "Body text.\n"


def test_task_file_id_is_local_to_its_milestone(tmp_path):
    _, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE,
        "content/milestones/m.md": MILESTONE, "content/milestones/n.md": MILESTONE,
        "content/tasks/a/m.md": "---\ntitle: Named like a milestone\nmilestone: m\n---\n",
        "content/tasks/b/m.md": "---\ntitle: Same stem, other milestone\nmilestone: n\n---\n"})
    assert diagnostics == []


def test_two_task_files_with_one_id_under_one_milestone_are_duplicates(tmp_path):
    _, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE, "content/milestones/m.md": MILESTONE,
        "content/tasks/a/copy.md": "---\ntitle: One\nmilestone: m\n---\n",
        "content/tasks/b/copy.md": "---\ntitle: Two\nmilestone: m\n---\n"})
    diagnostic = only(diagnostics)
    assert (diagnostic["code"], *where(diagnostic)) == ("duplicate-id", "content/tasks/b/copy.md", 1, 1)
    assert "already has a task 'copy' (at content/tasks/a/copy.md:1); give one of them an id:" in diagnostic["message"]


def test_task_file_for_an_unknown_milestone(tmp_path):
    _, diagnostics = linked(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE, "content/milestones/m.md": MILESTONE,
                                       "content/tasks/t.md": "---\ntitle: T\nmilestone: mm\n---\n"})
    diagnostic = only(diagnostics)
    assert (diagnostic["code"], *where(diagnostic)) == ("unknown-ref", "content/tasks/t.md", 3, 12)


def test_task_file_pointing_at_an_objective_is_the_wrong_kind(tmp_path):
    _, diagnostics = linked(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE, "content/milestones/m.md": MILESTONE,
                                       "content/tasks/t.md": "---\ntitle: T\nmilestone: build-trust\n---\n"})
    assert codes(diagnostics) == ["wrong-kind-ref"]


# --- roll-ups --------------------------------------------------------------------------------------

def kr(**fields) -> KeyResult:
    result = KeyResult("o/kr", "kr", "o", "K", **fields)
    if result.current is None and result.is_numeric:
        result.current = result.start
    return result


@pytest.mark.parametrize("start, target, current, expected", [
    (1200, 2400, 1800, 0.5),
    (1200, 2400, 1200, 0.0),
    (1200, 2400, 2400, 1.0),
    (1200, 2400, 3000, 1.0),    # above target: clamped
    (1200, 2400, 600, 0.0),     # below start: clamped
    (10, 2, 4, 0.75),           # a metric to lower: target below start
    (10, 2, 1, 1.0),
    (10, 2, 12, 0.0),
    (0, 1, 0.25, 0.25),
    (5, 5, 5, 1.0),             # target equal to start: treated as reached (decision)
])
def test_numeric_kr_progress(start, target, current, expected):
    assert kr_progress(kr(start=start, target=target, current=current), {}) == pytest.approx(expected)


def test_clamp():
    assert (clamp(-0.5), clamp(0.3), clamp(7)) == (0.0, 0.3, 1.0)


def test_milestone_completion_done_tasks_or_nothing():
    def ms(status="planned", tasks=()):
        return Milestone("m", "M", "epic", "p", status=status,
                         tasks=[Task(f"m/t{i}", f"t{i}", "m", "T", s) for i, s in enumerate(tasks)])
    assert milestone_completion(ms("done", ["todo"])) == 1.0
    assert milestone_completion(ms("in-progress", ["done", "todo", "doing", "done"])) == 0.5
    assert milestone_completion(ms("in-progress")) == 0.0
    assert milestone_completion(ms("dropped", ["done"])) == 1.0


def test_rollups_from_files(tmp_path):
    site, diagnostics = linked(tmp_path, {
        "content/objectives/o.md": objective(
            {"id": "num", "title": "Numeric", "start": 0, "target": 10,
             "checkins": [{"date": "2026-04-20", "value": 8}, {"date": "2026-04-01", "value": 2}]},
            {"id": "loop", "title": "Milestones"},
            {"id": "down", "title": "Lower", "start": 100, "target": 50, "current": 60}),
        "content/milestones/a.md": milestone("o/loop", status="done"),
        "content/milestones/b.md": milestone("o/loop", "o/num", tasks=[{"title": "x", "status": "done"}, {"title": "y"}]),
        "content/milestones/c.md": milestone("o/loop", "o/down", status="dropped"),
        "content/tasks/z.md": "---\ntitle: Z\nmilestone: b\nstatus: done\n---\n",
    })
    assert [(d["code"], d["message"].split("'")[1]) for d in diagnostics] == [("kr-without-milestone", "o/down")]
    num, loop, down = (site.key_results[f"o/{k}"] for k in ("num", "loop", "down"))
    assert num.current == 8 and num.progress == pytest.approx(0.8)     # the latest check-in by date
    assert site.milestones["b"].completion == pytest.approx(2 / 3)     # the task file counts
    assert loop.progress == pytest.approx((1 + 2 / 3) / 2)             # the dropped milestone is left out
    assert down.progress == pytest.approx(0.8)
    assert site.objectives["o"].progress == pytest.approx((0.8 + (1 + 2 / 3) / 2 + 0.8) / 3)


def test_numeric_kr_without_checkins_starts_at_start(tmp_path):
    site, _ = linked(tmp_path, {"content/objectives/o.md": objective({"id": "kr1", "title": "K", "start": 3, "target": 5}),
                                "content/milestones/m.md": milestone("o/kr1")})
    assert site.key_results["o/kr1"].current == 3 and site.key_results["o/kr1"].progress == 0.0


def test_non_numeric_kr_with_only_dropped_milestones_is_zero(tmp_path):
    site, _ = linked(tmp_path, {"content/objectives/o.md": objective({"id": "kr1", "title": "K"}),
                                "content/milestones/m.md": milestone("o/kr1", status="dropped")})
    assert site.key_results["o/kr1"].progress == 0.0 and site.objectives["o"].progress == 0.0


def test_objective_progress_is_the_mean_of_its_krs(tmp_path):
    site, _ = linked(tmp_path, {
        "content/objectives/o.md": objective({"id": "a", "title": "A", "start": 0, "target": 4, "current": 1},
                                             {"id": "b", "title": "B", "start": 0, "target": 4, "current": 4}),
        "content/milestones/m.md": milestone("o/a", "o/b")})
    assert site.objectives["o"].progress == pytest.approx(0.625)


# --- backlinks --------------------------------------------------------------------------------------

def test_mentions_of_krs_and_tasks_credit_the_page_that_shows_them(tmp_path):
    site, diagnostics = linked(tmp_path, {
        "content/objectives/o.md": objective({"id": "kr1", "title": "K"}),
        "content/milestones/m.md": milestone("o/kr1", tasks=[{"title": "Design", "id": "design"}]),
        "content/pages/notes.md": "---\ntitle: Notes\n---\n[[o/kr1]], [[m/design]], [[notes]] and [m](../milestones/m.md).\n"})
    assert diagnostics == []
    assert site.objectives["o"].mentioned_in == ["notes"]
    assert site.milestones["m"].mentioned_in == ["notes"]
    assert site.pages["notes"].mentioned_in == []  # a page does not mention itself


def test_mentions_are_listed_once_and_sorted(tmp_path):
    site, _ = linked(tmp_path, {
        "content/objectives/o.md": objective({"id": "kr1", "title": "K"}),
        "content/milestones/m.md": milestone("o/kr1"),
        "content/pages/zeta.md": "---\ntitle: Z\n---\n[[m]] [[m]]\n",
        "content/pages/alpha.md": "---\ntitle: A\n---\n[[m]]\n"})
    assert site.milestones["m"].mentioned_in == ["alpha", "zeta"]


def test_links_inside_code_are_not_links(tmp_path):
    _, diagnostics = linked(tmp_path, {"content/pages/p.md": "---\ntitle: P\n---\n`[[nope]]`\n\n    [[nope]]\n\n```\n[x](gone.md)\n```\n"})
    assert diagnostics == []


def test_slug_of_titles():
    assert slug("Design the form") == "design-the-form"
    assert slug("Zoë's café — v2!") == "zoe-s-cafe-v2"
    assert slug("日本") == ""


# --- linear in the input (issue 9): sizes at which the old loops took minutes -------------------------

def test_a_milestone_and_a_hypothesis_naming_thirty_thousand_krs(tmp_path):
    # Each reference was checked against the list of those before it (`not in list`): 54 s of
    # CPU for these two lists, minutes on a busy CI machine; sets make it about a second.
    n = 30_000
    krs = "".join(f"  - {{id: k{i}, title: R}}\n" for i in range(n))
    local = ", ".join(f"k{i}" for i in range(n))
    refs = ", ".join(f"o/k{i}" for i in range(n))
    site, diagnostics = linked(tmp_path, {
        "content/objectives/o.md": (f"---\ntitle: O\nquarter: 2026-Q2\nkey_results:\n{krs}hypotheses:\n"
                                    f"  - id: h1\n    statement: S\n    key_results: [{local}, k0]\n---\n"),
        "content/milestones/m.md": (f"---\ntitle: M\ntype: epic\nkey_results: [{refs}, o/k1]\n"
                                    "hypothesis: o/h1\nsprints: [s9, s10]\n---\n")})
    assert diagnostics == []
    assert site.milestones["m"].key_result_ids == [f"o/k{i}" for i in range(n)]  # the repeat counted once
    assert site.hypotheses["o/h1"].key_result_ids == [f"o/k{i}" for i in range(n)]
    assert site.key_results["o/k0"].milestone_ids == ["m"] and site.objectives["o"].milestone_ids == ["m"]


def test_thousands_of_broken_links_get_hints_within_a_budget(tmp_path):
    # Each broken link compared its target with every id of the site: 5,000 broken links in a
    # site of 5,000 KRs took five minutes. The first ones keep their hint, the rest come without.
    n = 5_000
    krs = "".join(f"  - {{id: kr{i}, title: R}}\n" for i in range(n))
    refs = ", ".join(f"big/kr{i}" for i in range(n))
    body = "".join(f"See [[big/kq{i}]].\n" for i in range(n))
    _, diagnostics = linked(tmp_path, {
        "content/objectives/big.md": f"---\ntitle: O\nquarter: 2026-Q2\nkey_results:\n{krs}---\n",
        "content/milestones/m.md": f"---\ntitle: M\ntype: epic\nkey_results: [{refs}]\nsprints: [s9, s10]\n---\n",
        "content/pages/p.md": f"---\ntitle: P\n---\n{body}"})
    assert [(d["code"], d["line"]) for d in diagnostics] == [("unknown-ref", 4 + i) for i in range(n)]
    assert diagnostics[0]["message"] == "[[big/kq0]] links to nothing; did you mean 'big/kr0'?"
    assert diagnostics[-1]["message"] == f"[[big/kq{n - 1}]] links to nothing"


def test_a_knot_of_dependencies_is_reported_once_with_a_short_cycle(tmp_path):
    # m0 -> m1 -> ... -> m199, and m199 depends on every other: one cycle per back edge printed
    # 200 cycles of up to 200 names (n^2); the knot is one finding, its shortest cycle printed.
    n = 200
    files = {"content/objectives/build-trust.md": OBJECTIVE}
    for i in range(n):
        depends = [f"m{i + 1}"] if i < n - 1 else [f"m{j}" for j in range(n - 1)]
        files[f"content/milestones/m{i}.md"] = milestone("build-trust/kr1", depends_on=depends)
    _, diagnostics = linked(tmp_path, files)
    diagnostic = only(diagnostics, "dependency-cycle")
    assert diagnostic["file"] == "content/milestones/m0.md"
    assert diagnostic["message"] == ("depends_on forms a cycle: m0 -> m1 -> m2 -> m3 -> m4 -> m5 -> m6 -> m7 -> m8 "
                                     "-> m9 -> ... (189 more) -> m199 -> m0; remove one of these dependencies")


def test_a_short_cycle_is_printed_whole(tmp_path):
    files = {"content/objectives/build-trust.md": OBJECTIVE,
             "content/milestones/b.md": milestone("build-trust/kr1", depends_on=["c"]),
             "content/milestones/c.md": milestone("build-trust/kr1", depends_on=["a", "b"]),
             "content/milestones/a.md": milestone("build-trust/kr1", depends_on=["b"])}
    _, diagnostics = linked(tmp_path, files)
    diagnostic = only(diagnostics, "dependency-cycle")
    assert diagnostic["file"] == "content/milestones/a.md"
    assert "depends_on forms a cycle: a -> b -> c -> a; remove one" in diagnostic["message"]


def test_wikilink_with_text_in_a_table_cell_is_checked_and_backlinked(tmp_path):
    """`[[id|text]]` in a table cell is one link (not split by the table): an unknown id is
    reported where it is written, a known one makes "mentioned in"."""
    body = ("| Stage | Milestone |\n| --- | --- |\n| one | [[m|the milestone]] |\n"
            "| two | [[nowhere|gone]] |\n")
    site, diagnostics = linked(tmp_path, {"content/objectives/build-trust.md": OBJECTIVE + body,
                                          "content/milestones/m.md": MILESTONE})
    diagnostic = only(diagnostics)
    line = OBJECTIVE.count("\n") + 4
    assert (diagnostic["code"], *where(diagnostic)) == ("unknown-ref", OBJ_FILE, line, 9)
    assert site.milestones["m"].mentioned_in == ["build-trust"]


@pytest.mark.parametrize("schedule, line, column", [
    ("start: 1900-01-01\ndue: 2199-12-31\n", 6, 6),   # every quarter of 300 years had a page listing it
    ("sprints: [s1, s80]\n", 5, 10),                  # 80 two-week sprints: over three years
])
def test_a_milestone_longer_than_three_years_is_bad_dates(tmp_path, schedule, line, column):
    site, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE,
        "content/milestones/m.md": f"---\ntitle: M\ntype: epic\nkey_results: [build-trust/kr1]\n{schedule}---\n"})
    diagnostic = only(diagnostics, "bad-dates")
    assert (diagnostic["line"], diagnostic["column"]) == (line, column)
    assert "a milestone lasts at most three years (1,096 days)" in diagnostic["message"]
    assert not site.milestones["m"].scheduled and len(site.quarters) == 1


def test_a_milestone_of_three_years_is_scheduled(tmp_path):
    site, diagnostics = linked(tmp_path, {
        "content/objectives/build-trust.md": OBJECTIVE,
        "content/milestones/m.md": milestone("build-trust/kr1", start="2026-01-01", due="2028-12-31")})
    assert [d for d in diagnostics if d["code"] == "bad-dates"] == []
    assert site.milestones["m"].scheduled and len(site.quarters) == 12


# --- relink: one edit made in the previous model (serve) ---------------------------------------

TABLES = ("objectives", "milestones", "teams", "pages", "key_results", "hypotheses", "tasks")
CLEAN_OBJECTIVE = "content/objectives/2026-Q2/build-trust.md"


def _relinked(tmp_path, rel: str, edit, config: str = "", files: dict | None = None):
    """(previous site, its deep copy taken before relink, relink's answer, a fresh check) for the
    clean fixture (with `config` added to its okrsite.yaml, and `files` written over it: text, or
    a function of the fixture's text) and `edit` applied to the text of `rel`."""
    import copy
    import shutil

    from okrsite.link import relink
    from okrsite.load import read_document

    site_dir = tmp_path / "site"
    shutil.copytree(fixture("clean"), site_dir)
    with (site_dir / "okrsite.yaml").open("a", encoding="utf-8") as file:
        file.write(config)
    for name, text in (files or {}).items():
        path = site_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text(path.read_text(encoding="utf-8")) if callable(text) else text, encoding="utf-8")
    first = check(site_dir)
    before = next(d for d in first.documents if d.path == rel)
    untouched = copy.deepcopy({name: getattr(first.site, name) for name in TABLES})
    path = site_dir / rel
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    after = read_document(site_dir, rel, before.kind)
    documents = {document.path: document for document in first.documents}
    answer = relink(first.site, first.config, before, after, first.diagnostics, {**documents, rel: after})
    return first.site, untouched, answer, check(site_dir)


def _as_link_does(previous, untouched, answer, fresh, warned: list[str]):
    """relink's answer is a fresh check's (every table, the quarters, the diagnostics: those
    `warned`), and the previous model is as it was: (site, changed)."""
    assert answer is not None
    site, changed, diagnostics = answer
    assert diagnostics == fresh.diagnostics and [d.code for d in diagnostics] == warned
    for name in TABLES:
        assert getattr(site, name) == getattr(fresh.site, name), name
        assert getattr(previous, name) == untouched[name], name
    assert site.quarters == fresh.site.quarters
    return site, changed


def test_relink_rolls_up_a_status_and_task_edit_as_link_does_and_leaves_the_previous_model(tmp_path):
    previous, untouched, answer, fresh = _relinked(tmp_path, MS_FILE, lambda text: text.replace(
        "status: in-progress", "status: at-risk").replace("type: epic", "type: spike").replace(
        "    status: done\n", "    status: doing\n").replace("    estimate: 3\n", "    estimate: 5\n"))
    site, changed = _as_link_does(previous, untouched, answer, fresh, [])
    assert changed == ["milestone feedback-form", "objective build-trust"]
    assert site.milestones["feedback-form"].completion == 0.0 and previous.milestones["feedback-form"].completion == 1 / 3
    assert site.tasks["feedback-form/design-form"].estimate == 5
    assert site.key_results["build-trust/kr2"] is site.objectives["build-trust"].key_results[1]
    assert site.teams is previous.teams  # what the edit cannot reach is shared, not copied


def test_relink_takes_a_key_results_current_value_and_rolls_up_its_objective(tmp_path):
    site, changed = _as_link_does(*_relinked(tmp_path, CLEAN_OBJECTIVE, lambda text: text.replace(
        "    confidence: 0.6\n", "    confidence: 0.8\n")), [])
    assert changed == ["objective build-trust"]
    assert site.key_results["build-trust/kr1"].confidence == 0.8


def test_relink_takes_a_key_results_start_and_target_and_rolls_up_its_objective(tmp_path):
    site, changed = _as_link_does(*_relinked(tmp_path, CLEAN_OBJECTIVE, lambda text: text.replace(
        "    start: 1200\n", "    start: 1000\n", 1).replace("    target: 2400\n", "    target: 3000\n", 1)), [])
    assert changed == ["objective build-trust"]
    kr = site.key_results["build-trust/kr1"]
    assert (kr.start, kr.target, kr.progress) == (1000, 3000, 0.4)  # (1800 - 1000) / (3000 - 1000)
    # a weight written where there was none (a field added): a whole check's
    assert _relinked(tmp_path / "w", CLEAN_OBJECTIVE, lambda text: text.replace(
        "    unit: ratings/week\n", "    unit: ratings/week\n    weight: 3\n", 1))[2] is None


@pytest.mark.parametrize("edit", [
    lambda text: text.replace("status: in-progress", "status: dropped"),  # kr-without-milestone reads it
    lambda text: text.replace("status: in-progress", "status: candidate"),  # checked and drawn apart
    lambda text: text.replace("    sprint: s9\n", "    sprint: s8\n"),  # task-outside-milestone reads it
    lambda text: text.replace("sprints: [s8, s9]", "sprints: [s8, s99]"),  # an error: a whole check's, with its hint
    lambda text: text.replace("sprints: [s8, s9]", "sprints: [s9, s8]"),  # backwards: bad-dates
    lambda text: text.replace("depends_on: [history-cache]", "depends_on: [feedback-form]"),  # itself: an error
    lambda text: text.replace("hypothesis: build-trust/h1", "hypothesis: build-trust/h9"),  # no such hypothesis
    lambda text: text.replace("team: matchmaking", "team: nobody"),
    lambda text: text.replace("  - title: Send the emails\n", "  - title: Send the mails\n"),  # its id
    lambda text: text.replace("    status: done\n", ""),  # a field gone
])
def test_relink_leaves_other_edits_to_a_whole_check(tmp_path, edit):
    assert _relinked(tmp_path, MS_FILE, edit)[2] is None


NEW_MS = "content/milestones/new-signal.md"
NEW_MS_TEXT = """---
title: A new signal test
type: signal-test
key_results: [build-trust/kr1]
hypothesis: build-trust/h1
team: matchmaking
sprints: [s9, s9]
depends_on: [feedback-form]
tasks:
  - title: Ask ten users
    status: done
    sprint: s9
    description: As [[how-we-work]] says.
  - title: Write it up
---
Follows [[feedback-form/design-form]] and [the cache](history-cache.md), and [[new-signal]] itself.
"""


def _with_new_milestone(tmp_path, text: str = NEW_MS_TEXT):
    """_with_new_file for NEW_MS written with `text` (relink_added's answer)."""
    return _with_new_file(tmp_path, NEW_MS, "milestone", text)


def _taken_out(first, fresh, rel: str, removed):
    """The answer of `removed` (relink_removed, relink_standalone_removed) for `rel` deleted from
    the site `fresh` checked, held against a fresh check and against `first`, the model before
    `rel` came: (site, changed)."""
    import copy

    untouched = copy.deepcopy({name: getattr(fresh.site, name) for name in TABLES})
    before = next(d for d in fresh.documents if d.path == rel)
    (first.site_dir / rel).unlink()
    documents = {document.path: document for document in fresh.documents if document.path != rel}
    answer = removed(fresh.site, fresh.config, before, fresh.diagnostics, documents)
    site, changed = _as_link_does(fresh.site, untouched, answer, check(first.site_dir), [])
    for name in TABLES:
        assert getattr(site, name) == getattr(first.site, name), name
    return site, changed


def test_relink_added_makes_a_new_milestone_file_as_link_does_and_relink_removed_takes_it_out(tmp_path):

    from okrsite.link import relink_removed

    first, untouched, answer, fresh = _with_new_milestone(tmp_path)
    # its one sprint starts while feedback-form, which it depends on, is not yet due
    site, changed = _as_link_does(first.site, untouched, answer, fresh, ["starts-before-dependency"])
    assert list(site.milestones) == list(fresh.site.milestones)  # pages list them in this order
    assert list(site.tasks)[-2:] == ["new-signal/ask-ten-users", "new-signal/write-it-up"]  # no page reads theirs
    assert changed == ["milestone new-signal (new)", "objective build-trust", "milestone feedback-form",
                       "milestone history-cache", "team matchmaking", "page how-we-work"]
    assert site.milestones["feedback-form"].mentioned_in == ["build-trust", "new-signal"]  # a link to its task
    assert site.milestones["feedback-form"].depended_on_by == ["new-signal"]
    assert site.key_results["build-trust/kr1"].milestone_ids == ["feedback-form", "new-signal"]
    assert first.site.key_results["build-trust/kr1"].milestone_ids == ["feedback-form"]

    # and out again: the model is the first one's, as a fresh check of the site without it
    site, changed = _taken_out(first, fresh, NEW_MS, relink_removed)
    assert changed == ["milestone new-signal (removed)", "objective build-trust", "milestone feedback-form",
                       "milestone history-cache", "team matchmaking", "page how-we-work"]
    assert list(site.milestones) == list(first.site.milestones) and list(site.tasks) == list(first.site.tasks)


NEW_PAGE = "content/pages/a-guide.md"
NEW_PAGE_TEXT = ("---\ntitle: A guide\ndescription: How we plan, with [[history-cache]] in it\n---\n"
                 "Read [[how-we-work]], [[build-trust/kr1]] and [the form](../milestones/feedback-form.md).\n")


def _with_new_page(tmp_path, text: str = NEW_PAGE_TEXT):
    """_with_new_file for NEW_PAGE written with `text`."""
    return _with_new_file(tmp_path, NEW_PAGE, "page", text)


def test_relink_standalone_added_makes_a_new_page_as_link_does_and_relink_standalone_removed_takes_it_out(tmp_path):
    """Its body's links make "mentioned in" lists (the page's own, a key result's objective's, a
    milestone's); its `description:` is no body and links nothing."""

    from okrsite.link import relink_standalone_removed

    first, untouched, answer, fresh = _with_new_page(tmp_path)
    site, changed = _as_link_does(first.site, untouched, answer, fresh, [])
    assert list(site.pages) == list(fresh.site.pages) == ["a-guide", "how-we-work"]
    assert changed == ["page a-guide (new)", "objective build-trust", "milestone feedback-form", "page how-we-work"]
    assert site.pages["how-we-work"].mentioned_in == ["a-guide"] and first.site.pages["how-we-work"].mentioned_in == []
    assert "a-guide" not in site.milestones["history-cache"].mentioned_in

    _, changed = _taken_out(first, fresh, NEW_PAGE, relink_standalone_removed)
    assert changed == ["page a-guide (removed)", "objective build-trust", "milestone feedback-form", "page how-we-work"]


@pytest.mark.parametrize("edit", [
    lambda text: text.replace("title: A guide", "id: feedback-form\ntitle: A guide"),  # the id is taken
    lambda text: text.replace("title: A guide", "id: roadmap\ntitle: A guide"),  # the site's own /roadmap/
    lambda text: text.replace("[[how-we-work]]", "[[how-we-walk]]"),  # a link to nothing
])
def test_relink_standalone_added_leaves_other_new_pages_to_a_whole_check(tmp_path, edit):
    assert _with_new_page(tmp_path, edit(NEW_PAGE_TEXT))[2] is None


NEW_TEAM = "content/teams/platform.yaml"
NEW_TEAM_TEXT = "name: Platform\nlead: Ana\ndescription: Keeps [[history-cache]] and [[how-we-work]] going.\n"


def _with_new_file(tmp_path, rel: str, kind: str, text: str, files: dict | None = None):
    """(the clean fixture's check (with `files` removed: None, or written), its tables deep-copied,
    the answer of relink_added (a milestone) or relink_standalone_added (a page, a team) for `rel`
    written with `text`, a fresh check)."""
    import copy
    import shutil

    from okrsite.link import relink_added, relink_standalone_added
    from okrsite.load import read_document

    site_dir = tmp_path / "site"
    shutil.copytree(fixture("clean"), site_dir)
    for name, written in (files or {}).items():
        (site_dir / name).unlink() if written is None else (site_dir / name).write_text(written, encoding="utf-8")
    first = check(site_dir)
    untouched = copy.deepcopy({name: getattr(first.site, name) for name in TABLES})
    (site_dir / rel).write_text(text, encoding="utf-8")
    after = read_document(site_dir, rel, kind)
    documents = {document.path: document for document in first.documents}
    added = relink_added if kind == "milestone" else relink_standalone_added
    answer = added(first.site, first.config, after, first.diagnostics, {**documents, rel: after})
    return first, untouched, answer, check(site_dir)


def test_relink_standalone_added_makes_a_new_team_as_link_does_and_removed_takes_it_out(tmp_path):
    """A team file's `description:` stands in for its body: its links make "mentioned in" lists."""

    from okrsite.link import relink_standalone_removed

    first, untouched, answer, fresh = _with_new_file(tmp_path, NEW_TEAM, "team", NEW_TEAM_TEXT)
    site, changed = _as_link_does(first.site, untouched, answer, fresh, [])
    assert list(site.teams) == list(fresh.site.teams) == ["matchmaking", "platform"]
    assert changed == ["team platform (new)", "milestone history-cache", "page how-we-work"]
    assert site.pages["how-we-work"].mentioned_in == ["platform"]

    _, changed = _taken_out(first, fresh, NEW_TEAM, relink_standalone_removed)
    assert changed == ["team platform (removed)", "milestone history-cache", "page how-we-work"]


def test_relink_standalone_leaves_the_first_and_last_team_and_a_named_one_to_a_whole_check(tmp_path):
    """Messages name teams only once a site has one (too-many-objectives: "the site" or "objectives
    without a team"); a team that objectives or milestones name leaves errors behind."""
    from okrsite.link import relink_standalone_removed

    unteamed = {"content/teams/matchmaking.yaml": None}
    for path, text in (("content/objectives/2026-Q2/build-trust.md", "team: matchmaking\n"),
                       ("content/milestones/feedback-form.md", "team: matchmaking\n"),
                       ("content/milestones/history-cache.md", "team: matchmaking\n")):
        original = (fixture("clean") / path).read_text(encoding="utf-8")
        unteamed[path] = original.replace(text, "")
    first, _, answer, fresh = _with_new_file(tmp_path / "first", NEW_TEAM, "team", NEW_TEAM_TEXT, unteamed)
    assert first.errors == 0 and not first.site.teams and answer is None
    before = next(d for d in fresh.documents if d.path == NEW_TEAM)
    others = {d.path: d for d in fresh.documents if d.path != NEW_TEAM}
    assert relink_standalone_removed(fresh.site, fresh.config, before, fresh.diagnostics, others) is None  # the last
    named = check(fixture("clean"))
    before = next(d for d in named.documents if d.path == "content/teams/matchmaking.yaml")
    others = {d.path: d for d in named.documents if d.path != before.path}
    assert relink_standalone_removed(named.site, named.config, before, named.diagnostics, others) is None


def test_relink_standalone_removed_leaves_a_page_others_link_to_to_a_whole_check(tmp_path):
    from okrsite.link import relink_standalone_removed

    _, _, _, fresh = _with_new_page(tmp_path)  # a-guide links to how-we-work
    linked = "content/pages/how-we-work.md"
    assert fresh.site.pages["how-we-work"].mentioned_in == ["a-guide"]
    before = next(d for d in fresh.documents if d.path == linked)
    documents = {document.path: document for document in fresh.documents if document.path != linked}
    assert relink_standalone_removed(fresh.site, fresh.config, before, fresh.diagnostics, documents) is None


@pytest.mark.parametrize("edit", [
    lambda text: text.replace("title: A new", "id: feedback-form\ntitle: A new"),  # the id is taken
    lambda text: text.replace("build-trust/kr1]", "build-trust/kr9]"),  # an error, with its hint
    lambda text: text.replace("sprints: [s9, s9]", "sprints: [s9, s99]"),
    lambda text: text.replace("[[how-we-work]]", "[[how-we-walk]]"),  # a link to nothing
    lambda text: text.replace("Write it up", "Ask ten users"),  # one task id twice
    lambda text: text.replace("sprints: [s9, s9]", "status: candidate"),  # checked and drawn apart
])
def test_relink_added_leaves_other_new_files_to_a_whole_check(tmp_path, edit):
    assert _with_new_milestone(tmp_path, edit(NEW_MS_TEXT))[2] is None


TASK_FILE_TEXT = """---
title: Probe ten players
milestone: new-signal
status: done
sprint: s10
---
As [[how-we-work]] says, for [[build-trust/kr1]] and [the form](../milestones/feedback-form.md).
"""


def test_relink_task_added_and_removed_make_a_task_file_as_link_does(tmp_path):
    import copy
    import shutil

    from okrsite.link import relink_task_added, relink_task_removed
    from okrsite.load import read_document

    site_dir = tmp_path / "site"
    shutil.copytree(fixture("clean"), site_dir)
    (site_dir / NEW_MS).write_text(NEW_MS_TEXT, encoding="utf-8")  # a milestone nothing mentions
    first = check(site_dir)
    untouched = copy.deepcopy({name: getattr(first.site, name) for name in TABLES})
    rel = "content/tasks/probe.md"
    (site_dir / rel).write_text(TASK_FILE_TEXT, encoding="utf-8")
    after = read_document(site_dir, rel, "task")
    documents = {document.path: document for document in first.documents}
    answer = relink_task_added(first.site, first.config, after, first.diagnostics, {**documents, rel: after})
    fresh = check(site_dir)
    # in s10, after the milestone's one sprint
    site, changed = _as_link_does(first.site, untouched, answer, fresh,
                                  ["starts-before-dependency", "task-outside-milestone"])
    # (kr1 is numeric: its progress is its own; new-signal mentioned the page and the form already)
    assert changed == ["milestone new-signal", "objective build-trust"]
    assert site.objectives["build-trust"].mentioned_in == ["feedback-form", "how-we-work", "new-signal"]
    assert [task.id for task in site.milestones["new-signal"].tasks][-1] == "new-signal/probe"
    assert site.milestones["new-signal"].completion == 2 / 3

    untouched = copy.deepcopy({name: getattr(fresh.site, name) for name in TABLES})
    (site_dir / rel).unlink()
    documents = {document.path: document for document in fresh.documents if document.path != rel}
    answer = relink_task_removed(fresh.site, fresh.config, after, fresh.diagnostics, documents)
    site, changed = _as_link_does(fresh.site, untouched, answer, check(site_dir), ["starts-before-dependency"])
    assert changed == ["milestone new-signal", "objective build-trust"]  # the form is still mentioned, from its file
    for name in TABLES:
        assert getattr(site, name) == getattr(first.site, name), name

    # a task file whose milestone is mentioned (a link to the task may break), or naming no milestone
    before = next(d for d in first.documents if d.path == "content/tasks/write-copy.md")
    assert relink_task_removed(first.site, first.config, before, first.diagnostics, documents) is None
    (site_dir / rel).write_text(TASK_FILE_TEXT.replace("new-signal", "no-such-milestone"), encoding="utf-8")
    after = read_document(site_dir, rel, "task")
    assert relink_task_added(first.site, first.config, after, first.diagnostics, {**documents, rel: after}) is None


@pytest.mark.parametrize("rel", [
    MS_FILE,  # the objective's body links to it
    "content/milestones/history-cache.md",  # feedback-form depends on it
])
def test_relink_removed_leaves_a_milestone_others_name_to_a_whole_check(rel):
    from okrsite.link import relink_removed

    first = check(fixture("clean"))
    before = next(d for d in first.documents if d.path == rel)
    documents = {document.path: document for document in first.documents if document.path != rel}
    assert relink_removed(first.site, first.config, before, first.diagnostics, documents) is None


@pytest.mark.parametrize("rel, edit, warned", [
    # later: its tasks in s8 (one nested, one in its own file) are outside it
    (MS_FILE, lambda text: text.replace("sprints: [s8, s9]", "sprints: [s9, s10]"),
     ["task-outside-milestone", "task-outside-milestone"]),
    # one sprint (single-sprint-milestone is off by default): its task in s9 is outside it
    (MS_FILE, lambda text: text.replace("sprints: [s8, s9]", "sprints: [s8, s8]"), ["task-outside-milestone"]),
    # a dependency due after it starts
    ("content/milestones/history-cache.md", lambda text: text.replace("due: 2026-04-10", "due: 2026-04-20"),
     ["starts-before-dependency"]),
    # earlier, wholly outside its key result's quarter
    ("content/milestones/history-cache.md", lambda text: text.replace("start: 2026-03-16", "start: 2026-03-02").replace(
        "due: 2026-04-10", "due: 2026-03-06"), ["outside-quarter"]),
    # after feedback-form: the lists they share (kr2's, the objective's) are sorted again
    ("content/milestones/history-cache.md", lambda text: text.replace("start: 2026-03-16", "start: 2026-04-27").replace(
        "due: 2026-04-10", "due: 2026-06-30"), ["starts-before-dependency"]),
])
def test_relink_moves_a_milestone_in_time_as_link_does(tmp_path, rel, edit, warned):
    _, changed = _as_link_does(*_relinked(tmp_path, rel, edit), warned)
    assert f"milestone {rel.rsplit('/', 1)[1][:-3]}" in changed


def test_relink_sorts_the_lists_a_moved_milestone_is_in_again(tmp_path):
    rel = "content/milestones/history-cache.md"
    previous, _, answer, _ = _relinked(tmp_path, rel, lambda text: text.replace(
        "start: 2026-03-16", "start: 2026-04-27").replace("due: 2026-04-10", "due: 2026-06-30"))
    assert previous.key_results["build-trust/kr2"].milestone_ids == ["history-cache", "feedback-form"]
    assert answer[0].key_results["build-trust/kr2"].milestone_ids == ["feedback-form", "history-cache"]
    assert answer[0].objectives["build-trust"].key_results[1] is answer[0].key_results["build-trust/kr2"]


STALE = "rules:\n  stale-checkin: {severity: warning, days: 14}\n"  # kr1's last check-in is 18 days old


@pytest.mark.parametrize("edit, warned", [
    # a check-in added: every value below it is a line lower, the warning is gone
    (lambda text: text.replace("      - {date: 2026-04-24", "      - {date: 2026-05-08, value: 1900}\n      - {date: 2026-04-24"),
     []),
    # another date for the latest: still stale, by other days
    (lambda text: text.replace("date: 2026-04-24", "date: 2026-04-20"), ["stale-checkin"]),
    # a title over two lines: the warning at kr1's id moves down with it
    (lambda text: text.replace("title: Build trust through match experiences",
                               "title: >-\n  Build trust through\n  match experiences"), ["stale-checkin"]),
])
def test_relink_takes_check_ins_and_moved_lines_as_link_does(tmp_path, edit, warned):
    _, changed = _as_link_does(*_relinked(tmp_path, CLEAN_OBJECTIVE, edit, STALE), warned)
    assert changed == ["objective build-trust"]


def test_relink_leaves_moved_lines_to_a_whole_check_when_a_message_quotes_the_file(tmp_path):
    """A message may name a line of the file (duplicate ids say where the first one is)."""
    import shutil

    from okrsite.diagnostics import Diagnostic, Location
    from okrsite.link import relink
    from okrsite.load import read_document

    site_dir = tmp_path / "site"
    shutil.copytree(fixture("clean"), site_dir)
    first = check(site_dir)
    before = next(d for d in first.documents if d.path == CLEAN_OBJECTIVE)
    path = site_dir / CLEAN_OBJECTIVE
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Build trust through match experiences", "title: >-\n  Build trust\n  through matches"), encoding="utf-8")
    after = read_document(site_dir, CLEAN_OBJECTIVE, "objective")
    quoting = [Diagnostic("duplicate-id", f"the id is taken (at {CLEAN_OBJECTIVE}:9)", Location("content/x.md", 2, 1))]
    assert relink(first.site, first.config, before, after, quoting, {}) is None
    assert relink(first.site, first.config, before, after, [], {}) is not None


def test_line_shift_maps_lines_only_when_every_other_value_kept_its_column_and_order():
    from okrsite.diagnostics import Diagnostic, Location
    from okrsite.link import _line_shift, _moved_with
    from okrsite.load import SourceMap

    was = SourceMap("f.md", {("title",): (2, 8, 5), ("a",): (3, 4, 1), ("b",): (4, 4, 1)}, {("a",): (3, 1, 1)})
    assert _line_shift(was, was, set()) == {}
    lower = SourceMap("f.md", {("title",): (2, 8, 9), ("a",): (4, 4, 1), ("b",): (5, 4, 1)}, {("a",): (4, 1, 1)})
    assert _line_shift(was, lower, set()) is None  # the title's length changed and it is not left out
    assert _line_shift(was, lower, {("title",)}) == {3: 4, 4: 5}
    swapped = SourceMap("f.md", {("title",): (2, 8, 5), ("a",): (4, 4, 1), ("b",): (3, 4, 1)}, {("a",): (4, 1, 1)})
    assert _line_shift(was, swapped, {("title",)}) is None  # values written in another order
    shifted = SourceMap("f.md", {("title",): (2, 8, 5), ("a",): (3, 5, 1), ("b",): (4, 4, 1)}, {("a",): (3, 1, 1)})
    assert _line_shift(was, shifted, set()) is None  # another column

    lines = {2: 2, 3: 4, 4: 5}
    at = [Diagnostic("outside-quarter", "m", Location("f.md", 4, 4)), Diagnostic("outside-quarter", "m", Location("g.md", 4, 4))]
    assert [(d.location.file, d.location.line) for d in _moved_with(at, "f.md", lines)] == [("f.md", 5), ("g.md", 4)]
    assert _moved_with([Diagnostic("unknown-ref", "x", Location("f.md", 9, 1))], "f.md", lines) is None  # in the body
    assert _moved_with([Diagnostic("duplicate-id", "see f.md:3", Location("g.md", 1, 1))], "f.md", lines) is None
    assert _moved_with([Diagnostic("duplicate-id", "whole file", Location("f.md", 1, 1))], "f.md", lines) is not None
    assert _moved_with([Diagnostic("duplicate-id", "first key", Location("f.md", 1, 1))], "f.md", {1: 2}) is None


@pytest.mark.parametrize("edit, warned", [
    # kr1 only: kr2 is left to history-cache, so nothing warns; the objective's progress changes
    (lambda text: text.replace("key_results: [build-trust/kr1, build-trust/kr2]", "key_results: [build-trust/kr1]"), []),
    (lambda text: text.replace("key_results: [build-trust/kr1, build-trust/kr2]", "key_results: [build-trust/kr2]"),
     ["kr-without-milestone"]),  # kr1 served by none
    (lambda text: text.replace("key_results: [build-trust/kr1, build-trust/kr2]",
                               "key_results: [build-trust/kr2, build-trust/kr1, build-trust/kr2]"), []),
])
def test_relink_serves_other_key_results_as_link_does(tmp_path, edit, warned):
    _, changed = _as_link_does(*_relinked(tmp_path, MS_FILE, edit), warned)
    assert "milestone feedback-form" in changed


@pytest.mark.parametrize("ref", ["build-trust/kr9", "build-trust", "kr1"])
def test_relink_leaves_a_reference_to_no_key_result_to_a_whole_check(tmp_path, ref):
    """unknown-ref and wrong-kind-ref come with hints a whole check makes."""
    assert _relinked(tmp_path, MS_FILE, lambda text: text.replace("build-trust/kr2]", f"{ref}]"))[2] is None


@pytest.mark.parametrize("rel, edit, warned", [
    (MS_FILE, lambda text: text.replace("depends_on: [history-cache]", "depends_on: []"), []),
    ("content/milestones/history-cache.md", lambda text: text.replace("status: done", "status: done\ndepends_on: []"),
     []),  # a field written
    ("content/milestones/history-cache.md", lambda text: text.replace(
        "status: done", "status: done\ndepends_on: [feedback-form]"), None),  # a cycle: an error, a whole check's
    (MS_FILE, lambda text: text.replace("owner: Dana Okafor\n", "").replace("votes: 4\n", ""), []),  # fields gone
    (MS_FILE, lambda text: text.replace("sprints: [s8, s9]", "start: 2026-04-13\ndue: 2026-05-01"), []),
])
def test_relink_follows_a_milestone_to_its_new_dependencies_hypothesis_and_team(tmp_path, rel, edit, warned):
    found = _relinked(tmp_path, rel, edit)
    if warned is None:
        assert found[2] is None
    else:
        _as_link_does(*found, warned)


def test_relink_moves_a_milestone_to_another_team_hypothesis_and_dependency(tmp_path):
    """A second team, hypothesis and milestone to move to (written into the clean fixture)."""
    import shutil

    from okrsite.link import relink
    from okrsite.load import read_document

    site_dir = tmp_path / "site"
    shutil.copytree(fixture("clean"), site_dir)
    (site_dir / "content" / "teams" / "platform.yaml").write_text("name: Platform\n", encoding="utf-8")
    objective = site_dir / CLEAN_OBJECTIVE
    objective.write_text(objective.read_text(encoding="utf-8").replace(
        "    status: untested\n", "    status: untested\n  - id: h2\n    statement: Faster is fairer\n"), encoding="utf-8")
    (site_dir / "content" / "milestones" / "late.md").write_text(
        "---\ntitle: Late\ntype: epic\nkey_results: [build-trust/kr2]\nsprints: [s9, s11]\n---\n", encoding="utf-8")
    first = check(site_dir)
    assert [d.code for d in first.diagnostics] == []
    before = next(d for d in first.documents if d.path == MS_FILE)
    path = site_dir / MS_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("team: matchmaking", "team: platform").replace(
        "depends_on: [history-cache]", "depends_on: [late, history-cache]").replace(
        "hypothesis: build-trust/h1", "hypothesis: build-trust/h2"), encoding="utf-8")
    after = read_document(site_dir, MS_FILE, "milestone")
    documents = {document.path: document for document in first.documents}
    answer = relink(first.site, first.config, before, after, first.diagnostics, {**documents, MS_FILE: after})
    fresh = check(site_dir)
    assert answer is not None and [d.code for d in answer[2]] == ["starts-before-dependency"]
    assert answer[2] == fresh.diagnostics
    for name in TABLES:
        assert getattr(answer[0], name) == getattr(fresh.site, name), name
    assert answer[0].teams["platform"].milestone_ids == ["feedback-form"]
    assert answer[0].milestones["late"].depended_on_by == ["feedback-form"]
    assert answer[0].hypotheses["build-trust/h2"].milestone_ids == ["feedback-form"]
    assert answer[0].objectives["build-trust"].hypotheses[1] is answer[0].hypotheses["build-trust/h2"]
    assert first.site.hypotheses["build-trust/h2"].milestone_ids == []  # the previous model as it was


TASK_FILE = "content/tasks/write-copy.md"


@pytest.mark.parametrize("edit", [
    lambda text: text.replace("status: doing", "status: done"),
    lambda text: text.replace("status: doing", "status: done\nassignee: Eve\nestimate: 2"),  # fields written
    lambda text: text.replace("title: Write the email copy", "title: >-\n  Write the\n  copy"),  # lines moved
    lambda text: text.replace("Mentions [[history-cache]].", "Mentions [[history-cache]] again."),  # same links
])
def test_relink_takes_a_task_files_status_and_words_and_rolls_up_its_milestone(tmp_path, edit):
    site, _ = _as_link_does(*_relinked(tmp_path, TASK_FILE, edit), [])
    assert site.milestones["feedback-form"].tasks[-1] is site.tasks["feedback-form/write-copy"]


@pytest.mark.parametrize("edit", [
    lambda text: text.replace("sprint: s8", "sprint: s9"),  # task-outside-milestone reads it
    lambda text: text.replace("milestone: feedback-form", "milestone: history-cache"),
    lambda text: text.replace("Mentions [[history-cache]].", "Mentions [[build-trust]]."),  # another link
    lambda text: text.replace("status: doing", "status: doing\nid: copy"),  # its id
])
def test_relink_leaves_a_task_files_other_edits_to_a_whole_check(tmp_path, edit):
    assert _relinked(tmp_path, TASK_FILE, edit)[2] is None


@pytest.mark.parametrize("edit, relinked", [
    (lambda text: text.replace("status: on-track", "status: at-risk"), True),  # no rule reads it
    (lambda text: text.replace("status: on-track", "status: done"), False),  # stale-checkin does
    (lambda text: text.replace("status: on-track", "status: dropped"), False),  # and every warning
    (lambda text: text.replace("    confidence: 0.6\n", "    confidence: 0.6\n    status: at-risk\n"), False),  # a field written: a part-2 site
    (lambda text: text.replace("    metric: ratings submitted per week", "    metric: ratings a week").replace(
        "    unit: ratings/week", "    unit: per week"), True),
    (lambda text: text.replace("    status: untested", "    status: validated").replace(
        "If we make feedback easier", "If feedback is easier"), True),  # a hypothesis's words and status
])
def test_relink_takes_what_no_rule_reads_of_an_objective(tmp_path, edit, relinked):
    found = _relinked(tmp_path, CLEAN_OBJECTIVE, edit, STALE)
    if relinked:
        _as_link_does(*found, ["stale-checkin"])
    else:
        assert found[2] is None


def _set_for(period: str):
    return lambda text: text.replace("quarter: 2026-Q2", f"quarter: {period}")


@pytest.mark.parametrize("period, warned, quarters", [
    # later: both milestones of its key results lie wholly outside it; no check-in is due yet
    ("2026-Q3", ["outside-quarter", "outside-quarter"], ["2026-Q1", "2026-Q2", "2026-Q3"]),
    # earlier: history-cache (March-April) still touches it; its check-ins are not asked for
    ("2026-Q1", ["outside-quarter"], ["2026-Q1", "2026-Q2"]),
    # a half and a year (part 2 of the format): still running, so kr1's check-in is late
    ("2026-H1", ["stale-checkin"], ["2026-Q1", "2026-Q2"]),
    ("2026", ["stale-checkin"], ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]),
    # a quarter of another year: a page of its own on the quarter list
    ("2025-Q4", ["outside-quarter", "outside-quarter"], ["2025-Q4", "2026-Q1", "2026-Q2"]),
])
def test_relink_sets_an_objective_for_another_period_as_link_does(tmp_path, period, warned, quarters):
    site, changed = _as_link_does(*_relinked(tmp_path, CLEAN_OBJECTIVE, _set_for(period), STALE), warned)
    assert changed == ["objective build-trust"]
    assert [q.id for q in site.quarters] == quarters


@pytest.mark.parametrize("period", ["2026-H1", "2026"])
def test_relink_takes_a_half_or_a_year_into_part_2_as_link_does(tmp_path, period):
    """A half or a year is part 2 of the format (Site.planning): a quarter-only site takes it on."""
    previous, untouched, answer, fresh = _relinked(tmp_path, CLEAN_OBJECTIVE, _set_for(period))
    site, _ = _as_link_does(previous, untouched, answer, fresh, [])
    assert site.planning and fresh.site.planning and not previous.planning


# a parent for the whole half, and a second objective of the team in the same quarter
PERIOD_RULES = ("rules:\n  stale-checkin: {severity: warning, days: 14}\n  ungraded: {severity: warning}\n"
                "  too-many-objectives: {severity: warning, max: 1}\n")
WITH_A_PARENT = {
    "content/objectives/company.md": "---\ntitle: A good half\nquarter: 2026-H1\nowner: Dana\n"
                                     "key_results:\n  - {id: kr1, title: Be trusted}\n---\n",
    "content/objectives/2026-Q2/grow.md": "---\ntitle: Grow\nquarter: 2026-Q2\nteam: matchmaking\nparent: company\n"
                                          "key_results:\n  - {id: kr1, title: More players}\n---\n",
    CLEAN_OBJECTIVE: lambda text: text.replace("team: matchmaking\n", "team: matchmaking\nparent: company\n"),
}


@pytest.mark.parametrize("period, warned", [
    # before: Q2 has two objectives of the team (too-many-objectives at grow's), kr1's check-in is late
    # out of its parent's half, and no longer the team's second objective of Q2
    ("2026-Q3", ["outside-quarter", "outside-quarter", "parent-outside-period", "kr-without-milestone",
                 "kr-without-milestone"]),
    # a quarter that has ended: its key results want grades
    ("2026-Q1", ["outside-quarter", "ungraded", "ungraded", "kr-without-milestone", "kr-without-milestone"]),
    # its parent's own half: inside it, counted in no quarter, running (kr1's check-in is late)
    ("2026-H1", ["stale-checkin", "kr-without-milestone", "kr-without-milestone"]),
])
def test_relink_asks_the_rules_that_read_periods_again_when_an_objective_moves(tmp_path, period, warned):
    site, changed = _as_link_does(*_relinked(tmp_path, CLEAN_OBJECTIVE, _set_for(period), PERIOD_RULES,
                                             WITH_A_PARENT), warned)
    assert changed == ["objective build-trust"] + ["team matchmaking"] * (period == "2026-Q3")  # now after grow
    assert site.teams["matchmaking"].objective_ids == sorted(
        ["build-trust", "grow"], key=lambda o: (site.objectives[o].quarter, o))


ALIGNMENT_RULES = PERIOD_RULES + "  unaligned: {severity: warning}\n"
UNALIGNED = {**WITH_A_PARENT, CLEAN_OBJECTIVE: lambda text: text}  # build-trust stands alone: unaligned


@pytest.mark.parametrize("files, edit, warned", [
    # given a parent: no longer unaligned (kr1's check-in is late, the team has two objectives in Q2)
    (UNALIGNED, lambda text: text.replace("team: matchmaking\n", "team: matchmaking\nparent: company\n"),
     ["stale-checkin", "too-many-objectives", "kr-without-milestone", "kr-without-milestone"]),
    # given a parent of another period (itself outside its own parent's half): parent-outside-period
    ({**UNALIGNED, "content/objectives/2026-Q3/later.md": "---\ntitle: Later\nquarter: 2026-Q3\nparent: company\n"
      "key_results:\n  - {id: kr1, title: Later on}\n---\n"},
     lambda text: text.replace("team: matchmaking\n", "team: matchmaking\nparent: later\n"),
     ["parent-outside-period", "stale-checkin", "too-many-objectives", "kr-without-milestone",
      "parent-outside-period", "kr-without-milestone", "kr-without-milestone"]),
    # its parent taken away: it stands alone
    (WITH_A_PARENT, lambda text: text.replace("parent: company\n", ""),
     ["unaligned", "stale-checkin", "too-many-objectives", "kr-without-milestone", "kr-without-milestone"]),
    # another parent and another quarter in one save
    (WITH_A_PARENT, lambda text: text.replace("parent: company\n", "parent: grow\n").replace("2026-Q2", "2026-Q1"),
     ["outside-quarter", "parent-outside-period", "ungraded", "ungraded", "kr-without-milestone",
      "kr-without-milestone"]),
])
def test_relink_sets_an_objective_under_another_parent_as_link_does(tmp_path, files, edit, warned):
    site, changed = _as_link_does(*_relinked(tmp_path, CLEAN_OBJECTIVE, edit, ALIGNMENT_RULES, files), warned)
    assert "objective build-trust" in changed
    assert all(o.parent_id is None or o.id in site.objectives[o.parent_id].children for o in site.objectives.values())


@pytest.mark.parametrize("edit", [
    lambda text: text.replace("parent: company\n", "parent: nobody\n"),  # no such objective
    lambda text: text.replace("parent: company\n", "parent: company/kr1\n"),  # a key result: an error
    lambda text: text.replace("parent: company\n", "parent: build-trust\n"),  # itself
])
def test_relink_leaves_a_parent_that_is_no_objective_to_a_whole_check(tmp_path, edit):
    assert _relinked(tmp_path, CLEAN_OBJECTIVE, edit, ALIGNMENT_RULES, WITH_A_PARENT)[2] is None


def test_relink_leaves_a_parent_that_makes_a_loop_to_a_whole_check(tmp_path):
    """company's child build-trust made its parent: a loop, an error a whole check reports."""
    answer = _relinked(tmp_path, "content/objectives/company.md",
                       lambda text: text.replace("owner: Dana\n", "owner: Dana\nparent: build-trust\n"),
                       ALIGNMENT_RULES, WITH_A_PARENT)
    assert answer[2] is None and [d.code for d in answer[3].diagnostics if d.is_error] == ["parent-cycle"]


@pytest.mark.parametrize("edit", [
    _set_for("2026-Q5"),  # no such quarter: an error
    lambda text: text.replace("quarter: 2026-Q2", "quarter: 2026-Q3").replace("status: on-track", "status: done"),
])
def test_relink_leaves_an_objective_set_for_no_period_or_with_other_edits_to_a_whole_check(tmp_path, edit):
    assert _relinked(tmp_path, CLEAN_OBJECTIVE, edit)[2] is None


def test_relink_leaves_a_period_that_may_end_part_2_to_a_whole_check(tmp_path):
    """From a half back to a quarter: whether another file still uses part 2 is not known here."""
    files = {CLEAN_OBJECTIVE: _set_for("2026-H1")}
    assert _relinked(tmp_path, CLEAN_OBJECTIVE, lambda t: t.replace("2026-H1", "2026-Q2"), files=files)[2] is None


def test_relink_takes_a_key_results_status_unless_done_or_dropped(tmp_path):
    objective = "content/objectives/o.md"
    files = {"okrsite.yaml": "title: T\ntoday: 2026-05-12\ncalendar:\n  sprints: {start: 2026-01-05, length_days: 14}\n",
             objective: objective_kr_text("at-risk"), MS_FILE: milestone("o/kr1", sprints=["s8", "s9"])}
    import copy

    from okrsite.link import relink
    from okrsite.load import read_document

    site_dir = make_site(tmp_path, files)
    first = check(site_dir)
    before = next(d for d in first.documents if d.path == objective)
    documents = {document.path: document for document in first.documents}
    for status, relinked in (("off-track", True), ("done", False), ("dropped", False)):
        (site_dir / objective).write_text(objective_kr_text(status), encoding="utf-8")
        after = read_document(site_dir, objective, "objective")
        untouched = copy.deepcopy(first.site.key_results)
        answer = relink(first.site, first.config, before, after, first.diagnostics, {**documents, objective: after})
        assert (answer is not None) is relinked, status
        if relinked:
            fresh = check(site_dir)
            assert answer[0].key_results == fresh.site.key_results and answer[2] == fresh.diagnostics
            assert answer[0].key_results["o/kr1"].status == status and first.site.key_results == untouched


def objective_kr_text(status: str) -> str:
    return ("---\ntitle: O\nquarter: 2026-Q2\nkey_results:\n  - id: kr1\n    title: More ratings\n"
            f"    status: {status}\n---\n")


@pytest.mark.parametrize("edit, warned", [
    (lambda text: text.replace("title: Ship the feedback loop", "title: Players rate more matches"), []),
    (lambda text: text.replace("title: Double weekly post-match ratings", "title: Launch the ratings form"),
     ["output-key-result", "output-key-result"]),
    (lambda text: text.replace("title: Double weekly post-match ratings", "title: >-\n      Double weekly\n      ratings"),
     ["output-key-result"]),  # kr2's warning a line lower
])
def test_relink_asks_output_key_result_again_about_a_retitled_key_result(tmp_path, edit, warned):
    _as_link_does(*_relinked(tmp_path, CLEAN_OBJECTIVE, edit, "rules:\n  output-key-result: warning\n"), warned)
