"""Violence against civilians and remote violence as agency reports word them, in sentences
written for these tests: gunmen and bandits raiding villages, a raid that is no air strike,
a suicide attack named before its toll, tolls without a noun and the dead of a protest."""

from __future__ import annotations

import pytest

from geo.events.candidates import candidates
from geo.events.features import SentenceTokens
from geo.parse.text import tokenize
from geo.pipeline import Pipeline
from tests.geo.events.helpers import events_of, one_event, roles_of


@pytest.mark.parametrize("text", [
    "Gunmen on motorcycles raided a village in Kebbi state on Sunday, killing 14 residents, "
    "police said.",
    "Armed bandits stormed Dogon Ruwa overnight and shot dead eleven residents.",
    "Fighters of the Allied Democratic Forces attacked farmers in a village near Butembo on "
    "Friday.",
])
def test_raiders_who_kill_villagers_attack_civilians(pipeline: Pipeline, text: str) -> None:
    assert one_event(pipeline, text, "strike").sub_event_type == "Attack"


@pytest.mark.parametrize(("text", "sub_event", "place"), [
    ("A police commander said a group of armed men stormed Nachiro village in Lumbo district, "
     "gathered the residents and executed six people before fleeing.", "Attack", "Nachiro"),
    ("An armed group entered a village in Nangade district on Friday night and kidnapped "
     "three people, including a teacher.", "Abduction/forced disappearance", "Nangade"),
])
def test_an_armed_group_that_enters_a_village_and_kills_or_kidnaps_attacks_civilians(
        pipeline: Pipeline, text: str, sub_event: str, place: str) -> None:
    found = events_of(pipeline, text)
    assert [(e.layer, e.sub_event_type) for e in found] == [("strike", sub_event)]
    assert place in roles_of(found[0])


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


def test_a_toll_whose_victims_are_named_between_commas_counts(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "At least six soldiers, including a battalion commander, were "
                                "killed on Monday when a roadside bomb hit their truck near "
                                "Beledweyne.", "strike")
    assert event.fatalities == 6


def test_a_lynching_is_mob_violence(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "A man was lynched in Nagaon district on Saturday over rumours "
                                "that he stole a cow.", "protest")
    assert (event.sub_event_type, event.actor1, event.fatalities) == (
        "Mob violence", "Rioters", 1)


def test_people_beaten_to_death_are_an_attack(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Three herders were beaten to death in a village near Jos on "
                                "Sunday.", "strike")
    assert (event.sub_event_type, event.fatalities) == ("Attack", 3)


def test_a_leader_named_with_a_title_inside_is_no_place(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "Students demonstrated against the visit of Prime Minister "
                                 "Hamid Rahal in Kisumu on Monday.")
    assert all("Prime Minister Hamid Rahal" not in roles_of(e) for e in events)


@pytest.mark.parametrize("text", [
    "At least three people were killed in Kisumu on Friday after police fired live rounds at "
    "demonstrators.",
    "Police opened fire on marchers trying to reach the parliament in Kisumu on Tuesday, with "
    "at least two protesters killed.",
])
def test_deaths_at_a_protest_are_force_against_protesters(pipeline: Pipeline, text: str) -> None:
    event = one_event(pipeline, text, "protest")
    assert event.sub_event_type == "Excessive force against protesters"


def test_a_toll_of_approximately_so_many_counts(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Armed men killed approximately 30 people in an attack on a "
                                "village near Bankass on Monday.", "strike")
    assert event.fatalities == 30


@pytest.mark.parametrize("text", [
    # known towns
    "Fighting between two militias forced 9,000 people to flee their homes in Bambari and "
    "seek refuge in the town of Bangassou.",
    # names the gazetteer lacks
    "Fighting between two militias forced 9,000 people to flee their homes in Ngolo Kassa "
    "and seek refuge in the town of Bimbadou.",
])
def test_homes_fled_are_the_origin_and_a_refuge_the_destination(pipeline: Pipeline,
                                                                 text: str) -> None:
    event = one_event(pipeline, text, "displacement")
    assert sorted(roles_of(event).values()) == ["destination", "origin"]


def test_a_crowd_met_with_force_counts_those_shot_dead(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Security forces shot dead two men during protests over fuel "
                                "prices in the city of Kisumu on Thursday, a rights group said.",
                      "protest")
    assert (event.sub_event_type, event.fatalities) == ("Excessive force against protesters", 2)


