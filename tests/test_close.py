"""`okrsite close PERIOD`: grades written into the author's files, every other byte kept."""

from __future__ import annotations

import difflib
import os

import pytest

from helpers import CONFIG, make_site, run_cli
from okrsite.grades import grade_for, insert_grades
from okrsite.pipeline import check

# today: 2026-05-12, so 2026-Q1 has ended and 2026-Q2 has not.
TRICKY = (
    "\ufeff---\r\n"
    "# The objective for Q1 -- comments stay where they are\r\n"
    "title: 'Grow: the \"social\" loop'   # quoted, with a comment\r\n"
    "quarter: 2026-Q1\r\n"
    "key_results:\r\n"
    "  # KRs in any order, ids not always first\r\n"
    "  - title: \"Shares per week\"\r\n"
    "    id: \"kr2\"       # quoted id\r\n"
    "    start: 100\r\n"
    "    target: 300\r\n"
    "    current: 250\r\n"
    "  - id: kr1\r\n"
    "    title: >-\r\n"
    "      Invites sent per\r\n"
    "      week\r\n"
    "    start: 0\r\n"
    "    target: 10\r\n"
    "    current: 3.4\r\n"
    "  - {id: kr3, title: Flow style, start: 0, target: 4, current: 3}\r\n"
    "  - id: kr4\r\n"
    "    title: Already graded\r\n"
    "    grade: 0.3\r\n"
    "  - id: kr5\r\n"
    "    title: Dropped\r\n"
    "    status: dropped\r\n"
    "hypotheses:\r\n"
    "  - {id: h1, statement: 'Sharing, then inviting', key_results: [kr1, kr2]}\r\n"
    "---\r\n"
    "Body text stays.\r\n"
)

LATER = """\
---
title: Still running
quarter: 2026-Q2
key_results:
  - id: kr1
    title: Q2 KR
    start: 0
    target: 10
---
"""

SERVES = """\
---
title: Serves all
type: epic
key_results: [social/kr1, social/kr2, social/kr3, social/kr4, later/kr1]
sprints: [s1, s8]
---
"""


def tricky_site(tmp_path):
    return make_site(tmp_path, {"content/objectives/social.md": TRICKY.encode("utf-8"),
                                "content/objectives/later.md": LATER, "content/milestones/serves.md": SERVES})


