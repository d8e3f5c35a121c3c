"""Tests of ``geo.maps.export``: GeoJSON, GeoPackage, CSV, HTML, atomic writes, inlined assets."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path

import folium
import geopandas as gpd
import pyogrio
import pytest

from geo.errors import ExportError, InputError
from geo.maps import export
from geo.maps.export import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    PER_LAYER_FORMATS,
    atomic_write,
    csv_bytes,
    export_all,
    fgb_bytes,
    geojson_bytes,
    gpkg_bytes,
    html_bytes,
    inline_assets,
    kml_bytes,
    layers_to_geojson,
    parquet_bytes,
    remote_urls,
    write_csv,
    write_fgb,
    write_geojson,
    write_geojson_per_layer,
    write_gpkg,
    write_html,
    write_kml,
    write_parquet,
    write_per_layer,
)
from geo.maps.folium_map import LAYER_STYLES
from geo.maps.gis_styles import kml_colour
from geo.maps.layers import build_layers
from geo.model import LAYERS, EventPlace, Feature, Precision, Role
from tests.geo.factories import (
    ankara_moscow_call,
    event,
    every_layer,
    idlib_strike,
    place,
    sevastopol_voyage,
)

EVENTS = [
    sevastopol_voyage("seed:1", evidence="=HYPERLINK(\"http://x\") <b>frigate</b>"),
    ankara_moscow_call("seed:2"),
    idlib_strike("seed:3"),
    event("seed:4", "strike"),  # no place: no feature, but a CSV row
]


@pytest.fixture(scope="module")
def layers() -> dict[str, object]:
    """Layers of :data:`EVENTS`."""
    return build_layers(EVENTS)  # type: ignore[return-value]


def test_geojson_is_rfc7946(tmp_path: Path, layers: dict) -> None:  # type: ignore[type-arg]
    path = write_geojson(layers, tmp_path / "events.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data
    assert len(data["features"]) == 3
    assert all(isinstance(f["id"], str) for f in data["features"])
    strike = next(f for f in data["features"] if f["id"] == "seed:3")
    assert strike["geometry"]["coordinates"] == [36.63, 35.93]  # lon, lat
    assert strike["properties"]["layer"] == "strike"
    for feature in data["features"]:
        assert all(not isinstance(v, dict | list) for v in feature["properties"].values())
        coords = feature["geometry"]["coordinates"]
        flat = coords if feature["geometry"]["type"] == "Point" else [x for c in coords for x in c]
        assert all(round(x, 6) == x for x in flat)
    frame = pyogrio.read_dataframe(path)
    assert len(frame) == 3
    assert frame.crs.to_epsg() == 4326
    idlib = frame[frame["event_id"] == "seed:3"].geometry.iloc[0]
    assert (idlib.x, idlib.y) == (36.63, 35.93)


def test_geojson_of_one_layer(layers: dict) -> None:  # type: ignore[type-arg]
    data = layers_to_geojson(layers, "diplomacy")
    assert [f["id"] for f in data["features"]] == ["seed:2"]
    assert data["features"][0]["geometry"]["type"] == "LineString"
    with pytest.raises(InputError, match="'weather'"):
        layers_to_geojson(layers, "weather")
    assert json.loads(geojson_bytes(layers, "strike"))["features"][0]["id"] == "seed:3"


def test_geojson_per_layer(tmp_path: Path, layers: dict) -> None:  # type: ignore[type-arg]
    paths = write_geojson_per_layer(layers, tmp_path, "seed")
    assert sorted(p.name for p in paths) == sorted(f"seed.{n}.geojson" for n in LAYERS)
    naval = json.loads((tmp_path / "seed.naval_deployment.geojson").read_text())
    assert [f["properties"]["layer"] for f in naval["features"]] == ["naval_deployment"]


def test_gpkg_has_one_table_per_layer_and_geometry_type(tmp_path: Path, layers: dict) -> None:  # type: ignore[type-arg]
    path = write_gpkg(layers, tmp_path / "events.gpkg")
    names = sorted(str(row[0]) for row in pyogrio.list_layers(path))
    assert names == ["diplomacy_calls", "layer_styles", "naval_deployment_routes",
                     "strike_points"]
    strike = pyogrio.read_dataframe(path, layer="strike_points")
    assert strike["event_id"].tolist() == ["seed:3"]
    assert strike["fatalities"].tolist() == [33]
    assert gpkg_bytes(layers)[:16] == b"SQLite format 3\x00"


def test_gpkg_without_events_is_still_valid(tmp_path: Path) -> None:
    path = write_gpkg(build_layers([]), tmp_path / "empty.gpkg")
    tables = [str(name) for name, kind in pyogrio.list_layers(path) if kind is not None]
    assert tables == ["strike_points"]
    assert len(pyogrio.read_dataframe(path, layer="strike_points")) == 0


def test_csv_is_acled_shaped_with_kepler_ends(tmp_path: Path) -> None:
    path = write_csv(EVENTS, tmp_path / "events.csv", timestamp=1_700_000_000)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert tuple(rows[0])[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert tuple(rows[0]) == CSV_COLUMNS
    by_id = {r["event_id_cnty"]: r for r in rows}
    call = by_id["seed:2"]
    assert (call["origin_lat"], call["origin_lng"], call["destination_lat"],
            call["destination_lng"]) == ("39.92", "32.85", "55.75", "37.62")
    naval = by_id["seed:1"]
    assert naval["location"] == "Sevastopol"
    assert (naval["latitude"], naval["longitude"]) == ("44.62", "33.53")
    assert (naval["destination_lat"], naval["destination_lng"]) == ("35.0", "18.0")
    assert naval["places"].startswith("origin: Sevastopol; via: Bosphorus")
    assert naval["evidence"].startswith("'=HYPERLINK")  # no formula in a spreadsheet
    assert naval["notes"] == naval["evidence"]
    strike = by_id["seed:3"]
    assert strike["fatalities"] == "33" and strike["destination_lat"] == ""
    assert strike["timestamp"] == "1700000000"
    assert by_id["seed:4"]["latitude"] == ""  # kept, coordinates not invented
    assert csv_bytes(EVENTS, timestamp=1_700_000_000) == path.read_bytes()


def test_csv_uses_acled_types() -> None:
    syria = EventPlace(Role.LOCATION, "gn:1", "Idlib", 35.93, 36.63, Feature.CITY, "SY",
                       Precision.TOWN)
    events = [
        event("day", "strike", syria, time_precision="day", fatalities=None,
              cameo_code="040", event_date=date(2020, 2, 27)),
        event("published", "strike", syria, time_precision="published", fatalities=0),
        event("month", "strike", syria, time_precision="month", fatalities=12),
    ]
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(csv_bytes(events).decode()))}
    assert [rows[k]["time_precision"] for k in ("day", "published", "month")] == ["1", "2", "3"]
    assert [rows[k]["fatalities"] for k in ("day", "published", "month")] == ["0", "0", "12"]
    # ACLED writes 0 for "not reported"; our own column keeps the difference
    assert [rows[k]["fatalities_reported"] for k in ("day", "published")] == ["", "0"]
    day = rows["day"]
    assert (day["iso"], day["country"], day["year"]) == ("760", "Syria", "2020")
    assert day["cameo_code"] == "040"
    assert day["date_precision"] == "day"
    assert int(day["timestamp"]) > 1_600_000_000


#: kepler.gl's column pairing (``findPointFieldPairs`` with ``TRIP_POINT_FIELDS`` in
#: kepler.gl's ``default-settings``): a name with ``lat`` between delimiters, and the same
#: name with ``lng``/``lon`` (or ``latitude``/``longitude``).
KEPLER_PAIRS = (("lat", "lng"), ("lat", "lon"), ("latitude", "longitude"))


def _kepler_point_pairs(columns: list[str]) -> list[str]:
    names = [c.lower() for c in columns]
    found = []
    for name in names:
        for lat, lng in KEPLER_PAIRS:
            pattern = re.compile(rf"(^|[#_&@.\- ]){lat}([#_&@.\- ]|$)")
            match = pattern.search(name)
            if match is None:
                continue
            partner = name[: match.start()] + match.group(0).replace(lat, lng) + name[match.end():]
            if partner in names:
                found.append(pattern.sub("", name).strip() or "point")
                break
    return found


def test_csv_arc_ends_pair_in_kepler() -> None:
    header = csv_bytes(EVENTS).decode().splitlines()[0].split(",")
    assert _kepler_point_pairs(header) == ["point", "origin", "destination"]
    assert _kepler_point_pairs(["lat0", "lon0", "lat1", "lon1"]) == []  # the old names


def test_failed_write_keeps_the_previous_file(
    tmp_path: Path, layers: dict, monkeypatch: pytest.MonkeyPatch  # type: ignore[type-arg]
) -> None:
    path = write_geojson(layers, tmp_path / "events.geojson")
    before = path.read_bytes()

    def half_write(tmp: Path, data: bytes) -> None:
        tmp.write_bytes(data[: len(data) // 2])
        raise OSError("disk full")

    monkeypatch.setattr(export, "_write_bytes", half_write)
    with pytest.raises(ExportError, match=r"events\.geojson") as info:
        write_geojson(build_layers(EVENTS[:1]), path)
    assert isinstance(info.value.__cause__, OSError)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.geojson"]


def test_failed_gpkg_write_keeps_the_previous_file(
    tmp_path: Path, layers: dict, monkeypatch: pytest.MonkeyPatch  # type: ignore[type-arg]
) -> None:
    path = write_gpkg(layers, tmp_path / "events.gpkg")
    before = path.read_bytes()
    real = pyogrio.write_dataframe
    calls: list[str] = []

    def fail_on_second_layer(frame: object, target: object, **kwargs: object) -> None:
        calls.append(str(kwargs.get("layer")))
        if len(calls) > 1:
            raise RuntimeError("driver error")
        real(frame, target, **kwargs)

    monkeypatch.setattr(export.pyogrio, "write_dataframe", fail_on_second_layer)
    with pytest.raises(ExportError, match=r"events\.gpkg"):
        write_gpkg(layers, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.gpkg"]


def test_atomic_write_creates_folders_and_reports_a_writer_that_wrote_nothing(
    tmp_path: Path,
) -> None:
    target = tmp_path / "a" / "b" / "x.txt"
    atomic_write(target, lambda tmp: tmp.write_text("ok"))
    assert target.read_text() == "ok"
    with pytest.raises(ExportError):
        atomic_write(target, lambda tmp: None)
    assert target.read_text() == "ok"


def test_html_is_standalone(tmp_path: Path) -> None:
    path = write_html(EVENTS, tmp_path / "map.html", title="Seed")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Naval deployments" in page
    assert "<b>frigate</b>" not in page
    assert html_bytes(EVENTS, title="Seed").startswith(b"<!DOCTYPE html>")


def test_export_all_writes_what_is_asked(tmp_path: Path) -> None:
    written = export_all(
        EVENTS, html=tmp_path / "m.html", geojson=tmp_path / "m.geojson", csv=tmp_path / "m.csv"
    )
    assert [p.name for p in written] == ["m.html", "m.geojson", "m.csv"]
    assert all(p.exists() for p in written)
    assert not (tmp_path / "m.gpkg").exists()


def _fake_package(root: Path, name: str, version: str, files: dict[str, str]) -> None:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"name": name, "version": version}))
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text)


def test_inline_assets_uses_pinned_local_files(tmp_path: Path) -> None:
    _fake_package(
        tmp_path,
        "leaflet",
        "1.9.3",
        {
            "dist/leaflet.js": "var L = {}; // </script> inside\n//# sourceMappingURL=leaflet.js.map",
            "dist/leaflet.css": ".a { background: url(images/x.png); }",
            "dist/images/x.png": "PNG",
        },
    )
    _fake_package(tmp_path, "jquery", "3.6.0", {"dist/jquery.min.js": "old"})
    page = (
        '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>\n'
        '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"/>\n'
        '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>\n'
        '<script src="https://example.org/unknown.js"></script>'
    )
    out = inline_assets(page, node_modules=tmp_path)
    assert "var L = {};" in out
    assert "<\\/script> inside" in out
    assert "sourceMappingURL" not in out
    assert "url(\"data:image/png;base64,UE5H\")" in out
    assert "leaflet@1.9.3/dist/leaflet.js\"></script>" not in out
    # a different version is not substituted; an unknown URL is kept
    assert '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>' in out
    assert '<script src="https://example.org/unknown.js"></script>' in out


def test_control_characters_never_cut_text_in_gis_files(tmp_path: Path) -> None:
    nul = idlib_strike("seed:nul", evidence="Shelling hit\x00 the market\x07 at dawn.")
    written = export_all([nul], gpkg=tmp_path / "e.gpkg", kml=tmp_path / "e.kml",
                         csv=tmp_path / "e.csv", fgb=tmp_path / "e.fgb")
    assert len(written) == 4
    for path, table in ((tmp_path / "e.gpkg", "strike_points"), (tmp_path / "e.kml", "strike"),
                        (tmp_path / "e.fgb", None)):
        frame = pyogrio.read_dataframe(path, layer=table)
        text = " ".join(str(v) for v in frame.iloc[0].to_numpy())
        assert "Shelling hit  the market  at dawn." in text, path.name
    row = next(csv.DictReader(io.StringIO((tmp_path / "e.csv").read_text(encoding="utf-8"))))
    assert row["evidence"] == "Shelling hit  the market  at dawn."


# --- GIS tables: geometry types, dates, styles --------------------------------------------

#: A movement from Kamchatka to Alaska and a call from Suva to Apia: both cross the antimeridian.
ACROSS = [
    event("bering", "troop_movement", place("origin", "Petropavlovsk", 53.02, 158.65),
          place("destination", "Anchorage", 61.22, -149.9)),
    event("pacific-call", "diplomacy", place("endpoint", "Suva", -18.14, 178.44),
          place("endpoint", "Apia", -13.83, -171.77), kind="call"),
]


def _gpkg_schema(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Geometry type of every feature table, and each table's CREATE statement."""
    with sqlite3.connect(path) as con:
        kinds = dict(con.execute(
            "SELECT table_name, geometry_type_name FROM gpkg_geometry_columns").fetchall())
        sql = dict(con.execute("SELECT name, sql FROM sqlite_master WHERE type='table'").fetchall())
    return kinds, sql


