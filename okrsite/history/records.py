"""What of an entity is compared over time: one `Record` per entity, whatever it was read from.

`okrsite diff` makes records from two fully linked Sites (`from_site`); the site's history makes
them from old versions of single files read out of git (`from_document`), which is much
cheaper than linking the whole site once per commit. Both give equal records for equal content,
so both feed the same comparison (compare.py).

The raw reader trusts nothing: an old version of a file may be broken in any way, so a value
of the wrong type reads as absent instead of failing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from okrsite.calendar import Calendar
from okrsite.link import slug

KINDS = ("objective", "key-result", "hypothesis", "milestone", "task", "team", "page")
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")  # \Z: no final newline
_INF = float("inf")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


class Schedule(NamedTuple):
    """Where a milestone lies in time: its first and last day, and its sprints when written so."""

    start: dt.date | None
    due: dt.date | None
    sprints: tuple[str, ...] = ()   # (first, last) as written, () when placed by dates

    @property
    def key(self) -> tuple:
        """What must differ for a reschedule: the days, or the sprint ids when a sprint is unknown."""
        return (self.start, self.due) if self.start and self.due else ("sprints", self.sprints)

    def as_json(self) -> dict:
        data: dict = {"start": self.start.isoformat() if self.start else None,
                      "due": self.due.isoformat() if self.due else None}
        if self.sprints:  # as written: [s9] for one sprint, [s7, s8] for a range
            data["sprints"] = list(dict.fromkeys(self.sprints))
        return data


class Record(NamedTuple):
    """One entity's comparable state. `None` in a field means "not set"; fields a kind does not
    have are never compared (see compare.FIELDS). A tuple: history makes tens of thousands."""

    id: str
    kind: str
    title: str
    path: str = ""                      # the file it is written in (not compared: a move is no change)
    quarter: str | None = None
    status: str | None = None
    type: str | None = None
    schedule: Schedule | None = None
    links: tuple = ()                   # ((name, value), ...): KRs, hypothesis, parent
    target: float | None = None
    current: float | None = None
    confidence: float | None = None
    grade: float | None = None
    checkins: tuple = ()                # ((date, value), ...) of a KR; tells a check-in from an edit


# --- from a linked Site ------------------------------------------------------------------------

def from_site(site) -> dict[str, Record]:
    """Every entity of a linked Site as a Record, by id."""
    records: dict[str, Record] = {}
    for objective in site.objectives.values():
        parent = getattr(objective, "parent", None) or getattr(objective, "parent_id", None)
        records[objective.id] = Record(
            objective.id, "objective", objective.title, objective.path, quarter=objective.quarter,
            status=objective.status, links=(("parent", parent or None),))
        for kr in objective.key_results:
            checkins = tuple((c.date, c.value) for c in kr.checkins)
            confidence = kr.confidence
            if confidence is None and kr.checkins:
                confidence = kr.checkins[-1].confidence
            records[kr.id] = Record(
                kr.id, "key-result", kr.title, objective.path, status=getattr(kr, "status", None),
                target=kr.target, current=kr.current, confidence=confidence,
                grade=getattr(kr, "grade", None), checkins=checkins)
        for hypothesis in objective.hypotheses:
            records[hypothesis.id] = Record(
                hypothesis.id, "hypothesis", hypothesis.statement, objective.path, status=hypothesis.status,
                links=(("key_results", tuple(sorted(hypothesis.key_result_ids))),))
    for milestone in site.milestones.values():
        schedule = None
        if milestone.scheduled:
            schedule = Schedule(milestone.start, milestone.end, tuple(milestone.sprint_ids))
        records[milestone.id] = Record(
            milestone.id, "milestone", milestone.title, milestone.path, status=milestone.status,
            type=milestone.type, schedule=schedule, links=_milestone_links(milestone.key_result_ids,
                                                                             milestone.hypothesis_id))
        for task in milestone.tasks:
            records[task.id] = Record(task.id, "task", task.title, task.path, status=task.status)
    for team in site.teams.values():
        records[team.id] = Record(team.id, "team", team.name, team.path)
    for page in site.pages.values():
        records[page.id] = Record(page.id, "page", page.title, page.path)
    return records


def _milestone_links(key_results, hypothesis) -> tuple:
    return (("hypothesis", hypothesis or None), ("key_results", tuple(sorted(set(key_results)))))


# --- from one file's data, as read from git ------------------------------------------------------

def _text(value) -> str | None:
    if isinstance(value, dt.date):  # a YAML date read by a loader that keeps dates (log.py)
        return value.isoformat()
    return value if isinstance(value, str) else None


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value if value == value and value not in (_INF, -_INF) else None  # .nan, .inf are text


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else None
    if not isinstance(value, str) or not _DAY.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _own_id(data: dict, stem: str) -> str | None:
    own = data.get("id", stem)
    return own if isinstance(own, str) and _ID.match(own) else None


def from_document(kind: str, path: str, data, calendar: Calendar) -> list[Record] | None:
    """The records one content file defines (a document's data as loaded), or None when the
    file is too broken to say (then it is treated as unchanged, never as removed)."""
    if not isinstance(data, dict):
        return None
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    own = _own_id(data, stem)
    if own is None:
        return None
    title = _text(data.get("title"))
    if kind == "objective":
        return _objective(own, path, data)
    if kind == "milestone":
        if title is None:
            return None
        return _milestone(own, path, data, calendar)
    if kind == "task":
        milestone = _text(data.get("milestone"))
        if title is None or milestone is None:
            return None
        return [Record(f"{milestone}/{own}", "task", title, path, status=_text(data.get("status")) or "todo")]
    if kind == "team":
        name = _text(data.get("name"))
        return None if name is None else [Record(own, "team", name, path)]
    if kind == "page":
        return None if title is None else [Record(own, "page", title, path)]
    return None


def _objective(own: str, path: str, data: dict) -> list[Record] | None:
    title, quarter = _text(data.get("title")), data.get("quarter")
    if title is None or not isinstance(quarter, (str, int)):
        return None
    parent = _text(data.get("parent"))
    records = [Record(own, "objective", title, path, quarter=str(quarter), status=_text(data.get("status")),
                      links=(("parent", parent or None),))]
    krs = data.get("key_results")
    for kr in krs if isinstance(krs, list) else []:
        if not isinstance(kr, dict) or not isinstance(kr.get("id"), str) or _text(kr.get("title")) is None:
            continue
        start, target = _number(kr.get("start")), _number(kr.get("target"))
        checkins = []
        raw_checkins = kr.get("checkins")
        for checkin in raw_checkins if isinstance(raw_checkins, list) else []:
            if isinstance(checkin, dict):
                day, value = _date(checkin.get("date")), _number(checkin.get("value"))
                if day is not None and value is not None:
                    checkins.append((day, value, _number(checkin.get("confidence"))))
        checkins.sort(key=lambda c: c[0])  # stable, as the linker's sort: same-day check-ins keep their order
        current = _number(kr.get("current"))
        if current is None and start is not None and target is not None:
            current = checkins[-1][1] if checkins else start
        confidence = _number(kr.get("confidence"))
        if confidence is None and checkins:
            confidence = checkins[-1][2]
        records.append(Record(
            f"{own}/{kr['id']}", "key-result", kr["title"], path, status=_text(kr.get("status")),
            target=target if start is not None else None, current=current, confidence=confidence,
            grade=_number(kr.get("grade")), checkins=tuple((d, v) for d, v, _ in checkins)))
    hypotheses = data.get("hypotheses")
    for hypothesis in hypotheses if isinstance(hypotheses, list) else []:
        if not isinstance(hypothesis, dict) or not isinstance(hypothesis.get("id"), str):
            continue
        statement = _text(hypothesis.get("statement"))
        if statement is None:
            continue
        refs = hypothesis.get("key_results")
        full = sorted({ref if "/" in ref else f"{own}/{ref}"
                       for ref in (refs if isinstance(refs, list) else []) if isinstance(ref, str)})
        records.append(Record(f"{own}/{hypothesis['id']}", "hypothesis", statement, path,
                              status=_text(hypothesis.get("status")) or "untested",
                              links=(("key_results", tuple(full)),)))
    return records


def _milestone(own: str, path: str, data: dict, calendar: Calendar) -> list[Record]:
    schedule = None
    sprints = data.get("sprints")
    if isinstance(sprints, list) and sprints and all(isinstance(s, str) for s in sprints):
        first, last = calendar.sprint(sprints[0]), calendar.sprint(sprints[-1])
        ids = (sprints[0], sprints[-1])
        if first is not None and last is not None and first.index <= last.index:
            schedule = Schedule(first.start, last.end, (first.id, last.id))
        else:
            schedule = Schedule(None, None, ids)
    elif "start" in data and "due" in data:
        start, due = _date(data.get("start")), _date(data.get("due"))
        if start is not None and due is not None and start <= due:
            schedule = Schedule(start, due)
    refs = data.get("key_results")
    key_results = [r for r in refs if isinstance(r, str)] if isinstance(refs, list) else []
    records = [Record(own, "milestone", data["title"], path, status=_text(data.get("status")) or "planned",
                      type=_text(data.get("type")), schedule=schedule,
                      links=_milestone_links(key_results, _text(data.get("hypothesis"))))]
    tasks = data.get("tasks")
    for index, task in enumerate(tasks if isinstance(tasks, list) else []):
        if not isinstance(task, dict) or _text(task.get("title")) is None:
            continue
        local = task.get("id") if isinstance(task.get("id"), str) else (slug(task["title"]) or f"task-{index + 1}")
        records.append(Record(f"{own}/{local}", "task", task["title"], path,
                              status=_text(task.get("status")) or "todo"))
    return records
