"""The kept default model: written atomically, loaded back the same, ignored when damaged or foreign,
named by a hash of what decides it, and predicting as a fresh training does."""

from __future__ import annotations

import os
import pickle
from dataclasses import astuple
from pathlib import Path

import numpy as np

from sitreps.classify import TrainedClassifier, classify_many, model_cache_path
from sitreps.classify.compiled import CompiledClassifier
from sitreps.classify.kept import _keep, _load_kept

# Written for these tests: news sentences with accents, odd spacing and numbers.
SENTENCES = [
    "Rebels fired mortars at the airport of Goma before dawn, the army said.",
    "Kəlbəcər was handed over   without a shot on 25 November.",
    "Police used tear gas on students marching to the parliament in Dakar.",
    "Two envoys met in Doha on Sunday to discuss a prisoner exchange.",
]


def test_kept_model_loads_back_the_same(compiled: CompiledClassifier, tmp_path: Path) -> None:
    path = tmp_path / "share" / "classifier-test.pickle"
    _keep(compiled, path)
    loaded = _load_kept(path)
    assert isinstance(loaded, CompiledClassifier)
    assert np.array_equal(loaded.probabilities(SENTENCES), compiled.probabilities(SENTENCES))
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_only_the_newest_kept_models_stay(compiled: CompiledClassifier, tmp_path: Path) -> None:
    for n in range(5):
        path = tmp_path / f"classifier-{n}.pickle"
        _keep(compiled, path)
        os.utime(path, (1_000_000 + n, 1_000_000 + n))  # distinct times, oldest first, however fast the disk
    assert {p.name for p in tmp_path.iterdir()} == {f"classifier-{n}.pickle" for n in (2, 3, 4)}


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
