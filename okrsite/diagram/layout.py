"""Roadmap diagram geometry: `DiagramInput` in, `DiagramLayout` (pure numbers and strings) out.

Nothing here knows about SVG. `okrsite.diagram.svg.draw` turns a layout into markup.

Conventions
- A day occupies ``[x(d), x(d + 1))``: a bar from ``start`` to its inclusive ``end`` spans
  ``x(start) .. x(end + 1)``.
- Every coordinate is rounded to 0.1 px (sizes to integers where they are structural), so the
  same input always gives the same numbers.
- Text widths are estimated from Helvetica/Arial advance widths; the SVG asks for an
  Arial-metric font stack so the estimate holds on every platform.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise

from okrsite.frozen import quick_init

__all__ = [
    "BAR_STATUSES",
    "BAR_TYPES",
    "Arrow",
    "Bar",
    "BarBox",
    "Box",
    "Column",
    "DiagramInput",
    "DiagramLayout",
    "Flag",
    "GroupBox",
    "Header",
    "HeaderCell",
    "Lane",
    "LaneBox",
    "LegendItem",
    "LegendLabel",
    "Marker",
    "Note",
    "Period",
    "TimeScale",
    "auto_px_per_day",
    "fit_text",
    "format_day_range",
    "layout",
    "text_width",
    "wrap_text",
]

BAR_TYPES = ("epic", "spike", "enabler", "signal-test")
BAR_STATUSES = ("planned", "in-progress", "done", "at-risk", "blocked", "dropped")

# ----------------------------------------------------------------------------------------------
# Input
# ----------------------------------------------------------------------------------------------


@quick_init
@dataclass(frozen=True)
class Period:            # a quarter or a sprint column
    id: str              # "2026-Q2" or "s7"
    name: str            # "2026-Q2" / "Sprint 7"
    start: date
    end: date            # inclusive last day


@quick_init
@dataclass(frozen=True)
class Lane:
    id: str              # objective id, or "" for milestones not tied to a single objective lane
    title: str
    group: str           # team name ("" when no teams)
    url: str             # site-root-relative, e.g. "objectives/build-trust/"


@quick_init
@dataclass(frozen=True)
class Bar:
    id: str
    title: str
    type: str
    status: str
    start: date
    end: date                       # inclusive
    completion: float               # 0..1 share of done tasks (1 when done)
    lane_id: str
    url: str                        # site-root-relative "milestones/x/"
    tooltip: str                    # full text for <title>: title, type, status, dates, KRs
    baseline_start: date | None = None  # the plan it is measured against (drawn as a ghost bar
    baseline_end: date | None = None    # when it differs from start..end), inclusive
    baseline_note: str = ""             # the ghost's <title>: "Baseline Mar 30 – Apr 26: slips 14 days"


@quick_init
@dataclass(frozen=True)
class Marker:
    date: date
    label: str


@quick_init
@dataclass(frozen=True)
class DiagramInput:
    title: str
    description: str
    quarters: tuple[Period, ...]
    sprints: tuple[Period, ...]     # the visible range, sorted
    lanes: tuple[Lane, ...]         # in display order (already grouped by team)
    bars: tuple[Bar, ...]
    dependencies: tuple[tuple[str, str], ...]   # (dependency_id, dependant_id)
    today: date | None
    markers: tuple[Marker, ...]


# ----------------------------------------------------------------------------------------------
# Output
# ----------------------------------------------------------------------------------------------


def _r(value: float) -> float:
    """Round to 0.1 px; never return -0.0."""
    out = round(value, 1)
    return 0.0 if out == 0 else out


@quick_init
@dataclass(frozen=True)
class TimeScale:
    start: date          # first visible day
    end: date            # last visible day (inclusive)
    x0: float            # x of the start of `start`
    px_per_day: float

    def x(self, day: date) -> float:
        """Left edge of `day` (the right edge of the day before)."""
        return _r(self.x0 + (day - self.start).days * self.px_per_day)

    @property
    def x_end(self) -> float:
        """Right edge of the last visible day."""
        return self.x(self.end + timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@quick_init
@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float


@quick_init
@dataclass(frozen=True)
class HeaderCell:
    id: str
    name: str            # full name, for the cell's <title>
    x: float
    y: float
    w: float
    h: float
    label: str           # text that fits ("" = none)
    sublabel: str        # second text (dates) that fits ("" = none)
    label_x: float       # text start
    label_y: float       # baseline of label
    sublabel_y: float    # baseline of sublabel
    shaded: bool
    clipped: bool        # the period extends beyond the visible range


@quick_init
@dataclass(frozen=True)
class Header:
    y: float
    h: float
    quarters: tuple[HeaderCell, ...]
    columns_kind: str                 # "sprint" or "month"
    columns: tuple[HeaderCell, ...]   # sprint (or month) row


@quick_init
@dataclass(frozen=True)
class Column:            # sprint column shading through the lanes
    x: float
    w: float
    shaded: bool


@quick_init
@dataclass(frozen=True)
class GroupBox:          # team heading row
    title: str
    label: str
    x: float
    y: float
    w: float
    h: float
    label_x: float
    label_y: float


@quick_init
@dataclass(frozen=True)
class LaneBox:
    id: str
    title: str
    group: str
    url: str
    x: float             # the whole lane, label column included
    y: float
    w: float
    h: float
    rows: int
    label_lines: tuple[str, ...]
    label_x: float
    label_y: float       # baseline of the first line
    line_h: float
    truncated: bool      # label lines do not hold the whole title
    label_repeats: tuple[float, ...] = ()  # baselines of the label drawn again down a tall lane


@quick_init
@dataclass(frozen=True)
class BarBox:
    id: str
    title: str
    type: str            # one of BAR_TYPES or "other"
    status: str          # one of BAR_STATUSES or "other"
    url: str
    tooltip: str
    lane_id: str
    row: int
    x: float             # exact time extent: x(start) .. x(end + 1), clipped to the range
    y: float
    w: float
    h: float
    draw_x: float        # the visible rectangle: inset so adjacent bars show a gap
    draw_w: float
    fill_w: float        # done share of tasks, from draw_x
    completion: float
    label: str           # "" when omitted
    label_inside: bool
    label_x: float
    label_y: float       # baseline
    label_w: float       # estimated width of `label`
    glyph: bool          # draw the type glyph at the start
    glyph_x: float       # glyph centre
    glyph_y: float
    badge: bool          # draw the at-risk/blocked badge at the end
    badge_x: float       # badge centre
    badge_y: float
    clipped_start: bool
    clipped_end: bool
    footprint_end: float  # right end of bar + outside label, used for packing
    footprint_start: float = 0.0  # left end of bar or of a label placed to its left
    chevron_start: bool = False   # draw ‹ inside the bar (else the label carries the mark)
    chevron_end: bool = False     # draw › inside the bar
    ghost_x: float = 0.0          # the baseline's extent in the same row (ghost_w 0: none shown)
    ghost_w: float = 0.0
    ghost_note: str = ""


@quick_init
@dataclass(frozen=True)
class Arrow:
    from_id: str
    to_id: str
    points: tuple[tuple[float, float], ...]   # first on the dependency's end, last on the dependant's start
    joint: bool = False  # the two bars abut in one row: drawn as an arrowhead in the seam, not a line
    stub: str = ""       # "" a whole arrow; no free route: "out" marks the dependency's end and
                         # "in" the dependant's start, each a short stub naming the other bar
    note: str = ""       # a stub's reference: the other milestone's title


@quick_init
@dataclass(frozen=True)
class Flag:              # "Today" or a marker: a vertical line and a label in the flag band
    kind: str            # "today" | "marker"
    x: float
    label: str           # "" when it could not be placed
    full_label: str
    label_x: float       # text anchor point
    label_y: float       # baseline
    anchor: str          # "start" | "end"
    box: Box | None      # flag background (None when no label)
    level: int
    line_top: float
    line_bottom: float
    date: date


@quick_init
@dataclass(frozen=True)
class LegendLabel:       # "Type", "Status", ...
    text: str
    x: float
    y: float             # baseline


@quick_init
@dataclass(frozen=True)
class LegendItem:
    kind: str            # "type" | "status" | "today" | "marker" | "dependency" | "stub" | "baseline"
    key: str             # type / status name, or kind
    label: str
    x: float             # swatch box
    y: float
    w: float
    h: float
    text_x: float
    text_y: float        # baseline


@quick_init
@dataclass(frozen=True)
class Note:
    text: str
    x: float             # centre
    y: float             # baseline


@quick_init
@dataclass(frozen=True)
class DiagramLayout:
    title: str
    description: str
    subtitle: str
    width: int
    height: int
    scale: TimeScale
    title_x: float
    title_y: float       # baseline
    title_label: str     # the title as it fits
    subtitle_y: float
    header: Header
    flag_band: Box | None
    plot: Box            # lanes area over the time axis
    lanes_box: Box       # lanes area including the label column
    label_col: Box
    columns: tuple[Column, ...]
    quarter_lines: tuple[float, ...]
    groups: tuple[GroupBox, ...]
    lanes: tuple[LaneBox, ...]
    bars: tuple[BarBox, ...]
    arrows: tuple[Arrow, ...]
    today_x: float | None
    today: Flag | None
    markers: tuple[Flag, ...]
    legend_labels: tuple[LegendLabel, ...]
    legend: tuple[LegendItem, ...]
    note: Note | None
    bar_count: int       # bars drawn
    dropped_count: int   # bars left out (entirely outside the range)


# ----------------------------------------------------------------------------------------------
# Metrics
# ----------------------------------------------------------------------------------------------

MARGIN = 20.0
FIT_WIDTH = 1156         # the theme's content column (1200 px less padding and border): a
                         # diagram laid out to it shows at 1:1 from 1280 px windows up
LABEL_COL_W = 200.0      # lane label column (includes its right padding)
LABEL_PAD = 12.0
TITLE_SIZE = 19.0
SUBTITLE_SIZE = 12.0
TITLE_BAND = 58.0
QUARTER_ROW_H = 26.0
COLUMN_ROW_H = 38.0      # sprint row with name and dates
COLUMN_ROW_H_SHORT = 24.0
QUARTER_SIZE = 13.0
COLUMN_SIZE = 12.0
DATES_SIZE = 10.5
FLAG_ROW_H = 20.0
FLAG_SIZE = 11.0
GROUP_H = 28.0
GROUP_SIZE = 12.0
LANE_SIZE = 13.0
LANE_LINE_H = 16.0
LANE_MAX_LINES = 3
LANE_REPEAT_ROWS = 16    # a lane taller than this many bar rows shows its label again every so often
LANE_PAD = 10.0          # above the first and below the last bar row
BAR_H = 24.0
ROW_GAP = 12.0           # a gutter between rows: room for three arrow tracks
BAR_SIZE = 12.0
BAR_INSET = 1.5          # each side, so adjacent bars show a 3 px gap
GLYPH_SLOT = 16.0        # room for the type glyph at the start
CHEVRON_SLOT = 8.0       # room for a clipped-end chevron
BADGE_SLOT = 18.0        # room for the at-risk/blocked badge at the end
TEXT_PAD = 6.0
OUTSIDE_GAP = 6.0        # between a bar and a label to its right
OUTSIDE_MAX = 420.0      # the widest label beside a bar
INSIDE_CUT_MIN = 110.0   # a bar narrower than this never shows a cut title inside (a "stub")
ARROW_STUB = 8.0
TRACK_GAP = 3.0          # between parallel arrow legs in one gutter
PORT_GAP = 5.0           # between arrow ends on one bar edge
MAX_ROWS_CROSSED = 3     # a whole arrow passes at most this many bar rows between its ends
LEGEND_GAP = 18.0
LEGEND_ROW_H = 24.0
LEGEND_SIZE = 12.0
LEGEND_SWATCH_W = 30.0
LEGEND_SWATCH_H = 16.0
EMPTY_LANES_H = 72.0
MIN_PLOT_W = 280.0

NO_MILESTONES = "No scheduled milestones"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Helvetica (= Arial = Liberation Sans) advance widths, 1/1000 em, for ASCII 32..126.
_ASCII_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  # ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  # 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  # @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,   # P.._
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,   # `..o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,        # p..~
)
_BOLD_ASCII_WIDTHS = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
)
_SPECIAL = {"\u2026": 1000, "\u2013": 556, "\u2014": 1000, "\u2018": 222, "\u2019": 222,
            "\u201c": 333, "\u201d": 333, "\u00b7": 278, "\u2022": 350, "\u00a0": 278}
_SAFETY = 1.04           # renderers differ a little (hinting, kerning off)


@lru_cache(maxsize=4096)
def _char_width(ch: str, bold: bool) -> int:
    table = _BOLD_ASCII_WIDTHS if bold else _ASCII_WIDTHS
    code = ord(ch)
    if 32 <= code <= 126:
        return table[code - 32]
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    category = unicodedata.category(ch)
    if category in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1000
    base = unicodedata.normalize("NFD", ch)[0]
    if base != ch and 32 <= ord(base) <= 126:
        return table[ord(base) - 32]
    if category == "So":     # symbols, emoji
        return 1000
    return 600


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated advance width of `text` in px at font size `size`."""
    return _text_units(text, bold) * size / 1000.0 * _SAFETY


