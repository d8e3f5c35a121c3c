"""The same pipeline on a Dask cluster: documents in partitions, results back in input order.

The client (the CLI's process) reads the inputs lazily, as in one process, and sends the
documents in partitions of :data:`PARTITION_DOCS` to the workers, keeping at most a few
partitions per worker in flight (so a corpus larger than memory streams through). Each worker
builds its pipeline once, from a small picklable :class:`PipelineSpec` (the gazetteer, the
actor table and the corrections file are loaded by the worker itself, from paths it can
read), and keeps it for every later partition. Results come back in input order; merging
duplicate reports stays on the client, once, over all of them (:func:`geo.flow.run`).

With partitioned output (:meth:`DaskProcessor.map_parts`, :meth:`DaskProcessor.writing`),
each worker also builds its partition's part files (JSON Lines, and for events the GeoParquet
of their GeoDataFrame) and the client writes them (:class:`geo.io.partitions.PartitionWriter`)
as partitions complete, in any order, so no shared file system is needed. A
:class:`LocalProcessor` does the same in this process, without Dask.

A partition that fails (a lost worker, a killed process) is rescheduled by Dask, up to
:data:`geo.settings.PARTITION_RETRIES` more times; a bad document is reported and skipped
inside its partition, as in one process.

``client_for("local", workers=2)`` starts a :class:`distributed.LocalCluster` of worker
processes; ``client_for("tcp://host:8786")`` joins a running scheduler (``dask scheduler`` and
``dask worker tcp://host:8786`` on each machine).
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from geo.errors import ConflictMapError
from geo.flow import Processor
from geo.io.partitions import PartitionWriter, jsonl_bytes
from geo.model import Document, Event, Failure
from geo.pipeline import DocumentResult, Pipeline, TextProgress
from geo.settings import IN_FLIGHT_PER_THREAD, PARTITION_DOCS, PARTITION_RETRIES

if TYPE_CHECKING:
    from distributed import Client, Future

__all__ = [
    "DaskProcessor",
    "LocalProcessor",
    "Part",
    "PipelineSpec",
    "client_for",
    "events_part",
    "events_part_files",
    "geoparse_part",
    "geoparse_partition",
    "process_partition",
    "warm_up",
]


T = TypeVar("T")
R = TypeVar("R")

logger = logging.getLogger("conflictmap.cluster")


@dataclass(frozen=True, slots=True)
class PipelineSpec:
    """What a worker needs to build the same pipeline as the client (picklable, hashable).

    Parameters
    ----------
    corrections
        The corrections file (a path every worker can read), or none.
    max_chars
        Longest document processed.
    window_chars
        Window of a very long text.
    keep_mentions
        Keep each document's resolved mentions in its result.
    """

    corrections: Path | None
    max_chars: int
    window_chars: int
    keep_mentions: bool = False

    @classmethod
    def of(cls, pipeline: Pipeline, *, keep_mentions: bool = False) -> PipelineSpec:
        """The spec of a pipeline built on the client."""
        return cls(pipeline.corrections.path if len(pipeline.corrections) else None,
                   pipeline.max_chars, pipeline.window_chars, keep_mentions)

    def build(self) -> Pipeline:
        """A pipeline as the spec says (the default gazetteer and actor table)."""
        from geo.io.corrections import Corrections

        corrections = Corrections.load(self.corrections) if self.corrections else None
        return Pipeline(corrections=corrections, max_chars=self.max_chars,
                        window_chars=self.window_chars)


#: Pipelines of this process by spec: built on first use (on a worker), or the client's own
#: (a :class:`LocalProcessor`).
_PIPELINES: dict[PipelineSpec, Pipeline] = {}


def worker_pipeline(spec: PipelineSpec) -> Pipeline:
    """The pipeline of ``spec`` in this process, built on first use and kept."""
    pipeline = _PIPELINES.get(spec)
    if pipeline is None:
        pipeline = _PIPELINES[spec] = spec.build()
    return pipeline


def warm_up(spec: PipelineSpec) -> None:
    """Build the pipeline of ``spec`` in this process now (``client.run(warm_up, spec)`` loads
    it on every worker before the first partition arrives)."""
    worker_pipeline(spec)


def process_partition(
    spec: PipelineSpec, docs: list[Document]
) -> list[DocumentResult | Failure]:
    """Results of one partition of documents, in order (runs on a worker)."""
    return list(worker_pipeline(spec).iter_process(docs, keep_mentions=spec.keep_mentions))


def geoparse_partition(
    spec: PipelineSpec, docs: list[Document]
) -> list[tuple[str, list[dict[str, object]]] | Failure]:
    """``(document id, toponyms as in conflictmap geoparse)`` of one partition, in order;
    a document that fails becomes a failure (runs on a worker)."""
    pipeline = worker_pipeline(spec)
    out: list[tuple[str, list[dict[str, object]]] | Failure] = []
    for doc in docs:
        try:
            out.append((doc.id, [t.as_dict() for t in pipeline.toponyms(doc)]))
        except ConflictMapError as err:
            out.append(Failure(doc.id, str(err)))
        except Exception as err:  # a bad document must not end the batch
            logger.exception("unexpected error in document %r", doc.id)
            out.append(Failure(doc.id, f"{type(err).__name__}: {err}"))
    return out


@dataclass(frozen=True, slots=True)
class Part(Generic[T]):
    """What one partition gave, with the files of its part of a partitioned output.

    Parameters
    ----------
    items
        The partition's results, in order.
    files
        Suffix → content of each file of its part (built on the worker).
    documents
        Documents in the partition.
    rows
        Rows written (geoparse lines, or events).
    """

    items: list[T]
    files: dict[str, bytes]
    documents: int
    rows: int


def geoparse_part(
    spec: PipelineSpec, docs: list[Document]
) -> Part[tuple[str, list[dict[str, object]]] | Failure]:
    """:func:`geoparse_partition` and its part: the lines ``conflictmap geoparse`` writes."""
    items = geoparse_partition(spec, docs)
    lines = [{"id": i[0], "toponyms": i[1]} for i in items if not isinstance(i, Failure)]
    return Part(items, {".jsonl": jsonl_bytes(lines)}, len(docs), len(lines))


def events_part_files(events: Sequence[Event]) -> dict[str, bytes]:
    """The files of a part of events: JSON Lines of :meth:`Event.as_dict` (every event) and,
    when any event has a place on the map, GeoParquet of every layer in one table."""
    from geo.maps.export import parquet_bytes
    from geo.maps.layers import build_layers

    files = {".jsonl": jsonl_bytes(e.as_dict() for e in events)}
    layers = build_layers(events)
    if any(len(frame) for frame in layers.values()):
        # every layer's columns in every part, so that the parts share one schema
        columns = list(dict.fromkeys(c for frame in layers.values() for c in frame.columns))
        files[".parquet"] = parquet_bytes(
            {name: frame.reindex(columns=columns) for name, frame in layers.items()})
    return files


def events_part(spec: PipelineSpec, docs: list[Document]) -> Part[DocumentResult | Failure]:
    """:func:`process_partition` and its part: the events of its documents before merging, as
    JSON Lines and GeoParquet (the GeoDataFrame built here, on the worker)."""
    items = process_partition(spec, docs)
    events = [e for r in items if not isinstance(r, Failure) for e in r.events]
    return Part(items, events_part_files(events), len(docs), len(events))


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _in_order(completed: Iterable[tuple[int, list[T]]]) -> Iterator[T]:
    """The items of partitions that complete in any order, flattened in partition order."""
    done: dict[int, list[T]] = {}
    next_out = 0
    for index, items in completed:
        done[index] = items
        while next_out in done:
            yield from done.pop(next_out)
            next_out += 1


class _Partitioned(ABC):
    """Documents processed a partition at a time; results given in input order (a subclass
    says where the partitions run: :meth:`completed`)."""

    spec: PipelineSpec
    partition_docs: int
    on_text: TextProgress | None

    @abstractmethod
    def completed(
        self, function: Callable[[PipelineSpec, list[Document]], R], docs: Iterable[Document]
    ) -> Iterator[tuple[int, R]]:
        """``(partition index, function(spec, partition))`` as partitions complete."""

    def map(
        self, function: Callable[[PipelineSpec, list[Document]], list[T]],
        docs: Iterable[Document],
    ) -> Iterator[T]:
        """``function(spec, partition)`` over the partitions of ``docs``, flattened, in order."""
        return _in_order(self.completed(function, docs))

    def map_parts(
        self, function: Callable[[PipelineSpec, list[Document]], Part[T]],
        docs: Iterable[Document], writer: PartitionWriter,
    ) -> Iterator[T]:
        """As :meth:`map`, writing each partition's part with ``writer`` as it completes."""
        def written() -> Iterator[tuple[int, list[T]]]:
            for index, part in self.completed(function, docs):
                writer.write(index, part.files, documents=part.documents, rows=part.rows)
                yield index, part.items

        return _in_order(written())

    def __call__(self, docs: Iterable[Document]) -> Iterator[DocumentResult | Failure]:
        """The results of ``docs``, in input order."""
        return self.map(process_partition, docs)

    def writing(self, writer: PartitionWriter) -> Processor:
        """A processor for :func:`geo.flow.run` that also writes each partition's events."""
        return lambda docs: self.map_parts(events_part, docs, writer)


