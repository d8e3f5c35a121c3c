"""A country named by the adjective of its waters' region ("the Caribbean nation", "the
Pacific nation of Tonga") is no sea: neither an event's place nor the container of a district
the gazetteer lacks."""

from __future__ import annotations

from geo.model import Document
from geo.pipeline import Pipeline
from tests.geo.events.helpers import events_of

SEAS = {"Caribbean Sea", "Pacific Ocean", "Persian Gulf", "Mediterranean Sea", "Baltic Sea"}


def _places(pipeline: Pipeline, text: str) -> set[str]:
    return {name for e in events_of(pipeline, text) for p in e.locations
            for name in (p.name, p.container) if name}


def test_a_caribbean_nation_is_not_the_caribbean_sea(pipeline: Pipeline) -> None:
    text = ("Armed gangs stormed a market in the troubled Caribbean nation's capital on "
            "Sunday, officials said.\nThree traders were killed in attacks by the gang in "
            "the Bolosse district.")
    places = _places(pipeline, text)
    assert "Bolosse" in places
    assert not places & SEAS, places


def test_the_gulf_state_of_qatar_is_qatar(pipeline: Pipeline) -> None:
    text = "Delegates met for talks in the Gulf state of Qatar on Tuesday."
    places = _places(pipeline, text)
    assert "Qatar" in places
    assert not places & SEAS, places


def test_the_sea_itself_stays_a_place(pipeline: Pipeline) -> None:
    text = "Gunmen fired on a fishing boat in the Caribbean on Monday, killing two crew."
    assert "Caribbean Sea" in _places(pipeline, text)


def test_the_geoparser_reads_the_adjective_as_no_place(pipeline: Pipeline) -> None:
    text = ("Aid reached the Pacific nation of Tonga. The Baltic states held a drill in the "
            "Baltic Sea.")
    found = {r.mention.text: r.place.name for r in
             pipeline.process_document(Document("t", text)).resolved if r.place is not None}
    assert "Pacific" not in found and found["Tonga"] == "Tonga"
    # the region's plural and the sea's own name stay as they were
    assert found["Baltic Sea"] == "Baltic Sea" and "Baltic" in found
