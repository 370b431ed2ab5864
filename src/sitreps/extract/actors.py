"""Actors: people, states, governments, militaries, armed groups, organisations, media and populations.

Mentions come from named entities and from noun phrases that name a collective ("the Armenian
government", "Azerbaijani armed forces", "Armenian social media"). Each is normalised to one actor:
country names through their aliases (Turkiye = Türkiye = Turkey), collectives to a canonical name
("Government of Armenia", "Armed Forces of Azerbaijan", "Ministry of Defense of Azerbaijan"), people
without their rank. Roles come from the text: titles before a name ("Azerbaijani Defense Minister
Col-Gen Zakir Hasanov"), appositions, and relative titles ("his Turkish counterpart Hulusi Akar" takes
the role of the person before him, with Turkey's country). Short mentions join the actor they refer to:
a surname alone, and "the ministry" (the last ministry named, or the ministry of the last minister).
Country names and demonyms correct the small model's labels ("Azerbaijan" tagged PERSON is the state).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitreps.extract.found import Found
from sitreps.extract.lexicons import find_role, group_nouns, media_outlets, portfolio_of, ranks
from sitreps.extract.spans import trimmed
from sitreps.geo.countries import Country, by_capital, by_code, by_demonym, by_name, fold_name
from sitreps.model import Actor, ActorKind, Article, Span, record_id
from sitreps.nlp.wordlists import checked, word_lists, word_set, word_values

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
WORDS = "actor_words.toml"  # what each list is for: see the file
# Words in an organisation's name that say what kind of actor it is (first match wins).
ORG_KINDS: tuple[tuple[ActorKind, tuple[str, ...]], ...] = tuple(
    (checked(WORDS, "org_kinds", kind, ActorKind), kind_words)
    for kind, kind_words in word_lists(WORDS, "org_kinds").items()
)
SECTORS: dict[ActorKind, str] = {
    "government": "government",
    "state": "government",
    "military": "military",
    "media": "media",
    "armed group": "rebel",
    "population": "civilian",
}
# Head nouns that make a country's demonym or name into a collective actor, with its kind.
GROUP_NOUNS: dict[str, ActorKind] = group_nouns()
# Common nouns that refer back to the last actor of a kind ("the ministry", "the army").
ANAPHORS: dict[str, ActorKind] = word_values(WORDS, "anaphors", ActorKind)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


@dataclass
class _Draft:
    name: str
    kind: ActorKind | None
    country: str | None
    role: str | None = None
    mentions: list[Span] = field(default_factory=list)


def canonical_group(kind: ActorKind, head: str, country: Country, phrase: str) -> str:
    """The canonical name of a country's collective: Government of X, Armed Forces of X, ..."""
    if kind == "government" and head == "ministry":
        portfolio = portfolio_of(phrase)
        return (
            f"Ministry of {portfolio.name} of {country.name}"
            if portfolio
            else f"Government of {country.name}"
        )
    if kind == "government":
        return f"Police of {country.name}" if head == "police" else f"Government of {country.name}"
    if kind == "military":
        return f"Armed Forces of {country.name}"
    return phrase


# ORG_KINDS' words compiled once, as whole words.
_ORG_KIND_PATTERNS = tuple(
    (kind, tuple(re.compile(rf"\b{re.escape(w)}\b") for w in words)) for kind, words in ORG_KINDS
)


def _org_kind(name: str) -> ActorKind:
    lowered = name.lower()
    for kind, patterns in _ORG_KIND_PATTERNS:
        if any(p.search(lowered) for p in patterns):
            return kind
    return "organisation"


def _country_in(text: str) -> Country | None:
    """A country named, or implied by a demonym, in a stretch of text ("Azerbaijan's", "Turkish")."""
    words = re.findall(r"[\w-]+", text.replace("’s", "").replace("'s", ""))
    for i, word in enumerate(words):
        if not word[0].isupper():  # "car", "us": ordinary words that fold like country codes
            continue
        pair = " ".join(words[i : i + 2])  # "Sri Lankan", "South Sudan"
        country = by_demonym(pair) or by_name(pair) or by_demonym(word) or by_name(word)
        if country is not None:
            return country
    return None


