"""Tests of ``geo.maps.folium_map``: the folium map, checked through its rendered HTML."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import folium
import pytest
from folium.map import FitBounds

from geo.errors import InputError
from geo.maps.assets import local_asset, remote_urls
from geo.maps.folium_map import LAYER_STYLES, build_map, map_properties, to_latlon
from geo.maps.layers import build_layers
from geo.model import LAYERS
from tests.geo.factories import every_layer

XSS = "<script>alert(1)</script> and <img src=x onerror=alert(2)>"


EVENTS = every_layer(
    naval={
        "evidence": "The frigate Admiral Makarov sailed " + XSS,
        "source": "Seed <News>",
        "source_url": "javascript:alert(3)",
        "actor1": "Russian Navy",
        "actor1_country": "RU",
        "event_date": "2024-03-02",
    },
    troops={"event_date": "2024-03-03"},
    strike={"source_url": "https://example.org/a?b=1&c=2"},
    refugees={"event_date": None},
)


def render(fmap: folium.Map) -> str:
    """The page's HTML."""
    return fmap.get_root().render()


def test_every_layer_is_a_named_group_with_control_and_legend() -> None:
    fmap = build_map(EVENTS, title="Seed")
    page = render(fmap)
    groups = [c for c in fmap._children.values() if isinstance(c, folium.FeatureGroup)]
    assert len(groups) == len(LAYERS)
    for layer in LAYERS:
        assert LAYER_STYLES[layer].label in page
        assert LAYER_STYLES[layer].color in page
    assert "L.control.layers" in page
    assert "cm-legend" in page
    assert "<title>Seed</title>" in page


def test_article_text_is_escaped() -> None:
    page = render(build_map(EVENTS))
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "onerror=alert(2)>" not in page
    # escaped by html.escape, then JSON-encoded by folium (& as \u0026)
    assert "\\u0026lt;script\\u0026gt;alert(1)" in page
    assert "javascript:alert(3)" not in page


def test_map_properties_escape_and_drop_unsafe_links() -> None:
    frame = build_layers(EVENTS)["naval_deployment"]
    props = map_properties(frame.iloc[0].to_dict())
    assert props["evidence"].endswith(
        "&lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(2)&gt;"
    )
    assert props["source"] == "Seed &lt;News&gt;"
    assert "url" not in props
    assert props["actors"] == "Russian Navy (RU)"
    assert props["date"] == "2024-03-02"
    strike = map_properties(build_layers(EVENTS)["strike"].iloc[0].to_dict())
    assert strike["url"] == "https://example.org/a?b=1&amp;c=2"
    assert strike["fatalities"] == 33
    assert strike["radius"] > 7


def test_points_are_clustered_and_lines_get_arrows() -> None:
    page = render(build_map(EVENTS))
    assert "L.markerClusterGroup" in page
    assert "leaflet.markercluster" in page
    assert 'layer.on("add", cmArrow)' in page
    assert "marker-end" in page


def test_timeline_covers_the_dates() -> None:
    page = render(build_map(EVENTS))
    assert "cm-timeline" in page
    assert '["2024-03-01","2024-03-02","2024-03-03"]' in page


def test_bounds_fit_the_data() -> None:
    fmap = build_map(EVENTS)
    (fit,) = [c for c in fmap._children.values() if isinstance(c, FitBounds)]
    (south, west), (north, east) = fit.bounds
    # [lat, lon] corners: Brussels is the westmost point, Moscow the northmost
    assert west == 4.35 and north == 55.75
    assert 34.0 < south <= 35.0 and 37.62 <= east < 38.0
    assert "fitBounds" in render(fmap)


def test_map_without_events_still_renders() -> None:
    page = render(build_map([]))
    for layer in LAYERS:
        assert LAYER_STYLES[layer].label in page
    assert "cm-timeline" not in page


def test_prebuilt_layers_are_used() -> None:
    layers = build_layers(EVENTS[:1])
    page = render(build_map([], layers))
    assert "Admiral Makarov" in page


def test_to_latlon_swaps_the_order() -> None:
    assert to_latlon(33.53, 44.62) == [44.62, 33.53]


#: Template syntax an article, a title or an imported note may hold: it must show as written.
TEMPLATE_PAYLOADS = (
    "{{7*7}}",
    "{% raw %}raw{% endraw %}",
    "{% endraw %} and {{ unbalanced",
    "{# a comment",
    "{{ lipsum.__globals__.os.popen('echo PWNED-$((6*7))').read() }}",
)


@pytest.mark.parametrize("payload", TEMPLATE_PAYLOADS)
def test_template_syntax_in_text_is_drawn_literally_and_runs_nothing(payload: str) -> None:
    events = [
        replace(e, evidence=f"Shelling near the town. {payload}", actor1=payload, source=payload,
                locations=tuple(replace(p, name=f"{p.name} {payload}") for p in e.locations))
        for e in EVENTS
    ]
    page = render(build_map(events, title=payload, focus=events[0]))
    assert "PWNED-42" not in page
    shown = html.escape(payload)  # every text is HTML-escaped for the popups, then JSON-encoded
    in_script = json.dumps(shown, ensure_ascii=False)[1:-1].replace("&", "\\u0026")
    assert page.count(in_script) >= 4  # evidence, actors, source, place names
    assert f"<title>{shown}</title>" in page


