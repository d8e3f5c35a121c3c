"""Runs: the stretches of a sentence that may hold a place name, found by one pattern.

A run starts with a capitalised word (or a direction word: "northwestern Syria") and goes on
through the words that may stand inside a name: capitalised words, connectors ("of", "al",
"and") and joiners ("-", "&"). One compiled regular expression finds the runs of a sentence,
so the many lower-case words of a text cost nothing in Python; only the words of runs and the
few words around a matched name are made into :class:`~geo.parse.text.Token` objects, with the same
boundaries as :func:`geo.parse.text.tokenize` gives.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from gazetteer.normalize import GENERIC_SUFFIXES
from geo.parse.text import ASCII_LETTERS, LETTER, TOKEN_PATTERN, Token

CONNECTORS: frozenset[str] = frozenset(
    {"of", "de", "del", "la", "le", "al", "el", "es", "and", "upon", "on", "du", "des", "da",
     "di", "the", "van", "von", "en", "sur", "y", "i"}
)
#: Arabic articles written in lower case and joined by a hyphen to the word they precede
#: ("Deir ez-Zor", "Jisr ash-Shughur", "Maarat an-Numan"): inside a name only so joined, for
#: "as", "at" and "an" are English words too ("el" and "al" are :data:`CONNECTORS`).
PARTICLES: frozenset[str] = frozenset(
    {"ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "ed", "en", "er", "es", "esh",
     "et", "ez", "ul", "ur", "us", "ut"}
)
#: An elided article before a capitalised word ("d'Ivoire", "l'Aquila", "d’Austerlitz"): a
#: capitalised word of a name, though it starts in lower case.
_ELIDED = r"(?:[dl]['’])"
#: Direction words that may start a name in lower case ("northwestern Syria").
DIRECTIONS: frozenset[str] = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "northeastern", "northwestern", "southeastern", "southwestern", "central", "northeast",
     "northwest", "southeast", "southwest", "upper", "lower"}
)
JOINERS: frozenset[str] = frozenset({"-", "'", "’", "&"})
#: Generic words that may end a name ("Idlib province", "Syria coast").
GENERIC_WORDS: frozenset[str] = frozenset(w for s in GENERIC_SUFFIXES for w in s.split())

#: The letters of a word after its first: "a" to "z" by range, then any others by their
#: Unicode category (the engine tests a range much faster than a category).
_LETTERS_REST = rf"[a-z]*+{LETTER}*+"
_WORD = rf"{LETTER}{_LETTERS_REST}(?:['’]{LETTER}++)*+"
_WORD_REST = rf"{_LETTERS_REST}(?:['’]{LETTER}++)*+"  # a word after its first letter
_DOTTED = r"[A-Z][a-z]{0,3}\.(?:[A-Z][a-z]{0,3}\.)+"
_TOKEN_ATOM = rf"(?>{_DOTTED}|{_WORD})"
#: A letter that may be a capital, for the patterns: any letter but "a" to "z" (``re`` has no
#: class of upper-case letters). The few it lets through that are not capitals (a word that
#: starts with "é") are told by :func:`starts_capitalised`.
_CAPITAL = r"[^\W\d_a-z]"
#: What may not follow a word that ends a name: a letter, or an apostrophe and a letter.
_NOT_AFTER_WORD = rf"(?!{LETTER}|['’]{LETTER})"
#: Last letters of the direction words, to test cheaply whether one comes before a run.
_DIRECTION_ENDS = frozenset(d[-1] for d in DIRECTIONS)
_ASCII_LOWER = frozenset(string.ascii_lowercase)
#: Characters that may continue a word, a number or "U.S." past a plain run of letters.
_WORD_GLUE = frozenset("_.,'’")


@lru_cache(maxsize=1)
def run_pattern() -> re.Pattern[str]:
    """The pattern of a capitalised run.

    Group ``tail`` is the generic word right after the run ("province" in "Idlib province"),
    if one follows. The pattern starts with a plain range of characters ("A" to "Z", or
    beyond ASCII), which the engine tests in C at every character of the text much faster
    than a class of Unicode categories; a look back confirms the letter.
    """
    first = (
        rf"[A-Z\x80-\U0010FFFF](?<={_CAPITAL})(?<![\w'’].)"
        rf"(?:(?<=[A-Z])(?>[a-z]{{0,3}}\.(?:[A-Z][a-z]{{0,3}}\.)+|{_WORD_REST})|{_WORD_REST})"
    )
    capital = rf"(?={_CAPITAL}){_TOKEN_ATOM}"
    elided = rf"{_ELIDED}(?={_CAPITAL}){_WORD}"
    # Each alternation of words is guarded by a class of its first letters: the engine tries
    # case-insensitive alternatives one by one, and most words start with none of them.
    connector = (_first_letters(CONNECTORS) + r"(?i:"
                 + "|".join(sorted(CONNECTORS, key=len, reverse=True))
                 + rf"){_NOT_AFTER_WORD}")
    joiner = "[" + re.escape("".join(sorted(JOINERS))) + "]"
    particle = (_first_letters(PARTICLES) + "(?:"
                + "|".join(sorted(PARTICLES, key=len, reverse=True)) + rf")(?=-{_CAPITAL})")
    generic = _first_letters(GENERIC_WORDS) + "(?i:" + "|".join(
        sorted(GENERIC_WORDS, key=len, reverse=True)) + ")"
    return re.compile(
        rf"{first}(?:\s*+(?:{capital}|{elided}|{connector}|{particle}|{joiner}))*+"
        # (not a generic word that frames the next name: "the Gulf state of Qatar")
        rf"(?=(?:\s*+(?P<tail>{generic}(?:['’]s)?+){_NOT_AFTER_WORD}(?!\s+of\s+[A-Z]))?)"
    )


def capitalised_word(word: str) -> bool:
    """Whether a word of a run is capitalised, past an elided article ("d'Ivoire")."""
    if word[:1] in "dl" and word[1:2] in "'’":
        return word[2:3].isupper()
    return word[:1].isupper()


def starts_capitalised(text: str, pos: int) -> bool:
    """Whether a word starts at ``pos`` with a capital letter (no letter, digit, "_" or
    apostrophe right before it)."""
    if not text[pos].isupper():
        return False
    before = text[pos - 1] if pos else " "
    return not (before.isalnum() or before in "_'’")


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
    """The tokens of ``text[start:end]``, as :func:`geo.parse.text.tokenize` gives them; plain words
    between single spaces (most runs: "Idlib", "Recep Tayyip Erdogan") are split directly."""
    segment = text[start:end]
    if segment.isalpha():
        return [Token(segment, start, end)]
    if segment.isascii() and segment.replace(" ", "").isalpha():
        tokens: list[Token] = []
        pos = start
        for word in segment.split(" "):
            if word:
                tokens.append(Token(word, pos, pos + len(word)))
                pos += len(word)
            pos += 1
        return tokens
    return [Token(m[0], m.start(), m.end()) for m in TOKEN_PATTERN.finditer(text, start, end)]


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
            return Token(word, j, j + len(word))
        e = j + 1
        while e < hi and text[e] in ASCII_LETTERS:
            e += 1
        if e == hi or not (text[e].isalnum() or text[e] in _WORD_GLUE):
            return Token(text[j:e], j, e)
    elif not char.isalnum():
        return Token(char, j, j + 1)
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
            return Token(word, b, j)
        b = j - 1
        while b > lo and text[b - 1] in ASCII_LETTERS:
            b -= 1
        if b == lo or text[b - 1].isspace():
            return Token(text[b:j], b, j)
    elif not char.isalnum() and char not in _WORD_GLUE:
        return Token(char, j - 1, j)
    # Tokenise a window that starts after a space (a token boundary) and keep its last token.
    cut = text.rfind(" ", lo, max(lo, j - 24))
    window = TOKEN_PATTERN.findall(text, cut + 1 if cut >= 0 else lo, j)
    if not window:
        return None
    return Token(window[-1], j - len(window[-1]), j)