@pytest.mark.parametrize("text", [
    "Mourners paid tribute to Otieno Wambua, a 24-year-old student shot on Friday.",
    "Protesters demanded justice for Otieno Wambua, who was shot by police on Friday.",
    "Protesters demanded justice for Otieno Wambua, 24, on Friday.",
])
def test_a_name_described_as_a_person_is_no_place(text: str) -> None:
    sent = SentenceTokens.of(tokenize(text))
    assert "Otieno Wambua" not in [c.text for c in candidates(sent, [], text)]


def test_a_name_described_as_a_village_stays_a_place() -> None:
    text = "Gunmen attacked Ngolo Kassa, a village near the river, on Monday."
    sent = SentenceTokens.of(tokenize(text))
    assert "Ngolo Kassa" in [c.text for c in candidates(sent, [], text)]


def test_raiders_in_a_sentence_that_tells_of_a_fight_fight_a_battle(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Gangs launched an attack on Tuesday morning, targeting a "
                                "residential community in Port-au-Prince where armed men "
                                "clashed with residents and officers.", "strike")
    assert event.event_type == "Battles"


def test_the_attack_named_again_is_the_one_told_before(pipeline: Pipeline) -> None:
    text = ("Armed men killed about 40 people in an attack in central Mali, officials said. "
            "The attack took place on Monday in the village of Ngolo Kassa near Bankass.")
    (event,) = [e for e in events_of(pipeline, text) if e.layer == "strike"]
    assert event.fatalities == 40 and "Ngolo Kassa" in roles_of(event)


def test_a_country_that_owns_the_place_is_no_attacker(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Gunmen killed nine villagers in northwest Nigeria's Kebbi "
                                "state on Sunday, police said.", "strike")
    assert event.actor1_country != "NG" and event.actor1 != "NG forces"


@pytest.mark.parametrize("text", [
    "The abduction happened on Sunday in the town of Kagara.",
    "The kidnapping took place on Monday near Kaduna.",
])
def test_an_abduction_that_happened_is_an_abduction(pipeline: Pipeline, text: str) -> None:
    assert one_event(pipeline, text, "strike").sub_event_type == "Abduction/forced disappearance"


@pytest.mark.parametrize("text", [
    "Gunmen shot dead four villagers in Dogon Ruwa on Sunday and fled on motorcycles.",
    "Armed men killed three farmers near Dogon Ruwa before fleeing into the bush.",
])
def test_attackers_who_get_away_displace_no_one(pipeline: Pipeline, text: str) -> None:
    assert [e.layer for e in events_of(pipeline, text)] == ["strike"]


def test_people_who_leave_their_homes_for_a_town_are_displaced_there(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Residents said the raid forced dozens of families to leave "
                                "their homes for Macomia on Sunday.", "displacement")
    assert roles_of(event).get("Macomia") == "destination"


def test_the_flight_an_attack_caused_is_where_the_attack_was(pipeline: Pipeline) -> None:
    text = ("Insurgents killed two farmers in Macomia district on Saturday, residents said. "
            "The attack caused the flight of almost 900 people, according to the IOM.")
    (event,) = [e for e in events_of(pipeline, text) if e.layer == "displacement"]
    assert set(roles_of(event).values()) == {"location"}


def test_deaths_after_a_juntas_air_raids_are_an_air_strike(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Four civilians are dead after junta air raids on villages in "
                                "Myanmar's Magway region, residents said on Friday.", "strike")
    assert event.sub_event_type == "Air/drone strike"
    assert [p.name for p in event.locations] == ["Magway"]


def test_soldiers_who_kill_civilians_attack_them(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Government soldiers killed more than 40 civilians and looted "
                                "shops in a town in Ethiopia's Amhara region, witnesses said.",
                      "strike")
    assert event.sub_event_type == "Attack"


def test_people_who_seek_refuge_in_a_town_are_displaced_there(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Hundreds of families sought refuge in Tibu on Sunday, while "
                                "others crossed into Venezuela.", "displacement")
    assert set(roles_of(event).values()) == {"destination"} and len(event.locations) == 2


