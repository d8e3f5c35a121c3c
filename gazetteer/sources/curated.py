"""Curated CSV facts written for this project (``gazetteer/data``), every row with a source.

``curated_places.csv``
    Seas, gulfs, straits, coasts, regions, bases and organisation seats.
``demonyms.csv`` and ``abbreviations.csv``
    Adjectives and short forms ("Turkish", "U.S.", "Ky.") pointing at a target place:
    ``country:XX``, ``admin1:XX-YY``, ``continent:XX`` or ``place:<place_id>``.
``spellings.csv``
    News spellings that GeoNames lacks ("Maarat al-Numan", "Hodeidah"), same targets.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from gazetteer.errors import GazetteerBuildError
from gazetteer.model import FeatureClass, NameKind, Place

PLACE_COLUMNS = (
    "place_id",
    "name",
    "feature",
    "country",
    "lat",
    "lon",
    "alternate_names",
    "population",
    "geonameid",
    "source",
)
ALIAS_TARGET_KINDS = ("country", "admin1", "continent", "place")
#: The alias files' first columns, and how their rows name a place (a spelling is an
#: alternate name).
ALIAS_COLUMNS: dict[str, NameKind] = {
    "demonym": NameKind.DEMONYM,
    "abbreviation": NameKind.ABBREVIATION,
    "spelling": NameKind.ALT,
}


@dataclass(frozen=True, slots=True)
class Alias:
    """A demonym or abbreviation that names a place without being its name.

    Parameters
    ----------
    text
        The surface form ("Turkish", "U.S.").
    target
        ``kind:code`` reference to the place.
    kind
        How it names the place: a demonym, an abbreviation, or an alternate spelling.
    source
        Where the fact comes from.

    Raises
    ------
    ValueError
        When ``kind`` is not a :class:`NameKind` (a plain string such as ``"demonym"`` is
        refused) or is the primary name's.
    """

    text: str
    target: str
    kind: NameKind
    source: str

    def __post_init__(self) -> None:
        if not isinstance(self.kind, NameKind) or self.kind is NameKind.NAME:
            raise ValueError(f"alias kind {self.kind!r} is not a NameKind other than NAME")


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as err:
        raise GazetteerBuildError(f"{str(path)!r}: cannot open: {err}") from err
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise GazetteerBuildError(f"{str(path)!r}:1: missing columns {missing}")
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


def iter_curated_places(path: Path) -> Iterator[Place]:
    """Yield the places of a curated CSV, checking every row.

    Raises
    ------
    GazetteerBuildError
        On a bad row; the message names the file and the line.
    """
    seen: set[str] = set()
    for line, row in _rows(path, PLACE_COLUMNS):
        where = f"{str(path)!r}:{line}"
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
            population = int(row["population"] or 0)
            geonameid = int(row["geonameid"]) if row["geonameid"] else None
        except ValueError as err:
            raise GazetteerBuildError(f"{where}: {err}") from err
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise GazetteerBuildError(f"{where}: coordinates out of range ({lat}, {lon})")
        try:
            feature = FeatureClass(row["feature"])
        except ValueError:
            raise GazetteerBuildError(f"{where}: unknown feature {row['feature']!r}") from None
        if not row["place_id"] or row["place_id"] in seen:
            raise GazetteerBuildError(f"{where}: empty or repeated place_id {row['place_id']!r}")
        if not row["source"]:
            raise GazetteerBuildError(f"{where}: row without a source")
        seen.add(row["place_id"])
        alts = tuple(a.strip() for a in row["alternate_names"].split("|") if a.strip())
        yield Place(
            place_id=row["place_id"],
            name=row["name"],
            feature=feature,
            country=row["country"].upper(),
            lat=lat,
            lon=lon,
            population=population,
            geonameid=geonameid,
            alternate_names=alts,
            source=row["source"],
        )


def iter_aliases(path: Path, column: str) -> Iterator[Alias]:
    """Yield the demonyms, abbreviations or spellings of a curated CSV.

    Parameters
    ----------
    path
        ``demonyms.csv``, ``abbreviations.csv`` or ``spellings.csv``.
    column
        Name of its first column, one of :data:`ALIAS_COLUMNS`: says what kind of name the
        rows give.
    """
    kind = ALIAS_COLUMNS[column]
    for line, row in _rows(path, (column, "target", "source")):
        target = row["target"]
        prefix = target.split(":", 1)[0]
        if prefix not in ALIAS_TARGET_KINDS or ":" not in target or not row[column]:
            raise GazetteerBuildError(f"{str(path)!r}:{line}: bad target {target!r}")
        yield Alias(text=row[column], target=target, kind=kind, source=row["source"])


def read_country_points(path: Path) -> dict[str, tuple[float, float]]:
    """Curated reference points of countries: ISO code -> ``(lat, lon)``."""
    out: dict[str, tuple[float, float]] = {}
    for line, row in _rows(path, ("country", "lat", "lon", "source")):
        try:
            out[row["country"].upper()] = (float(row["lat"]), float(row["lon"]))
        except ValueError as err:
            raise GazetteerBuildError(f"{str(path)!r}:{line}: {err}") from err
    return out
