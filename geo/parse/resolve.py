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
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from gazetteer import Candidate, FeatureClass, NameKind, Place
from gazetteer.normalize import normalize_name
from geo import settings
from geo.parse.toponyms import KIND_DEMONYM, KIND_ORGANISATION, Mention

_F = FeatureClass
#: Broad features that do not pull other places towards them in the coherence term.
BROAD = frozenset({_F.CONTINENT, _F.COUNTRY, _F.SEA, _F.REGION})
#: Features of a name's best reading that make it a world region (with no country of its own).
_WORLD_FEATURES = frozenset({_F.CONTINENT, _F.SEA, _F.REGION})


class Resolved(NamedTuple):
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
        return chosen.country, chosen.admin1 if chosen.feature != _F.COUNTRY else ""
    best = m.candidates[0].prior
    likely = [c.place for c in m.candidates if best - c.prior < settings.LIKELY_PRIOR_MARGIN]
    countries = {p.country for p in likely}
    admin1s = {p.admin1 for p in likely if p.feature != _F.COUNTRY}
    country = countries.pop() if len(countries) == 1 else ""
    admin1 = admin1s.pop() if len(admin1s) == 1 and country else ""
    return country, admin1


def _pattern_targets(text: str, mentions: list[Mention]) -> dict[int, set[str]]:
    """For "Paris, Texas" pairs: index of the first mention -> codes the second one names."""
    out: dict[int, set[str]] = {}
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        between = text[a.end : b.start]
        if between.strip() != "," or len(between) > 3 or b.kind == KIND_DEMONYM:
            continue  # "... to the Middle East, U.S. officials said": an adjective, no pattern
        codes = set()
        for c in b.candidates[:5]:
            if c.place.feature == _F.COUNTRY:
                codes.add(c.place.country)
            elif c.place.feature == _F.ADMIN1 and c.place.admin1:
                codes.add(c.place.admin1)
        if codes:
            out[k] = codes
    return out


#: Words between a name and the division that holds it: "Tawila in North Darfur", "Tawila,
#: a town in North Darfur", "Tawila, in North Darfur".
_HELD_IN = re.compile(r"(?:\s+in\s+|,\s+(?:in\s+|an?\s+(?:(?:small|remote|border|rural|farming|"
                      r"market|mountain|coastal|nearby)\s+)?(?:town|village|city|district|locality|"
                      r"settlement|community|camp|area)\s+in\s+))(?:the\s+)?(?:(?:north|south|"
                      r"east|west|central|north-?east|north-?west|south-?east|south-?west)"
                      r"(?:ern)?\s+)?")


def _held_in(text: str, mentions: list[Mention]) -> dict[int, str]:
    """Mentions that the text puts inside a first-level division the reader cannot mistake
    ("Tawila in North Darfur", "Tawila, a town in North Darfur"): index -> the division's
    country. A name none of whose places lies in that country is a place the gazetteer
    lacks, not a namesake abroad (see :func:`resolve`). (The country, not the division: the
    gazetteer's divisions are not one level everywhere, a province here and a region there.)"""
    out: dict[int, str] = {}
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        if a.kind == KIND_DEMONYM or b.kind == KIND_DEMONYM or b.start - a.end > 40:
            continue
        if not _HELD_IN.fullmatch(text, a.end, b.start):
            continue
        countries = {c.place.country for c in b.candidates
                     if c.place.feature == _F.ADMIN1 and c.place.country}
        if len(countries) == 1 and b.candidates[0].place.feature == _F.ADMIN1:
            out[k] = countries.pop()
    return out


#: Per candidate: score before context (None: no context could lift it above the best prior),
#: namesake bonus, country, division, the point with whether it counts for coherence, and
#: whether the document's places may lift it (see :func:`_readings`).
_Reading = tuple[float | None, float, str, str, float, float, bool, bool]


