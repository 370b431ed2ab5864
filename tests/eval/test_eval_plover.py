"""PLOVER gold records: the type folding, the reader and the prediction from a Reading."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitreps.eval import plover
from sitreps.eval.corpus import GoldFormatError
from sitreps.model import Actor, Article, Event, Reading, Span

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DEV = SHARED / "data" / "plover" / "gsr-dev.jsonl"


def test_the_draft_types_fold_into_the_sixteen() -> None:
    table = plover.draft_type_table()
    assert len(table) == 18
    assert set(table.values()) == set(plover.PLOVER_TYPES)
    assert [plover.current_type(t) for t in ("DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT")] == [
        "REQUEST",
        "ACCUSE",
        "ACCUSE",
        "ASSAULT",
    ]
    assert plover.current_type("request") == "REQUEST"
    with pytest.raises(GoldFormatError, match="unknown PLOVER event type"):
        plover.current_type("HUG")


def test_reading_gold_keeps_country_codes_only(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        '{"id": "x", "text": "The UN urged Iraq to comply.", "event": "DEMAND", '
        '"source": [{"actorText": "UN", "code": "IGO"}], "target": [{"actorText": "Iraq", "code": "IRQ"}]}\n'
        "\n"
        '{"text": "Rebels attacked.", "event": "FIGHT", '
        '"source": [{"actorText": "rebels", "code": "JAP"}]}\n',
        encoding="utf-8",
    )
    first, second = plover.read_gold(path)
    assert (first.id, first.plover, first.source_countries, first.target_countries) == (
        "x",
        "REQUEST",
        (),
        ("IRQ",),
    )
    assert (second.id, second.plover, second.source_countries) == ("line-3", "ASSAULT", ())
    path.write_text("not json\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="line 1"):
        plover.read_gold(path)


def test_the_leading_event_and_its_countries() -> None:
    article = Article.from_text("Iraq denied it. Iraq attacked Iran.")
    iraq = Actor(id="ac-irq", name="Iraq", country="IRQ")
    iran = Actor(id="ac-irn", name="Iran", country="IRN")

    def event(word: str, plover_type: str, **more: Any) -> Event:
        start = article.text.index(word)
        span = Span.of(article, start, start + len(word))
        return Event(
            id=f"ev-{word}", plover=plover_type, trigger=span, sentence=span, actor1="ac-irq", **more
        )

    denied = event("denied", "REJECT", negated=True)
    attacked = event("attacked", "ASSAULT", actor2="ac-irn")
    reading = Reading(article=article, actors=[iraq, iran], events=[denied, attacked])
    assert plover.predict(reading) == plover.Prediction("ASSAULT", "IRQ", "IRN")
    assert plover.predict(Reading(article=article)) == plover.Prediction(plover.NO_EVENT, None, None)
    assert plover.predict(None).plover == plover.NO_EVENT


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data is not present")
def test_every_dev_record_reads() -> None:
    sentences = plover.read_gold(DEV)
    assert len(sentences) == 158
    assert {s.plover for s in sentences} <= set(plover.PLOVER_TYPES)
    assert sum(bool(s.source_countries) for s in sentences) > 100
