"""Model -> diagram input: which lanes, bars and arrows a roadmap diagram shows.

The diagram package knows nothing of OKRs; this module is the adapter between the two. A
diagram covers one or more consecutive quarters: one quarter by sprint (quarter pages), two by
month (a half-year) or four by month under their quarters (a fiscal year). Lanes are the
objectives (grouped by team), the teams, or the milestone types; only lanes with a bar in
the period are drawn (the pages list the others under the diagram).
"""

from __future__ import annotations

import functools
import hashlib
import json
import pickle

from markupsafe import Markup

from okrsite import urls
from okrsite.bidi import isolate
from okrsite.kept import Kept
from okrsite.diagram.layout import Bar, DiagramInput, Lane, Marker, Period, layout
from okrsite.diagram.svg import draw, draw_parts
from okrsite.model import Site

_TYPE = {"epic": "Epic", "spike": "Spike", "enabler": "Enabler", "signal-test": "Signal test"}
GROUPINGS = ("objective", "team", "type")
NO_TEAM = "No team"


def _span(start, end) -> str:
    if start.year == end.year:
        return f"{start:%b} {start.day} – {end:%b} {end.day}, {end.year}"
    return f"{start:%b} {start.day}, {start.year} – {end:%b} {end.day}, {end.year}"


def _team_name(site: Site, team_id: str | None) -> str:
    team = site.teams.get(team_id) if team_id else None
    return team.name if team else ""


def diagram_input(site: Site, quarter_ids, milestone_ids, group: str = "objective",
                  by_sprint: bool | None = None) -> DiagramInput:
    """The diagram of `milestone_ids` over the quarters `quarter_ids` (consecutive).

    `by_sprint` (default: for a single quarter with a sprint calendar) draws sprint columns,
    else month columns. Only lanes that get a bar are drawn."""
    if isinstance(quarter_ids, str):
        quarter_ids = (quarter_ids,)
    calendar = site.config.calendar
    quarters = [calendar.quarter(q) for q in quarter_ids]
    first, last = quarters[0].start, quarters[-1].end
    if by_sprint is None:
        by_sprint = len(quarters) == 1
    milestones = [site.milestones[m] for m in milestone_ids if site.milestones[m].scheduled
                  and site.milestones[m].start <= last and site.milestones[m].end >= first]

    def lane_of(m) -> str:
        if group == "team":
            return m.team_id or ""
        if group == "type":
            return m.type
        return m.objective_ids[0] if m.objective_ids else ""

    used = {lane_of(m) for m in milestones}
    if group == "team":
        teams = sorted(used, key=lambda t: (t == "", _team_name(site, t).lower(), t))
        lanes = tuple(Lane(t, _team_name(site, t) or NO_TEAM, "", urls.team(t) if t in site.teams else "")
                      for t in teams)
    elif group == "type":
        lanes = tuple(Lane(t, _TYPE[t], "", "") for t in _TYPE if t in used)
    else:
        objectives = sorted((site.objectives[o] for o in used if o in site.objectives),
                            key=lambda o: (_team_name(site, o.team_id).lower(), o.title.lower(), o.id))
        lanes = tuple(Lane(o.id, o.title, _team_name(site, o.team_id), urls.objective(o.id)) for o in objectives)
    shown = {m.id for m in milestones}
    baselines = _baselines(site)
    bars = []
    for m in sorted(milestones, key=lambda m: (m.start, m.id)):
        krs = ", ".join(m.key_result_ids)
        deps = [isolate(site.milestones[d].title) for d in m.depends_on if d in site.milestones]
        tooltip = (f"{isolate(m.title)}\n{_TYPE[m.type]} · {m.status.replace('-', ' ')} · {_span(m.start, m.end)}"
                   f" · {round(m.completion * 100)}% done\nKey results: {krs}")
        if deps:
            tooltip += "\nDepends on: " + "; ".join(deps)
        baseline = baselines.get(m.id)
        if baseline is None:
            bars.append(Bar(m.id, m.title, m.type, m.status, m.start, m.end, m.completion,
                            lane_of(m), urls.milestone(m.id), tooltip))
            continue
        start, end, note = baseline
        bars.append(Bar(m.id, m.title, m.type, m.status, m.start, m.end, m.completion,
                        lane_of(m), urls.milestone(m.id), f"{tooltip}\n{note}", start, end, note))
    dependencies = tuple(sorted((d, m.id) for m in milestones for d in m.depends_on if d in shown))
    if by_sprint:
        sprints = tuple(Period(s.id, s.name, s.start, s.end) for s in calendar.sprints_between(first, last))
    else:
        sprints = ()
    today = site.config.today if first <= site.config.today <= last else None
    markers = tuple(Marker(mk.date, mk.label) for mk in site.config.markers if first <= mk.date <= last)
    name = quarters[0].name if len(quarters) == 1 else f"{quarters[0].name} – {quarters[-1].name}"
    unscheduled = sum(1 for m in milestone_ids if not site.milestones[m].scheduled)
    lane_word = {"team": "one lane per team", "type": "one lane per milestone type"}.get(group, "one lane per objective")
    # The diagram adds its own counts (milestones, lanes, dates) after this text.
    description = f"The milestones of {name} ({_span(first, last)}), {lane_word}."
    if unscheduled:
        description += (" 1 unscheduled milestone is not drawn; the table lists it." if unscheduled == 1 else
                        f" {unscheduled} unscheduled milestones are not drawn; the table lists them.")
    return DiagramInput(
        title=f"Roadmap {name}", description=description,
        quarters=tuple(Period(q.id, q.name, q.start, q.end) for q in quarters),
        sprints=sprints, lanes=lanes, bars=tuple(bars), dependencies=dependencies,
        today=today, markers=markers,
    )


