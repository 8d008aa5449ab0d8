"""okrsite.write: a build is put in place whole, or the previous output stays byte for byte."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import okrsite_command, run_cli
from render_helpers import tree_hash

from okrsite import write
from okrsite.write import MARKER, WriteError, publish, safe_join

BENCH = Path(__file__).resolve().parents[1] / "bench"
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

    def disk_full(files, folder, *linking):
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

    def broken(a, b):
        raise OSError(errno.EIO, "Input/output error", str(b))

    monkeypatch.setattr(write, "exchange", broken)
    with pytest.raises(WriteError, match="could not put the new site in place"):
        publish({"index.html": b"new"}, out)
    assert tree_hash(out) == before
    assert leftovers(tmp_path) == []


def test_without_an_atomic_exchange_a_failed_second_rename_puts_the_old_site_back(tmp_path, monkeypatch):
    out = tmp_path / "public"
    publish(FILES, out)
    before = tree_hash(out)
    real_rename = os.rename

    def rename(src, dst):
        if ".new-" in str(src):
            raise OSError(errno.EIO, "Input/output error", str(dst))
        return real_rename(src, dst)

    monkeypatch.setattr(write, "exchange", lambda a, b: False)  # as on a file system that cannot
    monkeypatch.setattr(write.os, "rename", rename)
    with pytest.raises(WriteError, match="could not put the new site in place"):
        publish({"index.html": b"new"}, out)
    assert tree_hash(out) == before
    assert leftovers(tmp_path) == []


def test_without_an_atomic_exchange_the_new_site_goes_in_place_by_two_renames(tmp_path, monkeypatch):
    out = tmp_path / "public"
    publish(FILES, out)
    monkeypatch.setattr(write, "exchange", lambda a, b: False)
    publish({"index.html": b"new"}, out)
    assert (out / "index.html").read_bytes() == b"new" and leftovers(tmp_path) == []


def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_bytes(b"from a")
    (b / "x").write_bytes(b"from b")
    if not write.exchange(a, b):
        pytest.skip("this system or file system cannot exchange two names atomically")
    assert (a / "x").read_bytes() == b"from b" and (b / "x").read_bytes() == b"from a"


def build_folder(path, files: dict[str, bytes], marker: bool = True):
    """A folder as a killed build may have left it."""
    path.mkdir()
    if marker:
        (path / MARKER).write_bytes(b"x")
    for rel, data in files.items():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_bytes(data)
    return path


def test_an_old_site_a_kill_left_without_its_name_is_put_back_then_replaced(tmp_path):
    """A kill between the fallback's two renames: no `public`, the old site in `.public.old-*`."""
    old = build_folder(tmp_path / ".public.old-k1ll3d", {"index.html": b"old"})
    write.recover(tmp_path / "public")
    assert (tmp_path / "public" / "index.html").read_bytes() == b"old" and not old.exists()
    build_folder(tmp_path / ".public.old-again", {"index.html": b"old"})
    publish(FILES, tmp_path / "public")
    assert (tmp_path / "public" / "index.html").read_bytes() == FILES["index.html"]
    assert leftovers(tmp_path) == []


def test_leftovers_of_killed_builds_are_deleted_but_only_folders_okrsite_made(tmp_path):
    build_folder(tmp_path / ".public.new-half", {"a/index.html": b"half-written"})  # killed while writing
    build_folder(tmp_path / ".public.new-swapped", {"index.html": b"previous"})  # killed while deleting
    (tmp_path / ".public.new-empty").mkdir()  # killed before its marker was written
    build_folder(tmp_path / ".public.new-mine", {"thesis.docx": b"not okrsite's"}, marker=False)
    build_folder(tmp_path / ".other.new-x", {"index.html": b"another output's"})
    (tmp_path / ".public.okrsite-lock").write_bytes(b"")  # a killed build's lock file
    publish(FILES, tmp_path / "public")
    assert leftovers(tmp_path) == [".other.new-x", ".public.new-mine"]


