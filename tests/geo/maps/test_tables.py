"""Tests of ``geo.maps.tables``: what the app's tables, feed, timeline and captions say, on
events and places made up for these tests."""

from __future__ import annotations

from datetime import date

from gazetteer import FeatureClass, Place
from gazetteer.model import Candidate
from geo.io.dates_meta import BulkRange
from geo.maps.tables import (
    candidate_rows,
    event_rows,
    feed_order,
    feed_rows,
    layer_label,
    mention_label,
    outlier_note,
    place_label,
    timeline_counts,
)
from geo.model import MentionKind
from geo.parse.resolve import Resolved
from geo.parse.toponyms import Mention
from tests.geo.factories import ankara_moscow_call, brussels_meeting, idlib_strike

HOMS = Place("t:homs", "Homs", FeatureClass.CITY, "SY", 34.7268, 36.7234, 775_404)
HOMS_GOV = Place("t:homs-gov", "Homs", FeatureClass.ADMIN1, "SY", 34.5, 37.9)


def test_an_event_row_joins_its_actors_days_and_places() -> None:
    call = ankara_moscow_call(actor1="Erdogan", actor1_country="TR", actor2="Putin",
                              actor2_country="RU", event_date="2024-03-01",
                              end_date="2024-03-02", confidence=0.8125)
    row = event_rows([call]).iloc[0]
    assert row["date"] == "2024-03-01 – 2024-03-02"
    assert row["actors"] == "Erdogan (TR) → Putin (RU)"
    assert row["places"] == "endpoint: Ankara; endpoint: Moscow"
    assert row["confidence"] == 0.81 and row["source"] == "seed" and row["event_id"] == "call"


def test_an_undated_event_without_actors_has_empty_cells() -> None:
    row = event_rows([idlib_strike(event_date=None)]).iloc[0]
    assert (row["date"], row["actors"]) == ("", "")
    assert list(event_rows([]).columns)[:3] == ["date", "layer", "actors"]


def test_the_feed_runs_by_date_with_undated_events_last() -> None:
    old, new = idlib_strike("old", event_date="2024-01-05"), idlib_strike("new")
    undated = brussels_meeting(event_date=None)
    assert [e.event_id for e in feed_order([undated, old, new], True)] == [
        "new", "old", "meeting"]
    assert [e.event_id for e in feed_order([undated, new, old], False)] == [
        "old", "new", "meeting"]


def test_the_feed_shortens_evidence_to_one_line() -> None:
    strike = idlib_strike(evidence="Shells hit\nthe market " + "again " * 40)
    rows = feed_rows([strike, brussels_meeting(event_date=None)], chars=20)
    assert rows.iloc[0]["what"] == "Shells hit the marke…"
    assert rows.iloc[0]["layer"] == "Strikes"
    assert rows.iloc[1]["date"] == "undated"


def test_the_timeline_counts_events_per_day_and_layer() -> None:
    events = [idlib_strike("a"), idlib_strike("b"), brussels_meeting(),
              idlib_strike("c", event_date=None)]
    assert timeline_counts(events) == [
        {"day": "2024-03-01", "layer": "strike", "events": 2},
        {"day": "2024-03-01", "layer": "diplomacy", "events": 1},
    ]


def test_a_name_that_is_no_layer_is_still_readable() -> None:
    assert layer_label("naval_deployment") == "Naval deployments"
    assert layer_label("air_raid") == "Air raid"


def test_a_mentions_labels_name_its_reading_and_candidates() -> None:
    mention = Mention(40, 44, "Homs", MentionKind.TOPONYM, 0, ())
    alternatives = (Candidate(HOMS, 5.89, "name"), Candidate(HOMS_GOV, 6.2, "alt"))
    read = Resolved(mention, HOMS, 0.734, alternatives)
    assert place_label(HOMS) == "Homs (city, SY; 34.73, 36.72) [t:homs]"
    assert mention_label(read) == "Homs @40 → Homs (score 0.73)"
    rows = candidate_rows(read)
    assert list(rows["how"]) == ["current", "alt"]
    assert list(rows["prior"]) == [5.89, 6.2]
    assert list(rows["feature"]) == ["city", "admin1"]


def test_an_unplaced_demonym_says_its_kind() -> None:
    unplaced = Resolved(Mention(0, 6, "Syrian", MentionKind.DEMONYM, 0, ()), None, 0.0, ())
    assert mention_label(unplaced) == "Syrian [demonym] @0 → none (score 0.00)"
    assert candidate_rows(unplaced).empty


def test_outlying_dates_are_listed_then_counted() -> None:
    events = [idlib_strike(f"s{k}", event_date=date(1990 + k, 1, 1).isoformat(),
                           evidence=f"Report {k}.") for k in range(4)]
    bulk = BulkRange(date(2024, 3, 1), date(2024, 3, 9), (0, 1, 2, 3))
    note = outlier_note(events, bulk, listed=2)
    assert note.startswith("4 event(s) dated outside 2024-03-01 – 2024-03-09, far from the "
                           "others: 1990-01-01 (strikes, Report 0.); 1991-01-01 (strikes,")
    assert note.endswith(" and 2 more")
