"""The learned stage on one sentence: triggers detected, classed, and their places linked.

One event per layer and sentence: the most probable trigger of the layer names it, and the
linker picks its places among the sentence's candidates (the geoparser's mentions and the
capitalised names the gazetteer lacks).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import accumulate

from geo.errors import InputError
from geo.events.candidates import (
    KIND_UNKNOWN,
    Candidate,
    bearing_framed,
    candidates,
    settlement_framed,
)
from geo.events.detection import Trigger, score_tokens
from geo.events.features import Parts, SentenceTokens
from geo.events.linear import EventModels
from geo.events.linking import (
    Link,
    link,
    list_mates,
    locates,
    owns_part,
    possessor,
    role_of,
    scores,
)
from geo.events.scene import (
    TREE_NAMES,
    best_events,
    scene_numbers,
    scene_parts_and_numbers,
)
from geo.events.taxonomy import (
    FAMILIES,
    EventClass,
    classify,
    classify_in_sentence,
    named_event,
    named_outright,
    sentence_class,
)
from geo.model import EventKind, Layer, Role
from geo.parse.resolve import Resolved
from geo.parse.text import Sentence, tokenize
from geo.parse.toponyms import KIND_DEMONYM
from geo.settings import (
    FROM_GAP_TOKENS,
    OUTRIGHT_TRIGGER,
    ROUTE_FACTOR,
    SECOND_LINK,
    SETTLEMENT_FACTOR,
    WEAK_TRIGGER,
)

#: Layers of movements, whose places on the route (:data:`ROUTE`) the scene model does not
#: overrule.
MOVING = frozenset({Layer.TROOP_MOVEMENT, Layer.NAVAL_DEPLOYMENT, Layer.DISPLACEMENT})
ROUTE = frozenset({Role.ORIGIN, Role.VIA, Role.DESTINATION})


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
    rejected
        Character spans of the candidates the scene model (:mod:`geo.events.scene`) found
        to be no place of the sentence's events: the rules drop their places there too.
    """

    sentence: Sentence
    trigger: Trigger
    event_class: EventClass
    links: tuple[Link, ...]
    candidates: tuple[Candidate, ...]
    rejected: tuple[tuple[int, int], ...] = ()

    @property
    def layer(self) -> Layer:
        """The event's layer."""
        return self.event_class.layer


@cache
def vocabulary(models: EventModels) -> frozenset[str]:
    """The stems the detector scores: the training data's triggers and the taxonomy's."""
    return models.trigger_stems | frozenset(s for stems in FAMILIES.values() for s in stems)


def triggers_of(sent: SentenceTokens, models: EventModels) -> list[tuple[Trigger, EventClass]]:
    """Triggers with their classes, most probable first: the words over the detector's
    threshold that report a kind of event, else the one :func:`_weak_trigger` finds."""
    scored = score_tokens(sent, models.detector, vocabulary(models))
    # (a lower bar, 0.75 of the threshold, gained 0.004 on the validation fold through the
    # pipeline without the scene model and lost 0.003 with it)
    strong = sorted((t for t in scored if t.probability >= models.detector.threshold),
                    key=lambda t: -t.probability)
    out = [(t, sentence_class(sent, found)) for t in strong
           if (found := classify_in_sentence(sent, t.index)) is not None]
    return out or _weak_trigger(sent, scored)


def _weak_trigger(sent: SentenceTokens, scored: Sequence[Trigger]
                  ) -> list[tuple[Trigger, EventClass]]:
    """The trigger of a sentence whose words over the detector's threshold report no event:
    its most probable word from :data:`WEAK_TRIGGER` on that names a kind of event, or one
    from :data:`OUTRIGHT_TRIGGER` on that names its event outright ("were kidnapped"), else
    a word that names an event no reader doubts (:func:`named_event`); none when none does."""
    for t in sorted(scored, key=lambda t: -t.probability):
        if t.probability < OUTRIGHT_TRIGGER:
            break
        found = classify(sent, t.index)
        if found is not None and not named_outright(sent, t.index, found) and t.index > 0 \
                and sent.lower[t.index - 1] == "to":
            # an aim, not a deed: "the airport the rebels have used to target shipping"
            # (but "used tear gas to disperse the crowd": the dispersal is told outright)
            continue
        if found is not None and (t.probability >= WEAK_TRIGGER
                                  or named_outright(sent, t.index, found)):
            return [(t, sentence_class(sent, found))]
    # "fighting raged in X", "workers went on strike" (validation fold 0.738 -> 0.739)
    for i, token in enumerate(sent.tokens):
        if (found := named_event(sent, i)) is not None:
            trigger = next((t for t in scored if t.index == i), None) or Trigger(
                i, token.start, token.end, token.text, sent.stems[i], 0.0)
            return [(trigger, sentence_class(sent, found))]
    return []