def test_a_second_build_into_the_same_folder_stops_and_writes_nothing(tmp_path):
    import fcntl

    out = tmp_path / "public"
    publish(FILES, out)
    before = tree_hash(out)
    with open(tmp_path / ".public.okrsite-lock", "w") as held:  # another build is publishing
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(write.BuildBusy, match="another okrsite build is writing .*public right now"):
            publish({"index.html": b"second"}, out)
        assert tree_hash(out) == before
        assert leftovers(tmp_path) == [".public.okrsite-lock"]  # the other build's, still held
    publish({"index.html": b"second"}, out)
    assert (out / "index.html").read_bytes() == b"second" and leftovers(tmp_path) == []


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


# --- the spare: the old site kept, and made into the next one ----------------------------------

def cached_publish(files: dict[str, bytes], out: Path, state: dict) -> None:
    """publish() as a cached build calls it (pipeline.publish_build), with the state it keeps."""
    digests = {name: write.digest(data) for name, data in files.items()}
    state["spare"] = publish(files, out, digests, state.get("previous"), state.get("spare")).spare
    state["previous"] = (write.tree_state(out.resolve()), digests)


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_old_site_is_kept_as_the_spare_and_made_into_the_next_one(tmp_path, monkeypatch):
    out, state = tmp_path / "public", {}
    versions = [FILES, {**FILES, "index.html": b"v2"}, {**FILES, "index.html": b"v3", "new/deep/x.html": b"x"},
                {"index.html": b"v4", "a/b": b"a file where a folder was", "roadmap.json": b"{}\n"}]
    made = []
    real_mkdir = os.mkdir

    def mkdir(path, *args, **kwargs):
        real_mkdir(path, *args, **kwargs)
        made.append(os.fspath(path))  # made, not only tried (pathlib tries the folders that exist)

    monkeypatch.setattr(os, "mkdir", mkdir)
    for number, files in enumerate(versions):
        made.clear()
        cached_publish(files, out, state)
        assert contents(out) == {**files, MARKER: write.MARKER_TEXT}
        if number >= 1:  # the site before is beside it, whole, and out of git's sight
            assert contents(tmp_path / ".public.spare") == {**versions[number - 1], MARKER: write.MARKER_TEXT,
                                                             ".gitignore": write.SPARE_IGNORE_TEXT}
        if number == 2:  # the spare of version 1 (version 0) made into version 2: only the new folders made
            assert sorted(Path(m).relative_to(out.parent).as_posix() for m in made) == [
                ".public.spare/new", ".public.spare/new/deep"]
    assert leftovers(tmp_path) == [".public.spare"]


def test_git_does_not_see_the_spare(tmp_path):
    out, state = tmp_path / "public", {}
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".gitignore").write_text("public/\n")
    for version in (b"v1", b"v2", b"v3"):
        cached_publish({**FILES, "index.html": version}, out, state)
    assert (tmp_path / ".public.spare").is_dir()
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=tmp_path,
                            capture_output=True, text=True, check=True).stdout
    assert status == "?? .gitignore\n"


def test_a_spare_touched_since_is_not_used(tmp_path):
    out, state = tmp_path / "public", {}
    cached_publish(FILES, out, state)
    cached_publish({**FILES, "index.html": b"v2"}, out, state)
    (tmp_path / ".public.spare" / "stray.html").write_bytes(b"not from any build")
    (tmp_path / ".public.spare" / "roadmap.json").write_bytes(b"edited")
    cached_publish({**FILES, "index.html": b"v3"}, out, state)
    assert contents(out) == {**FILES, "index.html": b"v3", MARKER: write.MARKER_TEXT}


def test_a_build_without_the_cache_deletes_the_spare(tmp_path):
    out, state = tmp_path / "public", {}
    cached_publish(FILES, out, state)
    cached_publish({**FILES, "index.html": b"v2"}, out, state)
    assert (tmp_path / ".public.spare").is_dir()
    publish({**FILES, "index.html": b"v3"}, out)
    assert leftovers(tmp_path) == [] and contents(out)["index.html"] == b"v3"


