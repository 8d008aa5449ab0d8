"""okrsite.urls: where pages are written and how they link to each other (spec section 9)."""

from __future__ import annotations

import posixpath

import pytest

from okrsite import urls
from okrsite.model import Hypothesis, KeyResult, Milestone, Objective, Page, Task, Team


def test_pages_are_folders_with_index_html():
    assert urls.HOME == "index.html"
    assert urls.QUARTERS == "quarters/index.html"
    assert urls.ROADMAP == "roadmap/index.html"
    assert urls.TEAMS == "teams/index.html"
    assert urls.objective("build-trust") == "objectives/build-trust/index.html"
    assert urls.milestone("share-referrals") == "milestones/share-referrals/index.html"
    assert urls.team("growth") == "teams/growth/index.html"
    assert urls.page("glossary") == "glossary/index.html"


def test_quarter_urls_are_lowercase():
    assert urls.quarter("2026-Q2") == "quarters/2026-q2/index.html"
    assert urls.quarter_svg("2026-Q2") == "quarters/2026-q2/roadmap.svg"


def test_roadmap_filter_pages_have_one_folder_per_value():
    assert urls.roadmap_filter("team", "growth") == "roadmap/team/growth/index.html"
    assert urls.roadmap_filter("type", "signal-test") == "roadmap/type/signal-test/index.html"
    assert urls.roadmap_filter("status", "at-risk") == "roadmap/status/at-risk/index.html"


def test_files_at_the_root():
    assert (urls.NOT_FOUND, urls.SITEMAP, urls.ROADMAP_JSON, urls.ROADMAP_ICS) == (
        "404.html", "sitemap.xml", "roadmap.json", "roadmap.ics")


@pytest.mark.parametrize("entity, expected", [
    (Objective("o", "T", "2026-Q2", "content/objectives/o.md"), "objectives/o/index.html"),
    (Milestone("m", "T", "epic", "content/milestones/m.md"), "milestones/m/index.html"),
    (Team("t", "N", "content/teams/t.yaml"), "teams/t/index.html"),
    (Page("p", "T", "content/pages/p.md"), "p/index.html"),
    (KeyResult("o/kr1", "kr1", "o", "T"), "objectives/o/index.html#kr-kr1"),
    (Hypothesis("o/h1", "h1", "o", "S"), "objectives/o/index.html#hypothesis-h1"),
    (Task("m/design-form", "design-form", "m", "T"), "milestones/m/index.html#task-design-form"),
])
def test_of_gives_the_page_and_fragment_of_an_entity(entity, expected):
    assert urls.of(entity) == expected


def test_tasks_are_anchors_on_their_milestone_page():
    task = Task("m/design", "design", "m", "Design")
    page, _, fragment = urls.of(task).partition("#")
    assert page == urls.milestone("m")
    assert fragment == urls.anchor_task("design") == "task-design"


def test_of_refuses_what_has_no_page():
    with pytest.raises(TypeError):
        urls.of("not an entity")


@pytest.mark.parametrize("from_file, to, expected", [
    ("index.html", "objectives/o/index.html", "objectives/o/index.html"),
    ("objectives/o/index.html", "index.html", "../../index.html"),
    ("objectives/o/index.html", "milestones/m/index.html", "../../milestones/m/index.html"),
    ("objectives/o/index.html", "objectives/o/index.html#kr-kr1", "index.html#kr-kr1"),
    ("roadmap/team/alpha/index.html", "roadmap/index.html", "../../index.html"),
    ("roadmap/team/alpha/index.html", "roadmap/type/epic/index.html", "../../type/epic/index.html"),
    ("quarters/2026-q2/index.html", "quarters/2026-q2/roadmap.svg", "roadmap.svg"),
    ("glossary/index.html", "assets/okrsite.css", "../assets/okrsite.css"),
])
def test_relative_links_between_pages(from_file, to, expected):
    assert urls.relative(from_file, to) == expected


def test_relative_fragment_only_stays_on_the_page():
    assert urls.relative("milestones/m/index.html", "#task-x") == "index.html#task-x"


@pytest.mark.parametrize("from_file", [
    "index.html", "404.html", "quarters/index.html", "quarters/2026-q2/index.html",
    "roadmap/status/at-risk/index.html", "objectives/o/index.html", "glossary/index.html",
])
@pytest.mark.parametrize("to", [
    "index.html", "assets/okrsite.css", "milestones/m/index.html#task-t", "roadmap/team/a/index.html",
    "quarters/2026-q1/roadmap.svg",
])
def test_relative_links_resolve_back_to_the_target_and_never_leave_the_site(from_file, to):
    href = urls.relative(from_file, to)
    assert not href.startswith("/"), "root-relative links break under a sub-path"
    assert "://" not in href
    path, _, fragment = href.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(from_file), path))
    assert resolved == to.partition("#")[0]
    assert fragment == to.partition("#")[2]
    assert path.endswith((".html", ".css", ".svg")), "links name the file, so file:// works"


def test_root_prefix_climbs_out_of_a_page_folder():
    assert urls.root("index.html") == ""
    assert urls.root("objectives/o/index.html") == "../../"
    assert urls.root("roadmap/team/a/index.html") == "../../../"
    assert urls.root("quarters/2026-q2/roadmap.svg") == "../../"


@pytest.mark.parametrize("base", ["https://acme.github.io/roadmap/", "https://acme.github.io/roadmap"])
def test_absolute_urls_are_pretty(base):
    assert urls.absolute(base, "index.html") == "https://acme.github.io/roadmap/"
    assert urls.absolute(base, "objectives/o/index.html") == "https://acme.github.io/roadmap/objectives/o/"
    assert urls.absolute(base, "roadmap.json") == "https://acme.github.io/roadmap/roadmap.json"


def test_builtin_addresses_are_reserved_for_free_pages():
    for name in ("quarters", "roadmap", "objectives", "milestones", "teams", "assets", "404"):
        assert name in urls.RESERVED
