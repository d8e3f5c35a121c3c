"""Linked candidates to event places: a gazetteer place as it is; a name the gazetteer lacks
keeps its mention and offsets and borrows the coordinates of the best container the text gives
(the nearest placed name of its sentence, else of the sentences just before), with ACLED's
geo precision 2 (near a town, or in a part of a region: "in southern Lebanon") or 3 (in a
region or country). A name with no container at all is kept apart, unplaced, for a correction
to place.

The words around a placed name also count: "170 km southeast of Aden" is a point that far
from Aden (``offset:`` id, Aden its container, precision 2 within 50 km, else 3); "near" or
"outside" a town is precision 2; a name framed by a region that does not hold the gazetteer's
place ("Boma, in Lac province", where the only Boma is in Congo) is a place the gazetteer
lacks, at the region.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from pyproj import Geod

from gazetteer import FeatureClass, Place
from geo.events.candidates import SETTLEMENT_NOUNS, Candidate
from geo.events.stage import LearnedEvent
from geo.model import EventPlace, Feature, Precision, Role
from geo.parse.resolve import Resolved
from geo.parse.toponyms import KIND_DEMONYM, KIND_ORGANISATION
from geo.settings import CONTAINER_SENTENCES, NEAR_KM
from geo.settings import OFFSET_LOOKBACK_CHARS as _LOOKBACK

#: ``place_id`` prefix of a place the gazetteer lacks.
UNPLACED_PREFIX = "unplaced:"
#: Feature class given to a place the gazetteer lacks.
UNPLACED_FEATURE = Feature.UNPLACED
#: Container features whose name puts a place near a town (ACLED precision 2); the others
#: (regions, countries, seas) give precision 3.
#: Regions inside a country that hold a place the gazetteer lacks more tightly than it.
_REGION_FEATURES = frozenset({FeatureClass.ADMIN1, FeatureClass.ADMIN2, FeatureClass.REGION})
TOWN_FEATURES = frozenset({FeatureClass.CITY, FeatureClass.PORT, FeatureClass.BASE,
                           FeatureClass.VENUE, FeatureClass.SEAT})
#: ``place_id`` prefix of a point given as a distance and bearing from a gazetteer place.
OFFSET_PREFIX = "offset:"
#: Kilometres per unit of distance.
UNITS_KM = {"km": 1.0, "kms": 1.0, "kilometres": 1.0, "kilometers": 1.0, "kilometre": 1.0,
            "kilometer": 1.0, "miles": 1.609344, "mile": 1.609344, "mi": 1.609344,
            "nautical miles": 1.852, "nautical mile": 1.852, "nm": 1.852}
#: Bearings of compass words, degrees clockwise from north.
BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
            "southwest": 225.0, "west": 270.0, "northwest": 315.0}
#: Earth radius for offsets, km.
#: Lower-case words between an offset or a cue and the place ("of Yemen's port of Aden").
_GAP = r"(?:(?:[a-z\-]+|[A-Z][\w\-]*['’]s)\s+){0,4}?"
#: "170 km southeast of", "some 40 kilometres (25 miles) north-west of the", "12 km from"
#: before a place.
_OFFSET = re.compile(
    r"(?<![\w.,])(\d{1,5}(?:[.,]\d+)?)\s*-?\s*(?i:(km|kms|kilomet(?:re|er)s?|miles?|mi|"
    r"nautical miles?|nm))\b(?:\s*\([^)]{0,30}\))?\s+(?i:(?:to\s+the\s+)?"
    r"(north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of|from|off|"
    r"outside(?:\s+of)?|away\s+from)\s+" + _GAP + r"$")
#: "near", "outside the border town of", "on the outskirts of", "off" (at sea): by a town,
#: not in it.
_NEAR = re.compile(r"\b(?i:near|nearby|outside|close\s+to|outskirts\s+of|vicinity\s+of|"
                   r"edge\s+of|off)\s+(?:the\s+)?(?:(?:[a-z\-]+\s+){0,3}of\s+)?$")
#: Words one of which :data:`_NEAR` needs (a cheap look first).
_NEAR_WORDS = ("near", "outside", "close", "outskirts", "vicinity", "edge", "off")
_DIGIT = re.compile(r"\d")
_COMPASS = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
#: "southern Lebanon", "the north of Syria", "central Mali": a part of the container, not all
#: of it (lower case: "North Korea" is a name).
_PART = re.compile(r"\b(?:" + _COMPASS + r"ern|central|(?:the\s+)?" + _COMPASS
                   + r"\s+of)\s+(?:the\s+)?$")
#: Between a name and the region that frames it: "Boma, in Lac", "Boma in the Lac", and a
#: part of the region: "Banjska in the north of Kosovo", "Boma, in northern Lac".
_FRAMED = re.compile(r"^\s*,?\s*(?:in|of)\s+(?:the\s+)?(?:" + _COMPASS + r"ern\s+|central\s+|"
                     + _COMPASS + r"\s+of\s+(?:the\s+)?)?$")
#: Only a comma between a name and a region after it ("Banjska, Leposavic").
_APPOSED = re.compile(r"^\s*,\s*$")
#: What follows a name that is one of a list: "and", "or", or another name and a comma or
#: "and" ("Damascus, Turkey and Russia", "Aleppo, Hatay, Idlib").
_LISTED = re.compile(r"\s*(?:and\b|or\b|,\s*(?:[A-Z][\w'’-]*\s*)+(?:,|and\b|or\b))")
#: Capitalised words between "the" and an unknown name ("the Second Thomas Shoal").
_LEADING = re.compile(r"\bthe\s+((?:[A-Z][\w’']*(?:-[A-Z0-9][\w’']*)*\s+){1,2})$")
#: Last words of the unknown names that a linked place right after them frames: features
#: at sea or in the open, which the linker tends to pass over for the sea or region.
FRAMED_NOUNS = frozenset({"shoal", "shoals", "reef", "reefs", "atoll", "cay", "island",
                          "islands", "islet", "rock", "rocks", "camp", "village",
                          "oasis", "valley", "ridge", "hill", "mountain", "plateau"})
#: Gazetteer features that frame a town.
REGION_FEATURES = frozenset({FeatureClass.ADMIN1, FeatureClass.ADMIN2, FeatureClass.COUNTRY,
                             FeatureClass.REGION})
#: Days and months after a name ("marched in Ouagadougou Saturday"): the date, no part of the
#: name ("May" is left out: it is a name too).
_CALENDAR_TAIL = re.compile(
    r"(?:\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
    r"March|April|June|July|August|September|October|November|December))+$")
#: Distances and bearings on the WGS84 ellipsoid (offset points).
_GEOD = Geod(ellps="WGS84")


def event_place(r: Resolved, role: Role) -> EventPlace:
    """The event place of a resolved mention."""
    if r.place is None:
        raise ValueError(f"{r.mention.text!r} has no place")
    return EventPlace.from_place(r.place, role, start=r.mention.start, end=r.mention.end,
                                 mention=r.mention.text)


def offset_point(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point ``km`` from ``(lat, lon)`` on ``bearing`` (degrees from north), on the
    WGS84 ellipsoid."""
    to_lon, to_lat, _ = _GEOD.fwd(lon, lat, bearing, km * 1000.0)
    return round(to_lat, 5), round((to_lon + 540.0) % 360.0 - 180.0, 5)


