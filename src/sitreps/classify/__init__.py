"""Event-type classifier: one CASE 2021 task 2 label (ACLED sub-event types and five additions) per snippet.

CPU only and offline. The model is a linear SVM over TF-IDF features (word 1-2 grams and character 3-5
grams, sublinear tf) and cue features (weapon, protest, territory, claim and disaster words, see
``cues.py``), with probabilities calibrated by 3-fold sigmoid (Platt) scaling. It is trained on the
snippets the team wrote under ``training/`` the first time it is needed (about a second, plus about
1.5 s to import scikit-learn); training is deterministic. The trained default model is then kept beside
the gazetteer (``<sys.prefix>/share/sitreps/``), named by a hash of everything its training reads, so
later processes (each CLI run, each Spark executor) load it in milliseconds instead of training again.

    >>> from sitreps.classify import classify
    >>> classify("A suicide bomber blew himself up at a checkpoint.").label
    'SUIC_BOMB'
"""

from __future__ import annotations

import csv
import hashlib
import os
import pickle
import sys
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from sitreps.classify.cues import CUES, cue_matrix

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
    "train",
    "training_files",
    "training_snippets",
]

FloatArray = np.ndarray[Any, np.dtype[np.float64]]


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
        from scipy import sparse

        blocks = []
        if self.config.use_cues:
            matrix = cue_matrix(texts) if cues is None else cues
            blocks.append(sparse.csr_matrix(matrix * self.config.cue_weight))
        return blocks

    def _features(self, texts: Sequence[str], cues: Any = None) -> Any:
        from scipy import sparse

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


def to_predictions(classes: Sequence[str], probabilities: FloatArray, cues: FloatArray) -> list[Prediction]:
    """A Prediction per row of label probabilities (columns in ``classes`` order) and of cue indicators."""
    names = tuple(CUES)
    out: list[Prediction] = []
    for row, hits in zip(probabilities, cues, strict=True):
        order = np.argsort(-row, kind="stable")
        ranked = [(classes[i], float(row[i])) for i in order[:4]]
        out.append(
            Prediction(
                label=ranked[0][0],
                probability=ranked[0][1],
                alternatives=tuple(ranked[1:4]),
                cues=tuple(name for name, hit in zip(names, hits, strict=True) if hit),
            )
        )
    return out


class Classifier(Protocol):
    """What classify() needs of a model: a fitted TrainedClassifier, or its CompiledClassifier."""

    classes: tuple[str, ...]

    def probabilities(self, texts: Sequence[str]) -> FloatArray: ...

    def predict(self, texts: Sequence[str]) -> list[Prediction]: ...


def train(
    config: ClassifierConfig | None = None, snippets: Iterable[tuple[str, str]] | None = None
) -> TrainedClassifier:
    """Fit a classifier (defaults: the shipped training text and the default config). Deterministic."""
    return TrainedClassifier(config or ClassifierConfig(), tuple(snippets or training_snippets()))


_LOCK = threading.Lock()
_MODEL: Classifier | None = None


# Trained default models kept at once (older ones, from earlier code or data, are removed).
_KEPT_MODELS = 3


def model_cache_path() -> Path:
    """Where the trained default model is kept: named by a hash of the code, data and library versions
    its training reads, so any change to them trains (and keeps) a new one."""
    digest = hashlib.sha256()
    package = resources.files("sitreps.classify")
    sources = ("__init__.py", "compiled.py", "cues.py", "labels.tsv")
    for name in (*sources, *(f"training/{n}" for n in training_files())):
        digest.update(name.encode())
        digest.update(package.joinpath(name).read_bytes())
    for dist in ("scikit-learn", "scipy", "numpy"):
        digest.update(f"{dist}=={metadata.version(dist)}".encode())
    digest.update(sys.version.encode())
    return Path(sys.prefix) / "share" / "sitreps" / f"classifier-{digest.hexdigest()[:20]}.pickle"


def _load_kept(path: Path) -> Classifier | None:
    from sitreps.classify.compiled import CompiledClassifier

    try:
        with path.open("rb") as stream:
            model = pickle.load(stream)
    except Exception:  # missing, damaged or foreign: train instead
        return None
    return model if isinstance(model, CompiledClassifier | TrainedClassifier) else None


def _keep(model: Classifier, path: Path) -> None:
    """Write the model atomically; where the folder is not writable, every process trains its own."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".classifier-", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(model, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; the gazetteer beside it is readable too
        os.replace(temporary, path)
        temporary = None
        kept = sorted(path.parent.glob("classifier-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[_KEPT_MODELS:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _default_model() -> Classifier:
    """The default model: kept from an earlier process, else trained, compiled where that gives the same
    probabilities (see ``compiled.py``), and kept."""
    from sitreps.classify.compiled import compile_classifier

    global _MODEL
    with _LOCK:
        if _MODEL is None:
            path = model_cache_path()
            _MODEL = _load_kept(path)
            if _MODEL is None:
                trained = train()
                _MODEL = compile_classifier(trained, [text for _, text in training_snippets()]) or trained
                _keep(_MODEL, path)
        return _MODEL


def load_default_model() -> None:
    """Load (or train) the default model and what it imports now, e.g. once before forking workers."""
    _default_model().predict(["warm up"])


def classify(text: str) -> Prediction:
    """The most likely label of one snippet (the model is trained on first use, then cached)."""
    return _default_model().predict([text])[0]


def classify_many(texts: Iterable[str]) -> list[Prediction]:
    """``classify`` for many snippets at once (faster than one at a time)."""
    return _default_model().predict(list(texts))
