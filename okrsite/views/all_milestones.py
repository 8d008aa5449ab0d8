"""/milestones/: every milestone in one table, the one page allowed past section 14's budget.

It is the index a reader searches with the browser's find, and the search box's target
without JavaScript (section 16): newest first (by start), the unscheduled ones last, ties in
the natural order of their titles.
"""

from __future__ import annotations

from okrsite import urls
from okrsite.model import Site
from okrsite.natural import natural_key
from okrsite.views import PageRef, common, milestone_rows


def ordered_ids(site: Site) -> list[str]:
    milestones = site.milestones.values()
    scheduled = sorted((m for m in milestones if m.scheduled),
                       key=lambda m: (-m.start.toordinal(), -m.end.toordinal(), natural_key(m.title), m.id))
    unscheduled = sorted((m for m in milestones if not m.scheduled), key=lambda m: (natural_key(m.title), m.id))
    return [m.id for m in scheduled + unscheduled]


def all_milestones_page(site: Site) -> dict:
    ref = PageRef(urls.MILESTONES, site)
    view = common(ref, "All milestones", "Every milestone of the roadmap in one table", section="milestones")
    rows = milestone_rows(ref, ordered_ids(site))
    view.update({
        "milestones": rows,
        "total": len(rows),
        "unscheduled": sum(1 for r in rows if not r["start"]),
        "caption": f"All {len(rows)} milestones, newest first",
        "backlog_href": ref.href(urls.BACKLOG),
    })
    return view
