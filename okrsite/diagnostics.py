"""Diagnostics: positioned findings made by any stage and printed in one place.

Every stage returns diagnostics as values instead of raising, so `check` can report all
of them at once and `build` can refuse to write anything when one is an error.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Callable, Iterable, Sequence
from urllib.parse import quote as url_quote

from okrsite.frozen import quick_init


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


# Every code of spec sections 8, 12 and 13, with its usual severity; nothing else may be
# reported. The health rules (okrsite/rules.py) are reported with the severity the site
# sets for them; this is the severity they have when they are on and nothing else is said.
CODES: dict[str, Severity] = {
    "yaml-syntax": Severity.ERROR,
    "schema": Severity.ERROR,
    "duplicate-id": Severity.ERROR,
    "unknown-ref": Severity.ERROR,
    "wrong-kind-ref": Severity.ERROR,
    "unknown-sprint": Severity.ERROR,
    "bad-dates": Severity.ERROR,
    "dependency-cycle": Severity.ERROR,
    "kr-without-milestone": Severity.WARNING,
    "outside-quarter": Severity.WARNING,
    "starts-before-dependency": Severity.WARNING,
    "task-outside-milestone": Severity.WARNING,
    "parent-cycle": Severity.ERROR,
    "parent-outside-period": Severity.WARNING,
    "too-many-objectives": Severity.WARNING,
    "too-many-key-results": Severity.WARNING,
    "objective-without-owner": Severity.WARNING,
    "stale-checkin": Severity.WARNING,
    "ungraded": Severity.WARNING,
    "unaligned": Severity.WARNING,
    "output-key-result": Severity.WARNING,
    "single-sprint-milestone": Severity.WARNING,
}

# What each check finds and how to fix it, in Markdown: the rules of `check --format sarif`
# and the "Checks" table of docs/authoring.md (a test keeps the two equal).
RULE_HELP: dict[str, tuple[str, str]] = {
    'yaml-syntax': (
        'the YAML or the front matter does not parse (an unquoted `: ` in a value, tabs, a `---` never closed, a duplicate key, not UTF-8)',
        'quote values that contain `: ` or start with a special character; indent with spaces; close the front matter with `---`'),
    'schema': (
        'a field is missing, unknown (with the nearest known field), of the wrong type or outside its allowed values; a file name that is not a valid id; a file under `content/` that okrsite cannot place',
        'fix the field as the message says; rename the file to the suggested id; move stray files into a kind folder (or name them `README.md`)'),
    'duplicate-id': (
        'two entities share an id (both places are named)',
        'rename one file or `id`; ids are unique across all kinds'),
    'unknown-ref': (
        'a reference, `[[link]]` or relative `.md` link leads nowhere',
        'use the suggested id; remember `PARENT/LOCAL` for key results and hypotheses'),
    'wrong-kind-ref': (
        'a reference names the wrong kind (a milestone where a key result is expected)',
        'point it at an entity of the expected kind, often a child like `build-trust/kr1` instead of `build-trust`'),
    'unknown-sprint': (
        'a sprint id the calendar does not have (or no sprints are configured)',
        'use an existing sprint, or add `calendar.sprints` to `okrsite.yaml`'),
    'bad-dates': (
        '`due` before `start`, a reversed sprint range, an impossible date, overlapping explicit sprints',
        'swap or correct the dates; write dates as `YYYY-MM-DD`'),
    'dependency-cycle': (
        '`depends_on` forms a cycle (printed)',
        'remove one dependency of the cycle'),
    'kr-without-milestone': (
        'a key result no (non-dropped) milestone serves: the OKR has no path to delivery. Objectives with status `dropped` and key results with status `dropped` are not checked',
        "add its id to a milestone's `key_results` (`okrsite new milestone` picks such a key result)"),
    'outside-quarter': (
        "a scheduled milestone lies wholly outside the quarters of its key results' objectives",
        'move it into the quarter, or link it to the key results it really serves'),
    'starts-before-dependency': (
        'a milestone starts on or before the due date (last day) of a milestone it depends on',
        'start it after the dependency ends, or drop the dependency'),
    'task-outside-milestone': (
        "a task's sprint lies outside its milestone's span",
        "move the task's sprint, or widen the milestone"),
    'parent-cycle': (
        'a chain of `parent`s loops (the loop is printed, at its first member by id), or an objective names itself',
        'remove one `parent` of the loop'),
    'parent-outside-period': (
        'warning',
        'see [Alignment](#alignment-commitment-and-grades) | the `parent` value'),
}


def rule_help(code: str) -> tuple[str, str]:
    """(when it reports, how to fix it) in Markdown: the Checks table, or for a health rule
    (okrsite/rules.py) its summary and where to configure it."""
    if code in RULE_HELP:
        return RULE_HELP[code]
    from okrsite.rules import BY_ID

    rule = BY_ID.get(code)
    when = rule.summary if rule else code
    return when, (f"change what the message names, or set `{code}` under `rules:` in `okrsite.yaml` "
                  "(error, warning or off; see the authoring guide's Health rules)")

# `check --format json`: {"format": JSON_FORMAT, "version": JSON_VERSION, ...} (docs/ci.md).
JSON_FORMAT = "okrsite-check"
JSON_VERSION = 1


MAX_QUOTED = 60  # characters of an author's value quoted in a message
MAX_MESSAGE = 1000  # no message is longer, whatever it quotes


@quick_init  # a check of a large site makes hundreds of thousands
@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file: `file` is site-relative in `/` form, line/column from 1."""

    file: str
    line: int = 1
    column: int = 1
    length: int = 1


