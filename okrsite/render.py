"""Render stage: the linked Site -> every output file as bytes, in memory.

Nothing is written here (see write.py). A `Renderer` keeps the bytes of each page with the
view it came from, so `serve` re-renders only the pages whose view data changed.
"""

from __future__ import annotations

import collections
import functools
import hashlib
import json
import multiprocessing
import multiprocessing.connection
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from multiprocessing.connection import Connection
from typing import Callable, NamedTuple

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from okrsite import exports, markdown, page_inputs, roadmap_view, search, urls, views
from okrsite.bidi import isolate
from okrsite.views import all_milestones, backlog
from okrsite.config import SiteConfig
from okrsite.model import Site
from okrsite.roadmap_view import roadmap_svg
from okrsite.precompiled import BuiltinCode
from okrsite.theme import Theme, builtin_layer, builtin_theme, load_theme, theme_dirs  # noqa: F401 - re-exported
from okrsite.theme import static_files as theme_static_files


class RenderError(Exception):
    """A theme problem (template syntax, unknown variable): the build stops, nothing is written."""


class _ThemeLoader(jinja2.BaseLoader):
    """Templates by name from the theme's file list, and nothing else.

    Jinja's FileSystemLoader follows symbolic links (`{% include "x.html" %}` of a link to
    /etc/passwd would publish it); this loader only knows the files `theme.load_theme` listed,
    each read again through `sitefs.read_inside`.
    """

    def __init__(self, theme: Theme):
        self.theme = theme

    def get_source(self, environment, template):
        file = self.theme.templates.get(template)
        if file is None:
            raise jinja2.TemplateNotFound(template)
        try:
            data = file.read()
        except OSError:
            raise jinja2.TemplateNotFound(template) from None
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError as err:
            line = data.count(b"\n", 0, err.start) + 1
            raise jinja2.TemplateSyntaxError("the template is not UTF-8; save it as UTF-8", line, template,
                                             file.shown) from None
        return source, file.shown, lambda: True  # a changed theme gets a new Renderer (serve)

    def list_templates(self):
        return sorted(self.theme.templates)


def _isolated(value):
    """Every `{{ value }}` a theme prints: text (not Markup, which is made to be HTML) is put
    between bidi isolates when it holds right-to-left letters or bidi controls, so an author's
    title can never reorder the page around it (see bidi.py). Themes get this without asking."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return isolate(value)
    return value


MAX_REPEAT = 1_000_000  # longest string or list a template may make with `*`
MAX_EXPONENT = 1_000  # largest exponent a template may use with `**`


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox, where every template renders (docs/themes.md): no `_` attributes (so no
    way from `cycler.__init__` to `os`), no changing lists or dicts, `range` capped at 100,000,
    and no `*` / `**` that makes a value too big to hold."""

    intercepted_binops = frozenset({"*", "**"})

    def getattr(self, obj, attribute):
        """`row.href` on a plain dict is looked up as a key first (issue 15). The sandbox, like
        Jinja, tries `getattr(row, "href")` before `row["href"]`; on a dict that raises and
        catches an AttributeError for every field a template prints (a tenth of a large build).
        For a name that is not an attribute of `dict` that lookup can only fail, and the sandbox
        checks no item lookup, so going to the key at once gives the same value or undefined."""
        if type(obj) is dict and type(attribute) is str and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"the exponent {right} is larger than {MAX_EXPONENT}")
        if operator == "*":
            sized, times = (left, right) if isinstance(right, int) else (right, left)
            if isinstance(sized, (str, list, tuple)) and isinstance(times, int) and len(sized) * times > MAX_REPEAT:
                raise SecurityError(f"repeating makes more than {MAX_REPEAT:,} items")
        return super().call_binop(context, operator, left, right)


def environment(config: SiteConfig, theme: Theme | None = None, sandboxed: bool = True) -> jinja2.Environment:
    """Templates of `theme`, rendered in Jinja's sandbox: a site's templates are untrusted (they
    arrive in pull requests and run in CI and in a reviewer's `serve`), and the built-in ones run
    there too — it costs a few percent of rendering (bench/bench_build.py --sandbox-cost) and
    leaves no second way to render. `sandboxed=False` exists for that measurement only."""
    theme = theme if theme is not None else load_theme(config)[0]
    cls = _Sandbox if sandboxed else jinja2.Environment
    env = cls(
        loader=_ThemeLoader(theme),
        autoescape=True,
        finalize=_isolated,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=BuiltinCode(),  # the built-in templates compiled ahead (okrsite/precompiled)
    )
    return env


def builtin_environment() -> jinja2.Environment:
    """The environment of the built-in theme alone, as every build makes it (okrsite/precompiled)."""
    return environment(None, builtin_layer())


def static_files(config: SiteConfig) -> dict[str, bytes]:
    """The theme's static files by output name (assets/...): the site's over the built-in ones."""
    theme, _ = load_theme(config)
    return {urls.ASSETS + name: data for name, data in theme_static_files(theme).items()}


