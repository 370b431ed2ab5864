"""Connections and migrations: WAL and friends, clear errors, migrations applied once."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from sitreps.errors import StoreError
from sitreps.store import Store, connect
from sitreps.store.migrate import migrate, migrations, statements
from sitreps.store.repository import ARTICLE_EXTRA_COLUMNS
from sitreps.store.rows import TABLES


def test_connection_settings(tmp_path: Path) -> None:
    conn = connect(tmp_path / "s.db")
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 30_000
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert conn.isolation_level is None
    finally:
        conn.close()


def test_unopenable_paths_raise_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open"):
        connect(tmp_path / "no" / "such" / "folder" / "s.db")
    with pytest.raises(StoreError, match="folder"):
        connect(tmp_path)
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_bytes(b"these are not the bytes of a database, " * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store(not_a_db)


def test_migrations_are_applied_once(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        version = store.schema_version
    assert version == len(migrations()) >= 1
    with Store(path) as store:
        assert store.schema_version == version
    conn = connect(path)
    try:
        assert migrate(conn) == []
        versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == [m.version for m in migrations()]
    finally:
        conn.close()


def test_a_database_from_a_newer_sitreps_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store(path).close()
    conn = connect(path)
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', '2999-01-01T00:00:00Z')")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_store_tables_mirror_tables_py(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db"):
        pass
    conn = sqlite3.connect(tmp_path / "s.db")
    try:
        for table, columns in TABLES.items():
            stored = tuple(row[1] for row in conn.execute(f'PRAGMA table_info("{table}")'))
            expected = ("seq", *columns, *ARTICLE_EXTRA_COLUMNS) if table == "articles" else columns
            assert stored == expected, table
        minhash_columns = [row[1] for row in conn.execute("PRAGMA table_info(minhashes)")]
        assert minhash_columns == ["article_id", "signature"]
    finally:
        conn.close()


def test_statements_keep_triggers_and_comments_whole() -> None:
    script = """
    -- a comment; with a semicolon
    CREATE TABLE t (a TEXT);  CREATE TABLE u (b TEXT);
    CREATE TRIGGER x AFTER INSERT ON t BEGIN
        INSERT INTO u VALUES (new.a);
        INSERT INTO u VALUES (new.a);
    END;
    """
    found = list(statements(script))
    assert len(found) == 3
    assert found[2].startswith("CREATE TRIGGER") and found[2].endswith("END;")


def test_stores_opened_at_once_migrate_once(tmp_path: Path) -> None:
    path = tmp_path / "s.db"

    def open_store(_: int) -> int:
        with Store(path) as store:
            return store.schema_version

    with ThreadPoolExecutor(max_workers=6) as pool:
        versions = list(pool.map(open_store, range(12)))
    assert versions == [len(migrations())] * 12
    conn = connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(migrations())
    finally:
        conn.close()
