"""Readings as JSON Lines: one Reading JSON object (DESIGN.md, "The Reading, as JSON") per line.

The Reading is the per-article contract, so clusters go beside it: with a cluster index, one EventCluster
per line is written to ``<out>.clusters.jsonl`` (``readings.jsonl`` -> ``readings.clusters.jsonl``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from sitreps.export.clusters import ClusterIndex
from sitreps.model import Reading


def clusters_path(out: Path) -> Path:
    return out.with_name(f"{out.stem}.clusters.jsonl")


def write_jsonl(readings: Iterable[Reading], out: Path, clusters: ClusterIndex | None = None) -> int:
    """Write one line per Reading to ``out`` (and the clusters beside it); returns the number of Readings."""
    out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with out.open("w", encoding="utf-8") as f:
        for reading in readings:
            f.write(json.dumps(reading.to_json_dict(), ensure_ascii=False) + "\n")
            written += 1
    if clusters is not None:
        with clusters_path(out).open("w", encoding="utf-8") as f:
            for cluster in clusters.clusters():
                f.write(cluster.model_dump_json(by_alias=True) + "\n")
    return written
