"""Which events to show or export: by layer, actor country, date range and confidence.

The app's sidebar and the CLI's ``--layers``/``--countries``/``--since``/``--until``/
``--min-confidence`` options build the same :class:`EventFilter`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from geo.dates import parse_day
from geo.io.dates_meta import bulk_range
from geo.model import LAYERS, Event

__all__ = ["EventFilter", "bulk_filter", "parse_day"]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What to keep; the defaults keep everything.

    Parameters
    ----------
    layers
        Layers kept.
    countries
        ISO codes: an event is kept when either actor is of one of them; empty keeps all.
    start, end
        Date range, both days included; an event is kept when its dates overlap it.
    keep_undated
        Keep events without a date.
    min_confidence
        Lowest confidence kept.
    """

    layers: tuple[str, ...] = LAYERS
    countries: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    keep_undated: bool = True
    min_confidence: float = 0.0

    def keep(self, event: Event) -> bool:
        """Whether ``event`` passes."""
        if event.layer not in self.layers or event.confidence < self.min_confidence:
            return False
        if self.countries and not (
            event.actor1_country in self.countries or event.actor2_country in self.countries
        ):
            return False
        first = event.event_date
        if first is None:
            return self.keep_undated
        last = event.end_date or first
        return not (
            (self.start is not None and last < self.start)
            or (self.end is not None and first > self.end)
        )

    def apply(self, events: Iterable[Event]) -> list[Event]:
        """The events that pass, in order."""
        return [e for e in events if self.keep(e)]


def bulk_filter(events: Sequence[Event]) -> EventFilter:
    """The filter that keeps every layer and country, undated events and any confidence, and
    the days most of ``events`` fall in (:func:`geo.io.dates_meta.bulk_range`: dates far
    from the others, a misread year, are left out); all days when none is dated."""
    bulk = bulk_range([e.event_date for e in events])
    start, end = (bulk.start, bulk.end) if bulk is not None else (None, None)
    return EventFilter(tuple(LAYERS), (), start, end, True, 0.0)
