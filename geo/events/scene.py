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

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from gazetteer.model import FEATURES, FeatureClass
from geo.events.candidates import KIND_UNKNOWN, Candidate
from geo.events.features import NUMBERS, Parts, SentenceTokens, distance_bucket, render
from geo.events.linking import CONTAINER_GAPS, LIST_GAPS, cue_before, probability_bucket
from geo.model import LAYERS
from geo.parse.toponyms import KIND_DEMONYM
from geo.settings import ATTRIBUTION_TOKENS
from geo.settings import SCENE_GAP_TOKENS as GAP_TOKENS
from geo.settings import SCENE_LIKELY_PLACE as OVER

#: Words that report speech or sources: a place right after them is often where it was said.
ATTRIBUTION = frozenset({"said", "says", "told", "tells", "reported", "reports", "reporting",
                         "according", "quoted", "quoting", "cited", "citing", "announced",
                         "stated", "added", "claimed", "confirmed", "witnessed", "wrote",
                         "reporter", "correspondent", "agency", "news", "spokesman",
                         "spokeswoman", "spokesperson", "official", "officials", "sources",
                         "statement", "television", "radio", "newspaper", "daily"})
#: Place nouns of "X of Y" frames ("the province of Y", "the outskirts of Y").
FRAME_NOUNS = frozenset({"city", "town", "village", "port", "province", "region", "district",
                         "area", "capital", "outskirts", "suburbs", "suburb", "countryside",
                         "governorate", "state", "county", "island", "north", "south", "east",
                         "west", "heart", "centre", "center", "part", "parts", "border"})
#: Token position buckets of a candidate in its sentence (upper edges).
POSITION_BUCKETS: tuple[int, ...] = (0, 3, 8, 15, 25)
#: Endings of a possessive name ("Velmoria's").
POSSESSIVE = ("'s", "’s")


def _position(first: int) -> int:
    """Bucket of a candidate's first token among :data:`POSITION_BUCKETS` (the number of
    edges below it)."""
    return bisect_left(POSITION_BUCKETS, first)


def _gap_words(sent: SentenceTokens, left: Candidate, right: Candidate) -> str | None:
    """The words between two candidates, or ``None`` when too many for a relation."""
    a, b = left.span.last, right.span.first
    if b - a > GAP_TOKENS:
        return None
    return " ".join(sent.lower[a:b])


def _attribution(marks: Sequence[bool], c: Candidate) -> str:
    """Whether an attribution word stands just before ("before"), just after ("after") a
    candidate, or neither ("none"); ``marks`` tells each token of the sentence that is one."""
    if any(marks[max(0, c.span.first - ATTRIBUTION_TOKENS) : c.span.first]):
        return "before"
    if any(marks[c.span.last : c.span.last + ATTRIBUTION_TOKENS]):
        return "after"
    return "none"


def _of_frame(sent: SentenceTokens, c: Candidate) -> bool:
    """Whether a candidate is named in an "X of Y" frame ("the province of Y")."""
    k = c.span.first
    return k >= 2 and sent.lower[k - 1] == "of" and sent.lower[k - 2] in FRAME_NOUNS


#: Names of the scene features, in the order of :func:`scene_parts`' values.
SCENE_NAMES: tuple[str, ...] = (
    "bias", "p", "top", "p|top", "on_top", "p|on_top", "rank", "p|rank", "lead", "events",
    "p|events", "det", "det_own", "p|det", "layer", "p|layer", "cue", "p|cue", "kind",
    "p|kind", "pos", "attr", "p|attr", "contains", "inside", "p|contains", "listed",
    "of_frame", "dist", "n_cands", "p1", "n1", "trig", "said", "poss", "p|poss", "feat|rel",
    "over",
)


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
    return [render(parts)
            for parts in scene_parts(sent, found, probs, detector, triggers, layers)]


def scene_parts(sent: SentenceTokens, found: Sequence[Candidate],
                probs: Sequence[Sequence[float]], detector: Sequence[float],
                triggers: Sequence[int], layers: Sequence[str]) -> list[Parts]:
    """:func:`scene_features` as names and values (see :data:`~geo.events.features.Parts`)."""
    if not found or not probs:
        return []
    return _parts(sent, found, probs, detector, triggers, layers,
                  _layout(sent, found, probs, triggers))


