"""Events to map layers: one GeoDataFrame per layer of :data:`geo.model.LAYERS`, in EPSG:4326.

Geometry by layer:

``naval_deployment``
    LineString routed by sea from origin through each "via" to destination
    (:func:`geo.maps.routes.route_by_sea`); a Point when the event has one place only.
``troop_movement``, ``displacement``
    LineString origin → via → destination in straight segments; a Point for one place.
``diplomacy``
    A call (``kind == "call"`` with two "endpoint" places or more) is an arc between the
    first two endpoints (:func:`call_arc`); anything else is a Point at the venue.
``strike``
    A Point at the first "location" or "target" place, with a ``radius`` (pixels) that grows
    with the fatalities (:func:`strike_radius`).

Coordinates are never invented: a place without usable coordinates (not finite, out of range,
or exactly ``(0, 0)``, the usual stand-in for "unknown") is left out, and an event left with no
usable place is skipped.

Columns are flat scalars, named as in ACLED where ACLED has the field (see :data:`COLUMNS`).
Everything an event holds is in its row, so an exported table reads back into the same events
(:func:`geo.io.records.read_exported_events`): the places with their roles, coordinates and
gazetteer ids as a JSON list in ``locations``, the other reports' sentences as a JSON list in
``evidence_more``, and the fatality range of merged reports in ``fatalities_min``/``_max``.

Geometries keep continuous longitudes (an arc from 179° E to 179° W runs to 181°), which is
what Leaflet draws best; files for GIS tools get :func:`split_antimeridian` lines instead.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
from collections.abc import Iterator, Sequence
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, MultiLineString, Point, mapping
from shapely.geometry.base import BaseGeometry

from geo.dates import format_day
from geo.maps.routes import route_by_sea
from geo.model import LAYERS, Event, EventKind, EventPlace, Layer, Role

__all__ = [
    "COLUMNS",
    "CRS",
    "LINE_LAYERS",
    "build_layers",
    "call_arc",
    "event_geometry",
    "iter_features",
    "layer_columns",
    "locations_json",
    "split_antimeridian",
    "strike_radius",
]

log = logging.getLogger(__name__)

LonLat = tuple[float, float]

CRS = "EPSG:4326"
#: Columns of every layer, in order (``geometry`` last). ``strike`` adds ``radius``.
COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_date",
    "end_date",
    "time_precision",
    "layer",
    "event_type",
    "sub_event_type",
    "cameo_code",
    "kind",
    "actor1",
    "actor1_country",
    "actor2",
    "actor2_country",
    "fatalities",
    "count",
    "evidence",
    "doc_id",
    "source",
    "source_url",
    "confidence",
    "places",
    "geo_precision",
    "origin",
    "via",
    "destination",
    "routed",
    "evidence_start",
    "evidence_end",
    "evidence_more",
    "fatalities_min",
    "fatalities_max",
    "locations",
)
#: Layers whose events are drawn as lines (from one place to another).
LINE_LAYERS: tuple[Layer, ...] = (Layer.TROOP_MOVEMENT, Layer.NAVAL_DEPLOYMENT, Layer.DISPLACEMENT)

_DTYPES: dict[str, Any] = {
    "fatalities": "Int64",
    "count": "Int64",
    "evidence_start": "Int64",
    "evidence_end": "Int64",
    "fatalities_min": "Int64",
    "fatalities_max": "Int64",
    "confidence": "float64",
    "geo_precision": "Int64",
    "routed": "boolean",
    "radius": "float64",
}
_ROLE_ORDER = {Role.ORIGIN: 0, Role.VIA: 1, Role.DESTINATION: 2}
_POINT_ROLES: dict[str, tuple[Role, ...]] = {
    Layer.STRIKE: (Role.LOCATION, Role.TARGET),
    Layer.DIPLOMACY: (Role.VENUE, Role.LOCATION, Role.ENDPOINT),
}
#: Smallest and largest strike radius, in pixels.
RADIUS_MIN = 6.0
RADIUS_MAX = 40.0


def layer_columns(layer: str) -> tuple[str, ...]:
    """Columns of ``layer``'s frame, without ``geometry``."""
    return (*COLUMNS, "radius") if layer == Layer.STRIKE else COLUMNS


def strike_radius(fatalities: int | None) -> float:
    """Marker radius in pixels: ``6 + 4 * sqrt(fatalities)``, capped at :data:`RADIUS_MAX`."""
    if fatalities is None or fatalities <= 0:
        return RADIUS_MIN
    return min(RADIUS_MIN + 4.0 * math.sqrt(fatalities), RADIUS_MAX)


