"""Tests of ``geo.io.records``: ACLED and GDELT tables imported as events, and this tool's own
exports read back."""

from __future__ import annotations

import csv
import io
import logging
from datetime import date
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import Point

from gazetteer import Gazetteer
from geo.io.ingest import is_event_table
from geo.io.records import import_event_table, is_exported_table, read_exported_events
from geo.maps.export import csv_bytes, export_all
from geo.model import Event, EventKind, Feature, Layer, Precision, Role, TimePrecision
from tests.geo.factories import event, every_layer, place

ACLED_HEADER = (
    "event_date,event_type,sub_event_type,actor1,actor2,country,admin1,location,"
    "latitude,longitude,geo_precision,fatalities,notes,source"
)
BALYUN = (
    "27 February 2020,Battles,Armed clash,Military Forces of Syria,Military Forces of Turkey,"
    "Syria,Idlib,Balyun,35.6417,36.5219,1,33,Air strike on a Turkish column near Balyun,SOHR"
)
CONVOY = (
    "2020-02-28,Strategic developments,Change to group/activity,Military Forces of Turkey,,"
    "Syria,Idlib,Kafr Lusin,36.1856,36.6511,2,0,Turkish convoy enters Idlib,Anadolu"
)
SARAQIB = (
    "2020-02-29,Explosions/Remote violence,Air/drone strike,Military Forces of Russia,,"
    "Syria,Idlib,Saraqib,,,1,4,Jets strike Saraqib,SOHR"
)

GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor1CountryCode", "Actor2Name", "EventCode",
    "ActionGeo_FullName", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_CountryCode",
    "SOURCEURL",
]
GDELT_ROWS = [
    ["911000001", "20200227", "TURKEY", "TUR", "SYRIA", "190", "Idlib, Idlib, Syria",
     "35.9306", "36.6339", "SY", "https://example.org/idlib-strike"],
    ["911000002", "20200305", "RUSSIA", "RUS", "TURKEY", "042", "Moscow, Moskva, Russia",
     "55.7522", "37.6156", "RS", "https://example.org/moscow-talks"],
]


