"""`sitreps read` (articles to Readings, no database) and `sitreps schema` (the Reading's JSON Schema)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from sitreps.cli.common import EXIT_OK, EXIT_REJECTED, out, print_rejected
from sitreps.cli.options import (
    AuthorField,
    DateField,
    MaxBytes,
    OutletField,
    TextField,
    TitleField,
    UrlField,
    ingest_options,
)
from sitreps.errors import Rejected
from sitreps.ingest import iter_articles
from sitreps.model import Reading, json_schema
from sitreps.pipeline.run import read_safely


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
    print_rejected(rejected)
    raise typer.Exit(EXIT_REJECTED if rejected else EXIT_OK)


def schema() -> None:
    """Print the JSON Schema of the Reading and its records."""
    print(json.dumps(json_schema(), indent=2))


def _print_reading_table(reading: Reading) -> None:
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
