"""The pipeline, top to bottom: config -> load -> validate -> link (-> history -> render -> write).

`check` is the pipeline stopped before rendering; `build` and `serve` continue from the
same `Checked` result, so all three report exactly the same diagnostics.
"""

from __future__ import annotations

import gc
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from okrsite.config import SiteConfig, load_config
from okrsite.diagnostics import Diagnostic, sorted_diagnostics
from okrsite.load import Document, load_content, one_reading
from okrsite.theme import load_theme

if TYPE_CHECKING:
    from okrsite.model import Site  # not imported by a build or check answered from the cache


@dataclass
class Checked:
    site_dir: Path
    config: SiteConfig | None
    site: Site | None
    diagnostics: list[Diagnostic]
    files: int
    # the files as read, each value with its position: for linking and history; a build lets
    # go of them before its pages (build_files)
    documents: list[Document] = field(default_factory=list)
    build_key: str | None = None  # a cached build's key, noted with its output by publish_build
    previous_output: dict | None = None  # what the cache noted of the output folder before this build
    rendered: int | None = None  # pages a build rendered (the others were unchanged, from the cache)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors

    def fails(self, strict: bool) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)


@contextmanager
def _gc_paused():
    """No cyclic garbage collection while the model is built.

    Loading and linking create hundreds of thousands of long-lived, acyclic objects (data,
    source maps, cached Markdown tokens); each full collection rescans all of them, which cost
    a quarter of `check` on a 10,000-entity site. Afterwards they are frozen (moved out of the
    collector's sight) instead of being scanned once more when collection resumes. Reference
    counting still frees every one of them when it is dropped.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


@contextmanager
def _gc_rare(freeze: bool = True):
    """Cyclic garbage collection only now and then while pages are rendered.

    Rendering allocates millions of short-lived view objects; with the default thresholds the
    collector runs every 700 allocations and a fifth of the render time went to it. Turned off
    altogether, the few cycles Jinja2 leaves (contexts, macros) would pile up (+15% peak
    memory at 10,000 entities), so it still runs, 100 times less often. With `freeze`, what
    exists when the block starts (the checked model) is never scanned again.
    """
    thresholds = gc.get_threshold()
    if freeze:
        gc.freeze()  # the checked model: never garbage, so never scanned again
    gc.set_threshold(70_000, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def check(site_dir: Path, loaded: tuple[list[Document], list[Diagnostic]] | None = None,
          base_url: str | None = None) -> Checked:
    """Run every stage up to the linked model. `loaded` lets `serve` reuse parsed files;
    `base_url` replaces okrsite.yaml's (`build --base-url`, for pull-request previews)."""
    with _gc_paused():
        return _check(site_dir, loaded, base_url)


def _check(site_dir: Path, loaded: tuple[list[Document], list[Diagnostic]] | None,
           base_url: str | None = None) -> Checked:
    # imported here: a check or build answered from the cache needs neither (nor jsonschema)
    from okrsite.link import link
    from okrsite.validate import validate_documents

    config, diagnostics = load_config(site_dir)
    if config is not None and base_url is not None:
        config = replace(config, base_url=base_url)
    documents, problems = loaded if loaded is not None else load_content(site_dir)
    diagnostics = diagnostics + problems + [p for d in documents for p in d.problems]
    # The content is validated even when okrsite.yaml is broken, so one run reports both;
    # linking needs the calendar and waits for a usable okrsite.yaml.
    valid, problems = validate_documents(documents, config.teams_required if config else False)
    diagnostics += problems
    site = None
    if config is not None:
        diagnostics += load_theme(config)[1]  # links out of the theme, found before any build
        valid_ids = {id(d) for d in valid}
        site = link(config, valid, invalid=[d for d in documents if id(d) not in valid_ids])
        diagnostics += site.diagnostics
    return Checked(site_dir, config, site, sorted_diagnostics(diagnostics), len(documents) + 1, documents)


def read_history(checked: Checked, documents=None):
    """The history stage: the site's history from git (history/log.py), or why there is none.

    Returns (History or None, reason). Reading it is one `git log` and one `git cat-file`,
    however many commits and files; files unchanged on disk are not parsed again.
    """
    from okrsite.history.log import Unavailable, read_history as read

    try:
        return read(checked.site_dir, checked.config.calendar,
                    checked.documents if documents is None else documents), ""
    except Unavailable as why:
        return None, str(why)


def attach_history(site: Site, history) -> None:
    """Join a History with the linked Site it is shown with (badges, baselines)."""
    from okrsite.history.derive import SiteHistory

    site.history = SiteHistory.of(site, history) if history is not None else None


