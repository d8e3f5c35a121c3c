"""Tests of ``geo.cluster``: the pipeline on a local Dask cluster gives what one process gives."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from gazetteer import Gazetteer
from geo.cli import main
from geo.cluster import DaskProcessor, PipelineSpec, geoparse_part, geoparse_partition
from geo.dates import format_day
from geo.flow import merge_parts, run
from geo.io.partitions import PartitionWriter, read_geoparquet, read_manifest, read_rows
from geo.model import Document, Event
from geo.pipeline import Pipeline, load_sample_corpus

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client(gazetteer: Gazetteer) -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as client:
        yield client


def corpus(rounds: int = 4) -> list[Document]:
    """Distinct documents: each sample dispatch followed by another one (a new one each
    round, so that no two documents are copies of one story)."""
    sample = load_sample_corpus()
    return [replace(d, id=f"{d.id}-{k}", text=f"{d.text}\n\n{sample[(i + k + 1) % 12].text}")
            for k in range(rounds) for i, d in enumerate(sample)]


def _as_dicts(result: Any) -> list[dict[str, object]]:
    return [e.as_dict() for e in result.events]


def test_two_workers_give_the_events_of_one_process(client: Any) -> None:
    docs = corpus()
    pipeline = Pipeline()
    alone = run(docs, pipeline)
    spread = run(docs, pipeline, processor=DaskProcessor(client, PipelineSpec.of(pipeline),
                                                         partition_docs=5))
    assert _as_dicts(spread) == _as_dicts(alone)
    assert [r.document.id for r in spread.documents] == [d.id for d in docs]
    assert spread.merged == alone.merged and spread.failures == alone.failures


def test_geoparse_on_the_cluster_keeps_the_input_order(client: Any) -> None:
    docs = corpus(2)
    pipeline = Pipeline()
    spread = list(DaskProcessor(client, PipelineSpec.of(pipeline), partition_docs=3).map(
        geoparse_partition, docs))
    alone = [(d.id, [t.as_dict() for t in pipeline.toponyms(d)]) for d in docs]
    assert spread == alone


def test_a_worker_killed_mid_run_loses_nothing(client: Any) -> None:
    docs = corpus(6)
    pipeline = Pipeline()
    alone = run(docs, pipeline)
    pids = list(client.run(os.getpid).values())
    killed: list[int] = []

    def kill_once(_chars: int) -> None:
        if not killed:
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])

    processor = DaskProcessor(client, PipelineSpec.of(pipeline), partition_docs=4,
                              on_text=kill_once)
    spread = run(docs, pipeline, processor=processor)
    assert killed
    assert _as_dicts(spread) == _as_dicts(alone)
    assert not spread.failures


def _partitioned_run(client: Any, docs: list[Document], folder: Path, *,
                     on_text: Any = None) -> Any:
    """``run`` on the cluster writing partitioned output to ``folder``, as the CLI does."""
    pipeline = Pipeline()
    writer = PartitionWriter(folder, "events")
    copies: dict[str, Sequence[str]] = {}

    def keep(_reports: Sequence[Event], found: Mapping[str, Sequence[str]]) -> None:
        copies.update(found)

    processor = DaskProcessor(client, PipelineSpec.of(pipeline), partition_docs=5,
                              on_text=on_text)
    result = run(docs, pipeline, keep_mentions=False, processor=processor.writing(writer),
                 before_merge=keep)
    writer.close(copies=copies, failures=result.failures)
    return result


def test_partitioned_output_of_two_workers_reads_back_as_one_process(
    client: Any, tmp_path: Path
) -> None:
    docs = corpus(2)
    docs.append(replace(docs[3], id="wire-copy", source="another wire"))  # a copy of a story
    alone = run(docs, Pipeline())
    spread = _partitioned_run(client, docs, tmp_path)
    assert _as_dicts(spread) == _as_dicts(alone)

    back = merge_parts(tmp_path)
    assert [e.as_dict() for e in back.events] == _as_dicts(alone)
    assert back.merged == alone.merged
    assert any("another wire" in e.source for e in back.events)
    manifest = read_manifest(tmp_path)
    assert manifest["documents"] == len(docs) - 1  # the copy is not processed again
    assert manifest["rows"] == alone.reports
    assert [p["index"] for p in manifest["parts"]] == list(range(len(manifest["parts"])))
    frame = read_geoparquet(tmp_path)
    placed = [e for r in alone.documents for e in r.events if any(p.placed for p in e.locations)]
    assert len(frame) == len(placed)


def test_geoparse_parts_of_the_cluster_are_the_lines_of_one_process(
    client: Any, tmp_path: Path
) -> None:
    docs = corpus(1)
    pipeline = Pipeline()
    writer = PartitionWriter(tmp_path, "geoparse")
    items = list(DaskProcessor(client, PipelineSpec.of(pipeline), partition_docs=4).map_parts(
        geoparse_part, docs, writer))
    writer.close()
    alone = [{"id": d.id, "toponyms": [t.as_dict() for t in pipeline.toponyms(d)]}
             for d in docs]
    assert list(read_rows(tmp_path)) == alone
    assert [{"id": i, "toponyms": t} for i, t in items] == alone


def test_a_worker_killed_mid_run_loses_nothing_with_partitioned_output(
    client: Any, tmp_path: Path
) -> None:
    docs = corpus(4)
    alone = run(docs, Pipeline())
    pids = list(client.run(os.getpid).values())
    killed: list[int] = []

    def kill_once(_chars: int) -> None:
        if not killed:
            os.kill(pids[-1], signal.SIGKILL)
            killed.append(pids[-1])

    spread = _partitioned_run(client, docs, tmp_path, on_text=kill_once)
    assert killed and not spread.failures
    back = merge_parts(tmp_path)
    assert [e.as_dict() for e in back.events] == _as_dicts(alone)
    manifest = read_manifest(tmp_path)
    assert manifest["documents"] == len(docs) and not manifest["failures"]
    assert len(manifest["parts"]) == -(-len(docs) // 5)


def test_the_cli_writes_parts_that_merge_into_its_events(
    gazetteer: Gazetteer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = corpus(1)
    articles = tmp_path / "wire.jsonl"
    articles.write_text("".join(
        json.dumps({"id": d.id, "text": d.text, "published": format_day(d.published)}) + "\n"
        for d in docs), encoding="utf-8")
    assert main(["events", str(articles), "-o", str(tmp_path / "one.jsonl")]) == 0
    parts = tmp_path / "parts"
    assert main(["events", str(articles), "--dask", "local", "--workers", "2",
                 "--partitioned-out", str(parts)]) == 0
    out, err = capsys.readouterr()
    assert out == ""  # the parts are the output
    assert "dashboard http" in err and f"written to {parts}" in err
    assert "reports written before merging; `conflictmap merge" in err
    assert main(["merge", str(parts), "-o", str(tmp_path / "merged.jsonl")]) == 0
    assert (tmp_path / "merged.jsonl").read_bytes() == (tmp_path / "one.jsonl").read_bytes()
    assert main(["events", str(parts)]) == 2
    assert "conflictmap merge" in capsys.readouterr().err
    assert main(["events", str(tmp_path)]) == 2  # a folder with the parts inside
    assert f"{parts}' holds the parts" in capsys.readouterr().err
