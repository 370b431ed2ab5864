"""Shared fixtures: Readings built by hand, with every kind of record, for the store and export tests."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

import pytest

from sitreps.classify import TrainedClassifier, train, training_snippets
from sitreps.classify.compiled import CompiledClassifier, compile_classifier
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
    record_id,
)

TEXT = (
    "Armenian armed forces shelled positions near Kalbajar and Lachin on the night of September 12, "
    "the Ministry of Defense of Azerbaijan said, citing field reports. 79 servicemen were killed. "
    "Armenia denied the report. Protesters gathered in Yerevan. Report {n}."
)

ReadingFactory = Callable[..., Reading]


def make_reading(
    n: int = 0,
    *,
    outlet: str | None = "Azernews",
    published: date | None = date(2022, 9, 26),
    language: str | None = "en",
    coordinates: bool = True,  # False: no place has lat/lon
    source: str | None = None,
    duplicate_of: str | None = None,
) -> Reading:
    """A Reading of a short conflict report; ``n`` makes the text (so the ids) differ."""
    text = TEXT.format(n=n)
    article = Article.from_text(
        text,
        url=f"https://example.org/{n}",
        outlet=outlet,
        author="Staff",
        title=f"Shelling near Kalbajar ({n})",
        published=published,
        language=language,
        source=source,
        duplicate_of=duplicate_of,
    )

    def span(phrase: str, occurrence: int = 0) -> Span:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(phrase, start + 1)
        return Span.of(article, start, start + len(phrase))

    def rid(prefix: str, s: Span) -> str:
        return record_id(prefix, article.id, s.start, s.end)

    forces_m, ministry_m, aze_m, arm_m = (
        span("Armenian armed forces"),
        span("Ministry of Defense of Azerbaijan"),
        span("Azerbaijan"),
        span("Armenia", 1),
    )
    forces = Actor(
        id=rid("act", forces_m),
        name="Armenian armed forces",
        kind="military",
        country="ARM",
        mentions=[forces_m],
    )
    ministry = Actor(
        id=rid("act", ministry_m),
        name="Ministry of Defense of Azerbaijan",
        kind="government",
        country="AZE",
        sector="defence",
        aliases=["MoD", "Defense Ministry"],
        mentions=[ministry_m],
    )
    azerbaijan = Actor(id=rid("act", aze_m), name="Azerbaijan", kind="state", country="AZE", mentions=[aze_m])
    armenia = Actor(id=rid("act", arm_m), name="Armenia", kind="state", country="ARM", mentions=[arm_m])
    protesters_m = span("Protesters")
    protesters = Actor(
        id=rid("act", protesters_m), name="Protesters", kind="population", mentions=[protesters_m]
    )

    def at(lat: float, lon: float) -> dict[str, float]:
        return {"lat": lat, "lon": lon} if coordinates else {}

    kalbajar = Place(
        id=rid("plc", span("Kalbajar")),
        mention=span("Kalbajar"),
        name="Kalbajar",
        place_id="148726",
        country="AZ",
        admin1="Kalbajar District",
        feature="settlement",
        precision=1,
        confidence=0.9,
        **at(40.1, 46.04),
    )
    lachin = Place(
        id=rid("plc", span("Lachin")),
        mention=span("Lachin"),
        name="Lachin",
        country="AZ",
        precision=2,
        **at(39.64, 46.55),
    )
    yerevan = Place(
        id=rid("plc", span("Yerevan")),
        mention=span("Yerevan"),
        name="Yerevan",
        country="AM",
        admin1="Yerevan",
        precision=1,
        metonymic=False,
        **at(40.18, 44.51),
    )
    night = TimeRef(
        id=rid("tim", span("the night of September 12")),
        mention=span("the night of September 12"),
        start=date(2022, 9, 12),
        end=date(2022, 9, 13),
        precision="range",
        anchor=published,
    )

    shelled = span("shelled")
    first_sentence = span(text[: text.index("reports.") + len("reports.")])
    shelling = Event(
        id=rid("evt", shelled),
        plover="ASSAULT",
        mode="actual",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Shelling/artillery/missile attack",
        cameo_root="19",
        actor1=forces.id,
        associated=[armenia.id],
        time=night.id,
        places=[kalbajar.id, lachin.id],
        trigger=shelled,
        sentence=first_sentence,
        confidence=0.8,
    )
    denied = span("denied")
    denial = Event(
        id=rid("evt", denied),
        plover="REJECT",
        mode="verbal",
        actor1=armenia.id,
        trigger=denied,
        sentence=span("Armenia denied the report."),
    )
    gathered = span("gathered")
    protest = Event(
        id=rid("evt", gathered),
        plover="PROTEST",
        mode="actual",
        acled_event_type="Protests",
        acled_sub_event_type="Peaceful protest",
        actor1=protesters.id,
        places=[yerevan.id],
        trigger=gathered,
        sentence=span("Protesters gathered in Yerevan."),
    )

    killed = CasualtyFigure(
        id=rid("fig", span("79 servicemen were killed")),
        kind="killed",
        count=79,
        party=azerbaijan.id,
        population="military",
        event=shelling.id,
        as_of=published,
        span=span("79 servicemen were killed"),
    )
    said = span("the Ministry of Defense of Azerbaijan said")
    claims = [
        Claim(
            id=rid("clm", said),
            subject=shelling.id,
            subject_kind="event",
            statement=first_sentence,
            claimant=ministry.id,
            relay=[ministry.id],
            stance="asserts",
            said_on=published,
            evidence=said,
        ),
        Claim(
            id=rid("clm", denied),
            subject=shelling.id,
            subject_kind="event",
            claimant=armenia.id,
            stance="denies",
            quoted=False,
            evidence=span("Armenia denied the report."),
        ),
        Claim(
            id=rid("clm", killed.span),
            subject=killed.id,
            subject_kind="figure",
            claimant=ministry.id,
            evidence=killed.span,
        ),
    ]
    relations = [
        Relation(kind="denies", from_=claims[1].id, to=shelling.id, evidence=denied),
        Relation(kind="contradicts", from_=claims[1].id, to=claims[0].id),
    ]
    return Reading(
        article=article,
        actors=[forces, ministry, azerbaijan, armenia, protesters],
        places=[kalbajar, lachin, yerevan],
        times=[night],
        events=[shelling, denial, protest],
        figures=[killed],
        claims=claims,
        relations=relations,
    )


@pytest.fixture
def reading_factory() -> ReadingFactory:
    """Builds a hand-made Reading: ``reading_factory(n, outlet=..., published=..., coordinates=...)``."""
    return make_reading


@pytest.fixture(scope="session")
def trained() -> TrainedClassifier:
    """The event-type classifier fitted once for the session (about two seconds with scikit-learn)."""
    return train()


@pytest.fixture(scope="session")
def compiled(trained: TrainedClassifier) -> CompiledClassifier:
    """Its compiled form, shared by the compiled-model and kept-model tests."""
    model = compile_classifier(trained, [text for _, text in training_snippets()])
    assert model is not None, "the compiled model must match scikit-learn's on the training text"
    return model


# Hypothesis profiles: "fast" for `make test`, "thorough" (10k examples) for `make test-all`.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "fast", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))
