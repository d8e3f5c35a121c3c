"""Folium map of the event layers.

One :class:`folium.FeatureGroup` per layer (named by its label, see :data:`LAYER_STYLES`), each
layer drawn as one :class:`folium.GeoJson` (points as circle markers, lines with an SVG arrow
head at the destination), styled and given popups by a few page-wide JavaScript functions
rather than per-feature HTML, so the page stays small and quick for ten thousand events. Points
of the strike and diplomacy layers are clustered (:class:`folium.plugins.MarkerCluster`).
A layer control, a legend and a timeline (a date slider with a play button that shows the
events dated up to the chosen day) are Leaflet controls in plain JavaScript, so the page needs
no library beyond Leaflet and Leaflet.markercluster: the map asks for nothing else (not
folium's default jQuery, Bootstrap, Font Awesome and awesome-markers, which it never uses), and
:func:`geo.maps.assets.inline_assets` puts both in the exported page, so it opens offline (an
app's map built with ``local_assets=True`` carries them in its elements' links instead).

The base map is the offline country outlines (:mod:`geo.maps.basemap`); web tiles are drawn only
when asked for (``tiles="osm"``), since they need a network and tell a tile server where the
reader looks.

Article text is data, twice over. Every string taken from an event is passed through
:func:`html.escape` (:func:`map_properties`) before it reaches the page, where popups and
tooltips insert it as HTML; a source link is kept only for an ``http(s)`` URL. And no such
string ever goes through a Jinja template: the features, the legend and the timeline's dates
reach the page through :class:`geo.maps.verbatim.VerbatimScript` elements, JSON-encoded, so template
syntax in an article (``{{7*7}}``, ``{% raw %}``) shows as written and runs nothing.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import folium
import geopandas as gpd
from folium.plugins import MarkerCluster
from folium.utilities import JsCode

from geo.errors import InputError
from geo.maps.assets import local_links
from geo.maps.layers import LINE_LAYERS, build_layers, iter_features
from geo.maps.styles import (
    CLUSTERED,
    LAYER_STYLES,
    MAP_CSS,
    MAP_JS,
    MAP_PRECISION,
    OUTLINE_STYLE,
    SEA_COLOUR,
    LayerStyle,
)
from geo.maps.verbatim import VerbatimScript, script_json
from geo.model import LAYERS, Event, EventPlace, Layer

__all__ = [
    "CLUSTERED",
    "EVENT_JS",
    "LAYER_STYLES",
    "MAP_CSS",
    "MAP_JS",
    "MAP_PRECISION",
    "OUTLINE_STYLE",
    "SEA_COLOUR",
    "TILES",
    "LayerStyle",
    "Tiles",
    "build_map",
    "map_properties",
    "to_latlon",
]


#: Centre ``(lon, lat)`` of a map without data: the eastern Mediterranean.
DEFAULT_VIEW = (30.0, 35.0)
#: Zoom range of the map (OpenStreetMap's tiles go to 19).
MIN_ZOOM = 1
MAX_ZOOM = 18
#: Web tile layers a map can be asked for, by name (folium tile names).
TILES: dict[str, str] = {"osm": "OpenStreetMap"}
Tiles = Literal["osm"] | None


def to_latlon(lon: float, lat: float) -> list[float]:
    """``[lat, lon]`` for Leaflet from ``(lon, lat)``: the only place the order is swapped."""
    return [float(lat), float(lon)]


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def _safe_url(url: Any) -> str:
    text = str(url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""


def _actors(row: Mapping[str, Any]) -> str:
    parts = []
    for actor, country in (("actor1", "actor1_country"), ("actor2", "actor2_country")):
        name = _text(row.get(actor))
        if name:
            cc = _text(row.get(country))
            parts.append(f"{name} ({cc})" if cc else name)
    return " → ".join(parts)


def _when(row: Mapping[str, Any]) -> str:
    start = _text(row.get("event_date"))
    end = _text(row.get("end_date"))
    precision = _text(row.get("time_precision"))
    text = f"{start or 'date unknown'} – {end}" if end and end != start else start
    if text and precision and precision not in ("day", "unknown"):
        text = f"{text} ({precision})"
    return text if text != start else ""


def _number(value: Any) -> int | float | str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value if math.isfinite(value) else None
    return _text(value) or None


def map_properties(row: Mapping[str, Any]) -> dict[str, Any]:
    """Properties of one event (a row of a layer frame) as the page gets them.

    Every string is HTML-escaped here, since the page's popups and tooltips insert them as
    HTML; a source link is kept only for an ``http(s)`` URL. Empty values are left out.

    Returns
    -------
    dict
        ``date`` (drives the timeline), ``when`` (when it says more than ``date``), ``type``,
        ``actors``, ``places``, ``fatalities``, ``count``, ``evidence``, ``source``, ``url``,
        ``confidence``, ``radius`` (strike points) and ``routed`` (``false`` only for a naval
        track drawn straight).
    """
    kind = " — ".join(t for t in (_text(row.get("event_type")), _text(row.get("sub_event_type"))) if t)
    props: dict[str, Any] = {
        "date": _text(row.get("event_date")),
        "when": _when(row),
        "type": kind or _text(row.get("kind")),
        "actors": _actors(row),
        "places": _text(row.get("places")),
        "fatalities": _number(row.get("fatalities")),
        "count": _number(row.get("count")),
        "evidence": _text(row.get("evidence")),
        "source": _text(row.get("source")) or _text(row.get("doc_id")),
        "url": _text(_safe_url(row.get("source_url"))),
        "confidence": _number(row.get("confidence")),
        "radius": _number(row.get("radius")),
    }
    if row.get("routed") is False and row.get("layer") == Layer.NAVAL_DEPLOYMENT:
        props["routed"] = False
    if isinstance(props["confidence"], float):
        props["confidence"] = round(props["confidence"], 2)
    return {k: v for k, v in props.items() if v not in (None, "")}


def _map_features(frame: gpd.GeoDataFrame) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Point and line features of a layer, with :func:`map_properties` as properties."""
    points: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    for feature in iter_features(frame, precision=MAP_PRECISION):
        feature["properties"] = map_properties(feature["properties"])
        (points if feature["geometry"]["type"] == "Point" else lines).append(feature)
    return points, lines


