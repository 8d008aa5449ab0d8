"""okrsite.render: the linked Site -> every output file as bytes (nothing written to disk)."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET

import pytest
from render_helpers import SITES, checked_site, config_with, copy_site, make_site, render_files
from support import parse_html_text

from okrsite import views
from okrsite.render import (
    Renderer,
    RenderError,
    builtin_theme,
    page_count,
    plan,
    static_files,
    theme_dirs,
)
from okrsite.roadmap_view import diagram_input


@pytest.fixture(scope="module")
def site():
    return checked_site(SITES / "basic")


@pytest.fixture(scope="module")
def files(site):
    return Renderer(site.config).render(site)


def page(files, path):
    return parse_html_text(files[path].decode("utf-8"))


# --- what is rendered ----------------------------------------------------------------------

def test_every_page_of_spec_section_9_is_planned(site):
    planned = {job.file for job in plan(site)}
    expected = {
        "index.html", "404.html", "quarters/index.html", "quarters/2026-q1/index.html", "quarters/2026-q2/index.html",
        "roadmap/index.html", "roadmap/h1/index.html", "roadmap/h2/index.html",
        *(f"roadmap/{h}by-{g}/index.html" for h in ("", "h1/", "h2/") for g in ("team", "type")),
        "roadmap/team/alpha/index.html", "roadmap/team/beta/index.html",
        "roadmap/type/epic/index.html", "roadmap/type/spike/index.html", "roadmap/type/enabler/index.html",
        "roadmap/type/signal-test/index.html", *(f"roadmap/status/{s}/index.html" for s in views.MILESTONE_STATUSES),
        "objectives/grow/index.html", "objectives/speed/index.html", "objectives/old/index.html",
        *(f"milestones/{m}/index.html" for m in ("ms-a", "ms-b", "ms-c", "ms-d", "ms-old")),
        "teams/index.html", "teams/alpha/index.html", "teams/beta/index.html", "notes/index.html", "how/index.html",
        "milestones/index.html", "backlog/index.html", "backlog/cluster/index.html",
    }
    assert planned == expected


def test_tasks_get_no_pages_of_their_own(files):
    assert not [f for f in files if "review" in f or "design" in f]


def test_exports_diagrams_and_assets_are_rendered_too(files):
    for name in ("roadmap.json", "roadmap.ics", "sitemap.xml", "quarters/2026-q2/roadmap.svg",
                 "quarters/2026-q1/roadmap.svg", "assets/okrsite.css", "assets/okrsite.js"):
        assert files[name], name


def test_output_is_sorted_and_counted(files):
    assert list(files) == sorted(files)
    assert page_count(files) == len([f for f in files if f.endswith(".html")]) == 42


def test_plan_order_is_stable(site):
    assert [j.file for j in plan(site)] == [j.file for j in plan(site)]


def test_rendering_twice_gives_the_same_bytes(site, files):
    assert Renderer(site.config).render(site) == files


def test_pages_are_html5_documents_in_the_site_language(files):
    text = files["objectives/grow/index.html"].decode("utf-8")
    assert text.startswith("<!DOCTYPE html>")
    doc = parse_html_text(text)
    assert doc.find("html").get("lang") == "en"
    assert doc.find("title").text == "Grow the player base · Basic Roadmap"
    assert doc.find("meta", charset="utf-8") is not None


def test_progress_is_reported(site):
    calls = []
    Renderer(site.config).render(site, lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1] == len(plan(site))


# --- diagrams --------------------------------------------------------------------------------

def test_standalone_svg_is_xml_with_relative_links(files):
    root = ET.fromstring(files["quarters/2026-q2/roadmap.svg"])
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox")
    links = [el.get("href") for el in root.iter("{http://www.w3.org/2000/svg}a")]
    assert "../../milestones/ms-b/index.html" in links
    assert all(not h.startswith("/") and "://" not in h for h in links)


def test_each_diagram_on_a_page_has_its_own_ids(files):
    doc = page(files, "roadmap/index.html")
    ids = doc.ids()
    assert len(ids) == len(set(ids))
    # the year's diagram as the five pieces of its sticky grid, and the legend's arrow marker is
    # the plot's own (one id per diagram)
    assert len(doc.find_all("svg", class_="rmd")) == 5


def test_diagram_input_lanes_bars_dependencies_today_and_markers(site):
    d = diagram_input(site, "2026-Q2", views._milestones_in_quarter(site, "2026-Q2"))
    assert [lane.id for lane in d.lanes] == ["grow", "speed"]
    assert [lane.group for lane in d.lanes] == ["Alpha Team", "Beta Team"]
    assert [b.id for b in d.bars] == ["ms-a", "ms-b", "ms-c"]  # ms-d is unscheduled: listed, not drawn
    assert d.dependencies == (("ms-a", "ms-b"), ("ms-b", "ms-c"))
    assert str(d.today) == "2026-05-12"
    assert [(str(m.date), m.label) for m in d.markers] == [("2026-05-20", "Launch day")]
    assert "1 unscheduled milestone is not drawn" in d.description
    bar = d.bars[1]
    assert (bar.url, bar.completion, bar.lane_id) == ("milestones/ms-b/index.html", 0.5, "grow")
    assert bar.tooltip == ("Referral spike\nSpike · in progress · Apr 27 – May 24, 2026 · 50% done\n"
                           "Key results: grow/kr1, grow/kr2, grow/kr3\nDepends on: Faster sign-up form")


def test_diagram_of_a_past_quarter_has_no_today_line(site):
    d = diagram_input(site, "2026-Q1", views._milestones_in_quarter(site, "2026-Q1"))
    assert d.today is None and d.markers == ()
    assert d.sprints[0].id == "s1"


# --- themes ----------------------------------------------------------------------------------

def test_theme_lookup_puts_the_site_theme_before_the_builtin_one():
    site = checked_site(SITES / "theme-override")
    dirs = theme_dirs(site.config)
    assert dirs == [SITES / "theme-override" / "themes" / "custom", builtin_theme()]


def test_static_files_of_the_site_theme_override_the_builtin_ones():
    site = checked_site(SITES / "theme-override")
    statics = static_files(site.config)
    assert statics["assets/okrsite.css"].startswith(b"/* custom theme stylesheet */")
    assert statics["assets/okrsite.js"] == (builtin_theme() / "static" / "okrsite.js").read_bytes()
    assert "assets/extra.txt" in statics


def test_builtin_theme_ships_every_template():
    names = {p.name for p in (builtin_theme() / "templates").iterdir()}
    assert {"base.html", "home.html", "quarters.html", "quarter.html", "roadmap.html", "objective.html",
            "milestone.html", "teams.html", "team.html", "page.html", "404.html"} <= names


def test_templates_autoescape_values(tmp_path):
    root = make_site(tmp_path, {"themes/mine/templates/page.html": "{{ page.title }}|{{ body }}",
                                "content/pages/p.md": '---\ntitle: "<b>bold</b>"\n---\n*x*\n'},
                     config=config_with("theme: mine"))
    out = render_files(root)["p/index.html"].decode()
    assert out.startswith("&lt;b&gt;bold&lt;/b&gt;|<p><em>x</em></p>")


def test_a_template_syntax_error_is_a_render_error_naming_the_file(tmp_path):
    root = make_site(tmp_path, {"themes/mine/templates/milestone.html": "{% if %}\n"},
                     config=config_with("theme: mine"))
    site = checked_site(root)
    with pytest.raises(RenderError, match=r"milestone\.html:1"):
        Renderer(site.config).render(site)


def test_an_unknown_variable_in_a_template_is_a_render_error(tmp_path):
    root = make_site(tmp_path, {"themes/mine/templates/milestone.html": "{{ no_such_thing.title }}"},
                     config=config_with("theme: mine"))
    site = checked_site(root)
    with pytest.raises(RenderError, match="no_such_thing"):
        Renderer(site.config).render(site)


@pytest.mark.parametrize("template", ["{{ 1 / 0 }}", "{{ milestone.completion + 'x' }}", "{{ milestone.nope() }}"])
def test_any_failure_inside_a_site_template_is_a_render_error(tmp_path, template):
    root = make_site(tmp_path, {"themes/mine/templates/milestone.html": template}, config=config_with("theme: mine"))
    site = checked_site(root)
    with pytest.raises(RenderError, match=r"milestone\.html \(for milestones/ms/index\.html\)"):
        Renderer(site.config).render(site)


def test_a_failed_render_leaves_no_search_indexer_running(tmp_path, monkeypatch):
    """The index is made in a thread while pages render; a page that fails ends the build only
    once that thread has ended, so nothing keeps writing into the site (its cache) after it."""
    import threading

    from okrsite import search

    root = make_site(tmp_path, {"themes/mine/templates/milestone.html": "{{ 1 / 0 }}"},
                     config=config_with("theme: mine"))
    site = checked_site(root)
    started, finished = threading.Event(), threading.Event()

    def slow_bundle(*args, **kwargs):
        started.set()
        threading.Event().wait(0.5)  # still indexing when the page fails
        finished.set()
        return {}

    monkeypatch.setattr(search, "bundle", slow_bundle)
    with pytest.raises(RenderError):
        Renderer(site.config).render(site)
    assert started.is_set() and finished.is_set()
    assert not any(thread.name == "okrsite-search" for thread in threading.enumerate())


# --- memo (serve) ----------------------------------------------------------------------------

def test_memo_renders_unchanged_pages_only_once(site):
    renderer = Renderer(site.config, memo=True)
    first = renderer.render(site)
    assert renderer.rendered == len(plan(site))
    second = renderer.render(site)
    assert renderer.rendered == 0
    assert second == first


def test_memo_re_renders_a_page_whose_view_changed(tmp_path):
    root = make_site(tmp_path, {"content/pages/p.md": "---\ntitle: P\n---\nFirst\n"})
    site = checked_site(root)
    renderer = Renderer(site.config, memo=True)
    renderer.render(site)
    (root / "content/pages/p.md").write_text("---\ntitle: P\n---\nSecond\n", encoding="utf-8")
    site = checked_site(root)
    files = renderer.render(site)
    assert renderer.rendered == 1
    assert b"Second" in files["p/index.html"]


def test_memo_forgets_pages_that_are_gone(tmp_path):
    root = make_site(tmp_path, {"content/pages/p.md": "---\ntitle: P\n---\nText\n"})
    renderer = Renderer(checked_site(root).config, memo=True)
    renderer.render(checked_site(root))
    (root / "content/pages/p.md").unlink()
    files = renderer.render(checked_site(root))
    assert "p/index.html" not in files and "p/index.html" not in renderer.memo


def test_dict_fields_in_templates_resolve_like_jinja2(tmp_path):
    """`row.href` on a dict is looked up as a key first (issue 15: cheap attribute access);
    what a template gets is exactly what Jinja2's own lookup gives, dict methods included."""
    import jinja2

    from okrsite.render import environment

    site = make_site(tmp_path)
    ours = environment(checked_site(site).config)
    plain = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    source = ("{{ row.href }}|{{ row.title }}|{% for k, v in row.items() %}{{ k }}={{ v }};{% endfor %}"
              "|{{ row.keys is callable }}|{{ row.get('x', 'none') }}|{{ row['href'] }}")
    row = {"href": "a/<b>", "title": "T", "items": "shadowed?", "keys": 3}
    assert ours.from_string(source).render(row=row) == plain.from_string(source).render(row=row)
    assert "items=shadowed?" in ours.from_string(source).render(row=row)
    with pytest.raises(jinja2.UndefinedError, match="has no attribute 'missing'"):
        ours.from_string("{{ row.missing }}").render(row=row)
    with pytest.raises(jinja2.UndefinedError):
        plain.from_string("{{ row.missing }}").render(row=row)


