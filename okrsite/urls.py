"""The one place that makes URLs: where each page is written and how pages link to each other.

Pages live at `folder/index.html` (pretty URLs on a server). Links between pages are
relative and name `index.html` explicitly, so the site works under any sub-path and when
opened straight from disk (`file://`), where a folder link would show a directory listing.
"""

from __future__ import annotations

from functools import lru_cache

from okrsite.model import Hypothesis, KeyResult, Milestone, Objective, Page, Task, Team

ASSETS = "assets/"
RESERVED = frozenset({"quarters", "roadmap", "objectives", "milestones", "teams", "assets",
                      "404", "index", "sitemap", "pages", "roadmap-json", "roadmap-ics", "alignment",
                      "backlog", "changes", "pagefind"})


def _folder(path: str) -> str:
    return f"{path}index.html"


HOME = "index.html"
QUARTERS = _folder("quarters/")
ROADMAP = _folder("roadmap/")
TEAMS = _folder("teams/")
PAGES = _folder("pages/")
ALIGNMENT = _folder("alignment/")
MILESTONES = _folder("milestones/")   # every milestone in one table (the search's fallback)
BACKLOG = _folder("backlog/")         # unscheduled milestones and candidates, by hypothesis
NOT_FOUND = "404.html"
SITEMAP = "sitemap.xml"
ROADMAP_JSON = "roadmap.json"
ROADMAP_ICS = "roadmap.ics"
CHANGES_FEED = "changes.xml"
STYLESHEET = ASSETS + "okrsite.css"
SCRIPT = ASSETS + "okrsite.js"
PLANNING_STYLESHEET = ASSETS + "okrsite-planning.css"  # only on sites that use the planning model
FAVICON = ASSETS + "favicon.svg"
SEARCH = "pagefind/"  # the search bundle's folder (okrsite/search/)
HISTORY_STYLESHEET = ASSETS + "okrsite-history.css"    # only on sites built with their git history


def quarter(quarter_id: str) -> str:
    return _folder(f"quarters/{quarter_id.lower()}/")


def quarter_svg(quarter_id: str) -> str:
    return f"quarters/{quarter_id.lower()}/roadmap.svg"


def changes(page_number: int = 1) -> str:
    """The list of changes by week: /changes/, older weeks on /changes/2/, /changes/3/, ..."""
    return _folder("changes/") if page_number == 1 else _folder(f"changes/{page_number}/")


def anchor_commit(sha: str) -> str:
    return f"commit-{sha[:12]}"


def anchor_week(monday) -> str:
    return f"week-{monday.isoformat()}"


def roadmap_filter(dimension: str, value: str) -> str:
    """The current fiscal year's roadmap filtered to one team, type or status."""
    return _folder(f"roadmap/{dimension}/{value}/")


def roadmap(year: int | None = None, half: int = 0, group: str = "objective") -> str:
    """A roadmap view: `year` None is the current fiscal year (`roadmap/`), others live at
    `roadmap/<year>/`; `half` 1 or 2 zooms to that half-year (`h1/`, by month); `group` other
    than "objective" puts one lane per team or type (`by-team/`, `by-type/`)."""
    path = "roadmap/"
    if year is not None:
        path += f"{year:04d}/"
    if half:
        path += f"h{half}/"
    if group != "objective":
        path += f"by-{group}/"
    return _folder(path)


def backlog_by(grouping: str) -> str:
    """The backlog grouped another way than by hypothesis (the default, `BACKLOG`)."""
    return _folder(f"backlog/{grouping}/")


def objective(objective_id: str) -> str:
    return _folder(f"objectives/{objective_id}/")


def milestone(milestone_id: str) -> str:
    return _folder(f"milestones/{milestone_id}/")


def team(team_id: str) -> str:
    return _folder(f"teams/{team_id}/")


def page(page_id: str) -> str:
    return _folder(f"{page_id}/")


def anchor_kr(local_id: str) -> str:
    return f"kr-{local_id}"


def anchor_hypothesis(local_id: str) -> str:
    return f"hypothesis-{local_id}"


def anchor_task(local_id: str) -> str:
    return f"task-{local_id}"


def of(entity) -> str:
    """The page (and fragment) that shows `entity`."""
    if isinstance(entity, Objective):
        return objective(entity.id)
    if isinstance(entity, Milestone):
        return milestone(entity.id)
    if isinstance(entity, Team):
        return team(entity.id)
    if isinstance(entity, Page):
        return page(entity.id)
    if isinstance(entity, KeyResult):
        return f"{objective(entity.objective_id)}#{anchor_kr(entity.local_id)}"
    if isinstance(entity, Hypothesis):
        return f"{objective(entity.objective_id)}#{anchor_hypothesis(entity.local_id)}"
    if isinstance(entity, Task):
        return f"{milestone(entity.milestone_id)}#{anchor_task(entity.local_id)}"
    raise TypeError(f"no page for {type(entity).__name__}")


@lru_cache(maxsize=65536)
def relative(from_file: str, to: str) -> str:
    """Href from the page written at `from_file` to the site path `to` (may carry #fragment).

    Both are clean site-relative paths (urls.py makes them all), so the common-prefix walk
    below equals posixpath.relpath at a fraction of its cost; it runs for every link.
    """
    target, _, fragment = to.partition("#")
    if not target:
        href = from_file.rsplit("/", 1)[-1]
    else:
        base = from_file.split("/")[:-1]
        parts = target.split("/")
        common = 0
        while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
            common += 1
        href = "../" * (len(base) - common) + "/".join(parts[common:])
    return f"{href}#{fragment}" if fragment else href


def root(from_file: str) -> str:
    """Prefix that leads from `from_file` back to the site root ("" or "../../")."""
    depth = from_file.count("/")
    return "../" * depth


def absolute(base_url: str, path: str) -> str:
    """Public URL for sitemaps and feeds: pretty form, without `index.html`."""
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return base_url.rstrip("/") + "/" + path
