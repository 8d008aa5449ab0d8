"""Baselines on the roadmap diagram: a ghost bar where a rescheduled milestone was planned.

Layout (numbers) and drawing (SVG) are tested apart, like the rest of the diagram; the
history tests (test_history.py) build a real repository's site and find the ghosts there."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

from test_diagram_svg import Q2, SPRINTS, SVG, sprint  # the same quarter of two-week sprints

from okrsite.diagram.layout import BASELINE_LABEL, Bar, DiagramInput, Lane, layout
from okrsite.diagram.svg import draw


def bar(bar_id: str, start: date, end: date, baseline: tuple[date, date] | None = None, lane: str = "o") -> Bar:
    extra = (baseline[0], baseline[1], f"Baseline of {bar_id}") if baseline else ()
    return Bar(bar_id, f"Milestone {bar_id}", "epic", "planned", start, end, 0.0, lane, f"milestones/{bar_id}/",
               f"Milestone {bar_id}", *extra)


def diagram(*bars: Bar) -> DiagramInput:
    return DiagramInput("Roadmap 2026-Q2", "", (Q2,), SPRINTS, (Lane("o", "Objective", "", "objectives/o/"),),
                        tuple(bars), (), None, ())


S8, S9 = sprint(8), sprint(9)


def test_a_moved_bar_gets_a_ghost_where_it_was_planned():
    slipped = bar("a", S9.start, S9.end, baseline=(S8.start, S8.end))
    laid = layout(diagram(slipped))
    (box,) = laid.bars
    scale = laid.scale
    assert box.ghost_x == scale.x(S8.start)
    assert box.ghost_w == round(scale.x(S9.start) - scale.x(S8.start), 1)
    assert box.ghost_note == "Baseline of a"
    assert box.footprint_start <= box.ghost_x  # the row holds the ghost too
    assert [i.label for i in laid.legend if i.kind == "baseline"] == [BASELINE_LABEL]


def test_no_ghost_when_on_plan_or_planned_outside_the_period():
    on_plan = bar("a", S8.start, S8.end, baseline=(S8.start, S8.end))
    before = bar("b", S9.start, S9.end, baseline=(date(2026, 1, 5), date(2026, 1, 18)))
    plain = bar("c", S8.start, S9.end)
    laid = layout(diagram(on_plan, before, plain))
    assert [b.ghost_w for b in laid.bars] == [0.0, 0.0, 0.0]
    assert not any(i.kind == "baseline" for i in laid.legend)


def test_a_ghost_is_clipped_to_the_period():
    pulled_in = bar("a", date(2026, 6, 1), date(2026, 6, 20), baseline=(date(2026, 6, 15), date(2026, 7, 20)))
    laid = layout(diagram(pulled_in))
    (box,) = laid.bars
    assert box.ghost_x + box.ghost_w == laid.scale.x_end


def test_no_other_bar_is_packed_over_a_ghost():
    """Without the ghost, b fits in a's row (it starts after a ends); with it, b lies over a's plan."""
    a_plain = bar("a", S8.start, S8.end)
    a_moved = bar("a", S8.start, S8.end, baseline=(S8.start, S9.end + timedelta(days=14)))
    b = bar("b", S9.start + timedelta(days=3), S9.end)
    rows = lambda d: {box.id: box.row for box in layout(d).bars}
    assert rows(diagram(a_plain, b)) == {"a": 0, "b": 0}
    assert rows(diagram(a_moved, b)) == {"a": 0, "b": 1}


def test_the_svg_draws_ghosts_behind_the_bars_only_when_there_are_some():
    slipped = bar("a", S9.start, S9.end, baseline=(S8.start, S8.end))
    svg = draw(layout(diagram(slipped, bar("b", S8.start, S8.end))), standalone=True)
    root = ET.fromstring(svg)
    ghosts = root.findall(f".//{SVG}rect[@class='rmd-ghost']")
    assert len(ghosts) == 2  # a's ghost and the legend's swatch
    assert ghosts[0].find(f"{SVG}title").text == "Baseline of a"
    order = [el.get("class") for el in root.iter() if el.get("class") in ("rmd-ghosts", "rmd-bars")]
    assert order == ["rmd-ghosts", "rmd-bars"]
    assert ".rmd .rmd-ghost{" in svg and BASELINE_LABEL.replace("'", "&#39;") in svg
    plain = draw(layout(diagram(bar("a", S9.start, S9.end), bar("b", S8.start, S8.end))), standalone=True)
    assert "ghost" not in plain and "Baseline" not in plain
