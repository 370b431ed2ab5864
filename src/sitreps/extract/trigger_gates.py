"""Gates: triggers that are events only in some contexts ("fire" is gunfire or a blaze, "war" a war or a
price war, "session" a Security Council session or a court's). Each gate takes the trigger token and says
whether this use is the event the lexicon means; GATES maps (lemma, part of speech) to its gate.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sitreps.geo.countries import by_demonym
from sitreps.nlp.wordlists import word_set

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECT_DEPS = {"nsubj", "nsubjpass"}

WORDS = "gate_words.toml"  # what each list is for: see the file
WEAPON_WORDS = word_set(WORDS, "weapon_words")
HEAVY_WEAPONS = word_set(WORDS, "heavy_weapons")
# What comes under fire, or what is fired on, when the fire is gunfire.
FIRE_TARGETS = word_set(WORDS, "fire_targets")
AIM_PREPS = word_set(WORDS, "aim_preps")
# Fire aimed at a target, or from or in the direction of one ("fire from the positions").
AIMED_PREPS = AIM_PREPS | {"in", "from"}
GUNFIRE_VERBS = word_set(WORDS, "gunfire_verbs")
CRITICS = word_set(WORDS, "critics")


def _weapon_or_side(token: Token) -> bool:
    """ "artillery fire", "Armenian fire": a weapon or a country's forces named before the noun."""
    for left in token.lefts:
        if left.dep_ not in {"amod", "compound", "nmod"}:
            continue
        for word in left.subtree:
            if word.lemma_.lower() in WEAPON_WORDS or (word.text[:1].isupper() and by_demonym(word.text)):
                return True
    return False


def is_gunfire(token: Token) -> bool:
    """ "fire" as shooting, not a blaze: opened, returned or came under; artillery or Armenian fire; fire
    directed at positions; fire on troops."""
    if (
        token.lemma_.lower() != "fire"
        or token.pos_ != "NOUN"
        or token.tag_ != "NN"
        or token.dep_ == "compound"
    ):
        return False
    head = token.head
    preps = [c for c in (*token.children, *head.children) if c.dep_ == "prep"]
    aimed = any(
        p.lower_ in AIMED_PREPS
        and (obj := pobj(p)) is not None
        and obj.lemma_.lower() in FIRE_TARGETS | {"direction"}
        for p in preps
    )
    if token.dep_ == "pobj" and head.lower_ == "under":  # "came under fire"
        verb = head.head
        if any(c.dep_ == "prep" and c.lower_ in {"for", "over"} for c in (*verb.children, *token.children)):
            return False  # "came under fire for his remarks": criticism
        sources = [o for c in (*verb.children, *token.children) if c.lower_ == "from" and (o := pobj(c))]
        if any(o.lemma_.lower() in CRITICS for o in sources):
            return False
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        target = subject is not None and subject.lemma_.lower() in FIRE_TARGETS
        return target or _weapon_or_side(token) or aimed
    if token.dep_ == "dobj" and head.lemma_.lower() in GUNFIRE_VERBS:
        return True
    if token.dep_ == "nsubjpass" and head.lemma_.lower() in {"direct", "aim"}:
        return True
    if token.dep_ == "dobj" and head.lemma_.lower() == "report":
        return aimed or _weapon_or_side(token)
    # "fire on the troops": aimed at a target by the noun's own preposition.
    own = any(
        p.dep_ == "prep"
        and p.lower_ in AIM_PREPS
        and (obj := pobj(p)) is not None
        and obj.lemma_.lower() in FIRE_TARGETS
        for p in token.children
    )
    return own or _weapon_or_side(token)


NOT_WARS = word_set(WORDS, "not_wars")
NOT_INVASIONS = word_set(WORDS, "not_invasions")


