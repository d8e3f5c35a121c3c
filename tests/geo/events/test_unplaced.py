"""An event with a place the gazetteer lacks (no coordinates) goes through every stage: merging,
layers, the map, every export and reading its export back."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from pathlib import Path

from geo.events.merge import merge_events_report
from geo.io.records import read_exported_events
from geo.io.reviews import review_queue
from geo.maps.export import export_all
from geo.maps.folium_map import build_map
from geo.model import EventPlace, Feature, Precision, Role
from geo.pipeline import Pipeline
from tests.geo.events.helpers import events_of
from tests.geo.factories import idlib_strike

VILLAGE = EventPlace(Role.LOCATION, "unplaced:tal-hamra", "Tal Hamra", math.nan, math.nan,
                     Feature.UNPLACED, "", Precision.REGION, start=30, end=39, mention="Tal Hamra")


def test_an_unplaced_village_survives_every_stage(tmp_path: Path) -> None:
    strike = idlib_strike("d1:1")
    with_village = replace(strike, locations=(*strike.locations, VILLAGE), unplaced=(VILLAGE,))
    only_village = replace(idlib_strike("d2:1"), doc_id="d2", event_date=date(2020, 5, 1),
                           locations=(VILLAGE,),
                           unplaced=(VILLAGE,))
    events, merged = merge_events_report([with_village, only_village, with_village])
    assert merged == 1 and len(events) == 2
    assert "Tal Hamra" in build_map(events).get_root().render()
    written = export_all(events, html=tmp_path / "m.html", geojson=tmp_path / "m.geojson",
                         gpkg=tmp_path / "m.gpkg", csv=tmp_path / "m.csv",
                         kml=tmp_path / "m.kml", parquet=tmp_path / "m.parquet")
    assert len(written) == 6
    back, failures = read_exported_events("m.csv", (tmp_path / "m.csv").read_bytes())
    assert failures == []
    villages = [p for e in back for p in e.locations if p.place_id == VILLAGE.place_id]
    assert len(villages) == 2 and all(math.isnan(p.lat) for p in villages)
    assert review_queue(events) is not None


def test_a_district_named_after_a_sea_story_is_not_put_at_sea(pipeline: Pipeline) -> None:
    # a village or district the gazetteer lacks takes no sea of an earlier sentence as its
    # container (nor as the event's place); a town there still holds it
    at_sea = events_of(pipeline, "Pirates hijacked a cargo ship in the Gulf of Guinea on "
                                 "Monday.\nSeparately, gunmen killed four people in the "
                                 "Ekpan district.")
    ekpan = [e for e in at_sea if any(p.name == "Ekpan" for p in e.locations)]
    assert ekpan, [(e.evidence, e.locations) for e in at_sea]
    assert all(p.name == "Ekpan" and p.container == "" for e in ekpan for p in e.locations)
    ashore = events_of(pipeline, "Fighting raged near Taiz on Monday.\nAn air strike killed "
                                 "six people in the village of Bani Qais.")
    assert [(p.name, p.container) for e in ashore for p in e.locations
            if p.name == "Bani Qais"] == [("Bani Qais", "Taiz")]