def _template_line(err: BaseException, theme: Theme) -> str:
    """` at FILE:LINE` of the innermost template frame of a failure raised while rendering."""
    shown = {f.shown for f in theme.templates.values()}
    found = ""
    for frame in traceback.extract_tb(err.__traceback__):
        if frame.filename in shown:
            found = f" at {frame.filename}:{frame.lineno}"
    return found


class PageJob(NamedTuple):
    """One HTML page: where it goes, its template, and how to make its view data. A tuple, not
    a dataclass: `serve` plans every page of the site again on each save (7,000 at 10k)."""
    file: str
    template: str
    view: Callable[[], dict]


class PageSpec(NamedTuple):
    """A page of the plan without the Site: its view data is `view(site, arg)`. `serve` keeps the
    specs of the objectives', milestones', teams' and free pages while their ids stay the same."""
    file: str
    template: str
    view: Callable[[Site, object], dict]
    arg: object = None

    def job(self, site: Site) -> PageJob:
        return PageJob(self.file, self.template, functools.partial(self.view, site, self.arg))


def plan(site: Site) -> list[PageJob]:
    """Every HTML page of the site, in a stable order. A view looks up what it is about itself,
    so that page_inputs notes the page read it."""
    return [spec.job(site) for _, specs in page_segments(site) for spec in specs]


def page_segments(site: Site, kept: dict | None = None) -> list[tuple[str, list[PageSpec]]]:
    """plan()'s pages as specs, in runs: (table, its entities' pages) for the objectives,
    milestones, teams and free pages, ("", pages) for the others between them. `kept` (a dict
    this fills in) holds each table's run by its ids from an earlier call: a table with the same
    ids gets the same list again, not one made from every entity (a save in `serve` changes no
    id, mostly). Only the other pages' args reach their views (an entity's id is looked up)."""
    first = [
        PageSpec(urls.HOME, "home.html", _home),
        PageSpec(urls.QUARTERS, "quarters.html", _quarters_index),
        PageSpec(urls.NOT_FOUND, "404.html", _not_found),
        PageSpec(urls.MILESTONES, "milestones.html", _all_milestones),
    ]
    first += [PageSpec(backlog.file_for(grouping), "backlog.html", _backlog, grouping) for grouping in backlog.GROUPINGS]
    first += [PageSpec(urls.quarter(quarter.id), "quarter.html", _quarter, quarter.id) for quarter in site.quarters]
    first += [PageSpec(views.roadmap_url(site, v["year"], v["half"], v["group"]), "roadmap.html", _roadmap, v)
              for v in views.roadmap_views(site)]
    for filters in views.roadmap_variants(site):
        (dimension, value), = filters.items()
        first.append(PageSpec(urls.roadmap_filter(dimension, value), "roadmap.html", _roadmap_filtered, filters))
    teams = [PageSpec(urls.TEAMS, "teams.html", _teams_index)] if site.teams else []
    if site.planning:
        teams.append(PageSpec(urls.ALIGNMENT, "alignment.html", _alignment))
    pages = [PageSpec(urls.PAGES, "pages.html", _pages_index)] if len(site.pages) > views.NAV_PAGES else []
    last = []
    if site.history is not None:  # read from git (history/): changes by week, older weeks on more pages
        from okrsite.history import views as history_views

        last = [PageSpec(urls.changes(number), "changes.html", _changes, number)
                for number in range(1, history_views.change_pages(site) + 1)]
    return [("", first), ("objectives", _entity_pages(site, "objectives", kept)),
            ("milestones", _entity_pages(site, "milestones", kept)), ("", teams),
            ("teams", _entity_pages(site, "teams", kept)), ("", pages), ("pages", _entity_pages(site, "pages", kept)),
            ("", last)]


def _entity_pages(site: Site, table: str, kept: dict | None) -> list[PageSpec]:
    entities = getattr(site, table)
    if kept is not None and table in kept and kept[table][0] == entities.keys():
        return kept[table][1]
    url, template, view = _ENTITY_PAGES[table]
    specs = [PageSpec(url(entity_id), template, view, entity_id) for entity_id in sorted(entities)]
    if kept is not None:
        kept[table] = (entities.keys(), specs, {spec.file: spec for spec in specs})
    return specs


# The views of plan's pages, as functions of (site, arg): specs that name them outlive a Site.
def _home(site, _):
    return views.home(site)


def _quarters_index(site, _):
    return views.quarters_index(site)


def _not_found(site, _):
    return views.not_found(site, static_files(site.config))


def _all_milestones(site, _):
    return all_milestones.all_milestones_page(site)


def _backlog(site, grouping):
    return backlog.backlog_page(site, grouping)


def _quarter(site, quarter_id):
    return views.quarter_page(site, quarter_id)


def _roadmap(site, v):
    return views.roadmap_page(site, year=v["year"], half=v["half"], group=v["group"])


def _roadmap_filtered(site, filters):
    return views.roadmap_page(site, filters)


def _teams_index(site, _):
    return views.teams_index(site)


def _alignment(site, _):
    return views.alignment_page(site)


def _pages_index(site, _):
    return views.pages_index(site)


def _changes(site, number):
    from okrsite.history import views as history_views

    return history_views.changes_page(site, number)