def test_a_spare_whose_recorded_names_leave_it_is_not_used(tmp_path):
    """The cache is not trusted: names it says the spare holds are joined safely, and a spare
    that cannot be made into the site is deleted and the site written afresh."""
    out, state = tmp_path / "public", {}
    cached_publish(FILES, out, state)
    cached_publish({**FILES, "index.html": b"v2"}, out, state)
    tree, digests = state["spare"]
    (tmp_path / "victim.txt").write_bytes(b"keep me")
    state["spare"] = (tree, {**digests, "../victim.txt": "0"})
    cached_publish({**FILES, "index.html": b"v3"}, out, state)
    assert (tmp_path / "victim.txt").read_bytes() == b"keep me"
    assert contents(out) == {**FILES, "index.html": b"v3", MARKER: write.MARKER_TEXT}


# --- real builds, killed ------------------------------------------------------------------------

# s after staging began; the last lets a build on a loaded machine reach (or finish) its swap
KILL_AFTER = [0.0, 0.002, 0.005, 0.01, 0.02, 0.04, 0.08, 0.15, 0.3, 0.6, 5.0]


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory):
    """A 200-entity site, and the trees a clean build makes of its two versions (titles differ)."""
    root = tmp_path_factory.mktemp("kill")
    site = root / "site"
    subprocess.run([sys.executable, str(BENCH / "gen_site.py"), str(site), "--entities", "200", "--quiet"],
                   check=True, timeout=120)
    config = (site / "okrsite.yaml").read_text(encoding="utf-8")
    versions = [config, config.replace("title: ", "title: Version B of ", 1)]
    trees = []
    for index, text in enumerate(versions):
        (site / "okrsite.yaml").write_text(text, encoding="utf-8")
        out = root / f"clean-{index}" / "public"
        assert run_cli("build", "--site", str(site), "--out", str(out), "--quiet").returncode == 0
        trees.append(tree_hash(out))
    assert trees[0] != trees[1]
    return site, versions, trees


