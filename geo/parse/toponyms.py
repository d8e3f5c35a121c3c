"""Recognise place mentions in text by matching gazetteer names, with a geoparser's rules.

Rules, in the order they apply to a span of tokens:

* a name starts with a capital letter (or a direction word: "northwestern Syria") and may hold
  lower-case connectors ("Strait of Hormuz", "Bosnia and Herzegovina") and end in a generic
  word ("Idlib province", "Syria coast");
* the longest name that the gazetteer knows wins, and matches never overlap;
* a one-word name that is also a common English word ("Reading", "Nice", "March") needs a
  locative cue ("in Nice"), a ", State" after it, or a very likely place behind it;
* a name after a title ("Mr Jordan", "President Lincoln") or inside a person's name
  ("Jens Stoltenberg") is not a place;
* a ship named after a place, after a navy prefix or a kind of ship ("HMCS Ottawa", "the
  tanker Fujairah"), is not a place;
* adjectives and people names of places ("Turkish", "Syrians") are demonyms, kept apart;
  organisations with a seat ("Nato", "EU") are kept apart too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from gazetteer import Candidate, FeatureClass, Gazetteer, NameKind
from gazetteer.normalize import normalize_name
from geo import settings
from geo.model import MentionKind
from geo.parse import words
from geo.parse.runs import (
    CONNECTORS,
    DIRECTIONS,
    GENERIC_WORDS,
    Run,
    capitalised_word,
    direction_start,
    run_pattern,
    starts_capitalised,
    token_at,
    token_before,
)
from geo.parse.text import LETTER, Token, sentence_spans
from geo.parse.words import CALENDAR_NAMES, is_common_word, is_function_word, person_names

LOCATIVES: frozenset[str] = frozenset(
    {"in", "at", "near", "from", "to", "into", "outside", "inside", "towards", "toward",
     "across", "via", "through", "around", "within", "between", "of", "off", "for", "visit",
     "visited", "reach", "reached", "entered", "leaving", "left", "over", "bombed", "shelled",
     "struck", "hit", "pounded", "attacked", "targeted", "raided", "captured", "seized",
     "retook", "besieged", "stormed", "toured", "past", "along"}
)
#: Nouns that make "<noun> of X" name a place X.
_PLACE_NOUNS = frozenset(
    "town city village province county region state island port district capital outskirts "
    "area suburbs governorate municipality republic kingdom emirate".split()
)
#: Cues too weak to make a common word a place ("cases of Mad Cow Disease").
WEAK_CUES: frozenset[str] = frozenset({"of", "for", "between", "hit", "left"})
TITLES: frozenset[str] = frozenset(
    """mr mrs ms miss dr prof president minister gen general sen senator rep representative gov
    governor judge justice officer detective coach pope king queen prince princess lord lady sir
    dame sgt sergeant lt lieutenant col colonel capt captain maj major adm admiral chancellor
    secretary ambassador spokesman spokeswoman chief mayor councilman councilwoman deputy
    sheriff trooper pastor father brother sister uncle aunt st""".split()
)
#: Words right before a name that make it a vessel's ("HMCS Ottawa", "the frigate Admiral
#: Makarov", "the landing ship Kondopoga", "the M.V. Tavvishi"): navy and merchant prefixes
#: and kinds of ship.
VESSEL_WORDS: frozenset[str] = frozenset(
    """uss usns hms hmcs hmas hmnzs ins cns brp rfs rss tcg fs its sas kri bns ns mv ms ss
    m.v m.t m/v m/t
    frigate destroyer corvette cruiser submarine warship tanker freighter ship vessel carrier
    trawler dhow yacht ferry tug""".split()
)
#: Words after a place name that make the pair an organisation still named after the place.
ORG_WORDS: frozenset[str] = frozenset(
    """county city police department fire sheriff school schools university college airport
    times post herald tribune news journal daily street road avenue hospital high middle
    council district court state province region regional area community church board
    international museum center centre park river lake bay valley port harbor harbour airbase
    government army navy forces military ministry embassy consulate st ave blvd rd hwy""".split()
)
#: Capitalised words that are never place names on their own, though some place is so called.
STOP_WORDS: frozenset[str] = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december god christmas easter i we you he
    she it they this that these those there here what when where who why how yes no not mr mrs
    ms dr today tomorrow yesterday said says according also but and or if while however
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun co inc corp
    ltd llc pct university college school hospital church metro federal interior jewish arab
    english christian muslim catholic""".split()
)
#: Endings of contractions ("They're", "We'll"), compared in lower case.
_CONTRACTIONS = tuple(f"{mark}{end}" for mark in "'’" for end in ("re", "ll", "ve", "d", "t", "m"))
KIND_TOPONYM = MentionKind.TOPONYM
KIND_DEMONYM = MentionKind.DEMONYM
KIND_ORGANISATION = MentionKind.ORGANISATION