def _style_js(layer: str) -> JsCode:
    color = LAYER_STYLES[layer].color
    # Dashes are kept short of gaps: a click in a gap of a dashed SVG line hits nothing, so a
    # dotted call arc could not be clicked. Calls are told apart by their curve instead.
    dash: dict[str, str] = {Layer.NAVAL_DEPLOYMENT: 'p.routed === false ? "12 4" : null'}
    return JsCode(
        f"""function(feature) {{
            var p = feature.properties;
            if (feature.geometry.type === "Point") {{
                return {{color: "{color}", fill: true, fillColor: "{color}", fillOpacity: 0.55,
                        weight: 1, radius: p.radius || 7}};
            }}
            return {{color: "{color}", weight: 3, opacity: 0.85,
                    dashArray: {dash.get(layer, "null")}}};
        }}"""
    )


#: Page functions: popup and tooltip HTML (from values :func:`map_properties` escaped), arrow
#: heads on lines. Shared by the exported map and the app's live map (:mod:`geo.maps.live`).
EVENT_JS = """window.cmPopup = function(p) {
    var out = ['<div style="max-width:320px;white-space:normal">',
               "<b>" + (p.type || "Event") + "</b>",
               "<br><b>Date:</b> " + (p.when || p.date || "date unknown")];
    if (p.actors) { out.push("<br><b>Actors:</b> " + p.actors); }
    if (p.places) { out.push("<br><b>Places:</b> " + p.places); }
    if (p.fatalities !== undefined) { out.push("<br><b>Fatalities:</b> " + p.fatalities); }
    if (p.count !== undefined) { out.push("<br><b>Count:</b> " + p.count); }
    if (p.routed === false) {
        out.push("<br><i>Sea route not found: straight line drawn.</i>");
    }
    if (p.evidence) {
        out.push('<blockquote style="margin:4px 0;font-style:italic">'
                 + p.evidence + "</blockquote>");
    } else { out.push("<br>"); }
    if (p.url) {
        out.push('<b>Source:</b> <a href="' + p.url
                 + '" target="_blank" rel="noopener noreferrer">'
                 + (p.source || "link") + "</a><br>");
    } else if (p.source) { out.push("<b>Source:</b> " + p.source + "<br>"); }
    if (p.confidence !== undefined) {
        out.push("<b>Confidence:</b> " + Number(p.confidence).toFixed(2));
    }
    return out.join("") + "</div>";
};
window.cmTooltip = function(p) {
    var parts = [p.when || p.date || "date unknown"];
    if (p.type) { parts.push(p.type); }
    if (p.actors) { parts.push(p.actors); }
    return parts.join(" · ");
};
window.cmArrow = function(e) {
    var path = e.target._path, svg = path && path.ownerSVGElement;
    if (!svg) { return; }
    var color = e.target.options.color || "#333";
    var id = "cm-arrow-" + color.replace(/[^0-9a-z]/gi, "");
    if (!svg.querySelector("#" + id)) {
        var ns = "http://www.w3.org/2000/svg";
        var defs = svg.querySelector("defs");
        if (!defs) { defs = svg.insertBefore(document.createElementNS(ns, "defs"),
                                             svg.firstChild); }
        var marker = document.createElementNS(ns, "marker");
        var attrs = {id: id, viewBox: "0 0 10 10", refX: "7", refY: "5",
                     markerWidth: "4", markerHeight: "4", orient: "auto"};
        Object.keys(attrs).forEach(function(k) { marker.setAttribute(k, attrs[k]); });
        var head = document.createElementNS(ns, "path");
        head.setAttribute("d", "M0,0 L10,5 L0,10 z");
        head.setAttribute("fill", color);
        marker.appendChild(head);
        defs.appendChild(marker);
    }
    path.setAttribute("marker-end", "url(#" + id + ")");
};
"""


