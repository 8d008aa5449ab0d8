"""Changes -> words: the summary line, and `okrsite diff`'s text, Markdown and JSON.

Authors' titles end up in a terminal, in GitHub's job summary (Markdown with HTML) and in JSON;
each output escapes them its own way here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict

from okrsite.diagnostics import STEP_SUMMARY_LIMIT
from okrsite.history.compare import Change
from okrsite.history.records import Schedule

DIFF_FORMAT, DIFF_VERSION = "okrsite-diff", 1
KIND_WORDS = {
    "objective": ("objective", "objectives"), "key-result": ("key result", "key results"),
    "hypothesis": ("hypothesis", "hypotheses"), "milestone": ("milestone", "milestones"),
    "task": ("task", "tasks"), "team": ("team", "teams"), "page": ("page", "pages"),
}
KIND_ORDER = ("objective", "key-result", "hypothesis", "milestone", "task", "team", "page")
MAX_CLAUSES = 8
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def plural(count: int, kind: str) -> str:
    one, many = KIND_WORDS[kind]
    return f"{count} {one if count == 1 else many}"


def number(value) -> str:
    if value is None:
        return "none"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def _day(day: dt.date, year: bool = True) -> str:
    return f"{day:%b} {day.day}, {day.year}" if year else f"{day:%b} {day.day}"


def schedule_label(schedule: Schedule | None) -> str:
    if schedule is None:
        return "unscheduled"
    sprints = "–".join(dict.fromkeys(schedule.sprints))
    if schedule.start is None or schedule.due is None:
        return f"sprints {sprints} (not in the calendar)"
    days = f"{_day(schedule.start, schedule.start.year != schedule.due.year)} – {_day(schedule.due)}"
    return f"{sprints} ({days})" if sprints else days


def shift_label(days: int | None, sprints: int | None, start_days: int | None = None) -> str:
    """"slips 14 days (1 sprint)", "moves 3 days earlier", "due unchanged, starts 7 days later"."""
    if days is None:
        return ""
    unit = lambda n, word: f"{abs(n)} {word}{'' if abs(n) == 1 else 's'}"  # noqa: E731
    if days == 0:
        text = "due unchanged"
        if start_days:
            text += f", starts {unit(start_days, 'day')} {'later' if start_days > 0 else 'earlier'}"
        return text
    sprint_part = f" ({unit(sprints, 'sprint')})" if sprints else (" (same sprint)" if sprints == 0 else "")
    if days > 0:
        text = f"slips {unit(days, 'day')}{sprint_part}"
    else:
        text = f"moves {unit(days, 'day')} earlier{sprint_part}"
    if start_days is not None and start_days != days:
        text += f"; starts {unit(start_days, 'day')} {'later' if start_days > 0 else 'earlier'}" if start_days \
            else "; start unchanged"
    return text


def value_label(change: Change, value) -> str:
    if change.change == "rescheduled":
        return schedule_label(value)
    if change.change == "relinked":
        parts = []
        for name, item in value or ():
            shown = ", ".join(item) if isinstance(item, tuple) else (item or "none")
            parts.append(f"{name.replace('_', ' ')}: {shown or 'none'}")
        return "; ".join(parts) or "none"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value)
    return "none" if value is None else str(value)


def describe(change: Change) -> str:
    """One change in words, for people: "status planned -> done"."""
    name = change.change
    if name == "added":
        return "added"
    if name == "removed":
        return "removed"
    text = f"{name} {value_label(change, change.before)} -> {value_label(change, change.after)}"
    if name == "rescheduled" and change.days is not None:
        text += f", {shift_label(change.days, change.sprints, change.start_days)}"
    return text


LABELS = {"retitled": "Title", "rescheduled": "Schedule", "retyped": "Type", "status": "Status",
          "requarter": "Quarter", "relinked": "Links", "target": "Target", "current": "Current value",
          "confidence": "Confidence", "grade": "Grade"}


def sentence(change: Change, author=lambda text: text) -> str:
    """One change as a sentence for a page or feed: "Status: planned → in-progress".

    `author` wraps authors' text inside the sentence (old and new titles): pages pass bidi.isolate,
    so a right-to-left title cannot reorder the rest of the sentence."""
    if change.change == "added":
        return "Added"
    if change.change == "removed":
        return "Removed"
    before, after = value_label(change, change.before), value_label(change, change.after)
    if change.change == "retitled":
        before, after = author(before), author(after)
    text = f"{LABELS[change.change]}: {before} → {after}"
    if change.change == "rescheduled" and change.days is not None:
        text += f"; {shift_label(change.days, change.sprints, change.start_days)}"
    return text


# --- the summary line --------------------------------------------------------------------------

def _sprint_words(n: int) -> str:
    return "one sprint" if n == 1 else f"{n} sprints"


def summary(changes: list[Change]) -> str:
    """What a reviewer reads first: "3 milestones slip by one sprint; KR growth/kr2 target lowered 15 -> 12"."""
    if not changes:
        return "no changes to the roadmap"
    clauses: list[str] = []
    moves: Counter = Counter()
    for c in changes:
        if c.change == "rescheduled" and c.kind == "milestone":
            if c.before is None:
                moves[("scheduled",)] += 1
            elif c.after is None:
                moves[("unscheduled",)] += 1
            elif c.sprints:
                moves[("sprints", c.sprints)] += 1
            elif c.days:
                moves[("days", c.days)] += 1
            else:
                moves[("other",)] += 1
    order = sorted(moves, key=lambda k: (k[0] != "sprints", -(k[1] if len(k) > 1 and k[1] > 0 else 0),
                                        k[1] if len(k) > 1 else 0))
    for key in order:
        count = moves[key]
        verb_slip = "slips" if count == 1 else "slip"
        verb_move = "moves" if count == 1 else "move"
        what = plural(count, "milestone")
        if key[0] == "sprints":
            n = key[1]
            clauses.append(f"{what} {verb_slip} by {_sprint_words(n)}" if n > 0
                           else f"{what} {verb_move} earlier by {_sprint_words(-n)}")
        elif key[0] == "days":
            n = key[1]
            unit = "day" if abs(n) == 1 else "days"
            clauses.append(f"{what} {verb_slip} by {n} {unit}" if n > 0 else f"{what} {verb_move} {-n} {unit} earlier")
        elif key[0] == "scheduled":
            clauses.append(f"{what} scheduled")
        elif key[0] == "unscheduled":
            clauses.append(f"{what} unscheduled")
        else:
            clauses.append(f"{what} rescheduled")
    for c in changes:
        if c.change == "target":
            direction = "changed"
            if isinstance(c.before, (int, float)) and isinstance(c.after, (int, float)):
                direction = "raised" if c.after > c.before else "lowered"
            clauses.append(f"KR {c.entity} target {direction} {number(c.before)} -> {number(c.after)}")
        elif c.change == "grade":
            clauses.append(f"KR {c.entity} graded {number(c.after)}")
        elif c.change == "requarter":
            clauses.append(f"objective {c.entity} moved {c.before} -> {c.after}")
    for name in ("added", "removed"):
        counts = Counter(c.kind for c in changes if c.change == name)
        clauses += [f"{plural(counts[kind], kind)} {name}" for kind in KIND_ORDER if counts[kind]]
    statuses: Counter = Counter((c.kind, c.after) for c in changes if c.change == "status")
    for (kind, status), count in sorted(statuses.items(), key=lambda i: (KIND_ORDER.index(i[0][0]), str(i[0][1]))):
        clauses.append(f"{plural(count, kind)} now {status or 'without status'}")
    for name, words in (("current", "current value"), ("confidence", "confidence")):
        count = sum(1 for c in changes if c.change == name)
        if count:
            clauses.append(f"{words} of {plural(count, 'key-result')} updated")
    for name in ("retitled", "retyped", "relinked"):
        counts = Counter(c.kind for c in changes if c.change == name)
        clauses += [f"{plural(counts[kind], kind)} {name}" for kind in KIND_ORDER if counts[kind]]
    if len(clauses) > MAX_CLAUSES:
        rest = len(clauses) - MAX_CLAUSES + 1
        clauses = clauses[:MAX_CLAUSES - 1] + [f"and {rest} more kinds of change"]
    return "; ".join(clauses)


# --- okrsite diff --------------------------------------------------------------------------------

def short(revision: str) -> str:
    return revision[:10] if re.fullmatch(r"[0-9a-f]{40}", revision) else revision


def terminal_safe(text: str) -> str:
    """Authors' text for a terminal: control characters (escape sequences) shown, not obeyed."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def format_text(changes: list[Change], base: str, head: str) -> str:
    lines = [f"okrsite diff {short(base)}..{short(head)}: {terminal_safe(summary(changes))}"]
    current = None
    for change in changes:
        if change.entity != current:
            current = change.entity
            lines.append("")
            lines.append(f"{change.kind} {change.entity}: {terminal_safe(change.title)}")
        lines.append(f"  {terminal_safe(describe(change))}")
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(text: str) -> str:
    """Text for a Markdown table cell: no HTML, no formatting, no line breaks, no cell breaks."""
    text = terminal_safe(" ".join(str(text).split()))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text).replace("@", "&#64;")  # no @mentions from titles