def _usable(place: EventPlace) -> bool:
    lat, lon = place.lat, place.lon
    if not (isinstance(lat, int | float) and isinstance(lon, int | float)):
        return False
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return False
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return False
    return not (lat == 0.0 and lon == 0.0)


def _lonlat(place: EventPlace) -> LonLat:
    return (float(place.lon), float(place.lat))


def _distinct(coords: Sequence[LonLat]) -> list[LonLat]:
    out: list[LonLat] = []
    for c in coords:
        if not out or out[-1] != c:
            out.append(c)
    return out


def _path_places(event: Event) -> list[EventPlace]:
    """First origin, every via in order, first destination; else the first usable place."""
    usable = [p for p in event.locations if _usable(p)]
    origin = [p for p in usable if p.role == Role.ORIGIN][:1]
    via = [p for p in usable if p.role == Role.VIA]
    destination = [p for p in usable if p.role == Role.DESTINATION][:1]
    path = sorted(origin + via + destination, key=lambda p: _ROLE_ORDER[p.role])
    return path or usable[:1]


def _point_place(event: Event) -> EventPlace | None:
    usable = [p for p in event.locations if _usable(p)]
    for role in _POINT_ROLES.get(event.layer, ()):
        for place in usable:
            if place.role == role:
                return place
    return usable[0] if usable else None


def call_arc(a: LonLat, b: LonLat, n: int = 32, bend: float = 0.12) -> list[LonLat]:
    """A bent great-circle arc from ``a`` to ``b`` (``(lon, lat)``), for calls between seats.

    Parameters
    ----------
    a, b
        End points; the arc starts and ends exactly there.
    n
        Number of vertices.
    bend
        Sideways bulge at the middle, as a share of the straight length (to the left of the
        direction of travel), so the arc reads as a link rather than a route.

    Returns
    -------
    list of tuple
        ``n`` vertices ``(lon, lat)``; longitudes are unwrapped so that an arc across the
        antimeridian stays continuous.
    """
    lon1, lat1 = a
    lon2, lat2 = b
    if lon2 - lon1 > 180.0:
        lon2 -= 360.0
    elif lon1 - lon2 > 180.0:
        lon2 += 360.0
    p1, p2 = _xyz(lon1, lat1), _xyz(lon2, lat2)
    omega = math.acos(max(-1.0, min(1.0, sum(u * v for u, v in zip(p1, p2, strict=True)))))
    dx, dy = lon2 - lon1, lat2 - lat1
    length = math.hypot(dx, dy)
    nx, ny = (-dy / length, dx / length) if length else (0.0, 0.0)
    out: list[LonLat] = []
    prev_lon = lon1
    for i in range(n):
        t = i / (n - 1)
        if omega < 1e-9:
            lon, lat = lon1 + t * dx, lat1 + t * dy
        else:
            s1 = math.sin((1 - t) * omega) / math.sin(omega)
            s2 = math.sin(t * omega) / math.sin(omega)
            lon, lat = _from_xyz(tuple(s1 * u + s2 * v for u, v in zip(p1, p2, strict=True)))
            lon += 360.0 * round((prev_lon - lon) / 360.0)
        prev_lon = lon
        off = bend * length * math.sin(math.pi * t)
        out.append((lon + nx * off, max(-89.9, min(89.9, lat + ny * off))))
    out[0], out[-1] = (lon1, lat1), (lon2, lat2)
    return out


def _xyz(lon: float, lat: float) -> tuple[float, float, float]:
    la, lo = math.radians(lat), math.radians(lon)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))


def _from_xyz(v: Sequence[float]) -> LonLat:
    x, y, z = v
    return (math.degrees(math.atan2(y, x)), math.degrees(math.atan2(z, math.hypot(x, y))))


