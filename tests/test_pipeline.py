"""The pipeline's stages end to end (okrsite/pipeline.py)."""

from __future__ import annotations

import gc
import weakref

from git_helpers import GitSite
from helpers import count_parses
from render_helpers import SITES, build, tree_hash

from okrsite import pipeline, render


def test_a_build_lets_go_of_the_read_files_before_its_pages(tmp_path, monkeypatch):
    """Each file as read (its data and every value's position) serves the check and the history;
    the pages are made from the linked Site, so while they are rendered no Document is alive,
    and the history read from them is on the pages all the same."""
    repo = GitSite(tmp_path, config=None)
    for path in sorted((SITES / "basic").rglob("*")):
        if path.is_file():
            repo.write({str(path.relative_to(SITES / "basic")): path.read_bytes()})
    repo.commit("the roadmap", "2026-04-01")
    read: list[weakref.ref] = []
    plain_load = pipeline.load_content

    def load_content(site_dir):
        documents, problems = plain_load(site_dir)
        read.extend(weakref.ref(document) for document in documents)
        return documents, problems

    alive_while_rendering = []
    plain_render = render.Renderer.render

    def rendering(self, site, progress=None):
        gc.collect()
        alive_while_rendering.extend(ref() for ref in read if ref() is not None)
        return plain_render(self, site, progress)

    monkeypatch.setattr(pipeline, "load_content", load_content)
    monkeypatch.setattr(render.Renderer, "render", rendering)
    checked, files = pipeline.build_files(repo.site, history=True, search=False)
    assert checked.errors == 0 and checked.site.history is not None
    assert read and len(read) == checked.files - 1  # every content file was seen (okrsite.yaml is the other)
    assert alive_while_rendering == []
    assert any(name.startswith("changes/") for name in files)  # history read from those files is shown


def basic_in_git(tmp_path) -> GitSite:
    repo = GitSite(tmp_path, config=None)
    for path in sorted((SITES / "basic").rglob("*")):
        if path.is_file():
            repo.write({str(path.relative_to(SITES / "basic")): path.read_bytes()})
    repo.commit("the roadmap", "2026-04-01")
    return repo


def test_after_an_edit_the_search_index_starts_before_the_history_is_read(tmp_path, monkeypatch):
    """A build after an edit renders a few pages and then waited for its search shard's
    indexer; the indexer now starts before the history is read, and the site is the same."""
    import threading

    from okrsite import search

    repo = basic_in_git(tmp_path)
    out = tmp_path / "public"
    assert build(repo.site, out, history=True) == 0
    repo.edit("content/milestones/ms-a.md", "\n---\n", "\n---\nOne more sentence to find.\n")
    monkeypatch.setenv("OKRSITE_WORKERS", "1")  # the pages in one process, as on two cores
    started = threading.Event()
    plain_bundle, plain_read = search.bundle, pipeline.read_history

    def bundle(*args, **kwargs):
        started.set()
        return plain_bundle(*args, **kwargs)

    def read_history(*args, **kwargs):
        assert started.wait(20), "the search index had not started when the history was read"
        return plain_read(*args, **kwargs)

    monkeypatch.setattr(search, "bundle", bundle)
    monkeypatch.setattr(pipeline, "read_history", read_history)
    assert build(repo.site, out, history=True) == 0
    monkeypatch.undo()
    assert build(repo.site, tmp_path / "fresh", "--no-cache", history=True) == 0
    assert tree_hash(out) == tree_hash(tmp_path / "fresh")


def test_after_an_edit_the_search_records_take_unchanged_bodies_plain_text_from_the_cache(tmp_path, monkeypatch):
    """The records are made before the pages now: the plain text an earlier build made of
    each body is still what they use, and is kept for the next build."""
    from okrsite.search import records

    repo = basic_in_git(tmp_path)
    out = tmp_path / "public"
    assert build(repo.site, out, history=True) == 0
    made: list[str] = []
    plain = records._plain_text

    def plain_text(source):
        if source.strip():  # a blank body's is never kept: nothing to make
            made.append(source)
        return plain(source)

    monkeypatch.setattr(records, "_plain_text", plain_text)
    repo.edit("content/milestones/ms-a.md", "\n---\n", "\n---\nOne more sentence to find.\n")
    assert build(repo.site, out, history=True) == 0
    assert len(made) == 1 and "One more sentence to find." in made[0]
    made.clear()
    repo.edit("content/milestones/ms-a.md", "One more sentence", "Another sentence")
    assert build(repo.site, out, history=True) == 0
    assert len(made) == 1 and "Another sentence to find." in made[0]


def test_where_forked_workers_render_the_pages_the_search_index_starts_once_they_exist(tmp_path, monkeypatch):
    """No fork beside the indexer's thread: where the pages may be rendered by forked workers
    (more cores), the indexer starts with the pages, as it did, and the site is the same."""
    repo = basic_in_git(tmp_path)
    out = tmp_path / "public"
    assert build(repo.site, out, history=True) == 0
    repo.edit("content/milestones/ms-a.md", "\n---\n", "\n---\nOne more sentence to find.\n")
    monkeypatch.setenv("OKRSITE_WORKERS", "3")
    started: list[str] = []
    seen_by_history: list[list[str]] = []
    plain_start, plain_read = render._Background.start, pipeline.read_history

    def start(job):  # in the main thread, before any fork or after the workers exist
        started.append("search")
        plain_start(job)

    def read_history(*args, **kwargs):
        seen_by_history.append(list(started))
        return plain_read(*args, **kwargs)

    monkeypatch.setattr(render._Background, "start", start)
    monkeypatch.setattr(pipeline, "read_history", read_history)
    assert build(repo.site, out, history=True) == 0
    assert seen_by_history == [[]] and started == ["search"]
    monkeypatch.undo()
    assert build(repo.site, tmp_path / "fresh", "--no-cache", history=True) == 0
    assert tree_hash(out) == tree_hash(tmp_path / "fresh")


def test_a_build_after_an_edit_parses_the_edited_file_alone(tmp_path, monkeypatch):
    """The check's parses are kept for the next build (written once the search index has
    started): each build after an edit parses only the file it changed."""
    from okrsite import load

    repo = basic_in_git(tmp_path)
    out = tmp_path / "public"
    assert build(repo.site, out) == 0
    parsed = count_parses(monkeypatch, load)
    for n in (1, 2):
        repo.edit("content/milestones/ms-a.md", "Shipped." if n == 1 else "Shipped again.",
                  "Shipped again." if n == 1 else "Shipped at last.")
        assert build(repo.site, out) == 0
        assert parsed == ["content/milestones/ms-a.md"]
        parsed.clear()
