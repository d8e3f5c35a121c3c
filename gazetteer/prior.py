"""Context-free prior of a place: how likely a bare mention of its name means it.

The prior orders candidates before any document context is known: continents, countries, seas
and first-level divisions first, then populated places by population (log scale), capitals
raised. It is the ranking of ``conflictmap gazetteer lookup``.
"""

from __future__ import annotations

import math

from gazetteer.model import Place
from gazetteer.settings import CAPITAL_BONUS, PRIMARY_NAME_BONUS

_FIXED: dict[str, float] = {
    "continent": 9.5,
    "sea": 8.0,
    "gulf": 7.5,
    "strait": 8.0,
    "canal": 7.5,
    "coast": 7.0,
    "region": 7.0,
    "base": 6.0,
    "seat": 5.0,
    "venue": 5.0,
    "island": 5.5,
    "river": 5.5,
    "lake": 5.5,
    "mountain": 5.5,
    "port": 4.0,
}


def ranked_prior(prior: float, kind: str) -> float:
    """The prior by which a name's places are ranked: a place's prior, raised when the name is
    its primary name (``kind`` ``"name"``) rather than an alternate or an alias."""
    return prior + PRIMARY_NAME_BONUS if kind == "name" else prior


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
    if place.feature == "country":
        return max(pop, 6.0) + 3.0
    if place.feature == "admin1":
        return max(pop, 5.5) + 0.5
    if place.feature == "admin2":
        return max(pop, 4.0) + 0.5
    if place.feature in _FIXED:
        return max(_FIXED[place.feature], pop)
    return pop + (CAPITAL_BONUS if is_capital else 0.0)
