"""View data: what each page shows, computed in Python so templates only render.

Every view is plain data (dicts, lists, strings, numbers, Markup) with hrefs already made
relative to the page it is for, so a page's view is also its cache key in `serve`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Iterable
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from okrsite import markdown, page_inputs, planning_view, sparkline, urls
from okrsite.bidi import isolate
from okrsite.history import views as history_views
from okrsite.config import repo_prefix
from okrsite.model import Milestone, Objective, Site, kind_of
from okrsite.natural import natural_key
from okrsite.roadmap_view import GROUPINGS, diagram_input, lane_ids, roadmap_parts
from okrsite.views import listing
from okrsite.views.listing import bounded, by_title

TYPE_LABELS = {"epic": "Epic", "spike": "Spike", "enabler": "Enabler", "signal-test": "Signal test"}
STATUS_LABELS = {
    "planned": "Planned", "in-progress": "In progress", "done": "Done", "at-risk": "At risk",
    "blocked": "Blocked", "dropped": "Dropped", "on-track": "On track", "off-track": "Off track",
    "untested": "Untested", "validated": "Validated", "invalidated": "Invalidated",
    "todo": "To do", "doing": "Doing", "candidate": "Candidate",
}
MILESTONE_TYPES = tuple(TYPE_LABELS)
MILESTONE_STATUSES = ("planned", "in-progress", "done", "at-risk", "blocked", "dropped")
# Element ids the default templates put on each kind of page, beside the Markdown they show:
# heading anchors must not repeat them (a body heading "Tasks" on a milestone page becomes
# "tasks-1"). Other pages keep every natural heading anchor.
PAGE_IDS = {
    "objective": frozenset({"main", "key-results", "hypotheses", "milestones", "mentioned-in"}),
    "milestone": frozenset({"main", "serves", "tasks", "dependencies", "mentioned-in", "history"}),
    "team": frozenset({"main", "members", "objectives", "milestones", "mentioned-in"}),
    "page": frozenset({"main", "mentioned-in"}),
}
PLANNING_IDS = frozenset({"alignment", "candidates", "grade"})  # more on objective pages of planning sites


def date_label(day: dt.date | None) -> str:
    return f"{day:%b} {day.day}, {day.year}" if day else ""


def span_label(start: dt.date | None, end: dt.date | None) -> str:
    if not start or not end:
        return "Unscheduled"
    if start.year == end.year:
        return f"{start:%b} {start.day} – {end:%b} {end.day}, {end.year}"
    return f"{date_label(start)} – {date_label(end)}"


def number(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def percent(share: float) -> int:
    return int(round(share * 100))


def badge(value: str | None, kind: str = "status") -> dict | None:
    if not value:
        return None
    label = TYPE_LABELS.get(value) if kind == "type" else STATUS_LABELS.get(value, value)
    return {"label": label, "class": f"{kind}-{value}"}


@dataclass
class PageRef:
    """Where a page is written; everything it links to is made relative to it."""

    file: str
    site: Site
    ids: set = field(default_factory=lambda: {"main"})  # element ids taken on the page (see PAGE_IDS)
    rows: dict = field(default_factory=dict)  # milestone id -> its row on this page, made once
    id_counters: dict = field(default_factory=dict)  # heading anchor -> the next number to try

    def href(self, target: str) -> str:
        return urls.relative(self.file, target)

    def row_key(self) -> int | None:
        """Pages with the same key get the same milestone rows (see `milestone_rows`).

        A row links to milestone, team and objective pages. From a page outside those folders
        (home, quarters, roadmap views, lists) each such link is "../" times the page's depth
        followed by the target, so the depth is the key; other pages make their own rows.
        """
        if type(self).href is not PageRef.href:
            return None
        if self.file.partition("/")[0] in _ROW_TARGET_FOLDERS:
            return None
        return self.file.count("/")

    def link(self, entity, text: str | None = None) -> dict:
        return {"href": self.href(urls.of(entity)), "text": text or _title(entity)}

    def env(self, source_path: str) -> dict:
        """Markdown resolvers for this page: `[[id]]` and relative `.md` links become hrefs."""
        site = self.site

        def resolve_id(target: str):
            entity = site.entity(target)
            if entity is None:
                return None
            return self.href(urls.of(entity)), _title(entity)

        def resolve_href(href: str):
            target = markdown.relative_md_target(href, source_path)
            if target is None:
                return None
            entity = _path_index(site).get(target)  # asked here: a body without such links reads no index
            if entity is None:
                return None
            fragment = href.partition("#")[2]
            url = urls.of(entity)
            return self.href(f"{url.partition('#')[0]}#{fragment}" if fragment else url)

        return {"resolve_id": resolve_id, "resolve_href": resolve_href, "ids": self.ids,
                "id_counters": self.id_counters}

    def markdown(self, text: str, source_path: str) -> Markup:
        return Markup(markdown.render_kept(text, self.env(source_path), f"{self.file}\0{source_path}"))


@dataclass
class RootedRef(PageRef):
    """A page shown at addresses it cannot know (the 404 page): links start from `prefix`,
    the site's root as seen from where the page is shown ("/roadmap/", "/", or "../../")."""

    prefix: str = "/"

    def href(self, target: str) -> str:
        return self.prefix + target


_ROW_TARGET_FOLDERS = frozenset(f(".").partition("/")[0] for f in (urls.milestone, urls.team, urls.objective))


