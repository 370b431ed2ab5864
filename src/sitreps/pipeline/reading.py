"""The seam from an Article to its Reading: parse once, then run the extractors in order.

``read`` is a pure function: no database, no files, no network. The same call runs in a loop, in a
process pool, or inside a Spark task, and gives the same records with the same ids.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from sitreps.extract.actors import extract_actors
from sitreps.extract.casualties import extract_casualties
from sitreps.extract.claims import extract_claims
from sitreps.extract.events import extract_events
from sitreps.extract.found import Found
from sitreps.extract.places import extract_places
from sitreps.extract.time import extract_times
from sitreps.model import Article, Reading
from sitreps.nlp import load_pipeline, parse

if TYPE_CHECKING:
    from spacy.tokens import Doc

Extractor = Callable[["Doc", Article, Found], Sequence[Any]]

# Every extractor, in the order it runs, and the field of Found (and of the Reading) it fills.
# Later extractors read what earlier ones found: events need actors, places and times; claims need events
# and figures.
EXTRACTORS: tuple[tuple[str, Extractor], ...] = (
    ("actors", extract_actors),
    ("places", extract_places),
    ("times", extract_times),
    ("events", extract_events),
    ("figures", extract_casualties),
    ("claims", extract_claims),
)


def read_doc(doc: Doc, article: Article) -> Reading:
    """Run every extractor over an already parsed article."""
    found = Found(article=article)
    for field, extractor in EXTRACTORS:
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


def read(article: Article) -> Reading:
    """Read one article into a Reading."""
    return read_doc(parse(article.text), article)


def load_models() -> None:
    """Load what ``read`` needs (the spaCy pipeline, the event-type classifier) now rather than on the
    first article: once before forking workers, which then share it copy-on-write."""
    from sitreps.classify import load_default_model

    load_pipeline()
    load_default_model()
