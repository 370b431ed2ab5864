"""Casualty figures: a number, the people it counts, and what happened to them.

A figure is a number attached (``nummod``) to a noun of people or losses, whose verb says what happened
("79 personnel were killed", "20 soldiers were taken prisoner") or whose noun is itself the outcome
("207 losses", "12 deaths"). Numbers are read from digits or words (numerizer); qualifiers come from the
words before the number. Parties from context, vague quantities and negated figures are the extraction
issue's depth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sitreps.extract.figure_dates import figure_as_of
from sitreps.extract.found import Found
from sitreps.extract.frames import FrameIndex, frame_index, last_person_before
from sitreps.extract.reference import actor_of
from sitreps.extract.spans import trimmed
from sitreps.extract.tolls import TOLL_NOUNS, outcome_after, toll_noun, toll_owner
from sitreps.geo.countries import by_demonym, by_name
from sitreps.model import Actor, Article, CasualtyFigure, FigureKind, Population, Qualifier, record_id
from sitreps.nlp.wordlists import checked, word_pairs, word_set, word_table, word_values

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

WORDS = "casualty_words.toml"  # what each list is for: see the file
OUTCOME_VERBS: dict[str, FigureKind] = word_values(WORDS, "outcome_verbs", FigureKind)
# Vague quantities and the lowest count they commit the source to ("dozens" is at least 24).
VAGUE: dict[str, tuple[int, Qualifier]] = {
    word: (count, checked(WORDS, "vague", qualifier, Qualifier))
    for word, (count, qualifier) in word_table(WORDS, "vague").items()
}
OUTCOME_NOUNS: dict[str, FigureKind] = word_values(WORDS, "outcome_nouns", FigureKind)
MILITARY = word_set(WORDS, "military")
CIVILIAN = word_set(WORDS, "civilian")
PEOPLE = MILITARY | CIVILIAN | word_set(WORDS, "other_people")
QUALIFIERS: tuple[tuple[str, Qualifier], ...] = word_pairs(WORDS, "qualifiers", Qualifier)
# Counts above this are not casualty figures of a news report (and "1e309" is not a number of people).
MAX_COUNT = 10_000_000


def read_number(text: str) -> int | None:
    """An integer from digits or number words ("79", "1,200", "three", "two hundred"), else None."""
    cleaned = text.replace(",", "").strip()
    if not re.fullmatch(r"\d+", cleaned):
        # numerizer loads spaCy (0.5 s): imported when a number is spelled out, not with extract/
        from numerizer import numerize

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
        if kind is not None:
            return kind
    after = outcome_after(noun)  # "34 soldiers killed", "207 servicemen as killed or missing"
    return after[0] if after is not None else None


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


def _party_country(noun: Token, people: Token, frames: FrameIndex, owner: str | None = None) -> str | None:
    """Whose casualties: a demonym or country on the noun, the country of whoever gives a tally of its
    own ("the minister put his country's losses at ..."), else the claimant's own side when an official
    body reports them (governments report their own losses in these terms)."""
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
    return owner or _claimant_country(noun, frames)


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
    *,
    count_token: Token | None = None,
    end: Token | None = None,
    population: Population | None = None,
    previous: date | None = None,
) -> CasualtyFigure | None:
    """A figure whose span runs from ``start`` to the end of ``end`` (default: the noun). ``count_token``
    is the number (the noun itself for a zero), ``previous`` the date of the figure just before it."""
    last = end or noun
    span = trimmed(article, start, last.idx + len(last.text))
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
        population=population or _population(people),
        event=_event_for(noun, found, frames),
        as_of=figure_as_of(count_token or noun, noun, article, found.times, previous),
        span=span,
    )


def _party(
    article: Article, found: Found, noun: Token, frames: FrameIndex, owner: str | None = None
) -> str | None:
    alpha3 = _party_country(noun, _among(noun) or noun, frames, owner)
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


# Entity types of numbers that never count people.
NOT_COUNTS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}
# Verbs that can give a count with the outcome left out, after a figure has set it ("he said 105").
GIVING_VERBS = word_set(WORDS, "giving_verbs")
# Words that make a sentence with a tally a report of casualties (with the nouns of people).
CONFLICT_WORDS = word_set(WORDS, "conflict_words")
CASUALTY_CUES = word_set(WORDS, "casualty_cues")


def _is_casualty_cue(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return lemma in PEOPLE or lemma in CONFLICT_WORDS or lemma in CASUALTY_CUES


@dataclass
class _Counted:
    """A figure read from a count, with what a later count that leaves things out may take from it."""

    token: Token
    figure: CasualtyFigure


@dataclass
class _Reader:
    article: Article
    found: Found
    frames: FrameIndex
    counted: list[_Counted] = field(default_factory=list)

    @property
    def figures(self) -> list[CasualtyFigure]:
        return [c.figure for c in self.counted]

    def antecedent(self, token: Token) -> _Counted | None:
        """The figure just before a count, in its sentence or the one before, in the same paragraph."""
        index = self.frames.index_of[token.sent.start]
        first = self.frames.sentences[max(0, index - 1)].start_char
        text = self.article.text
        for counted in reversed(self.counted):
            at = counted.figure.span.start
            if first <= at < token.idx and "\n\n" not in text[at : token.idx]:
                return counted
        return None

    def previous_date(self, token: Token) -> date | None:
        before = self.antecedent(token)
        return before.figure.as_of if before is not None else None

    def owner(self, toll: Token | None) -> Actor | None:
        """Whoever gives a tally of its own ("the ministry put its losses at ...")."""
        subject = toll_owner(toll) if toll is not None else None
        if subject is None:
            return None
        if subject.lower_ in {"he", "she"}:
            return last_person_before(subject.idx, self.found)
        return actor_of(subject, self.found)

    def owner_country(self, toll: Token | None) -> str | None:
        owner = self.owner(toll)
        return owner.country if owner is not None else None

    def owner_population(self, toll: Token | None) -> Population | None:
        """A defence ministry's or an army's own losses are its soldiers'."""
        owner = self.owner(toll)
        if owner is None:
            return None
        military = owner.kind == "military" or re.search(r"\bdefen[cs]e\b|\barmy\b", owner.name, re.I)
        return "military" if military else None

    def add(self, token: Token, figure: CasualtyFigure | None) -> None:
        if figure is not None and all(c.figure.id != figure.id for c in self.counted):
            self.counted.append(_Counted(token, figure))

    def read_count(self, token: Token) -> None:
        """A figure from one number, if it counts people with a casualty outcome."""
        if not token.like_num or token.ent_type_ in NOT_COUNTS:
            return
        if token.dep_ in {"compound", "quantmod", "nummod"} and token.head.like_num:
            return  # a part of a longer number ("two" of "two hundred")
        count = read_number(number_text(token))
        if count is None:
            return
        if token.dep_ == "nummod":
            noun = token.head
            if noun.lemma_.lower() in PEOPLE or noun.lemma_.lower() in OUTCOME_NOUNS:
                self._counted_noun(token, noun, count)
            return  # the number of something else (missiles, houses, villages)
        self._bare_count(token, count)

    def _counted_noun(self, token: Token, noun: Token, count: int) -> None:
        """ "79 personnel were killed", "12 deaths", "put its losses at 77 servicemen"."""
        toll = toll_noun(token)
        kind = _outcome(noun) or self._toll_kind(token, toll, None)
        if kind is None:
            return
        owner = self.owner_country(toll)
        party = _party(self.article, self.found, noun, self.frames, owner)
        if party is None and noun.dep_ == "conj":  # "293 soldiers and three civilians": one report
            earlier = next((c for c in self.counted if c.token.head.i == noun.head.i), None)
            party = earlier.figure.party if earlier is not None else None
        after = outcome_after(noun)
        first = number_start(token)
        self.add(
            token,
            _figure(
                self.article,
                self.found,
                self.frames,
                noun,
                first.idx,
                kind,
                count,
                _qualifier(first),
                party,
                count_token=token,
                end=after[1] if after is not None and kind == after[0] else None,
                population=self._population_of(noun, toll),
                previous=self.previous_date(token),
            ),
        )

    def _toll_kind(self, token: Token, toll: Token | None, before: _Counted | None) -> FigureKind | None:
        """The kind a count in a tally stands for: its own outcome words, the tally's ("death toll",
        "the number of sailors killed or missing"), a figure just before it in the same sentence, or
        what the tally noun means by itself ("toll", "losses")."""
        if toll is None:
            return None
        own = outcome_after(token)
        if own is not None:
            return own[0]
        for child in toll.children:
            if child.dep_ in {"compound", "amod"} and child.lemma_.lower() in OUTCOME_NOUNS:
                return OUTCOME_NOUNS[child.lemma_.lower()]
            if child.dep_ == "prep" and child.lower_ == "of":
                people = next((g for g in child.children if g.dep_ == "pobj"), None)
                if people is not None and people.lemma_.lower() in PEOPLE:
                    kind = _outcome(people)
                    if kind is not None:
                        return kind
        if before is not None and before.token.sent == token.sent:
            return before.figure.kind
        context = self._context_kind(token)
        if before is None and context is None and not any(_is_casualty_cue(t) for t in token.sent):
            return None  # "the company put its losses at 300": a tally, but not of people
        return TOLL_NOUNS.get(toll.lemma_.lower()) or context

    def _context_kind(self, token: Token) -> FigureKind | None:
        """The kind of a tally named just before ("The death toll kept rising. ... gave a figure of 42")."""
        index = self.frames.index_of[token.sent.start]
        start = self.frames.sentences[max(0, index - 1)].start
        if "\n\n" in token.doc[start : token.i].text:
            start = token.sent.start
        for word in reversed(token.doc[start : token.i]):
            if word.lemma_.lower() == "toll" and word.pos_ == "NOUN":
                named = [c.lemma_.lower() for c in word.children if c.dep_ in {"compound", "amod"}]
                return next((OUTCOME_NOUNS[n] for n in named if n in OUTCOME_NOUNS), "killed")
        return None

    def _bare_count(self, token: Token, count: int) -> None:
        """A number that is not attached to a noun of people: "50 of its servicemen were killed", "71
        killed", "raised the toll to 77, to 79 and finally to 80", "The next day he said 105"."""
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        people = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if people is not None and people.lemma_.lower() not in PEOPLE:
            return  # "three of the villages"
        before = self.antecedent(token)
        toll = toll_noun(token)
        own = outcome_after(people or token)
        kind = _outcome(token) if people is not None else None
        kind = kind or (own[0] if own is not None else None) or self._toll_kind(token, toll, before)
        inherited = False
        if kind is None and before is not None and self._gives_count(token):
            kind, inherited = before.figure.kind, True
        if kind is None:
            return
        group = people or self._tally_people(toll) or token
        population: Population | None = None
        owner = self.owner_country(toll)
        if group is not token or own is not None or owner is not None or before is None:
            party = _party(self.article, self.found, group, self.frames, owner)
        else:  # a further count of the same tally: the same party as the figure it follows
            party, inherited = before.figure.party, True
        if inherited and before is not None and people is None:
            population = before.figure.population
        population = population if population not in {None, "unknown"} else self._population_of(group, toll)
        first = number_start(token)
        end = people or (own[1] if own is not None and own[0] == kind else token)
        self.add(
            token,
            _figure(
                self.article,
                self.found,
                self.frames,
                group,
                first.idx,
                kind,
                count,
                _qualifier(first),
                party,
                count_token=token,
                end=end,
                population=population,
                previous=self.previous_date(token),
            ),
        )

    @staticmethod
    def _tally_people(toll: Token | None) -> Token | None:
        """The people a tally counts: "the number of Armenian servicemen killed"."""
        for child in toll.children if toll is not None else ():
            if child.dep_ == "prep" and child.lower_ == "of":
                people = next((g for g in child.children if g.dep_ == "pobj"), None)
                if people is not None and people.lemma_.lower() in PEOPLE:
                    return people
        return None

    def _population_of(self, group: Token, toll: Token | None) -> Population | None:
        """The group's own population word, else that of whoever gives its own tally (None: unknown)."""
        population = _population(_among(group) or group)
        if population == "unknown":
            return self.owner_population(toll)
        return population

    @staticmethod
    def _gives_count(token: Token) -> bool:
        """Whether a bare number is what a reporting verb gives ("he said 105", "reported 50 dead on 13
        September and 71 a day later")."""
        verb = next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        return verb is not None and verb.lemma_.lower() in GIVING_VERBS


def extract_casualties(doc: Doc, article: Article, found: Found) -> list[CasualtyFigure]:
    """One CasualtyFigure per counted group of people with a casualty outcome, per value of a casualty
    tally ("raised the toll to 77, to 79 and finally to 80"), and a zero for a negated one ("the
    personnel was not wounded")."""
    frames = frame_index(doc, found)
    reader = _Reader(article, found, frames)
    for token in doc:
        reader.read_count(token)
    figures = reader.figures
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
