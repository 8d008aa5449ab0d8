"""View data of the planning model (content format section 12): commitment, grades, the
longer-period objectives on quarter pages, a past quarter's review, /alignment/ and the
candidates on objective pages (the backlog lists them too: views/backlog.py). Plain data for the templates, like views.py, which calls in here.

Everything here is shown only on a site that uses the planning model (`Site.planning`), so a
site written for part 1 renders exactly as before.
"""

from __future__ import annotations

from okrsite import urls
from okrsite.model import Milestone, Objective, Site

COMMITMENT = {
    "committed": {"label": "Committed", "success": "success is 1.0",
                  "meaning": "We commit to reaching it in full: success is a grade of 1.0."},
    "aspirational": {"label": "Aspirational", "success": "about 0.7 is success",
                     "meaning": "A stretch goal: a grade of about 0.7 is a success, 1.0 would be exceptional."},
}
BANDS = ("green", "yellow", "red")
BAND_WORDS = {"green": "on target", "yellow": "partly there", "red": "missed"}
PERIOD_WORDS = {"year": "Year", "half": "Half-year", "quarter": "Quarter"}


def grade_label(value: float) -> str:
    """0.7 -> "0.7", 0.65 -> "0.65", 1 -> "1.0": one decimal at least, two at most."""
    text = f"{value:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def band(site: Site, value: float) -> str:
    green, yellow = site.config.grade_bands
    return "green" if value >= green else "yellow" if value >= yellow else "red"


def grade(site: Site, value: float | None) -> dict | None:
    """A grade with its colour band, named in words too (colour is never the only cue)."""
    if value is None:
        return None
    name = band(site, value)
    return {"value": grade_label(value), "band": name, "words": BAND_WORDS[name],
            "class": f"grade-{name}", "percent": round(value * 100)}


def commitment(objective: Objective) -> dict:
    return {"value": objective.commitment, "class": f"commitment-{objective.commitment}",
            **COMMITMENT[objective.commitment]}


def card_extras(site: Site, objective: Objective) -> dict:
    """What an objective card shows of the planning model; empty values on a part-1 site."""
    if not site.planning:
        return {"commitment": None, "grade": None, "period": ""}
    period = objective.period
    return {
        "commitment": commitment(objective),
        "grade": grade(site, objective.grade),
        "period": f"{PERIOD_WORDS[period.kind]} {period.id}" if period and period.kind != "quarter" else "",
    }


KR_STATUS = {"on-track": "On track", "at-risk": "At risk", "off-track": "Off track", "done": "Done",
             "dropped": "Dropped"}


def kr_extras(site: Site, kr) -> dict:
    return {"weight": _weight(kr.weight), "dropped": kr.dropped, "grade": grade(site, kr.grade),
            "kr_status": {"label": KR_STATUS[kr.status], "class": f"status-{kr.status}"} if kr.status else None}


def _weight(weight: float) -> str:
    if weight == 1:
        return ""
    return str(int(weight)) if float(weight).is_integer() else f"{weight:g}"


def quarter_href(site: Site, objective: Objective) -> str:
    """The quarter page an objective's period leads to: its own quarter; for a year or half,
    the quarter of it that runs on `today`, else its first."""
    period = objective.period
    if period is None or period.kind == "quarter":
        return urls.quarter(objective.quarter)
    current = site.current_quarter.id
    return urls.quarter(current if current in period.quarters else period.quarters[0])


# --- quarter pages ---------------------------------------------------------------------------------

def period_objectives(site: Site, quarter_id: str) -> list[Objective]:
    """Year and half objectives whose period holds this quarter, longest first."""
    found = [o for o in site.objectives.values()
             if o.period is not None and o.period.kind != "quarter" and quarter_id in o.period.quarters]
    return sorted(found, key=lambda o: (o.period.rank, o.period.start, o.team_id or "", o.title.lower(), o.id))


