#!/usr/bin/env python3
"""Screenshots of a built site's pages at several widths, light and dark, to look at.

    python bench/screenshots.py PUBLIC_DIR OUT_DIR [--pages index.html backlog/index.html ...]
        [--widths 1280 1440 1920 390] [--schemes light dark] [--max-height 6000]

Writes OUT_DIR/<page>-<width>-<scheme>.png (the page's path with '/' as '_'): the full page,
cut at --max-height px; with --split N, in parts of N px (...-p1.png, -p2.png) that an image
viewer shows without shrinking them to nothing. Pages are opened from disk in
Debian's Chromium through Playwright, like bench/measure_pages.py.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_PAGES = ["index.html", "quarters/index.html", "backlog/index.html", "milestones/index.html"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("public", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--pages", nargs="+", default=DEFAULT_PAGES)
    ap.add_argument("--widths", nargs="+", type=int, default=[1280, 1440, 1920, 390])
    ap.add_argument("--schemes", nargs="+", default=["light", "dark"], choices=["light", "dark"])
    ap.add_argument("--max-height", type=int, default=6000)
    ap.add_argument("--split", type=int, default=0, help="write parts of this many px")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("OKRSITE_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        for scheme in args.schemes:
            for width in args.widths:
                context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                              device_scale_factor=1, locale="en-US")
                page = context.new_page()
                for name in args.pages:
                    page.goto((args.public / name).resolve().as_uri(), wait_until="load", timeout=120_000)
                    height = page.evaluate("document.documentElement.scrollHeight")
                    scroll_width = page.evaluate("document.documentElement.scrollWidth")
                    stem = f"{name.replace('/', '_').removesuffix('.html')}-{width}-{scheme}"
                    total = min(height, args.max_height)
                    step = args.split or total
                    for part, top in enumerate(range(0, total, step), 1):
                        suffix = f"-p{part}" if args.split else ""
                        target = args.out / f"{stem}{suffix}.png"
                        page.screenshot(path=str(target), full_page=True,
                                        clip={"x": 0, "y": top, "width": max(width, scroll_width),
                                              "height": min(step, total - top)})
                    print(f"{args.out / stem}  ({scroll_width} x {height} px)")
                context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
