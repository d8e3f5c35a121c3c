"""Tests of ``geo.duplicates``: copies of one story are told from other stories."""

from __future__ import annotations

from geo.duplicates import StoryIndex
from geo.pipeline import load_sample_corpus


def test_distinct_stories_are_originals() -> None:
    index = StoryIndex()
    assert [index.original_of(d.id, d.text) for d in load_sample_corpus()] == [None] * 12


def test_an_agency_copy_with_a_new_byline_and_tail_is_a_copy() -> None:
    docs = load_sample_corpus()
    index = StoryIndex()
    for doc in docs:
        index.original_of(doc.id, doc.text)
    story = docs[3]
    copy = ("ISTANBUL (Wire) - " + story.text.replace(".", ",", 2)
            + " Reporting by the desk; editing by staff.")
    assert index.original_of("copy", copy) == story.id


def test_the_same_words_in_another_case_and_spacing_are_a_copy() -> None:
    index = StoryIndex()
    assert index.original_of("a", "Talks opened in Geneva.") is None
    assert index.original_of("c", "talks   opened in geneva") == "a"


def test_a_short_text_is_not_taken_for_a_copy_of_another() -> None:
    index = StoryIndex()
    assert index.original_of("a", "Talks opened in Geneva on Monday.") is None
    assert index.original_of("b", "Talks opened in Vienna on Monday.") is None
