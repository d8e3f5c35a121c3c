"""Partitioned output: a folder of part files, each written as its partition of documents
completes, and a manifest written last.

A run with ``--partitioned-out DIR`` leaves::

    DIR/part-00000.jsonl      one partition of documents (64 by default): geoparse lines, or
    DIR/part-00000.parquet    the events of its documents (JSON Lines and GeoParquet)
    DIR/part-00001.jsonl      ...
    DIR/imported.jsonl        (events) the rows of the event tables and exports read, if any
    DIR/imported.parquet
    DIR/manifest.json         written when the run ends: the parts in input order, their
                              documents, rows, sizes and SHA-256, the copies of stories and
                              the failures

Each file is written atomically (:mod:`geo.io.atomic`), as soon as its partition is done and
in whatever order partitions finish, so results never pile up in memory and a killed run
leaves whole parts. The manifest is what makes the folder a finished run: a reader refuses a
folder without one, and reads only the parts it lists, after checking their SHA-256. A new run
into the same folder removes the earlier manifest when it starts and the earlier parts it did
not rewrite when it ends.

Events in the parts are **before merging**: each document's own reports (a partition cannot
know the reports of later partitions). Merging happens once, over the parts in input order,
when they are read back (:func:`geo.flow.merge_parts`, ``conflictmap merge DIR``), which gives
the same events as the run's own merged output. :func:`read_geoparquet` opens the GeoParquet
parts as one lazy :mod:`dask_geopandas` frame, a partition per part, for analyses larger than
memory. The parts' files are built where the partition was processed
(:func:`geo.cluster.events_part_files`).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import secrets
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import InputError
from geo.io.atomic import atomic_write_bytes
from geo.model import (
    Event,
    EventKind,
    EventPlace,
    Failure,
    Feature,
    Layer,
    Precision,
    Role,
    TimePrecision,
)

if TYPE_CHECKING:
    import dask_geopandas

__all__ = [
    "MANIFEST",
    "PartitionWriter",
    "event_from_dict",
    "jsonl_bytes",
    "read_events",
    "read_geoparquet",
    "read_manifest",
    "read_rows",
]

#: Name of the manifest inside the folder.
MANIFEST = "manifest.json"
#: ``format`` of the manifest.
FORMAT = "conflictmap-partitions"
VERSION = 1
#: Name of the part of imported rows (events runs).
IMPORTED = "imported"
_PART_FILE = re.compile(r"^(part-\d+|imported)\.(jsonl|parquet)$")


def jsonl_bytes(rows: Iterable[Mapping[str, Any]]) -> bytes:
    """``rows`` as UTF-8 JSON Lines, as the CLI writes them."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def _place(data: Mapping[str, Any]) -> EventPlace:
    fields = dict(data)
    for axis in ("lat", "lon"):
        fields[axis] = math.nan if fields.get(axis) is None else float(fields[axis])
    fields["role"] = Role(fields["role"])
    fields["feature"] = Feature(fields["feature"])
    fields["precision"] = Precision(fields["precision"])
    return EventPlace(**fields)


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def event_from_dict(data: Mapping[str, Any]) -> Event:
    """The event of :meth:`Event.as_dict` (the JSON of a part).

    Raises
    ------
    InputError
        When the record is not an event.
    """
    try:
        fields = dict(data)
        fields["layer"] = Layer(fields["layer"])
        fields["kind"] = EventKind(fields.get("kind") or EventKind.NONE)
        fields["time_precision"] = TimePrecision(
            fields.get("time_precision") or TimePrecision.UNKNOWN)
        fields["event_date"] = _day(fields.get("event_date"))
        fields["end_date"] = _day(fields.get("end_date"))
        fields["locations"] = tuple(_place(p) for p in data.get("locations") or ())
        fields["unplaced"] = tuple(_place(p) for p in data.get("unplaced") or ())
        fields["evidence_more"] = tuple(data.get("evidence_more") or ())
        span = data.get("fatalities_range")
        fields["fatalities_range"] = (int(span[0]), int(span[1])) if span else None
        return Event(**fields)
    except (TypeError, ValueError, IndexError, KeyError) as err:
        raise InputError(f"not an event record: {err!r}") from err


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class PartitionWriter:
    """Writes the parts of one run into a folder, then its manifest.

    Parameters
    ----------
    folder
        Where the parts go (created when missing). An earlier run's manifest there is removed
        at once, so the folder never looks finished before this run is.
    command
        What the parts hold: ``"geoparse"`` (a line per document) or ``"events"`` (events
        before merging).
    """

    def __init__(self, folder: Path, command: str) -> None:
        self.folder = folder
        self.command = command
        self.run_id = f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(4)}"
        self._parts: dict[int, dict[str, Any]] = {}
        self._imported: dict[str, Any] | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / MANIFEST).unlink(missing_ok=True)
        except OSError as err:
            raise InputError(f"cannot write partitions to {str(folder)!r}: "
                             f"{err.strerror or err}") from err

    @property
    def written(self) -> list[int]:
        """Indexes of the partitions written so far, in order."""
        return sorted(self._parts)

    def _files(self, stem: str, files: Mapping[str, bytes]) -> list[dict[str, Any]]:
        entries = []
        for suffix, data in files.items():
            atomic_write_bytes(self.folder / f"{stem}{suffix}", data)
            entries.append({"path": f"{stem}{suffix}", "bytes": len(data),
                            "sha256": _sha256(data)})
        return entries

    def write(self, index: int, files: Mapping[str, bytes], *, documents: int,
              rows: int) -> None:
        """Write the files of partition ``index`` (suffix → content), atomically each.

        Raises
        ------
        ExportError
            When a file cannot be written.
        """
        self._parts[index] = {"index": index, "documents": documents, "rows": rows,
                              "files": self._files(f"part-{index:05d}", files)}

    def write_imported(self, files: Mapping[str, bytes], *, rows: int) -> None:
        """Write the part of the rows imported from event tables and exports."""
        self._imported = {"rows": rows, "files": self._files(IMPORTED, files)}

    def close(self, *, copies: Mapping[str, Sequence[str]] | None = None,
              failures: Sequence[Failure] = ()) -> Path:
        """Write the manifest (atomically) and remove the earlier runs' parts left in the folder.

        Parameters
        ----------
        copies
            Original document id → sources of the copies of its story (their sources are
            added to its events on merging).
        failures
            What was skipped, and why.

        Returns
        -------
        Path
            The manifest.
        """
        parts = [self._parts[i] for i in sorted(self._parts)]
        manifest = {
            "format": FORMAT, "version": VERSION, "command": self.command,
            "run_id": self.run_id,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "merged": False,
            "documents": sum(p["documents"] for p in parts),
            "rows": sum(p["rows"] for p in parts),
            "parts": parts,
            "imported": self._imported,
            "copies": {k: list(v) for k, v in (copies or {}).items()},
            "failures": [{"where": f.where, "message": f.message} for f in failures],
        }
        path = atomic_write_bytes(self.folder / MANIFEST,
                                  json.dumps(manifest, indent=1, ensure_ascii=False).encode())
        ours = {f["path"] for p in [*parts, self._imported or {"files": []}] for f in p["files"]}
        for stale in self.folder.iterdir():
            if _PART_FILE.match(stale.name) and stale.name not in ours:
                stale.unlink(missing_ok=True)
        return path


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a finished partitioned run.

    Raises
    ------
    InputError
        When the folder holds no manifest (not a partitioned output, or a run that did not
        finish) or an unreadable one.
    """
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{str(folder)!r} has no {MANIFEST}: not the output of a finished "
                         "--partitioned-out run") from None
    except (OSError, ValueError) as err:
        raise InputError(f"cannot read {str(path)!r}: {err}") from err
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(f"{str(path)!r} is not a manifest of partitioned output")
    return manifest


def _groups(manifest: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The parts in input order, the imported rows last."""
    imported = manifest.get("imported")
    return [*manifest["parts"], *([imported] if imported else [])]