@contextmanager
def _kept_for_check(store, later: list | None = None):
    """What the last cached check kept of each file (load.PARSED: its parse; markdown.LINKS: its
    body's links), for the check in the block; what that check used is kept for the next one
    when it differs (see _kept for `later`). Without a cache (None, or --no-cache) the block
    runs as it is."""
    if store is None or not store.enabled:
        yield
        return
    from okrsite import load, markdown

    with _kept(store, (("documents", load.PARSED), ("links", markdown.LINKS)), later):
        yield


@contextmanager
def _kept(store, stores, later: list | None = None):
    """Each (cache kind, kept.Kept) of `stores` answers from what the cache kept of that kind for
    the block; what the block used is kept for the next build when it differs: written when the
    block ends, or with `later`, added to it as a function that writes it (the caller has more
    urgent work first)."""
    if store is None or not store.enabled:
        yield
        return
    from okrsite.cache import Entry, Verified, kept_key

    before = {}
    verified = Verified()  # what was read is not hashed again when written back with an edit's changes
    with ExitStack() as answering:
        for kind, kept in stores:
            earlier = store.get(kind, kept_key(kind), verified)
            before[kind] = earlier.files if earlier is not None and earlier.files is not None else {}
            answering.enter_context(kept.answering(before[kind]))
        yield
        noted = {kind: kept.noted() for kind, kept in stores}

    def write() -> None:
        for kind, _ in stores:
            if noted[kind] != before[kind]:
                store.put(kind, kept_key(kind), Entry([], 0, files=dict(sorted(noted[kind].items()))), verified)

    if later is not None:
        later.append(write)
    else:
        write()


def cached_check(site_dir: Path, cache: bool = True) -> Checked:
    """`check`, answered from the build cache (okrsite/cache.py) when the content is unchanged.

    The answer has the same diagnostics and file count; its `config` and `site` are None (a
    cached answer has no model), so only callers that report diagnostics use it (`check`)."""
    from okrsite.cache import Cache, Entry, check_key

    store = Cache(site_dir, cache)
    with one_reading() if store.enabled else nullcontext():  # the key and the check read the same bytes
        key = check_key(site_dir) if store.enabled else None
        entry = store.get("check", key) if key is not None else None
        if entry is not None:
            return Checked(site_dir, None, None, entry.diagnostics, entry.files_read)
        with _kept_for_check(store):
            checked = check(site_dir)
    if key is not None:
        store.put("check", key, Entry(checked.diagnostics, checked.files))
    return checked


@dataclass(frozen=True)
class Published:
    """The answer of a build whose output folder already holds exactly these files: nothing to
    render or write (see publish_build)."""
    pages: int
    files: int


