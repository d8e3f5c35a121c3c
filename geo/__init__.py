"""Conflict mapper: geoparse news text, extract events, draw layered maps."""

# Compiled builds of the hot modules, when one matches the sources (see gazetteer._native).
from gazetteer._native import activate as _activate

_activate(__name__, __path__)

from geo.geoparse import Geoparser, Toponym, geoparse  # noqa: E402

__all__ = ["Geoparser", "Toponym", "geoparse"]
