"""The flat events table as CSV (UTF-8, header row): one row per event, columns EVENT_COLUMNS."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from sitreps.export.event_rows import EVENT_COLUMNS, event_rows
from sitreps.model import Reading


def write_csv(readings: Iterable[Reading], out: Path) -> int:
    """Write every event of the readings to ``out``; returns the number of rows."""
    out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=EVENT_COLUMNS)
        writer.writeheader()
        for reading in readings:
            for row in event_rows(reading):
                writer.writerow(row)
                written += 1
    return written
