"""The search index, made by Pagefind's indexer from okrsite's records, in memory.

Pagefind ships its indexer as a binary in the PyPI package `pagefind_bin` (no download at run
time). Its `--service` mode takes base64 JSON messages separated by commas on stdin and answers
the same way on stdout — the protocol Pagefind's own Python and Node wrappers speak. We speak
it directly: the Python wrapper polls once per 0.1 s per answer (minutes for a large site).
Each record goes in as a small HTML document with its own URL, kind and filters; the bundle
comes back over the same pipe (GetFiles: no temporary files, thousands of them on a large
site), so the write stage publishes it atomically with the rest of the site.
"""

from __future__ import annotations

import base64
import collections
import hashlib
import json
import os
import subprocess
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from okrsite.search.canonical import FormatChanged, canonical

if TYPE_CHECKING:
    from okrsite.search.records import Record

# What the browser needs from the bundle: the search API, its worker and WebAssembly, the index.
# Pagefind's own ready-made interfaces (pagefind-ui.js, ...) are left out: the theme has its own.
# An index's own files: another shard's bundle needs only these (the first one's script and
# WebAssembly serve all shards).
_ENTRY = "pagefind-entry.json"
_INDEX_SUFFIXES = (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter")
_KEEP_FILES = ("pagefind.js", "pagefind-worker.js", _ENTRY)
_KEEP_SUFFIXES = (*_INDEX_SUFFIXES, ".pagefind")
# An indexer that hangs is stopped (the build then goes on without search); the limit grows with
# the work: a 50,000-entity site sends 130,000 records, which took over ten minutes on a busy
# 2-core machine, so a fixed ten minutes stopped a healthy indexer there.
TIMEOUT_SECONDS = 600
TIMEOUT_PER_REQUEST = 0.02


class SearchUnavailable(Exception):
    """The indexer cannot run here (no binary for this platform, or it failed): build without search."""


def executable() -> Path:
    override = os.environ.get("OKRSITE_PAGEFIND")  # an installed pagefind, for platforms without a wheel
    if override:
        return Path(override)
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchUnavailable("the Pagefind indexer (Python package pagefind_bin) is not installed "
                                "for this platform") from None
    try:
        return Path(get_executable())
    except (FileNotFoundError, OSError) as err:
        raise SearchUnavailable(f"the Pagefind indexer is missing: {err}") from None


def _message(number: int, payload: dict) -> bytes:
    return base64.b64encode(json.dumps({"message_id": number, "payload": payload}).encode("utf-8")) + b","


def _requests(records: list[Record], language: str) -> list[bytes]:
    messages = [_message(1, {"type": "NewIndex", "config": {"force_language": language}})]
    for number, record in enumerate(records, 2):
        messages.append(_message(number, {
            "type": "AddFile", "index_id": 0, "url": record.url, "file_path": None,
            "file_contents": record.html(),
        }))
    messages.append(_message(len(messages) + 1, {"type": "GetFiles", "index_id": 0}))
    return messages


def _converse(command: list[str], requests: list[bytes]) -> dict:
    """Send every request and return the last answer's payload.

    The requests are streamed by a writer thread while this one reads the answers: Pagefind's
    service takes its messages one at a time, in the order they arrive, and answers each before
    it reads the next (pagefind/src/service/mod.rs, 1.5), so the index is built from the
    records in our order and its bytes do not depend on timing, without a round trip per
    record (a third of the indexing time on a 10,000-entity site)."""
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL)
    except OSError as err:
        raise SearchUnavailable(f"the Pagefind indexer could not start: {err.strerror or err}") from None
    timer = threading.Timer(TIMEOUT_SECONDS + TIMEOUT_PER_REQUEST * len(requests), process.kill)
    timer.start()
    replies: collections.deque[bytes] = collections.deque()
    partial: list[bytes] = []  # the start of an answer not yet ended by its comma

    def feed() -> None:
        try:
            for request in requests:
                process.stdin.write(request)
            process.stdin.flush()
        except (OSError, ValueError):
            pass  # the indexer stopped (or was stopped): the reader reports why

    writer = threading.Thread(target=feed, name="pagefind-requests", daemon=True)

    def answer() -> dict:
        # thousands of short answers arrive per read: split each chunk once (re-slicing a
        # buffer per answer was quadratic), and keep a long answer's pieces until its comma
        while not replies:
            chunk = process.stdout.read1(1 << 20)
            if not chunk:
                raise SearchUnavailable(f"the Pagefind indexer stopped early (exit status {process.poll()})")
            if b"," not in chunk:
                partial.append(chunk)
                continue
            pieces = chunk.split(b",")
            partial.append(pieces[0])
            replies.append(b"".join(partial))
            replies.extend(pieces[1:-1])
            partial[:] = [pieces[-1]]
        reply = replies.popleft()
        try:
            payload = json.loads(base64.b64decode(reply)).get("payload") or {}
        except ValueError:
            raise SearchUnavailable("the Pagefind indexer answered something unreadable") from None
        if payload.get("type") == "Error":
            raise SearchUnavailable(f"the Pagefind indexer failed: {payload.get('message', 'no reason given')}")
        return payload

    try:
        writer.start()
        payload: dict = {}
        for _ in requests:
            payload = answer()
        return payload
    finally:
        timer.cancel()
        process.kill()
        writer.join()
        try:
            process.stdin.close()
        except OSError:
            pass
        process.wait()


