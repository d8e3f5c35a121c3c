"""The rules' strikes and displacements on agency wording, in sentences written for these
tests: a ship hit at sea, a fight one side reports ("engaged", "repelled"), a statement posted
on a social network, and a camp's population that is no movement."""

from __future__ import annotations

import pytest

from geo.events.rules import fatalities_in, population_only
from geo.pipeline import Pipeline
from tests.geo.events.helpers import events_of, one_event


def test_a_ship_hit_by_a_projectile_far_off_a_port(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "A container ship said it had been hit by a projectile 60 "
                      "nautical miles west of Yemen's Mokha.", "strike")
    assert (event.event_type, event.sub_event_type) == (
        "Explosions/Remote violence", "Shelling/artillery/missile attack")
    (place,) = event.locations
    assert place.place_id.startswith("offset:") and place.container == "Mocha"
    assert place.precision == 3  # 111 km from the port
    assert place.lat == pytest.approx(13.32, abs=0.05) and place.lon < 42.8  # west of it


def test_a_ship_hit_by_a_drone_off_a_port(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "A bulk carrier was hit by a drone off Hodeidah on Wednesday.",
                      "strike")
    assert event.sub_event_type == "Air/drone strike"
    (place,) = event.locations
    assert place.mention == "Hodeidah" and place.precision == 2  # at sea by the port


def test_missiles_fired_at_a_tanker(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "The Houthis said in a post on X that they had fired a missile "
                      "at a tanker in the Red Sea.", "strike")
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert [p.mention for p in event.locations] == ["Red Sea"]  # X is no place


@pytest.mark.parametrize(("text", "place"), [
    ("The army said it engaged ISWAP fighters in Damboa on Sunday.", "Damboa"),
    ("Malian troops repelled an assault on Kidal overnight, the army said.", "Kidal"),
    ("Government forces beat back an attack on Sirte on Friday.", "Sirte"),
])
def test_a_fight_one_side_reports_is_a_clash(pipeline: Pipeline, text: str, place: str) -> None:
    event = one_event(pipeline, text, "strike")
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert [p.mention for p in event.locations] == [place]


@pytest.mark.parametrize("text", [
    "The army chief said he was engaged in talks with elders in Kassala.",
    "The town of Kassala was hit by floods on Monday.",
])
def test_an_engagement_or_a_hit_of_no_weapon_is_no_strike(pipeline: Pipeline,
                                                          text: str) -> None:
    assert "strike" not in [e.layer for e in events_of(pipeline, text)]


def test_a_statement_posted_on_a_social_network_is_not_a_place(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "The militia said in a statement on Facebook that its fighters "
                      "had shelled Kadugli.", "strike")
    assert [p.mention for p in event.locations] == ["Kadugli"]


@pytest.mark.parametrize("text", [
    "The Kalma camp near Nyala shelters 120,000 displaced people.",
    "Shells hit the camp for displaced people near Nyala on Sunday, killing four civilians.",
    "Aid agencies said the camps for the displaced around Kadugli ran short of water.",
])
def test_a_camp_s_population_is_no_displacement(pipeline: Pipeline, text: str) -> None:
    assert population_only(text)
    assert "displacement" not in [e.layer for e in events_of(pipeline, text)]


@pytest.mark.parametrize(("text", "origin"), [
    ("Hundreds of displaced families fled Nyala for Ed Daein on Friday.", "Nyala"),
    ("More than 20,000 people have been displaced from Kadugli to Dilling.", "Kadugli"),
])
def test_displaced_people_on_the_move_are_a_displacement(pipeline: Pipeline, text: str,
                                                          origin: str) -> None:
    assert not population_only(text)
    event = one_event(pipeline, text, "displacement")
    assert {p.mention: p.role for p in event.locations}[origin] == "origin"


@pytest.mark.parametrize("text", [
    "Kabul blamed the deaths on an air strike carried out by foreign forces near Khost.",
    "A roadside bomb exploded near an army convoy outside Kidal, killing two soldiers.",
    "Gunmen ambushed a military convoy on the road to Kidal on Tuesday.",
])
def test_troops_attacked_or_an_attack_carried_out_are_no_movement(pipeline: Pipeline,
                                                                  text: str) -> None:
    assert "troop_movement" not in [e.layer for e in events_of(pipeline, text)]


