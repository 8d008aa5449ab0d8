"""The build cache: `.okrsite-cache/` in the site folder, so a build or check of unchanged
content does almost nothing.

An entry is the complete answer of one command (a build's files and diagnostics, a check's
diagnostics) for a key that hashes every input the answer depends on: okrsite's own code and
the versions of the libraries that shape the output, okrsite.yaml and the configuration it
gives (today's date, --base-url), every file under content/ (names and bytes), the theme
folders (site and built-in), and for a build with history the git commit it is read up to.
Equal keys mean equal inputs, so a hit returns exactly the bytes a fresh build makes. A check's
entry is stored under its key; the last build's, under a key of its theme only, names the build
key it answers: the same entry is where the next build finds its earlier pages.

The cache is never trusted: it may come from another machine (CI restores it) or be committed
to a pull request by someone else. Entries hold no code and no pickles, only bytes, names and
diagnostics in a plain length-prefixed format (the files of one-entry kinds in pack files the
entry names, each file checked against the digest the entry notes); an entry is used only when
its magic line, its version, its key and its checksum all match, and is otherwise ignored and
written again. Any
error while reading or writing it only costs the time of a build without cache.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import stat
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import okrsite
from okrsite.diagnostics import Diagnostic
from okrsite.write import digest as file_digest  # what an entry notes of each file it holds

CACHE_DIR = ".okrsite-cache"
FORMAT = 4  # 3: file digests are SHA-256 (write.digest); 4: the files of one-entry kinds in packs
MAGIC = b"okrsite-cache %d\n" % FORMAT
KEEP = 3  # entries of each kind kept (checks of a few states of the content, ...)
KEEP_OF = {"build": 1,  # the last build: its answer, and the pages a next build can use
           "documents": 1,  # the last check's parsed files (load.PARSED)
           "links": 1,  # the links of the last check's bodies (markdown.LINKS)
           "history": 1,  # old versions of files the last build's history parsed (history/log.PARSED_BLOBS)
           "search": 160}  # search index shards (search/pagefind.py: up to 64 in use)
RETIRED = ("pages",)  # kinds earlier okrsites wrote: deleted when the cache is written
# Kinds of one entry whose files are kept in pack files (`pack-KIND-NAME.pack`, bytes only),
# which the entry names, instead of after its head: the next entry of the kind names the same
# packs for the files it holds unchanged and writes only the others into a new pack (a
# one-file build at 10,000 entities rewrote its 180 MB entry). A pack is used again while at
# least half of its bytes are still named; at most MAX_PACKS are named by an entry.
PACKED = ("build", "documents", "links", "history")
MAX_PACKS = 4
_PACK_NAME = re.compile(r"[0-9a-f]{32}")
_DIGEST = 32
# Libraries whose version can change okrsite's output or diagnostics for the same input.
_LIBRARIES = ("jinja2", "markupsafe", "markdown-it-py", "mdit-py-plugins", "pyyaml", "jsonschema", "pagefind_bin")


@lru_cache(maxsize=1)
def code_version() -> str:
    """okrsite's version, a hash of its installed code and data, Python's and its libraries'
    versions: an entry made by any other okrsite (an edited checkout too) is not used."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{okrsite.__version__}\0{sys.implementation.name}\0{sys.version_info[:2]}\0".encode())
    for name in _library_versions():
        digest.update(name.encode() + b"\0")
    package = Path(okrsite.__file__).parent
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".json", ".html", ".css", ".js", ".svg", ".yaml", ".md", ".txt")):
                path = Path(folder, name)
                digest.update(path.relative_to(package).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _library_versions() -> list[str]:
    """The installed distributions of `_LIBRARIES` (`jinja2-3.1.6.dist-info`, ...), read from the
    folder names on sys.path: importing them or asking importlib.metadata costs far more."""
    wanted = {name.replace("-", "_") for name in _LIBRARIES}
    found = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info") and name[:-10].rsplit("-", 1)[0].lower().replace("-", "_") in wanted:
                found.add(name)
    return sorted(found)


class Key:
    """A running hash of labelled inputs; the order of `add` calls is part of the key."""

    def __init__(self, kind: str):
        self._digest = hashlib.blake2b(digest_size=20)
        self.add("kind", kind.encode())
        self.add("okrsite", code_version().encode())

    def add(self, label: str, data: bytes) -> None:
        self._digest.update(b"%s\0%d\0" % (label.encode(), len(data)))
        self._digest.update(data)  # not joined to the label: a large file is not copied to be hashed

    def add_file(self, label: str, path: Path, limit: int | None = None) -> None:
        """A file's bytes; what the loader would see instead when it is not a plain, readable file."""
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                self.add(label, b"<not a regular file>")
            elif limit is not None and info.st_size > limit:
                self.add(label, b"<too large> %d" % info.st_size)
            else:
                self.add(label, path.read_bytes())
        except OSError as err:
            self.add(label, f"<unreadable> {err.strerror or err}".encode())

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def content_key(kind: str, site_dir: Path, base_url: str | None = None) -> Key | None:
    """The inputs of `check`: okrsite.yaml as bytes and the day it is read on (the settings
    depend on nothing else: config.settings_stamp), --base-url, every content file, every theme
    file. None when those cannot be known (an unreadable okrsite.yaml, a bad SOURCE_DATE_EPOCH:
    the command itself says why).

    Hashed without loading okrsite.yaml, so an answer from the cache costs no JSON Schema
    validation (and no import of the validator)."""
    from okrsite.config import settings_stamp
    from okrsite.diagnostics import UsageError
    from okrsite.load import NotRead, content_bytes, discover

    key = Key(kind)
    key.add("site", str(site_dir.resolve()).encode())
    try:
        key.add("settings", settings_stamp(site_dir))
    except UsageError:
        return None
    key.add("base-url", repr(base_url).encode())
    found, problems = discover(site_dir)
    key.add("discovered", repr(([f for f in found], [d.sort_key() for d in problems])).encode())
    for rel, _kind in found:
        raw = content_bytes(site_dir / rel)  # the bytes load_document reads, inside load.one_reading()
        key.add(rel, raw if not isinstance(raw, NotRead) else f"<{raw.message}>".encode())
    add_theme(key, site_dir)
    return key


def add_theme(key: Key, site_dir: Path) -> None:
    """The built-in theme and every theme folder of the site, as okrsite may read them
    (sitefs.walk: links refused, never followed) — all of themes/, a superset of the one
    okrsite.yaml names, so the key needs no settings."""
    from okrsite import sitefs
    from okrsite.theme import builtin_theme

    builtin = builtin_theme()
    for part in ("templates", "static"):
        files, _ = sitefs.walk(builtin, part)
        for rel in sorted(files):
            key.add_file(f"builtin/{rel}", builtin / rel)
    if not os.path.lexists(site_dir / "themes"):
        key.add("themes", b"<none>")
        return
    files, problems = sitefs.walk(site_dir, "themes")
    key.add("theme-problems", repr([d.sort_key() for d in problems]).encode())
    for rel in sorted(files):
        key.add_file(rel, site_dir / rel)


class Entry:
    """A cached answer: diagnostics, a count of files read, notes and output files."""

    def __init__(self, diagnostics: list[Diagnostic], files_read: int, notes: list[str] | None = None,
                 files: dict[str, bytes] | None = None, output: dict | None = None, build: str | None = None):
        self.diagnostics = diagnostics
        self.files_read = files_read
        self.notes = list(notes or [])
        self.files = files
        self.output = output  # a published build: {"build": key, "pages": n, "files": n,
        #                       "tree": write.tree_state(out), "digests": {name: write.digest(bytes)}}
        self.build = build  # the build key whose complete answer `files` holds (pipeline.build_files)


def encode(key: str, entry: Entry) -> bytes:
    out = io.BytesIO()
    write_entry(out, key, entry)
    return out.getvalue()


class Verified:
    """The digests of byte strings this process read from the cache and checked, by identity:
    a file a build takes as it was from the last build (a page, a drawing) is not hashed again
    when the next entry or the output entry notes its digest. Only the very object counts (it
    is kept here, so its id is not reused), never equal bytes.

    Bytes read from a pack are known by where they are too, and so is each digest read there:
    the next entry names that place for these bytes, or for any bytes with that digest."""

    def __init__(self):
        self._by_id: dict[int, tuple[bytes, str, tuple[str, int] | None]] = {}
        self._by_digest: dict[str, tuple[str, int]] = {}

    def add(self, data: bytes, digest: str, place: tuple[str, int] | None = None) -> None:
        """`place`: the pack and offset `data` was read from, when it came from a pack."""
        self._by_id[id(data)] = (data, digest, place)
        if place is not None:
            self._by_digest[digest] = place

    def digest(self, data: bytes) -> str:
        known = self._by_id.get(id(data))
        return known[1] if known is not None and known[0] is data else file_digest(data)

    def place(self, data: bytes) -> tuple[str, int] | None:
        """(pack, offset) where bytes equal to `data` were read from a pack and checked; else None."""
        known = self._by_id.get(id(data))
        if known is not None and known[0] is data:
            return known[2] if known[2] is not None else self._by_digest.get(known[1])
        digest = file_digest(data)
        self._by_id[id(data)] = (data, digest, None)  # hashed once: write_entry notes it next
        return self._by_digest.get(digest)

    def clear(self) -> None:
        self._by_id.clear()
        self._by_digest.clear()


VERIFIED = Verified()  # a build's (pipeline.build_files): its entry's and search shards' files


def write_entry(out, key: str, entry: Entry, verified: Verified | None = None,
                packed: tuple[list[str], dict[str, tuple[int, int]]] | None = None) -> None:
    """`entry` written piece by piece: a build's entry holds every output file (165 MB at 10,000
    entities), which joined into one value took twice that in memory at the end of the build.
    Each file is noted with its digest (`verified` knows those of files read from the cache), and
    the head, which holds them, with a checksum: the whole entry is covered, each file hashed
    once however many builds it is taken from one entry into the next.

    With `packed` (packs, {file: (pack index, offset)}), the files are not written after the
    head: each is noted with the pack and offset that hold its bytes (Cache.put wrote them)."""
    names = list(entry.files) if entry.files is not None else None
    known = verified if verified is not None else Verified()
    if names is None:
        rows = None
    elif packed is None:
        rows = [[n, len(entry.files[n]), known.digest(entry.files[n])] for n in names]
    else:
        where = packed[1]
        rows = [[n, len(entry.files[n]), known.digest(entry.files[n]), *where[n]] for n in names]
    meta = {
        "key": key,
        "version": code_version(),
        "diagnostics": [d.fields() for d in entry.diagnostics],
        "files_read": entry.files_read,
        "notes": entry.notes,
        "files": rows,
        "packs": packed[0] if packed is not None else None,
        "output": _output_stored(entry.output),
        "build": entry.build,
    }
    head = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode()
    start = MAGIC + b"%d\n" % len(head) + head
    out.write(start)
    out.write(hashlib.blake2b(start, digest_size=_DIGEST).digest())
    if packed is None:
        for name in names or ():
            out.write(entry.files[name])


def decode(key: str, data: bytes, verified: Verified | None = None,
           read_pack: Callable[[str], bytes] | None = None) -> Entry:
    """The entry in `data`; ValueError when it is not exactly an entry for `key`.

    Read through a view: `data` (a build's pages, 200 MB at 10,000 entities) is not copied
    whole, only each file out of it, and each file is checked against its digest. `verified`
    learns the digest of each file (see Verified). The files of an entry in packs are read
    from the packs `read_pack` gives by name (OSError when one is missing)."""
    view = memoryview(data)
    meta, at = _head(data, view)
    if meta.get("key") != key or meta.get("version") != code_version():
        raise ValueError("an entry for other inputs")
    diagnostics = [Diagnostic.from_fields(fields) for fields in meta["diagnostics"]]
    files_read, notes = meta["files_read"], meta["notes"]
    if type(files_read) is not int or not all(isinstance(n, str) for n in notes):
        raise ValueError("damaged")
    output = meta.get("output")
    if output is not None:
        output = _output_read(output)
    build = meta.get("build")
    if build is not None and not isinstance(build, str):
        raise ValueError("damaged")
    files = None
    packs = meta.get("packs")
    if meta["files"] is not None and packs is not None:
        files = _from_packs(meta["files"], packs, verified, read_pack)
    elif meta["files"] is not None:
        files = {}
        for name, size, digest in meta["files"]:
            if not isinstance(name, str) or type(size) is not int or size < 0 or at + size > len(data):
                raise ValueError("damaged")
            file = bytes(view[at:at + size])
            if file_digest(file) != digest:
                raise ValueError("damaged")
            files[name] = file
            if verified is not None:
                verified.add(file, digest)
            at += size
    if at != len(data):
        raise ValueError("damaged")
    return Entry(diagnostics, files_read, notes, files, output, build)


def _head(data: bytes, view: memoryview) -> tuple[dict, int]:
    """The head of the entry in `data`, checked against its checksum, and where its files start."""
    if not data.startswith(MAGIC):
        raise ValueError("not an okrsite cache entry, or damaged")
    at = len(MAGIC)
    end = data.index(b"\n", at, at + 24)
    size = int(data[at:end])
    at = end + 1 + size
    if size < 0 or at + _DIGEST > len(data):
        raise ValueError("not an okrsite cache entry, or damaged")
    if hashlib.blake2b(view[:at], digest_size=_DIGEST).digest() != data[at:at + _DIGEST]:
        raise ValueError("not an okrsite cache entry, or damaged")
    meta = json.loads(bytes(view[end + 1:at]).decode("utf-8"))
    if not isinstance(meta, dict):
        raise ValueError("not an okrsite cache entry, or damaged")
    return meta, at + _DIGEST


def _from_packs(rows, packs, verified: Verified | None, read_pack) -> dict[str, bytes]:
    """The files of an entry whose rows name (pack index, offset): each checked like a file
    after the head."""
    if read_pack is None or not isinstance(packs, list) or not all(
            isinstance(p, str) and _PACK_NAME.fullmatch(p) for p in packs):
        raise ValueError("damaged")
    blobs: list[bytes | None] = [None] * len(packs)
    files = {}
    for name, size, digest, index, offset in rows:
        if (not isinstance(name, str) or type(size) is not int or type(index) is not int
                or type(offset) is not int or size < 0 or offset < 0 or not 0 <= index < len(packs)):
            raise ValueError("damaged")
        blob = blobs[index]
        if blob is None:
            blob = blobs[index] = read_pack(packs[index])
        if offset + size > len(blob):
            raise ValueError("damaged")
        file = blob[offset:offset + size]
        if file_digest(file) != digest:
            raise ValueError("damaged")
        files[name] = file
        if verified is not None:
            verified.add(file, digest, (packs[index], offset))
    return files


def _packs_named(path: Path) -> list[str]:
    """The packs the entry at `path` names (an entry in packs is its head alone); [] when it is
    not a whole entry."""
    try:
        data = path.read_bytes()
        packs = _head(data, memoryview(data))[0].get("packs")
    except (OSError, ValueError, RecursionError):
        return []
    return [p for p in packs if isinstance(p, str)] if isinstance(packs, list) else []


def _is_output(output) -> bool:
    """The shape Entry.output has besides its folder states (_tree_rows checks those): the
    cache is not trusted, so it is checked before use."""
    if not (isinstance(output, dict) and isinstance(output.get("build"), str)
            and type(output.get("pages")) is int and type(output.get("files")) is int):
        return False
    spare = output.get("spare")  # the old site kept beside the output (write.publish), if any
    return _is_digests(output.get("digests")) and (spare is None or _is_digests(spare[1]))


def _is_digests(digests) -> bool:
    """A dict of digests, its values' types gathered in C: a generator of isinstance calls over
    the 35,000 files of a 10,000-entity site took 20 ms a read."""
    return isinstance(digests, dict) and set(map(type, digests.values())) <= {str}


# A folder's state (write.tree_state: rows of a name and five numbers) is stored as two flat
# lists, a name per row and five numbers per row: JSON reads and writes them without a list
# per row, about twice as fast as the rows (the output entry of a 10,000-entity site holds
# two states of 35,000 rows).
_NUMBERS = 5


def _tree_columns(tree: list[list]) -> dict:
    return {"names": [row[0] for row in tree], "numbers": [n for row in tree for n in row[1:]]}


def _tree_rows(columns) -> list[list] | None:
    """The rows of `columns`, or None when they are not well formed."""
    if not isinstance(columns, dict):
        return None
    names, numbers = columns.get("names"), columns.get("numbers")
    if not (type(names) is list and type(numbers) is list and len(numbers) == _NUMBERS * len(names)
            and set(map(type, names)) <= {str} and set(map(type, numbers)) <= {int}):
        return None
    return [[name, *numbers[at:at + _NUMBERS]] for name, at in zip(names, range(0, len(numbers), _NUMBERS))]


def _output_stored(output: dict | None) -> dict | None:
    """Entry.output as an entry holds it: each folder state as columns."""
    if output is None:
        return None
    spare = output.get("spare")
    return {**output, "tree": _tree_columns(output["tree"]),
            "spare": [_tree_columns(spare[0]), spare[1]] if spare is not None else None}


def _output_read(stored) -> dict | None:
    """Entry.output from what an entry holds; ValueError when it is not well formed."""
    if not isinstance(stored, dict):
        raise ValueError("damaged")
    output = dict(stored)
    output["tree"] = _tree_rows(stored.get("tree"))
    spare = stored.get("spare")
    if spare is not None:
        if not (isinstance(spare, list) and len(spare) == 2):
            raise ValueError("damaged")
        output["spare"] = [_tree_rows(spare[0]), spare[1]]
    if output["tree"] is None or (spare is not None and output["spare"][0] is None) or not _is_output(output):
        raise ValueError("damaged")
    return output


class Cache:
    """The cache folder of one site; `enabled=False` (--no-cache) neither reads nor writes it."""

    def __init__(self, site_dir: Path, enabled: bool = True):
        self.folder = Path(site_dir) / CACHE_DIR
        self.enabled = enabled

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / f"{kind}-{key}.entry"

    def _pack_path(self, kind: str, name: str) -> Path:
        return self.folder / f"pack-{kind}-{name}.pack"

    def _read_pack(self, kind: str, name: str):
        """The pack's bytes, mapped rather than read: an entry names only the files still in use
        (up to half of a pack may be files of earlier builds), and each is copied out of the
        mapping once. Packs are never changed in place (a new one is made and renamed), so the
        mapping cannot shrink under the reader."""
        import mmap

        path = self._pack_path(kind, name)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):  # a FIFO or a device put there: not ours
                raise ValueError("not a pack")
            if info.st_size == 0:
                return b""
            return mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
        finally:
            os.close(fd)

    def get(self, kind: str, key: str, verified: Verified | None = None) -> Entry | None:
        """The entry, if it is one for `key`; `verified` learns its files' digests."""
        if not self.enabled:
            return None
        path = self._path(kind, key)
        try:
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode):  # a link or a FIFO put there: not ours
                return None
            data = path.read_bytes()
            entry = decode(key, data, verified, lambda name: self._read_pack(kind, name))
        except (OSError, ValueError, KeyError, TypeError, IndexError, UnicodeDecodeError, RecursionError):
            return None
        try:
            os.utime(path)  # used: the newest again, so pruning keeps what is in use
        except OSError:
            pass
        return entry

    def put(self, kind: str, key: str, entry: Entry, verified: Verified | None = None) -> None:
        """Store `entry` (atomically: a reader sees the old entry or the new one, never half)."""
        if not self.enabled:
            return
        try:
            if self.folder.is_symlink() or (self.folder.exists() and not self.folder.is_dir()):
                return  # not a folder okrsite made: leave it alone
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# okrsite's build cache (see okrsite build --help); safe to delete\n*\n")
            import tempfile  # here: an answer from the cache writes nothing

            known = verified if verified is not None else Verified()
            packed = self._pack(kind, entry.files, known) if kind in PACKED and entry.files is not None else None
            handle, temporary = tempfile.mkstemp(prefix=f".{kind}-", dir=self.folder)
            try:
                with os.fdopen(handle, "wb") as out:
                    write_entry(out, key, entry, known, packed)
                os.replace(temporary, self._path(kind, key))
            except BaseException:
                os.unlink(temporary)
                raise
            self._prune(kind)
            if kind in PACKED:
                self._prune_packs(kind, key, packed[0] if packed is not None else [])
            for retired in RETIRED:
                for path in self.folder.glob(f"{retired}-*.entry"):
                    path.unlink()
        except OSError:
            pass  # a read-only or full disk: the build itself still succeeds

    def _pack(self, kind: str, files: dict[str, bytes], known: Verified
              ) -> tuple[list[str], dict[str, tuple[int, int]]]:
        """The packs an entry of `files` names, and where each file is: the files read from a
        pack that is still mostly in use stay where they are; the others are written into a
        new pack (made before the entry that names it)."""
        import secrets
        import tempfile

        held: dict[str, int] = {}  # pack -> bytes of `files` it holds
        places = {name: known.place(data) for name, data in files.items()}
        for name, place in places.items():
            if place is not None:
                held[place[0]] = held.get(place[0], 0) + len(files[name])
        packs = []
        for name in sorted(held, key=lambda n: (-held[n], n)):
            try:
                info = os.lstat(self._pack_path(kind, name))
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode) and held[name] * 2 >= info.st_size and len(packs) < MAX_PACKS - 1:
                packs.append(name)
        index = {name: number for number, name in enumerate(packs)}
        where: dict[str, tuple[int, int]] = {}
        new = secrets.token_hex(16)
        handle, temporary = tempfile.mkstemp(prefix=f".pack-{kind}-", dir=self.folder)
        try:
            offset = fresh = 0  # bytes and files written into the new pack
            with os.fdopen(handle, "wb") as out:
                for name, data in files.items():
                    place = places[name]
                    if place is not None and place[0] in index:
                        where[name] = (index[place[0]], place[1])
                    else:
                        where[name] = (len(packs), offset)
                        out.write(data)
                        offset += len(data)
                        fresh += 1
            if fresh:
                os.replace(temporary, self._pack_path(kind, new))
                packs.append(new)
            else:
                os.unlink(temporary)  # every file is in an earlier pack
        except BaseException:
            if os.path.lexists(temporary):
                os.unlink(temporary)
            raise
        return packs, where

    def _prune_packs(self, kind: str, key: str, written: list[str]) -> None:
        """Delete the packs of `kind` no entry of it names (the entry for `key`, just written,
        names `written`)."""
        named = set()
        for path in self.folder.glob(f"{kind}-*.entry"):
            if path.name == self._path(kind, key).name:
                named.update(written)
            else:
                named.update(_packs_named(path))
        prefix = f"pack-{kind}-"
        for path in self.folder.glob(f"{prefix}*.pack"):
            if path.name[len(prefix):-len(".pack")] not in named:
                try:
                    path.unlink()
                except OSError:
                    pass

    def _prune(self, kind: str) -> None:
        entries = []
        for path in self.folder.glob(f"{kind}-*.entry"):
            try:
                entries.append((path.stat().st_mtime_ns, path.name, path))
            except OSError:
                pass
        for _, _, path in sorted(entries, reverse=True)[KEEP_OF.get(kind, KEEP):]:
            try:
                path.unlink()
            except OSError:
                pass


