"""Context-free prior of a place: how likely a bare mention of its name means it.

The prior orders candidates before any document context is known: continents, countries, seas
and first-level divisions first, then populated places by population (log scale), capitals
raised. It is the ranking of ``conflictmap gazetteer lookup``.
"""

from __future__ import annotations

import math

from gazetteer.model import NameKind, Place
from gazetteer.settings import (
    CAPITAL_BONUS,
    DIVISION_PRIORS,
    FEATURE_PRIORS,
    PRIMARY_NAME_BONUS,
)


def ranked_prior(prior: float, kind: NameKind) -> float:
    """The prior by which a name's places are ranked: a place's prior, raised when the name is
    its primary name (``kind`` :attr:`NameKind.NAME`) rather than an alternate or an alias.
    Callers holding a name kind as stored text convert it once (``NameKind(text)``)."""
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
    if place.feature in DIVISION_PRIORS:
        least, bonus = DIVISION_PRIORS[place.feature]
        return max(pop, least) + bonus
    if place.feature in FEATURE_PRIORS:
        return max(FEATURE_PRIORS[place.feature], pop)
    return pop + (CAPITAL_BONUS if is_capital else 0.0)
