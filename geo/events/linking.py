"""Which place candidates of a sentence are where its event happened (the linker learned from
annotated news), and in which role (from the words before the place and the event's layer)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from geo.events.candidates import Candidate
from geo.events.features import NUMBERS, Parts, SentenceTokens, pair_parts, render
from geo.events.linear import ContextModel, LinearModel, PairTables
from geo.model import Layer
from geo.model import Role as Role  # its home is the records; still importable here
from geo.parse.toponyms import KIND_DEMONYM
from geo.settings import CUE_TOKENS, LOCATING_GAP_TOKENS, LONE_FACTOR, ROUTE_FACTOR
from geo.settings import LINK_GAP_TOKENS as _GAP_TOKENS
from geo.settings import PART_WORDS as _PART_WORDS

#: Words before a place -> its role in a movement.
MOVEMENT_CUES: dict[str, Role] = {
    "from": Role.ORIGIN, "leaving": Role.ORIGIN, "left": Role.ORIGIN, "out": Role.ORIGIN,
    "through": Role.VIA, "via": Role.VIA, "across": Role.VIA, "along": Role.VIA,
    "down": Role.VIA, "up": Role.VIA, "past": Role.VIA, "over": Role.VIA,
    "to": Role.DESTINATION, "towards": Role.DESTINATION, "toward": Role.DESTINATION,
    "into": Role.DESTINATION, "for": Role.DESTINATION, "entered": Role.DESTINATION,
    "enter": Role.DESTINATION, "entering": Role.DESTINATION, "reached": Role.DESTINATION,
    "reach": Role.DESTINATION, "reaching": Role.DESTINATION,
}
#: Words before a place that make it the target of an attack ("an attack on X"); a place
#: struck directly ("shelled X") is where the strike happened, its location.
TARGET_CUES = frozenset({"on", "against"})
#: Words that may stand between a cue and the place ("into the Syrian city of X").
SKIPPED = frozenset({"the", "a", "an", "its", "their", "his", "her", "of", "city", "town",
                     "village", "port", "province", "region", "district", "area", "capital",
                     "island", "border", "gulf", "coast", "outskirts", "countryside", "northern",
                     "southern", "eastern", "western", "central", "north", "south", "east",
                     "west", "northeast", "northwest", "southeast", "southwest", "key",
                     "strategic", "besieged", "nearby", "neighbouring", "neighboring",
                     "rebel", "held", "-", "government", "coastal", "town's", "city's"})
_MOVING = frozenset({Layer.TROOP_MOVEMENT, Layer.NAVAL_DEPLOYMENT, Layer.DISPLACEMENT})
_ROUTE = frozenset({Role.ORIGIN, Role.VIA, Role.DESTINATION})


@dataclass(frozen=True, slots=True)
class Link:
    """A candidate linked to an event.

    Parameters
    ----------
    candidate
        The place candidate.
    role
        Its role.
    probability
        The linker's probability.
    """

    candidate: Candidate
    role: Role
    probability: float


def cue_before(sent: SentenceTokens, first: int) -> str:
    """The word that gives a place its role: the nearest word before it that is not an
    article, a place noun or a direction ("into the Syrian city of X" -> "into"), or "" at a
    capitalised word (another name) or the sentence start."""
    k = first - 1
    while k >= 0 and first - k <= CUE_TOKENS:
        word = sent.lower[k]
        if word not in SKIPPED and not sent.tokens[k].text[:1].isupper():
            return word
        k -= 1
    return ""


#: Homes left behind right before a place: where people fled from ("forced thousands to flee
#: their villages in X"), and the refuge they sought ("sought safety in the town of X").
HOMES_LEFT = re.compile(r"\b(?:fle(?:e|es|eing|d)|left|leav(?:e|es|ing)|abandon(?:s|ed|ing)?)\s+"
                        r"(?:their|his|her|the)?\s*(?:homes?|houses?|villages?|towns?|farms?|"
                        r"communities|community|lands?)\s+(?:in|at|near|around)\s+(?:the\s+)?"
                        r"(?:(?:town|city|village|district|region|province|area)\s+of\s+)?$", re.I)
REFUGE = re.compile(r"\b(?:s(?:eek|eeks|eeking|ought)|f(?:ind|ound|inding))\s+(?:safety|refuge|"
                    r"shelter|sanctuary)\s+(?:in|at)\s+(?:the\s+)?(?:(?:town|city|village|camp)\s+"
                    r"of\s+)?$", re.I)
#: Words of arriving: "in" or "at" after one of them marks where a movement ended.
_ARRIVING = frozenset({"arrived", "arrive", "arrives", "arriving", "landed", "docked"})


def _arrived_at(sent: SentenceTokens, first: int) -> bool:
    """Whether the place at token ``first`` follows "arrived in" or "docked at"."""
    k = first - 1
    while k > 0 and sent.lower[k] in SKIPPED:
        k -= 1
    return k > 0 and sent.lower[k] in {"in", "at"} and sent.lower[k - 1] in _ARRIVING


def role_of(sent: SentenceTokens, candidate: Candidate, layer: Layer) -> Role:
    """The role of a linked place in an event of ``layer``."""
    cue = cue_before(sent, candidate.span.first)
    if layer in _MOVING:
        role = MOVEMENT_CUES.get(cue, Role.LOCATION)
        if role == Role.LOCATION and _arrived_at(sent, candidate.span.first):
            return Role.DESTINATION  # "have arrived in Chad", "docked at Tartus"
        if role == Role.LOCATION and layer == Layer.DISPLACEMENT:
            before = " ".join(sent.lower[max(0, candidate.span.first - 10) : candidate.span.first])
            if HOMES_LEFT.search(before + " "):
                return Role.ORIGIN  # "forced thousands to flee their villages in X"
            if REFUGE.search(before + " "):
                return Role.DESTINATION  # "sought refuge in the town of X"
        return role
    if layer == Layer.DIPLOMACY:
        return Role.VENUE
    if layer == Layer.STRIKE and cue in TARGET_CUES:
        return Role.TARGET
    return Role.LOCATION


def _possessor(sent: SentenceTokens, c: Candidate) -> bool:
    """Whether a candidate owns the name after it ("Syria's Idlib province": the place is
    Idlib)."""
    k = c.span.last
    last = sent.tokens[k - 1].text
    return (last.endswith(("'s", "’s")) and k < len(sent.tokens)
            and sent.tokens[k].text[:1].isupper())


def link(sent: SentenceTokens, trigger: int, found: Sequence[Candidate], layer: Layer,
         model: LinearModel, more_threshold: float, context: ContextModel | None = None
         ) -> list[Link]:
    """The candidates of ``found`` where the event of token ``trigger`` happened, with roles:
    the most probable one from the threshold on, the others from ``more_threshold`` on, and a
    place on a movement's route from a fraction of the threshold; an event with none of these
    takes its most probable place from :data:`LONE_FACTOR` of the threshold on. The
    probabilities and the threshold are the ``context`` model's when given (see
    :func:`scores`), else ``model``'s."""
    threshold = context.threshold if context is not None else model.threshold
    scored = list(zip(found, scores(sent, trigger, found, model, context), strict=True))
    best = max((p for _, p in scored), default=0.0)
    out = []
    # the least probability that may link a candidate (its role decides for a route's)
    least = min(threshold, threshold * ROUTE_FACTOR)
    for c, p in scored:
        if p < least or _possessor(sent, c):
            continue
        role = role_of(sent, c, layer)
        # A movement's route is where it happened: "entered Azaz from Turkey".
        routed = layer in _MOVING and role in _ROUTE and c.span.kind != KIND_DEMONYM
        if (p >= threshold and (p == best or p >= more_threshold)) \
                or (routed and p >= threshold * ROUTE_FACTOR):
            out.append(Link(c, role, p))
    if not out and best >= threshold * LONE_FACTOR:
        # an event is not lost for want of a place: its most probable one, a little below
        c = next(c for c, p in scored if p == best)
        if not _possessor(sent, c):
            out.append(Link(c, role_of(sent, c, layer), best))
    return out


