"""Wording of agency reports, in sentences written for these tests: the route of ships through
a strait, where a fleet comes from and goes to, merchant ships, vessel prefixes, a day after a
town's name, a source's home town, and two attacks of one article."""

from __future__ import annotations

from datetime import date

import pytest

from geo.events.candidates import candidates
from geo.events.features import SentenceTokens
from geo.parse.text import tokenize
from geo.pipeline import Pipeline
from tests.geo.events.helpers import events_of, one_event, roles_of


def _candidates(text: str) -> list[str]:
    return [c.text for c in candidates(SentenceTokens.of(tokenize(text)), [], text)]


def test_the_city_a_strait_runs_through_is_not_where_ships_came_from(
        pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Three Turkish frigates sailed through the Dardanelles Strait in "
                           "Canakkale towards the Aegean Sea on Monday.", "naval_deployment")
    roles = roles_of(event)
    assert roles["Dardanelles Strait"] == "via" and roles["Aegean Sea"] == "destination"
    assert roles.get("Canakkale", "via") in {"via", "location"}


@pytest.mark.parametrize("text", [
    "Two destroyers were seen transiting the Strait of Gibraltar on Tuesday after completing "
    "naval exercises off the coast of Libya.",
    "Two destroyers transited the Strait of Gibraltar on Tuesday on their way back from Libya.",
    "Two destroyers passed through the Strait of Gibraltar on Tuesday, returning from Libya.",
])
def test_drills_completed_off_a_coast_are_where_ships_came_from(
        pipeline: Pipeline, text: str) -> None:
    event = one_event(pipeline, text, "naval_deployment")
    assert roles_of(event) == {"Strait of Gibraltar": "via", "Libya": "origin"}


def test_a_sea_entered_on_the_way_to_a_home_port_is_passed_through(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "The ships entered the Baltic Sea and made their way towards "
                               "their home port city of Kaliningrad.")
    assert [e.layer for e in events] == ["naval_deployment"], "one event for one movement"
    assert roles_of(events[0]) == {"Baltic Sea": "via", "Kaliningrad": "destination"}


@pytest.mark.parametrize(("text", "layer", "roles"), [
    ("About 800 migrants crossed from Morocco into the Spanish enclave of Melilla overnight.",
     "displacement", {"Morocco": "origin", "Melilla": "destination"}),
    ("Thousands of refugees crossed from Myanmar into the Indian state of Mizoram.",
     "displacement", {"Myanmar": "origin", "Mizoram": "destination"}),
])
def test_a_frame_of_enclave_or_state_passes_the_cue_on(
        pipeline: Pipeline, text: str, layer: str, roles: dict[str, str]) -> None:
    assert roles_of(one_event(pipeline, text, layer)) == roles


def test_a_sea_entered_with_nowhere_further_is_the_destination(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Two Russian frigates entered the Baltic Sea on Thursday.",
                 "naval_deployment")
    assert roles_of(event) == {"Baltic Sea": "destination"}


def test_the_way_to_a_town_from_the_capital(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Army troops were on their way to the provincial town of Jowhar "
                           "from the capital Mogadishu on Monday.", "troop_movement")
    assert roles_of(event) == {"Jowhar": "destination", "Mogadishu": "origin"}


@pytest.mark.parametrize("text", [
    "Three cargo ships passing through the Gulf of Aden were struck in drone attacks by the "
    "rebels on Wednesday.",
    "Two commercial vessels sailing through the Red Sea were struck by missiles fired by the "
    "rebels on Wednesday.",
])
def test_merchant_ships_passing_by_are_no_naval_deployment(pipeline: Pipeline, text: str) -> None:
    layers = [e.layer for e in events_of(pipeline, text)]
    assert "naval_deployment" not in layers and "troop_movement" not in layers
    assert "strike" in layers


def test_warships_escorting_tankers_are_a_naval_deployment(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Two British warships sailed through the Strait of Hormuz on "
                           "Friday escorting oil tankers.", "naval_deployment")
    assert roles_of(event) == {"Strait of Hormuz": "via"}


