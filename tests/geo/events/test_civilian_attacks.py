"""Violence against civilians and remote violence as agency reports word them, in sentences
written for these tests: gunmen and bandits raiding villages, a raid that is no air strike,
a suicide attack named before its toll, tolls without a noun and the dead of a protest."""

from __future__ import annotations

import pytest

from geo.pipeline import Pipeline
from tests.geo.events.helpers import one_event


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize("text", [
    "Gunmen on motorcycles raided a village in Kebbi state on Sunday, killing 14 residents, "
    "police said.",
    "Armed bandits stormed Dogon Ruwa overnight and shot dead eleven residents.",
    "Fighters of the Allied Democratic Forces attacked farmers in a village near Butembo on "
    "Friday.",
])
def test_raiders_who_kill_villagers_attack_civilians(pipeline: Pipeline, text: str) -> None:
    assert one_event(pipeline, text, "strike").sub_event_type == "Attack"


def test_raiders_who_meet_soldiers_fight_a_battle(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Bandits clashed with soldiers near Dogon Ruwa in Kebbi state "
                                "on Sunday, killing four people.", "strike")
    assert event.event_type == "Battles"


def test_a_raid_on_a_village_is_no_air_strike(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Bandits killed 18 people when they raided a village near "
                                "Gusau on Wednesday.", "strike")
    assert event.sub_event_type == "Attack"
    air = one_event(pipeline, "Warplanes killed 18 people in an air raid on a market near "
                              "Gusau on Wednesday.", "strike")
    assert air.sub_event_type == "Air/drone strike"


def test_attackers_dressed_as_vigilantes_are_no_mob(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "The attackers, who wore the uniforms of a local vigilante "
                                "group and carried rifles, invaded a village near Jalingo.",
                      "strike")
    assert event.event_type == "Violence against civilians"


def test_a_suicide_attack_named_before_its_toll_is_a_suicide_bomb(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "A suicide attack on a police checkpoint in the Tank district "
                                "of Khyber Pakhtunkhwa on Friday killed one officer.", "strike")
    assert (event.sub_event_type, event.fatalities) == ("Suicide bomb", 1)


@pytest.mark.parametrize(("text", "toll"), [
    ("Last week, 27 were killed when bandits raided two villages near Gusau.", 27),
    ("Gunmen raided a market near Gusau on Monday, killing seven.", 7),
])
def test_a_toll_without_a_noun_counts(pipeline: Pipeline, text: str, toll: int) -> None:
    assert one_event(pipeline, text, "strike").fatalities == toll


def test_the_dead_of_a_protest_are_counted(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Police opened fire on demonstrators in Kisumu on Tuesday, "
                                "killing three.", "protest")
    assert (event.sub_event_type, event.fatalities) == ("Excessive force against protesters", 3)
