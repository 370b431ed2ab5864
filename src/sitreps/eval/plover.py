"""PLOVER gold-standard records: the event type of each sentence, and its source and target countries.

The gold file is JSON Lines, one record per sentence: ``id``, ``text``, ``event`` (a type of the early PLOVER
drafts, folded into the current 16 types by ``plover_2021_types.tsv``), ``source`` and ``target`` (lists of
``{"actorText", "code", "sector"}``; ``target`` may be empty or absent). Each sentence is read as an undated
article; the prediction is the PLOVER type of the Reading's leading event (asserted before negated or
hypothetical, then by confidence, then by position), or ``NONE`` when it has no event.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from sitreps.eval.corpus import GoldFormatError, ReadRun, read_gold_text, read_texts
from sitreps.eval.metrics import ClassificationReport, classification_report
from sitreps.geo.countries import by_code
from sitreps.model import Event, Reading
from sitreps.ontology import plover_types

TYPES_FILE = "plover_2021_types.tsv"
PLOVER_TYPES = tuple(plover_types())
NO_EVENT = "NONE"


@cache
def draft_type_table() -> dict[str, str]:
    """Each gold-standard (draft) event type and the current PLOVER type it folds into."""
    text = resources.files("sitreps.eval").joinpath(TYPES_FILE).read_text("utf-8")
    table = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            draft, current = (cell.strip() for cell in line.split("\t"))
            table[draft] = current
    return table


def current_type(draft_type: str) -> str:
    """The 16-type PLOVER type of a gold event type (types already current pass through)."""
    name = draft_type.strip().upper()
    folded = draft_type_table().get(name, name)
    if folded not in PLOVER_TYPES:
        raise GoldFormatError(f"unknown PLOVER event type {draft_type!r}")
    return folded


@dataclass(frozen=True)
class GoldSentence:
    """One gold record: the sentence, its (current) PLOVER type and its actors' country codes."""

    id: str
    text: str
    plover: str
    source_countries: tuple[str, ...]
    target_countries: tuple[str, ...]


def _countries(actors: Any) -> tuple[str, ...]:
    # Gold codes are ISO alpha-3 for states and CAMEO codes for the rest ("IGO", "NGO"): keep the countries.
    if not isinstance(actors, list):
        return ()
    codes = []
    for actor in actors:
        code = str(actor.get("code") or "").strip().upper() if isinstance(actor, dict) else ""
        country = by_code(code) if len(code) == 3 else None
        if country is not None and country.alpha3 == code and code not in codes:
            codes.append(code)
    return tuple(codes)


def read_gold(path: Path) -> list[GoldSentence]:
    """The records of a PLOVER gold-standard JSON Lines file."""
    sentences = []
    for number, line in enumerate(read_gold_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text, event = str(record["text"]).strip(), str(record["event"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise GoldFormatError(f"{path} line {number}: not a PLOVER gold record ({exc})") from exc
        sentences.append(
            GoldSentence(
                str(record.get("id") or f"line-{number}"),
                text,
                current_type(event),
                _countries(record.get("source")),
                _countries(record.get("target")),
            )
        )
    if not sentences:
        raise GoldFormatError(f"{path}: no records")
    return sentences


def _rank(event: Event) -> tuple[bool, float, int]:
    return (event.negated or event.hypothetical, -(event.confidence or 0.0), event.trigger.start)


def leading_event(reading: Reading) -> Event | None:
    """The event a one-event-per-sentence coder would report: asserted, most confident, earliest."""
    return min(reading.events, key=_rank, default=None)


@dataclass(frozen=True)
class Prediction:
    """What was predicted for one sentence: the PLOVER type and the two actors' countries."""

    plover: str
    source_country: str | None
    target_country: str | None


def predict(reading: Reading | None) -> Prediction:
    """The PLOVER type and actor countries of a Reading's leading event (``NONE`` without one)."""
    event = leading_event(reading) if reading is not None else None
    if reading is None or event is None:
        return Prediction(NO_EVENT, None, None)
    countries = {actor.id: actor.country for actor in reading.actors}
    return Prediction(
        event.plover.upper(), countries.get(event.actor1 or ""), countries.get(event.actor2 or "")
    )


@dataclass(frozen=True)
class Agreement:
    """How often a predicted actor's country is among the gold codes, where gold gives a country."""

    agreed: int
    scored: int

    @property
    def rate(self) -> float:
        return self.agreed / self.scored if self.scored else 0.0


def _agreement(gold: Sequence[tuple[str, ...]], predicted: Sequence[str | None]) -> Agreement:
    scored = [(codes, country) for codes, country in zip(gold, predicted, strict=True) if codes]
    return Agreement(sum(country in codes for codes, country in scored), len(scored))


@dataclass(frozen=True)
class PloverResult:
    """One evaluation run: the gold sentences, the predictions, the type scores and the actor agreement."""

    sentences: tuple[GoldSentence, ...]
    predictions: tuple[Prediction, ...]
    report: ClassificationReport
    source_agreement: Agreement
    target_agreement: Agreement
    run: ReadRun


def evaluate_sentences(sentences: Sequence[GoldSentence]) -> PloverResult:
    """Read every sentence, predict its event type and actors, and score them."""
    run = read_texts([s.text for s in sentences])
    predictions = tuple(predict(r) for r in run.readings)
    report = classification_report([s.plover for s in sentences], [p.plover for p in predictions])
    return PloverResult(
        tuple(sentences),
        predictions,
        report,
        _agreement([s.source_countries for s in sentences], [p.source_country for p in predictions]),
        _agreement([s.target_countries for s in sentences], [p.target_country for p in predictions]),
        run,
    )


def evaluate(path: Path) -> PloverResult:
    """Evaluate over a PLOVER gold-standard JSON Lines file."""
    return evaluate_sentences(read_gold(path))


def write_predictions(result: PloverResult, path: Path) -> None:
    """Write ``id<TAB>predicted_type``, one line per sentence in gold order (no header)."""
    lines = (f"{s.id}\t{p.plover}\n" for s, p in zip(result.sentences, result.predictions, strict=True))
    path.write_text("".join(lines), encoding="utf-8")
