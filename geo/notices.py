"""Warnings the packages log (a guessed encoding, a stale correction), collected for a page.

The command line prints them on stderr through :mod:`logging`; the app shows them beside the
file they concern, so it collects the ones logged by its own thread inside a block.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator

__all__ = ["captured_warnings"]


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
    try:
        yield collector.messages
    finally:
        target.removeHandler(collector)
