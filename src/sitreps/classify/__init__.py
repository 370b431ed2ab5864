"""Event-type classifier: one CASE 2021 task 2 label (ACLED sub-event types and five additions) per snippet.

CPU only and offline. The model is a linear SVM over TF-IDF features (word 1-2 grams and character 3-5
grams, sublinear tf) and cue features (weapon, protest, territory, claim and disaster words, see
``cues.py``), with probabilities calibrated by 3-fold sigmoid (Platt) scaling. It is trained on the
snippets the team wrote under ``training/`` the first time it is needed in a process (about a second,
plus about 1.5 s to import scikit-learn), then cached; training is deterministic.

    >>> from sitreps.classify import classify
    >>> classify("A suicide bomber blew himself up at a checkpoint.").label
    'SUIC_BOMB'
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from sitreps.classify.cues import cue_matrix, cues_in

__all__ = [
    "LABELS",
    "ClassifierConfig",
    "LabelInfo",
    "Prediction",
    "TrainedClassifier",
    "classify",
    "classify_many",
    "label_table",
    "train",
    "training_files",
    "training_snippets",
]


@dataclass(frozen=True)
class Prediction:
    """The label chosen for one snippet, its probability, and the next-best labels.

    ``alternatives`` holds up to three (label, probability) pairs after the chosen one, best first.
    ``cues`` names the cue features that fired on the text (see ``sitreps.classify.cues``).
    """

    label: str
    probability: float
    alternatives: tuple[tuple[str, float], ...]
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class LabelInfo:
    """One row of ``labels.tsv``: a label, its ACLED event and sub-event type, PLOVER type and definition."""

    label: str
    acled_event_type: str
    acled_sub_event_type: str
    plover: str
    definition: str


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


def _read_tsv(name: str) -> list[list[str]]:
    rows: list[list[str]] = []
    text = resources.files("sitreps.classify").joinpath(name).read_text(encoding="utf-8")
    for row in csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        if not row or not "".join(row).strip() or row[0].startswith("#"):
            continue
        rows.append(row)
    return rows


@lru_cache(maxsize=1)
def label_table() -> tuple[LabelInfo, ...]:
    """The classifier's label table (``labels.tsv``), in its file order."""
    table = []
    for row in _read_tsv("labels.tsv"):
        padded = [*row, "", "", "", ""][:5]
        table.append(LabelInfo(*(cell.strip() for cell in padded)))
    return tuple(table)


LABELS: tuple[str, ...] = tuple(info.label for info in label_table())


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
        for row in _read_tsv(f"training/{name}"):
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
        # scikit-learn is imported here so that importing sitreps.classify stays cheap.
        from scipy import sparse
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        self.config = config
        self._sparse = sparse
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

    def _extra_blocks(self, texts: Sequence[str]) -> list[Any]:
        blocks = []
        if self.config.use_cues:
            blocks.append(self._sparse.csr_matrix(cue_matrix(texts) * self.config.cue_weight))
        return blocks

    def _features(self, texts: Sequence[str]) -> Any:
        blocks = [self._word.transform(texts)]
        if self._char is not None:
            blocks.append(self._char.transform(texts))
        blocks.extend(self._extra_blocks(texts))
        return self._sparse.hstack(blocks, format="csr")

    def probabilities(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """One row per text, one column per label of ``classes``."""
        if not texts:
            return np.zeros((0, len(self.classes)))
        return np.asarray(self._model.predict_proba(self._features(texts)), dtype=np.float64)

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """A Prediction per text, in order."""
        texts = [t if isinstance(t, str) else str(t) for t in texts]
        probs = self.probabilities(texts)
        out: list[Prediction] = []
        for text, row in zip(texts, probs, strict=True):
            order = np.argsort(-row, kind="stable")
            ranked = [(self.classes[i], float(row[i])) for i in order[:4]]
            out.append(
                Prediction(
                    label=ranked[0][0],
                    probability=ranked[0][1],
                    alternatives=tuple(ranked[1:4]),
                    cues=cues_in(text),
                )
            )
        return out


def train(
    config: ClassifierConfig | None = None, snippets: Iterable[tuple[str, str]] | None = None
) -> TrainedClassifier:
    """Fit a classifier (defaults: the shipped training text and the default config). Deterministic."""
    return TrainedClassifier(config or ClassifierConfig(), tuple(snippets or training_snippets()))


_LOCK = threading.Lock()
_MODEL: TrainedClassifier | None = None


def _default_model() -> TrainedClassifier:
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            _MODEL = train()
        return _MODEL


def classify(text: str) -> Prediction:
    """The most likely label of one snippet (the model is trained on first use, then cached)."""
    return _default_model().predict([text])[0]


def classify_many(texts: Iterable[str]) -> list[Prediction]:
    """``classify`` for many snippets at once (faster than one at a time)."""
    return _default_model().predict(list(texts))
