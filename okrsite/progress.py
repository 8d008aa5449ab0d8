"""Progress on a terminal: a one-line bar for long work, nothing when output is piped."""

from __future__ import annotations

import sys


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