def _per_site(site: Site, key, make):
    """Data derived from the Site that many pages ask for, made once per Site.

    Kept on the Site itself, so it can never outlive the content it came from: `serve` makes
    a new Site after every change. Safe across threads (a race only makes it twice). With what
    `make` read (page_inputs), told again to each view that asks.
    """
    cache = site.__dict__.setdefault("_view_cache", {})
    found = cache.get(key)
    if found is None:
        found = cache[key] = page_inputs.remembered(site, make)
    page_inputs.replay(found[1])  # a view that takes the answer read what it was made from
    return found[0]


def _path_index(site: Site) -> dict:
    def make() -> dict:
        index = {}
        for table in (site.objectives, site.milestones, site.teams, site.pages):
            for entity in table.values():
                index[entity.path] = entity
        for task in site.tasks.values():
            index.setdefault(task.path, task)
        return index
    return _per_site(site, "path_index", make)


def _title(entity) -> str:
    return getattr(entity, "title", None) or getattr(entity, "name", None) or getattr(entity, "statement", "")


# --- summaries shared by many pages ----------------------------------------------------

def objective_card(ref: PageRef, objective: Objective) -> dict:
    site = ref.site
    team = site.teams.get(objective.team_id) if objective.team_id else None
    return {
        "id": objective.id,
        "href": ref.href(urls.objective(objective.id)),
        "title": objective.title,
        "quarter": objective.quarter,
        "team": ref.link(team) if team else None,
        "owner": objective.owner,
        "status": badge(objective.status),
        "progress": percent(objective.progress),
        "krs": [kr_summary(ref, kr) for kr in objective.key_results],
        **planning_view.card_extras(site, objective),
    }


def kr_summary(ref: PageRef, kr) -> dict:
    return {"href": ref.href(urls.of(kr)), "title": kr.title, "progress": percent(kr.progress),
            **planning_view.kr_extras(ref.site, kr)}


def milestone_row(ref: PageRef, milestone: Milestone) -> dict:
    site = ref.site
    team = site.teams.get(milestone.team_id) if milestone.team_id else None
    sprints = milestone.sprint_ids
    return {
        "id": milestone.id,
        "href": ref.href(urls.milestone(milestone.id)),
        "title": milestone.title,
        "type": badge(milestone.type, "type"),
        "type_value": milestone.type,
        "status": badge(milestone.status),
        "status_value": milestone.status,
        "team": ref.link(team) if team else None,
        "team_value": milestone.team_id or "",
        "owner": milestone.owner,
        "dates": span_label(milestone.start, milestone.end),
        "start": milestone.start.isoformat() if milestone.start else "",
        "end": milestone.end.isoformat() if milestone.end else "",
        "sprints": _sprint_label(site, sprints),
        "completion": percent(milestone.completion),
        "votes": milestone.votes,
        "krs": [ref.link(site.key_results[k], f"{k}") for k in milestone.key_result_ids],
        "recent": history_views.recent_badge(site, milestone.id),  # "New" / "Moved" (history.badge_days)
    }


def _sprint_label(site: Site, sprint_ids: tuple[str, ...]) -> str:
    if not sprint_ids:
        return ""
    calendar = site.config.calendar
    first, last = (calendar.sprint(s) for s in (sprint_ids[0], sprint_ids[-1]))
    if first.id == last.id:
        return first.name
    return f"{isolate(first.name)} – {isolate(last.name)}"


def milestone_rows(ref: PageRef, ids: Iterable[str]) -> list[dict]:
    """The rows of these milestones; each milestone's row is made once per page and shared by
    every list it is in. A milestone serving n KRs is listed under each of them on its
    objective's page, and its row names all n: made per list, that was n^2 (issue 9, item 12).

    A row differs between pages only by its links, which are relative to the page's folder, so
    pages in one folder share rows too: the ~50 roadmap pages, which list the same milestones
    again and again, make each row once per build (rows are read-only once made)."""
    rows, ids = ref.rows, list(ids)
    missing = [m for m in ids if m not in rows]
    if missing:
        key = ref.row_key()
        shared = _per_site(ref.site, ("rows", key), dict) if key is not None else {}
        for m in missing:
            made = shared.get(m)
            if made is None:
                made = shared[m] = page_inputs.remembered(ref.site, lambda m=m: milestone_row(ref, ref.site.milestones[m]))
            page_inputs.replay(made[1])
            rows[m] = made[0]
    return [rows[m] for m in ids]


MENTION_KINDS = ("objective", "milestone", "team", "page")
KIND_LABELS = {"objective": "Objectives", "milestone": "Milestones", "team": "Teams", "page": "Pages"}


def mentions(ref: PageRef, ids: list[str]) -> dict:
    """"Mentioned in": links in the natural order of their titles, grouped by kind when long."""
    entities = by_title((ref.site.entity(i) for i in ids), _title, lambda e: e.id)
    links = [{**ref.link(e), "kind": kind_of(e)} for e in entities]
    return bounded(links, lambda link: link["kind"], label=lambda k: KIND_LABELS.get(k, k),
                   order=lambda k: (MENTION_KINDS.index(k) if k in MENTION_KINDS else len(MENTION_KINDS), k),
                   caption="Mentioned in")


def status_groups(rows: list[dict], caption: str) -> dict:
    """Milestone rows as one table, or grouped by status (attention first) when long."""
    return listing.by_status(rows, STATUS_LABELS, caption)


def in_backlog(row: dict) -> bool:
    """An open milestone with no dates yet: it waits in the backlog (views/backlog.py)."""
    return not row["start"] and row["status_value"] not in ("done", "dropped")


