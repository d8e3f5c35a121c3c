"""The app in a real browser: ``streamlit run`` as a subprocess, opened in headless Chromium.

Skipped cleanly when ``/usr/bin/chromium`` is missing (``apt-get install -y chromium``) or
Playwright cannot launch it. The screenshot goes to ``tests/artifacts/app.png`` (ignored by git).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench._streamlit import free_port, stop, wait_for_server
from gazetteer import Gazetteer
from geo.maps.folium_map import HIGHLIGHT_COLOUR, LAYER_STYLES
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
    env = dict(os.environ, CONFLICTMAP_CORRECTIONS=str(tmp_path / "corrections.json"),
               CONFLICTMAP_SAMPLE_RESULTS=str(tmp_path / "sample_results.pickle"))
    log = tmp_path / "streamlit.log"
    with streamlit_server(env, log) as url:
        page = chromium.new_page(viewport={"width": 1400, "height": 1400})  # type: ignore[attr-defined]
        try:
            page.goto(url, wait_until="domcontentloaded")
            frame_element = page.wait_for_selector(
                'iframe[title="geo.maps.live.live_map"]', timeout=MAP_TIMEOUT_MS
            )
            frame = frame_element.content_frame()
            assert frame is not None
            frame.wait_for_selector(".leaflet-container", timeout=MAP_TIMEOUT_MS)
            frame.wait_for_selector("path.leaflet-interactive", timeout=MAP_TIMEOUT_MS)
            # one layer control: the sidebar filter; the map draws no checkboxes of its own
            assert frame.locator(".leaflet-control-layers").count() == 0
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


# ----------------------------------------------------- the workbench, in one shared server
MAP_FRAME = 'iframe[title="geo.maps.live.live_map"]'
RING = f'path[stroke="{HIGHLIGHT_COLOUR}"]'
#: Rows of a Streamlit dataframe: header and row height in pixels, and the row-marker column.
GRID_ROW_PX = 35
GRID_MARKER_X = 15


@pytest.fixture(scope="module")
def app_url(gazetteer: Gazetteer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One ``streamlit run app.py`` for the tests below (fresh corrections and reviews)."""
    tmp = tmp_path_factory.mktemp("workbench")
    env = dict(os.environ, CONFLICTMAP_CORRECTIONS=str(tmp / "corrections.json"),
               CONFLICTMAP_REVIEWS=str(tmp / "reviews.json"),
               CONFLICTMAP_SAMPLE_RESULTS=str(tmp / "sample_results.pickle"))
    with streamlit_server(env, tmp / "streamlit.log") as url:
        yield url


def open_app(chromium: Any, url: str) -> Any:
    """A page of the app with its map drawn, then the tables under it (a first page draws
    them once the map says it is drawn)."""
    page = chromium.new_page(viewport={"width": 1500, "height": 1300})
    page.goto(url, wait_until="domcontentloaded")
    frame = page.wait_for_selector(MAP_FRAME, timeout=MAP_TIMEOUT_MS).content_frame()
    frame.wait_for_selector("path.leaflet-interactive", timeout=MAP_TIMEOUT_MS)
    page.wait_for_selector('[data-testid="stDataFrame"] [role="gridcell"]', state="attached",
                           timeout=MAP_TIMEOUT_MS)
    return page


def rings(page: Any) -> int:
    """Selection rings drawn in the map (0 while the map's iframe is being replaced)."""
    try:
        frame = page.query_selector(MAP_FRAME).content_frame()
        return int(frame.locator(RING).count()) if frame is not None else 0
    except Exception:  # the iframe is replaced on a rerun
        return 0


def wait_for_rings(page: Any, timeout_s: float = 60) -> int:
    """Wait until the map shows a selection ring; how many it shows (0 if none came)."""
    deadline = time.monotonic() + timeout_s
    while (found := rings(page)) == 0 and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    return found


def grid_texts(grid: Any) -> list[str]:
    """The texts of a dataframe's cells (from its accessible grid)."""
    return [c.inner_text() for c in grid.locator('[role="gridcell"]').all()]


