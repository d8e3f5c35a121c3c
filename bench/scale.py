"""Benchmark of the pipeline on Dask: one process, one worker and two workers, same corpus.

The corpus is real news nobody here wrote: the LGL and GeoVirus geoparsing corpora and the
event-location sentences (grouped four to a document), from ``../shared/eval``, about 3,000
documents. Each system runs the whole flow (:func:`geo.flow.run`: read, process, merge) on the
same documents; the workers build their pipeline before the clock starts (as a long run would
have them). Prints docs/s, the speed-up of two workers over one, whether the events are
identical to one process's, and the peak memory of each worker; then two workers again with
partitioned output (``--partitioned-out``: each partition's events written as JSON Lines and
GeoParquet, built on the workers, as it completes) and the events merged back from the parts.

Run: ``.venv/bin/python bench/scale.py [--docs 3000]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from distributed import Client, LocalCluster  # noqa: E402

from geo.cluster import DaskProcessor, PipelineSpec, warm_up  # noqa: E402
from geo.flow import merge_parts, run  # noqa: E402
from geo.io.partitions import PartitionWriter  # noqa: E402
from geo.model import Document  # noqa: E402
from geo.pipeline import BatchResult, Pipeline  # noqa: E402
from geo.settings import PART_DOCS, PARTITION_DOCS  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"


def news(limit: int) -> list[Document]:
    """Up to ``limit`` real news documents from the dev corpora."""
    docs: list[Document] = []
    for name in ("lgl.jsonl", "geovirus.jsonl"):
        for k, line in enumerate((EVAL / name).read_text(encoding="utf-8").split("\n")):
            if line.strip():
                docs.append(Document(f"{name}-{k}", json.loads(line)["text"]))
    sentences = [json.loads(line)["text"] for line in
                 (EVAL / "event_location_dev.jsonl").read_text(encoding="utf-8").split("\n")
                 if line.strip()]
    for k in range(0, len(sentences), 4):
        docs.append(Document(f"el-{k}", " ".join(sentences[k : k + 4])))
    return docs[:limit]


def peak_mb() -> float:
    """Peak resident memory of this process, MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_s() -> float:
    """CPU seconds this process has used (user and system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def cpu_used(client: Client | None) -> float:
    """CPU seconds used so far by this process and the cluster's workers."""
    return cpu_s() + (sum(client.run(cpu_s).values()) if client else 0.0)


def timed(docs: list[Document], pipeline: Pipeline, client: Client | None,
          parts: PartitionWriter | None = None) -> tuple[float, BatchResult]:
    size = PART_DOCS if parts is not None else PARTITION_DOCS
    processor = (DaskProcessor(client, PipelineSpec.of(pipeline), partition_docs=size)
                 if client else None)
    copies: dict[str, list[str]] = {}
    cpu = cpu_used(client)
    started = time.perf_counter()
    result = run(docs, pipeline, keep_mentions=False,
                 processor=processor.writing(parts) if processor and parts else processor,
                 before_merge=lambda _reports, found: copies.update(found))
    if parts is not None:
        parts.close(copies=copies, failures=result.failures)
    seconds = time.perf_counter() - started
    CPU[len(CPU)] = cpu_used(client) - cpu
    return seconds, result


#: CPU seconds (client and workers) of each timed run, in order; printed beside the times, as
#: the wall clock of a shared machine varies with the load of others.
CPU: dict[int, float] = {}


def cpu_note() -> str:
    return f"CPU {CPU[len(CPU) - 1]:.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=3000)
    args = parser.parse_args()
    if not EVAL.exists():
        sys.exit(f"{EVAL} is not here")
    docs = news(args.docs)
    pipeline = Pipeline()
    seconds, alone = timed(docs, pipeline, None)
    print(f"{len(docs):,} documents, {len(alone.events):,} events")
    print(f"one process   {len(docs) / seconds:8.1f} docs/s   ({seconds:.1f} s, {cpu_note()}, "
          f"peak {peak_mb():,.0f} MB)")
    expected = [e.as_dict() for e in alone.events]
    rates: dict[int, float] = {}
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            client.run(warm_up, PipelineSpec.of(pipeline))  # each worker loads once
            seconds, result = timed(docs, pipeline, client)
            memory = client.run(peak_mb)
            rates[workers] = len(docs) / seconds
            same = [e.as_dict() for e in result.events] == expected
            print(f"{workers} worker(s)   {rates[workers]:8.1f} docs/s   ({seconds:.1f} s, "
                  f"{cpu_note()}; events {'identical' if same else 'DIFFERENT'}; peak per worker "
                  f"{', '.join(f'{m:,.0f}' for m in memory.values())} MB)")
            if workers == 2:
                partitioned(docs, pipeline, client, expected, seconds)
    print(f"2 workers over 1: {rates[2] / rates[1]:.2f} times; load average of the machine "
          f"{os.getloadavg()[0]:.1f} (2 cores)")


def partitioned(docs: list[Document], pipeline: Pipeline, client: Client,
                expected: list[dict[str, object]], plain_seconds: float) -> None:
    """The same run on the same cluster with partitioned output, and the parts merged back."""
    with tempfile.TemporaryDirectory(prefix="conflictmap-parts-") as name:
        folder = Path(name)
        parts = PartitionWriter(folder, "events")
        seconds, _result = timed(docs, pipeline, client, parts)
        memory = client.run(peak_mb)
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        started = time.perf_counter()
        back = merge_parts(folder)
        merge_s = time.perf_counter() - started
        same = [e.as_dict() for e in back.events] == expected
    print(f"  with partitioned output {len(docs) / seconds:8.1f} docs/s   ({seconds:.1f} s, "
          f"{cpu_note()}, {seconds / plain_seconds:.2f} times the run without; {len(parts.written)} parts, "
          f"{size:.1f} MB; peak per worker {', '.join(f'{m:,.0f}' for m in memory.values())} "
          f"MB); merged back from the parts in {merge_s:.1f} s: events "
          f"{'identical' if same else 'DIFFERENT'}")

if __name__ == "__main__":
    main()
