"""Headless Chromium for the browser tests, through Playwright, or a clean skip.

Needs ``/usr/bin/chromium`` (``apt-get install -y chromium``) and the Python package
``playwright``; a test that asks for a browser without them is skipped, saying why, as is one
where Playwright cannot start or launch Chromium (that means "cannot test here", not a bug).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest

# One launch recipe for tests and benchmarks (bench/ never imports tests/).
from bench._chromium import CHROMIUM, CHROMIUM_ARGS, block_network

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "block_network", "chromium_browser", "chromium_page"]


@contextlib.contextmanager
def chromium_browser() -> Iterator[Any]:
    """A launched headless Chromium (a Playwright ``Browser``), closed afterwards."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    try:
        manager = sync_api.sync_playwright().start()
    except Exception as err:  # pragma: no cover - environment
        pytest.skip(f"playwright cannot start: {err}")
    try:
        try:
            browser = manager.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except Exception as err:  # pragma: no cover - environment
            pytest.skip(f"playwright cannot launch {CHROMIUM}: {err}")
        try:
            yield browser
        finally:
            browser.close()
    finally:
        manager.stop()


@contextlib.contextmanager
def chromium_page(width: int, height: int, *, offline: bool = True) -> Iterator[Any]:
    """A page of ``width`` × ``height`` in a fresh headless Chromium; offline unless told not."""
    with chromium_browser() as browser:
        page = browser.new_page(viewport={"width": width, "height": height})
        if offline:
            block_network(page)
        yield page
