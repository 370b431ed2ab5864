"""The Spark job in local mode gives the rows `sitreps ingest` stores; `sitreps load` gives the same store.

examples/ as JSON Lines (plus a broken line, a blank line, a record without text and a repeated article)
goes once through `sitreps spark --master local[2]` and once through `sitreps ingest`. Every table of the
job's Parquet output must equal the store's table, row for row: the same ids, the same records, the
same near-duplicate links and MinHash signatures. Needs pyspark and Java (both from `make setup`).
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from article_records import record

from sitreps.ingest import NearDuplicateIndex, iter_articles
from sitreps.model import Article
from sitreps.store.rows import TABLES

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java 17 (make setup installs it)", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[2]
SITREPS = [sys.executable, "-m", "sitreps.cli"]
PARTITIONING = ds.partitioning(pa.schema([("published", pa.date32())]), flavor="hive")
# Store columns that differ between two runs by design.
RUN_COLUMNS = {"ingested_at", "seq", "applied_at"}


def _examples() -> list[Article]:
    return [a for a in iter_articles([ROOT / "examples"]) if isinstance(a, Article)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lines = [json.dumps(record(a)) for a in _examples()]
    lines[5:5] = ['{"text": "unfinished', ""]
    lines.append(json.dumps({"title": "a record without text"}))
    lines.append(lines[0])  # the first article again: stored once
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SITREPS, *args], capture_output=True, text=True, timeout=900, check=False)


@pytest.fixture(scope="module")
def ingested(corpus: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    db = corpus.parent / "ingest.db"
    return db, _run("ingest", str(corpus), "--db", str(db))


@pytest.fixture(scope="module")
def spark_output(corpus: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = corpus.parent / "spark-out"
    return out, _run("spark", str(corpus), str(out), "--master", "local[2]", "--partitions", "3")


def _quoted(columns: list[str]) -> str:
    return ", ".join(f'"{column}"' for column in columns)


def _store_rows(db: Path, table: str, columns: list[str]) -> list[str]:
    with sqlite3.connect(db) as conn:
        found = conn.execute(f'SELECT {_quoted(columns)} FROM "{table}"').fetchall()
    return sorted(repr(tuple(row)) for row in found)


def _plain(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _parquet_rows(folder: Path, columns: list[str]) -> list[str]:
    table = ds.dataset(folder, format="parquet", partitioning=PARTITIONING).to_table()
    return sorted(repr(tuple(_plain(row[c]) for c in columns)) for row in table.to_pylist())


def _columns(table: str) -> list[str]:
    if table == "minhashes":
        return ["article_id", "signature"]
    if table == "articles":
        return [*TABLES["articles"], "duplicate_similarity"]
    return list(TABLES[table])


def test_the_job_reports_what_ingest_reports(
    ingested: tuple[Path, subprocess.CompletedProcess[str]],
    spark_output: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    (out, spark), (_, ingest) = spark_output, ingested
    assert spark.returncode == ingest.returncode == 1, spark.stderr[-3000:]  # 1: some inputs rejected
    report = json.loads((out / "_report.json").read_text(encoding="utf-8"))
    assert 0 < report["reading_seconds"] < report["seconds"]
    counts = re.search(
        r"(\d+) stored \((\d+) of them near-duplicates\), (\d+) already stored, (\d+) rejected", ingest.stdout
    )
    assert counts is not None, ingest.stdout
    stored, near, repeated, rejected = (int(g) for g in counts.groups())
    assert report["outcomes"] == {
        "stored": stored,
        "near-duplicate": near,
        "already stored": repeated,
        "rejected": rejected,
    }
    assert (stored, repeated, rejected) == (len(_examples()), 1, 2) and near >= 1
    ingest_rejected = sorted(line for line in ingest.stderr.splitlines() if line.startswith("rejected "))
    spark_rejected = sorted(line for line in spark.stderr.splitlines() if line.startswith("rejected "))
    assert spark_rejected == ingest_rejected and len(spark_rejected) == 2
    stored_rejections = pq.read_table(out / "rejected").to_pylist()
    assert sorted(f"rejected {r['source']}: [{r['code']}] {r['message']}" for r in stored_rejections) == (
        ingest_rejected
    )


@pytest.mark.parametrize("table", [*TABLES, "minhashes"])
def test_every_table_equals_what_ingest_stores(
    table: str,
    ingested: tuple[Path, subprocess.CompletedProcess[str]],
    spark_output: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    (out, _), (db, _) = spark_output, ingested
    columns = _columns(table)
    expected = _store_rows(db, table, columns)
    assert expected or table == "event_associated"
    assert _parquet_rows(out / table, columns) == expected


def test_tables_are_partitioned_by_publication_date(
    spark_output: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, _ = spark_output
    articles = ds.dataset(out / "articles", format="parquet", partitioning=PARTITIONING).to_table()
    published = dict(
        zip(articles.column("id").to_pylist(), articles.column("published").to_pylist(), strict=True)
    )
    folders = sorted(p.name for p in (out / "events").iterdir() if p.is_dir())
    assert folders == sorted({f"published={d.isoformat()}" for d in published.values() if d is not None})
    for folder in folders:
        day = date.fromisoformat(folder.split("=", 1)[1])
        events = pq.read_table(out / "events" / folder)
        assert {published[a] for a in events.column("article_id").to_pylist()} == {day}


def _store_tables(db: Path) -> dict[str, list[str]]:
    with sqlite3.connect(db) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
            )
        ]
        tables = {}
        for name in names:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")') if r[1] not in RUN_COLUMNS]
            found = conn.execute(f'SELECT {_quoted(columns)} FROM "{name}"').fetchall()
            tables[name] = sorted(repr(tuple(row)) for row in found)
    return tables


def test_load_gives_the_store_ingest_gives_and_twice_changes_nothing(
    ingested: tuple[Path, subprocess.CompletedProcess[str]],
    spark_output: tuple[Path, subprocess.CompletedProcess[str]],
    tmp_path: Path,
) -> None:
    (out, _), (db, _) = spark_output, ingested
    loaded = tmp_path / "loaded.db"
    first = _run("load", str(out), "--db", str(loaded))
    assert first.returncode == 0, first.stderr[-3000:]
    assert f"{len(_examples())} stored" in first.stdout
    expected = _store_tables(db)
    assert expected["clusters"] and expected["contradictions"]
    assert _store_tables(loaded) == expected  # every table, the clusters and contradictions included
    again = _run("load", str(out), "--db", str(loaded))
    assert again.returncode == 0 and "0 stored" in again.stdout
    assert _store_tables(loaded) == expected


def test_load_rejects_an_article_whose_rows_are_bad_and_stores_the_rest(
    spark_output: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    out, _ = spark_output
    broken = tmp_path / "broken"
    shutil.copytree(out, broken)
    folder = next(p for p in sorted((broken / "events").iterdir()) if p.is_dir())
    (part,) = list(folder.glob("*.parquet"))
    events = pq.read_table(part)
    victim = events.column("article_id")[0].as_py()
    ends = [
        (start - 1 if a == victim else end)
        for a, start, end in zip(
            events.column("article_id").to_pylist(),
            events.column("trigger_start").to_pylist(),
            events.column("trigger_end").to_pylist(),
            strict=True,
        )
    ]  # a span that ends before it starts: no valid Reading
    column = events.schema.get_field_index("trigger_end")
    pq.write_table(events.set_column(column, "trigger_end", pa.array(ends, pa.int64())), part)
    result = _run("load", str(broken), "--db", str(tmp_path / "b.db"), "--no-cluster")
    assert result.returncode == 1
    assert "[R021]" in result.stderr and f"{len(_examples()) - 1} stored" in result.stdout
    with sqlite3.connect(tmp_path / "b.db") as conn:
        assert conn.execute("SELECT count(*) FROM articles WHERE id = ?", (victim,)).fetchone() == (0,)


def test_load_rejects_an_article_the_store_refuses_and_stores_the_rest(
    spark_output: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    """An article whose rows make a valid Reading that the store refuses (a relation repeated: two rows
    under one key) is rejected with R022 and the rest of its batch is stored: the run exits 1, not 2."""
    out, _ = spark_output
    refused = tmp_path / "refused"
    shutil.copytree(out, refused)
    part = next(p for p in sorted((refused / "relations").rglob("*.parquet")) if pq.read_table(p).num_rows)
    relations = pq.read_table(part)
    first = relations.slice(0, 1).to_pylist()[0]
    victim = first["article_id"]
    last = max(r["position"] for r in relations.to_pylist() if r["article_id"] == victim)
    twin = pa.Table.from_pylist([{**first, "position": last + 1}], schema=relations.schema)
    pq.write_table(pa.concat_tables([relations, twin]), part)
    db = tmp_path / "r.db"
    result = _run("load", str(refused), "--db", str(db), "--no-cluster")
    assert result.returncode == 1, result.stderr[-3000:]
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("rejected ")]
    assert "[R022]" in line and "UNIQUE" in line
    assert f"{len(_examples()) - 1} stored" in result.stdout and "1 rejected" in result.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles WHERE id = ?", (victim,)).fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (len(_examples()) - 1,)


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    from sitreps.scale.job import spark_session

    session = spark_session("local[2]", app_name="sitreps-tests")
    yield session
    session.stop()


def test_parquet_input_gives_the_same_records(
    spark: object, spark_output: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    from sitreps.scale.job import SparkJob, run_job

    articles = _examples()[:4]
    records = [record(a) for a in articles]
    table = pa.Table.from_pylist(records)
    table = table.set_column(
        table.schema.get_field_index("date"),
        "date",
        pa.array([date.fromisoformat(str(r["date"])) for r in records], pa.date32()),
    )
    source = tmp_path / "articles.parquet"
    pq.write_table(table, source)
    report = run_job(SparkJob(str(source), str(tmp_path / "out")), spark)  # type: ignore[arg-type]
    assert report.outcomes["stored"] == 4 and report.outcomes["rejected"] == 0
    jsonl_out, _ = spark_output
    got = ds.dataset(tmp_path / "out" / "events", format="parquet", partitioning=PARTITIONING).to_table()
    ids = set(got.column("article_id").to_pylist())
    assert len(ids) == 4
    before = ds.dataset(jsonl_out / "events", format="parquet", partitioning=PARTITIONING).to_table()
    columns = list(TABLES["events"])
    expected = sorted(
        repr(tuple(r[c] for c in columns)) for r in before.to_pylist() if r["article_id"] in ids
    )
    assert sorted(repr(tuple(r[c] for c in columns)) for r in got.to_pylist()) == expected
    sources = ds.dataset(
        tmp_path / "out" / "articles", format="parquet", partitioning=PARTITIONING
    ).to_table()
    assert sorted(sources.column("source").to_pylist()) == sorted(f"{source}#{i}" for i in range(1, 5))


def _near_copy(words: list[str], rng: random.Random, changes: int) -> list[str]:
    copy = list(words)
    for _ in range(changes):
        copy[rng.randrange(len(copy))] = rng.choice(["army", "said", "border", "ministry", "night"])
    return copy


def test_near_duplicates_match_the_ingest_index(spark: object) -> None:
    """The distributed LSH join finds, for every article, the match the sequential index finds."""
    from pyspark.sql import SparkSession

    from sitreps.scale.job import near_duplicates

    assert isinstance(spark, SparkSession)
    rng = random.Random(11)
    vocabulary = [f"w{i}" for i in range(400)]
    originals = [[rng.choice(vocabulary) for _ in range(120)] for _ in range(12)]
    texts = [" ".join(words) for words in originals]
    for _ in range(40):
        texts.append(" ".join(_near_copy(rng.choice(originals), rng, rng.choice([2, 5, 10, 20, 35]))))
    texts.append("... !!!")  # no words: an empty signature matches nothing
    index = NearDuplicateIndex()
    expected: dict[str, tuple[str, float]] = {}
    rows = []
    for position, text in enumerate(texts, start=1):
        signature = index.signature(text)
        article_id = f"a{position:03d}"
        match = index.find(signature)
        if match is not None:
            expected[article_id] = match
        index.add(article_id, signature)
        hashes = [int(v) for v in signature.hashvalues]
        rows.append((article_id, "f", position, hashes, bool(signature.is_empty())))
    frame = spark.createDataFrame(
        rows, "article_id string, file string, position long, hashes array<bigint>, empty boolean"
    )
    found = {
        r["article_id"]: (r["duplicate_of"], r["duplicate_similarity"])
        for r in near_duplicates(frame).collect()
    }
    assert found == expected
    assert 10 <= len(expected) < 40  # some copies are too far changed to count
