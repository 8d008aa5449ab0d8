"""okrsite.bidi: author text between directional isolates in every page and diagram.

The end-to-end test builds a site with an unclosed RIGHT-TO-LEFT OVERRIDE (U+202E) at the end of
every author text field and reads every HTML and SVG file it writes: each override must lie inside
an isolate (FSI ... PDI) that closes in the same text or attribute value, so nothing the theme
writes after an author's value can be reversed by it (issue 9, item 20).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from render_helpers import build, make_site

from okrsite.bidi import FSI, PDI, isolate

RLO, PDF, LRI, RLI = "\u202e", "\u202c", "\u2066", "\u2067"


# --- isolate() ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Plain title", "Café 🎯 · 3 KRs", "", "zero\u200bwidth"])
def test_left_to_right_text_is_unchanged(text):
    assert isolate(text) is text


@pytest.mark.parametrize("text", ["Evil" + RLO, "\u05e9\u05dc\u05d5\u05dd", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 1", "a\u200fb"])
def test_right_to_left_text_and_controls_are_isolated(text):
    assert isolate(text) == FSI + text + PDI


def test_a_stray_pdi_cannot_close_the_isolate_early():
    assert isolate(PDI + RLO + "x") == FSI + RLO + "x" + PDI


def test_isolates_left_open_are_closed_before_ours():
    assert isolate(RLI + "x" + LRI) == FSI + RLI + "x" + LRI + PDI + PDI + PDI


def test_each_line_is_isolated_on_its_own():
    assert isolate("a" + RLO + "\nplain\n" + RLO) == f"{FSI}a{RLO}{PDI}\nplain\n{FSI}{RLO}{PDI}"


def leaks(text: str) -> list[int]:
    """Offsets of overrides in `text` that are not inside an isolate closed later in `text`."""
    bad, open_at = [], []
    for offset, char in enumerate(text):
        if char in (FSI, LRI, RLI):
            open_at.append([])
        elif char == PDI and open_at:
            open_at.pop()
        elif char == RLO:
            (open_at[-1] if open_at else bad).append(offset)
    for pending in open_at:  # an isolate never closed: what follows it is not protected either
        bad += pending
    return bad


@pytest.mark.parametrize("text", ["x" + RLO, PDI * 3 + RLO + LRI * 2, "\n".join([RLO, PDI, RLI + RLO])])
def test_isolated_text_never_leaks(text):
    assert leaks(text) and not leaks(isolate(text))


# --- every author field of a built site -----------------------------------------------------------

def evil(field: str) -> str:
    """An author value naming its field and ending in an unclosed override."""
    return f"{field} {RLO}"


def q(text: str) -> str:
    return '"' + text + '"'


CONFIG = f"""\
title: {q(evil("site-title"))}
description: {q(evil("site-description"))}
base_url: https://example.org/roadmap/
today: 2026-05-12
calendar:
  sprints:
    - {{id: s1, name: {q(evil("sprint-one"))}, start: 2026-04-06, end: 2026-04-19}}
    - {{id: s2, name: {q(evil("sprint-two"))}, start: 2026-04-20, end: 2026-05-03}}
    - {{id: s3, name: {q(evil("sprint-three"))}, start: 2026-05-04, end: 2026-05-17}}
markers:
  - {{date: 2026-04-28, label: {q(evil("marker-label"))}}}
