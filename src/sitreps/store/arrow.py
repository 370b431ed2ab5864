"""The tables of :mod:`sitreps.store.rows` in Arrow: one schema per table and typed columns from rows.

Shared by the Parquet export, the Spark job and the loader of its output, so that all three write and
read the same types (dates as date32, counts as int64).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import pyarrow as pa

from sitreps.store.rows import COLUMN_TYPES, TABLES, ColumnType

ARROW_TYPES: dict[ColumnType, pa.DataType] = {
    "str": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
}
DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    table: tuple(column for column, kind in COLUMN_TYPES[table].items() if kind == "date") for table in TABLES
}
"""Each table's date columns, which tables.rows gives as ISO strings."""


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of one table of tables.py."""
    return pa.schema([pa.field(column, ARROW_TYPES[COLUMN_TYPES[table][column]]) for column in TABLES[table]])


def as_date(value: object) -> date | None:
    """An ISO date string (or a date) as a date; None stays None."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def typed_row(table: str, row: Mapping[str, object]) -> dict[str, object]:
    """A row of tables.rows with its dates as dates, ready for an Arrow table of :func:`arrow_schema`."""
    typed = dict(row)
    for column in DATE_COLUMNS[table]:
        typed[column] = as_date(typed[column])
    return typed


def arrow_table(table: str, table_rows: Sequence[Mapping[str, object]]) -> pa.Table:
    """Rows of one table as an Arrow table with its schema (columns in the table's order)."""
    schema = arrow_schema(table)
    arrays = [
        pa.array(
            [as_date(row[column]) for row in table_rows]
            if column in DATE_COLUMNS[table]
            else [row[column] for row in table_rows],
            type=field.type,
        )
        for column, field in zip(TABLES[table], schema, strict=True)
    ]
    return pa.Table.from_arrays(arrays, schema=schema)
