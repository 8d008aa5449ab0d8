"""What search finds: one record per entity, made from the linked Site (not from rendered HTML).

Every kind the reader asks for is its own record — objectives, key results, hypotheses,
milestones, tasks, teams and free pages — so a result says what it is ("Key result") and
filters apply to it directly. The text of a record is the entity's own words (title, people,
Markdown body as plain text), so a word in one milestone's body finds that milestone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape

from okrsite import markdown, urls
from okrsite.model import Milestone, Objective, Site
from okrsite.views import STATUS_LABELS, TYPE_LABELS

# The facets a reader narrows by; each record carries the values that apply to it.
FILTERS = ("kind", "quarter", "team", "type", "status")

KIND_LABELS = {
    "objective": "Objective", "key-result": "Key result", "hypothesis": "Hypothesis",
    "milestone": "Milestone", "task": "Task", "team": "Team", "page": "Page",
}
UNSCHEDULED = "Unscheduled"


@dataclass
class Record:
    url: str                      # site-relative, as urls.py makes it (may carry #fragment)
    kind: str                     # a key of KIND_LABELS
    title: str
    text: str                     # what is searched, besides the title
    context: str = ""             # where it belongs ("Build trust" for a key result)
    filters: dict[str, list[str]] = field(default_factory=dict)

    def meta(self) -> dict[str, str]:
        meta = {"title": self.title, "kind": KIND_LABELS[self.kind]}
        if self.context:
            meta["context"] = self.context
        return meta

    def html(self) -> str:
        """The record as the small HTML document Pagefind indexes: the title as the heading
        (Pagefind ranks heading words higher), the text as paragraphs, and meta and filters as
        elements outside the indexed body (their text is escaped, never an attribute value)."""
        meta = "".join(f'<span data-pagefind-meta="{name}">{escape(value)}</span>'
                       for name, value in self.meta().items())
        filters = "".join(f'<span data-pagefind-filter="{name}">{escape(value)}</span>'
                          for name, values in self.filters.items() for value in values)
        paragraphs = "".join(f"<p>{escape(line)}</p>" for line in self.text.split("\n") if line)
        return (f"<!DOCTYPE html><html><head><title>{escape(self.title)}</title></head><body>"
                f"<main data-pagefind-body><h1>{escape(self.title)}</h1>{paragraphs}</main>"
                f"<div data-pagefind-ignore>{meta}{filters}</div></body></html>")


def plain_text(source: str) -> str:
    """Markdown -> the words a reader sees: inline text and code, no markup, links by their text."""
    return markdown.kept_plain(source, _plain_text)  # made by an earlier build, when it was cached


def _plain_text(source: str) -> str:
    if not source.strip():
        return ""
    words: list[str] = []
    for token in markdown.parse(source):
        if token.type in ("code_block", "fence"):
            words.append(token.content)
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type == "wikilink":
                words.append(child.meta["text"] or child.meta["target"])
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
        if token.type.endswith("_close") and token.block:
            words.append("\n")
    return " ".join("".join(words).split())


def _join(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def _quarters(site: Site, start: dt.date | None, end: dt.date | None) -> list[str]:
    if start is None or end is None:
        return [UNSCHEDULED]
    return [q.id for q in site.config.calendar.quarters_between(start, end)]


def _team(site: Site, team_id: str | None) -> list[str]:
    team = site.teams.get(team_id) if team_id else None
    return [team.name] if team else []


def _status(status: str | None) -> list[str]:
    return [STATUS_LABELS.get(status, status)] if status else []


def _objective(site: Site, objective: Objective) -> list[Record]:
    team = _team(site, objective.team_id)
    shared = {"quarter": [objective.quarter], "team": team}
    records = [Record(
        urls.of(objective), "objective", objective.title,
        _join(objective.id, objective.owner, *team, plain_text(objective.body)),
        objective.quarter,
        {"kind": [KIND_LABELS["objective"]], **shared, "status": _status(objective.status)},
    )]
    for kr in objective.key_results:
        records.append(Record(
            urls.of(kr), "key-result", kr.title,
            _join(kr.id, kr.metric, kr.unit, plain_text(kr.description),
                  *(checkin.note for checkin in kr.checkins)),
            objective.title,
            {"kind": [KIND_LABELS["key-result"]], **shared, "status": _status(getattr(kr, "status", None))},
        ))
    for hypothesis in objective.hypotheses:
        records.append(Record(
            urls.of(hypothesis), "hypothesis", hypothesis.statement,
            _join(hypothesis.id, plain_text(hypothesis.description)),
            objective.title,
            {"kind": [KIND_LABELS["hypothesis"]], **shared, "status": _status(hypothesis.status)},
        ))
    return records


def _milestone(site: Site, milestone: Milestone) -> list[Record]:
    team = _team(site, milestone.team_id)
    quarters = _quarters(site, milestone.start, milestone.end)
    kind_type = [TYPE_LABELS.get(milestone.type, milestone.type)]
    records = [Record(
        urls.of(milestone), "milestone", milestone.title,
        _join(milestone.id, milestone.owner, *team, milestone.cluster, plain_text(milestone.body)),
        ", ".join(site.objectives[o].title for o in milestone.objective_ids if o in site.objectives),
        {"kind": [KIND_LABELS["milestone"]], "quarter": quarters, "team": team, "type": kind_type,
         "status": _status(milestone.status)},
    )]
    for task in milestone.tasks:
        records.append(Record(
            urls.of(task), "task", task.title,
            _join(task.id, task.assignee, plain_text(task.description)),
            milestone.title,
            {"kind": [KIND_LABELS["task"]], "quarter": quarters, "team": team, "type": kind_type,
             "status": _status(task.status)},
        ))
    return records


def records(site: Site) -> list[Record]:
    """Every searchable thing of the site, in a stable order (the index is deterministic)."""
    found: list[Record] = []
    for objective in sorted(site.objectives.values(), key=lambda o: o.id):
        found += _objective(site, objective)
    for milestone in sorted(site.milestones.values(), key=lambda m: m.id):
        found += _milestone(site, milestone)
    for team in sorted(site.teams.values(), key=lambda t: t.id):
        found.append(Record(
            urls.of(team), "team", team.name,
            _join(team.id, team.lead, *team.members, plain_text(team.body)),
            filters={"kind": [KIND_LABELS["team"]]},
        ))
    for page in sorted(site.pages.values(), key=lambda p: p.id):
        found.append(Record(
            urls.of(page), "page", page.title, _join(page.description, plain_text(page.body)),
            filters={"kind": [KIND_LABELS["page"]]},
        ))
    for record in found:
        record.filters = {name: values for name, values in record.filters.items() if values}
    return found
