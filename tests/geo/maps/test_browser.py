"""The standalone HTML map in headless Chromium, offline: layers draw, toggle, and no XSS runs;
the page tries no network request at all (web tiles only when asked for).

Needs ``/usr/bin/chromium`` (``apt-get install -y chromium``) and the Python package
``playwright``; skipped otherwise. The screenshot goes to ``tests/artifacts/map.png``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from geo.maps.export import remote_urls, write_html
from geo.maps.folium_map import LAYER_STYLES
from geo.model import LAYERS
from tests.browser import block_network, chromium_browser
from tests.geo.factories import every_layer

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
XSS = '<img src=x onerror="window.__xss=1"> <script>alert(1)</script>'
#: Template syntax that would run or break the page if text were compiled as a Jinja template.
TEMPLATE = "{{7*7}} {% raw %}{{ lipsum.__globals__ }}{% endraw %} {{ unbalanced"
DRAWN = (
    "() => document.querySelectorAll('.leaflet-overlay-pane path').length"
    " + document.querySelectorAll('.leaflet-marker-pane > *').length"
)
#: One event of each scenario, all with actor, source and evidence text that tries to run script.
EVENTS = [
    replace(e, evidence=f"Evidence of {e.event_id} {XSS} {TEMPLATE}", actor1=XSS, source=XSS)
    for e in every_layer(troops={"event_date": "2024-03-05"}, strike={"event_date": "2024-03-07"})
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
def browser() -> Iterator[Any]:
    """One headless Chromium for the module's pages."""
    with chromium_browser() as launched:
        yield launched


@pytest.fixture(scope="module")
def page(browser: Any, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[tuple[Any, list[str]]]:
    """The exported map opened offline, with the dialogs it raised."""
    pg = browser.new_page(viewport={"width": 1200, "height": 800})
    block_network(pg)
    try:
        path = write_html(
            EVENTS, tmp_path_factory.mktemp("map") / "map.html", title=f"Seed {TEMPLATE}"
        )
        dialogs: list[str] = []

        def on_dialog(dialog: Any) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        pg.on("dialog", on_dialog)
        pg.goto(path.as_uri())
        pg.wait_for_function(f"({DRAWN})() > 0", timeout=20_000)
        yield pg, dialogs
    finally:
        pg.close()


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


def test_template_syntax_in_text_shows_as_written(page: tuple[Any, list[str]]) -> None:
    pg, _ = page
    pg.evaluate(OPEN_ALL)
    popup = pg.inner_text(".leaflet-popup-content")
    assert TEMPLATE in popup
    assert TEMPLATE in pg.inner_text(".cm-legend")
    assert pg.title() == f"Seed {TEMPLATE}"


def _local(url: str) -> bool:
    return url.startswith(("file:", "data:", "blob:", "about:"))


def _open_counting(browser: Any, html_path: Path) -> tuple[int, list[str]]:
    """Open ``html_path`` with every non-file request blocked; what was drawn, and every
    non-file URL the page tried to load (counted before blocking)."""
    pg = browser.new_page(viewport={"width": 1200, "height": 800})
    try:
        attempted: list[str] = []
        pg.on("request", lambda r: None if _local(r.url) else attempted.append(r.url))

        def route(r: Any) -> None:
            if _local(r.request.url):
                r.continue_()
            else:
                attempted.append(r.request.url)
                r.abort()

        pg.route("**/*", route)
        pg.goto(html_path.as_uri())
        pg.wait_for_function(f"({DRAWN})() > 0", timeout=20_000)
        pg.wait_for_timeout(500)  # late loads (fonts, images) would show up here
        return pg.evaluate(DRAWN), sorted(set(attempted))
    finally:
        pg.close()


def test_exported_map_draws_offline_without_trying_the_network(
    browser: Any, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("offline")
    page = write_html(EVENTS, folder / "map.html", title="Offline")
    if remote_urls(page.read_text(encoding="utf-8")):
        pytest.skip("the npm packages are not installed under .cache/npm")
    drawn, attempted = _open_counting(browser, page)
    assert drawn >= len(EVENTS)
    assert attempted == []


def test_web_tiles_are_fetched_only_when_asked(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("tiles")
    page = write_html(EVENTS, folder / "map.html", tiles="osm")
    _, attempted = _open_counting(browser, page)
    assert attempted and all("tile.openstreetmap.org" in url for url in attempted)


#: The event groups of the page (GeoJson layers whose features are events).
EVENT_GROUPS = """() => Object.keys(window).filter(k => k.startsWith("geo_json_")
    && window[k] instanceof L.GeoJSON && window[k].getLayers().length
    && window[k].getLayers()[0].feature.properties.date !== undefined)"""

#: Brings the first feature of a group to the middle of its map (a clustered point is shown
#: first) and gives its page position: where a user would click.
FEATURE_SPOT = """(key) => {
    const layer = window[key].getLayers()[0];
    const map = layer._map || Object.values(window).find(v => v instanceof L.Map);
    let at;
    if (layer.getLatLng) {
        at = layer.getLatLng();
    } else {
        const path = layer.getLatLngs().flat(3);
        at = path[Math.floor(path.length / 2)];
    }
    map.setView(at, Math.max(map.getZoom(), 9), {animate: false});
    const point = map.latLngToContainerPoint(at);
    const box = map.getContainer().getBoundingClientRect();
    return {x: box.left + point.x, y: box.top + point.y};
}"""


def test_a_click_on_a_feature_of_every_layer_opens_its_popup(
    browser: Any, tmp_path: Path
) -> None:
    events = every_layer(troops={"event_date": "2024-03-05"})
    pg = browser.new_page(viewport={"width": 1400, "height": 900})
    block_network(pg)
    try:
        errors: list[str] = []
        pg.on("pageerror", lambda err: errors.append(str(err)))
        path = write_html(events, tmp_path / "map.html")
        pg.goto(path.as_uri())
        pg.wait_for_function(f"({DRAWN})() > 0", timeout=20_000)
        groups = pg.evaluate(EVENT_GROUPS)
        assert len(groups) >= len(LAYERS), groups
        opened = []
        for key in groups:
            spot = pg.evaluate(FEATURE_SPOT, key)
            pg.wait_for_timeout(300)
            pg.mouse.click(spot["x"], spot["y"])
            pg.wait_for_timeout(300)
            popups = pg.query_selector_all(".leaflet-popup-content")
            if popups:
                opened.append(popups[-1].inner_text())
            pg.evaluate("() => document.querySelectorAll('.leaflet-popup-close-button')"
                        ".forEach(b => b.click())")
        assert errors == []
        assert len(opened) == len(groups), (opened, groups)
        assert all("Date" in text for text in opened)
    finally:
        pg.close()