def _baselines(site: Site) -> dict:
    """Milestone id -> (start, due, note) of the baseline to draw as a ghost bar: for milestones
    that moved from the plan committed at their quarter's start (okrsite/history/), unless
    okrsite.yaml says `history: {baseline_bars: false}`."""
    history = site.history
    if history is None or not site.config.history.baseline_bars:
        return {}
    cached = history.__dict__.get("_ghosts")  # once per site: every diagram of a build asks
    if cached is not None:
        return cached
    from okrsite.history.report import schedule_label, shift_label

    found = {}
    for milestone_id, b in history.baselines.items():
        if b.days is None or not (b.days or b.start_days):
            continue  # unscheduled now, or on its baseline: nothing to draw
        drift = shift_label(b.days, b.sprints, b.start_days)
        note = f"Baseline ({b.quarter} plan): {schedule_label(b.schedule)}; {drift}"
        found[milestone_id] = (b.schedule.start, b.schedule.due, note)
    history.__dict__["_ghosts"] = found
    return found


def lane_ids(diagram: DiagramInput) -> set[str]:
    return {lane.id for lane in diagram.lanes}


def roadmap_svg(site: Site, quarter_id: str, milestone_ids: list[str], *, root: str = "",
                id_prefix: str = "rm", standalone: bool = False) -> str:
    """A quarter's diagram as one SVG document (the standalone `roadmap.svg` files)."""
    diagram = diagram_input(site, quarter_id, milestone_ids)
    if not DRAWINGS.on:
        return _svg(diagram, root, id_prefix, standalone)
    return DRAWINGS.get_or_make(_key(("svg", diagram, root, id_prefix, standalone)), lambda: _svg(
        diagram, root, id_prefix, standalone).encode("utf-8")).decode("utf-8")


def roadmap_parts(diagram: DiagramInput, *, root: str, id_prefix: str) -> dict:
    """The diagram cut for the page's sticky grid (see `okrsite.diagram.svg.draw_parts`)."""
    if not DRAWINGS.on:
        return _parts(diagram, root, id_prefix)
    return _decoded_parts(DRAWINGS.get_or_make(_key(("parts", diagram, root, id_prefix)), lambda: json.dumps(
        _parts(diagram, root, id_prefix), ensure_ascii=False).encode("utf-8")))


# Drawings kept by the build cache, by the digest of what they were drawn from, so a build
# after a one-file change lays out and draws again only the diagrams that file is in.
DRAWINGS = Kept()


def _key(what: tuple) -> str:
    """A drawing's digest: its input and options, pickled (equal bytes mean an equal input,
    and okrsite's version is part of the cache's key)."""
    return hashlib.blake2b(pickle.dumps(what, protocol=5), digest_size=16).hexdigest()


def _decoded_parts(data: bytes) -> dict:
    """Parts as draw_parts made them: markup, and the label column's share as a number."""
    parts = json.loads(data)
    return {name: value if name == "label_share" else Markup(value) for name, value in parts.items()}


# A diagram is a pure function of its input (frozen, hashable dataclasses), so the same input
# is laid out and drawn once while it is asked for again: the pages `serve` makes again after a
# save, whose diagrams are mostly unchanged, and in a build a quarter shown on home, on its page
# and as its file (made right after its page: Renderer._render). Only the last few are kept: a
# build asks for almost every other diagram once (at 50,000 entities, 1 hit in 1,035 layouts),
# and keeping 512 layouts and 2,048 drawings held 177 MB of a 10,000-entity build's 747 MB
# (bench/README.md, "Render processes, diagrams and documents in memory"). Layouts: enough for
# home's quarter to be met again on its page after the quarters before it (years of them).
DIAGRAMS_KEPT = 16
LAYOUTS_KEPT = 64


@functools.lru_cache(maxsize=LAYOUTS_KEPT)
def _layout(diagram: DiagramInput):
    return layout(diagram)


@functools.lru_cache(maxsize=DIAGRAMS_KEPT)
def _svg(diagram: DiagramInput, root: str, id_prefix: str, standalone: bool) -> str:
    return draw(_layout(diagram), root=root, id_prefix=id_prefix, standalone=standalone)


@functools.lru_cache(maxsize=DIAGRAMS_KEPT)
def _parts(diagram: DiagramInput, root: str, id_prefix: str) -> dict:
    return draw_parts(_layout(diagram), root=root, id_prefix=id_prefix)