def killed_build(site, out, delay: float) -> int:
    """`okrsite build` in a child process, SIGKILLed `delay` seconds after it started publishing:
    its staging folder appeared, or its lock, taken before it writes into the spare (the old
    site kept from the build before: write.publish); never, when it finished first. Its exit status."""
    staging, lock = f".{out.name}.new-", f".{out.name}.okrsite-lock"
    earlier = {name for name in os.listdir(out.parent) if name.startswith(staging)}  # killed builds' leftovers
    process = subprocess.Popen([*okrsite_command(), "build", "--site", str(site), "--out", str(out), "--quiet"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while process.poll() is None and not any((name.startswith(staging) and name not in earlier) or name == lock
                                             for name in os.listdir(out.parent)):
        pass  # as close to the first file of the new site as a poll gets
    time.sleep(delay)
    process.kill()
    return process.wait()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_build_killed_at_any_instant_leaves_the_old_or_the_new_site_whole(two_versions, tmp_path):
    site, versions, trees = two_versions
    out = tmp_path / "public"
    (site / "okrsite.yaml").write_text(versions[0], encoding="utf-8")
    assert run_cli("build", "--site", str(site), "--out", str(out), "--quiet").returncode == 0
    current = 0
    seen = set()
    for step, delay in enumerate(KILL_AFTER):
        wanted = 1 - current
        (site / "okrsite.yaml").write_text(versions[wanted], encoding="utf-8")
        status = killed_build(site, out, delay)
        tree = tree_hash(out)
        assert tree in (trees[current], trees[wanted]), f"kill {delay} s into publishing left a mixed site"
        outcome = "new" if tree == trees[wanted] else "old"
        assert status == 0 or status == -signal.SIGKILL
        seen.add(outcome)
        current = wanted if outcome == "new" else current
        for name in leftovers(tmp_path):  # only what okrsite makes, and the next build deletes or reuses it
            assert name.startswith((".public.new-", ".public.old-", ".public.okrsite-lock", ".public.spare")), name
    assert "new" in seen  # the instants reached past the swap
    (site / "okrsite.yaml").write_text(versions[0], encoding="utf-8")
    assert run_cli("build", "--site", str(site), "--out", str(out), "--quiet").returncode == 0
    assert tree_hash(out) == trees[0] and leftovers(tmp_path) in ([], [".public.spare"])


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_two_builds_into_the_same_folder_at_once(two_versions, tmp_path):
    """Started together, repeatedly: each ends whole or says in one line that the other is writing."""
    site, versions, trees = two_versions
    (site / "okrsite.yaml").write_text(versions[0], encoding="utf-8")
    out = tmp_path / "public"
    env = {**os.environ, "NO_COLOR": "1"}
    for _ in range(2):
        runs = [subprocess.Popen([*okrsite_command(), "build", "--site", str(site), "--out", str(out), "--quiet"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
        results = [(run.wait(timeout=120), run.stdout.read(), run.stderr.read()) for run in runs]
        for run in runs:
            run.stdout.close()
            run.stderr.close()
        assert any(status == 0 for status, _, _ in results)
        for status, stdout, stderr in results:
            if status != 0:
                assert status == 1 and stdout == "" and stderr == (
                    f"okrsite: another okrsite build is writing {out} right now; this build stopped without "
                    "writing anything (run it again when that one has finished)\n")
        assert tree_hash(out) == trees[0] and leftovers(tmp_path) in ([], [".public.spare"])


def test_ctrl_c_while_the_old_site_is_deleted_waits_for_it_to_be_gone(tmp_path, monkeypatch):
    """The new site is in place: a Ctrl-C then (under load, CI's interrupt test landed there)
    must not leave the old site half deleted beside it. It is raised once the old one is gone."""
    out = tmp_path / "public"
    publish({"index.html": b"old", "a/b.html": b"old"}, out)
    removing = write.remove_build

    def interrupted_removal(folder):
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, as the deleting starts
        removing(folder)

    monkeypatch.setattr(write, "remove_build", interrupted_removal)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    with pytest.raises(KeyboardInterrupt):
        publish({"index.html": b"new"}, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]
    assert (out / "index.html").read_bytes() == b"new" and not (out / "a").exists()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_the_tree_states_publish_reports_are_the_folders_as_they_are(tmp_path):
    """When the spare was made into the new site, publish() reports both folders' tree states
    from what it changed instead of walking them: they must be exactly what a walk finds (else
    the next build would find the output "changed" and write it all), through edits, new and
    removed files and folders, a site with its own .gitignore, and files shared by both folders."""
    out = tmp_path / "public"
    sites = [
        {"index.html": b"1", "a/b.html": b"1", "a/c/d.html": b"1", "e.html": b"1"},
        {"index.html": b"2", "a/b.html": b"1", "a/c/d.html": b"2", "f/g.html": b"2", "e.html": b"1"},
        {"index.html": b"3", "a/b.html": b"1", "f/g.html": b"2", "f/h/i.html": b"3", "e.html": b"3"},
        {"index.html": b"3", "a/b.html": b"4", "f/g.html": b"2", "f/h/i.html": b"3", ".gitignore": b"x\n"},
        {"index.html": b"5", "a/b.html": b"4", "f/h/i.html": b"3", "j/k/l/m.html": b"5"},
        {"index.html": b"5", "a/b.html": b"4", "f/h/i.html": b"3", "j/k/l/m.html": b"5"},
        {"index.html": b"7"},
    ]
    previous = spare = None
    derived = 0
    for files in sites:
        digests = {name: write.digest(data) for name, data in files.items()}
        written = publish(files, out, digests, previous, spare)
        assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
                if p.is_file() and p.name != MARKER} == files
        if written.tree is not None:
            derived += 1
            assert written.tree == write.tree_state(out)
        if previous is not None:
            assert written.spare is not None and written.spare[0] == write.tree_state(write.spare_path(out))
        previous, spare = (write.tree_state(out), digests), written.spare
    assert derived == len(sites) - 2  # not the first (nothing before it) nor the second (no spare yet)
