"""Tokens and sentences with character offsets into the original text."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import NamedTuple

#: Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS: frozenset[str] = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt cpl adm cmdr gov sen rep rev st ste mt ft
    jr sr inc corp co ltd no vs etc jan feb mar apr jun jul aug sep sept oct nov dec
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex va vt wash wis wyo ave blvd rd hwy approx dept est""".split()
)
#: Abbreviations also written in lower case; the others count only when capitalised, so that
#: "fell ill." or "iron ore." still end a sentence while "Ill." and "Ore." do not.
LOWERCASE_ABBREVIATIONS: frozenset[str] = frozenset({"etc", "vs", "approx", "est", "ft", "no"})


#: A letter: a word character that is neither a digit nor "_" (Unicode-aware).
LETTER = r"[^\W\d_]"

#: One token of :func:`tokenize`.
TOKEN_PATTERN = re.compile(
    r"[A-Z][a-z]{0,3}\.(?:[A-Z][a-z]{0,3}\.)+"  # U.S., D.C., W.Va., N.Y.
    rf"|{LETTER}+(?:['’]{LETTER}+)*"  # words, with apostrophes (hyphens split: "Fargo-Moorhead")
    r"|\d+(?:[.,]\d+)*"  # numbers
    r"|\S",  # any other single character
)
# One character class first, so that the engine skips ahead in C to the next candidate.
_SENTENCE_END = re.compile(
    r"[.!?\n](?:(?<=[.!?])[.!?]*+[\"'”’)\]]*+(?=\s)"
    r"|(?<=\n)(?:\s*\n|(?=\s*[•\-*]\s)|(?=[A-Z\"“‘])))"
)
_CLOSERS = "\"'”’)]"
ASCII_LETTERS: frozenset[str] = frozenset(string.ascii_letters)


class Token(NamedTuple):
    """A word, number or punctuation mark.

    Parameters
    ----------
    text
        The token as written.
    start, end
        Offsets into the text.
    """

    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        """Whether the token starts with a letter."""
        return self.text[:1].isalpha()

    @property
    def is_capitalized(self) -> bool:
        """Whether the token starts with an upper-case letter."""
        return self.text[:1].isupper()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence and its offsets.

    Parameters
    ----------
    index
        Position in the document, from 0.
    start, end
        Offsets into the text.
    text
        The sentence as written.
    """

    index: int
    start: int
    end: int
    text: str


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into tokens whose offsets are shifted by ``offset``."""
    # Token._make (from one tuple) costs about half of calling Token's own __new__
    make = Token._make
    return [make((m[0], m.start() + offset, m.end() + offset))
            for m in TOKEN_PATTERN.finditer(text)]


def _ends_sentence(text: str, end: int) -> bool:
    """Whether the full stop run ending at ``end`` closes a sentence (not "Mr." or "U.S.")."""
    stop = end
    while stop > 0 and text[stop - 1] in _CLOSERS:
        stop -= 1
    if text[stop - 1 : stop] != ".":
        return True
    # The letters right before the full stops, within the last 12 characters.
    dots = stop
    while dots > 0 and text[dots - 1] == ".":
        dots -= 1
    floor = max(0, stop - 12)
    begin = dots
    while begin > floor and text[begin - 1] in ASCII_LETTERS:
        begin -= 1
    if begin == dots:
        return True
    w = text[begin:dots]
    lower = w.lower()
    if lower in ABBREVIATIONS and (w[0].isupper() or lower in LOWERCASE_ABBREVIATIONS):
        return False
    # An initial ("J. Smith") or a dotted abbreviation ("U.S.") ends no sentence unless a
    # capitalised common word follows; keep it simple: single letters do not end sentences.
    return len(w) != 1


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, keeping offsets; blank lines and bullets also split."""
    return [Sentence(index, start, end, text[start:end])
            for index, (start, end) in enumerate(sentence_spans(text))]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The offsets of the sentences of :func:`split_sentences`, without their texts."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if text[match.start()] != "\n" and not _ends_sentence(text, end):
            continue
        _append(spans, text, start, end)
        start = end
    _append(spans, text, start, len(text))
    return spans


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    # the white space around a sentence is a character or two: stepped over, not copied
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