def period_names(objectives: list[Objective]) -> str:
    ids = list(dict.fromkeys(o.period.id for o in objectives))
    return " and ".join(ids) if len(ids) <= 2 else ", ".join(ids[:-1]) + " and " + ids[-1]


def review(ref, quarter, objectives: list[Objective], milestone_ids: list[str]) -> dict | None:
    """A past quarter's review: its objectives' grades, what was dropped, what slipped.

    Slipped: a milestone serving one of the quarter's objectives that was not delivered in
    it (not done, or done but due after the quarter's end), candidates and dropped ones aside.
    """
    site = ref.site
    if not site.planning or quarter.end >= site.config.today:
        return None
    rows = []
    for objective in objectives:
        rows.append({
            "link": ref.link(objective),
            "commitment": commitment(objective),
            "grade": grade(site, objective.grade),
            "status": objective.status,
            "krs": [{"link": ref.link(kr), "grade": grade(site, kr.grade), "dropped": kr.dropped,
                     "progress": round(kr.progress * 100)} for kr in objective.key_results],
            "ungraded": sum(1 for kr in objective.counted_krs if kr.grade is None),
        })
    own = {o.id for o in objectives}
    dropped_objectives = [ref.link(o) for o in objectives if o.status == "dropped"]
    dropped_krs = [ref.link(kr) for o in objectives for kr in o.key_results if kr.dropped]
    dropped_milestones = [ref.link(site.milestones[m]) for m in milestone_ids if site.milestones[m].status == "dropped"]
    slipped = []
    for milestone in sorted(site.milestones.values(), key=lambda m: (m.end or quarter.end, m.title.lower(), m.id)):
        if milestone.status in ("dropped", "candidate") or not own.intersection(milestone.objective_ids):
            continue
        late = milestone.end is not None and milestone.end > quarter.end
        if milestone.status != "done" or late:
            slipped.append({"link": ref.link(milestone), "status": milestone.status,
                            "due": milestone.end.isoformat() if milestone.end else "",
                            "why": ("done after the quarter" if milestone.status == "done" else
                                    "not done" if not late else "runs past the quarter")})
    graded = [o.grade for o in objectives if o.grade is not None and o.status != "dropped"]
    return {
        "objectives": rows,
        "graded": len(graded),
        "mean": grade(site, sum(graded) / len(graded)) if graded else None,
        "close": f"okrsite close {quarter.id}",
        "ungraded": sum(r["ungraded"] for r in rows),
        "dropped": {"objectives": dropped_objectives, "krs": dropped_krs, "milestones": dropped_milestones},
        "any_dropped": bool(dropped_objectives or dropped_krs or dropped_milestones),
        "slipped": slipped,
    }


# --- objective pages ---------------------------------------------------------------------------------

def alignment_of(ref, objective: Objective) -> dict:
    """The objective's parent and children, as links with period, progress and grade."""
    site = ref.site

    def entry(other: Objective) -> dict:
        return {"link": ref.link(other), "period": other.quarter, "progress": round(other.progress * 100),
                "grade": grade(site, other.grade) if site.planning else None}

    parent = site.objectives.get(objective.parent_id) if objective.parent_id else None
    children = sorted((site.objectives[c] for c in objective.children),
                      key=lambda o: (o.period.rank if o.period else 9, o.period.start if o.period else None, o.title.lower(), o.id))
    return {"parent": entry(parent) if parent else None, "children": [entry(c) for c in children],
            "href": ref.href(urls.ALIGNMENT) if site.planning else ""}


def candidates_of(ref, ids: list[str]) -> list[dict]:
    """The candidates among milestone `ids`, most votes first."""
    milestones = ref.site.milestones
    chosen = sorted({m for m in ids if milestones[m].candidate},
                    key=lambda m: (-(milestones[m].votes or 0), milestones[m].title.lower(), m))
    return [candidate_row(ref, milestones[m]) for m in chosen]


