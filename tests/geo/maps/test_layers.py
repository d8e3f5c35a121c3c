"""Tests of ``geo.maps.layers``: events to one GeoDataFrame per layer, hand-built events only."""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import replace

import pytest
from shapely.geometry import LineString, MultiLineString, Point

from geo.maps.layers import (
    COLUMNS,
    build_layers,
    call_arc,
    iter_features,
    locations_json,
    split_antimeridian,
    strike_radius,
)
from geo.model import LAYERS
from tests.geo.factories import (
    ankara_moscow_call,
    brussels_meeting,
    event,
    idlib_strike,
    place,
    sevastopol_voyage,
)

FRIGATE = sevastopol_voyage(
    "seed:100-180", sea_precision=3, actor1="Admiral Makarov", actor1_country="RU", count=1
)
CALL = ankara_moscow_call("seed:200-260", event_type="Phone call")
MEETING = brussels_meeting("seed:300-340")
STRIKE_33 = idlib_strike("seed:400-450")
STRIKE_1 = idlib_strike("seed:500-550", role="target", fatalities=1)
TROOPS = event(
    "seed:600-650",
    "troop_movement",
    place("destination", "Kharkiv", 49.99, 36.23),
    place("origin", "Belgorod", 50.6, 36.59),
    place("via", "Shebekino", 50.41, 36.9),
)


def test_every_layer_is_present_even_without_events() -> None:
    layers = build_layers([])
    assert tuple(layers) == LAYERS
    for name, frame in layers.items():
        assert len(frame) == 0
        assert frame.crs is not None and frame.crs.to_epsg() == 4326
        assert list(frame.columns[: len(COLUMNS)]) == list(COLUMNS)
        assert frame.geometry.name == "geometry"
        assert ("radius" in frame.columns) == (name == "strike")


def test_naval_track_is_a_routed_line_with_flat_columns() -> None:
    frame = build_layers([FRIGATE])["naval_deployment"]
    assert len(frame) == 1
    row = frame.iloc[0]
    assert isinstance(row.geometry, LineString)
    assert bool(row["routed"]) is True
    assert row["event_id"] == "seed:100-180"
    assert row["origin"] == "Sevastopol"
    assert row["via"] == "Bosphorus"
    assert row["destination"] == "Mediterranean Sea"
    assert row["places"] == (
        "origin: Sevastopol; via: Bosphorus; destination: Mediterranean Sea"
    )
    assert row["actor1"] == "Admiral Makarov"
    assert int(row["count"]) == 1
    assert int(row["geo_precision"]) == 3


def test_naval_event_with_one_place_is_a_point() -> None:
    only_destination = event(
        "n2", "naval_deployment", place("destination", "Tartus", 34.89, 35.89)
    )
    frame = build_layers([only_destination])["naval_deployment"]
    assert isinstance(frame.geometry.iloc[0], Point)
    assert frame.geometry.iloc[0].coords[0] == (35.89, 34.89)


def test_troop_movement_runs_origin_via_destination_straight() -> None:
    geom = build_layers([TROOPS])["troop_movement"].geometry.iloc[0]
    assert isinstance(geom, LineString)
    assert list(geom.coords) == [(36.59, 50.6), (36.9, 50.41), (36.23, 49.99)]


def test_call_is_an_arc_between_the_seats() -> None:
    frame = build_layers([CALL])["diplomacy"]
    geom = frame.geometry.iloc[0]
    assert isinstance(geom, LineString)
    coords = list(geom.coords)
    assert len(coords) == 32
    assert coords[0] == (32.85, 39.92)
    assert coords[-1] == (37.62, 55.75)
    # bent: the middle vertex is off the straight segment
    assert LineString([coords[0], coords[-1]]).distance(Point(coords[16])) > 0.5


def test_meeting_is_a_venue_point() -> None:
    geom = build_layers([MEETING])["diplomacy"].geometry.iloc[0]
    assert isinstance(geom, Point)
    assert (geom.x, geom.y) == (4.35, 50.85)


def test_strike_radius_grows_with_fatalities() -> None:
    frame = build_layers([STRIKE_33, STRIKE_1])["strike"]
    assert list(frame.geometry.iloc[0].coords) == [(36.63, 35.93)]
    r33, r1 = frame["radius"].tolist()
    assert r33 > r1
    assert strike_radius(None) == strike_radius(0) < strike_radius(1)
    assert strike_radius(10**6) == 40.0


def test_events_without_coordinates_are_skipped_not_put_at_null_island() -> None:
    events = [
        event("nowhere", "strike"),
        event("null-island", "strike", place("location", "Unknown", 0.0, 0.0)),
        event("unplaced", "troop_movement", place("origin", "X", math.nan, math.nan)),
        STRIKE_1,
    ]
    layers = build_layers(events)
    assert sum(len(f) for f in layers.values()) == 1
    assert layers["strike"]["event_id"].tolist() == ["seed:500-550"]


