"""The lists read a page at a time: articles, figures, clusters and contradictions straight from the store,
events from the event index (:mod:`sitreps.store.event_index`) filled in with their records.

Each list has a stable order, newest first, ending in a unique key, and pages by keyset: a page's cursor
(:mod:`sitreps.store.cursors`) is the sort key of its last row. Every value reaches SQL as a parameter.
A page holds the store's own models (records, partial Readings) or plain entries; how they are shown is
the reader's business.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from sitreps.model import CasualtyFigure, Contradiction, Event, Reading
from sitreps.store.cluster_reads import clusters_of_events
from sitreps.store.cursors import decode_cursor, encode_cursor
from sitreps.store.event_filter import EventFilter, like_pattern
from sitreps.store.event_index import EventIndex, EventKey, Order
from sitreps.store.readings import excerpts
from sitreps.store.search import fts_query
from sitreps.store.sql import quoted

T = TypeVar("T")

# Marks around each match in a search snippet: control characters never found in stored text.
MATCH_START, MATCH_END = "\x02", "\x03"


@dataclass(frozen=True)
class ListPage(Generic[T]):
    """One page of a list: its items, the cursor of the next page (None on the last) and the list's size."""

    items: list[T]
    next: str | None
    total: int


def _day(value: object) -> date | None:
    return None if value is None else date.fromisoformat(str(value))


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


# Articles


@dataclass(frozen=True)
class ArticleQuery:
    q: str | None = None
    outlet: str | None = None
    start: date | None = None
    end: date | None = None
    duplicates: bool = True


@dataclass(frozen=True)
class ArticleEntry:
    """An article in a list: its fields without the text, the search snippet (with ``q``; each match
    between MATCH_START and MATCH_END) and how many events it has."""

    id: str
    url: str | None
    outlet: str | None
    author: str | None
    title: str | None
    published: date | None
    language: str | None
    duplicate_of: str | None
    snippet: str | None
    events: int


_ARTICLE_COLUMNS = ("id", "url", "outlet", "author", "title", "published", "language", "duplicate_of")


def articles_page(
    conn: sqlite3.Connection, query: ArticleQuery, *, cursor: str | None, limit: int
) -> ListPage[ArticleEntry]:
    """Articles newest first (undated last), then by id; with ``q``, only those holding every word."""
    clauses: list[str] = []
    params: list[Any] = []
    snippet = "NULL"
    source = "articles AS a"
    if query.q is not None:
        match = fts_query(query.q)
        if not match:
            return ListPage(items=[], next=None, total=0)
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
    columns = ", ".join(f"a.{c}" for c in _ARTICLE_COLUMNS)
    rows = conn.execute(
        f"SELECT {columns}, {snippet}, (SELECT count(*) FROM events AS e WHERE e.article_id = a.id)"
        f" FROM {source} WHERE {page_where} ORDER BY a.published DESC, a.id DESC LIMIT ?",
        [*page_params, limit + 1],
    ).fetchall()
    items = []
    for row in rows[:limit]:
        values = dict(zip((*_ARTICLE_COLUMNS, "snippet", "events"), row, strict=True))
        values["published"] = _day(values["published"])
        items.append(ArticleEntry(**values))
    following = None
    if len(rows) > limit:
        last = rows[limit - 1]
        following = encode_cursor("articles", [last[5], last[0]])  # published, id
    return ListPage(items=items, next=following, total=int(total))


# Figures


@dataclass(frozen=True)
class FigureQuery:
    kind: str | None = None
    population: str | None = None
    article: str | None = None
    claimant: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class FigureEntry:
    """A casualty figure in a list, in the partial Reading of its article that holds it, the claims about
    it and the actors they name (:func:`~sitreps.store.readings.excerpts`), and its event's cluster."""

    figure: CasualtyFigure
    reading: Reading
    cluster: str | None


def figures_page(
    conn: sqlite3.Connection, query: FigureQuery, *, cursor: str | None, limit: int
) -> ListPage[FigureEntry]:
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
    readings = excerpts(conn, figure_ids=[str(r[0]) for r in shown])
    figures = {f.id: (f, reading) for reading in readings.values() for f in reading.figures}
    clusters = clusters_of_events(conn, [f.event for f, _ in figures.values() if f.event is not None])
    items = []
    for figure_id, _article_id, _day in shown:
        figure, reading = figures[str(figure_id)]
        items.append(FigureEntry(figure=figure, reading=reading, cluster=clusters.get(figure.event or "")))
    following = None
    if len(rows) > limit:
        last = shown[-1]
        following = encode_cursor("figures", [last[2], str(last[0])])
    return ListPage(items=items, next=following, total=int(total))