def _objective(site, objective_id):
    return views.objective_page(site, site.objectives[objective_id])


def _milestone(site, milestone_id):
    return views.milestone_page(site, site.milestones[milestone_id])


def _team(site, team_id):
    return views.team_page(site, site.teams[team_id])


def _free_page(site, page_id):
    return views.free_page(site, site.pages[page_id])


_ENTITY_PAGES = {"objectives": (urls.objective, "objective.html", _objective),
                 "milestones": (urls.milestone, "milestone.html", _milestone),
                 "teams": (urls.team, "team.html", _team),
                 "pages": (urls.page, "page.html", _free_page)}


def _fingerprint(template: str, view: dict) -> str:
    """A page's memo key: its template and view data. Pickle is a faithful serialisation (equal
    bytes mean equal data) and several times faster than JSON on large views; a view pickle
    can't take falls back to JSON. Unequal bytes for equal data only cost a needless render."""
    try:
        data = pickle.dumps(view, protocol=5)
    except (pickle.PicklingError, TypeError, AttributeError):
        data = json.dumps(view, sort_keys=True, ensure_ascii=False, default=str).encode()
        # str() may write two different values alike: good enough to skip a render within one
        # `serve` session, never to take a page from the build cache (see Renderer.page)
        return APPROXIMATE + hashlib.blake2b(template.encode() + b"\0" + data, digest_size=16).hexdigest()
    return hashlib.blake2b(template.encode() + b"\0" + data, digest_size=16).hexdigest()


TEMPLATE_EXTENSIONS = ["html", "svg", "xml", "txt"]  # a theme's templates, compiled before pages ask for them
APPROXIMATE = "~"  # starts a fingerprint that is not exact
OTHER = "o"  # starts the key a diagram or export is kept under (a digest of its bytes, see other())
# What the build cache keeps with the pages (Renderer.kept), by the prefix of its keys there:
# diagram drawings, and Markdown bodies' renderings (markdown.render_kept, markdown.kept_plain)
KEPT = (("d/", roadmap_view.DRAWINGS), ("k/", markdown.RENDERINGS))
INPUTS = "inputs"  # and what each page's view read (page_inputs.Inputs.kept)
FILE = "f/"  # the site's files (Renderer.kept)
FINGERPRINTS = "fingerprints"  # and which file each page fingerprint is


def kept_files(kept: dict[str, bytes]) -> dict[str, bytes]:
    """The site's files in what Renderer.kept made."""
    return {name[len(FILE):]: data for name, data in kept.items() if name.startswith(FILE)}


def kept_pages(kept: dict[str, bytes]) -> dict[str, bytes]:
    """What Renderer.earlier takes from what Renderer.kept made: each page by its fingerprint,
    with the drawings, renderings and page inputs. The cache is not trusted: a fingerprint map
    that is not well formed gives no pages (each is rendered again)."""
    earlier = {key: data for key, data in kept.items() if not key.startswith(FILE) and key != FINGERPRINTS}
    try:
        fingerprints = json.loads(kept.get(FINGERPRINTS, b"{}"))
    except (ValueError, RecursionError):
        return earlier
    if isinstance(fingerprints, dict):
        for name, fingerprint in fingerprints.items():
            data = kept.get(FILE + name)
            if data is not None and isinstance(fingerprint, str):
                earlier[fingerprint] = data
    return earlier