def event_geometry(event: Event) -> tuple[BaseGeometry, bool | None, list[EventPlace]] | None:
    """Geometry of ``event`` on its layer.

    Returns
    -------
    tuple or None
        ``(geometry, routed, places)``: ``routed`` is ``True``/``False`` for lines (``True``
        only when routed by sea) and ``None`` for points; ``places`` are the places the
        geometry was drawn from. ``None`` when the event has no usable place.
    """
    if event.layer in LINE_LAYERS:
        places = _path_places(event)
        coords = _distinct([_lonlat(p) for p in places])
        if not coords:
            return None
        if len(coords) == 1:
            return Point(coords[0]), None, places[:1]
        if event.layer == Layer.NAVAL_DEPLOYMENT:
            route = route_by_sea(coords)
            if len(route.coords) >= 2:
                return LineString(route.coords), route.routed, places
        return LineString(coords), False, places
    if event.layer == Layer.DIPLOMACY and event.kind == EventKind.CALL:
        ends = [p for p in event.locations if p.role == Role.ENDPOINT and _usable(p)]
        if len(ends) >= 2 and _lonlat(ends[0]) != _lonlat(ends[1]):
            return LineString(call_arc(_lonlat(ends[0]), _lonlat(ends[1]))), False, ends[:2]
    place = _point_place(event)
    if place is None:
        return None
    return Point(_lonlat(place)), None, [place]


def _wrap(lon: float) -> float:
    """``lon`` in ``[-180, 180]``."""
    return lon if -180.0 <= lon <= 180.0 else (lon + 180.0) % 360.0 - 180.0


def _unwrap(coords: Sequence[Sequence[float]]) -> list[LonLat]:
    """The vertices with each longitude within 180° of the one before (the short way round)."""
    out: list[LonLat] = []
    for x, y, *_ in coords:
        lon = float(x)
        if out:
            lon += 360.0 * round((out[-1][0] - lon) / 360.0)
        out.append((lon, float(y)))
    return out


def _world(lon: float) -> int:
    """Which copy of the world ``lon`` lies in: 0 for ``[-180, 180)``, 1 east of it..."""
    return math.floor((lon + 180.0) / 360.0)


def _cut(coords: Sequence[LonLat]) -> list[list[LonLat]]:
    """Continuous vertices cut where they cross ``±180 + 360k``, each part moved back into
    ``[-180, 180]``."""
    parts: list[list[LonLat]] = [[coords[0]]]
    for (x0, y0), (x1, y1) in itertools.pairwise(coords):
        w0, w1 = _world(x0), _world(x1)
        while w0 != w1:
            edge = 180.0 + 360.0 * w0 if w1 > w0 else -180.0 + 360.0 * w0
            y = y0 + (edge - x0) / (x1 - x0) * (y1 - y0)
            parts[-1].append((edge, y))
            parts.append([(edge, y)])
            w0 += 1 if w1 > w0 else -1
        parts[-1].append((x1, y1))
    out = []
    for part in parts:
        if len(set(part)) < 2:
            continue
        shift = 360.0 * round(sum(x for x, _ in part) / len(part) / 360.0)
        out.append([(x - shift, y) for x, y in part])
    return out


def split_antimeridian(geometry: BaseGeometry) -> BaseGeometry:
    """``geometry`` with no longitude beyond ±180, as RFC 7946 (section 3.1.9) asks.

    A line that crosses the antimeridian (with continuous longitudes such as 179 → 181, or
    jumping from 179 to -179) becomes a MultiLineString cut at ±180; a point is wrapped into
    range. Anything else comes back unchanged.
    """
    if isinstance(geometry, Point):
        return Point(_wrap(geometry.x), geometry.y) if abs(geometry.x) > 180.0 else geometry
    if isinstance(geometry, LineString | MultiLineString):
        lines = geometry.geoms if isinstance(geometry, MultiLineString) else [geometry]
        parts = [part for line in lines for part in _cut(_unwrap(line.coords))]
        if not parts:
            return geometry
        if len(parts) == 1 and isinstance(geometry, LineString):
            return LineString(parts[0])
        return MultiLineString(parts)
    return geometry


def _names(event: Event, role: str) -> str:
    return " / ".join(p.name for p in event.locations if p.role == role)


def locations_json(places: Sequence[EventPlace]) -> str:
    """The places as a compact JSON list of their fields (see :class:`geo.model.EventPlace`)."""
    return json.dumps([p.as_dict() for p in places], ensure_ascii=False, separators=(",", ":"))


