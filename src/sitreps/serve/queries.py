"""The lists the API pages through straight from the store: articles, figures, clusters, contradictions,
and the store's counts. (Events are listed from the event index, :mod:`sitreps.serve.event_index`.)

Each list has a stable order, newest first, ending in a unique key, and pages by keyset: a page's cursor
is the sort key of its last row. Every value reaches SQL as a parameter.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sitreps.model import Contradiction, Reading
from sitreps.serve.filters import like_pattern
from sitreps.serve.pagination import decode_cursor, encode_cursor
from sitreps.serve.records import clusters_of_events, load_excerpts
from sitreps.serve.schemas import (
    ArticleItem,
    ArticleSummary,
    ClusterItem,
    ContradictionItem,
    FigureItem,
    Page,
)
from sitreps.store import fts_query

if TYPE_CHECKING:
    from sitreps.serve.event_index import EventIndex

# Marks around each match in a search snippet: control characters never found in stored text.
MATCH_START, MATCH_END = "\x02", "\x03"


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def summary_of(reading: Reading) -> ArticleSummary:
    """The summary of a Reading's article (its text left out)."""
    article = reading.article
    return ArticleSummary.model_validate(
        {**article.model_dump(exclude={"text"}), "duplicate_of": article.duplicate_of}
    )


def _newest_first(column: str, id_column: str, key: list[Any]) -> tuple[str, list[Any]]:
    """The keyset condition "after (value, id)" for ``ORDER BY column DESC, id_column DESC``, where
    SQLite puts NULLs last."""
    value, last_id = key
    if value is None:
        return f"({column} IS NULL AND {id_column} < ?)", [last_id]
    return (
        f"({column} < ? OR ({column} = ? AND {id_column} < ?) OR {column} IS NULL)",
        [value, value, last_id],
    )


@dataclass(frozen=True)
class ArticleQuery:
    q: str | None = None
    outlet: str | None = None
    start: date | None = None
    end: date | None = None
    duplicates: bool = True


def list_articles(
    conn: sqlite3.Connection, query: ArticleQuery, *, cursor: str | None, limit: int
) -> Page[ArticleItem]:
    """Articles newest first (undated last), then by id; with ``q``, only those holding every word."""
    clauses: list[str] = []
    params: list[Any] = []
    snippet = "NULL"
    source = "articles AS a"
    if query.q is not None:
        match = fts_query(query.q)
        if not match:
            return Page(items=[], next=None, total=0)
        source = "articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid"
        clauses.append("articles_fts MATCH ?")
        params.append(match)
        snippet = f"snippet(articles_fts, -1, '{MATCH_START}', '{MATCH_END}', '…', 16)"
    if query.outlet:
        clauses.append("a.outlet = ?")
        params.append(query.outlet)
    if query.start:
        clauses.append("a.published >= ?")
        params.append(query.start.isoformat())
    if query.end:
        clauses.append("a.published <= ?")
        params.append(query.end.isoformat())
    if not query.duplicates:
        clauses.append("a.duplicate_of IS NULL")
    where = " AND ".join(clauses) or "1"
    (total,) = conn.execute(f"SELECT count(*) FROM {source} WHERE {where}", params).fetchone()
    page_where, page_params = where, list(params)
    if cursor is not None:
        key = decode_cursor("articles", cursor, (str, str))
        condition, extra = _newest_first("a.published", "a.id", key)
        page_where += " AND " + condition
        page_params += extra
    columns = ", ".join(f"a.{c}" for c in ArticleSummary.model_fields)
    rows = conn.execute(
        f"SELECT {columns}, {snippet}, (SELECT count(*) FROM events AS e WHERE e.article_id = a.id)"
        f" FROM {source} WHERE {page_where} ORDER BY a.published DESC, a.id DESC LIMIT ?",
        [*page_params, limit + 1],
    ).fetchall()
    names = list(ArticleSummary.model_fields)
    items = [
        ArticleItem.model_validate(
            {**dict(zip(names, row, strict=False)), "snippet": row[-2], "events": row[-1]}
        )
        for row in rows[:limit]
    ]
    following = None
    if len(rows) > limit:
        last = items[-1]
        following = encode_cursor("articles", [_iso(last.published), last.id])
    return Page(items=items, next=following, total=int(total))


@dataclass(frozen=True)
class FigureQuery:
    kind: str | None = None
    population: str | None = None
    article: str | None = None
    claimant: str | None = None
    start: date | None = None
    end: date | None = None


