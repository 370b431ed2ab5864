"""The scale-out commands: `sitreps spark` (the pipeline as a Spark job) and `sitreps load` (its output into
the store). Thin commands over :mod:`sitreps.scale`; registered on the app by :func:`register`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sitreps.cli.options import (
    AuthorField,
    ClusterConfig,
    DateField,
    NoCluster,
    OutletField,
    TextField,
    TitleField,
    UrlField,
    finish_run,
    ingest_options,
)

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


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
    from sitreps.scale.job import SparkJob, run_job

    if input_format not in ("auto", "jsonl", "parquet"):
        raise typer.BadParameter("--input-format must be auto, jsonl or parquet")
    options = ingest_options(
        text_field, title_field, url_field, date_field, outlet_field, author_field, [], [], 0
    )
    job = SparkJob(input, output, master, partitions, input_format, options)
    report = run_job(job)
    o = report.outcomes
    out.print(
        f"spark report ({output}): {o['stored']} articles ({o['near-duplicate']} of them near-duplicates), "
        f"{o['already stored']} repeated, {o['rejected']} rejected; "
        + ", ".join(f"{n} {table}" for table, n in report.tables.items() if table != "articles")
        + f" ({report.seconds:.1f} s, {report.partitions} partitions)",
        markup=False,
    )
    for item in report.rejected:
        err.print(f"rejected {item['source']}: [{item['code']}] {item['message']}", markup=False)
    if o["rejected"] > len(report.rejected):
        err.print(f"... {o['rejected'] - len(report.rejected)} more in {output}/rejected", markup=False)
    raise typer.Exit(report.exit_code)


def load(
    output: Annotated[Path, typer.Argument(help="The output folder of `sitreps spark`.")],
    db: Annotated[Path, typer.Option("--db", help="SQLite database file (created when missing).")] = Path(
        "sitreps.db"
    ),
    batch_size: Annotated[int, typer.Option(min=1, help="Articles committed together.")] = 32,
    no_cluster: NoCluster = False,
    cluster_config: ClusterConfig = None,
) -> None:
    """Load the Parquet tables written by `sitreps spark` into the store; then update the clusters."""
    from sitreps.scale.load import load as run_load

    report = run_load(output, db, batch_size=batch_size)
    finish_run(report, db, "load", no_cluster=no_cluster, cluster_config=cluster_config)


def register(app: typer.Typer) -> None:
    app.command()(spark)
    app.command()(load)
