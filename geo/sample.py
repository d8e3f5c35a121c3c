"""The bundled sample corpus, processed once: its documents' results kept in the cache folder.

The app opens on the sample corpus. Processing it means opening the gazetteer's name index and
the word lists (seconds) and running the pipeline (a second or two more); its texts are fixed,
so their per-document results are stored in :func:`results_path` (by setup, or by the app's
first run) and read back at the next start. They are stored under a stamp of what
they depend on: this package's and the gazetteer package's code and data (the sample texts,
the actor table, the event model), the gazetteer file, the Python version and the versions of
the libraries the pipeline reads with. A file with another stamp, or one that cannot be read,
is a miss, said in the log: the sample is processed again and stored anew.

Each result is stored under its :func:`geo.flow.document_key` (the document and *its*
corrections), so a correction to one dispatch reprocesses that one only. Only the bundled
sample's results are stored, never those of an uploaded or pasted text.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import sys
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer.settings import load_settings as load_gazetteer_settings
from geo.io.atomic import atomic_write_bytes
from geo.io.corrections import Corrections
from geo.io.reviews import Reviews
from geo.model import Document, Failure
from geo.results import BatchResult, DocumentResult, ResultCache
from geo.settings import PACKAGE_DIR, SAMPLE_KEPT_BATCHES, load_paths

if TYPE_CHECKING:  # the pipeline is imported only when something is processed
    from geo.pipeline import Pipeline

__all__ = [
    "FORMAT",
    "batch_key",
    "load_batch",
    "load_results",
    "prepare",
    "results_path",
    "save_batch",
    "seed",
    "stamp",
    "store",
]

logger = logging.getLogger("conflictmap.sample")

#: Version of the stored file's layout.
FORMAT = 1
#: Files whose change makes the stored results stale (code, sample texts, tables, models).
STAMPED_SUFFIXES = (".py", ".csv", ".json", ".txt")
#: Libraries whose version can change what the pipeline finds.
STAMPED_LIBRARIES = ("wordfreq", "english-words", "datasketch", "shapely", "geopy", "numpy")


def results_path() -> Path:
    """Where the sample's results are stored: ``CONFLICTMAP_SAMPLE_RESULTS``, else
    ``<cache>/sample_results.pickle``."""
    return load_paths().sample_results


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


@lru_cache(maxsize=1)
def stamp() -> str:
    """A hash of everything the sample's results depend on but the corrections (which
    :func:`geo.flow.document_key` holds): code and data of ``geo`` and ``gazetteer``, the
    gazetteer file (path, size, time), Python's and the libraries' versions."""
    h = hashlib.sha256(f"format {FORMAT}\x1f{sys.version}\x1f".encode())
    for name in STAMPED_LIBRARIES:
        h.update(f"{name}={_version(name)}\x1f".encode())
    for package in (PACKAGE_DIR, PACKAGE_DIR.parent / "gazetteer"):
        for path in sorted(package.rglob("*")):
            if path.suffix in STAMPED_SUFFIXES and "__pycache__" not in path.parts:
                h.update(path.relative_to(package.parent).as_posix().encode())
                h.update(hashlib.sha256(path.read_bytes()).digest())
    gazetteer = load_gazetteer_settings().gazetteer_path
    try:
        info = gazetteer.stat()
        h.update(f"{gazetteer.resolve()}:{info.st_size}:{info.st_mtime_ns}".encode())
    except OSError:
        h.update(b"no gazetteer")
    return h.hexdigest()[:32]


def _read(path: Path, expected: str) -> dict[str, Any]:
    """The stored file's content (``results`` and ``batches``), empty when the file is
    missing, cannot be read, or was stored under another stamp than ``expected`` (said in the
    log)."""
    empty: dict[str, Any] = {"results": {}, "batches": {}}
    try:
        with path.open("rb") as fh:
            stored = pickle.load(fh)  # our own cache folder: written by _write only
    except FileNotFoundError:
        return empty
    except Exception as err:  # a truncated or foreign file is a miss, never an error
        logger.warning("sample results in %s not read (%s): processing the sample", path, err,
                       exc_info=True)
        return empty
    if not isinstance(stored, dict) or stored.get("stamp") != expected:
        logger.info("sample results in %s are stale: processing the sample again", path)
        return empty
    results, batches = stored.get("results"), stored.get("batches")
    if not isinstance(results, dict) or not isinstance(batches, dict) \
            or not all(isinstance(r, DocumentResult) for r in results.values()) \
            or not all(isinstance(b, BatchResult) for b in batches.values()):
        logger.warning("sample results in %s are malformed: processing the sample", path)
        return empty
    return {"results": results, "batches": batches}


def _write(path: Path, results: Mapping[str, DocumentResult],
           batches: Mapping[str, BatchResult]) -> None:
    """Store ``results`` and ``batches`` under the current stamp, atomically; a folder that
    cannot be written is logged and left (the file is only a shortcut)."""
    data = pickle.dumps({"stamp": stamp(), "results": dict(results), "batches": dict(batches)},
                        protocol=pickle.HIGHEST_PROTOCOL)
    try:
        atomic_write_bytes(path, data)
    except Exception as err:  # the app goes on without the shortcut
        logger.warning("sample results not stored in %s: %s", path, err, exc_info=True)


def load_results(path: Path) -> dict[str, DocumentResult]:
    """The stored results by document key (none when the file is missing or stale)."""
    results: dict[str, DocumentResult] = _read(path, stamp())["results"]
    return results


def batch_key(corrections: Corrections, reviews: Reviews) -> str:
    """What a batch of the sample alone depends on besides the stamp: the corrections and
    the reviews."""
    return hashlib.sha256(f"{corrections.signature()}\x1f{reviews.signature()}".encode(
        "utf-8", "replace")).hexdigest()[:32]


def load_batch(path: Path, corrections: Corrections, reviews: Reviews) -> BatchResult | None:
    """The stored batch of the sample alone under these corrections and reviews, if any."""
    batch: BatchResult | None = _read(path, stamp())["batches"].get(
        batch_key(corrections, reviews))
    return batch


def save_batch(path: Path, corrections: Corrections, reviews: Reviews,
               batch: BatchResult) -> None:
    """Store the batch of the sample alone (the last :data:`SAMPLE_KEPT_BATCHES` kept)."""
    key = batch_key(corrections, reviews)
    stored = _read(path, stamp())
    if stored["batches"].get(key) == batch:
        return
    batches = {k: b for k, b in stored["batches"].items() if k != key}
    batches[key] = batch
    _write(path, stored["results"], dict(list(batches.items())[-SAMPLE_KEPT_BATCHES:]))


def seed(
    cache: ResultCache[DocumentResult | Failure], pipeline: Pipeline, docs: Iterable[Document],
    path: Path,
) -> int:
    """Put the stored results of ``docs`` (under ``pipeline``'s corrections) into ``cache``;
    how many of them were there."""
    from geo.flow import document_key

    stored = load_results(path)
    found = 0
    for doc in docs:
        key = document_key(doc, pipeline)
        result = stored.get(key)
        if result is not None and result.document == doc:
            cache.put(key, result)
            found += 1
    return found


def store(
    cache: ResultCache[DocumentResult | Failure], pipeline: Pipeline, docs: Sequence[Document],
    path: Path,
) -> bool:
    """Store the results of ``docs`` (the bundled sample, processed through ``cache``) when the
    file does not hold them all yet; whether it was written."""
    from geo.flow import document_key

    keys = [document_key(doc, pipeline) for doc in docs]
    found = {key: cache.get(key) for key in keys}
    results = {k: r for k, r in found.items() if isinstance(r, DocumentResult)}
    stored = _read(path, stamp())
    if not results or all(stored["results"].get(k) == r for k, r in results.items()):
        return False
    _write(path, results, stored["batches"])  # the current ones only: the file does not grow
    return True


def prepare(path: Path | None = None, *, live_map: bool = True) -> int:
    """Process the sample corpus with the corrections and reviews files (as the app opens
    it) and store its results and batch unless they are stored already; how many documents
    were processed. With ``live_map``, also write the app's live map's folder and the
    batch's features file (:func:`geo.maps.live.publish_events`) unless they are there. Setup
    runs it, so the app's first page finds them all."""
    from geo.errors import ConflictMapError
    from geo.flow import run
    from geo.pipeline import Pipeline, load_sample_corpus

    paths = load_paths()
    try:
        corrections = Corrections.load(paths.corrections)
    except ConflictMapError:  # the app ignores such a file too (and says so)
        corrections = Corrections()
    try:
        reviews = Reviews.load(paths.reviews)
    except ConflictMapError:
        reviews = Reviews()
    target = path or results_path()
    docs = load_sample_corpus()
    pipeline = Pipeline(corrections=corrections, lazy=True)
    cache: ResultCache[DocumentResult | Failure] = ResultCache(len(docs))
    found = seed(cache, pipeline, docs, target)
    batch = load_batch(target, corrections, reviews) if found == len(docs) else None
    done = 0
    if batch is None:
        batch = run(docs, pipeline, cache=cache, reviews=reviews)
        store(cache, pipeline, docs, target)
        save_batch(target, corrections, reviews, batch)
        done = len(docs) - found
    if live_map:
        from geo.maps.live import frontend_dir, publish_events

        if frontend_dir() is not None:  # else the app draws the exported map
            publish_events(batch.events)
    return done


if __name__ == "__main__":  # scripts/setup.sh
    done = prepare()
    print(f"setup: sample corpus processed ({done} documents), stored in {results_path()}"
          if done else "setup: sample corpus results up to date")
