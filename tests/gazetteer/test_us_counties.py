"""Tests of the US county source (PyPI ``plotly-geo``, Census cartographic boundaries 2016)."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest
from shapely import wkt
from shapely.geometry import Point

from gazetteer.errors import GazetteerBuildError, GazetteerSourceMissingError
from gazetteer.model import Place
from gazetteer.sources import us_counties
from gazetteer.sources.us_counties import iter_us_counties

#: Bounding box of the 50 states and DC, Alaska and Hawaii included (lat, lon).
US_LAT = (18.5, 71.6)
US_LON = (-180.0, -66.8)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def counties() -> list[Place]:
    """All county equivalents, read once."""
    return list(iter_us_counties())


def _one(counties: list[Place], name: str, admin1: str) -> Place:
    found = [p for p in counties if p.name == name and p.admin1 == admin1]
    assert len(found) == 1, found
    return found[0]


def test_count_and_ids(counties: list[Place]) -> None:
    assert len(counties) > 3000
    ids = [p.place_id for p in counties]
    assert len(set(ids)) == len(ids)
    assert all(len(i) == len("us-county:") + 5 and i[10:].isdigit() for i in ids)
    assert {p.feature for p in counties} == {"admin2"}
    assert {p.country for p in counties} == {"US"}
    assert len({p.admin1 for p in counties}) == 51  # 50 states and DC
    assert all(p.source.startswith("US Census cartographic boundary 2016") for p in counties)


def test_rapides_parish(counties: list[Place]) -> None:
    place = _one(counties, "Rapides Parish", "US-LA")
    assert place.place_id == "us-county:22079"
    assert _km(place.lat, place.lon, 31.2, -92.53) < 40
    assert "Rapides" not in place.alternate_names


def test_cook_county_illinois(counties: list[Place]) -> None:
    place = _one(counties, "Cook County", "US-IL")
    assert place.place_id == "us-county:17031"
    assert _km(place.lat, place.lon, 41.84, -87.82) < 40


def test_points_inside_us_and_county(counties: list[Place]) -> None:
    for place in counties:
        assert US_LAT[0] <= place.lat <= US_LAT[1], place
        assert US_LON[0] <= place.lon <= US_LON[1], place
        assert place.geometry_wkt is not None
        geom = wkt.loads(place.geometry_wkt)
        assert geom.is_valid, place.name
        # Inside the simplified polygon, give or take the 0.01 degree simplification.
        assert geom.buffer(0.02).contains(Point(place.lon, place.lat)), place.name


def test_saint_forms_and_county_equivalents(counties: list[Place]) -> None:
    st_louis = _one(counties, "St. Louis County", "US-MO")
    assert "Saint Louis County" in st_louis.alternate_names
    assert "St. Louis" not in st_louis.alternate_names
    genevieve = _one(counties, "Ste. Genevieve County", "US-MO")
    assert "Sainte Genevieve County" in genevieve.alternate_names
    city = _one(counties, "City of St. Louis", "US-MO")
    assert {"St. Louis City", "City of Saint Louis"} <= set(city.alternate_names)
    assert _one(counties, "City of Baltimore", "US-MD").place_id == "us-county:24510"
    assert _one(counties, "Nome Census Area", "US-AK").place_id == "us-county:02180"
    assert _one(counties, "Juneau City and Borough", "US-AK")
    assert _one(counties, "District of Columbia", "US-DC")
    assert _one(counties, "Doña Ana County", "US-NM")  # read as UTF-8, not Latin-1
    for place in counties:
        assert place.name not in place.alternate_names


def test_missing_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda _name: None)
    with pytest.raises(GazetteerSourceMissingError, match="plotly-geo"):
        list(iter_us_counties())


def test_unreadable_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / us_counties.COUNTY_SHAPEFILE
    bad.write_bytes(b"not a shapefile")
    monkeypatch.setattr(us_counties, "_county_shapefile", lambda: bad)
    with pytest.raises(GazetteerBuildError, match=us_counties.COUNTY_SHAPEFILE):
        list(iter_us_counties())