def candidate_texts(page: Any) -> list[str]:
    """The cells of the reading pane's candidates table (the grid with a "current" reading)."""
    for grid in page.locator('[data-testid="stDataFrame"]').all():
        texts = grid_texts(grid)
        if "current" in texts:
            return texts
    return []


def test_a_feed_pick_zooms_the_map_to_the_event(chromium: Any, app_url: str) -> None:
    page = open_app(chromium, app_url)
    try:
        assert rings(page) == 0
        feed = page.locator('[data-testid="stDataFrame"]').nth(0)
        feed.scroll_into_view_if_needed()
        texts = grid_texts(feed)
        assert texts[:1] and texts[0][:4].isdigit(), texts[:4]  # dated rows, newest first
        box = feed.bounding_box()
        page.mouse.click(box["x"] + GRID_MARKER_X, box["y"] + GRID_ROW_PX * 2.5)
        assert wait_for_rings(page) > 0, "the selected event's ring is drawn"
        pane = page.locator(".cm-article").first
        assert pane.locator(".cm-selected").count() > 0, "its sentence is marked in the article"
        assert page.locator('[data-testid="stException"]').count() == 0
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "feed_pick.png"))
    finally:
        page.close()


def test_a_mention_picked_in_the_reading_pane_shows_its_candidates(
    chromium: Any, app_url: str
) -> None:
    page = open_app(chromium, app_url)
    try:
        pane = page.locator(".cm-article").first
        assert pane.locator(".cm-mention").count() > 3
        picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="Place mention")
        picker.scroll_into_view_if_needed()
        picker.click()
        option = page.locator('[role="option"]').nth(1)
        chosen = option.inner_text()
        assert chosen.startswith("2. "), chosen
        place = chosen.split("→ ", 1)[1].split(" (score", 1)[0]
        option.click()
        deadline = time.monotonic() + 60
        while place not in (texts := candidate_texts(page)) and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        assert place in texts and "current" in texts, texts
        assert pane.locator('.cm-mention[data-n="2"][style*="outline"]').count() > 0
        assert wait_for_rings(page) > 0, "the map zooms to the mention's place"
        page.screenshot(path=str(ARTIFACTS / "mention_pick.png"))
    finally:
        page.close()


INTERNAL = (str(ROOT), "/work/", "/tmp/", "site-packages", str(Path.home()) + "/")


def test_no_internal_paths_in_the_page_or_the_exported_map(
    chromium: Any, app_url: str
) -> None:
    page = open_app(chromium, app_url)
    try:
        shown = page.locator("body").inner_text()
        markup = page.content()
        frame = page.query_selector(MAP_FRAME).content_frame()
        map_markup = frame.content()
        button = page.locator('[data-testid="stDownloadButton"]').get_by_text(
            "Map (HTML)", exact=True)
        with page.expect_download(timeout=MAP_TIMEOUT_MS) as info:
            button.click()
        exported = Path(info.value.path()).read_text(encoding="utf-8")
        assert "leaflet" in exported.lower()
        for where, text in (("page text", shown), ("page", markup), ("map", map_markup),
                            ("exported map", exported)):
            leaks = [p for p in INTERNAL if p in text]
            assert not leaks, (where, leaks)
    finally:
        page.close()


#: A JavaScript function that clicks a feature of the live map as a user does (a clustered
#: marker is first brought out of its cluster); the scripts below start with it.
CLICK_FEATURE = """const clickFeature = (it) => new Promise((done) => {
    let clicked = false;
    const click = () => {
        if (clicked) return;
        clicked = true;
        const l = it.leaflet;
        l.fire("click", {latlng: l.getLatLng ? l.getLatLng() : l.getCenter()}, true);
        done();
    };
    if (it.holder.cmCluster) {
        // markercluster calls back once the marker is out of its cluster; it never does when
        // the map is already at the zoom that shows it, so click after a while regardless
        it.holder.zoomToShowLayer(it.leaflet, click);
        setTimeout(click, 3000);
    } else { click(); }
});"""


