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
* adjectives and people names of places ("Turkish", "Syrians") are demonyms, kept apart;
  organisations with a seat ("Nato", "EU") are kept apart too.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from wordfreq import zipf_frequency

from gazetteer import Candidate, Gazetteer
from gazetteer.normalize import GENERIC_SUFFIXES, normalize_name
from geo import settings
from geo.text import Sentence, Token, split_sentences, tokenize

CONNECTORS: frozenset[str] = frozenset(
    {"of", "de", "del", "la", "le", "al", "el", "and", "upon", "on", "du", "des", "da", "di",
     "the", "van", "von", "en", "sur", "y", "i"}
)
DIRECTIONS: frozenset[str] = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "northeastern", "northwestern", "southeastern", "southwestern", "central", "north-eastern",
     "northeast", "northwest", "southeast", "southwest",
     "north-western", "south-eastern", "south-western", "upper", "lower"}
)
GENERIC_WORDS: frozenset[str] = frozenset(w for s in GENERIC_SUFFIXES for w in s.split())
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
_CONTRACTIONS = re.compile(r"['’](?:re|ll|ve|d|t|m)$", re.IGNORECASE)
#: All-capital names up to this length must be known abbreviations ("US", "UK", "UAE").
ACRONYM_MAX = 5
KIND_TOPONYM = "toponym"
KIND_DEMONYM = "demonym"
KIND_ORGANISATION = "organisation"


@dataclass(frozen=True, slots=True)
class Mention:
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
    kind: str
    sentence: int
    candidates: tuple[Candidate, ...]
    cue: str = ""


@lru_cache(maxsize=50_000)
def _is_common_word(word: str) -> bool:
    """Whether ``word`` is also an ordinary English word ("reading", "mobile", "hope").

    A word counts when Webster's list (PyPI ``english-words``, web2) has it in lower case, so
    proper names that are only capitalised there ("Texas", "Paris") do not, and it is not rare.
    """
    lower = word.lower()
    words = _lowercase_words()
    known = lower in words or (lower.endswith("s") and (lower[:-1] in words or (
        lower.endswith("es") and lower[:-2] in words)))  # "cases", "boxes"
    return known and zipf_frequency(lower, "en") >= settings.COMMON_WORD_ZIPF


@lru_cache(maxsize=1)
def person_names() -> frozenset[str]:
    """Common US first names and surnames (1990 Census lists, PyPI ``names`` 0.3.0), title-cased.

    Surnames are taken down to a frequency of 0.001% (about 20,000 names); first names all.
    """
    import names

    folder = Path(names.__file__).parent
    out: set[str] = set()
    for file, limit in (("dist.male.first", 10**6), ("dist.female.first", 10**6),
                        ("dist.all.last", settings.SURNAME_RANK_LIMIT)):
        with (folder / file).open(encoding="ascii") as handle:
            for rank, line in enumerate(handle, start=1):
                if rank > limit:
                    break
                out.add(line.split(" ", 1)[0].title())
    return frozenset(out)


@lru_cache(maxsize=1)
def _lowercase_words() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"], lower=False, alpha=True)
                     if w.islower())


@lru_cache(maxsize=50_000)
def _is_function_word(word: str) -> bool:
    return zipf_frequency(word.lower(), "en") >= settings.FUNCTION_WORD_ZIPF


def _strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    if text.endswith(("s'", "s’")):
        return text[:-1]
    return text


_MINOR = frozenset({"the", "and", "for", "but", "with", "from", "into", "over", "after", "amid"})


_LONG_WORD = re.compile(r"(?<![\w'’])[^\W\d_]{3,}")


def _is_headline(sentence: str) -> bool:
    """Whether a sentence is in title case ("Russia Says Putin, Erdogan Discussed Strike")."""
    words = [w for w in _LONG_WORD.findall(sentence) if w.lower() not in _MINOR]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.9 * len(words)


