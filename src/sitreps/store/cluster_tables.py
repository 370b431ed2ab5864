"""SQL for the cluster tables (migrations/0002_clusters.sql): event keys, links and clusters, and what
clustering reads of the stored articles.

It speaks rows: an article's skeleton comes out as :class:`ArticleFacts` (a Reading's fields that
clustering compares, without text and spans), an event key goes in and comes out as a :data:`KeyRow`
of plain columns, and a cluster goes in as a :class:`~sitreps.model.EventCluster`. Only
:mod:`sitreps.cluster.update` writes here, inside one transaction per update; readers use the
:class:`~sitreps.store.Store` methods ``cluster``, ``cluster_of`` and ``contradictions``.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sitreps.model import EventCluster, Reading
from sitreps.store.sql import chunked, placeholders


@dataclass(frozen=True)
class PlaceFacts:
    id: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: int | None
    metonymic: bool


@dataclass(frozen=True)
class TimeFacts:
    id: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class ActorFacts:
    id: str
    name: str
    kind: str | None
    country: str | None
    role: str | None


@dataclass(frozen=True)
class EventFacts:
    id: str
    plover: str
    mode: str | None
    acled_event_type: str | None
    actor1: str | None
    actor2: str | None
    time: str | None
    habitual: bool
    negated: bool
    hypothetical: bool
    places: tuple[str, ...]


@dataclass(frozen=True)
class ArticleFacts:
    """What clustering keys read of one article: a Reading's fields without text and spans (the store
    builds these straight from its rows, much faster than whole Readings; :func:`facts_of` builds the
    same from a Reading)."""

    id: str
    published: date | None
    places: tuple[PlaceFacts, ...]
    times: tuple[TimeFacts, ...]
    actors: tuple[ActorFacts, ...]
    events: tuple[EventFacts, ...]


def facts_of(reading: Reading) -> ArticleFacts:
    """The facts of a Reading in memory: what :func:`skeletons` reads of it once stored."""
    return ArticleFacts(
        reading.article.id,
        reading.article.published,
        tuple(
            PlaceFacts(p.id, p.country, p.admin1, p.lat, p.lon, p.precision, p.metonymic)
            for p in reading.places
        ),
        tuple(TimeFacts(t.id, t.start, t.end) for t in reading.times),
        tuple(ActorFacts(a.id, a.name, a.kind, a.country, a.role) for a in reading.actors),
        tuple(
            EventFacts(
                e.id, e.plover, e.mode, e.acled_event_type, e.actor1, e.actor2, e.time, e.habitual, e.negated,
                e.hypothetical, tuple(e.places),
            )
            for e in reading.events
        ),
    )  # fmt: skip


KeyRow = tuple[str, str, str, int, int, str]
"""One row of event_keys: event id, article id, family, first day, last day (date ordinals) and the
other keys as JSON (``body``)."""


def articles_without_keys(conn: sqlite3.Connection) -> list[str]:
    """Articles with an event that clustering has not seen yet, oldest first."""
    sql = (
        "SELECT DISTINCT e.article_id FROM events AS e LEFT JOIN event_keys AS k ON k.event_id = e.id"
        " WHERE k.event_id IS NULL ORDER BY e.article_id"
    )
    return [row[0] for row in conn.execute(sql)]


_SKELETON_SQL = {
    "places": "SELECT article_id, id, country, admin1, lat, lon, precision, metonymic FROM places",
    "times": 'SELECT article_id, id, start, "end" FROM times',
    "actors": "SELECT article_id, id, name, kind, country, role FROM actors",  # ActorFacts' order
    "events": "SELECT article_id, id, plover, mode, acled_event_type, actor1, actor2, time, habitual,"
    " negated, hypothetical FROM events",
}


def skeletons(conn: sqlite3.Connection, article_ids: Sequence[str]) -> Iterator[ArticleFacts]:
    """What clustering keys read of these articles, straight from the rows: building whole Readings
    would cost several times more."""
    for chunk in chunked(list(article_ids)):
        marks = placeholders(len(chunk))
        event_places: dict[str, list[str]] = defaultdict(list)
        sql = f"SELECT event_id, place_id FROM event_places WHERE article_id IN ({marks})"
        for event_id, place_id in conn.execute(sql + " ORDER BY event_id, position", chunk):
            event_places[event_id].append(place_id)
        rows: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for table, select in _SKELETON_SQL.items():
            query = f"{select} WHERE article_id IN ({marks}) ORDER BY article_id, position"
            for row in conn.execute(query, chunk):
                rows[str(row[0])][table].append(row)
        for article_id, published in conn.execute(
            f"SELECT id, published FROM articles WHERE id IN ({marks}) ORDER BY id", chunk
        ):
            found = rows[article_id]
            yield ArticleFacts(
                article_id,
                _day(published),
                tuple(PlaceFacts(r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7])) for r in found["places"]),
                tuple(TimeFacts(r[1], _day(r[2]), _day(r[3])) for r in found["times"]),
                tuple(ActorFacts(r[1], r[2], r[3], r[4], r[5]) for r in found["actors"]),
                tuple(
                    EventFacts(
                        r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]), bool(r[9]), bool(r[10]),
                        tuple(event_places[r[1]]),
                    )
                    for r in found["events"]
                ),
            )  # fmt: skip


def _day(value: object) -> date | None:
    return None if value is None else date.fromisoformat(str(value))


def insert_keys(conn: sqlite3.Connection, keys: Iterable[KeyRow]) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO event_keys (event_id, article_id, family, first_day, last_day, body)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        keys,
    )


def keys_between(conn: sqlite3.Connection, first_day: int, last_day: int) -> list[KeyRow]:
    """Stored clusterable keys whose window touches [first_day, last_day]."""
    sql = (
        "SELECT event_id, article_id, family, first_day, last_day, body FROM event_keys"
        " WHERE family != '-' AND last_day >= ? AND first_day <= ?"
    )
    return conn.execute(sql, (first_day, last_day)).fetchall()


def keys_of(conn: sqlite3.Connection, event_ids: Sequence[str]) -> list[KeyRow]:
    """The stored keys of these events (those it has)."""
    found: list[KeyRow] = []
    for chunk in chunked(event_ids):
        sql = (
            "SELECT event_id, article_id, family, first_day, last_day, body FROM event_keys"
            f" WHERE event_id IN ({placeholders(len(chunk))})"
        )
        found.extend(conn.execute(sql, chunk))
    return found


def insert_links(conn: sqlite3.Connection, pairs: Iterable[tuple[str, str]]) -> None:
    conn.executemany("INSERT OR IGNORE INTO event_links (a, b) VALUES (?, ?)", sorted(pairs))


def neighbours(conn: sqlite3.Connection, event_ids: Sequence[str]) -> list[tuple[str, str]]:
    """Every stored link touching these events."""
    found: list[tuple[str, str]] = []
    for chunk in chunked(event_ids):
        marks = placeholders(len(chunk))
        found.extend(conn.execute(f"SELECT a, b FROM event_links WHERE a IN ({marks})", chunk))
        found.extend(conn.execute(f"SELECT a, b FROM event_links WHERE b IN ({marks})", chunk))
    return found


def delete_clusters_of(conn: sqlite3.Connection, event_ids: Sequence[str]) -> None:
    """Remove every cluster that holds one of these events (they are about to be recomputed)."""
    doomed: set[str] = set()
    for chunk in chunked(event_ids):
        sql = (
            f"SELECT DISTINCT cluster_id FROM cluster_members WHERE event_id IN ({placeholders(len(chunk))})"
        )
        doomed.update(row[0] for row in conn.execute(sql, chunk))
    ids = sorted(doomed)
    for chunk in chunked(ids):
        marks = placeholders(len(chunk))
        for table, column in (("cluster_members", "cluster_id"), ("contradictions", "cluster_id")):
            conn.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)
        conn.execute(f"DELETE FROM clusters WHERE id IN ({marks})", chunk)


def insert_cluster(conn: sqlite3.Connection, cluster: EventCluster, articles: dict[str, str]) -> None:
    """Write one cluster, its members (``articles``: event id -> article id) and its contradictions."""
    conn.execute(
        'INSERT INTO clusters (id, plover, acled_event_type, acled_sub_event_type, start, "end",'
        " first_reported, country, admin1, place, lat, lon, precision, n_events, n_articles, n_sources,"
        " n_contradictions, body)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            cluster.id,
            cluster.plover,
            cluster.acled_event_type,
            cluster.acled_sub_event_type,
            None if cluster.start is None else cluster.start.isoformat(),
            None if cluster.end is None else cluster.end.isoformat(),
            None if cluster.first_reported is None else cluster.first_reported.isoformat(),
            cluster.country,
            cluster.admin1,
            cluster.place,
            cluster.lat,
            cluster.lon,
            cluster.precision,
            len(cluster.events),
            len(cluster.articles),
            cluster.sources,
            len(cluster.contradictions),
            cluster.model_dump_json(by_alias=True),
        ),
    )
    conn.executemany(
        "INSERT INTO cluster_members (event_id, cluster_id, article_id) VALUES (?, ?, ?)",
        ((event_id, cluster.id, articles[event_id]) for event_id in cluster.events),
    )
    conn.executemany(
        "INSERT INTO contradictions (cluster_id, position, about, detail, first_claimant, second_claimant,"
        " first_article, second_article, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                cluster.id,
                position,
                c.about,
                c.detail,
                c.first.claimant,
                c.second.claimant,
                c.first.article_id,
                c.second.article_id,
                c.model_dump_json(by_alias=True),
            )
            for position, c in enumerate(cluster.contradictions)
        ),
    )


def count_clusters(conn: sqlite3.Connection) -> int:
    """How many clusters the store holds."""
    return int(conn.execute("SELECT count(*) FROM clusters").fetchone()[0])


def clear(conn: sqlite3.Connection) -> None:
    """Forget every key, link and cluster (``sitreps cluster --rebuild``)."""
    for table in ("contradictions", "cluster_members", "clusters", "event_links", "event_keys"):
        conn.execute(f"DELETE FROM {table}")
