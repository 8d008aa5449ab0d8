"""Load stage: files -> documents whose every value knows its line and column."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from helpers import MILESTONE, OBJECTIVE, codes, make_site, only, run_check, where
from okrsite.diagnostics import Location
from okrsite.load import (
    MAX_EXPANDED_NODES, SourceMap, decode, discover, load_content, load_document, parse_yaml,
    split_front_matter,
)


# --- positions -------------------------------------------------------------------------------

def test_source_map_gives_line_and_column_of_each_value_and_key():
    data, source, problems = parse_yaml("title: Form\nkey_results:\n  - a/kr1\n  - a/kr2\n", "f.yaml")
    assert problems == []
    assert data == {"title": "Form", "key_results": ["a/kr1", "a/kr2"]}
    assert source.locate(("title",)) == Location("f.yaml", 1, 8, 4)
    assert (source.locate(("key_results", 1)).line, source.locate(("key_results", 1)).column) == (4, 5)
    key = source.locate(("key_results",), key=True)
    assert (key.line, key.column, key.length) == (2, 1, 11)


def test_source_map_falls_back_to_the_nearest_ancestor():
    _, source, _ = parse_yaml("tasks:\n  - title: A\n", "f.yaml")
    location = source.locate(("tasks", 0, "sprint"))  # not written: where its mapping is
    assert (location.line, location.column) == (2, 5)
    assert (SourceMap("x").locate(("a",)).line, SourceMap("x").locate(("a",)).column) == (1, 1)


def test_front_matter_values_are_located_with_the_file_line_not_the_yaml_line(tmp_path):
    site = make_site(tmp_path, {"content/milestones/m.md": "---\ntitle: Form\ntype: epic\n---\nBody\n"})
    document, problems = load_document(site, "content/milestones/m.md", "milestone")
    assert problems == []
    assert document.source.locate(("type",)).line == 3  # line 1 is the opening ---
    assert document.body == "Body\n" and document.body_line == 5


def test_yaml_file_values_are_located_from_line_one(tmp_path):
    site = make_site(tmp_path, {"content/teams/t.yaml": "name: Team\nlead: Carol\n"})
    document, _ = load_document(site, "content/teams/t.yaml", "team")
    assert (document.source.locate(("lead",)).line, document.source.locate(("lead",)).column) == (2, 7)
    assert document.body == ""


def test_yaml_syntax_error_in_front_matter_is_placed_on_the_file_line(tmp_path):
    site = make_site(tmp_path, {"content/milestones/m.md": "---\ntitle: Form\nowner: Dana: lead\n---\n"})
    document, problems = load_document(site, "content/milestones/m.md", "milestone")
    assert document.data is None
    problem = problems[0].as_dict()
    assert (problem["code"], problem["line"], problem["column"]) == ("yaml-syntax", 3, 12)
    assert "must be quoted" in problem["message"]


def test_yaml_syntax_error_in_yaml_file_is_placed_on_its_own_line(tmp_path):
    site = make_site(tmp_path, {"content/teams/t.yaml": "name: Team\nowner: Dana: lead\n"})
    _, problems = load_document(site, "content/teams/t.yaml", "team")
    assert (problems[0].location.line, problems[0].location.column) == (2, 12)


def test_unclosed_flow_list_names_where_it_starts():
    _, _, problems = parse_yaml("name: T\nmembers: [a, b\nlead: c\n", "t.yaml")
    problem = problems[0]
    assert (problem.code, problem.location.line, problem.location.column) == ("yaml-syntax", 3, 5)
    assert "starts on line 2, column 10" in problem.message


# --- text: encodings, BOM, CRLF, tabs ----------------------------------------------------------

def test_bom_and_crlf_are_accepted_and_positions_stay_right():
    text, problems = decode(b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody\r\n", "m.md")
    assert problems == [] and text == "---\ntitle: A\n---\nBody\n"


def test_lone_carriage_returns_are_line_ends():
    text, _ = decode(b"a: 1\rb: 2\r", "f.yaml")
    assert text == "a: 1\nb: 2\n"


def test_invalid_utf8_is_reported_at_the_bad_byte():
    text, problems = decode("title: Caf".encode() + b"\xe9\nx: 1\n", "m.md")
    assert text is None
    problem = problems[0]
    assert (problem.code, problem.location.line, problem.location.column) == ("yaml-syntax", 1, 11)
    assert "not valid UTF-8 (byte 0xe9)" in problem.message


def test_invalid_utf8_column_counts_characters_not_bytes():
    _, problems = decode(b"a: 1\nname: Zo\xc3\xab \xff", "t.yaml")  # "name: Zoë " is 10 characters
    assert (problems[0].location.line, problems[0].location.column) == (2, 11)


def test_tab_indentation_in_yaml_gives_a_hint_about_tabs():
    _, _, problems = parse_yaml("key_results:\n\t- a/kr1\n", "m.yaml")
    problem = problems[0]
    assert (problem.code, problem.location.line, problem.location.column) == ("yaml-syntax", 2, 1)
    assert "indent YAML with spaces, not tabs" in problem.message


def test_tabs_in_markdown_body_are_accepted(tmp_path):
    site = make_site(tmp_path, {"content/milestones/m.md": "---\ntitle: M\n---\n\tcode\n- a\n\t- b\n"})
    document, problems = load_document(site, "content/milestones/m.md", "milestone")
    assert problems == [] and "\tcode" in document.body


def test_control_character_is_reported_where_it_is():
    _, _, problems = parse_yaml("a: 1\ntitle: M\x00x\n", "m.yaml")
    problem = problems[0]
    assert (problem.code, problem.location.line, problem.location.column) == ("yaml-syntax", 2, 9)
    assert "U+0000" in problem.message


# --- hostile YAML -----------------------------------------------------------------------------

def test_python_tags_are_refused_not_executed(tmp_path):
    marker = tmp_path / "pwned"
    yaml_text = f"title: !!python/object/apply:os.system ['touch {marker}']\n"
    data, _, problems = parse_yaml(yaml_text, "m.yaml")
    assert data is None and not marker.exists()
    problem = problems[0]
    assert (problem.code, problem.location.line, problem.location.column) == ("yaml-syntax", 1, 8)
    assert "python/object/apply:os.system" in problem.message and "not allowed" in problem.message


@pytest.mark.parametrize("yaml_text", [
    "a: !custom 1\n", "a: !!binary aGk=\n", "a: !!set {x}\n", "a: !!omap [{x: 1}]\n", "a: !!python/name:os.system\n",
])
def test_any_tag_beyond_plain_data_is_refused(yaml_text):
    data, _, problems = parse_yaml(yaml_text, "m.yaml")
    assert data is None and codes([p.as_dict() for p in problems]) == ["yaml-syntax"]


def test_billion_laughs_alias_bomb_is_refused_quickly():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    data, _, problems = parse_yaml("\n".join(lines) + "\n", "bomb.yaml")
    assert data is None
    assert problems[0].code == "yaml-syntax" and f"{MAX_EXPANDED_NODES:,}" in problems[0].message


def test_small_anchors_and_merge_keys_are_plain_yaml():
    data, _, problems = parse_yaml("base: &b {owner: Eve}\nother:\n  <<: *b\n  title: T\nlist: [*b]\n", "f.yaml")
    assert problems == []
    assert data["other"] == {"owner": "Eve", "title": "T"} and data["list"] == [{"owner": "Eve"}]


def test_merge_of_something_not_a_mapping_is_a_syntax_error():
    data, _, problems = parse_yaml("name: T\n<<: 3\n", "t.yaml")
    assert data is None
    assert (problems[0].code, problems[0].location.line, problems[0].location.column) == ("yaml-syntax", 2, 5)


def test_self_referencing_alias_is_refused():
    data, _, problems = parse_yaml("a: &a [*a]\n", "f.yaml")
    assert data is None and problems[0].code == "yaml-syntax"


def test_deep_nesting_is_a_diagnostic_not_a_crash():
    data, _, problems = parse_yaml("a: " + "[" * 3000 + "]" * 3000 + "\n", "f.yaml")
    assert data is None and problems[0].code == "yaml-syntax"


@pytest.mark.parametrize("bad", ["\x80", "\x7f", "\x01", "\ufffe"])
def test_deep_nesting_with_a_control_character_is_a_diagnostic_not_a_crash(bad):
    # found by tests/fuzz: the nesting scan's reader refused the character before its try
    data, _, problems = parse_yaml(f"t: \"{bad}\"\na: " + "[" * 150 + "]" * 150 + "\n", "f.yaml")
    assert data is None and [(p.code, p.location.line) for p in problems] == [("yaml-syntax", 1)]


def test_duplicate_key_is_reported_at_the_second_key():
    data, _, problems = parse_yaml("title: A\ntype: epic\ntitle: B\n", "m.yaml")
    assert data["title"] == "B"
    problem = problems[0]
    assert (problem.code, problem.location.line, problem.location.column) == ("yaml-syntax", 3, 1)
    assert "first set on line 1" in problem.message


def test_complex_mapping_key_is_refused():
    _, _, problems = parse_yaml("? [a]\n: x\n", "f.yaml")
    assert (problems[0].code, problems[0].location.line, problems[0].location.column) == ("yaml-syntax", 1, 3)


# --- values ------------------------------------------------------------------------------------

def test_dates_become_iso_text_and_impossible_dates_stay_as_written():
    data, _, problems = parse_yaml("start: 2026-05-04\nbad: 2026-02-30\nwhen: 2026-05-04 10:00:00\n", "f.yaml")
    assert problems == []
    assert data == {"start": "2026-05-04", "bad": "2026-02-30", "when": "2026-05-04T10:00:00"}


def test_keys_keep_their_source_text():
    data, _, _ = parse_yaml("on: 1\n1: x\nnull: y\n", "f.yaml")
    assert list(data) == ["on", "1", "null"]


def test_nan_and_infinity_are_not_numbers():
    data, _, _ = parse_yaml("a: .nan\nb: .inf\nc: -.Inf\nd: 1.5\ne: 0x10\n", "f.yaml")
    assert data == {"a": ".nan", "b": ".inf", "c": "-.Inf", "d": 1.5, "e": 16}


def test_empty_yaml_is_no_data():
    assert parse_yaml("", "f.yaml")[0] is None
    assert parse_yaml("# just a comment\n", "f.yaml")[0] is None


# --- front matter --------------------------------------------------------------------------------

def test_front_matter_split_gives_body_and_its_first_line():
    front, front_line, body, body_line, problems = split_front_matter("---\na: 1\n---\nHello\n", "m.md")
    assert (front, front_line, body, body_line, problems) == ("a: 1", 2, "Hello\n", 4, [])


def test_front_matter_may_close_with_three_dots():
    front, _, body, _, _ = split_front_matter("---\na: 1\n...\nBody", "m.md")
    assert front == "a: 1" and body == "Body"


def test_unclosed_front_matter_is_reported_on_line_one():
    *_, problems = split_front_matter("---\ntitle: A\n", "m.md")
    assert (problems[0].code, problems[0].location.line, problems[0].location.column) == ("yaml-syntax", 1, 1)
    assert "never closed" in problems[0].message


def test_markdown_file_without_front_matter_says_so(tmp_path):
    site = make_site(tmp_path, {"content/milestones/m.md": "title: Form\ntype: epic\n"})
    diagnostic = only(run_check(site), "schema")
    assert where(diagnostic) == ("content/milestones/m.md", 1, 1)
    assert "no front matter" in diagnostic["message"]


def test_empty_markdown_file_is_reported_not_crashed(tmp_path):
    site = make_site(tmp_path, {"content/milestones/m.md": b""})
    diagnostic = only(run_check(site), "schema")
    assert where(diagnostic) == ("content/milestones/m.md", 1, 1)


def test_empty_yaml_file_is_missing_its_required_fields(tmp_path):
    site = make_site(tmp_path, {"content/teams/t.yaml": b""})
    diagnostic = only(run_check(site))
    assert (diagnostic["code"], *where(diagnostic)) == ("schema", "content/teams/t.yaml", 1, 1)
    assert "missing required field 'name'" in diagnostic["message"]


def test_front_matter_that_is_a_list_is_reported_at_its_first_line(tmp_path):
    site = make_site(tmp_path, {"content/milestones/m.md": "---\n- a\n- b\n---\n"})
    diagnostic = only(run_check(site))
    assert (diagnostic["code"], *where(diagnostic)) == ("schema", "content/milestones/m.md", 2, 1)
    assert "not a list" in diagnostic["message"]


def test_yaml_file_that_is_a_single_line_of_text_is_reported(tmp_path):
    site = make_site(tmp_path, {"content/teams/t.yaml": "just words\n"})
    diagnostic = only(run_check(site))
    assert (diagnostic["code"], *where(diagnostic)) == ("schema", "content/teams/t.yaml", 1, 1)
    assert "not a line of text" in diagnostic["message"]


# --- discovery ---------------------------------------------------------------------------------

def test_kind_comes_from_the_top_folder_and_subfolders_are_free(tmp_path):
    site = make_site(tmp_path, {
        "content/objectives/2026-Q2/deep/trust.md": OBJECTIVE,
        "content/milestones/m.yaml": "title: M\n",
        "content/teams/t.yml": "name: T\n",
    })
    files, problems = discover(site)
    assert problems == []
    assert files == [("content/milestones/m.yaml", "milestone"),
                     ("content/objectives/2026-Q2/deep/trust.md", "objective"),
                     ("content/teams/t.yml", "team")]


def test_dotfiles_dot_folders_and_readmes_are_ignored(tmp_path):
    site = make_site(tmp_path, {
        "content/README.md": "# About\n", "content/milestones/README.md": "x", "content/milestones/Readme.md": "x",
        "content/milestones/.draft.md": "x", "content/.git/x.md": "x", "content/milestones/..md": "x",
    })
    assert discover(site) == ([], [])


def test_file_of_unknown_type_is_an_error_at_the_file(tmp_path):
    site = make_site(tmp_path, {"content/milestones/diagram.png": b"\x89PNG\r\n\x1a\n\x00\x00"})
    diagnostic = only(run_check(site))
    assert (diagnostic["code"], *where(diagnostic)) == ("schema", "content/milestones/diagram.png", 1, 1)
    assert "'diagram.png' is not a content file" in diagnostic["message"]


def test_file_outside_the_kind_folders_is_an_error(tmp_path):
    site = make_site(tmp_path, {"content/stray.md": MILESTONE, "content/drafts/idea.md": MILESTONE})
    diagnostics = run_check(site)
    assert [(d["code"], d["file"]) for d in diagnostics] == [
        ("schema", "content/drafts/idea.md"), ("schema", "content/stray.md")]
    assert "directly in content/" in diagnostics[1]["message"]


def test_directory_named_like_a_content_file_is_walked_not_read(tmp_path):
    site = make_site(tmp_path, {"content/milestones/looks-like.md/.keep": b""})
    assert discover(site) == ([], [])
    assert run_check(site) == []


def test_missing_content_folder_is_an_empty_site(tmp_path):
    site = make_site(tmp_path, {})
    assert run_check(site) == []


def test_content_that_is_a_file_is_an_error(tmp_path):
    site = make_site(tmp_path, {"content": "not a folder\n"})
    diagnostic = only(run_check(site))
    assert (diagnostic["code"], *where(diagnostic)) == ("schema", "content", 1, 1)


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symbolic links")
def test_symlink_loop_is_reported_not_followed(tmp_path):
    site = make_site(tmp_path, {})
    folder = site / "content" / "milestones"
    folder.mkdir(parents=True)
    (folder / "a.md").symlink_to("b.md")
    (folder / "b.md").symlink_to("a.md")
    (folder / "up").symlink_to("..", target_is_directory=True)  # a folder loop: reported, not followed
    diagnostics = run_check(site)
    assert [(d["code"], d["file"], d["line"]) for d in diagnostics] == [
        ("schema", "content/milestones/a.md", 1), ("schema", "content/milestones/b.md", 1),
        ("schema", "content/milestones/up", 1)]
    assert "leads nowhere" in diagnostics[0]["message"] and "linked folders" in diagnostics[2]["message"]


SECRET = "---\ntitle: CI_TOKEN=secret\n---\nPRIVATE\n"


def outside_folder(tmp_path):
    """A folder beside the site holding content that must never be read."""
    outside = tmp_path / "elsewhere"
    (outside / "milestones").mkdir(parents=True)
    (outside / "secret.md").write_text(SECRET)
    (outside / "milestones" / "secret.md").write_text(SECRET)
    return outside


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symbolic links")
@pytest.mark.parametrize("link, target", [
    ("content", "."),  # the whole content/ folder
    ("content/pages", "."),  # a kind folder: was silently ignored
    ("content/milestones/more", "milestones"),  # a folder deeper down
])
def test_a_linked_folder_leading_outside_is_reported_and_not_walked(tmp_path, link, target):
    outside = outside_folder(tmp_path)
    site = make_site(tmp_path, {"content/objectives/o.md": "---\ntitle: O\nquarter: 2026-Q2\nkey_results: "
                                                            "[{id: kr1, title: K}]\n---\n"} if link != "content" else {})
    (site / link).parent.mkdir(parents=True, exist_ok=True)
    (site / link).symlink_to(outside / target, target_is_directory=True)
    documents, problems = load_content(site)
    assert all("secret" not in d.path for d in documents)
    assert [(p.code, p.location.file, p.location.line, p.location.column) for p in problems] == [
        ("schema", link, 1, 1)]
    assert "does not follow linked folders" in problems[0].message


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symbolic links")
def test_a_linked_folder_inside_the_site_is_reported_too(tmp_path):
    """Linked folders are never followed, wherever they lead: no file is read twice, no loop."""
    site = make_site(tmp_path, {"shared/t.yaml": "name: T\n", "content/teams/a.yaml": "name: A\n"})
    (site / "content" / "teams" / "shared").symlink_to(site / "shared", target_is_directory=True)
    documents, problems = load_content(site)
    assert [d.path for d in documents] == ["content/teams/a.yaml"]
    assert [p.location.file for p in problems] == ["content/teams/shared"]


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symbolic links")
def test_a_content_link_to_a_file_is_not_a_folder(tmp_path):
    site = make_site(tmp_path, {"notes.md": "x\n"})
    (site / "content").symlink_to(site / "notes.md")
    documents, problems = load_content(site)
    assert documents == [] and [p.location.file for p in problems] == ["content"]
    assert "must be a folder" in problems[0].message


def test_readme_without_front_matter_explains_its_folder_and_with_it_is_content(tmp_path):
    site = make_site(tmp_path, {
        "content/README.md": "# What is here\n",
        "content/milestones/README.md": "How we name milestones.\n",
        "content/pages/readme.md": "\ufeff---\ntitle: Read me\n---\nA page called readme.\n",
        "content/teams/Readme.md": "---\r\nname: Docs\r\n---\r\n",
    })
    documents, problems = load_content(site)
    assert problems == []
    assert [(d.path, d.kind) for d in documents] == [
        ("content/pages/readme.md", "page"), ("content/teams/Readme.md", "team")]


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symbolic links")
def test_symlink_to_a_file_outside_the_site_is_not_read(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Secret\n---\nPRIVATE\n")
    site = make_site(tmp_path, {})
    (site / "content" / "pages").mkdir(parents=True)
    (site / "content" / "pages" / "leak.md").symlink_to(secret)
    diagnostic = only(run_check(site))
    assert (diagnostic["code"], *where(diagnostic)) == ("schema", "content/pages/leak.md", 1, 1)
    assert "outside the site" in diagnostic["message"]
    documents, _ = load_content(site)
    assert documents == []


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symbolic links")
def test_symlink_inside_the_site_is_read(tmp_path):
    site = make_site(tmp_path, {"shared/team.yaml": "name: Shared\n"})
    (site / "content" / "teams").mkdir(parents=True)
    (site / "content" / "teams" / "shared.yaml").symlink_to(site / "shared" / "team.yaml")
    documents, problems = load_content(site)
    assert problems == [] and documents[0].data == {"name": "Shared"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_not_read(tmp_path):
    site = make_site(tmp_path, {})
    (site / "content" / "teams").mkdir(parents=True)
    os.mkfifo(site / "content" / "teams" / "pipe.yaml")
    diagnostic = only(run_check(site))
    assert (diagnostic["code"], *where(diagnostic)) == ("schema", "content/teams/pipe.yaml", 1, 1)
    assert "not a regular file" in diagnostic["message"]


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    site = make_site(tmp_path, {"content/teams/t.yaml": "name: T\n"})
    real = Path.read_bytes

    def refuse(self):
        if self.name == "t.yaml":
            raise PermissionError(13, "Permission denied")
        return real(self)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    diagnostic = only(run_check(site))
    assert (diagnostic["code"], *where(diagnostic)) == ("yaml-syntax", "content/teams/t.yaml", 1, 1)
    assert "cannot read the file: Permission denied" in diagnostic["message"]


def test_oversized_file_is_refused_without_reading(tmp_path, monkeypatch):
    import okrsite.load as load
    monkeypatch.setattr(load, "MAX_FILE_BYTES", 100)
    site = make_site(tmp_path, {"content/teams/t.yaml": "name: T\n" + "# padding\n" * 20})
    diagnostic = only(run_check(site))
    assert (diagnostic["code"], diagnostic["file"]) == ("schema", "content/teams/t.yaml")
    assert "larger than" in diagnostic["message"]


def test_documents_carry_kind_path_stem_and_problems(tmp_path):
    site = make_site(tmp_path, {"content/milestones/m.md": MILESTONE, "content/teams/bad.yaml": "a: [\n"})
    documents, problems = load_content(site)
    assert problems == []
    by_path = {d.path: d for d in documents}
    assert by_path["content/milestones/m.md"].kind == "milestone"
    assert by_path["content/milestones/m.md"].stem == "m"
    assert by_path["content/teams/bad.yaml"].data is None
    assert codes([p.as_dict() for p in by_path["content/teams/bad.yaml"].problems]) == ["yaml-syntax"]


def test_what_only_libyaml_refuses_is_refused_with_either_parser():
    """A byte order mark inside the text and an unknown directive: libyaml refuses them, PyYAML's
    pure-Python parser accepts them; okrsite refuses both itself (tests/test_yaml_without_libyaml.py
    runs the same with libyaml blocked)."""
    from okrsite.load import parse_yaml

    _, _, [bom] = parse_yaml("a: 1\n\ufeffb: 2\n", "t.yaml")
    assert (bom.code, bom.location.line, bom.location.column) == ("yaml-syntax", 2, 1)
    assert "U+FEFF" in bom.message
    _, _, [directive] = parse_yaml("%FOO bar\n---\na: 1\n", "t.yaml")
    assert (directive.location.line, directive.location.column) == (1, 1)
    assert "%YAML and %TAG" in directive.message
    _, _, [tab] = parse_yaml("a:\n\t- b\n", "t.yaml")
    assert tab.message == "found a tab character where YAML expects spaces; indent YAML with spaces, not tabs"


# --- parsed files kept by the build cache (load.PARSED) ---------------------------------------

def _round_trip(raw: bytes, rel: str, kind: str):
    from okrsite.load import _decoded, _encoded, parse_document

    parsed = parse_document(raw, rel, kind)
    assert _decoded(_encoded(*parsed), rel, kind) == parsed
    return parsed


def test_every_fixture_file_is_kept_and_read_back_as_parsed():
    files = sorted((Path(__file__).parent / "sites").rglob("content/**/*.*"))
    assert len(files) > 50
    for path in files:
        rel = "content/" + path.as_posix().split("/content/", 1)[1]
        _round_trip(path.read_bytes(), rel, "milestone")


@pytest.mark.parametrize("raw", [
    b"---\ntitle: A\nnumbers: [1, 1.5, -0.0, 1e300, 12345678901234567890]\nflags: [true, false, null]\n---\nBody\n",
    b"---\nbase: &b {owner: Ann, votes: 3}\nmerged:\n  <<: *b\n  votes: 4\nwhen: 2026-04-01\n---\n",
    b'---\ntitle: "\\ud800 \\x01 \\u2028"\n1: one\n"yes": y\n---\n',  # a lone surrogate, keys as written
    b"---\ntitle: [unclosed\n---\nbody\n", b"no front matter\n", b"\xff\xfe not UTF-8", b"---\n- a list\n---\n",
    b"---\ntitle: A\ntitle: B\n---\n",  # a duplicate key: a problem with the data
])
def test_a_kept_parse_is_the_parse(raw):
    _round_trip(raw, "content/milestones/x.md", "milestone")
    _round_trip(raw.replace(b"---\n", b""), "content/teams/x.yaml", "team")


_KEPT = b'{"data": {}, "body": "", "body_line": 1, "values": [["a"]], "value_at": [1, 2, 3], "keys": [], "key_at": [],' \
        b' "problems": []}'


@pytest.mark.parametrize("kept", [b"", b"[]", _KEPT.replace(b'"data": {}', b'"data": []'),
                                  _KEPT.replace(b'[["a"]]', b'[[{}]]'), _KEPT.replace(b'[["a"]]', b'["a"]'),
                                  _KEPT.replace(b"[1, 2, 3]", b"[1, 2]"), _KEPT.replace(b"[1, 2, 3]", b'[1, 2, "3"]'),
                                  _KEPT.replace(b"[1, 2, 3]", b"[1, 2, 3.5]"),
                                  _KEPT.replace(b"[1, 2, 3]", b"[1, 2, 99999999999999999999999]"),
                                  _KEPT.replace(b'"problems": []', b'"problems": [["nope", "m", "f", 1, 1, 1, "error"]]'),
                                  b"\xff"])
def test_a_kept_parse_is_used_only_when_well_formed(kept):
    from okrsite.load import _decoded

    assert _decoded(kept, "content/milestones/x.md", "milestone") is None
    assert _decoded(_KEPT, "content/milestones/x.md", "milestone")[0].source.values == {("a",): (1, 2, 3)}


# --- one reading per command: the build cache's key and the loader see the same bytes ---------

def test_inside_one_reading_the_loader_gets_the_bytes_the_cache_key_was_made_of(tmp_path):
    """An edit saved between the key and the load would otherwise be stored under the key of
    the content before it, and a later build of that content would be answered with it."""
    from okrsite.cache import content_key
    from okrsite.load import load_content, one_reading

    site = make_site(tmp_path, {"content/objectives/obj.md": OBJECTIVE})
    path = site / "content/objectives/obj.md"
    with one_reading():
        key = content_key("check", site).hexdigest()
        path.write_text(OBJECTIVE.replace("title:", "title: Edited,", 1))
        (site / "content/milestones").mkdir(exist_ok=True)
        (site / "content/milestones/late.md").write_text(MILESTONE)
        documents, _ = load_content(site)
        assert content_key("check", site).hexdigest() == key
    assert [d.path for d in documents] == ["content/objectives/obj.md"]
    assert not documents[0].data["title"].startswith("Edited")
    again, _ = load_content(site)  # the block is over: the files as they are now
    assert len(again) == 2 and any(d.data["title"].startswith("Edited") for d in again)
    assert content_key("check", site).hexdigest() != key


def test_one_reading_belongs_to_its_thread(tmp_path):
    import threading

    from okrsite.load import load_content, one_reading

    site = make_site(tmp_path, {"content/objectives/obj.md": OBJECTIVE})
    path = site / "content/objectives/obj.md"
    seen = []
    with one_reading():
        load_content(site)
        path.write_text(OBJECTIVE.replace("title:", "title: Edited,", 1))
        thread = threading.Thread(target=lambda: seen.extend(load_content(site)[0]))
        thread.start()
        thread.join()
    assert seen[0].data["title"].startswith("Edited")