def scene_parts_and_numbers(sent: SentenceTokens, found: Sequence[Candidate],
                            probs: Sequence[Sequence[float]], detector: Sequence[float],
                            triggers: Sequence[int], layers: Sequence[str]
                            ) -> tuple[list[Parts], list[list[float]]]:
    """:func:`scene_parts` and :func:`scene_numbers` (the same values), which read the
    sentence's candidates alike: their common ground is worked out once."""
    if not found or not probs:
        return [], []
    layout = _layout(sent, found, probs, triggers)
    return (_parts(sent, found, probs, detector, triggers, layers, layout),
            _numbers(sent, found, probs, detector, layers, layout))


@dataclass(frozen=True, slots=True)
class _Layout:
    """How a sentence's candidates stand, as :func:`scene_parts` and :func:`scene_numbers`
    both read it.

    Parameters
    ----------
    best_of
        Each candidate's most probable event (see :func:`best_events`).
    pmax
        Each candidate's probability for that event.
    rising
        ``pmax`` in rising order.
    gaps
        The words between each candidate and the next (``None`` when too many).
    marks
        Whether each token of the sentence is an attribution word.
    attribution
        Each candidate's :func:`_attribution`.
    cues
        Each candidate's :func:`~geo.events.linking.cue_before`.
    distances
        Each candidate's token distance from its event's trigger (negative before it).
    """

    best_of: list[int]
    pmax: list[float]
    rising: list[float]
    gaps: list[str | None]
    marks: list[bool]
    attribution: list[str]
    cues: list[str]
    distances: list[int]


def _layout(sent: SentenceTokens, found: Sequence[Candidate], probs: Sequence[Sequence[float]],
            triggers: Sequence[int]) -> _Layout:
    """The :class:`_Layout` of a sentence's candidates (one at least) given the linker's
    probabilities of each for each event and each event's trigger token."""
    best_of = best_events(probs, len(found))
    pmax = [probs[best_of[k]][k] for k in range(len(found))]
    marks = [w in ATTRIBUTION for w in sent.lower]
    distances = []
    for c, j in zip(found, best_of, strict=True):
        trigger = triggers[j]
        distances.append(c.span.first - trigger if c.span.first > trigger
                         else c.span.last - 1 - trigger)
    return _Layout(best_of, pmax, sorted(pmax),
                   [_gap_words(sent, found[k], found[k + 1]) for k in range(len(found) - 1)],
                   marks, [_attribution(marks, c) for c in found],
                   [cue_before(sent, c.span.first) for c in found], distances)


