"""The ``sitreps`` command: every command, thin over the library."""

from sitreps.cli.commands import app, main

__all__ = ["app", "main"]