# Records per index shard, about. An edit re-indexes its shard (Pagefind: about 0.45 ms a record),
# so smaller shards make a one-file build cheaper; more shards mean more files for the search box
# to fetch and rankings from smaller indexes. 1,000: 0.4 s per edit, 4 shards for a roadmap of
# 1,400 milestones, 32 for 10,000 entities (the one-file build of the real-roadmap shape: 4.9 ->
# 4.1 CPU s against 2,000).
SHARD_RECORDS = 1000
MAX_SHARDS = 64
INDEXERS = max(1, min(os.cpu_count() or 1, 4))  # Pagefind processes at a time
SHARDS_FILE = "okrsite-shards.json"  # beside pagefind.js: the other shards, for the theme's script


def shard_count(records: int) -> int:
    """1 for up to SHARD_RECORDS records, else the power of two that keeps shards near that size."""
    count = 1
    while count < MAX_SHARDS and records > count * SHARD_RECORDS:
        count *= 2
    return count


def shard_of(url: str, count: int) -> int:
    """The shard of a record: by its page (the URL without #fragment), so a milestone and its
    tasks, an objective and its key results, always share one and an edit re-indexes one."""
    page = url.split("#", 1)[0]
    return int.from_bytes(hashlib.blake2b(page.encode(), digest_size=8).digest(), "big") % count


def bundle(records: list[Record], language: str, prefix: str, store=None) -> dict[str, bytes]:
    """The search bundle as {site path: bytes}, every path under `prefix` (e.g. "pagefind/").

    A large site's index is cut into shards (shard_of), each indexed by its own Pagefind run:
    the first shard's bundle is at `prefix`, with Pagefind's script and WebAssembly; each other
    shard is an index of its own at `prefix`shard-N/, listed in `prefix`okrsite-shards.json
    (an empty list when there is one shard), which the theme's script merges into the first (Pagefind's mergeIndex: one WebAssembly,
    filters and scores merged). With `store` (the site's build cache, okrsite/cache.py), a
    shard made before from exactly the same requests by the same indexer is used again, so an
    edit re-indexes only its own shard, and one that changes no record none."""
    count = shard_count(len(records))
    groups: list[list[Record]] = [[] for _ in range(count)]
    for record in records:
        groups[shard_of(record.url, count)].append(record)
    groups = [group for group in groups if group]
    command = [str(executable()), "--service"]
    indexed_by = _indexed_by(store)
    files: dict[str, bytes] = {}
    others = []

    places = [prefix if number == 0 else f"{prefix}shard-{number}/" for number in range(len(groups))]

    def index(number: int) -> dict[str, bytes]:
        return _shard(command, indexed_by, store, groups[number], language, places[number])

    # Each indexer runs on one core: shards are indexed side by side, and gathered in order.
    shards = _side_by_side(index, len(groups), max(1, min(len(groups), INDEXERS)))
    for number, (made, where) in enumerate(zip(shards, places)):
        if number:
            others.append(f"shard-{number}/")
            made = {name: data for name, data in made.items()
                    if name == where + _ENTRY or name.endswith(_INDEX_SUFFIXES)}
        files.update(made)
    # always there (an empty list for one shard), so the browser never asks for a missing file
    files[prefix + SHARDS_FILE] = json.dumps({"shards": others}, separators=(",", ":")).encode()
    return dict(sorted(files.items()))


