"""The data split, the training examples, the scores and the shipped model artefact, on data
written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.errors import InputError
from geo.events.candidates import KIND_UNKNOWN, candidates
from geo.events.features import SentenceTokens, stem
from geo.events.linear import MODEL_PATH, LinearModel, load_models, read_models
from geo.events.training import (
    FOLDS,
    HELD_OUT_FOLD,
    Annotated,
    fold_of,
    is_held_out,
    read_annotated,
    sentence_examples,
    span_scores,
    write_jsonl,
)
from geo.parse.text import tokenize

METADATA = MODEL_PATH.with_name("metadata.json")


def test_the_split_is_a_fixed_fifth_by_text() -> None:
    texts = [f"Report number {k} of the day." for k in range(5000)]
    held = sum(1 for t in texts if is_held_out(t))
    assert 900 < held < 1100
    # fixed: the same text always lands in the same fold, whatever its spacing or case
    assert fold_of("Troops  entered the TOWN.") == fold_of("troops entered the town.")
    assert [fold_of(t) for t in texts[:20]] == [fold_of(t) for t in texts[:20]]
    assert {fold_of(t) for t in texts} == set(range(FOLDS))


def _write(path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_read_and_write_the_held_out_lines(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {"id": k, "text": f"Rebels shelled village number {k}.",
         "event_verb": [{"start": 7, "end": 14, "text": "shelled"}],
         "event_location": []} for k in range(40)]
    rows.append({"id": 99, "text": "No verb here.", "event_verb": [], "event_location": []})
    source = tmp_path / "dev.jsonl"
    _write(source, rows)
    read = read_annotated(source)
    assert len(read) == 40 and read[0].verbs == ((7, 14),)
    out = tmp_path / "held.jsonl"
    n = write_jsonl(source, out)
    assert n == sum(1 for r in rows if fold_of(str(r["text"])) == HELD_OUT_FOLD)
    assert all(is_held_out(json.loads(line)["text"]) for line in out.read_text().splitlines())


def test_examples_label_the_trigger_and_the_gold_place() -> None:
    text = "Rebels shelled Kfar Zeita on Monday."
    row = Annotated("1", text, ((7, 14),), ((15, 25),))
    ex = sentence_examples(row, [])
    assert sum(1 for _, y in ex.tokens if y) == 1
    labels = {c.text: y for c, (_, y) in zip(ex.candidates, ex.pairs, strict=True)}
    assert labels == {"Kfar Zeita": True}


def test_span_scores_count_as_the_scorer_does() -> None:
    row = Annotated("1", "x" * 40, ((0, 1),), ((10, 20), (30, 35)))
    got = span_scores(iter([(row, {(12, 15), (0, 3)})]))
    assert got == {"P": 0.5, "R": 0.5, "F1": 0.5}


def test_stems_and_unknown_names() -> None:
    assert [stem(w) for w in ("shelling", "shelled", "clashes", "marched", "ies")] == [
        "shell", "shell", "clash", "march", "ies"]
    assert stem("patrolled") == stem("patrolling") and stem("killed") == "kill"
    text = "Qorran gunmen took al-Bab and Kafr Nabl."
    found = candidates(SentenceTokens.of(tokenize(text)), [], text)
    assert [(c.text, c.span.kind) for c in found] == [
        ("Qorran", KIND_UNKNOWN), ("al-Bab", KIND_UNKNOWN), ("Kafr Nabl", KIND_UNKNOWN)]


def test_a_linear_model_round_trips_and_scores() -> None:
    model = LinearModel({"a": 2.0, "b": -3.0}, 0.0, 0.5)
    again = LinearModel.from_dict(json.loads(json.dumps(model.as_dict())))
    assert again == model
    assert again.probability(["a"]) > 0.8 > 0.2 > again.probability(["b"])
    assert again.probability(["unseen"]) == pytest.approx(0.5)


def test_the_shipped_artefact_loads_and_names_its_data_and_scores() -> None:
    models = load_models()
    assert models.detector.weights and models.linker.weights
    assert 0.0 < models.linker.threshold <= models.more_threshold <= 1.0
    meta = json.loads(METADATA.read_text(encoding="utf-8"))
    assert "Halterman" in meta["data"]["source"] and "MIT" in meta["data"]["source"]
    assert meta["split"]["held_out_fold"] == HELD_OUT_FOLD
    assert 0.0 < meta["held_out_scores"]["learned_stage_end_to_end"]["F1"] <= 1.0
    assert "scikit-learn" in meta["versions"]
    assert MODEL_PATH.stat().st_size < 5_000_000


def test_a_broken_artefact_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "events.json"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match=r"events\.json"):
        read_models(bad)
