"""Headless Chromium for the benchmarks (``bench/maps.py``, ``bench/app.py``), through Playwright.

Uses ``/usr/bin/chromium`` (``apt-get install -y chromium``); a benchmark checks
:func:`available` first and leaves its browser figures out without it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def available() -> bool:
    """Whether :data:`CHROMIUM` is installed."""
    return CHROMIUM.exists()


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A launched headless Chromium (a Playwright ``Browser``), closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def block_network(page: Any) -> None:
    """Let only ``file:`` and ``data:`` requests of ``page`` through, as offline."""
    page.route(
        "**/*",
        lambda route: route.continue_()
        if route.request.url.startswith(("file:", "data:"))
        else route.abort(),
    )