class Mention(NamedTuple):
    """A place name found in a text.

    Parameters
    ----------
    start, end
        Offsets of the name in the text.
    text
        The name as written.
    kind
        ``"toponym"``, ``"demonym"`` (an adjective or people name of a place) or
        ``"organisation"`` (an organisation whose seat the gazetteer knows).
    sentence
        Index of the sentence that holds it.
    candidates
        Gazetteer places the name may refer to, best first by prior.
    cue
        The locative word just before it ("in", "from", "via"), lower-case, or "".
    """

    start: int
    end: int
    text: str
    kind: MentionKind
    sentence: int
    candidates: tuple[Candidate, ...]
    cue: str = ""


#: The rest of a name written on with hyphens after a match: "-au-Prince", "-Mengao" (a
#: capitalised word, perhaps after short lower-case ones; not "-led", "-based"), or a compass
#: word in any case ("Centre-nord").
#: "of" or "for" and a capitalised word after a common word's name: they make a longer name
#: ("the Line of Control", "the Centre for Strategic Studies").
_OF_NAME_AFTER = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?[A-Z]")
_COMPOUND_REST = re.compile(r"(?:-[a-z]{1,5})*-(?P<word>[A-Z][^\W\d_]+|"
                            r"(?:nord|sud|est|ouest|north|south|east|west)\b)")


#: Compass words that end a name written on with a hyphen ("Centre-Nord", "Kasai-Oriental"):
#: the whole is one name, never two places.
_COMPASS_PARTS = frozenset({"nord", "sud", "est", "ouest", "north", "south", "east", "west",
                            "norte", "sur", "este", "oeste", "oriental", "occidental",
                            "central", "centre", "center"})


def _strip_possessive(text: str) -> str:
    ending = text[-2:]
    if ending in _POSSESSIVE_S:  # "Syria's"
        return text[:-2]
    if ending in _PLURAL_POSSESSIVE:  # "the Philippines'"
        return text[:-1]
    return text


_POSSESSIVE_S = frozenset({"'s", "’s"})
_PLURAL_POSSESSIVE = frozenset({"s'", "s’"})
_POSSESSIVES = ("'s", "’s", "s'", "s’")


_MINOR = frozenset({"the", "and", "for", "but", "with", "from", "into", "over", "after", "amid"})


#: A word of three letters or more (the class first, so that the engine skips ahead to a letter).
_LONG_WORD = re.compile(rf"{LETTER}(?<![\w'’].){LETTER}{{2,}}")


def _is_headline(sentence: str) -> bool:
    """Whether a sentence is in title case ("Russia Says Putin, Erdogan Discussed Strike"):
    three long words or more (minor words aside), nine in ten of them capitalised."""
    # A long word takes four characters with the one that parts it from the next, so a
    # sentence holds at most this many; most sentences fail on their first few words.
    most = (len(sentence) + 1) // 4
    words = lower = 0
    for match in _LONG_WORD.finditer(sentence):
        word = match[0]
        if word.lower() in _MINOR:
            continue
        words += 1
        if not word[0].isupper():
            lower += 1
            if 10 * lower > most:
                return False  # fewer capitalised words than nine in ten, however many follow
    return words >= 3 and words - lower >= 0.9 * words


def _generic(token: Token) -> bool:
    """Whether a token is a generic word that may end a name ("province", "coast")."""
    return token.text[:1].isalpha() and _strip_possessive(token.text.lower()) in GENERIC_WORDS


_F = FeatureClass
#: Features whose one-word names are places whatever else the word means ("Turkey", "Chad").
_SURE_FEATURES = frozenset({_F.COUNTRY, _F.CONTINENT, _F.SEA, _F.GULF, _F.STRAIT, _F.CANAL})
#: A one-word name with a place of these features, or named by one of these kinds, has its
#: candidates read before its context is judged (see ``ToponymRecognizer._minor``).
_PROMINENT_FEATURES = _SURE_FEATURES | {_F.ADMIN1, _F.SEAT}
_PROMINENT_KINDS = frozenset({NameKind.DEMONYM, NameKind.ABBREVIATION})
#: How far below the common-word prior a summary's best prior must be (it is rounded).
_PRIOR_MARGIN = 0.001
#: Features whose names a person's name list does not overrule ("Wales", "Bali", "Georgia").
_NOT_PERSON_FEATURES = frozenset({_F.ADMIN1, _F.REGION, _F.ISLAND, _F.RIVER, _F.LAKE, _F.MOUNTAIN})
#: A weapon after a name, with its model code and kind ("Magura V5 maritime drones",
#: "Neptune missiles", "Kalibr cruise missiles"): the name is the weapon's, not a place.
_WEAPON_AFTER = re.compile(
    r"\s+(?:[A-Z]{1,3}-?\d{1,4}[A-Za-z]?\s+)?(?:(?:cruise|ballistic|maritime|naval|sea|attack|"
    r"kamikaze|anti-ship|hypersonic|guided|long-range)\s+){0,2}(?:missiles?|drones?|rockets?)\b")
