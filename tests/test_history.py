"""History in the built site (spec section 15): a real git repository with a sequence of dated
commits, built, and the pages and feed read back. "Now" is okrsite.yaml's `today` (2026-05-12);
the badge window is the 14 days up to it (Apr 29 - May 12)."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from git_helpers import GitSite, git_env
from helpers import CONFIG, count_parses, run_cli
from render_helpers import build, tree_hash
from support import axe_check, format_axe, link_check, parse_html, serve_dir, vnu_check
from test_diff import FIRST, milestone

from okrsite.history import git as history_git
from okrsite.history import log as history_log
from okrsite.history import views as history_views

ATOM = "{http://www.w3.org/2005/Atom}"


def make_history(tmp_path: Path, config: str = CONFIG) -> GitSite:
    """Four dated commits: a plan before the quarter, then slips, check-ins and additions."""
    repo = GitSite(tmp_path, config=config)
    repo.write(FIRST)
    repo.commit("plan Q2", "2026-03-20")
    repo.edit("content/milestones/ms-a.md", "[s7, s8]", "[s8, s9]")
    repo.edit("content/objectives/growth.md", "target: 15", "target: 15\n    checkins:\n"
              "      - {date: 2026-04-10, value: 5}")
    repo.move("content/milestones/ms-b.md", "content/milestones/q2/share.md")
    repo.edit("content/milestones/q2/share.md", "title:", "id: ms-b\ntitle:")
    repo.edit("content/milestones/ms-d.md", "type: epic", "type: epic\nstatus: in-progress")
    repo.commit("first slip", "2026-04-14")
    repo.write({"content/milestones/ms-e.md": milestone("Leaderboard <b>&amp;</b>", "sprints: [s10]")})
    repo.edit("content/milestones/ms-c.md", "[s7, s8]", "[s9, s10]")
    repo.edit("content/objectives/growth.md", "target: 15", "target: 15\n    current: 8")
    repo.remove("content/pages/how.md")
    repo.edit("content/objectives/trust.md", "title: Build trust", "title: Build trust in matches")
    repo.commit("May planning", "2026-05-05")
    repo.edit("content/milestones/ms-a.md", "type: epic", "type: epic\nstatus: done")
    repo.commit("ms-a done", "2026-05-11T09:30:00+02:00")
    return repo


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[GitSite, Path]:
    tmp = tmp_path_factory.mktemp("history")
    repo = make_history(tmp)
    out = tmp / "public"
    assert build(repo.site, out, history=True) == 0
    return repo, out


def main_of(out: Path, path: str):
    return parse_html(out / path).find("main")


def test_changes_lists_weeks_newest_first(built):
    _, out = built
    page = main_of(out, "changes/index.html")
    weeks = [(h2.get("id"), h2.find("time").text) for h2 in page.find_all("h2")]
    assert weeks == [("week-2026-05-11", "Week of May 11, 2026"), ("week-2026-05-04", "Week of May 4, 2026"),
                     ("week-2026-04-13", "Week of Apr 13, 2026"), ("week-2026-03-16", "Week of Mar 16, 2026")]
    may = page.by_id("week-2026-05-04").parent
    items = [li.text for li in may.find_all("li")]
    assert "Milestone Leaderboard <b>&amp;</b> ms-e: Added" in items
    assert ("Milestone Referral rewards ms-c: Schedule: s7–s8 (Mar 30 – Apr 26, 2026) → s9–s10 "
            "(Apr 27 – May 24, 2026); slips 28 days (2 sprints)") in items
    assert "Key result Weekly signups growth/kr1: Current value: 5 → 8" in items
    assert "Page How we work how: Removed" in items
    assert "Objective Build trust in matches trust: Title: Build trust → Build trust in matches" in items
    removed = next(li for li in may.find_all("li") if "how: Removed" in li.text)
    assert removed.find("a") is None  # a removed entity has no page to link to
    april = page.by_id("week-2026-04-13").parent.text
    assert "ms-b" not in april  # the renamed file kept its id: no change
    assert "growth/kr1: Current value: 0 → 5" in april
    link = next(li for li in may.find_all("li") if "ms-e: Added" in li.text).find("a")
    assert link.get("href") == "../milestones/ms-e/index.html"
    assert (out / "milestones/ms-e/index.html").is_file()


@pytest.mark.validator
def test_history_pages_are_valid_html_with_no_broken_links(built):
    _, out = built
    assert link_check(out, base_path="/") == []  # no base_url: 404.html links from the host root
    pages = [out / "changes/index.html", out / "milestones/ms-a/index.html", out / "milestones/ms-e/index.html",
             out / "objectives/growth/index.html"]
    assert vnu_check(pages, svg=False) == []


@pytest.mark.browser
@pytest.mark.validator
def test_history_pages_pass_axe_and_fit_a_phone(built, page, console_errors):
    _, out = built
    with serve_dir(out) as url:
        for path in ("changes/index.html", "milestones/ms-a/index.html", "objectives/growth/index.html"):
            page.set_viewport_size({"width": 390, "height": 800})
            page.goto(url + path)
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            violations = axe_check(page)
            assert violations == [], format_axe(violations)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)
    assert console_errors == []


def test_commit_time_zone_decides_the_day(built):
    _, out = built
    page = main_of(out, "changes/index.html")
    commit = page.by_id("week-2026-05-11").parent.find("div", attrs={"class": "commit"})
    assert commit.find("time").get("datetime") == "2026-05-11"
    assert commit.find("p", attrs={"class": "commit-summary"}).text == "1 milestone now done"


def test_new_and_moved_badges_use_today_and_badge_days(built):
    _, out = built
    table = main_of(out, "objectives/growth/index.html").find("table")
    badges = {tr.find("th").find("a").text: [b.text for b in tr.find("th").find_all("span")]
              for tr in table.find("tbody").find_all("tr")}
    assert badges["Leaderboard <b>&amp;</b>"] == ["New"]      # added May 5
    assert badges["Referral rewards"] == ["Moved"]          # rescheduled May 5
    assert badges["Invite friends"] == []                   # rescheduled Apr 14: before the window
    assert badges["Share links"] == []                      # only its file moved
    head = parse_html(out / "milestones/ms-e/index.html").find("p", attrs={"class": "meta"})
    assert "New" in [b.text for b in head.find_all("span")]


def test_milestone_page_shows_its_baseline_drift_and_changes(built):
    _, out = built
    section = parse_html(out / "milestones/ms-a/index.html").by_id("history").parent
    baseline = section.find("p", attrs={"class": "baseline late"})
    assert baseline.text == ("Baseline (2026-Q2 plan, committed Mar 20, 2026): s7–s8 (Mar 30 – Apr 26, 2026). "
                             "Now: slips 14 days (1 sprint).")
    assert baseline.find("a").get("href") == "../../changes/index.html#commit-" + baseline.find("a").get("href")[-12:]
    rows = [li.text for li in section.find("ul").find_all("li")]
    assert rows == ["May 11, 2026: Status: planned → done",
                    "Apr 14, 2026: Schedule: s7–s8 (Mar 30 – Apr 26, 2026) → s8–s9 (Apr 13 – May 10, 2026); "
                    "slips 14 days (1 sprint)",
                    "Mar 20, 2026: Added"]
    late = parse_html(out / "milestones/ms-e/index.html").by_id("history").parent
    assert late.find("p", attrs={"class": "baseline"}).text == (
        "Baseline (2026-Q2 plan, committed May 5, 2026): s10 (May 11 – May 24, 2026). Now: on its baseline.")
    moved = parse_html(out / "milestones/ms-b/index.html").by_id("history").parent
    assert [li.text for li in moved.find("ul").find_all("li")] == ["Mar 20, 2026: Added"]


def test_objective_page_shows_each_kr_value_over_time(built):
    _, out = built
    kr = parse_html(out / "objectives/growth/index.html").by_id("kr-kr1")
    details = kr.find("details", attrs={"class": "kr-history"})
    assert details.find("summary").text == "Value over time (3 changes committed)"
    assert [li.text for li in details.find("ul").find_all("li")] == [
        "May 5, 2026: 8 (current edited)", "Apr 14, 2026: 5 (check-in of Apr 10, 2026)", "Mar 20, 2026: 0 (added)"]
    assert details.find("svg") is not None  # a sparkline of the values
    no_values = parse_html(out / "objectives/growth/index.html").by_id("kr-kr2")
    assert no_values.find("details", attrs={"class": "kr-history"}).find("li").text == "Mar 20, 2026: no value (added)"


def test_feed_is_valid_atom_with_stable_ids(built, tmp_path):
    repo, out = built
    data = (out / "changes.xml").read_bytes()
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [e.updated for e in parsed.entries] == ["2026-05-11T09:30:00+02:00", "2026-05-05T12:00:00+00:00",
                                                   "2026-04-14T12:00:00+00:00", "2026-03-20T12:00:00+00:00"]
    assert parsed.entries[1].title.startswith("1 milestone slips by 2 sprints; 1 milestone added; 1 page removed")
    assert "Leaderboard &lt;b&gt;&amp;amp;&lt;/b&gt;" in parsed.entries[1].content[0].value
    # RFC 4287's required elements, read with a plain XML parser
    root = ET.fromstring(data)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    assert root.find(f"{ATOM}updated").text == "2026-05-11T09:30:00+02:00"  # the newest entry, not the build time
    ids = [entry.find(f"{ATOM}id").text for entry in root.findall(f"{ATOM}entry")]
    assert len(set(ids)) == 4 and all(i.startswith("urn:uuid:") for i in ids)
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}") is not None
        link = entry.find(f"{ATOM}link")
        assert link.get("rel") == "alternate" and link.get("href").startswith("changes/index.html#commit-")
    assert root.find(f"{ATOM}link[@rel='self']") is None  # no base_url: its own address is unknown
    # the same commit built again, elsewhere: the same bytes, so the same ids
    again = tmp_path / "again"
    assert build(repo.site, again, history=True) == 0
    assert (again / "changes.xml").read_bytes() == data


def test_feed_links_are_absolute_with_base_url(tmp_path):
    repo = make_history(tmp_path, CONFIG + "base_url: https://acme.example/roadmap/\n")
    out = tmp_path / "public"
    assert build(repo.site, out, history=True) == 0
    parsed = feedparser.parse((out / "changes.xml").read_bytes())
    assert parsed.bozo == 0
    assert parsed.feed.links[0].href == "https://acme.example/roadmap/changes/"
    assert {l.rel: l.href for l in parsed.feed.links}["self"] == "https://acme.example/roadmap/changes.xml"
    assert parsed.entries[0].link.startswith("https://acme.example/roadmap/changes/#commit-")
    assert 'href="https://acme.example/roadmap/milestones/ms-a/"' in parsed.entries[0].content[0].value
    head = parse_html(out / "index.html").find("link", attrs={"type": "application/atom+xml"})
    assert head.get("href") == "changes.xml"


def test_output_is_the_same_for_the_same_commit(built, tmp_path):
    repo, out = built
    for path in repo.site.rglob("*.md"):  # touching files changes nothing
        path.touch()
    again = tmp_path / "again"
    assert build(repo.site, again, history=True) == 0
    assert tree_hash(again) == tree_hash(out)


def test_no_history_leaves_every_trace_of_history_out(built, tmp_path):
    repo, out = built
    plain = tmp_path / "plain"
    result = run_cli("build", "--site", str(repo.site), "--out", str(plain), "--no-history")
    assert result.returncode == 0 and "history" not in result.stderr
    assert not (plain / "changes").exists() and not (plain / "changes.xml").exists()
    page = parse_html(plain / "milestones/ms-a/index.html")
    assert page.by_id("history") is None
    assert "Changes" not in [a.text for a in page.find("nav").find_all("a")]
    assert "Changes" in [a.text for a in parse_html(out / "milestones/ms-a/index.html").find("nav").find_all("a")]


def test_without_git_the_build_says_so_once(tmp_path):
    from helpers import make_site

    site = make_site(tmp_path, FIRST)
    out = tmp_path / "public"
    result = run_cli("build", "--site", str(site), "--out", str(out))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert [line for line in lines if "history" in line] == [
        f"okrsite: building without history: {site} is not inside a git repository"]
    assert not (out / "changes").exists()
    quiet = run_cli("build", "--site", str(site), "--out", str(out), "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_a_shallow_clone_builds_without_history(tmp_path):
    repo = make_history(tmp_path / "origin")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)],
                   check=True, env=git_env())
    result = run_cli("build", "--site", str(clone), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "history" in line] == [
        "okrsite: building without history: this is a shallow clone (fetch the whole history, e.g. "
        "actions/checkout with fetch-depth: 0)"]  # once
    assert not (tmp_path / "out" / "changes.xml").exists()
    # a shallow clone's site is the site without history: the same bytes as --no-history
    plain = run_cli("build", "--site", str(clone), "--out", str(tmp_path / "plain"), "--no-history")
    assert plain.returncode == 0 and "history" not in plain.stderr
    assert tree_hash(tmp_path / "out") == tree_hash(tmp_path / "plain")


def test_a_clone_elsewhere_in_another_time_zone_builds_the_same_bytes(built, tmp_path):
    """Deterministic for a given commit: nothing depends on where the checkout is, on the
    machine's time zone or on the wall clock (history's "now" is okrsite.yaml's today)."""
    repo, out = built
    clone = tmp_path / "somewhere else" / "roadmap"
    subprocess.run(["git", "clone", "-q", f"file://{repo.root}", str(clone)], check=True, env=git_env())
    for zone in ("Pacific/Kiritimati", "America/Adak"):
        again = tmp_path / f"out-{zone.replace('/', '-')}"
        result = run_cli("build", "--site", str(clone), "--out", str(again), "--quiet", env={"TZ": zone})
        assert result.returncode == 0, result.stderr
        assert tree_hash(again) == tree_hash(out)