@lru_cache(maxsize=100_000)
def _readings(candidates: tuple[Candidate, ...]) -> tuple[_Reading, ...]:
    """What does not depend on the document about each candidate of a name (the same names
    come back document after document, so it is kept)."""
    floor = candidates[0].prior - settings.MAX_CONTEXT_GAIN
    # "Tartus", "Idlib": a division and its namesake seat; the town is the sharper
    # reading and the one a news report usually means.
    divisions = {c.place.admin1 for c in candidates
                 if c.place.feature == _F.ADMIN1 and c.place.admin1}
    top = candidates[0].place
    world_region = top.feature in _WORLD_FEATURES and not top.country
    readings: list[_Reading] = []
    for cand in candidates:
        place = cand.place
        base: float | None = cand.prior
        if cand.prior < floor:
            base = None
        elif place.feature == _F.COUNTRY and cand.kind in {NameKind.NAME, NameKind.ABBREVIATION}:
            base = cand.prior + settings.COUNTRY_NAME_BONUS  # "Mexico", not Mexico City
        namesake = settings.NAMESAKE_SEAT_BONUS if place.feature == _F.CITY and \
            place.admin1 in divisions else 0.0
        # "the Middle East" is the region, not a Baltimore neighbourhood of that name, however
        # American the article: a hamlet named after a world region is lifted only by a
        # "Middle East, Maryland" pattern, not by the country or the places around it
        liftable = not (world_region and place.feature == _F.CITY
                        and place.population < settings.HAMLET_POPULATION)
        readings.append((base, namesake, place.country, place.admin1, place.lat, place.lon,
                         place.feature not in BROAD, liftable))
    return tuple(readings)


#: Words before a name that say what kind of place it is ("the province of Idlib", "the town
#: of Idlib"): the readings of that kind get :data:`settings.FRAME_BONUS`.
_DIVISION_FRAME = re.compile(r"\b(?:province|governorate|state|region|district|county|prefecture|"
                             r"department|oblast|municipality)\s+of\s+(?:the\s+)?$", re.I)
_TOWN_FRAME = re.compile(r"\b(?:city|town|village|port)\s+of\s+(?:the\s+)?$", re.I)
_DIVISIONS = frozenset({_F.ADMIN1, _F.ADMIN2, _F.REGION})
_TOWNS = frozenset({_F.CITY, _F.PORT})


def _frames(text: str, mentions: list[Mention]) -> dict[int, frozenset[FeatureClass]]:
    """For mentions framed by a kind of place ("the province of X", "the city of X"): index
    -> the features of that kind."""
    out: dict[int, frozenset[FeatureClass]] = {}
    for k, m in enumerate(mentions):
        before = text[max(0, m.start - 30) : m.start]
        if " of" not in before:
            continue
        if _DIVISION_FRAME.search(before):
            out[k] = _DIVISIONS
        elif _TOWN_FRAME.search(before):
            out[k] = _TOWNS
    return out


class _Group:
    """The mentions of one name in a document, its candidates' readings, and how often the
    "Paris, Texas" pattern backs each candidate, and how often a frame of its kind does ("the
    province of X")."""

    __slots__ = ("candidates", "frame_share", "indices", "pattern_share", "readings", "sure")

    def __init__(self, mentions: list[Mention], indices: list[int],
                 patterns: dict[int, set[str]],
                 frames: dict[int, frozenset[FeatureClass]] | None = None) -> None:
        self.indices = indices
        candidates = mentions[indices[0]].candidates
        self.candidates = candidates
        self.sure = len(candidates) == 1
        self.readings = _readings(candidates) if not self.sure else ()
        backed = [patterns[k] for k in indices if k in patterns]
        self.pattern_share = [
            sum(1 for codes in backed if c.place.country in codes or c.place.admin1 in codes)
            / len(indices) for c in candidates
        ] if backed else None
        framed = [frames[k] for k in indices if k in frames] if frames else []
        self.frame_share = [
            sum(1 for kinds in framed if c.place.feature in kinds) / len(indices)
            for c in candidates
        ] if framed else None

    def scores(
        self,
        countries: dict[str, int],
        admin1s: dict[str, int],
        own: tuple[str, str],
        centre: tuple[float, float] | None,
    ) -> list[float]:
        """Each candidate's score in the document's context."""
        own_country, own_admin1 = own
        out: list[float] = []
        clat, clon = centre if centre is not None else (0.0, 0.0)
        shares = self.pattern_share
        framed = self.frame_share
        for j, (base, namesake, country, admin1, lat, lon, local, liftable) in enumerate(
                self.readings):
            if base is None:
                out.append(-1e9 + namesake)
                continue
            score = base
            if framed is not None and framed[j]:
                score += settings.FRAME_BONUS * framed[j]
            if not liftable:
                if shares is not None and shares[j]:
                    score += settings.PATTERN_BONUS * shares[j]
                out.append(score + namesake if namesake else score)
                continue
            if country:
                others = countries.get(country, 0) - (country == own_country)
                if others > 0:
                    steps = min(others - 1, settings.COUNTRY_MAX_STEPS)
                    score += settings.COUNTRY_BONUS + settings.COUNTRY_STEP * steps
            if admin1 and admin1s.get(admin1, 0) - (admin1 == own_admin1) > 0:
                score += settings.ADMIN1_BONUS
            if shares is not None and shares[j]:
                score += settings.PATTERN_BONUS * shares[j]
            if centre is not None and local:
                dist = _approx_km(lat, lon, clat, clon)
                score += settings.COHERENCE_BONUS * math.exp(-dist / settings.COHERENCE_KM)
            out.append(score + namesake if namesake else score)
        return out


