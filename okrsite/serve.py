"""`okrsite serve`: a live preview that rebuilds what a save affects and reloads open tabs.

The pieces, each replaceable in tests:

- `Preview.rebuild(changes)`: the incremental pipeline. It keeps the parsed `Document` of
  every unchanged file, re-reads only the changed ones (and runs discovery again only when
  files appear, disappear or move), re-runs `check` on those documents (the linked model is
  rebuilt every time: cheap and never stale), re-renders with a memoising `Renderer` (a page
  whose view data is unchanged is not rendered again), then swaps the new `Snapshot` in whole
  and tells open tabs. A build with errors becomes an error page; the next good save brings the
  site back.
- An HTTP server (`ThreadingHTTPServer`) that serves the current snapshot from memory (never
  from disk, never writing `public/`): only keys of the built site's dict are reachable.
- Live reload through Server-Sent Events at `/__okrsite/events`; a small script is injected
  before `</body>` of HTML responses at serve time only (never into `okrsite build` output).
- Watchers (`watchfiles`) on `okrsite.yaml`, `content/` and `themes/` that batch bursts of
  changes into one rebuild.
"""

from __future__ import annotations

import bisect
import errno
import functools
import html
import ipaddress
import mimetypes
import gc
import os
import queue
import secrets
import socket
import socketserver
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self
from urllib.parse import unquote

from okrsite import sitefs
from okrsite.bidi import isolate
from okrsite.config import CONFIG_FILE
from okrsite.diagnostics import Diagnostic, UsageError, format_text, summary_line
from okrsite.load import Document, discover, listed_kind, read_document
from okrsite.pipeline import check
from okrsite.render import Renderer, RenderError, theme_dirs

EVENTS_PATH = "/__okrsite/events"
RESERVED_PREFIX = "/__okrsite/"
WATCH_STEP_MS = 15  # a change is handed over once nothing else changed for this long ...
WATCH_DEBOUNCE_MS = 1600  # ... or at the latest this long after the first change of a burst
PING_SECONDS = 15.0  # keeps event streams alive through proxies; finds closed tabs

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".ics": "text/calendar; charset=utf-8",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".webmanifest": "application/manifest+json",
}

_RELOAD_SCRIPT = (
    "<script>/* okrsite serve: live reload (not part of the built site) */"
    "(function(){{var build={build!r};function connect(){{"
    "var es=new EventSource({events!r});"
    "es.addEventListener('build',function(e){{if(e.data!==build){{location.reload();}}}});"
    "es.addEventListener('reload',function(){{location.reload();}});"
    "es.onerror=function(){{es.close();setTimeout(connect,1000);}};"
    "}}connect();}})();</script>\n"
)


def reload_script(build_id: str) -> bytes:
    """The live-reload script for a page served from build `build_id`.

    On (re)connecting, the server names the build it serves; a page from another build (one
    made while the tab was disconnected, or by an earlier server) reloads at once.
    """
    return _RELOAD_SCRIPT.format(build=build_id, events=EVENTS_PATH).encode("utf-8")


def inject(page: bytes, script: bytes) -> bytes:
    """`page` with `script` inserted before its last `</body>` (appended when there is none)."""
    at = page.lower().rfind(b"</body>")
    if at < 0:
        return page + script
    return page[:at] + script + page[at:]


def content_type(key: str) -> str:
    suffix = os.path.splitext(key)[1].lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(key)
    return guessed or "application/octet-stream"


# --- requests -> keys of the built site ---------------------------------------------------

@dataclass(frozen=True)
class Target:
    """What a request target names: `kind` is file, redirect, events, not-found or bad."""

    kind: str
    key: str = ""  # the site file (file), or the Location (redirect)


def resolve(target: str, files: Mapping[str, bytes]) -> Target:
    """A request target -> a key of `files`, a redirect, or nothing.

    Only keys of `files` are reachable: the path is split on `/` first, then each segment is
    percent-decoded on its own, and a segment that decodes to a separator, a NUL or another
    control character, `.` or `..` makes the request not found, as do empty segments (`//`).
    So no spelling (`%2e%2e`, `%2f`, `\\`, `//host/x`) can be normalised onto another key.
    """
    if not target.startswith("/"):
        return Target("bad")  # absolute-form (http://host/x) or `*`: not for this server
    path, _, query = target.partition("?")
    path = path.partition("#")[0]
    if path == EVENTS_PATH:
        return Target("events")
    if path.startswith(RESERVED_PREFIX):
        return Target("not-found")
    segments = path[1:].split("/")
    decoded: list[str] = []
    for index, raw in enumerate(segments):
        try:
            segment = unquote(raw, errors="strict")
        except UnicodeDecodeError:
            return Target("bad")
        if segment == "":
            if index == len(segments) - 1:  # the trailing slash of a folder (or the root)
                continue
            return Target("not-found")
        if segment in (".", "..") or any(c in "/\\" or ord(c) < 32 or ord(c) == 127 for c in segment):
            return Target("not-found")
        decoded.append(segment)
    rel = "/".join(decoded)
    if not rel:
        return Target("file", "index.html")
    if path.endswith("/"):
        return Target("file", f"{rel}/index.html")
    if rel in files:
        return Target("file", rel)
    if f"{rel}/index.html" in files:
        return Target("redirect", path + "/" + (f"?{query}" if query else ""))
    return Target("not-found")


# --- builds ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Snapshot:
    """One complete build as served. Replaced whole, never changed in place."""

    version: int
    build_id: str
    files: Mapping[str, bytes]  # the last good build ({} before the first one)
    error: bytes | None = None  # the error page when the latest rebuild failed
    title: str = ""


