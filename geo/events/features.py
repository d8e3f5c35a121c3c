"""Features of tokens (for trigger detection) and of (trigger, place candidate) pairs (for
place linking): the same functions build the training examples and score text at run time.

Every feature is a string ("w=shelled", "p1=in", "dist=+3"); a linear model keeps a weight
per string, so the artefact is a table of weights and scoring needs no numerical library.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from gazetteer.model import FeatureClass
from geo.model import MentionKind
from geo.parse.text import Token
from geo.parse.words import person_names, zipf
from geo.settings import DATELINE_TOKENS as _DATELINE_TOKENS
from geo.settings import FEATURE_WINDOW as WINDOW
from geo.settings import FRAME_GAP_TOKENS as _GAP
from geo.settings import MIN_STEM

#: Suffixes stripped to get a lemma-ish stem, longest first ("shelling" -> "shell").
SUFFIXES: tuple[str, ...] = ("ings", "ing", "ied", "ies", "ed", "es", "s")
#: Word frequency (Zipf scale) buckets: rare words are more often names.
FREQUENCY_BUCKETS: tuple[float, ...] = (1.0, 2.5, 3.5, 4.5, 5.5)
#: Token distance buckets between a trigger and a candidate.
DISTANCE_BUCKETS: tuple[int, ...] = (1, 2, 3, 5, 8, 12, 20, 40)
#: Marker of a position before the first token or after the last.
PAD = "<s>"


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A lemma-ish stem of a lower-case word: suffixes stripped, a doubled consonant undone
    ("shelling" -> "shell", "patrolled" -> "patrol", "clashes" -> "clash")."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            base = word[: -len(suffix)]
            if suffix in {"ied", "ies"}:
                return base + "y"
            if len(base) > MIN_STEM and base[-1] == base[-2] and base[-1] not in "lsz":
                return base[:-1]
            return base
    return word


@lru_cache(maxsize=100_000)
def frequency_bucket(word: str) -> int:
    """How common a lower-case English word is, as an index into :data:`FREQUENCY_BUCKETS`
    (wordfreq's Zipf figure, read from its table: see :func:`geo.parse.words.zipf`)."""
    return bisect_right(FREQUENCY_BUCKETS, zipf(word))


def shape(text: str) -> str:
    """The case shape of a token: "X" capitalised, "XX" all capitals, "x" lower, "d" digits,
    "p" punctuation."""
    if text[:1].isdigit():
        return "d"
    if not text[:1].isalpha():
        return "p"
    if text.isupper() and len(text) > 1:
        return "XX"
    return "X" if text[:1].isupper() else "x"


#: The labels of :func:`distance_bucket`, after and before (made once: see :data:`NUMBERS`).
_DISTANCE_LABELS: tuple[tuple[str, ...], ...] = tuple(
    (*(f"{sign}{edge}" for edge in DISTANCE_BUCKETS), f"{sign}>{DISTANCE_BUCKETS[-1]}")
    for sign in "+-")
#: The text of small counts, made once: a feature value that is a string already made (its
#: hash kept) is looked up in a model's table without making or hashing a new string.
NUMBERS: tuple[str, ...] = tuple(str(k) for k in range(16))


def distance_bucket(distance: int) -> str:
    """A signed bucket of a token distance ("+3", "-8", "+>40")."""
    return _DISTANCE_LABELS[distance < 0][bisect_left(DISTANCE_BUCKETS, abs(distance))]


@dataclass(frozen=True, slots=True)
class SentenceTokens:
    """A sentence's tokens with their lower-case forms and stems, computed once.

    Parameters
    ----------
    tokens
        Tokens with offsets into the document.
    lower
        Lower-case token texts.
    stems
        Stems of the lower-case texts.
    """

    tokens: tuple[Token, ...]
    lower: tuple[str, ...]
    stems: tuple[str, ...]

    @classmethod
    def of(cls, tokens: Sequence[Token]) -> SentenceTokens:
        """Wrap ``tokens``; a sentence that ends without a full stop (a headline, a line of a
        list) gets an empty one, as the news sentences the models learned from have."""
        if tokens and tokens[-1].text[:1].isalnum():
            end = tokens[-1].end
            tokens = [*tokens, Token(".", end, end)]
        lower = tuple([t.text.lower() for t in tokens])
        return cls(tuple(tokens), lower, tuple(map(stem, lower)))

    def word(self, i: int) -> str:
        """Lower-case token ``i``, or :data:`PAD` outside the sentence."""
        return self.lower[i] if 0 <= i < len(self.lower) else PAD

    def stem_at(self, i: int) -> str:
        """Stem of token ``i``, or :data:`PAD` outside the sentence."""
        return self.stems[i] if 0 <= i < len(self.stems) else PAD


def _between(sent: SentenceTokens, start: int, end: int) -> tuple[int, int, int]:
    """The numbers of commas, reporting verbs and rough verbs (see :func:`_is_verb`) among
    tokens ``start`` to ``end`` (none when ``end`` is not after ``start``)."""
    if end <= start:
        return 0, 0, 0
    words = sent.lower[start:end]
    return words.count(","), sum(map(_REPORTING.__contains__, words)), sum(map(_is_verb, words))


#: A feature as a name and a value: "w=shelled" is ("w", "shelled"), "bias" is ("bias", None).
#: Functions give a sequence of names and the list of their values (:data:`Parts`): a model
#: looks the values up by name (:meth:`geo.events.linear.LinearModel.probability_of`) without
#: making the feature strings, which :func:`render` makes for training.
Parts = tuple[Sequence[str], list[str | None]]


def render(parts: Parts) -> list[str]:
    """The feature strings of :data:`Parts` ("name=value", or the name alone)."""
    names, values = parts
    return [name if value is None else f"{name}={value}"
            for name, value in zip(names, values, strict=True)]


#: Names of the token features, in the order of :func:`token_parts`' values.
TOKEN_NAMES: tuple[str, ...] = (
    "bias", "w", "s", "suf3", "suf2", "shape", "first", "freq", "s-1", "s+1", "w-1|s", "s|w+1",
    *(f"w{sign}{k}" for k in range(1, WINDOW + 1) for sign in "-+"),
)


def token_parts(sent: SentenceTokens, i: int) -> Parts:
    """:func:`token_features` as names and values."""
    w, s = sent.lower[i], sent.stems[i]
    values: list[str | None] = [
        None,
        w,
        s,
        w[-3:],
        w[-2:],
        shape(sent.tokens[i].text),
        f"{i == 0}",
        NUMBERS[frequency_bucket(w)],
        sent.stem_at(i - 1),
        sent.stem_at(i + 1),
        f"{sent.word(i - 1)}|{s}",
        f"{s}|{sent.word(i + 1)}",
    ]
    for k in range(1, WINDOW + 1):
        values.append(sent.word(i - k))
        values.append(sent.word(i + k))
    return TOKEN_NAMES, values


def token_features(sent: SentenceTokens, i: int) -> list[str]:
    """Features of token ``i`` as a possible event trigger."""
    return render(token_parts(sent, i))


@dataclass(frozen=True, slots=True)
class Span:
    """A candidate place span in token positions.

    Parameters
    ----------
    first, last
        Token indices of its first and one past its last token.
    kind
        What the span names: a toponym, a demonym or an unknown name (capitalised, not in
        the gazetteer).
    feature
        Gazetteer feature class of its place, ``None`` when it has none (a name the
        gazetteer lacks, or a mention the geoparser left unplaced).

    Raises
    ------
    ValueError
        When the span is empty or backwards, or ``kind`` or ``feature`` is not a member of
        its enumeration (a plain string such as ``"city"`` is refused).
    """

    first: int
    last: int
    kind: MentionKind
    feature: FeatureClass | None

    def __post_init__(self) -> None:
        if not 0 <= self.first < self.last:
            raise ValueError(f"span [{self.first}, {self.last}) is empty or backwards")
        if not isinstance(self.kind, MentionKind):
            raise ValueError(f"kind {self.kind!r} is not a MentionKind")
        if self.feature is not None and not isinstance(self.feature, FeatureClass):
            raise ValueError(f"feature {self.feature!r} is not a FeatureClass")

    @property
    def feature_value(self) -> str:
        """:attr:`feature` as the models' features spell it: its value, "" for none."""
        return "" if self.feature is None else self.feature.value


#: Names of the pair features, in the order of :func:`pair_parts`' values.
PAIR_NAMES: tuple[str, ...] = (
    "bias", "kind", "feat", "kind|feat", "len", "start", "freq", "shape", "dist", "rank",
    "n_cands", "p1", "p2", "p3", "p2p1", "p1|kind", "p1|feat", "n1", "n2", "n1n2", "trig",
    "trig|p1", "trig|dist", "trig|feat", "p1|dist", "p1|side", "p2p1|side", "kind|p1|side",
    "feat|side", "side_rank", "trig|side", "followed_by_place", "after_place_comma",
    "contained|feat", "container_of_prev", "inside_next", "inside_next|feat",
    "container_of_prev|feat", "in_parens", "dateline", "comma_between", "said_between",
    "verb_between",
)


@lru_cache(maxsize=16)
def _unknown_names(words: int) -> tuple[str, ...]:
    """:data:`PAIR_NAMES` of a name of ``words`` words that the gazetteer lacks: then its last
    and first words, each of its words, and :data:`NAME_NAMES`."""
    return (*PAIR_NAMES, "head", "first", *("word",) * words, *NAME_NAMES)


def pair_features(sent: SentenceTokens, trigger: int, span: Span, spans: Sequence[Span]
                  ) -> list[str]:
    """Features of ``span`` as a place where the event of token ``trigger`` happened.

    Parameters
    ----------
    sent
        The sentence's tokens.
    trigger
        Token index of the trigger.
    span
        The candidate.
    spans
        Every candidate of the sentence (for the candidate's rank by distance).
    """
    return render(pair_parts(sent, trigger, span, spans))


def pair_parts(sent: SentenceTokens, trigger: int, span: Span, spans: Sequence[Span]) -> Parts:
    """:func:`pair_features` as names and values."""
    a, b = span.first, span.last
    words = sent.lower[a:b]
    head = words[-1]
    trig = sent.stems[trigger]
    before = trigger < a
    distance = a - trigger if before else b - 1 - trigger
    dist = distance_bucket(distance)
    p1, p2, p3 = sent.word(a - 1), sent.word(a - 2), sent.word(a - 3)
    n1, n2 = sent.word(b), sent.word(b + 1)
    commas, reporting, verbs = _between(sent, trigger + 1, a) if before \
        else _between(sent, b, trigger)
    # twice the distances of the centres, so that no division is made per span
    twice = 2 * trigger + 1
    mine = abs(a + b - twice)
    nearer = [o for o in spans if o is not span and abs(o.first + o.last - twice) < mine]
    closer = len(nearer)
    side = "after" if before else "before"
    container = n1 == "," and p1 != "," and any(o.first == b + 1 for o in spans)
    contained = p1 == "," and any(o.last == a - 1 for o in spans)
    # the nearest names (not demonyms) before and after the span
    prev: Span | None = None
    nxt: Span | None = None
    for o in spans:
        if o.kind == MentionKind.DEMONYM:
            continue
        if o.last <= a and (prev is None or o.last > prev.last):
            prev = o
        if o.first >= b and (nxt is None or o.first < nxt.first):
            nxt = o
    gap_prev = _gap_kind(sent.lower[prev.last : a]
                         if prev is not None and a - prev.last <= _GAP else None)
    gap_next = _gap_kind(sent.lower[b : nxt.first]
                         if nxt is not None and nxt.first - b <= _GAP else None)
    same_side_closer = sum(1 for o in nearer if (o.first > trigger) == before)
    kind, feature = span.kind, span.feature_value
    values: list[str | None] = [
        None,
        kind,
        feature,
        f"{kind}|{feature}",
        NUMBERS[min(b - a, 4)],
        f"{a == 0}",
        NUMBERS[frequency_bucket(head)],
        shape(sent.tokens[a].text),
        dist,
        NUMBERS[min(closer, 4)],
        NUMBERS[min(len(spans), 5)],
        p1,
        p2,
        p3,
        f"{p2}|{p1}",
        f"{p1}|{kind}",
        f"{p1}|{feature}",
        n1,
        n2,
        f"{n1}|{n2}",
        trig,
        f"{trig}|{p1}",
        f"{trig}|{dist}",
        f"{trig}|{feature}",
        f"{p1}|{dist}",
        f"{p1}|{side}",
        f"{p2}|{p1}|{side}",
        f"{kind}|{p1}|{side}",
        f"{feature}|{side}",
        f"{side}|{min(same_side_closer, 3)}",
        f"{trig}|{side}",
        f"{container}",
        f"{contained}",
        f"{contained}|{feature}",
        gap_prev,
        gap_next,
        f"{gap_next}|{feature}",
        f"{gap_prev}|{feature}",
        f"{p1 == '(' or n1 == ')'}",
        f"{_dateline(sent, b)}",
        NUMBERS[min(commas, 2)],
        f"{reporting > 0}",
        NUMBERS[min(verbs, 2)],
    ]
    if kind != MentionKind.UNKNOWN:
        return PAIR_NAMES, values
    # Words of names the gazetteer lacks tell names from common words ("Tensions"); the
    # names of known places are left out, so that no place is learned as never or always
    # the scene.
    values.extend((head, words[0], *words))
    values.extend(name_parts(sent, span))
    return _unknown_names(len(words)), values


#: Lower-case articles that start a name before a hyphen ("al-Bab", "el-Arish").
_NAME_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "an", "az", "at"})


