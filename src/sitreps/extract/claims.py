"""Claims: every event and figure is a claim by someone.

A reporting frame in the sentence ("X said", "X reports, citing Y", "according to X") names the
claimant and the relay chain, outlet first; with no frame, the outlet itself is the claimant. A
reporting verb of denial ("denied", "dismissed", "refuted") gives the stance ``denies``. Linking a denial
to the claim it denies, quotes and statements are the extraction issue's depth.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitreps.extract.found import Found
from sitreps.extract.spans import of_doc_span, of_subtree
from sitreps.model import Actor, Article, Claim, Span, Stance, SubjectKind, record_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

REPORTING_VERBS = {
    "say",
    "report",
    "state",
    "detail",
    "announce",
    "claim",
    "tell",
    "write",
    "add",
    "stress",
    "emphasize",
    "emphasise",
    "note",
    "confirm",
    "declare",
    "allege",
    "insist",
    "warn",
    "deny",
    "dismiss",
    "refute",
    "reject",
    "accuse",
}
DENIAL_VERBS = {"deny", "dismiss", "refute", "reject"}
QUOTE_MARKS = '"“”'


class _Frame:
    """A reporting frame: the speaker, the outlet relaying it, and the verb that frames the content."""

    def __init__(self, verb: Token, speaker: Actor | None, cited: Actor | None, stance: Stance) -> None:
        self.verb, self.speaker, self.cited, self.stance = verb, speaker, cited, stance


def _subject_actor(verb: Token, found: Found) -> Actor | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            words = list(child.subtree)
            return found.actor_within(words[0].idx, words[-1].idx + len(words[-1].text))
    return None


def _frames(sentence: DocSpan, found: Found) -> list[_Frame]:
    frames = []
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in REPORTING_VERBS:
            speaker = _subject_actor(token, found)
            if speaker is None:
                continue
            cited = None
            for child in token.subtree:
                if child.lemma_.lower() == "cite":
                    objs = [g for g in child.children if g.dep_ == "dobj"]
                    if objs:
                        words = list(objs[0].subtree)
                        cited = found.actor_within(words[0].idx, words[-1].idx + len(words[-1].text))
            stance: Stance = "denies" if lemma in DENIAL_VERBS else "asserts"
            frames.append(_Frame(token, speaker, cited, stance))
        elif token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
            objs = [g for g in token.nbor(1).children if g.dep_ == "pobj"]
            if objs:
                words = list(objs[0].subtree)
                speaker = found.actor_within(words[0].idx, words[-1].idx + len(words[-1].text))
                if speaker is not None:
                    frames.append(_Frame(token, speaker, None, "asserts"))
    return frames


def _claim(
    article: Article, subject: str, kind: SubjectKind, at: int, doc: Doc, found: Found, outlet: Actor | None
) -> Claim | None:
    token = next((t for t in doc if t.idx <= at < t.idx + len(t.text)), None)
    if token is None:
        return None
    sentence = token.sent
    evidence = of_doc_span(article, sentence)
    if evidence is None:
        return None
    frame = next((f for f in _frames(sentence, found) if f.verb != token), None)
    relay: list[str] = []
    statement: Span | None = None
    stance: Stance = "asserts"
    if frame is not None and frame.speaker is not None:
        speaker = frame.speaker
        if frame.speaker.kind == "media" and frame.cited is not None:
            relay, speaker = [frame.speaker.id], frame.cited
        elif outlet is not None and outlet.id != frame.speaker.id:
            relay = [outlet.id]
        claimant: str | None = speaker.id
        stance = frame.stance
        statement = next((of_subtree(article, c) for c in frame.verb.children if c.dep_ == "ccomp"), None)
    else:
        claimant = outlet.id if outlet is not None else None
    quoted = any(ch in sentence.text for ch in QUOTE_MARKS)
    return Claim(
        id=record_id("cl", article.id, subject),
        subject=subject,
        subject_kind=kind,
        statement=statement,
        claimant=claimant,
        relay=relay,
        stance=stance,
        quoted=quoted,
        said_on=article.published,
        evidence=evidence,
    )


def extract_claims(doc: Doc, article: Article, found: Found) -> list[Claim]:
    """One Claim per event and per figure, with its claimant, relay chain and stance."""
    outlet = next((a for a in found.actors if a.kind == "media" and a.name == article.outlet), None)
    claims = []
    subjects: list[tuple[str, SubjectKind, int]] = [(e.id, "event", e.trigger.start) for e in found.events]
    subjects += [(f.id, "figure", f.span.start) for f in found.figures]
    for subject, kind, at in subjects:
        claim = _claim(article, subject, kind, at, doc, found, outlet)
        if claim is not None:
            claims.append(claim)
    return claims
