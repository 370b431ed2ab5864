"""Casualty figures: a number, the people it counts, and what happened to them.

A figure is a number attached (``nummod``) to a noun of people or losses, whose verb says what happened
("79 personnel were killed", "20 soldiers were taken prisoner") or whose noun is itself the outcome
("207 losses", "12 deaths"). Numbers are read from digits or words (numerizer); qualifiers come from the
words before the number. Parties from context, vague quantities and negated figures are the extraction
issue's depth.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from numerizer import numerize

from sitreps.countries import by_demonym
from sitreps.extract.found import Found
from sitreps.extract.spans import trimmed
from sitreps.model import Article, CasualtyFigure, FigureKind, Population, Qualifier, record_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

OUTCOME_VERBS: dict[str, FigureKind] = {
    "kill": "killed",
    "die": "killed",
    "wound": "wounded",
    "injure": "wounded",
    "hurt": "wounded",
    "capture": "captured",
    "take": "captured",
    "miss": "missing",
    "displace": "displaced",
    "flee": "displaced",
    "arrest": "arrested",
    "detain": "arrested",
}
OUTCOME_NOUNS: dict[str, FigureKind] = {
    "death": "killed",
    "dead": "killed",
    "fatality": "killed",
    "loss": "losses",
    "casualty": "losses",
    "injury": "wounded",
    "prisoner": "captured",
    "captive": "captured",
    "arrest": "arrested",
}
MILITARY = {
    "soldier",
    "troop",
    "serviceman",
    "servicemen",
    "personnel",
    "fighter",
    "officer",
    "militant",
    "conscript",
    "sailor",
    "pilot",
    "guard",
    "combatant",
    "rebel",
    "member",
}
CIVILIAN = {
    "civilian",
    "resident",
    "child",
    "woman",
    "villager",
    "passenger",
    "worker",
    "journalist",
    "student",
    "protester",
    "man",
    "refugee",
}
PEOPLE = MILITARY | CIVILIAN | {"people", "person", "individual", "victim"}
QUALIFIERS: tuple[tuple[str, Qualifier], ...] = (
    ("at least", "at_least"),
    ("more than", "more_than"),
    ("over", "more_than"),
    ("nearly", "about"),
    ("almost", "about"),
    ("about", "about"),
    ("around", "about"),
    ("some", "about"),
    ("approximately", "about"),
    ("up to", "up_to"),
    ("at most", "at_most"),
    ("fewer than", "fewer_than"),
    ("less than", "fewer_than"),
)
# Counts above this are not casualty figures of a news report (and "1e309" is not a number of people).
MAX_COUNT = 10_000_000


def read_number(text: str) -> int | None:
    """An integer from digits or number words ("79", "1,200", "three", "two hundred"), else None."""
    cleaned = text.replace(",", "").strip()
    if not re.fullmatch(r"\d+", cleaned):
        cleaned = numerize(cleaned.lower()).replace(",", "").strip()
    if not re.fullmatch(r"\d{1,9}", cleaned):
        return None
    value = int(cleaned)
    return value if value <= MAX_COUNT else None


def _qualifier(token: Token) -> Qualifier:
    before = token.doc[max(0, token.i - 3) : token.i].text.lower()
    for words, qualifier in QUALIFIERS:
        if before.endswith(words):
            return qualifier
    return "exact"


def _outcome(noun: Token) -> FigureKind | None:
    lemma = noun.lemma_.lower()
    if lemma in OUTCOME_NOUNS:
        return OUTCOME_NOUNS[lemma]
    head = noun
    while head.dep_ == "conj":
        head = head.head
    verb = head.head
    if head.dep_ in {"nsubjpass", "nsubj", "dobj"} and verb.pos_ in {"VERB", "AUX", "ADJ"}:
        kind = OUTCOME_VERBS.get(verb.lemma_.lower())
        if kind == "captured" and verb.lemma_.lower() == "take":
            objects = {t.lemma_.lower() for t in verb.subtree}
            return "captured" if objects & {"prisoner", "captive", "hostage"} else None
        return kind
    return None


def _population(noun: Token) -> Population:
    lemma = noun.lemma_.lower()
    if lemma in MILITARY or any(t.lower_ in {"military", "army", "armed"} for t in noun.lefts):
        return "military"
    if lemma in CIVILIAN:
        return "civilian"
    return "unknown"


def extract_casualties(doc: Doc, article: Article, found: Found) -> list[CasualtyFigure]:
    """One CasualtyFigure per counted group of people with a casualty outcome."""
    figures: list[CasualtyFigure] = []
    for token in doc:
        if token.dep_ != "nummod":
            continue
        noun = token.head
        if noun.lemma_.lower() not in PEOPLE and noun.lemma_.lower() not in OUTCOME_NOUNS:
            continue
        kind = _outcome(noun)
        count = read_number(token.text)
        if kind is None or count is None:
            continue
        party = None
        for left in noun.lefts:
            country = by_demonym(left.text)
            if country is not None:
                party = next(
                    (a.id for a in found.actors if a.country == country.alpha3 and a.kind == "state"), None
                )
        span = trimmed(article, token.idx, noun.idx + len(noun.text))
        if span is None:
            continue
        qualifier = _qualifier(token)
        sentence_end = token.sent.end_char
        event = next(
            (
                e.id
                for e in found.events
                if e.plover == "ASSAULT" and e.sentence.start <= token.idx < sentence_end
            ),
            None,
        )
        figures.append(
            CasualtyFigure(
                id=record_id("fg", article.id, span.start, span.end, kind),
                kind=kind,
                count=count if qualifier in {"exact", "about"} else None,
                count_min=count if qualifier in {"at_least", "more_than"} else None,
                count_max=count if qualifier in {"up_to", "at_most", "fewer_than"} else None,
                qualifier=qualifier,
                party=party,
                population=_population(noun),
                event=event,
                as_of=article.published,
                span=span,
            )
        )
    return figures