def _offset_place(r: Resolved, place: Place, role: Role, before: str) -> EventPlace | None:
    """"170 km southeast of Aden": the point that far from the place, or ``None``."""
    m = _OFFSET.search(before) if _DIGIT.search(before) else None
    if m is None:
        return None
    unit = re.sub(r"\s+", " ", m.group(2).lower())
    km = float(m.group(1).replace(",", ".")) * UNITS_KM[unit]
    if m.group(3):
        direction = m.group(3).lower().replace("-", "")
        lat, lon = offset_point(place.lat, place.lon, km, BEARINGS[direction])
        label = f"{m.group(1)} {unit} {direction} of {place.name}"
    else:  # no bearing: at the place, as near as the distance says
        lat, lon = place.lat, place.lon
        label = f"{m.group(1)} {unit} from {place.name}"
    return EventPlace(role=role, place_id=f"{OFFSET_PREFIX}{place.place_id}:{_slug(label)}",
                      name=label, lat=lat, lon=lon, feature=Feature(place.feature),
                      country=place.country,
                      precision=Precision.PART_OF_REGION if km <= NEAR_KM else Precision.REGION,
                      start=r.mention.start, end=r.mention.end, mention=r.mention.text,
                      container=place.name)


def _frame(r: Resolved, text: str, mentions: Sequence[Resolved]) -> Place | None:
    """The region named right after ``r`` that frames it ("Boma, in Lac province")."""
    after = [k for k in mentions if k.mention.start >= r.mention.end and k.place is not None
             and k.mention.kind not in {KIND_DEMONYM, KIND_ORGANISATION}]
    if not after:
        return None
    k = min(after, key=lambda k: k.mention.start)
    if k.place is None or k.place.feature not in REGION_FEATURES:
        return None
    between = text[r.mention.end : k.mention.start]
    if _FRAMED.match(between):
        return k.place
    # "the village of Banjska, Leposavic": a region of another country than the
    # gazetteer's place, after a comma, frames it too (not one name of a list: "Damascus,
    # Turkey and Russia")
    if r.place is not None and _APPOSED.match(between) and r.place.country \
            and k.place.country and r.place.country != k.place.country \
            and not _LISTED.match(text, k.mention.end):
        return k.place
    return None


