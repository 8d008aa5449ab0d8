"""The roadmap diagram: `layout` computes the geometry, `draw` writes the SVG.

    from okrsite.diagram import DiagramInput, layout, draw
    svg = draw(layout(diagram_input), root="../../", id_prefix="q2", standalone=False)
"""

from .layout import (
    Bar,
    BarBox,
    DiagramInput,
    DiagramLayout,
    Lane,
    Marker,
    Period,
    TimeScale,
    auto_px_per_day,
    fit_text,
    layout,
    text_width,
)
from .svg import draw

__all__ = [
    "Bar", "BarBox", "DiagramInput", "DiagramLayout", "Lane", "Marker", "Period", "TimeScale",
    "auto_px_per_day", "draw", "fit_text", "layout", "render", "text_width",
]


def render(diagram: DiagramInput, *, root: str = "", id_prefix: str = "rm", standalone: bool = False,
           px_per_day: float | None = None) -> str:
    """`draw(layout(diagram))` in one call."""
    return draw(layout(diagram, px_per_day=px_per_day), root=root, id_prefix=id_prefix, standalone=standalone)
