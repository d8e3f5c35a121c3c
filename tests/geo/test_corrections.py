"""Tests of ``geo.corrections``: saved user choices, applied to resolutions and events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from geo.corrections import Correction, Corrections
from geo.errors import CorrectionError, ExportError
from geo.geoparse import Geoparser
from geo.model import Document
from geo.pipeline import Pipeline
from geo.resolve import Resolved

TEXT = "An air strike hit Paris on Thursday, killing three people, officials said."
START = TEXT.index("Paris")
END = START + len("Paris")


@pytest.fixture(scope="module")
def geoparser(gazetteer: Gazetteer) -> Geoparser:
    return Geoparser(gazetteer)


@pytest.fixture(scope="module")
def paris_texas(gazetteer: Gazetteer) -> str:
    ids = [c.place.place_id for c in gazetteer.candidates("Paris")
           if c.place.country == "US" and c.place.admin1 == "US-TX"]
    assert ids == ["gn:4717560"]
    return ids[0]


def _paris(resolved: list[Resolved]) -> Resolved:
    (found,) = [r for r in resolved if r.mention.text == "Paris"]
    return found


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    fixes = Corrections(path)
    assert len(fixes) == 0
    fixes.add(Correction("d1", START, END, "Paris", "gn:4717560"))
    fixes.add(Correction("d2", 0, 5, "Sochi", None))
    assert fixes.save() == path

    loaded = Corrections(path)
    assert len(loaded) == 2
    assert loaded.get("d1", START, END) == Correction("d1", START, END, "Paris", "gn:4717560")
    assert loaded.get("d2", 0, 5) == Correction("d2", 0, 5, "Sochi", None)
    assert loaded.get("d1", 0, 5) is None
    assert sorted(c.doc_id for c in loaded) == ["d1", "d2"]


def test_adding_again_replaces_the_choice(tmp_path: Path) -> None:
    fixes = Corrections(tmp_path / "c.json")
    fixes.add(Correction("d1", START, END, "Paris", "gn:4717560"))
    fixes.add(Correction("d1", START, END, "Paris", None))
    assert len(fixes) == 1
    assert Corrections(fixes.save()).get("d1", START, END) == Correction(
        "d1", START, END, "Paris", None)


def test_save_to_a_path_without_one_is_an_error() -> None:
    with pytest.raises(CorrectionError):
        Corrections().save()


def test_apply_replaces_the_place_of_the_mention(
    gazetteer: Gazetteer, geoparser: Geoparser, paris_texas: str
) -> None:
    text = TEXT + " Troops also massed near Idlib."
    resolved = geoparser.resolve_all(text)
    assert _paris(resolved).place.place_id == "gn:2988507"  # type: ignore[union-attr]
    fixes = Corrections()
    fixes.add(Correction("d1", START, END, "Paris", paris_texas))

    fixed = fixes.apply("d1", resolved, gazetteer)
    paris = _paris(fixed)
    assert paris.place is not None
    assert (paris.place.place_id, paris.place.country) == (paris_texas, "US")
    assert paris.score == 1.0
    others = [r for r in fixed if r.mention.text != "Paris"]
    assert others == [r for r in resolved if r.mention.text != "Paris"]
    assert others  # Idlib is still there, untouched
    # Another document with the same offsets is not affected.
    assert _paris(fixes.apply("d2", resolved, gazetteer)).place == _paris(resolved).place


def test_none_of_these_clears_the_place(gazetteer: Gazetteer, geoparser: Geoparser) -> None:
    fixes = Corrections()
    fixes.add(Correction("d1", START, END, "Paris", None))
    paris = _paris(fixes.apply("d1", geoparser.resolve_all(TEXT), gazetteer))
    assert paris.place is None


def test_correction_of_changed_text_is_ignored(
    gazetteer: Gazetteer, geoparser: Geoparser, paris_texas: str
) -> None:
    text = TEXT.replace("Paris", "Idlib")  # same offsets, another town
    resolved = geoparser.resolve_all(text)
    assert [(r.mention.start, r.mention.end) for r in resolved] == [(START, END)]
    fixes = Corrections()
    fixes.add(Correction("d1", START, END, "Paris", paris_texas))
    assert fixes.apply("d1", resolved, gazetteer) == resolved


def test_unknown_place_id_names_the_mention(gazetteer: Gazetteer, geoparser: Geoparser) -> None:
    fixes = Corrections()
    fixes.add(Correction("d1", START, END, "Paris", "gn:999999999"))
    with pytest.raises(CorrectionError, match="Paris"):
        fixes.apply("d1", geoparser.resolve_all(TEXT), gazetteer)


def test_failed_save_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "corrections.json"
    fixes = Corrections(path)
    fixes.add(Correction("d1", START, END, "Paris", "gn:4717560"))
    fixes.save()
    before = path.read_bytes()
    fixes.add(Correction("d2", 0, 5, "Sochi", None))

    def fail(self: Path, target: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(ExportError, match=r"corrections\.json"):
        fixes.save()
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["corrections.json"]  # no temporary left
    assert len(Corrections(path)) == 1


@pytest.mark.parametrize("content", [
    "{not json",
    "[]",
    "null",
    '{"corrections": [{"doc_id": "d1"}]}',
    '{"corrections": ["Paris"]}',
    '{"corrections": 3}',
])
def test_corrupt_file_names_the_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "mine.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorrectionError, match=r"mine\.json"):
        Corrections(path)


def test_saved_file_is_plain_json(tmp_path: Path) -> None:
    fixes = Corrections(tmp_path / "c.json")
    fixes.add(Correction("d1", START, END, "Paris", "gn:4717560"))
    payload = json.loads(fixes.save().read_text(encoding="utf-8"))
    assert payload == {"corrections": [{"doc_id": "d1", "start": START, "end": END,
                                        "mention": "Paris", "place_id": "gn:4717560"}]}


def _strike_places(pipeline: Pipeline) -> list[str]:
    result = pipeline.process([Document("d1", TEXT, published="2020-02-28")])
    assert result.failures == ()
    (strike,) = [e for e in result.events if e.layer == "strike"]
    return [p.place_id for p in strike.locations]


def test_pipeline_applies_corrections(geoparser: Geoparser, paris_texas: str) -> None:
    assert _strike_places(Pipeline(geoparser=geoparser)) == ["gn:2988507"]
    fixes = Corrections()
    fixes.add(Correction("d1", START, END, "Paris", paris_texas))
    assert _strike_places(Pipeline(geoparser=geoparser, corrections=fixes)) == [paris_texas]


def test_pipeline_drops_a_place_corrected_to_none(geoparser: Geoparser) -> None:
    fixes = Corrections()
    fixes.add(Correction("d1", START, END, "Paris", None))
    result = Pipeline(geoparser=geoparser, corrections=fixes).process(
        [Document("d1", TEXT, published="2020-02-28")])
    (doc,) = result.documents
    assert _paris(list(doc.resolved)).place is None
    assert all(p.place_id != "gn:2988507" for e in result.events for p in e.locations)
