"""Agency wording about officials, in sentences written for these tests: an official's arrest
that names only the country whose state made it, delegations and leaders travelling to talks,
a day named with its possessive, and talks that "opened"."""

from __future__ import annotations

import pytest

from geo.pipeline import Pipeline
from tests.geo.events.helpers import events_of, one_event


@pytest.mark.parametrize(("text", "country"), [
    ("Kenya's anti-graft commission arrested a former energy minister on Tuesday over "
     "inflated contracts.", "KE"),
    ("A former Peruvian interior minister was detained on Wednesday in a bribery case, "
     "prosecutors said.", "PE"),
])
def test_an_arrest_that_names_only_a_country_is_placed_in_it(
        pipeline: Pipeline, text: str, country: str) -> None:
    event = one_event(pipeline, text, "strike")
    assert event.sub_event_type == "Arrests"
    assert [(p.country, p.precision) for p in event.locations] == [(country, 3)]


def test_an_arrest_naming_two_countries_is_placed_in_neither(pipeline: Pipeline) -> None:
    assert not [e for e in events_of(pipeline, "A former Iranian diplomat was arrested by "
                                               "British police on Monday.")
                if e.sub_event_type == "Arrests" and e.locations]


@pytest.mark.parametrize(("text", "venue"), [
    ("A Houthi delegation landed in Muscat on Saturday for talks with Saudi negotiators.",
     "Muscat"),
    ("Armenia sent its foreign minister to Brussels for peace talks with Azerbaijan.",
     "Brussels"),
    ("The UN envoy flew to the Libyan capital Tripoli on Friday to meet rival leaders.",
     "Tripoli"),
])
def test_where_a_delegation_travels_for_talks_is_their_venue(
        pipeline: Pipeline, text: str, venue: str) -> None:
    event = one_event(pipeline, text, "diplomacy")
    assert {p.mention: p.role for p in event.locations} == {venue: "venue"}


@pytest.mark.parametrize("text", [
    "An army delegation arrived in Addis Ababa on Monday for talks with the Tigray People's "
    "Liberation Front.",
    "Washington is sending two representatives to the truce talks in Doha next week.",
])
def test_envoys_travelling_to_talks_are_no_troop_movement(pipeline: Pipeline, text: str) -> None:
    layers = [e.layer for e in events_of(pipeline, text)]
    assert "troop_movement" not in layers and "diplomacy" in layers


def test_troops_sent_with_envoys_still_move(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Ankara sent troops and a delegation to Tripoli on Sunday.",
                      "troop_movement")
    assert {p.mention: p.role for p in event.locations}["Tripoli"] == "destination"


def test_a_leader_arriving_for_talks_moves_no_troops(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "Erdogan arrived in Sochi on Tuesday for talks with Putin.")
    assert [e.layer for e in events] == ["diplomacy"]
    assert {p.mention: p.role for p in events[0].locations} == {"Sochi": "venue"}


def test_a_day_named_with_its_possessive_is_no_place(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "The summit began in Astana on Monday. Erdogan arrived for "
                                 "Tuesday's session ahead of time.")
    assert not [p for e in events for p in e.locations if p.mention.startswith("Tuesday")]


@pytest.mark.parametrize("text", [
    "The peace conference opened in Lausanne on Monday with both delegations present.",
    "Talks between the two foreign ministers opened in Baku on Thursday.",
])
def test_talks_that_opened_are_no_clash(pipeline: Pipeline, text: str) -> None:
    layers = [e.layer for e in events_of(pipeline, text)]
    assert "strike" not in layers and "diplomacy" in layers