def _approx_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: within a few percent of the great circle at these ranges, and
    cheap enough for every candidate of every round."""
    dlon = (lon1 - lon2 + 180.0) % 360.0 - 180.0
    x = dlon * math.cos(math.radians((lat1 + lat2) / 2))
    return 111.195 * math.hypot(x, lat1 - lat2)


def _centre(chosen: Sequence[Place | None]) -> tuple[float, float] | None:
    """The medoid of the chosen local places: the one nearest to all others (outliers count
    little), weighted by how often each is mentioned."""
    counts: dict[tuple[float, float], int] = {}
    for p in chosen:
        if p is not None and p.feature not in BROAD:
            point = (p.lat, p.lon)
            counts[point] = counts.get(point, 0) + 1
    if len(counts) <= 1:
        return next(iter(counts), None)
    best, best_total = None, math.inf
    for a in counts:
        alat, alon = a
        total = 0.0
        for b, n in counts.items():
            if b != a:
                total += n * _approx_km(alat, alon, b[0], b[1])
                if total >= best_total:
                    break  # farther from the others than the best so far, whatever follows
        else:
            best, best_total = a, total
    return best


def _others_centre(centre: tuple[float, float] | None, chosen: list[Place | None],
                   own: list[int]) -> tuple[float, float] | None:
    """The centre of the places chosen for the other names than the one at ``own``: a name
    does not pull itself (alone in Syria, "Palmyra" read as Palmyra Atoll was its own centre
    and outweighed the country)."""
    place = chosen[own[0]]
    if centre is None or place is None or (place.lat, place.lon) != centre:
        return centre
    mine = set(own)
    return _centre([p for k, p in enumerate(chosen) if k not in mine])


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
    frames = _frames(text, mentions)
    chosen: list[Place | None] = [m.candidates[0].place for m in mentions]
    by_name: dict[str, list[int]] = {}
    for k, m in enumerate(mentions):
        by_name.setdefault(normalize_name(m.text), []).append(k)
    groups = {key: _Group(mentions, ix, patterns, frames) for key, ix in by_name.items()}
    final: dict[str, list[float]] = {}
    previous: list[Place | None] | None = None
    rounds = settings.ROUNDS if any(not g.sure for g in groups.values()) else 0
    for round_no in range(rounds):
        if previous == chosen:
            break
        previous = list(chosen)
        anchors = {
            key: _group_anchor(mentions[g.indices[0]], chosen[g.indices[0]], round_no == 0)
            for key, g in groups.items()
        }
        countries: dict[str, int] = {}
        admin1s: dict[str, int] = {}
        for country, admin1 in anchors.values():
            if country:
                countries[country] = countries.get(country, 0) + 1
            if admin1:
                admin1s[admin1] = admin1s.get(admin1, 0) + 1
        centre = _centre(chosen) if len(mentions) > 1 else None
        for key, group in groups.items():
            if group.sure:
                continue  # one candidate: chosen from the start, whatever the context
            scores = final[key] = group.scores(countries, admin1s, anchors[key],
                                               _others_centre(centre, chosen, group.indices))
            top = max(scores)
            best = scores.index(top)
            probability = 1.0 / sum(math.exp(sc - top) for sc in scores)
            place = group.candidates[best].place \
                if probability >= settings.MIN_RESOLUTION_SCORE else None
            for k in group.indices:
                chosen[k] = place
    results: list[Resolved | None] = [None] * len(mentions)
    held = _held_in(text, mentions)
    named = _NamedPlaces.of(list(groups.values()), mentions, chosen)
    for key, group in groups.items():
        candidates = group.candidates
        alternatives: tuple[Candidate, ...] = ()
        if (held and _held_elsewhere(group, held)
                and not _country_named_elsewhere(group, chosen)) \
                or _stranded(group, named) \
                or _other_names_of_unknown_towns(group):
            # "Tawila, a town in North Darfur" when the gazetteer knows only a Tawila in
            # Yemen: a place it lacks, not the namesake
            place, score, alternatives = None, 0.0, tuple(candidates[:6])
        elif group.sure:
            place, score = candidates[0].place, 1.0
        else:
            scores = final[key]
            probs = _softmax(scores)
            order = sorted(range(len(scores)), key=lambda j: -scores[j])
            best = order[0]
            place = candidates[best].place
            score = round(probs[best], 4)
            if probs[best] < settings.MIN_RESOLUTION_SCORE:
                place = None
            alternatives = tuple(candidates[j] for j in order[1:6]) if place is not None \
                else tuple(candidates[j] for j in order[:6])
        for k in group.indices:
            results[k] = Resolved(mentions[k], place, score, alternatives)
    return [r for r in results if r is not None]


def _other_names_of_unknown_towns(group: _Group) -> bool:
    """Whether a name is only another name of towns whose size nobody recorded ("Nasir", a
    former name of Demirci in Turkey, while the South Sudanese town is missing): too weak a
    reading to place a news story's town by."""
    return all(c.kind == NameKind.ALT and c.place.population == 0
               and c.place.feature in _TOWNS for c in group.candidates)


