"""The reading pane: an article's text with its place mentions and event sentences marked.

The HTML is built here, by hand, from the document text and the offsets of its mentions and
events: every piece of text (article, place names, layer names) goes through
:func:`html.escape`, and no template engine sees it, so ``<script>``, ``{{7*7}}`` or an
``<img onerror>`` in an article shows as the characters it is. The tags and attributes used are
fixed here (``div``, ``span``, ``mark``, ``sup``, ``title`` and ``style``), with colours from
:data:`geo.maps.styles.LAYER_STYLES`.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from geo.dates import format_day
from geo.maps.styles import LAYER_STYLES
from geo.model import Event, EventPlace, Role
from geo.parse.resolve import Resolved

__all__ = ["EventSpan", "MentionSpan", "article_html", "event_spans", "mention_place",
           "mention_spans", "mentions_event"]

#: Colour of an event sentence of a layer without a style.
DEFAULT_EVENT_COLOUR = "#888888"
#: Opacity (two hex digits) of an event sentence's background.
EVENT_TINT = "33"
#: Opacity of the selected event's background.
SELECTED_EVENT_TINT = "77"
#: Outline of the selected mention.
SELECTED_MENTION_COLOUR = "#ff00aa"
#: Style of the whole pane (a scrolling box of the article).
PANE_STYLE = (
    "white-space: pre-wrap; line-height: 1.55; max-height: 560px; overflow-y: auto; "
    "padding: 0.6rem 0.8rem; border: 1px solid #ddd; border-radius: 6px; font-size: 0.95rem"
)
MENTION_STYLE = "border-bottom: 2px solid #1f4e99; font-weight: 600"
UNRESOLVED_MENTION_STYLE = "border-bottom: 2px dotted #999"
NUMBER_STYLE = "font-size: 0.7em; color: #1f4e99"


@dataclass(frozen=True, slots=True)
class MentionSpan:
    """A place mention to mark.

    Parameters
    ----------
    start, end
        Offsets in the text.
    number
        Shown after the mention, to find it in the list of mentions beside the pane.
    label
        What it was read as (shown on hover), e.g. "Idlib (SY)"; empty when unresolved.
    """

    start: int
    end: int
    number: int
    label: str = ""


@dataclass(frozen=True, slots=True)
class EventSpan:
    """An event sentence to mark.

    Parameters
    ----------
    start, end
        Offsets of the evidence sentence in the text.
    layer
        The event's layer (its colour).
    label
        Shown on hover, e.g. "Strike, 2020-02-27".
    """

    start: int
    end: int
    layer: str
    label: str = ""


def mention_spans(resolved: Iterable[Resolved]) -> list[MentionSpan]:
    """One :class:`MentionSpan` per resolved mention, numbered from 1 in the text's order."""
    spans = []
    for k, r in enumerate(sorted(resolved, key=lambda r: r.mention.start), start=1):
        where = ", ".join(x for x in (r.place.feature, r.place.country) if x) if r.place else ""
        label = f"{r.place.name} ({where})" if r.place is not None else ""
        spans.append(MentionSpan(r.mention.start, r.mention.end, k, label))
    return spans


def event_spans(events: Iterable[Event]) -> list[EventSpan]:
    """One :class:`EventSpan` per event whose evidence has offsets in its document."""
    spans = []
    for e in events:
        if e.end <= e.start:
            continue
        style = LAYER_STYLES.get(e.layer)
        name = style.label if style is not None else e.layer
        when = format_day(e.event_date) or "undated"
        spans.append(EventSpan(e.start, e.end, e.layer, f"{name}, {when}"))
    return spans


def _colour(layer: str) -> str:
    style = LAYER_STYLES.get(layer)
    return style.color if style is not None else DEFAULT_EVENT_COLOUR


def _attr(value: str) -> str:
    """An attribute value, escaped (quotes included)."""
    return html.escape(value, quote=True)


def _clip(spans: Sequence[MentionSpan | EventSpan], size: int) -> list[tuple[int, int]]:
    return [(max(0, s.start), min(size, s.end)) for s in spans]


