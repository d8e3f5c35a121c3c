"""Tests of ``geo.maps.markdown``: text shown literally in the app's Markdown."""

from __future__ import annotations

import re

from geo.maps.markdown import code_span, md_escape


def _unescaped(markdown: str, char: str) -> bool:
    """Whether ``char`` occurs in ``markdown`` without a backslash before it."""
    return re.search(rf"(?<!\\){re.escape(char)}", markdown) is not None


def test_links_images_tags_and_emphasis_in_article_text_are_escaped() -> None:
    text = "See [the map](http://x.example) ![pic](y.png) <b>bold</b> *stars* _under_ `code`"
    escaped = md_escape(text)
    for char in "[]()!<>*_`":
        assert not _unescaped(escaped, char), char
    # the words stay readable once the backslashes are dropped
    assert escaped.replace("\\", "") == text


def test_streamlit_extensions_and_headings_are_escaped() -> None:
    escaped = md_escape("# Cost: $5 to $6 :smile: ~~struck~~")
    for char in "#$:~":
        assert not _unescaped(escaped, char), char


def test_line_breaks_and_runs_of_spaces_become_single_spaces() -> None:
    assert md_escape("Jets  struck\n\nSaraqeb\ton Tuesday") == "Jets struck Saraqeb on Tuesday"


def test_a_code_span_shows_its_text_as_written_without_ending_early() -> None:
    assert code_span("doc_1:12-40") == "`doc_1:12-40`"
    span = code_span("a`b")
    assert span.count("`") == 2 and span == "`a'b`"
