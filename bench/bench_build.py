#!/usr/bin/env python3
"""Time `okrsite build` on generated sites of 1k, 10k (and 50k) entities.

    python bench/bench_build.py [--sizes 1000 10000] [--repeat 3] [--workers N] [--sandbox]

Sites come from bench/gen_site.py via bench_check.site_for (cached in bench/out/). For each size:

- `okrsite build --quiet` runs as a subprocess `--repeat` times into a fresh folder: the wall
  time CI pays, start-up included; best and median are reported with pages per second;
- one in-process run splits that time into the pipeline's stages: check (config, load,
  validate, link), render (views, templates, diagrams, exports) and write (atomic publish).

`--workers` sets OKRSITE_WORKERS (render processes; default one per core). `--sandbox` builds a
copy of each site that overrides one built-in template with an identical copy, so every page is
rendered in Jinja's sandbox (as for any site with templates of its own); compare with a run
without it for the sandbox's cost. Reference on the same machine: Hugo builds about 2,000 pages
a second. See bench/README.md.
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


def with_site_template(site: Path) -> Path:
    """A copy of `site` with a template of its own (a copy of the built-in 404.html): sandboxed."""
    from okrsite.theme import builtin_theme

    themed = site.with_name(site.name + "-sandboxed")
    if not (themed / "okrsite.yaml").exists() or (site / "okrsite.yaml").stat().st_mtime > (themed / "okrsite.yaml").stat().st_mtime:
        shutil.rmtree(themed, ignore_errors=True)
        shutil.copytree(site, themed)
        (themed / "themes" / "default" / "templates").mkdir(parents=True)
        shutil.copy(builtin_theme() / "templates" / "404.html", themed / "themes" / "default" / "templates")
    return themed


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
    parser.add_argument("--sandbox", action="store_true", help="render in Jinja's sandbox (a site template)")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    if args.workers:
        env["OKRSITE_WORKERS"] = str(args.workers)
        os.environ["OKRSITE_WORKERS"] = str(args.workers)
    print(f"okrsite build, {os.cpu_count()} cores, workers={env.get('OKRSITE_WORKERS', 'auto')}, "
          f"{'sandboxed (a site template)' if args.sandbox else 'built-in theme, plain Jinja'}")
    print(f"{'entities':>9} {'pages':>7} {'files':>7} {'best s':>8} {'median s':>9} {'pages/s':>8}   check / render / write (in-process)")
    for size in args.sizes:
        site = site_for(size, args.seed, args.regenerate)
        if args.sandbox:
            site = with_site_template(site)
        times, pages, files = subprocess_build(site, args.repeat, env)
        split = stages(site)
        best = min(times)
        print(f"{size:>9,} {pages:>7,} {files:>7,} {best:>8.2f} {statistics.median(times):>9.2f} {pages / best:>8.0f}"
              f"   {split['check']:.2f} / {split['render']:.2f} / {split['write']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
