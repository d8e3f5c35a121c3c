"""Case-insensitive patterns searched in lower-cased text find what ``re.IGNORECASE`` finds,
at the same offsets, also in text whose lower-casing changes its length."""

from __future__ import annotations

import re

import pytest

from geo.events.caseless import Caseless

PATTERN = r"\b(air ?strikes?|shell(?:ed|ing)|called (?!on\b)|mov(?:e|ed))\b"


@pytest.mark.parametrize("text", [
    "Russian AIRSTRIKES hit the town; artillery Shelled the port.",
    "The minister Called Ankara, then CALLED ON his allies.",
    "İstanbul: the convoy MOVED north after Air strikes.",  # "İ" lower-cases to two characters
    "Nothing happened here.",
])
def test_matches_are_those_of_ignorecase(text: str) -> None:
    caseless, flagged = Caseless(PATTERN), re.compile(PATTERN, re.I)
    found = [(m.start(), m.end(), m.group().lower()) for m in caseless.finditer(text)]
    assert found == [(m.start(), m.end(), m.group().lower()) for m in flagged.finditer(text)]
    first, expected = caseless.search(text), flagged.search(text)
    assert (first and first.span()) == (expected and expected.span())


def test_a_slice_is_searched_as_re_does() -> None:
    text = "They shelled the town and moved on."
    match = Caseless(PATTERN).search(text, 13, 31)
    assert match is not None and text[match.start() : match.end()] == "moved"


def test_upper_case_literals_are_refused() -> None:
    with pytest.raises(ValueError, match="upper-case"):
        Caseless(r"\bNATO\b")
    Caseless(r"\W+\S\b")  # escapes are not literals
