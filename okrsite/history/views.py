"""View data for what history adds to the site: /changes/, value histories, baselines, badges.

Plain data with hrefs made relative to the page, like okrsite/views.py (templates only render).
Everything is bounded: a week lists at most ROWS_PER_WEEK changes (a bulk import of thousands of
files is counted, not listed), a page of /changes/ holds whole weeks up to ROWS_PER_PAGE rows,
a key result or milestone shows its newest POINTS changes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from markupsafe import Markup

from okrsite import sparkline, urls
from okrsite.bidi import isolate
from okrsite.history import report
from okrsite.history.derive import MOVED, NEW, SiteHistory
from okrsite.history.log import Event

ROWS_PER_WEEK = 100
ROWS_PER_PAGE = 300
POINTS = 20
FEED_ENTRIES = 50
KIND_LABELS = {"objective": "Objective", "key-result": "Key result", "hypothesis": "Hypothesis",
               "milestone": "Milestone", "task": "Task", "team": "Team", "page": "Page"}
BADGES = {NEW: {"label": "New", "class": "recent-new"}, MOVED: {"label": "Moved", "class": "recent-moved"}}


def _day(day: dt.date) -> str:
    return f"{day:%b} {day.day}, {day.year}"


def history_of(site) -> SiteHistory | None:
    return site.history


def recent_badge(site, milestone_id: str) -> dict | None:
    """"New" or "Moved" for a milestone added or rescheduled in the last `history.badge_days`."""
    history = site.history
    if history is None:
        return None
    kind = history.badges.get(milestone_id)
    return BADGES[kind] if kind else None


# --- /changes/ ---------------------------------------------------------------------------------

def _cache(history: SiteHistory) -> dict:
    """Derived data that depends on the commits only: kept on the History, which `serve` shares
    between rebuilds until a new commit, so a save does not group thousands of events again."""
    return history.history.__dict__.setdefault("_views", {})


def _weeks(history: SiteHistory) -> list[dict]:
    """Events grouped by ISO week (Monday first) and commit, newest first; made once per history."""
    cache = _cache(history)
    if "weeks" in cache:
        return cache["weeks"]
    by_commit: dict[str, list[Event]] = {}
    for event in history.history.events:
        by_commit.setdefault(event.commit.sha, []).append(event)
    weeks: list[dict] = []
    for commit in sorted(history.history.commits, key=lambda c: c.newest_first, reverse=True):
        monday = commit.date - dt.timedelta(days=commit.date.weekday())
        if not weeks or weeks[-1]["monday"] != monday:
            weeks.append({"monday": monday, "commits": [], "count": 0})
        events = by_commit.get(commit.sha, [])
        weeks[-1]["commits"].append((commit, events))
        weeks[-1]["count"] += len(events)
    pages: list[list[dict]] = [[]]
    rows = 0
    for week in weeks:
        shown = min(week["count"], ROWS_PER_WEEK)
        if pages[-1] and rows + shown > ROWS_PER_PAGE:
            pages.append([])
            rows = 0
        pages[-1].append(week)
        rows += shown
        week["page"] = len(pages)
    cache["weeks"] = weeks
    cache["pages"] = pages
    cache["page_of"] = {commit.sha: week["page"] for week in weeks for commit, _ in week["commits"]}
    return weeks


def change_pages(site) -> int:
    """How many pages /changes/ has (at least one, even before the first change)."""
    if site.history is None:
        return 0
    _weeks(site.history)
    return len(_cache(site.history)["pages"])


def _entity(ref, site, change) -> dict:
    entity = site.entity(change.entity)
    label = KIND_LABELS[change.kind]
    if entity is not None and change.change != "removed":
        return {"kind": label, "href": ref.href(urls.of(entity)), "text": change.title, "id": change.entity}
    return {"kind": label, "href": "", "text": change.title, "id": change.entity}


def _row(ref, site, change) -> dict:
    return {"entity": _entity(ref, site, change), "what": report.sentence(change, isolate), "change": change.change}


def _commit_view(ref, site, commit, events: list[Event], budget: int) -> tuple[dict, int]:
    shown = events[:max(budget, 0)]
    hidden = Counter(event.change.change for event in events[len(shown):])
    more = ""
    if hidden:
        total = sum(hidden.values())
        parts = ", ".join(f"{n:,} {name}" for name, n in sorted(hidden.items(), key=lambda i: (-i[1], i[0])))
        more = f"and {total:,} more change{'s' if total != 1 else ''} in this commit ({parts})"
    return {
        "anchor": urls.anchor_commit(commit.sha),
        "date": _day(commit.date),
        "iso": commit.date.isoformat(),
        "sha": commit.sha[:12],
        "summary": report.summary([e.change for e in events]),
        "rows": [_row(ref, site, e.change) for e in shown],
        "more": more,
    }, len(shown)


def changes_page(site, number: int = 1) -> dict:
    from okrsite.views import PageRef, common

    history = site.history
    weeks = _weeks(history)
    pages = _cache(history)["pages"]
    ref = PageRef(urls.changes(number), site)
    title = "Changes" if number == 1 else f"Changes, page {number}"
    view = common(ref, title, "What changed on the roadmap, week by week, from the site's git history.",
                  section="changes")
    shown_weeks = []
    for week in pages[number - 1] if pages and number <= len(pages) else []:
        budget = ROWS_PER_WEEK  # a week lists this many changes; the rest are counted per commit
        commits = []
        for commit, events in week["commits"]:
            item, used = _commit_view(ref, site, commit, events, budget)
            budget -= used
            commits.append(item)
        monday = week["monday"]
        shown_weeks.append({
            "anchor": urls.anchor_week(monday),
            "label": f"Week of {_day(monday)}",
            "iso": monday.isoformat(),
            "count": week["count"],
            "commits": commits,
        })
    view["weeks"] = shown_weeks
    view["today"] = _day(history.today)
    view["badge_days"] = history.badge_days
    view["feed"] = ref.href(urls.CHANGES_FEED)
    total = len(pages)
    view["pager"] = {
        "newer": ref.href(urls.changes(number - 1)) if number > 1 else "",
        "older": ref.href(urls.changes(number + 1)) if number < total else "",
        "pages": [{"number": n, "href": ref.href(urls.changes(n)), "current": n == number}
                  for n in range(1, total + 1)] if total > 1 else [],
    }
    return view


def commit_href(site, sha: str) -> str:
    """The site path of a commit's entry on /changes/ (the page it is on, and its anchor)."""
    _weeks(site.history)
    page = _cache(site.history)["page_of"].get(sha, 1)
    return f"{urls.changes(page)}#{urls.anchor_commit(sha)}"


