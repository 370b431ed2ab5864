"""Every command the app registers has help text and is shown in README.md (`sitreps NAME ...`), so that
a command cannot be added without saying what it does."""

from __future__ import annotations

import re
from pathlib import Path

import typer
from typer.core import TyperGroup

from sitreps.cli import app

README = Path(__file__).resolve().parents[2] / "README.md"


def helps(group: TyperGroup, prefix: str = "sitreps") -> dict[str, str]:
    """Each command's full name (``sitreps gazetteer lookup``) and its help text."""
    found: dict[str, str] = {}
    for name, command in group.commands.items():
        found[f"{prefix} {name}"] = (command.help or "").strip()
        if isinstance(command, TyperGroup):
            found.update(helps(command, f"{prefix} {name}"))
    return found


def test_every_command_has_help_and_is_in_the_readme() -> None:
    registered = helps(typer.main.get_group(app))
    assert {"sitreps ingest", "sitreps eval", "sitreps gazetteer lookup"} <= set(registered)
    assert [name for name, text in registered.items() if not text] == []
    readme = README.read_text(encoding="utf-8")
    assert [name for name in registered if not re.search(rf"{re.escape(name)}\b(?!-)", readme)] == []
