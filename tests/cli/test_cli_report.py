"""The end of a storing run (`ingest`, `load`): the report line on standard output, one line per rejected
input on standard error, then the clusters' line, and exit code 0, or 1 when some input was rejected.

The library's run is replaced by one that stores nothing and returns a known report, so that the lines
can be compared whole.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from cli_support import run_main

from sitreps.cli import storing
from sitreps.cli.report import print_run_report
from sitreps.errors import Reason, Rejected
from sitreps.pipeline.run import RunReport
from sitreps.store import Store

CLUSTERS = re.compile(
    r"clusters \((?P<db>.+)\): 0 new events, 0 new links, 0 clusters recomputed, 0 in all \(\d+\.\d\d s\)"
)


def a_report(*, rejected: bool) -> RunReport:
    report = RunReport(outcomes=Counter({"stored": 3, "near-duplicate": 1, "already stored": 2}))
    if rejected:
        report.reject(Rejected.because("empty.txt", Reason.EMPTY))
        report.reject(Rejected.because("a.bin", Reason.BINARY, kind="PNG image"))
    return report


@pytest.fixture
def stored(monkeypatch: pytest.MonkeyPatch) -> list[RunReport]:
    """The report the next `ingest` or `load` returns; each makes an empty store at its --db."""
    reports: list[RunReport] = []

    def run(db: Path) -> RunReport:
        Store(db).close()
        return reports.pop(0)

    monkeypatch.setattr(storing, "ingest_paths", lambda paths, db, **options: run(db))
    monkeypatch.setattr(storing, "load_output", lambda output, db, **options: run(db))
    return reports


def test_the_report_lines(capsys: pytest.CaptureFixture[str]) -> None:
    print_run_report(a_report(rejected=True), Path("x.db"), "run")
    captured = capsys.readouterr()
    assert captured.out == (
        "run report (x.db): 3 stored (1 of them near-duplicates), 2 already stored, 2 rejected\n"
    )
    assert captured.err == (
        "rejected empty.txt: [R001] empty input: the file or record holds no text\n"
        "rejected a.bin: [R003] binary content (PNG image): not a text, HTML, JSON or feed file\n"
    )


@pytest.mark.parametrize("command", ["ingest", "load"])
@pytest.mark.parametrize("rejected", [False, True])
def test_report_clusters_and_exit_code(
    command: str,
    rejected: bool,
    stored: list[RunReport],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = tmp_path / "s.db"
    stored.append(a_report(rejected=rejected))
    run = run_main(capsys, monkeypatch, command, str(tmp_path / "in"), "--db", str(db))
    assert run.code == (1 if rejected else 0)
    name = "run" if command == "ingest" else "load"
    report, clusters = run.out.splitlines()
    assert report == (
        f"{name} report ({db}): 3 stored (1 of them near-duplicates), 2 already stored, "
        f"{2 if rejected else 0} rejected"
    )
    assert (found := CLUSTERS.fullmatch(clusters)) and found["db"] == str(db)
    assert [line.split(":")[0] for line in run.err.splitlines()] == (
        ["rejected empty.txt", "rejected a.bin"] if rejected else []
    )


@pytest.mark.parametrize("command", ["ingest", "load"])
def test_no_cluster_skips_the_clusters(
    command: str,
    stored: list[RunReport],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = tmp_path / "s.db"
    stored.append(a_report(rejected=True))
    run = run_main(capsys, monkeypatch, command, str(tmp_path), "--db", str(db), "--no-cluster")
    assert run.code == 1
    assert run.out.splitlines() == [
        f"{'run' if command == 'ingest' else 'load'} report ({db}): 3 stored (1 of them near-duplicates), "
        "2 already stored, 2 rejected"
    ]