def build_key(site_dir: Path, base_url: str | None, history: str, search: bool = True) -> str | None:
    """The inputs of `build`: those of `check`, the git history (`history_state`) and the
    search indexer."""
    key = content_key("build", site_dir, base_url)
    if key is None:
        return None
    key.add("history", history.encode())
    key.add("search", indexer().encode() if search else b"<off>")
    return key.hexdigest()


def indexer() -> str:
    """Which Pagefind indexer would run (search/pagefind.executable): OKRSITE_PAGEFIND's, else
    what pagefind_bin's package folder holds (its binary), each file by name, size and time.

    The folder is found without importing pagefind_bin (which imports logging: a warm build
    asks only this), and without a second list of the names pagefind_bin gives its binary."""
    override = os.environ.get("OKRSITE_PAGEFIND")
    if override:
        paths = [Path(override)]
    else:
        from importlib.util import find_spec

        spec = find_spec("pagefind_bin")
        folders = list(spec.submodule_search_locations or ()) if spec is not None else []
        paths = sorted(Path(folders[0]).iterdir()) if folders else []
    found = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            found.append(f"{path}\0{info.st_size}\0{info.st_mtime_ns}")
    return "\0".join(found) or "<none>"


def pages_key(site_dir: Path) -> str:
    """Where the last build is kept (one entry: its files, with the fingerprint of what made
    each page, render._fingerprint, and the build key they answer): the theme and okrsite's
    code are the rest of a page's inputs, so a page of another theme or okrsite is never used."""
    key = Key("pages")
    add_theme(key, site_dir)
    return key.hexdigest()


def kept_key(kind: str) -> str:
    """Where the last check's parsed files ("documents", load.PARSED), body links ("links",
    markdown.LINKS) or the old versions of files its history parsed ("history",
    history/log.PARSED_BLOBS) are kept, each under a digest of what it was made from: okrsite's
    code is the rest of their inputs."""
    return Key(kind).hexdigest()


def output_key(out: Path) -> str:
    """What the last build published into the output folder `out` (pipeline.publish_build)."""
    key = Key("output")
    key.add("out", str(Path(out).resolve()).encode())
    return key.hexdigest()


def check_key(site_dir: Path) -> str | None:
    key = content_key("check", site_dir)
    return key.hexdigest() if key is not None else None


def history_state(site_dir: Path, history: bool = True) -> str:
    """What the history is read from: the repository, the site's place in it and HEAD (a
    commit names all its ancestors), or why there is no history."""
    if not history:
        return "<off>"
    from okrsite.history.git import GitError, Repo

    try:
        repo = Repo.find(site_dir)
        return f"{repo.root}\0{repo.prefix}\0{repo.shallow}\0{repo.head()}"
    except GitError as err:
        return f"<no history> {err}"
