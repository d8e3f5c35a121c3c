"""Conventions of the tables this tool exports, shared by the writer (:mod:`geo.maps.export`)
and the reader that takes them back as events (:mod:`geo.io.records`)."""

from __future__ import annotations

__all__ = ["EXPORT_SUFFIXES", "FORMULA_STARTS", "GENERATOR"]

#: Foreign member of the tool's GeoJSON collections: ``"generator": GENERATOR``.
GENERATOR = "conflictmap"
#: First characters that make a spreadsheet run a cell as a formula (such a cell is written
#: with a leading ``'`` and read back without it).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Suffixes of the tool's exports that :func:`geo.io.records.read_exported_events` reads.
EXPORT_SUFFIXES = (".csv", ".tsv", ".geojson", ".json", ".gpkg", ".parquet", ".fgb")
