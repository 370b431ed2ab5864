"""Exports: one writer per format, all registered in EXPORTERS (the CLI's --format choices).

In: Readings (the store's ``iter_readings``), an output path and, optionally, the store's clusters
(:meth:`ClusterIndex.from_store`). Out: files (CSV, JSON Lines, Parquet, GeoJSON, ACLED CSV) and how many
rows (or features) were written. With clusters, the event rows carry ``cluster_id`` and the ACLED export
writes one row per cluster instead of one per event.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from sitreps.export.clusters import ClusterIndex
from sitreps.export.to_acled import write_acled
from sitreps.export.to_csv import write_csv
from sitreps.export.to_geojson import write_geojson
from sitreps.export.to_jsonl import write_jsonl
from sitreps.export.to_parquet import write_parquet
from sitreps.model import Reading


class Exporter(Protocol):
    def __call__(
        self, readings: Iterable[Reading], out: Path, clusters: ClusterIndex | None = None
    ) -> int: ...


EXPORTERS: dict[str, Exporter] = {
    "csv": write_csv,  # the flat events table (event_rows.EVENT_COLUMNS), one row per event
    "jsonl": write_jsonl,  # one Reading JSON per line; rows = readings
    "parquet": write_parquet,  # OUT is a folder: <table>.parquet per table of tables.py; rows = all
    "geojson": write_geojson,  # events with coordinates as Points; rows = features
    "acled": write_acled,  # ACLED's columns and order, events ACLED would record
}

__all__ = ["EXPORTERS", "ClusterIndex", "Exporter"]
