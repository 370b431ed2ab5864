"""The classifier fitted once for the session (about two seconds with scikit-learn's import), and its
compiled form, shared by the compiled-model and kept-model tests."""

from __future__ import annotations

import pytest

from sitreps.classify import TrainedClassifier, train, training_snippets
from sitreps.classify.compiled import CompiledClassifier, compile_classifier


@pytest.fixture(scope="session")
def trained() -> TrainedClassifier:
    return train()


@pytest.fixture(scope="session")
def compiled(trained: TrainedClassifier) -> CompiledClassifier:
    model = compile_classifier(trained, [text for _, text in training_snippets()])
    assert model is not None, "the compiled model must match scikit-learn's on the training text"
    return model
