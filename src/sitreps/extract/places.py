"""Places: every toponym the parse holds, resolved to a place with coordinates; governments told apart.

The entities come already corrected by the toponym component (:mod:`sitreps.nlp.toponyms`, run inside
the spaCy pipeline). :func:`extract_places` turns every GPE/LOC/FAC entity (and any country name,
whatever its label) into a :class:`~sitreps.model.Place`: countries directly (with their centroid),
everything else through :func:`sitreps.geo.geocode.resolve_mentions` with the article's countries as
context. A country or capital that acts ("Moscow said", "between Baku and Yerevan", "Armenia's
provocations") is ``metonymic``: the government, never where an event happened. A name the gazetteer
lacks takes the place named inside it ("Seoul Central District Court") or, for a street or building, the
town named just before it, with low confidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sitreps.extract.found import Found
from sitreps.extract.spans import of_doc_span
from sitreps.geo.countries import Country, by_code, by_demonym, by_name
from sitreps.geo.gazetteer import Candidate, Gazetteer, open_gazetteer
from sitreps.geo.geocode import Context, Mention, Resolution, outlet_country, resolve_mentions
from sitreps.model import Article, Place, Span, record_id
from sitreps.nlp.pipeline import load_pipeline
from sitreps.nlp.toponyms import (
    FACILITY_WORDS,
    PLACE_LABELS,
    TOPONYM_COMPONENT,
    Cue,
    ToponymMarker,
    bare,
    toponym_cues,
)
from sitreps.nlp.wordlists import word_set, word_table

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as DocSpan

WORDS = "place_words.toml"  # what each list is for: see the file
# Demonyms of continents and regions, for evaluations that resolve demonyms (see resolve_spans).
WIDER_DEMONYMS: dict[str, str] = word_table(WORDS, "wider_demonyms")
# Metonymy. Nouns that keep a possessor literal ("Ukraine's east"); nouns whose modifier is an institution,
# not a place ("Yerevan officials"); verbs whose subject is literal ("Kharkiv was shelled", "Baku hosted
# the talks"); verbs whose subject town speaks ("the town said").
GEOGRAPHIC_NOUNS = word_set(WORDS, "geographic_nouns")
INSTITUTION_NOUNS = word_set(WORDS, "institution_nouns")
LITERAL_SUBJECT_VERBS = word_set(WORDS, "literal_subject_verbs")
SPEAKING_VERBS = word_set(WORDS, "speaking_verbs")
RELATION_NOUNS = word_set(WORDS, "relation_nouns")
ADDRESSED_VERBS = word_set(WORDS, "addressed_verbs")
METONYMIC_PREPS = word_set(WORDS, "metonymic_preps")


def extract_places(doc: Doc, article: Article, found: Found) -> list[Place]:
    """One Place per toponym mention, in text order; metonymic when a country or capital acts."""
    toponyms = [ent for ent in doc.ents if _is_toponym(ent)]
    return [p for p in resolve_spans(doc, article, found, toponyms) if p is not None]


def resolve_spans(
    doc: Doc, article: Article, found: Found, spans: Sequence[DocSpan], *, demonyms: bool = False
) -> list[Place | None]:
    """A Place for each given toponym span (None where the span is empty), resolved in the article's context.

    ``demonyms`` True resolves a demonym to its country ("Syrian" -> Syria), for evaluations whose gold
    counts adjectival uses as toponyms; sitreps itself never makes a demonym a place.
    """
    if not spans:
        return []
    gazetteer = open_gazetteer()
    cues = toponym_cues(doc, [(e.start, e.end) for e in spans])
    countries: list[Country | None] = [
        by_name(bare(e.text)) or (by_demonym(e.text) if demonyms else None) for e in spans
    ]
    # Countries resolve directly; every other toponym goes to the geocoder, partners by their position.
    others = [e for e, c in zip(spans, countries, strict=True) if c is None]
    position = {(e.start, e.end): i for i, e in enumerate(others)}
    mentions = []
    for ent in others:
        cue = cues.get((ent.start, ent.end), Cue())
        text = bare(ent.text)
        mentions.append(
            Mention(
                WIDER_DEMONYMS.get(text, text) if demonyms else text,
                ent.start_char,
                ent.end_char,
                hint=cue.hint,
                near=cue.near,
                country=_country_after(doc, ent),
                admin=() if cue.in_list else _division_after(doc, ent, gazetteer),
                partner=position.get(cue.partner) if cue.partner else None,
            )
        )
    context = _context(article, found, [c for c in countries if c is not None])
    results = iter(resolve_mentions(mentions, context, gazetteer))
    places: list[Place | None] = []
    for ent, country in zip(spans, countries, strict=True):
        resolution = next(results) if country is None else None
        span = of_doc_span(article, ent)
        if span is None:
            places.append(None)
            continue
        pid = record_id("pl", article.id, span.start, span.end)
        if country is not None:
            centre = gazetteer.country(country.alpha2)
            places.append(
                Place(
                    id=pid,
                    mention=span,
                    name=country.name,
                    place_id=f"iso:{country.alpha2}",
                    country=country.alpha2,
                    lat=centre.lat if centre else None,
                    lon=centre.lon if centre else None,
                    feature="country",
                    precision=4,
                    metonymic=is_metonymic(ent, "country"),
                    confidence=0.95,
                )
            )
        elif resolution is not None:
            places.append(_place(pid, span, ent, resolution))
        else:
            feature = PLACE_LABELS.get(ent.label_, "other")
            places.append(Place(id=pid, mention=span, name=span.text, feature=feature))
    # Names the gazetteer does not hold: a place inside the name ("Seoul Central District Court"), or,
    # for a street or building, the town the text last named ("Third Street" after "Tacoma").
    for i, (ent, place) in enumerate(zip(spans, places, strict=True)):
        if place is not None and place.lat is None:
            places[i] = _embedded_place(ent, place, context, gazetteer) or _nearby_place(ent, place, places)
    return places


def _embedded_place(ent: DocSpan, place: Place, context: Context, gazetteer: Gazetteer) -> Place | None:
    words = [t for t in ent if not t.is_punct]
    english = english_words()
    for n in range(len(words) - 1, 0, -1):
        for first in range(len(words) - n + 1):
            part = words[first : first + n]
            if not part[0].text[:1].isupper() or all(t.lower_ in english or t.is_stop for t in part):
                continue
            name = ent.doc[part[0].i : part[-1].i + 1].text
            if not gazetteer.candidates(name, loose=False):
                continue
            resolution = resolve_mentions([Mention(name)], context, gazetteer)[0]
            if resolution is not None and _plausible_inside(resolution.place, context):
                best = resolution.place
                return place.model_copy(
                    update={
                        "place_id": best.place_id,
                        "country": best.country,
                        "admin1": best.admin1,
                        "admin2": best.admin2,
                        "lat": best.lat,
                        "lon": best.lon,
                        "feature": "facility" if _facility_like(ent) else best.feature,
                        "precision": resolution.precision,
                        "confidence": round(resolution.confidence * 0.5, 3),
                    }
                )
    return None


def _plausible_inside(candidate: Candidate, context: Context) -> bool:
    """A place named inside a longer name: exactly, sizeable, and in the article's countries if any."""
    if not candidate.exact or (candidate.population < 10_000 and candidate.feature == "settlement"):
        return False
    codes = (candidate.country,) if candidate.country else candidate.members
    return not context.countries or any(c in context.countries for c in codes)