def waiting_apart(ref: PageRef, rows: list[dict]) -> tuple[list[dict], dict]:
    """A long list of a period's milestones without the ones waiting in the backlog.

    A quarter of a real roadmap has hundreds of unscheduled proposals (280 on the reference
    site): as table rows they made "Planned" a group of 311 rows, 22,000 px when opened, and
    they are not in the diagram anyway. Past the list limit they leave the tables; the page
    names the most voted under the diagram and links the backlog, which has them all, grouped
    and most voted first. A short list keeps them as rows.
    """
    if len(rows) <= listing.LIMIT:
        return rows, {"count": 0, "href": ""}
    waiting = sum(1 for r in rows if in_backlog(r))
    return [r for r in rows if not in_backlog(r)], {"count": waiting, "href": ref.href(urls.BACKLOG)}


def period_groups(ref: PageRef, rows: list[dict], caption: str, closed: tuple[str, ...] = ()) -> dict:
    """A quarter's milestones by status (attention first), the backlog's ones apart when long.

    `closed`: statuses the page lists elsewhere (the home page's "Needs attention"), so their
    groups start collapsed instead of repeating the same rows open.
    """
    listed, waiting = waiting_apart(ref, rows)
    groups = listing.by_status(listed, STATUS_LABELS, caption, closed=closed)
    groups.update(all=len(rows), waiting=waiting)
    return groups


def by_quarter_newest_first(ref: PageRef, milestone_ids: Iterable[str], caption: str) -> dict:
    """Milestones newest first (by start; unscheduled last), grouped by the quarter they start in."""
    site = ref.site
    calendar = site.config.calendar
    milestones = [site.milestones[m] for m in milestone_ids]
    scheduled = sorted((m for m in milestones if m.scheduled),
                       key=lambda m: (-m.start.toordinal(), -m.end.toordinal(), natural_key(m.title), m.id))
    unscheduled = by_title((m for m in milestones if not m.scheduled), lambda m: m.title, lambda m: m.id)
    quarter_of = {m.id: calendar.quarter_of(m.start).id for m in scheduled}
    rows = milestone_rows(ref, [m.id for m in scheduled + unscheduled])
    return bounded(rows, lambda row: quarter_of.get(row["id"], ""),
                   label=lambda q: q or "Not scheduled", caption=caption)


CARD_LIMIT = 12  # objective cards are ten table rows tall: a team's are grouped by year past a dozen
EMPTY_LANES_SHOWN = 10  # objectives with no bar listed open under a diagram; more fold into <details>
UNSCHEDULED_PREVIEW = 10  # unscheduled milestones named beside a diagram; the backlog has them all


def unscheduled_preview(ref: PageRef, rows: list[dict]) -> dict:
    """The most voted unscheduled milestones of a list of rows, and how many more there are."""
    waiting = sorted((r for r in rows if not r["start"]),
                     key=lambda r: (-(r["votes"] or 0), natural_key(r["title"]), r["id"]))
    shown = waiting if len(waiting) <= UNSCHEDULED_PREVIEW + 2 else waiting[:UNSCHEDULED_PREVIEW]
    return {"count": len(waiting), "rows": shown, "more": len(waiting) - len(shown),
            "backlog_href": ref.href(urls.BACKLOG)}


def edit_href(site: Site, path: str) -> str:
    """The "edit this page" link: `{path}` is the file's path from the git repository's root.
    Only an http(s) address makes a link, so a config value can never run script."""
    config = site.config
    if not config.edit_url or not config.edit_url.lower().startswith(("https://", "http://")):
        return ""
    # repo_prefix looks for .git in every parent folder: once per site, not once per page
    prefix = _per_site(site, "repo_prefix", lambda: repo_prefix(config.site_dir))
    url = config.edit_url.replace("{path}", quote(prefix + path, safe="/"))
    return quote(url, safe=_URL_SAFE)  # characters a URL may not hold (", <, spaces) percent-encoded


_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


# --- pages -------------------------------------------------------------------------------

NAV_PAGES = 6  # free pages named in the navigation; the rest are listed on /pages/


def sorted_pages(site: Site) -> list:
    """Free pages in navigation order: by weight, then title."""
    return _per_site(site, "sorted_pages",
                     lambda: sorted(site.pages.values(), key=lambda p: (p.weight, natural_key(p.title), p.id)))


def pages_index(site: Site) -> dict:
    ref = PageRef(urls.PAGES, site)
    view = common(ref, "Pages", section="pages")
    view["pages"] = [{"link": ref.link(p), "description": p.description} for p in sorted_pages(site)]
    return view


