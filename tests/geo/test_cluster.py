"""Tests of ``geo.cluster``: the pipeline on a local Dask cluster gives what one process gives."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from gazetteer import Gazetteer
from geo.cluster import DaskProcessor, PipelineSpec, geoparse_partition
from geo.flow import run
from geo.model import Document
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
