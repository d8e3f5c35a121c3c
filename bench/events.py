"""Speed of the event stage on news-length documents, beside the geoparser's in the same run.

Usage::

    python bench/events.py [--data ../shared/eval/event_location_dev.jsonl]
                           [--sentences-per-doc 20] [--docs N] [--repeat 3]

The annotated news sentences are joined, in file order, into documents of
``--sentences-per-doc`` sentences (20 sentences is about 3,000 characters: a news article).
For each turn it times, on one core: the geoparser alone (``Geoparser.resolve_all``), the
event stage alone on those mentions (``extract_events``), and both together as
``conflictmap events`` runs them (``Pipeline.process_document``); the medians of the turns are
printed in documents per second. Target: events at 200 documents per second per core or
better.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.events import extract_events  # noqa: E402
from geo.model import Document  # noqa: E402
from geo.pipeline import Pipeline  # noqa: E402

DATA = ROOT.parent / "shared" / "eval" / "event_location_dev.jsonl"
#: Documents per second the event stage should reach on one core.
TARGET = 200.0


def documents(path: Path, per_doc: int, limit: int | None) -> list[Document]:
    """News-length documents made of ``per_doc`` consecutive sentences of ``path``."""
    texts = [json.loads(line)["text"].strip() for line in path.open(encoding="utf-8")
             if line.strip()]
    docs = [Document(f"d{k}", " ".join(texts[i : i + per_doc]), published=date(2020, 1, 15))
            for k, i in enumerate(range(0, len(texts), per_doc))]
    return docs[:limit] if limit else docs


def rate(n: int, seconds: float) -> float:
    """Documents per second."""
    return n / seconds if seconds > 0 else float("inf")


def main() -> int:
    """Time the geoparser, the event stage and both, and print documents per second."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sentences-per-doc", type=int, default=20)
    parser.add_argument("--docs", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    docs = documents(args.data, args.sentences_per_doc, args.docs)
    chars = sum(len(d.text) for d in docs) / max(len(docs), 1)
    pipeline = Pipeline()
    pipeline.process_document(docs[0])  # warm-up: gazetteer, models, word frequencies
    turns: dict[str, list[float]] = {"geoparser": [], "events stage": [], "events (total)": []}
    found = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        resolved = [pipeline.geoparser.resolve_all(d.text) for d in docs]
        t1 = time.perf_counter()
        found = sum(len(extract_events(d, r, pipeline.actors, pipeline.gazetteer))
                    for d, r in zip(docs, resolved, strict=True))
        t2 = time.perf_counter()
        for d in docs:
            pipeline.process_document(d, keep_mentions=False)
        t3 = time.perf_counter()
        turns["geoparser"].append(rate(len(docs), t1 - t0))
        turns["events stage"].append(rate(len(docs), t2 - t1))
        turns["events (total)"].append(rate(len(docs), t3 - t2))
    print(f"{len(docs)} documents of {args.sentences_per_doc} sentences "
          f"(mean {chars:,.0f} characters), {found} events, median of {args.repeat} turns")
    for name, values in turns.items():
        print(f"{name:>15}: {statistics.median(values):8.1f} docs/s")
    total = statistics.median(turns["events (total)"])
    print(f"target {TARGET:.0f} docs/s for events: {'met' if total >= TARGET else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
