"""The compiled classifier (no scikit-learn at prediction) and the kept default model: the same numbers
as the fitted scikit-learn model, bit for bit, and a kept model that loads back the same."""

from __future__ import annotations

import csv
import pickle
from dataclasses import astuple
from pathlib import Path

import numpy as np
import pytest

from sitreps.classify import (
    ClassifierConfig,
    TrainedClassifier,
    _keep,
    _load_kept,
    classify_many,
    model_cache_path,
    train,
    training_snippets,
)
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


@pytest.fixture(scope="module")
def trained() -> TrainedClassifier:
    return train()


@pytest.fixture(scope="module")
def compiled(trained: TrainedClassifier) -> CompiledClassifier:
    model = compile_classifier(trained, [text for _, text in training_snippets()])
    assert model is not None, "the compiled model must match scikit-learn's on the training text"
    return model


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


def test_kept_model_loads_back_the_same(compiled: CompiledClassifier, tmp_path: Path) -> None:
    path = tmp_path / "share" / "classifier-test.pickle"
    _keep(compiled, path)
    loaded = _load_kept(path)
    assert isinstance(loaded, CompiledClassifier)
    assert np.array_equal(loaded.probabilities(SENTENCES), compiled.probabilities(SENTENCES))
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_damaged_or_foreign_kept_file_is_ignored(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.pickle"
    damaged.write_bytes(b"not a pickle")
    assert _load_kept(damaged) is None
    foreign = tmp_path / "foreign.pickle"
    foreign.write_bytes(pickle.dumps({"a": 1}))
    assert _load_kept(foreign) is None
    assert _load_kept(tmp_path / "missing.pickle") is None


def test_cache_path_names_the_code_data_and_libraries() -> None:
    path = model_cache_path()
    assert path == model_cache_path()
    assert path.name.startswith("classifier-") and path.suffix == ".pickle"


def test_default_model_agrees_with_a_fresh_training(trained: TrainedClassifier) -> None:
    assert [astuple(p) for p in classify_many(SENTENCES)] == [astuple(p) for p in trained.predict(SENTENCES)]


def test_word_memo_starting_again_changes_nothing(
    trained: TrainedClassifier, compiled: CompiledClassifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sitreps.classify.compiled._REMEMBERED_WORDS", 3)
    for vectorizer in compiled.vectorizers:
        vectorizer._words.clear()
    for _ in range(2):
        assert np.array_equal(compiled.probabilities(SENTENCES), trained.probabilities(SENTENCES))
    assert all(len(v._words) <= 3 for v in compiled.vectorizers)