def list_figures(
    conn: sqlite3.Connection, query: FigureQuery, *, cursor: str | None, limit: int
) -> Page[FigureItem]:
    """Casualty figures newest first by their date (as_of, else the article's publication date), then id."""
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in (
        ("f.kind", query.kind),
        ("f.population", query.population),
        ("f.article_id", query.article),
    ):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    day = "coalesce(f.as_of, a.published)"
    if query.start:
        clauses.append(f"{day} >= ?")
        params.append(query.start.isoformat())
    if query.end:
        clauses.append(f"{day} <= ?")
        params.append(query.end.isoformat())
    if query.claimant:
        clauses.append(
            "f.id IN (SELECT c.subject FROM claims AS c JOIN actors AS ac ON ac.id = c.claimant"
            " WHERE lower(ac.name) LIKE ? ESCAPE '\\')"
        )
        params.append(like_pattern(query.claimant))
    where = " AND ".join(clauses) or "1"
    base = f"FROM figures AS f JOIN articles AS a ON a.id = f.article_id WHERE {where}"
    (total,) = conn.execute(f"SELECT count(*) {base}", params).fetchone()
    page_params = list(params)
    if cursor is not None:
        after_day, last_id = decode_cursor("figures", cursor, (str, str))
        if after_day is None:
            base += f" AND ({day} IS NULL AND f.id < ?)"
            page_params += [last_id]
        else:
            base += f" AND ({day} < ? OR ({day} = ? AND f.id < ?) OR {day} IS NULL)"
            page_params += [after_day, after_day, last_id]
    rows = conn.execute(
        f"SELECT f.id, f.article_id, {day} {base} ORDER BY {day} DESC, f.id DESC LIMIT ?",
        [*page_params, limit + 1],
    ).fetchall()
    shown = rows[:limit]
    readings = load_excerpts(conn, figure_ids=[str(r[0]) for r in shown])
    figures = {f.id: (f, reading) for reading in readings.values() for f in reading.figures}
    clusters = clusters_of_events(conn, [f.event for f, _ in figures.values() if f.event is not None])
    items = []
    for figure_id, _article_id, _day in shown:
        figure, reading = figures[str(figure_id)]
        claims = [c for c in reading.claims if c.subject == figure.id]
        wanted = {figure.party, *(c.claimant for c in claims), *(r for c in claims for r in c.relay)}
        items.append(
            FigureItem(
                figure=figure,
                article=summary_of(reading),
                actors=[a for a in reading.actors if a.id in wanted],
                claims=claims,
                cluster=clusters.get(figure.event or ""),
            )
        )
    following = None
    if len(rows) > limit:
        last = shown[-1]
        following = encode_cursor("figures", [last[2], str(last[0])])
    return Page(items=items, next=following, total=int(total))


@dataclass(frozen=True)
class ClusterQuery:
    start: date | None = None
    end: date | None = None
    country: str | None = None
    plover: str | None = None
    contradicted: bool = False


_CLUSTER_COLUMNS = (
    "id", "plover", "acled_event_type", "acled_sub_event_type", "start", "end", "country", "admin1",
    "place", "lat", "lon", "precision", "n_events", "n_articles", "n_sources", "n_contradictions",
)  # fmt: skip