def test_history_is_one_git_log_not_a_process_per_file_or_commit(tmp_path, monkeypatch):
    repo = GitSite(tmp_path)
    repo.write(FIRST)
    repo.commit("plan", "2026-03-01")
    for week in range(12):
        repo.write({f"content/milestones/extra-{week}.md": milestone(f"Extra {week}", "sprints: [s10]")})
        repo.edit("content/milestones/ms-a.md", f"title: Invite friends{' v' * week}",
                  f"title: Invite friends{' v' * (week + 1)}")
        repo.commit(f"week {week}", f"2026-03-{week + 2:02d}")
    calls: list[list[str]] = []
    real = history_git.subprocess.run

    def counting(args, *rest, **kwargs):
        calls.append(args)
        return real(args, *rest, **kwargs)

    monkeypatch.setattr(history_git.subprocess, "run", counting)
    # without the build cache, whose key asks git for HEAD too (tests/test_cache.py)
    assert build(repo.site, tmp_path / "out", "--no-cache", history=True) == 0
    verbs = [args[3] for args in calls]
    assert verbs == ["rev-parse", "rev-parse", "log", "diff-index", "cat-file", "cat-file"]
    page = main_of(tmp_path / "out", "milestones/ms-a/index.html")
    assert len(page.by_id("history").parent.find("ul").find_all("li")) == 13


