"""View data at scale (section 14): long lists are grouped and bounded, numbers sort naturally,
the backlog and the all-milestones page. A site with one team of 90 milestones over two
quarters, 12 unscheduled ones with votes, and 40 release pages that mention the team."""

from __future__ import annotations

import pytest
from render_helpers import checked_site, make_site

from okrsite import urls, views
from okrsite.views import all_milestones, backlog
from okrsite.views.listing import LIMIT


def rows(bounded: dict) -> list:
    return [row for group in bounded["groups"] for row in group["rows"]]


def milestone(n: int, **fields) -> str:
    lines = ["---", f"title: \"KEP-{n}: Milestone number {n}\"", "type: epic", "key_results: [obj/kr1]",
             "team: core"]
    lines += [f"{k}: {v}" for k, v in fields.items()]
    return "\n".join(lines + ["---", ""])


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    files = {
        "content/teams/core.yaml": "name: Core\n",
        "content/objectives/obj.md": """\
            ---
            title: An objective
            quarter: 2026-Q2
            team: core
            key_results:
              - {id: kr1, title: Ship}
            hypotheses:
              - {id: h1, statement: Faster is better, key_results: [kr1]}
              - {id: h2, statement: Simpler is better, key_results: [kr1]}
            ---
            """,
    }
    # 78 scheduled: sprints s1..s13 (2026-Q1 and -Q2), six per sprint; the numbers in the
    # titles (KEP-5, KEP-40, KEP-300...) sort differently as text and as numbers.
    numbers = [5 * i for i in range(1, 79)]
    for i, n in enumerate(numbers):
        sprint = i // 6 + 1
        status = "done" if sprint < 9 else "in-progress"
        files[f"content/milestones/kep-{n}.md"] = milestone(n, sprints=f"[s{sprint}]", status=status)
    # 12 unscheduled: votes, hypotheses and clusters; one done and one dropped (not backlog)
    for i in range(12):
        n = 1000 + i
        extra = {"votes": (i * 7) % 5}
        if i % 3 == 0:
            extra["hypothesis"] = "obj/h1"
        elif i % 3 == 1:
            extra["hypothesis"] = "obj/h2"
        if i % 2 == 0:
            extra["cluster"] = "speed"
        if i == 10:
            extra["status"] = "done"
        if i == 11:
            extra["status"] = "dropped"
        files[f"content/milestones/kep-{n}.md"] = milestone(n, **extra)
    for minor in range(2, 42):
        files[f"content/pages/release-v1-{minor}.md"] = (
            f"---\ntitle: Release v1.{minor}\nweight: {100 + minor}\n---\nBy [[core]].\n")
    return checked_site(make_site(tmp_path_factory.mktemp("scale"), files, minimal=False))


def test_mentioned_in_sorts_naturally_and_groups_past_the_limit(site):
    mentioned = views.team_page(site, site.teams["core"])["mentioned_in"]
    assert mentioned["total"] == 40 and not mentioned["grouped"]
    titles = [link["text"] for link in rows(mentioned)]
    assert titles[:4] == ["Release v1.2", "Release v1.3", "Release v1.4", "Release v1.5"]
    assert titles.index("Release v1.9") < titles.index("Release v1.10") < titles.index("Release v1.37")
    assert site.teams["core"].mentioned_in[:2] == ["release-v1-2", "release-v1-3"]  # the model too


def test_team_milestones_newest_first_grouped_by_quarter(site):
    view = views.team_page(site, site.teams["core"])
    groups = view["milestones"]
    assert groups["grouped"] and groups["total"] == 90
    assert [(g["label"], g["count"]) for g in groups["groups"]] == [
        ("2026-Q2", 36), ("2026-Q1", 42), ("Not scheduled", 12)]
    assert [g["open"] for g in groups["groups"]] == [True, False, False]
    q2 = [r["start"] for r in groups["groups"][0]["rows"]]
    assert q2 == sorted(q2, reverse=True)  # newest first inside a group too
    assert groups["groups"][0]["caption"] == "Milestones of Core: 2026-Q2"


def test_a_long_quarter_leaves_the_backlog_out_of_its_tables(site):
    """54 milestones in 2026-Q2, 10 of them open and unscheduled: those are the backlog's (named
    under the diagram, all on /backlog/); the tables hold the other 44, which then fit in one."""
    quarter = views.quarter_page(site, "2026-Q2")["quarter"]
    groups = quarter["milestone_groups"]
    assert groups["all"] == len(quarter["milestones"]) == 54 > LIMIT
    waiting = [r["id"] for r in quarter["milestones"] if not r["start"] and r["status_value"] not in ("done", "dropped")]
    assert len(waiting) == 10
    assert groups["waiting"] == {"count": 10, "href": "../../backlog/index.html"}
    assert groups["total"] == 44 and not groups["grouped"]
    listed = [r["id"] for r in rows(groups)]
    assert not set(listed) & set(waiting)
    assert {"kep-1010", "kep-1011"} <= set(listed)  # unscheduled but done or dropped: not in the backlog, so here
    by_type = quarter["by_type"]
    assert by_type["grouped"] and [(g["label"], g["count"], g["open"]) for g in by_type["groups"]] == [("Epic", 44, True)]
    assert by_type["all"] == 54 and by_type["waiting"]["count"] == 10
    assert set(waiting) <= {r["id"] for r in quarter["unscheduled"]["rows"]}  # named under the diagram


