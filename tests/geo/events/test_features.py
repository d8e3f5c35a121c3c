"""The detector's and the linker's features on sentences written for these tests."""

from __future__ import annotations

import pytest
import wordfreq

from gazetteer.model import FeatureClass
from geo.events.candidates import candidates
from geo.events.features import (
    FREQUENCY_BUCKETS,
    SentenceTokens,
    Span,
    frequency_bucket,
    pair_features,
    pair_parts,
    render,
    token_features,
    token_parts,
)
from geo.events.linear import LinearModel, load_models
from geo.model import MentionKind
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


def test_a_model_scores_names_and_values_as_it_scores_their_strings() -> None:
    text = ("Militias from al-Qasr shelled Tarnova, near the port of Belgrade, "
            "and at Dunmore, officials said.")
    sent = SentenceTokens.of(tokenize(text))
    found = candidates(sent, [], text)
    spans = [c.span for c in found]
    models = load_models()
    assert models.context is not None and len(found) >= 3
    trigger = sent.lower.index("shelled")
    for c in found:
        parts = pair_parts(sent, trigger, c.span, spans)
        feats = pair_features(sent, trigger, c.span, spans)
        assert render(parts) == feats and "trig=shell" in feats and "bias" in feats
        assert models.linker.probability_of(*parts) == models.linker.probability(feats)
        assert models.context.probability_of(parts, (("bias", "p"), [None, "3"])) \
            == models.context.probability(feats, ["bias", "p=3"])
    for i in range(len(sent.tokens)):
        feats = token_features(sent, i)
        assert f"w={sent.lower[i]}" in feats
        assert models.detector.probability_of(*token_parts(sent, i)) \
            == models.detector.probability(feats)


def test_a_feature_missing_from_a_model_weighs_nothing() -> None:
    model = LinearModel({"bias": 1.0, "w=shelled": 2.0, "p1=": -1.0}, 0.5, 0.5)
    assert model.probability_of(("bias", "w", "p1"), [None, "shelled", ""]) \
        == model.probability(["bias", "w=shelled", "p1="])
    assert model.probability_of(("w", "unseen"), ["struck", "x"]) == model.probability([])


def test_word_frequency_buckets_are_wordfreqs() -> None:
    words = ["the", "shelled", "outskirts", "korvane", "tarnovka", "al", "çavuşoğlu", "o'brien",
             "1999", "-", "mortars", "zqxv"]
    buckets = [frequency_bucket(w) for w in words]
    assert buckets == [sum(1 for edge in FREQUENCY_BUCKETS if wordfreq.zipf_frequency(w, "en")
                           >= edge) for w in words]
    # common words fall in the top bucket, unknown ones in the lowest
    assert buckets[0] == len(FREQUENCY_BUCKETS) and buckets[-1] == 0


def test_a_span_carries_the_gazetteer_feature_class_and_refuses_plain_strings() -> None:
    town = Span(2, 4, MentionKind.TOPONYM, FeatureClass.CITY)
    assert town.feature is FeatureClass.CITY and town.feature_value == "city"
    unknown = Span(0, 1, MentionKind.UNKNOWN, None)
    assert unknown.feature_value == ""
    with pytest.raises(ValueError, match="not a FeatureClass"):
        Span(0, 1, MentionKind.TOPONYM, "city")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a MentionKind"):
        Span(0, 1, "toponym", FeatureClass.CITY)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="empty or backwards"):
        Span(3, 3, MentionKind.TOPONYM, None)


def test_a_name_the_gazetteer_lacks_gives_an_empty_feature_in_the_pair_features() -> None:
    feats = _pair("Rebels shelled the market near Korvana.", "shelled", "Korvana")
    assert "feat=" in feats and "kind|feat=unknown|" in feats
