"""Tests of ``geo.pipeline.Pipeline`` on the tiny gazetteer: corrections, windows, limits,
and a document that breaks the batch without ending it."""

from __future__ import annotations

import logging

import pytest

from gazetteer import Gazetteer
from geo.errors import DocumentTooLargeError
from geo.io.corrections import Correction, Corrections
from geo.model import Document, Failure
from geo.parse.geoparse import Geoparser
from geo.pipeline import Pipeline

TEXT = "Talks were held in Paris. Delegates then flew to Moscow and on to Brussels."


@pytest.fixture()
def pipeline(tiny_gazetteer: Gazetteer) -> Pipeline:
    return Pipeline(geoparser=Geoparser(tiny_gazetteer))


def _places(found: list) -> list[tuple[str, str | None]]:  # type: ignore[type-arg]
    return [(t.name, t.resolved.place.place_id if t.resolved.place else None) for t in found]


def test_corrections_apply_to_the_toponyms(tiny_gazetteer: Gazetteer) -> None:
    start = TEXT.index("Paris")
    fixes = Corrections()
    fixes.add(Correction("d1", start, start + 5, "Paris", "gn:4560349"))
    fixes.add(Correction("d1", TEXT.index("Moscow"), TEXT.index("Moscow") + 6, "Moscow", None))
    pipeline = Pipeline(geoparser=Geoparser(tiny_gazetteer), corrections=fixes)
    assert _places(pipeline.toponyms(Document("d1", TEXT))) == [
        ("Paris", "gn:4560349"), ("Moscow", None), ("Brussels", "gn:2800866")]
    assert _places(pipeline.toponyms(Document("d2", TEXT)))[0] == ("Paris", "gn:2988507")


def test_a_long_text_in_windows_gives_offsets_on_the_whole_text(pipeline: Pipeline) -> None:
    text = "\n\n".join(f"Day {k}. {TEXT}" for k in range(30))
    doc = Document("long", text)
    windowed = Pipeline(geoparser=pipeline.geoparser, window_chars=300).toponyms(doc)
    assert _places(windowed) == _places(pipeline.toponyms(doc))
    assert all(text[t.start:t.end] == t.name for t in windowed)


def test_a_document_over_the_limit_is_refused_by_name(pipeline: Pipeline) -> None:
    small = Pipeline(geoparser=pipeline.geoparser, max_chars=20)
    with pytest.raises(DocumentTooLargeError, match="big: 75 characters, over the limit of 20"):
        small.toponyms(Document("big", TEXT))


def test_an_unexpected_error_is_logged_with_its_traceback_and_the_batch_goes_on(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = pipeline.geoparser.resolve_all

    def broken_on_moscow(text: str) -> list:  # type: ignore[type-arg]
        if "Moscow" in text:
            raise ZeroDivisionError("a bug")
        return real(text)

    monkeypatch.setattr(pipeline.geoparser, "resolve_all", broken_on_moscow)
    docs = [Document("a", "Talks in Paris."), Document("b", "Talks in Moscow."),
            Document("c", "Talks in Brussels.")]
    with caplog.at_level(logging.ERROR, logger="conflictmap"):
        outcomes = list(pipeline.iter_process(docs))
    assert [type(o).__name__ for o in outcomes] == ["DocumentResult", "Failure", "DocumentResult"]
    failure = outcomes[1]
    assert isinstance(failure, Failure) and failure.where == "b"
    assert "ZeroDivisionError: a bug" in failure.message
    (record,) = caplog.records
    assert record.exc_info is not None and "'b'" in record.getMessage()


def test_a_lazy_pipeline_opens_its_geoparser_once_on_first_use(
    tiny_gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Geoparser] = []

    def default(not_places: frozenset[str] = frozenset()) -> Geoparser:
        opened.append(Geoparser(tiny_gazetteer))
        return opened[-1]

    monkeypatch.setattr("geo.pipeline.default_geoparser", default)
    base = Pipeline(lazy=True)
    fixes = Corrections()
    fixes.add(Correction("d1", TEXT.index("Paris"), TEXT.index("Paris") + 5, "Paris", None))
    corrected = base.with_corrections(fixes)
    assert not base.loaded and not corrected.loaded and not opened

    found = corrected.toponyms(Document("d1", TEXT))
    assert base.loaded and len(opened) == 1  # one geoparser for both
    assert _places(found)[0] == ("Paris", None)
    assert _places(base.toponyms(Document("d1", TEXT)))[0] == ("Paris", "gn:2988507")
    assert len(opened) == 1


def test_a_gazetteer_that_cannot_open_stops_a_lazy_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    from gazetteer import GazetteerNotBuiltError

    def missing(not_places: frozenset[str] = frozenset()) -> Geoparser:
        raise GazetteerNotBuiltError("no gazetteer here: run `conflictmap gazetteer build`")

    monkeypatch.setattr("geo.pipeline.default_geoparser", missing)
    pipeline = Pipeline(lazy=True)  # nothing opened yet: no error
    with pytest.raises(GazetteerNotBuiltError, match="gazetteer build"):
        list(pipeline.iter_process([Document("d1", TEXT), Document("d2", TEXT)]))
    with pytest.raises(GazetteerNotBuiltError):
        Pipeline()  # an eager one says so at once
