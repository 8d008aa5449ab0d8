"""`okrsite import-csv`: a harvesting workshop's milestone-candidates.csv -> milestone files.

Every row is resolved against the site first (its type, its key results, its hypothesis,
its id); a row that cannot be imported is reported with its line number, its column and the
reason. Nothing is written while any row is bad, unless --skip-bad-rows; --dry-run writes
nothing at all. Each good row becomes content/milestones/<slug-of-title>.md with its votes and
cluster: a milestone candidate (status: candidate, content format section 12), or a planned
milestone when the row has sprints.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from okrsite.diagnostics import COMPARED, MAX_MESSAGE, Hints, UsageError, printable, shorten

EXIT_OK, EXIT_FINDINGS = 0, 1

# Canonical column -> accepted header spellings, compared without case, spaces, '_' or '-'.
COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("Milestone", "Title", "Name", "Milestone title", "Milestone name", "Candidate", "Milestone candidate"),
    "type": ("Type", "Milestone type", "Kind"),
    "key_results": ("KR", "KRs", "Key Result", "Key Results", "KR link", "Link", "KR id", "KR ids", "Linked KR"),
    "hypothesis": ("Hypothesis", "Hypothesis id", "Hypothesis statement"),
    "cluster": ("Cluster", "Theme"),
    "votes": ("Votes", "Vote", "Dot votes", "Priority votes", "Dots"),
    "objective": ("Objective", "Objective id", "Objective title"),
    "team": ("Team", "Team id"),
    "owner": ("Owner",),
    "sprints": ("Sprints", "Sprint"),
    "id": ("Id", "Milestone id", "Slug"),
    "notes": ("Notes", "Note", "Description"),
}
REQUIRED = ("title", "type", "key_results")
COLUMN_WHAT = {"title": "title", "type": "type", "key_results": "KR link"}
TYPES = {"epic": "epic", "spike": "spike", "enabler": "enabler", "signaltest": "signal-test"}
DELIMITERS = (",", ";", "\t")


def _header_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


_ALIASES = {_header_key(spelling): canon for canon, spellings in COLUMNS.items() for spelling in spellings}

_OPEN_QUOTES = "\"“„«"
_CLOSE_QUOTES = "\"”“»"
# The prose patterns read text whose whitespace `_spaced` has collapsed to single spaces, and
# each place allows at most one space: `\s*#?\s*` let a run of 25,000 spaces be split in 25,000^2
# ways before failing (13 s for one cell, issue 9 item 15). `\Z`, not `$`: no final newline.
_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_REF = re.compile(rf"{_ID}/{_ID}\Z")
_LOCAL = re.compile(rf"{_ID}\Z")
_LINK_TAIL = r" (?:of|in|for|from|under) (?:the )?(?:objective\b ?:? ?)?(.+)\Z"
_PROSE_KR = re.compile(rf"(?:kr|key ?result) ?#? ?({_ID})" + _LINK_TAIL, re.IGNORECASE)
_BARE_KR = re.compile(r"(?:kr|key ?result) ?#? ?(\d+)\Z", re.IGNORECASE)
_PROSE_H = re.compile(r"(?:h|hypothesis) ?#? ?(\d+)" + _LINK_TAIL, re.IGNORECASE)
_BARE_H = re.compile(r"(?:h|hypothesis) ?#? ?(\d+)\Z", re.IGNORECASE)


def _spaced(text: str) -> str:
    """Runs of whitespace (line breaks too) as one space, for the prose patterns above."""
    return " ".join(text.split())


def norm(text: str) -> str:
    """Text compared case- and whitespace-insensitively, typographic quotes folded, end dot dropped."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split()).rstrip(".").strip()


def strip_quotes(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] in _OPEN_QUOTES + "'" and text[-1] in _CLOSE_QUOTES + "'":
        return text[1:-1].strip()
    return text


