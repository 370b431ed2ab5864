"""Versioned schema migrations: ``migrations/NNNN_name.sql``, applied in order, each recorded once.

Every migration runs in its own ``BEGIN IMMEDIATE`` transaction together with its row in
``schema_migrations``, so a database is never left half-migrated, and two processes opening the same
new database apply each migration once. :func:`prepare_database` is how a reader (the server) brings an
existing database up to date before it opens it read-only.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sitreps.errors import NoDatabase, StoreError
from sitreps.store.database import connect, open_read_only

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

_CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """Every migration shipped with sitreps, by version."""
    found = []
    for entry in resources.files("sitreps.store").joinpath("migrations").iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(f"migrations must be numbered 1, 2, 3, ... without gaps; found {versions}")
    return found


def statements(sql: str) -> Iterator[str]:
    """The statements of a script, one by one (triggers and comments with ';' stay whole)."""
    buffer = ""
    for char in sql:
        buffer += char
        if char == ";" and sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip() and sqlite3.complete_statement(buffer + ";"):
        yield buffer.strip()


def applied_versions(conn: sqlite3.Connection) -> set[int]:
    conn.execute(_CREATE_TABLE)
    return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}


def schema_version(conn: sqlite3.Connection) -> int:
    """The highest migration applied (0 for a new database)."""
    return max(applied_versions(conn), default=0)


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply the migrations this database lacks, in order; returns the versions applied (often none)."""
    known = migrations()
    try:
        newest = schema_version(conn)
        if newest > len(known):
            raise StoreError(
                f"the database is at schema version {newest}, newer than this sitreps knows ({len(known)}):"
                " upgrade sitreps"
            )
        applied: list[int] = []
        for migration in known:
            if migration.version <= newest:
                continue
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Another process may have migrated while we waited for the write lock.
                if migration.version in applied_versions(conn):
                    conn.execute("ROLLBACK")
                    continue
                for statement in statements(migration.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at)"
                    " VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                    (migration.version, migration.name),
                )
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            applied.append(migration.version)
        return applied
    except sqlite3.Error as e:
        raise StoreError(f"cannot migrate the database: {e}") from e


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


def prepare_database(path: Path) -> str | None:
    """Check that ``path`` is a sitreps database and apply the migrations it lacks (the serve indexes).

    This is the server's only write, done once before it starts. Returns a warning when the file cannot
    be migrated (read-only file) but is recent enough to serve; raises :class:`StoreError` when it is not
    a database the server can read (:class:`NoDatabase` when there is no file).
    """
    if not path.is_file():
        raise NoDatabase(path)
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
