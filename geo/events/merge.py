"""Merging events that report the same happening, within an article, across articles, and
between an article and an imported event table (ACLED, GDELT).

Two reports are one happening only on the same evidence of place and time:

* imported rows are distinct events unless they come from the same table with the same id, or
  share the date, layer, event type, actors and place (the same name, within
  :data:`SAME_ROW_KM`);
* an extracted event and an imported row join when they share a layer and lie within
  :data:`JOIN_KM` and :data:`JOIN_DAYS` of each other (the text's event leads); an event takes
  one row of each table (the first that joins), never two distinct rows of one table;
* extracted events merge when they share the layer and kind, their dates are compatible
  (overlapping spans; an article's date stands for its last :data:`PUBLISHED_LOOKBACK_DAYS`
  days) and they name the same places in the same roles. A strike needs one place in common
  and actors that agree, never only an equal toll; in one article, a country in common or a
  country and a place in it join two strikes only when their tolls agree and neither tells
  its own toll in the country while the other, in a town, is not given the same day; a call
  the same two countries or the same endpoints; a meeting reported by two
  articles the same venue and a day one of the texts gives.

Nothing a report said is dropped: a merged event keeps every source, every sentence that
reported it (``evidence_more``), the most precise date, the fatality figure of its best report
(an imported table's, else the most confident) and the range of figures when reports disagree.

Events are grouped into blocks (layer, kind, place, date bucket; for imported rows a location
cell on the sphere) and compared only inside their blocks, so merging is close to linear.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from gazetteer import haversine_km
from gazetteer.store import EARTH_RADIUS_KM
from geo.events.taxonomy import CLASSES
from geo.model import Event, EventKind, EventPlace, Feature, Layer, Role, TimePrecision
from geo.settings import (
    DATE_BUCKET_DAYS,
    JOIN_CELL_SIDE,
    JOIN_DAYS,
    JOIN_KM,
    MERGE_CONFIDENCE_BONUS,
    MERGE_CONFIDENCE_CAP,
    PUBLISHED_LOOKBACK_DAYS,
    ROW_CELL_SIDE,
    SAME_ROW_KM,
)

log = logging.getLogger(__name__)

#: Days after its first day that an event of a coarse precision may have happened.
SPAN_AFTER_DAYS = {TimePrecision.WEEK: 6, TimePrecision.MONTH: 30, TimePrecision.YEAR: 365}
#: ``Event.kind`` of imported table rows.
IMPORT_KIND = EventKind.IMPORT
#: ``source`` strings of merged reports are joined with this.
SOURCE_SEPARATOR = "; "

_PRECISION_RANK = {TimePrecision.HOUR: 0, TimePrecision.DAY: 1, TimePrecision.PUBLISHED: 2,
                   TimePrecision.WEEK: 3, TimePrecision.MONTH: 4, TimePrecision.YEAR: 5}
_UNRANKED = len(_PRECISION_RANK)
_TEXT_DAY_PRECISIONS = frozenset({TimePrecision.HOUR, TimePrecision.DAY})
#: Names of an imported place that name nothing (:mod:`geo.io.records` writes ``"?"``).
_UNNAMED = frozenset({"", "?"})
_MOVEMENT_LAYERS = frozenset({Layer.NAVAL_DEPLOYMENT, Layer.TROOP_MOVEMENT})

_Key = tuple[Hashable, ...]
_Cell = tuple[int, ...]


class MergeReport(NamedTuple):
    """Events after merging, and how many input events were folded into another one.

    Unpacks as ``events, merged = merge_events_report(...)``.
    """

    events: list[Event]
    merged: int


# ------------------------------------------------------------------------------- dates
@lru_cache(maxsize=8192)
def _ordinal(day: date) -> int:
    """Day number of ``day``."""
    return day.toordinal()


def _days_apart(a: date | None, b: date | None) -> int | None:
    if a is None or b is None:
        return None
    return abs(_ordinal(a) - _ordinal(b))


def _date_span(event: Event) -> tuple[int, int] | None:
    """First and last day (ordinals) the event may have happened on; ``None`` when undated."""
    if not event.event_date:
        return None
    first = _ordinal(event.event_date)
    if event.time_precision == TimePrecision.PUBLISHED:
        return first - PUBLISHED_LOOKBACK_DAYS, first
    last = first + SPAN_AFTER_DAYS.get(event.time_precision, 0)
    if event.end_date:
        last = max(last, _ordinal(event.end_date))
    return first, last


def _dates_compatible(a: Event, b: Event) -> bool:
    """Whether the dates allow one happening: overlapping spans, or undated in one article."""
    span_a, span_b = _date_span(a), _date_span(b)
    if span_a is None or span_b is None:
        return a.doc_id == b.doc_id
    return span_a[0] <= span_b[1] and span_b[0] <= span_a[1]


def _date_buckets(event: Event) -> range:
    """Buckets of :data:`DATE_BUCKET_DAYS` days the event's date span touches."""
    span = _date_span(event)
    if span is None:
        return range(0)
    return range(span[0] // DATE_BUCKET_DAYS, span[1] // DATE_BUCKET_DAYS + 1)


# ------------------------------------------------------------------------------- places
@dataclass(frozen=True, slots=True)
class _Grid:
    """Cubic cells of the space around the unit sphere. A chord is never longer than its arc,
    so every place within ``reach`` of a point lies in the cells of the cube of half-side
    ``reach`` around it, at any latitude and across the antimeridian.
    """

    reach: float
    side: float

    @classmethod
    def within_km(cls, km: float, side_in_tolerances: float) -> _Grid:
        reach = km / EARTH_RADIUS_KM
        return cls(reach, reach * side_in_tolerances)

    def cell(self, place: EventPlace) -> _Cell:
        return tuple(math.floor(x / self.side) for x in _unit_vector(place))

    def cells_near(self, place: EventPlace) -> Iterator[_Cell]:
        spans = (range(math.floor((x - self.reach) / self.side),
                       math.floor((x + self.reach) / self.side) + 1)
                 for x in _unit_vector(place))
        return itertools.product(*spans)


def _unit_vector(place: EventPlace) -> tuple[float, float, float]:
    lat, lon = math.radians(place.lat), math.radians(place.lon)
    return math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)


