"""Dates in news text, resolved against the article's publication date.

Explicit dates ("28 February", "Feb. 28, 2020", "2020-02-28"), weekdays ("on Thursday" in an
article of Friday 28 February 2020 is 27 February) and relative words ("yesterday") resolve to
days; clock times ("1:09 p.m.") sharpen the precision to the hour; "over the weekend" is the
Saturday before the article, to the week; "two days ago", "last week", "late last month" and
"earlier this year" count back from the article's day, to their unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from geo.dates import MONTHS as MONTHS  # its home is geo.dates; still importable here
from geo.events.caseless import Caseless
from geo.model import TimePrecision

WEEKDAYS = {d: k for k, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)}
# The word must end after the month: "5 marines" is not 5 March.
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH = Caseless(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s+(\d{4}))?")
_MONTH_DAY = Caseless(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
_WEEKDAY = Caseless(
    r"\b(last\s+|on\s+|this\s+|next\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
_RELATIVE = Caseless(r"\b(today|yesterday|tonight|last night|this morning|earlier today)\b")
#: "over the weekend", "last weekend": the Saturday and Sunday before the article, to the week.
_WEEKEND = Caseless(r"\b(?:(?:over|during|at|on)\s+the|this|last|the\s+past)\s+weekend\b")
#: Every explicit date holds a digit: a sentence without one is not searched for them.
_DIGIT = re.compile(r"\d")
#: Every weekday holds "day"; every relative word one of these.
_RELATIVE_CUES = ("day", "night", "morning")
#: "13:09", "1:09 p.m.", "10.30 GMT", "5 p.m." (a bare "1.25" is a number, not a time).
_YEAR = re.compile(r"\b(?:in|since|during|of)\s+((?:19|20)\d\d)\b(?!\s*[-–]\s*\d)")
#: A month named alone, when something happened in it ("In April, the army bombed ...", "in
#: late March 2019"); not "since April", which starts a span.
_MONTH_ALONE = Caseless(r"\b(?:in|during|earlier\s+in|later\s+in)\s+(?:early\s+|late\s+|mid-?)?"
                         + _MONTH + r"(?!\s*\d{1,2}\b)(?:,?\s+(\d{4}))?")
#: "two days ago", "three weeks ago": counted back from the article's day.
_AGO = re.compile(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
                  r"(day|week|month|year)s?\s+ago\b", re.I)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10}
#: "last week", "late last month", "earlier this year": a period before or around the article's
#: day. A bare "this week" is left alone ("the second attack this week" dates no attack), and
#: so is a period that starts a span or a comparison ("since last year", "starting early last
#: year", "than last month").
_PERIOD = re.compile(r"\b(?:(?:early|earlier|late|later)\s+)?last\s+(week|month|year)\b|"
                     r"\b(?:earlier|early)\s+this\s+(week|month|year)\b", re.I)
_SPAN_BEFORE = re.compile(r"\b(?:since|than|until|from|starting|beginning)\s+"
                          r"(?:(?:early|earlier|late|later)\s+)?$", re.I)
_CLOCK = Caseless(
    r"\b\d{1,2}:\d{2}(?!\d)|\b\d{1,2}(?:\.\d{2})?\s*(?:[ap]\.m\b|[ap]m\b|gmt\b|utc\b)"
)


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A day and how sure it is.

    Parameters
    ----------
    day
        The day, or ``None``.
    precision
        ``"hour"``, ``"day"``, ``"year"`` (a past year named: the day is its 1 January),
        ``"published"`` (the article date stands in) or ``"unknown"``.
    text
        The words that gave the date, empty when none did.
    """

    day: date | None
    precision: TimePrecision
    text: str = ""


def _year_for(month: int, day: int, published: date | None) -> int | None:
    if published is None:
        return None
    year = published.year
    candidate = _safe_date(year, month, day)
    if candidate is not None and candidate > published + timedelta(days=31):
        year -= 1  # "December 30" in an article of 2 January
    elif candidate is not None and candidate < published - timedelta(days=365 - 31):
        year += 1  # "3 January" in an article of 30 December
    return year


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _explicit(text: str, published: date | None) -> tuple[date, str] | None:
    if not _DIGIT.search(text):
        return None
    m = _ISO.search(text)
    if m:
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            return d, m.group()
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        for m in pattern.finditer(text):
            month = MONTHS.get(m.group(month_group).lower().rstrip("."))
            if month is None:
                continue
            if month == 5 and text[m.start(month_group) : m.end(month_group)] == "may":
                continue  # the verb "may"; a later date may follow
            day = int(m.group(day_group))
            year = int(m.group(3)) if m.group(3) else _year_for(month, day, published)
            if year is None:
                continue
            d = _safe_date(year, month, day)
            if d:
                return d, text[m.start() : m.end()]
    return None


