"""Per-document dates: HTML metadata, datelines, the bulk of a batch's event dates."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest

from geo.io.dates_meta import (
    bulk_range,
    dateline_date,
    find_dateline,
    html_published,
    year_near,
)
from geo.io.ingest import documents_from_bytes
from geo.io.notices import captured_warnings

PAGE = "<html><head>{head}</head><body>{body}<p>Troops moved to Idlib.</p></body></html>"


@pytest.mark.parametrize(("head", "body", "expected"), [
    ('<meta property="article:published_time" content="2020-02-28T09:15:00Z">', "",
     date(2020, 2, 28)),
    ('<meta name="date" content="2020-03-01">', "", date(2020, 3, 1)),
    ('<meta name="pubdate" content="2020-03-02">', "", date(2020, 3, 2)),
    ('<meta name="publish-date" content="2020-03-03">', "", date(2020, 3, 3)),
    ('<meta name="DC.date" content="2020-03-04">', "", date(2020, 3, 4)),
    ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
     '{"@type": "NewsArticle", "datePublished": "2020-03-05T10:00:00+02:00"}]}</script>', "",
     date(2020, 3, 5)),
    ("", '<time datetime="2020-03-06">6 March</time>', date(2020, 3, 6)),
    ('<meta name="date" content="not a date">', "", None),
    ("", "", None),
])
def test_html_published(head: str, body: str, expected: str | None) -> None:
    assert html_published(PAGE.format(head=head, body=body)) == expected


def test_meta_comes_before_time_and_a_bad_json_ld_is_ignored() -> None:
    page = PAGE.format(
        head='<script type="application/ld+json">{not json</script>'
             '<meta name="pubdate" content="2020-02-20">',
        body='<time datetime="2019-01-01">old</time>')
    assert html_published(page) == date(2020, 2, 20)


def test_an_html_upload_keeps_its_own_date_before_the_batch_date() -> None:
    page = PAGE.format(head='<meta name="date" content="2020-02-28">', body="")
    (doc,), _ = documents_from_bytes("a.html", page.encode(), published=date(2021, 1, 1))
    assert doc.published == date(2020, 2, 28)


@pytest.mark.parametrize(("text", "place", "month", "day"), [
    ("TRIPOLI, May 18 (Reuters) - Forces loyal to the government advanced.", "TRIPOLI", 5, 18),
    ("ANKARA, Feb 27 — Turkey sent more troops to Idlib.", "ANKARA", 2, 27),
    ("BEIRUT, 3 March: Talks resumed.", "BEIRUT", 3, 3),
    ("NEW YORK, Sept. 9 (AP) - The council met.", "NEW YORK", 9, 9),
    ("GAZIANTEP, Turkey, March 2 - Families fled north.", "GAZIANTEP", 3, 2),
])
def test_datelines_are_found(text: str, place: str, month: int, day: int) -> None:
    found = find_dateline(text)
    assert found is not None
    assert (found.place, found.month, found.day) == (place, month, day)


@pytest.mark.parametrize("text", [
    "Turkish troops moved to Idlib on May 18.",
    "In May 18 people fled.",
    "the ministry said, May 18 - no place",
    "",
])
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


def test_a_dateline_without_a_year_stays_unresolved_and_says_so() -> None:
    given = dateline_date("ANKARA, Feb 27 — Turkey sent troops.", None)
    assert given is not None and given.day is None
    assert "no year" in given.note and "Feb 27" in given.note


def test_dateline_year_nearest_the_batch_date() -> None:
    assert year_near(12, 30, date(2021, 1, 2)) == 2020
    assert year_near(1, 3, date(2020, 12, 30)) == 2021
    assert year_near(5, 18, date(2020, 5, 20)) == 2020


def test_a_dateline_dates_a_text_file_with_the_batch_year() -> None:
    data = b"TRIPOLI, May 18 (Reuters) - Forces advanced on Tarhuna."
    (doc,), _ = documents_from_bytes("t.txt", data, published=date(2020, 6, 1))
    assert doc.published == date(2020, 5, 18)


def test_a_dateline_takes_the_year_of_the_files_other_dates() -> None:
    data = (b'{"id": "a", "text": "One.", "published": "2019-05-01"}\n'
            b'{"id": "b", "text": "TRIPOLI, May 18 (Reuters) - Forces advanced."}\n')
    docs, _ = documents_from_bytes("feed.jsonl", data)
    assert [d.published for d in docs] == [date(2019, 5, 1), date(2019, 5, 18)]


def test_a_dateline_with_no_year_anywhere_is_left_undated_with_a_notice() -> None:
    data = b"ANKARA, Feb 27 - Turkey sent more troops to Idlib."
    with captured_warnings() as notices:
        (doc,), _ = documents_from_bytes("a.txt", data)
    assert doc.published is None
    assert any("Feb 27" in n and "no year" in n for n in notices), notices
    assert date.today().isoformat() not in repr(doc)


def test_a_text_without_a_dateline_takes_the_batch_date(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        (doc,), _ = documents_from_bytes("a.txt", b"Troops moved.", published=date(2020, 3, 1))
    assert doc.published == date(2020, 3, 1)
    assert not caplog.records


def test_bulk_range_leaves_a_far_date_out() -> None:
    day0 = date(2020, 2, 1)
    days: list[date | None] = [day0 + timedelta(days=k % 40) for k in range(60)]
    days += [date(2016, 1, 1), None]
    bulk = bulk_range(days)
    assert bulk is not None
    assert bulk.start == day0 and bulk.end == day0 + timedelta(days=39)
    assert bulk.outliers == (60,)


def test_bulk_range_keeps_every_date_of_a_tight_batch() -> None:
    days: list[date | None] = [date(2020, 2, d) for d in (1, 2, 3, 10, 28)]
    bulk = bulk_range(days)
    assert bulk is not None and bulk.outliers == ()
    assert (bulk.start, bulk.end) == (date(2020, 2, 1), date(2020, 2, 28))
    assert bulk_range([None]) is None