#: Names of :func:`name_parts`' values.
NAME_NAMES: tuple[str, ...] = (
    "name|p2p1", "name|n1", "name|p1|n1", "name|suf3", "name|article", "name|len",
    "name|person", "name|possessive",
)


def name_parts(sent: SentenceTokens, span: Span) -> list[str | None]:
    """The values of :func:`name_features` (named by :data:`NAME_NAMES`)."""
    a, b = span.first, span.last
    head = sent.lower[b - 1]
    p1, p2, n1 = sent.word(a - 1), sent.word(a - 2), sent.word(b)
    article = any(sent.lower[k] in _NAME_ARTICLES and sent.word(k + 1) == "-"
                  for k in range(a, b))
    people = person_names()
    last = sent.tokens[b - 1].text
    # "Eric Garner", "Frédéric Faucher": a first name before a person's name
    given = b - a > 1 and sent.tokens[a].text in people
    return [f"{p2}|{p1}", n1, f"{p1}|{n1}", head[-3:], f"{article}",
            f"{min(b - a, 3)}|{shape(last)}", f"{given}|{last in people}",
            f"{last.endswith(_POSSESSIVE)}"]


def name_features(sent: SentenceTokens, span: Span) -> list[str]:
    """Features of a candidate the gazetteer lacks that tell a place's name from other
    capitalised words: the words that frame it ("the village of X", "X neighborhoods",
    "X area"), the ending of its last word ("-iyah", "-pur") and a name's article in it
    ("al-Latmana")."""
    return render((NAME_NAMES, name_parts(sent, span)))