def test_a_page_whose_view_pickle_cannot_take_is_never_taken_from_earlier_pages():
    """Such a view's fingerprint goes through str() (which can write two values alike), so the
    build cache's pages (Renderer.earlier) are not consulted for it."""
    from okrsite import render

    site = checked_site(SITES / "basic")
    renderer = render.Renderer(site.config, search=False)
    job = next(j for j in render.plan(site) if j.template == "milestone.html")
    odd = render.PageJob(job.file, job.template, lambda: {**job.view(), "callback": lambda: None})
    key = render._fingerprint(odd.template, odd.view())
    assert key.startswith(render.APPROXIMATE)
    renderer.earlier = {key: b"stale bytes"}
    assert renderer.page(odd) != b"stale bytes" and renderer.rendered == 1
    exact = render._fingerprint(job.template, job.view())
    renderer.earlier = {exact: b"kept bytes"}
    assert renderer.page(job) == b"kept bytes"


def test_workers_inherit_compiled_templates_and_errors_stay_where_they_were(tmp_path):
    """A build with workers compiles the theme once before they fork (Renderer._compile_quietly).
    A broken template no page uses still breaks nothing; one a page uses fails the build with
    the message a build without workers gives."""
    import filecmp

    from helpers import run_cli

    workers = {"OKRSITE_WORKERS": "2"}
    site = make_site(tmp_path / "site", {"themes/default/templates/unused.html": "{% if %}\n"})
    built = {}
    for name, env in (("one", {"OKRSITE_WORKERS": "1"}), ("two", workers)):
        out = tmp_path / name
        result = run_cli("build", "--site", str(site), "--out", str(out), "--no-history", "--no-cache", env=env)
        assert result.returncode == 0, result.stderr
        built[name] = out
    compared = filecmp.dircmp(built["one"], built["two"])
    assert not compared.diff_files and not compared.left_only and not compared.right_only
    (site / "themes/default/templates/milestone.html").write_text("{% extends 'base.html' %}\n{% if %}\n")
    failed = [run_cli("build", "--site", str(site), "--out", str(tmp_path / "x"), "--no-history", "--no-cache",
                      env=env).stderr for env in ({"OKRSITE_WORKERS": "1"}, workers)]
    assert failed[0] == failed[1] and "templates/milestone.html:2: Expected an expression" in failed[0], failed


