"""okrsite.sparkline: a KR's check-ins as a tiny inline SVG."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

from okrsite import sparkline
from okrsite.sparkline import HEIGHT, PAD, WIDTH

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    # Inline SVG in HTML carries no xmlns; add it to read the markup as XML.
    return ET.fromstring(markup.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def polyline_points(markup: str) -> list[tuple[float, float]]:
    line = parse(markup).find(f"{SVG}polyline")
    return [tuple(float(n) for n in pair.split(",")) for pair in line.get("points").split()]


def test_points_are_evenly_spaced_across_the_box():
    xs = [x for x, _ in sparkline.points([1, 2, 3, 4, 5])]
    assert xs[0] == PAD and xs[-1] == WIDTH - PAD
    steps = {round(b - a, 1) for a, b in itertools.pairwise(xs)}
    assert len(steps) == 1


def test_higher_values_are_drawn_higher():
    ys = [y for _, y in sparkline.points([10, 20, 30])]
    assert ys[0] == HEIGHT - PAD          # the lowest value on the bottom edge
    assert ys[-1] == PAD                  # the highest on the top edge
    assert ys[0] > ys[1] > ys[2]


def test_start_and_target_widen_the_range():
    # start 0, target 100: check-ins at 50 and 60 sit in the middle, not at the edges.
    ys = [y for _, y in sparkline.points([50, 60], 0, 100)]
    assert PAD < ys[1] < ys[0] < HEIGHT - PAD
    assert ys[0] == round(HEIGHT - PAD - 0.5 * (HEIGHT - 2 * PAD), 1)


def test_a_target_below_the_start_is_also_in_range():
    # A metric to lower: start 50, target 10. Both ends must fit, whichever is larger.
    ys = [y for _, y in sparkline.points([45, 40], 50, 10)]
    span = HEIGHT - 2 * PAD
    assert ys == [round(HEIGHT - PAD - (45 - 10) / 40 * span, 1), round(HEIGHT - PAD - (40 - 10) / 40 * span, 1)]
    assert all(PAD < y < HEIGHT - PAD for y in ys)


def test_flat_values_do_not_divide_by_zero():
    pts = sparkline.points([7, 7, 7])
    assert len({y for _, y in pts}) == 1


def test_one_value_is_one_point():
    assert sparkline.points([3]) == [(PAD, HEIGHT - PAD)]


def test_no_values_draw_nothing():
    assert sparkline.points([]) == []
    assert sparkline.svg([], "empty") == ""


def test_svg_is_one_polyline_ending_in_a_dot_at_the_last_value():
    markup = sparkline.svg([1200, 1320, 1800], "Check-ins", 1200, 2400)
    root = parse(markup)
    assert root.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"
    points = polyline_points(markup)
    assert len(points) == 3
    dot = root.find(f"{SVG}circle")
    assert (float(dot.get("cx")), float(dot.get("cy"))) == points[-1]


def test_svg_has_an_accessible_name_and_escapes_it():
    markup = sparkline.svg([1, 2], 'Check-ins for <script>alert("x")</script> & co')
    root = parse(markup)
    assert root.get("role") == "img"
    assert root.get("aria-label") == 'Check-ins for <script>alert("x")</script> & co'
    assert "<script" not in markup


def test_same_values_give_the_same_markup():
    assert sparkline.svg([1, 5, 3], "x", 0, 10) == sparkline.svg([1, 5, 3], "x", 0, 10)