def inserted_lines(before: bytes, after: bytes) -> list[tuple[int, str]]:
    """(line number in `after`, text) of each line `after` adds; fails if anything else changed."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    found = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        assert tag == "insert", f"{tag}: {old[i1:i2]!r} -> {new[j1:j2]!r}"
        found += [(j + 1, new[j].decode("utf-8")) for j in range(j1, j2)]
    return found


def test_close_inserts_only_grade_lines_and_keeps_every_other_byte(tmp_path):
    site = tricky_site(tmp_path)
    path = site / "content/objectives/social.md"
    before = path.read_bytes()
    result = run_cli("close", "2026-Q1", "--site", str(site))
    assert result.returncode == 0, result.stderr
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    # kr3 is a flow mapping: its grade goes right after the id value, on the same line
    flow_before = b"  - {id: kr3, title: Flow style"
    flow_after = b"  - {id: kr3, grade: 0.8, title: Flow style"
    assert after.count(flow_after) == 1
    assert inserted_lines(before, after.replace(flow_after, flow_before)) == [
        (9, "    grade: 0.8\r\n"),   # kr2: (250 - 100) / 200 = 0.75 -> 0.8, after its id line, not its first line
        (14, "    grade: 0.3\r\n"),  # kr1: 0.34 -> 0.3, right after `- id: kr1`, before the folded title
    ]
    assert result.stdout.splitlines() == [
        "content/objectives/social.md:9: wrote grade: 0.8 for social/kr2 (progress 75%)",
        "content/objectives/social.md:14: wrote grade: 0.3 for social/kr1 (progress 34%)",
        "content/objectives/social.md:21: wrote grade: 0.8 for social/kr3 (progress 75%)",
        "left out social/kr5: dropped, it needs no grade",
        "wrote 3 grades into 1 file for 2026-Q1",
    ]
    assert (site / "content/objectives/later.md").read_text() == LATER  # Q2 has not ended
    checked = check(site)
    assert checked.errors == 0
    grades = {k: kr.grade for k, kr in checked.site.key_results.items() if k.startswith("social/")}
    assert grades == {"social/kr1": 0.3, "social/kr2": 0.8, "social/kr3": 0.8, "social/kr4": 0.3, "social/kr5": None}
    assert run_cli("close", "2026-Q1", "--site", str(site)).stdout.splitlines()[-1].endswith(
        "2026-Q1 is closed: every key result has a grade")
    assert path.read_bytes() == after


def test_dry_run_prints_the_same_and_writes_nothing(tmp_path):
    site = tricky_site(tmp_path)
    before = {p: p.read_bytes() for p in (site / "content").rglob("*.md")}
    result = run_cli("close", "2026-Q1", "--site", str(site), "--dry-run")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "content/objectives/social.md:9: would write grade: 0.8 for social/kr2 (progress 75%)"
    assert result.stdout.splitlines()[-1] == "dry run: nothing written; would write 3 grades into 1 file for 2026-Q1"
    assert {p: p.read_bytes() for p in (site / "content").rglob("*.md")} == before


def test_the_file_is_replaced_atomically_with_its_mode(tmp_path):
    site = tricky_site(tmp_path)
    path = site / "content/objectives/social.md"
    os.chmod(path, 0o640)
    inode = path.stat().st_ino
    assert run_cli("close", "2026-Q1", "--site", str(site)).returncode == 0
    assert path.stat().st_ino != inode  # a new file renamed over the old one, never a half-written one
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["later.md", "social.md"]  # no temporary left


@pytest.mark.parametrize("period", ["2026-Q2", "2026-H1", "2026"])
def test_a_period_that_has_not_ended_is_refused(tmp_path, period):
    site = tricky_site(tmp_path)
    before = (site / "content/objectives/social.md").read_bytes()
    result = run_cli("close", period, "--site", str(site))
    assert result.returncode == 2
    assert "has not ended" in result.stderr and "today is 2026-05-12" in result.stderr
    assert (site / "content/objectives/social.md").read_bytes() == before


def test_a_period_ends_after_its_last_day(tmp_path):
    site = make_site(tmp_path, {"content/objectives/later.md": LATER},
                     config=CONFIG.replace("today: 2026-05-12", "today: 2026-06-30"))
    assert run_cli("close", "2026-Q2", "--site", str(site)).returncode == 2
    site = make_site(tmp_path / "2", {"content/objectives/later.md": LATER},
                     config=CONFIG.replace("today: 2026-05-12", "today: 2026-07-01"))
    result = run_cli("close", "2026-Q2", "--site", str(site))
    assert result.returncode == 0
    assert "content/objectives/later.md:6: wrote grade: 0.0 for later/kr1" in result.stdout


def test_a_bad_period_and_a_site_with_errors_are_refused(tmp_path):
    site = tricky_site(tmp_path)
    result = run_cli("close", "2026-Q5", "--site", str(site))
    assert result.returncode == 2 and "'2026-Q5' is not a period" in result.stderr
    (site / "content/milestones/broken.md").write_text("---\ntitle: x\n---\n")
    before = (site / "content/objectives/social.md").read_bytes()
    result = run_cli("close", "2026-Q1", "--site", str(site))
    assert result.returncode == 1 and "missing required field" in result.stderr
    assert "close writes nothing while the site has errors" in result.stderr
    assert (site / "content/objectives/social.md").read_bytes() == before


def test_the_period_may_be_written_in_lower_case(tmp_path):
    site = tricky_site(tmp_path)
    result = run_cli("close", "2026-q1", "--site", str(site), "--dry-run")
    assert result.returncode == 0 and "for 2026-Q1" in result.stdout.splitlines()[-1]


def test_a_year_is_closed_on_its_own(tmp_path):
    year = LATER.replace("quarter: 2026-Q2", "quarter: 2025")
    site = make_site(tmp_path, {"content/objectives/year.md": year, "content/objectives/q4.md":
                                LATER.replace("2026-Q2", "2025-Q4")})
    result = run_cli("close", "2025", "--site", str(site))
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "content/objectives/year.md:6: wrote grade: 0.0 for year/kr1 (progress 0%)"
    assert "grade" not in (site / "content/objectives/q4.md").read_text()


# --- insert_grades on its own ----------------------------------------------------------------------

def test_a_yaml_objective_whose_id_is_the_last_line():
    raw = b"title: T\nquarter: 2026-Q1\nkey_results:\n  - title: x\n    id: kr1"
    after, lines, skipped = insert_grades(raw, {"kr1": "0.5"}, is_markdown=False)
    assert after == raw + b"\n    grade: 0.5" and lines == {"kr1": 6} and skipped == {}


def test_a_flow_list_of_key_results():
    raw = b"---\ntitle: T\nquarter: 2026-Q1\nkey_results: [{id: kr1, title: a}, {title: b, id: kr2}]\n---\n"
    after, lines, _ = insert_grades(raw, {"kr1": "0.5", "kr2": "1.0"}, is_markdown=True)
    assert after == (b"---\ntitle: T\nquarter: 2026-Q1\n"
                     b"key_results: [{id: kr1, grade: 0.5, title: a}, {title: b, id: kr2, grade: 1.0}]\n---\n")
    assert lines == {"kr1": 4, "kr2": 4}


def test_lone_cr_line_ends_and_a_block_scalar_id():
    raw = b"---\rtitle: T\rkey_results:\r  - id: |-\r      kr1\r    title: x\r---\r"
    after, _, _ = insert_grades(raw, {"kr1": "0.2"}, is_markdown=True)
    assert after == b"---\rtitle: T\rkey_results:\r  - id: |-\r      kr1\r    grade: 0.2\r    title: x\r---\r"


def test_a_key_result_through_an_alias_is_left_to_the_author():
    raw = b"---\ntitle: T\nbase: &k {id: kr1, title: x}\nkey_results:\n  - *k\n---\n"
    after, lines, skipped = insert_grades(raw, {"kr1": "0.2"}, is_markdown=True)
    assert after == raw and lines == {} and "alias" in skipped["kr1"]


@pytest.mark.parametrize("progress, grade", [(0.0, 0.0), (0.34, 0.3), (0.35, 0.4), (0.65, 0.7), (0.749, 0.7),
                                             (0.95, 1.0), (1.0, 1.0)])
def test_grades_are_progress_rounded_to_a_tenth_halves_up(progress, grade):
    assert grade_for(progress) == grade