@pytest.mark.parametrize("text", [
    "The second drone hit the M/V Kalinda Star, a bulk carrier, near Hodeidah on Monday.",
    "The second drone hit the M.V. Kalinda Star near Hodeidah on Monday.",
    "The second drone hit the M/T Kalinda Star near Hodeidah on Monday.",
    "The second drone hit the SS Kalinda Star near Hodeidah on Monday.",
    "The second drone hit the MV Kalinda Star near Hodeidah on Monday.",
    "The second drone hit the MT Kalinda Star near Hodeidah on Monday.",
    "One drone missed, while the other drone hit the M/V Kalinda Star, a container ship, near "
    "Hodeidah.",
])
def test_a_merchant_vessel_prefix_makes_a_ship_not_a_place(
        pipeline: Pipeline, text: str) -> None:
    assert not any("Kalinda" in c or c in {"M", "V", "T"} for c in _candidates(text))
    event = one_event(pipeline, text, "strike")
    assert [p.mention for p in event.locations] == ["Hodeidah"]


def test_a_day_after_a_towns_name_is_no_part_of_it(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "More than 5,000 people marched in the capital Bamako Sunday "
                           "against the junta.", "protest")
    assert [p.mention for p in event.locations] == ["Bamako"]
    assert event.event_date == date(2024, 5, 5)


def test_a_day_after_an_unknown_name_is_no_part_of_it(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Gunmen attacked Tindoukara Saturday, killing three soldiers in "
                           "northern Mali.", "strike")
    assert "Tindoukara" in [p.mention for p in event.locations]
    assert not any("Saturday" in p.mention for p in event.locations)


@pytest.mark.parametrize(("text", "layer"), [
    ("The gunmen came back to the village Sunday morning, where they shot in the air, said the "
     "source, who is a Gao resident.", "strike"),
    ("Gunmen attacked the village on Tuesday, a Mopti-based official told Reuters.", "strike"),
    ("Soldiers fired on protesters on Friday, a Gao native told Reuters in Bamako.", "protest"),
    ("Jihadists killed three herders near the village on Friday, a local official told "
     "Reuters in Mopti.", "strike"),
])
def test_where_a_source_lives_or_spoke_is_not_where_it_happened(
        pipeline: Pipeline, text: str, layer: str) -> None:
    places = [p.mention for e in events_of(pipeline, text) if e.layer == layer
              for p in e.locations]
    assert not {"Gao", "Mopti", "Bamako"} & set(places), places


@pytest.mark.parametrize("text", [
    "In Moscow, the defence ministry said 30 Ukrainian drones were destroyed over the Belgorod "
    "region overnight.",
    "In Beirut, the health ministry said an Israeli strike killed five people in Tyre.",
])
def test_a_fronted_place_where_a_source_spoke_is_not_where_it_happened(
        pipeline: Pipeline, text: str) -> None:
    places = {p.mention for e in events_of(pipeline, text) for p in e.locations}
    assert places and not {"Moscow", "Beirut"} & places, places


def test_a_fronted_place_is_the_event_s_when_nothing_else_says_where(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "In Idlib, activists said government air strikes killed 20 "
                           "people on Sunday.", "strike")
    assert [p.mention for p in event.locations] == ["Idlib"]


def test_a_town_named_as_the_place_stays_beside_where_a_source_spoke(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Soldiers fired on protesters in Bamako on Friday, a witness told "
                           "Reuters in Bamako.", "protest")
    assert [(p.mention, p.start) for p in event.locations] == [("Bamako", 32)]


