"""Tests of ``geo.io.corrections``: saved user choices, applied to resolutions and events."""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from gazetteer import Gazetteer
from geo.errors import CorrectionError, ExportError
from geo.io.corrections import Correction, Corrections
from geo.model import Document
from geo.parse.geoparse import Geoparser
from geo.parse.resolve import Resolved
from geo.pipeline import Pipeline

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
    # no temporary left (the lock file stays, as lock files do)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corrections.json",
                                                          "corrections.json.lock"]
    assert len(Corrections(path)) == 1


def test_saved_file_is_plain_json(tmp_path: Path) -> None:
    fixes = Corrections(tmp_path / "c.json")
    fixes.add(Correction("d1", START, END, "Paris", "gn:4717560"))
    payload = json.loads(fixes.save().read_text(encoding="utf-8"))
    assert payload == {"corrections": [{"doc_id": "d1", "start": START, "end": END,
                                        "mention": "Paris", "place_id": "gn:4717560"}]}


def _strike_places(pipeline: Pipeline) -> list[str]:
    result = pipeline.process([Document("d1", TEXT, published=date(2020, 2, 28))])
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
        [Document("d1", TEXT, published=date(2020, 2, 28))])
    (doc,) = result.documents
    assert _paris(list(doc.resolved)).place is None
    assert all(p.place_id != "gn:2988507" for e in result.events for p in e.locations)


# ----------------------------------------------------------------------------- corrupt files
GOOD = {"doc_id": "d1", "start": START, "end": END, "mention": "Paris", "place_id": None}


def _file_of(*items: object) -> bytes:
    return json.dumps({"corrections": list(items)}).encode("utf-8")


CORRUPT: dict[str, tuple[bytes, str]] = {
    # variant: (file content, what the message must say besides the file name)
    "truncated JSON": (_file_of(GOOD)[:-7], "not valid JSON"),
    "not JSON": (b"{not json", "not valid JSON"),
    "empty file": (b"", "empty"),
    "blank file": (b" \n\t\n", "empty"),
    "binary bytes": (bytes(range(256)), "not UTF-8"),
    "null": (b"null", "found null"),
    "list at top level": (b"[]", "found a list"),
    "no corrections key": (b"{}", "missing key 'corrections'"),
    "extra top-level key": (b'{"corrections": [], "version": 2}', "unexpected key 'version'"),
    "corrections not a list": (b'{"corrections": 3}', "'corrections' must be a list"),
    "corrections an object": (b'{"corrections": {}}', "'corrections' must be a list"),
    "item not an object": (_file_of(GOOD, "Paris"), "item 2: expected an object"),
    "item missing a key": (_file_of({"doc_id": "d1"}), "item 1: missing keys 'start'"),
    "item missing place_id": (
        _file_of({k: v for k, v in GOOD.items() if k != "place_id"}),
        "item 1: missing key 'place_id'"),
    "item with extra keys": (_file_of(GOOD, {**GOOD, "start": 0, "note": "x"}),
                             "item 2: unexpected key 'note'"),
    "string start": (_file_of(GOOD, {**GOOD, "doc_id": "d2"}, {**GOOD, "start": "18"}),
                     "item 3: 'start' must be an integer, found a string"),
    "float end": (_file_of({**GOOD, "end": 23.0}), "'end' must be an integer, found a number"),
    "boolean start": (_file_of({**GOOD, "start": True}), "'start' must be an integer"),
    "negative start": (_file_of({**GOOD, "start": -1}), "'start' must not be negative"),
    "start not before end": (_file_of({**GOOD, "start": 23}), "must be less than 'end'"),
    "number doc_id": (_file_of({**GOOD, "doc_id": 7}), "'doc_id' must be a string"),
    "null mention": (_file_of({**GOOD, "mention": None}), "'mention' must be a string"),
    "number place_id": (_file_of({**GOOD, "place_id": 2988507}),
                        "'place_id' must be a string or null"),
    "same mention twice": (_file_of(GOOD, {**GOOD, "place_id": "gn:1"}),
                           "item 2: a second correction"),
}


@pytest.mark.parametrize("variant", list(CORRUPT))
def test_corrupt_file_is_an_error_naming_the_file(tmp_path: Path, variant: str) -> None:
    content, fault = CORRUPT[variant]
    path = tmp_path / "mine.json"
    path.write_bytes(content)
    with pytest.raises(CorrectionError) as caught:
        Corrections.load(path)
    prefix, _, detail = str(caught.value).partition(": ")
    assert prefix == repr(str(path)), caught.value
    assert fault in detail, caught.value


