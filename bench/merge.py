"""Merge figures: rows per second of :func:`geo.events.merge.merge_events` on synthetic ACLED
tables.

Usage::

    python bench/merge.py [--sizes 5000 10000 20000] [--repeat 3] [--days N]

Each table holds distinct ACLED-like rows on a 120 km square of north-west Syria (many share
the day, the site, the actors or the fatality count) plus a tenth of them again (the same rows
imported twice) and one extracted report per hundred rows at a row's site and day, so the
row–row and row–text rules all run. The rows span one day per :data:`ROWS_PER_DAY` rows (as
busy as Syria in ACLED), or ``--days`` days: with a fixed span, more rows make each day denser,
so each row has more reports within ``JOIN_KM`` and ``JOIN_DAYS`` to check and the time grows
faster than the rows. The best of ``--repeat`` runs is printed, and ``rows/s`` counts every
event merged (rows, copies and reports); no gazetteer is needed.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.events.merge import merge_events_report  # noqa: E402
from geo.model import Event  # noqa: E402
from tests.geo.factories import acled_like_rows  # noqa: E402

SIZES = (5000, 10000, 20000)
#: One row in this many is imported twice; one in this many has a text report too.
DUPLICATE_EVERY = 10
TEXT_EVERY = 100
#: Rows a day when ``--days`` is not given.
ROWS_PER_DAY = 100


def table(size: int, days: int) -> list[Event]:
    """``size`` distinct rows over ``days`` days, the duplicates and the extracted reports."""
    rows = acled_like_rows(size, days=days)
    duplicates = rows[::DUPLICATE_EVERY]
    texts = [replace(r, event_id=f"text-{r.event_id}", kind="strike", doc_id=f"doc-{k}",
                     time_precision="published", evidence=f"Report {k}.", source="Wire",
                     confidence=0.7)
             for k, r in enumerate(rows[::TEXT_EVERY])]
    return [*texts, *rows, *duplicates]


def best_seconds(events: list[Event], repeat: int) -> tuple[float, int, int]:
    """Fastest time of ``repeat`` merges, the events kept and the reports folded in."""
    best = float("inf")
    kept = folded = 0
    for _ in range(repeat):
        start = time.perf_counter()
        merged, folded = merge_events_report(events)
        best = min(best, time.perf_counter() - start)
        kept = len(merged)
    return best, kept, folded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--days", type=int, help="days the rows span (default: rows / 100)")
    args = parser.parse_args()
    print(f"{'rows':>7} {'days':>5} {'events in':>9} {'kept':>7} {'folded':>7} {'seconds':>8} "
          f"{'rows/s':>9}")
    for size in args.sizes:
        days = args.days or max(1, size // ROWS_PER_DAY)
        events = table(size, days)
        seconds, kept, folded = best_seconds(events, args.repeat)
        print(f"{size:>7} {days:>5} {len(events):>9} {kept:>7} {folded:>7} {seconds:>8.3f} "
              f"{len(events) / seconds:>9,.0f}")


if __name__ == "__main__":
    main()
