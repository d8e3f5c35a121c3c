"""Error tree of the gazetteer package, and the root of the whole project's errors.

Every error raised on purpose by this project derives from :class:`ConflictMapError` (defined
here, at the bottom of the layers, and re-exported by the packages above); the gazetteer's
derive from :class:`GazetteerError`. Subclasses also inherit the built-in exception they
refine, so callers may catch either.
"""

from __future__ import annotations


class ConflictMapError(Exception):
    """Base class of all errors of the conflict mapper (both packages)."""


class GazetteerError(ConflictMapError):
    """Base class of all gazetteer errors."""


class GazetteerBuildError(GazetteerError, ValueError):
    """A source could not be read or holds bad data; the message names the file and line."""


class GazetteerSourceMissingError(GazetteerError, FileNotFoundError):
    """A data source the build needs is not installed."""


class GazetteerNotBuiltError(GazetteerError, FileNotFoundError):
    """The gazetteer file does not exist and building it was not allowed."""


class GazetteerLookupError(GazetteerError, LookupError):
    """A place id or name is not in the gazetteer."""