def split_list(cell: str) -> list[str]:
    """`a, b; "c, d"` -> ['a', 'b', '"c, d"']: separators inside double quotes do not split."""
    parts, current, quoted = [], [], False
    for char in cell:
        if quoted and char in _CLOSE_QUOTES:
            quoted = False
        elif not quoted and char in _OPEN_QUOTES:
            quoted = True
        elif not quoted and char in ",;":
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _nearest(word: str, candidates, hints: Hints | None = None, key=None, cost: int = 0) -> str | None:
    """The candidate closest to `word`: the only one containing it, else difflib's best.

    With `hints` (one per import), `candidates` is a function making the list named `key`
    (about `cost` items), normalised once, and each look-up is charged to the import's budget:
    every bad row compared its cell with the whole site (rows x site)."""
    def options_of(items) -> list[tuple[str, str]]:
        return [(norm(c)[:COMPARED], c) for c in dict.fromkeys(items)]
    if hints is None:
        options = options_of(candidates)
    else:
        options = hints.candidates(key, lambda: options_of(candidates()), cost)
        if options is None or not hints.spend(2 * len(options)):
            return None
    wanted = norm(word)[:COMPARED]
    containing = [c for folded, c in options if wanted and wanted in folded]
    if len(containing) == 1:
        return containing[0]
    by_key = dict(options[::-1])  # the first candidate of a key wins
    found = difflib.get_close_matches(wanted, list(by_key), n=1, cutoff=0.6)
    return by_key[found[0]] if found else None


# --- reading the file -------------------------------------------------------------------

@dataclass
class Table:
    name: str
    delimiter: str
    header_row: int
    header: list[str]
    rows: list[tuple[int, list[str]]]   # (line number of the record's first line, cells)


def read_table(path: Path) -> Table:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise UsageError(f"cannot read {path}: {err.strerror or err}") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UsageError(f"{path.name} is UTF-16; save it as \"CSV UTF-8\" (Excel) or with the UTF-8 "
                         "character set (LibreOffice, Google Sheets' CSV download is UTF-8 already)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise UsageError(f"{path.name} is not UTF-8 (line {line}, byte 0x{raw[err.start]:02x}); save it as "
                         "\"CSV UTF-8\" (Excel) or with the UTF-8 character set (LibreOffice)") from None
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    last = 0
    try:
        for cells in reader:
            start, last = last + 1, reader.line_num
            if any(c.strip() for c in cells):
                records.append((start, cells))
    except csv.Error as err:
        if "field larger than field limit" in str(err):
            raise UsageError(f"{printable(shorten(path.name))}:{reader.line_num}: a cell is longer than "
                             f"{csv.field_size_limit():,} characters; cells of a workshop's CSV hold a title, a type "
                             "and KR ids: check that this is the right file, and that every quote \" is closed") from None
        raise UsageError(f"{printable(shorten(path.name))}:{reader.line_num}: cannot read the CSV: {err}") from None
    if not records:
        raise UsageError(f"{path.name} is empty: it needs a header row (Milestone, Type, KR, ...) and a row per candidate")
    (header_row, header), rows = records[0], records[1:]
    return Table(path.name, delimiter, header_row, header, rows)


_SNIFFED = 4096  # characters csv.Sniffer reads: its regular expressions take time squared in them


def sniff_delimiter(text: str) -> str:
    """',' ';' or tab: csv.Sniffer's guess if the header it gives names a title column, else the one that does."""
    lines = [line for line in text.splitlines() if line.strip()]
    first = lines[0] if lines else ""
    order: list[str] = []
    sample = "\n".join(lines[:50])
    if len(sample) > _SNIFFED:  # whole lines, as far as they fit (64 KB of ,"  took the sniffer 24 s)
        cut = sample.rfind("\n", 0, _SNIFFED)
        sample = sample[:cut if cut > 0 else _SNIFFED]
    try:
        order.append(csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter)
    except csv.Error:
        pass
    order += sorted(DELIMITERS, key=lambda d: -first.count(d))
    for delimiter in dict.fromkeys(order):
        try:
            header = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:  # a header cell over the csv module's limit: read_table says so
            continue
        if len(header) > 1 and "title" in {_ALIASES.get(_header_key(h)) for h in header}:
            return delimiter
    return order[0]


