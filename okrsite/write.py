"""Write stage: put a complete build in place at once, or leave the old one untouched.

The new site is written to a sibling folder (`.public.new-*`) and swapped with the output
folder in one step, so whatever happens — a full disk, Ctrl-C, a `kill -9` at any instant, a
second build into the same folder — `public/` is always either the complete old site or the
complete new one (docs/authoring.md, decision 21):

- **The swap** is `renameat2(RENAME_EXCHANGE)` on Linux (through ctypes): the kernel exchanges
  the two folder names atomically, and the old site is then deleted under the staging name.
  Elsewhere (or on a file system that cannot exchange) two renames are used, `public` ->
  `.public.old-*` then staging -> `public`; a kill between them leaves no `public/` for a
  moment, and the next build puts the old one back before it does anything else.
- **Leftovers** of killed builds (`.public.new-*`, `.public.old-*`) are deleted by the next
  build into the same folder — only folders okrsite made: the marker file is written into a
  staging folder first and deleted from a folder last, and a leftover without it is deleted only
  when it is empty.
- **One build at a time**: a lock file (`.public.okrsite-lock`, `flock`) is held from the
  staging folder's creation to the end; a second build that finds it held stops at once,
  writes nothing and says so in one line. The kernel releases the lock of a killed build.
"""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import stat
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple, Self

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock (one build at a time is up to you)
    fcntl = None  # type: ignore[assignment]

MARKER = ".okrsite-build"  # marks a folder okrsite may replace; it never deletes anything else
MARKER_TEXT = b"This folder is written by okrsite build and replaced on every build.\n"
LOCK_SUFFIX = ".okrsite-lock"


class WriteError(Exception):
    pass


class BuildBusy(WriteError):
    """Another build holds the output folder's lock: this one stopped without writing."""


def safe_join(root: Path, rel: str) -> Path:
    """root/rel, refusing any path that would leave root (absolute, `..`, drive letters)."""
    if not rel or rel.startswith(("/", "\\")) or "\\" in rel or ":" in rel:
        raise WriteError(f"refusing to write outside the output folder: {rel!r}")
    parts = rel.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise WriteError(f"refusing to write outside the output folder: {rel!r}")
    return root.joinpath(*parts)


def check_replaceable(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise WriteError(f"{out} exists and is not a folder; choose another --out")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise WriteError(
            f"{out} is not empty and was not written by okrsite; refusing to replace it. "
            "Choose another --out or empty the folder first"
        )


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)


def digest(data: bytes) -> str:
    """A file's digest, as the build cache notes what an output folder holds and each file
    an entry holds (cache.file_digest). SHA-256, cut to 128 bits: every byte of a large site
    goes through it when a build reads its cache entry, and processors hash SHA-256 in hardware
    (SHA-NI, ARMv8's SHA2): a 10k site's 33,741 files in 138 ms here, against
    blake2b's 171 ms (twice as fast on large files, less on the many small ones)."""
    return hashlib.sha256(data).hexdigest()[:32]


def write_tree(files: dict[str, bytes], folder: Path, linked_from: Path | None = None,
               same: frozenset[str] = frozenset()) -> None:
    """Write `files` into the new, empty staging `folder`: each folder made once, each file
    created (never an existing one opened: O_EXCL) and written with plain system calls, since
    a large site writes tens of thousands of files.

    The files named in `same` hold the bytes they have in `linked_from` (the output folder,
    unchanged since the last build published it): they are linked from there instead of
    written, a new name for the same file, two to four times cheaper, and the old folder's
    removal then frees no data."""
    made: set[Path] = set()
    for rel, data in files.items():
        path = safe_join(folder, rel)
        parent = path.parent
        if parent not in made:
            parent.mkdir(parents=True, exist_ok=True)
            made.add(parent)
        if rel in same:
            try:
                os.link(safe_join(linked_from, rel), path, follow_symlinks=False)
                continue
            except OSError:
                pass  # another file system, or gone: write it
        fd = os.open(path, _NEW_FILE, 0o666)  # less the umask, as open() makes files
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)


def _reason(err: OSError) -> str:
    return f"{err.strerror or err} ({err.filename or ''})".replace(" ()", "")


# --- the atomic exchange ------------------------------------------------------------------

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, getattr(errno, "ENOTSUP", -1), getattr(errno, "EOPNOTSUPP", -1)}


def _renameat2():
    """glibc's renameat2 (2.28+), or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here: a build with nothing to write needs no ctypes (nor shutil, tempfile)

    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(a: Path, b: Path) -> bool:
    """Swap the names of two existing folders in one atomic step; False where the system
    (or the file system) cannot, and the caller falls back to two renames."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    import ctypes

    err = ctypes.get_errno()
    if err in _UNSUPPORTED:
        return False
    raise OSError(err, os.strerror(err), str(b))