def _nearby_place(ent: DocSpan, place: Place, places: Sequence[Place | None]) -> Place:
    """A street or building takes the coordinates of the town named last before it (two sentences back)."""
    if not _facility_like(ent):
        return place
    sentences = list(ent.doc.sents)
    here = next((i for i, s in enumerate(sentences) if s.start <= ent.start < s.end), 0)
    earliest = sentences[max(0, here - 2)].start_char
    town = None
    for other in places:
        if other is None or other.lat is None or other.metonymic or other.precision is None:
            continue
        if earliest <= other.mention.start < ent.start_char and other.feature in {"settlement", "district"}:
            town = other
    if town is None:
        return place
    return place.model_copy(
        update={
            "place_id": town.place_id,
            "country": town.country,
            "admin1": town.admin1,
            "admin2": town.admin2,
            "lat": town.lat,
            "lon": town.lon,
            "feature": "facility",
            "precision": town.precision,
            "confidence": 0.3,
        }
    )


def _facility_like(ent: DocSpan) -> bool:
    last = ent[-1].lower_.rstrip(".")
    return ent.label_ == "FAC" or last in FACILITY_WORDS


def english_words() -> frozenset[str]:
    """The English word list of the loaded pipeline's toponym component (empty without one)."""
    nlp = load_pipeline()
    if TOPONYM_COMPONENT not in nlp.pipe_names:
        return frozenset()
    marker = nlp.get_pipe(TOPONYM_COMPONENT)
    return marker.english if isinstance(marker, ToponymMarker) else frozenset()


