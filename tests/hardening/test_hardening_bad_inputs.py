"""The bad-input corpus through the real `sitreps ingest`: one report line per bad input with its reason,
every good article stored (hostile content made harmless), nothing else stored, exit code 1."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hardening_corpus import FIFTY_MB, build_corpus

from sitreps.errors import Reason, Rejected
from sitreps.ingest import IngestOptions, iter_articles
from sitreps.model import Article
from sitreps.store import Store

REPORT_LINE = re.compile(r"^rejected (?P<source>.+?): \[(?P<code>R\d{3})\] (?P<message>.+)$")
# What no stored text may hold: C0/C1 controls but tab and newline, and the direction and zero-width marks.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def run_ingest(folder: Path, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitreps.cli", "ingest", str(folder), "--db", str(db), "--no-cluster"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_the_bad_input_corpus_through_the_cli(tmp_path: Path) -> None:
    corpus = build_corpus(tmp_path / "inputs")
    kinds = {bad.kind for bad in corpus.bad}
    assert len(kinds) >= 20
    db = tmp_path / "sitreps.db"
    try:
        done = run_ingest(corpus.root, db)
    finally:  # pytest keeps the last runs' folders: do not keep 50 MB in each
        (corpus.root / "bad" / "fifty-mb.txt").unlink()
    assert done.returncode == 1, done.stderr
    reported = [REPORT_LINE.match(line) for line in done.stderr.splitlines() if line.startswith("rejected ")]
    assert all(reported), done.stderr
    found = Counter((m["source"], m["code"]) for m in reported if m)
    expected = Counter((bad.source, bad.code) for bad in corpus.bad)
    assert found == expected, f"unexpected: {found - expected}; missing: {expected - found}"
    messages = {m["source"]: m["message"] for m in reported if m}
    print(f"\n{len(kinds)} kinds of bad input, {len(corpus.bad)} report lines:")
    for bad in corpus.bad:
        print(f"  {bad.kind:48} [{bad.code}] {messages[bad.source]}")
    stored, rejected = len(corpus.good), len(corpus.bad)
    summary = rf"{stored} stored \(\d+ of them near-duplicates\), 0 already stored, {rejected} rejected"
    assert re.search(summary, done.stdout), done.stdout

    with Store(db) as store:
        readings = list(store.iter_readings())
    assert sorted(r.article.source or "" for r in readings) == sorted(corpus.good)
    for reading in readings:
        article = reading.article
        assert not FORBIDDEN.search(article.text), article.source
        assert unicodedata.is_normalized("NFC", article.text)
        for span in reading.spans():
            assert article.text[span.start : span.end] == span.text
        for time in reading.times:
            assert time.start is None or time.end is None or time.start <= time.end
        for figure in reading.figures:
            for value in (figure.count, figure.count_min, figure.count_max):
                assert value is None or (math.isfinite(value) and 0 <= value <= 10_000_000)
    by_source = {r.article.source: r for r in readings}
    hostile = {kind: by_source[source] for source, kind in corpus.hostile.items()}
    assert "Kəlbəcər" in hostile["mixed encodings"].article.text
    assert "été blessés à Goris" in hostile["mixed encodings"].article.text
    assert "the defence ministry said on Sunday" in hostile["UTF-16 LE without BOM"].article.text
    assert "resumed in the capital on Sunday" in hostile["UTF-16 BE without BOM"].article.text
    assert hostile["impossible dates and numbers"].article.published is None  # 31 February
    assert hostile["year 9999"].article.published == date(9999, 12, 31)
    assert "🔥" in hostile["emoji"].article.text and "🏫" in hostile["emoji"].article.text
    assert (
        "Troops shelled positions near Goris on Monday"
        in hostile["right-to-left and zero-width characters"].article.text
    )


def test_a_50_mb_file_is_refused_from_its_size_without_being_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as sink:  # a sparse file: 50 MB that would read as NUL bytes (binary) if read
        sink.truncate(FIFTY_MB)
    opened: list[Path] = []
    real_open = Path.open

    def spy(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(self)
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", spy)
    [result] = list(iter_articles([tmp_path]))
    assert isinstance(result, Rejected) and result.reason is Reason.TOO_LARGE
    assert str(FIFTY_MB) in result.message
    assert big not in opened


def test_max_bytes_is_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Troops shelled the border village on Monday, the ministry said. " * 20, encoding="utf-8")
    size = path.stat().st_size
    [taken] = list(iter_articles([path], IngestOptions(max_bytes=size)))
    [refused] = list(iter_articles([path], IngestOptions(max_bytes=size - 1)))
    assert isinstance(taken, Article)
    assert isinstance(refused, Rejected) and refused.reason is Reason.TOO_LARGE
