"""Atomic file writes: one file, a stream, or a set of files that belong together.

One file
    Written to a temporary file in the target folder (``.<name>.<pid>-<token>.tmp<suffix>``,
    keeping the suffix so format drivers recognise it), flushed to disk and moved over the
    target with :func:`os.replace`. A failed or interrupted save leaves the previous file.

A set (:class:`FileSet`)
    Every file is written to its temporary name first. Then a journal listing the moves is
    written beside the first target, each temporary file is moved into place, and the journal
    is removed. A run killed while moving leaves the journal behind, and the next write to that
    folder (or :func:`recover`) finishes the moves, so a reader finds either the old or the new
    complete set. The set can carry a manifest (run id, time, and every file's name, size and
    SHA-256), written as one of its files, so a reader can check the set is one run's.

Leftovers
    Temporary files and journals of runs whose process has died are cleaned up by
    :func:`recover`, which every write calls on its target folder first.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from gazetteer.processes import process_alive
from geo.errors import ExportError

__all__ = [
    "FileSet",
    "atomic_stream",
    "atomic_write",
    "atomic_write_bytes",
    "recover",
]

PathLike = str | os.PathLike[str]
WriteFn = Callable[[Path], object]

_TEMP = re.compile(r"^\..+\.(?P<pid>\d+)-[0-9a-f]{8}\.tmp(\.[^.]*)?$")
_JOURNAL = re.compile(r"^\.conflictmap-set-(?P<pid>\d+)-[0-9a-f]{8}\.journal$")


def _token() -> str:
    return f"{os.getpid()}-{secrets.token_hex(4)}"


def _temp_path(target: Path, token: str) -> Path:
    return target.with_name(f".{target.name}.{token}.tmp{target.suffix}")


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError), path.open("rb") as fh:
        os.fsync(fh.fileno())


def _error(target: Path, err: BaseException) -> ExportError:
    reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
    return ExportError(f"cannot write {str(target)!r}: {reason or type(err).__name__}",
                       str(target))


def recover(folder: PathLike) -> list[Path]:
    """Finish the sets a killed run left half moved in ``folder``; delete dead runs' temporaries.

    Journals and temporary files of processes still running are left alone.

    Returns
    -------
    list of Path
        The targets whose new version was moved into place.
    """
    where = Path(folder)
    if not where.is_dir():
        return []
    finished: list[Path] = []
    for journal in sorted(where.iterdir()):
        m = _JOURNAL.match(journal.name)
        if m is None or process_alive(int(m["pid"])):
            continue
        try:
            moves = json.loads(journal.read_text(encoding="utf-8"))["moves"]
        except (OSError, ValueError, KeyError, TypeError):
            moves = []  # written atomically, so only a foreign file looks like this
        for tmp, target in moves:
            with contextlib.suppress(FileNotFoundError):
                Path(tmp).replace(target)
                finished.append(Path(target))
        with contextlib.suppress(FileNotFoundError):
            journal.unlink()
    for tmp in where.iterdir():
        m = _TEMP.match(tmp.name)
        if m is not None and not process_alive(int(m["pid"])):
            with contextlib.suppress(FileNotFoundError, IsADirectoryError):
                tmp.unlink()
    return finished


def _write_temp(target: Path, write_fn: WriteFn, token: str) -> Path:
    """Write ``target``'s temporary file; the target is untouched. Raises ExportError."""
    tmp = _temp_path(target, token)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_fn(tmp)
        if not tmp.exists():
            raise FileNotFoundError(f"the writer produced no file at {str(tmp)!r}")
        _fsync(tmp)
        tmp.chmod(target.stat().st_mode & 0o777 if target.exists() else 0o644)
    except BaseException as err:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(err, Exception):
            raise _error(target, err) from err
        raise
    return tmp


def atomic_write(path: PathLike, write_fn: WriteFn) -> Path:
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
    recover(target.parent)
    tmp = _write_temp(target, write_fn, _token())
    try:
        tmp.replace(target)  # os.replace: atomic within the folder
    except OSError as err:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _error(target, err) from err
    return target


