"""The pipeline's stages end to end (okrsite/pipeline.py)."""

from __future__ import annotations

import gc
import weakref

from git_helpers import GitSite
from render_helpers import SITES

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