#: Opens the popup of the first shown feature of each layer of the live map, as a click on it
#: does (a clustered marker is first brought out of its cluster); the popups' texts by layer.
OPEN_ONE_PER_LAYER = """async () => {
    """ + CLICK_FEATURE + """
    const texts = {};
    for (const it of window.cmFeatures()) {
        if (!it.on || it.layer in texts) continue;
        await clickFeature(it);
        const popup = document.querySelector(".leaflet-popup-content");
        texts[it.layer] = popup ? popup.innerText : null;
        it.leaflet.closePopup();
    }
    return texts;
}"""


def test_a_feature_of_every_layer_of_the_app_map_opens_its_popup(
    chromium: Any, app_url: str
) -> None:
    page = open_app(chromium, app_url)
    try:
        frame = page.query_selector(MAP_FRAME).content_frame()
        legend = frame.locator(".cm-legend").inner_text()
        drawn = {line.rsplit(" (", 1)[0].lstrip("➤⚓⚑✸⇢✊").strip()
                 for line in legend.splitlines() if line.endswith(")") and "(0)" not in line}
        texts = frame.evaluate(OPEN_ONE_PER_LAYER)
        labels = {LAYER_STYLES[layer].label for layer in texts}
        assert labels == drawn and len(labels) >= 4, (labels, legend)
        for layer, text in texts.items():
            assert text and "Date:" in text and "Confidence:" in text, (layer, text)
    finally:
        page.close()


# ------------------------------------------------------ the feed and the table, one selection
FEED_GRID = '[class*="st-key-feed"] [data-testid="stDataFrame"]'
TABLE_GRID = '[class*="st-key-events_table"] [data-testid="stDataFrame"]'


def row_texts(grid: Any, column: int) -> dict[int, str]:
    """A dataframe's drawn rows (the grid draws those in view): row position → the text of
    its ``column`` (1-based), white space made single."""
    found: dict[int, str] = {}
    for row in grid.locator('tbody tr[role="row"]').all():
        cell = row.locator(f'td[aria-colindex="{column}"]')
        if cell.count():
            found[int(row.get_attribute("aria-rowindex")) - 2] = " ".join(
                cell.inner_text().split())
    return found


def selected_rows(grid: Any) -> list[int]:
    """Positions of a dataframe's drawn rows that are selected."""
    return [int(r.get_attribute("aria-rowindex")) - 2
            for r in grid.locator('tbody tr[role="row"][aria-selected="true"]').all()]


def click_row(page: Any, grid: Any, k: int) -> None:
    """Click the row marker of row ``k`` of a dataframe (rows from the top of its view)."""
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + GRID_MARKER_X, box["y"] + GRID_ROW_PX * (k + 1.5))


def wait_for_selected(grid: Any, page: Any, want: list[int], timeout_s: float = 60) -> list[int]:
    """Wait until a dataframe's selected rows are ``want``; the rows selected then."""
    deadline = time.monotonic() + timeout_s
    while (rows := selected_rows(grid)) != want and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    return rows


def rows_in_view_in_both(page: Any, feed: Any, table: Any
                         ) -> tuple[dict[int, str], list[tuple[int, int]]]:
    """With the feed ordered oldest first (so that it starts with the table's first rows): the
    evidence of the table's rows in view, and the (feed row, table row) pairs of one event."""
    deadline = time.monotonic() + 60
    while 0 not in (first := row_texts(feed, 1)) and time.monotonic() < deadline:
        page.wait_for_timeout(200)  # the feed is drawn after the map
    newest = first[0]
    page.get_by_text("Oldest first", exact=True).click()
    deadline = time.monotonic() + 60
    while row_texts(feed, 1).get(0, newest) == newest and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    evidence = {k: t for k, t in row_texts(table, 5).items() if k < 8}  # in view
    pairs = [(f, t) for f, what in row_texts(feed, 3).items() if f < 6
             for t, text in evidence.items() if text.startswith(what.rstrip("…"))]
    # two events of one sentence share their evidence: only rows that pair one way are sure
    feeds, tables = Counter(f for f, _ in pairs), Counter(t for _, t in pairs)
    return evidence, [(f, t) for f, t in pairs if feeds[f] == 1 and tables[t] == 1]


