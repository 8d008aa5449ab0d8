"""`okrsite init` (a complete, working site) and `okrsite new` (one file from a template).

Both write only files that do not exist yet (opened with mode "x"), and both produce content
that checks clean in its site: `init` dates its example relative to today so it always sits
in the current quarter, `new` picks references (key result, milestone, team, sprints) from
the site it is run in.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from okrsite import GITHUB_REPOSITORY, __version__

TEMPLATES = "okrsite.templates_scaffold"
KIND_FOLDER = {"objective": "objectives", "milestone": "milestones", "task": "tasks", "team": "teams"}
EXIT_OK, EXIT_FINDINGS = 0, 1

# The editor mapping of .vscode/settings.json: schema -> the .yaml files it describes.
# (yaml-language-server cannot read Markdown front matter; .md files are checked by okrsite.)
# Both `folder/*.yaml` and `folder/**/*.yaml`: glob dialects differ on whether `**/` matches
# no folder at all, and sub-folders of the kind folders are allowed.
def _globs(folder: str) -> list[str]:
    return [f"{folder}/{stars}.{ext}" for stars in ("*", "**/*") for ext in ("yaml", "yml")]


VSCODE_SCHEMAS = {
    "config": ["okrsite.yaml"],
    "objective": _globs("content/objectives"),
    "milestone": _globs("content/milestones"),
    "task": _globs("content/tasks"),
    "team": _globs("content/teams"),
    "page": _globs("content/pages"),
}
SCHEMA_FOLDER = ".okrsite/schemas"


# --- small shared helpers -----------------------------------------------------------------

_PLACEHOLDER = re.compile(r"%%([a-z0-9_]+)%%")


def render(text: str, values: dict) -> str:
    """Fill `%%name%%` placeholders; a placeholder without a value is a bug, not output."""
    def fill(match: re.Match) -> str:
        if match[1] not in values:
            raise KeyError(f"template placeholder %%{match[1]}%% has no value")
        return str(values[match[1]])
    return _PLACEHOLDER.sub(fill, text)


def template(*parts: str) -> str:
    return resources.files(TEMPLATES).joinpath(*parts).read_text(encoding="utf-8")


def yaml_str(text: str) -> str:
    """`text` as a YAML scalar for block context: plain when that reads back the same, else quoted."""
    if text and text == text.strip() and "\n" not in text and not text.startswith(("'", '"', "%", "@", "`", "!", "&", "*", "|", ">", "[", "{", "-", "?", ":", "#")):
        try:
            if yaml.safe_load(f"k: {text}") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def title_from_id(entity_id: str) -> str:
    words = entity_id.replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else "Untitled"


def site_title_from_folder(folder: Path) -> str:
    name = folder.resolve().name
    words = [w for w in re.split(r"[\s_\-.]+", name) if w]
    if not words:
        return "Roadmap"
    title = " ".join(w[:1].upper() + w[1:] for w in words)
    return title if "roadmap" in title.lower() else f"{title} Roadmap"


def write_new(path: Path, text: str) -> bool:
    """Write `text` to a file that must not exist yet; False when it does."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        return False
    return True


def shown(path: Path) -> str:
    try:
        rel = path.resolve().relative_to(Path.cwd().resolve())
        return "." if str(rel) == "." else rel.as_posix()
    except ValueError:
        return str(path)


# --- okrsite init -------------------------------------------------------------------------

def nearest_monday(day: dt.date) -> dt.date:
    """The Monday closest to `day` (Monday itself; Tue-Thu go back, Fri-Sun go forward)."""
    weekday = day.weekday()
    return day - dt.timedelta(days=weekday) if weekday <= 3 else day + dt.timedelta(days=7 - weekday)


# Example check-in values of the three numeric key results, one per finished sprint.
_CHECKINS = {
    "checkins_activation": [36, 38, 39, 41, 43, 44],
    "checkins_page_load": [1780, 1620, 1350, 1180, 1100, 1040],
    "checkins_tickets": [121, 118, 117, 110, 101, 95],
}
# The example's milestones by sprint span (see templates_scaffold/site/content/milestones/).
_SPANS = [(1, 1), (1, 2), (2, 3), (3, 5), (4, 6)]


