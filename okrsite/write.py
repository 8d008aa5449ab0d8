"""Write stage: put a complete build in place at once, or leave the old one untouched.

The new site is written to a sibling temporary folder and swapped in with two renames, so a
failure half-way (a full disk, an unwritable file) never leaves a mixed or empty site.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

MARKER = ".okrsite-build"  # marks a folder okrsite may replace; it never deletes anything else


class WriteError(Exception):
    pass


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


def write_tree(files: dict[str, bytes], folder: Path) -> None:
    for rel, data in files.items():
        path = safe_join(folder, rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _reason(err: OSError) -> str:
    return f"{err.strerror or err} ({err.filename or ''})".replace(" ()", "")


def publish(files: dict[str, bytes], out: Path) -> None:
    """Replace `out` with exactly `files`; on any error `out` stays as it was."""
    out = out.resolve()
    check_replaceable(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    except OSError as err:
        raise WriteError(f"cannot create {out}: {_reason(err)}") from None
    try:
        write_tree({**files, MARKER: b"This folder is written by okrsite build and replaced on every build.\n"}, staging)
        os.chmod(staging, 0o755)
    except BaseException as err:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(err, OSError):
            raise WriteError(f"could not write the site: {_reason(err)}") from None
        raise
    old = None
    try:
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            old.rmdir()
            os.rename(out, old)
        os.rename(staging, out)
    except OSError as err:
        if old is not None and old.exists() and not out.exists():
            os.rename(old, out)
        shutil.rmtree(staging, ignore_errors=True)
        raise WriteError(f"could not put the new site in place: {_reason(err)}") from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