class _EventScripts(VerbatimScript):
    """Page functions: popup and tooltip HTML (from escaped values), arrow heads on lines."""

    def __init__(self) -> None:
        super().__init__(EVENT_JS)
        self._name = "EventScripts"


#: Popups fit the map: no wider than this, scrolling past this height, kept this far from the
#: map's edges when the map pans to show one.
POPUP_MAX_WIDTH = 340
POPUP_MAX_HEIGHT = 260
POPUP_PADDING = 24

def _feature_js(*, arrows: bool) -> JsCode:
    """Each feature's popup and tooltip, bound to the feature's own layer (not to the GeoJson
    group: a point inside a marker cluster is handled by the cluster, and a popup bound to the
    group would look for a map the group never joins); arrow heads on lines when asked."""
    arrow = 'if (feature.geometry.type !== "Point") { layer.on("add", cmArrow); }' if arrows else ""
    return JsCode(
        f"""function(feature, layer) {{
            layer.bindPopup(function(l) {{ return cmPopup(l.feature.properties); }},
                            {{maxWidth: {POPUP_MAX_WIDTH}, maxHeight: {POPUP_MAX_HEIGHT},
                              autoPanPadding: [{POPUP_PADDING}, {POPUP_PADDING}]}});
            layer.bindTooltip(function(l) {{ return cmTooltip(l.feature.properties); }},
                              {{sticky: true}});
            {arrow}
        }}"""
    )


class _GeoJsonData(VerbatimScript):
    """Adds features to its parent :class:`folium.GeoJson` from JSON no template ever sees."""

    def __init__(self, features: list[dict[str, Any]]) -> None:
        super().__init__()
        self._name = "GeoJsonData"
        self.collection = {"type": "FeatureCollection", "features": features}

    def code(self) -> str:
        return f"{self.parent_name()}.addData({script_json(self.collection)});"


_EMPTY_COLLECTION: dict[str, Any] = {"type": "FeatureCollection", "features": []}


def _geojson(features: list[dict[str, Any]], layer: str, *, arrows: bool) -> folium.GeoJson:
    """A GeoJson layer of ``features``; the features reach the page through
    :class:`_GeoJsonData` (added before the layer is put on the map or in its cluster)."""
    geo = folium.GeoJson(
        dict(_EMPTY_COLLECTION),
        marker=folium.CircleMarker(radius=7, fill=True),
        on_each_feature=_feature_js(arrows=arrows),
        control=False,
        style=_style_js(layer),
    )
    _GeoJsonData(features).add_to(geo)
    return geo


_LEGEND_JS = """function(map, html) {
    var legend = L.control({position: "bottomleft"});
    legend.onAdd = function() {
        var div = L.DomUtil.create("div", "cm-legend");
        div.style.cssText = "background:rgba(255,255,255,.92);padding:6px 9px;"
            + "border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.35);"
            + "font:12px/1.5 sans-serif;color:#222";
        div.innerHTML = html;
        return div;
    };
    legend.addTo(map);
}"""


