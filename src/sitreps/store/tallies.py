"""What the store holds, counted in the store: rows per table, rows per value of a column, the published
date range, near-duplicates. `sitreps stats` (:func:`stats`) and the API's /api/stats (:func:`api_stats`)
are both put together from these counts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from sitreps.store.rows import TABLES

# The tables the API's stats count, in the order it shows them.
API_COUNTED = (
    "articles", "actors", "places", "times", "events", "figures", "claims", "relations", "clusters",
)  # fmt: skip


def row_counts(conn: sqlite3.Connection, tables: Iterable[str]) -> dict[str, int]:
    """Rows per table, in the order given."""
    return {table: int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]) for table in tables}


def tally(conn: sqlite3.Connection, table: str, column: str) -> dict[str, int]:
    """Rows per value of ``table.column``, most first (ties by value); no value counts as 'unknown'."""
    sql = f"SELECT {column}, count(*) FROM {table} GROUP BY {column} ORDER BY count(*) DESC, {column}"
    return {("unknown" if key is None else str(key)): int(n) for key, n in conn.execute(sql)}


def published(conn: sqlite3.Connection) -> dict[str, str | None]:
    """The first and last publication dates of the stored articles (None when there is none)."""
    first, last = conn.execute("SELECT min(published), max(published) FROM articles").fetchone()
    return {"first": first, "last": last}


def duplicates(conn: sqlite3.Connection) -> int:
    """How many stored articles nearly repeat another."""
    return int(conn.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0])


def stats(conn: sqlite3.Connection) -> dict[str, object]:
    """What `sitreps stats` shows: row counts (the tables of rows.py and ``minhashes``), articles per
    outlet and language, the published date range, near-duplicates, events per PLOVER type and figures
    per kind."""
    return {
        "counts": row_counts(conn, (*TABLES, "minhashes")),
        "outlets": tally(conn, "articles", "outlet"),
        "languages": tally(conn, "articles", "language"),
        "published": published(conn),
        "duplicates": duplicates(conn),
        "events_by_plover": tally(conn, "events", "plover"),
        "figures_by_kind": tally(conn, "figures", "kind"),
    }


def api_stats(conn: sqlite3.Connection) -> dict[str, object]:
    """What the API's stats take from the store itself (events are counted by the event index): row
    counts, the published range, outlets, languages, figure kinds, clusters and contradictions."""
    counts = row_counts(conn, API_COUNTED)
    return {
        "counts": counts,
        "published": published(conn),
        "outlets": tally(conn, "articles", "outlet"),
        "languages": tally(conn, "articles", "language"),
        "figures_by_kind": tally(conn, "figures", "kind"),
        "clusters": counts["clusters"],
        "contradictions": row_counts(conn, ("contradictions",))["contradictions"],
    }
