"""Link-stage rules of the planning model (content format sections 12 and 13).

Alignment (`parent` chains must not loop and should nest in time), the health rules a site
may turn on (okrsite/rules.py) and whether the site uses part 2 at all. Each function is a
rule of `link.RULES` and reads the model the earlier rules built.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from okrsite.diagnostics import quote, shorten
from okrsite.model import Objective

if TYPE_CHECKING:
    from collections.abc import Iterable

    from okrsite.link import Linker
    from okrsite.model import Milestone

# "starts with a delivery verb" (section 13, output-key-result)
OUTPUT_VERBS = ("launch", "ship", "build", "deliver", "migrate", "implement", "release", "create")
_FIRST_WORD = re.compile(r"[A-Za-z]+")


# --- alignment ----------------------------------------------------------------------------------

def rule_parent_cycles(linker: Linker) -> None:
    """A chain of parents must not loop: each loop is reported once, at its smallest member's
    `parent`, with the loop printed; that link is then cut so later rules see a forest."""
    objectives = linker.site.objectives
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(objectives):
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = 1
            path.append(node)
            node = objectives[node].parent_id
        if node is not None and state[node] == 1:  # the walk came back to its own path
            loop = path[path.index(node):]
            _report_parent_cycle(linker, loop)
        for visited in path:
            state[visited] = 2


def _report_parent_cycle(linker: Linker, loop: list[str]) -> None:
    objectives = linker.site.objectives
    first = min(loop)
    at = loop.index(first)
    ordered = loop[at:] + loop[:at]
    linker.report(
        "parent-cycle",
        "parent forms a loop: " + " -> ".join(ordered + [first])
        + "; an objective cannot contribute to itself through others: remove one of these parents",
        linker.doc_of[first].source.locate(("parent",)),
    )
    objective = objectives[first]
    objectives[objective.parent_id].children.remove(first)
    objective.parent_id = None


def rule_parent_periods(linker: Linker) -> None:
    """A child's period should lie inside its parent's (a Q3 objective cannot feed a 2026-H1 one)."""
    if linker.off("parent-outside-period"):
        return
    objectives = linker.site.objectives
    for objective in objectives.values():
        if objective.parent_id is None:
            continue
        parent = objectives[objective.parent_id]
        if objective.period is None or parent.period is None or parent.period.covers(objective.period):
            continue
        linker.rule("parent-outside-period",
                    f"parent: {quote(objective.id)} is set for {objective.period.id}, which is not inside "
                    f"{parent.period.id}, the period of its parent {quote(parent.id)}; align it with an objective "
                    "of its own period or move it", linker.doc_of[objective.id].source.locate(("parent",)),
                    objective)


# --- health rules (section 13) -------------------------------------------------------------------

def rule_too_many_objectives(linker: Linker) -> None:
    """More than `max` objectives of one team (or of the site, without teams) in one quarter.
    Dropped objectives and those that ignore the rule are not counted; reported once per
    team and quarter, at the `quarter` of the first objective over the limit."""
    if linker.off("too-many-objectives"):
        return
    site = linker.site
    limit = linker.config.rules.param("too-many-objectives", "max")
    groups: dict[tuple[str, str], list[Objective]] = defaultdict(list)
    for objective in sorted(site.objectives.values(), key=lambda o: (o.path, o.id)):
        if objective.status == "dropped" or "too-many-objectives" in objective.ignore_rules:
            continue
        if objective.period is None or objective.period.kind != "quarter":
            continue
        groups[(objective.team_id or "", objective.period.id)].append(objective)
    for (team_id, quarter), members in sorted(groups.items()):
        if len(members) <= limit:
            continue
        team = site.teams.get(team_id) if team_id else None
        who = (f"team {quote(team_id)}" if team_id else "the site" if not site.teams else "objectives without a team")
        verb = "have" if who.startswith("objectives") else "has"
        over = members[limit]
        linker.rule("too-many-objectives",
                    f"{who} {verb} {len(members)} objectives in {quarter}, more than {limit}: "
                    + shorten(", ".join(o.id for o in members)) + "; focus on fewer, or drop some",
                    linker.doc_of[over.id].source.locate(("quarter",)), team)


def rule_too_many_key_results(linker: Linker) -> None:
    if linker.off("too-many-key-results"):
        return
    limit = linker.config.rules.param("too-many-key-results", "max")
    for objective in linker.site.objectives.values():
        counted = objective.counted_krs
        if len(counted) <= limit:
            continue
        over = counted[limit]
        linker.rule("too-many-key-results",
                    f"objective {quote(objective.id)} has {len(counted)} key results, more than {limit}; "
                    "keep the few that show the objective is met", over.location, objective)


def rule_objective_owner(linker: Linker) -> None:
    if linker.off("objective-without-owner"):
        return
    for objective in linker.site.objectives.values():
        if not objective.owner:
            linker.rule("objective-without-owner",
                        f"objective {quote(objective.id)} has no owner; add owner: with the person who answers for it",
                        linker.doc_of[objective.id].source.locate(()), objective)


def rule_stale_checkins(linker: Linker, objectives: Iterable[Objective] | None = None) -> None:
    """A numeric KR of a period running on `today` whose latest check-in (or, without one, the
    period's start) is more than `days` old. Dropped and done KRs need no check-ins. `objectives`:
    all by default; link.relink asks about the one whose check-ins changed."""
    if linker.off("stale-checkin"):
        return
    today = linker.config.today
    days = linker.config.rules.param("stale-checkin", "days")
    for objective in linker.site.objectives.values() if objectives is None else objectives:
        period = objective.period
        if period is None or not period.contains(today) or objective.status in ("dropped", "done"):
            continue
        for kr in objective.key_results:
            if not kr.is_numeric or kr.status in ("dropped", "done"):
                continue
            dates = [c.date for c in kr.checkins if c.date <= today]
            last = max(dates) if dates else period.start
            age = (today - last).days
            if age > days:
                since = f"the last check-in was on {last}" if dates else f"none since {period.id} started on {last}"
                linker.rule("stale-checkin",
                            f"key result {quote(kr.id)} has no check-in for {age} days ({since}); add one to checkins",
                            kr.location, kr, objective)


def rule_ungraded(linker: Linker) -> None:
    """A KR of a period that ended before `today` without a grade (`okrsite close` writes them)."""
    if linker.off("ungraded"):
        return
    today = linker.config.today
    for objective in linker.site.objectives.values():
        period = objective.period
        if period is None or period.end >= today or objective.status == "dropped":
            continue
        for kr in objective.key_results:
            if kr.grade is None and not kr.dropped:
                linker.rule("ungraded",
                            f"key result {quote(kr.id)} of {period.id}, which ended on {period.end}, has no grade; "
                            f"add grade: (0 to 1) or run okrsite close {period.id}", kr.location, kr, objective)


def rule_unaligned(linker: Linker) -> None:
    """Once a site aligns objectives, one with neither a parent nor children stands alone."""
    if linker.off("unaligned"):
        return
    objectives = linker.site.objectives
    if not any(o.parent_id for o in objectives.values()):
        return
    for objective in objectives.values():
        if objective.parent_id is None and not objective.children and objective.status != "dropped":
            linker.rule("unaligned",
                        f"objective {quote(objective.id)} is not aligned: it has no parent and no objective names it "
                        "as parent; add parent: with the objective it contributes to",
                        linker.doc_of[objective.id].source.locate(()), objective)


def rule_output_key_results(linker: Linker, objectives: Iterable[Objective] | None = None) -> None:
    """output-key-result for the key results of `objectives` (all by default; link.relink asks
    about the one whose key results were retitled)."""
    if linker.off("output-key-result"):
        return
    for objective in linker.site.objectives.values() if objectives is None else objectives:
        for kr in objective.counted_krs:
            word = _FIRST_WORD.match(kr.title.strip())
            if word and word.group().lower() in OUTPUT_VERBS:
                document = linker.doc_of[objective.id]
                position = next(i for i, k in enumerate(document.data["key_results"]) if k["id"] == kr.local_id)
                linker.rule("output-key-result",
                            f"key result {quote(kr.id)} starts with {quote(word.group())}: it describes an output, not an "
                            "outcome; say what changes when it is done (a number that moves)",
                            document.source.locate(("key_results", position, "title")), kr, objective)


def rule_single_sprint_milestones(linker: Linker, milestones: Iterable[Milestone] | None = None) -> None:
    """single-sprint-milestone for `milestones` (all by default; link.relink passes the one it moved)."""
    if linker.off("single-sprint-milestone"):
        return
    calendar = linker.config.calendar
    if not calendar.has_sprints:
        return
    for milestone in linker.site.milestones.values() if milestones is None else milestones:
        if not milestone.scheduled or milestone.status == "dropped":
            continue
        sprints = calendar.sprints_between(milestone.start, milestone.end)
        if len(sprints) != 1:
            continue
        document = linker.doc_of[milestone.id]
        key = "sprints" if "sprints" in document.data else "start"
        linker.rule("single-sprint-milestone",
                    f"milestone {quote(milestone.id)} spans one sprint ({sprints[0].id}); plan a milestone across two "
                    "or more sprints, or make this a task of a larger one", document.source.locate((key,)), milestone)


# --- does the site use part 2? --------------------------------------------------------------------

_OBJECTIVE_FIELDS = ("commitment", "parent", "ignore_rules")
_KR_FIELDS = ("weight", "status", "grade", "ignore_rules")


def rule_planning(linker: Linker) -> None:
    """Whether the site uses the planning model (sections 12-13); see `Site.planning`."""
    site = linker.site
    site.planning = linker.config.planning or any(uses_planning(d.kind, d.data) for d in linker.documents)


def uses_planning(kind: str, data: dict) -> bool:
    if "ignore_rules" in data:
        return True
    if kind == "objective":
        if any(key in data for key in _OBJECTIVE_FIELDS) or not str(data["quarter"]).count("-Q"):
            return True
        return (any(key in kr for kr in data["key_results"] for key in _KR_FIELDS)
                or any("ignore_rules" in h for h in data.get("hypotheses", ())))
    if kind == "milestone":
        return data.get("status") == "candidate" or any("ignore_rules" in t for t in data.get("tasks", ()))
    return False