# --- one build at a time, and what killed builds left ---------------------------------------

class _Lock:
    """An exclusive, non-blocking flock on `.NAME.okrsite-lock` beside the output folder."""

    def __init__(self, out: Path):
        self.out = out
        self.path = out.parent / f".{out.name}{LOCK_SUFFIX}"
        self.fd: int | None = None

    def __enter__(self) -> Self:
        if fcntl is None:
            return self
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise BuildBusy(f"another okrsite build is writing {self.out} right now; this build stopped "
                                "without writing anything (run it again when that one has finished)") from None
            try:  # the holder before us may have deleted the file as we opened it: lock the current one
                current = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                current = False
            if current:
                self.fd = fd
                return self
            os.close(fd)

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            try:
                os.unlink(self.path)  # while still holding it, so nobody locks a deleted file
            except OSError:
                pass
            os.close(self.fd)
            self.fd = None


def _ours(out: Path) -> list[Path]:
    """Staging and backup folders of earlier builds into `out` (by name; see remove_build)."""
    prefixes = (f".{out.name}.new-", f".{out.name}.old-")
    try:
        entries = list(out.parent.iterdir())
    except OSError:
        return []
    return sorted(p for p in entries if p.name.startswith(prefixes) and p.is_dir() and not p.is_symlink())


def remove_build(folder: Path) -> None:
    """Delete a folder okrsite wrote (it has the marker), the marker last, so that a kill part
    way leaves a folder the next build still recognises; an empty folder is deleted too."""
    marker = folder / MARKER
    if not marker.is_file() or marker.is_symlink():
        try:
            folder.rmdir()  # only when empty: a staging folder killed before its marker was written
        except OSError:
            pass
        return
    for child in folder.iterdir():
        if child.name == MARKER:
            continue
        if child.is_dir() and not child.is_symlink():
            import shutil

            shutil.rmtree(child)
        else:
            child.unlink()
    marker.unlink()
    folder.rmdir()


def recover(out: Path) -> None:
    """Undo what a killed build left: put back an old site a kill separated from its name (the
    two-rename fallback), then delete every other staging or backup folder okrsite made."""
    leftovers = _ours(out)
    if not os.path.lexists(out):
        olds = [p for p in leftovers if ".old-" in p.name and (p / MARKER).is_file()]
        if olds:
            newest = max(olds, key=lambda p: p.stat().st_mtime)
            os.rename(newest, out)
            leftovers.remove(newest)
    for folder in leftovers:
        remove_build(folder)


# --- an output that is already this build -----------------------------------------------------

def tree_state(out: Path) -> list[list]:
    """Every file and folder under `out` with what changes when anything touches it (size,
    modification and change times, inode, mode), sorted; [] when `out` is not a folder.
    ctime cannot be set back by anyone, so an edited, replaced or touched file shows."""
    found: list[list] = []
    try:
        root = os.lstat(out)
    except OSError:
        return []
    if not stat.S_ISDIR(root.st_mode):  # a link (lstat) or a file
        return []
    found.append([".", root.st_mode, root.st_ino, root.st_mtime_ns, root.st_ctime_ns, 0])
    stack = [(str(out), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return []
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                return []
            rel = prefix + entry.name
            found.append([rel, info.st_mode, info.st_ino, info.st_mtime_ns, info.st_ctime_ns, info.st_size])
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, rel + "/"))
    found.sort()
    return found


def holds(out: Path, state: list[list]) -> bool:
    """`out` is still exactly as it was when `state` was taken (after okrsite published it), and
    no build is writing it: nothing needs to be written again. (A build writing it now: False,
    and publish() then says so.)"""
    out = out.resolve()
    if not state or not os.path.isdir(out.parent):
        return False
    try:
        with _Lock(out):
            return tree_state(out) == state
    except (OSError, WriteError):  # BuildBusy: another build is writing it
        return False


# --- publish ---------------------------------------------------------------------------------

class Written(NamedTuple):
    """What publish() leaves: the output's tree_state (None: not known without walking it)
    and the spare's (tree_state, digests), or None when there is no spare."""
    tree: list | None
    spare: tuple[list, dict[str, str]] | None