def common(ref: PageRef, title: str, description: str = "", section: str = "") -> dict:
    site = ref.site
    config = site.config
    nav = [
        {"href": ref.href(urls.HOME), "text": "Now", "current": section == "home"},
        {"href": ref.href(urls.QUARTERS), "text": "Quarters", "current": section == "quarters"},
        {"href": ref.href(urls.ROADMAP), "text": "Roadmap", "current": section == "roadmap"},
        {"href": ref.href(urls.MILESTONES), "text": "Milestones", "current": section == "milestones"},
        {"href": ref.href(urls.BACKLOG), "text": "Backlog", "current": section == "backlog"},
    ]
    if site.teams:
        nav.append({"href": ref.href(urls.TEAMS), "text": "Teams", "current": section == "teams"})
    if site.planning:
        nav.append({"href": ref.href(urls.ALIGNMENT), "text": "Alignment", "current": section == "alignment"})
    if site.history is not None:
        nav.append({"href": ref.href(urls.changes()), "text": "Changes", "current": section == "changes"})
    pages = sorted_pages(site)
    for page in pages[:NAV_PAGES]:
        nav.append({"href": ref.href(urls.page(page.id)), "text": page.title, "current": section == f"page:{page.id}"})
    if len(pages) > NAV_PAGES:
        nav.append({"href": ref.href(urls.PAGES), "text": "More pages", "current": section == "pages"})
    return {
        "site": {
            "title": config.title,
            "description": config.description,
            "language": config.language,
            "today": date_label(config.today),
            "today_iso": config.today.isoformat(),
            "home": ref.href(urls.HOME),
            "stylesheet": ref.href(urls.STYLESHEET),
            "script": ref.href(urls.SCRIPT),
            "planning_stylesheet": ref.href(urls.PLANNING_STYLESHEET) if site.planning else "",
            "favicon": ref.href(urls.FAVICON),
            "inline_css": "",
            "history_stylesheet": ref.href(urls.HISTORY_STYLESHEET) if site.history is not None else "",
            "json": ref.href(urls.ROADMAP_JSON),
            "ics": ref.href(urls.ROADMAP_ICS),
            "root": urls.root(ref.file),
            "search_fallback": ref.href(urls.MILESTONES),
            "feed": ref.href(urls.CHANGES_FEED) if site.history is not None else "",
            "nav": nav,
        },
        "page": {
            "title": title,
            "description": description or config.description,
            "canonical": urls.absolute(config.base_url, ref.file) if config.base_url else "",
            "edit": "",
        },
    }


ATTENTION = ("at-risk", "blocked")


def home(site: Site) -> dict:
    ref = PageRef(urls.HOME, site)
    quarter = site.current_quarter
    view = common(ref, site.config.title, section="home")
    view["quarter"] = quarter_view(ref, quarter.id)
    in_quarter = set(_milestones_in_quarter(site, quarter.id))
    view["attention"] = status_groups(
        milestone_rows(ref, [m for m in sorted(in_quarter, key=_by_start(site))
                             if site.milestones[m].status in ATTENTION]),
        "Milestones at risk or blocked")
    if view["attention"]["total"]:
        # "Needs attention" lists them right above: their groups below start collapsed.
        view["quarter"]["milestone_groups"] = period_groups(
            ref, view["quarter"]["milestones"], f"Milestones in {quarter.name}", closed=ATTENTION)
        view["quarter"]["milestone_groups"]["elsewhere"] = "At risk and blocked ones are listed above, under Needs attention."
    view["checkins"] = recent_checkins(ref, quarter.id)
    return view


def _by_start(site: Site):
    """Sort key of milestone ids by start, then title: made once per milestone and build, as the
    roadmap pages sort the same milestones hundreds of times."""
    keys = _per_site(site, "by-start", dict)

    def key(m: str):
        try:
            found = keys[m]
            page_inputs.note("m", m)  # made from the milestone, maybe for another page
            return found
        except KeyError:
            milestone = site.milestones[m]
            made = keys[m] = (milestone.start or dt.date.max, natural_key(milestone.title), m)
            return made
    return key


def _milestones_in_quarter(site: Site, quarter_id: str) -> list[str]:
    """Milestones that overlap the quarter, or serve one of its objectives when unscheduled.

    Asked for by every quarter of every roadmap variant (8 quarters x 200 variants on a large
    site), so the answer is made once per Site.
    """
    found = _per_site(site, ("milestones", quarter_id),
                      lambda: tuple(_find_milestones_in_quarter(site, quarter_id)))
    return list(found)


def _find_milestones_in_quarter(site: Site, quarter_id: str) -> list[str]:
    quarter = site.config.calendar.quarter(quarter_id)
    found = []
    for milestone in site.milestones.values():
        if milestone.candidate:
            continue  # an idea, not part of the plan: on /backlog/ only
        if milestone.scheduled:
            if milestone.start <= quarter.end and milestone.end >= quarter.start:
                found.append(milestone.id)
        elif any(site.objectives[o].quarter == quarter_id for o in milestone.objective_ids):
            found.append(milestone.id)
    return sorted(found, key=_by_start(site))


def recent_checkins(ref: PageRef, quarter_id: str, limit: int = 8) -> list[dict]:
    site = ref.site
    rows = []
    for objective in site.objectives.values():
        if objective.quarter != quarter_id:
            continue
        for kr in objective.key_results:
            for checkin in kr.checkins:
                if checkin.date <= site.config.today:
                    rows.append((checkin.date, kr.id, checkin, kr))
    rows.sort(key=lambda r: (r[0], r[1]), reverse=True)
    return [{
        "date": date_label(c.date), "iso": c.date.isoformat(), "kr": ref.link(kr),
        "value": f"{number(c.value)} {kr.unit}".strip(), "note": c.note,
        "confidence": percent(c.confidence) if c.confidence is not None else None,
    } for _, _, c, kr in rows[:limit]]


def _objectives_in_quarter(site: Site, quarter_id: str) -> list[Objective]:
    return _per_site(site, ("objectives", quarter_id),
                     lambda: sorted((o for o in site.objectives.values() if o.quarter == quarter_id),
                                    key=lambda o: (o.team_id or "", natural_key(o.title), o.id)))


