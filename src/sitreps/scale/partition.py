"""What one Spark task runs: input records in, one output row per record with every table's rows.

Plain Python and pyarrow, no pyspark: the same code as ``sitreps ingest`` for each step. A line is read
by :func:`~sitreps.ingest.jsonl.read_json_line`, the article by :func:`~sitreps.pipeline.run.read_safely`, its
records flattened by :func:`~sitreps.store.rows.rows`, and its MinHash made by the near-duplicate index. The
spaCy pipeline is loaded once per Python worker process: ``nlp.load_pipeline`` caches it, and Spark
reuses its Python workers from task to task.

Each output row holds an input's order (file, position), then either its rejection (code, message) or
its article id, publication date, signature and one list of rows per table of :mod:`sitreps.store.rows`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyarrow as pa

from sitreps.errors import Rejected
from sitreps.ingest import IngestOptions, NearDuplicateIndex
from sitreps.ingest.duplicates import signature_to_bytes
from sitreps.ingest.encoding import clean_text
from sitreps.ingest.jsonl import read_json_line
from sitreps.pipeline.run import read_safely
from sitreps.store.arrow import arrow_schema, typed_row
from sitreps.store.rows import TABLES, rows

INPUT_SCHEMA = pa.schema(
    [
        ("source", pa.string()),  # what the run report and the article call this input
        ("file", pa.string()),  # the input's file, and its position there (line or row, from 1)
        ("position", pa.int64()),
        ("line", pa.string()),  # the record as one line of JSON
    ]
)
# Records read and handed back to Spark together: small, so that a task's memory stays flat.
BATCH_RECORDS = 32


def output_schema() -> pa.Schema:
    """The schema of the rows :func:`read_partition` yields."""
    return pa.schema(
        [
            *INPUT_SCHEMA.remove(INPUT_SCHEMA.get_field_index("line")),
            ("code", pa.string()),  # set for a rejected input, with its one-line message
            ("message", pa.string()),
            ("article_id", pa.string()),
            ("published", pa.date32()),
            ("signature", pa.binary()),  # the MinHash as the store keeps it (little-endian uint64)
            ("hashes", pa.list_(pa.int64())),  # the same values, for the near-duplicate stage
            ("empty", pa.bool_()),  # a signature of no words, which matches nothing
            *((table, pa.list_(pa.struct(list(arrow_schema(table))))) for table in TABLES),
        ]
    )


class PartitionReader:
    """Reads the records of one partition; one per task, sharing the process's spaCy pipeline."""

    def __init__(self, options: IngestOptions) -> None:
        self.options = options
        self.index = NearDuplicateIndex()  # only its MinHash settings are used here
        self.schema = output_schema()

    def read(self, source: str, file: str, position: int, line: str) -> dict[str, object] | None:
        """The output row of one input record; None for a blank line, which ingest skips too."""
        line = clean_text(line)
        if not line.strip():
            return None
        row: dict[str, object] = {"source": source, "file": file, "position": position}
        article = read_json_line(line, source, position, self.options)
        reading = article if isinstance(article, Rejected) else read_safely(article)
        if isinstance(reading, Rejected):
            row.update(code=reading.reason.code, message=reading.message)
            return row
        signature = self.index.signature(reading.article.text)
        row.update(
            article_id=reading.article.id,
            published=reading.article.published,
            signature=signature_to_bytes(signature),
            hashes=[int(value) for value in signature.hashvalues],
            empty=bool(signature.is_empty()),
        )
        for table, table_rows in rows(reading).items():
            row[table] = [typed_row(table, r) for r in table_rows]
        return row

    def batches(self, records: Iterable[tuple[str, str, int, str]]) -> Iterator[pa.RecordBatch]:
        """Output batches of at most :data:`BATCH_RECORDS` rows for these (source, file, position, line)
        input records."""
        out: list[dict[str, object]] = []
        for source, file, position, line in records:
            row = self.read(source, file, position, line)
            if row is not None:
                out.append(row)
            if len(out) >= BATCH_RECORDS:
                yield pa.RecordBatch.from_pylist(out, schema=self.schema)
                out = []
        if out:
            yield pa.RecordBatch.from_pylist(out, schema=self.schema)


def read_partition(batches: Iterable[pa.RecordBatch], options: IngestOptions) -> Iterator[pa.RecordBatch]:
    """The function Spark's ``mapInArrow`` calls with one partition's input batches."""
    reader = PartitionReader(options)
    for batch in batches:
        columns = (batch.column(name).to_pylist() for name in INPUT_SCHEMA.names)
        yield from reader.batches(zip(*columns, strict=True))
