"""Events: who did what to whom, when and where, found from the ontology's trigger lexicon.

A verb or noun whose lemma (or lemma + particle: "stands by") is in ``ontology/triggers.tsv`` is a
trigger. actor1 comes from the subject, a passive or nominal "by" agent, a possessive ("Armenia's
provocations") or the subject of a light verb ("Units ... carried out provocations"); actor2 from the
object or a prepositional object; for consultations the other party ("X and Y discussed", "talks with Y")
and never the topic. A demand frame ("X stressed that Y must sign") is a REQUEST from X to Y. Negation,
modality and habitual adverbs set the flags. Time and places come from the clause when it has them;
otherwise an event continues the account around it (a later mention of the same consultation, a
"clashes ensued" after a dated attack, "Cavusoglu made the remarks in Los Angeles") and takes its time,
places and parties from there. "The sides" are the two parties of the latest such account.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, field
from typing import TYPE_CHECKING

from sitreps.classify import classify_many, label_table
from sitreps.extract.found import Found
from sitreps.extract.reference import actor_of
from sitreps.extract.spans import of_doc_span, of_token
from sitreps.extract.trigger_gates import GATES, HEAVY_WEAPONS, SUBJECT_DEPS, is_gunfire, pobj
from sitreps.geo.countries import by_demonym
from sitreps.model import Actor, Article, Event, Place, TimeRef, record_id
from sitreps.nlp.wordlists import word_groups, word_set
from sitreps.ontology import Trigger, acled_allows, acled_types_for, triggers

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

WORDS = "event_words.toml"  # what each list is for: see the file
MODALS = word_set(WORDS, "modals")
DEMAND_MODALS = word_set(WORDS, "demand_modals")
HABITUAL = word_set(WORDS, "habitual")
SPEECH_VERBS = word_set(WORDS, "speech_verbs")
LIGHT_VERBS = word_set(WORDS, "light_verbs")
OBJECT_PREPS = word_set(WORDS, "object_preps")
# "stands by X" supports X; "fighting with X" is against X.
EXTRA_OBJECT_PREPS = word_groups(WORDS, "extra_object_preps")
# Outcome verbs: in the passive with no agent they report casualties of an event told before.
OUTCOME_LEMMAS = word_set(WORDS, "outcome_lemmas")
# Wars and invasions frame an account ("the worst fighting since the 2020 war"); they neither continue
# the events around them nor lend them their time.
BACKGROUND = word_set(WORDS, "background")
# Event types that are material acts (they continue one another in an account) and verbal ones.
MATERIAL = {"ASSAULT", "COERCE", "MOBILIZE", "SEIZE", "RETREAT", "AID"}
VERBAL = {"SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE", "CONCEDE"}
PARTY_WORDS = word_set(WORDS, "party_words")
MEETING_VERBS = word_set(WORDS, "meeting_verbs")
# Where "X and Y" both act on each other, the second of a conjoined subject is actor2.
SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}
MUTUAL_VIOLENCE = word_set(WORDS, "mutual_violence")
REMARK_NOUNS = word_set(WORDS, "remark_nouns")


def trigger_for(token: Token) -> Trigger | None:
    """The lexicon entry for a token, by lemma (with its particle) and coarse part of speech."""
    pos = "VERB" if token.pos_ in {"VERB", "AUX"} else "NOUN" if token.pos_ in {"NOUN", "PROPN"} else None
    if pos is None:
        return None
    table = triggers()
    lemma = token.lemma_.lower()
    if pos == "VERB":
        for child in token.children:
            if child.dep_ not in {"prep", "prt", "dobj"}:
                continue
            for word in (child.lower_, child.lemma_.lower()):
                if entry := table.get((f"{lemma} {word}", pos)):
                    gate = GATES.get((entry.lemma, entry.pos))
                    return entry if gate is None or gate(token) else None
        # "took up positions": verb, particle and object.
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
        objects = [c.lemma_.lower() for c in token.children if c.dep_ == "dobj"]
        for obj in objects if particle else []:
            if entry := table.get((f"{lemma} {particle} {obj}", pos)):
                return entry
        # "opened/returned/exchanged fire": the gunfire noun is the trigger, not its verb.
        if any(c.dep_ == "dobj" and is_gunfire(c) for c in token.children):
            return None
    entry = table.get((lemma, pos)) or table.get((token.lower_, pos))
    if entry is None:
        return None
    gate = GATES.get((entry.lemma, entry.pos))
    if gate is not None and not gate(token):
        return None
    return _by_object(token, entry)


# Withdrawing a bill is a concession, withdrawing troops a retreat; declaring a truce alone de-escalates.
POLICY_OBJECTS = word_set(WORDS, "policy_objects")
UNILATERAL_VERBS = word_set(WORDS, "unilateral_verbs")


def _by_object(token: Token, entry: Trigger) -> Trigger:
    """The entry as its object or governing verb refines it."""
    if entry.plover == "RETREAT" and entry.lemma in {"withdraw", "pull out", "withdrawal"}:
        objects = {c.lemma_.lower() for c in token.children if c.dep_ in {"dobj", "pobj"}}
        objects |= {g.lemma_.lower() for c in token.children if c.dep_ == "prep" for g in c.children}
        if objects & POLICY_OBJECTS:
            return Trigger(entry.lemma, entry.pos, "CONCEDE", None, "08", None, None)
    if (
        entry.plover == "AGREE"
        and entry.lemma in {"ceasefire", "truce"}
        and token.head.lemma_.lower() in UNILATERAL_VERBS
    ):
        return Trigger(entry.lemma, entry.pos, "RETREAT", "ceasefire", "08", None, None)
    if entry.lemma == "fire" and entry.pos == "NOUN":  # "artillery fire" is shelling
        lefts = [c for c in token.lefts if c.dep_ in {"amod", "compound"}]
        modifiers = {w.lemma_.lower() for c in lefts for w in c.subtree}
        if modifiers & HEAVY_WEAPONS and (shelling := triggers().get(("shelling", "NOUN"))) is not None:
            return Trigger(entry.lemma, entry.pos, *astuple(shelling)[2:])
    return entry


@dataclass
class _Args:
    actor1: Actor | None = None
    actor2: Actor | None = None
    associated: list[Actor] = field(default_factory=list)
    parties: bool = False  # "the sides": resolved from the account around the event


PRONOUN_KINDS = word_groups(WORDS, "pronoun_kinds")


def _subject_actor(subject: Token, found: Found) -> Actor | None:
    """The actor of a subject; a pronoun ("it", "they", "he") is the last fitting actor named before it."""
    kinds = PRONOUN_KINDS.get(subject.lower_)
    if kinds is None:
        return actor_of(subject, found)
    best: tuple[int, Actor] | None = None
    for actor in found.actors:
        if actor.kind not in kinds:
            continue
        for m in actor.mentions:
            if m.end <= subject.idx and (best is None or m.start > best[0]):
                best = (m.start, actor)
    return best[1] if best else None


def _inherited_subject(verb: Token, found: Found) -> Actor | None:
    """A verb with no subject of its own shares its governor's: "Libya has offered to hand over ..."
    (xcomp), "troops entered the town and shelled ..." (conj)."""
    current = verb
    for _ in range(3):
        if current.dep_ not in {"xcomp", "conj", "advcl"} or current.head == current:
            return None
        current = current.head
        subject = next((c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None:
            return _subject_actor(subject, found)
    return None


ACCUSING_VERBS = word_set(WORDS, "accusing_verbs")


def _accused(token: Token, found: Found) -> Actor | None:
    """ "accused Azerbaijan of shelling ...": the accused is who, by the claim, did the act."""
    prep = token.head
    if token.dep_ not in {"pcomp", "pobj"} or prep.lower_ not in {"of", "for"}:
        return None
    verb = prep.head
    if verb.lemma_.lower() not in ACCUSING_VERBS:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return actor_of(obj, found) if obj is not None else None


def _nominal_owner(token: Token, found: Found) -> Actor | None:
    """ "a Ukrainian missile strike", "Israeli strikes": the country or actor named inside the noun phrase
    before a nominal trigger is who acted."""
    for left in token.lefts:
        if left.dep_ not in {"amod", "compound", "nmod"}:
            continue
        for word in left.subtree:
            actor = next(
                (a for a in found.actors if any(m.start <= word.idx < m.end for m in a.mentions)), None
            )
            if actor is not None:
                return actor
            country = by_demonym(word.text) if word.text[:1].isupper() else None
            if country is not None and found.article is not None:
                return found.state_actor(country.alpha3, found.article, of_token(found.article, word))
    return None


def _nominal_agent(token: Token, found: Found) -> Actor | None:
    """The "by X" agent of a nominal trigger, where the parser hung it anywhere in the noun phrase."""
    for t in token.subtree:
        if t.lower_ == "by" and t.dep_ in {"prep", "agent"} and (obj := pobj(t)) is not None:
            if any(
                a.dep_ in {"relcl", "ccomp"} for a in t.ancestors if a.i != token.i and token in a.ancestors
            ):
                continue
            if (actor := actor_of(obj, found)) is not None:
                return actor
    return None


def _arguments(token: Token, trigger: Trigger, found: Found) -> _Args:
    args = _Args()
    consult = trigger.plover == "CONSULT"
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ == "nsubjpass" and trigger.lemma in OUTCOME_LEMMAS:  # "civilians were killed"
            args.actor2 = actor_of(child, found)
        elif child.dep_ in SUBJECT_DEPS and args.actor1 is None:
            if child.lower_ in PARTY_WORDS:
                args.parties = True
                continue
            args.actor1 = _subject_actor(child, found)
            args.associated += [a for c in child.conjuncts if (a := actor_of(c, found)) is not None]
        elif child.dep_ == "agent" and (obj := pobj(child)) is not None:
            args.actor1 = actor_of(obj, found) or args.actor1
        elif child.dep_ == "dobj" and args.actor2 is None and (not consult or lemma in MEETING_VERBS):
            # "met X" names the other party; "discussed X" only the topic. "rejected the remarks made by X"
            # is aimed at X.
            args.actor2 = actor_of(child, found) or _nominal_agent(child, found)
        elif child.dep_ == "prep" and args.actor2 is None and (obj := pobj(child)) is not None:
            wanted = {"with"} if consult else OBJECT_PREPS | EXTRA_OBJECT_PREPS.get(trigger.plover, set())
            if child.lower_ in wanted:
                args.actor2 = actor_of(obj, found)
            elif child.lower_ == "between" and obj.lower_ in PARTY_WORDS:
                args.parties = True
            elif child.lower_ == "between" and args.actor1 is None:  # "fighting between X and Y"
                args.actor1 = actor_of(obj, found)
                args.associated += [a for c in obj.conjuncts if (a := actor_of(c, found)) is not None]
        elif child.dep_ == "poss" and args.actor1 is None:
            args.actor1 = actor_of(child, found)
    if args.actor1 is None and token.pos_ in {"VERB", "AUX"}:
        args.actor1 = _inherited_subject(token, found)
    if args.actor1 is None:
        args.actor1 = _accused(token, found)
    if token.pos_ in {"NOUN", "PROPN"}:
        args.actor1 = args.actor1 or _nominal_agent(token, found) or _nominal_owner(token, found)
        head = token.head
        if token.dep_ == "dobj" and head.lemma_.lower() in LIGHT_VERBS and args.actor1 is None:
            subject = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
            if subject is not None:
                args.actor1 = actor_of(subject, found)
                args.associated += [a for c in subject.conjuncts if (a := actor_of(c, found)) is not None]
    if trigger.lemma == "fire" and is_gunfire(token):
        _gunfire_parties(token, args, found)
    mutual = trigger.plover in SYMMETRIC or trigger.lemma in MUTUAL_VIOLENCE
    if mutual and args.actor2 is None and args.associated:
        args.actor2, args.associated = args.associated[0], args.associated[1:]
    args.associated = [
        a for a in {a.id: a for a in args.associated}.values() if a not in (args.actor1, args.actor2)
    ]
    return args


def _gunfire_parties(token: Token, args: _Args, found: Found) -> None:
    """ "X opened fire on Y": X fires at Y (the verb holds both); "Y came under fire from X": Y is the
    target."""
    under = token.dep_ == "pobj" and token.head.lower_ == "under"
    verb = token.head.head if under else token.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    preps = [c for c in (*token.children, *verb.children) if c.dep_ == "prep" and pobj(c)]
    if under:
        args.actor2 = args.actor2 or (_subject_actor(subject, found) if subject is not None else None)
        source = next((pobj(p) for p in preps if p.lower_ == "from"), None)
        if source is not None and (actor := actor_of(source, found)) is not None:
            args.actor1 = actor
        return
    if token.dep_ != "dobj":
        return
    if args.actor1 is None and subject is not None:
        args.actor1 = _subject_actor(subject, found)
    if args.actor2 is None:
        target = next((pobj(p) for p in preps if p.lower_ in OBJECT_PREPS), None)
        args.actor2 = actor_of(target, found) if target is not None else None


def _flags(token: Token) -> tuple[bool, bool, bool]:
    """(negated, hypothetical, habitual) from the trigger's own dependents and its verb head."""
    scope = [token, *([token.head] if token.dep_ in {"xcomp", "dobj", "pobj", "nsubj"} else [])]
    children = [c for t in scope for c in t.children]
    negated = any(c.dep_ == "neg" for c in children)
    hypothetical = any(c.dep_ in {"aux", "auxpass"} and c.lower_ in MODALS for c in children)
    habitual = any(c.dep_ == "advmod" and c.lower_ in HABITUAL for c in children)
    # "almost every night", "each week": a recurring time is a habit, not a date.
    habitual = habitual or any(
        c.dep_ in {"npadvmod", "advmod", "prep"} and any(g.lower_ in {"every", "each"} for g in c.subtree)
        for c in children
    )
    # "will strike ... if": a condition makes the event hypothetical.
    hypothetical = hypothetical or any(
        c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in {"if", "unless"} for g in c.children)
        for c in children
    )
    return negated, hypothetical, habitual


