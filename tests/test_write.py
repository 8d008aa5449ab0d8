"""okrsite.write: a build is put in place whole, or the previous output stays byte for byte."""

from __future__ import annotations

import errno
import os

import pytest
from render_helpers import tree_hash

from okrsite import write
from okrsite.write import MARKER, WriteError, publish, safe_join

FILES = {"index.html": b"<!DOCTYPE html><title>home</title>", "a/b/index.html": b"deep", "roadmap.json": b"{}\n"}


def leftovers(parent) -> list[str]:
    """Staging or backup folders a publish left behind."""
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def test_publish_writes_exactly_the_files_and_a_marker(tmp_path):
    out = tmp_path / "public"
    publish(FILES, out)
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert written.pop(MARKER).startswith(b"This folder is written by okrsite")
    assert written == FILES
    assert leftovers(tmp_path) == []


def test_publish_creates_missing_parent_folders(tmp_path):
    out = tmp_path / "deep" / "er" / "public"
    publish(FILES, out)
    assert (out / "a/b/index.html").read_bytes() == b"deep"


def test_publish_replaces_a_previous_build_and_drops_stale_files(tmp_path):
    out = tmp_path / "public"
    publish({**FILES, "old/index.html": b"stale"}, out)
    publish(FILES, out)
    assert not (out / "old").exists()
    assert (out / "index.html").read_bytes() == FILES["index.html"]
    assert leftovers(tmp_path) == []


def test_published_folder_is_world_readable(tmp_path):
    out = tmp_path / "public"
    publish(FILES, out)
    assert os.stat(out).st_mode & 0o777 == 0o755


def test_publish_into_an_empty_folder(tmp_path):
    out = tmp_path / "public"
    out.mkdir()
    publish(FILES, out)
    assert (out / MARKER).exists()


def test_refuses_to_replace_a_folder_okrsite_did_not_write(tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"years of work")
    before = tree_hash(out)
    with pytest.raises(WriteError, match="not written by okrsite"):
        publish(FILES, out)
    assert tree_hash(out) == before
    assert leftovers(tmp_path) == []


def test_refuses_to_replace_a_file(tmp_path):
    out = tmp_path / "public"
    out.write_bytes(b"a file")
    with pytest.raises(WriteError, match="not a folder"):
        publish(FILES, out)
    assert out.read_bytes() == b"a file"


def test_an_output_under_a_file_is_a_write_error(tmp_path):
    (tmp_path / "plain").write_bytes(b"x")
    with pytest.raises(WriteError, match="cannot create"):
        publish(FILES, tmp_path / "plain" / "public")


def test_a_failure_while_writing_leaves_the_previous_output_exactly(tmp_path, monkeypatch):
    out = tmp_path / "public"
    publish(FILES, out)
    before = tree_hash(out)
    real = write.write_tree

    def disk_full(files, folder):
        real(dict(list(files.items())[:1]), folder)  # half-written, then the disk fills up
        raise OSError(errno.ENOSPC, "No space left on device", str(folder / "x"))

    monkeypatch.setattr(write, "write_tree", disk_full)
    with pytest.raises(WriteError, match="No space left"):
        publish({"index.html": b"new"}, out)
    assert tree_hash(out) == before
    assert leftovers(tmp_path) == []


def test_a_failure_while_swapping_restores_the_previous_output(tmp_path, monkeypatch):
    out = tmp_path / "public"
    publish(FILES, out)
    before = tree_hash(out)
    real_rename = os.rename

    def rename(src, dst):
        if ".new-" in str(src):
            raise OSError(errno.EIO, "Input/output error", str(dst))
        return real_rename(src, dst)

    monkeypatch.setattr(write.os, "rename", rename)
    with pytest.raises(WriteError, match="could not put the new site in place"):
        publish({"index.html": b"new"}, out)
    assert tree_hash(out) == before
    assert leftovers(tmp_path) == []


def test_a_path_leaving_the_output_is_refused_before_anything_changes(tmp_path):
    out = tmp_path / "public"
    publish(FILES, out)
    before = tree_hash(out)
    with pytest.raises(WriteError, match="outside the output folder"):
        publish({"../escape.html": b"x"}, out)
    assert tree_hash(out) == before
    assert not (tmp_path / "escape.html").exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("rel", ["../x", "/etc/passwd", "a/../../x", "a\\b", "C:x", "a//b", "./a", ""])
def test_safe_join_refuses_paths_that_leave_the_root(tmp_path, rel):
    with pytest.raises(WriteError):
        safe_join(tmp_path, rel)


def test_safe_join_accepts_nested_paths(tmp_path):
    assert safe_join(tmp_path, "quarters/2026-q2/roadmap.svg") == tmp_path / "quarters" / "2026-q2" / "roadmap.svg"
