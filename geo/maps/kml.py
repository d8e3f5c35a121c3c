"""KML for Google Earth: one folder per layer, styled in the map's colours, with times.

Written with :mod:`xml.etree.ElementTree` (every text escaped; no template). Each placemark has
a ``TimeStamp`` (or a ``TimeSpan`` when the event has an end date), so Google Earth's time
slider plays the events; an undated event has neither and always shows. Lines that cross the
antimeridian are cut there (:func:`geo.maps.layers.split_antimeridian`), as Google Earth would
otherwise draw them the long way round.

Google Earth renders a placemark's name, description and data as HTML, so every text taken
from an article is HTML-escaped before it goes in (and then XML-escaped by ElementTree): the
balloon shows ``<script>`` as written.
"""

from __future__ import annotations

import html
import math
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, MultiLineString, Point
from shapely.geometry.base import BaseGeometry

from geo.io.decode import clean_controls
from geo.maps.gis_styles import kml_colour
from geo.maps.layers import split_antimeridian
from geo.maps.styles import LAYER_STYLES
from geo.model import LAYERS

__all__ = ["KML_NAMESPACE", "kml_bytes"]

KML_NAMESPACE = "http://www.opengis.net/kml/2.2"
#: Google Earth's own round marker, tinted with the layer's colour.
ICON_HREF = "http://maps.google.com/mapfiles/kml/shapes/shaded_dot.png"
#: Line width (pixels) and marker scale.
LINE_WIDTH = 3
ICON_SCALE = 0.9
#: Decimals of KML coordinates (about 10 cm).
KML_PRECISION = 6
#: Columns not repeated as placemark data (the geometry, and the JSON kept for read-back).
_NOT_DATA = frozenset({"geometry", "locations", "evidence_more"})


def _text(value: Any) -> str:
    """Value as escaped HTML text ('' for a missing value): ``&``, ``<`` and ``>`` only, as
    it is text in the balloon, never an attribute; quotes and apostrophes stay as written, so
    GIS readers of the data (QGIS, GDAL) get "Ukraine's", not "Ukraine&#x27;s"."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return html.escape(clean_controls(str(value)), quote=False)


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = text
    return element


def _style(document: ET.Element, layer: str) -> None:
    colour = kml_colour(LAYER_STYLES[layer].color if layer in LAYER_STYLES else "#555555")
    style = ET.SubElement(document, "Style", id=layer)
    icon = _sub(style, "IconStyle")
    _sub(icon, "color", colour)
    _sub(icon, "scale", str(ICON_SCALE))
    _sub(_sub(icon, "Icon"), "href", ICON_HREF)
    _sub(_sub(style, "LabelStyle"), "scale", "0")
    line = _sub(style, "LineStyle")
    _sub(line, "color", colour)
    _sub(line, "width", str(LINE_WIDTH))


def _coordinates(coords: Any) -> str:
    return " ".join(
        f"{round(float(x), KML_PRECISION)},{round(float(y), KML_PRECISION)}"
        for x, y, *_ in coords
    )


def _line(parent: ET.Element, line: LineString) -> None:
    element = _sub(parent, "LineString")
    _sub(element, "tessellate", "1")
    _sub(element, "coordinates", _coordinates(line.coords))


def _geometry(placemark: ET.Element, geometry: BaseGeometry) -> None:
    shape = split_antimeridian(geometry)
    if isinstance(shape, Point):
        _sub(_sub(placemark, "Point"), "coordinates", _coordinates(shape.coords))
    elif isinstance(shape, LineString):
        _line(placemark, shape)
    elif isinstance(shape, MultiLineString):
        multi = _sub(placemark, "MultiGeometry")
        for part in shape.geoms:
            _line(multi, part)


def _time(placemark: ET.Element, row: Mapping[str, Any]) -> None:
    start, end = _text(row.get("event_date")), _text(row.get("end_date"))
    if end and start and end != start:
        span = _sub(placemark, "TimeSpan")
        _sub(span, "begin", start)
        _sub(span, "end", end)
    elif start:
        _sub(_sub(placemark, "TimeStamp"), "when", start)


def _placemark(folder: ET.Element, layer: str, row: Mapping[str, Any],
               geometry: BaseGeometry) -> None:
    placemark = ET.SubElement(folder, "Placemark", id=f"event-{_text(row.get('event_id'))}")
    label = LAYER_STYLES[layer].label if layer in LAYER_STYLES else layer
    _sub(placemark, "name", html.escape(f"{label} {row.get('event_date') or ''}".strip()))
    places, evidence = _text(row.get("places")), _text(row.get("evidence"))
    _sub(placemark, "description", " — ".join(t for t in (places, evidence) if t))
    _time(placemark, row)
    _sub(placemark, "styleUrl", f"#{layer}")
    data = _sub(placemark, "ExtendedData")
    for key, value in row.items():
        if key in _NOT_DATA or _text(value) == "":
            continue
        item = ET.SubElement(data, "Data", name=str(key))
        _sub(item, "value", _text(value))
    _geometry(placemark, geometry)


def kml_bytes(layers: Mapping[str, gpd.GeoDataFrame], *, name: str = "Conflict map") -> bytes:
    """A KML document of the layers: a style and a folder per non-empty layer.

    Parameters
    ----------
    layers
        Frames of :func:`geo.maps.layers.build_layers`.
    name
        Name of the document in Google Earth's Places panel.

    Returns
    -------
    bytes
        UTF-8 KML 2.2 (an empty document when no layer has events).
    """
    root = ET.Element("kml", xmlns=KML_NAMESPACE)
    document = _sub(root, "Document")
    _sub(document, "name", html.escape(name))
    names = [n for n in (*LAYERS, *(k for k in layers if k not in LAYERS))
             if n in layers and len(layers[n])]
    for layer in names:
        _style(document, layer)
    for layer in names:
        frame = layers[layer]
        folder = _sub(document, "Folder")
        _sub(folder, "name", layer)
        if layer in LAYER_STYLES:
            _sub(folder, "description", LAYER_STYLES[layer].label)
        columns = [c for c in frame.columns if c != frame.geometry.name]
        for record, geometry in zip(frame[columns].to_dict("records"), frame.geometry,
                                    strict=True):
            if geometry is not None and not geometry.is_empty:
                _placemark(folder, layer, record, geometry)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text