def test_gpkg_tables_have_one_geometry_type_date_fields_and_qgis_styles(tmp_path: Path) -> None:
    moored = event("moored", "naval_deployment", place("destination", "Tartus", 34.89, 35.89))
    events = [*every_layer(meeting={"end_date": "2024-03-03"}), moored]
    path = write_gpkg(build_layers(events), tmp_path / "e.gpkg")
    kinds, sql = _gpkg_schema(path)
    assert kinds == {
        "troop_movement_routes": "LINESTRING", "naval_deployment_points": "POINT",
        "naval_deployment_routes": "LINESTRING", "diplomacy_venues": "POINT",
        "diplomacy_calls": "LINESTRING", "strike_points": "POINT",
        "displacement_routes": "LINESTRING",
    }
    for table in kinds:
        assert re.search(r'"event_date" DATE\b', sql[table]), table
        assert re.search(r'"end_date" DATE\b', sql[table]), table
    venues = pyogrio.read_dataframe(path, layer="diplomacy_venues")
    assert str(venues["end_date"].iloc[0])[:10] == "2024-03-03"
    with sqlite3.connect(path) as con:
        styles = con.execute(
            "SELECT f_table_name, f_geometry_column, styleQML, styleSLD, useAsDefault "
            "FROM layer_styles").fetchall()
        contents = dict(con.execute("SELECT table_name, data_type FROM gpkg_contents"))
    assert contents["layer_styles"] == "attributes"
    assert sorted(s[0] for s in styles) == sorted(kinds)
    for table, column, qml, sld, default in styles:
        layer = next(n for n in LAYERS if table.startswith(n))
        colour = LAYER_STYLES[layer].color
        red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        assert (column, default) == ("geom", 1)
        assert f'value="{red},{green},{blue},255"' in qml, table
        assert ("SimpleMarker" in qml) == (kinds[table] == "POINT"), table
        assert 'startField="event_date"' in qml
        assert colour in sld
        ET.fromstring(qml.split("\n", 1)[1])  # well-formed
        ET.fromstring(sld)


