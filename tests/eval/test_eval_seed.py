"""The seed scorer on a small hand-made Reading and expectations of our own."""

from __future__ import annotations

from datetime import date
from typing import Any

from sitreps.eval.seed import score_reading
from sitreps.model import (
    Actor,
    Article,
    CasualtyFigure,
    Claim,
    Event,
    Place,
    Reading,
    Relation,
    Span,
    TimeRef,
)

TEXT = (
    "Chadian Defence Minister Daoud Brahim said on Monday that Chadian artillery shelled rebel positions "
    "near Faya, Sahel Wire reports, citing the ministry. Five soldiers were killed, the ministry said. "
    "The rebels denied the shelling. Talks between N'Djamena and the rebels are planned."
)
PUBLISHED = date(2024, 3, 6)  # a Wednesday: "on Monday" is 4 March


def build(**changes: Any) -> Reading:
    """A correct Reading of TEXT; keyword arguments replace whole record lists or single records."""
    article = Article.from_text(TEXT, outlet="Sahel Wire", published=PUBLISHED, language="en")

    def span(phrase: str, occurrence: int = 0) -> Span:
        start = -1
        for _ in range(occurrence + 1):
            start = TEXT.index(phrase, start + 1)
        return Span.of(article, start, start + len(phrase))

    def sentence(n: int) -> Span:
        starts = [0] + [i + 2 for i, ch in enumerate(TEXT) if TEXT[i : i + 2] == ". "]
        end = TEXT.find(". ", starts[n])
        return Span.of(article, starts[n], end + 1 if end != -1 else len(TEXT))

    actors = {
        "minister": Actor(
            id="ac-minister",
            name="Daoud Brahim",
            kind="person",
            country="TCD",
            role="Defence Minister",
            mentions=[span("Daoud Brahim")],
        ),
        "ministry": Actor(
            id="ac-ministry",
            name="Chadian Defence Ministry",
            kind="government",
            country="TCD",
            aliases=["the ministry"],
            mentions=[span("the ministry")],
        ),
        "army": Actor(
            id="ac-army",
            name="Chadian army",
            kind="military",
            country="TCD",
            mentions=[span("Chadian artillery")],
        ),
        "rebels": Actor(
            id="ac-rebels",
            name="rebels",
            kind="armed group",
            mentions=[span("rebel positions"), span("The rebels")],
        ),
        "outlet": Actor(id="ac-outlet", name="Sahel Wire", kind="media", mentions=[span("Sahel Wire")]),
    }
    places = {
        "faya": Place(
            id="pl-faya", mention=span("Faya"), name="Faya-Largeau", country="TD", lat=17.93, lon=19.10
        ),
        "capital": Place(
            id="pl-ndjamena", mention=span("N'Djamena"), name="N'Djamena", country="TD", metonymic=True
        ),
    }
    monday = TimeRef(
        id="tm-monday",
        mention=span("on Monday"),
        start=date(2024, 3, 4),
        end=date(2024, 3, 4),
        precision="day",
    )
    events = {
        "shelling": Event(
            id="ev-shelling",
            plover="ASSAULT",
            acled_event_type="Explosions/Remote violence",
            acled_sub_event_type="Shelling/artillery/missile attack",
            actor1="ac-army",
            actor2="ac-rebels",
            time="tm-monday",
            places=["pl-faya"],
            trigger=span("shelled"),
            sentence=sentence(0),
        ),
        "denial": Event(
            id="ev-denial", plover="REJECT", actor1="ac-rebels", trigger=span("denied"), sentence=sentence(2)
        ),
    }
    figures = {
        "killed": CasualtyFigure(
            id="fg-killed",
            kind="killed",
            count=5,
            party="ac-army",
            population="military",
            event="ev-shelling",
            span=span("Five soldiers were killed"),
        )
    }
    claims = {
        "shelling": Claim(
            id="cl-shelling",
            subject="ev-shelling",
            subject_kind="event",
            claimant="ac-minister",
            relay=["ac-outlet", "ac-ministry"],
            evidence=sentence(0),
        ),
        "killed": Claim(
            id="cl-killed",
            subject="fg-killed",
            subject_kind="figure",
            claimant="ac-ministry",
            relay=["ac-outlet"],
            evidence=sentence(1),
        ),
        "denial": Claim(
            id="cl-denial",
            subject="ev-shelling",
            subject_kind="event",
            claimant="ac-rebels",
            relay=["ac-outlet"],
            stance="denies",
            evidence=sentence(2),
        ),
    }
    relations = [Relation(kind="denies", from_="cl-denial", to="cl-shelling", evidence=sentence(2))]
    records: dict[str, Any] = {
        "actors": actors,
        "places": places,
        "events": events,
        "figures": figures,
        "claims": claims,
    }
    for key, value in changes.items():
        group, _, name = key.partition("__")
        if name:
            records[group][name] = value
        else:
            records[group] = value
    return Reading(
        article=article,
        times=[monday],
        relations=records.pop("relations", relations),
        **{group: list(items.values()) for group, items in records.items()},
    )