def kept_triggers(triggers: Sequence[tuple[Trigger, EventClass]]
                  ) -> list[tuple[Trigger, EventClass]]:
    """The first trigger of each layer (``triggers`` most probable first): one event per
    layer and sentence."""
    kept: list[tuple[Trigger, EventClass]] = []
    layers: set[Layer] = set()
    for trigger, event_class in triggers:
        if event_class.layer not in layers:
            layers.add(event_class.layer)
            kept.append((trigger, event_class))
    return kept


#: A sentence of a document for the learned stage: the sentence, the geoparser's mentions in
#: it, and the character spans in it that hold no place (see :func:`sentence_events`).
SentenceInput = tuple[Sentence, Sequence[Resolved], Sequence[tuple[int, int]]]


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
    return document_events([(sentence, mentions, exclude)], text, models)[0]


def document_events(sentences: Sequence[SentenceInput], text: str, models: EventModels
                    ) -> list[list[LearnedEvent]]:
    """The :func:`sentence_events` of each sentence of a document (the same events): the
    scene trees score the candidates of all the sentences at once, which costs far less
    than a call per sentence."""
    staged = [_staged(sentence, mentions, text, models, exclude)
              for sentence, mentions, exclude in sentences]
    pending = [s for s in staged if isinstance(s, _Scene)]
    trees = models.scene_trees
    if trees is not None and pending:
        if trees.names != TREE_NAMES:
            raise InputError("the scene trees of the event models were trained on other "
                             "inputs than this code makes: retrain (scripts/train_events.py)")
        decisions = trees.probabilities([row for s in pending for row in s.tree_inputs()])
        ends = list(accumulate(len(s.found) for s in pending))
        decided = iter([s.decided(decisions[end - len(s.found) : end], trees.threshold, models)
                        for s, end in zip(pending, ends, strict=True)])
        staged = [next(decided) if isinstance(s, _Scene) else s for s in staged]
    elif models.scene is not None:
        staged = [s.decided(s.scene, models.scene.threshold, models)
                  if isinstance(s, _Scene) else s for s in staged]
    return carried_classes([s for s in staged if not isinstance(s, _Scene)])


#: "The attack occurred near X", "claimed the attack, which occurred in X": the event of the
#: sentence before, told again.
_THE_ATTACK = re.compile(r"\b[Tt]he\s+(?:attack|assault|blast|bombing|explosion|strike|raid)\b")
#: Words of a fight: a clash told as such keeps its class.
_FIGHTING = re.compile(r"\b(?:clash\w*|battl\w*|fought|fighting|gunfight|firefight|"
                       r"exchange\w* of fire)\b", re.I)


def carried_classes(events: list[list[LearnedEvent]]) -> list[list[LearnedEvent]]:
    """The events of a document's sentences (in order), with an armed clash that only tells
    again of "the attack" of the sentence right before taking that attack's class ("Sea
    drones struck a landing ship. The attack occurred off the coast near X": a drone strike
    on a ship near X, not a battle there)."""
    out: list[list[LearnedEvent]] = []
    before: EventClass | None = None
    for found in events:
        out.append([replace(e, event_class=before) if (
            before is not None and e.event_class.kind == EventKind.ARMED_CLASH
            and _THE_ATTACK.search(e.sentence.text) and not _FIGHTING.search(e.sentence.text))
            else e for e in found])
        before = next((e.event_class for e in found if e.event_class.layer == Layer.STRIKE
                       and e.event_class.kind != EventKind.ARMED_CLASH), None)
    return out