@dataclass
class RebuildStats:
    """What one rebuild did and where its time went (seconds)."""

    version: int = 0
    full: bool = False
    discovered: bool = False  # whether content/ was walked again
    files_read: int = 0
    read: float = 0.0
    check: float = 0.0
    render: float = 0.0
    swap: float = 0.0
    total: float = 0.0
    rendered: int = 0  # pages rendered (not taken from the memo)
    errors: int = 0
    warnings: int = 0
    published: bool = False  # whether what is served changed (and tabs were told)
    published_at: float = 0.0  # time.perf_counter() when tabs were told
    saved: list[str] = field(default_factory=list)  # what changed on disk (site-relative)
    changed: list[str] = field(default_factory=list)  # entities whose data changed: "milestone x"
    site_wide: str = ""  # why every page may have changed (okrsite.yaml, the theme), if so
    unchanged: bool = False  # the save changed nothing okrsite reads
    relinked: bool = False  # the check's answer was made from the previous one (Preview._relink)
    # (Site before, Site after) whose entities `changed` lists: compared after the reload, since
    # comparing every entity of a 10,000-entity model took a tenth of a structural save
    compared: tuple | None = field(default=None, repr=False, compare=False)
    started_at: float = 0.0  # time.perf_counter() when the rebuild began


@dataclass
class _Changes:
    full: bool = False
    config: bool = False
    theme: bool = False
    structure: bool = False
    git: bool = False  # a new commit (or checkout): history is read again
    reread: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return self.full or self.config or self.theme or self.structure or self.git or bool(self.reread)


