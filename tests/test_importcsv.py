"""`okrsite import-csv`: a workshop's milestone-candidates.csv into milestone files.

Each test copies tests/sites/import-csv/site/ into tmp_path, imports a CSV from
tests/sites/import-csv/ (or one written here for bytes a fixture should not hold), and
checks the result with the real check: after an import the site must check clean.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from okrsite.cli import main
from okrsite.commands.import_csv import DESCRIPTION
from okrsite.importcsv import (
    COLUMNS,
    read_table,
    sniff_delimiter,
    split_list,
)
from okrsite.pipeline import check

FIXTURES = Path(__file__).parent / "sites" / "import-csv"
DOCS = Path(__file__).resolve().parents[1] / "docs"
HEADER = "Milestone,Type,Hypothesis,KR link,Cluster,Votes\n"


@pytest.fixture
def site(tmp_path) -> Path:
    folder = tmp_path / "site"
    shutil.copytree(FIXTURES / "site", folder)
    return folder


def cli(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def import_csv(capsys, site: Path, csv_file: Path | str, *flags: str) -> tuple[int, str, str]:
    return cli(capsys, "import-csv", str(csv_file), "--site", str(site), *flags)


def findings(capsys, site: Path) -> list[dict]:
    _, out, _ = cli(capsys, "check", "--site", str(site), "--strict", "--format", "json")
    return json.loads(out)["diagnostics"]


def milestones(site: Path) -> dict[str, bytes]:
    folder = site / "content" / "milestones"
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.md"))}


def front_matter(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def write_csv(tmp_path: Path, text: str, name: str = "candidates.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- happy paths --------------------------------------------------------------------------

def test_the_fixture_site_needs_the_import(capsys, site):
    """Before the import four key results have no milestone: the import is what makes it clean."""
    assert sorted(p["code"] for p in findings(capsys, site)) == ["kr-without-milestone"] * 4


def test_import_the_workshop_csv(capsys, site):
    code, out, err = import_csv(capsys, site, FIXTURES / "candidates.csv")
    assert code == 0, out + err
    assert set(milestones(site)) == {
        "match-history-cache.md",
        "email-based-match-feedback-form.md",
        "enable-sharing-from-match-details-with-referral-tracking.md",
        "party-aware-skill-ratings.md",
        "share-card-signal-test.md",
        "referral-attribution-service.md",
    }
    assert findings(capsys, site) == []  # the site checks clean, warnings included

    data, body = front_matter(site / "content/milestones/email-based-match-feedback-form.md")
    assert data == {
        "title": "Email-based match feedback form",
        "type": "epic",
        "key_results": ["build-trust/kr3"],   # from: KR3 of Objective "Build trust through match experiences"
        "hypothesis": "build-trust/h1",       # from the statement's text
        "status": "candidate",                # no sprints: a workshop candidate (section 12)
        "votes": 7,
        "cluster": "feedback-loop",
    }
    assert "workshop" in body and "row 2" in body and "candidates.csv" in body
    data, _ = front_matter(site / "content/milestones/share-card-signal-test.md")
    assert data["type"] == "signal-test"
    assert data["key_results"] == ["social-sharing/kr1", "social-sharing/kr2"]
    data, _ = front_matter(site / "content/milestones/referral-attribution-service.md")
    assert "votes" not in data and "hypothesis" not in data  # empty cells are left out

    model = check(site).site
    imported = [m for m in model.milestones.values() if m.id != "match-history-cache"]
    assert all(not m.scheduled and m.candidate for m in imported)
    assert "wrote content/milestones/party-aware-skill-ratings.md" in out
    assert "0 errors, 0 warnings" in out


def test_import_header_spellings_bom_semicolons_and_prose(capsys, site):
    """variants.csv: BOM, ';', CRLF, other header names, curly quotes, other case and spacing."""
    raw = (FIXTURES / "variants.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw and b"\r\n" in raw
    code, out, err = import_csv(capsys, site, FIXTURES / "variants.csv")
    assert code == 0, out + err
    data, body = front_matter(site / "content/milestones/in-game-rating-prompt.md")
    assert data["type"] == "signal-test"                 # signal_test
    assert data["key_results"] == ["build-trust/kr3"]    # KR 3 of objective “Build Trust Through …”
    assert data["hypothesis"] == "build-trust/h1"        # IF WE MAKE FEEDBACK  EASIER, … ratings.
    assert data["team"] == "matchmaking" and data["owner"] == "Dana Okafor"
    assert data["sprints"] == ["s9", "s10"]              # s9-s10
    assert data["status"] == "planned"                   # a scheduled row is planned, not a candidate
    assert data["votes"] == 5 and data["cluster"] == "Feedback loop"
    assert "Asked after a ranked match" in body         # the Notes column
    data, _ = front_matter(site / "content/milestones/report-outcome-notifications.md")
    assert data["key_results"] == ["build-trust/kr2"]    # kr2, in the hypothesis's objective
    assert data["team"] == "matchmaking"                 # by the team's name
    data, _ = front_matter(site / "content/milestones/referral-rewards-friend-invites.md")
    assert data["title"] == "Referral rewards: friend invites"
    assert data["type"] == "epic"
    assert data["key_results"] == ["social-sharing/kr1", "social-sharing/kr2"]
    assert data["sprints"] == ["s9", "s11"]              # [s9, s11]
    data, _ = front_matter(site / "content/milestones/share-card-experiment.md")
    assert data["key_results"] == ["social-sharing/kr2"]  # by the key result's title
    assert data["votes"] == 0
    assert findings(capsys, site) == []


def test_both_fixture_files_together_leave_a_clean_site(capsys, site):
    assert import_csv(capsys, site, FIXTURES / "candidates.csv")[0] == 0
    assert import_csv(capsys, site, FIXTURES / "variants.csv")[0] == 0
    assert findings(capsys, site) == []


def test_a_row_titled_readme_is_imported_and_built(capsys, site, tmp_path):
    path = write_csv(tmp_path, HEADER + "Readme,Epic,build-trust/h1,build-trust/kr1,docs,2\n")
    code, out, _ = import_csv(capsys, site, path)
    assert code == 0, out
    assert "readme" in check(site).site.milestones


@pytest.mark.skipif(sys.platform == "win32", reason="needs symbolic links")
def test_import_never_writes_through_a_linked_milestones_folder(capsys, site, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (site / "content" / "milestones").rename(elsewhere)
    (site / "content" / "milestones").symlink_to(elsewhere, target_is_directory=True)
    before = sorted(p.name for p in elsewhere.iterdir())
    path = write_csv(tmp_path, HEADER + "Fresh idea,Epic,build-trust/h1,build-trust/kr1,docs,2\n")
    code, out, _ = import_csv(capsys, site, path)
    assert code == 1 and "nothing imported: content/milestones is a symbolic link" in out
    assert sorted(p.name for p in elsewhere.iterdir()) == before


def test_import_through_the_real_command(site):
    result = subprocess.run([sys.executable, "-m", "okrsite", "import-csv", str(FIXTURES / "candidates.csv")],
                            cwd=site, capture_output=True, text=True, check=False, env={**os.environ, "NO_COLOR": "1"},
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    checked = subprocess.run([sys.executable, "-m", "okrsite", "check", "--strict"], cwd=site,
                             capture_output=True, text=True, check=False, timeout=120)
    assert checked.returncode == 0, checked.stdout


@pytest.mark.parametrize("header", [
    "Title,Milestone Type,Hypothesis,Key Result,Theme,Dot votes",
    "name;type;HYPOTHESIS;Key Results;cluster;Priority votes",
    "milestone_title\tmilestone_type\thypothesis\tkr_link\tcluster\tvotes",
    "Milestone,Type,Hypothesis,Link,Cluster,Votes",
    "Milestone,Type,Hypothesis,KR,Cluster,Votes",
])
def test_header_spellings(capsys, site, tmp_path, header):
    delimiter = next(d for d in ("\t", ";", ",") if d in header)
    row = delimiter.join(["Party-aware skill ratings", "Spike", "build-trust/h2", "build-trust/kr2", "fair-play", "3"])
    path = write_csv(tmp_path, f"{header}\n{row}\n")
    code, out, _ = import_csv(capsys, site, path)
    assert code == 0, out
    data, _ = front_matter(site / "content/milestones/party-aware-skill-ratings.md")
    assert data["votes"] == 3 and data["cluster"] == "fair-play" and data["type"] == "spike"
    assert data["key_results"] == ["build-trust/kr2"] and data["hypothesis"] == "build-trust/h2"


@pytest.mark.parametrize("spelling, expected", [
    ("Epic", "epic"), ("SPIKE", "spike"), ("enabler", "enabler"),
    ("Signal Test", "signal-test"), ("signal_test", "signal-test"), ("Signal-test", "signal-test"),
])
def test_type_spellings(capsys, site, tmp_path, spelling, expected):
    path = write_csv(tmp_path, HEADER + f"A candidate,{spelling},,build-trust/kr2,,\n")
    assert import_csv(capsys, site, path)[0] == 0
    assert front_matter(site / "content/milestones/a-candidate.md")[0]["type"] == expected


def test_titles_with_the_same_slug_get_unique_ids(capsys, site, tmp_path):
    path = write_csv(tmp_path, HEADER + "Cache: v2,Enabler,,build-trust/kr2,,\nCache v2!,Enabler,,build-trust/kr3,,\n")
    code, out, _ = import_csv(capsys, site, path)
    assert code == 0, out
    assert front_matter(site / "content/milestones/cache-v2.md")[0]["title"] == "Cache: v2"
    assert front_matter(site / "content/milestones/cache-v2-2.md")[0]["title"] == "Cache v2!"


def test_an_id_column_sets_the_id(capsys, site, tmp_path):
    path = write_csv(tmp_path, "Milestone,Type,KR,Id\nA long title for a short id,Spike,build-trust/kr2,short\n")
    assert import_csv(capsys, site, path)[0] == 0
    assert (site / "content/milestones/short.md").is_file()


# --- bad rows -----------------------------------------------------------------------------

BAD_REPORT = [
    'bad.csv:3: column "Milestone": missing title',
    "bad.csv:4: column \"Type\": unknown type 'Story'",
    "bad.csv:5: column \"KR link\": unresolved KR 'KR9 of Objective \"Build trust through match experiences\"'",
    "bad.csv:6: column \"Votes\": votes not a number: 'lots'",
    'bad.csv:7: column "Milestone": duplicate title: row 2',
    "bad.csv:8: column \"KR link\": unresolved KR 'nope/kr1'",          # a quoted title spanning lines 8-9
    "bad.csv:10: column \"Milestone\": duplicate title: the milestone 'match-history-cache'",
    "bad.csv:11: column \"Milestone\": duplicate id: the id 'match-history-cache'",
    'bad.csv:12: column "KR link": no objective is titled "Build trust"; did you mean "Build trust through match experiences"?',
    'bad.csv:13: column "Hypothesis": no hypothesis has this statement',
]


def report_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("bad.csv:")]


def test_bad_rows_are_reported_and_nothing_is_written(capsys, site):
    before = milestones(site)
    code, out, _ = import_csv(capsys, site, FIXTURES / "bad.csv")
    assert code == 1
    lines = report_lines(out)
    assert len(lines) == len(BAD_REPORT), out
    for line, expected in zip(lines, BAD_REPORT):
        assert line.startswith(expected), f"{line!r} should start with {expected!r}"
    assert "nothing imported: 10 of 12 rows have problems" in out
    assert "--skip-bad-rows" in out
    assert milestones(site) == before


def test_skip_bad_rows_imports_the_good_ones(capsys, site):
    code, out, _ = import_csv(capsys, site, FIXTURES / "bad.csv", "--skip-bad-rows")
    assert code == 1  # bad rows were reported
    assert len(report_lines(out)) == len(BAD_REPORT)
    assert set(milestones(site)) == {"match-history-cache.md", "good-row.md", "another-good-row.md"}
    assert "skipped 10 bad rows" in out
    assert not [d for d in findings(capsys, site) if d["file"].startswith("content/milestones/")]


def test_dry_run_writes_nothing(capsys, site):
    before = milestones(site)
    code, out, _ = import_csv(capsys, site, FIXTURES / "candidates.csv", "--dry-run")
    assert code == 0
    assert "would write content/milestones/email-based-match-feedback-form.md" in out
    assert "nothing written; 5 milestones would be imported" in out
    assert milestones(site) == before


def test_dry_run_with_bad_rows_reports_them_and_writes_nothing(capsys, site):
    before = milestones(site)
    code, out, _ = import_csv(capsys, site, FIXTURES / "bad.csv", "--dry-run", "--skip-bad-rows")
    assert code == 1
    assert len(report_lines(out)) == len(BAD_REPORT)
    assert out.count("would write") == 2
    assert milestones(site) == before


def test_importing_twice_imports_nothing_the_second_time(capsys, site):
    assert import_csv(capsys, site, FIXTURES / "candidates.csv")[0] == 0
    after_first = milestones(site)
    code, out, _ = import_csv(capsys, site, FIXTURES / "candidates.csv")
    assert code == 1
    assert out.count("duplicate title") == 5
    assert milestones(site) == after_first


@pytest.mark.parametrize("header, message", [
    ("Title,Kind,Votes", 'no KR link column: name one of the header cells "KR"'),
    ("Type,KR,Votes", "no title column"),
    ("Title,Milestone,Type,KR", '"Title" and "Milestone" are the same column'),
])
def test_a_bad_header_imports_nothing(capsys, site, tmp_path, header, message):
    path = write_csv(tmp_path, header + "\nx,epic,build-trust/kr2,1\n")
    code, out, _ = import_csv(capsys, site, path, "--skip-bad-rows")
    assert code == 1
    assert "candidates.csv:1: " in out and message in out
    assert set(milestones(site)) == {"match-history-cache.md"}


@pytest.mark.parametrize("cells, column, reason", [
    ("X,Epic,,build-trust,,", "KR link", "is an objective"),
    ("X,Epic,,build-trust/h1,,", "KR link", "is a hypothesis, not a key result"),
    ("X,Epic,build-trust/kr1,build-trust/kr1,,", "Hypothesis", "is a key result, not a hypothesis"),
    ("X,Epic,,kr2,,", "KR link", "say which objective"),
    ("X,Epic,,,,", "KR link", "missing KR link"),
    ("X,,,build-trust/kr2,,", "Type", "missing type"),
    ("X,Epic,,build-trust/kr2,,-1", "Votes", "whole number of 0 or more"),
    ("X,Epic,,build-trust/kr2,,2.5", "Votes", "whole number of 0 or more"),
    ("X,Epic,,build-trust/kr2,,1,extra", "", "a value containing ',' must be in double quotes"),
])
def test_row_problems(capsys, site, tmp_path, cells, column, reason):
    path = write_csv(tmp_path, HEADER + cells + "\n")
    code, out, _ = import_csv(capsys, site, path)
    assert code == 1
    where = f'column "{column}": ' if column else ""
    assert f"candidates.csv:2: {where}" in out and reason in out, out
    assert set(milestones(site)) == {"match-history-cache.md"}


def test_unknown_team_and_sprint(capsys, site, tmp_path):
    path = write_csv(tmp_path, "Milestone,Type,KR,Team,Sprints\nX,Epic,build-trust/kr2,matchmakers,s9-s99x\n")
    code, out, _ = import_csv(capsys, site, path)
    assert code == 1
    assert "column \"Team\": no team 'matchmakers'; did you mean 'matchmaking'?" in out
    assert "column \"Sprints\": the calendar has no sprint 's99x'" in out


def test_teams_required_takes_the_objectives_team(capsys, site, tmp_path):
    config = site / "okrsite.yaml"
    config.write_text(config.read_text() + "teams_required: true\n")
    path = write_csv(tmp_path, HEADER + "A candidate,Epic,,social-sharing/kr2,,\n")
    code, out, _ = import_csv(capsys, site, path)
    assert code == 0, out
    assert front_matter(site / "content/milestones/a-candidate.md")[0]["team"] == "growth"


# --- files it cannot read -----------------------------------------------------------------

def test_a_file_that_is_not_utf8_cannot_run(capsys, site, tmp_path):
    path = write_csv(tmp_path, HEADER + "Café,Epic,,build-trust/kr2,,\n", encoding="latin-1")
    code, _, err = import_csv(capsys, site, path)
    assert code == 2
    assert "not UTF-8" in err and "CSV UTF-8" in err


def test_a_missing_file_or_site_cannot_run(capsys, site, tmp_path):
    assert import_csv(capsys, site, tmp_path / "nope.csv")[0] == 2
    assert cli(capsys, "import-csv", str(FIXTURES / "candidates.csv"), "--site", str(tmp_path))[0] == 2


def test_a_header_without_rows_imports_nothing(capsys, site, tmp_path):
    code, out, _ = import_csv(capsys, site, write_csv(tmp_path, HEADER))
    assert code == 0
    assert "no rows" in out


# --- the pieces -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, delimiter", [
    (HEADER + 'A,Epic,"x, y",build-trust/kr1,c,1\n', ","),
    ("Milestone;Type;KR\nA;Epic;build-trust/kr1, build-trust/kr2\n", ";"),
    ("Milestone\tType\tKR\nA, B; C\tEpic\tbuild-trust/kr1\n", "\t"),
    ('Milestone;Type;KR\n"A, b, c, d";Epic;x\n', ";"),
])
def test_sniff_delimiter(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_rows_are_numbered_by_line(tmp_path):
    path = write_csv(tmp_path, '\n' + HEADER + '\n"two\nlines",Epic,,k,,\nnext,Epic,,k,,\n')
    table = read_table(path)
    assert table.header_row == 2
    assert [row for row, _ in table.rows] == [4, 6]


@pytest.mark.parametrize("cell, parts", [
    ("build-trust/kr1", ["build-trust/kr1"]),
    ("build-trust/kr1, build-trust/kr2", ["build-trust/kr1", "build-trust/kr2"]),
    ("a; b ,c", ["a", "b", "c"]),
    ('KR1 of Objective "Trust, then growth"; x/kr2', ['KR1 of Objective "Trust, then growth"', "x/kr2"]),
    ("KR1 of Objective “Trust, then growth”", ["KR1 of Objective “Trust, then growth”"]),
])
def test_split_list(cell, parts):
    assert split_list(cell) == parts


def test_the_header_is_documented():
    guide = (DOCS / "authoring.md").read_text(encoding="utf-8")
    for spellings in COLUMNS.values():
        assert f"`{spellings[0]}`" in guide, spellings[0]
    for spelling in ("Milestone", "Title", "Name", "Milestone Type", "Hypothesis", "KR", "Key Result", "KR link",
                     "Link", "Key Results", "Cluster", "Theme", "Votes", "Dot votes", "Priority votes"):
        assert spelling.lower() in DESCRIPTION.lower(), spelling
    assert "Signal Test" in DESCRIPTION and 'KR3 of Objective "' in DESCRIPTION


# --- hostile files (issue 9, items 10, 15, 16): a clear message, in time linear in the file ---

@pytest.mark.parametrize("cell", [
    "KR" + " " * 120_000 + "!",   # 25,000 spaces took 13 s, 40,000 77 s: 120,000, ten minutes
    "KR" + " " * 60_000 + "#" + " " * 60_000 + "!",
    "H" + " " * 120_000 + "!",
    "KR1 of objective" + " " * 60_000 + ":" + " \t" * 30_000 + "\n!",
    "key" + " \t" * 60_000 + "result 1 of x\ny",
])
def test_prose_kr_cells_of_many_spaces_are_read_once(capsys, site, tmp_path, cell):
    # In a quoted cell, so the spaces stay in it; the cell goes to both prose columns.
    path = write_csv(tmp_path, "Milestone,Type,KR,Hypothesis\n" + f'X,Epic,"{cell}","{cell}"\n')
    code, out, _ = import_csv(capsys, site, path)
    assert code == 1
    assert 'candidates.csv:2: column "KR": ' in out and 'candidates.csv:2: column "Hypothesis": ' in out
    assert max(len(line) for line in out.splitlines()) < 1200  # a megabyte cell, quoted short


def test_the_prose_forms_still_read_with_odd_spacing(capsys, site, tmp_path):
    path = write_csv(tmp_path, "Milestone,Type,KR,Hypothesis\n"
                     'X,Epic,"KR  #  2   of\tthe objective :  Build trust through match experiences",'
                     '"H # 1 of  Build trust through match experiences"\n')
    code, out, _ = import_csv(capsys, site, path)
    assert code == 0, out
    data, _ = front_matter(site / "content/milestones/x.md")
    assert (data["key_results"], data["hypothesis"]) == (["build-trust/kr2"], "build-trust/h1")


def test_a_header_cell_over_the_csv_limit_is_a_clear_message(capsys, site, tmp_path):
    path = write_csv(tmp_path, "Milestone,Type,KR," + "N" * 140_000 + "\nX,Epic,build-trust/kr1,\n")
    code, _, err = import_csv(capsys, site, path)
    assert code == 2
    assert err.startswith("okrsite: candidates.csv:1: a cell is longer than 131,072 characters;")
    assert "Traceback" not in err and len(err) < 400


def test_a_cell_over_the_csv_limit_in_a_row_is_a_clear_message(capsys, site, tmp_path):
    path = write_csv(tmp_path, HEADER + 'X,Epic,"' + "y" * 140_000 + '",build-trust/kr1,,\n')
    code, _, err = import_csv(capsys, site, path)
    assert code == 2 and "candidates.csv:2: a cell is longer than 131,072 characters" in err


@pytest.mark.parametrize("line", [',"' * 40_000, ',"a' * 30_000])
def test_the_delimiter_guess_reads_a_bounded_sample(line):
    # csv.Sniffer's regular expressions take time squared in what they read: 64 KB of ,"
    # took 24 s, and it was given the first 50 lines whole.
    assert sniff_delimiter("Milestone,Type,KR\n" + line + "\n") == ","


def test_control_characters_of_cells_are_not_echoed(capsys, site, tmp_path):
    evil = "\x1b]0;pwned\x07\x1b[2J\u202e"
    path = write_csv(tmp_path, f"Milestone,Type,KR,Team,{evil}\nX{evil},Epic{evil},build-trust/kr1,{evil},\n")
    code, out, _ = import_csv(capsys, site, path)
    assert code == 1
    assert not any(c in out for c in "\x1b\x07\u202e")
    assert "ignored column: \"\ufffd]0;pwned\ufffd\ufffd[2J\ufffd\"" in out
    assert "unknown type 'Epic\ufffd]0;pwned\ufffd\ufffd[2J\ufffd'" in out


def test_many_rows_with_one_slug_number_on(capsys, site, tmp_path):
    # Each row with the same slug counted up from -2 again: 20,000 such rows, 2*10^8 look-ups.
    n = 20_000

    def marks(i: int) -> str:  # i in base 6 written with punctuation: a title of its own, the same slug
        return "".join("!?:;@$"[(i // 6 ** k) % 6] for k in range(6))
    rows = "".join(f"Same title {marks(i)},Epic,,build-trust/kr1,,\n" for i in range(n))
    code, out, _ = import_csv(capsys, site, write_csv(tmp_path, HEADER + rows), "--dry-run")
    assert code == 0, out[-500:]
    lines = out.splitlines()
    assert lines[0].startswith("would write content/milestones/same-title.md")
    assert lines[n - 1].startswith(f"would write content/milestones/same-title-{n}.md")


def test_many_bad_rows_get_hints_within_a_budget(capsys, site, tmp_path):
    # Each bad row compared its cell with every KR id and title of the site: 3,000 rows against
    # 5,000 KRs, minutes. The first rows keep their hint; the rest say what to write instead.
    n = 5_000
    krs = "".join(f"  - {{id: kr{i}, title: Result number {i}}}\n" for i in range(n))
    (site / "content/objectives/big.md").write_text(
        f"---\ntitle: Big\nquarter: 2026-Q2\nkey_results:\n{krs}---\n", encoding="utf-8")
    rows = "".join(f"T{i},Epic,,Result numbr {i},,\n" for i in range(3_000))
    code, out, _ = import_csv(capsys, site, write_csv(tmp_path, HEADER + rows))
    assert code == 1
    lines = [line for line in out.splitlines() if "unresolved KR" in line]
    assert len(lines) == 3_000
    assert lines[0].endswith("did you mean 'Result number 0'?")
    assert lines[-1].endswith("KR3 of Objective \"Objective title\"")
