"""The pipeline seam and the extractors, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from sitreps.extract.casualties import read_number
from sitreps.extract.time import resolve
from sitreps.model import Article, Reading
from sitreps.pipeline import EXTRACTORS, read

REPORT = (
    "The Ukrainian Defence Ministry said that Russian troops shelled the city of Kharkiv on Monday. "
    "At least 12 civilians were killed and 30 people were wounded, the ministry said. "
    "The Kremlin denied the accusation. Rebels regularly attack convoys in the region. "
    "Police arrested 45 protesters in Tehran on 21 September 2022. "
    "Fighting continued on September 12-13. Three soldiers were wounded."
)


@pytest.fixture(scope="module")
def reading() -> Reading:
    article = Article.from_text(REPORT, outlet="Global Desk", published="2022-09-26", language="en")
    return read(article)


def names(reading: Reading) -> dict[str, str]:
    return {a.id: a.name for a in reading.actors}


def test_every_extractor_is_listed_once() -> None:
    fields = [name for name, _ in EXTRACTORS]
    assert fields == ["actors", "places", "times", "events", "figures", "claims"]


def test_read_is_deterministic_and_pure(reading: Reading) -> None:
    again = read(reading.article)
    assert again == reading
    assert [e.id for e in again.events] == [e.id for e in reading.events]


def test_actors_kinds_and_countries(reading: Reading) -> None:
    by_name = {a.name: a for a in reading.actors}
    assert by_name["Ministry of Defense of Ukraine"].kind == "government"
    assert by_name["Ministry of Defense of Ukraine"].country == "UKR"
    assert by_name["Armed Forces of Russia"].kind == "military"
    assert by_name["Armed Forces of Russia"].country == "RUS"
    assert by_name["Global Desk"].kind == "media"


def test_times_resolve_against_publication_date(reading: Reading) -> None:
    by_text = {t.mention.text: t for t in reading.times}
    exact = by_text["21 September 2022"]
    assert (exact.start, exact.end, exact.precision) == (date(2022, 9, 21), date(2022, 9, 21), "day")
    span = by_text["September 12-13"]
    assert (span.start, span.end, span.precision) == (date(2022, 9, 12), date(2022, 9, 13), "range")
    assert all(t.anchor == date(2022, 9, 26) for t in reading.times)


def test_time_rules() -> None:
    anchor = date(2022, 9, 26)
    assert resolve("the night of September 12 leading to 13", anchor) == (
        date(2022, 9, 12),
        date(2022, 9, 13),
        "range",
    )
    assert resolve("December 30", anchor) == (date(2021, 12, 30), date(2021, 12, 30), "day")
    assert resolve("three years", anchor) is None  # a duration, not a time
    assert resolve("31 February 2022", anchor) is None
    assert resolve("September 2022", anchor) == (date(2022, 9, 1), date(2022, 9, 30), "month")


def test_a_clock_time_is_not_a_year_and_since_marks_no_event_time() -> None:
    article = Article.from_text(
        "The truce took effect at 8 p.m. local time (1600 GMT) on Wednesday. Heavy fighting broke out "
        "overnight, the worst flare-up since the 2020 war.",
        published="2022-09-14",
    )
    found = read(article)
    assert [t.mention.text for t in found.times] == ["Wednesday", "2020"]
    fighting = next(e for e in found.events if e.trigger.text == "fighting")
    assert fighting.time is None  # "since the 2020 war" compares, it does not date the fighting


def test_events_with_actors_and_flags(reading: Reading) -> None:
    n = names(reading)
    shelled = next(e for e in reading.events if e.trigger.text == "shelled")
    assert shelled.plover == "ASSAULT" and n[shelled.actor1 or ""] == "Armed Forces of Russia"
    assert shelled.acled_sub_event_type == "Shelling/artillery/missile attack"
    attack = next(e for e in reading.events if e.trigger.text == "attack")
    assert attack.habitual and attack.time is None
    arrested = next(e for e in reading.events if e.trigger.text == "arrested")
    assert arrested.plover == "COERCE"
    times = {t.id: t for t in reading.times}
    assert times[arrested.time or ""].start == date(2022, 9, 21)


def test_negation_and_modality() -> None:
    article = Article.from_text(
        "Armenia must sign the agreement. Troops did not attack the village.", published="2022-09-26"
    )
    r = read(article)
    sign = next(e for e in r.events if e.trigger.text == "sign")
    assert sign.plover == "AGREE" and sign.hypothetical and not sign.negated
    attack = next(e for e in r.events if e.trigger.text == "attack")
    assert attack.negated and not attack.hypothetical


def test_casualty_figures(reading: Reading) -> None:
    figures = {f.span.text: f for f in reading.figures}
    killed = figures["12 civilians"]
    assert (killed.kind, killed.count_min, killed.qualifier, killed.population) == (
        "killed",
        12,
        "at_least",
        "civilian",
    )
    assert figures["30 people"].kind == "wounded" and figures["30 people"].count == 30
    assert figures["45 protesters"].kind == "arrested"
    three = figures["Three soldiers"]
    assert (three.kind, three.count, three.population) == ("wounded", 3, "military")
    assert all(f.as_of == date(2022, 9, 26) for f in reading.figures)


def test_numbers() -> None:
    assert read_number("1,200") == 1200
    assert read_number("three") == 3
    assert read_number("two hundred and seven") == 207
    assert read_number("1e309") is None
    assert read_number("dozens") is None


def test_claims_name_claimant_and_relay(reading: Reading) -> None:
    n = names(reading)
    by_subject = {c.subject: c for c in reading.claims}
    assert set(by_subject) == {e.id for e in reading.events} | {f.id for f in reading.figures}
    shelled = next(e for e in reading.events if e.trigger.text == "shelled")
    claim = by_subject[shelled.id]
    assert n[claim.claimant or ""] == "Ministry of Defense of Ukraine"
    assert [n[r] for r in claim.relay] == ["Global Desk"]
    assert claim.statement is not None and "shelled" in claim.statement.text
    denied = next(e for e in reading.events if e.trigger.text == "denied")
    assert by_subject[denied.id].claimant is not None
    unframed = next(e for e in reading.events if e.trigger.text == "arrested")
    assert n[by_subject[unframed.id].claimant or ""] == "Global Desk"


def test_every_span_is_exact(reading: Reading) -> None:
    spans = list(reading.spans())
    assert spans
    for span in spans:
        assert reading.article.text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dozens of civilians were killed in the shelling.", ("killed", None, 24, "at_least", "civilian")),
        ("A dozen soldiers were abducted near the border.", ("captured", 12, None, "about", "military")),
        ("Hundreds of people were wounded.", ("wounded", None, 200, "at_least", "unknown")),
        (
            "Ukraine had lost 820 soldiers, the general staff said.",
            ("losses", 820, None, "exact", "military"),
        ),
    ],
)
def test_vague_and_loss_figures(text: str, expected: tuple[object, ...]) -> None:
    reading = read(Article.from_text(text, published="2023-01-02"))
    figures = [(f.kind, f.count, f.count_min, f.qualifier, f.population) for f in reading.figures]
    assert figures == [expected]