def list_clusters(
    conn: sqlite3.Connection, query: ClusterQuery, *, cursor: str | None, limit: int
) -> Page[ClusterItem]:
    """Event clusters newest first (by their first day; undated last), then by id. ``start``/``end``
    keep clusters whose days overlap the range."""
    clauses: list[str] = []
    params: list[Any] = []
    if query.start:
        clauses.append('coalesce("end", start) >= ?')
        params.append(query.start.isoformat())
    if query.end:
        clauses.append("start <= ?")
        params.append(query.end.isoformat())
    for column, value in (("country", query.country), ("plover", query.plover)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if query.contradicted:
        clauses.append("n_contradictions > 0")
    where = " AND ".join(clauses) or "1"
    (total,) = conn.execute(f"SELECT count(*) FROM clusters WHERE {where}", params).fetchone()
    if cursor is not None:
        condition, extra = _newest_first("start", "id", decode_cursor("clusters", cursor, (str, str)))
        where += " AND " + condition
        params += extra
    columns = ", ".join(f'"{c}"' for c in _CLUSTER_COLUMNS)
    rows = conn.execute(
        f"SELECT {columns} FROM clusters WHERE {where} ORDER BY start DESC, id DESC LIMIT ?",
        [*params, limit + 1],
    ).fetchall()
    items = [_cluster_item(dict(zip(_CLUSTER_COLUMNS, row, strict=True))) for row in rows[:limit]]
    following = None
    if len(rows) > limit:
        last = items[-1]
        following = encode_cursor("clusters", [_iso(last.start), last.id])
    return Page(items=items, next=following, total=int(total))


def _cluster_item(row: dict[str, Any]) -> ClusterItem:
    return ClusterItem.model_validate(
        {
            **{k: v for k, v in row.items() if not k.startswith("n_")},
            "events": row["n_events"],
            "articles": row["n_articles"],
            "sources": row["n_sources"],
            "contradictions": row["n_contradictions"],
        }
    )


@dataclass(frozen=True)
class ContradictionQuery:
    cluster: str | None = None
    about: str | None = None
    claimant: str | None = None


def list_contradictions(
    conn: sqlite3.Connection, query: ContradictionQuery, *, cursor: str | None, limit: int
) -> Page[ContradictionItem]:
    """Contradictions by their cluster, newest cluster first (undated last), then cluster id, then in
    the order the cluster lists them. ``claimant`` matches part of either side's claimant name."""
    clauses: list[str] = []
    params: list[Any] = []
    if query.cluster:
        clauses.append("c.cluster_id = ?")
        params.append(query.cluster)
    if query.about:
        clauses.append("c.about = ?")
        params.append(query.about)
    if query.claimant:
        clauses.append(
            "(lower(c.first_claimant) LIKE ? ESCAPE '\\' OR lower(c.second_claimant) LIKE ? ESCAPE '\\')"
        )
        params += [like_pattern(query.claimant)] * 2
    where = " AND ".join(clauses) or "1"
    base = f"FROM contradictions AS c JOIN clusters AS k ON k.id = c.cluster_id WHERE {where}"
    (total,) = conn.execute(f"SELECT count(*) {base}", params).fetchone()
    day = "coalesce(k.start, '')"
    if cursor is not None:
        value, cluster_id, position = decode_cursor("contradictions", cursor, (str, str, int))
        base += (
            f" AND ({day} < ? OR ({day} = ? AND c.cluster_id < ?)"
            f" OR ({day} = ? AND c.cluster_id = ? AND c.position > ?))"
        )
        params += [value, value, cluster_id, value, cluster_id, position]
    rows = conn.execute(
        f"SELECT c.cluster_id, k.start, c.position, c.body, {day} {base}"
        f" ORDER BY {day} DESC, c.cluster_id DESC, c.position ASC LIMIT ?",
        [*params, limit + 1],
    ).fetchall()
    items = [
        ContradictionItem(
            cluster=str(cluster_id),
            start=date.fromisoformat(start) if start else None,
            contradiction=Contradiction.model_validate_json(body),
        )
        for cluster_id, start, _position, body, _day in rows[:limit]
    ]
    following = None
    if len(rows) > limit:
        cluster_id, _start, position, _body, sort_day = rows[limit - 1]
        following = encode_cursor("contradictions", [sort_day, cluster_id, position])
    return Page(items=items, next=following, total=int(total))


def _tally(conn: sqlite3.Connection, sql: str) -> dict[str, int]:
    return {("unknown" if key is None else str(key)): int(n) for key, n in conn.execute(sql)}


def kept_store_stats(conn: sqlite3.Connection, index: EventIndex) -> dict[str, Any]:
    """:func:`store_stats`, counted once per state of the store (the server counts it at startup: at 1M
    events the counts take seconds)."""
    return index.per_version(("stats",), lambda: store_stats(conn))


def store_stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """What the store holds, counted in the store: rows per table, outlets, languages, figure kinds."""
    tables = ("articles", "actors", "places", "times", "events", "figures", "claims", "relations", "clusters")
    counts = {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}
    first, last = conn.execute("SELECT min(published), max(published) FROM articles").fetchone()
    (contradictions,) = conn.execute("SELECT count(*) FROM contradictions").fetchone()
    return {
        "counts": counts,
        "published": {"first": first, "last": last},
        "outlets": _tally(
            conn, "SELECT outlet, count(*) FROM articles GROUP BY outlet ORDER BY count(*) DESC, outlet"
        ),
        "languages": _tally(
            conn, "SELECT language, count(*) FROM articles GROUP BY language ORDER BY count(*) DESC, language"
        ),
        "figures_by_kind": _tally(
            conn, "SELECT kind, count(*) FROM figures GROUP BY kind ORDER BY count(*) DESC, kind"
        ),
        "clusters": counts["clusters"],
        "contradictions": int(contradictions),
    }
