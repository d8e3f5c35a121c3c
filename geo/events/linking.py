"""Which place candidates of a sentence are where its event happened (the linker learned from
annotated news), and in which role (from the words before the place and the event's layer)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from geo.events.candidates import Candidate
from geo.events.features import SentenceTokens, pair_features
from geo.events.linear import LinearModel
from geo.model import Layer
from geo.model import Role as Role  # its home is the records; still importable here
from geo.parse.toponyms import KIND_DEMONYM

#: Words before a place -> its role in a movement.
MOVEMENT_CUES: dict[str, Role] = {
    "from": Role.ORIGIN, "leaving": Role.ORIGIN, "left": Role.ORIGIN,
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
#: Tokens looked at before a place for its cue.
CUE_TOKENS = 6
_MOVING = frozenset({Layer.TROOP_MOVEMENT, Layer.NAVAL_DEPLOYMENT, Layer.DISPLACEMENT})
_ROUTE = frozenset({Role.ORIGIN, Role.VIA, Role.DESTINATION})
#: A place on a movement's route is linked from this fraction of the linker's threshold.
ROUTE_FACTOR = 0.25


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


def role_of(sent: SentenceTokens, candidate: Candidate, layer: Layer) -> Role:
    """The role of a linked place in an event of ``layer``."""
    cue = cue_before(sent, candidate.span.first)
    if layer in _MOVING:
        return MOVEMENT_CUES.get(cue, Role.LOCATION)
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
         model: LinearModel, more_threshold: float) -> list[Link]:
    """The candidates of ``found`` where the event of token ``trigger`` happened, with roles:
    the most probable one from the model's threshold on, the others from ``more_threshold``
    on, and a place on a movement's route from a fraction of the threshold."""
    spans = [c.span for c in found]
    scored = [(c, model.probability(pair_features(sent, trigger, c.span, spans))) for c in found]
    best = max((p for _, p in scored), default=0.0)
    out = []
    for c, p in scored:
        if _possessor(sent, c):
            continue
        role = role_of(sent, c, layer)
        # A movement's route is where it happened: "entered Azaz from Turkey".
        routed = layer in _MOVING and role in _ROUTE and c.span.kind != KIND_DEMONYM
        if (p >= model.threshold and (p == best or p >= more_threshold)) \
                or (routed and p >= model.threshold * ROUTE_FACTOR):
            out.append(Link(c, role, p))
    return out