@dataclass(frozen=True)
class Diagnostic:
    code: str
    message: str
    location: Location
    severity: Severity = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown diagnostic code {self.code!r}")
        if len(self.message) > MAX_MESSAGE:  # a value that did not go through quote(): still one line
            object.__setattr__(self, "message", shorten(self.message, MAX_MESSAGE))
        if self.severity is None:
            object.__setattr__(self, "severity", CODES[self.code])

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.message)

    def fields(self) -> list:
        """As plain values, for the build cache (from_fields reads them back)."""
        loc = self.location
        return [self.code, self.message, loc.file, loc.line, loc.column, loc.length, self.severity.value]

    @classmethod
    def from_fields(cls, fields) -> "Diagnostic":
        """What fields() wrote; ValueError for anything else (the cache is never trusted)."""
        code, message, file, line, column, length, severity = fields
        if not (isinstance(code, str) and code in CODES and isinstance(message, str) and isinstance(file, str)
                and all(type(n) is int for n in (line, column, length))):
            raise ValueError("not a diagnostic")
        return cls(code, message, Location(file, line, column, length), Severity(severity))

    def as_dict(self) -> dict:
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": loc.file,
            "line": loc.line,
            "column": loc.column,
        }


class UsageError(Exception):
    """The command cannot run at all (exit status 2): missing okrsite.yaml, bad flags."""


def quote(value: object, limit: int = MAX_QUOTED) -> str:
    """An author's value as a message quotes it: in single quotes, a long one cut to its start and
    end with its length, so a 1 MB value still makes a short one-line message.

    Every message that repeats what an author wrote (a value, an id, a key, a reference, a file
    name) goes through here; nothing else shortens values.
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4 * limit:
        # str() of a huge int is slow and limited (4300 digits): say how long it is instead
        return f"a number of about {int(value.bit_length() * 0.30103):,} digits"
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return f"'{text}'"
    return f"'{shorten(text, limit)}' ({len(text):,} characters)"


def shorten(text: str, limit: int = MAX_QUOTED) -> str:
    """`text` cut to its first and last characters around an ellipsis when longer than `limit`."""
    if len(text) <= limit:
        return text
    head = limit * 2 // 3
    return f"{text[:head]}…{text[len(text) - (limit - head - 1):]}"


COMPARED = 100  # characters of a word and its candidates compared for "did you mean"


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The nearest candidate, for "did you mean" hints; None when nothing is close.

    Only the first characters are compared: difflib's cost grows with the product of the
    lengths, and a value of a megabyte is not a typo of anything."""
    by_key: dict[str, str] = {}
    folded = _folded(word[:COMPARED])
    for candidate in sorted(set(candidates)):
        key = _folded(candidate[:COMPARED])
        if key == folded:  # the same but for case, spaces or '_': Platform, Share Referrals
            return candidate
        by_key.setdefault(key, candidate)
    matches = difflib.get_close_matches(folded, list(by_key), n=1, cutoff=0.6)
    return by_key[matches[0]] if matches else None


def _folded(text: str) -> str:
    """A word as "did you mean" compares it: lower case, runs of spaces and '_' as '-'."""
    return re.sub(r"[\s_]+", "-", text.strip().lower())


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    best = suggest(word, candidates)
    return f"; did you mean {quote(best)}?" if best else ""


