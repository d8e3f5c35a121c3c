"""Context-free prior of a place: how likely a bare mention of its name means it.

The prior orders candidates before any document context is known: continents, countries, seas
and first-level divisions first, then populated places by population (log scale), capitals
raised. It is the ranking of ``conflictmap gazetteer lookup``.
"""

from __future__ import annotations

import math

from gazetteer.model import FeatureClass, NameKind, Place
from gazetteer.settings import CAPITAL_BONUS, PRIMARY_NAME_BONUS

_F = FeatureClass
_FIXED: dict[FeatureClass, float] = {
    _F.CONTINENT: 9.5,
    _F.SEA: 8.0,
    _F.GULF: 7.5,
    _F.STRAIT: 8.0,
    _F.CANAL: 7.5,
    _F.COAST: 7.0,
    _F.REGION: 7.0,
    _F.BASE: 6.0,
    _F.SEAT: 5.0,
    _F.VENUE: 5.0,
    _F.ISLAND: 5.5,
    _F.RIVER: 5.5,
    _F.LAKE: 5.5,
    _F.MOUNTAIN: 5.5,
    _F.PORT: 4.0,
}


def ranked_prior(prior: float, kind: str) -> float:
    """The prior by which a name's places are ranked: a place's prior, raised when the name is
    its primary name (``kind`` ``"name"``) rather than an alternate or an alias."""
    return prior + PRIMARY_NAME_BONUS if kind == NameKind.NAME else prior


def place_prior(place: Place, *, is_capital: bool = False) -> float:
    """Return the prior of ``place`` (about 0 to 10, higher is likelier).

    Parameters
    ----------
    place
        The place.
    is_capital
        Whether the place is a national capital.
    """
    pop = math.log10(place.population + 1)
    if place.feature == FeatureClass.COUNTRY:
        return max(pop, 6.0) + 3.0
    if place.feature == FeatureClass.ADMIN1:
        return max(pop, 5.5) + 0.5
    if place.feature == FeatureClass.ADMIN2:
        return max(pop, 4.0) + 0.5
    if place.feature in _FIXED:
        return max(_FIXED[place.feature], pop)
    return pop + (CAPITAL_BONUS if is_capital else 0.0)
