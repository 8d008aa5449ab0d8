#!/usr/bin/env python3
"""Measure every HTML page of a built site: its bytes, and its height and width in Chromium.

    python bench/measure_pages.py --real                 # generate bench/out/real, build, measure
    python bench/measure_pages.py SITE_DIR               # build SITE_DIR into a temp folder, measure
    python bench/measure_pages.py PUBLIC_DIR             # measure an already built site
    options: --width 1280 --dark --pages 'roadmap/*' --top 15 --json FILE --no-heights

Section 14 of the content format sets a budget: no page over 1.5 MB or 25,000 px tall at
1280 px, except one explicit all-milestones table page (`--allow`, default
`milestones/index.html`). The script prints the largest pages by bytes and by height, every
page over the budget, and every page wider than the window (horizontal overflow: at 390 px
that is a page a phone must scroll sideways). For pages with roadmap diagrams it also gives how
far the widest diagram overflows its box (`.diagram-scroll`; 0 when it fits), and it lists the
largest standalone diagrams (`quarters/*/roadmap.svg`) with their viewBox. Exit status 1 when a
page is over the budget or overflows the window, so it can gate a change. See bench/README.md.

Chromium is Debian's (`/usr/bin/chromium`, `OKRSITE_CHROMIUM` overrides), driven by
Playwright; pages are opened from disk (`file://`), which okrsite's relative links allow.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUDGET_BYTES = 1_500_000
BUDGET_HEIGHT = 25_000
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Height and width of the document, and the widest element that sticks out of the window.
MEASURE_JS = """() => {
  const doc = document.documentElement;
  const height = Math.max(doc.scrollHeight, document.body ? document.body.scrollHeight : 0);
  const width = doc.scrollWidth;
  let culprit = '';
  if (width > doc.clientWidth) {
    let widest = 0;
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > doc.clientWidth + 1 && r.width > 0 && r.right > widest) {
        let p = el.parentElement, clipped = false;
        while (p && p !== document.body) {
          const o = getComputedStyle(p).overflowX;
          if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') { clipped = true; break; }
          p = p.parentElement;
        }
        if (!clipped) { widest = r.right; culprit = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''); }
      }
    }
  }
  const diagrams = [...document.querySelectorAll('.diagram-scroll')].map(s => s.scrollWidth - s.clientWidth);
  return {height, width, client: doc.clientWidth, culprit,
          diagrams: diagrams.length, diagram_overflow: Math.max(0, ...diagrams)};
}"""


def build(site: Path, out: Path) -> None:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "okrsite", "build", "--site", str(site), "--out", str(out),
                    "--quiet"], check=True)
    print(f"built {site} into {out} in {time.perf_counter() - started:.1f}s", file=sys.stderr)


def html_pages(public: Path, patterns: list[str]) -> list[str]:
    pages = sorted(p.relative_to(public).as_posix() for p in public.rglob("*.html"))
    if patterns:
        pages = [p for p in pages if any(fnmatch.fnmatch(p, pat) for pat in patterns)]
    return pages


def measure_heights(public: Path, pages: list[str], width: int, dark: bool) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("OKRSITE_CHROMIUM", "/usr/bin/chromium")
    results: dict[str, dict] = {}
    started = time.perf_counter()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": width, "height": 800},
                                      color_scheme="dark" if dark else "light", locale="en-US")
        context.set_default_timeout(120_000)
        page = context.new_page()
        for n, name in enumerate(pages, 1):
            page.goto((public / name).resolve().as_uri(), wait_until="load")
            results[name] = page.evaluate(MEASURE_JS)
            if n % 200 == 0:
                print(f"  measured {n}/{len(pages)} pages ({time.perf_counter() - started:.0f}s)",
                      file=sys.stderr)
        browser.close()
    return results


SECTIONS = {"quarters", "roadmap", "objectives", "milestones", "teams", "pages", "backlog",
            "alignment", "changes", "search"}


def kind(name: str) -> str:
    """The page's kind for the summary: its section, or "free pages" for /<slug>/ pages."""
    if name == "index.html":
        return "home"
    head = name.split("/", 1)[0]
    if head in SECTIONS or "/" not in name:
        return head
    return "free pages"


