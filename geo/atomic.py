"""Atomic file writes: a temporary file in the target folder, moved over the target.

A failed or interrupted save leaves the previous file as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from geo.errors import ExportError

PathLike = str | os.PathLike[str]


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError), path.open("rb") as fh:
        os.fsync(fh.fileno())


def atomic_write(path: PathLike, write_fn: Callable[[Path], object]) -> Path:
    """Write a file through a temporary file in the same folder, then move it into place.

    Parameters
    ----------
    path
        Target file; its folder is created if missing.
    write_fn
        Called with the temporary path (which does not exist yet, and has the target's
        suffix so that format drivers recognise it); it writes the whole file there.

    Returns
    -------
    Path
        The target path.

    Raises
    ------
    ExportError
        When the folder cannot be created, ``write_fn`` fails or the move fails; the target
        is left untouched and the temporary file removed.
    """
    target = Path(path)
    tmp: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=f".tmp{target.suffix}", dir=target.parent
        )
        os.close(fd)
        tmp = Path(name)
        tmp.unlink()
        write_fn(tmp)
        if not tmp.exists():
            raise FileNotFoundError(f"the writer produced no file at {str(tmp)!r}")
        _fsync(tmp)
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        tmp.chmod(mode)
        tmp.replace(target)  # os.replace: atomic within the folder
    except BaseException as err:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
        if isinstance(err, Exception):
            error = ExportError(f"cannot write {str(target)!r}: {err}")
            error.filename = str(target)
            raise error from err
        raise
    return target


def atomic_write_bytes(path: PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically."""

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    return atomic_write(path, write)
