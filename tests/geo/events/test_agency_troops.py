"""Agency wording about troop deployments and withdrawals, in sentences written for these
tests: a capital named after its country's adjective (and a sea that describes the country),
troops flown in, the base units pull out of, a withdrawal named by its noun, and a base handed
over."""

from __future__ import annotations

import pytest

from geo.pipeline import Pipeline
from tests.geo.events.helpers import events_of, one_event, roles_of


@pytest.mark.parametrize(("text", "capital"), [
    ("The first Dutch troops arrived in the Lithuanian capital Vilnius on Monday.", "Vilnius"),
    ("Some 200 Spanish soldiers landed in the Latvian capital Riga on Thursday.", "Riga"),
])
def test_troops_arriving_in_a_named_capital_go_there(
        pipeline: Pipeline, text: str, capital: str) -> None:
    event = one_event(pipeline, text, "troop_movement")
    assert roles_of(event) == {capital: "destination"}


@pytest.mark.parametrize(("text", "town"), [
    ("Chadian troops pulled out of their base in Tessalit on Wednesday.", "Tessalit"),
    ("French troops pulled out of their last base in Gao on Monday.", "Gao"),
])
def test_the_base_troops_pull_out_of_is_where_they_came_from(
        pipeline: Pipeline, text: str, town: str) -> None:
    event = one_event(pipeline, text, "troop_movement")
    assert roles_of(event) == {town: "origin"}


def test_reinforcements_flown_into_a_town_go_there(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Army reinforcements were flown into Kidal on Saturday.",
                      "troop_movement")
    assert roles_of(event) == {"Kidal": "destination"}


def test_a_rocket_that_landed_near_troops_moves_no_troops(pipeline: Pipeline) -> None:
    layers = [e.layer for e in events_of(pipeline, "A rocket landed near Iraqi troops in "
                                                   "Tikrit on Sunday.")]
    assert "troop_movement" not in layers


@pytest.mark.parametrize("text", [
    "The mission said it had finished the second phase of its troop withdrawal from South "
    "Sudan on Friday.",
    "The pullout of Ugandan soldiers from South Sudan ended on Friday.",
])
def test_a_withdrawal_named_by_its_noun_leaves_the_country(
        pipeline: Pipeline, text: str) -> None:
    event = one_event(pipeline, text, "troop_movement")
    assert roles_of(event) == {"South Sudan": "origin"}


def test_a_base_handed_over_in_a_withdrawal_is_a_transfer(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "UN peacekeepers handed over their base in Bunia to the "
                                "Congolese security forces on Friday as part of a phased withdrawal.",
                      "troop_movement")
    assert event.sub_event_type == "Non-violent transfer of territory"
    assert roles_of(event) == {"Bunia": "location"}


def test_a_sea_that_describes_a_country_is_not_where_troops_went(pipeline: Pipeline) -> None:
    event = one_event(pipeline, "A company of Norwegian soldiers landed in the Baltic state's "
                                "capital Tallinn on Wednesday.", "troop_movement")
    assert roles_of(event) == {"Tallinn": "destination"}


def test_a_name_after_a_compound_adjective_is_where_troops_went_not_where_people_fled(
        pipeline: Pipeline) -> None:
    text = ("As residents fled, the army deployed 3,000 troops to the coca-growing Qorrabamba "
            "region of Colombia on Sunday.")
    found = {e.layer: roles_of(e) for e in events_of(pipeline, text)}
    assert found["troop_movement"].get("Qorrabamba") == "destination"
    assert "Qorrabamba" not in found.get("displacement", {})


def test_the_place_after_from_a_destination_is_where_the_movement_came_from(
        pipeline: Pipeline) -> None:
    event = one_event(pipeline, "Militants have entered the Syrian city of Azaz from Turkey, "
                                "witnesses said on Monday.", "troop_movement")
    assert roles_of(event) == {"Azaz": "destination", "Turkey": "origin"}


def test_forces_arriving_at_an_attack_are_no_movement(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "Militants detonated a car bomb at a wedding hall in Kandahar "
                                 "when security forces arrived, police said.")
    assert [e.layer for e in events] == ["strike"], [(e.layer, e.evidence) for e in events]
    # a withdrawal so timed is still one
    timed = events_of(pipeline, "Four fighters were killed before the rebel forces withdrew "
                                "from Kafr Nabuda.")
    assert {e.layer for e in timed} == {"strike", "troop_movement"}