def test_a_line_drops_places_without_coordinates() -> None:
    partial = event(
        "partial",
        "displacement",
        place("origin", "Aleppo", 36.2, 37.16),
        place("destination", "Somewhere", math.nan, math.nan),
    )
    geom = build_layers([partial])["displacement"].geometry.iloc[0]
    assert isinstance(geom, Point)


def test_call_arc_across_the_antimeridian_stays_continuous() -> None:
    coords = call_arc((179.0, 10.0), (-179.0, 12.0), n=8)
    steps = [abs(b[0] - a[0]) for a, b in itertools.pairwise(coords)]
    assert max(steps) < 5


def test_iter_features_are_rfc7946() -> None:
    layers = build_layers([STRIKE_33, FRIGATE])
    (feature,) = iter_features(layers["strike"], precision=6)
    assert feature["id"] == "seed:400-450"
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.63, 35.93]}
    props = feature["properties"]
    assert props["fatalities"] == 33 and isinstance(props["fatalities"], int)
    assert props["count"] is None and props["end_date"] is None and props["routed"] is None
    assert all(not isinstance(v, dict | list) for v in props.values())
    (naval,) = iter_features(layers["naval_deployment"], precision=2)
    assert all(round(x, 2) == x for c in naval["geometry"]["coordinates"] for x in c)
    assert naval["properties"]["routed"] is True


@pytest.mark.parametrize("layer", LAYERS)
def test_columns_are_flat_scalars(layer: str) -> None:
    frame = build_layers([FRIGATE, CALL, MEETING, STRIKE_33, TROOPS])[layer]
    for column in frame.columns.drop("geometry"):
        assert not any(isinstance(v, list | dict | tuple) for v in frame[column])


@pytest.mark.parametrize(("coords", "expected"), [
    ([(170.0, 0.0), (190.0, 10.0)], [[(170.0, 0.0), (180.0, 5.0)], [(-180.0, 5.0), (-170.0, 10.0)]]),
    ([(170.0, 0.0), (-170.0, 10.0), (-160.0, 10.0)],
     [[(170.0, 0.0), (180.0, 5.0)], [(-180.0, 5.0), (-170.0, 10.0), (-160.0, 10.0)]]),
    ([(-170.0, 0.0), (-190.0, 10.0)], [[(-170.0, 0.0), (-180.0, 5.0)], [(180.0, 5.0), (170.0, 10.0)]]),
])
def test_lines_across_the_antimeridian_are_cut(
    coords: list[tuple[float, float]], expected: list[list[tuple[float, float]]]
) -> None:
    cut = split_antimeridian(LineString(coords))
    assert isinstance(cut, MultiLineString)
    assert [list(part.coords) for part in cut.geoms] == expected


def test_other_geometries_are_kept_or_wrapped() -> None:
    line = LineString([(10.0, 0.0), (20.0, 10.0), (179.0, 10.0)])
    assert split_antimeridian(line) == line
    assert list(split_antimeridian(LineString([(170.0, 0.0), (180.0, 10.0)])).coords) == [
        (170.0, 0.0), (180.0, 10.0)]
    assert split_antimeridian(Point(200.0, 5.0)) == Point(-160.0, 5.0)
    assert split_antimeridian(Point(36.6, 35.9)) == Point(36.6, 35.9)


def test_call_arc_across_the_antimeridian_is_continuous_on_the_map_and_cut_in_files() -> None:
    call = event("pacific", "diplomacy", place("endpoint", "Suva", -18.14, 178.44),
                 place("endpoint", "Apia", -13.83, -171.77), kind="call")
    frame = build_layers([call])["diplomacy"]
    assert frame.geometry.iloc[0].bounds[2] > 180  # continuous for Leaflet
    (feature,) = iter_features(frame, antimeridian=True)
    assert feature["geometry"]["type"] == "MultiLineString"
    assert all(abs(c[0]) <= 180 for part in feature["geometry"]["coordinates"] for c in part)


def test_rows_carry_everything_an_event_holds() -> None:
    merged = replace(STRIKE_33, evidence_more=("Another report.",), fatalities_range=(30, 40),
                     start=12, end=40)
    row = build_layers([merged])["strike"].iloc[0]
    assert json.loads(row["locations"]) == [p.as_dict() for p in merged.locations]
    assert json.loads(row["evidence_more"]) == ["Another report."]
    assert (row["fatalities_min"], row["fatalities_max"]) == (30, 40)
    assert (row["evidence_start"], row["evidence_end"]) == (12, 40)
    assert locations_json(merged.locations) == row["locations"]