def test_changes_pages_are_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(history_views, "ROWS_PER_WEEK", 3)
    monkeypatch.setattr(history_views, "ROWS_PER_PAGE", 4)
    repo = GitSite(tmp_path)
    repo.write(FIRST)
    repo.commit("plan", "2026-03-02")  # 13 entities added in one commit
    repo.edit("content/milestones/ms-a.md", "type: epic", "type: spike")
    repo.commit("retype", "2026-03-09")
    repo.edit("content/milestones/ms-b.md", "type: epic", "type: spike")
    repo.commit("retype", "2026-03-16")
    out = tmp_path / "out"
    assert build(repo.site, out, history=True) == 0
    first = main_of(out, "changes/index.html")
    assert [h2.get("id") for h2 in first.find_all("h2")] == ["week-2026-03-16", "week-2026-03-09"]
    older = main_of(out, "changes/2/index.html")
    week = older.by_id("week-2026-03-02").parent
    assert len(week.find("ul").find_all("li")) == 3
    assert week.find_all("p")[-1].text == "and 10 more changes in this commit (10 added)"
    pager = older.find("nav", attrs={"class": "pager"})
    assert pager.find("a", attrs={"rel": "prev"}).get("href") == "../index.html"
    assert not (out / "changes/3").exists()


# --- serve -------------------------------------------------------------------------------------

