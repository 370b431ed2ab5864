"""The compiled classifier (no scikit-learn at prediction): the same numbers as the fitted scikit-learn
model, bit for bit."""

from __future__ import annotations

import csv
from dataclasses import astuple
from pathlib import Path

import numpy as np
import pytest

from sitreps.classify import ClassifierConfig, TrainedClassifier, train, training_snippets
from sitreps.classify.compiled import ODD_TEXTS, CompiledClassifier, compile_classifier

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "case2021-task2-dev.tsv"
# Written for these tests: news sentences with accents, curly quotes, odd spacing and numbers.
SENTENCES = [
    "Azerbaijani forces shelled Armenian positions near Jermuk, Goris and Sotk overnight.",
    "“We will respond,” the ministry said in a statement on Tuesday.",
    "Kəlbəcər and Laçın were named in the statement of the Ministry of Defence.",
    "Protesters   rallied\tin Yerevan,\nsome carrying flags; police detained 12 of them.",
    "Drones struck a fuel depot outside Khartoum; the RSF blamed the army.",
    "A ceasefire took effect at 20:00 (1600 GMT) after talks mediated by Russia.",
    "ÇA A EXPLOSÉ À BAMAKO",
]


def _texts() -> list[str]:
    texts = [*SENTENCES, *ODD_TEXTS]
    if DEV.exists():
        with DEV.open(encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            texts += [row["EventSnippet"] for row in rows]
    return texts


def test_compiled_probabilities_equal_scikit_learn(
    trained: TrainedClassifier, compiled: CompiledClassifier
) -> None:
    texts = _texts()
    assert np.array_equal(compiled.probabilities(texts), trained.probabilities(texts))
    for i in range(0, len(texts), 5):
        batch = texts[i : i + 5]
        assert np.array_equal(compiled.probabilities(batch), trained.probabilities(batch))


def test_compiled_predictions_equal_scikit_learn(
    trained: TrainedClassifier, compiled: CompiledClassifier
) -> None:
    texts = _texts()
    assert [astuple(p) for p in compiled.predict(texts)] == [astuple(p) for p in trained.predict(texts)]
    assert compiled.predict([]) == [] and compiled.probabilities([]).shape == (0, len(compiled.classes))


def test_unsupported_model_is_not_compiled() -> None:
    snippets = [(label, text) for label, text in training_snippets() if label in {"ARREST", "DIPLO"}]
    two_labels = train(ClassifierConfig(), snippets)
    assert compile_classifier(two_labels, [text for _, text in snippets]) is None


def test_word_memo_starting_again_changes_nothing(
    trained: TrainedClassifier, compiled: CompiledClassifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sitreps.classify.compiled._REMEMBERED_WORDS", 3)
    for vectorizer in compiled.vectorizers:
        vectorizer._words.clear()
    for _ in range(2):
        assert np.array_equal(compiled.probabilities(SENTENCES), trained.probabilities(SENTENCES))
    assert all(len(v._words) <= 3 for v in compiled.vectorizers)
