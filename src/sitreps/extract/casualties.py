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

from sitreps.countries import by_demonym, by_name
from sitreps.extract.found import Found
from sitreps.extract.frames import FrameIndex
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
    "abduct": "captured",
    "kidnap": "captured",
    "lose": "losses",
}
# Vague quantities and the lowest count they commit the source to ("dozens" is at least 24).
VAGUE: dict[str, tuple[int, Qualifier]] = {
    "dozens": (24, "at_least"),
    "scores": (40, "at_least"),
    "hundreds": (200, "at_least"),
    "thousands": (2000, "at_least"),
    "tens": (20, "at_least"),
    "several": (3, "at_least"),
    "dozen": (12, "about"),
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


def number_start(token: Token) -> Token:
    """The first word of the whole number a ``nummod`` token heads ("two" of "two hundred")."""
    parts = [t for t in token.subtree if t.like_num or t.text == "-" or t.lower_ in {"and", "a"}]
    return next((t for t in parts if t.i <= token.i), token)


def number_text(token: Token) -> str:
    """The whole number a ``nummod`` token heads: "two hundred", "Twenty-one", "1.2 million"."""
    return token.doc[number_start(token).i : token.i + 1].text


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


def _among(noun: Token) -> Token | None:
    """The group an outcome noun is counted among ("207 losses among its own military personnel")."""
    for owner in (noun, noun.head):
        for prep in owner.children:
            if prep.dep_ == "prep" and prep.lower_ in {"among", "of"}:
                obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.lemma_.lower() in PEOPLE:
                    return obj
    return None


def _claimant_country(token: Token, frames: FrameIndex) -> str | None:
    """The country of the official body or person whose report gives this figure."""
    governing = frames.governing(token)
    speaker = governing[-1].speaker if governing else None
    if speaker is None or speaker.country is None:
        return None
    official = speaker.kind in {"state", "government", "military"} or (
        speaker.kind == "person" and speaker.role
    )
    return speaker.country if official else None


def _party_country(noun: Token, people: Token, frames: FrameIndex) -> str | None:
    """Whose casualties: a demonym or country on the noun, "its own" -> the claimant's, else the claimant's
    own side when an official body reports them (governments report their own losses in these terms)."""
    for group in (noun, people):
        for left in group.lefts:
            country = by_demonym(left.text) or (by_name(left.text) if left.text[:1].isupper() else None)
            if country is not None:
                return country.alpha3
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() == "lose":  # "Ukraine had lost 820 soldiers"
        subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        country = by_name(subject.text) if subject is not None and subject.text[:1].isupper() else None
        if country is not None:
            return country.alpha3
    return _claimant_country(noun, frames)


def _event_for(token: Token, found: Found, frames: FrameIndex) -> str | None:
    """The attack a figure counts the casualties of: one in its sentence, else the latest one before."""
    sentences = frames.sentences
    index = frames.index_of[token.sent.start]
    window_start = sentences[max(0, index - 4)].start_char
    candidates = [
        e
        for e in found.events
        if e.plover == "ASSAULT"
        and not e.habitual
        and not e.hypothetical
        and not e.negated
        and window_start <= e.trigger.start < token.sent.end_char
    ]
    here = [e for e in candidates if e.sentence.start <= token.idx < e.sentence.end]
    if here:
        return here[0].id
    before = [e for e in candidates if e.trigger.start < token.idx]
    return before[-1].id if before else None


def _figure(
    article: Article,
    found: Found,
    frames: FrameIndex,
    noun: Token,
    start: int,
    kind: FigureKind,
    count: int,
    qualifier: Qualifier,
    party: str | None,
) -> CasualtyFigure | None:
    span = trimmed(article, start, noun.idx + len(noun.text))
    if span is None:
        return None
    people = _among(noun) or noun
    return CasualtyFigure(
        id=record_id("fg", article.id, span.start, span.end, kind),
        kind=kind,
        count=count if qualifier in {"exact", "about"} else None,
        count_min=count if qualifier in {"at_least", "more_than"} else None,
        count_max=count if qualifier in {"up_to", "at_most", "fewer_than"} else None,
        qualifier=qualifier,
        party=party,
        population=_population(people),
        event=_event_for(noun, found, frames),
        as_of=article.published,
        span=span,
    )


def _party(article: Article, found: Found, noun: Token, frames: FrameIndex) -> str | None:
    alpha3 = _party_country(noun, _among(noun) or noun, frames)
    return found.state_actor(alpha3, article).id if alpha3 else None


def _vague_figure(article: Article, found: Found, frames: FrameIndex, token: Token) -> CasualtyFigure | None:
    """ "Dozens of civilians were killed", "a dozen soldiers were abducted": a vague count with the lowest
    number it commits the source to."""
    vague = VAGUE.get(token.lower_)
    if vague is None:
        return None
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    people = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    if people is None and token.dep_ in {"nummod", "amod"}:
        people, counted = token.head, token.head
    else:
        counted = token
    if people is None or people.lemma_.lower() not in PEOPLE:
        return None
    kind = _outcome(counted)
    if kind is None:
        return None
    count, qualifier = vague
    after_a = token.lower_ == "dozen" and token.i > 0 and token.nbor(-1).lower_ == "a"
    start = token.nbor(-1).idx if after_a else token.idx
    party = _party(article, found, people, frames)
    return _figure(article, found, frames, people, start, kind, count, qualifier, party)


def extract_casualties(doc: Doc, article: Article, found: Found) -> list[CasualtyFigure]:
    """One CasualtyFigure per counted group of people with a casualty outcome, and a zero for a
    negated one ("the personnel was not wounded")."""
    frames = FrameIndex(doc, found)
    figures: list[CasualtyFigure] = []
    parties: dict[int, str | None] = {}
    for token in doc:
        noun = token.head
        if token.dep_ != "nummod" or (
            noun.lemma_.lower() not in PEOPLE and noun.lemma_.lower() not in OUTCOME_NOUNS
        ):
            continue
        kind = _outcome(noun)
        count = read_number(number_text(token))
        if kind is None or count is None:
            continue
        party = _party(article, found, noun, frames)
        if party is None and noun.dep_ == "conj":  # "293 soldiers and three civilians": one report
            party = parties.get(noun.head.i)
        parties[noun.i] = party
        first = number_start(token)
        figure = _figure(article, found, frames, noun, first.idx, kind, count, _qualifier(first), party)
        if figure is not None:
            figures.append(figure)
    for token in doc:
        figure = _vague_figure(article, found, frames, token)
        if figure is not None:
            figures.append(figure)
    for verb in doc:
        kind = OUTCOME_VERBS.get(verb.lemma_.lower())
        if kind is None or not any(c.dep_ == "neg" for c in verb.children):
            continue
        for noun in (c for c in verb.children if c.dep_ == "nsubjpass" and c.lemma_.lower() in PEOPLE):
            if any(c.dep_ == "nummod" for c in noun.children):
                continue
            start = next(noun.subtree).idx
            figure = _figure(
                article, found, frames, noun, start, kind, 0, "exact", _party(article, found, noun, frames)
            )
            if figure is not None:
                figures.append(figure)
    figures += _none_reported(article, found, frames, doc)
    return figures


def _none_reported(article: Article, found: Found, frames: FrameIndex, doc: Doc) -> list[CasualtyFigure]:
    """ "No casualties were reported among civilians": a zero, for people only (not "no losses among the
    military equipment")."""
    out = []
    for noun in doc:
        kind = OUTCOME_NOUNS.get(noun.lemma_.lower())
        if kind is None or not any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
            continue
        among = [
            g
            for c in (*noun.children, *noun.head.children)
            if c.dep_ == "prep" and c.lower_ == "among"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if among and among[0].lemma_.lower() not in PEOPLE:
            continue
        start = next(noun.subtree).idx
        figure = _figure(
            article, found, frames, noun, start, kind, 0, "exact", _party(article, found, noun, frames)
        )
        if figure is not None:
            out.append(figure)
    return out