class Preview:
    """A live preview of one site: build in memory, serve over HTTP, rebuild on save.

    `start()` binds the address (failing fast when the port is taken), starts the watchers,
    builds everything once and serves; `stop()` undoes it. Tests may also drive
    `rebuild(changes)` themselves, with `watch=False`.
    """

    def __init__(self, site_dir: str | os.PathLike, host: str = "127.0.0.1", port: int = 0, *,
                 watch: bool = True, log: Callable[[str], None] | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 step_ms: int = WATCH_STEP_MS, debounce_ms: int = WATCH_DEBOUNCE_MS, history: bool = True,
                 search: bool = True):
        self.site_dir = Path(site_dir).resolve()
        # History (okrsite/history/) is read from git once at the start and again only after a
        # new commit or checkout (the watcher sees .git's HEAD and refs move), never per save.
        self.history_enabled = history
        self.search = search
        self._notices: set[str] = set()
        self.history_reads = 0
        self._history = None       # the last History read, shared by every rebuild until HEAD moves
        self._old_versions: dict[str, bytes] = {}  # what that read parsed (history/log.PARSED_BLOBS)
        self._history_head: str | None = None
        self._git_dirs: tuple[Path, ...] = ()
        self.host = host
        self.port = port
        self.watch = watch
        self.log = log or (lambda message: None)
        self.progress = progress
        self.step_ms = step_ms
        self.debounce_ms = debounce_ms
        self.renderer: Renderer | None = None
        self.version = 0  # bumped each time what is served changes
        self.rebuilds = 0  # rebuilds run, the first full build included
        self.last: RebuildStats | None = None
        self.on_publish: list[Callable[[Snapshot, RebuildStats], None]] = []
        self._instance = secrets.token_hex(4)
        self._snapshot = Snapshot(0, f"{self._instance}-0", {}, None, self.site_dir.name)
        self._cond = threading.Condition()  # guards _snapshot; tells event streams of new builds
        self._build_lock = threading.RLock()  # one rebuild at a time
        self._blocks_collected = 0  # memory blocks in use after the last full collection (_collect)
        self._docs: dict[str, Document] = {}  # content files in discovery order
        self._kinds: dict[str, str] = {}
        self._discovery_problems: list[Diagnostic] = []
        self._problem_paths: set[str] = set()
        self._theme_dirs: list[Path] | None = None
        self._server: _Server | None = None
        self._server_thread: threading.Thread | None = None
        self._watcher: _Watcher | None = None
        self._stopping = False
        self._stopped = threading.Event()
        self._last_diagnostics = ""  # check's text of the latest rebuild, for the terminal
        self._site = None  # the last good model, to say what a save changed
        self._checked = None  # the latest check's answer (pipeline.Checked), for relink
        self._config_seen = None  # (okrsite.yaml's bytes and the date, its SiteConfig), for relink

    # -- life cycle ---------------------------------------------------------------------

    @property
    def url(self) -> str:
        host = self.host
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/"

    @property
    def snapshot(self) -> Snapshot:
        with self._cond:
            return self._snapshot

    @property
    def title(self) -> str:
        return self.snapshot.title

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """What `okrsite check` reports for the content of the latest rebuild ([] before the
        first check, or while okrsite.yaml is missing)."""
        with self._build_lock:
            return list(self._checked.diagnostics) if self._checked is not None else []

    def start(self) -> Self:
        """Bind, watch, build once, serve. Raises UsageError when the address can't be used."""
        self._stopping = False
        self._stopped.clear()
        self._server = _bind(self.host, self.port, self)
        self.port = self._server.server_address[1]
        try:
            if self.history_enabled:
                self._git_dirs = _git_dirs(self.site_dir)
            if self.watch:
                self._watcher = _Watcher(self)
                self._watcher.start()  # before the first build, so no save is missed
            self.rebuild(None)
            self._server_thread = threading.Thread(
                target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                name="okrsite-serve", daemon=True)
            self._server_thread.start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop watching and serving; open event streams end. Safe to call more than once."""
        self._stopping = True
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None
        with self._cond:
            self._cond.notify_all()
        if self._server is not None:
            if self._server_thread is not None:
                self._server.shutdown()
                self._server_thread.join(5)
                self._server_thread = None
            self._server.server_close()
            self._server = None
        self._stopped.set()

    def wait(self) -> None:
        """Block until `stop()` (in another thread) or Ctrl-C (KeyboardInterrupt)."""
        while not self._stopped.wait(0.5):
            pass

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def wait_for_version(self, version: int, timeout: float = 10.0) -> bool:
        """Wait until the served version is at least `version`; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: self.version >= version, timeout)

    # -- rebuilding -----------------------------------------------------------------------

    def rebuild(self, changes: Iterable | None = None) -> RebuildStats:
        """Rebuild after `changes` (paths, absolute or site-relative, or watchfiles'
        `(Change, path)` pairs); `None` rebuilds everything from scratch."""
        with self._build_lock:
            started = time.perf_counter()
            stats = RebuildStats(full=changes is None or self.rebuilds == 0, started_at=started)
            try:
                full = changes is None or self.rebuilds == 0  # nothing to build upon yet
                what = _Changes(full=True) if full else self._classify(changes)
                if what.git and self._head() == self._history_head:
                    what.git = False  # refs moved elsewhere (a fetch, a new branch): the history is the same
                if not what:
                    stats.total = time.perf_counter() - started
                    stats.version = self.version
                    return stats
                snapshot = self._build(what, stats)
            except Exception as err:  # noqa: BLE001 - a bug must not end the preview: show it instead
                text = "".join(traceback.format_exception(err))
                snapshot = self._error_snapshot(
                    "okrsite could not rebuild the site", text, self.snapshot.title)
                stats.errors = 1
            self.rebuilds += 1
            swap_started = time.perf_counter()
            self._swap(snapshot, stats)
            stats.swap = time.perf_counter() - swap_started
            stats.total = time.perf_counter() - started
            stats.version = self.version
            if stats.compared is not None:
                stats.changed = changed_entities(*stats.compared)
                stats.compared = None
            self.last = stats
            self._report(stats)
            self._collect()
            return stats

    def _collect(self) -> None:
        """Keep the collector's full passes out of the next save's way.

        check() freezes the model it made (pipeline._gc_paused); what a rebuild made is frozen
        too, so no automatic collection rescans a 10,000-entity model in the middle of a save
        (one took 0.6 s of a save's render step). Old builds are freed by reference counting
        even while frozen; only their cycles wait, for a full collection that runs here, after
        the browsers were told, once the memory in use has doubled since the last one. (Counted in
        allocator blocks, which Python keeps a count of: counting the frozen objects walks all of
        them, 45 ms at 10,000 entities after every save.)"""
        if sys.getallocatedblocks() > 2 * self._blocks_collected + 100_000:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self._blocks_collected = sys.getallocatedblocks()
        else:
            gc.freeze()

    def _relative(self, path) -> str | None:
        if isinstance(path, tuple):  # watchfiles' (Change, path)
            path = path[1]
        text = os.fspath(path)
        if not os.path.isabs(text):
            return Path(text).as_posix().strip("/")
        root = str(self.site_dir)
        if text == root:
            return ""
        if not text.startswith(root + os.sep):
            return None
        return text[len(root) + 1:].replace(os.sep, "/")

    def _classify(self, changes: Iterable) -> _Changes:
        what = _Changes()
        for change in changes:
            if self._git_dirs and self._in_git_dir(change):
                what.git = True
                continue
            rel = self._relative(change)
            if rel is None:
                continue
            if rel == "":
                what.structure = True  # the site folder itself moved or changed: look again
            elif rel == CONFIG_FILE:
                what.config = True
            elif rel == "themes" or rel.startswith("themes/"):
                what.theme = True
            elif rel == "content" or rel.startswith("content/"):
                absolute = self.site_dir / rel
                if rel in self._docs:
                    what.reread.add(rel)
                    if not absolute.is_file() or sitefs.linked_part(self.site_dir, rel):
                        what.structure = True  # gone, replaced by a folder or a link: judge it again
                elif (rel in self._problem_paths or os.path.lexists(absolute)
                      or self._known_under(rel)):
                    what.structure = True  # a new, moved or removed file or folder
                    what.reread.add(rel)
                # else: a temporary file that came and went (an editor's safe write)
        return what

    def _in_git_dir(self, change) -> bool:
        path = os.fspath(change[1] if isinstance(change, tuple) else change)
        return any(path == str(d) or path.startswith(str(d) + os.sep) for d in self._git_dirs)

    def _head(self) -> str | None:
        from okrsite.history.git import GitError, Repo

        try:
            return Repo.find(self.site_dir).head()
        except GitError:
            return None

    def _history_for(self, checked, what: _Changes) -> None:
        """Attach history to the new Site, reading it again only when HEAD or the calendar moved."""
        from okrsite.pipeline import attach_history, read_history

        if not self.history_enabled:
            return
        if what.full or what.config or what.git or self._history_head is None:
            head = self._head()
            if what.full or what.config or head != self._history_head:
                from okrsite.history.log import PARSED_BLOBS

                # a commit makes a few versions old: only those are parsed, the rest were before
                with PARSED_BLOBS.answering(self._old_versions):
                    found, why = read_history(checked, list(self._docs.values()))
                    self._old_versions = PARSED_BLOBS.noted()
                self.history_reads += 1
                if why and self._history_head is None and self.rebuilds == 0:
                    self.log(f"okrsite serve: building without history: {why}")
                self._history, self._history_head = found, head or ""
        attach_history(checked.site, self._history)

    def _known_under(self, folder: str) -> bool:
        prefix = folder + "/"
        return any(p.startswith(prefix) for p in self._docs) or any(
            p.startswith(prefix) for p in self._problem_paths)

    def _build(self, what: _Changes, stats: RebuildStats) -> Snapshot:
        site_dir = self.site_dir
        t0 = time.perf_counter()
        edited: list[tuple[Document | None, Document]] = []  # (before, after) of each file saved
        moved: list[str] = []  # files saved with the same data written at other lines or columns
        last_check, self._checked = self._checked, None  # the answer for self._docs, until they change
        stats.saved = sorted(what.reread) + ([CONFIG_FILE] if what.config else []) + (["themes/"] if what.theme else [])
        stats.site_wide = CONFIG_FILE if what.config else ("the theme" if what.theme else "")
        came_went = self._files_came_or_went(what) if what.structure and not what.full else None
        if came_went is None and (what.full or what.structure):
            found, problems = discover(site_dir)
            stats.discovered = True
            docs: dict[str, Document] = {}
            # a folder that came (back), moved or went: every file under it is read again, since
            # the events of its files may have been lost while its watch was being replaced
            under = tuple(folder + "/" for folder in what.reread)
            for rel, kind in found:
                cached = self._docs.get(rel)
                if what.full or cached is None or cached.kind != kind or rel in what.reread or rel.startswith(under):
                    cached = read_document(site_dir, rel, kind)
                    stats.files_read += 1
                docs[rel] = cached
            self._docs = docs
            self._kinds = dict(found)
            self._discovery_problems = problems
            self._problem_paths = {p.location.file for p in problems}
            edited = None  # files came or went: only a whole check knows what that changes
        else:
            added, removed = came_went or ([], [])
            unchanged = not (added or removed)
            for rel in removed:  # a file deleted: relinked without it when nothing else named it
                edited.append((self._docs.pop(rel), None))
                del self._kinds[rel]
            for rel in sorted(what.reread.difference(removed, (rel for rel, _ in added))):
                document = read_document(site_dir, rel, self._kinds[rel])
                previous = self._docs.get(rel)
                same = previous is not None and (
                    previous.data, previous.body, previous.problems) == (document.data, document.body, document.problems)
                if same:
                    document.validation = previous.validation  # the same data, so the same findings
                    if (previous.body_line, previous.source) != (document.body_line, document.source):
                        moved.append(rel)  # a comment or blank line: values are written elsewhere
                edited.append((previous, document))
                unchanged = unchanged and same
                self._docs[rel] = document
                stats.files_read += 1
            for rel, kind in added:  # a new file, in discovery's order among the others
                document = read_document(site_dir, rel, kind)
                edited.append((None, document))
                _insert(self._docs, rel, document)
                self._kinds[rel] = kind  # (looked up, never listed)
                stats.files_read += 1
            if unchanged and moved and (last_check is None or any(
                    d.location.file in moved or any(rel in d.message for rel in moved)
                    for d in last_check.diagnostics)):
                unchanged = False  # what moved is quoted by a diagnostic, or may be: check again
            if unchanged and not (what.config or what.theme or what.git):
                # A save that changed no byte that matters (or an editor touching a file):
                # what is served stays exactly as it is. So do the diagnostics: where values are
                # written matters to them alone, and none is in or about a file that moved.
                stats.read = time.perf_counter() - t0
                stats.unchanged = True
                self._checked = last_check
                return self.snapshot
        t1 = time.perf_counter()
        stats.read = t1 - t0

        if not (site_dir / CONFIG_FILE).is_file():
            stats.errors = 1
            return self._error_snapshot(
                f"no {CONFIG_FILE}", f"{site_dir / CONFIG_FILE} is missing: restore it to see the site",
                self.snapshot.title)
        relinked = self._relink(last_check, edited) if edited and not (what.config or what.theme) else None
        if relinked is not None:
            checked, changed = relinked
            base = last_check.site
            stats.relinked = True
        else:
            checked = check(site_dir, (list(self._docs.values()), list(self._discovery_problems)))
        self._checked = checked
        t2 = time.perf_counter()
        stats.check = t2 - t1
        stats.errors, stats.warnings = checked.errors, checked.warnings
        title = checked.config.title if checked.config is not None else self.snapshot.title
        if checked.errors or checked.site is None or checked.config is None:
            text = diagnostics_text(checked.diagnostics, site_dir)
            text += "\n" + "failed: " + summary_line(checked.diagnostics, checked.files) + "\n"
            return self._error_snapshot("The site has problems", text, title)

        self._history_for(checked, what)
        renderer = self._renderer_for(checked.config, what)
        try:
            # Pages are made when a browser asks for them, from this complete Site, so a save
            # costs the check, not the whole site's views; see Renderer.lazy.
            renderer.compile_templates()
            files = renderer.lazy(checked.site)
            files["404.html"]  # made now: every page extends base.html, so this finds most theme errors
        except RenderError as err:
            stats.errors = 1
            self.renderer = None  # the theme is broken: start afresh once it is fixed
            return self._error_snapshot("The theme has a problem", str(err), title)
        finally:
            stats.render = time.perf_counter() - t2
        stats.rendered = renderer.rendered
        if relinked is not None and self._site is base:
            stats.changed = changed  # relink changed these entities of the previous model, nothing else
        elif not what.full:
            stats.compared = (self._site, checked.site)  # compared once the tabs were told (rebuild)
        self._site = checked.site
        if checked.warnings:
            self._last_diagnostics = diagnostics_text(checked.diagnostics, site_dir)
        else:
            self._last_diagnostics = ""
        return Snapshot(0, "", files, None, title)

    def _relink(self, previous, edited: list[tuple[Document | None, Document]]):
        """The answer of `check` after `edited` files changed only what link.relink can change in
        the previous model (titles, prose with the same links, statuses, a key result's current
        value, a milestone's sprints or dates, ...), made from the previous answer without
        validating or linking the whole site again: (Checked, changed entities), or None when a
        whole check is needed.

        Most such edits change no diagnostic, so the previous ones stand; a milestone moved in
        time has the warnings about its dates made again (relink says which). The new Site shares
        every entity but those the edits reach. okrsite.yaml is read again (it holds `today`,
        which may have moved on), and must be what the previous check used.
        """
        from okrsite.config import load_config, settings_stamp
        from okrsite.link import relink_file
        from okrsite.pipeline import Checked
        from okrsite.validate import fast_validator

        if previous is None or previous.site is None or previous.config is None:
            return None
        # okrsite.yaml is parsed once per settings stamp (a 295-sprint calendar takes ~20 ms)
        try:
            stamp = settings_stamp(self.site_dir)
        except UsageError:
            return None
        if self._config_seen is not None and self._config_seen[0] == stamp:
            config = self._config_seen[1]
        else:
            config, _ = load_config(self.site_dir)
            self._config_seen = (stamp, config)
        if config is None or config != previous.config:
            return None
        teams_required = config.teams_required
        broken_links = {d.location.file for d in previous.diagnostics if d.code == "unknown-ref"}
        site, changed, diagnostics = previous.site, [], previous.diagnostics
        for before, after in edited:
            if ((before is not None and (before.problems or before.validation != (teams_required, [])))
                    or (after is not None and (after.problems or after.data is None or after.path in broken_links
                                               or not fast_validator(after.kind, teams_required)(after.data)))):
                return None
            if after is not None:
                after.validation = (teams_required, [])  # as validate_documents records it
            result = relink_file(site, config, before, after, diagnostics, self._docs)
            if result is None:
                return None
            site, more, diagnostics = result
            changed += more
        checked = Checked(self.site_dir, config, site, diagnostics, len(self._docs) + 1, list(self._docs.values()))
        order = {kind: index for index, (_, kind) in enumerate(_KINDS)}
        return checked, sorted(changed, key=lambda c: (order[c.split(" ", 1)[0]], c.split(" ", 1)[1]))

    def _files_came_or_went(self, what: _Changes) -> tuple[list[tuple[str, str]], list[str]] | None:
        """(new files with their kinds, files gone), when that is all a save changed of which files
        there are and discovery would find the others as before: new regular content files in
        folders that hold content already, known files deleted. None for anything else (a folder
        came or went, a link, a file with a problem): content/ is walked again."""
        added: list[tuple[str, str]] = []
        removed: list[str] = []
        known: list[str] | None = None  # the files, in discovery's order
        for rel in sorted(what.reread):
            if rel in self._docs:
                if os.path.lexists(self.site_dir / rel):  # still there: a regular file, or judged again
                    if sitefs.linked_part(self.site_dir, rel) or not (self.site_dir / rel).is_file():
                        return None
                else:
                    removed.append(rel)
                continue
            kind = listed_kind(self.site_dir, rel)  # a regular file: no known file is under it
            if kind is None or rel in self._problem_paths:
                return None
            # in a folder with content: discovery lists its files together, before its folders'
            # files, so a file beside it or under a folder of it is next to where it goes
            known = list(self._docs) if known is None else known
            at = bisect.bisect(known, _walk_order(rel), key=_walk_order)
            folder = rel.rpartition("/")[0] + "/"
            if not any(known[i].startswith(folder) for i in (at - 1, at) if 0 <= i < len(known)):
                return None
            added.append((rel, kind))
        return added, removed

    def _renderer_for(self, config, what: _Changes) -> Renderer:
        """The memoising renderer, kept while the templates it renders with are the same.

        A change under themes/ (or to the theme itself) drops the memo: page bytes depend on
        templates, which the memo's key (a page's view data) does not cover. A config change
        keeps it: everything a page shows of the config is in its view data.
        """
        dirs = theme_dirs(config)
        renderer = self.renderer
        if renderer is None or what.full or what.theme or dirs != self._theme_dirs:
            renderer = Renderer(config, memo=True, search=self.search, notify=self._notice)
        elif renderer.config != config:
            renderer.config = config  # same templates: the compiled ones and the memo stay good
        self.renderer = renderer
        self._theme_dirs = dirs
        return renderer

    def _notice(self, text: str) -> None:
        if text not in self._notices:  # once per serve, not once per rebuild
            self._notices.add(text)
            self.log(text)

    def _error_snapshot(self, heading: str, text: str, title: str) -> Snapshot:
        self._last_diagnostics = text
        page = error_page(heading, text, title)
        return Snapshot(0, "", self.snapshot.files, page, title)

    def _swap(self, new: Snapshot, stats: RebuildStats) -> None:
        with self._cond:
            old = self._snapshot
            same = new.error == old.error and new.title == old.title and new.files is old.files
            if same and self.version > 0:
                return
            self.version += 1
            self._snapshot = Snapshot(self.version, f"{self._instance}-{self.version}",
                                      new.files, new.error, new.title)
            self._cond.notify_all()
        stats.published = True
        stats.published_at = time.perf_counter()
        stats.version = self.version
        for listener in list(self.on_publish):
            listener(self._snapshot, stats)

    def _report(self, stats: RebuildStats) -> None:
        """A line (and the diagnostics) for the terminal after each rebuild."""
        diagnostics = self._last_diagnostics.rstrip("\n")
        if stats.errors:
            if diagnostics:
                self.log(diagnostics)
            self.log("okrsite serve: the browser shows these problems until a save fixes them")
        elif stats.full:
            if diagnostics:
                self.log(diagnostics)
        elif stats.published or stats.unchanged:
            self.log(rebuild_line(stats))

    # -- answering requests ----------------------------------------------------------------

    def respond(self, target: str) -> tuple[int, dict[str, str], bytes]:
        """The response to GET `target` from the current snapshot: (status, headers, body)."""
        snapshot = self.snapshot
        try:
            return self._respond(target, snapshot)
        except RenderError as err:  # a page is made on request: its template may fail then
            page = error_page("The theme has a problem", str(err), snapshot.title)
            return 500, {"Content-Type": CONTENT_TYPES[".html"]}, inject(page, reload_script(snapshot.build_id))

    def _respond(self, target: str, snapshot: Snapshot) -> tuple[int, dict[str, str], bytes]:
        files = snapshot.files
        found = resolve(target, files)
        if found.kind == "bad":
            return 400, {"Content-Type": "text/plain; charset=utf-8"}, b"bad request\n"
        if found.kind == "redirect":
            return 302, {"Location": found.key, "Content-Type": "text/plain; charset=utf-8"}, b""
        if found.kind == "file" and found.key in files:
            key = found.key
            if snapshot.error is None or not key.endswith(".html"):
                return self._file(200, key, files[key], snapshot)
        if snapshot.error is not None:
            return 500, {"Content-Type": CONTENT_TYPES[".html"]}, inject(
                snapshot.error, reload_script(snapshot.build_id))
        not_found_at = getattr(files, "not_found_at", None)
        if not_found_at is not None:  # links relative to the address asked, at any depth
            path = target.partition("?")[0].partition("#")[0]
            return self._file(404, "404.html", not_found_at("../" * max(0, path.count("/") - 1)), snapshot)
        if "404.html" in files:
            return self._file(404, "404.html", files["404.html"], snapshot)
        return 404, {"Content-Type": "text/plain; charset=utf-8"}, b"not found\n"

    @staticmethod
    def _file(status: int, key: str, body: bytes, snapshot: Snapshot) -> tuple[int, dict[str, str], bytes]:
        kind = content_type(key)
        if kind.startswith("text/html"):
            body = inject(body, reload_script(snapshot.build_id))
        return status, {"Content-Type": kind}, body


