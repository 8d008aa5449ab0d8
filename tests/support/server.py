"""Serve a built site over real HTTP on the loopback interface."""

from __future__ import annotations

import contextlib
import functools
import sys
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
    with _serving(path, QuietHandler, host, "serve_dir") as port:
        yield f"http://{host}:{port}/"


class _Server(ThreadingHTTPServer):
    """A browser that leaves a page drops its connections: not an error of the site or of the
    test, so not a traceback in the test run's output (any other error still prints one)."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):  # as okrsite serve
            super().handle_error(request, client_address)


@contextlib.contextmanager
def _serving(path: str | Path, handler_class, host: str, name: str) -> Iterator[int]:
    """A ThreadingHTTPServer of *handler_class* over the folder *path*, on a free port (yielded)."""
    root = Path(path)
    if not root.is_dir():
        raise NotADirectoryError(f"not a directory: {root}")
    handler = functools.partial(handler_class, directory=str(root))
    httpd = _Server((host, 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1},
                              name=f"{name}:{root.name}", daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1]
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


class _PagesHandler(QuietHandler):
    """GitHub Pages' behaviour for a project site: the site under `prefix`, and for any missing
    path the site's own 404.html with status 404 (outside the prefix too: GitHub serves the
    user site's there, here plain "404")."""

    prefix = "/"

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.prefix):
            self.send_error(404)
            return None
        self.path = "/" + self.path[len(self.prefix):]
        translated = Path(self.translate_path(self.path))
        if translated.is_dir() and not self.path.split("?", 1)[0].endswith("/"):
            self.send_response(301)
            self.send_header("Location", self.prefix + self.path.lstrip("/") + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if translated.is_file() or (translated / "index.html").is_file():
            return super().send_head()
        page = Path(self.directory) / "404.html"
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io
        return io.BytesIO(body)


@contextlib.contextmanager
def serve_pages(path: str | Path, prefix: str = "/", host: str = "127.0.0.1") -> Iterator[str]:
    """Serve the built site *path* as GitHub Pages serves a project site: under the URL path
    *prefix* (``"/roadmap/"``), with 404.html (status 404) for every missing address.

    Yields the site's URL (``http://127.0.0.1:PORT/roadmap/``).
    """
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler_class = type("PagesHandler", (_PagesHandler,), {"prefix": prefix})
    with _serving(path, handler_class, host, "serve_pages") as port:
        yield f"http://{host}:{port}{prefix}"
