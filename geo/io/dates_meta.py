"""Per-document dates: HTML metadata, datelines, and the bulk of a batch's event dates.

* :func:`html_published` reads a page's own publication date (``article:published_time``,
  ``date``/``pubdate``/``publish-date``/``dc.date`` meta tags, JSON-LD ``datePublished``,
  a ``<time datetime>`` in the text), so it comes before any batch default.
* :func:`find_dateline` reads a wire dateline ("TRIPOLI, May 18 (Reuters) -"): a capitalised
  place, a month and a day at the start of the text. It gives a month and a day only;
  :func:`dateline_date` adds a year when one is known (the batch's published date, or the
  file's other dates) and otherwise says the dateline stays unresolved, never "today".
* :func:`bulk_range` finds the days most events fall in (the 5th to the 95th percentile,
  widened by its own length and at least :data:`BULK_MIN_MARGIN_DAYS` each side), so one event
  dated years away does not stretch the date filter and the timeline; the events outside are
  listed as outliers.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser

from geo.dates import MONTHS
from geo.settings import (
    BULK_HIGH_PERCENTILE,
    BULK_LOW_PERCENTILE,
    BULK_MIN_MARGIN_DAYS,
    DATELINE_WINDOW,
)

__all__ = [
    "BulkRange",
    "Dateline",
    "DatelineDate",
    "bulk_range",
    "dateline_date",
    "dateline_year",
    "find_dateline",
    "html_published",
    "year_near",
    "year_of_dates",
]

#: ``<meta>`` names and properties that carry a page's publication date, most trusted first.
META_DATE_KEYS: tuple[str, ...] = (
    "article:published_time", "datepublished", "date", "pubdate", "publish-date",
    "publish_date", "dc.date", "dc.date.issued", "dcterms.date", "og:published_time",
)

_ISO_START = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
_MONTH_WORD = (r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
               r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
#: "TRIPOLI, May 18 (Reuters) -", "ANKARA, Feb 27 —", "Beirut, 3 March:" at a text's start.
_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Za-z'’.\-]*(?:[ /][A-Z][A-Za-z'’.\-]*){0,3})"
    r"(?:,\s*[A-Z][A-Za-z.]+)?"  # a region or country: "GAZIANTEP, Turkey, May 2"
    r"\s*[,(]\s*"
    r"(?:(?P<month>" + _MONTH_WORD + r")\s+(?P<day>\d{1,2})"
    r"|(?P<day2>\d{1,2})\s+(?P<month2>" + _MONTH_WORD + r"))"
    r"(?:st|nd|rd|th)?\b"
    r"(?:\s*\((?P<agency>[^)]{1,40})\))?\)?"
    r"\s*(?:[-–—:]|\(|$)",
)
#: A full date with a year in a text, for :func:`year_of_dates`.
_YEARED = re.compile(
    r"\b(?:(?:19|20)\d\d-\d\d-\d\d|" + _MONTH_WORD + r"\s+\d{1,2},?\s+(?:19|20)\d\d"
    r"|\d{1,2}\s+" + _MONTH_WORD + r",?\s+(?:19|20)\d\d)\b",
    re.I,
)
_YEAR = re.compile(r"(?:19|20)\d\d")


# ------------------------------------------------------------------------ HTML metadata
def iso_day(value: str | None) -> date | None:
    """The ``YYYY-MM-DD`` day a metadata value starts with (``2020-02-28T10:00Z``), or None."""
    if not value:
        return None
    m = _ISO_START.match(value)
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


class _DateFinder(HTMLParser):
    """Collects the date-bearing tags of a page (meta, time, JSON-LD scripts)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.times: list[str] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (found.get("property") or found.get("name") or found.get("itemprop")
                   or "").strip().lower()
            if key and found.get("content"):
                self.meta.setdefault(key, found["content"])
        elif tag == "time" and found.get("datetime"):
            self.times.append(found["datetime"])
        elif tag == "script" and found.get("type", "").lower() == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld[-1] += data


def _json_ld_published(blocks: Iterable[str]) -> date | None:
    """``datePublished`` of the first JSON-LD object (or list or ``@graph``) that has one."""
    for block in blocks:
        try:
            payload = json.loads(block)
        except ValueError:
            continue
        stack = [payload]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                day = iso_day(str(item.get("datePublished") or ""))
                if day:
                    return day
                stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return None


def html_published(markup: str) -> date | None:
    """The publication day a page states about itself, or ``None``.

    Parameters
    ----------
    markup
        The page's HTML.

    Returns
    -------
    datetime.date or None
        The day from, in this order: the meta tags of :data:`META_DATE_KEYS`, JSON-LD
        ``datePublished``, the first ``<time datetime>``.
    """
    finder = _DateFinder()
    finder.feed(markup)
    finder.close()
    for key in META_DATE_KEYS:
        day = iso_day(finder.meta.get(key))
        if day:
            return day
    day = _json_ld_published(finder.json_ld)
    if day:
        return day
    return next((d for d in map(iso_day, finder.times) if d), None)


