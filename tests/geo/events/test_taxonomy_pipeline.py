"""Every ACLED event type and sub-type, detected through the whole pipeline on one sentence
written for this test, with its layer and PLOVER type; and the taxonomy lists each sub-type."""

from __future__ import annotations

from datetime import date

import pytest

from geo.events.taxonomy import CLASSES, AcledType, Layer, Plover
from geo.model import Document
from geo.pipeline import Pipeline
from tests.geo.events.helpers import events_of, one_event

#: ACLED's event types and sub-event types.
ACLED_SUB_TYPES = {
    AcledType.BATTLES: {"Armed clash", "Government regains territory",
                        "Non-state actor overtakes territory"},
    AcledType.EXPLOSIONS: {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                           "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                           "Grenade"},
    AcledType.VIOLENCE_AGAINST_CIVILIANS: {"Sexual violence", "Attack",
                                           "Abduction/forced disappearance"},
    AcledType.PROTESTS: {"Peaceful protest", "Protest with intervention",
                         "Excessive force against protesters"},
    AcledType.RIOTS: {"Violent demonstration", "Mob violence"},
    AcledType.STRATEGIC_DEVELOPMENTS: {"Agreement", "Arrests", "Change to group/activity",
                                       "Disrupted weapons use",
                                       "Headquarters or base established",
                                       "Looting/property destruction",
                                       "Non-violent transfer of territory", "Other"},
}

#: (sentence, ACLED type, sub-type, layer, PLOVER type, the place).
CASES = [
    ("Government troops clashed with rebels near Goma on Tuesday.",
     "Battles", "Armed clash", "strike", "ASSAULT", "Goma"),
    ("The army recaptured the town of Manbij from the militants on Sunday.",
     "Battles", "Government regains territory", "strike", "ASSAULT", "Manbij"),
    ("Insurgents captured the town of Kidal after two days of fighting.",
     "Battles", "Non-state actor overtakes territory", "strike", "ASSAULT", "Kidal"),
    ("A chlorine gas attack on Douma killed a dozen residents on Saturday.",
     "Explosions/Remote violence", "Chemical weapon", "strike", "ASSAULT", "Douma"),
    ("Warplanes bombed a market in Idlib on Monday.",
     "Explosions/Remote violence", "Air/drone strike", "strike", "ASSAULT", "Idlib"),
    ("A suicide bomber blew himself up at a checkpoint in Kabul on Friday.",
     "Explosions/Remote violence", "Suicide bomb", "strike", "ASSAULT", "Kabul"),
    ("Artillery shelled residential districts of Donetsk overnight.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack", "strike", "ASSAULT",
     "Donetsk"),
    ("A roadside bomb exploded next to a police truck in Kandahar on Wednesday.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED", "strike", "ASSAULT",
     "Kandahar"),
    ("A man threw a grenade into a bar in Bujumbura, wounding six people.",
     "Explosions/Remote violence", "Grenade", "strike", "ASSAULT", "Bujumbura"),
    ("Soldiers raped several women in a village near Bunia, a rights group said.",
     "Violence against civilians", "Sexual violence", "strike", "ASSAULT", "Bunia"),
    ("Gunmen killed seven farmers in their fields outside Maiduguri on Thursday.",
     "Violence against civilians", "Attack", "strike", "ASSAULT", "Maiduguri"),
    ("Armed men kidnapped three aid workers in Kaduna on Sunday.",
     "Violence against civilians", "Abduction/forced disappearance", "strike", "ASSAULT",
     "Kaduna"),
    ("Thousands of teachers marched through Nairobi on Tuesday demanding higher pay.",
     "Protests", "Peaceful protest", "protest", "PROTEST", "Nairobi"),
    ("Police dispersed students who protested outside the parliament in Dhaka with tear gas.",
     "Protests", "Protest with intervention", "protest", "PROTEST", "Dhaka"),
    ("Soldiers shot dead four protesters during a rally in Khartoum on Monday.",
     "Protests", "Excessive force against protesters", "protest", "ASSAULT", "Khartoum"),
    ("Youths rioted in Lyon overnight, burning cars and throwing stones at police.",
     "Riots", "Violent demonstration", "protest", "PROTEST", "Lyon"),
    ("A mob rampaged through the market in Kano, beating traders and burning stalls.",
     "Riots", "Mob violence", "protest", "ASSAULT", "Kano"),
    ("The government and the rebels signed a ceasefire agreement in Doha on Friday.",
     "Strategic developments", "Agreement", "diplomacy", "AGREE", "Doha"),
    ("Police arrested five suspected militants in Mombasa on Saturday.",
     "Strategic developments", "Arrests", "strike", "COERCE", "Mombasa"),
    ("Two rebel factions merged into a new coalition in Idlib on Sunday.",
     "Strategic developments", "Change to group/activity", "strike", "OTHER", "Idlib"),
    ("Soldiers defused a bomb planted near a school in Mogadishu.",
     "Strategic developments", "Disrupted weapons use", "strike", "COERCE", "Mogadishu"),
    ("The militia established a new base outside Tripoli last week.",
     "Strategic developments", "Headquarters or base established", "troop_movement",
     "MOBILIZE", "Tripoli"),
    ("Looters ransacked shops in Benghazi overnight.",
     "Strategic developments", "Looting/property destruction", "strike", "COERCE", "Benghazi"),
    ("The rebels handed over control of Kidal to the army without a fight.",
     "Strategic developments", "Non-violent transfer of territory", "troop_movement",
     "RETREAT", "Kidal"),
    ("Investigators discovered a mass grave near Izium on Friday.",
     "Strategic developments", "Other", "strike", "OTHER", "Izium"),
]


@pytest.mark.parametrize(("sentence", "event_type", "sub_event_type", "layer", "plover",
                          "place"), CASES, ids=[c[2] for c in CASES])
def test_each_acled_sub_type_is_detected(pipeline: Pipeline, sentence: str, event_type: str,
                                         sub_event_type: str, layer: str, plover: str,
                                         place: str) -> None:
    events = pipeline.process([Document("t", sentence, published=date(2024, 5, 6))]).events
    found = [(e.event_type, e.sub_event_type, e.layer, e.plover_event_type,
              [p.mention for p in e.locations]) for e in events]
    assert (event_type, sub_event_type, layer, plover, [place]) in found, found


def test_the_cases_cover_every_acled_sub_type() -> None:
    covered = {(c[1], c[2]) for c in CASES}
    assert covered == {(t.value, s) for t, subs in ACLED_SUB_TYPES.items() for s in subs}


def test_every_acled_sub_type_has_a_class_with_a_layer_and_plover_type() -> None:
    classes = {(c.event_type, c.sub_event_type): c for c in CLASSES.values()}
    for event_type, subs in ACLED_SUB_TYPES.items():
        for sub in subs:
            found = classes[(event_type, sub)]
            assert isinstance(found.layer, Layer) and isinstance(found.plover, Plover)


def test_protesters_who_enter_a_parliament_are_no_troop_movement(pipeline: Pipeline) -> None:
    text = ("Protesters overwhelmed the police in Nairobi on Tuesday and managed to enter the "
            "parliament building.")
    assert "troop_movement" not in [e.layer for e in events_of(pipeline, text)]


@pytest.mark.parametrize("text", [
    "The first episodes of the series were shot in Morocco last year.",
    '"Your claims hide your failures in Iraq," the envoy shot back in Vienna on Monday.',
    "Real Madrid captured the league title in Madrid on Sunday.",
    "The nationalist candidate captured the first round of the presidential election in Serbia.",
])
def test_captured_and_shot_in_other_senses_are_no_events(pipeline: Pipeline, text: str) -> None:
    assert events_of(pipeline, text) == []


def test_a_golf_score_is_no_shooting(pipeline: Pipeline) -> None:
    text = "Brian Dolan shot a 65 in Stockholm on Saturday, two strokes off the lead."
    assert "strike" not in [e.layer for e in events_of(pipeline, text)]


@pytest.mark.parametrize(("text", "where"), [
    ("Some 200 demonstrators in Nepal protested on Thursday against the bombing of Yugoslavia "
     "by NATO.", "Nepal"),
    ("Thousands of people protested against China's attempts to restrict freedoms in Hong "
     "Kong on Sunday.", "Hong Kong"),
])
def test_what_a_protest_is_against_is_not_where_it_is(pipeline: Pipeline, text: str,
                                                      where: str) -> None:
    found = events_of(pipeline, text)
    assert [(e.layer, [p.name for p in e.locations]) for e in found] == [("protest", [where])]


@pytest.mark.parametrize("text", [
    "The weapons were captured by Canadian sailors in the Gulf of Oman on Friday.",
    "Police in Lagos seized a large arms cache on Monday.",
])
def test_arms_seized_are_disrupted_weapons_use(pipeline: Pipeline, text: str) -> None:
    (event,) = events_of(pipeline, text)
    assert event.sub_event_type == "Disrupted weapons use"


def test_riot_police_with_a_water_cannon_make_no_riot(pipeline: Pipeline) -> None:
    text = ("Riot police in Tbilisi used a water cannon to disperse a rally of opposition "
            "supporters on Monday. Earlier, the supporters picketed the parliament building "
            "in Tbilisi.")
    found = events_of(pipeline, text)
    assert [(e.layer, e.sub_event_type) for e in found] == [
        ("protest", "Protest with intervention")]


@pytest.mark.parametrize(("text", "sub_event"), [
    ("Gunmen launched a barrage of gunfire at a police check post near Karak on Thursday.",
     "Armed clash"),
    ("A rocket barrage hit the town of Kiryat Shmona on Monday.",
     "Shelling/artillery/missile attack"),
])
def test_a_barrage_of_gunfire_is_no_shelling(pipeline: Pipeline, text: str,
                                             sub_event: str) -> None:
    (event,) = events_of(pipeline, text)
    assert event.sub_event_type == sub_event


@pytest.mark.parametrize(("text", "sub_event"), [
    ("In April, the military bombed a gathering in Sagaing that killed about 170 people.",
     "Air/drone strike"),
    ("Insurgents bombed a police station in Quetta on Monday.",
     "Remote explosive/landmine/IED"),
])
def test_who_bombed_tells_an_air_strike_from_a_bomb(pipeline: Pipeline, text: str,
                                                    sub_event: str) -> None:
    (event,) = events_of(pipeline, text)
    assert event.sub_event_type == sub_event


@pytest.mark.parametrize(("text", "where"), [
    ("Fighting raged in Kidal for a second day.", "Kidal"),
    ("Heavy fighting was reported around the town of Kupiansk in eastern Ukraine.", "Kupiansk"),
    ("Clashes broke out in Tripoli on Sunday night.", "Tripoli"),
])
def test_a_fight_named_as_such_is_a_battle_however_unsure_the_detector(
        pipeline: Pipeline, text: str, where: str) -> None:
    event = one_event(pipeline, text, "strike")
    assert (event.sub_event_type, [p.mention for p in event.locations]) == (
        "Armed clash", [where])


@pytest.mark.parametrize("text", [
    "Marchers in Dakar's city centre were met with tear gas on Friday.",
    "The reform plan was met with criticism in Brussels on Monday.",
])
def test_met_with_force_or_a_reaction_is_no_meeting(pipeline: Pipeline, text: str) -> None:
    assert "diplomacy" not in [e.layer for e in events_of(pipeline, text)]


@pytest.mark.parametrize(("text", "where"), [
    ("Dock workers went on strike in Mombasa on Monday over unpaid wages.", "Mombasa"),
    ("Opposition supporters took to the streets of Lusaka after the results were announced.",
     "Lusaka"),
    ("Nurses staged a sit-in outside the health ministry in Accra.", "Accra"),
])
def test_a_protest_named_in_an_idiom_is_a_protest(pipeline: Pipeline, text: str,
                                                  where: str) -> None:
    event = one_event(pipeline, text, "protest")
    assert [p.mention for p in event.locations] == [where]


@pytest.mark.parametrize("text", [
    "Air defence units shot down nine drones over the Voronezh region overnight.",
    "Thirty drones were destroyed over the Bryansk region, the ministry said.",
])
def test_weapons_stopped_in_flight_are_disrupted_weapons_use(pipeline: Pipeline,
                                                            text: str) -> None:
    event = one_event(pipeline, text, "strike")
    assert (event.event_type, event.sub_event_type) == (
        "Strategic developments", "Disrupted weapons use")


def test_a_drone_that_destroys_a_target_is_a_drone_strike(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "A drone destroyed an armoured vehicle near Vuhledar.", "strike")
    assert event.sub_event_type == "Air/drone strike"


@pytest.mark.parametrize(("text", "sub_event", "where"), [
    ("Troops and gunmen exchanged fire near the town of Koro on Monday.", "Armed clash", "Koro"),
    ("Officers took two suspects into custody in Eldoret on Friday.", "Arrests", "Eldoret"),
    ("The armed group pledged allegiance to al-Qaeda in a video filmed in Tombouctou.",
     "Change to group/activity", "Tombouctou"),
    ("The two parties inked an accord in Nairobi on Thursday.", "Agreement", "Nairobi"),
    ("The army set up a base near Ansongo.", "Headquarters or base established", "Ansongo"),
])
def test_an_event_named_in_an_idiom_has_its_class(pipeline: Pipeline, text: str,
                                                  sub_event: str, where: str) -> None:
    events = [e for e in events_of(pipeline, text) if e.sub_event_type == sub_event]
    assert [[p.mention for p in e.locations] for e in events] == [[where]]


@pytest.mark.parametrize(("text", "where"), [
    ("Police said the march in Conakry passed off peacefully.", "Conakry"),
    ("Thousands marched through Lome on Saturday, police said.", "Lome"),
])
def test_police_that_report_a_protest_did_not_intervene(pipeline: Pipeline, text: str,
                                                        where: str) -> None:
    event = one_event(pipeline, text, "protest")
    assert (event.sub_event_type, [p.mention for p in event.locations]) == (
        "Peaceful protest", [where])


def test_people_ordered_to_leave_are_displaced(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Residents of the camp were ordered to move to Deir al-Balah on "
                           "Sunday.", "displacement")
    assert [(p.mention, p.role) for p in event.locations] == [("Deir al-Balah", "destination")]


@pytest.mark.parametrize("text", [
    "The army and the rebels agreed to a cease-fire in Addis Ababa on Friday.",
    "The army and the rebels agreed to a cease fire in Addis Ababa on Friday.",
])
def test_a_cease_fire_in_two_words_is_an_agreement_not_shooting(pipeline: Pipeline,
                                                                text: str) -> None:
    assert [(e.sub_event_type, [p.mention for p in e.locations])
            for e in events_of(pipeline, text)] == [("Agreement", ["Addis Ababa"])]


def test_a_merchant_ship_attacked_off_a_coast_is_an_attack_on_shipping(
        pipeline: Pipeline) -> None:
    # "coast" is a naval word only beside "guard"
    event = one_event(pipeline, "Gunmen attacked a cargo vessel off the coast of Berbera.",
                      "strike")
    assert (event.event_type, [p.mention for p in event.locations]) == (
        "Explosions/Remote violence", ["Berbera"])