class Hints:
    """"Did you mean" for every finding of one run, in time linear in the input.

    Each hint compares a word with every candidate, so n broken references in a site of n ids
    cost n^2 comparisons. A run gets a budget of comparisons (making a candidate list counts
    too); hints are remembered per word and list, and once the budget is spent the remaining
    findings are reported without one: the first ones, which a reader fixes first, keep theirs.
    """

    def __init__(self, budget: int = 100_000):
        self.left = budget
        self._lists: dict = {}
        self._found: dict = {}

    def candidates(self, key, make: Callable[[], Sequence[str]], cost: int) -> Sequence[str] | None:
        """The candidate list named `key`, made once (`cost`: about how many items `make` reads)."""
        if key not in self._lists:
            if self.left < cost:
                return None
            self.left -= cost
            self._lists[key] = list(make())
        return self._lists[key]

    def spend(self, cost: int) -> bool:
        """Whether `cost` comparisons are left (and if so, they are taken)."""
        if self.left < cost:
            return False
        self.left -= cost
        return True

    def did_you_mean(self, word: str, key, make: Callable[[], Sequence[str]], cost: int) -> str:
        if (word, key) in self._found:
            return self._found[word, key]
        candidates = self.candidates(key, make, cost)
        if candidates is None or not self.spend(len(candidates)):
            return ""
        self._found[word, key] = hint = did_you_mean(word, candidates)
        return hint


def sorted_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    unique = {(d.sort_key(), d.severity): d for d in diagnostics}
    return [unique[k] for k in sorted(unique)]


