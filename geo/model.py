"""Records passed between the stages: documents, failures, event places and events.

Field names follow ACLED and PLOVER so that exports join with the tables analysts already have.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import date
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING

from geo.dates import format_day
from geo.errors import RecordError

if TYPE_CHECKING:
    from gazetteer.model import Place


class Layer(StrEnum):
    """Map layers (one per kind of map symbol), in map order."""

    TROOP_MOVEMENT = "troop_movement"
    NAVAL_DEPLOYMENT = "naval_deployment"
    DIPLOMACY = "diplomacy"
    STRIKE = "strike"
    DISPLACEMENT = "displacement"
    PROTEST = "protest"

    @property
    def label(self) -> str:
        """The layer as the map's legend and layer control name it ("Troop movements")."""
        return _LAYER_LABELS[self]


class Role(StrEnum):
    """Roles of a place in an event."""

    ORIGIN = "origin"
    VIA = "via"
    DESTINATION = "destination"
    VENUE = "venue"
    LOCATION = "location"
    TARGET = "target"
    ENDPOINT = "endpoint"

    @property
    def label(self) -> str:
        """The role as an analyst reads it."""
        return self.value.replace("_", " ")


_LAYER_LABELS: dict[Layer, str] = {
    Layer.TROOP_MOVEMENT: "Troop movements",
    Layer.NAVAL_DEPLOYMENT: "Naval deployments",
    Layer.DIPLOMACY: "Diplomacy",
    Layer.STRIKE: "Strikes",
    Layer.DISPLACEMENT: "Displacement",
    Layer.PROTEST: "Protests",
}

class Feature(StrEnum):
    """Feature class of an event place: the gazetteer's classes
    (:class:`gazetteer.model.FeatureClass`, broadest first, same names and values) and
    :attr:`UNPLACED`.

    The members are written out again, not built from ``FeatureClass`` with the functional
    ``StrEnum`` API, so that mypy knows them (it cannot see the members of an enum built from a
    comprehension); ``tests/geo/test_model.py`` keeps the two in step.
    """

    CONTINENT = "continent"
    COUNTRY = "country"
    ADMIN1 = "admin1"
    ADMIN2 = "admin2"
    REGION = "region"
    SEA = "sea"
    GULF = "gulf"
    STRAIT = "strait"
    CANAL = "canal"
    COAST = "coast"
    RIVER = "river"
    LAKE = "lake"
    ISLAND = "island"
    MOUNTAIN = "mountain"
    CITY = "city"
    PORT = "port"
    BASE = "base"
    VENUE = "venue"
    SEAT = "seat"
    #: A place the gazetteer lacks, at its container's coordinates or none.
    UNPLACED = "unplaced"


class Precision(IntEnum):
    """ACLED geo precision of an event place."""

    TOWN = 1
    PART_OF_REGION = 2
    REGION = 3  # a region, a sea or a country


class TimePrecision(StrEnum):
    """How sure an event's date is."""

    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    PUBLISHED = "published"  # the article's date stands in
    UNKNOWN = "unknown"


class MentionKind(StrEnum):
    """What a place mention names."""

    TOPONYM = "toponym"
    DEMONYM = "demonym"  # an adjective or people name of a place ("Turkish")
    ORGANISATION = "organisation"  # an organisation whose seat the gazetteer knows
    #: A capitalised name the gazetteer lacks (a village, a camp): the event stage's place
    #: candidates only, the geoparser never gives it.
    UNKNOWN = "unknown"


