"""Claims: every event and figure is a claim by someone, and a denial is a claim against another.

The claimant of an event or figure is the speaker of the innermost reporting frame that governs it;
the frames around it, from the outlet inwards, are its relay chain ("Azernews reports, citing the
Turkish media" + "Cavusoglu stressed that ..." gives Cavusoglu relayed by Azernews <- Turkish media).
A quotation takes the frame that closes it. A sentence with no frame of its own takes the frame at the
end of its paragraph, or, when it opens with a continuation ("Moreover", "In addition"), the frame of the
sentence before; with none at all, the outlet is the claimant.

A denial frame ("dismissed the information circulated in Armenian social media concerning the supposed
shelling ...") makes the events in its object denied content: each keeps a claim by its original source
(here Armenian social media, or no known claimant) and gets a claim with stance ``denies`` by the
denier, linked by a ``denies`` Relation. A later denial of "this information" is linked the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sitreps.extract.found import Found
from sitreps.extract.frames import (
    DENIAL_VERBS,
    PERSONAL_PRONOUNS,
    REPORTING_VERBS,
    Frame,
    FrameIndex,
    frame_index,
    last_person_before,
    quote_frame_at,
)
from sitreps.extract.reference import actor_of
from sitreps.extract.spans import of_doc_span, of_subtree
from sitreps.model import Actor, Article, Claim, Relation, Span, Stance, SubjectKind, record_id
from sitreps.nlp.wordlists import word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

WORDS = "claim_words.toml"  # what each list is for: see the file
# Verbs by which a body gives or updates a casualty tally ("the ministry put its losses at 77", "it
# raised the toll to 80"): their subject is the claimant of the figure, inside any frame around them.
TALLY_VERBS = word_set(WORDS, "tally_verbs")
SOURCE_VERBS = word_set(WORDS, "source_verbs")
ANAPHORIC_CONTENT = word_set(WORDS, "anaphoric_content")


@dataclass
class _Context:
    article: Article
    doc: Doc
    found: Found
    outlet: Actor | None
    frames: FrameIndex
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    denied: list[Claim] = field(default_factory=list)  # assertion claims of denied content so far


def _chain(ctx: _Context, frames: list[Frame]) -> tuple[Actor | None, list[str], Stance, Frame | None]:
    """(claimant, relay, stance, innermost frame) from frames outer first."""
    chain: list[Actor] = []
    for frame in frames:
        if frame.speaker is not None:
            chain.append(frame.speaker)
        if frame.cited is not None:
            chain.append(frame.cited)
    if ctx.outlet is not None and (not chain or chain[0] != ctx.outlet):
        chain.insert(0, ctx.outlet)
    unique = list({a.id: a for a in chain}.values())
    inner = frames[-1] if frames else None
    if inner is not None and inner.speaker is None and inner.cited is None:
        return None, [a.id for a in unique], inner.stance, inner  # an unnamed source ("critics said")
    claimant = unique[-1] if unique else None
    relay = [a.id for a in unique[:-1]]
    return claimant, relay, (inner.stance if inner else "asserts"), inner


def _statement(ctx: _Context, frame: Frame | None) -> Span | None:
    if frame is None:
        return None
    content = next((c for c in frame.verb.children if c.dep_ in {"ccomp", "dobj"}), None)
    return of_subtree(ctx.article, content) if content is not None else None


def _said_on(ctx: _Context, frame: Frame | None) -> date | None:
    """When the claim was made: a day attached to the reporting verb ("said on Thursday"), else the
    publication date."""
    if frame is not None:
        start, end = frame.verb.idx, frame.verb.idx + len(frame.verb.text)
        for child in frame.verb.children:
            if child.dep_ in {"prep", "npadvmod"}:
                words = list(child.subtree)
                start, end = min(start, words[0].idx), max(end, words[-1].idx + len(words[-1].text))
        for time in ctx.found.times:
            if start <= time.mention.start < end and time.precision == "day" and time.start is not None:
                return time.start
    return ctx.article.published


def _claim(
    ctx: _Context,
    subject: str,
    kind: SubjectKind,
    claimant: Actor | None,
    relay: list[str],
    stance: Stance,
    statement: Span | None,
    evidence: Span,
    quoted: bool,
    frame: Frame | None = None,
) -> Claim:
    claim = Claim(
        id=record_id("cl", ctx.article.id, subject, claimant.id if claimant else "", stance),
        subject=subject,
        subject_kind=kind,
        statement=statement,
        claimant=claimant.id if claimant else None,
        relay=[r for r in relay if not claimant or r != claimant.id],
        stance=stance,
        quoted=quoted,
        said_on=_said_on(ctx, frame),
        evidence=evidence,
    )
    if all(c.id != claim.id for c in ctx.claims):  # a second denial of the same content by the same body
        ctx.claims.append(claim)
    return claim


def _original_source(content: Token, ctx: _Context) -> Actor | None:
    """Who put denied content about: "information circulated in X", "reports by X", "X's claims",
    "Russian claims"."""
    for t in content.subtree:
        if t.lemma_.lower() in SOURCE_VERBS and t.dep_ in {"acl", "relcl"}:
            for prep in t.children:
                obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if prep.dep_ in {"prep", "agent"} and obj is not None and (actor := actor_of(obj, ctx.found)):
                    return actor
    for child in content.children:
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and (actor := actor_of(obj, ctx.found)) is not None:
                return actor
    if content.lemma_.lower() in ANAPHORIC_CONTENT:
        return actor_of(content, ctx.found)  # "X's claims", "Russian claims" (a modifier names the source)
    return None


CONTENT_DEPS = {"dobj", "ccomp", "xcomp"}


def _denial_frame(ctx: _Context, token: Token) -> Frame | None:
    """The frame of a denial verb: its own, or the quotation's speaker for "We deny ..."."""
    frame = next((f for f in ctx.frames.by_sentence.get(token.sent.start, []) if f.verb == token), None)
    if frame is not None:
        return frame
    quoted = quote_frame_at(token.idx, ctx.frames.quotes)
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if quoted is None or subject is None or subject.lower_ not in {"we", "i"}:
        return None
    return Frame(token, quoted.speaker, None, "denies")