def build_files(site_dir: Path, progress=None, base_url: str | None = None, history: bool = True,
                notes: list[str] | None = None, search: bool = True, notices: list[str] | None = None,
                cache: bool = False, out: Path | None = None):
    """The pipeline up to rendered bytes: (checked, files or None when a check failed).

    With `history`, the site's git history is read after linking; when there is none (no git,
    a shallow clone) the site is built without it and `notes` gets the one line saying why.
    `notices` collects what the user should hear even with --quiet (the search indexer could not run).
    With `cache`, unchanged inputs are answered from the site's build cache (okrsite/cache.py):
    the same files and diagnostics, but `checked.config` and `.site` are None. A build with notices (search
    could not run) is not an answer for the next build (which tries the indexer again), only
    pages it can reuse. With `cache` and `out`, when `out`
    still holds what an earlier build of the same inputs published there (publish_build),
    the files are `Published(pages, files)` instead: nothing needs writing.
    """
    notes = notes if notes is not None else []
    store = key = done = state = last = kept_at = None
    # with the cache, its key and the check read the same bytes (load.one_reading)
    with one_reading() if cache else nullcontext():
        if cache:
            from okrsite.cache import VERIFIED, Cache, build_key, history_state, pages_key

            VERIFIED.clear()  # what an earlier build in this process read
            store = Cache(site_dir)
            state = history_state(site_dir, history)
            key = build_key(site_dir, base_url, state, search)
            if key is not None and out is not None:
                from okrsite.cache import output_key
                from okrsite.write import holds

                found = store.get("output", output_key(out))
                done = found.output if found is not None else None
                if done is not None and done["build"] == key and holds(out, done["tree"]):
                    notes.extend(found.notes)
                    # (config is not loaded for an answer from the cache: see cache.content_key)
                    return (Checked(site_dir, None, None, found.diagnostics, found.files_read),
                            Published(done["pages"], done["files"]))
            kept_at = pages_key(site_dir)
            last = store.get("build", kept_at, VERIFIED)
            if last is not None and last.files is not None and key is not None and last.build == key:
                from okrsite.render import kept_files

                notes.extend(last.notes)
                answer = Checked(site_dir, None, None, last.diagnostics, last.files_read)
                if out is not None:
                    answer.build_key, answer.previous_output = key, done
                return answer, kept_files(last.files)
        before = len(notes)
        keep_check: list = []  # what the check read, kept for the next one: written below
        with _kept_for_check(store, keep_check):
            checked = check(site_dir, base_url=base_url)
    checked.previous_output = done
    if checked.errors or checked.site is None:
        for write in keep_check:
            write()
        return checked, None
    from okrsite.render import Renderer, kept_pages

    renderer = Renderer(checked.config, search=search, cache=store)
    if store is not None:
        renderer.earlier = kept_pages(last.files) if last is not None and last.files is not None else {}
        renderer.history_state = state
        if renderer.earlier:
            # A build after an edit renders a few pages and then waited for its search shard's
            # indexer: it starts now, beside the check's cache writes and the history
            # (bench/README.md, "bench_one_file.py").
            renderer.start_search(checked.site)
    last = None  # the last build's bytes are the earlier pages' now: not held twice
    try:
        for write in keep_check:
            write()
        if history:
            from okrsite.history.log import PARSED_BLOBS

            # the history's records and events live as long as the model: not scanned while they are made
            with _gc_paused(), _kept(store, (("history", PARSED_BLOBS),)):  # old versions parsed before
                found, why = read_history(checked)
            attach_history(checked.site, found)
            if why:
                notes.append(f"building without history: {why}")
    except BaseException:
        renderer.stop_search()  # waited for here: render, which would wait for it, is not reached
        raise
    # The pages are made from the Site alone: the documents, with every value's position, were
    # 75 of the checked model's 124 MB at 10,000 entities, held to the end of the build.
    checked.documents = []
    # Garbage collection stays rare while the pages are made and while the cache entry is made
    # of them: with the usual thresholds back, the first collection after the pages rescanned
    # every object they left (85 ms of the real shape's first build; bench/README.md)
    with _gc_rare():
        files = renderer.render(checked.site, progress)
        checked.rendered = renderer.rendered
        if notices is not None:
            notices += renderer.notices
        if store is not None:
            from okrsite.cache import Entry

            # The answer to this build key, unless the search indexer could not run: then it is
            # kept for its pages only, and the next build tries the indexer again.
            answers = key if not renderer.notices else None
            store.put("build", kept_at, Entry(checked.diagnostics, checked.files, notes[before:],
                                              renderer.kept(files), build=answers), VERIFIED)
            if out is not None and answers is not None:
                checked.build_key = key
    return checked, files


def publish_build(checked: Checked, files: dict[str, bytes], out: Path, notes: list[str]) -> None:
    """The write stage: `out` replaced by `files` in one step (write.publish). For a build
    answered or stored by the build cache (checked.build_key), the files whose bytes are those
    the last build published in `out` are linked from there instead of written, and this build
    is noted for the next one: its key, the folder's state and each file's digest, so a build of
    the same inputs writes nothing and any later change to the folder means a full write.
    Raises write.WriteError (BuildBusy) like publish."""
    # the first collection with the usual thresholds would rescan every object the pages left
    with _gc_rare(freeze=False):
        _publish_build(checked, files, out, notes)


def _publish_build(checked: Checked, files: dict[str, bytes], out: Path, notes: list[str]) -> None:
    from okrsite.write import publish

    if checked.build_key is None:
        publish(files, out)
        return
    from okrsite.cache import VERIFIED, Cache, Entry, output_key
    from okrsite.render import page_count
    from okrsite.write import tree_state

    digests = {name: VERIFIED.digest(data) for name, data in files.items()}
    VERIFIED.clear()
    before = checked.previous_output
    written = publish(files, out, digests, (before["tree"], before["digests"]) if before is not None else None,
                      before.get("spare") if before is not None else None)
    spare = written.spare
    tree = written.tree if written.tree is not None else tree_state(out.resolve())
    if tree:
        Cache(checked.site_dir).put("output", output_key(out), Entry(
            checked.diagnostics, checked.files, notes,
            output={"build": checked.build_key, "pages": page_count(files), "files": len(files), "tree": tree,
                    "digests": digests, "spare": list(spare) if spare is not None else None}))
