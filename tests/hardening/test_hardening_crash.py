"""Crash safety: `sitreps ingest` killed with SIGKILL in the middle of a 2,000-article run, then run again.

The run commits batches of 250 articles; it is killed as soon as the first batch is in the database,
while the next is being read. What survives must be whole batches, the rerun must store the rest, and
the database must end with exactly 2,000 articles, no record twice, and a clean integrity check.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ARTICLES = 2_000
BATCH = 250
TOWNS = ("Goris", "Kapan", "Jermuk", "Sotk", "Vardenis", "Lachin", "Kalbajar", "Tavush", "Ijevan", "Berd")
# Every table whose rows belong to one article, and the columns that make a row unique.
RECORD_KEYS = {
    "articles": "id",
    "actors": "id",
    "places": "id",
    "times": "id",
    "events": "id",
    "figures": "id",
    "claims": "id",
    "minhashes": "article_id",
}


def write_articles(path: Path) -> None:
    """2,000 one-sentence articles as JSON Lines (each different, so each is stored)."""
    with path.open("w", encoding="utf-8") as sink:
        for n in range(ARTICLES):
            text = (
                f"Report {n}: troops shelled positions near {TOWNS[n % len(TOWNS)]} on Monday, "
                f"wounding {n % 7 + 2} soldiers, the ministry said."
            )
            sink.write(json.dumps({"text": text, "date": "2022-09-13"}) + "\n")


def ingest(source: Path, db: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "sitreps.cli",
        "ingest",
        str(source),
        "--db",
        str(db),
        "--batch-size",
        str(BATCH),
        "--workers",
        "2",
        "--no-cluster",
    ]


def count_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # not created or migrated yet
        return 0


def test_ingest_killed_mid_batch_then_rerun_stores_every_article_once(tmp_path: Path) -> None:
    source, db = tmp_path / "articles.jsonl", tmp_path / "sitreps.db"
    write_articles(source)
    env = {**os.environ, "COLUMNS": "200"}
    started = time.monotonic()
    # Its own process group, so that the kill reaches the reading workers too.
    run = subprocess.Popen(
        ingest(source, db),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    try:
        while (stored := count_articles(db)) < BATCH:
            assert run.poll() is None, "the ingest ended before it could be killed"
            assert time.monotonic() - started < 120, "the first batch was not committed within 120 s"
            time.sleep(0.02)
    finally:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait(timeout=30)
    assert run.returncode == -signal.SIGKILL
    killed_at = time.monotonic() - started
    after_kill = count_articles(db)
    assert after_kill >= stored
    assert 0 < after_kill < ARTICLES and after_kill % BATCH == 0, after_kill  # only whole batches

    rerun = subprocess.run(
        ingest(source, db), capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"{ARTICLES - after_kill} stored" in rerun.stdout
    assert f"{after_kill} already stored, 0 rejected" in rerun.stdout
    print(
        f"\nkilled after {killed_at:.1f} s with {after_kill} articles stored; the rerun stored"
        f" {ARTICLES - after_kill} more in {time.monotonic() - started - killed_at:.1f} s"
    )

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == ARTICLES
        for table, key in RECORD_KEYS.items():
            total, distinct = conn.execute(f"SELECT count(*), count(DISTINCT {key}) FROM {table}").fetchone()
            assert total == distinct, table
        sources = [row[0] for row in conn.execute("SELECT source FROM articles")]
        assert sorted(sources) == sorted(f"{source}:{n}" for n in range(1, ARTICLES + 1))
        # The full-text index holds each article once and agrees with the articles (FTS5's own check).
        assert conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0] == ARTICLES
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        # Every article was read: each has its shelling event.
        without = conn.execute(
            "SELECT count(*) FROM articles AS a"
            " WHERE NOT EXISTS (SELECT 1 FROM events AS e WHERE e.article_id = a.id)"
        ).fetchone()[0]
        assert without == 0