class _SentenceView:
    """Tokens of one sentence and where names may start (found by a regular expression, so
    the many lower-case words cost nothing)."""

    __slots__ = ("startable", "tokens")

    def __init__(self, tokens: list[Token], text: str, offset: int) -> None:
        self.tokens = tokens
        index = {t.start: k for k, t in enumerate(tokens)}
        starts = (index.get(m.start() + offset) for m in _START.finditer(text))
        self.startable = sorted(
            k for k in starts if k is not None and _can_start(tokens[k].text, tokens[k].text.lower())
        )


def _inner(token: Token) -> bool:
    """Whether a token may stand inside a name (a capitalised word, a connector, a joiner)."""
    text = token.text
    return text[:1].isupper() or text.lower() in CONNECTORS or text in _JOINERS


def _generic(token: Token) -> bool:
    """Whether a token is a generic word that may end a name ("province", "coast")."""
    return token.text[:1].isalpha() and _strip_possessive(token.text.lower()) in GENERIC_WORDS


_START = re.compile(
    r"(?<![\w'’])(?:[A-ZÀ-ÖØ-ÞĀ-Ž]|(?:north|south|east|west|central|upper|lower)\w*)"
)
_JOINERS = frozenset({"-", "'", "’", "&"})
#: Features whose one-word names are places whatever else the word means ("Turkey", "Chad").
_SURE_FEATURES = frozenset({"country", "continent", "sea", "gulf", "strait", "canal"})
#: Features whose names a person's name list does not overrule ("Wales", "Bali", "Georgia").
_NOT_PERSON_FEATURES = frozenset({"admin1", "region", "island", "river", "lake", "mountain"})


def _can_start(text: str, lower: str) -> bool:
    return not (
        lower in {"the", "a", "an"}
        or _strip_possessive(lower) in STOP_WORDS
        or lower in TITLES
        or _CONTRACTIONS.search(text)
    )


