"""Link stage: valid documents -> the resolved `Site` model, with the checks of spec section 8.

The work is a named, ordered list of rules (like markdown-it's rule chains): each reads the
model built so far, may add to it, and reports diagnostics under its own codes.
"""

from __future__ import annotations

import bisect
import collections
import copy
import dataclasses
import datetime as dt
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Iterable

from okrsite import ecma_regex, urls
from okrsite.calendar import Quarter
from okrsite.config import SiteConfig
from okrsite.diagnostics import Diagnostic, Hints, Location, Severity, quote, shorten, sorted_diagnostics
from okrsite.load import Document
from okrsite.markdown import extract_links
from okrsite.validate import schema
from okrsite.model import (
    Checkin, Hypothesis, KeyResult, Milestone, Objective, Page, Site, Task, Team, kind_of,
)
from okrsite import planning
from okrsite.natural import natural_key

# The schema's id pattern, applied as JSON Schema means it (ECMA-262: "$" refuses a final newline),
# and its length limit (an id names a folder of the published site).
ID_PATTERN = ecma_regex.compile(schema("common")["$defs"]["id"]["pattern"])
MAX_ID_LENGTH = schema("common")["$defs"]["id"]["maxLength"]


def is_id(text: str) -> bool:
    """Whether `text` is a valid id: the schema's pattern and length."""
    return len(text) <= MAX_ID_LENGTH and ID_PATTERN.match(text) is not None


def id_suggestion(text: str) -> str:
    """A valid id made from `text` (a file name, a title), or "" when nothing of it is usable."""
    return slug(text)[:MAX_ID_LENGTH].strip("-")
PAGE_KINDS = ("objective", "milestone", "team", "page")


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass
class Linker:
    """State shared by the rules of one link run; discarded afterwards."""

    config: SiteConfig
    documents: list[Document]
    unavailable: dict[str, str | None]         # ids claimed by invalid documents -> their kind
    site: Site = None  # type: ignore[assignment]
    invalid: list[Document] = field(default_factory=list)  # documents that failed to load or validate
    partial: set[str] = field(default_factory=set)  # entities with a reference into an invalid document
    file_lines: dict[str, list[str] | None] = field(default_factory=dict)
    doc_of: dict[str, Document] = field(default_factory=dict)   # entity id -> its document
    index: dict[str, object] = field(default_factory=dict)      # every id, nested ones as P/L
    where: dict[str, Location] = field(default_factory=dict)    # id -> where it is defined
    diagnostics: list[Diagnostic] = field(default_factory=list)
    task_paths: dict[str, tuple[Document, tuple]] = field(default_factory=dict)
    hints: Hints = field(default_factory=Hints)     # "did you mean" within a budget
    mentions: set[tuple[str, str]] = field(default_factory=set)  # (owner, source) pairs of mentioned_in
    _children: dict | None = None
    _by_local: dict | None = None

    def report(self, code: str, message: str, location: Location) -> None:
        self.diagnostics.append(Diagnostic(code, message, location))

    def off(self, rule_id: str) -> bool:
        return self.config.rules.severity(rule_id) == "off"

    def rule(self, rule_id: str, message: str, location: Location, *subjects) -> None:
        """Report health rule `rule_id` (okrsite/rules.py) at the severity this site gives it,
        unless it is off or one of `subjects` (the entity and those it is nested in) ignores it."""
        severity = self.config.rules.severity(rule_id)
        if severity == "off" or any(rule_id in s.ignore_rules for s in subjects if s is not None):
            return
        self.diagnostics.append(Diagnostic(rule_id, message, location, Severity(severity)))

    def loc(self, entity_id: str, path: tuple = (), key: bool = False) -> Location:
        document = self.doc_of[entity_id]
        return document.source.locate(path, key=key)

    # --- references ---------------------------------------------------------------------
    def resolve(self, ref: str, expected: tuple[str, ...], location: Location, field_name: str,
                local_parent: str | None = None):
        """The entity `ref` names if it is of an `expected` kind; else report and return None."""
        candidates = [ref]
        if local_parent and "/" not in ref:
            candidates.insert(0, f"{local_parent}/{ref}")
        for candidate in candidates:
            entity = self.index.get(candidate)
            if entity is None:
                continue
            kind = kind_of(entity)
            if kind in expected:
                return entity
            wanted = " or ".join(expected)
            options = [i for i, e in self.children().get(ref, ()) if kind_of(e) in expected]
            if "objective" in expected and getattr(entity, "objective_id", None):
                options = [entity.objective_id]  # `parent: company/kr1` means that KR's objective
            hint = f"; did you mean {quote(options[0])}?" if options else self.hint(ref, expected)
            self.report("wrong-kind-ref", f"{field_name}: {quote(ref)} is {_article(kind)}, not {_article(wanted)}{hint}", location)
            return None
        if self.is_unavailable(ref):
            return None  # its own file has errors, reported there
        wanted = " or ".join(expected)
        hint = self.hint(ref, expected, local_parent)
        if not hint and local_parent:
            hint = self.hint(f"{local_parent}/{ref}", expected)
        if not hint and "/" not in ref:
            hint = _full_id_hint(ref, self.children_by_local().get(ref, ()), expected)
        self.report("unknown-ref", f"{field_name}: no {wanted} has the id {quote(ref)}{hint}", location)
        return None

    def is_unavailable(self, ref: str) -> bool:
        """Whether `ref` names (something inside) a document that failed to load or validate."""
        return ref in self.unavailable or ref.split("/", 1)[0] in self.unavailable

    def hint(self, word: str, kinds: tuple[str, ...] | None, local_parent: str | None = None) -> str:
        """"; did you mean ...?" among the ids of these kinds (None: all ids), valid ones and those
        of invalid documents, and the local ids inside `local_parent`; "" when none is close
        or the run's budget for hints is spent (see diagnostics.Hints)."""
        size = len(self.index) + len(self.unavailable)

        def make() -> list[str]:
            ids = [i for i, e in self.index.items() if kinds is None or kind_of(e) in kinds]
            ids += [i for i, kind in self.unavailable.items() if kinds is None or kind in kinds]
            if local_parent:
                ids += [i.split("/", 1)[1] for i, e in self.children().get(local_parent, ())
                        if kinds is None or kind_of(e) in kinds]
            return ids
        return self.hints.did_you_mean(word, (kinds, local_parent), make, size)

    def children(self) -> dict[str, list[tuple[str, object]]]:
        """Nested ids by parent: `build-trust` -> [("build-trust/kr1", kr), ...] (made once)."""
        if self._children is None:
            self._children = {}
            for entity_id, entity in self.index.items():
                parent, slash, _ = entity_id.partition("/")
                if slash:
                    self._children.setdefault(parent, []).append((entity_id, entity))
        return self._children

    def children_by_local(self) -> dict[str, list[tuple[str, object]]]:
        """Nested ids by local id: `kr1` -> [("build-trust/kr1", kr), ...] (made once)."""
        if self._by_local is None:
            self._by_local = {}
            for entity_id, entity in self.index.items():
                _, slash, local = entity_id.partition("/")
                if slash:
                    self._by_local.setdefault(local, []).append((entity_id, entity))
        return self._by_local

    def lines(self, path: str) -> list[str] | None:
        """A content file's lines as written (for positions inside YAML strings); read on demand."""
        if path not in self.file_lines:
            try:
                raw = (self.config.site_dir / path).read_bytes().decode("utf-8-sig")
                self.file_lines[path] = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            except (OSError, UnicodeDecodeError):
                self.file_lines[path] = None
        return self.file_lines[path]


def _full_id_hint(ref: str, nested: Iterable[tuple[str, object]], kinds: tuple[str, ...] | None) -> str:
    """A local id used outside its parent's file: suggest the full PARENT/LOCAL id (`nested`:
    the ids whose local part is `ref`)."""
    matches = sorted(i for i, e in nested if kinds is None or kind_of(e) in kinds)
    return f"; did you mean {quote(matches[0])}?" if matches else ""


def _article(kind: str) -> str:
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# --- rule: entities --------------------------------------------------------------------

def _entity_id(linker: Linker, document: Document) -> str | None:
    data = document.data or {}
    if "id" in data:
        return data["id"]
    stem = document.stem
    if is_id(stem):
        return stem
    suggestion = id_suggestion(stem) or "a-name"
    why = (f"is longer than {MAX_ID_LENGTH} characters, the most an id may have" if len(stem) > MAX_ID_LENGTH
           else "is not a valid id (lowercase words joined by '-')")
    linker.report(
        "schema",
        f"the file name {quote(stem)} {why}; "
        f"rename the file to {quote(suggestion + document.path[document.path.rfind('.'):])} or set id: {shorten(suggestion)}",
        Location(document.path, 1, 1),
    )
    return None


def _register(linker: Linker, entity_id: str, entity, location: Location) -> bool:
    if entity_id in linker.index:
        first = linker.where[entity_id]
        linker.report(
            "duplicate-id",
            f"the id {quote(entity_id)} is already used by {_article(kind_of(linker.index[entity_id]))} "
            f"at {first.file}:{first.line}; ids are unique across the site, rename one of them",
            location,
        )
        return False
    linker.index[entity_id] = entity
    linker.where[entity_id] = location
    return True


def rule_entities(linker: Linker) -> None:
    """Create an object per document and per nested entity, and index every id."""
    site = linker.site
    order = {"team": 0, "page": 1, "objective": 2, "milestone": 3, "task": 4}
    standalone_tasks: list[tuple[Document, str]] = []
    for document in sorted(linker.documents, key=lambda d: (order[d.kind], d.path)):
        entity_id = _entity_id(linker, document)
        if entity_id is None:
            continue
        data = document.data
        id_loc = document.source.locate(("id",)) if "id" in data else Location(document.path, 1, 1)
        if document.kind == "task":
            standalone_tasks.append((document, entity_id))
            continue
        entity = _make_entity(document, entity_id, linker.config)
        if not _register(linker, entity_id, entity, id_loc):
            continue
        linker.doc_of[entity_id] = document
        getattr(site, document.kind + "s")[entity_id] = entity
        if isinstance(entity, Objective):
            _nested_okrs(linker, document, entity)
        elif isinstance(entity, Milestone):
            for index, task_data in enumerate(data.get("tasks", [])):
                _add_task(linker, entity, task_data, document, ("tasks", index), index)
    for document, entity_id in standalone_tasks:
        milestone = linker.resolve(
            document.data["milestone"], ("milestone",), document.source.locate(("milestone",)), "milestone")
        if milestone is None:
            continue
        # A task file belongs to its milestone "exactly as if it were nested": its id (the file
        # stem or `id:`) is local to that milestone, referenced as MILESTONE/ID.
        _add_task(linker, milestone, {**document.data, "id": entity_id}, document, (), None)


def _make_entity(document: Document, entity_id: str, config: SiteConfig):
    data, path = document.data, document.path
    body = document.body if document.body.strip() else data.get("description", "")
    body_line = document.body_line if document.body.strip() else document.source.locate(("description",)).line
    ignore = tuple(data.get("ignore_rules", ()))
    if document.kind == "objective":
        quarter = str(data["quarter"])  # `quarter: 2026` is read as a number
        return Objective(entity_id, data["title"], quarter, path, data.get("team"),
                         data.get("owner", ""), data.get("status"), body, body_line,
                         period=config.calendar.period(quarter),
                         commitment=data.get("commitment", config.default_commitment),
                         parent_id=data.get("parent"), ignore_rules=ignore)
    if document.kind == "milestone":
        return Milestone(
            entity_id, data["title"], data["type"], path,
            hypothesis_id=data.get("hypothesis"), team_id=data.get("team"), owner=data.get("owner", ""),
            status=data.get("status", "planned"), depends_on=list(data.get("depends_on", [])),
            votes=data.get("votes"), cluster=data.get("cluster", ""), body=body, body_line=body_line,
            ignore_rules=ignore,
        )
    if document.kind == "team":
        return Team(entity_id, data["name"], path, body, body_line, data.get("lead", ""), list(data.get("members", [])),
                    ignore_rules=ignore)
    return Page(entity_id, data["title"], path, data.get("description", ""), data.get("weight", 0),
                document.body, document.body_line)


