"""A geopy geocoder over the local gazetteer, so geopy and geopandas code works offline.

>>> from geopandas.tools import geocode
>>> from gazetteer.geocoder import LocalGazetteer
>>> geocode(["Idlib", "Brussels"], provider=LocalGazetteer)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from gazetteer.errors import GazetteerLookupError
from gazetteer.model import Place
from gazetteer.store import Gazetteer, open_gazetteer


def _location(place: Place) -> Location:
    raw: dict[str, Any] = {**place.as_dict(), "admin1": place.admin1, "source": place.source}
    label = ", ".join(p for p in (place.name, place.country) if p)
    return Location(label, Point(place.lat, place.lon), raw)


class LocalGazetteer(Geocoder):  # type: ignore[misc]  # geopy ships no type hints
    """Offline geocoder: ``geocode`` and ``reverse`` answer from the local gazetteer.

    Parameters
    ----------
    gazetteer
        The gazetteer to query; the default one (built on first use) when omitted.
    features
        Keep only places of these feature classes (e.g. ``{"city"}``).
    **kwargs
        Passed to :class:`geopy.geocoders.base.Geocoder` (no network is ever used).
    """

    #: No network: geopandas need not wait between queries.
    _default_throttle_time = 0.0

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        features: frozenset[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.gazetteer = gazetteer or open_gazetteer()
        self.features = features

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        limit: int | None = None,
        timeout: float | None = None,
    ) -> Location | list[Location] | None:
        """Places called ``query``, best first by prior.

        Parameters
        ----------
        query
            A place name ("Idlib province", "the Bosporus").
        exactly_one
            Return the best place only (or ``None``); else a list.
        limit
            Most places returned when ``exactly_one`` is false.
        timeout
            Ignored: nothing goes over a network.
        """
        candidates = self.gazetteer.candidates(
            str(query), limit=1 if exactly_one else limit, features=self.features
        )
        locations = [_location(c.place) for c in candidates]
        if exactly_one:
            return locations[0] if locations else None
        return locations or None

    def reverse(
        self,
        query: Point | tuple[float, float] | str,
        *,
        exactly_one: bool = True,
        timeout: float | None = None,
    ) -> Location | list[Location] | None:
        """The gazetteer place nearest to a point ``(lat, lon)``; ``None`` when there is none
        (as geopy's geocoders answer)."""
        point = Point(query)
        try:
            place = self.gazetteer.nearest(point.latitude, point.longitude,
                                           features=self.features)
        except GazetteerLookupError:
            return None
        location = _location(place)
        return location if exactly_one else [location]
