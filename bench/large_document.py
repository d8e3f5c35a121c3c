"""Benchmark of one very large article: time and peak memory, in windows and in one piece.

Builds one article of ``--mb`` megabytes from the bundled sample dispatches (written for this
project), repeated, and runs ``conflictmap events`` on it in a fresh process twice: as shipped
(the text processed window by window, :mod:`geo.parse.windows`) and with the window as large as the
text (one pass, as before windows existed: the peer). Prints seconds, MB/s, the peak resident
memory of each process, and the events found.

Run: ``.venv/bin/python bench/large_document.py [--mb 50]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.pipeline import load_sample_corpus  # noqa: E402

RUN = r"""
import json, resource, sys, time
from pathlib import Path
from geo.pipeline import Pipeline
from geo.io.ingest import read_documents

window = int(sys.argv[2])
(doc,) = list(read_documents([Path(sys.argv[1])], published=date(2020, 3, 1)))
started = time.perf_counter()
result = Pipeline(window_chars=window).process_document(doc, keep_mentions=False)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "events": len(result.events)}))
"""


def article(megabytes: float) -> str:
    """One long article: the sample dispatches, repeated to the size asked."""
    dispatches = "\n\n".join(d.text for d in load_sample_corpus())
    copies = max(1, int(megabytes * 1_000_000 / len(dispatches.encode("utf-8"))))
    return "\n\n".join([dispatches] * copies)


def measure(path: Path, window: int) -> dict[str, float]:
    """Time, peak memory and events of one run in a fresh process."""
    out = subprocess.run([sys.executable, "-c", RUN, str(path), str(window)], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50.0, help="article size in MB")
    args = parser.parse_args()
    text = article(args.mb)
    with tempfile.TemporaryDirectory(prefix="conflictmap-bench-") as folder:
        path = Path(folder) / "long-article.txt"
        path.write_text(text, encoding="utf-8")
        size_mb = path.stat().st_size / 1e6
        print(f"article: {size_mb:.1f} MB, {len(text):,} characters")
        from geo.settings import WINDOW_CHARS

        for label, window in (("windows (shipped)", WINDOW_CHARS),
                              ("one pass (peer)", len(text) + 1)):
            started = time.perf_counter()
            r = measure(path, window)
            wall = time.perf_counter() - started
            print(f"{label:<18} {r['seconds']:7.1f} s processing ({wall:.1f} s with start-up), "
                  f"{size_mb / r['seconds']:.2f} MB/s, peak {r['peak_mb']:,.0f} MB, "
                  f"{r['events']:,} events")


if __name__ == "__main__":
    main()
