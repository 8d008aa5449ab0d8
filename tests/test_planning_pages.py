"""Pages and export of the planning model (content format sections 12 and 14): the fixture
tests/sites/planning built for real and read back with the HTML parser; view data unit-tested."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from render_helpers import SITES, build, checked_site
from okrsite import exports, planning_view, urls, views
from okrsite.views import PageRef
from support import parse_html

SITE = SITES / "planning"
EXPORT_SCHEMA = json.loads((Path(exports.__file__).parent / "schemas" / exports.EXPORT_SCHEMA).read_text("utf-8"))


@pytest.fixture(scope="module")
def site():
    return checked_site(SITE)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("planning") / "public"
    assert build(SITE, folder) == 0
    return folder


def page(out: Path, path: str):
    return parse_html(out / path).find("main")


def texts(elements) -> list[str]:
    return [e.text for e in elements]


# --- view data ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, text", [(0.7, "0.7"), (0.65, "0.65"), (1, "1.0"), (0, "0.0"), (0.125, "0.12")])
def test_grades_read_with_one_or_two_decimals(value, text):
    assert planning_view.grade_label(value) == text


def test_grade_bands_come_from_the_site(site):
    assert site.config.grade_bands == (0.8, 0.5)
    assert [planning_view.band(site, g) for g in (0.8, 0.79, 0.5, 0.49)] == ["green", "yellow", "yellow", "red"]
    assert planning_view.grade(site, 0.6) == {"value": "0.6", "band": "yellow", "words": "partly there",
                                              "class": "grade-yellow", "percent": 60}
    assert planning_view.grade(site, None) is None


def test_rollups_of_the_fixture(site):
    assert site.planning
    assert site.objectives["q1-growth"].grade == pytest.approx(0.6)
    assert site.objectives["company"].grade is None
    assert site.objectives["company"].progress == pytest.approx((3 * 0.5 + 1 * 0.1) / 4)  # kr3 dropped


def test_the_alignment_tree_is_nested_lists_without_recursion(site):
    tree = planning_view.alignment_tree(PageRef(urls.ALIGNMENT, site))
    depth, order = 0, []
    for event in tree["events"]:
        depth += {"ul": 1, "/ul": -1}.get(event["kind"], 0)
        if event["kind"] == "li":
            order.append((event["depth"], event["node"]["id"]))
    assert depth == 0
    assert order == [(0, "company"), (1, "half"), (2, "q1-growth"), (1, "q2-trust")]
    assert [n["id"] for n in tree["unaligned"]] == ["loner"]
    kinds = [e["kind"] for e in tree["events"]]
    assert kinds.count("li") == kinds.count("/li") and kinds.count("ul") == kinds.count("/ul")


def test_a_deep_chain_of_parents_makes_a_flat_event_list(tmp_path):
    from helpers import make_site
    files = {f"content/objectives/o{i}.md": f"---\ntitle: O{i}\nquarter: 2026\n"
             + (f"parent: o{i - 1}\n" if i else "") + "key_results:\n  - {id: kr1, title: K}\n---\n"
             for i in range(1500)}
    site_ = checked_site(make_site(tmp_path, files))
    tree = planning_view.alignment_tree(PageRef(urls.ALIGNMENT, site_))
    assert max(e.get("depth", 0) for e in tree["events"]) == 1499


def test_longer_period_objectives_of_a_quarter(site):
    assert [o.id for o in planning_view.period_objectives(site, "2026-Q2")] == ["company", "half"]
    assert [o.id for o in planning_view.period_objectives(site, "2026-Q3")] == ["company"]


def test_a_part1_site_gets_no_planning_view_data():
    part1 = checked_site(SITES / "basic")
    assert not part1.planning
    card = views.objective_card(PageRef(urls.HOME, part1), next(iter(part1.objectives.values())))
    assert (card["commitment"], card["grade"], card["period"]) == (None, None, "")
    assert views.common(PageRef(urls.HOME, part1), "x")["site"]["planning_stylesheet"] == ""


# --- built pages -----------------------------------------------------------------------------------

def test_the_navigation_leads_to_alignment_and_the_planning_styles_load(out):
    doc = parse_html(out / "index.html")
    assert "Alignment" in texts(doc.find("nav", attrs={"aria-label": "Site"}).find_all("a"))
    sheets = [link["href"] for link in doc.find_all("link", rel="stylesheet")]
    assert sheets == ["assets/okrsite.css", "assets/okrsite-planning.css"]
    assert b".grade-green" in (out / "assets/okrsite-planning.css").read_bytes()


def test_a_quarter_page_shows_the_year_and_half_objectives_above_its_own(out):
    main = page(out, "quarters/2026-q2/index.html")
    headings = texts(main.find_all("h2"))
    assert headings[:2] == ["Objectives for 2026 and 2026-H1", "Objectives · 8% overall"]
    longer = main.find("section", attrs={"aria-labelledby": "period-objectives"})
    assert texts(longer.find_all("h3")) == ["Players recommend us", "A fair first half"]
    assert "Year 2026" in longer.text and "Half-year 2026-H1" in longer.text
    q3 = page(out, "quarters/2026-q3/index.html")  # only the year objective brings Q3 to the site
    assert q3.find("section", attrs={"aria-labelledby": "period-objectives"})
    assert q3.find("figure", class_="diagram") is None  # an empty diagram would be a scroll box to nowhere
    assert "Review" not in texts(main.find_all("h2"))  # the current quarter is no review


def test_cards_say_what_success_means_for_their_commitment(out):
    main = page(out, "quarters/2026-q2/index.html")
    cards = {c.find("h3").text: c.text for c in main.find_all("li", class_="objective-card")}
    assert "Aspirational about 0.7 is success" in cards["Trust in Q2"]
    assert "Committed success is 1.0" in cards["On its own"]


def test_a_past_quarter_page_is_its_review(out):
    main = page(out, "quarters/2026-q1/index.html")
    assert "Review" in main.find("h1").text
    review = main.find("section", class_="review")
    row = review.find("tbody").find("tr")
    assert row.find("th").text == "Grow in Q1"
    assert "Grade 0.6 · partly there" in row.text and "grade-yellow" in str(row.find("span", class_="grade").classes)
    assert [li.text for li in row.find_all("li")] == ["Invites doubled: 0.9", "Referrals up: 0.3", "Partner deals: Dropped"]
    lists = review.find_all("ul", class_="review-list")
    assert texts(lists[0].find_all("li")) == ["Key result Partner deals", "Milestone Partner portal"]
    assert texts(lists[1].find_all("li")) == ["Referral codes: runs past the quarter (due 2026-04-26)"]


def test_the_alignment_page_nests_objectives_under_their_parents(out):
    main = page(out, "alignment/index.html")
    tree = main.find("ul", class_="tree")
    company = tree.elements[0]
    assert company.find("p", class_="node-title").find("a").text == "Players recommend us"
    children = company.find("ul", class_="subtree").elements
    assert [c.find("p", class_="node-title").find("a").text for c in children] == ["A fair first half", "Trust in Q2"]
    grandchild = children[0].find("ul", class_="subtree").elements[0]
    assert "Grow in Q1" in grandchild.text and "Grade 0.6" in grandchild.text
    assert "Rating form" in children[1].text and "Rate by emoji" not in children[1].text  # candidates are no plan
    unaligned = main.find("ul", class_="unaligned")
    assert texts(unaligned.find_all("a", href="../objectives/loner/index.html")) == ["On its own"]


def test_an_objective_page_shows_its_parent_children_commitment_and_grades(out):
    main = page(out, "objectives/q1-growth/index.html")
    alignment = main.find("section", attrs={"aria-labelledby": "alignment"})
    assert alignment.find("a", href="../half/index.html").text == "A fair first half"
    assert "Committed. We commit to reaching it in full: success is a grade of 1.0." in main.find(
        "p", class_="commitment-note").text
    krs = main.find_all("li", class_="kr")
    assert "Grade 0.9 · on target" in krs[0].text and "Dropped" in krs[2].text
    company = page(out, "objectives/company/index.html")
    children = company.find("ul", class_="children")
    assert texts(children.find_all("a")) == ["A fair first half", "Trust in Q2"]
    assert "weight 3" in company.find("li", id="kr-kr1").text
    assert company.find("p", class_="eyebrow").find("a")["href"] == "../../quarters/2026-q2/index.html"


def test_candidates_stay_out_of_the_plan(out):
    q2 = page(out, "quarters/2026-q2/index.html")
    assert "Thank-you emote" not in q2.text  # not in the tables, not in the diagram
    svg = (out / "quarters/2026-q2/roadmap.svg").read_text()
    assert "c-b" not in svg and "Thank-you emote" not in svg
    trust = page(out, "objectives/q2-trust/index.html")
    candidates = trust.find("section", attrs={"aria-labelledby": "candidates"})
    assert texts(candidates.find_all("a")) == ["Thank-you emote", "Rate by emoji"]  # most votes first
    assert "Rate by emoji" not in trust.find("section", attrs={"aria-labelledby": "milestones"}).text
    assert "Candidate" in page(out, "milestones/c-a/index.html").text


def test_the_backlog_lists_candidates_by_hypothesis_or_cluster_most_votes_first(out):
    def groups(path):
        main = page(out, path)
        return [(table.find("caption").text, [row.find("a").text for row in table.find("tbody").find_all("tr")])
                for table in main.find_all("table")]
    assert groups("backlog/index.html") == [
        ("Backlog: If feedback is easy, players rate more", ["Thank-you emote", "Rate by emoji"]),
        ("Backlog: No hypothesis", ["Friends leaderboard", "Seasonal badges"]),
    ]
    by_cluster = dict(groups("backlog/cluster/index.html"))
    assert by_cluster["Backlog: fun"] == ["Thank-you emote", "Friends leaderboard", "Seasonal badges"]
    assert "Candidate" in page(out, "backlog/index.html").find("tbody").text


def test_roadmap_json_has_the_planning_fields_and_matches_its_schema(out):
    data = json.loads((out / "roadmap.json").read_text())
    jsonschema.Draft202012Validator(EXPORT_SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    assert (data["site"]["grade_bands"], data["site"]["default_commitment"]) == ([0.8, 0.5], "committed")
    objectives = {o["id"]: o for o in data["objectives"]}
    assert objectives["company"]["period"] == {"id": "2026", "kind": "year", "start": "2026-01-01", "end": "2026-12-31",
                                                "quarters": ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]}
    assert objectives["company"]["children"] == ["half", "q2-trust"]
    assert (objectives["q1-growth"]["parent"], objectives["q1-growth"]["grade"],
            objectives["q1-growth"]["grade_band"]) == ("half", 0.6, "yellow")
    assert objectives["q2-trust"]["commitment"] == "aspirational"
    kr = objectives["company"]["key_results"][0]
    assert (kr["weight"], kr["status"], kr["grade"]) == (3, None, None)
    assert objectives["company"]["key_results"][2]["status"] == "dropped"
    statuses = {m["id"]: m["status"] for m in data["milestones"]}
    assert statuses["c-a"] == "candidate"


def test_a_part1_export_has_none_of_the_planning_fields(tmp_path):
    out = tmp_path / "public"
    assert build(SITES / "basic", out) == 0
    data = json.loads((out / "roadmap.json").read_text())
    assert "grade_bands" not in data["site"]
    assert not {"period", "commitment", "parent", "grade"} & set(data["objectives"][0])
    assert not (out / "alignment").exists() and not (out / urls.PLANNING_STYLESHEET).exists()