def test_geojson_cuts_lines_at_the_antimeridian() -> None:
    data = json.loads(geojson_bytes(build_layers(ACROSS)))
    assert data["generator"] == "conflictmap"
    assert len(data["features"]) == 2
    for feature in data["features"]:
        geometry = feature["geometry"]
        assert geometry["type"] == "MultiLineString", feature["id"]
        lons = [c[0] for part in geometry["coordinates"] for c in part]
        assert all(-180 <= x <= 180 for x in lons)
        assert {180.0, -180.0} <= set(lons)  # each part ends on the antimeridian


def test_gpkg_and_kml_cut_lines_at_the_antimeridian(tmp_path: Path) -> None:
    layers = build_layers(ACROSS)
    routes = pyogrio.read_dataframe(write_gpkg(layers, tmp_path / "a.gpkg"),
                                    layer="troop_movement_routes")
    assert routes.geometry.iloc[0].geom_type == "MultiLineString"
    assert routes.total_bounds[0] >= -180 and routes.total_bounds[2] <= 180
    kml = ET.fromstring(kml_bytes(layers))
    coords = [c.text or "" for c in kml.iter(f"{{{KML}}}coordinates")]
    lons = [float(pair.split(",")[0]) for text in coords for pair in text.split()]
    assert lons and all(-180 <= x <= 180 for x in lons)
    assert len(list(kml.iter(f"{{{KML}}}MultiGeometry"))) == 2


