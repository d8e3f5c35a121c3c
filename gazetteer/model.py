"""Records that leave the gazetteer: places and the features they belong to."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class FeatureClass(StrEnum):
    """Feature class of a place (members compare equal to their names: ``"city"``)."""

    CONTINENT = "continent"
    COUNTRY = "country"
    ADMIN1 = "admin1"
    ADMIN2 = "admin2"
    REGION = "region"
    SEA = "sea"
    GULF = "gulf"
    STRAIT = "strait"
    CANAL = "canal"
    COAST = "coast"
    RIVER = "river"
    LAKE = "lake"
    ISLAND = "island"
    MOUNTAIN = "mountain"
    CITY = "city"
    PORT = "port"
    BASE = "base"
    VENUE = "venue"
    SEAT = "seat"


class NameKind(StrEnum):
    """How a name key names a place (members compare equal to their names: ``"alt"``)."""

    NAME = "name"  # its primary name
    ALT = "alt"  # an alternate name or spelling
    ABBREVIATION = "abbreviation"  # "US", "UAE"
    DEMONYM = "demonym"  # "Turkish"


_F = FeatureClass
#: Feature classes a place may carry, from broadest to narrowest (the order of the stored
#: index's feature codes).
FEATURES: tuple[FeatureClass, ...] = tuple(FeatureClass)

#: Features that are water bodies: routes and ship destinations may end there.
WATER_FEATURES: frozenset[FeatureClass] = frozenset({_F.SEA, _F.GULF, _F.STRAIT, _F.CANAL,
                                                     _F.COAST})

#: ACLED-style geo precision of each feature (1 town, 2 part of a region, 3 region or wider).
PRECISION: dict[FeatureClass, int] = {
    _F.CITY: 1,
    _F.PORT: 1,
    _F.BASE: 1,
    _F.VENUE: 1,
    _F.SEAT: 1,
    _F.ADMIN2: 2,
    _F.COAST: 2,
    _F.STRAIT: 2,
    _F.CANAL: 2,
    _F.ISLAND: 2,
    _F.MOUNTAIN: 2,
    _F.RIVER: 2,
    _F.LAKE: 2,
}


class Place(NamedTuple):
    """One gazetteer entry (an immutable named tuple).

    Parameters
    ----------
    place_id
        Stable id: ``gn:<geonameid>`` for GeoNames places, ``cm:<slug>`` for curated ones.
    name
        Preferred English name.
    feature
        Feature class.
    country
        ISO 3166-1 alpha-2 code, empty for international waters and continents.
    lat, lon
        Representative point in WGS84 degrees (inside the area for countries and regions).
    population
        Inhabitants where known, else 0.
    geonameid
        GeoNames id where one is known.
    admin1
        ISO 3166-2 code or GeoNames admin1 code of the first-level division, where known.
    alternate_names
        Other names and spellings.
    geometry_wkt
        Optional polygon or line in WKT (lon lat order).
    source
        Where the facts come from.
    """

    place_id: str
    name: str
    feature: FeatureClass
    country: str
    lat: float
    lon: float
    population: int = 0
    geonameid: int | None = None
    admin1: str = ""
    alternate_names: tuple[str, ...] = ()
    geometry_wkt: str | None = None
    source: str = ""

    @property
    def precision(self) -> int:
        """ACLED geo precision: 1 town, 2 part of a region, 3 region, sea or country."""
        return PRECISION.get(self.feature, 3)

    @property
    def is_water(self) -> bool:
        """Whether the place is a sea, gulf, strait, canal or coast."""
        return self.feature in WATER_FEATURES

    def as_dict(self) -> dict[str, object]:
        """Flat JSON-ready form used by the CLI and exports."""
        return {
            "place_id": self.place_id,
            "geonameid": self.geonameid,
            "name": self.name,
            "feature": self.feature,
            "country": self.country,
            "lat": round(self.lat, 5),
            "lon": round(self.lon, 5),
            "population": self.population,
        }


class Candidate(NamedTuple):
    """A place that a name may refer to (an immutable named tuple).

    Parameters
    ----------
    place
        The place.
    prior
        Context-free score; higher is likelier.
    kind
        How the name matched.
    """

    place: Place
    prior: float
    kind: NameKind
