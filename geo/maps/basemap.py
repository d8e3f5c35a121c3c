"""An offline base map: country outlines from the gazetteer, drawn under the event layers.

Web tiles need a network; analysts often work without one (and exported maps get opened on
planes). The gazetteer already holds every country's outline (Natural Earth, simplified), so
the map carries a light world map of its own. The caller says which gazetteer draws it: the
map module opens none.
"""

from __future__ import annotations

from typing import Any

from shapely import wkt
from shapely.geometry import mapping

from gazetteer import Gazetteer
from geo.settings import OUTLINE_TOLERANCE


def _round(coords: Any) -> Any:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), 3) for c in coords]
    return [_round(c) for c in coords]


def country_outlines(gazetteer: Gazetteer) -> dict[str, Any]:
    """The country outlines of ``gazetteer`` as a GeoJSON FeatureCollection, simplified.

    Drawing them takes a second or two: a caller that draws several maps keeps the result
    (the app once per server process, the CLI once per run).
    """
    features = []
    for code, name, text in gazetteer.country_outlines():
        shape = wkt.loads(text).simplify(OUTLINE_TOLERANCE, preserve_topology=True)
        if shape.is_empty:
            continue
        geometry = mapping(shape)
        features.append({
            "type": "Feature",
            "properties": {"name": name, "country": code},
            "geometry": {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])},
        })
    return {"type": "FeatureCollection", "features": features}
