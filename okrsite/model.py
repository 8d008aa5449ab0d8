"""The linked model: plain dataclasses the link stage fills and the render stage reads.

References are stored as ids (strings) and looked up through `Site`, so the model has no
cycles of object references and can be compared, serialised and rebuilt cheaply.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from okrsite.calendar import Quarter
from okrsite.config import SiteConfig
from okrsite.diagnostics import Diagnostic, Location


@dataclass
class Checkin:
    date: dt.date
    value: float
    confidence: float | None = None
    note: str = ""


@dataclass
class KeyResult:
    id: str                 # "build-trust/kr1"
    local_id: str
    objective_id: str
    title: str
    metric: str = ""
    start: float | None = None
    target: float | None = None
    current: float | None = None   # as written, else latest check-in, else start
    unit: str = ""
    confidence: float | None = None
    description: str = ""
    checkins: list[Checkin] = field(default_factory=list)  # sorted by date
    progress: float = 0.0
    milestone_ids: list[str] = field(default_factory=list)
    hypothesis_ids: list[str] = field(default_factory=list)
    location: Location | None = None

    @property
    def is_numeric(self) -> bool:
        return self.start is not None and self.target is not None


@dataclass
class Hypothesis:
    id: str                 # "build-trust/h1"
    local_id: str
    objective_id: str
    statement: str
    status: str = "untested"
    description: str = ""
    key_result_ids: list[str] = field(default_factory=list)
    milestone_ids: list[str] = field(default_factory=list)
    location: Location | None = None


@dataclass
class Objective:
    id: str
    title: str
    quarter: str
    path: str               # source file, site-relative
    team_id: str | None = None
    owner: str = ""
    status: str | None = None
    body: str = ""
    body_line: int = 1
    key_results: list[KeyResult] = field(default_factory=list)
    hypotheses: list[Hypothesis] = field(default_factory=list)
    progress: float = 0.0
    milestone_ids: list[str] = field(default_factory=list)
    mentioned_in: list[str] = field(default_factory=list)


@dataclass
class Task:
    id: str                 # "share-referrals/design-form"
    local_id: str
    milestone_id: str
    title: str
    status: str = "todo"
    assignee: str = ""
    sprint: str | None = None
    estimate: float | None = None
    description: str = ""
    path: str = ""          # the file it is written in
    location: Location | None = None


@dataclass
class Milestone:
    id: str
    title: str
    type: str
    path: str
    key_result_ids: list[str] = field(default_factory=list)
    hypothesis_id: str | None = None
    team_id: str | None = None
    owner: str = ""
    sprint_ids: tuple[str, ...] = ()      # (first, last) as written, () when dated or unscheduled
    start: dt.date | None = None          # from sprints or start:
    end: dt.date | None = None            # inclusive; from sprints or due:
    status: str = "planned"
    depends_on: list[str] = field(default_factory=list)
    votes: int | None = None
    cluster: str = ""
    body: str = ""
    body_line: int = 1
    tasks: list[Task] = field(default_factory=list)
    completion: float = 0.0
    depended_on_by: list[str] = field(default_factory=list)
    mentioned_in: list[str] = field(default_factory=list)
    objective_ids: list[str] = field(default_factory=list)  # the objectives of its KRs

    @property
    def scheduled(self) -> bool:
        return self.start is not None and self.end is not None


@dataclass
class Team:
    id: str
    name: str
    path: str
    body: str = ""          # its description: Markdown
    body_line: int = 1
    lead: str = ""
    members: list[str] = field(default_factory=list)
    objective_ids: list[str] = field(default_factory=list)
    milestone_ids: list[str] = field(default_factory=list)
    mentioned_in: list[str] = field(default_factory=list)


@dataclass
class Page:
    id: str
    title: str
    path: str
    description: str = ""
    weight: int = 0
    body: str = ""
    body_line: int = 1
    mentioned_in: list[str] = field(default_factory=list)


@dataclass
class Site:
    """Everything the render stage needs, resolved and rolled up."""

    config: SiteConfig
    objectives: dict[str, Objective]
    milestones: dict[str, Milestone]
    teams: dict[str, Team]
    pages: dict[str, Page]
    key_results: dict[str, KeyResult]
    hypotheses: dict[str, Hypothesis]
    tasks: dict[str, Task]
    quarters: list[Quarter]             # every quarter the site has content in, plus today's
    current_quarter: Quarter
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def entity(self, entity_id: str):
        for table in (self.objectives, self.milestones, self.teams, self.pages,
                      self.key_results, self.hypotheses, self.tasks):
            if entity_id in table:
                return table[entity_id]
        return None


KIND_OF = {
    Objective: "objective", Milestone: "milestone", Team: "team", Page: "page",
    KeyResult: "key result", Hypothesis: "hypothesis", Task: "task",
}


def kind_of(entity) -> str:
    return KIND_OF[type(entity)]
