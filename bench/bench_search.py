#!/usr/bin/env python3
"""What search costs: `okrsite build` with and without the search index, alternated in one run.

    python bench/bench_search.py [--sizes 1000 10000] [--repeat 3]

For each generated site (bench/gen_site.py via bench_check.site_for, cached in bench/out/), the
two builds run as subprocesses in turns (with, without, with, ...), so machine noise falls on
both alike. Reported per variant: wall time and CPU time (user + system, the indexer and render
workers included) as min-max, their ratio to the build without search, and the index on disk
(files, bytes, and disk blocks used). See bench/README.md.
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
sys.path.insert(0, str(HERE))

from bench_check import site_for  # noqa: E402


def one_build(site: Path, search: bool) -> tuple[float, float, Path]:
    out = Path(tempfile.mkdtemp(prefix="okrsite-bench-")) / "public"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "okrsite", "build", "--site", str(site), "--out", str(out), "--quiet",
                    *([] if search else ["--no-search"])], check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out


def index_size(out: Path) -> tuple[int, int, int]:
    files = [p for p in (out / "pagefind").rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files), sum(p.stat().st_blocks * 512 for p in files)


def span(values: list[float]) -> str:
    return f"{min(values):6.2f}-{max(values):6.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(f"okrsite build with and without search, {os.cpu_count()} cores, {args.repeat} alternated runs each")
    for size in args.sizes:
        site = site_for(size, args.seed, False)
        runs: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
        sizes = (0, 0, 0)
        for _ in range(args.repeat):
            for search in (True, False):
                wall, cpu, out = one_build(site, search)
                runs[search].append((wall, cpu))
                if search:
                    sizes = index_size(out)
                shutil.rmtree(out.parent)
        base_wall = min(w for w, _ in runs[False])
        base_cpu = min(c for _, c in runs[False])
        print(f"\n{size:,} entities")
        print(f"  {'':14} {'wall s (min-max)':>18} {'CPU s (min-max)':>18} {'wall x':>7} {'CPU x':>6}")
        for search in (False, True):
            walls = [w for w, _ in runs[search]]
            cpus = [c for _, c in runs[search]]
            label = "with search" if search else "without search"
            print(f"  {label:14} {span(walls):>18} {span(cpus):>18} {min(walls) / base_wall:>7.2f} {min(cpus) / base_cpu:>6.2f}")
        files, size_bytes, disk = sizes
        print(f"  index: {files:,} files, {size_bytes / 1e6:.1f} MB ({disk / 1e6:.1f} MB on disk)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
