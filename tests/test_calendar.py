"""Quarters by fiscal year and sprints by cadence."""

from __future__ import annotations

import datetime as dt

import pytest

from okrsite.calendar import MAX_YEAR, Calendar, Sprint, quarter_id_ok

D = dt.date
REGULAR = Calendar(1, D(2026, 1, 5), 14)


@pytest.mark.parametrize("fiscal, quarter_id, start, end", [
    (1, "2026-Q1", D(2026, 1, 1), D(2026, 3, 31)),
    (1, "2026-Q2", D(2026, 4, 1), D(2026, 6, 30)),
    (1, "2026-Q4", D(2026, 10, 1), D(2026, 12, 31)),
    (2, "2026-Q1", D(2026, 2, 1), D(2026, 4, 30)),   # the spec's example: Feb-Apr 2026
    (2, "2026-Q4", D(2026, 11, 1), D(2027, 1, 31)),
    (10, "2026-Q2", D(2027, 1, 1), D(2027, 3, 31)),
    (12, "2026-Q1", D(2026, 12, 1), D(2027, 2, 28)),
    (3, "2028-Q4", D(2028, 12, 1), D(2029, 2, 28)),
    (12, "2027-Q1", D(2027, 12, 1), D(2028, 2, 29)),  # leap year
])
def test_quarters_follow_the_fiscal_year_start(fiscal, quarter_id, start, end):
    quarter = Calendar(fiscal).quarter(quarter_id)
    assert (quarter.start, quarter.end, quarter.id, quarter.slug) == (start, end, quarter_id, quarter_id.lower())


@pytest.mark.parametrize("fiscal, day, expected", [
    (1, D(2026, 5, 12), "2026-Q2"), (1, D(2026, 1, 1), "2026-Q1"), (1, D(2026, 12, 31), "2026-Q4"),
    (2, D(2026, 1, 31), "2025-Q4"), (2, D(2026, 2, 1), "2026-Q1"), (12, D(2026, 12, 1), "2026-Q1"),
])
def test_quarter_of_a_day(fiscal, day, expected):
    quarter = Calendar(fiscal).quarter_of(day)
    assert quarter.id == expected and quarter.contains(day)


@pytest.mark.parametrize("bad", ["2026-Q5", "2026-Q0", "26-Q1", "2026Q1", "", None, "0000-Q1"])
def test_malformed_or_impossible_quarter_is_none(bad):
    assert Calendar(1).quarter(bad) is None


def test_quarter_past_year_9999_is_none_not_a_crash():
    assert Calendar(12).quarter("9999-Q4") is None


def test_quarters_between_spans_every_touched_quarter():
    ids = [q.id for q in Calendar(1).quarters_between(D(2026, 3, 30), D(2026, 7, 1))]
    assert ids == ["2026-Q1", "2026-Q2", "2026-Q3"]


def test_quarters_sort_by_time():
    calendar = Calendar(1)
    assert sorted([calendar.quarter("2027-Q1"), calendar.quarter("2026-Q4")])[0].id == "2026-Q4"


def test_quarter_id_ok():
    assert quarter_id_ok("2026-Q2") and not quarter_id_ok("2026-Q5")


def test_regular_sprints_number_from_the_start():
    s1, s7 = REGULAR.sprint("s1"), REGULAR.sprint("s7")
    assert (s1.start, s1.end, s1.name, s1.index) == (D(2026, 1, 5), D(2026, 1, 18), "Sprint 1", 1)
    assert (s7.start, s7.end, s7.id, s7.name) == (D(2026, 3, 30), D(2026, 4, 12), "s7", "Sprint 7")


@pytest.mark.parametrize("bad", ["s0", "S1", "sprint1", "s01", "1", "", None, "s1x", "s123456"])
def test_sprint_ids_a_regular_cadence_does_not_have(bad):
    assert REGULAR.sprint(bad) is None


def test_sprints_beyond_the_supported_years_do_not_exist():
    long = Calendar(1, D(2190, 1, 1), 35)
    assert long.sprint("s99999") is None  # would start past year 9999: no overflow
    last = max(n for n in (1, 50, 100, 104, 105, 200) if long.sprint(f"s{n}") is not None)
    assert long.sprint(f"s{last}").end.year <= MAX_YEAR


def test_without_sprints_no_sprint_exists():
    assert not Calendar(1).has_sprints and Calendar(1).sprint("s1") is None and Calendar(1).sprint_ids() == []


def test_explicit_sprints_are_looked_up_by_id():
    a = Sprint(D(2026, 1, 5), D(2026, 1, 16), "alpha", "Alpha", 1)
    b = Sprint(D(2026, 1, 19), D(2026, 2, 6), "beta", "Beta", 2)
    calendar = Calendar(1, None, 14, (a, b))
    assert calendar.has_sprints and calendar.sprint("beta") is b and calendar.sprint("s1") is None
    assert calendar.sprint_ids() == ["alpha", "beta"]
    assert calendar.sprints_between(D(2026, 1, 16), D(2026, 1, 19)) == [a, b]
    assert calendar.sprint_at(D(2026, 1, 17)) is None


