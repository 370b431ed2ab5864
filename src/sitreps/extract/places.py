"""Toponyms: place names found by NER (GPE, LOC, FAC) and by country names the model mislabels.

Country names are resolved to the country here (precision 4). Towns, districts and provinces get their
coordinates and admin areas from the gazetteer (resolve/geocode.py, the places issue); until then they
are recorded with their evidence and no coordinates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitreps.countries import by_name
from sitreps.extract.found import Found
from sitreps.extract.spans import of_doc_span
from sitreps.model import Article, Place, PlaceFeature, record_id

if TYPE_CHECKING:
    from spacy.tokens import Doc

PLACE_LABELS: dict[str, PlaceFeature] = {"GPE": "settlement", "LOC": "region", "FAC": "facility"}


def extract_places(doc: Doc, article: Article, found: Found) -> list[Place]:
    """One Place per toponym mention, in text order."""
    places: list[Place] = []
    for ent in doc.ents:
        span = of_doc_span(article, ent)
        if span is None:
            continue
        country = by_name(span.text.removeprefix("the ").removeprefix("The "))
        if country is None and ent.label_ not in PLACE_LABELS:
            continue
        pid = record_id("pl", article.id, span.start, span.end)
        if country is not None:
            places.append(
                Place(
                    id=pid,
                    mention=span,
                    name=country.name,
                    place_id=f"iso:{country.alpha2}",
                    country=country.alpha2,
                    feature="country",
                    precision=4,
                    confidence=0.9,
                )
            )
        else:
            places.append(Place(id=pid, mention=span, name=span.text, feature=PLACE_LABELS[ent.label_]))
    return places