#: Probability buckets of the context model's features (upper edges).
PROBABILITY_BUCKETS: tuple[float, ...] = (0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6,
                                          0.7, 0.8, 0.9, 0.95)
#: What may stand between the names of a list ("Bari, Catania and Milan").
LIST_GAPS = frozenset({",", "and", ", and", "or", ", or", "&", "as well as"})
#: "and the town of" before a name: a list's "and" (the kind of place left out of the gap).
_NAMED_KIND = re.compile(r"^(,? ?(?:and|or)) the (?:town|city|village|port|province|region|"
                         r"district|camp) of$")
#: What may stand between a place and the place that contains it ("Marka in Lower Shabelle").
CONTAINER_GAPS = frozenset({",", "in", "of", "in the", "near", "outside", "in northern",
                            "in southern", "in eastern", "in western", "in central"})
#: Last words between a place and a region named after it to locate it ("the Korvane area of
#: Dastor district", "Varesh in the province of Lomasti", "Korvane near Dastor").
LOCATING_WORDS = frozenset({"in", "of", "near", "outside"})
#: Other words that may stand between the two: place nouns, articles and directions
#: (:data:`SKIPPED`), commas, and the locating words themselves ("the Varesh quarter of
#: the port city of X").
LOCATING_FILLERS = SKIPPED | LOCATING_WORDS | {
    ",", "neighbourhood", "neighborhood", "quarter", "upper", "lower", "northeastern",
    "northwestern", "southeastern", "southwestern"}


