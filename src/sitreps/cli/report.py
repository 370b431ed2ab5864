"""The run report of a storing command: one summary line on standard output, then one line per rejected
input on standard error. `ingest` and `load` print a :class:`~sitreps.pipeline.run.RunReport`, `spark`
its :class:`~sitreps.scale.job.SparkReport`; the exit code is the report's own (1 when some input was
rejected)."""

from __future__ import annotations

from pathlib import Path

from sitreps.cli.common import err, out, print_rejected
from sitreps.pipeline.run import RunReport
from sitreps.scale.job import SparkReport


def print_run_report(report: RunReport, db: Path, name: str) -> None:
    """``{name} report ({db}): ...`` and the rejected inputs."""
    o = report.outcomes
    summary = (
        f"{o['stored']} stored ({o['near-duplicate']} of them near-duplicates), "
        f"{o['already stored']} already stored, {o['rejected']} rejected"
    )
    out.print(f"{name} report ({db}): {summary}", markup=False)
    print_rejected(report.rejected)


def print_spark_report(report: SparkReport, output: str) -> None:
    """``spark report ({output}): ...``, the rejected inputs the report holds and how many more the
    output's ``rejected`` table has."""
    o = report.outcomes
    out.print(
        f"spark report ({output}): {o['stored']} articles ({o['near-duplicate']} of them near-duplicates), "
        f"{o['already stored']} repeated, {o['rejected']} rejected; "
        + ", ".join(f"{n} {table}" for table, n in report.tables.items() if table != "articles")
        + f" ({report.seconds:.1f} s, {report.partitions} partitions)",
        markup=False,
    )
    for item in report.rejected:
        err.print(f"rejected {item['source']}: [{item['code']}] {item['message']}", markup=False)
    if o["rejected"] > len(report.rejected):
        err.print(f"... {o['rejected'] - len(report.rejected)} more in {output}/rejected", markup=False)
