"""Part 2 changes nothing for a site written for part 1 (content-format.md, part 2 preamble).

tests/compat/part1-golden.json holds how the revision before part 2 checked and built every
part-1 fixture site (`python tests/compat/regenerate.py REV` makes it from revision REV of
this repository; see that script). Today's code must give the same check output, the same
exit statuses and byte-identical files; the only allowed difference is a page part 2 adds
(alignment/, backlog/) and its line in sitemap.xml.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "compat"))
from regenerate import ENV, GOLDEN, NEW_PAGES, hashes, part1_sites  # noqa: E402

from okrsite.cli import main  # noqa: E402

GOLD = json.loads(GOLDEN.read_text(encoding="utf-8"))


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = main(list(args))
    return status, out.getvalue()


def test_the_golden_covers_every_part1_fixture_site():
    assert set(GOLD["sites"]) == set(part1_sites())
    assert sum(1 for entry in GOLD["sites"].values() if entry["files"]) >= 10  # real builds, not only errors


@pytest.mark.parametrize("name", sorted(GOLD["sites"]))
def test_part1_site_checks_and_builds_as_before(name, tmp_path, monkeypatch):
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    expected = GOLD["sites"][name]
    site = tmp_path / name / "site"
    shutil.copytree(part1_sites()[name], site)
    monkeypatch.chdir(tmp_path / name)

    status, output = run("check", "--site", str(site), "--format", "json")
    assert (status, json.loads(output)) == (expected["check_status"], expected["check"]), (
        f"{name}: okrsite check reports differently from revision {GOLD['revision'][:12]} (see tests/compat/regenerate.py)")

    out = tmp_path / name / "public"
    status, _ = run("build", "--site", str(site), "--out", str(out), "--quiet")
    assert status == expected["build_status"]
    if status:
        return
    got = hashes(out)
    changed = sorted(rel for rel in set(got) | set(expected["files"]) if got.get(rel) != expected["files"].get(rel))
    assert changed == [], (
        f"{name}: these files differ from how revision {GOLD['revision'][:12]} built them: {changed}. "
        "A site written for part 1 must build as before. If your change of part-1 output is intended, "
        "say so in its commit and regenerate from the revision your change lands on: "
        "python tests/compat/regenerate.py main")
    added = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()
                   and p.relative_to(out).as_posix().startswith(NEW_PAGES))
    assert all(a.endswith("index.html") for a in added)  # only whole new pages may be added
