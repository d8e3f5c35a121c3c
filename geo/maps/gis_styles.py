"""Layer styles for GIS files, in the map's colours: QGIS QML, OGC SLD, KML colours.

A GeoPackage carries its styles in the ``layer_styles`` table that QGIS reads when it opens a
table (:func:`layer_styles_frame`): one row per table, with a QML document (symbol, and the
temporal settings that let QGIS's temporal controller play the events by ``event_date``) and
an SLD document for other tools. Both are built with :mod:`xml.etree.ElementTree`, so every
name is escaped and no template is involved.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import pandas as pd

from geo.maps.styles import LAYER_STYLES
from geo.model import Layer

__all__ = [
    "LAYER_STYLES_TABLE",
    "TableStyle",
    "kml_colour",
    "layer_styles_frame",
    "qml",
    "sld",
]

GeometryKind = Literal["point", "line"]

#: Name of the table QGIS reads styles from.
LAYER_STYLES_TABLE = "layer_styles"
#: QGIS version the QML claims (the format has been stable since 3.10).
QGIS_VERSION = "3.28.0-Firenze"
#: Marker diameter and line width, in millimetres.
MARKER_SIZE_MM = 3.2
LINE_WIDTH_MM = 0.8
#: Marker diameter and line width in SLD, in pixels.
SLD_MARKER_PX = 11
SLD_LINE_PX = 3
#: Dash pattern (mm) of lines drawn dashed: diplomatic calls, as on the map.
DASH_MM = "1;2"
#: Layers whose lines are drawn dashed.
DASHED_LAYERS = frozenset({Layer.DIPLOMACY})
#: QGIS temporal mode "instant from a field", shown for one day.
TEMPORAL_INSTANT_FROM_FIELD = "1"

_SLD = "http://www.opengis.net/sld"
_SE = "http://www.opengis.net/se"
_OGC = "http://www.opengis.net/ogc"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
for _prefix, _uri in (("", _SLD), ("se", _SE), ("ogc", _OGC), ("xsi", _XSI)):
    ET.register_namespace(_prefix, _uri)


@dataclass(frozen=True, slots=True)
class TableStyle:
    """The style of one GIS table.

    Parameters
    ----------
    table
        Table name.
    layer
        Event layer (a key of :data:`geo.maps.folium_map.LAYER_STYLES`).
    kind
        ``"point"`` or ``"line"``.
    geometry_column
        Name of the table's geometry column.
    """

    table: str
    layer: str
    kind: GeometryKind
    geometry_column: str = "geom"


def _rgb(colour: str) -> tuple[int, int, int]:
    text = colour.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def kml_colour(colour: str, alpha: int = 255) -> str:
    """A CSS ``#rrggbb`` colour in KML's ``aabbggrr`` order."""
    r, g, b = _rgb(colour)
    return f"{alpha:02x}{b:02x}{g:02x}{r:02x}"


def _qgis_colour(colour: str) -> str:
    r, g, b = _rgb(colour)
    return f"{r},{g},{b},255"


def _options(parent: ET.Element, values: dict[str, str]) -> None:
    """Symbol layer properties, in both forms QGIS 3 reads (``Option`` map and ``prop``)."""
    options = ET.SubElement(parent, "Option", type="Map")
    for key, value in values.items():
        ET.SubElement(options, "Option", type="QString", name=key, value=value)
    for key, value in values.items():
        ET.SubElement(parent, "prop", k=key, v=value)


def _symbol(parent: ET.Element, kind: GeometryKind, layer: str) -> None:
    colour = _qgis_colour(LAYER_STYLES[layer].color)
    symbol = ET.SubElement(parent, "symbol", type="marker" if kind == "point" else "line",
                           name="0", alpha="1", clip_to_extent="1", force_rhr="0")
    if kind == "point":
        marker = ET.SubElement(symbol, "layer", {"class": "SimpleMarker", "enabled": "1",
                                                 "locked": "0", "pass": "0"})
        _options(marker, {
            "name": "circle", "color": colour, "outline_color": "255,255,255,255",
            "outline_width": "0.3", "size": str(MARKER_SIZE_MM), "size_unit": "MM",
        })
        return
    line = ET.SubElement(symbol, "layer", {"class": "SimpleLine", "enabled": "1",
                                           "locked": "0", "pass": "0"})
    dashed = layer in DASHED_LAYERS
    _options(line, {
        "line_color": colour, "line_width": str(LINE_WIDTH_MM), "line_width_unit": "MM",
        "line_style": "solid", "capstyle": "round", "joinstyle": "round",
        "use_custom_dash": "1" if dashed else "0", "customdash": DASH_MM,
        "customdash_unit": "MM",
    })


