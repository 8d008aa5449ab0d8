"""The linked model: plain dataclasses the link stage fills and the render stage reads.

References are stored as ids (strings) and looked up through `Site`, so the model has no
cycles of object references and can be compared, serialised and rebuilt cheaply.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from okrsite.calendar import Period, Quarter
from okrsite.config import SiteConfig
from okrsite.diagnostics import Diagnostic, Location
from okrsite.page_inputs import Body


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
    weight: float = 1.0            # share of the objective's progress and grade
    status: str | None = None      # on-track | at-risk | off-track | done | dropped
    grade: float | None = None     # the final score, 0..1, set when the period ends
    ignore_rules: tuple[str, ...] = ()

    @property
    def is_numeric(self) -> bool:
        return self.start is not None and self.target is not None

    @property
    def dropped(self) -> bool:
        return self.status == "dropped"


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
    body: str = Body("o")  # Markdown; page_inputs notes who reads it
    body_line: int = 1
    key_results: list[KeyResult] = field(default_factory=list)
    hypotheses: list[Hypothesis] = field(default_factory=list)
    progress: float = 0.0
    milestone_ids: list[str] = field(default_factory=list)
    mentioned_in: list[str] = field(default_factory=list)
    period: Period | None = None   # what `quarter` names: a quarter, half or fiscal year
    commitment: str = "committed"  # committed | aspirational
    parent_id: str | None = None   # the objective it contributes to
    children: list[str] = field(default_factory=list)  # objectives that name it as parent
    grade: float | None = None     # weighted mean of its graded key results' grades
    ignore_rules: tuple[str, ...] = ()

    @property
    def counted_krs(self) -> list[KeyResult]:
        """The key results in its roll-ups: all but the dropped ones."""
        return [kr for kr in self.key_results if not kr.dropped]


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
    ignore_rules: tuple[str, ...] = ()


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
    body: str = Body("m")  # Markdown; page_inputs notes who reads it
    body_line: int = 1
    tasks: list[Task] = field(default_factory=list)
    completion: float = 0.0
    depended_on_by: list[str] = field(default_factory=list)
    mentioned_in: list[str] = field(default_factory=list)
    objective_ids: list[str] = field(default_factory=list)  # the objectives of its KRs
    ignore_rules: tuple[str, ...] = ()

    @property
    def scheduled(self) -> bool:
        return self.start is not None and self.end is not None

    @property
    def candidate(self) -> bool:
        """An idea from the workshop, not planned yet: in no roll-up, drawn nowhere."""
        return self.status == "candidate"


@dataclass
class Team:
    id: str
    name: str
    path: str
    body: str = Body("t")  # Markdown; page_inputs notes who reads it
    body_line: int = 1
    lead: str = ""
    members: list[str] = field(default_factory=list)
    objective_ids: list[str] = field(default_factory=list)
    milestone_ids: list[str] = field(default_factory=list)
    mentioned_in: list[str] = field(default_factory=list)
    ignore_rules: tuple[str, ...] = ()


@dataclass
class Page:
    id: str
    title: str
    path: str
    description: str = ""
    weight: int = 0
    body: str = Body("p")  # Markdown; page_inputs notes who reads it
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
    # The site uses the planning model of part 2 (an okr:/rules: block, or any field of
    # sections 12-13). Only then do pages show commitments, reviews and /alignment/, and
    # roadmap.json its part-2 fields: a site written for part 1 builds exactly as before.
    planning: bool = False
    history: object = None              # history.derive.SiteHistory when read from git, else None

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
