"""Sea routes for naval tracks, over the maritime network of the ``searoute`` package.

A track is routed leg by leg between consecutive waypoints (origin, each "via", destination),
so a ship sent "through the Bosphorus to the Mediterranean" goes Bosphorus → Dardanelles →
Aegean rather than along whatever path is shortest overall. ``searoute`` snaps every waypoint
to its nearest network node, so an inland point (a port city a little inland, a country's
centroid) starts or ends the leg at the nearest sea lane; the waypoints themselves are not added
to the track, since the straight hop from an inland point to the sea would cross land.

A leg that ``searoute`` cannot route (coordinates outside WGS84 ranges, no path) falls back to a straight
segment, and :attr:`SeaRoute.routed` is then ``False`` so that the layer can say so.
Legs are cached on coordinates rounded to :data:`ROUTE_ROUND_DECIMALS`.

A track across the antimeridian keeps continuous longitudes (beyond ±180), as searoute gives it.
"""

from __future__ import annotations

import itertools
import logging
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import searoute

from geo.settings import ROUTE_ROUND_DECIMALS

__all__ = ["SeaRoute", "route_by_sea", "sea_route"]

log = logging.getLogger(__name__)

#: Passages closed to routing: searoute's default (the Northwest Passage is ice-bound).
RESTRICTIONS: tuple[str, ...] = ("northwest",)

LonLat = tuple[float, float]


@dataclass(frozen=True, slots=True)
class SeaRoute:
    """A track by sea through waypoints.

    Parameters
    ----------
    coords
        ``(lon, lat)`` vertices, WGS84.
    routed
        ``True`` when every leg was routed by sea; ``False`` when at least one leg is a
        straight fallback segment.
    passages
        Named passages the track goes through (searoute names: ``bosporus``, ``suez``...).
    """

    coords: tuple[LonLat, ...]
    routed: bool
    passages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Leg:
    coords: tuple[LonLat, ...]
    passages: tuple[str, ...]


def _key(point: LonLat) -> LonLat:
    lon, lat = point
    return (round(float(lon), ROUTE_ROUND_DECIMALS), round(float(lat), ROUTE_ROUND_DECIMALS))


def _valid(point: LonLat) -> bool:
    lon, lat = point
    return math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90


@lru_cache(maxsize=8192)
def _route_leg(origin: LonLat, destination: LonLat) -> _Leg | None:
    """One leg by sea, or ``None`` when searoute finds no path."""
    if not (_valid(origin) and _valid(destination)):
        log.warning("not routing by sea: invalid point in %r -> %r", origin, destination)
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # searoute warns, then returns an empty line
            feature = searoute.searoute(
                list(origin),
                list(destination),
                restrictions=list(RESTRICTIONS),
                return_passages=True,
            )
        raw = feature["geometry"]["coordinates"]
        coords = tuple((float(c[0]), float(c[1])) for c in raw)
        passages = tuple(sorted(feature["properties"].get("traversed_passages") or ()))
    except Exception as err:  # searoute raises bare Exceptions on bad input
        log.debug("searoute failed for %r -> %r: %s", origin, destination, err, exc_info=True)
        return None
    if not coords:
        return None
    return _Leg(coords=coords, passages=passages)


def _append(track: list[LonLat], coords: Sequence[LonLat]) -> None:
    for c in coords:
        if not track or track[-1] != c:
            track.append(c)


def route_by_sea(points: Sequence[LonLat]) -> SeaRoute:
    """Route a naval track by sea through ``points`` in order.

    Parameters
    ----------
    points
        Waypoints as ``(lon, lat)``: origin, any "via" points, destination.

    Returns
    -------
    SeaRoute
        The concatenated legs. Fewer than two distinct waypoints give a one-vertex track.
        When all waypoints snap to the same network node, the track is the straight line
        through the waypoints, with ``routed=False``.
    """
    stops: list[LonLat] = []
    _append(stops, [_key(p) for p in points])
    if len(stops) < 2:
        return SeaRoute(coords=tuple(stops), routed=bool(stops))
    track: list[LonLat] = []
    routed = True
    passages: set[str] = set()
    for origin, destination in itertools.pairwise(stops):
        leg = _route_leg(origin, destination)
        if leg is None:
            routed = False
            _append(track, [origin, destination])
            continue
        passages.update(leg.passages)
        _append(track, leg.coords)
    if len(track) < 2:
        return SeaRoute(coords=tuple(stops), routed=False)
    return SeaRoute(coords=tuple(track), routed=routed, passages=tuple(sorted(passages)))


def sea_route(points: Sequence[LonLat]) -> list[LonLat]:
    """Vertices of the sea track through ``points`` (``(lon, lat)``), in order.

    See :func:`route_by_sea` for the ``routed`` flag and the passages.
    """
    return list(route_by_sea(points).coords)
