"""Tests of ``geo.events.dates``: dates in news text, resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from geo.events.dates import ResolvedDate, find_dates, resolve_date

FRIDAY = date(2020, 2, 28)  # a Friday


@pytest.mark.parametrize(("sentence", "day"), [
    ("Turkish troops entered Idlib on Thursday.", date(2020, 2, 27)),
    ("Jets struck Saraqib on Monday.", date(2020, 2, 24)),
    ("The convoy left on Saturday.", date(2020, 2, 22)),
    ("The talks ended on Friday.", date(2020, 2, 28)),  # same weekday: the day itself
    ("Erdogan spoke to Putin last Friday.", date(2020, 2, 21)),
    ("The ministers meet next Monday.", date(2020, 3, 2)),
    ("Shelling resumed yesterday.", date(2020, 2, 27)),
    ("Shelling resumed last night.", date(2020, 2, 27)),
    ("Shelling resumed today.", date(2020, 2, 28)),
])
def test_relative_days_resolve_against_the_published_date(sentence: str, day: str) -> None:
    found = resolve_date(sentence, FRIDAY)
    assert (found.day, found.precision) == (day, "day")


def test_weekday_text_is_reported() -> None:
    assert resolve_date("Troops moved on Thursday.", FRIDAY).text == "on Thursday"


def test_last_weekday_of_another_weekday() -> None:
    # Published on a Monday, "last Friday" is three days before.
    assert resolve_date("Talks collapsed last Friday.", date(2020, 3, 2)).day == date(2020, 2, 28)


@pytest.mark.parametrize(("sentence", "day"), [
    ("Ankara said on 27 February 2020 that 33 soldiers died.", date(2020, 2, 27)),
    ("The deal was signed on Feb. 5, 2019 in Sochi.", date(2019, 2, 5)),
    ("The deal was signed on 5th March 2019.", date(2019, 3, 5)),
    ("The log dated 2019-11-02 lists the ships.", date(2019, 11, 2)),
    ("Ankara said on 27 February that 33 soldiers died.", date(2020, 2, 27)),
    ("The frigate sailed on February 25.", date(2020, 2, 25)),
    ("The frigate sailed on Sept. 3.", date(2019, 9, 3)),  # months after the article: last year
])
def test_explicit_dates(sentence: str, day: str) -> None:
    found = resolve_date(sentence, FRIDAY)
    assert (found.day, found.precision) == (day, "day")


def test_explicit_date_wins_over_a_weekday() -> None:
    assert resolve_date("On Tuesday, 25 February, jets struck Ariha.", FRIDAY).day == date(2020, 2, 25)


def test_december_date_in_a_january_article_is_last_year() -> None:
    assert resolve_date("Jets struck Maarat al-Numan on 30 December.", date(2020, 1, 2)).day == (
        date(2019, 12, 30))
    assert resolve_date("Jets struck on Dec. 30.", date(2020, 1, 2)).day == date(2019, 12, 30)


def test_january_date_in_a_december_article_is_next_year() -> None:
    found = resolve_date("Talks are scheduled for 3 January in Moscow.", date(2019, 12, 30))
    assert found.day == date(2020, 1, 3)


def test_date_without_year_or_published_is_unknown() -> None:
    assert resolve_date("Jets struck Ariha on 27 February.", None) == ResolvedDate(None,
                                                                                   "unknown")
    assert resolve_date("Jets struck Ariha on Thursday.", None).day is None


def test_with_no_date_words_the_published_date_stands_in() -> None:
    assert resolve_date("Jets struck Ariha.", FRIDAY) == ResolvedDate(FRIDAY, "published")


@pytest.mark.parametrize(("sentence", "day"), [
    ("Officials said 20 may have died on Tuesday.", date(2020, 2, 25)),
    ("Officials said 20 may have died in the strike on 3 February.", date(2020, 2, 3)),
    ("Troops may 3 times a week cross at Kilis.", FRIDAY),
])
def test_the_verb_may_is_not_the_month(sentence: str, day: str) -> None:
    assert resolve_date(sentence, FRIDAY).day == day


def test_the_month_may_is_still_read() -> None:
    assert resolve_date("The ceasefire of 5 May 2019 collapsed.", FRIDAY).day == date(2019, 5, 5)
    assert resolve_date("The ceasefire of May 5, 2019 collapsed.", FRIDAY).day == date(2019, 5, 5)


@pytest.mark.parametrize("sentence", [
    "Two soldiers and 5 marines were killed on Tuesday.",
    "Police said 20 marchers were hurt on Tuesday.",
    "Around 3 junior officers were detained on Tuesday.",
])
def test_words_starting_like_a_month_are_not_dates(sentence: str) -> None:
    assert resolve_date(sentence, FRIDAY).day == date(2020, 2, 25)


@pytest.mark.parametrize("sentence", [
    "The strike at 1:09 p.m. on 27 February killed 33.",
    "The strike at 13:09 on 27 February killed 33.",
    "The strike at 10.30 GMT on 27 February killed 33.",
    "The strike at 5 p.m. on 27 February killed 33.",
    "The strike at 1:09 p.m. on Thursday killed 33.",
    "The strike at 1:09 p.m. yesterday killed 33.",
])
def test_clock_times_give_hour_precision(sentence: str) -> None:
    found = resolve_date(sentence, FRIDAY)
    assert (found.day, found.precision) == (date(2020, 2, 27), "hour")


def test_decimal_numbers_are_not_clock_times() -> None:
    found = resolve_date("About 1.25 million people fled after 27 February.", FRIDAY)
    assert (found.day, found.precision) == (date(2020, 2, 27), "day")


def test_find_dates_offsets_and_days() -> None:
    text = ("On Thursday, jets struck Saraqib, a week after the 20 February raid; "
            "officials said 20 may have died yesterday.")
    found = find_dates(text, FRIDAY)
    assert [(text[s:e], d.day) for s, e, d in found] == [
        ("On Thursday", date(2020, 2, 27)),
        ("20 February", date(2020, 2, 20)),
        ("yesterday", date(2020, 2, 27)),
    ]
    assert all(d.precision == "day" for _, _, d in found)


def test_find_dates_without_published_keeps_only_full_dates() -> None:
    text = "On Thursday the 2019-05-05 deal and 3 March 2018 truce were cited."
    found = find_dates(text, None)
    assert [(text[s:e], d.day) for s, e, d in found] == [
        ("2019-05-05", date(2019, 5, 5)), ("3 March 2018", date(2018, 3, 3))]


def test_a_past_year_dates_a_historical_mention() -> None:
    from geo.events.dates import find_dates

    found = find_dates("since it first sent troops into Syria in 2016", date(2020, 2, 28))
    assert [(d.day, d.precision) for _, _, d in found] == [(date(2016, 1, 1), "year")]
    assert find_dates("the 2020 season in 2020", date(2020, 2, 28)) == []


@pytest.mark.parametrize(("sentence", "day"), [
    ("In April, the army bombed a market in the valley.", "2023-04-01"),
    ("Fighting in late March 2019 killed forty.", "2019-03-01"),
    ("In September the rebels took the hill.", "2022-09-01"),  # a later month: last year
    # a letter whose lower case is longer ("İ") is searched as written
    ("In April, troops entered İzmiran.", "2023-04-01"),
])
def test_a_month_named_alone_dates_to_the_month(sentence: str, day: str) -> None:
    found = find_dates(sentence, date(2023, 6, 28))
    assert [(d.day.isoformat() if d.day else None, d.precision.value)
            for _, _, d in found] == [(day, "month")]


def test_a_month_named_alone_keeps_its_words_as_written() -> None:
    found = find_dates("Fighting in late March 2019 killed forty.", date(2023, 6, 28))
    assert [d.text for _, _, d in found] == ["in late March 2019"]


@pytest.mark.parametrize("sentence", [
    "Rebels have held the town since April.",  # the start of a span, not the day
    "The talks in may go on.",  # a modal verb, not the month
])
def test_no_month_date_where_none_is_meant(sentence: str) -> None:
    assert find_dates(sentence, date(2023, 6, 28)) == []


@pytest.mark.parametrize(("sentence", "day", "precision"), [
    ("Gunmen burned the market two days ago.", date(2020, 2, 26), "day"),
    ("The dam was shelled three weeks ago.", date(2020, 2, 7), "week"),
    ("Rebels took the town a month ago.", date(2020, 1, 1), "month"),
    # weeks start on Monday: the article's Friday is in the week of 24 February
    ("Jets bombed the bridge last week.", date(2020, 2, 17), "week"),
    ("Earlier this week, militants stormed a checkpoint.", date(2020, 2, 24), "week"),
    ("Late last month, the army retook the airport.", date(2020, 1, 1), "month"),
    ("Earlier this year, protesters marched on the palace.", date(2020, 1, 1), "year"),
    ("The navy seized the tanker last year.", date(2019, 1, 1), "year"),
])
def test_periods_count_back_from_the_article(sentence: str, day: date, precision: str) -> None:
    ((_, _, found),) = find_dates(sentence, FRIDAY)
    assert (found.day, found.precision) == (day, precision)


@pytest.mark.parametrize("sentence", [
    "It was the deadliest attack since last year.",  # a span starts there
    "Thousands have fled the fighting starting early last year.",
    "More people fled than last month.",  # a comparison
    "It was the second attack this week.",  # which attack happened when is not said
])
def test_periods_that_date_no_event(sentence: str) -> None:
    assert find_dates(sentence, FRIDAY) == []