@pytest.mark.parametrize("text", [
    "A minibus was blown up by a land mine on a road outside Grozny on Tuesday.",
    "It was the latest of a wave of bombings across Baghdad on Saturday, officials said.",
])
def test_a_bus_blown_up_and_a_wave_of_bombings_are_explosions(pipeline: Pipeline,
                                                             text: str) -> None:
    assert one_event(pipeline, text, "strike").sub_event_type == "Remote explosive/landmine/IED"


def test_a_town_the_gazetteer_lacks_after_a_description_is_where_it_struck(
        pipeline: Pipeline) -> None:
    event = one_event(pipeline, "The attack in the small town of Puerto Qorral involved "
                                "guerrillas firing homemade mortars at an army base.", "strike")
    assert [p.mention for p in event.locations] == ["Puerto Qorral"]


def test_a_raid_that_killed_people_at_a_camp_is_an_attack_on_civilians(
        pipeline: Pipeline) -> None:
    text = ("Paramilitary fighters stormed a displacement camp near El Fasher on Friday. "
            "The raid killed at least 120 people, the United Nations said.")
    assert {e.sub_event_type for e in events_of(pipeline, text)} == {"Attack"}


@pytest.mark.parametrize(("text", "toll"), [
    ('An "Israeli enemy strike on Qorraya", a village north of Beirut, left "nine dead and 15 '
     'wounded", the ministry said.', 9),
    ("The ministry reported two dead, four wounded in an Israeli strike on Qorraya near "
     "Batroun.", 2),
])
def test_a_strike_named_by_its_side_with_its_dead_and_wounded(pipeline: Pipeline, text: str,
                                                             toll: int) -> None:
    event = one_event(pipeline, text, "strike")
    assert (event.sub_event_type, event.fatalities) == ("Air/drone strike", toll)
    assert list(roles_of(event)) == ["Qorraya"]  # Beirut and Batroun only locate the village


def test_a_strike_by_workers_is_no_attack(pipeline: Pipeline) -> None:
    text = "A Nigerian strike by oil workers shut the port of Lagos on Monday."
    assert "strike" not in [e.layer for e in events_of(pipeline, text)]


def test_a_border_named_by_a_demonym_is_no_container(pipeline: Pipeline) -> None:
    text = ("Militants shot dead two police officers in Bannu on Tuesday. A day earlier a roadside "
            "bomb killed seven officers in Qorrabad, a former stronghold near the Afghan border.")
    villages = [p for e in events_of(pipeline, text) for p in e.locations
                if p.mention == "Qorrabad"]
    assert villages and all(p.country == "PK" for p in villages)


def test_a_border_named_by_a_country_in_the_sentence_before_is_no_container(
        pipeline: Pipeline) -> None:
    text = ("Ten soldiers were killed in an ambush in southwest Niger, not far from the Mali "
            "border. The troops were on patrol in the north of the Qorrabou province when "
            "gunmen attacked them on Friday.")
    villages = [p for e in events_of(pipeline, text) for p in e.locations
                if p.mention == "Qorrabou"]
    assert villages and all(p.country == "NE" for p in villages)


def test_a_strike_named_by_its_side_that_killed_people_keeps_its_weapon(
        pipeline: Pipeline) -> None:
    event = one_event(pipeline, "On Saturday the civil defence agency said an Israeli strike on "
                                "a school-turned-shelter in Gaza City had killed 21 people.",
                      "strike")
    assert (event.event_type, event.sub_event_type) == ("Explosions/Remote violence",
                                                        "Air/drone strike")


def test_villagers_killed_by_soldiers_are_an_attack_on_civilians(pipeline: Pipeline) -> None:
    for text in ("Eleven villagers were killed by soldiers in Dioura on Monday, elders said.",
                 "Soldiers shot dead four farmers near Dioura on Monday."):
        event = one_event(pipeline, text, "strike")
        assert (event.event_type, event.sub_event_type) == (
            "Violence against civilians", "Attack"), text


def test_civilians_reported_dead_with_an_army_blamed_are_an_attack(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "At least six villagers have been reported dead in central "
                                "Mali, with elders blaming the army and its Russian allies "
                                "for the raid.", "strike")
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")


def test_gangs_killing_a_parent_at_a_school_attack_civilians(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Gunmen raided a school in the commune of Dioura, where they "
                                "killed a parent and wounded several schoolchildren.", "strike")
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
