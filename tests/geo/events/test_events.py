"""Event extraction: the seed acceptance events, dates, numbers, merging."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from geo.dates import format_day
from geo.events import count_in, fatalities_in
from geo.events.dates import resolve_date
from geo.model import Document, Event
from geo.pipeline import Pipeline, load_sample_corpus
from tests.conftest import seed_text

SEEDS = ["000_2ab1a804b087461b.txt", "003_2ef57aef272100d7.txt"]


def _names(event: Event, role: str) -> set[str]:
    return {p.name for p in event.locations if p.role == role} | {
        p.mention for p in event.locations if p.role == role and p.mention}


def _matches(event: Event, want: dict[str, Any]) -> bool:
    if event.layer != want["layer"]:
        return False
    if "kind" in want and event.kind != want["kind"]:
        return False
    if "evidence_contains" in want and not any(
            want["evidence_contains"] in e for e in (event.evidence, *event.evidence_more)):
        return False
    if "actor_country" in want and event.actor1_country != want["actor_country"]:
        return False
    if "actor_countries" in want and {event.actor1_country, event.actor2_country} != set(
            want["actor_countries"]):
        return False
    if "target_country" in want and event.actor2_country != want["target_country"]:
        return False
    for role, key in (("via", "via"), ("destination", "destination"), ("venue", "venue"),
                      ("location", "location"), ("endpoint", "endpoints")):
        if key in want and not set(want[key]) <= _names(event, role):
            return False
    for role, key in (("destination", "destination_any"), ("origin", "origin_any"),
                      ("location", "location_any")):
        if key in want and not set(want[key]) & _names(event, role):
            return False
    if "fatalities" in want and event.fatalities != want["fatalities"]:
        return False
    return not ("date" in want and format_day(event.event_date) != want["date"])


@pytest.mark.parametrize("name", SEEDS)
def test_seed_events(pipeline: Pipeline, acceptance: dict[str, Any], name: str) -> None:
    spec = acceptance["documents"][name]
    doc = Document(name, seed_text(name), published=date.fromisoformat(spec["published"]))
    result = pipeline.process([doc])
    for want in spec["events"]:
        assert any(_matches(e, want) for e in result.events), want


@pytest.mark.parametrize("name", SEEDS)
def test_events_are_placed_only_where_the_text_says(pipeline: Pipeline, name: str) -> None:
    text = seed_text(name)
    result = pipeline.process([Document(name, text, published=date(2020, 2, 28))])
    assert result.events
    for event in result.events:
        assert text[event.start : event.end] == event.evidence
        for place in event.locations:
            assert (place.lat, place.lon) != (0.0, 0.0)
            # From the text, at its offsets; else implied: an actor's seat or a fleet's home port.
            from_text = place.start is not None and place.end is not None
            assert (from_text and text[place.start : place.end] == place.mention) or (
                not from_text and place.role in {"endpoint", "origin"}), place


def test_no_event_without_a_trigger(pipeline: Pipeline) -> None:
    doc = Document("x", "Brussels and Ankara are capitals. Idlib lies in Syria.", published=date(2020, 2, 28))
    assert pipeline.process([doc]).events == ()


def test_naval_track_starts_at_the_fleet_home_port(pipeline: Pipeline) -> None:
    doc = Document("n", "Russia's Black Sea Fleet sent two frigates to the eastern Mediterranean "
                   "on Tuesday.", published=date(2020, 2, 28))
    (event,) = [e for e in pipeline.process([doc]).events if e.layer == "naval_deployment"]
    assert next(p.role for p in event.locations) == "origin"
    assert event.locations[0].name == "Sevastopol"
    assert event.count == 2 and event.event_date == date(2020, 2, 25)


def test_dates_numbers() -> None:
    assert resolve_date("killed on Thursday", date(2020, 2, 28)).day == date(2020, 2, 27)
    assert resolve_date("on 5 March", date(2020, 3, 6)).day == date(2020, 3, 5)
    assert resolve_date("nothing here", date(2020, 2, 28)).precision == "published"
    assert fatalities_in("at least 33 Turkish soldiers were killed")[0] == 33
    assert fatalities_in("an attack killed at least 33 soldiers")[0] == 33
    assert count_in("sending two warships equipped with missiles", "warships") == 2


def test_sample_corpus_loads_and_gives_every_layer(pipeline: Pipeline) -> None:
    docs = load_sample_corpus()
    assert 8 <= len(docs) <= 15 and all(d.published for d in docs)
    layers = {e.layer for e in pipeline.process(docs).events}
    # the protest layer: police firing tear gas at the crowd at the border
    assert layers == {"troop_movement", "naval_deployment", "diplomacy", "strike", "displacement",
                      "protest"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Louis Jensen, 87, of Williston, was killed in a traffic accident in Fargo on Monday.",
        "Jones fled on foot when officers arrived in Dallas.",
        "A public meeting will be held at 4 p.m. on Tuesday at the town hall in Lexington.",
        "Tragedy struck the family in Boston last year.",
        "Strong winds toppled 13 vehicles in central Kansas as a storm system moved into Kansas.",
        "The building in Buffalo was evacuated after a gas leak.",
    ],
)
def test_ordinary_news_gives_no_conflict_event(pipeline: Pipeline, sentence: str) -> None:
    doc = Document("n", sentence, published=date(2009, 3, 2))
    assert pipeline.process([doc]).events == ()


@pytest.mark.parametrize(
    ("sentence", "layer"),
    [
        ("Turkish artillery shelled Syrian army positions near Saraqeb on Monday.", "strike"),
        ("Greece sent army reinforcements to the Evros river on Monday.", "troop_movement"),
        ("Thousands of refugees fled from Idlib towards the Turkish border.", "displacement"),
        ("Foreign ministers met in Zagreb on Friday to discuss the truce.", "diplomacy"),
    ],
)
def test_conflict_news_gives_its_event(pipeline: Pipeline, sentence: str, layer: str) -> None:
    doc = Document("c", sentence, published=date(2020, 3, 2))
    assert layer in {e.layer for e in pipeline.process([doc]).events}


def test_a_clock_time_sharpens_the_event_to_the_hour(pipeline: Pipeline) -> None:
    doc = Document("t", "Syrian jets bombed Saraqeb at 5:30 p.m. on Tuesday.", published=date(2020, 2, 5))
    (event,) = pipeline.process([doc]).events
    assert (event.event_date, event.time_precision) == (date(2020, 2, 4), "hour")


def test_a_past_year_dates_only_its_own_clause(pipeline: Pipeline) -> None:
    history = Document("h", "Turkey first sent troops into Syria in 2016.", published=date(2020, 2, 28))
    (event,) = pipeline.process([history]).events
    assert event.event_date == date(2016, 1, 1)
    now = Document("c", "Turkish troops crossed into Idlib, towards the observation posts "
                   "that Turkey set up in 2017.", published=date(2020, 2, 11))
    (event,) = pipeline.process([now]).events
    assert event.event_date == date(2020, 2, 11)
