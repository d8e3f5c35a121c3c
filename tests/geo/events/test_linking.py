"""Candidate places that are people's names and the linker's context model, on sentences
written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.events.candidates import candidates
from geo.events.features import SentenceTokens
from geo.events.linear import (
    CONTEXT,
    DETECTOR,
    LINKER,
    MORE_THRESHOLD,
    PAIR_PREFIX,
    TRIGGER_STEMS,
    ContextModel,
    LinearModel,
    PairTables,
    load_models,
    read_models,
)
from geo.events.linking import (
    context_features,
    link,
    list_mates,
    probability_bucket,
    scores,
)
from geo.events.taxonomy import Layer
from geo.parse.text import tokenize


def _found(text: str) -> tuple[SentenceTokens, list[str]]:
    sent = SentenceTokens.of(tokenize(text))
    return sent, [c.text for c in candidates(sent, [], text)]


@pytest.mark.parametrize(("text", "names"), [
    ("General Farah's militiamen patrolled Qoryoley.", ["Qoryoley"]),
    ("Gen. Farah attacked Qoryoley on Monday.", ["Qoryoley"]),
    ("Gunmen shot Mr. Warsame in Qoryoley.", ["Qoryoley"]),
    ("Police shot Officer Dale Brinks near Qoryoley.", ["Qoryoley"]),
])
def test_a_persons_name_is_no_candidate_place(text: str, names: list[str]) -> None:
    assert _found(text)[1] == names


def test_a_group_s_name_before_its_people_is_no_candidate_place() -> None:
    assert _found("Police scattered Occupy Parliament activists near Qoryoley.")[1] == [
        "Qoryoley"]


def test_a_saints_name_still_starts_a_place() -> None:
    assert "St" in _found("Fighting in St. Quorrin killed two.")[1]


def test_context_features_see_the_list_and_the_container() -> None:
    text = "Qorran troops patrolled Abrek, Burlo and Cassim in Dormaga province."
    sent = SentenceTokens.of(tokenize(text))
    found = candidates(sent, [], text)
    assert [c.text for c in found] == ["Qorran", "Abrek", "Burlo", "Cassim", "Dormaga"]
    probs = [0.01, 0.97, 0.3, 0.2, 0.6]
    troops, _, burlo, cassim, dormaga = context_features(sent, found, probs)
    # Burlo is listed with Abrek (very likely) and Cassim; it ranks third
    assert "mate=13" in burlo and "mates=2" in burlo and "rank=2" in burlo
    assert "container=8" in cassim  # "in Dormaga": the place after contains it
    assert "contained=4" in dormaga and "mate=none" in dormaga
    assert "mate=none" in troops and "container=none" in troops


@pytest.mark.parametrize("gap", ["and the town of", "and the village of", ", and the city of"])
def test_a_named_kind_of_place_after_and_still_continues_the_list(gap: str) -> None:
    text = f"Jets bombed Abrek {gap} Burlo on Monday."
    sent = SentenceTokens.of(tokenize(text))
    found = candidates(sent, [], text)
    abrek, burlo = (next(k for k, c in enumerate(found) if c.text == n)
                    for n in ("Abrek", "Burlo"))
    burlo_features = context_features(sent, found, [0.97 if k == abrek else 0.3
                                                    for k in range(len(found))])[burlo]
    assert "mate=13" in burlo_features and "mates=1" in burlo_features


@pytest.mark.parametrize(("text", "want"), [
    # three names joined by commas and "and": one list
    ("Jets bombed Abrek, Burlo and Cassim.", {"Abrek": ["Burlo", "Cassim"],
                                               "Burlo": ["Abrek", "Cassim"]}),
    ("Jets bombed Abrek and Burlo.", {"Abrek": ["Burlo"], "Burlo": ["Abrek"]}),
    # a place and its container joined by a lone comma are no list
    ("Jets bombed Abrek, Burlo on Monday.", {"Abrek": [], "Burlo": []}),
])
def test_list_mates_are_the_other_names_of_a_list(text: str, want: dict[str, list[str]]
                                                  ) -> None:
    sent = SentenceTokens.of(tokenize(text))
    found = candidates(sent, [], text)
    mates = dict(zip([c.text for c in found], list_mates(sent, found), strict=True))
    for name, others in want.items():
        assert [found[k].text for k in mates[name]] == others


def test_an_apposition_is_no_list() -> None:
    text = "Jets bombed Abrek, the capital of Burlo, on Monday."
    sent = SentenceTokens.of(tokenize(text))
    found = candidates(sent, [], text)
    burlo = next(k for k, c in enumerate(found) if c.text == "Burlo")
    assert "mate=none" in context_features(sent, found, [0.95] * len(found))[burlo]


def test_the_context_model_decides_the_links() -> None:
    text = "Troops patrolled Abrek and Burlo."
    sent = SentenceTokens.of(tokenize(text))
    found = candidates(sent, [], text)
    first = LinearModel({"p1=patrolled": 3.0}, -1.0, 0.5)
    # the first stage links Abrek only (Burlo follows "and"); the context model links a
    # place listed with a linked one
    alone = link(sent, 1, found, Layer.TROOP_MOVEMENT, first, 0.5)
    assert [x.candidate.text for x in alone] == ["Abrek"]
    linked = probability_bucket(first.probability(["p1=patrolled"]))
    context = ContextModel.of(LinearModel(
        {f"mate={linked}": 4.0, "rank=0": 4.0, f"{PAIR_PREFIX}bias": -2.0}, 0.0, 0.6))
    assert context.pair_weights == {"bias": -2.0}
    both = link(sent, 1, found, Layer.TROOP_MOVEMENT, first, 0.5, context)
    assert [x.candidate.text for x in both] == ["Abrek", "Burlo"]
    # without a context model the scores are the first stage's own
    assert scores(sent, 1, found, first)[0] == pytest.approx(first.probability(["p1=patrolled"]))


def test_the_artefact_reads_with_and_without_a_context_model(tmp_path: Path) -> None:
    model = LinearModel({"a": 1.0}, 0.0, 0.4)
    data: dict[str, object] = {DETECTOR: model.as_dict(), LINKER: model.as_dict(),
                               MORE_THRESHOLD: 0.6, TRIGGER_STEMS: ["shell"]}
    path = tmp_path / "events.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert read_models(path).context is None
    data[CONTEXT] = LinearModel({"p=3": 2.0}, -1.0, 0.35).as_dict()
    path.write_text(json.dumps(data), encoding="utf-8")
    got = read_models(path).context
    assert got is not None and got.threshold == 0.35 and got.weights == {"p=3": 2.0}
    assert got.probability([], ["p=3"]) == pytest.approx(0.731, abs=0.001)
    assert got.as_linear() == LinearModel({"p=3": 2.0}, -1.0, 0.35)


def test_the_shipped_linker_has_its_context_model() -> None:
    context = load_models().context
    assert context is not None and context.weights and context.pair_weights


def test_the_paired_tables_give_the_scores_of_the_two_models_to_the_bit() -> None:
    models = load_models()
    if models.context is None or models.pair_tables is None:
        pytest.skip("the shipped event models have no context model")
    text = ("Militants shelled Abrek and Burlo near the Tovask border on Monday, "
            "killing two farmers, the governor of Dastor told reporters in Lurema.")
    sent = SentenceTokens.of(tokenize(text))
    found = candidates(sent, [], text)
    assert len(found) >= 4
    for trigger in (1, 12):  # "shelled", "killing"
        alone = scores(sent, trigger, found, models.linker, models.context)
        assert scores(sent, trigger, found, models.linker, models.context,
                      models.pair_tables) == alone
    # a weight only one model has counts for that model alone
    linker = LinearModel({"p1=near": 2.0, "bias": 0.5}, -1.0, 0.5)
    context = ContextModel({"p1=in": 1.5, "bias": -0.25}, {"rank=0": 1.0}, 0.1, 0.5)
    pairs = PairTables(linker.weights, context.pair_weights)
    assert scores(sent, 1, found, linker, context, pairs) \
        == scores(sent, 1, found, linker, context)
