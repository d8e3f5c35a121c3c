"""User decisions kept in a JSON file that several sessions and processes share.

Place corrections (:mod:`geo.io.corrections`) and event reviews (:mod:`geo.io.reviews`) are both a
set of entries keyed by what they decide about. :class:`DecisionStore` holds such a set: it
remembers what this session added and removed, and :meth:`DecisionStore.save` merges that into
the file on disk under an exclusive lock (``<file>.lock``, by ``filelock``) and writes it
atomically, so two sessions saving at once keep both sets of decisions and a failed save leaves
the previous file whole.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from filelock import FileLock

from geo.errors import ConflictMapError, ExportError
from geo.io.atomic import atomic_write_bytes
from geo.settings import LOCK_TIMEOUT

__all__ = [
    "DecisionStore",
    "MalformedFileError",
    "check_keys",
    "json_type",
    "read_json_file",
    "string_field",
]

K = TypeVar("K")
V = TypeVar("V")


@contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold the exclusive lock of a shared file (``<file>.lock``, beside it).

    Raises
    ------
    ExportError
        When the lock cannot be taken in :data:`LOCK_TIMEOUT` seconds or created at all.
    """
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


class DecisionStore(ABC, Generic[K, V]):
    """The decisions of one file: entries of type ``V`` keyed by ``K``.

    Subclasses say how to read and write the file (:meth:`read_file`, :meth:`encode`), how an
    entry is keyed (:meth:`key_of`), and which error a bad file raises (:attr:`error`).

    Parameters
    ----------
    path
        The JSON file; missing means no decisions yet, ``None`` means decisions held in
        memory only (until :meth:`save` is given a path).
    """

    #: Raised for a file that cannot be read or is malformed, and for a save with no file.
    error: ClassVar[type[ConflictMapError]] = ConflictMapError
    #: What the entries are, for messages ("corrections", "reviews").
    what: ClassVar[str] = "decisions"

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._items: dict[K, V] = self.read_file(path) if path is not None else {}
        self._added: dict[K, V] = {}
        self._removed: set[K] = set()

    @classmethod
    @abstractmethod
    def entry_from_json(cls, raw: Any) -> V:
        """One entry of the file's list, its types checked; raises :class:`MalformedFileError`."""

    @staticmethod
    @abstractmethod
    def entry_to_json(entry: V) -> dict[str, Any]:
        """The JSON object of one entry."""

    @staticmethod
    @abstractmethod
    def key_of(entry: V) -> K:
        """The key of one entry."""

    @staticmethod
    @abstractmethod
    def describe(entry: V) -> str:
        """One entry in a message ("correction of 3-8 in document 'd1'")."""

    @classmethod
    def read_file(cls, path: Path) -> dict[K, V]:
        """The entries of ``path`` by key (none when it does not exist).

        Raises
        ------
        ConflictMapError
            (:attr:`error`) When the file cannot be read or is malformed; the message names
            the file and what is wrong (items are counted from 1).
        """
        try:
            return cls.parse(read_json_file(path, cls.what))
        except FileNotFoundError:
            return {}
        except MalformedFileError as err:
            raise cls.error(f"{str(path)!r}: {err}") from None

    @classmethod
    def parse(cls, payload: Any) -> dict[K, V]:
        """The entries of the file's JSON value: ``{"<what>": [entry, ...]}``, keys unique."""
        if not isinstance(payload, dict):
            raise MalformedFileError(
                f"expected an object with a '{cls.what}' list, found {json_type(payload)}"
            )
        check_keys(payload, (cls.what,))
        items = payload[cls.what]
        if not isinstance(items, list):
            raise MalformedFileError(f"'{cls.what}' must be a list, found {json_type(items)}")
        out: dict[K, V] = {}
        for number, raw in enumerate(items, start=1):
            try:
                entry = cls.entry_from_json(raw)
            except MalformedFileError as err:
                raise MalformedFileError(f"item {number}: {err}") from None
            key = cls.key_of(entry)
            if key in out:
                raise MalformedFileError(f"item {number}: a second {cls.describe(entry)}")
            out[key] = entry
        return out

    @classmethod
    def encode(cls, entries: Iterable[V]) -> bytes:
        """The file's bytes for ``entries`` (UTF-8 JSON, one key per line)."""
        payload = {cls.what: [cls.entry_to_json(e) for e in entries]}
        return json.dumps(payload, indent=1, ensure_ascii=False).encode("utf-8")

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[V]:
        return iter(list(self._items.values()))

    def add(self, entry: V) -> None:
        """Add or replace the entry of its key (saved by the next :meth:`save`)."""
        key = self.key_of(entry)
        self._items[key] = entry
        self._added[key] = entry
        self._removed.discard(key)

    def discard(self, key: K) -> bool:
        """Drop the entry of ``key`` (also from the file, at the next :meth:`save`).

        Returns
        -------
        bool
            Whether this object held such an entry.
        """
        self._added.pop(key, None)
        self._removed.add(key)
        return self._items.pop(key, None) is not None

    def lookup(self, key: K) -> V | None:
        """The entry of ``key``, if any."""
        return self._items.get(key)

    def save(self, path: Path | None = None) -> Path:
        """Merge this object's changes into the file on disk, under an exclusive lock.

        The file is re-read under the lock: entries this object added or changed replace
        those of the same key, entries it removed are dropped and entries other savers wrote
        meanwhile are kept. The merged set is written atomically and becomes this object's
        content. Saving to another file than the one loaded counts every entry as a change.

        Returns
        -------
        Path
            The file written.

        Raises
        ------
        ConflictMapError
            (:attr:`error`) When no file is given, or the file on disk is malformed (it is
            left alone).
        ExportError
            When the file cannot be locked or written.
        """
        target = path or self.path
        if target is None:
            raise self.error(f"no {self.what} file given")
        changes = self._added if target == self.path else self._items
        with locked(target):
            merged = self.read_file(target)
            for key in self._removed:
                merged.pop(key, None)
            merged.update(changes)
            atomic_write_bytes(target, self.encode(merged.values()))
        self._items = merged
        self._added = {}
        self._removed = set()
        return target


# ------------------------------------------------------------------ reading such a file
class MalformedFileError(ValueError):
    """What is wrong with a decisions file, before the file's name is put in front."""


def read_json_file(path: Path, what: str) -> Any:
    """The JSON value of a decisions file.

    Raises
    ------
    FileNotFoundError
        When it does not exist.
    MalformedFileError
        When it is a folder, unreadable, empty, not UTF-8 or not JSON.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise MalformedFileError(f"is a folder, not a {what} file") from None
    except OSError as err:
        raise MalformedFileError(f"cannot read the file: {err.strerror or err}") from None
    if not data.strip():
        raise MalformedFileError("the file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise MalformedFileError(f"not UTF-8 text (bad byte at offset {err.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise MalformedFileError(
            f"not valid JSON: {err.msg} at line {err.lineno} column {err.colno}"
        ) from None
    except RecursionError:
        raise MalformedFileError("not valid JSON: nested too deeply") from None


def check_keys(obj: dict[str, Any], expected: tuple[str, ...]) -> None:
    """Fail unless an object has exactly the expected keys."""
    missing = [k for k in expected if k not in obj]
    if missing:
        raise MalformedFileError(f"missing {names(missing)}")
    extra = [k for k in obj if k not in expected]
    if extra:
        raise MalformedFileError(f"unexpected {names(extra)}")


def string_field(obj: dict[str, Any], key: str) -> str:
    """A value that must be a string."""
    value = obj[key]
    if not isinstance(value, str):
        raise MalformedFileError(f"{key!r} must be a string, found {json_type(value)}")
    return value


def names(keys: list[str]) -> str:
    """``key 'a'`` or ``keys 'a', 'b'``."""
    return ("key " if len(keys) == 1 else "keys ") + ", ".join(repr(k) for k in keys)


def json_type(value: Any) -> str:
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
