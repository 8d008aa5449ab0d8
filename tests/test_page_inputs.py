"""page_inputs: what each page's view reads, and a cached build that makes again only the views
whose inputs changed — with the same bytes as a build without cache."""

from __future__ import annotations

import random
import re
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from git_helpers import git_env
from okrsite import page_inputs, views
from okrsite.page_inputs import Inputs, Table, digests, reading, site_digest
from okrsite.pipeline import build_files, check
from test_serve import OPERATIONS, Editor, make_site


def linked(site_dir: Path):
    checked = check(site_dir)
    assert checked.site is not None, checked.diagnostics
    return checked.site


@pytest.fixture
def site(tmp_path):
    return linked(make_site(tmp_path / "site", objectives=2, milestones=2))


# --- what a view reads ---------------------------------------------------------------------

def test_a_table_notes_each_id_looked_up_and_a_whole_read():
    table = Table("m", {"a": 1, "b": 2})
    with reading() as reads:
        assert table["a"] == 1 and table.get("zz") is None and "b" in table
    assert reads.keys() == ["m\0a", "m\0b", "m\0zz"]
    for whole in (list, len, bool, sorted, set, dict, lambda t: t.keys(), lambda t: list(t.values()),
                  lambda t: dict(t.items()), lambda t: {**t}):
        with reading() as reads:
            whole(table)
        assert reads.keys() == ["m*"], whole


def test_nothing_read_outside_a_view_counts_for_the_next_one():
    table = Table("m", {"a": 1, "b": 2})
    assert table["a"] == 1 and len(table) == 2
    with reading() as reads:
        table["b"]
    assert reads.keys() == ["m\0b"]


def test_a_body_read_is_noted_apart_from_the_entity(site):
    page_inputs.watch(site)
    with reading() as title_only:
        site.milestones["m1-1"].title
    with reading() as body:
        site.milestones["m1-1"].body
    assert title_only.keys() == ["m\0m1-1"]
    assert body.keys() == ["bm\0m1-1", "m\0m1-1"]


def test_a_nested_read_counts_for_the_enclosing_view_too():
    table = Table("o", {"x": 1, "y": 2})
    with reading() as outer:
        table["x"]
        with reading() as inner:
            table["y"]
    assert inner.keys() == ["o\0y"] and outer.keys() == ["o\0x", "o\0y"]


def test_a_memo_tells_each_view_that_takes_it_what_it_was_made_from(site):
    """views._per_site: the first view makes the answer; the second only takes it, and must
    still depend on the milestones it was made from."""
    page_inputs.watch(site)
    quarter = site.current_quarter.id
    with reading():
        views._milestones_in_quarter(site, quarter)
    with reading() as second:
        views._milestones_in_quarter(site, quarter)
    assert "m*" in second.keys()


def test_a_shared_milestone_row_is_read_again_by_each_page(site):
    page_inputs.watch(site)
    first, second = views.PageRef("roadmap/index.html", site), views.PageRef("quarters/index.html", site)
    assert first.row_key() == second.row_key()  # rows made for one are shared with the other
    with reading():
        views.milestone_rows(first, ["m1-1"])
    with reading() as reads:
        views.milestone_rows(second, ["m1-1"])
    assert "m\0m1-1" in reads.keys() and "t\0core" in reads.keys()


# --- digests -------------------------------------------------------------------------------

def test_an_edited_body_changes_only_its_own_digest(tmp_path):
    root = make_site(tmp_path / "site", objectives=1, milestones=2)
    before = digests(linked(root))
    path = root / "content/milestones/m1-2.md"
    path.write_text(path.read_text() + "\nOne more line.\n")
    after = digests(linked(root))
    assert {k for k in before if before[k] != after.get(k)} == {"bm\0m1-2"}


def test_an_edited_title_changes_the_entity_and_its_table(tmp_path):
    root = make_site(tmp_path / "site", objectives=1, milestones=2)
    before = digests(linked(root))
    path = root / "content/milestones/m1-2.md"
    path.write_text(path.read_text().replace("Milestone 1.2", "Milestone one-two"))
    after = digests(linked(root))
    assert {k for k in before if before[k] != after.get(k)} == {"m\0m1-2", "m*"}


def test_the_site_digest_does_not_depend_on_what_the_calendar_was_asked(site):
    calendar = site.config.calendar
    before = site_digest(site, "")
    calendar.quarter_of(site.config.today)
    calendar.quarter("2031-Q1")
    assert site_digest(site, "") == before
    assert site_digest(site, "another commit") != before
    site.config = replace(site.config, title="Another title")
    assert site_digest(site, "") != before


@pytest.mark.parametrize("kept", [b"", b"not json", b"[]", b'{"site": 1, "digests": {}, "pages": {}}',
                                  b'{"site": "s", "digests": {}, "pages": {"a.html": ["fp"]}}',
                                  b'{"site": "s", "digests": {}, "pages": {"a.html": ["fp", [1]]}}',
                                  b'\xff\xfe'])
def test_what_the_cache_holds_is_used_only_when_well_formed(site, kept):
    inputs = Inputs(site, kept)
    assert inputs.reusable("a.html") is None and inputs.reusable("index.html") is None