def _parts(sent: SentenceTokens, found: Sequence[Candidate], probs: Sequence[Sequence[float]],
           detector: Sequence[float], triggers: Sequence[int], layers: Sequence[str],
           layout: _Layout) -> list[Parts]:
    """:func:`scene_parts` of a sentence's :class:`_Layout`."""
    best_of, pmax, rising, gaps = layout.best_of, layout.pmax, layout.rising, layout.gaps
    n_events = NUMBERS[min(len(probs), 3)]
    top_det = NUMBERS[probability_bucket(detector[0])]
    second = rising[-2] if len(rising) > 1 else 0.0
    # the first candidate of the highest probability leads the others by its margin
    leader = pmax.index(rising[-1])
    lead_margin = NUMBERS[probability_bucket(rising[-1] - second)]
    said = f"{any(layout.marks)}"
    over = NUMBERS[min(len(pmax) - bisect_left(rising, OVER), 3)]
    n_cands = NUMBERS[min(len(found), 5)]
    out: list[Parts] = []
    for k, c in enumerate(found):
        j = best_of[k]
        p = NUMBERS[probability_bucket(pmax[k])]
        top = NUMBERS[probability_bucket(probs[0][k])]
        # the candidates of a higher probability than this one's
        rank = NUMBERS[min(len(pmax) - bisect_right(rising, pmax[k]), 3)]
        on_top = f"{j == 0}"
        cue = layout.cues[k]
        kind = f"{c.span.kind}|{c.span.feature_value}"
        before = gaps[k - 1] if k > 0 else None
        after = gaps[k] if k < len(gaps) else None
        # "Marka in Lower Shabelle": the right-hand place contains the left-hand one
        contains = f"{before in CONTAINER_GAPS}"
        inside = f"{after in CONTAINER_GAPS}"
        listed = f"{before in LIST_GAPS or after in LIST_GAPS}"
        other = pmax[k + 1] if after in CONTAINER_GAPS \
            else (pmax[k - 1] if before in CONTAINER_GAPS else None)
        rel = "none" if other is None else NUMBERS[probability_bucket(other)]
        attribution = layout.attribution[k]
        poss = f"{sent.tokens[c.span.last - 1].text.endswith(POSSESSIVE)}"
        dist = distance_bucket(layout.distances[k])
        lead = lead_margin if k == leader else "none"
        out.append((SCENE_NAMES, [
            None,
            p,
            top,
            f"{p}|{top}",
            on_top,
            f"{p}|{on_top}",
            rank,
            f"{p}|{rank}",
            lead,
            n_events,
            f"{p}|{n_events}",
            top_det,
            NUMBERS[probability_bucket(detector[j])],
            f"{p}|{top_det}",
            layers[j],
            f"{p}|{layers[j]}",
            cue,
            f"{p}|{cue}",
            kind,
            f"{p}|{kind}",
            NUMBERS[_position(c.span.first)],
            attribution,
            f"{p}|{attribution}",
            f"{contains}|{rel}",
            f"{inside}|{rel}",
            f"{p}|{contains}|{inside}",
            listed,
            f"{_of_frame(sent, c)}",
            dist,
            n_cands,
            sent.word(c.span.first - 1),
            sent.word(c.span.last),
            sent.stems[triggers[j]],
            said,
            poss,
            f"{p}|{poss}",
            f"{c.span.feature_value}|{contains}|{inside}|{rel}",
            over,
        ]))
    return out


def best_events(probs: Sequence[Sequence[float]], n: int) -> list[int]:
    """For each of ``n`` candidates, the event (index into ``probs``) most probably its."""
    return [max(range(len(probs)), key=lambda j: probs[j][k]) for k in range(n)]


#: Names of the scene trees' inputs (:mod:`geo.events.trees`), in the order of
#: :func:`scene_numbers`' values after the scene model's own probability ("scene").
TREE_NAMES: tuple[str, ...] = (
    "scene", "p", "top", "margin", "best", "second", "rank", "over", "on_top", "events",
    "det", "det_own", "n_cands", "tokens", "first", "share", "attr_before", "attr_after",
    "said", "contains", "inside", "rel", "listed", "of_frame", "poss", "dist", "breadth",
    "unknown", "demonym", "cue", "frame_prev", "frame_next", "p_prev", "p_next", "gap_prev",
    "gap_next", "finer", "coarser", "length", "layer",
)
#: Token gap reported for a candidate with no neighbour on a side.
NO_NEIGHBOUR = 99.0
#: Layer names, each told by its index in the scene trees' "layer" input.
LAYER_NAMES: tuple[str, ...] = tuple(layer.value for layer in LAYERS)
#: Cue words of :func:`~geo.events.linking.cue_before` told apart by the trees, each by its
#: index (1 on); other cues are 0.
TREE_CUES: tuple[str, ...] = ("in", "at", "near", "outside", "from", "to", "into", "of",
                              "on", "across", "around", "")


def _breadth(feature: FeatureClass | None) -> float:
    """Rank of a gazetteer feature class, broadest first (a continent 0, a country 1...),
    or -1 for none (a name the gazetteer lacks)."""
    return -1.0 if feature is None else float(FEATURES.index(feature))


