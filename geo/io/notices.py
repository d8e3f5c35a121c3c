"""Warnings the packages log (a guessed encoding, a stale correction), collected for a page.

The flow (:func:`geo.flow.run`) collects the ones logged while it reads each input, as notices
beside the file they concern; a log handler that prints warnings (the CLI's) asks
:func:`capturing` and leaves those to whoever collects them, so nothing is said twice.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator

__all__ = ["captured_warnings", "capturing"]

_STATE = threading.local()


def capturing() -> bool:
    """Whether warnings logged in this thread now are being collected."""
    return bool(getattr(_STATE, "depth", 0))


class _Collector(logging.Handler):
    """Keeps the messages of warnings logged by one thread."""

    def __init__(self, thread: int) -> None:
        super().__init__(level=logging.WARNING)
        self.thread = thread
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


@contextlib.contextmanager
def captured_warnings(logger: str = "conflictmap") -> Iterator[list[str]]:
    """The warning messages ``logger`` (and its children) log in this thread inside the block.

    They still reach the logger's other handlers.
    """
    collector = _Collector(threading.get_ident())
    target = logging.getLogger(logger)
    target.addHandler(collector)
    _STATE.depth = getattr(_STATE, "depth", 0) + 1
    try:
        yield collector.messages
    finally:
        _STATE.depth -= 1
        target.removeHandler(collector)
