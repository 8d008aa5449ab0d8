"""`okrsite serve`: a real server on a free loopback port, real HTTP, real files on disk.

The central property: after any sequence of edits, what the preview serves is byte-identical
to a fresh `okrsite build` of the same files (less the injected live-reload script).
"""

from __future__ import annotations

import html
import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrsite.pipeline import build_files, check
from okrsite.diagnostics import format_text
from okrsite.serve import (
    EVENTS_PATH,
    Preview,
    Target,
    error_page,
    inject,
    reload_script,
    resolve,
)

SECRET = "SECRET-7f3a9c-DO-NOT-SERVE"
SCRIPT_RE = re.compile(rb"<script>/\* okrsite serve: live reload .*?</script>\n", re.DOTALL)
WAIT = 15.0  # seconds a watched change may take to show (generous for a loaded CI machine)


# --- a small site, written to disk -----------------------------------------------------------

def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def config_text(title: str = "Serve Test") -> str:
    return (
        f"# {SECRET}: a comment that no page shows\n"
        f"title: {json.dumps(title)}\n"
        "today: 2026-05-12\n"
        "calendar:\n"
        "  sprints:\n"
        "    start: 2026-01-05\n"
        "    length_days: 14\n"
    )


def objective_text(oid: str, title: str) -> str:
    return (
        "---\n"
        f"title: {json.dumps(title)}\n"
        "quarter: 2026-Q2\n"
        "team: core\n"
        "key_results:\n"
        "  - id: kr1\n"
        "    title: Double the ratings\n"
        "    start: 100\n"
        "    target: 200\n"
        "  - id: kr2\n"
        "    title: Ship the loop\n"
        "---\n"
        f"Why {oid} matters.\n"
    )


def milestone_text(mid: str, title: str, oid: str, sprint: int = 8, depends: tuple[str, ...] = (),
                   body: str = "") -> str:
    dep = f"depends_on: [{', '.join(depends)}]\n" if depends else ""
    return (
        "---\n"
        f"title: {json.dumps(title)}\n"
        "type: epic\n"
        f"key_results: [{oid}/kr1, {oid}/kr2]\n"
        "team: core\n"
        f"sprints: [s{sprint}, s{sprint + 1}]\n"
        f"{dep}"
        "status: in-progress\n"
        "tasks:\n"
        "  - title: Design it\n"
        "    status: done\n"
        "---\n"
        f"{body or f'The plan for {mid}, for [[{oid}]].'}\n"
    )


def page_text(title: str, body: str = "See [[o1]].") -> str:
    return f"---\ntitle: {json.dumps(title)}\n---\n{body}\n"


def make_site(root: Path, objectives: int = 1, milestones: int = 2, pages: int = 1, chain: bool = True) -> Path:
    """A valid site: `objectives` objectives with `milestones` milestones each (each depending
    on the one before when `chain`), a team, pages."""
    write(root, "okrsite.yaml", config_text())
    write(root, "content/teams/core.yaml", "name: Core\nlead: Ada\n")
    for o in range(1, objectives + 1):
        write(root, f"content/objectives/o{o}.md", objective_text(f"o{o}", f"Objective {o}"))
        for m in range(1, milestones + 1):
            mid = f"m{o}-{m}"
            depends = (f"m{o}-{m - 1}",) if m > 1 and chain else ()
            write(root, f"content/milestones/{mid}.md",
                  milestone_text(mid, f"Milestone {o}.{m}", f"o{o}", 8 + 2 * ((m - 1) % 2), depends))
    for p in range(1, pages + 1):
        write(root, f"content/pages/page{p}.md", page_text(f"Page {p}"))
    return root


@pytest.fixture
def site(tmp_path) -> Path:
    return make_site(tmp_path / "site")


@pytest.fixture
def preview(site):
    with Preview(site, port=0) as running:
        yield running


# --- HTTP helpers ----------------------------------------------------------------------------

