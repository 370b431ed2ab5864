"""Event clusters read back from the store (migrations/0002_clusters.sql; written by
:mod:`sitreps.store.cluster_tables`): whole clusters, who belongs to which, and their contradictions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date

from sitreps.model import Contradiction, EventCluster
from sitreps.store.sql import select_in


def cluster(conn: sqlite3.Connection, cluster_id: str) -> EventCluster | None:
    """One event cluster as clustering stored it, with its versions, figure timelines and contradictions."""
    row = conn.execute("SELECT body FROM clusters WHERE id = ?", (cluster_id,)).fetchone()
    return None if row is None else EventCluster.model_validate_json(row[0])


def cluster_members(conn: sqlite3.Connection) -> dict[str, str]:
    """The cluster of every clustered event: event id -> cluster id."""
    return {str(e): str(c) for e, c in conn.execute("SELECT event_id, cluster_id FROM cluster_members")}


def clusters_of_events(conn: sqlite3.Connection, event_ids: Iterable[str]) -> dict[str, str]:
    """The cluster of each clustered event among these, by event id."""
    members = select_in(conn, "cluster_members", "event_id", event_ids, ("event_id", "cluster_id"))
    return {str(row["event_id"]): str(row["cluster_id"]) for row in members}


def clusters_of_article(conn: sqlite3.Connection, article_id: str) -> dict[str, str]:
    """The cluster of each clustered event of one article, by event id."""
    rows = conn.execute(
        "SELECT event_id, cluster_id FROM cluster_members WHERE article_id = ?", (article_id,)
    )
    return {str(e): str(c) for e, c in rows}


def contradictions(
    conn: sqlite3.Connection, cluster_id: str | None = None
) -> list[tuple[str, Contradiction]]:
    """Every stored contradiction (or one cluster's) as (cluster id, contradiction), by cluster start
    date then position."""
    sql = (
        "SELECT c.cluster_id, c.body FROM contradictions AS c JOIN clusters AS k ON k.id = c.cluster_id"
        + (" WHERE c.cluster_id = ?" if cluster_id is not None else "")
        + " ORDER BY k.start NULLS LAST, c.cluster_id, c.position"
    )
    params = (cluster_id,) if cluster_id is not None else ()
    return [(str(cid), Contradiction.model_validate_json(body)) for cid, body in conn.execute(sql, params)]


def clusters(
    conn: sqlite3.Connection,
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
    return [EventCluster.model_validate_json(body) for (body,) in conn.execute(sql, params)]
