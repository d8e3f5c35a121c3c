"""The learned stage on one sentence: which words are triggers and which places an event
takes from each of them, with small hand-made models (sentences written for these tests)."""

from __future__ import annotations

import math

from geo.events.linear import EventModels, LinearModel, load_models
from geo.events.stage import document_events, sentence_events
from geo.parse.text import Sentence, split_sentences
from geo.pipeline import Pipeline
from geo.settings import SECOND_LINK
from tests.geo.events.helpers import events_of

TEXT = "Rebels launched an offensive in Abrek on Monday, targeting Burlo."


def _models(detector_bias: float = -2.0) -> EventModels:
    # "launched" and "targeting" are triggers; a place after "in" is the offensive's, and a
    # place right after its trigger is the targeting's
    detector = LinearModel({"s=launch": 5.0, "s=target": 5.0}, detector_bias, 0.5)
    linker = LinearModel({"trig|p1=launch|in": 4.0, "dist=+1": 4.0}, -2.0, 0.5)
    return EventModels(detector, linker, 0.5, frozenset({"launch", "target"}), None)


def _places(models: EventModels) -> list[tuple[str, list[str]]]:
    events = sentence_events(Sentence(0, 0, len(TEXT), TEXT), [], TEXT, models)
    return [(e.trigger.text, [link.candidate.text for link in e.links]) for e in events]


def test_an_event_takes_the_places_of_each_of_its_layers_triggers() -> None:
    # one strike event, named by its first trigger, at Abrek (from "launched") and Burlo
    # (from "targeting", linked with a probability over SECOND_LINK)
    assert 1 / (1 + math.exp(-2.0)) > SECOND_LINK
    assert _places(_models()) == [("launched", ["Abrek", "Burlo"])]


def test_a_document_at_once_gives_the_events_of_its_sentences_one_by_one() -> None:
    # the shipped models: their scene trees score the whole document's candidates together
    text = ("Artillery shelled Abrek and Burlo on Monday, the governor of Tovask said. "
            "The weather was mild. Militants attacked a convoy near Dastor, killing four "
            "soldiers. Troops moved from Korvane to Lurema, and jets bombed Velmora. "
            "Residents fled the fighting.")
    sentences = split_sentences(text)
    models = load_models()
    one_by_one = [sentence_events(s, [], text, models) for s in sentences]
    assert sum(1 for found in one_by_one if any(e.links for e in found)) >= 3
    assert document_events([(s, [], ()) for s in sentences], text, models) == one_by_one


def test_a_weak_word_of_purpose_is_no_event(pipeline: Pipeline) -> None:
    # "to target" says what the airport served for, not an attack that took place
    assert events_of(pipeline, "The militia has used the airfield for years to target "
                               "shipping in the Red Sea.") == []


def test_the_attack_told_again_keeps_its_class(pipeline: Pipeline) -> None:
    # the second sentence names only "the attack": it is the suicide bombing of the first
    text = ("A suicide bomber on a motorbike killed five people in the provincial capital on "
            "Monday, police said.\nA militant group claimed responsibility for the attack, "
            "which occurred during the evening rush hour in Kandahar.")
    strikes = [e for e in events_of(pipeline, text) if e.layer == "strike"]
    assert strikes and all(e.sub_event_type == "Suicide bomb" for e in strikes), \
        [(e.sub_event_type, e.evidence) for e in strikes]


def test_a_clash_told_as_one_stays_a_clash(pipeline: Pipeline) -> None:
    text = ("A suicide bomber killed five people in the provincial capital on Monday.\nThe "
            "attack was followed by heavy clashes between troops and militants in Kandahar.")
    kinds = {e.sub_event_type for e in events_of(pipeline, text) if e.layer == "strike"}
    assert "Armed clash" in kinds, kinds


def test_the_one_place_a_bearing_frames_is_where_the_event_happened(
        pipeline: Pipeline) -> None:
    for text, name in [
        ("Six policemen were killed in two ambushes that took place southwest of Kirkuk "
         "province.", "Kirkuk"),
        ("Six policemen were killed in two ambushes south-west of Mosul.", "Mosul"),
        ("Iraqi sources said six policemen were killed in two ambushes that took place "
         "southwest of Kirkuk province.", "Kirkuk"),
    ]:
        (event,) = [e for e in events_of(pipeline, text) if e.layer == "strike"]
        assert [p.name for p in event.locations] == [name]
