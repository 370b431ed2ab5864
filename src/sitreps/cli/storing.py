"""The commands that store articles: `sitreps ingest` (files into the database), `sitreps spark` (the
same pipeline as a Spark job, into Parquet) and `sitreps load` (that Parquet into the database).

`ingest` and `load` end the same way: the run report, then the clusters brought up to date (unless
``--no-cluster``), then exit code 0, or 1 when some input was rejected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sitreps.cli.clusters import run_clustering
from sitreps.cli.common import NewOrExistingDb, err, out
from sitreps.cli.options import (
    AuthorField,
    DateField,
    Exclude,
    Include,
    MaxBytes,
    OutletField,
    TextField,
    TitleField,
    UrlField,
    ingest_options,
)
from sitreps.cli.report import print_run_report, print_spark_report
from sitreps.pipeline.run import ingest as ingest_paths
from sitreps.scale.job import SparkJob, run_job
from sitreps.scale.load import load as load_output

NoCluster = Annotated[
    bool, typer.Option("--no-cluster", help="Do not update the event clusters after storing.")
]
ClusterConfigPath = Annotated[
    Path | None, typer.Option("--cluster-config", help="TOML file of cluster thresholds.")
]


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    db: NewOrExistingDb = Path("sitreps.db"),
    workers: Annotated[int, typer.Option(min=1, help="Processes reading articles in parallel.")] = 1,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Articles committed together (a crash loses at most one batch).")
    ] = 32,
    include: Include = [],  # noqa: B006 - typer reads the default, it is never mutated
    exclude: Exclude = [],  # noqa: B006
    text_field: TextField = "text",
    title_field: TitleField = "title",
    url_field: UrlField = "url",
    date_field: DateField = "date",
    outlet_field: OutletField = "outlet",
    author_field: AuthorField = "author",
    max_bytes: MaxBytes = 10_000_000,
    no_cluster: NoCluster = False,
    cluster_config: ClusterConfigPath = None,
) -> None:
    """Read articles into the database, with a progress bar and a run report; then update the clusters."""
    options = ingest_options(
        text_field,
        title_field,
        url_field,
        date_field,
        outlet_field,
        author_field,
        include,
        exclude,
        max_bytes,
    )
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("reading", total=None)
        report = ingest_paths(
            paths,
            db,
            workers=workers,
            batch_size=batch_size,
            options=options,
            progress=lambda _source: bar.advance(task),
        )
    print_run_report(report, db, "run")
    if not no_cluster:
        update_clusters_after_storing(db, cluster_config)
    raise typer.Exit(report.exit_code)


def spark(
    input: Annotated[
        str,
        typer.Argument(help="JSON Lines or Parquet articles: a file, folder or glob, any URI Spark reads."),
    ],
    output: Annotated[str, typer.Argument(help="Folder (or URI) for the Parquet tables; overwritten.")],
    master: Annotated[
        str | None, typer.Option(help="Spark master, e.g. local[2]; default: spark-submit's, else local[*].")
    ] = None,
    partitions: Annotated[
        int | None, typer.Option(min=1, help="Partitions the articles are read in (default: 4 per core).")
    ] = None,
    input_format: Annotated[str, typer.Option(help="auto, jsonl or parquet.")] = "auto",
    text_field: TextField = "text",
    title_field: TitleField = "title",
    url_field: UrlField = "url",
    date_field: DateField = "date",
    outlet_field: OutletField = "outlet",
    author_field: AuthorField = "author",
) -> None:
    """Read articles on Apache Spark into the store's tables, as Parquet partitioned by publication date."""
    if input_format not in ("auto", "jsonl", "parquet"):
        raise typer.BadParameter("--input-format must be auto, jsonl or parquet")
    options = ingest_options(
        text_field, title_field, url_field, date_field, outlet_field, author_field, [], [], 0
    )
    job = SparkJob(input, output, master, partitions, input_format, options)
    report = run_job(job)
    print_spark_report(report, output)
    raise typer.Exit(report.exit_code)


def load(
    output: Annotated[Path, typer.Argument(help="The output folder of `sitreps spark`.")],
    db: NewOrExistingDb = Path("sitreps.db"),
    batch_size: Annotated[int, typer.Option(min=1, help="Articles committed together.")] = 32,
    no_cluster: NoCluster = False,
    cluster_config: ClusterConfigPath = None,
) -> None:
    """Load the Parquet tables written by `sitreps spark` into the store; then update the clusters."""
    report = load_output(output, db, batch_size=batch_size)
    print_run_report(report, db, "load")
    if not no_cluster:
        update_clusters_after_storing(db, cluster_config)
    raise typer.Exit(report.exit_code)


def update_clusters_after_storing(db: Path, config: Path | None) -> None:
    """Bring the clusters of ``db`` up to date and print their line (nothing when ``db`` is no file)."""
    if db.is_file():
        out.print(run_clustering(db, config), markup=False)
