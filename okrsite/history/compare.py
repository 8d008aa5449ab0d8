"""Two states of a roadmap -> the changes between them, entity by entity (spec section 15).

Entities are matched by id, never by file, so a renamed or moved file is no change. Shifts in
time are counted in days and in sprints of the site's calendar: the number of sprint starts
the due date crossed (a slip from the last day of s7 to the last day of s8 is one sprint).
"""

from __future__ import annotations

import bisect
import operator
import datetime as dt
from typing import NamedTuple

from okrsite.calendar import Calendar
from okrsite.history.records import Record, Schedule

# change name -> the Record field it compares, in the order a reader wants them
FIELDS = {
    "retitled": "title",
    "requarter": "quarter",
    "rescheduled": "schedule",
    "retyped": "type",
    "status": "status",
    "relinked": "links",
    "target": "target",
    "current": "current",
    "confidence": "confidence",
    "grade": "grade",
}
# which changes each kind of entity can have besides added and removed
APPLIES = {
    "objective": ("retitled", "requarter", "status", "relinked"),
    "key-result": ("retitled", "status", "target", "current", "confidence", "grade"),
    "hypothesis": ("retitled", "status", "relinked"),
    "milestone": ("retitled", "rescheduled", "retyped", "status", "relinked"),
    "task": ("retitled", "status"),
    "team": ("retitled",),
    "page": ("retitled",),
}
CHANGES = ("added", "removed", *FIELDS)


class Change(NamedTuple):
    """One change of one entity. `before`/`after` are the old and new value (a Schedule for
    rescheduled; None for added/removed); `title` is the entity's title now (before, when removed).
    A tuple: the first commit of a large site adds tens of thousands of entities."""

    entity: str
    kind: str
    change: str
    before: object = None
    after: object = None
    title: str = ""
    days: int | None = None        # rescheduled: the due date's shift
    sprints: int | None = None     # rescheduled: sprint starts the due date crossed (by the calendar)
    start_days: int | None = None  # rescheduled: the start's shift (shown to people)

    def as_json(self) -> dict:
        """The change as `okrsite diff --format json` writes it (fields that do not apply are absent)."""
        data: dict = {"entity": self.entity, "kind": self.kind, "change": self.change}
        if self.change == "added":
            data["to"] = self.title
        elif self.change == "removed":
            data["from"] = self.title
        else:
            data["from"] = _json_value(self.before)
            data["to"] = _json_value(self.after)
        if self.days is not None:
            data["days"] = self.days
        if self.sprints is not None:
            data["sprints"] = self.sprints
        return data


def _json_value(value):
    if isinstance(value, Schedule):
        return value.as_json()
    if isinstance(value, tuple):  # links: ((name, value), ...)
        return {name: list(item) if isinstance(item, tuple) else item for name, item in value}
    return value


def sprint_shift(calendar: Calendar, before: dt.date, after: dt.date) -> int | None:
    """Sprint starts between two days (negative when `after` is earlier); None without sprints."""
    if calendar.regular_start is not None and not calendar.explicit:
        length = calendar.regular_length
        return ((after - calendar.regular_start).days // length) - ((before - calendar.regular_start).days // length)
    if calendar.explicit:
        starts = sorted(s.start for s in calendar.explicit)
        return bisect.bisect_right(starts, after) - bisect.bisect_right(starts, before)
    return None


def compare(old: dict[str, Record], new: dict[str, Record], calendar: Calendar,
            unknown_old: frozenset | set = frozenset(), unknown_new: frozenset | set = frozenset()) -> list[Change]:
    """Every change from `old` to `new`, sorted by entity then change.

    `unknown_*` are ids whose state on that side could not be read (their file has errors):
    such an entity is neither added nor removed, as nobody knows whether it is.
    """
    changes: list[Change] = [Change(entity, record.kind, "added", title=record.title)
                             for entity, record in new.items() if entity not in old and entity not in unknown_old]
    changes += [Change(entity, record.kind, "removed", title=record.title)
                for entity, record in old.items() if entity not in new and entity not in unknown_new]
    for entity, before in old.items():
        after = new.get(entity)
        if after is None:
            continue
        if before.kind != after.kind:  # an id given to another kind of entity: the old one went
            changes.append(Change(entity, before.kind, "removed", title=before.title))
            changes.append(Change(entity, after.kind, "added", title=after.title))
            continue
        changes.extend(changes_of(before, after, calendar))
    changes.sort(key=_ORDER)
    return changes


_ORDER = operator.itemgetter(0, 2, 1)  # entity, change, kind


def changes_of(before: Record, after: Record, calendar: Calendar) -> list[Change]:
    """The changes of one entity that exists on both sides."""
    found = []
    for name in APPLIES[after.kind]:
        field = FIELDS[name]
        old, new = getattr(before, field), getattr(after, field)
        if name == "rescheduled":
            if (old.key if old else None) == (new.key if new else None):
                continue
            found.append(_rescheduled(before, after, calendar))
            continue
        if old == new:
            continue
        found.append(Change(after.id, after.kind, name, old, new, after.title))
    return found


def _rescheduled(before: Record, after: Record, calendar: Calendar) -> Change:
    old, new = before.schedule, after.schedule
    days = sprints = start_days = None
    if old and new and old.due and new.due and old.start and new.start:
        days = (new.due - old.due).days
        start_days = (new.start - old.start).days
        sprints = sprint_shift(calendar, old.due, new.due)
    return Change(after.id, after.kind, "rescheduled", old, new, after.title, days, sprints, start_days)
