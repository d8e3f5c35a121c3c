"""Error tree of the gazetteer package.

Every error raised on purpose by :mod:`gazetteer` derives from :class:`GazetteerError`;
subclasses also inherit the built-in exception they refine, so callers may catch either.
"""

from __future__ import annotations


class GazetteerError(Exception):
    """Base class of all gazetteer errors."""


class GazetteerBuildError(GazetteerError, ValueError):
    """A source could not be read or holds bad data; the message names the file and line."""


class GazetteerSourceMissingError(GazetteerError, FileNotFoundError):
    """A data source the build needs is not installed."""


class GazetteerNotBuiltError(GazetteerError, FileNotFoundError):
    """The gazetteer file does not exist and building it was not allowed."""


class GazetteerLookupError(GazetteerError, LookupError):
    """A place id or name is not in the gazetteer."""