#: Articles that start a sentence ("The Gulf state of Qatar").
_ARTICLES = frozenset({"the", "this", "that", "a", "an"})
#: Waters whose one-word name is also its region's adjective ("Caribbean", "Pacific", "Gulf").
_WATER_FEATURES = frozenset({_F.SEA, _F.GULF})
#: One country named by the adjective of its waters' region, after a lower-case word: "the
#: impoverished Caribbean nation", "the Pacific nation of Tonga", "the Gulf state of Qatar" (a
#: country, not the sea; plurals, "the Baltic states", name the region and are left alone).
_ONE_POLITY_AFTER = re.compile(r"(?:['’]s)?\s+(?:island\s+|archipelago\s+)?(?:nation|country|"
                               r"state|kingdom|republic|monarchy|emirate|archipelago)\b(?!-)")


def _word_count(tokens: list[Token], tail: Token | None, i: int, length: int) -> int:
    """Words (not joiners) among the ``length`` tokens from ``i``; the tail follows the run."""
    span = tokens[i : i + length]
    if i + length > len(tokens) and tail is not None:
        span.append(tail)
    return sum(1 for t in span if t.text[:1].isalpha())


#: Words (lower case) that never start a name: articles and titles.
_NOT_STARTS = TITLES | {"the", "a", "an"}
#: Titles that are adjectives in lower case ("this major Ivory Coast city", "the general
#: Kandahar area"): a title only when capitalised ("Major Smith").
_ADJECTIVE_TITLES = frozenset({"major", "general", "chief"})


def _can_start(lower: str) -> bool:
    return not (
        lower in _NOT_STARTS
        or _strip_possessive(lower) in STOP_WORDS
        or lower.endswith(_CONTRACTIONS)
    )


#: Words between a cue and its place ("in the northern X", "in nearby Geneva").
_CUE_SKIPS = frozenset({"the", "northern", "southern", "eastern", "western", "central",
                         "nearby", "neighbouring", "neighboring"})
_FIRST_LETTER = re.compile(LETTER)


class _Facts:
    """What the rules know about a name and its candidates before looking at its context
    (worked out once per distinct run and kept).

    A one-word name of minor places only (see :meth:`ToponymRecognizer._minor`) starts
    *deferred*: what the rules ask before its candidates is known from the gazetteer's summary
    (a toponym, not strong, not broad, not a division), and the candidates are read only when
    the context keeps the name (most such names are people's: "Walker" in "Paul Walker").
    """

    __slots__ = ("adjective_if_lower_next", "all_candidates", "broad", "candidates", "common",
                 "deferred", "feature", "kind", "maybe_person", "not_place", "single_lower",
                 "strong", "text")

    def __init__(self, text: str, length: int, candidates: tuple[Candidate, ...] | None,
                 not_places: frozenset[str]) -> None:
        self.text = text
        self.not_place = text in not_places
        self.single_lower = length == 1 and text.isalpha() and not text.isupper()
        self.common = self.single_lower and is_common_word(text)
        self.kind = KIND_TOPONYM
        self.adjective_if_lower_next = self.strong = self.broad = self.maybe_person = False
        self.feature = ""
        self.candidates: tuple[Candidate, ...] = ()
        self.all_candidates: tuple[Candidate, ...] = ()
        self.deferred = candidates is None
        if candidates is not None:
            self.read(candidates)

    def read(self, candidates: tuple[Candidate, ...]) -> None:
        """Work out the facts that depend on the candidates."""
        self.deferred = False
        text = self.text
        self.all_candidates = candidates
        best = candidates[0]
        kinds = {c.kind for c in candidates}
        demonym_of_country = any(
            c.kind == NameKind.DEMONYM and c.place.feature in {_F.COUNTRY, _F.CONTINENT}
            for c in candidates)
        self.adjective_if_lower_next = False
        if kinds == {NameKind.DEMONYM} or (
            # "Canadian" is the adjective of Canada, not Canadian, Texas.
            demonym_of_country and max(c.prior for c in candidates if c.kind != NameKind.DEMONYM)
            < settings.DEMONYM_PLACE_MIN_PRIOR
        ):
            self.kind = KIND_DEMONYM  # "Turkish"
        else:
            # "US envoy": an abbreviated country before a lower-case word is an adjective
            # (an abbreviation in capitals: "Côte d'Ivoire said" is the country).
            self.adjective_if_lower_next = (
                best.kind == NameKind.ABBREVIATION and best.place.feature == _F.COUNTRY
                and text.replace(".", "").isupper())
            if best.place.feature == _F.SEAT or all(
                c.place.feature == _F.SEAT for c in candidates
            ) or (len(text) <= settings.ACRONYM_MAX and text[1:].islower() and any(
                    c.place.feature == _F.SEAT and c.kind == NameKind.ALT for c in candidates)):
                self.kind = KIND_ORGANISATION
                candidates = tuple(c for c in candidates if c.place.feature == _F.SEAT)
            else:
                self.kind = KIND_TOPONYM
                candidates = tuple(c for c in candidates if c.kind != NameKind.DEMONYM)
                best = candidates[0]
        self.candidates = candidates
        self.feature = best.place.feature
        self.strong = best.place.feature in _SURE_FEATURES or \
            best.prior >= settings.COMMON_WORD_MIN_PRIOR
        self.broad = best.place.feature in {_F.COUNTRY, _F.CONTINENT, _F.ADMIN1}
        self.maybe_person = (
            self.single_lower and not self.strong and text in person_names()
            and best.place.feature not in _NOT_PERSON_FEATURES
            and max(c.place.population for c in candidates) < settings.PERSON_NAME_MAX_POPULATION
        )