def _nested_okrs(linker: Linker, document: Document, objective: Objective) -> None:
    for index, kr_data in enumerate(document.data["key_results"]):
        kr_id = f"{objective.id}/{kr_data['id']}"
        location = document.source.locate(("key_results", index, "id"))
        checkins = _checkins(kr_data)
        kr = KeyResult(
            kr_id, kr_data["id"], objective.id, kr_data["title"], kr_data.get("metric", ""),
            kr_data.get("start"), kr_data.get("target"), kr_data.get("current"), kr_data.get("unit", ""),
            kr_data.get("confidence"), kr_data.get("description", ""), checkins, location=location,
            weight=kr_data.get("weight", 1.0), status=kr_data.get("status"), grade=kr_data.get("grade"),
            ignore_rules=tuple(kr_data.get("ignore_rules", ())),
        )
        if kr.current is None and kr.is_numeric:
            kr.current = checkins[-1].value if checkins else kr.start
        if _register(linker, kr_id, kr, location):
            objective.key_results.append(kr)
            linker.site.key_results[kr_id] = kr
    for index, h_data in enumerate(document.data.get("hypotheses", [])):
        h_id = f"{objective.id}/{h_data['id']}"
        location = document.source.locate(("hypotheses", index, "id"))
        hypothesis = Hypothesis(h_id, h_data["id"], objective.id, h_data["statement"],
                                h_data.get("status", "untested"), h_data.get("description", ""),
                                location=location)
        if _register(linker, h_id, hypothesis, location):
            objective.hypotheses.append(hypothesis)
            linker.site.hypotheses[h_id] = hypothesis


def _checkins(kr_data: dict) -> list[Checkin]:
    return sorted((Checkin(dt.date.fromisoformat(c["date"]), c["value"], c.get("confidence"), c.get("note", ""))
                   for c in kr_data.get("checkins", [])), key=lambda c: c.date)


def _add_task(linker: Linker, milestone: Milestone, data: dict, document: Document, path: tuple,
              index: int | None) -> Task | None:
    local = data.get("id") or slug(data["title"]) or f"task-{(index or 0) + 1}"
    task_id = f"{milestone.id}/{local}"
    location = document.source.locate(path + ("id",) if "id" in data and path else path + ("title",))
    if not path:
        location = document.source.locate(("id",)) if "id" in document.data else Location(document.path)
    task = Task(task_id, local, milestone.id, data["title"], data.get("status", "todo"),
                data.get("assignee", ""), data.get("sprint"), data.get("estimate"),
                data.get("description", document.body if not path else ""), document.path, location,
                tuple(data.get("ignore_rules", ())))
    if task_id in linker.index:
        first = linker.where[task_id]
        hint = "; give one of them an id:" if "id" not in data or not path and "id" not in document.data else ""
        linker.report("duplicate-id", f"milestone {quote(milestone.id)} already has a task {quote(local)} "
                      f"(at {first.file}:{first.line}){hint}", location)
        return None
    linker.index[task_id] = task
    linker.where[task_id] = location
    linker.task_paths[task_id] = (document, path)
    milestone.tasks.append(task)
    linker.site.tasks[task_id] = task
    return task


# --- rule: references -------------------------------------------------------------------

def rule_references(linker: Linker) -> None:
    """Resolve every id written in a field; fill the two-way links between entities."""
    site = linker.site
    for objective in site.objectives.values():
        document = linker.doc_of[objective.id]
        if objective.team_id and linker.resolve(objective.team_id, ("team",), document.source.locate(("team",)), "team"):
            site.teams[objective.team_id].objective_ids.append(objective.id)
        if objective.parent_id:
            _resolve_parent(linker, objective, document)
        for h_index, hypothesis in enumerate(objective.hypotheses):
            refs = document.data["hypotheses"][h_index].get("key_results", [])
            tested = set(hypothesis.key_result_ids)  # sets beside the lists: a list of n ids is read once
            for r_index, ref in enumerate(refs):
                location = document.source.locate(("hypotheses", h_index, "key_results", r_index))
                kr = linker.resolve(ref, ("key result",), location, "key_results", local_parent=objective.id)
                if kr is not None and kr.id not in tested:
                    tested.add(kr.id)
                    hypothesis.key_result_ids.append(kr.id)
                    kr.hypothesis_ids.append(hypothesis.id)
    for milestone in site.milestones.values():
        document = linker.doc_of[milestone.id]
        data = document.data
        if milestone.team_id and linker.resolve(milestone.team_id, ("team",), document.source.locate(("team",)), "team"):
            site.teams[milestone.team_id].milestone_ids.append(milestone.id)
        served, objectives = set(milestone.key_result_ids), set(milestone.objective_ids)
        for index, ref in enumerate(data.get("key_results", ())):  # a candidate may have none
            kr = linker.resolve(ref, ("key result",), document.source.locate(("key_results", index)), "key_results")
            if kr is None and linker.is_unavailable(ref):
                linker.partial.add(milestone.id)  # serves an objective we cannot see: no quarter warnings
            if kr is not None and kr.id not in served:
                served.add(kr.id)
                milestone.key_result_ids.append(kr.id)
                kr.milestone_ids.append(milestone.id)
                if kr.objective_id not in objectives:
                    objectives.add(kr.objective_id)
                    milestone.objective_ids.append(kr.objective_id)
                    site.objectives[kr.objective_id].milestone_ids.append(milestone.id)
        if milestone.hypothesis_id:
            hypothesis = linker.resolve(milestone.hypothesis_id, ("hypothesis",),
                                        document.source.locate(("hypothesis",)), "hypothesis")
            if hypothesis is None:
                milestone.hypothesis_id = None
            else:
                hypothesis.milestone_ids.append(milestone.id)
        resolved: dict[str, None] = {}
        for index, ref in enumerate(milestone.depends_on):
            location = document.source.locate(("depends_on", index))
            if ref == milestone.id:
                linker.report("dependency-cycle", f"depends_on: milestone {quote(ref)} depends on itself", location)
                continue
            dependency = linker.resolve(ref, ("milestone",), location, "depends_on")
            if dependency is not None and ref not in resolved:
                resolved[ref] = None
                dependency.depended_on_by.append(milestone.id)
        milestone.depends_on = list(resolved)


def _resolve_parent(linker: Linker, objective: Objective, document: Document) -> None:
    location = document.source.locate(("parent",))
    ref = objective.parent_id
    objective.parent_id = None
    if ref == objective.id:
        linker.report("parent-cycle", f"parent: objective {quote(ref)} names itself; an objective contributes "
                      "to another one: name that one, or remove parent", location)
        return
    parent = linker.resolve(ref, ("objective",), location, "parent")
    if parent is not None:
        objective.parent_id = parent.id
        parent.children.append(objective.id)


def rule_body_links(linker: Linker) -> None:
    """`[[id]]` and relative `.md` links in Markdown: must resolve; they make "mentioned in".

    Markdown lives in bodies (positions map line for line) and in YAML strings (`description:`
    of KRs, hypotheses, tasks, teams), where each link is found again in the file as written.
    """
    site = linker.site
    by_path = {document.path: entity_id for entity_id, document in linker.doc_of.items()}
    task_by_path = {task.path: task for task in site.tasks.values() if task.path not in by_path}
    invalid_paths = {document.path for document in linker.invalid}
    context = (by_path, task_by_path, invalid_paths)
    entities = [*site.objectives.values(), *site.milestones.values(), *site.teams.values(), *site.pages.values()]
    for entity in entities:
        document = linker.doc_of[entity.id]
        local_parent = entity.id if isinstance(entity, (Objective, Milestone)) else None
        if document.body.strip():
            _links_in(linker, entity, entity.body, document, entity.body_line, None, local_parent, context)
        elif entity.body:  # the `description:` field stands in for the body
            _links_in(linker, entity, entity.body, document, None, ("description",), local_parent, context)
        if isinstance(entity, Objective):
            for group, items in (("key_results", entity.key_results), ("hypotheses", entity.hypotheses)):
                for index, item in enumerate(items):
                    if item.description:
                        _links_in(linker, entity, item.description, document, None,
                                  (group, index, "description"), local_parent, context)
        elif isinstance(entity, Milestone):
            for index, task_data in enumerate(document.data.get("tasks", [])):
                if task_data.get("description"):
                    _links_in(linker, entity, task_data["description"], document, None,
                              ("tasks", index, "description"), local_parent, context)
    for task in site.tasks.values():
        if task.description and task.path not in by_path:
            document, _ = linker.task_paths[task.id]
            milestone = site.milestones[task.milestone_id]
            if "description" in document.data:
                _links_in(linker, milestone, task.description, document, None, ("description",), None, context)
            else:
                _links_in(linker, milestone, task.description, document, document.body_line, None, None, context)


def _links_in(linker: Linker, source, text: str, document: Document, first_line: int | None,
              yaml_path: tuple | None, local_parent: str | None, context: tuple) -> None:
    """Check the links of one Markdown text: a body from `first_line`, or the YAML string at `yaml_path`."""
    refs = extract_links(text, document.path)
    if not refs:
        return
    in_yaml = _InYaml(linker, document, yaml_path, text) if yaml_path is not None else None
    for ref in refs:
        if in_yaml is None:
            location = Location(document.path, first_line + ref.line - 1, ref.column, ref.length)
        else:
            location = in_yaml.locate(ref)
        _body_link(linker, source, ref, location, local_parent, *context)


class _InYaml:
    """Where the links of a YAML string are written: block scalars (`|`), folding and
    indentation move them away from the string's own position, so each is found again in the
    file as written, searching on from the previous one (links come in order): the string is
    read once, however many links it has (issue 9: "linear in the input")."""

    def __init__(self, linker: Linker, document: Document, path: tuple, text: str):
        self.document = document
        self.start = document.source.locate(path)
        self.text_lines = text.split("\n")
        self.lines = linker.lines(document.path) or []
        self.last = min(len(self.lines), self.start.line + len(self.text_lines) + 2)
        self.line, self.column = self.start.line, self.start.column - 1

    def locate(self, ref) -> Location:
        line_text = self.text_lines[ref.line - 1] if ref.line <= len(self.text_lines) else ""
        needle = line_text[ref.column - 1: ref.column - 1 + ref.length]
        if needle and self.line <= self.last:
            number, column = self.line, self.column
            while number <= self.last:
                found = self.lines[number - 1].find(needle, column)
                if found >= 0:
                    self.line, self.column = number, found + len(needle)
                    return Location(self.document.path, number, found + 1, ref.length)
                number, column = number + 1, 0
            self.line = self.last + 1  # written otherwise (escapes): stop searching this string
        start = self.start
        return Location(self.document.path, start.line, start.column, start.length)


def _body_link(linker: Linker, source, ref, location: Location, local_parent: str | None,
               by_path: dict, task_by_path: dict, invalid_paths: set) -> None:
    target = _link_target(linker, ref, location, local_parent, by_path, task_by_path, invalid_paths)
    if target is None:
        return
    owner = _page_owner(linker.site, target)
    if owner is not None and owner is not source and (owner.id, source.id) not in linker.mentions:
        linker.mentions.add((owner.id, source.id))  # a set: a list test per link is n^2 for n sources
        owner.mentioned_in.append(source.id)


def _link_target(linker: Linker, ref, location: Location, local_parent: str | None,
                 by_path: dict, task_by_path: dict, invalid_paths: set):
    """The entity a body link leads to; None (reported, unless its file is invalid) when none."""
    if ref.kind == "wiki":
        target = None
        if local_parent and "/" not in ref.target:  # a local id inside its parent's own file
            target = linker.index.get(f"{local_parent}/{ref.target}")
        if target is None:
            target = linker.index.get(ref.target)
        if target is None:
            if not linker.is_unavailable(ref.target):
                hint = linker.hint(ref.target, None, local_parent)
                if not hint and "/" not in ref.target:
                    hint = _full_id_hint(ref.target, linker.children_by_local().get(ref.target, ()), None)
                linker.report("unknown-ref", f"[[{shorten(ref.target)}]] links to nothing{hint}", location)
            return None
    else:
        target_id = by_path.get(ref.target)
        target = linker.index.get(target_id) if target_id else task_by_path.get(ref.target)
        if target is None:
            if ref.target in invalid_paths:
                return None  # the linked file has errors of its own, reported there
            near = linker.hints.did_you_mean(ref.target, "paths", lambda: [*by_path, *invalid_paths],
                                             len(by_path) + len(invalid_paths))
            linker.report("unknown-ref", f"the link to {quote(ref.target)} does not lead to a content file{near}", location)
            return None
    return target


