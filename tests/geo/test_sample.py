"""The stored sample corpus (geo.sample): read back when nothing changed, a miss otherwise.

No gazetteer is opened here: the results are built by hand and the pipelines are lazy.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import geo.sample
from gazetteer.settings import load_settings
from geo.flow import document_key
from geo.io.corrections import Correction, Corrections
from geo.io.reviews import Decision, Review, Reviews
from geo.model import Document, Failure
from geo.pipeline import Pipeline
from geo.results import BatchResult, DocumentResult, ResultCache
from tests.geo.factories import brussels_meeting, idlib_strike


@pytest.fixture()
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Where the results go: a temporary file, under a gazetteer of the test's own."""
    gazetteer = tmp_path / "gazetteer.sqlite"
    gazetteer.write_bytes(b"stand-in")
    monkeypatch.setenv("CONFLICTMAP_GAZETTEER", str(gazetteer))
    monkeypatch.setenv("CONFLICTMAP_SAMPLE_RESULTS", str(tmp_path / "sample.pickle"))
    geo.sample.stamp.cache_clear()
    yield geo.sample.results_path()
    geo.sample.stamp.cache_clear()


def docs() -> list[Document]:
    return [Document(id="d1", text="Jets struck a market in the town.", title="Strike"),
            Document(id="d2", text="Ministers met in the capital.", title="Meeting")]


def results() -> list[DocumentResult]:
    one, two = docs()
    return [DocumentResult(one, (), (idlib_strike("e1", doc_id="d1"),)),
            DocumentResult(two, (), (brussels_meeting("e2", doc_id="d2"),))]


def batch() -> BatchResult:
    found = results()
    return BatchResult(tuple(found), tuple(e for r in found for e in r.events), (), reports=2)


def test_the_path_follows_the_setting(store: Path, tmp_path: Path) -> None:
    assert store == tmp_path / "sample.pickle"


def test_a_stored_batch_reads_back_for_the_same_corrections_and_reviews(store: Path) -> None:
    geo.sample.save_batch(store, Corrections(), Reviews(), batch())

    assert geo.sample.load_batch(store, Corrections(), Reviews()) == batch()


def test_other_reviews_or_corrections_are_a_miss(store: Path) -> None:
    geo.sample.save_batch(store, Corrections(), Reviews(), batch())
    reviews = Reviews()
    reviews.add(Review("e1", Decision.REJECT))
    corrections = Corrections()
    corrections.add(Correction(doc_id="d1", start=0, end=4, mention="Jets", place_id=None))

    assert geo.sample.load_batch(store, Corrections(), reviews) is None
    assert geo.sample.load_batch(store, corrections, Reviews()) is None


def test_a_changed_gazetteer_makes_the_file_stale(store: Path) -> None:
    geo.sample.save_batch(store, Corrections(), Reviews(), batch())
    load_settings().gazetteer_path.write_bytes(b"rebuilt, longer")
    geo.sample.stamp.cache_clear()

    assert geo.sample.load_batch(store, Corrections(), Reviews()) is None


def test_a_truncated_file_is_a_miss_said_in_the_log(
    store: Path, caplog: pytest.LogCaptureFixture
) -> None:
    geo.sample.save_batch(store, Corrections(), Reviews(), batch())
    store.write_bytes(store.read_bytes()[:100])

    with caplog.at_level(logging.WARNING, logger="conflictmap.sample"):
        assert geo.sample.load_batch(store, Corrections(), Reviews()) is None
    assert "not read" in caplog.text


def test_stored_documents_seed_a_cache_without_opening_the_gazetteer(store: Path) -> None:
    pipeline = Pipeline(lazy=True)
    processed: ResultCache[DocumentResult | Failure] = ResultCache(8)
    for result in results():
        processed.put(document_key(result.document, pipeline), result)
    assert geo.sample.store(processed, pipeline, docs(), store)
    assert not geo.sample.store(processed, pipeline, docs(), store)  # already there

    fresh: ResultCache[DocumentResult | Failure] = ResultCache(8)
    assert geo.sample.seed(fresh, pipeline, docs(), store) == 2
    assert fresh.get(document_key(docs()[0], pipeline)) == results()[0]
    assert not pipeline.loaded


def test_a_changed_text_is_not_seeded(store: Path) -> None:
    pipeline = Pipeline(lazy=True)
    processed: ResultCache[DocumentResult | Failure] = ResultCache(8)
    for result in results():
        processed.put(document_key(result.document, pipeline), result)
    geo.sample.store(processed, pipeline, docs(), store)
    edited = [docs()[0], Document(id="d2", text="Ministers met in another capital.")]

    fresh: ResultCache[DocumentResult | Failure] = ResultCache(8)
    assert geo.sample.seed(fresh, pipeline, edited, store) == 1


def test_setup_writes_the_live_maps_features_of_the_stored_sample(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    import geo.pipeline
    from geo.maps.live import events_key, frontend_dir
    from geo.settings import load_paths

    modules = load_paths().cache_dir / "npm" / "node_modules"
    monkeypatch.setenv("CONFLICTMAP_NODE_MODULES", os.environ.get(
        "CONFLICTMAP_NODE_MODULES", str(modules)))
    monkeypatch.setenv("CONFLICTMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CONFLICTMAP_CORRECTIONS", str(tmp_path / "corrections.json"))
    monkeypatch.setenv("CONFLICTMAP_REVIEWS", str(tmp_path / "reviews.json"))
    monkeypatch.setattr(geo.pipeline, "load_sample_corpus", docs)
    frontend_dir.cache_clear()
    try:
        if frontend_dir() is None:
            pytest.skip("the npm copies of Leaflet are not installed (scripts/setup)")
        pipeline = Pipeline(lazy=True)
        processed: ResultCache[DocumentResult | Failure] = ResultCache(8)
        for result in results():
            processed.put(document_key(result.document, pipeline), result)
        geo.sample.store(processed, pipeline, docs(), store)
        geo.sample.save_batch(store, Corrections(), Reviews(), batch())

        assert geo.sample.prepare() == 0, "nothing processed: the batch was stored"
        folder = frontend_dir()
        assert folder is not None
        written = folder / "data" / f"{events_key(batch().events)}.json"
        features = json.loads(written.read_text(encoding="utf-8"))["features"]
        assert {f["id"] for f in features} == {"e1", "e2"}
        assert not pipeline.loaded
    finally:
        frontend_dir.cache_clear()
