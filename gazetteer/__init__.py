"""Offline gazetteer: places from GeoNames, Natural Earth and curated facts, in one SQLite file.

>>> from gazetteer import open_gazetteer
>>> gaz = open_gazetteer()                       # doctest: +SKIP
>>> gaz.candidates("the Bosporus")[0].place.name  # doctest: +SKIP
'Bosphorus'
"""

from gazetteer.errors import (
    ConflictMapError,
    GazetteerBuildError,
    GazetteerError,
    GazetteerLookupError,
    GazetteerNotBuiltError,
    GazetteerSourceMissingError,
)
from gazetteer.model import Candidate, FeatureClass, NameKind, Place
from gazetteer.name_index import NameSummary
from gazetteer.store import Gazetteer, haversine_km, open_gazetteer

__all__ = [
    "Candidate",
    "ConflictMapError",
    "FeatureClass",
    "Gazetteer",
    "GazetteerBuildError",
    "GazetteerError",
    "GazetteerLookupError",
    "GazetteerNotBuiltError",
    "GazetteerSourceMissingError",
    "NameKind",
    "NameSummary",
    "Place",
    "haversine_km",
    "open_gazetteer",
]