class EventKind(StrEnum):
    """Finer type of an event inside its layer: reports of one happening merge only when
    their kinds agree."""

    #: No finer type (an exported row read back without one).
    NONE = ""
    #: The learned stage's classes (:data:`geo.events.taxonomy.CLASSES`).
    ARMED_CLASH = "armed_clash"
    TERRITORY_TAKEN = "territory_taken"
    TERRITORY_REGAINED = "territory_regained"
    AIR_STRIKE = "air_strike"
    SHELLING = "shelling"
    EXPLOSIVE = "explosive"
    SUICIDE_BOMB = "suicide_bomb"
    CHEMICAL_WEAPON = "chemical_weapon"
    GRENADE = "grenade"
    SHIP_ATTACK = "ship_attack"
    ATTACK = "attack"
    ABDUCTION = "abduction"
    SEXUAL_VIOLENCE = "sexual_violence"
    PROTEST = "protest"
    PROTEST_INTERVENTION = "protest_intervention"
    EXCESSIVE_FORCE = "excessive_force"
    RIOT = "riot"
    MOB_VIOLENCE = "mob_violence"
    ARREST = "arrest"
    PROPERTY_DESTRUCTION = "property_destruction"
    DISRUPTED_WEAPONS = "disrupted_weapons"
    AGREEMENT = "agreement"
    MEETING = "meeting"
    BASE = "base"
    DEPLOYMENT = "deployment"
    NAVAL_DEPLOYMENT = "naval_deployment"
    WITHDRAWAL = "withdrawal"
    GROUP_CHANGE = "group_change"
    TERRITORY_TRANSFER = "territory_transfer"
    OTHER = "other"
    DISPLACEMENT = "displacement"
    #: The rules' kinds that no learned class has.
    STRIKE = "strike"
    CALL = "call"
    #: A row of an imported event table.
    IMPORT = "import"


#: Layer names in map order.
LAYERS: tuple[Layer, ...] = tuple(Layer)
#: Role names.
ROLES: tuple[Role, ...] = tuple(Role)


@dataclass(frozen=True, slots=True)
class Document:
    """One article.

    Parameters
    ----------
    id
        Stable id (file name, JSONL ``id``).
    text
        Plain text; offsets of mentions and evidence point into it.
    title
        Headline, may be empty.
    source
        Outlet or file the text comes from.
    published
        Publication date where known; weekdays in the text resolve against it.
    url
        Link to the original, may be empty.
    """

    id: str
    text: str
    title: str = ""
    source: str = ""
    published: date | None = None
    url: str = ""


@dataclass(frozen=True, slots=True)
class Failure:
    """An input (a file, a line of one, a document) that could not be read or processed.

    Parameters
    ----------
    where
        File, and line or id where known.
    message
        What is wrong.
    """

    where: str
    message: str


@dataclass(frozen=True, slots=True)
class EventPlace:
    """A place of an event, in one role.

    Parameters
    ----------
    role
        The place's role in the event.
    place_id
        Gazetteer id (``gn:…``, ``cm:…``) or ``import:…`` for imported coordinates.
    name
        Gazetteer name of the place.
    lat, lon
        WGS84 degrees.
    feature
        Gazetteer feature class.
    country
        ISO 3166-1 alpha-2 code, may be empty.
    precision
        ACLED geo precision: 1 town, 2 part of a region, 3 region, sea or country.
    start, end
        Offsets of the mention in the document, when the place comes from the text.
    mention
        The mention as written.
    container
        For a place the gazetteer lacks (``place_id`` ``unplaced:…``): the name of the
        gazetteer place whose coordinates it borrows (the best container the text gives); for
        a point at a distance from a place (``offset:…``, "170 km southeast of Aden"): that
        place.
    """

    role: Role
    place_id: str
    name: str
    lat: float
    lon: float
    feature: Feature
    country: str
    precision: Precision
    start: int | None = None
    end: int | None = None
    mention: str = ""
    container: str = ""

    def __post_init__(self) -> None:
        """Refuse a role that is not a :class:`Role` and coordinates off the globe (a place
        without coordinates has both ``nan``), with :class:`~geo.errors.RecordError`."""
        if not isinstance(self.role, Role):
            raise RecordError(f"place {self.name!r}: role {self.role!r} is not a Role")
        lat, lon = self.lat, self.lon
        try:
            fits = (-90 <= lat <= 90 and -180 <= lon <= 180) or (math.isnan(lat)
                                                                 and math.isnan(lon))
        except TypeError:  # not numbers
            fits = False
        if not fits:
            raise RecordError(f"place {self.name!r}: coordinates ({lat!r}, {lon!r}) are off "
                              "the globe")

    @property
    def placed(self) -> bool:
        """Whether the place has finite coordinates."""
        return math.isfinite(self.lat) and math.isfinite(self.lon)

    @classmethod
    def from_place(
        cls,
        place: Place,
        role: Role,
        *,
        start: int | None = None,
        end: int | None = None,
        mention: str = "",
    ) -> EventPlace:
        """A gazetteer place in one role of an event (with its mention, when the text gave it)."""
        return cls(role=role, place_id=place.place_id, name=place.name, lat=place.lat,
                   lon=place.lon, feature=Feature(place.feature), country=place.country,
                   precision=Precision(place.precision), start=start, end=end, mention=mention)

    def as_dict(self) -> dict[str, object]:
        """JSON form (coordinates that are not finite become ``None``)."""
        out = asdict(self)
        if not self.placed:
            out["lat"] = out["lon"] = None
        return out