def example_values(today: dt.date, title: str, site: str = ".") -> dict:
    """Placeholder values of the init scaffold: dates relative to `today`'s quarter; `site` is
    the site folder relative to the git repository's root (where the workflows run)."""
    from okrsite.calendar import Calendar

    quarter = Calendar(1).quarter_of(today)
    first = nearest_monday(quarter.start)

    def span(a: int, b: int) -> tuple[dt.date, dt.date]:
        return first + dt.timedelta(days=14 * (a - 1)), first + dt.timedelta(days=14 * b - 1)

    def status(a: int, b: int) -> str:
        start, end = span(a, b)
        return "done" if end < today else ("in-progress" if start <= today else "planned")

    def task_status(n: int) -> str:
        start, end = span(n, n)
        return "done" if end < today else ("doing" if start <= today else "todo")

    values = {
        "title": yaml_str(title),
        "title_comment": title.replace("\n", " "),
        "title_md": title.replace("\n", " "),
        "today": today.isoformat(),
        "quarter": quarter.id,
        "sprint_start": first.isoformat(),
        "review_date": span(4, 4)[0].isoformat(),
        "version": __version__,
        "action": GITHUB_REPOSITORY,
        "site": yaml_str(site),
    }
    for a, b in _SPANS:
        values[f"status_s{a}_s{b}"] = status(a, b)
    for n in range(1, 7):
        values[f"task_s{n}"] = task_status(n)
    # A check-in on the second Friday of every sprint that has passed it (and lies in the quarter).
    dates = [first + dt.timedelta(days=14 * i - 3) for i in range(1, 7)]
    dates = [d for d in dates if quarter.start <= d <= today]
    for key, numbers in _CHECKINS.items():
        if dates:
            lines = "".join(f"\n      - {{date: {d.isoformat()}, value: {v}}}" for d, v in zip(dates, numbers))
            values[key] = "\n    checkins:" + lines
        else:
            values[key] = ""
    return values


def site_files(values: dict) -> list[tuple[str, str]]:
    """(site-relative path, text) of every file init writes, templates first."""
    root = resources.files(TEMPLATES).joinpath("site")
    found: list[tuple[str, str]] = []

    def walk(node, parts: tuple[str, ...]) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.name == "__pycache__" or child.name.endswith(".pyc"):
                continue
            name = "." + child.name[4:] if child.name.startswith("dot-") else child.name
            if child.is_dir():
                walk(child, parts + (name,))
            else:
                found.append(("/".join(parts + (name,)), render(child.read_text(encoding="utf-8"), values)))

    walk(root, ())
    from okrsite.validate import SCHEMA_NAMES, bundled

    for name in SCHEMA_NAMES:
        found.append((f"{SCHEMA_FOLDER}/{name}.json", json.dumps(bundled(name), indent=2) + "\n"))
    settings = {"yaml.schemas": {f"./{SCHEMA_FOLDER}/{name}.json": globs for name, globs in VSCODE_SCHEMAS.items()}}
    found.append((".vscode/settings.json", json.dumps(settings, indent=2) + "\n"))
    order = {"okrsite.yaml": 0, "README.md": 1}
    found.sort(key=lambda item: (order.get(item[0], 2), item[0].startswith("."), item[0]))
    return found


# --- okrsite new --------------------------------------------------------------------------

@dataclass
class NewFile:
    text: str
    notes: list[str]


def used_ids(checked) -> dict[str, str]:
    """Every top-level id the site's files claim (valid or not) -> "the KIND PATH" that claims it."""
    used: dict[str, str] = {}
    for document in checked.documents:
        data = document.data if isinstance(document.data, dict) else {}
        claimed = data["id"] if isinstance(data.get("id"), str) else document.stem
        used.setdefault(claimed, f"the {document.kind} {document.path}")
    return used


