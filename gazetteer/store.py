"""The lookup facade: candidates by name, places by id, the nearest place to a point."""

from __future__ import annotations

import math
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from gazetteer.errors import GazetteerError, GazetteerLookupError, GazetteerNotBuiltError
from gazetteer.model import Candidate, FeatureClass, NameKind, Place
from gazetteer.name_index import (
    NameIndex,
    NameSummary,
    decode_summary,
    encode_summary,
    summary_mask,
    summary_none_of,
)
from gazetteer.normalize import normalize_name, split_generic_suffix
from gazetteer.prior import ranked_prior
from gazetteer.settings import (
    PRIMARY_NAME_BONUS,
    SCHEMA_VERSION,
    TOP_LIMIT,
    GazetteerSettings,
    load_settings,
)

EARTH_RADIUS_KM = 6371.0088
_PLACE_COLUMNS = (
    "place_id, name, feature, country, lat, lon, population, geonameid, admin1, prior, "
    "alternate_names, geometry_wkt, source"
)
#: Name lookups leave outlines and alternate names out (they are large and lookups must be
#: fast); :meth:`Gazetteer.get` returns the full record.
_LOOKUP_COLUMNS = _PLACE_COLUMNS.replace("geometry_wkt", "NULL").replace(
    "alternate_names", "''"
)
#: :func:`gazetteer.prior.ranked_prior` in SQL.
_RANKED_PRIOR = f"p.prior + (CASE WHEN n.kind = 'name' THEN {PRIMARY_NAME_BONUS} ELSE 0 END)"
#: The places of a name key, best first (a primary name counts a little more than an alternate).
_LOOKUP_SQL = (
    "SELECT p.place_id, p.name, p.feature, p.country, p.lat, p.lon, p.population, p.geonameid,"
    " p.admin1, p.prior, p.source, n.kind FROM names n JOIN places p ON p.row = n.row"
    " WHERE n.key = ?"
    f" ORDER BY {_RANKED_PRIOR} DESC,"
    " p.place_id"
)
_TOP_SQL = _LOOKUP_SQL + " LIMIT ?"
#: What :func:`encode_summary` reads of the places of one key.
_SUMMARY_SQL = (
    f"SELECT n.kind, p.feature, {_RANKED_PRIOR}"
    " FROM names n JOIN places p ON p.row = n.row WHERE n.key = ?"
)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _place(row: tuple[Any, ...]) -> tuple[Place, float]:
    (pid, name, feature, country, lat, lon, pop, gid, admin1, prior, alts, wkt, source) = row
    # SQLite already returns the column types the schema declares.
    place = Place(pid, name, FeatureClass(feature), country, lat, lon, pop, gid, admin1,
                  tuple(alts.split("|")) if alts else (), wkt or None, source)
    return place, prior