def publish(files: dict[str, bytes], out: Path, digests: dict[str, str] | None = None,
            previous: tuple[list, dict[str, str]] | None = None,
            spare: tuple[list, dict[str, str]] | None = None) -> Written:
    """Replace `out` with exactly `files`; on any error or kill `out` stays (or comes back) as it was.

    `digests` of `files` and `previous`, the (tree_state, digests) of `out` as the last build
    left it (the build cache notes them): when `out` is still exactly that, the old site is not
    deleted but kept beside it as the spare (`.NAME.spare`), and the next build, given the
    spare's (tree_state, digests) as `spare`, turns the spare into the new site by writing only
    the files whose digest changed: no folder made or deleted, no file linked, for the files an
    edit did not change. Without a usable spare, the files whose digest is unchanged are linked
    from `out`, not written.

    When the spare was used, both folders' tree states are known from the states the build
    started from and what it changed (each changed entry is looked at again), not by walking
    every file of two sites once more."""
    out = out.resolve()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise WriteError(f"cannot create {out}: {_reason(err)}") from None
    try:
        lock = _Lock(out).__enter__()
    except OSError as err:
        raise WriteError(f"cannot create {out}: {_reason(err)}") from None
    try:
        try:
            recover(out)
        except OSError as err:
            raise WriteError(f"could not clean up after an earlier build: {_reason(err)}") from None
        check_replaceable(out)
        same: frozenset[str] = frozenset()
        known = digests is not None and previous is not None and tree_state(out) == previous[0]
        if known:
            same = _unchanged(previous[1], digests)
        made = _spare_made_into(files, out, digests, spare) if known else None
        if made is None:
            remove_spare(out)
        old = _publish(files, out, same, made.folder if made is not None else None, keep_old=known)
        if old is None:
            return Written(None, None)
        if made is None:
            return Written(None, (tree_state(old), previous[1]))
        return Written(made.tree_after(out), (_old_site_tree(previous[0], old, made), previous[1]))
    finally:
        lock.__exit__()


def _unchanged(held: dict[str, str], digests: dict[str, str]) -> frozenset[str]:
    """The files a folder holds (`held`: name -> digest) with the bytes the new site has."""
    return frozenset(name for name, digest in held.items() if digests.get(name) == digest)


def spare_path(out: Path) -> Path:
    return out.parent / f".{out.name}.spare"


# The spare sits beside the output, often inside a git checkout: it ignores itself, as the cache
# folder does, so `git status` never shows it. The file goes before the spare is made a site.
SPARE_IGNORE = ".gitignore"
SPARE_IGNORE_TEXT = b"# okrsite's copy of the site before the last build, made into the next one: never committed\n*\n"


def remove_spare(out: Path) -> None:
    spare = spare_path(out)
    if os.path.isdir(spare) and not os.path.islink(spare):
        remove_build(spare)


class _Made(NamedTuple):
    """The spare made into the new site: where it is, its tree_state rows (by name) as the
    build found them less what it deleted, and the entries whose row changed (looked at again
    once the folder is in place: `tree_after`)."""
    folder: Path
    rows: dict[str, list]
    touched: set[str]
    deleted: dict[str, int]  # name -> inode of each file deleted from the spare

    def tree_after(self, at: Path) -> list | None:
        return _restated(self.rows, at, self.touched)


def _spare_made_into(files: dict[str, bytes], out: Path, digests: dict[str, str],
                     spare: tuple[list, dict[str, str]] | None) -> _Made | None:
    """The spare, made to hold exactly `files`, when it still is as the last build left it;
    else None. Files are never opened for writing: a changed file is deleted and created anew,
    since the spare's unchanged files may share their data with `out`'s (hard links)."""
    folder = spare_path(out)
    if spare is None or not spare[0] or tree_state(folder) != spare[0]:
        return None
    held = spare[1]
    kept = _unchanged(held, digests)
    rows = {row[0]: row for row in spare[0]}
    touched = {"."}
    deleted: dict[str, int] = {}

    def gone(name: str) -> None:
        row = rows.pop(name, None)
        if row is not None and not stat.S_ISDIR(row[1]):
            deleted[name] = row[2]
        touched.discard(name)
        touched.add(name.rpartition("/")[0] or ".")

    try:
        if SPARE_IGNORE not in held:
            os.unlink(folder / SPARE_IGNORE)
            gone(SPARE_IGNORE)
        for name in held.keys() - kept:
            os.unlink(safe_join(folder, name))
            gone(name)
        needed = {"/".join(name.split("/")[:depth]) for name in files for depth in range(1, name.count("/") + 1)}
        folders = sorted((entry[0] for entry in spare[0][1:] if stat.S_ISDIR(entry[1])), key=lambda f: -f.count("/"))
        for name in folders:
            if name not in needed:
                os.rmdir(safe_join(folder, name))
                gone(name)
        written = {name: data for name, data in files.items() if name != MARKER and name not in kept}
        write_tree(written, folder)
        for name in written:
            while name and name not in touched:  # the file, each folder it is in (made or changed)
                touched.add(name)
                name = name.rpartition("/")[0]
    except (OSError, WriteError):
        remove_build(folder)  # part way: not a state any build knows; the site is written afresh
        return None
    return _Made(folder, rows, touched, deleted)


