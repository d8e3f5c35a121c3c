"""The offline base map of country outlines."""

from __future__ import annotations

from pathlib import Path

from gazetteer import Gazetteer
from geo.maps.basemap import country_outlines
from geo.maps.export import write_html
from geo.maps.folium_map import build_map


def test_outlines_cover_the_world_and_stay_small(gazetteer: Gazetteer) -> None:
    outlines = country_outlines(gazetteer)
    names = {f["properties"]["name"] for f in outlines["features"]}
    assert {"Turkey", "Syria", "Greece", "Russia", "Belgium"} <= names
    assert len(outlines["features"]) > 200


def test_map_draws_the_outlines_under_the_layers(gazetteer: Gazetteer) -> None:
    html = build_map([], outlines=country_outlines(gazetteer)).get_root().render()
    assert "Countries (offline base map)" in html
    assert html.index("Countries (offline base map)") < html.index("Naval deployments")


def test_the_map_opens_no_gazetteer_of_its_own(tiny_gazetteer: Gazetteer, tmp_path: Path) -> None:
    # the outlines come from the gazetteer the caller gives, none when it gives none
    assert "Countries (offline base map)" not in build_map([]).get_root().render()
    page = write_html([], tmp_path / "map.html", outlines=country_outlines(tiny_gazetteer))
    assert "Countries (offline base map)" in page.read_text(encoding="utf-8")
