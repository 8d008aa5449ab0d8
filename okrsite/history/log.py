"""The content folder's whole history in one pass: `git log` once, `git cat-file --batch` once.

The main line is read oldest first (`--first-parent`, a merge as its combined change), so each
commit turns one state of the site into the next. Only the files a commit touched are parsed,
and only their records are compared (compare.py), so the cost grows with the number of edits,
not with commits times files. A file's version that is still unchanged on disk is not parsed
again at all: the build has just loaded it; with the build cache, neither is a version an
earlier build parsed (PARSED_BLOBS).

History is of commits only; what is not committed yet has no history.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from okrsite.calendar import Calendar
from okrsite.history.compare import Change, compare
from okrsite.history.git import NULL_SHA, GitError, Repo, run
from okrsite.history.records import Record, from_document
from okrsite.kept import Kept
from okrsite.load import CONTENT_SUFFIXES, KIND_FOLDERS, Document, parse_document

FILE_MODES = ("100644", "100755")

# Old versions of content files as parse_document read them (their data alone), kept by the build
# cache (pipeline.build_files) under a digest of their kind, path and git blob id, which names
# their bytes: a build reads out of git and parses only the versions no earlier build met.
# Parsing every old version again on every build was most of the history stage, and it grows
# with every commit (bench/README.md, "bench_history.py").
PARSED_BLOBS = Kept()
_NOT_KEPT = object()


def _kept_key(rel: str, kind: str, sha: str) -> str:
    return hashlib.blake2b(f"{kind}\0{rel}\0{sha}".encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _kept_data(kept: bytes):
    """The data kept for a version (a mapping, or None for a version that did not parse), or
    _NOT_KEPT for anything else: the cache is never trusted, and records.from_document reads any
    mapping of JSON's values as an old file's, a value of the wrong type as absent."""
    try:
        data = json.loads(kept)
    except (ValueError, RecursionError):
        return _NOT_KEPT
    return data if data is None or isinstance(data, dict) else _NOT_KEPT


class Unavailable(Exception):
    """No history can be read: the reason, for one line on the terminal."""


@dataclass(frozen=True)
class Commit:
    sha: str
    time: str        # the committer's date, ISO 8601 with its offset (for feeds)
    date: dt.date    # that date's day, where it was committed
    order: int = 0   # position on the main line, oldest first

    @property
    def newest_first(self) -> tuple:
        """Sort key for "newest first": by the moment it was committed, then by position."""
        return (dt.datetime.fromisoformat(self.time).timestamp(), self.order)


class Event(NamedTuple):
    commit: Commit
    change: Change


@dataclass
class History:
    """Every change of every entity, commit by commit, oldest first."""

    commits: list[Commit] = field(default_factory=list)   # commits that changed some entity
    events: list[Event] = field(default_factory=list)     # in commit order; per commit by entity, change
    # entity id -> its state after each commit that changed it (None: removed), oldest first
    timelines: dict[str, list[tuple[Commit, Record | None]]] = field(default_factory=dict)
    first: str = ""   # the oldest commit that touched the content (a stable name for feeds)
    head: str = ""    # the commit read up to

    def events_of(self, entity: str) -> list[Event]:
        index = self.__dict__.get("_by_entity")
        if index is None:
            index = {}
            for event in self.events:
                index.setdefault(event.change.entity, []).append(event)
            self.__dict__["_by_entity"] = index
        return index.get(entity, [])


def _content_kind(rel: str) -> str | None:
    """The kind of a site-relative path, when it is a content file the loader would read."""
    parts = rel.split("/")
    if len(parts) < 3 or parts[0] != "content" or any(p.startswith(".") for p in parts):
        return None
    name = parts[-1]
    if name.lower() == "readme.md" or not name.endswith(CONTENT_SUFFIXES):
        return None
    return KIND_FOLDERS.get(parts[1])


def _parse_log(raw: bytes, prefix: str) -> list[tuple[Commit, list[tuple[str, str, str | None]]]]:
    """`git log --raw -z` output -> [(commit, [(site path, kind, new blob or None)])]."""
    commits: list[tuple[Commit, list]] = []
    tokens = raw.split(b"\0")
    at, count = 0, len(tokens)
    while at < count:
        token = tokens[at].lstrip(b"\n")
        at += 1
        if token.startswith(b"\x01"):
            sha, _, stamp = token[1:].decode("ascii", "replace").partition(" ")
            when = dt.datetime.fromisoformat(stamp)
            commits.append((Commit(sha, stamp, when.date(), len(commits)), []))
        elif token.startswith(b":") and commits and at < count:
            path = tokens[at].decode("utf-8", "surrogateescape")
            at += 1
            meta = token[1:].decode("ascii", "replace").split(" ")
            if len(meta) < 5 or not path.startswith(prefix):
                continue
            rel = path[len(prefix):]
            kind = _content_kind(rel)
            if kind is None:
                continue
            new_mode, new_sha = meta[1], meta[3]
            readable = new_mode in FILE_MODES and new_sha != NULL_SHA
            commits[-1][1].append((rel, kind, new_sha if readable else None))
    return commits


def read_history(site_dir: Path, calendar: Calendar, documents: list[Document] = ()) -> History:
    """The site's history from git; Unavailable (with the reason) when there is none to read.

    `documents` are the files as the build loaded them: a version in git that is byte for
    byte what is on disk is taken from them instead of being parsed again.
    """
    try:
        repo = Repo.find(site_dir)
    except GitError as err:
        raise Unavailable(str(err)) from None
    if repo.shallow:
        raise Unavailable("this is a shallow clone (fetch the whole history, e.g. actions/checkout "
                          "with fetch-depth: 0)")
    head = repo.head()
    if head is None:
        raise Unavailable("the repository has no commits yet")
    content = f":(literal){repo.prefix}content"
    try:
        raw = run(["log", "--first-parent", "--diff-merges=first-parent", "--raw", "-z", "--no-renames",
                   "--no-abbrev", "--reverse", "--format=%x01%H %cI", head, "--", content], repo.root)
        commits = _parse_log(raw, repo.prefix)
        final = _final_state(commits)
        on_disk = _unchanged_on_disk(repo, head, content, final, documents)
        kept = _kept_versions(commits, on_disk)
        wanted = {sha for _, entries in commits for rel, _, sha in entries
                  if sha and sha not in on_disk and (sha, rel) not in kept}
        blobs = repo.blobs(sorted(wanted))
    except GitError as err:
        raise Unavailable(f"git could not read the history: {err}") from None
    return _replay(commits, blobs, on_disk, calendar, head, kept)


def _kept_versions(commits, on_disk: dict[str, Document]) -> dict[tuple[str, str], dict | None]:
    """(blob id, path) -> the data PARSED_BLOBS kept for that old version, where it is usable
    (each is noted as used again)."""
    found: dict[tuple[str, str], dict | None] = {}
    if not PARSED_BLOBS.on:
        return found
    for _, entries in commits:
        for rel, kind, sha in entries:
            if not sha or sha in on_disk or (sha, rel) in found:
                continue
            key = _kept_key(rel, kind, sha)
            kept = PARSED_BLOBS.get(key)
            data = _kept_data(kept) if kept is not None else _NOT_KEPT
            if data is not _NOT_KEPT:
                found[(sha, rel)] = data
                PARSED_BLOBS.note(key, kept)
    return found


def _final_state(commits) -> dict[str, str]:
    state: dict[str, str] = {}
    for _, entries in commits:
        for rel, _, sha in entries:
            if sha:
                state[rel] = sha
            else:
                state.pop(rel, None)
    return state


def _unchanged_on_disk(repo: Repo, head: str, content: str, final: dict[str, str],
                       documents) -> dict[str, Document]:
    """Blob id -> the loaded Document, for files on disk that are exactly as in HEAD."""
    if not documents:
        return {}
    changed = run(["diff-index", "--name-only", "-z", "--no-renames", head, "--", content], repo.root)
    dirty = {p.decode("utf-8", "surrogateescape")[len(repo.prefix):] for p in changed.split(b"\0") if p}
    found: dict[str, Document] = {}
    for document in documents:
        sha = final.get(document.path)
        if sha and document.path not in dirty and document.data is not None:
            found.setdefault(sha, document)
    return found


def _replay(commits, blobs: dict, on_disk: dict[str, Document], calendar: Calendar, head: str,
            kept: dict[tuple[str, str], dict | None]) -> History:
    """`blobs` holds every old version not on disk and not `kept` (_kept_versions)."""
    history = History(head=head)
    if commits:
        history.first = commits[0][0].sha
    by_path: dict[str, dict[str, Record]] = {}   # the records each file defines now
    owners: dict[str, list[str]] = {}            # entity id -> the files defining it (normally one)
    parsed: dict[tuple[str, str], dict[str, Record] | None] = {}

    def records_of(rel: str, kind: str, sha: str) -> dict[str, Record] | None:
        key = (sha, rel)
        if key not in parsed:
            document = on_disk.get(sha)
            if document is not None and document.kind == kind:
                data = document.data
            elif key in kept:
                data = kept[key]
            else:
                data = version(rel, kind, sha)
            records = from_document(kind, rel, data, calendar) if data is not None else None
            parsed[key] = None if records is None else {r.id: r for r in records}
        return parsed[key]

    def version(rel: str, kind: str, sha: str) -> dict | None:
        """An old version's data, parsed exactly as the check parses files (load.py)."""
        blob = blobs.get(sha)
        if not isinstance(blob, bytes):  # missing, or larger than git.MAX_BLOB_BYTES
            return None
        data = parse_document(blob, rel, kind)[0].data
        if PARSED_BLOBS.on:
            PARSED_BLOBS.note(_kept_key(rel, kind, sha), json.dumps(data, separators=(",", ":")).encode("ascii"))
        return data

    def state(entity: str) -> Record | None:
        for path in owners.get(entity, ()):
            return by_path[path][entity]
        return None

    for commit, entries in commits:
        updates: list[tuple[str, dict[str, Record] | None]] = []
        affected: set[str] = set()
        for rel, kind, sha in entries:
            old = by_path.get(rel)
            new: dict[str, Record] | None = {}
            if sha is not None:
                new = records_of(rel, kind, sha)
                if new is None:  # unreadable in this version: what it said before still stands
                    continue
            if old:
                affected.update(old)
            affected.update(new)
            updates.append((rel, new))
        if not affected:
            continue
        before = {e: r for e in affected if (r := state(e)) is not None}
        for rel, new in updates:
            for entity in by_path.pop(rel, {}):
                owners[entity].remove(rel)
                if not owners[entity]:
                    del owners[entity]
            if new:
                by_path[rel] = new
                for entity in new:
                    paths = owners.setdefault(entity, [])
                    paths.append(rel)
                    paths.sort()
        after = {e: r for e in affected if (r := state(e)) is not None}
        changes = compare(before, after, calendar)
        if not changes:
            continue
        history.commits.append(commit)
        changed = []
        for change in changes:
            history.events.append(Event(commit, change))
            if not changed or changed[-1] != change.entity:
                changed.append(change.entity)
        for entity in changed:
            history.timelines.setdefault(entity, []).append((commit, after.get(entity)))
    return history