_ROW_GRID = _Grid.within_km(SAME_ROW_KM, ROW_CELL_SIDE)
_JOIN_GRID = _Grid.within_km(JOIN_KM, JOIN_CELL_SIDE)


def _any_within(a: Event, b: Event, km: float) -> bool:
    return any(haversine_km(p.lat, p.lon, q.lat, q.lon) <= km
               for p in a.locations for q in b.locations)


def _place_ids(event: Event, *roles: Role) -> set[str]:
    return {p.place_id for p in event.places(*roles)}


def _shares_a_place(a: Event, b: Event) -> bool:
    return bool(_place_ids(a) & _place_ids(b))


def _same_places(a: Event, b: Event) -> bool:
    """The same places in the same roles, and at least one."""
    roles_a = {(p.role, p.place_id) for p in a.locations}
    return bool(roles_a) and roles_a == {(p.role, p.place_id) for p in b.locations}


def _country_holds(a: Event, b: Event) -> bool:
    """Whether a country ``a`` names is the country of a place of ``b``, or a region ``a``
    names holds a place of ``b`` the gazetteer lacks ("the Amhara region" and "a small town
    called Sasit", put in Amhara)."""
    countries = {p.country for p in a.locations if p.feature == Feature.COUNTRY and p.country}
    regions = {(p.name, p.country) for p in a.locations if p.feature == Feature.ADMIN1}
    return any(q.country in countries or (q.container, q.country) in regions
               for q in b.locations)


# ------------------------------------------------------------------------------- rules
def _is_row(event: Event) -> bool:
    return event.kind == IMPORT_KIND


def _row_place_name(place: EventPlace) -> str:
    return (place.mention or place.name).strip().casefold()


