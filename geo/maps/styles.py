"""How the maps look, as plain constants: the layers' colours and symbols, the base map's
colours and the pinned Leaflet files. Shared by the exported map (:mod:`geo.maps.folium_map`),
the app's live map (:mod:`geo.maps.live`), the reading pane and the app's timeline, without
importing folium or geopandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from geo.model import Layer

__all__ = ["CLUSTERED", "LAYER_STYLES", "MAP_CSS", "MAP_JS", "MAP_PRECISION", "OUTLINE_STYLE",
           "SEA_COLOUR", "LayerStyle"]


@dataclass(frozen=True, slots=True)
class LayerStyle:
    """How a layer is drawn.

    Parameters
    ----------
    label
        Human name, used in the layer control and the legend.
    color
        CSS colour of lines and markers.
    icon
        A text symbol (no icon font is needed, so it shows offline).
    """

    label: str
    color: str
    icon: str


LAYER_STYLES: dict[str, LayerStyle] = {
    Layer.TROOP_MOVEMENT: LayerStyle(Layer.TROOP_MOVEMENT.label, "#c0392b", "➤"),
    Layer.NAVAL_DEPLOYMENT: LayerStyle(Layer.NAVAL_DEPLOYMENT.label, "#1f5fbf", "⚓"),
    Layer.DIPLOMACY: LayerStyle(Layer.DIPLOMACY.label, "#1e8449", "⚑"),
    Layer.STRIKE: LayerStyle(Layer.STRIKE.label, "#e67e22", "✸"),
    Layer.DISPLACEMENT: LayerStyle(Layer.DISPLACEMENT.label, "#8e44ad", "⇢"),
    Layer.PROTEST: LayerStyle(Layer.PROTEST.label, "#b7950b", "✊"),
}
#: Layers whose points are clustered.
CLUSTERED: tuple[Layer, ...] = (Layer.STRIKE, Layer.DIPLOMACY, Layer.PROTEST)
#: Decimals of the coordinates written into the page (about 1 m).
MAP_PRECISION = 5
#: The only scripts and stylesheets the map's page loads (clusters add their own): Leaflet.
MAP_JS: list[tuple[str, str]] = [
    ("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"),
]
MAP_CSS: list[tuple[str, str]] = [
    ("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"),
]
#: Background of a map without tiles: the sea around the country outlines.
SEA_COLOUR = "#dce9f2"
#: Look of the offline country outlines: a pale land colour under the event layers.
OUTLINE_STYLE: dict[str, Any] = {
    "color": "#9a9a9a", "weight": 0.6, "fillColor": "#f4f1ea", "fillOpacity": 0.9,
}
