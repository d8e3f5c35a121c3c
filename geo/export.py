"""Write the layers and the map to files: HTML, GeoJSON, GeoPackage, CSV; all atomically.

Every file goes through :func:`atomic_write`: written to a temporary file in the target folder
and moved over the target with :func:`os.replace`, so a failed save leaves the previous file
as it was and raises :class:`~geo.errors.ExportError` naming the path.

GeoJSON follows RFC 7946: ``[lon, lat]`` in WGS84, no ``crs`` member, flat scalar properties,
a string ``id`` per feature (the event id), coordinates rounded to 6 decimals.

Offline HTML
------------
folium pages load Leaflet and its plugins from CDNs. :func:`inline_assets` swaps each CDN
``<script src>`` / ``<link rel="stylesheet">`` for the file's contents when that file is present
locally, at the pinned version, and keeps the CDN tag otherwise. The files come from npm
packages installed under ``<cache>/npm/node_modules`` (override with the environment variable
``CONFLICTMAP_NODE_MODULES``), installed by::

    npm install --prefix .cache/npm leaflet@1.9.3 leaflet.markercluster@1.1.0 \\
        jquery@3.7.1 bootstrap@5.2.2 @fortawesome/fontawesome-free@6.2.0 leaflet-textpath@1.2.3

(the event map itself needs only the first two; the others are folium's defaults and the
arrow plugin :class:`folium.plugins.PolyLineTextPath`, for other maps).

The versions are the ones folium 0.20 references (:data:`ASSETS` maps each URL to its package
file; any other ``cdn.jsdelivr.net/npm/<package>@<version>/<file>`` URL is looked up the same
way). Images and ``woff2`` fonts that a stylesheet points to are inlined as ``data:`` URIs.
Not on npm at folium's versions, and so left as CDN links (the event map does not use them):
Leaflet.awesome-markers 2.0.2, the Bootstrap 3 glyphicons stylesheet and folium's
``leaflet.awesome.rotate.min.css``.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import pyogrio
from pandas.api.types import is_string_dtype

from geo.atomic import FileSet, atomic_write
from geo.decode import clean_controls
from geo.errors import InputError
from geo.layers import COLUMNS, build_layers, event_geometry, iter_features
from geo.maps import LAYER_STYLES, build_map
from geo.model import LAYERS, Event
from geo.settings import load_paths

__all__ = [
    "ASSETS",
    "CSV_COLUMNS",
    "atomic_write",
    "csv_bytes",
    "export_all",
    "geojson_bytes",
    "gpkg_bytes",
    "html_bytes",
    "inline_assets",
    "layers_to_geojson",
    "write_csv",
    "write_geojson",
    "write_geojson_per_layer",
    "write_gpkg",
    "write_html",
]

PathLike = str | os.PathLike[str]

#: Decimals of GeoJSON coordinates (about 10 cm).
GEOJSON_PRECISION = 6


def _span(first: str, last: str) -> tuple[str, ...]:
    """The layer columns (:data:`geo.layers.COLUMNS`) from ``first`` to ``last``, both included."""
    return COLUMNS[COLUMNS.index(first) : COLUMNS.index(last) + 1]


#: CSV columns, in order: ACLED-like, from the layer columns plus the first place's name and
#: coordinates, then the ends of the line as kepler.gl reads arcs (``lat1, lon1`` empty for a
#: point).
CSV_COLUMNS: tuple[str, ...] = (
    *_span("event_id", "count"),
    "location", "latitude", "longitude", "geo_precision", "places",
    *_span("evidence", "confidence"),
    "lat0", "lon0", "lat1", "lon1",
)  # fmt: skip
#: CSV columns holding article text, guarded against spreadsheet formulas.
_CSV_TEXT = frozenset(
    {"actor1", "actor2", "location", "places", "evidence", "source", "event_type", "kind"}
)

#: CDN URL used by folium → (npm package, pinned version, file inside the package).
ASSETS: dict[str, tuple[str, str, str]] = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": (
        "leaflet", "1.9.3", "dist/leaflet.js"),
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": (
        "leaflet", "1.9.3", "dist/leaflet.css"),
    "https://code.jquery.com/jquery-3.7.1.min.js": ("jquery", "3.7.1", "dist/jquery.min.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js": (
        "jquery", "3.7.1", "dist/jquery.min.js"),
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": (
        "bootstrap", "5.2.2", "dist/js/bootstrap.bundle.min.js"),
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css": (
        "bootstrap", "5.2.2", "dist/css/bootstrap.min.css"),
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css": (
        "@fortawesome/fontawesome-free", "6.2.0", "css/all.min.css"),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js": (
        "leaflet.markercluster", "1.1.0", "dist/leaflet.markercluster.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css": (
        "leaflet.markercluster", "1.1.0", "dist/MarkerCluster.css"),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.Default.css": (
        "leaflet.markercluster", "1.1.0", "dist/MarkerCluster.Default.css"),
    "https://cdn.jsdelivr.net/npm/leaflet-textpath@1.2.3/leaflet.textpath.min.js": (
        "leaflet-textpath", "1.2.3", "leaflet.textpath.js"),
}  # fmt: skip

_JSDELIVR_NPM = re.compile(r"^https://cdn\.jsdelivr\.net/npm/(@?[^@/]+(?:/[^@/]+)?)@([^/]+)/(.+)$")
_SCRIPT_TAG = re.compile(r'<script\s+src="(?P<url>https?://[^"]+)"\s*>\s*</script>', re.I)
_LINK_TAG = re.compile(
    r'<link\s+rel="stylesheet"\s+href="(?P<url>https?://[^"]+)"\s*/?>', re.I
)
_CSS_URL = re.compile(r"url\((?P<q>['\"]?)(?P<ref>[^'\")]+)(?P=q)\)")
_SOURCE_MAP = re.compile(r"^[ \t]*/[/*][#@] sourceMappingURL=.*$", re.M)
_DATA_TYPES = {
    ".png": "image/png",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
}


def _write_text(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(text)


def _write_bytes(path: Path, data: bytes) -> None:
    path.write_bytes(data)


# --- offline assets -----------------------------------------------------------------------


def _node_modules() -> Path:
    env = os.environ.get("CONFLICTMAP_NODE_MODULES")
    return Path(env) if env else load_paths().cache_dir / "npm" / "node_modules"


def _asset_file(url: str, node_modules: Path) -> Path | None:
    """Local copy of ``url`` at the pinned version, or ``None``."""
    spec = ASSETS.get(url)
    if spec is None and (m := _JSDELIVR_NPM.match(url)):
        spec = (m.group(1), m.group(2), m.group(3))
    if spec is None:
        return None
    package, version, rel = spec
    root = node_modules / package
    try:
        meta = json.loads((root / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    file = root / rel
    if meta.get("version") != version or not file.is_file():
        return None
    return file


def _data_uris(css: str, folder: Path) -> str:
    def repl(m: re.Match[str]) -> str:
        ref = m.group("ref").strip()
        if ref.startswith(("data:", "#", "http:", "https:", "/")):
            return m.group(0)
        file = (folder / ref.split("?")[0].split("#")[0]).resolve()
        mime = _DATA_TYPES.get(file.suffix.lower())
        if mime is None or not file.is_file():
            return m.group(0)
        encoded = base64.b64encode(file.read_bytes()).decode("ascii")
        return f'url("data:{mime};base64,{encoded}")'

    return _CSS_URL.sub(repl, css)


def _leaflet_icons(leaflet_dist: Path) -> str:
    """Script pointing ``L.Icon.Default`` at inlined images (its CSS path probe needs files)."""
    images = leaflet_dist / "images"
    urls: dict[str, str] = {}
    for key, name in (
        ("iconUrl", "marker-icon.png"),
        ("iconRetinaUrl", "marker-icon-2x.png"),
        ("shadowUrl", "marker-shadow.png"),
    ):
        file = images / name
        if file.is_file():
            urls[key] = "data:image/png;base64," + base64.b64encode(file.read_bytes()).decode()
    if not urls:
        return ""
    return (
        "<script>L.Icon.Default.imagePath = '';"
        f"L.Icon.Default.mergeOptions({json.dumps(urls)});</script>"
    )


def inline_assets(html: str, *, node_modules: PathLike | None = None) -> str:
    """Replace CDN scripts and stylesheets by their local contents, for a page that opens offline.

    Parameters
    ----------
    html
        A rendered folium page.
    node_modules
        Folder of the npm packages (default: ``CONFLICTMAP_NODE_MODULES`` or
        ``<cache>/npm/node_modules``); see the module docstring for the packages.

    Returns
    -------
    str
        The page; a tag whose file is not present locally (at the pinned version) is kept.
    """
    modules = Path(node_modules) if node_modules is not None else _node_modules()
    cache: dict[str, Path | None] = {}

    def local(url: str) -> Path | None:
        if url not in cache:
            cache[url] = _asset_file(url, modules)
        return cache[url]

    def script(m: re.Match[str]) -> str:
        file = local(m.group("url"))
        if file is None:
            return m.group(0)
        code = _SOURCE_MAP.sub("", file.read_text(encoding="utf-8"))
        code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.I)
        tag = f"<script>/* {m.group('url')} */\n{code}\n</script>"
        if file.name == "leaflet.js":
            tag += _leaflet_icons(file.parent)
        return tag

    def stylesheet(m: re.Match[str]) -> str:
        file = local(m.group("url"))
        if file is None:
            return m.group(0)
        css = _data_uris(_SOURCE_MAP.sub("", file.read_text(encoding="utf-8")), file.parent)
        css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.I)
        return f"<style>/* {m.group('url')} */\n{css}\n</style>"

    return _LINK_TAG.sub(stylesheet, _SCRIPT_TAG.sub(script, html))


# --- HTML ---------------------------------------------------------------------------------


def _render_html(events_or_map: Sequence[Event] | folium.Map, title: str = "") -> str:
    fmap = (
        events_or_map
        if isinstance(events_or_map, folium.Map)
        else build_map(events_or_map, title=title)
    )
    return inline_assets(fmap.get_root().render())


def write_html(
    events_or_map: Sequence[Event] | folium.Map, path: PathLike, *, title: str = ""
) -> Path:
    """Standalone HTML map (assets inlined where available, see :func:`inline_assets`).

    Parameters
    ----------
    events_or_map
        Events (drawn with :func:`geo.maps.build_map`) or a map already built.
    path
        Target ``.html`` file.
    title
        Page title, when events are given.
    """
    text = _render_html(events_or_map, title)
    return atomic_write(path, lambda tmp: _write_text(tmp, text))


def html_bytes(events_or_map: Sequence[Event] | folium.Map, *, title: str = "") -> bytes:
    """The standalone HTML map as UTF-8 bytes, for a download button."""
    return _render_html(events_or_map, title).encode("utf-8")


# --- GeoJSON ------------------------------------------------------------------------------


def _check_layer(layers: Mapping[str, gpd.GeoDataFrame], layer: str | None) -> None:
    if layer is not None and layer not in layers:
        raise InputError(f"unknown layer {layer!r}; expected one of {sorted(layers)}")


def layers_to_geojson(
    layers: Mapping[str, gpd.GeoDataFrame], layer: str | None = None
) -> dict[str, Any]:
    """RFC 7946 FeatureCollection of one layer, or of all layers when ``layer`` is ``None``.

    Every feature has the string ``id`` of its event and the flat properties of its layer
    (including ``layer``).

    Raises
    ------
    InputError
        When ``layer`` is not a key of ``layers``.
    """
    _check_layer(layers, layer)
    names = [layer] if layer is not None else [n for n in LAYERS if n in layers]
    names += [n for n in layers if layer is None and n not in LAYERS]
    features = [
        feature
        for name in names
        for feature in iter_features(layers[name], precision=GEOJSON_PRECISION)
    ]
    return {"type": "FeatureCollection", "features": features}


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


# --- GeoPackage ---------------------------------------------------------------------------


def _gpkg_frame(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The frame with plain object text columns, control characters (a NUL would cut the text
    short in GDAL's drivers) turned into spaces."""
    out = frame.copy()
    for column in out.columns:
        if column != out.geometry.name and (
            str(out[column].dtype) in ("str", "string") or is_string_dtype(out[column])
        ):
            out[column] = [clean_controls(v) if isinstance(v, str) else None
                           for v in out[column]]
    return out


