"""Conflict mapper: geoparse news text, extract events, draw layered maps."""

from geo.parse.geoparse import Geoparser, Toponym, geoparse

__all__ = ["Geoparser", "Toponym", "geoparse"]
