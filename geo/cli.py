"""The ``conflictmap`` command line: gazetteer, geoparse, events, map, merge, app.

Every command calls the same public functions as the app. Bad inputs are reported on stderr
with their file, line or id; the rest is processed; the exit status is 1 when any failed.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tqdm import tqdm

from gazetteer import open_gazetteer
from gazetteer.build import build_gazetteer
from gazetteer.settings import load_settings
from geo.errors import ConflictMapError, InputError
from geo.filters import EventFilter
from geo.io.atomic import atomic_stream
from geo.io.corrections import Corrections
from geo.io.ingest import SUFFIXES, check_date, is_event_table, read_documents
from geo.io.notices import capturing
from geo.io.partitions import MANIFEST
from geo.io.reviews import Reviews
from geo.io.table_format import EXPORT_SUFFIXES
from geo.model import LAYERS, Document, Event, Failure
from geo.settings import PART_DOCS, PARTITION_DOCS, load_paths

if TYPE_CHECKING:
    from distributed import Client

    from geo.io.partitions import PartitionWriter
    from geo.pipeline import BatchResult, DocumentResult, Pipeline

logger = logging.getLogger("conflictmap.cli")

EXIT_OK, EXIT_FAILURES, EXIT_ERROR = 0, 1, 2


def _report(failure: Failure) -> None:
    print(f"conflictmap: skipped {failure.where}: {failure.message}", file=sys.stderr)


def _progress_bar(total: int, desc: str) -> tqdm:
    return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr, disable=total < 2,
                leave=False)


# ------------------------------------------------------------------------------ gazetteer
def cmd_gazetteer_build(args: argparse.Namespace) -> int:
    settings = load_settings()
    bar = tqdm(desc="building gazetteer", unit=" rows", file=sys.stderr)
    current = {"stage": ""}

    def progress(stage: str, count: int) -> None:
        """One count per stage: places of a source, lines of the dump read, places written."""
        if stage != current["stage"]:
            current["stage"] = stage
            bar.reset()
            bar.set_description_str(stage, refresh=False)
        bar.update(max(0, count - bar.n))
        bar.refresh()  # reports come every 20,000 places or 100,000 lines: show each

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


# ------------------------------------------------------------------------------- inputs
#: What a folder given as input is searched for: articles, tables and the tool's exports.
INPUT_SUFFIXES = frozenset((*SUFFIXES, *EXPORT_SUFFIXES))


def _is_parts_folder(folder: Path) -> bool:
    """Whether ``folder`` holds the parts of a ``--partitioned-out`` run."""
    return (folder / MANIFEST).is_file() and any(folder.glob("part-*.jsonl"))


def _expand(paths: Sequence[Path]) -> list[Path]:
    """The files named, with each folder replaced by the readable files inside it (sorted).

    Raises
    ------
    InputError
        When a folder (or one inside it) holds the parts of a partitioned run: they are not
        articles, and ``conflictmap merge`` reads them.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                and not p.name.startswith(".") and ".manifest." not in p.name
            )
            for folder in dict.fromkeys(p.parent for p in found):
                if _is_parts_folder(folder):
                    raise InputError(f"{str(folder)!r} holds the parts of a --partitioned-out "
                                     f"run: read them with `conflictmap merge {folder}`")
            files.extend(found)
        else:
            files.append(path)
    return files


