"""Tests of ``geo.parse.text``: sentences and tokens with offsets into the original text."""

from __future__ import annotations

import pytest

from geo.parse.text import split_sentences, tokenize

ARTICLE = (
    "Turkish convoy crosses into Idlib\n\n"
    "REYHANLI, Turkey (AP) — Mr. Erdogan said the U.S. would not help. "
    "Gen. Akar visited the border on Sunday!  Did he meet Col. Smith?\n\n"
    "Key points:\n"
    "• Jets struck Saraqib.\n"
    "- Troops moved to Taftanaz\n"
    "* 33 soldiers were killed\n\n"
    '"We will respond," he said. Then he left.'
)


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize("text", [ARTICLE, "  padded  sentence.  ", "One.\r\n\r\nTwo.", ""])
def test_sentence_offsets_point_into_the_text(text: str) -> None:
    sentences = split_sentences(text)
    for k, s in enumerate(sentences):
        assert s.index == k
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip()
        assert s.text
    starts = [s.start for s in sentences]
    assert starts == sorted(starts)


def test_article_sentences() -> None:
    assert _texts(ARTICLE) == [
        "Turkish convoy crosses into Idlib",
        "REYHANLI, Turkey (AP) — Mr. Erdogan said the U.S. would not help.",
        "Gen. Akar visited the border on Sunday!",
        "Did he meet Col. Smith?",
        "Key points:",
        "• Jets struck Saraqib.",
        "- Troops moved to Taftanaz",
        "* 33 soldiers were killed",
        '"We will respond," he said.',
        "Then he left.",
    ]


@pytest.mark.parametrize("text", [
    "Mr. Erdogan and Mrs. Erdogan flew to Moscow.",
    "The U.S. Navy sent two ships.",
    "Gen. Milley met Lt. Gen. Smith at Ft. Bragg.",
    "Officials in Austin, Tex. said nothing.",
    "Talks began on Feb. 5 in Sochi.",
    "J. R. Smith reported from Kyiv.",
    "Tanks, guns etc. were moved to Idlib.",
    "The Turkey vs. Russia talks resumed.",
])
def test_abbreviations_do_not_end_sentences(text: str) -> None:
    assert _texts(text) == [text]


@pytest.mark.parametrize("text", [
    "The minister fell ill. Troops then entered Kherson.",
    "The shell was a near miss. Two drones followed.",
    "The ship carried iron ore. It sailed from Odesa.",
])
def test_common_words_that_look_like_abbreviations_end_sentences(text: str) -> None:
    first, second = text.split(". ")
    assert _texts(text) == [first + ".", second]


def test_quotes_and_brackets_close_the_sentence() -> None:
    assert _texts('He said: "We left." Then the jets came. (Reuters said so.) Ok.') == [
        'He said: "We left."', "Then the jets came.", "(Reuters said so.)", "Ok."]


def test_blank_lines_split_even_without_a_full_stop() -> None:
    assert _texts("Headline without stop\n\nbody text here\n  \nmore body") == [
        "Headline without stop", "body text here", "more body"]


def test_decimal_numbers_do_not_split() -> None:
    assert _texts("About 1.5 million people fled. Aid arrived.") == [
        "About 1.5 million people fled.", "Aid arrived."]


def test_tokens_carry_offsets() -> None:
    text = "On 27 Feb. the U.S. said 1,500 al-Assad troops' posts fell."
    tokens = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert [t.text for t in tokens] == [
        "On", "27", "Feb", ".", "the", "U.S.", "said", "1,500", "al", "-", "Assad", "troops",
        "'", "posts", "fell", "."]  # hyphens split, so "Fargo-Moorhead" holds two names


def test_tokenize_shifts_offsets() -> None:
    text = "Preamble. Jets struck Sana'a today."
    start = text.index("Jets")
    tokens = tokenize(text[start:], start)
    assert [t.text for t in tokens] == ["Jets", "struck", "Sana'a", "today", "."]
    assert all(text[t.start:t.end] == t.text for t in tokens)


def test_token_word_and_capital_flags() -> None:
    jets, struck, num, dot = tokenize("Jets struck 33.")
    assert (jets.is_word, jets.is_capitalized) == (True, True)
    assert (struck.is_word, struck.is_capitalized) == (True, False)
    assert (num.is_word, dot.is_word) == (False, False)
