"""The flat events table as CSV (UTF-8, header row): one row per event, columns EVENT_COLUMNS."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from sitreps.export.clusters import ClusterIndex
from sitreps.export.event_rows import EVENT_COLUMNS, event_rows
from sitreps.model import Reading


def write_rows(rows: Iterable[Mapping[str, object]], columns: Sequence[str], out: Path) -> int:
    """Write rows with these columns to ``out`` as CSV (UTF-8, header row); returns the number of rows."""
    out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            written += 1
    return written


def write_csv(readings: Iterable[Reading], out: Path, clusters: ClusterIndex | None = None) -> int:
    """Write every event of the readings to ``out``; returns the number of rows."""
    cluster_of = clusters.cluster_of if clusters else None
    rows = (row for reading in readings for row in event_rows(reading, cluster_of))
    return write_rows(rows, EVENT_COLUMNS, out)
