"""The commands over a stored database: `sitreps stats`, `search`, `export` and `serve`.

Each needs a database that `sitreps ingest` (or `load`) wrote, and never creates one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sitreps.cli.common import ExistingDb, err, open_store, out, require_database
from sitreps.export import EXPORTERS, ClusterIndex
from sitreps.serve import run_server


def stats(
    db: ExistingDb,
    format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Counts of what the database holds."""
    with open_store(db) as store:
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


def search(
    query: Annotated[str, typer.Argument(help="Words to find in article text (full-text search).")],
    db: ExistingDb = Path("sitreps.db"),
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
) -> None:
    """Full-text search over stored articles."""
    with open_store(db) as store:
        for article_id, snippet in store.search(query, limit=limit):
            out.print(f"{article_id}  {snippet}", markup=False)


def export(
    db: ExistingDb,
    format: Annotated[str, typer.Option("--format", help="csv, jsonl, parquet, geojson or acled.")],
    out_path: Annotated[Path, typer.Option("--out", help="Output file (a folder for parquet).")],
    no_clusters: Annotated[
        bool,
        typer.Option("--no-clusters", help="Ignore clusters: no cluster ids, and ACLED rows per report."),
    ] = False,
) -> None:
    """Write the stored readings in an exchange format, with their cluster ids (ACLED: a row per cluster)."""
    if format not in EXPORTERS:
        raise typer.BadParameter(f"--format must be one of {', '.join(sorted(EXPORTERS))}")
    with open_store(db) as store:
        clusters = None if no_clusters else ClusterIndex.from_store(store)
        rows = EXPORTERS[format](store.iter_readings(), out_path, clusters)
    out.print(f"wrote {rows} rows as {format} to {out_path}", markup=False)


def serve(
    db: ExistingDb = Path("sitreps.db"),
    host: Annotated[str, typer.Option(help="Address to listen on (loopback unless --public).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    public: Annotated[
        bool, typer.Option("--public", help="Allow a non-loopback --host (no authentication!).")
    ] = False,
) -> None:
    """Serve the web page (map, timeline, articles, claims) and the read-only REST API (/docs)."""
    run_server(
        require_database(db), host, port, allow_public=public, say=lambda line: err.print(line, markup=False)
    )
