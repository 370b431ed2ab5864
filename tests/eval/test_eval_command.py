"""`sitreps eval`: the command function's output and exit codes, and its registration in the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitreps.eval.command import eval_command
from sitreps.model import Article, Reading

TSV = (
    "id\tEventSnippet\tSubType\n"
    "1\tPolice arrested three protesters in the capital on Monday.\tARREST\n"
    "2\tThousands of people held a peaceful rally in the city centre.\tPEACE_PROTEST\n"
)
PLOVER = (
    '{"id": "g1", "text": "Jordan and Britain have agreed to hold joint exercises.", "event": "AGREE", '
    '"source": [{"actorText": "Jordan", "code": "JOR"}], "target": ""}\n'
    '{"id": "g2", "text": "Serbia demanded that Albania withdraw its troops.", "event": "DEMAND", '
    '"source": [{"actorText": "Serbia", "code": "SRB"}], '
    '"target": [{"actorText": "Albania", "code": "ALB"}]}\n'
)


def test_case2021_json_and_predictions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, predictions = tmp_path / "gold.tsv", tmp_path / "pred.tsv"
    gold.write_text(TSV, encoding="utf-8")
    assert eval_command("case2021", gold, None, True, predictions) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["n"] == 2
    assert {"accuracy", "macro_f1", "weighted_f1", "per_label", "confusion", "seconds"} <= set(data)
    lines = predictions.read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[0] for line in lines] == ["1", "2"]


def test_case2021_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.tsv"
    gold.write_text(TSV, encoding="utf-8")
    assert eval_command("case2021", gold, None, False, None) == 0
    out = capsys.readouterr().out
    assert "weighted F1" in out
    assert "ARREST" in out


def test_plover_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(PLOVER, encoding="utf-8")
    assert eval_command("plover", gold, None, True, None) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["n"] == 2
    assert set(data["per_label"]) >= {"AGREE", "REQUEST"}  # DEMAND folds into REQUEST
    assert data["source_country_agreement"]["scored"] == 2
    assert data["target_country_agreement"]["scored"] == 1


def _reading_file(tmp_path: Path) -> Path:
    article = Article.from_text("Nothing happened.", outlet="Example News", language="en")
    path = tmp_path / "reading.json"
    path.write_text(json.dumps(Reading(article=article).to_json_dict()), encoding="utf-8")
    return path


def test_seed_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reading = _reading_file(tmp_path)
    met, missed = tmp_path / "met.json", tmp_path / "missed.json"
    met.write_text(json.dumps({"article": {"outlet": "Example News"}}), encoding="utf-8")
    missed.write_text(json.dumps({"article": {"outlet": "Other"}}), encoding="utf-8")
    assert eval_command("seed", reading, met, True, None) == 0
    assert json.loads(capsys.readouterr().out)["met"] == 1
    assert eval_command("seed", reading, missed, False, None) == 1
    assert "seed: 0/1 expectations met" in capsys.readouterr().out


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reading = _reading_file(tmp_path)
    assert eval_command("nonsense", reading, None, False, None) == 2
    assert eval_command("seed", reading, None, False, None) == 2
    assert eval_command("case2021", tmp_path / "missing.tsv", None, False, None) == 2
    assert eval_command("case2021", reading, reading, False, None) == 2
    malformed = tmp_path / "malformed.json"
    malformed.write_text(json.dumps({"casualties": [{"kind": "killed"}]}), encoding="utf-8")
    assert eval_command("seed", reading, malformed, False, None) == 2
    err = capsys.readouterr().err
    assert "is not of the seed's shape (KeyError" in err
    assert "--format must be one of seed, case2021, plover" in err
    assert "needs EXPECTED" in err
    assert "cannot read" in err


def test_the_cli_runs_eval(tmp_path: Path) -> None:
    reading = _reading_file(tmp_path)
    expected = tmp_path / "expected.json"
    expected.write_text(json.dumps({"article": {"language": "en"}}), encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "sitreps.cli",
            "eval",
            "--format",
            "seed",
            str(reading),
            str(expected),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["total"] == 1
