"""The roadmap diagram as a reader sees it: real Chromium, measured on the rendered SVG.

A tall site is written into a temporary folder (8 objectives of 3 teams, 70 milestones in one
quarter with long titles, bars cut by the quarter's edges and chains of dependencies), built
with the real CLI and served over HTTP. Widths 1280, 1440, 1920 (desktop) and 390 (phone),
light and dark.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from okrsite.cli import main
from support import serve_dir

pytestmark = pytest.mark.browser

TITLES = ["Graduate the API to general availability with conformance tests", "Beta", "Client-go credential plugins",
          "Make pod disruption conditions the default", "Harden streaming list responses", "X"]
QUARTER = "quarters/2026-q2/index.html"


def write_tall_site(root: Path, milestones: int = 70, seed: int = 3) -> None:
    rnd = random.Random(seed)
    (root / "content" / "objectives").mkdir(parents=True)
    (root / "content" / "milestones").mkdir(parents=True)
    (root / "content" / "teams").mkdir(parents=True)
    (root / "okrsite.yaml").write_text(
        "title: Tall Roadmap\ntoday: 2026-05-12\ncalendar:\n  sprints: {start: 2026-01-05, length_days: 14}\n"
        "markers:\n  - {date: 2026-05-20, label: \"v1.36 release\"}\n", "utf-8")
    for t in range(3):
        (root / "content" / "teams" / f"team-{t}.yaml").write_text(f"name: SIG {t}\n", "utf-8")
    for o in range(8):
        title = f"SIG {o % 3}: the enhancements of release v1.{30 + o} and what they bring"
        (root / "content" / "objectives" / f"obj-{o}.md").write_text(
            f"---\ntitle: \"{title}\"\nquarter: 2026-Q2\nteam: team-{o % 3}\n"
            f"key_results:\n  - {{id: kr1, title: Ship it}}\n---\n", "utf-8")
    # one objective with a milestone outside the quarter only: its lane is not drawn
    (root / "content" / "objectives" / "quiet.md").write_text(
        "---\ntitle: Quiet objective\nquarter: 2026-Q2\nkey_results:\n  - {id: kr1, title: Later}\n---\n", "utf-8")
    (root / "content" / "milestones" / "quiet-later.md").write_text(
        "---\ntitle: Later work\ntype: epic\nkey_results: [quiet/kr1]\nsprints: [s20, s21]\n---\n", "utf-8")
    by_objective: dict[int, list[tuple[str, date, date]]] = {}
    q_start = date(2026, 4, 1)
    for i in range(milestones):
        o = rnd.randrange(8)
        start = q_start + timedelta(days=rnd.randrange(-50, 80))
        end = start + timedelta(days=rnd.choice([6, 13, 27, 60, 120]))
        mid = f"ms-{i:03d}"
        deps = ""
        earlier = [m for m, _, e in by_objective.get(o, []) if e < start]
        if earlier and rnd.random() < 0.6:
            deps = f"depends_on: [{earlier[-1]}]\n"
        status = rnd.choice(["planned", "in-progress", "done", "at-risk"])
        (root / "content" / "milestones" / f"{mid}.md").write_text(
            f"---\ntitle: \"KEP-{4000 + i}: {rnd.choice(TITLES)}\"\ntype: {rnd.choice(['epic', 'spike', 'enabler'])}\n"
            f"key_results: [obj-{o}/kr1]\nteam: team-{o % 3}\nstart: {start}\ndue: {end}\nstatus: {status}\n{deps}---\n",
            "utf-8")
        by_objective.setdefault(o, []).append((mid, start, end))


@pytest.fixture(scope="module")
def tall(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("tall")
    write_tall_site(root)
    out = root / "public"
    assert main(["build", "--site", str(root), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="module")
def base(tall):
    with serve_dir(tall) as url:
        yield url


def open_page(browser, url: str, width: int, scheme: str = "light", height: int = 800):
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                  is_mobile=width < 500, has_touch=width < 500)
    page = context.new_page()
    page.goto(url)
    return context, page


FIT = """() => [...document.querySelectorAll('.diagram-scroll')].map(box => {
  const plot = box.querySelector('svg[role=graphics-document]').getBoundingClientRect();
  const column = document.querySelector('main').getBoundingClientRect();
  return {scroll: box.scrollWidth, client: box.clientWidth, right: plot.right, column: column.right,
          doc: document.documentElement.scrollWidth, win: window.innerWidth};
})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 1440, 1920])
@pytest.mark.parametrize("path", [QUARTER, "roadmap/index.html", "roadmap/h1/by-team/index.html"])
def test_diagram_fits_the_content_column(browser, base, width, scheme, path):
    context, page = open_page(browser, base + path, width, scheme)
    try:
        boxes = page.evaluate(FIT)
        assert boxes, path
        for box in boxes:
            assert box["scroll"] <= box["client"], box        # no horizontal scrolling
            assert box["right"] <= box["column"] + 0.5, box    # the bars end inside the column
            assert box["doc"] <= box["win"], box
    finally:
        context.close()


