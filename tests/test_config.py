"""Config stage: okrsite.yaml -> SiteConfig, with positioned diagnostics for what is wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helpers import fixture, make_site, only, run_check, where
from okrsite.config import build_date, find_site, load_config
from okrsite.diagnostics import UsageError


def config_of(tmp_path, yaml_text: str):
    site = make_site(tmp_path, {}, config=yaml_text)
    config, problems = load_config(site)
    return config, [p.as_dict() for p in problems]


def test_only_a_title_is_needed_and_the_rest_has_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1778544000")  # 2026-05-12 00:00 UTC
    config, problems = config_of(tmp_path, "title: Acme\n")
    assert problems == []
    assert (config.title, config.description, config.base_url, config.language, config.theme) == ("Acme", "", "", "en", "default")
    assert config.today == dt.date(2026, 5, 12)
    assert config.teams_required is False and config.markers == () and config.edit_url == ""
    assert config.calendar.fiscal_year_start == 1 and not config.calendar.has_sprints


def test_every_documented_setting_is_read(tmp_path):
    config, problems = config_of(tmp_path, """\
        title: Acme Roadmap
        description: What we are building and why
        base_url: https://acme.github.io/roadmap/
        language: de-CH
        today: 2026-05-12
        theme: default
        calendar:
          fiscal_year_start: 2
          sprints:
            start: 2026-01-05
            length_days: 14
        teams_required: true
        markers:
          - {date: 2026-05-20, label: "Season 4 launch"}
        edit_url: https://github.com/acme/roadmap/edit/main/{path}
        """)
    assert problems == []
    assert config.language == "de-CH" and config.today == dt.date(2026, 5, 12) and config.teams_required
    assert config.calendar.fiscal_year_start == 2
    assert config.calendar.sprint("s1").start == dt.date(2026, 1, 5)
    assert config.markers[0].date == dt.date(2026, 5, 20) and config.markers[0].label == "Season 4 launch"
    assert config.edit_url.endswith("{path}")


def test_today_in_config_beats_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    config, _ = config_of(tmp_path, "title: T\ntoday: 2026-05-12\n")
    assert config.today == dt.date(2026, 5, 12)


def test_source_date_epoch_gives_the_build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert build_date() == dt.date(1970, 1, 2)


@pytest.mark.parametrize("epoch", ["soon", "-99999999999", "99999999999999999", "1e9"])
def test_unusable_source_date_epoch_is_a_usage_error(monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        build_date()


def test_empty_source_date_epoch_means_today(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert build_date() == dt.date.today()


def test_unknown_setting_is_reported_in_okrsite_yaml_with_a_suggestion():
    diagnostic = only(run_check(fixture("config-error")))
    assert (diagnostic["code"], *where(diagnostic)) == ("schema", "okrsite.yaml", 3, 1)
    assert diagnostic["message"] == "unknown field 'team_required'; did you mean 'teams_required'?"


def test_missing_title_is_reported_at_line_one(tmp_path):
    _, problems = config_of(tmp_path, "language: en\n")
    assert [(p["code"], p["line"], p["column"], p["message"]) for p in problems] == [
        ("schema", 1, 1, "missing required field 'title'")]


def test_empty_config_is_missing_its_title(tmp_path):
    config, problems = config_of(tmp_path, "")
    assert config is None and problems[0]["message"] == "missing required field 'title'"


def test_config_that_is_not_a_mapping_is_reported(tmp_path):
    config, problems = config_of(tmp_path, "- title\n")
    assert config is None
    assert (problems[0]["code"], problems[0]["line"]) == ("schema", 1)


def test_yaml_syntax_error_in_config_is_positioned(tmp_path):
    _, problems = config_of(tmp_path, "title: T\ncalendar:\n  sprints: {start: 2026-01-05\n")
    assert problems[0]["code"] == "yaml-syntax" and problems[0]["file"] == "okrsite.yaml"


def test_invalid_utf8_in_config_is_positioned(tmp_path):
    site = make_site(tmp_path, {}, config=b"title: Caf\xe9\n")
    _, problems = load_config(site)
    assert (problems[0].code, problems[0].location.line, problems[0].location.column) == ("yaml-syntax", 1, 11)


def test_bom_and_crlf_config_is_read(tmp_path):
    site = make_site(tmp_path, {}, config=b"\xef\xbb\xbftitle: T\r\ntoday: 2026-05-12\r\n")
    config, problems = load_config(site)
    assert problems == [] and config.title == "T"


def test_sprint_length_outside_its_range_gives_the_bound(tmp_path):
    _, problems = config_of(tmp_path, "title: T\ncalendar:\n  sprints: {start: 2026-01-05, length_days: 3}\n")
    assert [(p["code"], p["line"], p["column"], p["message"]) for p in problems] == [
        ("schema", 3, 45, "length_days must be at least 7, not 3")]


def test_impossible_sprint_start_is_bad_dates(tmp_path):
    _, problems = config_of(tmp_path, "title: T\ncalendar:\n  sprints: {start: 2026-02-30, length_days: 14}\n")
    assert [(p["code"], p["line"], p["column"]) for p in problems] == [("bad-dates", 3, 20)]


def test_fiscal_year_start_must_be_a_month(tmp_path):
    _, problems = config_of(tmp_path, "title: T\ncalendar:\n  fiscal_year_start: 13\n")
    assert [(p["line"], p["column"], p["message"]) for p in problems] == [
        (3, 22, "fiscal_year_start must be at most 12, not 13")]


def test_explicit_sprints_are_read_in_date_order(tmp_path):
    config, problems = config_of(tmp_path, """\
        title: T
        calendar:
          sprints:
            - {id: b, name: "Sprint B", start: 2026-01-19, end: 2026-02-01}
            - {id: a, start: 2026-01-05, end: 2026-01-18}
        """)
    assert problems == []
    assert [(s.id, s.name, s.index) for s in config.calendar.explicit] == [("a", "a", 1), ("b", "Sprint B", 2)]


def test_explicit_sprint_ending_before_it_starts_is_bad_dates_at_its_end(tmp_path):
    _, problems = config_of(tmp_path, """\
        title: T
        calendar:
          sprints:
            - {id: s1, start: 2026-01-05, end: 2026-01-01}
        """)
    assert [(p["code"], p["line"], p["column"]) for p in problems] == [("bad-dates", 4, 40)]
    assert "ends (2026-01-01) before it starts (2026-01-05)" in problems[0]["message"]


def test_explicit_sprint_id_used_twice_is_a_duplicate_id(tmp_path):
    _, problems = config_of(tmp_path, """\
        title: T
        calendar:
          sprints:
            - {id: s1, start: 2026-01-05, end: 2026-01-18}
            - {id: s1, start: 2026-01-19, end: 2026-02-01}
        """)
    assert [(p["code"], p["line"], p["column"]) for p in problems] == [("duplicate-id", 5, 12)]


def test_overlapping_explicit_sprints_are_bad_dates_at_the_later_start(tmp_path):
    _, problems = config_of(tmp_path, """\
        title: T
        calendar:
          sprints:
            - {id: s1, start: 2026-01-05, end: 2026-01-18}
            - {id: s2, start: 2026-01-18, end: 2026-02-01}
        """)
    assert [(p["code"], p["line"], p["column"]) for p in problems] == [("bad-dates", 5, 23)]
    assert "sprints must not overlap" in problems[0]["message"]


def test_theme_that_is_not_a_folder_is_reported_at_the_value(tmp_path):
    _, problems = config_of(tmp_path, "title: T\ntheme: fancy\n")
    assert [(p["code"], p["line"], p["column"]) for p in problems] == [("schema", 2, 8)]
    assert "themes/fancy" in problems[0]["message"]


def test_theme_folder_under_themes_is_accepted(tmp_path):
    site = make_site(tmp_path, {"themes/fancy/base.html": "x"}, config="title: T\ntheme: fancy\n")
    config, problems = load_config(site)
    assert problems == [] and config.theme == "fancy"


def test_theme_cannot_name_a_path(tmp_path):
    _, problems = config_of(tmp_path, "title: T\ntheme: ../../etc\n")
    assert [(p["code"], p["line"], p["column"]) for p in problems] == [("schema", 2, 8)]


def test_base_url_and_edit_url_patterns_explain_themselves(tmp_path):
    _, problems = config_of(tmp_path, "title: T\nbase_url: acme.github.io\nedit_url: https://x/edit\n")
    messages = sorted(p["message"] for p in problems)
    assert "base_url: base_url is an absolute http(s) URL" in messages[0]
    assert "edit_url must contain {path}" in messages[1]


def test_content_is_still_validated_when_the_config_is_broken(tmp_path):
    site = make_site(tmp_path, {"content/teams/t.yaml": "nam: T\n"}, config="title: T\ntoday: soon\n")
    diagnostics = run_check(site)
    assert [(d["code"], d["file"], d["line"]) for d in diagnostics] == [
        ("schema", "content/teams/t.yaml", 1), ("schema", "content/teams/t.yaml", 1), ("bad-dates", "okrsite.yaml", 2)]


# --- finding the site -------------------------------------------------------------------------

def test_find_site_returns_the_folder_with_okrsite_yaml(tmp_path):
    site = make_site(tmp_path, {})
    assert find_site(site) == site.resolve()


def test_find_site_without_okrsite_yaml_is_a_one_line_usage_error(tmp_path):
    with pytest.raises(UsageError) as caught:
        find_site(tmp_path)
    assert "no okrsite.yaml in" in str(caught.value) and "\n" not in str(caught.value)


def test_find_site_of_a_missing_folder_says_so(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        find_site(tmp_path / "nope")


def test_find_site_of_a_file_says_it_is_not_a_folder(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(UsageError, match="is not a folder"):
        find_site(tmp_path / "f")


def test_okrsite_yaml_that_is_a_folder_is_a_usage_error(tmp_path):
    (tmp_path / "okrsite.yaml").mkdir()
    with pytest.raises(UsageError, match="okrsite.yaml in .* is not a file"):
        find_site(tmp_path)


def test_unreadable_okrsite_yaml_is_a_usage_error(tmp_path, monkeypatch):
    site = make_site(tmp_path, {})
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(PermissionError(13, "Permission denied"))
                        if self.name == "okrsite.yaml" else real(self))
    with pytest.raises(UsageError, match="cannot read okrsite.yaml: Permission denied"):
        load_config(site)


# --- control characters: okrsite.yaml's strings go into XML, ICS and every page as they are ---------

CONTROL_FIELDS = {  # a setting holding an escaped control character -> its line in the file
    'base_url: "https://acme.example/\\x01roadmap/"': 2,
    'description: "Bell \\a here"': 2,
    'edit_url: "https://git.example/edit/\\e[31m{path}"': 2,
    'markers: [{date: 2026-05-20, label: "Launch \\x7f"}]': 2,
    'calendar: {sprints: [{id: s1, name: "One\\x9b", start: 2026-01-05, end: 2026-01-18}]}': 2,
}


@pytest.mark.parametrize("setting, line", list(CONTROL_FIELDS.items()))
def test_a_control_character_in_a_setting_is_an_error_at_its_line(tmp_path, setting, line):
    _, problems = config_of(tmp_path, f"title: Acme\n{setting}\n")
    problem = only(problems)
    assert (problem["code"], problem["file"], problem["line"]) == ("schema", "okrsite.yaml", line)
    assert "control character U+" in problem["message"] and "delete it" in problem["message"]


def test_a_control_character_in_the_title_stops_check_and_build(tmp_path):
    from helpers import run_cli

    site = make_site(tmp_path, {}, config='title: "Acme\\x0b"\ntoday: 2026-05-12\nbase_url: https://a.example/\n')
    result = run_cli("check", "--site", str(site))
    assert result.returncode == 1 and "okrsite.yaml:1:8: error[schema] the control character U+000B" in result.stdout
    assert run_cli("build", "--site", str(site), "--out", str(tmp_path / "out")).returncode == 1
    assert not (tmp_path / "out").exists()


def test_tabs_and_newlines_written_as_escapes_stay_allowed(tmp_path):
    config, problems = config_of(tmp_path, 'title: Acme\ndescription: "two\\nlines\\tand a tab"\n')
    assert problems == [] and config.description == "two\nlines\tand a tab"


def test_a_clean_base_url_makes_a_well_formed_sitemap(tmp_path):
    """The issue's case, the other way round: what check lets through parses as XML."""
    import xml.etree.ElementTree as ET

    from okrsite.pipeline import build_files

    site = make_site(tmp_path, {}, config='title: Acme\ntoday: 2026-05-12\nbase_url: "https://a.example/\\x01x/"\n')
    checked, files = build_files(site)
    assert files is None and checked.errors == 1
    site = make_site(tmp_path, {}, config='title: Acme\ntoday: 2026-05-12\nbase_url: "https://a.example/r&d/"\n')
    checked, files = build_files(site)
    root = ET.fromstring(files["sitemap.xml"])
    assert root[0][0].text.startswith("https://a.example/r&d/")


def test_an_okrsite_yaml_linked_to_a_file_outside_the_site_is_not_read(tmp_path):
    """`ln -s /etc/passwd okrsite.yaml` in a pull request: its keys must not reach the report."""
    import sys

    if sys.platform == "win32":
        pytest.skip("needs symbolic links")
    secret = tmp_path / "secret.yaml"
    secret.write_text("CI_TOKEN_KEY: x\ntitle: Secret\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "okrsite.yaml").symlink_to(secret)
    config, problems = load_config(site)
    assert config is None
    assert [(p.code, p.location.file, p.location.line) for p in problems] == [("schema", "okrsite.yaml", 1)]
    assert "leads outside the site folder" in problems[0].message and "CI_TOKEN" not in problems[0].message
    inside = site / "settings.yaml"
    inside.write_text("title: Inside\n", encoding="utf-8")
    (site / "okrsite.yaml").unlink()
    (site / "okrsite.yaml").symlink_to("settings.yaml")  # a link that stays inside the site is read
    assert load_config(site)[0].title == "Inside"
