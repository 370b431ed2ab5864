"""The `sitreps` command: thin commands over the library.

Exit codes: 0 ok; 1 some inputs were rejected; 2 usage or environment error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitreps.cli.clusters import register as register_cluster_commands
from sitreps.cli.eval import eval_
from sitreps.cli.gazetteer import gazetteer_app
from sitreps.cli.options import (
    AuthorField,
    ClusterConfig,
    DateField,
    Exclude,
    Include,
    MaxBytes,
    NoCluster,
    OutletField,
    TextField,
    TitleField,
    UrlField,
    finish_run,
    ingest_options,
)
from sitreps.cli.scale import register as register_scale_commands
from sitreps.errors import Rejected, SitrepsError

app = typer.Typer(
    name="sitreps",
    help="Turn news reports about armed conflict and diplomacy into sourced, claim-aware event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(gazetteer_app, name="gazetteer")
register_cluster_commands(app)
register_scale_commands(app)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_OK, EXIT_REJECTED, EXIT_ERROR = 0, 1, 2

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file (created when missing).")]


def _print_rejected(rejected: list[Rejected]) -> None:
    for item in rejected:
        err.print(f"rejected {item.line()}", markup=False)


@app.command()
def read(
    file: Annotated[
        str, typer.Argument(help="An article file (text, Markdown, HTML, JSON/JSONL, RSS/Atom) or -.")
    ],
    format: Annotated[str, typer.Option("--format", help="json or table.")] = "json",
    text_field: TextField = "text",
    title_field: TitleField = "title",
    url_field: UrlField = "url",
    date_field: DateField = "date",
    outlet_field: OutletField = "outlet",
    author_field: AuthorField = "author",
    max_bytes: MaxBytes = 10_000_000,
) -> None:
    """Read articles and print their Readings (no database). Several articles print as JSON lines."""
    from sitreps.ingest import iter_articles
    from sitreps.pipeline.run import read_safely

    if format not in {"json", "table"}:
        raise typer.BadParameter("--format must be json or table")
    options = ingest_options(
        text_field, title_field, url_field, date_field, outlet_field, author_field, [], [], max_bytes
    )
    items = list(iter_articles([file], options))
    articles = [i for i in items if not isinstance(i, Rejected)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    for article in articles:
        result = read_safely(article)
        if isinstance(result, Rejected):
            rejected.append(result)
            continue
        if format == "table":
            _print_reading_table(result)
        else:
            data = result.to_json_dict()
            print(json.dumps(data, ensure_ascii=False, indent=2 if len(articles) == 1 else None))
    _print_rejected(rejected)
    raise typer.Exit(EXIT_REJECTED if rejected else EXIT_OK)


def _print_reading_table(reading: Any) -> None:
    a = reading.article
    out.print(
        f"[bold]{a.title or '(untitled)'}[/bold]  {a.outlet or '?'} · {a.published or '?'} · "
        f"{a.author or '?'} · {a.language or '?'} · id {a.id}"
    )
    actors = {x.id: x.name for x in reading.actors}
    times = {t.id: f"{t.start}..{t.end}" if t.end != t.start else str(t.start) for t in reading.times}
    table = Table("plover", "actor1", "actor2", "time", "flags", "trigger", title="events")
    for e in reading.events:
        flags = ",".join(
            f
            for f, on in (("habitual", e.habitual), ("negated", e.negated), ("hypothetical", e.hypothetical))
            if on
        )
        table.add_row(
            e.plover,
            actors.get(e.actor1 or "", ""),
            actors.get(e.actor2 or "", ""),
            times.get(e.time or "", ""),
            flags,
            e.trigger.text,
        )
    out.print(table)
    figures = Table("kind", "count", "qualifier", "party", "population", "evidence", title="figures")
    for f in reading.figures:
        count = f.count if f.count is not None else f.count_min if f.count_min is not None else f.count_max
        figures.add_row(
            f.kind, str(count), f.qualifier, actors.get(f.party or "", ""), f.population, f.span.text
        )
    out.print(figures)
    claims = Table("subject", "claimant", "relay", "stance", title="claims")
    for c in reading.claims:
        claims.add_row(
            c.subject or "",
            actors.get(c.claimant or "", ""),
            " <- ".join(actors.get(r, r) for r in c.relay),
            c.stance,
        )
    out.print(claims)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    db: DbOption = Path("sitreps.db"),
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
    cluster_config: ClusterConfig = None,
) -> None:
    """Read articles into the database, with a progress bar and a run report; then update the clusters."""
    from sitreps.pipeline.run import ingest as run_ingest

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
        report = run_ingest(
            paths,
            db,
            workers=workers,
            batch_size=batch_size,
            options=options,
            progress=lambda _source: bar.advance(task),
        )
    finish_run(report, db, "run", no_cluster=no_cluster, cluster_config=cluster_config)


@app.command()
def export(
    db: DbOption,
    format: Annotated[str, typer.Option("--format", help="csv, jsonl, parquet, geojson or acled.")],
    out_path: Annotated[Path, typer.Option("--out", help="Output file (a folder for parquet).")],
    no_clusters: Annotated[
        bool,
        typer.Option("--no-clusters", help="Ignore clusters: no cluster ids, and ACLED rows per report."),
    ] = False,
) -> None:
    """Write the stored readings in an exchange format, with their cluster ids (ACLED: a row per cluster)."""
    from sitreps.export import EXPORTERS, ClusterIndex
    from sitreps.store import Store

    if format not in EXPORTERS:
        raise typer.BadParameter(f"--format must be one of {', '.join(sorted(EXPORTERS))}")
    _require_db(db)
    with Store(db) as store:
        clusters = None if no_clusters else ClusterIndex.from_store(store)
        rows = EXPORTERS[format](store.iter_readings(), out_path, clusters)
    out.print(f"wrote {rows} rows as {format} to {out_path}", markup=False)


@app.command()
def stats(
    db: DbOption,
    format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Counts of what the database holds."""
    from sitreps.store import Store

    _require_db(db)
    with Store(db) as store:
        numbers = store.stats()
    if format == "json":
        print(json.dumps(numbers, ensure_ascii=False, indent=2, default=str))
        return
    for key, value in numbers.items():
        if isinstance(value, dict):
            table = Table(key, "n")
            for k, v in value.items():
                table.add_row(str(k), str(v))
            out.print(table)
        else:
            out.print(f"{key}: {value}", markup=False)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find in article text (full-text search).")],
    db: DbOption = Path("sitreps.db"),
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
) -> None:
    """Full-text search over stored articles."""
    from sitreps.store import Store

    _require_db(db)
    with Store(db) as store:
        for article_id, snippet in store.search(query, limit=limit):
            out.print(f"{article_id}  {snippet}", markup=False)


app.command("eval")(eval_)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Reading and its records."""
    from sitreps.model import json_schema

    print(json.dumps(json_schema(), indent=2))


@app.command()
def serve(
    db: DbOption = Path("sitreps.db"),
    host: Annotated[str, typer.Option(help="Address to listen on (loopback unless --public).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    public: Annotated[
        bool, typer.Option("--public", help="Allow a non-loopback --host (no authentication!).")
    ] = False,
) -> None:
    """Serve the web page (map, timeline, articles, claims) and the read-only REST API (/docs)."""
    from sitreps.serve import run_server

    _require_db(db)
    run_server(db, host, port, allow_public=public, say=lambda line: err.print(line, markup=False))


def _require_db(db: Path) -> None:
    if not db.exists():
        raise SitrepsError(f"no database at {db}: run `sitreps ingest PATH --db {db}` first")


def main() -> None:
    """Entry point: library errors become a message and exit code 2."""
    try:
        app()
    except SitrepsError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":
    main()
