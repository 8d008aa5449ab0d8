"""Shared pytest set-up: the real-browser fixtures from tests/support."""

from __future__ import annotations

from support.fixtures import browser, console_errors, page  # noqa: F401
