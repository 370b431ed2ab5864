"""The one database check: every command that reads a store says the same thing about a missing database,
exits with code 2 and creates nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import run_main

from sitreps.cli.common import open_store, require_database
from sitreps.errors import NoDatabase

# Every command that reads a database, with the other arguments it needs.
READERS = {
    "stats": [],
    "search": ["ceasefire"],
    "export": ["--format", "csv", "--out", "events.csv"],
    "serve": ["--port", "1"],
    "cluster": [],
    "events": [],
    "contradictions": [],
    "figures": ["--cluster", "cluster-1"],
}


@pytest.mark.parametrize("command", sorted(READERS))
def test_a_missing_database_is_one_message_and_exit_2(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "missing.db"
    run = run_main(capsys, monkeypatch, command, *READERS[command], "--db", str(db))
    assert run.code == 2
    assert run.err == f"error: no database at {db}: run `sitreps ingest PATH --db {db}` first\n"
    assert run.out == ""
    assert list(tmp_path.iterdir()) == []


def test_the_message_is_the_librarys() -> None:
    assert str(NoDatabase(Path("x.db"))) == "no database at x.db: run `sitreps ingest PATH --db x.db` first"


def test_a_folder_is_no_database(tmp_path: Path) -> None:
    with pytest.raises(NoDatabase):
        require_database(tmp_path)
    with pytest.raises(NoDatabase):
        open_store(tmp_path / "none.db")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_database_passes(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    db.touch()
    assert require_database(db) == db