def _held_elsewhere(group: _Group, held: dict[int, str]) -> bool:
    """Whether the text puts a name of towns and villages inside a division of a country
    that none of its places lies in."""
    countries = {held[k] for k in group.indices if k in held}
    return bool(countries) and all(
        c.place.feature not in _DIVISIONS_AND_BROADER and c.place.country not in countries
        for c in group.candidates)


def _country_named_elsewhere(group: _Group, chosen: list[Place | None]) -> bool:
    """Whether another place of the document lies in a country of the group's places
    ("Wilberforce in North-Western Sydney" beside "Sydney": the division was misread)."""
    mine = set(group.indices)
    countries = {c.place.country for c in group.candidates}
    return any(p is not None and p.country in countries
               for k, p in enumerate(chosen) if k not in mine)


@dataclass(frozen=True, slots=True)
class _NamedPlaces:
    """The place each name of a document was read as (organisations left out), and how many
    names lie in each country: what :func:`_stranded` weighs a name against.

    Parameters
    ----------
    places
        Each name's group and its place.
    countries
        Number of names placed in each country.
    """

    places: tuple[tuple[_Group, Place], ...]
    countries: dict[str, int]

    @classmethod
    def of(cls, groups: list[_Group], mentions: list[Mention],
           chosen: list[Place | None]) -> _NamedPlaces:
        """The places of ``groups`` as ``chosen``."""
        places = tuple((g, p) for g in groups
                       if mentions[g.indices[0]].kind != KIND_ORGANISATION
                       and (p := chosen[g.indices[0]]) is not None)
        countries: dict[str, int] = {}
        for _, p in places:
            countries[p.country] = countries.get(p.country, 0) + 1
        return cls(places, countries)


def _stranded(group: _Group, named: _NamedPlaces) -> bool:
    """Whether every reading of a name is a town abroad that nothing else in the document
    leads to: not large, in a country that no other name of the document lies in or names,
    far from the document's other places, while other names (two at least) place the
    story in one country ("fled to the nearby town of Bule" in a report from Congo's Ituri,
    where the gazetteer knows only Bulle in Switzerland; a village of Zamfara that shares its
    name with a town in Burkina Faso). Such a name is a place the gazetteer lacks, not the
    namesake. (Names, not mentions, are counted: "U.S. troops ... U.S. officials said" sets
    no story's country for "near Tikrit".)"""
    if any(c.place.feature not in _TOWNS or c.place.population >= settings.STRANDED_POPULATION
           for c in group.candidates):
        return False
    # the other names' countries: the document's, less this name's own
    names_in = dict(named.countries)
    for g, p in named.places:
        if g is group:
            names_in[p.country] -= 1
    if max(names_in.values(), default=0) < settings.STRANDED_SUPPORT or any(
            names_in.get(c.place.country, 0) > 0 for c in group.candidates):
        return False
    # far from the centre of the other towns, or, with none, from every other place
    places = [p for g, p in named.places if g is not group]
    centre = _centre(places)
    points = [centre] if centre is not None else [(p.lat, p.lon) for p in places]
    return all(_approx_km(c.place.lat, c.place.lon, lat, lon) > settings.STRANDED_KM
               for c in group.candidates for lat, lon in points)


#: Features that a division cannot hold ("Georgia in Europe" is no pattern of a town).
_DIVISIONS_AND_BROADER = BROAD | {_F.ADMIN1, _F.ADMIN2}


def is_place_reference(resolved: Resolved) -> bool:
    """Whether a resolution is a toponym (not a demonym or an organisation) with a place."""
    return resolved.place is not None and resolved.mention.kind not in {
        KIND_DEMONYM,
        KIND_ORGANISATION,
    }
