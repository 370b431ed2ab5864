"""Grow a real store to many times its size fast: copies of its rows with new ids, shifted dates, new texts.

Reading 100k articles takes hours, so the benchmarks fill large stores this way instead: a store that
``sitreps ingest`` really wrote (articles, records, MinHash signatures, event keys, links and clusters)
is copied ``copies - 1`` times, in SQL. Replica ``k`` of every row gets
- ids with the prefix ``rKKK.`` (every id and every reference to one, so the copy is self-consistent;
  the ids inside cluster and contradiction JSON bodies too; places' gazetteer ids are left alone),
- every date (and the clustering day numbers) moved by one whole number of days per replica, drawn
  in [-MAX_SHIFT_DAYS, MAX_SHIFT_DAYS] from a fixed seed, so replicas spread over time instead of piling
  up on the days of the original,
- a text with one line appended (``Bulletin K.``; spans stay valid since they point before it) and a
  URL with ``#rK`` appended,
- a MinHash signature of random values (fixed seed): for the near-duplicate index a replica is an
  unrelated article. Its real signature would equal the original's, and 100 copies of every article
  would all be near-duplicates of each other, which no real corpus is.
Clusters are copied, not recomputed: each replica's events form the same clusters as the originals'.
Foreign keys are not checked, and there is no journal and no fsync while copying (a benchmark fixture:
one transaction, about 1,100 replicated articles a second here).
Usage: python benchmarks/replicate.py SOURCE.db OUT.db COPIES
"""

from __future__ import annotations

import argparse
import functools
import random
import re
import shutil
import sqlite3
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from sitreps.store import Store
from sitreps.store.rows import COLUMN_TYPES

SEED = 11
MAX_SHIFT_DAYS = 365
# Columns (of tables.py's tables) that hold an id or a reference to one, beside "id" and "*_id".
_REFERENCES = {"actor1", "actor2", "time", "duplicate_of", "party", "event", "subject", "claimant"}
# The store's own tables beside tables.py's: (table, id columns, date columns, day-number columns,
# JSON body columns). Columns not named are copied as they are.
_CLUSTER_TABLES: tuple[
    tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...
] = (
    ("event_keys", ("event_id", "article_id"), (), ("first_day", "last_day"), ()),
    ("event_links", ("a", "b"), (), (), ()),
    ("clusters", ("id",), ("start", "end", "first_reported"), (), ("body",)),
    ("cluster_members", ("event_id", "cluster_id", "article_id"), (), (), ()),
    ("contradictions", ("cluster_id", "first_article", "second_article"), (), (), ("body",)),
)
# Ids as whole JSON strings: record ids ("ev-" and 12 hex digits), article ids (16 hex digits), dates.
_JSON_ID = re.compile(r'"((?:[a-z]+-[0-9a-f]{12})|[0-9a-f]{16})"')
_JSON_DATE = re.compile(r'"(\d{4}-\d{2}-\d{2})"')


def _is_id(table: str, column: str) -> bool:
    if (table, column) == ("places", "place_id"):
        return False  # the gazetteer's id of the place, not a record's
    return column == "id" or column.endswith("_id") or column in _REFERENCES


def replica_prefix(k: int) -> str:
    """What replica ``k``'s ids start with. A prefix, not a suffix: each replica's rows then sit together
    at the end of every index on ids, so copying appends instead of inserting all over the B-trees."""
    return f"r{k:03d}."


def shifts(copies: int, seed: int = SEED) -> list[int]:
    """Days each replica's dates move by; replica 0 (the original) does not move."""
    rng = random.Random(seed)
    return [0] + [rng.randint(-MAX_SHIFT_DAYS, MAX_SHIFT_DAYS) for _ in range(copies - 1)]


def _quote(column: str) -> str:
    return f'"{column}"'


def _select(
    columns: list[str],
    ids: set[str],
    dates: set[str],
    days: set[str],
    bodies: set[str],
    extra: dict[str, str] | None = None,
) -> str:
    """The SELECT list that turns a row into its replica (parameters :prefix, :days, :k)."""
    parts = []
    for column in columns:
        q = _quote(column)
        if extra and column in extra:
            parts.append(extra[column])
        elif column in ids:
            parts.append(f":prefix || {q}")
        elif column in dates:
            parts.append(f"date({q}, :days || ' days')")
        elif column in days:
            parts.append(f"{q} + :days")
        elif column in bodies:
            parts.append(f"remap_body({q}, :prefix, :days)")
        else:
            parts.append(q)
    return ", ".join(parts)


