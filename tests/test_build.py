"""`okrsite build` end to end: fixture sites under tests/sites/ built to disk and read back with
an HTML parser. Assertions are on page content, links and numbers (spec section 9)."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import icalendar
import pytest
from render_helpers import (
    REPO,
    SITES,
    build,
    copy_site,
    make_site,
    run_cli,
    tree_hash,
)
from support import link_check, parse_html, parse_html_text, serve_dir, vnu_check

SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def basic(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("basic") / "public"
    assert build(SITES / "basic", out) == 0
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "public"
    assert build(SITES / "hostile", out) == 0
    return out


@pytest.fixture(scope="module")
def themed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("themed") / "public"
    assert build(SITES / "theme-override", out) == 0
    return out


def doc(out: Path, path: str):
    return parse_html(out / path)


def main(out: Path, path: str):
    return doc(out, path).find("main")


def texts(elements) -> list[str]:
    return [el.text for el in elements]


def row_links(table) -> list[str]:
    """The milestone titles of a milestone table, each of which must be a link."""
    return [tr.find("th").find("a").text for tr in table.find("tbody").find_all("tr")]


def table_by_caption(root, caption: str):
    for table in root.find_all("table"):
        if table.find("caption") is not None and table.find("caption").text == caption:
            return table
    raise AssertionError(f"no table captioned {caption!r}")


def progressbar(root, label: str) -> int:
    bar = root.find("div", attrs={"role": "progressbar", "aria-label": label})
    assert bar is not None, label
    return int(bar.get("aria-valuenow"))


def html_pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


# --- home, quarters, roadmap ----------------------------------------------------------------

def test_home_is_the_current_quarter(basic):
    page = main(basic, "index.html")
    assert page.find("h1").text == "Basic Roadmap: 2026-Q2"
    cards = page.find_all("li", class_="objective-card")
    assert [c.find("h3").text for c in cards] == ["Grow the player base", "Make matches fast"]
    assert [progressbar(c, f"Progress of {c.find('h3').text}") for c in cards] == [50, 0]
    assert page.by_id("objectives").text == "Objectives · 25% overall"


def test_home_shows_milestones_needing_attention_and_recent_checkins(basic):
    page = main(basic, "index.html")
    assert row_links(table_by_caption(page, "Milestones at risk or blocked")) == ["Edge servers", "Latency signal test"]
    checkins = page.find("ul", class_="checkins").find_all("li")
    assert checkins[0].text == "May 1, 2026 · Double weekly sign-ups: 150 sign-ups/week (confidence 70%) — campaign live"
    assert checkins[0].find("a").get("href") == "objectives/grow/index.html#kr-kr1"


def test_home_has_the_quarter_diagram_with_bar_links(basic):
    svg = main(basic, "index.html").find("svg", role="graphics-document")
    bars = [a.get("href") for a in svg.find_all("a") if "milestones/" in (a.get("href") or "")]
    assert "milestones/ms-b/index.html" in bars and "milestones/ms-d/index.html" not in bars


def test_quarters_index_lists_every_quarter(basic):
    rows = main(basic, "quarters/index.html").find("tbody").find_all("tr")
    assert [(r.find("a").text, r.find("a").get("href")) for r in rows] == [
        ("2026-Q2", "2026-q2/index.html"), ("2026-Q1", "2026-q1/index.html")]
    assert progressbar(rows[0], "Progress of 2026-Q2") == 25


def test_quarter_page_objectives_diagram_and_milestones_by_type(basic):
    page = main(basic, "quarters/2026-q2/index.html")
    assert page.find("h1").text == "2026-Q2 Now"
    by_type = page.by_id("by-type").parent
    assert texts(by_type.find_all("summary")) == ["Epic (1)", "Spike (1)", "Enabler (1)", "Signal test (1)"]
    assert all("open" in d.attrs for d in by_type.find_all("details"))
    assert row_links(table_by_caption(page, "Milestones in 2026-Q2")) == [
        "Faster sign-up form", "Referral spike", "Edge servers", "Latency signal test"]
    assert page.find("figcaption").find("a").get("href") == "roadmap.svg"


def test_standalone_quarter_svg(basic):
    root = ET.parse(basic / "quarters/2026-q2/roadmap.svg").getroot()
    assert root.tag == f"{SVG_NS}svg"
    assert root.find(f"{SVG_NS}title").text == "Roadmap 2026-Q2"
    hrefs = {a.get("href") for a in root.iter(f"{SVG_NS}a")}
    assert "../../milestones/ms-c/index.html" in hrefs


def test_roadmap_shows_the_current_year_with_zoom_grouping_and_filter_links(basic):
    page = main(basic, "roadmap/index.html")
    assert page.find("h1").text == "Roadmap 2026"
    assert texts(page.find_all("h2")) == ["2026"]
    chips = {a.text: a.get("href") for a in page.find("nav", class_="filters").find_all("a")}
    assert chips["H1 by month"] == "h1/index.html" and chips["2026-Q2 by sprint"] == "../quarters/2026-q2/index.html"
    assert chips["Team"] == "by-team/index.html" and chips["Type"] == "by-type/index.html"
    plot = page.find("svg", role="graphics-document")
    hrefs = {a.get("href") for a in plot.find_all("a")}
    assert {"../milestones/ms-a/index.html", "../milestones/ms-old/index.html"} <= hrefs
    chips = {a.text: a.get("href") for a in page.find("nav", class_="filters").find_all("a")}
    assert chips["Alpha Team"] == "team/alpha/index.html"
    assert chips["Signal test"] == "type/signal-test/index.html"
    assert chips["At risk"] == "status/at-risk/index.html"


@pytest.mark.parametrize("path, title, milestones", [
    ("roadmap/team/beta/index.html", "Roadmap 2026: Beta Team", {"Beta launch", "Edge servers"}),
    ("roadmap/type/epic/index.html", "Roadmap 2026: Epic", {"Beta launch", "Faster sign-up form"}),
    ("roadmap/status/blocked/index.html", "Roadmap 2026: Blocked", {"Latency signal test"}),
    ("roadmap/status/dropped/index.html", "Roadmap 2026: Dropped", set()),
])
def test_prerendered_roadmap_filter_pages(basic, path, title, milestones):
    page = main(basic, path)
    assert page.find("h1").text == title
    shown = {a.text for table in page.find_all("table") for a in (tr.find("th").find("a") for tr in
             table.find("tbody").find_all("tr"))}
    assert shown == milestones
    current = page.find("nav", class_="filters").find_all("a", attrs={"aria-current": "page"})
    assert texts(current) == [title.split(": ")[1]]


# --- objective and milestone pages ---------------------------------------------------------

def test_objective_page_krs_with_progress_numbers_and_sparkline(basic):
    page = main(basic, "objectives/grow/index.html")
    assert progressbar(page, "Progress of the objective") == 50
    kr1 = page.by_id("kr-kr1")
    assert progressbar(kr1, "Progress of Double weekly sign-ups") == 50
    assert kr1.find("p", class_="kr-numbers").text == "150 of 200 sign-ups/week (from 100) · confidence 70%"
    sparkline = kr1.find("svg", class_="sparkline")
    assert len(sparkline.find("polyline").get("points").split()) == 2
    assert texts(kr1.find("ul", class_="checkins").find_all("li"))[0] == "May 1, 2026: 150 sign-ups/week (confidence 70%) — campaign live"
    assert progressbar(page.by_id("kr-kr2"), "Progress of Cut churn") == 25
    assert progressbar(page.by_id("kr-kr3"), "Progress of Ship the growth loop") == 75
    assert page.by_id("kr-kr2").find("svg", class_="sparkline") is None


def test_objective_page_links_every_reference(basic):
    page = main(basic, "objectives/grow/index.html")
    eyebrow = {a.text: a.get("href") for a in page.find("p", class_="eyebrow").find_all("a")}
    assert eyebrow == {"2026-Q2": "../../quarters/2026-q2/index.html", "Alpha Team": "../../teams/alpha/index.html"}
    h1 = page.by_id("hypothesis-h1")
    assert h1.find("p", class_="statement").text == "If sign-up is faster, more players finish it"
    assert {a.text: a.get("href") for a in h1.find_all("a")} == {
        "Double weekly sign-ups": "index.html#kr-kr1", "Faster sign-up form": "../../milestones/ms-a/index.html"}
    assert row_links(table_by_caption(page, "Milestones serving this objective")) == ["Faster sign-up form", "Referral spike"]


def test_objective_page_shows_what_mentions_it(basic):
    backlinks = main(basic, "objectives/grow/index.html").find("section", class_="backlinks")
    assert {a.text: a.get("href") for a in backlinks.find_all("a")} == {
        "Alpha Team": "../../teams/alpha/index.html", "Referral spike": "../../milestones/ms-b/index.html",
        "Notes": "../../notes/index.html"}


def test_milestone_page_facts_badges_and_completion(basic):
    page = main(basic, "milestones/ms-b/index.html")
    assert page.find("h1").text == "Referral spike"
    assert texts(page.find("div", class_="page-head").find_all("span", class_="badge")) == ["Spike", "In progress"]
    facts = {dt.text: dt.parent.find("dd") for dt in page.find("dl", class_="facts").find_all("dt")}
    assert facts["When"].find("time").text == "Apr 27 – May 24, 2026"
    assert facts["When"].find("time").get("datetime") == "2026-04-27"
    assert facts["When"].find("span").text == "Sprint 9 – Sprint 10"
    assert facts["Team"].find("a").get("href") == "../../teams/alpha/index.html"
    assert progressbar(page, "Completion") == 50
    assert "2 of 4 tasks done" in facts["Done"].text


def test_milestone_page_serves_krs_with_their_progress(basic):
    serves = main(basic, "milestones/ms-b/index.html").find("ul", class_="serves").find_all("li")
    assert texts(serves) == [
        "Double weekly sign-ups (grow/kr1, 50%) of Grow the player base",
        "Cut churn (grow/kr2, 25%) of Grow the player base",
        "Ship the growth loop (grow/kr3, 75%) of Grow the player base"]
    assert serves[0].find("a").get("href") == "../../objectives/grow/index.html#kr-kr1"


def test_milestone_page_tasks_are_anchors(basic):
    page = main(basic, "milestones/ms-b/index.html")
    tasks = [li for li in page.find("ul", class_="tasks").find_all("li") if (li.id or "").startswith("task-")]
    assert [(t.id, t.find("span", class_="task-title").text) for t in tasks] == [
        ("task-design", "Design the referral flow"), ("task-write-the-copy", "Write the copy"),
        ("task-endpoint", "Build the endpoint"), ("task-review", "Review with legal")]
    assert "done" in tasks[0].classes and "done" not in tasks[2].classes
    assert tasks[0].find("span", class_="muted").text == "Eve · Sprint 9 · estimate 3"


def test_a_task_link_leads_to_its_anchor(basic):
    link = main(basic, "notes/index.html").find("a", text="the design task")
    assert link.get("href") == "../milestones/ms-b/index.html#task-design"


def test_milestone_page_dependencies_both_ways(basic):
    page = main(basic, "milestones/ms-b/index.html")
    assert row_links(table_by_caption(page, "Depends on")) == ["Faster sign-up form"]
    assert row_links(table_by_caption(page, "Depended on by")) == ["Edge servers"]
    ms_a = main(basic, "milestones/ms-a/index.html")
    assert row_links(table_by_caption(ms_a, "Depended on by")) == ["Referral spike"]
    assert ms_a.find("a", text="If sign-up is faster, more players finish it").get("href") == (
        "../../objectives/grow/index.html#hypothesis-h1")


def test_milestone_page_shows_what_mentions_it(basic):
    backlinks = main(basic, "milestones/ms-a/index.html").find("section", class_="backlinks")
    assert texts(backlinks.find_all("a")) == ["Grow the player base", "Referral spike"]


def test_milestone_body_markdown(basic):
    prose = main(basic, "milestones/ms-b/index.html").find("div", class_="prose")
    assert prose.find("h2").id == "plan"
    assert len(prose.find_all("input", type="checkbox")) == 2
    assert texts(prose.find("table").find_all("td")) == ["design", "Eve"]
    links = {a.text: a.get("href") for a in prose.find_all("a")}
    assert links == {"Grow the player base": "../../objectives/grow/index.html",
                     "Double weekly sign-ups": "../../objectives/grow/index.html#kr-kr1",
                     "the sign-up work": "../ms-a/index.html", "notes": "../../notes/index.html"}


def test_unscheduled_milestone_page(basic):
    page = main(basic, "milestones/ms-d/index.html")
    assert {dt.text: dt.parent.find("dd").text for dt in page.find_all("dt")}["When"] == "Unscheduled"
    assert texts(page.find("div", class_="page-head").find_all("span", class_="badge")) == ["Signal test", "Blocked"]


# --- edit links ---------------------------------------------------------------------------

def test_edit_this_page_links(basic):
    footer = doc(basic, "milestones/ms-b/index.html").find("footer")
    edit = footer.find("a", text="Edit this page")
    assert edit.get("href") == "https://git.example.org/acme/roadmap/edit/main/tests/sites/basic/content/milestones/sub/ms-b.md"
    team_edit = doc(basic, "teams/beta/index.html").find("footer").find("a", text="Edit this page")
    assert team_edit.get("href").endswith("/tests/sites/basic/content/teams/beta.yaml")
    assert doc(basic, "roadmap/index.html").find("a", text="Edit this page") is None


def test_no_edit_links_without_edit_url(themed):
    for page in html_pages(themed):
        assert parse_html(page).find("a", text="Edit this page") is None, page


# --- teams, free pages, 404, sitemap --------------------------------------------------------

def test_teams_index_and_team_page(basic):
    cards = main(basic, "teams/index.html").find_all("li", class_="card")
    assert [c.find("a").text for c in cards] == ["Alpha Team", "Beta Team"]
    assert cards[0].find_all("p")[1].text == "1 objective · 2 milestones (1 open)"
    team = main(basic, "teams/alpha/index.html")
    assert team.find("h1").text == "Alpha Team"
    assert texts(team.find("ul", class_="members").find_all("li")) == ["Ada Lovelace", "Alan Turing"]
    assert row_links(table_by_caption(team, "Milestones of Alpha Team")) == ["Referral spike", "Faster sign-up form"]
    assert team.find("a", text="This team on the roadmap").get("href") == "../../roadmap/team/alpha/index.html"


def test_free_page(basic):
    page = main(basic, "notes/index.html")
    assert page.find("h1").text == "Notes"
    prose = page.find("div", class_="prose")
    assert prose.find("a", text="objective").get("href") == "../objectives/grow/index.html#background"
    assert texts(page.find("section", class_="backlinks").find_all("a")) == ["How we work", "Referral spike"]
    nav = doc(basic, "notes/index.html").find("nav", attrs={"aria-label": "Site"})
    assert nav.find("a", attrs={"aria-current": "page"}).text == "Notes"


def test_404_page(basic):
    page = doc(basic, "404.html")
    assert page.find("h1").text == "Page not found"
    assert page.find("a", text="Go to the current quarter").get("href") == "/roadmap/index.html"
    assert page.find("link", rel="canonical") is None


def test_base_url_flag_overrides_the_config_for_a_preview(tmp_path, capsys):
    preview = "https://acme.github.io/roadmap/pr-42/"
    out = tmp_path / "preview"
    assert build(SITES / "basic", out, "--base-url", preview.rstrip("/")) == 0  # the slash is added
    locs = [el.text for el in ET.parse(out / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(loc.startswith(preview) for loc in locs)
    assert parse_html(out / "index.html").find("link", rel="canonical").get("href") == preview
    assert "example.org" not in (out / "roadmap.json").read_text(encoding="utf-8")
    none = tmp_path / "no-base"
    assert build(SITES / "basic", none, "--base-url", "") == 0  # '' builds without one
    assert parse_html(none / "index.html").find("link", rel="canonical") is None
    assert "https://example.org" not in (none / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["acme.github.io/roadmap/", "ftp://x/", "https://", "https://x/ y", "https://x/\n"])
def test_base_url_flag_must_be_an_http_address(tmp_path, bad):
    result = run_cli("build", "--site", str(SITES / "basic"), "--out", str(tmp_path / "o"), "--base-url", bad)
    assert result.returncode == 2 and "is not an absolute http(s) address" in result.stderr
    assert not (tmp_path / "o").exists()


def test_sitemap(basic):
    root = ET.parse(basic / "sitemap.xml").getroot()
    locs = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://example.org/roadmap/objectives/grow/" in locs
    assert "https://example.org/roadmap/roadmap/status/at-risk/" in locs
    assert len(locs) == len(list(basic.rglob("*.html"))) - 1  # every page but 404.html


def test_built_exports_are_published(basic):
    data = json.loads((basic / "roadmap.json").read_text(encoding="utf-8"))
    assert data["objectives"][0]["id"] == "grow" and data["objectives"][0]["progress"] == 0.5
    cal = icalendar.Calendar.from_ical((basic / "roadmap.ics").read_bytes())
    assert len(cal.walk("VEVENT")) == 4


# --- links: relative, complete, working from a sub-path and from file:// ---------------------

@pytest.mark.parametrize("fixture", ["basic", "hostile", "themed"])
def test_link_checker_finds_nothing_broken(fixture, request):
    # 404.html is shown at any depth, so its links start at base_url's path (or the host root).
    base_path = {"basic": "/roadmap/", "hostile": "/hostile/", "themed": "/"}[fixture]
    assert link_check(request.getfixturevalue(fixture), base_path=base_path) == []


def test_local_links_name_their_file_so_the_site_works_from_file_urls(basic):
    for page in html_pages(basic):
        if page.name == "404.html":
            continue
        for el in parse_html(page).iter():
            url = el.get("href") or el.get("src")
            if url is None or re.match(r"^[a-z][a-z0-9+.-]*:", url) or url.startswith("#"):
                continue
            path = urldefrag(url)[0]
            assert not url.startswith("/"), (page, url)
            assert re.search(r"\.(html|svg|css|js|json|ics|xml)$", path), (page, url)


def test_every_page_links_back_home_and_to_its_stylesheet(basic):
    for page in html_pages(basic):
        if page.name == "404.html":
            continue
        d = parse_html(page)
        depth = len(page.relative_to(basic).parts) - 1
        assert d.find("a", class_="brand").get("href") == "../" * depth + "index.html"
        assert d.find("link", rel="stylesheet").get("href") == "../" * depth + "assets/okrsite.css"


def test_site_works_under_a_sub_path_over_http(basic, tmp_path):
    root = tmp_path / "www"
    shutil.copytree(basic, root / "project" / "roadmap")
    with serve_dir(root) as base:
        start = urljoin(base, "project/roadmap/index.html")
        seen, queue, broken = set(), [start], []
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            try:
                with urlopen(url, timeout=10) as response:
                    body = response.read()
                    kind = response.headers.get_content_type()
            except HTTPError as err:
                broken.append(f"{url}: {err.code}")
                continue
            if kind != "text/html":
                continue
            for el in parse_html_text(body.decode("utf-8")).iter():
                link = el.get("href") or el.get("src")
                if not link or re.match(r"^[a-z][a-z0-9+.-]*:", link) and not link.startswith("http://127"):
                    continue
                target = urldefrag(urljoin(url, link))[0]
                if urlsplit(target).netloc == urlsplit(base).netloc:
                    assert urlsplit(target).path.startswith("/project/roadmap/"), (url, link)
                    queue.append(target)
    assert broken == []
    assert len(seen) > 35


def test_repository_own_site_builds_and_has_no_broken_links(tmp_path):
    out = tmp_path / "own-site"
    result = run_cli("build", "--out", str(out), cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert link_check(out, base_path="/okrsite/") == []  # 404.html's links start at base_url's path
    home = parse_html(out / "index.html")
    assert home.find("h1").text.startswith("Acme Arena Roadmap")


# --- hostile content renders as text --------------------------------------------------------

def all_markup(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.suffix in (".html", ".svg"))


def test_hostile_content_runs_no_script(hostile):
    for path in all_markup(hostile):
        d = parse_html(path)
        scripts = d.find_all("script")
        assert [s.get("src") for s in scripts if not (s.get("src") or "").endswith("assets/okrsite.js")] == [], path
        for el in d.iter():
            handlers = [name for name in el.attrs if name.startswith("on")]
            assert not handlers, (path, el)
            for name in ("href", "src", "action", "xlink:href", "formaction"):
                value = re.sub(r"\s", "", el.get(name) or "").lower()
                assert not value.startswith(("javascript:", "vbscript:", "data:text")), (path, el)
            assert el.tag not in ("iframe", "img", "form", "object", "embed"), (path, el)
            if el.tag == "style":  # only the diagram's own stylesheet, and the theme's inside 404.html
                theme_css = (hostile / "assets" / "okrsite.css").read_text(encoding="utf-8")
                assert (path.suffix == ".svg" or any(a.tag == "svg" for a in el.ancestors())
                        or path.name == "404.html" and el.raw_text.strip() == theme_css.strip()), (path, el)


def test_hostile_titles_are_shown_as_text(hostile):
    page = doc(hostile, "objectives/xss/index.html")
    assert page.find("main").find("h1").text == "<script>alert('objective')</script>Objective"
    assert page.find("title").text == ("<script>alert('objective')</script>Objective · "
                                       "Roadmap <script>alert('site')</script> & co")
    assert page.find("a", class_="brand").text == "Roadmap <script>alert('site')</script> & co"
    assert page.find("meta", attrs={"name": "description"}).get("content") == "Desc </title><script>alert(1)</script>"
    kr = page.by_id("kr-kr1")
    assert kr.find("h3").text == "<img src=x onerror=alert('kr')>"
    notes = texts(kr.find("ul", class_="checkins").find_all("li"))
    assert notes[1].endswith("— </script><script>alert('note')</script>")


def test_hostile_markdown_body_is_text(hostile):
    prose = main(hostile, "objectives/xss/index.html").find("div", class_="prose")
    text = prose.text
    assert "<script>alert('block')</script>" in text
    assert "<img src=x onerror=alert('img')>" in text
    assert "[click me](javascript:alert('link'))" in text
    assert prose.find("a", href="../../milestones/evil-ms/index.html").text == "<img src=x onerror=alert('wikitext')>"


def test_hostile_team_and_page_names_are_text(hostile):
    team = main(hostile, "teams/evil/index.html")
    assert team.find("h1").text == '<b onmouseover=alert(1)>Evil</b> & "Team"'
    assert texts(team.find("ul", class_="members").find_all("li")) == ["<script>alert('m')</script>"]
    page = doc(hostile, "evil-page/index.html")
    assert page.find("main").find("h1").text == "</title><script>alert('page')</script>"
    assert page.find("meta", attrs={"name": "description"}).get("content") == '" onload="alert(1)'


def test_odd_unicode_is_kept_as_text(hostile):
    text = main(hostile, "objectives/xss/index.html").find("div", class_="prose").raw_text
    assert "\u202eRTL override\u202c" in text and "zero\u200bwidth" in text and "🎯" in text
    h1 = main(hostile, "milestones/evil-ms/index.html").find("h1")
    # kept whole, between bidi isolates (FSI ... PDI) so its override ends with it (bidi.py)
    assert h1.text == "\u2068Milestone \u202e<script>alert('ms')</script>, with; comma\\ back\u200bslash\u2069"


def test_very_long_title_is_kept_whole_in_html_and_in_the_diagram_tooltip(hostile):
    long_title = "Very long title " + "word " * 120 + "end"
    assert main(hostile, "milestones/long/index.html").find("h1").text == long_title
    root = ET.parse(hostile / "quarters/2026-q2/roadmap.svg").getroot()
    titles = [t.text for t in root.iter(f"{SVG_NS}title")]
    assert any(t.startswith(long_title) for t in titles)


def test_hostile_svg_json_ics_and_xml_parse(hostile):
    for svg in hostile.rglob("*.svg"):
        root = ET.parse(svg).getroot()
        assert not [el for el in root.iter() if el.tag == f"{SVG_NS}script"]
    data = json.loads((hostile / "roadmap.json").read_text(encoding="utf-8"))
    assert data["teams"][0]["name"] == '<b onmouseover=alert(1)>Evil</b> & "Team"'
    cal = icalendar.Calendar.from_ical((hostile / "roadmap.ics").read_bytes())
    assert {str(e["SUMMARY"]) for e in cal.walk("VEVENT")} >= {
        "Milestone \u202e<script>alert('ms')</script>, with; comma\\ back\u200bslash"}
    ET.parse(hostile / "sitemap.xml")


def test_hostile_edit_url_cannot_break_out_of_its_attribute(hostile):
    edit = doc(hostile, "objectives/xss/index.html").find("a", text="Edit this page")
    assert edit.get("href") == ("https://git.example.org/edit/tests/sites/hostile/content/objectives/xss.md"
                                "?x=%22%3E%3Cscript%3Ealert(1)%3C/script%3E")


# --- theme override -------------------------------------------------------------------------

def test_site_template_overrides_just_that_template(themed):
    milestone = main(themed, "milestones/ms/index.html")
    article = milestone.find("article", class_="custom-milestone")
    assert article.find("h1").text == "Custom: Themed milestone"
    assert article.find("p", class_="custom-completion").text == "0% done"
    assert article.find("a", class_="custom-kr").get("href") == "../../objectives/obj/index.html#kr-kr1"
    assert article.find("div", class_="custom-body").text == "Body of the <em>milestone</em>."
    # The other pages still come from the default theme, base.html included.
    objective = doc(themed, "objectives/obj/index.html")
    assert objective.by_id("key-results") is not None
    assert doc(themed, "milestones/ms/index.html").find("a", class_="brand").text == "Themed Roadmap"


def test_site_static_file_overrides_just_that_file(themed):
    from okrsite.render import builtin_theme
    assert (themed / "assets/okrsite.css").read_text(encoding="utf-8").startswith("/* custom theme stylesheet */")
    assert (themed / "assets/okrsite.js").read_bytes() == (builtin_theme() / "static/okrsite.js").read_bytes()
    extra = sorted((Path(__file__).parent / "sites" / "theme-override" / "themes").rglob("extra.txt"))
    assert (themed / "assets/extra.txt").read_bytes() == extra[0].read_bytes()


# --- safe publishing -------------------------------------------------------------------------

@pytest.fixture
def published(tmp_path):
    """A site copied to tmp_path and built once: (site, out, hash of the output)."""
    site = copy_site("basic", tmp_path)
    out = tmp_path / "public"
    assert build(site, out) == 0
    return site, out, tree_hash(out)


def test_content_error_leaves_the_previous_output_exactly(published, capsys):
    site, out, before = published
    (site / "content/milestones/ms-a.md").write_text("---\ntitle: Broken\ntype: epic\nkey_results: [nope/kr9]\n---\n")
    assert build(site, out) == 1
    assert tree_hash(out) == before
    assert "was left as it was" in capsys.readouterr().err


def test_theme_template_error_leaves_the_previous_output_exactly(published, capsys):
    site, out, before = published
    (site / "themes/broken/templates").mkdir(parents=True)
    (site / "themes/broken/templates/milestone.html").write_text("{% for x in %}\n")
    config = (site / "okrsite.yaml").read_text()
    (site / "okrsite.yaml").write_text(config + "theme: broken\n")
    assert build(site, out) == 1
    assert tree_hash(out) == before
    err = capsys.readouterr().err
    assert "milestone.html" in err and "nothing was written" in err


def test_unwritable_output_fails_cleanly(tmp_path, capsys):
    (tmp_path / "plain-file").write_bytes(b"x")
    assert build(SITES / "basic", tmp_path / "plain-file" / "public") == 1
    err = capsys.readouterr().err
    assert "cannot create" in err and "Traceback" not in err


def test_refuses_to_replace_a_folder_it_did_not_write(tmp_path, capsys):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    before = tree_hash(out)
    assert build(SITES / "basic", out) == 1
    assert tree_hash(out) == before
    assert "not written by okrsite" in capsys.readouterr().err


def test_a_failing_write_leaves_the_previous_output_exactly(published, monkeypatch):
    import errno

    from okrsite import write
    site, out, before = published

    def disk_full(files, folder, *linking):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(write, "write_tree", disk_full)
    assert build(site, out, "--no-cache") == 1  # with the cache, the unchanged output is not written at all
    assert tree_hash(out) == before


def test_a_rebuild_replaces_the_output(published):
    site, out, before = published
    path = site / "content/milestones/ms-d.md"
    path.write_text(path.read_text().replace("Latency signal test", "Renamed signal test"))
    assert build(site, out) == 0
    assert main(out, "milestones/ms-d/index.html").find("h1").text == "Renamed signal test"
    after = set(tree_hash(out))
    # The search index names its files after their contents: the old ones must be gone too.
    assert {f for f in after if not f.startswith("pagefind/")} == {f for f in before if not f.startswith("pagefind/")}
    assert sum(1 for f in after if f.endswith(".pf_meta")) == 1


# --- reproducible output ---------------------------------------------------------------------

def test_two_builds_are_byte_identical(tmp_path):
    assert build(SITES / "basic", tmp_path / "a") == 0
    assert build(SITES / "basic", tmp_path / "b") == 0
    assert tree_hash(tmp_path / "a") == tree_hash(tmp_path / "b")


def test_builds_without_today_are_identical_and_follow_source_date_epoch(tmp_path):
    site = make_site(tmp_path, config="title: No today\ncalendar:\n  sprints: {start: 2026-01-05, length_days: 14}\n")
    env = {"SOURCE_DATE_EPOCH": "1770681600"}  # 2026-02-10 00:00 UTC
    for name in ("a", "b"):
        result = run_cli("build", "--site", str(site), "--out", str(tmp_path / name), "--quiet", env=env)
        assert result.returncode == 0, result.stderr
    assert tree_hash(tmp_path / "a") == tree_hash(tmp_path / "b")
    home = parse_html(tmp_path / "a" / "index.html")
    assert home.find("h1").text == "No today: 2026-Q1"
    assert "As of Feb 10, 2026" in home.find("footer").text


def test_builds_without_today_or_source_date_epoch_are_identical(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = make_site(tmp_path, config="title: No today\ncalendar:\n  sprints: {start: 2026-01-05, length_days: 14}\n")
    assert build(site, tmp_path / "a") == 0
    assert build(site, tmp_path / "b") == 0
    assert tree_hash(tmp_path / "a") == tree_hash(tmp_path / "b")


# --- what the command prints ----------------------------------------------------------------

def test_build_prints_one_summary_line(tmp_path):
    out = tmp_path / "public"
    result = run_cli("build", "--site", str(SITES / "basic"), "--out", str(out), "--no-history")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    files = sum(1 for p in out.rglob("*") if p.is_file() and p.name != ".okrsite-build")  # pages, exports, assets, search index
    assert files > 50 and any(out.glob("pagefind/*"))
    assert re.fullmatch(rf"built 42 pages, {files} files in \d+\.\d\d s -> .*public/", lines[0]), lines[0]
    assert result.stderr == ""


def test_build_quiet_prints_nothing_on_success(tmp_path):
    result = run_cli("build", "--site", str(SITES / "basic"), "--out", str(tmp_path / "public"), "--quiet")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_build_writes_to_public_by_default(tmp_path):
    site = copy_site("theme-override", tmp_path)
    result = run_cli("build", "--quiet", cwd=site)
    assert result.returncode == 0, result.stderr
    assert parse_html(site / "public" / "index.html").find("h1").text == "Themed Roadmap: 2026-Q2"


def test_build_refuses_an_output_that_is_the_site_itself(tmp_path):
    site = copy_site("theme-override", tmp_path)
    before = tree_hash(site)
    result = run_cli("build", "--site", str(site), "--out", str(site))
    assert result.returncode == 2
    assert tree_hash(site) == before


def test_build_does_not_write_through_a_public_link_in_the_site(tmp_path):
    """A pull request can commit `public` as a link to an empty folder anywhere the build can write."""
    site = copy_site("theme-override", tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (site / "public").symlink_to(elsewhere, target_is_directory=True)
    result = run_cli("build", "--site", str(site))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr == ("okrsite: public/ in the site is a symbolic link; okrsite does not write through "
                             "links in the site: delete the link, or choose the output folder with --out\n")
    assert list(elsewhere.iterdir()) == [] and (site / "public").is_symlink()


@pytest.mark.parametrize("inside", ["content/public", "themes/public"])
def test_build_refuses_an_output_inside_the_content_or_themes(tmp_path, inside):
    site = copy_site("theme-override", tmp_path)
    before = tree_hash(site)
    result = run_cli("build", "--site", str(site), "--out", str(site / inside))
    assert result.returncode == 2
    assert "would replace the site itself" in result.stderr
    assert tree_hash(site) == before


def test_build_strict_fails_on_warnings_and_writes_nothing(tmp_path):
    site = make_site(tmp_path, {"content/objectives/obj.md": """\
        ---
        title: An objective
        quarter: 2026-Q2
        key_results:
          - {id: kr1, title: Served, start: 0, target: 10}
          - {id: kr2, title: Not served, start: 0, target: 10}
        ---
        """})
    out = tmp_path / "public"
    result = run_cli("build", "--site", str(site), "--out", str(out), "--strict")
    assert result.returncode == 1
    assert "kr-without-milestone" in result.stderr
    assert not out.exists()


# --- the HTML is valid ------------------------------------------------------------------------

@pytest.mark.validator
def test_pages_are_valid_html(basic, hostile):
    messages = vnu_check([basic, hostile], svg=False)
    # role="graphics-document" on the diagram is required by the spec (WAI-ARIA Graphics);
    # the Nu checker does not know that module yet.
    problems = [f"{m['file']}:{m['line']}: {m['message']}" for m in messages
                if "graphics-document" not in m["message"]]
    assert problems == []


# --- in a real browser, from file:// ------------------------------------------------------------

@pytest.mark.browser
def test_site_works_from_file_urls_in_a_browser(basic, page, console_errors):
    page.goto((basic / "milestones/ms-b/index.html").as_uri())
    assert page.evaluate("[...document.styleSheets].some(s => s.href && s.href.endsWith('assets/okrsite.css'))")
    page.click("main .serves a >> nth=0")
    assert page.url.endswith("/objectives/grow/index.html#kr-kr1")
    assert page.inner_text("main h1") == "Grow the player base"
    page.click("header a.brand")
    assert page.url.endswith("/index.html")
    assert page.inner_text("main h1") == "Basic Roadmap: 2026-Q2"
    assert console_errors == []


@pytest.mark.browser
def test_hostile_pages_raise_no_dialog_in_a_browser(hostile, page, console_errors):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in html_pages(hostile):
        if path.name == "404.html":  # its links point at the published base_url, not at this folder
            continue
        page.goto(path.as_uri())
        page.hover("main")
    for svg in sorted(hostile.rglob("*.svg")):
        page.goto(svg.as_uri())
    assert dialogs == []
    assert [e for e in console_errors if "favicon" not in e] == []


def test_unscheduled_milestones_are_listed_beside_the_diagram(tmp_path):
    """They have no dates to draw, so the quarter lists them apart instead of dropping them."""
    from okrsite.cli import main
    from support import REPO_ROOT, parse_html

    out = tmp_path / "public"
    assert main(["build", "--site", str(REPO_ROOT), "--out", str(out), "--quiet"]) == 0
    # most voted first (4, 3, 2, 2), ties by title
    order = ["replay-highlight-cards", "saved-wallet-checkout", "loyalty-tiers", "thank-your-teammates"]
    for page, prefix in {"index.html": "", "quarters/2026-q2/index.html": "../../"}.items():
        box = parse_html(out / page).find("div", class_="backlog-preview")
        assert [a.get("href") for a in box.find_all("a")] == [
            f"{prefix}milestones/{m}/index.html" for m in order], page
        assert box.find("li").find("span", class_="muted").text == "4 votes"