def test_sprints_between_and_sprint_at_on_a_regular_cadence():
    assert [s.id for s in REGULAR.sprints_between(D(2026, 3, 30), D(2026, 4, 13))] == ["s7", "s8"]
    assert REGULAR.sprint_at(D(2026, 4, 12)).id == "s7"
    assert REGULAR.sprint_at(D(2025, 12, 1)) is None  # before s1


def test_regular_sprint_ids_for_hints_are_bounded():
    assert REGULAR.sprint_ids()[:2] == ["s1", "s2"] and len(REGULAR.sprint_ids()) == 200


# --- the sprint a mistyped sprint id most likely means ----------------------------------------

def test_nearest_sprint_goes_by_number_not_by_spelling():
    """s0 is not a typo of s90: the calendar's first sprint is the nearest by number."""
    regular = Calendar(1, dt.date(2026, 1, 5), 14)
    last = regular.last_regular_number()
    assert regular.sprint(f"s{last}") is not None and regular.sprint(f"s{last + 1}") is None
    assert regular.nearest_sprint("s0") == ("s1", "sprints are counted from s1")
    assert regular.nearest_sprint("s99999") == (f"s{last}", "the last sprint of the calendar, which ends in 2199")
    assert regular.nearest_sprint("9" * 400)[0] == f"s{last}"
    for written in ("5", "S5", "sprint 5", "Sprint-5", "s05"):
        assert regular.nearest_sprint(written) == ("s5", "sprint ids are s and the sprint's number"), written
    assert regular.nearest_sprint("s5\n") == ("s5", "without the space or line break around it")
    assert regular.nearest_sprint("next") is None


def test_nearest_sprint_of_an_explicit_calendar_is_its_nearest_number():
    sprints = tuple(Sprint(dt.date(2026, 1, 5) + dt.timedelta(days=14 * i), dt.date(2026, 1, 18) + dt.timedelta(days=14 * i),
                           f"sprint-{n}", f"Sprint {n}", i + 1) for i, n in enumerate((10, 11, 12)))
    explicit = Calendar(1, None, 14, sprints)
    assert explicit.nearest_sprint("s11") == ("sprint-11", "the same number")
    assert explicit.nearest_sprint("s0") == ("sprint-10", "the sprint with the nearest number")
    assert explicit.nearest_sprint("40") == ("sprint-12", "the sprint with the nearest number")


def _naive_between(calendar: Calendar, start: dt.date, end: dt.date) -> list[Sprint]:
    return [s for s in sorted(calendar.explicit) if s.start <= end and s.end >= start]


def test_explicit_sprint_lookups_equal_a_plain_scan():
    """The lookups are precomputed per calendar (issue 15); they answer as a scan of the list
    would, in any order the sprints were written, with gaps, and with a duplicated id."""
    sprints, day = [], D(2026, 1, 5)
    for n in range(1, 60):
        length = 7 + (n * 5) % 15
        sprints.append(Sprint(day, day + dt.timedelta(days=length - 1), f"x{n}", f"X {n}", n))
        day += dt.timedelta(days=length + (7 if n % 9 == 0 else 0))
    shuffled = tuple(sprints[1::2] + sprints[::2])
    duplicate = Sprint(D(2030, 1, 1), D(2030, 1, 7), "x3", "Again", 99)
    calendar = Calendar(1, None, 14, shuffled + (duplicate,))
    assert calendar.sprint("x3") is sprints[2]  # the first one written wins, as before
    assert calendar.sprint(["x3"]) is None and calendar.sprint(None) is None
    for offset in range(-10, 900, 3):
        start = D(2026, 1, 1) + dt.timedelta(days=offset)
        for length in (0, 1, 20, 100):
            end = start + dt.timedelta(days=length)
            assert calendar.sprints_between(start, end) == _naive_between(calendar, start, end)
    overlapping = Calendar(1, None, 14, (Sprint(D(2026, 1, 1), D(2026, 3, 1), "long", "Long", 1),
                                        Sprint(D(2026, 1, 10), D(2026, 1, 12), "short", "Short", 2)))
    assert overlapping.sprints_between(D(2026, 2, 1), D(2026, 2, 2)) == [overlapping.sprint("long")]


def test_memoised_answers_do_not_change_equality_or_hash():
    asked = Calendar(2, D(2026, 1, 5), 14)
    asked.quarter_of(D(2026, 5, 1)), asked.quarter("2026-Q3"), asked.sprint("s4"), asked.period("2026-H2")
    fresh = Calendar(2, D(2026, 1, 5), 14)
    assert asked == fresh and hash(asked) == hash(fresh) and repr(asked) == repr(fresh)
    assert asked.quarter_of(D(2026, 5, 1)) == fresh.quarter_of(D(2026, 5, 1)) == fresh.quarter("2026-Q2")  # Feb-Apr is Q1
