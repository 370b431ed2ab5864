"""Records read back from the store over a read-only connection, as the Reading's own models.

A whole Reading comes back as the store wrote it (:func:`load_reading`). For lists, :func:`load_excerpts`
reads only the records a set of events needs (the events, their times, places, actors, the claims about
them and their figures) and returns them as partial Readings, one per article; a partial Reading is
still validated, so every span in it matches its article's text.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence

from sitreps.model import EventCluster, Reading
from sitreps.store.rows import TABLES, reading_from_rows

_CHUNK = 500
Rows = dict[str, list[dict[str, object]]]


def _columns(table: str) -> str:
    return ", ".join(f'"{column}"' for column in TABLES[table])


def _select(
    conn: sqlite3.Connection, table: str, column: str, values: Iterable[object]
) -> list[dict[str, object]]:
    """Rows of ``table`` whose ``column`` is one of ``values`` (read in chunks of ids)."""
    wanted = list(dict.fromkeys(values))
    names = TABLES[table]
    found: list[dict[str, object]] = []
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i : i + _CHUNK]
        sql = f'SELECT {_columns(table)} FROM "{table}" WHERE "{column}" IN ({", ".join("?" * len(chunk))})'
        found.extend(dict(zip(names, row, strict=True)) for row in conn.execute(sql, chunk))
    return found


def article_rows(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, dict[str, object]]:
    """The ``articles`` rows of these ids, by id."""
    return {str(row["id"]): row for row in _select(conn, "articles", "id", ids)}


def load_reading(conn: sqlite3.Connection, article_id: str) -> Reading | None:
    """The stored Reading of one article, equal to the one stored; None when it is not stored."""
    row = article_rows(conn, [article_id]).get(article_id)
    if row is None:
        return None
    tables: Rows = {
        table: _select(conn, table, "article_id", [article_id]) for table in TABLES if table != "articles"
    }
    return reading_from_rows(row, tables)


def load_excerpts(
    conn: sqlite3.Connection, event_ids: Sequence[str] = (), figure_ids: Sequence[str] = ()
) -> dict[str, Reading]:
    """Partial Readings, by article id, holding these events and figures and what they refer to.

    Each holds the events, their times, places, actor1, actor2 and associated actors and their figures;
    the figures asked for; the claims whose subject is one of those events or figures, with their
    claimants and relays; and the figures' parties.
    """
    if not event_ids and not figure_ids:
        return {}
    events = _select(conn, "events", "id", event_ids)
    found = [str(row["id"]) for row in events]
    event_places = _select(conn, "event_places", "event_id", found)
    associated = _select(conn, "event_associated", "event_id", found)
    figures = _select(conn, "figures", "event", found)
    seen_figures = {str(row["id"]) for row in figures}
    figures += [row for row in _select(conn, "figures", "id", figure_ids) if row["id"] not in seen_figures]
    claims = _select(conn, "claims", "subject", [*found, *(str(row["id"]) for row in figures)])
    relay = _select(conn, "claim_relay", "claim_id", [str(row["id"]) for row in claims])
    times = _select(conn, "times", "id", [row["time"] for row in events if row["time"] is not None])
    places = _select(conn, "places", "id", [row["place_id"] for row in event_places])
    actor_ids = (
        [row[key] for row in events for key in ("actor1", "actor2") if row[key] is not None]
        + [row["actor_id"] for row in associated]
        + [row["claimant"] for row in claims if row["claimant"] is not None]
        + [row["actor_id"] for row in relay]
        + [row["party"] for row in figures if row["party"] is not None]
    )
    actors = _select(conn, "actors", "id", actor_ids)
    actor_found = [str(row["id"]) for row in actors]
    per_article: dict[str, Rows] = defaultdict(lambda: defaultdict(list))
    for table, table_rows in (
        ("events", events),
        ("event_places", event_places),
        ("event_associated", associated),
        ("claims", claims),
        ("claim_relay", relay),
        ("figures", figures),
        ("times", times),
        ("places", places),
        ("actors", actors),
        ("actor_aliases", _select(conn, "actor_aliases", "actor_id", actor_found)),
        ("mentions", _select(conn, "mentions", "actor_id", actor_found)),
    ):
        for row in table_rows:
            per_article[str(row["article_id"])][table].append(row)
    articles = article_rows(conn, per_article)
    return {
        article_id: reading_from_rows(articles[article_id], tables)
        for article_id, tables in per_article.items()
        if article_id in articles
    }


def clusters_of_events(conn: sqlite3.Connection, event_ids: Iterable[str]) -> dict[str, str]:
    """The cluster of each clustered event, by event id."""
    wanted = list(dict.fromkeys(event_ids))
    found: dict[str, str] = {}
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i : i + _CHUNK]
        sql = (
            "SELECT event_id, cluster_id FROM cluster_members"
            f" WHERE event_id IN ({', '.join('?' * len(chunk))})"
        )
        found.update((str(e), str(c)) for e, c in conn.execute(sql, chunk))
    return found


def clusters_of_article(conn: sqlite3.Connection, article_id: str) -> dict[str, str]:
    """The cluster of each clustered event of one article, by event id."""
    rows = conn.execute(
        "SELECT event_id, cluster_id FROM cluster_members WHERE article_id = ?", (article_id,)
    )
    return {str(e): str(c) for e, c in rows}


def load_cluster(conn: sqlite3.Connection, cluster_id: str) -> EventCluster | None:
    """One event cluster as clustering stored it (``model.EventCluster``)."""
    row = conn.execute("SELECT body FROM clusters WHERE id = ?", (cluster_id,)).fetchone()
    return None if row is None else EventCluster.model_validate_json(row[0])