@lru_cache(maxsize=65536)
def _text_units(text: str, bold: bool) -> float:
    """The same titles are measured on every roadmap page that shows them."""
    return sum(_char_width(ch, bold) for ch in text)


def _clean(text: str) -> str:
    return " ".join(str(text).split())


def fit_text(text: str, max_w: float, size: float, *, bold: bool = False, min_chars: int = 3) -> str:
    """`text` if it fits in `max_w` px, else cut with "…" after at least `min_chars` characters,
    else ""."""
    return _fit_text(text, max_w, size, bold, min_chars)


@lru_cache(maxsize=65536)
def _fit_text(text: str, max_w: float, size: float, bold: bool, min_chars: int) -> str:
    """A milestone's title is fitted to the same bar width on every roadmap view of its
    period (the quarter page, the team and status filters): measured once per build."""
    text = _clean(text)
    if not text or max_w <= 0:
        return ""
    scale = size / 1000.0 * _SAFETY
    prefix = [0.0]
    for ch in text:
        prefix.append(prefix[-1] + _char_width(ch, bold) * scale)
    if prefix[-1] <= max_w:
        return text
    room = max_w - _char_width("\u2026", bold) * scale
    n = bisect.bisect_right(prefix, room) - 1      # characters that fit before the ellipsis
    if n <= 0:
        return ""
    cut = text[:n]
    # do not separate a base character from the combining marks that follow it
    while cut and unicodedata.category(text[len(cut)]) in ("Mn", "Me"):
        cut = cut[:-1]
    cut = cut.rstrip(" ,;:-\u2013\u2014/")
    if len(cut) < min(min_chars, len(text)) or not cut:
        return ""
    return cut + "\u2026"