edit_url: https://git.example.org/edit/{{path}}
"""

FILES = {
    "content/teams/crew.yaml": f"""\
        name: {q(evil("team-name"))}
        lead: {q(evil("team-lead"))}
        members: [{q(evil("team-member"))}]
        description: Owns [[grow]].
        """,
    "content/objectives/grow.md": f"""\
        ---
        title: {q(evil("objective-title"))}
        quarter: 2026-Q2
        team: crew
        owner: {q(evil("objective-owner"))}
        key_results:
          - id: kr1
            title: {q(evil("kr-title"))}
            metric: {q(evil("kr-metric"))}
            unit: {q(evil("kr-unit"))}
            start: 0
            target: 100
            checkins:
              - {{date: 2026-04-10, value: 10, note: {q(evil("checkin-note"))}}}
              - {{date: 2026-05-01, value: 40, note: {q(evil("checkin-note-2"))}}}
          - id: kr2
            title: {q(evil("kr-title-2"))}
        hypotheses:
          - id: h1
            statement: {q(evil("hypothesis-statement"))}
            key_results: [kr1]
        ---
        Links to [[ship]] and [[crew]] and [[page]].
        """,
    "content/milestones/ship.md": f"""\
        ---
        title: {q(evil("milestone-title"))}
        type: epic
        key_results: [grow/kr1, grow/kr2]
        hypothesis: grow/h1
        team: crew
        owner: {q(evil("milestone-owner"))}
        sprints: [s1, s2]
        status: at-risk
        cluster: {q(evil("milestone-cluster"))}
        tasks:
          - {{title: {q(evil("task-title"))}, assignee: {q(evil("task-assignee"))}, sprint: s2, status: done}}
        ---
        Body that mentions [[grow]].
        """,
    "content/milestones/follow.md": f"""\
        ---
        title: {q(evil("dependant-title"))}
        type: spike
        key_results: [grow/kr1]
        team: crew
        depends_on: [ship]
        sprints: [s3]
        ---
        """,
    "content/milestones/later.md": f"""\
        ---
        title: {q(evil("unscheduled-title"))}
        type: enabler
        key_results: [grow/kr2]
        ---
        """,
    "content/tasks/extra.md": f"""\
        ---
        title: {q(evil("task-file-title"))}
        milestone: ship
        assignee: {q(evil("task-file-assignee"))}
        ---
        """,
    "content/pages/page.md": f"""\
        ---
        title: {q(evil("page-title"))}
        description: {q(evil("page-description"))}
        ---
        See [[ship]].
        """,
}
FIELDS = sorted(set(re.findall(r"([a-z0-9-]+) \u202e", CONFIG + "".join(FILES.values()))))


class Chunks(HTMLParser):
    """Every text run and attribute value of a document, with the file it came from."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.chunks += [value for _, value in attrs if value]

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.chunks.append(data)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("bidi")
    site = make_site(tmp, FILES, config=CONFIG, minimal=False)
    out = tmp / "public"
    assert build(site, out) == 0
    return out


def test_every_override_in_every_page_and_diagram_ends_with_its_value(built):
    seen: set[str] = set()
    files = [p for p in sorted(built.rglob("*")) if p.suffix in (".html", ".svg")]
    assert len(files) > 10
    for path in files:
        parser = Chunks()
        parser.feed(path.read_text(encoding="utf-8"))
        for chunk in parser.chunks:
            assert not leaks(chunk), (path.relative_to(built).as_posix(), chunk)
            seen.update(re.findall(r"([a-z0-9-]+) \u202e", chunk))
    # every field was shown somewhere, so every field was checked
    assert set(FIELDS) - seen == set()


def test_each_value_is_isolated_on_its_own(built):
    # Where a page writes text around a value, the value's isolate ends before that text.
    page = (built / "milestones/ship/index.html").read_text(encoding="utf-8")
    assert f"<h1>{FSI}{evil('milestone-title')}{PDI}</h1>" in page
    assert f"<title>{FSI}{evil('milestone-title')}{PDI} · {FSI}{evil('site-title')}{PDI}</title>" in page
    assert f"{FSI}{evil('task-assignee')}{PDI} · {FSI}{evil('sprint-two')}{PDI}" in page
    objective = (built / "objectives/grow/index.html").read_text(encoding="utf-8")
    assert f"40 of 100 {FSI}{evil('kr-unit')}{PDI} (from 0)" in objective
    assert f'aria-label="Check-ins for {FSI}{evil("kr-title")}{PDI}"' in objective
    team = (built / "teams/crew/index.html").read_text(encoding="utf-8")
    assert f'<a href="../../objectives/grow/index.html">{FSI}{evil("objective-title")}{PDI}</a>' in team


def test_plain_text_exports_keep_the_values_as_written(built):
    # roadmap.json and roadmap.ics are data for other programs: values exactly as the author wrote them.
    data = json.loads((built / "roadmap.json").read_text(encoding="utf-8"))
    assert {m["title"] for m in data["milestones"]} >= {evil("milestone-title"), evil("dependant-title")}
    assert FSI not in json.dumps(data, ensure_ascii=False) and FSI not in (built / "roadmap.ics").read_text(encoding="utf-8")