EXPECTED: dict[str, Any] = {
    "about": "Our own small case. Coordinates match within 30 km.",
    "article": {"outlet": "Sahel Wire", "published": "2024-03-06", "language": "en"},
    "relays": [
        {"outlet": "Sahel Wire", "citing": "Ministry of Defense of Chad", "evidence": "citing the ministry"}
    ],
    "events": [
        {
            "id": "shelling",
            "plover": "ASSAULT",
            "acled_sub_event_type": "Shelling/artillery/missile attack",
            "source": "Chadian army",
            "target": "the rebels",
            "date": "2024-03-04",
            "place": "Faya",
            "speaker": "Daoud Brahim",
            "claimant": "Ministry of Defence of Chad",
            "habitual": False,
        },
        {"id": "denial", "plover": "REJECT", "source": "rebels", "denies": "shelling", "evidence": "denied"},
    ],
    "casualties": [
        {
            "kind": "killed",
            "count": 5,
            "party": "Chad",
            "population": "military",
            "claimant": "Ministry of Defense of Chad",
            "event": "shelling",
        }
    ],
    "places": [{"name": "Faya", "country": "TD", "lat": 18.0, "lon": 19.3}],
    "actors": [{"name": "Daoud Brahim", "country": "TCD", "role": "Minister of Defense"}],
    "must_not": [
        "the shelling is not dated 2024-03-06: the publication date is not the event date",
        "the five killed are not attributed to Libya",
        "the denied shelling is not recorded as an undisputed fact",
        "N'Djamena in 'between N'Djamena and the rebels' is the government (metonymy)",
        "the reading does not invent a second denial",
    ],
}


def lines_missed(result: Any) -> dict[str, str]:
    return {c.name: c.detail for c in result.expectations if not c.ok}


def test_a_correct_reading_meets_every_expectation() -> None:
    result = score_reading(build(), EXPECTED)
    assert lines_missed(result) == {}
    assert (
        result.total == 10
    )  # 3 article fields, 1 relay, 2 events, 1 denial link, 1 figure, 1 place, 1 actor
    assert (result.met, result.broken, len(result.must_not)) == (10, 0, 4)
    assert result.unchecked == ("the reading does not invent a second denial",)
    assert result.passed
    assert result.lines()[-1] == "seed: 10/10 expectations met (100%); must_not: 0 of 4 checked rules broken"


def test_the_model_and_its_json_score_the_same() -> None:
    reading = build()
    assert score_reading(reading, EXPECTED) == score_reading(reading.to_json_dict(), EXPECTED)


def test_source_and_target_swapped_is_a_miss() -> None:
    shelling = build().events[0].model_copy(update={"actor1": "ac-rebels", "actor2": "ac-army"})
    missed = lines_missed(score_reading(build(events__shelling=shelling), EXPECTED))
    # The figure stays linked to the closest event; the denial link needs the event itself.
    assert set(missed) == {"event shelling", "denial denial -> shelling"}
    assert "source Chadian army" in missed["event shelling"]
    assert "target the rebels" in missed["event shelling"]