KML = "http://www.opengis.net/kml/2.2"


def test_kml_styles_every_layer_in_the_map_colours_with_times(tmp_path: Path) -> None:
    events = every_layer(meeting={"end_date": "2024-03-04"}, refugees={"event_date": None})
    root = ET.parse(write_kml(build_layers(events), tmp_path / "e.kml")).getroot()
    styles = {s.get("id", ""): s for s in root.iter(f"{{{KML}}}Style")}
    assert set(styles) == {e.layer for e in events}
    for layer, style in styles.items():
        colour = kml_colour(LAYER_STYLES[layer].color)
        assert style.findtext(f"{{{KML}}}LineStyle/{{{KML}}}color") == colour
        assert style.findtext(f"{{{KML}}}IconStyle/{{{KML}}}color") == colour
    marks = {m.get("id"): m for m in root.iter(f"{{{KML}}}Placemark")}
    assert len(marks) == len(events)
    for mark in marks.values():
        folder_layer = mark.findtext(f"{{{KML}}}ExtendedData/{{{KML}}}Data[@name='layer']/"
                                     f"{{{KML}}}value", "")
        assert mark.findtext(f"{{{KML}}}styleUrl") == f"#{folder_layer}"
    assert marks["event-strike"].findtext(f"{{{KML}}}TimeStamp/{{{KML}}}when") == "2024-03-01"
    span = marks["event-meeting"].find(f"{{{KML}}}TimeSpan")
    assert span is not None
    assert (span.findtext(f"{{{KML}}}begin"), span.findtext(f"{{{KML}}}end")) == (
        "2024-03-01", "2024-03-04")
    undated = marks["event-refugees"]
    assert undated.find(f"{{{KML}}}TimeStamp") is None and undated.find(f"{{{KML}}}TimeSpan") is None