def _frame_gap(sent: SentenceTokens, left: Candidate, right: Candidate) -> bool:
    """Whether the words between two candidates name the right-hand one a place of the
    left-hand one ("the West Bank city of Nablus")."""
    words = sent.lower[left.span.last : right.span.first]
    return 0 < len(words) <= GAP_TOKENS and words[-1] == "of" \
        and any(w in FRAME_NOUNS for w in words)


def _fineness(c: Candidate) -> int:
    """How narrow a candidate's place is: its feature class's rank, broadest first; a name
    the gazetteer lacks is taken for the narrowest."""
    return len(FEATURES) if c.span.feature is None else FEATURES.index(c.span.feature)


def scene_numbers(sent: SentenceTokens, found: Sequence[Candidate],
                  probs: Sequence[Sequence[float]], detector: Sequence[float],
                  triggers: Sequence[int], layers: Sequence[str]) -> list[list[float]]:
    """Numbers describing each candidate for the scene trees (:data:`TREE_NAMES` after
    "scene", which the caller puts first): the linker's probabilities, how the candidate
    stands among the sentence's others, the detector's scores, and its context; the
    parameters are those of :func:`scene_features`."""
    if not found or not probs:
        return []
    return _numbers(sent, found, probs, detector, layers, _layout(sent, found, probs, triggers))


def _numbers(sent: SentenceTokens, found: Sequence[Candidate], probs: Sequence[Sequence[float]],
             detector: Sequence[float], layers: Sequence[str], layout: _Layout
             ) -> list[list[float]]:
    """:func:`scene_numbers` of a sentence's :class:`_Layout`."""
    best_of, pmax, rising, gaps = layout.best_of, layout.pmax, layout.rising, layout.gaps
    best = rising[-1]
    second = rising[-2] if len(rising) > 1 else 0.0
    said = float(any(layout.marks))
    over = float(len(pmax) - bisect_left(rising, OVER))
    frames = [_frame_gap(sent, found[k], found[k + 1]) for k in range(len(found) - 1)]
    fineness = [_fineness(c) for c in found]
    out: list[list[float]] = []
    for k, c in enumerate(found):
        j = best_of[k]
        before = gaps[k - 1] if k > 0 else None
        after = gaps[k] if k < len(gaps) else None
        contains = before in CONTAINER_GAPS
        inside = after in CONTAINER_GAPS
        other = pmax[k + 1] if inside else (pmax[k - 1] if contains else -1.0)
        attribution = layout.attribution[k]
        cue = layout.cues[k]
        out.append([
            pmax[k],
            probs[0][k],
            pmax[k] - (second if pmax[k] == best else best),
            best,
            second,
            float(len(pmax) - bisect_right(rising, pmax[k])),
            over,
            float(j == 0),
            float(len(probs)),
            detector[0],
            detector[j],
            float(len(found)),
            float(len(sent.tokens)),
            float(c.span.first),
            c.span.first / len(sent.tokens),
            float(attribution == "before"),
            float(attribution == "after"),
            said,
            float(contains),
            float(inside),
            other,
            float(before in LIST_GAPS or after in LIST_GAPS),
            float(_of_frame(sent, c)),
            float(sent.tokens[c.span.last - 1].text.endswith(POSSESSIVE)),
            float(layout.distances[k]),
            _breadth(c.span.feature),
            float(c.span.kind == KIND_UNKNOWN),
            float(c.span.kind == KIND_DEMONYM),
            float(TREE_CUES.index(cue) + 1 if cue in TREE_CUES else 0),
            float(k > 0 and frames[k - 1]),
            float(k < len(frames) and frames[k]),
            pmax[k - 1] if k > 0 else -1.0,
            pmax[k + 1] if k + 1 < len(found) else -1.0,
            float(c.span.first - found[k - 1].span.last) if k > 0 else NO_NEIGHBOUR,
            float(found[k + 1].span.first - c.span.last) if k + 1 < len(found)
            else NO_NEIGHBOUR,
            float(sum(f > fineness[k] for f in fineness)),
            float(sum(f < fineness[k] for f in fineness)),
            float(c.span.last - c.span.first),
            float(LAYER_NAMES.index(layers[j]) if layers[j] in LAYER_NAMES else -1),
        ])
    return out