# --- resolving rows -----------------------------------------------------------------------

@dataclass
class Problem:
    row: int
    column: str      # the header as written in the file; "" for the whole row
    message: str

    def format(self, name: str) -> str:
        """One line for the terminal: a cell's control characters (ESC, BEL) replaced as `check`
        replaces them, long values shortened (a header cell or message of a megabyte)."""
        where = f'column "{shorten(self.column)}": ' if self.column else ""
        return printable(f"{shorten(name)}:{self.row}: {where}{shorten(self.message, MAX_MESSAGE)}")


@dataclass
class Candidate:
    row: int
    id: str
    title: str
    type: str
    key_results: list[str]
    hypothesis: str | None = None
    cluster: str = ""
    votes: int | None = None
    team: str | None = None
    owner: str = ""
    sprints: list[str] = field(default_factory=list)
    notes: str = ""

    @property
    def path(self) -> str:
        return f"content/milestones/{self.id}.md"

    def summary(self) -> str:
        parts = [self.type, ", ".join(self.key_results)]
        if self.votes is not None:
            parts.append(f"{self.votes} vote{'s' if self.votes != 1 else ''}")
        if self.cluster:
            parts.append(f"cluster {self.cluster}")
        return "; ".join(parts)


class _RowError(Exception):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column, self.message = column, message


