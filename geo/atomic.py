"""Atomic file writes: a temporary file in the same folder, renamed over the target."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from geo.errors import ExportError


def atomic_write(path: Path, write: Callable[[Path], None]) -> Path:
    """Write ``path`` through ``write(tmp_path)`` so a failure leaves the old file intact.

    Parameters
    ----------
    path
        The file to write.
    write
        Writes the content to the temporary path it is given.

    Raises
    ------
    ExportError
        When writing or renaming fails; the message names ``path``.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as err:
        raise ExportError(f"cannot write {str(path)!r}: {err}") from err
    tmp = Path(tmp_name)
    try:
        write(tmp)
        tmp.replace(path)
    except Exception as err:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(err, ExportError):
            raise
        raise ExportError(f"cannot write {str(path)!r}: {err}") from err
    return path


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically."""

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    return atomic_write(path, write)