def _outside(place: Place, region: Place) -> bool:
    """Whether ``place`` is known to lie outside ``region``."""
    if place.country and region.country and place.country != region.country:
        return True
    return bool(region.feature == FeatureClass.ADMIN1 and place.admin1 and region.admin1
                and place.admin1 != region.admin1)


def _near_cue(before: str) -> bool:
    """Whether ``before`` ends in "near", "outside the town of"... (:data:`_NEAR`)."""
    low = before.lower()
    return any(w in low for w in _NEAR_WORDS) and _NEAR.search(before) is not None


def place_in_text(r: Resolved, role: Role, text: str,
                  by_sentence: Mapping[int, Sequence[Resolved]]) -> EventPlace:
    """The event place of a resolved mention, read with the words around it: an offset
    ("170 km southeast of Aden"), "near" or "outside" a town (precision 2), or a frame that
    does not hold the gazetteer's place ("Boma, in Lac province": Boma is a place the
    gazetteer lacks, in Lac).

    Parameters
    ----------
    r
        The mention and its place.
    role
        Its role in the event.
    text
        The document text.
    by_sentence
        The document's mentions by sentence index (the frame after the mention).
    """
    place = r.place
    if place is None:
        raise ValueError(f"{r.mention.text!r} has no place")
    before = text[max(0, r.mention.start - _LOOKBACK) : r.mention.start]
    if place.feature != FeatureClass.COUNTRY:
        offset = _offset_place(r, place, role, before)
        if offset is not None:
            return offset
        region = _frame(r, text, by_sentence.get(r.mention.sentence, ()))
        if region is not None and place.feature not in REGION_FEATURES \
                and _outside(place, region):
            return EventPlace(role=role, place_id=UNPLACED_PREFIX + _slug(r.mention.text),
                              name=r.mention.text, lat=region.lat, lon=region.lon,
                              feature=UNPLACED_FEATURE, country=region.country,
                              precision=Precision.REGION, start=r.mention.start, end=r.mention.end,
                              mention=r.mention.text, container=region.name)
    found = event_place(r, role)
    if found.precision < 2 and place.feature in TOWN_FEATURES and _near_cue(before):
        return replace(found, precision=Precision.PART_OF_REGION)
    return found


def _placed(r: Resolved | None) -> Place | None:
    if r is None or r.place is None or r.mention.kind == KIND_ORGANISATION:
        return None
    return r.place


#: Words after a demonym that make it the attacker's, not where a place lies ("an Israeli
#: drone strike on their vehicle in Bafliyeh": Bafliyeh is not in Israel).
#: A border named by a demonym or a country ("near the Afghan border", "not far from the Mali
#: border"): either side of it, no container.
_BORDER_AFTER = re.compile(r"\s+(?:border|frontier)s?\b", re.I)
_ATTACKER_AFTER = re.compile(r"\s+(?:(?:enemy|military|army|air|navy|naval)\s+)?(?:drone|air|"
                             r"missile|rocket|artillery|strike|strikes|airstrike|airstrikes|"
                             r"raid|raids|attack|attacks|shelling|jets?|warplanes?|forces|"
                             r"troops|soldiers|army|military|navy|fire)\b", re.I)