VISIBLE = """() => {
  const vis = el => { const r = el.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth && r.height > 0; };
  const head = document.querySelector('.rmd-head').getBoundingClientRect();
  const names = [...document.querySelectorAll('.rmd-head text.rmd-cn')].filter(vis).map(t => t.textContent);
  const mid = innerHeight / 2;
  // the lane label cell beside the middle of the window
  const lane = [...document.querySelectorAll('.rmd-lanecol a.rmd-lane-link')].find(a => {
    const r = a.querySelector('rect.rmd-hit').getBoundingClientRect(); return r.top <= mid && r.bottom >= mid; });
  const laneText = lane ? lane.querySelector('text').getBoundingClientRect() : null;
  return {headTop: head.top, headBottom: head.bottom, sprints: names,
          lane: lane ? lane.querySelector('text').textContent : null,
          laneLeft: laneText ? laneText.left : null};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 1920])
def test_sprint_header_and_lane_labels_stay_in_view_while_scrolling(browser, base, width, scheme):
    context, page = open_page(browser, base + QUARTER, width, scheme)
    try:
        height = page.evaluate("() => document.querySelector('.rmd-plot').getBoundingClientRect().height")
        assert height > 1600, "the fixture's diagram is taller than two windows"
        top = page.evaluate("() => document.querySelector('.rmd-plot').getBoundingClientRect().top + scrollY")
        for share in (0.3, 0.6, 0.9):
            page.evaluate(f"() => window.scrollTo(0, {top + share * height - 400})")
            seen = page.evaluate(VISIBLE)
            assert -1 <= seen["headTop"] <= 1, seen             # the header sits at the top of the window
            assert len(seen["sprints"]) >= 7 and seen["sprints"][0].startswith("Sprint"), seen
            assert seen["lane"], seen                           # a lane label beside the middle
    finally:
        context.close()


def test_on_a_phone_the_diagram_scrolls_sideways_and_lane_labels_stay(browser, base):
    context, page = open_page(browser, base + QUARTER, 390, "dark", height=780)
    try:
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        page.evaluate("() => document.querySelector('.diagram-scroll').scrollIntoView()")
        box = page.locator(".diagram-scroll")
        page.evaluate("() => { const b = document.querySelector('.diagram-scroll'); b.scrollLeft = 400; b.scrollTop = 500; }")
        assert page.evaluate("() => document.querySelector('.diagram-scroll').scrollLeft") > 300
        seen = page.evaluate("""() => {
          const box = document.querySelector('.diagram-scroll').getBoundingClientRect();
          const mid = box.top + box.height / 2;
          const lane = [...document.querySelectorAll('.rmd-lanecol a.rmd-lane-link')].find(a => {
            const r = a.querySelector('rect.rmd-hit').getBoundingClientRect(); return r.top <= mid && r.bottom >= mid; });
          const t = lane.querySelector('text').getBoundingClientRect();
          const head = document.querySelector('.rmd-head').getBoundingClientRect();
          return {left: t.left, boxLeft: box.left, headTop: head.top, boxTop: box.top};
        }""")
        assert seen["boxLeft"] <= seen["left"] < seen["boxLeft"] + 40, seen     # labels stuck to the left
        assert abs(seen["headTop"] - seen["boxTop"]) <= 2, seen                   # header stuck to the top
        assert box.bounding_box()["height"] <= 780
    finally:
        context.close()


GEOMETRY = """() => {
  const svg = document.querySelector('svg[role=graphics-document]');
  const labels = [...svg.querySelectorAll('.rmd-bar text')].map(t => { const b = t.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height, t.textContent]; });
  const legs = [];
  svg.querySelectorAll('.rmd-arrow .rmd-dep').forEach(p => {
    const pts = p.getAttribute('d').slice(1).split('L').map(s => s.split(' ').map(Number));
    for (let i = 1; i < pts.length; i++) legs.push([pts[i-1], pts[i], p.parentNode.getAttribute('class')]);
  });
  return {labels, legs};
}"""


@pytest.mark.parametrize("path", [QUARTER, "roadmap/index.html", "roadmap/h1/index.html", "roadmap/by-type/index.html"])
def test_no_labels_overlap_and_no_arrow_crosses_a_label_as_rendered(browser, base, path):
    context, page = open_page(browser, base + path, 1280)
    try:
        g = page.evaluate(GEOMETRY)
        labels, legs = g["labels"], g["legs"]
        assert len(labels) > 20
        for i, a in enumerate(labels):
            for b in labels[i + 1:]:
                overlap = min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5
                assert not overlap, (a[4], b[4])
        for (x1, y1), (x2, y2), cls in legs:
            for lx0, ly0, lx1, ly1, text in labels:
                # glyph boxes include line gap: shrink by 1.5 px so a leg in the gutter may touch them
                lx0, ly0, lx1, ly1 = lx0 + 0.5, ly0 + 1.5, lx1 - 0.5, ly1 - 1.5
                if y1 == y2:
                    hit = ly0 < y1 < ly1 and min(x1, x2) < lx1 and max(x1, x2) > lx0
                else:
                    hit = lx0 < x1 < lx1 and min(y1, y2) < ly1 and max(y1, y2) > ly0
                assert not hit, f"{cls} crosses {text!r}"
        shared = []
        for i, (p, q, c) in enumerate(legs):
            for p2, q2, c2 in legs[i + 1:]:
                if c == c2:
                    continue
                if p[1] == q[1] == p2[1] == q2[1]:
                    if min(max(p[0], q[0]), max(p2[0], q2[0])) - max(min(p[0], q[0]), min(p2[0], q2[0])) > 1:
                        shared.append((c, c2))
                elif p[0] == q[0] == p2[0] == q2[0]:
                    if min(max(p[1], q[1]), max(p2[1], q2[1])) - max(min(p[1], q[1]), min(p2[1], q2[1])) > 1:
                        shared.append((c, c2))
        assert shared == []
    finally:
        context.close()


def test_hovering_a_bar_highlights_its_arrows_and_the_bars_they_join(browser, base):
    context, page = open_page(browser, base + QUARTER, 1440)
    try:
        arrow = page.locator("svg[role=graphics-document] g.rmd-arrow:not(.rmd-stub)").first
        classes = arrow.get_attribute("class").split()
        src = next(c[len("rmd-from-"):] for c in classes if c.startswith("rmd-from-"))
        dst = next(c[len("rmd-to-"):] for c in classes if c.startswith("rmd-to-"))
        assert page.locator(".rmd-hl").count() == 0
        page.locator(f"a.rmd-m-{src}").hover()
        assert "rmd-hl" in arrow.get_attribute("class").split()
        assert "rmd-hl" in page.locator(f"a.rmd-m-{dst}").get_attribute("class").split()
        stroke = arrow.locator(".rmd-dep").evaluate("p => getComputedStyle(p).strokeWidth")
        assert stroke == "2.5px"
        page.locator("h1").hover()
        assert page.locator(".rmd-hl").count() == 0
        page.locator(f"a.rmd-m-{dst}").focus()       # keyboard focus highlights too
        assert "rmd-hl" in arrow.get_attribute("class").split()
    finally:
        context.close()


def test_a_click_between_the_lines_of_a_wrapped_lane_label_follows_its_link(browser, base):
    context, page = open_page(browser, base + QUARTER, 1280)
    try:
        link = page.locator(".rmd-lanecol a.rmd-lane-link").first
        href = link.get_attribute("href")
        tspans = link.locator("tspan")
        assert tspans.count() >= 2, "the fixture's lane titles wrap"
        link.scroll_into_view_if_needed()
        first, second = tspans.nth(0).bounding_box(), tspans.nth(1).bounding_box()
        x = first["x"] + 10
        y = (first["y"] + first["height"] + second["y"]) / 2      # the gap between the two lines
        hit = page.evaluate(f"() => document.elementFromPoint({x}, {y}).closest('a')?.getAttribute('href')")
        assert hit == href
        with page.expect_navigation():
            page.mouse.click(x, y)
        assert page.url.endswith(href.split("/", 2)[-1])
    finally:
        context.close()


def test_lanes_without_bars_are_listed_under_the_diagram(tall):
    html = (tall / QUARTER).read_text("utf-8")
    lanes, _, after = html.partition('class="rmd-lanecol"')[2].partition("</figure>")
    assert "Quiet objective" not in lanes
    assert "Objectives with no milestone scheduled in 2026-Q2" in after and "Quiet objective" in after
