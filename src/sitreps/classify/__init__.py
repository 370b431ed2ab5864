"""Event-type classifier: one CASE 2021 task 2 label (ACLED sub-event types and five additions) per snippet.

In: snippets of text (a sentence or a few, about one event). Out: a :class:`Prediction` per snippet: the
label (one of ``LABELS``; ``label_table()`` gives each one's ACLED event and sub-event type, PLOVER type
and definition), its calibrated probability, the next three labels with theirs, and the names of the cue
features that fired on the text.

CPU only and offline. The model (``trainer.py``) is a linear SVM over TF-IDF and cue features
(``cues.py``), trained on the snippets the team wrote under ``training/`` the first time it is needed;
training is deterministic. The trained default model is kept beside the gazetteer (``kept.py``), so later
processes load it in milliseconds, and predicts without scikit-learn (``compiled.py``, checked to give
the same probabilities bit for bit).

    >>> from sitreps.classify import classify
    >>> classify("A suicide bomber blew himself up at a checkpoint.").label
    'SUIC_BOMB'
"""

from __future__ import annotations

from collections.abc import Iterable

from sitreps.classify.kept import default_model, model_cache_path
from sitreps.classify.labels import LABELS, LabelInfo, label_table
from sitreps.classify.prediction import Classifier, Prediction
from sitreps.classify.trainer import (
    ClassifierConfig,
    TrainedClassifier,
    train,
    training_files,
    training_snippets,
)

__all__ = [
    "LABELS",
    "Classifier",
    "ClassifierConfig",
    "LabelInfo",
    "Prediction",
    "TrainedClassifier",
    "classify",
    "classify_many",
    "label_table",
    "load_default_model",
    "model_cache_path",
    "train",
    "training_files",
    "training_snippets",
]


def load_default_model() -> None:
    """Load (or train) the default model and what it imports now, e.g. once before forking workers."""
    default_model().predict(["warm up"])


def classify(text: str) -> Prediction:
    """The most likely label of one snippet (the model is trained on first use, then cached)."""
    return default_model().predict([text])[0]


def classify_many(texts: Iterable[str]) -> list[Prediction]:
    """``classify`` for many snippets at once (faster than one at a time)."""
    return default_model().predict(list(texts))
