"""Runs: the stretches of a sentence that may hold a place name, found by one pattern.

A run starts with a capitalised word (or a direction word: "northwestern Syria") and goes on
through the words that may stand inside a name: capitalised words, connectors ("of", "al",
"and") and joiners ("-", "&"). One compiled regular expression finds the runs of a sentence,
so the many lower-case words of a text cost nothing in Python; only the words of runs and the
few words around a matched name are made into :class:`~geo.text.Token` objects, with the same
boundaries as :func:`geo.text.tokenize` gives.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from gazetteer.model import make_record
from gazetteer.normalize import GENERIC_SUFFIXES
from geo.text import ASCII_LETTERS, LETTER, LETTERS, TOKEN_PATTERN, WORD_CHARS, Token, char_class

CONNECTORS: frozenset[str] = frozenset(
    {"of", "de", "del", "la", "le", "al", "el", "and", "upon", "on", "du", "des", "da", "di",
     "the", "van", "von", "en", "sur", "y", "i"}
)
#: Direction words that may start a name in lower case ("northwestern Syria").
DIRECTIONS: frozenset[str] = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "northeastern", "northwestern", "southeastern", "southwestern", "central", "northeast",
     "northwest", "southeast", "southwest", "upper", "lower"}
)
JOINERS: frozenset[str] = frozenset({"-", "'", "’", "&"})
#: Generic words that may end a name ("Idlib province", "Syria coast").
GENERIC_WORDS: frozenset[str] = frozenset(w for s in GENERIC_SUFFIXES for w in s.split())

_WORD = rf"{LETTER}++(?:['’]{LETTER}++)*+"
_WORD_REST = rf"{LETTER}*+(?:['’]{LETTER}++)*+"  # a word after its first letter
_DOTTED = r"[A-Z][a-z]{0,3}\.(?:[A-Z][a-z]{0,3}\.)+"
_TOKEN_ATOM = rf"(?>{_DOTTED}|{_WORD})"
_UPPER = char_class(str.isupper)
#: Where a name may start: a capital letter not inside a word.
START = re.compile(rf"(?<![{WORD_CHARS}'’]){_UPPER}")
#: Last letters of the direction words, to test cheaply whether one comes before a run.
_DIRECTION_ENDS = frozenset(d[-1] for d in DIRECTIONS)
_ASCII_LOWER = frozenset(string.ascii_lowercase)
#: Characters that may continue a word, a number or "U.S." past a plain run of letters.
_WORD_GLUE = frozenset("_.,'’")


@lru_cache(maxsize=1)
def run_pattern() -> re.Pattern[str]:
    """The pattern of a capitalised run.

    Group ``tail`` is the generic word right after the run ("province" in "Idlib province"),
    if one follows. The pattern starts with one character class so that the engine skips in
    C from one capital letter to the next.
    """
    first = (
        rf"{_UPPER}(?<![{WORD_CHARS}'’].)"
        rf"(?:(?<=[A-Z])(?>[a-z]{{0,3}}\.(?:[A-Z][a-z]{{0,3}}\.)+|{_WORD_REST})|{_WORD_REST})"
    )
    capital = rf"(?={_UPPER}){_TOKEN_ATOM}"
    # Each alternation of words is guarded by a class of its first letters: the engine tries
    # case-insensitive alternatives one by one, and most words start with none of them.
    connector = (_first_letters(CONNECTORS) + r"(?i:"
                 + "|".join(sorted(CONNECTORS, key=len, reverse=True))
                 + rf")(?![{LETTERS}]|['’]{LETTER})")
    joiner = "[" + re.escape("".join(sorted(JOINERS))) + "]"
    generic = _first_letters(GENERIC_WORDS) + "(?i:" + "|".join(
        sorted(GENERIC_WORDS, key=len, reverse=True)) + ")"
    return re.compile(
        rf"{first}(?:\s*+(?:{capital}|{connector}|{joiner}))*+"
        rf"(?=(?:\s*+(?P<tail>{generic}(?:['’]s)?+)(?![{LETTERS}]|['’]{LETTER}))?)"
    )


def _first_letters(words: frozenset[str]) -> str:
    """A lookahead for the first letters of ``words``, in any case."""
    return "(?=(?i:[" + "".join(sorted({w[0] for w in words})) + "]))"


def direction_start(text: str, lo: int, start: int) -> int:
    """Where a run at ``start`` really starts: at a direction word right before it
    ("northwestern Syria", "southeast Asia"), or at ``start`` (``lo`` starts the sentence)."""
    # Most runs follow no direction word: one look at the letter before the space says so.
    if start - lo <= 2 or not (text[start - 2] in _DIRECTION_ENDS or text[start - 2].isspace()):
        return start
    end = start
    while end > lo and text[end - 1].isspace():
        end -= 1
    if end in (start, lo) or text[end - 1] not in _DIRECTION_ENDS:
        return start
    begin = end - 1
    while begin > lo and text[begin - 1] in _ASCII_LOWER:
        begin -= 1
    if text[begin:end] not in DIRECTIONS:
        return start
    if begin > lo and (text[begin - 1].isalnum() or text[begin - 1] in "_'’"):
        return start
    return begin


class Run:
    """The tokens of one run.

    Parameters
    ----------
    text
        The document text.
    start, end
        Offsets of the run.
    tail
        The generic word right after the run, if any.
    """

    __slots__ = ("_tokens", "end", "start", "tail", "text")

    def __init__(self, text: str, start: int, end: int, tail: Token | None) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.tail = tail
        self._tokens: list[Token] | None = None

    @property
    def tokens(self) -> list[Token]:
        """The run's own tokens."""
        if self._tokens is None:
            self._tokens = _tokenize_run(self.text, self.start, self.end)
        return self._tokens


