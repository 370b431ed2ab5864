"""The Spark job: articles (JSON Lines or Parquet) in, the store's tables out as Parquet by publication date.

Stages:
1. Inputs become (source, file, position, line) rows. A JSON Lines file is numbered line by line, so a
   record's source is ``path:LINE`` exactly as ``sitreps ingest`` names it; a Parquet row is
   ``path#ROW``, its columns given to the reader as one JSON object.
2. ``mapInArrow`` runs :func:`sitreps.scale.partition.read_partition` over each partition, and the result
   is kept (memory and disk), so that nothing is read twice.
3. An article id met again later in the input is skipped, as ingest counts it "already stored".
4. Near-duplicates: the MinHash LSH bands of the ingest index, joined in Spark. An article's duplicate is
   the earlier article (in input order) it resembles most, with estimated Jaccard at least the threshold,
   ties to the smallest id: what ingest finds when it reads the same input in one run.
5. Every table is written to ``OUTPUT/<table>/published=YYYY-MM-DD/``, plus ``minhashes``, ``rejected``
   and the run report ``OUTPUT/_report.json``. Writing overwrites, so running the job again on the same
   input gives the same output.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

import pyarrow as pa

from sitreps.errors import SitrepsError
from sitreps.ingest import IngestOptions, NearDuplicateIndex
from sitreps.ingest.duplicates import NEAR_DUPLICATE_THRESHOLD
from sitreps.scale.partition import INPUT_SCHEMA, output_schema, read_partition
from sitreps.store.rows import TABLES

if TYPE_CHECKING:  # pyspark is an optional extra: here only for the annotations
    from pyspark.sql import DataFrame, SparkSession

# Tables written beside those of tables.py: each article's MinHash, and the inputs not taken.
EXTRA_TABLES = ("minhashes", "rejected")
REPORT_NAME = "_report.json"
# Rejections listed one by one in the report; all of them are in the ``rejected`` table.
REPORT_REJECTED = 1000
PARTITION_COLUMN = "published"


@dataclass(frozen=True)
class SparkJob:
    """One run of the job: where from, where to, on what."""

    input: str
    output: str
    master: str | None = None
    partitions: int | None = None
    input_format: str = "auto"  # auto, jsonl or parquet
    options: IngestOptions = field(default_factory=IngestOptions)


@dataclass
class SparkReport:
    """What the job did: outcomes (as ingest names them), rows per table, rejected inputs, time."""

    outcomes: dict[str, int]
    tables: dict[str, int]
    rejected: list[dict[str, str]]
    seconds: float
    partitions: int
    reading_seconds: float = 0.0  # the stage that reads every input, alone

    @property
    def exit_code(self) -> int:
        return 1 if self.outcomes.get("rejected") else 0

    def to_json(self) -> str:
        return json.dumps(
            {
                "outcomes": self.outcomes,
                "tables": self.tables,
                "rejected": self.rejected,
                "seconds": round(self.seconds, 1),
                "reading_seconds": round(self.reading_seconds, 2),
                "partitions": self.partitions,
            },
            indent=2,
        )


def spark_session(master: str | None, app_name: str = "sitreps") -> SparkSession:
    """A session for the job; in local mode it binds the loopback interface and runs this Python."""
    # optional extra (sitreps[spark]): pyspark is imported only when the job runs
    from pyspark.sql import SparkSession

    if master is None or master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master is not None:
        builder = builder.master(master)
    # Small Arrow batches: a task hands rows back every few articles rather than holding thousands.
    builder = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
    builder = builder.config("spark.sql.session.timeZone", "UTC")
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    return builder.getOrCreate()


def _is_parquet(spark: SparkSession, path: str, input_format: str) -> bool:
    if input_format != "auto":
        return input_format == "parquet"
    if path.rstrip("/").endswith(".parquet"):
        return True
    local = _local_path(path)
    if local is not None and local.is_dir():
        return any(local.rglob("*.parquet"))
    return False


def _local_path(uri: str) -> Path | None:
    """The local path of a plain path or a ``file:`` URI; None for any other scheme."""
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return Path(unquote(parsed.path))
    if parsed.scheme == "" or (len(parsed.scheme) == 1 and os.name == "nt"):
        return Path(uri)
    return None


def _display(uri: str) -> str:
    """How a source names its file: the local path for local files (as ingest names them), else the URI."""
    local = _local_path(uri)
    return str(local) if local is not None else uri


def _jsonl_inputs(spark: SparkSession, path: str) -> DataFrame:
    """One row per line of every JSON Lines file, numbered from 1 within its file."""
    files = sorted(spark.read.text(path).inputFiles())
    context = spark.sparkContext

    def numbered(name: str) -> Any:
        shown = _display(name)

        def row(pair: tuple[str, int]) -> tuple[str, str, int, str]:
            number = pair[1] + 1
            return (f"{shown}:{number}", shown, number, pair[0])

        return context.textFile(name).zipWithIndex().map(row)

    rdd = context.union([numbered(name) for name in files]) if files else context.emptyRDD()
    return spark.createDataFrame(rdd, schema=_spark_schema(INPUT_SCHEMA))


def _parquet_inputs(spark: SparkSession, path: str) -> DataFrame:
    """One row per Parquet row, its columns as one JSON object, numbered from 1 within its file."""
    # optional extra (sitreps[spark]): pyspark is imported only when the job runs
    from pyspark.sql import functions as F

    frame = spark.read.parquet(path)
    uri = F.col("_metadata.file_path")
    # As _display does, in SQL: a local file by its path, anything else by its URI.
    shown = F.when(uri.startswith("file:"), F.url_decode(F.regexp_replace(uri, "^file:(//)?", ""))).otherwise(
        uri
    )
    row = F.col("_metadata.row_index") + 1
    return frame.select(
        F.concat(shown, F.lit("#"), row.cast("string")).alias("source"),
        shown.alias("file"),
        row.alias("position"),
        F.to_json(F.struct(*[F.col(c) for c in frame.columns])).alias("line"),
    )


def _inputs(spark: SparkSession, job: SparkJob) -> DataFrame:
    """The job's input records; :class:`SitrepsError` when Spark cannot read the input at all."""
    # optional extra (sitreps[spark]): pyspark is imported only when the job runs
    from pyspark.errors import AnalysisException

    try:
        if _is_parquet(spark, job.input, job.input_format):
            return _parquet_inputs(spark, job.input)
        return _jsonl_inputs(spark, job.input)
    except AnalysisException as error:
        reason = (str(error).splitlines() or [type(error).__name__])[0]
        raise SitrepsError(f"cannot read the input {job.input}: {reason}") from None


