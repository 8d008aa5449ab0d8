"""`okrsite build`: check, render in memory, then publish atomically; progress and one summary line."""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from okrsite.commands.common import report, site_arg
from okrsite.config import find_site
from okrsite.diagnostics import UsageError, eprint, use_colour
from okrsite.progress import Progress

NAME = "build"

EXAMPLES = """\
examples:
  okrsite build                                    the site here, into public/
  okrsite build --site docs/roadmap --out _site
  okrsite build --base-url https://acme.github.io/roadmap/pr-42/   a preview at another address
  okrsite build --no-cache                         render everything again (see SITE/.okrsite-cache/)
"""


def _base_url(value: str) -> str:
    if value and not re.fullmatch(r"https?://[^/?#\s]+(/[^?#\s]*)?", value):
        raise argparse.ArgumentTypeError(f"{value!r} is not an absolute http(s) address, like "
                                         "https://acme.github.io/roadmap/ (or '' for none)")
    return value if not value or value.endswith("/") else value + "/"


def register(verbs):
    p = verbs.add_parser("build", help="check, then write the website (default: SITE/public)",
                         description="Check the content, then render every page, the roadmap diagrams and the\n"
                                     "exports into --out. Nothing is written when a check fails; the previous\n"
                                     "output stays as it was.",
                         epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    site_arg(p)
    p.add_argument("--out", metavar="DIR", help="output folder; default: SITE/public")
    p.add_argument("--base-url", metavar="URL", type=_base_url,
                   help="the address the site is published at, instead of okrsite.yaml's base_url "
                        "(a pull-request preview); --base-url '' builds without one")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--quiet", action="store_true", help="print only errors")
    p.add_argument("--no-search", dest="search", action="store_false",
                   help="skip the full-text search index (faster; the search box then leads to the milestone list)")
    p.add_argument("--no-cache", dest="cache", action="store_false",
                   help="neither read nor write the build cache (SITE/.okrsite-cache/), which otherwise "
                        "answers a build of unchanged content without rendering it again")
    p.add_argument("--no-history", dest="history", action="store_false",
                   help="leave out what git's history shows (changes pages and feed, value histories, "
                        "baselines, new/moved badges); by default they are built when the site is in a git checkout")
    return p


def run(args) -> int:
    started = time.perf_counter()
    # imported here: a build answered from the cache needs none of the renderer's libraries
    from okrsite.pipeline import Published, build_files, publish_build
    from okrsite.write import BuildBusy, WriteError

    site_dir = find_site(args.site)
    out = Path(args.out).resolve() if args.out else site_dir / "public"
    if not args.out and (out.is_symlink() or not out.parent.is_dir() or out.parent.is_symlink()):
        # a pull request can add `public` as a link to anywhere: okrsite never writes through one
        raise UsageError("public/ in the site is a symbolic link; okrsite does not write through links in "
                         "the site: delete the link, or choose the output folder with --out")
    inside = [out, *out.parents]
    if out == site_dir or out in site_dir.parents or site_dir / "content" in inside or site_dir / "themes" in inside:
        raise UsageError(f"--out {out} would replace the site itself; choose a separate folder such as public/")
    progress = Progress(not args.quiet and use_colour(sys.stderr), "rendering")
    progress.status("checking the content ...")
    notes: list[str] = []
    notices: list[str] = []
    try:
        checked, files = build_files(site_dir, progress, args.base_url, history=args.history, notes=notes,
                                     search=args.search, notices=notices, cache=args.cache, out=out)
    except Exception as err:
        from okrsite.render import RenderError  # loaded by then: only a build that rendered raises it

        if not isinstance(err, RenderError):
            raise
        progress.clear()
        eprint(f"okrsite: {err}; nothing was written")
        return 1
    progress.clear()
    if not args.quiet:
        for note in notes:
            eprint(f"okrsite: {note}")
    if checked.diagnostics and (not args.quiet or checked.fails(args.strict)):
        report(checked, "text", args.strict, sys.stderr)
    if files is None or checked.fails(args.strict):
        eprint(f"okrsite: build stopped by the problems above; {out} was left as it was")
        return 1
    for notice in notices:
        eprint(f"okrsite: {notice}")
    if isinstance(files, Published):
        pages, count, unchanged = files.pages, files.files, " (unchanged: nothing to write)"
    else:
        try:
            publish_build(checked, files, out, notes)
        except BuildBusy as err:
            eprint(f"okrsite: {err}")
            return 1
        except WriteError as err:
            eprint(f"okrsite: {err}; the previous output was left as it was")
            return 1
        from okrsite.render import page_count

        pages, count, unchanged = page_count(files), len(files), ""
    if not args.quiet:
        seconds = time.perf_counter() - started
        try:
            shown = out.relative_to(Path.cwd())
        except ValueError:
            shown = out
        print(f"built {pages} pages, {count} files in {seconds:.2f} s -> {shown}/{unchanged}")
    return 0