def _row(event: Event, routed: bool | None, places: Sequence[EventPlace]) -> dict[str, Any]:
    row: dict[str, Any] = {
        "event_id": str(event.event_id),
        "event_date": format_day(event.event_date),
        "end_date": format_day(event.end_date),
        "time_precision": event.time_precision,
        "layer": event.layer,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "cameo_code": event.cameo_code,
        "kind": event.kind,
        "actor1": event.actor1,
        "actor1_country": event.actor1_country,
        "actor2": event.actor2,
        "actor2_country": event.actor2_country,
        "fatalities": event.fatalities,
        "count": event.count,
        "evidence": event.evidence,
        "doc_id": event.doc_id,
        "source": event.source,
        "source_url": event.source_url,
        "confidence": float(event.confidence),
        "places": "; ".join(f"{p.role}: {p.name}" for p in event.locations),
        "geo_precision": max((p.precision for p in places), default=None),
        "origin": _names(event, Role.ORIGIN),
        "via": _names(event, Role.VIA),
        "destination": _names(event, Role.DESTINATION),
        "routed": routed,
        "evidence_start": event.start,
        "evidence_end": event.end,
        "evidence_more": (
            json.dumps(list(event.evidence_more), ensure_ascii=False)
            if event.evidence_more else None
        ),
        "fatalities_min": event.fatalities_range[0] if event.fatalities_range else None,
        "fatalities_max": event.fatalities_range[1] if event.fatalities_range else None,
        "locations": locations_json(event.locations),
    }
    if event.layer == Layer.STRIKE:
        row["radius"] = strike_radius(event.fatalities)
    return row


def _frame(layer: str, rows: list[dict[str, Any]], geoms: list[BaseGeometry]) -> gpd.GeoDataFrame:
    columns = list(layer_columns(layer))
    data = pd.DataFrame(rows, columns=columns)
    for column in columns:
        dtype = _DTYPES.get(column)
        if dtype is not None:
            data[column] = data[column].astype(dtype)
        elif not rows:
            data[column] = data[column].astype(object)
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geoms, crs=CRS), crs=CRS)


def build_layers(events: Sequence[Event]) -> dict[str, gpd.GeoDataFrame]:
    """One GeoDataFrame per layer, keyed by every name in :data:`geo.model.LAYERS`.

    Parameters
    ----------
    events
        Events of any layers; an event on an unknown layer or without usable places is
        skipped (logged at debug level).

    Returns
    -------
    dict
        Layer name to frame (EPSG:4326), in :data:`~geo.model.LAYERS` order; layers without
        events are empty frames with the same columns.
    """
    rows: dict[str, list[dict[str, Any]]] = {layer: [] for layer in LAYERS}
    geoms: dict[str, list[BaseGeometry]] = {layer: [] for layer in LAYERS}
    for event in events:
        if event.layer not in rows:
            log.debug("skipping event %r: unknown layer %r", event.event_id, event.layer)
            continue
        built = event_geometry(event)
        if built is None:
            log.debug("skipping event %r: no place with coordinates", event.event_id)
            continue
        geometry, routed, places = built
        rows[event.layer].append(_row(event, routed, places))
        geoms[event.layer].append(geometry)
    return {layer: _frame(layer, rows[layer], geoms[layer]) for layer in LAYERS}


def _scalar(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _round(coords: Any, ndigits: int) -> Any:
    if isinstance(coords, int | float):
        return round(float(coords), ndigits)
    return [_round(c, ndigits) for c in coords]


def iter_features(
    frame: gpd.GeoDataFrame,
    *,
    precision: int = 6,
    properties: Sequence[str] | None = None,
    antimeridian: bool = False,
) -> Iterator[dict[str, Any]]:
    """RFC 7946 features of a layer frame: ``[lon, lat]``, string ``id``, flat properties.

    Parameters
    ----------
    frame
        A frame from :func:`build_layers` (EPSG:4326).
    precision
        Decimals kept in coordinates.
    properties
        Columns to keep (default: every column but ``geometry``); missing values become
        ``null``.
    antimeridian
        Cut lines at the antimeridian (:func:`split_antimeridian`), for files; a web map
        draws the continuous line better.

    Yields
    ------
    dict
        ``{"type": "Feature", "id": event_id, "geometry": ..., "properties": ...}``.
    """
    if frame.crs is not None and not frame.crs.equals(CRS):
        frame = frame.to_crs(CRS)
    columns = [c for c in (properties or frame.columns) if c != frame.geometry.name]
    records = frame[columns].to_dict("records") if columns else [{} for _ in range(len(frame))]
    ids = frame["event_id"].astype(str).tolist() if "event_id" in frame else None
    for i, (record, geom) in enumerate(zip(records, frame.geometry, strict=True)):
        if geom is None or geom.is_empty:
            continue
        geometry = mapping(split_antimeridian(geom) if antimeridian else geom)
        yield {
            "type": "Feature",
            "id": ids[i] if ids is not None else str(i),
            "properties": {str(k): _scalar(v) for k, v in record.items()},
            "geometry": {
                "type": geometry["type"],
                "coordinates": _round(geometry["coordinates"], precision),
            },
        }
