"""What each page's view reads of the linked Site, so a cached build after an edit makes again
only the views that read something the edit changed (issue 15).

A view is a function of the Site: its entities, and site-wide data (settings, calendar,
quarters, history). While a view is made, the Site's entity tables (`Table`) note each entity
it looks up and each table it goes through whole, and an entity's `body` (`Body`) notes that
it was read. A cached build keeps, with each page's fingerprint, what its view read, and a
digest of everything that can be read: each entity's data without its body, each body, each
table as a whole (its ids in order and their data), and the site-wide data. The next build
takes a page's earlier bytes without making its view when the site-wide digest is unchanged
and so is every digest its view read: the view would be the same.

Memos that share view data between pages (views._per_site) replay what their maker read each
time they answer, so a page that takes a memo's answer depends on what it was made from.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from contextlib import contextmanager

# The Site's entity tables, by the tag their reads are noted under
TABLES = {"o": "objectives", "m": "milestones", "t": "teams", "p": "pages", "k": "key_results",
          "h": "hypotheses", "x": "tasks"}
WHOLE = "*"  # the read of a table as a whole (its keys, values or length), after its tag


class Reads:
    """What one view (or one memo's maker) read: ids by table tag, and bodies as (tag, id)."""

    __slots__ = ("ids", "bodies")

    def __init__(self) -> None:
        self.ids: dict[str, set] = {tag: set() for tag in TABLES}
        self.bodies: set = set()

    def update(self, other: "Reads") -> None:
        for tag, ids in other.ids.items():
            self.ids[tag] |= ids
        self.bodies |= other.bodies

    def keys(self) -> list[str]:
        """As digest keys (see `digests`), sorted; a table read whole stands for its entities."""
        found = []
        for tag, ids in self.ids.items():
            if WHOLE in ids:
                found.append(tag + WHOLE)
            else:
                found.extend(_key(tag, i) for i in ids if isinstance(i, str))
        found.extend("b" + _key(tag, i) for tag, i in self.bodies)
        return sorted(found)


_reading: Reads | None = None  # the view being made; None outside a cached build's views


def _key(tag: str, entity_id: str) -> str:
    return f"{tag}\0{entity_id}"


@contextmanager
def reading():
    """Note what the code in the block reads, and add it to what the enclosing block reads."""
    global _reading
    outer, reads = _reading, Reads()
    _reading = reads
    try:
        yield reads
    finally:
        _reading = outer
        if outer is not None:
            outer.update(reads)


def replay(reads: Reads | None) -> None:
    """What a memo's maker read, read again by the view that takes the memo's answer."""
    if _reading is not None and reads is not None:
        _reading.update(reads)


def remembered(site, make):
    """(make(), what it read) for a memo of `site`'s views. Noted even outside a view, when the
    site is watched: a memo made before the views (the search records are) may answer one
    later; for a site that is not (serve, --no-cache), nothing is noted: (make(), None)."""
    if type(site.milestones) is not Table:
        return make(), None
    with reading() as reads:
        value = make()
    return value, reads


def note(tag: str, entity_id: str) -> None:
    if _reading is not None:
        _reading.ids[tag].add(entity_id)


class Table(dict):
    """An entity table that notes what a view being made reads of it. Every way to read more than
    one key (iterating, keys, values, items, len, truth) reads the table whole."""

    __slots__ = ("tag",)

    def __init__(self, tag: str, entries: dict):
        super().__init__(entries)
        self.tag = tag

    def __getitem__(self, key):
        if _reading is not None:
            _reading.ids[self.tag].add(key)
        return dict.__getitem__(self, key)

    def get(self, key, default=None):
        if _reading is not None:
            _reading.ids[self.tag].add(key)
        return dict.get(self, key, default)

    def __contains__(self, key):
        if _reading is not None:
            _reading.ids[self.tag].add(key)
        return dict.__contains__(self, key)

    def _whole(self) -> None:
        if _reading is not None:
            _reading.ids[self.tag].add(WHOLE)

    def __iter__(self):
        self._whole()
        return dict.__iter__(self)

    def __len__(self):
        self._whole()
        return dict.__len__(self)

    def keys(self):
        self._whole()
        return dict.keys(self)

    def values(self):
        self._whole()
        return dict.values(self)

    def items(self):
        self._whole()
        return dict.items(self)

    def __reduce__(self):
        return dict, (dict(dict.items(self)),)


class Body:
    """An entity's Markdown body (a field of the model's dataclasses): its reads by a view are
    noted apart from the entity's other data, so an edit of prose makes again only the views
    that show that prose (the entity's own page), not every list the entity is in."""

    def __init__(self, tag: str):
        self.tag = tag

    def __get__(self, entity, owner=None):
        if entity is None:
            return ""  # the dataclass field's default
        if _reading is not None:
            _reading.bodies.add((self.tag, entity.id))
        return entity.__dict__["body"]

    def __set__(self, entity, value) -> None:
        entity.__dict__["body"] = value


def watch(site) -> None:
    """Let the Site's tables note what views read of them (done once, before any view is made)."""
    for tag, name in TABLES.items():
        setattr(site, name, Table(tag, getattr(site, name)))


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def digests(site) -> dict[str, str]:
    """A digest of each entity's data without its body ("m\\0id"), of each body ("bm\\0id"), and
    of each table as a whole ("m*"). Pickle is faithful (equal bytes, equal data); bytes that
    differ for equal data only cost a view made again."""
    found = {}
    for tag, name in TABLES.items():
        whole = hashlib.blake2b(digest_size=16)
        for entity_id, entity in dict.items(getattr(site, name)):
            state = entity.__dict__
            if "body" in state:
                state = dict(state)
                found["b" + _key(tag, entity_id)] = _digest(state.pop("body").encode("utf-8", "surrogatepass"))
            digest = found[_key(tag, entity_id)] = _digest(pickle.dumps(state, protocol=5))
            whole.update(f"{len(entity_id)}\0{entity_id}{digest}".encode("utf-8", "surrogatepass"))
        found[tag + WHOLE] = whole.hexdigest()
    return found


def site_digest(site, extra: str) -> str:
    """Everything else a view may read: the settings (with the calendar), the quarters, whether
    the site plans, and the history (`extra`: the commit it was read up to, see
    cache.history_state; with what it says of the current site)."""
    history = site.history
    shown = None if history is None else (history.today, history.badge_days, history.badges, history.baselines)
    return _digest(pickle.dumps((site.config, site.quarters, site.current_quarter, site.planning, extra, shown),
                                protocol=5))


class Inputs:
    """A cached build's page inputs: this build's digests, what the last build kept, and what
    this build's pages read (for the next one)."""

    def __init__(self, site, earlier: bytes | None, extra: str = ""):
        watch(site)
        self.digests = digests(site)
        self.site = site_digest(site, extra)
        self.pages: dict[str, list] = {}  # file -> [fingerprint, read keys], this build's
        self._earlier_pages: dict = {}
        self._changed: set = set()
        before = _decoded(earlier)
        if before is not None and before["site"] == self.site:
            old, new = before["digests"], self.digests
            self._changed = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
            self._earlier_pages = before["pages"]

    def reusable(self, file: str) -> tuple[str, list[str]] | None:
        """(fingerprint, read keys) the page had in the last build, when nothing its view read
        has changed since."""
        found = self._earlier_pages.get(file)
        if found is None or not self._changed.isdisjoint(found[1]):
            return None
        return found

    def made(self, file: str, fingerprint: str, keys: list[str]) -> None:
        self.pages[file] = [fingerprint, keys]

    def kept(self) -> bytes:
        return json.dumps({"site": self.site, "digests": self.digests, "pages": dict(sorted(self.pages.items()))},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _decoded(data: bytes | None) -> dict | None:
    """What `Inputs.kept` wrote, or None for anything else (the cache is never trusted)."""
    if data is None:
        return None
    try:
        found = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None
    if not (isinstance(found, dict) and isinstance(found.get("site"), str)
            and isinstance(found.get("digests"), dict) and isinstance(found.get("pages"), dict)):
        return None
    pages = {}
    for file, page in found["pages"].items():
        if not (isinstance(page, list) and len(page) == 2 and isinstance(page[0], str)
                and isinstance(page[1], list) and all(isinstance(k, str) for k in page[1])):
            return None
        pages[file] = (page[0], page[1])
    found["pages"] = pages
    return found