def test_a_bug_in_a_view_made_by_a_worker_is_reported_with_its_page(tmp_path, monkeypatch):
    """An error in okrsite's own view code, in a render worker or in the parent (which renders
    slices too), ends the build with the first failing page of the plan and its traceback; the
    workers are let go only after every slice answered (they used to be terminated at once,
    which can hang: see render._render_slice)."""
    site = checked_site(make_site(tmp_path))

    def broken(site, milestone):
        raise ValueError("a bug in a view")

    from okrsite.render import plan

    first = next(job.file for job in plan(site) if re.fullmatch(r"milestones/[^/]+/index\.html", job.file))
    monkeypatch.setenv("OKRSITE_WORKERS", "2")
    monkeypatch.setattr(views, "milestone_page", broken)
    for _ in range(3):  # which process renders which slice depends on timing; the answer does not
        with pytest.raises(RuntimeError, match=f"making {first} failed:" r"(.|\n)*ValueError: a bug in a view"):
            Renderer(site.config, search=False).render(site)


def test_render_processes_leave_a_core_to_the_search_indexer(monkeypatch):
    """One render process per core, but one core fewer while Pagefind indexes beside them."""
    from okrsite.render import PARALLEL_MIN_PAGES, _workers

    monkeypatch.delenv("OKRSITE_WORKERS", raising=False)
    for cores, alone, beside in ((1, 1, 1), (2, 2, 1), (4, 4, 3), (16, 8, 7)):
        monkeypatch.setattr(os, "cpu_count", lambda cores=cores: cores)
        assert (_workers(PARALLEL_MIN_PAGES), _workers(PARALLEL_MIN_PAGES, beside_indexer=True)) == (alone, beside)
        assert _workers(PARALLEL_MIN_PAGES - 1) == _workers(PARALLEL_MIN_PAGES - 1, beside_indexer=True) == 1
    monkeypatch.setenv("OKRSITE_WORKERS", "2")
    assert _workers(1, beside_indexer=True) == 2