def _write_gpkg_file(layers: Mapping[str, gpd.GeoDataFrame], path: Path) -> None:
    names = [n for n, f in layers.items() if len(f)] or list(layers)[:1]
    if not names:
        raise InputError("no layers to write")
    for i, name in enumerate(names):
        frame = _gpkg_frame(layers[name])
        kwargs: dict[str, Any] = {}
        if not len(frame):
            kwargs["geometry_type"] = "Unknown"
        pyogrio.write_dataframe(
            frame, path, layer=name, driver="GPKG", append=i > 0, promote_to_multi=False, **kwargs
        )


def write_gpkg(layers: Mapping[str, gpd.GeoDataFrame], path: PathLike) -> Path:
    """GeoPackage with one table per non-empty layer (one empty table when all are empty)."""
    return atomic_write(path, lambda tmp: _write_gpkg_file(layers, tmp))


def gpkg_bytes(layers: Mapping[str, gpd.GeoDataFrame]) -> bytes:
    """The GeoPackage of :func:`write_gpkg` as bytes."""
    with tempfile.TemporaryDirectory(prefix="conflictmap-") as folder:
        path = write_gpkg(layers, Path(folder) / "events.gpkg")
        return path.read_bytes()


# --- KML ----------------------------------------------------------------------------------


def _kml_frame(layer: str, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Name and description columns for Google Earth's balloons; every text escaped, since
    Google Earth renders balloon text as HTML."""
    out = _gpkg_frame(frame)
    for column in out.columns:
        if column != out.geometry.name and is_string_dtype(out[column]):
            out[column] = [html.escape(v) if isinstance(v, str) else v for v in out[column]]
    out["Name"] = [
        f"{LAYER_STYLES[layer].label if layer in LAYER_STYLES else layer} {d or ''}".strip()
        for d in frame["event_date"].fillna("").astype(str)
    ]
    out["Description"] = [
        html.escape(f"{places} — {evidence}") for places, evidence in
        zip(frame["places"].fillna("").astype(str), frame["evidence"].fillna("").astype(str),
            strict=True)
    ]
    return out


def _write_kml_file(layers: Mapping[str, gpd.GeoDataFrame], path: Path) -> None:
    names = [n for n, f in layers.items() if len(f)]
    if not names:
        raise InputError("no events to write")
    for i, name in enumerate(names):
        pyogrio.write_dataframe(
            _kml_frame(name, layers[name]), path, layer=name, driver="KML", append=i > 0
        )


def write_kml(layers: Mapping[str, gpd.GeoDataFrame], path: PathLike) -> Path:
    """KML for Google Earth: one folder per non-empty layer, the evidence in each balloon."""
    return atomic_write(path, lambda tmp: _write_kml_file(layers, tmp))


# --- CSV ----------------------------------------------------------------------------------


def _cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    text = clean_controls(str(value))
    if column in _CSV_TEXT and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text  # keep spreadsheets from running article text as a formula
    return text


def _csv_row(event: Event) -> dict[str, Any]:
    row: dict[str, Any] = {c: getattr(event, c, None) for c in CSV_COLUMNS}
    row["places"] = "; ".join(f"{p.role}: {p.name}" for p in event.locations)
    row["confidence"] = f"{event.confidence:.3f}".rstrip("0").rstrip(".")
    built = event_geometry(event)
    if built is not None:
        geometry, _routed, places = built
        first, last = places[0], places[-1]
        row.update(
            location=first.name,
            latitude=first.lat,
            longitude=first.lon,
            geo_precision=max(p.precision for p in places),
            lat0=first.lat,
            lon0=first.lon,
        )
        if geometry.geom_type != "Point":
            row.update(lat1=last.lat, lon1=last.lon)
    return row


def _csv_text(events: Iterable[Event]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    for event in events:
        writer.writerow({k: _cell(k, v) for k, v in _csv_row(event).items()})
    return buffer.getvalue()


def csv_bytes(events: Iterable[Event]) -> bytes:
    """The CSV of :func:`write_csv` as UTF-8 bytes."""
    return _csv_text(events).encode("utf-8")


def write_csv(events: Iterable[Event], path: PathLike) -> Path:
    """ACLED-like CSV, one row per event, plus ``lat0, lon0, lat1, lon1`` for kepler.gl arcs.

    ``location``, ``latitude`` and ``longitude`` are the first place the event is drawn at;
    ``lat1``/``lon1`` the last place of a line or arc (empty for points). An event without
    usable coordinates keeps its row with empty coordinates. Text cells that a spreadsheet
    would read as a formula (``=``, ``+``, ``-``, ``@``) get a leading apostrophe.
    """
    text = _csv_text(events)
    return atomic_write(path, lambda tmp: _write_text(tmp, text))


# --- all at once --------------------------------------------------------------------------


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
) -> list[Path]:
    """Write whichever outputs are given, as one set; the layers are built once.

    The files are written with :class:`geo.atomic.FileSet`: all of them replace their previous
    versions, or none does (a run killed while moving them is finished by the next export to
    that folder).

    Parameters
    ----------
    events
        Events to export.
    html, geojson, gpkg, csv, kml
        Target files (``geojson`` gets all layers in one collection).
    title
        Title of the HTML map.
    manifest
        Where to write the set's manifest (run id, and each file's size and SHA-256); none
        when omitted.

    Returns
    -------
    list of Path
        The files written, in the order html, geojson, gpkg, csv, kml, manifest.

    Raises
    ------
    ExportError
        When any file cannot be written; no target is changed then.
    """
    layers = build_layers(events)
    with FileSet(manifest=manifest) as files:
        if html is not None:
            page = _render_html(build_map(events, layers, title=title))
            files.add(html, lambda tmp: _write_text(tmp, page))
        if geojson is not None:
            data = geojson_bytes(layers)
            files.add(geojson, lambda tmp: _write_bytes(tmp, data))
        if gpkg is not None:
            files.add(gpkg, lambda tmp: _write_gpkg_file(layers, tmp))
        if csv is not None:
            table = _csv_text(events)
            files.add(csv, lambda tmp: _write_text(tmp, table))
        if kml is not None:
            files.add(kml, lambda tmp: _write_kml_file(layers, tmp))
    return files.targets
