"""Extractors: pure functions from a parsed article to records, each with exact evidence spans.

In: a parsed spaCy ``Doc`` (from :mod:`sitreps.nlp`, its entities already corrected by the toponym
component) and the :class:`~sitreps.model.Article` it was parsed from. Out: the records of the article's
:class:`~sitreps.model.Reading` (actors, places, times, events, casualty figures, claims, and the
relations between claims), each with the evidence span it was read from; ``read_doc`` gives the Reading.

Each module exposes one ``extract_<records>(doc, article, found)`` function. ``EXTRACTORS`` lists them in
the order they run, each with the field of :class:`~sitreps.extract.found.Found` (and of the Reading) its
records fill and the fields it reads: a later extractor reads what earlier ones found. The order is
checked when this package is imported (``check_order``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from sitreps.extract.actors import extract_actors
from sitreps.extract.casualties import extract_casualties
from sitreps.extract.claims import extract_claims
from sitreps.extract.events import extract_events
from sitreps.extract.found import Found
from sitreps.extract.places import extract_places
from sitreps.extract.time import extract_times
from sitreps.model import Article, Reading

if TYPE_CHECKING:
    from spacy.tokens import Doc

Extract = Callable[["Doc", Article, Found], Sequence[Any]]


@dataclass(frozen=True)
class Extractor:
    """One extractor: the field of Found its records fill, the function, the fields of Found it reads,
    and the fields it adds to besides its own (a state actor named only by a demonym, a relation)."""

    fills: str
    run: Extract
    needs: tuple[str, ...] = ()
    adds: tuple[str, ...] = ()


# Every extractor, in the order it runs.
EXTRACTORS: tuple[Extractor, ...] = (
    Extractor("actors", extract_actors),
    Extractor("places", extract_places, needs=("actors",)),  # the article's countries, for context
    Extractor("times", extract_times),
    Extractor("events", extract_events, needs=("actors", "places", "times"), adds=("actors",)),
    Extractor("figures", extract_casualties, needs=("actors", "times", "events"), adds=("actors",)),
    Extractor(
        "claims",
        extract_claims,
        needs=("actors", "times", "events", "figures"),
        adds=("actors", "relations"),
    ),
)


def check_order(extractors: Sequence[Extractor]) -> None:
    """Raise ValueError unless every field named is a field of Found, each field is filled by one
    extractor, and every extractor runs after those that fill what it needs."""
    known = {f.name for f in fields(Found)}
    filled: set[str] = set()
    for extractor in extractors:
        unknown = sorted({extractor.fills, *extractor.needs, *extractor.adds} - known)
        if unknown:
            raise ValueError(f"extractor {extractor.fills!r} names no field of Found: {unknown}")
        if extractor.fills in filled:
            raise ValueError(f"two extractors fill {extractor.fills!r}")
        missing = [need for need in extractor.needs if need not in filled]
        if missing:
            raise ValueError(f"extractor {extractor.fills!r} runs before what it needs: {missing}")
        filled.add(extractor.fills)


check_order(EXTRACTORS)


def read_doc(doc: Doc, article: Article, extractors: Iterable[tuple[str, Extract]] | None = None) -> Reading:
    """Run every extractor over an already parsed article, in order, and assemble its Reading.

    ``extractors``: (field, function) pairs to run instead of ``EXTRACTORS`` (a benchmark's timed ones).
    """
    found = Found(article=article)
    steps = extractors if extractors is not None else ((e.fills, e.run) for e in EXTRACTORS)
    for field, extractor in steps:
        getattr(found, field).extend(extractor(doc, article, found))
    return Reading(
        article=article,
        actors=found.actors,
        places=found.places,
        times=found.times,
        events=found.events,
        figures=found.figures,
        claims=found.claims,
        relations=found.relations,
    )


__all__ = ["EXTRACTORS", "Extract", "Extractor", "check_order", "read_doc"]
