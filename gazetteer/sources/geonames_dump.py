"""Places from a GeoNames dump in ``allCountries.txt`` format (tab-separated, 19 columns).

Users who want the full gazetteer download the dump themselves and pass it to
``conflictmap gazetteer build --geonames FILE``; nothing is fetched here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from gazetteer.errors import GazetteerBuildError
from gazetteer.model import FeatureClass, Place
from gazetteer.normalize import is_latin
from gazetteer.settings import PROGRESS_EVERY

_N_COLUMNS = 19
#: Called with the number of lines read so far.
LinesRead = Callable[[int], None]

_F = FeatureClass
#: GeoNames feature codes kept, by the feature class they become.
_CODE_FEATURES: dict[str, FeatureClass] = {
    "PCLI": _F.COUNTRY,
    "PCLD": _F.COUNTRY,
    "PCLS": _F.COUNTRY,
    "PCLF": _F.COUNTRY,
    "PCL": _F.COUNTRY,
    "TERR": _F.REGION,
    "ADM1": _F.ADMIN1,
    "ADM2": _F.ADMIN2,
    "SEA": _F.SEA,
    "GULF": _F.GULF,
    "BAY": _F.GULF,
    "STRT": _F.STRAIT,
    "CNL": _F.CANAL,
    "CHN": _F.STRAIT,
    "RGN": _F.REGION,
    "CONT": _F.CONTINENT,
    "ISL": _F.ISLAND,
    "ISLS": _F.ISLAND,
    "MT": _F.MOUNTAIN,
    "MTS": _F.MOUNTAIN,
    "STM": _F.RIVER,
    "LK": _F.LAKE,
    "MILB": _F.BASE,
    "NVB": _F.BASE,
    "AIRB": _F.BASE,
    "PRT": _F.PORT,
}


def _feature(fclass: str, fcode: str) -> FeatureClass | None:
    if fclass == "P":
        return FeatureClass.CITY if fcode != "PPLH" and fcode != "PPLQ" else None
    return _CODE_FEATURES.get(fcode)


def iter_geonames_dump(
    path: Path, admin1_iso: dict[str, str], lines_read: LinesRead | None = None
) -> Iterator[Place]:
    """Yield the places of a GeoNames dump that map onto a feature class of the gazetteer.

    The dump is read line by line (the full ``allCountries.txt`` is 1.5 GB); only the record
    being read is held.

    Parameters
    ----------
    path
        The dump (``allCountries.txt``, a country file such as ``TR.txt``, or ``cities500.txt``).
    admin1_iso
        ``"CC.code"`` GeoNames admin-1 codes mapped to ISO 3166-2 codes.
    lines_read
        Called with the number of lines read every :data:`PROGRESS_EVERY` lines and at the end.

    Raises
    ------
    GazetteerBuildError
        On a line that is not a GeoNames record; the message names the file and line.
    """
    try:
        handle = path.open(encoding="utf-8")
    except OSError as err:
        raise GazetteerBuildError(f"{str(path)!r}: cannot open: {err}") from err
    source = f"GeoNames dump {path.name} (CC BY 4.0)"
    line_no = 0
    with handle:
        for line_no, line in enumerate(handle, start=1):
            if lines_read is not None and line_no % PROGRESS_EVERY == 0:
                lines_read(line_no)
            if not line.strip() or line.startswith("#"):
                continue
            place = _place(line, admin1_iso, source, f"{str(path)!r}:{line_no}")
            if place is not None:
                yield place
    if lines_read is not None:
        lines_read(line_no)


def _place(line: str, admin1_iso: dict[str, str], source: str, where: str) -> Place | None:
    """The place of one line of the dump, ``None`` for a feature the gazetteer leaves out."""
    cols = line.rstrip("\n").split("\t")
    if len(cols) != _N_COLUMNS:
        raise GazetteerBuildError(
            f"{where}: expected {_N_COLUMNS} tab-separated columns "
            f"(GeoNames allCountries.txt format), found {len(cols)}"
        )
    feature = _feature(cols[6], cols[7])
    if feature is None:
        return None
    try:
        gid = int(cols[0])
        lat, lon = float(cols[4]), float(cols[5])
        population = int(cols[14] or 0)
    except ValueError as err:
        raise GazetteerBuildError(f"{where}: {err}") from err
    name = cols[1]
    alts = tuple(a for a in dict.fromkeys(cols[3].split(",")) if a and a != name and is_latin(a))
    cc = cols[8]
    return Place(
        place_id=f"gn:{gid}",
        name=name,
        feature=feature,
        country=cc,
        lat=lat,
        lon=lon,
        population=population,
        geonameid=gid,
        admin1=admin1_iso.get(f"{cc}.{cols[10]}", ""),
        alternate_names=alts,
        source=source,
    )