#: Water bodies: they hold shoals and islands, not a settlement.
_WATER_FEATURES = frozenset({FeatureClass.SEA, FeatureClass.GULF, FeatureClass.STRAIT,
                             FeatureClass.CANAL, FeatureClass.RIVER, FeatureClass.LAKE})
#: Land units that frame a name besides :data:`SETTLEMENT_NOUNS` ("the commune of L'Estere").
_LAND_UNITS = SETTLEMENT_NOUNS | {"commune", "communes", "municipality", "municipalities",
                                  "province", "provinces", "township", "townships"}
_UNIT = r"(?:" + "|".join(sorted(_LAND_UNITS)) + r")"
#: "the commune of X", "the town of" before a name; "X district", "X neighbourhood" after it.
_UNIT_BEFORE = re.compile(r"\b" + _UNIT + r"\s+of\s+(?:the\s+)?$", re.I)
_UNIT_AFTER = re.compile(r"\s+" + _UNIT + r"\b", re.I)


def _land_framed(c: Candidate, text: str) -> bool:
    """Whether the text calls an unknown name a settlement or a land unit ("the commune of
    L'Estere", "the Solino district")."""
    return bool(text) and bool(_UNIT_BEFORE.search(text[max(0, c.start - _LOOKBACK):c.start])
                               or _UNIT_AFTER.match(text, c.end))


def _container(c: Candidate, candidates: Sequence[Candidate], index: int,
               by_sentence: Mapping[int, Sequence[Resolved]], text: str = "") -> Resolved | None:
    """The best container of an unknown name: the known place it is named after ("Manila
    Bay"), else the nearest placed name of its sentence (``candidates``; a toponym before a
    demonym, and no attacker's demonym: "an Israeli drone strike"), else the last of the
    sentences just before (no water body for a settlement; sentence ``index`` is the name's)."""
    if c.inside is not None and c.inside.place is not None:
        return c.inside
    near = [k.resolved for k in sorted(
        (k for k in candidates if _placed(k.resolved) is not None and not (
            text and k.resolved is not None and (
                _BORDER_AFTER.match(text, k.end) or (
                    k.resolved.mention.kind == KIND_DEMONYM
                    and _ATTACKER_AFTER.match(text, k.end))))),
        key=lambda k: (k.resolved is not None and k.resolved.mention.kind == KIND_DEMONYM,
                       abs(k.start - c.start))) if k.resolved is not None]
    if near:
        best = near[0]
        if best.place is not None and best.place.feature == FeatureClass.COUNTRY:
            # "Nyabibwe in eastern Congo's South Kivu province": a region of that country
            # named in the sentence holds the name more tightly than the country
            region = next((r for r in near if r.place is not None
                           and r.place.feature in _REGION_FEATURES
                           and r.place.country == best.place.country), None)
            return region or best
        return best
    # a sea named sentences before does not hold "the Solino district" named later
    water = _land_framed(c, text)
    for back in range(1, CONTAINER_SENTENCES + 1):
        prior = [r for r in by_sentence.get(index - back, ())
                 if _placed(r) is not None and r.mention.kind != KIND_DEMONYM
                 and not (text and _BORDER_AFTER.match(text, r.mention.end))
                 and not (water and r.place is not None and r.place.feature in _WATER_FEATURES)]
        if prior:
            return prior[-1]
    return None


def unknown_event_place(c: Candidate, role: Role, candidates: Sequence[Candidate], index: int,
                        by_sentence: Mapping[int, Sequence[Resolved]], text: str = ""
                        ) -> EventPlace:
    """The event place of a name the gazetteer lacks (:func:`unknown_place`) at the best
    container the text gives (see :func:`_container`; ``candidates`` are its sentence's,
    ``index`` the sentence's); :attr:`EventPlace.placed` is false when there is none."""
    if text and c.resolved is None:
        c = _widened(c, text)
    container = _container(c, candidates, index, by_sentence, text)
    if container is None or container.place is None:
        return unknown_place(c, role, None)
    part = bool(text) and container is not c.inside and _PART.search(
        text[max(0, container.mention.start - _LOOKBACK) : container.mention.start])
    return unknown_place(c, role, container.place, bool(part))