# --- on objective and milestone pages -------------------------------------------------------------

def _value(value, unit: str) -> str:
    from okrsite.views import number

    return "no value" if value is None else f"{number(value)} {isolate(unit)}".strip()


def kr_history(ref, kr) -> dict | None:
    """A key result's value after each commit that changed it, newest first."""
    from okrsite.history.derive import kr_values

    history = ref.site.history
    if history is None:
        return None
    points = kr_values(history.history, kr.id)
    if not points:
        return None
    values = [v for _, v, _ in points if v is not None]
    rows = [{"date": _day(c.date), "iso": c.date.isoformat(), "value": _value(v, kr.unit),
             "why": _why(why), "href": ref.href(commit_href(ref.site, c.sha))}
            for c, v, why in reversed(points)]
    return {
        "rows": rows[:POINTS],
        "older": max(0, len(rows) - POINTS),
        "sparkline": Markup(sparkline.svg(values, f"Value of {isolate(kr.title)} over its commits", kr.start, kr.target))
        if len(values) > 1 else Markup(""),
    }


def _why(why: str) -> str:
    if why.startswith("check-in of "):
        return f"check-in of {_day(dt.date.fromisoformat(why.removeprefix('check-in of ')))}"
    return why


def milestone_history(ref, milestone) -> dict | None:
    """A milestone's baseline and drift, and every change it went through, newest first."""
    site = ref.site
    history = site.history
    if history is None:
        return None
    events = history.history.events_of(milestone.id)
    baseline = history.baselines.get(milestone.id)
    if not events and baseline is None:
        return None
    base = None
    if baseline is not None:
        schedule = baseline.schedule
        if baseline.days is None:
            drift = "now unscheduled"
        elif not baseline.days and not baseline.start_days:
            drift = "on its baseline"
        else:
            drift = report.shift_label(baseline.days, baseline.sprints, baseline.start_days)
        base = {
            "dates": report.schedule_label(schedule),
            "start": schedule.start.isoformat(),
            "quarter": baseline.quarter,
            "committed": _day(baseline.committed.date),
            "committed_iso": baseline.committed.date.isoformat(),
            "committed_href": ref.href(commit_href(site, baseline.committed.sha)),
            "drift": drift,
            "days": baseline.days,
            "sprints": baseline.sprints,
            "late": bool(baseline.days and baseline.days > 0),
        }
    rows = [{"date": _day(e.commit.date), "iso": e.commit.date.isoformat(), "what": report.sentence(e.change, isolate),
             "href": ref.href(commit_href(site, e.commit.sha))} for e in reversed(events)]
    return {"baseline": base, "rows": rows[:POINTS], "older": max(0, len(rows) - POINTS),
            "badge": recent_badge(site, milestone.id)}
