"""Tests of ``geo.export``: GeoJSON, GeoPackage, CSV, HTML, atomic writes, inlined assets."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyogrio
import pytest

from geo import export
from geo.errors import ExportError, InputError
from geo.export import (
    atomic_write,
    csv_bytes,
    export_all,
    geojson_bytes,
    gpkg_bytes,
    html_bytes,
    inline_assets,
    layers_to_geojson,
    write_csv,
    write_geojson,
    write_geojson_per_layer,
    write_gpkg,
    write_html,
)
from geo.layers import build_layers
from geo.model import LAYERS
from tests.geo.factories import ankara_moscow_call, event, idlib_strike, sevastopol_voyage

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


def test_gpkg_has_one_table_per_non_empty_layer(tmp_path: Path, layers: dict) -> None:  # type: ignore[type-arg]
    path = write_gpkg(layers, tmp_path / "events.gpkg")
    names = sorted(str(row[0]) for row in pyogrio.list_layers(path))
    assert names == ["diplomacy", "naval_deployment", "strike"]
    strike = pyogrio.read_dataframe(path, layer="strike")
    assert strike["event_id"].tolist() == ["seed:3"]
    assert strike["fatalities"].tolist() == [33]
    assert gpkg_bytes(layers)[:16] == b"SQLite format 3\x00"


def test_gpkg_without_events_is_still_valid(tmp_path: Path) -> None:
    path = write_gpkg(build_layers([]), tmp_path / "empty.gpkg")
    tables = pyogrio.list_layers(path)
    assert len(tables) == 1
    assert len(pyogrio.read_dataframe(path)) == 0


def test_csv_is_acled_like_with_kepler_ends(tmp_path: Path) -> None:
    path = write_csv(EVENTS, tmp_path / "events.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert list(rows[0])[:3] == ["event_id", "event_date", "end_date"]
    assert list(rows[0])[-4:] == ["lat0", "lon0", "lat1", "lon1"]
    by_id = {r["event_id"]: r for r in rows}
    call = by_id["seed:2"]
    assert (call["lat0"], call["lon0"], call["lat1"], call["lon1"]) == (
        "39.92", "32.85", "55.75", "37.62")  # fmt: skip
    naval = by_id["seed:1"]
    assert naval["location"] == "Sevastopol"
    assert (naval["latitude"], naval["longitude"]) == ("44.62", "33.53")
    assert (naval["lat1"], naval["lon1"]) == ("35.0", "18.0")
    assert naval["places"].startswith("origin: Sevastopol; via: Bosphorus")
    assert naval["evidence"].startswith("'=HYPERLINK")  # no formula in a spreadsheet
    strike = by_id["seed:3"]
    assert strike["fatalities"] == "33" and strike["lat1"] == ""
    assert by_id["seed:4"]["latitude"] == ""  # kept, coordinates not invented
    assert csv_bytes(EVENTS) == path.read_bytes()


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
                         csv=tmp_path / "e.csv")
    assert len(written) == 3
    for path in (tmp_path / "e.gpkg", tmp_path / "e.kml"):
        frame = pyogrio.read_dataframe(path, layer="strike")
        text = " ".join(str(v) for v in frame.iloc[0].to_numpy())
        assert "Shelling hit  the market  at dawn." in text, path.name
    row = next(csv.DictReader(io.StringIO((tmp_path / "e.csv").read_text(encoding="utf-8"))))
    assert row["evidence"] == "Shelling hit  the market  at dawn."
