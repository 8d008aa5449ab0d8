#!/usr/bin/env python3
"""Time `okrsite build` on generated sites of 1k, 10k (and 50k) entities.

    python bench/bench_build.py [--sizes 1000 10000] [--repeat 3] [--workers N] [--sandbox-cost]

Sites come from bench/gen_site.py via bench_check.site_for (cached in bench/out/). For each size:

- `okrsite build --quiet` runs as a subprocess `--repeat` times into a fresh folder: the wall
  time CI pays, start-up included; best and median are reported with pages per second;
- one in-process run splits that time into the pipeline's stages: check (config, load,
  validate, link), render (views, templates, diagrams, exports) and write (atomic publish).

`--workers` sets OKRSITE_WORKERS (render processes; default one per core). `--sandbox-cost`
instead renders each site in this process, alternately in Jinja's sandbox (as okrsite always
does) and in the plain environment, `--repeat` times each, and reports the CPU seconds of each:
what the sandbox costs. Reference on the same machine: Hugo builds about 2,000 pages a second.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_check import site_for  # noqa: E402


def subprocess_build(site: Path, repeat: int, env: dict) -> tuple[list[float], int, int]:
    times = []
    pages = files = 0
    for _ in range(repeat):
        out = Path(tempfile.mkdtemp(prefix="okrsite-bench-")) / "public"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "okrsite", "build", "--site", str(site), "--out", str(out), "--quiet"],
                       check=True, env=env)
        times.append(time.perf_counter() - started)
        pages = sum(1 for _ in out.rglob("*.html"))
        files = sum(1 for p in out.rglob("*") if p.is_file())
        shutil.rmtree(out.parent)
    return times, pages, files


def sandbox_cost(site: Path, repeat: int) -> dict[bool, list[float]]:
    """CPU seconds of rendering `site` in one process, sandboxed and plain, alternately."""
    from okrsite.pipeline import check
    from okrsite.render import Renderer

    os.environ["OKRSITE_WORKERS"] = "1"  # CPU time of this process only
    checked = check(site)
    seconds: dict[bool, list[float]] = {True: [], False: []}
    for run in range(repeat):
        for sandboxed in ((True, False) if run % 2 else (False, True)):
            renderer = Renderer(checked.config, sandboxed=sandboxed)
            started = time.process_time()
            renderer.render(checked.site)
            seconds[sandboxed].append(time.process_time() - started)
    return seconds


def stages(site: Path) -> dict[str, float]:
    from okrsite.pipeline import check
    from okrsite.render import Renderer
    from okrsite.write import publish

    out = Path(tempfile.mkdtemp(prefix="okrsite-bench-")) / "public"
    t0 = time.perf_counter()
    checked = check(site)
    t1 = time.perf_counter()
    files = Renderer(checked.config).render(checked.site)
    t2 = time.perf_counter()
    publish(files, out)
    t3 = time.perf_counter()
    shutil.rmtree(out.parent)
    return {"check": t1 - t0, "render": t2 - t1, "write": t3 - t2}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, help="render worker processes (OKRSITE_WORKERS)")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--sandbox-cost", action="store_true",
                        help="CPU time of rendering in Jinja's sandbox against the plain environment")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    if args.workers:
        env["OKRSITE_WORKERS"] = str(args.workers)
        os.environ["OKRSITE_WORKERS"] = str(args.workers)
    print(f"okrsite build, {os.cpu_count()} cores, workers={env.get('OKRSITE_WORKERS', 'auto')}")
    if not args.sandbox_cost:
        print(f"{'entities':>9} {'pages':>7} {'files':>7} {'best s':>8} {'median s':>9} {'pages/s':>8}   "
              "check / render / write (in-process)")
    for size in args.sizes:
        site = site_for(size, args.seed, args.regenerate)
        if args.sandbox_cost:
            cost = sandbox_cost(site, args.repeat)
            plain, boxed = statistics.median(cost[False]), statistics.median(cost[True])
            print(f"{size:>9,} entities: render CPU median {plain:.2f} s plain, {boxed:.2f} s sandboxed "
                  f"({(boxed - plain) / plain:+.0%}); runs: plain {[round(t, 2) for t in cost[False]]}, "
                  f"sandboxed {[round(t, 2) for t in cost[True]]}")
            continue
        times, pages, files = subprocess_build(site, args.repeat, env)
        split = stages(site)
        best = min(times)
        print(f"{size:>9,} {pages:>7,} {files:>7,} {best:>8.2f} {statistics.median(times):>9.2f} {pages / best:>8.0f}"
              f"   {split['check']:.2f} / {split['render']:.2f} / {split['write']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
