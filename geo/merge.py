"""Merging events that report the same happening, within an article, across articles, and
between an article and an imported event table (ACLED, GDELT).

Evidence is never dropped: a merged event keeps every sentence that reported it in
``evidence_more``, the most precise date, the most precise places and the numbers any report
gave.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from gazetteer import haversine_km
from geo.model import Event

_PRECISION_RANK = {"hour": 0, "day": 1, "published": 2, "unknown": 3}


#: An imported row (ACLED, GDELT) and an extracted event are one happening when they share a
#: layer, lie this close and are this many days apart at most.
JOIN_KM = 30.0
JOIN_DAYS = 1


def _days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)


def _joins_import(a: Event, b: Event) -> bool:
    """Whether an imported row and an extracted event report the same happening."""
    if a.layer != b.layer:
        return False
    apart = _days_apart(a.event_date, b.event_date)
    if apart is None or apart > JOIN_DAYS:
        return False
    return any(
        haversine_km(p.lat, p.lon, q.lat, q.lon) <= JOIN_KM
        for p in a.locations for q in b.locations
    )


def _same(a: Event, b: Event) -> bool:
    if (a.kind == "import") != (b.kind == "import"):
        return _joins_import(a, b)
    if a.layer != b.layer or a.kind != b.kind:
        return False
    if a.event_date and b.event_date and a.event_date != b.event_date \
            and a.time_precision in {"day", "hour"} and b.time_precision in {"day", "hour"}:
        return False
    if a.layer == "diplomacy" and a.kind == "call":
        return {a.actor1_country, a.actor2_country} == {b.actor1_country, b.actor2_country}
    if a.layer == "strike":
        if a.fatalities and b.fatalities:
            return a.fatalities == b.fatalities and a.actor2_country == b.actor2_country
        if a.doc_id != b.doc_id:
            return False
        return bool(a.actor2_country) and a.actor2_country == b.actor2_country \
            and bool(a.fatalities or b.fatalities)
    ids_a = {(p.role, p.place_id) for p in a.locations}
    ids_b = {(p.role, p.place_id) for p in b.locations}
    if a.layer in {"naval_deployment", "troop_movement"} and a.actor1 and a.actor1 == b.actor1:
        dest_a = {i for r, i in ids_a if r == "destination"}
        dest_b = {i for r, i in ids_b if r == "destination"}
        return bool(dest_a & dest_b) and a.event_date == b.event_date
    if a.layer == "diplomacy":
        return bool({i for _, i in ids_a} & {i for _, i in ids_b}) and a.doc_id == b.doc_id
    return ids_a == ids_b and a.actor1_country == b.actor1_country


def _merge_pair(a: Event, b: Event) -> Event:
    if a.kind == "import" and b.kind != "import":
        a, b = b, a  # the text's event leads; the table row adds its source and numbers
    if b.kind == "import" and a.kind != "import":
        joined = _merge_pair(a, replace(b, kind=a.kind, locations=()))
        return replace(joined, source="; ".join(x for x in (a.source, b.source) if x),
                       source_url=a.source_url or b.source_url)
    first, _second = (a, b) if _PRECISION_RANK.get(a.time_precision, 3) <= \
        _PRECISION_RANK.get(b.time_precision, 3) else (b, a)
    locations = list(a.locations)
    for p in b.locations:
        if all((q.role, q.place_id) != (p.role, p.place_id)
               and (q.role, q.name, q.country) != (p.role, p.name, p.country) for q in locations):
            locations.append(p)
    # A place inside another (Idlib in Syria) makes the wider one redundant for a strike.
    if a.layer == "strike":
        precise = {p.country for p in locations if p.feature != "country"}
        locations = [p for p in locations if not (p.feature == "country" and p.country in precise)]
    evidence_more = tuple(dict.fromkeys(
        [*a.evidence_more, *b.evidence_more, b.evidence if b.evidence != a.evidence else ""]
    ))
    return replace(
        a,
        event_date=first.event_date,
        time_precision=first.time_precision,
        fatalities=a.fatalities if a.fatalities is not None else b.fatalities,
        count=a.count if a.count is not None else b.count,
        actor1=a.actor1 or b.actor1,
        actor1_country=a.actor1_country or b.actor1_country,
        actor2=a.actor2 or b.actor2,
        actor2_country=a.actor2_country or b.actor2_country,
        locations=tuple(locations),
        confidence=round(min(0.95, max(a.confidence, b.confidence) + 0.05), 2),
        evidence_more=tuple(e for e in evidence_more if e),
    )


def merge_events(events: Sequence[Event]) -> list[Event]:
    """Merge events that report the same happening, keeping every evidence sentence."""
    merged: list[Event] = []
    for event in events:
        for k, kept in enumerate(merged):
            if _same(kept, event):
                merged[k] = _merge_pair(kept, event)
                break
        else:
            merged.append(event)
    return merged