def test_a_build_with_search_on_two_cores_renders_in_one_process(tmp_path, monkeypatch):
    """On 2 cores the search indexer takes one: the pages are rendered without a fork, while
    the same build without search forks a worker."""
    from okrsite import render

    site = checked_site(make_site(tmp_path))
    monkeypatch.delenv("OKRSITE_WORKERS", raising=False)
    monkeypatch.setattr(render, "PARALLEL_MIN_PAGES", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)

    class Forked(Exception):
        pass

    def no_fork():
        raise Forked

    monkeypatch.setattr(os, "fork", no_fork)
    with_search = Renderer(site.config, search=True).render(site)
    assert any(name.startswith("pagefind/") for name in with_search)  # the indexer ran
    with pytest.raises(Forked):
        Renderer(site.config, search=False).render(site)


def test_a_quarter_is_laid_out_once_for_its_page_and_its_diagram_file(tmp_path, monkeypatch):
    """roadmap_view keeps only the last few layouts, so a build makes each quarter's diagram file
    right after the quarter's page: the file's drawing lays out nothing again, even with a
    cache of one layout."""
    import functools

    from okrsite import render, roadmap_view

    site = checked_site(copy_site("showcase-part1", tmp_path))
    assert len(site.quarters) > 1
    laid_out = []
    plain_layout = roadmap_view.layout
    monkeypatch.setattr(roadmap_view, "layout", lambda diagram: laid_out.append(diagram) or plain_layout(diagram))
    monkeypatch.setattr(roadmap_view, "_layout", functools.lru_cache(maxsize=1)(roadmap_view._layout.__wrapped__))
    monkeypatch.setattr(roadmap_view, "_svg", functools.lru_cache(maxsize=1)(roadmap_view._svg.__wrapped__))
    again = []
    plain_svg = render.roadmap_svg

    def diagram_file(*args, **kwargs):
        before = len(laid_out)
        svg = plain_svg(*args, **kwargs)
        again.append(len(laid_out) - before)
        return svg

    monkeypatch.setattr(render, "roadmap_svg", diagram_file)
    monkeypatch.setenv("OKRSITE_WORKERS", "1")
    files = Renderer(site.config, search=False).render(site)
    diagrams = [name for name in files if name.endswith("/roadmap.svg")]
    assert len(again) == len(diagrams) == len(site.quarters) and not any(again), again


