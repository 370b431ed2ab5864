"""CASE 2021 shared task 2: one event label per news snippet, scored against the gold labels.

The gold file is a TSV with columns ``id``, ``EventSnippet`` and ``SubType``. Each snippet is read as an
undated article by ``sitreps.read``; :func:`predict_label` turns the Reading into one of CASE's 30 labels
through the table ``case2021_labels.tsv`` (ACLED sub-event types one to one, PLOVER cues as a fallback).
The rule is deliberately simple and lives here so that a real classifier can replace it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from sitreps.classify import classify
from sitreps.eval.corpus import GoldFormatError, ReadRun, read_gold_text, read_texts
from sitreps.eval.metrics import ClassificationReport, classification_report
from sitreps.model import Reading

LABELS_FILE = "case2021_labels.tsv"
COLUMNS = ("id", "EventSnippet", "SubType")
# When a Reading gives no cue at all: the most frequent type in ACLED's data and in the dev set.
DEFAULT_LABEL = "ARMED_CLASH"


@dataclass(frozen=True)
class CaseLabel:
    """One CASE label: its ACLED types (None for CASE's five additions), PLOVER cues and meaning."""

    label: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    plover_cues: tuple[str, ...]
    definition: str


@dataclass(frozen=True)
class Snippet:
    """One gold row: an id, the snippet text and its gold label."""

    id: str
    text: str
    label: str


@cache
def case_labels() -> tuple[CaseLabel, ...]:
    """The label table, in file order."""
    text = resources.files("sitreps.eval").joinpath(LABELS_FILE).read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    table = []
    for number, cells in enumerate(rows, start=1):
        if len(cells) != 5:
            raise ValueError(f"{LABELS_FILE} row {number}: {len(cells)} columns, expected 5")
        label, event_type, sub_type, cues, definition = (c.strip() for c in cells)
        table.append(
            CaseLabel(
                label,
                event_type or None,
                sub_type or None,
                tuple(c.strip() for c in cues.split("|") if c.strip()),
                definition,
            )
        )
    return tuple(table)


@cache
def _label_by_sub_event_type() -> dict[str, str]:
    return {
        row.acled_sub_event_type.casefold(): row.label for row in case_labels() if row.acled_sub_event_type
    }


@cache
def _label_by_cue() -> dict[str, str]:
    cues: dict[str, str] = {}
    for row in case_labels():
        for cue in row.plover_cues:
            key = cue.casefold()
            if cues.setdefault(key, row.label) != row.label:
                raise ValueError(f"{LABELS_FILE}: PLOVER cue {cue} is given to two labels")
    return cues


def label_for_sub_event_type(sub_event_type: str) -> str | None:
    """The CASE label of an ACLED sub-event type (compared case-insensitively), or None."""
    return _label_by_sub_event_type().get(sub_event_type.casefold())


def label_for_plover(plover: str, mode: str | None = None) -> str | None:
    """The CASE label a PLOVER type (and mode) suggests: a TYPE:mode cue first, then a TYPE cue."""
    cues = _label_by_cue()
    if mode and (label := cues.get(f"{plover}:{mode}".casefold())):
        return label
    return cues.get(plover.casefold())


def predict_label(reading: Reading) -> str:
    """One CASE label for a Reading: the event-type classifier's label for its text (sitreps.classify).

    Letting the extracted events' ACLED types override an unsure classifier was measured on the dev
    split and lowered weighted F1 (0.698 -> 0.684), so the classifier decides alone.
    """
    return classify(reading.article.text).label


def read_snippets(path: Path) -> list[Snippet]:
    """The gold rows of a CASE 2021 task 2 TSV (columns id, EventSnippet, SubType)."""
    # Snippets holding quotes are CSV-quoted ("" inside), so the default quoting rules apply.
    reader = csv.DictReader(io.StringIO(read_gold_text(path)), delimiter="\t")
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise GoldFormatError(f"{path}: no column {', '.join(missing)} (expected {', '.join(COLUMNS)})")
    snippets = []
    for number, row in enumerate(reader, start=2):
        text, label = (row.get("EventSnippet") or "").strip(), (row.get("SubType") or "").strip()
        if not text or not label:
            raise GoldFormatError(f"{path} line {number}: empty snippet or label")
        snippets.append(Snippet(row["id"].strip(), text, label))
    if not snippets:
        raise GoldFormatError(f"{path}: no rows")
    return snippets


@dataclass(frozen=True)
class CaseResult:
    """One evaluation run: the snippets, the labels predicted for them, the scores and the reading run."""

    snippets: tuple[Snippet, ...]
    predicted: tuple[str, ...]
    report: ClassificationReport
    run: ReadRun

    def unknown_gold_labels(self) -> list[str]:
        """Gold labels the label table does not know (a sign the data or the table is off)."""
        known = {row.label for row in case_labels()}
        return sorted({s.label for s in self.snippets} - known)


def evaluate_snippets(snippets: Sequence[Snippet]) -> CaseResult:
    """Read every snippet, predict its label, and score the predictions."""
    run = read_texts([s.text for s in snippets])
    predicted = tuple(DEFAULT_LABEL if r is None else predict_label(r) for r in run.readings)
    report = classification_report([s.label for s in snippets], predicted)
    return CaseResult(tuple(snippets), predicted, report, run)


def evaluate(path: Path) -> CaseResult:
    """Evaluate over a CASE 2021 task 2 TSV file."""
    return evaluate_snippets(read_snippets(path))


def write_predictions(result: CaseResult, path: Path) -> None:
    """Write ``id<TAB>predicted_label``, one line per snippet in gold order (no header)."""
    lines = (f"{s.id}\t{label}\n" for s, label in zip(result.snippets, result.predicted, strict=True))
    path.write_text("".join(lines), encoding="utf-8")