def _is_table(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return is_event_table(path.name, fh.read(4096))
    except OSError:
        return False


def _split_inputs(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """Articles and event tables among ``paths`` (folders walked)."""
    files = _expand(paths)
    tables = [p for p in files if _is_table(p)]
    return [p for p in files if p not in tables], tables


def _text_bar(paths: Sequence[Path], desc: str) -> tqdm:
    """A progress bar over the inputs' text (characters, against the files' sizes)."""
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return tqdm(total=total or None, desc=desc, unit="B", unit_scale=True, file=sys.stderr,
                disable=True if total < 100_000 else None, leave=False)  # None: off unless a TTY


@contextlib.contextmanager
def _output(path: Path | None) -> Iterator[IO[str]]:
    """Standard output, or ``path`` written atomically (the old file stays until the end)."""
    if path is None:
        yield sys.stdout
        return
    with atomic_stream(path) as fh:
        yield fh


def _pipeline(args: argparse.Namespace) -> Pipeline:
    """The pipeline with the corrections file (``--corrections``, else the settings' path)."""
    from geo.pipeline import Pipeline

    path = args.corrections or load_paths().corrections
    corrections = Corrections.load(path)
    if len(corrections):
        print(f"conflictmap: applying {len(corrections)} corrections from {path}",
              file=sys.stderr)
    return Pipeline(corrections=corrections, max_chars=args.max_document_chars)


def _reviews(args: argparse.Namespace) -> Reviews:
    """The reviews file (``--reviews``, else the settings' path)."""
    path = args.reviews or load_paths().reviews
    reviews = Reviews.load(path)
    if len(reviews):
        print(f"conflictmap: applying {len(reviews)} event reviews from {path}", file=sys.stderr)
    return reviews


def _check_suffix(path: Path | None, allowed: Sequence[str], what: str) -> None:
    if path is not None and path.suffix.lower() not in allowed:
        raise InputError(
            f"{str(path)!r}: {what} must end in {' or '.join(allowed)}"
        )


# ------------------------------------------------------------------------------- geoparse
Toponyms = tuple[str, list[dict[str, object]]]


def _local_toponyms(
    pipeline: Pipeline, docs: Iterable[Document], on_text: Callable[[int], None]
) -> Iterator[Toponyms | Failure]:
    """``(document id, toponyms)`` of each document in this process; failures reported."""
    for doc in docs:
        try:
            yield doc.id, [t.as_dict() for t in pipeline.toponyms(doc, on_text=on_text)]
        except ConflictMapError as err:
            yield Failure(doc.id, str(err))
        except Exception as err:  # a bad document must not end the batch
            logger.exception("unexpected error in document %r", doc.id)
            yield Failure(doc.id, f"{type(err).__name__}: {err}")


def cmd_geoparse(args: argparse.Namespace) -> int:
    from geo.cluster import (
        DaskProcessor,
        LocalProcessor,
        PipelineSpec,
        geoparse_part,
        geoparse_partition,
    )

    pipeline = _pipeline(args)
    articles, tables = _split_inputs(args.inputs)
    parts = _partition_writer(args, "geoparse")
    failures = [Failure(str(t), "an event table, not articles: use `conflictmap events`")
                for t in tables]
    for failure in failures:
        _report(failure)

    def documents() -> Iterator[Document]:
        for item in read_documents(articles):
            if isinstance(item, Failure):
                _report(item)
                failures.append(item)
            else:
                yield item

    output = _output(args.output) if args.output is not None or parts is None \
        else contextlib.nullcontext(None)
    with output as out, _text_bar(articles, "geoparsing") as bar, _cluster(args) as client:
        size = PART_DOCS if parts is not None else PARTITION_DOCS
        processor = (
            DaskProcessor(client, PipelineSpec.of(pipeline), partition_docs=size,
                          on_text=bar.update)
            if client is not None
            else LocalProcessor(pipeline, partition_docs=size, on_text=bar.update)
            if parts is not None else None
        )
        results = (
            _local_toponyms(pipeline, documents(), bar.update) if processor is None
            else processor.map_parts(geoparse_part, documents(), parts) if parts is not None
            else processor.map(geoparse_partition, documents())
        )
        for outcome in results:
            if isinstance(outcome, Failure):
                _report(outcome)
                failures.append(outcome)
                continue
            doc_id, toponyms = outcome
            if out is not None:
                out.write(json.dumps({"id": doc_id, "toponyms": toponyms}, ensure_ascii=False)
                          + "\n")
    if parts is not None:
        _close_parts(parts, failures=failures)
    return EXIT_FAILURES if failures else EXIT_OK


def _partition_writer(args: argparse.Namespace, command: str) -> PartitionWriter | None:
    """The writer of ``--partitioned-out DIR``, if given."""
    if args.partitioned_out is None:
        return None
    from geo.io.partitions import PartitionWriter

    return PartitionWriter(args.partitioned_out, command)


def _close_parts(parts: PartitionWriter, **manifest: Any) -> None:
    path = parts.close(**manifest)
    print(f"conflictmap: {len(parts.written)} part(s) written to {parts.folder}, "
          f"listed in {path.name}", file=sys.stderr)


@contextlib.contextmanager
def _cluster(args: argparse.Namespace) -> Iterator[Client | None]:
    """A Dask client when ``--dask`` is given (its dashboard named on stderr), else ``None``."""
    if not args.dask:
        yield None
        return
    from geo.cluster import client_for

    with client_for(args.dask, workers=args.workers) as client:
        workers = len(client.scheduler_info().get("workers", {}))
        dashboard = (client.dashboard_link if importlib.util.find_spec("bokeh") is not None
                     else "(install bokeh>=3.1 to see it)")
        print(f"conflictmap: Dask cluster of {workers} worker(s); dashboard {dashboard}",
              file=sys.stderr)
        yield client


# --------------------------------------------------------------------------------- events
def _event_filter(args: argparse.Namespace) -> EventFilter:
    """The filter of ``--layers``, ``--countries``, ``--since``, ``--until``, ``--min-confidence``."""
    layers = tuple(args.layers.split(",")) if args.layers else LAYERS
    unknown = [layer for layer in layers if layer not in LAYERS]
    if unknown:
        raise InputError(f"--layers: unknown {', '.join(map(repr, unknown))}; "
                         f"choose from {', '.join(LAYERS)}")
    return EventFilter(
        layers=layers,
        countries=tuple(c.strip().upper() for c in args.countries.split(",") if c.strip())
        if args.countries else (),
        start=check_date(args.since, "--since"),
        end=check_date(args.until, "--until"),
        keep_undated=not args.dated_only,
        min_confidence=args.min_confidence,
    )


def _report_batch(result: BatchResult, published: date | None,
                  undated: int | None = None) -> None:
    for failure in result.failures:
        _report(failure)
    for notice in result.notices:
        print(f"conflictmap: note: {notice.where}: {notice.message}", file=sys.stderr)
    if result.merged:
        print(f"conflictmap: {result.merged} duplicate reports merged ({result.reports} "
              f"reports, {len(result.events) + result.rejected} events)", file=sys.stderr)
    if result.rejected:
        print(f"conflictmap: {result.rejected} events left out as rejected in review",
              file=sys.stderr)
    if undated is None:
        undated = sum(1 for r in result.documents if not r.document.published)
    if undated and not published:
        print(f"conflictmap: warning: {undated} document(s) carry no published date, so "
              "relative dates in them ('on Tuesday') stay unresolved; give --published "
              "YYYY-MM-DD", file=sys.stderr)


def _events(args: argparse.Namespace, *, collect: bool = True) -> tuple[list[Event], int]:
    """Events of every input (articles extracted, tables imported), merged once, filtered;
    with ``--partitioned-out``, each partition's events also written as it completes (and,
    when not ``collect``, only written: no events are kept or merged, so memory stays bounded).
    """
    from geo.cluster import (
        DaskProcessor,
        LocalProcessor,
        PipelineSpec,
        events_part_files,
    )
    from geo.flow import InputFile, Processor, run

    published = check_date(args.published, "--published")
    keep = _event_filter(args)
    pipeline = _pipeline(args)
    files = _expand(args.inputs)
    parts = _partition_writer(args, "events")
    before_merge: dict[str, Any] = {}
    with _text_bar(files, "extracting events") as bar, _cluster(args) as client:
        processor: Processor | None = None
        size = PART_DOCS if parts is not None else PARTITION_DOCS
        if client is not None:
            processor = DaskProcessor(client, PipelineSpec.of(pipeline), partition_docs=size,
                                      on_text=bar.update)
        elif parts is not None:
            processor = LocalProcessor(pipeline, partition_docs=size, on_text=bar.update)
        undated = [0]
        if parts is not None:
            assert isinstance(processor, DaskProcessor | LocalProcessor)
            writing = processor.writing(parts)

            def counted(docs: Iterable[Document]) -> Iterator[DocumentResult | Failure]:
                for outcome in writing(docs):
                    if not isinstance(outcome, Failure) and not outcome.document.published:
                        undated[0] += 1
                    yield outcome

            processor = counted
        result = run([InputFile.from_path(p) for p in files], pipeline, published=published,
                     keep_mentions=False, on_text=bar.update, reviews=_reviews(args),
                     processor=processor, collect=collect,
                     before_merge=lambda reports, copies: before_merge.update(
                         reports=list(reports), copies=copies))
    if parts is not None:
        if before_merge["reports"]:
            parts.write_imported(events_part_files(before_merge["reports"]),
                                 rows=len(before_merge["reports"]))
        _close_parts(parts, copies=before_merge["copies"], failures=result.failures)
        if not collect:
            print(f"conflictmap: {result.reports} reports written before merging; "
                  f"`conflictmap merge {parts.folder}` merges them", file=sys.stderr)
    _report_batch(result, published, undated[0] if parts is not None else None)
    return keep.apply(result.events), len(result.failures)


EVENT_SUFFIXES = (".jsonl", ".json", ".ndjson", ".csv", ".geojson")


def _write_events(events: list[Event], path: Path | None) -> None:
    from geo.maps.export import write_csv, write_geojson
    from geo.maps.layers import build_layers

    suffix = path.suffix.lower() if path is not None else ".jsonl"
    if suffix == ".csv":
        assert path is not None
        write_csv(events, path)
    elif suffix == ".geojson":
        assert path is not None
        write_geojson(build_layers(events), path)
    else:
        with _output(path) as out:
            for event in events:
                out.write(json.dumps(event.as_dict(), ensure_ascii=False) + "\n")


def cmd_events(args: argparse.Namespace) -> int:
    _check_suffix(args.output, EVENT_SUFFIXES, "the events output")
    written = args.output is not None or args.partitioned_out is None
    events, failed = _events(args, collect=written)
    if written:
        _write_events(events, args.output)
    if args.output is not None:
        print(f"{len(events)} events written to {args.output}", file=sys.stderr)
    return EXIT_FAILURES if failed else EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    from geo.flow import merge_parts
    from geo.io.partitions import read_manifest

    _check_suffix(args.output, EVENT_SUFFIXES, "the events output")
    keep = _event_filter(args)
    manifest = read_manifest(args.folder)
    events, merged = merge_parts(args.folder)
    reviewed = _reviews(args).apply(events)
    if merged:
        print(f"conflictmap: {merged} duplicate reports merged ({len(events) + merged} "
              f"reports, {len(events)} events)", file=sys.stderr)
    if len(events) > len(reviewed):
        print(f"conflictmap: {len(events) - len(reviewed)} events left out as rejected in "
              "review", file=sys.stderr)
    kept = keep.apply(reviewed)
    _write_events(kept, args.output)
    if args.output is not None:
        print(f"{len(kept)} events written to {args.output}", file=sys.stderr)
    skipped = len(manifest.get("failures") or ())
    if skipped:
        print(f"conflictmap: note: the run skipped {skipped} input(s); its manifest says "
              "which and why", file=sys.stderr)
    return EXIT_OK


#: The map command's outputs: option, allowed suffixes.
MAP_OUTPUTS: dict[str, tuple[str, ...]] = {
    "html": (".html", ".htm"),
    "geojson": (".geojson", ".json"),
    "gpkg": (".gpkg",),
    "csv": (".csv",),
    "kml": (".kml",),
    "parquet": (".parquet",),
    "fgb": (".fgb",),
}


def _map_targets(args: argparse.Namespace) -> dict[str, Path]:
    """The outputs asked for, checked before any work: suffixes, and no file named twice."""
    targets = {name: getattr(args, name) for name in MAP_OUTPUTS if getattr(args, name)}
    if not targets:
        targets = {"html": Path("conflictmap.html")}
    for name, path in targets.items():
        _check_suffix(path, MAP_OUTPUTS[name], f"--{name}")
    resolved = [p.resolve() for p in targets.values()]
    if len(set(resolved)) < len(resolved):
        raise InputError("the same file is named for two outputs")
    return targets


def _manifest_path(args: argparse.Namespace, targets: dict[str, Path]) -> Path | None:
    """``--manifest``, else ``<first output>.manifest.json`` when several files are written."""
    if args.manifest is not None:
        return Path(args.manifest)
    if len(targets) < 2:
        return None
    first = next(iter(targets.values()))
    return first.with_name(f"{first.stem}.manifest.json")


def cmd_map(args: argparse.Namespace) -> int:
    from geo.maps.basemap import country_outlines
    from geo.maps.export import export_all

    targets = _map_targets(args)
    events, failed = _events(args)
    # the HTML map's base map: the outlines of the gazetteer the events were placed with
    outlines = country_outlines(open_gazetteer()) if targets.get("html") else None
    written = export_all(
        events, html=targets.get("html"), geojson=targets.get("geojson"),
        gpkg=targets.get("gpkg"), csv=targets.get("csv"), kml=targets.get("kml"),
        parquet=targets.get("parquet"), fgb=targets.get("fgb"),
        manifest=_manifest_path(args, targets), tiles=args.tiles, per_layer=args.per_layer,
        outlines=outlines, title=f"{len(events)} events",  # as the app's map (its tab's name)
    )
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
def _add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dask", metavar="ADDRESS",
                        help="process on a Dask cluster: 'local' starts one on this machine, "
                        "or the address of a running scheduler (tcp://HOST:8786)")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="worker processes of a --dask local cluster (default: the cores)")
    parser.add_argument("--partitioned-out", type=Path, metavar="DIR",
                        help="also write the results a partition of 256 documents at a time, "
                        "as each completes, to DIR/part-NNNNN.jsonl (events: and .parquet, "
                        "before merging; `conflictmap merge DIR` merges them), then "
                        "DIR/manifest.json; nothing goes to stdout then, and events without "
                        "-o are not kept or merged in memory")
    parser.add_argument("--corrections", type=Path,
                        help="corrections file to apply (default: CONFLICTMAP_CORRECTIONS or "
                        "<cache>/corrections.json)")
    parser.add_argument("--max-document-chars", type=int, default=None, metavar="N",
                        help="skip (and report) documents longer than N characters "
                        "(default: CONFLICTMAP_MAX_DOCUMENT_CHARS or 100,000,000)")


