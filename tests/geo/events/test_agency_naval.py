"""Agency wording about ships, in sentences written for these tests: a port named with the
sea it lies on, a coast guard's water cannon or ramming, a capital that reports such a
confrontation, a transit named by its noun, a country that owns the ships, a dateline with its
country, and a ship that docked "hours earlier"."""

from __future__ import annotations

import pytest

from geo.model import Document
from geo.pipeline import Pipeline
from tests.geo.events.helpers import events_of, one_event, roles_of


@pytest.mark.parametrize(("text", "port"), [
    ("A Dutch supply ship docked at the Baltic Sea port of Klaipeda on Friday.", "Klaipeda"),
    ("Two Romanian minesweepers arrived at the Black Sea port of Constanta on Monday.",
     "Constanta"),
])
def test_the_sea_a_port_lies_on_is_not_where_ships_went(
        pipeline: Pipeline, text: str, port: str) -> None:
    event = one_event(pipeline, text, "naval_deployment")
    assert roles_of(event) == {port: "destination"}


def test_a_strike_on_a_port_city_is_at_the_city(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Drones hit the Black Sea port city of Odesa on Sunday night.",
                      "strike")
    assert roles_of(event) == {"Odesa": "location"}


@pytest.mark.parametrize("text", [
    "Chinese coast guard ships fired water cannon at two Philippine boats near Scarborough "
    "Shoal, Manila said on Thursday.",
    "Two Chinese coast guard ships blasted a Philippine supply boat with water cannon near "
    "Sabina Shoal on Friday, and Manila said it would protest.",
])
def test_a_capital_that_reports_a_confrontation_is_not_where_it_happened(
        pipeline: Pipeline, text: str) -> None:
    event = one_event(pipeline, text, "strike")
    assert "Manila" not in roles_of(event)


@pytest.mark.parametrize(("text", "shoal"), [
    ("Three Chinese coast guard vessels water-cannoned two Philippine supply boats near "
     "Second Thomas Shoal on Tuesday.", "Second Thomas Shoal"),
    ("A Chinese coast guard ship rammed a Philippine fisheries vessel near Scarborough Shoal "
     "on Monday.", "Scarborough Shoal"),
])
def test_a_coast_guards_water_cannon_or_ramming_is_a_confrontation_at_sea(
        pipeline: Pipeline, text: str, shoal: str) -> None:
    event = one_event(pipeline, text, "strike")
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Other")
    assert roles_of(event) == {shoal: "location"}


def test_a_port_named_with_its_sea_beside_troops_arriving_elsewhere(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "Hours before, some 40 Dutch marines arrived at an airfield in "
                                 "northern Estonia while a supply ship carrying their vehicles "
                                 "docked at the Baltic Sea port of Paldiski, Estonia's navy "
                                 "spokesman told AFP.")
    ships = [e for e in events if e.layer == "naval_deployment"]
    assert ships and roles_of(ships[0]).get("Paldiski") == "destination"
    assert not any("Baltic Sea" in roles_of(e) for e in events)


@pytest.mark.parametrize("text", [
    "The destroyer USS Dewey conducted a routine transit of the Taiwan Strait on Thursday, "
    "the navy said.",
    "A British patrol ship completed its passage of the Taiwan Strait on Saturday.",
])
def test_a_transit_of_a_strait_passes_through_it(pipeline: Pipeline, text: str) -> None:
    event = one_event(pipeline, text, "naval_deployment")
    assert roles_of(event) == {"Taiwan Strait": "via"}


@pytest.mark.parametrize("text", [
    "The United Kingdom military will go on sailing wherever the law of the sea allows, the "
    "admiral said.",
    "United States forces will keep sailing through these waters, a spokesman said.",
])
def test_a_country_that_owns_the_units_is_not_where_they_go(
        pipeline: Pipeline, text: str) -> None:
    assert not [e for e in events_of(pipeline, text) if e.locations]


@pytest.mark.parametrize("text", [
    "HAIPHONG, Vietnam -- The destroyer USS Milius arrived in Da Nang on Monday for a port "
    "call.",
    "HAIPHONG, Vietnam (AP) - The destroyer USS Milius arrived in Da Nang on Monday for a port "
    "call.",
])
def test_a_dateline_with_its_country_is_not_where_ships_came_from(
        pipeline: Pipeline, text: str) -> None:
    event = one_event(pipeline, text, "naval_deployment")
    assert roles_of(event) == {"Da Nang": "destination"}


def test_hours_earlier_is_the_day_of_the_sentence_before(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "Danish troops arrived in Estonia on Tuesday. Hours earlier, "
                                 "a navy supply ship docked at the port of Paldiski.")
    ship = next(e for e in events if e.layer == "naval_deployment")
    troops = next(e for e in events if e.layer == "troop_movement")
    assert ship.event_date == troops.event_date
    assert ship.time_precision == "day"


def test_vessels_targeted_with_water_cannon_are_no_armed_clash(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "The Chinese coast guard targeted two Vietnamese fishing boats "
                                "with water cannons near the Paracel Islands on Sunday.", "strike")
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Other")


def test_an_ocean_in_a_regions_hyphenated_name_is_no_place(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "The frigate's passage through the Taiwan Strait showed the "
                                "navy's commitment to a free and open Indo-Pacific.",
                      "naval_deployment")
    assert roles_of(event) == {"Taiwan Strait": "via"}


@pytest.mark.parametrize(("text", "name"), [
    ("A merchant vessel reported it had been hit by a missile 76 nautical miles west of "
     "Yemen's al Hudaydah, the UKMTO said on Friday.", "76 nautical miles west of Al Ḩudaydah"),
    ("A cargo ship suffered minor damage after being hit by a projectile off the coast of "
     "Yemen's Hodeidah, the UKMTO said on Tuesday.", "Al Ḩudaydah"),
])
def test_a_ship_hit_off_a_port_named_with_its_article_or_by_a_projectile(
        pipeline: Pipeline, text: str, name: str) -> None:
    event = one_event(pipeline, text, "strike")
    assert name in [p.name for p in event.locations]


def test_a_patrol_ship_sunk_is_no_patrol(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "Sea drones hit and sank a Russian patrol ship off occupied "
                                 "Crimea in an overnight attack, the navy said on Tuesday.")
    assert not [e for e in events if e.layer == "naval_deployment"], \
        [(e.layer, e.locations) for e in events]


def test_a_weapon_named_after_a_village_is_no_place(pipeline: Pipeline) -> None:
    text = ("A special unit fired Magura V5 maritime drones and Neptune missiles at a frigate "
            "near the Kerch Strait on Tuesday.")
    names = {p.name for e in events_of(pipeline, text) for p in e.locations}
    assert names and not names & {"Măgura", "Neptune City"}, names
    # a big city's name before rockets stays the city
    found = pipeline.process_document(Document("t", "Rebels fired Gaza rockets.")).resolved
    assert [r.place.name for r in found if r.place is not None] == ["Gaza"]


@pytest.mark.parametrize(("text", "sub_event", "place"), [
    ("Naval drones hit and sank a Russian patrol ship off the coast of Crimea on Tuesday.",
     "Air/drone strike", "Crimea"),
    ("Missiles sank the bulk carrier Qorrab in the Red Sea on Friday.",
     "Shelling/artillery/missile attack", "Red Sea"),
])
def test_a_ship_sunk_is_a_strike(pipeline: Pipeline, text: str, sub_event: str,
                                 place: str) -> None:
    event = one_event(pipeline, text, "strike")
    assert event.sub_event_type == sub_event and place in roles_of(event)