def _page_owner(site: Site, entity):
    """The entity whose page shows `entity`: KRs and hypotheses live on objectives, tasks on milestones."""
    if isinstance(entity, (KeyResult, Hypothesis)):
        return site.objectives.get(entity.objective_id)
    if isinstance(entity, Task):
        return site.milestones.get(entity.milestone_id)
    return entity


# --- rule: time -----------------------------------------------------------------------

def rule_schedule(linker: Linker) -> None:
    """Place milestones in time from sprints or dates; check sprint ids and date order."""
    calendar = linker.config.calendar
    for milestone in linker.site.milestones.values():
        document = linker.doc_of[milestone.id]
        if milestone.candidate and _candidate_problems(linker, milestone, document):
            continue
        _schedule(linker, milestone, document)
        for task in milestone.tasks:
            if task.sprint and calendar.sprint(task.sprint) is None:
                task_doc, path = linker.task_paths[task.id]
                _unknown_sprint(linker, task.sprint, task_doc.source.locate(path + ("sprint",)))
                task.sprint = None


def _schedule(linker: Linker, milestone: Milestone, document: Document) -> None:
    """One milestone's start and end, from its sprints or its dates (relink calls it alone)."""
    calendar = linker.config.calendar
    data = document.data
    if "sprints" in data:
        sprints = []
        for index, sprint_id in enumerate(data["sprints"]):
            sprint = calendar.sprint(sprint_id)
            if sprint is None:
                _unknown_sprint(linker, sprint_id, document.source.locate(("sprints", index)))
            sprints.append(sprint)
        if all(sprints):
            first, last = sprints[0], sprints[-1]
            if last.index < first.index:
                linker.report("bad-dates", f"sprints: the range runs backwards ({first.id} to {last.id}); "
                              f"write it as [{last.id}, {first.id}]", document.source.locate(("sprints",)))
            elif _not_too_long(linker, first.start, last.end, document.source.locate(("sprints",))):
                milestone.sprint_ids = (first.id, last.id)
                milestone.start, milestone.end = first.start, last.end
    elif "start" in data and "due" in data:
        start, due = _date(data["start"]), _date(data["due"])
        if due < start:
            linker.report("bad-dates", f"due ({due}) is before start ({start})", document.source.locate(("due",)))
        elif _not_too_long(linker, start, due, document.source.locate(("due",))):
            milestone.start, milestone.end = start, due


MAX_MILESTONE_DAYS = 3 * 365 + 1  # three years


def _not_too_long(linker: Linker, start: dt.date, end: dt.date, location: Location) -> bool:
    """A milestone lasts at most three years. Every quarter and year it overlaps gets a page
    listing it, so one file running 1900 to 2199 made 3,920 pages (167 MB, minutes), and n
    such milestones made n rows on each of them. A longer one is left unscheduled."""
    days = (end - start).days + 1
    if days <= MAX_MILESTONE_DAYS:
        return True
    linker.report("bad-dates", f"the milestone runs {days:,} days ({start} to {end}); a milestone lasts at most "
                  f"three years ({MAX_MILESTONE_DAYS:,} days): split it into milestones, or check the dates", location)
    return False


def _candidate_problems(linker: Linker, milestone: Milestone, document: Document) -> bool:
    """A candidate is an idea, not a plan: it names what it would serve and has no dates.
    True when it is scheduled anyway (it is then left unscheduled)."""
    data = document.data
    if not data.get("key_results") and not data.get("hypothesis"):
        linker.report("schema", "status: a candidate needs a hypothesis or key_results: say which hypothesis "
                      "it would test or which key result it would serve", document.source.locate(("status",)))
    scheduled = [key for key in ("sprints", "start", "due") if key in data]
    if scheduled:
        fields = " and ".join(scheduled)
        linker.report("schema", f"{scheduled[0]}: a candidate is not planned yet, so it has no {fields}; "
                      "remove them, or set status: planned when it is scheduled",
                      document.source.locate((scheduled[0],), key=True))
    return bool(scheduled)


def _unknown_sprint(linker: Linker, sprint_id: str, location: Location) -> None:
    calendar = linker.config.calendar
    if not calendar.has_sprints:
        linker.report("unknown-sprint", f"sprint {quote(sprint_id)}: okrsite.yaml defines no sprints; "
                      "add calendar.sprints (a start and length_days)", location)
    else:
        nearest = calendar.nearest_sprint(sprint_id)
        hint = (f"; did you mean {quote(nearest[0])}? ({nearest[1]})" if nearest else
                linker.hints.did_you_mean(sprint_id, "sprints", calendar.sprint_ids, 200))
        linker.report("unknown-sprint", f"the calendar has no sprint {quote(sprint_id)}{hint}", location)


def rule_cycles(linker: Linker) -> None:
    """depends_on must be acyclic: each group of milestones that depend on each other in a loop
    (a strongly connected component) is reported once, at its smallest member, with the
    shortest cycle through that member. Linear in milestones and dependencies (Tarjan's
    algorithm, iterative so long chains cannot overflow the stack); one cycle per back edge
    used to print up to n^2 names for n milestones."""
    milestones = linker.site.milestones
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in sorted(milestones):
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(milestones[root].depends_on))]
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in milestones:
                    continue
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(milestones[child].depends_on)))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                members = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.add(member)
                    if member == node:
                        break
                if len(members) > 1:
                    _report_cycle(linker, _shortest_cycle(milestones, members))


def _shortest_cycle(milestones: dict[str, Milestone], members: set[str]) -> list[str]:
    """The shortest cycle through the smallest member of a strongly connected group (breadth
    first, in depends_on order, so the same content always prints the same cycle)."""
    first = min(members)
    parent: dict[str, str] = {}
    queue = [first]
    for node in queue:  # the list grows while it is read: a queue without pops
        for child in milestones[node].depends_on:
            if child == first:
                cycle = [node]
                while cycle[-1] != first:
                    cycle.append(parent[cycle[-1]])
                return cycle[::-1]
            if child in members and child not in parent:
                parent[child] = node
                queue.append(child)
    return [first]  # unreachable for a strongly connected group


_CYCLE_SHOWN = 12  # members of a long cycle printed in its message


def _report_cycle(linker: Linker, cycle: list[str]) -> None:
    first = cycle[0]
    following = cycle[1] if len(cycle) > 1 else first
    document = linker.doc_of[first]
    raw_index = document.data["depends_on"].index(following)
    shown = cycle + [first]
    if len(cycle) > _CYCLE_SHOWN:
        head = cycle[:_CYCLE_SHOWN - 2]
        shown = head + [f"... ({len(cycle) - len(head) - 1:,} more)", cycle[-1], first]
    linker.report(
        "dependency-cycle",
        "depends_on forms a cycle: " + " -> ".join(shown) + "; remove one of these dependencies",
        document.source.locate(("depends_on", raw_index)),
    )


# --- rule: roll-ups ---------------------------------------------------------------------

def clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


def milestone_completion(milestone: Milestone) -> float:
    if milestone.status == "done":
        return 1.0
    if milestone.tasks:
        return sum(1 for t in milestone.tasks if t.status == "done") / len(milestone.tasks)
    return 0.0


def kr_progress(kr: KeyResult, milestones: dict[str, Milestone]) -> float:
    if kr.is_numeric:
        if kr.target == kr.start:
            return 1.0
        return clamp((kr.current - kr.start) / (kr.target - kr.start))
    serving = [milestones[m] for m in kr.milestone_ids if milestones[m].status not in ("dropped", "candidate")]
    if not serving:
        return 0.0
    return sum(m.completion for m in serving) / len(serving)


def weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    """Σ weight·value / Σ weight over (weight, value) pairs; None without pairs. With every
    weight 1 this is the plain mean of part 1, to the last bit."""
    if not pairs:
        return None
    return sum(weight * value for weight, value in pairs) / sum(weight for weight, _ in pairs)


def rule_rollups(linker: Linker) -> None:
    """Milestone completion -> KR progress -> objective progress and grade (sections 4 and 12):
    weighted means over the KRs that are not dropped; candidates count nowhere."""
    site = linker.site
    for milestone in site.milestones.values():
        milestone.completion = milestone_completion(milestone)
    for objective in site.objectives.values():
        for kr in objective.key_results:
            kr.progress = kr_progress(kr, site.milestones)
        counted = objective.counted_krs
        objective.progress = weighted_mean([(kr.weight, kr.progress) for kr in counted]) or 0.0
        objective.grade = weighted_mean([(kr.weight, kr.grade) for kr in counted if kr.grade is not None])


# --- rule: warnings ---------------------------------------------------------------------

def rule_coverage(linker: Linker) -> None:
    """Every KR needs a milestone: otherwise the OKR has no path to delivery.

    A milestone file with errors may be the one that serves a KR: the KRs it names are not
    warned about, and none are while a milestone file cannot be read at all. A dropped KR
    needs no milestone. A candidate names the KR it would serve, so it counts here (a workshop's
    import checks clean), though in no progress.
    """
    served_elsewhere: set[str] = set()
    for document in linker.invalid:
        if document.kind != "milestone":
            continue
        refs = document.data.get("key_results") if isinstance(document.data, dict) else None
        if not isinstance(refs, list):
            return  # unknowable until that file is fixed
        served_elsewhere.update(ref for ref in refs if isinstance(ref, str))
    if linker.off("kr-without-milestone"):
        return
    for objective in linker.site.objectives.values():
        if objective.status == "dropped":
            continue
        for kr in objective.key_results:
            if kr.id not in served_elsewhere:
                _coverage(linker, objective, kr)


def _coverage(linker: Linker, objective: Objective, kr: KeyResult) -> None:
    """kr-without-milestone for one key result of an objective that is not dropped."""
    if not kr.dropped and not any(linker.site.milestones[m].status != "dropped" for m in kr.milestone_ids):
        linker.rule("kr-without-milestone", f"key result {quote(kr.id)} has no milestone serving it; add its id to a "
                    "milestone's key_results", kr.location, kr, objective)


def rule_quarters(linker: Linker, milestones: Iterable[Milestone] | None = None) -> None:
    """outside-quarter for `milestones` (all by default; relink passes the one it moved)."""
    if linker.off("outside-quarter"):
        return
    for milestone in linker.site.milestones.values() if milestones is None else milestones:
        if not milestone.scheduled or not milestone.objective_ids or milestone.id in linker.partial:
            continue
        periods = [linker.site.objectives[o].period for o in milestone.objective_ids]
        if any(p.start <= milestone.end and milestone.start <= p.end for p in periods):
            continue
        names = ", ".join(sorted({p.id for p in periods}))
        noun = "quarter" if all(p.kind == "quarter" for p in periods) else "period"
        document = linker.doc_of[milestone.id]
        key = "sprints" if "sprints" in document.data else "start"
        linker.rule("outside-quarter",
                    f"milestone {quote(milestone.id)} runs {milestone.start} to {milestone.end}, wholly outside "
                    f"{names}, the {noun} of its key results' objectives", document.source.locate((key,)), milestone)


