"""Serve a built site over real HTTP on the loopback interface."""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar


class QuietHandler(SimpleHTTPRequestHandler):
    """``SimpleHTTPRequestHandler`` without request logging, with a few more types."""

    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".mjs": "text/javascript; charset=utf-8",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".ics": "text/calendar; charset=utf-8",
        ".xml": "application/xml",
        ".webmanifest": "application/manifest+json",
        ".woff2": "font/woff2",
    }

    def log_message(self, format, *args):
        pass

    def end_headers(self):
        # Every request sees the files as they are now (tests rebuild sites).
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@contextlib.contextmanager
def serve_dir(path: str | Path, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve *path* with ``http.server`` on a free port in a thread.

    Yields the base URL, ending with ``/`` (e.g. ``http://127.0.0.1:40123/``);
    the server is shut down when the ``with`` block ends.
    """
    root = Path(path)
    if not root.is_dir():
        raise NotADirectoryError(f"not a directory: {root}")
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = ThreadingHTTPServer((host, 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1},
                              name=f"serve_dir:{root.name}", daemon=True)
    thread.start()
    try:
        port = httpd.server_address[1]
        yield f"http://{host}:{port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
