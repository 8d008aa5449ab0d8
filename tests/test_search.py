"""Search (okrsite/search/): records from the model, the Pagefind bundle in the build and in
`serve`, and the search box in real Chromium under a sub-path.

The fixture tests/sites/search/ has words that occur in exactly one place ("zephyrine" in one
milestone's body), one word in milestones of two teams ("quokka"), and a milestone whose
title and body try to inject markup.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import fixture, run_cli
from okrsite import urls
from okrsite.pipeline import check
from okrsite.search.pagefind import SearchUnavailable, bundle
from okrsite.search.records import plain_text, records
from support import parse_html, serve_dir

SEARCH_SITE = fixture("search")


@pytest.fixture(scope="module")
def search_site():
    checked = check(SEARCH_SITE)
    assert checked.errors == 0
    return checked.site


def by_url(site) -> dict:
    return {record.url: record for record in records(site)}


# --- records ---------------------------------------------------------------------------------

def test_every_kind_is_its_own_record_at_its_own_url(search_site):
    found = by_url(search_site)
    assert found[urls.objective("referrals")].kind == "objective"
    assert found[urls.of(search_site.key_results["referrals/kr1"])].kind == "key-result"
    assert found[urls.of(search_site.hypotheses["referrals/h1"])].kind == "hypothesis"
    assert found[urls.milestone("referral-links")].kind == "milestone"
    assert found[urls.of(search_site.tasks["referral-links/design-the-invite-card"])].kind == "task"
    assert found[urls.team("growth")].kind == "team"
    assert found[urls.page("glossary")].kind == "page"


def test_a_record_carries_its_facets_as_the_reader_sees_them(search_site):
    found = by_url(search_site)
    milestone = found[urls.milestone("referral-links")]
    assert milestone.filters == {"kind": ["Milestone"], "quarter": ["2026-Q2"], "team": ["Growth Team"],
                                 "type": ["Epic"], "status": ["Planned"]}
    kr = found[urls.of(search_site.key_results["referrals/kr1"])]
    assert kr.filters == {"kind": ["Key result"], "quarter": ["2026-Q2"], "team": ["Growth Team"]}
    assert kr.context == "Players bring their friends"
    task = found[urls.of(search_site.tasks["referral-links/design-the-invite-card"])]
    assert task.filters["status"] == ["Done"] and task.context == "Shareable referral links"


def test_a_milestone_spanning_quarters_is_found_under_each(tmp_path):
    site = check(fixture("basic")).site
    spans = {r.url: r.filters.get("quarter") for r in records(site) if r.kind == "milestone"}
    assert all(spans.values())
    unscheduled = [m.id for m in site.milestones.values() if not m.scheduled]
    for milestone_id in unscheduled:
        assert spans[urls.milestone(milestone_id)] == ["Unscheduled"]


def test_people_and_bodies_are_searchable_text(search_site):
    found = by_url(search_site)
    milestone = found[urls.milestone("referral-links")]
    assert "Tomas Lindqvist" in milestone.text and "zephyrine landing page" in milestone.text
    team = found[urls.team("growth")]
    assert "Priya Raman" in team.text and "Tomas Lindqvist" in team.text


def test_records_come_in_a_stable_order(search_site):
    assert [r.url for r in records(search_site)] == [r.url for r in records(check(SEARCH_SITE).site)]


def test_plain_text_keeps_the_words_and_drops_the_markup():
    assert plain_text("## Why\n\nA **bold** [link](x.md) and `code` and [[ms-a|the form]].\n") == \
        "Why A bold link and code and the form."
    assert plain_text("| a | b |\n|---|---|\n| c | d |\n") == "a b c d"
    assert plain_text("") == ""


def test_a_record_is_indexed_as_escaped_html():
    from okrsite.search.records import Record

    record = Record("milestones/x/index.html", "milestone", "<script>x</script>", "a <b> c",
                    context='"quoted" & more', filters={"team": ["A <team>"]})
    doc = record.html()
    assert "<script>" not in doc and "<b>" not in doc and "A <team>" not in doc
    assert "&lt;script&gt;x&lt;/script&gt;" in doc and "A &lt;team&gt;" in doc


# --- the bundle --------------------------------------------------------------------------------

def test_the_bundle_is_deterministic_and_only_what_the_browser_needs(search_site):
    first = bundle(records(search_site), "en", urls.SEARCH)
    second = bundle(records(search_site), "en", urls.SEARCH)
    assert first == second
    assert urls.SEARCH + "pagefind.js" in first and urls.SEARCH + "pagefind-entry.json" in first
    assert all(name.startswith(urls.SEARCH) for name in first)
    assert not any("-ui." in name or "playground" in name for name in first)
    assert any(name.endswith(".pf_fragment") for name in first)
    assert any(name.endswith(".pf_filter") for name in first)


def test_a_missing_indexer_says_why(search_site, monkeypatch, tmp_path):
    monkeypatch.setenv("OKRSITE_PAGEFIND", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(SearchUnavailable, match="could not start"):
        bundle(records(search_site), "en", urls.SEARCH)


def test_an_indexer_that_fails_says_so(search_site, monkeypatch, tmp_path):
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'not a pagefind' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("OKRSITE_PAGEFIND", str(fake))
    with pytest.raises(SearchUnavailable, match="stopped early"):
        bundle(records(search_site), "en", urls.SEARCH)


# --- build and serve ----------------------------------------------------------------------------

def test_build_writes_the_search_bundle(search_site, tmp_path):
    out = tmp_path / "public"
    result = run_cli("build", "--site", str(SEARCH_SITE), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "search is off" not in result.stderr
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = sum(language["page_count"] for language in entry["languages"].values())
    assert indexed == len(records(search_site)) > 0  # every record, one result each
    assert (out / "pagefind" / "fragment").is_dir() and len(list((out / "pagefind" / "fragment").iterdir())) == indexed


def test_build_without_search_writes_no_bundle(tmp_path):
    out = tmp_path / "public"
    result = run_cli("build", "--site", str(SEARCH_SITE), "--out", str(out), "--no-search")
    assert result.returncode == 0, result.stderr
    assert not (out / "pagefind").exists()
    assert (out / "index.html").is_file()


def test_a_build_where_the_indexer_cannot_run_says_so_once_and_finishes(tmp_path):
    out = tmp_path / "public"
    result = run_cli("build", "--site", str(SEARCH_SITE), "--out", str(out),
                     env={"OKRSITE_PAGEFIND": str(tmp_path / "missing")})
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("search is off") == 1, result.stderr
    assert not (out / "pagefind").exists()
    assert (out / "milestones" / "referral-links" / "index.html").is_file()


def test_the_search_box_is_a_link_to_the_milestone_table_without_javascript(tmp_path):
    out = tmp_path / "public"
    assert run_cli("build", "--site", str(SEARCH_SITE), "--out", str(out), "--no-search").returncode == 0
    for page in ("index.html", "milestones/referral-links/index.html"):
        doc = parse_html(out / page)
        box = doc.find("div", class_="site-search")
        link = box.find("a")
        target = (out / page).parent / link.get("href")
        assert target.resolve() == (out / urls.MILESTONES).resolve()
        assert target.is_file()


def test_serve_offers_the_same_bundle_as_build(tmp_path):
    from okrsite.serve import Preview

    out = tmp_path / "public"
    assert run_cli("build", "--site", str(SEARCH_SITE), "--out", str(out)).returncode == 0
    built = {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()}
    preview = Preview(SEARCH_SITE, watch=False)
    preview.start()
    try:
        files = preview.snapshot.files
        served = {name: files[name] for name in files if name.startswith(urls.SEARCH)}
    finally:
        preview.stop()
    assert served == built


# --- in the browser -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def under_subpath(tmp_path_factory):
    """The search fixture built into /team/roadmap/ of a static server (a project-site layout)."""
    root = tmp_path_factory.mktemp("hosting")
    out = root / "team" / "roadmap"
    result = run_cli("build", "--site", str(SEARCH_SITE), "--out", str(out))
    assert result.returncode == 0, result.stderr
    with serve_dir(root) as url:
        yield url + "team/roadmap/"


def _watch(page, base: str) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "favicon" not in (m.location or {}).get("url", "") else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda r: None if r.url.startswith(base) or r.url.startswith("data:") else outside.append(r.url))
    return errors, outside


def _results(page) -> list[str]:
    page.wait_for_selector(".search-result")
    page.wait_for_function("document.querySelector('.search-status').textContent.indexOf('result') >= 0")
    return [a.inner_text() for a in page.query_selector_all(".search-result > a")]


@pytest.mark.browser
def test_a_word_in_one_milestone_body_finds_that_milestone_and_the_link_leads_there(page, under_subpath):
    errors, outside = _watch(page, under_subpath.split("/team/")[0])
    page.goto(under_subpath + "teams/platform/index.html")
    page.fill("#site-search-q", "zephyrine")
    assert _results(page) == ["Milestone Shareable referral links"]
    page.click(".search-result > a")
    page.wait_for_load_state()
    assert page.url == under_subpath + "milestones/referral-links/index.html"
    assert page.locator("h1").inner_text() == "Shareable referral links"
    assert errors == [] and outside == []


@pytest.mark.browser
def test_narrowing_by_team_keeps_only_that_teams_results(page, under_subpath):
    page.goto(under_subpath + "index.html")
    page.fill("#site-search-q", "quokka")
    assert sorted(_results(page)) == ["Milestone Edge cache for match pages", "Milestone Shareable referral links"]
    page.select_option("select[name=team]", "Platform Team")
    page.wait_for_function("document.querySelectorAll('.search-result').length === 1")
    assert _results(page) == ["Milestone Edge cache for match pages"]


@pytest.mark.browser
def test_a_filter_alone_lists_what_it_selects(page, under_subpath):
    page.goto(under_subpath + "index.html")
    page.click("#site-search-q")
    page.wait_for_selector("select[name=kind]")
    page.select_option("select[name=kind]", "Key result")
    found = _results(page)
    assert found and all(text.startswith("Key result ") for text in found)


@pytest.mark.browser
def test_slash_focuses_the_search_box_and_escape_closes_the_results(page, under_subpath):
    page.goto(under_subpath + "quarters/index.html")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "site-search-q"
    page.keyboard.type("Priya")
    assert "Team Growth Team" in _results(page)
    page.keyboard.press("Escape")
    assert page.locator("#site-search-panel").is_hidden()


@pytest.mark.browser
def test_search_results_show_author_markup_as_text(page, under_subpath):
    page.goto(under_subpath + "index.html")
    page.fill("#site-search-q", "snarkhunt")
    assert len(_results(page)) == 1
    panel = page.locator("#site-search-panel")
    assert panel.locator("img").count() == 0 and panel.locator("script").count() == 0
    assert "<script>" in panel.locator(".search-title").inner_text()
    assert "<img src=x" in panel.locator(".search-excerpt").inner_text()
    assert page.evaluate("window.__xss") is None


@pytest.mark.browser
def test_from_disk_the_box_says_search_is_unavailable_and_links_the_milestone_table(page, tmp_path):
    out = tmp_path / "public"
    assert run_cli("build", "--site", str(SEARCH_SITE), "--out", str(out)).returncode == 0
    page.goto((out / "index.html").as_uri())
    page.fill("#site-search-q", "zephyrine")
    page.wait_for_function("document.querySelector('.search-status').textContent.indexOf('not available') >= 0")
    link = page.locator(".search-status a")
    assert link.get_attribute("href") == urls.relative(urls.HOME, urls.MILESTONES)


@pytest.mark.browser
def test_milestone_tables_sort_by_a_column_and_back(page, under_subpath):
    page.goto(under_subpath + urls.MILESTONES)
    table = page.locator("table.sortable").first
    titles = lambda: table.locator("tbody th").all_inner_texts()  # noqa: E731
    table.locator("thead th", has_text="Milestone").locator("button").click()
    ascending = titles()
    assert ascending == sorted(ascending, key=str.lower)
    assert table.locator("thead th").first.get_attribute("aria-sort") == "ascending"
    table.locator("thead th", has_text="Milestone").locator("button").click()
    assert titles() == list(reversed(ascending))
    table.locator("thead th", has_text="When").locator("button").click()
    when = table.locator("tbody tr td:nth-child(4)").all_inner_texts()
    assert when[-1].startswith("Unscheduled") or "Unscheduled" not in "".join(when)


def test_the_page_id_pagefind_is_taken_by_the_search_index(tmp_path):
    from helpers import CONFIG, make_site, only, run_check, where

    site = make_site(tmp_path, {"content/pages/pagefind.md": "---\ntitle: About Pagefind\n---\n"}, CONFIG)
    found = only(run_check(site), "duplicate-id")
    assert "pagefind" in found["message"] and where(found)[0] == "content/pages/pagefind.md"


# --- a large site's index in shards ---------------------------------------------------------------

def test_shards_keep_a_page_and_its_fragments_together_and_grow_by_powers_of_two():
    from okrsite.search.pagefind import SHARD_RECORDS, shard_count, shard_of

    assert [shard_count(n) for n in (0, SHARD_RECORDS, SHARD_RECORDS + 1, 4 * SHARD_RECORDS + 1)] == [1, 1, 2, 8]
    for count in (2, 8, 64):
        assert shard_of("objectives/obj-0001/", count) == shard_of("objectives/obj-0001/#kr-1", count)
    assert len({shard_of(f"milestones/ms-{n:05d}/", 8) for n in range(200)}) == 8


SHARDED_WORDS = ("xylophonia", "quintessary")  # one in a milestone of each of two shards


@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    """bench/gen_site.py's 500-entity site (about 1,300 records: two shards), two milestones in
    different shards given a word of their own, built and served from a sub-path."""
    import sys

    from okrsite.search.pagefind import shard_of
    root = tmp_path_factory.mktemp("sharded")
    site = root / "site"
    bench = Path(__file__).resolve().parents[1] / "bench"
    subprocess.run([sys.executable, str(bench / "gen_site.py"), str(site), "--entities", "500", "--quiet"], check=True)
    chosen: dict[int, tuple[Path, str]] = {}
    for path in sorted((site / "content" / "milestones").rglob("*.md")):
        shard = shard_of(f"milestones/{path.stem}/", 2)
        if shard not in chosen:
            chosen[shard] = (path, path.stem)
    titles = []
    for (path, _), word in zip((chosen[0], chosen[1]), SHARDED_WORDS):
        path.write_text(path.read_text() + f"\nThe {word} plan.\n")
        titles.append(next(line[len("title: "):].strip().strip('"') for line in path.read_text().splitlines()
                           if line.startswith("title: ")))
    out = root / "hosting" / "roadmap"
    result = run_cli("build", "--site", str(site), "--out", str(out), "--no-history")
    assert result.returncode == 0, result.stderr
    with serve_dir(root / "hosting") as url:
        yield site, out, url + "roadmap/", titles


def test_a_large_index_is_written_as_shards_the_script_merges(sharded):
    site, out, _, _ = sharded
    assert json.loads((out / "pagefind" / "okrsite-shards.json").read_text()) == {"shards": ["shard-1/"]}
    second = {p.name for p in (out / "pagefind" / "shard-1").iterdir()}
    assert "pagefind-entry.json" in second and not {"pagefind.js", "pagefind-worker.js"} & second
    assert not any(name.endswith(".pagefind") for name in second)  # the first shard's WebAssembly serves all
    assert (out / "pagefind" / "pagefind.js").exists()


@pytest.mark.browser
def test_words_in_either_shard_are_found_and_filters_count_across_shards(page, sharded):
    site, _, url, titles = sharded
    errors, outside = _watch(page, url.split("/roadmap/")[0])
    page.goto(url + "index.html")
    for word, title in zip(SHARDED_WORDS, titles):
        page.fill("#site-search-q", word)
        page.wait_for_function("t => Array.from(document.querySelectorAll('.search-result > a'))"
                               ".map(a => a.innerText).join('|') === t", arg=f"Milestone {title}")
        assert _results(page) == [f"Milestone {title}"]
    page.fill("#site-search-q", "")
    page.wait_for_selector("select[name=kind]")
    page.select_option("select[name=kind]", "Team")
    page.wait_for_function("document.querySelector('.search-status').textContent.indexOf('result') >= 0")
    teams = len(list((site / "content" / "teams").glob("*.yaml")))
    assert page.locator(".search-status").inner_text().startswith(f"{teams} result")
    assert errors == [] and outside == []


def test_an_edited_milestone_re_indexes_only_its_own_shard(sharded, tmp_path, monkeypatch):
    import shutil as copying

    from okrsite.search.pagefind import executable
    site = tmp_path / "site"
    copying.copytree(sharded[0], site)
    log = tmp_path / "runs.log"
    script = tmp_path / "pagefind-counting"
    script.write_text(f"#!/bin/sh\necho run >> '{log}'\nexec '{executable()}' \"$@\"\n")
    script.chmod(0o755)
    monkeypatch.setenv("OKRSITE_PAGEFIND", str(script))
    assert run_cli("build", "--site", str(site), "--out", str(tmp_path / "a"), "--no-history").returncode == 0
    assert log.read_text().count("run") == 2  # two shards, each indexed
    milestone = sorted((site / "content" / "milestones").rglob("*.md"))[0]
    milestone.write_text(milestone.read_text() + "\nOne more sentence about it.\n")
    assert run_cli("build", "--site", str(site), "--out", str(tmp_path / "b"), "--no-history").returncode == 0
    assert log.read_text().count("run") == 3  # its shard only
    fresh = run_cli("build", "--site", str(site), "--out", str(tmp_path / "c"), "--no-history", "--no-cache")
    assert fresh.returncode == 0
    assert sorted(p.relative_to(tmp_path / "b").as_posix() for p in (tmp_path / "b").rglob("*")) == \
        sorted(p.relative_to(tmp_path / "c").as_posix() for p in (tmp_path / "c").rglob("*"))
    for path in (tmp_path / "c" / "pagefind").rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "c")).read_bytes()


def test_shards_indexed_side_by_side_give_the_bundle_of_one_at_a_time(search_site, monkeypatch):
    """Shards are indexed by up to INDEXERS Pagefind processes at once; the bundle is gathered
    in shard order, so it is byte for byte the one sequential indexing makes."""
    from okrsite.search import pagefind

    made = records(search_site)
    monkeypatch.setattr(pagefind, "SHARD_RECORDS", 3)  # several shards from a small site
    assert pagefind.shard_count(len(made)) >= 4
    monkeypatch.setattr(pagefind, "INDEXERS", 1)
    one_at_a_time = pagefind.bundle(made, "en", "pagefind/")
    monkeypatch.setattr(pagefind, "INDEXERS", 4)
    side_by_side = pagefind.bundle(made, "en", "pagefind/")
    assert side_by_side == one_at_a_time
    assert b"shard-3/" in side_by_side["pagefind/okrsite-shards.json"]


def test_shards_are_indexed_side_by_side_and_gathered_in_order():
    import threading
    import time as clock

    from okrsite.search.pagefind import _side_by_side

    running, most, lock = [0], [0], threading.Lock()

    def make(number):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        clock.sleep(0.02 * (5 - number % 5))  # later numbers finish first
        with lock:
            running[0] -= 1
        return f"shard {number}"

    assert _side_by_side(make, 9, 3) == [f"shard {n}" for n in range(9)]
    assert most[0] == 3
    started = []

    def failing(number):
        started.append(number)
        clock.sleep(0.05)
        if number == 1:
            raise RuntimeError("indexer 1 failed")
        return number

    with pytest.raises(RuntimeError, match="indexer 1 failed"):
        _side_by_side(failing, 20, 2)
    assert len(started) < 20  # no new shard is started once one failed


def test_indexing_does_not_import_the_logging_module():
    code = ("import sys; from okrsite.search import pagefind; "
            "pagefind._side_by_side(lambda n: n, 3, 2); print('logging' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"


def test_a_shard_is_indexed_again_when_any_field_of_a_record_changes(monkeypatch):
    """A shard's cache key is made from its records' fields (not the HTML the indexer is sent,
    which is made of them): a change to any field must change the key."""
    import dataclasses

    from okrsite.search import pagefind
    from okrsite.search.records import Record

    asked = []

    class Store:
        enabled = True

        def get(self, kind, key, verified=None):
            asked.append(key)

        def put(self, kind, key, entry):
            pass

    monkeypatch.setattr(pagefind, "_bundle", lambda command, requests, prefix: {prefix + "pagefind.js": b""})
    record = Record("m/a/", "milestone", "A", "words", "ctx", {"type": ["spike"]})
    variants = [record, dataclasses.replace(record, url="m/b/"), dataclasses.replace(record, kind="task"),
                dataclasses.replace(record, title="B"), dataclasses.replace(record, text="other words"),
                dataclasses.replace(record, context="other"), dataclasses.replace(record, filters={"type": ["epic"]}),
                dataclasses.replace(record, filters={"status": ["spike"]})]
    for variant in variants:
        pagefind._shard(["pagefind"], "indexer", Store(), [variant], "en", "pagefind/")
    pagefind._shard(["pagefind"], "indexer", Store(), [record], "en", "pagefind/")
    assert len(set(asked)) == len(variants) and asked[-1] == asked[0]