def _deny(ctx: _Context, frame: Frame, assertion: Claim, statement: Span | None, evidence: Span) -> None:
    """A claim by the denier against what another claimant asserted, and the relation between them."""
    quoted = quote_frame_at(frame.verb.idx, ctx.frames.quotes) is not None
    relay = [ctx.outlet.id] if ctx.outlet else []
    subject = assertion.subject or ""
    denial = _claim(
        ctx,
        subject,
        assertion.subject_kind,
        frame.speaker,
        relay,
        "denies",
        statement,
        evidence,
        quoted,
        frame,
    )
    relation = Relation(kind="denies", **{"from": denial.id}, to=assertion.id, evidence=evidence)
    # One relation per (kind, from, to), as the store keys them: the same denial of the same claim met
    # again (another evidence span) keeps its first evidence.
    if not any((r.kind, r.from_, r.to) == ("denies", denial.id, assertion.id) for r in ctx.relations):
        ctx.relations.append(relation)


def _denials(
    ctx: _Context, subjects: dict[int, tuple[str, SubjectKind]], by_subject: dict[str, Claim]
) -> None:
    """Denied content keeps a claim by its original source; the denier's claim denies it."""
    sentences = list(ctx.doc.sents)
    for index, sentence in enumerate(sentences):
        for token in sentence:
            if token.lemma_.lower() not in DENIAL_VERBS or token.pos_ != "VERB":
                continue
            frame = _denial_frame(ctx, token)
            content = next((c for c in token.children if c.dep_ in CONTENT_DEPS), None)
            evidence = of_doc_span(ctx.article, sentence)
            if frame is None or content is None or evidence is None:
                continue
            statement = of_subtree(ctx.article, content)
            inside = {t.idx for t in content.subtree}
            inner = [s for i, s in subjects.items() if i in inside]
            source = _original_source(content, ctx)
            relay = [ctx.outlet.id] if ctx.outlet else []
            for subject_id, kind in inner:
                assertion = _claim(
                    ctx, subject_id, kind, source, relay, "asserts", statement, evidence, False
                )
                _deny(ctx, frame, assertion, statement, evidence)
                ctx.denied.append(assertion)
            if inner or content.lemma_.lower() not in ANAPHORIC_CONTENT:
                continue
            # "We categorically deny this information", "Moscow dismissed the claim": what was denied or
            # asserted by someone else just before.
            targets = list(ctx.denied)
            if not targets:
                earlier = {s.start_char for s in sentences[max(0, index - 2) : index]}
                targets = [
                    c
                    for c in by_subject.values()
                    if c.stance == "asserts"
                    and (frame.speaker is None or c.claimant != frame.speaker.id)
                    and c.evidence.start in earlier
                ]
            for assertion in targets:
                _deny(ctx, frame, assertion, statement, evidence)


def _tally_giver(ctx: _Context, token: Token) -> Actor | None:
    """Who gives the tally a figure is a value of: the subject of the nearest tally verb above it ("it"
    is the claimant of the figure before, "he" the person named last), or None."""
    for verb in token.ancestors:
        lemma = verb.lemma_.lower()
        if verb.pos_ == "VERB" and lemma in REPORTING_VERBS:
            return None  # a reporting frame above the figure speaks for it
        if verb.pos_ != "VERB" or lemma not in TALLY_VERBS:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        if subject.lower_ in {"it", "they"}:
            start = token.sent.start_char
            earlier = [c for c in ctx.claims if c.subject_kind == "figure" and c.evidence.start < start]
            actors = {a.id: a for a in ctx.found.actors}
            return actors.get(earlier[-1].claimant or "") if earlier else None
        if subject.lower_ in PERSONAL_PRONOUNS:
            return last_person_before(subject.idx, ctx.found)
        return actor_of(subject, ctx.found)
    return None


def extract_claims(doc: Doc, article: Article, found: Found) -> list[Claim]:
    """Claims for every event and figure (and denial relations, added to ``found.relations``)."""
    outlet = next((a for a in found.actors if a.kind == "media" and a.name == article.outlet), None)
    ctx = _Context(article, doc, found, outlet, frame_index(doc, found))
    subjects: dict[int, tuple[str, SubjectKind]] = {e.trigger.start: (e.id, "event") for e in found.events}
    subjects |= {f.span.start: (f.id, "figure") for f in found.figures}
    by_subject: dict[str, Claim] = {}
    for at, (subject, kind) in sorted(subjects.items()):
        token = ctx.frames.token_at(at)
        evidence = of_doc_span(article, token.sent) if token is not None else None
        if token is None or evidence is None:
            continue
        claimant, relay, stance, inner = _chain(ctx, ctx.frames.governing(token))
        giver = _tally_giver(ctx, token) if kind == "figure" else None
        if giver is not None and (claimant is None or giver.id != claimant.id):
            relay = [*relay, claimant.id] if claimant is not None and claimant.id not in relay else relay
            claimant = giver
        quoted = quote_frame_at(token.idx, ctx.frames.quotes) is not None
        by_subject[subject] = _claim(
            ctx, subject, kind, claimant, relay, stance, _statement(ctx, inner), evidence, quoted, inner
        )
    _denials(ctx, subjects, by_subject)
    found.relations.extend(ctx.relations)
    return ctx.claims
