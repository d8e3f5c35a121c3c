"""The scene model, the sentence-level decision on which candidates are places of a
sentence's events: its features, the stage's use of it, the rules following its no, and the
shipped artefact; on sentences written for these tests."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from geo.events.candidates import candidates
from geo.events.features import SentenceTokens, render
from geo.events.linear import (
    DETECTOR,
    LINKER,
    MODEL_PATH,
    MORE_THRESHOLD,
    SCENE,
    TRIGGER_STEMS,
    EventModels,
    LinearModel,
    load_models,
    read_models,
)
from geo.events.rules import EventExtractor
from geo.events.scene import (
    best_events,
    scene_features,
    scene_numbers,
    scene_parts,
    scene_parts_and_numbers,
)
from geo.model import Document
from geo.parse.text import tokenize
from geo.pipeline import Pipeline
from tests.geo.events.helpers import learned_places


def _features(text: str) -> dict[str, list[str]]:
    """Scene features of each candidate of ``text`` (one event, trigger at token 1)."""
    sent = SentenceTokens.of(tokenize(text))
    found = candidates(sent, [], text)
    feats = scene_features(sent, found, [[0.9] * len(found)], [0.8], [1], ["strike"])
    return {c.text: f for c, f in zip(found, feats, strict=True)}


def test_a_place_after_a_reporting_verb_is_marked() -> None:
    feats = _features("Rebels shelled Korvane on Friday, and the governor told Radio "
                      "Halveta in Dastor.")
    assert "attr=before" in feats["Dastor"]
    assert "attr=none" in feats["Korvane"]


def test_a_place_and_the_region_around_it_are_marked() -> None:
    feats = _features("Gunmen attacked Lurema in Tovask province.")
    assert any(f.startswith("inside=True") for f in feats["Lurema"])
    assert any(f.startswith("contains=True") for f in feats["Tovask"])
    assert any(f.startswith("inside=False") for f in feats["Tovask"])


def test_a_possessive_name_is_marked() -> None:
    feats = _features("Troops shelled Velmoria's capital on Monday.")
    assert "poss=True" in feats["Velmoria's"]


def test_the_scene_model_scores_names_and_values_as_it_scores_their_strings() -> None:
    text = ("Militias shelled Tarnova's outskirts and Korvane in Lusavi province, "
            "then stormed Dunmore, a spokesman told reporters in Belgrade.")
    sent = SentenceTokens.of(tokenize(text))
    found = candidates(sent, [], text)
    assert [c.text for c in found] == ["Tarnova's", "Korvane", "Lusavi", "Dunmore", "Belgrade"]
    # two events: each candidate's probability is the higher of its two
    probs = [[0.9, 0.3, 0.5, 0.05, 0.45], [0.2, 0.6, 0.1, 0.97, 0.6]]
    args = (sent, found, probs, [0.8, 0.6], [1, 11], ["strike", "battle"])
    parts = scene_parts(*args)
    feats = scene_features(*args)
    assert [render(q) for q in parts] == feats
    model = load_models().scene
    assert model is not None
    for q, f in zip(parts, feats, strict=True):
        assert model.probability_of(*q) == model.probability(f)
    # Dunmore (0.97 for the second event) ranks first and leads by 0.07; the two of 0.6
    # tie, under two; five are over 0.4, counted as three
    assert [next(f for f in fs if f.startswith("rank=")) for fs in feats] \
        == ["rank=1", "rank=2", "rank=3", "rank=0", "rank=2"]
    assert "lead=2" in feats[3] and "on_top=False" in feats[3] and "trig=storm" in feats[3]
    assert "lead=none" in feats[0] and "on_top=True" in feats[0] and "poss=True" in feats[0]
    assert "over=3" in feats[0] and "p|contains=8|False|True" in feats[1]


def test_the_scene_features_and_the_trees_numbers_made_together_are_those_made_apart() -> None:
    text = ("Soldiers crossed from Halvik into the border town of Merova, near Tesk, while "
            "a spokesman told reporters in Ostrava that drones had struck Lindau's port.")
    sent = SentenceTokens.of(tokenize(text))
    found = candidates(sent, [], text)
    assert len(found) >= 4
    n = len(found)
    probs = [[0.2 + 0.7 * k / n for k in range(n)], [0.9 - 0.8 * k / n for k in range(n)]]
    args = (sent, found, probs, [0.7, 0.55], [1, 17], ["troop_movement", "strike"])
    assert scene_parts_and_numbers(*args) == (scene_parts(*args), scene_numbers(*args))


def test_each_candidate_goes_to_its_most_probable_event() -> None:
    assert best_events([[0.1, 0.8, 0.3], [0.6, 0.2, 0.3]], 3) == [1, 0, 0]


def _scene(model: LinearModel) -> EventModels:
    """The shipped models with ``model`` deciding alone (no scene trees over it)."""
    return replace(load_models(), scene=model, scene_trees=None)


#: A scene model that accepts every candidate but one named right after a reporting verb.
NO_ATTRIBUTION = LinearModel({"bias": 5.0, "attr=before": -10.0}, 0.0, 0.5)


def test_the_stage_links_what_the_scene_model_accepts_and_rejects_the_rest() -> None:
    text = "Rebels shelled Korvane on Friday, and the governor told Radio Halveta in Dastor."
    linked, rejected = learned_places(text, _scene(NO_ATTRIBUTION))
    assert "Korvane" in linked
    assert "Dastor" not in linked
    assert "Dastor" in rejected
    assert "Korvane" not in rejected


def test_a_scene_model_that_rejects_everything_links_nothing() -> None:
    none = LinearModel({"bias": -10.0}, 0.0, 0.5)
    linked, rejected = learned_places("Rebels shelled Korvane on Friday.", _scene(none))
    assert linked == []
    assert "Korvane" in rejected


#: A scene model that accepts every candidate.
EVERYTHING = LinearModel({"bias": 10.0}, 0.0, 0.5)


def test_a_region_named_to_locate_an_accepted_place_is_no_place_of_its_own() -> None:
    text = "Gunmen shelled the Varesh quarter of the port city of Lomasti on Friday."
    linked, rejected = learned_places(text, _scene(EVERYTHING))
    assert linked == ["Varesh"]
    assert rejected == ["Lomasti"]
    linked, _ = learned_places("Gunmen shelled Korvane near Dastor on Friday.", _scene(EVERYTHING))
    assert linked == ["Korvane"]


def test_a_name_whose_part_is_named_after_it_is_no_place_of_its_own() -> None:
    text = "Gunmen shelled a market in Velmoria's capital, Dastor, on Friday."
    linked, rejected = learned_places(text, _scene(EVERYTHING))
    assert linked == ["Dastor"]
    assert rejected == ["Velmoria's"]
    linked, _ = learned_places("Gunmen shelled Korvane's market on Friday.", _scene(EVERYTHING))
    assert linked == ["Korvane's"]


#: A scene model that accepts only a possessive name ("Korvane's").
ONLY_OWNERS = LinearModel({"bias": -10.0, "poss=True": 20.0}, 0.0, 0.5)


def test_an_accepted_owner_passes_its_place_on_to_the_part_it_names() -> None:
    # the owner is no place of its own, the part it names is
    linked, rejected = learned_places("Gunmen shelled a market in Velmoria's capital, Lomasti, "
                                      "on Friday.", _scene(ONLY_OWNERS))
    assert linked == ["Lomasti"]
    assert rejected == ["Velmoria's"]
    linked, _ = learned_places("Police patrolled Tarnovia's province of Lusavi overnight.",
                               _scene(ONLY_OWNERS))
    assert linked == ["Lusavi"]


def test_a_list_of_places_keeps_every_one() -> None:
    text = "Gunmen shelled Korvane, Dastor and Lomasti on Friday."
    linked, _ = learned_places(text, _scene(EVERYTHING))
    assert linked == ["Korvane", "Dastor", "Lomasti"]


def test_a_region_stays_when_the_place_before_it_is_rejected() -> None:
    text = "Gunmen shelled the Varesh quarter of Lomasti on Friday."
    no_varesh = LinearModel({"bias": 10.0, "p1=the": -20.0}, 0.0, 0.5)
    linked, _ = learned_places(text, _scene(no_varesh))
    assert linked == ["Lomasti"]


def _event_places(pipeline: Pipeline, text: str, models: EventModels) -> list[set[str]]:
    doc = Document("t", text)
    extractor = EventExtractor(pipeline.actors, pipeline.gazetteer, models)
    events = extractor.extract(doc, pipeline.geoparser.resolve_all(text))
    return [{p.mention for p in e.locations} for e in events]


def test_the_rules_drop_a_place_the_scene_model_rejects(pipeline: Pipeline) -> None:
    text = "Insurgents shelled Mosul on Tuesday night."
    # the scene model accepts no place, even when only doubtful of it: the rules' place goes
    # too (the event goes with it: it has no place)
    doubtful = LinearModel({}, 0.0, 0.6)
    assert not any("Mosul" in p for p in _event_places(pipeline, text, _scene(doubtful)))
    # ...and stays when the scene model accepts it
    accepting = LinearModel({}, 0.0, 0.4)
    assert {"Mosul"} in _event_places(pipeline, text, _scene(accepting))


def test_a_movements_route_stays_when_the_scene_model_rejects_it(pipeline: Pipeline) -> None:
    text = "Turkish troops moved from Idlib to Aleppo on Monday."
    none = LinearModel({"bias": -10.0}, 0.0, 0.5)
    assert {"Idlib", "Aleppo"} <= set().union(*_event_places(pipeline, text, _scene(none)))


def test_a_movement_only_the_rules_see_loses_the_route_the_scene_model_rejects(
        pipeline: Pipeline) -> None:
    # the learned stage reads a killing, the rules a troop movement in passing ("on their way
    # from"): the route is no place of the killing, and no movement is drawn
    text = "Soldiers on their way from Kirkuk to Tikrit were killed when a roadside bomb went off."
    events = EventExtractor(pipeline.actors, pipeline.gazetteer).extract(
        Document("t", text), pipeline.geoparser.resolve_all(text))
    assert not any("Kirkuk" in p or "Tikrit" in p
                   for p in ({q.mention for q in e.locations} for e in events))


def test_a_movement_that_carries_on_the_story_keeps_its_route(pipeline: Pipeline) -> None:
    # the second sentence goes on with the convoy of the first: the crossing it passed is a
    # place of its movement, whatever the learned stage reads in the rest of the sentence
    text = ("A Turkish military convoy of 40 vehicles crossed into Syria from Hatay on Sunday. "
            "The column passed the Bab al-Hawa crossing and moved south, towards the posts "
            "that Turkey set up under deals agreed with Russia.")
    events = EventExtractor(pipeline.actors, pipeline.gazetteer).extract(
        Document("t", text), pipeline.geoparser.resolve_all(text))
    assert any(e.layer == "troop_movement" and "Bab al-Hawa" in {p.mention for p in e.locations}
               for e in events)


def test_the_artefact_carries_the_scene_model(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    linear = {"bias": 0.0, "threshold": 0.5, "weights": {"bias": 1.0}}
    path.write_text(json.dumps({DETECTOR: linear, LINKER: linear, MORE_THRESHOLD: 0.6,
                                TRIGGER_STEMS: ["shell"],
                                SCENE: {"bias": -1.0, "threshold": 0.35,
                                        "weights": {"attr=before": -2.0}}}), encoding="utf-8")
    scene = read_models(path).scene
    assert scene is not None
    assert scene.threshold == 0.35
    assert scene.weights == {"attr=before": -2.0}


def test_the_shipped_models_hold_a_scene_model_and_stay_small() -> None:
    assert load_models().scene is not None
    assert MODEL_PATH.stat().st_size < 10_000_000