def test_serve_reads_history_once_then_only_after_a_new_commit(tmp_path, monkeypatch):
    from okrsite.serve import Preview
    from support import parse_html_text
    from test_serve import WAIT, request, wait_until

    repo = make_history(tmp_path)
    parsed = count_parses(monkeypatch, history_log)

    def changes_text() -> str:
        status, _, body = request(preview, "/changes/")
        assert status == 200
        return parse_html_text(body.decode()).find("main").text

    with Preview(repo.site, port=0) as preview:
        assert preview.history_reads == 1
        assert "Title: Leaderboard" not in changes_text()
        for n in (2, 3):  # saves rebuild the site, but do not read git again
            version = preview.version
            repo.edit("content/milestones/ms-e.md", f"Leaderboard{' 2' if n == 3 else ''} <b>",
                      f"Leaderboard {n} <b>")
            assert preview.wait_for_version(version + 1, WAIT)
        assert b"Leaderboard 3" in request(preview, "/milestones/ms-e/")[2]
        assert preview.history_reads == 1
        assert "content/milestones/ms-a.md" in parsed
        parsed.clear()
        version = preview.version
        repo.commit("rename the leaderboard", "2026-05-12")
        assert wait_until(lambda: preview.history_reads == 2)
        assert preview.wait_for_version(version + 1, WAIT)
        assert ("Title: Leaderboard <b>&amp;</b> → Leaderboard 3 <b>&amp;</b>" in changes_text())
        assert preview.history_reads == 2
        assert parsed == ["content/milestones/ms-e.md"]  # its version before the commit; the rest as before


