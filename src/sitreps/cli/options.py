"""Options shared by the commands that read articles (`ingest`, `read`, `spark`, `load`): which JSON fields
hold what, which files to take, how big an input may be; and the end of a run that stores articles."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

if TYPE_CHECKING:
    from sitreps.pipeline.run import RunReport


def ingest_options(
    text_field: str,
    title_field: str,
    url_field: str,
    date_field: str,
    outlet_field: str,
    author_field: str,
    include: list[str],
    exclude: list[str],
    max_bytes: int,
) -> Any:
    from sitreps.ingest import IngestOptions

    return IngestOptions(
        text_field=text_field,
        title_field=title_field,
        url_field=url_field,
        date_field=date_field,
        outlet_field=outlet_field,
        author_field=author_field,
        include=tuple(include),
        exclude=tuple(exclude),
        max_bytes=max_bytes,
    )


TextField = Annotated[str, typer.Option(help="JSON/JSONL field holding the article text.")]
TitleField = Annotated[str, typer.Option(help="JSON/JSONL field holding the title.")]
UrlField = Annotated[str, typer.Option(help="JSON/JSONL field holding the URL.")]
DateField = Annotated[str, typer.Option(help="JSON/JSONL field holding the publication date.")]
OutletField = Annotated[str, typer.Option(help="JSON/JSONL field holding the outlet name.")]
AuthorField = Annotated[str, typer.Option(help="JSON/JSONL field holding the author.")]
Include = Annotated[
    list[str], typer.Option("--include", help="Glob of files to take in folders (repeatable).")
]
Exclude = Annotated[
    list[str], typer.Option("--exclude", help="Glob of files to skip in folders (repeatable).")
]
MaxBytes = Annotated[int, typer.Option(help="Reject inputs larger than this many bytes.")]
NoCluster = Annotated[
    bool, typer.Option("--no-cluster", help="Do not update the event clusters after storing.")
]
ClusterConfig = Annotated[
    Path | None, typer.Option("--cluster-config", help="TOML file of cluster thresholds.")
]


def finish_run(
    report: RunReport, db: Path, name: str, *, no_cluster: bool, cluster_config: Path | None
) -> None:
    """Print a storing run's report and its rejected inputs, update the clusters, and exit with the
    run's code (1 when some input was rejected)."""
    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    o = report.outcomes
    summary = (
        f"{o['stored']} stored ({o['near-duplicate']} of them near-duplicates), "
        f"{o['already stored']} already stored, {o['rejected']} rejected"
    )
    out.print(f"{name} report ({db}): {summary}", markup=False)
    for item in report.rejected:
        err.print(f"rejected {item.line()}", markup=False)
    if not no_cluster and Path(db).is_file():
        from sitreps.cli.clusters import run_clustering

        out.print(run_clustering(Path(db), cluster_config), markup=False)
    raise typer.Exit(report.exit_code)
