"""Offline gazetteer: places from GeoNames, Natural Earth and curated facts, in one SQLite file.

>>> from gazetteer import open_gazetteer
>>> gaz = open_gazetteer()                       # doctest: +SKIP
>>> gaz.candidates("the Bosporus")[0].place.name  # doctest: +SKIP
'Bosphorus'
"""

# Compiled builds of the hot modules, when one matches the sources (see gazetteer._native).
from gazetteer._native import activate as _activate

_activate(__name__, __path__)

from gazetteer.errors import (  # noqa: E402
    GazetteerBuildError,
    GazetteerError,
    GazetteerLookupError,
    GazetteerNotBuiltError,
    GazetteerSourceMissingError,
)
from gazetteer.model import Candidate, Place  # noqa: E402
from gazetteer.name_index import NameSummary  # noqa: E402
from gazetteer.store import Gazetteer, haversine_km, open_gazetteer  # noqa: E402

__all__ = [
    "Candidate",
    "Gazetteer",
    "GazetteerBuildError",
    "GazetteerError",
    "GazetteerLookupError",
    "GazetteerNotBuiltError",
    "GazetteerSourceMissingError",
    "NameSummary",
    "Place",
    "haversine_km",
    "open_gazetteer",
]