def test_a_convoy_on_the_move_is_a_troop_movement(pipeline: Pipeline) -> None:
    layers = [e.layer for e in events_of(
        pipeline, "A military convoy of forty trucks rolled into Kidal on Tuesday.")]
    assert "troop_movement" in layers


def test_attacks_on_tankers_off_a_port_are_a_strike_there(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Oman said attacks on two tankers off Sohar were an act of "
                                "sabotage.", "strike")
    assert event.event_type == "Explosions/Remote violence"
    assert [p.name for p in event.locations] == ["Sohar"]


def test_a_country_that_blames_others_is_no_party(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Turkey blamed the deaths on an air strike carried out by "
                                "Syrian forces near Saraqib on Thursday.", "strike")
    assert event.sub_event_type == "Air/drone strike"
    assert event.actor1_country == "SY"
    assert [p.name for p in event.locations] == ["Saraqib"]


def test_every_name_of_a_list_of_places_is_an_event_place(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "The ministry said 30 insurgents were killed during operations "
                                "in Kunduz, Faryab, Baghlan, Ghazni and Helmand over the past "
                                "day.", "strike")
    assert [p.name for p in event.locations] == [
        "Kunduz", "Faryab", "Baghlān", "Ghazni", "Helmand"]


def test_armed_men_who_attacked_a_post_make_a_strike(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "The army said late Saturday that militants attacked a post in "
                                "the Datta Khel town of North Waziristan.", "strike")
    assert "Datta Khel" in [p.name for p in event.locations]


def test_police_firing_tear_gas_on_a_city_s_streets_is_a_protest_there(pipeline: Pipeline
                                                                        ) -> None:
    event = one_event(pipeline, "Police used tear gas on Tuesday to disperse hundreds of "
                                "demonstrators in Kisumu.", "protest")
    assert event.sub_event_type == "Protest with intervention"
    assert [p.name for p in event.locations] == ["Kisumu"]


def test_who_reacted_is_no_place_of_the_event(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "A Canadian frigate sailed through the Taiwan Strait on "
                                "Sunday, drawing protest from China.", "naval_deployment")
    assert [(p.name, p.role) for p in event.locations] == [("Taiwan Strait", "via")]


@pytest.mark.parametrize("verb", ["plowed through", "cruised through",
                                  "made the sixth passage through"])
def test_a_warship_going_through_a_strait_is_a_naval_deployment(pipeline: Pipeline,
                                                                verb: str) -> None:
    event = one_event(pipeline, f"A Canadian frigate {verb} the Taiwan Strait on Sunday.",
                      "naval_deployment")
    assert [(p.name, p.role) for p in event.locations] == [("Taiwan Strait", "via")]


@pytest.mark.parametrize(("text", "venue"), [
    ("Participants of the ministerial meeting on the truce, which was held late in the "
     "evening in Swiss Lausanne, agreed on a text, the foreign minister said.", "Lausanne"),
    ("The envoys stressed the need for calm ahead of a forthcoming meeting set for "
     "Kazakhstan's capital, Astana.", "Astana"),
])
def test_a_meeting_s_venue_far_from_its_word(pipeline: Pipeline, text: str, venue: str) -> None:
    event = one_event(pipeline, text, "diplomacy")
    assert [(p.name, p.role) for p in event.locations] == [(venue, "venue")]


def test_where_a_spokesman_briefed_the_press_is_no_event_place(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "A spokesman told a press briefing in Geneva that thousands "
                                 "had poured across the border following attacks on ten "
                                 "villages in the canton of Tirbeira by government forces.")
    assert "Geneva" not in [p.name for e in events for p in e.locations]


def test_a_refugee_agency_s_mission_is_no_displacement(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "The UN refugee agency sent an emergency mission through the "
                                 "border region to Adre on Sunday.")
    assert "displacement" not in [e.layer for e in events]


def test_refugees_who_flooded_into_a_country_are_a_displacement(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "A further 9,000 refugees flooded into eastern Chad over the "
                                "past week.", "displacement")
    assert [(p.name, p.role) for p in event.locations] == [("Chad", "destination")]


