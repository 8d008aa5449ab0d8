#!/usr/bin/env python3
"""What Pagefind's indexer costs on a site's search records, on its own: the floor under a cold build.

    python bench/bench_indexer.py [--site DIR] [--turns 2]

Checks the site (default: bench/gen_real_site.py's roadmap, made once under bench/out/), makes
its search records as a build does (`search.site_records`), and hands all of them to one
indexer process, alternating two ways of sending them per turn: as the small HTML documents
okrsite sends (`AddFile`, the title as a heading) and as Pagefind's custom records (`AddRecord`:
no HTML to parse, but the title's words lose a heading's rank). Printed per way: the indexer's
CPU seconds (user + system of the child, from getrusage) and wall seconds, min-max, and the
files it answers with. Compare with Hugo's whole build of the same page count (bench_hugo.py).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # this checkout's okrsite, wherever the command runs

from okrsite.pipeline import check
from okrsite.search import pagefind, site_records


def as_custom_records(records, language: str) -> list[bytes]:
    messages = [pagefind._message(1, {"type": "NewIndex", "config": {"force_language": language}})]
    for number, record in enumerate(records, 2):
        messages.append(pagefind._message(number, {
            "type": "AddRecord", "index_id": 0, "url": record.url, "content": f"{record.title}\n{record.text}",
            "language": language, "meta": record.meta(), "filters": {k: list(v) for k, v in record.filters.items()},
        }))
    messages.append(pagefind._message(len(messages) + 1, {"type": "GetFiles", "index_id": 0}))
    return messages


def timed(command: list[str], requests: list[bytes]) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    payload = pagefind._converse(command, requests)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, len(payload.get("files") or [])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="a site folder (default: the real-roadmap shape)")
    parser.add_argument("--turns", type=int, default=2)
    args = parser.parse_args()
    if args.site is None:
        from bench_hugo import real_site

        args.site = real_site()
    checked = check(args.site)
    if checked.site is None or checked.errors:
        print(f"{args.site}: the site has errors; run okrsite check", file=sys.stderr)
        return 1
    records = site_records(checked.site)
    language = checked.site.config.language or "en"  # as search.bundle sends it
    command = [str(pagefind.executable()), "--service"]
    ways = {"AddFile (okrsite's)": lambda: pagefind._requests(records, language),
            "AddRecord": lambda: as_custom_records(records, language)}
    runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in ways}
    for turn in range(args.turns):
        for name in (list(ways) if turn % 2 == 0 else list(reversed(ways))):
            runs[name].append(timed(command, ways[name]()))
    print(f"Pagefind on {len(records):,} records of {args.site}, {args.turns} alternated turns")
    for name, measured in runs.items():
        walls, cpus = [w for w, _, _ in measured], [c for _, c, _ in measured]
        print(f"  {name:20} CPU {min(cpus):.2f}-{max(cpus):.2f} s  wall {min(walls):.2f}-{max(walls):.2f} s"
              f"  {measured[0][2]:,} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