def locates(sent: SentenceTokens, place: Candidate, region: Candidate) -> bool:
    """Whether ``region``, named after ``place``, is there to tell where ``place`` lies ("the
    Korvane area of Dastor district", "a village in the province of Lomasti"), not a place of its
    own; a comma alone joins lists too ("Bursa, Bergama") and is not enough."""
    words = sent.lower[place.span.last : region.span.first]
    return 0 < len(words) <= LOCATING_GAP_TOKENS and words[-1] in LOCATING_WORDS \
        and all(w in LOCATING_FILLERS for w in words)




def owns_part(sent: SentenceTokens, owner: Candidate, part: Candidate) -> bool:
    """Whether a possessive candidate is followed by a word for a part of it and then by
    ``part``, the part's name ("Velmoria's capital, Dastor", "Tarnovia's province of
    Lusavi"): the owner is no place of the event."""
    words = sent.lower[owner.span.last : part.span.first]
    return sent.tokens[owner.span.last - 1].text.endswith(("'s", "’s")) \
        and 1 < len(words) <= _PART_WORDS and words[-1] in {"of", ","}


def probability_bucket(p: float) -> int:
    """Index of ``p`` among :data:`PROBABILITY_BUCKETS` (the number of edges below it)."""
    return bisect_left(PROBABILITY_BUCKETS, p)


def _gap(sent: SentenceTokens, left: Candidate, right: Candidate) -> str:
    """The words between two candidates ("and the town of" read as a list's "and"), or ""
    when there are more than :data:`_GAP_TOKENS` (too many for a list or a container)."""
    a, b = left.span.last, right.span.first
    if b - a > _GAP_TOKENS:
        return ""
    words = sent.lower[a:b]
    joined = " ".join(words)
    return _NAMED_KIND.sub(r"\1", joined) if words and words[-1] == "of" else joined


def list_mates(sent: SentenceTokens, found: Sequence[Candidate]) -> list[list[int]]:
    """For each candidate, the other names of its list ("in Kunduz, Faryab and Helmand"):
    neighbours joined by a comma, "and" or "or"; a lone comma ("Aleppo, Syria") makes a
    list only with a third name."""
    gaps = [_gap(sent, found[k], found[k + 1]) for k in range(len(found) - 1)]
    group = _list_groups(gaps)
    members: dict[int, list[int]] = {}
    for k, g in enumerate(group):
        members.setdefault(g, []).append(k)
    return [[m for m in members[group[k]] if m != k]
            if len(members[group[k]]) >= 3 or any(
                gaps[min(m, k)] != "," for m in members[group[k]] if m != k)
            else [] for k in range(len(found))]


def _list_groups(gaps: Sequence[str]) -> list[int]:
    """For each candidate, the number of the list of names it belongs to (its own when it is
    in none), from the :func:`_gap` of each candidate and the next: neighbours joined by a
    comma, "and" or "or" share one."""
    group = list(range(len(gaps) + 1))
    for k in range(1, len(group)):
        if gaps[k - 1] in LIST_GAPS:
            group[k] = group[k - 1]
    return group


