"""`sitreps eval` (sitreps.cli.eval): the command function's output and exit codes, and its registration in
the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitreps.cli.eval import eval_command
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


# Two gold items of our own: the first is read right, the second expects an actor the text does not name.
GOLD_ITEMS = [
    {
        "id": "met",
        "text": "Police arrested three protesters in Tbilisi on Monday.",
        "published": "2024-03-06",
        "outlet": "Example News",
        "times": [{"text": "on Monday", "start": "2024-03-04", "end": "2024-03-04"}],
        "tags": ["relative-date"],
    },
    {
        "id": "missed",
        "text": "Police arrested three protesters in Tbilisi on Monday.",
        "published": "2024-03-06",
        "actors": [{"name": "Zanzibar Liberation Army"}],
        "tags": ["actors"],
    },
]


def _gold_file(tmp_path: Path, known: str | None = None) -> Path:
    path = tmp_path / "sentences.jsonl"
    path.write_text("\n".join(json.dumps(item) for item in GOLD_ITEMS) + "\n", encoding="utf-8")
    if known is not None:
        (tmp_path / "known_failures.txt").write_text(known, encoding="utf-8")
    return path


def test_gold_json_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = _gold_file(tmp_path)
    assert eval_command("gold", gold, None, True, None) == 1  # "missed" fails and is not a known failure
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "gold"
    assert data["items"] == {"passed": 1, "total": 2, "rate": 0.5}
    assert data["by_tag"]["relative-date"]["passed"] == 1
    assert data["by_category"]["actors"] == {"passed": 0, "total": 1, "rate": 0.0}
    assert data["new_failures"] == ["missed"]
    (failure,) = data["failures"]
    assert failure["id"] == "missed" and not failure["known"]
    assert failure["failed"][0]["name"] == "actor 'Zanzibar Liberation Army' found"

    _gold_file(tmp_path, known="# comment\nmissed  no such actor\n")
    assert eval_command("gold", gold, None, False, None) == 0
    out = capsys.readouterr().out
    assert "failed expectations" in out and "known" in out
    assert "gold: 1/2 items pass · 3/4 expectations met · new failures: 0" in out


def test_gold_known_body_and_item_selection(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = _gold_file(tmp_path, known="met  once failed\n")
    assert eval_command("gold", gold, None, False, None, known=True) == 1
    body = capsys.readouterr().out.splitlines()
    assert body == ["missed  [actors] actor 'Zanzibar Liberation Army' found: actors: 'Protesters'"]
    assert eval_command("gold", gold, None, True, None, items=["met"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["items"]["total"] == 1
    assert data["fixed"] == ["met"]  # listed as known, passes now


def test_gold_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = _gold_file(tmp_path)
    assert eval_command("gold", gold, None, True, None, known=True) == 2
    assert eval_command("gold", gold, None, False, None, items=["nonesuch"]) == 2
    assert eval_command("gold", gold, gold, False, None) == 2
    assert eval_command("gold", gold, None, False, tmp_path / "pred.tsv") == 2
    assert eval_command("case2021", gold, None, False, None, known=True) == 2
    malformed = tmp_path / "malformed.jsonl"
    malformed.write_text('{"id": "x", "text": "Nothing.", "published": "2024-03-06", "evnts": []}\n')
    assert eval_command("gold", malformed, None, False, None) == 2
    err = capsys.readouterr().err
    assert "leave out --json" in err
    assert "has no item nonesuch" in err
    assert "apply to --format gold only" in err
    assert "unknown key 'evnts'" in err


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
