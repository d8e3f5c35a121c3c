"""Tests of ``geo.parse.words``: the word lists the recogniser's rules ask about."""

from __future__ import annotations

from wordfreq import zipf_frequency

from geo.parse.words import is_common_word, is_function_word, person_names, zipf


def test_common_words_count_in_any_case_and_plural() -> None:
    assert is_common_word("Reading")
    assert is_common_word("hope")
    assert is_common_word("Cases")  # "case" is in Webster's list


def test_proper_names_and_other_scripts_are_not_common_words() -> None:
    assert not is_common_word("Texas")  # Webster's list has it capitalised only
    assert not is_common_word("Idlib")
    assert not is_common_word("Çorum")


def test_function_words_are_the_most_frequent_only() -> None:
    assert is_function_word("In")
    assert is_function_word("WILL")
    assert not is_function_word("Reading")  # common, but not that frequent
    assert not is_function_word("Çorum")  # asked of wordfreq itself


def test_zipf_is_wordfreqs_figure() -> None:
    for word in ("the", "reading", "province", "çorum"):
        assert zipf(word) == zipf_frequency(word, "en"), word


def test_person_names_are_title_cased() -> None:
    names = person_names()
    assert "Walker" in names
    assert "walker" not in names
