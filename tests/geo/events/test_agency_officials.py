"""Agency wording about officials, in sentences written for these tests: an official's arrest
that names only the country whose state made it, and delegations travelling to talks."""

from __future__ import annotations

import pytest

from geo.pipeline import Pipeline
from tests.geo.events.helpers import events_of, one_event


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


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
