"""Records: spans are exact, ids deterministic, absent values null, the Reading JSON has DESIGN's names."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from sitreps.model import (
    Actor,
    Article,
    Claim,
    Event,
    Reading,
    Relation,
    Span,
    TimeRef,
    article_id_for,
    json_schema,
    record_id,
)

TEXT = "Troops shelled the village on Monday, the ministry said."


@pytest.fixture
def article() -> Article:
    return Article.from_text(TEXT, outlet="Test Wire", published="2022-09-26", language="en")


def test_article_id_is_hash_of_normalised_text() -> None:
    assert article_id_for("a  b\r\nc") == article_id_for("a b c")
    assert article_id_for("a b c") != article_id_for("a b d")
    assert len(article_id_for("x")) == 16


def test_span_of_cuts_text_from_article(article: Article) -> None:
    span = Span.of(article, 7, 14)
    assert span.text == "shelled" == article.text[span.start : span.end]
    with pytest.raises(ValueError):
        Span.of(article, 10, len(TEXT) + 1)
    with pytest.raises(ValidationError):
        Span(article_id=article.id, start=5, end=3, text="")


def test_reading_refuses_a_span_that_does_not_match(article: Article) -> None:
    forged = Span(article_id=article.id, start=0, end=6, text="Rebels")
    with pytest.raises(ValidationError):
        Reading(article=article, actors=[Actor(id="ac-1", name="x", mentions=[forged])])


def test_records_are_frozen_and_strict(article: Article) -> None:
    actor = Actor(id="ac-1", name="Ministry")
    with pytest.raises(ValidationError):
        actor.name = "other"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Actor(id="ac-1", name="x", unknown_field=1)  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        Actor(id="ac-1", name="x", country="AZ")  # alpha-2 where alpha-3 is required


def test_empty_strings_are_absent(article: Article) -> None:
    assert Actor(id="ac-1", name="x", role="").role is None


def test_record_id_is_deterministic() -> None:
    assert record_id("ev", "a", 1, 2) == record_id("ev", "a", 1, 2)
    assert record_id("ev", "a", 1, 2) != record_id("ev", "a", 1, 3)


def test_reading_json_has_the_contract_names(article: Article) -> None:
    sentence = Span.of(article, 0, len(TEXT))
    time = TimeRef(
        id="tm-1",
        mention=Span.of(article, 30, 36),
        start="2022-09-26",
        end="2022-09-26",
        precision="day",
        anchor="2022-09-26",
    )
    event = Event(
        id="ev-1", plover="ASSAULT", trigger=Span.of(article, 7, 14), sentence=sentence, time="tm-1"
    )
    claim = Claim(id="cl-1", subject="ev-1", subject_kind="event", evidence=sentence)
    relation = Relation(kind="denies", **{"from": "cl-2"}, to="cl-1")
    reading = Reading(article=article, times=[time], events=[event], claims=[claim], relations=[relation])
    data = json.loads(json.dumps(reading.to_json_dict()))
    assert list(data) == ["article", "actors", "places", "times", "events", "figures", "claims", "relations"]
    assert list(data["article"]) == [
        "id",
        "url",
        "outlet",
        "author",
        "title",
        "published",
        "language",
        "text",
    ]
    assert data["article"]["published"] == "2022-09-26" and data["article"]["url"] is None
    assert set(data["events"][0]) == {
        "id",
        "plover",
        "mode",
        "acled_event_type",
        "acled_sub_event_type",
        "cameo_root",
        "actor1",
        "actor2",
        "associated",
        "time",
        "places",
        "habitual",
        "negated",
        "hypothetical",
        "trigger",
        "sentence",
        "confidence",
    }
    assert data["relations"][0]["from"] == "cl-2"
    assert set(data["claims"][0]) == {
        "id",
        "subject",
        "subject_kind",
        "statement",
        "claimant",
        "relay",
        "stance",
        "quoted",
        "said_on",
        "evidence",
    }
    assert Reading.model_validate(data) == reading


def test_json_schema_names_every_record() -> None:
    schema = json_schema()
    for name in (
        "Actor",
        "Place",
        "TimeRef",
        "Event",
        "CasualtyFigure",
        "Claim",
        "Relation",
        "Span",
        "EventCluster",
    ):
        assert name in schema["$defs"], name
    assert set(schema["properties"]) == {
        "article",
        "actors",
        "places",
        "times",
        "events",
        "figures",
        "claims",
        "relations",
    }
