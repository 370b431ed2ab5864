"""The tables of sitreps/tables.py as Parquet: OUT is a folder with one ``<table>.parquet`` per table.

Each file has an explicit schema from tables.COLUMN_TYPES (dates as date32), so an empty table still has
typed columns, and the files read the same in pandas, DuckDB and Spark.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from sitreps.export.clusters import ClusterIndex
from sitreps.model import Reading
from sitreps.store.arrow import arrow_schema, arrow_table
from sitreps.store.rows import TABLES, rows

# Rows kept in memory per table before they are written out as a row group.
_ROW_GROUP = 10_000


CLUSTER_SCHEMA = pa.schema(
    [
        ("id", pa.string()), ("plover", pa.string()), ("acled_event_type", pa.string()),
        ("acled_sub_event_type", pa.string()), ("start", pa.date32()), ("end", pa.date32()),
        ("first_reported", pa.date32()), ("country", pa.string()), ("admin1", pa.string()),
        ("place", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()), ("precision", pa.int64()),
        ("events", pa.int64()), ("sources", pa.int64()), ("contradictions", pa.int64()),
        ("summary", pa.string()),
    ]
)  # fmt: skip
MEMBER_SCHEMA = pa.schema([("event_id", pa.string()), ("cluster_id", pa.string())])


def write_clusters(clusters: ClusterIndex, out: Path) -> int:
    """``clusters.parquet`` (one row per cluster) and ``cluster_members.parquet`` (event id -> cluster id)."""
    found = list(clusters.clusters())
    columns = {
        "id": [c.id for c in found],
        "plover": [c.plover for c in found],
        "acled_event_type": [c.acled_event_type for c in found],
        "acled_sub_event_type": [c.acled_sub_event_type for c in found],
        "start": [c.start for c in found],
        "end": [c.end for c in found],
        "first_reported": [c.first_reported for c in found],
        "country": [c.country for c in found],
        "admin1": [c.admin1 for c in found],
        "place": [c.place for c in found],
        "lat": [c.lat for c in found],
        "lon": [c.lon for c in found],
        "precision": [c.precision for c in found],
        "events": [len(c.events) for c in found],
        "sources": [c.sources for c in found],
        "contradictions": [len(c.contradictions) for c in found],
        "summary": ["\n".join(c.summary) or None for c in found],
    }
    pq.write_table(pa.table(columns, schema=CLUSTER_SCHEMA), out / "clusters.parquet")
    members = sorted(clusters.cluster_of.items())
    pq.write_table(
        pa.table(
            {"event_id": [m[0] for m in members], "cluster_id": [m[1] for m in members]}, schema=MEMBER_SCHEMA
        ),
        out / "cluster_members.parquet",
    )
    return len(found) + len(members)


def write_parquet(readings: Iterable[Reading], out: Path, clusters: ClusterIndex | None = None) -> int:
    """Write every table to ``out/<table>.parquet`` (and the clusters' two tables, given an index);
    returns the number of rows, all tables together."""
    out.mkdir(parents=True, exist_ok=True)
    schemas = {table: arrow_schema(table) for table in TABLES}
    writers = {table: pq.ParquetWriter(out / f"{table}.parquet", schemas[table]) for table in TABLES}
    pending: dict[str, list[dict[str, object]]] = {table: [] for table in TABLES}
    written = 0

    def flush(table: str) -> None:
        table_rows = pending[table]
        if table_rows:
            writers[table].write_table(arrow_table(table, table_rows))
            pending[table] = []

    try:
        for reading in readings:
            for table, table_rows in rows(reading).items():
                pending[table].extend(table_rows)
                written += len(table_rows)
                if len(pending[table]) >= _ROW_GROUP:
                    flush(table)
        for table in TABLES:
            flush(table)
    finally:
        for writer in writers.values():
            writer.close()
    if clusters is not None:
        written += write_clusters(clusters, out)
    return written
