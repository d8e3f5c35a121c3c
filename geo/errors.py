"""Error tree of the ``geo`` package.

Every error raised on purpose derives from :class:`ConflictMapError`, the root both packages
share (it lives in :mod:`gazetteer.errors`, beneath them, so that a gazetteer error is one too);
subclasses also inherit the built-in exception they refine.
"""

from __future__ import annotations

from gazetteer.errors import ConflictMapError

__all__ = [
    "ConflictMapError",
    "CorrectionError",
    "DocumentTooLargeError",
    "ExportError",
    "InputError",
    "RecordError",
    "ReviewError",
    "UnsupportedFormatError",
]


class InputError(ConflictMapError, ValueError):
    """An input document or table cannot be read; the message names it (file, line or id)."""


class DocumentTooLargeError(InputError):
    """A document is longer than the limit set (see ``geo.settings.MAX_DOCUMENT_CHARS``)."""


class UnsupportedFormatError(InputError):
    """The file's extension is not one the reader knows."""


class RecordError(ConflictMapError, ValueError):
    """An event-table row (ACLED, GDELT, or one of this tool's exports) is malformed; it is
    reported with its file and line and skipped. Also raised when an
    :class:`~geo.model.Event` or :class:`~geo.model.EventPlace` is built with a wrong field
    (a layer or role that is not a member, a day that is not a date, coordinates off the
    globe)."""


class ExportError(ConflictMapError, OSError):
    """An output file could not be written; the previous file, if any, is left intact.

    Parameters
    ----------
    message
        What went wrong, naming the file.
    path
        The file that could not be written, when there is one.
    """

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class ReviewError(ConflictMapError, ValueError):
    """A reviews file cannot be read or holds ill-typed entries; the message names it."""


class CorrectionError(ConflictMapError, ValueError):
    """A corrections file cannot be read or holds ill-typed entries; the message names it."""
