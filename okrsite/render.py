"""Render stage: the linked Site -> every output file as bytes, in memory.

Nothing is written here (see write.py). A `Renderer` keeps the bytes of each page with the
view it came from, so `serve` re-renders only the pages whose view data changed.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import pickle
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup

from okrsite import exports, urls, views
from okrsite.bidi import isolate
from okrsite.views import all_milestones, backlog
from okrsite.config import SiteConfig
from okrsite.model import Site
from okrsite.roadmap_view import roadmap_svg


class RenderError(Exception):
    """A theme problem (template syntax, unknown variable): the build stops, nothing is written."""


def builtin_theme() -> Path:
    """The default theme: inside the installed package, or beside it in a source checkout."""
    packaged = Path(__file__).parent / "themes" / "default"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "themes" / "default"


def theme_dirs(config: SiteConfig) -> list[Path]:
    """Site theme first, then the built-in default: a site overrides any single file."""
    dirs = []
    site_theme = config.site_dir / "themes" / config.theme
    if site_theme.is_dir() and site_theme.resolve() != builtin_theme().resolve():
        dirs.append(site_theme)
    dirs.append(builtin_theme())
    return dirs


def _isolated(value):
    """Every `{{ value }}` a theme prints: text (not Markup, which is made to be HTML) is put
    between bidi isolates when it holds right-to-left letters or bidi controls, so an author's
    title can never reorder the page around it (see bidi.py). Themes get this without asking."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return isolate(value)
    return value