def rule_dependency_order(linker: Linker, checked: Iterable[Milestone] | None = None) -> None:
    """starts-before-dependency for `checked` (all by default; relink passes the one it moved
    and those depending on it)."""
    milestones = linker.site.milestones
    for milestone in milestones.values() if checked is None else checked:
        if not milestone.scheduled:
            continue
        document = linker.doc_of[milestone.id]
        written: dict[str, int] = {}  # where each id is first written (list.index per id: n^2)
        for position, ref in enumerate(document.data["depends_on"] if milestone.depends_on else ()):
            written.setdefault(ref, position)
        for dependency_id in milestone.depends_on:
            dependency = milestones[dependency_id]
            if dependency.scheduled and milestone.start <= dependency.end:
                index = written[dependency_id]
                linker.rule("starts-before-dependency",
                            f"milestone {quote(milestone.id)} starts {milestone.start}, before {quote(dependency_id)} "
                            f"it depends on is due ({dependency.end})", document.source.locate(("depends_on", index)),
                            milestone)


def rule_task_sprints(linker: Linker, milestones: Iterable[Milestone] | None = None) -> None:
    """task-outside-milestone for the tasks of `milestones` (all by default)."""
    calendar = linker.config.calendar
    for milestone in linker.site.milestones.values() if milestones is None else milestones:
        if not milestone.scheduled:
            continue
        for task in milestone.tasks:
            sprint = calendar.sprint(task.sprint) if task.sprint else None
            if sprint and (sprint.start > milestone.end or sprint.end < milestone.start):
                document, path = linker.task_paths[task.id]
                span = "-".join(dict.fromkeys(milestone.sprint_ids)) or f"{milestone.start} to {milestone.end}"
                linker.rule("task-outside-milestone",
                            f"task {quote(task.local_id)} is in sprint {sprint.id}, outside its milestone "
                            f"{quote(milestone.id)} ({span})", document.source.locate(path + ("sprint",)), task, milestone)


def rule_order(linker: Linker) -> None:
    """Stable, reader-friendly order for every list the pages show: ids in natural order
    (kep-127 before kep-1234, release-v1-9 before release-v1-10)."""
    site = linker.site
    # one key per milestone, not one per list it is in (an objective's, its team's, its KRs')
    def by_start(milestone_id: str) -> tuple:
        return site.milestones[milestone_id].start or dt.date.max, natural_key(milestone_id)

    for entity in [*site.objectives.values(), *site.teams.values(), *site.key_results.values(),
                   *site.hypotheses.values()]:
        entity.milestone_ids.sort(key=by_start)
    for team in site.teams.values():
        team.objective_ids.sort(key=_by_quarter(site))
    for objective in site.objectives.values():
        objective.children.sort(key=natural_key)
    for milestone in site.milestones.values():
        milestone.depended_on_by.sort(key=natural_key)
    for entity in [*site.objectives.values(), *site.milestones.values(), *site.teams.values(), *site.pages.values()]:
        entity.mentioned_in.sort(key=natural_key)


def _by_quarter(site: Site) -> Callable[[str], tuple]:
    """A team's objectives in rule_order's order: by period, then id."""
    return lambda objective_id: (site.objectives[objective_id].quarter, natural_key(objective_id))


def rule_quarter_list(linker: Linker) -> None:
    site, calendar = linker.site, linker.config.calendar
    quarters: set[Quarter] = {site.current_quarter}
    for objective in site.objectives.values():
        # a year or half objective shows on every quarter page of its period
        for quarter_id in objective.period.quarters if objective.period else ():
            quarters.add(calendar.quarter(quarter_id))
    spans = {(milestone.start, milestone.end) for milestone in site.milestones.values() if milestone.scheduled}
    for start, end in spans:  # milestones share sprints: each span once (relink asks on every move)
        quarters.update(calendar.quarters_between(start, end))
    site.quarters = sorted(quarters)


def rule_page_ids(linker: Linker) -> None:
    """A free page's URL is /<id>/: it must not take the address of a built-in page."""
    for page in linker.site.pages.values():
        if page.id in urls.RESERVED:
            document = linker.doc_of[page.id]
            where = document.source.locate(("id",)) if "id" in document.data else Location(page.path)
            linker.report("duplicate-id", f"the page id {quote(page.id)} is taken by the site's own /{page.id}/ "
                          "address; rename the file or set another id:", where)


RULES: list[tuple[str, Callable[[Linker], None]]] = [
    ("entities", rule_entities),
    ("page-ids", rule_page_ids),
    ("references", rule_references),
    ("parent-cycles", planning.rule_parent_cycles),
    ("body-links", rule_body_links),
    ("schedule", rule_schedule),
    ("cycles", rule_cycles),
    ("rollups", rule_rollups),
    ("coverage", rule_coverage),
    ("quarters", rule_quarters),
    ("dependency-order", rule_dependency_order),
    ("task-sprints", rule_task_sprints),
    ("parent-periods", planning.rule_parent_periods),
    ("too-many-objectives", planning.rule_too_many_objectives),
    ("too-many-key-results", planning.rule_too_many_key_results),
    ("objective-without-owner", planning.rule_objective_owner),
    ("stale-checkin", planning.rule_stale_checkins),
    ("ungraded", planning.rule_ungraded),
    ("unaligned", planning.rule_unaligned),
    ("output-key-result", planning.rule_output_key_results),
    ("single-sprint-milestone", planning.rule_single_sprint_milestones),
    ("order", rule_order),
    ("quarter-list", rule_quarter_list),
    ("planning", planning.rule_planning),
]


def link(config: SiteConfig, documents: list[Document], invalid: list[Document] = ()) -> Site:
    """Valid documents -> Site.

    `invalid` are the documents that failed to load or validate: the ids they claim are known
    to exist (no follow-on unknown-ref, still offered as suggestions) and warnings that depend
    on what they would say are held back.
    """
    site = Site(config, {}, {}, {}, {}, {}, {}, {}, [], config.calendar.quarter_of(config.today))
    linker = Linker(config, documents, unavailable_ids(list(invalid)), site, invalid=list(invalid))
    for _name, rule in RULES:
        rule(linker)
    site.diagnostics = linker.diagnostics
    return site


# --- one document's edit, made in a linked Site (serve) ------------------------------------

# The fields of each kind that only describe an entity: `link` copies them into the entity's
# own object and no rule reads them (no diagnostic, roll-up, order or cross-reference depends
# on them). `description` stands in for an empty body and is then searched for links, which
# `relink` compares separately. Task files have their own (_TASK_FIELDS).
DESCRIPTIVE_FIELDS = {
    "objective": frozenset({"title", "description"}),
    "milestone": frozenset({"title", "type", "owner", "votes", "cluster", "description"}),
    "team": frozenset({"name", "lead", "members", "description"}),
    "page": frozenset({"title", "description", "weight"}),
}
# The entity attributes those fields (and the Markdown body) become in _make_entity, and the
# milestone's status, which relink takes when only the roll-ups read the change.
_RELINKED_ATTRIBUTES = ("title", "type", "name", "owner", "lead", "members", "votes", "cluster", "description",
                        "weight", "body", "body_line", "status")
# What the roll-ups alone read (rule_rollups: milestone completion -> KR progress -> objective
# progress), in items of a list field: a task's status, a key result's current value and
# check-ins; what no rule reads there (a task's assignee and estimate, a key result's confidence);
# and what a rule about that objective alone reads, which relink asks again (_ASKED_AGAIN).
_ROLLED_UP_ITEMS = {
    ("milestone", "tasks"): frozenset({"status", "assignee", "estimate"}),
    ("objective", "key_results"): frozenset({"current", "confidence", "checkins", "status", "metric", "unit", "title",
                                             "start", "target", "weight"}),
    ("objective", "hypotheses"): frozenset({"statement", "status"}),
}
# Values of those fields that rules read: a key result done or dropped needs no check-in, and a
# dropped one leaves the roll-ups and needs no milestone.
_ITEM_VALUES_RULES_READ = {("key_results", "status"): frozenset({"done", "dropped"}),
                           # (written both before and after: a numeric key result stays one, which
                           # stale-checkin reads; its start and target feed its progress alone)
                           ("key_results", "start"): frozenset({None}), ("key_results", "target"): frozenset({None})}
# A key result's fields that a rule about its objective alone reads: (rule id, rule).
_ASKED_AGAIN = {"checkins": ("stale-checkin", planning.rule_stale_checkins),
                "title": ("output-key-result", planning.rule_output_key_results)}
# An objective's statuses that rules read (dropped: no warnings about it; done: no check-ins).
_OBJECTIVE_STATUSES_RULES_READ = frozenset({"done", "dropped"})
# Milestone statuses that rules other than the roll-ups read: a candidate is checked and drawn
# apart, and a dropped milestone serves no key result (kr-without-milestone) and is skipped by
# single-sprint-milestone.
_STATUSES_RULES_READ = frozenset({"candidate", "dropped"})


# A milestone's schedule: relink places it again and runs the rules that read its dates for it
# (and for the milestones that depend on it), when the site has no error (no invalid document
# hides a reference, and no hint of a whole check's budget is at stake).
_SCHEDULE_FIELDS = frozenset({"sprints", "start", "due"})
_ABSENT = object()  # a field not written
# A milestone's references: relink fills the two-way links of what it names now and named
# before, when every name is of an entity of the right kind (else a whole check reports it with
# its hints) and depends_on makes no cycle (an error, reported by a whole check).
_REFERENCE_FIELDS = frozenset({"key_results", "hypothesis", "team", "depends_on"})