def counts(diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    errors = sum(1 for d in diagnostics if d.is_error)
    return errors, len(diagnostics) - errors


# --- formatting -------------------------------------------------------------------------

def use_colour(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


class _Paint:
    def __init__(self, enabled: bool):
        self.enabled = enabled

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text


_SHOWN_SUFFIXES = (".md", ".yaml", ".yml")  # other files (images, binaries) are named, not shown
_MAX_SHOWN = 100  # characters of a source line shown around the caret


# C0 and C1 controls (ESC starts terminal sequences, BEL rings) and the bidirectional controls
# that reorder what follows them on the line (U+202E makes "gpj.exe" read "exe.jpg").
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Author text as a terminal may show it: control characters become U+FFFD."""
    return _UNPRINTABLE.sub("\ufffd", text)


def _source_line(site_dir: Path | None, loc: Location, cache: dict) -> str | None:
    if site_dir is None or not loc.file.endswith(_SHOWN_SUFFIXES):
        return None
    if loc.file not in cache:
        try:
            root = site_dir.resolve()
            path = (site_dir / loc.file).resolve(strict=True)
            if not path.is_relative_to(root) or not path.is_file() or any(
                    part.startswith(".") for part in path.relative_to(root).parts):
                raise OSError("outside the site")  # never echo a file a link leads to (nor .env, .git/)
            raw = path.read_bytes().decode("utf-8-sig", errors="replace")
            cache[loc.file] = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop (Python < 3.13)
            cache[loc.file] = None
    lines = cache[loc.file]
    if lines is None or not (1 <= loc.line <= len(lines)):
        return None
    return lines[loc.line - 1]


def format_text(diagnostics: Sequence[Diagnostic], site_dir: Path | None, colour: bool) -> str:
    paint = _Paint(colour)
    out: list[str] = []
    cache: dict = {}
    for d in diagnostics:
        loc = d.location
        sev = paint(d.severity.value, "1;31" if d.is_error else "1;33")
        place = printable(f"{loc.file}:{loc.line}:{loc.column}")
        out.append(f"{paint(place, '1')}: {sev}[{d.code}] {printable(d.message)}")
        line = _source_line(site_dir, loc, cache)
        if line is not None:
            column = loc.column
            # The window around the caret is cut from the line first, and only the window is
            # made printable: many findings on one long line (a 1 MB flow list) used to copy
            # the whole line each.
            first = max(0, min(column - 1 - _MAX_SHOWN // 2, len(line) - _MAX_SHOWN))
            expanded = printable(line[first:first + _MAX_SHOWN].replace("\t", " "))
            if first or first + _MAX_SHOWN < len(line):  # marked with ellipses
                expanded = ("…" if first else "") + expanded + ("…" if first + _MAX_SHOWN < len(line) else "")
                column = column - first + (1 if first else 0)
            gutter = str(loc.line)
            pad = " " * len(gutter)
            width = max(1, min(loc.length, len(expanded) - column + 1))
            caret = " " * (column - 1) + "^" * width
            out.append(f"  {paint(gutter, '2')} | {expanded}")
            out.append(f"  {pad} | {paint(caret, '1;31' if d.is_error else '1;33')}")
    return "\n".join(out) + ("\n" if out else "")


def _gh_escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_property(text: str) -> str:
    return _gh_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Sequence[Diagnostic], path_prefix: str = "") -> str:
    """GitHub workflow commands; `path_prefix` makes paths relative to the repository root."""
    out = []
    for d in diagnostics:
        loc = d.location
        command = "error" if d.is_error else "warning"
        file = _gh_escape_property(path_prefix + loc.file)
        out.append(
            f"::{command} file={file},line={loc.line},col={loc.column},"
            f"title={_gh_escape_property(d.code)}::{_gh_escape_data(d.message)}"
        )
    return "\n".join(out) + ("\n" if out else "")


def format_json(diagnostics: Sequence[Diagnostic], path_prefix: str = "") -> str:
    """One object (docs/ci.md): `file` relative to the site (section 11), `path` to the repository."""
    errors, warnings = counts(diagnostics)
    payload = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "errors": errors,
        "warnings": warnings,
        "diagnostics": [{**d.as_dict(), "path": path_prefix + d.location.file} for d in diagnostics],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|~"} | {
    "<": "&lt;", ">": "&gt;", "&": "&amp;", "\n": " ", "\r": " "})
STEP_SUMMARY_LIMIT = 1_000_000  # GitHub refuses a step summary over 1 MiB: stay below it


def md_escape(text: str) -> str:
    """Text shown literally in GitHub Markdown, even inside a table cell."""
    return printable(" ".join(text.splitlines())).translate(_MD_SPECIAL)


def format_markdown(diagnostics: Sequence[Diagnostic], files: int, path_prefix: str = "",
                    link: str = "", limit: int = STEP_SUMMARY_LIMIT) -> str:
    """The complete diagnostics table for a job summary ($GITHUB_STEP_SUMMARY).

    GitHub shows at most 10 error and 10 warning annotations per step; this table has every
    problem. `link` (".../blob/SHA/") makes each place a link to its line. The table stops
    before `limit` bytes with a line saying how many rows were left out.
    """
    errors, warnings = counts(diagnostics)
    heading = f"### okrsite check: {summary_line(diagnostics, files)}\n\n"
    if not diagnostics:
        return heading + "No problems found.\n"
    out = [heading, "| | place | check | problem |\n| --- | --- | --- | --- |\n"]
    size = sum(len(p.encode()) for p in out)
    for shown, d in enumerate(diagnostics):
        loc = d.location
        path = path_prefix + loc.file
        place = md_escape(f"{path}:{loc.line}:{loc.column}")
        if link:
            place = f"[{place}]({link}{url_quote(path)}#L{loc.line})"
        mark = "❌ error" if d.is_error else "⚠️ warning"
        row = f"| {mark} | {place} | `{d.code}` | {md_escape(d.message)} |\n"
        rest = len(diagnostics) - shown
        if size + len(row.encode()) + 200 > limit:
            out.append(f"\n{rest} more not shown (the summary is limited to 1 MiB); "
                       "run `okrsite check` for all of them.\n")
            break
        out.append(row)
        size += len(row.encode())
    return "".join(out)


def format_failure(fmt: str, message: str) -> str:
    """A failure to run (exit status 2) in a machine format, so tools reading it see why."""
    if fmt == "json":
        return json.dumps({"format": JSON_FORMAT, "version": JSON_VERSION,
                           "failure": {"message": message, "exit_status": 2}}, indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        return f"::error title=okrsite could not run::{_gh_escape_data(message)}\n"
    if fmt == "sarif":
        from okrsite.sarif import format_sarif

        return format_sarif([], failure=message)
    raise ValueError(f"no failure format {fmt!r}")


def summary_line(diagnostics: Sequence[Diagnostic], files: int) -> str:
    errors, warnings = counts(diagnostics)
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"


def eprint(*args, **kwargs) -> None:
    print(*args, file=sys.stderr, **kwargs)
