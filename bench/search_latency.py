#!/usr/bin/env python3
"""A reader's first search, timed in Chromium, with the search index cut into shards of N records.

    python bench/search_latency.py [--records 1000 500 250] [--site SITE] [--words scheduling kubelet ...]

Smaller shards make an edit cheaper to re-index (okrsite/search/pagefind.py: SHARD_RECORDS), and
each shard is an index the reader's browser merges and queries: this prints both sides. For each
shard size it builds SITE (default: bench/gen_real_site.py's roadmap in bench/out/site-real)
with `--no-cache` into bench/out/search-latency-N/, serves it over HTTP on 127.0.0.1, and for each
word opens the home page in a new browser context (nothing cached), waits until the page is
idle, types the word into the search box and times until the first result shows; it counts the
requests and bytes the search made. Printed per size: the shards, the median and each time, the
requests and kilobytes per search. Served from this machine, so a real network adds a round trip
per wave of requests on top.

Needs Playwright for Python (`pip install -e '.[test]'`) and Debian's Chromium
(`/usr/bin/chromium`, or OKRSITE_CHROMIUM).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from support.env import CHROMIUM_ARGS, chromium_path  # noqa: E402

BUILD = """
import sys
from okrsite.search import pagefind
pagefind.SHARD_RECORDS = int(sys.argv[1])
from okrsite.entry import main
sys.argv = ["okrsite", "build", "--site", sys.argv[2], "--out", sys.argv[3], "--no-cache", "--quiet"]
main()
"""


def build(site: Path, records: int) -> Path:
    out = OUT / f"search-latency-{records}"
    subprocess.run([sys.executable, "-c", BUILD, str(records), str(site), str(out)], check=True, cwd=ROOT)
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def first_searches(out: Path, words: list[str]) -> list[tuple[float, int, int]]:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/index.html"
    found = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
            for word in words:
                context = browser.new_context()
                page = context.new_page()
                page.goto(url)
                page.wait_for_load_state("networkidle")
                seen = {"requests": 0, "bytes": 0}

                def count(request, seen=seen) -> None:
                    seen["requests"] += 1
                    seen["bytes"] += request.sizes()["responseBodySize"]

                page.on("requestfinished", count)
                start = time.perf_counter()
                page.fill("#site-search-q", word)
                page.wait_for_function("document.querySelectorAll('.search-result').length > 0", timeout=60_000)
                found.append((time.perf_counter() - start, seen["requests"], seen["bytes"]))
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, nargs="+", default=[1000, 500, 250],
                        help="records per shard to try (okrsite's is pagefind.SHARD_RECORDS)")
    parser.add_argument("--site", type=Path, help="site folder (default: the real-roadmap shape)")
    parser.add_argument("--words", nargs="+", default=["scheduling", "kubelet", "webhook", "graduation", "network"])
    args = parser.parse_args(argv)
    site = args.site
    if site is None:
        site = OUT / "site-real"
        if not (site / "okrsite.yaml").exists():
            OUT.mkdir(parents=True, exist_ok=True)
            subprocess.run([sys.executable, str(HERE / "gen_real_site.py"), str(site), "--quiet"], check=True)
    print(f"first search in Chromium, {site}, words: {' '.join(args.words)}")
    for records in args.records:
        out = build(site.resolve(), records)
        shards = 1 + len(json.loads((out / "pagefind" / "okrsite-shards.json").read_text())["shards"])
        runs = first_searches(out, args.words)
        times = [round(t * 1000) for t, _, _ in runs]
        print(f"  {records:>5} records a shard: {shards:>3} shards, first search median "
              f"{round(statistics.median(t for t, _, _ in runs) * 1000)} ms ({', '.join(map(str, times))} ms), "
              f"{max(r for _, r, _ in runs)} requests, {max(b for _, _, b in runs) // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