def test_kml_keeps_apostrophes_and_quotes_readable_in_gis(tmp_path: Path) -> None:
    said = 'The port\'s cranes stood idle, a "quiet day", the harbour master\'s office said.'
    events = [replace(e, evidence=said) if e.layer == "strike" else e for e in every_layer()]
    path = write_kml(build_layers(events), tmp_path / "e.kml")
    frame = pyogrio.read_dataframe(path, layer="strike")
    assert list(frame["evidence"]) == [said]
    assert said in str(frame["description"].iloc[0])


def test_parquet_reads_back_as_epsg4326_with_dates(tmp_path: Path) -> None:
    path = write_parquet(build_layers(every_layer()), tmp_path / "e.parquet")
    frame = gpd.read_parquet(path)
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    assert sorted(frame["event_id"]) == sorted(e.event_id for e in every_layer())
    assert str(frame["event_date"].dtype).startswith("date32")
    assert parquet_bytes(build_layers(every_layer()))[:4] == b"PAR1"


def test_flatgeobuf_holds_points_and_lines(tmp_path: Path) -> None:
    path = write_fgb(build_layers(every_layer()), tmp_path / "e.fgb")
    frame = pyogrio.read_dataframe(path)
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    assert set(frame.geometry.geom_type) == {"Point", "LineString"}
    assert sorted(frame["layer"]) == sorted(e.layer for e in every_layer())
    assert fgb_bytes(build_layers(every_layer()))[:3] == b"fgb"


def test_flatgeobuf_layer_is_named_events_not_after_the_temporary_file(tmp_path: Path) -> None:
    written = write_fgb(build_layers(every_layer()), tmp_path / "e.fgb")
    from_bytes = tmp_path / "download.fgb"
    from_bytes.write_bytes(fgb_bytes(build_layers(every_layer())))
    for path in (written, from_bytes):
        assert [str(name) for name, _ in pyogrio.list_layers(path)] == ["events"]


@pytest.mark.parametrize("fmt", sorted(PER_LAYER_FORMATS))
def test_one_file_per_layer(tmp_path: Path, fmt: str) -> None:
    layers = build_layers(EVENTS)
    paths = write_per_layer(layers, tmp_path, "seed", fmt)
    expected = [f"seed.{n}.{fmt}" for n in ("naval_deployment", "diplomacy", "strike")]
    assert [p.name for p in paths] == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(expected)
    if fmt == "kml":
        return
    strike = (gpd.read_parquet(paths[2]) if fmt == "parquet"
              else pyogrio.read_dataframe(paths[2], layer="strike_points" if fmt == "gpkg"
                                          else None))
    assert strike["event_id"].tolist() == ["seed:3"]
    with pytest.raises(InputError, match="'shp'"):
        write_per_layer(layers, tmp_path, "seed", "shp")