class ToponymRecognizer:
    """Find place mentions with a gazetteer.

    Parameters
    ----------
    gazetteer
        The gazetteer whose names are matched.
    not_places
        Names that are never places here (people and organisations of the actor table).
    """

    def __init__(self, gazetteer: Gazetteer, not_places: frozenset[str] = frozenset()) -> None:
        self.gazetteer = gazetteer
        self.not_places = not_places
        gazetteer.load_name_index()

    def recognize(self, text: str) -> list[Mention]:
        """Return the place mentions of ``text`` in order, without overlaps."""
        mentions: list[Mention] = []
        persons: set[str] = set()
        pending: list[Mention] = []
        tokens = tokenize(text)  # once for the whole text; sentences take slices
        starts = [t.start for t in tokens]
        for sentence in split_sentences(text):
            lo = bisect_left(starts, sentence.start)
            hi = bisect_left(starts, sentence.end, lo)
            mentions.extend(
                self._recognize_sentence(text, sentence, tokens[lo:hi], persons, pending)
            )
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

    def _recognize_sentence(
        self,
        text: str,
        sentence: Sentence,
        tokens: list[Token],
        persons: set[str],
        pending: list[Mention],
    ) -> list[Mention]:
        view = _SentenceView(tokens, sentence.text, sentence.start)
        if not view.startable:
            return []
        headline = _is_headline(sentence.text)
        out: list[Mention] = []
        first_word = next((k for k, t in enumerate(tokens) if t.text[:1].isalpha()), 0)
        accepted_ends: set[int] = set()
        skip_to = 0
        for i in view.startable:
            if i < skip_to:
                continue
            match = self._longest_match(text, tokens, i)
            if match is None:
                continue
            length, mention_text, start, end, candidates = match
            cue = self._cue(tokens, i)
            mention = self._judge(
                tokens, i, length, mention_text, start, end, candidates, cue,
                at_sentence_start=i == first_word, headline=headline, sentence=sentence,
                persons=persons, prev_is_place=(i - 1) in accepted_ends, first_word=first_word,
                pending=pending,
            )
            if mention is not None:
                out.append(mention)
                accepted_ends.add(i + length - 1)
                skip_to = i + length
        return out

    def _longest_match(
        self, text: str, tokens: list[Token], i: int
    ) -> tuple[int, str, int, int, tuple[Candidate, ...]] | None:
        # The run of tokens that may form a name: capitalised words and connectors, then at
        # most one generic word ("province", "coast").
        limit = min(settings.MAX_NAME_TOKENS, len(tokens) - i)
        run = 1
        while run < limit and _inner(tokens[i + run]):
            run += 1
        if run < limit and _generic(tokens[i + run]):
            run += 1
        first_lower = tokens[i].text.lower()
        for length in range(run, 0, -1):
            last = tokens[i + length - 1]
            last_text = last.text
            if not last_text[:1].isalpha() or last_text.lower() in CONNECTORS:
                continue
            if length > 1 and not (last_text[:1].isupper() or _generic(last)):
                continue
            if length == 1 and (first_lower in DIRECTIONS or not tokens[i].text[:1].isupper()):
                continue
            start = tokens[i].start
            surface = text[start : last.end]
            stripped = _strip_possessive(surface)
            end = start + len(stripped)
            if len(last_text) <= 5 and not last_text.isupper() and text[end : end + 1] == ".":
                dotted = text[start : end + 1]
                cands = self._abbreviation(dotted)
                if cands:
                    return length, dotted, start, end + 1, cands
            if not self.gazetteer.has_name(stripped):
                continue
            candidates = tuple(self.gazetteer.candidates(stripped, limit=30))
            if stripped.isupper() and len(stripped.replace(".", "")) <= ACRONYM_MAX:
                candidates = tuple(
                    c for c in candidates if c.kind == "abbreviation" or c.place.feature == "seat"
                )
            if candidates:
                return length, stripped, start, end, candidates
        return None

    def _abbreviation(self, dotted: str) -> tuple[Candidate, ...]:
        """Candidates of an abbreviation written with its full stop ("Ky.", "Calif.")."""
        return tuple(
            c for c in self.gazetteer.candidates(dotted, limit=10)
            if c.kind == "abbreviation" or (c.kind == "alt" and c.place.feature in
                                            {"admin1", "country"})
        )

    @staticmethod
    def _cue(tokens: list[Token], i: int) -> str:
        k = i - 1
        while k >= 0 and tokens[k].text.lower() in {"the", "northern", "southern", "eastern",
                                                     "western", "central"}:
            k -= 1
        if k >= 0 and tokens[k].text.lower() in LOCATIVES:
            cue = tokens[k].text.lower()
            if cue == "of" and k > 0 and tokens[k - 1].text.lower() in _PLACE_NOUNS:
                return "in"  # "the town of Mobile", "the province of Idlib"
            return cue
        return ""

    def _judge(
        self,
        tokens: list[Token],
        i: int,
        length: int,
        mention_text: str,
        start: int,
        end: int,
        candidates: tuple[Candidate, ...],
        cue: str,
        *,
        at_sentence_start: bool,
        headline: bool,
        sentence: Sentence,
        persons: set[str],
        prev_is_place: bool,
        first_word: int,
        pending: list[Mention],
    ) -> Mention | None:
        if mention_text in self.not_places:
            persons.add(mention_text)
            return None
        best = candidates[0]
        kinds = {c.kind for c in candidates}
        nxt_token = tokens[i + length] if i + length < len(tokens) else None
        demonym_of_country = any(
            c.kind == "demonym" and c.place.feature in {"country", "continent"} for c in candidates)
        if kinds == {"demonym"} or (
            # "Canadian" is the adjective of Canada, not Canadian, Texas.
            demonym_of_country and max(c.prior for c in candidates if c.kind != "demonym") < 7.5
        ) or (
            best.kind == "abbreviation" and best.place.feature == "country"
            and nxt_token is not None and nxt_token.text[:1].islower()
            and nxt_token.text not in LOCATIVES and nxt_token.end - end <= 1 + len(nxt_token.text)
        ):
            # "Turkish", and "US envoy": a country named as an adjective.
            kind = KIND_DEMONYM
        elif candidates[0].place.feature == "seat" or all(
            c.place.feature == "seat" for c in candidates
        ) or (
            len(mention_text) <= ACRONYM_MAX and candidates[0].place.feature == "seat"
        ) or (len(mention_text) <= ACRONYM_MAX and mention_text[1:].islower() and any(
            c.place.feature == "seat" and c.kind == "alt" for c in candidates)):
            kind = KIND_ORGANISATION
            candidates = tuple(c for c in candidates if c.place.feature == "seat")
        else:
            kind = KIND_TOPONYM
            candidates = tuple(c for c in candidates if c.kind != "demonym")
            best = candidates[0]
        prev = tokens[i - 1] if i > 0 else None
        nxt = tokens[i + length] if i + length < len(tokens) else None
        prev_word = prev.text.rstrip(".").lower() if prev is not None else ""
        if prev_word in TITLES:
            persons.add(mention_text)
            return None
        single = length == 1 and mention_text.isalpha()
        if single and not mention_text.isupper() and _is_function_word(mention_text):
            return None  # "In", "Will", "Be" at the head of a sentence
        if kind == KIND_TOPONYM and single and not mention_text.isupper():
            strong = best.place.feature in _SURE_FEATURES or \
                best.prior >= settings.COMMON_WORD_MIN_PRIOR
            if _is_common_word(mention_text) and not strong:
                state_after = (
                    nxt is not None and nxt.text == "," and self._next_is_region(tokens, i + 2)
                )
                if at_sentence_start or not ((cue and cue not in WEAK_CUES) or state_after):
                    return None
            if not headline and prev is not None and prev.is_word and prev.is_capitalized \
                    and prev_word not in DIRECTIONS and not prev_is_place and not strong \
                    and best.place.feature != "admin1" and prev_word not in STOP_WORDS \
                    and not prev.text.endswith(("'s", "’s")) \
                    and not (i - 1 == first_word and _is_common_word(prev.text)):
                persons.add(mention_text)
                return None  # "Hami Aksoy", "Michael Jordan"
            broad = best.place.feature in {"country", "continent", "admin1"}
            if not headline and nxt is not None and nxt.is_word and nxt.is_capitalized \
                    and nxt.text.lower() not in ORG_WORDS and not broad \
                    and nxt.text.lower() not in STOP_WORDS and not _is_common_word(nxt.text):
                persons.add(mention_text)
                return None  # "Paris Hilton", "Jordan Henderson"
            strong_cue = bool(cue) and cue not in WEAK_CUES
            if mention_text in person_names() and not strong and not strong_cue \
                    and best.place.feature not in _NOT_PERSON_FEATURES \
                    and not self._state_after(tokens, i) \
                    and max(c.place.population for c in candidates) \
                    < settings.PERSON_NAME_MAX_POPULATION:
                # "Moore said": a person, unless the name is a place elsewhere in the text.
                pending.append(Mention(start, end, mention_text, kind, sentence.index,
                                       candidates, cue))
                return None
        return Mention(
            start=start,
            end=end,
            text=mention_text,
            kind=kind,
            sentence=sentence.index,
            candidates=candidates,
            cue=cue,
        )

    def _state_after(self, tokens: list[Token], i: int) -> bool:
        """Whether ", <state or country>" follows token ``i`` ("Moore, Okla.")."""
        return i + 2 < len(tokens) and tokens[i + 1].text == "," and \
            self._next_is_region(tokens, i + 2)

    def _next_is_region(self, tokens: list[Token], k: int) -> bool:
        if k >= len(tokens) or not tokens[k].is_capitalized:
            return False
        return any(
            c.place.feature in {"admin1", "country"}
            for c in self.gazetteer.candidates(tokens[k].text, limit=5)
        )


def recognize(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Place mentions of ``text`` (see :class:`ToponymRecognizer`)."""
    return ToponymRecognizer(gazetteer).recognize(text)


__all__ = ["KIND_DEMONYM", "KIND_ORGANISATION", "KIND_TOPONYM", "Mention", "ToponymRecognizer",
           "normalize_name", "recognize"]
