"""The editor set-up `okrsite init` and `okrsite new` write, proven with the real
yaml-language-server (npm) over stdio: what they write validates clean, a mistake in it is
underlined at its line, and nothing is fetched from the network (the server runs with an
unreachable proxy, so a schema it cannot find locally shows as a load error).

Two routes, each tested alone: the modeline at the top of each `.yaml` file (resolved by the
server against the file's own folder) and the `yaml.schemas` globs of `.vscode/settings.json`
(for files without a modeline, in sub-folders too). Markdown front matter is not read by the
server; docs/authoring.md and the scaffolded README say so and name okrsite check / serve.
"""

from __future__ import annotations

import json
from itertools import zip_longest
from pathlib import Path

import pytest

from okrsite.cli import main
from tests.support.env import require
from tests.support.yamlls import YamlLanguageServer, server_path

pytestmark = pytest.mark.validator


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    require(server_path)
    root = tmp_path_factory.mktemp("editor") / "site"
    assert main(["init", str(root)]) == 0
    assert main(["new", "team", "data", "--site", str(root)]) == 0
    return root


def messages(found: list[dict]) -> list[tuple[int, str]]:
    """(line from 1, message) of each diagnostic."""
    return [(d["range"]["start"]["line"] + 1, d["message"]) for d in found]


def _spoil(path: Path, old: str, new: str) -> tuple[Path, int]:
    """A copy of `path` beside it with `old` replaced; and the line of the change."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    copy = path.with_name(f"spoiled-{path.name}")
    copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy, text[: text.index(old)].count("\n") + 1


# (file init/new writes, a mistake in it) -- every .yaml file they write
MODELINE_FILES = [
    ("okrsite.yaml", "length_days: 14", "length_days: 3"),
    ("content/teams/platform.yaml", "name: Platform", "name: [Platform]"),
    ("content/teams/product.yaml", "lead: Alex Kim", "lead: 7"),
    ("content/teams/data.yaml", "name: Data", "nmae: Data"),
]


def test_every_yaml_file_init_and_new_write_has_a_modeline_relative_to_itself(site):
    written = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.yaml") if ".okrsite" not in p.parts)
    assert written == sorted(f for f, _, _ in MODELINE_FILES)
    for rel, _, _ in MODELINE_FILES:
        first = next(line for line in (site / rel).read_text(encoding="utf-8").splitlines()
                     if line.startswith("# yaml-language-server:"))
        target = first.split("$schema=", 1)[1].strip()
        assert (site / rel).parent.joinpath(target).resolve().is_file(), (rel, target)


def test_the_modelines_make_the_language_server_check_each_file(site):
    with YamlLanguageServer(site) as server:  # no settings: the modelines alone
        for rel, old, new in MODELINE_FILES:
            assert messages(server.diagnostics(site / rel)) == [], rel
            spoiled, line = _spoil(site / rel, old, new)
            found = messages(server.diagnostics(spoiled))
            assert found and {n for n, _ in found} == {line}, (rel, found)
            spoiled.unlink()


def test_a_modeline_relative_to_the_site_root_points_nowhere_from_content_teams(site):
    """The line the docs used to suggest; the server reports it, so the test above can fail."""
    path = site / "content/teams/old-modeline.yaml"
    text = (site / "content/teams/platform.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("$schema=../../.okrsite/", "$schema=.okrsite/"), encoding="utf-8")
    try:
        with YamlLanguageServer(site) as server:
            found = messages(server.diagnostics(path))
        assert found and "Unable to load schema" in found[0][1], found
    finally:
        path.unlink()


# Files without a modeline, anywhere the settings' globs should reach: (path, valid text, a mistake)
SETTINGS_FILES = [
    ("okrsite.yaml", None, None),  # the scaffold's own file, modeline removed below
    ("content/teams/sub/ops.yaml", "name: Ops\n", "name: 5\n"),
    ("content/objectives/grow.yaml",
     "title: Grow\nquarter: 2026-Q2\nkey_results:\n  - id: kr1\n    title: More\n",
     "title: Grow\nquarter: 2026-Q9\nkey_results:\n  - id: kr1\n    title: More\n"),
    ("content/milestones/deep/ship.yml",
     "title: Ship\ntype: epic\nkey_results: [grow/kr1]\n",
     "title: Ship\ntype: story\nkey_results: [grow/kr1]\n"),
    ("content/tasks/test.yaml", "title: Test\nmilestone: ship\n", "title: Test\nmilestone: ship\nsprint: 7\n"),
    ("content/pages/about.yaml", "title: About\nweight: 2\n", "title: About\nweight: two\n"),
]


def test_vscode_settings_cover_yaml_files_of_every_kind_without_a_modeline(site, tmp_path):
    settings = json.loads((site / ".vscode/settings.json").read_text(encoding="utf-8"))
    config_text = (site / "okrsite.yaml").read_text(encoding="utf-8")
    config_plain = "".join(line for line in config_text.splitlines(keepends=True)
                           if not line.startswith("# yaml-language-server:"))
    cases = []
    for rel, good, bad in SETTINGS_FILES:
        if good is None:
            good, bad = config_plain, config_plain.replace("language: en", "language: 12")
        cases.append((rel, good, bad))
    backup = {rel: (site / rel).read_bytes() for rel, _, _ in cases if (site / rel).exists()}
    try:
        with YamlLanguageServer(site, {"schemas": settings["yaml.schemas"]}) as server:
            for rel, good, bad in cases:
                path = site / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(good, encoding="utf-8")
                assert messages(server.diagnostics(path)) == [], rel
                path.write_text(bad, encoding="utf-8")
                line = next(i for i, (a, b) in enumerate(zip_longest(good.splitlines(), bad.splitlines()), 1) if a != b)
                found = messages(server.diagnostics(path))
                assert found and {n for n, _ in found} == {line}, (rel, found)
    finally:
        for rel, _, _ in cases:
            if rel in backup:
                (site / rel).write_bytes(backup[rel])
            else:
                (site / rel).unlink(missing_ok=True)
