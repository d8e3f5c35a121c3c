"""Merging duplicate reports: distinct happenings stay apart, nothing a report said is lost."""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

from geo.events.merge import (
    MergeReport,
    _Happening,
    merge_events,
    merge_events_report,
)
from geo.model import Event, EventPlace, Feature, Precision, Role
from geo.settings import JOIN_KM, PUBLISHED_LOOKBACK_DAYS
from tests.geo.factories import (
    ALEPPO,
    IDLIB,
    acled_like_rows,
    ankara_moscow_call,
    brussels_meeting,
    country,
    event,
    idlib_strike,
    import_row,
    place,
)

#: Kilometres per degree of latitude.
KM_PER_DEGREE = 111.2


def _total(events: list[Event]) -> int:
    return sum(e.fatalities or 0 for e in events)


def _text_strike(event_id: str, doc_id: str, *, town: tuple[str, float, float] = IDLIB,
                 **fields: object) -> Event:
    """An extracted strike report dated to the day, in ``town``."""
    report: dict[str, object] = {"doc_id": doc_id, "kind": "strike", "time_precision": "day",
                                 "event_date": "2020-02-27",
                                 "evidence": f"Sentence {event_id} of {doc_id}.", **fields}
    return event(event_id, "strike", place("location", *town), **report)


# --------------------------------------------------------------------------- imported rows
def test_distinct_acled_rows_stay_distinct_and_keep_every_death() -> None:
    rows = acled_like_rows(2000)
    shared = Counter((r.event_date, r.fatalities) for r in rows)
    assert max(shared.values()) > 20, "the rows must share days and fatality counts"
    merged, folded = merge_events_report(rows)
    assert (len(merged), folded) == (2000, 0)
    assert _total(merged) == _total(rows) > 0


def test_the_same_row_twice_is_one_event() -> None:
    row = import_row("SYR1", *IDLIB[1:], fatalities=7)
    merged, folded = merge_events_report([row, row])
    assert folded == 1
    (only,) = merged
    assert (only.fatalities, only.fatalities_range, only.source) == (7, None, "ACLED")


def test_a_row_issued_again_with_corrections_is_one_event() -> None:
    lat, lon = IDLIB[1:]
    row = import_row("SYR1", lat, lon, fatalities=7)
    corrected = import_row("SYR1", lat + 3 / KM_PER_DEGREE, lon, fatalities=9, actor2="ISIS")
    (only,) = merge_events([row, corrected])
    assert (only.fatalities, only.fatalities_range) == (7, (7, 9))


def test_one_id_in_two_tables_is_two_rows() -> None:
    here = import_row("SYR1", *IDLIB[1:])
    there = import_row("SYR1", *ALEPPO[1:], doc_id="other.csv")
    assert len(merge_events([here, there])) == 2


def test_rows_of_two_tables_merge_only_at_the_same_spot_day_and_actors() -> None:
    lat, lon = IDLIB[1:]
    first = import_row("A1", lat, lon, "Idlib", fatalities=4, source="SOHR")
    half_km = import_row("B1", lat + 0.5 / KM_PER_DEGREE, lon, "IDLIB", doc_id="b.csv",
                         fatalities=6, source="Anadolu")
    two_km = import_row("B2", lat + 2 / KM_PER_DEGREE, lon, "Idlib", doc_id="b.csv")
    next_village = import_row("B3", lat + 0.5 / KM_PER_DEGREE, lon, "Binnish", doc_id="b.csv")
    other_actor = import_row("B4", lat, lon, "Idlib", doc_id="b.csv", actor2="Civilians")
    next_day = import_row("B5", lat, lon, "Idlib", doc_id="b.csv", event_date=date(2024, 3, 2))
    merged = merge_events([first, half_km, two_km, next_village, other_actor, next_day])
    assert [e.event_id for e in merged] == ["A1", "B2", "B3", "B4", "B5"]
    assert merged[0].source == "SOHR; Anadolu"
    assert merged[0].fatalities_range == (4, 6)


# --------------------------------------------------------------------------- text events
def test_strikes_of_one_day_and_toll_in_two_towns_stay_two() -> None:
    for second_doc in ("a", "b"):
        idlib = _text_strike("s1", "a", fatalities=33, actor2_country="TR")
        aleppo = _text_strike("s2", second_doc, town=ALEPPO, fatalities=33, actor2_country="TR")
        assert len(merge_events([idlib, aleppo])) == 2, second_doc


