"""Who did it and to whom: the first actor of an event is the subject of its trigger, not
the actor that reports it; in sentences written for these tests."""

from __future__ import annotations

import pytest

from geo.events.actors import REPORTING_KINDS, ActorTable, load_actors
from geo.events.parties import parties, reporting
from geo.pipeline import Pipeline
from tests.geo.events.helpers import events_of, one_event


@pytest.fixture(scope="module")
def table() -> ActorTable:
    return load_actors()


def _parties(table: ActorTable, text: str, trigger: str) -> tuple[str, str]:
    """The names of the doer and the one done to of the trigger word ``trigger`` (the
    actors that may take part: not news agencies nor social networks)."""
    acting = [m for m in table.find(text) if m.actor.kind not in REPORTING_KINDS]
    agent, target = parties(text, 0, text.index(trigger), acting)
    return (agent.actor.name if agent else "", target.actor.name if target else "")


@pytest.mark.parametrize(("text", "trigger", "want"), [
    # the reporter is not the doer
    ("The Somali military said that al-Shabaab fighters fired mortars at the base.", "fired",
     ("al-Shabaab", "")),
    ("According to the Nigerian army, ISWAP fighters stormed a village.", "stormed",
     ("Islamic State West Africa Province", "")),
    ("M23 rebels shelled the hills, the Congolese army said.", "shelled",
     ("March 23 Movement", "")),
    # unless the trigger's subject is a pronoun for it
    ("The Libyan National Army said it had repelled an attack.", "repelled",
     ("Libyan National Army", "")),
    ("The RSF said on Telegram that its fighters attacked a convoy.", "attacked",
     ("Rapid Support Forces", "")),
    # the one done to, after an active trigger or before a passive one
    ("Fano militiamen ambushed an ENDF convoy.", "ambushed",
     ("Fano militia", "Ethiopian National Defense Force")),
    ("Three Nigerien soldiers were killed by ISGS militants.", "killed",
     ("Islamic State Sahel Province", "Niger Armed Forces")),
    ("An attack by ISWAP on the base killed five soldiers.", "attack",
     ("Islamic State West Africa Province", "")),
    ("Clashes between the Malian army and JNIM fighters went on.", "Clashes",
     ("Malian Armed Forces", "Jama'at Nasr al-Islam wal-Muslimin")),
    # "are attacking" is no passive; "army posts" report nothing
    ("Houthis are attacking a US Navy destroyer.", "attacking",
     ("Houthis", "United States Navy")),
    ("Sudanese army posts were shelled by the RSF.", "shelled",
     ("Rapid Support Forces", "Sudanese Armed Forces")),
    # the subject of the clause that tells the cause of a passive trigger is the doer
    ("Four policemen were killed after the Taliban attacked a checkpoint.", "killed",
     ("Taliban", "")),
    ("Three soldiers were killed when Shabaab fighters stormed a base.", "killed",
     ("al-Shabaab", "")),
    # an actor named twice ("its name (ITS ACRONYM)") is not done to by itself
    ("A shelling by the Rapid Support Forces (RSF) killed twelve people.", "shelling",
     ("Rapid Support Forces", "")),
    ("Twelve people were killed by the Rapid Support Forces (RSF).", "killed",
     ("Rapid Support Forces", "")),
])
def test_the_doer_is_the_trigger_s_subject(table: ActorTable, text: str, trigger: str,
                                           want: tuple[str, str]) -> None:
    assert _parties(table, text, trigger) == want


def test_a_reporter_is_one_that_says_or_is_quoted(table: ActorTable) -> None:
    text = "The Sudanese army, in a statement, said RSF drones hit a depot."
    found = {m.actor.actor_id: reporting(text, 0, m) for m in table.find(text)}
    assert found == {"sudanese-armed-forces": True, "rapid-support-forces": False}


def test_the_reporter_of_a_strike_is_not_its_attacker(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "The Pentagon said on Tuesday that Houthi fighters fired three "
                      "missiles from Yemen toward the Red Sea.", "strike")
    assert (event.actor1, event.actor1_country) == ("Houthis", "YE")


def test_a_paramilitary_named_by_its_acronym_is_the_attacker(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "RSF fighters launched attacks on a market near Kadugli on "
                      "Sunday.", "strike")
    assert (event.actor1, event.actor1_country) == ("Rapid Support Forces", "SD")


def test_the_side_an_army_engaged_is_the_second_actor(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "The army said it engaged ISWAP fighters in Damboa on Sunday.",
                      "strike")
    assert event.actor1 == ""
    assert event.actor2 == "Islamic State West Africa Province"


def test_soldiers_killed_by_insurgents_of_their_own_country(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Two Malian soldiers were killed by JNIM fighters near Mopti on "
                      "Friday.", "strike")
    assert event.actor1 == "Jama'at Nasr al-Islam wal-Muslimin"
    assert event.actor2 == "Malian Armed Forces"


def test_the_reporter_of_a_movement_is_not_the_mover(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "The Pentagon said Russian warships sailed through the "
                       "Dardanelles on Monday.")
    (event,) = [e for e in events if e.layer == "naval_deployment"]
    assert event.actor1_country == "RU"