def relink(site: Site, config: SiteConfig, before: Document, after: Document,
           diagnostics: list[Diagnostic] | None = None,
           documents: dict[str, Document] | None = None) -> tuple[Site, list[str], list[Diagnostic]] | None:
    """The Site `link` would make if `before` (a valid document of `site`) became `after`, when
    the edit changed only what no rule but the roll-ups reads: descriptive fields and prose, a
    milestone's status (between planned, in-progress, at-risk, blocked and done), its tasks'
    statuses, assignees and estimates, an objective's status (but done and dropped), its key
    results' current values, confidence, check-ins (stale-checkin is asked again), titles
    (output-key-result is), metric, unit, status (but done and dropped), start, target and
    weight (written before and after), its hypotheses' statements and statuses; and, given the check's `diagnostics` and the site's
    `documents` by path, a milestone's sprints or dates, or the key results, hypothesis, team or
    dependencies it names, or an objective's period (`quarter`) or parent, when the site has no error. Values written on other lines than
    before (a check-in added above them, a title folded) take the diagnostics there along.
    Returns (site, ["milestone m1", "objective o1", ...], diagnostics): the entities whose pages
    change and the check's diagnostics as a whole check would give them.

    None when the edit may change anything else: another field, where any other value is
    written (diagnostics point there), the links of the body or of the `description:` standing
    in for it, a schedule that is wrong (its error and hint are a whole check's). The caller also
    checks that `after` is valid and that no broken link was reported in this file (its
    position is found again in the file's text). `site` is not changed: the result shares every
    entity but the edited one and those its roll-ups and lists reach (copies), so a page being
    served from the previous Site never sees the new values.
    """
    kind = after.kind
    descriptive = DESCRIPTIVE_FIELDS.get(kind)
    old, new = before.data, after.data
    if (before.kind != kind or before.path != after.path or not isinstance(old, dict) or not isinstance(new, dict)):
        return None
    if kind == "task":
        return _relink_task(site, before, after, diagnostics)
    if descriptive is None:
        return None
    keys = sorted(old.keys() | new.keys())  # a field written or taken out is changed like any other
    # where the changed values are written, and descriptive ones (no diagnostic points there)
    leave_out: set[tuple] = {(key,) for key in descriptive.intersection(keys)}
    items: dict[str, dict[int, set[str]]] = {}  # list field -> index -> the names of its changed fields
    moved = False  # a milestone placed elsewhere in time
    realigned = False  # an objective set for another period or parent
    referred: set[str] = set()  # the reference fields of a milestone that name others than before
    statuses = {old.get("status", "planned"), new.get("status", "planned")}
    read = _STATUSES_RULES_READ if kind == "milestone" else _OBJECTIVE_STATUSES_RULES_READ
    # the structural edits (a schedule, references, a period or parent) are made here only on a
    # site without errors, whose files are all known
    clean = documents is not None and diagnostics is not None and not any(d.is_error for d in diagnostics)
    for key in keys:
        if old.get(key, _ABSENT) == new.get(key, _ABSENT):  # NaN != NaN: never relinked
            continue
        if key in descriptive or (kind in ("milestone", "objective") and key == "status" and not statuses & read):
            leave_out.add((key,))
        elif (kind, key) in _ROLLED_UP_ITEMS:
            changes = _item_changes(old.get(key), new.get(key), _ROLLED_UP_ITEMS[kind, key], key)
            if changes is None:
                return None
            items[key] = changes
            leave_out.update((key, index, name) for index, fields in changes.items() for name in fields)
        elif (kind == "milestone" and key in _SCHEDULE_FIELDS | _REFERENCE_FIELDS and clean
              and "candidate" not in statuses):
            leave_out.add((key,))
            if key in _REFERENCE_FIELDS:
                referred.add(key)
            else:
                moved = True
        elif kind == "objective" and key in ("quarter", "parent") and clean:
            leave_out.add((key,))
            realigned = True
        else:
            return None
    placed = _placed_again(before, after, leave_out, diagnostics)
    if placed is None:
        return None
    lines, diagnostics = placed
    entity_id = new["id"] if "id" in new else before.stem
    table = getattr(site, kind + "s")
    entity = table.get(entity_id)
    if entity is None or entity.path != after.path:
        return site, [], diagnostics  # this file made no entity (a duplicate or an unusable id): nothing shows it
    fresh = _make_entity(after, entity_id, config)
    edited = copy.copy(entity)
    for name in _RELINKED_ATTRIBUTES:
        if hasattr(fresh, name):
            setattr(edited, name, getattr(fresh, name))
    if realigned:
        if fresh.period is None or entity.period is None:
            return None  # not a period of the calendar: a whole check says so
        if planning.uses_planning(kind, old) and not planning.uses_planning(kind, new) and not config.planning:
            return None  # whether another file still uses part 2 (rule_planning) is a whole check's to say
        parent_id = new.get("parent")
        if parent_id is not None and (parent_id not in site.objectives or _below(site.objectives, parent_id, entity_id)):
            return None  # no such objective, or a loop: a whole check's error, with its hint
        edited.quarter, edited.period, edited.parent_id = fresh.quarter, fresh.period, parent_id
    tables = {kind + "s": {**table, entity_id: edited}}
    if "tasks" in items or (lines and kind == "milestone"):
        tasks = _edited_items(edited, "tasks", new.get("tasks", []), items.get("tasks", {}), after, bool(lines))
        if tasks is None:
            return None
        tables["tasks"] = {**site.tasks, **tasks}
    if "key_results" in items or "hypotheses" in items or (lines and kind == "objective"):
        krs = _edited_items(edited, "key_results", new["key_results"], items.get("key_results", {}), after,
                            bool(lines))
        if krs is None:
            return None
        tables["key_results"] = {**site.key_results, **krs}
        if lines or "hypotheses" in items:
            hypotheses = _edited_items(edited, "hypotheses", new.get("hypotheses", []), items.get("hypotheses", {}),
                                       after, bool(lines))
            if hypotheses is None:
                return None
            tables["hypotheses"] = {**site.hypotheses, **hypotheses}
        _roll_up_objective(edited, site.milestones)
        fields = set().union(*items.get("key_results", {}).values())
        for rule_id, rule in (_ASKED_AGAIN[name] for name in sorted(fields & _ASKED_AGAIN.keys())):
            diagnostics = _asked_again(rule_id, rule, edited, after, config, site, diagnostics)
    rolls_up = kind == "milestone" and (old.get("status") != new.get("status") or "tasks" in items)
    if rolls_up:
        edited.completion = milestone_completion(edited)
    # the tables the roll-ups and the sorted lists put copies in: the result's own
    for name in ("objectives", "key_results") * bool(rolls_up or moved or referred) + ("hypotheses", "teams") * bool(
            moved or referred) + ("milestones",) * bool(referred) + ("teams",) * realigned:
        tables[name] = dict(tables.get(name, getattr(site, name)))
    # a new Site, not a copy: what the views derived from the previous one is kept on it (views._per_site)
    result = dataclasses.replace(site, **tables)
    if referred:
        diagnostics = _referred(result, edited, entity, after, referred, diagnostics, documents)
        if diagnostics is None:
            return None
    if moved:
        diagnostics = _rescheduled(result, edited, after, documents, diagnostics)
        if diagnostics is None:
            return None
    if realigned:
        result.planning = site.planning or planning.uses_planning(kind, new)  # a parent, a half or a year is part 2's
        diagnostics = _realigned(result, edited, entity, after, documents, diagnostics)
        if diagnostics is None:
            return None
    changed = [f"{kind} {entity_id}"] if edited != entity else []
    if rolls_up:
        changed += [f"objective {objective_id}" for objective_id in _rolled_up(result, edited, site)]
    if moved or referred or realigned:  # the lists it is in, sorted again
        changed += [entity for entity in _lists_changed(site, result, skip=set()) if entity not in changed]
    return result, changed, diagnostics


# What no rule but the roll-ups reads of a task in its own file (its milestone, id and sprint
# are read by others; its `description:` is searched for links, compared apart as a body is).
_TASK_FIELDS = frozenset({"title", "status", "assignee", "estimate"})


def _relink_task(site: Site, before: Document, after: Document,
                 diagnostics: list[Diagnostic] | None) -> tuple[Site, list[str], list[Diagnostic]] | None:
    """relink for a task file: its title, status, assignee, estimate and prose (with the same
    links), and its milestone's completion rolled up to the key results and objectives it serves."""
    old, new = before.data, after.data
    keys = old.keys() | new.keys()
    changed = {key for key in keys if old.get(key, _ABSENT) != new.get(key, _ABSENT)}
    if not changed <= _TASK_FIELDS:
        return None
    placed = _placed_again(before, after, {(key,) for key in _TASK_FIELDS & keys}, diagnostics)
    if placed is None:
        return None
    diagnostics = placed[1]
    task = site.tasks.get(f"{new['milestone']}/{new.get('id', before.stem)}")
    if task is None or task.path != after.path:
        return site, [], diagnostics  # this file made no task (a duplicate id, an unknown milestone)
    edited = copy.copy(task)
    edited.title, edited.status, edited.assignee, edited.estimate = (
        new["title"], new.get("status", "todo"), new.get("assignee", ""), new.get("estimate"))
    edited.description = new.get("description", after.body)
    edited.location = after.source.locate(("id",)) if "id" in new else Location(after.path)
    milestone = copy.copy(site.milestones[task.milestone_id])
    milestone.tasks = [edited if item is task else item for item in milestone.tasks]
    milestone.completion = milestone_completion(milestone)
    result = dataclasses.replace(site, milestones={**site.milestones, milestone.id: milestone},
                                 tasks={**site.tasks, task.id: edited}, objectives=dict(site.objectives),
                                 key_results=dict(site.key_results))
    changed_entities = [f"milestone {milestone.id}"] if milestone != site.milestones[milestone.id] else []
    changed_entities += [f"objective {objective_id}" for objective_id in _rolled_up(result, milestone, site)]
    return result, changed_entities, diagnostics


def _rescheduled(site: Site, milestone: Milestone, document: Document, documents: dict[str, Document],
                 diagnostics: list[Diagnostic], added: bool = False) -> list[Diagnostic] | None:
    """The moved `milestone` (a copy, in `site`) placed in time again, the rules that read its dates
    run for it (and starts-before-dependency for the milestones depending on it), the lists it
    is in sorted again (rule_order) and the site's quarters made again (rule_quarter_list, or
    only grown when it left no quarter; `added`: it was in none).
    Returns `diagnostics` with those about its dates made again; None when its schedule is
    wrong (a whole check reports that, with its hints)."""
    linker = Linker(site.config, [], {}, site)
    calendar = site.config.calendar
    was = set() if added or not milestone.scheduled else set(calendar.quarters_between(milestone.start, milestone.end))
    milestone.start = milestone.end = None
    milestone.sprint_ids = ()
    _schedule(linker, milestone, document)
    if linker.diagnostics:
        return None
    dependants = [site.milestones[dependant] for dependant in milestone.depended_on_by]
    linker.doc_of[milestone.id] = document
    for dependant in dependants:
        linker.doc_of[dependant.id] = documents.get(dependant.path)
        if linker.doc_of[dependant.id] is None:
            return None
    ids = _task_ids(milestone.id, document.data.get("tasks", []))
    if len(set(ids)) != len(ids):
        return None  # link kept the first of two tasks with one id: which one is not known here
    nested = {task_id: index for index, task_id in enumerate(ids)}
    for task in milestone.tasks:
        if task.path == document.path and task.id in nested:
            linker.task_paths[task.id] = (document, ("tasks", nested[task.id]))
        elif task.path != document.path and task.path in documents:
            linker.task_paths[task.id] = (documents[task.path], ())
        else:
            return None
    rule_quarters(linker, [milestone])
    rule_dependency_order(linker, [milestone, *dependants])
    rule_task_sprints(linker, [milestone])
    planning.rule_single_sprint_milestones(linker, [milestone])
    # what those rules said before, each warning by its code and the file it is in: one rule makes
    # each code, about the milestone of that file (or of that task's file)
    redone = {("outside-quarter", milestone.path), ("single-sprint-milestone", milestone.path),
              ("task-outside-milestone", milestone.path)}
    redone |= {("starts-before-dependency", m.path) for m in [milestone, *dependants]}
    redone |= {("task-outside-milestone", task.path) for task in milestone.tasks}
    kept = [d for d in diagnostics if (d.code, d.location.file) not in redone]
    _sort_lists_of(site, milestone)
    now = set(calendar.quarters_between(milestone.start, milestone.end)) if milestone.scheduled else set()
    if was <= now:  # no quarter left behind (most moves stay in theirs): the quarters can only grow
        if not now <= set(site.quarters):
            site.quarters = sorted(set(site.quarters) | now)
    else:  # another milestone or objective may still keep a quarter it left on the list
        rule_quarter_list(linker)
    return sorted_diagnostics(kept + linker.diagnostics)


# The rules that read objectives' periods or parents, asked again when an objective is set for
# another period or parent (_realigned): about the milestones of its key results, its own key
# results, or every objective (one cheap pass each: a parent's period, a team's count per
# quarter, grades due, objectives standing alone).
_ALIGNMENT_RULES_OF_ALL = ("parent-outside-period", "too-many-objectives", "ungraded", "unaligned")


def _below(objectives: dict[str, Objective], start: str, objective_id: str) -> bool:
    """Whether `start` is `objective_id` or contributes to it through its parents."""
    node: str | None = start
    while node is not None:
        if node == objective_id:
            return True
        node = objectives[node].parent_id
    return False


def _realigned(site: Site, objective: Objective, was: Objective, document: Document, documents: dict[str, Document],
               diagnostics: list[Diagnostic]) -> list[Diagnostic] | None:
    """An objective (a copy, in `site`, whose objective and team tables are its own) set for
    another period or parent (`was`: as it was): its old and new parents' children lists,
    outside-quarter asked again about the milestones serving its key results, stale-checkin
    about its key results, the rules over every objective that read periods or parents run
    again, its team's objectives sorted again (rule_order: by quarter) and the quarter list made
    again. Returns `diagnostics` with those rules' made again; None when a file is not known."""
    if objective.parent_id != was.parent_id:
        for parent_id, joins in ((was.parent_id, False), (objective.parent_id, True)):
            if parent_id is not None:
                parent = site.objectives[parent_id] = copy.copy(site.objectives[parent_id])
                parent.children = sorted([c for c in parent.children if c != objective.id] + [objective.id] * joins,
                                         key=natural_key)
    linker = Linker(site.config, [], {}, site)
    for other in site.objectives.values():
        linker.doc_of[other.id] = documents.get(other.path)
        if linker.doc_of[other.id] is None:
            return None
    linker.doc_of[objective.id] = document
    milestones = [site.milestones[m] for m in sorted({m for kr in objective.key_results for m in kr.milestone_ids})]
    for milestone in milestones:
        linker.doc_of[milestone.id] = documents.get(milestone.path)
        if linker.doc_of[milestone.id] is None:
            return None
    rule_quarters(linker, milestones)
    planning.rule_stale_checkins(linker, [objective])
    planning.rule_parent_periods(linker)
    planning.rule_too_many_objectives(linker)
    planning.rule_ungraded(linker)
    planning.rule_unaligned(linker)
    redone = {("outside-quarter", m.path) for m in milestones} | {("stale-checkin", objective.path)}
    kept = [d for d in diagnostics if (d.code, d.location.file) not in redone and d.code not in _ALIGNMENT_RULES_OF_ALL]
    if objective.team_id in site.teams:
        team = copy.copy(site.teams[objective.team_id])
        team.objective_ids = sorted(team.objective_ids, key=_by_quarter(site))
        site.teams[team.id] = team
    rule_quarter_list(linker)
    return sorted_diagnostics(kept + linker.diagnostics)


