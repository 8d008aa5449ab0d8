"""/backlog/: what waits for a slot, most wanted first.

The backlog holds the milestones nobody has scheduled yet and that are still open (not done,
not dropped), and the workshop's candidates (`status: candidate`, section 12), which are
unscheduled by definition. Rows are sorted by votes, most first, ties in the natural order of
their titles. They are grouped by hypothesis (`/backlog/`, the link to the OKRs) or by
cluster (`/backlog/cluster/`, the workshop's themes): two pre-rendered pages, so the switch
works without JavaScript.
"""

from __future__ import annotations

from okrsite import urls
from okrsite.model import Milestone, Site
from okrsite.natural import natural_key
from okrsite.views import PageRef, badge, common, milestone_row
from okrsite.views.listing import bounded

GROUPINGS = ("hypothesis", "cluster")
CLOSED = ("done", "dropped")


def items(site: Site) -> list[Milestone]:
    """The backlog's milestones, most votes first, ties by natural title then id."""
    waiting = [m for m in site.milestones.values() if not m.scheduled and m.status not in CLOSED]
    return sorted(waiting, key=lambda m: (-(m.votes or 0), natural_key(m.title), m.id))


def file_for(grouping: str) -> str:
    return urls.BACKLOG if grouping == GROUPINGS[0] else urls.backlog_by(grouping)


def backlog_page(site: Site, grouping: str = "hypothesis") -> dict:
    ref = PageRef(file_for(grouping), site)
    view = common(ref, "Backlog", "Unscheduled milestones and candidates, most voted first",
                  section="backlog")
    milestones = items(site)
    rows = []
    for m in milestones:
        row = milestone_row(ref, m)
        row["objectives"] = [ref.link(site.objectives[o]) for o in _objectives(site, m)]
        rows.append(row)
    keys = {m.id: _group_key(m, grouping) for m in milestones}
    groups = {}
    for row in rows:
        groups.setdefault(keys[row["id"]], []).append(row)
    # Groups with the most votes first; the milestones without a hypothesis (or cluster) last.
    order = {key: (key == "", -sum(r["votes"] or 0 for r in members), -len(members),
                   natural_key(_label(site, key, grouping)), key)
             for key, members in groups.items()}
    grouped = bounded(rows, lambda row: keys[row["id"]], order=order.__getitem__,
                      label=lambda key: _label(site, key, grouping), caption="Backlog", always_group=True)
    for group in grouped["groups"]:
        group["votes"] = sum(r["votes"] or 0 for r in group["rows"])
        group["about"] = _about(ref, group["key"], grouping)
    candidates = sum(1 for m in milestones if m.status == "candidate")
    view.update({
        "grouping": grouping,
        "switch": [{"href": ref.href(file_for(g)), "text": f"By {g}", "current": g == grouping}
                   for g in GROUPINGS],
        "total": len(milestones),
        "votes": sum(m.votes or 0 for m in milestones),
        "candidates": candidates,
        "unscheduled": len(milestones) - candidates,
        "groups": grouped["groups"],
        # Grouped by hypothesis, a group's rows share its objective (named in the group's heading).
        "show_objective": grouping != "hypothesis",
        "all_milestones_href": ref.href(urls.MILESTONES),
    })
    return view


def _objectives(site: Site, milestone: Milestone) -> list[str]:
    """The objectives a backlog item serves: through its KRs, else through its hypothesis."""
    if milestone.objective_ids:
        return list(milestone.objective_ids)
    hypothesis = site.hypotheses.get(milestone.hypothesis_id) if milestone.hypothesis_id else None
    return [hypothesis.objective_id] if hypothesis else []


def _group_key(milestone: Milestone, grouping: str) -> str:
    if grouping == "hypothesis":
        return milestone.hypothesis_id or ""
    return milestone.cluster or ""


def _label(site: Site, key: str, grouping: str) -> str:
    if not key:
        return "No hypothesis" if grouping == "hypothesis" else "No cluster"
    if grouping == "hypothesis":
        return site.hypotheses[key].statement
    return key


def _about(ref: PageRef, key: str, grouping: str) -> dict | None:
    """For a hypothesis group: the hypothesis's link, status and objective."""
    if grouping != "hypothesis" or not key:
        return None
    site = ref.site
    hypothesis = site.hypotheses[key]
    return {"link": ref.link(hypothesis), "status": badge(hypothesis.status),
            "objective": ref.link(site.objectives[hypothesis.objective_id])}