@pytest.mark.parametrize("later", [
    "Militants also attacked an army post in the town of Gao in northern Mali.",
    "Earlier this month, jihadists attacked an army camp near Gao, a town in northern Mali.",
    "In a separate attack, militants killed four soldiers in the town of Gao in eastern Mali.",
])
def test_an_attack_in_a_country_keeps_its_place_beside_another_in_a_town(
        pipeline: Pipeline, later: str) -> None:
    text = "Gunmen killed 12 civilians in northern Mali over the weekend. " + later
    strikes = [e for e in events_of(pipeline, text) if e.layer == "strike"]
    first = next(e for e in strikes if e.evidence.startswith("Gunmen"))
    assert [(p.name, p.precision) for p in first.locations] == [("Mali", 3)]
    assert first.fatalities == 12 and not first.evidence_more
    second = next(e for e in strikes if e is not first)
    assert [p.mention for p in second.locations] == ["Gao"]


@pytest.mark.parametrize("text", [
    "Gunmen killed 12 civilians in northern Mali over the weekend, the government said on "
    "Monday.",
    "The government said on Monday that gunmen killed 12 civilians in northern Mali over the "
    "weekend.",
])
def test_an_attack_over_the_weekend_is_dated_to_its_week_not_to_the_saying(
        pipeline: Pipeline, text: str) -> None:
    event = one_event(pipeline, text, "strike")  # the article is of Monday 6 May 2024
    assert (event.event_date, event.time_precision) == (date(2024, 5, 4), "week")


def test_the_day_of_the_saying_is_kept_when_the_sentence_gives_no_other(
        pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Gunmen killed 12 civilians in northern Mali, the government said "
                           "on Sunday.", "strike")
    assert (event.event_date, event.time_precision) == (date(2024, 5, 5), "day")


def test_an_attack_after_which_troops_moved_is_not_where_they_came_from(
        pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Army reinforcements moved into Gao on Monday after an attack in "
                           "Menaka.", "troop_movement")
    assert roles_of(event).get("Menaka") != "origin"
    assert roles_of(event)["Gao"] == "destination"


def test_a_leader_told_another_in_a_capital_keeps_the_venue(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "At talks on Thursday, Erdogan told Putin in Moscow that the "
                           "ceasefire must hold.", "diplomacy")
    assert roles_of(event) == {"Moscow": "venue"}


@pytest.mark.parametrize(("text", "sub_type", "place"), [
    # an attack named by its weapon reports a strike, though no verb does
    ("A gas plant in Iraq's northern Kirkuk province caught fire after an overnight drone "
     "attack, the governor said.", "Air/drone strike", "Kirkuk"),
    ("A rocket barrage hit Kiryat Shmona on Monday.", "Shelling/artillery/missile attack",
     "Kiryat Shmona"),
])
def test_an_attack_named_by_its_weapon_is_a_strike(pipeline: Pipeline, text: str,
                                                    sub_type: str, place: str) -> None:
    event = one_event(pipeline, text, "strike")
    assert event.sub_event_type == sub_type
    assert [p.mention for p in event.locations] in ([place], [place + " province"])


def test_an_attack_that_could_come_is_no_strike(pipeline: Pipeline) -> None:
    assert events_of(pipeline, "Officials in Kirkuk warned that drone attacks could resume.") == []


def test_a_bearing_from_a_city_locates_the_place_before_it(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "A drone attack on Sunday set fire to a depot in Kirkuk, north "
                                "of Baghdad.", "strike")
    assert [p.mention for p in event.locations] == ["Kirkuk"]


@pytest.mark.parametrize("text", [
    "Maritime authorities said an explosion was reported off a tanker's port side west of "
    "Yemen's Aden on Tuesday.",
    "A bulk carrier reported two blasts nearby as it sailed off Aden on Tuesday.",
])
def test_an_explosion_at_a_ship_is_a_strike_on_shipping(pipeline: Pipeline, text: str) -> None:
    event = one_event(pipeline, text, "strike")
    assert event.event_type == "Explosions/Remote violence"
    assert [p.mention for p in event.locations] == ["Aden"]


def test_an_explosion_far_from_any_ship_is_no_strike_on_shipping(pipeline: Pipeline) -> None:
    assert events_of(pipeline, "A gas explosion at a bakery in Aden injured no one.") == []


