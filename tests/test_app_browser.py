"""The app in a real browser: ``streamlit run`` as a subprocess, opened in headless Chromium.

Skipped cleanly when ``/usr/bin/chromium`` is missing (``apt-get install -y chromium``) or
Playwright cannot launch it. The screenshot goes to ``tests/artifacts/app.png`` (ignored by git).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench._streamlit import free_port, stop, wait_for_server
from gazetteer import Gazetteer
from tests.browser import chromium_browser

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SERVER_TIMEOUT_S = 90
MAP_TIMEOUT_MS = 120_000


@contextlib.contextmanager
def streamlit_server(env: dict[str, str], log: Path) -> Iterator[str]:
    """``streamlit run app.py`` on a free port of 127.0.0.1; always terminated afterwards."""
    port = free_port()
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_for_server(url, proc, SERVER_TIMEOUT_S)
            yield url
        finally:
            stop(proc)


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """Headless Chromium through Playwright, or a skip saying why not."""
    with chromium_browser() as browser:
        yield browser


def test_app_draws_the_sample_map(
    chromium: object, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    env = dict(os.environ, CONFLICTMAP_CORRECTIONS=str(tmp_path / "corrections.json"))
    log = tmp_path / "streamlit.log"
    with streamlit_server(env, log) as url:
        page = chromium.new_page(viewport={"width": 1400, "height": 1400})  # type: ignore[attr-defined]
        try:
            page.goto(url, wait_until="domcontentloaded")
            frame_element = page.wait_for_selector(
                'iframe[title="streamlit_folium.st_folium"]', timeout=MAP_TIMEOUT_MS
            )
            frame = frame_element.content_frame()
            assert frame is not None
            frame.wait_for_selector(".leaflet-container", timeout=MAP_TIMEOUT_MS)
            frame.wait_for_selector(".leaflet-control-layers", timeout=MAP_TIMEOUT_MS)
            frame.wait_for_selector("path.leaflet-interactive", timeout=MAP_TIMEOUT_MS)
            page.wait_for_selector('[data-testid="stDataFrame"]', timeout=MAP_TIMEOUT_MS)
            page.wait_for_timeout(1000)  # let tiles and the chart settle for the screenshot
            assert page.locator('[data-testid="stException"]').count() == 0, log.read_text()
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "app.png"), full_page=True)

            # downloads are built on click, in the server, from the cached filtered events
            for label, head in (("CSV", b"event_id"), ("GeoPackage", b"SQLite format 3")):
                button = page.locator('[data-testid="stDownloadButton"]').get_by_text(
                    label, exact=True
                )
                with page.expect_download(timeout=MAP_TIMEOUT_MS) as info:
                    button.click()
                data = Path(info.value.path()).read_bytes()
                assert data.startswith(head), (label, data[:40])
            assert page.locator('[data-testid="stException"]').count() == 0, log.read_text()
        finally:
            page.close()
