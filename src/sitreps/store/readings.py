"""Readings read back from the store, as the Reading's own models: whole, or partial (excerpts).

A whole Reading comes back equal to the one stored (:func:`readings`, :func:`iter_readings`). For lists,
:func:`excerpts` reads only the records a set of events and figures needs (the events, their times,
places, actors, the claims about them and their figures) and returns them as partial Readings, one per
article; a partial Reading is still validated, so every span in it matches its article's text.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from sitreps.model import Article, Reading
from sitreps.store.rows import TABLES, Row, article_from_row, reading_from_rows
from sitreps.store.sql import CHUNK, chunked, quoted, select_in

Rows = dict[str, list[Row]]


def article_rows(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Row]:
    """The ``articles`` rows of these ids (those stored), by id."""
    return {str(row["id"]): row for row in select_in(conn, "articles", "id", ids)}


def articles(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Article]:
    """The stored articles of these ids (those stored), by id, with their source and duplicate_of."""
    return {article_id: article_from_row(row) for article_id, row in article_rows(conn, ids).items()}


def readings(conn: sqlite3.Connection, rows_of_articles: Sequence[Row]) -> list[Reading]:
    """The Readings of these ``articles`` rows, in their order, reading each table once for all of them."""
    ids = [row["id"] for row in rows_of_articles]
    tables: dict[object, Rows] = {aid: defaultdict(list) for aid in ids}
    for table in TABLES:
        if table == "articles":
            continue
        for row in select_in(conn, table, "article_id", ids):
            tables[row["article_id"]][table].append(row)
    return [reading_from_rows(row, tables[row["id"]]) for row in rows_of_articles]


def iter_readings(conn: sqlite3.Connection, *, include_duplicates: bool = True) -> Iterator[Reading]:
    """Every stored Reading, by published date (undated last), then article id, a page at a time."""
    where = "" if include_duplicates else " WHERE duplicate_of IS NULL"
    columns = TABLES["articles"]
    cursor = conn.execute(f"SELECT {quoted(columns)} FROM articles{where} ORDER BY published NULLS LAST, id")
    while page := cursor.fetchmany(CHUNK):
        yield from readings(conn, [dict(zip(columns, row, strict=True)) for row in page])


def readings_of(conn: sqlite3.Connection, article_ids: Sequence[str]) -> Iterator[Reading]:
    """The stored Readings of these articles (those stored), a page at a time, in the given order."""
    for chunk in chunked(list(dict.fromkeys(article_ids))):
        found = article_rows(conn, chunk)
        page = [found[a] for a in chunk if a in found]
        if page:
            yield from readings(conn, page)


def excerpts(
    conn: sqlite3.Connection, event_ids: Sequence[str] = (), figure_ids: Sequence[str] = ()
) -> dict[str, Reading]:
    """Partial Readings, by article id, holding these events and figures and what they refer to.

    Each holds the events, their times, places, actor1, actor2 and associated actors and their figures;
    the figures asked for; the claims whose subject is one of those events or figures, with their
    claimants and relays; and the figures' parties.
    """
    if not event_ids and not figure_ids:
        return {}
    events = select_in(conn, "events", "id", event_ids)
    found = [str(row["id"]) for row in events]
    event_places = select_in(conn, "event_places", "event_id", found)
    associated = select_in(conn, "event_associated", "event_id", found)
    figures = select_in(conn, "figures", "event", found)
    seen_figures = {str(row["id"]) for row in figures}
    figures += [row for row in select_in(conn, "figures", "id", figure_ids) if row["id"] not in seen_figures]
    claims = select_in(conn, "claims", "subject", [*found, *(str(row["id"]) for row in figures)])
    relay = select_in(conn, "claim_relay", "claim_id", [str(row["id"]) for row in claims])
    times = select_in(conn, "times", "id", [row["time"] for row in events if row["time"] is not None])
    places = select_in(conn, "places", "id", [row["place_id"] for row in event_places])
    actor_ids = (
        [row[key] for row in events for key in ("actor1", "actor2") if row[key] is not None]
        + [row["actor_id"] for row in associated]
        + [row["claimant"] for row in claims if row["claimant"] is not None]
        + [row["actor_id"] for row in relay]
        + [row["party"] for row in figures if row["party"] is not None]
    )
    actors = select_in(conn, "actors", "id", actor_ids)
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
        ("actor_aliases", select_in(conn, "actor_aliases", "actor_id", actor_found)),
        ("mentions", select_in(conn, "mentions", "actor_id", actor_found)),
    ):
        for row in table_rows:
            per_article[str(row["article_id"])][table].append(row)
    found_articles = article_rows(conn, per_article)
    return {
        article_id: reading_from_rows(found_articles[article_id], tables)
        for article_id, tables in per_article.items()
        if article_id in found_articles
    }