class Renderer:
    """Renders a Site; with `memo`, a page whose view is unchanged is not rendered again."""

    def __init__(self, config: SiteConfig, memo: bool = False, sandboxed: bool = True, search: bool = True,
                 notify: Callable[[str], None] | None = None, cache=None):
        self.config = config
        self.cache = cache  # the build cache (okrsite/cache.py), for the search bundle
        # Pages of an earlier build by fingerprint (template + view data, see _fingerprint): a
        # page whose view is unchanged is not rendered again (pipeline.build_files keeps them).
        self.earlier: dict[str, bytes] | None = None
        self.fingerprints: dict[str, str] = {}  # file -> fingerprint, for the pages of this build
        # With `earlier`, the drawings and renderings this build used, by their keys with their
        # prefix (KEPT): what the next build can take from this one
        self.made: dict[str, bytes] = {}
        # With `earlier`, what each page's view read (page_inputs): a page whose inputs are
        # unchanged since the last build is taken from it without making its view again.
        self.inputs: page_inputs.Inputs | None = None
        self.history_state = ""  # the commit the site's history is read up to (cache.history_state)
        self.theme, _ = load_theme(config)  # its problems are check's to report
        self.env = environment(config, self.theme, sandboxed)
        self.memo: dict[str, tuple[str, bytes]] | None = {} if memo else None
        self._kept_specs: dict = {}  # lazy(): the entity pages of the last save, by their tables' ids
        self._shape: list | None = None  # and which pages it had
        self.rendered = 0  # pages rendered by the last call, for tests and benchmarks
        self.search = search
        self.notices: list[str] = []  # things the user should hear about once (search is off)
        self.notify = notify
        self._search_job: _Background | None = None  # started before render (start_search)
        self._kept_answering: ExitStack | None = None  # KEPT answering from `earlier` (_use_kept)

    def start_search(self, site: Site) -> None:
        """Start the search index now, before the stages that come ahead of the pages (the
        history): a build after an edit waited for its shard's indexer at the end of its few
        pages. Its records are made here, from the linked Site (they read neither the history
        nor anything page_inputs notes). Only where the pages would be rendered in this process
        alone anyway (beside the indexer, on two cores or fewer): no fork may happen while the
        indexer's thread runs (see _render_parallel), and on more cores a build whose every view
        is made again (a new day, an edit of okrsite.yaml) renders in forked workers as before.
        `stop_search` if render is not reached."""
        if _workers(PARALLEL_MIN_PAGES, beside_indexer=True) > 1:
            return
        if self.search and self.memo is None and self._search_job is None:
            if self.earlier is not None:
                self._use_kept()  # the plain text of bodies an earlier build made
            self._search_job = _Background(functools.partial(self.search_files, site, search.site_records(site)))
            self._search_job.start()

    def stop_search(self) -> None:
        """Wait for a search index started and not taken by render: a failed build leaves
        nothing running that writes into the site (its cache); and let go of the kept drawings
        and renderings when render will not."""
        if self._search_job is not None:
            self._search_job.join()
            self._search_job = None
        self._release_kept()

    def compile_templates(self) -> None:
        """Load every template now, so a syntax error shows before any page is asked for."""
        for name in self.env.list_templates(extensions=TEMPLATE_EXTENSIONS):
            try:
                self.env.get_template(name)
            except jinja2.TemplateSyntaxError as err:
                raise RenderError(f"template {err.filename or err.name}:{err.lineno}: {err.message}") from None
            except jinja2.TemplateNotFound as err:
                raise RenderError(f"template {name}: it includes or extends {err}, which the theme does not have") from None

    def _compile_quietly(self) -> None:
        """Compile the theme's templates once, before workers fork and inherit them. A template
        that fails is left out: the page that uses it reports the error as it always has."""
        for name in self.env.list_templates(extensions=TEMPLATE_EXTENSIONS):
            try:
                self.env.get_template(name)
            except Exception:  # noqa: BLE001 - a theme's template may fail in any way (nesting too deep)
                pass

    def page(self, job: PageJob) -> bytes:
        inputs = self.inputs
        if inputs is None:
            view = job.view()
        else:
            made = self._reused(job.file)
            if made is not None:
                return made
            with page_inputs.reading() as reads:
                view = job.view()
        key = _fingerprint(job.template, view) if self.memo is not None or self.earlier is not None else ""
        if self.memo is not None and job.file in self.memo and self.memo[job.file][0] == key:
            return self.memo[job.file][1]
        if self.earlier is not None and not key.startswith(APPROXIMATE):
            self.fingerprints[job.file] = key
            if inputs is not None:
                inputs.made(job.file, key, reads.keys())
            made = self.earlier.get(key)
            if made is not None:
                return made
        try:
            html = self.env.get_template(job.template).render(view)
        except jinja2.TemplateSyntaxError as err:
            raise RenderError(f"template {err.filename or err.name}:{err.lineno}: {err.message}") from None
        except SecurityError as err:
            where = _template_line(err, self.theme)
            raise RenderError(f"template {job.template} (for {job.file}){where}: {err} (themes run in Jinja's "
                              "sandbox and may not do this; see docs/themes.md)") from None
        except jinja2.TemplateError as err:
            where = _template_line(err, self.theme)
            raise RenderError(f"template {job.template} (for {job.file}){where}: {err}") from None
        except Exception as err:  # noqa: BLE001 - a site theme's template may fail in any way ({{ 1 / 0 }})
            where = _template_line(err, self.theme)
            raise RenderError(f"template {job.template} (for {job.file}){where}: {type(err).__name__}: {err}") from None
        data = html.encode("utf-8")
        self.rendered += 1
        if self.memo is not None:
            self.memo[job.file] = (key, data)
        return data

    def render(self, site: Site, progress: Callable[[int, int], None] | None = None) -> dict[str, bytes]:
        if self.earlier is None:
            return self._render(site, progress)
        try:
            self._use_kept()
            self.inputs = page_inputs.Inputs(site, self.earlier.get(INPUTS), self.history_state)
            files = self._render(site, progress)
            self.made.update(_made_here())
            return files
        finally:
            self.stop_search()  # the search index, when _render was not reached; the kept stores

    def _use_kept(self) -> None:
        """The earlier drawings and renderings (KEPT) answer from here on, once per render:
        what this build uses of them is noted from the first use (start_search's records)."""
        if self._kept_answering is None:
            self._kept_answering = ExitStack()
            for prefix, store in KEPT:
                self._kept_answering.enter_context(store.answering(
                    {key[len(prefix):]: data for key, data in self.earlier.items() if key.startswith(prefix)}))

    def _release_kept(self) -> None:
        if self._kept_answering is not None:
            self._kept_answering.close()
            self._kept_answering = None

    def kept(self, files: dict[str, bytes]) -> dict[str, bytes]:
        """What the build cache keeps of this build (one entry, pipeline.build_files): every
        file under FILE + its name, which file each page fingerprint is (FINGERPRINTS), and
        each drawing and rendering by its key with its prefix (KEPT). A page's bytes are kept
        once, as a file of the site (kept_files) and as the earlier page (kept_pages)."""
        kept = {FILE + name: data for name, data in files.items()}
        kept[FINGERPRINTS] = json.dumps(dict(sorted(self.fingerprints.items())), separators=(",", ":")).encode()
        kept.update(sorted(self.made.items()))
        if self.inputs is not None:
            kept[INPUTS] = self.inputs.kept()
        return kept

    def _render(self, site: Site, progress: Callable[[int, int], None] | None = None) -> dict[str, bytes]:
        self.rendered = 0
        self.fingerprints = {}
        self.made = {}
        jobs = plan(site)
        # The records are made before the pages: with workers, before they fork (the records
        # parse every Markdown body, and the workers inherit those parses instead of each making
        # its own); in one process, so the indexer can run while the pages are made, and the
        # search thread reads nothing of the Site a view's reads (page_inputs) could pick up.
        background = self.search and self.memo is None
        search_job, self._search_job = self._search_job, None
        if search_job is not None:  # started before (start_search), where one process renders anyway
            workers = 1
        else:
            workers = _workers(self._views_to_make(jobs), beside_indexer=background) if self.memo is None else 1
            # the records are the search job's alone: let go of once it has indexed them
            search_job = _Background(functools.partial(self.search_files, site,
                                                       search.site_records(site) if background else None))
        try:
            others = self.others(site, [job.file for job in jobs])
            if workers > 1:
                if not self.earlier:  # every page will be rendered: each worker would compile every template
                    self._compile_quietly()
                files = self._render_parallel(site, jobs, workers, progress, search_job)
            else:
                if background and not search_job.started:
                    search_job.start()
                files = {}
                total = len(jobs)
                # a quarter's diagram file right after its page: laid out once for both
                # (roadmap_view keeps only the last few layouts)
                drawn_with = {urls.quarter(q.id): urls.quarter_svg(q.id) for q in site.quarters}
                for done, job in enumerate(jobs, 1):
                    files[job.file] = self.page(job)
                    diagram = drawn_with.get(job.file)
                    if diagram in others:
                        files[diagram] = self.other(diagram, others.pop(diagram))
                    if progress is not None and (done % 50 == 0 or done == total):
                        progress(done, total)
            files.update({name: self.other(name, make) for name, make in others.items()})
        except BaseException:
            search_job.join()  # a failed build leaves nothing running that writes into the site (its cache)
            raise
        files.update(search_job.result())
        if self.memo is not None:
            for stale in set(self.memo) - set(files):
                del self.memo[stale]
        return dict(sorted(files.items()))

    def _views_to_make(self, jobs: list[PageJob]) -> int:
        """How many pages need their view made: with page inputs, those not taken as they were
        (a build after a one-file edit makes a handful, not worth forking workers for)."""
        if self.inputs is None:
            return len(jobs)
        return sum(1 for job in jobs if self._earlier_of(job.file) is None)

    def _earlier_of(self, file: str) -> tuple[str, list[str], bytes] | None:
        """(fingerprint, read keys, bytes) of `file` in the last build, when nothing it read has
        changed since and the last build kept its bytes (page inputs on)."""
        reused = self.inputs.reusable(file)
        data = self.earlier.get(reused[0]) if reused is not None else None
        return None if data is None else (*reused, data)

    def _reused(self, file: str) -> bytes | None:
        """`file` as the last build made it (see _earlier_of), noted as this build's."""
        found = self._earlier_of(file)
        if found is None:
            return None
        fingerprint, keys, data = found
        self.fingerprints[file] = fingerprint
        self.inputs.made(file, fingerprint, keys)
        return data

    def search_files(self, site: Site, records: list | None = None) -> dict[str, bytes]:
        """The search bundle; when the indexer cannot run, none, and a notice said once.
        `records`: search.site_records(site), when already made."""
        if not self.search:
            return {}
        try:
            return search.bundle(site, self.cache, records)
        except search.SearchUnavailable as err:
            notice = f"search is off: {err}; the site works without it (the search box leads to the milestone list)"
            if notice not in self.notices:
                self.notices.append(notice)
                if self.notify is not None:
                    self.notify(notice)
            return {}


    def others(self, site: Site, pages: Iterable[str]) -> dict[str, Callable[[], bytes]]:
        """Every output that is not an HTML page, and how to make it: diagrams, assets, exports
        (the sitemap lists `pages`, the files of the HTML pages in plan's order)."""
        makers: dict[str, Callable[[], bytes]] = {}
        for quarter in site.quarters:
            def diagram(q=quarter) -> bytes:
                ids = views._milestones_in_quarter(site, q.id)
                return roadmap_svg(site, q.id, ids, root=urls.root(urls.quarter_svg(q.id)),
                                   id_prefix="rm", standalone=True).encode("utf-8")
            makers[urls.quarter_svg(quarter.id)] = diagram
        for name, file in sorted(self.theme.static.items()):
            if urls.ASSETS + name == urls.PLANNING_STYLESHEET and not site.planning:
                continue  # a part-1 site's output stays exactly as it was
            if urls.ASSETS + name == urls.HISTORY_STYLESHEET and site.history is None:
                continue  # likewise for a site built without history
            makers[urls.ASSETS + name] = file.read
        makers[urls.ROADMAP_JSON] = lambda: exports.roadmap_json(site).encode("utf-8")
        makers[urls.ROADMAP_ICS] = lambda: exports.roadmap_ics(site).encode("utf-8")
        makers[urls.SITEMAP] = lambda: exports.sitemap(site, [page for page in pages if page != urls.NOT_FOUND]).encode(
            "utf-8")
        if site.history is not None:
            from okrsite.history.feed import atom

            makers[urls.CHANGES_FEED] = lambda: atom(site).encode("utf-8")
        return makers

    def other(self, name: str, make: Callable[[], bytes]) -> bytes:
        """A file that is not a page: with page inputs, the diagrams and exports are taken from
        the last build when nothing they read has changed, as pages are (page()). The sitemap
        (made from the list of pages, not from what it reads) and the theme's files are made."""
        inputs = self.inputs
        if inputs is None or name == urls.SITEMAP or name.startswith(urls.ASSETS):
            return make()
        data = self._reused(name)
        if data is not None:
            return data
        with page_inputs.reading() as reads:
            data = make()
        fingerprint = OTHER + hashlib.blake2b(data, digest_size=16).hexdigest()
        self.fingerprints[name] = fingerprint
        inputs.made(name, fingerprint, reads.keys())
        return data

    def lazy(self, site: Site) -> "LazyFiles":
        """The site as a mapping whose files are made when first asked for (for `serve`).

        Every file is still a function of this complete, checked Site, so a lazily made file
        is byte-identical to the one `build` writes; only the work of unrequested pages is saved.
        """
        self.rendered = 0
        kept = self._kept_specs
        segments = page_segments(site, kept)
        # each run of pages by file: an entity table's kept with its run, the others' made anew
        # (their args reach their views: a view of this Site is made of this Site's values)
        runs = [kept[table][2] if table else {spec.file: spec for spec in specs} for table, specs in segments]
        shape = [id(run) if table else tuple(run) for (table, _), run in zip(segments, runs)]
        if self.memo is not None and shape != self._shape:  # other pages than the last save's
            for stale in set(self.memo).difference(*runs):
                del self.memo[stale]
        self._shape = shape
        makers = _Makers(self, site, runs, self.others(site, [file for run in runs for file in run]))
        bundle = (urls.SEARCH, lambda: self.search_files(site)) if self.search else None
        files = LazyFiles(makers, bundle)
        files.not_found_at = lambda prefix: self.page(PageJob(
            "404.html?at", "404.html", lambda: views.not_found(site, static_files(self.config), prefix)))
        return files

    def _render_parallel(self, site: Site, jobs: list[PageJob], workers: int, progress,
                         search: "_Background | None" = None) -> dict[str, bytes]:
        """Pages are independent, so `workers` processes render interleaved slices of the plan:
        this one and `workers - 1` forks of it, each taking the next slice when it is done with
        one. This process renders too rather than only waiting: a fork copies every page of the
        parent's memory it writes to (reference counts on each object a view touches), so each
        extra process cost about as much memory as the parent (issue 15: 421-429 MB of a
        worker's 463-471 MB were its own at 10,000 entities).

        The workers are our own forks, each with a pipe of its own, not a multiprocessing Pool:
        on Ctrl-C (or any error) the parent kills them and has nothing shared with them left to
        wait on, where Pool.terminate could hang on a queue lock a killed worker held. Ctrl-C is
        held back while forking, so it cannot land in the fork handlers of the logging module
        (which would swallow it with the logging lock held); it is raised just after. A thread
        of this process hands the workers their slices and takes their pages while this one
        renders; their answers are merged once all is done.

        `search` (the search index, made by the Pagefind indexer in a process of its own)
        starts once the workers exist, so it runs while they render and no fork happens
        while its thread is alive."""
        global _FORKED
        _FORKED = (self, jobs)
        slices = [range(start, len(jobs), workers * 4) for start in range(workers * 4)]
        files: dict[str, bytes] = {}
        failures = []
        children: dict[Connection, int] = {}  # pipe -> worker's pid
        finished = False
        waiting = collections.deque(range(len(slices)))
        lock = threading.Lock()  # guards `waiting` and `answers`
        answers: list[tuple] = []
        stop = threading.Event()
        problems: list[BaseException] = []

        def take() -> int | None:
            with lock:
                return waiting.popleft() if waiting else None

        def give(conn: Connection) -> bool:
            """Send the worker the next slice; False when none is left."""
            index = take()
            if index is not None:
                conn.send(index)
            return index is not None

        def dispatch() -> None:
            """Hand each worker a slice whenever it sent the last one back; keep their answers."""
            try:
                working = [conn for conn in children if give(conn)]
                while working and not stop.is_set():
                    for conn in multiprocessing.connection.wait(working, timeout=0.2):
                        try:
                            answer = conn.recv()
                        except EOFError:
                            raise RuntimeError("a render worker ended before it sent its pages back") from None
                        with lock:
                            answers.append(answer)
                        if not give(conn):
                            working.remove(conn)
            except BaseException as err:  # noqa: BLE001 - raised again in the rendering thread
                problems.append(err)

        dispatcher = threading.Thread(target=dispatch, name="okrsite-render-workers", daemon=True)
        try:
            mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                for _ in range(workers - 1):
                    ours, theirs = multiprocessing.Pipe()
                    pid = os.fork()
                    if pid == 0:  # pragma: no cover - the worker's coverage is not collected
                        for pipe in (ours, *children):  # a worker holds only its own pipe's end
                            pipe.close()
                        _serve_slices(theirs, slices, mask)
                    theirs.close()
                    children[ours] = pid
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a Ctrl-C held back is raised here
            if search is not None:
                search.start()
            dispatcher.start()
            # Each slice is rendered up to its first failing page, as a worker does, and every
            # slice is rendered: the failure reported is the first of the plan (see below).
            while not problems and (index := take()) is not None:
                for i in slices[index]:
                    try:
                        files[jobs[i].file] = self.page(jobs[i])
                    except RenderError as err:
                        failures.append((i, str(err), ""))
                        break
                    except Exception:  # noqa: BLE001 - a bug in okrsite's own view code: reported, with where it happened
                        failures.append((i, "", traceback.format_exc()))
                        break
                if progress is not None:
                    with lock:
                        done = len(files) + sum(len(answer[0]) for answer in answers)
                    progress(done, len(jobs))
            dispatcher.join()
            if problems:
                raise problems[0]
            for rendered, fingerprints, inputs, count, made, failed in answers:
                files.update(rendered)
                self.fingerprints.update(fingerprints)
                if self.inputs is not None:
                    self.inputs.pages.update(inputs)
                self.made.update(made)
                self.rendered += count
                if failed is not None:
                    failures.append(failed)
            if progress is not None:
                progress(len(files), len(jobs))
            finished = True
        finally:
            stop.set()
            if dispatcher.is_alive():
                dispatcher.join()
            _FORKED = None
            _end_workers(children, finished)
        if failures:  # the first failing page of the plan, as rendering in one process reports it
            index, message, trace = min(failures)
            if trace:  # which process made the page depends on timing: the message does not say
                raise RuntimeError(f"making {jobs[index].file} failed:\n{trace}")
            raise RenderError(message)
        return {job.file: files[job.file] for job in jobs}