def test_two_reports_of_one_strike_keep_sentences_sources_and_the_range() -> None:
    first = _text_strike("s1", "a", fatalities=33, source="Reuters", confidence=0.8)
    second = _text_strike("s2", "b", fatalities=35, source="AP", confidence=0.9)
    (merged,) = merge_events([first, second])
    assert merged.evidence == "Sentence s1 of a."
    assert merged.evidence_more == ("Sentence s2 of b.",)
    assert merged.source == "Reuters; AP"
    assert merged.fatalities == 35, "the more confident report's figure"
    assert merged.fatalities_range == (33, 35)


def test_a_place_one_report_calls_the_target_and_another_the_location_is_listed_once() -> None:
    first = _text_strike("s1", "a")
    target = replace(first.locations[0], role=Role.TARGET)
    second = replace(_text_strike("s2", "b"), locations=(target,))
    (merged,) = merge_events([first, second])
    assert [(p.name, p.role) for p in merged.locations] == [("Idlib", "location")]


def test_two_tolls_of_one_article_in_one_region_are_two_attacks() -> None:
    region = replace(place("location", "Velmor", 11.5, 38.0, 3), feature=Feature.ADMIN1,
                     country="ET")
    town = replace(place("location", "Kheret", 11.6, 38.1), country="ET")
    drones = _text_strike("s1", "a", fatalities=100, town=("Velmor", 11.5, 38.0))
    drones = replace(drones, locations=(region, town))
    killings = replace(_text_strike("s2", "a", fatalities=70), locations=(region,), start=200)
    assert len(merge_events([drones, killings])) == 2


def test_the_attack_told_again_in_a_village_of_the_region_is_one() -> None:
    region = replace(place("location", "Velmor", 11.5, 38.0, 3), feature=Feature.ADMIN1,
                     country="ET")
    village = EventPlace(Role.LOCATION, "unplaced:sasit", "Sasit", 11.5, 38.0, Feature.UNPLACED,
                         "ET", Precision.REGION, container="Velmor", mention="Sasit")
    first = replace(_text_strike("s1", "a"), locations=(region,))
    again = replace(_text_strike("s2", "a"), locations=(village,), start=200,
                    evidence="The attack occurred near a town called Sasit.")
    (merged,) = merge_events([first, again])
    assert {p.name for p in merged.locations} == {"Velmor", "Sasit"}


def test_a_separate_attack_in_a_town_of_the_region_stays_apart() -> None:
    region = replace(place("location", "Velmor", 11.5, 38.0, 3), feature=Feature.ADMIN1,
                     country="ET")
    town = replace(place("location", "Chuvor", 11.6, 38.1), country="ET")
    first = replace(_text_strike("s1", "a", fatalities=2), locations=(region,))
    second = replace(_text_strike("s2", "a"), locations=(town, region), start=300,
                     evidence="A separate missile attack on Chuvor, also in Velmor, injured seven.")
    assert len(merge_events([first, second])) == 2


def test_a_meeting_told_in_a_country_and_at_a_venue_in_it_is_one() -> None:
    turkey = country("venue", "Turkey", "TR", 39.0, 35.0)
    palace = replace(place("venue", "Dolmabahce Palace", 41.04, 29.0), country="TR")
    first = event("m1", "diplomacy", turkey, kind="meeting", doc_id="a", start=0,
                  time_precision="day", event_date="2025-05-16")
    second = event("m2", "diplomacy", palace, kind="meeting", doc_id="a", start=200,
                   time_precision="day", event_date="2025-05-16")
    (merged,) = merge_events([first, second])
    assert [p.name for p in merged.locations] == ["Dolmabahce Palace"]


def test_a_report_without_a_figure_leaves_the_figure_and_no_range() -> None:
    (merged,) = merge_events([_text_strike("s1", "a"), _text_strike("s2", "b", fatalities=9)])
    assert (merged.fatalities, merged.fatalities_range) == (9, None)


def test_strikes_of_one_place_on_different_days_stay_two() -> None:
    first = _text_strike("s1", "a")
    later = _text_strike("s2", "b", event_date=date(2020, 2, 28))
    assert len(merge_events([first, later])) == 2