# Clusters


@dataclass(frozen=True)
class ClusterQuery:
    start: date | None = None
    end: date | None = None
    country: str | None = None
    plover: str | None = None
    contradicted: bool = False


@dataclass(frozen=True)
class ClusterEntry:
    """A cluster's headline fields, as the ``clusters`` table holds them beside the whole cluster."""

    id: str
    plover: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    start: date | None
    end: date | None
    country: str | None
    admin1: str | None
    place: str | None
    lat: float | None
    lon: float | None
    precision: int | None
    n_events: int
    n_articles: int
    n_sources: int
    n_contradictions: int


_CLUSTER_COLUMNS = (
    "id", "plover", "acled_event_type", "acled_sub_event_type", "start", "end", "country", "admin1",
    "place", "lat", "lon", "precision", "n_events", "n_articles", "n_sources", "n_contradictions",
)  # fmt: skip


def clusters_page(
    conn: sqlite3.Connection, query: ClusterQuery, *, cursor: str | None, limit: int
) -> ListPage[ClusterEntry]:
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
    rows = conn.execute(
        f"SELECT {quoted(_CLUSTER_COLUMNS)} FROM clusters WHERE {where} ORDER BY start DESC, id DESC LIMIT ?",
        [*params, limit + 1],
    ).fetchall()
    items = []
    for row in rows[:limit]:
        values = dict(zip(_CLUSTER_COLUMNS, row, strict=True))
        values["start"], values["end"] = _day(values["start"]), _day(values["end"])
        items.append(ClusterEntry(**values))
    following = None
    if len(rows) > limit:
        last = rows[limit - 1]
        following = encode_cursor("clusters", [last[4], last[0]])  # start, id
    return ListPage(items=items, next=following, total=int(total))


# Contradictions


@dataclass(frozen=True)
class ContradictionQuery:
    cluster: str | None = None
    about: str | None = None
    claimant: str | None = None


@dataclass(frozen=True)
class ContradictionEntry:
    """A contradiction in a list, with its cluster and the cluster's first day."""

    cluster: str
    start: date | None
    contradiction: Contradiction


def contradictions_page(
    conn: sqlite3.Connection, query: ContradictionQuery, *, cursor: str | None, limit: int
) -> ListPage[ContradictionEntry]:
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
        ContradictionEntry(
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
    return ListPage(items=items, next=following, total=int(total))


# Events


@dataclass(frozen=True)
class EventEntry:
    """An event in a list, in the partial Reading of its article that holds what it refers to, with the
    date the event index gives it (``dated``: the event's own time, not its article's publication date)
    and its cluster."""

    event: Event
    reading: Reading
    day: date | None
    dated: bool
    cluster: str | None


def events_page(
    conn: sqlite3.Connection,
    index: EventIndex,
    flt: EventFilter,
    *,
    cursor: str | None,
    limit: int,
    order: Order = "newest",
) -> ListPage[EventEntry]:
    """A page of events in the index's stable order (by date, then id), with their records."""
    after = None
    if cursor is not None:
        sortday, event_id = decode_cursor(f"events-{order}", cursor, (str, str))
        after = EventKey(sortday=str(sortday or ""), id=str(event_id))
    found = index.page(flt, after=after, limit=limit + 1, order=order)
    shown = found[:limit]
    readings = excerpts(conn, [e.id for e in shown])
    events = {e.id: (e, r) for r in readings.values() for e in r.events}
    clusters = clusters_of_events(conn, list(events))
    items = [
        EventEntry(events[e.id][0], events[e.id][1], e.day, e.dated, clusters.get(e.id))
        for e in shown
        if e.id in events  # an event the store no longer holds is left out
    ]
    following = None
    if len(found) > limit:
        last = shown[-1]
        following = encode_cursor(f"events-{order}", [last.sortday, last.id])
    return ListPage(items=items, next=following, total=index.count(flt))


def event_entry(conn: sqlite3.Connection, index: EventIndex, event_id: str) -> EventEntry | None:
    """One event with its records; None when it is not stored."""
    for reading in excerpts(conn, [event_id]).values():
        for event in reading.events:
            if event.id == event_id:
                located = index.located(event_id)
                day, dated = located if located is not None else (None, False)
                cluster = clusters_of_events(conn, [event_id]).get(event_id)
                return EventEntry(event, reading, day, dated, cluster)
    return None
