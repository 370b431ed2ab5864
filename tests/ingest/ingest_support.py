"""Helpers for the ingest tests (a plain module, not a conftest: conftest names collide across folders)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitreps.errors import Rejected
from sitreps.ingest import IngestOptions, iter_articles
from sitreps.model import Article

# Written for these tests: a short wire-style report, long enough for reliable language detection.
REPORT = (
    "Soldiers from the two armies exchanged fire overnight near the river crossing, the defence "
    "ministry said on Tuesday. Two soldiers were wounded, the ministry said, and the situation was "
    "calm by dawn. Officials on the other side gave no figures and accused their neighbours of "
    "starting the shooting. Talks between the foreign ministers are due to resume next week."
)


def run(*paths: str | Path, **options: Any) -> list[Article | Rejected]:
    """Run the real iter_articles over paths, options given as keywords; everything it yields."""
    return list(iter_articles(list(paths), IngestOptions(**options)))


def put(root: Path, name: str, content: str | bytes) -> Path:
    """Write a file under root (folders made as needed) and return its path."""
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
