"""Which files under a site okrsite may read or write through: the one place links are judged.

A pull request can add symbolic links anywhere (content/, themes/, the theme's static/ folder)
and CI builds and publishes it, so a followed link could publish any file the build can read
(`/proc/self/environ` holds CI's secrets). The rule (docs/authoring.md, "Symbolic links"):

- a linked **file** is read only when it resolves to a regular file inside the site folder, and
  not into a hidden file or folder (`.git/config` may hold CI's token, `.env` secrets);
- a linked **folder** is never followed, wherever it leads: no loops, no file read twice,
  nothing outside the site;
- every link refused is a `schema` diagnostic at the link (1:1) saying what to do, never silence;
- okrsite never writes through a linked folder (`init`, `new`, `import-csv`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from okrsite.diagnostics import Diagnostic, Location, quote


def inside(root: Path, path: Path) -> bool:
    """Whether `path`, with every symbolic link followed, exists inside `root` (a resolved path)."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling link, or a loop (RuntimeError before Python 3.13)
        return False
    return target == root or root in target.parents


def linked_part(root: Path, rel: str) -> str | None:
    """The first part of the site-relative path `rel` (itself included) that is a symbolic link."""
    parts = rel.split("/")
    for end in range(1, len(parts) + 1):
        prefix = "/".join(parts[:end])
        if os.path.islink(root / prefix):
            return prefix
    return None


def linked_folder_on_the_way(root: Path, rels) -> str | None:
    """The first folder on the way from `root` to any of the files `rels` (root-relative, `/`)
    that is a symbolic link: okrsite never writes through one (`init`, `new`, `import-csv`)."""
    for rel in rels:
        parent = rel.rpartition("/")[0]
        found = linked_part(root, parent) if parent else None
        if found is not None:
            return found
    return None


def folder_link_problem(rel: str) -> Diagnostic:
    name = rel.rsplit("/", 1)[-1]
    return Diagnostic(
        "schema",
        f"{quote(name)} is a symbolic link to a folder; okrsite does not follow linked folders (they "
        "could lead outside the site or loop): put the folder itself here, or link single files "
        "that lie inside the site",
        Location(rel),
    )


def link_problem(root: Path, rel: str) -> Diagnostic | None:
    """Why the link at site-relative `rel` may not be read, or None when it leads to a file inside."""
    path = root / rel
    name = rel.rsplit("/", 1)[-1]
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return Diagnostic(
            "schema",
            f"{quote(name)} is a symbolic link that leads nowhere (its target is missing, or links "
            "loop); fix the link or delete it",
            Location(rel),
        )
    if target.is_dir():
        return folder_link_problem(rel)
    if not (target == root or root in target.parents):
        return Diagnostic(
            "schema",
            f"{quote(name)} is a symbolic link that leads outside the site folder; okrsite reads only "
            "files inside the site: copy the file in instead",
            Location(rel),
        )
    if any(part.startswith(".") for part in target.relative_to(root).parts):
        return Diagnostic(
            "schema",
            f"{quote(name)} is a symbolic link to a hidden file or folder (like .git or .env, which can "
            "hold secrets); okrsite never reads those: copy what you need to a visible file",
            Location(rel),
        )
    return None


def not_regular_problem(rel: str) -> Diagnostic:
    return Diagnostic("schema", "this is not a regular file; okrsite reads only plain files", Location(rel))


def walk(site_dir: Path, top: str) -> tuple[list[str], list[Diagnostic]]:
    """The files under `site_dir/top` okrsite may read (site-relative) and a diagnostic
    for each link or special file refused. Dotfiles and dot-folders are skipped.

    A link in `top`'s own path (`content`, `themes/x`) refuses the whole folder.
    """
    root = site_dir.resolve()
    linked = linked_part(root, top)
    if linked is not None:
        problem = link_problem(root, linked) or Diagnostic(
            "schema", f"{quote(linked)} must be a folder, not a symbolic link to a file; put the folder here",
            Location(linked))
        return [], [problem]
    if not (root / top).is_dir():
        return [], []
    files: list[str] = []
    problems: list[Diagnostic] = []
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(root / folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as err:
            problems.append(Diagnostic("schema", f"cannot read the folder: {err.strerror or err}", Location(folder)))
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = f"{folder}/{entry.name}"
            if entry.is_symlink():
                problem = link_problem(root, rel)
                if problem is None:
                    files.append(rel)
                else:
                    problems.append(problem)
            elif entry.is_dir(follow_symlinks=False):
                subfolders.append(rel)
            elif entry.is_file(follow_symlinks=False):
                files.append(rel)
            else:  # a FIFO or device would block or never end
                problems.append(not_regular_problem(rel))
        stack.extend(reversed(subfolders))  # depth first, in name order, as os.walk
    return files, problems


def read_inside(root: Path, rel: str) -> bytes:
    """The bytes of a file `walk` accepted under `root`, checked again now (it may have changed
    since): OSError when it no longer leads to a regular file inside `root`."""
    root = root.resolve()
    try:
        target = (root / rel).resolve(strict=True)
    except RuntimeError:  # a loop (Python < 3.13)
        raise OSError(f"{rel} is a symbolic link loop") from None
    if not (target == root or root in target.parents):
        raise OSError(f"{rel} leads outside the site")
    if any(part.startswith(".") for part in target.relative_to(root).parts):
        raise OSError(f"{rel} leads to a hidden file")
    fd = os.open(target, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{rel} is not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)
