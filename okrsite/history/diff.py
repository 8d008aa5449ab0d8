"""`okrsite diff`'s work: two revisions of a site -> the changes between them.

Each side goes through the whole pipeline (a revision from a temporary copy out of git, the
work tree as it is), so what is compared is exactly what `okrsite build` would publish.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from okrsite.config import CONFIG_FILE
from okrsite.diagnostics import UsageError
from okrsite.history.compare import Change, compare
from okrsite.history.git import GitError, Repo
from okrsite.history.records import from_site
from okrsite.history.revision import check_revision, unreadable_ids
from okrsite.pipeline import Checked, check

WORKTREE = "worktree"


@dataclass
class Diff:
    base: str                 # commit id
    head: str                 # commit id or "worktree"
    changes: list[Change]
    notes: list[str] = field(default_factory=list)  # one line each, for standard error


def open_repo(site_dir: Path) -> Repo:
    try:
        return Repo.find(site_dir)
    except GitError as err:
        if "not inside a git" in str(err):
            raise UsageError(f"{err}: okrsite diff compares git revisions of a site; run it in a git "
                             "checkout (or pass --site DIR)") from None
        raise UsageError(str(err)) from None


def resolve(repo: Repo, revision: str, role: str) -> str:
    sha = repo.commit(revision)
    if sha is None:
        hint = ("; this is a shallow clone, so older commits are missing: fetch them "
                "(git fetch --unshallow, or actions/checkout with fetch-depth: 0)") if repo.shallow else \
               "; give a branch, tag or commit id (git log --oneline lists them)"
        shown = revision if revision.isprintable() else repr(revision)
        raise UsageError(f"{role} '{shown}' is not a commit in the repository at {repo.root}{hint}")
    return sha


def diff(site_dir: Path, base: str, head: str | None = None) -> Diff:
    """Compare BASE with HEAD (default: the work tree). UsageError when it cannot run."""
    repo = open_repo(site_dir)
    base_sha = resolve(repo, base, "BASE")
    head_sha = resolve(repo, head, "HEAD") if head is not None else WORKTREE
    try:
        old = check_revision(repo, base_sha)
        if head is None:
            new: Checked | None = check(site_dir)
        else:
            new = check_revision(repo, head_sha)
    except GitError as err:
        raise UsageError(f"git could not read the site: {err}") from None
    if new is None:
        raise UsageError(f"there is no {repo.prefix}{CONFIG_FILE} in HEAD ({head}): it has no okrsite site to compare")
    result = Diff(base_sha, head_sha, [])
    for side, checked, name in (("BASE", old, base), ("HEAD", new, head or "the work tree")):
        if checked is None:
            result.notes.append(f"note: {name} has no {repo.prefix}{CONFIG_FILE}: everything in HEAD counts as added")
            continue
        if checked.site is None:
            raise UsageError(f"cannot compare: {CONFIG_FILE} in {side} ({name}) has errors; "
                             "run okrsite check there to see them")
        if checked.errors:
            result.notes.append(f"note: {side} ({name}) has {checked.errors} error"
                                f"{'s' if checked.errors != 1 else ''}; what is in files with errors is left out "
                                "(okrsite check shows them)")
    calendar = new.config.calendar
    result.changes = compare(
        from_site(old.site) if old is not None else {}, from_site(new.site), calendar,
        unreadable_ids(old), unreadable_ids(new))
    return result