def test_serve_outside_git_says_so_once_and_never_reads_git_on_a_save(tmp_path):
    from helpers import make_site
    from okrsite.serve import Preview
    from test_serve import WAIT, request

    site = make_site(tmp_path, FIRST)
    lines: list[str] = []
    with Preview(site, port=0, log=lines.append) as preview:
        for n in (1, 2):
            version = preview.version
            path = site / "content/milestones/ms-a.md"
            path.write_text(path.read_text(encoding="utf-8").replace("Invite friends", f"Invite friends {n}", 1),
                            encoding="utf-8")
            assert preview.wait_for_version(version + 1, WAIT)
        assert b"Invite friends 2" in request(preview, "/milestones/ms-a/")[2]
        assert request(preview, "/changes/")[0] == 404
        assert preview.history_reads == 1
    assert [line for line in lines if "history" in line] == [
        f"okrsite serve: building without history: {site} is not inside a git repository"]


def test_serve_without_history(tmp_path):
    from okrsite.serve import Preview
    from test_serve import request

    repo = make_history(tmp_path)
    with Preview(repo.site, port=0, watch=False, history=False) as preview:
        assert preview.history_reads == 0
        assert request(preview, "/changes/")[0] == 404
        assert request(preview, "/milestones/ms-a/")[0] == 200


# --- baselines on the diagram ----------------------------------------------------------------

def ghost_titles(svg_file: Path) -> list[str]:
    root = ET.parse(svg_file).getroot()
    svg = "{http://www.w3.org/2000/svg}"
    return sorted(rect.find(f"{svg}title").text for rect in root.iter(f"{svg}rect")
                  if rect.get("class") == "rmd-ghost" and rect.find(f"{svg}title") is not None)


def test_the_diagram_shows_baselines_as_ghost_bars(built):
    _, out = built
    assert ghost_titles(out / "quarters/2026-q2/roadmap.svg") == [
        "Baseline (2026-Q2 plan): s7–s8 (Mar 30 – Apr 26, 2026); slips 14 days (1 sprint)",
        "Baseline (2026-Q2 plan): s7–s8 (Mar 30 – Apr 26, 2026); slips 28 days (2 sprints)",
    ]
    svg = (out / "quarters/2026-q2/roadmap.svg").read_text(encoding="utf-8")
    assert "Baseline (plan at the quarter&#39;s start)" in svg  # its legend entry
    page = (out / "quarters/2026-q2/index.html").read_text(encoding="utf-8")
    assert page.count('class="rmd-ghost"') >= 3  # two ghosts and the legend's swatch in the page's diagram


def test_baseline_bars_can_be_switched_off(tmp_path):
    repo = make_history(tmp_path, CONFIG + "history:\n  baseline_bars: false\n")
    out = tmp_path / "public"
    assert build(repo.site, out, history=True) == 0
    assert ghost_titles(out / "quarters/2026-q2/roadmap.svg") == []
    assert "rmd-ghost" not in (out / "quarters/2026-q2/index.html").read_text(encoding="utf-8")
    assert "slips 14 days (1 sprint)" in (out / "milestones/ms-a/index.html").read_text(encoding="utf-8")


