"""``sitreps load``: the Spark job's Parquet tables into the embedded store, one publication date at a time.

Each article's rows are put back together into its Reading (:func:`sitreps.store.rows.reading_from_rows`,
which validates them) and stored by the same ``Store.add_batch`` as ingest, with its MinHash signature and
near-duplicate link. An article already stored is skipped, so loading the same output twice stores it
once. The job found near-duplicates within its own input; an article it found none for is also compared
with the articles stored before this load, as ingest would. A row that does not make a valid Reading
rejects its article (R021), and the rest goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
from pydantic import ValidationError

from sitreps.errors import Reason, Rejected, SitrepsError
from sitreps.ingest import NearDuplicateIndex
from sitreps.ingest.duplicates import signature_from_bytes
from sitreps.pipeline.run import DEFAULT_BATCH_SIZE, RunReport
from sitreps.scale.job import PARTITION_COLUMN
from sitreps.store import BatchItem, Store
from sitreps.store.arrow import arrow_schema
from sitreps.store.rows import TABLES, grouped, reading_from_rows

Row = dict[str, object]
_PARTITIONING = ds.partitioning(pa.schema([(PARTITION_COLUMN, pa.date32())]), flavor="hive")
_MINHASHES = pa.schema([("article_id", pa.string()), ("signature", pa.binary())])
_ARTICLE_EXTRA = pa.schema([("duplicate_similarity", pa.float64())])


def _schema(table: str) -> pa.Schema:
    """A table's schema as the job writes it: the partition column last, articles with their similarity."""
    if table == "minhashes":
        schema = _MINHASHES
    else:
        schema = arrow_schema(table)
        if table == "articles":
            schema = pa.unify_schemas([schema, _ARTICLE_EXTRA])
    if PARTITION_COLUMN in schema.names:
        return schema
    return schema.append(pa.field(PARTITION_COLUMN, pa.date32()))


class JobOutput:
    """The tables under one job output folder, read one publication date at a time."""

    def __init__(self, folder: Path) -> None:
        if not (folder / "articles").is_dir():
            raise SitrepsError(f"{folder} holds no 'articles' table: is it the output of `sitreps spark`?")
        self.folder = folder
        self.tables = {
            table: self._dataset(table) for table in (*TABLES, "minhashes") if (folder / table).is_dir()
        }

    def _dataset(self, table: str) -> ds.Dataset:
        return ds.dataset(
            self.folder / table,
            format="parquet",
            partitioning=_PARTITIONING,
            schema=_schema(table),
            exclude_invalid_files=True,
        )

    def dates(self) -> list[date | None]:
        """Every publication date with articles, in order, undated last."""
        found = self.tables["articles"].to_table(columns=[PARTITION_COLUMN]).column(0).unique().to_pylist()
        dated = sorted(d for d in found if d is not None)
        return [*dated, *([None] if None in found else [])]

    def rows(self, table: str, day: date | None) -> list[Row]:
        """The rows of one table published on ``day`` (None: undated)."""
        dataset = self.tables.get(table)
        if dataset is None:
            return []
        column = ds.field(PARTITION_COLUMN)
        where = column.is_null() if day is None else column == pa.scalar(day, pa.date32())
        return list(dataset.to_table(filter=where).to_pylist())


def items_of_day(output: JobOutput, day: date | None) -> Iterator[BatchItem | Rejected]:
    """Every article of one day as a BatchItem, or a Rejected when its rows make no valid Reading."""
    children = {
        table: grouped(output.rows(table, day), "article_id") for table in TABLES if table != "articles"
    }
    signatures = {row["article_id"]: row["signature"] for row in output.rows("minhashes", day)}
    for row in output.rows("articles", day):
        article_id = row["id"]
        tables = {t: rows.get(article_id, []) for t, rows in children.items()}
        try:
            reading = reading_from_rows(row, tables)
        except (ValidationError, KeyError, TypeError, ValueError) as error:
            detail = " ".join(str(error).split())[:200]
            yield Rejected.because(str(row.get("source") or article_id), Reason.BAD_ROWS, detail=detail)
            continue
        signature = signatures.get(article_id)
        similarity = row.get("duplicate_similarity")
        yield BatchItem(
            reading,
            bytes(signature) if isinstance(signature, bytes) else None,
            float(similarity) if isinstance(similarity, float) else None,
        )


def _linked_to_earlier(item: BatchItem, index: NearDuplicateIndex) -> BatchItem:
    """The item linked to its near-duplicate among the articles stored before, when the job found none."""
    if item.reading.article.duplicate_of is not None or item.signature is None or not len(index):
        return item
    match = index.find(signature_from_bytes(item.signature))
    if match is None:
        return item
    article = item.reading.article.model_copy(update={"duplicate_of": match[0]})
    return BatchItem(item.reading.model_copy(update={"article": article}), item.signature, match[1])


def load(
    folder: str | Path,
    db: str | Path,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[str], None] | None = None,
) -> RunReport:
    """Load the job output in ``folder`` into the store at ``db``; returns the run report."""
    output = JobOutput(Path(folder))
    report = RunReport()
    with Store(db) as store:
        index = NearDuplicateIndex()
        for article_id, signature in store.signatures():
            index.add(article_id, signature_from_bytes(signature))
        batch: list[BatchItem] = []

        def flush() -> None:
            known = store.known_ids(item.reading.article.id for item in batch)
            fresh = [_linked_to_earlier(i, index) for i in batch if i.reading.article.id not in known]
            result = store.add_batch(fresh)
            report.outcomes["stored"] += result.added
            report.outcomes["already stored"] += len(batch) - result.added
            report.outcomes["near-duplicate"] += sum(1 for i in fresh if i.reading.article.duplicate_of)
            batch.clear()

        for day in output.dates():
            for item in items_of_day(output, day):
                if isinstance(item, Rejected):
                    report.reject(item)
                else:
                    batch.append(item)
                if progress:
                    progress(str(day))
                if len(batch) >= batch_size:
                    flush()
        flush()
    return report