def objective_candidates(ref, objective: Objective) -> list[dict]:
    """Candidates that would serve the objective's key results or test its hypotheses."""
    ids = [*objective.milestone_ids, *(m for h in objective.hypotheses for m in h.milestone_ids)]
    return candidates_of(ref, ids)


def candidate_row(ref, milestone: Milestone) -> dict:
    site = ref.site
    hypothesis = site.hypotheses.get(milestone.hypothesis_id) if milestone.hypothesis_id else None
    return {
        "id": milestone.id,
        "href": ref.href(urls.milestone(milestone.id)),
        "title": milestone.title,
        "type": {"label": _TYPES[milestone.type], "class": f"type-{milestone.type}"},
        "votes": milestone.votes,
        "cluster": milestone.cluster,
        "hypothesis": ref.link(hypothesis) if hypothesis else None,
        "krs": [ref.link(site.key_results[k], k) for k in milestone.key_result_ids],
    }


_TYPES = {"epic": "Epic", "spike": "Spike", "enabler": "Enabler", "signal-test": "Signal test"}


# --- /alignment/ ---------------------------------------------------------------------------------------

def _tree_order():
    """Longest period first, then earliest, then by team and title."""
    return lambda o: (o.period.rank if o.period else 9, o.period.start if o.period else None,
                      o.team_id or "", o.title.lower(), o.id)


def alignment_tree(ref) -> dict:
    """The alignment forest, flattened into list events (`ul`, `li`, `/li`, `/ul`) so the
    template renders nested lists without recursion, however deep a chain of parents is."""
    site = ref.site
    order = _tree_order()
    roots = sorted((o for o in site.objectives.values() if o.parent_id is None and o.children), key=order)
    events: list[dict] = []
    stack: list[list[Objective]] = [list(reversed(roots))]
    if roots:
        events.append({"kind": "ul", "depth": 0})
    while stack:
        siblings = stack[-1]
        if not siblings:
            stack.pop()
            events.append({"kind": "/ul"})
            if stack:
                events.append({"kind": "/li"})
            continue
        objective = siblings.pop()
        events.append({"kind": "li", "node": tree_node(ref, objective), "depth": len(stack) - 1})
        children = sorted((site.objectives[c] for c in objective.children), key=order)
        if children:
            events.append({"kind": "ul", "depth": len(stack)})
            stack.append(list(reversed(children)))
        else:
            events.append({"kind": "/li"})
    if not roots:
        events = []
    unaligned = sorted((o for o in site.objectives.values() if o.parent_id is None and not o.children),
                       key=lambda o: (o.period.start if o.period else None, o.period.rank if o.period else 9,
                                      o.team_id or "", o.title.lower(), o.id))
    return {"events": events, "roots": len(roots), "aligned": sum(1 for o in site.objectives.values()
                                                                    if o.parent_id or o.children),
            "unaligned": [tree_node(ref, o, with_krs=False) for o in unaligned]}


def tree_node(ref, objective: Objective, with_krs: bool = True) -> dict:
    site = ref.site
    team = site.teams.get(objective.team_id) if objective.team_id else None
    node = {
        "id": objective.id,
        "link": ref.link(objective),
        "period": objective.quarter,
        "team": ref.link(team) if team else None,
        "owner": objective.owner,
        "status": objective.status,
        "progress": round(objective.progress * 100),
        "grade": grade(site, objective.grade),
        "commitment": commitment(objective),
        "krs": [],
    }
    if with_krs:
        for kr in objective.key_results:
            milestones = [site.milestones[m] for m in kr.milestone_ids if not site.milestones[m].candidate]
            node["krs"].append({
                "link": ref.link(kr), "progress": round(kr.progress * 100), "grade": grade(site, kr.grade),
                "dropped": kr.dropped,
                "milestones": [{"link": ref.link(m), "status": m.status, "completion": round(m.completion * 100)}
                               for m in milestones],
            })
    return node
