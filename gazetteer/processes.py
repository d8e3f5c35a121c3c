"""Whether a process that left a temporary file behind is still running.

A gazetteer build and every atomic write of the packages above name their temporary files after
their process id, so that a later run can tell a dead run's leftovers from a running one's.
"""

from __future__ import annotations

import os

__all__ = ["process_alive"]


def process_alive(pid: int) -> bool:
    """Whether the process ``pid`` is running (this one, or another user's, counts)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True
