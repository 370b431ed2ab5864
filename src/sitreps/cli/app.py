"""The `sitreps` typer app, every command registered on it in one place, and :func:`main`.

Exit codes: 0 ok; 1 some inputs were rejected; 2 usage or environment error (a library error,
:class:`~sitreps.errors.SitrepsError`, becomes its message on standard error and exit code 2).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import typer

import sitreps.cli.clusters as clusters
import sitreps.cli.eval as evaluation
import sitreps.cli.gazetteer as gazetteer
import sitreps.cli.querying as querying
import sitreps.cli.reading as reading
import sitreps.cli.storing as storing
from sitreps.cli.common import EXIT_ERROR, err
from sitreps.errors import SitrepsError

app = typer.Typer(
    name="sitreps",
    help="Turn news reports about armed conflict and diplomacy into sourced, claim-aware event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Every command, in the order `sitreps --help` lists them; each is named after its function (`eval_`: eval).
COMMANDS: tuple[Callable[..., None], ...] = (
    clusters.cluster,
    clusters.events,
    clusters.contradictions,
    clusters.figures,
    storing.spark,
    storing.load,
    reading.read,
    storing.ingest,
    querying.export,
    querying.stats,
    querying.search,
    evaluation.eval_,
    reading.schema,
    querying.serve,
)
GAZETTEER_COMMANDS: tuple[Callable[..., None], ...] = (gazetteer.build, gazetteer.lookup, gazetteer.download)

for command in COMMANDS:
    app.command(command.__name__.rstrip("_"))(command)

gazetteer_app = typer.Typer(
    help="The place index: build it (make setup does), look names up, fetch full GeoNames dumps.",
    no_args_is_help=True,
    add_completion=False,
)
for command in GAZETTEER_COMMANDS:
    gazetteer_app.command()(command)
app.add_typer(gazetteer_app, name="gazetteer")


def main() -> None:
    """Entry point: library errors become a message and exit code 2."""
    try:
        app()
    except SitrepsError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(EXIT_ERROR)