def article_html(
    text: str,
    mentions: Sequence[MentionSpan] = (),
    events: Sequence[EventSpan] = (),
    *,
    selected_mention: int | None = None,
    selected_event: tuple[int, int] | None = None,
) -> str:
    """The article as escaped HTML, mentions underlined and event sentences tinted.

    Parameters
    ----------
    text
        The document text (offsets point into it).
    mentions
        Place mentions, by offsets; overlapping ones after the first are skipped.
    events
        Event sentences, by offsets; where two overlap the first given colours the text.
    selected_mention
        Start offset of the mention to outline, if any.
    selected_event
        ``(start, end)`` of the event sentence to tint strongly, if any.

    Returns
    -------
    str
        One ``<div>``; all text in it escaped.
    """
    size = len(text)
    marks: list[MentionSpan] = []
    last_end = -1
    for m, (start, end) in zip(sorted(mentions, key=lambda s: s.start),
                               _clip(sorted(mentions, key=lambda s: s.start), size), strict=True):
        if start >= last_end and end > start:
            marks.append(MentionSpan(start, end, m.number, m.label))
            last_end = end
    sentences = [EventSpan(s, e, ev.layer, ev.label)
                 for ev, (s, e) in zip(events, _clip(events, size), strict=True) if e > s]
    cuts = sorted({0, size, *(p for m in marks for p in (m.start, m.end)),
                   *(p for ev in sentences for p in (ev.start, ev.end))})
    mention_at = {m.start: m for m in marks}
    parts = [f'<div class="cm-article" style="{PANE_STYLE}">']
    open_mention: MentionSpan | None = None
    for a, b in itertools.pairwise(cuts):
        if a in mention_at:
            open_mention = mention_at[a]
        piece = html.escape(text[a:b])
        if open_mention is not None:
            piece = _mention_piece(piece, open_mention, selected_mention)
            if b >= open_mention.end:
                piece += f'<sup style="{NUMBER_STYLE}">{open_mention.number}</sup>'
                open_mention = None
        sentence = next((ev for ev in sentences if ev.start <= a and b <= ev.end), None)
        if sentence is not None:
            piece = _event_piece(piece, sentence, selected_event)
        parts.append(piece)
    parts.append("</div>")
    return "".join(parts)


def _mention_piece(piece: str, mention: MentionSpan, selected: int | None) -> str:
    style = MENTION_STYLE if mention.label else UNRESOLVED_MENTION_STYLE
    if selected == mention.start:
        style += f"; outline: 2px solid {SELECTED_MENTION_COLOUR}; border-radius: 3px"
    title = mention.label or "not resolved to a place"
    return (f'<span class="cm-mention" data-n="{mention.number}" title="{_attr(title)}" '
            f'style="{style}">{piece}</span>')


def _event_piece(piece: str, sentence: EventSpan, selected: tuple[int, int] | None) -> str:
    is_selected = selected == (sentence.start, sentence.end)
    tint = SELECTED_EVENT_TINT if is_selected else EVENT_TINT
    style = f"background: {_colour(sentence.layer)}{tint}; border-radius: 2px"
    css_class = "cm-event cm-selected" if is_selected else "cm-event"
    return (f'<mark class="{css_class}" title="{_attr(sentence.label)}" '
            f'style="{style}; color: inherit">{piece}</mark>')


def mentions_event(events: Sequence[Event], start: int) -> Event | None:
    """The event of a mention starting at ``start``: one that places it, else one whose
    evidence holds it; ``None`` if neither."""
    return (next((e for e in events if any(p.start == start for p in e.locations)), None)
            or next((e for e in events if e.start <= start < e.end), None))


def mention_place(r: Resolved) -> EventPlace | None:
    """A mention's place, for the map's selection ring (a map focus, like an event);
    ``None`` when the mention is unplaced."""
    p, m = r.place, r.mention
    if p is None:
        return None
    return EventPlace.from_place(p, Role.LOCATION, start=m.start, end=m.end, mention=m.text)
