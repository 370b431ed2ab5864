"""The store's writer: Readings go in by atomic batches and come back equal (it is a Reader too).

One :class:`Store` holds one connection, created and migrated on opening. Writes happen in ``add_batch``
(and in cluster updates, through ``transaction``) only, each batch in one ``BEGIN IMMEDIATE`` ...
``COMMIT`` transaction, so a crash loses at most the batch in flight and the web page can keep reading
(WAL) while a batch is written. Everything it reads back comes from :class:`~sitreps.store.reader.Reader`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sitreps.errors import StoreError
from sitreps.model import Reading
from sitreps.store.database import connect
from sitreps.store.migrate import migrate, schema_version
from sitreps.store.reader import Reader
from sitreps.store.rows import TABLES, rows
from sitreps.store.sql import placeholders, quoted

# Columns only the store keeps for an article, beside those of rows.TABLES["articles"].
ARTICLE_EXTRA_COLUMNS = ("duplicate_similarity", "ingested_at")


@dataclass(frozen=True)
class BatchItem:
    """One article to store: its Reading, and what near-duplicate detection found for it."""

    reading: Reading
    signature: bytes | None = None  # MinHash signature bytes of the article
    similarity: float | None = None  # similarity to article.duplicate_of, when that is set


@dataclass(frozen=True)
class BatchResult:
    added: int
    skipped: int  # already stored, or repeated inside the batch: stored once


def _insert(table: str, columns: Sequence[str]) -> str:
    return f'INSERT INTO "{table}" ({quoted(columns)}) VALUES ({placeholders(len(columns))})'


class Store(Reader):
    """The SQLite store at ``path``: created and migrated on opening."""

    def __init__(self, path: str | Path) -> None:
        self._path = Path(path)
        conn = connect(self._path)
        try:
            migrate(conn)
        except BaseException:
            conn.close()
            raise
        super().__init__(conn)

    @property
    def path(self) -> Path:
        return self._path

    @property
    def schema_version(self) -> int:
        return schema_version(self._conn)

    @contextmanager
    def transaction(self, failure: str | None = None) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``), rolled back on any error; a database
        error becomes a StoreError that starts with ``failure``."""
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as e:
            raise StoreError(f"{failure or f'cannot write to the database {self._path}'}: {e}") from e

    def add_batch(self, items: Sequence[BatchItem]) -> BatchResult:
        """Store every new article of the batch with all its records, in one transaction: all or nothing.

        An article already stored is skipped, and one repeated inside the batch is stored once, so
        re-adding a batch changes nothing. Raises :class:`StoreError` (with nothing of the batch stored)
        when the database refuses a row.
        """
        if not items:
            return BatchResult(added=0, skipped=0)
        ingested_at = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction(f"cannot store a batch of {len(items)} articles; none of it was stored"):
            return self._insert_batch(items, ingested_at)

    def _insert_batch(self, items: Sequence[BatchItem], ingested_at: str) -> BatchResult:
        stored = self.known_ids(item.reading.article.id for item in items)
        batch: dict[str, list[dict[str, object]]] = {table: [] for table in TABLES}
        signatures: list[tuple[str, bytes]] = []
        for item in items:
            article_id = item.reading.article.id
            if article_id in stored:
                continue
            stored.add(article_id)
            for table, table_rows in rows(item.reading).items():
                batch[table].extend(table_rows)
            batch["articles"][-1].update(duplicate_similarity=item.similarity, ingested_at=ingested_at)
            if item.signature is not None:
                signatures.append((article_id, item.signature))
        for table, columns in TABLES.items():
            if table == "articles":
                columns = (*columns, *ARTICLE_EXTRA_COLUMNS)
            self._conn.executemany(
                _insert(table, columns), ([row[c] for c in columns] for row in batch[table])
            )
        self._conn.executemany("INSERT INTO minhashes (article_id, signature) VALUES (?, ?)", signatures)
        added = len(batch["articles"])
        return BatchResult(added=added, skipped=len(items) - added)