#: First words of place names in other languages that are common nouns there ("Puerto",
#: "Kafr", "Tal", "Bab"): before another capitalised word they start a name of two words the
#: gazetteer lacks ("Puerto Jordan", "Bab al-Hadid"), not the namesake town and a second
#: place.
NAME_HEADS = frozenset({
    "abu", "umm", "beit", "bayt", "bab", "bir", "deir", "dayr", "kafr", "kfar", "tal", "tell",
    "ain", "ayn", "ras", "wadi", "jabal", "jebel", "khirbet", "qasr", "nahr", "hassi", "oued",
    "puerto", "porto", "san", "santa", "santo", "sao", "ciudad", "villa", "ban", "kampung",
    "kampong", "qala", "qalat", "kala"})


def _without_name_heads(matches: tuple[_Match, ...], key: str) -> tuple[_Match, ...]:
    """The matches of a run without a one-word name from :data:`NAME_HEADS` that a
    capitalised word follows, nor that word's own one-word name ("Puerto Jordan" is neither
    El Puerto de Santa María nor Jordan)."""
    if not matches or " " not in key:
        return matches  # one word: nothing follows a name's first word
    dropped: set[int] = set()
    for m in matches:
        if m.length == 1 and key[m.start : m.end].lower() in NAME_HEADS \
                and key[m.last_end : m.last_end + 1] == " " \
                and key[m.last_end + 1 : m.last_end + 2].isupper():
            dropped.update((m.start, m.last_end + 1))
    if not dropped:
        return matches
    return tuple(m for m in matches if m.start not in dropped or m.length > 1)


class _Match(NamedTuple):
    """The longest gazetteer name from one token of a run (offsets from the run's start).

    Parameters
    ----------
    token, length
        The position of the name's first token in the run, and its number of tokens.
    facts
        What the rules know about the name without its context.
    start, end
        The name's offsets (a possessive "'s" left out, an abbreviation's full stop kept).
    last_end
        Where its last token ends.
    """

    token: int
    length: int
    facts: _Facts
    start: int
    end: int
    last_end: int


class _Single(NamedTuple):
    """The one-token name of a word: its facts, and where the name and the word end (from
    the word's start; the name may keep a full stop after the word or drop an "'s")."""

    facts: _Facts
    end: int
    token_end: int


class _SentenceContext:
    """What the rules ask about a sentence (``text[start:end]``): its index, where its first
    word starts, whether it is a headline (computed when first asked), where accepted
    names end, and where the last accepted mention ends (``covered``: a name written on with
    hyphens covers runs after its own)."""

    __slots__ = ("_headline", "accepted_ends", "covered", "end", "first_word", "index", "start",
                 "text")

    def __init__(self, text: str, index: int, start: int, end: int) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.text = text
        first = _FIRST_LETTER.search(text, start, end)
        self.first_word = first.start() if first else start
        self.accepted_ends: set[int] = set()
        self.covered = start
        self._headline: bool | None = None

    @property
    def headline(self) -> bool:
        if self._headline is None:
            self._headline = _is_headline(self.text[self.start : self.end])
        return self._headline