def quarter_view(ref: PageRef, quarter_id: str, filters: dict | None = None, objectives: bool = True) -> dict:
    """A quarter's objectives, diagram and milestones, as seen from the page `ref`.

    The roadmap pages show no objective cards, so they ask for none (`objectives=False`):
    with one page per filter value, those cards were half the work of a large build.
    """
    site = ref.site
    quarter = site.config.calendar.quarter(quarter_id)
    with_cards = objectives
    objectives = _objectives_in_quarter(site, quarter_id) if with_cards else []
    milestone_ids = _milestones_in_quarter(site, quarter_id)
    if filters:
        milestone_ids = [m for m in milestone_ids if _matches(site.milestones[m], filters)]
    rows = milestone_rows(ref, milestone_ids)
    listed, waiting = waiting_apart(ref, rows)
    progress = (sum(o.progress for o in objectives) / len(objectives)) if objectives else 0.0
    longer = planning_view.period_objectives(site, quarter.id) if with_cards else []
    cards = [objective_card(ref, o) for o in objectives]
    return {
        "period_objectives": [objective_card(ref, o) for o in longer],
        "periods": planning_view.period_names(longer),
        "review": planning_view.review(ref, quarter, objectives, milestone_ids) if with_cards else None,
        "id": quarter.id,
        "name": quarter.name,
        "href": ref.href(urls.quarter(quarter.id)),
        "dates": span_label(quarter.start, quarter.end),
        "current": quarter == site.current_quarter,
        "objectives": cards,
        "objective_groups": bounded(cards, lambda card: card["team"]["text"] if card["team"] else "",
                                    label=lambda team: team or "No team", caption=f"Objectives of {quarter.name}"),
        # More than a dozen objectives read better as one table than as a wall of cards.
        "objective_layout": "cards" if len(cards) <= CARD_LIMIT else "table",
        "progress": percent(progress),
        "milestones": rows,
        "milestone_groups": period_groups(ref, rows, f"Milestones in {quarter.name}"),
        "by_type": {**bounded(listed, lambda row: row["type_value"],
                              label=lambda t: TYPE_LABELS.get(t, t),
                              order=lambda t: (MILESTONE_TYPES.index(t) if t in MILESTONE_TYPES else 99, t),
                              caption=f"Milestones in {quarter.name} by type", always_group=True),
                    "all": len(rows), "waiting": waiting},
        "unscheduled": unscheduled_preview(ref, rows),
        "svg_href": ref.href(urls.quarter_svg(quarter.id)),
        **diagram_view(ref, (quarter.id,), milestone_ids, id_prefix=f"q{quarter.id.lower()}",
                       list_empty=not filters),
    }


def diagram_view(ref: PageRef, quarter_ids, milestone_ids: list[str], *, id_prefix: str,
                 group: str = "objective", list_empty: bool = True) -> dict:
    """A diagram as the page's sticky grid of SVG pieces, and the objectives of the period
    that have no bar in it (their lanes are not drawn; the page lists them under it)."""
    site = ref.site
    d = diagram_input(site, tuple(quarter_ids), milestone_ids, group)
    parts = roadmap_parts(d, root=urls.root(ref.file), id_prefix=id_prefix) if d.bars else None
    empty = []
    if list_empty and group == "objective":
        drawn = {b.lane_id for b in d.bars}
        for q in quarter_ids:
            empty += [ref.link(o) for o in _objectives_in_quarter(site, q) if o.id not in drawn]
    return {"diagram": parts, "empty_lanes": empty, "empty_lanes_folded": len(empty) > EMPTY_LANES_SHOWN,
            "drawn": len(d.bars)}


def _matches(milestone: Milestone, filters: dict) -> bool:
    return all(
        (milestone.team_id if dim == "team" else getattr(milestone, dim)) == value
        for dim, value in filters.items()
    )


def quarters_index(site: Site) -> dict:
    ref = PageRef(urls.QUARTERS, site)
    view = common(ref, "Quarters", section="quarters")
    rows = []
    for quarter in reversed(site.quarters):
        objectives = [o for o in site.objectives.values() if o.quarter == quarter.id]
        progress = sum(o.progress for o in objectives) / len(objectives) if objectives else 0.0
        rows.append({
            "name": quarter.name, "href": ref.href(urls.quarter(quarter.id)),
            "dates": span_label(quarter.start, quarter.end), "current": quarter == site.current_quarter,
            "objectives": len(objectives), "milestones": len(_milestones_in_quarter(site, quarter.id)),
            "progress": percent(progress),
        })
    view["quarters"] = rows
    return view


def quarter_page(site: Site, quarter_id: str) -> dict:
    ref = PageRef(urls.quarter(quarter_id), site)
    view = common(ref, f"{quarter_id}", section="quarters")
    view["quarter"] = quarter_view(ref, quarter_id)
    view["quarters_href"] = ref.href(urls.QUARTERS)
    return view


GROUP_LABELS = {"objective": "Objective", "team": "Team", "type": "Type"}


def fiscal_years(site: Site) -> list[int]:
    return sorted({int(q.id[:4]) for q in site.quarters})


def current_year(site: Site) -> int:
    return int(site.current_quarter.id[:4])


def roadmap_views(site: Site) -> list[dict]:
    """Every pre-rendered roadmap view: each fiscal year, whole (by quarter) and by half-year (by
    month), with lanes by objective, team or type."""
    out = []
    for year in fiscal_years(site):
        for half in (0, 1, 2):
            for group in GROUPINGS:
                out.append({"year": year, "half": half, "group": group})
    return out


def roadmap_url(site: Site, year: int, half: int = 0, group: str = "objective") -> str:
    return urls.roadmap(None if year == current_year(site) else year, half, group)


