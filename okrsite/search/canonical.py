"""Make Pagefind's bundle byte-identical from build to build.

Pagefind 1.5 builds its filter index from hash maps (its source says so: "TODO: Change filter
indexes to BTree to give them a stable hash"), so the order of the values inside each
`filter/*.pf_filter` file, and of the filters listed in `pagefind.*.pf_meta`, changes from run
to run, and with it their hashed file names. Everything else it writes is stable. This module
puts both in sorted order and renames the files after their new contents, which is exactly
what Pagefind would write if its maps were ordered.

The formats, from Pagefind's source (pagefind/src/index/*.rs, output/mod.rs): each file is
gzip("pagefind_dcd" + CBOR); a filter file is [filter, [[value, [page, ...]], ...]]; the meta
file is [version, pages, index_chunks, [[filter, hash], ...], sorts]; pagefind-entry.json names
the meta file by its hash. Only definite-length arrays, text strings and unsigned integers occur.
"""

from __future__ import annotations

import gzip
import hashlib
import json

SIGNATURE = b"pagefind_dcd"


class FormatChanged(Exception):
    """The bundle is not in the format this module knows (a newer Pagefind)."""


# --- a minimal CBOR codec for the subset Pagefind writes -------------------------------------

def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | extra]) + value.to_bytes(size, "big")
    raise FormatChanged("integer too large for CBOR")


def encode(value) -> bytes:
    if isinstance(value, bool) or value is None:
        raise FormatChanged(f"unexpected CBOR value {value!r}")
    if isinstance(value, int):
        if value < 0:
            raise FormatChanged("negative integer in a Pagefind index")
        return _head(0, value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    raise FormatChanged(f"unexpected CBOR value of type {type(value).__name__}")


def decode(data: bytes):
    value, end = _decode(data, 0)
    if end != len(data):
        raise FormatChanged("trailing bytes after the CBOR value")
    return value


def _decode(data: bytes, at: int):
    if at >= len(data):
        raise FormatChanged("CBOR value cut short")
    first = data[at]
    major, info = first >> 5, first & 31
    at += 1
    if info < 24:
        value = info
    elif 24 <= info <= 27:
        size = 1 << (info - 24)
        if at + size > len(data):
            raise FormatChanged("CBOR value cut short")
        value = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise FormatChanged("indefinite-length or reserved CBOR item")
    if major == 0:
        return value, at
    if major == 3:
        if at + value > len(data):
            raise FormatChanged("CBOR text cut short")
        return data[at:at + value].decode("utf-8"), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise FormatChanged(f"unexpected CBOR major type {major}")


# --- the bundle ---------------------------------------------------------------------------------

def _unpack(data: bytes):
    try:
        raw = gzip.decompress(data)
    except (OSError, EOFError) as err:
        raise FormatChanged(f"not gzip: {err}") from None
    if not raw.startswith(SIGNATURE):
        raise FormatChanged("no pagefind_dcd signature")
    return decode(raw[len(SIGNATURE):])


def _pack(value) -> tuple[bytes, bytes]:
    """(CBOR, file bytes): gzip with a fixed header, as Pagefind's own (mtime 0)."""
    cbor = encode(value)
    return cbor, gzip.compress(SIGNATURE + cbor, compresslevel=9, mtime=0)


def _hash(language: str, cbor: bytes, length: int) -> str:
    return f"{language}_{hashlib.sha1(cbor).hexdigest()[:length]}"


def canonical(files: dict[str, bytes], prefix: str) -> dict[str, bytes]:
    """The bundle `files` (site path -> bytes, all under `prefix`) with sorted filter indexes."""
    entry_name = prefix + "pagefind-entry.json"
    try:
        entry = json.loads(files[entry_name])
        languages = entry["languages"]
    except (KeyError, ValueError, TypeError):
        raise FormatChanged("pagefind-entry.json is missing or unreadable") from None
    out = dict(files)
    for language, info in languages.items():
        meta_name = f"{prefix}pagefind.{info['hash']}.pf_meta"
        if meta_name not in out:
            raise FormatChanged(f"{meta_name} is missing")
        meta = _unpack(out.pop(meta_name))
        if not (isinstance(meta, list) and len(meta) >= 5 and isinstance(meta[3], list)):
            raise FormatChanged("the meta index has an unknown shape")
        filters = []
        for name, old_hash in meta[3]:
            path = f"{prefix}filter/{old_hash}.pf_filter"
            if path not in out:
                raise FormatChanged(f"{path} is missing")
            index = _unpack(out.pop(path))
            if not (isinstance(index, list) and len(index) == 2 and index[0] == name):
                raise FormatChanged("a filter index has an unknown shape")
            values = sorted(([value, sorted(pages)] for value, pages in index[1]), key=lambda item: item[0])
            cbor, packed = _pack([name, values])
            new_hash = _hash(language, cbor, 7)
            out[f"{prefix}filter/{new_hash}.pf_filter"] = packed
            filters.append([name, new_hash])
        meta[3] = sorted(filters)
        cbor, packed = _pack(meta)
        meta_hash = _hash(language, cbor, 10)
        out[f"{prefix}pagefind.{meta_hash}.pf_meta"] = packed
        info["hash"] = meta_hash
    out[entry_name] = json.dumps(entry, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return dict(sorted(out.items()))