def format_markdown(changes: list[Change], base: str, head: str, limit: int = STEP_SUMMARY_LIMIT) -> str:
    """The pull request's view: the summary line, then a table per kind of entity.

    GitHub refuses a job summary over 1 MiB, so the tables stop before `limit` bytes with a
    line saying how many changes were left out (a bulk import can change thousands)."""
    footer = f"<sub>okrsite diff `{short(base)}`..`{short(head)}`</sub>"
    out = ["## Roadmap changes", "", md(summary(changes)), ""]
    size = sum(len(line.encode()) + 1 for line in out) + len(footer.encode()) + 200
    by_kind: dict[str, list[Change]] = defaultdict(list)
    for change in changes:
        by_kind[change.kind].append(change)
    shown = 0
    for kind in KIND_ORDER:
        rows = by_kind.get(kind)
        if not rows:
            continue
        one, many = KIND_WORDS[kind]
        head_lines = [f"### {many.capitalize()} ({len(rows)})", "",
                      f"| {one.capitalize()} | Change | Before | After |", "| --- | --- | --- | --- |"]
        table: list[str] = []
        for change in rows:
            before = after = ""
            if change.change not in ("added", "removed"):
                before = md(value_label(change, change.before))
                after = md(value_label(change, change.after))
                if change.change == "rescheduled" and change.days is not None:
                    after += f" — **{md(shift_label(change.days, change.sprints, change.start_days))}**"
            row = f"| `{change.entity}` {md(change.title)} | {change.change} | {before} | {after} |"
            cost = len(row.encode()) + 1 + (0 if table else sum(len(h.encode()) + 1 for h in head_lines))
            if size + cost > limit:
                break
            table.append(row)
            size += cost
            shown += 1
        if table:
            out += head_lines + table + [""]
        if shown < len(changes) and len(table) < len(rows):
            command = f"okrsite diff {short(base)}" + (f" {short(head)}" if head != "worktree" else "")
            out += [f"{len(changes) - shown:,} more changes not shown (a job summary is limited to 1 MiB); "
                    f"run `{command}` for all of them.", ""]
            break
    out.append(footer)
    return "\n".join(out) + "\n"


def markdown_failure(reason: str) -> str:
    """Why there is no comparison, for a job summary (the action's diff step)."""
    return f"## Roadmap changes\n\nNo comparison: {md(reason)}\n"


def as_json(changes: list[Change], base: str, head: str) -> dict:
    return {"format": DIFF_FORMAT, "version": DIFF_VERSION, "base": base, "head": head,
            "summary": summary(changes), "changes": [c.as_json() for c in changes]}


def format_json(changes: list[Change], base: str, head: str) -> str:
    return json.dumps(as_json(changes, base, head), indent=2, ensure_ascii=False) + "\n"