class Resolver:
    """Looks up what a row's cells name in the checked site."""

    def __init__(self, checked):
        from okrsite.scaffold import used_ids

        self.site = checked.site
        self.used = used_ids(checked)
        self.objective_titles: dict[str, list] = {}
        for objective in sorted(self.site.objectives.values(), key=lambda o: o.id):
            self.objective_titles.setdefault(norm(objective.title), []).append(objective)
        self.statements: dict[str, list] = {}
        for hypothesis in self.site.hypotheses.values():
            self.statements.setdefault(norm(hypothesis.statement), []).append(hypothesis)
        self.kr_titles: dict[str, list] = {}
        for kr in self.site.key_results.values():
            self.kr_titles.setdefault(norm(kr.title), []).append(kr)
        self.milestone_titles = {norm(m.title): m for m in self.site.milestones.values()}
        self.team_names: dict[str, str] = {}
        for team in sorted(self.site.teams.values(), key=lambda t: t.id):
            self.team_names.setdefault(norm(team.name), team.id)
        self.hints = Hints()  # "did you mean" for every bad row within one budget

    def nearest(self, word: str, key: str, make, cost: int) -> str | None:
        return _nearest(word, make, self.hints, key, cost)

    # objectives
    def objective(self, text: str, column: str):
        text = strip_quotes(text)
        if text.casefold() in self.site.objectives:
            return self.site.objectives[text.casefold()]
        found = self.objective_titles.get(norm(text), [])
        if len(found) > 1:
            current = [o for o in found if o.quarter == self.site.current_quarter.id]
            if len(current) == 1:
                return current[0]
            raise _RowError(column, f'several objectives are titled "{text}" ({", ".join(o.id for o in found)}); '
                                    "use the objective's id instead")
        if found:
            return found[0]
        objectives = self.site.objectives
        near = self.nearest(text, "objective titles", lambda: [o.title for o in objectives.values()], len(objectives))
        hint = f'; did you mean "{near}"?' if near else ""
        raise _RowError(column, f'no objective is titled "{text}"{hint}')

    # key results
    def key_results(self, cell: str, column: str, context: dict) -> list[str]:
        if not cell.strip():
            raise _RowError(column, "missing KR link: every milestone serves at least one key result; "
                                    'write an id like build-trust/kr1 or KR3 of Objective "Title"')
        resolved: dict[str, None] = {}
        in_context: dict = {}  # (local id, objectives in context) -> the KRs it names there
        for item in split_list(cell):
            kr = self._key_result(item, column, context, in_context)
            resolved[kr.id] = None
            context.setdefault(kr.objective_id, self.site.objectives[kr.objective_id])
        return list(resolved)

    def _kr_in(self, objective, local: str, item: str, column: str):
        kr = self.site.key_results.get(f"{objective.id}/{local}")
        if kr is None:
            have = ", ".join(k.local_id for k in objective.key_results)
            raise _RowError(column, f"unresolved KR '{item}': objective '{objective.id}' "
                                    f"(\"{objective.title}\") has no key result {local}; its key results: {have}")
        return kr

    def _key_result(self, item: str, column: str, context: dict, in_context: dict):
        site = self.site
        text = strip_quotes(item)
        low = text.casefold()
        if _REF.match(low):
            if low in site.key_results:
                return site.key_results[low]
            if low in site.hypotheses:
                raise _RowError(column, f"'{text}' is a hypothesis, not a key result; put it in the Hypothesis column")
            near = self.nearest(low, "kr ids", lambda: list(site.key_results), len(site.key_results))
            raise _RowError(column, f"unresolved KR '{text}': no key result has this id"
                                    + (f"; did you mean '{near}'?" if near else ""))
        match = _PROSE_KR.match(_spaced(text))
        if match:
            local = match[1].casefold()
            local = f"kr{local}" if local.isdigit() else local
            return self._kr_in(self.objective(match[2], column), local, text, column)
        bare = _BARE_KR.match(_spaced(text))
        local = f"kr{bare[1]}" if bare else (low if _LOCAL.match(low) else None)
        if local is not None:
            key = (local, len(context))  # a cell of n bare ids in a context of n objectives: once each
            if key not in in_context:
                in_context[key] = [site.key_results[f"{o}/{local}"] for o in context if f"{o}/{local}" in site.key_results]
            found = in_context[key]
            if len(found) == 1:
                return found[0]
            if local in site.objectives:
                raise _RowError(column, f"'{text}' is an objective; name one of its key results, like {local}/kr1")
            if bare or not self.kr_titles.get(norm(text)):
                raise _RowError(column, f"unresolved KR '{text}': say which objective it belongs to, like "
                                        f'objective-id/{local} or {text} of Objective "Title" (or fill the Objective column)')
        by_title = self.kr_titles.get(norm(text), [])
        if len(by_title) == 1:
            return by_title[0]
        if len(by_title) > 1:
            raise _RowError(column, f"several key results are titled \"{text}\" "
                                    f"({', '.join(k.id for k in by_title)}); use the id")
        near = self.nearest(text, "kr ids and titles",
                            lambda: list(site.key_results) + [k.title for k in site.key_results.values()],
                            2 * len(site.key_results))
        hint = f"; did you mean '{near}'?" if near else ""
        raise _RowError(column, f"unresolved KR '{text}': write a key result id like build-trust/kr1, or "
                                f'KR3 of Objective "Objective title"{hint}')

    # hypotheses
    def hypothesis(self, cell: str, column: str, context: dict):
        """The hypothesis, or a list of candidates when a statement is ambiguous without context."""
        site = self.site
        text = strip_quotes(cell)
        low = text.casefold()
        if _REF.match(low):
            if low in site.hypotheses:
                return site.hypotheses[low]
            if low in site.key_results:
                raise _RowError(column, f"'{text}' is a key result, not a hypothesis; put it in the KR column")
            near = self.nearest(low, "hypothesis ids", lambda: list(site.hypotheses), len(site.hypotheses))
            raise _RowError(column, f"no hypothesis has the id '{text}'" + (f"; did you mean '{near}'?" if near else ""))
        match = _PROSE_H.match(_spaced(text))
        if match:
            objective = self.objective(match[2], column)
            found = site.hypotheses.get(f"{objective.id}/h{match[1]}")
            if found is None:
                raise _RowError(column, f"objective '{objective.id}' has no hypothesis h{match[1]}")
            return found
        bare = _BARE_H.match(_spaced(text))
        if bare:
            found = [site.hypotheses[f"{o}/h{bare[1]}"] for o in context if f"{o}/h{bare[1]}" in site.hypotheses]
            if len(found) == 1:
                return found[0]
            raise _RowError(column, f"'{text}': say which objective's hypothesis, like objective-id/h{bare[1]}")
        found = self.statements.get(norm(text), [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            return found
        near = self.nearest(text, "statements", lambda: [h.statement for h in site.hypotheses.values()],
                            len(site.hypotheses))
        hint = f'; did you mean "{near}"?' if near else ""
        raise _RowError(column, f"no hypothesis has this statement{hint} (or write its id, like build-trust/h1)")

    def team(self, cell: str, column: str) -> str:
        text = cell.strip()
        teams = self.site.teams
        if text.casefold() in teams:
            return text.casefold()
        if norm(text) in self.team_names:
            return self.team_names[norm(text)]
        by_name = {t.name: t.id for t in teams.values()}
        near = (self.nearest(text, "team ids", lambda: list(teams), len(teams))
                or by_name.get(self.nearest(text, "team names", lambda: list(by_name), len(by_name)) or ""))
        raise _RowError(column, f"no team '{text}'" + (f"; did you mean '{near}'?" if near else ""))

    def sprints(self, cell: str, column: str) -> list[str]:
        calendar = self.site.config.calendar
        raw = _spaced(cell).strip("[]")
        parts = [p.casefold() for p in re.split(r"\s*(?:,|;|\.\.|–|—|\bto\b|\s)\s*", raw) if p]
        if len(parts) == 1 and calendar.sprint(parts[0]) is None and "-" in parts[0]:
            parts = parts[0].split("-", 1)
        if not calendar.has_sprints:
            raise _RowError(column, "okrsite.yaml defines no sprints; leave the column empty or add calendar.sprints")
        sprints = []
        for part in parts:
            sprint = calendar.sprint(part)
            if sprint is None:
                by_number = calendar.nearest_sprint(part)  # s0 means s1, not s90
                near = by_number[0] if by_number else self.nearest(part, "sprints", calendar.sprint_ids, 200)
                raise _RowError(column, f"the calendar has no sprint '{part}'" + (f"; did you mean '{near}'?" if near else ""))
            sprints.append(sprint)
        first, last = sprints[0], sprints[-1]
        if last.index < first.index:
            raise _RowError(column, f"the sprint range runs backwards ({first.id} to {last.id})")
        return [first.id] if first.id == last.id else [first.id, last.id]


def _votes(cell: str, column: str) -> int | None:
    text = cell.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise _RowError(column, f"votes not a number: '{text}'; write a whole number, like 4") from None
    if not value.is_integer() or value < 0:
        raise _RowError(column, f"votes must be a whole number of 0 or more, not '{text}'")
    return int(value)


def _type(cell: str, column: str) -> str:
    text = cell.strip()
    if not text:
        raise _RowError(column, "missing type: write Epic, Spike, Enabler or Signal Test")
    found = TYPES.get(re.sub(r"[^a-z]", "", text.casefold()))
    if found is None:
        near = _nearest(text, ["Epic", "Spike", "Enabler", "Signal Test"])
        hint = f"; did you mean {near}?" if near else ""
        raise _RowError(column, f"unknown type '{text}': use Epic, Spike, Enabler or Signal Test{hint}")
    return found


@dataclass
class Plan:
    candidates: list[Candidate]
    problems: list[Problem]
    ignored_columns: list[str]
    rows: int


def plan_import(table: Table, checked) -> Plan:
    """Resolve every row of `table` against the checked site; write nothing."""
    from okrsite.link import id_suggestion, is_id, slug

    problems: list[Problem] = []
    index: dict[str, int] = {}
    label: dict[str, str] = {}
    ignored: list[str] = []
    for position, name in enumerate(table.header):
        canon = _ALIASES.get(_header_key(name))
        if canon is None:
            if name.strip():
                ignored.append(name.strip())
            continue
        if canon in index:
            problems.append(Problem(table.header_row, name.strip(),
                                    f'"{label[canon]}" and "{name.strip()}" are the same column; keep one'))
            continue
        index[canon], label[canon] = position, name.strip()
    for canon in REQUIRED:
        if canon not in index:
            spellings = ", ".join(f'"{s}"' for s in COLUMNS[canon][:5])
            problems.append(Problem(table.header_row, "",
                                    f"no {COLUMN_WHAT[canon]} column: name one of the header cells {spellings}"))
    if problems:
        return Plan([], problems, ignored, len(table.rows))

    resolver = Resolver(checked)
    site = checked.site
    seen_titles: dict[str, int] = {}
    taken: dict[str, int] = {}        # ids given to earlier rows -> their row
    next_number: dict[str, int] = {}  # slug -> the next number to try after it
    candidates: list[Candidate] = []
    for row, cells in table.rows:
        def cell(canon: str, cells: list[str] = cells) -> str:
            position = index.get(canon)
            return cells[position] if position is not None and position < len(cells) else ""

        def col(canon: str) -> str:
            return label.get(canon, canon)

        row_problems: list[Problem] = []

        def attempt(fn, *args, found: list[Problem] = row_problems, row: int = row):
            try:
                return fn(*args)
            except _RowError as err:
                found.append(Problem(row, err.column, err.message))
                return None

        extra = [c for c in cells[len(table.header):] if c.strip()]
        if extra:
            delimiter = {"\t": "tab"}.get(table.delimiter, f"'{table.delimiter}'")
            row_problems.append(Problem(row, "", f"{len(cells)} cells but the header has {len(table.header)}: "
                                                 f"a value containing {delimiter} must be in double quotes"))
        title = " ".join(cell("title").split())
        if not title:
            row_problems.append(Problem(row, col("title"), "missing title"))
        mtype = attempt(_type, cell("type"), col("type"))
        context: dict = {}  # objective id -> objective: where bare ids like kr2 or h1 are looked up
        if cell("objective").strip():
            objective = attempt(resolver.objective, cell("objective"), col("objective"))
            if objective is not None:
                context[objective.id] = objective
        hypothesis = None
        if cell("hypothesis").strip():
            hypothesis = attempt(resolver.hypothesis, cell("hypothesis"), col("hypothesis"), context)
            if hypothesis is not None and not isinstance(hypothesis, list):
                context.setdefault(hypothesis.objective_id, site.objectives[hypothesis.objective_id])
        krs = attempt(resolver.key_results, cell("key_results"), col("key_results"), context)
        if isinstance(hypothesis, list):
            objective_ids = {site.key_results[k].objective_id for k in krs or []}
            matching = [h for h in hypothesis if h.objective_id in objective_ids]
            if len(matching) == 1:
                hypothesis = matching[0]
            else:
                row_problems.append(Problem(row, col("hypothesis"), "several hypotheses have this statement ("
                                            + ", ".join(h.id for h in hypothesis) + "); write the id instead"))
                hypothesis = None
        votes = attempt(_votes, cell("votes"), col("votes"))
        team = attempt(resolver.team, cell("team"), col("team")) if cell("team").strip() else None
        if team is None and site.config.teams_required and not cell("team").strip():
            owners = [site.objectives[site.key_results[k].objective_id].team_id for k in krs or []]
            team = next((t for t in owners if t), None)
            if team is None and krs:
                row_problems.append(Problem(row, col("team"), "missing team: teams_required is true in okrsite.yaml "
                                            "and the key result's objective has no team; add a Team column"))
        sprints = attempt(resolver.sprints, cell("sprints"), col("sprints")) if cell("sprints").strip() else []

        # the id: the id column, else the slug of the title; never one the site already uses
        new_id = None
        explicit = cell("id").strip()
        if title and norm(title) in seen_titles:
            row_problems.append(Problem(row, col("title"), f"duplicate title: row {seen_titles[norm(title)]} "
                                        "has the same milestone; merge the two rows (add up their votes)"))
        elif title and norm(title) in resolver.milestone_titles:
            existing = resolver.milestone_titles[norm(title)]
            row_problems.append(Problem(row, col("title"), f"duplicate title: the milestone '{existing.id}' "
                                        f"({existing.path}) already has this title; was this row imported before?"))
        elif explicit:
            if not is_id(explicit):  # the schema's pattern and length
                suggestion = id_suggestion(explicit)
                row_problems.append(Problem(row, col("id"), f"'{explicit}' is not a valid id (lowercase words "
                                            f"joined by '-')" + (f"; try {suggestion}" if suggestion else "")))
            elif explicit in resolver.used:
                row_problems.append(Problem(row, col("id"), f"duplicate id: '{explicit}' is already used by "
                                            f"{resolver.used[explicit]}"))
            elif explicit in taken:
                row_problems.append(Problem(row, col("id"), f"duplicate id: row {taken[explicit]} has the id '{explicit}' too"))
            else:
                new_id = explicit
        elif title:
            base = slug(title)[:60].strip("-")
            if not base:
                row_problems.append(Problem(row, col("title"), "cannot make an id from this title (no letters "
                                            "a-z or digits); add an Id column"))
            elif base in resolver.used:
                row_problems.append(Problem(row, col("title"), f"duplicate id: the id '{base}' (from the title) is "
                                            f"already used by {resolver.used[base]}; was this row imported before? "
                                            "If not, give the row another id in an Id column"))
            else:
                new_id, number = base, next_number.get(base, 2)
                while new_id in taken or new_id in resolver.used:
                    new_id, number = f"{base}-{number}", number + 1
                next_number[base] = number  # n rows of one slug: each tries on from the last, not from 2
        if title:
            seen_titles.setdefault(norm(title), row)
        if new_id is not None:
            taken[new_id] = row
        if new_id and (checked.site_dir / f"content/milestones/{new_id}.md").exists():
            row_problems.append(Problem(row, col("title"), f"content/milestones/{new_id}.md already exists"))

        if row_problems:
            problems.extend(row_problems)
            continue
        candidates.append(Candidate(
            row, new_id, title, mtype, krs, hypothesis.id if hypothesis is not None else None,
            " ".join(cell("cluster").split()), votes, team, " ".join(cell("owner").split()), sprints,
            cell("notes").strip(),
        ))
    return Plan(candidates, problems, ignored, len(table.rows))


# --- writing ------------------------------------------------------------------------------

def milestone_text(candidate: Candidate, source_name: str) -> str:
    from okrsite.scaffold import yaml_str

    lines = ["---", f"title: {yaml_str(candidate.title)}", f"type: {candidate.type}",
             f"key_results: [{', '.join(candidate.key_results)}]"]
    if candidate.hypothesis:
        lines.append(f"hypothesis: {candidate.hypothesis}")
    if candidate.team:
        lines.append(f"team: {candidate.team}")
    if candidate.owner:
        lines.append(f"owner: {yaml_str(candidate.owner)}")
    if candidate.sprints:
        lines.append(f"sprints: [{', '.join(candidate.sprints)}]")
        lines.append("status: planned")
    else:  # a candidate (content format section 12): an idea from the workshop, not planned yet
        lines.append("# A candidate: when it is planned, set status: planned and add sprints: [first, last].")
        lines.append("status: candidate")
    if candidate.votes is not None:
        lines.append(f"votes: {candidate.votes}")
    if candidate.cluster:
        lines.append(f"cluster: {yaml_str(candidate.cluster)}")
    lines.append("---")
    name = source_name.replace("`", "")
    lines.append(f"A candidate from the milestone-harvesting workshop, imported from row {candidate.row} of `{name}`.")
    if candidate.notes:
        lines += ["", candidate.notes.replace("\r\n", "\n")]
    return "\n".join(lines) + "\n"


__all__ = ["COLUMNS", "plan_import", "read_table"]
