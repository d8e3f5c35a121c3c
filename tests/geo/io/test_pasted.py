"""Tests of ``geo.io.pasted``: an article pasted into the app becomes a document."""

from __future__ import annotations

from datetime import date

from geo.io.pasted import MAX_TITLE_CHARS, pasted_document

TEXT = "Shelling near Korvana\nRebels shelled the market of Korvana on Monday."


def test_a_blank_paste_gives_no_document() -> None:
    assert pasted_document("") is None
    assert pasted_document(" \n\t ", title="A title only") is None


def test_the_first_line_titles_an_untitled_paste_and_the_given_title_wins() -> None:
    doc = pasted_document(TEXT)
    assert doc is not None
    assert doc.title == "Shelling near Korvana" and doc.source == "pasted article"
    titled = pasted_document(TEXT, title="  Market shelled  ")
    assert titled is not None and titled.title == "Market shelled"
    long_line = pasted_document("x" * (MAX_TITLE_CHARS + 50))
    assert long_line is not None and len(long_line.title) == MAX_TITLE_CHARS


def test_the_same_paste_keeps_its_id_so_its_corrections_apply_again() -> None:
    first, again = pasted_document(TEXT), pasted_document(TEXT)
    assert first is not None and again is not None and first.id == again.id
    # the id the app gave this paste before it moved here: corrections saved then still apply
    assert first.id == "pasted-5ef5bc7255"
    other = pasted_document(TEXT, title="Another title")
    assert other is not None and other.id != first.id


def test_control_characters_of_a_paste_become_spaces() -> None:
    doc = pasted_document("Jets struck\x00Saraqeb\x07 on Tuesday.", title="Jets\x1bstrike")
    assert doc is not None
    assert "\x00" not in doc.text and "\x07" not in doc.text and "\x1b" not in doc.title
    assert "Saraqeb" in doc.text


def test_a_paste_is_dated_by_its_dateline_else_by_the_date_given() -> None:
    dated = pasted_document("IDLIB, Feb 27 (Reuters) - Jets struck Saraqeb.",
                            published=date(2020, 3, 1))
    assert dated is not None and dated.published == date(2020, 2, 27)
    undated = pasted_document(TEXT, published=date(2020, 3, 1))
    assert undated is not None and undated.published == date(2020, 3, 1)
    bare = pasted_document(TEXT)
    assert bare is not None and bare.published is None
