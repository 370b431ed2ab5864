"""sitreps' seed scorer against the shared checker (../shared/tools/check_seed.py) on the same readings.

Both read the same contract independently. They must agree on every expectation both score: on a correct
reading of the seed (everything met), on single faults planted in it, and on what the pipeline reads today
(there at least: whatever sitreps counts as met, the shared checker counts as met too).
Skipped where ../shared is not present.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitreps.eval.seed import score_reading
from sitreps.ingest import iter_articles
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
from sitreps.pipeline import read

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seed" / "azernews-2022-09-26.txt"
EXPECTED = SHARED / "seed" / "expected.json"
CHECKER = SHARED / "tools" / "check_seed.py"
pytestmark = pytest.mark.skipif(
    not (SEED.exists() and EXPECTED.exists() and CHECKER.exists()), reason="../shared is not present"
)


def seed_article() -> Article:
    (article,) = list(iter_articles([SEED]))
    assert isinstance(article, Article)
    return article


def correct_reading() -> Reading:
    """What a correct reading of the seed holds (DESIGN.md's records), written by hand."""
    article = seed_article()
    text = article.text

    def span(phrase: str, occurrence: int = 0) -> Span:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(phrase, start + 1)
        return Span.of(article, start, start + len(phrase))

    def sentence(inside: Span) -> Span:
        start = max(text.rfind(". ", 0, inside.start) + 2, text.rfind("\n", 0, inside.start) + 1, 0)
        ends = [i for i in (text.find(". ", inside.end), text.find("\n", inside.end)) if i != -1]
        end = min(ends) + 1 if ends else len(text)
        return Span.of(article, start, end)

    def actor(key: str, name: str, kind: str, country: str | None, *mentions: Span, **more: Any) -> Actor:
        return Actor(id=f"ac-{key}", name=name, kind=kind, country=country, mentions=list(mentions), **more)

    actors = [
        actor("outlet", "Azernews", "media", "AZE", span("Azernews")),
        actor(
            "mod",
            "Ministry of Defense of Azerbaijan",
            "government",
            "AZE",
            span("the ministry"),
            span("the Azerbaijani Defense Ministry"),
            aliases=["Azerbaijani Defense Ministry"],
        ),
        actor("hasanov", "Zakir Hasanov", "person", "AZE", span("Zakir Hasanov"), role="Minister of Defense"),
        actor("akar", "Hulusi Akar", "person", "TUR", span("Hulusi Akar"), role="Minister of Defense"),
        actor(
            "cavusoglu",
            "Mevlut Cavusoglu",
            "person",
            "TUR",
            span("Mevlut Cavusoglu"),
            role="Minister of Foreign Affairs",
        ),
        actor("turkey", "Turkey", "state", "TUR", span("Turkiye"), aliases=["Turkiye"]),
        actor("azerbaijan", "Azerbaijan", "state", "AZE", span("Azerbaijan", 1)),
        actor("armenia", "Armenia", "state", "ARM", span("Armenia must")),
        actor("turkish-media", "Turkish media", "media", "TUR", span("the Turkish media")),
        actor("social", "Armenian social media", "media", "ARM", span("Armenian social media")),
        actor(
            "aze-army",
            "Azerbaijani army",
            "military",
            "AZE",
            span("the Azerbaijani army"),
            span("Azerbaijani military positions"),
        ),
        actor("arm-forces", "Armenian armed forces", "military", "ARM", span("Armenian armed forces")),
        actor("aze-forces", "Azerbaijani armed forces", "military", "AZE", span("Azerbaijani armed forces")),
        actor(
            "saboteurs", "Armenian sabotage groups", "armed group", "ARM", span("Armenian sabotage groups")
        ),
        actor("arm-gov", "Government of Armenia", "government", "ARM", span("the Armenian government")),
    ]

    def place(
        key: str, phrase: str, name: str, country: str, lat: float | None, lon: float | None, **more: Any
    ) -> Place:
        return Place(
            id=f"pl-{key}", mention=span(phrase), name=name, country=country, lat=lat, lon=lon, **more
        )

    places = [
        place("dashkasan", "Dashkasan", "Dashkasan", "AZ", 40.52, 46.08),
        place("kalbajar", "Kalbajar", "Kalbajar", "AZ", 40.10, 46.04),
        place("lachin", "Lachin", "Lachin", "AZ", 39.64, 46.55),
        place("vardenis", "Basarkechar", "Vardenis", "AM", 40.18, 45.73),
        place("gegharkunik", "Gegharkunik", "Gegharkunik", "AM", 40.35, 45.13),
        place("la", "Los Angeles", "Los Angeles", "US", 34.05, -118.24),
        place("baku", "Baku", "Baku", "AZ", None, None, metonymic=True),
        place("yerevan", "Yerevan", "Yerevan", "AM", None, None, metonymic=True),
    ]
    anchor = date(2022, 9, 26)
    times = [
        TimeRef(
            id="tm-24",
            mention=span("September 24"),
            start=date(2022, 9, 24),
            end=date(2022, 9, 24),
            anchor=anchor,
        ),
        TimeRef(
            id="tm-night",
            mention=span("the night of September 12 leading to 13"),
            start=date(2022, 9, 12),
            end=date(2022, 9, 13),
            precision="range",
            anchor=anchor,
        ),
    ]

    def event(key: str, plover: str, trigger: Span, **more: Any) -> Event:
        return Event(id=f"ev-{key}", plover=plover, trigger=trigger, sentence=sentence(trigger), **more)

    events = [
        event("call", "CONSULT", span("discussed"), actor1="ac-hasanov", actor2="ac-akar", time="tm-24"),
        event(
            "support",
            "SUPPORT",
            span("stands by"),
            actor1="ac-turkey",
            actor2="ac-azerbaijan",
            associated=["ac-akar"],
            time="tm-24",
        ),
        event(
            "demand",
            "REQUEST",
            span("must sign"),
            actor1="ac-cavusoglu",
            actor2="ac-armenia",
            places=["pl-la"],
            hypothetical=True,
        ),
        event(
            "shelling",
            "ASSAULT",
            span("shelling"),
            acled_event_type="Explosions/Remote violence",
            acled_sub_event_type="Shelling/artillery/missile attack",
            actor1="ac-aze-army",
            places=["pl-vardenis"],
        ),
        event("denial", "REJECT", span("deny"), actor1="ac-mod"),
        event(
            "fighting",
            "ASSAULT",
            span("provocations", 2),
            acled_event_type="Battles",
            acled_sub_event_type="Armed clash",
            actor1="ac-arm-forces",
            actor2="ac-aze-forces",
            time="tm-night",
            places=["pl-dashkasan", "pl-kalbajar", "pl-lachin"],
        ),
        event("mining", "COERCE", span("mined"), actor1="ac-saboteurs", time="tm-night"),
        event(
            "periodic", "ASSAULT", span("shells"), actor1="ac-armenia", actor2="ac-aze-army", habitual=True
        ),
    ]

    def figure(
        key: str, kind: str, count: int, party: str, population: str, phrase: str, event: str
    ) -> CasualtyFigure:
        return CasualtyFigure(
            id=f"fg-{key}",
            kind=kind,
            count=count,
            party=party,
            population=population,
            event=event,
            span=span(phrase),
        )

    figures = [
        figure("79", "killed", 79, "ac-azerbaijan", "military", "79 armed forces personnel", "ev-fighting"),
        figure("207", "losses", 207, "ac-armenia", "military", "207 losses", "ev-fighting"),
        figure("293", "wounded", 293, "ac-armenia", "military", "293 soldiers", "ev-fighting"),
        figure("3", "wounded", 3, "ac-armenia", "civilian", "three civilians", "ev-fighting"),
        figure("20", "captured", 20, "ac-armenia", "military", "20 soldiers", "ev-fighting"),
        figure("0", "wounded", 0, "ac-aze-army", "military", "was not wounded", "ev-shelling"),
    ]

    def claim(
        key: str, subject: str, kind: str, claimant: str, relay: list[str], evidence: Span, **more: Any
    ) -> Claim:
        return Claim(
            id=f"cl-{key}",
            subject=subject,
            subject_kind=kind,
            claimant=claimant,
            relay=relay,
            evidence=evidence,
            **more,
        )

    outlet = "ac-outlet"
    claims = [
        claim("call", "ev-call", "event", "ac-mod", [outlet], sentence(span("discussed"))),
        claim("support", "ev-support", "event", "ac-akar", [outlet, "ac-mod"], sentence(span("stands by"))),
        claim(
            "demand",
            "ev-demand",
            "event",
            "ac-cavusoglu",
            [outlet, "ac-turkish-media"],
            sentence(span("must sign")),
        ),
        claim(
            "shelling", "ev-shelling", "event", "ac-social", [outlet, "ac-mod"], sentence(span("shelling"))
        ),
        claim(
            "denial",
            "ev-shelling",
            "event",
            "ac-mod",
            [outlet],
            sentence(span("deny")),
            stance="denies",
            quoted=True,
        ),
        claim("denial-act", "ev-denial", "event", "ac-mod", [outlet], sentence(span("deny")), quoted=True),
        claim("fighting", "ev-fighting", "event", "ac-mod", [outlet], sentence(span("provocations", 2))),
        claim("mining", "ev-mining", "event", "ac-mod", [outlet], sentence(span("mined"))),
        claim("periodic", "ev-periodic", "event", "ac-mod", [outlet], sentence(span("shells"))),
        claim("79", "fg-79", "figure", "ac-mod", [outlet], sentence(span("79 armed forces"))),
        claim("207", "fg-207", "figure", "ac-arm-gov", [outlet], sentence(span("207 losses"))),
        claim("293", "fg-293", "figure", "ac-arm-gov", [outlet], sentence(span("293 soldiers"))),
        claim("3", "fg-3", "figure", "ac-arm-gov", [outlet], sentence(span("293 soldiers"))),
        claim("20", "fg-20", "figure", "ac-arm-gov", [outlet], sentence(span("293 soldiers"))),
        claim("0", "fg-0", "figure", "ac-mod", [outlet], sentence(span("was not wounded"))),
    ]
    relations = [
        Relation(kind="denies", from_="cl-denial", to="cl-shelling", evidence=sentence(span("deny")))
    ]
    return Reading(
        article=article,
        actors=actors,
        places=places,
        times=times,
        events=events,
        figures=figures,
        claims=claims,
        relations=relations,
    )


def shared_verdicts(data: dict[str, Any], tmp_path: Path) -> dict[str, bool]:
    """The shared checker's verdict per expectation (its must_not lines left out)."""
    path = tmp_path / "reading.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(CHECKER), str(path), str(EXPECTED), "-v"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    verdicts = {}
    for line in run.stdout.splitlines():
        if line.startswith(("ok   ", "MISS ")):
            name = line[5:].split("  (")[0]
            if not name.startswith("must_not"):
                verdicts[name] = line.startswith("ok")
    assert verdicts, run.stdout + run.stderr
    return verdicts


def our_verdicts(data: dict[str, Any]) -> dict[str, bool]:
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return {c.name: c.ok for c in score_reading(data, expected).expectations}


def compare(data: dict[str, Any], tmp_path: Path) -> tuple[dict[str, bool], dict[str, bool]]:
    ours, shared = our_verdicts(data), shared_verdicts(data, tmp_path)
    assert set(shared) <= set(ours), f"expectations only the shared checker scores: {set(shared) - set(ours)}"
    return ours, shared


def test_a_correct_reading_meets_everything_in_both(tmp_path: Path) -> None:
    data = correct_reading().to_json_dict()
    ours, shared = compare(data, tmp_path)
    assert [name for name, ok in shared.items() if not ok] == []
    assert [name for name, ok in ours.items() if not ok] == []
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    result = score_reading(data, expected)
    assert result.passed, [c.line() for c in result.must_not if not c.ok]


def _event(data: dict[str, Any], key: str) -> dict[str, Any]:
    event: dict[str, Any] = next(e for e in data["events"] if e["id"] == f"ev-{key}")
    return event


def _figure(data: dict[str, Any], key: str) -> dict[str, Any]:
    figure: dict[str, Any] = next(f for f in data["figures"] if f["id"] == f"fg-{key}")
    return figure


def _place(data: dict[str, Any], key: str) -> dict[str, Any]:
    place: dict[str, Any] = next(p for p in data["places"] if p["id"] == f"pl-{key}")
    return place


def _actor(data: dict[str, Any], key: str) -> dict[str, Any]:
    actor: dict[str, Any] = next(a for a in data["actors"] if a["id"] == f"ac-{key}")
    return actor


FAULTS: dict[str, tuple[Callable[[dict[str, Any]], None], set[str]]] = {
    "79 killed given to Armenia": (
        lambda d: _figure(d, "79").update(party="ac-armenia"),
        {"figure killed 79 Azerbaijan"},
    ),
    "Los Angeles without coordinates": (
        lambda d: _place(d, "la").update(lat=None, lon=None),
        {"place Los Angeles"},
    ),
    "Dashkasan 100 km off": (
        lambda d: _place(d, "dashkasan").update(lat=41.42),
        {"place Dashkasan"},
    ),
    "no denial link": (
        lambda d: (d.update(relations=[]), [c.update(stance="asserts") for c in d["claims"]]),
        {"denial denial -> shelling-claim"},
    ),
    "the fighting dated on publication day": (
        lambda d: _event(d, "fighting").update(time="tm-24"),
        {"event border-fighting"},
    ),
    "Hasanov without a role": (
        lambda d: _actor(d, "hasanov").update(role=None),
        {"actor Zakir Hasanov"},
    ),
    "the support coded AGREE": (
        lambda d: _event(d, "support").update(plover="AGREE"),
        {"event support"},
    ),
    "the periodic shelling not habitual": (
        lambda d: _event(d, "periodic").update(habitual=False),
        {"event periodic-shelling"},
    ),
    "wrong author": (
        lambda d: d["article"].update(author="Someone Else"),
        {"article.author"},
    ),
    "the 293 wounded are civilians": (
        lambda d: _figure(d, "293").update(population="civilian"),
        {"figure wounded 293 Armenia"},
    ),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_planted_fault_misses_the_same_expectations_in_both(fault: str, tmp_path: Path) -> None:
    plant, misses = FAULTS[fault]
    data = correct_reading().to_json_dict()
    plant(data)
    ours, shared = compare(data, tmp_path)
    assert {name for name, ok in shared.items() if not ok} == misses
    assert {name for name in shared if not ours[name]} == misses


def test_on_what_the_pipeline_reads_sitreps_is_never_more_lenient(tmp_path: Path) -> None:
    data = read(seed_article()).to_json_dict()
    ours, shared = compare(data, tmp_path)
    lenient = [name for name, ok in shared.items() if ours[name] and not ok]
    assert lenient == [], f"sitreps eval counts these as met, the shared checker does not: {lenient}"