def _serve_slices(conn: Connection, slices: list[range], mask) -> None:
    """A render worker's whole life: render the slices the parent sends until it sends none.
    Ctrl-C is for the parent (it reaches the whole process group); the worker ignores it. It
    leaves with os._exit: nothing of the parent's (buffered output, atexit) runs twice."""
    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # discards a Ctrl-C held back during the fork
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        while (index := conn.recv()) is not None:
            conn.send(_render_slice(slices[index]))
        status = 0
    except BaseException:  # noqa: BLE001 - the parent sees the pipe close and reports it
        pass
    finally:
        os._exit(status)


def _end_workers(children: dict[Connection, int], finished: bool) -> None:
    """When the pages are all in, tell each worker to leave; otherwise (the build failed or was
    interrupted) kill them all first. Then wait for each, so none is left behind. A worker that
    outlives its parent anyway (a second Ctrl-C here) leaves when its pipe is closed."""
    for conn, pid in children.items():
        if finished:
            try:
                conn.send(None)
            except OSError:  # it has ended already
                pass
        else:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    for conn, pid in children.items():
        conn.close()
        os.waitpid(pid, 0)


class _Background:
    """`make()` in a thread once `start()` is called, or in the caller's at `result()` if never
    started; an exception it raises is raised by `result()`."""

    def __init__(self, make: Callable[[], dict[str, bytes]]):
        self._make = make
        self._thread: threading.Thread | None = None
        self._value: dict[str, bytes] | None = None
        self._error: BaseException | None = None

    def _run(self) -> None:
        make, self._make = self._make, None  # what it holds (the search records) goes when it is done
        try:
            self._value = make()
        except BaseException as err:  # noqa: BLE001 - handed to the caller of result()
            self._error = err

    @property
    def started(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="okrsite-search", daemon=True)
        self._thread.start()

    def join(self) -> None:
        """Wait for a started `make()` to end, whatever it returns or raises."""
        if self._thread is not None:
            self._thread.join()

    def result(self) -> dict[str, bytes]:
        if self._thread is None:
            self._run()
        else:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


