"""`sitreps eval`: run one evaluation of sitreps.eval and print its figures as tables (rich) or as one JSON
object.

Exit codes: 0 done (for seed: every expectation met and no must_not rule broken; for gold: no item fails
that known_failures.txt does not list); 1 the seed or the gold sentences fall short; 2 usage error or an
unreadable gold file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sitreps.cli.common import err, out
from sitreps.errors import SitrepsError
from sitreps.eval import case2021, plover
from sitreps.eval.clusters import (
    UNCLUSTERED,
    UNMATCHED,
    ClusterEvaluation,
    evaluate_clusters,
    write_predictions,
)
from sitreps.eval.corpus import ReadRun
from sitreps.eval.geo import evaluate_geo
from sitreps.eval.metrics import ClassificationReport
from sitreps.eval.seed import evaluate_seed
from sitreps.eval.sentences import Rate, SentencesResult, evaluate_sentences

FORMATS = ("seed", "case2021", "plover", "geoxml", "clusters", "gold")
EXIT_OK, EXIT_SHORT, EXIT_ERROR = 0, 1, 2
CONFUSIONS_SHOWN = 15
ERROR_GROUPS_SHOWN = 10


def eval_(
    file: Annotated[
        Path,
        typer.Argument(
            help="seed: an article (or its Reading JSON); case2021: the TSV (id, EventSnippet, SubType); "
            "plover: the gold-standard JSON Lines; geoxml: a GeoWebNews-style XML; "
            "clusters: JSON Lines of articles with their events' gold clusters; "
            "gold: our gold sentences (tests/gold/sentences.jsonl)."
        ),
    ],
    format: Annotated[
        str, typer.Option("--format", help="seed, case2021, plover, geoxml, clusters or gold.")
    ],
    expected: Annotated[
        Path | None, typer.Argument(help="seed only: the expected.json to score the reading against.")
    ] = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print one JSON object instead of tables.")
    ] = False,
    predictions: Annotated[
        Path | None, typer.Option("--predictions", help="Write id<TAB>predicted label per item here.")
    ] = None,
    known: Annotated[
        bool,
        typer.Option(
            "--known",
            help="gold only: print a body for known_failures.txt (each failing item's id and its first "
            "failed expectation) instead of the report.",
        ),
    ] = False,
    items: Annotated[
        list[str] | None, typer.Option("--item", help="gold only: check only this item (repeatable).")
    ] = None,
) -> None:
    """Measure against gold data: the seed, CASE 2021 labels, PLOVER types, geoparsing, event clusters or
    our gold sentences."""
    raise typer.Exit(
        eval_command(format, file, expected, json_out, predictions, known=known, items=items or ())
    )


def eval_command(
    format: str,
    file: Path,
    expected: Path | None,
    json_out: bool,
    predictions: Path | None,
    *,
    known: bool = False,
    items: Sequence[str] = (),
) -> int:
    """Evaluate ``file`` in the given gold format, print the result, and return the exit code."""
    try:
        if format not in FORMATS:
            raise SitrepsError(f"--format must be one of {', '.join(FORMATS)}, not {format!r}")
        if format != "gold" and (known or items):
            raise SitrepsError("--known and --item apply to --format gold only")
        if format == "seed":
            if expected is None:
                raise SitrepsError(
                    "--format seed needs EXPECTED: sitreps eval --format seed FILE EXPECTED.json"
                )
            if predictions is not None:
                raise SitrepsError("--predictions applies to --format case2021, plover, geoxml and clusters")
            return _seed(file, expected, json_out, out)
        if expected is not None:
            raise SitrepsError(f"EXPECTED applies to --format seed only; {format} reads its gold from FILE")
        if format == "case2021":
            return _case2021(file, json_out, predictions, out)
        if format == "geoxml":
            return _geoxml(file, json_out, predictions, out)
        if format == "clusters":
            return _clusters(file, json_out, predictions, out)
        if format == "gold":
            if predictions is not None:
                raise SitrepsError("--predictions applies to --format case2021, plover, geoxml and clusters")
            if known and json_out:
                raise SitrepsError("--known prints a known_failures.txt body; leave out --json")
            return _gold(file, json_out, known, items, out)
        return _plover(file, json_out, predictions, out)
    except SitrepsError as exc:
        err.print(f"error: {exc}", markup=False)
        return EXIT_ERROR


# ---------------------------------------------------------------- seed


def _seed(file: Path, expected: Path, json_out: bool, out: Console) -> int:
    result = evaluate_seed(file, expected)
    if json_out:
        print(json.dumps({"format": "seed", "file": str(file), **result.to_json_dict()}, indent=2))
    else:
        table = Table("", "expectation", "why not", title=f"seed: {file.name} against {expected.name}")
        for check in (*result.expectations, *result.must_not):
            if check.kind == "must_not":
                mark = "[green]held[/green]" if check.ok else "[red]BROKEN[/red]"
            else:
                mark = "[green]ok[/green]" if check.ok else "[red]MISS[/red]"
            table.add_row(mark, check.name, "" if check.ok else check.detail)
        for text in result.unchecked:
            table.add_row("?", f"must_not: {text}", "not checked mechanically")
        out.print(table)
        out.print(result.summary(), markup=False)
    return EXIT_OK if result.passed else EXIT_SHORT


# ---------------------------------------------------------------- case2021 and plover


def _report_table(report: ClassificationReport, title: str) -> Table:
    table = Table("label", "precision", "recall", "F1", "support", "predicted", title=title)
    for s in sorted(report.labels, key=lambda s: (-s.support, s.label)):
        table.add_row(
            s.label, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.support), str(s.predicted)
        )
    return table


def _confusion_table(report: ClassificationReport) -> Table:
    table = Table("gold", "predicted", "n", title=f"most frequent confusions (top {CONFUSIONS_SHOWN})")
    for gold, predicted, n in report.confusions(CONFUSIONS_SHOWN):
        table.add_row(gold, predicted, str(n))
    return table


def _run_json(run: ReadRun) -> dict[str, Any]:
    n = len(run.readings)
    return {
        "seconds": round(run.seconds, 3),
        "items_per_second": round(n / run.seconds, 1) if run.seconds else None,
        "failures": list(run.failures),
    }


def _print_summary(out: Console, name: str, report: ClassificationReport, run: ReadRun) -> None:
    out.print(
        f"{name}: {report.n} items · accuracy {report.accuracy:.3f} · macro F1 {report.macro_f1:.3f} · "
        f"weighted F1 {report.weighted_f1:.3f} · read in {run.seconds:.1f} s",
        markup=False,
    )
    for failure in run.failures:
        out.print(f"reading failed: {failure}", markup=False)


def _case2021(file: Path, json_out: bool, predictions: Path | None, out: Console) -> int:
    result = case2021.evaluate(file)
    if predictions is not None:
        case2021.write_predictions(result, predictions)
    report = result.report
    if json_out:
        data = {"format": "case2021", "file": str(file), **report.to_json_dict(), **_run_json(result.run)}
        data["unknown_gold_labels"] = result.unknown_gold_labels()
        print(json.dumps(data, indent=2))
    else:
        out.print(_report_table(report, f"CASE 2021 task 2: {file.name}"))
        out.print(_confusion_table(report))
        _print_summary(out, "case2021", report, result.run)
        if unknown := result.unknown_gold_labels():
            out.print(f"gold labels the label table does not know: {', '.join(unknown)}", markup=False)
    if predictions is not None and not json_out:
        out.print(f"predictions written to {predictions}", markup=False)
    return EXIT_OK


def _plover(file: Path, json_out: bool, predictions: Path | None, out: Console) -> int:
    result = plover.evaluate(file)
    if predictions is not None:
        plover.write_predictions(result, predictions)
    report = result.report
    agreements = {
        "source_country_agreement": result.source_agreement,
        "target_country_agreement": result.target_agreement,
    }
    if json_out:
        data: dict[str, Any] = {"format": "plover", "file": str(file), **report.to_json_dict()}
        for key, agreement in agreements.items():
            data[key] = {"agreed": agreement.agreed, "scored": agreement.scored, "rate": agreement.rate}
        print(json.dumps({**data, **_run_json(result.run)}, indent=2))
    else:
        out.print(_report_table(report, f"PLOVER event types: {file.name}"))
        out.print(_confusion_table(report))
        _print_summary(out, "plover", report, result.run)
        for key, agreement in agreements.items():
            label = key.replace("_", " ")
            out.print(
                f"{label}: {agreement.agreed}/{agreement.scored} ({agreement.rate:.3f}) "
                "where gold gives a country",
                markup=False,
            )
    if predictions is not None and not json_out:
        out.print(f"predictions written to {predictions}", markup=False)
    return EXIT_OK


# ---------------------------------------------------------------- geoparsing XML (GeoWebNews and its family)


def _geoxml(file: Path, json_out: bool, predictions: Path | None, out: Console) -> int:
    if not file.exists():
        raise SitrepsError(f"cannot read {file}: no such file")
    figures = evaluate_geo(file, predictions=predictions)
    if json_out:
        print(json.dumps({"format": "geoxml", "file": str(file), **figures}, indent=2))
        return EXIT_OK
    table = Table("figure", "value", title=f"geoparsing: {file.name}")
    resolution, detection = figures["resolution"], figures["detection"]
    rows = [
        ("articles", figures["articles"]),
        ("gold toponyms not aligned to the text", figures["unaligned"]),
        ("resolution with gold spans: toponyms", resolution["n"]),
        ("  accuracy@161 km", resolution["acc161"]),
        ("  mean error km", resolution["mean_km"]),
        ("  median error km", resolution["median_km"]),
        ("  AUC of the error curve (lower is better)", resolution["auc"]),
        ("end to end: detection precision", detection["precision"]),
        ("  detection recall", detection["recall"]),
        ("  detection F1", detection["f1"]),
        ("  accuracy@161 km of matched toponyms", detection["matched"]["acc161"]),
    ]
    for name, value in rows:
        table.add_row(name, str(value))
    out.print(table)
    out.print(f"geoxml: read in {figures['seconds']} s", markup=False)
    if predictions is not None:
        out.print(f"predictions written to {predictions}", markup=False)
    return EXIT_OK


# ---------------------------------------------------------------- event clusters against a gold mapping


def _clusters(file: Path, json_out: bool, predictions: Path | None, out: Console) -> int:
    result = evaluate_clusters(file)
    if predictions is not None:
        write_predictions(result, predictions)
    if json_out:
        print(json.dumps({"format": "clusters", "file": str(file), **result.to_json_dict()}, indent=2))
        return EXIT_OK
    out.print(_cluster_scores_table(result, file))
    out.print(
        "unmatched gold events (no predicted trigger overlaps theirs) and events left unclustered count as "
        "predicted singletons in the first column",
        markup=False,
    )
    if result.splits:
        out.print(_split_table(result))
    if result.merges:
        out.print(_merge_table(result))
    out.print(f"clusters: read and clustered in {result.run.seconds:.1f} s", markup=False)
    for failure in result.run.failures:
        out.print(f"reading failed: {failure}", markup=False)
    if predictions is not None:
        out.print(f"predictions written to {predictions}", markup=False)
    return EXIT_OK


def _cluster_scores_table(result: ClusterEvaluation, file: Path) -> Table:
    table = Table("figure", "all gold events", "matched only", title=f"event clusters: {file.name}")
    table.add_row("articles", str(len(result.gold.articles)), "")
    table.add_row(
        "gold events / clusters", f"{len(result.outcomes)} / {result.gold_clusters}", str(result.matched)
    )
    table.add_row("matched (coverage)", f"{result.matched} ({result.coverage:.3f})", "")
    table.add_row("matched but unclustered", str(result.unclustered), "")
    table.add_row(
        "predicted events / clusters",
        f"{result.run.predicted_events} / {result.run.predicted_clusters}",
        "",
    )
    every, matched = result.scores, result.matched_scores
    for name in ("precision", "recall", "f1"):
        table.add_row(
            f"pairwise {name}",
            f"{getattr(every.pairwise, name):.3f}",
            f"{getattr(matched.pairwise, name):.3f}",
        )
    for name in ("precision", "recall", "f1"):
        table.add_row(
            f"B-cubed {name}", f"{getattr(every.bcubed, name):.3f}", f"{getattr(matched.bcubed, name):.3f}"
        )
    return table


def _parts(result: ClusterEvaluation, parts: tuple[tuple[str, int], ...], describe: bool) -> str:
    """Other-side labels with their counts; unmatched and unclustered singletons are counted together."""
    shown: list[str] = []
    singletons = {UNMATCHED: 0, UNCLUSTERED: 0}
    for label, n in parts:
        kind = label.split(" ", 1)[0]
        if kind in singletons:
            singletons[kind] += n
        else:
            shown.append(f"{result.label_of(label) if describe else label} ×{n}")
    shown.extend(f"{kind} ×{n}" for kind, n in singletons.items() if n)
    return "\n".join(shown)


def _split_table(result: ClusterEvaluation) -> Table:
    table = Table(
        "gold cluster",
        "events",
        "where sitreps put them",
        "pairs lost",
        title=f"gold clusters split apart (top {ERROR_GROUPS_SHOWN} by pairs lost)",
    )
    for group in result.splits[:ERROR_GROUPS_SHOWN]:
        table.add_row(group.label, str(group.size), _parts(result, group.parts, True), str(group.pairs))
    return table


def _merge_table(result: ClusterEvaluation) -> Table:
    table = Table(
        "predicted cluster",
        "gold clusters it joins",
        "wrong pairs",
        title=f"predicted clusters that merge gold clusters (top {ERROR_GROUPS_SHOWN} by wrong pairs)",
    )
    for group in result.merges[:ERROR_GROUPS_SHOWN]:
        table.add_row(result.label_of(group.label), _parts(result, group.parts, False), str(group.pairs))
    return table


# ---------------------------------------------------------------- our gold sentences


def _gold(file: Path, json_out: bool, known: bool, items: Sequence[str], out: Console) -> int:
    result = evaluate_sentences(file, only=items)
    if known:
        for line in result.known_failures_body():
            print(line)
    elif json_out:
        data = {"format": "gold", "file": str(file), **result.to_json_dict()}
        print(json.dumps({**data, "seconds": round(result.seconds, 3)}, indent=2))
    else:
        _print_gold_tables(result, file, out)
    return EXIT_OK if result.passed else EXIT_SHORT


def _rate_row(name: str, rate: Rate) -> tuple[str, str, str, str]:
    return name, str(rate.passed), str(rate.total), f"{100 * rate.rate:.1f}"


def _rates_table(title: str, group: str, rates: Mapping[str, Rate]) -> Table:
    table = Table(group, "passed", "of", "%", title=title)
    for name, rate in rates.items():
        table.add_row(*_rate_row(name, rate))
    return table


def _print_gold_tables(result: SentencesResult, file: Path, out: Console) -> None:
    totals = {"items passing": result.items_passing, "expectations met": result.expectations_met}
    out.print(_rates_table(f"gold sentences: {file.name}", "", totals))
    out.print(_rates_table("items passing, by tag", "tag", result.by_tag()))
    out.print(_rates_table("expectations met, by category", "category", result.by_category()))
    out.print(_rates_table("expectations met, by phenomenon", "phenomenon", result.by_phenomenon()))
    if result.failing:
        table = Table("item", "", "category", "expectation", "why not", title="failed expectations")
        for item in result.failing:
            mark = "known" if item.id in result.known else "[red]NEW[/red]"
            for n, check in enumerate(item.failed):
                first = n == 0
                name, detail = escape(check.name), escape(check.detail)
                table.add_row(
                    escape(item.id) if first else "", mark if first else "", check.kind, name, detail
                )
        out.print(table)
    if result.fixed:
        out.print(f"passing now, remove from known_failures.txt: {', '.join(result.fixed)}", markup=False)
    items, met = result.items_passing, result.expectations_met
    out.print(
        f"gold: {items.passed}/{items.total} items pass · {met.passed}/{met.total} expectations met · "
        f"new failures: {len(result.new_failures)} · read in {result.seconds:.1f} s",
        markup=False,
    )
