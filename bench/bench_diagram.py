#!/usr/bin/env python3
"""Time the roadmap diagram: layout (numbers) and drawing (SVG text), apart.

    python bench/bench_diagram.py [--bars 60 1000] [--quarters 1 8] [--repeat 5]

Synthetic input, no site needed: BARS milestones spread over QUARTERS quarters of 14-day
sprints, in 8 lanes of 3 teams, with a dependency on about every fifth bar, today's line and
two markers. Reports the best of --repeat runs and the SVG's size. The issue's bar: 1,000
milestones across 8 quarters in well under a second.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from okrsite.diagram.layout import Bar, DiagramInput, Lane, Marker, Period, layout  # noqa: E402
from okrsite.diagram.svg import draw  # noqa: E402

TYPES = ("epic", "spike", "enabler", "signal-test")
STATUSES = ("planned", "in-progress", "done", "at-risk", "blocked", "dropped")
START = date(2026, 1, 5)


def quarter(index: int) -> Period:
    year, q = 2026 + index // 4, index % 4 + 1
    first = date(year, 3 * (q - 1) + 1, 1)
    after = date(year + (q == 4), (3 * q) % 12 + 1, 1)
    return Period(f"{year}-Q{q}", f"{year}-Q{q}", first, after - timedelta(days=1))


def diagram(bars: int, quarters: int, seed: int = 0) -> DiagramInput:
    rng = random.Random(seed)
    qs = tuple(quarter(i) for i in range(quarters))
    sprints = []
    number = 1
    while True:
        begin = START + timedelta(days=14 * (number - 1))
        if begin > qs[-1].end:
            break
        if begin + timedelta(days=13) >= qs[0].start:
            sprints.append(Period(f"s{number}", f"Sprint {number}", begin, begin + timedelta(days=13)))
        number += 1
    lanes = tuple(Lane(f"objective-{i}", f"Objective number {i} with a longer title", f"Team {i % 3}",
                       f"objectives/objective-{i}/index.html") for i in range(8))
    items = []
    for i in range(bars):
        first = rng.randrange(len(sprints))
        last = min(len(sprints) - 1, first + rng.randrange(3))
        title = f"Milestone {i} " + " ".join(rng.choice(["feedback", "ranker", "cache", "pilot", "insights"])
                                           for _ in range(rng.randrange(1, 5)))
        items.append(Bar(f"m{i}", title, rng.choice(TYPES), rng.choice(STATUSES), sprints[first].start,
                         sprints[last].end, rng.random(), lanes[i % 8].id, f"milestones/m{i}/index.html", title))
    by_end = sorted(items, key=lambda b: b.end)
    deps = tuple((a.id, b.id) for a, b in zip(by_end, by_end[1:]) if a.end < b.start and rng.random() < 0.2)
    today = qs[0].start + timedelta(days=40)
    markers = (Marker(today + timedelta(days=9), "Launch"), Marker(today + timedelta(days=50), "Review"))
    return DiagramInput("Roadmap", f"{bars} milestones", qs, tuple(sprints), lanes, tuple(items), deps, today, markers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bars", type=int, nargs="+", default=[60, 1000])
    parser.add_argument("--quarters", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"{'bars':>6} {'quarters':>8} {'layout ms':>10} {'draw ms':>8} {'total ms':>9} {'SVG KiB':>8}")
    for bars, quarters in zip(args.bars, args.quarters):
        data = diagram(bars, quarters)
        lay_times, draw_times = [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            laid = layout(data)
            t1 = time.perf_counter()
            svg = draw(laid, standalone=True)
            t2 = time.perf_counter()
            lay_times.append(t1 - t0)
            draw_times.append(t2 - t1)
        best_layout, best_draw = min(lay_times) * 1000, min(draw_times) * 1000
        print(f"{bars:>6} {quarters:>8} {best_layout:>10.1f} {best_draw:>8.1f} {best_layout + best_draw:>9.1f} "
              f"{len(svg.encode()) / 1024:>8.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
