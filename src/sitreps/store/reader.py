"""The store's one reader: everything that is read back from the store, over one connection.

A :class:`Reader` is what the server, the exports and the commands ask: Readings (whole, or partial for
lists), articles, clusters and their members, contradictions, counts, search, and the keyset-paged lists.
:func:`read_only_reader` opens one read-only (the server opens one per request);
:class:`~sitreps.store.repository.Store`, the writer, is a Reader too, over its own connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Self

import sitreps.store.cluster_reads as cluster_reads
import sitreps.store.lists as lists
import sitreps.store.readings as readings
import sitreps.store.tallies as tallies
from sitreps.model import Article, Contradiction, EventCluster, Reading
from sitreps.store.database import open_read_only
from sitreps.store.event_filter import EventFilter
from sitreps.store.event_index import EventIndex, Order
from sitreps.store.lists import (
    ArticleEntry,
    ArticleQuery,
    ClusterEntry,
    ClusterQuery,
    ContradictionEntry,
    ContradictionQuery,
    EventEntry,
    FigureEntry,
    FigureQuery,
    ListPage,
)
from sitreps.store.rows import TABLES
from sitreps.store.search import search
from sitreps.store.sql import select_in


class Reader:
    """Reads the store over ``conn`` (closed by :meth:`close`, or at the end of a ``with`` block)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @property
    def connection(self) -> sqlite3.Connection:
        """The connection, for the store's own SQL modules (cluster_tables)."""
        return self._conn

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # Articles and their Readings

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored."""
        return {str(row["id"]) for row in select_in(self._conn, "articles", "id", ids, ("id",))}

    def reading(self, article_id: str) -> Reading | None:
        """The stored Reading of one article, equal to the one stored; None when it is not stored."""
        found = readings.article_rows(self._conn, [article_id]).get(article_id)
        return None if found is None else readings.readings(self._conn, [found])[0]

    def readings_of(self, article_ids: Sequence[str]) -> Iterator[Reading]:
        """The stored Readings of these articles (those stored), a page at a time, in the given order."""
        return readings.readings_of(self._conn, article_ids)

    def iter_readings(self, *, include_duplicates: bool = True) -> Iterator[Reading]:
        """Every stored Reading, by published date (undated last), then article id."""
        return readings.iter_readings(self._conn, include_duplicates=include_duplicates)

    def excerpts(self, event_ids: Sequence[str] = (), figure_ids: Sequence[str] = ()) -> dict[str, Reading]:
        """Partial Readings, by article id, holding these events and figures and what they refer to
        (:func:`sitreps.store.readings.excerpts`)."""
        return readings.excerpts(self._conn, event_ids, figure_ids)

    def article(self, article_id: str) -> Article | None:
        """One stored article, with its source and duplicate_of."""
        return self.articles([article_id]).get(article_id)

    def articles(self, article_ids: Iterable[str]) -> dict[str, Article]:
        """The stored articles of these ids (those stored), by id, with their source and duplicate_of."""
        return readings.articles(self._conn, article_ids)

    def duplicate_similarity(self, article_id: str) -> float | None:
        """How similar a stored near-duplicate is to the article it repeats (None when not recorded)."""
        row = self._conn.execute(
            "SELECT duplicate_similarity FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return None if row is None else row[0]

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """Every stored MinHash signature, by article id."""
        for article_id, signature in self._conn.execute(
            "SELECT article_id, signature FROM minhashes ORDER BY article_id"
        ):
            yield article_id, bytes(signature)

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """Articles whose title or text hold every word of ``query`` (user text, any characters), best
        first: (article id, snippet with the matches in [brackets])."""
        return search(self._conn, query, limit)

    # Counts

    def counts(self) -> dict[str, int]:
        """Rows per table (the tables of rows.py and ``minhashes``)."""
        return tallies.row_counts(self._conn, (*TABLES, "minhashes"))

    def stats(self) -> dict[str, object]:
        """What the store holds, as `sitreps stats` shows it (:func:`sitreps.store.tallies.stats`)."""
        return tallies.stats(self._conn)

    def api_stats(self) -> dict[str, object]:
        """What the store holds, as the API's stats show it (:func:`sitreps.store.tallies.api_stats`)."""
        return tallies.api_stats(self._conn)

    # Clusters (written by sitreps.cluster.update through cluster_tables)

    def cluster(self, cluster_id: str) -> EventCluster | None:
        """One event cluster, with its versions, figure timelines and contradictions."""
        return cluster_reads.cluster(self._conn, cluster_id)

    def cluster_of(self, event_id: str) -> str | None:
        """The id of the cluster an event belongs to (None when it is not clustered)."""
        return self.clusters_of_events([event_id]).get(event_id)

    def clusters_of_events(self, event_ids: Iterable[str]) -> dict[str, str]:
        """The cluster of each clustered event among these, by event id."""
        return cluster_reads.clusters_of_events(self._conn, event_ids)

    def clusters_of_article(self, article_id: str) -> dict[str, str]:
        """The cluster of each clustered event of one article, by event id."""
        return cluster_reads.clusters_of_article(self._conn, article_id)

    def cluster_members(self) -> dict[str, str]:
        """The cluster of every clustered event: event id -> cluster id."""
        return cluster_reads.cluster_members(self._conn)

    def clusters(
        self,
        *,
        country: str | None = None,
        since: date | None = None,
        until: date | None = None,
        kind: str | None = None,
        limit: int | None = None,
    ) -> list[EventCluster]:
        """Clusters by date, then id, filtered (:func:`sitreps.store.cluster_reads.clusters`)."""
        return cluster_reads.clusters(
            self._conn, country=country, since=since, until=until, kind=kind, limit=limit
        )

    def contradictions(self, cluster_id: str | None = None) -> list[tuple[str, Contradiction]]:
        """Every stored contradiction as (cluster id, contradiction), by cluster start date then position."""
        return cluster_reads.contradictions(self._conn, cluster_id)

    # Lists, a page at a time (sitreps.store.lists); a bad cursor raises cursors.BadCursor

    def articles_page(self, query: ArticleQuery, *, cursor: str | None, limit: int) -> ListPage[ArticleEntry]:
        return lists.articles_page(self._conn, query, cursor=cursor, limit=limit)

    def figures_page(self, query: FigureQuery, *, cursor: str | None, limit: int) -> ListPage[FigureEntry]:
        return lists.figures_page(self._conn, query, cursor=cursor, limit=limit)

    def clusters_page(self, query: ClusterQuery, *, cursor: str | None, limit: int) -> ListPage[ClusterEntry]:
        return lists.clusters_page(self._conn, query, cursor=cursor, limit=limit)

    def contradictions_page(
        self, query: ContradictionQuery, *, cursor: str | None, limit: int
    ) -> ListPage[ContradictionEntry]:
        return lists.contradictions_page(self._conn, query, cursor=cursor, limit=limit)

    def events_page(
        self, index: EventIndex, flt: EventFilter, *, cursor: str | None, limit: int, order: Order = "newest"
    ) -> ListPage[EventEntry]:
        return lists.events_page(self._conn, index, flt, cursor=cursor, limit=limit, order=order)

    def event(self, index: EventIndex, event_id: str) -> EventEntry | None:
        """One event with its records; None when it is not stored."""
        return lists.event_entry(self._conn, index, event_id)


def read_only_reader(path: Path) -> Reader:
    """A reader over a read-only connection to the store at ``path`` (it reads while an ingest writes)."""
    return Reader(open_read_only(path))