class Gazetteer:
    """Read-only access to a built gazetteer file.

    Parameters
    ----------
    path
        The SQLite file written by :func:`gazetteer.build.build_gazetteer`.

    Raises
    ------
    GazetteerNotBuiltError
        When the file does not exist.
    GazetteerError
        When the file is not a gazetteer of this version.
    """

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise GazetteerNotBuiltError(
                f"no gazetteer at {str(path)!r}: run `conflictmap gazetteer build`"
            )
        self.path = path
        self._local = threading.local()
        _check_complete(path)
        try:
            version = self._con().execute(
                "SELECT value FROM meta WHERE key='schema_version'"
            ).fetchone()
        except sqlite3.DatabaseError as err:
            raise GazetteerError(
                f"{str(path)!r} is not a gazetteer file ({err}): rebuild it with "
                "`conflictmap gazetteer build`"
            ) from err
        if version is None or version[0] != SCHEMA_VERSION:
            raise GazetteerError(
                f"{str(path)!r} was built by another version; rebuild it with "
                "`conflictmap gazetteer build`"
            )
        # The in-memory name index (see load_name_index); its dicts map str to int, which the
        # cyclic garbage collector never walks (a frozenset would be walked every time).
        self._index: NameIndex | None = None
        self._lookup = lru_cache(maxsize=100_000)(self._lookup_uncached)
        self._lookup_top = lru_cache(maxsize=100_000)(self._lookup_top_uncached)
        self._has_key = lru_cache(maxsize=500_000)(self._has_key_uncached)

    def _con(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            uri = f"file:{self.path.as_posix()}?mode=ro&immutable=1"
            con = sqlite3.connect(uri, uri=True, check_same_thread=False)
            # Read through a memory map and a larger page cache: lookups are random reads.
            con.execute("PRAGMA mmap_size = 268435456")
            con.execute("PRAGMA cache_size = -65536")
            self._local.con = con
        return con

    # ----------------------------------------------------------------------------- by name
    def _lookup_uncached(self, key: str) -> tuple[Candidate, ...]:
        if self._index is not None:
            return self._index.candidates(key)
        return _candidates(self._con().execute(_LOOKUP_SQL, (key,)).fetchall())

    def _lookup_top_uncached(self, key: str, limit: int) -> tuple[Candidate, ...]:
        if self._index is not None:
            return self._index.candidates(key, limit)
        return _candidates(self._con().execute(_TOP_SQL, (key, limit)).fetchall())

    def _lookup_features(self, key: str, features: frozenset[str]) -> tuple[Candidate, ...]:
        """The places of ``key`` of some features only, best first."""
        if self._index is not None:
            return self._index.candidates(key, features=features)
        marks = ",".join("?" * len(features))
        sql = _LOOKUP_SQL.replace("ORDER BY", f"AND p.feature IN ({marks}) ORDER BY")
        return _candidates(self._con().execute(sql, (key, *sorted(features))).fetchall())

    def _has_key_uncached(self, key: str) -> bool:
        if self._index is not None:
            return key in self._index.positions
        row = self._con().execute("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)).fetchone()
        return row is not None

    def load_name_index(self) -> None:
        """Hold the whole name index in memory (about 0.4 s and 200 MB once): every key with
        its places, their summary and every first word, for text matching that asks about
        many names that are not places and looks up thousands of distinct names."""
        if self._index is None:
            blobs = dict(self._con().execute("SELECT part, data FROM name_index").fetchall())
            try:
                self._index = NameIndex(blobs)
            except (KeyError, ValueError) as err:
                raise GazetteerError(
                    f"{str(self.path)!r} has a damaged name index ({err}); rebuild it with "
                    "`conflictmap gazetteer build`"
                ) from err
            self._has_key.cache_clear()

    def name_summary(self, name: str) -> NameSummary | None:
        """What the places called ``name`` are (features, kinds, best prior), without reading
        them; ``None`` when no place has that exact key (generic suffixes are not split)."""
        code = self._summary_code(name)
        return None if code is None else decode_summary(code)

    def _summary_code(self, name: str) -> int | None:
        """The packed summary of the places called ``name`` (:func:`encode_summary`)."""
        key = normalize_name(name)
        if not key:
            return None
        if self._index is not None:
            return self._index.summary_code(key)
        rows = self._con().execute(_SUMMARY_SQL, (key,)).fetchall()
        return encode_summary(rows) if rows else None

    def may_start_name(self, word: str) -> bool:
        """Whether some name's key starts with the normalised ``word`` ("new" for "New York");
        always true until :meth:`load_name_index` has run."""
        return self.name_words(word) > 0

    def name_words(self, word: str) -> int:
        """The most words of a name whose key starts with the normalised ``word`` (3 for "new":
        "New York City"), 0 when none does; a large number until :meth:`load_name_index`."""
        if self._index is None:
            return 1_000
        key = normalize_name(word)
        return self._index.first_words.get(key.partition(" ")[0], 0) if key else 0

    def names_only_places_without(
        self, name: str, features: frozenset[str], kinds: frozenset[str], prior: float
    ) -> bool:
        """Whether some place is called ``name`` (exact key) and none of its places has one of
        ``features``, is named so as one of ``kinds`` or has a ranked prior of ``prior`` or
        more: what :meth:`name_summary` tells, without building the summary."""
        code = self._summary_code(name)
        return code is not None and summary_none_of(code, summary_mask(features, kinds), prior)

    def may_start_longer_name(self, two_words: str) -> bool:
        """Whether some key of two words or more starts with the normalised ``two_words``
        ("New York" for "New York City"); always true until :meth:`load_name_index` has run,
        and for text that does not normalise to exactly two words."""
        if self._index is None:
            return True
        key = normalize_name(two_words)
        return key.count(" ") != 1 or key in self._index.two_word_prefixes

    def has_name(self, name: str) -> bool:
        """Whether some place is called ``name`` (after normalisation), suffix forms included."""
        key = normalize_name(name)
        if not key:
            return False
        if self._index is not None:
            if key in self._index.positions:
                return True
        elif self._has_key(key):
            return True
        split = split_generic_suffix(key)
        return split is not None and self.has_key(split[0]) and bool(self.candidates(name))

    def has_key(self, key: str) -> bool:
        """Whether the normalised ``key`` names some place (no suffix handling)."""
        if self._index is not None:
            return key in self._index.positions
        return bool(key) and self._has_key(key)

    def candidates(
        self, name: str, *, limit: int | None = None, features: frozenset[str] | None = None
    ) -> list[Candidate]:
        """Places that ``name`` may refer to, best first by prior.

        Case, diacritics, a leading "the" and a trailing generic word ("Idlib province",
        "Bosporus Strait") are ignored; a generic word restricts the features it implies.

        Parameters
        ----------
        name
            The name as written.
        limit
            Keep at most this many.
        features
            Keep only candidates of these feature classes.
        """
        key = normalize_name(name)
        if not key:
            return []
        split = split_generic_suffix(key)
        if limit is not None and limit <= TOP_LIMIT and split is None and features is None:
            return list(self._lookup_top(key, limit))
        found = list(self._lookup(key))
        if split is not None and not any(c.place.feature in split[1] for c in found):
            base, implied = split
            extra = self._lookup_features(base, implied)
            known = {c.place.place_id for c in found}
            found.extend(c for c in extra if c.place.place_id not in known)
            found.sort(key=lambda c: (-c.prior, c.place.place_id))
        if features is not None:
            found = [c for c in found if c.place.feature in features]
        return found[:limit] if limit else found

    # ------------------------------------------------------------------------------- by id
    def get(self, place_id: str) -> Place:
        """The place with this id.

        Raises
        ------
        GazetteerLookupError
            When no place has that id.
        """
        row = self._con().execute(
            f"SELECT {_PLACE_COLUMNS} FROM places WHERE place_id = ?", (place_id,)
        ).fetchone()
        if row is None:
            raise GazetteerLookupError(f"no place with id {place_id!r}")
        return _place(row)[0]

    def by_geonameid(self, geonameid: int) -> Place:
        """The place with this GeoNames id."""
        return self.get(f"gn:{geonameid}")

    def country(self, code: str) -> Place:
        """The country with this ISO 3166-1 alpha-2 code."""
        row = self._con().execute(
            f"SELECT {_PLACE_COLUMNS} FROM places WHERE feature='country' AND country=?",
            (code.upper(),),
        ).fetchone()
        if row is None:
            raise GazetteerLookupError(f"no country with code {code!r}")
        return _place(row)[0]

    def capital(self, code: str) -> Place | None:
        """The national capital of the country with this ISO 3166-1 alpha-2 code (the most
        populous city so named in the sources), or ``None`` when the gazetteer knows none."""
        columns = ", ".join(f"p.{c.strip()}" for c in _PLACE_COLUMNS.split(","))
        row = self._con().execute(
            f"SELECT {columns} FROM capitals c JOIN places p ON p.row = c.row "
            "WHERE c.country=?", (code.upper(),)).fetchone()
        return None if row is None else _place(row)[0]

    # ------------------------------------------------------------------------------ by point
    def nearest(
        self, lat: float, lon: float, *, features: frozenset[str] | None = None
    ) -> Place:
        """The place nearest to a point, optionally among some feature classes only.

        Raises
        ------
        GazetteerLookupError
            When nothing lies within 20 degrees.
        """
        for radius in (0.1, 0.3, 1.0, 3.0, 20.0):
            rows = self._con().execute(
                f"SELECT {_LOOKUP_COLUMNS} FROM places WHERE lat BETWEEN ? AND ? "
                "AND lon BETWEEN ? AND ?",
                (lat - radius, lat + radius, lon - radius * 2, lon + radius * 2),
            ).fetchall()
            places = [_place(r)[0] for r in rows]
            if features is not None:
                places = [p for p in places if p.feature in features]
            if places:
                return min(places, key=lambda p: haversine_km(lat, lon, p.lat, p.lon))
        raise GazetteerLookupError(f"no place near ({lat}, {lon})")

    def country_outlines(self) -> list[tuple[str, str, str]]:
        """Every country's code, name and simplified outline (WKT), for an offline base map."""
        rows = self._con().execute(
            "SELECT country, name, geometry_wkt FROM places "
            "WHERE feature = 'country' AND geometry_wkt IS NOT NULL ORDER BY country"
        ).fetchall()
        return [(str(c), str(n), str(w)) for c, n, w in rows]

    def stats(self) -> dict[str, str]:
        """Build metadata: schema version, place count, build seconds."""
        return dict(self._con().execute("SELECT key, value FROM meta").fetchall())


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _check_complete(path: Path) -> None:
    """Raise when the file is not SQLite or is shorter than its header says (a copy or a
    build cut short), before SQLite reads it."""
    with path.open("rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise GazetteerError(
            f"{str(path)!r} is not a gazetteer file: rebuild it with `conflictmap gazetteer build`"
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    expected = page_size * int.from_bytes(header[28:32], "big")
    size = path.stat().st_size
    if size < expected:
        raise GazetteerError(
            f"{str(path)!r} is truncated ({size:,} of {expected:,} bytes): rebuild it with "
            "`conflictmap gazetteer build`"
        )


def _candidate(pid: str, name: str, feature: str, country: str, lat: float, lon: float,
               pop: int, gid: int | None, admin1: str, prior: float, source: str,
               kind: str) -> Candidate:
    """The candidate of one row of :data:`_LOOKUP_SQL` (its feature and name kind read as
    enum members here, once)."""
    name_kind = NameKind(kind)
    place = Place(pid, name, FeatureClass(feature), country, lat, lon, pop, gid, admin1, (),
                  None, source)
    return Candidate(place, ranked_prior(prior, name_kind), name_kind)


def _candidates(rows: list[tuple[Any, ...]]) -> tuple[Candidate, ...]:
    """Candidates from rows of :data:`_LOOKUP_SQL` (already best first)."""
    return tuple(_candidate(*row) for row in rows)


_DEFAULT: dict[Path, Gazetteer] = {}
_DEFAULT_LOCK = threading.Lock()


def open_gazetteer(
    settings: GazetteerSettings | None = None, *, build_if_missing: bool = False
) -> Gazetteer:
    """Open the default gazetteer (one shared instance per file and process).

    Building it is an explicit step (setup, or ``conflictmap gazetteer build``), never a side
    effect of opening; a missing, truncated or outdated file is an error that says so.

    Parameters
    ----------
    settings
        Paths; read from the environment when omitted.
    build_if_missing
        Build the gazetteer when the file does not exist (about half a minute). A file that
        exists but cannot be read is never rebuilt here.

    Raises
    ------
    GazetteerNotBuiltError
        When the file is missing (and ``build_if_missing`` is false).
    GazetteerError
        When the file is truncated, not a gazetteer, or of another schema version.
    """
    settings = settings or load_settings()
    path = settings.gazetteer_path
    with _DEFAULT_LOCK:
        if path in _DEFAULT:
            return _DEFAULT[path]
        try:
            gaz = Gazetteer(path)
        except GazetteerNotBuiltError:
            if not build_if_missing:
                raise
            from gazetteer.build import build_gazetteer

            build_gazetteer(settings)
            gaz = Gazetteer(path)
        _DEFAULT[path] = gaz
        return gaz
