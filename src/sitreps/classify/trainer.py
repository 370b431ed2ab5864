"""The trainer: the training snippets the team wrote under ``training/``, and the model fitted on them.

The model is a linear SVM over TF-IDF features (word 1-2 grams and character 3-5 grams, sublinear tf)
and cue features (weapon, protest, territory, claim and disaster words, see ``cues.py``), with
probabilities calibrated by 3-fold sigmoid (Platt) scaling. Training takes about a second, plus about a
second to import scikit-learn, and is deterministic: the same snippets and config give the same model.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from sitreps.classify.cues import cue_matrix
from sitreps.classify.labels import LABELS, read_tsv
from sitreps.classify.prediction import FloatArray, Prediction, to_predictions


@dataclass(frozen=True)
class ClassifierConfig:
    """The model's knobs. The defaults are the ones measured best on the CASE 2021 dev split."""

    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (3, 5)
    use_char: bool = True
    use_cues: bool = True
    cue_weight: float = 0.2
    c: float = 1.0
    calibration_folds: int = 3


def training_files() -> tuple[str, ...]:
    """The names of the training TSV files, sorted."""
    folder = resources.files("sitreps.classify").joinpath("training")
    return tuple(sorted(item.name for item in folder.iterdir() if item.name.endswith(".tsv")))


@lru_cache(maxsize=8)
def training_snippets(exclude: tuple[str, ...] = ()) -> tuple[tuple[str, str], ...]:
    """Every (label, text) pair of the training files (less those named in ``exclude``), in a fixed order."""
    pairs: list[tuple[str, str]] = []
    known = set(LABELS)
    for name in training_files():
        if name in exclude:
            continue
        for row in read_tsv(f"training/{name}"):
            if len(row) != 2:
                raise ValueError(f"training/{name}: expected label<TAB>text, got {row!r}")
            label, text = row[0].strip(), row[1].strip()
            if label not in known:
                raise ValueError(f"training/{name}: unknown label {label!r}")
            pairs.append((label, text))
    return tuple(pairs)


class TrainedClassifier:
    """A fitted model: vectorisers, cue features and a calibrated linear SVM over their concatenation."""

    def __init__(self, config: ClassifierConfig, snippets: Sequence[tuple[str, str]]) -> None:
        # heavy (about a second): scikit-learn and scipy are imported on first training only, so that
        # importing sitreps.classify stays cheap and reading with the kept compiled model never needs them.
        from scipy import sparse
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        self.config = config
        labels = [label for label, _ in snippets]
        texts = [text for _, text in snippets]
        self._word = TfidfVectorizer(
            analyzer="word",
            ngram_range=config.word_ngrams,
            sublinear_tf=True,
            strip_accents="unicode",
            lowercase=True,
            token_pattern=r"(?u)\b\w[\w'-]*\b",
        )
        self._char = (
            TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=config.char_ngrams,
                sublinear_tf=True,
                strip_accents="unicode",
                lowercase=True,
            )
            if config.use_char
            else None
        )
        blocks = [self._word.fit_transform(texts)]
        if self._char is not None:
            blocks.append(self._char.fit_transform(texts))
        blocks.extend(self._extra_blocks(texts))
        features = sparse.hstack(blocks, format="csr")
        # Platt scaling fitted on 3 unshuffled folds (deterministic); ensemble=False keeps one SVM fitted on
        # all the training text, so predictions are that SVM's, with calibrated probabilities.
        self._model = CalibratedClassifierCV(
            LinearSVC(C=config.c, random_state=0),
            cv=config.calibration_folds,
            method="sigmoid",
            ensemble=False,
        )
        self._model.fit(features, labels)
        self.classes: tuple[str, ...] = tuple(str(c) for c in self._model.classes_)

    def _extra_blocks(self, texts: Sequence[str], cues: Any = None) -> list[Any]:
        from scipy import sparse  # heavy: as in __init__, imported only where the fitted model runs

        blocks = []
        if self.config.use_cues:
            matrix = cue_matrix(texts) if cues is None else cues
            blocks.append(sparse.csr_matrix(matrix * self.config.cue_weight))
        return blocks

    def _features(self, texts: Sequence[str], cues: Any = None) -> Any:
        from scipy import sparse  # heavy: as in __init__, imported only where the fitted model runs

        blocks = [self._word.transform(texts)]
        if self._char is not None:
            blocks.append(self._char.transform(texts))
        blocks.extend(self._extra_blocks(texts, cues))
        return sparse.hstack(blocks, format="csr")

    def _probabilities(self, features: Any) -> FloatArray:
        return np.asarray(self._model.predict_proba(features), dtype=np.float64)

    def probabilities(self, texts: Sequence[str]) -> FloatArray:
        """One row per text, one column per label of ``classes``."""
        if not texts:
            return np.zeros((0, len(self.classes)))
        return self._probabilities(self._features(texts))

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """A Prediction per text, in order."""
        texts = [t if isinstance(t, str) else str(t) for t in texts]
        if not texts:
            return []
        # The cue matrix is both features and the Prediction's cues: match the patterns once.
        cues = cue_matrix(texts)
        return to_predictions(self.classes, self._probabilities(self._features(texts, cues)), cues)


def train(
    config: ClassifierConfig | None = None, snippets: Iterable[tuple[str, str]] | None = None
) -> TrainedClassifier:
    """Fit a classifier (defaults: the shipped training text and the default config). Deterministic."""
    return TrainedClassifier(config or ClassifierConfig(), tuple(snippets or training_snippets()))
