"""pytest fixtures driving Debian's Chromium through Playwright (sync API).

Import them in ``tests/conftest.py``::

    from support.fixtures import browser, page, console_errors  # noqa: F401

``browser`` is started once per session.  ``page`` is a fresh page in a fresh
browser context for each test (no shared cookies, storage or cache), with a
10 s default timeout.  ``console_errors`` lists the page's console errors and
uncaught exceptions, so a test can assert the page ran cleanly.

Without Chromium or Playwright the tests using them are skipped locally; under
CI (``CI=true``) they fail instead.
"""

from __future__ import annotations

import pytest

from .env import CHROMIUM_ARGS, chromium_path, require, skip_or_fail

PAGE_TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium (``/usr/bin/chromium``) launched by Playwright, shared by the session."""
    executable = require(chromium_path)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright for Python is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        try:
            b = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        except Exception as exc:  # noqa: BLE001 - any launch failure is a broken install
            pytest.fail(f"could not launch {executable} with Playwright: {exc}", pytrace=False)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):
    """A new page in its own browser context (1280x800, en-US, UTC)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US",
                                  timezone_id="UTC")
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()


def _console_listener(errors: list[str]):
    def on_console(msg) -> None:
        if msg.type not in ("error", "assert"):
            return
        url = (msg.location or {}).get("url", "")
        # Chromium asks every origin for /favicon.ico unless the page names an
        # icon; that 404 is the browser's, not the site's.
        if url.endswith("/favicon.ico"):
            return
        errors.append(f"console.{msg.type}: {msg.text}" + (f" ({url})" if url else ""))
    return on_console


@pytest.fixture
def console_errors(page):
    """A list filled with the page's console errors and uncaught exceptions (as strings).

    Failed loads show up too ("Failed to load resource: ... 404 (...url)"),
    except the browser's own request for ``/favicon.ico``.
    """
    errors: list[str] = []
    page.on("console", _console_listener(errors))
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    return errors