def _same_spot(p: EventPlace, q: EventPlace) -> bool:
    """Within :data:`SAME_ROW_KM`, and the same name unless one has none (two villages a
    kilometre apart are two places)."""
    names = {_row_place_name(p), _row_place_name(q)} - _UNNAMED
    return len(names) <= 1 and haversine_km(p.lat, p.lon, q.lat, q.lon) <= SAME_ROW_KM


def _same_row(a: Event, b: Event) -> bool:
    """Whether two imported rows are one happening (one row, or a duplicate of it)."""
    if (a.doc_id, a.event_id) == (b.doc_id, b.event_id):
        return True
    return a.event_date == b.event_date and _row_block(a) == _row_block(b) \
        and any(_same_spot(p, q) for p in a.locations for q in b.locations)


def _row_block(event: Event) -> _Key:
    """What two rows must share to be one happening, besides the place."""
    return (event.layer, event.event_date, event.event_type.casefold(),
            event.sub_event_type.casefold(), event.actor1.casefold(), event.actor2.casefold())


def _joins_import(a: Event, b: Event) -> bool:
    """Whether an imported row and an extracted event report the same happening."""
    if a.layer != b.layer:
        return False
    apart = _days_apart(a.event_date, b.event_date)
    if apart is None or apart > JOIN_DAYS:
        return False
    return _any_within(a, b, JOIN_KM)


def _actors_conflict(a: Event, b: Event) -> bool:
    return any(x and y and x != y for x, y in ((a.actor1_country, b.actor1_country),
                                               (a.actor2_country, b.actor2_country)))


#: ACLED's sub-event type of a fight between two armed groups, which either may be said to start.
_ARMED_CLASH = CLASSES[EventKind.ARMED_CLASH].sub_event_type


def _roles_reversed(a: Event, b: Event) -> bool:
    """Whether the doer of one is the one done to in the other ("the Houthis fired a missile",
    "strikes on Houthi targets"): two attacks, unless both are clashes between the two."""
    if a.sub_event_type == b.sub_event_type == _ARMED_CLASH:
        return False
    return any(x.actor1 and x.actor1.casefold() == y.actor2.casefold() for x, y in ((a, b), (b, a)))


def _figures_conflict(a: Event, b: Event) -> bool:
    return a.fatalities is not None and b.fatalities is not None and a.fatalities != b.fatalities


def _country_level(event: Event) -> bool:
    """Whether every place of the event is a country ("in northern Mali")."""
    return bool(event.locations) and all(p.feature == Feature.COUNTRY for p in event.locations)


def _same_text_day(a: Event, b: Event) -> bool:
    """Whether both texts give the day, and the same one."""
    return a.time_precision in _TEXT_DAY_PRECISIONS and b.time_precision in _TEXT_DAY_PRECISIONS \
        and a.event_date == b.event_date


#: A report that names its event as one already told ("The attack took place on Monday in
#: X", "The explosion tore through a vehicle outside X").
_REFERS_BACK = re.compile(r"^\W*(?:the|this|that)\s+(?:[\w\-]+\s+){0,2}?(?:attack|explosion|blast|"
                          r"bombing|raid|assault|ambush|strike|incident|massacre|killings?)\b",
                          re.I)


#: A report that says its event is another one ("A separate missile attack on Chuguiv",
#: "In another attack", "A second blast").
_ANOTHER = re.compile(r"^\W*(?:(?:in\s+)?(?:a|an)\s+(?:separate|second|third|further|different)\b|"
                      r"(?:in\s+)?another\b|separately\b)", re.I)


def _says_another(later: Event, earlier: Event) -> bool:
    """Whether ``later`` comes after ``earlier`` in the article and tells another event."""
    return later.start > earlier.start and _ANOTHER.match(later.evidence) is not None


def _refers_back(later: Event, earlier: Event) -> bool:
    """Whether ``later`` comes after ``earlier`` in the article and names its event as the
    one told before."""
    return later.start > earlier.start and _REFERS_BACK.match(later.evidence) is not None


