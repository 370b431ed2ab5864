"""The seam from an Article to its Reading: parse once, then run the extractors in order.

``read`` is a pure function: no database, no files, no network. The same call runs in a loop, in a
process pool, or inside a Spark task, and gives the same records with the same ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sitreps.extract as extract
from sitreps.classify import load_default_model
from sitreps.extract import Extract
from sitreps.model import Article, Reading
from sitreps.nlp import load_pipeline, parse

if TYPE_CHECKING:
    from spacy.tokens import Doc

# The extractors as ``read_doc`` runs them: (field, function) pairs, in the order ``extract.EXTRACTORS``
# declares and checks. Looked up at each call, so that a benchmark can swap in timed functions.
EXTRACTORS: tuple[tuple[str, Extract], ...] = tuple((e.fills, e.run) for e in extract.EXTRACTORS)


def read_doc(doc: Doc, article: Article) -> Reading:
    """Run every extractor over an already parsed article."""
    return extract.read_doc(doc, article, EXTRACTORS)


def read(article: Article) -> Reading:
    """Read one article into a Reading."""
    return read_doc(parse(article.text), article)


def load_models() -> None:
    """Load what ``read`` needs (the spaCy pipeline, the event-type classifier) now rather than on the
    first article: once before forking workers, which then share it copy-on-write."""
    load_pipeline()
    load_default_model()
