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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock

from gazetteer import Gazetteer, GazetteerLookupError
from geo.atomic import atomic_write_bytes
from geo.errors import CorrectionError, ExportError
from geo.resolve import Resolved

#: Where stale corrections are reported.
LOGGER = logging.getLogger("conflictmap.corrections")

#: Seconds a save waits for another process's save to finish.
LOCK_TIMEOUT = 30.0

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


class _MalformedError(ValueError):
    """What is wrong with a corrections file, before the file's name is put in front."""


class Corrections:
    """The corrections of one file.

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

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._items: dict[Key, Correction] = read_corrections(path) if path is not None else {}
        self._added: dict[Key, Correction] = {}
        self._removed: set[Key] = set()

    @classmethod
    def load(cls, path: Path) -> Corrections:
        """The corrections saved in ``path`` (none when it does not exist).

        Raises
        ------
        CorrectionError
            When the file cannot be read or is malformed.
        """
        return cls(path)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Correction]:
        return iter(list(self._items.values()))

    def add(self, correction: Correction) -> None:
        """Add or replace the correction of one mention (saved by the next :meth:`save`)."""
        self._items[correction.key] = correction
        self._added[correction.key] = correction
        self._removed.discard(correction.key)

    def remove(self, doc_id: str, start: int, end: int) -> bool:
        """Drop the correction of one mention (also from the file, at the next :meth:`save`).

        Returns
        -------
        bool
            Whether this object held such a correction.
        """
        key = (doc_id, start, end)
        self._added.pop(key, None)
        self._removed.add(key)
        return self._items.pop(key, None) is not None

    def get(self, doc_id: str, start: int, end: int) -> Correction | None:
        """The correction of a mention, if any."""
        return self._items.get((doc_id, start, end))

    def signature(self, doc_id: str | None = None) -> str:
        """A text that changes whenever the corrections of ``doc_id`` (of every document when
        omitted) change: part of a cache key."""
        chosen = sorted((c.doc_id, c.start, c.end, c.mention, c.place_id or "")
                        for c in self._items.values() if doc_id is None or c.doc_id == doc_id)
        return json.dumps(chosen, ensure_ascii=False)

    def save(self, path: Path | None = None) -> Path:
        """Merge this object's changes into the file on disk, under an exclusive lock.

        The file is re-read under the lock (``<file>.lock`` beside it): entries this object
        added or changed replace those of the same mention, entries it removed are dropped
        and entries other savers wrote meanwhile are kept. The merged set is written
        atomically (a failed save leaves the previous file as it was) and becomes this
        object's content. Saving to another file than the one loaded counts every entry of
        this object as a change.

        Parameters
        ----------
        path
            The file to write; this object's own file when omitted.

        Returns
        -------
        Path
            The file written.

        Raises
        ------
        CorrectionError
            When no file is given, or the file on disk is malformed (it is left alone).
        ExportError
            When the file cannot be locked or written.
        """
        target = path or self.path
        if target is None:
            raise CorrectionError("no corrections file given")
        changes = self._added if target == self.path else self._items
        with _locked(target):
            merged = read_corrections(target)
            for key in self._removed:
                merged.pop(key, None)
            merged.update(changes)
            atomic_write_bytes(target, encode_corrections(merged.values()))
        self._items = merged
        self._added = {}
        self._removed = set()
        return target

    def apply(self, doc_id: str, resolved: list[Resolved], gazetteer: Gazetteer) -> list[Resolved]:
        """Return ``resolved`` with this document's corrections applied (score 1.0).

        A stale correction (unknown place id, changed text at its offsets, or no mention
        there any more) is logged as a warning on ``conflictmap.corrections`` and skipped;
        the other resolutions and corrections are unaffected.
        """
        mine = {(c.start, c.end): c for c in self._items.values() if c.doc_id == doc_id}
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
    try:
        text = _read_text(path)
        return {} if text is None else _parse_payload(_parse_json(text))
    except _MalformedError as err:
        raise CorrectionError(f"{str(path)!r}: {err}") from None


def encode_corrections(corrections: Iterable[Correction]) -> bytes:
    """The file's bytes for some corrections (UTF-8 JSON, one key per line)."""
    payload = {"corrections": [asdict(c) for c in corrections]}
    return json.dumps(payload, indent=1, ensure_ascii=False).encode("utf-8")