def _referred(site: Site, milestone: Milestone, was: Milestone, document: Document, fields: set[str],
              diagnostics: list[Diagnostic], documents: dict[str, Document]) -> list[Diagnostic] | None:
    """rule_references for a milestone (a copy, in `site`, whose tables are its own) whose
    reference `fields` name others than they did (`was`), and what follows from them; None when a
    name is not of an entity of the right kind or a dependency makes a cycle."""
    linker = Linker(site.config, [], {}, site)
    linker.doc_of[milestone.id] = document
    data = document.data
    if "hypothesis" in fields or "team" in fields:
        for field_name, table in (("hypothesis", site.hypotheses), ("team", site.teams)):
            ref, before = data.get(field_name), getattr(was, field_name + "_id")
            if ref is not None and ref not in table:
                return None
            setattr(milestone, field_name + "_id", ref)
            for entity_id, serves in ((before, False), (ref, True)):
                if entity_id is not None and (before != ref):
                    entity = copy.copy(table[entity_id])
                    entity.milestone_ids = [m for m in entity.milestone_ids if m != milestone.id] + [milestone.id] * serves
                    _sort_milestones(site, [entity])
                    table[entity_id] = entity
                    if field_name == "hypothesis":  # it is in its objective's list too
                        objective = copy.copy(site.objectives[entity.objective_id])
                        objective.hypotheses = [entity if h.id == entity_id else h for h in objective.hypotheses]
                        site.objectives[objective.id] = objective
    if "depends_on" in fields:
        depends = list(dict.fromkeys(data.get("depends_on", ())))
        if any(ref == milestone.id or ref not in site.milestones for ref in depends):
            return None
        milestone.depends_on = depends
        for dependency_id in set(depends) ^ set(was.depends_on):
            dependency = copy.copy(site.milestones[dependency_id])
            dependency.depended_on_by = sorted(
                [m for m in dependency.depended_on_by if m != milestone.id] + [milestone.id] * (dependency_id in depends),
                key=natural_key)
            site.milestones[dependency_id] = dependency
        if _reaches(site.milestones, depends, milestone.id):
            return None  # a cycle through it (there was none: the site had no error)
        rule_dependency_order(linker, [milestone])
        diagnostics = [d for d in diagnostics if not (d.code == "starts-before-dependency" and d.location.file == milestone.path)]
    if "key_results" in fields:
        diagnostics = _served(site, milestone, was, linker, diagnostics, documents)
        if diagnostics is None:
            return None
    return sorted_diagnostics(diagnostics + linker.diagnostics)


def _reaches(milestones: dict[str, Milestone], starts: list[str], target: str) -> bool:
    """Whether `target` is among the milestones `starts` depend on, directly or through others."""
    seen: set[str] = set()
    todo = list(starts)
    while todo:
        milestone_id = todo.pop()
        if milestone_id == target:
            return True
        if milestone_id not in seen and milestone_id in milestones:
            seen.add(milestone_id)
            todo.extend(milestones[milestone_id].depends_on)
    return False


def _served(site: Site, milestone: Milestone, was: Milestone, linker: Linker, diagnostics: list[Diagnostic],
            documents: dict[str, Document]) -> list[Diagnostic] | None:
    """The key results a milestone serves when they changed: its key results and objectives,
    theirs of it (copies), sorted (rule_order) and rolled up, kr-without-milestone for the key
    results it came to or left and outside-quarter for it asked again (said to `linker`).
    Returns the diagnostics those replace taken out; None when a name is not a key result's.
    (Where a key result's id is written is read from its file as it is now: serve keeps the
    previous model when a save only moved a file's lines and no finding is about that file.)"""
    document = linker.doc_of[milestone.id]
    serves: list[str] = []
    objective_ids: list[str] = []
    for ref in document.data.get("key_results", ()):
        kr = site.key_results.get(ref)
        if kr is None:
            return None
        if kr.id not in serves:
            serves.append(kr.id)
            if kr.objective_id not in objective_ids:
                objective_ids.append(kr.objective_id)
    milestone.key_result_ids, milestone.objective_ids = serves, objective_ids
    touched = set(serves) ^ set(was.key_result_ids)
    reached = {site.key_results[kr_id].objective_id for kr_id in touched} | (set(objective_ids) ^ set(was.objective_ids))
    uncovered = set()  # where kr-without-milestone was or may now be said
    for objective_id in sorted(reached):
        objective = _own_objective(site, objective_id)
        for kr in objective.key_results:
            if kr.id in touched:
                kr.milestone_ids = [m for m in kr.milestone_ids if m != milestone.id] + [milestone.id] * (kr.id in serves)
        objective.milestone_ids = ([m for m in objective.milestone_ids if m != milestone.id]
                                   + [milestone.id] * (objective_id in objective_ids))
        _sort_milestones(site, [objective, *objective.key_results])
        _roll_up_objective(objective, site.milestones)
        written = documents.get(objective.path)
        if written is None:
            return None
        seen = set()  # (link keeps the first of two key results with one id)
        for index, kr_data in enumerate(written.data["key_results"]):
            kr = site.key_results.get(f"{objective_id}/{kr_data['id']}")
            if kr is not None and kr.id in touched and kr.id not in seen:
                seen.add(kr.id)
                kr.location = written.source.locate(("key_results", index, "id"))
                uncovered.add(kr.location)
                if objective.status != "dropped" and not linker.off("kr-without-milestone"):
                    _coverage(linker, objective, kr)
    rule_quarters(linker, [milestone])
    return [d for d in diagnostics if not (d.code == "kr-without-milestone" and d.location in uncovered)
            and not (d.code == "outside-quarter" and d.location.file == milestone.path)]


def relink_added(site: Site, config: SiteConfig, after: Document, diagnostics: list[Diagnostic],
                 documents: dict[str, Document]) -> tuple[Site, list[str], list[Diagnostic]] | None:
    """The Site `link` would make with one more milestone file, `after` (valid), given the check's
    `diagnostics` and the site's `documents` by path (`after` among them): a milestone with its
    nested tasks, placed in time, in the lists of what it names and in the "mentioned in" lists of
    what its Markdown links to, rolled up, and the warnings about it and about the key results it
    came to made. None when the site has an error (a reference to the new id was one), when the
    id is taken or a name or link leads nowhere, or when it is a candidate: a whole check's work.
    Returns (site, changed entities, diagnostics), as relink does; `site` is not changed."""
    data = after.data
    if (after.kind != "milestone" or not isinstance(data, dict) or any(d.is_error for d in diagnostics)
            or data.get("status") == "candidate"):
        return None
    linker = Linker(config, [], {}, dataclasses.replace(site, tasks={}))  # its tasks are added to a table of none
    entity_id = _entity_id(linker, after)
    if entity_id is None or _taken(site, entity_id):
        return None
    milestone = _make_entity(after, entity_id, config)
    was = copy.copy(milestone)  # the same milestone naming nothing, which _referred fills in
    was.depends_on = []
    was.hypothesis_id = was.team_id = None
    milestone.depends_on, milestone.hypothesis_id, milestone.team_id = [], None, None
    for index, task_data in enumerate(data.get("tasks", [])):
        _add_task(linker, milestone, task_data, after, ("tasks", index), index)
    _schedule(linker, milestone, after)  # placed before its lists are sorted (_rescheduled places it again)
    if linker.diagnostics:
        return None  # a task id written twice, or a wrong schedule: reported with their hints by a whole check
    tasks = {task.id: task for task in milestone.tasks}
    owners = _mentioned_by(dataclasses.replace(site, milestones=collections.ChainMap({entity_id: milestone}, site.milestones),
                                               tasks=collections.ChainMap(tasks, site.tasks)), after, entity_id, documents)
    if owners is None:
        return None
    # the tables the new milestone reaches, the result's own (a save touches no more of the model
    # than it must: a copy reads every entry); site.tasks gets its tasks last (no page reads its order)
    kinds = {kind for kind, _ in owners}
    okrs = bool(data.get("key_results") or data.get("hypothesis")) or "objective" in kinds
    copied = {"objectives": okrs, "key_results": okrs, "hypotheses": okrs, "teams": "team" in data or "team" in kinds,
              "pages": "page" in kinds}
    result = dataclasses.replace(site, tasks={**site.tasks, **tasks} if tasks else site.tasks,
                                 **{name: dict(getattr(site, name)) for name, own in copied.items() if own})
    items = list(site.milestones.items())  # in rule_entities' order: by path
    at = bisect.bisect(items, after.path, key=lambda item: item[1].path)
    result.milestones = dict([*items[:at], (entity_id, milestone), *items[at:]])
    milestone.completion = milestone_completion(milestone)
    result.planning = site.planning or planning.uses_planning("milestone", data)
    diagnostics = _referred(result, milestone, was, after, set(_REFERENCE_FIELDS), diagnostics, documents)
    if diagnostics is None:
        return None
    diagnostics = _rescheduled(result, milestone, after, documents, diagnostics, added=True)
    if diagnostics is None:
        return None
    _mention(result, owners, entity_id, True)
    return result, [f"milestone {entity_id} (new)", *_lists_changed(site, result, skip={entity_id})], diagnostics


def relink_removed(site: Site, config: SiteConfig, before: Document, diagnostics: list[Diagnostic],
                   documents: dict[str, Document]) -> tuple[Site, list[str], list[Diagnostic]] | None:
    """The Site `link` would make without the milestone file `before` (valid, in `site`), given the
    check's `diagnostics` and the site's other `documents` by path: taken out of the lists of
    what it named, its objectives rolled up again, kr-without-milestone asked again about the
    key results it served, the warnings in its file gone, and it out of the "mentioned in" lists
    of what it linked to. None when the site has an error, or anything named it (a dependant, a
    task file, a link: a whole check reports what broke), or it was a candidate or may have been
    the one file using the planning model."""
    data = before.data
    if before.kind != "milestone" or not isinstance(data, dict) or any(d.is_error for d in diagnostics):
        return None
    milestone = site.milestones.get(data["id"] if "id" in data else before.stem)
    if (milestone is None or milestone.path != before.path or milestone.candidate or milestone.depended_on_by
            or milestone.mentioned_in or any(task.path != before.path for task in milestone.tasks)
            or (planning.uses_planning("milestone", data) and not config.planning)):
        return None
    owners = _mentioned_by(site, before, milestone.id, collections.ChainMap({before.path: before}, documents))
    if owners is None:
        return None
    tables = {name: dict(getattr(site, name))
              for name in ("objectives", "key_results", "hypotheses", "teams", "milestones", "tasks", "pages")}
    result = dataclasses.replace(site, **tables)
    gone = copy.copy(milestone)
    result.milestones[gone.id] = gone
    naming_nothing = dataclasses.replace(before, data={key: value for key, value in data.items()
                                                       if key not in _REFERENCE_FIELDS})
    diagnostics = _referred(result, gone, milestone, naming_nothing, set(_REFERENCE_FIELDS), diagnostics, documents)
    if diagnostics is None:
        return None
    del result.milestones[gone.id]
    for task in milestone.tasks:
        del result.tasks[task.id]
    _mention(result, owners, gone.id, False)
    rule_quarter_list(Linker(config, [], {}, result))
    diagnostics = [d for d in diagnostics if d.location.file != before.path]
    return result, [f"milestone {gone.id} (removed)", *_lists_changed(site, result, skip={gone.id})], diagnostics


