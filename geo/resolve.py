"""Rank each mention's gazetteer candidates in the context of its document.

A candidate's score starts from its context-free prior and gains from the document:

* its country is named elsewhere (a country, a demonym, or a place whose reading is sure);
* its first-level division is named elsewhere ("Alexandria" beside "Rapides Parish");
* a "Paris, Texas" pattern names its division or country right after it;
* it lies near the other places of the article (spatial coherence).

One name keeps one reading in a document. Scores become probabilities over the candidates
(softmax); a mention whose best reading is too weak resolves to none of them.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from gazetteer import Candidate, Place
from gazetteer.normalize import normalize_name
from geo import settings
from geo.toponyms import KIND_DEMONYM, KIND_ORGANISATION, Mention

COUNTRY_BONUS = 2.0
#: A town that shares its name with the division it lies in (and is usually its seat).
NAMESAKE_SEAT_BONUS = 1.5
#: A country's own name (not an alternate) nearly always means the country.
COUNTRY_NAME_BONUS = 2.5
#: Added per further mention of the same country, up to three.
COUNTRY_STEP = 1.0
ADMIN1_BONUS = 2.5
PATTERN_BONUS = 4.0
COHERENCE_BONUS = 1.5
COHERENCE_KM = 400.0
#: Broad features that do not pull other places towards them in the coherence term.
BROAD = frozenset({"continent", "country", "sea", "region"})
ROUNDS = 3
#: The most the context can add to a candidate; weaker ones are not scored.
MAX_CONTEXT_GAIN = COUNTRY_NAME_BONUS + COUNTRY_BONUS + 3 * COUNTRY_STEP + ADMIN1_BONUS + PATTERN_BONUS + COHERENCE_BONUS


@dataclass(frozen=True, slots=True)
class Resolved:
    """A mention with the place it most likely refers to.

    Parameters
    ----------
    mention
        The mention.
    place
        The chosen place, or ``None`` when no candidate is likely enough.
    score
        Probability of the chosen reading among the candidates, 0 to 1.
    alternatives
        Runner-up candidates, best first (for users who correct the choice).
    """

    mention: Mention
    place: Place | None
    score: float
    alternatives: tuple[Candidate, ...]


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def _group_anchor(m: Mention, chosen: Place | None, first_round: bool) -> tuple[str, str]:
    """The country and division one distinct name vouches for, ("", "") when unsure.

    In the first round a name vouches only for what all its likely readings share (the
    Clarke Counties are all in the US); later rounds use the reading chosen so far.
    """
    if m.kind == KIND_DEMONYM:
        return m.candidates[0].place.country, ""
    if not first_round:
        if chosen is None:
            return "", ""
        return chosen.country, chosen.admin1 if chosen.feature != "country" else ""
    best = m.candidates[0].prior
    likely = [c.place for c in m.candidates if best - c.prior < 1.5]
    countries = {p.country for p in likely}
    admin1s = {p.admin1 for p in likely if p.feature != "country"}
    country = countries.pop() if len(countries) == 1 else ""
    admin1 = admin1s.pop() if len(admin1s) == 1 and country else ""
    return country, admin1


def _pattern_targets(text: str, mentions: list[Mention]) -> dict[int, set[str]]:
    """For "Paris, Texas" pairs: index of the first mention -> codes the second one names."""
    out: dict[int, set[str]] = {}
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        between = text[a.end : b.start]
        if between.strip() != "," or len(between) > 3:
            continue
        codes = set()
        for c in b.candidates[:5]:
            if c.place.feature == "country":
                codes.add(c.place.country)
            elif c.place.feature == "admin1" and c.place.admin1:
                codes.add(c.place.admin1)
        if codes:
            out[k] = codes
    return out


def _score(
    cand: Candidate,
    *,
    countries: Counter[str],
    admin1s: Counter[str],
    pattern: set[str] | None,
    centre: tuple[float, float] | None,
) -> float:
    place = cand.place
    score = cand.prior
    if place.feature == "country" and cand.kind in {"name", "abbreviation"}:
        score += COUNTRY_NAME_BONUS  # "Mexico" is the country, not Mexico City
    others = countries[place.country]
    if others > 0 and place.country:
        score += COUNTRY_BONUS + COUNTRY_STEP * min(others - 1, 3)
    if place.admin1 and admin1s[place.admin1] > 0:
        score += ADMIN1_BONUS
    if pattern and (place.country in pattern or place.admin1 in pattern):
        score += PATTERN_BONUS
    if centre is not None and place.feature not in BROAD:
        dist = _approx_km(place.lat, place.lon, centre[0], centre[1])
        score += COHERENCE_BONUS * math.exp(-dist / COHERENCE_KM)
    return score


def _approx_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: within a few percent of the great circle at these ranges, and
    cheap enough for every candidate of every round."""
    dlon = (lon1 - lon2 + 180.0) % 360.0 - 180.0
    x = dlon * math.cos(math.radians((lat1 + lat2) / 2))
    return 111.195 * math.hypot(x, lat1 - lat2)


