"""Diagnostics: one type, printed as text (with a caret), GitHub workflow commands or JSON."""

from __future__ import annotations

import json

import pytest

from helpers import make_site
from okrsite.diagnostics import (
    CODES, Diagnostic, Location, Severity, counts, did_you_mean, format_github, format_json, format_text,
    sorted_diagnostics, suggest, summary_line, use_colour,
)


def diag(code="schema", message="m", file="content/milestones/m.md", line=1, column=1, length=1) -> Diagnostic:
    return Diagnostic(code, message, Location(file, line, column, length))


# --- the type -----------------------------------------------------------------------------------

def test_every_code_of_sections_8_12_and_13_has_its_severity():
    warnings = {"kr-without-milestone", "outside-quarter", "starts-before-dependency", "task-outside-milestone",
                "parent-outside-period"}
    errors = {"yaml-syntax", "schema", "duplicate-id", "unknown-ref", "wrong-kind-ref", "unknown-sprint",
              "bad-dates", "dependency-cycle", "parent-cycle"}
    health = {"too-many-objectives", "too-many-key-results", "objective-without-owner", "stale-checkin", "ungraded",
              "unaligned", "output-key-result", "single-sprint-milestone"}  # warnings when a site turns them on
    assert set(CODES) == warnings | errors | health
    assert {c for c, s in CODES.items() if s is Severity.WARNING} == warnings | health


def test_unknown_code_is_refused():
    with pytest.raises(ValueError):
        diag(code="oops")


def test_severity_follows_the_code():
    assert diag("unknown-ref").is_error and not diag("outside-quarter").is_error


def test_as_dict_has_the_documented_keys():
    assert diag("bad-dates", "x", "okrsite.yaml", 3, 7).as_dict() == {
        "code": "bad-dates", "severity": "error", "message": "x", "file": "okrsite.yaml", "line": 3, "column": 7}


def test_sorted_by_file_line_column_and_duplicates_dropped():
    a, b, c = diag(line=2), diag(line=1, column=5), diag(file="a.md")
    assert sorted_diagnostics([a, b, c, a]) == [c, b, a]


def test_counts_and_summary_line():
    found = [diag(), diag("outside-quarter"), diag("kr-without-milestone")]
    assert counts(found) == (1, 2)
    assert summary_line(found, 1) == "1 error, 2 warnings in 1 file"
    assert summary_line([], 12) == "0 errors, 0 warnings in 12 files"


def test_suggestions_need_to_be_close():
    assert suggest("statuss", ["status", "title"]) == "status"
    assert suggest("zzz", ["status", "title"]) is None
    assert did_you_mean("epik", ["epic"]) == "; did you mean 'epic'?" and did_you_mean("q", []) == ""


# --- text ----------------------------------------------------------------------------------------

def test_text_shows_the_source_line_with_a_caret_under_the_value(tmp_path):
    site = make_site(tmp_path, {"content/milestones/m.md": "---\ntitle: M\ntype: epik\n---\n"})
    out = format_text([diag("schema", "type: 'epik' is not allowed", line=3, column=7, length=4)], site, colour=False)
    assert out == (
        "content/milestones/m.md:3:7: error[schema] type: 'epik' is not allowed\n"
        "  3 | type: epik\n"
        "    |       ^^^^\n")


def test_text_warning_and_wide_gutter(tmp_path):
    site = make_site(tmp_path, {"content/objectives/o.md": b"\n" * 11 + b"  - id: kr3\n"})
    out = format_text([diag("kr-without-milestone", "w", "content/objectives/o.md", 12, 9, 3)], site, colour=False)
    assert out.splitlines() == [
        "content/objectives/o.md:12:9: warning[kr-without-milestone] w",
        "  12 |   - id: kr3",
        "     |         ^^^"]


def test_text_of_a_crlf_bom_file_shows_the_clean_line(tmp_path):
    site = make_site(tmp_path, {"content/milestones/m.md": b"\xef\xbb\xbf---\r\ntype: epik\r\n---\r\n"})
    out = format_text([diag(line=2, column=7, length=4)], site, colour=False)
    assert out.splitlines()[1:] == ["  2 | type: epik", "    |       ^^^^"]


def test_text_replaces_tabs_so_the_caret_lines_up(tmp_path):
    site = make_site(tmp_path, {"content/milestones/m.md": b"---\n\t- x\n---\n"})
    out = format_text([diag("yaml-syntax", line=2, column=1)], site, colour=False)
    assert out.splitlines()[1:] == ["  2 |  - x", "    | ^"]