def _strip_rank(article: Article, span: Span) -> Span:
    """The name without a rank or honorific in front ("Col-Gen Zakir Hasanov" -> "Zakir Hasanov")."""
    lowered = span.text.lower()
    for rank in ranks():
        if lowered.startswith(rank + " ") and len(span.text) > len(rank) + 1:
            return trimmed(article, span.start + len(rank) + 1, span.end) or span
    return span


class _Actors:
    """The actors of one article as they are found, in text order."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.drafts: dict[str, _Draft] = {}
        self.people: dict[str, str] = {}  # key -> full name
        self.last: dict[ActorKind, str] = {}  # kind -> key of the last actor of that kind
        self.last_role_key: str | None = None
        self.ministers: list[tuple[int, str, str | None]] = []  # (sentence start, role, alpha-3)
        self.last_ministry: str | None = None

    def add(self, key: str, draft: _Draft, span: Span) -> _Draft:
        known = self.drafts.setdefault(key, draft)
        if known.role is None and draft.role is not None:
            known.role = draft.role
        if known.country is None and draft.country is not None:
            known.country = draft.country
        known.mentions.append(span)
        if known.kind is not None:
            self.last[known.kind] = key
        if known.kind == "person" and known.role:
            self.last_role_key = key
            if known.role.startswith("Minister of"):
                self.ministers.append((span.start, known.role, known.country))
        if known.kind == "government" and known.name.startswith("Ministry of"):
            self.last["government"] = key
            self.last_ministry = key
        return known

    def person_key(self, name: str) -> str:
        """A surname alone ("Hasanov") joins the full name mentioned before it ("Zakir Hasanov")."""
        if len(name.split()) == 1:
            for key, full in self.people.items():
                if full.split()[-1].lower() == name.lower():
                    return key
        return fold_name(name)

    # -- people -------------------------------------------------------------------------------------
    def person(self, ent: DocSpan, span: Span) -> None:
        span = _strip_rank(self.article, span)
        key = self.person_key(span.text)
        role, country = self._role_and_country(ent)
        draft = _Draft(self.people.get(key, span.text), "person", country.alpha3 if country else None, role)
        if len(span.text.split()) > 1:
            self.people.setdefault(key, span.text)
        self.add(key, draft, span)

    def _role_and_country(self, ent: DocSpan) -> tuple[str | None, Country | None]:
        window = _title_window(ent)
        doc = ent.doc
        context = doc[window[0].i : ent.start].text if window else ""
        if ent.root.dep_ == "appos":
            head_words = [t for t in ent.root.head.subtree if t.i < ent.start or t.i >= ent.end]
            context += " " + " ".join(t.text_with_ws for t in head_words)
        for c in ent.root.children:
            if c.dep_ == "appos":
                words = list(c.subtree)
                context += " " + doc[words[0].i : words[-1].i + 1].text
        role = find_role(context)
        country = _country_in(context)
        if role is None and re.search(r"\bcounterpart\b", context, re.IGNORECASE) and self.last_role_key:
            role = self.drafts[self.last_role_key].role
        return role, country

    # -- collectives --------------------------------------------------------------------------------
    def group(self, country: Country, start: int, end: int, head: Token, kind: ActorKind) -> None:
        span = trimmed(self.article, start, end)
        if span is None:
            return
        phrase = _LEADING_THE.sub("", span.text)
        name = canonical_group(kind, head.lemma_.lower(), country, phrase)
        self.add(fold_name(name), _Draft(name, kind, country.alpha3), span)

    def collective(self, head: Token) -> None:
        """An unnamed group by its own words ("gunmen", "striking miners"), one actor per phrase."""
        words = [c for c in head.lefts if c.dep_ in {"amod", "compound"}] + [head]
        span = trimmed(self.article, words[0].idx, head.idx + len(head.text))
        if span is None:
            return
        kind = GROUP_NOUNS[head.lemma_.lower()]
        name = span.text[0].upper() + span.text[1:]
        self.add(fold_name(name), _Draft(name, kind, None), span)

    def organisation(self, span: Span, owner: Country | None = None) -> None:
        text = _LEADING_THE.sub("", span.text)
        kind: ActorKind = "media" if fold_name(text) in media_outlets() else _org_kind(text)
        country = _country_in(text) or owner
        name = text
        if kind == "government" and re.search(r"\bministry\b", text, re.IGNORECASE) and country is not None:
            name = canonical_group("government", "ministry", country, text)
        draft = _Draft(name, kind, country.alpha3 if country else None)
        self.add(fold_name(name), draft, span)

    def anaphor(self, token: Token) -> None:
        """A common noun that refers back ("the ministry") joins the actor it names."""
        kind = ANAPHORS[token.lower_]
        key = self.last_ministry if token.lower_ == "ministry" else self.last.get(kind)
        if key is None and token.lower_ == "ministry" and self.ministers:
            # "the ministry" before any ministry is named: the ministry of the first minister mentioned in
            # this sentence (its subject, usually), else of the last one mentioned before it.
            here = [m for m in self.ministers if m[0] >= token.sent.start_char]
            _, role, alpha3 = here[0] if here else self.ministers[-1]
            portfolio = portfolio_of(role)
            country = by_code(alpha3) if alpha3 else None
            if portfolio is not None and country is not None:
                name = f"Ministry of {portfolio.name} of {country.name}"
                key = fold_name(name)
                self.drafts.setdefault(key, _Draft(name, "government", country.alpha3))
        if key is None and token.lower_ in {"ministry", "government"}:
            # "citing the ministry" with no ministry named before: an actor the text leaves unnamed.
            name = token.lower_.capitalize()
            key = fold_name(f"unnamed {name}")
            self.drafts.setdefault(key, _Draft(name, kind, None))
        if key is None:
            return
        start = token.left_edge.idx if token.left_edge.lower_ == "the" else token.idx
        span = trimmed(self.article, start, token.idx + len(token.text))
        if span is not None:
            self.add(key, self.drafts[key], span)

    def actors(self) -> list[Actor]:
        out = []
        for key, d in self.drafts.items():
            mentions = sorted(set(d.mentions), key=lambda s: (s.start, s.end))
            aliases = sorted({m.text for m in mentions} - {d.name})
            out.append(
                Actor(
                    id=record_id("ac", self.article.id, key),
                    name=d.name,
                    kind=d.kind,
                    country=d.country,
                    sector=SECTORS.get(d.kind) if d.kind else None,
                    role=d.role,
                    aliases=aliases,
                    mentions=mentions,
                )
            )
        return out


COLLECTIVE_KINDS = {"armed group", "population"}
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"}


def _is_collective(token: Token, entity_tokens: set[int]) -> bool:
    """ "Gunmen abducted ...", "Students protested ...": a plural group noun that acts, named by no entity
    and no demonym (those make the actor themselves)."""
    if (
        token.pos_ != "NOUN"
        or token.tag_ != "NNS"
        or token.i in entity_tokens
        or token.dep_ not in ARGUMENT_DEPS
    ):
        return False
    if GROUP_NOUNS.get(token.lemma_.lower()) not in COLLECTIVE_KINDS:
        return False
    return not any(
        c.i in entity_tokens or by_demonym(c.text) for c in token.children if c.dep_ in {"amod", "compound"}
    )


def _title_window(ent: DocSpan) -> list[Token]:
    """The words right before a name that may hold a title ("Azerbaijani Defense Minister")."""
    words: list[Token] = []
    i = ent.start - 1
    while i >= 0 and len(words) < 6:
        token = ent.doc[i]
        if (
            (token.is_punct and token.text != "-")  # "Secretary-General" is one title
            or token.pos_ in {"VERB", "AUX", "ADP", "CCONJ", "SCONJ"}
            or token.lower_ in {"a", "an"}
        ):
            break
        words.insert(0, token)
        i -= 1
    return words


def _group(ent: DocSpan) -> tuple[int, int, Token, ActorKind] | None:
    """A demonym or country name that modifies a group noun, as (start, end, head, kind) of the phrase."""
    head = ent.root.head
    if ent.root.dep_ not in {"amod", "compound", "poss", "nmod"} or head.i < ent.end:
        return None
    kind = GROUP_NOUNS.get(head.lemma_.lower()) or GROUP_NOUNS.get(head.lower_)
    if kind is None:
        return None
    return ent.start_char, head.idx + len(head.text), head, kind


def extract_actors(doc: Doc, article: Article, found: Found) -> list[Actor]:
    """Actors from named entities, collectives, back-references and the outlet, with every mention."""
    # spaCy is loaded by then (the Doc is its); imported here so that importing extract/ does not load it
    from spacy.tokens import Span as DocSpan
    from spacy.tokens import Token

    actors = _Actors(article)
    entity_tokens = {t.i for ent in doc.ents for t in ent}
    anaphors = {
        t.i: t
        for t in doc
        if t.lower_ in ANAPHORS
        and t.pos_ == "NOUN"
        and t.i not in entity_tokens
        and not any(
            c.dep_ in {"amod", "compound"} and (_country_in(c.text) or c.ent_type_) for c in t.children
        )
    }
    items: list[tuple[int, DocSpan | Token]] = [(e.start, e) for e in doc.ents if e.label_ in ACTOR_LABELS]
    items += list(anaphors.items())
    # Demonyms the model did not tag ("Ukrainian drones" when a gazetteer rule took the tagging over).
    items += [
        (t.i, DocSpan(doc, t.i, t.i + 1, label="NORP"))
        for t in doc
        if t.i not in entity_tokens and t.text[:1].isupper() and by_demonym(t.text) is not None
    ]
    # Capitals the model did not tag, acting as their government ("Kyiv refuted ...").
    items += [
        (t.i, DocSpan(doc, t.i, t.i + 1, label="GPE"))
        for t in doc
        if t.i not in entity_tokens and t.text[:1].isupper() and by_capital(t.text) is not None and _acts(t)
    ]
    for _, item in sorted(items, key=lambda x: x[0]):
        if isinstance(item, Token):
            actors.anaphor(item)
        else:
            _entity(actors, item, article)
    for token in doc:
        if _is_collective(token, entity_tokens):
            actors.collective(token)
    if article.outlet:
        key = fold_name(article.outlet)
        outlet = actors.drafts.setdefault(key, _Draft(article.outlet, "media", None))
        outlet.kind = "media"
        for m in re.finditer(rf"\b{re.escape(article.outlet)}\b", article.text):
            span = Span.of(article, m.start(), m.end())
            if span not in outlet.mentions:
                outlet.mentions.append(span)
    return actors.actors()


ACTING_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
ACTING_PREPS = word_set(WORDS, "acting_preps")


def _acts(token: Token) -> bool:
    """Whether a place name is used as a participant (subject, possessor, "by"/"between" object)."""
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    if token.dep_ in ACTING_DEPS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in ACTING_PREPS


def _entity(actors: _Actors, ent: DocSpan, article: Article) -> None:
    country = by_demonym(ent.text) or by_name(_LEADING_THE.sub("", ent.text))
    group = _group(ent) if country is not None and ent.label_ in {"NORP", "GPE", "ORG", "PERSON"} else None
    if group is not None and country is not None:
        actors.group(country, *group)
        return
    span = trimmed(article, ent.start_char, ent.end_char)
    if span is None:
        return
    text = _LEADING_THE.sub("", span.text)
    capital_of = by_capital(text)
    if capital_of is not None and _acts(ent.root):
        # "Moscow dismissed the claim", "between Baku and Yerevan": the capital stands for the government.
        name = f"Government of {capital_of.name}"
        actors.add(fold_name(name), _Draft(name, "government", capital_of.alpha3), span)
        return
    is_surname = len(text.split()) == 1 and actors.person_key(text) in actors.people
    if (ent.label_ == "PERSON" and by_name(text) is None) or is_surname:
        if by_demonym(text) is None:
            actors.person(ent, span)
        return
    if by_name(text) is not None:
        state = by_name(text)
        assert state is not None
        actors.add(fold_name(state.name), _Draft(state.name, "state", state.alpha3), span)
        return
    demonym = by_demonym(text)
    if demonym is not None:
        if ent.root.dep_ not in {"amod", "compound"}:  # "the Armenians": a population, not an adjective
            actors.add(fold_name(text), _Draft(text, "population", demonym.alpha3), span)
        return
    if ent.label_ == "ORG":
        actors.organisation(span, _possessor_country(ent))


def _possessor_country(ent: DocSpan) -> Country | None:
    """ "Armenia's Defence Ministry": the country in the possessive right before an organisation."""
    doc = ent.doc
    if ent.start >= 2 and doc[ent.start - 1].lower_ in {"'s", "’s"}:
        owner = doc[ent.start - 2]
        return by_name(owner.text) if owner.text[:1].isupper() else None
    return None
