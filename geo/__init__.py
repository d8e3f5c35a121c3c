"""Conflict mapper: geoparse news text, extract events, draw layered maps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geo.parse.geoparse import Geoparser, Toponym, geoparse

__all__ = ["Geoparser", "Toponym", "geoparse"]


def __getattr__(name: str) -> Any:
    """The geoparser's names, imported on first use: a module of this package that does not
    need the geoparser (the app's first page, reading a stored result) does not load it."""
    if name in __all__:
        from geo.parse import geoparse as module

        return getattr(module, name)
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