def _attached_time(token: Token, found: Found) -> TimeRef | None:
    """A time mention inside the trigger's clause (its subtree, or its light verb's)."""
    owner = token
    if token.pos_ == "NOUN" and token.dep_ in {"dobj", "nsubj", "nsubjpass"}:
        owner = token.head
    elif token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.head.pos_ == "VERB":
        owner = token.head.head  # "were killed in a shootout ... on Sunday": the verb's time is the event's
    words = list(owner.subtree)
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    inside = [
        t
        for t in found.times
        if start <= t.mention.start and t.mention.end <= end and not _after_since(t, token)
    ]
    # A time inside a nested clause belongs to that clause's own event.
    nested = [
        c
        for c in owner.subtree
        if c.dep_ in {"relcl", "ccomp", "advcl"} and c != token and c != owner and token not in c.subtree
    ]
    for clause in nested:
        sub = list(clause.subtree)
        inside = [t for t in inside if not (sub[0].idx <= t.mention.start < sub[-1].idx + len(sub[-1].text))]
    return min(inside, key=lambda t: abs(t.mention.start - token.idx)) if inside else None


def _after_since(time: TimeRef, token: Token) -> bool:
    """ "the worst flare-up since the 2020 war": a time after "since" is a point of comparison, not when
    the event happened; unless the event is the one named after "since" (the war, dated 2020)."""
    span = token.doc.char_span(time.mention.start, time.mention.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    for _ in range(3):
        if head.lower_ == "since" and head.dep_ == "prep":
            return token not in head.subtree
        if head.head is head:
            break
        head = head.head
    return False


# A place named as a participant ("Armenia must sign", "talks with Russia") is not where the event happened.
PARTICIPANT_DEPS = {"nsubj", "nsubjpass", "dobj", "poss", "agent", "dative"}
PARTICIPANT_PREPS = word_set(WORDS, "participant_preps")


def _is_location(place: Place, doc: Doc) -> bool:
    span = doc.char_span(place.mention.start, place.mention.end, alignment_mode="expand")
    if span is None or place.metonymic:
        return False
    root = span.root
    if root.dep_ in PARTICIPANT_DEPS:
        return False
    return not (root.dep_ == "pobj" and root.head.lower_ in PARTICIPANT_PREPS)


def _places_in(token: Token, found: Found) -> list[Place]:
    sentence = token.sent
    return [
        p
        for p in found.places
        if sentence.start_char <= p.mention.start < sentence.end_char and _is_location(p, token.doc)
    ]


@dataclass
class _Draft:
    token: Token
    trigger: Trigger
    args: _Args
    negated: bool
    hypothetical: bool
    habitual: bool
    time: TimeRef | None
    places: list[Place]
    sentence_index: int
    plover: str = ""
    speaker: Actor | None = None


def _speaker(token: Token, found: Found) -> Actor | None:
    """The person or body whose reported words contain this trigger ("Akar emphasized that ...")."""
    for ancestor in token.ancestors:
        if ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in SPEECH_VERBS:
            subject = next((c for c in ancestor.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return actor_of(subject, found)
    return None


def _demand(token: Token, found: Found) -> tuple[Token, Actor | None, Actor | None] | None:
    """ "X stressed that Y must V": the speech verb, X and Y, when token is V under a demand modal."""
    if token.pos_ != "VERB" or token.dep_ != "ccomp":
        return None
    modal = any(c.dep_ in {"aux", "auxpass"} and c.lower_ in DEMAND_MODALS for c in token.children)
    if not modal or token.head.lemma_.lower() not in SPEECH_VERBS:
        return None
    speech = token.head
    subject = next((c for c in speech.children if c.dep_ == "nsubj"), None)
    target = next((c for c in token.children if c.dep_ == "nsubj"), None)
    return (
        speech,
        actor_of(subject, found) if subject is not None else None,
        actor_of(target, found) if target is not None else None,
    )


def _is_outcome_report(token: Token, found: Found, drafts: list[_Draft], index: int) -> bool:
    """ "79 personnel were killed": a casualty report of an event told before, not a new event. A passive
    killing at a named place with no attack in its sentence or the two before ("272 civilians had been
    killed in Kishishe") is the report of a new attack."""
    if token.lemma_.lower() not in OUTCOME_LEMMAS:
        return False
    passive = any(c.dep_ == "auxpass" for c in token.children)
    has_agent = any(c.dep_ == "agent" for c in token.children)
    if token.lemma_.lower() == "die" or not passive or has_agent:
        return token.lemma_.lower() == "die"
    if token.lemma_.lower() != "kill" or not _own_place(token, found):
        return True
    if any(d.plover == "ASSAULT" and index - d.sentence_index <= 2 for d in drafts):
        return True
    others = (trigger_for(t) for t in token.sent if t.i != token.i)
    return any(entry is not None and entry.plover == "ASSAULT" for entry in others)


def _own_place(token: Token, found: Found) -> bool:
    """Whether the verb names where it happened ("killed in Kishishe")."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"in", "at", "near"}):
        obj = pobj(prep)
        if obj is not None and any(p.mention.start <= obj.idx < p.mention.end for p in found.places):
            return True
    return False


def _continue_accounts(drafts: list[_Draft], found: Found) -> None:
    """Events that continue an account take its time, places and parties (see the module docstring)."""
    for i, d in enumerate(drafts):
        if d.habitual or d.hypothetical or d.trigger.lemma in BACKGROUND:
            continue
        before = [
            p
            for p in drafts[:i]
            if d.sentence_index - p.sentence_index <= 3
            and not p.habitual
            and not p.hypothetical
            and p.trigger.lemma not in BACKGROUND
        ]
        after = [
            p
            for p in drafts[i + 1 :]
            if p.sentence_index - d.sentence_index <= 3 and p.trigger.lemma not in BACKGROUND
        ]
        # A visit continues a visit, a call a call ("The trip ..." after a phone call is another event).
        same = [
            p
            for p in [*reversed(before), *after]
            if p.plover == d.plover and (d.trigger.mode is None or p.trigger.mode in {d.trigger.mode, None})
        ]
        if d.plover == "CONSULT":
            for other in same:
                d.time = d.time or other.time
                if d.args.actor1 is None and not d.args.parties:
                    d.args.actor1, d.args.actor2 = other.args.actor1, other.args.actor2
        if d.plover in MATERIAL:
            previous = [
                p
                for p in reversed(before)
                if p.plover in MATERIAL and p.time is not None and d.sentence_index - p.sentence_index <= 2
            ]
            if previous and d.time is None:
                d.time = previous[0].time
                d.places = d.places or previous[0].places
        if d.args.parties:
            _resolve_parties(d, before, found)
        if d.plover in VERBAL and d.time is None and d.speaker is not None:
            meeting = next(
                (
                    p
                    for p in reversed(before)
                    if p.plover == "CONSULT"
                    and p.time is not None
                    and d.speaker in (p.args.actor1, p.args.actor2)
                ),
                None,
            )
            if meeting is not None:
                d.time = meeting.time


def _resolve_parties(d: _Draft, before: list[_Draft], found: Found) -> None:
    """ "The sides": the latest two-party account (a consultation's parties, or an attack and its answer)."""
    for p in reversed(before):
        if p.args.actor1 is not None and p.args.actor2 is not None and p.plover == d.plover:
            d.args.actor1, d.args.actor2 = p.args.actor1, p.args.actor2
            return
    if d.plover not in MATERIAL:
        return
    initiator = next(
        (p.args.actor1 for p in reversed(before) if p.plover == d.plover and p.args.actor1), None
    )
    initiator = initiator or next(
        (p.args.actor1 for p in reversed(before) if p.plover in MATERIAL and p.args.actor1), None
    )
    if initiator is None:
        return
    sentence = d.token.sent
    here = [
        a
        for a in found.actors
        if a.kind in {"state", "military", "government", "armed group"}
        and a.country != initiator.country
        and any(sentence.start_char <= m.start < sentence.end_char for m in a.mentions)
    ]
    d.args.actor1, d.args.actor2 = initiator, here[0] if here else None


def _remark_places(doc: Doc, drafts: list[_Draft], found: Found) -> None:
    """ "X made the remarks at a meeting in Los Angeles": X's statements just before happened there."""
    sentences = list(doc.sents)
    for index, sentence in enumerate(sentences):
        remark = next((t for t in sentence if t.dep_ == "dobj" and t.lemma_.lower() in REMARK_NOUNS), None)
        if remark is None:
            continue
        subject = next((c for c in remark.head.children if c.dep_ == "nsubj"), None)
        speaker = actor_of(subject, found) if subject is not None else None
        places = [
            p
            for p in found.places
            if sentence.start_char <= p.mention.start < sentence.end_char and _is_location(p, doc)
        ]
        if speaker is None or not places:
            continue
        for d in drafts:
            if 0 < index - d.sentence_index <= 2 and speaker in (d.speaker, d.args.actor1) and not d.places:
                d.places = places


# The classifier's reading of the sentence replaces the lexicon's ACLED type when it is at least this sure;
# where the lexicon gives none, a weaker reading (above CLASSIFIER_FLOOR) is still better than nothing.
CLASSIFIER_OVERRIDES = 0.5
CLASSIFIER_FLOOR = 0.2


def _acled_types(drafts: list[_Draft]) -> dict[int, tuple[str | None, str | None]]:
    """ACLED event and sub-event type per event: the lexicon's, refined by the event-type classifier's
    reading of the sentence where the PLOVER type allows that ACLED type (``acled_by_plover.tsv``)."""
    out = {id(d): (d.trigger.acled_event_type, d.trigger.acled_sub_event_type) for d in drafts}
    wanted = [d for d in drafts if d.plover in acled_types_for()]
    if not wanted:
        return out
    sentences = sorted({d.token.sent.text for d in wanted})
    readings = dict(zip(sentences, classify_many(sentences), strict=True))
    table = {info.label: info for info in label_table()}
    for d in wanted:
        prediction = readings[d.token.sent.text]
        info = table.get(prediction.label)
        if info is None or not acled_allows(d.plover, info.acled_event_type, info.acled_sub_event_type):
            continue
        has_own = d.trigger.acled_sub_event_type is not None
        if prediction.probability >= (CLASSIFIER_OVERRIDES if has_own else CLASSIFIER_FLOOR):
            out[id(d)] = (info.acled_event_type, info.acled_sub_event_type)
    return out


def extract_events(doc: Doc, article: Article, found: Found) -> list[Event]:
    """One Event per trigger (and per demand frame), with actors, flags, time and places."""
    # The sentence index of every token, in one pass (token.sent builds a new Span on each call).
    sentence_index = [i for i, s in enumerate(doc.sents) for _ in range(s.start, s.end)]
    drafts: list[_Draft] = []
    for token in doc:
        index = sentence_index[token.i]
        demand = _demand(token, found)
        if demand is not None:
            speech, speaker, target = demand
            args = _Args(actor1=speaker, actor2=target)
            request = Trigger("demand", "VERB", "REQUEST", None, "10", None, None)
            drafts.append(
                _Draft(
                    speech,
                    request,
                    args,
                    False,
                    False,
                    False,
                    _attached_time(speech, found),
                    _places_in(speech, found),
                    index,
                    "REQUEST",
                    speaker,
                )
            )
        trigger = trigger_for(token)
        if trigger is None or _is_outcome_report(token, found, drafts, index):
            continue
        negated, hypothetical, habitual = _flags(token)
        args = _arguments(token, trigger, found)
        speaker = _speaker(token, found)
        if (
            speaker is not None
            and args.actor1 is not None
            and speaker != args.actor1
            and speaker.kind == "person"
            and speaker.country == args.actor1.country
            and args.actor1.kind != "person"
        ):
            args.associated.append(speaker)  # the person who voices a state's stance acts with it
        drafts.append(
            _Draft(
                token,
                trigger,
                args,
                negated,
                hypothetical,
                habitual,
                None if habitual else _attached_time(token, found),
                _places_in(token, found),
                index,
                trigger.plover,
                speaker,
            )
        )
    _continue_accounts(drafts, found)
    _remark_places(doc, drafts, found)
    acled = _acled_types(drafts)
    events = []
    for d in drafts:
        sentence = of_doc_span(article, d.token.sent)
        if sentence is None:
            continue
        t = d.trigger
        events.append(
            Event(
                id=record_id("ev", article.id, d.token.idx, d.plover),
                plover=d.plover,
                mode=t.mode,
                acled_event_type=acled[id(d)][0],
                acled_sub_event_type=acled[id(d)][1],
                cameo_root=t.cameo_root,
                actor1=d.args.actor1.id if d.args.actor1 else None,
                actor2=d.args.actor2.id if d.args.actor2 else None,
                associated=[a.id for a in d.args.associated],
                time=None if d.habitual or d.time is None else d.time.id,
                places=[p.id for p in d.places],
                habitual=d.habitual,
                negated=d.negated,
                hypothetical=d.hypothetical,
                trigger=of_token(article, d.token),
                sentence=sentence,
                confidence=0.5,
            )
        )
    return events