@pytest.mark.parametrize(("text", "sub_type"), [
    # the crowd's own violence, whichever word reports the protest
    ("A march of thousands of protesters in Nairobi turned violent as some protesters threw "
     "stones at shops.", "Violent demonstration"),
    ("Clashes broke out between demonstrators and police near the parliament in Nairobi.",
     "Violent demonstration"),
    # tear gas at a march that stayed peaceful on the crowd's side
    ("Thousands marched in Nairobi on Sunday before police fired tear gas at the crowd of "
     "protesters.", "Protest with intervention"),
])
def test_a_protest_is_classed_by_its_whole_sentence(pipeline: Pipeline, text: str,
                                                     sub_type: str) -> None:
    (event,) = events_of(pipeline, text)
    assert (event.layer, event.sub_event_type) == ("protest", sub_type)


def test_a_diplomat_arriving_is_a_visit_not_a_troop_movement(pipeline: Pipeline) -> None:
    (event,) = events_of(pipeline, "The Turkish foreign minister arrived in Doha from Beirut "
                                   "on Thursday.")
    assert (event.layer, event.sub_event_type) == ("diplomacy", "Meeting")
    assert roles_of(event).get("Doha") == "venue"


def test_a_city_that_hosts_talks_is_their_venue(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Last week, Doha hosted indirect talks between the two sides "
                                "on a truce.", "diplomacy")
    assert roles_of(event) == {"Doha": "venue"}