def test_strikes_by_different_sides_stay_two() -> None:
    syrian = _text_strike("s1", "a", actor1_country="SY")
    russian = _text_strike("s2", "b", actor1_country="RU")
    assert len(merge_events([syrian, russian])) == 2


def test_an_attack_by_a_side_and_an_attack_on_it_stay_two() -> None:
    # "the Houthis fired a missile" and "strikes on Houthi targets", in one article
    theirs = _text_strike("s1", "a", actor1="Houthis",
                          sub_event_type="Shelling/artillery/missile attack")
    on_them = _text_strike("s2", "a", actor2="Houthis", sub_event_type="Air/drone strike")
    merged = merge_events([theirs, on_them])
    assert [(e.actor1, e.actor2) for e in merged] == [("Houthis", ""), ("", "Houthis")]


def test_a_clash_told_from_either_side_is_one() -> None:
    one = _text_strike("s1", "a", actor1="Houthis", actor2="Yemeni army",
                       sub_event_type="Armed clash")
    other = _text_strike("s2", "a", actor1="Yemeni army", actor2="Houthis",
                         sub_event_type="Armed clash")
    assert len(merge_events([one, other])) == 1


def test_a_headline_dated_by_its_article_joins_the_strike_of_the_days_before() -> None:
    body = _text_strike("body", "a", event_date=date(2020, 2, 27))
    headline = _text_strike("head", "b", event_date=date(2020, 2, 28), time_precision="published")
    stale_day = date(2020, 2, 28) + timedelta(days=PUBLISHED_LOOKBACK_DAYS + 2)
    stale = _text_strike("stale", "c", event_date=stale_day,
                         time_precision="published")
    merged = merge_events([body, headline, stale])
    assert [e.event_id for e in merged] == ["body", "stale"]


def test_a_strike_in_a_country_joins_one_in_its_town_only_in_the_same_article() -> None:
    syria = country("location", "Syria", "SY", 35.0, 38.0)
    idlib = replace(place("location", *IDLIB), country="SY")
    town = event("town", "strike", idlib, doc_id="a", kind="strike", time_precision="day",
                 fatalities=33)
    same_article = event("wide", "strike", syria, doc_id="a", kind="strike",
                         time_precision="day")
    other_article = event("far", "strike", syria, doc_id="b", kind="strike",
                          time_precision="day")
    merged = merge_events([town, same_article, other_article])
    assert [e.event_id for e in merged] == ["town", "far"]
    assert [p.name for p in merged[0].locations] == ["Idlib"], "Syria is redundant"


def test_two_attacks_of_one_article_keep_their_own_places() -> None:
    # "killed 12 civilians in northern Syria over the weekend" ... "militants attacked a post
    # in Idlib": the second is another attack, in a town of the country
    syria = country("location", "Syria", "SY", 35.0, 38.0)
    idlib = replace(place("location", *IDLIB), country="SY")
    weekend = event("weekend", "strike", syria, doc_id="a", kind="strike",
                    time_precision="published", fatalities=12)
    post = event("post", "strike", idlib, doc_id="a", kind="strike", time_precision="published")
    merged = merge_events([weekend, post])
    assert [(e.event_id, [p.name for p in e.locations], e.fatalities) for e in merged] == [
        ("weekend", ["Syria"], 12), ("post", ["Idlib"], None)]
    # the same attack told again, in its town, on the day the first report gives: one event
    told_again = replace(post, event_id="again", time_precision="day", event_date=date(2020, 2, 27))
    dated = replace(weekend, time_precision="day", event_date=date(2020, 2, 27))
    assert [e.event_id for e in merge_events([dated, told_again])] == ["weekend"]


def test_two_tolls_of_one_article_in_one_country_are_two_attacks() -> None:
    syria = country("location", "Syria", "SY", 35.0, 38.0)
    first = event("first", "strike", syria, doc_id="a", kind="strike", fatalities=12)
    second = event("second", "strike", syria, doc_id="a", kind="strike", fatalities=4)
    assert [e.fatalities for e in merge_events([first, second])] == [12, 4]
    town = replace(place("location", *IDLIB), country="SY")
    idlib_12, idlib_4 = (replace(e, locations=(town,)) for e in (first, second))
    merged = merge_events([idlib_12, idlib_4])
    assert len(merged) == 1 and merged[0].fatalities_range == (4, 12), "one town: a toll revised"


