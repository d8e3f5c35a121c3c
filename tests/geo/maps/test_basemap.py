"""The offline base map of country outlines."""

from __future__ import annotations

from gazetteer import Gazetteer
from geo.maps.basemap import country_outlines
from geo.maps.folium_map import build_map


def test_outlines_cover_the_world_and_stay_small(gazetteer: Gazetteer) -> None:
    outlines = country_outlines()
    assert outlines is not None
    names = {f["properties"]["name"] for f in outlines["features"]}
    assert {"Turkey", "Syria", "Greece", "Russia", "Belgium"} <= names
    assert len(outlines["features"]) > 200


def test_map_draws_the_outlines_under_the_layers(gazetteer: Gazetteer) -> None:
    html = build_map([]).get_root().render()
    assert "Countries (offline base map)" in html
    assert html.index("Countries (offline base map)") < html.index("Naval deployments")
