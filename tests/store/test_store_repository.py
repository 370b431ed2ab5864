"""The repository API on real SQLite files: atomic, idempotent batches; exact round trips; search; stats."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from conftest import ReadingFactory
from sitreps.errors import StoreError
from sitreps.model import Reading
from sitreps.store import BatchItem, BatchResult, Store, connect, fts_query

TESTS = Path(__file__).resolve().parents[1]
SRC = TESTS.parent / "src"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "sitreps.db") as opened:
        assert opened.path == tmp_path / "sitreps.db"
        yield opened


def _batch(readings: list[Reading]) -> list[BatchItem]:
    return [BatchItem(r, signature=r.article.id.encode()) for r in readings]


def test_add_batch_stores_every_table(store: Store, reading_factory: ReadingFactory) -> None:
    result = store.add_batch(_batch([reading_factory(1), reading_factory(2)]))
    assert result == BatchResult(added=2, skipped=0)
    counts = store.counts()
    assert counts["articles"] == 2 and counts["minhashes"] == 2
    assert counts["events"] == 6 and counts["claim_relay"] == 2 and counts["relations"] == 4
    assert all(n > 0 for n in counts.values())


def test_adding_the_same_batch_again_changes_nothing(store: Store, reading_factory: ReadingFactory) -> None:
    batch = _batch([reading_factory(1), reading_factory(2)])
    store.add_batch(batch)
    before = store.counts()
    assert store.add_batch(batch) == BatchResult(added=0, skipped=2)
    assert store.counts() == before


def test_a_repeat_inside_one_batch_is_stored_once(store: Store, reading_factory: ReadingFactory) -> None:
    reading = reading_factory(1)
    assert store.add_batch(_batch([reading, reading_factory(2), reading])) == BatchResult(added=2, skipped=1)
    assert store.counts()["articles"] == 2


def test_an_empty_batch_is_a_no_op(store: Store) -> None:
    assert store.add_batch([]) == BatchResult(added=0, skipped=0)


def test_known_ids(store: Store, reading_factory: ReadingFactory) -> None:
    stored = reading_factory(1)
    store.add_batch(_batch([stored]))
    many = [f"{i:016x}" for i in range(1200)]  # more ids than one IN (...) list holds
    assert store.known_ids([stored.article.id, *many]) == {stored.article.id}


def test_a_constraint_violation_mid_batch_is_undone(store: Store, reading_factory: ReadingFactory) -> None:
    store.add_batch(_batch([reading_factory(0)]))
    before = store.counts()
    first, second = reading_factory(1), reading_factory(2)
    # The second article's first actor reuses an id of the first article's: its row violates the key.
    clash = second.actors[0].model_copy(update={"id": first.actors[0].id})
    second = second.model_copy(update={"actors": [clash, *second.actors[1:]]})
    with pytest.raises(StoreError, match="none of it was stored"):
        store.add_batch(_batch([first, second]))
    assert store.counts() == before
    assert store.known_ids([first.article.id, second.article.id]) == set()
    assert store.add_batch(_batch([first])) == BatchResult(added=1, skipped=0)  # the store still works


def test_a_failure_inside_sqlite_rolls_the_batch_back(store: Store, reading_factory: ReadingFactory) -> None:
    def fail() -> None:
        raise RuntimeError("disk on fire")

    conn = store._conn  # the store's own connection: temp triggers and functions are per connection
    conn.create_function("fail", 0, fail)
    conn.execute("CREATE TEMP TRIGGER fail_on_figure AFTER INSERT ON main.figures BEGIN SELECT fail(); END")
    with pytest.raises(StoreError):
        store.add_batch(_batch([reading_factory(1), reading_factory(2)]))
    assert all(n == 0 for n in store.counts().values())
    assert not conn.in_transaction


def test_an_exception_while_preparing_rows_rolls_back(
    store: Store, reading_factory: ReadingFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sitreps.store.repository as repository

    calls = []
    real_rows = repository.rows

    def rows_then_crash(reading: Reading) -> dict[str, list[dict[str, object]]]:
        calls.append(reading.article.id)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_rows(reading)

    monkeypatch.setattr(repository, "rows", rows_then_crash)
    with pytest.raises(KeyboardInterrupt):
        store.add_batch(_batch([reading_factory(1), reading_factory(2)]))
    assert all(n == 0 for n in store.counts().values())
    assert not store._conn.in_transaction


def test_a_process_killed_mid_batch_leaves_nothing(tmp_path: Path, reading_factory: ReadingFactory) -> None:
    path = tmp_path / "sitreps.db"
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path[:0] = [{str(TESTS)!r}, {str(SRC)!r}]
        from conftest import make_reading
        from sitreps.store import BatchItem, Store

        store = Store({str(path)!r})
        store.add_batch([BatchItem(make_reading(0))])
        store._conn.create_function("die", 0, lambda: os._exit(3))
        store._conn.execute("CREATE TEMP TRIGGER die AFTER INSERT ON main.claims BEGIN SELECT die(); END")
        store.add_batch([BatchItem(make_reading(1)), BatchItem(make_reading(2))])
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, done.stderr
    with Store(path) as store:
        assert store.counts()["articles"] == 1
        assert store.counts()["events"] == 3
        assert store.known_ids([reading_factory(1).article.id]) == set()
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.add_batch(_batch([reading_factory(1), reading_factory(2)])).added == 2


def test_readings_come_back_equal(store: Store, reading_factory: ReadingFactory) -> None:
    readings = [
        reading_factory(1, source="inbox/a.html"),
        reading_factory(2, published=date(2022, 9, 20)),
        reading_factory(3, published=None, outlet=None, coordinates=False),
        Reading.model_validate({"article": reading_factory(4).article}),
    ]
    store.add_batch(_batch(readings))
    for reading in readings:
        assert store.reading(reading.article.id) == reading
    assert store.reading("0000000000000000") is None
    expected = sorted(readings[:2] + readings[3:], key=lambda r: (r.article.published, r.article.id))
    assert list(store.iter_readings()) == [*expected, readings[2]]  # undated last


def test_iter_readings_pages_through_many_articles(store: Store, reading_factory: ReadingFactory) -> None:
    readings = [reading_factory(n) for n in range(1100)]  # more than one page of 500
    store.add_batch(_batch(readings))
    back = list(store.iter_readings())
    assert back == sorted(readings, key=lambda r: r.article.id)


def test_duplicates_are_stored_with_their_similarity(store: Store, reading_factory: ReadingFactory) -> None:
    original = reading_factory(1)
    copy = reading_factory(2, duplicate_of=original.article.id)
    items = [BatchItem(original, signature=b"\x01\x02"), BatchItem(copy, b"\x01\x03", similarity=0.93)]
    store.add_batch(items)
    article = store.article(copy.article.id)
    assert article is not None and article.duplicate_of == original.article.id
    assert store.duplicate_similarity(copy.article.id) == pytest.approx(0.93)
    assert store.duplicate_similarity(original.article.id) is None
    assert dict(store.signatures()) == {original.article.id: b"\x01\x02", copy.article.id: b"\x01\x03"}
    assert [r.article.id for r in store.iter_readings(include_duplicates=False)] == [original.article.id]
    assert len(list(store.iter_readings())) == 2


def test_article_has_its_source(store: Store, reading_factory: ReadingFactory) -> None:
    reading = reading_factory(1, source="feeds/azernews.xml")
    store.add_batch(_batch([reading]))
    assert store.article(reading.article.id) == reading.article
    assert store.article("missing") is None


def test_stats(store: Store, reading_factory: ReadingFactory) -> None:
    store.add_batch(
        _batch(
            [
                reading_factory(1, published=date(2022, 9, 14)),
                reading_factory(2, published=date(2022, 9, 26), language="ru"),
                reading_factory(3, outlet="Armenpress", duplicate_of="x" * 16, published=None),
            ]
        )
    )
    stats = store.stats()
    assert stats["counts"] == store.counts()
    assert stats["outlets"] == {"Azernews": 2, "Armenpress": 1}
    assert stats["languages"] == {"en": 2, "ru": 1}
    assert stats["published"] == {"first": "2022-09-14", "last": "2022-09-26"}
    assert stats["duplicates"] == 1
    assert stats["events_by_plover"] == {"ASSAULT": 3, "PROTEST": 3, "REJECT": 3}
    assert stats["figures_by_kind"] == {"killed": 3}


def test_stats_of_an_empty_store(store: Store) -> None:
    stats = store.stats()
    assert stats["published"] == {"first": None, "last": None}
    assert stats["outlets"] == {} and stats["duplicates"] == 0


def test_search_finds_words_in_text_and_title(store: Store, reading_factory: ReadingFactory) -> None:
    reading = reading_factory(1)
    store.add_batch(_batch([reading, reading_factory(2)]))
    hits = store.search("Yerevan protesters")
    assert {article_id for article_id, _ in hits} == {reading.article.id, reading_factory(2).article.id}
    assert any("[Yerevan]" in snippet for _, snippet in hits)
    assert store.search("Shelling (1)") == [(reading.article.id, "[Shelling] near Kalbajar ([1])")]
    assert store.search("Kalbajar", limit=1)[0][0] in {reading.article.id, reading_factory(2).article.id}
    assert store.search("Stepanakert") == []


HOSTILE_QUERIES = ['"', "AND (", "*", "'; DROP TABLE articles; --", "NEAR(", "title:", "^", "OR", '"x', ""]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_search_never_raises_on_user_text(store: Store, reading_factory: ReadingFactory, query: str) -> None:
    store.add_batch(_batch([reading_factory(1)]))
    store.search(query)
    assert store.counts()["articles"] == 1


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('say "hi" AND (') == '"say" """hi""" "AND"'
    assert fts_query("* ( ) --") == ""


def test_a_reader_is_not_blocked_by_a_writer(tmp_path: Path, reading_factory: ReadingFactory) -> None:
    path = tmp_path / "sitreps.db"
    with Store(path) as store:
        store.add_batch(_batch([reading_factory(1)]))
        writer = connect(path)
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM minhashes")
        try:
            with Store(path) as reader:
                assert reader.counts()["minhashes"] == 1  # reads the last committed state (WAL)
                assert len(list(reader.iter_readings())) == 1
        finally:
            writer.execute("ROLLBACK")
            writer.close()


def test_a_failed_write_lock_is_a_store_error(tmp_path: Path, reading_factory: ReadingFactory) -> None:
    path = tmp_path / "sitreps.db"
    with Store(path) as store:
        store._conn.execute("PRAGMA busy_timeout = 50")  # do not wait 30 s for the lock in a test
        writer = sqlite3.connect(path, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreError, match="locked"):
                store.add_batch(_batch([reading_factory(1)]))
        finally:
            writer.execute("ROLLBACK")
            writer.close()
        assert store.add_batch(_batch([reading_factory(1)])).added == 1