def report(rows: list[dict], top: int, allow: set[str], width: int) -> int:
    def table(title: str, ordered: list[dict]) -> None:
        print(f"\n{title}")
        print(f"{'page':56} {'bytes':>11} {'height px':>10} {'width px':>9} {'diagram overflow':>16}")
        for row in ordered[:top]:
            height = f"{row['height']:,}" if row.get("height") is not None else "-"
            w = f"{row['width']:,}" if row.get("width") is not None else "-"
            diagram = (f"{row['diagram_overflow']} px of {row['diagrams']}" if row.get("diagrams") else "-")
            print(f"{row['page'][:56]:56} {row['bytes']:>11,} {height:>10} {w:>9} {diagram:>16}")

    table(f"Largest pages by bytes (of {len(rows)})", sorted(rows, key=lambda r: (-r["bytes"], r["page"])))
    measured = [r for r in rows if r.get("height") is not None]
    if measured:
        table(f"Tallest pages at {width} px (of {len(measured)})",
              sorted(measured, key=lambda r: (-r["height"], r["page"])))
    kinds: dict[str, list[dict]] = {}
    for row in rows:
        kinds.setdefault(kind(row["page"]), []).append(row)
    print("\nLargest page of each kind")
    for name in sorted(kinds):
        big = max(kinds[name], key=lambda r: (r["bytes"], r["page"]))
        tall = max(kinds[name], key=lambda r: (r.get("height") or 0, r["page"]))
        print(f"  {name:18} {len(kinds[name]):5} pages; largest {big['bytes']:>10,} B ({big['page']})"
              + (f"; tallest {tall['height']:,} px ({tall['page']})" if tall.get("height") is not None else ""))
    overflowing = [r for r in measured if r.get("diagram_overflow")]
    if overflowing:
        print(f"\n{len(overflowing)} page(s) with a diagram wider than its box; the worst:")
        for row in sorted(overflowing, key=lambda r: (-r["diagram_overflow"], r["page"]))[:top]:
            print(f"  {row['page']}: {row['diagram_overflow']} px")
    tall = BUDGET_HEIGHT if width >= 1280 else float("inf")  # the height budget is for 1280 px
    over = [r for r in rows if r["page"] not in allow and
            (r["bytes"] > BUDGET_BYTES or (r.get("height") or 0) > tall)]
    wide = [r for r in measured if r["width"] > r["client"]]
    print(f"\nBudget: {BUDGET_BYTES:,} bytes and {BUDGET_HEIGHT:,} px at 1280 px "
          f"(allowed over: {', '.join(sorted(allow)) or 'none'})")
    for row in over:
        print(f"  OVER  {row['page']}: {row['bytes']:,} bytes, {row.get('height') or '-'} px")
    for row in wide:
        print(f"  WIDE  {row['page']}: {row['width']} px wide in a {row['client']} px window"
              + (f" (widest: {row['culprit']})" if row.get("culprit") else ""))
    print(f"{len(over)} page(s) over the budget, {len(wide)} page(s) wider than the window")
    return 1 if over or wide else 0


def largest_diagrams(public: Path, top: int) -> None:
    svgs = sorted(public.glob("quarters/*/roadmap.svg"), key=lambda p: (-p.stat().st_size, p.name))
    if not svgs:
        return
    print("\nLargest standalone diagrams")
    for svg in svgs[:top]:
        box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg.read_text("utf-8")[:2000])
        size = f"{box.group(1)} x {box.group(2)}" if box else "?"
        print(f"  {svg.relative_to(public).as_posix():40} {svg.stat().st_size:>11,} B  {size}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("site", nargs="?", type=Path,
                     help="a site folder (okrsite.yaml) to build and measure, or a built one (index.html)")
    src.add_argument("--real", action="store_true",
                     help="generate bench/out/real with gen_real_site.py (seed 0), build and measure it")
    src.add_argument("--public", type=Path, help="an already built site folder to measure")
    ap.add_argument("--out", type=Path, help="where to build (default: a temporary folder)")
    ap.add_argument("--width", type=int, default=1280, help="window width in px (default 1280)")
    ap.add_argument("--dark", action="store_true", help="prefers-color-scheme: dark")
    ap.add_argument("--pages", "--glob", action="append", default=[], metavar="GLOB",
                    help="only pages matching GLOB (e.g. 'roadmap/*'); repeatable")
    ap.add_argument("--all", action="store_true", help="every page (the default without --pages)")
    ap.add_argument("--no-heights", action="store_true", help="bytes only, no browser")
    ap.add_argument("--top", type=int, default=15, help="rows in each table (default 15)")
    ap.add_argument("--allow", action="append", default=None, metavar="PAGE",
                    help="a page allowed over the budget (default milestones/index.html)")
    ap.add_argument("--json", type=Path, help="also write every measurement to this file")
    args = ap.parse_args(argv)

    temp = None
    if args.site is not None and not (args.site / "okrsite.yaml").is_file() and (args.site / "index.html").is_file():
        args.public, args.site = args.site, None
    if args.public:
        public = args.public
    else:
        site = args.site
        if args.real:
            site = HERE / "out" / "real"
            sys.path.insert(0, str(HERE))
            import gen_real_site
            gen_real_site.main([str(site), "--quiet"])
        if args.out:
            public = args.out
        else:
            temp = Path(tempfile.mkdtemp(prefix="okrsite-measure-"))
            public = temp / "public"
        build(site, public)
    try:
        pages = html_pages(public, args.pages)
        rows = [{"page": p, "bytes": (public / p).stat().st_size} for p in pages]
        if not args.no_heights:
            for row, (name, m) in zip(rows, measure_heights(public, pages, args.width, args.dark).items()):
                assert row["page"] == name
                row.update(m)
        allow = set(args.allow if args.allow is not None else ["milestones/index.html"])
        status = report(rows, args.top, allow, args.width)
        largest_diagrams(public, min(args.top, 5))
        if args.json:
            args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
        return status
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
