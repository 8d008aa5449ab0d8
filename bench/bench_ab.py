#!/usr/bin/env python3
"""Two versions of okrsite on the same site, alternated in one run: did a change make builds faster?

    python bench/bench_ab.py BEFORE [AFTER] [--size real|N] [--turns 3]

BEFORE and AFTER are okrsite source folders (a checkout's root, the folder holding `okrsite/`);
AFTER defaults to this checkout. Make BEFORE with `git worktree add /tmp/before <commit>`.

Each version builds its own copy of the site (bench/gen_real_site.py's roadmap for `real`, else
bench/gen_site.py with N entities), in a git repository of its own, so their build caches never
meet. Per turn and version, alternated (before-after in even turns, after-before in odd ones),
timed: a cold build (`--no-cache`, into the output folder of the turn before), then (after a
build that fills the cache) a warm build into a new output folder, a build after one milestone
file changed, and one after a second change of the same file (the file is put back afterwards).
The disk is synced before each timed build: the dirty pages a build leaves behind otherwise slow the
next writer by seconds of system time. CPU is user + system of the build and all it waited for.
Printed: each measure's min-max wall and CPU seconds per version, and the system part of the CPU
(on some disks the system time of creating files grows through a session whatever runs: compare
user time, CPU minus system, when the system times of the two versions drift apart).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def make_site(folder: Path, size: str) -> None:
    if size == "real":
        subprocess.run([sys.executable, str(HERE / "gen_real_site.py"), str(folder), "--quiet"], check=True)
    else:
        subprocess.run([sys.executable, str(HERE / "gen_site.py"), str(folder), "--entities", size, "--quiet"],
                       check=True)
    git = ["git", "-c", "user.email=bench@example.com", "-c", "user.name=bench"]
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "site"], cwd=folder, check=True)


def build(code: Path, site: Path, out: Path, *extra: str) -> tuple[float, float, float]:
    """(wall, CPU, system) seconds of one `okrsite build` run with the okrsite in `code`."""
    env = {**os.environ, "PYTHONPATH": str(code), "NO_COLOR": "1"}
    os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "okrsite", "build", "--site", str(site), "--out", str(out), "--quiet",
                    *extra], check=True, env=env, cwd=tempfile.gettempdir())
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    system = after.ru_stime - before.ru_stime
    return wall, after.ru_utime - before.ru_utime + system, system


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path, nargs="?", default=HERE.parent)
    parser.add_argument("--size", default="real", help="'real' or a number of entities")
    parser.add_argument("--turns", type=int, default=3)
    args = parser.parse_args(argv)
    versions = {"before": args.before.resolve(), "after": args.after.resolve()}
    for name, code in versions.items():
        if not (code / "okrsite" / "__init__.py").is_file():
            parser.error(f"{name}: {code} holds no okrsite/ folder")
    scratch = Path(tempfile.mkdtemp(prefix="okrsite-ab-"))
    results: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
    try:
        for name in versions:
            make_site(scratch / name, args.size)
        first = min((scratch / "after" / "content" / "milestones").rglob("*.md"))
        edited = first.relative_to(scratch / "after")
        for turn in range(args.turns):
            # before-after, then after-before: whatever the first of a pair leaves the second
            # (dirty pages, a warm page cache) falls on each version alike
            order = list(versions.items()) if turn % 2 == 0 else list(versions.items())[::-1]
            for name, code in order:
                site, out = scratch / name, scratch / f"{name}-out"
                results.setdefault(("cold (--no-cache)", name), []).append(build(code, site, out, "--no-cache"))
                build(code, site, out)
                fresh = scratch / f"{name}-fresh"
                shutil.rmtree(fresh, ignore_errors=True)
                results.setdefault(("warm, new output folder", name), []).append(build(code, site, fresh))
                shutil.rmtree(fresh, ignore_errors=True)
                path = site / edited
                original = path.read_bytes()
                try:
                    path.write_bytes(original + f"\nEdited by bench_ab.py, turn {turn}.\n".encode())
                    results.setdefault(("one file changed", name), []).append(build(code, site, out))
                    path.write_bytes(path.read_bytes() + b"And once more.\n")
                    results.setdefault(("the same file again", name), []).append(build(code, site, out))
                finally:
                    path.write_bytes(original)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"okrsite before ({versions['before']}) and after ({versions['after']}), "
          f"{args.size} site, {args.turns} alternated turns")
    print(f"  {'':26} {'':7} {'wall s':>11} {'CPU s':>11} {'of it system':>13}")
    for measure in ("cold (--no-cache)", "warm, new output folder", "one file changed", "the same file again"):
        for name in versions:
            runs = results[(measure, name)]
            walls, cpus, systems = [w for w, _, _ in runs], [c for _, c, _ in runs], [s for _, _, s in runs]
            print(f"  {measure:26} {name:7} {min(walls):5.2f}-{max(walls):<5.2f} {min(cpus):5.2f}-{max(cpus):<5.2f}"
                  f" {min(systems):6.2f}-{max(systems):<6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
