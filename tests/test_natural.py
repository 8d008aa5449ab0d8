"""okrsite.natural: the one sort key for ids and titles with numbers in them."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from okrsite.natural import natural_key, natural_sorted


def test_versions_sort_by_their_numbers():
    titles = ["Release v1.37", "Release v1.7", "Release v1.10", "Release v1.9", "Release v1.2"]
    assert natural_sorted(titles) == ["Release v1.2", "Release v1.7", "Release v1.9", "Release v1.10",
                                      "Release v1.37"]


def test_kep_numbers_and_ids():
    ids = ["kep-1234-beta", "kep-127-alpha", "kep-127-beta", "kep-99", "kep-1000"]
    assert natural_sorted(ids) == ["kep-99", "kep-127-alpha", "kep-127-beta", "kep-1000", "kep-1234-beta"]


def test_case_does_not_decide_before_the_text_does():
    assert natural_sorted(["beta", "Alpha", "alpha", "Gamma"]) == ["Alpha", "alpha", "beta", "Gamma"]


def test_leading_zeros_and_huge_numbers():
    assert natural_sorted(["s10", "s010", "s9", "s0010"]) == ["s9", "s10", "s010", "s0010"]
    huge = "9" * 10_000  # more digits than int() converts by default: no conversion happens
    assert natural_sorted(["x" + huge, "x1" + huge, "x2"]) == ["x2", "x" + huge, "x1" + huge]


def test_numbers_before_and_after_text():
    assert natural_sorted(["a", "2", "10", "a2", "a10", ""]) == ["", "2", "10", "a", "a2", "a10"]


@given(st.lists(st.text(alphabet="ab01 .-9V", max_size=8), max_size=12))
def test_the_order_is_total_and_independent_of_the_input_order(texts):
    shuffled = texts[:]
    random.Random(0).shuffle(shuffled)
    assert natural_sorted(texts) == natural_sorted(shuffled)
    ordered = natural_sorted(texts)
    assert all(natural_key(a) <= natural_key(b) for a, b in zip(ordered, ordered[1:]))