class _Makers(Mapping):
    """File name -> how to make it, for LazyFiles: the pages of `runs` (dicts of PageSpec by file,
    in plan's order, made for `site` when asked for: no function per page is made on a save)
    and the `others`."""

    def __init__(self, renderer: Renderer, site: Site, runs: list[dict[str, PageSpec]],
                 others: dict[str, Callable[[], bytes]]):
        self._renderer, self._site, self._runs, self._others = renderer, site, runs, others

    def __getitem__(self, name: str) -> Callable[[], bytes]:
        for run in self._runs:
            spec = run.get(name)
            if spec is not None:
                job = spec.job(self._site)
                return lambda: self._renderer.page(job)
        return self._others[name]

    def __contains__(self, name: object) -> bool:
        return any(name in run for run in self._runs) or name in self._others

    def __iter__(self) -> Iterator[str]:
        for run in self._runs:
            yield from run
        yield from self._others

    def __len__(self) -> int:
        return sum(map(len, self._runs)) + len(self._others)


class LazyFiles(Mapping):
    """File name -> bytes, each made on first access and then kept; safe to share across threads.

    A `bundle` (folder prefix, maker) is a group of files whose names are only known once made
    (the search index names its files by their content): the first look under the prefix
    makes all of them at once.
    """

    def __init__(self, makers: dict[str, Callable[[], bytes]],
                 bundle: tuple[str, Callable[[], dict[str, bytes]]] | None = None):
        self._makers = makers
        self.not_found_at: Callable[[str], bytes] | None = None  # the 404 page for a prefix
        self._made: dict[str, bytes] = {}
        self._lock = threading.Lock()
        self._bundle = bundle
        self._bundle_files: dict[str, bytes] | None = None
        self._bundle_lock = threading.Lock()

    def _bundled(self, name: object) -> dict[str, bytes] | None:
        if self._bundle is None or not isinstance(name, str) or not name.startswith(self._bundle[0]):
            return None
        with self._bundle_lock:  # made once, however many requests ask at the same time
            if self._bundle_files is None:
                self._bundle_files = self._bundle[1]()
        return self._bundle_files

    def __getitem__(self, name: str) -> bytes:
        bundled = self._bundled(name)
        if bundled is not None:
            return bundled[name]
        made = self._made.get(name)
        if made is None:
            make = self._makers[name]  # KeyError for names the site does not have
            made = make()
            with self._lock:
                made = self._made.setdefault(name, made)
        return made

    def __contains__(self, name: object) -> bool:
        bundled = self._bundled(name)
        if bundled is not None:
            return name in bundled
        return name in self._makers

    def _all_names(self) -> list[str]:
        names = list(self._makers)
        if self._bundle is not None:
            names += list(self._bundled(self._bundle[0]) or ())
        return sorted(names)

    def __iter__(self) -> Iterator[str]:
        return iter(self._all_names())

    def __len__(self) -> int:
        return len(self._all_names())


