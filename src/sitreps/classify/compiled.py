"""The trained classifier's arithmetic without scikit-learn, for reading articles.

Importing scikit-learn costs about a second per process, and its per-call input checks cost more than
the arithmetic on the few sentences of one article. A :class:`CompiledClassifier` keeps the fitted
numbers (vocabularies, idf weights, SVM coefficients, Platt parameters) and repeats scikit-learn's
operations in scikit-learn's order: the same n-grams, the same counts, ``1 + log(tf)`` times idf, rows
scaled by a sequentially summed L2 norm, the same sparse product, ``expit(-(a * score + b))`` per class
and the same row normalisation. :func:`compile_classifier` checks that its probabilities equal the
fitted model's bit for bit and gives None (keep scikit-learn) where any differs or the model was fitted
with settings not mirrored here.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import numpy as np

from sitreps.classify.cues import cue_matrix
from sitreps.classify.prediction import FloatArray, Prediction, to_predictions
from sitreps.classify.trainer import TrainedClassifier

# scikit-learn's whitespace folding for character n-grams.
_WHITE_SPACES = re.compile(r"\s\s+")
# Words whose n-gram indices are remembered at once (a few MB); the memo starts again when full.
_REMEMBERED_WORDS = 50_000
# Inputs outside the training text that the check also runs: empty, blank, symbols, long, accented.
ODD_TEXTS = ("", "   ", "??", "x" * 5000, "Ça a explosé à Bamako 🙂", "Kəlbəcər\tLaçın  Şuşa", "ﬁre ½ ᵃ")


def _strip_accents_unicode(text: str) -> str:
    """scikit-learn's ``strip_accents_unicode``."""
    try:
        text.encode("ASCII", errors="strict")
        return text
    except UnicodeEncodeError:
        normalized = unicodedata.normalize("NFKD", text)
        return "".join([c for c in normalized if not unicodedata.combining(c)])


class _Vectorizer:
    """A fitted ``TfidfVectorizer`` (word or char_wb analyzer, lower-cased, accents stripped, sublinear
    tf, idf, L2 norm), transforming as scikit-learn does."""

    def __init__(self, vectorizer: Any) -> None:
        self.analyzer: str = vectorizer.analyzer
        self.ngram_range: tuple[int, int] = tuple(vectorizer.ngram_range)
        self.token_pattern = re.compile(vectorizer.token_pattern)
        self.vocabulary: dict[str, int] = {str(k): int(v) for k, v in vectorizer.vocabulary_.items()}
        self.idf: FloatArray = np.asarray(vectorizer.idf_, dtype=np.float64)
        self._words: dict[str, tuple[int, ...]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_words": {}}  # the per-word memo is rebuilt as words come

    @staticmethod
    def supports(vectorizer: Any) -> bool:
        """Whether a fitted vectorizer uses only the settings mirrored here."""
        params = vectorizer.get_params()
        return (
            params["analyzer"] in {"word", "char_wb"}
            and params["input"] == "content"
            and params["lowercase"] is True
            and params["strip_accents"] == "unicode"
            and params["preprocessor"] is None
            and params["tokenizer"] is None
            and params["stop_words"] is None
            and params["binary"] is False
            and params["dtype"] is np.float64
            and params["norm"] == "l2"
            and params["use_idf"] is True
            and params["sublinear_tf"] is True
            and (params["analyzer"] != "word" or re.compile(params["token_pattern"]).groups == 0)
        )

    def _word_grams(self, text: str) -> list[str]:
        """The word n-grams of a text, as scikit-learn's word analyzer gives them."""
        tokens: list[str] = self.token_pattern.findall(_strip_accents_unicode(text.lower()))
        min_n, max_n = self.ngram_range
        grams = tokens if min_n == 1 else []
        for n in range(max(min_n, 2), min(max_n + 1, len(tokens) + 1)):
            grams = [*grams, *(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))]
        return grams

    def _char_grams(self, word: str) -> list[str]:
        """The char_wb n-grams of one word, padded with a space each side."""
        word = " " + word + " "
        grams: list[str] = []
        for n in range(self.ngram_range[0], self.ngram_range[1] + 1):
            if len(word) <= n:  # a word no longer than n counts once, whole, and ends the sizes
                grams.append(word)
                break
            grams.extend([word[i : i + n] for i in range(len(word) - n + 1)])
        return grams

    def _word_indices(self, word: str) -> tuple[int, ...]:
        """The vocabulary indices of one word's char_wb n-grams (with repeats), remembered per word."""
        indices = self._words.get(word)
        if indices is None:
            vocabulary = self.vocabulary
            indices = tuple(vocabulary[g] for g in self._char_grams(word) if g in vocabulary)
            if len(self._words) >= _REMEMBERED_WORDS:
                self._words.clear()
            self._words[word] = indices
        return indices

    def _counts(self, text: str) -> Counter[int]:
        """Vocabulary index -> count, for the text's n-grams in the vocabulary (an n-gram has one index,
        so counting indices counts n-grams)."""
        if self.analyzer == "word":
            return Counter(i for g in self._word_grams(text) if (i := self.vocabulary.get(g)) is not None)
        counts: Counter[int] = Counter()
        for word in _WHITE_SPACES.sub(" ", _strip_accents_unicode(text.lower())).split():
            counts.update(self._word_indices(word))
        return counts

    def transform(self, texts: Sequence[str]) -> Any:
        """The TF-IDF rows of the texts, as a CSR array."""
        # scipy (about 0.2 s with scipy.special) is imported on the first prediction, not with the package.
        from scipy import sparse

        indices: list[int] = []
        counts: list[int] = []
        indptr = [0]
        for text in texts:
            row = self._counts(text)
            indices.extend(row)
            counts.extend(row.values())
            indptr.append(len(indices))
        matrix = sparse.csr_array(
            (
                np.asarray(counts, dtype=np.intc),
                np.asarray(indices, dtype=np.int32),
                np.asarray(indptr, dtype=np.int32),
            ),
            shape=(len(indptr) - 1, len(self.vocabulary)),
            dtype=np.float64,
        )
        matrix.sort_indices()
        data = matrix.data
        np.log(data, data)
        data += 1.0
        data *= self.idf[matrix.indices]
        for start, end in pairwise(indptr):
            row = data[start:end]
            # Summed in order, like scikit-learn's Cython loop (a pairwise sum can differ in the last bit).
            total = float(np.cumsum(row * row)[-1]) if end > start else 0.0
            if total != 0.0:
                row /= math.sqrt(total)
        return matrix


