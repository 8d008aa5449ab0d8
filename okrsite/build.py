"""`okrsite build`: check, render in memory, then publish atomically; progress and one summary line."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from okrsite.config import find_site
from okrsite.diagnostics import UsageError, eprint, use_colour
from okrsite.pipeline import check
from okrsite.render import Renderer, RenderError, page_count
from okrsite.write import WriteError, publish


class Progress:
    """A one-line progress bar on a terminal; silent when output is piped or --quiet."""

    def __init__(self, enabled: bool, label: str):
        self.enabled = enabled
        self.label = label
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < 200:
            return
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
        self.shown = True

    def status(self, text: str) -> None:
        """A phase without a count (checking the content), shown until the bar replaces it."""
        if self.enabled:
            sys.stderr.write(f"\r\x1b[2K{text}")
            sys.stderr.flush()
            self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()


def build_files(site_dir: Path, progress=None):
    """The pipeline up to rendered bytes: (checked, files or None when a check failed)."""
    checked = check(site_dir)
    if checked.errors or checked.site is None:
        return checked, None
    files = Renderer(checked.config).render(checked.site, progress)
    return checked, files


def run_build(args, report) -> int:
    started = time.perf_counter()
    site_dir = find_site(args.site)
    out = Path(args.out).resolve() if args.out else site_dir / "public"
    inside = [out, *out.parents]
    if out == site_dir or out in site_dir.parents or site_dir / "content" in inside or site_dir / "themes" in inside:
        raise UsageError(f"--out {out} would replace the site itself; choose a separate folder such as public/")
    progress = Progress(not args.quiet and use_colour(sys.stderr), "rendering")
    progress.status("checking the content ...")
    try:
        checked, files = build_files(site_dir, progress)
    except RenderError as err:
        progress.clear()
        eprint(f"okrsite: {err}; nothing was written")
        return 1
    progress.clear()
    if checked.diagnostics and (not args.quiet or checked.fails(args.strict)):
        report(checked, "text", args.strict, sys.stderr)
    if files is None or checked.fails(args.strict):
        eprint(f"okrsite: build stopped by the problems above; {out} was left as it was")
        return 1
    try:
        publish(files, out)
    except WriteError as err:
        eprint(f"okrsite: {err}; the previous output was left as it was")
        return 1
    if not args.quiet:
        seconds = time.perf_counter() - started
        try:
            shown = out.relative_to(Path.cwd())
        except ValueError:
            shown = out
        print(f"built {page_count(files)} pages, {len(files)} files in {seconds:.2f} s -> {shown}/")
    return 0