def atomic_write_bytes(path: PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically."""

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    return atomic_write(path, write)


@contextlib.contextmanager
def atomic_stream(path: PathLike) -> Iterator[IO[str]]:
    """A UTF-8 text file to write line by line, moved over ``path`` only when the block ends
    without an error; until then (and after a failure or a kill) the old file stays.

    Raises
    ------
    ExportError
        When the temporary file cannot be created or moved; the target is left untouched.
    """
    target = Path(path)
    recover(target.parent)
    tmp = _temp_path(target, _token())
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fh = tmp.open("w", encoding="utf-8", newline="")
    except OSError as err:
        raise _error(target, err) from err
    try:
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        tmp.chmod(target.stat().st_mode & 0o777 if target.exists() else 0o644)
        tmp.replace(target)
    except BaseException as err:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(err, OSError):
            raise _error(target, err) from err
        raise


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class FileSet:
    """Files written as one set: all or none of them replace the previous versions.

    Use as a context manager; :meth:`add` writes each file to its temporary name at once (so
    a large set is never held in memory), and leaving the block without an error moves them
    all into place. An error inside the block removes the temporary files and leaves every
    target as it was.

    Parameters
    ----------
    manifest
        Where to write the set's manifest (a JSON file that is part of the set); none when
        omitted.

    Examples
    --------
    >>> with FileSet(manifest="out/map.manifest.json") as files:  # doctest: +SKIP
    ...     files.add("out/map.html", write_html_to)
    ...     files.add("out/events.csv", write_csv_to)
    """

    def __init__(self, manifest: PathLike | None = None) -> None:
        self.token = _token()
        self.run_id = f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{self.token.split('-')[1]}"
        self.manifest = Path(manifest) if manifest is not None else None
        self._moves: list[tuple[Path, Path]] = []

    def __enter__(self) -> FileSet:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if error is None:
            self.commit()
        else:
            self.discard()

    @property
    def targets(self) -> list[Path]:
        """The files of the set, in the order they were added."""
        return [target for _tmp, target in self._moves]

    def add(self, path: PathLike, write_fn: WriteFn) -> Path:
        """Write one file of the set to its temporary name.

        Raises
        ------
        ExportError
            When the file cannot be written, or the set already has it.
        """
        target = Path(path)
        if any(target.resolve() == t.resolve() for t in self.targets):
            raise ExportError(f"{str(target)!r} is named twice in one export")
        if not self._moves:
            recover(target.parent)
        self._moves.append((_write_temp(target, write_fn, self.token), target))
        return target

    def _manifest_payload(self) -> dict[str, Any]:
        assert self.manifest is not None
        home = self.manifest.parent.resolve()
        return {
            "run_id": self.run_id,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "files": [
                {
                    # relative to the manifest: no private folder names leave this machine
                    "path": os.path.relpath(target.resolve(), home),
                    "bytes": tmp.stat().st_size,
                    "sha256": _sha256(tmp),
                }
                for tmp, target in self._moves
            ],
        }

    def commit(self) -> list[Path]:
        """Move every file into place (and write the manifest); returns the targets."""
        if not self._moves:
            return []
        if self.manifest is not None:
            payload = json.dumps(self._manifest_payload(), indent=1).encode("utf-8")
            self.add(self.manifest, lambda tmp: tmp.write_bytes(payload))
        journal = self._moves[0][1].parent / f".conflictmap-set-{self.token}.journal"
        moves = [[str(tmp.resolve()), str(target.resolve())] for tmp, target in self._moves]
        try:
            journal.write_text(json.dumps({"moves": moves}), encoding="utf-8")
            _fsync(journal)
            for tmp, target in self._moves:
                tmp.replace(target)
        except OSError as err:
            raise _error(journal.parent, err) from err
        journal.unlink()
        return self.targets

    def discard(self) -> None:
        """Remove the temporary files; every target stays as it was."""
        for tmp, _target in self._moves:
            with contextlib.suppress(OSError):
                tmp.unlink()
        self._moves.clear()