def test_calls_between_the_same_two_countries_on_one_day_merge() -> None:
    first = ankara_moscow_call("c1", actor1_country="TR", actor2_country="RU",
                               time_precision="day", doc_id="a")
    other_seats = event("c2", "diplomacy", place("endpoint", "Sochi", 43.6, 39.73),
                        place("endpoint", "Istanbul", 41.01, 28.98), kind="call",
                        actor1_country="RU", actor2_country="TR", time_precision="day",
                        doc_id="b")
    next_week = ankara_moscow_call("c3", actor1_country="TR", actor2_country="RU",
                                   time_precision="day", doc_id="c", event_date=date(2024, 3, 8))
    merged = merge_events([first, other_seats, next_week])
    assert [e.event_id for e in merged] == ["c1", "c3"]


def test_meetings_in_one_capital_across_articles_need_a_day_from_the_text() -> None:
    dated = brussels_meeting("m1", doc_id="a", time_precision="day")
    undated = brussels_meeting("m2", doc_id="b", time_precision="published")
    another = brussels_meeting("m3", doc_id="c", time_precision="published")
    merged = merge_events([undated, another, dated])
    assert [e.event_id for e in merged] == ["m2", "m3"]
    assert merged[0].evidence_more == ("Evidence of m1.",)


# --------------------------------------------------------------------------- rows and texts
def test_an_imported_row_joins_the_text_event_at_its_place_and_day() -> None:
    text = _text_strike("text", "a", fatalities=33, confidence=0.95, source="Reuters")
    lat, lon = IDLIB[1:]
    row = import_row("SYR9", lat + 5 / KM_PER_DEGREE, lon, event_date=date(2020, 2, 27),
                     fatalities=34, source="SOHR")
    far = import_row("SYR10", lat + 2 * JOIN_KM / KM_PER_DEGREE, lon, event_date=date(2020, 2, 27))
    for events in ([text, row, far], [row, text, far]):
        merged = merge_events(events)
        assert len(merged) == 2
        joined = next(e for e in merged if e.kind != "import")
        assert joined.event_id == "text", "the text's event leads"
        assert set(joined.source.split("; ")) == {"Reuters", "SOHR"}
        assert "Notes of SYR9." in joined.evidence_more
        assert joined.fatalities == 34, "the imported table's figure"
        assert joined.fatalities_range == (33, 34)
        assert [p.name for p in joined.locations] == ["Idlib"]


def test_a_text_event_takes_one_row_of_a_table_and_leaves_the_others_distinct() -> None:
    text = _text_strike("text", "a", fatalities=None)
    lat, lon = IDLIB[1:]
    first = import_row("SYR1", lat, lon, event_date=date(2020, 2, 27), fatalities=5)
    second = import_row("SYR2", lat + 10 / KM_PER_DEGREE, lon, event_date=date(2020, 2, 27),
                        actor2="Civilians", fatalities=8)
    gdelt = import_row("911", lat, lon, event_date=date(2020, 2, 27), doc_id="gdelt.tsv",
                       source="GDELT", fatalities=None, confidence=0.7)
    copy = import_row("SYR1", lat, lon, event_date=date(2020, 2, 27), fatalities=5)
    merged, folded = merge_events_report([text, first, second, gdelt, copy])
    assert [e.event_id for e in merged] == ["text", "SYR2"]
    assert folded == 3
    assert merged[0].source == "ACLED; GDELT"
    assert _total(merged) == 5 + 8


# --------------------------------------------------------------------------- order, API, JSON
def test_order_of_first_appearance_is_kept() -> None:
    events = [
        _text_strike("s1", "a"),
        import_row("r1", *ALEPPO[1:], event_date=date(2020, 3, 15)),
        brussels_meeting("m1", doc_id="a"),
        _text_strike("s2", "b"),
        import_row("r1", *ALEPPO[1:], event_date=date(2020, 3, 15)),
        _text_strike("s3", "c", town=ALEPPO),
    ]
    merged = merge_events(events)
    assert [e.event_id for e in merged] == ["s1", "r1", "m1", "s3"]
    assert merge_events(events) == merged


def test_the_report_counts_the_folded_events() -> None:
    events = [idlib_strike("s1", doc_id="a"), idlib_strike("s2", doc_id="b"),
              idlib_strike("s3", doc_id="c", event_date=date(2024, 5, 1))]
    report = merge_events_report(events)
    assert isinstance(report, MergeReport)
    assert (len(report.events), report.merged) == (2, 1)
    assert report.events == merge_events(events)