@pytest.mark.parametrize(("text", "layer", "want"), [
    ("Turkish reinforcements arrived in Saraqib overnight.", "troop_movement",
     [("Saraqib", "destination")]),
    ("Two Russian frigates docked at Tartus on Friday after sailing from Sevastopol.",
     "naval_deployment", [("Ţarţūs", "destination"), ("Sevastopol", "origin")]),
])
def test_where_a_movement_arrived_is_its_destination(pipeline: Pipeline, text: str, layer: str,
                                                     want: list[tuple[str, str]]) -> None:
    event = one_event(pipeline, text, layer)
    assert sorted((p.name, p.role) for p in event.locations) == sorted(want)


@pytest.mark.parametrize(("text", "navy"), [
    ("USS Halsey sailed through the Taiwan Strait on Wednesday.", "United States Navy"),
    ("HMCS Ottawa transited the Taiwan Strait on Sunday.", "Royal Canadian Navy"),
    ("BRP Sierra Madre was resupplied near Second Thomas Shoal, the crew sailed on.",
     "Philippine Navy"),
])
def test_a_warship_s_prefix_names_its_navy(pipeline: Pipeline, text: str, navy: str) -> None:
    assert one_event(pipeline, text, "naval_deployment").actor1 == navy


def test_a_coast_guard_s_water_cannon_at_boats_is_no_protest(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Chinese coast guard ships fired water cannon at Philippine "
                                "supply boats near Second Thomas Shoal on Saturday.", "strike")
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Other")
    assert (event.actor1_country, event.actor2_country) == ("CN", "PH")
    assert [p.name for p in event.locations] == ["Second Thomas Shoal"]


@pytest.mark.parametrize("dateline", ["NAIROBI:", "NAIROBI —", "NAIROBI, March 2 —"])
def test_a_dateline_s_city_is_where_it_was_written(pipeline: Pipeline, dateline: str) -> None:
    events = events_of(pipeline, f"{dateline} A military airstrike on a village killed ten "
                                 "civilians, residents said on Sunday.")
    assert "Nairobi" not in [p.name for e in events for p in e.locations]


def test_bombs_dropped_by_a_jet_are_an_air_strike(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "A military jet dropped three bombs on a village near Kalay "
                                "on Tuesday afternoon.", "strike")
    assert event.sub_event_type == "Air/drone strike"
    assert [p.mention for p in event.locations] == ["Kalay"]


@pytest.mark.parametrize(("text", "want"), [
    ("Militants attacked the village of Kalembe in North Kivu province, killing nine "
     "civilians.", ("Violence against civilians", "Attack")),
    # soldiers among the dead: a fight
    ("Militants attacked an army post near Kalembe, killing two soldiers and a civilian.",
     ("Battles", "Armed clash")),
])
def test_an_attack_that_kills_only_civilians_is_violence_against_civilians(
        pipeline: Pipeline, text: str, want: tuple[str, str]) -> None:
    event = one_event(pipeline, text, "strike")
    assert (event.event_type, event.sub_event_type) == want


@pytest.mark.parametrize(("text", "toll"), [
    ("At least forty-six villagers were killed when gunmen raided the market.", 46),
    ("Some thirty two soldiers were killed in the ambush.", 32),
    ("Nineteen people were killed in the blast, police said.", 19),
    ("More than twenty fighters were killed before the rest withdrew.", 20),
])
def test_a_toll_in_words_is_read_whole(text: str, toll: int) -> None:
    assert fatalities_in(text)[0] == toll


@pytest.mark.parametrize("text", [
    "After the collision, Hanoi lodged its sharpest protest yet against Beijing and summoned "
    "the ambassador.",
    "Seoul filed a diplomatic protest with Tokyo over the survey ship near the islets.",
])
def test_a_governments_protest_is_no_demonstration(pipeline: Pipeline, text: str) -> None:
    assert not [e for e in events_of(pipeline, text) if e.layer == "protest"]


def test_deaths_in_a_violent_protest_are_the_protests_not_a_battle(pipeline: Pipeline) -> None:
    found = events_of(pipeline, "At least nine people died on Monday in Kirkuk as protesters "
                                "trying to storm the airport clashed with police.")
    assert [(e.layer, e.sub_event_type) for e in found] == [
        ("protest", "Violent demonstration")]