def resolve_date(text: str, published: date | None) -> ResolvedDate:
    """The day a sentence speaks of.

    Parameters
    ----------
    text
        The sentence.
    published
        The article's date, or ``None``.
    """
    pub = published
    day_precision = TimePrecision.HOUR if _CLOCK.search(text) else TimePrecision.DAY
    found = _explicit(text, pub)
    if found:
        return ResolvedDate(found[0], day_precision, found[1])
    low = text.lower()
    m = _WEEKDAY.search(text) if "day" in low else None
    if m and pub is not None:
        target = WEEKDAYS[m.group(2).lower()]
        back = (pub.weekday() - target) % 7
        if (m.group(1) or "").strip().lower() == "next":
            back = -((target - pub.weekday()) % 7 or 7)
        elif (m.group(1) or "").strip().lower() == "last" and back == 0:
            back = 7
        return ResolvedDate(pub - timedelta(days=back), day_precision,
                            text[m.start() : m.end()])
    m = _WEEKEND.search(text) if "weekend" in low else None
    if m and pub is not None:
        # the weekend on or before the article's day: its Saturday, to the week
        return ResolvedDate(pub - timedelta(days=(pub.weekday() - WEEKDAYS["saturday"]) % 7),
                            TimePrecision.WEEK, text[m.start() : m.end()])
    m = _RELATIVE.search(text) if any(c in low for c in _RELATIVE_CUES) else None
    if m and pub is not None:
        back = 1 if m.group(1).lower() in {"yesterday", "last night"} else 0
        return ResolvedDate(pub - timedelta(days=back), day_precision,
                            text[m.start() : m.end()])
    if pub is not None:
        return ResolvedDate(pub, TimePrecision.PUBLISHED)
    return ResolvedDate(None, TimePrecision.UNKNOWN)


def find_dates(text: str, published: date | None) -> list[tuple[int, int, ResolvedDate]]:
    """Every date expression of ``text`` with its offsets, resolved (no published fallback)."""
    out: list[tuple[int, int, ResolvedDate]] = []
    taken: list[tuple[int, int]] = []
    digits = _DIGIT.search(text) is not None
    low = text.lower()
    days = any(c in low for c in _RELATIVE_CUES)  # "day" is one: weekdays need it too
    patterns: tuple[re.Pattern[str] | Caseless, ...] = (
        *((_ISO, _DAY_MONTH, _MONTH_DAY) if digits else ()),
        *((_WEEKDAY, _RELATIVE) if days else ()),
        *((_WEEKEND,) if "weekend" in low else ()))
    for pattern in patterns:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            found = resolve_date(text[m.start() : m.end()], published)
            if found.precision in {TimePrecision.DAY, TimePrecision.HOUR, TimePrecision.WEEK}:
                taken.append((m.start(), m.end()))
                out.append((m.start(), m.end(), found))
    for m in _MONTH_ALONE.finditer(text):
        # "In April" in an article of June: April of that year (of the year before, in an
        # article of February), to the month; a capital as written tells the month from
        # "in may"
        if any(m.start() < e and s < m.end() for s, e in taken) \
                or not text[m.start(1)].isupper():
            continue
        month = MONTHS[m.group(1).lower().rstrip(".")[:3]]
        year = int(m.group(2)) if m.group(2) else None
        if year is None and published is not None:
            year = published.year - (1 if month > published.month else 0)
        if year is not None:
            taken.append((m.start(), m.end()))
            out.append((m.start(), m.end(), ResolvedDate(date(year, month, 1),
                                                         TimePrecision.MONTH,
                                                         text[m.start() : m.end()])))
    for m in _AGO.finditer(text) if "ago" in low else ():
        if published is not None and not any(m.start() < e and s < m.end() for s, e in taken):
            found = _ago(m, published)
            taken.append((m.start(), m.end()))
            out.append((m.start(), m.end(), found))
    for m in _PERIOD.finditer(text) if "last" in low or "this" in low else ():
        if _SPAN_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue
        if published is not None and not any(m.start() < e and s < m.end() for s, e in taken):
            found = _period(m, published)
            taken.append((m.start(), m.end()))
            out.append((m.start(), m.end(), found))
    for m in _YEAR.finditer(text) if digits else ():
        # "since it first sent troops into Syria in 2016": a past year, not the article's day.
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        if published is None or int(m.group(1)) < published.year:
            out.append((m.start(), m.end(), ResolvedDate(date(int(m.group(1)), 1, 1),
                                                         TimePrecision.YEAR, m.group())))
    return sorted(out, key=lambda t: t[0])


def _ago(m: re.Match[str], published: date) -> ResolvedDate:
    """The day of "N days (weeks, months, years) ago", to that unit."""
    count = _NUMBER_WORDS.get(m.group(1).lower()) or int(m.group(1))
    unit = m.group(2).lower()
    if unit == "day":
        return ResolvedDate(published - timedelta(days=count), TimePrecision.DAY, m.group())
    if unit == "week":
        return ResolvedDate(published - timedelta(weeks=count), TimePrecision.WEEK, m.group())
    if unit == "month":
        months = published.year * 12 + published.month - 1 - count
        return ResolvedDate(date(months // 12, months % 12 + 1, 1), TimePrecision.MONTH,
                            m.group())
    return ResolvedDate(date(published.year - count, 1, 1), TimePrecision.YEAR, m.group())


def _period(m: re.Match[str], published: date) -> ResolvedDate:
    """The start of "last week (month, year)" or "earlier this week (month, year)", to that
    unit: weeks start on Monday."""
    last = m.group(1) is not None
    unit = (m.group(1) or m.group(2)).lower()
    if unit == "week":
        monday = published - timedelta(days=published.weekday())
        return ResolvedDate(monday - timedelta(weeks=1) if last else monday, TimePrecision.WEEK,
                            m.group())
    if unit == "month":
        months = published.year * 12 + published.month - 1 - (1 if last else 0)
        return ResolvedDate(date(months // 12, months % 12 + 1, 1), TimePrecision.MONTH,
                            m.group())
    return ResolvedDate(date(published.year - (1 if last else 0), 1, 1), TimePrecision.YEAR,
                        m.group())


def has_clock_time(text: str) -> bool:
    """Whether ``text`` gives a clock time ("at 1:09 p.m.", "05:30 GMT")."""
    # every clock time holds a digit: most sentences need no search
    return _DIGIT.search(text) is not None and _CLOCK.search(text) is not None
