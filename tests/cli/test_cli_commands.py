"""End to end through the installed `sitreps` command: read, ingest (twice), export, stats, exit codes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from sitreps.model import Reading

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed" / "azernews-2022-09-26.txt"
EXAMPLES = ROOT / "examples"


def sitreps(*args: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sitreps.cli", *map(str, args)]
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        command,
        input=stdin.decode() if stdin else None,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


def table_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        names = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '%fts%' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {n: con.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not present")
def test_read_seed_prints_a_valid_reading() -> None:
    result = sitreps("read", SEED, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    article = data["article"]
    assert (article["outlet"], article["author"], article["published"], article["language"]) == (
        "Azernews",
        "Vugar Khalilov",
        "2022-09-26",
        "en",
    )
    assert article["text"].startswith("Azerbaijani Defense Minister")
    reading = Reading.model_validate(data)  # re-validates every span against the text
    spans = list(reading.spans())
    assert len(spans) > 20
    assert all(article["text"][s.start : s.end] == s.text for s in spans)
    assert reading.events and reading.figures and reading.claims


def test_read_table_format(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Rebels attacked a convoy near the border on 3 March 2023, the army said.\n")
    result = sitreps("read", path, "--format", "table")
    assert result.returncode == 0, result.stderr
    assert "ASSAULT" in result.stdout and "attacked" in result.stdout


def test_read_reports_a_rejected_input(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = sitreps("read", path)
    assert result.returncode == 1
    assert "R001" in result.stderr and "empty" in result.stderr


def test_usage_and_environment_errors_exit_2(tmp_path: Path) -> None:
    assert sitreps("read").returncode == 2
    assert sitreps("stats", "--db", tmp_path / "missing.db").returncode == 2
    assert (
        sitreps("export", "--db", tmp_path / "x.db", "--format", "xlsx", "--out", tmp_path / "o").returncode
        == 2
    )
    not_output = sitreps("load", tmp_path, "--db", tmp_path / "l.db")
    assert not_output.returncode == 2 and "no 'articles' table" in not_output.stderr
    assert not (tmp_path / "l.db").exists()
    assert sitreps("spark", tmp_path / "a.jsonl", tmp_path / "o", "--input-format", "csv").returncode == 2


def test_schema_is_json_schema() -> None:
    result = sitreps("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert "Event" in schema["$defs"] and schema["title"] == "sitreps Reading"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("db") / "sitreps.db"
    first = sitreps("ingest", EXAMPLES, "--db", db)
    assert first.returncode in (0, 1), first.stderr
    assert "stored" in first.stdout
    return db


def test_ingest_twice_is_idempotent(demo_db: Path) -> None:
    before = table_counts(demo_db)
    assert before["articles"] >= 30
    again = sitreps("ingest", EXAMPLES, "--db", demo_db)
    assert again.returncode in (0, 1), again.stderr
    assert "already stored" in again.stdout
    assert table_counts(demo_db) == before


def test_examples_have_near_duplicates(demo_db: Path) -> None:
    with sqlite3.connect(demo_db) as con:
        linked = con.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL").fetchone()[0]
    assert linked >= 2


def test_ingest_with_two_workers_stores_the_same(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "w2.db"
    result = sitreps("ingest", EXAMPLES, "--db", db, "--workers", "2")
    assert result.returncode in (0, 1), result.stderr
    assert table_counts(db) == table_counts(demo_db)


def test_bad_inputs_are_reported_and_good_ones_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Police detained 14 protesters in the capital on 2 May 2023.\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "broken.jsonl").write_text('{"text": "Troops withdrew from the town on 4 May 2023."}\n{oops\n')
    (folder / "nobody.html").write_text("<html><head><title>x</title></head><body></body></html>")
    (folder / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
    )
    with (folder / "huge.txt").open("wb") as f:  # 50 MB: over the default 10 MB limit
        f.truncate(50 * 1024 * 1024)
    db = tmp_path / "bad.db"
    result = sitreps("ingest", folder, "--db", db)
    assert result.returncode == 1
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected ")]
    assert len(rejected) == 6, result.stderr
    assert any("huge.txt" in line and "[R005]" in line for line in rejected)
    assert table_counts(db)["articles"] == 2


def test_ingest_from_stdin(tmp_path: Path) -> None:
    db = tmp_path / "stdin.db"
    text = b"Demonstrators rallied outside parliament on 6 June 2023, organisers said.\n"
    result = sitreps("ingest", "-", "--db", db, stdin=text)
    assert result.returncode == 0, result.stderr
    assert table_counts(db)["articles"] == 1


def test_every_export_opens_in_its_reader(demo_db: Path, tmp_path: Path) -> None:
    for fmt, out in (
        ("csv", "events.csv"),
        ("jsonl", "readings.jsonl"),
        ("parquet", "tables"),
        ("geojson", "events.geojson"),
        ("acled", "acled.csv"),
    ):
        result = sitreps("export", "--db", demo_db, "--format", fmt, "--out", tmp_path / out)
        assert result.returncode == 0, (fmt, result.stderr)
    events = pd.read_csv(tmp_path / "events.csv")
    assert len(events) > 0 and "plover" in events.columns
    lines = (tmp_path / "readings.jsonl").read_text().splitlines()
    assert len(lines) == table_counts(demo_db)["articles"]
    assert all(Reading.model_validate_json(line) for line in lines)
    assert pq.read_table(tmp_path / "tables" / "events.parquet").num_rows == len(events)
    geo = json.loads((tmp_path / "events.geojson").read_text())
    assert geo["type"] == "FeatureCollection"
    acled = pd.read_csv(tmp_path / "acled.csv")
    assert list(acled.columns[:6]) == [
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "disorder_type",
        "event_type",
    ]


def test_stats_json(demo_db: Path) -> None:
    result = sitreps("stats", "--db", demo_db, "--format", "json")
    assert result.returncode == 0, result.stderr
    numbers = json.loads(result.stdout)
    assert numbers["counts"]["articles"] >= 30
