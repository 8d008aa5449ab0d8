"""okrsite.views: the data each page shows. Numbers are checked against the spec's definitions
(sections 4-5) on the `basic` fixture site, whose roll-ups are worked out by hand here:

    grow/kr1  start 100, target 200, check-ins 120 (Apr 1) and 150 (May 1)   -> 150 -> 50%
    grow/kr2  start 50, target 10 (a metric to lower), current 40           -> 25%
    grow/kr3  no numbers: mean of ms-a (done: 100%) and ms-b (2 of 4 tasks) -> 75%
    grow      mean of its KRs (50 + 25 + 75) / 3                             -> 50%
    speed/kr1 start 10, target 20, current 5 (below the start)              -> 0%
    old/kr1   start 0, target 10, current 15 (past the target)              -> 100%
    2026-Q2   mean of grow and speed                                         -> 25%
"""

from __future__ import annotations

import posixpath

import pytest
from render_helpers import SITES, checked_site, make_site

from okrsite import views
from okrsite.render import plan


@pytest.fixture(scope="module")
def site():
    return checked_site(SITES / "basic")


def hrefs(data) -> list[str]:
    """Every `href` value anywhere in a view."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "href" and isinstance(value, str):
                found.append(value)
            else:
                found += hrefs(value)
    elif isinstance(data, (list, tuple)):
        for item in data:
            found += hrefs(item)
    return found


def by_id(rows, key="id"):
    return {row[key]: row for row in rows}


def rows(bounded: dict) -> list:
    """Every row of a bounded list (views/listing.py), open or collapsed, in page order."""
    return [row for group in bounded["groups"] for row in group["rows"]]


# --- roll-ups ------------------------------------------------------------------------------

def test_numeric_kr_progress_from_the_latest_checkin(site):
    view = views.objective_page(site, site.objectives["grow"])
    kr = by_id(view["krs"])["grow/kr1"]
    assert kr["progress"] == 50
    assert kr["numbers"] == "150 of 200 sign-ups/week (from 100)"
    assert kr["basis"] == "numeric"


def test_kr_with_a_target_below_its_start(site):
    kr = by_id(views.objective_page(site, site.objectives["grow"])["krs"])["grow/kr2"]
    assert kr["progress"] == 25
    assert kr["numbers"] == "40 of 10 % (from 50)"


def test_kr_without_numbers_takes_the_mean_completion_of_its_milestones(site):
    kr = by_id(views.objective_page(site, site.objectives["grow"])["krs"])["grow/kr3"]
    assert kr["basis"] == "milestones"
    assert kr["progress"] == 75
    assert kr["numbers"] == ""
    assert [m["completion"] for m in rows(kr["milestones"])] == [100, 50]


def test_kr_progress_is_clamped(site):
    below = views.objective_page(site, site.objectives["speed"])["krs"][0]
    above = views.objective_page(site, site.objectives["old"])["krs"][0]
    assert (below["progress"], above["progress"]) == (0, 100)


def test_objective_progress_is_the_mean_of_its_krs(site):
    view = views.objective_page(site, site.objectives["grow"])
    assert view["objective"]["progress"] == 50
    assert [kr["progress"] for kr in view["objective"]["krs"]] == [50, 25, 75]


def test_milestone_completion_counts_nested_and_task_file_tasks(site):
    view = views.milestone_page(site, site.milestones["ms-b"])
    assert view["milestone"]["completion"] == 50
    assert (view["tasks_done"], len(view["tasks"])) == (2, 4)


def test_done_milestone_is_complete_and_one_without_tasks_is_not(site):
    assert views.milestone_page(site, site.milestones["ms-a"])["milestone"]["completion"] == 100
    assert views.milestone_page(site, site.milestones["ms-c"])["milestone"]["completion"] == 0


def test_quarter_progress_is_the_mean_of_its_objectives(site):
    q2 = views.quarter_page(site, "2026-Q2")["quarter"]
    assert q2["progress"] == 25
    assert [o["progress"] for o in q2["objectives"]] == [50, 0]
    assert views.quarter_page(site, "2026-Q1")["quarter"]["progress"] == 100


def test_current_defaults_to_start_without_checkins(tmp_path):
    root = make_site(tmp_path, {"content/objectives/obj.md": """\
        ---
        title: An objective
        quarter: 2026-Q2
        key_results:
          - {id: kr1, title: Numbers, start: 3, target: 7}
        ---
        """})
    site = checked_site(root)
    view = views.objective_page(site, site.objectives["obj"])
    assert view["krs"][0]["progress"] == 0
    assert view["krs"][0]["numbers"] == "3 of 7 (from 3)"


def test_dropped_milestones_do_not_count_towards_a_kr(tmp_path):
    root = make_site(tmp_path, {
        "content/objectives/obj.md": """\
            ---
            title: An objective
            quarter: 2026-Q2
            key_results:
              - {id: kr1, title: Delivery}
            ---
            """,
        "content/milestones/ms.md": """\
            ---
            title: Done one
            type: epic
            key_results: [obj/kr1]
            status: done
            ---
            """,
        "content/milestones/gone.md": """\
            ---
            title: Dropped one
            type: spike
            key_results: [obj/kr1]
            status: dropped
            ---
            """,
    })
    site = checked_site(root)
    assert views.objective_page(site, site.objectives["obj"])["krs"][0]["progress"] == 100


# --- home ----------------------------------------------------------------------------------

def test_home_shows_the_quarter_of_today(site):
    view = views.home(site)
    assert view["quarter"]["id"] == "2026-Q2"
    assert view["quarter"]["current"] is True
    assert [o["id"] for o in view["quarter"]["objectives"]] == ["grow", "speed"]


def test_home_follows_the_configured_today(tmp_path):
    root = make_site(tmp_path, config="title: T\ntoday: 2026-02-10\ncalendar:\n  sprints: {start: 2026-01-05, length_days: 14}\n")
    view = views.home(checked_site(root))
    assert view["quarter"]["id"] == "2026-Q1"
    assert view["quarter"]["objectives"] == []
    assert view["site"]["today"] == "Feb 10, 2026"


def test_home_lists_milestones_at_risk_or_blocked(site):
    attention = views.home(site)["attention"]
    assert [(m["id"], m["status"]["label"]) for m in rows(attention)] == [("ms-c", "At risk"), ("ms-d", "Blocked")]
    assert not attention["grouped"]  # two rows: one table


def test_home_lists_recent_checkins_newest_first(site):
    checkins = views.home(site)["checkins"]
    assert [(c["iso"], c["value"], c["confidence"], c["note"]) for c in checkins] == [
        ("2026-05-01", "150 sign-ups/week", 70, "campaign live"),
        ("2026-04-01", "120 sign-ups/week", 50, "baseline week"),
    ]
    assert checkins[0]["kr"] == {"href": "objectives/grow/index.html#kr-kr1", "text": "Double weekly sign-ups"}


def test_checkins_after_today_are_not_recent(tmp_path):
    root = make_site(tmp_path, {"content/objectives/obj.md": """\
        ---
        title: An objective
        quarter: 2026-Q2
        key_results:
          - id: kr1
            title: Numbers
            start: 0
            target: 10
            checkins:
              - {date: 2026-05-01, value: 2}
              - {date: 2026-06-01, value: 9}
        ---
        """})
    assert [c["iso"] for c in views.home(checked_site(root))["checkins"]] == ["2026-05-01"]


# --- quarters ------------------------------------------------------------------------------

def test_quarter_lists_milestones_overlapping_it_and_unscheduled_ones_of_its_objectives(site):
    q2 = views.quarter_page(site, "2026-Q2")["quarter"]
    assert [m["id"] for m in q2["milestones"]] == ["ms-a", "ms-b", "ms-c", "ms-d"]
    assert [m["id"] for m in q2["unscheduled"]["rows"]] == ["ms-d"]
    assert (q2["unscheduled"]["count"], q2["unscheduled"]["more"]) == (1, 0)
    assert [m["id"] for m in rows(q2["milestone_groups"])] == ["ms-a", "ms-b", "ms-c", "ms-d"]
    q1 = views.quarter_page(site, "2026-Q1")["quarter"]
    assert [m["id"] for m in q1["milestones"]] == ["ms-old", "ms-a"]


def test_quarter_groups_milestones_by_type(site):
    groups = views.quarter_page(site, "2026-Q2")["quarter"]["by_type"]["groups"]
    assert all(g["open"] for g in groups)
    assert [(g["label"], [r["id"] for r in g["rows"]]) for g in groups] == [
        ("Epic", ["ms-a"]), ("Spike", ["ms-b"]), ("Enabler", ["ms-c"]), ("Signal test", ["ms-d"])]


def test_quarters_index_newest_first_with_counts(site):
    rows = views.quarters_index(site)["quarters"]
    assert [(r["name"], r["objectives"], r["milestones"], r["progress"], r["current"]) for r in rows] == [
        ("2026-Q2", 2, 4, 25, True), ("2026-Q1", 1, 2, 100, False)]
    assert rows[0]["href"] == "2026-q2/index.html"
    assert rows[0]["dates"] == "Apr 1 – Jun 30, 2026"


def test_quarter_links_its_standalone_svg(site):
    assert views.quarter_page(site, "2026-Q2")["quarter"]["svg_href"] == "roadmap.svg"


# --- roadmap and its filters ----------------------------------------------------------------

def test_one_roadmap_variant_per_filter_value(site):
    variants = views.roadmap_variants(site)
    assert {"team": "alpha"} in variants and {"team": "beta"} in variants
    assert {next(iter(v)) for v in variants} == {"team", "type", "status"}
    assert sorted(v["type"] for v in variants if "type" in v) == ["enabler", "epic", "signal-test", "spike"]
    assert len([v for v in variants if "status" in v]) == 6


def test_roadmap_filter_keeps_only_matching_milestones(site):
    view = views.roadmap_page(site, {"team": "alpha"})
    assert view["filter_label"] == "Alpha Team"
    assert view["page"]["title"] == "Roadmap 2026: Alpha Team"
    shown = {m["id"] for m in view["quarter"]["milestones"]}
    assert shown == {"ms-a", "ms-b"}


def test_roadmap_filters_are_plain_links_marking_the_current_one(site):
    view = views.roadmap_page(site, {"status": "blocked"})
    options = {(g["dimension"], o["value"]): o for g in view["filters"] for o in g["options"]}
    assert options[("status", "blocked")]["current"] is True
    assert sum(o["current"] for o in options.values()) == 1
    assert options[("type", "epic")]["href"] == "../../type/epic/index.html"
    assert options[("team", "beta")]["href"] == "../../team/beta/index.html"
    assert view["all_href"] == "../../index.html"
    assert [m["id"] for m in view["quarter"]["milestones"]] == ["ms-d"]


def test_unfiltered_roadmap_shows_the_current_fiscal_year(site):
    view = views.roadmap_page(site)
    assert view["filtered"] is False
    assert view["period"] == "2026"
    assert [y["text"] for y in view["years"]] == ["2026"]
    assert [z["href"] for z in view["zooms"]] == ["index.html", "h1/index.html", "h2/index.html"]
    assert [(g["text"], g["href"], g["current"]) for g in view["groupings"]] == [
        ("Objective", "index.html", True), ("Team", "by-team/index.html", False), ("Type", "by-type/index.html", False)]
    assert view["quarter"]["diagram"]["plot"].startswith("<svg")


def test_roadmap_half_year_by_team(site):
    view = views.roadmap_page(site, year=2026, half=1, group="team")
    assert view["page"]["title"] == "Roadmap 2026 H1"
    assert [z["current"] for z in view["zooms"]] == [False, True, False]
    assert view["filters"] == []            # filters are pages of the current year's whole view
    plot = view["quarter"]["diagram"]["lanes"]
    assert "Alpha Team" in plot


# --- objective and milestone pages ---------------------------------------------------------

def test_objective_page_sparkline_only_with_two_checkins(site):
    krs = by_id(views.objective_page(site, site.objectives["grow"])["krs"])
    assert 'class="sparkline"' in krs["grow/kr1"]["sparkline"]
    assert krs["grow/kr2"]["sparkline"] == ""


def test_objective_page_checkins_newest_first(site):
    kr = by_id(views.objective_page(site, site.objectives["grow"])["krs"])["grow/kr1"]
    assert [c["iso"] for c in kr["checkins"]] == ["2026-05-01", "2026-04-01"]
    assert kr["confidence"] == 70


def test_objective_page_hypotheses_with_their_milestones(site):
    (h1,) = views.objective_page(site, site.objectives["grow"])["hypotheses"]
    assert h1["anchor"] == "hypothesis-h1"
    assert h1["status"] == {"label": "Validated", "class": "status-validated"}
    assert [m["id"] for m in rows(h1["milestones"])] == ["ms-a"]
    assert h1["krs"] == [{"href": "index.html#kr-kr1", "text": "Double weekly sign-ups"}]


def test_objective_page_mentioned_in(site):
    view = views.objective_page(site, site.objectives["grow"])
    mentioned = rows(view["mentioned_in"])
    assert [m["text"] for m in mentioned] == ["Alpha Team", "Notes", "Referral spike"]  # by title
    assert mentioned[2]["href"] == "../../milestones/ms-b/index.html"
    assert [m["kind"] for m in mentioned] == ["team", "page", "milestone"]


def test_milestone_page_dependencies_both_ways(site):
    view = views.milestone_page(site, site.milestones["ms-b"])
    assert [m["id"] for m in rows(view["depends_on"])] == ["ms-a"]
    assert [m["id"] for m in rows(view["depended_on_by"])] == ["ms-c"]
    assert rows(view["depends_on"])[0]["href"] == "../ms-a/index.html"


def test_milestone_page_mentioned_in(site):
    view = views.milestone_page(site, site.milestones["ms-a"])
    assert rows(view["mentioned_in"]) == [
        {"href": "../../objectives/grow/index.html", "text": "Grow the player base", "kind": "objective"},
        {"href": "../ms-b/index.html", "text": "Referral spike", "kind": "milestone"},
    ]


def test_milestone_page_tasks_are_anchors(site):
    tasks = views.milestone_page(site, site.milestones["ms-b"])["tasks"]
    assert [t["anchor"] for t in tasks] == ["task-design", "task-write-the-copy", "task-endpoint", "task-review"]
    design = tasks[0]
    assert (design["done"], design["assignee"], design["sprint"], design["estimate"]) == (True, "Eve", "Sprint 9", "3")
    assert [t["meta"] for t in tasks] == ["Eve · Sprint 9 · estimate 3", "Sprint 9", "Sprint 10", "Sprint 10"]


def test_milestone_page_badges_dates_and_krs(site):
    view = views.milestone_page(site, site.milestones["ms-b"])
    m = view["milestone"]
    assert m["type"] == {"label": "Spike", "class": "type-spike"}
    assert m["status"] == {"label": "In progress", "class": "status-in-progress"}
    assert (m["dates"], m["sprints"], m["start"], m["end"]) == (
        "Apr 27 – May 24, 2026", "Sprint 9 – Sprint 10", "2026-04-27", "2026-05-24")
    assert [(k["id"], k["progress"]) for k in view["krs"]] == [("grow/kr1", 50), ("grow/kr2", 25), ("grow/kr3", 75)]


def test_milestone_page_hypothesis(site):
    view = views.milestone_page(site, site.milestones["ms-a"])
    assert view["hypothesis"]["link"] == {"href": "../../objectives/grow/index.html#hypothesis-h1",
                                          "text": "If sign-up is faster, more players finish it"}


def test_unscheduled_milestone(site):
    m = views.milestone_page(site, site.milestones["ms-d"])["milestone"]
    assert (m["dates"], m["start"], m["team"]) == ("Unscheduled", "", None)


def test_body_links_are_relative_to_the_page(site):
    body = views.milestone_page(site, site.milestones["ms-b"])["body"]
    assert 'href="../../objectives/grow/index.html#kr-kr1"' in body
    assert 'href="../ms-a/index.html">the sign-up work</a>' in body
    assert 'href="../../notes/index.html"' in body


def test_body_headings_never_repeat_an_id_of_the_page(tmp_path):
    root = make_site(tmp_path, {"content/milestones/ms.md": """\
        ---
        title: A milestone
        type: epic
        key_results: [obj/kr1]
        tasks:
          - {title: Plan, id: plan}
        ---
        ## Tasks

        ## Task plan
        """})
    site = checked_site(root)
    body = views.milestone_page(site, site.milestones["ms"])["body"]
    assert 'id="tasks"' not in body and 'id="task-plan"' not in body
    assert 'id="tasks-1"' in body and 'id="task-plan-1"' in body


def test_free_page_headings_keep_their_natural_anchors(tmp_path):
    root = make_site(tmp_path, {"content/pages/p.md": "---\ntitle: P\n---\n## Tasks\n\n## Milestones\n\n## Mentioned in\n"})
    body = views.free_page(checked_site(root), checked_site(root).pages["p"])["body"]
    assert 'id="tasks"' in body and 'id="milestones"' in body
    assert 'id="mentioned-in"' not in body  # the page's own backlinks section has that id


# --- teams and pages -----------------------------------------------------------------------

def test_teams_index_counts(site):
    teams = {t["link"]["text"]: t for t in views.teams_index(site)["teams"]}
    alpha = teams["Alpha Team"]
    assert (alpha["lead"], alpha["members"], alpha["objectives"], alpha["milestones"], alpha["open"]) == (
        "Ada Lovelace", 2, 1, 2, 1)
    assert list(teams) == ["Alpha Team", "Beta Team"]


def test_team_page_objectives_milestones_and_filtered_roadmap(site):
    view = views.team_page(site, site.teams["alpha"])
    assert [o["id"] for o in rows(view["objectives"])] == ["grow"]
    assert [m["id"] for m in rows(view["milestones"])] == ["ms-b", "ms-a"]  # newest first
    assert view["roadmap_href"] == "../../roadmap/team/alpha/index.html"
    assert 'href="../../objectives/grow/index.html"' in view["body"]


def test_free_page_body_and_backlinks(site):
    view = views.free_page(site, site.pages["notes"])
    assert view["page"]["title"] == "Notes"
    assert view["page"]["description"] == "Meeting notes"
    assert 'href="../objectives/grow/index.html#background"' in view["body"]
    assert [m["text"] for m in rows(view["mentioned_in"])] == ["How we work", "Referral spike"]


def test_navigation_lists_free_pages_by_weight(site):
    nav = views.home(site)["site"]["nav"]
    assert [n["text"] for n in nav] == ["Now", "Quarters", "Roadmap", "Milestones", "Backlog", "Teams", "Notes",
                                        "How we work"]
    assert [n["text"] for n in nav if n["current"]] == ["Now"]


# --- edit links ----------------------------------------------------------------------------

def test_edit_link_uses_the_path_from_the_repository_root(site):
    edit = views.milestone_page(site, site.milestones["ms-b"])["page"]["edit"]
    # tests/sites/basic is inside this git checkout, so the path starts at the repository root.
    assert edit == ("https://git.example.org/acme/roadmap/edit/main/"
                    "tests/sites/basic/content/milestones/sub/ms-b.md")


def test_edit_link_of_a_task_file(site):
    tasks = views.milestone_page(site, site.milestones["ms-b"])["tasks"]
    assert [t["edit"] for t in tasks][-1].endswith("/edit/main/tests/sites/basic/content/tasks/review.md")
    assert all(t["edit"] == "" for t in tasks[:-1])  # nested tasks are edited with their milestone


def test_edit_link_at_a_repository_root(tmp_path):
    root = make_site(tmp_path, config="title: T\ntoday: 2026-05-12\nedit_url: https://h.example/e/{path}?plain=1\n"
                                      "calendar:\n  sprints: {start: 2026-01-05, length_days: 14}\n")
    (root / ".git").mkdir()
    site = checked_site(root)
    assert views.objective_page(site, site.objectives["obj"])["page"]["edit"] == (
        "https://h.example/e/content/objectives/obj.md?plain=1")


def test_no_edit_link_without_edit_url(tmp_path):
    site = checked_site(make_site(tmp_path))
    assert views.objective_page(site, site.objectives["obj"])["page"]["edit"] == ""
    assert views.milestone_page(site, site.milestones["ms"])["page"]["edit"] == ""


def test_edit_url_that_is_not_http_makes_no_link(tmp_path):
    root = make_site(tmp_path, config="title: T\ntoday: 2026-05-12\nedit_url: 'javascript:alert(1)//{path}'\n"
                                      "calendar:\n  sprints: {start: 2026-01-05, length_days: 14}\n")
    site = checked_site(root)
    assert views.objective_page(site, site.objectives["obj"])["page"]["edit"] == ""


def test_edit_link_path_is_url_encoded(tmp_path):
    root = make_site(tmp_path, {"content/pages/notes #1.md": "---\nid: notes\ntitle: Notes\n---\nHi\n"},
                     config="title: T\ntoday: 2026-05-12\nedit_url: https://h.example/e/{path}\n"
                            "calendar:\n  sprints: {start: 2026-01-05, length_days: 14}\n")
    (root / ".git").mkdir()
    site = checked_site(root)
    assert views.free_page(site, site.pages["notes"])["page"]["edit"] == "https://h.example/e/content/pages/notes%20%231.md"


# --- every link of every view --------------------------------------------------------------

def test_every_view_href_is_relative_and_leads_to_an_output_file(site):
    jobs = plan(site)
    files = {job.file for job in jobs} | {f"quarters/{q.slug}/roadmap.svg" for q in site.quarters}
    files |= {"assets/okrsite.css", "assets/okrsite.js", "assets/favicon.svg", "roadmap.json", "roadmap.ics"}
    for job in jobs:
        if job.file == "404.html":
            continue
        for href in hrefs(job.view()):
            assert not href.startswith("/") and "://" not in href, (job.file, href)
            path = href.partition("#")[0]
            target = posixpath.normpath(posixpath.join(posixpath.dirname(job.file), path)) if path else job.file
            assert target in files, (job.file, href)


def test_404_links_start_at_the_base_urls_path_never_its_host(site):
    view = views.not_found(site, {"assets/okrsite.css": b"a{color:red}</style>", "assets/favicon.svg": b"<svg/>"})
    assert view["site"]["home"] == "/roadmap/index.html"
    assert {n["href"] for n in view["site"]["nav"]} >= {"/roadmap/quarters/index.html"}
    assert view["site"]["json"] == "/roadmap/roadmap.json"
    assert view["page"]["canonical"] == ""
    assert view["site"]["inline_css"] == "a{color:red}<\\/style>"  # cannot close the <style> element
    assert view["site"]["favicon"] == "data:image/svg+xml,%3Csvg/%3E" and view["site"]["script"] == ""
    assert view["not_found"]["root_guessed"] is False


def test_404_without_a_base_url_starts_at_the_host_root_and_finds_the_folder(tmp_path):
    view = views.not_found(checked_site(make_site(tmp_path)))
    assert view["site"]["home"] == "/index.html"
    assert view["not_found"]["root_guessed"] is True and view["not_found"]["marker"].startswith("okrsite-404-")


def test_404_for_an_address_serve_knows_is_relative_to_it(site):
    view = views.not_found(site, prefix="../../")
    assert view["site"]["home"] == "../../index.html" and view["not_found"]["root_guessed"] is False


@pytest.mark.parametrize("base_url, path", [("https://a.github.io/roadmap", "/roadmap/"), ("https://a.org/", "/"),
                                             ("https://a.org", "/"), ("http://x/a/b/", "/a/b/")])
def test_base_path(base_url, path):
    assert views.base_path(base_url) == path


def test_canonical_url_from_the_base_url(site):
    assert views.objective_page(site, site.objectives["grow"])["page"]["canonical"] == (
        "https://example.org/roadmap/objectives/grow/")


# --- formatting helpers --------------------------------------------------------------------

@pytest.mark.parametrize("value, text", [(2400, "2,400"), (1234.5, "1,234.5"), (0.25, "0.25"), (None, ""),
                                         (3.0, "3"), (-12, "-12")])
def test_number(value, text):
    assert views.number(value) == text


def test_percent_and_badges():
    assert views.percent(0.0) == 0 and views.percent(1.0) == 100 and views.percent(2 / 3) == 67
    assert views.badge(None) is None
    assert views.badge("signal-test", "type") == {"label": "Signal test", "class": "type-signal-test"}


# --- linear in the input (issue 9, item 12) --------------------------------------------------

def test_a_milestone_serving_thousands_of_krs_costs_one_row_per_page(tmp_path):
    # The objective page lists the milestone under each of its n KRs, and the milestone's row
    # names all n KRs: made per list, the page held n^2 links (10,000 KRs: 5.9 GB after two
    # minutes; 5,000: minutes). Now each page makes a milestone's row once.
    from support import parse_html_text

    from okrsite.render import Renderer

    n = 5_000
    krs = "".join(f"  - {{id: kr{i}, title: Result {i}}}\n" for i in range(n))
    refs = ", ".join(f"big/kr{i}" for i in range(n))
    site_dir = make_site(tmp_path, {
        "content/objectives/big.md": f"---\ntitle: Big\nquarter: 2026-Q2\nkey_results:\n{krs}---\n",
        "content/milestones/all.md": f"---\ntitle: Serves all\ntype: epic\nkey_results: [{refs}]\nsprints: [s9, s10]\n---\n",
    }, minimal=False)
    site = checked_site(site_dir)
    view = views.objective_page(site, site.objectives["big"])
    lists = [rows(kr["milestones"]) for kr in view["krs"]]
    (shared,) = rows(view["milestones"])
    assert len(lists) == n and all(len(r) == 1 and r[0] is shared for r in lists)
    page = parse_html_text(Renderer(site.config).render(site)["objectives/big/index.html"].decode())
    cards = page.find_all("li", class_="kr")
    assert len(cards) == n
    assert all(card.find("ul", class_="milestone-list").find("a").text == "Serves all" for card in cards)
    table = page.find("table", class_="milestones")
    assert len(table.find("tbody").find_all("a")) == 1 + n  # the milestone and its n KRs


def test_a_team_roadmap_page_names_its_neighbours_not_every_team(tmp_path):
    # A page per team that named every team was n^2 links: 10,000 team files, gigabytes of pages.
    n = 60
    files = {f"content/teams/t{i:02}.yaml": f"name: Team {i:02}\n" for i in range(n)}
    site = checked_site(make_site(tmp_path, files))
    view = views.roadmap_page(site, {"team": "t30"})
    teams = next(g for g in view["filters"] if g["dimension"] == "team")
    assert [o["value"] for o in teams["options"]] == [f"t{i:02}" for i in range(24, 36)]
    assert [o["value"] for o in teams["options"] if o["current"]] == ["t30"]
    assert teams["more"] == {"href": "../../index.html", "text": "All 60 teams"}
    first = next(g for g in views.roadmap_page(site, {"team": "t00"})["filters"] if g["dimension"] == "team")
    assert [o["value"] for o in first["options"]] == [f"t{i:02}" for i in range(12)]
    everything = next(g for g in views.roadmap_page(site)["filters"] if g["dimension"] == "team")
    assert len(everything["options"]) == n and everything["more"] is None
    from support import parse_html_text

    from okrsite.render import Renderer
    page = parse_html_text(Renderer(site.config).render(site)["roadmap/team/t30/index.html"].decode())
    chips = [a.text for a in page.find("nav", class_="filters").find_all("a", class_="chip")]
    assert "Team 30" in chips and "Team 10" not in chips and chips.count("All 60 teams") == 1


def test_pages_at_one_depth_share_each_milestone_row(site):
    """Rows are made once per build for all roadmap-like pages of a depth (issue 15), and a
    shared row is the row the page would have made for itself, links included."""
    ids = sorted(site.milestones)
    first = views.PageRef("roadmap/team/alpha/index.html", site)
    second = views.PageRef("roadmap/type/epic/index.html", site)
    shallow = views.PageRef("roadmap/index.html", site)
    a, b, c = (views.milestone_rows(ref, ids) for ref in (first, second, shallow))
    assert all(x is y for x, y in zip(a, b)) and not any(x is y for x, y in zip(a, c))
    for ref, rows in ((second, b), (shallow, c)):
        assert rows == [views.milestone_row(ref, site.milestones[m]) for m in ids]
    own = views.PageRef(f"milestones/{ids[0]}/index.html", site)  # links into its own folder
    assert views.milestone_rows(own, ids) == [views.milestone_row(own, site.milestones[m]) for m in ids]
    assert views.milestone_rows(own, ids)[0] is not a[0]