_KINDS = (("objectives", "objective"), ("milestones", "milestone"), ("teams", "team"), ("pages", "page"))


def _walk_order(rel: str) -> tuple:
    """The order discovery lists files in (sitefs.walk): a folder's files by name, then each
    of its folders, depth first, by name."""
    parts = rel.split("/")
    return (*((1, part) for part in parts[:-1]), (0, parts[-1]))


def _insert(table: dict, rel: str, value) -> None:
    """Put `rel` in `table` (by path, in discovery's order) where discovery lists it: the paths
    after it are moved behind it (not a new dict of every path)."""
    keys = list(table)
    table[rel] = value
    for key in keys[bisect.bisect(keys, _walk_order(rel), key=_walk_order):]:
        table[key] = table.pop(key)


def changed_entities(before, after) -> list[str]:
    """"milestone x" for every objective, milestone, team or page added, removed or changed
    (its key results, hypotheses and tasks included) between two models."""
    if before is None or after is None:
        return []
    changed = []
    for table, kind in _KINDS:
        old, new = getattr(before, table), getattr(after, table)
        for key in sorted(old.keys() | new.keys()):
            if key not in old:
                changed.append(f"{kind} {key} (new)")
            elif key not in new:
                changed.append(f"{kind} {key} (removed)")
            elif old[key] != new[key]:
                changed.append(f"{kind} {key}")
    return changed


