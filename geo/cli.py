"""The ``conflictmap`` command line: gazetteer, geoparse, events, map, app.

Every command calls the same public functions as the app. Bad inputs are reported on stderr
with their file, line or id; the rest is processed; the exit status is 1 when any failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from tqdm import tqdm

from gazetteer import GazetteerError, open_gazetteer
from gazetteer.build import build_gazetteer
from gazetteer.settings import load_settings
from geo.errors import ConflictMapError
from geo.ingest import Failure, check_date, is_event_table, read_documents
from geo.model import Document, Event

EXIT_OK, EXIT_FAILURES, EXIT_ERROR = 0, 1, 2


def _report(failure: Failure) -> None:
    print(f"conflictmap: skipped {failure.where}: {failure.message}", file=sys.stderr)


def _progress_bar(total: int, desc: str) -> tqdm:
    return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr, disable=total < 2,
                leave=False)


# ------------------------------------------------------------------------------ gazetteer
def cmd_gazetteer_build(args: argparse.Namespace) -> int:
    settings = load_settings()
    bar = tqdm(desc="building gazetteer", unit=" places", file=sys.stderr)
    last = {"n": 0}

    def progress(stage: str, count: int) -> None:
        bar.set_postfix_str(stage)
        bar.update(max(0, count - last["n"]) if stage != "written" else 0)
        last["n"] = count if stage != "written" else last["n"]

    path = build_gazetteer(settings, geonames_file=args.geonames, output=args.output,
                           progress=progress)
    bar.close()
    size = path.stat().st_size / 1e6
    print(f"gazetteer written: {path} ({size:.1f} MB)")
    return EXIT_OK


def cmd_gazetteer_lookup(args: argparse.Namespace) -> int:
    gaz = open_gazetteer()
    candidates = gaz.candidates(args.name, limit=args.limit)
    if args.json:
        print(json.dumps([c.place.as_dict() for c in candidates], ensure_ascii=False))
        return EXIT_OK
    if not candidates:
        print(f"no place called {args.name!r}", file=sys.stderr)
        return EXIT_FAILURES
    for c in candidates:
        p = c.place
        print(f"{p.place_id:<22}{p.name[:34]:<36}{p.feature:<10}{p.country or '--':<4}"
              f"{p.lat:>9.4f}{p.lon:>10.4f}  pop {p.population:<10} prior {c.prior:.2f}")
    return EXIT_OK


# ------------------------------------------------------------------------------- geoparse
def _documents(paths: Sequence[Path], published: str | None) -> tuple[list[Document], int]:
    docs: list[Document] = []
    failed = 0
    for item in read_documents([p for p in paths if not _is_table(p)], published=published):
        if isinstance(item, Failure):
            _report(item)
            failed += 1
        else:
            docs.append(item)
    return docs, failed


def _is_table(path: Path) -> bool:
    try:
        return is_event_table(path.name, path.read_bytes()[:4096])
    except OSError:
        return False


def cmd_geoparse(args: argparse.Namespace) -> int:
    from geo.geoparse import default_geoparser

    docs, failed = _documents(args.inputs, None)
    parser = default_geoparser()
    out = _open_out(args.output)
    bar = _progress_bar(len(docs), "geoparsing")
    try:
        for doc in docs:
            try:
                toponyms = [t.as_dict() for t in parser.geoparse(doc.text)]
            except Exception as err:  # a bad document must not end the batch
                _report(Failure(doc.id, f"{type(err).__name__}: {err}"))
                failed += 1
                continue
            finally:
                bar.update(1)
            out.write(json.dumps({"id": doc.id, "toponyms": toponyms}, ensure_ascii=False) + "\n")
    finally:
        bar.close()
        if out is not sys.stdout:
            out.close()
    return EXIT_FAILURES if failed else EXIT_OK


def _open_out(path: Path | None):  # type: ignore[no-untyped-def]
    if path is None:
        return sys.stdout
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("w", encoding="utf-8")


# --------------------------------------------------------------------------------- events
def _events(args: argparse.Namespace) -> tuple[list[Event], int]:
    from geo.events import merge_events
    from geo.pipeline import Pipeline
    from geo.records import import_event_table

    published = check_date(args.published, "--published")
    docs, failed = _documents(args.inputs, published)
    imported: list[Event] = []
    for path in args.inputs:
        if _is_table(path):
            events, failures = import_event_table(str(path), path.read_bytes())
            for f in failures:
                _report(f)
            failed += len(failures)
            imported.extend(events)
    bar = _progress_bar(len(docs), "extracting events")
    result = Pipeline().process(docs, progress=lambda k, n, d: bar.update(1))
    bar.close()
    for f in result.failures:
        _report(f)
    failed += len(result.failures)
    return merge_events([*result.events, *imported]), failed


def _write_events(events: list[Event], path: Path | None) -> None:
    from geo.export import write_csv, write_geojson
    from geo.layers import build_layers

    if path is None or path.suffix.lower() in {".jsonl", ".json", ".ndjson"}:
        lines = "".join(json.dumps(e.as_dict(), ensure_ascii=False) + "\n" for e in events)
        if path is None:
            sys.stdout.write(lines)
        else:
            from geo.atomic import atomic_write_bytes

            atomic_write_bytes(path, lines.encode("utf-8"))
    elif path.suffix.lower() == ".csv":
        write_csv(events, path)
    elif path.suffix.lower() == ".geojson":
        write_geojson(build_layers(events), path)
    else:
        raise ConflictMapError(f"{str(path)!r}: output must end in .jsonl, .csv or .geojson")


def cmd_events(args: argparse.Namespace) -> int:
    events, failed = _events(args)
    _write_events(events, args.output)
    if args.output is not None:
        print(f"{len(events)} events written to {args.output}", file=sys.stderr)
    return EXIT_FAILURES if failed else EXIT_OK


def cmd_map(args: argparse.Namespace) -> int:
    from geo.export import export_all

    events, failed = _events(args)
    if not any((args.html, args.geojson, args.gpkg, args.csv, args.kml)):
        args.html = Path("conflictmap.html")
    written = export_all(events, html=args.html, geojson=args.geojson, gpkg=args.gpkg,
                         csv=args.csv, kml=args.kml)
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    print(f"{len(events)} events", file=sys.stderr)
    return EXIT_FAILURES if failed else EXIT_OK


def cmd_app(args: argparse.Namespace) -> int:
    import subprocess

    app = Path(__file__).resolve().parents[1] / "app.py"
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--browser.gatherUsageStats",
           "false", "--server.port", str(args.port)]
    if args.headless:
        cmd += ["--server.headless", "true"]
    return subprocess.call(cmd)


# ---------------------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="conflictmap", description="Offline geoparser and layered conflict maps from news."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    gaz = sub.add_parser("gazetteer", help="build or query the offline gazetteer")
    gsub = gaz.add_subparsers(dest="gazetteer_command", required=True)
    build = gsub.add_parser("build", help="build the gazetteer (atomically)")
    build.add_argument("--geonames", type=Path, help="a GeoNames dump in allCountries.txt format")
    build.add_argument("--output", type=Path, help="where to write (default: the cache path)")
    build.set_defaults(func=cmd_gazetteer_build)
    lookup = gsub.add_parser("lookup", help="candidates for a name, best first")
    lookup.add_argument("name")
    lookup.add_argument("--limit", type=int, default=10)
    lookup.add_argument("--json", action="store_true", help="print a JSON list")
    lookup.set_defaults(func=cmd_gazetteer_lookup)

    gp = sub.add_parser("geoparse", help="find and place the place mentions of articles")
    gp.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                    help=".txt/.md/.html files or .jsonl with {id, text} per line")
    gp.add_argument("-o", "--output", type=Path, help="JSONL output (default: stdout)")
    gp.set_defaults(func=cmd_geoparse)

    for name, func, help_text in (("events", cmd_events, "extract event records"),
                                  ("map", cmd_map, "draw the layered map and export it")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                       help="articles (.txt .md .html .json .jsonl .csv) or ACLED/GDELT CSV")
        p.add_argument("--published", help="article date YYYY-MM-DD for inputs without one")
        if name == "events":
            p.add_argument("-o", "--output", type=Path,
                           help="OUT.jsonl, OUT.csv or OUT.geojson (default: JSONL on stdout)")
        else:
            p.add_argument("--html", type=Path, help="standalone HTML map")
            p.add_argument("--geojson", type=Path, help="GeoJSON of all layers")
            p.add_argument("--gpkg", type=Path, help="GeoPackage, one table per layer")
            p.add_argument("--csv", type=Path, help="CSV with ACLED-like columns")
            p.add_argument("--kml", type=Path, help="KML for Google Earth, a folder per layer")
        p.set_defaults(func=func)

    app = sub.add_parser("app", help="start the Streamlit app")
    app.add_argument("--port", type=int, default=8501)
    app.add_argument("--headless", action="store_true")
    app.set_defaults(func=cmd_app)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (ConflictMapError, GazetteerError) as err:
        print(f"conflictmap: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("conflictmap: interrupted", file=sys.stderr)
        return 130




if __name__ == "__main__":
    sys.exit(main())
