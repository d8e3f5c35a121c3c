"""Places and roles of events in sentences written for these tests, through the whole
pipeline: movement wording, ships at sea, and a village the gazetteer lacks."""

from __future__ import annotations

import json
import math

from geo.model import EventPlace, Feature, Precision, Role
from geo.pipeline import Pipeline
from tests.geo.events.helpers import events_of, one_event, roles_of


def test_reinforcements_flown_into_a_town(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Reinforcements were flown into Kandahar on Monday.", "troop_movement")
    assert roles_of(event) == {"Kandahar": "destination"}


def test_a_force_pulling_out_of_a_town_leaves_it(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Rebel fighters pulled out of Kandahar on Tuesday.",
                 "troop_movement")
    assert roles_of(event) == {"Kandahar": "origin"}


def test_militants_entered_a_town_from_a_country(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Militants entered the town of Tal Abyad from Turkey on Sunday.",
                 "troop_movement")
    assert roles_of(event) == {"Tal Abyad": "destination", "Turkey": "origin"}


def test_moved_down_a_trail_is_via(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Fresh supplies moved down the Ho Chi Minh Trail towards the south.",
                 "troop_movement")
    (trail,) = event.locations
    assert (trail.mention, trail.role) == ("Ho Chi Minh Trail", "via")
    assert trail.place_id.startswith("unplaced:") and trail.container  # not the city itself


def test_warships_patrolling_off_a_coast(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Two warships have been patrolling off Djibouti since March.",
                 "naval_deployment")
    assert roles_of(event) == {"Djibouti": "location"}
    assert event.plover_event_type == "MOBILIZE"


def test_captured_at_sea_in_a_gulf(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Three pirates were captured by Indian sailors in the Gulf of Aden.",
                 "strike")
    assert roles_of(event) == {"Gulf of Aden": "location"}
    assert event.sub_event_type == "Arrests"


def test_a_village_the_gazetteer_lacks_keeps_its_mention_at_its_container(
        pipeline: Pipeline) -> None:
    text = "Gunmen killed four villagers in Zindiri, near Maiduguri, on Sunday."
    event = one_event(pipeline, text, "strike")
    (village,) = [p for p in event.locations if p.mention == "Zindiri"]
    assert village.place_id == "unplaced:zindiri" and village.container == "Maiduguri"
    assert village.precision == 2
    assert text[village.start or 0 : village.end or 0] == "Zindiri"
    maiduguri = next(p for p in pipeline.gazetteer.candidates("Maiduguri", limit=1)).place
    assert (village.lat, village.lon) == (maiduguri.lat, maiduguri.lon)
    assert event.event_type == "Violence against civilians"


def test_a_village_with_no_container_is_kept_unplaced(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Gunmen killed four villagers in Zindiri on Sunday.", "strike")
    (village,) = event.unplaced
    assert event.locations == (village,), "a place of the event, drawn nowhere"
    assert village.mention == "Zindiri" and not village.placed
    assert math.isnan(village.lat)
    row = json.loads(json.dumps(event.as_dict(), allow_nan=False))
    assert row["unplaced"][0]["lat"] is None and row["unplaced"][0]["mention"] == "Zindiri"
    assert row["locations"][0]["lat"] is None and row["locations"][0]["start"] is not None


def test_a_protest_is_on_the_protest_layer(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Hundreds of teachers protested in Nairobi on Tuesday over pay.",
                 "protest")
    assert roles_of(event) == {"Nairobi": "location"}
    assert (event.event_type, event.plover_event_type) == ("Protests", "PROTEST")
    assert event.trigger == "protested"


def test_the_owner_of_a_place_is_not_the_place(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Rockets hit a market in Syria's Idlib province on Friday.", "strike")
    assert roles_of(event) == {"Idlib province": "location"}


def test_an_unplaced_place_round_trips_as_json() -> None:
    place = EventPlace(Role.LOCATION, "unplaced:x", "X", math.nan, math.nan, Feature.UNPLACED, "",
                       Precision.REGION)
    assert place.as_dict()["lat"] is None and not place.placed


def test_a_ship_named_after_a_place_is_not_where_it_happened(pipeline: Pipeline) -> None:
    seized = one_event(pipeline, "The navy seized the tanker Fujairah in the Gulf of Oman.", "strike")
    assert [p.name for p in seized.locations] == ["Gulf of Oman"]
    boarded = one_event(pipeline, "HMCS Ottawa seized a dhow off Yemen on Friday.", "strike")
    assert [p.name for p in boarded.locations] == ["Yemen"]


def test_a_bare_compass_word_is_no_place(pipeline: Pipeline) -> None:
    places = [p.mention for e in events_of(pipeline, "Rebels attacked an army post in the North "
                                                    "on Sunday, killing two soldiers.")
              for p in e.locations]
    assert "North" not in places
