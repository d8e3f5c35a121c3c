"""Tests of ``geo.filters``: the app's and the CLI's event filter."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from geo.filters import EventFilter, bulk_filter, parse_day
from tests.geo.factories import every_layer, idlib_strike

EVENTS = every_layer(troops={"event_date": "2024-03-05"}, strike={"event_date": "2024-03-07"})


def test_defaults_keep_everything() -> None:
    assert EventFilter().apply(EVENTS) == EVENTS


def test_layers_confidence_and_countries() -> None:
    assert {e.layer for e in EventFilter(layers=("strike",)).apply(EVENTS)} == {"strike"}
    low = replace(EVENTS[0], confidence=0.2)
    assert EventFilter(min_confidence=0.5).apply([low]) == []
    russian = replace(EVENTS[1], actor2_country="RU")
    mixed = [EVENTS[0], russian, EVENTS[2]]
    assert EventFilter(countries=("RU",)).apply(mixed) == [russian]


def test_date_range_overlaps_and_undated_events() -> None:
    undated = replace(EVENTS[0], event_date=None, end_date=None)
    spanning = replace(EVENTS[0], event_date=date(2024, 3, 1), end_date=date(2024, 3, 10))
    window = EventFilter(start=date(2024, 3, 6), end=date(2024, 3, 8))
    assert window.keep(spanning)
    assert not window.keep(replace(spanning, end_date=date(2024, 3, 5)))
    assert window.keep(undated)
    assert not replace(window, keep_undated=False).keep(undated)


def test_parse_day() -> None:
    assert parse_day("2024-03-05T10:00") == date(2024, 3, 5)
    assert parse_day("5 March") is None and parse_day(None) is None


def test_the_bulk_filter_leaves_out_a_misread_year_and_keeps_the_rest() -> None:
    events = [idlib_strike(f"s{k}", event_date=f"2024-03-{1 + k % 20:02d}") for k in range(30)]
    misread = idlib_strike("old", event_date="1924-03-05")
    undated = idlib_strike("undated", event_date=None)
    chosen = bulk_filter([*events, misread, undated])
    assert (chosen.start, chosen.end) == (date(2024, 3, 1), date(2024, 3, 20))
    kept = [e.event_id for e in [*events, misread, undated] if chosen.keep(e)]
    assert kept == [*(e.event_id for e in events), "undated"]
    assert bulk_filter([undated]) == EventFilter()