def relink_file(site: Site, config: SiteConfig, before: Document | None, after: Document | None,
                diagnostics: list[Diagnostic], documents: dict[str, Document]
                ) -> tuple[Site, list[str], list[Diagnostic]] | None:
    """relink, or for a file written (`before` None) or deleted (`after` None) the relink of its kind."""
    if after is None:
        removed = _REMOVED.get(before.kind, relink_removed)
        return removed(site, config, before, diagnostics, documents)
    if before is None:
        added = _ADDED.get(after.kind, relink_added)
        return added(site, config, after, diagnostics, documents)
    return relink(site, config, before, after, diagnostics, documents)


# Files of an entity that nothing names when it is new (a name of nothing was an error) and that
# names nothing but what its Markdown links to: relink_standalone_added / _removed take them.
_STANDALONE = ("page", "team")


def relink_standalone_added(site: Site, config: SiteConfig, after: Document, diagnostics: list[Diagnostic],
                            documents: dict[str, Document]) -> tuple[Site, list[str], list[Diagnostic]] | None:
    """The Site `link` would make with one more free page or team file, `after` (valid): the
    entity in its table (by path, as link adds them) and in the "mentioned in" lists of what its
    Markdown links to. None when the site has an error, its id is taken, unusable or (a page's)
    a built-in page's address, a link leads nowhere, or it is the site's first team (messages
    then name teams): a whole check's, with the hints."""
    kind = after.kind
    if kind not in _STANDALONE or not isinstance(after.data, dict) or any(d.is_error for d in diagnostics):
        return None
    table = getattr(site, kind + "s")
    linker = Linker(config, [], {}, site)
    entity_id = _entity_id(linker, after)
    if (entity_id is None or _taken(site, entity_id) or (kind == "page" and entity_id in urls.RESERVED)
            or (kind == "team" and not site.teams)):
        return None
    entity = _make_entity(after, entity_id, config)
    owners = _mentioned_by(dataclasses.replace(site, **{kind + "s": collections.ChainMap({entity_id: entity}, table)}),
                           after, entity_id, documents)
    if owners is None:
        return None
    result = dataclasses.replace(site, **{name + "s": dict(getattr(site, name + "s")) for name in {k for k, _ in owners}})
    items = list(table.items())  # in rule_entities' order: by path
    at = bisect.bisect(items, after.path, key=lambda item: item[1].path)
    setattr(result, kind + "s", dict([*items[:at], (entity_id, entity), *items[at:]]))
    _mention(result, owners, entity_id, True)
    return result, [f"{kind} {entity_id} (new)", *_lists_changed(site, result, skip={entity_id})], diagnostics


def relink_standalone_removed(site: Site, config: SiteConfig, before: Document, diagnostics: list[Diagnostic],
                              documents: dict[str, Document]) -> tuple[Site, list[str], list[Diagnostic]] | None:
    """The Site `link` would make without the free page or team file `before` (valid, in `site`):
    out of its table and of the "mentioned in" lists of what it linked to. None when the site has
    an error, anything names or links to it (a whole check reports what broke), or it is the
    site's last team."""
    kind, data = before.kind, before.data
    if kind not in _STANDALONE or not isinstance(data, dict) or any(d.is_error for d in diagnostics):
        return None
    table = getattr(site, kind + "s")
    entity = table.get(data.get("id", before.stem))
    if (entity is None or entity.path != before.path or entity.mentioned_in
            or (kind == "team" and (entity.objective_ids or entity.milestone_ids or len(table) == 1))):
        return None
    owners = _mentioned_by(site, before, entity.id, collections.ChainMap({before.path: before}, documents))
    if owners is None:
        return None
    result = dataclasses.replace(site, **{name + "s": dict(getattr(site, name + "s"))
                                          for name in {kind, *(k for k, _ in owners)}})
    del getattr(result, kind + "s")[entity.id]
    _mention(result, owners, entity.id, False)
    diagnostics = [d for d in diagnostics if d.location.file != before.path]
    return result, [f"{kind} {entity.id} (removed)", *_lists_changed(site, result, skip={entity.id})], diagnostics


def relink_task_added(site: Site, config: SiteConfig, after: Document, diagnostics: list[Diagnostic],
                      documents: dict[str, Document]) -> tuple[Site, list[str], list[Diagnostic]] | None:
    """The Site `link` would make with one more task file, `after` (valid): the task in its
    milestone's list (after the nested tasks and the task files before it by path, as link adds
    them), the milestone's completion rolled up, task-outside-milestone asked about it, its
    links in the "mentioned in" lists (as its milestone's). None when the site has an error,
    when its milestone is not there or a candidate, its id is taken or unusable, its sprint is
    not in the calendar or a link leads nowhere: a whole check's, with the hints."""
    data = after.data
    if after.kind != "task" or not isinstance(data, dict) or any(d.is_error for d in diagnostics):
        return None
    linker = Linker(config, [], {}, dataclasses.replace(site, tasks={}))
    local = _entity_id(linker, after)
    milestone = site.milestones.get(data["milestone"])
    if (local is None or milestone is None or milestone.candidate or f"{milestone.id}/{local}" in site.tasks
            or (data.get("sprint") is not None and config.calendar.sprint(data["sprint"]) is None)):
        return None
    edited = copy.copy(milestone)
    edited.tasks = list(milestone.tasks)
    task = _add_task(linker, edited, {**data, "id": local}, after, (), None)  # (its id is new: checked above)
    owners = _mentioned_by(dataclasses.replace(site, tasks=collections.ChainMap({task.id: task}, site.tasks)), after,
                           milestone.id, documents)
    if owners is None:
        return None
    nested = [item for item in edited.tasks if item.path == edited.path]
    edited.tasks = nested + sorted((item for item in edited.tasks if item.path != edited.path), key=lambda t: t.path)
    result = _with_task_file(site, edited, {**site.tasks, task.id: task}, owners, True)
    linker = Linker(config, [], {}, result)
    linker.task_paths[task.id] = (after, ())
    rule_task_sprints(linker, [dataclasses.replace(edited, tasks=[task])])
    return result, [f"milestone {edited.id}", *_lists_changed(site, result, skip={edited.id})], sorted_diagnostics(
        diagnostics + linker.diagnostics)


def relink_task_removed(site: Site, config: SiteConfig, before: Document, diagnostics: list[Diagnostic],
                        documents: dict[str, Document]) -> tuple[Site, list[str], list[Diagnostic]] | None:
    """The Site `link` would make without the task file `before`: out of its milestone's list, the
    completion rolled up, the warnings in its file gone, its links out of the "mentioned in"
    lists. None when the site has an error, or its milestone is mentioned anywhere (a link to
    the task would break: which link leads where is a whole check's to say)."""
    data = before.data
    if before.kind != "task" or not isinstance(data, dict) or any(d.is_error for d in diagnostics):
        return None
    task = site.tasks.get(f"{data['milestone']}/{data.get('id', before.stem)}")
    if task is None or task.path != before.path:
        return None
    milestone = site.milestones[task.milestone_id]
    owners = _mentioned_by(site, before, milestone.id, collections.ChainMap({before.path: before}, documents))
    if owners is None or milestone.mentioned_in:
        return None
    edited = copy.copy(milestone)
    edited.tasks = [item for item in milestone.tasks if item is not task]
    # its links may be the only ones from this milestone to an owner: what the milestone's own
    # file and its other task files link to stays listed
    still = set()
    for document in [documents.get(milestone.path), *(documents.get(item.path) for item in edited.tasks
                                                       if item.path != milestone.path)]:
        if document is None:
            return None
        found = _mentioned_by(site, document, milestone.id, documents)
        if found is None:
            return None
        still.update(found)
    tasks = dict(site.tasks)
    del tasks[task.id]
    result = _with_task_file(site, edited, tasks, [owner for owner in owners if owner not in still], False)
    return result, [f"milestone {edited.id}", *_lists_changed(site, result, skip={edited.id})], [
        d for d in diagnostics if d.location.file != before.path]


_ADDED = {"task": relink_task_added, "page": relink_standalone_added, "team": relink_standalone_added}
_REMOVED = {"task": relink_task_removed, "page": relink_standalone_removed, "team": relink_standalone_removed}


def _with_task_file(site: Site, edited: Milestone, tasks: dict[str, Task], owners: list[tuple[str, str]],
                    listed: bool) -> Site:
    """A new Site with `edited` (a milestone whose task files changed: its copy) and `tasks`: its
    completion rolled up to its key results and objectives, and it in (or out of) the "mentioned
    in" lists of `owners`."""
    edited.completion = milestone_completion(edited)
    tables = {kind + "s": dict(getattr(site, kind + "s")) for kind, _ in owners}  # the result's own, for _mention
    tables.update(milestones={**site.milestones, edited.id: edited}, tasks=tasks,
                  objectives=dict(site.objectives), key_results=dict(site.key_results))
    result = dataclasses.replace(site, **tables)
    _rolled_up(result, edited, site)
    _mention(result, owners, edited.id, listed)
    return result


def _mentioned_by(site: Site, document: Document, milestone_id: str,
                  documents: dict[str, Document]) -> list[tuple[str, str]] | None:
    """(kind, id) of each entity whose page lists the milestone of `document` under "mentioned in"
    (rule_body_links): what the Markdown of its body (or the `description:` standing in for it)
    and of its tasks' descriptions links to, but itself, given the site's `documents` by path
    (where relative links lead); for a task file, what its description or body links to. None
    when a link leads nowhere."""
    data = document.data
    if document.kind == "task":  # its links are its milestone's, with no local ids
        texts, local_parent = [data.get("description", document.body)], None
    elif document.kind == "page":  # its body alone (a page's `description:` is what lists show of it)
        texts, local_parent = [document.body], None
    else:
        texts = [document.body if document.body.strip() else data.get("description", "")]
        texts += [task.get("description", "") for task in data.get("tasks", ())]
        local_parent = milestone_id if document.kind in ("objective", "milestone") else None  # as rule_body_links
    refs = [ref for text in texts if text for ref in extract_links(text, document.path)]
    if not refs:
        return []
    linker = Linker(site.config, [], {}, site)
    linker.index = collections.ChainMap(site.objectives, site.milestones, site.teams, site.pages,  # every id
                                        site.key_results, site.hypotheses, site.tasks)
    by_path: dict[str, str] = {}  # of the files linked to, not of every file (rule_body_links')
    task_by_path: dict[str, Task] = {}
    for target in {ref.target for ref in refs if ref.kind != "wiki"}:
        linked = documents.get(target)
        if linked is None or not isinstance(linked.data, dict):
            return None
        local = linked.data.get("id", linked.stem)
        if linked.kind == "task":
            task = site.tasks.get(f"{linked.data.get('milestone')}/{local}")
            if task is None or task.path != target:
                return None
            task_by_path[target] = task
        else:
            entity = getattr(site, linked.kind + "s").get(local)
            if entity is None or entity.path != target:
                return None
            by_path[target] = entity.id
    owners: dict[tuple[str, str], None] = {}
    for ref in refs:
        target = _link_target(linker, ref, Location(document.path), local_parent, by_path, task_by_path, set())
        if target is None:
            return None
        owner = _page_owner(site, target)
        if owner is not None and owner.id != milestone_id:
            owners[kind_of(owner), owner.id] = None
    return list(owners)


def _mention(site: Site, owners: list[tuple[str, str]], milestone_id: str, listed: bool) -> None:
    """The milestone in (or out of) the "mentioned in" lists of `owners` (copies, put in `site`,
    whose tables are its own), in rule_order's order."""
    for kind, owner_id in owners:
        table = getattr(site, kind + "s")
        owner = copy.copy(table[owner_id])
        mentioned = [source for source in owner.mentioned_in if source != milestone_id] + [milestone_id] * listed
        owner.mentioned_in = sorted(mentioned, key=natural_key)
        table[owner_id] = owner


def _taken(site: Site, entity_id: str) -> bool:
    return any(entity_id in table for table in (site.objectives, site.milestones, site.teams, site.pages,
                                                 site.key_results, site.hypotheses, site.tasks))