def request(preview_or_port, target: str, method: str = "GET"):
    port = preview_or_port if isinstance(preview_or_port, int) else preview_or_port.port
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest(method, target, skip_host=False, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        conn.close()


def strip_script(body: bytes) -> bytes:
    return SCRIPT_RE.sub(b"", body)


class EventStream:
    """A raw-socket Server-Sent Events client."""

    def __init__(self, port: int):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=WAIT)
        self.sock.sendall(f"GET {EVENTS_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        self.buffer = b""
        head = self._until(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200"), head
        assert b"text/event-stream" in head

    def _until(self, separator: bytes) -> bytes:
        while separator not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("the event stream closed")
            self.buffer += chunk
        item, self.buffer = self.buffer.split(separator, 1)
        return item

    def next_event(self) -> tuple[str, str]:
        """(event name, data) of the next event, skipping comments and `retry:`."""
        while True:
            block = self._until(b"\n\n").decode()
            fields = dict(line.split(": ", 1) for line in block.split("\n") if ": " in line and not line.startswith(":"))
            if "event" in fields:
                return fields["event"], fields.get("data", "")

    def close(self) -> None:
        self.sock.close()


def wait_until(predicate, timeout: float = WAIT, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            return value
        time.sleep(interval)


# --- serving -------------------------------------------------------------------------------

def test_serves_pages_with_content_types(preview):
    expected = {
        "/": "text/html; charset=utf-8",
        "/quarters/": "text/html; charset=utf-8",
        "/assets/okrsite.css": "text/css; charset=utf-8",
        "/assets/okrsite.js": "text/javascript; charset=utf-8",
        "/quarters/2026-q2/roadmap.svg": "image/svg+xml",
        "/roadmap.json": "application/json",
        "/roadmap.ics": "text/calendar; charset=utf-8",
        "/sitemap.xml": "application/xml",
        "/milestones/m1-1/index.html": "text/html; charset=utf-8",
    }
    for target, kind in expected.items():
        status, headers, body = request(preview, target)
        assert status == 200, target
        assert headers["content-type"] == kind, target
        assert headers["cache-control"] == "no-store"
        assert int(headers["content-length"]) == len(body)
    status, headers, body = request(preview, "/quarters/2026-q2/")
    assert status == 200 and b"2026-Q2" in body


def test_folder_index_redirect_and_head(preview):
    files = preview.snapshot.files
    status, _, body = request(preview, "/milestones/m1-1/")
    assert status == 200 and strip_script(body) == files["milestones/m1-1/index.html"]
    status, headers, _ = request(preview, "/milestones/m1-1?x=1")
    assert status in (301, 302, 307, 308)
    assert headers["location"] == "/milestones/m1-1/?x=1"
    status, headers, body = request(preview, "/", "HEAD")
    assert status == 200 and body == b""
    _, get_headers, get_body = request(preview, "/")
    assert headers["content-length"] == get_headers["content-length"] == str(len(get_body))
    status, _, _ = request(preview, "/", "POST")
    assert status >= 400


def test_missing_page_is_the_sites_404_for_the_address_asked(preview):
    status, headers, body = request(preview, "/no/such/page/")
    assert status == 404
    assert headers["content-type"].startswith("text/html")
    assert strip_script(body) == preview.snapshot.files.not_found_at("../../../")
    assert b'<a class="brand" href="../../../index.html">' in body
    status, _, body = request(preview, "/no/such")  # the browser resolves against /no/
    assert status == 404 and b'<a class="brand" href="../index.html">' in body
    assert request(preview, "/nothing.css")[0] == 404


HOSTILE = [
    "/../okrsite.yaml",
    "/%2e%2e/okrsite.yaml",
    "/%2E%2E/%2E%2E/okrsite.yaml",
    "/..%2fokrsite.yaml",
    "/..%2Fcontent%2Fobjectives%2Fo1.md",
    "//etc/passwd",
    "/etc/passwd",
    "/assets/..%5c..%5cokrsite.yaml",
    "/assets/..\\..\\okrsite.yaml",
    "/okrsite.yaml",
    "/content/objectives/o1.md",
    "/assets/%2e%2e/%2e%2e/okrsite.yaml",
    "/assets/./okrsite.css",
    "/assets//okrsite.css",
    "/index.html%00.css",
    "/%00",
    "/content/pages/outside/secret.txt",
    "/pages/outside/secret.txt",
    "/outside/secret.txt",
    "/secret.txt",
    "/__okrsite/../okrsite.yaml",
]


def test_path_traversal_never_leaves_the_built_site(tmp_path):
    outside = tmp_path / "outside"
    write(outside, "secret.txt", SECRET + "\n")
    site = make_site(tmp_path / "site")
    (site / "outside").symlink_to(outside, target_is_directory=True)  # beside content/: never walked
    with Preview(site, port=0, watch=False) as preview:
        assert preview.snapshot.error is None
        for target in HOSTILE:
            status, _, body = request(preview, target)
            assert status in (400, 404), target
            assert SECRET.encode() not in body, target
        for target in ("http://example.com/okrsite.yaml", "/%ff%fe"):  # malformed
            status, _, body = request(preview, target)
            # http.client names example.com in Host for the absolute form: refused before parsing
            assert status == (403 if target.startswith("http:") else 400), target


def raw_request(port: int, head: bytes, host: str = "127.0.0.1") -> tuple[int, bytes]:
    """Send `head` (request line and headers) as bytes on a fresh connection: (status, body)."""
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(head + b"\r\n")
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        header, _, body = data.partition(b"\r\n\r\n")
        length = int(re.search(rb"(?i)content-length: *(\d+)", header).group(1)) if b"ength:" in header else 0
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
    return int(header.split(b" ", 2)[1]), body


HOSTS = [  # (Host header, answered)
    ("evil.example", False), ("evil.example:{port}", False), ("localhost.evil.example", False),
    ("127.0.0.1.nip.io:{port}", False), ("LOCALHOST:{port}", True), ("localhost", True),
    ("localhost.:{port}", True), ("127.0.0.1:{port}", True), ("127.0.0.1", True), ("[::1]:{port}", True),
    ("[::1]", True), ("10.0.0.7:{port}", False), ("localhost:x", False), ("::1", False), ("", False),
]


def test_requests_for_another_host_name_are_refused(site):
    """DNS rebinding: a page of evil.example resolved to 127.0.0.1 still sends `Host: evil.example`."""
    with Preview(site, port=0, watch=False) as preview:
        for host, answered in HOSTS:
            host = host.format(port=preview.port)
            for target in ("/roadmap.json", "/", EVENTS_PATH, "/nothing-here"):
                method = "HEAD" if target == EVENTS_PATH else "GET"
                status, body = raw_request(preview.port, f"{method} {target} HTTP/1.1\r\nHost: {host}\r\n"
                                                         "Connection: close\r\n".encode())
                if answered:
                    assert status in (200, 404), (host, target, status)
                else:
                    assert status == 403, (host, target, status)
                    assert method == "HEAD" or b"DNS rebinding" in body and b"roadmap" not in body.lower()


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789.-:[]", max_size=40))
@settings(max_examples=500, deadline=None)
def test_only_loopback_names_and_the_bound_address_pass_the_host_check(host):
    from okrsite.serve import host_allowed

    name = host.lower()
    if name.startswith("["):
        name, _, rest = name[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else (None if rest else "")
    else:
        name, _, port = name.partition(":")
    expected = port is not None and (port == "" or port.isdigit()) and name.rstrip(".") in {
        "localhost", "127.0.0.1", "::1"}
    assert host_allowed([host], "127.0.0.1") == expected, host


def test_two_host_headers_are_refused_and_none_is_answered(site):
    with Preview(site, port=0, watch=False) as preview:
        two = f"GET /roadmap.json HTTP/1.1\r\nHost: 127.0.0.1:{preview.port}\r\nHost: evil.example\r\n"
        assert raw_request(preview.port, two.encode())[0] == 403
        status, body = raw_request(preview.port, b"GET /roadmap.json HTTP/1.0\r\n")  # a script, not a browser
        assert status == 200 and body.startswith(b"{")


def test_serving_on_every_interface_answers_ip_addresses_but_not_names(site):
    with Preview(site, host="0.0.0.0", port=0, watch=False) as preview:
        for host, expected in (("192.168.1.20:{port}", 200), ("127.0.0.1:{port}", 200),
                               ("localhost:{port}", 200), ("evil.example:{port}", 403)):
            head = f"GET /roadmap.json HTTP/1.1\r\nHost: {host.format(port=preview.port)}\r\nConnection: close\r\n"
            assert raw_request(preview.port, head.encode())[0] == expected, host


def test_resolve_maps_only_exact_keys():
    files = {"index.html": b"", "a/index.html": b"", "a/b.css": b"", "a b.css": b""}
    assert resolve("/", files) == Target("file", "index.html")
    assert resolve("/a/", files) == Target("file", "a/index.html")
    assert resolve("/a", files) == Target("redirect", "/a/")
    assert resolve("/a/b.css?v=1#top", files) == Target("file", "a/b.css")
    assert resolve("/a%20b.css", files) == Target("file", "a b.css")
    for target in ("/a/../a/b.css", "/a/./b.css", "/a//b.css", "/a%2fb.css", "/a%5cb.css", "/a\\b.css",
                   "//a/b.css", "/a/b.css%00", "/%2e/a/b.css", "/a/%2E%2E/a/b.css", "/a/b.css/"):
        found = resolve(target, files)
        assert found.kind == "not-found" or found.key not in files, target
    assert resolve("/%c3%28", files).kind == "bad"
    assert resolve("*", files).kind == "bad"


@given(st.lists(st.sampled_from(["a", "b.css", "index.html", ".", "..", "%2e%2e", "%2f", "%5c", "",
                                 "%00", "a%2fb.css", "~", "%252e", "%61"]), max_size=5))
@settings(max_examples=300, deadline=None)
def test_resolve_never_normalises_a_spelling_onto_a_key(segments):
    from urllib.parse import unquote

    files = {"index.html": b"", "a/index.html": b"", "a/b.css": b""}
    target = "/" + "/".join(segments)
    found = resolve(target, files)
    if found.kind == "file" and found.key in files:
        # a served key is the target's own segments, each decoded on its own, nothing dropped
        decoded = [unquote(part) for part in target[1:].split("/")]
        if decoded[-1] == "":
            decoded[-1] = "index.html"
        assert "/".join(decoded) == found.key


def test_linked_content_folder_leading_outside_is_an_error_not_a_leak(tmp_path):
    outside = tmp_path / "outside"
    write(outside, "secret.md", f"---\ntitle: {SECRET}\n---\n{SECRET}\n")
    site = make_site(tmp_path / "site")
    (site / "content" / "pages" / "outside").symlink_to(outside, target_is_directory=True)
    with Preview(site, port=0, watch=False) as preview:
        status, _, body = request(preview, "/")
        assert status == 500 and b"content/pages/outside:1:1" in body and b"linked folders" in body
        for target in ["/", "/secret/", "/pages/secret/", "/outside/secret.md", "/404.html"]:
            assert SECRET.encode() not in request(preview, target)[2], target


def test_a_file_replaced_by_a_link_while_serving_is_judged_again(tmp_path):
    """A save that turns a known file into a link must not be read through the link."""
    outside = tmp_path / "outside"
    write(outside, "m1-1.md", milestone_text("m1-1", SECRET, "o1"))
    site = make_site(tmp_path / "site")
    preview = Preview(site, watch=False)
    preview.rebuild()
    path = site / "content" / "milestones" / "m1-1.md"
    path.unlink()
    path.symlink_to(outside / "m1-1.md")
    stats = preview.rebuild([path])
    assert stats.discovered and stats.errors
    assert b"leads outside the site" in preview.snapshot.error
    assert all(SECRET.encode() not in body for body in preview.snapshot.files.values())


def test_symlinked_file_leading_outside_is_an_error_not_a_leak(tmp_path):
    outside = tmp_path / "elsewhere"
    write(outside, "leak.md", f"---\ntitle: {SECRET}\n---\n{SECRET}\n")
    site = make_site(tmp_path / "site")
    (site / "content" / "pages" / "leak.md").symlink_to(outside / "leak.md")
    with Preview(site, port=0, watch=False) as preview:
        status, _, body = request(preview, "/")
        assert status == 500 and b"leak.md" in body
        for target in ["/", "/leak/", "/leak/index.html", "/404.html", "/pages/leak.md"]:
            assert SECRET.encode() not in request(preview, target)[2], target


# --- live reload --------------------------------------------------------------------------

def test_edit_on_disk_shows_and_reloads_open_tabs(site, preview):
    status, _, body = request(preview, "/milestones/m1-1/")
    assert status == 200 and b"Milestone 1.1" in body
    assert EVENTS_PATH.encode() in body and body.count(b"<script>/* okrsite serve") == 1
    assert body.index(b"okrsite serve: live reload") < body.rindex(b"</body>")
    stream = EventStream(preview.port)
    try:
        event, build = stream.next_event()
        assert event == "build" and build == preview.snapshot.build_id
        write(site, "content/milestones/m1-1.md", milestone_text("m1-1", "Renamed & shiny", "o1"))
        event, build = stream.next_event()
        assert event == "reload"
        assert build == preview.snapshot.build_id
    finally:
        stream.close()
    status, _, body = request(preview, "/milestones/m1-1/")
    assert b"Renamed &amp; shiny" in body
    assert b"Renamed &amp; shiny" in request(preview, "/objectives/o1/")[2]


def test_reload_script_only_at_serve_time(site, preview, tmp_path):
    from okrsite.cli import main

    out = tmp_path / "public"
    assert main(["build", "--site", str(site), "--out", str(out), "--quiet"]) == 0
    built = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
             if p.is_file() and not p.name.startswith(".")}  # less build's own stamp file
    assert built and not any(b"__okrsite" in data for data in built.values())
    assert not (site / "public").exists()  # serve never writes the site's output folder
    for key, data in built.items():
        status, _, body = request(preview, "/" + key)
        assert status == 200, key
        if key.endswith(".html"):
            assert b"__okrsite/events" in body
            assert strip_script(body) == data, key
        else:
            assert body == data, key


def test_broken_content_shows_escaped_diagnostics_then_recovers(site, preview):
    version = preview.version
    broken = milestone_text("m1-1", "Broken", "o1").replace(
        "key_results: [o1/kr1, o1/kr2]", "key_results: [o1/kr9]  # <b>oops</b> & more")
    write(site, "content/milestones/m1-1.md", broken)
    assert preview.wait_for_version(version + 1, WAIT)
    status, headers, body = request(preview, "/milestones/m1-1/")
    assert status == 500 and headers["content-type"].startswith("text/html")
    text = body.decode()
    assert "unknown-ref" in text and "content/milestones/m1-1.md:" in text
    assert "&lt;b&gt;oops&lt;/b&gt; &amp; more" in text and "<b>oops</b>" not in text
    assert "\x1b[" not in text  # no colour codes
    assert "<pre" in text and EVENTS_PATH in text
    for target in ("/", "/objectives/o1/", "/no/such/page/"):
        assert request(preview, target)[0] == 500
    # files that are not pages keep serving the last good build
    assert request(preview, "/assets/okrsite.css")[0] == 200
    write(site, "content/milestones/m1-1.md", milestone_text("m1-1", "Fixed again", "o1"))
    assert preview.wait_for_version(version + 2, WAIT)
    status, _, body = request(preview, "/milestones/m1-1/")
    assert status == 200 and b"Fixed again" in body


def test_broken_config_then_fixed(site, preview):
    version = preview.version
    write(site, "okrsite.yaml", "title: [unclosed\n")
    assert preview.wait_for_version(version + 1, WAIT)
    status, _, body = request(preview, "/")
    assert status == 500 and b"okrsite.yaml" in body and b"yaml-syntax" in body
    write(site, "okrsite.yaml", config_text("Back Again"))
    assert preview.wait_for_version(version + 2, WAIT)
    status, _, body = request(preview, "/")
    assert status == 200 and b"Back Again" in body


def test_burst_of_writes_gives_one_rebuild(site, preview):
    rebuilds, version = preview.rebuilds, preview.version
    for i in range(20):  # as an editor's "save all" or a `git checkout` would
        write(site, f"content/pages/burst{i:02d}.md", page_text(f"Burst {i}"))
    assert preview.wait_for_version(version + 1, WAIT)
    time.sleep(1.0)  # anything still pending would show as another rebuild by now
    assert preview.rebuilds == rebuilds + 1
    assert preview.version == version + 1
    for i in range(20):
        assert request(preview, f"/burst{i:02d}/")[0] == 200


def test_content_folder_replaced_whole(site, preview):
    """As `git checkout` or a sync tool may do: content/ goes away and comes back; the watcher
    of the folder must follow it."""
    version = preview.version
    (site / "content").rename(site / "content.away")
    assert preview.wait_for_version(version + 1, WAIT)
    assert "milestones/m1-1/index.html" not in preview.snapshot.files
    (site / "content.away").rename(site / "content")
    assert preview.wait_for_version(version + 2, WAIT)
    write(site, "content/milestones/m1-1.md", milestone_text("m1-1", "After the move", "o1"))
    # the folder's return may still bring one more rebuild (the watcher sees the move as several
    # events): wait for the rebuilds until the edit shows, or until WAIT has passed
    deadline = time.monotonic() + WAIT
    while b"After the move" not in preview.snapshot.files["milestones/m1-1/index.html"]:
        left = deadline - time.monotonic()
        assert left > 0 and preview.wait_for_version(preview.version + 1, left), "the edit was never built"
    assert dict(preview.snapshot.files) == build_files(site)[1]


def test_a_folder_that_comes_back_is_read_again_whole(site):
    """content/ came back (a checkout); a file in it was written before its new watch was in place,
    so that file's own event was lost: the folder's event alone must bring the new text."""
    preview = Preview(site, watch=False)
    preview.rebuild()
    write(site, "content/milestones/m1-1.md", milestone_text("m1-1", "Written unseen", "o1"))
    preview.rebuild([(1, str(site / "content"))])
    assert b"Written unseen" in preview.snapshot.files["milestones/m1-1/index.html"]
    assert dict(preview.snapshot.files) == build_files(site)[1]


def test_only_affected_pages_are_rendered_again(tmp_path):
    site = make_site(tmp_path / "site", objectives=4, milestones=6, pages=4)
    preview = Preview(site, watch=False)
    first = preview.rebuild()
    assert first.rendered == 1  # only the 404 page (a theme smoke test); the rest when asked for

    def rendered_when_all_are_served() -> int:
        dict(preview.snapshot.files)  # what a crawl of every page would ask for
        return preview.renderer.rendered

    pages = sum(1 for key in preview.snapshot.files if key.endswith(".html"))
    assert pages > 40 and rendered_when_all_are_served() == pages
    body_edit = milestone_text("m2-3", "Milestone 2.3", "o2", 8, ("m2-2",), body="New words, for [[o2]].")
    write(site, "content/milestones/m2-3.md", body_edit)
    stats = preview.rebuild(["content/milestones/m2-3.md"])
    assert stats.files_read == 1 and not stats.discovered and stats.published
    assert rendered_when_all_are_served() == 1  # only the milestone's own page shows its body
    write(site, "content/milestones/m2-3.md", body_edit.replace("Milestone 2.3", "A new title"))
    preview.rebuild(["content/milestones/m2-3.md"])
    assert 1 < rendered_when_all_are_served() < pages // 2
    before = preview.snapshot
    stats = preview.rebuild(["content/milestones/m2-3.md"])  # saved again, unchanged
    assert not stats.published and preview.snapshot is before
    _, fresh = build_files(site)
    assert dict(preview.snapshot.files) == fresh


# --- the property: served == a fresh build --------------------------------------------------

class Editor:
    """Random edits to a site on disk; each returns the paths it touched (as a watcher would)."""

    def __init__(self, root: Path, rng: random.Random, config_extra: str = ""):
        self.root = root
        self.rng = rng
        self.config_extra = config_extra  # written after okrsite.yaml's own lines (health rules)
        self.broken: dict[Path, str] = {}
        self.counter = 0

    def milestones(self) -> list[Path]:
        return sorted((self.root / "content" / "milestones").rglob("*.md"))

    def files(self) -> list[Path]:
        return sorted(p for p in (self.root / "content").rglob("*") if p.is_file())

    def title(self) -> str:
        return "".join(self.rng.choice("abc XYZ&<>\"'é") for _ in range(self.rng.randint(1, 12))).strip() or "t"

    def apply(self, op: str) -> list[Path]:
        rng, root = self.rng, self.root
        self.counter += 1
        milestones = self.milestones()
        if op == "title" and milestones:
            path = rng.choice(milestones)
            text = path.read_text(encoding="utf-8")
            line = f"title: {json.dumps(self.title())}\n"
            if rng.random() < 0.5:  # folded over two lines: every value below it moves down
                line = f"title: >-\n  {json.dumps(self.title())}\n  {json.dumps(self.title())}\n"
            path.write_text(re.sub(r"(?m)^title: .*\n(?:  .*\n)*", lambda _: line, text, count=1), encoding="utf-8")
            return [path]
        if op == "add":
            oid = rng.choice(["o1", "o2"])
            mid = f"new{self.counter}"
            depends = (milestones[0].stem,) if milestones and rng.random() < 0.5 else ()
            # links make "mentioned in" lists: to an objective (the default), a page, a task, a
            # file, or nowhere (an error)
            body = rng.choice(["", "Plain words.", "See [[page1]] and [[m1-1/design-it]].",
                               "As [the page](../pages/page1.md) says.", "Before [[nothing-here]]."])
            return [write(root, f"content/milestones/{mid}.md",
                          milestone_text(mid, self.title(), oid, rng.choice([8, 10]), depends, body))]
        if op == "delete" and milestones:
            path = rng.choice(milestones)
            path.unlink()
            self.broken.pop(path, None)
            return [path]
        if op == "rename" and milestones:
            path = rng.choice(milestones)
            if rng.random() < 0.5:  # a move to another folder keeps the id ...
                target = root / "content" / "milestones" / f"sub{self.counter}" / path.name
            else:  # ... a new file name changes it
                target = path.with_name(f"renamed{self.counter}.md")
            target.parent.mkdir(parents=True, exist_ok=True)
            path.rename(target)
            if path in self.broken:
                self.broken[target] = self.broken.pop(path)
            return [path, target]
        if op == "break":
            path = rng.choice(self.files())
            if path not in self.broken:
                self.broken[path] = path.read_text(encoding="utf-8")
            path.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
            return [path]
        if op == "fix" and self.broken:
            path, text = self.broken.popitem()
            path.write_text(text, encoding="utf-8")
            return [path]
        if op == "config":
            return [write(root, "okrsite.yaml", config_text(self.title()) + self.config_extra)]
        if op == "theme":  # the site's own base template, overriding the default theme's
            from okrsite.render import builtin_theme

            base = (builtin_theme() / "templates" / "base.html").read_text(encoding="utf-8")
            marker = html.escape(self.title()).replace("-", "")
            return [write(root, "themes/default/templates/base.html",
                          base.replace("<body", f"<!-- theme {marker} -->\n<body", 1))]
        if op == "page":  # a page file written (new, or again: links make "mentioned in" lists), or deleted
            n = rng.randint(1, 3)
            path = root / "content" / "pages" / f"page{n}.md"
            if path.exists() and rng.random() < 0.3:
                path.unlink()
                self.broken.pop(path, None)
                return [path]
            body = rng.choice(["Now [[o2]] and [[m1-1]].", "See [[page1]].", "Plain words.", "Read [[nowhere]]."])
            return [write(root, f"content/pages/page{n}.md", page_text(self.title(), body))]
        if op == "prose" and milestones:  # the body only: sometimes the same links, sometimes others
            path = rng.choice(milestones)
            head, _, _ = path.read_text(encoding="utf-8").rpartition("---\n")
            link = rng.choice(["[[o1]]", "[[o2]]", "[[no-such-id]]", "[[o1/kr1]]", ""])
            return [write_path(path, f"{head}---\n{self.title()} {link}\n")]
        if op == "owner" and milestones:  # a descriptive field, added or changed
            path = rng.choice(milestones)
            text = re.sub(r"(?m)^owner: .*\n", "", path.read_text(encoding="utf-8"))
            return [write_path(path, re.sub(r"(?m)^(type: .*\n)", lambda m: f"{m.group(1)}owner: {json.dumps(self.title())}\n",
                                            text, count=1))]
        if op == "type" and milestones:  # read by no rule
            path = rng.choice(milestones)
            kind = rng.choice(["epic", "spike", "enabler", "signal-test"])
            return [write_path(path, re.sub(r"(?m)^type: .*$", f"type: {kind}", path.read_text(encoding="utf-8"), count=1))]
        if op == "status" and milestones:  # the roll-ups alone read it, but candidate and dropped
            path = rng.choice(milestones)
            status = rng.choice(["planned", "in-progress", "done", "at-risk", "blocked", "done", "dropped", "candidate"])
            return [write_path(path, re.sub(r"(?m)^status: .*$", f"status: {status}", path.read_text(encoding="utf-8"),
                                            count=1))]
        if op == "task" and milestones:  # a nested task's status, assignee or estimate
            path = rng.choice(milestones)
            text = path.read_text(encoding="utf-8")
            field, value = rng.choice([("status", rng.choice(["todo", "doing", "done"])),
                                       ("assignee", json.dumps(self.title())), ("estimate", rng.randint(1, 8))])
            if re.search(rf"(?m)^    {field}: ", text):
                text = re.sub(rf"(?m)^    {field}: .*$", lambda _: f"    {field}: {value}", text, count=1)
            else:
                text = text.replace("  - title: Design it\n", f"  - title: Design it\n    {field}: {value}\n", 1)
            return [write_path(path, text)]
        if op == "move" and milestones:  # other sprints: sometimes one, backwards, or outside the quarter
            path = rng.choice(milestones)
            first = rng.randint(4, 14)
            last = first + rng.choice([-1, 0, 1, 1, 2])
            return [write_path(path, re.sub(r"(?m)^sprints: .*$", lambda _: f"sprints: [s{first}, s{last}]",
                                            path.read_text(encoding="utf-8"), count=1))]
        if op == "taskfile" and milestones:  # a task in its own file: written, then its status or words changed
            status = rng.choice(["todo", "doing", "done"])
            extra = rng.choice(["", f"assignee: {json.dumps(self.title())}\n", "sprint: s8\n"])
            return [write(root, "content/tasks/t1.md", f"---\ntitle: {json.dumps(self.title())}\n"
                          f"milestone: {milestones[0].stem}\nstatus: {status}\n{extra}---\n{self.title()}\n")]
        if op == "newtask" and milestones:  # another task file (links make "mentioned in" lists), or one deleted
            tasks = sorted((root / "content" / "tasks").glob("*.md"))
            if tasks and rng.random() < 0.4:
                path = rng.choice(tasks)
                path.unlink()
                self.broken.pop(path, None)
                return [path]
            body = rng.choice(["Plain.", "See [[page1]].", "For [[o1/kr1]] and [the page](../pages/page1.md).",
                               "Nowhere: [[no-such-id]]."])
            sprint = rng.choice(["", "sprint: s8\n", "sprint: s12\n"])
            return [write(root, f"content/tasks/n{self.counter}.md", f"---\ntitle: {json.dumps(self.title())}\n"
                          f"milestone: {rng.choice(milestones).stem}\nstatus: done\n{sprint}---\n{body}\n")]
        if op == "team" and milestones:  # another team, which may not exist yet
            touched = []
            if rng.random() < 0.3:
                touched.append(write(root, "content/teams/other.yaml", "name: Other\n"))
            path = rng.choice(milestones)
            team = rng.choice(["core", "other"])
            return touched + [write_path(path, re.sub(r"(?m)^team: .*$", lambda _: f"team: {team}",
                                                      path.read_text(encoding="utf-8"), count=1))]
        if op == "teamfile":  # a team file written (its description's links make "mentioned in" lists), or deleted
            name = rng.choice(["other", "extra", "core"])
            path = root / "content" / "teams" / f"{name}.yaml"
            if path.exists() and rng.random() < 0.4:
                path.unlink()  # core (and other, once named) is named by objectives and milestones: errors
                self.broken.pop(path, None)
                return [path]
            description = rng.choice(["Keeps [[o1]] going.", "See [[page1]].", "Just a team.", "Owns [[nowhere]]."])
            return [write(root, f"content/teams/{name}.yaml", f"name: {name.title()}\ndescription: {description}\n")]
        if op == "serves" and milestones:  # other key results (one may not exist, or be another kind)
            path = rng.choice(milestones)
            refs = rng.sample(["o1/kr1", "o1/kr2", "o2/kr1", "o2/kr2", "o1/kr1", "o9/kr1", "o1"], rng.randint(1, 3))
            return [write_path(path, re.sub(r"(?m)^key_results: .*$", lambda _: f"key_results: [{', '.join(refs)}]",
                                            path.read_text(encoding="utf-8"), count=1))]
        if op == "checkin":  # a check-in added to a key result (every value below it moves down a line)
            path = root / "content" / "objectives" / f"{rng.choice(['o1', 'o2'])}.md"
            if not path.exists():
                return []
            text = path.read_text(encoding="utf-8")
            line = f"      - {{date: 2026-0{rng.randint(4, 5)}-{rng.randint(10, 28)}, value: {rng.randint(90, 210)}}}\n"
            if "    checkins:\n" in text:
                text = text.replace("    checkins:\n", "    checkins:\n" + line, 1)
            else:
                text = text.replace("    target: 200\n", "    target: 200\n    checkins:\n" + line, 1)
            return [write_path(path, text)]
        if op == "krtitle":  # a key result's title (output-key-result reads its first word, when it is on)
            path = root / "content" / "objectives" / f"{rng.choice(['o1', 'o2'])}.md"
            if not path.exists():
                return []
            title = rng.choice(["Ship the loop", "Launch it", "More players rate", self.title()])
            return [write_path(path, re.sub(r"(?m)^(    title: )(?!Double).*$", lambda m: m.group(1) + json.dumps(title),
                                            path.read_text(encoding="utf-8"), count=1))]
        if op == "ostatus":  # an objective's status, or its key result's (done and dropped are read by rules)
            path = root / "content" / "objectives" / f"{rng.choice(['o1', 'o2'])}.md"
            if not path.exists():
                return []
            status = rng.choice(["on-track", "at-risk", "off-track", "on-track", "done", "dropped"])
            text = path.read_text(encoding="utf-8")
            found = re.search(r"(?m)^quarter: .*\n", text)  # whatever period the objective is set for
            period_line = found[0] if found else "quarter: 2026-Q2\n"
            indent, anchor = rng.choice([("", period_line), ("    ", "    title: Ship the loop\n")])
            if re.search(rf"(?m)^{indent}status: ", text):
                text = re.sub(rf"(?m)^{indent}status: .*$", lambda _: f"{indent}status: {status}", text, count=1)
            else:
                text = text.replace(anchor, f"{anchor}{indent}status: {status}\n", 1)
            return [write_path(path, text)]
        if op == "quarter":  # an objective set for another period: a quarter, a half, a year, or one there is not
            path = root / "content" / "objectives" / f"{rng.choice(['o1', 'o2'])}.md"
            if not path.exists():
                return []
            period = rng.choice(["2026-Q1", "2026-Q2", "2026-Q3", "2025-Q4", "2026-H1", "2026", "2026-Q5"])
            text = re.sub(r"(?m)^quarter: .*$", f"quarter: {period}", path.read_text(encoding="utf-8"), count=1)
            return [write_path(path, text)]
        if op == "parent":  # an objective under the other one, itself (a loop if both are), or none there is; or none
            oid = rng.choice(["o1", "o2"])
            path = root / "content" / "objectives" / f"{oid}.md"
            if not path.exists():
                return []
            parent = rng.choice(["o1", "o2", "o2" if oid == "o1" else "o1", "nobody", None])
            text = re.sub(r"(?m)^parent: .*\n", "", path.read_text(encoding="utf-8"))
            if parent is not None:
                text = text.replace("team: core\n", f"team: core\nparent: {parent}\n", 1)
            return [write_path(path, text)]
        if op == "current":  # a key result's current value or confidence, added or changed
            path = root / "content" / "objectives" / f"{rng.choice(['o1', 'o2'])}.md"
            if not path.exists():
                return []
            field, value = rng.choice([("current", rng.randint(50, 250)), ("confidence", rng.choice([0.2, 0.5, 0.9]))])
            text = re.sub(rf"(?m)^    {field}: .*\n", "", path.read_text(encoding="utf-8"))
            return [write_path(path, text.replace("    target: 200\n", f"    target: 200\n    {field}: {value}\n", 1))]
        if op == "krrange":  # a key result's start or target (its progress), or a weight added or changed
            path = root / "content" / "objectives" / f"{rng.choice(['o1', 'o2'])}.md"
            if not path.exists():
                return []
            text = path.read_text(encoding="utf-8")
            field, value = rng.choice([("start", rng.choice([0, 100, 150])), ("target", rng.choice([100, 200, 400])),
                                       ("weight", rng.choice([1, 2.5]))])
            if re.search(rf"(?m)^    {field}: ", text):
                text = re.sub(rf"(?m)^    {field}: .*$", f"    {field}: {value}", text, count=1)
            else:
                text = text.replace("    title: Double the ratings\n", f"    title: Double the ratings\n    {field}: {value}\n", 1)
            return [write_path(path, text)]
        if op == "comment" and milestones:  # the same data, written a line lower
            objectives = sorted((root / "content" / "objectives").glob("*.md"))
            path = rng.choice(milestones + objectives)
            return [write_path(path, path.read_text(encoding="utf-8").replace("---\n", "---\n# a note\n", 1))]
        if op == "invalid" and milestones:  # a schema error, in an otherwise valid file
            path = rng.choice(milestones)
            text = path.read_text(encoding="utf-8")
            return [write_path(path, re.sub(r"(?m)^status: .*$", f"status: {rng.choice(['bogus', 'done'])}", text, count=1))]
        if op == "duplicate" and milestones:  # another file claims an existing id (or its tasks' ids)
            taken = rng.choice(milestones).stem
            return [write(root, f"content/milestones/dup{self.counter}.md",
                          milestone_text(taken, self.title(), "o1").replace("---\n", f"---\nid: {taken}\n", 1))]
        if op == "reference" and milestones:  # depends on an id that may not exist, or on itself
            path = rng.choice(milestones)
            target = rng.choice([m.stem for m in milestones] + ["no-such-milestone"])
            text = re.sub(r"(?m)^depends_on: .*\n", "", path.read_text(encoding="utf-8"))
            return [write_path(path, text.replace("status:", f"depends_on: [{target}]\nstatus:", 1))]
        return []


def write_path(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# Health rules a check-in or a key result's title changes (kr1 of each objective has no check-in
# yet: stale from the start; kr2 "Ship the loop" starts with a delivery verb)
STALE_CHECKINS = "rules:\n  stale-checkin: {severity: warning, days: 14}\n  output-key-result: warning\n"

OPERATIONS = ["title", "add", "delete", "rename", "break", "fix", "config", "theme", "page",
              "prose", "owner", "comment", "invalid", "duplicate", "reference", "type", "status", "task", "current", "move",
              "checkin", "serves", "team", "taskfile", "ostatus", "krtitle", "krrange", "newtask", "quarter", "parent", "teamfile"]


def assert_serves_fresh_build(preview: Preview, site: Path) -> None:
    """What the preview serves is a fresh, cache-free build's bytes, and the diagnostics it
    shows are a fresh `okrsite check`'s (the same list, in the same order, with the same texts)."""
    checked, fresh = build_files(site)
    assert preview.diagnostics == check(site).diagnostics
    snapshot = preview.snapshot
    if fresh is None:
        assert snapshot.error is not None, "a fresh build fails: the preview must show the errors"
        assert html.escape(format_text(checked.diagnostics, site, False)).encode() in snapshot.error
    else:
        assert snapshot.error is None, snapshot.error.decode()[:2000]
        assert sorted(snapshot.files) == sorted(fresh)
        for key, data in fresh.items():
            assert snapshot.files[key] == data, key


@given(seed=st.integers(0, 2**32 - 1), ops=st.lists(st.sampled_from(OPERATIONS), min_size=1, max_size=8))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_property_after_any_edits_preview_equals_fresh_build(seed, ops):
    with tempfile.TemporaryDirectory() as tmp:
        site = make_site(Path(tmp) / "site", objectives=2, milestones=2, pages=1, chain=False)
        with (site / "okrsite.yaml").open("a", encoding="utf-8") as config:
            config.write(STALE_CHECKINS)
        preview = Preview(site, watch=False)
        preview.rebuild()
        editor = Editor(site, random.Random(seed), STALE_CHECKINS)
        for op in ops:
            touched = editor.apply(op)
            preview.rebuild(touched)
            assert_serves_fresh_build(preview, site)


def test_property_end_to_end_through_the_watcher(tmp_path):
    site = make_site(tmp_path / "site", objectives=2, milestones=2, pages=1, chain=False)
    editor = Editor(site, random.Random(20260512))
    ops = ["title", "add", "rename", "break", "title", "fix", "config", "theme", "page", "theme", "rename",
           "delete", "add"]
    with Preview(site, port=0) as preview:
        for op in ops:
            editor.apply(op)
            checked, fresh = build_files(site)

            def caught_up(checked=checked, fresh=fresh) -> bool:
                snapshot = preview.snapshot
                if fresh is None:
                    return snapshot.error is not None and html.escape(
                        format_text(checked.diagnostics, site, False)).encode() in snapshot.error
                return snapshot.error is None and dict(snapshot.files) == fresh

            assert wait_until(caught_up), f"the preview did not catch up after {op!r}"
            if fresh is not None:  # and over HTTP: every file, less the injected script
                for key, data in fresh.items():
                    status, _, body = request(preview, "/" + key)
                    assert status == 200, key
                    assert strip_script(body) == data, key


def test_theme_edits_render_every_page_again(site):
    from okrsite.render import builtin_theme

    preview = Preview(site, watch=False)
    preview.rebuild()
    base = (builtin_theme() / "templates" / "base.html").read_text(encoding="utf-8")
    for marker in ("first", "second"):  # a new theme folder, then an edit inside it
        path = write(site, "themes/default/templates/base.html",
                     base.replace("<body", f"<!-- theme {marker} -->\n<body", 1))
        stats = preview.rebuild([path])
        pages = [key for key in preview.snapshot.files if key.endswith(".html")]
        assert stats.published
        dict(preview.snapshot.files)  # serve every page: none may come from the old memo
        assert preview.renderer.rendered == len(pages)
        assert all(f"theme {marker}".encode() in preview.snapshot.files[key] for key in pages)
    write(site, "themes/default/templates/base.html", "{{ no_such_variable }}{% block content %}{% endblock %}")
    stats = preview.rebuild([site / "themes/default/templates/base.html"])
    assert stats.errors and b"no_such_variable" in preview.snapshot.error
    (site / "themes/default/templates/base.html").unlink()
    preview.rebuild([site / "themes/default/templates/base.html"])
    assert preview.snapshot.error is None
    assert dict(preview.snapshot.files) == build_files(site)[1]


def test_inject_and_error_page_helpers():
    script = reload_script("abc-1")
    assert inject(b"<html><body>x</BODY></html>", script) == b"<html><body>x" + script + b"</BODY></html>"
    assert inject(b"no body", script) == b"no body" + script
    page = error_page("Oops", "<x> & y", "T<")
    assert b"&lt;x&gt; &amp; y" in page and b"<x>" not in page
    # the site's title is the author's: isolated as on every page (bidi.py)
    assert "<title>Oops · \u2068Roadmap\u202e\u2069</title>" in error_page("Oops", "", "Roadmap\u202e").decode()


# --- the command ---------------------------------------------------------------------------

def okrsite_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "okrsite", *args]


def start_serve(site: Path, *args: str, env: dict | None = None) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(okrsite_command("serve", "--site", str(site), "--port", "0", *args),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    line = proc.stdout.readline()
    match = re.fullmatch(r"Serving Serve Test at (http://127\.0\.0\.1:(\d+)/) \(Ctrl-C to stop\)\n", line)
    if not match:
        proc.kill()
        raise AssertionError(f"unexpected first line {line!r}; stderr: {proc.stderr.read()}")
    return proc, match[1]


def test_ctrl_c_stops_cleanly(site):
    proc, url = start_serve(site)
    try:
        port = int(url.rsplit(":", 1)[1].strip("/"))
        assert request(port, "/")[0] == 200
        stream = EventStream(port)  # an open tab must not keep the server from stopping
        assert stream.next_event()[0] == "build"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=WAIT)
        stream.close()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert not (site / "public").exists()


def test_port_in_use_is_a_usage_error(site):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(okrsite_command("serve", "--site", str(site), "--port", str(port)),
                                capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"port {port}" in lines[0] and "in use" in lines[0] and re.search(r"--port \d+", lines[0])
    assert "Traceback" not in result.stderr


def test_open_starts_a_browser_on_the_url(site, tmp_path):
    opened = tmp_path / "opened.txt"
    browser = write(tmp_path, "browser.sh", f'#!/bin/sh\necho "$1" > "{opened}"\n')
    browser.chmod(0o755)
    proc, url = start_serve(site, "--open", env={"BROWSER": f"{browser} %s"})
    try:
        assert wait_until(lambda: opened.exists() and opened.read_text().strip(), 10)
        assert opened.read_text().strip() == url
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=WAIT)


def test_no_site_is_a_usage_error(tmp_path):
    result = subprocess.run(okrsite_command("serve", "--site", str(tmp_path)), capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 2 and "okrsite.yaml" in result.stderr


@pytest.mark.browser
def test_open_tab_in_chromium_reloads_itself_after_a_save(site, preview, page):
    """The injected script in a real browser: a save makes the open tab show the new text."""
    page.goto(preview.url + "milestones/m1-1/index.html")
    assert page.locator("h1").text_content().strip() == "Milestone 1.1"
    # Saved at once: if the event stream is not connected yet, the tab learns on connecting
    # that its page is from an older build and reloads all the same.
    write(site, "content/milestones/m1-1.md", milestone_text("m1-1", "Renamed in the editor", "o1"))
    page.wait_for_function(
        "() => document.querySelector('h1') && document.querySelector('h1').textContent.includes('Renamed in the editor')",
        timeout=WAIT * 1000)
    assert page.title().startswith("Renamed in the editor")


# --- what the terminal says after a save --------------------------------------------------------

def test_the_log_says_what_each_save_changed(site):
    lines: list[str] = []
    preview = Preview(site, watch=False, log=lines.append)
    preview.rebuild()
    ms = "content/milestones/m1-2.md"
    write(site, ms, milestone_text("m1-2", "A better title", "o1", 10, ("m1-1",)))
    preview.rebuild([ms])
    assert lines[-1].startswith(f"{ms}: changed milestone m1-2 — their pages and the pages that list them "
                                "are up to date; open tabs reload (")
    assert "re-rendered" not in "\n".join(lines)
    write(site, ms, milestone_text("m1-2", "A better title", "o1", 10, ("m1-1",)))  # saved again, the same
    preview.rebuild([ms])
    assert lines[-1] == f"{ms}: no page changed (nothing okrsite reads was different)"
    write(site, "content/objectives/o1.md", objective_text("o1", "Objective 1").replace("quarter:", "# a note\nquarter:"))
    preview.rebuild(["content/objectives/o1.md"])  # a YAML comment: the data is the same
    assert lines[-1] == "content/objectives/o1.md: no page changed (nothing okrsite reads was different)"
    write(site, "content/milestones/m1-9.md", milestone_text("m1-9", "New one", "o1", 8))
    preview.rebuild(["content/milestones/m1-9.md"])
    assert lines[-1].startswith("content/milestones/m1-9.md: new milestone m1-9; changed objective o1, team core — ")
    write(site, "okrsite.yaml", config_text("Renamed site"))
    preview.rebuild(["okrsite.yaml"])
    assert lines[-1].startswith("okrsite.yaml: okrsite.yaml changed, so any page may have; open tabs reload (")


def test_changed_entities_names_each_kind():
    from okrsite.serve import changed_entities

    class Model:
        def __init__(self, **tables):
            self.objectives, self.milestones, self.teams, self.pages = ({} for _ in range(4))
            for name, table in tables.items():
                setattr(self, name, table)

    before = Model(milestones={"a": 1, "b": 2}, teams={"t": 1})
    after = Model(milestones={"a": 1, "b": 3, "c": 1}, pages={"p": 1})
    assert changed_entities(before, after) == ["milestone b", "milestone c (new)", "team t (removed)", "page p (new)"]
    assert changed_entities(None, after) == []


# --- the error page wraps ----------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_error_page_wraps_long_lines_in_chromium(browser, width):
    hint = "did you mean 'the-very-last-words-of-this-hint'?"
    text = ("content/milestones/x.md:3:7: error[schema] " + "a long explanation " * 30 + hint + "\n"
            "  3 | type: epik\n    |       ^^^^\n")
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.set_content(error_page("The site has problems", text, "T").decode())
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        pre = page.query_selector("pre")
        assert page.evaluate("el => el.scrollWidth <= el.clientWidth", pre)
        box = page.evaluate("""() => { const r = document.createRange(); const pre = document.querySelector('pre');
            const node = pre.firstChild; const i = node.textContent.indexOf("the-very-last-words");
            r.setStart(node, i); r.setEnd(node, i + 19); const b = r.getBoundingClientRect(); return [b.left, b.right]; }""")
        assert 0 <= box[0] and box[1] <= width  # the end of the hint is on screen, not cut off
        assert page.evaluate("document.querySelector('link[rel=icon]').href").startswith("data:image/svg+xml,")
    finally:
        context.close()


def test_a_descriptive_edit_is_relinked_and_its_diagnostics_follow_moved_lines(tmp_path):
    """Titles and prose are changed in the previous model (no whole check); when the edit moves
    the values below it (a title folded over two lines), the diagnostics there move with them."""
    site = make_site(tmp_path / "site", objectives=1, milestones=2, chain=False)
    ms = "content/milestones/m1-2.md"
    text = milestone_text("m1-2", "Second", "o1", 8, ("m1-2",))  # depends on itself: an error below the title
    write(site, ms, text)
    preview = Preview(site, watch=False)
    preview.rebuild()
    assert preview.diagnostics == check(site).diagnostics and preview.diagnostics
    for title, relinked in (('"Renamed"', True), ('>-\n  "Folded"\n  "title"', True), ('"Back"', True)):
        write(site, ms, text.replace('title: "Second"', f"title: {title}"))
        stats = preview.rebuild([ms])
        assert stats.relinked is relinked, title
        assert preview.diagnostics == check(site).diagnostics, title
        assert_serves_fresh_build(preview, site)
    write(site, ms, text.replace("[[o1]]", "[[o1]], again"))  # prose with the same links
    assert preview.rebuild([ms]).relinked
    write(site, ms, text.replace("[[o1]]", "[[m1-1]]"))  # another link: "mentioned in" changes
    assert not preview.rebuild([ms]).relinked
    assert_serves_fresh_build(preview, site)


def test_roll_up_edits_are_relinked_and_roll_up_as_a_whole_check_would(tmp_path):
    """A milestone's type and status, its tasks' statuses and a key result's current value are
    read by no rule but the roll-ups: such a save changes the previous model (the milestone, the
    key results it serves and their objective), and serves what a fresh build serves. Statuses
    other rules read (candidate, dropped) and any other change check the whole site again."""
    site = make_site(tmp_path / "site", objectives=1, milestones=2, chain=False)
    ms = "content/milestones/m1-2.md"
    objective = "content/objectives/o1.md"
    preview = Preview(site, watch=False)
    preview.rebuild()
    text = (site / ms).read_text(encoding="utf-8")
    steps = [
        (ms, text.replace("type: epic", "type: spike"), True, ["milestone m1-2"]),
        (ms, text.replace("status: in-progress", "status: done"), True, ["milestone m1-2"]),  # its one task is done
        (ms, text.replace("status: in-progress", "status: blocked"), True, ["milestone m1-2"]),
        (ms, text.replace("    status: done", "    status: todo").replace("status: in-progress", "status: blocked"),
         True, ["objective o1", "milestone m1-2"]),
        (ms, text.replace("status: in-progress", "status: dropped"), False, None),
        (ms, text.replace("status: in-progress", "status: blocked"), False, None),  # from dropped: a whole check
        (ms, text.replace("  - title: Design it\n", "  - title: Designed\n"), False, None),  # a task's id is its title
        (objective, objective_text("o1", "Objective 1").replace("target: 200\n", "target: 200\n    current: 150\n"),
         False, None),  # a field added
        (objective, objective_text("o1", "Objective 1").replace("target: 200\n", "target: 200\n    current: 175\n"),
         True, ["objective o1"]),
    ]
    for rel, new_text, relinked, changed in steps:
        before = preview.snapshot
        write(site, rel, new_text)
        stats = preview.rebuild([rel])
        assert stats.relinked is relinked, new_text
        if changed is not None:
            assert stats.changed == changed
        assert_serves_fresh_build(preview, site)
        assert before.files is not preview.snapshot.files
    page = preview.snapshot.files["objectives/o1/index.html"].decode()
    assert "75%" in page or "0.75" in page  # (175 - 100) / (200 - 100), rolled up from the edited value


def test_a_milestone_moved_in_time_is_relinked_with_its_warnings_made_again(tmp_path):
    """Other sprints for a milestone (on a site with no error) place it again in the previous model
    with the warnings about its dates and its dependants' (starts-before-dependency); a wrong
    schedule, or one on a site with an error, is a whole check's."""
    site = make_site(tmp_path / "site", objectives=1, milestones=2, chain=True)  # m1-2 depends on m1-1
    first = "content/milestones/m1-1.md"
    preview = Preview(site, watch=False)
    preview.rebuild()
    text = (site / first).read_text(encoding="utf-8")
    assert "sprints: [s8, s9]" in text
    for sprints, relinked, codes in (("[s10, s11]", True, ["starts-before-dependency"]),  # now due after m1-2 starts
                                     ("[s4, s5]", True, ["outside-quarter"]),  # wholly before 2026-Q2
                                     ("[s7, s8]", True, []),
                                     ("[s9, s8]", False, ["bad-dates"]),  # backwards: an error
                                     ("[s8, s9]", False, [])):  # from a site with an error
        write(site, first, text.replace("sprints: [s8, s9]", f"sprints: {sprints}"))
        stats = preview.rebuild([first])
        assert stats.relinked is relinked, sprints
        assert [d.code for d in preview.diagnostics] == codes, sprints
        assert_serves_fresh_build(preview, site)


def test_a_new_or_deleted_milestone_file_is_relinked_without_walking_content_again(tmp_path):
    """A milestone file written or deleted (on a site with no error) is made in the previous model
    without discovering every file again; one in a new folder, one naming what does not exist
    and one that others name are a whole check's (with discovery)."""
    site = make_site(tmp_path / "site", objectives=2, milestones=2, chain=False)
    preview = Preview(site, watch=False)
    preview.rebuild()
    new = "content/milestones/n1.md"
    write(site, new, milestone_text("n1", "New one", "o1", 10, ("m2-1",), "See [[page1]]."))
    stats = preview.rebuild([new])
    assert stats.relinked and not stats.discovered and stats.files_read == 1
    assert stats.changed[:3] == ["objective o1", "milestone m2-1", "milestone n1 (new)"] and "page page1" in stats.changed
    assert_serves_fresh_build(preview, site)
    for gone, codes in (("content/milestones/m1-1.md", []), ("content/milestones/n1.md", []),
                        ("content/milestones/m1-2.md", ["kr-without-milestone", "kr-without-milestone"])):
        (site / gone).unlink()
        stats = preview.rebuild([gone])
        assert stats.relinked and not stats.discovered, gone
        assert [d.code for d in preview.diagnostics] == codes, gone
        assert_serves_fresh_build(preview, site)
    for rel, text in (("content/milestones/later/n2.md", milestone_text("n2", "In a new folder", "o2")),
                      ("content/milestones/n3.md", milestone_text("n3", "Serves nothing known", "o9")),
                      ("content/milestones/n3.md", milestone_text("n3", "Fixed", "o2")),
                      ("content/milestones/n4.md", milestone_text("n4", "After n3", "o2", 10, ("n3",)))):
        write(site, rel, text)
        stats = preview.rebuild([rel])
        assert stats.relinked is (rel == "content/milestones/n4.md"), rel  # o9: an error; then a site with one
        assert stats.discovered is (rel == "content/milestones/later/n2.md"), rel
        assert_serves_fresh_build(preview, site)
    (site / "content/milestones/n3.md").unlink()  # n4 depends on it: an error
    stats = preview.rebuild(["content/milestones/n3.md"])
    assert not stats.relinked and preview.diagnostics[0].code == "unknown-ref"
    assert_serves_fresh_build(preview, site)


def test_a_new_or_deleted_task_file_is_relinked_without_walking_content_again(tmp_path):
    site = make_site(tmp_path / "site", objectives=1, milestones=2, chain=False)
    preview = Preview(site, watch=False)
    preview.rebuild()
    for rel, status in (("content/tasks/a.md", "done"), ("content/tasks/b.md", "todo")):  # a.md: a new folder
        write(site, rel, f"---\ntitle: Ask\nmilestone: m1-2\nstatus: {status}\nsprint: s12\n---\nFor [[page1]].\n")
        stats = preview.rebuild([rel])
        relinked = rel.endswith("b.md")
        assert stats.relinked is relinked and stats.discovered is not relinked, rel
        assert_serves_fresh_build(preview, site)
    assert stats.changed == ["objective o1", "milestone m1-2"]  # a task to do: less progress (page1 was mentioned)
    assert [d.code for d in preview.diagnostics] == ["task-outside-milestone"] * 2  # s12 is after m1-2's sprints
    (site / "content/tasks/b.md").unlink()
    stats = preview.rebuild(["content/tasks/b.md"])
    assert stats.relinked and [d.code for d in preview.diagnostics] == ["task-outside-milestone"]
    assert_serves_fresh_build(preview, site)


def test_a_warning_made_by_relink_is_where_the_file_says_after_its_lines_moved(tmp_path):
    """A save that only moves an objective's lines (a comment on top) keeps the previous model;
    a later edit that makes a warning about one of its key results puts it where the key result
    is written now."""
    site = make_site(tmp_path / "site", objectives=1, milestones=2, chain=False)
    preview = Preview(site, watch=False)
    preview.rebuild()
    objective = "content/objectives/o1.md"
    write(site, objective, objective_text("o1", "Objective 1").replace("---\n", "---\n# a note\n# and another\n", 1))
    assert preview.rebuild([objective]).unchanged
    for milestone in ("content/milestones/m1-1.md", "content/milestones/m1-2.md"):
        path = site / milestone
        path.write_text(path.read_text(encoding="utf-8").replace("key_results: [o1/kr1, o1/kr2]", "key_results: [o1/kr1]"),
                        encoding="utf-8")
        assert preview.rebuild([milestone]).relinked
        assert_serves_fresh_build(preview, site)
    assert [d.code for d in preview.diagnostics] == ["kr-without-milestone"]


def test_cycles_old_builds_leave_are_collected_once_memory_doubles(tmp_path):
    """Preview._collect: after a rebuild the model is frozen (no collection rescans it during the
    next save); a full collection frees what old builds left in cycles, when the memory in use
    has doubled since the last one, and not after every save."""
    import gc

    site = make_site(tmp_path / "site")
    with Preview(site, port=0, watch=False) as preview:
        collections = gc.get_stats()[2]["collections"]
        preview._collect()  # nothing new since the first build's collection
        assert gc.get_stats()[2]["collections"] == collections

        class Cycle:
            pass

        def leave_cycles(count: int) -> None:
            for _ in range(count):
                a, b = Cycle(), Cycle()
                a.other, b.other = b, a

        gc.disable()
        try:
            leave_cycles(1000)  # a save's worth: frozen with the rest, no full collection
            preview._collect()
            assert gc.get_stats()[2]["collections"] == collections
            # what many structural saves of a large site leave behind: the memory in use doubles
            while sys.getallocatedblocks() <= 2 * preview._blocks_collected + 100_000:
                leave_cycles(100_000)
            preview._collect()
        finally:
            gc.enable()
        assert gc.get_stats()[2]["collections"] == collections + 1
        assert not any(type(o) is Cycle for o in gc.get_objects())
