"""Toponyms: find place names, resolve them to places with coordinates, and tell governments apart.

Two stages.
- :class:`ToponymMarker`, a spaCy component that runs right after ``ner`` (added in ``nlp.py``), fixes
  the small model's toponym errors before any extractor sees the entities. It looks every capitalised
  word sequence up in the gazetteer (exact folded names, no loose matches) and, where the context
  vouches for a place, relabels the model's reading ("Lachin" PERSON, "Dashkasan" ORG) as GPE or adds the
  toponym it missed ("Basarkechar", "Gegharkunik"). The context: a kind-of-place word ("X region",
  "X district", "in X direction", "village of X"), a locative preposition ("in X", "near X"), a
  bracketed alternative ("Basarkechar [Gegharkunik]"), or a list with other places ("in Dashkasan,
  Kalbajar, and Lachin directions"). A name that is not an English word, tagged as a proper noun, and
  known as a sizeable place needs no cue. Demonyms ("Azerbaijani") are never places. The model's own
  GPE/LOC/FAC entities are checked too: a full person's name elsewhere in the article makes "Buhari" a
  PERSON, and a name no gazetteer lists, with no cue and no geographic word ("Orange County", "Mount X")
  or facility word ("X Street"), is dropped, as is a plain English word ("March", "August").
- :func:`extract_places` turns every GPE/LOC/FAC entity (and any country name, whatever its label) into
  a :class:`~sitreps.model.Place`: countries directly (with their centroid), everything else through
  :func:`sitreps.geo.geocode.resolve_mentions` with the article's countries as context. A country or
  capital that acts ("Moscow said", "between Baku and Yerevan", "Armenia's provocations") is
  ``metonymic``: the government, never where an event happened. A name the gazetteer lacks takes the
  place named inside it ("Seoul Central District Court") or, for a street or building, the town named
  just before it, with low confidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitreps.extract.found import Found
from sitreps.extract.spans import of_doc_span
from sitreps.geo.countries import Country, by_code, by_demonym, by_name
from sitreps.geo.gazetteer import Candidate, Gazetteer, open_gazetteer
from sitreps.geo.geocode import Context, Hint, Mention, Resolution, outlet_country, resolve_mentions
from sitreps.model import Article, Place, PlaceFeature, Span, record_id

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Span as DocSpan

# Words that make an unknown name geographic: "Orange County", "Glenrock Lagoon", "Mount Chaambi".
GEO_LAST_WORDS = frozenset(
    {
        "county", "province", "district", "region", "state", "oblast", "governorate", "valley", "mountains",
        "mountain", "river", "lake", "lagoon", "sea", "ocean", "island", "islands", "bay", "gulf", "coast",
        "peninsula", "desert", "strip", "heights", "plateau", "basin", "delta", "canyon", "forest", "hills",
        "pass", "strait", "channel", "city", "town", "village", "point", "cape",
    }
)  # fmt: skip
GEO_FIRST_WORDS = frozenset({"mount", "mt", "lake", "cape", "port", "fort", "saint", "st", "san", "santa"})
# Demonyms of continents and regions, for evaluations that resolve demonyms (see resolve_spans).
WIDER_DEMONYMS = {
    "European": "Europe",
    "African": "Africa",
    "Asian": "Asia",
    "North American": "North America",
    "South American": "South America",
    "Middle Eastern": "Middle East",
    "Balkan": "Balkans",
    "Caucasian": "Caucasus",
}
# The last word of names of streets, buildings and sites: places inside a town.
FACILITY_WORDS = frozenset(
    {
        "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive", "square",
        "highway", "bridge", "church", "cathedral", "mosque", "synagogue", "temple", "monastery", "library",
        "hospital", "clinic", "school", "college", "university", "academy", "institute", "center", "centre",
        "stadium", "arena", "park", "airport", "airbase", "base", "station", "port", "harbour", "harbor",
        "court", "courthouse", "prison", "jail", "camp", "checkpoint", "plantation", "canal", "estate",
        "mall", "market", "hotel", "inn", "palace", "museum", "theatre", "theater", "hall", "tower",
        "building", "complex", "campus", "farm", "factory", "plant", "mine", "dam", "crossing", "house",
        "embassy", "consulate", "barracks", "terminal", "quarter", "district",
    }
)  # fmt: skip
PLACE_LABELS: dict[str, PlaceFeature] = {"GPE": "settlement", "LOC": "region", "FAC": "facility"}
TOPONYM_COMPONENT = "sitreps_toponyms"
NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# A place this large outweighs the model's reading of its name as a person or an organisation.
PROMINENT = 100_000
MAX_NAME_WORDS = 5

# Words after a toponym that say what kind of place it is; plurals cover lists ("X and Y districts").
KIND_AFTER: dict[str, Hint] = {
    **dict.fromkeys(("village", "town", "city", "settlement", "township", "hamlet"), "settlement"),
    **dict.fromkeys(
        ("district", "rayon", "raion", "municipality", "direction", "area", "county"), "district"
    ),
    **dict.fromkeys(
        ("region", "province", "oblast", "governorate", "marz", "prefecture", "state"), "province"
    ),
}
# "village of X", "district of X", "outskirts of X": the noun before "of".
KIND_BEFORE: dict[str, Hint] = {
    **dict.fromkeys(("village", "town", "city", "settlement", "township"), "settlement"),
    **dict.fromkeys(("district", "rayon", "raion", "municipality"), "district"),
    **dict.fromkeys(("region", "province", "oblast", "governorate"), "province"),
}
NEAR_BEFORE = frozenset(
    {"outskirts", "vicinity", "suburbs", "environs", "outside", "near", "around", "nearby"}
)
LOCATIVE = frozenset(
    {"in", "near", "at", "outside", "around", "towards", "toward", "into", "inside", "across"}
)
LIST_GLUE = frozenset({",", "and", "or", "&"})
NAME_GLUE = frozenset(
    {"of", "de", "del", "al", "el", "ez", "es", "ad", "as", "an", "ar", "la", "le", "du", "des"}
)
NAME_GLUE |= frozenset({"on", "upon", "-", "'", "’", "the", "am", "an", "sur", "bin", "ibn"})
OPEN, CLOSE = frozenset({"[", "("}), frozenset({"]", ")"})

# Metonymy. Nouns whose possessor or modifier is an institution, not a place ("Armenia's position");
# nouns that keep a possessor literal ("Ukraine's east"); verbs whose subject is literal ("Kharkiv was
# shelled", "Baku hosted the talks").
GEOGRAPHIC_NOUNS = frozenset(
    {
        "territory", "territories", "border", "borders", "land", "lands", "soil", "airspace", "coast",
        "east", "west", "north", "south", "centre", "center", "capital", "city", "town", "village",
        "region", "regions", "province", "district", "outskirts", "suburb", "suburbs", "road", "roads",
        "highway", "railway", "corridor", "area", "areas", "frontier", "population", "residents", "people",
        "streets", "airport", "port", "heart", "part", "side", "sea", "waters", "mountains", "countryside",
    }
)  # fmt: skip
INSTITUTION_NOUNS = frozenset(
    {
        "army", "forces", "force", "military", "government", "ministry", "president", "leadership",
        "authorities", "officials", "troops", "embassy", "delegation", "parliament", "regime", "side",
        "diplomats", "diplomacy", "policy", "position", "stance", "decision", "proposal", "demand",
        "provocation", "provocations", "aggression", "claims", "statement", "response", "envoy",
    }
)  # fmt: skip
LITERAL_SUBJECT_VERBS = frozenset(
    {
        "be", "lie", "border", "host", "see", "witness", "suffer", "experience", "remain", "become",
        "have", "hold", "lose", "fall", "burn", "shake", "flood", "stretch", "cover",
    }
)  # fmt: skip
RELATION_NOUNS = frozenset(
    {
        "relations", "relation", "ties", "talks", "negotiations", "dialogue", "agreement", "deal",
        "treaty", "pressure", "sanctions", "contacts", "cooperation", "normalization", "normalisation",
        "peace", "rapprochement", "dispute", "conflict", "tensions", "confrontation", "support",
    }
)  # fmt: skip
ADDRESSED_VERBS = frozenset({"accuse", "urge", "blame", "warn", "call", "criticize", "criticise", "support"})
METONYMIC_PREPS = frozenset({"with", "by", "on", "against", "between", "from"})


@dataclass(frozen=True)
class Cue:
    """What the words around a toponym say: its kind, a locative or "near" use, a bracketed partner."""

    hint: Hint | None = None
    locative: bool = False
    near: bool = False
    partner: tuple[int, int] | None = None
    in_list: bool = False

    @property
    def vouches(self) -> bool:
        """True when the context alone says this is a place."""
        return self.hint is not None or self.locative or self.near or self.partner is not None


def register_component() -> None:
    """Make ``sitreps_toponyms`` known to spaCy (``nlp.py`` adds it after ``ner``)."""
    from spacy.language import Language

    if not Language.has_factory(TOPONYM_COMPONENT):
        Language.factory(TOPONYM_COMPONENT, func=_make_marker)


def _make_marker(nlp: Language, name: str) -> ToponymMarker:
    return ToponymMarker(nlp)


class ToponymMarker:
    """The spaCy component (see the module docstring); reads the gazetteer, never writes it.

    The gazetteer is opened when the pipeline is built, so a missing one fails at load, not mid-batch.
    """

    def __init__(self, nlp: Language, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or open_gazetteer()
        # Famous places are names first, though WordNet lists them ("london"); smaller namesakes of
        # words ("March", "Bath") stay words.
        self.english = _english_words(nlp, self.gazetteer.prominent_keys(PROMINENT))

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span as DocSpan
        from spacy.util import filter_spans

        ents = list(doc.ents)
        owner = {i: ent for ent in ents for i in range(ent.start, ent.end)}
        matches = {(s, e): c for s, e, c in _gazetteer_spans(doc, self.gazetteer)}
        model_places = [x for x in ents if x.label_ in PLACE_LABELS]
        cues = toponym_cues(doc, [*matches, *((x.start, x.end) for x in model_places)])
        people = _person_words(ents)
        labels: dict[tuple[int, int], str] = {}  # spans to (re)label
        removed: set[tuple[int, int]] = set()  # the model's entities to drop or replace
        for ent in model_places:
            verdict = self._model_place(ent, cues.get((ent.start, ent.end), Cue()), people)
            if verdict != "keep":
                removed.add((ent.start, ent.end))
                if verdict == "PERSON":
                    labels[(ent.start, ent.end)] = "PERSON"
        for (start, end), candidates in matches.items():
            covering = {owner[i] for i in range(start, end) if i in owner}
            if any(c.label_ in PLACE_LABELS for c in covering):
                continue
            cue = cues.get((start, end), Cue())
            label = "LOC" if candidates[0].feature in {"region", "water"} else "GPE"
            span = doc[start:end]
            if not covering:
                if cue.vouches or self._notable(span, candidates):
                    labels[(start, end)] = label
                continue
            single = next(iter(covering)) if len(covering) == 1 else None
            whole = (
                single is not None
                and single.end == end
                and (
                    single.start == start or (single.start == start - 1 and doc[single.start].lower_ == "the")
                )
            )
            if single is None or not whole:
                continue  # a word inside a longer name: "Hulusi Akar", "the Consulate General of Turkiye"
            if single.label_ == "NORP":
                accept = by_demonym(span.text) is None and self._notable(span, candidates)
            elif single.label_ in {"PERSON", "ORG"}:
                accept = (
                    cue.vouches
                    or candidates[0].feature == "country"
                    or self._prominent(span, candidates, people)
                )
            elif single.label_ in NUMERIC_LABELS:
                accept = False  # "in March": a date, whatever towns are called March
            else:
                accept = cue.hint is not None or cue.partner is not None
            if accept:
                removed.add((single.start, single.end))
                labels[(single.start, single.end)] = label
        # A list is as good as its best member: "in Dashkasan, Kalbajar, and Lachin directions".
        for group in _lists(doc, [*matches, *((x.start, x.end) for x in model_places)]):
            if any(
                labels.get(b) in {"GPE", "LOC"} or (_is_place_ent(b, ents) and b not in removed)
                for b in group
            ):
                for b in group:
                    if b in matches and b not in labels and not _inside_other_ent(*b, owner):
                        labels[b] = "LOC" if matches[b][0].feature in {"region", "water"} else "GPE"
                        removed.update((e.start, e.end) for e in ents if (e.start, e.end) == b)
        if not labels and not removed:
            return doc
        kept = [e for e in ents if (e.start, e.end) not in removed]
        added = [DocSpan(doc, s, e, label=label) for (s, e), label in labels.items()]
        doc.ents = filter_spans([*added, *kept])
        return doc

    def _model_place(self, ent: DocSpan, cue: Cue, people: frozenset[str]) -> str:
        """What to do with the model's GPE/LOC/FAC: "keep", "PERSON" (a person's name), or "drop"."""
        text = _bare(ent.text)
        if by_name(text) is not None or cue.vouches:
            return "keep"
        if text in people:
            return "PERSON"  # "Buhari" after "Muhammadu Buhari": the model's GPE is the person
        candidates = self.gazetteer.candidates(text, loose=False)
        if ent.label_ == "FAC" and not candidates:
            words = text.lower().split()
            return "keep" if words[-1].rstrip(".") in FACILITY_WORDS | GEO_LAST_WORDS else "drop"
        if not candidates:
            # Not a place anyone lists, and nothing around it says it is one ("Yulia", "Ocean Infinity"),
            # unless its own words say what it is ("Orange County", "Mount Chaambi").
            words = text.lower().split()
            geographic = len(words) > 1 and (words[-1] in GEO_LAST_WORDS or words[0] in GEO_FIRST_WORDS)
            return "keep" if geographic else "drop"
        if len(ent) == 1 and text.lower() in self.english and not any(_major(c) for c in candidates):
            return "drop"  # "March", "August": words first, unless a major place or the context says place
        return "keep"

    def _notable(self, span: DocSpan, candidates: Sequence[Candidate]) -> bool:
        """A name that needs no cue: a proper noun, not an English word, a sizeable or administrative
        place."""
        best = candidates[0]
        english = all(t.lower_ in self.english or t.is_stop for t in span if t.is_alpha)
        if best.feature == "country" and best.match in {"name", "alias"}:
            return not (english and span[0].is_sent_start)
        if (span[0].is_sent_start and not _dateline(span)) or span.root.pos_ != "PROPN" or english:
            return False
        return best.match in {"name", "alias"} and (
            best.population >= 10_000 or best.feature in {"province", "district", "region", "water"}
        )

    def _prominent(self, span: DocSpan, candidates: Sequence[Candidate], people: frozenset[str]) -> bool:
        """A person or organisation reading that a large place outweighs ("Tamil Nadu" read as PERSON)."""
        best = candidates[0]
        if span.text in people or best.match not in {"name", "alias"}:
            return False
        if all(t.lower_ in self.english or t.is_stop for t in span if t.is_alpha):
            return False
        return best.population >= PROMINENT or best.feature in {"region", "water"}


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
        by_name(_bare(e.text)) or (by_demonym(e.text) if demonyms else None) for e in spans
    ]
    # Countries resolve directly; every other toponym goes to the geocoder, partners by their position.
    others = [e for e, c in zip(spans, countries, strict=True) if c is None]
    position = {(e.start, e.end): i for i, e in enumerate(others)}
    mentions = []
    for ent in others:
        cue = cues.get((ent.start, ent.end), Cue())
        text = _bare(ent.text)
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
    from sitreps.nlp import load_pipeline

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
        return by_demonym(ent.text) is None or by_name(_bare(ent.text)) is not None
    # The model reads some country names as ORG or PERSON ("Armenia" ORG); a name is still a country.
    return ent.label_ != "NORP" and by_name(_bare(ent.text)) is not None and ent.text[:1].isupper()


def _bare(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


def _major(candidate: Candidate) -> bool:
    return (
        candidate.feature in {"country", "province", "region", "water"} or candidate.population >= PROMINENT
    )


def _dateline(span: DocSpan) -> bool:
    """A place opening a story: "DUBAI, March 5 -", "LONDON (Reuters) -"."""
    return (
        span.start == 0 and span.end < len(span.doc) and span.doc[span.end].text in {",", "(", "-", "—", "–"}
    )


def _person_words(ents: Iterable[DocSpan]) -> frozenset[str]:
    """The words of full person names in the doc ("Muhammadu Buhari" gives "Buhari" and "Muhammadu")."""
    return frozenset(t.text for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e if t.is_alpha)


def _is_place_ent(bounds: tuple[int, int], ents: Iterable[DocSpan]) -> bool:
    return any((e.start, e.end) == bounds and e.label_ in PLACE_LABELS for e in ents)


def _inside_other_ent(start: int, end: int, owner: dict[int, DocSpan]) -> bool:
    covering = {owner[i] for i in range(start, end) if i in owner}
    return any(not (e.label_ in PLACE_LABELS or (e.start >= start - 1 and e.end == end)) for e in covering)


def _english_words(nlp: Language, names: frozenset[str]) -> frozenset[str]:
    """Lower-case English words, from the lemmatizer's WordNet tables (empty for a pipeline without them).

    WordNet's nouns include famous proper names ("london", "mississippi"): nouns in ``names`` are left
    out, so those read as names; adjectives, adverbs and verbs stay words ("Mobile", "Nice", "Split").
    """
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    except (KeyError, AttributeError):
        return frozenset()
    noun = nlp.vocab.strings.as_int("noun") if "noun" in nlp.vocab.strings else None
    return frozenset(w for pos in table for w in table[pos] if pos != noun or w not in names)


def _name_shaped(span: DocSpan) -> bool:
    """Capitalised first and last word, joined by capitalised words or name glue ("Deir ez-Zor")."""
    first, last = span[0], span[-1]
    if not (first.text[:1].isupper() and last.text[:1].isupper() and first.is_alpha and last.is_alpha):
        return False
    return all(t.text[:1].isupper() or t.lower_ in NAME_GLUE for t in span[1:-1]) and "\n" not in span.text


def _gazetteer_spans(doc: Doc, gazetteer: Gazetteer) -> Iterable[tuple[int, int, list[Candidate]]]:
    """Longest capitalised word sequences that name a place exactly, left to right, not overlapping."""
    i = 0
    while i < len(doc):
        token = doc[i]
        if not (token.text[:1].isupper() and token.is_alpha) or (token.is_stop and token.is_sent_start):
            i += 1
            continue
        for n in range(min(MAX_NAME_WORDS, len(doc) - i), 0, -1):
            span = doc[i : i + n]
            if not _name_shaped(span):
                continue
            text = span.text
            if by_demonym(text) is not None and by_name(text) is None:
                continue
            candidates = gazetteer.candidates(text, loose=False)
            if text.isupper() and len(text.replace(".", "")) <= 4:
                # An acronym ("BA", "AI") is not a town's name in capitals; ours and countries' are.
                candidates = [
                    c for c in candidates if c.match == "alias" or c.feature in {"country", "region"}
                ]
            if candidates:
                candidates.sort(
                    key=lambda c: (c.feature != "country", c.match not in {"name", "alias"}, -c.population)
                )
                yield i, i + n, candidates
                i += n
                break
        else:
            i += 1


def toponym_cues(doc: Doc, bounds: Sequence[tuple[int, int]]) -> dict[tuple[int, int], Cue]:
    """The cue of each (start, end) token range, with lists and brackets sharing theirs."""
    known = sorted(set(bounds))
    cues = {b: _own_cue(doc, *b) for b in known}
    starts = {s: (s, e) for s, e in known}
    for s, e in known:
        # "A [B]": B is A's alternative; the kind word after the bracket describes both.
        if e < len(doc) - 2 and doc[e].text in OPEN and e + 1 in starts:
            other = starts[e + 1]
            if other[1] < len(doc) and doc[other[1]].text in CLOSE:
                after = _kind_after(doc, other[1] + 1)
                for this, partner in (((s, e), other), (other, (s, e))):
                    cue = cues[this]
                    cues[this] = Cue(after or cue.hint, cue.locative, cue.near, partner, cue.in_list)
    for group in _lists(doc, known):
        hint = next((cues[b].hint for b in reversed(group) if cues[b].hint), None)
        first = cues[group[0]]
        for b in group:
            cue = cues[b]
            cues[b] = Cue(
                cue.hint or hint, cue.locative or first.locative, cue.near or first.near, cue.partner, True
            )
    return cues


def _own_cue(doc: Doc, start: int, end: int) -> Cue:
    hint = _kind_after(doc, end)
    before = start - 1
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1
    locative = near = False
    if before >= 1 and doc[before].lower_ == "of":
        noun = doc[before - 1].lower_
        hint = hint or KIND_BEFORE.get(noun) or KIND_BEFORE.get(noun.rstrip("s"))
        near = noun in NEAR_BEFORE
    elif before >= 0:
        word = doc[before].lower_
        locative = word in LOCATIVE
        near = word in NEAR_BEFORE
    return Cue(hint, locative, near)


def _kind_after(doc: Doc, i: int) -> Hint | None:
    if i >= len(doc):
        return None
    word = doc[i].lower_
    if doc[i].pos_ not in {"NOUN", "PROPN"}:
        return None
    return KIND_AFTER.get(word) or (KIND_AFTER.get(word[:-1]) if word.endswith("s") else None)


def _lists(doc: Doc, bounds: Sequence[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Runs of toponyms joined only by commas and and/or: "Dashkasan, Kalbajar, and Lachin"."""
    groups: list[list[tuple[int, int]]] = []
    for b in sorted(set(bounds)):
        if groups:
            last = groups[-1][-1]
            between = doc[last[1] : b[0]]
            if 0 < len(between) <= 3 and all(t.lower_ in LIST_GLUE for t in between):
                groups[-1].append(b)
                continue
        groups.append([b])
    return [g for g in groups if len(g) > 1]


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
        return head.lemma_ in {
            "say",
            "announce",
            "claim",
            "warn",
            "deny",
            "accuse",
            "insist",
            "state",
            "declare",
        }
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