def test_a_merged_branch_counts_on_the_day_it_was_merged(tmp_path):
    repo = GitSite(tmp_path)
    repo.write(FIRST)
    repo.commit("plan", "2026-03-20")
    repo.git("checkout", "-q", "-b", "slip")
    repo.edit("content/milestones/ms-a.md", "[s7, s8]", "[s8, s9]")
    repo.commit("slip ms-a", "2026-04-01")
    repo.edit("content/milestones/ms-a.md", "type: epic", "type: spike")
    repo.commit("retype ms-a", "2026-04-02")
    repo.git("checkout", "-q", "main")
    repo.edit("content/milestones/ms-b.md", "type: epic", "type: enabler")
    repo.commit("retype ms-b", "2026-04-03")
    repo.git("merge", "-q", "--no-ff", "-m", "merge the slip", "slip", date="2026-04-20")
    out = tmp_path / "public"
    assert build(repo.site, out, history=True) == 0
    page = main_of(out, "changes/index.html")
    commits = [(c.find("time").text, c.find("p", attrs={"class": "commit-summary"}).text)
               for c in page.find_all("div", attrs={"class": "commit"})]
    assert commits == [("Apr 20, 2026", "1 milestone slips by one sprint; 1 milestone retyped"),
                       ("Apr 3, 2026", "1 milestone retyped"),
                       ("Mar 20, 2026", "2 objectives added; 3 key results added; 1 hypothesis added; "
                                        "4 milestones added; 1 task added; 1 team added; 1 page added")]


def test_right_to_left_titles_cannot_reorder_a_change(tmp_path):
    repo = GitSite(tmp_path)
    repo.write(FIRST)
    repo.commit("plan", "2026-03-20")
    repo.edit("content/milestones/ms-a.md", "title: Invite friends", 'title: "Invite \\u202efriends"')
    repo.commit("retitle", "2026-04-01")
    out = tmp_path / "public"
    assert build(repo.site, out, history=True) == 0
    row = next(li.text for li in main_of(out, "changes/index.html").find_all("li") if "Title:" in li.text)
    assert "Title: Invite friends → \u2068Invite \u202efriends\u2069" in row  # the new title isolated within
    feed = feedparser.parse((out / "changes.xml").read_bytes())
    assert "\u2068Invite \u202efriends\u2069" in feed.entries[0].content[0].value


def test_old_versions_of_files_are_parsed_once_and_then_kept_by_the_build_cache(tmp_path, monkeypatch):
    """Parsing every old version again on every build grew with every commit: with the cache, a
    build parses only the versions no earlier build met, and builds what a build without it does."""
    repo = make_history(tmp_path)
    parsed = count_parses(monkeypatch, history_log)
    assert build(repo.site, tmp_path / "one", history=True) == 0
    assert {"content/milestones/ms-a.md", "content/objectives/growth.md", "content/pages/how.md"} <= set(parsed)
    parsed.clear()
    repo.write({"content/milestones/ms-f.md": milestone("Not committed yet")})  # the history is the same
    assert build(repo.site, tmp_path / "two", history=True) == 0
    assert parsed == []
    repo.edit("content/milestones/ms-d.md", "Rating form", "Rating form, shorter")  # its HEAD version is old now
    assert build(repo.site, tmp_path / "three", history=True) == 0
    assert parsed == ["content/milestones/ms-d.md"]
    repo.edit("content/milestones/ms-d.md", "shorter", "short")
    assert build(repo.site, tmp_path / "four", history=True) == 0
    assert parsed == ["content/milestones/ms-d.md"]
    assert build(repo.site, tmp_path / "fresh", "--no-cache", history=True) == 0
    assert tree_hash(tmp_path / "four") == tree_hash(tmp_path / "fresh")
    assert tree_hash(tmp_path / "four") != tree_hash(tmp_path / "one")


@pytest.mark.parametrize("kept", [b"", b"[1]", b'"a title"', b"{", b"\xff\xfe", b"[" * 100_000])
def test_old_versions_kept_in_any_other_form_are_read_from_git_again(tmp_path, monkeypatch, kept):
    """The cache is never trusted: kept data that is not a mapping (or null) is not used."""
    from okrsite.cache import Cache, Entry, kept_key

    repo = make_history(tmp_path)
    parsed = count_parses(monkeypatch, history_log)
    assert build(repo.site, tmp_path / "one", history=True) == 0
    first = sorted(parsed)
    store = Cache(repo.site)
    entry = store.get("history", kept_key("history"))
    assert len(entry.files) == len(first)  # one per old version parsed
    store.put("history", kept_key("history"), Entry([], 0, files={name: kept for name in entry.files}))
    parsed.clear()
    repo.write({"content/milestones/ms-f.md": milestone("Not committed yet")})
    assert build(repo.site, tmp_path / "two", history=True) == 0
    assert sorted(parsed) == first
    assert build(repo.site, tmp_path / "fresh", "--no-cache", history=True) == 0
    assert tree_hash(tmp_path / "two") == tree_hash(tmp_path / "fresh")