def test_export_all_writes_every_format_and_per_layer_files(tmp_path: Path) -> None:
    written = export_all(EVENTS, parquet=tmp_path / "m.parquet", fgb=tmp_path / "m.fgb",
                         kml=tmp_path / "m.kml", manifest=tmp_path / "m.manifest.json")
    assert [p.name for p in written] == ["m.kml", "m.parquet", "m.fgb", "m.manifest.json"]
    split = export_all(EVENTS, geojson=tmp_path / "x.geojson", csv=tmp_path / "x.csv",
                       per_layer=True)
    assert [p.name for p in split] == [
        "x.naval_deployment.geojson", "x.diplomacy.geojson", "x.strike.geojson", "x.csv"]


def test_no_output_holds_a_local_path(tmp_path: Path) -> None:
    folder = tmp_path / "private-folder-of-a-reporter"
    folder.mkdir()
    (folder / "dispatch.txt").write_text(
        "Syrian warplanes bombed Saraqeb on Tuesday, residents said.", encoding="utf-8")
    from geo.io.ingest import read_documents
    from geo.model import Document
    from geo.pipeline import Pipeline

    docs = [d for d in read_documents([folder / "dispatch.txt"], published=date(2020, 2, 5))
            if isinstance(d, Document)]
    events = list(Pipeline().process(docs).events)
    assert events and {e.source for e in events} == {"dispatch.txt"}
    out = tmp_path / "out"
    written = export_all(events, html=out / "m.html", geojson=out / "m.geojson",
                         gpkg=out / "m.gpkg", csv=out / "m.csv", kml=out / "m.kml",
                         parquet=out / "m.parquet", fgb=out / "m.fgb")
    assert len(written) == 7
    for path in written:
        data = path.read_bytes()
        assert folder.name.encode() not in data, path.name
        assert str(tmp_path).encode() not in data, path.name
        assert b"dispatch.txt" in data or path.suffix in (".parquet",), path.name


def test_inline_assets_drops_folium_defaults_the_page_does_not_use(tmp_path: Path) -> None:
    _fake_package(tmp_path, "leaflet", "1.9.3", {"dist/leaflet.js": "var L = {};"})
    page = folium.Map(tiles=None).get_root().render()
    assert "awesome-markers" in page and "bootstrap-glyphicons" in page
    out = inline_assets(page, node_modules=tmp_path)
    for gone in ("Leaflet.awesome-markers", "bootstrap-glyphicons", "leaflet.awesome.rotate"):
        assert gone not in out
    # not installed here, and kept, so remote_urls finds them
    assert "https://code.jquery.com/jquery-3.7.1.min.js" in remote_urls(out)
    assert not any("leaflet@1.9.3/dist/leaflet.js" in u for u in remote_urls(out))
    used = page.replace("</body>", "<script>L.AwesomeMarkers.icon({});</script></body>")
    assert "Leaflet.awesome-markers" in inline_assets(used, node_modules=tmp_path)


def test_exported_map_loads_nothing_remote(tmp_path: Path) -> None:
    page = write_html(every_layer(), tmp_path / "m.html").read_text(encoding="utf-8")
    if "leaflet@1.9.3/dist/leaflet.js */" not in page:
        pytest.skip("the npm packages are not installed under .cache/npm")
    assert remote_urls(page) == []
    assert "tile.openstreetmap.org" not in page
    assert "tile.openstreetmap.org" in html_bytes(every_layer(), tiles="osm").decode()


def test_remote_urls_finds_every_kind_of_load() -> None:
    page = ('<script src="https://a.org/x.js"></script><link rel="stylesheet" '
            'href="http://b.org/y.css"><img src="https://c.org/i.png">'
            '<style>@font-face{src:url(https://d.org/f.woff2)}</style>'
            '<a href="https://e.org/">link</a><svg xmlns="http://www.w3.org/2000/svg"></svg>')
    assert remote_urls(page) == ["https://a.org/x.js", "http://b.org/y.css",
                                 "https://c.org/i.png", "https://d.org/f.woff2"]
