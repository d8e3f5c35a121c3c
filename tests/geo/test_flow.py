"""Tests of ``geo.flow.run``: the one flow under the CLI and the app."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from geo.cluster import LocalProcessor, events_part_files
from geo.events.merge import merge_events_report
from geo.flow import InputFile, ResultCache, merge_parts, run
from geo.io.partitions import PartitionWriter
from geo.io.records import import_event_table
from geo.model import Failure
from geo.pipeline import DocumentResult, Pipeline, load_sample_corpus
from tests.geo.factories import idlib_strike, sevastopol_voyage
from tests.geo.test_cli import ACLED_HEADER


@pytest.fixture(scope="module")
def pipeline(gazetteer: Gazetteer) -> Pipeline:
    return Pipeline()


def _events(result_events: tuple) -> list[tuple[str, str | None, tuple[str, ...]]]:  # type: ignore[type-arg]
    return sorted((e.layer, e.event_date, tuple(p.place_id for p in e.locations))
                  for e in result_events)


def test_a_story_read_twice_gives_the_events_of_once(pipeline: Pipeline) -> None:
    docs = load_sample_corpus()
    once = run(docs, pipeline)
    copy = replace(docs[4], id="wire-copy", source="other-agency.txt",
                   text="ANKARA (Wire) - " + docs[4].text)
    twice = run([*docs, copy], pipeline)
    assert _events(twice.events) == _events(once.events)
    assert any("other-agency.txt" in e.source for e in twice.events)
    assert [(n.where, "same story" in n.message) for n in twice.notices] == [("wire-copy", True)]
    assert len(twice.documents) == len(docs)


def test_an_id_taken_by_another_text_is_reported_and_skipped(pipeline: Pipeline) -> None:
    docs = load_sample_corpus()[:2]
    clash = replace(docs[1], id=docs[0].id)
    result = run([*docs, clash], pipeline)
    assert [r.document.id for r in result.documents] == [docs[0].id, docs[1].id]
    (failure,) = result.failures
    assert "already used" in failure.message


def test_files_tables_and_documents_go_through_one_merge(pipeline: Pipeline) -> None:
    table = (ACLED_HEADER + "SYR1,2020-02-27,Battles,Armed clash,A,B,Syria,Saraqib,35.86,"
             "36.80,3,One\nSYR2,2020-02-28,Battles,Armed clash,A,B,Syria,Taftanaz,35.99,36.78,"
             "2,Two\nbad,row\n").encode()
    article = b"Turkish troops moved from Hatay to Idlib on Monday, officials said."
    result = run([InputFile("acled.csv", data=table), InputFile("d.txt", data=article)],
                 pipeline, published=date(2020, 3, 3))
    imported, _ = import_event_table("acled.csv", table, gazetteer=pipeline.gazetteer)
    assert result.reports == len(imported) + sum(len(r.events) for r in result.documents)
    assert len(result.events) == result.reports - result.merged
    assert [f.where for f in result.failures] == ["acled.csv:4"]
    assert {e.source for e in result.events} >= {"d.txt"}


def test_unchanged_documents_come_from_the_cache(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = load_sample_corpus()[:3]
    cache: ResultCache[DocumentResult | Failure] = ResultCache(10)
    first = run(docs, pipeline, cache=cache)
    calls: list[str] = []
    real = Pipeline.process_document

    def counting(self: Pipeline, doc, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(doc.id)
        return real(self, doc, **kwargs)

    monkeypatch.setattr(Pipeline, "process_document", counting)
    edited = [*docs[:2], replace(docs[2], text=docs[2].text + " More shelling was reported.")]
    second = run(edited, pipeline, cache=cache)
    assert calls == [docs[2].id]
    assert second.documents[:2] == first.documents[:2]


def test_the_cache_keeps_the_most_recently_used() -> None:
    cache: ResultCache[int] = ResultCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)


def test_merge_parts_adds_the_copies_sources_and_merges_across_parts(tmp_path: Path) -> None:
    a = [idlib_strike("a-0", doc_id="a", source="a.txt"),
         sevastopol_voyage("a-1", doc_id="a", source="a.txt")]
    b = [idlib_strike("b-0", doc_id="b", source="b.txt")]  # the same strike, another part
    writer = PartitionWriter(tmp_path, "events")
    writer.write(1, events_part_files(b), documents=1, rows=1)
    writer.write(0, events_part_files(a), documents=1, rows=2)
    writer.close(copies={"b": ["copy.txt"]})

    merged = merge_parts(tmp_path)
    expected = merge_events_report([*a, replace(b[0], source="b.txt; copy.txt")])
    assert [e.as_dict() for e in merged.events] == [e.as_dict() for e in expected.events]
    assert merged.merged == 1 and len(merged.events) == 2
    strike = next(e for e in merged.events if e.layer == "strike")
    assert strike.source.split("; ") == ["a.txt", "b.txt", "copy.txt"]


def test_a_run_that_does_not_collect_keeps_nothing_and_its_parts_merge_into_the_events(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    docs = load_sample_corpus()
    copy = replace(docs[4], id="wire-copy", source="other-agency.txt")
    collected = run([*docs, copy], pipeline)
    writer = PartitionWriter(tmp_path, "events")
    copies: dict[str, list[str]] = {}
    streamed = run([*docs, copy], pipeline, collect=False,
                   processor=LocalProcessor(pipeline, partition_docs=5).writing(writer),
                   before_merge=lambda _reports, found: copies.update(found))
    writer.close(copies=copies, failures=streamed.failures)
    assert streamed.documents == () and streamed.events == ()
    assert streamed.reports == collected.reports and streamed.notices == collected.notices
    merged = merge_parts(tmp_path)
    assert [e.as_dict() for e in merged.events] == [e.as_dict() for e in collected.events]
    assert merged.merged == collected.merged
