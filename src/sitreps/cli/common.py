"""What every command shares: the two consoles, the exit codes, the ``--db`` options and the one check
that a database is there.

``out`` is standard output (reports, tables), ``err`` standard error (progress, rejected inputs,
messages); neither highlights nor wraps. A command that reads a store calls :func:`open_store` or
:func:`require_database` first, so a wrong path is one message (:class:`~sitreps.errors.NoDatabase`, exit
code 2) and no empty database is left behind.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console, RenderableType
from rich.segment import Segments

from sitreps.errors import NoDatabase, Rejected
from sitreps.store import Store

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

# 0: done; 1: done, but some inputs were rejected; 2: usage or environment error.
EXIT_OK, EXIT_REJECTED, EXIT_ERROR = 0, 1, 2

# The two ``--db`` options: commands that store create the file, the others need it written already.
# Each command gives its own default (or none, which makes the option required).
NewOrExistingDb = Annotated[Path, typer.Option("--db", help="SQLite database file (created when missing).")]
ExistingDb = Annotated[Path, typer.Option("--db", help="SQLite database file written by `sitreps ingest`.")]


def require_database(db: Path) -> Path:
    """``db`` when a database file is there; else :class:`~sitreps.errors.NoDatabase`."""
    if not db.is_file():
        raise NoDatabase(db)
    return db


def open_store(db: Path) -> Store:
    """The store at ``db``, which must exist (a missing one is not created)."""
    return Store(require_database(db))


def table_or_json(format: str) -> str:
    """The ``--format`` of the commands that print a table for people or JSON for programs."""
    if format not in ("table", "json"):
        raise typer.BadParameter("--format must be table or json")
    return format


def print_rejected(rejected: Iterable[Rejected]) -> None:
    """One line on standard error per rejected input: source, code, message."""
    for item in rejected:
        err.print(f"rejected {item.line()}", markup=False)


def print_wide(renderable: RenderableType, width: int) -> None:
    """Print on standard output at least ``width`` columns wide, wider than the terminal if need be
    (piped output has no terminal width)."""
    options = out.options.update_width(max(out.width, width))
    out.print(Segments(out.render(renderable, options)), soft_wrap=True)