def _told_apart(a: Event, b: Event) -> bool:
    """Whether two strikes of one article that only a country joins are two attacks: their
    tolls differ, or one tells its own toll in the country ("killed 15 civilians in northern
    Mali over the weekend") and the other, in a town of it, is not given the same day, unless
    the other names its event as the one told ("The attack took place in Djiguibombo")."""
    if _figures_conflict(a, b):
        return True
    return any(x.fatalities is not None and _country_level(x) and not _country_level(y)
               and not _same_text_day(x, y) and not _refers_back(y, x)
               for x, y in ((a, b), (b, a)))


#: Places too wide to tell two strikes of one article apart: a country, a region ("drone
#: strikes in Kheret, in the Amhara region, killed 100" and "soldiers killed 70 civilians in
#: a town in Amhara" are two attacks).
_BROAD = frozenset({Feature.COUNTRY, Feature.ADMIN1})


def _same_strike(a: Event, b: Event) -> bool:
    """A place in common (in one article, more than a country or a region); or, in one
    article, a country or a region and a place in it; in one article, never two attacks
    :func:`_told_apart`."""
    if _actors_conflict(a, b) or _roles_reversed(a, b):
        return False
    if a.doc_id != b.doc_id:
        return _shares_a_place(a, b)
    if _says_another(a, b) or _says_another(b, a):
        return False  # "A separate missile attack ... injured seven"
    precise = {p.place_id for p in a.locations if p.feature not in _BROAD}
    if precise & {p.place_id for p in b.locations if p.feature not in _BROAD}:
        return True
    joined = _shares_a_place(a, b) or _country_holds(a, b) or _country_holds(b, a)
    return joined and not _told_apart(a, b)


def _country_pair(event: Event) -> frozenset[str] | None:
    if not event.actor1_country or not event.actor2_country:
        return None
    return frozenset({event.actor1_country, event.actor2_country})


def _same_call(a: Event, b: Event) -> bool:
    """The same two countries, or the same endpoints."""
    pair = _country_pair(a)
    return (pair is not None and pair == _country_pair(b)) or _same_places(a, b)


def _dated_by_text(a: Event, b: Event) -> bool:
    """Whether a text gives the day of either (not only the article's date)."""
    return a.time_precision in _TEXT_DAY_PRECISIONS or b.time_precision in _TEXT_DAY_PRECISIONS


def _same_meeting(a: Event, b: Event) -> bool:
    """A place in common, or a country and a place in it, in one article; across articles the
    same venue, actors that agree and a day one of the texts gives (capitals host many
    meetings a week)."""
    if a.doc_id == b.doc_id:
        # "officials met in Turkiye", "the delegations met at Istanbul's Dolmabahce Palace"
        return _shares_a_place(a, b) or _country_holds(a, b) or _country_holds(b, a)
    return _same_places(a, b) and not _actors_conflict(a, b) and _dated_by_text(a, b)


def _same_movement(a: Event, b: Event) -> bool:
    """The same mover, day and destination, or mover and route when neither names its
    destination; or the same places and actor country."""
    if a.actor1 and a.actor1 == b.actor1:
        ends_a, ends_b = _place_ids(a, Role.DESTINATION), _place_ids(b, Role.DESTINATION)
        if not ends_a and not ends_b:
            # a transit told twice ("has transited the strait", "conducted a transit
            # through the strait on Wednesday"): the same route, on compatible dates
            return bool(_place_ids(a, Role.VIA) & _place_ids(b, Role.VIA))
        return bool(ends_a & ends_b) and a.event_date == b.event_date
    return _same_places(a, b) and a.actor1_country == b.actor1_country


def _same_elsewhere(a: Event, b: Event) -> bool:
    """Protests and displacements: the same places, and the same actor's country (in one
    article, an actor's country one report leaves out does not tell them apart)."""
    if not _same_places(a, b):
        return False
    if a.doc_id == b.doc_id and not (a.actor1_country and b.actor1_country):
        return True
    return a.actor1_country == b.actor1_country


