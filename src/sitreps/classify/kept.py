"""The default model, trained once and kept beside the gazetteer (``<sys.prefix>/share/sitreps/``).

The first process that needs it trains it (``trainer.py``), compiles it where that gives the same
probabilities (``compiled.py``) and keeps it, named by a hash of everything that decides it: the
package's code, labels and training files, and the scikit-learn, scipy, numpy and Python versions. Later
processes (each CLI run, each Spark executor) load it in milliseconds instead of training again; a change
to any of those trains (and keeps) a new one. The newest three are kept, older ones removed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import threading
from importlib import metadata, resources
from pathlib import Path

from sitreps.classify.compiled import CompiledClassifier, compile_classifier
from sitreps.classify.prediction import Classifier
from sitreps.classify.trainer import TrainedClassifier, train, training_files, training_snippets

_LOCK = threading.Lock()
_MODEL: Classifier | None = None


# Trained default models kept at once (older ones, from earlier code or data, are removed).
_KEPT_MODELS = 3


def model_cache_path() -> Path:
    """Where the trained default model is kept: named by a hash of the code, data and library versions
    its training reads, so any change to them trains (and keeps) a new one."""
    digest = hashlib.sha256()
    package = resources.files("sitreps.classify")
    # Every module of the package (the trainer, the compiled model, the cues, the predictions...), so a
    # module added or split off is never left out.
    code = sorted(item.name for item in package.iterdir() if item.name.endswith(".py"))
    for name in (*code, "labels.tsv", *(f"training/{n}" for n in training_files())):
        digest.update(name.encode())
        digest.update(package.joinpath(name).read_bytes())
    for dist in ("scikit-learn", "scipy", "numpy"):
        digest.update(f"{dist}=={metadata.version(dist)}".encode())
    digest.update(sys.version.encode())
    return Path(sys.prefix) / "share" / "sitreps" / f"classifier-{digest.hexdigest()[:20]}.pickle"


def _load_kept(path: Path) -> Classifier | None:
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


def default_model() -> Classifier:
    """The default model: kept from an earlier process, else trained, compiled where that gives the same
    probabilities (see ``compiled.py``), and kept. Loaded once per process."""
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
