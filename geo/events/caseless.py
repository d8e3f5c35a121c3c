r"""Case-insensitive patterns searched in lower-cased text.

Python's ``re.IGNORECASE`` folds every character it compares; a pattern whose literals are
lower case finds the same matches, at the same offsets, in the lower-cased text, several
times faster on news sentences (an alternation of fifty verbs: 78 µs a sentence with the flag,
18 µs without). A text whose lower-casing changes its length ("İ") is searched with the flag.

A pattern that is one group of alternatives after ``\b`` ("\b(sail(?:s|ed)?|sent|...)\b")
is searched only in a text holding a literal that one of them needs ("sail", "sent"): most
sentences hold none, and one pass of an Aho-Corasick automaton of those literals
(``pyahocorasick``) costs far less than the search (about 1.5 µs a news sentence for thirty
literals, where a look for each in turn took 5 to 10).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache

import ahocorasick

#: Escapes (``\b``, ``\W``) and classes are not literals.
_ESCAPE = re.compile(r"\\.")
#: ``\b(`` alternatives ``)``, with or without a closing ``\b``.
_GROUP = re.compile(r"\\b\((.*)\)(?:\\b)?", re.S)
#: A literal character of an alternative.
_LITERAL_CHAR = re.compile(r"[a-z0-9 ]")
#: Characters that make the one before them optional or repeated.
_QUANTIFIERS = frozenset("?*+{")


def _alternatives(body: str) -> list[str] | None:
    """``body`` split at its top-level ``|``; ``None`` when its brackets do not balance."""
    out, depth, start, k, in_class = [], 0, 0, 0, False
    while k < len(body):
        c = body[k]
        if c == "\\":
            k += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
        elif c == "|" and depth == 0:
            out.append(body[start:k])
            start = k + 1
        k += 1
    if depth or in_class:
        return None
    return [*out, body[start:]]


@lru_cache(maxsize=16)
def lowered(text: str) -> str | None:
    """``text`` lower-cased, or ``None`` when lower-casing changes its length (offsets would
    move). Cached: the patterns of one sentence share it."""
    low = text.lower()
    return low if len(low) == len(text) else None


def _required(alternative: str) -> str:
    """The longest run of literal characters that every match of ``alternative`` holds: at
    the top level, not made optional by a quantifier ("air ?strikes?" -> "strike", "on
    (?:its|their) way" -> " way")."""
    best, run, depth, k = "", "", 0, 0
    while k < len(alternative):
        c = alternative[k]
        if depth == 0 and _LITERAL_CHAR.fullmatch(c):
            run += c
            k += 1
            continue
        if run and depth == 0 and c in _QUANTIFIERS:
            run = run[:-1]
        best, run = max(best, run, key=len), ""
        if c == "\\":
            k += 2
            continue
        if c in "[{":  # a class, or a count of repeats
            k = alternative.index("]" if c == "[" else "}", k + 1) + 1
            continue
        depth += (c == "(") - (c == ")")
        k += 1
    return max(best, run, key=len)


def required_literals(pattern: str) -> tuple[str, ...] | None:
    r"""For a ``\b(...)`` pattern, a literal that each alternative's matches hold, one of
    which every match of the pattern holds ("sail(?:s|ed)?|sent" -> "sail", "sent");
    ``None`` when the pattern has another shape or an alternative holds none."""
    group = _GROUP.fullmatch(pattern)
    alternatives = _alternatives(group.group(1)) if group else None
    if not alternatives:
        return None
    needed = {_required(a) for a in alternatives}
    if not all(n.strip() for n in needed):
        return None
    return tuple(sorted(needed))


class Caseless:
    """A case-insensitive pattern; its matches' offsets are the text's, their groups lower
    case (take ``text[m.start() : m.end()]`` for the words as written).

    Parameters
    ----------
    pattern
        The regular expression; its literal letters must be lower case.
    """

    def __init__(self, pattern: str) -> None:
        if any(c.isupper() for c in _ESCAPE.sub("", pattern)):
            raise ValueError(f"{pattern!r} has upper-case literals")
        self.pattern = pattern
        self._fast = re.compile(pattern)
        self._slow = re.compile(pattern, re.I)
        needed = required_literals(pattern)
        self._needed: ahocorasick.Automaton | None = None
        if needed is not None:
            self._needed = ahocorasick.Automaton()
            for literal in needed:
                self._needed.add_word(literal, literal)
            self._needed.make_automaton()

    def _holds_needed(self, low: str) -> bool:
        """Whether the lower-cased ``low`` holds a literal that every match needs (always,
        for a pattern without such literals)."""
        return self._needed is None or next(self._needed.iter(low), None) is not None

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize
               ) -> re.Match[str] | None:
        """The first match in ``text[pos:endpos]``, as ``re.Pattern.search`` with ``re.I``."""
        low = lowered(text)
        if low is None:
            return self._slow.search(text, pos, endpos)
        if not self._holds_needed(low):
            return None
        return self._fast.search(low, pos, endpos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every match in ``text``, as ``re.Pattern.finditer`` with ``re.I``."""
        low = lowered(text)
        if low is None:
            return self._slow.finditer(text)
        if not self._holds_needed(low):
            return iter(())
        return self._fast.finditer(low)


__all__ = ["Caseless", "lowered", "required_literals"]
