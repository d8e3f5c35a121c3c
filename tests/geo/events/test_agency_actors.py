"""Event classes that turn on who acted, in sentences written for these tests in the wording
of agency reports: an armed group's army that takes ground, a crowd that storms a place or
fights the police, people, not troops, who land or arrive, and an attack told as carried
out."""

from __future__ import annotations

import pytest

from geo.events.features import SentenceTokens
from geo.events.taxonomy import classify, sentence_class
from geo.parse.text import tokenize
from geo.pipeline import Pipeline
from tests.geo.events.helpers import events_of


def _sub_event_of(sentence: str, trigger: str) -> str:
    sent = SentenceTokens.of(tokenize(sentence))
    found = classify(sent, sent.lower.index(trigger))
    assert found is not None
    return sentence_class(sent, found).sub_event_type


@pytest.mark.parametrize(("sentence", "trigger"), [
    ("An ethnic army captured an outpost near the river town of Dorla on Tuesday.",
     "captured"),
    ("The rebel army seized the hill town of Kandor after two days of fighting.", "seized"),
    ("A separatist army overran the garrison at Marsk overnight.", "overran"),
])
def test_an_armed_groups_army_overtakes_territory(sentence: str, trigger: str) -> None:
    assert _sub_event_of(sentence, trigger) == "Non-state actor overtakes territory"


@pytest.mark.parametrize(("sentence", "trigger"), [
    ("Demonstrators had tried on Saturday to overrun the regional airport of Kandor.",
     "overrun"),
    ("Hundreds of protesters overran the town hall in Dorla on Tuesday.", "overran"),
])
def test_a_crowd_that_storms_a_place_riots(sentence: str, trigger: str) -> None:
    assert _sub_event_of(sentence, trigger) == "Violent demonstration"


@pytest.mark.parametrize(("sentence", "trigger"), [
    ("Twenty survivors landed at the harbour of Marsk on Sunday morning.", "landed"),
    ("About forty families arrived in Dorla on foot after a three-day walk.", "arrived"),
])
def test_people_who_land_or_arrive_are_displaced_not_troops(sentence: str,
                                                            trigger: str) -> None:
    assert _sub_event_of(sentence, trigger) == "Refugee movement"



@pytest.mark.parametrize(("sentence", "trigger"), [
    ("Nine people died in Dorla as protesters trying to storm the airport clashed with "
     "police.", "clashed"),
    ("Protesters tried to storm the parliament in Kandor and clashed with police.", "storm"),
    ("Police clashed with protesters outside the ministry in Marsk.", "clashed"),
])
def test_a_crowd_that_fights_the_police_riots(sentence: str, trigger: str) -> None:
    assert _sub_event_of(sentence, trigger) == "Violent demonstration"


def test_a_storm_is_the_weather_unless_someone_storms_something() -> None:
    sent = SentenceTokens.of(tokenize("A storm killed twelve people in the coastal town."))
    assert classify(sent, sent.lower.index("storm")) is None


def test_an_attack_told_as_carried_out_is_an_event(pipeline: Pipeline) -> None:
    found = events_of(pipeline, "One of the attacks was carried out late on Wednesday on a "
                                "police vehicle near Kirkuk.")
    assert [(e.layer, [p.name for p in e.locations]) for e in found] == [
        ("strike", ["Kirkuk"])]
