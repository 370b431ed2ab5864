"""Fuzzing ingest and `sitreps read` with generated files of every format, encoding and oddity.

Examples per property come from the hypothesis profile (tests/conftest.py): "fast" in `make test`, and
10,000 with ``HYPOTHESIS_PROFILE=thorough`` (`make test-all`, or this file alone:
``HYPOTHESIS_PROFILE=thorough .venv/bin/python -m pytest tests/hardening/test_hardening_fuzz.py``).
Properties: nothing crashes (no exception, no R020 "reading failed"), every span is exact, every date valid.
"""

from __future__ import annotations

import json
import math
import re
import tempfile
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sitreps.cli import app
from sitreps.errors import Reason, Rejected
from sitreps.ingest import iter_articles, read_stream
from sitreps.ingest.encoding import has_visible_text
from sitreps.model import Article, article_id_for
from sitreps.pipeline import read
from text_strategies import WORDS

ODDITIES = (
    "31 February 2022",
    "February 30",
    "9999-12-31",
    "the year 9999",
    "0000-00-00",
    "10000-01-01",
    "1e309 killed",
    "10^309 soldiers",
    "-5 wounded",
    "99999999999999999999999 dead",
    "NaN",
    "\u202eevil\u202c",
    "\u200b\u200d\u2066x\u2069",
    "🔥💥",
    "\x07\x1b\x00",
    "\ufffd",
    "<script>alert(1)</script>",
    "&lol9;",
    "]]>",
    "---",
    "# Heading",
    "BAKU, Sept 13 (Reuters) -",
    "By Staff",
)
DATES = st.one_of(
    st.dates().map(date.isoformat),
    st.sampled_from(
        ["31 February 2022", "2022-02-30", "9999-12-31", "0001-01-01", "Sept 31, 2022", "", "soon"]
    ),
    st.text(max_size=20),
)
TEXT = st.one_of(
    st.lists(st.sampled_from(WORDS + list(ODDITIES)), min_size=1, max_size=50).map(" ".join),
    st.text(max_size=300),
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
CODECS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "cp1251")
SUFFIXES = {
    "text": ".txt",
    "markdown": ".md",
    "html": ".html",
    "json": ".json",
    "jsonl": ".jsonl",
    "feed": ".rss",
}
# What no stored text may hold: C0/C1 controls but tab and newline, and the direction and zero-width marks.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file's suffix and bytes: any format, filled with generated text, dates and odd values."""
    kind = draw(st.sampled_from(sorted(SUFFIXES)))
    body, title, day = draw(TEXT), draw(TEXT), draw(DATES)
    record = {"text": body, "title": title, "date": day, "outlet": draw(TEXT)}
    if kind == "markdown":
        content = f"---\ntitle: {title.splitlines()[0] if title.strip() else ''}\ndate: {day}\n---\n{body}"
    elif kind == "html":
        content = (
            f"<html><head><title>{escape(title)}</title><meta name='date' content='{escape(day)}'></head>"
            f"<body><article><h1>{escape(title)}</h1><p>{escape(body)}</p></article></body></html>"
        )
    elif kind == "json":
        content = json.dumps(draw(st.one_of(st.just(record), JSON_VALUES)))
    elif kind == "jsonl":
        lines = draw(
            st.lists(st.one_of(st.just(record), JSON_VALUES, st.dictionaries(st.just("text"), TEXT)))
        )
        content = "\n".join(json.dumps(line) for line in lines) + draw(
            st.sampled_from(["", "\n", '\n{"text": "'])
        )
    elif kind == "feed":
        content = (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>{escape(title)}</title><item>'
            f"<title>{escape(title)}</title><pubDate>{escape(day)}</pubDate>"
            f"<description>{escape(body)}</description></item></channel></rss>"
        )
    else:
        content = body
    data = content.encode(draw(st.sampled_from(CODECS)), errors="replace")
    if draw(st.booleans()):  # damage it: cut it, or splice in random bytes
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=16)) + data[cut + draw(st.integers(0, 8)) :]
    return SUFFIXES[kind], data


def check_article(article: Article) -> None:
    assert has_visible_text(article.text) and not FORBIDDEN.search(article.text)
    assert article.id == article_id_for(article.text)
    assert article.published is None or isinstance(article.published, date)
    for value in (article.title, article.outlet, article.author, article.url):
        assert value is None or (value.strip() and "\n" not in value)


def check_rejected(item: Rejected) -> None:
    assert item.reason is not Reason.PIPELINE_ERROR, item.line()  # R020 means a crash was caught
    assert item.message and "\n" not in item.line()


@given(document=documents())
def test_ingest_takes_any_file_without_crashing(document: tuple[str, bytes]) -> None:
    suffix, data = document
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        from_file = list(iter_articles([path]))
    from_stream = list(read_stream(data, "<stdin>"))
    for results in (from_file, from_stream):
        assert results
        for item in results:
            if isinstance(item, Article):
                check_article(item)
            else:
                check_rejected(item)


def check_reading_json(data: dict[str, Any]) -> None:
    """Every span of a printed Reading is exact, every date an ISO date, every count finite."""
    text = data["article"]["text"]

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if {"article_id", "start", "end", "text"} <= value.keys():
                assert text[value["start"] : value["end"]] == value["text"]
            for key, inner in value.items():
                if key in ("published", "start", "end", "anchor", "as_of", "said_on") and isinstance(
                    inner, str
                ):
                    date.fromisoformat(inner)
                if key in ("count", "count_min", "count_max") and inner is not None:
                    assert isinstance(inner, int) and 0 <= inner <= 10_000_000
                if isinstance(inner, float):
                    assert math.isfinite(inner)
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(data)
    for time in data["times"]:
        if time["start"] and time["end"]:
            assert time["start"] <= time["end"]


# Each example runs the real command (the whole pipeline): fewer of them than the profile's count.
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(document=documents())
def test_sitreps_read_prints_exact_spans_and_valid_dates(document: tuple[str, bytes]) -> None:
    suffix, data = document
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        done = CliRunner().invoke(app, ["read", str(path), "--format", "json"])
    assert done.exception is None or isinstance(done.exception, SystemExit), done.exception
    assert done.exit_code in (0, 1), done.output
    assert "[R020]" not in done.stderr, done.stderr
    printed = done.stdout.strip()
    if not printed:
        assert done.exit_code == 1 and "rejected" in done.stderr
        return
    readings = (
        [json.loads(printed)] if printed.startswith("{\n") else [json.loads(x) for x in printed.splitlines()]
    )
    for reading in readings:
        check_reading_json(reading)


@given(text=TEXT, published=st.one_of(st.none(), st.dates()))
def test_read_gives_valid_dates_for_any_publication_date(text: str, published: date | None) -> None:
    if not has_visible_text(text):
        return
    reading = read(Article.from_text(text, published=published))
    for span in reading.spans():
        assert reading.article.text[span.start : span.end] == span.text
    for time in reading.times:
        assert time.start is None or time.end is None or time.start <= time.end
