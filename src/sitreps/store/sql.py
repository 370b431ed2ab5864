"""The store's SQL building blocks: quoted column lists, placeholders, ids in chunks, rows of a table by ids.

SQLite caps the parameters of one statement, so a long list of ids is asked for :data:`CHUNK` at a time;
every module of the store that reads or writes by ids uses these, so that the size is written once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from sitreps.store.rows import TABLES, Row

T = TypeVar("T")

CHUNK = 500
"""How many ids go into one ``IN (...)`` list, and how many rows are read back per page."""


def quoted(columns: Iterable[str]) -> str:
    """Column names as a SQL list, each quoted (``"end"`` is a keyword)."""
    return ", ".join(f'"{column}"' for column in columns)


def placeholders(n: int) -> str:
    """``?, ?, ...`` for ``n`` parameters."""
    return ", ".join("?" * n)


def chunked(values: Sequence[T]) -> Iterator[Sequence[T]]:
    """``values`` in slices of at most :data:`CHUNK`."""
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


def select_in(
    conn: sqlite3.Connection,
    table: str,
    column: str,
    values: Iterable[object],
    columns: Sequence[str] | None = None,
) -> list[Row]:
    """Rows of ``table`` (``columns``, by default its columns in :data:`~sitreps.store.rows.TABLES`) whose
    ``column`` is one of ``values`` (each asked for once, read in chunks)."""
    names = TABLES[table] if columns is None else tuple(columns)
    found: list[Row] = []
    for chunk in chunked(list(dict.fromkeys(values))):
        sql = f'SELECT {quoted(names)} FROM "{table}" WHERE "{column}" IN ({placeholders(len(chunk))})'
        found.extend(dict(zip(names, row, strict=True)) for row in conn.execute(sql, chunk))
    return found