def test_speaking_via_telephone_is_a_call(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Erdogan spoke via telephone to Putin on Friday.", "diplomacy")
    assert event.sub_event_type == "Phone call"


def test_people_arriving_after_fleeing_are_displaced_not_troops(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "Some 40,000 Sudanese have arrived in Chad after fleeing the "
                                 "fighting in Darfur.")
    assert [e.layer for e in events] == ["displacement"]
    assert roles_of(events[0])["Chad"] == "destination"


def test_where_a_spokesman_briefed_is_no_place_of_the_next_sentence(pipeline: Pipeline) -> None:
    text = ("Refugees crossed into Chad last week, a UN spokesman said at a press briefing at "
            "the Palais des Nations in Geneva on Tuesday. The refugees fled their homes in "
            "villages near the border.")
    places = {p.mention for e in events_of(pipeline, text) for p in e.locations}
    assert "Geneva" not in places and "Chad" in places


@pytest.mark.parametrize("text", [
    "The frigate HMS Kent is making its way towards the Black Sea, the navy said.",
    "Two destroyers were ordered to the Black Sea on Friday.",
])
def test_ships_making_their_way_or_ordered_somewhere_are_deployed(pipeline: Pipeline,
                                                                 text: str) -> None:
    event = one_event(pipeline, text, "naval_deployment")
    assert roles_of(event)["Black Sea"] == "destination"


def test_an_attack_that_took_place_seized_nothing(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Another attack had taken place on Monday in Dori, killing "
                                "four army auxiliaries.", "strike")
    assert (event.event_type, event.fatalities) == ("Battles", 4)


@pytest.mark.parametrize(("text", "sub_type"), [
    ("Two miners were killed in an attack on a gold mine near Dori by gunmen.", "Armed clash"),
    ("Two soldiers were killed when their truck hit a mine near Dori.",
     "Remote explosive/landmine/IED"),
])
def test_a_gold_mine_is_no_landmine(pipeline: Pipeline, text: str, sub_type: str) -> None:
    assert one_event(pipeline, text, "strike").sub_event_type == sub_type


@pytest.mark.parametrize(("text", "toll"), [
    ("At least 31 soldiers and three army auxiliaries were killed on Monday near Dori.", 34),
    ("At least ten gendarmes were killed on Thursday in an attack near Dori.", 10),
    ("A clash with the army left two soldiers and 12 guerrillas dead on Tuesday near Dori.", 14),
])
def test_tolls_of_every_kind_of_victim(pipeline: Pipeline, text: str, toll: int) -> None:
    assert one_event(pipeline, text, "strike").fatalities == toll


def test_one_victim_named_in_the_singular_is_a_toll_of_one(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Gunmen killed a police officer in an attack on a school in "
                                "Dori on Thursday.", "strike")
    assert event.fatalities == 1


def test_a_strike_that_hit_a_village_is_one(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "The health ministry said an \"Israeli enemy strike\" hit a "
                                "house in Nabatieh on Thursday.", "strike")
    assert [p.mention for p in event.locations] == ["Nabatieh"]


def test_a_walkout_is_a_protest_not_an_attack(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Workers went on strike in Beirut on Monday.", "protest")
    assert event.sub_event_type == "Peaceful protest"
    general = events_of(pipeline, "Dock workers in Beirut began a general strike on Monday.")
    assert "strike" not in {e.layer for e in general}


def test_the_attackers_country_does_not_hold_the_village(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Four fighters were killed in an Israeli drone strike on their "
                                "car in Kfar Qouloud, about 15 kilometres from the frontier.",
                      "strike")
    (village,) = [p for p in event.locations if p.mention == "Kfar Qouloud"]
    assert village.country != "IL" and village.container != "Israel"


def test_a_village_shelled_is_a_shelling(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Militants shelled Kfar Qouloud and Nabatieh on Monday.",
                      "strike")
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert {p.mention for p in event.locations} == {"Kfar Qouloud", "Nabatieh"}


@pytest.mark.parametrize(("text", "sub_type"), [
    # a state's forces take ground: ACLED's "Government regains territory", whoever held it
    ("Russian troops have captured the village of Hrodivka near Pokrovsk, the defence "
     "ministry said on Saturday.", "Government regains territory"),
    ("Rebel fighters have captured the village of Hrodivka near Pokrovsk on Saturday.",
     "Non-state actor overtakes territory"),
])
def test_who_takes_ground_gives_its_sub_type(pipeline: Pipeline, text: str,
                                             sub_type: str) -> None:
    assert one_event(pipeline, text, "strike").sub_event_type == sub_type


def test_a_village_liberated_is_taken_and_hostages_liberated_are_no_arrest(
        pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Russian troops liberated the village of Hrodivka near "
                                "Pokrovsk, the ministry said.", "strike")
    assert "territory" in event.sub_event_type
    freed = events_of(pipeline, "Police liberated three hostages in Pokrovsk on Sunday.")
    assert all(e.sub_event_type != "Arrests" for e in freed)


def test_a_toll_of_a_people(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "An air strike on a school in Dori killed at least 80 Malians, "
                                "the ministry said; the army said it killed 19 fighters.",
                      "strike")
    assert event.fatalities == 80


def test_a_strike_of_no_weapon_named_is_struck_from_afar(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "At least 90 Malians were killed and dozens injured in a strike "
                                "on a school sheltering displaced people in Dori.", "strike")
    assert (event.event_type, event.sub_event_type) == (
        "Explosions/Remote violence", "Air/drone strike")


def test_one_member_killed_is_a_toll_of_one(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "A drone strike targeted a car near Dori, killing one JNIM "
                                "member and wounding two.", "strike")
    assert event.fatalities == 1


@pytest.mark.parametrize(("text", "body"), [
    ("A Turkistan Islamic Party suicide bomber blew himself up on Sunday, killing 12 soldiers.",
     {"Turkistan"}),
    ("Fighters of the Islamic State of Iraq and al-Sham killed 12 soldiers in an ambush on "
     "Sunday.", {"Iraq", "al-Sham", "Damascus"}),
])
def test_a_place_inside_an_armed_bodys_name_is_not_where_it_struck(
        pipeline: Pipeline, text: str, body: set[str]) -> None:
    places = {n for e in events_of(pipeline, text) for p in e.locations
              for n in (p.mention, p.name)}
    assert not places & body


def test_villages_the_gazetteer_lacks_that_an_offensive_targets_are_its_places(
        pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Militants launched a new assault in the Hama countryside on "
                                "Saturday, targeting army positions at the villages of Qorrabad "
                                "and Tel Burlo.", "strike")
    assert {"Qorrabad", "Tel Burlo"} <= set(roles_of(event))


def test_a_town_taken_with_a_base_is_a_seizure_there(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "The fighters took control of a base and a nearby town, "
                                "Jowhar, in an early-morning attack.", "strike")
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert [p.mention for p in event.locations] == ["Jowhar"]


@pytest.mark.parametrize(("text", "venue"), [
    ("Envoys of the regional bloc met in Nairobi on Friday to discuss the situation in Juba.",
     "Nairobi"),
    ("The two presidents held talks in Ankara on the war in Libya.", "Ankara"),
])
def test_what_talks_are_about_is_not_where_they_are_held(
        pipeline: Pipeline, text: str, venue: str) -> None:
    event = one_event(pipeline, text, "diplomacy")
    assert [(p.mention, p.role) for p in event.locations] == [(venue, "venue")]


def test_people_who_flee_towards_a_country_s_border_go_there_from_the_place_told_before(
        pipeline: Pipeline) -> None:
    text = ("Rebels shelled the town of Uvira on Sunday, killing four people. Thousands of "
            "residents fled towards the Burundian border.")
    event = one_event(pipeline, text, "displacement")
    assert [(p.name, p.role) for p in event.locations] == [
        ("Uvira", "origin"), ("Burundi", "destination")]


@pytest.mark.parametrize("text", [
    "GOMA, Democratic Republic of Congo (Reuters) -More than 30 civilians were killed in a rebel "
    "attack on a camp for displaced people in eastern Democratic Republic of Congo's Ituri "
    "province early on Tuesday, the United Nation's peacekeeping mission said.",
    "BUNIA, Democratic Republic of Congo (Reuters) - Gunmen killed 17 civilians in an attack on "
    "a camp for displaced people in eastern Democratic Republic of Congo's Ituri province on "
    "Saturday, the army said.",
])
def test_a_dateline_with_a_long_country_name_leaves_the_story_its_place(
        pipeline: Pipeline, text: str) -> None:
    event = one_event(pipeline, text, "strike")
    assert [p.mention for p in event.locations] == ["Ituri"]


def test_a_dateline_on_its_own_line_is_no_place_of_the_next_sentence(
        pipeline: Pipeline) -> None:
    text = ("NAIROBI, Kenya\nAt least five people were killed when gunmen stormed a camp for "
            "displaced families overnight, officials said.")
    assert not any(p.country == "KE" for e in events_of(pipeline, text) for p in e.locations)


@pytest.mark.parametrize(("text", "place"), [
    ("A supply convoy came under heavy fire near the town of Kidal on Thursday, the army said.",
     "Kidal"),
    ("On Friday, an attack was reported in Djibo.", "Djibo"),
])
def test_a_strike_told_from_the_side_hit_or_only_recorded(
        pipeline: Pipeline, text: str, place: str) -> None:
    event = one_event(pipeline, text, "strike")
    assert place in roles_of(event)


def test_a_minister_under_fire_over_a_policy_is_no_strike(pipeline: Pipeline) -> None:
    text = "The defence minister came under fire over the troop deployment to Mali."
    assert not [e for e in events_of(pipeline, text) if e.layer == "strike"]


@pytest.mark.parametrize(("text", "earlier"), [
    ("Jordan launched air strikes on Syria early Tuesday, just ten days after a deadly attack in "
     "Ruwaished, Mafraq.", "Ruwaished"),
    ("Pakistan launched air strikes on Afghanistan early Sunday, a week after a deadly bombing "
     "in Peshawar, officials said.", "Peshawar"),
])
def test_the_place_of_an_earlier_event_that_dates_this_one_is_not_its_place(
        pipeline: Pipeline, text: str, earlier: str) -> None:
    assert earlier not in roles_of(one_event(pipeline, text, "strike"))


def test_a_fleet_named_by_its_sea_is_no_place(pipeline: Pipeline) -> None:
    text = "Drones hit the headquarters of Russia's Baltic Sea navy in Kaliningrad on Monday."
    event = one_event(pipeline, text, "strike")
    assert "Baltic Sea" not in roles_of(event) and "Kaliningrad" in roles_of(event)


def test_a_ship_seized_by_the_police_is_a_detention_at_sea_not_at_a_cables_ends(
        pipeline: Pipeline) -> None:
    text = ("Swedish police on Monday seized a freighter suspected of cutting a power cable "
            "running from Karlskrona to Poland's port Gdansk across the Baltic Sea.")
    event = one_event(pipeline, text, "strike")
    assert event.sub_event_type == "Arrests"
    assert "Gdansk" not in roles_of(event) and "Karlskrona" not in roles_of(event)


def test_the_ends_of_a_pipeline_are_not_where_it_was_blown_up(pipeline: Pipeline) -> None:
    text = "Saboteurs blew up a gas pipeline linking Egypt and Jordan near El Arish on Saturday."
    assert list(roles_of(one_event(pipeline, text, "strike"))) == ["El Arish"]


@pytest.mark.parametrize(("text", "layer", "capital"), [
    ("Heavy fighting broke out in the Sudanese capital on Saturday.", "strike", "Khartoum"),
    ("Drones struck Ukraine's capital overnight, wounding four.", "strike", "Kyiv"),
    ("Thousands marched through the Kenyan capital on Tuesday.", "protest", "Nairobi"),
])
def test_a_capital_named_by_its_country_is_that_city(
        pipeline: Pipeline, text: str, layer: str, capital: str) -> None:
    event = one_event(pipeline, text, layer)
    assert [(p.name, p.precision) for p in event.locations] == [(capital, 1)]


def test_a_capital_named_after_its_country_s_word_is_read_by_its_name(
        pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Gunmen attacked a market in the Malian capital Bamako.",
                      "strike")
    assert [p.mention for p in event.locations] == ["Bamako"]


def test_the_capital_of_a_story_held_in_one_country_is_its_capital(pipeline: Pipeline) -> None:
    text = ("Soldiers and rebels fought near Goma and Bukavu on Friday. Heavy shelling was "
            "also reported in the capital, residents said.")
    events = [e for e in events_of(pipeline, text) if "capital" in e.evidence]
    assert [[(p.name, p.mention) for p in e.locations] for e in events] == [
        [("Kinshasa", "the capital")]]


@pytest.mark.parametrize("text", [
    "Egyptian officials flew to Juba on Sunday for talks with the government.",
    "Senior officials flew into Goma on Saturday to meet rebel leaders.",
])
def test_officials_and_ministers_who_travel_are_no_troop_movement(
        pipeline: Pipeline, text: str) -> None:
    assert "troop_movement" not in [e.layer for e in events_of(pipeline, text)]


@pytest.mark.parametrize("text", [
    "The conflict has killed more than 9,000 people in Cabo Delgado since the insurgency began.",
    "Attacks by armed groups have killed hundreds of people in Tillaberi over the past year.",
])
def test_a_toll_summed_over_a_war_is_no_event(pipeline: Pipeline, text: str) -> None:
    assert [e.layer for e in events_of(pipeline, text) if e.layer == "strike"] == []


def test_a_day_s_toll_that_brings_the_total_up_is_an_event(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Three soldiers were killed in Menaka on Tuesday, bringing the "
                           "toll since January to 60.", "strike")
    assert [p.mention for p in event.locations] == ["Menaka"]


@pytest.mark.parametrize(("text", "sub_event_type", "place"), [
    ("A rocket landed in an open field near Sderot on Monday.",
     "Shelling/artillery/missile attack", "Sderot"),
    ("Police said a drone fell in central Eilat on Thursday.", "Air/drone strike", "Eilat"),
])
def test_a_weapon_that_fell_or_landed_is_a_strike_where_it_came_down(
        pipeline: Pipeline, text: str, sub_event_type: str, place: str) -> None:
    event = one_event(pipeline, text, "strike")
    assert (event.sub_event_type, [p.name for p in event.locations]) == (sub_event_type,
                                                                          [place])
