"""User corrections of place resolutions, saved in a JSON file and applied on every run.

A correction names a mention by document id and offsets and gives the place chosen instead
(a gazetteer id), or ``None`` for "none of these". The file reads::

    {"corrections": [{"doc_id": "d1", "start": 18, "end": 23, "mention": "Paris",
                      "place_id": "gn:4560349"}]}

Loading is strict: a file that is not exactly of that shape is a :class:`CorrectionError`
naming the file and the fault. Applying is lenient: a correction gone stale (its place left
the gazetteer, or the text at its offsets changed) is logged on the ``conflictmap.corrections``
logger and skipped. Saving holds an exclusive lock beside the file, merges this object's
changes into what is on disk and writes atomically, so concurrent savers lose nothing.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from gazetteer import Gazetteer, GazetteerLookupError
from geo.errors import CorrectionError
from geo.io.decisions import (
    DecisionStore,
    MalformedFileError,
    check_keys,
    json_type,
    string_field,
)
from geo.parse.resolve import Resolved

#: Where stale corrections are reported.
LOGGER = logging.getLogger("conflictmap.corrections")

#: The keys of one correction in the file, all required.
FIELDS = ("doc_id", "start", "end", "mention", "place_id")

#: What a correction is filed under: document id, start and end offsets of the mention.
Key = tuple[str, int, int]


@dataclass(frozen=True, slots=True)
class Correction:
    """One user choice.

    Parameters
    ----------
    doc_id
        The document.
    start, end
        Offsets of the mention.
    mention
        The mention as written (checked when applied: a changed text voids the correction).
    place_id
        The chosen gazetteer place, or ``None`` for "none of these".
    """

    doc_id: str
    start: int
    end: int
    mention: str
    place_id: str | None

    @property
    def key(self) -> Key:
        """The mention this corrects: document id, start and end offsets."""
        return (self.doc_id, self.start, self.end)


class Corrections(DecisionStore[Key, Correction]):
    """The corrections of one file (see :class:`geo.io.decisions.DecisionStore` for saving).

    Parameters
    ----------
    path
        The JSON file; missing means no corrections yet, ``None`` means corrections held in
        memory only (until :meth:`save` is given a path).

    Raises
    ------
    CorrectionError
        When the file exists but cannot be read or is not a well-formed corrections file;
        the message names the file and the fault.
    """

    error = CorrectionError
    what = "corrections"

    @classmethod
    def load(cls, path: Path) -> Corrections:
        """The corrections saved in ``path`` (none when it does not exist).

        Raises
        ------
        CorrectionError
            When the file cannot be read or is malformed.
        """
        return cls(path)

    @classmethod
    def entry_from_json(cls, raw: Any) -> Correction:
        return _parse_item(raw)

    @staticmethod
    def entry_to_json(entry: Correction) -> dict[str, Any]:
        return asdict(entry)

    @staticmethod
    def key_of(entry: Correction) -> Key:
        return entry.key

    @staticmethod
    def describe(entry: Correction) -> str:
        return f"correction of {entry.start}-{entry.end} in document {entry.doc_id!r}"

    def remove(self, doc_id: str, start: int, end: int) -> bool:
        """Drop the correction of one mention (also from the file, at the next :meth:`save`).

        Returns
        -------
        bool
            Whether this object held such a correction.
        """
        return self.discard((doc_id, start, end))

    def get(self, doc_id: str, start: int, end: int) -> Correction | None:
        """The correction of a mention, if any."""
        return self.lookup((doc_id, start, end))

    def signature(self, doc_id: str | None = None) -> str:
        """A text that changes whenever the corrections of ``doc_id`` (of every document when
        omitted) change: part of a cache key."""
        chosen = sorted((c.doc_id, c.start, c.end, c.mention, c.place_id or "")
                        for c in self if doc_id is None or c.doc_id == doc_id)
        return json.dumps(chosen, ensure_ascii=False)

    def apply(self, doc_id: str, resolved: list[Resolved], gazetteer: Gazetteer) -> list[Resolved]:
        """Return ``resolved`` with this document's corrections applied (score 1.0).

        A stale correction (unknown place id, changed text at its offsets, or no mention
        there any more) is logged as a warning on ``conflictmap.corrections`` and skipped;
        the other resolutions and corrections are unaffected.
        """
        mine = {(c.start, c.end): c for c in self if c.doc_id == doc_id}
        if not mine:
            return list(resolved)
        out = [
            _corrected(r, mine.get((r.mention.start, r.mention.end)), gazetteer)
            for r in resolved
        ]
        seen = {(r.mention.start, r.mention.end) for r in resolved}
        for span, fix in mine.items():
            if span not in seen:
                _skip(fix, "no place mention at those offsets any more")
        return out


def _corrected(r: Resolved, fix: Correction | None, gazetteer: Gazetteer) -> Resolved:
    """One resolution with its correction applied, or as it was when there is none to apply."""
    if fix is None:
        return r
    if fix.mention != r.mention.text:
        _skip(fix, f"the text there is now {r.mention.text!r}")
        return r
    if fix.place_id is None:
        return r._replace(place=None, score=1.0)
    try:
        place = gazetteer.get(fix.place_id)
    except GazetteerLookupError as err:
        _skip(fix, f"not in the gazetteer ({err})")
        return r
    return r._replace(place=place, score=1.0)


def _skip(fix: Correction, reason: str) -> None:
    """Report a stale correction."""
    LOGGER.warning(
        "correction skipped: %r at %d-%d in document %r -> place %r: %s",
        fix.mention, fix.start, fix.end, fix.doc_id, fix.place_id, reason,
    )


# ----------------------------------------------------------------------------- the file
def read_corrections(path: Path) -> dict[Key, Correction]:
    """The corrections saved in a file, by mention; empty when the file does not exist.

    Raises
    ------
    CorrectionError
        When the file cannot be read or is not a well-formed corrections file; the message
        names the file and what is wrong (items are counted from 1).
    """
    return Corrections.read_file(path)


def encode_corrections(corrections: Iterable[Correction]) -> bytes:
    """The file's bytes for some corrections (UTF-8 JSON, one key per line)."""
    return Corrections.encode(corrections)


def _parse_item(raw: Any) -> Correction:
    """One correction of the file, its types checked."""
    if not isinstance(raw, dict):
        raise MalformedFileError(f"expected an object, found {json_type(raw)}")
    check_keys(raw, FIELDS)
    start, end = _offset(raw, "start"), _offset(raw, "end")
    if start >= end:
        raise MalformedFileError(f"'start' ({start}) must be less than 'end' ({end})")
    place_id = raw["place_id"]
    if place_id is not None and not isinstance(place_id, str):
        raise MalformedFileError(f"'place_id' must be a string or null, found {json_type(place_id)}")
    return Correction(string_field(raw, "doc_id"), start, end, string_field(raw, "mention"), place_id)


def _offset(obj: dict[str, Any], key: str) -> int:
    """A value that must be a non-negative integer (not a boolean, not a float)."""
    value = obj[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise MalformedFileError(f"{key!r} must be an integer, found {json_type(value)}")
    if value < 0:
        raise MalformedFileError(f"{key!r} must not be negative, found {value}")
    return value
