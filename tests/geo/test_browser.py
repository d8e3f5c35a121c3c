"""The standalone HTML map in headless Chromium, offline: layers draw, toggle, and no XSS runs.

Needs ``/usr/bin/chromium`` (``apt-get install -y chromium``) and the Python package
``playwright``; skipped otherwise. The screenshot goes to ``tests/artifacts/map.png``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from geo.export import write_html
from geo.maps import LAYER_STYLES
from geo.model import LAYERS, Event, EventPlace

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
XSS = '<img src=x onerror="window.__xss=1"> <script>alert(1)</script>'
DRAWN = (
    "() => document.querySelectorAll('.leaflet-overlay-pane path').length"
    " + document.querySelectorAll('.leaflet-marker-pane > *').length"
)


def place(role: str, name: str, lat: float, lon: float) -> EventPlace:
    """A place in a role."""
    return EventPlace(role, f"t:{name}", name, lat, lon, "city", "", 1)


def event(event_id: str, layer: str, *places: EventPlace, **fields: object) -> Event:
    """An event whose evidence tries to run script."""
    base: dict[str, object] = {
        "event_date": "2024-03-01",
        "event_type": "Test",
        "evidence": f"Evidence of {event_id} {XSS}",
        "doc_id": "seed",
        "start": 0,
        "end": 10,
        "actor1": XSS,
        "source": XSS,
    }
    base.update(fields)
    return Event(event_id=event_id, layer=layer, locations=places, **base)  # type: ignore[arg-type]


EVENTS = [
    event(
        "naval",
        "naval_deployment",
        place("origin", "Sevastopol", 44.62, 33.53),
        place("via", "Bosphorus", 41.12, 29.07),
        place("destination", "Mediterranean Sea", 35.0, 18.0),
    ),
    event(
        "troops",
        "troop_movement",
        place("origin", "Belgorod", 50.6, 36.59),
        place("destination", "Kharkiv", 49.99, 36.23),
        event_date="2024-03-05",
    ),
    event(
        "call",
        "diplomacy",
        place("endpoint", "Ankara", 39.92, 32.85),
        place("endpoint", "Moscow", 55.75, 37.62),
        kind="call",
    ),
    event("meeting", "diplomacy", place("venue", "Brussels", 50.85, 4.35), kind="meeting"),
    event("strike", "strike", place("location", "Idlib", 35.93, 36.63), fatalities=33,
          event_date="2024-03-07"),
    event(
        "refugees",
        "displacement",
        place("origin", "Aleppo", 36.2, 37.16),
        place("destination", "Gaziantep", 37.07, 37.38),
    ),
]

#: Opens every popup and tooltip (real Leaflet ones for drawn features, and the popup HTML of
#: every feature in a live element), so that escaping mistakes would get to run.
OPEN_ALL = """() => {
    const sink = document.createElement("div");
    document.body.appendChild(sink);
    let opened = 0;
    for (const key of Object.keys(window)) {
        const group = window[key];
        if (!key.startsWith("geo_json_") || !(group instanceof L.GeoJSON)) continue;
        group.eachLayer((layer) => {
            sink.innerHTML += cmPopup(layer.feature.properties) + cmTooltip(layer.feature.properties);
            if (layer._map) {
                const at = layer.getLatLng ? layer.getLatLng() : layer.getCenter();
                layer.fire("click", {latlng: at}, true);
                opened += document.querySelectorAll(".leaflet-popup-content").length;
            }
        });
    }
    return opened;
}"""


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, list[str]]]:
    """The exported map opened offline, with the dialogs it raised."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    path = write_html(EVENTS, tmp_path_factory.mktemp("map") / "map.html", title="Seed")
    try:
        manager = sync_api.sync_playwright().start()
    except Exception as err:  # pragma: no cover - environment
        pytest.skip(f"playwright cannot start: {err}")
    try:
        browser = manager.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
    except Exception as err:  # pragma: no cover - environment
        manager.stop()
        pytest.skip(f"chromium cannot launch: {err}")
    dialogs: list[str] = []
    try:
        pg = browser.new_page(viewport={"width": 1200, "height": 800})
        pg.route(
            "**/*",
            lambda route: route.continue_()
            if route.request.url.startswith(("file:", "data:"))
            else route.abort(),
        )

        def on_dialog(dialog: Any) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        pg.on("dialog", on_dialog)
        pg.goto(path.as_uri())
        pg.wait_for_function(f"({DRAWN})() > 0", timeout=20_000)
        yield pg, dialogs
    finally:
        browser.close()
        manager.stop()


def test_layers_are_listed_in_the_control(page: tuple[Any, list[str]]) -> None:
    pg, _ = page
    control = pg.inner_text(".leaflet-control-layers-overlays")
    for layer in LAYERS:
        assert LAYER_STYLES[layer].label in control


def test_toggling_a_layer_changes_what_is_drawn(page: tuple[Any, list[str]]) -> None:
    pg, _ = page
    before = pg.evaluate(DRAWN)
    label = pg.locator(".leaflet-control-layers-overlays label", has_text="Naval deployments")
    label.locator("input").click()
    hidden = pg.evaluate(DRAWN)
    label.locator("input").click()
    assert hidden < before
    assert pg.evaluate(DRAWN) == before


def test_timeline_filters_by_date(page: tuple[Any, list[str]]) -> None:
    pg, _ = page
    before = pg.evaluate(DRAWN)
    pg.eval_on_selector(
        ".cm-slider", "s => { s.value = 0; s.dispatchEvent(new Event('input')); }"
    )
    first_day = pg.evaluate(DRAWN)
    assert "2024-03-01" in pg.inner_text(".cm-date")
    pg.eval_on_selector(
        ".cm-slider", "s => { s.value = s.max; s.dispatchEvent(new Event('input')); }"
    )
    assert first_day < before
    assert pg.evaluate(DRAWN) == before


def test_no_script_from_article_text_runs(page: tuple[Any, list[str]]) -> None:
    pg, dialogs = page
    opened = pg.evaluate(OPEN_ALL)
    pg.wait_for_timeout(300)  # let any injected onerror fire
    assert opened > 0
    assert "onerror" in pg.inner_text(".leaflet-popup-content")  # shown as text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "map.png"))
    assert pg.evaluate("() => window.__xss === undefined")
    assert dialogs == []