def qml(style: TableStyle) -> str:
    """QGIS style document: one symbol in the layer's colour, and temporal settings that show
    each event on its ``event_date`` in QGIS's temporal controller."""
    root = ET.Element("qgis", version=QGIS_VERSION, styleCategories="Symbology|Temporal")
    renderer = ET.SubElement(root, "renderer-v2", type="singleSymbol", symbollevels="0",
                             enableorderby="0", forceraster="0")
    _symbol(ET.SubElement(renderer, "symbols"), style.kind, style.layer)
    ET.SubElement(root, "temporal", enabled="1", mode=TEMPORAL_INSTANT_FROM_FIELD,
                  startField="event_date", endField="", durationField="",
                  durationUnit="d", fixedDuration="1", accumulate="0",
                  startExpression="", endExpression="", limitMode="0")
    ET.SubElement(root, "layerGeometryType").text = "0" if style.kind == "point" else "1"
    body = ET.tostring(root, encoding="unicode")
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + body


def _se(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{_SE}}}{tag}", attrib)
    if text is not None:
        element.text = text
    return element


def _svg(parent: ET.Element, name: str, value: str) -> None:
    _se(parent, "SvgParameter", value, name=name)


def sld(style: TableStyle) -> str:
    """OGC SLD 1.1 document: one rule drawing the table in the layer's colour."""
    colour = LAYER_STYLES[style.layer].color
    root = ET.Element(f"{{{_SLD}}}StyledLayerDescriptor", {
        "version": "1.1.0",
        f"{{{_XSI}}}schemaLocation":
            "http://www.opengis.net/sld "
            "http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd",
    })
    named = ET.SubElement(root, f"{{{_SLD}}}NamedLayer")
    _se(named, "Name", style.table)
    user = ET.SubElement(named, f"{{{_SLD}}}UserStyle")
    _se(user, "Name", style.table)
    rule = _se(_se(user, "FeatureTypeStyle"), "Rule")
    _se(rule, "Name", LAYER_STYLES[style.layer].label)
    if style.kind == "point":
        graphic = _se(_se(rule, "PointSymbolizer"), "Graphic")
        mark = _se(graphic, "Mark")
        _se(mark, "WellKnownName", "circle")
        _svg(_se(mark, "Fill"), "fill", colour)
        stroke = _se(mark, "Stroke")
        _svg(stroke, "stroke", "#ffffff")
        _svg(stroke, "stroke-width", "1")
        _se(graphic, "Size", str(SLD_MARKER_PX))
    else:
        stroke = _se(_se(rule, "LineSymbolizer"), "Stroke")
        _svg(stroke, "stroke", colour)
        _svg(stroke, "stroke-width", str(SLD_LINE_PX))
        if style.layer in DASHED_LAYERS:
            _svg(stroke, "stroke-dasharray", "4 8")
    return ET.tostring(root, encoding="unicode", xml_declaration=False)


def layer_styles_frame(styles: list[TableStyle], *, now: datetime | None = None
                       ) -> pd.DataFrame:
    """Rows of the ``layer_styles`` table for ``styles``, each its table's default style.

    Parameters
    ----------
    styles
        One entry per table of the file.
    now
        ``update_time`` of the rows (default: now).
    """
    stamp = pd.Timestamp(now or datetime.now()).floor("s")
    rows = [
        {
            "f_table_catalog": "",
            "f_table_schema": "",
            "f_table_name": s.table,
            "f_geometry_column": s.geometry_column,
            "styleName": s.table,
            "styleQML": qml(s),
            "styleSLD": sld(s),
            "useAsDefault": True,
            "description": f"{LAYER_STYLES[s.layer].label}: the conflict map's colours",
            "owner": "",
            "ui": "",
            "update_time": stamp,
        }
        for s in styles
    ]
    return pd.DataFrame(rows, columns=[
        "f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName",
        "styleQML", "styleSLD", "useAsDefault", "description", "owner", "ui", "update_time",
    ])
