"""What the pages show of history, joined with the site as it is now: badges and baselines.

"Now" is the site's `today` (okrsite.yaml, or the build date), never the wall clock: a commit
dated after `today` is listed with the changes but is not "recent".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from okrsite.calendar import Calendar
from okrsite.history.compare import sprint_shift
from okrsite.history.log import Commit, History
from okrsite.history.records import Record, Schedule

NEW, MOVED = "new", "moved"


@dataclass(frozen=True)
class Baseline:
    """A milestone's schedule as committed at its quarter's start (or when it was first
    scheduled, if later), and how far the schedule has drifted from it since."""

    schedule: Schedule
    committed: Commit          # the commit that set that schedule
    quarter: str               # the quarter whose start it is the plan of
    days: int | None = None    # due now - due then (None: unscheduled now)
    start_days: int | None = None
    sprints: int | None = None

    @property
    def drifted(self) -> bool:
        return bool(self.days or self.start_days) or self.days is None


@dataclass
class SiteHistory:
    """A History as the current site shows it (attached to the linked Site as `site.history`)."""

    history: History
    today: dt.date
    badge_days: int
    badges: dict[str, str] = field(default_factory=dict)        # milestone id -> NEW or MOVED
    baselines: dict[str, Baseline] = field(default_factory=dict)

    @classmethod
    def of(cls, site, history: History) -> "SiteHistory":
        config = site.config
        result = cls(history, config.today, config.history.badge_days)
        result.badges = badges(site, history, config.today, config.history.badge_days)
        for milestone in site.milestones.values():
            baseline = baseline_of(site, milestone, history.timelines.get(milestone.id, ()), config.calendar)
            if baseline is not None:
                result.baselines[milestone.id] = baseline
        return result

    def recent(self, day: dt.date) -> bool:
        """Whether `day` lies in the badge window: the `badge_days` days up to and including today."""
        return self.today - dt.timedelta(days=self.badge_days) < day <= self.today


def badges(site, history: History, today: dt.date, days: int) -> dict[str, str]:
    """Milestones added in the window are "new"; those rescheduled in it (and not new) "moved"."""
    start = today - dt.timedelta(days=days)
    moves = history.__dict__.get("_milestone_moves")  # the same for every rebuild of `serve`
    if moves is None:
        moves = [(e.commit.date, e.change.entity, e.change.change) for e in history.events
                 if e.change.kind == "milestone" and e.change.change in ("added", "rescheduled")]
        history.__dict__["_milestone_moves"] = moves
    found: dict[str, str] = {}
    for day, entity, change in moves:
        if not start < day <= today or entity not in site.milestones:
            continue
        if change == "added":
            found[entity] = NEW
        elif found.get(entity) != NEW:
            found[entity] = MOVED
    return found


def _quarter_start(site, milestone, timeline, calendar: Calendar):
    """The quarter a milestone is planned in: its objectives' (the earliest), else the one its
    first committed schedule started in."""
    quarters = [q for o in milestone.objective_ids
                if (q := calendar.quarter(site.objectives[o].quarter)) is not None]
    if quarters:
        return min(quarters)
    for _, record in timeline:
        if record is not None and record.schedule and record.schedule.start:
            return calendar.quarter_of(record.schedule.start)
    return None


def baseline_of(site, milestone, timeline, calendar: Calendar) -> Baseline | None:
    if not timeline:
        return None
    quarter = _quarter_start(site, milestone, timeline, calendar)
    if quarter is None:
        return None
    at_start: tuple[Commit, Schedule | None] | None = None   # the plan as it stood when the quarter began
    later: list[tuple[Commit, Schedule | None]] = []
    set_by: Commit | None = None
    previous: Schedule | None = None
    for commit, record in timeline:
        schedule = record.schedule if record is not None else None
        if set_by is None or (schedule.key if schedule else None) != (previous.key if previous else None):
            set_by, previous = commit, schedule
        if commit.date <= quarter.start:
            at_start = (set_by, schedule)
        else:
            later.append((set_by, schedule))
    dated = lambda entry: entry is not None and entry[1] is not None and entry[1].start is not None \
        and entry[1].due is not None  # noqa: E731
    chosen = at_start if dated(at_start) else next((entry for entry in later if dated(entry)), None)
    if chosen is None:
        return None
    committed, schedule = chosen
    days = start_days = sprints = None
    if milestone.scheduled:
        days = (milestone.end - schedule.due).days
        start_days = (milestone.start - schedule.start).days
        sprints = sprint_shift(calendar, schedule.due, milestone.end)
    return Baseline(schedule, committed, quarter.id, days, start_days, sprints)


def kr_values(history: History, kr_id: str) -> list[tuple[Commit, float | None, str]]:
    """A key result's value after each commit that changed it: (commit, value, why), oldest first.

    why: "added", "check-in of YYYY-MM-DD" (a check-in that became the latest), "current edited",
    "check-ins edited", or "removed".
    """
    points: list[tuple[Commit, float | None, str]] = []
    before: Record | None = None
    for commit, record in history.timelines.get(kr_id, ()):
        if record is None:
            points.append((commit, None, "removed"))
            before = None
            continue
        if before is None:
            points.append((commit, record.current, "added"))
        elif record.current != before.current:
            new_checkins = sorted(set(record.checkins) - set(before.checkins))
            if new_checkins and record.checkins and record.checkins[-1] in new_checkins:
                why = f"check-in of {record.checkins[-1][0].isoformat()}"
            elif record.checkins != before.checkins and not new_checkins:
                why = "check-ins edited"
            else:
                why = "current edited"
            points.append((commit, record.current, why))
        before = record
    return points
