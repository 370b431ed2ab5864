"""Building the gazetteer: a small real build (two countries), idempotence, the default build's contents."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitreps.geo.build import build
from sitreps.geo.gazetteer import Gazetteer, default_path, read_meta


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gazetteer") / "caucasus.sqlite"
    report = build(path, countries={"AM", "AZ"})
    assert report.built and report.places > 500 and report.size_bytes > 0
    return path


def test_a_second_build_with_the_same_inputs_is_skipped(small: Path) -> None:
    before = small.stat().st_mtime_ns
    again = build(small, countries={"AM", "AZ"})
    assert not again.built and again.seconds < 1.0
    assert small.stat().st_mtime_ns == before


def test_other_options_or_force_rebuild(small: Path) -> None:
    assert build(small, countries={"AM", "AZ"}, force=True).built
    assert build(small, countries={"AM"}).built  # another country set: another build
    assert read_meta(small)["countries"] == '["AM"]'
    assert build(small, countries={"AM", "AZ"}).built


def test_the_small_build_resolves_the_caucasus(small: Path) -> None:
    gazetteer = Gazetteer(small)
    assert {c.country for c in gazetteer.candidates("Kəlbəcər")} == {"AZ"}
    assert gazetteer.candidates("Basarkechar")[0].name == "Vardenis"
    assert gazetteer.candidates("Los Angeles") == []  # not in the two countries
    assert gazetteer.candidates("South Caucasus")  # regions with a member country are kept
    gazetteer.close()


def test_the_default_build_is_up_to_date_and_every_alias_resolved() -> None:
    meta = read_meta(default_path())
    assert meta, "run `make setup` (it builds the gazetteer)"
    report = build()  # the default: already built by make setup, so this only checks
    assert not report.built and report.places == int(meta["places"]) > 200_000


def test_the_build_command_reports_the_file() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sitreps.cli", "gazetteer", "build"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"gazetteer {default_path()}: up to date" in result.stdout and "places" in result.stdout