def _acled(*rows: str, header: str = ACLED_HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def _gdelt(sep: str, rows: list[list[str]] = GDELT_ROWS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\n")
    writer.writerows([GDELT_COLUMNS, *rows])
    return out.getvalue().encode("utf-8")


def test_acled_rows_become_events(gazetteer: Gazetteer) -> None:
    events, failures = import_event_table("acled.csv", _acled(BALYUN, CONVOY),
                                          gazetteer=gazetteer)
    assert failures == []
    strike, convoy = events
    assert (strike.layer, strike.event_date, strike.fatalities) == ("strike", date(2020, 2, 27), 33)
    assert (strike.event_type, strike.sub_event_type) == ("Battles", "Armed clash")
    assert (strike.actor1, strike.actor2) == ("Military Forces of Syria",
                                              "Military Forces of Turkey")
    assert strike.source == "SOHR"
    assert strike.evidence == "Air strike on a Turkish column near Balyun"
    (place,) = strike.locations
    assert (place.lat, place.lon, place.name, place.precision) == (35.6417, 36.5219, "Balyun", 1)
    assert (convoy.layer, convoy.event_date, convoy.fatalities) == ("troop_movement",
                                                                   date(2020, 2, 28), 0)
    (place,) = convoy.locations
    assert (place.lat, place.lon, place.precision) == (36.1856, 36.6511, 2)


@pytest.mark.parametrize(("event_type", "sub_event_type", "layer"), [
    ("Battles", "Armed clash", "strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "strike"),
    ("Violence against civilians", "Attack", "strike"),
    ("Strategic developments", "Headquarters or base established", "troop_movement"),
    ("Strategic developments", "Agreement", "diplomacy"),
    ("Protests", "Peaceful protest", "protest"),
    ("Riots", "Violent demonstration", "protest"),
])
def test_acled_event_type_chooses_the_layer(
    gazetteer: Gazetteer, event_type: str, sub_event_type: str, layer: str
) -> None:
    row = (f"2020-02-27,{event_type},{sub_event_type},A,B,Syria,Idlib,Balyun,35.64,36.52,1,0,"
           "x,SOHR")
    (event,), failures = import_event_table("acled.csv", _acled(row), gazetteer=gazetteer)
    assert failures == []
    assert event.layer == layer


def test_imported_place_carries_the_rows_country(gazetteer: Gazetteer) -> None:
    (event,), _ = import_event_table("acled.csv", _acled(BALYUN), gazetteer=gazetteer)
    assert event.locations[0].country == "SY"


def test_row_without_coordinates_is_geocoded(gazetteer: Gazetteer) -> None:
    (event,), failures = import_event_table("acled.csv", _acled(SARAQIB), gazetteer=gazetteer)
    assert failures == []
    (place,) = event.locations
    assert place.name == "Saraqib"
    assert place.country == "SY"
    assert place.lat == pytest.approx(35.86, abs=0.1)
    assert place.lon == pytest.approx(36.80, abs=0.1)
    assert (event.layer, event.event_date, event.fatalities) == ("strike", date(2020, 2, 29), 4)


def test_geocoding_keeps_to_the_rows_country(gazetteer: Gazetteer) -> None:
    # Tripoli, Libya is the likelier Tripoli on its own; the row says Lebanon.
    row = "2020-03-01,Protests,Peaceful protest,Protesters (Lebanon),,Lebanon,North,Tripoli,,,1,0,x,"
    (event,), failures = import_event_table("acled.csv", _acled(row), gazetteer=gazetteer)
    assert failures == []
    (place,) = event.locations
    assert place.country == "LB"
    assert place.lat == pytest.approx(34.4, abs=0.2)


def test_unknown_town_falls_back_to_its_country(gazetteer: Gazetteer) -> None:
    row = "2020-03-01,Battles,Armed clash,A,B,Syria,Qwzxv,Qwzxvtown,,,1,0,x,"
    (event,), failures = import_event_table("acled.csv", _acled(row), gazetteer=gazetteer)
    assert failures == []
    (place,) = event.locations
    assert (place.name, place.country, place.precision) == ("Syria", "SY", 3)


def test_unplaceable_row_is_a_failure(gazetteer: Gazetteer) -> None:
    row = "2020-03-01,Battles,Armed clash,A,B,Qwzxvland,Qwzxv,Qwzxvtown,,,1,0,x,"
    events, failures = import_event_table("acled.csv", _acled(BALYUN, row),
                                          gazetteer=gazetteer)
    assert len(events) == 1
    assert [f.where for f in failures] == ["acled.csv:3"]
    assert "Qwzxvtown" in failures[0].message


def test_bad_rows_are_reported_by_line_and_the_others_import(gazetteer: Gazetteer) -> None:
    bad_date = BALYUN.replace("27 February 2020", "31 February 2020")
    bad_lat = CONVOY.replace("36.1856", "136.1856")
    data = _acled(BALYUN, bad_date, CONVOY, bad_lat, SARAQIB)
    events, failures = import_event_table("acled.csv", data, gazetteer=gazetteer)
    assert [e.event_date for e in events] == [date(2020, 2, 27), date(2020, 2, 28), date(2020, 2, 29)]
    assert [f.where for f in failures] == ["acled.csv:3", "acled.csv:5"]
    assert "31 February 2020" in failures[0].message
    assert "136.1856" in failures[1].message


def test_header_written_with_quotes_is_read(gazetteer: Gazetteer) -> None:
    # R's write.csv quotes every column name.
    header = ",".join(f'"{c}"' for c in ACLED_HEADER.split(","))
    events, failures = import_event_table("acled.csv", _acled(BALYUN, header=header),
                                          gazetteer=gazetteer)
    assert failures == []
    assert [e.event_date for e in events] == [date(2020, 2, 27)]


@pytest.mark.parametrize("sep", ["\t", ","])
def test_gdelt_rows_become_events(gazetteer: Gazetteer, sep: str) -> None:
    events, failures = import_event_table("gdelt.csv", _gdelt(sep), gazetteer=gazetteer)
    assert failures == []
    strike, talks = events
    assert (strike.event_id, strike.event_date, strike.cameo_code, strike.layer) == (
        "911000001", date(2020, 2, 27), "190", "strike")
    assert (talks.event_date, talks.cameo_code, talks.layer) == (date(2020, 3, 5), "042",
                                                                  "diplomacy")
    assert strike.source_url == "https://example.org/idlib-strike"
    assert (strike.actor1, strike.actor1_country, strike.actor2) == ("TURKEY", "TR", "SYRIA")
    (place,) = strike.locations
    assert (place.lat, place.lon) == (35.9306, 36.6339)


def test_gdelt_fips_country_becomes_iso(gazetteer: Gazetteer) -> None:
    # GDELT geography uses FIPS 10-4 codes: Russia is "RS" (ISO: Serbia), Syria "SY".
    events, _ = import_event_table("gdelt.tsv", _gdelt("\t"), gazetteer=gazetteer)
    assert [e.locations[0].country for e in events] == ["SY", "RU"]


@pytest.mark.parametrize("day", ["2020-02-27", "20200231"])
def test_gdelt_bad_date_is_a_failure(gazetteer: Gazetteer, day: str) -> None:
    rows = [list(r) for r in GDELT_ROWS]
    rows[0][1] = day
    events, failures = import_event_table("gdelt.tsv", _gdelt("\t", rows), gazetteer=gazetteer)
    assert [e.event_id for e in events] == ["911000002"]
    assert [f.where for f in failures] == ["gdelt.tsv:2"]


def test_table_that_is_neither_is_one_failure(gazetteer: Gazetteer) -> None:
    events, failures = import_event_table("articles.csv", b"id,text\n1,Troops moved.\n",
                                          gazetteer=gazetteer)
    assert events == []
    assert len(failures) == 1
    assert failures[0].where == "articles.csv"


@pytest.mark.parametrize(
    ("encoding", "evidence"),
    [("latin-1", "Air strike near Bal\u00fdun"),
     ("cp1252", "\u201cAir strike\u201d near Bal\u00fdun")],
)
def test_latin1_and_cp1252_tables_are_read(
    tiny_gazetteer: Gazetteer, encoding: str, evidence: str, caplog: pytest.LogCaptureFixture
) -> None:
    row = BALYUN.replace("Air strike on a Turkish column near", "\u201cAir strike\u201d near")
    row = row.replace("Balyun", "Bal\u00fdun")
    if encoding == "latin-1":
        row = row.replace("\u201c", "").replace("\u201d", "")
    data = (ACLED_HEADER + "\n" + row + "\n").encode(encoding)
    with caplog.at_level(logging.WARNING, logger="conflictmap"):
        (event,), failures = import_event_table("acled.csv", data, gazetteer=tiny_gazetteer)
    assert failures == []
    assert event.locations[0].name == "Bal\u00fdun"
    assert event.evidence == evidence
    assert [r.getMessage() for r in caplog.records] == ["read 'acled.csv' as cp1252 (not UTF-8)"]
    assert caplog.records[0].name.startswith("conflictmap")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_unicode_text_tables_are_read(tiny_gazetteer: Gazetteer, encoding: str) -> None:
    # Excel saves "Unicode text" as tab-separated UTF-16 with a byte-order mark.
    tsv = "\n".join(line.replace(",", "\t") for line in (ACLED_HEADER, BALYUN, CONVOY)) + "\n"
    tsv = tsv.replace("Balyun", "Bal\u00fdun")
    events, failures = import_event_table("acled.tsv", tsv.encode(encoding),
                                          gazetteer=tiny_gazetteer)
    assert failures == []
    assert [e.locations[0].name for e in events] == ["Bal\u00fdun", "Kafr Lusin"]


def test_control_characters_in_cells_become_spaces(tiny_gazetteer: Gazetteer) -> None:
    row = BALYUN.replace("Armed clash", "Armed\x00clash").replace("SOHR", "SO\x85HR\x01")
    (event,), failures = import_event_table("acled.csv", _acled(row), gazetteer=tiny_gazetteer)
    assert failures == []
    assert event.sub_event_type == "Armed clash"
    assert event.source == "SO HR"  # cells are stripped; the inner one stays a space


def test_binary_table_is_one_failure(tiny_gazetteer: Gazetteer) -> None:
    events, failures = import_event_table("acled.csv", bytes(range(256)) * 8,
                                          gazetteer=tiny_gazetteer)
    assert events == []
    assert [f.where for f in failures] == ["acled.csv"]
    assert "encoding" in failures[0].message


def test_gdelt_row_without_coordinates_is_geocoded_in_its_country(gazetteer: Gazetteer) -> None:
    # "LE" is Lebanon in FIPS 10-4; on its own, Tripoli would be the one in Libya.
    row = ["911000003", "20200301", "LEBANON", "LBN", "", "141", "Tripoli, Liban-Nord, Lebanon",
           "", "", "LE", "https://example.org/tripoli"]
    (event,), failures = import_event_table("gdelt.tsv", _gdelt("\t", [row]),
                                            gazetteer=gazetteer)
    assert failures == []
    (place,) = event.locations
    assert (place.name, place.country) == ("Tripoli", "LB")


def test_imported_rows_join_the_events_of_the_text(gazetteer: Gazetteer) -> None:
    from geo.events import merge_events
    from geo.model import Document
    from geo.pipeline import Pipeline

    text = "Syrian warplanes bombed Saraqeb on Tuesday, residents said."
    extracted = Pipeline().process([Document("a", text, published=date(2020, 2, 5))]).events
    table = ("event_date,event_type,sub_event_type,actor1,actor2,country,admin1,location,"
             "latitude,longitude,geo_precision,fatalities,notes,source\n"
             "2020-02-04,Explosions/Remote violence,Air/drone strike,Military Forces of Syria,"
             "Civilians,Syria,Idlib,Saraqab,35.8636,36.8006,1,5,Air strikes on Saraqab.,SOHR\n"
             "2020-02-04,Battles,Armed clash,A,B,Syria,Aleppo,Aleppo,36.2,37.16,1,2,Far away.,X\n")
    imported, failures = import_event_table("acled.csv", table.encode(), gazetteer=gazetteer)
    assert not failures and len(extracted) == 1 and len(imported) == 2
    joined = merge_events([*extracted, *imported])
    assert len(joined) == 2, "the Saraqeb row joins the text's event; the Aleppo row stays"
    saraqeb = next(e for e in joined if e.kind != "import")
    assert saraqeb.fatalities == 5 and "SOHR" in saraqeb.source
    assert "Air strikes on Saraqab." in saraqeb.evidence_more
    assert saraqeb.evidence == text


# --- the tool's own exports, read back ----------------------------------------------------

#: One event of every layer, with every field an export must carry back: a via, an end date,
#: fatalities unknown and zero, a range, other reports, a CAMEO code with a leading zero, and
#: text a spreadsheet would run as a formula.
EXPORTED = [*every_layer(
    naval={"actor1": "Russian Navy", "actor1_country": "RU", "count": 1, "cameo_code": "154",
           "time_precision": "day", "source": "dispatch.txt", "confidence": 0.8125},
    troops={"event_date": "2024-03-05", "end_date": "2024-03-07", "fatalities": 0,
            "evidence": "=1+2 troops moved", "time_precision": "week"},
    call={"cameo_code": "040", "actor1": "Erdogan", "actor2": "Putin",
          "evidence_more": ("A second report of the call.", "-A third")},
    meeting={"event_date": None, "source_url": "https://example.org/a?b=1"},
    strike={"fatalities_range": (30, 40), "time_precision": "published", "start": 120,
            "end": 190},
    refugees={"count": 3000, "actor2": "+Civilians"},
), event("rally", "protest", place("location", "Beirut", 33.89, 35.5), count=500,
         event_type="Protests", sub_event_type="Peaceful protest")]


def _write_export(fmt: str, folder: Path) -> Path:
    path = folder / f"events.{fmt}"
    export_all(EXPORTED, **{fmt: path})  # type: ignore[arg-type]
    return path


def _by_layer(events: list[Event]) -> dict[str, list[Event]]:
    out: dict[str, list[Event]] = {}
    for e in sorted(events, key=lambda e: e.event_id):
        out.setdefault(e.layer, []).append(e)
    return out


@pytest.mark.parametrize("fmt", ["csv", "geojson", "gpkg", "parquet", "fgb"])
def test_exports_read_back_into_the_same_events(tmp_path: Path, fmt: str) -> None:
    path = _write_export(fmt, tmp_path)
    assert is_exported_table(path.name, path.read_bytes()[:4096])
    events, failures = read_exported_events(path.name, path)
    assert failures == []
    got, want = _by_layer(events), _by_layer(EXPORTED)
    assert got.keys() == want.keys()
    for layer, originals in want.items():
        assert len(got[layer]) == len(originals), layer
        for back, original in zip(got[layer], originals, strict=True):
            assert back.event_date == original.event_date
            assert back.end_date == original.end_date
            assert back.evidence == original.evidence
            assert back.evidence_more == original.evidence_more
            assert (back.actor1, back.actor2) == (original.actor1, original.actor2)
            assert back.fatalities == original.fatalities
            assert back.fatalities_range == original.fatalities_range
            assert [(p.role, p.name) for p in back.locations] == [
                (p.role, p.name) for p in original.locations]
            for p, q in zip(back.locations, original.locations, strict=True):
                assert p.lat == pytest.approx(q.lat, abs=1e-5)
                assert p.lon == pytest.approx(q.lon, abs=1e-5)
            assert back == original  # and everything else
    again, _ = read_exported_events(path.name, path.read_bytes())
    assert sorted(again, key=lambda e: e.event_id) == sorted(events, key=lambda e: e.event_id)


def test_exported_csv_keeps_codes_and_unknown_fatalities_as_written(tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(csv_bytes(EXPORTED).decode())))
    call = next(r for r in rows if r["event_id_cnty"] == "call")
    assert call["cameo_code"] == "040"
    events, _ = read_exported_events("m.csv", csv_bytes(EXPORTED))
    by_id = {e.event_id: e for e in events}
    assert by_id["call"].cameo_code == "040"
    assert by_id["naval"].fatalities is None and by_id["troops"].fatalities == 0
    assert by_id["troops"].evidence == "=1+2 troops moved"


def test_bad_rows_of_an_export_are_failures_by_line(tmp_path: Path) -> None:
    text = csv_bytes(EXPORTED).decode()
    lines = text.split("\r\n")
    lines[2] = lines[2].replace("troop_movement", "weather", 1)
    events, failures = read_exported_events("m.csv", "\r\n".join(lines).encode())
    assert len(events) == len(EXPORTED) - 1
    assert [f.where for f in failures] == ["m.csv:3"]
    assert "'weather'" in failures[0].message


@pytest.mark.parametrize("fmt", ["csv", "geojson"])
def test_exports_read_back_into_typed_records(tmp_path: Path, fmt: str) -> None:
    path = _write_export(fmt, tmp_path)
    events, _ = read_exported_events(path.name, path)
    naval = next(e for e in events if e.event_id == "naval")
    assert naval.layer is Layer.NAVAL_DEPLOYMENT
    assert naval.time_precision is TimePrecision.DAY
    assert [p.role for p in naval.locations] == [Role.ORIGIN, Role.VIA, Role.DESTINATION]
    assert all(type(p.role) is Role and type(p.feature) is Feature
               and type(p.precision) is Precision for e in events for p in e.locations)
    call = next(e for e in events if e.event_id == "call")
    assert call.kind is EventKind.CALL
    assert all(type(e.kind) is EventKind for e in events)


def test_an_unknown_kind_of_an_export_is_a_failure() -> None:
    rows = list(csv.DictReader(io.StringIO(csv_bytes(EXPORTED).decode())))
    rows[1]["kind"] = "chat"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    events, failures = read_exported_events("m.csv", out.getvalue().encode())
    assert len(events) == len(EXPORTED) - 1
    assert [f.where for f in failures] == ["m.csv:3"]
    assert "unknown event kind 'chat'" in failures[0].message


@pytest.mark.parametrize(("word", "field"), [("origin", "role"), ("city", "feature")])
def test_an_unknown_role_or_feature_of_an_export_is_a_failure(word: str, field: str) -> None:
    text = csv_bytes(EXPORTED).decode()
    lines = text.split("\r\n")
    lines[1] = lines[1].replace(f'""{field}"":""{word}""', f'""{field}"":""sideways""', 1)
    assert "sideways" in lines[1]
    events, failures = read_exported_events("m.csv", "\r\n".join(lines).encode())
    assert len(events) == len(EXPORTED) - 1
    assert [f.where for f in failures] == ["m.csv:2"]
    assert f"unknown {field} 'sideways'" in failures[0].message


def test_a_geopackage_of_other_tables_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "other.gpkg"
    frame = gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(1, 2)], crs="EPSG:4326")
    pyogrio.write_dataframe(frame, path, layer="towns", driver="GPKG")
    assert is_exported_table(path.name, path.read_bytes()[:100])
    events, failures = read_exported_events(path.name, path)
    assert events == []
    assert [f.where for f in failures] == ["other.gpkg"]
    assert "conflictmap" in failures[0].message


@pytest.mark.parametrize(("name", "head", "expected"), [
    ("acled.csv", ACLED_HEADER + "\n" + BALYUN + "\n", False),
    ("articles.csv", "id,text\n1,Troops moved.\n", False),
    ("plain.geojson", '{"type": "FeatureCollection", "features": []}', False),
    ("notes.txt", "event_id_cnty,layer,locations\n", False),
    ("fake.gpkg", "not sqlite", False),
])
def test_other_files_are_not_exports(name: str, head: str, expected: bool) -> None:
    assert is_exported_table(name, head.encode()) is expected


def test_an_exported_csv_is_also_an_event_table_so_check_exports_first() -> None:
    head = csv_bytes(EXPORTED)[:4096]
    assert is_exported_table("m.csv", head)
    assert is_event_table("m.csv", head)