class CompiledClassifier:
    """A trained classifier's numbers and arithmetic; see the module docstring."""

    def __init__(self, model: TrainedClassifier) -> None:
        calibrated = model._model.calibrated_classifiers_[0]
        self.classes = model.classes
        self.vectorizers = [_Vectorizer(v) for v in (model._word, model._char) if v is not None]
        self.cue_weight = model.config.cue_weight if model.config.use_cues else None
        self.coef: FloatArray = calibrated.estimator.coef_
        self.intercept: FloatArray = calibrated.estimator.intercept_
        self.a: FloatArray = np.array([c.a_ for c in calibrated.calibrators], dtype=np.float64)
        self.b: FloatArray = np.array([c.b_ for c in calibrated.calibrators], dtype=np.float64)

    @staticmethod
    def supports(model: TrainedClassifier) -> bool:
        """Whether the fitted model's shape is the one mirrored here: one sigmoid-calibrated linear SVM
        over more than two classes, in the label order of the calibrated model."""
        fitted = getattr(model._model, "calibrated_classifiers_", [])
        if len(fitted) != 1 or fitted[0].method != "sigmoid":
            return False
        calibrated = fitted[0]
        classes = np.asarray(calibrated.classes)
        return (
            len(classes) > 2
            and len(calibrated.calibrators) == len(classes)
            and np.array_equal(np.asarray(calibrated.estimator.classes_), classes)
            and tuple(str(c) for c in classes) == model.classes
            and all(_Vectorizer.supports(v) for v in (model._word, model._char) if v is not None)
        )

    def _features(self, texts: Sequence[str], cues: FloatArray) -> Any:
        """The rows of all feature blocks side by side, as scikit-learn's ``hstack`` lays them out."""
        from scipy import sparse  # on the first prediction, as in _Vectorizer.transform

        blocks = [v.transform(texts) for v in self.vectorizers]
        if self.cue_weight is not None:
            blocks.append(sparse.csr_array(cues * self.cue_weight))
        data, indices, indptr = [], [], [0]
        for i in range(len(texts)):
            offset = 0
            for block in blocks:
                start, end = block.indptr[i], block.indptr[i + 1]
                data.append(block.data[start:end])
                indices.append(block.indices[start:end] + offset)
                offset += block.shape[1]
            indptr.append(indptr[-1] + sum(int(b.indptr[i + 1] - b.indptr[i]) for b in blocks))
        width = sum(b.shape[1] for b in blocks)
        return sparse.csr_array(
            (np.concatenate(data), np.concatenate(indices).astype(np.int32), np.asarray(indptr, np.int32)),
            shape=(len(texts), width),
        )

    def _probabilities(self, texts: Sequence[str], cues: FloatArray) -> FloatArray:
        from scipy.special import expit  # on the first prediction, as in _Vectorizer.transform

        scores = self._features(texts, cues) @ self.coef.T + self.intercept
        proba = np.zeros(scores.shape)
        proba[:] = expit(-(self.a * scores + self.b))
        denominator = np.sum(proba, axis=1)[:, np.newaxis]
        uniform = np.full_like(proba, 1 / proba.shape[1])
        normalised: FloatArray = np.divide(proba, denominator, out=uniform, where=denominator != 0)
        normalised[(normalised > 1.0) & (normalised <= 1.0 + 1e-5)] = 1.0
        return normalised

    def probabilities(self, texts: Sequence[str]) -> FloatArray:
        """One row per text, one column per label of ``classes``."""
        if not texts:
            return np.zeros((0, len(self.classes)))
        return self._probabilities(texts, cue_matrix(texts))

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """A Prediction per text, in order (as ``TrainedClassifier.predict``)."""
        texts = [t if isinstance(t, str) else str(t) for t in texts]
        if not texts:
            return []
        cues = cue_matrix(texts)
        return to_predictions(self.classes, self._probabilities(texts, cues), cues)


# Small batches checked besides the whole text at once (rows must not depend on their neighbours).
_SMALL_BATCHES = 20


def compile_classifier(model: TrainedClassifier, texts: Sequence[str]) -> CompiledClassifier | None:
    """The compiled form of a fitted model, or None unless it gives the model's probabilities bit for
    bit on ``texts`` and ``ODD_TEXTS``: all at once, one by one (the odd ones) and in small batches."""
    if not CompiledClassifier.supports(model):
        return None
    compiled = CompiledClassifier(model)
    checked = [*texts, *ODD_TEXTS]
    small = (checked[i : i + 7] for i in range(0, 7 * _SMALL_BATCHES, 7))
    batches = [checked, *([t] for t in ODD_TEXTS), *small]
    for batch in batches:
        if not np.array_equal(compiled.probabilities(batch), model.probabilities(batch)):
            return None
    return compiled