class LocalProcessor(_Partitioned):
    """Processes documents a partition at a time in this process, with ``pipeline``.

    Parameters
    ----------
    pipeline
        The pipeline to use (kept as the pipeline of its spec in this process).
    partition_docs
        Documents per partition.
    on_text
        Called with the characters of each partition done.
    """

    def __init__(self, pipeline: Pipeline, *, partition_docs: int = PARTITION_DOCS,
                 on_text: TextProgress | None = None) -> None:
        self.spec = PipelineSpec.of(pipeline)
        _PIPELINES[self.spec] = pipeline
        self.partition_docs = partition_docs
        self.on_text = on_text

    def completed(
        self, function: Callable[[PipelineSpec, list[Document]], R], docs: Iterable[Document]
    ) -> Iterator[tuple[int, R]]:
        for index, batch in enumerate(_batches(docs, self.partition_docs)):
            out = function(self.spec, batch)
            if self.on_text is not None:
                self.on_text(sum(len(d.text) for d in batch))
            yield index, out


class DaskProcessor(_Partitioned):
    """Processes documents on a Dask cluster, giving results in input order.

    Parameters
    ----------
    client
        A connected :class:`distributed.Client`.
    spec
        How the workers build their pipeline.
    partition_docs
        Documents per partition.
    on_text
        Called on the client with the characters of each partition done.
    """

    def __init__(
        self,
        client: Client,
        spec: PipelineSpec,
        *,
        partition_docs: int = PARTITION_DOCS,
        on_text: TextProgress | None = None,
    ) -> None:
        self.client = client
        self.spec = spec
        self.partition_docs = partition_docs
        self.on_text = on_text

    def _in_flight(self) -> int:
        threads = sum(self.client.nthreads().values()) or 1
        return max(2, IN_FLIGHT_PER_THREAD * threads)

    def completed(
        self, function: Callable[[PipelineSpec, list[Document]], R], docs: Iterable[Document]
    ) -> Iterator[tuple[int, R]]:
        """``(partition index, function(spec, partition))`` as partitions complete on the
        cluster, a few per worker thread in flight (the rest of ``docs`` waits unread)."""
        from distributed import as_completed

        partitions = enumerate(_batches(docs, self.partition_docs))
        sizes: dict[int, int] = {}
        pending: as_completed = as_completed()
        index_of: dict[Future[R], int] = {}

        def submit_one() -> bool:
            item = next(partitions, None)
            if item is None:
                return False
            index, batch = item
            sizes[index] = sum(len(d.text) for d in batch)
            future = self.client.submit(function, self.spec, batch, retries=PARTITION_RETRIES,
                                        pure=False, key=f"conflictmap-{id(self)}-{index}")
            index_of[future] = index
            pending.add(future)
            return True

        for _ in range(self._in_flight()):
            if not submit_one():
                break
        for future in pending:
            index = index_of.pop(future)
            try:
                out = future.result()
            except Exception as err:
                raise ConflictMapError(f"partition {index} failed on the cluster: {err}") from err
            future.release()
            if self.on_text is not None:
                self.on_text(sizes.pop(index))
            submit_one()
            yield index, out


def client_for(address: str, *, workers: int | None = None) -> contextlib.AbstractContextManager[Client]:
    """A client of a new local cluster (``"local"``) or of a running scheduler (an address).

    Parameters
    ----------
    address
        ``"local"``, or a scheduler address such as ``tcp://10.0.0.5:8786``.
    workers
        Worker processes of a local cluster (one thread each); the number of cores when
        omitted. Ignored for a running scheduler.

    Raises
    ------
    ConflictMapError
        When the scheduler cannot be reached.
    """
    from distributed import Client, LocalCluster

    @contextlib.contextmanager
    def local() -> Iterator[Client]:
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            yield client

    @contextlib.contextmanager
    def remote() -> Iterator[Client]:
        try:
            client = Client(address, timeout="10s")
        except (OSError, TimeoutError) as err:
            raise ConflictMapError(f"cannot reach the Dask scheduler at {address!r}: {err}") from err
        with client:
            yield client

    return local() if address == "local" else remote()
