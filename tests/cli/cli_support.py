"""Running the `sitreps` entry point in the test process: its exit code, standard output and error."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pytest

from sitreps.cli import main


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run_main(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> Run:
    """``sitreps ARGS`` through :func:`sitreps.cli.main`, as the installed command runs it."""
    monkeypatch.setattr(sys, "argv", ["sitreps", *args])
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_:
        main()
    captured = capsys.readouterr()
    code = exit_.value.code
    return Run(code if isinstance(code, int) else 0 if code is None else 1, captured.out, captured.err)