def wrap_text(text: str, max_w: float, size: float, *, max_lines: int, bold: bool = False) -> tuple[str, ...]:
    """Greedy word wrap into at most `max_lines` lines; the last line gets "…" if text remains."""
    words = _clean(text).split(" ")
    if words == [""]:
        return ()
    lines: list[str] = []
    i = 0
    while i < len(words) and len(lines) < max_lines:
        last = len(lines) == max_lines - 1
        line = words[i]
        i += 1
        if text_width(line, size, bold=bold) > max_w:
            # a single over-long word: cut it on its own line
            lines.append(fit_text(line, max_w, size, bold=bold, min_chars=1) or line[:1])
            if last:
                break
            continue
        while i < len(words) and text_width(line + " " + words[i], size, bold=bold) <= max_w:
            line += " " + words[i]
            i += 1
        lines.append(line)
    if i < len(words) and lines:
        rest = lines[-1] + " " + " ".join(words[i:])
        lines[-1] = fit_text(rest, max_w, size, bold=bold, min_chars=1)
    return tuple(lines)


def format_day_range(start: date, end: date, *, year: bool = False) -> str:
    """"Mar 30 – Apr 12", "Apr 13 – 26"; with `year`: "Mar 30 – Jul 5, 2026"."""
    a = f"{MONTHS[start.month - 1]} {start.day}"
    if start == end:
        return a + (f", {start.year}" if year else "")
    if year and start.year != end.year:
        return f"{a}, {start.year} \u2013 {MONTHS[end.month - 1]} {end.day}, {end.year}"
    if (start.year, start.month) == (end.year, end.month):
        b = f"{end.day}"
    else:
        b = f"{MONTHS[end.month - 1]} {end.day}"
    return f"{a} \u2013 {b}" + (f", {end.year}" if year else "")


def auto_px_per_day(days: int) -> float:
    """Pixels per day for a range of `days`: ~10 for a quarter (a 14-day sprint column is
    ~140 px, room for its name and dates), narrowing for longer roadmaps so that 8 quarters
    stay within ~2100 px of time axis."""
    days = max(days, 1)
    if days <= 98:
        target = 1000.0
    elif days <= 740:
        target = 1000.0 + (days - 98) * (1100.0 / 642.0)
    else:
        target = 2100.0
    ppd = target / days
    ppd = min(max(ppd, 0.25), 24.0)
    return round(ppd, 2)


# ----------------------------------------------------------------------------------------------
# Layout
# ----------------------------------------------------------------------------------------------


def _visible_range(d: DiagramInput) -> tuple[date, date]:
    periods = list(d.quarters) + list(d.sprints)
    if periods:
        return min(p.start for p in periods), max(max(p.end, p.start) for p in periods)
    if d.bars:
        return min(b.start for b in d.bars), max(max(b.end, b.start) for b in d.bars)
    anchor = d.today or date(2000, 1, 1)
    return anchor, anchor + timedelta(days=13)


def _months(start: date, end: date) -> tuple[Period, ...]:
    out = []
    y, m = start.year, start.month
    while date(y, m, 1) <= end:
        ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
        name = MONTHS[m - 1] if m != 1 else f"{MONTHS[0]} {y}"
        out.append(Period(f"{y:04d}-{m:02d}", name, date(y, m, 1), date(ny, nm, 1) - timedelta(days=1)))
        y, m = ny, nm
    return tuple(out)


def _header_cells(periods, scale: TimeScale, y: float, h: float, *, size: float, bold: bool,
                  sub_size: float, with_sub: bool, sub_inline: bool, short) -> tuple[HeaderCell, ...]:
    cells = []
    index = 0
    for p in periods:
        s = max(p.start, scale.start)
        e = min(p.end, scale.end)
        if e < s:
            continue
        x = scale.x(s)
        w = _r(scale.x(e + timedelta(days=1)) - x)
        room = w - 2 * TEXT_PAD
        dates = format_day_range(p.start, p.end)
        label, sub = "", ""
        candidates = [p.name]
        if short:
            candidates += [short(p)]
        for cand in candidates:
            if cand and text_width(cand, size, bold=bold) <= room:
                label = cand
                break
        if label and with_sub:
            if sub_inline:
                left = room - text_width(label + "  ", size, bold=bold)
                if text_width(dates, sub_size) <= left:
                    sub = dates
            elif text_width(dates, sub_size) <= room:
                sub = dates
        if sub and not sub_inline:
            label_y = y + 15.0
            sub_y = y + 30.0
        else:
            label_y = y + h / 2 + size * 0.36
            sub_y = label_y
        cells.append(HeaderCell(
            id=p.id, name=p.name, x=x, y=_r(y), w=w, h=_r(h), label=label, sublabel=sub,
            label_x=_r(x + TEXT_PAD), label_y=_r(label_y), sublabel_y=_r(sub_y),
            shaded=index % 2 == 1, clipped=p.start < scale.start or p.end > scale.end))
        index += 1
    return tuple(cells)


def _short_sprint(p: Period) -> str:
    name = p.name.strip()
    if name.lower().startswith("sprint "):
        return "S" + name[7:].strip()
    return p.id


