"""An analyst's review of extracted events: confirm, reject or edit, saved and applied on every run.

A review names an event by its id (stable for the same text: the document, the sentence's
offset, the layer and kind) and says what to do with it::

    {"reviews": [{"event_id": "d1:3fa2c0e1b6d4", "decision": "reject", "changes": {},
                  "note": "a 2016 deployment, background"},
                 {"event_id": "d2:77b0c1d2e3f4", "decision": "edit",
                  "changes": {"event_date": "2020-02-27", "layer": "strike"}, "note": ""}]}

A rejected event is left out of the map, the table and every export; a confirmed one gets
confidence 1; an edited one takes the changed fields (and confidence 1). An edit of the places
and roles gives the event's whole new list of places, each as in the event tables
(``{"role": "origin", "place_id": "gn:170063", "name": "Aleppo", "lat": 36.2, "lon": 37.16,
"feature": "PPLA", "country": "SY", "precision": 1}``, with ``start``, ``end``, ``mention``
and ``container`` optional): a role changed, a place removed, a place of the gazetteer added. The file is shared
like the corrections file (:mod:`geo.io.decisions`: strict loading, locked merge-save), so a team
can pass it around and load it elsewhere with ``--reviews``.

:func:`review_queue` orders events for review: the least confident first, and those whose date
lies far from the batch's or whose place lies far from the other places of its article.
"""

from __future__ import annotations

import json
import statistics
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from gazetteer import haversine_km
from geo.dates import parse_day
from geo.errors import ReviewError
from geo.io.decisions import (
    DecisionStore,
    MalformedFileError,
    check_keys,
    json_type,
    string_field,
)
from geo.model import LAYERS, ROLES, Event, EventPlace, Feature, Layer, Precision, Role
from geo.settings import (
    EXACT_GROUP_EVENTS,
    LOW_CONFIDENCE,
    MIN_OTHER_PLACES,
    OUTLIER_DAYS,
    OUTLIER_KM,
)

__all__ = ["EDITABLE", "Decision", "Review", "ReviewReason", "Reviews", "edited",
           "place_from_json", "place_to_json", "review_queue"]

#: Fields an analyst may change, and the JSON type each takes.
EDITABLE: dict[str, type] = {
    "layer": str, "event_type": str, "sub_event_type": str, "event_date": str,
    "end_date": str, "actor1": str, "actor1_country": str, "actor2": str,
    "actor2_country": str, "fatalities": int, "locations": list,
}  # fmt: skip
#: The keys of one place of an edited ``locations``: required, then optional.
PLACE_FIELDS: dict[str, type] = {
    "role": str, "place_id": str, "name": str, "lat": float, "lon": float, "feature": str,
    "country": str, "precision": int,
}  # fmt: skip
PLACE_OPTIONAL: dict[str, type] = {"start": int, "end": int, "mention": str, "container": str}
#: The keys of one review in the file, all required.
FIELDS = ("event_id", "decision", "changes", "note")


class Decision(StrEnum):
    """What the analyst decided about an event."""

    CONFIRM = "confirm"
    REJECT = "reject"
    EDIT = "edit"