@dataclass(frozen=True, slots=True)
class Event:
    """One event: what happened, who, where (in which role), when, and the evidence.

    Parameters
    ----------
    event_id
        Stable id: document id and evidence offsets, or the imported table's id.
    event_date
        The day, ``None`` when unknown.
    end_date
        Last day for events that span days, else ``None``.
    time_precision
        How sure ``event_date`` is.
    layer
        Map layer.
    event_type, sub_event_type
        ACLED-style labels ("Battles", "Air/drone strike", "Meeting", "Phone call"...).
    cameo_code
        CAMEO event code ("190", "154", "040"...).
    actor1, actor1_country, actor2, actor2_country
        Actors and their ISO country codes.
    fatalities
        Reported deaths, ``None`` when not stated.
    evidence
        The sentence that reports the event.
    doc_id, start, end
        Document and offsets of the evidence sentence.
    source, source_url
        Outlet and link.
    confidence
        0 to 1: how sure the extraction is.
    locations
        Places in their roles.
    kind
        Finer type inside the layer (a call, a meeting, an air strike...).
    count
        Units, ships or people counted ("two warships": 2), ``None`` when not stated.
    evidence_more
        Other sentences that report the same event (merged duplicates).
    fatalities_range
        ``(lowest, highest)`` deaths given by the merged reports when they disagree, else
        ``None``; ``fatalities`` is the figure of the best report.
    plover_event_type
        PLOVER event type ("ASSAULT", "PROTEST", "MOBILIZE"...), "" when not known.
    trigger
        The word that reports the event, as written ("" for imported rows).
    unplaced
        Places the event happened at that neither the gazetteer nor the text's other places
        can put on the map (a village in a text that names no container): their mention and
        offsets are kept, their coordinates are not finite, so that a correction can place them.
    """

    event_id: str
    event_date: date | None
    layer: Layer
    event_type: str
    evidence: str
    doc_id: str
    start: int
    end: int
    end_date: date | None = None
    time_precision: TimePrecision = TimePrecision.UNKNOWN
    sub_event_type: str = ""
    cameo_code: str = ""
    actor1: str = ""
    actor1_country: str = ""
    actor2: str = ""
    actor2_country: str = ""
    fatalities: int | None = None
    source: str = ""
    source_url: str = ""
    confidence: float = 0.5
    locations: tuple[EventPlace, ...] = field(default=())
    kind: EventKind = EventKind.NONE
    count: int | None = None
    evidence_more: tuple[str, ...] = field(default=())
    fatalities_range: tuple[int, int] | None = None
    plover_event_type: str = ""
    trigger: str = ""
    unplaced: tuple[EventPlace, ...] = field(default=())

    def __post_init__(self) -> None:
        """Refuse a layer that is not a :class:`Layer` and days that are not dates, with
        :class:`~geo.errors.RecordError`."""
        if not isinstance(self.layer, Layer):
            raise RecordError(f"event {self.event_id!r}: layer {self.layer!r} is not a Layer")
        for day in (self.event_date, self.end_date):
            if day is not None and not isinstance(day, date):
                raise RecordError(f"event {self.event_id!r}: {day!r} is not a date")

    def places(self, *roles: Role) -> list[EventPlace]:
        """Locations in any of ``roles`` (all when none given), in order."""
        return [p for p in self.locations if not roles or p.role in roles]

    def as_dict(self) -> dict[str, object]:
        """JSON form: flat fields (days as ``YYYY-MM-DD``) plus the ``locations`` list."""
        out = asdict(self)
        out["event_date"] = format_day(self.event_date)
        out["end_date"] = format_day(self.end_date)
        out["locations"] = [p.as_dict() for p in self.locations]
        out["evidence_more"] = list(self.evidence_more)
        out["fatalities_range"] = list(self.fatalities_range) if self.fatalities_range else None
        out["unplaced"] = [p.as_dict() for p in self.unplaced]
        return out