def test_text_without_a_readable_line_shows_only_the_message(tmp_path):
    site = make_site(tmp_path, {"content/milestones/m.md": "x\n"})
    out = format_text([diag(line=99), diag(file="content/milestones/gone.md")], site, colour=False)
    assert out.count("\n") == 2


def test_text_does_not_show_lines_of_non_content_files(tmp_path):
    site = make_site(tmp_path, {"content/milestones/image.png": b"\x89PNG\r\n\x1b[31m\x00"})
    out = format_text([diag(file="content/milestones/image.png")], site, colour=False)
    assert out == "content/milestones/image.png:1:1: error[schema] m\n"


def test_text_never_prints_control_characters_from_content(tmp_path):
    site = make_site(tmp_path, {"content/pages/p.md": "---\ntitle: P\n---\nsee [[\x1b[2Jx]]\n"})
    out = format_text([diag("unknown-ref", "[[\x1b[2Jx]] links to nothing", "content/pages/p.md", 4, 5)], site, colour=False)
    assert "\x1b" not in out and "\ufffd" in out


def test_text_shows_a_window_of_a_very_long_line(tmp_path):
    line = "name: [" + "a, " * 500 + "zz]"
    site = make_site(tmp_path, {"content/teams/t.yaml": line + "\n"})
    column = line.index("zz") + 1
    out = format_text([diag(file="content/teams/t.yaml", column=column, length=2)], site, colour=False).splitlines()
    assert len(out[1]) < 120 and out[1].endswith("zz]") and "…" in out[1]
    assert out[2].index("^") == out[1].index("zz")


def test_many_findings_on_one_very_long_line_cut_their_window_first(tmp_path):
    # Each finding copied and cleaned the whole 1 MB line before cutting its window: 30,000
    # findings on it, over a minute. Now each reads its window only.
    line = "name: [" + ", ".join(f"t{i:06}" for i in range(125_000)) + "]"
    site = make_site(tmp_path, {"content/teams/t.yaml": line + "\n"})
    findings = [diag(file="content/teams/t.yaml", column=8 + 9 * i, length=7) for i in range(0, 120_000, 4)]
    out = format_text(findings, site, colour=False).splitlines()
    assert len(out) == 3 * len(findings)
    for number in (0, len(findings) - 1):
        shown, caret = out[3 * number + 1], out[3 * number + 2]
        start = caret.index("^")
        assert shown[start:start + 7] == f"t{4 * number:06}" and len(shown) < 120


def test_text_in_colour_marks_errors_red():
    out = format_text([diag()], None, colour=True)
    assert "\x1b[1;31merror\x1b[0m" in out


def test_colour_follows_no_color_and_force_color(monkeypatch):
    class Tty:
        def isatty(self):
            return True
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(Tty())
    monkeypatch.delenv("NO_COLOR")
    assert use_colour(Tty()) and not use_colour(object())
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert use_colour(object())


# --- GitHub workflow commands ---------------------------------------------------------------------

def test_github_format_is_exactly_a_workflow_command():
    out = format_github([diag("unknown-ref", "no milestone has the id 'x'", line=4, column=32)])
    assert out == "::error file=content/milestones/m.md,line=4,col=32,title=unknown-ref::no milestone has the id 'x'\n"


def test_github_format_uses_warning_for_warnings():
    out = format_github([diag("outside-quarter", "w", line=5, column=10)])
    assert out.startswith("::warning file=content/milestones/m.md,line=5,col=10,title=outside-quarter::w")


def test_github_format_escapes_data_and_properties():
    out = format_github([diag("schema", "100% wrong\nsecond line\r", file="content/pages/a,b:c%.md")])
    assert out == ("::error file=content/pages/a%2Cb%3Ac%25.md,line=1,col=1,title=schema::"
                   "100%25 wrong%0Asecond line%0D\n")


def test_github_format_prefixes_paths_from_the_repository_root():
    out = format_github([diag()], path_prefix="roadmap/")
    assert out.startswith("::error file=roadmap/content/milestones/m.md,")


def test_github_format_of_nothing_is_empty():
    assert format_github([]) == ""


# --- JSON --------------------------------------------------------------------------------------------

