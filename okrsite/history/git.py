"""The few git commands history needs, each run once per use (never once per file).

Everything is read with git's plumbing: `rev-parse` to find the repository and revisions,
`ls-tree` + `cat-file --batch` for the files of a revision, and one `log --raw` for the
content folder's whole history. The user's work tree and index are never written.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

NULL_SHA = "0" * 40
MAX_BLOB_BYTES = 5 * 1024 * 1024  # as load.MAX_FILE_BYTES: a larger content file is not read


class GitError(Exception):
    """git is missing, the folder is not in a repository, or a command failed: one line for people."""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({"GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "GIT_PAGER": "cat", "GIT_OPTIONAL_LOCKS": "0"})
    return env


def run(args: list[str], cwd: Path, input: bytes | None = None) -> bytes:
    """`git ARGS` in `cwd`: its standard output; GitError with git's own first line when it fails."""
    try:
        result = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, input=input,
                                capture_output=True, env=_env())
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except OSError as err:
        raise GitError(f"cannot run git: {err.strerror or err}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = next((line for line in message if line.startswith("fatal:")), message[0] if message else "")
        raise GitError(detail.removeprefix("fatal: ") or f"git {args[0]} failed")
    return result.stdout


@dataclass(frozen=True)
class Repo:
    """The git repository a site folder is in."""

    root: Path        # the work tree's top folder
    prefix: str       # the site folder relative to `root`: "" or "sub/dir/"
    shallow: bool
    git_dir: Path     # this work tree's git folder (HEAD lives here)
    common_dir: Path  # shared by every work tree of the repository (refs live here)

    @classmethod
    def find(cls, site_dir: Path) -> "Repo":
        """The repository around `site_dir`; GitError saying why there is none."""
        try:
            out = run(["rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository",
                       "--git-dir", "--git-common-dir"], site_dir)
        except GitError as err:
            text = str(err)
            if "not a git repository" in text:
                raise GitError(f"{site_dir} is not inside a git repository") from None
            if "dubious ownership" in text:
                raise GitError(f"git refuses to read the repository around {site_dir} (it belongs to "
                               f"another user); run: git config --global --add safe.directory '*'") from None
            raise
        lines = out.decode("utf-8", "surrogateescape").split("\n")
        if len(lines) < 5 or not lines[0]:
            raise GitError(f"{site_dir} is not inside a git work tree")
        root = Path(lines[0])
        git_dir = Path(lines[3]) if os.path.isabs(lines[3]) else site_dir / lines[3]
        common = Path(lines[4]) if os.path.isabs(lines[4]) else site_dir / lines[4]
        return cls(root, lines[1], lines[2] == "true", git_dir.resolve(), common.resolve())

    def commit(self, revision: str) -> str | None:
        """The full commit id `revision` names, or None when it names no commit."""
        if not revision or revision.startswith("-") or "\0" in revision:
            return None
        try:
            out = run(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], self.root)
        except GitError:
            return None
        sha = out.decode("ascii", "replace").strip()
        return sha or None

    def head(self) -> str | None:
        """HEAD's commit, or None in a repository without commits."""
        return self.commit("HEAD")

    def files(self, commit: str, paths: list[str]) -> list[tuple[str, str, str]]:
        """(mode, blob id, path from the root) of every file under `paths` at `commit`."""
        out = run(["ls-tree", "-r", "-z", "--full-tree", commit, "--", *paths], self.root)
        entries = []
        for record in out.split(b"\0"):
            if not record:
                continue
            meta, _, path = record.partition(b"\t")
            mode, kind, sha = meta.decode("ascii").split(" ")
            if kind == "blob":
                entries.append((mode, sha, path.decode("utf-8", "surrogateescape")))
        return entries

    def blobs(self, shas: list[str], limit: int = MAX_BLOB_BYTES) -> dict[str, bytes | int]:
        """Blob id -> its bytes (or its size, when larger than `limit`), in two git processes.

        `cat-file --batch-check` gives every size first, so a huge file in the history is
        never read into memory; `cat-file --batch` then streams the rest in one go.
        """
        unique = sorted(set(shas))
        if not unique:
            return {}
        sizes: dict[str, int] = {}
        checked = run(["cat-file", "--batch-check"], self.root, ("\n".join(unique) + "\n").encode())
        for line in checked.decode("ascii", "replace").splitlines():
            parts = line.split(" ")
            if len(parts) == 3 and parts[1] == "blob":
                sizes[parts[0]] = int(parts[2])
        result: dict[str, bytes | int] = {sha: size for sha, size in sizes.items() if size > limit}
        wanted = [sha for sha, size in sizes.items() if size <= limit]
        if not wanted:
            return result
        out = run(["cat-file", "--batch"], self.root, ("\n".join(wanted) + "\n").encode())
        at = 0
        while at < len(out):
            end = out.index(b"\n", at)
            sha, _kind, size = out[at:end].decode("ascii").split(" ")
            start = end + 1
            result[sha] = out[start:start + int(size)]
            at = start + int(size) + 1
        return result