def _tokenize_run(text: str, start: int, end: int) -> list[Token]:
    """The tokens of ``text[start:end]``, as :func:`geo.text.tokenize` gives them; plain words
    between single spaces (most runs: "Idlib", "Recep Tayyip Erdogan") are split directly."""
    segment = text[start:end]
    if segment.isalpha():
        return [make_record(Token, (segment, start, end))]
    if segment.isascii() and segment.replace(" ", "").isalpha():
        tokens: list[Token] = []
        pos = start
        for word in segment.split(" "):
            if word:
                tokens.append(make_record(Token, (word, pos, pos + len(word))))
                pos += len(word)
            pos += 1
        return tokens
    return [make_record(Token, (m[0], m.start(), m.end()))
            for m in TOKEN_PATTERN.finditer(text, start, end)]


def token_at(text: str, pos: int, hi: int) -> Token | None:
    """The token that starts at the first non-space character from ``pos`` (a token boundary)
    on, or ``None`` when none starts before ``hi``; the same token as :func:`tokenize` gives.

    Plain words and single punctuation marks are read directly; anything else (numbers,
    "U.S.", "Syria's") is left to the tokeniser's pattern.
    """
    j = pos
    while j < hi and text[j].isspace():
        j += 1
    if j >= hi:
        return None
    char = text[j]
    if char in ASCII_LETTERS:
        # Most often the word runs to the next space: one search, no loop over its letters.
        e = text.find(" ", j + 1, hi)
        word = text[j : e if e >= 0 else hi]
        if word.isalpha() and word.isascii():
            return make_record(Token, (word, j, j + len(word)))
        e = j + 1
        while e < hi and text[e] in ASCII_LETTERS:
            e += 1
        if e == hi or not (text[e].isalnum() or text[e] in _WORD_GLUE):
            return make_record(Token, (text[j:e], j, e))
    elif not char.isalnum():
        return make_record(Token, (char, j, j + 1))
    match = TOKEN_PATTERN.match(text, j, hi)
    return Token(match[0], *match.span()) if match else None


def token_before(text: str, lo: int, pos: int) -> Token | None:
    """The token that ends at the last non-space character before ``pos`` (a token boundary),
    or ``None`` when none does after ``lo``; the same token as :func:`tokenize` gives."""
    j = pos
    while j > lo and text[j - 1].isspace():
        j -= 1
    if j <= lo:
        return None
    char = text[j - 1]
    if char in ASCII_LETTERS and j < pos:
        # Most often the word starts after a space: one search, no loop over its letters.
        b = max(text.rfind(" ", lo, j - 1) + 1, lo)
        word = text[b:j]
        if word.isalpha() and word.isascii():
            return make_record(Token, (word, b, j))
        b = j - 1
        while b > lo and text[b - 1] in ASCII_LETTERS:
            b -= 1
        if b == lo or text[b - 1].isspace():
            return make_record(Token, (text[b:j], b, j))
    elif not char.isalnum() and char not in _WORD_GLUE:
        return make_record(Token, (char, j - 1, j))
    # Tokenise a window that starts after a space (a token boundary) and keep its last token.
    cut = text.rfind(" ", lo, max(lo, j - 24))
    window = TOKEN_PATTERN.findall(text, cut + 1 if cut >= 0 else lo, j)
    if not window:
        return None
    return Token(window[-1], j - len(window[-1]), j)
