"""What the app's tables and captions say: rows of the events table, the event feed and a
mention's candidates, the timeline's counts, and one-line labels of layers, places, mentions
and outlying dates.

Plain data and text only: the app (``app.py``) draws them. pandas is imported where a table
is built (the app's first page needs none).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from gazetteer import Place
from geo.dates import format_day
from geo.io.dates_meta import BulkRange
from geo.model import LAYERS, Event, Layer, MentionKind
from geo.parse.resolve import Resolved

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CANDIDATE_COLUMNS", "EVENT_COLUMNS", "FEED_COLUMNS", "FEED_EVIDENCE_CHARS",
    "MAX_LISTED_OUTLIERS", "candidate_rows", "event_rows", "feed_order", "feed_rows",
    "layer_label", "mention_label", "outlier_note", "place_label", "timeline_counts",
]

#: Characters of an event's evidence shown in the feed.
FEED_EVIDENCE_CHARS = 140
#: Outlying dates listed one by one under the date filter.
MAX_LISTED_OUTLIERS = 5
#: Columns of the events table, the feed and a mention's candidates.
EVENT_COLUMNS = ("date", "layer", "actors", "places", "evidence", "source", "confidence",
                 "event_id")
FEED_COLUMNS = ("date", "layer", "what", "source")
CANDIDATE_COLUMNS = ("place", "feature", "country", "lat", "lon", "prior", "how", "id")


def layer_label(layer: str) -> str:
    """Human name of a layer (as in the map's layer control); a name that is no layer is
    written with spaces and a capital."""
    return Layer(layer).label if layer in LAYERS else layer.replace("_", " ").capitalize()


def _days(event: Event) -> str:
    """The event's day, or its first and last day, as ``YYYY-MM-DD`` ("" when undated)."""
    when = format_day(event.event_date) or ""
    if event.end_date and event.end_date != event.event_date:
        when = f"{when} – {format_day(event.end_date)}"
    return when


def _actors(event: Event) -> str:
    """The event's actors with their countries ("Erdogan (TR) → Putin (RU)")."""
    return " → ".join(
        f"{name} ({cc})" if cc else name
        for name, cc in ((event.actor1, event.actor1_country), (event.actor2, event.actor2_country))
        if name
    )


def event_rows(events: Sequence[Event]) -> pd.DataFrame:
    """The events table: one row per event."""
    import pandas as pd

    rows = [{
        "date": _days(e),
        "layer": e.layer,
        "actors": _actors(e),
        "places": "; ".join(f"{p.role}: {p.name}" for p in e.locations),
        "evidence": e.evidence,
        "source": e.source or e.doc_id,
        "confidence": round(float(e.confidence), 2),
        "event_id": e.event_id,
    } for e in events]
    return pd.DataFrame(rows, columns=list(EVENT_COLUMNS))


def feed_order(events: Sequence[Event], newest_first: bool) -> list[Event]:
    """Events by date (and place of the evidence in its text), undated ones last."""
    dated = sorted((e for e in events if e.event_date is not None),
                   key=lambda e: (e.event_date, e.doc_id, e.start), reverse=newest_first)
    return dated + [e for e in events if e.event_date is None]


def _short(text: str, chars: int) -> str:
    """``text`` on one line, cut to ``chars`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= chars else flat[:chars] + "…"


def feed_rows(events: Sequence[Event], chars: int = FEED_EVIDENCE_CHARS) -> pd.DataFrame:
    """The feed: date, layer and the first ``chars`` characters of the evidence per event."""
    import pandas as pd

    return pd.DataFrame(
        [{"date": format_day(e.event_date) or "undated", "layer": layer_label(e.layer),
          "what": _short(e.evidence, chars), "source": e.source or e.doc_id} for e in events],
        columns=list(FEED_COLUMNS),
    )


def timeline_counts(events: Sequence[Event]) -> list[dict[str, object]]:
    """Events per day and layer (``{"day", "layer", "events"}``, days as ``YYYY-MM-DD``, in
    the order first met); undated events are left out."""
    counts: dict[tuple[str, str], int] = {}
    for e in events:
        if e.event_date is not None:
            day = (e.event_date.isoformat(), str(e.layer))
            counts[day] = counts.get(day, 0) + 1
    return [{"day": day, "layer": layer, "events": n} for (day, layer), n in counts.items()]


def place_label(place: Place) -> str:
    """One line naming a gazetteer place."""
    where = ", ".join(x for x in (place.feature, place.country) if x)
    return f"{place.name} ({where}; {place.lat:.2f}, {place.lon:.2f}) [{place.place_id}]"


def mention_label(r: Resolved) -> str:
    """One line naming a mention and its current reading."""
    target = r.place.name if r.place is not None else "none"
    kind = "" if r.mention.kind == MentionKind.TOPONYM else f" [{r.mention.kind}]"
    return f"{r.mention.text}{kind} @{r.mention.start} → {target} (score {r.score:.2f})"


def candidate_rows(r: Resolved) -> pd.DataFrame:
    """The places a mention may refer to: the current reading first, then the runners-up,
    each with the gazetteer's context-free prior (the current reading's score in context is
    said beside it)."""
    import pandas as pd

    priors = {c.place.place_id: c.prior for c in r.alternatives}
    rows: list[tuple[Place, float | None, str]] = []
    if r.place is not None:
        rows.append((r.place, priors.get(r.place.place_id), "current"))
    rows.extend((c.place, c.prior, c.kind) for c in r.alternatives
                if r.place is None or c.place.place_id != r.place.place_id)
    return pd.DataFrame(
        [{"place": p.name, "feature": p.feature, "country": p.country,
          "lat": round(p.lat, 3), "lon": round(p.lon, 3),
          "prior": None if prior is None else round(float(prior), 2),
          "how": how, "id": p.place_id} for p, prior, how in rows],
        columns=list(CANDIDATE_COLUMNS),
    )


def outlier_note(events: Sequence[Event], bulk: BulkRange,
                 listed: int = MAX_LISTED_OUTLIERS) -> str:
    """What the analyst reads under the date filter about the events left out of its default
    (the first ``listed`` outliers by name, the rest counted)."""
    named = "; ".join(
        f"{events[k].event_date} ({layer_label(events[k].layer).lower()}, "
        f"{events[k].evidence[:60]})"
        for k in bulk.outliers[:listed]
    )
    more = len(bulk.outliers) - listed
    return (f"{len(bulk.outliers)} event(s) dated outside {bulk.start} – {bulk.end}, far from "
            f"the others: {named}" + (f" and {more} more" if more > 0 else ""))