@dataclass(frozen=True, slots=True)
class Review:
    """One decision about one event.

    Parameters
    ----------
    event_id
        The event.
    decision
        Confirm, reject or edit.
    changes
        For an edit: ``(field, value)`` pairs, fields from :data:`EDITABLE`.
    note
        Why, in the analyst's words.
    """

    event_id: str
    decision: Decision
    changes: tuple[tuple[str, Any], ...] = ()
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The JSON form of the file."""
        changes = {k: [place_to_json(p) for p in v] if k == "locations" else v
                   for k, v in self.changes}
        return {"event_id": self.event_id, "decision": str(self.decision),
                "changes": changes, "note": self.note}


def edited(earlier: Review | None, event_id: str, changes: Iterable[tuple[str, Any]],
           note: str) -> Review:
    """An edit of ``event_id`` that keeps the fields an ``earlier`` edit changed (the new
    ``changes`` win for the same field; an earlier note is kept when ``note`` is empty)."""
    merged = dict(earlier.changes) if earlier is not None and earlier.decision is Decision.EDIT \
        else {}
    merged.update(changes)
    return Review(event_id, Decision.EDIT, tuple(merged.items()),
                  note or (earlier.note if earlier is not None else ""))


def place_to_json(place: EventPlace) -> dict[str, Any]:
    """One place of an edited event, as the file holds it (empty optional keys left out)."""
    out: dict[str, Any] = {k: getattr(place, k) for k in PLACE_FIELDS}
    out.update(role=str(place.role), feature=str(place.feature), precision=int(place.precision))
    out.update({k: getattr(place, k) for k in PLACE_OPTIONAL
                if getattr(place, k) not in (None, "")})
    return out


def place_from_json(raw: Any) -> EventPlace:
    """One place of an edited event from the file.

    Raises
    ------
    MalformedFileError
        When a key is missing, unknown or ill-typed, the role unknown or the coordinates off
        the globe.
    """
    if not isinstance(raw, dict):
        raise MalformedFileError(f"a place must be an object, found {json_type(raw)}")
    missing = [k for k in PLACE_FIELDS if k not in raw]
    unknown = [k for k in raw if k not in PLACE_FIELDS and k not in PLACE_OPTIONAL]
    if missing or unknown:
        raise MalformedFileError(
            "a place " + "; ".join(
                part for part in (f"lacks {', '.join(map(repr, missing))}" if missing else "",
                                  f"has unknown {', '.join(map(repr, unknown))}" if unknown
                                  else "") if part))
    values: dict[str, Any] = {}
    for key, kind in (*PLACE_FIELDS.items(), *PLACE_OPTIONAL.items()):
        value = raw.get(key)
        if key not in raw:
            continue
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if isinstance(value, bool) or not isinstance(value, kind):
            raise MalformedFileError(f"a place's {key!r} must be {json_type(kind())}, found "
                                     f"{json_type(value)}")
        values[key] = value
    if values["role"] not in ROLES:
        raise MalformedFileError(f"a place's 'role' must be one of {', '.join(ROLES)}")
    if values["feature"] not in set(Feature):
        raise MalformedFileError(f"a place's 'feature' must be one of {', '.join(Feature)}")
    if values["precision"] not in set(Precision):
        raise MalformedFileError("a place's 'precision' must be 1, 2 or 3")
    if not (-90 <= values["lat"] <= 90 and -180 <= values["lon"] <= 180):
        raise MalformedFileError(f"the place {values['name']!r} lies off the globe")
    values.update(role=Role(values["role"]), feature=Feature(values["feature"]),
                  precision=Precision(values["precision"]))
    return EventPlace(**values)


class Reviews(DecisionStore[str, Review]):
    """The reviews of one file (see :class:`geo.io.decisions.DecisionStore` for saving).

    Raises
    ------
    ReviewError
        When the file exists but cannot be read or is not a well-formed reviews file.
    """

    error = ReviewError
    what = "reviews"

    @classmethod
    def load(cls, path: Path) -> Reviews:
        """The reviews saved in ``path`` (none when it does not exist)."""
        return cls(path)

    @classmethod
    def entry_from_json(cls, raw: Any) -> Review:
        return _parse_item(raw)

    @staticmethod
    def entry_to_json(entry: Review) -> dict[str, Any]:
        return entry.as_dict()

    @staticmethod
    def key_of(entry: Review) -> str:
        return entry.event_id

    @staticmethod
    def describe(entry: Review) -> str:
        return f"review of {entry.event_id!r}"

    @classmethod
    def from_bytes(cls, name: str, data: bytes) -> Reviews:
        """Reviews of a file's bytes (an upload), held in memory.

        Raises
        ------
        ReviewError
            When they are not a well-formed reviews file; the message names ``name``.
        """
        with tempfile.TemporaryDirectory(prefix="conflictmap-") as folder:
            path = Path(folder) / "reviews.json"
            path.write_bytes(data)
            try:
                entries = cls.read_file(path)
            except ReviewError as err:
                raise ReviewError(str(err).replace(repr(str(path)), repr(name))) from None
        reviews = cls()
        for entry in entries.values():
            reviews.add(entry)
        return reviews

    def get(self, event_id: str) -> Review | None:
        """The review of an event, if any."""
        return self.lookup(event_id)

    def signature(self) -> str:
        """A text that changes whenever a review changes: part of a cache key."""
        return json.dumps(sorted(json.dumps(r.as_dict(), sort_keys=True) for r in self))

    def apply(self, events: Iterable[Event]) -> list[Event]:
        """``events`` with the reviews applied: rejected ones left out, edited and confirmed
        ones changed (confidence 1); events without a review unchanged, in order."""
        out = []
        for event in events:
            review = self.get(event.event_id)
            if review is None:
                out.append(event)
            elif review.decision is Decision.CONFIRM:
                out.append(replace(event, confidence=1.0))
            elif review.decision is Decision.EDIT:
                out.append(replace(event, confidence=1.0, **_typed(review.changes)))
        return out

    def decide(self, event_id: str, decision: Decision, note: str = "",
               changes: tuple[tuple[str, Any], ...] = ()) -> None:
        """Record one decision about an event: an edit keeps the fields an earlier edit
        changed (``changes`` win for the same field), and confirming an edited event keeps
        its edit (an edit already counts as confirmed)."""
        earlier = self.get(event_id)
        if decision is Decision.EDIT:
            self.add(edited(earlier, event_id, changes, note))
        elif decision is Decision.CONFIRM and earlier is not None \
                and earlier.decision is Decision.EDIT:
            self.add(edited(earlier, event_id, (), note))
        else:
            self.add(Review(event_id, decision, changes, note))

    def merge(self, theirs: Iterable[Review]) -> None:
        """Add a colleague's reviews (theirs win for the same event)."""
        for review in theirs:
            self.add(review)

    def rejected(self) -> list[Review]:
        """The rejections, in the order they were made (to undo one)."""
        return [r for r in self if r.decision is Decision.REJECT]


# ------------------------------------------------------------------------------ the queue
@dataclass(frozen=True, slots=True)
class ReviewReason:
    """Why an event is worth a look, with a weight for ordering (higher first)."""

    event: Event
    weight: float
    reasons: tuple[str, ...]


