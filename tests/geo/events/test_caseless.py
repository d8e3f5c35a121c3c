"""Case-insensitive patterns searched in lower-cased text find what ``re.IGNORECASE`` finds,
at the same offsets, also in text whose lower-casing changes its length."""

from __future__ import annotations

import pickle
import re

import pytest

from geo.events.caseless import Caseless, required_literals

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


@pytest.mark.parametrize(("pattern", "needed"), [
    (r"\b(air ?strikes?|sail(?:s|ed)?|on (?:its|their) way)\b",
     ("on its", "on their", "sail", "strike")),
    (r"\b(armou?red vehicles|heads? of state|urg\w*)\b", (" of state", "red vehicles", "urg")),
    (r"\b(called (?!on\b)|asylum[- ]seekers?)", ("asylum", "called ")),
    (r"\b(\w+ed|sent)\b", ("ed", "sent")),  # "ed" ends every match of the first
    (r"\b(\w+|sent)\b", None),  # an alternative with no literal: searched everywhere
    (r"kill|dead", ("dead", "kill")),
    (r"\b(a)\b|\b(b)\b", ("a", "b")),
    # a group that cannot be skipped gives its alternatives' literals, unless a longer
    # literal stands beside it; a group that can be skipped, a look-around, none
    (r"\b(?:kill\w*|dead)\s+at\b", ("dead", "kill")),
    (r"(?:kill\w*|dead)\s+civilians", ("civilians",)),
    (r"(?:on\s+|at\s+)?(monday|friday)['’]s", ("friday", "monday")),
    (r"(?:aa|bb\w*|(?:cd|ef)+)x", ("aa", "bb", "cd", "ef")),
    (r"(?=abc)\w+|(?:ab)*c", None),
    (r"(?:ab)?\d{2}", None),
    (r"x[()|]y(?P<n>zz|ww)", ("yww", "yzz")),
    # a literal joined to the openings of the group it runs into
    (r"\bfl(?:ew|ying)\s+to", ("flew", "flying")),
    (r"withdr(?:aw|awals?)\b", ("withdraw", "withdrawal")),
    (r"abc{d", None),  # a "{" of the text, no count of repeats
    # spaces at a literal's ends make it no longer: " the " is in nearly every sentence
    (r"(?:via|over) the (?:tele)?phone", ("phone",)),
    # ... but break a tie ("missile" is in more sentences than " hitting")
    (r"\b(missiles? hitting)\b", (" hitting",)),
])
def test_required_literals(pattern: str, needed: tuple[str, ...] | None) -> None:
    assert required_literals(pattern) == needed


def test_a_text_without_the_literals_is_not_searched_and_finds_nothing() -> None:
    pattern = Caseless(r"\b(air ?strikes?|on (?:its|their) way)\b")
    assert pattern.search("On their way home, nothing struck.") is not None
    assert pattern.search("On the road, nothing struck.") is None
    assert list(pattern.finditer("On the road, nothing struck.")) == []
    assert [m.group() for m in pattern.finditer("Air strikes, then on its way.")] == [
        "air strikes", "on its way"]
    assert pattern.search("AIR STRIKE") is not None


def test_a_pattern_made_later_is_filtered_by_its_own_literals() -> None:
    # the literals of all the patterns share one scan of a text; a new pattern's join it
    text = "Ferries docked at Velmora harbour."
    before = Caseless(r"\b(ferr(?:y|ies))\b")
    assert before.search(text) is not None
    later = Caseless(r"\b(harbou?r|quay)\b")
    assert later.search(text) is not None
    assert Caseless(r"\b(wharf|jetty)\b").search(text) is None
    assert before.search("No boats today.") is None


def test_a_pickled_pattern_searches_as_before() -> None:
    pattern = Caseless(r"\b(gunboats?|corvettes?)\b")
    copy = pickle.loads(pickle.dumps(pattern))
    assert copy.pattern == pattern.pattern
    assert copy.search("Two CORVETTES sailed.") is not None
    assert copy.search("Two ferries sailed.") is None
