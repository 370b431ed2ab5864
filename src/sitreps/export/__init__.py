"""Exports: one writer per format, all registered in EXPORTERS (the CLI's --format choices).

An exporter takes Readings and an output path and returns how many rows (or features) it wrote.
"""

from collections.abc import Callable, Iterable
from pathlib import Path

from sitreps.export.to_acled import write_acled
from sitreps.export.to_csv import write_csv
from sitreps.export.to_geojson import write_geojson
from sitreps.export.to_jsonl import write_jsonl
from sitreps.export.to_parquet import write_parquet
from sitreps.model import Reading

Exporter = Callable[[Iterable[Reading], Path], int]

EXPORTERS: dict[str, Exporter] = {
    "csv": write_csv,  # the flat events table (event_rows.EVENT_COLUMNS), one row per event
    "jsonl": write_jsonl,  # one Reading JSON per line; rows = readings
    "parquet": write_parquet,  # OUT is a folder: <table>.parquet per table of tables.py; rows = all
    "geojson": write_geojson,  # events with coordinates as Points; rows = features
    "acled": write_acled,  # ACLED's columns and order, events ACLED would record
}

__all__ = ["EXPORTERS", "Exporter"]