def test_a_page_is_reusable_only_while_what_it_read_is_unchanged(site):
    first = Inputs(site, None)
    first.made("a.html", "fp-a", ["m\0m1-1"])
    first.made("b.html", "fp-b", ["bm\0m1-2"])
    first.made("c.html", "fp-c", ["m*"])
    kept = first.kept()
    site.milestones["m1-2"].body = "Edited."
    again = Inputs(site, kept)
    assert again.reusable("a.html") == ("fp-a", ["m\0m1-1"])
    assert again.reusable("c.html") == ("fp-c", ["m*"])  # a body is not part of its table's digest
    assert again.reusable("b.html") is None
    site.milestones["m1-2"].owner = "Someone else"
    again = Inputs(site, kept)
    assert again.reusable("a.html") is not None and again.reusable("c.html") is None


# --- builds ----------------------------------------------------------------------------------

def test_a_prose_edit_makes_only_the_view_of_the_page_that_shows_it(tmp_path, monkeypatch):
    root = make_site(tmp_path / "site", objectives=2, milestones=3)
    made = []
    for name in ("milestone_page", "objective_page", "roadmap_page", "quarter_page", "home", "team_page"):
        def counted(*args, _real=getattr(views, name), _name=name, **kwargs):
            made.append(_name)
            return _real(*args, **kwargs)
        monkeypatch.setattr(views, name, counted)
    build_files(root, cache=True, history=False)
    everything = len(made)
    made.clear()
    path = root / "content/milestones/m2-3.md"
    path.write_text(path.read_text() + "\nOne more line.\n")
    checked, files = build_files(root, cache=True, history=False)
    assert made == ["milestone_page"] and checked.rendered == 1
    assert files == build_files(root, cache=False, history=False)[1]
    made.clear()
    path.write_text(path.read_text().replace("status: in-progress", "status: done"))
    checked, files = build_files(root, cache=True, history=False)
    assert "roadmap_page" in made and "milestone_page" in made and len(made) < everything
    assert files == build_files(root, cache=False, history=False)[1]


def test_a_prose_edit_makes_no_export_or_diagram_file_again(tmp_path, monkeypatch):
    from okrsite import exports, render

    root = make_site(tmp_path / "site", objectives=2, milestones=3)
    made = []
    for module, name in ((exports, "roadmap_json"), (exports, "roadmap_ics"), (exports, "sitemap"),
                         (render, "roadmap_svg")):
        def counted(*args, _real=getattr(module, name), _name=name, **kwargs):
            made.append(_name)
            return _real(*args, **kwargs)
        monkeypatch.setattr(module, name, counted)
    build_files(root, cache=True, history=False)
    assert {"roadmap_json", "roadmap_ics", "sitemap", "roadmap_svg"} <= set(made)
    made.clear()
    path = root / "content/milestones/m2-3.md"
    path.write_text(path.read_text() + "\nOne more line.\n")
    files = build_files(root, cache=True, history=False)[1]
    assert made == ["sitemap"]  # made from the list of pages: always made again
    assert files == build_files(root, cache=False, history=False)[1]
    made.clear()
    path.write_text(path.read_text().replace("status: in-progress", "status: done"))
    files = build_files(root, cache=True, history=False)[1]
    assert {"roadmap_json", "roadmap_ics", "roadmap_svg"} <= set(made)
    assert files == build_files(root, cache=False, history=False)[1]


class _Editor(Editor):
    """The `serve` property test's edits, and the ones that move a milestone on the roadmap."""

    def apply(self, op: str) -> list[Path]:
        milestones = self.milestones()
        if op == "status" and milestones:
            path = self.rng.choice(milestones)
            status = self.rng.choice(["planned", "done", "at-risk", "blocked"])
            path.write_text(re.sub(r"(?m)^status: .*$", f"status: {status}", path.read_text(), count=1))
            return [path]
        if op == "sprints" and milestones:
            path = self.rng.choice(milestones)
            first = self.rng.randint(1, 20)
            path.write_text(re.sub(r"(?m)^sprints: .*$", f"sprints: [s{first}, s{first + 1}]", path.read_text(),
                                   count=1))
            return [path]
        if op == "commit":
            subprocess.run(["git", "add", "-A"], cwd=self.root, check=True, env=git_env())
            subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", f"edit {self.counter}"], cwd=self.root,
                           check=True, env=git_env(f"2026-0{self.rng.randint(1, 6)}-1{self.rng.randint(0, 9)}"))
            return []
        return super().apply(op)


@given(seed=st.integers(0, 2**32 - 1),
       ops=st.lists(st.sampled_from([*OPERATIONS, "status", "sprints", "commit"]), min_size=1, max_size=6))
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_property_after_any_edits_a_cached_build_equals_a_build_without_cache(seed, ops):
    with tempfile.TemporaryDirectory() as tmp:
        root = make_site(Path(tmp) / "site", objectives=2, milestones=2, pages=1, chain=False)
        subprocess.run(["git", "init", "-q"], cwd=root, check=True, env=git_env())
        editor = _Editor(root, random.Random(seed))
        build_files(root, cache=True)
        for op in ops:
            editor.apply(op)
            checked, cached = build_files(root, cache=True)
            fresh_checked, fresh = build_files(root, cache=False)
            assert checked.diagnostics == fresh_checked.diagnostics
            assert cached == fresh, (op, sorted(k for k in fresh if cached and cached.get(k) != fresh[k]))