# --------------------------------------------------------------------------- datelines
@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline at a text's start.

    Parameters
    ----------
    place
        The place as written ("TRIPOLI").
    month, day
        Month and day of the dateline.
    text
        The dateline as written.
    """

    place: str
    month: int
    day: int
    text: str


@dataclass(frozen=True, slots=True)
class DatelineDate:
    """What a dateline gives a document.

    Parameters
    ----------
    day
        The day, or ``None`` when the year is unknown (or the day impossible).
    dateline
        The dateline found.
    note
        Why ``day`` is ``None``, for the analyst; empty when resolved.
    """

    day: date | None
    dateline: Dateline
    note: str = ""


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text`` ("ANKARA, Feb 27 —"), or ``None``."""
    m = _DATELINE.match(text[:DATELINE_WINDOW])
    if m is None:
        return None
    month_word = (m["month"] or m["month2"]).rstrip(".").lower()
    month = MONTHS.get(month_word) or MONTHS.get(month_word[:3])
    day = int(m["day"] or m["day2"])
    if month is None or not 1 <= day <= 31:
        return None
    return Dateline(m["place"].strip(), month, day, m.group().strip(" -–—:("))


def year_of_dates(days: Iterable[date | None]) -> int | None:
    """The most common year of some days (the file's other dates), or None."""
    years = Counter(d.year for d in days if d is not None)
    return years.most_common(1)[0][0] if years else None


def year_in_text(text: str) -> int | None:
    """The year of the first full date with a year in ``text`` ("Feb. 28, 2020"), or None."""
    m = _YEARED.search(text)
    if m is None:
        return None
    y = _YEAR.search(m.group())
    return int(y.group()) if y else None


def dateline_date(text: str, year: int | None) -> DatelineDate | None:
    """The day a dateline of ``text`` gives, in ``year``; ``None`` without a dateline.

    Parameters
    ----------
    text
        A document's text.
    year
        The year to read the dateline in (from the batch's published date, or the file's other
        dates); ``None`` leaves the dateline unresolved, with a note saying so.
    """
    found = find_dateline(text)
    if found is None:
        return None
    if year is None:
        return DatelineDate(None, found, (
            f"dateline {found.text!r} gives a month and a day but no year: the article stays "
            "undated (set 'Published on' to give it one)"))
    try:
        return DatelineDate(date(year, found.month, found.day), found)
    except ValueError:
        return DatelineDate(None, found, f"dateline {found.text!r} is not a day of {year}")


def year_near(month: int, day: int, reference: date) -> int:
    """The year that puts ``month``/``day`` nearest the day ``reference`` ("Dec 30" in a batch
    dated 2 January is the year before)."""
    ref = reference

    def distance(year: int) -> int:
        try:
            return abs((date(year, month, day) - ref).days)
        except ValueError:  # 29 February in a common year
            return 10**6

    return min((ref.year - 1, ref.year, ref.year + 1), key=distance)


def dateline_year(
    dateline: Dateline, text: str, batch_published: date | None, file_days: Iterable[date | None]
) -> int | None:
    """The year to read ``dateline`` in: from the batch's published date, else the file's
    other documents' dates, else a full date in the text itself; ``None`` when none is known."""
    if batch_published is not None:
        return year_near(dateline.month, dateline.day, batch_published)
    return year_of_dates(file_days) or year_in_text(text)


# -------------------------------------------------------------------------- bulk range
@dataclass(frozen=True, slots=True)
class BulkRange:
    """The days most events fall in, and the events outside them.

    Parameters
    ----------
    start, end
        First and last day of the bulk.
    outliers
        Indices (into the days given) of the dates outside ``start``–``end``.
    """

    start: date
    end: date
    outliers: tuple[int, ...]


def _percentile(ordered: Sequence[date], q: float) -> date:
    """The ``q``-th percentile of sorted days (nearest rank)."""
    rank = round(q / 100 * (len(ordered) - 1))
    return ordered[max(0, min(len(ordered) - 1, rank))]


def bulk_range(
    days: Sequence[date | None],
    low: float = BULK_LOW_PERCENTILE,
    high: float = BULK_HIGH_PERCENTILE,
) -> BulkRange | None:
    """Where the bulk of ``days`` lies; ``None`` when none is dated.

    Parameters
    ----------
    days
        One day (or ``None``) per event.
    low, high
        Percentiles that bound the core of the bulk.

    Returns
    -------
    BulkRange or None
        The first and last dated day within the core widened by its own length (and at least
        :data:`BULK_MIN_MARGIN_DAYS`) on each side, and the indices of the days outside.
    """
    dated = sorted(d for d in days if d is not None)
    if not dated:
        return None
    core_start, core_end = _percentile(dated, low), _percentile(dated, high)
    margin = timedelta(days=max(BULK_MIN_MARGIN_DAYS, (core_end - core_start).days))
    inside = [d for d in dated if core_start - margin <= d <= core_end + margin]
    start, end = inside[0], inside[-1]
    outside = tuple(k for k, d in enumerate(days) if d is not None and not start <= d <= end)
    return BulkRange(start, end, outside)
