"""Event classes on wording the seed reports do not use, in sentences written for these
tests: what a fight came to, who did the damage, what was thrown, light verbs with an event
noun, a busy place that is no crowd, and seizures of ground the detector is unsure of."""

from __future__ import annotations

import pytest

from geo.events.features import SentenceTokens
from geo.events.taxonomy import classify, sentence_class
from geo.parse.text import tokenize
from geo.pipeline import Pipeline
from tests.geo.events.helpers import events_of


def _sub_type(sentence: str, trigger: str) -> str | None:
    sent = SentenceTokens.of(tokenize(sentence))
    found = classify(sent, sent.lower.index(trigger))
    return None if found is None else found.sub_event_type


def _sub_type_in_sentence(sentence: str, trigger: str) -> str | None:
    sent = SentenceTokens.of(tokenize(sentence))
    found = classify(sent, sent.lower.index(trigger))
    return None if found is None else sentence_class(sent, found).sub_event_type


@pytest.mark.parametrize(("sentence", "trigger", "sub_event_type"), [
    # a busy place is no crowd: no protest
    ("Jets struck a crowded bus depot on the edge of the city, killing nine.", "struck",
     "Air/drone strike"),
    ("Two attackers tossed grenades into a crowded cafe near the port.", "tossed", "Grenade"),
    # what rioters do is a riot, whatever they destroy
    ("Rioters set ablaze a bank and looted two supermarkets overnight.", "looted",
     "Violent demonstration"),
    # a car is no bomb; a blast with no other weapon named is one
    ("A teacher was shot dead in her car outside the school.", "shot", "Attack"),
    ("A parked truck exploded outside the governor's office.", "exploded",
     "Remote explosive/landmine/IED"),
    # a bomb worn is a suicide bomb
    ("A teenager detonated an explosive belt at the gate of the barracks.", "detonated",
     "Suicide bomb"),
    # arms destroyed are disrupted weapons use, whatever arms they are
    ("Troops destroyed a cache of mortar rounds found in a farmhouse.", "destroyed",
     "Disrupted weapons use"),
    # an execution is one-sided
    ("The insurgents executed two local officials at a roadblock.", "executed", "Attack"),
    # a throw reports the violence of what was thrown
    ("Youths hurled petrol bombs at a police station before dawn.", "hurled",
     "Violent demonstration"),
    ("Helicopters dropped barrel bombs on the besieged quarter.", "dropped", "Air/drone strike"),
    ("Canisters of chlorine were dropped on the eastern suburbs.", "dropped", "Chemical weapon"),
    # people who are no suspects, seized by armed men, are abducted
    ("Gunmen seized 15 farmers from their fields near the river.", "seized",
     "Abduction/forced disappearance"),
    # a light verb takes its event from its noun
    ("The two militias reached a truce after mediation by clan elders.", "reached", "Agreement"),
    ("Students held a rally outside the parliament against tuition fees.", "held",
     "Peaceful protest"),
    # a camp handed over is ground handed over
    ("The peacekeepers handed their camp to the national army on Friday.", "handed",
     "Non-violent transfer of territory"),
    # a base overrun is ground taken
    ("Insurgents overran an army outpost near the lake on Sunday.", "overran",
     "Non-state actor overtakes territory"),
    # a withdrawal under a deal hands the ground over
    ("The militia withdrew from the port town under a deal with the elders.", "withdrew",
     "Non-violent transfer of territory"),
    # who set a fire tells what the fire was
    ("Protesters set fire to a police station in the town centre.", "set",
     "Violent demonstration"),
    ("A mob set fire to three shops owned by migrants.", "set", "Mob violence"),
    # troops are the government's
    ("Troops seized the hilltop after a night of fighting.", "seized",
     "Government regains territory"),
    # vandalism is destruction of property
    ("Unknown men vandalized a church and a school overnight.", "vandalized",
     "Looting/property destruction"),
])
def test_classes_of_wording_the_seeds_do_not_use(sentence: str, trigger: str,
                                                 sub_event_type: str) -> None:
    assert _sub_type(sentence, trigger) == sub_event_type


@pytest.mark.parametrize(("sentence", "trigger", "sub_event_type"), [
    # people carried off and nobody killed: an abduction, whichever word reported it
    ("Gunmen raided a hamlet at dawn and abducted 14 herders.", "raided",
     "Abduction/forced disappearance"),
    # ground taken in a fight: a change of territory
    ("Rebels attacked the garrison and captured the town after hours of fighting.", "attacked",
     "Non-state actor overtakes territory"),
    # a crowd that burns is a riot
    ("Young men burned tyres on the ring road during protests against the vote.", "protests",
     "Violent demonstration"),
    # arrests at a protest are an intervention in it
    ("Officers detained 40 students who were marching outside the ministry.", "marching",
     "Protest with intervention"),
    ("Police arrested dozens of demonstrators outside the electoral commission.", "arrested",
     "Protest with intervention"),
])
def test_classes_from_the_whole_sentence(sentence: str, trigger: str,
                                         sub_event_type: str) -> None:
    assert _sub_type_in_sentence(sentence, trigger) == sub_event_type


@pytest.mark.parametrize(("text", "sub_event_type", "place"), [
    ("The Malian army retook the village of Boni from jihadist fighters on Wednesday.",
     "Government regains territory", "Boni"),
    ("Insurgents took control of the town of Palma on Sunday after a three-day siege.",
     "Non-state actor overtakes territory", "Palma"),
])
def test_a_seizure_of_named_ground_counts_when_the_detector_is_unsure(
        pipeline: Pipeline, text: str, sub_event_type: str, place: str) -> None:
    found = [(e.sub_event_type, [p.mention for p in e.locations])
             for e in events_of(pipeline, text)]
    assert (sub_event_type, [place]) in found, found


@pytest.mark.parametrize(("text", "sub_event_type", "place"), [
    ("Government artillery pounded the rebel-held town of Taftanaz overnight.",
     "Shelling/artillery/missile attack", "Taftanaz"),
    ("Thousands of nurses held a rally in Accra on Tuesday over unpaid wages.",
     "Peaceful protest", "Accra"),
    ("Kidnappers snatched a priest from his parish house in Enugu on Monday.",
     "Abduction/forced disappearance", "Enugu"),
    ("Police rounded up 25 suspected smugglers in Agadez.", "Arrests", "Agadez"),
    ("Fighters loyal to the warlord seized the police headquarters in Kananga on Friday.",
     "Non-state actor overtakes territory", "Kananga"),
])
def test_words_that_name_their_event_count_when_the_detector_is_unsure(
        pipeline: Pipeline, text: str, sub_event_type: str, place: str) -> None:
    found = [(e.sub_event_type, [p.mention for p in e.locations])
             for e in events_of(pipeline, text)]
    assert (sub_event_type, [place]) in found, found
