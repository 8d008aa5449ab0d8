"""Model -> diagram input: which lanes, bars and arrows a roadmap diagram of a quarter shows.

The diagram package knows nothing of OKRs; this module is the adapter between the two.
"""

from __future__ import annotations

import functools

from okrsite import urls
from okrsite.diagram.layout import Bar, DiagramInput, Lane, Marker, Period, layout
from okrsite.diagram.svg import draw
from okrsite.model import Site

_TYPE = {"epic": "Epic", "spike": "Spike", "enabler": "Enabler", "signal-test": "Signal test"}


def _span(start, end) -> str:
    if start.year == end.year:
        return f"{start:%b} {start.day} – {end:%b} {end.day}, {end.year}"
    return f"{start:%b} {start.day}, {start.year} – {end:%b} {end.day}, {end.year}"


def diagram_input(site: Site, quarter_id: str, milestone_ids: list[str], all_lanes: bool = True) -> DiagramInput:
    """`all_lanes` shows every objective of the quarter, also those without milestones yet."""
    calendar = site.config.calendar
    quarter = calendar.quarter(quarter_id)
    milestones = [site.milestones[m] for m in milestone_ids if site.milestones[m].scheduled]
    lane_ids = {o.id for o in site.objectives.values() if o.quarter == quarter_id} if all_lanes else set()
    lane_ids.update(m.objective_ids[0] for m in milestones if m.objective_ids)

    def team_name(objective) -> str:
        team = site.teams.get(objective.team_id) if objective.team_id else None
        return team.name if team else ""

    objectives = sorted((site.objectives[o] for o in lane_ids),
                        key=lambda o: (team_name(o).lower(), o.title.lower(), o.id))
    lanes = tuple(Lane(o.id, o.title, team_name(o), urls.objective(o.id)) for o in objectives)
    bars = []
    for m in sorted(milestones, key=lambda m: (m.start, m.id)):
        krs = ", ".join(m.key_result_ids)
        tooltip = (f"{m.title}\n{_TYPE[m.type]} · {m.status.replace('-', ' ')} · {_span(m.start, m.end)}"
                   f" · {round(m.completion * 100)}% done\nKey results: {krs}")
        bars.append(Bar(m.id, m.title, m.type, m.status, m.start, m.end, m.completion,
                        m.objective_ids[0] if m.objective_ids else "", urls.milestone(m.id), tooltip))
    shown = {b.id for b in bars}
    dependencies = tuple(sorted((d, m.id) for m in milestones for d in m.depends_on if d in shown))
    sprints = tuple(Period(s.id, s.name, s.start, s.end) for s in calendar.sprints_between(quarter.start, quarter.end))
    today = site.config.today if quarter.contains(site.config.today) else None
    markers = tuple(Marker(mk.date, mk.label) for mk in site.config.markers if quarter.contains(mk.date))
    unscheduled = sum(1 for m in milestone_ids if not site.milestones[m].scheduled)
    # The diagram adds its own counts (milestones, lanes, dates) after this text.
    description = f"The milestones of {quarter.name} ({_span(quarter.start, quarter.end)}), one lane per objective."
    if unscheduled:
        description += (" 1 unscheduled milestone is not drawn; the table lists it." if unscheduled == 1 else
                        f" {unscheduled} unscheduled milestones are not drawn; the table lists them.")
    return DiagramInput(
        title=f"Roadmap {quarter_id}", description=description,
        quarters=(Period(quarter.id, quarter.name, quarter.start, quarter.end),),
        sprints=sprints, lanes=lanes, bars=tuple(bars), dependencies=dependencies,
        today=today, markers=markers,
    )


def roadmap_svg(site: Site, quarter_id: str, milestone_ids: list[str], *, root: str = "",
                id_prefix: str = "rm", standalone: bool = False, all_lanes: bool = True) -> str:
    return _svg(diagram_input(site, quarter_id, milestone_ids, all_lanes), root, id_prefix, standalone)


# A diagram is a pure function of its input (frozen, hashable dataclasses), so the same input
# is laid out once (a build shows each quarter on its page, the roadmap, home and as a file)
# and drawn once (`serve` recomputes every page's view after each save, and most diagrams
# are unchanged). Bounded: a large site has about 1,200 diagrams.
@functools.lru_cache(maxsize=256)
def _layout(diagram: DiagramInput):
    return layout(diagram)


@functools.lru_cache(maxsize=2048)
def _svg(diagram: DiagramInput, root: str, id_prefix: str, standalone: bool) -> str:
    return draw(_layout(diagram), root=root, id_prefix=id_prefix, standalone=standalone)
