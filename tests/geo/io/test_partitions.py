"""Tests of ``geo.io.partitions``: parts written as partitions complete, read back and merged."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest

from geo.cluster import events_part_files
from geo.errors import InputError
from geo.io.partitions import (
    MANIFEST,
    PartitionWriter,
    event_from_dict,
    jsonl_bytes,
    read_events,
    read_geoparquet,
    read_manifest,
    read_rows,
)
from geo.model import EventKind, EventPlace, Failure, Feature, Layer, Precision, Role
from tests.geo.factories import (
    event,
    every_layer,
    idlib_strike,
    place,
    sevastopol_voyage,
)


def _dicts(events: object) -> list[dict[str, object]]:
    return [e.as_dict() for e in events]  # type: ignore[attr-defined]


def test_an_event_comes_back_from_its_json_line() -> None:
    unplaced = EventPlace(Role.LOCATION, "unplaced:x", "Kafr Nabl", math.nan, math.nan,
                          Feature.UNPLACED, "SY", Precision(1), 10, 19, "Kafr Nabl", "Idlib")
    events = [*every_layer(), idlib_strike("odd", fatalities=4, fatalities_range=(2, 4),
                                           evidence_more=("Four died.",), unplaced=(unplaced,))]
    back = [event_from_dict(json.loads(line)) for line in
            jsonl_bytes(e.as_dict() for e in events).decode().splitlines()]
    assert _dicts(back) == _dicts(events)
    assert back[:-1] == events[:-1]  # the same records: dates as dates, roles and layers
    assert isinstance(back[0].event_date, date) and isinstance(back[0].layer, Layer)
    assert all(type(e.kind) is EventKind for e in back)
    assert {e.kind for e in back} >= {EventKind.CALL, EventKind.MEETING}
    assert back[-1].fatalities_range == (2, 4) and math.isnan(back[-1].unplaced[0].lat)


def test_a_line_that_is_not_an_event_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not an event"):
        event_from_dict({"layer": "strike"})


def _strike(n: int, doc: str, **fields: object) -> object:
    return idlib_strike(f"{doc}-{n}", doc_id=doc, source=f"{doc}.txt", **fields)


def test_parts_written_out_of_order_read_back_in_input_order(tmp_path: Path) -> None:
    first = [_strike(0, "a"), sevastopol_voyage("a-1", doc_id="a")]
    second = [_strike(0, "b")]
    third = [sevastopol_voyage("c-0", doc_id="c", event_date=date(2024, 5, 1))]
    writer = PartitionWriter(tmp_path / "parts", "events")
    for index, events in ((2, third), (0, first), (1, second)):  # as partitions complete
        writer.write(index, events_part_files(events), documents=1, rows=len(events))
    writer.write_imported(events_part_files([_strike(0, "acled")]), rows=1)
    writer.close(copies={"b": ["copy.txt"]}, failures=[Failure("d", "too long")])

    back = list(read_events(tmp_path / "parts"))
    assert _dicts(back) == _dicts([*first, *second, *third, _strike(0, "acled")])
    manifest = read_manifest(tmp_path / "parts")
    assert [p["index"] for p in manifest["parts"]] == [0, 1, 2]
    assert manifest["documents"] == 3 and manifest["rows"] == 4 and not manifest["merged"]
    assert manifest["copies"] == {"b": ["copy.txt"]}
    assert manifest["failures"] == [{"where": "d", "message": "too long"}]


def test_a_run_that_did_not_finish_is_refused(tmp_path: Path) -> None:
    writer = PartitionWriter(tmp_path, "events")
    writer.write(0, events_part_files([_strike(0, "a")]), documents=1, rows=1)
    # killed here: whole parts, no manifest
    assert (tmp_path / "part-00000.jsonl").exists()
    with pytest.raises(InputError, match=r"no manifest\.json: not the output of a finished"):
        list(read_events(tmp_path))


def test_a_changed_part_is_refused(tmp_path: Path) -> None:
    writer = PartitionWriter(tmp_path, "events")
    writer.write(0, events_part_files([_strike(0, "a")]), documents=1, rows=1)
    writer.close()
    with (tmp_path / "part-00000.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("{}\n")
    with pytest.raises(InputError, match=r"part-00000\.jsonl.*not the one its manifest lists"):
        list(read_rows(tmp_path))


def test_a_new_run_into_the_folder_replaces_the_old_one(tmp_path: Path) -> None:
    old = PartitionWriter(tmp_path, "events")
    for index in range(3):
        old.write(index, events_part_files([_strike(index, "old")]), documents=1, rows=1)
    old.close()
    new = PartitionWriter(tmp_path, "events")
    assert not (tmp_path / MANIFEST).exists()  # not finished: not readable as the old run
    new.write(0, events_part_files([_strike(0, "new")]), documents=1, rows=1)
    new.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        MANIFEST, "part-00000.jsonl", "part-00000.parquet"]
    assert [e.event_id for e in read_events(tmp_path)] == ["new-0"]


def test_geoparquet_parts_of_different_layers_open_as_one_dask_frame(tmp_path: Path) -> None:
    unplaced = event("nowhere", "strike", doc_id="n")  # no place: in the JSON, not the map
    parts = [[_strike(0, "a", fatalities=3)], [sevastopol_voyage("b-0", doc_id="b")],
             [unplaced], every_layer()]
    writer = PartitionWriter(tmp_path, "events")
    for index, events in enumerate(parts):
        writer.write(index, events_part_files(events), documents=1, rows=len(events))
    writer.close()
    assert not (tmp_path / "part-00002.parquet").exists()

    frame = read_geoparquet(tmp_path)
    assert frame.npartitions == 3
    table = frame.compute()
    assert table.crs.to_epsg() == 4326
    ids = list(table["event_id"])  # parts in input order; inside a part, layer by layer
    assert ids[:2] == ["a-0", "b-0"] and sorted(ids[2:]) == sorted(e.event_id for e in parts[3])
    assert table.loc[table["event_id"] == "a-0", "fatalities"].tolist() == [3]
    assert set(table.geometry.geom_type) >= {"Point", "LineString"}
    assert len(frame[frame["layer"] == "strike"].compute()) == 2  # lazy filtering works


def test_geoparse_parts_are_rows_not_events(tmp_path: Path) -> None:
    writer = PartitionWriter(tmp_path, "geoparse")
    writer.write(0, {".jsonl": jsonl_bytes([{"id": "a", "toponyms": []}])}, documents=1, rows=1)
    writer.close()
    assert list(read_rows(tmp_path)) == [{"id": "a", "toponyms": []}]
    with pytest.raises(InputError, match="holds geoparse output, not events"):
        list(read_events(tmp_path))


def test_a_folder_without_parquet_parts_cannot_open_as_a_frame(tmp_path: Path) -> None:
    writer = PartitionWriter(tmp_path, "events")
    lost = event("x", "strike", place("location", "Nowhere", math.nan, math.nan))
    writer.write(0, events_part_files([lost]), documents=1, rows=1)
    writer.close()
    with pytest.raises(InputError, match="no GeoParquet parts"):
        read_geoparquet(tmp_path)