def _spark_schema(schema: pa.Schema) -> Any:
    # optional extra (sitreps[spark]): pyspark is imported only when the job runs
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)


def _read_all(frame: DataFrame, options: IngestOptions) -> DataFrame:
    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        yield from read_partition(batches, options)

    return frame.mapInArrow(run, _spark_schema(output_schema()))


def first_occurrences(read: DataFrame) -> DataFrame:
    """The articles read, each id once: its first occurrence in input order."""
    # optional extra (sitreps[spark]): pyspark is imported only when the job runs
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    order = Window.partitionBy("article_id").orderBy("file", "position")
    return (
        read.where(F.col("article_id").isNotNull())
        .withColumn("_occurrence", F.row_number().over(order))
        .where(F.col("_occurrence") == 1)
        .drop("_occurrence")
    )


def near_duplicates(articles: DataFrame, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> DataFrame:
    """(article_id, duplicate_of, duplicate_similarity) for each article that nearly repeats an earlier one.

    Candidates share an LSH band of the ingest index; the estimate is the share of equal hash values, as
    datasketch computes it; the match is the highest estimate at or above ``threshold``, ties to the
    smallest id, among articles earlier in the input.
    """
    # optional extra (sitreps[spark]): pyspark is imported only when the job runs
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    bands = NearDuplicateIndex(threshold=threshold).bands
    keyed = articles.select(
        "article_id",
        "file",
        "position",
        "hashes",
        "empty",
        F.explode(
            F.array(
                *[
                    F.struct(F.lit(i).alias("band"), F.slice("hashes", start + 1, end - start).alias("key"))
                    for i, (start, end) in enumerate(bands)
                ]
            )
        ).alias("band"),
    )
    later, earlier = keyed.alias("later"), keyed.alias("earlier")
    is_earlier = (F.col("earlier.file") < F.col("later.file")) | (
        (F.col("earlier.file") == F.col("later.file")) & (F.col("earlier.position") < F.col("later.position"))
    )
    pairs = (
        later.join(earlier, F.col("later.band") == F.col("earlier.band"))
        .where(is_earlier & ~F.col("later.empty"))
        .select(
            F.col("later.article_id").alias("article_id"),
            F.col("earlier.article_id").alias("duplicate_of"),
            F.col("later.hashes").alias("a"),
            F.col("earlier.hashes").alias("b"),
        )
        .dropDuplicates(["article_id", "duplicate_of"])
    )
    equal = F.aggregate(
        F.zip_with("a", "b", lambda x, y: F.when(x == y, 1).otherwise(0)), F.lit(0), lambda s, v: s + v
    )
    scored = pairs.select(
        "article_id", "duplicate_of", (equal.cast("double") / F.size("a")).alias("duplicate_similarity")
    ).where(F.col("duplicate_similarity") >= threshold)
    best = Window.partitionBy("article_id").orderBy(F.desc("duplicate_similarity"), "duplicate_of")
    return scored.withColumn("_rank", F.row_number().over(best)).where(F.col("_rank") == 1).drop("_rank")


def _write(frame: DataFrame, path: str, partitioned: bool = True) -> None:
    if partitioned:
        # One task per date: each date's folder gets one file, not one per input partition.
        frame = frame.repartition(PARTITION_COLUMN)
    writer = frame.write.mode("overwrite")
    if partitioned:
        writer = writer.partitionBy(PARTITION_COLUMN)
    writer.parquet(path)


def write_tables(articles: DataFrame, duplicates: DataFrame, output: str) -> None:
    """Every table under ``output``, partitioned by the article's publication date."""
    # optional extra (sitreps[spark]): pyspark is imported only when the job runs
    from pyspark.sql import functions as F

    base = output.rstrip("/")
    rows = articles.join(duplicates, "article_id", "left")
    article_rows = rows.select(
        F.explode("articles").alias("row"), "duplicate_of", "duplicate_similarity"
    ).select(
        *[F.col("duplicate_of") if c == "duplicate_of" else F.col(f"row.{c}") for c in TABLES["articles"]],
        "duplicate_similarity",
    )
    _write(article_rows, f"{base}/articles")
    for table in TABLES:
        if table != "articles":
            exploded = articles.select(PARTITION_COLUMN, F.explode(table).alias("row"))
            _write(exploded.select(PARTITION_COLUMN, "row.*"), f"{base}/{table}")
    _write(articles.select(PARTITION_COLUMN, "article_id", "signature"), f"{base}/minhashes")


def _counts(read: DataFrame, articles: DataFrame) -> tuple[dict[str, int], dict[str, int]]:
    """(inputs taken, rejected, distinct articles) and rows per table: one pass over each kept frame."""
    # optional extra (sitreps[spark]): pyspark is imported only when the job runs
    from pyspark.sql import functions as F

    totals = read.select(
        F.count("article_id").alias("taken"),
        F.count("code").alias("rejected"),
        F.count_distinct("article_id").alias("stored"),
    ).first()
    sums = articles.select(*[F.sum(F.size(table)).alias(table) for table in TABLES]).first()
    inputs = {k: int(totals[k] or 0) if totals is not None else 0 for k in ("taken", "rejected", "stored")}
    return inputs, {table: int(sums[table] or 0) if sums is not None else 0 for table in TABLES}


def _write_report(report: SparkReport, output: str, spark: SparkSession) -> None:
    local = _local_path(output)
    if local is not None:
        local.mkdir(parents=True, exist_ok=True)
        (local / REPORT_NAME).write_text(report.to_json() + "\n", encoding="utf-8")
    else:
        frame = spark.createDataFrame([(report.to_json(),)], "value string")
        frame.coalesce(1).write.mode("overwrite").text(f"{output.rstrip('/')}/{REPORT_NAME}")


def run_job(job: SparkJob, spark: SparkSession | None = None) -> SparkReport:
    """Run the job; uses ``spark`` when given, else a session for ``job.master``."""
    # optional extra (sitreps[spark]): pyspark is imported only when the job runs
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    started = time.perf_counter()
    session = spark or spark_session(job.master)
    records = _inputs(session, job)
    partitions = job.partitions or max(2, session.sparkContext.defaultParallelism * 4)
    # Shuffles (first occurrences, near-duplicates, one file per date) keep the job's partition count,
    # not Spark's default of 200, which costs 200 tasks per table written.
    session.conf.set("spark.sql.shuffle.partitions", str(partitions))
    read = _read_all(records.repartition(partitions), job.options).persist(StorageLevel.MEMORY_AND_DISK)
    # Reading every article (the parallel part) is timed on its own: the rest of a run is fixed costs
    # (the JVM, workers loading the pipeline, one write per table) that a large input pays once.
    reading_started = time.perf_counter()
    read.count()
    reading_seconds = time.perf_counter() - reading_started
    articles = first_occurrences(read).persist(StorageLevel.MEMORY_AND_DISK)
    duplicates = near_duplicates(articles).persist(StorageLevel.MEMORY_AND_DISK)

    write_tables(articles, duplicates, job.output)
    rejected = read.where(F.col("code").isNotNull()).select("source", "code", "message", "file", "position")
    _write(
        rejected.orderBy("file", "position").drop("file", "position"),
        f"{job.output.rstrip('/')}/rejected",
        partitioned=False,
    )

    counts, tables = _counts(read, articles)
    listed = [
        {"source": r["source"], "code": r["code"], "message": r["message"]}
        for r in rejected.orderBy("file", "position").limit(REPORT_REJECTED).collect()
    ]
    report = SparkReport(
        outcomes={
            "stored": counts["stored"],
            "near-duplicate": duplicates.count(),
            "already stored": counts["taken"] - counts["stored"],
            "rejected": counts["rejected"],
        },
        tables=tables,
        rejected=listed,
        seconds=time.perf_counter() - started,
        partitions=partitions,
        reading_seconds=reading_seconds,
    )
    _write_report(report, job.output, session)
    for frame in (duplicates, articles, read):
        frame.unpersist()
    return report