def _staged(sentence: Sentence, mentions: Sequence[Resolved], text: str, models: EventModels,
            exclude: Sequence[tuple[int, int]]) -> list[LearnedEvent] | _Scene:
    """The events of one sentence, or, when the scene model decides on its places, the
    :class:`_Scene` that waits for the scene trees' decisions."""
    sent = SentenceTokens.of(tokenize(sentence.text, sentence.start))
    triggers = triggers_of(sent, models)
    if not triggers:
        return []
    found = tuple(c for c in candidates(sent, mentions, text)
                  if not any(s <= c.start and c.end <= e for s, e in exclude))
    if models.scene is not None:
        kept = kept_triggers(triggers)
        if not found:
            return [LearnedEvent(sentence, t, c, (), found) for t, c in kept]
        probs, parts, numbers = scene_rows(sent, kept, found, models)
        scene = models.scene
        return _Scene(sentence, sent, kept, found, probs,
                      [scene.probability_of(*f) for f in parts], numbers)
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


def scene_inputs(sent: SentenceTokens, kept: Sequence[tuple[Trigger, EventClass]],
                 found: Sequence[Candidate], models: EventModels) -> tuple[
                     list[list[float]], list[Parts]]:
    """The linker's probabilities of each candidate for each event of ``kept``, and the
    :func:`~geo.events.scene.scene_parts` of each candidate (the features, for training,
    are their :func:`~geo.events.features.render`)."""
    probs, parts, _ = scene_rows(sent, kept, found, models)
    return probs, parts


def scene_rows(sent: SentenceTokens, kept: Sequence[tuple[Trigger, EventClass]],
               found: Sequence[Candidate], models: EventModels
               ) -> tuple[list[list[float]], list[Parts], list[list[float]]]:
    """:func:`scene_inputs` and the :func:`tree_numbers` of its probabilities (the same
    values), made together."""
    probs = [scores(sent, t.index, found, models.linker, models.context, models.pair_tables)
             for t, _ in kept]
    parts, numbers = scene_parts_and_numbers(
        sent, found, probs, [t.probability for t, _ in kept], [t.index for t, _ in kept],
        [c.layer.value for _, c in kept])
    return probs, parts, numbers


def tree_numbers(sent: SentenceTokens, kept: Sequence[tuple[Trigger, EventClass]],
                 found: Sequence[Candidate], probs: Sequence[Sequence[float]]
                 ) -> list[list[float]]:
    """The :func:`~geo.events.scene.scene_numbers` of each candidate (``probs`` as
    :func:`scene_inputs` gives them); the scene trees' input is the scene model's probability
    followed by these."""
    return scene_numbers(sent, found, probs, [t.probability for t, _ in kept],
                         [t.index for t, _ in kept], [c.layer.value for _, c in kept])


@dataclass(frozen=True, slots=True)
class _Scene:
    """A sentence whose candidates wait for the scene model's decision (the scene trees'
    when the models have them, over all the document's candidates at once).

    Parameters
    ----------
    sentence
        The sentence.
    sent
        Its tokens.
    kept
        Its events: the first trigger of each layer, most probable first.
    found
        Its place candidates (one at least).
    probs
        The linker's probability of each candidate for each event of ``kept``.
    scene
        The scene model's probability of each candidate.
    numbers
        The :func:`tree_numbers` of each candidate.
    """

    sentence: Sentence
    sent: SentenceTokens
    kept: Sequence[tuple[Trigger, EventClass]]
    found: tuple[Candidate, ...]
    probs: list[list[float]]
    scene: list[float]
    numbers: list[list[float]]

    def tree_inputs(self) -> list[list[float]]:
        """The scene trees' input of each candidate: the scene model's probability, then
        its :func:`tree_numbers`."""
        return [[p, *x] for p, x in zip(self.scene, self.numbers, strict=True)]

    def decided(self, decisions: Sequence[float], cut: float, models: EventModels
                ) -> list[LearnedEvent]:
        """The events with the places accepted by ``decisions`` (the probability of each
        candidate that it is a place of the sentence's events, accepted from ``cut``), each
        a place of its most probable event (but a region named to locate the accepted place
        before it: see :func:`~geo.events.linking.locates`), and a movement's route places
        the linker keeps; the others are :attr:`LearnedEvent.rejected`."""
        return _decided(self.sentence, self.sent, self.kept, self.found, self.probs,
                        decisions, cut, models)