def _place(pid: str, span: Span, ent: DocSpan, resolution: Resolution) -> Place:
    best = resolution.place
    kind = "capital" if best.capital else "facility" if ent.label_ == "FAC" else best.feature
    return Place(
        id=pid,
        mention=span,
        name=best.name,
        place_id=best.place_id,
        country=best.country,
        admin1=best.admin1,
        admin2=best.admin2,
        lat=best.lat,
        lon=best.lon,
        feature=best.feature,
        precision=resolution.precision,
        metonymic=is_metonymic(ent, kind),
        confidence=resolution.confidence,
    )


def _is_toponym(ent: DocSpan) -> bool:
    if ent.label_ in PLACE_LABELS:
        return by_demonym(ent.text) is None or by_name(bare(ent.text)) is not None
    # The model reads some country names as ORG or PERSON ("Armenia" ORG); a name is still a country.
    return ent.label_ != "NORP" and by_name(bare(ent.text)) is not None and ent.text[:1].isupper()


def _country_after(doc: Doc, ent: DocSpan) -> str | None:
    """The country named right after a toponym and a comma: "Los Angeles, USA" -> US."""
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return None
    for n in range(min(4, len(doc) - ent.end - 1), 0, -1):
        country = by_name(doc[ent.end + 1 : ent.end + 1 + n].text)
        if country is not None and ent.label_ in PLACE_LABELS:
            return country.alpha2
    return None


def _division_after(doc: Doc, ent: DocSpan, gazetteer: Gazetteer) -> tuple[str, ...]:
    """The names of the division named after a comma: "Allendale, N.J." -> ("New Jersey",)."""
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return ()
    for n in range(min(3, len(doc) - ent.end - 1), 0, -1):
        words = doc[ent.end + 1 : ent.end + 1 + n]
        if not words[0].text[:1].isupper():
            return ()
        text = words.text if words[-1].text != "." or n == 1 else doc[ent.end + 1 : ent.end + n].text + "."
        names = tuple(
            c.name for c in gazetteer.candidates(text, loose=False) if c.feature in {"province", "district"}
        )
        if names:
            return names
    return ()


def _context(article: Article, found: Found, named: Sequence[Country]) -> Context:
    """The article's countries: its country mentions, its actors' countries and its outlet's home."""
    weights: dict[str, float] = {}
    for country in named:
        weights[country.alpha2] = weights.get(country.alpha2, 0.0) + 1.0
    for actor in found.actors:
        nation = by_code(actor.country) if actor.country else None
        if nation is not None:
            weight = 1.0 if actor.kind in {"state", "government", "military"} else 0.5
            weights[nation.alpha2] = weights.get(nation.alpha2, 0.0) + weight * max(1, len(actor.mentions))
    home = outlet_country(article.outlet)
    if home is not None:
        weights[home] = weights.get(home, 0.0) + 2.0
    return Context(weights)


def is_metonymic(ent: DocSpan, kind: str) -> bool:
    """True when a country, capital or facility name stands for its government or institution.

    ``kind``: "country", "capital", "facility", or another feature (a town: only "X said" counts).
    """
    root = ent.root
    head = root.head
    actor_like = kind in {"country", "capital", "facility"}
    if root.dep_ == "nsubj" and head.pos_ in {"VERB", "AUX"}:
        if actor_like:
            return head.lemma_ not in LITERAL_SUBJECT_VERBS
        return head.lemma_ in SPEAKING_VERBS
    if not actor_like:
        return False
    if root.dep_ == "poss":
        return head.lower_ not in GEOGRAPHIC_NOUNS
    if root.dep_ in {"compound", "amod", "nmod"} and head.i > root.i:
        return head.lower_ in INSTITUTION_NOUNS
    # "between Baku and Yerevan", "relations with Armenia", "proposed by Azerbaijan".
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if first.dep_ == "pobj":
        prep = first.head
        if prep.lower_ == "between":
            return prep.head.lower_ not in GEOGRAPHIC_NOUNS
        if prep.dep_ == "agent" or prep.lower_ == "by":
            return prep.head.pos_ in {"VERB", "AUX"}
        if prep.lower_ in METONYMIC_PREPS:
            return prep.head.lower_ in RELATION_NOUNS or prep.head.lemma_ in {"normalize", "normalise"}
    # "accused Armenia", "urged Baku": the government is addressed.
    return root.dep_ == "dobj" and head.lemma_ in ADDRESSED_VERBS
