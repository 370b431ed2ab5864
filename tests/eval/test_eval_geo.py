"""The geoparsing evaluation (sitreps.eval.geo) on a small file of the GeoWebNews shape."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from sitreps.eval.corpus import GoldFormatError
from sitreps.eval.geo import error_figures, evaluate_geo, read_geo_xml

TEXT_1 = "Shelling was reported in Kalbajar on Tuesday. The Irish minister later met officials in Yerevan."
TEXT_2 = "Protesters gathered in Los Angeles, the police said."


def toponym(
    name: str,
    start: int,
    kind: str = "Literal",
    lat: float | None = None,
    lon: float | None = None,
    modifier: str = "",
) -> str:
    coordinates = (
        f"<latitude>{lat}</latitude><longitude>{lon}</longitude>"
        if lat is not None
        else "<latitude/><longitude/>"
    )
    return (
        f"<toponym><extractedName>{name}</extractedName><type>{kind}</type>"
        f"<modifierType>{modifier}</modifierType><start>{start}</start><end>{start + len(name)}</end>"
        f"{coordinates}</toponym>"
    )


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    k, y, irish = TEXT_1.index("Kalbajar"), TEXT_1.index("Yerevan"), TEXT_1.index("Irish")
    la = TEXT_2.index("Los Angeles")
    article_1 = (
        f"<article><title>a</title><text>{TEXT_1}</text><toponyms>"
        + toponym("Kalbajar", k, lat=40.11, lon=46.04)
        + toponym("Irish", irish, "Non_Literal_Modifier", 53.0, -8.0, "Adjective")
        + toponym("Yerevan", y + 2, lat=40.18, lon=44.51)  # offsets two characters off: aligned by name
        + toponym("Nowhere", 0, lat=1.0, lon=1.0)  # not in the text: cannot be aligned
        + "</toponyms></article>"
    )
    article_2 = (
        f"<article><text>{TEXT_2}</text><toponyms>"
        + toponym("Los Angeles", la, lat=34.05, lon=-118.24)
        + "</toponyms></article>"
    )
    path = tmp_path / "gold.xml"
    path.write_text(f"<?xml version='1.0'?><articles>{article_1}{article_2}</articles>", encoding="utf-8")
    return path


def test_gold_spans_are_aligned_by_name(gold: Path) -> None:
    first, _ = read_geo_xml(gold)
    yerevan = next(t for t in first.toponyms if t.name == "Yerevan")
    assert (yerevan.start, yerevan.end) == (TEXT_1.index("Yerevan"), TEXT_1.index("Yerevan") + 7)
    assert next(t for t in first.toponyms if t.name == "Nowhere").start is None


def test_evaluate_geo_reports_resolution_and_detection(gold: Path, tmp_path: Path) -> None:
    predictions = tmp_path / "predictions.jsonl"
    figures = evaluate_geo(gold, predictions=predictions)
    assert figures["articles"] == 2 and figures["unaligned"] == 1
    assert figures["resolution"]["n"] == 4  # Kalbajar, Irish (a demonym: its country), Yerevan, Los Angeles
    assert figures["acc161"] == 1.0 and figures["median_km"] < 50
    detection = figures["detection"]
    assert detection["true_positives"] == 3 and detection["false_negatives"] == 0
    assert detection["precision"] == 1.0 and figures["detection_f1"] == 1.0
    rows = [json.loads(line) for line in predictions.read_text().splitlines()]
    assert (rows[0]["doc"], rows[0]["start"]) == (0, TEXT_1.index("Kalbajar"))
    assert all(r["lat"] is not None for r in rows)


def test_error_figures() -> None:
    figures = error_figures([0.0, 100.0, 200.0, 20039.0])
    assert figures["acc161"] == 0.5 and figures["median_km"] == 150.0
    assert 0 < figures["auc"] < 1  # type: ignore[operator]
    assert error_figures([0.0])["auc"] == 0.0
    assert math.isclose(error_figures([20039.0])["auc"], 1.0)  # type: ignore[arg-type]
    assert error_figures([])["acc161"] is None


def test_a_file_of_another_shape_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<nothing/>")
    with pytest.raises(GoldFormatError):
        read_geo_xml(bad)
    bad.write_text("not xml <")
    with pytest.raises(GoldFormatError):
        read_geo_xml(bad)


def test_the_eval_command_prints_the_figures_as_json(gold: Path, tmp_path: Path) -> None:
    predictions = tmp_path / "predictions.jsonl"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sitreps.cli",
            "eval",
            "--format",
            "geoxml",
            str(gold),
            "--json",
            "--predictions",
            str(predictions),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert {"acc161", "mean_km", "median_km", "auc", "detection_f1"} <= set(figures)
    rows = [json.loads(line) for line in predictions.read_text().splitlines()]
    assert rows and set(rows[0]) == {"doc", "start", "end", "lat", "lon"}


def test_the_gaztag_family_of_formats_is_read(tmp_path: Path) -> None:
    text = "Heavy rain flooded streets in Lyon on Sunday."
    start = text.index("Lyon")
    path = tmp_path / "family.xml"
    path.write_text(
        f"<articles><article><text>{text}</text><toponyms><toponym><start>{start}</start>"
        f"<end>{start + 4}</end><gaztag><name>Lyon</name><lat>45.75</lat><lon>4.85</lon></gaztag>"
        f"<phrase>Lyon</phrase></toponym></toponyms></article></articles>",
        encoding="utf-8",
    )
    [article] = read_geo_xml(path)
    [toponym] = article.toponyms
    assert (toponym.name, toponym.start, toponym.lat, toponym.lon) == ("Lyon", start, 45.75, 4.85)
