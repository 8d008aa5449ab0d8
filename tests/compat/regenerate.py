"""Record how a revision of okrsite checks and builds the part-1 fixture sites.

    python tests/compat/regenerate.py REV

exports revision REV of this repository (`git archive`, nothing in the work tree changes),
runs *its* command line on a copy of every fixture site written for part 1 of the content
format (sections 1-11), and writes tests/compat/part1-golden.json: each site's
`okrsite check --format json` output and, when it builds, the SHA-256 of every file
`okrsite build` writes. tests/test_compat_part1.py runs today's code on the same sites and
requires the same results, except for the pages part 2 adds (/alignment/, /backlog/).

REV is the commit before a change that must not alter part-1 output: regenerate only when a
change of part-1 output is intended (and say so in that commit), from the commit that
makes it, e.g. `python tests/compat/regenerate.py HEAD`.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
REPO = TESTS.parent
GOLDEN = Path(__file__).resolve().parent / "part1-golden.json"
# Fixed "now" for sites without `today:` (and for anything else that reads the clock).
ENV = {"SOURCE_DATE_EPOCH": "1778544000", "NO_COLOR": "1", "OKRSITE_WORKERS": "1"}  # 2026-05-12
# Output files that part 2 may add to a part-1 site; the sitemap lines naming them are dropped.
NEW_PAGES = ("alignment/", "backlog/")
SKIP = {".okrsite-build"}


# The fixture sites written for part 1 (tests/sites/NAME); sites for part 2 are not listed.
PART1 = (
    "bad-dates-due-before-start",
    "bad-dates-impossible",
    "bad-dates-reversed-sprints",
    "basic",
    "clean",
    "config-error",
    "dependency-cycle",
    "duplicate-id",
    "hostile",
    "kr-without-milestone",
    "misplaced-file",
    "outside-quarter",
    "schema-bad-id",
    "schema-enum",
    "schema-missing-field",
    "schema-unknown-field",
    "schema-wrong-type",
    "showcase-part1",
    "starts-before-dependency",
    "task-outside-milestone",
    "theme-override",
    "unknown-file-type",
    "unknown-ref",
    "unknown-ref-md-link",
    "unknown-ref-wikilink",
    "unknown-sprint",
    "wrong-kind-ref",
    "yaml-syntax-front-matter",
    "yaml-syntax-yaml-file",
)


def part1_sites() -> dict[str, Path]:
    """Fixture name -> folder: every site under tests/sites written for part 1."""
    sites = {name: TESTS / "sites" / name for name in PART1}
    sites["import-csv"] = TESTS / "sites" / "import-csv" / "site"
    return dict(sorted(sites.items()))


def normalise(rel: str, data: bytes) -> bytes:
    """The sitemap without the lines of pages part 2 adds; every other file as it is."""
    if rel != "sitemap.xml":
        return data
    lines = data.decode("utf-8").split("\n")
    return "\n".join(line for line in lines if not any(f"{page}</loc>" in line for page in NEW_PAGES)).encode()


def hashes(out: Path) -> dict[str, str]:
    found = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and rel not in SKIP and not rel.startswith(NEW_PAGES):
            found[rel] = hashlib.sha256(normalise(rel, path.read_bytes())).hexdigest()
    return found


def record(command: list[str], sites: dict[str, Path], work: Path) -> dict:
    """Run `command` (an okrsite command line) on a copy of each site: checks and build hashes."""
    result = {}
    env = {**os.environ, **ENV}
    env.pop("FORCE_COLOR", None)
    for name, folder in sites.items():
        copy = work / name / "site"
        shutil.copytree(folder, copy)
        checked = subprocess.run([*command, "check", "--site", str(copy), "--format", "json"],
                                 capture_output=True, text=True, env=env, cwd=work)
        entry = {"check_status": checked.returncode, "check": json.loads(checked.stdout)}
        out = work / name / "public"
        built = subprocess.run([*command, "build", "--site", str(copy), "--out", str(out), "--quiet"],
                               capture_output=True, text=True, env=env, cwd=work)
        entry["build_status"] = built.returncode
        entry["files"] = hashes(out) if built.returncode == 0 else {}
        result[name] = entry
    return result


def command_for(source: Path) -> list[str]:
    """The okrsite command line of the source tree at `source`, whatever is installed."""
    code = ("import sys; sys.path.insert(0, sys.argv.pop(1)); import okrsite.cli as c; "
            "sys.exit(c.main(sys.argv[1:]))")
    return [sys.executable, "-c", code, str(source)]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    rev = subprocess.run(["git", "rev-parse", "--verify", argv[0] + "^{commit}"], cwd=REPO,
                         capture_output=True, text=True, check=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source"
        archive = subprocess.run(["git", "archive", rev], cwd=REPO, capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(source, filter="data")
        work = Path(tmp) / "work"
        work.mkdir()
        sites = record(command_for(source), part1_sites(), work)
    GOLDEN.write_text(json.dumps({"revision": rev, "environment": ENV, "sites": sites},
                                 indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN.relative_to(REPO)}: {len(sites)} sites as revision {rev[:12]} checks and builds them")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
