"""The store's repository API: Readings go in by atomic batches and come back equal; articles are searchable.

One :class:`Store` holds one connection. Writes happen in ``add_batch`` only, each batch in one
``BEGIN IMMEDIATE`` ... ``COMMIT`` transaction, so a crash loses at most the batch in flight and the
web page can keep reading (WAL) while a batch is written.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType

from sitreps.errors import StoreError
from sitreps.model import Article, Contradiction, EventCluster, Reading
from sitreps.store.database import connect
from sitreps.store.migrate import migrate, schema_version
from sitreps.store.rows import TABLES, article_from_row, reading_from_rows, rows

# Columns only the store keeps for an article, beside those of tables.TABLES["articles"].
ARTICLE_EXTRA_COLUMNS = ("duplicate_similarity", "ingested_at")
# How many ids go into one "IN (...)" list, and how many articles are read back per page.
_CHUNK = 500


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


def _columns(columns: Iterable[str]) -> str:
    return ", ".join(f'"{column}"' for column in columns)


def _insert(table: str, columns: Sequence[str]) -> str:
    return f'INSERT INTO "{table}" ({_columns(columns)}) VALUES ({", ".join("?" * len(columns))})'


def _placeholders(n: int) -> str:
    return ", ".join("?" * n)


def fts_query(text: str) -> str:
    """User text as an FTS5 query that cannot fail: each word a quoted term, all of them required.

    Words without a letter or digit are dropped (the tokenizer would index nothing for them), so
    quotes, brackets, ``*`` and operators such as ``AND`` or ``NEAR`` are matched as plain words or
    ignored. Returns "" when nothing searchable is left.
    """
    terms = [word for word in text.split() if any(char.isalnum() for char in word)]
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


class Store:
    """The SQLite store at ``path``: created and migrated on opening."""

    def __init__(self, path: str | Path) -> None:
        self._path = Path(path)
        self._conn = connect(self._path)
        try:
            migrate(self._conn)
        except BaseException:
            self._conn.close()
            raise

    @property
    def path(self) -> Path:
        return self._path

    @property
    def schema_version(self) -> int:
        return schema_version(self._conn)

    @property
    def connection(self) -> sqlite3.Connection:
        """The store's connection, for the store's own SQL modules (cluster_tables)."""
        return self._conn

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

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            sql = f"SELECT id FROM articles WHERE id IN ({_placeholders(len(chunk))})"
            found.update(row[0] for row in self._conn.execute(sql, chunk))
        return found

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

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """Every stored MinHash signature, by article id."""
        for article_id, signature in self._conn.execute(
            "SELECT article_id, signature FROM minhashes ORDER BY article_id"
        ):
            yield article_id, bytes(signature)

    def _article_rows(self, where: str = "", params: Sequence[object] = ()) -> Iterator[dict[str, object]]:
        columns = (*TABLES["articles"], *ARTICLE_EXTRA_COLUMNS)
        cursor = self._conn.execute(
            f"SELECT {_columns(columns)} FROM articles {where} ORDER BY published NULLS LAST, id", params
        )
        while page := cursor.fetchmany(_CHUNK):
            yield from (dict(zip(columns, row, strict=True)) for row in page)

    def _readings(self, article_rows: Sequence[dict[str, object]]) -> list[Reading]:
        """The Readings of these articles, reading each table once for all of them."""
        ids = [row["id"] for row in article_rows]
        tables: dict[object, dict[str, list[dict[str, object]]]] = {aid: defaultdict(list) for aid in ids}
        for table, columns in TABLES.items():
            if table == "articles":
                continue
            sql = f'SELECT {_columns(columns)} FROM "{table}" WHERE article_id IN ({_placeholders(len(ids))})'
            for values in self._conn.execute(sql, ids):
                row = dict(zip(columns, values, strict=True))
                tables[row["article_id"]][table].append(row)
        return [reading_from_rows(row, tables[row["id"]]) for row in article_rows]

    def iter_readings(self, *, include_duplicates: bool = True) -> Iterator[Reading]:
        """Every stored Reading, by published date (undated last), then article id."""
        where = "" if include_duplicates else "WHERE duplicate_of IS NULL"
        page: list[dict[str, object]] = []
        for row in self._article_rows(where):
            page.append(row)
            if len(page) == _CHUNK:
                yield from self._readings(page)
                page = []
        if page:
            yield from self._readings(page)

    def readings_of(self, article_ids: Sequence[str]) -> Iterator[Reading]:
        """The stored Readings of these articles (those stored), a page at a time, in the given order."""
        wanted = list(dict.fromkeys(article_ids))
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            found = {
                row["id"]: row
                for row in self._article_rows(f"WHERE id IN ({_placeholders(len(chunk))})", chunk)
            }
            rows_ = [found[a] for a in chunk if a in found]
            if rows_:
                yield from self._readings(rows_)

    def reading(self, article_id: str) -> Reading | None:
        """The stored Reading of one article, equal to the one stored; None when it is not stored."""
        found = list(self._article_rows("WHERE id = ?", (article_id,)))
        return self._readings(found)[0] if found else None

    def article(self, article_id: str) -> Article | None:
        """One stored article, with its source and duplicate_of."""
        found = list(self._article_rows("WHERE id = ?", (article_id,)))
        return article_from_row(found[0]) if found else None

    def duplicate_similarity(self, article_id: str) -> float | None:
        """How similar a stored near-duplicate is to the article it repeats (None when not recorded)."""
        row = self._conn.execute(
            "SELECT duplicate_similarity FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return None if row is None else row[0]

    def counts(self) -> dict[str, int]:
        """Rows per table (the tables of tables.py and ``minhashes``)."""
        return {
            table: self._conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in (*TABLES, "minhashes")
        }

    def _tally(self, sql: str) -> dict[str, int]:
        return {("unknown" if key is None else str(key)): n for key, n in self._conn.execute(sql)}

    def stats(self) -> dict[str, object]:
        """What the store holds: row counts, articles per outlet and language, the published date range,
        near-duplicates, events per PLOVER type and figures per kind."""
        first, last = self._conn.execute("SELECT min(published), max(published) FROM articles").fetchone()
        (duplicates,) = self._conn.execute(
            "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"
        ).fetchone()
        return {
            "counts": self.counts(),
            "outlets": self._tally(
                "SELECT outlet, count(*) FROM articles GROUP BY outlet ORDER BY count(*) DESC, outlet"
            ),
            "languages": self._tally(
                "SELECT language, count(*) FROM articles GROUP BY language ORDER BY count(*) DESC, language"
            ),
            "published": {"first": first, "last": last},
            "duplicates": duplicates,
            "events_by_plover": self._tally(
                "SELECT plover, count(*) FROM events GROUP BY plover ORDER BY count(*) DESC, plover"
            ),
            "figures_by_kind": self._tally(
                "SELECT kind, count(*) FROM figures GROUP BY kind ORDER BY count(*) DESC, kind"
            ),
        }

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """Articles whose title or text hold every word of ``query`` (user text, any characters), best
        first: (article id, snippet with the matches in [brackets])."""
        match = fts_query(query)
        if not match or limit < 1:
            return []
        sql = (
            "SELECT a.id, snippet(articles_fts, -1, '[', ']', '…', 12) FROM articles_fts"
            " JOIN articles AS a ON a.seq = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank, a.id LIMIT ?"
        )
        try:
            return [(article_id, snippet) for article_id, snippet in self._conn.execute(sql, (match, limit))]
        except sqlite3.Error as e:
            raise StoreError(f"search failed for {query!r}: {e}") from e

    # Clusters (written by sitreps.cluster.update; see migrations/0002_clusters.sql)

    def cluster(self, cluster_id: str) -> EventCluster | None:
        """One event cluster, with its versions, figure timelines and contradictions."""
        row = self._conn.execute("SELECT body FROM clusters WHERE id = ?", (cluster_id,)).fetchone()
        return None if row is None else EventCluster.model_validate_json(row[0])

    def cluster_of(self, event_id: str) -> str | None:
        """The id of the cluster an event belongs to (None when it is not clustered)."""
        row = self._conn.execute(
            "SELECT cluster_id FROM cluster_members WHERE event_id = ?", (event_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    def contradictions(self, cluster_id: str | None = None) -> list[tuple[str, Contradiction]]:
        """Every stored contradiction as (cluster id, contradiction), by cluster start date then position."""
        sql = (
            "SELECT c.cluster_id, c.body FROM contradictions AS c JOIN clusters AS k ON k.id = c.cluster_id"
            + (" WHERE c.cluster_id = ?" if cluster_id is not None else "")
            + " ORDER BY k.start NULLS LAST, c.cluster_id, c.position"
        )
        params = (cluster_id,) if cluster_id is not None else ()
        rows_ = self._conn.execute(sql, params)
        return [(str(cid), Contradiction.model_validate_json(body)) for cid, body in rows_]

    def clusters(
        self,
        *,
        country: str | None = None,
        since: date | None = None,
        until: date | None = None,
        kind: str | None = None,
        limit: int | None = None,
    ) -> list[EventCluster]:
        """Clusters by date (their text date, else when first reported), then id, filtered by a country
        (ISO alpha-2 of the cluster's main place or of any member's place), a date range (inclusive; a
        cluster counts when its days overlap it) and a PLOVER or ACLED event type."""
        where, params = [], []
        if country:
            where.append(
                "(k.country = ? OR EXISTS (SELECT 1 FROM cluster_members AS m"
                " JOIN event_places AS ep ON ep.event_id = m.event_id JOIN places AS p ON p.id = ep.place_id"
                " WHERE m.cluster_id = k.id AND p.country = ?))"
            )
            params += [country.upper(), country.upper()]
        if since:
            where.append('coalesce(k."end", k.start, k.first_reported) >= ?')
            params.append(since.isoformat())
        if until:
            where.append("coalesce(k.start, k.first_reported) <= ?")
            params.append(until.isoformat())
        if kind:
            where.append("(k.plover = ? OR k.acled_event_type = ?)")
            params += [kind.upper(), kind]
        sql = (
            "SELECT k.body FROM clusters AS k"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY coalesce(k.start, k.first_reported) NULLS LAST, k.id"
            + (" LIMIT ?" if limit is not None else "")
        )
        if limit is not None:
            params.append(str(limit))
        return [EventCluster.model_validate_json(body) for (body,) in self._conn.execute(sql, params)]
