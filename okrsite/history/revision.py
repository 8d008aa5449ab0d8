"""A site as it was at a git revision, through the normal pipeline.

The revision's `okrsite.yaml` and `content/` are copied out of git (`ls-tree` + one
`cat-file --batch`) into a temporary folder and checked there exactly as a site on disk is:
the same loader, schemas and linker. The user's work tree, index and HEAD are never touched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from okrsite.config import CONFIG_FILE
from okrsite.history.git import Repo
from okrsite.link import unavailable_ids
from okrsite.load import MAX_FILE_BYTES
from okrsite.pipeline import Checked, check


def check_revision(repo: Repo, commit: str) -> Checked | None:
    """The site folder as committed in `commit`, checked; None when it had no okrsite.yaml."""
    prefix = repo.prefix
    entries = repo.files(commit, [f"{prefix}{CONFIG_FILE}", f"{prefix}content"])
    if not any(path == f"{prefix}{CONFIG_FILE}" for _, _, path in entries):
        return None
    blobs = repo.blobs([sha for _, sha, _ in entries], limit=MAX_FILE_BYTES)
    with tempfile.TemporaryDirectory(prefix="okrsite-rev-") as folder:
        site_dir = Path(folder) / "site"
        site_dir.mkdir()
        for mode, sha, path in entries:
            rel = path[len(prefix):]
            target = site_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            data = blobs.get(sha, b"")
            if mode == "120000":  # a symbolic link, kept as one: the loader decides whether it may be read
                if isinstance(data, bytes):
                    os.symlink(os.fsdecode(data), target)
                continue
            if isinstance(data, int):  # too large to read: a file of that size, which the loader refuses
                with open(target, "wb") as handle:
                    handle.truncate(data)
                continue
            target.write_bytes(data)
        return check(site_dir)


def unreadable_ids(checked: Checked | None) -> set[str]:
    """Ids claimed by files that failed to load or validate on one side of a comparison."""
    if checked is None:
        return set()
    site = checked.site
    valid = set()
    if site is not None:
        valid = {e.path for table in (site.objectives, site.milestones, site.teams, site.pages)
                 for e in table.values()} | {t.path for t in site.tasks.values()}
    invalid = [d for d in checked.documents if d.path not in valid]
    return set(unavailable_ids(invalid))
