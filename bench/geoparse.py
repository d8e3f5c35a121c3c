"""Geoparsing quality and speed on the development gold corpora, beside the peer flashgeotext.

Usage::

    python bench/geoparse.py [--corpus ../shared/eval/lgl.jsonl ...] [--no-peer] [--repeat N]
                             [--out DIR]

For each corpus it writes predictions (JSONL, the ``conflictmap geoparse`` format) for this
project and for flashgeotext (names placed on their most populous GeoNames match), scores
both with ``../shared/eval/score.py`` and prints F1, A@161 and documents per second.

Speed is measured in one fresh process per system and turn (``--repeat`` turns, the systems
alternating, medians printed): ``load s`` is building the system and its warm-up on one
document, ``docs/s`` the first pass over the corpus (every name new to the caches: what a fresh
batch costs), ``warm`` a second pass (both by the clock); the last lines give conflictmap's
rate over flashgeotext's in each turn, by the clock and by the process's CPU time (steadier on
a machine shared with other work), and conflictmap's warm rate over flashgeotext's first pass:
the most that a first pass as cheap as a warm one would reach. Both systems are plain Python (the peer's place lookups use this
project's gazetteer, from its tables).
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from gazetteer import Gazetteer, open_gazetteer  # noqa: E402
from geo.events.actors import actor_names  # noqa: E402
from geo.parse.geoparse import Geoparser  # noqa: E402

Predictor = Callable[[str], list[dict[str, object]]]


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ours(gaz: Gazetteer) -> Predictor:
    parser = Geoparser(gaz, not_places=actor_names())  # as the pipeline builds it

    def predict(text: str) -> list[dict[str, object]]:
        return [t.as_dict() for t in parser.geoparse(text)]

    return predict


def flashgeotext_peer(gaz: Gazetteer) -> Predictor:
    from flashgeotext.geotext import GeoText

    geotext = GeoText()

    def place(name: str) -> dict[str, object] | None:
        cands = [c for c in gaz.candidates(name, limit=50) if c.place.feature in {"city", "country"}]
        if not cands:
            return None
        best = max(cands, key=lambda c: (c.place.feature == "country", c.place.population))
        return {"lat": best.place.lat, "lon": best.place.lon, "place_id": best.place.place_id}

    def predict(text: str) -> list[dict[str, object]]:
        found = geotext.extract(input_text=text, span_info=True)
        out: list[dict[str, object]] = []
        for group in ("cities", "countries"):
            for name, info in found.get(group, {}).items():
                where = place(name)
                for start, end in info.get("span_info", []):
                    out.append({"start": start, "end": end, "name": name, **(where or {})})
        return sorted(out, key=lambda t: int(t["start"]))  # type: ignore[call-overload]

    return predict


def run(predict: Predictor, docs: list[dict[str, object]], out: Path) -> tuple[float, float]:
    """Documents per second of one pass over ``docs``, writing predictions to ``out``: by the
    clock, and by the process's CPU time (which other processes on the machine disturb far
    less)."""
    started, cpu = time.perf_counter(), time.process_time()
    with out.open("w", encoding="utf-8") as handle:
        for doc in docs:
            toponyms = predict(str(doc["text"]))
            handle.write(json.dumps({"id": doc["id"], "toponyms": toponyms}) + "\n")
    return len(docs) / (time.perf_counter() - started), len(docs) / (time.process_time() - cpu)


FACTORIES: dict[str, Callable[[Gazetteer], Predictor]] = {
    "conflictmap": ours, "flashgeotext": flashgeotext_peer}


def measure(system: str, corpus: Path, out: Path) -> dict[str, float]:
    """One system over one corpus, in this process: load seconds, first-pass and warm docs/s
    (by the clock, and by CPU time)."""
    docs = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
    path = open_gazetteer().path
    gc.collect()
    started = time.perf_counter()
    predict = FACTORIES[system](Gazetteer(path))
    predict(str(docs[0]["text"]))  # warm-up: loads models and caches
    load = time.perf_counter() - started
    rate, cpu_rate = run(predict, docs, out)  # first pass: what a new batch costs
    warm, cpu_warm = run(predict, docs, out.with_suffix(".warm.jsonl"))
    return {"load": load, "rate": rate, "warm": warm, "cpu_rate": cpu_rate, "cpu_warm": cpu_warm}


def measure_apart(system: str, corpus: Path, out: Path) -> dict[str, float]:
    """:func:`measure` in a fresh Python process: nothing left by an earlier measurement
    (module caches, the other system's heap) helps or slows it."""
    found = subprocess.run(
        [sys.executable, __file__, "--measure", system, str(corpus), str(out)],
        capture_output=True, text=True, check=False)
    if found.returncode != 0:
        sys.exit(f"measuring {system} on {corpus} failed:\n{found.stderr}")
    result: dict[str, float] = json.loads(found.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", type=Path)
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--repeat", type=int, default=3,
                        help="measurements per system and corpus, alternating (default 3)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--measure", nargs=3, metavar=("SYSTEM", "CORPUS", "OUT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        system, corpus, out = args.measure
        print(json.dumps(measure(system, Path(corpus), Path(out))))
        return
    corpora = args.corpus or [SHARED / "eval" / "lgl.jsonl", SHARED / "eval" / "geovirus.jsonl"]
    scorer = load_scorer(SHARED / "eval" / "score.py")
    args.out.mkdir(parents=True, exist_ok=True)
    open_gazetteer()  # built now if missing, not inside the first measurement
    systems = ["conflictmap"] if args.no_peer else ["conflictmap", "flashgeotext"]
    print(f"{'corpus':<12}{'system':<14}{'load s':>7}{'docs/s':>8}{'warm':>7}{'P':>7}{'R':>7}"
          f"{'F1':>7}{'A@161':>7}{'e2e161':>8}{'AUC':>7}{'med km':>9}")
    for corpus in corpora:
        docs = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
        gold = {str(d["id"]): d for d in docs}
        runs: dict[str, list[dict[str, float]]] = {system: [] for system in systems}
        for repeat in range(args.repeat):
            # The systems take turns, so that a slower spell of the machine falls on both.
            for system in systems if repeat % 2 == 0 else systems[::-1]:
                out = args.out / f"{corpus.stem}.{system}.jsonl"
                runs[system].append(measure_apart(system, corpus, out))
        for system in systems:
            out = args.out / f"{corpus.stem}.{system}.jsonl"
            s = scorer.score(gold, scorer.load(str(out)))
            load, rate, warm = (statistics.median(r[k] for r in runs[system])
                                for k in ("load", "rate", "warm"))
            print(f"{corpus.stem:<12}{system:<14}{load:>7.1f}{rate:>8.0f}{warm:>7.0f}{s['P']:>7}"
                  f"{s['R']:>7}{s['F1']:>7}{s['acc161_matched']:>7}{s['e2e_acc161']:>8}"
                  f"{s['AUC']:>7}{s['median_km']:>9}")
        if len(systems) == 2:
            for clock, first, second in (("clock", "rate", "warm"),
                                         ("CPU time", "cpu_rate", "cpu_warm")):
                pairs = list(zip(*runs.values(), strict=True))
                ratios = [a[first] / b[first] for a, b in pairs]
                warm_ratios = [a[second] / b[second] for a, b in pairs]
                print(f"{'':<12}conflictmap / flashgeotext by {clock}, each turn: first pass "
                      + " ".join(f"{r:.2f}" for r in ratios)
                      + f" (median {statistics.median(ratios):.2f}); warm "
                      + " ".join(f"{r:.2f}" for r in warm_ratios)
                      + f" (median {statistics.median(warm_ratios):.2f})")
            # What a first pass as cheap as a warm one would reach: the ceiling of any work
            # on the first pass alone (the rules, resolution and output cost this much anyway).
            ceiling = [a["cpu_warm"] / b["cpu_rate"] for a, b in zip(*runs.values(), strict=True)]
            print(f"{'':<12}conflictmap warm / flashgeotext first pass by CPU time, each turn: "
                  + " ".join(f"{r:.2f}" for r in ceiling)
                  + f" (median {statistics.median(ceiling):.2f})")


if __name__ == "__main__":
    main()
