"""Quality gates: `sitreps eval` on the dev data must not fall below the floors in floors.json.

Like trafilatura's evaluation gate: every quality claim has the command that measures it, and a change that
lowers a figure fails here. Raise a floor when a figure improves; never lower one. Skipped where
../shared/data is not present. The commands these gates mirror:
  sitreps eval --format case2021 ../shared/data/case2021-task2-dev.tsv
  sitreps eval --format plover ../shared/data/plover/gsr-dev.jsonl
  sitreps eval --format seed ../shared/seed/azernews-2022-09-26.txt ../shared/seed/expected.json
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitreps.eval import case2021, plover
from sitreps.eval.seed import reading_json_for, score_reading

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FLOORS: dict[str, Any] = json.loads((Path(__file__).parent / "floors.json").read_text(encoding="utf-8"))
pytestmark = pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="../shared/data is not present")


def _gold(name: str, key: str = "file") -> Path:
    path = SHARED / FLOORS[name][key]
    if not path.exists():
        pytest.skip(f"{path} is not present")
    return path


def _below(figures: dict[str, float], floors: dict[str, float]) -> dict[str, str]:
    return {k: f"{figures[k]:.4f} < floor {floor}" for k, floor in floors.items() if figures[k] < floor}


def test_floors_are_well_formed() -> None:
    for name in ("case2021", "plover", "seed"):
        floors = FLOORS[name]["floors"]
        measured = FLOORS[name]["measured"]
        assert set(floors) <= set(measured), name
        assert all(floors[k] <= measured[k] for k in floors), name


def test_case2021_dev_stays_above_its_floors() -> None:
    result = case2021.evaluate(_gold("case2021"))
    report = result.report
    figures = {"accuracy": report.accuracy, "macro_f1": report.macro_f1, "weighted_f1": report.weighted_f1}
    assert report.n == 304
    assert result.run.failures == ()
    assert _below(figures, FLOORS["case2021"]["floors"]) == {}


def test_plover_dev_stays_above_its_floors() -> None:
    result = plover.evaluate(_gold("plover"))
    figures = {"accuracy": result.report.accuracy, "macro_f1": result.report.macro_f1}
    assert result.run.failures == ()
    assert _below(figures, FLOORS["plover"]["floors"]) == {}


def test_seed_stays_above_its_floor() -> None:
    expected = json.loads(_gold("seed", "expected").read_text(encoding="utf-8"))
    result = score_reading(reading_json_for(_gold("seed")), expected)
    gate = FLOORS["seed"]
    missed = [c.line() for c in result.expectations if not c.ok]
    assert result.met >= gate["floors"]["met"], missed
    assert result.broken <= gate["ceilings"]["must_not_broken"], [
        c.line() for c in result.must_not if not c.ok
    ]
