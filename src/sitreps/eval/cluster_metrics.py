"""Clustering metrics over two labellings of the same items: pairwise and B-cubed precision, recall, F1.

Both labellings map every item to a cluster label (a gold cluster, a predicted cluster); an item alone
under its label is a singleton. Conventions:
- **pairwise**: precision is the share of predicted same-cluster pairs that are gold pairs, recall the
  share of gold pairs that are predicted; with no predicted pairs nothing was merged wrongly, so precision
  is 1.0, and with no gold pairs there was nothing to find, so recall is 1.0;
- **B-cubed** (Bagga and Baldwin): each item's precision is the share of its predicted cluster that shares
  its gold cluster, its recall the share of its gold cluster that shares its predicted cluster; the figures
  are the means over items;
- with no items at all nothing was measured: every figure is 0.0 and ``n`` is 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from sitreps.eval.metrics import f1_score

Item = TypeVar("Item", bound=Hashable)


@dataclass(frozen=True)
class PairwiseScores:
    """Pairwise figures with the pair counts they come from."""

    n: int  # items
    gold_pairs: int
    predicted_pairs: int
    correct_pairs: int  # pairs in the same gold and the same predicted cluster
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class BCubedScores:
    """B-cubed figures: the mean per-item precision and recall, and their harmonic mean."""

    n: int
    precision: float
    recall: float
    f1: float


def pairs(n: int) -> int:
    """How many unordered pairs ``n`` items make."""
    return n * (n - 1) // 2


def contingency(gold: Mapping[Item, str], predicted: Mapping[Item, str]) -> Counter[tuple[str, str]]:
    """How many items each (gold label, predicted label) cell holds; both mappings cover the same items."""
    if gold.keys() != predicted.keys():
        missing, extra = len(gold.keys() - predicted.keys()), len(predicted.keys() - gold.keys())
        raise ValueError(
            f"the labellings cover different items ({missing} only gold, {extra} only predicted)"
        )
    return Counter((label, predicted[item]) for item, label in gold.items())


def pairwise_scores(gold: Mapping[Item, str], predicted: Mapping[Item, str]) -> PairwiseScores:
    """Pairwise precision, recall and F1 of ``predicted`` against ``gold``."""
    cells = contingency(gold, predicted)
    n = len(gold)
    if n == 0:
        return PairwiseScores(0, 0, 0, 0, 0.0, 0.0, 0.0)
    gold_pairs = sum(pairs(size) for size in Counter(gold.values()).values())
    predicted_pairs = sum(pairs(size) for size in Counter(predicted.values()).values())
    correct = sum(pairs(size) for size in cells.values())
    precision = correct / predicted_pairs if predicted_pairs else 1.0
    recall = correct / gold_pairs if gold_pairs else 1.0
    return PairwiseScores(
        n, gold_pairs, predicted_pairs, correct, precision, recall, f1_score(precision, recall)
    )


def bcubed_scores(gold: Mapping[Item, str], predicted: Mapping[Item, str]) -> BCubedScores:
    """B-cubed precision, recall and F1 of ``predicted`` against ``gold``."""
    cells = contingency(gold, predicted)
    n = len(gold)
    if n == 0:
        return BCubedScores(0, 0.0, 0.0, 0.0)
    gold_sizes, predicted_sizes = Counter(gold.values()), Counter(predicted.values())
    # Every item of a cell has the same per-item figures: size of the cell over its cluster's size.
    precision = sum(size * size / predicted_sizes[p] for (_, p), size in cells.items()) / n
    recall = sum(size * size / gold_sizes[g] for (g, _), size in cells.items()) / n
    return BCubedScores(n, precision, recall, f1_score(precision, recall))


@dataclass(frozen=True)
class ErrorGroup:
    """One cluster of one labelling spread over several clusters of the other.

    For a split gold cluster ``label`` is the gold label and ``parts`` the predicted labels its items got;
    for a merging predicted cluster the other way round. ``pairs`` counts the pairs it gets wrong (gold
    pairs split apart, or predicted pairs that join different gold clusters).
    """

    label: str
    size: int
    parts: tuple[tuple[str, int], ...]  # (other label, items), the largest first
    pairs: int


def _groups(cells: Counter[tuple[str, str]], by_gold: bool) -> list[ErrorGroup]:
    parts: dict[str, Counter[str]] = {}
    for (g, p), size in cells.items():
        key, other = (g, p) if by_gold else (p, g)
        parts.setdefault(key, Counter())[other] += size
    groups = []
    for label, counter in parts.items():
        if len(counter) < 2:
            continue
        size = sum(counter.values())
        wrong = pairs(size) - sum(pairs(n) for n in counter.values())
        ordered = tuple(sorted(counter.items(), key=lambda part: (-part[1], part[0])))
        groups.append(ErrorGroup(label, size, ordered, wrong))
    return sorted(groups, key=lambda group: (-group.pairs, group.label))


def split_groups(gold: Mapping[Item, str], predicted: Mapping[Item, str]) -> list[ErrorGroup]:
    """Gold clusters whose items got more than one predicted label, those losing the most pairs first."""
    return _groups(contingency(gold, predicted), by_gold=True)


def merge_groups(gold: Mapping[Item, str], predicted: Mapping[Item, str]) -> list[ErrorGroup]:
    """Predicted clusters holding items of more than one gold cluster, the most wrong pairs first."""
    return _groups(contingency(gold, predicted), by_gold=False)
