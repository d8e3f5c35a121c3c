"""The same pipeline on a Dask cluster: documents in partitions, results back in input order.

The client (the CLI's process) reads the inputs lazily, as in one process, and sends the
documents in partitions of :data:`PARTITION_DOCS` to the workers, keeping at most a few
partitions per worker in flight (so a corpus larger than memory streams through). Each worker
builds its pipeline once, from a small picklable :class:`PipelineSpec` (the gazetteer, the
actor table and the corrections file are loaded by the worker itself, from paths it can
read), and keeps it for every later partition. Results come back in input order; merging
duplicate reports stays on the client, once, over all of them (:func:`geo.flow.run`).

A partition that fails (a lost worker, a killed process) is rescheduled by Dask, up to
:data:`RETRIES` more times; a bad document is reported and skipped inside its partition, as in
one process.

``client_for("local", workers=2)`` starts a :class:`distributed.LocalCluster` of worker
processes; ``client_for("tcp://host:8786")`` joins a running scheduler (``dask scheduler`` and
``dask worker tcp://host:8786`` on each machine).
"""

from __future__ import annotations

import contextlib
import functools
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from geo.errors import ConflictMapError
from geo.io.ingest import Failure
from geo.model import Document
from geo.pipeline import DocumentResult, Pipeline, TextProgress

if TYPE_CHECKING:
    from distributed import Client, Future

__all__ = [
    "DaskProcessor",
    "PipelineSpec",
    "client_for",
    "geoparse_partition",
    "process_partition",
    "warm_up",
]

#: Documents sent to a worker at a time.
PARTITION_DOCS = 64
#: Partitions in flight per worker thread (the rest of the input waits unread).
IN_FLIGHT_PER_THREAD = 3
#: Times a failed partition is tried again (on another worker when its worker was lost).
RETRIES = 3

T = TypeVar("T")


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


@functools.cache
def worker_pipeline(spec: PipelineSpec) -> Pipeline:
    """The pipeline of ``spec`` in this process, built on first use and kept."""
    return spec.build()


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
    return out


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


class DaskProcessor:
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

    def map(
        self, function: Callable[[PipelineSpec, list[Document]], list[T]],
        docs: Iterable[Document],
    ) -> Iterator[T]:
        """``function(spec, partition)`` over the partitions of ``docs``, flattened, in order."""
        from distributed import as_completed

        partitions = enumerate(_batches(docs, self.partition_docs))
        sizes: dict[int, int] = {}
        done: dict[int, list[T]] = {}
        pending: as_completed = as_completed()
        index_of: dict[Future[list[T]], int] = {}
        next_out = 0

        def submit_one() -> bool:
            item = next(partitions, None)
            if item is None:
                return False
            index, batch = item
            sizes[index] = sum(len(d.text) for d in batch)
            future = self.client.submit(function, self.spec, batch, retries=RETRIES,
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
                done[index] = future.result()
            except Exception as err:
                raise ConflictMapError(f"partition {index} failed on the cluster: {err}") from err
            future.release()
            if self.on_text is not None:
                self.on_text(sizes.pop(index))
            submit_one()
            while next_out in done:
                yield from done.pop(next_out)
                next_out += 1

    def __call__(self, docs: Iterable[Document]) -> Iterator[DocumentResult | Failure]:
        """The results of ``docs``, in input order."""
        return self.map(process_partition, docs)


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
