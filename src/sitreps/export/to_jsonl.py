"""Readings as JSON Lines: one Reading JSON object (DESIGN.md, "The Reading, as JSON") per line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from sitreps.model import Reading


def write_jsonl(readings: Iterable[Reading], out: Path) -> int:
    """Write one line per Reading to ``out``; returns the number of lines."""
    out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with out.open("w", encoding="utf-8") as f:
        for reading in readings:
            f.write(json.dumps(reading.to_json_dict(), ensure_ascii=False) + "\n")
            written += 1
    return written
