"""Tests of ``geo.parse.toponyms`` rules that the geoparser tests do not reach one by one."""

from __future__ import annotations

from geo.parse.toponyms import _is_headline


def test_headlines_are_sentences_in_title_case() -> None:
    assert _is_headline("Turkey and Russia Agree on Idlib Ceasefire")  # "and", "on": minor
    assert not _is_headline("Turkish troops moved into the province on Thursday, officials said.")
    assert not _is_headline("Idlib Falls")  # too few words to tell
    # one lower-case word in ten still makes a headline; the early stop must not cut it
    assert _is_headline("Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India quiet")
    assert not _is_headline("Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel quiet quiet")
    assert not _is_headline("officials said the troops moved north " * 20)