class ToponymRecognizer:
    """Find place mentions with a gazetteer.

    Parameters
    ----------
    gazetteer
        The gazetteer whose names are matched.
    not_places
        Names that are never places here (people and organisations of the actor table).
    shortcuts
        Read the candidates of a one-word name of minor places only when its context keeps
        it, and search for a name of several words only where the gazetteer has one that
        starts with the first two; ``False`` reads and searches everything, to check that
        the shortcuts change no output.
    """

    def __init__(self, gazetteer: Gazetteer, not_places: frozenset[str] = frozenset(), *,
                 shortcuts: bool = True) -> None:
        self.gazetteer = gazetteer
        self.not_places = not_places
        self.shortcuts = shortcuts
        gazetteer.load_name_index()
        # What depends on nothing but a run's text, a word or a name is worked out once per
        # distinct one: the matches of a run, how many words a name starting with a word may
        # have, a word's one-token name, whether a name names minor places only, and the
        # candidates of a name and of a dotted abbreviation.
        cached = lru_cache(maxsize=settings.RECOGNISER_CACHE_SIZE)
        self._run_matches = cached(self._matches)
        self._name_words = cached(self._name_words_of)
        self._single = cached(self._single_of)
        self._minor = cached(self._minor_of)
        self._named = cached(self._named_of)
        self._abbreviation = cached(self._abbreviation_of)
        # The facts of each name (and whether it is one token), shared by every match of it:
        # as many as the distinct gazetteer names met.
        self._facts: dict[tuple[str, bool], _Facts] = {}
        # Load the word lists now rather than halfway through the first document.
        words.load()
        run_pattern()

    def recognize(self, text: str) -> list[Mention]:
        """Return the place mentions of ``text`` in order, without overlaps."""
        mentions: list[Mention] = []
        persons: set[str] = set()
        pending: list[Mention] = []
        pattern = run_pattern()
        for index, (lo, hi) in enumerate(sentence_spans(text)):
            context: _SentenceContext | None = None
            for match in pattern.finditer(text, lo, hi):
                start, end = match.span()
                start = direction_start(text, lo, start)
                tail_start, stop = match.span("tail")
                if tail_start < 0:
                    stop = end
                # The run's text, its generic word included, and the full stop after it when
                # one follows a word short enough to be abbreviated ("Ky."; "Beaumont." is the
                # run "Beaumont"): a run's text never ends in a generic word of its own, and
                # ends in "." only with a whole abbreviation ("U.S."), never as "Ky" does.
                key = text[start : stop + 1] if text[stop : stop + 1] == "." and not (
                    stop - start > settings.ABBREVIATION_MAX and text[stop - settings.ABBREVIATION_MAX - 1 : stop]
                    .isalpha()) else text[start:stop]
                entries = self._run_matches(
                    key, end - start, tail_start - start if tail_start >= 0 else -1)
                if not entries:
                    continue
                if context is None:
                    context = _SentenceContext(text, index, lo, hi)
                mentions.extend(
                    self._judge_run(text, start, entries, context, persons, pending))
        # One sense per discourse: a word seen inside a person's name is a name everywhere,
        # and a name that is plainly a place once ("in Alexandria") is a place everywhere.
        placed = {m.text for m in mentions if m.cue and m.cue not in WEAK_CUES}
        mentions.extend(m for m in pending if m.text in placed and m.text not in persons)
        mentions.sort(key=lambda m: m.start)
        return [
            m for m in mentions
            if not (m.text in persons and m.kind == KIND_TOPONYM
                    and m.candidates[0].prior < settings.COMMON_WORD_MIN_PRIOR)
        ]

    def _matches(self, key: str, run_end: int, tail_start: int) -> tuple[_Match, ...]:
        """The longest gazetteer name from each token of a run that may start one, offsets
        from the run's start.

        ``key`` is the run's text, then its tail (the generic word after it, from
        ``tail_start``; -1 for none) and a full stop right after either; the run ends at
        ``run_end``. The matches depend on nothing else, so they are kept per run.

        Most tokens start no name longer than themselves ("Walker" in "Linda Walker": no name
        starts with "linda walker"); their one-token match depends on the word alone and is
        kept per word.
        """
        if tail_start < 0 and key.isascii() and "  " not in key \
                and key.replace(" ", "").isalpha():
            plain = self._plain_matches(key)
            if plain is not None:
                return _without_name_heads(plain, key)
        tail = None
        if tail_start >= 0:  # a generic word never ends in ".": a final one follows it
            stop = len(key) - 1 if key.endswith(".") else len(key)
            tail = Token(key[tail_start:stop], tail_start, stop)
        run = Run(key, 0, run_end, tail)
        tokens = run.tokens
        # the last token starts a longer name only with a generic word after the run
        longer = len(tokens) if tail is not None else len(tokens) - 1
        out: list[_Match] = []
        for i, token in enumerate(tokens):
            word = token.text
            words = self._name_words(word)
            # a name starts at a capital, or at a direction word that starts the run
            if not words or not (starts_capitalised(key, token.start)
                                 or (i == 0 and word in DIRECTIONS)):
                continue
            if i < longer and self._may_be_longer(run, i):
                found = self._longest_match(run, i, words)
                if found is not None:
                    out.append(found)
                    continue
            # no token ends in "." unless it is dotted ("U.S.")
            single = self._single(word, key[token.end : token.end + 1] == ".")
            if single is not None:
                start = token.start
                out.append(_Match(i, 1, single.facts, start, start + single.end,
                                  start + single.token_end))
        return _without_name_heads(tuple(out), key)

    def _plain_matches(self, key: str) -> tuple[_Match, ...] | None:
        """The matches of a run of plain words (ASCII letters between single spaces, with no
        generic word or full stop after it) when no name of two words or more may start in
        it, as :meth:`_matches` finds them, one lookup per word and no tokens made (most runs:
        "The", "Linda Walker", "Officials"); ``None`` when a longer name may start in it."""
        words = key.split(" ")
        last = len(words) - 1
        out: list[_Match] = []
        start = 0
        for i, word in enumerate(words):
            if i:
                start += len(words[i - 1]) + 1
            # a name starts at a capital, or at a direction word that starts the run
            longest = self._name_words(word)
            if not longest or not (word[0].isupper() or (i == 0 and word in DIRECTIONS)):
                continue
            if i < last:
                after = words[i + 1]
                if not self.shortcuts or after.lower() in GENERIC_WORDS or (
                        longest > 1 and self.gazetteer.may_start_longer_name(f"{word} {after}")):
                    return None  # the full search decides
            single = self._single(word, False)
            if single is not None:
                out.append(_Match(i, 1, single.facts, start, start + single.end,
                                  start + single.token_end))
        return tuple(out)

    def _may_be_longer(self, run: Run, i: int) -> bool:
        """Whether a name of more than one token may start at token ``i`` of a run: it has
        more tokens or a generic word after it, and the gazetteer has a name of two words or
        more that starts with it and the next word (or the next token is a joiner, a generic
        word or a possessive, which the full search handles)."""
        tokens = run.tokens
        if i + 1 >= len(tokens):
            return run.tail is not None
        if not self.shortcuts:
            return True
        after = tokens[i + 1]
        second = after.text
        if not second[:1].isalpha() or _generic(after) or second.endswith(_POSSESSIVES):
            return True
        return self.gazetteer.may_start_longer_name(run.text[tokens[i].start : after.end])

    def _name_words_of(self, word: str) -> int:
        """How many words a name starting with this token may have: 0 for a stop word or a
        title, or when no gazetteer name starts with it ("Said", "Officials")."""
        if not _can_start(word.lower()):
            return 0
        gazetteer = self.gazetteer
        words = gazetteer.name_words(word)
        stripped = _strip_possessive(word)
        return words if stripped is word else max(words, gazetteer.name_words(stripped))

    def _named_of(self, name: str) -> tuple[Candidate, ...]:
        """The candidates of a name as matched in text (none when it names no place);
        short all-capital names must be known abbreviations ("US", "UAE") or seats."""
        found = tuple(self._top(name))  # none when no place is so called
        if name.isupper() and len(name.replace(".", "")) <= settings.ACRONYM_MAX:
            found = tuple(c for c in found
                          if c.kind == NameKind.ABBREVIATION or c.place.feature == _F.SEAT)
        return found

    def _judge_run(
        self,
        text: str,
        base: int,
        entries: tuple[_Match, ...],
        context: _SentenceContext,
        persons: set[str],
        pending: list[Mention],
    ) -> list[Mention]:
        out: list[Mention] = []
        skip_to = 0
        for i, length, facts, start, end, last_end in entries:
            if i < skip_to or base + start < context.covered:
                continue  # "Pul" of "Sar-e-Pul" is no name of its own
            if facts.not_place:  # an actor's name ("Putin"), whatever its context
                persons.add(facts.text)
                continue
            prev = token_before(text, context.start, base + start)
            mention = self._judge(
                text, facts, base + start, base + end, base + last_end, prev,
                self._cue(text, context.start, prev), context=context, persons=persons,
                pending=pending,
            )
            if mention is not None:
                out.append(mention)
                context.accepted_ends.add(base + last_end)
                skip_to = i + length
                context.covered = mention.end
        return out

    def _longest_match(self, run: Run, i: int, words: int) -> _Match | None:
        """The longest name of two tokens or more from token ``i`` of a run, if any."""
        # The tokens that may form a name: the run's capitalised words and connectors from
        # ``i`` on, then at most one generic word ("province", "coast") after the run.
        tokens = run.tokens
        n = len(tokens)
        tail = run.tail
        text = run.text
        longest = n - i
        if longest >= settings.MAX_NAME_TOKENS:
            longest = settings.MAX_NAME_TOKENS
        elif tail is not None and _generic(tail):
            longest += 1
        first = tokens[i]
        for length in range(longest, 1, -1):
            k = i + length - 1
            last = tokens[k] if k < n else tail
            assert last is not None
            last_text = last.text
            initial = last_text[:1]
            if not initial.isalpha() or last_text.lower() in CONNECTORS:
                continue
            if not (capitalised_word(last_text) or _generic(last)):
                continue
            if length > words and _word_count(tokens, tail, i, length) > words + (
                    2 if _generic(last) else 0):
                continue  # longer than any name that starts with this word
            start = first.start
            stripped = _strip_possessive(text[start : last.end])
            end = start + len(stripped)
            # (an abbreviation is capitalised, "Okla.": "in Maharashtra state." ends a sentence)
            if len(last_text) <= settings.ABBREVIATION_MAX and not last_text.isupper() \
                    and last_text[:1].isupper() and text[end : end + 1] == ".":
                dotted = text[start : end + 1]
                cands = self._abbreviation(dotted)
                if cands:
                    return self._match(run, i, length, dotted, cands, end + 1, last.end)
            candidates = self._named(stripped)
            if candidates:
                return self._match(run, i, length, stripped, candidates, end, last.end)
        return None

    def _match(self, run: Run, i: int, length: int, name: str,
               candidates: tuple[Candidate, ...], end: int, last_end: int) -> _Match:
        return _Match(i, length, self._facts_of(name, length, candidates),
                      run.tokens[i].start - run.start, end - run.start, last_end - run.start)

    def _facts_of(self, name: str, length: int,
                  candidates: tuple[Candidate, ...] | None) -> _Facts:
        """The facts of a name (``length``: its tokens), worked out once."""
        key = (name, length == 1)
        facts = self._facts.get(key)
        if facts is None:
            facts = self._facts[key] = _Facts(name, length, candidates, self.not_places)
        return facts

    def _single_of(self, word: str, dot: bool) -> _Single | None:
        """The one-token name of a token ``word`` (``dot``: a full stop follows it), or
        ``None``."""
        initial = word[:1]
        lower = word.lower()
        if not initial.isupper() or lower in CONNECTORS or lower in DIRECTIONS:
            return None
        stripped = _strip_possessive(word)
        name: str = stripped
        candidates: tuple[Candidate, ...] | None = None
        if dot and stripped is word and len(word) <= settings.ABBREVIATION_MAX and not word.isupper():
            candidates = self._abbreviation(word + ".") or None
            if candidates:
                name = word + "."
        if candidates is None:
            if stripped.isalpha() and not stripped.isupper():
                if is_function_word(stripped) or stripped.lower() in CALENDAR_NAMES:
                    return None  # "In", "Will", "Ramadan": never a place, so never looked up
                if not self._minor(stripped):
                    candidates = self._named(stripped)
                    if not candidates:
                        return None
                # else: a minor name, read only if its context keeps it
            else:
                candidates = self._named(stripped)
                if not candidates:
                    return None
        return _Single(self._facts_of(name, 1, candidates), len(name), len(word))

    def _minor_of(self, word: str) -> bool:
        """Whether a one-word name (letters only, not in capitals) names only minor places: no
        country, continent, division, water body or seat, no demonym or abbreviation, and no
        place likely enough to make it a strong name (the gazetteer's summary of the name says
        so without reading its candidates)."""
        return self.shortcuts and self.gazetteer.names_only_places_without(
            word, _PROMINENT_FEATURES, _PROMINENT_KINDS,
            settings.COMMON_WORD_MIN_PRIOR - _PRIOR_MARGIN)

    def _abbreviation_of(self, dotted: str) -> tuple[Candidate, ...]:
        """Candidates of an abbreviation written with its full stop ("Ky.", "Calif."). A
        division's or a country's other name counts only when no place bears the name as its
        own before it: "in Lagos." at a sentence's end is the city, not South Sudan's Lakes
        state, one of whose other names is Lagos."""
        top = self._top(dotted)[:10]
        named_first = bool(top) and top[0].kind == NameKind.NAME
        return tuple(c for c in top
                     if c.kind == NameKind.ABBREVIATION
                     or (c.kind == NameKind.ALT and not named_first
                         and c.place.feature in {_F.ADMIN1, _F.COUNTRY}))

    @staticmethod
    def _cue(text: str, lo: int, prev: Token | None) -> str:
        token = prev
        while token is not None and token.text.lower() in _CUE_SKIPS:
            token = token_before(text, lo, token.start)
        if token is not None and token.text.lower() in LOCATIVES:
            cue = token.text.lower()
            if cue == "of":
                before = token_before(text, lo, token.start)
                if before is not None and before.text.lower() in _PLACE_NOUNS:
                    return "in"  # "the town of Mobile", "the province of Idlib"
            return cue
        return ""

    def _judge(
        self,
        text: str,
        facts: _Facts,
        start: int,
        end: int,
        last_end: int,
        prev: Token | None,
        cue: str,
        *,
        context: _SentenceContext,
        persons: set[str],
        pending: list[Mention],
    ) -> Mention | None:
        mention_text = facts.text
        kind, candidates = facts.kind, facts.candidates
        compound = _COMPOUND_REST.match(text, last_end) if kind == KIND_TOPONYM else None
        if compound is not None:
            # A name written on with a hyphen: "Port-au-Prince" is one place, "Pobe-Mengao" a
            # village the gazetteer lacks (not Pobé), "Israel-Gaza" two places.
            whole = text[start : compound.end()]
            found = self._named(whole)
            if found:
                return Mention(start, compound.end(), whole, kind, context.index, found, cue)
            word = compound.group("word")
            if word.lower() in _COMPASS_PARTS or not self._named(word):
                # one name the gazetteer lacks, its parts no names of their own either
                # ("Centre-Nord": not Centre, nor Nord)
                context.covered = max(context.covered, compound.end())
                return None
        nxt = token_at(text, last_end, context.end) \
            if facts.adjective_if_lower_next or facts.single_lower else None
        if facts.adjective_if_lower_next and nxt is not None and nxt.text[:1].islower() \
                and nxt.text not in LOCATIVES and nxt.end - end <= 1 + len(nxt.text):
            # "US envoy": a country named as an adjective.
            kind, candidates = KIND_DEMONYM, facts.all_candidates
        prev_word = prev.text.rstrip(".").lower() if prev is not None else ""
        if prev_word in TITLES and not (prev_word in _ADJECTIVE_TITLES and prev is not None
                                        and prev.text[:1].islower()):
            persons.add(mention_text)
            return None
        if prev_word in VESSEL_WORDS and prev is not None and prev.end >= start - 1:
            return None  # a ship named after a place: "HMCS Ottawa", "the tanker Fujairah"
        if kind == KIND_TOPONYM and not facts.broad and _WEAPON_AFTER.match(text, end) \
                and all(c.place.population < settings.WEAPON_NAME_MAX_POPULATION
                        for c in candidates):
            return None  # "Magura V5 maritime drones", "Neptune missiles": a weapon's name
        if kind == KIND_TOPONYM and facts.single_lower and facts.feature in _WATER_FEATURES \
                and prev is not None and prev.is_word \
                and (prev.text[:1].islower() or prev_word in _ARTICLES) \
                and prev.end < start and _ONE_POLITY_AFTER.match(text, end):
            return None  # "the Caribbean nation's capital": a country of the region
        if kind == KIND_TOPONYM and facts.common and (
                _OF_NAME_AFTER.match(text, end) or (
                    prev is not None and prev.is_word and prev.is_capitalized
                    and prev.end == start - 1 and prev.start != context.first_word
                    and prev_word not in DIRECTIONS and prev_word not in STOP_WORDS
                    and prev_word not in CONNECTORS
                    and not prev.text.endswith(("'s", "’s", ".")))):
            # a longer name the gazetteer lacks: "the Line of Control", "the Centre for
            # Strategic Studies", "the Kennedy Centre"
            return None
        if kind == KIND_TOPONYM and facts.single_lower:
            strong = facts.strong
            if facts.common and not strong:
                state_after = self._state_after(text, nxt, context.end)
                if start == context.first_word or not (
                        (cue and cue not in WEAK_CUES) or state_after):
                    return None
            if not strong and prev is not None and prev.is_word and prev.is_capitalized \
                    and prev_word not in DIRECTIONS and prev.end not in context.accepted_ends \
                    and facts.feature != _F.ADMIN1 and prev_word not in STOP_WORDS \
                    and not prev.text.endswith(("'s", "’s")) \
                    and not (prev.start == context.first_word and is_common_word(prev.text)) \
                    and not context.headline:
                persons.add(mention_text)
                return None  # "Hami Aksoy", "Michael Jordan"
            if not facts.broad and nxt is not None and nxt.is_word and nxt.is_capitalized \
                    and not text.startswith(("'s", "’s"), end) \
                    and nxt.text.lower() not in ORG_WORDS \
                    and nxt.text.lower() not in STOP_WORDS and not is_common_word(nxt.text) \
                    and not context.headline:
                persons.add(mention_text)
                return None  # "Paris Hilton", "Jordan Henderson" (not "Aleppo's Salaheddine")
            if facts.deferred:
                # The context keeps the name: now its candidates count.
                facts.read(self._named(mention_text))
                candidates = facts.candidates
            if facts.maybe_person and not (cue and cue not in WEAK_CUES) \
                    and not self._state_after(text, nxt, context.end):
                # "Moore said": a person, unless the name is a place elsewhere in the text.
                pending.append(Mention(start, end, mention_text, kind, context.index,
                                       candidates, cue))
                return None
        return Mention(start, end, mention_text, kind, context.index, candidates, cue)

    def _state_after(self, text: str, comma: Token | None, hi: int) -> bool:
        """Whether ", <state or country>" follows a one-word name ("Moore, Okla.")."""
        if comma is None or comma.text != ",":
            return False
        region = token_at(text, comma.end, hi)
        if region is None or not region.is_capitalized:
            return False
        return any(c.place.feature in {_F.ADMIN1, _F.COUNTRY} for c in self._top(region.text)[:5])

    def _top(self, name: str) -> list[Candidate]:
        """The best candidates of a name, as many as a matched name keeps (one cached lookup
        serves "Ky", "Ky." and "Ky" after a comma)."""
        return self.gazetteer.candidates(name, limit=settings.MAX_CANDIDATES)


def recognize(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Place mentions of ``text`` (see :class:`ToponymRecognizer`)."""
    return ToponymRecognizer(gazetteer).recognize(text)


__all__ = ["KIND_DEMONYM", "KIND_ORGANISATION", "KIND_TOPONYM", "Mention", "ToponymRecognizer",
           "normalize_name", "recognize"]
