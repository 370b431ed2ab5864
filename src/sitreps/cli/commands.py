"""`sitreps eval`: measure against gold data (registered on the app here; the other commands are
registered in :mod:`sitreps.cli.app`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sitreps.cli.app import app


@app.command("eval")
def eval_(
    file: Annotated[
        Path,
        typer.Argument(
            help="seed: an article (or its Reading JSON); case2021: the TSV (id, EventSnippet, SubType); "
            "plover: the gold-standard JSON Lines; geoxml: a GeoWebNews-style XML; "
            "clusters: JSON Lines of articles with their events' gold clusters."
        ),
    ],
    format: Annotated[str, typer.Option("--format", help="seed, case2021, plover, geoxml or clusters.")],
    expected: Annotated[
        Path | None, typer.Argument(help="seed only: the expected.json to score the reading against.")
    ] = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print one JSON object instead of tables.")
    ] = False,
    predictions: Annotated[
        Path | None, typer.Option("--predictions", help="Write id<TAB>predicted label per item here.")
    ] = None,
) -> None:
    """Measure against gold data: the seed, CASE 2021 labels, PLOVER types, geoparsing or event clusters."""
    from sitreps.eval.command import eval_command

    raise typer.Exit(eval_command(format, file, expected, json_out, predictions))
