"""The store's one reader: read-only, the same answers as the writer, partial Readings, keyset pages and
their cursors, the stats both the CLI and the API show, and the server's preparation of a database."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from conftest import ReadingFactory
from sitreps.errors import NoDatabase
from sitreps.store import BatchItem, Reader, Store, read_only_reader
from sitreps.store.cursors import BadCursor, encode_cursor
from sitreps.store.lists import MATCH_END, MATCH_START, ArticleQuery, ClusterQuery, FigureQuery
from sitreps.store.migrate import prepare_database
from sitreps.store.sql import CHUNK


@pytest.fixture
def db(tmp_path: Path, reading_factory: ReadingFactory) -> Path:
    path = tmp_path / "sitreps.db"
    with Store(path) as store:
        store.add_batch(
            [BatchItem(reading_factory(n, published=date(2022, 9, 20 + n))) for n in range(5)]
            + [BatchItem(reading_factory(9, published=None))]
        )
    return path


@pytest.fixture
def reader(db: Path) -> Iterator[Reader]:
    with read_only_reader(db) as opened:
        yield opened


def test_the_reader_reads_what_the_writer_reads(db: Path, reader: Reader) -> None:
    with Store(db) as store:
        assert list(reader.iter_readings()) == list(store.iter_readings())
        assert reader.stats() == store.stats()
        first = next(store.iter_readings()).article.id
        assert reader.reading(first) == store.reading(first)
        assert reader.article(first) == store.article(first)
    assert reader.reading("nope") is None and reader.article("nope") is None


def test_the_reader_cannot_write(reader: Reader) -> None:
    with pytest.raises(sqlite3.OperationalError):
        reader.connection.execute("DELETE FROM articles")


def test_ids_are_read_in_chunks(reader: Reader) -> None:
    stored = {r.article.id for r in reader.iter_readings()}
    asked = [f"missing-{i}" for i in range(2 * CHUNK + 7)] + sorted(stored)
    assert reader.known_ids(asked) == stored
    assert set(reader.articles(asked)) == stored


def test_an_excerpt_holds_an_event_and_what_it_refers_to(reader: Reader) -> None:
    whole = next(reader.iter_readings())
    shelling = whole.events[0]
    (part,) = reader.excerpts([shelling.id]).values()
    assert [e.id for e in part.events] == [shelling.id]
    assert {p.id for p in part.places} == set(shelling.places)
    assert [t.id for t in part.times] == [shelling.time]
    assert [f.event for f in part.figures] == [shelling.id]
    assert {c.subject for c in part.claims} == {shelling.id, part.figures[0].id}
    assert {shelling.actor1, *shelling.associated} <= {a.id for a in part.actors}
    assert reader.excerpts() == {}


def test_article_pages_follow_their_cursors(reader: Reader) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        page = reader.articles_page(ArticleQuery(), cursor=cursor, limit=2)
        assert page.total == 6
        seen += [entry.id for entry in page.items]
        if page.next is None:
            break
        cursor = page.next
    newest_first = sorted(reader.iter_readings(), key=lambda r: r.article.published or date.min, reverse=True)
    assert seen == [r.article.id for r in newest_first]
    found = reader.articles_page(ArticleQuery(q="Kalbajar"), cursor=None, limit=10)
    assert found.total == 6 and all(
        MATCH_START in (e.snippet or "") and MATCH_END in (e.snippet or "") for e in found.items
    )
    assert found.items[0].events == 3


def test_a_cursor_of_another_list_is_refused(reader: Reader) -> None:
    with pytest.raises(BadCursor):
        reader.articles_page(ArticleQuery(), cursor=encode_cursor("clusters", [None, "x"]), limit=2)
    with pytest.raises(BadCursor):
        reader.figures_page(FigureQuery(), cursor="not a cursor", limit=2)


def test_figure_pages_hold_their_claims(reader: Reader) -> None:
    page = reader.figures_page(FigureQuery(kind="killed"), cursor=None, limit=4)
    assert page.total == 6 and len(page.items) == 4 and page.next is not None
    entry = page.items[0]
    assert [c.subject for c in entry.reading.claims] == [entry.figure.id]
    assert entry.cluster is None
    rest = reader.figures_page(FigureQuery(kind="killed"), cursor=page.next, limit=4)
    assert len(rest.items) == 2 and rest.next is None


def test_a_store_without_clusters(reader: Reader) -> None:
    assert reader.cluster_members() == {}
    assert reader.clusters() == []
    assert reader.clusters_page(ClusterQuery(), cursor=None, limit=5).items == []
    assert reader.api_stats()["clusters"] == 0


def test_the_api_stats_count_what_the_store_holds(reader: Reader) -> None:
    stats = reader.api_stats()
    assert list(stats) == [
        "counts", "published", "outlets", "languages", "figures_by_kind", "clusters", "contradictions",
    ]  # fmt: skip
    assert stats["counts"] == {
        "articles": 6, "actors": 30, "places": 18, "times": 6, "events": 18, "figures": 6, "claims": 18,
        "relations": 12, "clusters": 0,
    }  # fmt: skip
    assert stats["published"] == {"first": "2022-09-20", "last": "2022-09-24"}
    assert stats["outlets"] == {"Azernews": 6}
    assert stats["figures_by_kind"] == {"killed": 6}


def test_the_server_prepares_only_a_database(tmp_path: Path, db: Path) -> None:
    missing = tmp_path / "none.db"
    with pytest.raises(NoDatabase) as refused:
        prepare_database(missing)
    assert str(refused.value) == f"no database at {missing}: run `sitreps ingest PATH --db {missing}` first"
    assert prepare_database(db) is None
