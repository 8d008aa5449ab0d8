#!/usr/bin/env python3
"""Time `okrsite check` on generated sites of 1k, 10k and 50k entities.

    python bench/bench_check.py [--sizes 1000 10000 50000] [--repeat 3] [--profile 10000]

For each size the site is generated once with bench/gen_site.py into bench/out/site-<N>
(git-ignored; reused when it is already there, `--regenerate` to rewrite it). Then:

- `pipeline.check` runs in this process `--repeat` times, each from cold caches (the Markdown
  token cache is cleared), and the best and the median wall time are reported;
- `okrsite check --strict --format json` runs once as a subprocess: what CI pays, start-up
  (imports, schema compilation) included, with the peak memory of that process.

A generated site must check clean (0 errors, 0 warnings); otherwise the benchmark would
measure error reporting, and it stops. `--profile N` prints a cProfile of one in-process
check of the N-entity site, by cumulative and by own time. See bench/README.md.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
STAMP = ".okrsite-bench"  # written by gen_site.py


def site_for(entities: int, seed: int, regenerate: bool) -> Path:
    site = OUT / f"site-{entities}"
    if regenerate or not (site / STAMP).exists() or not (site / "okrsite.yaml").exists():
        OUT.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, str(HERE / "gen_site.py"), str(site), "--entities", str(entities),
                        "--seed", str(seed), "--quiet"], check=True)
        print(f"  generated {site.relative_to(HERE.parent)} in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return site


def cold_caches() -> None:
    """Forget what an earlier run in this process parsed, so each run does the full work."""
    from okrsite import markdown
    for name in ("_parse_cached", "parse", "_extract_links_cached"):
        cached = getattr(markdown, name, None)
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()


def run_in_process(site: Path, repeat: int) -> tuple[list[float], object]:
    from okrsite.pipeline import check
    times, checked = [], None
    for _ in range(repeat):
        cold_caches()
        started = time.perf_counter()
        checked = check(site)
        times.append(time.perf_counter() - started)
    return times, checked


def run_cli(site: Path) -> tuple[float, float | None, dict]:
    """Wall seconds, peak memory in MB (None where unknown), and the JSON report of one CLI run.

    Run these before anything big is loaded in this process: Linux counts the memory a child
    shares with its parent between fork and exec in the child's peak.
    """
    script = shutil.which("okrsite")
    command = [script] if script else [sys.executable, "-m", "okrsite"]
    env = {**os.environ, "NO_COLOR": "1"}
    with tempfile.TemporaryFile("w+") as errors:
        started = time.perf_counter()
        process = subprocess.Popen([*command, "check", "--site", str(site), "--strict", "--format", "json"],
                                   stdout=subprocess.PIPE, stderr=errors, text=True, env=env)
        stdout = process.stdout.read()
        peak = None
        if hasattr(os, "wait4"):  # this child's own peak memory
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        else:  # pragma: no cover - Windows
            process.wait()
        seconds = time.perf_counter() - started
        errors.seek(0)
        stderr = errors.read()
    if process.returncode != 0:
        raise SystemExit(f"bench_check: okrsite check failed on {site} (exit {process.returncode}):\n"
                         f"{stdout[:2000]}{stderr[:2000]}")
    return seconds, peak, json.loads(stdout)


def startup_seconds() -> float:
    script = shutil.which("okrsite")
    command = [script] if script else [sys.executable, "-m", "okrsite"]
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([*command, "--version"], capture_output=True, check=True)
        best = min(best, time.perf_counter() - started)
    return best


def profile(site: Path, top: int) -> str:
    from okrsite.pipeline import check
    cold_caches()
    profiler = cProfile.Profile()
    profiler.enable()
    check(site)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000], metavar="N",
                        help="entity counts to generate and check (default: 1000 10000 50000)")
    parser.add_argument("--repeat", type=int, default=3, help="in-process runs per size (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="gen_site.py seed (default 0)")
    parser.add_argument("--regenerate", action="store_true", help="rewrite the generated sites")
    parser.add_argument("--no-cli", action="store_true", help="skip the subprocess runs")
    parser.add_argument("--profile", type=int, metavar="N", help="print a cProfile of checking the N-entity site")
    parser.add_argument("--top", type=int, default=25, help="lines of the profile to print (default 25)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parent))  # the working tree's okrsite, when not installed

    sizes = sorted(args.sizes)
    sites = {n: site_for(n, args.seed, args.regenerate) for n in sizes}
    cli = {n: (None, None) for n in sizes}
    if not args.no_cli:  # first, while this process is small (see run_cli)
        for n in sizes:
            seconds, peak, report = run_cli(sites[n])
            assert report["errors"] == 0 and report["warnings"] == 0, report
            cli[n] = (seconds, peak)
        startup = startup_seconds()

    rows = []
    header = (f"{'entities':>9} {'files':>7} {'best s':>8} {'median s':>9} {'entities/s':>11} "
              f"{'CLI s':>7} {'CLI MB':>7}")
    print(header)
    print("-" * len(header))
    for entities in sizes:
        site = sites[entities]
        times, checked = run_in_process(site, args.repeat)
        if checked.diagnostics:
            first = checked.diagnostics[0]
            raise SystemExit(f"bench_check: {site} does not check clean ({len(checked.diagnostics)} findings, "
                             f"first: {first.location.file}:{first.location.line}: {first.code} {first.message})")
        cli_seconds, peak = cli[entities]
        best = min(times)
        row = {"entities": entities, "files": checked.files, "best_seconds": round(best, 3),
               "median_seconds": round(statistics.median(times), 3), "runs": [round(t, 3) for t in times],
               "entities_per_second": round(entities / best), "cli_seconds": cli_seconds and round(cli_seconds, 3),
               "cli_peak_mb": peak and round(peak)}
        rows.append(row)
        checked = None
        cli_text = f"{cli_seconds:7.2f}" if cli_seconds is not None else f"{'-':>7}"
        mem = f"{peak:7.0f}" if peak is not None else f"{'-':>7}"
        print(f"{entities:>9,} {row['files']:>7,} {best:8.2f} {statistics.median(times):9.2f} "
              f"{entities / best:11,.0f} {cli_text} {mem}", flush=True)
    if not args.no_cli:
        print(f"\nCLI start-up (okrsite --version, best of 3): {startup:.2f}s")
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
          + (", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    if args.profile:
        print(f"\ncProfile of pipeline.check on {args.profile:,} entities:\n")
        print(profile(site_for(args.profile, args.seed, False), args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
