r"""Case-insensitive patterns searched in lower-cased text.

Python's ``re.IGNORECASE`` folds every character it compares; a pattern whose literals are
lower case finds the same matches, at the same offsets, in the lower-cased text, several
times faster on news sentences (an alternation of fifty verbs: 78 µs a sentence with the flag,
18 µs without). A text whose lower-casing changes its length ("İ") is searched with the flag.

A pattern is searched only in a text holding one of the literals its matches need
("\b(sail(?:s|ed)?|sent|...)\b" needs "sail" or "sent"...; see :func:`required_literals`):
most sentences hold none, and one pass of an Aho-Corasick automaton of those literals
(``pyahocorasick``) costs far less than the search (about 1.5 µs a news sentence for thirty
literals, where a look for each in turn took 5 to 10). One automaton holds the literals of
all the patterns, and a text is scanned once for them all (:func:`present_literals`), not
once for each pattern searched in it (eighteen, on average, for a news sentence).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache

import ahocorasick

#: Escapes (``\b``, ``\W``) and classes are not literals.
_ESCAPE = re.compile(r"\\.")
#: The opening of a group that consumes text: plain, non-capturing or named (not a
#: look-around nor flags).
_CONSUMING = re.compile(r"\?:|\?P<\w+>|(?!\?)")
#: What after a group makes it optional (a count of repeats may be nought).
_OPTIONAL = frozenset("?*{")
#: A literal character of an alternative.
_LITERAL_CHAR = re.compile(r"[a-z0-9 ]")
#: Characters that make the one before them optional or repeated.
_QUANTIFIERS = frozenset("?*+{")
#: The literal characters an alternative opens with.
_OPENING = re.compile(r"[a-z0-9 ]*")


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


@lru_cache(maxsize=64)
def lowered(text: str) -> str | None:
    """``text`` lower-cased, or ``None`` when lower-casing changes its length (offsets would
    move). Cached: the patterns of one sentence share it (enough entries for the sentences
    of a news article and the snippets searched between them: the rules read every
    sentence of a document once, then each again)."""
    low = text.lower()
    return low if len(low) == len(text) else None


def _class_end(pattern: str, start: int) -> int:
    """Index of the ``]`` that closes the class opened at ``pattern[start]``."""
    k = start + 1
    k += pattern.startswith("^", k)
    k += pattern.startswith("]", k)  # a "]" first is a member
    while pattern[k] != "]":
        k += 2 if pattern[k] == "\\" else 1
    return k


def _group_end(pattern: str, start: int) -> int:
    """Index of the ``)`` that closes the group opened at ``pattern[start]``."""
    depth, k = 0, start
    while True:
        c = pattern[k]
        if c == "\\":
            k += 2
            continue
        if c == "[":
            k = _class_end(pattern, k)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return k
        k += 1


def _opening(alternative: str) -> str:
    """The literal characters that every match of ``alternative`` starts with ("ying" of
    "ying", "awal" of "awals?", "" of "\\w+")."""
    run = _OPENING.match(alternative)
    opening = run.group() if run is not None else ""
    if alternative[len(opening) : len(opening) + 1] in _QUANTIFIERS:
        opening = opening[:-1]
    return opening


def _needs(alternative: str) -> frozenset[str] | None:
    """Literals one of which every match of ``alternative`` (with no ``|`` at its top level)
    holds: its longest run of literal characters at the top level not made optional by a
    quantifier ("air ?strikes?" -> "strike"), or, when that is shorter, the needs of all the
    alternatives of a group it cannot skip ("(?:kill\\w*|dead)" -> "kill", "dead");
    ``None`` when it has neither."""
    options: list[frozenset[str]] = []
    run, k = "", 0
    while k < len(alternative):
        c = alternative[k]
        if _LITERAL_CHAR.fullmatch(c):
            run += c
            k += 1
            continue
        if run and c in _QUANTIFIERS:
            run = run[:-1]
        if run.strip():
            options.append(frozenset({run}))
        before, run = run, ""
        if c == "\\":
            k += 2
        elif c == "[":
            k = _class_end(alternative, k) + 1
        elif c == "{":  # a count of repeats (or a "{" of the text: then no filter)
            end = alternative.find("}", k)
            if end < 0:
                return None
            k = end + 1
        elif c == "(":
            end = _group_end(alternative, k)
            consuming = _CONSUMING.match(alternative, k + 1, end)
            if consuming is not None and alternative[end + 1 : end + 2] not in _OPTIONAL:
                inner = _alternatives(alternative[consuming.end() : end])
                needs = [_needs(a) for a in inner or [""]]
                if all(n is not None for n in needs):
                    options.append(frozenset().union(*(n for n in needs if n is not None)))
                if before.strip() and inner:
                    # the run right before it, joined to the literals each of its
                    # alternatives opens with ("fl(?:ew|ying)" -> "flew", "flying")
                    options.append(frozenset(before + _opening(a) for a in inner))
            k = end + 1
        else:
            k += 1
    if run.strip():
        options.append(frozenset({run}))
    # the best filter: its shortest literal the longest, then the fewest literals; spaces
    # at a literal's ends count only to break a tie (" the " is in nearly every sentence,
    # "phone" in few)
    return max(options, key=lambda o: (min(len(literal.strip()) for literal in o), -len(o),
                                       min(map(len, o))), default=None)


def required_literals(pattern: str) -> tuple[str, ...] | None:
    r"""Literals one of which every match of ``pattern`` holds: those each of its
    alternatives needs ("sail(?:s|ed)?|sent" -> "sail", "sent"; in a group it cannot skip,
    "\b(?:kill\w*|dead)\s+civilians" -> "civilians", or "dead" and "kill" for a shorter
    literal after them); ``None`` when an alternative needs none."""
    alternatives = _alternatives(pattern)
    if not alternatives:
        return None
    needs = [_needs(a) for a in alternatives]
    if any(n is None for n in needs):
        return None
    return tuple(sorted(frozenset().union(*(n for n in needs if n is not None))))


class _LiteralIndex:
    """The literals that the :class:`Caseless` patterns need, in one Aho-Corasick automaton
    (made again when a new pattern brings new ones): a text is scanned once for the
    literals of all the patterns, not once for each pattern searched in it."""

    def __init__(self) -> None:
        self.literals: set[str] = set()
        self.automaton: ahocorasick.Automaton | None = None

    def add(self, literals: Iterable[str]) -> None:
        """Take the literals of a new pattern."""
        new = set(literals) - self.literals
        if new:
            self.literals |= new
            self.automaton = None
            present_literals.cache_clear()

    def scan(self, low: str) -> frozenset[str]:
        """The literals that the lower-cased ``low`` holds."""
        if self.automaton is None:
            automaton = ahocorasick.Automaton()
            for literal in self.literals:
                automaton.add_word(literal, literal)
            automaton.make_automaton()
            self.automaton = automaton
        return frozenset(literal for _, literal in self.automaton.iter(low))


_INDEX = _LiteralIndex()


@lru_cache(maxsize=64)
def present_literals(low: str) -> frozenset[str]:
    """The literals of all the :class:`Caseless` patterns that the lower-cased ``low``
    holds. Cached: the patterns of one sentence share one scan (as :func:`lowered`)."""
    return _INDEX.scan(low)


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
        self._needed = None if needed is None else frozenset(needed)
        if needed is not None:
            _INDEX.add(needed)

    def __reduce__(self) -> tuple[type[Caseless], tuple[str]]:
        # made again from its pattern where it is unpickled: the literals it needs join that
        # process's automaton
        return Caseless, (self.pattern,)

    def _holds_needed(self, low: str) -> bool:
        """Whether the lower-cased ``low`` holds a literal that every match needs (always,
        for a pattern without such literals)."""
        return self._needed is None or not self._needed.isdisjoint(present_literals(low))

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


__all__ = ["Caseless", "lowered", "present_literals", "required_literals"]