def test_highlighted_event_marks_its_places_with_escaped_tooltips() -> None:
    naval = EVENTS[0]
    page = render(build_map(EVENTS, focus=naval))
    assert "Selected event" in page
    assert page.count("fitBounds") == 1
    for place in naval.locations:
        assert f"{place.role}: {place.name}" in page
    # the layer control lists the marks as a layer of their own
    overlays = page[page.index("overlays :"):page.index("L.control.layers")]
    assert '"Selected event" : feature_group_' in overlays


def test_the_view_fits_the_focused_event_not_every_event() -> None:
    naval = EVENTS[0]
    (fit,) = [c for c in build_map(EVENTS, focus=naval)._children.values()
              if isinstance(c, FitBounds)]
    (south, west), (north, east) = fit.bounds
    lats = [p.lat for p in naval.locations]
    lons = [p.lon for p in naval.locations]
    assert south < min(lats) and north > max(lats) and west < min(lons) and east > max(lons)
    assert fit.bounds != next(c for c in build_map(EVENTS)._children.values()
                              if isinstance(c, FitBounds)).bounds



def test_a_mentioned_place_in_focus_gets_a_ring_and_the_view() -> None:
    place = EVENTS[-1].locations[0]
    page = render(build_map(EVENTS, focus=place))
    assert f"{place.role}: {place.name}" in page and page.count("fitBounds") == 1
    (fit,) = [c for c in build_map(EVENTS, focus=place)._children.values()
              if isinstance(c, FitBounds)]
    (south, west), (north, east) = fit.bounds
    assert south < place.lat < north and west < place.lon < east

def test_no_web_tiles_unless_asked() -> None:
    page = render(build_map(EVENTS))
    assert "L.tileLayer" not in page
    assert "openstreetmap" not in page.lower()
    assert '"maxZoom": 18' in page  # clusters need a zoom range, tiles usually give it
    osm = render(build_map(EVENTS, tiles="osm"))
    assert "L.tileLayer" in osm and "tile.openstreetmap.org" in osm
    with pytest.raises(InputError, match="'google'"):
        build_map(EVENTS, tiles="google")  # type: ignore[arg-type]


def test_page_asks_only_for_leaflet_and_markercluster() -> None:
    page = render(build_map(EVENTS))
    scripts = re.findall(r'<script src="([^"]+)"', page)
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert [u.rsplit("/", 1)[1] for u in scripts] == ["leaflet.js", "leaflet.markercluster.js"]
    assert sorted(u.rsplit("/", 1)[1] for u in styles) == [
        "MarkerCluster.Default.css", "MarkerCluster.css", "leaflet.css"]


def test_sources_in_popups_are_file_names() -> None:
    events = every_layer(strike={"source": "dispatch.txt"})
    strike = map_properties(build_layers(events)["strike"].iloc[0].to_dict())
    assert strike["source"] == "dispatch.txt"


def test_the_layer_checkboxes_can_be_left_out() -> None:
    """The app filters layers in its sidebar: its map draws no second layer control."""
    fmap = build_map(EVENTS, title="Seed", layer_control=False)
    page = render(fmap)
    assert "L.control.layers" not in page
    for layer in LAYERS:
        assert LAYER_STYLES[layer].label in page  # the legend still names every layer
    assert "L.control.layers" not in render(build_map(EVENTS, layer_control=False,
                                                      focus=EVENTS[0]))


def _npm_copy(root: Path, package: str, version: str, files: dict[str, str]) -> None:
    folder = root / package
    (folder / "dist").mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"version": version}), encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture()
def npm_copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Stand-in local copies of Leaflet and Leaflet.markercluster at folium's versions."""
    _npm_copy(tmp_path, "leaflet", "1.9.3",
              {"dist/leaflet.js": "var L = {};", "dist/leaflet.css": ".leaflet-pane {}"})
    _npm_copy(tmp_path, "leaflet.markercluster", "1.1.0",
              {"dist/leaflet.markercluster.js": "L.MarkerClusterGroup = 1;",
               "dist/MarkerCluster.css": ".marker-cluster {}",
               "dist/MarkerCluster.Default.css": ".marker-cluster-small {}"})
    monkeypatch.setenv("CONFLICTMAP_NODE_MODULES", str(tmp_path))
    local_asset.cache_clear()
    yield tmp_path
    local_asset.cache_clear()


def test_the_apps_map_links_its_scripts_and_stylesheets_to_local_copies(npm_copies: Path) -> None:
    page = render(build_map(EVENTS, layer_control=False, local_assets=True))
    assert remote_urls(page) == []
    assert page.count('src="data:text/javascript;base64,') == 2  # Leaflet, markercluster
    assert page.count('href="data:text/css;base64,') == 3


def test_without_local_copies_the_apps_map_keeps_the_web_links(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    monkeypatch.setenv("CONFLICTMAP_NODE_MODULES", str(tmp_path))  # nothing installed
    local_asset.cache_clear()
    try:
        page = render(build_map(EVENTS, local_assets=True))
    finally:
        local_asset.cache_clear()
    assert "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js" in remote_urls(page)
    assert "data:text/javascript" not in page
