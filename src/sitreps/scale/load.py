"""``sitreps load``: the Spark job's Parquet tables into the embedded store, one publication date at a time.

Each article's rows are put back together into its Reading (:func:`sitreps.store.rows.reading_from_rows`,
which validates them) and stored by the storing loop of ingest (:class:`sitreps.pipeline.storing.StoringRun`),
with its MinHash signature and near-duplicate link. An article already stored is skipped, so loading the
same output twice stores it once. The job found near-duplicates within its own input; an article it found
none for is also compared with the articles stored before this load, as ingest would. A row that does not
make a valid Reading rejects its article (R021), an article whose records the store refuses is rejected
(R022), and the rest goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
from pydantic import ValidationError

from sitreps.errors import Reason, Rejected, SitrepsError
from sitreps.model import Reading
from sitreps.pipeline.storing import DEFAULT_BATCH_SIZE, Progress, RunReport, StoringRun, batches
from sitreps.scale.job import PARTITION_COLUMN
from sitreps.store import BatchItem, Store
from sitreps.store.arrow import arrow_schema
from sitreps.store.rows import TABLES, grouped, reading_from_rows

if TYPE_CHECKING:
    import pyarrow.dataset as ds

Row = dict[str, object]
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
        # pyarrow.dataset brings pandas (0.2 s): imported when a job output is read, not by every command
        import pyarrow.dataset as ds

        return ds.dataset(
            self.folder / table,
            format="parquet",
            partitioning=ds.partitioning(pa.schema([(PARTITION_COLUMN, pa.date32())]), flavor="hive"),
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
        import pyarrow.dataset as ds  # see _dataset

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


def _readings(output: JobOutput, run: StoringRun, progress: Progress | None) -> Iterator[Reading]:
    """The Readings to store, one publication date after another, as the storing run admits them."""
    for day in output.dates():
        for item in items_of_day(output, day):
            reading = run.admit_reading(item)
            if progress:
                progress(str(day))
            if reading is not None:
                yield reading


def load(
    folder: str | Path,
    db: str | Path,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> RunReport:
    """Load the job output in ``folder`` into the store at ``db``; returns the run report."""
    output = JobOutput(Path(folder))
    with Store(db) as store:
        run = StoringRun(store)
        for batch in batches(_readings(output, run, progress), max(1, batch_size)):
            run.store(batch)
    return run.report
