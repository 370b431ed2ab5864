"""The server's view of the store: read-only connections, and a schema brought up to date once at start."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sitreps.errors import StoreError
from sitreps.store.database import BUSY_TIMEOUT_MS, connect
from sitreps.store.migrate import migrate, migrations


def read_only_uri(path: Path) -> str:
    """The SQLite URI that opens ``path`` read-only (percent-encoded, so any file name works)."""
    return f"{path.resolve().as_uri()}?mode=ro"


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to the store. WAL lets it read while an ingest writes.

    ``check_same_thread`` is off because FastAPI may run a request's dependency and its handler on
    different worker threads; each connection still serves one request at a time.
    """
    try:
        conn = sqlite3.connect(
            read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )
        conn.execute("PRAGMA query_only = ON")
    except sqlite3.Error as e:
        raise StoreError(f"cannot open the database {path} read-only: {e}") from e
    return conn


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection for the duration of one request."""
    conn = open_read_only(path)
    try:
        yield conn
    finally:
        conn.close()


def prepare_database(path: Path) -> str | None:
    """Check that ``path`` is a sitreps database and apply the migrations it lacks (the serve indexes).

    This is the server's only write, done once before it starts. Returns a warning when the file cannot
    be migrated (read-only file) but is recent enough to serve; raises :class:`StoreError` when it is not
    a database the server can read.
    """
    if not path.is_file():
        raise StoreError(f"no database at {path}: run `sitreps ingest PATH --db {path}` first")
    latest = len(migrations())
    ro = open_read_only(path)
    try:
        version = schema_version_read_only(ro)
    finally:
        ro.close()
    if version >= latest:
        return None
    try:
        conn = connect(path)
        try:
            migrate(conn)
        finally:
            conn.close()
    except StoreError as e:
        if version >= 2:  # the cluster tables exist: serve without the speed-up indexes
            return f"could not add the serve indexes to {path} ({e}); pages may be slower"
        raise
    return None


def schema_version_read_only(conn: sqlite3.Connection) -> int:
    """The store's schema version without creating anything (0 for a file with no sitreps tables)."""
    try:
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        ).fetchone()
    except sqlite3.DatabaseError as e:
        raise StoreError(f"cannot read the database: {e} (is it a sitreps database?)") from e
    if not exists:
        return 0
    (version,) = conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
    return int(version)
