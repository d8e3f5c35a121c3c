"""Agency wording about ships, in sentences written for these tests: a port named with the
sea it lies on."""

from __future__ import annotations

import pytest

from geo.pipeline import Pipeline
from tests.geo.events.helpers import one_event, roles_of


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


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