def _is_war(token: Token) -> bool:
    """ "the 2020 war", "a two-year war": not "war crimes", "price war", "war of words", "war on drugs"."""
    if token.dep_ in {"compound", "npadvmod"} or token.head.lemma_.lower() in {
        "prisoner",
        "crime",
        "criminal",
    }:
        return False
    if any(c.lemma_.lower() in NOT_WARS for c in token.children if c.dep_ in {"compound", "amod", "nmod"}):
        return False
    for prep in (c for c in token.children if c.dep_ == "prep"):
        obj = pobj(prep)
        if obj is None:
            continue
        if prep.lower_ == "of" and obj.lemma_.lower() in {"word", "nerve"}:
            return False
        if prep.lower_ == "on" and obj.ent_type_ not in {"GPE", "NORP", "LOC", "ORG"}:
            return False  # "war on drugs", "war on poverty"; "war on Ukraine" is a war
    return True


def _is_invasion(token: Token) -> bool:
    """An army's invasion, not "invasion of privacy", a "home invasion" or a "pitch invasion"."""
    words = {w.lemma_.lower() for c in token.children for w in c.subtree}
    return not words & NOT_INVASIONS


MILITARY_OPERATION = word_set(WORDS, "military_operation")
MILITARY_WORDS = word_set(WORDS, "military_words")


def _operation_modifiers(token: Token) -> set[str]:
    return {
        w.lower_
        for c in token.children
        if c.dep_ in {"amod", "compound", "nmod"}
        for w in c.subtree
        if w.pos_ in {"ADJ", "NOUN", "PROPN", "VERB"}
    }