def _listed(items: list[str], limit: int = 4) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def rebuild_line(stats: RebuildStats) -> str:
    """What one save did, for the terminal: what was saved, what changed, how long it took."""
    saved = _listed(stats.saved) if stats.saved else "a file"
    ms = f"{stats.total * 1000:.0f} ms"
    warned = (f"; {stats.warnings} warning{'' if stats.warnings == 1 else 's'} (okrsite check)"
              if stats.warnings else "")
    if stats.unchanged:
        return f"{saved}: no page changed (nothing okrsite reads was different)"
    if stats.site_wide:
        return f"{saved}: {stats.site_wide} changed, so any page may have; open tabs reload ({ms}){warned}"
    if not stats.changed:
        return f"{saved}: no page changed ({ms}){warned}"
    new = [c.removesuffix(" (new)") for c in stats.changed if c.endswith(" (new)")]
    removed = [c.removesuffix(" (removed)") for c in stats.changed if c.endswith(" (removed)")]
    other = [c for c in stats.changed if not c.endswith((" (new)", " (removed)"))]
    parts = [f"{word} {_listed(items)}" for word, items in (("new", new), ("removed", removed), ("changed", other))
             if items]
    return (f"{saved}: {'; '.join(parts)} — their pages and the pages that list them are up to date; "
            f"open tabs reload ({ms}){warned}")