def test_the_search_records_are_let_go_of_once_indexed(tmp_path, monkeypatch):
    """The search records (every entity's words) are the indexer's alone: once it has indexed
    them they are not held while the rest of the site is made."""
    import gc
    import threading
    import time
    import weakref

    from okrsite import render, search, urls

    site = checked_site(copy_site("search", tmp_path))

    class Records(list):
        pass

    made: list[weakref.ref] = []
    plain_records = search.site_records

    def site_records(site):
        records = Records(plain_records(site))
        made.append(weakref.ref(records))
        return records

    indexed = threading.Event()
    plain_search_files = render.Renderer.search_files

    def search_files(self, site, records=None):
        try:
            return plain_search_files(self, site, records)
        finally:
            indexed.set()

    alive_after_indexing = []
    plain_other = render.Renderer.other

    def other(self, name, make):
        if name == urls.SITEMAP:  # made after every page
            assert indexed.wait(60)
            for _ in range(100):  # the search thread returns from the job
                gc.collect()
                if made[0]() is None:
                    break
                time.sleep(0.05)
            alive_after_indexing.append(made[0]() is not None)
        return plain_other(self, name, make)

    monkeypatch.setattr(search, "site_records", site_records)
    monkeypatch.setattr(render.Renderer, "search_files", search_files)
    monkeypatch.setattr(render.Renderer, "other", other)
    monkeypatch.setenv("OKRSITE_WORKERS", "1")
    files = Renderer(site.config, search=True).render(site)
    assert any(name.startswith("pagefind/") for name in files)  # the indexer ran
    assert alive_after_indexing == [False]