def _same_text_event(a: Event, b: Event) -> bool:
    """Whether two extracted events report the same happening."""
    if a.layer != b.layer or a.kind != b.kind or not _dates_compatible(a, b):
        return False
    if a.layer == Layer.STRIKE:
        return _same_strike(a, b)
    if a.layer == Layer.DIPLOMACY:
        return _same_call(a, b) if a.kind == EventKind.CALL else _same_meeting(a, b)
    if a.layer in _MOVEMENT_LAYERS:
        return _same_movement(a, b)
    return _same_elsewhere(a, b)


def reports_same_happening(kept: Event, new: Event) -> bool:
    """Whether ``new`` reports the happening ``kept`` (maybe already merged) stands for.

    Parameters
    ----------
    kept
        An event kept so far, maybe already merged from several reports.
    new
        The next event.
    """
    if _is_row(kept) and _is_row(new):
        return _same_row(kept, new)
    if _is_row(kept) or _is_row(new):
        return _joins_import(kept, new)
    return _same_text_event(kept, new)


# ------------------------------------------------------------------------------- blocks
def _placed(event: Event) -> list[EventPlace]:
    """The event's places that have coordinates (a place the gazetteer lacks has none)."""
    return [p for p in event.locations if p.placed]


def _row_index_keys(event: Event) -> Iterator[_Key]:
    yield ("row-id", event.doc_id, event.event_id)
    block = _row_block(event)
    for place in _placed(event):
        yield ("row-at", *block, _ROW_GRID.cell(place))
    if event.event_date:
        day = _ordinal(event.event_date)
        for place in _placed(event):
            yield ("row-near", event.layer, day, _JOIN_GRID.cell(place))


def _row_probe_keys(event: Event, joins: bool = True) -> Iterator[_Key]:
    """Keys a row is looked up under; with ``joins``, those of the text events it may join
    too."""
    yield ("row-id", event.doc_id, event.event_id)
    block = _row_block(event)
    for place in _placed(event):
        for cell in _ROW_GRID.cells_near(place):
            yield ("row-at", *block, cell)
    if joins:
        yield from _join_probe_keys(event, "text-at")


def _join_probe_keys(event: Event, namespace: str) -> Iterator[_Key]:
    """Keys of the other side of a row–text join: neighbouring days and cells."""
    if not event.event_date:
        return
    day = _ordinal(event.event_date)
    near = [cell for place in _placed(event) for cell in _JOIN_GRID.cells_near(place)]
    for shift in range(-JOIN_DAYS, JOIN_DAYS + 1):
        for cell in near:
            yield (namespace, event.layer, day + shift, cell)


def _text_keys(event: Event) -> Iterator[_Key]:
    """Keys an extracted event is both filed and looked up under."""
    yield ("doc", event.layer, event.kind, event.doc_id)
    place_ids = sorted(_place_ids(event))
    pair = _country_pair(event)
    for bucket in _date_buckets(event):
        for place_id in place_ids:
            yield ("place", event.layer, event.kind, place_id, bucket)
        if pair is not None:
            yield ("pair", event.layer, event.kind, pair, bucket)


def _text_index_keys(event: Event) -> Iterator[_Key]:
    yield from _text_keys(event)
    if event.event_date:
        day = _ordinal(event.event_date)
        for place in _placed(event):
            yield ("text-at", event.layer, day, _JOIN_GRID.cell(place))


def _text_probe_keys(event: Event, joins: bool = True) -> Iterator[_Key]:
    """Keys a text event is looked up under; with ``joins``, those of the rows it may join
    too."""
    yield from _text_keys(event)
    if joins:
        yield from _join_probe_keys(event, "row-near")


class _BlockIndex:
    """Kept events by blocking key: every pair the rules could join shares a key."""

    def __init__(self) -> None:
        self._blocks: dict[_Key, list[int]] = {}
        # whether rows, and text events, were filed: a row–text join is looked for only
        # when the other side has any (one document's events are text events only)
        self._rows = self._texts = False

    def add(self, event: Event, position: int) -> None:
        if _is_row(event):
            self._rows = True
            keys = _row_index_keys(event)
        else:
            self._texts = True
            keys = _text_index_keys(event)
        for key in keys:
            block = self._blocks.setdefault(key, [])
            if position not in block[-1:]:
                block.append(position)

    def candidates(self, event: Event) -> list[int]:
        """Positions of kept events that may report the same happening, in order."""
        keys = _row_probe_keys(event, self._texts) if _is_row(event) \
            else _text_probe_keys(event, self._rows)
        found = {position for key in keys for position in self._blocks.get(key, ())}
        return sorted(found)