def diagnostics_text(diagnostics: list[Diagnostic], site_dir: Path) -> str:
    """`okrsite check`'s text (no colour), without quoting lines of files outside the site.

    The error page is served over HTTP: a symbolic link under content/ that leads outside
    the site is reported by discovery, and its source line must not be shown with it.
    """
    root = site_dir.resolve()
    parts: list[str] = []
    start = 0
    while start < len(diagnostics):  # diagnostics come sorted by file: one group per file
        file = diagnostics[start].location.file
        end = start
        while end < len(diagnostics) and diagnostics[end].location.file == file:
            end += 1
        try:
            inside = (site_dir / file).resolve(strict=True).is_relative_to(root)
        except (OSError, RuntimeError):
            inside = False
        parts.append(format_text(diagnostics[start:end], site_dir if inside else None, colour=False))
        start = end
    return "".join(parts)


@functools.lru_cache(maxsize=1)
def _favicon() -> str:
    """The default theme's favicon as a data: URI (the error page stands alone)."""
    from okrsite.render import builtin_theme
    from okrsite.views import data_uri

    try:
        return data_uri("image/svg+xml", (builtin_theme() / "static" / "favicon.svg").read_bytes())
    except OSError:
        return "data:,"


def error_page(heading: str, text: str, title: str) -> bytes:
    """A self-contained HTML page showing `text` (escaped, in a <pre>)."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(heading)} · {html.escape(isolate(title))}</title>\n"
        f"<link rel=\"icon\" href=\"{html.escape(_favicon())}\" type=\"image/svg+xml\">\n"
        "<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;"
        "color:#1b1b1b;background:#fff}h1{color:#a4000f;font-size:1.5rem}"
        "pre{background:#f6f6f6;border-left:4px solid #a4000f;padding:1rem;overflow:auto;"
        "font:14px/1.45 ui-monospace,monospace;white-space:pre-wrap;overflow-wrap:anywhere}"
        "@media (prefers-color-scheme:dark){body{color:#eee;background:#161616}"
        "pre{background:#222}h1{color:#ff7b86}}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{html.escape(heading)}</h1>\n"
        "<p>This is okrsite's live preview. Fix the problems below and save: "
        "this page reloads by itself.</p>\n"
        f"<pre class=\"okrsite-diagnostics\">{html.escape(text)}</pre>\n"
        "</main>\n</body>\n</html>\n"
    ).encode()


# --- HTTP ---------------------------------------------------------------------------------

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARD_ADDRESSES = frozenset({"", "0.0.0.0", "::"})
HOST_REFUSED = (b"okrsite serve answers only requests addressed to localhost, 127.0.0.1, [::1] or the "
                b"address it serves on (--host); this request named another host, so it was refused "
                b"(a web page must not read the preview through DNS rebinding)\n")


def host_allowed(values: list[str], bound: str) -> bool:
    """Whether a request's Host header names this preview: a loopback name or the address it is
    bound to (with or without a port), or, when it serves on every interface, an IP address.

    A browser always sends the host name of the page's address; a page of another site that
    reaches the preview by rebinding its DNS name to 127.0.0.1 still sends its own name, so it
    is refused and cannot read unpublished content. A request without Host (HTTP/1.0 from a
    script, never a browser) is answered.
    """
    if not values:
        return True
    if len(values) > 1:
        return False
    host = values[0].strip().lower()
    if host.startswith("["):
        name, _, rest = host[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else None if rest else ""
    else:
        name, colon, port = host.partition(":")
        if not colon:
            port = ""
    if port is None or (port and not port.isdigit()):
        return False
    name = name.rstrip(".")
    bound = bound.strip("[]").lower()
    if name in LOOPBACK_NAMES or name == bound:
        return True
    if bound in WILDCARD_ADDRESSES:
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True
    return False


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "okrsite-serve"
    timeout = 60  # an idle keep-alive connection is closed after this long

    def log_message(self, format, *args):
        pass

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def _answer(self, head: bool) -> None:
        preview: Preview = self.server.preview  # type: ignore[attr-defined]
        if not host_allowed(self.headers.get_all("Host") or [], preview.host):
            status, headers, body = 403, {"Content-Type": "text/plain; charset=utf-8"}, HOST_REFUSED
        elif resolve(self.path, {}).kind == "events":
            if head:
                status, headers, body = 200, {"Content-Type": "text/event-stream"}, b""
            else:
                self._events(preview)
                return
        else:
            status, headers, body = preview.respond(self.path)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self, preview: Preview) -> None:
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.send_header("X-Accel-Buffering", "no")
        self.end_headers()
        snapshot = preview.snapshot
        seen = snapshot.version
        try:
            self.wfile.write(f"retry: 1000\nevent: build\ndata: {snapshot.build_id}\n\n".encode())
            self.wfile.flush()
            while True:
                with preview._cond:
                    preview._cond.wait_for(lambda seen=seen: preview._stopping or preview.version != seen,
                                           PING_SECONDS)
                    if preview._stopping:
                        return
                    snapshot = preview._snapshot
                if snapshot.version != seen:
                    seen = snapshot.version
                    message = f"event: reload\ndata: {snapshot.build_id}\n\n"
                else:
                    message = ": ping\n\n"
                self.wfile.write(message.encode())
                self.wfile.flush()
        except (ConnectionError, TimeoutError, OSError):
            return  # the tab was closed


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, preview: Preview, family: int):
        self.address_family = family
        self.preview = preview
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks the host name up (socket.getfqdn), which can take
        # seconds on a machine without DNS; the name is not needed.
        if self.address_family == socket.AF_INET6:
            self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        socketserver.TCPServer.server_bind(self)
        self.server_name = str(self.server_address[0])
        self.server_port = self.server_address[1]

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # a client went away mid-answer: nothing to report
        super().handle_error(request, client_address)


def _family(host: str, port: int) -> int:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError, OverflowError) as err:
        raise UsageError(f"cannot serve on --host {host}: {getattr(err, 'strerror', None) or err}") from None
    return infos[0][0]


def _bind(host: str, port: int, preview: Preview) -> _Server:
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port} is not a port number; use 1-65535, such as 8000")
    family = _family(host, port)
    try:
        return _Server((host, port), preview, family)
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            free = _free_port(host, port, family)
            hint = f"; try --port {free}" if free else "; choose another with --port"
            raise UsageError(f"port {port} on {host} is already in use (another okrsite serve?){hint}") from None
        if err.errno == errno.EACCES:
            raise UsageError(f"no permission to use port {port} on {host} (ports below 1024 are "
                             "reserved); try --port 8000") from None
        raise UsageError(f"cannot serve on {host}:{port}: {err.strerror or err}") from None


def _free_port(host: str, port: int, family: int) -> int | None:
    for candidate in range(port + 1, min(port + 100, 65536)):
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host, candidate))
            except OSError:
                continue
            return candidate
    return None


def _git_dirs(site_dir: Path) -> tuple[Path, ...]:
    """The git folders whose HEAD and refs say "a new commit": this work tree's and the shared one."""
    from okrsite.history.git import GitError, Repo

    try:
        repo = Repo.find(site_dir)
    except GitError:
        return ()
    return tuple(dict.fromkeys((repo.git_dir, repo.common_dir)))


