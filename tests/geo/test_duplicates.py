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


STORY = " ".join(
    "Talks between the two delegations opened in Geneva on Monday, officials said, and the "
    "envoys will meet again on Tuesday to discuss the ceasefire along the front line." for _ in
    range(3))


def test_the_same_words_in_another_case_and_spacing_are_a_copy() -> None:
    index = StoryIndex()
    assert index.original_of("a", STORY) is None
    assert index.original_of("c", "  " + STORY.upper().replace(" ", "   ")) == "a"


def test_a_short_text_is_never_a_copy_even_of_the_same_words() -> None:
    index = StoryIndex()
    assert index.original_of("a", "Clashes continued on Monday near the border.") is None
    assert index.original_of("b", "Clashes continued on Monday near the border.") is None


def test_importing_the_flow_leaves_datasketch_for_the_first_story() -> None:
    import subprocess
    import sys

    code = "import sys, geo.flow; print('datasketch' in sys.modules, 'scipy' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True)
    assert found.stdout.split() == ["False", "False"]