# ------------------------------------------------------------------------------- merging
@dataclass(frozen=True, slots=True)
class _Figures:
    """Fatality figures of the reports of one happening: the best report's, lowest, highest."""

    best: int | None
    rank: tuple[bool, float]
    low: int | None
    high: int | None

    @classmethod
    def of(cls, event: Event) -> _Figures:
        figure = event.fatalities
        low, high = event.fatalities_range or (figure, figure)
        rank = (_is_row(event), event.confidence) if figure is not None else (False, -1.0)
        return cls(figure, rank, low, high)

    def fold(self, other: _Figures) -> _Figures:
        """Both reports' figures; the imported table's, else the more confident, leads."""
        lead = other if other.best is not None and other.rank > self.rank else self
        return _Figures(lead.best, lead.rank, _lowest(self.low, other.low),
                        _highest(self.high, other.high))

    def disagreement(self) -> tuple[int, int] | None:
        """``(low, high)`` when the reports disagree, else ``None``."""
        if self.low is None or self.high is None or self.low == self.high:
            return None
        return self.low, self.high


def _lowest(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)


def _highest(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _text_first(a: Event, b: Event) -> tuple[Event, Event]:
    """The leading report and the other: an extracted event leads an imported row."""
    return (b, a) if _is_row(a) and not _is_row(b) else (a, b)


def _best_dated(lead: Event, other: Event) -> Event:
    rank_lead = _PRECISION_RANK.get(lead.time_precision, _UNRANKED)
    rank_other = _PRECISION_RANK.get(other.time_precision, _UNRANKED)
    return lead if rank_lead <= rank_other else other


#: Roles that name the same spot of a happening: one report's target is another's location
#: ("an attack on the Zamzam camp", "fighters stormed Zamzam").
_SAME_SPOT_ROLES = {Role.TARGET: Role.LOCATION}


def _joined_locations(lead: Event, other: Event) -> tuple[EventPlace, ...]:
    """The lead's places, plus the other's new ones unless the other is an imported row."""
    if _is_row(other):
        return lead.locations
    locations = list(lead.locations)
    for p in other.locations:
        role = _SAME_SPOT_ROLES.get(p.role, p.role)
        if all((_SAME_SPOT_ROLES.get(q.role, q.role), q.place_id) != (role, p.place_id)
               and (_SAME_SPOT_ROLES.get(q.role, q.role), q.name, q.country)
               != (role, p.name, p.country) for q in locations):
            locations.append(p)
    # A place inside another (Idlib in Syria) makes the wider one redundant for a strike or
    # a meeting (Istanbul's Dolmabahce Palace in Turkey).
    if lead.layer == Layer.STRIKE or lead.kind == EventKind.MEETING:
        precise = {p.country for p in locations if p.feature != Feature.COUNTRY}
        locations = [p for p in locations
                     if not (p.feature == Feature.COUNTRY and p.country in precise)]
    return tuple(locations)


def _joined_sources(*sources: str) -> str:
    parts = (part.strip() for source in sources for part in source.split(SOURCE_SEPARATOR))
    return SOURCE_SEPARATOR.join(dict.fromkeys(part for part in parts if part))


def _joined_evidence(lead: Event, other: Event) -> tuple[str, ...]:
    sentences = (*lead.evidence_more, other.evidence, *other.evidence_more)
    return tuple(dict.fromkeys(s for s in sentences if s and s != lead.evidence))


#: The ACLED labels a merge compares: an armed clash, and violence against civilians.
_CLASH = CLASSES[EventKind.ARMED_CLASH].sub_event_type
_ON_CIVILIANS = CLASSES[EventKind.ATTACK].event_type


def _merge_pair(a: Event, b: Event) -> Event:
    """One event of two reports (fatalities aside: see :class:`_Figures`)."""
    lead, other = _text_first(a, b)
    dated = _best_dated(lead, other)
    if lead.sub_event_type == _CLASH and other.event_type == _ON_CIVILIANS \
            and lead.layer == other.layer:
        # "Fighters stormed the camp." then "The raid killed 120 people": the report that
        # names the victims tells what the happening was
        lead = replace(lead, event_type=other.event_type, sub_event_type=other.sub_event_type,
                       cameo_code=other.cameo_code, plover_event_type=other.plover_event_type)
    return replace(
        lead,
        event_date=dated.event_date,
        end_date=dated.end_date,
        time_precision=dated.time_precision,
        count=lead.count if lead.count is not None else other.count,
        actor1=lead.actor1 or other.actor1,
        actor1_country=lead.actor1_country or other.actor1_country,
        actor2=lead.actor2 or other.actor2,
        actor2_country=lead.actor2_country or other.actor2_country,
        locations=_joined_locations(lead, other),
        source=_joined_sources(lead.source, other.source),
        source_url=lead.source_url or other.source_url,
        confidence=round(min(MERGE_CONFIDENCE_CAP,
                             max(a.confidence, b.confidence) + MERGE_CONFIDENCE_BONUS), 2),
        evidence_more=_joined_evidence(lead, other),
    )


@dataclass(frozen=True, slots=True)
class _Happening:
    """A merged event, the figures of its reports and the imported rows among them."""

    event: Event
    figures: _Figures
    rows: tuple[Event, ...]

    @classmethod
    def of(cls, event: Event) -> _Happening:
        return cls(event, _Figures.of(event), (event,) if _is_row(event) else ())

    def accepts(self, report: Event) -> bool:
        """Whether ``report`` reports this happening: a copy of a row it holds, or a report
        the rules join to it that is not another row of a table it already holds a row of."""
        if _is_row(report):
            if any(_same_row(row, report) for row in self.rows):
                return True
            if any(row.doc_id == report.doc_id for row in self.rows):
                return False
        return reports_same_happening(self.event, report)

    def absorb(self, report: Event) -> _Happening:
        figures = self.figures.fold(_Figures.of(report))
        merged = replace(_merge_pair(self.event, report), fatalities=figures.best,
                         fatalities_range=figures.disagreement())
        rows = (*self.rows, report) if _is_row(report) else self.rows
        return _Happening(merged, figures, rows)


def _first_match(happenings: list[_Happening], positions: list[int], event: Event) -> int | None:
    return next((k for k in positions if happenings[k].accepts(event)), None)


def merge_events_report(events: Sequence[Event]) -> MergeReport:
    """Merge events that report the same happening, and count the reports folded in.

    Each event joins the first kept event (in input order) that reports the same happening,
    so the result is deterministic and keeps the order of first appearance.

    Parameters
    ----------
    events
        Extracted events and imported rows, in any mix.

    Returns
    -------
    MergeReport
        The merged events and how many input events were folded into another one.
    """
    happenings: list[_Happening] = []
    index = _BlockIndex()
    for event in events:
        position = _first_match(happenings, index.candidates(event), event)
        if position is None:
            position = len(happenings)
            happenings.append(_Happening.of(event))
        else:
            happenings[position] = happenings[position].absorb(event)
            index.add(event, position)
        index.add(happenings[position].event, position)
    merged = len(events) - len(happenings)
    if merged:
        log.debug("merged %d of %d events reporting the same happening", merged, len(events))
    return MergeReport([h.event for h in happenings], merged)


def merge_events(events: Sequence[Event]) -> list[Event]:
    """Merge events that report the same happening, keeping every source and sentence.

    Parameters
    ----------
    events
        Extracted events and imported rows, in any mix.

    Returns
    -------
    list of Event
        One event per happening, in the order of first appearance; see
        :func:`merge_events_report` for the count of merged reports.
    """
    return merge_events_report(events).events