def _place_flags(items, scale: TimeScale, plot_right: float, plot_left: float):
    """items: (kind, date, label). Returns flags (without line extents) and number of levels."""
    placed: list[tuple] = []
    level_ends: list[float] = []
    max_levels = 3
    for kind, day, full in items:
        x = scale.x(day)
        label = fit_text(full, OUTSIDE_MAX - 2 * 5, FLAG_SIZE, bold=True, min_chars=4)
        w = text_width(label, FLAG_SIZE, bold=True) + 10 if label else 0.0
        anchor = "start"
        left = x
        if label and x + w > plot_right:
            anchor = "end"
            left = x - w
            if left < plot_left:
                label, w = "", 0.0
        level = -1
        if label:
            for i, end in enumerate(level_ends):
                if end + 4 <= left:
                    level = i
                    break
            else:
                if len(level_ends) < max_levels:
                    level_ends.append(-1e9)
                    level = len(level_ends) - 1
            if level < 0:
                label, w = "", 0.0
            else:
                level_ends[level] = left + w
        placed.append((kind, day, full, x, label, w, anchor, left, level))
    return placed, len(level_ends)


def _bar_kind(value: str, allowed: tuple[str, ...]) -> str:
    return value if value in allowed else "other"


@dataclass
class _Work:              # mutable scratch record for one bar
    bar: Bar
    lane: int
    x: float
    w: float
    clipped_start: bool
    clipped_end: bool
    label: str = ""
    label_inside: bool = True
    label_w: float = 0.0
    glyph: bool = False
    badge: bool = False
    pad_left: float = 0.0
    footprint_end: float = 0.0
    footprint_start: float = 0.0
    chevron_start: bool = False
    chevron_end: bool = False
    row: int = 0
    label_left: bool = False  # the outside label sits left of the bar
    ghost_x: float = 0.0
    ghost_w: float = 0.0


def fit_px_per_day(days: int, width: int = FIT_WIDTH) -> float:
    """The scale at which `days` fill a diagram `width` px wide (rounded down to 0.01 px)."""
    plot_w = max(width - 2 * MARGIN - LABEL_COL_W, MIN_PLOT_W)
    return max(int(plot_w / max(days, 1) * 100) / 100, 0.01)