def environment(config: SiteConfig) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d / "templates")) for d in theme_dirs(config)])
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        finalize=_isolated,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def static_files(config: SiteConfig) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for theme in reversed(theme_dirs(config)):
        static = theme / "static"
        if not static.is_dir():
            continue
        for path in sorted(static.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                files[urls.ASSETS + path.relative_to(static).as_posix()] = path.read_bytes()
    return files


@dataclass(frozen=True)
class PageJob:
    file: str
    template: str
    view: Callable[[], dict]


def plan(site: Site) -> list[PageJob]:
    """Every HTML page of the site, in a stable order."""
    jobs = [
        PageJob(urls.HOME, "home.html", lambda: views.home(site)),
        PageJob(urls.QUARTERS, "quarters.html", lambda: views.quarters_index(site)),
        PageJob(urls.NOT_FOUND, "404.html", lambda: views.not_found(site, static_files(site.config))),
        PageJob(urls.MILESTONES, "milestones.html", lambda: all_milestones.all_milestones_page(site)),
    ]
    for grouping in backlog.GROUPINGS:
        jobs.append(PageJob(backlog.file_for(grouping), "backlog.html",
                            lambda g=grouping: backlog.backlog_page(site, g)))
    for quarter in site.quarters:
        jobs.append(PageJob(urls.quarter(quarter.id), "quarter.html",
                            lambda q=quarter.id: views.quarter_page(site, q)))
    for v in views.roadmap_views(site):
        jobs.append(PageJob(views.roadmap_url(site, v["year"], v["half"], v["group"]), "roadmap.html",
                            lambda v=v: views.roadmap_page(site, year=v["year"], half=v["half"], group=v["group"])))
    for filters in views.roadmap_variants(site):
        (dimension, value), = filters.items()
        jobs.append(PageJob(urls.roadmap_filter(dimension, value), "roadmap.html",
                            lambda f=filters: views.roadmap_page(site, f)))
    for objective in sorted(site.objectives.values(), key=lambda o: o.id):
        jobs.append(PageJob(urls.objective(objective.id), "objective.html",
                            lambda o=objective: views.objective_page(site, o)))
    for milestone in sorted(site.milestones.values(), key=lambda m: m.id):
        jobs.append(PageJob(urls.milestone(milestone.id), "milestone.html",
                            lambda m=milestone: views.milestone_page(site, m)))
    if site.teams:
        jobs.append(PageJob(urls.TEAMS, "teams.html", lambda: views.teams_index(site)))
    if site.planning:
        jobs.append(PageJob(urls.ALIGNMENT, "alignment.html", lambda: views.alignment_page(site)))
    for team in sorted(site.teams.values(), key=lambda t: t.id):
        jobs.append(PageJob(urls.team(team.id), "team.html", lambda t=team: views.team_page(site, t)))
    if len(site.pages) > views.NAV_PAGES:
        jobs.append(PageJob(urls.PAGES, "pages.html", lambda: views.pages_index(site)))
    for page in sorted(site.pages.values(), key=lambda p: p.id):
        jobs.append(PageJob(urls.page(page.id), "page.html", lambda p=page: views.free_page(site, p)))
    if site.history is not None:  # read from git (history/): changes by week, older weeks on more pages
        from okrsite.history import views as history_views

        for number in range(1, history_views.change_pages(site) + 1):
            jobs.append(PageJob(urls.changes(number), "changes.html",
                                lambda n=number: history_views.changes_page(site, n)))
    return jobs


def _fingerprint(template: str, view: dict) -> str:
    """A page's memo key: its template and view data. Pickle is a faithful serialisation (equal
    bytes mean equal data) and several times faster than JSON on large views; a view pickle
    can't take falls back to JSON. Unequal bytes for equal data only cost a needless render."""
    try:
        data = pickle.dumps(view, protocol=5)
    except (pickle.PicklingError, TypeError, AttributeError):
        data = json.dumps(view, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.blake2b(template.encode() + b"\0" + data, digest_size=16).hexdigest()


class Renderer:
    """Renders a Site; with `memo`, a page whose view is unchanged is not rendered again."""

    def __init__(self, config: SiteConfig, memo: bool = False):
        self.config = config
        self.env = environment(config)
        self.memo: dict[str, tuple[str, bytes]] | None = {} if memo else None
        self.rendered = 0  # pages rendered by the last call, for tests and benchmarks

    def compile_templates(self) -> None:
        """Load every template now, so a syntax error shows before any page is asked for."""
        for name in self.env.list_templates(extensions=["html", "svg", "xml", "txt"]):
            try:
                self.env.get_template(name)
            except jinja2.TemplateSyntaxError as err:
                raise RenderError(f"template {err.filename or err.name}:{err.lineno}: {err.message}") from None

    def page(self, job: PageJob) -> bytes:
        view = job.view()
        key = _fingerprint(job.template, view) if self.memo is not None else ""
        if self.memo is not None and job.file in self.memo and self.memo[job.file][0] == key:
            return self.memo[job.file][1]
        try:
            html = self.env.get_template(job.template).render(view)
        except jinja2.TemplateSyntaxError as err:
            raise RenderError(f"template {err.filename or err.name}:{err.lineno}: {err.message}") from None
        except jinja2.TemplateError as err:
            raise RenderError(f"template {job.template} (for {job.file}): {err}") from None
        except Exception as err:  # noqa: BLE001 - a site theme's template may fail in any way ({{ 1 / 0 }})
            raise RenderError(f"template {job.template} (for {job.file}): {type(err).__name__}: {err}") from None
        data = html.encode("utf-8")
        self.rendered += 1
        if self.memo is not None:
            self.memo[job.file] = (key, data)
        return data

    def render(self, site: Site, progress: Callable[[int, int], None] | None = None) -> dict[str, bytes]:
        self.rendered = 0
        jobs = plan(site)
        workers = _workers(len(jobs)) if self.memo is None else 1
        if workers > 1:
            files = self._render_parallel(site, jobs, workers, progress)
        else:
            files = {}
            total = len(jobs)
            for done, job in enumerate(jobs, 1):
                files[job.file] = self.page(job)
                if progress is not None and (done % 50 == 0 or done == total):
                    progress(done, total)
        files.update({name: make() for name, make in self.others(site, jobs).items()})
        if self.memo is not None:
            for stale in set(self.memo) - set(files):
                del self.memo[stale]
        return dict(sorted(files.items()))


    def others(self, site: Site, jobs: list[PageJob]) -> dict[str, Callable[[], bytes]]:
        """Every output that is not an HTML page, and how to make it: diagrams, assets, exports."""
        makers: dict[str, Callable[[], bytes]] = {}
        for quarter in site.quarters:
            def diagram(q=quarter) -> bytes:
                ids = views._milestones_in_quarter(site, q.id)
                return roadmap_svg(site, q.id, ids, root=urls.root(urls.quarter_svg(q.id)),
                                   id_prefix="rm", standalone=True).encode("utf-8")
            makers[urls.quarter_svg(quarter.id)] = diagram
        for name, data in static_files(self.config).items():
            if name == urls.PLANNING_STYLESHEET and not site.planning:
                continue  # a part-1 site's output stays exactly as it was
            if name == urls.HISTORY_STYLESHEET and site.history is None:
                continue  # likewise for a site built without history
            makers[name] = lambda data=data: data
        pages = [j.file for j in jobs if j.file != urls.NOT_FOUND]
        makers[urls.ROADMAP_JSON] = lambda: exports.roadmap_json(site).encode("utf-8")
        makers[urls.ROADMAP_ICS] = lambda: exports.roadmap_ics(site).encode("utf-8")
        makers[urls.SITEMAP] = lambda: exports.sitemap(site, pages).encode("utf-8")
        if site.history is not None:
            from okrsite.history.feed import atom

            makers[urls.CHANGES_FEED] = lambda: atom(site).encode("utf-8")
        return makers

    def lazy(self, site: Site) -> "LazyFiles":
        """The site as a mapping whose files are made when first asked for (for `serve`).

        Every file is still a function of this complete, checked Site, so a lazily made file
        is byte-identical to the one `build` writes; only the work of unrequested pages is saved.
        """
        self.rendered = 0
        jobs = plan(site)
        makers: dict[str, Callable[[], bytes]] = {job.file: (lambda job=job: self.page(job)) for job in jobs}
        makers.update(self.others(site, jobs))
        if self.memo is not None:
            for stale in set(self.memo) - set(makers):
                del self.memo[stale]
        files = LazyFiles(dict(sorted(makers.items())))
        files.not_found_at = lambda prefix: self.page(PageJob(
            "404.html?at", "404.html", lambda: views.not_found(site, static_files(self.config), prefix)))
        return files

    def _render_parallel(self, site: Site, jobs: list[PageJob], workers: int, progress) -> dict[str, bytes]:
        """Pages are independent, so forked workers render interleaved slices of the plan."""
        global _FORKED
        _FORKED = (self, jobs)
        slices = [range(start, len(jobs), workers * 4) for start in range(workers * 4)]
        files: dict[str, bytes] = {}
        try:
            context = multiprocessing.get_context("fork")
            with context.Pool(workers) as pool:
                for rendered in pool.imap_unordered(_render_slice, slices):
                    files.update(rendered)
                    if progress is not None:
                        progress(len(files), len(jobs))
        finally:
            _FORKED = None
        self.rendered = len(files)
        return {job.file: files[job.file] for job in jobs}


class LazyFiles(Mapping):
    """File name -> bytes, each made on first access and then kept; safe to share across threads."""

    def __init__(self, makers: dict[str, Callable[[], bytes]]):
        self._makers = makers
        self.not_found_at: Callable[[str], bytes] | None = None  # the 404 page for a prefix
        self._made: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def __getitem__(self, name: str) -> bytes:
        made = self._made.get(name)
        if made is None:
            make = self._makers[name]  # KeyError for names the site does not have
            made = make()
            with self._lock:
                made = self._made.setdefault(name, made)
        return made

    def __contains__(self, name: object) -> bool:
        return name in self._makers

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


_FORKED: tuple | None = None  # (renderer, jobs), inherited by forked workers
PARALLEL_MIN_PAGES = 400


def _workers(pages: int) -> int:
    """Worker processes for a build: one per core (OKRSITE_WORKERS overrides), for big sites only."""
    configured = os.environ.get("OKRSITE_WORKERS", "").strip()
    if configured.isdigit():
        return max(1, int(configured))
    if pages < PARALLEL_MIN_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def _render_slice(indexes: range) -> dict[str, bytes]:
    renderer, jobs = _FORKED
    return {jobs[i].file: renderer.page(jobs[i]) for i in indexes}


def page_count(files: dict[str, bytes]) -> int:
    return sum(1 for name in files if name.endswith(".html"))