def _file(folder: Path, group: Mapping[str, Any], suffix: str) -> Mapping[str, Any] | None:
    return next((f for f in group["files"] if f["path"].endswith(suffix)), None)


def _verified(folder: Path, entry: Mapping[str, Any]) -> bytes:
    path = folder / str(entry["path"])
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read part {str(path)!r}: {err.strerror or err}") from err
    if _sha256(data) != entry["sha256"]:
        raise InputError(f"part {str(path)!r} is not the one its manifest lists (changed "
                         "since the run, or written by another run)")
    return data


def read_rows(folder: Path) -> Iterator[dict[str, Any]]:
    """The JSON Lines rows of every part, in input order (the imported rows last), one part in
    memory at a time; each part's SHA-256 is checked against the manifest first.

    Raises
    ------
    InputError
        When the manifest is missing or a part is missing or changed.
    """
    for group in _groups(read_manifest(folder)):
        entry = _file(folder, group, ".jsonl")
        if entry is None:
            continue
        for line in _verified(folder, entry).decode("utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def read_events(folder: Path) -> Iterator[Event]:
    """The events of an events run's parts as written: each document's own, before merging,
    in input order, the imported rows last (:func:`geo.flow.merge_parts` merges them).

    Raises
    ------
    InputError
        When the folder holds no finished events run, or a part is missing or changed.
    """
    manifest = read_manifest(folder)
    if manifest.get("command") != "events":
        raise InputError(f"{str(folder)!r} holds {manifest.get('command')} output, not events")
    for row in read_rows(folder):
        yield event_from_dict(row)


def read_geoparquet(folder: Path) -> dask_geopandas.GeoDataFrame:
    """The GeoParquet parts of an events run as one lazy :mod:`dask_geopandas` frame (EPSG:4326,
    a partition per part with events on the map, in input order, the imported rows last; a
    part's rows layer by layer; events before merging).

    Raises
    ------
    InputError
        When the manifest is missing, or a part is missing or not of the size it lists.
    """
    import dask_geopandas

    paths = []
    for group in _groups(read_manifest(folder)):
        entry = _file(folder, group, ".parquet")
        if entry is None:
            continue
        path = folder / entry["path"]
        size = path.stat().st_size if path.exists() else None
        if size != entry["bytes"]:
            raise InputError(f"part {str(path)!r} is missing or not the one its manifest lists")
        paths.append(str(path))
    if not paths:
        raise InputError(f"{str(folder)!r} has no GeoParquet parts")
    return dask_geopandas.read_parquet(paths)
