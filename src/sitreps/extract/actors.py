"""Actors: people, states, governments, militaries, organisations, media and populations.

Named entities are grouped into actors by a folded name; a person's surname alone joins the full name
mentioned before it. Country names and demonyms correct the small model's labels ("Azerbaijan" tagged
PERSON is the state), and the article's outlet is an actor (a media outlet) so claims can name it.
Roles, coreference of descriptions ("the ministry") and sectors are the extraction issue's depth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitreps.countries import Country, by_demonym, by_name, fold_name
from sitreps.extract.found import Found
from sitreps.extract.spans import of_doc_span, trimmed
from sitreps.model import Actor, ActorKind, Article, Span, record_id

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as DocSpan

ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
# Words in an organisation's name that say what kind of actor it is (first match wins).
ORG_KINDS: tuple[tuple[ActorKind, tuple[str, ...]], ...] = (
    ("government", ("ministry", "government", "cabinet", "parliament", "council", "presidency", "office")),
    ("military", ("army", "armed forces", "military", "forces", "brigade", "battalion", "navy", "air force")),
    ("media", ("news", "agency", "press", "media", "tv", "television", "radio", "times", "post")),
)
SECTORS: dict[ActorKind, str] = {
    "government": "government",
    "state": "government",
    "military": "military",
    "media": "media",
    "armed group": "rebel",
    "population": "civilian",
}
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


@dataclass
class _Draft:
    name: str
    kind: ActorKind | None
    country: str | None
    mentions: list[Span] = field(default_factory=list)


def _org_kind(name: str) -> ActorKind:
    lowered = name.lower()
    for kind, words in ORG_KINDS:
        if any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in words):
            return kind
    return "organisation"


def _country_inside(name: str) -> Country | None:
    """A country named or implied by a demonym inside a longer name ("the Azerbaijani Defense Ministry")."""
    for word in re.findall(r"[\w’'-]+", name):
        if not word[0].isupper():  # "car", "us": ordinary words that fold like country codes
            continue
        country = by_demonym(word) or by_name(word)
        if country is not None:
            return country
    return None


# Nouns that make a demonym into a collective actor: "Russian troops", "the Armenian government".
GROUP_NOUNS: dict[str, ActorKind] = {
    **dict.fromkeys(
        (
            "troop",
            "force",
            "army",
            "military",
            "soldier",
            "unit",
            "formation",
            "serviceman",
            "servicemen",
            "artillery",
            "navy",
            "battalion",
            "brigade",
        ),
        "military",
    ),
    **dict.fromkeys(
        (
            "government",
            "ministry",
            "authority",
            "official",
            "leadership",
            "president",
            "cabinet",
            "parliament",
            "police",
            "diplomat",
            "embassy",
        ),
        "government",
    ),
    **dict.fromkeys(("media", "press", "outlet", "journalist"), "media"),
    **dict.fromkeys(("rebel", "militant", "insurgent", "separatist", "group"), "armed group"),
}


def _group(ent: DocSpan) -> tuple[int, int, ActorKind] | None:
    """A demonym that modifies a group noun, as (start, end, kind) of the whole phrase."""
    head = ent.root.head
    if ent.root.dep_ not in {"amod", "compound"} or head.i < ent.end:
        return None
    kind = GROUP_NOUNS.get(head.lemma_.lower())
    if kind is None:
        return None
    return ent.start_char, head.idx + len(head.text), kind


def _classify(label: str, text: str, dep: str) -> _Draft | None:
    """Name, kind and country of one entity mention, or None when it is not an actor."""
    country = by_name(text)
    if country is not None:
        return _Draft(country.name, "state", country.alpha3)
    demonym = by_demonym(text)
    if demonym is not None:
        # "Armenian forces": the adjective describes another actor; only a noun use is a population.
        if dep in {"amod", "compound"}:
            return None
        return _Draft(text, "population", demonym.alpha3)
    if label == "PERSON":
        return _Draft(text, "person", None)
    if label == "ORG":
        inside = _country_inside(text)
        return _Draft(text, _org_kind(text), inside.alpha3 if inside else None)
    return None  # GPE that is not a country: a place, resolved by the places extractor


def _person_key(name: str, people: dict[str, str]) -> str:
    """A surname alone ("Hasanov") joins the full name mentioned before it ("Zakir Hasanov")."""
    words = name.split()
    if len(words) == 1:
        for key, full in people.items():
            if full.split()[-1].lower() == name.lower():
                return key
    return fold_name(name)


def extract_actors(doc: Doc, article: Article, found: Found) -> list[Actor]:
    """Actors from named entities and the outlet, each with every mention's span."""
    drafts: dict[str, _Draft] = {}
    people: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        group = _group(ent) if ent.label_ == "NORP" else None
        if group is not None:
            country = by_demonym(ent.text)
            span = trimmed(article, group[0], group[1])
            if span is not None and country is not None:
                phrase = _Draft(span.text, group[2], country.alpha3)
                drafts.setdefault(fold_name(span.text), phrase).mentions.append(span)
            continue
        span = of_doc_span(article, ent)
        if span is None:
            continue
        text = _LEADING_THE.sub("", span.text)
        # A known person's surname is that person whatever label the model gave it ("Cavusoglu" as ORG).
        surname_of = _person_key(text, people) if len(text.split()) == 1 else None
        label = "PERSON" if surname_of in people else ent.label_
        draft = _classify(label, text, ent.root.dep_)
        if draft is None:
            continue
        key = _person_key(draft.name, people) if draft.kind == "person" else fold_name(draft.name)
        if draft.kind == "person" and len(draft.name.split()) > 1:
            people.setdefault(key, draft.name)
        known = drafts.setdefault(key, draft)
        known.mentions.append(span)
    if article.outlet:
        key = fold_name(article.outlet)
        outlet = drafts.setdefault(key, _Draft(article.outlet, "media", None))
        outlet.kind = "media"
        for m in re.finditer(rf"\b{re.escape(article.outlet)}\b", article.text):
            span = Span.of(article, m.start(), m.end())
            if span not in outlet.mentions:
                outlet.mentions.append(span)
    actors = []
    for key, d in drafts.items():
        mentions = sorted(set(d.mentions), key=lambda s: (s.start, s.end))
        aliases = sorted({m.text for m in mentions} - {d.name})
        actors.append(
            Actor(
                id=record_id("ac", article.id, key),
                name=d.name,
                kind=d.kind,
                country=d.country,
                sector=SECTORS.get(d.kind) if d.kind else None,
                aliases=aliases,
                mentions=mentions,
            )
        )
    return actors
