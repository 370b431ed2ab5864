"""The function each Spark task runs, without Spark: one input record in, the rows ingest would store out."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyarrow as pa
from article_records import record

from sitreps.ingest import IngestOptions, NearDuplicateIndex, iter_articles
from sitreps.ingest.duplicates import signature_to_bytes
from sitreps.model import Article
from sitreps.pipeline import read
from sitreps.scale.partition import (
    BATCH_RECORDS,
    INPUT_SCHEMA,
    PartitionReader,
    output_schema,
    read_partition,
)
from sitreps.store.arrow import typed_row
from sitreps.store.rows import TABLES, rows

ROOT = Path(__file__).resolve().parents[2]
OPTIONS = IngestOptions()


def _example() -> Article:
    found = next(a for a in iter_articles([ROOT / "examples"]) if isinstance(a, Article))
    return found


def _line(article: Article) -> str:
    return json.dumps(record(article))


def test_a_record_gives_the_rows_ingest_stores() -> None:
    article = _example()
    row = PartitionReader(OPTIONS).read("in.jsonl:7", "in.jsonl", 7, _line(article))
    assert row is not None
    expected = read(article.model_copy(update={"source": "in.jsonl:7"}))
    assert row["article_id"] == expected.article.id
    assert row["published"] == expected.article.published
    assert "code" not in row
    for table, table_rows in rows(expected).items():
        assert row[table] == [typed_row(table, r) for r in table_rows], table
    assert row["articles"][0]["source"] == "in.jsonl:7"  # type: ignore[index]
    signature = NearDuplicateIndex().signature(expected.article.text)
    assert row["signature"] == signature_to_bytes(signature)
    assert row["hashes"] == [int(v) for v in signature.hashvalues]
    assert row["empty"] is False


def test_bad_records_are_rejected_with_ingest_reasons() -> None:
    reader = PartitionReader(OPTIONS)
    broken = reader.read("x.jsonl:3", "x.jsonl", 3, '{"text": broken')
    assert broken is not None
    assert (broken["code"], broken["message"]) == ("R007", "line 3: not valid JSON (Expecting value)")
    assert "article_id" not in broken
    no_text = reader.read("x.jsonl:4", "x.jsonl", 4, '{"title": "t"}')
    assert no_text is not None and no_text["code"] == "R008"
    wrong = reader.read("x.jsonl:5", "x.jsonl", 5, '{"text": 5}')
    assert wrong is not None and wrong["code"] == "R009"


def test_blank_lines_are_skipped_and_a_bom_is_dropped() -> None:
    reader = PartitionReader(OPTIONS)
    assert reader.read("x:1", "x", 1, "   \t ") is None
    row = reader.read(
        "x:1", "x", 1, '\ufeff{"text": "Troops shelled Goris on Monday.", "date": "2022-09-13"}'
    )
    assert row is not None and row.get("code") is None
    assert row["published"] == date(2022, 9, 13)


def test_batches_follow_the_output_schema_and_stay_small() -> None:
    line = json.dumps({"text": "Protesters gathered in Yerevan on Tuesday.", "date": "2022-09-20"})
    records = [
        {"source": f"f:{i}", "file": "f", "position": i, "line": line if i % 5 else "{"}
        for i in range(1, BATCH_RECORDS + 6)
    ]
    batch = pa.RecordBatch.from_pylist(records, schema=INPUT_SCHEMA)
    out = list(read_partition([batch], OPTIONS))
    assert [b.num_rows for b in out] == [BATCH_RECORDS, 5]
    assert all(b.schema == output_schema() for b in out)
    table = pa.Table.from_batches(out)
    codes = table.column("code").to_pylist()
    assert codes.count("R007") == sum(1 for i in range(1, BATCH_RECORDS + 6) if i % 5 == 0)
    ids = {i for i in table.column("article_id").to_pylist() if i is not None}
    assert len(ids) == 1  # the same text is the same article, wherever it appears
    assert set(TABLES) <= set(table.column_names)