def _decided(sentence: Sentence, sent: SentenceTokens, kept: Sequence[tuple[Trigger, EventClass]],
             found: tuple[Candidate, ...], probs: Sequence[Sequence[float]],
             accepted: Sequence[float], cut: float, models: EventModels
             ) -> list[LearnedEvent]:
    """:meth:`_Scene.decided` (its ``decisions`` are ``accepted`` here)."""
    # the names of one list share the decision of its most probable one ("operations in
    # Kunduz, Faryab and Helmand")
    decisions = [max([p, *(accepted[m] for m in mates)])
                 for p, mates in zip(accepted, list_mates(sent, found), strict=True)]
    owner = best_events(probs, len(found))
    links: list[list[Link]] = [[] for _ in kept]
    rejected = []
    owners = [possessor(sent, c) or (k + 1 < len(found) and owns_part(sent, c, found[k + 1]))
              for k, c in enumerate(found)]
    # an owner accepted passes its decision on to the part it names, the place ("the Gaza
    # Strip's Nusseirat camp", "Manila's province of Pampanga"); a people is no part
    for k in range(len(found) - 1):
        part = found[k + 1]
        if owners[k] and part.span.kind != KIND_DEMONYM and (
                part.span.first == found[k].span.last or owns_part(sent, found[k], part)):
            decisions[k + 1] = max(decisions[k + 1], decisions[k])
    threshold = models.context.threshold if models.context is not None \
        else models.linker.threshold
    # a village the gazetteer lacks, framed as a settlement ("targeting the town of X"),
    # from a fraction of the cut
    for k, c in enumerate(found):
        if c.span.kind == KIND_UNKNOWN and decisions[k] >= cut * SETTLEMENT_FACTOR \
                and settlement_framed(sent, c):
            decisions[k] = max(decisions[k], cut)
    # the one place of a sentence that a bearing frames is where its event happened
    # ("killed in two attacks that took place southwest of Kirkuk province", "a blast 40 km
    # north of X")
    # (a people is no place: "Iraqi sources said ... southwest of Kirkuk province")
    named = [k for k, c in enumerate(found) if c.span.kind != KIND_DEMONYM]
    if len(named) == 1 and bearing_framed(sent, found[named[0]]):
        decisions[named[0]] = max(decisions[named[0]], cut)
    for k, (c, p) in enumerate(zip(found, decisions, strict=True)):
        if owners[k]:
            rejected.append((c.start, c.end))
            continue
        # the most specific place: a region named after an accepted place to locate it
        # ("the Korvane area of Dastor district") is no place of its own
        framing = k > 0 and decisions[k - 1] >= cut and not owners[k - 1] \
            and locates(sent, found[k - 1], c)
        if p >= cut and not framing:
            j = owner[k]
            links[j].append(Link(c, role_of(sent, c, kept[j][1].layer), p))
            continue
        # A movement's route is where it happened ("entered Azaz from Turkey"), as the
        # linker keeps it: from a fraction of its threshold.
        route = next(((j, role) for j, (_, ec) in enumerate(kept) if ec.layer in MOVING
                      and c.span.kind != KIND_DEMONYM
                      and probs[j][k] >= threshold * ROUTE_FACTOR
                      and (role := role_of(sent, c, ec.layer)) in ROUTE), None)
        if route is None:
            rejected.append((c.start, c.end))
            continue
        links[route[0]].append(Link(c, route[1], probs[route[0]][k]))
    for j, (_, ec) in enumerate(kept):
        if ec.layer in MOVING:
            origin = _origin_after(sent, found, links[j], rejected)
            if origin is not None:
                k, c = origin
                links[j].append(Link(c, Role.ORIGIN, probs[j][k]))
                rejected.remove((c.start, c.end))
    return [LearnedEvent(sentence, t, c, tuple(links[j]), found, tuple(rejected))
            for j, (t, c) in enumerate(kept)]


def _origin_after(sent: SentenceTokens, found: tuple[Candidate, ...], links: Sequence[Link],
                  rejected: Sequence[tuple[int, int]]) -> tuple[int, Candidate] | None:
    """A rejected candidate that "from" puts right after a movement's destination ("entered
    the Syrian city of Azaz from Turkey"): where the movement came from."""
    ends = [link.candidate.span.last for link in links if link.role == Role.DESTINATION]
    for k, c in enumerate(found):
        if (c.start, c.end) in rejected and c.span.kind != KIND_DEMONYM \
                and c.span.first >= 1 and sent.lower[c.span.first - 1] == "from" \
                and any(0 <= c.span.first - end <= FROM_GAP_TOKENS for end in ends):
            return k, c
    return None