def _side_by_side(make, count: int, threads: int) -> list:
    """[make(0), ..., make(count - 1)], made by `threads` threads taking the next number in turn;
    the first exception is raised once every thread has stopped (none starts another number after
    it). Plain threads: concurrent.futures imports logging, 10 ms of a build's start for this."""
    made: list = [None] * count
    failed: list[BaseException] = []
    numbers = iter(range(count))
    lock = threading.Lock()

    def run() -> None:
        while True:
            with lock:
                number = next(numbers, None) if not failed else None
            if number is None:
                return
            try:
                made[number] = make(number)
            except BaseException as err:  # noqa: BLE001 - raised again in the calling thread
                with lock:
                    failed.append(err)
                return

    workers = [threading.Thread(target=run, name=f"pagefind-{n}", daemon=True) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if failed:
        raise failed[0]
    return made


def _indexed_by(store) -> str | None:
    """Which indexer runs (cache.indexer), for the keys of the cached shards; None without a cache."""
    if store is None or not store.enabled:
        return None
    from okrsite.cache import indexer

    return indexer()


def _shard(command: list[str], indexed_by: str | None, store, records: list[Record], language: str,
           prefix: str) -> dict[str, bytes]:
    """One shard's bundle: from the build cache when the same indexer made it from the same
    records (the requests are a function of them and okrsite's code, which the key holds: they
    are made only when the shard is indexed), else indexed (and then kept there)."""
    key = None
    if indexed_by is not None:
        from okrsite.cache import VERIFIED, Key

        hashed = Key("search")
        hashed.add("indexer", indexed_by.encode())
        hashed.add("prefix", prefix.encode())
        # the records' fields, not the HTML made of them (twice the time at 10,000 entities):
        # the requests are a function of these and of okrsite's code, which every Key holds
        hashed.add("records", json.dumps([language, *((record.url, record.kind, record.title, record.text,
                                                        record.context, record.filters) for record in records)],
                                         ensure_ascii=False).encode())
        key = hashed.hexdigest()
        entry = store.get("search", key, VERIFIED)  # its files are the site's: not hashed again
        if entry is not None and entry.files:
            return entry.files
    files = _bundle(command, _requests(records, language), prefix)
    if key is not None:
        from okrsite.cache import Entry

        store.put("search", key, Entry([], 0, files=files))
    return files


def _bundle(command: list[str], requests: list[bytes], prefix: str) -> dict[str, bytes]:
    reply = _converse(command, requests)
    files: dict[str, bytes] = {}
    for item in reply.get("files") or ():
        path = str(item.get("path", "")).replace("\\", "/").lstrip("/")
        name = path.rsplit("/", 1)[-1]
        if ".." in path.split("/") or not (name in _KEEP_FILES or name.endswith(_KEEP_SUFFIXES)):
            continue
        files[prefix + path] = base64.b64decode(item.get("content", ""))
    if prefix + "pagefind.js" not in files:
        raise SearchUnavailable("the Pagefind indexer returned no search bundle")
    try:
        return canonical(files, prefix)
    except FormatChanged as err:
        raise SearchUnavailable(f"the Pagefind indexer wrote a bundle okrsite does not know ({err}); "
                                "install the pagefind_bin version okrsite names") from None
