"""Gazetteer figures: build time, file size, cold open time, lookups per second.

Usage::

    python bench/gazetteer.py [--skip-build] [--dump [--rows N] [--keep]]

The build goes to a temporary file (the installed gazetteer is not touched). Cold open is
measured in a fresh Python process (imports included) and again with the module already
imported; lookups per second are measured over distinct names (no cache hits) and over a
realistic repeated mix (with the lookup cache), from the tables and again with the in-memory
name index loaded (as the geoparser has it).

``--dump`` then builds from a synthetic GeoNames dump of the real ``allCountries.txt``'s size
(about 12 million rows, 1.5 GB; ``--rows N`` for a smaller one) in a fresh process and prints
its seconds, peak resident memory, file size and name index load time (``bench/gazetteer_dump.py``).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gazetteer import Gazetteer, open_gazetteer  # noqa: E402
from gazetteer.build import build_gazetteer  # noqa: E402
from gazetteer.settings import load_settings  # noqa: E402

COLD_OPEN = (
    "import time; t=time.perf_counter(); from pathlib import Path; "
    "from gazetteer import Gazetteer; g=Gazetteer(Path({path!r})); "
    "g.candidates('Idlib'); print(time.perf_counter()-t)"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="measure the installed file")
    parser.add_argument("--dump", action="store_true",
                        help="also build from a synthetic full-size GeoNames dump")
    parser.add_argument("--rows", type=int, help="rows of the synthetic dump (default: full size)")
    parser.add_argument("--keep", action="store_true", help="keep the dump and its gazetteer")
    args = parser.parse_args()
    measure_packaged(args.skip_build)
    if args.dump:
        rows = [] if args.rows is None else ["--rows", str(args.rows)]
        rows += ["--keep"] if args.keep else []
        print("GeoNames dump build (bench/gazetteer_dump.py):", flush=True)
        subprocess.run([sys.executable, str(ROOT / "bench" / "gazetteer_dump.py"), *rows],
                       check=True)


def measure_packaged(skip_build: bool) -> None:
    """Build the packaged gazetteer (or take the installed one) and time its lookups."""
    settings = load_settings()
    if skip_build:
        path = open_gazetteer().path
    else:
        path = Path(tempfile.mkdtemp()) / "gazetteer.sqlite"
        started = time.perf_counter()
        build_gazetteer(settings, output=path)
        print(f"build: {time.perf_counter() - started:.1f} s")
    print(f"file size: {path.stat().st_size / 1e6:.1f} MB")
    cold = float(subprocess.check_output(
        [sys.executable, "-c", COLD_OPEN.format(path=str(path))], cwd=ROOT, text=True))
    print(f"cold open + first lookup (fresh process, imports included): {cold:.3f} s")
    started = time.perf_counter()
    gaz = Gazetteer(path)
    gaz.candidates("Idlib")
    print(f"open + first lookup (module loaded): {time.perf_counter() - started:.3f} s")
    names = [row[0] for row in gaz._con().execute(
        "SELECT name FROM places ORDER BY row LIMIT 200000")]
    random.Random(0).shuffle(names)
    distinct = names[:20_000]
    started = time.perf_counter()
    for name in distinct:
        gaz.candidates(name)
    rate = len(distinct) / (time.perf_counter() - started)
    print(f"lookups/s, distinct names (uncached): {rate:,.0f}")
    news = ["Moscow", "Brussels", "Idlib", "Ankara", "Syria", "Turkey", "the Bosphorus",
            "Mediterranean Sea", "Istanbul", "Europe", "Washington", "Paris"]
    mix = [random.Random(k).choice(news + distinct[:500]) for k in range(200_000)]
    started = time.perf_counter()
    for name in mix:
        gaz.candidates(name)
    rate = len(mix) / (time.perf_counter() - started)
    print(f"lookups/s, news mix (cached): {rate:,.0f}")
    indexed = Gazetteer(path)
    started = time.perf_counter()
    indexed.load_name_index()
    print(f"name index for text matching (loaded by the geoparser): "
          f"{time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    for name in distinct:
        indexed.candidates(name)
    rate = len(distinct) / (time.perf_counter() - started)
    print(f"lookups/s, distinct names (uncached), name index loaded: {rate:,.0f}")
    print(json.dumps(gaz.stats()))


if __name__ == "__main__":
    main()
