"""The tables of sitreps/tables.py as Parquet: OUT is a folder with one ``<table>.parquet`` per table.

Each file has an explicit schema from tables.COLUMN_TYPES (dates as date32), so an empty table still has
typed columns, and the files read the same in pandas, DuckDB and Spark.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from sitreps.model import Reading
from sitreps.tables import COLUMN_TYPES, TABLES, ColumnType, rows

_ARROW_TYPES: dict[ColumnType, pa.DataType] = {
    "str": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
}
# Rows kept in memory per table before they are written out as a row group.
_ROW_GROUP = 10_000


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of one table of tables.py."""
    return pa.schema(
        [pa.field(column, _ARROW_TYPES[COLUMN_TYPES[table][column]]) for column in TABLES[table]]
    )


def _column(table: str, column: str, table_rows: list[dict[str, object]]) -> list[object]:
    values = [row[column] for row in table_rows]
    if COLUMN_TYPES[table][column] == "date":
        return [None if v is None else date.fromisoformat(str(v)) for v in values]
    return values


def write_parquet(readings: Iterable[Reading], out: Path) -> int:
    """Write every table to ``out/<table>.parquet``; returns the number of rows, all tables together."""
    out.mkdir(parents=True, exist_ok=True)
    schemas = {table: arrow_schema(table) for table in TABLES}
    writers = {table: pq.ParquetWriter(out / f"{table}.parquet", schemas[table]) for table in TABLES}
    pending: dict[str, list[dict[str, object]]] = {table: [] for table in TABLES}
    written = 0

    def flush(table: str) -> None:
        table_rows = pending[table]
        if table_rows:
            arrays = [
                pa.array(_column(table, c, table_rows), type=f.type)
                for c, f in zip(TABLES[table], schemas[table], strict=True)
            ]
            writers[table].write_table(pa.Table.from_arrays(arrays, schema=schemas[table]))
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
    return written
