"""okrsite.sitefs: random trees of files, folders and symbolic links on disk; whatever the tree,
`walk` lists only regular, visible files inside the site and reports every link it refuses."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrsite import sitefs

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs symbolic links")

NAMES = st.sampled_from(["a", "b", "c.md", "d.yaml", ".hidden", "e"])
# where a link points: a path inside the site, a hidden file, the folder above, nowhere, itself
TARGETS = st.sampled_from(["content/a", "content/b/c.md", "content", ".", "..", "../outside.md",
                           "../outside", ".env", ".git/config", "missing.md", "content/e", "/etc/passwd",
                           "/proc/self/environ", "LOOP"])
ENTRY = st.tuples(st.lists(NAMES, min_size=1, max_size=3), st.sampled_from(["file", "dir", "link"]), TARGETS)


def build_tree(root: Path, entries) -> None:
    """A site at root/site with entries under content/; beside it a folder and file outside."""
    (root / "outside").mkdir()
    (root / "outside.md").write_text("OUTSIDE\n")
    (root / "outside" / "x.md").write_text("OUTSIDE\n")
    site = root / "site"
    (site / "content").mkdir(parents=True)
    (site / ".git").mkdir()
    (site / ".git" / "config").write_text("SECRET\n")
    (site / ".env").write_text("SECRET\n")
    for parts, kind, target in entries:
        path = site / "content" / Path(*parts)
        if os.path.lexists(path) or any(os.path.islink(p) or p.is_file() for p in list(path.parents)[:len(parts)]):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "file":
            path.write_text("inside\n")
        elif kind == "dir":
            path.mkdir()
        elif target == "LOOP":
            path.symlink_to(path.name)
        elif target.startswith("/"):
            path.symlink_to(target)
        else:
            path.symlink_to(os.path.relpath(site / target, path.parent))


@given(st.lists(ENTRY, max_size=12))
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_walk_lists_only_safe_files_and_reports_every_refused_link(entries):
    root = Path(tempfile.mkdtemp(prefix="sitefs-"))
    try:
        build_tree(root, entries)
        site = root / "site"
        real = site.resolve()
        files, problems = sitefs.walk(site, "content")
        reported = {p.location.file for p in problems}
        for rel in files:
            target = (site / rel).resolve(strict=True)
            assert target.is_relative_to(real) and target.is_file(), rel
            assert not any(part.startswith(".") for part in target.relative_to(real).parts), rel
            assert b"OUTSIDE" not in target.read_bytes() and b"SECRET" not in target.read_bytes()
            assert sitefs.read_inside(site, rel) == target.read_bytes()
        assert not set(files) & reported
        # no silence: every link and every non-regular entry the walk met is listed or reported
        for folder, dirs, names in os.walk(site / "content"):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in dirs + names:
                if name.startswith("."):
                    continue
                rel = (Path(folder) / name).relative_to(site).as_posix()
                if os.path.islink(site / rel):
                    assert rel in files or rel in reported, rel
    finally:
        shutil.rmtree(root)


def test_linked_folder_on_the_way_names_the_first_link(tmp_path):
    (tmp_path / "real" / "deep").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    assert sitefs.linked_folder_on_the_way(tmp_path, ["real/deep/x.md", "link/deep/y.md"]) == "link"
    assert sitefs.linked_folder_on_the_way(tmp_path, ["real/deep/x.md", "top.md"]) is None
