"""Events: who did what to whom, found from trigger words of the ontology's lexicon.

A verb or noun whose lemma is in ``ontology/triggers.tsv`` is a trigger; actor1 comes from the subject
(or a passive "by" agent), actor2 from the object or a prepositional object, further subjects joined by
"and" are associated actors. Negation, modality and habitual adverbs set the flags. The event takes the
time and places mentioned in its sentence. The extraction issue deepens all of this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitreps.extract.found import Found
from sitreps.extract.spans import of_doc_span, of_token
from sitreps.model import Actor, Article, Event, record_id
from sitreps.ontology import Trigger, triggers

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MODALS = {"must", "should", "would", "could", "may", "might", "shall", "ought"}
HABITUAL = {
    "periodically",
    "regularly",
    "routinely",
    "often",
    "frequently",
    "repeatedly",
    "constantly",
    "usually",
}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
OBJECT_DEPS = {"dobj", "attr", "pobj"}
OBJECT_PREPS = {"on", "with", "against", "at", "to"}


def trigger_for(token: Token) -> Trigger | None:
    """The lexicon entry for a token, by lemma and coarse part of speech."""
    pos = "VERB" if token.pos_ in {"VERB", "AUX"} else "NOUN" if token.pos_ in {"NOUN", "PROPN"} else None
    if pos is None:
        return None
    table = triggers()
    return table.get((token.lemma_.lower(), pos)) or table.get((token.text.lower(), pos))


def _actor_of(token: Token, article: Article, found: Found) -> Actor | None:
    """The actor a noun phrase refers to: a mention inside the phrase headed by this token."""
    words = [t for t in token.subtree if t.dep_ not in {"relcl", "acl", "appos"} or t == token]
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    return found.actor_within(start, end)


def _arguments(
    token: Token, article: Article, found: Found
) -> tuple[Actor | None, Actor | None, list[Actor]]:
    subject = obj = None
    associated: list[Actor] = []
    for child in token.children:
        if child.dep_ in SUBJECT_DEPS and subject is None:
            subject = _actor_of(child, article, found)
            associated += [a for c in child.conjuncts if (a := _actor_of(c, article, found)) is not None]
        elif child.dep_ == "agent":
            agents = [g for g in child.children if g.dep_ == "pobj"]
            if agents:
                subject = _actor_of(agents[0], article, found)
        elif child.dep_ == "dobj" and obj is None:
            obj = _actor_of(child, article, found)
        elif child.dep_ == "prep" and child.lower_ in OBJECT_PREPS and obj is None:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                obj = _actor_of(objects[0], article, found)
        elif child.dep_ == "poss" and subject is None:
            subject = _actor_of(child, article, found)
    associated = [a for a in associated if a not in (subject, obj)]
    unique = {a.id: a for a in associated}  # actors hold lists, so they are not hashable
    return subject, obj, list(unique.values())


def _flags(token: Token) -> tuple[bool, bool, bool]:
    """(negated, hypothetical, habitual) from the trigger's own dependents and its verb head."""
    scope = [token, *([token.head] if token.dep_ in {"xcomp", "dobj", "pobj", "nsubj"} else [])]
    children = [c for t in scope for c in t.children]
    negated = any(c.dep_ == "neg" for c in children)
    hypothetical = any(c.dep_ == "aux" and c.lower_ in MODALS for c in children)
    habitual = any(c.dep_ == "advmod" and c.lower_ in HABITUAL for c in children)
    return negated, hypothetical, habitual


def extract_events(doc: Doc, article: Article, found: Found) -> list[Event]:
    """One Event per trigger token, with actors, flags, and the time and places of its sentence."""
    events: list[Event] = []
    for token in doc:
        trigger = trigger_for(token)
        if trigger is None:
            continue
        sentence = of_doc_span(article, token.sent)
        if sentence is None:
            continue
        actor1, actor2, associated = _arguments(token, article, found)
        negated, hypothetical, habitual = _flags(token)
        in_sentence = range(sentence.start, sentence.end + 1)
        times = [t for t in found.times if t.mention.start in in_sentence]
        time = min(times, key=lambda t: abs(t.mention.start - token.idx)) if times else None
        places = [p.id for p in found.places if p.mention.start in in_sentence and not p.metonymic]
        events.append(
            Event(
                id=record_id("ev", article.id, token.idx, trigger.plover),
                plover=trigger.plover,
                mode=trigger.mode,
                acled_event_type=trigger.acled_event_type,
                acled_sub_event_type=trigger.acled_sub_event_type,
                cameo_root=trigger.cameo_root,
                actor1=actor1.id if actor1 else None,
                actor2=actor2.id if actor2 else None,
                associated=[a.id for a in associated],
                time=None if habitual or time is None else time.id,
                places=places,
                habitual=habitual,
                negated=negated,
                hypothetical=hypothetical,
                trigger=of_token(article, token),
                sentence=sentence,
                confidence=0.5,
            )
        )
    return events
