"""`okrsite serve`: the live preview (okrsite/serve.py) started and stopped from the terminal."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from okrsite.commands.common import site_arg

NAME = "serve"


def register(verbs):
    p = verbs.add_parser("serve", help="preview the site with rebuild on save and live reload",
                         description="Serve the site on a local address, rebuild what a saved file affects,\n"
                                     "and reload open browser tabs. Problems are shown in the browser.",
                         formatter_class=argparse.RawDescriptionHelpFormatter,
                         epilog="examples:\n"
                                "  okrsite serve                      http://127.0.0.1:8000/\n"
                                "  okrsite serve --port 8080 --open   another port, opened in a browser\n"
                                "  okrsite serve --host 0.0.0.0       reachable from other machines (trusted networks only)")
    site_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--open", action="store_true", help="open the site in a web browser")
    p.add_argument("--no-search", dest="search", action="store_false", help="skip the full-text search index")
    p.add_argument("--no-history", dest="history", action="store_false",
                   help="leave out what git's history shows; by default it is read once at the start "
                        "and again after each new commit")
    return p


def run(args) -> int:
    """`okrsite serve`: 0 after Ctrl-C, 2 when it cannot serve (no site, port in use)."""
    import webbrowser

    from okrsite.progress import Progress
    from okrsite.config import find_site
    from okrsite.diagnostics import eprint, use_colour

    site_dir = find_site(args.site)
    progress = Progress(use_colour(sys.stderr), "building")
    from okrsite.serve import Preview

    preview = Preview(site_dir, host=args.host, port=args.port, log=eprint, progress=progress,
                      search=args.search, history=args.history)
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if main else None  # stop as on Ctrl-C
    try:
        try:
            preview.start()
            progress.clear()
            print(f"Serving {preview.title} at {preview.url} (Ctrl-C to stop)", flush=True)
            if args.open:
                webbrowser.open(preview.url)
            preview.wait()
        except KeyboardInterrupt:
            progress.clear()
        finally:
            if main:  # a second Ctrl-C must not interrupt the stop
                signal.signal(signal.SIGINT, signal.SIG_IGN)
            preview.stop()
    finally:
        if main:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.signal(signal.SIGTERM, previous)
    print("stopped", flush=True)
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt
