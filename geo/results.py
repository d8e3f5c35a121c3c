"""What processing gives, as plain records: each document's result and a batch's; and the
store that keeps results between runs.

Defined apart from :mod:`geo.pipeline` (which imports the geoparser and the event stage) so a
stored result (:mod:`geo.sample`) reads back without loading them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from geo.model import Document, Event, Failure
from geo.parse.resolve import Resolved

__all__ = ["BatchResult", "DocumentResult", "ResultCache", "group_problems"]

V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What one document gave.

    Parameters
    ----------
    document
        The document.
    resolved
        Every place mention with its resolution (corrections applied); empty when the
        pipeline was asked not to keep them.
    events
        Events extracted from it, before merging across documents.
    """

    document: Document
    resolved: tuple[Resolved, ...]
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What a batch gave.

    Parameters
    ----------
    documents
        Per-document results, in input order.
    events
        All events, duplicates across documents merged.
    failures
        Files, lines and documents that could not be read or processed, with the reason.
    notices
        What is worth knowing about inputs that were read: a guessed encoding, a copy of
        another story.
    reports
        Events before merging (extracted and imported).
    merged
        Reports folded into another one by merging.
    rejected
        Events left out because an analyst rejected them in review.
    """

    documents: tuple[DocumentResult, ...]
    events: tuple[Event, ...]
    failures: tuple[Failure, ...]
    notices: tuple[Failure, ...] = ()
    reports: int = 0
    merged: int = 0
    rejected: int = 0


def group_problems(
    batch: BatchResult, names: Sequence[str]
) -> list[tuple[str, str, list[Failure]]]:
    """A batch's failures and notices by the file (or document) they concern, as
    ``(level, file, failures)``: level ``"error"`` when a whole file failed, ``"warning"``
    when some of it did, ``"info"`` for notices.

    Parameters
    ----------
    batch
        The batch.
    names
        Names of the files read (a failure's ``where`` is a name, ``name:line`` or
        ``name[part]``); any other ``where`` is a document id, put under its document's
        source when the batch holds the document.
    """
    origin = {r.document.id: r.document.source for r in batch.documents}

    def file_of(where: str) -> str:
        for name in names:
            if where == name or where.startswith((f"{name}:", f"{name}[")):
                return name
        return origin.get(where, where)

    grouped: dict[tuple[str, str], list[Failure]] = {}
    for failure in batch.failures:
        where = file_of(failure.where)
        level = "error" if failure.where == where else "warning"
        grouped.setdefault((level, where), []).append(failure)
    for notice in batch.notices:
        grouped.setdefault(("info", file_of(notice.where)), []).append(notice)
    return [(level, where, items) for (level, where), items in grouped.items()]


class ResultCache(Generic[V]):
    """Results kept between runs: the most recently used ``size``, thread-safe.

    Parameters
    ----------
    size
        How many results to keep.
    """

    def __init__(self, size: int) -> None:
        self._items: OrderedDict[str, V] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: str) -> V | None:
        """The result stored under ``key``, if any (and mark it recently used)."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: str, value: V) -> None:
        """Store a result, dropping the least recently used beyond the size."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
