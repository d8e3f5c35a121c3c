"""Helpers of the event tests that run the pipeline, or the learned stage, on a sentence they
write."""

from __future__ import annotations

from datetime import date

from geo.events.linear import EventModels
from geo.events.stage import sentence_events
from geo.model import Document, Event
from geo.parse.text import split_sentences
from geo.pipeline import Pipeline

#: The published date of the tests' one-sentence articles.
PUBLISHED = date(2024, 5, 6)


def events_of(pipeline: Pipeline, text: str) -> list[Event]:
    """The events of ``text`` as one article published on :data:`PUBLISHED`."""
    return list(pipeline.process([Document("t", text, published=PUBLISHED)]).events)


def roles_of(event: Event) -> dict[str, str]:
    """Each place of ``event`` by its mention (its name when it has none), with its role."""
    return {p.mention or p.name: p.role for p in event.locations}


def one_event(pipeline: Pipeline, text: str, layer: str) -> Event:
    """The one event of ``layer`` in ``text`` (the test fails when there are more or none)."""
    found = [e for e in events_of(pipeline, text) if e.layer == layer]
    assert len(found) == 1, [(e.layer, e.evidence) for e in events_of(pipeline, text)]
    return found[0]


def learned_places(text: str, models: EventModels) -> tuple[list[str], list[str]]:
    """Linked and rejected candidates of the learned stage on a one-sentence text."""
    sentence = split_sentences(text)[0]
    found = sentence_events(sentence, [], text, models)
    assert found, "no event detected"
    linked = [link.candidate.text for e in found for link in e.links]
    return linked, [text[s:e] for s, e in found[0].rejected]