def _typed(changes: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Edited fields as the record holds them: days as dates, the layer as a :class:`Layer`
    (the file holds their words)."""
    out = dict(changes)
    for field in ("event_date", "end_date"):
        if out.get(field) is not None:
            out[field] = parse_day(str(out[field]))
    if "layer" in out:
        out["layer"] = Layer(out["layer"])
    return out


def _date_outliers(events: Sequence[Event]) -> dict[str, str]:
    days = {e.event_id: e.event_date for e in events}
    known = sorted(d.toordinal() for d in days.values() if d is not None)
    if not known:
        return {}
    middle = statistics.median_low(known)
    return {
        event_id: f"dated {day.isoformat()}, {abs(day.toordinal() - middle):,} days from "
        "the batch's median"
        for event_id, day in days.items()
        if day is not None and abs(day.toordinal() - middle) > OUTLIER_DAYS
    }


def _centre(group: Sequence[Event], leave_out: Event | None) -> tuple[float, float] | None:
    """Median latitude and longitude of the places of ``group`` but ``leave_out``; ``None``
    with fewer than :data:`MIN_OTHER_PLACES` of them."""
    others = [(p.lat, p.lon) for o in group if o is not leave_out for p in o.locations]
    if len(others) < MIN_OTHER_PLACES:
        return None
    return statistics.median(p[0] for p in others), statistics.median(p[1] for p in others)


def _place_outliers(events: Sequence[Event]) -> dict[str, str]:
    """Events all of whose places lie far from the places of the other events of their
    article (at least :data:`MIN_OTHER_PLACES` of them)."""
    by_doc: dict[str, list[Event]] = {}
    for e in events:
        by_doc.setdefault(e.doc_id, []).append(e)
    out: dict[str, str] = {}
    for group in by_doc.values():
        # a large group (an imported table): one centre for all, e's own places a negligible
        # part of it; a small one (an article): the centre of the *other* events' places
        shared = _centre(group, None) if len(group) > EXACT_GROUP_EVENTS else None
        for e in group:
            centre = shared or _centre(group, e)
            if centre is None or not e.locations:
                continue
            lat, lon = centre
            if all(haversine_km(p.lat, p.lon, lat, lon) > OUTLIER_KM for p in e.locations):
                out[e.event_id] = (f"{e.locations[0].name} lies over {OUTLIER_KM:,.0f} km "
                                   "from the article's other places")
    return out


def review_queue(events: Sequence[Event], reviews: Reviews | None = None) -> list[ReviewReason]:
    """Events worth a look, most doubtful first: low confidence, outlying dates and places.

    Events already reviewed are left out.
    """
    dates, places = _date_outliers(events), _place_outliers(events)
    queue = []
    for e in events:
        if reviews is not None and reviews.get(e.event_id) is not None:
            continue
        reasons = []
        if e.confidence < LOW_CONFIDENCE:
            reasons.append(f"confidence {e.confidence:.2f}")
        reasons.extend(r for r in (dates.get(e.event_id), places.get(e.event_id)) if r)
        if reasons:
            weight = (1.0 - e.confidence) + (e.event_id in dates) + (e.event_id in places)
            queue.append(ReviewReason(e, weight, tuple(reasons)))
    return sorted(queue, key=lambda r: -r.weight)


# ----------------------------------------------------------------------------- the file
def _parse_item(raw: Any) -> Review:
    if not isinstance(raw, dict):
        raise MalformedFileError(f"expected an object, found {json_type(raw)}")
    check_keys(raw, FIELDS)
    try:
        decision = Decision(string_field(raw, "decision"))
    except ValueError:
        raise MalformedFileError(
            f"'decision' must be one of {', '.join(d.value for d in Decision)}"
        ) from None
    changes = raw["changes"]
    if not isinstance(changes, dict):
        raise MalformedFileError(f"'changes' must be an object, found {json_type(changes)}")
    return Review(string_field(raw, "event_id"), decision,
                  tuple(_checked_change(k, v) for k, v in changes.items()),
                  string_field(raw, "note"))


def _checked_change(field: str, value: Any) -> tuple[str, Any]:
    """One edited field, its name and value checked."""
    if field not in EDITABLE:
        raise MalformedFileError(f"'{field}' cannot be edited (fields: {', '.join(EDITABLE)})")
    kind = EDITABLE[field]
    if field == "locations":
        if not isinstance(value, list):
            raise MalformedFileError(f"'locations' must be a list, found {json_type(value)}")
        return field, tuple(place_from_json(p) for p in value)
    if value is not None and (isinstance(value, bool) or not isinstance(value, kind)):
        raise MalformedFileError(f"{field!r} must be {json_type(kind())}, found {json_type(value)}")
    if field == "layer" and value not in LAYERS:
        raise MalformedFileError(f"'layer' must be one of {', '.join(LAYERS)}")
    if field in ("event_date", "end_date") and value is not None and parse_day(str(value)) is None:
        raise MalformedFileError(f"{field!r} must be a date YYYY-MM-DD, found {value!r}")
    return field, value