def test_events_re_exports_the_merge() -> None:
    from geo.events import merge_events as reexported

    assert reexported is merge_events


def test_a_merged_event_is_json() -> None:
    (merged,) = merge_events([_text_strike("s1", "a", fatalities=1),
                              _text_strike("s2", "b", fatalities=3)])
    out = json.loads(json.dumps(merged.as_dict()))
    assert out["fatalities_range"] == [1, 3]
    assert json.loads(json.dumps(_text_strike("s3", "c").as_dict()))["fatalities_range"] is None


# --------------------------------------------------------------------------- blocking
def _pairwise(events: list[Event]) -> list[Event]:
    """The merge without blocks: every event against every kept one."""
    kept: list[_Happening] = []
    for e in events:
        k = next((k for k, h in enumerate(kept) if h.accepts(e)), None)
        if k is None:
            kept.append(_Happening.of(e))
        else:
            kept[k] = kept[k].absorb(e)
    return [h.event for h in kept]


def _random_mix(rng: random.Random, n: int) -> list[Event]:
    """Rows and text events over few places, days, kinds and articles: many merges."""
    towns = [IDLIB, ALEPPO, ("Saraqeb", 35.86, 36.8), ("Ariha", 35.81, 36.61)]
    out: list[Event] = []
    for k in range(n):
        town = rng.choice(towns)
        day = f"2020-02-{rng.randint(20, 28)}"
        if rng.random() < 0.4:
            lat, lon = town[1:]
            if rng.random() < 0.5:  # far enough from the town to fall in other cells
                lat, lon = lat + rng.uniform(-0.4, 0.4), lon + rng.uniform(-0.4, 0.4)
            elif rng.random() < 0.5:
                lat += 0.004
            out.append(import_row(f"r{rng.randint(0, n // 3)}", lat, lon, event_date=day,
                                  doc_id=rng.choice(["a.csv", "b.csv"]),
                                  actor2=rng.choice(["HTS", "Civilians"]),
                                  fatalities=rng.choice([None, 1, 2])))
            continue
        precision = rng.choice(["day", "published", "hour"])
        out.append(event(f"t{k}", rng.choice(["strike", "displacement"]),
                         place(rng.choice(["location", "origin"]), *town),
                         doc_id=rng.choice("abcdef"), kind="k", event_date=day,
                         time_precision=precision, fatalities=rng.choice([None, 3, 4]),
                         actor1_country=rng.choice(["", "SY", "RU"]),
                         evidence=f"Sentence {k}."))
    return out


def test_blocks_find_every_pair_the_rules_join() -> None:
    rng = random.Random(7)
    for _ in range(30):
        events = _random_mix(rng, 120)
        blocked, pairwise = merge_events(events), _pairwise(events)
        assert len(blocked) < len(events), "the mix must merge"
        assert blocked == pairwise


# --------------------------------------------------------------------------- transits
BOSPHORUS = ("Bosphorus", 41.12, 29.07)
DARDANELLES = ("Dardanelles", 40.2, 26.4)


def _transit(event_id: str, strait: tuple[str, float, float], **fields: object) -> Event:
    report: dict[str, object] = {"doc_id": "article", "kind": "deployment",
                                 "actor1": "Russian Navy", "event_date": "2020-02-27",
                                 "time_precision": "published", **fields}
    return event(event_id, "naval_deployment", place("via", *strait), **report)


def test_a_transit_told_twice_in_an_article_is_one_event() -> None:
    headline = _transit("headline", BOSPHORUS)
    dated = _transit("dated", BOSPHORUS, event_date="2020-02-26", time_precision="day")
    (only,) = merge_events([headline, dated])
    assert only.event_date == date(2020, 2, 26)


def test_transits_of_other_straits_or_other_days_stay_apart() -> None:
    assert len(merge_events([_transit("a", BOSPHORUS), _transit("b", DARDANELLES)])) == 2
    first = _transit("a", BOSPHORUS, event_date="2020-02-20", time_precision="day")
    again = _transit("b", BOSPHORUS, event_date="2020-02-26", time_precision="day")
    assert len(merge_events([first, again])) == 2
