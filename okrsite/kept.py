"""What a cached build keeps for the next one besides its pages: diagram drawings and Markdown
renderings, each under a digest of what made it (pipeline.build_files stores them with the
pages, render.Renderer hands them over).

A `Kept` is off outside a cached build (serve, --no-cache). During one it answers from the last
build's entries and notes every entry this process used or made, so the next build is handed
exactly what this one needed.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator


class Kept:
    def __init__(self) -> None:
        self.earlier: dict[str, bytes] | None = None
        self.used: dict[str, bytes] = {}

    @property
    def on(self) -> bool:
        return self.earlier is not None

    def use(self, earlier: dict[str, bytes] | None) -> None:
        """Answer from `earlier` (key -> bytes, what an earlier process noted), or be off."""
        self.earlier = earlier
        self.used.clear()

    @contextmanager
    def answering(self, earlier: dict[str, bytes]) -> Iterator[Kept]:
        """use(earlier) for the block, off again after it whatever happens; `noted()` inside the
        block says what it used or made."""
        self.use(earlier)
        try:
            yield self
        finally:
            self.use(None)

    def get(self, key: str) -> bytes | None:
        return self.used.get(key) or self.earlier.get(key)

    def note(self, key: str, data: bytes) -> bytes:
        self.used[key] = data
        return data

    def get_or_make(self, key: str, make: Callable[[], bytes]) -> bytes:
        data = self.get(key)
        return self.note(key, make() if data is None else data)

    def noted(self) -> dict[str, bytes]:
        return dict(self.used)