#: Names of the context features, in the order of :func:`context_parts`' values.
CONTEXT_NAMES: tuple[str, ...] = (
    "bias", "p", "rank", "best", "gap", "p|rank", "n", "mate", "p|mate", "mates", "container",
    "contained", "p|container", "p|contained", "kind", "p|kind",
)


def context_features(sent: SentenceTokens, found: Sequence[Candidate], probs: Sequence[float]
                     ) -> list[list[str]]:
    """Features of each candidate for the context model: its first-stage probability, its
    rank among the sentence's candidates, and the probabilities of the other names of its
    list ("Bari, Catania and Milan") and of the places next to it that contain it or that it
    contains ("Marka in Lower Shabelle").

    Parameters
    ----------
    sent
        The sentence's tokens.
    found
        The sentence's candidates, in text order.
    probs
        The first-stage linker's probability of each candidate.
    """
    return [render(parts) for parts in context_parts(sent, found, probs)]


def context_parts(sent: SentenceTokens, found: Sequence[Candidate], probs: Sequence[float]
                  ) -> list[Parts]:
    """:func:`context_features` as names and values."""
    if not found:
        return []
    best = max(probs)
    gaps = [_gap(sent, found[k], found[k + 1]) for k in range(len(found) - 1)]
    group = _list_groups(gaps)
    members: dict[int, list[int]] = {}
    for k, g in enumerate(group):
        members.setdefault(g, []).append(k)
    n = NUMBERS[min(len(found), 6)]
    # whether each candidate's right-hand neighbour contains it ("Marka in Lower Shabelle")
    inside = [k < len(gaps) and gaps[k] in CONTAINER_GAPS for k in range(len(found))]
    # the sentence's values and each candidate's bucket, written once
    buckets = [NUMBERS[probability_bucket(p)] for p in probs]
    best_bucket = NUMBERS[probability_bucket(best)]
    out: list[Parts] = []
    for i, (c, p) in enumerate(zip(found, probs, strict=True)):
        own = buckets[i]
        rank = NUMBERS[min(sum(1 for q in probs if q > p), 3)]
        mates = [probs[k] for k in members[group[i]] if k != i]
        mate = NUMBERS[probability_bucket(max(mates))] if mates else "none"
        container = buckets[i + 1] if inside[i] else "none"
        contained = buckets[i - 1] if i > 0 and inside[i - 1] else "none"
        kind = f"{c.span.kind}|{c.span.feature_value}"
        out.append((CONTEXT_NAMES, [
            None,
            own,
            rank,
            best_bucket,
            NUMBERS[probability_bucket(best - p)],
            f"{own}|{rank}",
            n,
            mate,
            f"{own}|{mate}",
            NUMBERS[min(len(mates), 3)],
            container,
            contained,
            f"{own}|{container}",
            f"{own}|{contained}",
            kind,
            f"{own}|{kind}",
        ]))
    return out


def scores(sent: SentenceTokens, trigger: int, found: Sequence[Candidate], model: LinearModel,
           context: ContextModel | None = None, pairs: PairTables | None = None
           ) -> list[float]:
    """The probability of each candidate of ``found`` that the event of token ``trigger``
    happened there: the pair model's, or, with a ``context`` model, the context model's over
    the pair features and :func:`context_features` of the pair model's probabilities
    (``pairs``, the two models' :class:`~geo.events.linear.PairTables`, look each pair
    feature up once for both: the same numbers)."""
    spans = [c.span for c in found]
    if not found:
        return []
    parts = [pair_parts(sent, trigger, c.span, spans) for c in found]
    if context is not None and pairs is not None:
        totals = [pairs.totals(*p) for p in parts]
        probs = [model.probability_of_total(first) for first, _ in totals]
        return [context.probability_of_total(second, g) for (_, second), g
                in zip(totals, context_parts(sent, found, probs), strict=True)]
    probs = [model.probability_of(*p) for p in parts]
    if context is None:
        return probs
    return [context.probability_of(p, g)
            for p, g in zip(parts, context_parts(sent, found, probs), strict=True)]


def possessor(sent: SentenceTokens, c: Candidate) -> bool:
    """Whether a candidate owns the name after it ("Syria's Idlib province"): never the
    place itself."""
    return _possessor(sent, c)