#: Endings of a possessive ("Saddam's hometown").
_POSSESSIVE = ("'s", "’s")


#: Reporting verbs: a place after "said" is often where it was said, not where it happened.
_REPORTING = frozenset({"said", "says", "told", "reported", "added", "according", "announced",
                        "stated", "claimed", "confirmed"})


#: Words between two candidates that make the later one contain the earlier.
_CONTAINING = frozenset({"in", ",", "of", "near", "outside"})


def _gap_kind(gap: Sequence[str] | None) -> str:
    """How two neighbouring candidates relate through the words between them: "none" when
    there is no neighbour near, else the last containing word between them, or "other"."""
    if gap is None:
        return "none"
    if not gap:
        return "adjacent"
    return next((w for w in reversed(gap) if w in _CONTAINING), "other")


#: Tokens that end a dateline ("NAIROBI, Kenya --", "BAGHDAD (AP)").
_DATELINE_ENDS = frozenset({"-", "—", "–", "("})


def _dateline(sent: SentenceTokens, end: int) -> bool:
    """Whether a span ending at token ``end`` is in a dateline at the sentence start."""
    if end > _DATELINE_TOKENS:
        return False
    return any(sent.word(k) in _DATELINE_ENDS for k in range(end, end + 4))


def _is_verb(word: str) -> bool:
    """Whether a lower-case word counts as a verb between a trigger and a candidate (a rough
    guess: an "-ed" word)."""
    return len(word) > 4 and word.endswith("ed")