def _old_site_tree(before: list, folder: Path, made: _Made) -> list | None:
    """The tree_state of the old site, now the spare at `folder`: as it was before the build
    (`before`), but for its own folder (renamed; the spare's ignore file written in it) and the
    files that shared their data with a file deleted from the other folder (one link fewer
    changes their ctime)."""
    rows = {row[0]: row for row in before}
    touched = {".", SPARE_IGNORE}
    for name, inode in made.deleted.items():
        row = rows.get(name)
        if row is not None and row[2] == inode:
            touched.add(name)
    return _restated(rows, folder, touched)


def _restated(rows: dict[str, list], folder: Path, touched: set[str]) -> list | None:
    """tree_state(folder), given its rows but for the `touched` names, which are looked at
    again (a name no longer there is dropped); None when one cannot be looked at."""
    rows = dict(rows)
    for name in touched:
        try:
            info = os.lstat(folder if name == "." else os.path.join(folder, name))
        except FileNotFoundError:
            rows.pop(name, None)
            continue
        except OSError:
            return None
        rows[name] = [name, info.st_mode, info.st_ino, info.st_mtime_ns, info.st_ctime_ns,
                      0 if name == "." else info.st_size]
    return sorted(rows.values())


def _publish(files: dict[str, bytes], out: Path, same: frozenset[str] = frozenset(),
             staging: Path | None = None, keep_old: bool = False) -> Path | None:
    """Write `files` into a new staging folder (or use `staging`, already holding them), put it
    in place of `out`, and delete the old site — or, with `keep_old`, keep it as the spare
    and return where it is."""
    import tempfile  # here, not with the module: a build with nothing to write needs none

    if staging is None:
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
        except OSError as err:
            raise WriteError(f"cannot create {out}: {_reason(err)}") from None
        try:
            (staging / MARKER).write_bytes(MARKER_TEXT)  # first: a killed build's folder is recognisable
            write_tree({name: data for name, data in files.items() if name != MARKER}, staging, out, same)
            os.chmod(staging, 0o755)
        except BaseException as err:
            remove_build(staging)
            if isinstance(err, OSError):
                raise WriteError(f"could not write the site: {_reason(err)}") from None
            raise
    with _ctrl_c_after():  # from here the build is done: a Ctrl-C waits for the old site to be gone
        old: Path | None = None  # where the previous site is once the new one is in place
        try:
            if not out.exists():
                os.rename(staging, out)
            elif exchange(staging, out):
                old = staging  # the previous site, now under the staging folder's name
            else:
                backup = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
                backup.rmdir()
                os.rename(out, backup)  # a kill from here ...
                try:
                    os.rename(staging, out)  # ... to here leaves no `out`: recover() puts `backup` back
                except BaseException:
                    os.rename(backup, out)
                    raise
                old = backup
        except BaseException as err:
            if old is None and os.path.isdir(staging):
                remove_build(staging)  # the new site never went in place
            if isinstance(err, OSError):
                raise WriteError(f"could not put the new site in place: {_reason(err)}") from None
            raise
        if old is not None and keep_old:
            spare = spare_path(out)
            try:
                if old != spare:
                    os.rename(old, spare)
                if not os.path.lexists(spare / SPARE_IGNORE):  # (unless the site has a .gitignore of its own)
                    fd = os.open(spare / SPARE_IGNORE, _NEW_FILE, 0o644)
                    os.write(fd, SPARE_IGNORE_TEXT)
                    os.close(fd)
                return spare
            except OSError:
                pass
        if old is not None:
            try:
                remove_build(old)
            except OSError:
                pass  # the new site is in place; the next build deletes what is left
        return None


@contextmanager
def _ctrl_c_after():
    """Ctrl-C in the block is raised when it ends: putting the new site in place and deleting
    the old one must not stop half way (an interrupted build leaves no folder behind). Only the
    main thread runs signal handlers; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed = []

    def note(signum, frame) -> None:
        pressed.append(signum)

    try:
        previous = signal.signal(signal.SIGINT, note)
    except KeyboardInterrupt:  # one just before (signal() runs pending handlers first): now it waits
        pressed.append(signal.SIGINT)
        previous = signal.signal(signal.SIGINT, note)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed and callable(previous):
        previous(signal.SIGINT, None)
