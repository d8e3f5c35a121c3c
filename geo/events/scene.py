"""The sentence-level decision on which places are where the sentence's event happened.

The linker scores a place for one trigger; a sentence may hold several detected triggers
(secondary events, reporting verbs read as events), and places that only frame the story
("told ARA News in Damascus", "a village near Bethlehem") or contain the real place ("Doda
district" beside "Ghat"). The scene model, a logistic regression learned from annotated news
with the detector and the linker run as at run time (out of fold), looks at every candidate
of a sentence once: the linker's probabilities over all the sentence's events, the
detector's scores, and the candidate's own context. A candidate it accepts is a place of its
most probable event; one it rejects is a place of none (the rules' places included).
"""

from __future__ import annotations

from collections.abc import Sequence

from geo.events.candidates import Candidate
from geo.events.features import SentenceTokens, distance_bucket
from geo.events.linking import CONTAINER_GAPS, LIST_GAPS, cue_before, probability_bucket

#: Words that report speech or sources: a place right after them is often where it was said.
ATTRIBUTION = frozenset({"said", "says", "told", "tells", "reported", "reports", "reporting",
                         "according", "quoted", "quoting", "cited", "citing", "announced",
                         "stated", "added", "claimed", "confirmed", "witnessed", "wrote",
                         "reporter", "correspondent", "agency", "news", "spokesman",
                         "spokeswoman", "spokesperson", "official", "officials", "sources",
                         "statement", "television", "radio", "newspaper", "daily"})
#: Tokens looked at on each side of a candidate for an attribution word.
ATTRIBUTION_TOKENS = 5
#: Place nouns of "X of Y" frames ("the province of Y", "the outskirts of Y").
FRAME_NOUNS = frozenset({"city", "town", "village", "port", "province", "region", "district",
                         "area", "capital", "outskirts", "suburbs", "suburb", "countryside",
                         "governorate", "state", "county", "island", "north", "south", "east",
                         "west", "heart", "centre", "center", "part", "parts", "border"})
#: Token position buckets of a candidate in its sentence (upper edges).
POSITION_BUCKETS: tuple[int, ...] = (0, 3, 8, 15, 25)
#: Probability from which a candidate counts among a sentence's likely places.
OVER = 0.4
#: Most tokens between two candidates for a list or container relation.
GAP_TOKENS = 5


def _position(first: int) -> int:
    """Bucket of a candidate's first token among :data:`POSITION_BUCKETS`."""
    return sum(1 for edge in POSITION_BUCKETS if first > edge)


def _gap_words(sent: SentenceTokens, left: Candidate, right: Candidate) -> str | None:
    """The words between two candidates, or ``None`` when too many for a relation."""
    a, b = left.span.last, right.span.first
    if b - a > GAP_TOKENS:
        return None
    return " ".join(sent.lower[a:b])


def _attribution(sent: SentenceTokens, c: Candidate) -> str:
    """Whether an attribution word stands just before ("before"), just after ("after") a
    candidate, or neither ("none")."""
    lo = max(0, c.span.first - ATTRIBUTION_TOKENS)
    if any(w in ATTRIBUTION for w in sent.lower[lo : c.span.first]):
        return "before"
    hi = min(len(sent.lower), c.span.last + ATTRIBUTION_TOKENS)
    if any(w in ATTRIBUTION for w in sent.lower[c.span.last : hi]):
        return "after"
    return "none"


def _of_frame(sent: SentenceTokens, c: Candidate) -> bool:
    """Whether a candidate is named in an "X of Y" frame ("the province of Y")."""
    k = c.span.first
    return k >= 2 and sent.lower[k - 1] == "of" and sent.lower[k - 2] in FRAME_NOUNS


