"""The standalone HTML map in headless Chromium, offline: layers draw, toggle, and no XSS runs.

Needs ``/usr/bin/chromium`` (``apt-get install -y chromium``) and the Python package
``playwright``; skipped otherwise. The screenshot goes to ``tests/artifacts/map.png``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from geo.export import write_html
from geo.maps import LAYER_STYLES
from geo.model import LAYERS
from tests.browser import chromium_page
from tests.geo.factories import every_layer

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
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
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, list[str]]]:
    """The exported map opened offline, with the dialogs it raised."""
    with chromium_page(1200, 800) as pg:
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