def _team_line(site, preferred: str | None) -> tuple[str, list[str]]:
    """The `team:` line of a new objective or milestone, and what to tell the user about it."""
    teams = sorted(site.teams)
    team = preferred if preferred in site.teams else (teams[0] if teams else None)
    if site.config.teams_required:
        if team is None:
            return ("\nteam: team-id                    # TODO: set to a team id; create one with: okrsite new team ID",
                    [("team: the site has no team yet but teams_required is true: create one with "
                      "`okrsite new team ID` and set team:; the check fails until then")])
        return f"\nteam: {team}", [f"team: {team} (teams_required is true); change it if another team owns this"]
    if team is not None and preferred in site.teams:
        return f"\nteam: {team}", []
    if teams:
        return f"\n# team: {teams[0]}", []
    return "", []


def _upcoming_sprints(calendar, today: dt.date):
    """The current sprint and the next one (or the next two when today is in none)."""
    if not calendar.has_sprints:
        return []
    found = calendar.sprints_between(today, today + dt.timedelta(days=400))
    return found[:2]


def _current_objectives(site):
    quarter = site.current_quarter.id
    return sorted((o for o in site.objectives.values() if o.quarter == quarter and o.status != "dropped"),
                  key=lambda o: o.id)


def _new_objective(site, new_id: str, title: str) -> NewFile:
    team_line, notes = _team_line(site, None)
    values = {"title": yaml_str(title), "quarter": site.current_quarter.id, "team_line": team_line}
    notes = [f"quarter: {site.current_quarter.id} (the current quarter)"] + notes
    notes.append(f"next: a milestone that serves {new_id}/kr1, e.g. okrsite new milestone ID "
                 "(until then the check warns kr-without-milestone)")
    return NewFile(render(template("new", "objective.md"), values), notes)


def _pick_key_result(site):
    """The first key result of the current quarter no milestone serves yet, else the first one."""
    krs = [kr for o in _current_objectives(site) for kr in o.key_results]
    for kr in krs:
        if not any(site.milestones[m].status != "dropped" for m in kr.milestone_ids):
            return kr, "the first key result of the current quarter that no milestone serves yet"
    if krs:
        return krs[0], "the first key result of the current quarter"
    return None, ""


def _new_milestone(site, new_id: str, title: str) -> NewFile:
    config = site.config
    notes: list[str] = []
    kr, why = _pick_key_result(site)
    if kr is not None:
        objective = site.objectives[kr.objective_id]
        key_result, comment = kr.id, ""
        notes.append(f"key_results: [{kr.id}] ({why}); change it if this milestone serves another")
        hypotheses = [h.id for h in objective.hypotheses if kr.id in h.key_result_ids]
        hypothesis_line = f"\n# hypothesis: {hypotheses[0]}" if hypotheses else ""
        team_line, team_notes = _team_line(site, objective.team_id)
    else:
        key_result = "objective-id/kr1"
        comment = ("   # TODO: the key result this milestone serves, like build-trust/kr1; "
                   "okrsite check fails until it is set")
        others = sorted(site.key_results)
        example = f" (for example {others[0]})" if others else ""
        notes.append(f"key_results: no objective of the current quarter ({site.current_quarter.id}) has a key "
                     f"result, so this is a placeholder: set it to the key result the milestone serves{example}; "
                     "the check fails until you do")
        hypothesis_line = "\n# hypothesis: objective-id/h1"
        team_line, team_notes = _team_line(site, None)
    notes += team_notes
    sprints = _upcoming_sprints(config.calendar, config.today)
    if sprints:
        ids = ", ".join(s.id for s in sprints)
        schedule = (f"sprints: [{ids}]" + " " * max(1, 33 - len(f"sprints: [{ids}]"))
                    + "# first and last sprint, inclusive; or start: and due: dates instead")
        task_sprint = f"\n    sprint: {sprints[0].id}"
        what = "the current sprint and the next" if sprints[0].start <= config.today else "the next sprints"
        notes.append(f"sprints: [{ids}] ({what})")
    else:
        start, due = config.today, config.today + dt.timedelta(days=27)
        schedule = f"start: {start.isoformat()}\ndue: {due.isoformat()}"
        task_sprint = ""
        why = "the calendar has no upcoming sprints" if config.calendar.has_sprints else "okrsite.yaml defines no sprints"
        notes.append(f"start: {start}, due: {due} (four weeks from today; {why})")
    values = {
        "title": yaml_str(title), "key_result": key_result, "key_result_comment": comment,
        "hypothesis_line": hypothesis_line, "team_line": team_line, "schedule": schedule,
        "task_sprint": task_sprint,
    }
    return NewFile(render(template("new", "milestone.md"), values), notes)


