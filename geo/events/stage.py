"""The learned stage on one sentence: triggers detected, classed, and their places linked.

One event per layer and sentence: the most probable trigger of the layer names it, and the
linker picks its places among the sentence's candidates (the geoparser's mentions and the
capitalised names the gazetteer lacks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from geo.events.candidates import Candidate, candidates
from geo.events.detection import Trigger, score_tokens
from geo.events.features import SentenceTokens
from geo.events.linear import EventModels
from geo.events.linking import Link, link
from geo.events.taxonomy import (
    FAMILIES,
    OUTRIGHT_KINDS,
    EventClass,
    classify,
    classify_in_sentence,
)
from geo.model import Layer
from geo.parse.resolve import Resolved
from geo.parse.text import Sentence, tokenize

#: A word is a trigger from this fraction of the detector's threshold on: the threshold is
#: the best for single words, and a sentence's events gain from a few more (chosen on the
#: validation fold through the pipeline: F1 0.692 at 1, 0.696 at 0.75, 0.694 at 0.5).
TRIGGER_FACTOR = 0.75
#: A sentence with no trigger over the detector's threshold takes its best word from this
#: probability on, when the word itself names a kind of event ("were shelled"). Every
#: annotated sentence reports an event, so the validation fold gains from a lower one (F1
#: 0.697 at 0.03), but ordinary news then gives events ("officers arrived in Dallas").
WEAK_TRIGGER = 0.15
#: ... and, from this probability on, its best word of a kind that names its event outright
#: (:data:`~geo.events.taxonomy.OUTRIGHT_KINDS`: "kidnapped", "rioted").
OUTRIGHT_TRIGGER = 0.03
#: A layer's other triggers than its most probable one link places from this probability
#: on ("launched an offensive in X, targeting Y"); chosen on the validation fold through
#: the pipeline (F1 0.696 from 0.6 to 0.8; from the linker's own threshold they cost
#: more precision than they gain recall).
SECOND_LINK = 0.7


@dataclass(frozen=True, slots=True)
class LearnedEvent:
    """An event the learned stage found in a sentence.

    Parameters
    ----------
    sentence
        The sentence.
    trigger
        The word that reports it.
    event_class
        Its kind, layer, ACLED, PLOVER and CAMEO labels.
    links
        Its places, with roles.
    candidates
        Every place candidate of the sentence (containers for places the gazetteer lacks).
    """

    sentence: Sentence
    trigger: Trigger
    event_class: EventClass
    links: tuple[Link, ...]
    candidates: tuple[Candidate, ...]

    @property
    def layer(self) -> Layer:
        """The event's layer."""
        return self.event_class.layer


@cache
def vocabulary(models: EventModels) -> frozenset[str]:
    """The stems the detector scores: the training data's triggers and the taxonomy's."""
    return models.trigger_stems | frozenset(s for stems in FAMILIES.values() for s in stems)


def triggers_of(sent: SentenceTokens, models: EventModels) -> list[tuple[Trigger, EventClass]]:
    """Triggers with their classes, most probable first."""
    scored = score_tokens(sent, models.detector, vocabulary(models))
    least = models.detector.threshold * TRIGGER_FACTOR
    strong = [t for t in scored if t.probability >= least]
    if not strong:
        for t in sorted(scored, key=lambda t: -t.probability):
            if t.probability < OUTRIGHT_TRIGGER:
                break
            found = classify(sent, t.index)
            if found is not None and (t.probability >= WEAK_TRIGGER
                                      or found.kind in OUTRIGHT_KINDS):
                return [(t, found)]
        return []
    out = []
    for t in sorted(strong, key=lambda t: -t.probability):
        found = classify_in_sentence(sent, t.index)
        if found is not None:
            out.append((t, found))
    return out


def sentence_events(
    sentence: Sentence,
    mentions: Sequence[Resolved],
    text: str,
    models: EventModels,
    exclude: Sequence[tuple[int, int]] = (),
) -> list[LearnedEvent]:
    """Events of one sentence, one per layer.

    Parameters
    ----------
    sentence
        The sentence (offsets into ``text``).
    mentions
        The geoparser's mentions in the sentence.
    text
        The document text.
    models
        The detector and the linker.
    exclude
        Character spans that hold no place (actors' names: "the Black Sea Fleet").
    """
    sent = SentenceTokens.of(tokenize(sentence.text, sentence.start))
    triggers = triggers_of(sent, models)
    if not triggers:
        return []
    found = tuple(c for c in candidates(sent, mentions, text)
                  if not any(s <= c.start and c.end <= e for s, e in exclude))
    # one event per layer, named by its most probable trigger; its places are those linked
    # to any trigger of the layer ("launched an offensive in X, targeting Y")
    named: dict[Layer, tuple[Trigger, EventClass]] = {}
    linked: dict[Layer, dict[int, Link]] = {}
    for trigger, event_class in triggers:
        layer = event_class.layer
        first = layer not in named
        named.setdefault(layer, (trigger, event_class))
        places = linked.setdefault(layer, {})
        for one in link(sent, trigger.index, found, layer, models.linker,
                        models.more_threshold, models.context):
            if not first and one.probability < SECOND_LINK:
                continue
            key = one.candidate.start
            if key not in places or places[key].probability < one.probability:
                places[key] = one
    return [LearnedEvent(sentence, trigger, event_class,
                         tuple(sorted(linked[layer].values(), key=lambda k: k.candidate.start)),
                         found)
            for layer, (trigger, event_class) in named.items()]
