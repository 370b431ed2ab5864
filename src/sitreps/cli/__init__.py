"""The ``sitreps`` command: arguments in, the library's calls and their printed results out.

:data:`app` is the typer app (every command registered in :mod:`sitreps.cli.app`), :func:`main` the entry
point (``sitreps`` and ``python -m sitreps.cli``). Modules by theme: common (consoles, exit codes, the
``--db`` options and the database check), options (how articles are read), reading, storing and report,
querying, clusters, gazetteer, eval.
"""

from sitreps.cli.app import app, main

__all__ = ["app", "main"]