def layout(diagram: DiagramInput, px_per_day: float | None = None, width: int | None = None) -> DiagramLayout:
    """Compute the geometry of a roadmap diagram.

    The visible range runs from the earliest start to the latest end of the given quarters and
    sprints (so partly visible sprints show whole). Without `px_per_day` the range fills
    `width` (default `FIT_WIDTH`, the page's content column), whatever its length: a quarter, a
    half-year and a year all fit the column, each at its own scale."""
    start, end = _visible_range(diagram)
    days = (end - start).days + 1
    ppd = float(px_per_day) if px_per_day is not None else fit_px_per_day(days, width or FIT_WIDTH)
    if ppd <= 0:
        raise ValueError("px_per_day must be positive")

    plot_x = MARGIN + LABEL_COL_W
    scale = TimeScale(start, end, plot_x, ppd)
    plot_right = scale.x_end
    width = int(-(-(plot_right + MARGIN) // 1))
    content_w = width - 2 * MARGIN

    # ---- title band -------------------------------------------------------------------------
    bars_in = [b for b in diagram.bars if not (max(b.end, b.start) < start or b.start > end)]
    n = len(bars_in)
    title_label = fit_text(diagram.title, content_w, TITLE_SIZE, bold=True, min_chars=1)
    subtitle_parts = [format_day_range(start, end, year=True)]
    if diagram.quarters:
        qs = diagram.quarters
        subtitle_parts.insert(0, qs[0].name if len(qs) == 1 else f"{qs[0].name} \u2013 {qs[-1].name}")
    subtitle_parts.append(f"{n} milestone" + ("" if n == 1 else "s"))
    subtitle = fit_text(" \u00b7 ".join(subtitle_parts), content_w, SUBTITLE_SIZE, min_chars=1)
    title_y = MARGIN + TITLE_SIZE * 0.8
    subtitle_y = title_y + 20.0
    y = MARGIN + TITLE_BAND - 12.0

    # ---- header -----------------------------------------------------------------------------
    header_y = y
    qrow = _header_cells(diagram.quarters, scale, y, QUARTER_ROW_H, size=QUARTER_SIZE, bold=True,
                         sub_size=DATES_SIZE, with_sub=True, sub_inline=True, short=None)
    if diagram.quarters:
        y += QUARTER_ROW_H
    if diagram.sprints:
        kind, periods, short = "sprint", diagram.sprints, _short_sprint
    else:
        kind, periods, short = "month", _months(start, end), (lambda p: MONTHS[p.start.month - 1][0])
    # dates under sprint names only when every column can show them (a ragged row reads badly)
    probe = _header_cells(periods, scale, y, COLUMN_ROW_H, size=COLUMN_SIZE, bold=True,
                          sub_size=DATES_SIZE, with_sub=kind == "sprint", sub_inline=False, short=short)
    full_cells = [c for c in probe if c.w >= 40]
    two_lines = bool(full_cells) and all(c.sublabel for c in full_cells)
    row_h = COLUMN_ROW_H if two_lines else COLUMN_ROW_H_SHORT
    crow = _header_cells(periods, scale, y, row_h, size=COLUMN_SIZE, bold=True, sub_size=DATES_SIZE,
                         with_sub=two_lines, sub_inline=False, short=short)
    y += row_h
    header = Header(y=_r(header_y), h=_r(y - header_y), quarters=qrow, columns_kind=kind, columns=crow)

    # ---- flag band (today, markers) ---------------------------------------------------------
    flag_items = []
    if diagram.today is not None and scale.contains(diagram.today):
        flag_items.append(("today", diagram.today, "Today"))
    for m in sorted(diagram.markers, key=lambda m: (m.date, m.label)):
        if scale.contains(m.date):
            flag_items.append(("marker", m.date, _clean(m.label)))
    flag_items.sort(key=lambda t: (t[1], t[0] != "today", t[2]))
    placed, levels = _place_flags(flag_items, scale, plot_right, plot_x)
    flag_band = None
    if flag_items:
        band_h = max(levels, 1) * FLAG_ROW_H + 6
        flag_band = Box(_r(plot_x), _r(y), _r(plot_right - plot_x), _r(band_h))
        flag_y0 = y + 3
        y += band_h
    lanes_top = y

    # ---- lanes and bars ---------------------------------------------------------------------
    lanes = list(diagram.lanes)
    lane_index: dict[str, int] = {}
    for i, lane in enumerate(lanes):
        lane_index.setdefault(lane.id, i)
    orphan = [b for b in bars_in if b.lane_id not in lane_index]
    if orphan and "" not in lane_index:
        # bars whose lane is not shown go to a catch-all lane at the end
        lanes.append(Lane("", "Other milestones", "", ""))
        lane_index[""] = len(lanes) - 1

    works: list[_Work] = []
    for b in bars_in:
        b_end = max(b.end, b.start)
        s = max(b.start, start)
        e = min(b_end, end)
        x = scale.x(s)
        w = _r(scale.x(e + timedelta(days=1)) - x)
        li = lane_index.get(b.lane_id, lane_index.get("", 0))
        works.append(_Work(b, li, x, w, b.start < start, b_end > end))

    for wk in works:
        _label_bar(wk, plot_x, plot_right)
        _ghost(wk, scale)

    # pack each lane: sorted by start then id; first row whose last footprint ends at or before x
    by_lane: list[list[_Work]] = [[] for _ in lanes]
    for wk in works:
        by_lane[wk.lane].append(wk)
    lane_rows: list[int] = []
    for items in by_lane:
        # interval first-fit over footprints (bar plus an outside label), sorted by their start
        items.sort(key=lambda wk: (wk.footprint_start, wk.x, wk.bar.start, wk.bar.id, wk.bar.end))
        row_ends: list[float] = []
        for wk in items:
            for r, row_end in enumerate(row_ends):
                if row_end <= wk.footprint_start:
                    wk.row = r
                    row_ends[r] = wk.footprint_end
                    break
            else:
                wk.row = len(row_ends)
                row_ends.append(wk.footprint_end)
        lane_rows.append(max(len(row_ends), 1))

    has_groups = any(lane.group for lane in lanes)
    groups: list[GroupBox] = []
    lane_boxes: list[LaneBox] = []
    lane_y: list[float] = []
    label_w = LABEL_COL_W - 2 * LABEL_PAD
    prev_group = None
    for i, lane in enumerate(lanes):
        if has_groups and (i == 0 or lane.group != prev_group):
            title = lane.group or "No team"
            label = fit_text(title.upper(), LABEL_COL_W - 2 * LABEL_PAD, GROUP_SIZE, bold=True, min_chars=1)
            groups.append(GroupBox(title, label, _r(MARGIN), _r(y), _r(content_w), GROUP_H,
                                   _r(MARGIN + LABEL_PAD), _r(y + GROUP_H / 2 + GROUP_SIZE * 0.36)))
            y += GROUP_H
        prev_group = lane.group
        rows = lane_rows[i]
        lines = wrap_text(lane.title or lane.id or "\u2014", label_w, LANE_SIZE, max_lines=LANE_MAX_LINES, bold=True)
        bars_h = LANE_PAD * 2 + rows * BAR_H + (rows - 1) * ROW_GAP
        text_h = len(lines) * LANE_LINE_H + 2 * LANE_PAD
        h = max(bars_h, text_h)
        truncated = " ".join(lines).rstrip("\u2026") != _clean(lane.title) if lines else bool(lane.title)
        # first line aligned with the first bar row's label
        first = y + LANE_PAD + BAR_H / 2 + LANE_SIZE * 0.36
        if len(lines) > 1 and rows == 1:
            first = y + (h - len(lines) * LANE_LINE_H) / 2 + LANE_LINE_H / 2 + LANE_SIZE * 0.36
        # down a lane taller than a window the label comes again, in line with a bar row, so
        # the lane of a bar is always in view
        repeats = []
        step = LANE_REPEAT_ROWS * (BAR_H + ROW_GAP)
        again = first + step
        while lines and again + (len(lines) - 1) * LANE_LINE_H < y + h - LANE_PAD:
            repeats.append(_r(again))
            again += step
        lane_boxes.append(LaneBox(lane.id, lane.title, lane.group, lane.url, _r(MARGIN), _r(y), _r(content_w),
                                  _r(h), rows, lines, _r(MARGIN + LABEL_PAD), _r(first), LANE_LINE_H, truncated,
                                  tuple(repeats)))
        lane_y.append(y)
        y += h
    if not lanes:
        y += EMPTY_LANES_H
    lanes_bottom = y

    bar_boxes: list[BarBox] = []
    for wk in works:
        by = _r(lane_y[wk.lane] + LANE_PAD + wk.row * (BAR_H + ROW_GAP))
        bar_boxes.append(_bar_box(wk, by, lanes[wk.lane].id))
    bar_boxes.sort(key=lambda b: (b.y, b.x, b.id))

    rules = tuple(_r(lb.y + lb.h) for lb in lane_boxes) + tuple(g.y for g in groups) + tuple(_r(g.y + g.h) for g in groups)
    flag_xs = tuple(item[3] for item in placed)
    arrows = _route_arrows(diagram.dependencies, bar_boxes, plot_x=plot_x, plot_right=plot_right,
                           top=lanes_top, bottom=lanes_bottom, rules=rules, avoid_x=flag_xs)

    # ---- flags' lines -----------------------------------------------------------------------
    today_flag = None
    marker_flags: list[Flag] = []
    for kind, day, full, x, label, w, anchor, left, level in placed:
        box = None
        label_x = x
        label_y = 0.0
        top = lanes_top
        if label:
            fy = flag_y0 + level * FLAG_ROW_H
            box = Box(_r(left), _r(fy), _r(w), FLAG_ROW_H - 4)
            label_x = left + 5 if anchor == "start" else x - 5
            label_y = fy + (FLAG_ROW_H - 4) / 2 + FLAG_SIZE * 0.36
            top = fy
        flag = Flag(kind, x, label, full, _r(label_x), _r(label_y), anchor, box, max(level, 0),
                    _r(top), _r(lanes_bottom), day)
        if kind == "today":
            today_flag = flag
        else:
            marker_flags.append(flag)

    # ---- columns and quarter lines ------------------------------------------------------------
    columns = tuple(Column(c.x, c.w, c.shaded) for c in crow)
    quarter_lines = tuple(c.x for prev, c in pairwise(qrow) if c.x > plot_x and prev.x + prev.w >= c.x)

    # ---- note ---------------------------------------------------------------------------------
    note = None
    if not bar_boxes:
        mid_y = lanes_top + (lanes_bottom - lanes_top) / 2 + 14 * 0.36
        if lane_boxes and len(lane_boxes) == 1:
            mid_y = lane_boxes[0].y + lane_boxes[0].h / 2 + 14 * 0.36
        note = Note(NO_MILESTONES, _r(plot_x + (plot_right - plot_x) / 2), _r(mid_y))

    # ---- legend -------------------------------------------------------------------------------
    y += LEGEND_GAP
    legend_labels, legend_items, y = _legend(
        y, content_w, today=today_flag is not None, markers=bool(marker_flags),
        deps=any(not a.stub for a in arrows), stubs=any(a.stub for a in arrows),
        baseline=any(b.ghost_w for b in bar_boxes))
    height = int(-(-(y + MARGIN - 6) // 1))

    return DiagramLayout(
        title=_clean(diagram.title), description=_clean(diagram.description), subtitle=subtitle,
        width=width, height=height, scale=scale,
        title_x=MARGIN, title_y=_r(title_y), title_label=title_label, subtitle_y=_r(subtitle_y),
        header=header, flag_band=flag_band,
        plot=Box(_r(plot_x), _r(lanes_top), _r(plot_right - plot_x), _r(lanes_bottom - lanes_top)),
        lanes_box=Box(_r(MARGIN), _r(lanes_top), _r(content_w), _r(lanes_bottom - lanes_top)),
        label_col=Box(_r(MARGIN), _r(header_y), LABEL_COL_W, _r(lanes_bottom - header_y)),
        columns=columns, quarter_lines=quarter_lines, groups=tuple(groups), lanes=tuple(lane_boxes),
        bars=tuple(bar_boxes), arrows=arrows,
        today_x=today_flag.x if today_flag else None, today=today_flag, markers=tuple(marker_flags),
        legend_labels=legend_labels, legend=legend_items, note=note,
        bar_count=len(bar_boxes), dropped_count=len(diagram.bars) - len(bars_in),
    )


def _label_bar(wk: _Work, plot_left: float, plot_right: float) -> None:
    """Where the title goes: whole inside the bar; else whole beside it (right, then left) when
    the plot has room; else cut inside a bar wide enough to read (never in a stub); else cut
    beside it. A bar cut by the period's edge shows ‹ or › inside when it is wide enough,
    otherwise its outside label carries the mark."""
    b = wk.bar
    status = _bar_kind(b.status, BAR_STATUSES)
    wk.chevron_start = wk.clipped_start and wk.w >= 2 * CHEVRON_SLOT + 4
    wk.chevron_end = wk.clipped_end and wk.w >= 2 * CHEVRON_SLOT + 4 + (CHEVRON_SLOT if wk.chevron_start else 0)
    wk.glyph = wk.w >= 14 + (CHEVRON_SLOT if wk.chevron_start else 0.0)
    wk.badge = status in ("at-risk", "blocked") and wk.w >= 44
    pad_left = TEXT_PAD + (GLYPH_SLOT if wk.glyph else 0.0) + (CHEVRON_SLOT if wk.chevron_start else 0.0)
    pad_right = TEXT_PAD + (BADGE_SLOT if wk.badge else 0.0) + (CHEVRON_SLOT if wk.chevron_end else 0.0)
    wk.pad_left = pad_left
    x_end = _r(wk.x + wk.w)
    wk.footprint_start, wk.footprint_end = wk.x, x_end
    title = _clean(b.title)
    inside_room = wk.w - pad_left - pad_right
    if title and text_width(title, BAR_SIZE) <= inside_room:
        wk.label, wk.label_inside, wk.label_w = title, True, text_width(title, BAR_SIZE)
        return
    lead = "\u2039 " if wk.clipped_start and not wk.chevron_start else ""
    tail = " \u203a" if wk.clipped_end and not wk.chevron_end else ""
    outside = lead + title + tail
    right_room = min(OUTSIDE_MAX, plot_right - x_end - OUTSIDE_GAP - 2)
    left_room = min(OUTSIDE_MAX, wk.x - plot_left - OUTSIDE_GAP - 2)
    full_w = text_width(outside, BAR_SIZE)
    wide = wk.w >= INSIDE_CUT_MIN
    choice = None
    cut_inside = fit_text(title, inside_room, BAR_SIZE, min_chars=6) if wide else ""
    if cut_inside and len(cut_inside) >= 0.75 * len(title):
        choice = ("inside", cut_inside)          # nearly all of it shows in a wide bar
    elif title and full_w <= right_room:
        choice = ("right", outside)
    elif title and not wide and full_w <= left_room:
        choice = ("left", outside)
    elif title:
        # the placement that shows the most of the title; inside only in a bar wide enough to
        # read (never a cut label in a stub), beside it cut with "…"
        options = []
        if wide:
            options.append(("inside", cut_inside, 0))
        for side, room, rank in (("right", right_room, 1), ("left", left_room, 2)):
            cut = fit_text(lead + title, room - text_width(tail, BAR_SIZE), BAR_SIZE, min_chars=6 + len(lead))
            options.append((side, cut + tail if cut else "", rank))
        options = [o for o in options if o[1]]
        if options:
            side, label, _ = max(options, key=lambda o: (len(o[1]), -o[2]))
            choice = (side, label)
    wk.label_inside = choice is None or choice[0] == "inside"
    if choice is None:
        return
    side, label = choice
    wk.label, wk.label_w = label, text_width(label, BAR_SIZE)
    if side == "right":
        wk.footprint_end = _r(x_end + OUTSIDE_GAP + wk.label_w + 6)
    elif side == "left":
        wk.footprint_start = _r(wk.x - OUTSIDE_GAP - wk.label_w - 6)
        wk.label_left = True


def _ghost(wk: _Work, scale: TimeScale) -> None:
    """A bar's baseline, when it differs from the bar: its extent in the visible range, in the
    bar's own row (the row's footprint grows to hold it, so no other bar is drawn over it)."""
    b = wk.bar
    if b.baseline_start is None or b.baseline_end is None or b.baseline_end < b.baseline_start:
        return
    if (b.baseline_start, b.baseline_end) == (b.start, max(b.end, b.start)):
        return
    first = max(b.baseline_start, scale.start)
    last = min(b.baseline_end, scale.end)
    if first > last:
        return  # the plan lies wholly outside this diagram's period
    wk.ghost_x = scale.x(first)
    wk.ghost_w = _r(scale.x(last + timedelta(days=1)) - wk.ghost_x)
    wk.footprint_start = min(wk.footprint_start, wk.ghost_x)
    wk.footprint_end = max(wk.footprint_end, _r(wk.ghost_x + wk.ghost_w))


def _bar_box(wk: _Work, y: float, lane_id: str) -> BarBox:
    b = wk.bar
    inset = min(BAR_INSET, wk.w / 6)
    draw_x = _r(wk.x + inset)
    draw_w = _r(max(wk.w - 2 * inset, 0.5))
    completion = min(max(float(b.completion), 0.0), 1.0) if b.completion == b.completion else 0.0
    status = _bar_kind(b.status, BAR_STATUSES)
    if status == "done":
        completion = 1.0
    fill_w = _r(draw_w * completion)
    if wk.label_inside:
        label_x = _r(wk.x + wk.pad_left)
    elif wk.label_left:
        label_x = _r(wk.x - OUTSIDE_GAP - wk.label_w)
    else:
        label_x = _r(wk.x + wk.w + OUTSIDE_GAP)
    chev = CHEVRON_SLOT if wk.chevron_start else 0.0
    glyph_x = wk.x + chev + (TEXT_PAD + 5 if wk.w >= 30 else (wk.w - chev) / 2)
    return BarBox(
        id=b.id, title=_clean(b.title), type=_bar_kind(b.type, BAR_TYPES), status=status,
        url=b.url, tooltip=b.tooltip, lane_id=lane_id, row=wk.row,
        x=wk.x, y=y, w=wk.w, h=BAR_H, draw_x=draw_x, draw_w=draw_w, fill_w=fill_w,
        completion=round(completion, 4),
        label=wk.label, label_inside=wk.label_inside, label_x=label_x,
        label_y=_r(y + BAR_H / 2 + BAR_SIZE * 0.36), label_w=_r(wk.label_w),
        glyph=wk.glyph, glyph_x=_r(glyph_x), glyph_y=_r(y + BAR_H / 2),
        badge=wk.badge, badge_x=_r(wk.x + wk.w - (CHEVRON_SLOT if wk.chevron_end else 0.0) - 12),
        badge_y=_r(y + BAR_H / 2),
        clipped_start=wk.clipped_start, clipped_end=wk.clipped_end, footprint_end=wk.footprint_end,
        footprint_start=wk.footprint_start, chevron_start=wk.chevron_start, chevron_end=wk.chevron_end,
        ghost_x=wk.ghost_x, ghost_w=wk.ghost_w, ghost_note=_clean(b.baseline_note) if wk.ghost_w else "",
    )


# ---- dependency arrows --------------------------------------------------------------------------


def _simplify(points: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    out: list[tuple[float, float]] = []
    for p in points:
        p = (_r(p[0]), _r(p[1]))
        if out and out[-1] == p:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (a[0] == b[0] == p[0]) or (a[1] == b[1] == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)


class _Segments:
    """Placed arrow legs, bucketed by their fixed coordinate, to refuse a leg that would run
    along another one (collinear within 2 px and overlapping)."""

    def __init__(self):
        self.h: dict[int, list[tuple[float, float, float]]] = {}
        self.v: dict[int, list[tuple[float, float, float]]] = {}

    @staticmethod
    def _split(points):
        for (x1, y1), (x2, y2) in pairwise(points):
            if y1 == y2 and x1 != x2:
                yield "h", y1, min(x1, x2), max(x1, x2)
            elif x1 == x2 and y1 != y2:
                yield "v", x1, min(y1, y2), max(y1, y2)

    def free(self, points) -> bool:
        for kind, c, a, b in self._split(points):
            table = self.h if kind == "h" else self.v
            for key in range(int(c) - 3, int(c) + 4):
                for c2, a2, b2 in table.get(key, ()):
                    if abs(c2 - c) < 2.0 and a < b2 + 2.0 and a2 < b + 2.0:
                        return False
        return True

    def add(self, points) -> None:
        for kind, c, a, b in self._split(points):
            (self.h if kind == "h" else self.v).setdefault(int(c), []).append((c, a, b))


def _route_arrows(deps, boxes: list[BarBox], *, plot_x: float, plot_right: float, top: float, bottom: float,
                  rules=(), avoid_x=()) -> tuple[Arrow, ...]:
    """Route each dependency so that no leg crosses a label or a bar and no two arrows share a
    segment.

    Horizontal legs run only in the gutters between bar rows, each on its own track; an arrow
    leaves its dependency through the bottom (or top) edge near its end and enters the
    dependant through the top (or bottom) edge near its start, so the stubs never cross the
    rows' labels; a leg through the rows in between takes an x where each of them is free.
    An arrow that finds no such route is drawn as two stubs (`Arrow.stub`), each naming the
    other milestone in its tooltip. Deterministic: short arrows are routed first, ties by id.
    """
    by_id = {b.id: b for b in boxes}
    tops = sorted({b.y for b in boxes})
    row_of = {t: i for i, t in enumerate(tops)}
    row_boxes: list[list[BarBox]] = [[] for _ in tops]
    for b in boxes:
        row_boxes[row_of[b.y]].append(b)
    # obstacles per row: bars and their outside labels, widened by 3 px, merged, sorted
    obstacles: list[list[tuple[float, float]]] = [[] for _ in tops]
    for b in boxes:
        obstacles[row_of[b.y]].append((min(b.draw_x, b.footprint_start) - 3, max(b.draw_x + b.draw_w, b.footprint_end) + 3))
    for i, ivs in enumerate(obstacles):
        ivs.sort()
        merged: list[tuple[float, float]] = []
        for a, c in ivs:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], c))
            else:
                merged.append((a, c))
        obstacles[i] = merged
    for x in avoid_x:  # today's line and markers: no leg runs along them
        for ivs in obstacles:
            bisect.insort(ivs, (x - 3, x + 3))
    sorted_rules = sorted(rules)

    def clear_of_rules(y: float) -> bool:
        # only rules within 2 px can be closer than 1.5 px; the exact test is kept for those
        near = sorted_rules[bisect.bisect_left(sorted_rules, y - 2):bisect.bisect_right(sorted_rules, y + 2)]
        return all(abs(y - r) >= 1.5 for r in near)

    gutters = []
    for k in range(len(tops) + 1):
        g_top = tops[k - 1] + BAR_H if k else top
        g_bottom = tops[k] if k < len(tops) else bottom
        ys = []
        y = g_top + TRACK_GAP
        while y <= g_bottom - TRACK_GAP + 1e-6:
            if clear_of_rules(y):  # a track is never drawn along a lane's rule
                ys.append(_r(y))
            y += TRACK_GAP
        mid = (g_top + g_bottom) / 2
        ys.sort(key=lambda v: (abs(v - mid), v))
        gutters.append(ys)

    placed = _Segments()
    ports: dict[tuple[str, str], set[float]] = {}

    def port(b: BarBox, edge: str, out: bool) -> float | None:
        lo, hi = b.draw_x + 1.5, b.draw_x + b.draw_w - 1.5
        used = ports.setdefault((b.id, edge), set())
        if hi < lo:
            lo = hi = b.draw_x + b.draw_w / 2
        k = 0
        while True:
            x = _r(hi - 3 - k * PORT_GAP if out else lo + 3 + k * PORT_GAP)
            x = min(max(x, lo), hi)
            if x not in used:
                return x
            if (out and x <= lo) or (not out and x >= hi):
                return None
            k += 1

    def free_x(r0: int, r1: int) -> list[tuple[float, float]]:
        """x intervals free in every row r0..r1-1 (rows a vertical leg crosses)."""
        free = [(plot_x + 2, plot_right - 2)]
        for r in range(r0, r1):
            nxt = []
            for a, c in free:
                cur = a
                for oa, oc in obstacles[r]:
                    if oc <= cur or oa >= c:
                        continue
                    if oa > cur:
                        nxt.append((cur, oa))
                    cur = max(cur, oc)
                if cur < c:
                    nxt.append((cur, c))
            free = [(a, c) for a, c in nxt if c - a >= 2]
            if not free:
                break
        return free

    def edge_y(b: BarBox, edge: str) -> float:
        return b.y + b.h if edge == "bottom" else b.y

    def attempt(a: BarBox, b: BarBox, ea: str, eb: str, ga: int, gb: int):
        xa, xb = port(a, ea, True), port(b, eb, False)
        if xa is None or xb is None:
            return None
        ya, yb = edge_y(a, ea), edge_y(b, eb)
        direct = abs(xb - xa) + abs(yb - ya)
        longest = direct + 60 + 0.3 * direct    # a detour beyond this reads worse than a stub

        def ok(pts) -> bool:
            return sum(abs(p[0] - q[0]) + abs(p[1] - q[1]) for p, q in pairwise(pts)) <= longest and placed.free(pts)

        if ga == gb:
            for t in gutters[ga]:
                pts = _simplify([(xa, ya), (xa, t), (xb, t), (xb, yb)])
                if ok(pts):
                    return pts, xa, xb
            return None
        r0, r1 = min(ga, gb), max(ga, gb)
        cands = []
        for fa, fc in free_x(r0, r1):
            lo, hi = fa + 1, fc - 1
            for want in (xb - 10, xa, (xa + xb) / 2, (lo + hi) / 2):
                cands.append(_r(min(max(want, lo), hi)))
        cands = sorted(set(cands), key=lambda x: (abs(x - (xb - 10)), x))[:12]
        for xv in cands:
            for ta in gutters[ga]:
                first = [(xa, ya), (xa, ta), (xv, ta)]
                if not placed.free(_simplify(first)):
                    continue
                for tb in gutters[gb]:
                    pts = _simplify(first + [(xv, tb), (xb, tb), (xb, yb)])
                    if ok(pts):
                        return pts, xa, xb
        return None

    pairs = []
    seen = set()
    for dep_id, dant_id in deps:
        if (dep_id, dant_id) in seen or dep_id == dant_id:
            continue
        seen.add((dep_id, dant_id))
        a, b = by_id.get(dep_id), by_id.get(dant_id)
        if a is not None and b is not None:
            pairs.append((abs(row_of[a.y] - row_of[b.y]), abs(b.x - a.x - a.w), dep_id, dant_id, a, b))
    pairs.sort(key=lambda p: p[:4])

    arrows = []
    for _, _, dep_id, dant_id, a, b in pairs:
        ra, rb = row_of[a.y], row_of[b.y]
        x1, yc = _r(a.x + a.w), _r(a.y + a.h / 2)
        if ra == rb and b.x >= x1 and a.footprint_end <= x1 + 0.05 and b.footprint_start >= b.x - 0.05:
            between = [o for o in row_boxes[ra] if o is not a and o is not b
                       and o.footprint_start < b.x and max(o.footprint_end, o.x + o.w) > x1]
            pts = ((x1, yc), (b.x, yc))
            if not between and placed.free(pts):
                placed.add(pts)
                arrows.append(Arrow(dep_id, dant_id, pts, joint=b.x - x1 < ARROW_STUB))
                continue
        if abs(ra - rb) > MAX_ROWS_CROSSED + 1:
            options = []        # a long vertical through many lanes reads as a comb: stubs instead
        elif rb > ra:
            options = [("bottom", "top", ra + 1, rb)]
        elif rb < ra:
            options = [("top", "bottom", ra, rb + 1)]
        else:
            options = [("bottom", "bottom", ra + 1, ra + 1), ("top", "top", ra, ra)]
        for ea, eb, ga, gb in options:
            found = attempt(a, b, ea, eb, ga, gb)
            if found:
                pts, xa, xb = found
                placed.add(pts)
                ports[(a.id, ea)].add(xa)
                ports[(b.id, eb)].add(xb)
                arrows.append(Arrow(dep_id, dant_id, pts))
                break
        else:
            ea, eb = ("bottom", "top") if rb >= ra else ("top", "bottom")
            for bar_, edge, out, note in ((a, ea, True, b.title), (b, eb, False, a.title)):
                x = port(bar_, edge, out)
                if x is None:
                    continue
                y0 = edge_y(bar_, edge)
                step = 7.0 if edge == "bottom" else -7.0
                pts = ((x, _r(y0 + step)), (x, _r(y0))) if not out else ((x, _r(y0)), (x, _r(y0 + step * 5 / 7)))
                if placed.free(pts):
                    placed.add(pts)
                    ports[(bar_.id, edge)].add(x)
                    arrows.append(Arrow(dep_id, dant_id, pts, stub="out" if out else "in", note=note))
    arrows.sort(key=lambda ar: (ar.from_id, ar.to_id, ar.stub))
    return tuple(arrows)


# ---- legend -------------------------------------------------------------------------------------

_TYPE_LABELS = (("epic", "Epic"), ("spike", "Spike"), ("enabler", "Enabler"), ("signal-test", "Signal test"))
_STATUS_LABELS = (("planned", "Planned"), ("in-progress", "In progress (darker share: tasks done)"), ("done", "Done"),
                  ("at-risk", "At risk"), ("blocked", "Blocked"), ("dropped", "Dropped"))


BASELINE_LABEL = "Baseline (plan at the quarter's start)"


def _legend(y: float, content_w: float, *, today: bool, markers: bool, deps: bool, stubs: bool = False,
            baseline: bool = False):
    groups: list[tuple[str, list[tuple[str, str, str]]]] = [
        ("Type", [("type", k, v) for k, v in _TYPE_LABELS]),
        ("Status", [("status", k, v) for k, v in _STATUS_LABELS]),
    ]
    lines = []
    if today:
        lines.append(("today", "today", "Today"))
    if markers:
        lines.append(("marker", "marker", "Marker"))
    if deps:
        lines.append(("dependency", "dependency", "Depends on"))
    if stubs:
        lines.append(("stub", "stub", "Depends on a bar further away (point at the stub or bar to see which)"))
    if baseline:
        lines.append(("baseline", "baseline", BASELINE_LABEL))
    if lines:
        groups.append(("Lines", lines))
    heads = max(text_width(t, LEGEND_SIZE, bold=True) for t, _ in groups) + 12
    labels: list[LegendLabel] = []
    items: list[LegendItem] = []
    right = MARGIN + content_w
    for head, entries in groups:
        labels.append(LegendLabel(head, _r(MARGIN), _r(y + LEGEND_ROW_H / 2 + LEGEND_SIZE * 0.36)))
        x = MARGIN + heads
        for kind, key, text in entries:
            w = LEGEND_SWATCH_W + 7 + text_width(text, LEGEND_SIZE) + 20
            if x + w - 20 > right and x > MARGIN + heads:
                y += LEGEND_ROW_H
                x = MARGIN + heads
            sy = y + (LEGEND_ROW_H - LEGEND_SWATCH_H) / 2
            items.append(LegendItem(kind, key, text, _r(x), _r(sy), LEGEND_SWATCH_W, LEGEND_SWATCH_H,
                                    _r(x + LEGEND_SWATCH_W + 7), _r(y + LEGEND_ROW_H / 2 + LEGEND_SIZE * 0.36)))
            x += w
        y += LEGEND_ROW_H
    return tuple(labels), tuple(items), y
