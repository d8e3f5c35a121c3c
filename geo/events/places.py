"""Linked candidates to event places: a gazetteer place as it is; a name the gazetteer lacks
keeps its mention and offsets and borrows the coordinates of the best container the text gives
(the nearest placed name of its sentence, else of the sentences just before), with ACLED's
geo precision 2 (near a town) or 3 (in a region or country). A name with no container at all
is kept apart, unplaced, for a correction to place."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from gazetteer import Place
from geo.events.candidates import Candidate
from geo.events.stage import LearnedEvent
from geo.model import EventPlace, Feature, Precision, Role
from geo.parse.resolve import Resolved
from geo.parse.toponyms import KIND_DEMONYM, KIND_ORGANISATION

#: ``place_id`` prefix of a place the gazetteer lacks.
UNPLACED_PREFIX = "unplaced:"
#: Feature class given to a place the gazetteer lacks.
UNPLACED_FEATURE = Feature.UNPLACED
#: Container features whose name puts a place near a town (ACLED precision 2); the others
#: (regions, countries, seas) give precision 3.
TOWN_FEATURES = frozenset({"city", "town", "village", "port", "base", "venue", "seat"})
#: Sentences looked back at for a container.
CONTAINER_SENTENCES = 3


def event_place(r: Resolved, role: Role) -> EventPlace:
    """The event place of a resolved mention."""
    if r.place is None:
        raise ValueError(f"{r.mention.text!r} has no place")
    return EventPlace.from_place(r.place, role, start=r.mention.start, end=r.mention.end,
                                 mention=r.mention.text)


def _placed(r: Resolved | None) -> Place | None:
    if r is None or r.place is None or r.mention.kind == KIND_ORGANISATION:
        return None
    return r.place


def _container(c: Candidate, found: LearnedEvent,
               by_sentence: Mapping[int, Sequence[Resolved]]) -> Place | None:
    """The best container of an unknown name: the known place it is named after ("Manila
    Bay"), else the nearest placed name of its sentence (a toponym before a demonym), else
    the last of the sentences just before."""
    if c.inside is not None and c.inside.place is not None:
        return c.inside.place
    near = sorted(
        (k for k in found.candidates if _placed(k.resolved) is not None),
        key=lambda k: (k.resolved is not None and k.resolved.mention.kind == KIND_DEMONYM,
                       abs(k.start - c.start)))
    if near and near[0].resolved is not None:
        return near[0].resolved.place
    for back in range(1, CONTAINER_SENTENCES + 1):
        prior = [r for r in by_sentence.get(found.sentence.index - back, ())
                 if _placed(r) is not None and r.mention.kind != KIND_DEMONYM]
        if prior:
            return prior[-1].place
    return None


def _slug(text: str) -> str:
    return re.sub(r"\W+", "-", text.casefold()).strip("-")


def unknown_place(c: Candidate, role: Role, container: Place | None) -> EventPlace:
    """The event place of a name the gazetteer lacks, at its container when there is one."""
    lat, lon = (container.lat, container.lon) if container else (math.nan, math.nan)
    precision = (Precision.PART_OF_REGION if container is not None
                 and container.feature in TOWN_FEATURES else Precision.REGION)
    return EventPlace(role=role, place_id=UNPLACED_PREFIX + _slug(c.text), name=c.text,
                      lat=lat, lon=lon, feature=UNPLACED_FEATURE,
                      country=container.country if container else "", precision=precision,
                      start=c.start, end=c.end, mention=c.text,
                      container=container.name if container else "")


def linked_places(found: LearnedEvent, by_sentence: Mapping[int, Sequence[Resolved]]
                  ) -> tuple[list[EventPlace], list[EventPlace]]:
    """The places of a learned event that can be drawn, and those that cannot (no container).

    Parameters
    ----------
    found
        The learned event.
    by_sentence
        The document's mentions by sentence index (containers from the sentences before).
    """
    placed: list[EventPlace] = []
    unplaced: list[EventPlace] = []
    for link in found.links:
        c = link.candidate
        place = _placed(c.resolved)
        if c.resolved is not None and place is not None:
            placed.append(event_place(c.resolved, link.role))
            continue
        if c.resolved is not None and c.resolved.mention.kind == KIND_DEMONYM:
            continue
        container = _container(c, found, by_sentence)
        target = placed if container is not None else unplaced
        target.append(unknown_place(c, link.role, container))
    return placed, unplaced
