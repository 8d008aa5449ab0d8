"""Hostile sites drawn by hypothesis (tests/fuzz/hostile.py): check never raises and positions
every finding, build fails cleanly or writes output without author markup, nothing outside the
site is read or published. A hundred-odd examples per run here (derandomized, so CI is stable);
`python tests/fuzz/run.py --examples 20000` runs a long campaign and reports every finding."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fuzz.hostile import (
    CONTENT_MUTATIONS,
    THEME_MUTATIONS,
    examine,
    mutate_content_link,
    mutate_field,
    sites,
)
from hypothesis import HealthCheck, Phase, given, settings

# No shrinking: a failing site is reported with the mutations that made it (spec.notes), and
# shrinking a whole site build by build can take longer than the rest of the suite.
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, print_blob=True, database=None,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _examine(spec) -> None:
    with tempfile.TemporaryDirectory(prefix="okrsite-fuzz-") as tmp:
        outcome = examine(spec, Path(tmp))
    assert not outcome.findings, "\n".join(spec.notes + ["---"] + outcome.findings)


@SETTINGS
@given(sites(kinds=CONTENT_MUTATIONS))
def test_hostile_content(spec):
    _examine(spec)


@SETTINGS
@given(sites(kinds=[mutate_field]))
def test_hostile_values_in_fields(spec):
    _examine(spec)


@SETTINGS
@given(sites(kinds=[mutate_content_link, *CONTENT_MUTATIONS[:4]]))
def test_symbolic_links_leading_out_of_content(spec):
    _examine(spec)


@settings(SETTINGS, max_examples=15)
@given(sites(kinds=THEME_MUTATIONS))
def test_hostile_themes(spec):
    _examine(spec)