def test_a_feed_pick_is_selected_in_the_table_and_a_table_pick_in_the_feed(
    chromium: Any, app_url: str
) -> None:
    page = open_app(chromium, app_url)
    try:
        feed, table = page.locator(FEED_GRID), page.locator(TABLE_GRID)
        evidence, pairs = rows_in_view_in_both(page, feed, table)
        assert len(pairs) >= 2, (row_texts(feed, 3), evidence)
        (feed_row, table_row), (feed_other, table_other) = pairs[0], next(
            p for p in pairs[1:] if p[0] != pairs[0][0] and p[1] != pairs[0][1])
        assert selected_rows(table) == [] and selected_rows(feed) == []

        click_row(page, feed, feed_row)
        assert wait_for_selected(table, page, [table_row]) == [table_row], "feed → table"
        assert selected_rows(feed) == [feed_row]
        assert wait_for_rings(page) > 0

        click_row(page, table, table_other)
        assert wait_for_selected(feed, page, [feed_other]) == [feed_other], "table → feed"
        page.wait_for_timeout(2000)  # no rerun loop takes either pick back
        assert selected_rows(table) == [table_other]
        assert selected_rows(feed) == [feed_other]

        click_row(page, feed, feed_row)  # and a later pick in the feed still works
        assert wait_for_selected(table, page, [table_row]) == [table_row]
        assert page.locator('[data-testid="stException"]').count() == 0
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "feed_table_pick.png"), full_page=True)
    finally:
        page.close()


# ----------------------------------------------------------- the map selects in the tables
#: Clicks the first shown strike point whose evidence is one of ``starts`` (rows in view in
#: both tables), as OPEN_ONE_PER_LAYER does (out of its cluster first); its index in
#: ``starts``, or -1.
CLICK_STRIKE = """async (starts) => {
    """ + CLICK_FEATURE + """
    const plain = (s) => new DOMParser().parseFromString(s || "", "text/html")
        .documentElement.textContent.split(/\\s+/).join(" ").trim();
    for (const it of window.cmFeatures()) {
        if (!it.on || it.layer !== "strike") continue;
        const at = starts.indexOf(plain(it.leaflet.feature.properties.evidence));
        if (at < 0) continue;
        await clickFeature(it);
        return at;
    }
    return -1;
}"""


def test_a_click_on_a_strike_point_selects_its_event_in_the_feed_and_the_table(
    chromium: Any, app_url: str
) -> None:
    page = open_app(chromium, app_url)
    try:
        feed, table = page.locator(FEED_GRID), page.locator(TABLE_GRID)
        evidence, pairs = rows_in_view_in_both(page, feed, table)
        starts = [evidence[t] for _, t in pairs]  # the whole evidence: one event each
        assert selected_rows(feed) == [] and selected_rows(table) == []
        frame = page.query_selector(MAP_FRAME).content_frame()
        at = frame.evaluate(CLICK_STRIKE, starts)
        assert at >= 0, ("a strike among the rows in view", starts)
        frame.wait_for_selector(".leaflet-popup-content", timeout=10_000)  # as before
        feed_row, table_row = pairs[at]
        assert wait_for_selected(feed, page, [feed_row]) == [feed_row], "map → feed"
        assert wait_for_selected(table, page, [table_row]) == [table_row], "map → table"
        assert wait_for_rings(page) > 0, "the map rings it"
        assert frame.locator(".leaflet-popup-content").count() == 1, "its popup stays open"
        page.wait_for_timeout(2000)  # no rerun loop
        assert selected_rows(feed) == [feed_row]
        assert page.locator('[data-testid="stException"]').count() == 0
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "map_pick.png"), full_page=True)
    finally:
        page.close()


SHOWN_FEATURES = "() => window.cmFeatures().filter((it) => it.on).length"