def _slug(text: str) -> str:
    return re.sub(r"\W+", "-", text.casefold()).strip("-")


def unknown_place(c: Candidate, role: Role, container: Place | None,
                  part: bool = False) -> EventPlace:
    """The event place of a name the gazetteer lacks, at its container when there is one
    (``part``: the text names a part of the container, "southern Lebanon": precision 2)."""
    lat, lon = (container.lat, container.lon) if container else (math.nan, math.nan)
    precision = (Precision.PART_OF_REGION if container is not None
                 and (part or container.feature in TOWN_FEATURES) else Precision.REGION)
    return EventPlace(role=role, place_id=UNPLACED_PREFIX + _slug(c.text), name=c.text,
                      lat=lat, lon=lon, feature=UNPLACED_FEATURE,
                      country=container.country if container else "", precision=precision,
                      start=c.start, end=c.end, mention=c.text,
                      container=container.name if container else "")


def linked_places(found: LearnedEvent, by_sentence: Mapping[int, Sequence[Resolved]],
                  text: str = "") -> tuple[list[EventPlace], list[EventPlace]]:
    """The places of a learned event that can be drawn, and those that cannot (no container).

    Parameters
    ----------
    found
        The learned event.
    by_sentence
        The document's mentions by sentence index (containers from the sentences before).
    text
        The document text (the words around each place: :func:`place_in_text`); without
        it, places are taken as the gazetteer gives them.
    """
    placed: list[EventPlace] = []
    unplaced: list[EventPlace] = []
    linked = {(link.candidate.start, link.candidate.end) for link in found.links}
    for link in found.links:
        c = link.candidate
        place = _placed(c.resolved)
        if c.resolved is not None and place is not None:
            inner = _framed_unknown(c, found, text, linked) if text else None
            if inner is not None:  # "the Second Thomas Shoal in the South China Sea"
                placed.append(unknown_place(_widened(inner, text), link.role, place))
            placed.append(place_in_text(c.resolved, link.role, text, by_sentence)
                          if text else event_place(c.resolved, link.role))
            continue
        if c.resolved is not None and c.resolved.mention.kind == KIND_DEMONYM:
            continue
        c = _untimed(c)
        if c.resolved is None and c.inside is not None and c.inside.place is not None \
                and c.end == c.inside.mention.end:
            # "Ouagadougou Saturday": the known place, the day after it read off
            placed.append(place_in_text(c.inside, link.role, text, by_sentence)
                          if text else event_place(c.inside, link.role))
            continue
        spot = unknown_event_place(c, link.role, found.candidates, found.sentence.index,
                                   by_sentence, text)
        (placed if spot.placed else unplaced).append(spot)
    return placed, unplaced


def _framed_unknown(c: Candidate, found: LearnedEvent, text: str,
                    linked: set[tuple[int, int]]) -> Candidate | None:
    """A name the gazetteer lacks, not linked itself, that ``c`` frames right after it
    ("the Second Thomas Shoal in the South China Sea", a name ending in one of
    :data:`FRAMED_NOUNS`): the more precise place of the two."""
    return next((k for k in found.candidates if k.resolved is None and k.end <= c.start
                 and (k.start, k.end) not in linked and _FRAMED.match(text[k.end : c.start])
                 and k.text.rsplit(None, 1)[-1].casefold() in FRAMED_NOUNS), None)


def _untimed(c: Candidate) -> Candidate:
    """An unknown name without the days or months after it ("Tankwoarou Saturday")."""
    m = _CALENDAR_TAIL.search(c.text) if c.resolved is None else None
    if m is None or m.start() == 0:
        return c
    return replace(c, end=c.start + m.start(), text=c.text[: m.start()])


def _widened(c: Candidate, text: str) -> Candidate:
    """An unknown name with the capitalised words between "the" and it that the candidate
    left out ("the Second Thomas Shoal": "Second" is too common a word to start a name)."""
    m = _LEADING.search(text, max(0, c.start - _LOOKBACK), c.start)
    if m is None:
        return c
    start = m.start(1)
    return replace(c, start=start, text=text[start : c.end])
