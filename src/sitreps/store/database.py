"""Connections to the SQLite store: the writer's (WAL, foreign keys, a busy timeout, transactions managed by
us) and read-only ones (the server's, one per request, reading while an ingest writes)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sitreps.errors import StoreError

BUSY_TIMEOUT_MS = 30_000


def _set_wal(conn: sqlite3.Connection) -> str:
    """Switch to WAL. While another connection creates the same new file, SQLite answers "database is
    locked" at once (the busy timeout does not cover this switch), so try again for a while."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (or create) the database at ``path``, ready for one writer beside any number of readers.

    The connection is in autocommit mode (``isolation_level=None``): callers open their own
    transactions (``BEGIN IMMEDIATE`` ... ``COMMIT``). Raises :class:`StoreError` when the path cannot
    be opened as a SQLite database.
    """
    path = Path(path)
    if path.is_dir():
        raise StoreError(
            f"cannot open the database {path}: it is a folder (give a file path, e.g. sitreps.db)"
        )
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as e:
        raise StoreError(
            f"cannot open the database {path}: {e} (check that its folder exists and is writable)"
        ) from e
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = _set_wal(conn)
        if str(mode).lower() != "wal":
            raise StoreError(f"cannot open the database {path} in WAL mode (got journal mode {mode!r})")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as e:
        conn.close()
        raise StoreError(f"cannot open the database {path}: {e} (is it a sitreps database?)") from e
    except StoreError:
        conn.close()
        raise
    return conn


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
