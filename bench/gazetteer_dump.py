"""Gazetteer build from a full-size GeoNames dump: time, peak memory, file size, index open.

Usage::

    python bench/gazetteer_dump.py [--rows N] [--dump FILE] [--keep]

A synthetic dump in ``allCountries.txt`` format (19 tab-separated columns) is written to a
temporary folder: by default as many rows as the real file (about 12 million, 1.5 GB), seeded,
with names of realistic lengths (some with diacritics), 0-30 alternate names (some in other
scripts), feature classes and codes in GeoNames' proportions, coordinates, and populations
mostly 0. ``--dump`` reuses a dump (a generated one, or the real ``allCountries.txt``).

The build runs in a fresh process (``conflictmap``'s ``build_gazetteer`` with
``geonames_file``, into the temporary folder); its seconds and peak resident memory
(``ru_maxrss`` of the child) are printed, then the file's size, and the time and memory of
opening the gazetteer and loading its name index in another fresh process.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from bisect import bisect
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Rows of the real ``allCountries.txt`` (2024).
FULL_ROWS = 12_400_000
SEED = 17
#: Rows written at a time.
WRITE_BATCH = 50_000
#: (feature class, feature code, share in GeoNames' ``allCountries.txt``, in thousandths).
FEATURE_SHARES: tuple[tuple[str, str, int], ...] = (
    ("P", "PPL", 330), ("P", "PPLX", 18), ("P", "PPLA3", 8), ("P", "PPLA2", 4),
    ("P", "PPLA", 1), ("P", "PPLL", 9), ("P", "PPLQ", 4), ("P", "PPLH", 1),
    ("S", "HTL", 50), ("S", "SCH", 30), ("S", "CH", 25), ("S", "FRM", 20), ("S", "BLDG", 15),
    ("S", "MSQE", 8), ("S", "AIRP", 4), ("S", "RSTN", 6), ("S", "HSP", 6), ("S", "MILB", 1),
    ("S", "CMTY", 35), ("S", "RHSE", 10),
    ("H", "STM", 70), ("H", "LK", 25), ("H", "RSV", 12), ("H", "SPNG", 10), ("H", "WLL", 12),
    ("H", "STMI", 10), ("H", "BAY", 3), ("H", "PND", 15), ("H", "CNL", 2), ("H", "SEA", 1),
    ("H", "STRT", 1), ("H", "GULF", 1), ("H", "RSVT", 5), ("H", "MRSH", 6), ("H", "GLCR", 3),
    ("T", "MT", 40), ("T", "HLL", 45), ("T", "PK", 10), ("T", "ISL", 10), ("T", "ISLS", 1),
    ("T", "VAL", 12), ("T", "PASS", 3), ("T", "CAPE", 3), ("T", "MTS", 5), ("T", "RDGE", 6),
    ("A", "ADM4", 18), ("A", "ADM3", 14), ("A", "ADM2", 4), ("A", "ADM1", 1), ("A", "PCLI", 1),
    ("A", "ADMD", 2),
    ("L", "AREA", 10), ("L", "LCTY", 18), ("L", "PRK", 12), ("L", "RGN", 2), ("L", "PRT", 1),
    ("L", "CST", 1), ("V", "FRST", 5), ("R", "RD", 4), ("R", "TNL", 1), ("U", "SMU", 1),
)
_CODES = [(cls, code) for cls, code, _ in FEATURE_SHARES]
_CUM = list(accumulate(share for *_, share in FEATURE_SHARES))
SYLLABLES = (
    "ka ra ma na la ta sa ba da ga ha ya za ko ro mo no lo to so bo do go ki ri mi ni li ti si "
    "bi di gi ku ru mu nu lu tu su bu du gu kel mar tan bur dor san vil berg ton ham stad hof "
    "abad pur shah kan dar qal zar al el ash wadi"
).split()
DIACRITIC = str.maketrans("aeiouc", "āéīöüç")
OTHER_SCRIPT = "Моск Бахр مدين 北京 Αθή"
WORD_SYLLABLES = (1, 2, 2, 3, 3, 3, 4)
COUNTRIES = (
    "US CN IN RU BR ID MX IR TR PK NG DE FR GB IT ES UA PL SY IQ AF YE SA EG ET CD TZ KE ZA "
    "CA AU JP PH VN TH MM KR AR CO PE VE CL DZ MA SD LY ML NE TD SO"
).split()
TIMEZONES = ("Europe/Berlin", "Asia/Kolkata", "America/New_York", "Africa/Lagos",
             "Asia/Damascus", "America/Sao_Paulo", "Asia/Jakarta", "Europe/Moscow")
#: Share of rows with alternate names, of populated places with a population.
ALT_SHARE, POPULATED_SHARE, DIACRITIC_SHARE, OTHER_SCRIPT_SHARE = 0.22, 0.12, 0.1, 0.3
MAX_ALTERNATES = 30


def _word(rng: random.Random) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice(WORD_SYLLABLES)))
    return word.capitalize()


def _name(rng: random.Random) -> str:
    words = rng.choices((1, 2, 3), (70, 24, 6))[0]
    name = " ".join(_word(rng) for _ in range(words))
    return name.translate(DIACRITIC) if rng.random() < DIACRITIC_SHARE else name


def _alternates(rng: random.Random) -> str:
    if rng.random() >= ALT_SHARE:
        return ""
    count = min(MAX_ALTERNATES, int(rng.expovariate(1 / 5)) + 1)
    return ",".join(
        rng.choice(OTHER_SCRIPT.split()) + _word(rng).lower()
        if rng.random() < OTHER_SCRIPT_SHARE else _name(rng)
        for _ in range(count)
    )


def _population(rng: random.Random, fclass: str) -> int:
    if fclass != "P" or rng.random() >= POPULATED_SHARE:
        return 0
    return int(rng.lognormvariate(7, 2))


def dump_line(rng: random.Random, geonameid: int) -> str:
    """One synthetic line of ``allCountries.txt`` (19 tab-separated columns)."""
    fclass, fcode = _CODES[bisect(_CUM, rng.random() * _CUM[-1])]
    name = _name(rng)
    lat, lon = rng.uniform(-60, 75), rng.uniform(-180, 180)
    admin2 = str(rng.randrange(1, 400)) if rng.random() < 0.5 else ""
    cols = (
        str(geonameid), name, name, _alternates(rng), f"{lat:.5f}", f"{lon:.5f}", fclass,
        fcode, rng.choice(COUNTRIES), "", f"{rng.randrange(1, 40):02d}", admin2, "", "",
        str(_population(rng, fclass)), "", str(rng.randrange(0, 3000)),
        rng.choice(TIMEZONES), f"20{rng.randrange(10, 25)}-0{rng.randrange(1, 10)}-1{rng.randrange(10)}",
    )
    return "\t".join(cols) + "\n"


def write_dump(path: Path, rows: int, seed: int = SEED) -> None:
    """Write a synthetic dump of ``rows`` lines to ``path``."""
    rng = random.Random(seed)
    geonameid = 1_000_000
    with path.open("w", encoding="utf-8") as out:
        for start in range(0, rows, WRITE_BATCH):
            lines = []
            for _ in range(min(WRITE_BATCH, rows - start)):
                geonameid += rng.randrange(1, 3)
                lines.append(dump_line(rng, geonameid))
            out.write("".join(lines))


BUILD_CHILD = """
import sys, time
from pathlib import Path
from gazetteer.build import build_gazetteer
started = time.perf_counter()
def progress(stage, count):
    if stage.startswith("reading") and count % 1_000_000 and count % 100_000 == 0:
        return
    print(f"  {time.perf_counter() - started:7.1f} s  {stage} {count:,}", file=sys.stderr,
          flush=True)