def _read_text(path: Path) -> str | None:
    """The file's text, ``None`` when it does not exist."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise _MalformedError("is a folder, not a corrections file") from None
    except OSError as err:
        raise _MalformedError(f"cannot read the file: {err.strerror or err}") from None
    if not data.strip():
        raise _MalformedError("the file is empty")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _MalformedError(f"not UTF-8 text (bad byte at offset {err.start})") from None


def _parse_json(text: str) -> Any:
    """The JSON value of the file's text."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise _MalformedError(
            f"not valid JSON: {err.msg} at line {err.lineno} column {err.colno}"
        ) from None
    except RecursionError:
        raise _MalformedError("not valid JSON: nested too deeply") from None


def _parse_payload(payload: Any) -> dict[Key, Correction]:
    """The corrections of the file's JSON value."""
    if not isinstance(payload, dict):
        raise _MalformedError(
            f"expected an object with a 'corrections' list, found {_json_type(payload)}"
        )
    _check_keys(payload, ("corrections",))
    items = payload["corrections"]
    if not isinstance(items, list):
        raise _MalformedError(f"'corrections' must be a list, found {_json_type(items)}")
    out: dict[Key, Correction] = {}
    for number, raw in enumerate(items, start=1):
        try:
            fix = _parse_item(raw)
        except _MalformedError as err:
            raise _MalformedError(f"item {number}: {err}") from None
        if fix.key in out:
            raise _MalformedError(
                f"item {number}: a second correction of {fix.start}-{fix.end} "
                f"in document {fix.doc_id!r}"
            )
        out[fix.key] = fix
    return out


def _parse_item(raw: Any) -> Correction:
    """One correction of the file, its types checked."""
    if not isinstance(raw, dict):
        raise _MalformedError(f"expected an object, found {_json_type(raw)}")
    _check_keys(raw, FIELDS)
    start, end = _offset(raw, "start"), _offset(raw, "end")
    if start >= end:
        raise _MalformedError(f"'start' ({start}) must be less than 'end' ({end})")
    place_id = raw["place_id"]
    if place_id is not None and not isinstance(place_id, str):
        raise _MalformedError(f"'place_id' must be a string or null, found {_json_type(place_id)}")
    return Correction(_string(raw, "doc_id"), start, end, _string(raw, "mention"), place_id)


def _check_keys(obj: dict[str, Any], expected: tuple[str, ...]) -> None:
    """Fail unless an object has exactly the expected keys."""
    missing = [k for k in expected if k not in obj]
    if missing:
        raise _MalformedError(f"missing {_names(missing)}")
    extra = [k for k in obj if k not in expected]
    if extra:
        raise _MalformedError(f"unexpected {_names(extra)}")


def _string(obj: dict[str, Any], key: str) -> str:
    """A value that must be a string."""
    value = obj[key]
    if not isinstance(value, str):
        raise _MalformedError(f"{key!r} must be a string, found {_json_type(value)}")
    return value


def _offset(obj: dict[str, Any], key: str) -> int:
    """A value that must be a non-negative integer (not a boolean, not a float)."""
    value = obj[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise _MalformedError(f"{key!r} must be an integer, found {_json_type(value)}")
    if value < 0:
        raise _MalformedError(f"{key!r} must not be negative, found {value}")
    return value


def _names(keys: list[str]) -> str:
    """``key 'a'`` or ``keys 'a', 'b'``."""
    return ("key " if len(keys) == 1 else "keys ") + ", ".join(repr(k) for k in keys)


def _json_type(value: Any) -> str:
    """The JSON name of a value's type, with an article."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


@contextmanager
def _locked(target: Path) -> Iterator[None]:
    """Hold the exclusive lock of a corrections file (``<file>.lock``, beside it)."""
    lock = FileLock(target.with_name(target.name + ".lock"), timeout=LOCK_TIMEOUT)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except OSError as err:  # filelock.Timeout is an OSError (TimeoutError) too
        raise ExportError(f"cannot lock {str(target)!r}: {err}", str(target)) from err
    try:
        yield
    finally:
        lock.release()