def test_the_publication_date_as_event_date_misses_and_breaks_the_rule() -> None:
    shelling = build().events[0].model_copy(update={"time": "tm-today"})
    today = TimeRef(
        id="tm-today", mention=build().times[0].mention, start=PUBLISHED, end=PUBLISHED, precision="day"
    )
    reading = build(events__shelling=shelling)
    reading = reading.model_copy(update={"times": [*reading.times, today]})
    result = score_reading(reading, EXPECTED)
    assert "date 2024-03-04" in lines_missed(result)["event shelling"]
    broken = [c for c in result.must_not if not c.ok]
    assert [c.name for c in broken] == [f"must_not: {EXPECTED['must_not'][0]}"]
    assert broken[0].detail == "shelling dated 2024-03-06"


def test_without_the_denial_the_link_misses_and_the_claim_stands_as_fact() -> None:
    claims = {k: v for k, v in zip(("shelling", "killed"), build().claims[:2], strict=True)}
    result = score_reading(build(claims=claims, relations=[]), EXPECTED)
    assert lines_missed(result) == {"denial denial -> shelling": "no denial linked to the denied event"}
    assert [c.name for c in result.must_not if not c.ok] == [f"must_not: {EXPECTED['must_not'][2]}"]
    assert not result.passed


def test_figure_given_to_another_country_breaks_the_attribution_rule() -> None:
    libya = Actor(id="ac-libya", name="Libya", kind="state", country="LBY")
    figure = build().figures[0].model_copy(update={"party": "ac-libya"})
    result = score_reading(build(actors__libya=libya, figures__killed=figure), EXPECTED)
    assert lines_missed(result) == {"figure killed 5 Chad": "missing party Chad"}
    assert [c.detail for c in result.must_not if not c.ok] == ["5 killed given to Libya"]


def test_places_need_the_country_and_coordinates_within_tolerance() -> None:
    far = build().places[0].model_copy(update={"lat": 19.0})  # about 110 km north
    missed = lines_missed(score_reading(build(places__faya=far), EXPECTED))
    assert missed == {"place Faya": "113 km away (tolerance 30)"}
    bare = build().places[0].model_copy(update={"lat": None, "lon": None, "country": None})
    assert lines_missed(score_reading(build(places__faya=bare), EXPECTED)) == {
        "place Faya": "country None, no coordinates"
    }


def test_a_metonymic_capital_used_as_a_place_breaks_the_rule() -> None:
    capital = build().places[1].model_copy(update={"metonymic": False})
    result = score_reading(build(places__capital=capital), EXPECTED)
    assert [c.detail for c in result.must_not if not c.ok] == ["N'Djamena is not marked metonymic"]


def test_actor_role_and_relay_evidence() -> None:
    minister = build().actors[0].model_copy(update={"role": "Foreign Minister"})
    assert lines_missed(score_reading(build(actors__minister=minister), EXPECTED)) == {
        "actor Daoud Brahim": "role Foreign Minister"
    }
    # The ministry before the outlet: a chain in the wrong order is not "outlet, citing the ministry".
    reversed_chain = build().claims[0].model_copy(update={"relay": ["ac-ministry", "ac-outlet"]})
    missed = lines_missed(score_reading(build(claims__shelling=reversed_chain), EXPECTED))
    assert missed == {
        "relay Sahel Wire <- Ministry of Defense of Chad": "no claim relayed this way at the evidence"
    }


def test_two_expected_events_cannot_share_one_event() -> None:
    twice = {**EXPECTED, "events": [EXPECTED["events"][0], {**EXPECTED["events"][0], "id": "again"}]}
    missed = lines_missed(score_reading(build(), twice))
    assert missed == {"event again": "its only matching events are taken by other expected events"}


def test_an_empty_reading_meets_nothing_but_breaks_nothing() -> None:
    article = Article.from_text(TEXT, outlet="Sahel Wire", published=PUBLISHED, language="en")
    result = score_reading(Reading(article=article), EXPECTED)
    assert result.met == 3  # the article metadata
    assert result.broken == 0
    assert lines_missed(result)["event shelling"] == "no ASSAULT event"
