"""Classification metrics for the gold-format evaluations: accuracy, per-label P/R/F1, macro and weighted F1.

Conventions (the same as scikit-learn's defaults, so figures compare with published ones):
- the labels scored are those of the gold set and of the predictions together, unless given;
- a precision, recall or F1 whose denominator is zero counts as 0;
- macro F1 is the plain mean of the per-label F1 over the scored labels;
- weighted F1 weighs each label's F1 by its gold support, so labels only ever predicted weigh nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LabelScore:
    """How one label fared: precision, recall, F1, gold support and how often it was predicted."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int


@dataclass(frozen=True)
class ClassificationReport:
    """Scores of one labelled run: the totals, each label's scores, and the confusion counts."""

    n: int
    accuracy: float
    macro_f1: float
    weighted_f1: float
    labels: tuple[LabelScore, ...]
    confusion: dict[tuple[str, str], int]  # (gold, predicted) -> count

    def confusions(self, top: int | None = None) -> list[tuple[str, str, int]]:
        """The off-diagonal cells (gold, predicted, count), the most frequent first."""
        cells = sorted(
            ((g, p, n) for (g, p), n in self.confusion.items() if g != p), key=lambda c: (-c[2], c[0], c[1])
        )
        return cells if top is None else cells[:top]

    def to_json_dict(self) -> dict[str, Any]:
        """Plain JSON: the totals, ``per_label`` scores and ``confusion`` as gold -> predicted -> count."""
        nested: dict[str, dict[str, int]] = {}
        for (gold, predicted), count in sorted(self.confusion.items()):
            nested.setdefault(gold, {})[predicted] = count
        return {
            "n": self.n,
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "weighted_f1": self.weighted_f1,
            "per_label": {
                s.label: {
                    "precision": s.precision,
                    "recall": s.recall,
                    "f1": s.f1,
                    "support": s.support,
                    "predicted": s.predicted,
                }
                for s in self.labels
            },
            "confusion": nested,
        }


def _ratio(numerator: int | float, denominator: int | float) -> float:
    return numerator / denominator if denominator else 0.0


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return _ratio(2 * precision * recall, precision + recall)


def confusion_counts(gold: Sequence[str], predicted: Sequence[str]) -> Counter[tuple[str, str]]:
    """How often each (gold, predicted) pair occurs."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    return Counter(zip(gold, predicted, strict=True))


def classification_report(
    gold: Sequence[str], predicted: Sequence[str], labels: Iterable[str] | None = None
) -> ClassificationReport:
    """Score predictions against gold labels (one label per item, the two sequences aligned)."""
    counts = confusion_counts(gold, predicted)
    scored = sorted(set(labels) if labels is not None else set(gold) | set(predicted))
    support = Counter(gold)
    predicted_n = Counter(predicted)
    scores = []
    for label in scored:
        hits = counts[(label, label)]
        precision = _ratio(hits, predicted_n[label])
        recall = _ratio(hits, support[label])
        scores.append(
            LabelScore(
                label, precision, recall, f1_score(precision, recall), support[label], predicted_n[label]
            )
        )
    n = len(gold)
    weight = sum(s.support for s in scores)
    return ClassificationReport(
        n=n,
        accuracy=_ratio(sum(c for (g, p), c in counts.items() if g == p), n),
        macro_f1=_ratio(sum(s.f1 for s in scores), len(scores)),
        weighted_f1=_ratio(sum(s.f1 * s.support for s in scores), weight),
        labels=tuple(scores),
        confusion=dict(counts),
    )
