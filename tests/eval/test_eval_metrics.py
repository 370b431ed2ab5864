"""The metrics on hand-made confusion cases, with the exact numbers worked out by hand."""

from __future__ import annotations

import pytest

from sitreps.eval.metrics import classification_report, confusion_counts, f1_score


def test_three_labels_worked_by_hand() -> None:
    gold = ["A", "A", "A", "B", "B", "C"]
    predicted = ["A", "A", "B", "B", "C", "C"]
    report = classification_report(gold, predicted)
    scores = {s.label: s for s in report.labels}
    # A: 2 hits of 2 predicted, 3 gold. B: 1 of 2, 2 gold. C: 1 of 2, 1 gold.
    assert (scores["A"].precision, scores["A"].recall) == (1.0, pytest.approx(2 / 3))
    assert scores["A"].f1 == pytest.approx(0.8)
    assert (scores["B"].precision, scores["B"].recall, scores["B"].f1) == (0.5, 0.5, 0.5)
    assert (scores["C"].precision, scores["C"].recall) == (0.5, 1.0)
    assert scores["C"].f1 == pytest.approx(2 / 3)
    assert [(s.support, s.predicted) for s in report.labels] == [(3, 2), (2, 2), (1, 2)]
    assert report.n == 6
    assert report.accuracy == pytest.approx(4 / 6)
    assert report.macro_f1 == pytest.approx((0.8 + 0.5 + 2 / 3) / 3)
    assert report.weighted_f1 == pytest.approx((0.8 * 3 + 0.5 * 2 + 2 / 3 * 1) / 6)
    assert report.confusions() == [("A", "B", 1), ("B", "C", 1)]


def test_a_label_only_predicted_counts_in_macro_but_weighs_nothing() -> None:
    report = classification_report(["A", "B"], ["A", "C"])
    assert [s.label for s in report.labels] == ["A", "B", "C"]
    assert [s.f1 for s in report.labels] == [1.0, 0.0, 0.0]
    assert report.accuracy == 0.5
    assert report.macro_f1 == pytest.approx(1 / 3)
    assert report.weighted_f1 == 0.5


def test_given_labels_restrict_the_average() -> None:
    report = classification_report(["A", "B"], ["A", "C"], labels=["A", "B"])
    assert [s.label for s in report.labels] == ["A", "B"]
    assert report.macro_f1 == 0.5


def test_perfect_and_empty_runs() -> None:
    perfect = classification_report(["X", "Y", "Y"], ["X", "Y", "Y"])
    assert (perfect.accuracy, perfect.macro_f1, perfect.weighted_f1) == (1.0, 1.0, 1.0)
    assert perfect.confusions() == []
    empty = classification_report([], [])
    assert (empty.n, empty.accuracy, empty.macro_f1, empty.weighted_f1) == (0, 0.0, 0.0, 0.0)


def test_all_wrong_scores_zero_without_dividing_by_zero() -> None:
    report = classification_report(["A", "A"], ["B", "B"])
    assert (report.accuracy, report.macro_f1, report.weighted_f1) == (0.0, 0.0, 0.0)
    assert report.confusions(top=1) == [("A", "B", 2)]


def test_json_nests_the_confusion_by_gold_label() -> None:
    data = classification_report(["A", "A", "B"], ["A", "B", "B"]).to_json_dict()
    assert data["confusion"] == {"A": {"A": 1, "B": 1}, "B": {"B": 1}}
    assert data["per_label"]["B"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": pytest.approx(2 / 3),
        "support": 1,
        "predicted": 2,
    }
    assert set(data) >= {"n", "accuracy", "macro_f1", "weighted_f1"}


def test_f1_and_mismatched_lengths() -> None:
    assert f1_score(0.0, 0.0) == 0.0
    assert f1_score(1.0, 0.5) == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match="2 gold labels but 1 predictions"):
        confusion_counts(["A", "B"], ["A"])
