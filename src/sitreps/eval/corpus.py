"""What the corpus evaluations share: reading gold files, and reading many short texts into Readings."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sitreps.errors import SitrepsError
from sitreps.model import Article, Reading
from sitreps.pipeline import read


class GoldFormatError(SitrepsError):
    """A gold file is missing, unreadable or not of the shape its evaluation expects."""


def read_gold_text(path: Path) -> str:
    """The text of a gold file, or a GoldFormatError that names the file."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"cannot read {path}: {exc}") from exc


def json_lines(path: Path) -> Iterator[tuple[int, str, object]]:
    """Each non-blank line of a JSON Lines gold file as (line number, "path:number", value); a line that
    is not JSON is a GoldFormatError that names it."""
    for number, line in enumerate(read_gold_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{where}: not valid JSON ({exc.msg})") from None
        except (RecursionError, ValueError) as exc:  # nested too deeply, a number too long
            raise GoldFormatError(f"{where}: not readable JSON ({type(exc).__name__})") from None
        yield number, where, value


@dataclass(frozen=True)
class ReadRun:
    """The Readings of a list of texts (None where reading failed), the failures, and the time taken."""

    readings: tuple[Reading | None, ...]
    failures: tuple[str, ...]
    seconds: float


def read_texts(texts: Sequence[str], *, language: str = "en") -> ReadRun:
    """Read each text as an undated article (``published`` None) with ``sitreps.pipeline.read``.

    A text whose reading raises is recorded as a failure (its Reading is None) and the run goes on, so
    one extractor bug costs one item, not the evaluation.
    """
    started = time.perf_counter()
    readings: list[Reading | None] = []
    failures: list[str] = []
    for index, text in enumerate(texts):
        try:
            readings.append(read(Article.from_text(text, language=language, published=None)))
        except Exception as exc:  # a bug on one item must not stop the evaluation: count it instead
            readings.append(None)
            failures.append(f"item {index}: {type(exc).__name__}: {exc}".splitlines()[0][:200])
    return ReadRun(tuple(readings), tuple(failures), time.perf_counter() - started)