def shown_features(page: Any) -> int:
    """Features the live map shows now (-1 while its iframe is being replaced)."""
    try:
        frame = page.query_selector(MAP_FRAME).content_frame()
        return int(frame.evaluate(SHOWN_FEATURES)) if frame is not None else -1
    except Exception:  # the iframe is replaced on a rerun
        return -1


def exported_csv(page: Any, tries: int = 3) -> str:
    """The events CSV the download button gives now (clicked again when a rerun replaced the
    button under the click)."""
    for attempt in range(tries):
        button = page.locator('[data-testid="stDownloadButton"]').get_by_text("CSV", exact=True)
        button.scroll_into_view_if_needed()
        try:
            with page.expect_download(timeout=30_000) as info:
                button.click()
        except Exception:
            if attempt == tries - 1:
                raise
            continue
        return Path(info.value.path()).read_text(encoding="utf-8")
    raise AssertionError("no download")


def selected_event_id(page: Any) -> str:
    """The id of the event the review form shows ("Review this event · `id`")."""
    head = page.locator('[data-testid="stMarkdownContainer"]').filter(
        has_text="Review this event").first
    head.wait_for(timeout=MAP_TIMEOUT_MS)
    return head.locator("code").first.inner_text()


def table_rows(page: Any) -> int:
    """Rows of the events table (its grid's row count, header included; -1 when not drawn)."""
    grid = page.locator(TABLE_GRID).locator('[role="grid"]').first
    try:
        return int(grid.get_attribute("aria-rowcount", timeout=5_000) or -1)
    except Exception:  # redrawn by a rerun
        return -1


def pick_feed_row(page: Any, row: int) -> None:
    feed = page.locator('[data-testid="stDataFrame"]').nth(0)
    feed.scroll_into_view_if_needed()
    box = feed.bounding_box()
    page.mouse.click(box["x"] + GRID_MARKER_X, box["y"] + GRID_ROW_PX * (row + 1.5))


def test_a_rejected_event_leaves_the_map_the_table_and_the_exports_and_an_edited_date_is_saved(
    chromium: Any, app_url: str
) -> None:
    page = open_app(chromium, app_url)
    try:
        features = shown_features(page)
        assert features > 0
        rows = table_rows(page)
        assert rows > 1
        pick_feed_row(page, 1)
        assert wait_for_rings(page) > 0
        event_id = selected_event_id(page)
        assert event_id in exported_csv(page)
        page.get_by_role("button", name="Reject", exact=True).first.click()
        deadline = time.monotonic() + 60
        while not 0 <= shown_features(page) < features and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        assert 0 <= shown_features(page) < features, "the rejected event left the map"
        deadline = time.monotonic() + 60
        while table_rows(page) != rows - 1 and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        assert table_rows(page) == rows - 1, "and the events table"
        page.get_by_text("Rejected events").first.wait_for(timeout=MAP_TIMEOUT_MS)
        assert event_id not in exported_csv(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        # its undo brings it back, so that the other tests of this server see every event
        page.locator('[data-testid="stExpander"]').filter(has_text="Rejected events").first \
            .locator("summary").click()
        page.get_by_role("button", name="Undo", exact=True).first.click()
        deadline = time.monotonic() + 60
        while shown_features(page) != features and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        assert shown_features(page) == features
        # an edited date is saved and shown in the event's table row and the export
        pick_feed_row(page, 1)
        assert wait_for_rings(page) > 0
        event_id = selected_event_id(page)
        box = page.get_by_label("Date (YYYY-MM-DD)").first
        box.fill("2020-01-15")
        page.get_by_role("button", name="Save the edit").first.click()
        page.get_by_text(f"Edited {event_id}").first.wait_for(timeout=MAP_TIMEOUT_MS)
        wait_for_rings(page)  # the rerun that shows the message has drawn the page
        rows = [line for line in exported_csv(page).splitlines() if event_id in line]
        assert rows and "2020-01-15" in rows[0], rows
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "review.png"))
    finally:
        page.close()