def _pick_milestone(site):
    """The milestone a new task most likely belongs to, and why."""
    today = site.config.today
    open_ = [m for m in site.milestones.values() if m.status not in ("done", "dropped")]
    running = [m for m in open_ if m.scheduled and m.start <= today <= m.end]
    if running:
        return max(running, key=lambda m: (m.start, m.id)), "the most recently started milestone running today"
    upcoming = [m for m in open_ if m.scheduled and m.start > today]
    if upcoming:
        return min(upcoming, key=lambda m: (m.start, m.id)), "the next milestone to start"
    if open_:
        scheduled = [m for m in open_ if m.scheduled]
        if scheduled:
            return max(scheduled, key=lambda m: (m.end, m.id)), "the most recently scheduled open milestone"
        return min(open_, key=lambda m: m.id), "the first open milestone"
    if site.milestones:
        return max(site.milestones.values(), key=lambda m: (m.end or dt.date.min, m.id)), "the most recent milestone"
    return None, ""


def _new_task(site, new_id: str, title: str) -> NewFile:
    calendar, today = site.config.calendar, site.config.today
    milestone, why = _pick_milestone(site)
    notes: list[str] = []
    sprint_line = ""
    if milestone is None:
        values_milestone = "milestone-id"
        comment = "   # TODO: the id of the milestone this task belongs to; okrsite check fails until it is set"
        notes.append("milestone: the site has no milestone yet, so this is a placeholder: create one with "
                     "`okrsite new milestone ID` and set milestone:; the check fails until you do")
        current = calendar.sprint_at(today) if calendar.has_sprints else None
        if current:
            sprint_line = f"\nsprint: {current.id}"
    else:
        values_milestone, comment = milestone.id, ""
        notes.append(f"milestone: {milestone.id} ({why}: {milestone.title}); change it if the task belongs elsewhere")
        sprint = calendar.sprint_at(today) if calendar.has_sprints else None
        if milestone.scheduled and (sprint is None or sprint.end < milestone.start or sprint.start > milestone.end):
            sprint = calendar.sprint_at(milestone.start) if calendar.has_sprints else None
        if sprint is not None:
            sprint_line = f"\nsprint: {sprint.id}"
            notes.append(f"sprint: {sprint.id}")
    values = {"milestone": values_milestone, "milestone_comment": comment, "title": yaml_str(title),
              "sprint_line": sprint_line}
    return NewFile(render(template("new", "task.md"), values), notes)


def modeline(site_dir: Path, rel: str, name: str) -> str:
    """The yaml-language-server line that maps the file `rel` to its schema, or "" when the site
    has no editor schemas. The server resolves the path against the file's own folder."""
    if not (site_dir / SCHEMA_FOLDER / f"{name}.json").is_file():
        return ""
    up = "../" * rel.count("/")
    return f"# yaml-language-server: $schema={up}{SCHEMA_FOLDER}/{name}.json\n"


def _new_team(site, new_id: str, title: str) -> NewFile:
    line = modeline(site.config.site_dir, f"content/{KIND_FOLDER['team']}/{new_id}.yaml", "team")
    text = render(template("new", "team.yaml"), {"id": new_id, "title": yaml_str(title), "modeline": line})
    notes = [f"join objectives and milestones to it with team: {new_id}"]
    if not line:
        notes.append(f"for checks as you type, write the editor schemas once: okrsite schema --out {SCHEMA_FOLDER}")
    return NewFile(text, notes)


BUILDERS = {"objective": _new_objective, "milestone": _new_milestone, "task": _new_task, "team": _new_team}