class _Legend(VerbatimScript):
    """Legend box: colour, symbol and label per layer, with the map title on top."""

    def __init__(self, html_text: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = html_text

    def code(self) -> str:
        return f"({_LEGEND_JS})({self.parent_name()}, {script_json(self.html)});"


_TIMELINE_JS = """function(map, dates, entries, interval) {
    entries.forEach(function(e) {
        e.items = e.layer.getLayers();
        e.items.forEach(function(l) { l._cmShown = true; });
    });
    var slider, label, button, timer = null;
    function apply(i) {
        var cut = i >= dates.length ? null : dates[i];
        entries.forEach(function(e) {
            var show = [], hide = [];
            e.items.forEach(function(l) {
                var d = l.feature.properties.date;
                var on = cut === null || (!!d && d <= cut);
                if (on !== l._cmShown) { (on ? show : hide).push(l); l._cmShown = on; }
            });
            if (e.cluster) {
                if (hide.length) { e.cluster.removeLayers(hide); }
                if (show.length) { e.cluster.addLayers(show); }
            } else {
                hide.forEach(function(l) { e.layer.removeLayer(l); });
                show.forEach(function(l) { e.layer.addLayer(l); });
            }
        });
        label.textContent = cut === null ? "all dates" : "up to " + cut;
    }
    function stop() {
        if (timer !== null) { clearInterval(timer); timer = null; }
        button.textContent = "\\u25b6";
    }
    var control = L.control({position: "bottomright"});
    control.onAdd = function() {
        var div = L.DomUtil.create("div", "cm-timeline");
        div.style.cssText = "background:rgba(255,255,255,.92);padding:5px 8px;"
            + "border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.35);"
            + "font:12px sans-serif;display:flex;gap:6px;align-items:center";
        button = L.DomUtil.create("button", "cm-play", div);
        button.type = "button";
        button.title = "Play the events by date";
        slider = L.DomUtil.create("input", "cm-slider", div);
        slider.type = "range";
        slider.min = 0;
        slider.max = dates.length;
        slider.value = dates.length;
        slider.style.width = "180px";
        label = L.DomUtil.create("span", "cm-date", div);
        label.style.minWidth = "9em";
        slider.addEventListener("input", function() { stop(); apply(+slider.value); });
        button.addEventListener("click", function() {
            if (timer !== null) { stop(); return; }
            var i = +slider.value >= dates.length ? 0 : +slider.value;
            button.textContent = "\\u25a0";
            slider.value = i; apply(i);
            timer = setInterval(function() {
                i += 1;
                slider.value = i; apply(i);
                if (i >= dates.length) { stop(); }
            }, interval);
        });
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        stop();
        apply(dates.length);
        return div;
    };
    control.addTo(map);
}"""


class _Timeline(VerbatimScript):
    """Date slider and play button: shows the events dated up to the chosen day.

    The last slider position ("all dates") also shows the undated events. Markers inside a
    cluster are added and removed through the cluster's bulk methods.

    Parameters
    ----------
    dates
        The distinct event dates, sorted.
    entries
        Each GeoJson layer with the cluster it sits in, if any.
    interval
        Milliseconds between two steps of the play button.
    """

    def __init__(
        self,
        dates: Sequence[str],
        entries: Sequence[tuple[folium.GeoJson, MarkerCluster | None]],
        interval: int = 700,
    ) -> None:
        super().__init__()
        self._name = "Timeline"
        self.dates = list(dates)
        self.entries = list(entries)
        self.interval = interval

    def code(self) -> str:
        entries = ", ".join(
            f"{{layer: {geo.get_name()}, cluster: {cluster.get_name() if cluster else 'null'}}}"
            for geo, cluster in self.entries
        )
        return (
            f"({_TIMELINE_JS})({self.parent_name()}, {script_json(self.dates)}, "
            f"[{entries}], {int(self.interval)});"
        )


def _legend_html(counts: Mapping[str, int], title: str) -> str:
    rows = []
    if title:
        rows.append(f'<div style="font-weight:bold;margin-bottom:3px">{html.escape(title)}</div>')
    for layer in LAYERS:
        style = LAYER_STYLES[layer]
        rows.append(
            f'<div><span style="display:inline-block;width:1.4em;text-align:center;'
            f'color:#fff;background:{style.color};border-radius:3px;margin-right:5px">'
            f"{style.icon}</span>{style.label} ({counts.get(layer, 0)})</div>"
        )
    return "".join(rows)


def _group_name(layer: str) -> str:
    style = LAYER_STYLES[layer]
    return f'<span style="color:{style.color}">{style.icon}</span> {style.label}'


def _bounds(layers: Mapping[str, gpd.GeoDataFrame]) -> list[list[float]] | None:
    boxes = [f.total_bounds for f in layers.values() if len(f) and not f.geometry.is_empty.all()]
    if not boxes:
        return None
    west = min(b[0] for b in boxes)
    south = min(b[1] for b in boxes)
    east = max(b[2] for b in boxes)
    north = max(b[3] for b in boxes)
    return [to_latlon(west, south), to_latlon(east, north)]


def _links(links: Sequence[tuple[str, str]], local: bool) -> list[tuple[str, str]]:
    """An element's own list of its script or stylesheet links, as local ``data:`` URIs where
    copies exist when ``local``."""
    return local_links(links) if local else list(links)


def _base_map(center: Sequence[float], tiles: Tiles, local_assets: bool) -> folium.Map:
    """An empty map at ``center`` (``[lat, lon]``) that loads Leaflet only, with ``tiles``."""
    if tiles is not None and tiles not in TILES:
        raise InputError(f"unknown tiles {tiles!r}; expected one of {sorted(TILES)} or None")
    # Without tiles, Leaflet has no zoom range, and marker clusters need one.
    fmap = folium.Map(location=list(center), zoom_start=4, tiles=None, control_scale=True,
                      minZoom=MIN_ZOOM, maxZoom=MAX_ZOOM)
    fmap.default_js = _links(MAP_JS, local_assets)
    fmap.default_css = _links(MAP_CSS, local_assets)
    if tiles is not None:
        folium.TileLayer(TILES[tiles], control=True).add_to(fmap)
    else:  # the sea, around the outlines
        VerbatimScript(
            f"{fmap.get_name()}.getContainer().style.background = {script_json(SEA_COLOUR)};"
        ).add_to(fmap)
    return fmap


def build_map(
    events: Sequence[Event],
    layers: dict[str, gpd.GeoDataFrame] | None = None,
    *,
    title: str = "",
    tiles: Tiles = None,
    layer_control: bool = True,
    focus: Event | EventPlace | None = None,
    outlines: Mapping[str, Any] | None = None,
    local_assets: bool = False,
) -> folium.Map:
    """Interactive map of ``events``: one toggleable group per layer, legend, timeline.

    Parameters
    ----------
    events
        Events to draw; ignored when ``layers`` is given.
    layers
        Frames from :func:`geo.maps.layers.build_layers`, to skip rebuilding them.
    title
        Shown on top of the legend and as the page title.
    tiles
        ``"osm"`` for OpenStreetMap tiles under the data (needs a network); ``None`` (the
        default) for none: the offline country outlines are the base map.
    layer_control
        Draw Leaflet's layer checkboxes (the default, for exported HTML). An app that filters
        layers with its own widgets passes ``False``, so the page has one layer control.
    focus
        An event to mark (rings on its places and a line between them, a layer of its own:
        "Selected event") and to fit the view to, instead of every event; or one place (a
        mention picked in the text).
    outlines
        The offline base map (:func:`geo.maps.basemap.country_outlines` of the caller's
        gazetteer), drawn under the layers; none without it.
    local_assets
        Point the map's script and stylesheet links at the local copies
        (:func:`geo.maps.assets.local_links`), for a page that loads them from the map's
        elements rather than from its rendered HTML (streamlit-folium's); exported HTML
        inlines them anyway (:func:`geo.maps.export.write_html`).

    Returns
    -------
    folium.Map
        The map; its page loads Leaflet and Leaflet.markercluster only (:data:`MAP_JS`).

    Raises
    ------
    InputError
        When ``tiles`` is not a key of :data:`TILES`.
    """
    frames = layers if layers is not None else build_layers(events)
    bounds = _bounds(frames)
    center = (
        [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2]
        if bounds
        else to_latlon(*DEFAULT_VIEW)
    )
    fmap = _base_map(center, tiles, local_assets)
    if title:
        fmap.get_root().title = html.escape(title)  # type: ignore[attr-defined]
    if outlines is not None:
        folium.GeoJson(
            outlines,
            name="Countries (offline base map)",
            style_function=lambda _: dict(OUTLINE_STYLE),
            interactive=False,
            show=True,
        ).add_to(fmap)
    _EventScripts().add_to(fmap)
    entries: list[tuple[folium.GeoJson, MarkerCluster | None]] = []
    dates: set[str] = set()
    counts: dict[str, int] = {}
    for layer in LAYERS:
        frame = frames.get(layer)
        if frame is None:
            frame = build_layers([])[layer]
        counts[layer] = len(frame)
        dates.update(d for d in frame["event_date"].dropna().astype(str) if d)
        group = folium.FeatureGroup(name=_group_name(layer), show=True).add_to(fmap)
        points, lines = _map_features(frame)
        if lines:
            geo = _geojson(lines, layer, arrows=layer in LINE_LAYERS)
            geo.add_to(group)
            entries.append((geo, None))
        if points:
            if layer in CLUSTERED:
                cluster = MarkerCluster(  # type: ignore[no-untyped-call]
                    control=False, options={"maxClusterRadius": 40, "spiderfyOnMaxZoom": True}
                )
                cluster.default_js = _links(cluster.default_js, local_assets)
                cluster.default_css = _links(cluster.default_css, local_assets)
                cluster.add_to(group)
                geo = _geojson(points, layer, arrows=False)
                geo.add_to(cluster)
                entries.append((geo, cluster))
            else:
                geo = _geojson(points, layer, arrows=False)
                geo.add_to(group)
                entries.append((geo, None))
    marked = _highlight(focus) if focus is not None else None
    if marked is not None:  # before the layer control, which lists the layers there are
        marks, focus_bounds = marked
        marks.add_to(fmap)
    if layer_control:
        folium.LayerControl(collapsed=False).add_to(fmap)
    _Legend(_legend_html(counts, title)).add_to(fmap)
    if dates and entries:
        _Timeline(sorted(dates), entries).add_to(fmap)
    # one fit only: a second fitBounds in the same script may not move a map drawn in a
    # fresh iframe
    if marked is not None:
        fmap.fit_bounds(focus_bounds, max_zoom=9)
    elif bounds:
        fmap.fit_bounds(bounds, max_zoom=8, padding=(20, 20))
    return fmap


#: Colour of the ring and line that mark the selected event.
HIGHLIGHT_COLOUR = "#ff00aa"
#: Margin, in degrees, around the selected event's places when the view is fitted to them.
HIGHLIGHT_PAD = 0.3

_HIGHLIGHT_STYLE = JsCode(
    f"""function(feature) {{
        return feature.geometry.type === "Point"
            ? {{color: "{HIGHLIGHT_COLOUR}", weight: 4, fill: true, fillOpacity: 0.15, radius: 14}}
            : {{color: "{HIGHLIGHT_COLOUR}", weight: 7, opacity: 0.6}};
    }}"""
)
def _usable_place(lat: float, lon: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def _highlight(focus: Event | EventPlace) -> tuple[folium.FeatureGroup, list[list[float]]] | None:
    """The marks of one event's places (rings, and a line between them), or of one place, as
    a layer of their own ("Selected event"), and the bounds to fit the view to; ``None`` when
    none of its places can be drawn."""
    shown = focus.locations if isinstance(focus, Event) else (focus,)
    places = [p for p in shown if _usable_place(p.lat, p.lon)]
    if not places:
        return None
    features: list[dict[str, Any]] = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
            "properties": {"label": html.escape(f"{p.role}: {p.name}")},
        }
        for p in places
    ]
    if len(places) > 1:
        features.insert(0, {
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [[p.lon, p.lat] for p in places]},
            "properties": {"label": html.escape(" → ".join(p.name for p in places))},
        })
    group = folium.FeatureGroup(name="Selected event", show=True)
    # not interactive: a click on the ring reaches the event's own marker and its popup
    geo = folium.GeoJson(
        dict(_EMPTY_COLLECTION), marker=folium.CircleMarker(radius=14, interactive=False),
        style=_HIGHLIGHT_STYLE, interactive=False,
    )
    _GeoJsonData(features).add_to(geo)
    geo.add_to(group)
    lats = [p.lat for p in places]
    lons = [p.lon for p in places]
    bounds = [[min(lats) - HIGHLIGHT_PAD, min(lons) - HIGHLIGHT_PAD],
              [max(lats) + HIGHLIGHT_PAD, max(lons) + HIGHLIGHT_PAD]]
    return group, bounds
