"""What a classifier gives for a snippet: a :class:`Prediction`, and the :class:`Classifier` protocol that
both the fitted model (``trainer.py``) and its compiled form (``compiled.py``) follow.

:func:`to_predictions` turns a matrix of label probabilities and one of cue indicators into Predictions,
ranking the labels the same way for both models.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from sitreps.classify.cues import CUES

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


class Classifier(Protocol):
    """What classify() needs of a model: a fitted TrainedClassifier, or its CompiledClassifier."""

    classes: tuple[str, ...]

    def probabilities(self, texts: Sequence[str]) -> FloatArray: ...

    def predict(self, texts: Sequence[str]) -> list[Prediction]: ...


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
