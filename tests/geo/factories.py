"""Hand-built events for the map and export tests: fresh frozen dataclasses on every call.

Each scenario factory places a known story on the map (the frigate Admiral Makarov's voyage, the
Ankara–Moscow call, the Idlib strike...) and takes any :class:`~geo.model.Event` field as a
keyword, so a test states only what it cares about. :func:`every_layer` gives one event of each.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date, timedelta

from geo.model import Event, EventPlace, Feature, Layer, Precision, Role, TimePrecision


def place(role: str, name: str, lat: float, lon: float, precision: int = 1) -> EventPlace:
    """A place in a role."""
    return EventPlace(Role(role), f"t:{name}", name, lat, lon, Feature.CITY, "",
                      Precision(precision))


def country(role: str, name: str, code: str, lat: float, lon: float) -> EventPlace:
    """A whole country in a role (``feature="country"``, ISO ``code``)."""
    return EventPlace(Role(role), f"t:{name}", name, lat, lon, Feature.COUNTRY, code,
                      Precision.REGION)


def event(event_id: str, layer: str, *places: EventPlace, **fields: object) -> Event:
    """An event with defaults for the fields a test does not care about."""
    base: dict[str, object] = {
        "event_date": "2024-03-01",
        "event_type": "Test",
        "evidence": f"Evidence of {event_id}.",
        "doc_id": "seed",
        "start": 0,
        "end": 10,
    }
    base.update(fields)
    for day in ("event_date", "end_date"):  # tests write days as YYYY-MM-DD
        if isinstance(base.get(day), str):
            base[day] = date.fromisoformat(str(base[day]))
    if isinstance(base.get("time_precision"), str):
        base["time_precision"] = TimePrecision(base["time_precision"])
    return Event(event_id=event_id, layer=Layer(layer), locations=places, **base)  # type: ignore[arg-type]


#: ``(name, lat, lon)`` of the places in the scenarios.
SEVASTOPOL = ("Sevastopol", 44.62, 33.53)
BOSPHORUS = ("Bosphorus", 41.12, 29.07)
MEDITERRANEAN = ("Mediterranean Sea", 35.0, 18.0)
BELGOROD = ("Belgorod", 50.6, 36.59)
KHARKIV = ("Kharkiv", 49.99, 36.23)
ANKARA = ("Ankara", 39.92, 32.85)
MOSCOW = ("Moscow", 55.75, 37.62)
BRUSSELS = ("Brussels", 50.85, 4.35)
IDLIB = ("Idlib", 35.93, 36.63)
ALEPPO = ("Aleppo", 36.2, 37.16)
GAZIANTEP = ("Gaziantep", 37.07, 37.38)


def sevastopol_voyage(event_id: str = "naval", *, sea_precision: int = 1, **fields: object) -> Event:
    """The frigate Admiral Makarov's track: Sevastopol, through the Bosphorus, to the Mediterranean.

    ``sea_precision`` is the geo precision of the strait and the sea (the origin's is 1).
    """
    track = (
        place("origin", *SEVASTOPOL),
        place("via", *BOSPHORUS, sea_precision),
        place("destination", *MEDITERRANEAN, sea_precision),
    )
    return event(event_id, "naval_deployment", *track, **fields)


def belgorod_kharkiv_troops(event_id: str = "troops", **fields: object) -> Event:
    """Troops moving from Belgorod to Kharkiv."""
    move = place("origin", *BELGOROD), place("destination", *KHARKIV)
    return event(event_id, "troop_movement", *move, **fields)


def ankara_moscow_call(event_id: str = "call", **fields: object) -> Event:
    """A phone call between Ankara and Moscow (``kind="call"``)."""
    seats = place("endpoint", *ANKARA), place("endpoint", *MOSCOW)
    return event(event_id, "diplomacy", *seats, **{"kind": "call", **fields})


def brussels_meeting(event_id: str = "meeting", **fields: object) -> Event:
    """A meeting at a venue in Brussels (``kind="meeting"``)."""
    venue = place("venue", *BRUSSELS)
    return event(event_id, "diplomacy", venue, **{"kind": "meeting", **fields})


def idlib_strike(event_id: str = "strike", *, role: str = "location", **fields: object) -> Event:
    """A strike on Idlib, 33 killed unless ``fatalities`` says otherwise."""
    target = place(role, *IDLIB)
    return event(event_id, "strike", target, **{"fatalities": 33, **fields})


def aleppo_gaziantep_refugees(event_id: str = "refugees", **fields: object) -> Event:
    """People displaced from Aleppo to Gaziantep."""
    flight = place("origin", *ALEPPO), place("destination", *GAZIANTEP)
    return event(event_id, "displacement", *flight, **fields)


_EVERY_LAYER = {
    "naval": sevastopol_voyage,
    "troops": belgorod_kharkiv_troops,
    "call": ankara_moscow_call,
    "meeting": brussels_meeting,
    "strike": idlib_strike,
    "refugees": aleppo_gaziantep_refugees,
}


def every_layer(**overrides: Mapping[str, object]) -> list[Event]:
    """One event of each scenario, ids ``naval, troops, call, meeting, strike, refugees``.

    ``overrides`` maps an id to the fields to set on that event, e.g.
    ``every_layer(troops={"event_date": "2024-03-05"})``.
    """
    unknown = set(overrides) - set(_EVERY_LAYER)
    if unknown:
        raise ValueError(f"no such event: {sorted(unknown)}")
    return [make(event_id, **overrides.get(event_id, {})) for event_id, make in _EVERY_LAYER.items()]


def import_row(event_id: str, lat: float, lon: float, location: str = "", **fields: object
               ) -> Event:
    """An imported ACLED row at ``(lat, lon)`` named ``location``, as :mod:`geo.io.records` reads
    it: a strike (``kind="import"``, dated to the day) from ``acled.csv`` unless ``fields`` say
    otherwise."""
    spot = EventPlace(Role.LOCATION, f"import:{lat:.5f},{lon:.5f}", location or "?", lat, lon,
                      Feature.CITY, "SY", Precision.TOWN, mention=location)
    row: dict[str, object] = {
        "kind": "import",
        "time_precision": "day",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "doc_id": "acled.csv",
        "evidence": f"Notes of {event_id}.",
        "end": 0,
        "source": "ACLED",
        "confidence": 0.9,
        "actor1": "Military Forces of Syria",
        "actor2": "HTS",
        "fatalities": 0,
        **fields,
    }
    layer = str(row.pop("layer", "strike"))
    return event(event_id, layer, spot, **row)


#: Actor pairs of :func:`acled_like_rows`.
ACLED_ACTORS = (
    ("Military Forces of Syria", "HTS"),
    ("Military Forces of Syria", "Civilians"),
    ("Military Forces of Russia", "HTS"),
    ("Military Forces of Turkey", "Military Forces of Syria"),
    ("Unidentified Armed Group", "Civilians"),
)
#: Sites of :func:`acled_like_rows`: a grid over north-west Syria, neighbours 2 km apart.
ACLED_GRID = 60
ACLED_LAT_STEP = 0.018
ACLED_LON_STEP = 0.022
#: Days and fatality counts of :func:`acled_like_rows`: few, so that many rows share them.
ACLED_DAYS = 30
ACLED_FATALITIES = (0, 0, 0, 1, 2, 3, 5, 10)


def acled_like_rows(n: int, seed: int = 13, days: int = ACLED_DAYS) -> list[Event]:
    """``n`` distinct ACLED-like rows over ``days`` days: each a different (day, site, actors),
    but many share the day, the site, the actors or the fatality count, and neighbouring sites
    lie 2 km apart."""
    rng = random.Random(seed)
    sites = ACLED_GRID * ACLED_GRID
    combos = rng.sample(range(days * sites * len(ACLED_ACTORS)), n)
    first_day = date(2020, 2, 1)
    rows = []
    for k, combo in enumerate(combos):
        day, rest = divmod(combo, sites * len(ACLED_ACTORS))
        site, actors = divmod(rest, len(ACLED_ACTORS))
        row, column = divmod(site, ACLED_GRID)
        rows.append(import_row(
            f"SYR{k}", 35.0 + row * ACLED_LAT_STEP, 36.0 + column * ACLED_LON_STEP,
            f"Site {row}-{column}",
            event_date=(first_day + timedelta(days=day)).isoformat(),
            actor1=ACLED_ACTORS[actors][0], actor2=ACLED_ACTORS[actors][1],
            fatalities=rng.choice(ACLED_FATALITIES)))
    return rows
