"""JSON and JSON Lines: records, field names, per-line rejections, types and dates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from ingest_support import put, run

from sitreps.errors import Reason, Rejected
from sitreps.model import Article

TEXTS = [
    "Artillery fire was reported near the northern villages overnight, local officials said.",
    "The foreign ministry summoned the ambassador to protest against the shelling on Monday.",
    "Humanitarian convoys reached the district after the roads were cleared, aid workers said.",
]


def lines(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def test_a_broken_line_is_rejected_alone(tmp_path: Path) -> None:
    path = put(
        tmp_path, "feed.jsonl", lines({"text": TEXTS[0]}, '{"text": "unterminated', "", {"text": TEXTS[1]})
    )
    results = run(path)
    assert [type(r) for r in results] == [Article, Rejected, Article]
    bad = results[1]
    assert isinstance(bad, Rejected)
    assert bad.reason is Reason.BAD_JSON
    assert bad.source == f"{path}:2"
    assert "line 2" in bad.message
    assert [r.source for r in results if isinstance(r, Article)] == [f"{path}:1", f"{path}:4"]


def test_fields_and_dates(tmp_path: Path) -> None:
    record = {
        "text": TEXTS[0],
        "title": "  Shelling   reported ",
        "url": "https://news.example/1",
        "date": "2022-09-13T23:40:00+04:00",
        "outlet": "News Example",
        "author": ["Jane Doe", "John Roe"],
        "language": "EN",
    }
    [article] = run(put(tmp_path, "r.ndjson", lines(record)))
    assert isinstance(article, Article)
    assert article.title == "Shelling reported"
    assert article.url == "https://news.example/1"
    assert article.published == date(2022, 9, 13)
    assert article.outlet == "News Example"
    assert article.author == "Jane Doe, John Roe"
    assert article.language == "en"
    assert article.text == TEXTS[0]


def test_custom_field_names(tmp_path: Path) -> None:
    record = {
        "body": TEXTS[1],
        "headline": "Ambassador summoned",
        "published_at": "2022-09-12",
        "site": "Wire",
    }
    options = {
        "text_field": "body",
        "title_field": "headline",
        "date_field": "published_at",
        "outlet_field": "site",
    }
    [article] = run(put(tmp_path, "c.jsonl", lines(record)), **options)
    assert isinstance(article, Article)
    assert (article.title, article.published, article.outlet) == (
        "Ambassador summoned",
        date(2022, 9, 12),
        "Wire",
    )
    assert article.text == TEXTS[1]


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"title": "no text"}, Reason.NO_TEXT_FIELD),
        ({"text": ""}, Reason.NO_TEXT_FIELD),
        ({"text": "  \u200b \n"}, Reason.NO_TEXT_FIELD),
        ({"text": None}, Reason.NO_TEXT_FIELD),
        ({"text": 42}, Reason.WRONG_TYPE),
        ({"text": ["a", "b"]}, Reason.WRONG_TYPE),
        ({"text": TEXTS[2], "date": 1663027200}, Reason.WRONG_TYPE),
        ({"text": TEXTS[2], "title": {"en": "x"}}, Reason.WRONG_TYPE),
        ([1, 2, 3], Reason.WRONG_TYPE),
        ("just a string", Reason.WRONG_TYPE),
    ],
)
def test_bad_records(record: object, reason: Reason, tmp_path: Path) -> None:
    path = put(tmp_path, "bad.jsonl", lines(json.dumps(record)))
    [result] = run(path)
    assert isinstance(result, Rejected)
    assert result.reason is reason
    assert result.source == f"{path}:1"


def test_wrong_type_names_the_field(tmp_path: Path) -> None:
    [result] = run(put(tmp_path, "w.jsonl", lines({"text": TEXTS[0], "date": 20220913})))
    assert isinstance(result, Rejected)
    assert result.message == "field 'date' should be a date string, got number"


@pytest.mark.parametrize("value", ["not a date", "13/09/2022 maybe", "2022-13-45"])
def test_unparseable_dates_are_absent_not_rejected(value: str, tmp_path: Path) -> None:
    [article] = run(put(tmp_path, "d.jsonl", lines({"text": TEXTS[0], "date": value})))
    assert isinstance(article, Article)
    assert article.published is None


def test_json_object_and_list(tmp_path: Path) -> None:
    single = put(tmp_path, "one.json", json.dumps({"text": TEXTS[0], "title": "One"}))
    many = put(
        tmp_path, "many.json", json.dumps([{"text": TEXTS[1]}, {"nope": 1}, {"text": TEXTS[2]}], indent=2)
    )
    results = run(single, many)
    assert [(type(r), r.source) for r in results] == [
        (Article, str(single)),
        (Article, f"{many}#1"),
        (Rejected, f"{many}#2"),
        (Article, f"{many}#3"),
    ]


def test_json_file_holding_json_lines(tmp_path: Path) -> None:
    path = put(tmp_path, "lines.json", lines({"text": TEXTS[0]}, {"text": TEXTS[1]}))
    results = run(path)
    assert [r.source for r in results] == [f"{path}:1", f"{path}:2"]
    assert all(isinstance(r, Article) for r in results)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"text": "unterminated', Reason.BAD_JSON),
        ("[]", Reason.EMPTY),
        ("[" * 100_000 + "]" * 100_000, Reason.TOO_DEEP),
        ('{"text": "x", "n": ' + "9" * 5000 + "}", Reason.BAD_JSON),
    ],
)
def test_bad_json_documents(content: str, reason: Reason, tmp_path: Path) -> None:
    [result] = run(put(tmp_path, "bad.json", content))
    assert isinstance(result, Rejected)
    assert result.reason is reason


def test_header_lines_in_a_json_text_are_stripped_and_fields_win(tmp_path: Path) -> None:
    text = f"By Jane Doe | Sept 13, 2022\n\n{TEXTS[0]}"
    [article] = run(put(tmp_path, "h.jsonl", lines({"text": text, "author": "Desk"})))
    assert isinstance(article, Article)
    assert article.author == "Desk"
    assert article.published == date(2022, 9, 13)
    assert article.text == TEXTS[0]