# --- watching -------------------------------------------------------------------------------

class _Watcher:
    """watchfiles on the site: okrsite.yaml (the site folder, not recursively: editors
    replace files by renaming, which a watch on the file itself would lose) and content/
    plus themes/ recursively (never public/, which can hold thousands of folders).

    Bursts are batched by watchfiles (`step`, `debounce`); batches that arrive while a
    rebuild runs are merged into the next one.
    """

    def __init__(self, preview: Preview):
        self.preview = preview
        self.queue: queue.Queue = queue.Queue()
        self.stop_event = threading.Event()
        self.threads: list[threading.Thread] = []
        self.tree_stop: threading.Event | None = None
        self.tree_thread: threading.Thread | None = None
        self.lock = threading.Lock()

    def start(self) -> None:
        site = self.preview.site_dir
        root_ready = threading.Event()
        root = threading.Thread(target=self._watch, name="okrsite-watch-site", daemon=True,
                                args=([site], False, self._root_filter, self.stop_event, root_ready))
        root.start()
        self.threads.append(root)
        tree_ready = self._start_tree()
        git_ready = self._start_git()
        rebuilder = threading.Thread(target=self._rebuild_loop, name="okrsite-rebuild", daemon=True)
        rebuilder.start()
        self.threads.append(rebuilder)
        for ready in (root_ready, tree_ready, *git_ready):
            ready.wait(10)

    def stop(self) -> None:
        self.stop_event.set()
        with self.lock:
            if self.tree_stop is not None:
                self.tree_stop.set()
            threads = self.threads + ([self.tree_thread] if self.tree_thread else [])
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join(2)

    def _start_tree(self) -> threading.Event:
        ready = threading.Event()
        site = self.preview.site_dir
        roots = [site / name for name in ("content", "themes") if (site / name).is_dir()]
        with self.lock:
            if self.tree_stop is not None:
                self.tree_stop.set()
            if self.stop_event.is_set():
                ready.set()
                return ready
            self.tree_stop = threading.Event()
            if not roots:
                ready.set()
                self.tree_thread = None
                return ready
            from watchfiles import DefaultFilter

            self.tree_thread = threading.Thread(
                target=self._watch, name="okrsite-watch-content", daemon=True,
                args=(roots, True, DefaultFilter(), self.tree_stop, ready))
            self.tree_thread.start()
        return ready

    def _start_git(self) -> list[threading.Event]:
        """Watch HEAD, packed-refs and refs/heads/ of the git folders (not objects/, not the index)."""
        dirs = self.preview._git_dirs
        if not dirs:
            return []
        events = []
        heads = [d / "refs" / "heads" for d in dirs if (d / "refs" / "heads").is_dir()]
        for paths, recursive, keep in ((list(dirs), False, self._git_filter), (heads, True, self._any)):
            if not paths:
                continue
            ready = threading.Event()
            thread = threading.Thread(target=self._watch, name="okrsite-watch-git", daemon=True,
                                      args=(paths, recursive, keep, self.stop_event, ready))
            thread.start()
            self.threads.append(thread)
            events.append(ready)
        return events

    @staticmethod
    def _git_filter(change, path: str) -> bool:
        return os.path.basename(path) in ("HEAD", "packed-refs")

    @staticmethod
    def _any(change, path: str) -> bool:
        return not path.endswith(".lock")

    @staticmethod
    def _root_filter(change, path: str) -> bool:
        return os.path.basename(path) in (CONFIG_FILE, "content", "themes")

    def _watch(self, paths: list[Path], recursive: bool, watch_filter, stop: threading.Event,
               ready: threading.Event) -> None:
        from watchfiles import watch

        preview = self.preview
        try:
            for changes in watch(*paths, watch_filter=watch_filter, recursive=recursive,
                                 debounce=preview.debounce_ms, step=preview.step_ms,
                                 stop_event=_AnyEvent(stop, self.stop_event), rust_timeout=200,
                                 yield_on_timeout=True, raise_interrupt=False,
                                 ignore_permission_denied=True):
                ready.set()  # the first yield (changes or a timeout): the watches are in place
                if changes:
                    self.queue.put(changes)
        except Exception as err:  # noqa: BLE001 - a watched folder vanished mid-setup, or the OS refused
            if not stop.is_set():
                preview.log(f"okrsite serve: watching {', '.join(map(str, paths))} stopped: {err}")
        finally:
            ready.set()

    def _rebuild_loop(self) -> None:
        while not self.stop_event.is_set():
            try:
                batch = set(self.queue.get(timeout=0.2))
            except queue.Empty:
                continue
            while True:  # merge whatever else arrived meanwhile
                try:
                    batch |= self.queue.get_nowait()
                except queue.Empty:
                    break
            if self.stop_event.is_set():
                return
            roots = {os.path.basename(p) for _, p in batch if os.path.dirname(p) == str(self.preview.site_dir)}
            if roots & {"content", "themes"}:  # content/ or themes/ appeared, vanished or moved:
                self._start_tree().wait(10)  # watch the new folders before building from them
            self.preview.rebuild(batch)


class _AnyEvent:
    """Set when any of the events is set (watchfiles checks `is_set()` on every step)."""

    def __init__(self, *events: threading.Event):
        self.events = events

    def is_set(self) -> bool:
        return any(event.is_set() for event in self.events)
