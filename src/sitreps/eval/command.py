"""`sitreps eval`: run one evaluation and print its figures as tables (rich) or as one JSON object.

Exit codes: 0 done (for seed: every expectation met and no must_not rule broken); 1 the seed falls short;
2 usage error or an unreadable gold file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sitreps.errors import Rejected, SitrepsError
from sitreps.eval.clusters import ClusterEvaluation
from sitreps.eval.corpus import GoldFormatError, ReadRun
from sitreps.eval.metrics import ClassificationReport

FORMATS = ("seed", "case2021", "plover", "geoxml", "clusters")
EXIT_OK, EXIT_SHORT, EXIT_ERROR = 0, 1, 2
CONFUSIONS_SHOWN = 15
ERROR_GROUPS_SHOWN = 10


def eval_command(
    format: str, file: Path, expected: Path | None, json_out: bool, predictions: Path | None
) -> int:
    """Evaluate ``file`` in the given gold format, print the result, and return the exit code."""
    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        if format not in FORMATS:
            raise SitrepsError(f"--format must be one of {', '.join(FORMATS)}, not {format!r}")
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
        return _plover(file, json_out, predictions, out)
    except SitrepsError as exc:
        err.print(f"error: {exc}", markup=False)
        return EXIT_ERROR


# ---------------------------------------------------------------- seed


def reading_json_for(file: Path) -> dict[str, Any]:
    """The Reading JSON of ``file``: the file itself when it holds a Reading, else ``sitreps.read`` of it."""
    from sitreps import read
    from sitreps.ingest import iter_articles

    if file.suffix.lower() == ".json":
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            data = None
        if isinstance(data, dict) and "article" in data and "events" in data:
            return data  # a Reading JSON, perhaps from another tool: scored as it is
    articles = []
    for item in iter_articles([file]):
        if isinstance(item, Rejected):
            raise SitrepsError(f"cannot read {file}: {item.line()}")
        articles.append(item)
    if len(articles) != 1:
        raise SitrepsError(f"{file} holds {len(articles)} articles; the seed evaluation reads exactly one")
    return read(articles[0]).to_json_dict()


def _load_expected(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldFormatError(f"cannot read the expectations {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise GoldFormatError(f"{path}: expected a JSON object of the seed's shape")
    return data


def _seed(file: Path, expected: Path, json_out: bool, out: Console) -> int:
    from sitreps.eval.seed import score_reading

    reading = reading_json_for(file)
    try:
        result = score_reading(reading, _load_expected(expected))
    except (KeyError, TypeError, ValueError) as exc:
        raise GoldFormatError(f"{expected} is not of the seed's shape ({type(exc).__name__}: {exc})") from exc
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
    from sitreps.eval import case2021

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
    from sitreps.eval import plover

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
    from sitreps.eval.geo import evaluate_geo

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
    from sitreps.eval.clusters import evaluate_clusters, write_predictions

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
    from sitreps.eval.clusters import UNCLUSTERED, UNMATCHED

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