build_gazetteer(geonames_file=Path(sys.argv[1]), output=Path(sys.argv[2]), progress=progress)
print(time.perf_counter() - started)
"""
OPEN_CHILD = """
import resource, sys, time
started = time.perf_counter()
from pathlib import Path
from gazetteer import Gazetteer
g = Gazetteer(Path(sys.argv[1]))
g.load_name_index()
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run_child(code: str, *args: str) -> tuple[str, float]:
    """Run ``code`` in a fresh Python; its output and the peak resident MB of the children."""
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, check=True,
                          stdout=subprocess.PIPE, text=True)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return done.stdout.strip(), peak_kib / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=FULL_ROWS, help="rows of the dump")
    parser.add_argument("--dump", type=Path, help="use this dump instead of generating one")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gazetteer-dump-"))
    try:
        dump = args.dump or folder / "allCountries.txt"
        if args.dump is None:
            started = time.perf_counter()
            write_dump(dump, args.rows)
            print(f"dump: {args.rows:,} rows, {dump.stat().st_size / 1e9:.2f} GB, "
                  f"generated in {time.perf_counter() - started:.0f} s", flush=True)
        output = folder / "gazetteer.sqlite"
        seconds, peak_mb = run_child(BUILD_CHILD, str(dump), str(output))
        print(f"build: {float(seconds):.0f} s, peak resident {peak_mb:,.0f} MB")
        print(f"file size: {output.stat().st_size / 1e6:,.0f} MB")
        opened, open_kib = run_child(OPEN_CHILD, str(output))[0].split()
        print(f"open + load name index (fresh process, imports included): {float(opened):.2f} s, "
              f"resident {int(open_kib) / 1024:,.0f} MB")
    finally:
        if args.keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