def _add_filter_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (as in the app)")
    group.add_argument("--layers", help=f"comma-separated layers to keep ({', '.join(LAYERS)})")
    group.add_argument("--countries", help="comma-separated ISO codes: keep events with an "
                       "actor of one of them")
    group.add_argument("--since", help="keep events on or after YYYY-MM-DD")
    group.add_argument("--until", help="keep events on or before YYYY-MM-DD")
    group.add_argument("--dated-only", action="store_true", help="drop events without a date")
    group.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                       help="keep events of confidence X (0 to 1) or more")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="conflictmap", description="Offline geoparser and layered conflict maps from news."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
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
    _add_common_options(gp)
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
            p.add_argument("--parquet", type=Path, help="GeoParquet, all layers (EPSG:4326)")
            p.add_argument("--fgb", type=Path, help="FlatGeobuf, all layers")
            p.add_argument("--per-layer", action="store_true",
                           help="one file per layer (<stem>.<layer>.<suffix>) for GeoJSON, "
                           "GeoPackage, KML, GeoParquet and FlatGeobuf")
            p.add_argument("--tiles", choices=["osm"], default=None,
                           help="add OpenStreetMap tiles to the HTML map (needs a network and "
                           "tells the tile server where you look; default: offline outlines)")
            p.add_argument("--manifest", type=Path,
                           help="manifest of the files written (run id, sizes, SHA-256); "
                           "default <first output>.manifest.json when several are written")
        _add_common_options(p)
        p.add_argument("--reviews", type=Path,
                       help="event reviews to apply (default: CONFLICTMAP_REVIEWS or "
                       "<cache>/reviews.json)")
        _add_filter_options(p)
        p.set_defaults(func=func)

    merge = sub.add_parser("merge", help="merge the events of a --partitioned-out folder")
    merge.add_argument("folder", type=Path, metavar="DIR",
                       help="the folder of `conflictmap events|map --partitioned-out DIR`")
    merge.add_argument("-o", "--output", type=Path,
                       help="OUT.jsonl, OUT.csv or OUT.geojson (default: JSONL on stdout)")
    merge.add_argument("--reviews", type=Path,
                       help="event reviews to apply (default: CONFLICTMAP_REVIEWS or "
                       "<cache>/reviews.json)")
    _add_filter_options(merge)
    merge.set_defaults(func=cmd_merge)

    app = sub.add_parser("app", help="start the Streamlit app")
    app.add_argument("--port", type=int, default=8501)
    app.add_argument("--headless", action="store_true")
    app.set_defaults(func=cmd_app)
    return parser


def _version() -> str:
    try:
        return metadata.version("conflictmap")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is when a record comes (tests swap it)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter("conflictmap: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        if capturing():  # collected as a notice of the input, and printed with the others
            return
        self.stream = sys.stderr
        super().emit(record)


def _configure_logging() -> None:
    """Warnings of the packages (a guessed encoding, a stale correction) go to stderr."""
    root = logging.getLogger("conflictmap")
    if not any(isinstance(h, _StderrHandler) for h in root.handlers):
        root.addHandler(_StderrHandler())
    root.setLevel(logging.WARNING)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    _configure_logging()
    try:
        return int(args.func(args))
    except ConflictMapError as err:
        print(f"conflictmap: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("conflictmap: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