def scene_features(sent: SentenceTokens, found: Sequence[Candidate],
                   probs: Sequence[Sequence[float]], detector: Sequence[float],
                   triggers: Sequence[int], layers: Sequence[str]) -> list[list[str]]:
    """Features of each candidate for the scene model.

    Parameters
    ----------
    sent
        The sentence's tokens.
    found
        The sentence's candidates, in text order.
    probs
        For each event of the sentence (most probable trigger first), the linker's
        probability of each candidate.
    detector
        The detector's probability of each event's trigger.
    triggers
        Token index of each event's trigger.
    layers
        Layer of each event.
    """
    if not found or not probs:
        return []
    n_events = min(len(probs), 3)
    top_det = f"det={probability_bucket(detector[0])}"
    best_of = best_events(probs, len(found))
    pmax = [probs[best_of[k]][k] for k in range(len(found))]
    order = sorted(pmax, reverse=True)
    second = order[1] if len(order) > 1 else 0.0
    gaps = [_gap_words(sent, found[k], found[k + 1]) for k in range(len(found) - 1)]
    said = any(w in ATTRIBUTION for w in sent.lower)
    over = min(sum(1 for q in pmax if q >= OVER), 3)
    out = []
    for k, c in enumerate(found):
        j = best_of[k]
        p = probability_bucket(pmax[k])
        top = probability_bucket(probs[0][k])
        rank = min(sum(1 for q in pmax if q > pmax[k]), 3)
        on_top = j == 0
        cue = cue_before(sent, c.span.first)
        kind = f"{c.span.kind}|{c.span.feature}"
        before = gaps[k - 1] if k > 0 else None
        after = gaps[k] if k < len(gaps) else None
        # "Marka in Lower Shabelle": the right-hand place contains the left-hand one
        contains = before in CONTAINER_GAPS
        inside = after in CONTAINER_GAPS
        listed = before in LIST_GAPS or after in LIST_GAPS
        other = pmax[k + 1] if inside else (pmax[k - 1] if contains else None)
        rel = "none" if other is None else str(probability_bucket(other))
        attribution = _attribution(sent, c)
        poss = sent.tokens[c.span.last - 1].text.endswith(("'s", "’s"))
        dist = distance_bucket(c.span.first - triggers[j] if c.span.first > triggers[j]
                               else c.span.last - 1 - triggers[j])
        lead = "none" if k != next(i for i, q in enumerate(pmax) if q == order[0]) \
            else str(probability_bucket(order[0] - second))
        out.append([
            "bias",
            f"p={p}",
            f"top={top}",
            f"p|top={p}|{top}",
            f"on_top={on_top}",
            f"p|on_top={p}|{on_top}",
            f"rank={rank}",
            f"p|rank={p}|{rank}",
            f"lead={lead}",
            f"events={n_events}",
            f"p|events={p}|{n_events}",
            top_det,
            f"det_own={probability_bucket(detector[j])}",
            f"p|det={p}|{probability_bucket(detector[0])}",
            f"layer={layers[j]}",
            f"p|layer={p}|{layers[j]}",
            f"cue={cue}",
            f"p|cue={p}|{cue}",
            f"kind={kind}",
            f"p|kind={p}|{kind}",
            f"pos={_position(c.span.first)}",
            f"attr={attribution}",
            f"p|attr={p}|{attribution}",
            f"contains={contains}|{rel}",
            f"inside={inside}|{rel}",
            f"p|contains={p}|{contains}|{inside}",
            f"listed={listed}",
            f"of_frame={_of_frame(sent, c)}",
            f"dist={dist}",
            f"n_cands={min(len(found), 5)}",
            f"p1={sent.word(c.span.first - 1)}",
            f"n1={sent.word(c.span.last)}",
            f"trig={sent.stems[triggers[j]]}",
            f"said={said}",
            f"poss={poss}",
            f"p|poss={p}|{poss}",
            f"feat|rel={c.span.feature}|{contains}|{inside}|{rel}",
            f"over={over}",
        ])
    return out


def best_events(probs: Sequence[Sequence[float]], n: int) -> list[int]:
    """For each of ``n`` candidates, the event (index into ``probs``) most probably its."""
    return [max(range(len(probs)), key=lambda j: probs[j][k]) for k in range(n)]