def _statements(conn: sqlite3.Connection) -> list[str]:
    """One INSERT ... SELECT per table, reading the original rows from the attached source."""
    statements = []
    for table, types in COLUMN_TYPES.items():
        columns = list(types)
        extra = None
        if table == "articles":
            columns += ["duplicate_similarity", "ingested_at"]
            extra = {
                "text": "\"text\" || char(10) || char(10) || 'Bulletin ' || :k || '.'",
                "url": "\"url\" || '#r' || :k",
            }
        ids = {c for c in columns if _is_id(table, c)}
        dates = {c for c, kind in types.items() if kind == "date"}
        select = _select(columns, ids, dates, set(), set(), extra)
        statements.append(
            f'INSERT INTO "{table}" ({", ".join(map(_quote, columns))}) SELECT {select} FROM source."{table}"'
        )
    for table, id_columns, date_columns, day_columns, body_columns in _CLUSTER_TABLES:
        columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
        select = _select(columns, set(id_columns), set(date_columns), set(day_columns), set(body_columns))
        statements.append(
            f'INSERT INTO "{table}" ({", ".join(map(_quote, columns))}) SELECT {select} FROM source."{table}"'
        )
    return statements


def remap_body(body: str | None, prefix: str, days: int) -> str | None:
    """A cluster's (or contradiction's) JSON with every id prefixed and every date moved."""
    if body is None:
        return None
    body = _JSON_ID.sub('"' + prefix + r'\1"', body)
    return _JSON_DATE.sub(lambda m: _shifted(m.group(1), days), body) if days else body


@functools.lru_cache(maxsize=65536)
def _shifted(iso: str, days: int) -> str:
    return '"' + (date.fromisoformat(iso) + timedelta(days=days)).isoformat() + '"'


def random_signatures(conn: sqlite3.Connection, prefix: str, rng: np.random.Generator) -> None:
    """A MinHash signature of random 32-bit values (stored as 64-bit) for every article of a replica."""
    rows = conn.execute("SELECT article_id, length(signature) FROM source.minhashes ORDER BY article_id")
    conn.executemany(
        "INSERT INTO minhashes (article_id, signature) VALUES (?, ?)",
        (
            (prefix + article_id, rng.integers(0, 2**32, size=n // 8, dtype="<u8").tobytes())
            for article_id, n in rows
        ),
    )


def _open_for_copying(target: Path, source: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA cache_size = -1048576")  # 1 GiB
    conn.create_function("remap_body", 3, remap_body, deterministic=True)
    conn.execute("ATTACH DATABASE ? AS source", (str(source),))
    return conn


def add_replicas(
    target: Path, source: Path, first: int, last: int, *, progress: Callable[[str], None] | None = None
) -> float:
    """Append replicas ``first`` .. ``last - 1`` of the store at ``source`` to the store at ``target`` (which
    may be a copy of it, or already hold earlier replicas). Returns the seconds it took."""
    started = time.perf_counter()
    with Store(source), Store(target):
        pass  # both migrated, checkpointed (the WAL is folded into the file) and closed
    conn = _open_for_copying(target, source)
    statements = _statements(conn)
    days_of = shifts(last)
    rng = np.random.default_rng([SEED, first])
    conn.execute("BEGIN")
    for k in range(max(1, first), last):
        params = {"prefix": replica_prefix(k), "days": days_of[k], "k": k}
        for sql in statements:
            conn.execute(sql, {name: value for name, value in params.items() if f":{name}" in sql})
        random_signatures(conn, replica_prefix(k), rng)
        if progress and k % 10 == 0:
            progress(f"replica {k}/{last - 1}: {time.perf_counter() - started:.0f} s")
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE source")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    return time.perf_counter() - started


def replicate(
    source: Path, target: Path, copies: int, *, progress: Callable[[str], None] | None = None
) -> float:
    """Write ``target``: the store at ``source`` and ``copies - 1`` replicas of it. Returns the seconds."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    with Store(source):
        pass
    shutil.copyfile(source, target)
    return add_replicas(target, source, 1, copies, progress=progress)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("copies", type=int)
    args = parser.parse_args()
    seconds = replicate(args.source, args.target, args.copies, progress=print)
    print(f"{args.copies} copies in {seconds:.1f} s")
    with Store(args.target) as store:
        print(store.counts())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