def _milestones_in_quarters(site: Site, quarter_ids) -> list[str]:
    seen: dict[str, None] = {}
    for q in quarter_ids:
        for m in _milestones_in_quarter(site, q):
            seen.setdefault(m)
    return sorted(seen, key=_by_start(site))


TEAM_CHIPS = 12  # teams named on one team's roadmap page when there are more


def roadmap_page(site: Site, filters: dict | None = None, year: int | None = None, half: int = 0,
                 group: str = "objective") -> dict:
    """A roadmap view of one fiscal year (or half of it). Filter pages show the current year."""
    year = current_year(site) if year is None else year
    dimension, value = next(iter(filters.items())) if filters else ("", "")
    file = urls.roadmap_filter(dimension, value) if filters else roadmap_url(site, year, half, group)
    ref = PageRef(file, site)
    label = ""
    if filters:
        label = (site.teams[value].name if dimension == "team" else
                 TYPE_LABELS[value] if dimension == "type" else STATUS_LABELS[value])
    quarter_ids = [f"{year:04d}-Q{n}" for n in ((1, 2) if half == 1 else (3, 4) if half == 2 else (1, 2, 3, 4))]
    period = f"{year}" if not half else f"{year} H{half}"
    title = f"Roadmap {period}" + (f": {label}" if label else "")
    view = common(ref, title, section="roadmap")
    view["heading"] = title
    view["period"] = period
    view["lead"] = (f"The milestones of fiscal year {year}, by quarter" if not half else
                    f"The milestones of the {'first' if half == 1 else 'second'} half of fiscal year {year}, by month")
    view["lead"] += {"team": ", one lane per team", "type": ", one lane per milestone type"}.get(group, ", one lane per objective")
    view["lead"] += f", filtered to {isolate(label)}." if label else "."

    def link(text, current, href, **more):
        return {"text": text, "href": ref.href(href), "current": current, **more}

    years = fiscal_years(site)
    view["years"] = [link(str(y), y == year and not filters, roadmap_url(site, y, 0, "objective")) for y in years]
    calendar = site.config.calendar
    view["zooms"] = [link(f"{year} by quarter", not half and not filters, roadmap_url(site, year, 0, group)),
                     link("H1 by month", half == 1, roadmap_url(site, year, 1, group)),
                     link("H2 by month", half == 2, roadmap_url(site, year, 2, group))]
    view["quarter_links"] = [link(f"{q} by sprint", False, urls.quarter(q))
                             for q in quarter_ids if calendar.quarter(q) in site.quarters]
    view["groupings"] = [link(GROUP_LABELS[g], g == group and not filters, roadmap_url(site, year, half, g))
                         for g in GROUPINGS]
    filter_groups = [
        {"name": "Team", "dimension": "team",
         "options": [(t.id, t.name) for t in sorted(site.teams.values(), key=lambda t: t.name.lower())]},
        {"name": "Type", "dimension": "type", "options": list(TYPE_LABELS.items())},
        {"name": "Status", "dimension": "status",
         "options": [(s, STATUS_LABELS[s]) for s in MILESTONE_STATUSES]},
    ]
    show_filters = year == current_year(site) and not half and group == "objective"
    if dimension == "team" and len(filter_groups[0]["options"]) > TEAM_CHIPS:
        # A page per team, each naming every team, is n^2 links for n teams (10,000 small team
        # files: gigabytes). A team's page names its neighbours in name order and links to the
        # roadmap page, which names them all.
        teams = filter_groups[0]["options"]
        at = next(i for i, (t, _) in enumerate(teams) if t == value)
        start = max(0, min(at - TEAM_CHIPS // 2, len(teams) - TEAM_CHIPS))
        filter_groups[0]["options"] = teams[start:start + TEAM_CHIPS]
        filter_groups[0]["more"] = {"href": ref.href(urls.ROADMAP), "text": f"All {len(teams):,} teams"}
    view["filters"] = [{
        "name": g["name"],
        "dimension": g["dimension"],
        "options": [{"href": ref.href(urls.roadmap_filter(g["dimension"], option)), "text": text,
                     "value": option, "current": filters == {g["dimension"]: option}}
                    for option, text in g["options"]],
        "more": g.get("more"),
    } for g in filter_groups if g["options"]] if show_filters else []
    view["all_href"] = ref.href(urls.ROADMAP)
    view["filtered"] = bool(filters)
    view["filter_label"] = label
    ids = _milestones_in_quarters(site, quarter_ids)
    if filters:
        ids = [m for m in ids if _matches(site.milestones[m], filters)]
    rows = milestone_rows(ref, ids)
    view["quarter"] = {
        "id": f"{year}{'-h' + str(half) if half else ''}",
        "name": period,
        "svg_href": "",
        "milestones": rows,
        "unscheduled": unscheduled_preview(ref, rows),
        **diagram_view(ref, quarter_ids, ids, id_prefix=f"y{year}{'h' + str(half) if half else ''}",
                       group=group, list_empty=not filters),
    }
    return view


def roadmap_variants(site: Site) -> list[dict]:
    """Every filter value the roadmap page offers, one pre-rendered page each (current year)."""
    variants = [{"team": t} for t in sorted(site.teams)]
    variants += [{"type": t} for t in MILESTONE_TYPES]
    variants += [{"status": s} for s in MILESTONE_STATUSES]
    return variants


def objective_page(site: Site, objective: Objective) -> dict:
    ref = PageRef(urls.objective(objective.id), site, set(PAGE_IDS["objective"]))
    ref.ids.update(urls.anchor_kr(kr.local_id) for kr in objective.key_results)
    ref.ids.update(urls.anchor_hypothesis(h.local_id) for h in objective.hypotheses)
    if site.planning:
        ref.ids.update(PLANNING_IDS)
    view = common(ref, objective.title, section="quarters")
    view["page"]["edit"] = edit_href(site, objective.path)
    body = ref.markdown(objective.body, objective.path)  # first: the page shows it first
    card = objective_card(ref, objective)
    krs = []
    for kr in objective.key_results:
        values = [c.value for c in kr.checkins]
        numbers = ""
        if kr.is_numeric:
            numbers = f"{number(kr.current)} of {number(kr.target)} {isolate(kr.unit)}".strip() + f" (from {number(kr.start)})"
        krs.append({
            "anchor": urls.anchor_kr(kr.local_id),
            "id": kr.id,
            "title": kr.title,
            "metric": kr.metric,
            "numeric": kr.is_numeric,
            "numbers": numbers,
            "progress": percent(kr.progress),
            "confidence": percent(kr.confidence) if kr.confidence is not None else None,
            "sparkline": Markup(sparkline.svg(values, f"Check-ins for {isolate(kr.title)}", kr.start, kr.target))
            if len(values) > 1 else Markup(""),
            "checkins": [{"date": date_label(c.date), "iso": c.date.isoformat(),
                          "value": f"{number(c.value)} {kr.unit}".strip(), "note": c.note,
                          "confidence": percent(c.confidence) if c.confidence is not None else None}
                         for c in reversed(kr.checkins)],
            "milestones": status_groups(milestone_rows(ref, _planned(site, kr.milestone_ids)),
                                        f"Milestones serving {kr.title}"),
            "hypotheses": [ref.link(site.hypotheses[h]) for h in kr.hypothesis_ids],
            "description": ref.markdown(kr.description, objective.path),
            "basis": "numeric" if kr.is_numeric else "milestones",
            **planning_view.kr_extras(site, kr),
            "history": history_views.kr_history(ref, kr),
        })
    hypotheses = [{
        "anchor": urls.anchor_hypothesis(h.local_id),
        "id": h.id,
        "statement": h.statement,
        "status": badge(h.status),
        "krs": [ref.link(site.key_results[k], site.key_results[k].title) for k in h.key_result_ids],
        "milestones": status_groups(milestone_rows(ref, _planned(site, h.milestone_ids)),
                                    "Milestones testing this hypothesis"),
        "candidates": planning_view.candidates_of(ref, h.milestone_ids),
        "description": ref.markdown(h.description, objective.path),
    } for h in objective.hypotheses]
    view.update({
        "objective": card,
        "quarter_href": ref.href(planning_view.quarter_href(site, objective)),
        "planning": site.planning,
        "commitment": planning_view.commitment(objective) if site.planning else None,
        "alignment": planning_view.alignment_of(ref, objective),
        "candidates": planning_view.objective_candidates(ref, objective),
        "krs": krs,
        "hypotheses": hypotheses,
        "milestones": status_groups(milestone_rows(ref, _planned(site, objective.milestone_ids)),
                                    "Milestones serving this objective"),
        "body": body,
        "mentioned_in": mentions(ref, objective.mentioned_in),
    })
    return view


def _planned(site: Site, ids: list[str]) -> list[str]:
    """Milestone ids without the candidates (ideas are listed apart, never as plan)."""
    return [m for m in ids if not site.milestones[m].candidate]


def milestone_page(site: Site, milestone: Milestone) -> dict:
    ref = PageRef(urls.milestone(milestone.id), site, set(PAGE_IDS["milestone"]))
    ref.ids.update(urls.anchor_task(t.local_id) for t in milestone.tasks)
    view = common(ref, milestone.title, section="quarters")
    view["page"]["edit"] = edit_href(site, milestone.path)
    body = ref.markdown(milestone.body, milestone.path)  # first: the page shows it before the tasks
    row = milestone_row(ref, milestone)
    calendar = site.config.calendar
    tasks = []
    for task in milestone.tasks:
        sprint = calendar.sprint(task.sprint) if task.sprint else None
        estimate = number(task.estimate) if task.estimate is not None else ""
        meta = [isolate(task.assignee), isolate(sprint.name) if sprint else "", f"estimate {estimate}" if estimate else ""]
        tasks.append({
            "anchor": urls.anchor_task(task.local_id),
            "meta": " · ".join(part for part in meta if part),
            "title": task.title,
            "status": badge(task.status),
            "done": task.status == "done",
            "assignee": task.assignee,
            "sprint": sprint.name if sprint else "",
            "estimate": estimate,
            "description": ref.markdown(task.description, task.path),
            "edit": edit_href(site, task.path) if task.path != milestone.path else "",
        })
    hypothesis = site.hypotheses.get(milestone.hypothesis_id) if milestone.hypothesis_id else None
    done_tasks = sum(1 for t in milestone.tasks if t.status == "done")
    view.update({
        "milestone": row,
        "objectives": [ref.link(site.objectives[o]) for o in milestone.objective_ids],
        "krs": [{"link": ref.link(site.key_results[k], site.key_results[k].title), "id": k,
                 "objective": ref.link(site.objectives[site.key_results[k].objective_id]),
                 "progress": percent(site.key_results[k].progress)} for k in milestone.key_result_ids],
        "hypothesis": ({"link": ref.link(hypothesis), "status": badge(hypothesis.status)} if hypothesis else None),
        "depends_on": status_groups(milestone_rows(ref, _natural(site, milestone.depends_on)), "Depends on"),
        "depended_on_by": status_groups(milestone_rows(ref, _natural(site, milestone.depended_on_by)),
                                        "Depended on by"),
        "tasks": tasks,
        "tasks_done": done_tasks,
        "votes": milestone.votes,
        "cluster": milestone.cluster,
        "body": body,
        "mentioned_in": mentions(ref, milestone.mentioned_in),
        "history": history_views.milestone_history(ref, milestone),
    })
    return view


def teams_index(site: Site) -> dict:
    ref = PageRef(urls.TEAMS, site)
    view = common(ref, "Teams", section="teams")
    view["teams"] = [{
        "link": ref.link(team), "lead": team.lead, "members": len(team.members),
        "objectives": len(team.objective_ids), "milestones": len(team.milestone_ids),
        "open": sum(1 for m in team.milestone_ids if site.milestones[m].status not in ("done", "dropped", "candidate")),
    } for team in sorted(site.teams.values(), key=lambda t: (natural_key(t.name), t.id))]
    return view


def team_page(site: Site, team) -> dict:
    ref = PageRef(urls.team(team.id), site, set(PAGE_IDS["team"]))
    view = common(ref, team.name, section="teams")
    view["page"]["edit"] = edit_href(site, team.path)
    view.update({
        "team": {"name": team.name, "lead": team.lead, "members": team.members},
        "objectives": bounded(
            [objective_card(ref, o) for o in sorted(
                (site.objectives[o] for o in team.objective_ids),
                key=lambda o: (-_quarter_start(site, o.quarter).toordinal(), natural_key(o.title), o.id))],
            lambda card: card["quarter"][:4], caption=f"Objectives of {team.name}", limit=CARD_LIMIT),
        "milestones": by_quarter_newest_first(ref, _planned(site, team.milestone_ids), f"Milestones of {team.name}"),
        "roadmap_href": ref.href(urls.roadmap_filter("team", team.id)),
        "body": ref.markdown(team.body, team.path),
        "mentioned_in": mentions(ref, team.mentioned_in),
    })
    return view


def _natural(site: Site, milestone_ids: Iterable[str]) -> list[str]:
    return [m.id for m in by_title((site.milestones[i] for i in milestone_ids), lambda m: m.title, lambda m: m.id)]


def _quarter_start(site: Site, quarter_id: str) -> dt.date:
    quarter = site.config.calendar.quarter(quarter_id)
    return quarter.start if quarter else dt.date.min


def free_page(site: Site, page) -> dict:
    ref = PageRef(urls.page(page.id), site, set(PAGE_IDS["page"]))
    view = common(ref, page.title, page.description, section=f"page:{page.id}")
    view["page"]["edit"] = edit_href(site, page.path)
    view["body"] = ref.markdown(page.body, page.path)
    view["mentioned_in"] = mentions(ref, page.mentioned_in)
    return view


def alignment_page(site: Site) -> dict:
    """/alignment/: the tree from the longest-period objectives down, and the unaligned ones."""
    ref = PageRef(urls.ALIGNMENT, site)
    view = common(ref, "Alignment", "How the objectives contribute to each other", section="alignment")
    view["tree"] = planning_view.alignment_tree(ref)
    return view


def not_found(site: Site, assets: dict[str, bytes] | None = None, prefix: str | None = None) -> dict:
    """The 404 page, shown by static hosts (GitHub Pages) at every missing address of any depth.

    Relative links would resolve against the missing address, so every link starts from the
    site's root: `prefix` when the caller knows it (`serve` passes "../" per level of the
    address asked), else the path of base_url ("/roadmap/": never its host, so previews
    work), else "/" — right on a host root; on a sub-path host a small script finds the site's
    folder (`root_guessed`), and without JavaScript the page says so. The stylesheet and the
    favicon are inline (`assets`: the theme's static files), so nothing depends on the path.
    """
    config = site.config
    guessed = prefix is None and not config.base_url
    if prefix is None:
        prefix = base_path(config.base_url) if config.base_url else "/"
    ref = RootedRef(urls.NOT_FOUND, site, prefix=prefix)
    view = common(ref, "Page not found")
    view["page"]["canonical"] = ""  # an error page is no page of the site
    assets = assets or {}
    css = assets.get(urls.STYLESHEET, b"").decode("utf-8", errors="replace")
    if site.planning:  # the planning model's stylesheet, inline as well
        css += "\n" + assets.get(urls.PLANNING_STYLESHEET, b"").decode("utf-8", errors="replace")
    view["site"].update({
        "script": "",
        "planning_stylesheet": "",
        "history_stylesheet": "",
        "inline_css": Markup(css.replace("</", "<\\/")),  # cannot end the <style> element
        "favicon": data_uri("image/svg+xml", assets.get(urls.FAVICON, b"")),
    })
    view["not_found"] = {
        "root_guessed": guessed,
        "marker": "okrsite-404-" + hashlib.blake2b(config.title.encode(), digest_size=6).hexdigest(),
    }
    return view


def base_path(base_url: str) -> str:
    """The path part of base_url, as a root-relative prefix: https://a.github.io/roadmap -> /roadmap/."""
    path = urlsplit(base_url).path.strip("/")
    return f"/{path}/" if path else "/"


def data_uri(kind: str, data: bytes) -> str:
    """`data` inline in an attribute (for SVG, percent-encoding is smaller than base64)."""
    return f"data:{kind},{quote(data.decode('utf-8', errors='replace'), safe='/:=;,.-_')}"
