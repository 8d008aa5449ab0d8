#!/usr/bin/env python3
"""One-file builds of two versions of okrsite, alternated: the edit-and-build loop alone.

    python bench/bench_one_file.py BEFORE [AFTER] [--size real|N] [--turns 8] [--history COMMITS]

bench_ab.py times four kinds of build per turn; a change worth tens of milliseconds in the
one-file build drowns in its spread. Here each version has its own site (bench_ab.make_site: its
own git repository and build cache), is built twice to fill the cache and keep a spare output,
then per turn (the order of the two versions alternating) one more line is added to the same
milestone file and the version builds (bench_ab.build: the disk synced first); printed: wall, user and system seconds per version, min-max and median. BEFORE
and AFTER are source folders as for bench_ab.py (`git worktree add /tmp/before <commit>`).
With `--history COMMITS` the site is bench_history.py's (`--size` entities and COMMITS commits
of a roadmap's edits; the edit is not committed), for what a long history costs each build.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from bench_ab import HERE, build, make_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path, nargs="?", default=HERE.parent)
    parser.add_argument("--size", default="real", help="'real' or a number of entities")
    parser.add_argument("--turns", type=int, default=8)
    parser.add_argument("--history", type=int, metavar="COMMITS",
                        help="bench_history.py's git repository of COMMITS commits (--size a number)")
    args = parser.parse_args(argv)
    if args.history and not args.size.isdigit():
        parser.error("--history needs --size N")
    scratch = Path(tempfile.mkdtemp(prefix="okrsite-one-file-"))
    try:
        versions = {}
        for name, code in (("before", args.before.resolve()), ("after", args.after.resolve())):
            site = scratch / name
            if args.history:
                from bench_history import make_repo

                shutil.copytree(make_repo(int(args.size), args.history, 0, False), site, symlinks=True,
                                ignore=shutil.ignore_patterns(".okrsite-cache", "public"))
            else:
                make_site(site, args.size)
            versions[name] = (code, site, scratch / f"out-{name}")
            build(*versions[name])  # fills the cache
            build(*versions[name])  # and keeps a spare output
        runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in versions}
        for turn in range(args.turns):
            for name in (list(versions) if turn % 2 == 0 else list(versions)[::-1]):
                code, site, out = versions[name]
                path = min((site / "content" / "milestones").rglob("*.md"))
                path.write_bytes(path.read_bytes() + b"\nOne more line, turn %d.\n" % turn)
                wall, cpu, system = build(code, site, out)
                runs[name].append((wall, cpu - system, system))
        print(f"one milestone file changed, {args.turns} turns, seconds: min-max (median)")
        for name, rows in runs.items():
            shown = []
            for label, column in (("wall", 0), ("user", 1), ("system", 2)):
                values = sorted(row[column] for row in rows)
                shown.append(f"{label} {values[0]:.2f}-{values[-1]:.2f} ({values[len(values) // 2]:.2f})")
            print(f"  {name:7} " + "  ".join(shown))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