def _centre(chosen: list[Place | None]) -> tuple[float, float] | None:
    """The medoid of the chosen local places: the one nearest to all others (outliers count
    little), weighted by how often each is mentioned."""
    counts = Counter((p.lat, p.lon) for p in chosen if p is not None and p.feature not in BROAD)
    if not counts:
        return None
    return min(
        counts,
        key=lambda a: sum(n * _approx_km(a[0], a[1], b[0], b[1]) for b, n in counts.items()),
    )


def resolve(text: str, mentions: list[Mention]) -> list[Resolved]:
    """Choose a place for every mention of one document.

    Parameters
    ----------
    text
        The document text the mentions' offsets point into.
    mentions
        The document's mentions, in text order.
    """
    if not mentions:
        return []
    patterns = _pattern_targets(text, mentions)
    chosen: list[Place | None] = [m.candidates[0].place for m in mentions]
    groups: dict[str, list[int]] = {}
    for k, m in enumerate(mentions):
        groups.setdefault(normalize_name(m.text), []).append(k)
    results: list[Resolved] = []
    previous: list[Place | None] | None = None
    for round_no in range(ROUNDS):
        if previous == chosen:
            break
        previous = list(chosen)
        anchors = {
            key: _group_anchor(mentions[ix[0]], chosen[ix[0]], round_no == 0)
            for key, ix in groups.items()
        }
        all_countries = Counter(c for c, _ in anchors.values() if c)
        all_admin1s = Counter(a for _, a in anchors.values() if a)
        results = [None] * len(mentions)  # type: ignore[list-item]
        centre = _centre(chosen) if len(mentions) > 1 else None
        for key, indices in groups.items():
            own_country, own_admin1 = anchors[key]
            countries = all_countries.copy()
            admin1s = all_admin1s.copy()
            if own_country:
                countries[own_country] -= 1
            if own_admin1:
                admin1s[own_admin1] -= 1
            m0 = mentions[indices[0]]
            totals = [0.0] * len(m0.candidates)
            floor = m0.candidates[0].prior - MAX_CONTEXT_GAIN
            for k in indices:
                for j, cand in enumerate(m0.candidates):
                    if cand.prior < floor:
                        totals[j] = -1e9  # no context could lift it above the best prior
                        continue
                    totals[j] += _score(
                        cand, countries=countries, admin1s=admin1s,
                        pattern=patterns.get(k), centre=centre,
                    )
            scores = [t / len(indices) for t in totals]
            # "Tartus", "Idlib": a division and its namesake seat; the town is the sharper
            # reading and the one a news report usually means.
            divisions = {c.place.admin1 for c in m0.candidates
                         if c.place.feature == "admin1" and c.place.admin1}
            if divisions:
                scores = [
                    sc + NAMESAKE_SEAT_BONUS
                    if c.place.feature == "city" and c.place.admin1 in divisions else sc
                    for sc, c in zip(scores, m0.candidates, strict=True)
                ]
            probs = _softmax(scores)
            order = sorted(range(len(scores)), key=lambda j: -scores[j])
            best = order[0]
            place: Place | None = m0.candidates[best].place
            if probs[best] < settings.MIN_RESOLUTION_SCORE:
                place = None
            alternatives = tuple(m0.candidates[j] for j in order[1:6])
            for k in indices:
                chosen[k] = place
                results[k] = Resolved(
                    mention=mentions[k], place=place, score=round(probs[best], 4),
                    alternatives=alternatives if place is not None else tuple(
                        m0.candidates[j] for j in order[:6]
                    ),
                )
    return [r for r in results if r is not None]


def is_place_reference(resolved: Resolved) -> bool:
    """Whether a resolution is a toponym (not a demonym or an organisation) with a place."""
    return resolved.place is not None and resolved.mention.kind not in {
        KIND_DEMONYM,
        KIND_ORGANISATION,
    }