def test_json_shape():
    payload = json.loads(format_json([diag("schema", "é", line=2, column=3), diag("outside-quarter", "w")], "roadmap/"))
    assert payload == {
        "format": "okrsite-check", "version": 1,
        "errors": 1, "warnings": 1,
        "diagnostics": [
            {"code": "schema", "severity": "error", "message": "é", "file": "content/milestones/m.md", "line": 2,
             "column": 3, "path": "roadmap/content/milestones/m.md"},
            {"code": "outside-quarter", "severity": "warning", "message": "w", "file": "content/milestones/m.md",
             "line": 1, "column": 1, "path": "roadmap/content/milestones/m.md"},
        ]}


def test_json_of_nothing():
    assert json.loads(format_json([])) == {"format": "okrsite-check", "version": 1, "errors": 0, "warnings": 0,
                                           "diagnostics": []}


# --- Markdown (the job summary) ----------------------------------------------------------------------

def test_markdown_escapes_author_text_in_table_cells():
    from okrsite.diagnostics import format_markdown, md_escape

    assert md_escape("a|b <img src=x> `c` *d* [e](f) &") == "a\\|b &lt;img src=x&gt; \\`c\\` \\*d\\* \\[e\\]\\(f\\) &amp;"
    out = format_markdown([diag("schema", "x | y\nz <b>", file="content/pages/a|b.md")], 2)
    row = out.splitlines()[-1]
    assert row == "| ❌ error | content/pages/a\\|b\\.md:1:1 | `schema` | x \\| y z &lt;b&gt; |"
    assert row.count(" | ") == 3  # no cell is split by author text


def test_markdown_stays_under_githubs_summary_limit_and_says_what_it_left_out():
    from okrsite.diagnostics import format_markdown

    many = [diag("schema", "x" * 100, line=n) for n in range(1, 2001)]
    out = format_markdown(many, 1, limit=50_000)
    assert len(out.encode()) < 50_000
    shown = sum(1 for line in out.splitlines() if line.startswith("| ❌"))
    assert 100 < shown < 2000
    assert out.rstrip().endswith(f"{2000 - shown} more not shown (the summary is limited to 1 MiB); "
                                 "run `okrsite check` for all of them.")


def test_text_output_never_shows_a_line_of_a_file_outside_the_site(tmp_path):
    """A symlink in content/ may lead anywhere: its target's text must not reach a CI log."""
    from okrsite.diagnostics import Diagnostic, Location, format_text

    secret = tmp_path / "secret.md"
    secret.write_text("SECRET LINE\n", encoding="utf-8")
    site = tmp_path / "site"
    (site / "content" / "pages").mkdir(parents=True)
    (site / "content" / "pages" / "x.md").symlink_to(secret)
    text = format_text([Diagnostic("schema", "a problem", Location("content/pages/x.md", 1, 1))], site, False)
    assert "a problem" in text and "SECRET" not in text


# --- quoting what authors wrote --------------------------------------------------------------------

def test_quote_keeps_short_values_and_shortens_long_ones_to_one_line():
    from okrsite.diagnostics import MAX_QUOTED, quote

    assert quote("epik") == "'epik'" and quote(3) == "'3'"
    long = "a" * 30 + "b" * 999_940 + "c" * 30
    quoted = quote(long)
    assert quoted.startswith("'" + "a" * 30) and "…" in quoted and quoted.endswith("c' (1,000,000 characters)")
    assert len(quoted) < MAX_QUOTED + 40
    assert quote(10 ** 5000).startswith("a number of about 5,000 digits")  # no int->str limit error


def test_a_message_is_never_longer_than_the_limit():
    from okrsite.diagnostics import MAX_MESSAGE

    d = diag(message="x" * 2_000_000)
    assert len(d.message) <= MAX_MESSAGE and "…" in d.message


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.text(max_size=3000))
@settings(max_examples=300, deadline=None)
def test_quote_is_short_and_keeps_both_ends(value):
    from okrsite.diagnostics import MAX_QUOTED, quote

    quoted = quote(value)
    assert len(quoted) <= MAX_QUOTED + len(" (1,000 characters)") + 8
    assert quoted.startswith("'" + value[:MAX_QUOTED * 2 // 3])
    if len(value) <= MAX_QUOTED:
        assert quoted == f"'{value}'"
    else:
        assert f"({len(value):,} characters)" in quoted and value[-5:] in quoted
