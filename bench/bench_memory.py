#!/usr/bin/env python3
"""Peak memory of `okrsite build` (or `check`), summed over every process it runs.

    python bench/bench_memory.py [--sizes 10000 50000] [--seed 0] [--command build|check] [-- ARGS]

The command runs on the synthetic site of each size (bench/gen_site.py, cached in bench/out/)
while this script samples, every 50 ms, the whole process tree under it: the okrsite process,
its forked render workers and the search indexer. Printed per size: the peak of the summed
PSS (proportional set size: a page shared by n processes counts 1/n in each, so forked workers
sharing the parent's model are not counted twice) and, for reference, the peak of the summed
RSS (which counts shared pages once per process, so it overstates forked workers), the peak
of the largest single process, and the CPU seconds of the whole tree (user + system). Linux only
(/proc/PID/smaps_rollup).

`--workers auto 1 2` runs each size once per value of OKRSITE_WORKERS (render processes; `auto`:
okrsite's own choice) in each of `--turns` turns, alternated (the order flips every turn), so the
values meet the same load.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_check import site_for  # noqa: E402


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(c) for c in handle.read().split()]
    except OSError:
        pass
    return found


def _tree(pid: int) -> list[int]:
    pids, stack = [], [pid]
    while stack:
        current = stack.pop()
        pids.append(current)
        stack += _children(current)
    return pids


def _memory(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in kB; (0, 0) when it has gone."""
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


def measure(command: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env)
    peak_pss = peak_rss = peak_one = 0
    peak_processes = 0
    started = time.perf_counter()
    while process.poll() is None:
        pids = _tree(process.pid)
        sizes = [_memory(pid) for pid in pids]
        peak_pss = max(peak_pss, sum(p for p, _ in sizes))
        peak_rss = max(peak_rss, sum(r for _, r in sizes))
        peak_one = max(peak_one, max((r for _, r in sizes), default=0))
        peak_processes = max(peak_processes, len(pids))
        time.sleep(0.05)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed with exit status {process.returncode}")
    return {"pss": peak_pss / 1024, "rss": peak_rss / 1024, "largest": peak_one / 1024,
            "processes": peak_processes, "seconds": time.perf_counter() - started}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 50000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--command", choices=["build", "check"], default="build")
    parser.add_argument("--workers", nargs="+", default=["auto"],
                        help="OKRSITE_WORKERS values to compare, alternated ('auto': okrsite's choice)")
    parser.add_argument("--turns", type=int, default=1)
    parser.add_argument("extra", nargs=argparse.REMAINDER, help="more okrsite arguments, after --")
    args = parser.parse_args(argv)
    extra = [a for a in args.extra if a != "--"]
    print(f"okrsite {args.command} --no-cache {' '.join(extra)}: peak memory over the whole process tree")
    print(f"  {'entities':>9} {'workers':>7} {'PSS sum MB':>11} {'RSS sum MB':>11} {'largest MB':>11} "
          f"{'processes':>10} {'seconds':>8} {'CPU s':>7}")
    for size in args.sizes:
        site = site_for(size, args.seed, False)
        for turn in range(args.turns):
            for workers in (args.workers if turn % 2 == 0 else args.workers[::-1]):
                env = {k: v for k, v in os.environ.items() if k != "OKRSITE_WORKERS"}
                if workers != "auto":
                    env["OKRSITE_WORKERS"] = workers
                with tempfile.TemporaryDirectory(prefix="okrsite-memory-") as scratch:
                    command = [sys.executable, "-m", "okrsite", args.command, "--site", str(site), "--no-cache", *extra]
                    if args.command == "build":
                        command += ["--out", str(Path(scratch) / "public"), "--quiet"]
                    before = resource.getrusage(resource.RUSAGE_CHILDREN)
                    found = measure(command, env)
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                print(f"  {size:>9,} {workers:>7} {found['pss']:>11.0f} {found['rss']:>11.0f} {found['largest']:>11.0f} "
                      f"{found['processes']:>10} {found['seconds']:>8.1f} {cpu:>7.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
