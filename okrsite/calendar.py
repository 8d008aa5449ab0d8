"""Quarters by fiscal year and sprints by cadence: the time axis every other part shares."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

_QUARTER_ID = re.compile(r"([0-9]{4})-Q([1-4])\Z")  # \Z, not $: no final newline
_PERIOD_ID = re.compile(r"([0-9]{4})(?:-([QH])([1-4]))?\Z")
_REGULAR_SPRINT = re.compile(r"s([1-9][0-9]{0,4})\Z")
_SPRINT_NUMBER = re.compile(r"(?:s|sprint)?[ _-]*([0-9]+)", re.IGNORECASE)
_TRAILING_NUMBER = re.compile(r"([0-9]+)\Z")

# The years a roadmap may use. The schemas' date and quarter patterns accept the same range,
# so date arithmetic (quarters, sprints, diagram spans) can never leave what `datetime` holds.
MIN_YEAR, MAX_YEAR = 1900, 2199


@dataclass(frozen=True, order=True)
class Quarter:
    start: dt.date
    end: dt.date  # inclusive
    id: str       # "2026-Q2"

    @property
    def slug(self) -> str:
        return self.id.lower()

    @property
    def name(self) -> str:
        return self.id

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Period:
    """The time an objective is set for: a fiscal year (`2026`), half (`2026-H1`) or quarter."""

    start: dt.date
    end: dt.date            # inclusive
    id: str                 # "2026", "2026-H1", "2026-Q2"
    kind: str               # "year", "half" or "quarter"
    quarters: tuple[str, ...]  # the quarter ids it covers, in order

    RANK = {"year": 0, "half": 1, "quarter": 2}  # longest first

    @property
    def rank(self) -> int:
        return self.RANK[self.kind]

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def covers(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, order=True)
class Sprint:
    start: dt.date
    end: dt.date  # inclusive
    id: str
    name: str
    index: int    # position on the calendar, for ordering and ranges


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + months
    return total // 12, total % 12 + 1


@dataclass(frozen=True)
class Calendar:
    fiscal_year_start: int = 1
    regular_start: dt.date | None = None
    regular_length: int = 14
    explicit: tuple[Sprint, ...] = ()
    # Answers, memoised per calendar. Not `lru_cache` on the methods: that hashes (and on a hit
    # compares) the whole frozen calendar on every call, which with an explicit list of
    # hundreds of sprints cost more than the answers. The dicts are not part of equality.
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self):
        ordered = tuple(sorted(self.explicit))
        object.__setattr__(self, "_explicit_sorted", ordered)
        object.__setattr__(self, "_explicit_ends", [s.end for s in ordered])
        by_id: dict[str, Sprint] = {}
        for sprint in self.explicit:
            by_id.setdefault(sprint.id, sprint)  # the first of a duplicated id, as a scan finds it
        object.__setattr__(self, "_explicit_by_id", by_id)

    def __getstate__(self) -> dict:
        """Pickled without its memo, which depends on what was asked, not on the calendar (a
        calendar's pickle is part of page_inputs.site_digest and of the diagrams' keys)."""
        return {**self.__dict__, "_memo": {}}

    def _remember(self, key, make, arg):
        """make(arg), computed once per calendar: lookups are hot, and a calendar never changes."""
        try:
            return self._memo[key]
        except KeyError:
            answer = self._memo[key] = make(arg)
            return answer

    # --- quarters -----------------------------------------------------------------------
    def quarter(self, quarter_id: str) -> Quarter | None:
        return self._remember(("q", quarter_id), self._quarter, quarter_id)

    def _quarter(self, quarter_id: str) -> Quarter | None:
        match = _QUARTER_ID.match(quarter_id or "")
        if not match:
            return None
        year, number = int(match[1]), int(match[2])
        y0, m0 = _add_months(year, self.fiscal_year_start, 3 * (number - 1))
        y1, m1 = _add_months(y0, m0, 3)
        try:
            return Quarter(dt.date(y0, m0, 1), dt.date(y1, m1, 1) - dt.timedelta(days=1), quarter_id)
        except (ValueError, OverflowError):  # year 0 or past 9999: no such quarter
            return None

    def period(self, period_id: str) -> Period | None:
        """A fiscal year `YYYY`, half `YYYY-H1`/`YYYY-H2` or quarter `YYYY-Qn`; None otherwise."""
        return self._remember(("p", period_id), self._period, period_id)

    def _period(self, period_id: str) -> Period | None:
        match = _PERIOD_ID.match(str(period_id or ""))
        if not match or (match[2] == "H" and match[3] not in "12"):
            return None
        year = int(match[1])
        if match[2] is None:
            kind, numbers = "year", (1, 2, 3, 4)
        elif match[2] == "H":
            kind, numbers = "half", (1, 2) if match[3] == "1" else (3, 4)
        else:
            kind, numbers = "quarter", (int(match[3]),)
        quarters = [self.quarter(f"{year:04d}-Q{n}") for n in numbers]
        if not all(quarters):
            return None
        return Period(quarters[0].start, quarters[-1].end, str(period_id), kind, tuple(q.id for q in quarters))

    def quarter_of(self, day: dt.date) -> Quarter:
        key = ("m", day.year, day.month)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._quarter_of(day)
        return found

    def _quarter_of(self, day: dt.date) -> Quarter:
        months = day.year * 12 + day.month - 1 - (self.fiscal_year_start - 1)
        year, offset = divmod(months, 12)
        quarter = self.quarter(f"{year:04d}-Q{offset // 3 + 1}")
        assert quarter is not None
        return quarter

    def quarters_between(self, start: dt.date, end: dt.date) -> list[Quarter]:
        quarters = []
        quarter = self.quarter_of(start)
        while quarter.start <= end:
            quarters.append(quarter)
            quarter = self.quarter_of(quarter.end + dt.timedelta(days=1))
        return quarters

    # --- sprints ------------------------------------------------------------------------
    @property
    def has_sprints(self) -> bool:
        return self.regular_start is not None or bool(self.explicit)

    def sprint(self, sprint_id: str) -> Sprint | None:
        if self.explicit:
            try:
                return self._explicit_by_id.get(sprint_id)
            except TypeError:  # an unhashable id is no sprint id
                return None
        return self._remember(("s", sprint_id), self._sprint, sprint_id)

    def _sprint(self, sprint_id: str) -> Sprint | None:
        if self.regular_start is None:
            return None
        match = _REGULAR_SPRINT.match(sprint_id or "")
        if not match:
            return None
        try:
            sprint = self._regular(int(match[1]))
        except OverflowError:
            return None
        return sprint if sprint.end.year <= MAX_YEAR else None

    def _regular(self, number: int) -> Sprint:
        assert self.regular_start is not None
        start = self.regular_start + dt.timedelta(days=(number - 1) * self.regular_length)
        end = start + dt.timedelta(days=self.regular_length - 1)
        return Sprint(start, end, f"s{number}", f"Sprint {number}", number)

    def last_regular_number(self) -> int:
        """The number of the last sprint of a regular cadence that ends by MAX_YEAR."""
        assert self.regular_start is not None
        return (dt.date(MAX_YEAR, 12, 31) - self.regular_start).days // self.regular_length

    def nearest_sprint(self, written: str) -> tuple[str, str] | None:
        """(id, why) of the sprint that `written` most likely means, by its number: `5` or `S5`
        is s5, `s0` the first sprint, `s99999` the last. None when it has no number."""
        found = self._nearest_by_number(written)
        if found and found[0] == written.strip() and found[0] != written:
            return found[0], "without the space or line break around it"
        return found

    def _nearest_by_number(self, written: str) -> tuple[str, str] | None:
        number = _SPRINT_NUMBER.fullmatch(written.strip())
        if not number:
            return None
        wanted = int(number[1]) if len(number[1]) <= 9 else 10 ** 9
        if self.explicit:
            numbered = [(int(m[1]), s.id) for s in self.explicit if (m := _TRAILING_NUMBER.search(s.id))]
            if not numbered:
                return None
            found, sprint_id = min(numbered, key=lambda pair: (abs(pair[0] - wanted), pair[0]))
            return sprint_id, "the sprint with the nearest number" if found != wanted else "the same number"
        if self.regular_start is None:
            return None
        last = self.last_regular_number()
        if wanted < 1:
            return "s1", "sprints are counted from s1"
        if wanted > last:
            return f"s{last}", f"the last sprint of the calendar, which ends in {MAX_YEAR}"
        return f"s{wanted}", "sprint ids are s and the sprint's number"

    def sprint_ids(self) -> list[str]:
        """Known sprint ids for "did you mean" hints (the first 200 of a regular cadence)."""
        if self.explicit:
            return [s.id for s in self.explicit]
        return [f"s{n}" for n in range(1, 201)] if self.regular_start else []

    def sprints_between(self, start: dt.date, end: dt.date) -> list[Sprint]:
        """Sprints overlapping [start, end], in order."""
        if self.explicit:
            # sorted by start; explicit sprints never overlap, so their ends are sorted too
            # (a check refuses overlaps; on an unchecked calendar the scan below stays exact)
            ordered = self._explicit_sorted
            first = bisect.bisect_left(self._explicit_ends, start) if self._ends_sorted() else 0
            result = []
            for s in ordered[first:]:
                if s.start > end:
                    break
                if s.end >= start:
                    result.append(s)
            return result
        if self.regular_start is None:
            return []
        first = max(1, (start - self.regular_start).days // self.regular_length + 1)
        result = []
        number = first
        while True:
            sprint = self._regular(number)
            if sprint.start > end:
                break
            if sprint.end >= start:
                result.append(sprint)
            number += 1
        return result

    def _ends_sorted(self) -> bool:
        flag = self._memo.get("ends-sorted")
        if flag is None:
            ends = self._explicit_ends
            flag = self._memo["ends-sorted"] = all(a <= b for a, b in zip(ends, ends[1:]))
        return flag

    def sprint_at(self, day: dt.date) -> Sprint | None:
        found = self.sprints_between(day, day)
        return found[0] if found else None


def quarter_id_ok(quarter_id: str) -> bool:
    return bool(_QUARTER_ID.match(quarter_id))