def _is_military_operation(token: Token) -> bool:
    """ "a military operation", "Azerbaijan's anti-terrorist operation"; "the operation" or "its
    operation" only in a sentence about the military, or after a military operation in the same text.
    Never "the operation of the factory", "rescue operation" or "its operations in Sudan"."""
    modifiers = _operation_modifiers(token)
    if modifiers & MILITARY_OPERATION:
        return True
    if modifiers or token.tag_ != "NN" or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return False
    if not any(c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an"} for c in token.children):
        return False
    if any(t.lemma_.lower() in MILITARY_WORDS for t in token.sent if t.i != token.i):
        return True
    return any(
        t.lemma_.lower() == "operation" and _operation_modifiers(t) & MILITARY_OPERATION
        for t in token.doc[: token.sent.start]
    )


def _is_killing(token: Token) -> bool:
    """ "the killings of civilians", not "made a killing"."""
    return not (token.dep_ == "dobj" and token.head.lemma_.lower() == "make")


MILITARY_SUBJECTS = word_set(WORDS, "military_subjects")


def _subject_of(token: Token) -> Token | None:
    """The verb's subject, or its governor's ("forces shelled X and pushed into Y", "tried to advance")."""
    current = token
    for _ in range(3):
        subject = next((c for c in current.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None or current.dep_ not in {"xcomp", "conj", "advcl"}:
            return subject
        current = current.head
    return None


def _military_move(token: Token) -> bool:
    """ "Troops advanced", "forces pushed into": a military subject moving, with no object ("advanced
    talks") except the positions it took up."""
    subject = _subject_of(token)
    if subject is None or subject.lemma_.lower() not in MILITARY_SUBJECTS:
        return False
    return not any(c.dep_ == "dobj" for c in token.children) or token.lemma_.lower() == "take"


DISSENT = word_set(WORDS, "dissent")


def _is_repression(token: Token) -> bool:
    """ "the crackdown", "a crackdown on protesters"; not "a crackdown on tax evasion"."""
    targets = [o for c in token.children if c.dep_ == "prep" and c.lower_ == "on" and (o := pobj(c))]
    return all(o.lemma_.lower() in DISSENT for o in targets)


PROTESTERS = word_set(WORDS, "protesters")


def _protesters_act(token: Token) -> bool:
    """ "Protesters gathered outside ...", "crowds chanted": the subject is the protesting crowd."""
    subject = _subject_of(token)
    if subject is not None and subject.lemma_.lower() in {"thousand", "hundred", "dozen", "number"}:
        subject = next((pobj(c) for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return subject is not None and subject.lemma_.lower() in PROTESTERS


PHONES = word_set(WORDS, "phones")


def _is_conversation(token: Token) -> bool:
    """ "spoke by phone", "spoke with Pashinyan"; not "spoke with reporters"."""
    for prep in (c for c in token.children if c.dep_ == "prep"):
        obj = pobj(prep)
        if obj is None:
            continue
        if prep.lower_ == "by" and obj.lemma_.lower() in PHONES:
            return True
        if prep.lower_ == "with" and (obj.ent_type_ in {"PERSON", "GPE"} or obj.pos_ == "PROPN"):
            return True
    return False


TRAVEL_NOT_DIPLOMATIC = word_set(WORDS, "travel_not_diplomatic")


def _is_official_visit(token: Token) -> bool:
    """ "Pelosi's visit to Taiwan", "a visit to Yerevan"; "the visit" after such a visit in the same text;
    not "a visit to the doctor" or "site visits"."""
    words = {w.lemma_.lower() for c in token.children for w in c.subtree}
    if words & TRAVEL_NOT_DIPLOMATIC:
        return False
    if _official_travel(token):
        return True
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) and any(
        t.lemma_.lower() in {"visit", "trip", "arrive"} and _official_travel(t)
        for t in token.doc[: token.sent.start]
    )


def _official_travel(token: Token) -> bool:
    """A named person or state travelling: their visit (by possessive) or to a named place."""
    if token.lemma_.lower() == "arrive":
        subject = _subject_of(token)
        return subject is not None and subject.ent_type_ == "PERSON" and _to_named_place(token, {"in"})
    if any(c.dep_ == "poss" and c.ent_type_ in {"PERSON", "GPE", "NORP"} for c in token.children):
        return True
    return _to_named_place(token, {"to"})


def _to_named_place(token: Token, preps: set[str]) -> bool:
    return any(
        c.dep_ == "prep"
        and c.lower_ in preps
        and (o := pobj(c)) is not None
        and o.ent_type_ in {"GPE", "LOC"}
        for c in token.children
    )


MEETING_BODIES = word_set(WORDS, "meeting_bodies")
SESSION_KINDS = word_set(WORDS, "session_kinds")
NOT_SESSIONS = word_set(WORDS, "not_sessions")


def _is_diplomatic_session(token: Token) -> bool:
    """ "an emergency session of the organisation's leaders", "a Security Council session"; not a court's
    session, a trading session or a training session."""
    words = {w.lemma_.lower() for c in token.children for w in c.subtree}
    if words & NOT_SESSIONS:
        return False
    left = {w.lemma_.lower() for c in token.lefts for w in c.subtree}
    return bool(words & SESSION_KINDS or left & MEETING_BODIES) or any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and (o := pobj(c)) is not None
        and o.lemma_.lower() in MEETING_BODIES
        for c in token.children
    )


GATES: dict[tuple[str, str], Callable[[Token], bool]] = {
    ("fire", "NOUN"): is_gunfire,
    ("war", "NOUN"): _is_war,
    ("invasion", "NOUN"): _is_invasion,
    ("invade", "VERB"): _is_invasion,
    ("operation", "NOUN"): _is_military_operation,
    ("killing", "NOUN"): _is_killing,
    ("advance", "VERB"): _military_move,
    ("push into", "VERB"): _military_move,
    ("push towards", "VERB"): _military_move,
    ("push toward", "VERB"): _military_move,
    ("take up position", "VERB"): _military_move,
    ("crackdown", "NOUN"): _is_repression,
    ("gather", "VERB"): _protesters_act,
    ("chant", "VERB"): _protesters_act,
    ("speak with", "VERB"): _is_conversation,
    ("speak by", "VERB"): _is_conversation,
    ("visit", "NOUN"): _is_official_visit,
    ("trip", "NOUN"): _is_official_visit,
    ("arrive in", "VERB"): _is_official_visit,
    ("session", "NOUN"): _is_diplomatic_session,
}


def pobj(prep: Token) -> Token | None:
    return next((g for g in prep.children if g.dep_ == "pobj"), None)
