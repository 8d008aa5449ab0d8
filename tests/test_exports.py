"""okrsite.exports: roadmap.json (against its schema), roadmap.ics (through a real iCalendar
parser), CSV (formula-injection guard), sitemap.xml, and `okrsite export`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import okrsite_command
from render_helpers import SITES, checked_site, config_with, make_site, run_cli

from okrsite import exports

SCHEMA = json.loads((Path(exports.__file__).parent / "schemas" / exports.EXPORT_SCHEMA).read_text(encoding="utf-8"))
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def basic():
    return checked_site(SITES / "basic")


@pytest.fixture(scope="module")
def hostile():
    return checked_site(SITES / "hostile")


def validate(data) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def calendar_of(site) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(exports.roadmap_ics(site).encode("utf-8"))


def events(site) -> dict[str, icalendar.Event]:
    return {str(e["UID"]).split("@")[0]: e for e in calendar_of(site).walk("VEVENT")}


# --- roadmap.json --------------------------------------------------------------------------

def test_the_export_schema_is_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("name", ["basic", "hostile", "theme-override"])
def test_roadmap_json_is_valid_against_its_schema(name):
    data = json.loads(exports.roadmap_json(checked_site(SITES / name)))
    assert validate(data) == []


def test_roadmap_json_of_a_minimal_site_without_optional_settings_is_valid(tmp_path):
    data = json.loads(exports.roadmap_json(checked_site(make_site(tmp_path))))
    assert validate(data) == []
    assert data["site"]["base_url"] is None
    assert "absolute_url" not in data["objectives"][0]


def test_roadmap_json_has_computed_progress(basic):
    data = json.loads(exports.roadmap_json(basic))
    grow = next(o for o in data["objectives"] if o["id"] == "grow")
    assert grow["progress"] == 0.5
    assert [(k["id"], k["progress"], k["progress_basis"]) for k in grow["key_results"]] == [
        ("grow/kr1", 0.5, "numeric"), ("grow/kr2", 0.25, "numeric"), ("grow/kr3", 0.75, "milestones")]
    assert grow["key_results"][0]["current"] == 150
    completion = {m["id"]: m["completion"] for m in data["milestones"]}
    assert completion == {"ms-a": 1.0, "ms-b": 0.5, "ms-c": 0.0, "ms-d": 0.0, "ms-old": 1.0}


def test_roadmap_json_has_urls(basic):
    data = json.loads(exports.roadmap_json(basic))
    grow = next(o for o in data["objectives"] if o["id"] == "grow")
    assert grow["url"] == "objectives/grow/"
    assert grow["absolute_url"] == "https://example.org/roadmap/objectives/grow/"
    assert grow["key_results"][0]["url"] == "objectives/grow/#kr-kr1"
    ms_b = next(m for m in data["milestones"] if m["id"] == "ms-b")
    assert ms_b["tasks"][0]["url"] == "milestones/ms-b/#task-design"
    assert data["quarters"][1]["url"] == "quarters/2026-q2/"
    assert data["quarters"][1]["diagram"] == "quarters/2026-q2/roadmap.svg"
    assert {p["id"]: p["url"] for p in data["pages"]} == {"how": "how/", "notes": "notes/"}


def test_roadmap_json_has_links_both_ways(basic):
    data = json.loads(exports.roadmap_json(basic))
    ms = {m["id"]: m for m in data["milestones"]}
    assert ms["ms-b"]["depends_on"] == ["ms-a"] and ms["ms-b"]["depended_on_by"] == ["ms-c"]
    assert ms["ms-b"]["mentioned_in"] == ["grow", "notes"]
    assert ms["ms-b"]["source"] == "content/milestones/sub/ms-b.md"
    assert [t["source"] for t in ms["ms-b"]["tasks"]][-1] == "content/tasks/review.md"
    assert data["site"]["current_quarter"] == "2026-Q2"


def test_roadmap_json_keeps_hostile_text_exactly(hostile):
    data = json.loads(exports.roadmap_json(hostile))
    assert data["site"]["title"] == "Roadmap <script>alert('site')</script> & co"
    xss = data["objectives"][0]
    assert xss["title"] == "<script>alert('objective')</script>Objective"
    assert xss["key_results"][0]["checkins"][0]["note"] == "</script><script>alert('note')</script>"
    assert data["milestones"][0]["title"] == (
        "Milestone \u202e<script>alert('ms')</script>, with; comma\\ back\u200bslash")


# --- roadmap.ics ---------------------------------------------------------------------------

def test_ics_has_one_event_per_scheduled_milestone(basic):
    assert sorted(events(basic)) == ["ms-a", "ms-b", "ms-c", "ms-old"]  # ms-d is unscheduled


def test_ics_events_are_all_day_with_an_exclusive_end(basic):
    ms_b = events(basic)["ms-b"]  # sprints s9-s10: Apr 27 to May 24, inclusive
    assert ms_b["DTSTART"].dt == dt.date(2026, 4, 27)
    assert ms_b["DTEND"].dt == dt.date(2026, 5, 25)
    assert ms_b["DTSTART"].params["VALUE"] == "DATE"
    ms_c = events(basic)["ms-c"]  # start/due 2026-05-25 .. 2026-06-12
    assert (ms_c["DTSTART"].dt, ms_c["DTEND"].dt) == (dt.date(2026, 5, 25), dt.date(2026, 6, 13))


def test_ics_event_fields(basic):
    ms_b = events(basic)["ms-b"]
    assert str(ms_b["SUMMARY"]) == "Referral spike"
    assert str(ms_b["UID"]) == "ms-b@example.org"
    assert str(ms_b["URL"]) == "https://example.org/roadmap/milestones/ms-b/"
    assert str(ms_b["STATUS"]) == "CONFIRMED"
    assert str(ms_b["DESCRIPTION"]) == "spike · in-progress · 50% done\nKey results: grow/kr1, grow/kr2, grow/kr3"
    assert ms_b["DTSTAMP"].dt == dt.datetime(2026, 5, 12, tzinfo=dt.UTC)
    cal = calendar_of(basic)
    assert str(cal["VERSION"]) == "2.0" and str(cal["X-WR-CALNAME"]) == "Basic Roadmap"


def test_ics_escapes_commas_semicolons_backslashes_and_newlines(hostile):
    text = exports.roadmap_ics(hostile)
    assert "with\\; comma\\\\ back" in text.replace("\r\n ", "")
    ms = events(hostile)["evil-ms"]
    assert str(ms["SUMMARY"]) == "Milestone \u202e<script>alert('ms')</script>, with; comma\\ back\u200bslash"
    assert str(ms["DESCRIPTION"]).split("\n")[1] == "Key results: xss/kr1, xss/kr2"


def test_ics_escapes_newlines_in_text(tmp_path):
    root = make_site(tmp_path, {"content/milestones/ms.md": """\
        ---
        title: "Line one\\nLine two, three; four"
        type: epic
        key_results: [obj/kr1]
        sprints: [s9]
        ---
        """}, config='title: "Cal\\nname, x; y"\ntoday: 2026-05-12\n'
                  "calendar:\n  sprints: {start: 2026-01-05, length_days: 14}\n")
    text = exports.roadmap_ics(checked_site(root))
    assert "SUMMARY:Line one\\nLine two\\, three\\; four\r\n" in text
    assert "X-WR-CALNAME:Cal\\nname\\, x\\; y\r\n" in text
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Line one\nLine two, three; four"


def test_ics_lines_end_in_crlf_and_are_folded_to_75_octets(hostile):
    data = exports.roadmap_ics(hostile).encode("utf-8")
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines) and b"\r" not in b"".join(lines)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines), "the long title must be folded"
    for line in lines:
        line.decode("utf-8")  # folding never splits a multi-byte character


def test_ics_folded_long_title_unfolds_to_the_original(hostile):
    long = events(hostile)["long"]
    assert str(long["SUMMARY"]) == "Very long title " + "word " * 120 + "end"


def test_ics_fold_counts_octets_not_characters():
    folded = exports._fold("SUMMARY:" + "é" * 100)
    lines = folded.split("\r\n ")
    assert all(len(line.encode("utf-8")) <= (75 if i == 0 else 74) for i, line in enumerate(lines))
    assert "".join(lines) == "SUMMARY:" + "é" * 100


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab;,\\ é€😀"), max_size=400)
       | st.text(alphabet="xy ", min_size=60, max_size=400))
def test_ics_fold_takes_whole_lines_and_ascii_slices_as_the_character_walk_would(line):
    """_fold's short cuts (a line of at most 75 octets as it is, an ASCII line cut into slices)
    fold exactly as walking the line a character at a time does."""
    assert exports._fold(line) == exports._fold_by_characters(line)


def test_ics_has_no_urls_without_a_base_url(tmp_path):
    cal = icalendar.Calendar.from_ical(exports.roadmap_ics(checked_site(make_site(tmp_path))))
    (event,) = cal.walk("VEVENT")
    assert "URL" not in event
    assert str(event["UID"]) == "ms@okrsite.invalid"


def test_ics_url_cannot_inject_lines(tmp_path):
    root = make_site(tmp_path, config=config_with('base_url: "https://x.example/a b\\r\\nBEGIN:VEVENT"'))
    text = exports.roadmap_ics(checked_site(root))
    assert [line for line in text.split("\r\n") if line == "BEGIN:VEVENT"] == ["BEGIN:VEVENT"]
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["URL"]).startswith("https://x.example/abBEGIN:VEVENT/milestones/ms/")


def test_ics_drops_control_characters(tmp_path):
    root = make_site(tmp_path, {"content/milestones/ms.md": """\
        ---
        title: "Bell\\a and \\x1b escape"
        type: epic
        key_results: [obj/kr1]
        sprints: [s9]
        ---
        """})
    text = exports.roadmap_ics(checked_site(root))
    assert "SUMMARY:Bell and  escape\r\n" in text


# --- CSV -----------------------------------------------------------------------------------

def rows(site) -> list[dict]:
    return list(csv.DictReader(io.StringIO(exports.roadmap_csv(site))))


def test_csv_has_one_row_per_milestone(basic):
    table = rows(basic)
    assert [r["id"] for r in table] == ["ms-a", "ms-b", "ms-c", "ms-d", "ms-old"]
    ms_b = table[1]
    assert (ms_b["start"], ms_b["end"], ms_b["sprints"], ms_b["completion"], ms_b["tasks"], ms_b["tasks_done"]) == (
        "2026-04-27", "2026-05-24", "s9-s10", "0.50", "4", "2")
    assert ms_b["key_results"] == "grow/kr1 grow/kr2 grow/kr3"
    assert ms_b["url"] == "https://example.org/roadmap/milestones/ms-b/"


def test_csv_header_and_line_ends(basic):
    text = exports.roadmap_csv(basic)
    assert text.split("\r\n")[0] == ",".join(exports.CSV_COLUMNS)
    assert text.endswith("\r\n")


@pytest.mark.parametrize("title", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_guards_against_formula_injection(tmp_path, title):
    root = make_site(tmp_path, {"content/milestones/ms.md": f"""\
        ---
        title: {json.dumps(title)}
        type: epic
        key_results: [obj/kr1]
        owner: "=HYPERLINK(\\"http://evil.example\\")"
        ---
        """})
    (row,) = rows(checked_site(root))
    assert row["title"] == "'" + title
    assert row["owner"] == "'=HYPERLINK(\"http://evil.example\")"


def test_csv_keeps_hostile_text_as_one_cell(hostile):
    row = next(r for r in rows(hostile) if r["id"] == "evil-ms")
    assert row["title"] == "Milestone \u202e<script>alert('ms')</script>, with; comma\\ back\u200bslash"
    assert row["owner"] == "'@SUM(1+1)*cmd|' /C calc'!A0"


# --- sitemap.xml ---------------------------------------------------------------------------

def test_sitemap_lists_every_page_but_404_with_absolute_pretty_urls(basic):
    from okrsite.render import plan
    text = exports.sitemap(basic, [j.file for j in plan(basic) if j.file != "404.html"])
    locs = [el.text for el in ET.fromstring(text).iter(f"{SITEMAP_NS}loc")]
    assert "https://example.org/roadmap/" in locs
    assert "https://example.org/roadmap/milestones/ms-b/" in locs
    assert "https://example.org/roadmap/roadmap/type/epic/" in locs
    assert "https://example.org/roadmap/roadmap/h2/by-team/" in locs
    assert "https://example.org/roadmap/milestones/" in locs and "https://example.org/roadmap/backlog/" in locs
    assert not [loc for loc in locs if "404" in loc or loc.endswith("index.html")]
    assert len(locs) == len(set(locs)) == 41


def test_sitemap_escapes_xml(tmp_path):
    root = make_site(tmp_path, config=config_with("base_url: https://x.example/a&b/"))
    text = exports.sitemap(checked_site(root), ["index.html"])
    assert [el.text for el in ET.fromstring(text).iter(f"{SITEMAP_NS}loc")] == ["https://x.example/a&b/"]


# --- okrsite export ------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, function", [("json", exports.roadmap_json), ("csv", exports.roadmap_csv),
                                           ("ics", exports.roadmap_ics)])
def test_export_prints_the_same_bytes_the_build_publishes(fmt, function, basic):
    result = subprocess.run([*okrsite_command(), "export", "--site", str(SITES / "basic"), "--format", fmt],
                            capture_output=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == function(basic).encode("utf-8")


@pytest.mark.parametrize("fmt, function", [("json", exports.roadmap_json), ("csv", exports.roadmap_csv),
                                           ("ics", exports.roadmap_ics)])
def test_export_to_a_file(tmp_path, fmt, function, basic):
    out = tmp_path / f"roadmap.{fmt}"
    result = run_cli("export", "--site", str(SITES / "basic"), "--format", fmt, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert out.read_bytes() == function(basic).encode("utf-8")


def test_export_of_a_site_with_errors_fails_and_prints_no_data(tmp_path):
    root = make_site(tmp_path, {"content/milestones/bad.md": "---\ntitle: Bad\ntype: epic\nkey_results: [nope/kr1]\n---\n"})
    out = tmp_path / "roadmap.json"
    result = run_cli("export", "--site", str(root), "--format", "json", "--out", str(out))
    assert result.returncode == 1
    assert "unknown-ref" in result.stderr
    assert not out.exists()


def test_export_needs_a_format():
    result = run_cli("export", "--site", str(SITES / "basic"))
    assert result.returncode == 2