def _lists_changed(previous: Site, site: Site, skip: set[str]) -> list[str]:
    """"objective o1", ... for the objectives, milestones, teams and pages a relink changed (copies that
    differ), but those in `skip`."""
    changed = []
    for noun, name in (("objective", "objectives"), ("milestone", "milestones"), ("team", "teams"), ("page", "pages")):
        was, now = getattr(previous, name), getattr(site, name)
        if now is not was:
            changed += [f"{noun} {key}" for key, value in now.items()
                        if key not in skip and key in was and value is not was[key] and value != was[key]]
    return changed


def _own_objective(site: Site, objective_id: str) -> Objective:
    """A copy of an objective and of its key results, put in `site` (whose objective and key
    result tables are its own), for a relink to change."""
    objective = copy.copy(site.objectives[objective_id])
    objective.key_results = [copy.copy(kr) for kr in objective.key_results]
    site.objectives[objective_id] = objective
    site.key_results.update((kr.id, kr) for kr in objective.key_results)
    return objective


def _sort_milestones(site: Site, entities: list) -> None:
    """rule_order's milestone lists of these entities (their own, not shared with another Site)."""
    def by_start(milestone_id: str) -> tuple:
        return site.milestones[milestone_id].start or dt.date.max, natural_key(milestone_id)

    for entity in entities:
        entity.milestone_ids = sorted(entity.milestone_ids, key=by_start)


def _sort_lists_of(site: Site, milestone: Milestone) -> None:
    """rule_order for the lists a moved milestone is in: its objectives', their key results' and
    hypotheses', its team's (copies, put in `site`, whose tables are its own)."""
    objective_ids = set(milestone.objective_ids)
    if milestone.hypothesis_id in site.hypotheses:
        objective_ids.add(site.hypotheses[milestone.hypothesis_id].objective_id)
    objective_ids |= {site.key_results[kr].objective_id for kr in milestone.key_result_ids if kr in site.key_results}
    for objective_id in sorted(objective_ids):
        objective = _own_objective(site, objective_id)
        objective.hypotheses = [copy.copy(h) for h in objective.hypotheses]
        _sort_milestones(site, [objective, *objective.key_results, *objective.hypotheses])
        site.hypotheses.update((h.id, h) for h in objective.hypotheses)
    if milestone.team_id in site.teams:
        team = copy.copy(site.teams[milestone.team_id])
        _sort_milestones(site, [team])
        site.teams[team.id] = team


def _item_changes(old, new, allowed: frozenset[str], field_name: str) -> dict[int, set[str]] | None:
    """index -> the fields that changed in each item of a list field, when the lists are as long,
    every item has the same keys and only `allowed` fields changed, to and from values no rule
    reads (_ITEM_VALUES_RULES_READ); else None."""
    if not isinstance(old, list) or not isinstance(new, list) or len(old) != len(new):
        return None
    changes: dict[int, set[str]] = {}
    for index, (was, now) in enumerate(zip(old, new)):
        if not isinstance(was, dict) or not isinstance(now, dict) or was.keys() != now.keys():
            return None
        fields = {key for key in now if was[key] != now[key]}
        if not fields <= allowed or any(was[key] in read or now[key] in read for key in fields
                                        if (read := _ITEM_VALUES_RULES_READ.get((field_name, key))) is not None):
            return None
        if fields:
            changes[index] = fields
    return changes


def _edited_items(edited, field_name: str, written: list[dict], changes: dict[int, set[str]],
                  document: Document, moved: bool) -> dict | None:
    """The edited entity's tasks, key results or hypotheses, made anew where their items changed,
    every key result of an objective (its roll-up is computed again), and all of them when the
    file's values `moved` to other lines (each keeps where its id is written): {id: new object},
    and the entity's list replaced. Items are found by the id link gives them; None when two
    items of the file would have one id (link keeps the first only)."""
    tasks = field_name == "tasks"
    ids = _task_ids(edited.id, written) if tasks else [f"{edited.id}/{item['id']}" for item in written]
    if len(set(ids)) != len(ids):
        return None
    index_of = {item_id: index for index, item_id in enumerate(ids)}
    made = {}
    replaced = []
    for item in getattr(edited, field_name):
        index = index_of.get(item.id)
        ours = index is not None and (not tasks or item.path == document.path)
        if ours and (moved or index in changes or field_name == "key_results"):
            data = written[index]
            item = copy.copy(item)
            if tasks:
                item.status, item.assignee, item.estimate = (
                    data.get("status", "todo"), data.get("assignee", ""), data.get("estimate"))
                item.location = document.source.locate(("tasks", index, "id" if "id" in data else "title"))
            else:
                item.location = document.source.locate((field_name, index, "id"))
            if field_name == "hypotheses":
                item.statement, item.status = data["statement"], data.get("status", "untested")
            if field_name == "key_results":
                item.title, item.status = data["title"], data.get("status")
                item.metric, item.unit = data.get("metric", ""), data.get("unit", "")
                item.confidence = data.get("confidence")
                item.start, item.target, item.weight = data.get("start"), data.get("target"), data.get("weight", 1.0)
                item.checkins = _checkins(data)
                item.current = data.get("current")
                if item.current is None and item.is_numeric:  # as _nested_okrs makes it
                    item.current = item.checkins[-1].value if item.checkins else item.start
            made[item.id] = item
        elif field_name == "key_results":
            item = copy.copy(item)
            made[item.id] = item
        replaced.append(item)
    setattr(edited, field_name, replaced)
    return made


def _placed_again(before: Document, after: Document, leave_out: set[tuple],
                  diagnostics: list[Diagnostic] | None) -> tuple[dict[int, int], list[Diagnostic]] | None:
    """(lines moved, diagnostics moved with them) when every value outside `leave_out` is written
    where it was or only on other lines (_line_shift) and the Markdown's links are the same; None
    when a whole check must place what moved."""
    lines = _line_shift(before.source, after.source, leave_out)
    if lines is None:
        return None
    signature, signature_after = _link_signature(before), _link_signature(after)
    if (signature[0], signature[2]) != (signature_after[0], signature_after[2]):
        return None
    if lines:  # values written lower (a check-in added, a title folded): what points at them moves
        moved = _moved_with(diagnostics, after.path, lines) if diagnostics is not None else None
        return None if moved is None else (lines, moved)
    if signature[1] != signature_after[1]:
        return None  # the body starts elsewhere while no value moved: a whole check places its links
    return lines, list(diagnostics) if diagnostics is not None else []


def _line_shift(was, now, leave_out: set[tuple]) -> dict[int, int] | None:
    """{} when every value and key outside `leave_out` is written where it was; else, when each
    is written at the same column, maybe on another line, the line each of their lines is now
    (in order: lines were added or removed in between); None when anything else moved."""
    kept_was, kept_now = _positions(was, leave_out), _positions(now, leave_out)
    if kept_was == kept_now:
        return {}
    lines: dict[int, int] = {}
    for table_was, table_now in zip(kept_was, kept_now):
        if table_was.keys() != table_now.keys():
            return None
        for path, (line, column, length) in table_was.items():
            line_now, column_now, length_now = table_now[path]
            if (column_now, length_now) != (column, length) or lines.setdefault(line, line_now) != line_now:
                return None
    order = sorted(lines.items())
    if any(later[1] <= earlier[1] for earlier, later in itertools.pairwise(order)):
        return None
    return lines


def _moved_with(diagnostics: list[Diagnostic], path: str, lines: dict[int, int]) -> list[Diagnostic] | None:
    """The diagnostics with those in `path` moved to the lines its values moved to; None when one
    is at a line no value is on, or any message quotes that file (a line of it may be named)."""
    moved = []
    for diagnostic in diagnostics:
        if path in diagnostic.message:
            return None
        where = diagnostic.location
        if where.file == path and lines.get(where.line, where.line) != where.line:
            if where.line == 1:
                return None  # the file as a whole, or its first key, which moved: not known which
            diagnostic = dataclasses.replace(diagnostic, location=dataclasses.replace(where, line=lines[where.line]))
        elif where.file == path and where.line not in lines and where.line != 1:
            return None  # on a line no value of the file is on (in the body): where it went is not known
        moved.append(diagnostic)
    return moved


def _asked_again(rule_id: str, rule, objective: Objective, document: Document, config: SiteConfig, site: Site,
                 diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics with health rule `rule_id` asked again about `objective` (written in
    `document`), whose key results changed what it reads."""
    linker = Linker(config, [], {}, site)
    linker.doc_of[objective.id] = document
    rule(linker, [objective])
    kept = [d for d in diagnostics if not (d.code == rule_id and d.location.file == objective.path)]
    return sorted_diagnostics(kept + linker.diagnostics)


def _task_ids(milestone_id: str, written: list[dict]) -> list[str]:
    """The ids _add_task gives a milestone's nested tasks."""
    return [f"{milestone_id}/{item.get('id') or slug(item['title']) or f'task-{index + 1}'}"
            for index, item in enumerate(written)]


def _rolled_up(site: Site, milestone: Milestone, previous: Site) -> list[str]:
    """rule_rollups for what an edited milestone (already in `site`, its completion made) feeds:
    the progress of the key results it serves and of their objectives, as copies put in `site`
    (whose objective and key result tables are its own). The ids of the objectives that changed."""
    objective_ids = sorted({site.key_results[kr_id].objective_id for kr_id in milestone.key_result_ids
                            if kr_id in site.key_results})
    changed = []
    for objective_id in objective_ids:
        objective = _own_objective(site, objective_id)
        _roll_up_objective(objective, site.milestones)
        if objective != previous.objectives[objective_id]:
            changed.append(objective_id)
    return changed


def _roll_up_objective(objective: Objective, milestones: dict[str, Milestone]) -> None:
    """rule_rollups for one objective whose key results are its own (not shared with another Site)."""
    for kr in objective.key_results:
        kr.progress = kr_progress(kr, milestones)
    counted = objective.counted_krs
    objective.progress = weighted_mean([(kr.weight, kr.progress) for kr in counted]) or 0.0
    objective.grade = weighted_mean([(kr.weight, kr.grade) for kr in counted if kr.grade is not None])


def _positions(source, leave_out: set[tuple]) -> tuple[dict, dict]:
    """Where every value and key is written, but those under the paths `leave_out`."""
    lengths = sorted({len(path) for path in leave_out})

    def keep(table: dict) -> dict:
        return {path: where for path, where in table.items()
                if not any(path[:n] in leave_out for n in lengths if len(path) >= n)}
    return keep(source.values), keep(source.keys)


def _link_signature(document: Document):
    """What rule_body_links reads of a document's top-level Markdown: whether the body is empty,
    where it starts, and its links (with their positions in the text)."""
    data = document.data
    if document.body.strip() or document.kind == "page":
        return bool(document.body.strip()), document.body_line, extract_links(document.body, document.path)
    text = data.get("description", "")
    return False, document.source.locate(("description",)).line, (
        extract_links(text, document.path) if isinstance(text, str) else text)


def unavailable_ids(documents: list[Document]) -> dict[str, str | None]:
    """Ids that documents claim even though they failed validation, with the kind each would be
    (nested KRs and hypotheses too, when their ids can be read), to avoid follow-on errors."""
    ids: dict[str, str | None] = {}
    for document in documents:
        data = document.data if isinstance(document.data, dict) else {}
        own = data["id"] if isinstance(data.get("id"), str) else document.stem
        if not is_id(own):
            continue  # `id: ../../etc` is reported as a schema error and claims nothing
        if document.kind == "task":
            milestone = data.get("milestone")
            if isinstance(milestone, str):
                ids[f"{milestone}/{own}"] = "task"
            continue
        ids[own] = document.kind
        groups = {"objective": (("key_results", "key result"), ("hypotheses", "hypothesis")),
                  "milestone": (("tasks", "task"),)}.get(document.kind, ())
        for field_name, kind in groups:
            items = data.get(field_name)
            for item in items if isinstance(items, list) else []:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    ids[f"{own}/{item['id']}"] = kind
    return ids