def test_a_folder_at_the_path_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    path.mkdir()
    with pytest.raises(CorrectionError) as caught:
        Corrections(path)
    assert str(caught.value) == f"{str(path)!r}: is a folder, not a corrections file"


def test_missing_file_is_no_corrections(tmp_path: Path) -> None:
    assert len(Corrections.load(tmp_path / "absent.json")) == 0
    assert not (tmp_path / "absent.json").exists()


def test_a_well_formed_file_loads_every_item(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_bytes(b"\xef\xbb\xbf" + _file_of(GOOD, {**GOOD, "doc_id": "d2",
                                                        "place_id": "gn:4560349"}))
    loaded = Corrections.load(path)
    assert sorted((c.doc_id, c.place_id or "") for c in loaded) == [("d1", ""),
                                                                  ("d2", "gn:4560349")]


# ----------------------------------------------------------------------------- permissions
NOBODY = 65534


@pytest.fixture()
def shared_dir() -> Iterator[Path]:
    """A folder an unprivileged user can reach (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="corrections-test-"))
    folder.chmod(0o755)
    yield folder
    for p in [folder, *folder.rglob("*")]:
        with contextlib.suppress(OSError):
            p.chmod(0o755 if p.is_dir() else 0o644)
    shutil.rmtree(folder)


def _unprivileged(task: Callable[[], str]) -> str:
    """Run ``task`` in a forked child without privileges (as nobody when run as root, since
    permission bits do not bind root); its result, or its error as ``Name: message``."""
    if not hasattr(os, "fork"):
        pytest.skip("needs fork")
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()

    def child() -> None:
        if os.geteuid() == 0:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
        try:
            results.put(task())
        except Exception as err:
            results.put(f"{type(err).__name__}: {err}")

    proc = ctx.Process(target=child)
    proc.start()
    result: str = results.get(timeout=60)
    proc.join(60)
    return result


def test_unreadable_file_is_an_error_naming_the_file(shared_dir: Path) -> None:
    path = shared_dir / "corrections.json"
    path.write_bytes(_file_of(GOOD))
    path.chmod(0)
    outcome = _unprivileged(lambda: f"loaded {len(Corrections(path))}")
    assert outcome.startswith(f"CorrectionError: {str(path)!r}: cannot read"), outcome


def test_save_into_an_unwritable_folder_fails_and_keeps_the_old_file(shared_dir: Path) -> None:
    folder = shared_dir / "ro"
    path = folder / "corrections.json"
    first = Corrections(path)
    first.add(Correction("d1", START, END, "Paris", "gn:4560349"))
    first.save()
    before = path.read_bytes()
    names = sorted(p.name for p in folder.iterdir())
    folder.chmod(0o555)

    def add_and_save() -> str:
        fixes = Corrections(path)
        fixes.add(Correction("d2", 0, 5, "Sochi", None))
        return f"saved to {fixes.save()}"

    outcome = _unprivileged(add_and_save)
    assert outcome.startswith("ExportError: "), outcome
    assert str(path) in outcome
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == names


# ----------------------------------------------------------------------------- merging saves
def test_save_merges_with_what_others_saved(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    mine, theirs = Corrections(path), Corrections(path)
    mine.add(Correction("d1", 0, 5, "Sochi", None))
    theirs.add(Correction("d2", 0, 5, "Idlib", "gn:169387"))
    theirs.add(Correction("d1", 0, 5, "Sochi", "gn:1"))  # the same mention: the last saver wins
    theirs.save()
    mine.save()
    expected = {("d1", "Sochi", None), ("d2", "Idlib", "gn:169387")}
    assert {(c.doc_id, c.mention, c.place_id) for c in Corrections(path)} == expected
    assert {(c.doc_id, c.mention, c.place_id) for c in mine} == expected  # holds the merge


def test_removed_entries_leave_the_file_and_others_stay(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    fixes = Corrections(path)
    fixes.add(Correction("d1", 0, 5, "Sochi", None))
    fixes.add(Correction("d1", 10, 15, "Idlib", None))
    fixes.save()
    other = Corrections(path)
    other.add(Correction("d2", 0, 5, "Paris", None))
    other.save()

    assert fixes.remove("d1", 0, 5) is True
    assert fixes.remove("d9", 0, 5) is False
    assert fixes.get("d1", 0, 5) is None
    fixes.save()
    assert sorted((c.doc_id, c.start) for c in Corrections(path)) == [("d1", 10), ("d2", 0)]
    # removing then adding again keeps the new entry
    fixes.remove("d1", 10, 15)
    fixes.add(Correction("d1", 10, 15, "Idlib", "gn:169389"))
    fixes.save()
    assert Corrections(path).get("d1", 10, 15) == Correction("d1", 10, 15, "Idlib", "gn:169389")


def test_save_does_not_overwrite_a_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "corrections.json"
    fixes = Corrections(path)
    path.write_bytes(b"{half a fi")
    fixes.add(Correction("d1", 0, 5, "Sochi", None))
    with pytest.raises(CorrectionError, match=r"corrections\.json"):
        fixes.save()
    assert path.read_bytes() == b"{half a fi"


SAVES_EACH = 50


def _save_one_at_a_time(path: Path, writer: str, go: Any) -> None:
    fixes = Corrections(path)
    go.wait(30)
    for k in range(SAVES_EACH):
        fixes.add(Correction(writer, k, k + 1, "x", f"gn:{k}"))
        fixes.save()


def test_concurrent_savers_keep_every_correction(tmp_path: Path) -> None:
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork")
    ctx = multiprocessing.get_context("fork")
    path = tmp_path / "corrections.json"
    go = ctx.Event()
    procs = [ctx.Process(target=_save_one_at_a_time, args=(path, w, go)) for w in ("a", "b")]
    for proc in procs:
        proc.start()
    go.set()
    for proc in procs:
        proc.join(120)
    assert [proc.exitcode for proc in procs] == [0, 0]
    saved = {(c.doc_id, c.start) for c in Corrections(path)}
    assert saved == {(w, k) for w in ("a", "b") for k in range(SAVES_EACH)}


# ----------------------------------------------------------------------------- stale entries
STALE = "gn:999999999"
IDLIB_TEXT = TEXT + " Troops also massed near Idlib."
IDLIB_START = IDLIB_TEXT.index("Idlib")


def _stale_and_good(doc_id: str) -> Corrections:
    fixes = Corrections()
    fixes.add(Correction(doc_id, START, END, "Paris", STALE))
    fixes.add(Correction(doc_id, IDLIB_START, IDLIB_START + 5, "Idlib", "gn:169387"))
    return fixes


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == "conflictmap.corrections" and r.levelno == logging.WARNING]


def test_unknown_place_is_logged_and_skipped(
    tiny_gazetteer: Gazetteer, caplog: pytest.LogCaptureFixture
) -> None:
    resolved = Geoparser(tiny_gazetteer).resolve_all(IDLIB_TEXT)
    assert [r.place.place_id for r in resolved if r.place] == ["gn:2988507", "gn:169389"]
    with caplog.at_level(logging.WARNING, logger="conflictmap.corrections"):
        fixed = _stale_and_good("d1").apply("d1", resolved, tiny_gazetteer)
    assert fixed[0] == resolved[0]  # Paris kept as the geoparser read it
    assert fixed[1].place is not None
    assert (fixed[1].place.place_id, fixed[1].score) == ("gn:169387", 1.0)
    (warning,) = _warnings(caplog)
    assert "'d1'" in warning and "'Paris'" in warning and STALE in warning


def test_changed_or_vanished_mentions_are_logged_and_skipped(
    tiny_gazetteer: Gazetteer, caplog: pytest.LogCaptureFixture
) -> None:
    resolved = Geoparser(tiny_gazetteer).resolve_all(TEXT.replace("Paris", "Idlib"))
    fixes = Corrections()
    fixes.add(Correction("d1", START, END, "Paris", "gn:4560349"))  # text now reads Idlib
    fixes.add(Correction("d1", 200, 205, "Sochi", None))  # no mention there any more
    with caplog.at_level(logging.WARNING, logger="conflictmap.corrections"):
        assert fixes.apply("d1", resolved, tiny_gazetteer) == resolved
    changed, vanished = sorted(_warnings(caplog))
    assert "'Paris'" in changed and "gn:4560349" in changed and "'Idlib'" in changed
    assert "'Sochi'" in vanished and "'d1'" in vanished


def test_pipeline_keeps_a_document_with_a_stale_correction(
    tiny_gazetteer: Gazetteer, caplog: pytest.LogCaptureFixture
) -> None:
    geoparser = Geoparser(tiny_gazetteer)
    doc = Document("d1", IDLIB_TEXT, published=date(2020, 2, 28))
    plain = Pipeline(geoparser=geoparser).process([doc])
    with caplog.at_level(logging.WARNING, logger="conflictmap.corrections"):
        fixed = Pipeline(geoparser=geoparser, corrections=_stale_and_good("d1")).process([doc])
    assert fixed.failures == ()
    places = {e.layer: [p.place_id for p in e.locations] for e in fixed.events}
    assert places == {"strike": ["gn:2988507"], "troop_movement": ["gn:169387"]}
    assert len(fixed.events) == len(plain.events)
    assert any(STALE in w for w in _warnings(caplog))