_FORKED: tuple | None = None  # (renderer, jobs), inherited by forked workers
PARALLEL_MIN_PAGES = 400


def _workers(pages: int, beside_indexer: bool = False) -> int:
    """Processes that render a build's pages (this one and forks of it): one per core, for big
    sites only (OKRSITE_WORKERS overrides). With the search indexer running beside them, one core
    is left to it: on 2 cores a fork there cost 10% more CPU (its copy of the parent's heap,
    written by reference counts, in page faults) and half as much memory again for about the
    same wall time, since Pagefind kept the second core busy anyway (bench/README.md, "Render
    processes, diagrams and documents in memory")."""
    configured = os.environ.get("OKRSITE_WORKERS", "").strip()
    if configured.isdigit():
        return max(1, int(configured))
    if pages < PARALLEL_MIN_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = max(1, min(os.cpu_count() or 1, 8))
    return max(1, cores - 1) if beside_indexer else cores


def _render_slice(indexes: range) -> tuple[dict[str, bytes], dict[str, str], dict[str, list], int,
                                          dict[str, bytes], tuple[int, str, str] | None]:
    """(files, their fingerprints and inputs when earlier pages are kept, how many were rendered, the
    drawings and renderings they used when earlier pages are kept, and the first page that
    failed: its plan index, and the RenderError's message or, for any other error, its traceback).

    A failure is returned, not raised: the parent takes every slice's answer, and reports the
    failure that comes first in the plan, as rendering in one process does."""
    renderer, jobs = _FORKED
    renderer.fingerprints, renderer.rendered = {}, 0
    if renderer.inputs is not None:
        renderer.inputs.pages = {}
    files, failed = {}, None
    for i in indexes:
        try:
            files[jobs[i].file] = renderer.page(jobs[i])
        except RenderError as err:
            failed = (i, str(err), "")
            break
        except Exception:  # noqa: BLE001 - a bug in okrsite's own view code: reported, with where it happened
            failed = (i, "", traceback.format_exc())
            break
    return (files, renderer.fingerprints, renderer.inputs.pages if renderer.inputs is not None else {},
            renderer.rendered, _made_here() if renderer.earlier is not None else {}, failed)


def _made_here() -> dict[str, bytes]:
    """The drawings and renderings this process used, keyed for Renderer.kept."""
    return {prefix + key: data for prefix, store in KEPT for key, data in store.noted().items()}


def page_count(files: dict[str, bytes]) -> int:
    return sum(1 for name in files if name.endswith(".html"))
