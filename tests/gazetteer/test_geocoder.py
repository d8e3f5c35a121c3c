"""Tests of ``gazetteer.geocoder``: a geopy geocoder over the local gazetteer (tiny fixture)."""

from __future__ import annotations

import geopandas as gpd
from geopandas.tools import geocode

from gazetteer import Gazetteer
from gazetteer.geocoder import LocalGazetteer


def test_geocode_gives_the_best_candidate(tiny_gazetteer: Gazetteer) -> None:
    location = LocalGazetteer(tiny_gazetteer).geocode("Brussels")
    assert location is not None
    assert round(location.latitude, 2) == 50.85 and round(location.longitude, 2) == 4.35


def test_geocode_of_an_unknown_name_is_none(tiny_gazetteer: Gazetteer) -> None:
    assert LocalGazetteer(tiny_gazetteer).geocode("Atlantis") is None


def test_reverse_gives_the_nearest_place_or_none(tiny_gazetteer: Gazetteer) -> None:
    near_paris = LocalGazetteer(tiny_gazetteer).reverse((48.9, 2.4))
    assert near_paris is not None and "Paris" in near_paris.address
    nothing = LocalGazetteer(tiny_gazetteer, features=frozenset({"sea"})).reverse((48.9, 2.4))
    assert nothing is None


def test_geopandas_geocodes_offline(tiny_gazetteer: Gazetteer) -> None:
    frame = geocode(["Moscow", "Idlib"], provider=LocalGazetteer, gazetteer=tiny_gazetteer)
    assert isinstance(frame, gpd.GeoDataFrame)
    assert [round(p.y) for p in frame.geometry] == [56, 36]
