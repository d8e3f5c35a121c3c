"""Days at the edges of the records: month names, and ``YYYY-MM-DD`` text to and from dates.

Records hold :class:`datetime.date`; text is parsed once where it comes in (readers, the
command line, the app) and written as ``YYYY-MM-DD`` where it goes out (JSON, tables, maps).
Both the readers (:mod:`geo.io`) and the event stage (:mod:`geo.events`) use this module.
"""

from __future__ import annotations

from datetime import date

__all__ = ["MONTHS", "format_day", "parse_day"]

#: Month names and abbreviations, lower case -> month number.
MONTHS: dict[str, int] = {
    m: k for k, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    ) for m in names
}


def parse_day(value: str | None) -> date | None:
    """``YYYY-MM-DD`` (or longer ISO text) as a date; ``None`` when absent or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def format_day(day: date | None) -> str | None:
    """``day`` as ``YYYY-MM-DD``, ``None`` when there is none."""
    return day.isoformat() if day is not None else None
