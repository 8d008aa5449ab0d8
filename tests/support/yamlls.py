"""A minimal Language Server Protocol client for the real yaml-language-server (npm), over stdio.

It opens one YAML file the way an editor does (modeline or `yaml.schemas` settings, nothing
fetched from the network) and returns the diagnostics the server publishes for it: the proof
that the editor set-up okrsite writes really validates what it writes.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
from pathlib import Path

from tests.support.env import REPO_ROOT, ToolMissing

# Generous: the server answers in well under a second; this only bounds a broken install.
_WAIT_SECONDS = 60


def server_path() -> Path:
    path = REPO_ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
    if not path.is_file():
        raise ToolMissing("yaml-language-server is not installed: run `npm ci` at the repository root")
    return path


class YamlLanguageServer:
    """`with YamlLanguageServer(root, settings) as server: server.diagnostics(path)`."""

    def __init__(self, root: Path, settings: dict | None = None):
        self.root = Path(root)
        self.settings = {"yaml": {"validate": True, "hover": False, "completion": False,
                                  "schemaStore": {"enable": False}, **(settings or {})}}
        self._messages: queue.Queue = queue.Queue()
        self._next_id = 0
        self._version = 0
        self._open: set[str] = set()

    # --- process and framing ------------------------------------------------------------
    def __enter__(self) -> "YamlLanguageServer":
        env = {**os.environ, "NODE_NO_WARNINGS": "1"}
        # No network for the server: any schema it cannot find locally is an error it reports.
        for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
            env[proxy] = "http://127.0.0.1:9"
        self.process = subprocess.Popen(
            ["node", str(server_path()), "--stdio"], cwd=self.root, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {
            "processId": os.getpid(), "rootUri": self.root.as_uri(),
            "workspaceFolders": [{"uri": self.root.as_uri(), "name": self.root.name}],
            "capabilities": {"workspace": {"configuration": True},
                             "textDocument": {"publishDiagnostics": {}}},
            "initializationOptions": {},
        })
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.process.wait(timeout=_WAIT_SECONDS)
        except Exception:  # noqa: BLE001 - a dead server must still be stopped
            self.process.kill()
            self.process.wait()

    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self._messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            self._messages.put(json.loads(stream.read(length)))

    def _next(self) -> dict:
        try:
            message = self._messages.get(timeout=_WAIT_SECONDS)
        except queue.Empty:
            raise AssertionError("yaml-language-server did not answer") from None
        if message is None:
            raise AssertionError("yaml-language-server exited")
        if "method" in message and "id" in message:  # a request from the server: answer it
            result = None
            if message["method"] == "workspace/configuration":
                result = [self.settings.get(item.get("section", ""), self.settings.get("yaml"))
                          if item.get("section") != "yaml" else self.settings["yaml"]
                          for item in message["params"]["items"]]
            self._send({"id": message["id"], "result": result})
        return message

    def notify(self, method: str, params) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params):
        self._next_id += 1
        ident = self._next_id
        self._send({"id": ident, "method": method, "params": params})
        while True:
            message = self._next()
            if message.get("id") == ident and "method" not in message:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message.get("result")

    # --- what a test asks -----------------------------------------------------------------
    def diagnostics(self, path: Path) -> list[dict]:
        """Open `path` as an editor does (or send its new text, when it is open already) and
        return the diagnostics the server publishes for that text.

        Documents stay open: closing one makes the server publish an empty list for it, which
        would be taken for the answer to the next question about the same file."""
        uri = Path(path).resolve().as_uri()
        text = Path(path).read_text(encoding="utf-8")
        self._version += 1
        if uri in self._open:
            self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": self._version},
                                                   "contentChanges": [{"text": text}]})
        else:
            self._open.add(uri)
            self.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "yaml", "version": self._version, "text": text}})
        while True:
            message = self._next()
            if message.get("method") != "textDocument/publishDiagnostics":
                continue
            params = message["params"]
            if params["uri"] == uri and params.get("version", self._version) == self._version:
                return params["diagnostics"]
