"""Check-in history as a tiny inline SVG: points computed here, drawn as one polyline."""

from __future__ import annotations

from html import escape

WIDTH, HEIGHT, PAD = 120, 28, 3


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def points(values: list[float], lo: float | None = None, hi: float | None = None) -> list[tuple[float, float]]:
    """Evenly spaced x, y scaled into the box; `lo`/`hi` (start and target, in either order:
    a target may be below its start) widen the range so both always fit."""
    if not values:
        return []
    extent = list(values) + [v for v in (lo, hi) if v is not None]
    low, high = min(extent), max(extent)
    span = high - low or 1.0
    step = (WIDTH - 2 * PAD) / (len(values) - 1) if len(values) > 1 else 0.0
    return [
        (round(PAD + i * step, 1), round(HEIGHT - PAD - (v - low) / span * (HEIGHT - 2 * PAD), 1))
        for i, v in enumerate(values)
    ]


def svg(values: list[float], label: str, lo: float | None = None, hi: float | None = None) -> str:
    """The sparkline markup, with an accessible name; empty when there is nothing to draw."""
    pts = points(values, lo, hi)
    if not pts:
        return ""
    line = " ".join(f"{_num(x)},{_num(y)}" for x, y in pts)
    last_x, last_y = pts[-1]
    return (
        f'<svg class="sparkline" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(label)}">'
        f'<polyline points="{line}" fill="none" stroke="currentColor" stroke-width="1.5" '
        f'stroke-linejoin="round" stroke-linecap="round"/>'
        f'<circle cx="{_num(last_x)}" cy="{_num(last_y)}" r="2.5" fill="currentColor"/></svg>'
    )
