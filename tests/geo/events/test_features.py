"""The linker's pair features on sentences written for these tests."""

from __future__ import annotations

from geo.events.candidates import candidates
from geo.events.features import SentenceTokens, pair_features
from geo.parse.text import tokenize


def _pair(text: str, trigger: str, place: str) -> list[str]:
    sent = SentenceTokens.of(tokenize(text))
    found = candidates(sent, [], text)
    spans = [c.span for c in found]
    span = next(c.span for c in found if c.text == place)
    return pair_features(sent, sent.lower.index(trigger), span, spans)


def test_the_words_between_a_trigger_and_a_later_place_are_counted() -> None:
    feats = _pair("Rebels shelled the market, officials said, and later returned, "
                  "near Korvana.", "shelled", "Korvana")
    assert "comma_between=2" in feats  # three commas, capped at two
    assert "said_between=True" in feats and "verb_between=1" in feats  # "returned"


def test_the_words_between_an_earlier_place_and_its_trigger_are_counted() -> None:
    feats = _pair("In Korvana, officials reported that rebels shelled the market.",
                  "shelled", "Korvana")
    assert "comma_between=1" in feats and "said_between=True" in feats
    assert "verb_between=1" in feats  # "reported"; "shelled" itself is the trigger


def test_nothing_is_between_a_trigger_and_the_place_next_to_it() -> None:
    feats = _pair("Officials said jets struck Korvana, and returned.", "struck", "Korvana")
    assert "comma_between=0" in feats and "said_between=False" in feats
    assert "verb_between=0" in feats