def test_a_short_quarter_keeps_its_unscheduled_milestones_as_rows(site):
    quarter = views.quarter_page(site, "2026-Q1")["quarter"]
    groups = quarter["milestone_groups"]
    assert groups["all"] == groups["total"] == len(quarter["milestones"]) <= LIMIT
    assert groups["waiting"]["count"] == 0


def test_quarter_milestones_grouped_by_status_when_long(site):
    quarter = views.quarter_page(site, "2026-Q2")["quarter"]
    # the home page's "Needs attention" shows at-risk and blocked: below, their groups are closed
    groups = views.period_groups(views.PageRef(urls.HOME, site), quarter["milestones"] * 2, "Ms",
                                 closed=("in-progress",))
    assert groups["grouped"] and groups["all"] == 108 and groups["waiting"]["count"] == 20
    assert [(g["key"], g["open"]) for g in groups["groups"]] == [
        ("in-progress", False), ("done", True), ("dropped", True)]
    assert groups["total"] == 88 and groups["shown"] == sum(g["count"] for g in groups["groups"][1:]) <= LIMIT


def test_unscheduled_preview_names_the_most_voted_and_links_the_backlog(site):
    preview = views.quarter_page(site, "2026-Q2")["quarter"]["unscheduled"]
    assert preview["count"] == 12
    assert len(preview["rows"]) == 12  # a preview of 10 would hide only two: all are shown
    votes = [r["votes"] for r in preview["rows"]]
    assert votes == sorted(votes, reverse=True)
    assert preview["backlog_href"] == "../../backlog/index.html"


def test_backlog_holds_open_unscheduled_milestones_most_voted_first(site):
    ids = [m.id for m in backlog.items(site)]
    assert "kep-1010" not in ids and "kep-1011" not in ids  # done, dropped
    assert len(ids) == 10
    keys = [(-(site.milestones[i].votes or 0)) for i in ids]
    assert keys == sorted(keys)
    # ties in natural title order
    tied = [i for i in ids if site.milestones[i].votes == 4]
    assert tied == sorted(tied, key=lambda i: int(i.split("-")[1]))


def test_backlog_by_hypothesis(site):
    view = backlog.backlog_page(site)
    assert view["page"]["title"] == "Backlog" and view["total"] == 10
    labels = [g["label"] for g in view["groups"]]
    assert labels[-1] == "No hypothesis" and set(labels[:-1]) == {"Faster is better", "Simpler is better"}
    for group in view["groups"]:
        votes = [r["votes"] for r in group["rows"]]
        assert votes == sorted(votes, reverse=True)
        assert group["votes"] == sum(votes)
    totals = [g["votes"] for g in view["groups"][:-1]]
    assert totals == sorted(totals, reverse=True)
    faster = next(g for g in view["groups"] if g["label"] == "Faster is better")
    assert faster["about"]["objective"]["href"] == "../objectives/obj/index.html"
    assert faster["about"]["link"]["href"] == "../objectives/obj/index.html#hypothesis-h1"
    assert [s["current"] for s in view["switch"]] == [True, False]
    assert view["switch"][1]["href"] == "cluster/index.html"


def test_backlog_by_cluster(site):
    view = backlog.backlog_page(site, "cluster")
    assert [g["label"] for g in view["groups"]] == ["speed", "No cluster"]
    assert [g["count"] for g in view["groups"]] == [5, 5]
    assert view["switch"][0]["href"] == "../index.html"
    assert view["groups"][0]["about"] is None


def test_empty_backlog(tmp_path):
    site = checked_site(make_site(tmp_path))
    view = backlog.backlog_page(site)
    assert view["total"] == 0 and view["groups"] == []


def test_all_milestones_newest_first_unscheduled_last(site):
    view = all_milestones.all_milestones_page(site)
    assert view["total"] == 90 == len(view["milestones"])
    starts = [r["start"] for r in view["milestones"] if r["start"]]
    assert starts == sorted(starts, reverse=True)
    tail = [r["title"] for r in view["milestones"][78:]]
    assert tail[0].startswith("KEP-1000:") and tail[-1].startswith("KEP-1011:")
    assert view["page"]["title"] == "All milestones"
    assert [n["text"] for n in view["site"]["nav"] if n["current"]] == ["Milestones"]


def test_new_pages_are_planned_and_linked_from_the_navigation(site):
    from okrsite.render import plan
    files = {job.file for job in plan(site)}
    assert {urls.MILESTONES, urls.BACKLOG, urls.backlog_by("cluster")} <= files
    nav = {n["text"]: n["href"] for n in views.home(site)["site"]["nav"]}
    assert nav["Milestones"] == "milestones/index.html" and nav["Backlog"] == "backlog/index.html"
